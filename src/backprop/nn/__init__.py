"""Networks: modules that own parameters and call :mod:`backprop.functional` (no backward
code lives here). One file per family, as torch.nn. Each layer declares, beside its class,
its grammar name, shapes, initialisation, ONNX export and torch twin (see :mod:`.layer`).
Every name in a family file's ``__all__`` is exported here, so a new layer is one file."""

from . import (activation, adaptive_pooling, container, conv, dropout, flatten, init, linear, loss,
               normalization, pooling, utils)
from . import functional  # backprop.functional under torch.nn.functional's name
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

# The public names, so that a type checker (and ``import *``) sees what the package exports.
__all__ = ["functional", "init", "utils", "Layer", "Module", "Parameter", "Sequential"]
__all__ += activation.__all__
__all__ += adaptive_pooling.__all__
__all__ += container.__all__
__all__ += conv.__all__
__all__ += dropout.__all__
__all__ += flatten.__all__
__all__ += linear.__all__
__all__ += loss.__all__
__all__ += normalization.__all__
__all__ += pooling.__all__
