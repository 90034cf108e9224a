"""PyTorch's names do what a PyTorch user expects, or say why not.

``import backprop.nn.functional as F`` is :mod:`backprop.functional` itself; ``bp.save`` and
``bp.load`` refuse a name meaning a pickle (``net.pt``, ``net.pth``) with one line naming what
is written instead, since backprop writes safetensors and never unpickles.
"""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

import backprop as bp
from backprop.cli import main
from backprop.errors import CheckpointError


def test_nn_functional_is_the_functional_module_in_a_fresh_process():
    code = ("import backprop.nn.functional as F, sys\n"
            "import backprop\n"
            "from backprop.nn import functional as G\n"
            "from backprop.nn.functional import softmax\n"
            "assert F is backprop.functional is G is backprop.nn.functional\n"
            "assert sys.modules['backprop.nn.functional'] is backprop.functional\n"
            "assert softmax is backprop.functional.softmax\n")
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120)


def test_nn_functional_after_the_package():
    import backprop.functional
    import backprop.nn.functional as F

    assert F is backprop.functional and bp.nn.functional is backprop.functional
    assert F.cross_entropy(bp.tensor([[0.0, 0.0]]), np.array([1])).item() == \
        pytest.approx(np.log(2))


@pytest.mark.parametrize("name", ["net.pt", "net.pth", "NET.PT", "weights.pkl"])
def test_save_refuses_a_pickle_name_and_writes_nothing(tmp_path, name):
    model = bp.nn.Linear(2, 3)
    for what in (model, model.state_dict()):
        with pytest.raises(CheckpointError, match=r"^save: .* backprop writes safetensors .*"
                                                  r"\.safetensors'"):
            bp.save(what, tmp_path / name)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("load", [bp.load, bp.io.load, bp.io.load_state_dict])
def test_load_refuses_a_pickle_name_whatever_it_holds(tmp_path, load):
    """Even a valid backprop file under a .pt name: the name says torch.load reads it."""
    good = bp.save(bp.build_model("linear(3)", (2,), 3), tmp_path / "net.safetensors")
    disguised = tmp_path / "net.pt"
    disguised.write_bytes(good.read_bytes())
    with pytest.raises(CheckpointError, match=r"^load: 'net.pt' names a PyTorch pickle.*"
                                              r"safetensors\.torch\.save_file"):
        load(disguised)
    load(good)  # the same bytes under their own name load


def test_the_command_line_says_it_in_one_line(tmp_path, capsys):
    (tmp_path / "net.pth").write_bytes(b"\x80\x04K\x01.")  # a pickle: never read
    assert main(["evaluate", str(tmp_path / "net.pth")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "names a PyTorch pickle" in err[0], err
