"""Files: models and checkpoints in safetensors (never pickle), written atomically."""

from .atomic import write_atomic
from .model_file import load, read, save
