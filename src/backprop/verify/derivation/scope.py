"""The scope pass: what every statement of a derivation is, and where every name comes from.

It runs once, between parsing and evaluation. It reads the statements in order and decides,
for each, its *role*:

- ``claim``: a chain ``A = B = C`` whose steps are checked (its first steps may define
  names: ``ŷ = a = σ(z)`` defines ŷ and a);
- ``update``: ``w := w − α dw`` or ``w ← …``, an assignment of an algorithm, not a claim;
- ``model``: ``P(y = 1) = σ(z)``, a statement of the model, not a claim;
- ``condition``: ``Case 1: $i = j$``, ``for $x > 0$``, ``at $x = 0$``: it restricts the
  steps it governs (the steps after a case heading, or the display it follows);
- ``list``: ``for $l = 2, 3$``: a range of values, not a claim.

Every name carries its :class:`Origin`: declared in the front matter, defined on a line,
inferred from its use (shape inference, :mod:`.infer`), or a bound index. A definition is
known from its line on, and within its paragraph before it (``A = σ(Z)``, where
``Z = WX + b``); a name defined again takes the newest definition from its line on, and
each definition's own right side is read where it was written. A name with no origin has
no value: a step that needs it is unreadable, never checked with a guess.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from typing import Any, Callable

from ...errors import BackpropError
from . import tree as t
from .markdown import Piece, Statement
from .parse import Unreadable, parse
from .symbols import Kind, kind_of
from .values import BUILTIN, CHANCE

__all__ = ["Origin", "chance", "Definition", "Side", "Item", "Names", "read", "mentioned_names",
           "index_list", "split_label", "value_names", "script_name", "is_label_sub",
           "CONSTANT_NAMES"]

# Names that are never defined by a learner: constants and notation.
CONSTANT_NAMES = frozenset({"e", r"\pi", "I", r"\partial", r"\nabla", r"\mathbf{1}",
                            r"\mathbb{1}", "d", "D", r"\infty", "1", ";"})
# Of those, the ones a learner may still define as a name of their own (D = 3 inputs).
_DEFINABLE_NOTATION = frozenset({"d", "D", "I"})


@dataclass(frozen=True)
class Origin:
    """Where a name's value comes from: ``how`` is ``declared`` (front matter), ``defined``
    (an equation of the text), ``inferred`` (its kind read from its use), ``index`` (a bound
    or free index) or ``constant`` (a number set in the prose)."""

    how: str
    line: int | None = None
    detail: str = ""

    def describe(self) -> str:
        where = f" on line {self.line}" if self.line else ""
        return f"{self.how}{where}" + (f" ({self.detail})" if self.detail else "")


@dataclass(frozen=True)
class Definition:
    """``name = expr``, with ``params`` for ``l(z,t) = …`` and ``index`` for ``s_i = …`` (a
    vector) or ``J_{ij} = …`` (a matrix); ``line``/``paragraph`` say where it was written
    (its right side is read there)."""

    name: str
    expr: t.Node
    params: tuple[str, ...] = ()
    index: tuple[str, ...] = ()
    size: tuple[int | None, ...] = ()   # the ranges of ``index``, as read where it was defined
    line: int = 0
    paragraph: int = -1
    # a name defined again without the text saying so (no "let", "now", ":="): perhaps a case
    # of the earlier definition rather than a new one
    tentative: bool = False


@dataclass
class Side:
    """One expression of a chain: its text, its tree (or why it could not be read)."""

    piece: Piece
    tree: Any = None
    error: Unreadable | None = None
    text: str = field(init=False)

    def __post_init__(self) -> None:
        self.text = " ".join(self.piece.text.split())


@dataclass
class Item:
    """One statement and what the scope pass made of it."""

    statement: Statement
    sides: list[Side]
    role: str            # claim | update | model | condition | list | remark | declaration
    line: int
    paragraph: int
    # definitions made by the first steps of a claim: (step number, definition)
    defines: list[tuple[int, Definition]] = field(default_factory=list)
    # a first step restating a defined name: (name, the earlier definition's line)
    restates: tuple[str, int] | None = None
    conditions: list[Any] = field(default_factory=list)   # trees that restrict its steps
    note: str = ""                                        # why it is not a claim
    ambiguous: str | None = None     # why its indices cannot be read as the text defined them
    skip_first: bool = False         # its first step names a value in the prose
    statuses: list[tuple[int, str]] = field(default_factory=list)   # (step, status) checked


def split_label(sup: t.Node | None, layers: frozenset[str] = frozenset()
                ) -> tuple[t.Node | None, t.Node | None]:
    """``^{(2)}`` is a label, not a power; ``^{(2)T}`` a label and a transpose; with layer
    letters (Nielsen's ``a^l``, ``w^{l+1}``, ``z^L``), ``^l`` and ``^{l-1}`` are labels too."""
    if isinstance(sup, t.Paren) and sup.bracket in "([" and len(sup.args) == 1:
        return sup, None
    if isinstance(sup, t.Sym) and len(sup.name) > 1 and sup.name.isalpha() and \
            sup.name not in ("top", "T"):
        return sup, None            # \mu^{\text{new}}, W^{old}: a word, never a power
    if isinstance(sup, t.Product) and isinstance(sup.items[0], t.Paren) and \
            sup.items[0].bracket in "([":
        rest = sup.items[1:]
        return sup.items[0], rest[0] if len(rest) == 1 else t.Product(rest)
    if layers and _is_layer(sup, layers):
        return sup, None
    return None, None


def _is_layer(sup: Any, layers: frozenset[str]) -> bool:
    if isinstance(sup, t.Sym):
        return sup.name in layers
    if isinstance(sup, (t.Add, t.Sub)):
        return isinstance(sup.a, t.Sym) and sup.a.name in layers and isinstance(sup.b, t.Num)
    return False


def layer_letters(trees: list[Any], declared: dict[str, Kind]) -> frozenset[str]:
    """Letters written as superscripts of several names, or of indexed names (``a^l_j``,
    ``w^l``, ``z^L``): layer labels, not powers. A letter declared as a number stays a power."""
    bases: dict[str, set[str]] = {}
    indexed: set[str] = set()
    for tree in trees:
        for n in t.walk(tree):
            if not (isinstance(n, t.Script) and isinstance(n.base, t.Sym) and n.sup is not None):
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
        if kind is not None and kind.name != "index":
            continue
        if len(names) >= 2 or letter in indexed:
            out.add(letter)
    return frozenset(out)


def index_list(sub: tuple) -> list[t.Node]:
    """``{kj}`` → [k, j]; ``{k,j}`` → [k, j]; ``{12}`` → [1, 2]."""
    if len(sub) == 1 and isinstance(sub[0], t.Product) and all(
            isinstance(i, (t.Sym, t.Num)) for i in sub[0].items):
        return list(sub[0].items)
    if len(sub) == 1 and isinstance(sub[0], t.Num) and float(sub[0].value).is_integer() and \
            10 <= sub[0].value <= 99:
        return [t.Num(float(d)) for d in str(int(sub[0].value))]
    return list(sub)


def mentioned_names(node: t.Node) -> set[str]:
    """Every name ``node`` may refer to: symbols, and scripted names as written (``x_{1}``,
    ``W^{(2)}``, ``E_{n}``) with their bases."""
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


def is_label_sub(sub: tuple | None) -> bool:
    """``_B``, ``_{out}``, ``_{\\mathcal{B}}``, ``_{\\text{batch}}``: a subscript that names a
    variant (a capital letter, a word, a styled letter), never an index."""
    if sub is None or len(sub) != 1 or not isinstance(sub[0], t.Sym):
        return False
    name = sub[0].name
    return (len(name) == 1 and name.isupper()) or (len(name) > 1 and name.isalpha()) or \
        name.startswith("\\math")


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
    if is_label_sub(n.sub):
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


def value_names(node: t.Node, known: Callable[[str], bool] = lambda name: False,
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
                written = name.count("^") + name.count("_")
                label, rest = split_label(n.sup, layers) if n.sup is not None else (None, None)
                if rest is not None:
                    visit(rest)
                elif n.sup is not None and "^" not in name:
                    visit(n.sup)             # E_{n}^2: a power of the name E_n
                del written
                return
            if isinstance(base, t.Sym):
                numbers = n.sub is not None and all(isinstance(i, t.Num)
                                                    for i in index_list(n.sub))
                if numbers and base.name not in ("log", r"\log") and (
                        any(i.value == 0 for i in index_list(n.sub)) or base.name in BUILTIN):
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
                _name_of(a) is not None for a in n.args):
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


class Names:
    """The declared symbols, the definitions in document order, the inferred inputs, and for
    any line the definitions in force there."""

    def __init__(self, declared: dict[str, Kind]):
        self.declared = declared
        self.declared_on: dict[str, int] = {}      # names declared in the prose: their line
        self.layers: frozenset[str] = frozenset()   # superscript letters that name layers
        self.definitions: dict[str, list[Definition]] = {}
        self.inferred: dict[str, Kind] = {}
        self.inferred_why: dict[str, str] = {}
        # inferred names whose kind the text forces (sizes joined to declared ones, α a number)
        self.inferred_firm: set[str] = set()
        # other forms of defined names that the text states and that hold (e = c·d after
        # e = (a + b)(b + 1), c = a + b, d = b + 1): what ∂e/∂c differentiates
        self.forms: dict[str, list[Definition]] = {}
        # names declared in the prose with sizes the text leaves open (x ∈ ℝ^n): the sizes
        # chosen, in words; a shape that does not fit may rest on them
        self.sized: dict[str, str] = {}
        # values the prose names without saying they govern anything ("we have $a = 2$"):
        # name -> (line, the statement)
        self.remarked: dict[str, tuple[int, str]] = {}
        # names only ever written before parentheses (g(θᵀx)): functions, if anything
        self.called_only: set[str] = set()
        # the text speaks of the normal distribution: an undeclared Φ is its distribution function
        self.standard_normal = False
        # functions the checker knows that the text defines in words ("σ is defined by"): line
        self.redefined: dict[str, int] = {}
        # the text's convention dO = ∂L/∂O: d before a name is L's gradient by it (L, line)
        self.gradient_of: tuple[t.Node, int] | None = None
        # names whose components the text counts from 0 (Σ_{i=0}^{d} θ_i x_i, (w_0, w_1, w_2))
        self.zero_based: set[str] = set()
        self._views: dict[tuple[int, int], dict[str, Definition]] = {}

    def define(self, d: Definition) -> None:
        self.definitions.setdefault(d.name, []).append(d)
        self._views.clear()

    def definitions_changed(self) -> None:
        self._views.clear()

    def defined_before(self, name: str, line: int, paragraph: int) -> Definition | None:
        """The definition of ``name`` in force on ``line`` (without forward references)."""
        found = None
        for d in self.definitions.get(name, ()):
            if d.line <= line:
                found = d
        return found

    def view(self, line: int, paragraph: int) -> dict[str, Definition]:
        """The definitions in force on ``line``: the newest written on or before it, else the
        first written later in the same paragraph."""
        key = (line, paragraph)
        view = self._views.get(key)
        if view is None:
            view = {}
            for name, ds in self.definitions.items():
                chosen = None
                for d in ds:
                    if d.line <= line:
                        chosen = d
                if chosen is None:
                    chosen = next((d for d in ds if d.paragraph == paragraph), None)
                if chosen is not None:
                    view[name] = chosen
            self._views[key] = view
        return view

    def assumptions(self, used: set[str]) -> list[str]:
        """What was inferred for the names the steps used, in words: "x is a vector of 4"."""
        said = [f"{name} is {self.inferred_why.get(name, self.inferred[name].describe())}"
                for name in sorted(self.inferred) if name in used]
        if self.standard_normal and "\\Phi" in used and "\\Phi" not in self.inferred:
            said.append("\\Phi is the standard normal distribution function, "
                        "½(1 + erf(x/√2)) (the text speaks of the normal distribution)")
        return said

    def symbols(self) -> dict[str, Kind]:
        """Declared and inferred symbols: the names whose values are drawn."""
        return {**self.inferred, **self.declared}

    def origin(self, name: str, line: int, paragraph: int) -> Origin | None:
        if name in self.declared:
            return Origin("declared", None, self.declared[name].describe())
        d = self.view(line, paragraph).get(name)
        if d is not None:
            return Origin("defined", d.line)
        if name in self.inferred:
            return Origin("inferred", None, self.inferred_why.get(name, ""))
        return None


# ---- reading the statements ---------------------------------------------------------------

_UPDATE_WORDS = re.compile(r"\b(update|updates|updated|step|iteration|repeat|until|algorithm|"
                           r"descent)\b")
_DEFINE_WORDS = re.compile(r"\b(defin\w*|let|denote\w*|introduce\w*|consider|instead|new|"
                           r"another|other|now use|take|choose|suppose|given by|is given|call\w*|"
                           r"write|set|where|with)\b|:$")
_CASE_VALUE = re.compile(r"\$\s*([A-Za-z])\s*=\s*[-−]?\d+(?:[.,]\d+)?\s*\$")
_CASE = re.compile(r"(^|[^a-z])(case|cases|fall|cas|caso|fall)\s*[0-9ivx]*\s*[:.)]?\s*$|"
                   r"случай\s*[0-9]*\s*[:.]?\s*$|情况\s*[0-9]*\s*[:：]?\s*$")
_BACKWARD = re.compile(r"^(,|\(|\s)*(when|if|for|whenever|provided|with|where|wenn|falls|"
                       r"für|si|quand|pour|cuando|para|per|dla|voor|при|если|для|当)\b")
# "with inputs $x_1 = 2$, $x_2 = 0$, weights $w_1 = -3$": a sentence that sets values
_SETTING = re.compile(r"(?<![A-Za-z])(with|let|given|set|setting|take|taking|assume|assuming|"
                      r"suppose|mit|avec|con|sia|dla|для|при)(?![A-Za-z])")
_CONDITION_CUE = re.compile(r"(?<![A-Za-z])(if|iff|when|whenever|unless|provided( that)?|wenn|"
                            r"falls|si|cuando|quand|se|jeśli|als|если|当)\s*$")
_RIGHT_AFTER = re.compile(r"[\s,(]*(for|when|whenever|if|where|für|wenn|pour|quand|para|cuando|"
                          r"per|se|dla|voor|для|при|если)[\s:]*")
_NAMED_VALUE = "a value named in the prose, not a claim"
_IFF = re.compile(r"(?<![A-Za-z])(iff|if and only if|only if|genau dann, wenn|si et seulement si|"
                  r"si y solo si|тогда и только тогда, когда)\s*$")
_IFF_NOTE = "when a fact of the prose holds, not a claim"
_FORWARD = re.compile(r"(?<![A-Za-z])(when|if|unless|for|whenever|provided|assume|assuming|"
                      r"suppose|given|wenn|falls|für|si|quand|pour|cuando|para|per|dla|voor|при|"
                      r"если|для|当|at|with|mit|avec|con|где|let|set|take|stelle)\s*$")
_SPECIAL = re.compile(r"(special case|case|let|set|setting|take|taking|with|put|putting|"
                      r"choose|choosing|assume|assuming|suppose)\s*$")
_SOLVE = re.compile(r"(equations?|setting (it|this|them|the \w+) (to|equal to) zero|"
                    r"set (it|this|them|the \w+) (to|equal to) zero|solv\w*|stationary|"
                    r"at the (optimum|minimum|maximum)|optimality|уравнени\w*|gleichung\w*|"
                    r"équations?|ecuaci\w*|equazion\w*|equaç\w*|równani\w*|równań|"
                    r"rovnic\w*|vergelijking\w*|denklem\w*|방정식|समीकरण|方程)\W*(\w+\W*){0,3}$")
_DEFINED_BY = re.compile(r"(?<![A-Za-z])(defin\w*|denot\w*|let|given by|is given|défini\w*|"
                         r"definiert|определ\w*|定义|定義|정의)(?![A-Za-z])\W*(\w+\W*){0,3}$",
                         re.IGNORECASE)
# "a common choice is $\log C = -\max_j f_j$": a value the text picks, not an identity
_CHOICE = re.compile(r"(?<![A-Za-z])(choice|choose|chosen|choosing|pick|picking|wählen|wählt|"
                     r"wahl|choix|choisi\w*|elecci\w*|eleg\w*|scelta|scegli\w*|escolh\w*|"
                     r"wyb\w*|выбор|выбира\w*|выбер\w*|选择|選択|선택)(?![A-Za-z])\W*(\w+\W*){0,4}$",
                     re.IGNORECASE)
_CHOSEN = "a value the text chooses, not a claim"
_SOLVING = "an equation to solve, not an identity"
_LIST_GLUE = re.compile(r"^(,|and|und|et|y|и|和|、|\s)*$")
_SUMMARY = re.compile(r"^(combining|together|in summary|in both cases|in all cases|putting|"
                      r"overall|altogether|so|thus|hence|therefore|finally|in general|"
                      r"both cases|these|this gives|zusammen|en résumé|итак|таким образом|"
                      r"объединяя|综上)")


_HEADING_LINE = re.compile(r"^ {0,3}(#{1,6}\s|\*\*[^*]+\*\*|__[^_]+__)")


def _is_number(node: Any) -> bool:
    """A value written with numbers only (``4``, ``3 \\times 11.001``, ``7/3``)."""
    return node is not None and not any(isinstance(n, (t.Sym, t.Deriv, t.BigOp))
                                        for n in t.walk(node))


def _name_of(node: Any) -> str | None:
    if isinstance(node, t.Sym):
        return node.name
    if isinstance(node, t.Script) and isinstance(node.base, t.Sym):
        return t.canon(node)
    return None


def _has_relation_argument(node: Any) -> bool:
    """``P(y = 1)``, ``p(y | x)``: a probability written as a function of an event."""
    return isinstance(node, t.Call) and any(isinstance(a, t.Relation) for a in node.args)


class _Reader:
    """Classifies statements in order and records definitions as it goes."""

    def __init__(self, text: str, names: Names, side: Callable[[Piece], Side],
                 line_of: Callable[[Piece], int]):
        self.text = text
        self.names = names
        self.side = side
        self.line_of = line_of
        self.layer_labels = any(_bare_superscript(k) for k in names.declared)
        self.variables: set[str] = set()     # what the text differentiates by
        self.functions: set[str] = set()     # what it differentiates (∂D/∂q: D)
        self.previous: Item | None = None     # the statement read before
        self.seen: set[str] = set()           # names written in the statements read before
        # lines that start a section: a Markdown heading or a paragraph opening in bold
        self.headings = [k + 1 for k, ln in enumerate(text.split("\n"))
                         if _HEADING_LINE.match(ln)]

    def _indices(self, node: Any) -> bool:
        """Index letters and numbers only, none of them a value the text differentiates or
        by which it differentiates (∂D/∂q: q is a value, "at $q = p$" is not on indices)."""
        return _only_indices(node, self.names) and not any(
            isinstance(n, t.Sym) and (n.name in self.variables or n.name in self.functions or
                                      n.name in self.names.definitions)
            for n in t.walk(node))

    # -- names that may be defined ---------------------------------------------------------
    def _taken(self, name: str, line: int) -> bool:
        return name in self.names.declared or self.names.defined_before(name, line, -1) \
            is not None

    def _definable(self, name: str) -> bool:
        return name not in BUILTIN and (name not in CONSTANT_NAMES or
                                        name in _DEFINABLE_NOTATION) and \
            not name.replace("\\", "").isdigit() and name not in self.names.declared

    def definition(self, left: Side, right: Side, line: int, paragraph: int,
                   forced: bool) -> tuple[Definition | None, str | None]:
        """(the definition ``left = right`` makes, or None; the name it restates if the
        name was already defined)."""
        node, expr = left.tree, right.tree
        if node is None or expr is None:
            return None, None
        name = t.canon(node)
        base = node.base.name if isinstance(node, t.Script) and isinstance(node.base, t.Sym) \
            else None
        if (name in mentioned_names(expr) or base is not None and node.sup is None and
                not is_label_sub(node.sub) and base in mentioned_names(expr) and
                base not in self.names.definitions) and not isinstance(node, t.Call):
            return None, None  # x = x + 0, L = L, g_i = g: a claim about the name
        candidate = self._candidate(node, expr, line, paragraph)
        if candidate is None:
            return None, None
        if self.names.defined_before(candidate.name, line, paragraph) is not None and \
                not forced:
            return candidate, candidate.name
        return candidate, None

    def _candidate(self, node: Any, expr: Any, line: int, paragraph: int) -> Definition | None:
        def make(name: str, **kw: Any) -> Definition | None:
            if name == "e" and mentioned_names(expr) - CONSTANT_NAMES and \
                    name not in self.names.declared:
                # "the expression $e = (a+b)*(b+1)$": a node named e, not Euler's number
                return Definition(name, expr, line=line, paragraph=paragraph, **kw)
            if not self._definable(name):
                return None
            return Definition(name, expr, line=line, paragraph=paragraph, **kw)

        if isinstance(node, t.Sym):
            if node.name in BUILTIN and _is_number(expr) and node.name not in CONSTANT_NAMES \
                    and node.name not in self.names.declared:
                # "where $\zeta = 0$", "with $\sigma = 0.5$": a number of the text's, not
                # the function of that name
                return Definition(node.name, expr, line=line, paragraph=paragraph)
            return make(node.name)
        if isinstance(node, t.Script) and isinstance(node.base, t.Sym):
            base = node.base.name
            full = t.canon(node)
            if base in BUILTIN:
                # σ_B = …, σ_B^2 = …, σ^2 = …: a labelled name, a variance; σ(x) written
                # σ_i = … is not a definition
                square = isinstance(node.sup, t.Num) and node.sup.value == 2
                label, rest = split_label(node.sup, self.names.layers)
                if (node.sup is None or square) and _is_label(node.sub) or \
                        square and node.sub is None or \
                        label is not None and rest is None and node.sub is None:
                    return make(full)          # σ^l, σ^{(2)}: a layer's own σ
                return None
            if node.sup is not None and node.sub is None:
                label, rest = split_label(node.sup, self.names.layers)
                if label is not None and rest is None:
                    return make(full)              # W^{(2)} = …, Z^{[1]} = …, a^l = …
                if _bare_superscript(full) and (self.layer_labels or full in
                                               self.names.definitions):
                    return make(full)              # z^2 = … where w^2 is a declared layer name
                if isinstance(node.sup, t.Sym) and node.sup.name in ("*", "+", "-"):
                    return make(full)              # k^* = …
                return None                        # x^2 = …, e^{…} = …: a claim
            if node.sub is not None:
                letters = index_list(node.sub)
                if base in self.names.declared and all(
                        isinstance(i, t.Sym) and not is_label_sub((i,)) for i in letters):
                    return None                    # x_k = … with x declared: a claim

                sup_ok = node.sup is None or split_label(node.sup, self.names.layers) == \
                    (node.sup, None)
                if all(isinstance(i, t.Sym) and len(i.name) == 1 and i.name.islower()
                       and i.name not in self.names.declared or
                       isinstance(i, t.Sym) and self.names.declared.get(i.name) is not None
                       and self.names.declared[i.name].name == "index"
                       for i in letters) and len(letters) in (1, 2) and sup_ok and \
                        all(_uses_index(expr, i.name, self.names) for i in letters):
                    head = base if node.sup is None else t.canon(t.Script(node.base, None,
                                                                          node.sup))
                    if head in self.names.declared:
                        return None                # x_i = … with x declared: a claim
                    return make(head, index=tuple(i.name for i in letters))   # s_i = …
                head = base if node.sup is None else t.canon(t.Script(node.base, None,
                                                                      node.sup))
                family = [d for d in self.names.definitions.get(head, ())
                          if len(d.index) == len(letters)]
                if family and all(isinstance(i, t.Sym) for i in letters) and \
                        tuple(i.name for i in letters) == family[-1].index:
                    # avg_t = (1 − β^t) g after avg_t = (1 − β) Σ_i β^{t−i} g_i: the same
                    # family, restated (not a new name avg_{t})
                    return make(head, index=family[-1].index)
                if node.sup is None or sup_ok:
                    return make(full)              # h_1 = …, W_{out} = …, E_n = …
            return None
        if isinstance(node, t.Product) and len(node.items) == 2 and \
                isinstance(node.items[0], t.Sym) and node.items[0].name == "d":
            return make("d" + t.canon(node.items[1]))   # dZ^{[2]} = …
        if isinstance(node, t.Product) and len(node.items) == 2 and \
                all(isinstance(i, t.Sym) for i in node.items) and \
                len(node.items[0].name) > 1 and node.items[0].name.isalpha() and \
                node.items[0].name not in BUILTIN and \
                node.items[0].name not in mentioned_names(expr):
            # \operatorname{sh} z = …: a function of the text's, applied without parentheses
            return make(node.items[0].name, params=(node.items[1].name,))
        if isinstance(node, t.Call) and isinstance(node.fn, t.Sym) and node.args and \
                all(isinstance(a, t.Sym) for a in node.args) and len(node.fn.name) <= 20:
            params = tuple(a.name for a in node.args if a.name != ";")   # f(x; W): x and W
            if len(set(params)) != len(params) or node.fn.name in mentioned_names(expr):
                return None
            if node.fn.name in BUILTIN:
                # elu(x) = … α(eˣ − 1): a family with a parameter of the learner's, defined
                # here; σ(x) = 1/(1 + e^{−x}) states the rule's formula: a claim
                others = value_names(expr) - set(params) - set(BUILTIN) - CONSTANT_NAMES - \
                    set(self.names.definitions)
                if not others:
                    return None
                return Definition(node.fn.name, expr, params=params, line=line,
                                  paragraph=paragraph)
            return make(node.fn.name, params=params)
        if isinstance(node, t.Call) and isinstance(node.fn, t.Script) and \
                isinstance(node.fn.base, t.Sym) and node.args and \
                all(isinstance(a, t.Sym) for a in node.args):
            name = t.canon(node.fn)                # \tilde J(w) = …, f_W(x) = …
            return make(name, params=tuple(a.name for a in node.args))
        return None

    def new_meaning(self, old: Definition, new: Definition, line: int) -> bool:
        """Whether a second definition of a name gives it a new meaning rather than restating
        the first: another form (indexed by other letters, a function instead of a value) or a
        new section of the text between them."""
        if old.index and new.index and old.index != new.index or \
                bool(old.params) != bool(new.params):
            return True          # y_n = σ(a_n), later y_k = softmax_k: another y
        return any(old.line < h <= line for h in self.headings)

    def function_definition(self, call: Side, value: Side, line: int,
                            paragraph: int) -> Definition | None:
        """``h(a_j) = \\tanh(a_j)`` inside a chain, with h neither declared nor defined: the
        definition of the function h (its parameter is the argument as written)."""
        node, expr = call.tree, value.tree
        if not (isinstance(node, t.Call) and _name_of(node.fn) is not None and node.args and
                expr is not None):
            return None
        name = _name_of(node.fn)
        if name in BUILTIN or name in CONSTANT_NAMES or name in self.names.declared or \
                name in self.names.definitions or name in mentioned_names(expr):
            return None
        params = []
        for a in node.args:
            written = _name_of(a)
            if written is None or written == ";":
                return None
            params.append(written)
        if len(set(params)) != len(params):
            return None
        return Definition(name, expr, params=tuple(params), line=line, paragraph=paragraph)

    def _prose_before(self, offset: int) -> str:
        """The words just before ``offset`` (a display's own paragraph has none of its own):
        the last 200 characters, math and LaTeX delimiters removed, lower case."""
        text = self.text[max(0, offset - 200):offset]
        text = re.sub(r"\$\$|\\\[|\\begin\{\w+\*?\}", " ", text)
        text = re.sub(r"\$[^$]*\$", " ", text)
        return " ".join(text.split()).lower().rstrip(" :")

    # -- roles -----------------------------------------------------------------------------
    def item(self, st: Statement) -> Item:
        sides = [self.side(p) for p in st.pieces]
        line = self.line_of(st.pieces[-1] if st.continues else st.pieces[1])
        item = Item(st, sides, "claim", line, st.paragraph)
        first, second = (sides[0], sides[1]) if len(sides) > 1 else (sides[0], None)
        if "←" in st.relations:
            target = _name_of(first.tree)
            if st.relations[0] == "←" and set(st.relations[1:]) <= {"=", "≡"} and \
                    second is not None and target is not None and second.tree is not None \
                    and not _updates(first.tree, second.tree):
                # μ_B ← (1/m) Σ x_i in an algorithm: an assignment, read as μ_B := …
                st = dataclasses.replace(st, relations=(":=",) + st.relations[1:])
                item = Item(st, sides, "claim", line, st.paragraph)
            else:
                item.role, item.note = "update", "an update of an algorithm, not a claim"
                return item
        if st.relations == ("∈",):
            item.role, item.note = "declaration", "says what the names are"
            return item
        if "=!" in st.relations:         # ∇L \stackrel{!}{=} 0
            item.role, item.note = "remark", _SOLVING
            return item
        defined = _builtin_defined(first.tree, self.names)
        if defined is not None and second is not None and _DEFINED_BY.search(
                st.before or self._prose_before(st.pieces[0].offset)):
            # "the softmax σ is defined by σ(z)_i = …": the text's σ, maybe not the library's
            self.names.redefined.setdefault(defined, line)
        if _iteration(first.tree, sides[1:], self.names):
            item.role, item.note = "update", "an iteration of an algorithm (the next value " \
                "from the last), not a claim"
            return item
        if st.listed:
            item.role, item.note = "list", "a range of values, not a claim"
            return item
        if st.relations and st.relations[0] in ("≠", "<", ">", "≤", "≥"):
            on_indices = self._indices(first.tree) and self._indices(
                second.tree) if second is not None else False
            if on_indices or _FORWARD.search(st.before) or _CASE.search(st.before) or \
                    _BACKWARD.search(st.before or ","):
                item.role, item.note = "condition", "a condition for the steps around it"
            else:      # "(above the threshold, $\beta x > 20$, …)": a remark
                item.role, item.note = "remark", "a relation named in the prose, not a claim"
            return item
        if st.relations and st.relations[0] == ":=" and second is not None and \
                first.tree is not None and second.tree is not None and \
                t.canon(first.tree) in mentioned_names(second.tree):
            item.role, item.note = "update", "an update of an algorithm, not a claim"
            return item
        if first.tree is not None and _has_relation_argument(first.tree):
            item.role, item.note = "model", "a statement of the model, not a claim"
            return item
        if any(isinstance(sd.tree, t.Paren) and sd.tree.bracket == "{" and len(sd.tree.args) > 1
               for sd in sides):
            item.role, item.note = "remark", "a set, not a claim"
            return item
        if _CHOICE.search(st.before) and not st.continues and _name_of(first.tree) is None:
            item.role, item.note = "remark", _CHOSEN
            return item
        solving = self.previous is not None and self.previous.note == _SOLVING and \
            self.previous.statement.block == st.block and st.implied
        if (_SOLVE.search(st.before) or solving) and not st.continues:
            # "setting it to zero gives the normal equations $X^T X W = X^T Y$": an equation
            # to solve at one point, not an identity
            item.role, item.note = "remark", _SOLVING
            return item
        if st.inline and second is not None and len(sides) == 2 and not st.continues:
            role = self._inline_role(st, first, second)
            if role is not None:
                item.role, item.note = role
        elif st.inline and second is not None and not st.continues and \
                _name_of(first.tree) in self.names.definitions and _is_number(second.tree):
            item.skip_first = True    # "(if v becomes 11.001, $J = 3 × 11.001 = 33.003$)"
        return item

    def _inline_role(self, st: Statement, left: Side, right: Side) -> tuple[str, str] | None:
        """``Case 1: $i = j$``, ``for $l = 2, 3$``, ``at $x = 0$``: not claims."""
        a, b = left.tree, right.tree
        if a is None or b is None:
            return None
        if _IFF.search(st.before) or (
                self.previous is not None and self.previous.note == _IFF_NOTE and
                self.previous.paragraph == st.paragraph and _LIST_GLUE.match(st.before)):
            return "remark", _IFF_NOTE   # "zero iff $\mu_1 = \mu_2$ and $\sigma_1 = \sigma_2$"
        if st.after.startswith(",") and _is_number(b) and re.match(r"^,\s*(\d|\\dots|…)",
                                                                 st.after):
            return "list", "a list of values, not a claim"
        if self._indices(a) and self._indices(b) and not (
                _is_number(a) or _is_number(b)):
            return "condition", "a condition on the indices"    # i = j, i + k = j
        name = _name_of(a)
        kind = self.names.declared.get(name) if name is not None else None
        if kind is not None and kind.name not in ("constant", "index") and \
                not kind.is_function and not _is_number(b):
            # "the special case $B = I$", "with $x = y$": a declared variable given a value
            if _FORWARD.search(st.before) or _CASE.search(st.before) or \
                    _SPECIAL.search(st.before):
                return "condition", "a value at which the steps around it are read"
            return "remark", _NAMED_VALUE
        if name is not None and _name_of(b) is not None and (
                _FORWARD.search(st.before) or _CASE.search(st.before)):
            return "condition", "a value at which the steps around it are read"  # iff μ_1 = μ_2
        if name is not None and _name_of(b) is not None and (
                name in self.variables or name in self.functions) and name in self.seen:
            # "at the point $q = p$" with ∂/∂q written before: a point, not a definition
            return "remark", _NAMED_VALUE
        if name is None and _CONDITION_CUE.search(st.before):
            # "only lands on $x^*$ if $\eta A = I$": a condition in a sentence
            return "remark", "a condition named in the prose, not a claim"
        if name is None or not _is_number(b):
            return None
        base = a.base.name if isinstance(a, t.Script) and isinstance(a.base, t.Sym) else name
        cue = bool(_FORWARD.search(st.before) or _CASE.search(st.before)) or (
            self.previous is not None and self.previous.role == "condition" and
            self.previous.paragraph == st.paragraph and _LIST_GLUE.match(st.before)) or \
            bool(_SETTING.search(st.sentence))
        kind = self.names.declared.get(name) or self.names.declared.get(base)
        if kind is not None and kind.name not in ("constant",) and not kind.is_function:
            if cue or _BACKWARD.search(st.before or ","):
                return "condition", "a value at which the steps around it are read"
            return "remark", _NAMED_VALUE
        if name in self.names.definitions or base in self.names.definitions:
            # "return $\bar x = 0$", "never $s_k = 0$": a value in a sentence, not a claim
            return "remark", _NAMED_VALUE
        if isinstance(a, t.Script) and a.sub is not None and a.sup is None and all(
                isinstance(i, t.Sym) and len(i.name) == 1 and i.name.islower()
                for i in index_list(a.sub)):
            # "at $w_j = 0$": a value of a component, not a definition of a family
            return ("condition", "a value at which the steps around it are read") if cue \
                else ("remark", _NAMED_VALUE)
        if name in self.variables:
            # "at the point $x = 0$": x is a variable the text differentiates by; a line of
            # values on its own ("$a = 2.0$, $b = -3.0$") sets the point too
            cue = cue or not st.before.strip(" ,;:")
            return ("condition", "a value at which the steps around it are read") if cue \
                else ("remark", _NAMED_VALUE)
        if name in self.functions and name in self.seen:
            # "there $D_{KL} = 0$" after ∂D_{KL}/∂q: its value at a point, not a definition
            return ("condition", "a value at which the steps around it are read") if cue \
                else ("remark", _NAMED_VALUE)
        if name in self.seen and cue:
            # "for $y = 1$" after $P(y) = …$: a value of a name the text has been using
            return "condition", "a value at which the steps around it are read"
        return None          # L = 5 with L new: a constant, defined here


def _uses_index(expr: Any, letter: str, names: Names) -> bool:
    """Whether ``letter`` indexes something in ``expr`` (``s_i = e^{z_i}/…`` defines a vector
    over i; ``L_i = −log p_{y_i}`` with ``y_i`` a declared name is the loss of sample i)."""
    for n in t.walk(expr):
        if isinstance(n, t.Sym) and n.name == letter:
            pass
        elif isinstance(n, t.Script) and n.sub is not None and \
                t.canon(n) not in names.declared and t.canon(t.Script(n.base, n.sub, None)) \
                not in names.declared:
            if any(isinstance(i, t.Sym) and i.name == letter for i in index_list(n.sub)):
                return True
        elif isinstance(n, t.BigOp) and n.sup is not None and \
                letter in {x.name for x in t.walk(n.sup) if isinstance(x, t.Sym)}:
            return True
    return False


def _bare_superscript(name: str) -> bool:
    """``w^{2}``, ``a^{l}``: a name with a plain number or one letter as superscript."""
    return bool(re.fullmatch(r"[^\^_]+\^\{([0-9]+|[a-zA-Z])\}", name))


def _is_label(sub: tuple | None) -> bool:
    """``_B``, ``_{\\text{batch}}``, ``_{\\mathcal{B}}``: a subscript naming a variant (one capital
    letter, a word, a styled letter)."""
    if sub is None or len(sub) != 1 or not isinstance(sub[0], t.Sym):
        return False
    name = sub[0].name
    return (len(name) == 1 and name.isupper()) or (len(name) > 1 and name.isalpha()) or \
        name.startswith("\\math")


def _only_indices(node: Any, names: Names) -> bool:
    """Index letters and numbers only (``i``, ``j - k``, ``i + 1``)."""
    return node is not None and all(
        _is_index_like(n, names) for n in t.walk(node) if isinstance(n, t.Sym)) and all(
        isinstance(n, (t.Sym, t.Num, t.Add, t.Sub, t.Neg)) for n in t.walk(node))


def _is_index_like(node: Any, names: Names) -> bool:
    if isinstance(node, t.Sym) and len(node.name) == 1 and node.name.islower():
        kind = names.declared.get(node.name)
        return kind is None or kind.name == "index"
    return False


def read(text: str, statements: list[Statement], names: Names,
         side: Callable[[Piece], Side], line_of: Callable[[Piece], int]) -> list[Item]:
    """The items of a document, in order, with their definitions recorded in ``names``."""
    names.layers = layer_letters([side(p).tree for st in statements for p in st.pieces
                                  if side(p).tree is not None], names.declared)
    reader = _Reader(text, names, side, line_of)
    for st in statements:
        for p in st.pieces:
            tree = side(p).tree
            if tree is not None:
                reader.variables |= {t.canon(n.var) for n in t.walk(tree)
                                     if isinstance(n, t.Deriv)}
                reader.functions |= {t.canon(n.f) for n in t.walk(tree)
                                     if isinstance(n, t.Deriv) and n.f is not None}
    items: list[Item] = []
    previous: Item | None = None     # the last display chain: what "= …" continues
    for st in statements:
        if st.continues:
            if previous is None or previous.role != "claim":
                continue
            sides = [previous.sides[-1]] + [side(p) for p in st.pieces]
            st = Statement((previous.statement.pieces[-1],) + st.pieces, True, st.relations,
                           st.condition, st.inline, st.block, st.paragraph, st.before,
                           st.after)
            item = Item(st, sides, "claim", line_of(st.pieces[1]), st.paragraph)
        else:
            item = reader.item(st)
            if item.role == "claim":
                _gradient_names(item, names, items)
                _define(reader, item, names)
        items.append(item)
        reader.previous = item
        if item.role == "remark" and item.note == _NAMED_VALUE and len(item.sides) == 2 and \
                st.relations == ("=",) and _name_of(item.sides[0].tree) is not None:
            names.remarked.setdefault(_name_of(item.sides[0].tree) or "", (
                item.line, f"{item.sides[0].text} = {item.sides[1].text}"))
        reader.seen |= {n for sd in item.sides if sd.tree is not None
                        for n in mentioned_names(sd.tree)}
        if not st.inline or st.continues:
            previous = item
    _declarations(items, names)
    _attach_conditions(items, names, reader.headings)
    names.called_only = _called_only(items)
    names.zero_based = _zero_based(items)
    if r"\sigma" not in names.declared:
        for line in _sigma_described(text):
            names.redefined.setdefault(r"\sigma", line)
    return items


_SIGMA_ALONE = re.compile(r"\$\s*\\sigma\s*(\(\s*\\cdot\s*\))?\s*\$")
_OTHER_FUNCTION = re.compile(
    r"softmax|relu|tanh|activation|nonlinear|non-linear|any (differentiable )?function|"
    r"arbitrary|aktivierung|activación|activation|attivazione|ativação|aktywac|активац|"
    r"激活|活性化|활성", re.IGNORECASE)
_SIGMOID = re.compile(r"sigmoid|logisti|сигмоид|シグモイド|시그모이드", re.IGNORECASE)


def _sigma_described(text: str) -> list[int]:
    """The lines of sentences that say in words what ``$\\sigma$`` is, as something other than
    the sigmoid ("where $\\sigma$ is the softmax", "$\\sigma$ an activation function")."""
    lines = []
    for m in re.finditer(r"[^.!?\n]*(?:\n(?!\n)[^.!?\n]*)*", text):
        sentence = m.group()
        sigma = _SIGMA_ALONE.search(sentence)
        if sigma and _OTHER_FUNCTION.search(sentence) and not _SIGMOID.search(sentence):
            lines.append(text.count("\n", 0, m.start() + sigma.start()) + 1)
    return lines


def _builtin_defined(first: t.Node | None, names: Names) -> str | None:
    """``σ(z)_i`` or ``σ(z)`` on the left with σ a function the checker knows and the text
    neither declares nor defines: its name."""
    call = first.base if isinstance(first, t.Script) else first
    if isinstance(call, t.Call) and isinstance(call.fn, t.Sym) and call.fn.name in BUILTIN \
            and call.fn.name not in names.declared and call.fn.name not in names.definitions:
        return call.fn.name
    return None


def _iteration(first: t.Node | None, rest: list[Side], names: Names) -> bool:
    """``w_{k+1} = w_k - \\eta \\nabla L(w_k)`` with w a declared vector: the next iterate
    from the last (w_k is not w's component k), an algorithm's step rather than a claim."""
    if not (isinstance(first, t.Script) and isinstance(first.base, t.Sym) and first.sub and
            len(first.sub) == 1 and first.sup is None):
        return False
    step = first.sub[0]
    if not (isinstance(step, t.Add) and isinstance(step.a, t.Sym) and
            isinstance(step.b, t.Num) and step.b.value == 1):
        return False
    name = first.base.name
    if name not in names.declared or not names.declared[name].shape:
        return False
    return any(isinstance(n, t.Script) and isinstance(n.base, t.Sym) and n.base.name == name
               and n.sub == (step.a,) for side in rest if side.tree is not None
               for n in t.walk(side.tree))


def _readable(text: str) -> bool:
    try:
        parse(text)
    except Unreadable:
        return False
    return True


def _differentiated(node: t.Node | None) -> t.Node | None:
    """``O`` of ``dO``, ``W^{[1]}`` of ``dW^{[1]}``, ``S_{ij}`` of ``dS_{ij}``: what a name
    written with a leading d is the differential of."""
    if isinstance(node, t.Product) and len(node.items) == 2 and isinstance(
            node.items[0], t.Sym) and node.items[0].name == "d" and isinstance(
            node.items[1], (t.Sym, t.Script)):
        x = node.items[1]
        base = x.base if isinstance(x, t.Script) else x
        if isinstance(base, t.Sym) and len(base.name) == 1 or base.name.startswith("\\"):
            return x
    return None


def _gradient_names(item: Item, names: Names, before: list[Item]) -> None:
    """Once the text states its convention, ``dO = \\partial L/\\partial O`` (the
    gradient arriving from above), ``dV = P^T dO`` claims ∂L/∂V = Pᵀ dO, and dV stands for
    ∂L/∂V from there on. Without such a statement ``dV = …`` defines a name of its own."""
    if len(item.sides) < 2:
        return
    x = _differentiated(item.sides[0].tree)
    if x is None:
        return
    value = item.sides[1].tree
    if isinstance(value, t.Deriv):
        if value.order == 1 and value.f is not None and t.canon(value.var) == t.canon(x) \
                and len(item.sides) == 2 and names.gradient_of is None:
            names.gradient_of = (value.f, item.line)
        return
    if names.gradient_of is None or names.gradient_of[1] >= item.line:
        return
    f = names.gradient_of[0]
    whole = x.base if isinstance(x, t.Script) and x.sub is not None and x.sup is None else x
    name = "d" + t.canon(whole)
    said = {t.canon(parse(w.strip())) for it in before if it.role == "declaration"
            for w in re.split(r",(?![^{]*\})", it.sides[0].text) if _readable(w.strip())}
    if name in names.declared or not (t.canon(whole) in names.definitions or
                                      t.canon(whole) in names.declared or t.canon(whole) in said):
        return       # dX of a name the text neither defines nor declares: left as written
    side = Side(item.sides[0].piece, t.Deriv(f, x, 1))
    side.text = item.sides[0].text
    item.sides[0] = side
    names.define(Definition(name, t.Deriv(f, whole, 1), line=item.line,
                            paragraph=item.paragraph))


def _log_definition(reader: _Reader, item: Item, names: Names) -> bool:
    """``\\log s_i = z_i - \\log\\sum_k e^{z_k}`` with s neither declared nor defined: the
    text defines s through its logarithm, s_i = exp(…). Whether it did."""
    first, value = item.sides[0], item.sides[1]
    node = first.tree
    logs = (r"\log", r"\ln", "log", "ln")
    if isinstance(node, t.Call) and isinstance(node.fn, t.Sym) and node.fn.name in logs and \
            len(node.args) == 1:
        x = node.args[0]                                    # \log(s_i)
    elif isinstance(node, t.Product) and len(node.items) == 2 and isinstance(
            node.items[0], t.Sym) and node.items[0].name in logs:
        x = node.items[1]                                   # \log s_i
    else:
        return False
    if not isinstance(x, (t.Sym, t.Script)) or value.tree is None:
        return False
    head = t.canon(x.base) if isinstance(x, t.Script) else t.canon(x)
    if any(n in names.declared or n in names.definitions for n in (t.canon(x), head)):
        return False
    left, right = Side(first.piece, x), Side(value.piece, t.Call(t.Sym(r"\exp"), (value.tree,)))
    d, restated = reader.definition(left, right, item.line, item.paragraph, False)
    if d is None or restated is not None:
        return False
    names.define(d)
    item.defines.append((0, d))
    return True


def _define(reader: _Reader, item: Item, names: Names) -> None:
    """The definitions the first steps of a claim make (``ŷ = a = σ(z)``: two; ``z_j =
    h(a_j) = \\tanh(a_j)``: z_j, and the function h)."""
    st = item.statement
    for k in range(1, len(item.sides) - 1):
        if _same_name_called(item.sides[k - 1].tree, item.sides[k].tree):
            continue                        # f = f(x; W) = Wx: f is a value, read below
        value = item.sides[k + 1]
        if chance(value.tree, names) and k + 2 < len(item.sides):
            value = item.sides[k + 2]       # GELU(x) = x P(X ≤ x) = x Φ(x): GELU is x Φ(x)
        d = reader.function_definition(item.sides[k], value, item.line, item.paragraph)
        if d is not None:
            names.define(d)
            item.defines.append((k, d))
    if not item.defines and _log_definition(reader, item, names):
        return
    for k in range(len(item.sides) - 1):
        if any(j == k for j, _ in item.defines):
            break
        forced = k < len(st.relations) and st.relations[k] in (":=", "≡")
        target = item.sides[k + 1]
        if _same_name_called(item.sides[k].tree, target.tree) and k + 2 < len(item.sides):
            target = item.sides[k + 2]      # f = f(x; W) = Wx: f is Wx
        by_chance = bool(chance(target.tree, names)) and k + 2 < len(item.sides)
        if by_chance:
            target = item.sides[k + 2]      # GELU(x) = x P(X ≤ x) = x Φ(x): GELU is x Φ(x)
        d, restated = reader.definition(item.sides[k], target, item.line, item.paragraph,
                                        forced)
        if d is None:
            break
        if restated is not None:
            previous_def = names.defined_before(restated, item.line, item.paragraph)
            # "for $q = softmax(z/T)$": a new setting of the name in a sentence, not a claim
            said = forced or bool(_DEFINE_WORDS.search(st.before.rstrip(" :"))) or \
                st.inline and bool(_FORWARD.search(st.before))
            # L = ½(−0.1135 − 1)² after L = ½(y − t)²: the value at the example's numbers,
            # a claim about the earlier definition, unless the text says it defines anew
            numeric = previous_def is not None and not previous_def.params and not (
                value_names(d.expr) - CONSTANT_NAMES - set(BUILTIN)) and all(
                n in names.definitions or n in CONSTANT_NAMES or n in BUILTIN
                for n in value_names(previous_def.expr))   # its value known from the text
            redefine = said or bool(_DEFINE_WORDS.search(st.before)) or (
                previous_def is not None and not numeric and
                reader.new_meaning(previous_def, d, item.line))
            item.restates = (restated, previous_def.line if previous_def else 0)
            if not redefine:
                break            # checked as a claim against the earlier definition
            start = st.pieces[0].offset
            lead = re.split(r"[.!?]\s|\n\s*\n", reader.text[max(0, start - 160):start])[-1]
            cases = {m.group(1) for m in _CASE_VALUE.finditer(st.sentence or lead)}
            if not said and previous_def is not None and \
                    cases & mentioned_names(previous_def.expr):
                # "(y = 1): L = ½‖u − v‖²" after L = y/2 d² + …: L in the case y = 1, perhaps
                d = dataclasses.replace(d, tentative=True)
        names.define(d)
        item.defines.append((k, d))
        if target is not item.sides[k + 1]:
            if not by_chance:               # x P(X ≤ x) = x Φ(x) stays a claim (unread)
                item.defines.append((k + 1, d))
            break
        if _name_of(item.sides[k + 1].tree) is None:
            break                # ŷ = a = σ(z), m_0 = v_0 = 0: names, then the expression


_FORMS = (("spd", re.compile(r"positive[- ]definite|\bspd\b|positiv definit|définie positive|"
                             r"definida positiva|definita positiva|положительно определ|正定",
                             re.I)),
          ("symmetric", re.compile(r"symmetric|symmetrisch|sim[ée]trica|symétrique|simmetrica|"
                                   r"symmetryczn|simetrik|symmetrisch|симметричн|对称|対称|대칭",
                                   re.I)))
_INLINE_NAME = re.compile(r"(?<!\$)\$([^$\n]{1,40})\$(?!\$)")


def matrix_forms(text: str) -> dict[str, str]:
    """The matrices the prose calls symmetric or positive definite ("with $A$ symmetric
    positive definite", "a symmetric matrix $H$"), by name: the words within the clause
    around the name."""
    forms: dict[str, str] = {}
    for m in _INLINE_NAME.finditer(text):
        try:
            node = parse(m.group(1))
        except Unreadable:
            continue
        if not isinstance(node, (t.Sym, t.Script)):
            continue
        before = re.split(r"[.;:,(]\s", text[max(0, m.start() - 40):m.start()])[-1]
        after = re.split(r"[.;:,)]\s|\$", text[m.end():m.end() + 40])[0]
        for form, words in _FORMS:
            if words.search(before + " " + after):
                forms.setdefault(t.canon(node), form)
                break
    return forms


def _updates(target: Any, expr: Any) -> bool:
    """Whether ``target ← expr`` updates the target (θ ← θ − η g, m_t ← β m_{t−1} + …):
    its name, or its letter, is on the right."""
    found = mentioned_names(expr)
    if t.canon(target) in found:
        return True
    return isinstance(target, t.Script) and isinstance(target.base, t.Sym) and \
        target.base.name in found


def _called_only(items: list[Item]) -> set[str]:
    """The names the text writes only before parentheses, never as a value of their own."""
    called: set[str] = set()
    plain: set[str] = set()
    base: dict[str, str] = {}
    for item in items:
        for side in item.sides:
            if side.tree is None:
                continue
            fns = {id(n.fn) for n in t.walk(side.tree) if isinstance(n, t.Call)}
            for n in t.walk(side.tree):
                if isinstance(n, (t.Sym, t.Script)):
                    (called if id(n) in fns else plain).add(t.canon(n))
                    if isinstance(n, t.Script) and id(n) in fns:   # Xᵀ(…): X's own use counts
                        base[t.canon(n)] = t.canon(n.base)
    return {c for c in called - plain if base.get(c) not in plain}


def chance(tree: t.Node | None, names: Names) -> set[str]:
    """The expectations and probabilities of events ``tree`` takes (``𝔼[X]``,
    ``\\operatorname{Var}(X)``, ``P(X \\le x)``), which the checker does not evaluate: their
    operators' names (none that the text declares or defines)."""
    def free(name: str) -> bool:
        return name not in names.declared and name not in names.definitions
    if tree is None:
        return set()
    return {n.name for n in t.walk(tree) if isinstance(n, t.Sym) and n.name in CHANCE and
            free(n.name)} | {"P" for n in t.walk(tree) if isinstance(n, t.Call) and isinstance(
                n.fn, t.Sym) and n.fn.name == "P" and free("P") and
                any(isinstance(a, t.Relation) for a in n.args)}


def _zero_based(items: list[Item]) -> set[str]:
    """The names whose components the text counts from 0: a sum or product from 0 over an
    index that is the name's subscript (``\\sum_{i=0}^{d} \\theta_i x_i``), a list of its
    components that starts at 0 (``(x_0, \\ldots, x_{N-1})``, ``(w_0, w_1, w_2)``), or a value
    given as a list (``w = [2, -3, -3]``) with ``w_0`` written."""
    found: set[str] = set()

    def zero(node: t.Node) -> bool:
        return isinstance(node, t.Num) and node.value == 0

    def subscripted(node: t.Node, test: Callable[[t.Node], bool]) -> str | None:
        if isinstance(node, t.Script) and isinstance(node.base, t.Sym) and node.sub and \
                len(node.sub) == 1 and test(node.sub[0]):
            return node.base.name
        return None

    listed: set[str] = set()        # x = [-1, -2]
    counted_from_0: set[str] = set()  # x_0 written anywhere
    for item in items:
        trees = [side.tree for side in item.sides]
        if len(trees) == 2 and isinstance(trees[0], t.Sym) and isinstance(trees[1], t.Paren) \
                and len(trees[1].args) >= 2:
            listed.add(trees[0].name)
        for side in item.sides:
            if side.tree is None:
                continue
            for n in t.walk(side.tree):
                name = subscripted(n, zero)
                if name is not None:
                    counted_from_0.add(name)
                if isinstance(n, t.Paren) and len(n.args) >= 2:
                    name = subscripted(n.args[0], zero)
                    if name is not None:
                        found.add(name)
                if not isinstance(n, t.Product):
                    continue
                for k, op in enumerate(n.items):
                    if not (isinstance(op, t.BigOp) and op.sub and len(op.sub) == 1 and
                            isinstance(op.sub[0], t.Relation) and op.sub[0].op == "=" and
                            isinstance(op.sub[0].a, t.Sym) and zero(op.sub[0].b)):
                        continue
                    var = op.sub[0].a
                    found |= {name for m in n.items[k + 1:] for s in t.walk(m)
                              if (name := subscripted(s, lambda i: i == var)) is not None}
    return found | (listed & counted_from_0)


def _same_name_called(name: Any, call: Any) -> bool:
    return isinstance(call, t.Call) and name is not None and t.canon(call.fn) == t.canon(name)


def _declarations(items: list[Item], names: Names) -> None:
    """``Q, K, V \\in \\mathbb{R}^{N \\times d}`` in the prose declares them, as the front
    matter would, once the sizes are known (``here N = 4, d = 3``, before or after)."""
    constants: dict[str, float] = {n: k.value for n, k in names.declared.items()
                                   if k.name == "constant" and k.value is not None}
    for name, ds in names.definitions.items():
        if len(ds) == 1 and not ds[0].params and not ds[0].index and \
                isinstance(ds[0].expr, t.Num):
            constants[name] = ds[0].expr.value
    for item in items:
        if item.role != "declaration":
            continue
        try:
            kind = kind_of(item.sides[1].text, constants, str(item.line))
        except BackpropError:
            chosen = _size_names(item.sides[1].text, constants, names, item.line)
            if not chosen:
                item.note = ("a set the checker does not read; declare the names in the front "
                             "matter")
                continue
            try:   # \mathbb{R}^{N \times D} with N, D sizes the text names without values
                kind = kind_of(item.sides[1].text, constants, str(item.line))
            except BackpropError:
                item.note = ("a set the checker does not read; declare the names in the front "
                             "matter")
                continue
        for written in re.split(r",(?![^{]*\})", item.sides[0].text):
            try:
                name = t.canon(parse(written.strip()))
            except Unreadable:
                continue
            if name in names.declared or name in names.definitions:
                continue
            names.declared[name] = kind
            names.declared_on[name] = item.line
            sizes = [p for p in re.findall(r"(?<![A-Za-z\\])[A-Za-z](?![A-Za-z])",
                                           item.sides[1].text.split("^", 1)[-1])
                     if p in names.declared and names.declared_on.get(p) == item.line and
                     names.declared[p].name == "constant"] if "^" in item.sides[1].text else []
            if sizes or name in names.sized:
                names.sized[name] = ", ".join(f"{p} = {names.declared[p].value:g} chosen"
                                              for p in sizes) or names.sized[name]
            sample = re.fullmatch(r"(.+?)(\^\{\([a-z]\)\}|_\{?[a-z]\}?)", name)
            if sample and sample.group(1) not in names.declared and \
                    sample.group(1) not in names.definitions and not kind.shape:
                # y^{(i)} ∈ {−1, +1}: a label y written without its sample is one too
                names.declared[sample.group(1)] = kind
                names.declared_on[sample.group(1)] = item.line


_SIZES = (4, 3, 5, 2, 6, 7)


def _size_names(text: str, constants: dict[str, float], names: Names, line: int) -> bool:
    """Give the size letters of a set (``N``, ``D`` of ``\\mathbb{R}^{N \\times D}``) that have
    no value a size each, distinct from the others, as if the text had said ``N = 4``: a
    statement about every N holds at this one. Whether any letter was given a size."""
    m = re.search(r"\^\s*(\{(?:[^{}]|\{[^{}]*\})*\}|[^{}\s$]+)\s*\$?\s*$", text)
    if m is None:
        return False
    exponent = m.group(1)[1:-1] if m.group(1).startswith("{") else m.group(1)
    parts = [p.strip() for p in re.split(r"\\times|×|,", exponent)]
    if not parts or len(parts) > 2 or not all(
            re.fullmatch(r"[A-Za-z](?:_(?:\{[A-Za-z0-9]+\}|[A-Za-z0-9]))?|\d{1,2}", p)
            for p in parts):
        return False
    given = False
    for p in parts:
        name = t.canon(parse(p)) if not p.isdigit() else p    # d_k: the name d_{k}
        if p.isdigit() or p in constants or name in constants or name in names.definitions \
                or (name in names.declared and names.declared[name].name != "constant"):
            continue
        used = {int(v) for v in constants.values() if float(v).is_integer()}
        size = next((n for n in _SIZES if n not in used), 8)
        constants[p] = constants[name] = float(size)
        names.declared[name] = Kind("constant", (), float(size))
        names.declared_on[name] = line
        given = True
    return given


def _attach_conditions(items: list[Item], names: Names, headings: list[int]) -> None:
    """A condition on indices before a display governs the steps after it (until the next
    condition, a heading or a summary); one right after a display ("… when $i = j$")
    governs that display. A value or a relation given to variables ("at $x = 0$", "with
    $a = 5$", "when $z_k < u_k$") governs the steps after it until the next heading, or
    until another one on the same names replaces it (the cases of one argument)."""
    active: list[Any] = []
    active_paragraph = -1
    values: list[tuple[set[str], Any, int]] = []     # (names, condition, last line + 1)
    for k, item in enumerate(items):
        st = item.statement
        if item.role == "condition":
            a, b = item.sides[0].tree, item.sides[1].tree
            if a is None or b is None:
                continue
            sign = st.relations[0] if st.relations else "="
            tree = t.Relation({"≠": "!=", "≤": "<=", "≥": ">="}.get(sign, sign) if sign != ":="
                              else "=", a, b)
            on_indices = _only_indices(a, names) and _only_indices(b, names) and not (
                _is_number(a) or _is_number(b))
            prev = items[k - 1] if k else None
            right_after = prev is not None and prev.statement.inline and prev.role == "claim" \
                and bool(_RIGHT_AFTER.fullmatch(st.before))    # "$f'(v) = -1$ for $v < 1$"
            if prev is not None and (not prev.statement.inline or right_after) and \
                    not st.opens and prev.paragraph == item.paragraph and \
                    _BACKWARD.search(st.before or ","):
                for back in items[:k]:
                    if back.statement.block == prev.statement.block:
                        back.conditions.append(tree)
                continue
            if on_indices:
                active = [tree]
                active_paragraph = item.paragraph
            else:      # the rest of the example, up to a heading
                these = mentioned_names(tree) - CONSTANT_NAMES
                if isinstance(a, t.Script) and a.sub and all(isinstance(i, t.Num)
                                                             for i in index_list(a.sub)):
                    # w_1 = −3, then w_2 = 1: two components, neither replaces the other
                    these = {t.canon(a)} | (mentioned_names(b) - CONSTANT_NAMES)
                values = [v for v in values if not v[0] & these]
                end = next((h for h in headings if h > item.line), 1 << 30)
                # until the text defines one of its names anew ("… at $q = p$. … $q = σ(z)$")
                end = min([end] + [d.line for n in these for d in names.definitions.get(n, ())
                                   if d.line > item.line])
                values.append((these, tree, end))
            continue
        if active and item.paragraph != active_paragraph and _SUMMARY.search(st.before):
            active = []
        if item.role == "claim":
            item.conditions.extend(active)
            item.conditions.extend(tree for _, tree, end in values if item.line < end)
