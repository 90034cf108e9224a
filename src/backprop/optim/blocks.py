"""Optimiser updates run block by block, so that a large parameter stays in the cache.

An update is several elementwise passes over each parameter (Adam's is a dozen: scale m, add
(1 − β₁) g, scale v, …). Over a whole large array, every pass streams it through memory
again. Cut into blocks of a few tens of kilobytes, all the passes of a block run while it is
in the processor's cache, and memory is read and written about once: on a 800 × 784 weight,
Adam's update takes a third of the time or less.

A block is a flat view of the same positions in every array, and the update runs on it the
very operations it ran on the whole arrays, in the same order: the results are the same to
the last bit.
"""

from __future__ import annotations

# Written once, beside the update kernels that use them (backprop.kernels.reference).
from ..kernels.reference import BLOCK, blocks, in_blocks

__all__ = ["BLOCK", "blocks", "in_blocks"]
