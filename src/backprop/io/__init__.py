"""Files: models and checkpoints in safetensors (never pickle), written atomically."""

from .atomic import write_atomic
from .checkpoint import Checkpoint, load_checkpoint, save_checkpoint
from .model_file import load, load_state_dict, read, save

__all__ = ["write_atomic", "Checkpoint", "load_checkpoint", "save_checkpoint", "load", "read",
           "load_state_dict", "save"]
