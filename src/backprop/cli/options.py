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


# -- one vocabulary across the subcommands -------------------------------------------------
# An architecture is --arch, a saved run is RUN (a positional, or --run where a subcommand's
# positional is something else), an input shape is --shape. An older spelling still works, with
# a one-line note on stderr.

class _Renamed(argparse.Action):
    """An old spelling of an option: stores into the new one's destination and says so."""

    def __init__(self, option_strings, dest, new: str, **kwargs):
        self.new = new
        super().__init__(option_strings, dest, **kwargs)

    def __call__(self, parser, namespace, values, option_string=None):
        import sys

        print(f"{parser.prog}: note: {option_string} is now {self.new} (the old spelling will "
              f"be removed)", file=sys.stderr)
        setattr(namespace, self.dest, values)


def renamed(p: argparse.ArgumentParser, old: str, new: str, dest: str, **kwargs) -> None:
    """Accept ``old`` as a hidden alias of the option ``new`` (which stores into ``dest``)."""
    p.add_argument(old, dest=dest, action=_Renamed, new=new, help=argparse.SUPPRESS, **kwargs)


ARCH_HELP = ("mlp, lenet5, or an architecture string such as "
             "\"conv(32,3,padding=1) relu maxpool(2) flatten linear(10)\"")


def add_arch(p: argparse.ArgumentParser, default: str | None = None) -> None:
    """--arch beside a positional SPEC (either one; see :func:`arch`)."""
    p.add_argument("--arch", metavar="SPEC", help="the architecture, as SPEC"
                   + (f" (default: {default})" if default else ""))


def arch(args: argparse.Namespace) -> str | None:
    """The architecture given as SPEC or --arch (not both, unless the same)."""
    from ..errors import BackpropError

    if args.arch is not None and args.spec is not None and args.arch != args.spec:
        raise BackpropError("give the architecture once: SPEC or --arch")
    return args.arch if args.arch is not None else args.spec


def optimizer_names() -> list[str]:
    """Every optimiser the training recipe names (read from the optimisers' declarations)."""
    from ..train.recipe import optimizers

    return sorted(optimizers())


def optimizer_defaults(key: str) -> str:
    """Each optimiser's default ``key`` as its recipe declares it (``adam 0.001, sgd 0.1``)."""
    from ..train.recipe import optimizers

    return ", ".join(f"{name} {defaults[key]:g}" for name, (_, defaults)
                     in sorted(optimizers().items()) if key in defaults)


def loss_names(with_formula: bool = False) -> tuple[str, ...]:
    """Every loss the library trains with (``with_formula``: those a trace writes out)."""
    from ..train.objectives import OBJECTIVES

    return tuple(n for n, o in OBJECTIVES.items() if o.formula or not with_formula)


def loss_help(with_formula: bool = False) -> str:
    from ..train.objectives import OBJECTIVES

    return "; ".join(f"{n}: {OBJECTIVES[n].summary}" for n in loss_names(with_formula))
