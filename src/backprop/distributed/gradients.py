"""Keeping the ranks' models equal: rank 0's weights to all at the start, and each step's
gradients summed over the ranks in one message.

Every rank holds the same weights and takes the same optimiser step from the same gradient,
so the weights stay equal without ever being sent again. The gradient of one step travels as
**one flat buffer** (every parameter's gradient end to end, plus a few figures such as the
loss), summed in place by one ``Allreduce``: one message per step whatever the number of
layers, so the latency of the network is paid once.
"""

from __future__ import annotations

from typing import Any, Iterable, Sequence

import numpy as np

from ..errors import BackpropError
from .communicator import Communicator, world

__all__ = ["GradientBuffer", "broadcast_parameters", "broadcast_buffers", "allreduce_gradients"]


def _trainable(model_or_params: Any) -> list:
    params = model_or_params.parameters() if hasattr(model_or_params, "parameters") \
        else model_or_params
    return [p for p in params if p.requires_grad]


class GradientBuffer:
    """The flat buffer of one model's gradients (allocated once, reused every step).

    Layout: each trainable parameter's gradient, flattened in ``model.parameters()`` order;
    one flag per parameter (1 where this rank has a gradient for it, so a parameter no rank
    touched keeps ``grad = None`` as in one process); then ``figures`` numbers that are
    summed along (loss sums, counts). Every rank builds the same layout from the same model.
    """

    def __init__(self, params: Iterable[Any], figures: int = 0) -> None:
        self.params = list(params)
        if not self.params:
            raise BackpropError("allreduce_gradients: the model has no trainable parameters")
        dtypes = {p.data.dtype for p in self.params}
        self.dtype = np.result_type(*dtypes)
        sizes = [p.data.size for p in self.params]
        self.offsets = np.concatenate([[0], np.cumsum(sizes)]).astype(int)
        self.flags = int(self.offsets[-1])
        self.figures = figures
        self.buffer = np.zeros(self.flags + len(self.params) + figures, self.dtype)

    def reduce(self, comm: Communicator, figures: Sequence[float] = (),
               divide: int = 1) -> np.ndarray:
        """Sum every parameter's gradient and ``figures`` over the ranks in one allreduce;
        the summed gradients, divided by ``divide``, are put back in ``p.grad``. Returns the
        summed figures."""
        if len(figures) != self.figures:
            raise BackpropError(f"GradientBuffer: expected {self.figures} figures, got "
                                f"{len(figures)}")
        buf, off = self.buffer, self.offsets
        for i, p in enumerate(self.params):
            part = buf[off[i]:off[i + 1]]
            if p.grad is None:
                part[...] = 0
                buf[self.flags + i] = 0
            else:
                part[...] = np.ravel(p.grad)
                buf[self.flags + i] = 1
        buf[self.flags + len(self.params):] = figures
        comm.allreduce(buf)
        for i, p in enumerate(self.params):
            if buf[self.flags + i] == 0:
                p.grad = None  # no rank has a gradient for it
                continue
            grad = buf[off[i]:off[i + 1]].reshape(p.data.shape).astype(p.data.dtype)
            if divide != 1:
                grad /= divide
            p.grad = grad
        return buf[self.flags + len(self.params):].astype(np.float64)


def broadcast_parameters(model: Any, root: int = 0, comm: Communicator | None = None) -> None:
    """Copy rank ``root``'s parameters and buffers (batch norm's running statistics) into
    every rank's ``model``, in place. Call it once before training, so every rank starts
    from the same weights however it built its model."""
    _broadcast([*model.parameters(), *model.buffers()], root, comm or world())


def broadcast_buffers(model: Any, root: int = 0, comm: Communicator | None = None) -> None:
    """Copy rank ``root``'s buffers (batch norm's running statistics) into every rank's
    ``model``: with per-rank batch norm each rank's statistics drift apart."""
    _broadcast(list(model.buffers()), root, comm or world())


def _broadcast(tensors: list, root: int, comm: Communicator) -> None:
    for tensor in tensors:
        data = np.ascontiguousarray(tensor.data)
        comm.broadcast(data, root)
        if data is not tensor.data:  # a view or a 0-d array was copied: copy back
            tensor.data[...] = data.reshape(tensor.data.shape)


def allreduce_gradients(model: Any, average: bool = True,
                        comm: Communicator | None = None) -> None:
    """Replace each parameter's ``grad`` with its sum over the ranks, divided by the world
    size when ``average`` (the mean of the ranks' mean gradients: the gradient of the mean
    loss over the whole batch when every rank has as many samples). One flat buffer, one
    ``Allreduce(IN_PLACE)``. Give ``average=False`` when each rank's loss is already
    weighted by its share of the batch (``Trainer`` does, so unequal shards are exact)."""
    comm = comm or world()
    buffer = GradientBuffer(_trainable(model))
    buffer.reduce(comm, divide=comm.size if average else 1)
