"""Toy datasets in the plane, for watching a small network learn one update at a time: two
moons, two circles, XOR, two spirals and three Gaussian blobs, each drawn from a seed.

    from backprop.data.toy import make_toy
    x, y = make_toy("moons", points=200, noise=0.1, seed=0)   # x: (200, 2) float64, y: int64

The same name, size, noise and seed give the same points on every machine (NumPy's PCG64).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

from ..errors import DataError

__all__ = ["Toy", "TOYS", "make_toy", "MAX_POINTS"]

MAX_POINTS = 5_000


@dataclass(frozen=True)
class Toy:
    """A toy dataset: what it is, its class count, and how its clean points are drawn
    (``draw(rng, points) → (x, y)``, before the Gaussian noise is added)."""

    description: str
    classes: int
    draw: Callable[[np.random.Generator, int], tuple[np.ndarray, np.ndarray]]


def _labels(points: int, classes: int) -> np.ndarray:
    """Classes in turn, so every class has ⌊points/classes⌋ or one more points."""
    return np.arange(points) % classes


def _moons(rng: np.random.Generator, points: int) -> tuple[np.ndarray, np.ndarray]:
    y = _labels(points, 2)
    t = rng.uniform(0, np.pi, points)
    x = np.where(y[:, None] == 0, np.stack([np.cos(t), np.sin(t)], 1),
                 np.stack([1 - np.cos(t), 0.5 - np.sin(t)], 1))
    return x, y


def _circles(rng: np.random.Generator, points: int) -> tuple[np.ndarray, np.ndarray]:
    y = _labels(points, 2)
    t = rng.uniform(0, 2 * np.pi, points)
    r = np.where(y == 0, 1.0, 0.5)
    return np.stack([r * np.cos(t), r * np.sin(t)], 1), y


def _xor(rng: np.random.Generator, points: int) -> tuple[np.ndarray, np.ndarray]:
    x = rng.uniform(-1, 1, (points, 2))
    x += np.sign(x) * 0.05  # a margin along both axes, so that the clean classes are apart
    return x, ((x[:, 0] > 0) ^ (x[:, 1] > 0)).astype(np.int64)


def _spirals(rng: np.random.Generator, points: int) -> tuple[np.ndarray, np.ndarray]:
    y = _labels(points, 2)
    t = rng.uniform(0.25, 1, points) ** 0.5 * 3 * np.pi  # even density along each arm
    angle = t + np.pi * y
    return np.stack([t * np.cos(angle), t * np.sin(angle)], 1) / (3 * np.pi), y


def _blobs(rng: np.random.Generator, points: int) -> tuple[np.ndarray, np.ndarray]:
    y = _labels(points, 3)
    centres = np.array([[np.cos(a), np.sin(a)] for a in 2 * np.pi * np.arange(3) / 3])
    return centres[y] + 0.25 * rng.standard_normal((points, 2)), y


TOYS: dict[str, Toy] = {
    "moons": Toy("two interleaving half circles", 2, _moons),
    "circles": Toy("a circle inside another, radii 1 and 0.5", 2, _circles),
    "xor": Toy("the four quadrants of the square, opposite ones alike", 2, _xor),
    "spirals": Toy("two spirals wound around each other", 2, _spirals),
    "blobs": Toy("three Gaussian clusters around a circle", 3, _blobs),
}


def make_toy(name: str, points: int = 200, noise: float = 0.1,
             seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """``points`` points of the toy dataset ``name`` (one of :data:`TOYS`) with Gaussian
    noise of standard deviation ``noise`` on each coordinate: (x of shape (points, 2),
    float64; y of shape (points,), int64 class labels 0…C−1)."""
    toy = TOYS.get(name) if isinstance(name, str) else None
    if toy is None:
        raise DataError(f"toy dataset must be one of {', '.join(TOYS)}, got {name!r}")
    if isinstance(points, bool) or not isinstance(points, int) or \
            not toy.classes <= points <= MAX_POINTS:
        raise DataError(f"{name}: points must be an integer from {toy.classes} to "
                        f"{MAX_POINTS:,}, got {points!r}")
    if isinstance(noise, bool) or not isinstance(noise, (int, float)) or not 0 <= noise <= 1:
        raise DataError(f"{name}: noise must be a number from 0 to 1, got {noise!r}")
    if isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed < 2**32:
        raise DataError(f"{name}: seed must be an integer in [0, 2³²), got {seed!r}")
    rng = np.random.default_rng([seed, 0])
    x, y = toy.draw(rng, points)
    x = x + noise * rng.standard_normal(x.shape)
    return x.astype(np.float64), y.astype(np.int64)
