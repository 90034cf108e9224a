"""Module-level forms of Tensor methods, as PyTorch has them: ``bp.sum(t, dim=1)`` is
``t.sum(dim=1)``, ``bp.max(t, 1)`` is ``t.max(1)`` (values and indices), and so on. Each
takes a tensor (or anything ``bp.tensor`` takes) and the method's arguments."""

from __future__ import annotations

from typing import Any

from .engine import Tensor, tensor

__all__ = ["sum", "max", "min", "argmax", "argmin", "mean", "flatten"]


def _t(input: Any) -> Tensor:
    return input if isinstance(input, Tensor) else tensor(input)


def sum(input: Any, *args: Any, **kwargs: Any) -> Tensor:  # noqa: A001 - torch's name
    """``torch.sum``: the sum of all entries, or along ``dim`` (``keepdim``)."""
    return _t(input).sum(*args, **kwargs)


def max(input: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: A001 - torch's name
    """``torch.max``: the largest entry; with ``dim``, the (values, indices) along it."""
    return _t(input).max(*args, **kwargs)


def min(input: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: A001 - torch's name
    """``torch.min``: the smallest entry; with ``dim``, the (values, indices) along it."""
    return _t(input).min(*args, **kwargs)


def argmax(input: Any, *args: Any, **kwargs: Any) -> Tensor:
    """``torch.argmax``: the index of the largest entry (of the flattened tensor, or along
    ``dim``)."""
    return _t(input).argmax(*args, **kwargs)


def argmin(input: Any, *args: Any, **kwargs: Any) -> Tensor:
    """``torch.argmin``: the index of the smallest entry."""
    return _t(input).argmin(*args, **kwargs)


def mean(input: Any, *args: Any, **kwargs: Any) -> Tensor:
    """``torch.mean``: the mean of all entries, or along ``dim``."""
    return _t(input).mean(*args, **kwargs)


def flatten(input: Any, start_dim: int = 0, end_dim: int = -1) -> Tensor:
    """``torch.flatten``: axes ``start_dim`` … ``end_dim`` joined into one."""
    return _t(input).flatten(start_dim, end_dim)
