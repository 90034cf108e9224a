"""Comparisons are elementwise, as PyTorch's: a boolean tensor without gradient.

``a == b`` once answered by identity: ``(pred == y).float().mean()`` failed and
``np.mean(a == b)`` gave 0 for equal tensors. Every operator and method is checked against
torch's elementwise result and dtype on generated shapes that broadcast.
"""

from __future__ import annotations

import operator

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import backprop as bp
from backprop.errors import AmbiguousError, BackpropError, ShapeError

OPERATORS = {"==": operator.eq, "!=": operator.ne, "<": operator.lt, "<=": operator.le,
             ">": operator.gt, ">=": operator.ge}
METHODS = ("eq", "ne", "lt", "le", "gt", "ge")

# Small integers as floats, so that equal entries are common.
_VALUES = st.integers(-2, 2).map(float)


@st.composite
def broadcast_pairs(draw):
    shapes = draw(hnp.mutually_broadcastable_shapes(num_shapes=2, min_dims=0, max_dims=3,
                                                    max_side=3))
    a = draw(hnp.arrays(np.float64, shapes.input_shapes[0], elements=_VALUES))
    b = draw(hnp.arrays(np.float64, shapes.input_shapes[1], elements=_VALUES))
    return a, b


@settings(max_examples=150, deadline=None)
@given(pair=broadcast_pairs(), symbol=st.sampled_from(sorted(OPERATORS)))
def test_every_operator_is_elementwise_as_numpy(pair, symbol):
    a, b = pair
    out = OPERATORS[symbol](bp.tensor(a, requires_grad=True), bp.tensor(b))
    assert isinstance(out, bp.Tensor)
    assert out.dtype == np.bool_
    assert not out.requires_grad
    np.testing.assert_array_equal(out.data, OPERATORS[symbol](a, b))


@settings(max_examples=100, deadline=None)
@given(pair=broadcast_pairs(), k=st.integers(0, len(METHODS) - 1))
def test_every_comparison_agrees_with_torch(pair, k):
    torch = pytest.importorskip("torch")
    a, b = pair
    name = METHODS[k]
    ours = getattr(bp.tensor(a), name)(bp.tensor(b))
    theirs = getattr(torch.tensor(a), name)(torch.tensor(b))
    assert str(theirs.dtype) == "torch.bool" and ours.dtype == np.bool_
    np.testing.assert_array_equal(ours.data, theirs.numpy())
    # the reflected forms: a number or an array on the left
    symbol = [s for s, f in OPERATORS.items() if f.__name__ == name][0]
    np.testing.assert_array_equal(OPERATORS[symbol](a, bp.tensor(b)).data,
                                  OPERATORS[symbol](torch.tensor(a), torch.tensor(b)).numpy())
    assert bp.equal(bp.tensor(a), bp.tensor(b)) == torch.equal(torch.tensor(a), torch.tensor(b))


def test_accuracy_as_a_pytorch_user_writes_it():
    pred = bp.tensor([0, 2, 1, 1])
    y = bp.tensor([0, 1, 1, 1])
    assert (pred == y).float().mean().item() == pytest.approx(0.75)
    assert (pred == y).sum().item() == 3
    assert float(np.mean(bp.tensor([1.0, 2.0]) == bp.tensor([1.0, 2.0]))) == 1.0
    assert pred.eq(y).any().item() and not pred.eq(y).all().item()
    assert pred.ne(y).tolist() == [False, True, False, False]


def test_truth_of_a_comparison():
    a = bp.tensor([1.0, 2.0])
    with pytest.raises(AmbiguousError, match="ambiguous"):
        if a == a:
            pass
    with pytest.raises(RuntimeError):  # torch raises RuntimeError: so does ours
        bool(a > 0)
    assert bool(bp.tensor(3.0) == 3)
    assert not bool(bp.tensor([3.0]) != 3)


def test_hash_stays_by_identity():
    a, b = bp.tensor([1.0]), bp.tensor([1.0])
    table = {a: "a", b: "b"}
    assert table[a] == "a" and table[b] == "b"
    assert len({a, b}) == 2


def test_not_numbers_compare_unequal_and_do_not_order():
    a = bp.tensor([1.0, 2.0])
    assert (a == None) is False  # noqa: E711 - the comparison itself is under test
    assert (a != "x") is True
    with pytest.raises(BackpropError):
        a < "x"  # noqa: B015


def test_shapes_that_do_not_broadcast_are_named():
    with pytest.raises(ShapeError, match=r"\(3,\).*\(2,\)"):
        bp.tensor([1.0, 2.0, 3.0]) == bp.tensor([1.0, 2.0])  # noqa: B015


def test_reductions_of_booleans_along_a_dim():
    m = bp.tensor([[True, False], [True, True]])
    assert m.all(dim=1).tolist() == [False, True]
    assert m.any(0).tolist() == [True, True]
    assert m.all(1, True).shape == (2, 1)
    assert bp.tensor(True).all(dim=0).item() is True
    with pytest.raises(ShapeError):
        m.all(dim=2)


def test_a_mask_from_a_comparison_indexes_and_selects():
    x = bp.tensor([-1.0, 2.0, -3.0, 4.0], requires_grad=True)
    kept = x[x > 0]
    assert kept.tolist() == [2.0, 4.0]
    kept.sum().backward()
    assert x.grad.tolist() == [0.0, 1.0, 0.0, 1.0]
    assert bp.functional.where(x > 0, x, 0.0).tolist() == [0.0, 2.0, 0.0, 4.0]
