"""The report of a checked derivation: its steps, the first failure, and its forms as text and
JSON. (How it looks in a notebook or on the page is the rendering package's business.)"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from ... import display

__all__ = ["Step", "DerivationReport", "TargetVerdict"]


@dataclass
class Step:
    """One step ``left = right`` (or a definition, or a statement that is not a claim) and
    what checking it found."""

    line: int
    status: str                     # holds | fails | unreadable | definition | skipped
    left: str
    right: str
    message: str
    counterexample: dict[str, Any] | None = None
    hint: str | None = None         # a fact about the failure (a name restated, …)
    diagnosis: str | None = None    # the common mistake that explains it
    reading: list[str] = field(default_factory=list)   # how ambiguous notation was read
    question: str = ""              # for an unreadable step: what would decide it
    ask: dict[str, Any] | None = None   # a name to declare, and kinds that would fit
    evaluations: int = 0
    sign: str = "="
    cell: tuple[int, int] | None = None
    uses: list[str] = field(default_factory=list)
    explain: dict[str, Any] = field(default_factory=dict)

    def to_dict(self, explain: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {"line": self.line, "status": self.status, "left": self.left,
                               "right": self.right, "message": self.message}
        out["sign"] = self.sign
        for key in ("counterexample", "hint", "diagnosis", "question", "ask"):
            value = getattr(self, key)
            if value:
                out[key] = value
        if self.reading:
            out["reading"] = "; ".join(self.reading)
        if self.evaluations:
            out["evaluations"] = self.evaluations
        if self.cell is not None:
            out["cell"], out["cell_line"] = self.cell
        if explain and self.explain:
            out["explain"] = self.explain
        return out


@dataclass(frozen=True)
class TargetVerdict:
    status: str            # "reached" | "not reached" | "not stated"
    message: str = ""
    line: int | None = None
    start: int | None = None


@dataclass
class DerivationReport:
    """What :func:`check_derivation` found: ``steps`` in order, ``first_failure``, ``ok``."""

    file: str
    steps: list[Step]
    assumed: list[str] = field(default_factory=list)   # kinds read from use, in words
    target: TargetVerdict = field(default_factory=lambda: TargetVerdict("not stated"))
    notes: list[str] = field(default_factory=list)     # front matter not read, …
    explain: dict[str, Any] = field(default_factory=dict)   # the stages' output

    @property
    def first_failure(self) -> Step | None:
        return next((s for s in self.steps if s.status == "fails"), None)

    @property
    def ok(self) -> bool:
        """True when no step fails (unreadable steps are not counted as wrong)."""
        return self.first_failure is None

    def __bool__(self) -> bool:
        return self.ok

    def count(self, status: str) -> int:
        return sum(s.status == status for s in self.steps)

    def summary(self) -> dict[str, Any]:
        return {"holds": self.count("holds"), "fails": self.count("fails"),
                "unreadable": self.count("unreadable"), "definitions": self.count("definition"),
                "skipped": self.count("skipped"), "assumed": list(self.assumed)}

    def to_dict(self, explain: bool = False) -> dict[str, Any]:
        first = self.first_failure
        out = {"file": self.file, "steps": [s.to_dict(explain) for s in self.steps],
               "first_failure": first.to_dict() if first is not None else None,
               "summary": self.summary(), "target": self.target.status,
               "target_message": self.target.message}
        if self.notes:
            out["notes"] = list(self.notes)
        if explain:
            out["explain"] = self.explain
        return out

    def to_json(self, explain: bool = False) -> str:
        return json.dumps(self.to_dict(explain), ensure_ascii=False, indent=2)

    def _repr_html_(self) -> str:
        return display.show(self, "text/html")

    def text(self, explain: bool = False) -> str:
        """The report as the command line prints it (with ``explain``, also the readings tried
        per step and the stages' findings)."""
        return display.show(self, "text/explain" if explain else "text/plain")

    def __str__(self) -> str:
        return self.text()
