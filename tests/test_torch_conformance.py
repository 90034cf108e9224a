"""PyTorch's habits, checked against PyTorch itself: tensor bounds of clamp get their gradient,
factories read a dtype however torch spells it, a 0-d tensor transposes, memory_format and
device keywords are taken where torch takes them, and a batch of zero samples goes through
every layer (batch norm's statistics untouched) — each agreeing with torch or refused in one
line."""

import numpy as np
import pytest

import backprop as bp
from backprop.errors import BackpropError, ShapeError
from backprop.interop import to_torch
from backprop.models import build_model

torch = pytest.importorskip("torch")


@pytest.mark.parametrize("which", ["both", "min", "max", "crossed"])
def test_clamp_with_tensor_bounds_matches_torch(which):
    rng = np.random.default_rng(0)
    x = rng.uniform(-2, 2, (3, 4))
    lo, hi = rng.uniform(-1, 0, (4,)), rng.uniform(0, 1, (3, 1))
    if which == "crossed":
        lo, hi = hi.reshape(3, 1) + 1.5, lo
    args = {"both": (lo, hi), "crossed": (lo, hi), "min": (lo, None), "max": (None, hi)}[which]
    ours = [bp.tensor(a, requires_grad=True) for a in (x, *[a for a in args if a is not None])]
    theirs = [torch.tensor(a, requires_grad=True) for a in (x, *[a for a in args if a is not None])]

    def bounds(ts):
        it = iter(ts[1:])
        return tuple(next(it) if a is not None else None for a in args)

    y = bp.functional.clamp(ours[0], *bounds(ours))
    t = torch.clamp(theirs[0], *bounds(theirs))
    np.testing.assert_allclose(y.data, t.detach().numpy())
    v = rng.standard_normal(y.shape)
    y.backward(v)
    t.backward(torch.tensor(v))
    for a, b in zip(ours, theirs):
        assert a.grad is not None, "a bound that requires grad got no gradient"
        np.testing.assert_allclose(a.grad, b.grad.numpy())


def test_clamp_min_and_max_methods():
    x = bp.tensor([-1.0, 0.5, 2.0], requires_grad=True)
    m = bp.tensor([0.0, 0.0, 0.0], requires_grad=True)
    x.clamp_min(m).sum().backward()
    np.testing.assert_array_equal(m.grad, [1, 0, 0])
    assert x.clamp_max(1.0).tolist() == [-1.0, 0.5, 1.0]


@pytest.mark.parametrize("dtype, expected", [
    (torch.float64, np.float64), ("float32", np.float32), (bp.float32, np.float32),
    (torch.int64, np.int64), ("float64", np.float64)])
@pytest.mark.parametrize("make", [
    lambda d: bp.zeros(2, 3, dtype=d), lambda d: bp.ones(2, dtype=d),
    lambda d: bp.full((2,), 3, dtype=d), lambda d: bp.arange(4, dtype=d),
    lambda d: bp.zeros_like(np.ones(2), dtype=d)])
def test_factories_read_a_dtype_as_to_does(make, dtype, expected):
    assert make(dtype).dtype == expected


@pytest.mark.parametrize("make", [lambda: bp.zeros(2, dtype=torch.complex64),
                                  lambda: bp.ones(2, dtype="str"),
                                  lambda: bp.arange(3, dtype=object)])
def test_factories_refuse_a_dtype_in_one_line(make):
    with pytest.raises(BackpropError) as info:
        make()
    assert "\n" not in str(info.value) and "dtype" in str(info.value)


def test_transpose_of_a_scalar():
    x = bp.tensor(3.0, requires_grad=True)
    for dims in ((0, -1), (0, 0), (-1, -1)):
        assert x.transpose(*dims).item() == torch.tensor(3.0).transpose(*dims).item()
    x.transpose(0, -1).backward()
    assert x.grad == 1.0
    with pytest.raises(ShapeError, match="0-d"):
        x.transpose(0, 1)


def test_memory_format_and_device_keywords():
    x = bp.zeros(2, 3)
    assert x.clone(memory_format=torch.preserve_format).shape == (2, 3)
    assert x.contiguous(memory_format=torch.contiguous_format) is x
    assert x.to("cpu", memory_format=torch.preserve_format) is x
    assert bp.ones_like(x, device="cpu", memory_format=torch.preserve_format).shape == (2, 3)
    for call in (lambda: x.clone(memory_format=torch.channels_last),
                 lambda: bp.zeros_like(x, device="cuda")):
        with pytest.raises(BackpropError) as info:
            call()
        assert "\n" not in str(info.value)


SPECS = [("linear(3)", (4,)), ("conv(2,3,padding=1)", (1, 5, 5)), ("maxpool(2)", (2, 4, 4)),
         ("avgpool(2)", (2, 4, 4)), ("batchnorm", (2, 4, 4)), ("batchnorm1d", (3,)),
         ("layernorm(3)", (3,)), ("flatten", (2, 3)), ("softmax", (3,)), ("dropout(0.3)", (3,)),
         ("adaptiveavgpool(2)", (2, 4, 4)), ("conv1d(2,3)", (1, 6)), ("gelu", (3,)),
         ("unflatten(1,(1,3))", (3,))]


@pytest.mark.parametrize("spec, shape", SPECS, ids=[s for s, _ in SPECS])
@pytest.mark.parametrize("mode", ["train", "eval"])
def test_an_empty_batch_goes_through_every_layer(spec, shape, mode):
    bp.manual_seed(0)
    model = build_model(spec, shape).to(np.float64)
    twin = to_torch(model).double()
    getattr(model, mode)()
    getattr(twin, mode)()
    x = bp.tensor(np.zeros((0, *shape)), requires_grad=True)
    y = model(x)
    t = twin(torch.zeros((0, *shape), dtype=torch.float64))
    assert y.shape == tuple(t.shape)
    y.sum().backward()
    assert x.grad.shape == x.shape
    for (name, ours), theirs in zip(model.state_dict().items(), twin.state_dict().values()):
        np.testing.assert_allclose(np.asarray(ours.data, dtype=float), theirs.double().numpy(),
                                   err_msg=name)


@pytest.mark.parametrize("mode", ["constant", "reflect", "replicate", "circular"])
@pytest.mark.parametrize("pad", [(-1, 2), (2, -3), (-2, -1), (1, 1, -1, 0)])
def test_negative_padding_crops_as_torch(mode, pad):
    x = np.arange(12.0).reshape(1, 2, 6)
    ours, theirs = bp.tensor(x, requires_grad=True), torch.tensor(x, requires_grad=True)
    y = bp.functional.pad(ours, pad, mode=mode)
    t = torch.nn.functional.pad(theirs, pad, mode=mode)
    np.testing.assert_array_equal(y.data, t.detach().numpy())
    v = np.random.default_rng(0).standard_normal(y.shape)
    y.backward(v)
    t.backward(torch.tensor(v))
    np.testing.assert_allclose(ours.grad, theirs.grad.numpy())


def test_cropping_too_much_is_refused_in_one_line():
    for pad, mode in (((-4, -3), "constant"), ((-3, -3), "replicate")):
        with pytest.raises(ShapeError) as info:
            bp.functional.pad(np.zeros((2, 6)), pad, mode=mode)
        assert "\n" not in str(info.value) and "pad" in str(info.value)


@pytest.mark.parametrize("name", ["max", "min"])
def test_max_and_min_of_another_tensor_split_ties_as_torch(name):
    a, b = np.array([[1.0, 2.0, 3.0]]), np.array([[1.0], [4.0]])
    ours = [bp.tensor(v, requires_grad=True) for v in (a, b)]
    theirs = [torch.tensor(v, requires_grad=True) for v in (a, b)]
    y = getattr(ours[0], name)(ours[1])
    t = getattr(theirs[0], name)(theirs[1])
    np.testing.assert_array_equal(y.data, t.detach().numpy())
    v = np.arange(1.0, 7.0).reshape(2, 3)
    y.backward(v)
    t.backward(torch.tensor(v))
    for o, th in zip(ours, theirs):
        np.testing.assert_allclose(o.grad, th.grad.numpy())
