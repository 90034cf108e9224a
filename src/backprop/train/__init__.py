"""Training and evaluation loops."""

from .loop import Trainer, evaluate, fit, format_row, predict
