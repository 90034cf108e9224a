"""Data: file readers (IDX, NPZ, CSV) and datasets by name."""

from .csv_table import load_csv
from .catalog import DATASETS, KNOWN
from .datasets import Dataset, check_arrays, count_classes, load_dataset, load_idx_dir, split
from .idx import read_idx
from .npz import load_npy, load_npz
