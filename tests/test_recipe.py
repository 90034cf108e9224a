"""The training recipe as a library: optimisers by declared name, configurations, runs that
resume through the same recipe, and the command's run bugs (resume conflicts, complete runs,
--plot without matplotlib, absolute data_dir, labelled epoch lines)."""

import json
import sys

import numpy as np
import pytest

import backprop as bp
from backprop import nn, optim
from backprop.cli import main
from backprop.train import TrainConfig, Trainer, format_row
from backprop.train.recipe import build_run, configure, make_optimizer, optimizers


@pytest.fixture
def blobs(tmp_path):
    rng = np.random.default_rng(0)
    centers = rng.standard_normal((3, 5)) * 3

    def draw(n):
        y = rng.integers(0, 3, n)
        return (centers[y] + rng.standard_normal((n, 5))).astype(np.float32), y

    (x_tr, y_tr), (x_te, y_te) = draw(120), draw(30)
    path = tmp_path / "blobs.npz"
    np.savez(path, x_train=x_tr, y_train=y_tr, x_test=x_te, y_test=y_te)
    return path


def test_optimizers_are_declared_by_their_classes():
    table = optimizers()
    assert table["adam"][0] is optim.Adam and table["adamw"][0] is optim.AdamW
    assert table["nesterov"] == (optim.SGD, dict(lr=0.05, momentum=0.9, nesterov=True))
    for name, (cls, _) in table.items():
        assert name in vars(cls)["recipes"]


def test_make_optimizer_refuses_unknown_names():
    params = nn.Linear(2, 2).parameters()
    with pytest.raises(bp.BackpropError, match="optimizer must be one of .*adam, adamw.*'rmsprob'"):
        make_optimizer("rmsprob", params)
    opt = make_optimizer("momentum", nn.Linear(2, 2).parameters(), lr=0.3, weight_decay=0.01)
    group = opt.param_groups[0]
    assert type(opt) is optim.SGD and (group["lr"], group["momentum"]) == (0.3, 0.9)
    assert group["weight_decay"] == 0.01
    assert make_optimizer("adamw", nn.Linear(2, 2).parameters()).param_groups[0][
        "weight_decay"] == 1e-2


def test_estimator_refuses_a_misspelt_optimizer():
    pytest.importorskip("sklearn")
    from backprop.sklearn import NeuralNetClassifier

    x, y = np.random.default_rng(0).normal(size=(20, 3)), np.arange(20) % 2
    with pytest.raises(bp.BackpropError, match="rmsprob"):
        NeuralNetClassifier(optimizer="rmsprob", max_iter=1).fit(x, y)


def test_configure_fills_defaults_and_refuses_unknowns(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    cfg = configure(data_dir="data")
    assert cfg["data_dir"] == str(tmp_path / "data")  # absolute: readable from anywhere
    assert (cfg["model"], cfg["hidden"], cfg["activation"]) == ("mlp", [800], "relu")
    assert (cfg["epochs"], cfg["label_smoothing"]) == (20, 0.1)
    assert configure(model="lenet5")["label_smoothing"] == 0.0
    with pytest.raises(bp.BackpropError, match="unknown training option"):
        configure(learning_rate=0.1)
    with pytest.raises(bp.BackpropError, match="schedule must be one of"):
        configure(schedule="cosin")


def test_build_run_is_seeded_and_fits(blobs):
    cfg = configure(data=str(blobs), hidden=[8], epochs=2, batch_size=16)
    a, b = build_run(cfg), build_run(cfg)
    assert all(np.array_equal(p.data, q.data) for p, q in zip(a.model.parameters(),
                                                             b.model.parameters()))
    assert a.trainer.optimizer is a.optimizer and a.trainer.config.epochs == 2
    a.trainer.fit(a.data.x_train, a.data.y_train)
    assert len(a.trainer.history) == 2 and a.trainer.complete


def test_trainer_keeps_config_state_and_display_apart():
    model = nn.Sequential(nn.Linear(3, 2))
    t = Trainer(model, optim.SGD(model.parameters(), lr=0.1), epochs=3, batch_size=4, log=None)
    assert t.config == TrainConfig(epochs=3, batch_size=4)
    assert (t.state.epoch, t.state.step, t.state.history) == (0, 0, [])
    with pytest.raises(bp.BackpropError, match="batch_size"):
        TrainConfig(batch_size=0)
    with pytest.raises(bp.BackpropError, match="patience needs a validation_split"):
        TrainConfig(patience=2)
    with pytest.raises(bp.BackpropError, match="not both"):
        Trainer(model, t.optimizer, TrainConfig(), epochs=2)


def test_epoch_lines_name_each_figure():
    row = {"epoch": 2, "loss": 0.51, "accuracy": 1.0, "val_loss": 0.2, "val_accuracy": 0.9,
           "time": 1.0}
    line = format_row(row, 10, label_smoothing=0.1)
    assert "train loss 0.5100 (label smoothing 0.1)" in line and "val loss 0.2000" in line
    assert "smoothing" not in format_row(row, 10)


def _train(blobs, out, *extra):
    return main(["train", "--data", str(blobs), "--hidden", "8", "--batch-size", "16",
                 "--out", str(out), "--quiet", *extra])


def test_resume_refuses_options_that_change_the_run(blobs, tmp_path, capsys):
    out = tmp_path / "run"
    assert _train(blobs, out, "--epochs", "2") == 0
    for flags in (["--lr", "0.5"], ["--arch", "lenet5"], ["--seed", "1"],
                  ["--optimizer", "sgd"], ["--data", "mnist"]):
        r = main(["train", "--resume", str(out), *flags])
        assert r == 2, flags
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1 and flags[0] in err[0] and "only --epochs" in err[0]


def test_resuming_a_complete_run_says_so_and_rewrites_nothing(blobs, tmp_path, capsys):
    out = tmp_path / "run"
    assert _train(blobs, out, "--epochs", "2") == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    capsys.readouterr()
    assert main(["train", "--resume", str(out)]) == 0
    assert "complete run (2 epoch(s) of 2)" in capsys.readouterr().out
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert main(["train", "--resume", str(out), "--epochs", "3", "--quiet"]) == 0
    assert len((out / "metrics.jsonl").read_text().splitlines()) == 3


def test_plot_without_matplotlib_fails_before_training(blobs, tmp_path, monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # import matplotlib → ImportError
    out = tmp_path / "run"
    assert _train(blobs, out, "--epochs", "1", "--plot") == 2
    assert "matplotlib" in capsys.readouterr().err
    assert not (out / "checkpoint.safetensors").exists()  # nothing was trained


def test_run_saves_an_absolute_data_dir(blobs, tmp_path, monkeypatch):
    monkeypatch.chdir(blobs.parent)
    out = tmp_path / "run"
    assert _train(blobs.name, out, "--epochs", "1") == 0
    config = bp.load(out)[1]["config"]
    assert config["data"] == str(blobs)  # absolute, though given relative
    monkeypatch.chdir(tmp_path.parent)
    assert main(["evaluate", str(out)]) == 0  # the run's own data, found from elsewhere
    line = json.loads((out / "metrics.jsonl").read_text().splitlines()[0])
    assert line["epoch"] == 1


def test_mlp_means_one_network_everywhere():
    from backprop.models import build_model, model_spec

    spec = build_model("mlp", (1, 28, 28), 10).spec
    assert spec == "flatten linear(800) relu linear(10)"
    cfg = configure()
    assert model_spec(cfg["model"], 10, hidden=cfg["hidden"], activation=cfg["activation"]) \
        == spec
    assert bp.summary("mlp", (1, 28, 28)).total_params == 784 * 800 + 800 + 800 * 10 + 10
    pytest.importorskip("sklearn")
    from backprop.sklearn import NeuralNetClassifier

    assert NeuralNetClassifier(model="mlp")._spec(10, flat=False) == spec


def test_onecycle_is_stepped_per_batch_over_the_whole_run():
    """The recipe's onecycle peaks at the run's rate after 30 % of all the steps and ends at
    1/(25 · 10⁴) of it after the last one; epoch schedules move once per epoch."""
    import backprop as bp
    from backprop.train.recipe import make_optimizer, make_scheduler
    from backprop.train import Trainer

    rng = np.random.default_rng(0)
    x, y = rng.normal(size=(90, 4)).astype(np.float32), rng.integers(0, 2, 90)
    model = bp.build_model("linear(2)", (4,), 2)
    opt = make_optimizer("adam", model.parameters(), 0.01)
    t = Trainer(model, opt, epochs=2, batch_size=20, validation_split=0.1, log=None,
                progress=False)
    assert t.steps_for(len(x)) == 5  # 81 samples after the hold-out of 9
    t.scheduler = make_scheduler("onecycle", opt, 2, t.steps_for(len(x)))
    seen = []
    t.on_step = lambda tr: seen.append(opt.param_groups[0]["lr"])
    t.fit(x, y)
    assert len(seen) == 10 and max(seen) == pytest.approx(0.01)
    # seen[i] is the rate of step i + 2: the third of 10 steps (t = 0.3·10 − 1) runs at the peak
    assert int(np.argmax(seen)) == 1
    assert seen[-2] == pytest.approx(0.01 / 25 / 1e4)  # the rate of the last step
    # each epoch's row: the rate its last step used
    assert [row["lr"] for row in t.history] == [seen[3], seen[8]]


def test_reduce_on_plateau_is_given_the_validation_loss():
    import backprop as bp
    from backprop import optim
    from backprop.optim import lr_scheduler
    from backprop.train import Trainer

    rng = np.random.default_rng(0)
    x, y = rng.normal(size=(40, 4)).astype(np.float32), rng.integers(0, 2, 40)
    model = bp.build_model("linear(2)", (4,), 2)
    opt = optim.SGD(model.parameters(), lr=0.0)  # nothing moves: the loss never improves
    sched = lr_scheduler.ReduceLROnPlateau(opt, patience=1)
    seen = []
    sched_step = sched.step
    sched.step = lambda metric: (seen.append(metric), sched_step(metric))
    t = Trainer(model, opt, epochs=3, batch_size=20, validation_split=0.25, scheduler=sched,
                log=None, progress=False)
    t.fit(x, y)
    assert seen == [row["val_loss"] for row in t.history]
