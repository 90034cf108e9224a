"""BatchNorm1d/2d and LayerNorm: thin layers over functional.normalization, as torch.nn's.

Batch norm keeps running statistics as buffers (``running_mean``, ``running_var``,
``num_batches_tracked``; saved in the state dict, not optimised): in training it normalises
with the batch's statistics and updates the running ones, in evaluation it uses the running
ones. Each layer declares, beside itself, its grammar name, its ONNX node, its torch twin and
its trace formula (see :mod:`.layer`; the trace runs in evaluation, so batch norm's formula
is that of its running statistics). Being affine maps of their input, they let the
initialisation of the weighted layer before them look through to the activation after.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any, Callable, NamedTuple, Sequence

import numpy as np
from numpy.typing import DTypeLike

from .. import functional as F
from ..engine import Array, Tensor, TensorLike
from ..errors import BackpropError, SpecError
from ..limits import check_allocation
from ..validate import check_flag, check_fraction, check_int, check_positive
from .formula import Formula
from .layer import Layer, OnnxBuilder, SpecArgs, SpecValue
from .module import Parameter

__all__ = ["BatchNorm1d", "BatchNorm2d", "SyncBatchNorm", "LayerNorm"]


def _normalised(x: Array, axes: tuple[int, ...], mean: Array | None, var: Array | None,
                eps: float) -> tuple[Array, Array]:
    """x̂ = (x − μ)/√(σ² + ε) and 1/√(σ² + ε), with μ, σ² the given statistics or, where they
    are None, x's own (biased variance) over ``axes``."""
    if mean is None or var is None:  # both given, or neither
        mean, var = x.mean(axis=axes, keepdims=True), x.var(axis=axes, keepdims=True)
    inv = 1 / np.sqrt(var + eps)
    return (x - mean) * inv, inv


def _own_stats_grad(ghat: Array, xhat: Array, inv: Array, axes: tuple[int, ...]) -> Array:
    """x̄ when μ, σ² are x's own over ``axes``: (ĝ − mean ĝ − x̂ mean(ĝ ⊙ x̂))/√(σ² + ε)."""
    gx: Array = inv * (ghat - ghat.mean(axis=axes, keepdims=True)
                       - xhat * (ghat * xhat).mean(axis=axes, keepdims=True))
    return gx


class _Terms(NamedTuple):
    """What a normalisation's closed forms need: x̂, 1/√(σ² + ε), γ (1 without a scale), the
    axes of its statistics, the axes γ and β are shared over, and whether the statistics
    are the input's own."""

    x_hat: Array
    inv_std: Array
    gamma: Array | float
    stat_axes: tuple[int, ...]
    shared_axes: tuple[int, ...]
    own: bool


def _bn_terms(m: "_BatchNorm", x: Array) -> _Terms:
    """Batch norm as it runs in evaluation, for the trace: (x̂, 1/√(σ² + ε), γ, the axes of
    its statistics, the axes γ and β are shared over, whether the statistics are the
    input's own). Per-channel arrays broadcast along axis 1."""
    axes = (0, *range(2, x.ndim))
    shape = (1, -1) + (1,) * (x.ndim - 2)
    mean = var = None
    if m.running_mean is not None and m.running_var is not None:
        mean, var = m.running_mean.data.reshape(shape), m.running_var.data.reshape(shape)
    xhat, inv = _normalised(x, axes, mean, var, m.eps)
    gamma = m.weight.data.reshape(shape) if m.weight is not None else 1.0
    return _Terms(xhat, inv, gamma, axes, axes, not m.track_running_stats)


def _ln_terms(m: "LayerNorm", x: Array) -> _Terms:
    """Layer norm's terms for the trace, as :func:`_bn_terms`'s."""
    axes = tuple(range(x.ndim - len(m.normalized_shape), x.ndim))
    xhat, inv = _normalised(x, axes, None, None, m.eps)
    gamma = m.weight.data if m.weight is not None else 1.0
    return _Terms(xhat, inv, gamma, axes, tuple(range(x.ndim - len(axes))), True)


def _formula(note: str, input_grad: tuple[str, str], over: str,
             terms: Callable[[Any, Array], _Terms]) -> Formula:
    """The trace formula of a normalisation: y = γ ⊙ x̂ + β, its backward pass in closed
    form from ``terms`` (see :func:`_bn_terms`); ``over``: the axes γ and β are shared over."""
    def input_closed(m: Any, x: Array, y: Array, g: Array) -> Array:
        xhat, inv, gamma, stat_axes, _, own = terms(m, x)
        return _own_stats_grad(g * gamma, xhat, inv, stat_axes) if own else g * gamma * inv

    def weight_closed(m: Any, x: Array, y: Array, g: Array) -> Array:
        xhat, _, _, _, shared, _ = terms(m, x)
        gw: Array = (g * xhat).sum(axis=shared)
        return gw

    return Formula(
        out="n",
        forward=(f"$out = γ ⊙ ($inp − μ)/√(σ² + ε) + β   ({note})",
                 r"$out = \gamma \odot \frac{$inp - \mu}{\sqrt{\sigma^{2} + \epsilon}} + \beta"),
        input_grad=input_grad,
        param_grads={"weight": (f"∂E/∂γ = Σ $gout ⊙ x̂   (x̂ = ($inp − μ)/√(σ² + ε); Σ over "
                                f"{over})",
                                r"\frac{\partial E}{\partial \gamma} = \sum $gout \odot \hat{x}"),
                     "bias": (f"∂E/∂β = Σ $gout   (Σ over {over})",
                              r"\frac{\partial E}{\partial \beta} = \sum $gout")},
        closed_input=input_closed,
        closed_params={"weight": weight_closed,
                       "bias": lambda m, x, y, g: g.sum(axis=terms(m, x)[4])},
    )


class _BatchNorm(Layer):
    _ranks: tuple[int, ...] = ()  # accepted input ranks, batch axis included
    running_mean: Tensor | None   # buffers, None without track_running_stats
    running_var: Tensor | None
    num_batches_tracked: Tensor | None
    init_passes = True
    formula = _formula(
        "per channel; μ, σ²: the running mean and variance in evaluation, the input's own "
        "with track_running_stats=False; γ = 1, β = 0 with affine=False",
        ("$gin = $g ⊙ γ/√(σ² + ε)   (running statistics are constants; with the input's "
         "own: (ĝ − mean ĝ − x̂ mean(ĝ ⊙ x̂))/√(σ² + ε), ĝ = $gout ⊙ γ)",
         r"$gin = $g \odot \frac{\gamma}{\sqrt{\sigma^{2} + \epsilon}}"),
        "the positions of each channel", _bn_terms)

    def __init__(self, num_features: int, eps: float = 1e-5, momentum: float | None = 0.1,
                 affine: bool = True, track_running_stats: bool = True,
                 dtype: DTypeLike = np.float32) -> None:
        super().__init__()
        name = type(self).__name__
        self.num_features = check_int(name, "num_features", num_features, minimum=1)
        self.eps = float(check_positive(name, "eps", eps))
        self.momentum = None if momentum is None else check_fraction(name, "momentum", momentum)
        self.affine = check_flag(name, "affine", affine)
        self.track_running_stats = check_flag(name, "track_running_stats", track_running_stats)
        c = self.num_features
        check_allocation(name, "weight, bias and running statistics (num_features,)", c, dtype)
        self.weight = Parameter(np.ones(c, dtype)) if affine else None
        self.bias = Parameter(np.zeros(c, dtype)) if affine else None
        if track_running_stats:
            self.register_buffer("running_mean", np.zeros(c, dtype))
            self.register_buffer("running_var", np.ones(c, dtype))
            self.register_buffer("num_batches_tracked", np.array(0, np.int64))
        else:
            self.running_mean = self.running_var = self.num_batches_tracked = None

    def reset_running_stats(self) -> None:
        for buffer, value in ((self.running_mean, 0), (self.running_var, 1),
                              (self.num_batches_tracked, 0)):
            if buffer is not None:
                buffer.data[...] = value

    def forward(self, x: TensorLike) -> Tensor:
        shape = np.shape(getattr(x, "data", x))
        if len(shape) not in self._ranks or shape[1] != self.num_features:
            raise BackpropError(f"{type(self).__name__}({self.num_features}): expected input "
                                f"of rank {' or '.join(map(str, self._ranks))} with "
                                f"{self.num_features} channels on axis 1, got shape {shape}")
        factor = 0.0 if self.momentum is None else self.momentum
        if self.training and self.track_running_stats:
            assert self.num_batches_tracked is not None  # registered with the running stats
            self.num_batches_tracked.data += 1
            if self.momentum is None:  # a cumulative average over the batches seen
                factor = 1.0 / float(self.num_batches_tracked.data)
        batch_stats = self.training or not self.track_running_stats
        stats = self.track_running_stats and (self.training or not batch_stats)
        running_mean = running_var = None
        if stats:
            assert self.running_mean is not None and self.running_var is not None
            running_mean, running_var = self.running_mean.data, self.running_var.data
        return self._normalise(x, running_mean, running_var, batch_stats, factor)

    def _normalise(self, x: TensorLike, running_mean: Array | None, running_var: Array | None,
                   batch_stats: bool, momentum: float) -> Tensor:
        return F.batch_norm(x, running_mean, running_var, self.weight, self.bias,
                            training=batch_stats, momentum=momentum, eps=self.eps)

    def extra_repr(self) -> str:
        return (f"{self.num_features}, eps={self.eps}, momentum={self.momentum}, "
                f"affine={self.affine}, track_running_stats={self.track_running_stats}")

    # -- declarations (see nn/layer.py) ------------------------------------------------------
    @classmethod
    def from_spec(cls, in_shape: tuple[int, ...], eps: float = 1e-5, momentum: float | None = 0.1,
                  affine: bool = True, track_running_stats: bool = True) -> "_BatchNorm":
        """``batchnorm(eps=…, momentum=…, affine=…)``: one channel per entry of axis 0 of
        the input; BatchNorm1d for (C,) and (C, L) inputs, BatchNorm2d for (C, H, W)."""
        kind = {1: BatchNorm1d, 2: BatchNorm1d, 3: BatchNorm2d}.get(len(in_shape))
        if kind is None or (cls is BatchNorm1d and kind is not BatchNorm1d):
            raise SpecError(f"{cls.grammar[0]} needs an input of shape (C,), (C, L)"
                            f"{'' if cls is BatchNorm1d else ' or (C, H, W)'}, got shape "
                            f"{tuple(in_shape)}")
        return kind(in_shape[0], eps, momentum, affine, track_running_stats)

    def spec_args(self) -> SpecArgs:
        kw: dict[str, SpecValue] = {"eps": self.eps, "momentum": self.momentum,
                                    "affine": self.affine,
                                    "track_running_stats": self.track_running_stats}
        defaults = {"eps": 1e-5, "momentum": 0.1, "affine": True, "track_running_stats": True}
        return (), {k: v for k, v in kw.items() if v != defaults[k]}

    def to_onnx(self, g: OnnxBuilder, name: str, in_shape: tuple[int, ...]) -> None:
        if not self.track_running_stats:
            raise BackpropError(f"onnx export: {type(self).__name__} without running "
                                f"statistics normalises with each batch's own; ONNX "
                                f"BatchNormalization (inference) needs running statistics")
        c = self.num_features
        assert self.running_mean is not None and self.running_var is not None
        scale = self.weight.data if self.weight is not None else np.ones(c, g.dtype)
        shift = self.bias.data if self.bias is not None else np.zeros(c, g.dtype)
        inputs = [g.x] + [g.const(f"{name}.{k}", np.asarray(v, g.dtype)) for k, v in
                          (("weight", scale), ("bias", shift),
                           ("running_mean", self.running_mean.data),
                           ("running_var", self.running_var.data))]
        g.node("BatchNormalization", inputs, name, epsilon=float(self.eps))

    def to_torch(self, tnn: ModuleType, in_shape: tuple[int, ...]) -> Any:
        return getattr(tnn, type(self).__name__)(self.num_features, eps=self.eps,
                                                 momentum=self.momentum, affine=self.affine,
                                                 track_running_stats=self.track_running_stats)


class BatchNorm1d(_BatchNorm):
    """Batch normalisation of (N, C) or (N, C, L) inputs over N (and L), per channel."""

    grammar = ("batchnorm1d",)
    _ranks = (2, 3)


class BatchNorm2d(_BatchNorm):
    """Batch normalisation of (N, C, H, W) inputs over N, H and W, per channel. In the
    grammar, ``batchnorm`` builds a BatchNorm2d after a (C, H, W) layer and a BatchNorm1d
    after a flat or (C, L) one; ``batchnorm1d`` insists on the latter."""

    grammar = ("batchnorm", "bn")
    _ranks = (4,)


class SyncBatchNorm(_BatchNorm):
    """Batch normalisation of (N, C), (N, C, L) or (N, C, H, W) inputs whose statistics in
    training are those of the whole batch, its samples split over the ranks of a distributed
    run (``F.sync_batch_norm``, as torch.nn.SyncBatchNorm). In one process, and in
    evaluation, it is batch norm: a model trained with it is used anywhere. ``comm``: the
    ranks to share with (None: :func:`backprop.distributed.world` at each call)."""

    grammar = ("syncbatchnorm",)
    _ranks = (2, 3, 4)
    comm = None

    @classmethod
    def from_spec(cls, in_shape: tuple[int, ...], eps: float = 1e-5, momentum: float | None = 0.1,
                  affine: bool = True, track_running_stats: bool = True) -> "SyncBatchNorm":
        """``syncbatchnorm(eps=…, momentum=…, affine=…)``: one channel per entry of axis 0
        of a (C,), (C, L) or (C, H, W) input."""
        if len(in_shape) not in (1, 2, 3):
            raise SpecError(f"syncbatchnorm needs an input of shape (C,), (C, L) or "
                            f"(C, H, W), got shape {tuple(in_shape)}")
        return cls(in_shape[0], eps, momentum, affine, track_running_stats)

    def _normalise(self, x: TensorLike, running_mean: Array | None, running_var: Array | None,
                   batch_stats: bool, momentum: float) -> Tensor:
        if not (self.training and batch_stats):  # evaluation: no message, as torch's
            return super()._normalise(x, running_mean, running_var, batch_stats, momentum)
        return F.sync_batch_norm(x, running_mean, running_var, self.weight, self.bias,
                                 training=True, momentum=momentum, eps=self.eps,
                                 comm=self.comm)

    def to_torch(self, tnn: ModuleType, in_shape: tuple[int, ...]) -> Any:
        # in one process torch's SyncBatchNorm is BatchNorm
        kind = tnn.BatchNorm1d if len(in_shape) <= 2 else tnn.BatchNorm2d
        return kind(self.num_features, eps=self.eps, momentum=self.momentum,
                    affine=self.affine, track_running_stats=self.track_running_stats)


class LayerNorm(Layer):
    """Layer normalisation over the trailing ``normalized_shape`` axes of each sample, with
    an elementwise scale and shift (``weight``, ``bias``), as torch.nn.LayerNorm."""

    grammar = ("layernorm",)
    init_passes = True
    formula = _formula(
        "μ, σ²: mean and variance of the sample over the normalised axes",
        ("$gin = (ĝ − mean ĝ − x̂ mean(ĝ ⊙ x̂))/√(σ² + ε)   (ĝ = $g ⊙ γ, "
         "x̂ = ($inp − μ)/√(σ² + ε), means over the normalised axes)",
         r"$gin = \frac{\hat{g} - \overline{\hat{g}} - \hat{x} \, "
         r"\overline{\hat{g} \odot \hat{x}}}{\sqrt{\sigma^{2} + \epsilon}}"),
        "the other axes", _ln_terms)

    def __init__(self, normalized_shape: int | Sequence[int], eps: float = 1e-5,
                 elementwise_affine: bool = True, bias: bool = True,
                 dtype: DTypeLike = np.float32) -> None:
        super().__init__()
        shape = (normalized_shape,) if isinstance(normalized_shape, int) \
            else tuple(normalized_shape)
        self.normalized_shape = tuple(check_int("LayerNorm", "normalized_shape", n, minimum=1)
                                      for n in shape)
        if not self.normalized_shape:
            raise SpecError("LayerNorm: normalized_shape must name at least one axis")
        self.eps = float(check_positive("LayerNorm", "eps", eps))
        self.elementwise_affine = check_flag("LayerNorm", "elementwise_affine",
                                             elementwise_affine)
        check_flag("LayerNorm", "bias", bias)
        check_allocation("LayerNorm", "weight and bias (normalized_shape)", self.normalized_shape,
                         dtype)
        self.weight = Parameter(np.ones(shape, dtype)) if elementwise_affine else None
        self.bias = Parameter(np.zeros(shape, dtype)) if elementwise_affine and bias else None

    def forward(self, x: TensorLike) -> Tensor:
        return F.layer_norm(x, self.normalized_shape, self.weight, self.bias, self.eps)

    def extra_repr(self) -> str:
        return (f"{self.normalized_shape}, eps={self.eps}, "
                f"elementwise_affine={self.elementwise_affine}")

    # -- declarations (see nn/layer.py) ------------------------------------------------------
    @classmethod
    def from_spec(cls, in_shape: tuple[int, ...],
                  normalized_shape: int | tuple[int, ...] | None = None, eps: float = 1e-5,
                  elementwise_affine: bool = True, bias: bool = True) -> "LayerNorm":
        """``layernorm``: over all of a sample's features; ``layernorm(D)`` or
        ``layernorm((H,W))``: over the trailing axes of those sizes."""
        shape = tuple(in_shape) if normalized_shape is None else normalized_shape
        layer = cls(shape, eps, elementwise_affine, bias)
        n = len(layer.normalized_shape)
        if tuple(in_shape[len(in_shape) - n:]) != layer.normalized_shape or n > len(in_shape):
            raise SpecError(f"layernorm: normalized_shape {layer.normalized_shape} must be the "
                            f"trailing axes of the input shape {tuple(in_shape)}")
        return layer

    def spec_args(self) -> SpecArgs:
        shape = self.normalized_shape[0] if len(self.normalized_shape) == 1 \
            else self.normalized_shape
        kw = {"eps": self.eps, "elementwise_affine": self.elementwise_affine,
              "bias": self.bias is not None or not self.elementwise_affine}
        defaults = {"eps": 1e-5, "elementwise_affine": True, "bias": True}
        return (shape,), {k: v for k, v in kw.items() if v != defaults[k]}

    def to_onnx(self, g: OnnxBuilder, name: str, in_shape: tuple[int, ...]) -> None:
        shape = self.normalized_shape
        scale = self.weight.data if self.weight is not None else np.ones(shape, g.dtype)
        inputs = [g.x, g.const(f"{name}.weight", np.asarray(scale, g.dtype))]
        if self.bias is not None:
            inputs.append(g.const(f"{name}.bias", self.bias.data))
        g.node("LayerNormalization", inputs, name, axis=-len(shape), epsilon=float(self.eps))

    def to_torch(self, tnn: ModuleType, in_shape: tuple[int, ...]) -> Any:
        return tnn.LayerNorm(self.normalized_shape, eps=self.eps,
                             elementwise_affine=self.elementwise_affine,
                             bias=self.bias is not None)
