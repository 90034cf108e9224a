"""Argument types shared by the subcommands: each rejects a bad value with one clear line."""

from __future__ import annotations

import argparse
import math

from ..data.catalog import DATASETS, KNOWN


def _clip(text: str, most: int = 40) -> str:
    return text if len(text) <= most else text[:most - 1] + "…"


def _number(convert, ok, expected: str):
    """An argparse type: ``convert`` the text, then insist on ``ok(value)``."""
    def parse(text: str):
        try:
            value = convert(text)
        except (ValueError, OverflowError):  # int('9' * 5000) is a ValueError too
            raise argparse.ArgumentTypeError(f"expected {expected}, got "
                                             f"{_clip(text)!r}") from None
        if not ok(value):
            raise argparse.ArgumentTypeError(f"expected {expected}, got {_clip(text)}")
        return value
    parse.__name__ = expected  # argparse names the type in some messages
    return parse


_finite = float("inf")
positive_int = _number(int, lambda v: v > 0, "a positive integer")
non_negative_int = _number(int, lambda v: v >= 0, "an integer ≥ 0")
positive_float = _number(float, lambda v: 0 < v < _finite, "a positive number")
non_negative_float = _number(float, lambda v: 0 <= v < _finite, "a number ≥ 0")
fraction = _number(float, lambda v: 0 <= v < 1, "a number in [0, 1)")
seed = _number(int, lambda v: 0 <= v < 2**63, "a seed (an integer in [0, 2**63))")


def epochs(text: str) -> int:
    """A positive number of epochs, at most MAX_EPOCHS."""
    from ..io.run_schema import MAX_EPOCHS  # as many as a saved run may record

    value = positive_int(text)
    if value > MAX_EPOCHS:
        raise argparse.ArgumentTypeError(f"at most {MAX_EPOCHS} epochs, got {_clip(text)}")
    return value


def hidden_sizes(text: str) -> list[int]:
    """'256' or '500,300' → [256] or [500, 300]."""
    try:
        sizes = [int(t) for t in text.replace("x", ",").split(",") if t.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected sizes such as 256 or 500,300, got {_clip(text)!r}") from None
    if not sizes or any(s <= 0 for s in sizes):
        raise argparse.ArgumentTypeError(f"hidden sizes must be positive, got {_clip(text)!r}")
    return sizes


def point_shape(text: str) -> tuple[int, ...]:
    """'4' or '2,3' (or '2x3'): the shape of a point to check, 1 to 4 positive sizes and at
    most MAX_POINT_SIZE entries, refused before anything is drawn."""
    try:
        dims = tuple(int(t) for t in text.replace("x", ",").split(",") if t.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected sizes such as 4 or 2,3, got "
                                         f"{_clip(text)!r}") from None
    if not 1 <= len(dims) <= 4 or any(d <= 0 for d in dims):
        raise argparse.ArgumentTypeError(f"expected 1 to 4 positive sizes, got {_clip(text)!r}")
    if math.prod(dims) > MAX_POINT_SIZE:
        raise argparse.ArgumentTypeError(f"at most {MAX_POINT_SIZE} entries, got "
                                         f"{math.prod(dims)}")
    return dims


MAX_POINT_SIZE = 10_000


def add_data_arguments(p: argparse.ArgumentParser) -> None:
    shipped = sorted({e.name for e in DATASETS.values() if e.shipped is not None} - {"default"})
    p.add_argument("--data", default="default", metavar="NAME|PATH",
                   help=f"{', '.join(KNOWN)} (default is {DATASETS['default'].name}; "
                        f"{', '.join(shipped)} are shipped with backprop, the others need "
                        f"--data-dir), or a path: a directory of IDX files, an .npz or a .csv "
                        f"(default: %(default)s)")
    p.add_argument("--data-dir", metavar="DIR",
                   help="folder holding the dataset's four IDX files (gzip or raw)")
