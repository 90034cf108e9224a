"""The habits PyTorch taught a user, run as that user would write them, and compared with
PyTorch wherever it has the same call (float64, 1e-10). Each test is one group of habits;
the last one is a whole CNN training step loop written the PyTorch way."""

from collections import OrderedDict

import numpy as np
import pytest

import backprop as bp
import backprop.functional as F
from backprop import nn, optim
from backprop.errors import BackpropError

torch = pytest.importorskip("torch", reason="PyTorch is the second oracle for the habits")
torch.set_num_threads(1)  # tiny tensors: more threads only add overhead
TF = torch.nn.functional
RTOL, ATOL = 1e-10, 1e-12


def pair(a: np.ndarray):
    """The same float64 data as a backprop and a torch leaf that require grad."""
    return bp.tensor(a.copy(), requires_grad=True), torch.tensor(a.copy(), requires_grad=True)


def same(ours, theirs, **kw):
    ours = ours.numpy() if isinstance(ours, bp.Tensor) else np.asarray(ours)
    theirs = theirs.detach().numpy() if hasattr(theirs, "detach") else np.asarray(theirs)
    assert ours.shape == theirs.shape, (ours.shape, theirs.shape)
    np.testing.assert_allclose(ours, theirs, rtol=RTOL, atol=ATOL, **kw)


def backward_both(out, ref, rng):
    v = rng.standard_normal(out.shape)
    out.backward(v)
    ref.backward(torch.tensor(v))


# -- what already worked keeps working -------------------------------------------------------

def test_habits_that_already_worked(rng):
    model = nn.Sequential(nn.Conv2d(1, 2, 3, padding="same"), nn.ReLU(), nn.Flatten(),
                          nn.Linear(2 * 4 * 4, 3))
    model.eval()
    assert not model.training and not model[0].training
    model.train()
    x = bp.tensor(rng.standard_normal((2, 1, 4, 4)))
    loss = nn.CrossEntropyLoss(label_smoothing=0.1)(model(x), np.array([0, 2]))
    assert isinstance(loss.item(), float)
    loss.backward()
    first = model[3].weight.grad.copy()
    nn.CrossEntropyLoss(label_smoothing=0.1)(model(x), np.array([0, 2])).backward()
    np.testing.assert_allclose(model[3].weight.grad, 2 * first)  # gradients accumulate
    assert model(x).detach().grad_fn is None
    w = model[3].weight
    assert (bp.ones(2, 32) @ w.T).shape == (2, 3)
    assert w[[0, 2], 1:3].shape == (2, 2)

    @bp.no_grad()
    def predict(inputs):
        return model(inputs)

    assert predict(x).grad_fn is None
    opt = optim.SGD(model.parameters(), lr=0.1)
    opt.param_groups[0]["lr"] = 0.01
    assert opt.param_groups[0]["lr"] == 0.01

    class Mine(nn.Module):
        def __init__(self):
            super().__init__()
            self.fc = nn.Linear(3, 2)

        def forward(self, x):
            return self.fc(x).relu()

    assert [n for n, _ in Mine().named_parameters()] == ["fc.weight", "fc.bias"]


# -- dim / keepdim and PyTorch's reductions ---------------------------------------------------

def test_reductions_take_dim_and_keepdim(rng):
    a = rng.standard_normal((3, 4, 2))
    x, t = pair(a)
    same(x.sum(dim=1), t.sum(dim=1))
    same(x.sum(1), t.sum(1))
    same(x.mean(keepdim=True), t.mean(dim=(0, 1, 2), keepdim=True))
    same(x.mean(dim=(0, 2), keepdim=True), t.mean(dim=(0, 2), keepdim=True))
    same(x.sum(dim=-1, keepdim=True), t.sum(dim=-1, keepdim=True))
    same(x.sum(axis=0, keepdims=True), t.sum(dim=0, keepdim=True))  # NumPy's words too
    same(x.mean(1, True), t.mean(1, True))  # keepdim as torch's second positional argument
    out = x.mean(dim=1) * 2 + x.sum(dim=(0, 2), keepdim=True).mean()
    ref = t.mean(dim=1) * 2 + t.sum(dim=(0, 2), keepdim=True).mean()
    backward_both(out, ref, rng)
    same(x.grad, t.grad)
    with pytest.raises(BackpropError, match="once"):
        x.sum(1, dim=1)


@pytest.mark.parametrize("op", ["max", "min"])
def test_max_and_min_with_dim_return_values_and_indices(op, rng):
    a = rng.standard_normal((4, 5))
    a[1, 2] = a[1, 4] = (a[1].max() + 1) if op == "max" else (a[1].min() - 1)  # a tie
    x, t = pair(a)
    for args, kw in (((), {"dim": 1}), ((), {"dim": 0, "keepdim": True}), ((-1,), {}),
                     ((0, True), {})):
        r, tr = getattr(x, op)(*args, **kw), getattr(t, op)(*args, **kw)
        same(r.values, tr.values)
        np.testing.assert_array_equal(r.indices.numpy(), tr.indices.numpy())
        values, indices = r  # unpacks like torch.return_types
        assert values is r.values and indices is r.indices
    backward_both(getattr(x, op)(1).values, getattr(t, op)(1).values, rng)
    same(x.grad, t.grad)  # the tie's gradient goes to the first index only, as torch
    same(getattr(x, op)(), getattr(t, op)())
    same(getattr(x, op)(axis=0), getattr(t, "a" + op)(dim=0))  # NumPy's axis: values only
    np.testing.assert_array_equal(x.argmax(dim=1).numpy(), t.argmax(dim=1).numpy())
    np.testing.assert_array_equal(x.argmin(dim=0, keepdim=True).numpy(),
                                  t.argmin(dim=0, keepdim=True).numpy())
    assert x.argmax().item() == t.argmax().item()
    scalar = bp.tensor(2.0)
    assert scalar.max(dim=0).values.item() == 2.0 and scalar.max(dim=0).indices.item() == 0


def test_size_numel_dim():
    x = bp.zeros(2, 3, 4)
    t = torch.zeros(2, 3, 4)
    assert x.size() == tuple(t.size()) and x.size(1) == t.size(1) and x.size(-1) == 4
    assert x.numel() == t.numel() == 24 and x.dim() == t.dim() == 3
    assert x.size == 24  # NumPy's size still answers as NumPy does
    with pytest.raises(BackpropError, match="out of range"):
        x.size(3)


# -- shape methods ----------------------------------------------------------------------------

SHAPE_HABITS = [
    ("view", lambda x: x.view(4, 6)), ("view_tuple", lambda x: x.view((-1, 3))),
    ("unsqueeze", lambda x: x.unsqueeze(0)), ("unsqueeze_neg", lambda x: x.unsqueeze(-1)),
    ("squeeze", lambda x: x.unsqueeze(1).squeeze()),
    ("squeeze_dim", lambda x: x.unsqueeze(2).squeeze(2)),
    ("squeeze_kept", lambda x: x.squeeze(0)),  # size 2: kept, as torch
    ("permute", lambda x: x.permute(2, 0, 1)), ("permute_neg", lambda x: x.permute(-1, 1, 0)),
    ("transpose", lambda x: x.transpose(0, 2)), ("flatten", lambda x: x.flatten()),
    ("flatten_1", lambda x: x.flatten(1)), ("reshape", lambda x: x.reshape(2, -1)),
    ("T_last", lambda x: x.flatten(1).T),
]


@pytest.mark.parametrize("name,habit", SHAPE_HABITS, ids=[h[0] for h in SHAPE_HABITS])
def test_shape_methods_match_torch(name, habit, rng):
    x, t = pair(rng.standard_normal((2, 3, 4)))
    out, ref = habit(x), habit(t)
    same(out, ref)
    backward_both(out, ref, rng)
    same(x.grad, t.grad)


ELEMENTWISE_HABITS = [
    ("clamp", lambda x: x.clamp(-0.5, 0.5)), ("clamp_min", lambda x: x.clamp(min=0.1)),
    ("relu", lambda x: x.relu()), ("softmax", lambda x: x.softmax(dim=1)),
    ("log_softmax", lambda x: x.log_softmax(1)), ("sigmoid", lambda x: x.sigmoid()),
    ("exp_log", lambda x: (x.abs() + 1).log().exp()),
]


@pytest.mark.parametrize("name,habit", ELEMENTWISE_HABITS, ids=[h[0] for h in ELEMENTWISE_HABITS])
def test_elementwise_methods_match_torch(name, habit, rng):
    x, t = pair(rng.standard_normal((3, 4)))
    out, ref = habit(x), habit(t)
    same(out, ref)
    backward_both(out, ref, rng)
    same(x.grad, t.grad)


# -- dtypes, devices and the graph ------------------------------------------------------------

def test_dtypes_devices_and_graph_flags(rng):
    x = bp.tensor(rng.standard_normal(3).astype(np.float32), requires_grad=True)
    assert x.double().dtype == np.float64 and x.double().float().dtype == np.float32
    assert x.to(np.float64).dtype == np.float64 and x.to(torch.float64).dtype == np.float64
    assert x.to("cpu") is x and x.to(device="cpu", dtype=np.float32) is x
    assert x.device == "cpu" and x.cpu() is x and x.cpu().numpy() is x.numpy()
    with pytest.raises(BackpropError, match="CPU only"):
        x.cuda()
    with pytest.raises(BackpropError, match="'cuda'.*CPU only"):
        x.to("cuda")
    with pytest.raises(BackpropError, match="CPU only"):
        x.to(torch.device("cuda:0"))
    y = x.clone()
    y.data[0] = 100.0
    assert x.data[0] != 100.0  # a copy
    (x.double() * 3).sum().backward()
    assert x.grad.dtype == np.float32 and np.all(x.grad == 3)  # cast back on the way down
    assert x.grad_fn is None and (x * 2).grad_fn is not None and x.is_leaf
    z = bp.tensor([1.0, 2.0])
    assert z.requires_grad_() is z and z.requires_grad
    (z * z).sum().backward()
    np.testing.assert_array_equal(z.grad, [2.0, 4.0])
    with pytest.raises(BackpropError, match="leaf"):
        (z * 2).requires_grad_(False)
    with pytest.raises(BackpropError, match="floating"):
        bp.arange(3).requires_grad_()
    assert bp.tensor([1.5, 2.5]).to(np.int64).dtype == np.int64


def test_module_to_double_float_and_device(rng):
    model = nn.Sequential(nn.Linear(3, 4), nn.BatchNorm1d(4), nn.ReLU())
    assert model.to("cpu") is model and model.cpu() is model
    assert sum(p.numel() for p in model.parameters()) == model.num_parameters()
    with pytest.raises(BackpropError, match="CPU only"):
        model.cuda()
    with pytest.raises(BackpropError, match="'cuda'"):
        model.to("cuda")
    assert model.double() is model
    assert all(p.dtype == np.float64 for p in model.parameters())
    assert model[1].running_mean.dtype == np.float64
    assert model[1].num_batches_tracked.dtype == np.int64  # counts stay integers
    model.float()
    assert model[0].weight.dtype == np.float32 and model[1].running_var.dtype == np.float32
    model.to(torch.float64)
    assert model[0].weight.dtype == np.float64


# -- factories --------------------------------------------------------------------------------

def test_factories_match_torch(rng):
    for ours, theirs in [(bp.zeros(2, 3), torch.zeros(2, 3)), (bp.ones((4,)), torch.ones((4,))),
                         (bp.zeros(()), torch.zeros(())),
                         (bp.full((2, 2), 7.0), torch.full((2, 2), 7.0)),
                         (bp.arange(5), torch.arange(5)),
                         (bp.arange(1, 10, 3), torch.arange(1, 10, 3)),
                         (bp.arange(0.0, 1.0, 0.25), torch.arange(0.0, 1.0, 0.25)),
                         (bp.arange(4, dtype=bp.float64), torch.arange(4, dtype=torch.float64)),
                         (bp.zeros_like(bp.ones(2, 2)), torch.zeros_like(torch.ones(2, 2)))]:
        assert ours.shape == tuple(theirs.shape)
        assert ours.dtype == np.dtype(str(theirs.dtype).removeprefix("torch."))
        np.testing.assert_array_equal(ours.numpy(), theirs.numpy())
    bp.manual_seed(5)
    a = bp.randn(3, 2, requires_grad=True)
    bp.manual_seed(5)
    assert np.array_equal(bp.randn(3, 2).numpy(), a.numpy()) and a.requires_grad
    assert a.dtype == np.float32 and bp.randn(2, dtype=np.float64).dtype == np.float64
    u = bp.rand(1000)
    assert 0 <= u.numpy().min() and u.numpy().max() < 1 and abs(u.numpy().mean() - 0.5) < 0.05
    arr = np.zeros(3)
    shared = bp.from_numpy(arr)
    arr[0] = 1.0
    assert shared[0].item() == 1.0  # shares memory, as torch.from_numpy
    with pytest.raises(BackpropError, match="device"):
        bp.zeros(2, device="cuda")
    with pytest.raises(BackpropError, match="integers"):
        bp.ones(2.5)


def test_cat_and_stack_match_torch(rng):
    (a, ta), (b, tb) = pair(rng.standard_normal((2, 3))), pair(rng.standard_normal((2, 1)))
    out, ref = bp.cat([a, b], dim=1), torch.cat([ta, tb], dim=1)
    same(out, ref)
    backward_both(out, ref, rng)
    same(a.grad, ta.grad)
    same(b.grad, tb.grad)
    (c, tc), (d, td) = pair(rng.standard_normal(3)), pair(rng.standard_normal(3))
    out, ref = bp.stack([c, d], dim=1), torch.stack([tc, td], dim=1)
    same(out, ref)
    backward_both(out, ref, rng)
    same(c.grad, tc.grad)


def test_one_hot_matches_torch():
    y = np.array([2, 0, 1])
    np.testing.assert_array_equal(F.one_hot(bp.tensor(y), num_classes=4).numpy(),
                                  TF.one_hot(torch.tensor(y), num_classes=4).numpy())


# -- containers -------------------------------------------------------------------------------

def test_containers_register_what_they_hold():
    class Net(nn.Module):
        def __init__(self):
            super().__init__()
            self.blocks = nn.ModuleList([nn.Linear(4, 4) for _ in range(2)])
            self.heads = nn.ModuleDict({"a": nn.Linear(4, 2), "b": nn.Linear(4, 3)})

        def forward(self, x, head):
            for block in self.blocks:
                x = block(x).relu()
            return self.heads[head](x)

    class TorchNet(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.blocks = torch.nn.ModuleList([torch.nn.Linear(4, 4) for _ in range(2)])
            self.heads = torch.nn.ModuleDict({"a": torch.nn.Linear(4, 2),
                                              "b": torch.nn.Linear(4, 3)})

    net = Net()
    assert list(net.state_dict()) == list(TorchNet().state_dict())
    assert net(bp.ones(1, 4), "b").shape == (1, 3)
    net.blocks.append(nn.ReLU())
    net.blocks.insert(0, nn.Identity())
    assert [type(m).__name__ for m in net.blocks] == ["Identity", "Linear", "Linear", "ReLU"]
    assert len(net.blocks[1:3]) == 2 and "a" in net.heads and len(net.heads) == 2
    with pytest.raises(BackpropError, match="Module"):
        net.blocks.append(3)

    seq = nn.Sequential(OrderedDict([("conv", nn.Conv2d(1, 2, 3)), ("act", nn.ReLU())]))
    tseq = torch.nn.Sequential(OrderedDict([("conv", torch.nn.Conv2d(1, 2, 3)),
                                            ("act", torch.nn.ReLU())]))
    assert list(seq.state_dict()) == list(tseq.state_dict()) == ["conv.weight", "conv.bias"]
    assert seq.conv is seq[0]


def test_apply_initialises_every_submodule():
    seen = []

    def init(m):
        seen.append(type(m).__name__)
        if isinstance(m, nn.Linear):
            nn.init.zeros_(m.weight)

    model = nn.Sequential(nn.Linear(3, 3), nn.Sequential(nn.Linear(3, 2), nn.Tanh()))
    assert model.apply(init) is model
    assert seen == ["Linear", "Linear", "Tanh", "Sequential", "Sequential"]  # children first
    assert not any(m.weight.data.any() for m in model.modules() if isinstance(m, nn.Linear))


# -- new layers -------------------------------------------------------------------------------

@pytest.mark.parametrize("momentum", [0.1, None])
def test_batchnorm_train_and_eval_as_torch(momentum, rng):
    ours = nn.BatchNorm2d(3, momentum=momentum).double()
    theirs = torch.nn.BatchNorm2d(3, momentum=momentum).double()
    ours.weight.data[:] = theirs.weight.data.numpy()[:] = rng.uniform(0.5, 2, 3)
    for step in range(4):  # training: batch statistics, running ones updated
        x, t = pair(rng.standard_normal((4, 3, 2, 5)) * (step + 1) + step)
        out, ref = ours(x), theirs(t)
        same(out, ref)
        backward_both(out, ref, rng)
        same(x.grad, t.grad)
    same(ours.weight.grad, theirs.weight.grad)
    same(ours.bias.grad, theirs.bias.grad)
    for name, buf in theirs.named_buffers():
        same(getattr(ours, name).numpy(), buf)
    ours.eval()
    theirs.eval()
    x, t = pair(rng.standard_normal((2, 3, 2, 2)))
    same(ours(x), theirs(t))  # evaluation: the running statistics
    assert int(ours.num_batches_tracked.item()) == 4
    with pytest.raises(BackpropError, match="3 channels"):
        ours(bp.zeros(2, 4, 2, 2))


def test_layer_norm_and_activations_as_torch(rng):
    pairs = [(nn.LayerNorm(5), torch.nn.LayerNorm(5)),
             (nn.LayerNorm((2, 5), elementwise_affine=False),
              torch.nn.LayerNorm((2, 5), elementwise_affine=False)),
             (nn.LeakyReLU(0.1), torch.nn.LeakyReLU(0.1)), (nn.ELU(), torch.nn.ELU()),
             (nn.GELU(), torch.nn.GELU()), (nn.GELU("tanh"), torch.nn.GELU("tanh")),
             (nn.SiLU(), torch.nn.SiLU()), (nn.Identity(), torch.nn.Identity()),
             (nn.Unflatten(2, (5, 1)), torch.nn.Unflatten(2, (5, 1)))]
    for ours, theirs in pairs:
        ours.double()
        theirs.double()
        x, t = pair(rng.standard_normal((3, 2, 5)))
        out, ref = ours(x), theirs(t)
        same(out, ref)
        backward_both(out, ref, rng)
        same(x.grad, t.grad)


def test_adaptive_avg_pool_layer_as_torch(rng):
    x, t = pair(rng.standard_normal((2, 3, 7, 5)))
    out, ref = nn.AdaptiveAvgPool2d((3, None))(x), torch.nn.AdaptiveAvgPool2d((3, None))(t)
    same(out, ref)


def test_torch_state_dict_with_batchnorm_buffers_loads_both_ways(rng):
    torch.manual_seed(0)
    theirs = torch.nn.Sequential(torch.nn.Conv2d(1, 2, 3), torch.nn.BatchNorm2d(2)).double()
    theirs.train()
    theirs(torch.tensor(rng.standard_normal((4, 1, 5, 5))))  # moves the running statistics
    ours = nn.Sequential(nn.Conv2d(1, 2, 3), nn.BatchNorm2d(2)).double()
    bp.interop.load_torch_state_dict(ours, theirs.state_dict())
    assert list(ours.state_dict()) == list(theirs.state_dict())
    for k, v in theirs.state_dict().items():
        np.testing.assert_array_equal(ours.state_dict()[k], v.detach().numpy())
    theirs.eval()
    ours.eval()
    x = rng.standard_normal((2, 1, 5, 5))
    same(ours(x), theirs(torch.tensor(x)))
    twin = bp.interop.to_torch(ours, (1, 5, 5))
    same(twin(torch.tensor(x)).detach().numpy(), theirs(torch.tensor(x)))


# -- a whole training loop, written the PyTorch way ------------------------------------------

def test_a_pytorch_style_training_loop_matches_torch(rng):
    def build(lib):
        n = lib.nn if lib is torch else nn
        return n.Sequential(OrderedDict([
            # no bias before batch norm: its gradient is 0 up to rounding, which RMSprop
            # would scale up to full steps of noise
            ("conv", n.Conv2d(1, 4, 3, padding="same", bias=False)), ("bn", n.BatchNorm2d(4)),
            ("act", n.GELU()), ("pool", n.AdaptiveAvgPool2d(2)), ("flat", n.Flatten()),
            ("drop", n.Identity()), ("fc", n.Linear(16, 3)), ("ln", n.LayerNorm(3))]))

    torch.manual_seed(0)  # the weights are torch's, copied into ours
    ours, theirs = build(bp).double(), build(torch).double()
    bp.interop.load_torch_state_dict(ours, theirs.state_dict())
    opt = optim.RMSprop(ours.parameters(), lr=1e-2, momentum=0.5)
    topt = torch.optim.RMSprop(theirs.parameters(), lr=1e-2, momentum=0.5)
    sched = optim.lr_scheduler.OneCycleLR(opt, max_lr=0.02, total_steps=6)
    tsched = torch.optim.lr_scheduler.OneCycleLR(topt, max_lr=0.02, total_steps=6)
    loss_fn, tloss_fn = nn.CrossEntropyLoss(label_smoothing=0.1), \
        torch.nn.CrossEntropyLoss(label_smoothing=0.1)
    for step in range(6):
        x = rng.standard_normal((8, 1, 6, 6))
        y = F.one_hot(bp.tensor(rng.integers(0, 3, 8)), 3).argmax(dim=1).numpy()
        ours.train()
        theirs.train()
        opt.zero_grad()
        topt.zero_grad()
        loss = loss_fn(ours(bp.from_numpy(x)), y)
        tloss = tloss_fn(theirs(torch.from_numpy(x)), torch.from_numpy(y))
        loss.backward()
        tloss.backward()
        assert loss.item() == pytest.approx(tloss.item(), rel=RTOL)
        norm = nn.utils.clip_grad_norm_(ours.parameters(), max_norm=0.5)
        tnorm = torch.nn.utils.clip_grad_norm_(theirs.parameters(), max_norm=0.5)
        assert norm.item() == pytest.approx(tnorm.item(), rel=RTOL)
        opt.step()
        topt.step()
        sched.step()
        tsched.step()
    for k, v in theirs.state_dict().items():
        np.testing.assert_allclose(ours.state_dict()[k], v.detach().numpy(), rtol=1e-9, atol=1e-12,
                                   err_msg=k)
    ours.eval()
    theirs.eval()
    x = rng.standard_normal((3, 1, 6, 6))
    with bp.no_grad():
        pred = ours(x).argmax(dim=1)
    np.testing.assert_array_equal(pred.numpy(), theirs(torch.tensor(x)).argmax(dim=1).numpy())


# -- arguments a user can get wrong: one clear error, never another exception ----------------

from hypothesis import given, settings, strategies as st  # noqa: E402

ANYTHING = st.one_of(st.none(), st.booleans(), st.integers(-10, 10), st.floats(),
                     st.text(max_size=10), st.sampled_from(["cpu", "cuda", "cuda:1", "mps",
                                                            "float64", "int8", "S", "O", "V",
                                                            "i4,i4", "(2)f8", "cpu:0"]))


@settings(max_examples=80, deadline=None)
@given(ANYTHING)
def test_to_takes_a_dtype_or_cpu_else_one_clear_error(arg):
    x = bp.tensor([1.0, 2.0], requires_grad=True)
    try:
        y = x.to(arg)
    except BackpropError:
        return
    assert isinstance(y, bp.Tensor) and y.dtype.kind in "biuf"


@settings(max_examples=80, deadline=None)
@given(st.lists(st.one_of(st.integers(-3, 2 ** 40), st.floats(), st.text(max_size=2)),
                max_size=4), st.sampled_from([bp.zeros, bp.ones, bp.randn, bp.rand]))
def test_factories_take_sizes_else_one_clear_error(size, factory):
    try:
        t = factory(*size)
    except BackpropError:
        return
    assert t.shape == tuple(size)


@settings(max_examples=60, deadline=None)
@given(ANYTHING, ANYTHING, st.one_of(st.none(), st.integers(-2, 3), st.floats()))
def test_arange_takes_numbers_else_one_clear_error(start, end, step):
    try:
        t = bp.arange(start, end, 1 if step is None else step)
    except BackpropError:
        return
    assert t.ndim == 1
