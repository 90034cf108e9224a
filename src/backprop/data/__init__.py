"""Data: file readers (IDX, NPZ, CSV) and datasets by name."""

from .csv_table import load_csv
from .datasets import Dataset, KNOWN, check_arrays, count_classes, load_dataset, load_idx_dir
from .idx import read_idx
from .npz import load_npy, load_npz
