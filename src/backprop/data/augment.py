"""Random changes to training images that keep their label: data augmentation.

An augmentation is written as a short spec, the same in ``backprop train --augment``,
``TrainConfig(augment=...)`` and a saved run:

- ``hflip``: mirror the image left–right with probability ½ (torchvision's
  ``RandomHorizontalFlip()``). Right for clothes (Fashion-MNIST), wrong for digits and letters.
- ``shift(k)``: move the image by a whole number of pixels, up to ``k`` in each direction
  (rows and columns drawn independently and uniformly from −k … k), filling with zeros: what
  torchvision's ``RandomCrop(size, padding=k)`` does to an image of that size.

Several are joined with commas (``"hflip,shift(2)"``) and apply in that order. Images are
(N, C, H, W) batches.

The draws of an epoch depend on nothing but the run's seed and the epoch (see
:meth:`backprop.random.RunRandom.augment`) and are indexed by a sample's position in the
epoch's order, so a run resumed in the middle of an epoch sees the images the uninterrupted
run would have seen, and a reference run in another framework can be given the same ones.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..errors import BackpropError, ShapeError

__all__ = ["Augment", "parse_augment", "MAX_SHIFT"]

MAX_SHIFT = 64  # pixels; larger shifts leave next to nothing of an image
_TERM = re.compile(r"^\s*(?P<name>[a-z_]+)\s*(?:\(\s*(?P<arg>[^()]*?)\s*\))?\s*$")
NAMES = ("hflip", "shift(k)")


@dataclass(frozen=True)
class Augment:
    """Parsed augmentation: whether to flip, and the largest shift (0: none)."""

    hflip: bool = False
    shift: int = 0

    @property
    def spec(self) -> str:
        """The canonical spec string ('' for none)."""
        terms = (["hflip"] if self.hflip else []) + ([f"shift({self.shift})"] if self.shift
                                                     else [])
        return ",".join(terms)

    def __bool__(self) -> bool:
        return self.hflip or self.shift > 0

    def check_input(self, sample_shape: tuple[int, ...]) -> None:
        """Refuse inputs that are not images (C, H, W)."""
        if self and len(sample_shape) != 3:
            raise ShapeError(f"augmentation '{self.spec}' needs image inputs (C, H, W); the "
                             f"data's inputs have shape {tuple(sample_shape)}")

    def draws(self, n: int, rng: np.random.Generator) -> dict[str, np.ndarray]:
        """One epoch's random choices for ``n`` sample positions."""
        out: dict[str, np.ndarray] = {}
        if self.hflip:
            out["flip"] = rng.random(n) < 0.5
        if self.shift:
            out["shift"] = rng.integers(-self.shift, self.shift + 1, size=(n, 2))
        return out

    def apply(self, x: np.ndarray, draws: dict[str, np.ndarray]) -> np.ndarray:
        """The batch ``x`` (N, C, H, W) changed by ``draws`` (the rows of :meth:`draws` for
        its N positions), as a new array; ``x`` is not modified."""
        out = np.array(x, copy=True)
        if "flip" in draws:
            flip = draws["flip"]
            out[flip] = out[flip][..., ::-1]
        if "shift" in draws:
            out = _shift(out, draws["shift"])
        return out


def _shift(x: np.ndarray, shifts: np.ndarray) -> np.ndarray:
    """Each image moved by its (rows, cols) offset, zeros shifted in: y[i, j] = x[i − dy,
    j − dx]. One copy per distinct offset, whatever the batch size."""
    out = np.zeros_like(x)
    h, w = x.shape[-2:]
    for dy, dx in np.unique(shifts, axis=0):
        rows = np.flatnonzero((shifts[:, 0] == dy) & (shifts[:, 1] == dx))
        dst_r, src_r = _span(int(dy), h)
        dst_c, src_c = _span(int(dx), w)
        out[rows, :, dst_r, dst_c] = x[rows, :, src_r, src_c]
    return out


def _span(d: int, n: int) -> tuple[slice, slice]:
    """Destination and source slices of an axis of length ``n`` moved by ``d``."""
    if d >= 0:
        return slice(d, n), slice(0, max(n - d, 0))
    return slice(0, max(n + d, 0)), slice(-d, n)


def parse_augment(spec: Any) -> Augment:
    """``"hflip,shift(2)"`` → Augment(hflip=True, shift=2); '' or None → no augmentation."""
    if spec is None:
        return Augment()
    if isinstance(spec, Augment):
        return spec
    if not isinstance(spec, str) or len(spec) > 200:
        raise BackpropError(f"augment must be a spec string such as 'hflip,shift(2)', got "
                            f"{spec!r:.80}")
    hflip, shift = False, 0
    for term in filter(None, (t.strip() for t in spec.split(","))):
        m = _TERM.match(term)
        name, arg = (m.group("name"), m.group("arg")) if m else (None, None)
        if name == "hflip" and arg is None and not hflip:
            hflip = True
        elif name == "shift" and arg is not None and not shift:
            if not re.fullmatch(r"\d{1,3}", arg) or not 1 <= int(arg) <= MAX_SHIFT:
                raise BackpropError(f"augment: shift(k) needs a whole number of pixels k in "
                                    f"[1, {MAX_SHIFT}], got '{term}'")
            shift = int(arg)
        else:
            raise BackpropError(f"augment: '{term}' is not an augmentation, or is repeated "
                                f"(known: {', '.join(NAMES)}, each at most once, joined with "
                                f"commas)")
    return Augment(hflip, shift)
