"""The report of a checked derivation: its steps, the first failure, human and JSON forms."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from .steps import Step
from .target import TargetVerdict

__all__ = ["DerivationReport"]

_MARK = {"holds": "✓", "fails": "✗", "unreadable": "?", "definition": "≔", "skipped": "·"}


def _where(s: Step) -> str:
    """The step's line, or in a notebook its cell and line there (``3:2``)."""
    return f"{s.cell[0]}:{s.cell[1]}" if s.cell is not None else str(s.line)


def _where_words(s: Step) -> str:
    return f"cell {s.cell[0]}, line {s.cell[1]}" if s.cell is not None else f"line {s.line}"


def _short(text: str, width: int) -> str:
    return text if len(text) <= width else text[:width - 1] + "…"


@dataclass
class DerivationReport:
    """What :func:`check_derivation` found: ``steps`` in order, ``first_failure``, ``ok``."""

    file: str
    steps: list[Step]
    assumed: list[str] = field(default_factory=list)   # kinds read from use, in words
    target: TargetVerdict = field(default_factory=lambda: TargetVerdict("not stated"))

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
        """The counts the last line of the text report gives, and what was assumed."""
        return {"holds": self.count("holds"), "fails": self.count("fails"),
                "unreadable": self.count("unreadable"), "definitions": self.count("definition"),
                "skipped": self.count("skipped"), "assumed": list(self.assumed)}

    def to_dict(self) -> dict[str, Any]:
        first = self.first_failure
        return {"file": self.file, "steps": [s.to_dict() for s in self.steps],
                "first_failure": first.to_dict() if first is not None else None,
                "summary": self.summary(), "target": self.target.status,
                "target_message": self.target.message}

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2)

    def _repr_html_(self) -> str:
        """How Jupyter shows the report (MathML, nothing fetched)."""
        # Imported here: backprop.notebook imports this checker, so a top-level import cycles.
        from ...notebook import report_html
        return report_html(self)

    def __str__(self) -> str:
        width = max((len(_where(s)) for s in self.steps), default=1)
        first = self.first_failure
        lines = []
        for s in self.steps:
            claim = f"{_short(s.left, 38)} {s.sign} {_short(s.right, 38)}"
            tail = ""
            if s.status in ("unreadable", "definition", "skipped"):
                tail = f"   ({s.message})"
            elif s.status == "holds" and s.reading:
                tail = f"   (read {s.reading})"
            lines.append(f"{_where(s):>{width}}  {_MARK[s.status]}  {claim}{tail}")
            if s is first:
                pad = " " * (width + 5)
                lines.append(f"{pad}^ first wrong step ({_where_words(s)})")
                if s.counterexample is None:
                    lines += [f"{pad}{s.message}"] + ([f"{pad}hint: {s.hint}"] if s.hint else [])
                    continue
                ce = s.counterexample
                if ce["indices"]:
                    lines.append(pad + "at " + ", ".join(f"{k} = {v}"
                                                         for k, v in ce["indices"].items()))
                if ce["point"]:
                    lines.append(pad + "with " + "; ".join(f"{k} = {v}"
                                                           for k, v in ce["point"].items()))
                lines.append(f"{pad}left  = {ce['left']}")
                lines.append(f"{pad}right = {ce['right']}")
                if s.hint:
                    lines.append(f"{pad}hint: {s.hint}")
                elif s.message.startswith("the shapes"):
                    lines.append(f"{pad}{s.message}")
        if self.assumed:
            lines += ["", "assumed: " + ", ".join(self.assumed)]
        if self.target.status != "not stated":
            lines += ["", f"target {self.target.status}: {self.target.message}"]
        summary = (f"{len(self.steps) - self.count('definition') - self.count('skipped')} steps: "
                   f"{self.count('holds')} hold, {self.count('fails')} fail, "
                   f"{self.count('unreadable')} unreadable")
        if first is not None:
            where = _where_words(first)
            summary += f"; the first wrong step is {'in' if first.cell else 'on'} {where}"
        return "\n".join(lines + ["", summary])
