"""Optimisers as small classes holding state and one update rule, as torch.optim."""

from . import lr_scheduler
from .adam import Adam, AdamW
from .optimizer import Optimizer
from .sgd import SGD
