"""One vocabulary of options across the subcommands, fed by the library's own tables.

An architecture is --arch (or a positional SPEC), a saved run a positional RUN (or --run), an
input shape --shape; the old spellings (train --model, trace --model, summary --input) still
work with a one-line note on stderr. Every optimiser, loss and activation the library has is a
choice wherever a subcommand takes one.
"""

from __future__ import annotations

import argparse

import pytest

from backprop.cli import build_parser, main
from backprop.models import activations
from backprop.train.objectives import OBJECTIVES
from backprop.train.recipe import optimizers


def _subparsers() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def _visible(p: argparse.ArgumentParser) -> list[argparse.Action]:
    return [a for a in p._actions if a.help is not argparse.SUPPRESS]


SUBCOMMANDS = _subparsers()


@pytest.mark.parametrize("name", sorted(SUBCOMMANDS))
def test_one_meaning_per_option_name(name):
    for a in _visible(SUBCOMMANDS[name]):
        flags = set(a.option_strings)
        assert "--model" not in flags, f"{name}: --model (say --arch or RUN)"
        if a.metavar in ("CxHxW", "N[,N…]") and flags and a.dest != "hidden":
            assert "--shape" in flags, f"{name}: an input shape is --shape, not {flags}"
        if a.metavar == "RUN":
            assert not flags or flags & {"--run", "--resume"}, f"{name}: {flags} takes a RUN"
        if "--arch" in flags or a.metavar == "SPEC" and not flags:
            assert a.metavar == "SPEC"
        if "--input" in flags:
            assert a.metavar == "VALUES", f"{name}: --input is a sample's numbers"


def test_architecture_and_shape_are_spelled_alike_everywhere():
    for name in ("train", "trace", "graph", "summary"):
        assert "--arch" in SUBCOMMANDS[name]._option_string_actions, name
    for name in ("trace", "graph", "summary", "check"):
        assert "--shape" in SUBCOMMANDS[name]._option_string_actions, name


def _choices(command: str, flag: str) -> set[str]:
    return set(SUBCOMMANDS[command]._option_string_actions[flag].choices)


def test_every_optimiser_wherever_one_is_taken():
    every = set(optimizers())
    assert len(every) >= 7
    for command in ("train", "trace"):
        assert _choices(command, "--optimizer") == every, command


def test_every_loss_wherever_one_is_taken():
    assert _choices("train", "--loss") == set(OBJECTIVES)
    written = {n for n, o in OBJECTIVES.items() if o.formula}
    assert written == set(OBJECTIVES)  # every loss has its formula, so trace and graph take all
    for command in ("trace", "graph"):
        assert _choices(command, "--loss") == written, command


def test_every_activation_wherever_one_is_taken():
    assert _choices("train", "--activation") == set(activations())


@pytest.mark.parametrize("old, new", [
    (["train", "--model", "lenet5"], ["train", "--arch", "lenet5"]),
    (["trace", "--model", "runs/x", "--sample", "0"], ["trace", "--run", "runs/x", "--sample", "0"]),
    (["summary", "lenet5", "--input", "1x28x28"], ["summary", "lenet5", "--shape", "1x28x28"]),
])
def test_an_old_spelling_works_with_a_one_line_note(old, new, capsys):
    ns_old = build_parser().parse_args(old)
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and f"{old[1 if old[0] != 'summary' else 2]} is now" in err[0], err
    ns_new = build_parser().parse_args(new)
    assert capsys.readouterr().err == ""
    drop = {"_run"}
    assert {k: v for k, v in vars(ns_old).items() if k not in drop} == \
        {k: v for k, v in vars(ns_new).items() if k not in drop}


def test_summary_with_the_old_and_new_spelling_prints_the_same(capsys):
    assert main(["summary", "conv(4,3) flatten linear(2)", "--shape", "1x8x8"]) == 0
    new = capsys.readouterr()
    assert main(["summary", "conv(4,3) flatten linear(2)", "--input", "1x8x8"]) == 0
    old = capsys.readouterr()
    assert new.out == old.out and "1×8×8" in new.out and old.err.count("\n") == 1


def test_the_architecture_once(capsys):
    assert main(["summary", "lenet5", "--arch", "mlp"]) == 2
    assert "once" in capsys.readouterr().err
    assert main(["summary", "--arch", "linear(2)", "--shape", "3"]) == 0
    assert "Linear(in_features=3" in capsys.readouterr().out


def test_resume_names_the_option_as_spelled(tmp_path, capsys):
    from backprop.cli.train import _resumed_config

    args = build_parser().parse_args(["train", "--arch", "lenet5", "--resume", "x"])
    with pytest.raises(Exception, match="--arch would change it"):
        _resumed_config(args, type("C", (), {"config": {}})())
