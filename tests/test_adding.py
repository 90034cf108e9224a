"""How many files an addition touches, measured by making it: in a temporary copy of the
package, each addition below writes only into the files it names (the counts in
docs/architecture.md), and then must appear everywhere a thing of its kind does.

- an elementwise activation (softsign): its rule entry in ``functional/activations.py`` and
  its layer in ``nn/activation.py`` (+ its section of ``docs/derivations.md``) — then it is
  in ``backprop check`` (help and ``--f``), ``explain``, ``gradcheck``, the architecture
  grammar and the ``--activation`` choices, ONNX export, the PyTorch twin and the trace;
- a layer for an existing op (Exp): ``nn/activation.py`` — the grammar, the twin, the trace;
- an optimiser usable by name: ``optim/sgd.py`` — ``backprop train --optimizer``;
- a dataset by name: ``data/catalog.py`` — ``--data`` and its help;
- a loss: ``train/objectives.py`` — ``backprop train --loss``, ``bp.fit`` and the trace.
"""

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

RULE = '''

@declare(section="16", latex=("softsign",), elementwise=True,
         torch="torch.nn.functional.softsign")
@primitive
def softsign(x):
    """Softsign, elementwise.

    Forward:   y = x / (1 + |x|)
    VJP:       x̄ = ȳ / (1 + |x|)²
    Jacobian:  diag(1 / (1 + |x|)²)
    """
    x = as_float(x)
    d = 1 + np.abs(x)
    return x / d, lambda g, needs: (g / (d * d),)


__all__ += ["softsign"]
'''

LAYER = '''

class Softsign(_Elementwise):
    grammar = ("softsign",)
    gain = 1.0

    def forward(self, x):
        return F.softsign(x)

    def to_onnx(self, g, name, in_shape):
        g.node("Softsign", [g.x], name)

    def to_torch(self, tnn, in_shape):
        return tnn.Softsign()


__all__ += ["Softsign"]
'''

EXP_LAYER = '''

class Exp(_Elementwise):
    grammar = ("exp",)

    def forward(self, x):
        return F.exp(x)

    def to_onnx(self, g, name, in_shape):
        g.node("Exp", [g.x], name)

    def to_torch(self, tnn, in_shape):
        return _TorchExp()


class _TorchExp:  # torch.nn has no Exp module: a twin made of torch.exp
    def __new__(cls):
        import torch

        class TorchExp(torch.nn.Module):
            def forward(self, x):
                return torch.exp(x)

        return TorchExp()


__all__ += ["Exp"]
'''

OPTIMISER = '''

class PlainSGD(SGD):
    """SGD under a recipe name of its own, with its own default rate."""

    recipes = {"plainsgd": dict(lr=0.2)}
'''

DATASET = '''

DATASETS["tiny-digits"] = Entry("tiny-digits", "a folder of MNIST-style IDX files", "idx")
KNOWN = tuple(DATASETS)
'''

LOSS = '''

def _l1(outputs, y, smoothing):
    return F.mean(F.abs(F.sub(outputs, _binary_targets(outputs, y, smoothing, "l1"))))


OBJECTIVES["l1"] = Objective(
    "l1", _l1, _binary, _sign_correct, summary="mean absolute error of one logit against 0/1",
    formula=LossFormula(
        loss=lambda y, t: F.mean(F.abs(F.sub(y, t))), squash=None,
        forward=(("E", "E = (1/C) Σᵢ |$yᵢ − tᵢ|", r"E = \\frac{1}{C} \\sum_{i} |{$y}_{i} - t_{i}|"),),
        delta=("$gy = sign($y − t)/C", r"$gy = \\frac{1}{C} \\operatorname{sign}($y - t)"),
        closed=lambda y, t: np.sign(y - t) / y.size))
'''

# The files each addition writes into, and what it appends to each.
ADDITIONS = {
    "activation": {"functional/activations.py": RULE, "nn/activation.py": LAYER},
    "layer": {"nn/activation.py": EXP_LAYER},
    "optimiser": {"optim/sgd.py": OPTIMISER},
    "dataset": {"data/catalog.py": DATASET},
    "loss": {"train/objectives.py": LOSS},
}
FILES_TOUCHED = {"activation": 2, "layer": 1, "optimiser": 1, "dataset": 1, "loss": 1}

SECTION = r'''

## 16. Softsign

$$ \frac{d}{dx} \frac{x}{1 + x} = \frac{1}{(1 + x)^2} $$
'''

CHECKS = r'''
import json, subprocess, sys
import numpy as np
import backprop as bp
from backprop.cli import main
from backprop.functional.table import lookup
from backprop.models import activations, build_model


def cli(*args):
    return subprocess.run([sys.executable, "-m", "backprop", *args], capture_output=True,
                          text=True)


assert lookup("softsign").fn is bp.functional.softsign
out = cli("check", "--help")
assert "softsign" in out.stdout.split(), "check --help does not list softsign"
r = cli("check", "--f", "softsign(x)", "--vjp", "v / (1 + abs(x))**2")
assert r.returncode == 0, r.stdout + r.stderr
r = cli("check", "--f", "softsign(x)", "--vjp", "v / (1 + abs(x))")
assert r.returncode == 1, "a wrong VJP of softsign was not caught"
r = cli("explain", "softsign")
assert r.returncode == 0 and "x / (1 + |x|)" in r.stdout, r.stdout + r.stderr
r = cli("gradcheck", "softsign")
assert r.returncode == 0 and "softsign" in r.stdout, r.stdout + r.stderr
assert "softsign" in activations(), "softsign is not an --activation choice"

bp.manual_seed(0)
model = build_model("linear(5) softsign linear(3)", (4,)).to(np.float64)
x = np.random.default_rng(0).standard_normal((2, 4))
ours = model(bp.tensor(x)).data

torch = __import__("torch")
from backprop.interop import to_torch
twin = to_torch(model).double()
assert np.allclose(twin(torch.tensor(x)).detach().numpy(), ours, atol=1e-12)

try:
    import onnxruntime
except ImportError:
    onnxruntime = None
if onnxruntime is not None:
    from backprop.onnx import to_onnx
    proto = to_onnx(model.to(np.float32), (4,))
    sess = onnxruntime.InferenceSession(proto.SerializeToString())
    got = sess.run(None, {sess.get_inputs()[0].name: x.astype(np.float32)})[0]
    assert np.allclose(got, ours, atol=1e-5), (got, ours)

from backprop.trace import trace
t = trace("linear(5) softsign linear(3)", input=[0.5, -1.0, 2.0, 0.25], target=1)
steps = [s for s in t.steps if "Softsign" in s.layer]
assert steps, "the trace shows no softsign step"
assert all(s.check is None or s.check.passed for s in t.steps), "a trace check failed"

# a layer for an existing op
bp.manual_seed(0)
m = build_model("linear(4) exp linear(2)", (3,)).to(np.float64)
xe = np.random.default_rng(1).standard_normal((2, 3)) * 0.3
assert np.allclose(to_torch(m).double()(torch.tensor(xe)).detach().numpy(), m(bp.tensor(xe)).data)
t = trace("linear(4) exp linear(2)", input=[0.1, 0.2, -0.3], target=1)
assert all(s.check is None or s.check.passed for s in t.steps)

# an optimiser, a dataset, a loss: by name
r = cli("train", "--help")
words = r.stdout.replace(",", " ").replace("{", " ").replace("}", " ").split()
assert "plainsgd" in words and "tiny-digits" in words and "l1" in words, r.stdout
from backprop.train.recipe import make_optimizer
opt = make_optimizer("plainsgd", build_model("linear(2)", (3,)).parameters())
assert opt.param_groups[0]["lr"] == 0.2
r = cli("train", "--data", "tiny-digits")
assert r.returncode == 2 and "tiny-digits" in r.stderr and "--data-dir" in r.stderr, r.stderr
xb = np.random.default_rng(2).standard_normal((40, 3))
yb = (xb[:, 0] > 0).astype(np.int64)
net = build_model("linear(1)", (3,))
history = bp.fit(net, xb, yb, loss="l1", epochs=2, lr=0.05, log=None)
assert len(history) == 2 and np.isfinite(history[-1]["loss"])
t = trace("linear(3) tanh linear(2)", input=[0.5, -1.0, 2.0], target="1 0", loss="l1")
assert all(s.check is None or s.check.passed for s in t.steps if s.check is not None), \
    [s for s in t.steps if s.check is not None and not s.check.passed]
print("ok")
'''


def _copy(tmp_path: Path) -> Path:
    src = tmp_path / "src"
    shutil.copytree(ROOT / "src", src, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    return src


def test_each_addition_touches_the_files_counted():
    for change, files in ADDITIONS.items():
        assert len(files) == FILES_TOUCHED[change], change


@pytest.mark.parametrize("with_rule", [True, False])
def test_additions_appear_everywhere(tmp_path, with_rule):
    pytest.importorskip("torch")
    src = _copy(tmp_path)
    package = src / "backprop"
    for files in ADDITIONS.values():
        for name, text in files.items():
            if text is RULE and not with_rule:  # without the rule the checks must fail
                continue
            with open(package / name, "a", encoding="utf-8") as f:
                f.write(text)
    docs = tmp_path / "docs" / "derivations.md"
    text = docs.read_text(encoding="utf-8")
    docs.write_text(text.replace("\n## Checking your own derivation", SECTION +
                                 "\n## Checking your own derivation"), encoding="utf-8")
    link = package / "verify" / "derivations.md"
    if link.is_symlink() or link.exists():
        link.unlink()
    link.symlink_to(docs)
    env = {**os.environ, "PYTHONPATH": str(src)}
    run = subprocess.run([sys.executable, "-c", textwrap.dedent(CHECKS)], capture_output=True,
                         text=True, cwd=tmp_path, env=env, timeout=300)
    if with_rule:
        assert run.returncode == 0 and run.stdout.strip().endswith("ok"), run.stdout + run.stderr
    else:
        assert run.returncode != 0
