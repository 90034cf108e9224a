"""Show a rule's formulas — read from its docstring, their single source — and verify them live.

A rule's docstring carries lines such as ``Forward:``, ``VJP:``, ``Jacobian:``,
``Identities:``, ``Convention:``, ``Stability:`` or ``Note:`` (a label, then text;
continuation lines are indented further). :func:`rule_formulas` parses them;
:func:`explain` prints them and then runs :func:`~backprop.verify.gradcheck.gradcheck` on
the rule's catalogue cases, printing the measured error. :func:`rule_markdown` gives the
rule's derivation from ``docs/derivations.md`` (shipped in the package), in the Markdown +
LaTeX form that ``backprop check`` verifies.
"""

from __future__ import annotations

import inspect
from importlib import resources
import re
import textwrap
from typing import Callable

from ..errors import BackpropError

__all__ = ["rule_formulas", "explain", "find_rule", "rule_markdown"]

# A section label: one to three capitalised words (or "VJP"), a colon, then text.
_LABEL = re.compile(r"^(?P<label>[A-Z][A-Za-z]*(?: [a-z][A-Za-z]*){0,2}):\s+(?P<text>\S.*)$")
REQUIRED = ("Forward", "VJP")


def find_rule(name: str):
    """The catalogue :class:`~backprop.verify.catalogue.Rule` called ``name``."""
    from .catalogue import all_rules

    rules = all_rules()
    if name in rules:
        return rules[name]
    close = [r for r in rules if name.lower() in r.lower()]
    hint = f"; did you mean {', '.join(close[:5])}?" if close else ""
    raise BackpropError(f"no rule named {name!r}{hint} (backprop explain --list shows all "
                        f"{len(rules)})")


def _function(name_or_fn: str | Callable) -> tuple[str, Callable]:
    if callable(name_or_fn):
        return getattr(name_or_fn, "__name__", "function"), name_or_fn
    from .catalogue import all_rules

    rules = all_rules()
    if name_or_fn in rules:
        return name_or_fn, rules[name_or_fn].fn
    from .. import functional

    fn = getattr(functional, str(name_or_fn), None)
    if callable(fn) and not str(name_or_fn).startswith("_"):
        return str(name_or_fn), fn
    find_rule(str(name_or_fn))  # raises with suggestions
    raise AssertionError("unreachable")


def rule_formulas(name_or_fn: str | Callable) -> list[tuple[str, str]]:
    """The labelled sections of a rule's docstring, in order: ``[("Forward", "…"), …]``.

    Continuation lines (indented further than their label) are joined to it with a
    newline, their common indentation removed.
    """
    name, fn = _function(name_or_fn)
    doc = inspect.getdoc(fn) or ""
    sections: list[tuple[str, list[str]]] = []
    current: list[str] | None = None
    for line in doc.splitlines():
        m = _LABEL.match(line)
        if m:
            current = [m.group("text").strip()]
            sections.append((m.group("label"), current))
        elif current is not None and line[:1].isspace() and line.strip():
            current.append(line.strip())
        else:  # a blank or unindented line ends the section
            current = None
    return [(label, "\n".join(lines)) for label, lines in sections]


def _source(fn: Callable) -> str:
    module = getattr(fn, "__module__", "") or ""
    try:
        path = inspect.getsourcefile(inspect.unwrap(fn)) or ""
        path = path[path.rfind("src/"):] if "src/" in path else path
    except TypeError:
        path = ""
    return f"{module}.{getattr(fn, '__name__', '?')}" + (f"  ({path})" if path else "")


def explain(rule_name: str, *, seed: int = 0, verify: bool = True) -> str:
    """The rule's formulas from its docstring, then a live check on random inputs.

    The check is :func:`~backprop.verify.gradcheck.gradcheck` on every catalogue case of the
    rule; the text ends with ``holds: …`` or ``FAILS …`` and the measured relative error.
    """
    return explain_report(rule_name, seed=seed, verify=verify)[0]


def explain_report(rule_name: str, *, seed: int = 0, verify: bool = True):
    """:func:`explain`'s text and the :class:`RuleReport` of its live check (None if skipped)."""
    from .gradcheck import check_rule

    rule = find_rule(rule_name)
    sections = rule_formulas(rule.fn)
    labels = {label for label, _ in sections}
    missing = [r for r in REQUIRED if r not in labels]
    if missing:
        raise BackpropError(f"rule {rule.name!r}: its docstring has no "
                            f"{' or '.join(m + ':' for m in missing)} line (a bug in the rule)")
    summary = (inspect.getdoc(rule.fn) or "").splitlines()[0]
    lines = [f"{rule.name} — rule {rule.section} of the catalogue: {summary}",
             f"defined in {_source(rule.fn)}", ""]
    pad = max(len(label) for label, _ in sections) + 2
    for label, text in sections:
        first, *rest = text.splitlines() or [""]
        lines.append(f"  {label + ':':<{pad}}{first}")
        lines += [" " * (pad + 2) + r for r in rest]
    if not verify:
        return "\n".join(lines), None
    report = check_rule(rule, seed=seed)
    lines += ["", f"verified live (seed {seed}): the engine's VJP against central differences "
                  f"(float64, ε = 1e-6)"]
    lw = max((len(label) for label, _ in report.cases), default=4)
    for label, r in report.cases:
        verdict = "ok" if r.passed else "FAIL"
        err = "error" if r.error else f"{r.worst_rel_error:.1e}"
        lines.append(f"  {label:<{lw}}  {r.mode:<4}  {r.compared:4d} numbers  rel. error "
                     f"{err:>8}  {verdict}")
    lines.append("")
    if report.passed:
        lines.append(f"holds: {len(report.cases)} cases, worst relative error "
                     f"{report.worst_rel_error:.1e} ({report.seconds:.2f}s)")
    else:
        lines.append(f"FAILS on {len(report.failing)} of {len(report.cases)} cases:")
        for label, r in report.failing:
            lines.append(f"  case {label}:")
            lines += [textwrap.indent(str(r), "    ")]
    return "\n".join(lines), report


def list_rules() -> list[tuple[str, str, str]]:
    """(name, section in docs/derivations.md, first docstring line) for every registered rule."""
    from .catalogue import all_rules

    return [(r.name, r.section, ((inspect.getdoc(r.fn) or "").splitlines() or [""])[0])
            for r in sorted(all_rules().values(), key=lambda r: (_section_key(r.section), r.name))]


def _section_key(section: str) -> tuple:
    m = re.match(r"(\d+)", section)
    return (int(m.group(1)) if m else 99, section)


def _derivations() -> str:
    """``docs/derivations.md``, the single source of the derivations (package data)."""
    return resources.files(__package__).joinpath("derivations.md").read_text(encoding="utf-8")


def rule_markdown(rule_name: str) -> str:
    """The rule's section of the derivations, with the front matter that declares its symbols.

    The text is what ``backprop check`` reads: every equation in it holds.
    """
    rule = find_rule(rule_name)
    text = _derivations()
    front = re.match(r"---\n.*?\n---\n", text, re.S)
    section = re.search(rf"^## {re.escape(rule.section)}\. .*?(?=^## |\Z)", text, re.S | re.M)
    if front is None or section is None:
        raise BackpropError(f"rule {rule.name!r}: docs/derivations.md has no section "
                            f"'## {rule.section}.' (a bug in the package)")
    return f"{front.group()}\n{section.group().rstrip()}\n"
