"""Networks: modules that own parameters and call :mod:`backprop.functional` (no backward
code lives here). One file per family, as torch.nn. Each layer declares, beside its class,
its grammar name, shapes, initialisation, ONNX export and torch twin (see :mod:`.layer`)."""

from . import init, utils
from .activation import *  # noqa: F403 - every layer in activation.__all__
from .activations_extra import *  # noqa: F403 - LeakyReLU, ELU, GELU, SiLU
from .adaptive_pooling import AdaptiveAvgPool2d
from .container import ModuleDict, ModuleList
from .conv import Conv1d, Conv2d
from .layer import Layer
from .linear import Linear
from .loss import BCELoss, BCEWithLogitsLoss, CrossEntropyLoss, MSELoss, NLLLoss
from .module import Module, Parameter, Sequential
from .normalization import BatchNorm1d, BatchNorm2d, LayerNorm
from .pooling import AvgPool1d, AvgPool2d, MaxPool1d, MaxPool2d
from .unflatten import Unflatten
