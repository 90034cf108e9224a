"""Files: models and checkpoints in safetensors (never pickle), written atomically."""

from .atomic import check_writable, remove_stale_temporaries, write_atomic
from .checkpoint import Checkpoint, load_checkpoint, save_checkpoint
from .model_file import load, read, save

__all__ = ["write_atomic", "check_writable", "remove_stale_temporaries", "Checkpoint",
           "load_checkpoint", "save_checkpoint", "load", "read", "save"]
