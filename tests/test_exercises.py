"""The exercise sheets: every worked solution checks clean and reaches its target; the
same solution with one planted mistake fails on that line and does not reach the target; a
chain that stops short of the target says so; `backprop exercises` lists, starts and shows
them.
"""

import functools
import json
import re
import subprocess
import sys

import pytest

from backprop import exercises
from backprop.errors import BackpropError
from backprop.verify.derivation import check_derivation

CATALOGUE = exercises.catalogue()
NAMES = [e.name for e in CATALOGUE]

# One planted mistake per exercise: (text in the solution, what it becomes), one line each.
MISTAKES = {
    "softmax_jacobian": (r"\sum_{k=1}^{4} e^{z_k} - e^{z_i}e^{z_j}}",
                         r"\sum_{k=1}^{4} e^{z_k} + e^{z_i}e^{z_j}}"),
    "log_softmax": (r"$$= \delta_{ij} - \frac{e^{z_j}}", r"$$= \delta_{ij} + \frac{e^{z_j}}"),
    "cross_entropy_softmax": (r"$$= -t_j + s_j\sum", r"$$= t_j + s_j\sum"),
    "sigmoid_derivative": (r"$$= -\left(1 + e^{-x}\right)^{-2}",
                           r"$$= -\left(1 + e^{-x}\right)^{-1}"),
    "sigmoid_identities": (r"$$= \frac{e^{-x}}{1 + e^{-x}}$$", r"$$= \frac{e^{x}}{1 + e^{-x}}$$"),
    "tanh_derivative": (r"\right)^2 - \left(e^{x} - e^{-x}\right)^2}",
                        r"\right)^2 + \left(e^{x} - e^{-x}\right)^2}"),
    "softplus_derivative": (r"$$= \frac{e^{x}}{1 + e^{x}}$$", r"$$= \frac{e^{-x}}{1 + e^{x}}$$"),
    "softplus_identities": (r"$$= \ln\frac{1 + e^{x}}{1 + e^{-x}}$$",
                            r"$$= \ln\frac{1 + e^{x}}{1 - e^{-x}}$$"),
    "sigmoid_mse": (r"$$= \left(\sigma(z) - t\right)\sigma'(z)$$",
                    r"$$= 2\left(\sigma(z) - t\right)\sigma'(z)$$"),
    "sigmoid_cross_entropy": (r"$$= -t\left(1 - \sigma(z)\right) + (1 - t)",
                              r"$$= -t\left(1 - \sigma(z)\right) - (1 - t)"),
    "two_layer_sigmoid": (r"\delta^{(2)} \odot h \odot (1 - h)$$",
                          r"\delta^{(2)} \odot h \odot (1 + h)$$"),
    "two_layer_softplus": (r"(y - t) \odot \sigma(z^{(1)})$$" + "\nand the first",
                           r"(y - t) \odot \sigma(-z^{(1)})$$" + "\nand the first"),
    "l2_regularisation": (r"$$= X^\top(Xw - y) + \lambda w$$",
                          r"$$= X^\top(Xw - y) + 2\lambda w$$"),
    "batch_norm_backward": (r"g_i\left(\delta_{ij} - \frac1N - \frac{\hat w_i\hat w_j}{N}\right)$$",
                            r"g_i\left(\delta_{ij} - \frac{\hat w_i\hat w_j}{N}\right)$$"),
    "conv_output_size": (r"$$= 15 + 1 = 16$$", r"$$= 16 + 1 = 16$$"),
    "conv_parameters": (r"$$= 76 \cdot 16$$", r"$$= 75 \cdot 16$$"),
    "conv1d_modes": (r"\\ 4 + 4 + 4 \\", r"\\ 4 + 4 + 4 + 1 \\"),
    "maxpool_gradient": (r"$$= v_k\,\mathbb{1}\left(z_k > u_k\right)$$",
                         r"$$= v_k\,\mathbb{1}\left(z_k < u_k\right)$$"),
}


@functools.lru_cache(maxsize=None)
def clean_report(name: str):
    return check_derivation(exercises.get(name).solution)


def line_of(text: str, fragment: str) -> int:
    return text.count("\n", 0, text.index(fragment)) + 1


def test_the_catalogue_covers_the_homework():
    assert len(NAMES) >= 12 and len(set(NAMES)) == len(NAMES)
    assert set(MISTAKES) == set(NAMES)
    for e in CATALOGUE:
        assert re.fullmatch(r"[a-z0-9_]+", e.name) and e.title
        lhs, rhs = e.target.split(" = ") if e.target.count(" = ") == 1 else (None, None)
        assert lhs and rhs, f"{e.name}: the target is one equation 'left = right'"
        # The sheet repeats the target for the student, after "Show that".
        task = e.sheet.split("\n---\n", 1)[1]
        assert "Show that" in task or "show that" in task, e.name
        assert f"$${e.target}$$" in task, e.name
        assert exercises.SOLUTION_MARK not in e.sheet + e.solution
        # The solution is the sheet's text, continued.
        assert e.solution.startswith(e.sheet.split("\n<!-- Continue the chain")[0]), e.name
        assert len(e.solution) > len(e.sheet) - 400


@pytest.mark.parametrize("name", NAMES)
def test_every_solution_checks_clean(name):
    report = clean_report(name)
    assert report.ok, str(report)
    assert report.count("unreadable") == 0, str(report)
    assert report.count("holds") >= 2


@pytest.mark.parametrize("name", NAMES)
def test_every_solution_reaches_its_target(name):
    report = check_derivation(exercises.get(name).solution)
    assert report.to_dict()["target"] == "reached"


@pytest.mark.parametrize("name", NAMES)
def test_a_planted_mistake_fails_on_its_line(name):
    old, new = MISTAKES[name]
    solution = exercises.get(name).solution
    assert solution.count(old) == 1 and old.count("\n") == new.count("\n")
    wrong = solution.replace(old, new)
    line = line_of(wrong, new)
    report = check_derivation(wrong)
    assert report.first_failure is not None, str(report)
    assert report.first_failure.line == line, str(report)
    # ... and that line holds in the correct solution
    right = {s.line: s.status for s in clean_report(name).steps}
    assert right.get(line) == "holds"


@pytest.mark.parametrize("name", NAMES)
def test_a_mistake_does_not_reach_the_target(name):
    """A mistake on the chain that reaches the target breaks it; one elsewhere (a second
    part of the exercise) leaves the target reached."""
    old, new = MISTAKES[name]
    wrong = exercises.get(name).solution.replace(old, new)
    planted = line_of(wrong, new)
    clean = clean_report(name).target
    report = check_derivation(wrong)
    on_the_chain = clean.start <= planted <= clean.line
    assert report.to_dict()["target"] == ("not reached" if on_the_chain else "reached")


@pytest.mark.parametrize("name", NAMES)
def test_a_chain_that_stops_short_says_so(name):
    # The sheet as handed out: the task and the first line of the chain, nothing more.
    report = check_derivation(exercises.get(name).sheet)
    assert report.to_dict()["target"] == "not reached"
    assert "target" in str(report)


def test_a_derivation_without_target_says_not_stated():
    report = check_derivation("---\nx: scalar\n---\n$$\\frac{d}{dx}x^2 = 2x$$\n")
    assert report.to_dict()["target"] == "not stated"


def test_backprop_check_reports_the_target_in_json(tmp_path):
    path = exercises.start("sigmoid_identities", tmp_path, solution=True)
    proc = subprocess.run([sys.executable, "-m", "backprop", "check", str(path), "--json"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["target"] == "reached"


def test_start_writes_the_sheet_and_the_solution_and_never_overwrites(tmp_path):
    sheet = exercises.start("log_softmax", tmp_path / "hw")
    assert sheet.name == "log_softmax.md"
    assert sheet.read_text(encoding="utf-8") == exercises.get("log_softmax").sheet
    solution = exercises.start("log_softmax", tmp_path / "hw", solution=True)
    assert solution.name == "log_softmax.solution.md"
    assert solution.read_text(encoding="utf-8") == exercises.get("log_softmax").solution
    sheet.write_text("my own work")
    with pytest.raises(BackpropError, match="exists already"):
        exercises.start("log_softmax", tmp_path / "hw")
    assert sheet.read_text() == "my own work"
    with pytest.raises(BackpropError, match="exists already"):
        exercises.start("log_softmax", tmp_path / "hw", solution=True)
    (tmp_path / "file").write_text("x")
    with pytest.raises(BackpropError, match="not a directory"):
        exercises.start("log_softmax", tmp_path / "file")
    with pytest.raises(BackpropError, match="no exercise 'nope'.*softmax_jacobian"):
        exercises.get("nope")
    assert not [p for p in (tmp_path / "hw").iterdir() if p.name.startswith(".")]


def test_start_does_not_follow_a_link_in_the_sheets_place(tmp_path):
    target = tmp_path / "elsewhere.txt"
    (tmp_path / "log_softmax.md").symlink_to(target)
    with pytest.raises(BackpropError, match="exists already"):
        exercises.start("log_softmax", tmp_path)
    assert not target.exists()


def cli(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "backprop", "exercises", *args],
                          capture_output=True, text=True, timeout=120, cwd=cwd)


def test_cli_lists_starts_and_shows(tmp_path):
    proc = cli()
    assert proc.returncode == 0
    lines = proc.stdout.splitlines()
    assert [line.split()[0] for line in lines] == NAMES       # one a line, name first
    assert lines[0].split(None, 1)[1] == CATALOGUE[0].title
    proc = cli("start", "conv_parameters", str(tmp_path))
    assert proc.returncode == 0 and "backprop check" in proc.stdout
    assert (tmp_path / "conv_parameters.md").read_text() == exercises.get("conv_parameters").sheet
    proc = cli("start", "conv_parameters", "--solution", cwd=tmp_path)
    assert proc.returncode == 0
    assert (tmp_path / "conv_parameters.solution.md").exists()
    assert cli("show", "conv_parameters").stdout == exercises.get("conv_parameters").sheet
    for bad in (["start"], ["start", "nope"], ["start", "conv_parameters", str(tmp_path)],
                ["show"], ["list", "x"], ["frobnicate"]):
        proc = cli(*bad)
        assert proc.returncode == 2 and proc.stderr.count("\n") == 1, (bad, proc.stderr)
        assert "Traceback" not in proc.stderr
