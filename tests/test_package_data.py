"""Every file the package reads at run time is shipped by a non-editable install.

An editable install (the one developers use) reads files from the source tree, so a data
file missing from ``[tool.setuptools.package-data]`` goes unnoticed until a user installs the
package normally. This test compares the source tree with the declared patterns.
"""

from __future__ import annotations

import fnmatch
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "backprop"


def _declared() -> list[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return config["tool"]["setuptools"]["package-data"]["backprop"]


def _data_files() -> list[str]:
    found = []
    for path in PACKAGE.rglob("*"):
        if not path.is_file() or "__pycache__" in path.parts or path.suffix in (".py", ".pyc"):
            continue
        found.append(path.relative_to(PACKAGE).as_posix())
    return sorted(found)


def test_every_data_file_is_declared():
    patterns = _declared()
    missing = [f for f in _data_files()
               if not any(fnmatch.fnmatchcase(f, p) and f.count("/") == p.count("/")
                          for p in patterns)]
    assert not missing, f"not in [tool.setuptools.package-data]: {missing}"


def test_every_pattern_matches_a_file():
    files = _data_files()
    stale = [p for p in _declared()
             if not any(fnmatch.fnmatchcase(f, p) and f.count("/") == p.count("/") for f in files)]
    assert not stale, f"package-data patterns that match nothing: {stale}"
