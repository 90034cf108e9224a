"""Datasets by name: each entry says where its files are, how they are read, its quirks and
whom to cite. A new dataset is one entry in ``DATASETS``.

``--data NAME`` and :func:`backprop.data.load_dataset` look names up here; anything else is
read as a path (a directory of IDX files, an ``.npz`` or a ``.csv``). This is data only: the
readers (:mod:`.datasets`) read an entry's files as its ``format`` and quirks say.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import DataError

FILES = Path(__file__).with_name("files")

__all__ = ["Entry", "Table", "DATASETS", "KNOWN", "FILES", "FORMATS"]

FORMATS = ("idx", "table")  # the ways the readers know to read an entry's files


@dataclass(frozen=True)
class Table:
    """A dataset shipped as one xz-compressed CSV: a header line, then per row ``features``
    numbers and the class; standardised with the training split's mean and deviation when
    ``standardise`` (features whose scales differ by orders of magnitude)."""

    file: str
    features: int
    test_fraction: float = 0.2
    standardise: bool = True


@dataclass(frozen=True)
class Entry:
    """One named dataset: ``format`` "idx" (a folder of the four IDX files) or "table" (the
    :class:`Table` in ``table``)."""

    name: str
    about: str                                  # what it is, and the reference to cite
    format: str = "idx"
    shipped: Path | None = None                 # folder inside the package, if shipped
    classes: tuple[str, ...] | None = None      # class names (default: "0", "1", …)
    column_major: bool = False                  # images stored transposed (EMNIST)
    letters_from_one: bool = False              # labels of a letters split count from 1
    table: Table | None = None                  # for format "table"

    def __post_init__(self) -> None:
        if self.format not in FORMATS or (self.format == "table") != (self.table is not None):
            raise DataError(f"dataset entry {self.name!r}: format must be one of {FORMATS}, "
                             f"with a Table exactly for 'table'")


_MNIST = Entry("mnist", "MNIST handwritten digits, shipped (LeCun, Bottou, Bengio & Haffner, "
               "1998)", "idx", shipped=FILES)

DATASETS: dict[str, Entry] = {e.name: e for e in (
    _MNIST,
    Entry("fashion-mnist", "Zalando's article images (Xiao, Rasul & Vollgraf, 2017, "
          "arXiv:1708.07747)", "idx",
          classes=("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt",
                   "Sneaker", "Bag", "Ankle boot")),
    Entry("kmnist", "Kuzushiji-MNIST, cursive Japanese (Clanuwat et al., 2018, "
          "arXiv:1812.01718)", "idx"),
    Entry("emnist", "EMNIST letters or digits (Cohen, Afshar, Tapson & van Schaik, 2017, "
          "arXiv:1702.05373)", "idx", column_major=True, letters_from_one=True),
    Entry("breast-cancer", "Breast Cancer Wisconsin (Diagnostic), 569 × 30, shipped (Wolberg, "
          "Street & Mangasarian, 1995, UCI Machine Learning Repository, doi:10.24432/C5DW2B, "
          "CC BY 4.0)", "table", shipped=FILES, classes=("malignant", "benign"),
          table=Table("breast-cancer-wisconsin.csv.xz", features=30)),
)}
DATASETS["default"] = _MNIST
KNOWN = tuple(DATASETS)
