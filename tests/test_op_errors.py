"""The error contract of the functional ops and of tensor(): fed bool, str, object and
complex arrays, ragged lists, None, empty reductions, bad broadcasting and junk options,
every public op (conv and pooling aside) either returns a Tensor or raises a BackpropError
that names the op — never a raw NumPy or Python exception. Shape and dtype errors also
name the shapes."""

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import backprop as bp
import backprop.functional as F
from backprop.errors import BackpropError, DTypeError, ShapeError

SHAPES = [(), (0,), (1,), (3,), (2, 3), (3, 1), (1, 0), (2, 0, 3), (2, 3, 4)]
DTYPES = ["float64", "float32", "int64", "uint8", "bool", "complex128", "object", "<U1"]
JUNK = [None, "abc", [[1, 2], [3]], 1 + 2j, object()]
OPTION_VALUES = [None, 0, 1, -1, 2, -3, (0, 1), (0, 0), (-1,), (), "a", 1.5, True, np.nan,
                 np.array([1, 0]), [0, 1], "mean", "none", 3.0, -0.5, "float32", (2, -1),
                 slice(None), np.float32(0.5)]

UNARY = ["sigmoid", "tanh", "relu", "softplus", "heaviside", "sign", "softmax", "log_softmax",
         "logsumexp", "dropout", "neg", "exp", "log", "sqrt", "abs", "sum", "mean", "max",
         "min", "reshape", "transpose", "getitem"]
ARITY = {"cross_entropy": 2, "nll_loss": 2, "mse_loss": 2, "binary_cross_entropy": 2,
         "binary_cross_entropy_with_logits": 2, "linear": 3, "add": 2, "sub": 2, "mul": 2,
         "div": 2, "power": 2, "matmul": 2, "where": 3, "concatenate": 1, "stack": 1}
OPTIONS = {
    "sum": ["axis", "keepdims"], "mean": ["axis", "keepdims"], "max": ["axis", "keepdims"],
    "min": ["axis", "keepdims"], "softmax": ["dim", "axis", "temperature", "dtype"],
    "log_softmax": ["dim", "dtype"], "logsumexp": ["dim", "keepdim"], "reshape": ["shape"],
    "transpose": ["axes"], "getitem": ["index"], "concatenate": ["axis"], "stack": ["axis"],
    "cross_entropy": ["reduction", "ignore_index", "weight", "label_smoothing"],
    "nll_loss": ["reduction", "ignore_index", "weight"], "mse_loss": ["reduction"],
    "binary_cross_entropy": ["reduction", "weight"],
    "binary_cross_entropy_with_logits": ["reduction", "weight", "pos_weight"],
    "softplus": ["beta", "threshold"], "dropout": ["p", "training"], "add": ["alpha"],
    "sub": ["alpha"], "heaviside": ["value"],
}
OPS = UNARY + sorted(ARITY)


@st.composite
def arrays(draw):
    """An array of any of the dtypes above, or (now and then) something that is no array."""
    if draw(st.integers(0, 9)) == 0:
        return draw(st.sampled_from(JUNK))
    shape = draw(st.sampled_from(SHAPES))
    dtype = draw(st.sampled_from(DTYPES))
    rng = np.random.default_rng(draw(st.integers(0, 2**16)))
    values = rng.integers(-2, 3, shape)
    if dtype == "object":
        return values.astype(object)
    if dtype == "<U1":
        return values.astype(str)
    arr = values.astype(dtype)
    if dtype in ("float64", "float32") and draw(st.booleans()):
        return bp.tensor(arr, requires_grad=draw(st.booleans()))
    return arr


def _check_message(name: str, e: BackpropError) -> None:
    msg = str(e)
    assert name in msg or name.split("_")[0] in msg, f"{name}: the error does not name it: {msg}"
    if isinstance(e, (ShapeError, DTypeError)):
        assert "shape" in msg or "dimension" in msg, f"{name}: no shapes named: {msg}"


@pytest.mark.parametrize("name", OPS)
@settings(max_examples=25, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_a_result_or_a_backprop_error(name, data):
    fn = getattr(F, name)
    args = [data.draw(arrays()) for _ in range(ARITY.get(name, 1))]
    if name in ("concatenate", "stack"):
        args = [[data.draw(arrays()) for _ in range(data.draw(st.integers(0, 3)))]]
    kwargs = {k: data.draw(st.sampled_from(OPTION_VALUES)) for k in OPTIONS.get(name, [])
              if data.draw(st.booleans())}
    if "dim" in kwargs and "axis" in kwargs and data.draw(st.booleans()):
        kwargs["axis"] = kwargs["dim"]
    try:
        with np.errstate(all="ignore"):
            out = fn(*args, **kwargs)
    except BackpropError as e:
        _check_message(name, e)
        return
    assert isinstance(out, bp.Tensor) and isinstance(out.data, np.ndarray)
    assert out.data.dtype.kind in "biuf"
    if out.requires_grad:  # whatever the forward accepted, its VJP must take too
        with np.errstate(all="ignore"):
            out.backward(np.ones(out.shape))
        inputs = {"concatenate": args[0], "stack": args[0], "where": args[1:]}.get(name, args)
        leaves = [a for a in inputs if isinstance(a, bp.Tensor) and a.requires_grad]
        assert all(t.grad is not None and t.grad.shape == t.shape for t in leaves)


@settings(max_examples=60, deadline=None, derandomize=True)
@given(data=arrays(), requires_grad=st.booleans(),
       dtype=st.sampled_from([None, "float32", "int8", "nonsense", complex, object]))
def test_tensor_conversion(data, requires_grad, dtype):
    try:
        t = bp.tensor(data, requires_grad=requires_grad, dtype=dtype)
    except BackpropError as e:
        assert str(e).startswith("tensor:"), str(e)
        return
    assert t.dtype.kind in "biuf"
    assert not requires_grad or t.dtype.kind == "f"


@pytest.mark.parametrize("bad", ["abc", np.array(["a", "b"]), np.array([1 + 2j, 0]),
                                 np.array([None, 1], dtype=object), [[1, 2], [3]]])
def test_every_primitive_refuses_non_numbers_by_name(bad):
    with pytest.raises(BackpropError, match=r"exp: argument 'a'"):
        F.exp(bad)
    with pytest.raises(BackpropError, match=r"mul: argument 'b'"):
        F.mul(np.ones(2), bad)
    with pytest.raises(BackpropError, match=r"concatenate: arrays\[1\]"):
        F.concatenate([np.ones(2), bad])


def test_dtype_errors_stay_type_errors_and_index_errors_stay_index_errors():
    with pytest.raises(TypeError):
        F.exp(np.array(["a"]))
    with pytest.raises(TypeError):
        bp.tensor([1, 2], requires_grad=True)
    with pytest.raises(IndexError):
        bp.tensor(np.ones(3))[5]
    assert [float(r) for r in bp.tensor(np.arange(3.0))] == [0.0, 1.0, 2.0]  # iteration stops


@pytest.mark.parametrize("call,pattern", [
    (lambda: F.add(np.ones((2, 3)), np.ones((4,))),
     r"add: cannot broadcast a of shape \(2, 3\), b of shape \(4,\)"),
    (lambda: F.matmul(np.ones((2, 3)), np.ones((2, 3))),
     r"matmul: a of shape \(2, 3\).*b of shape \(2, 3\)"),
    (lambda: F.max(np.ones((2, 0)), axis=1), r"max: cannot reduce over a size-0 axis.*\(2, 0\)"),
    (lambda: F.sum(np.ones((2, 3)), axis=(0, -2)), r"sum: axis=\(0, -2\) names an axis twice"),
    (lambda: F.reshape(np.ones((2, 3)), shape=(4, -1)), r"reshape: .*shape \(2, 3\).*\(4, -1\)"),
    (lambda: F.stack([np.ones(2), np.ones(3)]), r"stack: .*\[\(2,\), \(3,\)\]"),
    (lambda: F.where(np.ones(4) > 0, np.ones(3), 0.0), r"where: cannot broadcast condition"),
    (lambda: F.binary_cross_entropy_with_logits(np.ones((2, 3)), np.ones((2, 3)),
                                                pos_weight=np.ones(2)),
     r"pos_weight of shape \(2,\)"),
    (lambda: F.power(np.array([2]), np.array([-1])), r"power: integer base"),
])
def test_messages_name_op_argument_and_shapes(call, pattern):
    with pytest.raises(BackpropError, match=pattern):
        call()


@pytest.mark.parametrize("other", ["a", np.ones(3), 1j, object()])
def test_tensor_comparisons_refuse_bad_operands(other):
    t = bp.tensor([1.0, 2.0])
    with pytest.raises(BackpropError, match=r"Tensor <"):
        t < other


def test_tensor_comparisons_give_boolean_arrays():
    t = bp.tensor([1.0, 2.0])
    np.testing.assert_array_equal(t < 1.5, [True, False])
    np.testing.assert_array_equal(t >= bp.tensor([2.0, 2.0]), [False, True])
