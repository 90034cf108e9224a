"""Every example under examples/ runs, and the numbers it prints are the worked cases
(closed forms and hand computations)."""

import importlib
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def run(name: str, *args: str) -> str:
    proc = subprocess.run([sys.executable, str(EXAMPLES / name), *args], capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def number(out: str, prefix: str) -> float:
    m = re.search(re.escape(prefix) + r"\s*=?\s*([-+0-9.eE]+)", out)
    assert m, f"{prefix!r} not in output:\n{out}"
    return float(m.group(1))


def vector(out: str, prefix: str) -> np.ndarray:
    m = re.search(re.escape(prefix) + r"\s*=?\s*\[([^\]]*)\]", out)
    assert m, f"{prefix!r} not in output:\n{out}"
    return np.array([float(t) for t in m.group(1).split()])


def has(module: str, attr: str) -> bool:
    try:
        return hasattr(importlib.import_module(module), attr)
    except ImportError:
        return False


def test_every_example_is_tested():
    tested = {"softmax_jacobian.py", "cross_entropy_gradient.py", "two_layer_network.py",
              "score_function.py", "mse_vs_ce_plot.py", "conv1d_modes.py", "cnn_shapes.py",
              "breast_cancer_losses.py"}
    assert {p.name for p in EXAMPLES.glob("*.py")} == tested
    # the notebooks are executed by tests/test_notebook.py, their derivations checked below
    assert {p.suffix for p in EXAMPLES.iterdir()} <= {".py", ".ipynb"}


# -- the derivations the examples hold, with the verdicts their text claims -----------------
NOTEBOOK = EXAMPLES / "learn_by_doing.ipynb"


def _cells() -> list[dict]:
    import json

    return json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]


def _text(cell: dict) -> str:
    return "".join(cell["source"])


def _slip_claimed(cells: list[dict], k: int) -> bool:
    """The text says the derivation at cell k has a slip: the cell itself or the Markdown just
    before it says so."""
    around = _text(cells[k]) + (_text(cells[k - 1]) if k and cells[k - 1]["cell_type"]
                                == "markdown" else "")
    return "slip" in around


def test_the_notebook_derivation_cells_give_the_verdicts_claimed():
    """Each %%derivation cell, checked as its magic checks it: all steps hold, or, where the
    text announces a slip, a step fails."""
    pytest.importorskip("lark", reason="the checker's parser (the [cli] install)")
    from backprop import check_derivation

    cells = _cells()
    magic = [k for k, c in enumerate(cells) if c["cell_type"] == "code"
             and _text(c).startswith("%%derivation\n")]
    assert len(magic) >= 2
    for k in magic:
        report = check_derivation(_text(cells[k]).split("\n", 1)[1])
        assert report.count("unreadable") == 0, (k, str(report))
        if _slip_claimed(cells, k):
            assert report.first_failure is not None, (k, str(report))
        else:
            assert report.ok and report.count("holds") >= 2, (k, str(report))


def test_backprop_check_reads_the_notebooks_derivations(capsys):
    """`backprop check learn_by_doing.ipynb` (what the notebook tells its reader to run): the
    Markdown cells' steps and each %%derivation cell (a derivation of its own, with its own
    front matter) are checked, every step named by its cell; the steps hold except in the two
    cells the notebook announces as slips (a Markdown cell that says "slip", and the magic
    cell right after the Markdown cell that does)."""
    pytest.importorskip("nbformat", reason="the notebook reader (the [cli] install)")
    from backprop import check_derivation
    from backprop.cli import main

    cells = _cells()
    with_math = {k + 1 for k, c in enumerate(cells) if c["cell_type"] == "markdown"
                 and "$" in _text(c)}
    magic = {k + 1 for k, c in enumerate(cells) if c["cell_type"] == "code"
             and _text(c).startswith("%%derivation\n")}
    slips = {k + 1 for k, c in enumerate(cells) if c["cell_type"] == "markdown"
             and "$" in _text(c) and "slip" in _text(c)}
    slips |= {k + 2 for k, c in enumerate(cells) if c["cell_type"] == "markdown"
              and "slip" in _text(c) and k + 2 in magic}
    assert len(with_math) >= 2 and len(magic) >= 2 and len(slips) == 2
    report = check_derivation(NOTEBOOK)
    checked = [s for s in report.steps if s.status in ("holds", "fails", "unreadable")]
    assert {s.cell[0] for s in checked} == with_math | magic
    assert sorted({s.cell[0] for s in checked if s.status == "fails"}) == sorted(slips)
    assert all(s.status == "holds" for s in checked if s.cell[0] not in slips)
    assert main(["check", str(NOTEBOOK)]) == 1
    assert f"first wrong step is in cell {min(slips)}" in capsys.readouterr().out


def test_softmax_jacobian():
    out = run("softmax_jacobian.py")
    np.testing.assert_allclose(vector(out, "s = softmax(x) ="), [0.090031, 0.244728, 0.665241],
                               atol=1e-6)
    np.testing.assert_allclose(vector(out, "softmax(x + 1000) ="), [0.090031, 0.244728, 0.665241],
                               atol=1e-6)
    assert number(out, "max |softmax(x + 1000) - softmax(x)|") < 1e-15
    assert number(out, "max |J_engine - (diag(s) - s s^T)|") < 1e-15
    assert number(out, "max |J - J^T|") < 1e-15
    assert number(out, "max |VJP_engine - s * (v - v.s)|") < 1e-15
    np.testing.assert_allclose(vector(out, "VJP from the engine  ="),
                               [0.141817, 0.14077, -0.282587], atol=1e-6)
    assert "holds: your Jacobian matches" in out


def test_cross_entropy_gradient():
    out = run("cross_entropy_gradient.py")
    np.testing.assert_allclose(vector(out, "gradient from the engine ="),
                               [-0.340999, 0.242433, 0.098566], atol=1e-6)
    assert number(out, "loss = -log s[0]") == pytest.approx(0.417030, abs=1e-6)
    assert number(out, "max |grad - (s - t)|") < 1e-15
    assert number(out, "max |unfused - (s - t)|") < 1e-12
    assert number(out, "max |grad - (S - T)/N|") < 1e-15


def test_two_layer_network():
    out = run("two_layer_network.py")
    for act in ("sigmoid", "softplus"):
        for what in ("dE/dW2 engine - delta2 h1^T", "dE/db2 engine - delta2",
                     "dE/dW1 engine - delta1 x^T", "dE/db1 engine - delta1"):
            assert number(out, f"{act}: max |{what}|") < 1e-12, (act, what)
    d2 = vector(out, "delta2 = y - t =")
    assert d2.sum() == pytest.approx(0, abs=1e-6)  # softmax outputs and one-hot both sum to 1


def test_score_function():
    out = run("score_function.py")
    assert number(out, "max |engine - identity| over i") < 1e-12
    assert out.count("i=") == 4


def test_mse_vs_ce_plot(tmp_path):
    pytest.importorskip("matplotlib", reason="the plot needs matplotlib (pip install .[plot])")
    png = tmp_path / "grad.png"
    out = run("mse_vs_ce_plot.py", str(png))
    assert png.exists() and png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert number(out, "max |dMSE/da - 2(p-y)p(1-p)|") < 1e-12
    assert number(out, "max |dCE/da - (p-y)|") < 1e-12
    m = re.search(r"a =\s+-10.0: dMSE/da = (\S+)\s+dCE/da = (\S+)", out)
    mse, ce = float(m.group(1)), float(m.group(2))
    assert abs(mse) < 1e-3 and ce == pytest.approx(-1.0, abs=1e-3)  # confidently wrong


def test_breast_cancer_losses(tmp_path):
    pytest.importorskip("matplotlib", reason="the plot needs matplotlib (pip install .[plot])")
    png = tmp_path / "curves.png"
    out = run("breast_cancer_losses.py", str(png))
    assert png.exists() and png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    bce = number(out, "bce          test accuracy after epoch 1:")
    mse = number(out, "sigmoid_mse  test accuracy after epoch 1:")
    assert bce > mse  # MSE's gradient is small on the confident mistakes of the start
    assert number(out, "after epoch 15:") > 95  # the first line: cross-entropy


@pytest.mark.skipif(not has("backprop.functional", "conv1d"),
                    reason="needs backprop.functional.conv1d (rule 11, the CNN issue)")
def test_conv1d_modes():
    out = run("conv1d_modes.py")
    np.testing.assert_allclose(vector(out, "full : 4*y ="), [1, 2, 6, 9, 12, 9, 6, 2, 1])
    np.testing.assert_allclose(vector(out, "same : 4*y ="), [2, 6, 9, 12, 9, 6, 2])
    np.testing.assert_allclose(vector(out, "valid: 4*y ="), [6, 9, 12, 9, 6])
    assert out.count("numpy.convolve agrees: True") == 3
    assert out.count("matches numpy.convolve: True") == 3


def test_cnn_shapes():
    if not (has("backprop.functional", "conv2d") and has("backprop.summarize", "summary")):
        pytest.skip("needs backprop.functional.conv2d and bp.summary (the CNN issue)")
    out = run("cnn_shapes.py")
    assert "output 32x64x64" in out and "output 32x32x32" in out and "output 64x32x32" in out
    assert "3*3*32*64 = 18432" in out
    table = out.split("\n\n", 1)[1]
    for shape in ((32, 64, 64), (32, 32, 32), (64, 32, 32)):
        assert re.search(r"\D" + r"\D{1,3}".join(map(str, shape)) + r"\D", table), shape
    assert re.search(r"18,?496", table)
