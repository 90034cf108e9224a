"""metrics.jsonl: one JSON object per finished epoch, read back with every row checked."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from ..errors import BackpropError
from . import schema as S
from .regular import open_regular
from .run_schema import MAX_EPOCHS, METRICS_ROW

__all__ = ["read_metrics"]

MAX_BYTES = 64 * 2**20


def read_metrics(path: str | os.PathLike) -> list[dict[str, Any]]:
    """The rows of a metrics.jsonl file; a malformed line is named with its number."""
    path = Path(path)
    with open_regular(path) as f:
        raw = f.read(MAX_BYTES + 1)
    if len(raw) > MAX_BYTES:
        raise BackpropError(f"{path}: larger than {MAX_BYTES} bytes; not a metrics file")
    try:
        lines = raw.decode("utf-8").splitlines()
    except UnicodeDecodeError:
        raise BackpropError(f"{path}: not UTF-8 text") from None
    rows = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            METRICS_ROW(row, "row")
        except (ValueError, RecursionError, S.SchemaError) as e:  # JSONDecodeError is a ValueError
            why = ("nested too deeply" if isinstance(e, RecursionError) else
                   " ".join(str(e).split())[:160])
            raise BackpropError(f"{path}: line {number} is not a metrics row ({why})") from None
        rows.append(row)
    if len(rows) > MAX_EPOCHS:
        raise BackpropError(f"{path}: more than {MAX_EPOCHS} rows")
    return rows
