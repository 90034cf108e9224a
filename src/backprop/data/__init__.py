"""Data: file readers (IDX, NPZ, CSV) and datasets by name."""

from .datasets import Dataset, KNOWN, check_arrays, load_dataset, load_idx_dir
from .idx import load_csv, load_npz, read_idx
