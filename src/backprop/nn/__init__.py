"""Networks: modules that own parameters and call :mod:`backprop.functional` (no backward
code lives here). One file per family, as torch.nn. Each layer declares, beside its class,
its grammar name, shapes, initialisation, ONNX export and torch twin (see :mod:`.layer`).
Every name in a family file's ``__all__`` is exported here, so a new layer is one file."""

from . import init, utils
from .activation import *  # noqa: F403
from .adaptive_pooling import *  # noqa: F403
from .container import *  # noqa: F403
from .conv import *  # noqa: F403
from .dropout import *  # noqa: F403
from .layer import Layer
from .linear import *  # noqa: F403
from .loss import *  # noqa: F403
from .module import Module, Parameter, Sequential
from .normalization import *  # noqa: F403
from .pooling import *  # noqa: F403
from .flatten import *  # noqa: F403
