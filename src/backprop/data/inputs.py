"""Inputs to predict on, from a file: an .npz (array ``x``, or its only array), an .npy or an
IDX file, as float32 (uint8 scaled to [0, 1], as the training images were).

The header is read first and the float32 size checked against the dataset budget; the
values are then converted as they stream, so a uint8 file costs its float32 array, not
that and the stored bytes and a scaled copy."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np

from ..errors import DataError
from .chunks import Stored, fill_inputs
from .datasets import check_budget
from .idx import idx_values, open_stream, read_idx_header
from .npz import check_size, npy_values, npz_members, read_npy_header
from ..io.regular import open_regular

__all__ = ["load_inputs"]


def _checked(path, stored: Stored, dtype: np.dtype) -> np.ndarray:
    if len(stored.shape) < 1 or stored.shape[0] == 0:
        raise DataError(f"{path}: inputs of shape {stored.shape}; expected one row per sample")
    check_budget(str(path), stored.shape[0], stored.shape[1:])
    return np.empty(stored.shape, dtype)


def load_inputs(path: str | os.PathLike, dtype=np.float32) -> np.ndarray:
    """The inputs of ``path`` as ``dtype`` (float32, or a float64 model's float64), (N, …),
    checked finite in that dtype."""
    p, dtype = Path(path), np.dtype(dtype)
    if p.suffix == ".npz":
        with npz_members(p) as (z, infos):
            members = {i.filename[:-4]: i for i in infos}
            if "x" in members:
                name = "x"
            elif len(members) == 1:
                name = next(iter(members))
            else:
                raise DataError(f"{p}: holds {sorted(members)}; name the inputs 'x'")
            where = f"{p}: array {name!r}"
            with z.open(members[name]) as f:
                stored = check_size(read_npy_header(f, where), where)
                out = _checked(p, stored, dtype)
                fill_inputs(npy_values(f, stored, where), stored, out, where,
                            scale=stored.dtype == np.uint8)
        return out
    if p.suffix == ".npy":
        with open_regular(p, DataError) as f:
            try:
                stored = check_size(read_npy_header(f, str(p)), str(p))
                out = _checked(p, stored, dtype)
                fill_inputs(npy_values(f, stored, str(p)), stored, out, str(p),
                            scale=stored.dtype == np.uint8)
            except (OSError, EOFError) as e:
                raise DataError(f"{p}: not a readable .npy file ({e})") from None
        return out
    with open_stream(p) as f:
        stored = read_idx_header(f, p)
        out = _checked(p, stored, dtype)
        fill_inputs(idx_values(f, stored, p), stored, out, str(p),
                    scale=stored.dtype == np.uint8)
    return out
