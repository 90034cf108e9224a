"""Check a learner's derivation, written in Markdown and LaTeX, step by step.

:func:`check_derivation` runs the stages in order, each a function from one printable type to
the next::

    source   read_source      path | text        -> Source      text, front matter, cells
    syntax   statements       Source             -> [Statement] chains of sides, prose cues
             (parse.readings  one side's text    -> [Term]      every reading of it)
    scope    read_scope       Source, Statements -> Scope       roles, declarations, definitions
    shapes   infer            Scope              -> Shapes      inputs' kinds by unification
    judge    Checker.judge    step, Scope, Shapes-> Verdict     holds / fails / unreadable
             (evaluate        term, frame, Reading -> value     the library's own rules)
             (Bindings.of     what a failure resolved -> [Binding]   how firm each is)
    diagnose diagnose         failing Verdict    -> str         the common mistake
    report                    [Step]             -> DerivationReport

The notation table (:mod:`.notation`) and the prose cues (:mod:`.cues`, a data file) are the
tables every stage reads. The parser is a Lark grammar (``latex.lark``), loaded on first use.
"""

from __future__ import annotations

import os
import re
from typing import Any

from ...errors import BackpropError
from . import terms as t
from .diagnose import diagnose
from .judge import Checker, Verdict, implicitly_given, own_function
from .names import base_name, mentioned_names, value_names
from .parse import unit_of
from .report import DerivationReport, Step, TargetVerdict
from .scope import Item, read_scope
from .shapes import infer, stated_shape
from .source import cell_source, read_source
from .syntax import Piece, Side, statements
from .target import reaches, read_target
from .values import clock

__all__ = ["check_derivation", "DerivationReport", "Step"]

MAX_POINTS = 100
MAX_STEPS = 2000
FILE_SECONDS = 60.0   # one deadline for reading, definitions and every step of a file


def check_derivation(source: str | os.PathLike, *, points: int = 5, seed: int = 0,
                     declare: dict[str, str] | None = None,
                     seconds: float = FILE_SECONDS) -> DerivationReport:
    """Check every step of the derivation in ``source`` (a path, or the Markdown text).

    Each step ``A = B`` is evaluated at ``points`` random draws of its inputs and, where free
    indices appear, at every index value (at most 64 combinations), under every reading the
    text allows until one makes it hold. ``declare`` adds declarations (``{"x": "vector 3"}``),
    as front matter would: the answers to the questions of a previous report. ``seconds``
    bounds the whole check in the checking thread's CPU time (a busy machine takes longer on
    the wall clock, and gives the same verdicts). Raises
    :class:`~backprop.errors.BackpropError` for a missing or unreadable file, or a text
    without math; any Markdown with math gets a report.
    """
    if isinstance(points, bool) or not isinstance(points, int) or not 1 <= points <= MAX_POINTS:
        raise BackpropError(f"check_derivation: points must be an integer in 1..{MAX_POINTS}, "
                            f"got {points!r}")
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        raise BackpropError(f"check_derivation: seed must be a non-negative integer, got {seed!r}")
    if not isinstance(seconds, (int, float)) or not 0 < seconds <= 600:
        raise BackpropError("check_derivation: seconds must be in (0, 600]")
    deadline = clock() + seconds
    src = read_source(source)
    if declare:
        if not isinstance(declare, dict) or len(declare) > 200 or not all(
                isinstance(k, str) and isinstance(v, str) and len(k) < 80 and len(v) < 80
                for k, v in declare.items()):
            raise BackpropError("check_derivation: declare maps at most 200 names to kinds, "
                                "as text")
        src.entries.extend((0, name, kind) for name, kind in declare.items())
    parts = [src] + [cell_source(src.name, number, text) for number, text in src.magic]
    for part in parts[1:]:
        part.entries.extend(e for e in src.entries if e[0] == 0)   # the answers given
    checked = [c for c in (_check_source(part, points, seed, deadline) for part in parts)
               if c is not None]
    if not checked:
        raise BackpropError(f"check_derivation: {src.name} holds no equation in math ($…$, "
                            f"$$…$$, \\[…\\] or an equation/align environment)")
    steps = [s for c in checked for s in c[0]]
    if src.magic:                       # the Markdown cells' steps and each magic cell's, by cell
        steps.sort(key=lambda s: s.cell or (0, 0))
    first = checked[0]
    scope, shapes = first[1], first[2]
    used = set().union(*(s.uses for s in steps)) if steps else set()
    assumed = [a for c in checked for a in _assumed(c[1], c[2], used, c[0])]
    return DerivationReport(src.name, steps, assumed=list(dict.fromkeys(assumed)),
                            target=first[4], notes=[n for c in checked for n in c[1].notes],
                            explain=_stages(src, first[3], scope, shapes))


def _check_source(src: Any, points: int, seed: int, deadline: float) -> tuple | None:
    """One derivation's (steps, scope, shapes, statements, target verdict); None when it
    holds no equation (a notebook whose math is all in %%derivation cells)."""
    stmts = statements(src)
    if not stmts:
        return None
    scope = read_scope(src, stmts)
    shapes = infer(scope)
    checker = Checker(scope, shapes, points, seed, deadline, src.line, src.column)
    steps, statuses = _check(checker, scope)
    for step in steps:
        step.cell = src.where(step.line)
    verdict = TargetVerdict("not stated")
    if src.target is not None:
        line, text, offset = src.target
        target = read_target(text, offset)
        if target is None:
            scope.notes.append(f"front matter line {line}: the target must be one equation, "
                               f"left = right — not read")
            verdict = TargetVerdict("not reached", "the target is not one equation")
        else:
            verdict = reaches(checker, scope.items, statuses, target, text)
    return steps, scope, shapes, stmts, verdict


def _assumed(scope: Any, shapes: Any, used: set[str], steps: list[Step]) -> list[str]:
    said = [f"{name} is {shapes.why[name]}" for name in sorted(shapes.kinds)
            if name in used and name in shapes.why]
    said += [why for name, why in sorted(scope.sized.items()) if name in used]
    if any("Φ" in r for s in steps for r in s.reading):
        said.append("\\Phi is the standard normal distribution function ½(1 + erf(x/√2)) (the "
                    "text speaks of the normal distribution)")
    return said


def _stages(src: Any, stmts: list, scope: Any, shapes: Any) -> dict[str, Any]:
    """Each stage's output, in brief, for ``--explain``."""
    roles: dict[str, int] = {}
    for item in scope.items:
        roles[item.role] = roles.get(item.role, 0) + 1
    return {
        "source": f"{src.name}: {len(src.text.splitlines())} lines, "
                  f"{len(src.entries)} front matter entries"
                  + (f", {len(src.cell_numbers)} Markdown cells" if src.cell_numbers else ""),
        "syntax": f"{len(stmts)} statements; languages {', '.join(scope.languages)}",
        "roles": ", ".join(f"{n} {r}" for r, n in sorted(roles.items())),
        "bindings": "; ".join(
            [f"{n}: declared ({k.describe()})" for n, k in sorted(scope.declared.items())] +
            [f"{n}: defined on line {ds[-1].line}" for n, ds in sorted(scope.definitions.items())] +
            [f"{n}: {'loose' if n in shapes.loose else 'input'} from use, {shapes.why[n]}"
             + ("" if n in shapes.firm else " (guessed)") for n in sorted(shapes.kinds)]),
    }


def _ask(name: str, shapes: Any) -> dict[str, Any]:
    kind = shapes.kinds.get(name)
    kinds = ["scalar", "vector 3", "matrix 3x3", "probs 3", "index 3"]
    if kind is not None:
        kinds.insert(0, kind.describe())
    return {"name": name, "kinds": list(dict.fromkeys(kinds))}


def _check(checker: Checker, scope: Any) -> tuple[list[Step], dict[int, dict[int, str]]]:
    steps: list[Step] = []
    statuses: dict[int, dict[int, str]] = {}
    _premises(checker, scope)
    for number, item in enumerate(scope.items):
        if len(steps) >= MAX_STEPS:
            break
        sides = item.sides
        right = sides[1] if len(sides) > 1 else sides[0]
        line = checker.line_of(right.piece.offset + len(right.piece.text) -
                               len(right.piece.text.lstrip()))
        stated = stated_shape(scope, item) if item.role != "claim" else None
        if stated is not None:                # S = ZZ^⊤ ∈ ℝ^{128×128}: a shape, as sizes
            steps.append(Step(line, stated[0], sides[0].text, right.text, stated[1],
                              sign="∈"))
            statuses.setdefault(number, {})[0] = stated[0]
            continue
        if item.role != "claim":
            sign = item.statement.relations[0] if item.statement.relations else "="
            status = "unreadable" if item.question else "skipped"
            steps.append(Step(line, status, sides[0].text, right.text if len(sides) > 1 else "",
                              item.note, question=item.question, sign=sign))
            continue
        chain = tuple(s.term for s in sides if s.term is not None)
        if _set_to_zero(scope, number, statuses):
            # "ℓ'(p) = 7/p − 3/(1 − p) = 0 ⇒ 7(1 − p) = 3p": where the expression is 0 (an
            # identity = 0 before ⇒, as (dX)X⁻¹ + X d(X⁻¹) = 0, leaves what follows a claim)
            for k, (left, right) in enumerate(zip(sides, sides[1:])):
                line = checker.line_of(right.piece.offset + len(right.piece.text) -
                                       len(right.piece.text.lstrip()))
                steps.append(Step(line, "skipped", left.text, right.text,
                                  "what follows from setting the expression before ⇒ to 0, "
                                  "not an identity"))
            continue
        verdicts: list[tuple[int, Step]] = []
        for k, (left, right) in enumerate(zip(sides, sides[1:])):
            if len(steps) >= MAX_STEPS:
                break
            line = checker.line_of(right.piece.offset + len(right.piece.text) -
                                   len(right.piece.text.lstrip()))
            sign = item.statement.relations[k] if k < len(item.statement.relations) else "="
            if k == len(sides) - 2 and item.skip_last:
                steps.append(Step(line, "skipped", left.text, right.text,
                                  "an equation to solve, not an identity", sign=sign))
                continue
            if k == 0 and item.skip_first:
                steps.append(Step(line, "skipped", left.text, right.text,
                                  item.note or "a value named in the prose, not a claim",
                                  sign=sign))
                continue
            d = item.defines.get(k)
            if d is not None:
                what = f"defines {d.name}" + (f"({', '.join(d.params)})" if d.params else
                                              "_" + "".join(d.index) if d.index else "")
                agrees = _agrees(checker, item, k, right)
                if agrees is not None:      # a new form of an earlier definition that agrees
                    steps.append(_step(checker, agrees, left, right, item, k, line, sign))
                    statuses.setdefault(number, {})[k] = "holds"
                    continue
                malformed = _malformed(checker, d, right, item)
                if malformed is not None:   # dA = W dZ with W 3×4, dZ 3×m: no meaning fits
                    steps.append(_step(checker, malformed, left, right, item, k, line, sign))
                    statuses.setdefault(number, {})[k] = "fails"
                    continue
                steps.append(Step(line, "definition", left.text, right.text, what, sign=sign))
                statuses.setdefault(number, {})[k] = "definition"
                continue
            unit = _change_of_unit(left.text, right.text)
            if unit:                        # 295.424 byte = 288,5 KiB; 1 MB = 10^6 (bytes)
                steps.append(Step(line, "skipped", left.text, right.text, unit, sign=sign))
                continue
            verdict = checker.judge(left, right, item, chain)
            step = _step(checker, verdict, left, right, item, k, line, sign)
            _restated(scope, item, k, right, step)
            if k == 0 and step.status == "holds" and item.restates is not None:
                family, at = base_name(item.restates[0]), item.restates[1]
                if any(d.index and d.line == at for d in scope.definitions.get(family, ())):
                    checker.followed.add((family, at))     # m̂_1 held against m̂_t
            _after(checker, scope, item, k, left, right, step)
            steps.append(step)
            verdicts.append((k, step))
            statuses.setdefault(number, {})[k] = step.status
        _slips(checker, item, verdicts)
        _carried_rounding(checker, item, verdicts)
        for k, step in verdicts:      # as the two above left them (what targets read)
            statuses.setdefault(number, {})[k] = step.status
    return steps, statuses


def _premises(checker: Checker, scope: Any) -> None:
    """The relations the prose relies on ("using $…$") that fail for values of their names
    drawn freely: those names are bound by them (a step that draws them apart from it cannot
    fail on that draw). One that holds identically, or cannot be read, binds nothing."""
    for item, names in scope.premises:
        chain = tuple(s.term for s in item.sides if s.term is not None)
        if checker.judge(item.sides[0], item.sides[1], item, chain).status == "fails":
            for n in names:
                scope.premised.setdefault(n, (item.line, item.sides[0].text + " = " +
                                              item.sides[1].text))


def _set_to_zero(scope: Any, number: int, statuses: dict[int, dict[int, str]]) -> bool:
    """Whether the item follows ⇒ from a chain in its block that ends in 0 and did not hold
    as an identity: an equation set up to be solved, of which the item is a consequence."""
    item = scope.items[number]
    if number == 0 or not item.statement.implied:
        return False
    prev = scope.items[number - 1]
    done = statuses.get(number - 1, {})
    return prev.statement.block == item.statement.block and bool(done) and \
        prev.sides[-1].term == t.Num(0.0) and done[max(done)] != "holds"


def _change_of_unit(left: str, right: str) -> str:
    """Why a step between two sides is a change of unit, not arithmetic ("" if it is not):
    its sides' numbers are written in different units (295.424 byte = 288,5 KiB), or its
    left side is one number of a unit the right side does not write (1 MB = 10^6)."""
    (a, bare), (b, _) = unit_of(left), unit_of(right)
    two_units = bool(a and b and a.lower() != b.lower())
    # (327{,}680\ \text{bytes} = 320\ \text{KiB per token}: the number as typeset)
    bare = re.sub(r"\\[ ,;:!]|~", " ", bare.replace("{,}", ","))
    one_of_a_unit = bool(a and not b and re.fullmatch(r"\s*\d+(?:[.,]\d+)?\s*", bare))
    if two_units or one_of_a_unit:
        return f"a change of unit ({a} to {b or 'the number'}), not arithmetic"
    return ""


def _agrees(checker: Checker, item: Item, k: int, right: Any) -> Verdict | None:
    """A definition that replaces an earlier one of the same form (m_t = (1 − β)Σβ^{t−i}g_i
    after m_t = βm_{t−1} + (1 − β)g_t) checked against it: the verdict where the two agree
    (the step then restates the earlier definition), else None (a new meaning, as written)."""
    old = item.replaces.get(k)
    new = item.defines.get(k)
    if old is None or new is None or old.params != new.params or old.index != new.index or \
            right.term is None:
        return None
    earlier = Side(Piece(f"{old.name} (line {old.line})", right.piece.offset),
                   [("", old.expr)])
    v = checker.judge(earlier, right, item)
    if v.status != "holds":
        return None
    v.message += f"; it restates the definition on line {old.line}"
    return v


def _malformed(checker: Checker, d: Any, right: Any, item: Item) -> Verdict | None:
    """A definition whose formula cannot be formed with the shapes the text states (a product
    of a 3×4 and a 3×5 matrix): wrong whatever the name is meant to be, so the step fails
    there; the judge's rule decides, as for a claim of the formula equal to itself."""
    if d.params or d.index or right.term is None or not any(
            isinstance(n, t.Product) and sum(bool(mentioned_names(f)) for f in n.items) >= 2
            for n in t.walk(right.term)):
        return None
    v = checker.judge(right, right, item)
    if v.status != "fails" or not v.shape:
        return None
    v.message = v.message.replace("the left side's", "the definition's")
    return v


def _step(checker: Checker, v: Verdict, left: Any, right: Any, item: Item, k: int, line: int,
          sign: str) -> Step:
    if v.status == "fails" and k == 0 and item.restates is not None and \
            item.statement.supposed and not checker.evaluates(item, left.term):
        # "For a sinusoid of amplitude A, … SQNR = 1.5·2^{2b}" after SQNR = 2^{2b}: the name
        # may be meant in the setting its sentence opens with, which the checker cannot read
        name, at = item.restates
        return Step(line, "unreadable", left.text, right.text,
                    f"{name} under the setting its sentence opens with",
                    question=f"is {name} here the {name} of line {at}, or {name} in the setting "
                             f"the sentence opens with? if a new one, say so (\"let {name} = …\")",
                    sign=sign)
    names = value_names(left.term, checker.scope.known) | value_names(
        right.term, checker.scope.known) if None not in (left.term, right.term) else set()
    if v.status == "fails" and len(item.sides) == 2 and item.statement.supposed and \
            len(item.statement.sentence.split()) <= 6 and names and \
            all(n in checker.scope.definitions for n in names):
        # "En un grafo no dirigido $A^⊤ = A$" of the text's directed A: said of the setting
        # the sentence opens with in words, not of the text's own names
        return Step(line, "unreadable", left.text, right.text,
                    "said under the setting its sentence opens with",
                    question="is this said of the text's own "
                             f"{', '.join(sorted(names))}, or of the setting the sentence "
                             "opens with? if of another, name it apart", sign=sign)
    step = Step(line, v.status, left.text, right.text, v.message, v.counterexample,
                reading=list(v.reading), question=v.question, evaluations=v.evaluations,
                sign=sign, uses=list(v.uses), explain=v.explain)
    if v.status == "fails":
        step.diagnosis = diagnose(checker, left.term, right.term, item, v)
        if k == 0 and item.restates is not None and not checker.evaluates(item, left.term):
            name, at = item.restates
            step.hint = (f"{name} was defined on line {at} as something else; if this is a new "
                         f"definition, say so (\"let {name} = …\" or {name} := …)")
        ce = step.counterexample
        if ce is not None:
            where = ", ".join(f"{a} = {b}" for a, b in ce["indices"].items())
            step.message = (f"fails{' at ' + where if where else ''}: left {ce['left']}, right "
                            f"{ce['right']}" + (f" — {step.diagnosis}" if step.diagnosis else ""))
    about = getattr(v.question, "about", "")
    if v.status == "unreadable" and about:
        step.ask = _ask(about, checker.shapes)
    return step


def _after(checker: Checker, scope: Any, item: Item, k: int, left: Any, right: Any,
           step: Step) -> None:
    """What a step's outcome tells the steps after it: a statement that could not be read gives
    its name an unread value; a rounded value of a worked example may be computed with."""
    node = left.term
    own = own_function(item, left, right, scope) if k == 0 else None
    if own is not None and step.status == "unreadable":   # σ(z) = z: σ's values unread after
        scope.unread.setdefault(own, (step.line, f"{own} is given as {right.text[:30]}", item))
    implicit = implicitly_given(node, right.term, checker) if k == 0 else None
    if implicit is not None and step.status == "unreadable":
        scope.unread.setdefault(implicit, (step.line, f"given through {left.text}", item))
    if k == 0 and step.status == "unreadable" and isinstance(node, (t.Sym, t.Script)) and \
            right.term is not None:
        name = t.canon(node)
        base = name if name in scope.definitions else base_name(name)
        entry = isinstance(node, t.Script) and node.sub is not None and any(
            d.line < step.line and not (d.index or d.params or d.recurrence)
            for d in scope.definitions.get(base, ()))   # z = Wᵀh + b, then z_i = log P̃(…)
        if (name not in scope.definitions and not entry) or base in {
                base_name(n) for n in mentioned_names(right.term)}:
            scope.unread.setdefault(base, (step.line, step.question[:80] or step.message[:80],
                                           item))
        elif item.restates is not None:
            # "with the cross-entropy cost C = … instead": until the text says whether this is
            # a new C, what comes after rests on neither
            scope.unread[item.restates[0]] = (step.line, f"given anew as {right.text[:30]}",
                                               item)
    if step.status == "holds" and k + 1 == len(item.sides) - 1 and 0 in item.defines:
        value = right.term
        if isinstance(value, t.Num) and value.unit:
            d = item.defines[0]
            if not d.params and not d.index:
                checker.rounded[d.name] = value.value


def _restated(scope: Any, item: Item, k: int, right: Any, step: Step) -> None:
    r"""A defined name's chain that holds gives other forms of it (``a(η) = −\log(1 − φ) =
    \log(1 + e^η)``), which a derivative by η may use."""
    d = item.defines.get(0)
    if d is None and item.restates is not None:
        d = scope.defined_before(item.restates[0], item.line)
    if d is None or step.status != "holds" or right.term is None or k == 0 and 0 in item.defines:
        return
    if item.conditions:
        return
    first = item.sides[0].term
    if isinstance(first, t.Script) and first.sub is not None and not d.index:
        return          # O_{ik} = Σ_j P_{ij} V_{jk}: a form of O's entries, not of O
    from dataclasses import replace
    scope.restated.setdefault(d.name, []).append(replace(d, expr=right.term, line=item.line))


def _carried_rounding(checker: Checker, item: Item, verdicts: list[tuple[int, Step]]) -> None:
    """``L = ½(1.1582² + …) ≈ ½(1.3414 + 0.1111 + 0.4332) ≈ 0.9430``: a value written with ≈
    after a side of rounded numbers approximates the chain's value, not that side. A failing
    step whose right side agrees with an earlier side that the steps between lead to (each
    holding) holds as that side's value."""
    by_k = dict(verdicts)
    for k in range(1, len(item.sides) - 1):
        step = by_k.get(k)
        if step is None or step.status != "fails" or not item.sides[k + 1].piece.rounded:
            continue
        start = k
        while start > 0 and by_k.get(start - 1) is not None and \
                by_k[start - 1].status == "holds":
            start -= 1
        for i in range(start, k):
            if checker.judge(item.sides[i], item.sides[k + 1], item).status == "holds":
                step.status, step.counterexample, step.diagnosis = "holds", None, None
                step.message = (f"holds as the value of {item.sides[i].text[:40]}, which the "
                                f"rounded side before it approximates")
                break


def _slips(checker: Checker, item: Item, verdicts: list[tuple[int, Step]]) -> None:
    """A failing expression whose two neighbours agree with each other (the chain around it
    holds without it) is a misreading or a transcription slip, not an error of the
    derivation: both its steps are unreadable, and say so."""
    by_k = dict(verdicts)
    for k in range(1, len(item.sides) - 1):
        before, after = by_k.get(k - 1), by_k.get(k)
        if before is None or after is None or before.status != "fails" or \
                after.status != "fails":
            continue
        middle = item.sides[k].term
        if middle is not None and not mentioned_names(middle):
            continue          # "= 16 + 1 =": numbers only, nothing to misread: it is wrong
        outer = checker.judge(item.sides[k - 1], item.sides[k + 1], item)
        if outer.status != "holds":
            continue
        text = item.sides[k].text
        question = (f"the expression “{text[:40]}” disagrees with both its neighbours, which "
                    f"agree with each other: a transcription slip? (the chain holds without it)")
        for step in (before, after):
            step.status, step.counterexample, step.diagnosis = "unreadable", None, None
            step.question = step.message = question
