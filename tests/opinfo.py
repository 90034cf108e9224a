"""PyTorch's own OpInfo samples, run through backprop: every sample of every operation the
library has a counterpart of, compared with torch (values, dtype kind, shape, and the
gradient of every floating-point input for a random cotangent).

    python tests/opinfo.py            # the table: agree / mismatch / crash / unsupported
    python tests/opinfo.py -v         # and every sample that does not agree, with why

Each sample ends in one of four ways:

- agree: the same result (and gradients) as torch;
- mismatch: a different result or gradient, or no gradient where torch gives one;
- crash: an exception that is not a BackpropError (a traceback for the user);
- unsupported: refused with a BackpropError (one clear line), an argument or variant the
  library does not take. Each one must be listed in ``UNSUPPORTED`` with the reason, so
  the list is what the library knowingly leaves out.

Samples torch itself refuses are not counted. Random operations (dropout with p > 0 in
training) are compared on what is not random: shape, dtype, and that every entry is 0 or
x/(1 − p). Needs torch and expecttest (torch's OpInfo module imports it).
"""

from __future__ import annotations

import sys
import warnings
import zlib
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Callable

import numpy as np

import backprop as bp
import backprop.functional as F
from backprop.errors import BackpropError

torch = None  # imported by load()


def _method(name: str) -> Callable[..., Any]:
    return lambda x, *a, **k: getattr(x, name)(*a, **k)


def _reflected(fn: Callable[..., Any]) -> Callable[..., Any]:
    """torch's __radd__ samples hold the tensor as input and the number as the argument."""
    return lambda x, other, **k: fn(other, x, **k)


# OpInfo name → how backprop is called on the sample (input, *args, **kwargs), as a PyTorch
# user would write it: the Tensor method where torch's is a method, the function otherwise.
CALLS: dict[str, Callable[..., Any]] = {
    # elementwise
    "abs": _method("abs"), "exp": _method("exp"), "log": _method("log"),
    "sqrt": _method("sqrt"), "sigmoid": _method("sigmoid"), "tanh": _method("tanh"),
    "neg": lambda x: -x, "sign": lambda x: F.sign(x), "nn.functional.relu": F.relu,
    "nn.functional.softplus": F.softplus, "nn.functional.leaky_relu": F.leaky_relu,
    "nn.functional.elu": F.elu, "nn.functional.gelu": F.gelu, "nn.functional.silu": F.silu,
    "heaviside": F.heaviside,
    # arithmetic
    "add": F.add, "sub": F.sub, "mul": F.mul, "div": F.div, "true_divide": F.div,
    "pow": F.power, "maximum": F.maximum, "minimum": F.minimum, "matmul": F.matmul,
    "max": _method("max"), "min": _method("min"),
    "__radd__": _reflected(lambda a, b: a + b), "__rsub__": _reflected(lambda a, b: a - b),
    "__rmul__": _reflected(lambda a, b: a * b), "__rdiv__": _reflected(lambda a, b: a / b),
    "__rpow__": _reflected(lambda a, b: a ** b), "__rmatmul__": _reflected(lambda a, b: a @ b),
    # reductions
    "sum": _method("sum"), "mean": _method("mean"), "amax": lambda x, *a, **k: F.max(
        x, *a, **_axis(k)), "amin": lambda x, *a, **k: F.min(x, *a, **_axis(k)),
    "argmax": _method("argmax"), "argmin": _method("argmin"), "logsumexp": F.logsumexp,
    "softmax": F.softmax, "log_softmax": F.log_softmax,
    "all": _method("all"), "any": _method("any"),
    # shapes
    "reshape": _method("reshape"), "view": _method("view"), "permute": _method("permute"),
    "transpose": _method("transpose"), "flatten": _method("flatten"),
    "unflatten": F.unflatten, "squeeze": _method("squeeze"), "unsqueeze": _method("unsqueeze"),
    "T": lambda x: x.T, "cat": lambda xs, *a, **k: bp.cat(xs, *a, **k),
    "stack": lambda xs, *a, **k: bp.stack(xs, *a, **k), "where": lambda x, c, y: F.where(c, x, y),
    "__getitem__": lambda x, i: x[i], "clamp": _method("clamp"),
    "clamp_min": _method("clamp_min"), "clamp_max": _method("clamp_max"),
    "clone": _method("clone"), "contiguous": _method("contiguous"),
    "float": _method("float"), "double": _method("double"),
    # comparisons
    "eq": _method("eq"), "ne": _method("ne"), "lt": _method("lt"), "le": _method("le"),
    "gt": _method("gt"), "ge": _method("ge"), "equal": lambda a, b: bp.equal(a, b),
    # factories
    "zeros": bp.zeros, "ones": bp.ones, "full": bp.full, "arange": bp.arange,
    "zeros_like": bp.zeros_like, "ones_like": bp.ones_like,
    # layers' functions
    "nn.functional.linear": F.linear, "nn.functional.conv1d": F.conv1d,
    "nn.functional.conv2d": F.conv2d, "nn.functional.pad": F.pad,
    "nn.functional.avg_pool1d": F.avg_pool1d, "nn.functional.avg_pool2d": F.avg_pool2d,
    "nn.functional.max_pool1d": F.max_pool1d, "nn.functional.max_pool2d": F.max_pool2d,
    "nn.functional.adaptive_avg_pool2d": F.adaptive_avg_pool2d,
    "nn.functional.batch_norm": F.batch_norm, "nn.functional.layer_norm": F.layer_norm,
    "nn.functional.dropout": F.dropout, "nn.functional.one_hot": F.one_hot,
    # losses
    "nn.functional.mse_loss": F.mse_loss, "nn.functional.nll_loss": F.nll_loss,
    "nn.functional.cross_entropy": F.cross_entropy,
    "nn.functional.binary_cross_entropy": F.binary_cross_entropy,
    "nn.functional.binary_cross_entropy_with_logits": F.binary_cross_entropy_with_logits,
}


def _axis(kwargs: dict) -> dict:
    """torch.amax(x, dim, keepdim) → F.max(x, axis, keepdims)."""
    out = dict(kwargs)
    if "dim" in out:
        out["axis"] = out.pop("dim")
    if "keepdim" in out:
        out["keepdims"] = out.pop("keepdim")
    return out


# Samples refused on purpose: (operation, words of the refusal, why). A refusal not listed
# here fails the test; so does a listed one that no longer happens (the list stays true).
UNSUPPORTED: list[tuple[str, str, str]] = [
    ("float", "memory_format=torch.channels_last",
     "a layout hint backprop cannot honour (arrays keep NumPy's layout): refused rather "
     "than ignored, as clone and to refuse it"),
    ("double", "memory_format=torch.channels_last", "as float"),
    ("nn.functional.batch_norm", "momentum must be a number in [0, 1]",
     "a negative momentum (torch's samples use -1 and -1.2) extrapolates the running "
     "statistics away from every batch: meaningless, refused"),
    ("nn.functional.batch_norm", "input must be (N, C, *), got shape (0,)",
     "a 1-D input has no channel axis; torch takes only an empty one, and returns it"),
    ("nn.functional.layer_norm", "eps must be a number ≥ 0",
     "a negative eps makes var + eps negative for nearly constant rows: NaN, refused"),
]

# Samples whose results differ from torch's where ours is the exact one: (operation, words
# of the sample, why). Each is checked to still differ only this way.
KNOWN_DIFFERENCES: list[tuple[str, str, str]] = [
    ("nn.functional.layer_norm", "(T(1,):float32, [1],",
     "over one entry x − mean is exactly 0 and every gradient is exactly 0 (ours); torch's "
     "fused kernel leaves rounding noise (about 1e-5 in float32) amplified by 1/√eps"),
]

DTYPES = ("float64", "float32")


@dataclass
class Result:
    op: str
    dtype: str
    outcome: str  # agree, mismatch, crash, unsupported
    why: str = ""
    sample: str = ""


@dataclass
class Tally:
    results: list[Result] = field(default_factory=list)

    def counts(self) -> Counter:
        return Counter(r.outcome for r in self.results)

    def of(self, outcome: str) -> list[Result]:
        return [r for r in self.results if r.outcome == outcome]


def load() -> list:
    """The OpInfos that have a counterpart here."""
    global torch
    import torch as _torch
    torch = _torch
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from torch.testing._internal.common_methods_invocations import op_db
    return [o for o in op_db if o.name in CALLS]


def _to_ours(value: Any, grad: bool, leaves: list) -> Any:
    """A sample's argument in backprop's terms: tensors become Tensors (floating ones that
    require grad keep requiring it, and are remembered as leaves), containers recursively;
    dtypes, numbers and strings pass as they are."""
    if torch.is_tensor(value):
        arr = value.detach().cpu().numpy().copy()
        t = bp.tensor(arr, requires_grad=bool(grad and value.requires_grad
                                              and arr.dtype.kind == "f"))
        if t.requires_grad:
            leaves.append((t, value))
        return t
    if isinstance(value, (list, tuple)):
        return type(value)(_to_ours(v, grad, leaves) for v in value)
    if isinstance(value, dict):
        return {k: _to_ours(v, grad, leaves) for k, v in value.items()}
    return value


def _flat(out: Any) -> list:
    """Outputs as a flat list of arrays (a (values, indices) pair is two)."""
    if isinstance(out, (tuple, list)):
        return [a for o in out for a in _flat(o)]
    if torch.is_tensor(out):
        return [out.detach().cpu().numpy()]
    if isinstance(out, bp.Tensor):
        return [out.data]
    return [np.asarray(out)]


def _same(a: np.ndarray, b: np.ndarray, rtol: float, atol: float) -> str:
    """'' when a (ours) equals b (torch's): shape, kind of dtype, values; else why."""
    a, b = np.asarray(a), np.asarray(b)
    if a.shape != b.shape:
        return f"shape {a.shape} vs torch {b.shape}"
    kinds = {"b": "bool", "i": "int", "u": "int", "f": "float"}
    if kinds.get(a.dtype.kind) != kinds.get(b.dtype.kind):
        return f"dtype {a.dtype} vs torch {b.dtype}"
    if a.dtype.kind == "f" and b.dtype.kind == "f" and a.dtype != b.dtype:
        return f"dtype {a.dtype} vs torch {b.dtype}"
    if a.dtype.kind in "biu":
        return "" if np.array_equal(a, b) else "values differ"
    if not np.allclose(a, b, rtol=rtol, atol=atol, equal_nan=True):
        with np.errstate(invalid="ignore"):
            err = np.nanmax(np.abs(a.astype(np.float64) - b.astype(np.float64)), initial=0)
        return f"values differ by up to {err:.3g}"
    return ""


def _describe(sample: Any) -> str:
    def d(v: Any) -> str:
        if torch.is_tensor(v):
            return f"T{tuple(v.shape)}:{str(v.dtype).replace('torch.', '')}"
        if isinstance(v, (list, tuple)):
            return "[" + ", ".join(d(x) for x in v) + "]"
        return repr(v)
    args = ", ".join([d(sample.input), *(d(a) for a in sample.args),
                      *(f"{k}={d(v)}" for k, v in sample.kwargs.items())])
    return f"({args})"


def _dropout_check(x: np.ndarray, y: np.ndarray, p: float, training: bool) -> str:
    if not training or p == 0:
        return _same(y, x, 1e-12, 0)
    if p == 1:
        return "" if np.all(y == 0) else "p=1 should zero every entry"
    kept = np.isclose(y, x / (1 - p), rtol=1e-12, atol=0)
    return "" if np.all(kept | (y == 0)) else "entries neither 0 nor x/(1-p)"


def run_sample(op: Any, sample: Any, dtype: str, rng: np.random.Generator) -> Result | None:
    name = op.name
    call = CALLS[name]
    desc = _describe(sample)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            theirs = op(sample.input, *sample.args, **sample.kwargs)
    except Exception:  # torch refuses the sample itself: not counted
        return None
    grad = op.supports_autograd and dtype.startswith("float")
    leaves: list = []
    x = _to_ours(sample.input, grad, leaves)
    args = _to_ours(list(sample.args), grad, leaves)
    kwargs = _to_ours(dict(sample.kwargs), grad, leaves)
    try:
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            ours = call(x, *args, **kwargs)
    except BackpropError as e:
        return Result(name, dtype, "unsupported", " ".join(str(e).split())[:200], desc)
    except Exception as e:  # noqa: BLE001 - every other exception is a crash to report
        return Result(name, dtype, "crash", f"{type(e).__name__}: {e}"[:200], desc)
    rtol, atol = (1e-7, 1e-9) if dtype == "float64" else (1e-4, 1e-5)
    if name == "nn.functional.dropout":
        why = _dropout_check(sample.input.detach().numpy(), _flat(ours)[0],
                             sample.kwargs.get("p", 0.5), sample.kwargs.get("training", True))
        return Result(name, dtype, "mismatch" if why else "agree", why, desc)
    a, b = _flat(ours), _flat(theirs)
    if len(a) != len(b):
        return Result(name, dtype, "mismatch", f"{len(a)} outputs vs torch {len(b)}", desc)
    for k, (u, v) in enumerate(zip(a, b)):
        why = _same(u, v, rtol, atol)
        if why:
            return Result(name, dtype, "mismatch", f"output {k}: {why}", desc)
    # gradients: one random cotangent for the (first) floating output
    out_t = theirs[0] if isinstance(theirs, (tuple, list)) else theirs
    out_o = ours[0] if isinstance(ours, (tuple, list)) else ours
    if not leaves or not torch.is_tensor(out_t) or not out_t.requires_grad:
        return Result(name, dtype, "agree", "", desc)
    if not isinstance(out_o, bp.Tensor) or not out_o.requires_grad:
        return Result(name, dtype, "mismatch", "no gradient recorded where torch has one",
                      desc)
    v = rng.standard_normal(out_t.shape)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            grads_t = torch.autograd.grad(out_t, [t for _, t in leaves],
                                          torch.tensor(v, dtype=out_t.dtype),
                                          allow_unused=True)
    except Exception:  # torch cannot differentiate this sample: forward agreed
        return Result(name, dtype, "agree", "", desc)
    try:
        with np.errstate(all="ignore"):
            out_o.backward(v.astype(out_o.dtype))
    except BackpropError as e:
        return Result(name, dtype, "unsupported", "backward: " + str(e)[:180], desc)
    except Exception as e:  # noqa: BLE001
        return Result(name, dtype, "crash", f"backward: {type(e).__name__}: {e}"[:200], desc)
    for k, ((mine, _), g) in enumerate(zip(leaves, grads_t)):
        want = np.zeros(mine.shape) if g is None else g.numpy()
        got = mine.grad if mine.grad is not None else np.zeros(mine.shape)
        if mine.grad is None and g is not None and np.any(g.numpy() != 0):
            return Result(name, dtype, "mismatch", f"gradient {k}: None", desc)
        why = _same(np.asarray(got, np.float64), np.asarray(want, np.float64), rtol * 10,
                    atol * 10)
        if why:
            return Result(name, dtype, "mismatch", f"gradient {k}: {why}", desc)
    return Result(name, dtype, "agree", "", desc)


def run(names: set[str] | None = None) -> Tally:
    tally = Tally()
    for op in load():
        if names is not None and op.name not in names:
            continue
        for dtype in DTYPES:
            tdtype = getattr(torch, dtype)
            if tdtype not in op.dtypes:
                continue
            torch.manual_seed(0)
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    samples = list(op.sample_inputs("cpu", tdtype, requires_grad=bool(
                        op.supports_autograd and dtype.startswith("float"))))
            except Exception:  # noqa: BLE001 - a sample generator torch cannot run here
                continue
            for k, sample in enumerate(samples):
                # a cotangent of the sample's own: the same whatever else is run
                rng = np.random.default_rng([zlib.crc32(op.name.encode()), k, len(dtype)])
                r = run_sample(op, sample, dtype, rng)
                if r is not None:
                    r.op = op.name + (f".{op.variant_test_name}" if op.variant_test_name
                                      else "")
                    tally.results.append(r)
    return tally


def main(argv: list[str]) -> int:
    tally = run()
    c = tally.counts()
    total = sum(c.values())
    print(f"{total} samples: {c['agree']} agree, {c['mismatch']} mismatch, {c['crash']} crash, "
          f"{c['unsupported']} unsupported")
    by_op = Counter((r.op, r.outcome) for r in tally.results if r.outcome != "agree")
    for (op, outcome), n in sorted(by_op.items()):
        print(f"  {op:45s} {outcome:12s} {n}")
    if "-v" in argv:
        for r in tally.results:
            if r.outcome != "agree":
                print(f"{r.outcome:11s} {r.op} [{r.dtype}] {r.sample[:150]}\n            {r.why}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
