"""The types of the engine, the rules and the layers hold.

``python -m mypy`` from the repository root checks ``engine.py``, ``functional/`` and ``nn/``
strictly, as ``[tool.mypy]`` in pyproject.toml configures it; the suite fails with mypy's
report when it finds an error. A second test shows that the same configuration does report
errors (an unannotated function, a wrong annotation), so the first cannot pass vacuously.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import backprop.functional as F
import backprop.nn as nn

ROOT = Path(__file__).resolve().parents[1]
CONFIG = ROOT / "pyproject.toml"


def mypy(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mypy", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=900)


def test_engine_rules_and_layers_type_check_strictly():
    result = mypy()
    assert result.returncode == 0, f"mypy found errors:\n{result.stdout}{result.stderr}"
    assert "Success: no issues found" in result.stdout


def test_the_configuration_reports_errors(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text(textwrap.dedent("""\
        def untyped(x):
            return x


        def wrong(n: int) -> str:
            return n
        """), encoding="utf-8")
    result = mypy("--config-file", str(CONFIG), str(bad))
    assert result.returncode == 1, result.stdout + result.stderr
    assert "bad.py:1: error: Function is missing a type annotation  [no-untyped-def]" \
        in result.stdout
    assert "bad.py:6: error: Incompatible return value type" in result.stdout


def _public(module: object) -> set[str]:
    return {name for name, value in vars(module).items()
            if not name.startswith("_") and callable(value) and not isinstance(value, type(F))}


def test_every_public_name_is_exported_to_type_checkers():
    """A name missing from ``__all__`` is, to a strict type checker, not exported: code that
    uses ``F.name`` or ``nn.Name`` would not type-check."""
    assert _public(F) == set(F.__all__)
    assert _public(nn) == set(nn.__all__) - {"functional", "init", "utils"}  # and submodules
