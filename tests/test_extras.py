"""A missing extra is named with the pip command that installs it where this backprop came from.

The origin is read from the distribution's direct_url.json (PEP 610) and from the source tree
the running code sits in; each case below fakes one origin and checks the command.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from backprop import extras
from backprop.errors import BackpropError


def _checkout(tmp_path: Path, name: str = "clone") -> Path:
    folder = tmp_path / name
    folder.mkdir()
    (folder / "pyproject.toml").write_text('[project]\nname = "backprop"\n')
    return folder


@pytest.fixture
def origin(monkeypatch):
    """Set where backprop came from: the direct_url.json (None: from a registry) and the
    checkout the code runs from (None: site-packages)."""
    def set_origin(direct_url: dict | None, running: Path | None = None) -> None:
        monkeypatch.setattr(extras, "_direct_url", lambda: direct_url)
        monkeypatch.setattr(extras, "_running_checkout", lambda: running)
    return set_origin


def test_from_the_registry(origin):
    origin(None)
    assert extras.install_command("plot") == 'pip install "backprop[plot]"'


def test_from_a_clone_in_the_clone(origin, tmp_path, monkeypatch):
    clone = _checkout(tmp_path)
    origin({"url": clone.as_uri(), "dir_info": {}})
    monkeypatch.chdir(clone)
    assert extras.install_command("plot") == 'pip install ".[plot]"'


def test_from_a_clone_elsewhere_names_its_path(origin, tmp_path, monkeypatch):
    clone = _checkout(tmp_path)
    origin({"url": clone.as_uri(), "dir_info": {}})
    monkeypatch.chdir(tmp_path)
    assert extras.install_command("onnx") == f'pip install "{clone}[onnx]"'


def test_an_editable_install_stays_editable(origin, tmp_path, monkeypatch):
    clone = _checkout(tmp_path)
    origin({"url": clone.as_uri(), "dir_info": {"editable": True}}, running=clone)
    monkeypatch.chdir(clone)
    assert extras.install_command("mpi") == 'pip install -e ".[mpi]"'


def test_a_path_with_a_space_is_quoted(origin, tmp_path, monkeypatch):
    clone = _checkout(tmp_path, "my clone")
    origin({"url": clone.as_uri(), "dir_info": {}})
    monkeypatch.chdir(tmp_path)
    assert extras.install_command("plot") == f'pip install "{clone}[plot]"'
    assert "%20" not in extras.install_command("plot")


def test_a_path_with_shell_characters_is_single_quoted(origin, tmp_path, monkeypatch):
    clone = _checkout(tmp_path, "a$b")
    origin({"url": clone.as_uri(), "dir_info": {}})
    monkeypatch.chdir(tmp_path)
    assert extras.install_command("plot") == f"pip install '{clone}[plot]'"


def test_a_removed_clone_falls_back_to_the_registry(origin, tmp_path):
    origin({"url": (tmp_path / "gone").as_uri(), "dir_info": {}})
    assert extras.install_command("plot") == 'pip install "backprop[plot]"'


def test_from_a_repository(origin):
    origin({"url": "https://example.org/backprop.git",
            "vcs_info": {"vcs": "git", "commit_id": "0" * 40}})
    assert extras.install_command("plot") == \
        'pip install "backprop[plot] @ git+https://example.org/backprop.git"'


def test_from_a_wheel_file(origin):
    origin({"url": "file:///tmp/backprop-0.1.0-py3-none-any.whl", "archive_info": {}})
    assert extras.install_command("sklearn") == \
        'pip install "backprop[sklearn] @ file:///tmp/backprop-0.1.0-py3-none-any.whl"'


def test_this_checkout_is_found():
    """Run from the source tree (as the tests are, editable or with src on the path), the
    running checkout is the one holding this test."""
    import backprop

    root = Path(backprop.__file__).resolve().parents[2]
    if not (root / "pyproject.toml").is_file():
        pytest.skip("backprop is imported from an installed copy, not a checkout")
    assert extras._running_checkout() == root


def test_the_messages_use_it(origin, tmp_path, monkeypatch):
    """Each message about a missing extra names the command for this install."""
    clone = _checkout(tmp_path)
    origin({"url": clone.as_uri(), "dir_info": {}})
    monkeypatch.chdir(clone)
    from backprop import plots

    monkeypatch.setitem(sys.modules, "matplotlib", None)
    monkeypatch.setitem(sys.modules, "matplotlib.pyplot", None)
    with pytest.raises(BackpropError, match=r'pip install "\.\[plot\]"'):
        plots.require_matplotlib()
    from backprop import onnx

    monkeypatch.setitem(sys.modules, "onnx", None)
    with pytest.raises(BackpropError, match=r'pip install "\.\[onnx\]"'):
        onnx._onnx()
