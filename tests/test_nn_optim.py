"""Modules and optimisers follow torch.nn / torch.optim (names, keys, update rules)."""

import numpy as np
import pytest

import backprop as bp
import backprop.functional as F
from backprop import nn, optim
from backprop.errors import CheckpointError


def test_state_dict_keys_and_round_trip():
    m = nn.Sequential(nn.Linear(4, 3), nn.ReLU(), nn.Linear(3, 2))
    sd = m.state_dict()
    assert list(sd) == ["0.weight", "0.bias", "2.weight", "2.bias"]
    assert sd["0.weight"].shape == (3, 4) and sd["0.weight"].dtype == np.float32
    m2 = nn.Sequential(nn.Linear(4, 3), nn.ReLU(), nn.Linear(3, 2))
    m2.load_state_dict(sd)
    x = np.ones((2, 4), np.float32)
    np.testing.assert_array_equal(m(x).numpy(), m2(x).numpy())
    with pytest.raises(CheckpointError, match=r"0.weight has shape \(3, 5\)"):
        m2.load_state_dict({**sd, "0.weight": np.zeros((3, 5))})
    with pytest.raises(CheckpointError, match="missing \\['2.bias'\\]"):
        m2.load_state_dict({k: v for k, v in sd.items() if k != "2.bias"})


def test_train_eval_modes_and_dropout():
    bp.manual_seed(0)
    m = nn.Sequential(nn.Dropout(0.5))
    x = np.ones((100, 10), np.float32)
    y = m(x).numpy()
    assert set(np.unique(y)) == {0.0, 2.0}
    m.eval()
    assert not m[0].training
    np.testing.assert_array_equal(m(x).numpy(), x)


torch = pytest.importorskip("torch", reason="PyTorch is the oracle for the update rules")


@pytest.mark.parametrize("name,ours,theirs", [
    ("sgd", lambda p: optim.SGD(p, lr=0.1), lambda p: torch.optim.SGD(p, lr=0.1)),
    ("momentum_wd", lambda p: optim.SGD(p, lr=0.1, momentum=0.9, weight_decay=0.01),
     lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.9, weight_decay=0.01)),
    ("nesterov", lambda p: optim.SGD(p, lr=0.05, momentum=0.8, nesterov=True),
     lambda p: torch.optim.SGD(p, lr=0.05, momentum=0.8, nesterov=True)),
    ("dampening", lambda p: optim.SGD(p, lr=0.05, momentum=0.8, dampening=0.3),
     lambda p: torch.optim.SGD(p, lr=0.05, momentum=0.8, dampening=0.3)),
    ("adam", lambda p: optim.Adam(p, lr=0.01, weight_decay=0.1),
     lambda p: torch.optim.Adam(p, lr=0.01, weight_decay=0.1)),
    ("amsgrad", lambda p: optim.Adam(p, lr=0.01, amsgrad=True),
     lambda p: torch.optim.Adam(p, lr=0.01, amsgrad=True)),
    ("adamw", lambda p: optim.AdamW(p, lr=0.01), lambda p: torch.optim.AdamW(p, lr=0.01)),
])
def test_optimizers_match_torch(name, ours, theirs):
    rng = np.random.default_rng(0)
    w0 = rng.standard_normal((3, 4))
    x, y = rng.standard_normal((8, 4)), rng.integers(0, 3, 8)
    w = nn.Parameter(w0.copy())
    tw = torch.tensor(w0.copy(), requires_grad=True)
    opt, topt = ours([w]), theirs([tw])
    for _ in range(5):
        opt.zero_grad()
        F.cross_entropy(F.linear(x, w), y).backward()
        opt.step()
        topt.zero_grad()
        torch.nn.functional.cross_entropy(torch.tensor(x) @ tw.T, torch.tensor(y)).backward()
        topt.step()
    np.testing.assert_allclose(w.data, tw.detach().numpy(), rtol=1e-10, atol=1e-12)


def test_schedules_match_torch():
    from backprop.optim import lr_scheduler

    for ours, theirs in (
            (lambda o: lr_scheduler.StepLR(o, 3, 0.5), lambda o: torch.optim.lr_scheduler.StepLR(o, 3, 0.5)),
            (lambda o: lr_scheduler.CosineAnnealingLR(o, 7, 0.001),
             lambda o: torch.optim.lr_scheduler.CosineAnnealingLR(o, 7, 0.001))):
        o = optim.SGD([nn.Parameter(np.zeros(1))], lr=0.1)
        t = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=0.1)
        s, ts = ours(o), theirs(t)
        for _ in range(9):
            assert o.param_groups[0]["lr"] == pytest.approx(t.param_groups[0]["lr"], rel=1e-12)
            o.step(), t.step()
            s.step(), ts.step()


def test_linear_default_init_matches_torch_bounds():
    m = nn.Linear(100, 50)
    assert np.abs(m.weight.data).max() <= 0.1 and np.abs(m.weight.data).max() > 0.09
