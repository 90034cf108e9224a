"""Why a step that does not hold at the drawn values may still not be wrong as the text means
it: something said in words (a hypothesis, a value named in passing), a statement that gives a
name its value and could not be read, a name written once, samples beside the matrix they are
stacked into. A failure with one of these is reported as "could not read", with what to write;
a failure without any is the text's own.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from . import tree as t
from .evaluate import Scope
from .scope import mentioned_names
from .values import BUILTIN, CHANCE

if TYPE_CHECKING:
    from .steps import Checker, Step

__all__ = ["CHANCE", "base_name", "doubt"]

# "if every gradient were the same $g$, we'd get": a claim made under a hypothesis stated in
# words (a cue word and a name or a counterfactual in the same sentence)
HYPOTHESIS = re.compile(r"(?<![a-z])(if|suppose|supposing|assume|assuming|imagine|wenn|falls|"
                        r"si|cuando|если|假设|如果)(?![a-z])(?=.*(?<![a-z])(were|would|we'd|same|"
                        r"equal|constant|independent|identical|uncorrelated|orthogonal|"
                        r"symmetric|zero|small|large)(?![a-z]))")



def base_name(name: str) -> str:
    """``avg`` of ``avg_{2}``, ``h`` of ``h^{(t-1)}``: the letter a family of names shares."""
    return re.split(r"[_^]", name, maxsplit=1)[0] or name


def samples_and_stack(drawn: set[str]) -> tuple[str, str] | None:
    """A step drawing both samples or columns (x^{(i)}, x_j, x) and a matrix X of the same
    letter: the text stacks one into the other in words (rows or columns?), which the
    checker does not read."""
    for name in sorted(drawn):
        base = base_name(name)
        if len(base) == 1 and base.islower() and base.upper() in drawn:
            return name, base.upper()
    return None


# names given in words by what they are of a matrix (its eigenvalues, singular values)
_SPECTRAL = re.compile(r"eigen\w*|singular values?|valeurs? propres?|valor(?:es)? propios?|"
                       r"autovalor\w*|собственн\w*|特征值|固有値|고유값|vlastní čísl\w*|"
                       r"wartości? własn\w*", re.IGNORECASE)
# a text that counts in bits: its bare log may be to base 2
_BITS = re.compile(r"(?<![A-Za-z])bits?(?![A-Za-z])|base[- ]2|binary logarithm|(?<![A-Za-z])Bits?"
                   r"(?![A-Za-z])|бит|比特|ビット|비트", re.IGNORECASE)
# the library's functions with a parameter a text may set otherwise: its default, in words
_PARAMETERS = {"elu": "α = 1", "leaky_relu": "a slope of 0.01", "softplus": "β = 1"}
_PARAMETER_NAMES = re.compile(r"\\alpha|\\beta|\\lambda|α|β|λ|\bslope\b|\bpente\b|"
                              r"\bSteigung\b|\bpendiente\b|наклон")


def _bare_argument(left: Any, right: Any) -> str | None:
    """``\\sin 3x``: sin(3x), as texts mean it, or sin(3)·x, as the product reads? The
    checker reads the latter; a failure through it is the notation's, not the text's."""
    for side in (left, right):
        for n in t.walk(side) if side is not None else ():
            if not isinstance(n, t.Product):
                continue
            for f, c, x in zip(n.items, n.items[1:], n.items[2:]):
                if isinstance(f, t.Sym) and f.name in BUILTIN and isinstance(c, t.Num) and \
                        isinstance(x, (t.Sym, t.Script)):
                    name = f.name.lstrip("\\")
                    return (f"{f.name} {c.value:g}{t.canon(x)}: {name}({c.value:g}{t.canon(x)}) "
                            f"or {name}({c.value:g})·{t.canon(x)}? write the parentheses to have "
                            f"this checked")
    return None


def _tentative(checker: Checker, left: Any, right: Any) -> str | None:
    """A step through a name the text defined again without saying so (L = ½‖u − v‖² after
    "(y = 1):", L defined in general before): the step may mean the earlier definition."""
    view = checker.evaluator(checker.item.line, checker.item.paragraph).definitions \
        if checker.item is not None else {}
    todo = [side for side in (left, right) if side is not None]
    seen: set[str] = set()
    while todo:
        for name in mentioned_names(todo.pop()):
            d = view.get(name)
            if d is None or name in seen:
                continue
            seen.add(name)
            if d.tentative:
                earlier = [e.line for e in checker.names.definitions.get(name, ()) if
                           e.line < d.line]
                return (f"{name} is defined on line {earlier[-1] if earlier else '?'} and "
                        f"again on line {d.line} without the text saying it is a new "
                        f"definition (a case of the first?); if it is, say so (\"now let {name} "
                        f"= …\" or {name} := …)")
            todo.append(d.expr)
    return None


def _parametrised(checker: Checker, left: Any, right: Any) -> str | None:
    """A step through the library's ELU (α = 1), leaky ReLU (slope 0.01) or softplus (β = 1)
    in a text that names a parameter (α, β, λ, a slope): the text's function may not be the
    library's, so a failure is not the text's until it defines its own."""
    if not _PARAMETER_NAMES.search(checker.text):
        return None
    for side in (left, right):
        for n in t.walk(side) if side is not None else ():
            if not (isinstance(n, t.Call) and isinstance(n.fn, t.Sym)):
                continue
            name = n.fn.name
            fn = BUILTIN.get(name)
            if fn is None or fn.name not in _PARAMETERS or name in checker.names.declared or \
                    name in checker.names.definitions:
                continue
            return (f"{name} read as the library's {fn.name} ({_PARAMETERS[fn.name]}); the "
                    f"text names a parameter, so its {name} may differ: define it ({name}(x) = "
                    f"…) to have this checked")
    return None


def samples_of_declared(checker: Checker, drawn: set[str]) -> tuple[str, str] | None:
    """A step drawing x (x_i), a name of the text's inferred rather than declared, where the
    text declares the matrix X of the same letter: x_i may be a row or column of X."""
    for name in sorted(drawn):
        base = base_name(name)
        if len(base) == 1 and base.islower() and base.upper() in checker.names.declared and \
                base not in checker.names.declared and name not in checker.names.declared:
            return name, base.upper()
    return None


def doubt(checker: Checker, step: Step, scope: Scope, left: Any, right: Any) -> str | None:
    """Why a step that does not hold at the drawn values may still not be wrong as the
    text means it (something said in words, a value not read, a name written once): the
    message, or None if the failure is the text's own."""
    stacked = samples_and_stack(scope.drew) or samples_of_declared(checker, scope.drew)
    if stacked:
        return (f"{stacked[1]} and the samples {stacked[0]}: is {stacked[1]} made of them "
                f"(as its rows or its columns)? define {stacked[1]} from them to have this "
                f"checked")
    sentence = checker.item.statement.sentence if checker.item is not None else ""
    hypothesis = HYPOTHESIS.search(sentence)
    if hypothesis:
        said = sentence[hypothesis.start():].rstrip(" ,")
        return (f"said under a hypothesis in words (\"{said[:60]}\"), which the checker "
                f"does not read: write it as an equation or a condition to have this step "
                f"checked")
    redefined = sorted({n.fn.name if isinstance(n, t.Call) else n.name
                        for side in (left, right) if side is not None for n in t.walk(side)
                        if isinstance(n, t.Call) and isinstance(n.fn, t.Sym) and
                        n.fn.name in checker.names.redefined or isinstance(n, t.Sym) and
                        n.name in checker.names.redefined})
    if redefined:
        name = redefined[0]
        return (f"the text defines {name} (line {checker.names.redefined[name]}); the checker's "
                f"{name} is the {BUILTIN[name].name}: declare it (`{name}: softmax`, say) to "
                f"have this checked")
    if _BITS.search(checker.text) and any(
            isinstance(n, t.Sym) and n.name in ("log", r"\log") for side in (left, right)
            if side is not None for n in t.walk(side)):
        return ("\\log read as the natural logarithm, and the text speaks of bits (base 2): "
                "write \\log_2 (or \\ln) to have this checked")
    spectral = _SPECTRAL.search(" ".join(checker.text.split("\n")[max(0, step.line - 2):
                                                             step.line]))
    inferred = sorted(n for n in scope.drew if n in checker.names.inferred)
    if spectral and inferred:
        return (f"{inferred[0]} is given in words ({spectral.group()}), which the checker does "
                f"not compute: define it, or declare the matrix so that it can be checked")
    bare = _bare_argument(left, right)
    if bare is not None:
        return bare
    tentative = _tentative(checker, left, right)
    if tentative is not None:
        return tentative
    parametrised = _parametrised(checker, left, right)
    if parametrised is not None:
        return parametrised
    builtin = sorted(n for n in scope.drew if n in checker.names.inferred and
                     base_name(n) in BUILTIN)
    if builtin:
        fn = base_name(builtin[0])
        return (f"read {builtin[0]} as a number of its own, not a component of {fn}(…); "
                f"declare it (or write {fn}(z)_1 for a component) to have this checked")
    alone = next((t.canon(x) for x in (left, right) if isinstance(x, (t.Sym, t.Script))
                  and t.canon(x) in scope.drew and t.canon(x) in checker.names.inferred and
                  t.canon(x) not in checker.names.definitions), None)
    if alone is not None:
        # "hence $\sigma = 1/\sqrt{n}$" with σ never defined: a value solved for in
        # words, or a definition; an arbitrary input equal to something is neither
        return (f"{alone} is not defined, so this gives it a value rather than stating a "
                f"fact; write {alone} := … to define it, or say what equation it solves")
    said_of = {n: r for n, r in checker.names.remarked.items() if r[0] <= step.line}
    remarked = sorted(n for n in scope.drew if n in said_of or any(
        base_name(k) == n for k in said_of))
    if remarked:
        line, said = said_of.get(remarked[0]) or next(
            r for k, r in sorted(said_of.items()) if base_name(k) == remarked[0])
        return (f"does not hold for arbitrary {', '.join(remarked)}; the text gives "
                f"${said}$ on line {line}: if this step is at that value, say so "
                f"(\"at ${said}$\") to have it checked there")
    written = mentioned_names(left) | mentioned_names(right)   # σ of a σ(z) = z not read
    unread = sorted(n for n in scope.drew | written
                    if base_name(n) in checker.unread or n in checker.unread)
    if unread:
        key = unread[0] if unread[0] in checker.unread else base_name(unread[0])
        line, why = checker.unread[key]
        return (f"{key} is given on line {line} by a statement the checker could not read "
                f"({why}), so its values here are not the text's; write it so that it can "
                f"be read (or declare it)")
    lone = sorted(n for n in scope.drew if n in checker.names.inferred and
                  n not in checker.names.inferred_firm and checker.mentions.get(n, 0) <= 1)
    if lone:
        lines = sorted({checker.mentioned_on.get(n, step.line) for n in lone})
        where = "this statement" if lines == [step.line] else \
            f"line{'s' * (len(lines) > 1)} {', '.join(map(str, lines))}"
        return (f"{', '.join(lone)} {'is' if len(lone) == 1 else 'are'} written once "
                f"({where}) and not declared: does not hold for arbitrary values; say what "
                f"{'it is' if len(lone) == 1 else 'they are'} (declare or define)")
    return None
