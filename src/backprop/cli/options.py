"""Argument types shared by the subcommands: each rejects a bad value with one clear line."""

from __future__ import annotations

import argparse


def _number(convert, ok, expected: str):
    """An argparse type: ``convert`` the text, then insist on ``ok(value)``."""
    def parse(text: str):
        try:
            value = convert(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected {expected}, got {text!r}") from None
        if not ok(value):
            raise argparse.ArgumentTypeError(f"expected {expected}, got {text}")
        return value
    parse.__name__ = expected  # argparse names the type in some messages
    return parse


_finite = float("inf")
positive_int = _number(int, lambda v: v > 0, "a positive integer")
non_negative_int = _number(int, lambda v: v >= 0, "an integer ≥ 0")
positive_float = _number(float, lambda v: 0 < v < _finite, "a positive number")
non_negative_float = _number(float, lambda v: 0 <= v < _finite, "a number ≥ 0")
fraction = _number(float, lambda v: 0 <= v < 1, "a number in [0, 1)")


def hidden_sizes(text: str) -> list[int]:
    """'256' or '500,300' → [256] or [500, 300]."""
    try:
        sizes = [int(t) for t in text.replace("x", ",").split(",") if t.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected sizes such as 256 or 500,300, got {text!r}") from None
    if not sizes or any(s <= 0 for s in sizes):
        raise argparse.ArgumentTypeError(f"hidden sizes must be positive, got {text!r}")
    return sizes


def add_data_arguments(p: argparse.ArgumentParser) -> None:
    from ..data.catalog import KNOWN

    p.add_argument("--data", default="default", metavar="NAME|PATH",
                   help=f"{', '.join(KNOWN)} (default is MNIST; it and breast-cancer are "
                        f"shipped with backprop), or a path: a directory of IDX files, an .npz "
                        f"or a .csv (default: %(default)s)")
    p.add_argument("--data-dir", metavar="DIR",
                   help="folder holding the dataset's four IDX files (gzip or raw)")
