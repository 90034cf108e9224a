"""A checked derivation's report as text (the terminal), Markdown, HTML (a notebook
fragment, or a row per step for the page), each a function of the report's data: the
``to_dict()`` of :func:`backprop.check_derivation`'s report, documented in docs/check.md.

    report = bp.check_derivation("softmax.md")
    print(report_text(report.to_dict()))

Each step: ``line`` (or ``cell``/``cell_line`` in a notebook), ``status`` (holds, fails,
unreadable, definition, skipped), ``left``, ``right``, ``message`` and, when they apply,
``counterexample`` ({point, indices, left, right}), ``hint``, ``reading``, ``sign``, and the
optional ``question`` (one sentence), ``ask`` ({name, kinds: suggested declarations}) and
``diagnosis`` (which common mistake explains a failure). Every string in it may come from
the learner's file, so each leaves through its medium's escaping function.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .escape import html_text, markdown_code, markdown_math, markdown_text, sanitize, terminal
from .mathml import formula
from .style import fragment

__all__ = ["report_text", "report_markdown", "report_html", "step_html", "summary_line",
           "claim_latex", "MARKS"]

MARKS = {"holds": "✓", "fails": "✗", "unreadable": "?", "definition": "≔", "skipped": "·"}
_TARGET_WORDS = {"reached": "✓ the chain reaches the target",
                 "not reached": "✗ no checked chain reaches the target"}


def _data(report: Any) -> Mapping[str, Any]:
    """The report's data: a mapping as ``to_dict()`` gives it, or a report that has one."""
    return report if isinstance(report, Mapping) else report.to_dict()


def _steps(data: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    return [s for s in data.get("steps") or [] if isinstance(s, Mapping)]


def _where(s: Mapping[str, Any]) -> str:
    """The step's line, or in a notebook its cell and line there (``3:2``)."""
    return f"{s['cell']}:{s.get('cell_line')}" if s.get("cell") is not None else str(s.get("line"))


def _where_words(s: Mapping[str, Any]) -> str:
    if s.get("cell") is not None:
        return f"cell {s['cell']}, line {s.get('cell_line')}"
    return f"line {s.get('line')}"


def _short(text: str, width: int) -> str:
    return text if len(text) <= width else text[:width - 1] + "…"


def _first(data: Mapping[str, Any]) -> Mapping[str, Any] | None:
    return next((s for s in _steps(data) if s.get("status") == "fails"), None)


def _count(data: Mapping[str, Any], status: str) -> int:
    return sum(s.get("status") == status for s in _steps(data))


def summary_line(data: Mapping[str, Any]) -> str:
    """'4 steps: 3 hold, 1 fail, 0 unreadable; the first wrong step is on line 11'."""
    data = _data(data)
    steps = _steps(data)
    n = len(steps) - _count(data, "definition") - _count(data, "skipped")
    line = (f"{n} steps: {_count(data, 'holds')} hold, {_count(data, 'fails')} fail, "
            f"{_count(data, 'unreadable')} unreadable")
    first = _first(data)
    if first is not None:
        line += (f"; the first wrong step is {'in' if first.get('cell') is not None else 'on'} "
                 f"{_where_words(first)}")
    return line


def _sign(s: Mapping[str, Any]) -> str:
    return ":=" if s.get("status") == "definition" and "sign" not in s else str(s.get("sign", "="))


def _ask_line(s: Mapping[str, Any]) -> str:
    ask = s.get("ask")
    if not isinstance(ask, Mapping) or not ask.get("kinds"):
        return ""
    return "declare it, e.g. " + " or ".join(f"{ask.get('name')}: {k}" for k in ask["kinds"])


# -- text ------------------------------------------------------------------------------------
def report_text(report: Any) -> str:
    """The report for a terminal: a line per step (✓ ✗ ? ≔ ·) with the question of an
    unreadable one and the reading of one that holds; the first wrong step's counterexample,
    diagnosis and hint; what was assumed, notes, the target, the counts. With the data of
    ``to_dict(explain=True)``, also the readings tried per step and the stages' findings."""
    data = _data(report)
    steps = _steps(data)
    width = max((len(_where(s)) for s in steps), default=1)
    first = _first(data)
    lines = []
    for s in steps:
        status = s.get("status")
        claim = f"{_short(str(s.get('left', '')), 38)} {_sign(s)} {_short(str(s.get('right', '')), 38)}"
        tail = ""
        if status in ("definition", "skipped"):
            tail = f"   ({s.get('message', '')})"
        elif status == "unreadable":
            tail = f"   ({s.get('question') or s.get('message', '')})"
        elif status == "holds" and s.get("reading"):
            tail = f"   (read {s['reading']})"
        lines.append(f"{_where(s):>{width}}  {MARKS.get(status, ' ')}  {claim}{tail}")
        pad = " " * (width + 5)
        if s is first:
            lines.append(f"{pad}^ first wrong step ({_where_words(s)})")
        if status == "fails":
            ce = s.get("counterexample")
            if not isinstance(ce, Mapping):
                lines.append(f"{pad}{s.get('message', '')}")
            else:
                if ce.get("indices"):
                    lines.append(pad + "at " + ", ".join(f"{k} = {v}"
                                                         for k, v in ce["indices"].items()))
                if ce.get("point"):
                    lines.append(pad + "with " + "; ".join(f"{k} = {v}"
                                                           for k, v in ce["point"].items()))
                lines += [f"{pad}left  = {ce.get('left')}", f"{pad}right = {ce.get('right')}"]
            if s.get("reading"):
                lines.append(f"{pad}read {s['reading']}")
            if s.get("diagnosis"):
                lines.append(f"{pad}diagnosis: {s['diagnosis']}")
            if s.get("hint"):
                lines.append(f"{pad}hint: {s['hint']}")
        explain = s.get("explain")
        if isinstance(explain, Mapping):
            for r in explain.get("readings") or []:
                why = str(r.get("why") or "")
                lines.append(f"{pad}· {r.get('reading')}: {r.get('outcome')}"
                             + (f" ({_short(why, 60)})" if why else ""))
            if explain.get("bindings"):
                lines.append(f"{pad}rests on: " + "; ".join(map(str, explain["bindings"])))
    assumed = (data.get("summary") or {}).get("assumed") or []
    if assumed:
        lines += ["", "assumed: " + ", ".join(map(str, assumed))]
    notes = list(data.get("notes") or [])
    if notes:
        lines += [""] + [f"note: {n}" for n in notes]
    target = data.get("target")
    if isinstance(target, str) and target != "not stated":
        lines += ["", f"target {target}: {data.get('target_message', '')}"]
    stages = data.get("explain")
    if isinstance(stages, Mapping) and stages:
        lines += ["", "stages:"] + [f"  {k}: {v}" for k, v in stages.items()]
    return terminal("\n".join(lines + ["", summary_line(data)]))


# -- Markdown --------------------------------------------------------------------------------
def report_explained(report: Any) -> str:
    """:func:`report_text` of the report with what ``--explain`` adds."""
    return report_text(report.to_dict(explain=True))


def report_markdown(report: Any) -> str:
    """The report as Markdown: a list item per step, its claim as ``$…$``, what was found."""
    data = _data(report)
    first = _first(data)
    out = [f"## Checked {markdown_code(data.get('file', ''))}", ""]
    for s in _steps(data):
        status = s.get("status")
        claim = markdown_math(f"{s.get('left', '')} {'=' if _sign(s) == '=' else _sign(s)} "
                              f"{s.get('right', '')}")
        note = markdown_text(s.get("message", ""))
        item = f"- {MARKS.get(status, ' ')} {markdown_text(_where_words(s))}: {claim}"
        if s is first:
            item += " — **first wrong step**"
        out.append(f"{item}{f' — {note}' if note else ''}")
        ce = s.get("counterexample")
        if isinstance(ce, Mapping):
            where = _values(ce)
            out.append(f"  - counterexample: {markdown_code(where)}: left "
                       f"{markdown_code(ce.get('left'))}, right {markdown_code(ce.get('right'))}")
        for key in ("diagnosis", "hint", "question"):
            if s.get(key):
                out.append(f"  - {key}: {markdown_text(s[key])}")
        if _ask_line(s):
            out.append(f"  - {markdown_text(_ask_line(s))}")
    target = data.get("target")
    if isinstance(target, str) and target != "not stated":
        out += ["", markdown_text(f"target {target}: {data.get('target_message', '')}")]
    out += ["", markdown_text(summary_line(data)), ""]
    return terminal("\n".join(out))


def _values(ce: Mapping[str, Any]) -> str:
    """A counterexample's indices and drawn values: ``i = 1, x = [0.5 …]``."""
    return ", ".join(f"{k} = {v}" for k, v in {**(ce.get("indices") or {}),
                                                **(ce.get("point") or {})}.items())


# -- HTML ------------------------------------------------------------------------------------
def claim_latex(s: Mapping[str, Any]) -> str:
    """A step's claim as one LaTeX formula: ``left = right`` (``:=`` for a definition)."""
    sign = _sign(s)
    return f"{s.get('left', '')} {'=' if sign == '=' else sign} {s.get('right', '')}"


def step_html(s: Mapping[str, Any], first: bool = False) -> str:
    """One step as a table row (sanitised): line, mark, the claim as MathML, and what was
    found — message, counterexample with its numbers, diagnosis, hint, question."""
    status = str(s.get("status", ""))
    notes = []
    message = str(s.get("message", "") or "")
    if message:
        notes.append(f'<p class="message">{html_text(message)}</p>')
    ce = s.get("counterexample")
    if isinstance(ce, Mapping):
        where = _values(ce)
        notes.append(f'<p class="counterexample">{"at " + html_text(where) + ": " if where else ""}'
                     f"left = {html_text(ce.get('left'))}, right = {html_text(ce.get('right'))}</p>")
    for key in ("diagnosis", "hint"):
        if s.get(key) and str(s[key]) not in message:
            notes.append(f'<p class="{key}">{key}: {html_text(s[key])}</p>')
    if status == "unreadable" and s.get("question"):
        notes.append(f'<p class="question">{html_text(s["question"])}</p>')
        if _ask_line(s):
            notes.append(f'<p class="ask">{html_text(_ask_line(s))}</p>')
    line = s.get("line")
    mark_first = ' data-first="true"' if first else ""
    return sanitize(
        f'<tr class="{html_text(status)}" '
        f'data-line="{html_text(line)}" data-status="{html_text(status)}"{mark_first}>'
        f'<td class="line">{html_text(_where(s))}</td>'
        f'<td class="mark" aria-label="{html_text(status)}">{MARKS.get(status, "")}</td>'
        f'<td class="math">{formula(claim_latex(s))}</td>'
        f'<td class="note">{"".join(notes)}</td></tr>')


def report_html(report: Any) -> str:
    """The report as a notebook fragment: one row per step (line, verdict, the step as
    MathML, what was found), the target's verdict when the sheet states one, the counts,
    and the plain report folded below."""
    data = _data(report)
    first = _first(data)
    rows = "".join(step_html(s, s is first) for s in _steps(data))
    verdict = ""
    target = data.get("target")
    if isinstance(target, str) and target != "not stated":
        verdict = (f'<p class="report-verdict {html_text(target.replace(" ", "-"))}" '
                   f'data-target="{html_text(target)}">'
                   f"{html_text(_TARGET_WORDS.get(target, target))}</p>")
    body = (f'<p>Checked <code>{html_text(data.get("file", ""))}</code></p>{verdict}'
            f'<table class="report">{rows}</table>'
            f'<p class="summary">{html_text(summary_line(data))}</p>'
            f"<details><summary>plain report</summary><pre>{html_text(report_text(data))}"
            f"</pre></details>")
    return fragment("bp-report", sanitize(body))
