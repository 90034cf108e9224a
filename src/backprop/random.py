"""Where random numbers come from: a user's global generator, and a training run's own.

- ``bp.manual_seed(s)`` seeds the global generator, as ``torch.manual_seed``, and with it
  everything the library draws for a script: ``bp.randn``, ``bp.rand``, ``bp.randint``,
  ``bp.randperm``, the initial weights of the layers built after it, dropout outside a
  training run, and the shuffling of a ``backprop.utils.data.DataLoader`` given no
  ``generator`` (``get_state``/``set_state`` save and restore it).
- A training run owns its random numbers, all derived from its seed (:class:`RunRandom`):
  the initialisation of the model it builds, the order of the batches, the hold-out,
  the augmentation of the training images and dropout. While it trains, draws come from the run's dropout generator, whose state is what
  a checkpoint keeps; the global generator is neither used nor disturbed.

:func:`drawing_from` is how a generator becomes the one :func:`default_generator` returns
for a block (per thread and per context).
"""

from __future__ import annotations

import contextlib
import contextvars
from typing import Any, Iterator

import numpy as np

_generator = np.random.default_rng(0)
_current: contextvars.ContextVar[np.random.Generator | None] = contextvars.ContextVar(
    "backprop_generator", default=None)


def manual_seed(seed: int) -> np.random.Generator:
    """Reseed the global generator (as ``torch.manual_seed``): every later draw of a
    script — ``bp.randn``/``rand``/``randint``/``randperm``, layer initialisation, dropout,
    a ``DataLoader``'s shuffling — follows from ``seed``. A training run (``bp.fit``, the
    ``Trainer``, ``backprop train``, the scikit-learn estimators) draws from its own
    ``seed``/``random_state`` instead, so that the run is reproducible from it alone."""
    global _generator
    _generator = np.random.default_rng(seed)
    return _generator


def default_generator() -> np.random.Generator:
    """The generator initialisation, dropout and the tensor factories draw from: the one
    set by :func:`drawing_from` in this context, else the global one."""
    current = _current.get()
    return _generator if current is None else current


@contextlib.contextmanager
def drawing_from(generator: np.random.Generator) -> Iterator[np.random.Generator]:
    """Make ``generator`` the :func:`default_generator` for the block."""
    token = _current.set(generator)
    try:
        yield generator
    finally:
        _current.reset(token)


def get_state() -> dict[str, Any]:
    """The global generator's state, JSON-able."""
    return _generator.bit_generator.state


def set_state(state: dict[str, Any]) -> None:
    _generator.bit_generator.state = state


# The spawn key of a run's dropout stream: it keeps that stream apart from the plain-entropy
# ones (the weights: seed; the batch order of epoch e: [seed, e]; the hold-out:
# [seed, 2**31 - 1]).
_DROPOUT = 1
_AUGMENT = 2  # the spawn key of the augmentation streams, one per epoch: [seed, epoch]


class RunRandom:
    """The random numbers of one training run, every stream derived from ``seed``.

    ``order`` and ``holdout`` depend on nothing but the seed (and the epoch), so a resumed
    run sees the batches the whole run saw. ``dropout`` is a generator that advances with
    training: :meth:`state_dict` / :meth:`load_state_dict` carry it through a checkpoint.
    """

    def __init__(self, seed: int) -> None:
        self.seed = int(seed)
        self.dropout = np.random.default_rng(
            np.random.SeedSequence(self.seed, spawn_key=(_DROPOUT,)))

    def init(self) -> np.random.Generator:
        """A fresh generator for the initial weights (``with drawing_from(r.init()):
        build_model(...)``): the weights ``bp.manual_seed(seed)`` would give, so a seed
        keeps the weights it always gave. (NumPy pads short entropy with zeros: this is also
        the stream of epoch 0's order; they are used for unrelated draws.)"""
        return np.random.default_rng(self.seed)

    def order(self, n: int, epoch: int) -> np.ndarray:
        """The order of the ``n`` training samples in ``epoch``."""
        return np.random.default_rng([self.seed, epoch]).permutation(n)

    def augment(self, epoch: int) -> np.random.Generator:
        """A fresh generator for the augmentation draws of ``epoch`` (stateless, as
        :meth:`order`: it depends on the seed and the epoch only)."""
        return np.random.default_rng(
            np.random.SeedSequence([self.seed, epoch], spawn_key=(_AUGMENT,)))

    def holdout(self, n: int) -> np.ndarray:
        """A permutation of ``n`` samples whose head is held out for validation."""
        return np.random.default_rng([self.seed, 2**31 - 1]).permutation(n)

    def state_dict(self) -> dict[str, Any]:
        """The dropout generator's state (JSON-able; the other streams need only the seed)."""
        return self.dropout.bit_generator.state

    def load_state_dict(self, state: dict[str, Any]) -> None:
        self.dropout.bit_generator.state = state
