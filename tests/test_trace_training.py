"""Training one update at a time (backprop.trace.training): the gradients and every line of
the update maths equal PyTorch's optimiser step on the same network and batch (float64, 20
steps, every optimiser of the recipe); the numbers put into each line give its result; rewinding
restores the initial weights bit for bit and replays the same training; a state sent back by
a client resumes exactly, and a tampered one is refused; the toy datasets."""

import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backprop.data.toy import TOYS, make_toy
from backprop.errors import BackpropError
from backprop.trace.training import Setup, Training

torch = pytest.importorskip("torch")

SPEC = "linear(6) tanh linear(5) relu linear(2)"
HYPER = {"sgd": 0.3, "momentum": 0.05, "nesterov": 0.05, "adam": 0.02, "adamw": 0.02,
         "rmsprop": 0.01, "adagrad": 0.1}


def _twin(run, opt):
    from backprop.interop import to_torch

    twin = to_torch(run.model)
    params = list(twin.parameters())
    g = run.optimizer.param_groups[0]
    make = {"sgd": lambda: torch.optim.SGD(params, lr=g["lr"]),
            "momentum": lambda: torch.optim.SGD(params, lr=g["lr"], momentum=g["momentum"]),
            "nesterov": lambda: torch.optim.SGD(params, lr=g["lr"], momentum=g["momentum"],
                                                nesterov=True),
            "adam": lambda: torch.optim.Adam(params, lr=g["lr"], betas=g["betas"], eps=g["eps"]),
            "adamw": lambda: torch.optim.AdamW(params, lr=g["lr"], betas=g["betas"],
                                               eps=g["eps"], weight_decay=g["weight_decay"]),
            "rmsprop": lambda: torch.optim.RMSprop(params, lr=g["lr"], alpha=g["alpha"],
                                                   eps=g["eps"]),
            "adagrad": lambda: torch.optim.Adagrad(params, lr=g["lr"], eps=g["eps"])}
    return twin, make[opt]()


def test_every_optimiser_of_the_recipe_is_trained_step_by_step_with_its_lines():
    """The CLI's and the page's list is the recipe's table; each has its lines written out
    (one without would still train, shown as the change its step made)."""
    from backprop.train.recipe import optimizers
    from backprop.trace.training import OPTIMIZERS
    from backprop.trace.updates import RULES

    assert set(OPTIMIZERS) == set(optimizers()) == set(HYPER)
    assert set(optimizers()) <= set(RULES)


def test_an_optimiser_without_written_lines_shows_its_step():
    from backprop.trace.updates import STEPPED, names

    before, after = np.array([1.0, 2.0]), np.array([0.5, 2.25])
    (line,) = STEPPED.lines(names(("W₁", "W_{1}")), before, None, {}, {}, {"lr": 0.1}, after)
    np.testing.assert_allclose(_apply(line.terms), after)
    assert line.result is after and "Δ" in line.plain


def _apply(terms):
    """Evaluate a line's right-hand side from its terms, as a reader would."""
    text, values = "", {}
    for i, term in enumerate(terms):
        if isinstance(term, str):
            text += term.replace("−", "-").replace("×", "*")
        else:
            values[f"t{i}"] = term
            root = text.endswith("√")  # √ applies to the value after it
            text = text.removesuffix("√") + (f"np.sqrt(t{i})" if root else f"t{i}")
    return eval(text, {"np": np}, values)  # noqa: S307 - our own operators and numbers


@pytest.mark.parametrize("opt", list(HYPER))
def test_update_maths_equals_torch_optimiser_over_20_steps(opt):
    run = Training(Setup(spec=SPEC, data="moons", optimizer=opt, lr=HYPER[opt], batch_size=8))
    twin, torch_opt = _twin(run, opt)
    named = dict(twin.named_parameters())
    x, y = torch.tensor(run.x), torch.tensor(run.y)
    for step in range(1, 21):
        update = run.step()
        assert update.step == step and len(update.batch) == 8
        torch_opt.zero_grad()
        loss = torch.nn.functional.cross_entropy(twin(x[update.batch]), y[update.batch])
        loss.backward()
        assert update.loss == pytest.approx(loss.item(), rel=1e-13)
        torch_opt.step()
        for part in update.parameters:
            p = named[part.name]
            np.testing.assert_allclose(part.gradient, p.grad.numpy(), rtol=1e-12, atol=1e-16)
            state = torch_opt.state[p]
            adam = [state.get("exp_avg"), state.get("exp_avg_sq"), None, None, p]
            expected = {"sgd": [p], "momentum": [state.get("momentum_buffer"), p],
                        "nesterov": [state.get("momentum_buffer"), p], "adam": adam,
                        "adamw": adam, "rmsprop": [state.get("square_avg"), p],
                        "adagrad": [state.get("sum"), p]}
            assert len(part.lines) == len(expected[opt])
            for line, want in zip(part.lines, expected[opt]):
                # the numbers put into the line give its result
                np.testing.assert_allclose(_apply(line.terms), line.result, rtol=1e-12,
                                           atol=1e-16, err_msg=line.plain)
                if want is not None:
                    np.testing.assert_allclose(line.result, want.detach().numpy(), rtol=1e-12,
                                               atol=1e-16, err_msg=f"step {step}: {line.plain}")
    for k, v in run.model.state_dict().items():
        np.testing.assert_allclose(v, named[k].detach().numpy(), rtol=1e-12, atol=1e-16)


@pytest.mark.parametrize("opt", list(HYPER))
def test_rewind_restores_the_initial_weights_bit_for_bit_and_replays(opt):
    setup = Setup(spec=SPEC, data="spirals", optimizer=opt, lr=HYPER[opt], seed=3)
    run = Training(setup)
    initial = {k: v.copy() for k, v in run.model.state_dict().items()}
    first = run.run(20)
    after = {k: v.copy() for k, v in run.model.state_dict().items()}
    assert any(not np.array_equal(initial[k], after[k]) for k in initial)
    run.rewind()
    assert run.steps == 0 and run.optimizer.state == {}
    for k, v in run.model.state_dict().items():
        assert v.tobytes() == initial[k].tobytes(), k
    assert run.run(20) == first  # the same batches, the same arithmetic
    for k, v in run.model.state_dict().items():
        assert v.tobytes() == after[k].tobytes(), k
    fresh = Training(setup)  # a new training of the same setup starts from the same weights
    for k, v in fresh.model.state_dict().items():
        assert v.tobytes() == initial[k].tobytes(), k


@pytest.mark.parametrize("opt", list(HYPER))
def test_a_state_sent_through_json_resumes_exactly(opt):
    setup = Setup(spec=SPEC, data="xor", optimizer=opt, lr=HYPER[opt])
    run = Training(setup)
    run.run(7)
    state = json.loads(json.dumps(run.state()))
    resumed = Training(setup, state)
    assert resumed.state() == run.state()
    assert resumed.run(5) == run.run(5)
    assert json.dumps(resumed.state()) == json.dumps(run.state())


def test_tampered_states_are_refused():
    setup = Setup(spec="linear(4) tanh linear(2)", optimizer="adam", lr=0.01)
    run = Training(setup)
    run.run(3)
    good = run.state()

    def tamper(change):
        state = json.loads(json.dumps(good))
        change(state)
        return state

    bad = [
        lambda s: s.update(step=-1), lambda s: s.update(step=10**9), lambda s: s.update(step=2.5),
        lambda s: s.update(extra=1), lambda s: s["parameters"].pop("0.weight"),
        lambda s: s["parameters"].update({"0.weight": [[1, 2]]}),
        lambda s: s["parameters"]["0.bias"].__setitem__(0, 1e300),
        lambda s: s["parameters"].update({"0.bias": "nan, 1, 2, 3"}),
        lambda s: s["optimizer"]["0.bias"].update(step=99),
        lambda s: s["optimizer"]["0.bias"].pop("exp_avg"),
        lambda s: s["optimizer"]["0.bias"].update(exp_avg_sq=[-1, 0, 0, 0]),
        lambda s: s["optimizer"]["0.bias"].update(exp_avg=[0, 0]),
        lambda s: s["optimizer"].update({"9.weight": {}}),
        lambda s: s.update(optimizer=[1]),
    ]
    for change in bad:
        with pytest.raises(BackpropError, match="^state: "):
            Training(setup, tamper(change))
    with pytest.raises(BackpropError, match="^state: .*0.weight has shape"):
        Training(setup, tamper(lambda s: s["parameters"].update({"0.weight": [[1] * 5] * 4})))


@pytest.mark.parametrize("kw,message", [
    ({"spec": "linear(4) tanh linear(3)"}, "moons has 2 classes"),
    ({"spec": "relu"}, "no weights to train"),
    ({"spec": "linear(100000) linear(2)"}, "too big"),
    ({"optimizer": "lbfgs"}, "optimizer must be one of sgd, momentum, nesterov, adam"),
    ({"data": "mnist"}, "data must be one of"),
    ({"lr": -1.0}, "lr: expected"), ({"batch_size": 0}, "batch_size"),
    ({"batch_size": 300}, "more than the 200 points"), ({"points": 10**9}, "points must be"),
    ({"noise": 5.0}, "noise must be"), ({"seed": -1}, "seed must be"),
])
def test_bad_setups_are_refused(kw, message):
    with pytest.raises(BackpropError, match=message):
        Training(Setup(**kw))


def test_the_gradient_formulas_come_from_the_trace():
    run = Training(Setup(spec="linear(4) sigmoid linear(2)"))
    update = run.step()
    by_name = {p.name: p for p in update.parameters}
    assert by_name["0.weight"].symbol == ("W₁", "W_{1}")
    assert by_name["0.weight"].formula[0] == "∂E/∂W₁ = (1/B) Σₙ [δ₁ xᵀ]ₙ"
    assert by_name["2.weight"].formula[0] == "∂E/∂W₂ = (1/B) Σₙ [δ₂ h₁ᵀ]ₙ"
    assert by_name["2.bias"].lines[0].plain == "b₂ ← b₂ − η ∂E/∂b₂"
    assert update.loss_formula[0].startswith("E = (1/B) Σₙ −log softmax(z₂⁽ⁿ⁾)_tₙ")


def test_decision_regions_follow_the_network():
    run = Training(Setup(spec="linear(8) tanh linear(2)", data="moons", lr=0.5))
    before = run.regions(32)
    accuracy = run.accuracy()
    run.run(300)
    after = run.regions(32)
    assert before.classes.shape == (32, 32) and set(np.unique(after.classes)) <= {0, 1}
    assert np.all((after.confidence >= 0.5) & (after.confidence <= 1))
    assert (before.classes != after.classes).mean() > 0.05
    assert run.accuracy() > max(accuracy, 0.8)
    # each cell's class is the network's prediction at that point
    i, j = 5, 27
    x = np.array([[after.xs[j], after.ys[i]]])
    assert np.argmax(run.model.eval()(x).data) == after.classes[i, j]


def test_toy_datasets_are_seeded_and_balanced():
    for name, toy in TOYS.items():
        x, y = make_toy(name, points=301, noise=0.1, seed=7)
        assert x.shape == (301, 2) and x.dtype == np.float64 and y.dtype == np.int64
        assert set(np.unique(y)) == set(range(toy.classes))
        again, _ = make_toy(name, points=301, noise=0.1, seed=7)
        assert again.tobytes() == x.tobytes()
        other, _ = make_toy(name, points=301, noise=0.1, seed=8)
        assert not np.array_equal(other, x)
        if name != "xor":
            assert np.ptp(np.bincount(y)) <= 1
    x, y = make_toy("circles", points=200, noise=0.0)
    r = np.hypot(*x.T)
    np.testing.assert_allclose(r[y == 0], 1.0)
    np.testing.assert_allclose(r[y == 1], 0.5)
    x, y = make_toy("xor", noise=0.0)
    assert np.all((x[:, 0] * x[:, 1] < 0) == (y == 1))


def test_trace_step_prints_the_maths_of_update_n(capsys):
    from backprop.cli import main

    assert main(["trace", "--step", "3", "--optimizer", "momentum", "--lr", "0.05"]) == 0
    out = capsys.readouterr().out
    run = Training(Setup(optimizer="momentum", lr=0.05))
    run.run(2)
    update = run.step()
    assert "update 3: batch of 16 of the 200 points" in out
    for line in ("W₁ = 0.weight (8×2)", "∂E/∂W₁ = (1/B) Σₙ [δ₁ xᵀ]ₙ", "v_W₁ ← μ v_W₁ + ∂E/∂W₁",
                 "W₁ ← W₁ − η v_W₁", "b₂ ← b₂ − η v_b₂", "optimizer: momentum (η = 0.05, μ = 0.9)"):
        assert line in out, line
    b2 = update.parameters[-1]
    assert f"   = {np.array2string(b2.lines[-1].result, separator=', ', formatter={'float_kind': lambda v: f'{v:.6g}'})}" in out
    assert f"{update.batch[0]:4d}  {run.x[update.batch[0], 0]:8.4f}" in out


def test_trace_step_json_is_the_library_s(tmp_path, capsys):
    from backprop.cli import main

    path = tmp_path / "step.json"
    assert main(["trace", "--step", "4", "--data", "blobs", "linear(5) tanh linear(3)",
                 "--optimizer", "adam", "--lr", "0.01", "--format", "json", "-o", str(path)]) == 0
    doc = json.loads(path.read_text())
    run = Training(Setup(spec="linear(5) tanh linear(3)", data="blobs", optimizer="adam", lr=0.01))
    run.run(3)
    update = run.step()
    assert doc["update"]["step"] == 4 and doc["update"]["batch"] == update.batch.tolist()
    assert doc["state"] == json.loads(json.dumps(run.state()))
    last = doc["update"]["parameters"][0]["lines"][-1]
    assert last["plain"] == "W₁ ← W₁ − η m̂_W₁ / (√v̂_W₁ + ε)"
    assert last["result"] == update.parameters[0].lines[-1].result.tolist()
    assert len(doc["losses"]) == 5


@pytest.mark.parametrize("args,message", [
    (["--step", "20000"], "at most 10,000 updates"),
    (["--step", "1", "--input", "1 2"], "give no --input with it"),
    (["--step", "1", "--loss", "mse"], "give no --loss with it"),
    (["--step", "1", "--format", "html"], "--step prints text or json"),
    (["--step", "1", "--data", "mnist"], "data must be one of"),
    (["--step", "1", "linear(3)"], "moons has 2 classes"),
    (["--optimizer", "adam"], "--optimizer goes with --step N"),
    (["--step", "0"], "--step"),
    (["--step", "9000", "linear(64) tanh linear(64) tanh linear(2)", "--points", "5000"],
     "too much work at once"),
])
def test_trace_step_bad_input_is_one_line(args, message, capsys):
    from backprop.cli import main

    try:
        code = main(["trace", *args])
    except SystemExit as e:
        code = e.code
    err = capsys.readouterr().err
    assert code == 2 and message in err and err.strip().count("\n") <= 2 and "Traceback" not in err


def test_the_docs_show_the_real_step_output(capsys):
    import shlex
    from pathlib import Path

    from backprop.cli import main

    doc = (Path(__file__).parents[1] / "docs" / "trace.md").read_text(encoding="utf-8")
    head, block = doc.split("```console\n$ backprop trace --step ", 1)[1].split("\n", 1)
    assert main(["trace", "--step", *shlex.split(head)]) == 0
    assert capsys.readouterr().out.rstrip("\n") == block.split("\n```", 1)[0]


_JSON = st.recursive(st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**20),
                               st.floats(allow_nan=True), st.text(max_size=5)),
                     lambda inner: st.lists(inner, max_size=3)
                     | st.dictionaries(st.text(max_size=8), inner, max_size=3), max_leaves=8)


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(sorted(HYPER)), st.data())
def test_any_state_a_client_sends_is_taken_exactly_or_refused_cleanly(opt, data):
    setup = Setup(spec="linear(3) tanh linear(2)", optimizer=opt, lr=0.05, points=40)
    run = Training(setup)
    run.run(2)
    state = json.loads(json.dumps(run.state()))
    # replace one entry, at any depth, by any JSON value
    path, node = [], state
    while isinstance(node, (dict, list)) and node and data.draw(st.booleans()):
        key = data.draw(st.sampled_from(sorted(node) if isinstance(node, dict)
                                        else list(range(len(node)))))
        path.append(key)
        node = node[key]
    value = data.draw(_JSON)
    if path:
        target = state
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
    else:
        state = value
    try:
        resumed = Training(setup, state)
    except BackpropError as e:
        assert str(e).startswith("state")
    else:
        assert json.loads(json.dumps(resumed.state())) == json.loads(json.dumps(
            Training(setup, resumed.state()).state()))
        try:
            resumed.run(1)
        except BackpropError as e:  # weights of up to 1e6 may overflow: said, not hidden
            assert "the loss is" in str(e)
