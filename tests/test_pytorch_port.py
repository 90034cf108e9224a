"""A typical 30-line PyTorch CNN script, ported as a new user would, runs beside PyTorch:
the same initial weights and the same batches give the same losses, step after step.

The port changes the imports, the seed's generator and ``torch.`` → ``bp.``; everything
else — ``TensorDataset``/``DataLoader``, ``StepLR``, ``argmax``, ``save(state_dict)`` — is
the same text. Also here: the pieces it uses, each against PyTorch.
"""

from __future__ import annotations

import numpy as np
import pytest

import backprop as bp
from backprop.errors import BackpropError
from backprop.utils.data import DataLoader, TensorDataset

torch = pytest.importorskip("torch", reason="PyTorch is the oracle of this port")
torch.set_num_threads(1)

EPOCHS, BATCH = 4, 16


def data(n: int = 200):
    rng = np.random.default_rng(5)
    x = rng.normal(size=(n, 1, 12, 12)).astype(np.float32)
    y = (x[:, 0, :6].mean(axis=(1, 2)) > 0).astype(np.int64) + (x[:, 0, 6:, 6:].mean(
        axis=(1, 2)) > 0.1)
    return x, y.astype(np.int64)


def ported_script(x, y, path, start_weights):
    """The user's script, in backprop (the lines a port changes are marked)."""
    import backprop as bp                                     # changed
    import backprop.nn.functional as F                        # changed (torch → backprop)
    from backprop import nn                                   # changed
    from backprop.utils.data import DataLoader, TensorDataset  # changed

    bp.manual_seed(0)                                         # changed
    x, y = bp.tensor(x), bp.tensor(y)                         # changed
    model = nn.Sequential(nn.Conv2d(1, 4, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                          nn.Flatten(), nn.Linear(4 * 6 * 6, 3))
    model.load_state_dict(start_weights)  # the test's: PyTorch's initial weights
    opt = bp.optim.SGD(model.parameters(), lr=0.05, momentum=0.9)
    sched = bp.optim.lr_scheduler.StepLR(opt, step_size=2, gamma=0.5)
    loader = DataLoader(TensorDataset(x, y), batch_size=BATCH, shuffle=True,
                        generator=np.random.default_rng(0))  # changed
    losses, accuracy = [], []
    for epoch in range(EPOCHS):
        model.train()
        for xb, yb in loader:
            opt.zero_grad()
            loss = F.cross_entropy(model(xb), yb)
            loss.backward()
            opt.step()
            losses.append(loss.item())
        sched.step()
        model.eval()
        with bp.no_grad():
            pred = bp.argmax(model(x), dim=1)
        accuracy.append((bp.sum(pred == y) / len(y)).item())
    bp.save(model.state_dict(), path)
    return losses, accuracy


def torch_script(x, y, path, order):
    """The original, with the test's one change: the batches come in ``order``."""
    import torch.nn.functional as F
    from torch import nn
    from torch.utils.data import DataLoader, TensorDataset

    torch.manual_seed(0)
    x, y = torch.tensor(x), torch.tensor(y)
    model = nn.Sequential(nn.Conv2d(1, 4, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                          nn.Flatten(), nn.Linear(4 * 6 * 6, 3))
    start = {k: v.detach().numpy().copy() for k, v in model.state_dict().items()}
    opt = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9)
    sched = torch.optim.lr_scheduler.StepLR(opt, step_size=2, gamma=0.5)
    loader = DataLoader(TensorDataset(x, y), batch_size=BATCH, sampler=order)
    losses, accuracy = [], []
    for epoch in range(EPOCHS):
        model.train()
        for xb, yb in loader:
            opt.zero_grad()
            loss = F.cross_entropy(model(xb), yb)
            loss.backward()
            opt.step()
            losses.append(loss.item())
        sched.step()
        model.eval()
        with torch.no_grad():
            pred = torch.argmax(model(x), dim=1)
        accuracy.append((torch.sum(pred == y) / len(y)).item())
    torch.save(model.state_dict(), path)
    return start, losses, accuracy


class NumpyOrder:
    """The order our shuffling DataLoader draws (a fresh permutation per pass from the
    same seeded generator), as a sampler for PyTorch's."""

    def __init__(self, n: int, seed: int) -> None:
        self.n, self.rng = n, np.random.default_rng(seed)

    def __iter__(self):
        return iter(self.rng.permutation(self.n).tolist())

    def __len__(self) -> int:
        return self.n


def test_the_ported_script_trains_as_pytorch_does(tmp_path):
    x, y = data()
    start, theirs, their_acc = torch_script(x, y, tmp_path / "t.pt", NumpyOrder(len(x), 0))
    ours, our_acc = ported_script(x, y, tmp_path / "m.safetensors", start)
    assert len(ours) == len(theirs) == EPOCHS * -(-len(x) // BATCH)
    np.testing.assert_allclose(ours, theirs, rtol=1e-4, atol=1e-6)
    np.testing.assert_allclose(our_acc, their_acc, atol=1.5 / len(x))
    assert theirs[-1] < 0.8 * theirs[0]  # it learned something: the comparison is not vacuous
    saved = bp.load(tmp_path / "m.safetensors")  # a state_dict comes back as one
    final = torch.load(tmp_path / "t.pt")
    assert set(saved) == set(final)
    for k in final:
        np.testing.assert_allclose(saved[k], final[k].numpy(), rtol=1e-3, atol=1e-5)


def test_data_loader_batches():
    x, y = np.arange(10.0).reshape(10, 1), np.arange(10)
    loader = DataLoader(TensorDataset(x, y), batch_size=4)
    batches = [(xb.data[:, 0].tolist(), yb.data.tolist()) for xb, yb in loader]
    assert batches == [([0, 1, 2, 3], [0, 1, 2, 3]), ([4, 5, 6, 7], [4, 5, 6, 7]),
                       ([8, 9], [8, 9])] and len(loader) == 3
    dropped = DataLoader(TensorDataset(x, y), batch_size=4, drop_last=True)
    assert [len(b[0]) for b in dropped] == [4, 4] and len(dropped) == 2
    shuffled = DataLoader(TensorDataset(x, y), batch_size=3, shuffle=True, generator=7)
    one, two = ([int(v) for b in shuffled for v in b[1].data] for _ in range(2))
    assert sorted(one) == list(range(10)) and one != two  # a fresh order each pass
    assert one == np.random.default_rng(7).permutation(10).tolist()
    bp.manual_seed(3)
    first = [int(v) for b in DataLoader(TensorDataset(x, y), 5, shuffle=True) for v in b[1].data]
    bp.manual_seed(3)
    again = [int(v) for b in DataLoader(TensorDataset(x, y), 5, shuffle=True) for v in b[1].data]
    assert first == again  # bp.manual_seed seeds the shuffling without a generator


def test_data_loader_refuses_bad_arguments():
    with pytest.raises(BackpropError, match="batch_size"):
        DataLoader(TensorDataset(np.zeros(3)), batch_size=0)
    with pytest.raises(BackpropError, match="same first size"):
        TensorDataset(np.zeros(3), np.zeros(4))
    with pytest.raises(BackpropError, match="generator"):
        DataLoader(TensorDataset(np.zeros(3)), generator="seed")


def test_data_loader_collates_any_dataset():
    class Squares:
        def __len__(self):
            return 5

        def __getitem__(self, i):
            return np.float32(i), i * i

    (xb, yb), = list(DataLoader(Squares(), batch_size=5))
    assert xb.data.tolist() == [0, 1, 2, 3, 4] and yb.data.tolist() == [0, 1, 4, 9, 16]


def test_module_level_functions_match_torch():
    rng = np.random.default_rng(0)
    a = rng.normal(size=(3, 4, 5)).astype(np.float32)
    t, ta = bp.tensor(a), torch.tensor(a)
    np.testing.assert_allclose(bp.sum(t).item(), torch.sum(ta).item(), rtol=1e-6)
    np.testing.assert_allclose(bp.sum(t, dim=1).data, torch.sum(ta, dim=1).numpy(), rtol=1e-6)
    assert bp.max(t).item() == torch.max(ta).item()
    values, indices = bp.max(t, 2)
    tv, ti = torch.max(ta, 2)
    np.testing.assert_array_equal(values.data, tv.numpy())
    np.testing.assert_array_equal(indices.data, ti.numpy())
    np.testing.assert_array_equal(bp.argmax(t, dim=1).data, torch.argmax(ta, dim=1).numpy())
    assert bp.argmax(t).item() == torch.argmax(ta).item()
    assert bp.flatten(t, 1).shape == tuple(torch.flatten(ta, 1).shape)
    assert bp.flatten(t).shape == tuple(torch.flatten(ta).shape)


def test_random_integers_and_permutations():
    bp.manual_seed(1)
    first = bp.randint(0, 10, (1000,))
    bp.manual_seed(1)
    assert np.array_equal(first.data, bp.randint(10, (1000,)).data)
    assert first.data.dtype == np.int64 and set(first.data.tolist()) == set(range(10))
    p = bp.randperm(50, generator=np.random.default_rng(2))
    assert sorted(p.data.tolist()) == list(range(50)) and p.data.dtype == np.int64
    assert bp.randint(-3, 3, size=(2, 2)).shape == (2, 2)
    with pytest.raises(BackpropError, match="greater than low"):
        bp.randint(5, 5, (2,))
    with pytest.raises(BackpropError, match="entries"):
        bp.randperm(10**12)


def test_saving_something_else_says_pass_the_module(tmp_path):
    with pytest.raises(BackpropError, match="pass the module"):
        bp.save([1, 2, 3], tmp_path / "x.safetensors")
    with pytest.raises(BackpropError, match="pass the module"):
        bp.save({"w": "not an array"}, tmp_path / "x.safetensors")
