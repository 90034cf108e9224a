"""How a term names things: ``W^{(2)}`` is a labelled name, ``x_i`` a component of ``x``, ``a^l`` a
layer's ``a`` where the text writes layers as superscripts, ``e^{x}`` a power. Used by every stage
that asks which names a term mentions or uses.
"""

from __future__ import annotations

import re
import typing
from typing import Any, Callable

from . import terms as t
from .terms import index_list
from .kinds import Kind
from .notation import CONSTANTS, GREEK, lookup

__all__ = ["split_label", "layer_letters", "index_list", "mentioned_names", "is_label_sub",
           "script_name", "value_names", "name_of", "base_name", "squared", "member_number",
           "numbered_layers", "as_layers", "EXAMPLE"]

EXAMPLE = re.compile(r"\^\{\([A-Za-z]\)\}")    # ŷ^{(i)}: the family of one example each


def name_of(node: Any) -> str | None:
    """The name a bare symbol or scripted symbol is written as, or None."""
    if isinstance(node, t.Sym):
        return node.name
    if isinstance(node, t.Script) and isinstance(node.base, t.Sym):
        return t.canon(node)
    return None


DOTS = frozenset({"\\ldots", "\\dots", "\\cdots", "\\dotsb", "\\dotsc", "…"})


def sum_count(node: Any) -> str | None:
    """``n`` of ``\\sum_{j=1}^{n}``: the letter that counts a sum's members, or None."""
    if not isinstance(node, t.BigOp):
        return None
    top = node.sup.args[0] if isinstance(node.sup, t.Paren) and len(node.sup.args) == 1 \
        else node.sup
    start = node.sub[0] if node.sub is not None and len(node.sub) == 1 else None
    return top.name if isinstance(top, t.Sym) and isinstance(start, t.Relation) and \
        start.op == "=" and start.b == t.Num(1.0) else None


def list_count(node: Any) -> str | None:
    """``n`` of ``(h_1, …, h_n)``: the letter that counts a list written out, or None."""
    if not isinstance(node, t.Paren) or len(node.args) != 3:
        return None
    first, dots, last = node.args
    if isinstance(dots, t.Sym) and dots.name in DOTS and isinstance(first, t.Script) and \
            isinstance(last, t.Script) and first.base == last.base and first.sup == last.sup \
            and first.sub == (t.Num(1.0),) and last.sub is not None and len(last.sub) == 1 \
            and isinstance(last.sub[0], t.Sym):
        return last.sub[0].name
    return None


def squared(name: str) -> str:
    """The name a text gives the square of ``name`` (σ² defined as a name of its own, with σ
    its root)."""
    return f"{name}^{{2}}"


def base_name(name: str) -> str:
    """``avg`` of ``avg_{2}``, ``h`` of ``h^{(t-1)}``: the letter a family of names shares."""
    import re
    return re.split(r"[_^]", name, maxsplit=1)[0] or name


def split_label(sup: Any | None, layers: frozenset[str] = frozenset()
                ) -> tuple[Any | None, Any | None]:
    """``^{(2)}`` is a label, not a power; ``^{(2)T}`` a label and a transpose; with layer
    letters (Nielsen's ``a^l``, ``w^{l+1}``, ``z^L``), ``^l`` and ``^{l-1}`` are labels too."""
    if isinstance(sup, t.Paren) and sup.bracket in "([" and len(sup.args) == 1:
        return sup, None
    if isinstance(sup, t.Sym) and len(sup.name) > 1 and sup.name.isalpha() and \
            sup.name not in ("top", "T"):
        return sup, None            # \mu^{\text{new}}, W^{old}: a word, never a power
    if isinstance(sup, t.Sym) and sup.name.startswith("\\") and sup.name[1:].isalpha() and \
            sup.name not in GREEK and lookup(sup.name) is not None:
        return sup, None            # y^{\rm ln}, W^{\max}: a function's name applied to
        #                             nothing, a word
    if isinstance(sup, t.Product) and isinstance(sup.items[0], t.Paren) and \
            sup.items[0].bracket in "([":
        rest = sup.items[1:]
        return sup.items[0], rest[0] if len(rest) == 1 else t.Product(rest)
    if isinstance(sup, t.Product) and isinstance(sup.items[-1], t.MulOp) and \
            sup.items[-1].op in ("*", "ast", "star"):
        return sup, None            # τ^{2∗}: the optimal τ², a name, never a power
    if layers and _is_layer(sup, layers):
        return sup, None
    return None, None


def _is_layer(sup: Any, layers: frozenset[str]) -> bool:
    if isinstance(sup, t.Sym):
        return sup.name in layers
    if isinstance(sup, (t.Add, t.Sub)):
        return isinstance(sup.a, t.Sym) and sup.a.name in layers and isinstance(sup.b, t.Num)
    return False


def layer_letters(trees: list[Any], declared: dict[str, Kind],
                  equations: tuple[tuple[Any, Any], ...] = ()) -> frozenset[str]:
    """Letters written as superscripts of several names, or of indexed names (``a^l_j``,
    ``w^l``, ``z^L``): layer labels, not powers. A letter declared as a number stays a power,
    and so does one the text multiplies by (``n y^{n-1}``: n is a number there) — unless the
    letter names what an equation gives through that very superscript (``o_t = σ(a^o_t)``: as
    a power it would be its own definition). With them, the subscript letters that tag names,
    as ``"_h"`` (see ``_tag_letters``)."""
    circular = {name for left, right in equations
                if (name := left.name if isinstance(left, t.Sym) else left.base.name if
                    isinstance(left, t.Script) and isinstance(left.base, t.Sym) else None)
                and any(isinstance(n, t.Script) and n.sup == t.Sym(name)
                        for n in t.walk(right))}
    # δ^a = ∂L/∂a: the letter names the variable the derivative it is set to is taken by
    circular |= {left.sup.name for a, b in equations for left, right in ((a, b), (b, a))
                 if isinstance(left, t.Script) and isinstance(left.base, t.Sym) and
                 left.base.name not in CONSTANTS and
                 isinstance(left.sup, t.Sym) and isinstance(right, t.Deriv) and
                 name_of(right.var) == left.sup.name}
    bases: dict[str, set[str]] = {}
    indexed: set[str] = set()
    factors: set[str] = set()
    for tree in trees:
        todo = [tree]                 # a product outside every script: W_{hy} is a name
        while todo:
            n = todo.pop()
            if isinstance(n, t.Product):
                factors |= {i.name for i in n.items if isinstance(i, t.Sym)}
            todo.extend([n.base] if isinstance(n, t.Script) else t.children(n))
            if not (isinstance(n, t.Script) and isinstance(n.base, t.Sym) and n.sup is not None) \
                    or n.base.name in CONSTANTS:        # eˣ: a power of e, never a label
                continue
            sup = n.sup
            letter = sup.name if isinstance(sup, t.Sym) else sup.a.name if isinstance(
                sup, (t.Add, t.Sub)) and isinstance(sup.a, t.Sym) and isinstance(
                sup.b, t.Num) else None
            if letter is None or len(letter) != 1 or not letter.isalpha() or \
                    letter in ("T", "t"):
                continue
            bases.setdefault(letter, set()).add(n.base.name)
            if n.sub is not None:
                indexed.add(letter)
    out = set()
    for letter, names in bases.items():
        kind = declared.get(letter)
        if kind is not None and kind.name != "index" or letter in factors and \
                letter not in circular:
            continue
        if len(names) >= 2 or letter in indexed or letter in circular:
            out.add(letter)
    # a^L beside a^l: the capital of a layer letter is its last layer (Nielsen's z^L)
    out |= {letter for letter, names in bases.items() if letter.isupper() and
            letter.lower() in out and names & bases[letter.lower()] and
            (declared.get(letter) is None or declared[letter].name == "index") and
            letter not in factors}
    # z = σ(a_z): read as an index, z would be its own definition's index; so it is a tag
    named = {left.name for left, right in equations if isinstance(left, t.Sym) and
             len(left.name) == 1 and any(isinstance(n, t.Script) and n.sub == (left,)
                                         for n in t.walk(right))}
    return frozenset(out) | _tag_letters(trees, declared, named)


def _tag_letters(trees: list[Any], declared: dict[str, Kind],
                 named: set[str] = frozenset()) -> frozenset[str]:
    """Subscript letters that tag a name rather than index it, as ``"_h"``: a letter the text
    also uses as a name with an index of its own (``w_h`` and ``b_h`` beside ``h_t``, ``w_x``
    beside ``x_t``), never as an index (no sum runs over it, no name is declared its index);
    in a subscript of several letters, also one the text uses as a value and never alone in
    a subscript (``W_{hh}`` beside ``4h^2``: h is the hidden size there; ``J_{ij}`` beside
    ``s_i`` and ``i = j`` stays an entry); and a letter ``named`` by an equation that writes it
    as a subscript."""
    single: set[str] = set()
    several: set[str] = set()
    summed: set[str] = set()
    for tree in trees:
        for n in t.walk(tree):
            if isinstance(n, t.BigOp) and n.sub:
                summed |= {m.name for s in n.sub for m in t.walk(s) if isinstance(m, t.Sym)}
            if not (isinstance(n, t.Script) and isinstance(n.base, t.Sym)) or n.sub is None:
                continue
            letters = _letters(n.sub)
            if letters and all(x.islower() for x in letters) and n.base.name not in letters:
                (single if len(letters) == 1 else several).update(letters)
    indexed = _indexed_letters(trees)
    # … and a letter whose own definition writes it as a subscript (z = σ(a_z), r = σ(a_r):
    # a_z is z's pre-activation, not the z-th entry of a)
    tags = single & (indexed | named) | several & (indexed | _bare_letters(trees) - single)
    return frozenset("_" + letter for letter in tags - summed
                     if declared.get(letter) is None or declared[letter].name != "index" and
                     (letter in several or declared[letter].name != "constant"))


def _bare_letters(trees: list[Any]) -> set[str]:
    """Single letters the text writes as values, outside every script and sum's limits."""
    found: set[str] = set()
    todo = list(trees)
    while todo:
        n = todo.pop()
        if isinstance(n, t.Sym) and len(n.name) == 1:
            found.add(n.name)
        elif isinstance(n, t.Script):
            todo.append(n.base)
        elif not isinstance(n, t.BigOp):
            todo.extend(t.children(n))
    return found


_NODES = typing.get_args(t.Node)


def mentioned_names(node: Any) -> set[str]:
    """Every name ``node`` may refer to: symbols, and scripted names as written (``x_{1}``,
    ``W^{(2)}``, ``E_{n}``) with their bases. Found once per node and kept on it."""
    if not isinstance(node, _NODES):
        return _mentioned(node)
    kept = node.__dict__.get("_mentioned")
    if kept is None:
        kept = frozenset(_mentioned(node))
        object.__setattr__(node, "_mentioned", kept)
    return set(kept)


def _mentioned(node: Any) -> set[str]:
    found: set[str] = set()
    for n in t.walk(node):
        if isinstance(n, t.Sym):
            found.add(n.name)
        elif isinstance(n, t.Script) and isinstance(n.base, t.Sym):
            found.add(t.canon(n))
            if n.sub is not None:
                found.add(t.canon(t.Script(n.base, n.sub, None)))
            if n.sup is not None:
                found.add(t.canon(t.Script(n.base, None, n.sup)))
                label, _ = split_label(n.sup)
                if label is not None:
                    found.add(t.canon(t.Script(n.base, None, label)))
    return found


def _indexed_letters(trees: list[Any]) -> set[str]:
    """Single letters the text writes as names with an index (``h_t``, ``o_{t-1}``)."""
    return {n.base.name for tree in trees for n in t.walk(tree)
            if isinstance(n, t.Script) and isinstance(n.base, t.Sym) and
            len(n.base.name) == 1 and n.sub is not None and not is_label_sub(n.sub)}


# μ_*, x_\star, w_\dagger: a mark in a subscript names a variant, it never counts
MARKS = frozenset({"*", "\\ast", "\\star", "\\dagger"})


def is_label_sub(sub: tuple | None, letters: frozenset[str] = frozenset()) -> bool:
    """``_B``, ``_{out}``, ``_{\\mathcal{B}}``, ``_{\\text{batch}}``: a subscript that names a
    variant (a capital letter, a word, a styled letter), never an index; so is a tag letter
    of the text's (``"_h"`` in ``letters``: ``w_h`` beside ``h_t``)."""
    tags = _letters(sub)
    if tags and letters and all("_" + x in letters for x in tags):
        return True                 # w_h, W_{xh}: letters that name the text's values
    if sub is None or len(sub) != 1 or not isinstance(sub[0], t.Sym):
        return False
    name = sub[0].name
    return (len(name) == 1 and name.isupper()) or (len(name) > 1 and name.isalpha()) or \
        name.startswith("\\math") or name in MARKS


def _letters(sub: tuple | None) -> tuple[str, ...]:
    """The single letters a subscript is made of (``_h``, ``_{xh}``), else ()."""
    if sub is None or len(sub) != 1:
        return ()
    items = sub[0].items if isinstance(sub[0], t.Product) else sub
    if all(isinstance(i, t.Sym) and len(i.name) == 1 and i.name.isalpha() and not i.style
           for i in items):
        return tuple(i.name for i in items)
    return ()


def script_name(n: t.Script, known: Callable[[str], bool] = lambda name: False,
                layers: frozenset[str] = frozenset()) -> str | None:
    """The name a scripted symbol refers to, if its scripts are part of a name: as written
    when known (``w^{2}``, ``E_{n}``), with its label (``W^{(2)}``, ``W_{out}``), else None
    (``x_i``, ``x^2``: the base is the name)."""
    if not isinstance(n.base, t.Sym):
        return None
    for candidate in (n, t.Script(n.base, n.sub, None) if n.sup is not None else None,
                      t.Script(n.base, None, n.sup) if n.sub is not None else None):
        if candidate is not None and known(t.canon(candidate)):
            return t.canon(candidate)
    label, _ = split_label(n.sup, layers) if n.sup is not None else (None, None)
    if is_label_sub(n.sub, layers):
        return t.canon(t.Script(n.base, n.sub, label))
    if label is not None:
        return t.canon(t.Script(n.base, None, label))
    return None


_MARKS = ("T", r"\top", r"\mathsf{T}", r"\mathrm{T}", "top", r"\intercal", "+", "*", "'",
          r"\prime", r"\dagger")


def _operator_sup(sup: Any) -> bool:
    """``^T``, ``^{-T}``, ``^+``, ``^*``: a mark on the name, not a value."""
    if isinstance(sup, t.Neg):
        sup = sup.a
    return isinstance(sup, t.Sym) and sup.name in _MARKS


def value_names(node: Any, known: Callable[[str], bool] = lambda name: False,
                layers: frozenset[str] = frozenset()) -> set[str]:
    """The names of values ``node`` uses: symbols outside subscripts and limits, and names
    written with a label (``W^{(2)}``, ``W_{out}``, ``\\sigma_{\\mathcal B}``) — not powers
    (``e^{x}``, ``x^2``) and not components (``x_i``), whose base is the name."""
    found: set[str] = set()

    def visit(n: Any) -> None:
        if isinstance(n, t.Sym):
            found.add(n.name)
            return
        if isinstance(n, t.Script):
            base = n.base
            name = script_name(n, known, layers)
            if name is not None:
                found.add(name)
                label, rest = split_label(n.sup, layers) if n.sup is not None else (None, None)
                if rest is not None and not _operator_sup(rest):
                    visit(rest)
                elif n.sup is not None and "^" not in name and not _operator_sup(n.sup):
                    visit(n.sup)             # E_{n}^2: a power of the name E_n
                return
            if isinstance(base, t.Sym):
                numbers = n.sub is not None and all(isinstance(i, t.Num)
                                                    for i in index_list(n.sub))
                if numbers and base.name not in ("log", r"\log") and (
                        any(i.value == 0 for i in index_list(n.sub)) or
                        lookup(base.name) is not None):
                    # X_0, σ_1 (not the sigmoid's component): a name of its own
                    found.add(t.canon(t.Script(base, n.sub, None)))
                else:
                    found.add(base.name)          # x_1: a component of x
            else:
                visit(base)
            if n.sup is not None and not _operator_sup(n.sup):
                visit(n.sup)
            return
        if isinstance(n, t.BigOp):
            return     # limits are ranges of an index, not values (\sum_{k=1}^{K})
        if isinstance(n, t.Deriv):
            if n.f is not None:
                visit(n.f)
            return
        if isinstance(n, t.Call) and isinstance(n.fn, t.Sym) and all(
                name_of(a) is not None for a in n.args):
            for a in n.args:     # h(a_j): h is a function of the text's, not a value;
                visit(a)         # α(eˣ − 1) is a product
            return
        if isinstance(n, t.Prime):
            if not isinstance(n.base, t.Sym):
                visit(n.base)    # f': the derivative of a function, not a value
            return
        for c in t.children(n):
            visit(c)

    visit(node)
    return found


def member_number(name: str, base: str) -> int | None:
    """``k`` of ``h_{k}``, the member of the family or sequence ``base`` written with its number
    (``h_{0}``, ``v_{-1}``); None for any other name."""
    inner = name[len(base) + 2:-1] if name.startswith(base + "_{") and name.endswith("}") else ""
    return int(inner) if inner.lstrip("-").isdigit() else None


def numbered_layers(chains: list[list[Any]]) -> frozenset[str]:
    """Names whose number superscripts are layers, not powers (Nielsen's worked example:
    ``a^1 = x``, ``z^2 = w^2 a^1 + b^2``, ``w^3 = (0.5, −0.3)``): a name written with two or
    more numbers up, never without one (bare, or with a subscript alone: β_1, then β_1^1 is
    its power) outside a function's own parameters, and either written with
    ``^1`` (no one writes a first power) or given a matrix or a list of numbers as ``w^2``;
    then every name with a number up, never without one, in one equation with one of them.
    ``chains``: each statement's sides' terms."""
    ups: dict[str, set[int]] = {}
    bare: set[str] = set()
    seeds: set[str] = set()
    for terms in chains:
        first = terms[0].base if terms and isinstance(terms[0], t.Prime) else \
            terms[0] if terms else None
        bound = {a.name for a in first.args if isinstance(a, t.Sym)} \
            if isinstance(first, t.Call) else set()     # f(x) = …, σ'(z) = …: its own x, z
        for term in terms:
            based = {id(n.base) for n in t.walk(term) if isinstance(n, t.Script)}
            # ∇_a C: a names the variable (of any layer), not a value written bare
            based |= {id(x) for n in t.walk(term) if isinstance(n, t.Script) and
                      n.base == t.Sym("\\nabla") and n.sub for x in n.sub}
            for n in t.walk(term):
                if isinstance(n, t.Sym) and id(n) not in based and n.name not in bound:
                    bare.add(n.name)
                if isinstance(n, t.Script) and n.sup is None and isinstance(n.base, t.Sym):
                    bare.add(n.base.name)             # β_1 (then β_1^1 is its power)
                k = _layer_number(n)
                if k is not None:
                    ups.setdefault(n.base.name, set()).add(k)
                    if k == 1:
                        seeds.add(n.base.name)
        if len(terms) == 2 and _layer_number(terms[0]) is not None and \
                isinstance(terms[1], (t.Matrix, t.Paren)) and all(
                    isinstance(x, (t.Num, t.Neg)) for x in t.walk(terms[1])
                    if not isinstance(x, (t.Matrix, t.Paren))):
            seeds.add(terms[0].base.name)
    layered = {b for b in seeds if (len(ups.get(b, ())) >= 2 or ups.get(b) == {1}) and
               b not in bare}
    grown = True
    while grown and layered:
        grown = False
        for terms in chains:
            names = {n.base.name for term in terms for n in t.walk(term)
                     if _layer_number(n) is not None}
            if names & layered:
                new = {b for b in names - layered if b not in bare}
                grown = grown or bool(new)
                layered |= new
    return frozenset(layered)


def _layer_number(n: Any) -> int | None:
    if isinstance(n, t.Script) and isinstance(n.base, t.Sym) and isinstance(n.sup, t.Num) and \
            float(n.sup.value).is_integer() and 1 <= n.sup.value <= 9 and not n.sup.unit and \
            n.base.name not in CONSTANTS and (                # e² is a power of e, ∫_0^1 a bound
                n.base.name.isalpha() or n.base.name in GREEK):
        return int(n.sup.value)
    return None


def as_layers(term: Any, layered: frozenset[str]) -> Any:
    """``term`` with ``a^2`` of a layered name written as the label ``a^{(2)}``."""
    def one(n: Any) -> Any:
        n = t.rebuild(n, one)
        if _layer_number(n) is not None and n.base.name in layered:
            return t.Script(n.base, n.sub, t.Paren((n.sup,), "("))
        return n
    return one(term)


def primed_families(chains: list[list[Any]]) -> frozenset[str]:
    """Letters whose primed members a chain sets equal to something (``g'_t = g_t + λθ_{t−1}``,
    a corrected gradient): g' is a family of its own, not the derivative of g_t. A letter the
    text applies as a function (g(x)), or that names one, is not one."""
    called = {name_of(n.fn) for chain in chains for term in chain for n in t.walk(term)
              if isinstance(n, t.Call)}
    found = {letter for chain in chains if len(chain) > 1 and
             (letter := _primed_member(chain[0])) is not None}
    return frozenset(n for n in found if n not in called and lookup(n) is None)


def _primed_member(n: Any) -> str | None:
    """The letter of a primed member, ``g'_t`` or ``h_v'`` (the prime after the index, as
    the next layer's h′ is written), else None."""
    if isinstance(n, t.Script) and n.sub and isinstance(n.base, t.Prime) and \
            n.base.order == 1 and isinstance(n.base.base, t.Sym):
        return n.base.base.name
    if isinstance(n, t.Prime) and n.order == 1 and isinstance(n.base, t.Script) and \
            n.base.sub and n.base.sup is None and isinstance(n.base.base, t.Sym):
        return n.base.base.name
    return None


def as_primed(term: Any, primed: frozenset[str]) -> Any:
    """``term`` with ``g'_t`` (or ``g_t'``) of a primed family written as the name ``g'`` with
    index t."""
    def one(n: Any) -> Any:
        n = t.rebuild(n, one)
        letter = _primed_member(n)
        if letter is not None and letter in primed:
            inner = n if isinstance(n, t.Script) else n.base
            return t.Script(t.Sym(letter + "'"), inner.sub, inner.sup)
        return n
    return one(term)


_SAMPLE = re.compile(r"([a-z])\^\{(\[[^\]{}]+\])?\([a-z]\)\}")


def sample_of(name: str) -> str | None:
    """``A^{[2]}`` of ``a^{[2](i)}``, ``X`` of ``x^{(i)}``: the matrix whose example the name
    may be (the evaluator reads it so where the text gives it no meaning of its own)."""
    m = _SAMPLE.fullmatch(name)
    if m is None:
        return None
    return m.group(1).upper() + (f"^{{{m.group(2)}}}" if m.group(2) else "")
