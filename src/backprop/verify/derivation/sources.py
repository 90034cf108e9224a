"""Where a derivation comes from: a Markdown file, a Jupyter notebook, standard input or the
text itself.

A notebook's Markdown cells are checked (code cells and outputs are not read); they are joined
in order, and every line of the joined text remembers its cell and its line in that cell, so a
report can say "cell 3, line 2". Files are read only if they are regular files (a FIFO or a
device is refused before it is opened), and only up to a size.
"""

from __future__ import annotations

import bisect
import json
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

from ...errors import BackpropError
from ...io.regular import open_regular

__all__ = ["Source", "read_source", "MAX_BYTES", "MAX_NOTEBOOK_BYTES"]

MAX_BYTES = 2_000_000             # a Markdown file
MAX_NOTEBOOK_BYTES = 20_000_000   # a notebook: its outputs (images) are read and dropped
_STDIN = ("-", "/dev/stdin")


@dataclass
class Source:
    """The text to check, and for a notebook where each of its lines came from."""

    name: str
    text: str
    cell_starts: list[int] = field(default_factory=list)   # first joined line of each cell
    cell_numbers: list[int] = field(default_factory=list)  # that cell's number (from 1)

    def where(self, line: int) -> tuple[int, int] | None:
        """(cell number, line in the cell) of a line of the joined text, for a notebook."""
        if not self.cell_starts:
            return None
        k = bisect.bisect_right(self.cell_starts, line) - 1
        if k < 0:
            return None
        return self.cell_numbers[k], line - self.cell_starts[k] + 1


def _looks_like_path(source: object) -> bool:
    return isinstance(source, os.PathLike) or (
        isinstance(source, str) and "\n" not in source and "$" not in source
        and "\\" not in source[:1] and len(source) < 4096)


def read_source(source: str | os.PathLike) -> Source:
    """The derivation in ``source``: a path (.md, .ipynb, "-" for standard input) or the text."""
    if not _looks_like_path(source):
        if not isinstance(source, str):
            raise BackpropError("check_derivation: expected a path or the text of a derivation")
        return Source("<text>", source)
    path = str(source)
    notebook = path.endswith(".ipynb")
    limit = MAX_NOTEBOOK_BYTES if notebook else MAX_BYTES
    if path in _STDIN:
        data = sys.stdin.buffer.read(limit + 1)
    else:
        with open_regular(Path(path), BackpropError) as fh:
            data = fh.read(limit + 1)
    if len(data) > limit:
        raise BackpropError(f"check_derivation: {path} is larger than {limit // 1_000_000} MB")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise BackpropError(f"check_derivation: {path} is not UTF-8 text") from None
    if notebook:
        return _notebook(path, text)
    return Source(path, text)


def _notebook(path: str, text: str) -> Source:
    """The Markdown cells of a notebook, joined, read with nbformat (the format's own
    library)."""
    try:
        import nbformat
    except ImportError:
        raise BackpropError("checking a notebook needs nbformat: install the [check] extra "
                            "(pip install 'backprop[check]')") from None
    try:
        nb = nbformat.reads(text, as_version=4)
    except (nbformat.reader.NotJSONError, json.JSONDecodeError, ValueError, KeyError,
            TypeError, AttributeError):
        raise BackpropError(f"check_derivation: {path} is not a Jupyter notebook (its JSON "
                            f"does not read as one)") from None
    parts: list[str] = []
    starts: list[int] = []
    numbers: list[int] = []
    line = 1
    for number, cell in enumerate(nb.get("cells", []), 1):
        if cell.get("cell_type") != "markdown":
            continue
        body = cell.get("source", "")
        if isinstance(body, list):
            body = "".join(str(s) for s in body)
        if not isinstance(body, str):
            continue
        body = body.rstrip("\n")
        starts.append(line)
        numbers.append(number)
        parts.append(body)
        line += body.count("\n") + 2          # the cell's lines and one blank line after it
    if not parts:
        raise BackpropError(f"check_derivation: {path} has no Markdown cell")
    return Source(path, "\n\n".join(parts) + "\n", starts, numbers)
