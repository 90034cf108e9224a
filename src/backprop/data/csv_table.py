"""CSV tables of numbers: one label column and feature columns.

Read as UTF-8 (a byte-order mark is skipped), a block of lines at a time, so that memory
stays near the size of the final arrays. The first line is a header if every field is a
name, a row of data if every field is a number, and refused if it mixes the two. Blank
lines and ``#`` comments are skipped; every row must have the header's (or the first
row's) number of values, and a line that does not is named.
"""

from __future__ import annotations

import io
import os
import warnings

import numpy as np

from ..errors import DataError
from ..io.regular import open_regular
from .limits import MAX_CLASSES, MAX_CSV_BYTES, MAX_CSV_COLUMNS, dataset_budget

__all__ = ["load_csv", "read_csv_blocks"]

# Text parsed at a time: its lines as Python strings and its table in float64 take about
# fifteen times its size while it is parsed.
BLOCK_CHARS = 2**20
LABEL_DTYPE = np.min_scalar_type(MAX_CLASSES - 1)  # uint16: what a block keeps of a label


def load_csv(path: str | os.PathLike, label_column: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """``(features, labels)``: float32 features (N, D) and int64 labels from rows of numbers,
    one of whose columns (the first by default) is the label.

    Labels must be whole numbers in [0, MAX_CLASSES); features finite in float32. The first
    value that is not is named with its line.
    """
    features, labels = read_csv_blocks(path, label_column)
    x = np.concatenate(features)
    features.clear()
    return x, np.concatenate(labels).astype(np.int64)


def read_csv_blocks(path: str | os.PathLike, label_column: int = 0
                    ) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """The table as it was parsed: blocks of float32 features and of labels (uint16: a
    class number fits), in order, so that a caller can place them without a concatenated
    copy."""
    with open_regular(path, DataError) as raw:
        size = os.fstat(raw.fileno()).st_size
        if size > MAX_CSV_BYTES:
            raise DataError(f"{path}: {size} bytes is too large a CSV table to read (at most "
                            f"{MAX_CSV_BYTES})")
        text = io.TextIOWrapper(raw, encoding="utf-8-sig", newline=None)
        try:
            return _Reader(path, label_column).read(text)
        except UnicodeDecodeError as e:
            raise DataError(f"{path}: not UTF-8 text (byte {e.start} of a block: "
                            f"{e.reason})") from None


def _is_number(field: str) -> bool:
    try:
        float(field)
    except ValueError:
        return False
    return True


def _fields(line: str) -> list[str]:
    return [f.strip() for f in line.split("#", 1)[0].split(",")]


def _blank(line: str) -> bool:
    return not line.split("#", 1)[0].strip()


class _Reader:
    """One pass over the text: header, then blocks of rows parsed by NumPy."""

    def __init__(self, path, label_column: int) -> None:
        self.path, self.label_column = path, label_column
        self.columns = 0
        self.line = 0          # lines read so far
        self.features: list[np.ndarray] = []
        self.labels: list[np.ndarray] = []
        self.nbytes = 0

    def read(self, text: io.TextIOWrapper) -> tuple[list[np.ndarray], list[np.ndarray]]:
        pending = self._header(text)
        while True:
            lines = pending + text.readlines(BLOCK_CHARS)
            pending = []
            if not lines:
                break
            self._block(lines)
        if not self.features:
            raise DataError(f"{self.path}: needs a label column and at least one feature "
                            f"column, got no rows of data")
        return self.features, self.labels

    def _header(self, text: io.TextIOWrapper) -> list[str]:
        """Read up to the first non-blank line; skip it if it is a header. Returns the lines
        still to parse (the first line, if it is data)."""
        limit = MAX_CSV_COLUMNS * 64
        while True:
            first = text.readline(limit + 1)
            if not first:
                return []
            self.line += 1
            if len(first) > limit:
                raise DataError(f"{self.path}: line {self.line} is longer than {limit} "
                                f"characters; at most {MAX_CSV_COLUMNS} columns are read")
            if not _blank(first):
                break
        fields = _fields(first)
        self._set_columns(len(fields))
        numeric = [_is_number(f) for f in fields]
        if all(numeric):
            self.line -= 1  # parsed again with the data
            return [first]
        if any(numeric):
            shown = ", ".join(repr(f) for f in fields[:4]) + (", …" if len(fields) > 4 else "")
            raise DataError(f"{self.path}: line {self.line} mixes names and numbers ({shown}): "
                            f"neither a header nor a row of data; give every column a name, "
                            f"or remove the line")
        return []

    def _set_columns(self, n: int) -> None:
        if n > MAX_CSV_COLUMNS:
            raise DataError(f"{self.path}: line {self.line} has {n} columns; at most "
                            f"{MAX_CSV_COLUMNS} are read")
        if n < 2:
            raise DataError(f"{self.path}: needs a label column and at least one feature "
                            f"column, line {self.line} has {n} value")
        if not -n <= self.label_column < n:
            raise DataError(f"{self.path}: label column {self.label_column} is not one of the "
                            f"{n} columns")
        self.columns = n

    def _block(self, lines: list[str]) -> None:
        first = self.line + 1
        self.line += len(lines)
        for k, line in enumerate(lines):
            if len(line) > MAX_CSV_COLUMNS * 64:
                raise DataError(f"{self.path}: line {first + k} is longer than "
                                f"{MAX_CSV_COLUMNS * 64} characters")
        try:
            with warnings.catch_warnings():  # a block of comments only: no rows, no warning
                warnings.simplefilter("ignore", UserWarning)
                table = np.loadtxt(lines, delimiter=",", dtype=np.float64, ndmin=2,
                                   comments="#")
        except (ValueError, OverflowError):
            raise self._which_line(lines, first) from None
        if table.size == 0:
            return
        if table.shape[1] != self.columns:
            raise self._which_line(lines, first)
        labels = table[:, self.label_column]
        bad = ~((labels >= 0) & (labels < MAX_CLASSES) & (labels == np.round(labels)))
        if bad.any():
            row = int(np.argmax(bad))
            raise DataError(f"{self.path}: line {self._line_of(lines, first, row)}: label "
                            f"{labels[row]:g} in column {self.label_column} is not a class "
                            f"number (a whole number in [0, {MAX_CLASSES - 1}])")
        with np.errstate(over="ignore", invalid="ignore"):
            features = np.delete(table, self.label_column % self.columns, axis=1
                                 ).astype(np.float32)
        finite = np.isfinite(features)
        if not finite.all():
            row, col = (int(i) for i in np.argwhere(~finite)[0])
            column = col + (col >= self.label_column % self.columns)
            value = table[row, column]
            why = ("NaN or inf" if not np.isfinite(value) else
                   f"{value:g}, too large for float32 (beyond ±3.4e38)")
            raise DataError(f"{self.path}: line {self._line_of(lines, first, row)}: {why} in "
                            f"column {column}")
        self.nbytes += features.nbytes + 8 * len(labels)  # as the final int64 labels
        if self.nbytes > dataset_budget():
            raise DataError(f"{self.path}: more than the {dataset_budget()} bytes a dataset "
                            f"may have as float32 inputs and int64 labels")
        self.features.append(features)
        self.labels.append(labels.astype(LABEL_DTYPE))

    @staticmethod
    def _line_of(lines: list[str], first: int, row: int) -> int:
        """The line number of the block's ``row``-th row of data."""
        seen = -1
        for k, line in enumerate(lines):
            if not _blank(line):
                seen += 1
                if seen == row:
                    return first + k
        return first + len(lines) - 1

    def _which_line(self, lines: list[str], first: int) -> DataError:
        """The error naming the first line of the block that is not a row of numbers."""
        for k, line in enumerate(lines):
            if _blank(line):
                continue
            fields = _fields(line)
            where = f"{self.path}: line {first + k}"
            if not all(_is_number(f) for f in fields):
                bad = next(f for f in fields if not _is_number(f))
                if not any(_is_number(f) for f in fields):
                    return DataError(f"{where}: a row of names ({bad!r}, …) among the rows "
                                     f"of numbers (a header belongs on the first line)")
                return DataError(f"{where}: {bad[:40]!r} is not a number (not a numeric CSV "
                                 f"table)")
            if len(fields) != self.columns:
                return DataError(f"{where}: {len(fields)} values, but the table has "
                                 f"{self.columns} columns")
        return DataError(f"{self.path}: lines {first} to {first + len(lines) - 1}: not a "
                         f"numeric CSV table")
