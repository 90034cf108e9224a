"""Every loss trainable: bp.fit / bp.evaluate with cross-entropy, BCE, MSE (R²) or a
callable, and `backprop train --loss` on the shipped breast-cancer data."""

import numpy as np
import pytest

import backprop as bp
import backprop.functional as F
from backprop import nn
from backprop.cli import main


def _net(outputs, seed=0):
    bp.manual_seed(seed)
    return nn.Sequential(nn.Linear(3, 16), nn.Tanh(), nn.Linear(16, outputs)).to(np.float64)


def test_regression_with_mse_scores_r2():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(400, 3))
    y = x @ np.array([[1.0], [-2.0], [0.5]]) + 0.05 * rng.normal(size=(400, 1))
    model = _net(1)
    before = bp.evaluate(model, x, y, loss="mse")
    history = bp.fit(model, x, y, loss="mse", epochs=30, batch_size=32, lr=1e-2, log=None,
                     validation_split=0.2)
    after = bp.evaluate(model, x, y, loss="mse")
    assert set(after) == {"loss", "r2"} and after["r2"] > 0.95 > before["r2"]
    assert "accuracy" not in history[-1] and "val_r2" in history[-1]
    assert bp.evaluate(model, x, y[:, 0], loss="mse")["r2"] == pytest.approx(after["r2"])


@pytest.mark.parametrize("loss", ["bce", "sigmoid_mse"])
def test_binary_losses_on_one_logit(loss):
    rng = np.random.default_rng(1)
    x = rng.normal(size=(300, 3))
    y = (x[:, 0] - x[:, 1] > 0).astype(np.int64)
    model = _net(1)
    bp.fit(model, x, y, loss=loss, epochs=20, batch_size=32, lr=1e-2, log=None)
    m = bp.evaluate(model, x, y, loss=loss)
    assert m["accuracy"] > 0.95
    with pytest.raises(bp.BackpropError, match="0/1 targets"):
        bp.evaluate(model, x, y + 1, loss=loss)
    with pytest.raises(bp.BackpropError, match="one logit per sample"):
        bp.evaluate(_net(2), x, y, loss=loss)


def test_a_callable_loss_trains():
    rng = np.random.default_rng(2)
    x = rng.normal(size=(200, 3))
    y = np.abs(x[:, :1])

    def huberish(out, t):
        return F.mean(F.sqrt((out - t) * (out - t) + 1.0))

    model = _net(1)
    history = bp.fit(model, x, y, loss=huberish, epochs=15, batch_size=20, lr=1e-2, log=None)
    assert history[-1]["loss"] < history[0]["loss"] and "accuracy" not in history[-1]
    assert set(bp.evaluate(model, x, y, loss=huberish)) == {"loss"}


def test_bad_losses_are_refused():
    x, y = np.zeros((4, 3)), np.zeros(4, np.int64)
    with pytest.raises(bp.BackpropError, match="loss must be one of"):
        bp.fit(_net(2), x, y, loss="hinge", log=None)
    with pytest.raises(bp.BackpropError, match="label smoothing"):
        bp.fit(_net(1), x, y.astype(float), loss="mse", label_smoothing=0.1, log=None)
    with pytest.raises(bp.BackpropError, match="lr= goes with an optimizer name"):
        model = _net(2)
        bp.fit(model, x, y, bp.optim.SGD(model.parameters()), lr=0.1, log=None)


def test_cli_trains_breast_cancer_on_one_logit(tmp_path, capsys):
    out = tmp_path / "bce"
    assert main(["train", "--data", "breast-cancer", "--loss", "bce", "--epochs", "20",
                 "--hidden", "16", "--batch-size", "16", "--quiet", "--out", str(out)]) == 0
    text = capsys.readouterr().out
    acc = float(text.split("test accuracy ")[1].split("%")[0])
    assert acc > 90 and "(bce, no smoothing)" in text
    assert bp.load(out)[0].output_shape == (1,)
    assert main(["evaluate", str(out)]) == 0  # the run's loss and dataset
    assert f"accuracy {acc:.2f}%" in capsys.readouterr().out


def test_the_recipe_takes_every_loss_by_its_one_name():
    from types import SimpleNamespace

    from backprop.train.recipe import configure, outputs_for, train_config

    assert train_config(configure(loss="sigmoid_mse")).loss.name == "sigmoid_mse"
    assert train_config(configure(loss="mse")).loss.name == "mse"
    ten = SimpleNamespace(num_classes=10, name="mnist")
    assert outputs_for(configure(), ten) == 10
    assert outputs_for(configure(loss="mse"), ten) == 10  # one output per class, one-hot
    with pytest.raises(bp.BackpropError, match="--loss bce needs two classes"):
        outputs_for(configure(loss="bce"), ten)
    assert train_config(configure(loss="bce")).loss.name == "bce"
    with pytest.raises(bp.BackpropError, match="loss must be one of"):
        configure(loss="hinge")


@pytest.mark.parametrize("name", ["cross_entropy", "mse", "bce", "sigmoid_mse"])
def test_a_loss_name_means_one_thing_in_train_fit_and_trace(name):
    """The recipe's objective on class labels, bp.fit's on target vectors and the trace's
    formula give one value for the same outputs and (one-hot) targets."""
    from backprop.train.objectives import OBJECTIVES, objective
    from backprop.trace.formulas import LOSS_FORMULAS

    rng = np.random.default_rng(0)
    per_class = objective(name, labels=True).outputs_per_class
    outputs = rng.standard_normal((5, 3 if per_class else 1))
    labels = rng.integers(0, outputs.shape[1] if per_class else 2, 5)
    one_hot = (np.eye(3)[labels] if per_class else labels[:, None].astype(float))
    on_labels = float(objective(name, labels=True).loss(outputs, labels, 0.0).data)
    traced = float(LOSS_FORMULAS[name].loss(bp.tensor(outputs), one_hot).data)
    assert on_labels == pytest.approx(traced, rel=1e-12)
    if name != "cross_entropy":  # cross-entropy trains on labels only
        fitted = float(OBJECTIVES[name].loss(outputs, one_hot if name == "mse" else labels,
                                             0.0).data)
        assert fitted == pytest.approx(traced, rel=1e-12)
