"""Networks: modules that own parameters and call :mod:`backprop.functional` (no backward
code lives here). One file per family, as torch.nn."""

from . import init, utils
from .activation import (Dropout, Flatten, Identity, LogSoftmax, ReLU, Sigmoid, Softmax,
                         Softplus, Tanh)
from .conv import Conv1d, Conv2d
from .linear import Linear
from .loss import BCELoss, BCEWithLogitsLoss, CrossEntropyLoss, MSELoss, NLLLoss
from .module import Module, Parameter, Sequential
from .pooling import AvgPool1d, AvgPool2d, MaxPool1d, MaxPool2d
