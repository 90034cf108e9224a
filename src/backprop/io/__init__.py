"""Files: models and checkpoints in safetensors (never pickle), written atomically."""

from .atomic import check_writable, remove_stale_temporaries, write_atomic
from .checkpoint import Checkpoint, load_checkpoint, save_checkpoint
from .model_file import load, load_saved, load_state_dict, read, save
from .regular import open_regular, require_regular, write_target

__all__ = ["write_atomic", "check_writable", "remove_stale_temporaries", "Checkpoint",
           "load_checkpoint", "save_checkpoint", "load", "load_saved", "load_state_dict", "read", "save",
           "require_regular", "open_regular", "write_target"]
