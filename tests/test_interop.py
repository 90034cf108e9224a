"""PyTorch interop: torch twins of mlp and lenet5, weights round-tripped both ways."""

import numpy as np
import pytest

torch = pytest.importorskip("torch")
import backprop as bp
from backprop.errors import CheckpointError
from backprop.interop import load_torch_state_dict, to_torch, to_torch_state_dict
from backprop.train import predict

MODELS = {"mlp": ("mlp", (1, 28, 28)), "lenet5": ("lenet5", (1, 28, 28)),
          "odd cnn": ("conv(4,4,stride=2,padding=same) tanh avgpool(3,stride=2,padding=1,"
                      "ceil_mode=True) conv(6,3,groups=2,dilation=2,padding=full) softplus "
                      "maxpool(2,padding=1) flatten linear(10)", (2, 15, 15)),
          "conv1d": ("conv1d(4,3,padding=same) relu maxpool1d(2) flatten linear(10)", (2, 16))}


def _rel(a, b):
    return np.abs(a - b).max() / np.abs(b).max()


def _torch_reference(name):
    """The torch architecture written by hand, as a user would."""
    tnn = torch.nn
    if name == "mlp":
        return tnn.Sequential(tnn.Flatten(), tnn.Linear(784, 800), tnn.ReLU(),
                              tnn.Linear(800, 10))
    return tnn.Sequential(tnn.Conv2d(1, 6, 5, padding=2), tnn.ReLU(), tnn.MaxPool2d(2),
                          tnn.Conv2d(6, 16, 5), tnn.ReLU(), tnn.MaxPool2d(2), tnn.Flatten(),
                          tnn.Linear(400, 120), tnn.ReLU(), tnn.Linear(120, 84), tnn.ReLU(),
                          tnn.Linear(84, 10))


@pytest.mark.parametrize("name", ["mlp", "lenet5"])
def test_round_trip_with_handwritten_torch_model(name):
    spec, shape = MODELS[name]
    x = np.random.default_rng(0).normal(size=(4, *shape)).astype(np.float32)
    bp.manual_seed(1)
    ours = bp.build_model(spec, shape, 10)
    ref = _torch_reference(name).eval()
    ref.load_state_dict(to_torch_state_dict(ours))  # backprop → torch
    out = ref(torch.from_numpy(x)).detach().numpy()
    assert _rel(out, predict(ours, x)) <= 1e-5
    torch.manual_seed(0)
    ref2 = _torch_reference(name).eval()
    load_torch_state_dict(ours, ref2.state_dict())  # torch → backprop
    assert _rel(predict(ours, x), ref2(torch.from_numpy(x)).detach().numpy()) <= 1e-5
    assert not np.allclose(predict(ours, x), out)  # the import really replaced the weights


@pytest.mark.parametrize("name", list(MODELS))
def test_to_torch_twin_computes_the_same(name):
    spec, shape = MODELS[name]
    bp.manual_seed(2)
    ours = bp.build_model(spec, shape, 10)
    twin = to_torch(ours).eval()
    x = np.random.default_rng(1).normal(size=(3, *shape)).astype(np.float32)
    assert _rel(twin(torch.from_numpy(x)).detach().numpy(), predict(ours, x)) <= 1e-5


def test_import_rejects_wrong_shapes_and_names():
    ours = bp.build_model("mlp", (1, 28, 28), 10)
    sd = to_torch_state_dict(ours)
    sd["1.weight"] = torch.zeros(256, 783)
    with pytest.raises(CheckpointError, match=r"1.weight has shape \(256, 783\)"):
        load_torch_state_dict(ours, sd)
    sd = to_torch_state_dict(ours)
    sd["9.bias"] = torch.zeros(3)
    with pytest.raises(CheckpointError, match="unexpected.*9.bias"):
        load_torch_state_dict(ours, sd)


def test_saved_model_file_loads_into_torch_directly(tmp_path):
    st = pytest.importorskip("safetensors.torch")
    bp.manual_seed(1)
    ours = bp.build_model("lenet5", (1, 28, 28), 10)
    bp.save(ours, tmp_path / "model.safetensors")
    ref = _torch_reference("lenet5").eval()
    ref.load_state_dict(st.load_file(tmp_path / "model.safetensors"))
    x = np.random.default_rng(0).normal(size=(2, 1, 28, 28)).astype(np.float32)
    assert _rel(ref(torch.from_numpy(x)).detach().numpy(), predict(ours, x)) <= 1e-5


def test_batchnorm_buffers_load_from_torch():
    """Running statistics and the batch count come over with the weights (as the docstring
    of load_torch_state_dict says), so the eval-mode outputs agree."""
    torch = pytest.importorskip("torch")
    bp.manual_seed(0)
    model = bp.models.build_model("linear(4) batchnorm1d relu linear(2)", (3,))
    twin = bp.interop.to_torch(model).train()
    twin(torch.randn(8, 3))
    twin(torch.randn(8, 3))
    bp.interop.load_torch_state_dict(model, twin.state_dict())
    assert int(model.state_dict()["1.num_batches_tracked"]) == 2
    np.testing.assert_array_equal(model.state_dict()["1.running_var"],
                                  twin.state_dict()["1.running_var"].numpy())
    x = np.random.default_rng(0).normal(size=(5, 3)).astype(np.float32)
    np.testing.assert_allclose(model.eval()(x).data,
                               twin.eval()(torch.from_numpy(x)).detach().numpy(),
                               rtol=1e-5, atol=1e-6)
