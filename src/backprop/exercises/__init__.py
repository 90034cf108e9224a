"""Exercise sheets from the homework of the field, each with a worked solution, checked by
``backprop check`` against the target it states.

Each exercise is one Markdown file in ``sheets/`` (package data): front matter declaring
the symbols (``name: kind`` lines, as ``backprop check`` reads them), a ``title:`` and a
``target:`` — the equation the derivation must reach, in LaTeX —, the task in prose, the
first line of the chain, and after the line ``<!-- solution -->`` the worked solution.
The sheet a student starts from is the text before that line with room to write; the
solution is the whole text.

    from backprop import exercises
    [e.name for e in exercises.catalogue()]
    exercises.start("softmax_jacobian", "homework/")          # writes the sheet
    exercises.start("softmax_jacobian", "homework/", solution=True)
"""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ..errors import BackpropError

__all__ = ["Exercise", "catalogue", "get", "start", "SOLUTION_MARK"]

SOLUTION_MARK = "<!-- solution -->"
_ROOM = """
<!-- Continue the chain below: write each step as a new line $$= …$$ (or a new chain),
     with words between them as you like. Then check it:
         backprop check {file}
     Every step is checked, and the report says whether your chain reaches the target. -->

"""


@dataclass(frozen=True)
class Exercise:
    """One exercise: its ``name``, ``title``, ``target`` (LaTeX), the ``sheet`` a student
    starts from and the worked ``solution`` (both whole Markdown texts)."""

    name: str
    title: str
    target: str
    sheet: str
    solution: str

    def file_name(self, solution: bool = False) -> str:
        return f"{self.name}.solution.md" if solution else f"{self.name}.md"


def _field(front: str, key: str, name: str) -> str:
    m = re.search(rf"^{key}:[ \t]*(.+)$", front, flags=re.M)
    if m is None:
        raise BackpropError(f"exercise {name}: its front matter has no {key}: line")
    return m.group(1).strip()


def _read(name: str, text: str) -> Exercise:
    parts = text.split("\n---\n", 1)
    if not text.startswith("---\n") or len(parts) != 2:
        raise BackpropError(f"exercise {name}: the file does not start with front matter")
    front = parts[0]
    if text.count(SOLUTION_MARK) != 1:
        raise BackpropError(f"exercise {name}: expected one line {SOLUTION_MARK}")
    before, after = text.split(SOLUTION_MARK)
    sheet = before.rstrip() + "\n" + _ROOM.format(file=f"{name}.md")
    solution = before.rstrip() + "\n" + after.lstrip("\n")
    return Exercise(name, _field(front, "title", name), _field(front, "target", name), sheet,
                    solution)


@lru_cache(maxsize=1)
def catalogue() -> tuple[Exercise, ...]:
    """Every exercise shipped with backprop, in the order of the course."""
    folder = resources.files(__package__) / "sheets"
    order = (folder / "ORDER").read_text(encoding="utf-8").split()
    return tuple(_read(name, (folder / f"{name}.md").read_text(encoding="utf-8"))
                 for name in order)


def get(name: str) -> Exercise:
    """The exercise called ``name``."""
    for e in catalogue():
        if e.name == name:
            return e
    raise BackpropError(f"no exercise {name!r}; the exercises are: "
                        f"{', '.join(e.name for e in catalogue())}")


def start(name: str, directory: str | os.PathLike = ".", solution: bool = False) -> Path:
    """Write exercise ``name``'s sheet (or its worked solution) into ``directory`` as
    ``NAME.md`` (``NAME.solution.md``) and return the path. An existing file is never
    overwritten: it may hold the student's work."""
    exercise = get(name)
    folder = Path(directory)
    if folder.exists() and not folder.is_dir():
        raise BackpropError(f"{folder} is not a directory")
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / exercise.file_name(solution)
    text = exercise.solution if solution else exercise.sheet
    # Written beside the target, then hard-linked to its name: the file appears whole or
    # not at all, and a name that exists (a file, a link, the student's work) is refused.
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        try:
            os.link(tmp, path)
        except FileExistsError:
            raise BackpropError(f"{path} exists already; it is left as it is (remove it, or "
                                f"choose another directory)") from None
    finally:
        os.unlink(tmp)
    return path
