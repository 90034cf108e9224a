"""Data: file readers (IDX, NPZ, CSV), datasets by name and toy datasets of the plane."""

from .csv_table import load_csv
from .catalog import DATASETS, KNOWN
from .datasets import (Dataset, check_arrays, count_classes, load_dataset, load_entry,
                       load_idx_dir, split)
from .idx import read_idx
from .npz import load_npy, load_npz
from .toy import TOYS, make_toy
