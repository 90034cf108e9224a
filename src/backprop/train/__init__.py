"""Training: the loop (:mod:`.loop`) and the recipe every front end shares (:mod:`.recipe`)."""

from .loop import Display, RunState, TrainConfig, Trainer, evaluate, fit, format_row, predict
