"""Stage 2, syntax: one side of an equation, read by the grammar ``latex.lark`` (Lark, LALR)
into a :mod:`.terms` term.

Lark is imported on first use. A text that cannot be read raises :class:`Unreadable` with the
reason and the position where reading stopped. Where the text itself is ambiguous before any
name is known — a number such as ``628,000`` (a decimal comma, or thousands?) —
:func:`readings` gives every term it may be, the first the usual one.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from decimal import Decimal
from typing import Any
from importlib import resources

from ...errors import BackpropError
from . import cues as cue
from . import terms as t

__all__ = ["Unreadable", "parse", "readings", "function_words", "MAX_EXPRESSION_CHARS"]

MAX_EXPRESSION_CHARS = 2000
MAX_NODES = 3000
MAX_DEPTH = 120

# What learners paste from other tools: Unicode math for its LaTeX. Operators are a table;
# letters, sub- and superscripts, accents and fractions are read by their Unicode names and
# decompositions (unicode_latex).
_UNICODE = {"−": "-", "–": "-", "×": r"\times ", "·": r"\cdot ", "⋅": r"\cdot ", "⊙": r"\odot ",
            "∘": r"\circ ", "⊗": r"\otimes ", "Σ": r"\sum ", "∑": r"\sum ", "∏": r"\prod ",
            "∂": r"\partial ", "∇": r"\nabla ", "≠": r"\neq ", "≤": r"\le ", "≥": r"\ge ",
            "⊤": r"\top ", "ε": r"\varepsilon ", "√": r"\sqrt ", "⌊": r"\lfloor ",
            "⌋": r"\rfloor ", "⌈": r"\lceil ", "⌉": r"\rceil ", "⟨": r"\langle ",
            "⟩": r"\rangle ", "′": "'", "″": "''", "ℓ": r"\ell ", "∞": r"\infty ", "∈": r"\in ",
            "…": r"\dots ", "⋯": r"\cdots ", "\u00a0": " ", "\u2009": " ", "\u202f": " "}
_LATEX_CAPITALS = {"Gamma", "Delta", "Theta", "Lambda", "Xi", "Pi", "Upsilon", "Phi", "Psi", "Omega"}
# the commands that style or accent one argument (\hat x, \mathbf{W}): the grammar's STYLE
STYLES = ("mathbf", "boldsymbol", "bm", "vec", "bar", "hat", "tilde", "overline", "widehat",
          "widetilde", "mathbb", "mathcal", "mathsf", "mathit", "mathbfit", "pmb", "dot", "ddot",
          "check", "breve", "underline", "mathscr", "mathfrak", "overrightarrow")
_ACCENTS = {"\u0302": "hat", "\u0304": "bar", "\u0305": "bar", "\u0303": "tilde", "\u0307": "dot",
            "\u0308": "ddot"}
_SCRIPT = {"<sub>": "_", "<super>": "^"}


@functools.lru_cache(maxsize=4096)
def _symbol(ch: str) -> str | None:
    """The LaTeX of one non-ASCII character that is a math symbol, else None (kept as it is)."""
    if ch in _UNICODE:
        return _UNICODE[ch]
    name = unicodedata.name(ch, "")
    if 0x1D400 <= ord(ch) <= 0x1D7FF:                      # 𝐱, 𝑊, 𝛼: bold and italic letters
        plain = unicodedata.normalize("NFKC", ch)
        return _symbol(plain) or plain
    m = re.fullmatch(r"GREEK (SMALL|CAPITAL) LETTER ([A-Z]+)|GREEK ([A-Z]+) SYMBOL", name)
    if m:
        letter = (m.group(2) or m.group(3)).capitalize().replace("Lamda", "Lambda")
        if m.group(1) == "CAPITAL":
            if letter in _LATEX_CAPITALS:
                return f"\\{letter} "
            return _LATIN_OF.get(letter)
        if letter == "Omicron":
            return "o"
        return None if letter == "Final" else f"\\{letter.lower()} "
    decomposition = unicodedata.decomposition(ch)
    if decomposition.startswith("<fraction>"):             # ½: \frac{1}{2}
        top, bottom = unicodedata.normalize("NFKC", ch).split("\u2044")
        return f"{{\\frac{{{top}}}{{{bottom}}}}}"
    return None


# Α, Β, Ε: the Greek capitals LaTeX writes as Latin letters
_LATIN_OF = {"Alpha": "A", "Beta": "B", "Epsilon": "E", "Zeta": "Z", "Eta": "H", "Iota": "I",
             "Kappa": "K", "Mu": "M", "Nu": "N", "Omicron": "O", "Rho": "P", "Tau": "T", "Chi": "X"}
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
# √64, √d_k, √dₖ, √(x+1): the root of what follows it, all of it
_ROOT = re.compile(r"√\s*(\d+(?:\.\d+)?|[A-Za-z](?:_\{[^{}]*\}|_[A-Za-z0-9]|[ₐ-ₜᵢⱼ₀-₉]+)?|"
                   r"\([^()]*\))")


_COMBINED = re.compile("(?<![A-Za-z])([A-Za-z])([" + "".join(_ACCENTS) + "])(?![A-Za-z])")


def unicode_latex(text: str) -> str:
    """Unicode math as LaTeX: ``ŷ = W₁x² + ½ σ(zᵢ)`` as ``\\hat{y} = W_{1}x^{2} + {\\frac{1}{2}}
    \\sigma (z_{i})``. Letters inside words (a word of prose in ``\\text{…}``) are kept."""
    text = _ROOT.sub(r"\\sqrt{\1}", unicodedata.normalize("NFC", text))
    # x̂: a letter and a combining accent with no composed form (ŷ has one), alone
    text = _COMBINED.sub(lambda m: f"\\{_ACCENTS[m.group(2)]}{{{m.group(1)}}}", text)
    return _NON_ASCII.sub(lambda m: _unicode_run(m.group(), text, m.start()), text)


def _unicode_run(run: str, text: str, start: int) -> str:
    out: list[str] = []
    k = 0
    while k < len(run):
        ch = run[k]
        kind = unicodedata.decomposition(ch).split(" ")[0]
        if kind in _SCRIPT:                                # x₁₂, W⁻¹, xᵀ: one script
            j = k
            while j < len(run) and unicodedata.decomposition(run[j]).split(" ")[0] == kind:
                j += 1
            body = unicodedata.normalize("NFKC", run[k:j]).replace("−", "-")
            out.append(f"{_SCRIPT[kind]}{{{body}}}")
            k = j
            continue
        parts = unicodedata.normalize("NFD", ch)
        if (len(parts) == 2 and parts[1] in _ACCENTS and parts[0].isascii() and parts[0].isalpha()
                and not _letter_beside(text, start, k)):
            out.append(f"\\{_ACCENTS[parts[1]]}{{{parts[0]}}}")     # ŷ: \hat{y}, alone only
        elif ch.isalpha() and _letter_beside(text, start, k) and \
                not unicodedata.name(ch, "").startswith(("GREEK", "MATHEMATICAL")):
            out.append(ch)                                 # a letter of a word: prose
        else:
            out.append(_symbol(ch) or ch)
        k += 1
    return "".join(out)


def _letter_beside(text: str, start: int, k: int) -> bool:
    """Whether the k-th character of the run starting at text[start] stands beside a letter (so
    is a letter of a word, not a symbol)."""
    at = start + k
    return (at > 0 and text[at - 1].isalpha()) or (at + 1 < len(text) and text[at + 1].isalpha())


_STYLE_SAME = {"mathbf", "boldsymbol", "bm", "vec", "mathit", "mathbfit", "mathsf", "pmb",
               "overrightarrow", "underline", "mathrm", "mathscr"}
_BOLD = {"mathbf", "boldsymbol", "bm", "vec", "pmb", "mathbfit", "overrightarrow"}
_REL = {"=": "=", r"\ne": "!=", r"\neq": "!=", r"\le": "<=", r"\leq": "<=", r"\leqslant": "<=",
        r"\ge": ">=", r"\geq": ">=", r"\geqslant": ">=", "<": "<", ">": ">", r"\lt": "<",
        r"\gt": ">"}


def function_words() -> frozenset[str]:
    """The bare words of the notation table (``softmax``, ``tr``): one source of names."""
    from .notation import words

    return words()


class Unreadable(Exception):
    """A side of an equation the grammar does not read: why, and where reading stopped."""

    def __init__(self, reason: str, position: int | None = None):
        super().__init__(reason)
        self.reason = reason
        self.position = position   # 0-based, in the text given to parse()


def _lark():
    try:
        import lark
    except ImportError:
        from ...extras import install_command
        raise BackpropError(f"check_derivation needs the parser library Lark, in the [check] "
                            f"extra: {install_command('check')}") from None
    return lark


@functools.lru_cache(maxsize=1)
def _parser():
    lark = _lark()
    grammar = resources.files(__package__).joinpath("latex.lark").read_text(encoding="utf-8")
    # bare words read as one token (tr, erf: only as \operatorname{tr} or \tr, since t·r is a
    # product when written plainly)
    words = sorted((function_words() - {"tr", "Tr", "trace", "erf", "sh", "ch", "th", "det",
                                        "abs", "prod"})
                   | {"ln"},
                   key=lambda w: (-len(w), w))
    grammar = grammar.replace("@FUNCTION_WORDS@", "|".join(re.escape(w) for w in words))
    grammar = grammar.replace("@CASE_WORDS@", cue.case_words().replace("/", "\\/"))
    grammar = grammar.replace("@STYLES@", "|".join(STYLES))
    transformer = type("ToTree", (_ToTree, lark.Transformer), {})()
    return lark.Lark(grammar, parser="lalr", lexer="contextual", postlex=_Bars(),
                     transformer=transformer, maybe_placeholders=False,
                     propagate_positions=False)


class _Bars:
    """Turn each ``|`` (and ``\\|``) into an opening or a closing bar by what precedes it.

    A bar opens after an operator, an opening bracket or at the start; otherwise it closes
    the innermost open bar of its kind, if any (else it opens).
    """

    always_accept = ("BAR", "NORMBAR")
    _OPENERS = {"PLUS", "MINUS", "PM", "MULOP", "LP", "LB", "LCB", "LBRACE", "REL", "AMP",
                "ROWSEP", "SUBSCRIPT", "SUPERSCRIPT", "BIGOP", "FRAC", "SQRT", "LANGLE",
                "LFLOOR", "LCEIL", "BEGIN_MATRIX", "LBAR", "LNORM", "COMMA", "__ANON_0", "SEMI"}

    def process(self, stream):
        previous = None
        depth = {"BAR": 0, "NORMBAR": 0}
        for token in stream:
            if token.type in depth:
                text = token.value
                kind = token.type
                opens = ("\\left" in text or "\\l" in text.replace("\\left", "")
                         or (previous is None or previous in self._OPENERS or depth[kind] == 0)
                         and "\\right" not in text and "\\r" not in text)
                if opens and "\\right" not in text:
                    depth[kind] += 1
                    token.type = "LBAR" if kind == "BAR" else "LNORM"
                else:
                    depth[kind] = max(0, depth[kind] - 1)
                    token.type = "RBAR" if kind == "BAR" else "RNORM"
            previous = token.type
            yield token


def _tok(x) -> str:
    return str(x)


def _scripts_of(node):
    if isinstance(node, t.Script):
        return node.base, node.sub, node.sup
    return node, None, None


def _index_names(args: tuple) -> tuple:
    """``X_{n'd}``, ``δ_{nn'}``: a primed letter in a subscript is an index of its own (n′
    beside n), never the derivative of an index."""
    def name(a):
        if isinstance(a, t.Prime) and isinstance(a.base, t.Sym) and len(a.base.name) == 1:
            return t.Sym(a.base.name + "'" * a.order)
        if isinstance(a, t.Product):
            return t.Product(tuple(name(i) for i in a.items))
        return a
    return tuple(name(a) for a in args)


def _is_symbol(node, *names: str) -> bool:
    return isinstance(node, t.Sym) and node.name in names


_STAR = t.Sym("*")


def _star(node) -> bool:
    """``*``, ``\\ast``, ``\\star`` in a superscript: the mark of an optimum (θ^*)."""
    return isinstance(node, t.MulOp) and node.op in ("ast", "*") or \
        isinstance(node, t.Sym) and node.name in (r"\ast", r"\star", "*")


class _ToTree:
    """The rules of the Lark transformer (mixed into ``lark.Transformer`` when Lark loads)."""

    # ---- sums and products -------------------------------------------------------------
    def add(self, c):
        return _after_bigop(c[0], c[2]) or t.Add(c[0], c[2])

    def sub(self, c):
        return _after_bigop(c[0], t.Neg(c[2])) or t.Sub(c[0], c[2])

    def neg(self, c):
        return t.Neg(c[1])

    def term(self, c):
        return c[-1]

    def product(self, c):
        items = tuple(c)
        marks = [k for k, item in enumerate(items) if isinstance(item, t.AtMark)]
        if marks:       # f(x) \Big|_{x=0}: the bar takes everything before it
            k = marks[0]
            if k == 0:
                raise Unreadable("an evaluation bar | with nothing before it")
            before = items[0] if k == 1 else self.product(list(items[:k]))
            items = (t.At(before, items[k].at),) + items[k + 1:]
            if len(items) > 1:
                return self.product(list(items))
            return items[0]
        deriv = _inline_derivative(items)
        if deriv is not None:
            return deriv
        return items[0] if len(items) == 1 else t.Product(items)

    def at_mark(self, c):
        script = c[2]
        conditions = script.args if isinstance(script, t.Paren) else (script,)
        return t.AtMark(tuple(conditions))

    def mulop(self, c):
        op = _tok(c[0]).lstrip("\\")
        return t.MulOp("/" if op.endswith("/") else op)

    def bigop(self, c):
        op = "sum" if "sum" in _tok(c[0]) else "prod"
        sub, sup = c[1]
        return t.BigOp(op, sub, sup)

    def limits(self, c):
        sub = sup = None
        for mark, script in zip(c[::2], c[1::2]):
            if _tok(mark) == "_":
                sub = script.args if isinstance(script, t.Paren) else (script,)
            else:
                sup = script
        return sub, sup

    # ---- scripts -----------------------------------------------------------------------
    def sub_script(self, c):
        base, sub, sup = _scripts_of(c[0])
        args = c[2].args if isinstance(c[2], t.Paren) and c[2].bracket == "{" else (c[2],)
        args = _index_names(args)
        if sub is not None or isinstance(c[0], (t.Prime,)):
            return t.Script(c[0], args, None)
        return t.Script(base, args, sup)

    def sup_script(self, c):
        base, sub, sup = _scripts_of(c[0])
        value = c[2]
        if isinstance(value, t.Paren) and value.bracket == "{":
            value = value.args[0] if len(value.args) == 1 else t.Paren(value.args)
        if isinstance(value, t.Sym) and value.name in (r"\prime", "'"):
            return t.Prime(c[0], 1)
        if _star(value):                  # s^\ast, s^{*}, s^{\star}: one mark, one name
            value = _STAR
        if isinstance(value, t.Product) and len(value.items) > 1 and _star(value.items[0]):
            # σ^{∗2}: the optimum's mark, then a power: (σ^∗)²
            rest = value.items[1] if len(value.items) == 2 else t.Product(value.items[1:])
            return t.Script(t.Paren((t.Script(base, sub, _STAR),)), None, rest)
        if sup is not None:
            return t.Script(c[0], None, value)
        return t.Script(base, sub, value)

    def prime(self, c):
        return t.Prime(c[0], len(_tok(c[1])))

    def prime_mark(self, c):
        return t.Sym("'")

    def star(self, c):
        return t.Sym("*")

    def plus_mark(self, c):
        return t.Sym("+")

    def negnum(self, c):
        return t.Neg(t.Num(float(_tok(c[1]))))

    def negletter(self, c):
        return t.Neg(t.Sym(_tok(c[1])))

    def call(self, c):
        bracket = "[" if "[" in _tok(c[1]) else "("
        args = tuple(c[2])
        if bracket == "(" and not isinstance(c[0], (t.Sym, t.Script)) and \
                any(isinstance(a, t.Sym) and a.name == ";" for a in args):
            # (0,5 − 1)(1 ; −2): a number times a tuple written with semicolons
            return t.Product((c[0], self.paren([c[1], args])))
        return t.Call(c[0], args, bracket)

    def group(self, c):
        return t.Paren(tuple(c[1]), "{")

    # ---- atoms -------------------------------------------------------------------------
    def number(self, c):
        text = _tok(c[0])
        decimals = len(text.split(".")[1]) if "." in text else None
        return t.Num(float(text), 10.0 ** -decimals if decimals else 0.0)

    def every_index(self, c):
        return t.Sym(":")

    def letter(self, c):
        return t.Sym(_tok(c[0]))

    def command(self, c):
        name = _tok(c[0])
        if name[1:] in function_words():  # \softmax, \relu: a learner's own macros
            return t.Sym(name[1:])
        return t.Sym({r"\varepsilon": r"\epsilon", r"\vartheta": r"\theta", r"\varphi": r"\phi",
                      r"\intercal": r"\top", r"\ln": r"\log", r"\lvert": "|"}.get(name, name))

    def opname(self, c):
        text = _tok(c[0])
        inner = text[text.find("{") + 1:text.rfind("}")] if "{" in text else text[-1]
        inner = re.sub(r"\\_", "_", inner).replace(" ", "").replace("\\", "")
        if inner.lower() in {w.lower() for w in function_words()}:
            inner = inner.lower()  # \operatorname{Softmax}, \mathrm{ReLU}, \text{Diag}
        if inner == "ln":
            return t.Sym(r"\log")
        if inner in ("exp", "log", "tanh", "sin", "cos"):
            return t.Sym("\\" + inner)
        if inner == "d":
            return t.Sym("d", "upright")           # \mathrm{d}: the differential's mark
        return t.Sym(inner)

    def styled(self, c):
        style = _tok(c[0]).lstrip("\\")
        inner = c[1]
        if isinstance(inner, t.Paren) and inner.bracket == "{" and len(inner.args) == 1:
            inner = inner.args[0]
        if isinstance(inner, t.Num) and inner.value == 1:
            return t.Sym(r"\mathbb{1}" if style in ("mathbb", "mathds") else r"\mathbf{1}")
        if isinstance(inner, t.Num) and inner.value == 0 and style in _STYLE_SAME | {"mathbb"}:
            return t.Num(0.0)                      # \mathbf{0}: zero, of the other side's shape
        # (\hat 0, \tilde 0: a name of its own, what stands for zero — a quantized zero)
        if style in ("mathbb", "mathbf", "boldsymbol") and _is_symbol(inner, "I"):
            return t.Sym("I")
        if style in _STYLE_SAME:
            if isinstance(inner, t.Sym) and style in _BOLD:
                return t.Sym(inner.name, "bold")   # a hint that it is a vector or a matrix
            return inner
        return t.Sym(f"\\{style}{{{t.canon(inner)}}}")

    def paren(self, c):
        text = _tok(c[0])
        bracket = "[" if "[" in text else "{" if "{" in text else "("
        rows = tuple(c[1])
        if any(isinstance(r, t.Sym) and r.name == ";" for r in rows) and bracket == "(":
            # (0,5 ; 0,25): a tuple where the comma is the decimal sign
            rows = tuple(r for r in rows if not (isinstance(r, t.Sym) and r.name == ";"))
        if bracket == "[" and all(isinstance(r, t.Paren) and r.bracket == "[" and len(r.args) ==
                                  len(rows[0].args) for r in rows):
            return t.Matrix(tuple(r.args for r in rows))     # [[1, 2], [3, 4]]: NumPy's rows
        return t.Paren(rows, bracket)

    def args(self, c):
        # f(x; W): what follows the semicolon are parameters, kept after a ";" marker
        return tuple(t.Sym(";") if getattr(x, "type", None) == "SEMI" else x for x in c
                     if not hasattr(x, "type") or x.type == "SEMI")

    def relation(self, c):
        op = re.sub(r"\s", "", _tok(c[1]))
        return t.Relation(_REL.get(op, op), c[0], c[2])

    def between(self, c):
        # −1 ≤ x < 0, a case's condition: both relations, as the product of their truths
        first, second = self.relation(c[:3]), self.relation(c[2:])
        return t.Product((first, second))

    def start(self, c):
        return c[0]

    def arg(self, c):
        return c[1]

    def primary(self, c):
        return c[1]

    def frac(self, c):
        num, den = _unbrace(c[1]), _unbrace(c[2])
        deriv = _derivative(num, den)
        return deriv if deriv is not None else t.Frac(num, den)

    def sqrt(self, c):
        if len(c) == 5:
            return t.Apply("sqrt", _unbrace(c[4]), c[2])
        return t.Apply("sqrt", _unbrace(c[1]))

    def abs(self, c):
        return t.Apply("abs", c[1])

    def norm(self, c):
        return t.Apply("norm", c[1])

    def factorial(self, c):
        return t.Apply("factorial", c[0])

    def floor(self, c):
        return t.Apply("floor", c[1])

    def ceil(self, c):
        return t.Apply("ceil", c[1])

    def nearest(self, c):
        return t.Apply("round", c[1])       # ⌊x⌉: x rounded to the nearest whole number

    def inner(self, c):
        return t.Inner(c[1], c[2])

    def matrix(self, c):
        return t.Matrix(c[1])

    def piecewise(self, c):
        return t.Cases(c[1])

    def cases(self, c):
        return tuple(r for r in c if isinstance(r, tuple))

    def case(self, c):
        parts = [x for x in c if not hasattr(x, "type")]
        return (parts[0], parts[1] if len(parts) > 1 else None)

    def case_condition(self, c):
        parts = [x for x in c if not hasattr(x, "type")]
        return parts[0] if parts else None

    def rows(self, c):
        return tuple(r for r in c if isinstance(r, tuple))

    def row(self, c):
        return tuple(x for x in c if not hasattr(x, "type"))


def _after_bigop(left, right):
    """``\\sum_j -a``: the sign belongs to the summand, not to a subtraction."""
    items = left.items if isinstance(left, t.Product) else (left,)
    if isinstance(items[-1], t.BigOp):
        return t.Product(items + (right,))
    return None


def _unbrace(node):
    """``{expr}`` as ``expr``; a token argument (``\\frac12``) as its node."""
    if hasattr(node, "type"):  # a bare token from the grammar's `arg` alternatives
        return t.Sym(str(node))
    return node


_D = ("d", r"\partial", r"\mathrm{d}", r"\operatorname{d}")


def _split_call(node):
    """``\\partial (Ax)_i`` reads as a call of ∂: give back ∂ and the scripted group."""
    if isinstance(node, t.Call) and (_is_symbol(node.fn, *_D) or isinstance(
            node.fn, t.Script) and node.fn.sub is None and _is_symbol(node.fn.base, *_D)):
        return node.fn, t.Paren(node.args, node.bracket)  # ∂(…), ∂^2(…)
    if isinstance(node, t.Script) and isinstance(node.base, t.Call) and \
            _is_symbol(node.base.fn, *_D):
        group = t.Paren(node.base.args, node.base.bracket)
        return node.base.fn, t.Script(group, node.sub, node.sup)
    return None


def _differential(node):
    """(order, rest) when ``node`` starts with ∂ or d (``∂x``, ``d x``, ``∂^2 f``), else None."""
    items = node.items if isinstance(node, t.Product) else (node,)
    split = _split_call(items[0])
    if split is not None:
        items = split + tuple(items[1:])
    head = items[0]
    order = 1
    if isinstance(head, t.Script) and head.sub is None and _is_symbol(head.base, *_D) \
            and isinstance(head.sup, t.Num):
        order, head = int(head.sup.value), head.base
    if not _is_symbol(head, *_D):
        return None
    rest = items[1:]
    return order, rest, head.name


def _derivative(num, den):
    top, bottom = _differential(num), _differential(den)
    if top is None or bottom is None or not bottom[1] or top[2] != bottom[2] and "d" not in (
            top[2], bottom[2]):
        return None
    order, f_items, _ = top
    var_items = bottom[1]
    if len(var_items) != 1:
        return None
    var = var_items[0]
    if order > 1 and isinstance(var, t.Script) and isinstance(var.sup, t.Num) \
            and var.sup.value == order:
        var = var.base if var.sub is None else t.Script(var.base, var.sub, None)
    f = None if not f_items else f_items[0] if len(f_items) == 1 else t.Product(f_items)
    return t.Deriv(f, var, order)


def _inline_derivative(items):
    """``\\partial f / \\partial x`` or ``d\\sigma/da`` written on one line."""
    for k, item in enumerate(items):
        if isinstance(item, t.MulOp) and item.op == "/" and k > 0:
            left, right = items[:k], items[k + 1:]
            split = _split_call(left[0]) if left else None
            if split is not None:
                left = split + tuple(left[1:])
            if left and right and len(right) == 2 and (
                    _is_symbol(left[0], r"\partial") and _is_symbol(right[0], r"\partial") or
                    _is_symbol(left[0], *_D) and _is_symbol(right[0], *_D) and len(left) == 2):
                num = left[0] if len(left) == 1 else t.Product(left)
                return _derivative(num, t.Product(right))
    # among other factors (Σ_j ∂L/∂x_j, ∂f/∂q · y, ∂L/∂h ⊙ σ'(z)): ∂, f, /, ∂, x are one
    for k in range(len(items) - 4):
        a, f, slash, b, x = items[k:k + 5]
        if _is_symbol(a, r"\partial") and _is_symbol(b, r"\partial") and \
                isinstance(slash, t.MulOp) and slash.op == "/" and \
                not isinstance(f, (t.MulOp, t.BigOp)) and not isinstance(x, (t.MulOp, t.BigOp)):
            deriv = _derivative(t.Product((a, f)), t.Product((b, x)))
            if deriv is None:
                return None
            rest = items[:k] + (deriv,) + items[k + 5:]
            return rest[0] if len(rest) == 1 else _inline_derivative(rest) or t.Product(rest)
    return None


_DECIMAL_COMMA = re.compile(r"(?<=\d)\{,\}(?=\d)")
# 1,234,567, 1{,}234{,}567, 628\,000: digits grouped by thousands (more than one group, or a
# thin space), never a decimal comma
_THOUSANDS = re.compile(r"(?<![\d.])[1-9]\d{0,2}(?:(?:\{,\}|,)\d{3}){2,}(?![\d])|"
                        r"(?<![\d.,])[1-9]\d{0,2}(?:\.\d{3}){2,}(?![\d.,])|"
                        r"(?<![\d.])[1-9]\d{0,2}(?:\\[,;: \u00a0\u2009\u202f]\d{3})+(?![\d])|"
                        # 9 175 040: TeX sets digits apart by spaces as one number
                        r"(?<![\d.,])[1-9]\d{0,2}(?:[ \u00a0\u2009\u202f]\d{3})+(?![\d.,])")
# 628,000 or 60{,}000: a thousands separator, or a decimal comma? (read as the decimal comma
# first; a step that fails so is read again with thousands: see ``thousands_reading``)
AMBIGUOUS_GROUP = re.compile(r"(?<![\d.])([1-9]\d{0,2})(?:\{,\}|,)(\d{3})(?![\d])")


# 65.536 where every number with a point is so: a thousands separator (Portuguese, German)?
AMBIGUOUS_DOT = re.compile(r"(?<![\d.,])([1-9]\d{0,2})\.(\d{3})(?![\d.,])")
_POINT_NUMBER = re.compile(r"\d*\.\d+")


def thousands_reading(text: str) -> str:
    """``text`` with 628,000 and 60{,}000 read as thousands (628000, 60000); a number of
    several groups (118{,}013{,}952) is read whole first, as it always is."""
    return AMBIGUOUS_GROUP.sub(r"\1\2", _grouped(text))


def _grouped(text: str) -> str:
    """``text`` with numbers of several groups of thousands written without separators."""
    return _THOUSANDS.sub(lambda m: re.sub(r"\{,\}|[,.]|\\?[,;: \u00a0\u2009\u202f]", "",
                                           m.group()), text)


_LOG_OF_SCIENTIFIC = re.compile(r"(\\(?:log|ln|lg)(?![A-Za-z])(?:_\{[^{}]*\}|_\w)?)\s*"
                                r"(\d+(?:\.\d+)?\s*(?:\\times|\\cdot|×|·)\s*10\s*\^\s*"
                                r"(?:\{\s*[-−]?\s*\d+\s*\}|\d))")


_LONE_UNDERSCORE = re.compile(r"(?<=[{(,;\s])\\_(?=\s*(?:[}),;]|\\\}))")


def _normalise(text: str) -> str:
    # (\_, a, \_, a, \_), y_{\_}: an escaped underscore with nothing to subscript is a symbol
    # of its own, the blank of an alphabet (⊔)
    text = _LONE_UNDERSCORE.sub(r"\\mathrm{blank}", text)
    # Markdown engines make learners escape _ and * inside math: \_ and \* mean _ and *
    text = text.replace("\\_", "_").replace("\\*", "*")
    # \hat\beta^{\rm ridge}, {\bf x}: plain TeX's font switches, as \mathrm{ridge}, \mathbf{x},
    # first, so that every later reading of a styled word sees them as it sees those
    text = _font_switches(text)
    text = _grouped(text)
    # s\,(q − z): a letter set apart from the parenthesis by a thin space is multiplied by it
    # (a function's argument is written against it, f(x))
    text = _spaced_factors(text)
    # 87\%: a percentage, written as the decimal it is (0.87), with its digits' precision
    # (98{,}6\%: 0.986; 20\%: 0.20, its last digit where the percentage's is)
    text = re.sub(r"(\d+)(?:(?:\.|,|\{,\})(\d+))?\s*\\%", lambda m: format(
        Decimal(m.group(1) + "." + (m.group(2) or "0")) / 100, f".{len(m.group(2) or '') + 2}f"),
        text)
    # \mathbf{Softmax}[…], \textbf{ReLU}: a function's word in a type style is the function
    text = _styled_words().sub(lambda m: "\\operatorname{" + m.group(1).lower() + "}", text)
    # Softmax, ReLU written as plain letters: the function of that name, in any case
    text = _plain_words().sub(lambda m: m.group().lower(), text)
    # out_{h1}, net_{o1}: a word of three letters or more before a subscript is one name (as
    # \mathrm{out}_{h1} is), never a product of its letters — unless it is a function's word
    text = _WORD_BEFORE_SUB.sub(lambda m: _word_before_sub(m, text), text)
    # 0{,}5: the decimal comma as European texts typeset it; 628,000 read so too, at first
    text = _DECIMAL_COMMA.sub(".", text)
    text = AMBIGUOUS_GROUP.sub(r"\1.\2", text)
    # (1.75\ \ 0\ \ 0.7), (−0,32 \;\; 0,24): a row whose entries are set apart by spaces,
    # not multiplied (two numerals side by side are never a product)
    text = _SPACED_ROW.sub(lambda m: re.sub(_ROW_GAP, ", ", m.group()), text)
    # \log_{10} 8.8\times10^{13}: a number in scientific notation is one number, the whole
    # of the logarithm's argument
    text = _LOG_OF_SCIENTIFIC.sub(r"\1(\2)", text)
    # \max\{1, 3, 4, 2\}: the largest of a set written out, as \max(1, 3, 4, 2)
    text = re.sub(r"\\(max|min)\s*\\\{([^{}]*?)\\\}", r"\\\1(\2)", text)
    text = _ARRAY_CASES.sub(r"\\begin{cases}\1\\end{cases}", text)
    text = ROW_SPACE.sub(r"\\\\", text)     # \\[3pt]: a row's end with extra space
    return _conditional_bars(_divergence_bars(unicode_latex(text)))


_SPACED_FACTOR = re.compile(r"(?<![\\A-Za-z_^{])[A-Za-z]\s*\\[,;:]\s*(?=\(|\\left\s*\()")


def _spaced_factors(text: str) -> str:
    r"""``s\,(q − z)`` as ``s{(q − z)}``: the parenthesis a group, multiplied, never an argument."""
    out, last = [], 0
    for m in _SPACED_FACTOR.finditer(text):
        start = m.end()
        if start < last:
            continue
        depth, k = 0, start
        while k < len(text):
            if text[k] == "(":
                depth += 1
            elif text[k] == ")":
                depth -= 1
                if depth == 0:
                    break
            k += 1
        if depth:
            continue                      # no closing parenthesis: left as written
        out += [text[last:start], "{", text[start:k + 1], "}"]
        last = k + 1
    return "".join(out) + text[last:]


_ROW_GAP = r"(?:\s*\\ \s*){2,}|\s*\\q?quad\s*|(?:\s*\\[;:>]\s*)+"
_SPACED_ROW = re.compile(r"\(\s*-?\d+(?:\.\d+)?(?:(?:" + _ROW_GAP + r")-?\d+(?:\.\d+)?)+\s*\)")
_FONT_SWITCH = re.compile(r"\{\s*\\(rm|bf|it|sf|tt|cal)(?![A-Za-z])\s*([^{}\\]+)\}")


def _font_switches(text: str) -> str:
    """``{\\rm ridge}`` as ``\\mathrm{ridge}`` (in braces after ^ or _, as it stood)."""
    def styled(m: re.Match) -> str:
        out = "\\math" + m.group(1) + "{" + m.group(2).strip() + "}"
        return "{" + out + "}" if text[:m.start()].rstrip().endswith(("^", "_")) else out
    return _FONT_SWITCH.sub(styled, text)


# \left\{ \begin{array}{ll} … \end{array} \right. (as OCR writes cases): cases
_ARRAY_CASES = re.compile(r"\\left\s*\\\{\s*\\begin\s*\{\s*(?:array|matrix)\s*\}(?:\s*\{[^{}]*\})?"
                          r"(.*?)\\end\s*\{\s*(?:array|matrix)\s*\}\s*\\right\s*\.", re.S)


ROW_SPACE = re.compile(r"\\\\\s*\[\s*-?[0-9.]*\s*(?:pt|em|ex|mm|cm|in|mu|bp)\s*\]")
_NORM_BAR = re.compile(r"\\\||\\[lr]?Vert(?![A-Za-z])|‖")


def _divergence_bars(text: str) -> str:
    """``KL(p \\| q)``: a lone ‖ between the two arguments in parentheses separates them, as a
    comma would (a norm's bars come in pairs)."""
    bars = list(_NORM_BAR.finditer(text))
    if len(bars) % 2 == 0 or not bars:
        return text
    for m in reversed(bars):
        before, after = text[:m.start()], text[m.end():]
        around = _enclosing(before, after)
        if around is None:
            continue
        opened, closed = around
        if not before[opened + 1:].strip() or \
                _NORM_BAR.search(before[opened + 1:]) or _NORM_BAR.search(after[:closed]):
            continue
        return before + "," + after
    return text


_BAR = re.compile(r"(?<![\\|])\|(?!\|)")


def _conditional_bars(text: str) -> str:
    """``p(t|w)``: a bar alone inside a function's parentheses (no other bar there: |x| comes
    in pairs) is the conditional bar, ``\\mid``."""
    for m in reversed(list(_BAR.finditer(text))):
        before, after = text[:m.start()], text[m.end():]
        if re.search(r"\\(?:left|right|big|Big|bigg|Bigg)[lr]?\s*$", before):
            continue
        around = _enclosing(before, after)
        if around is None:
            continue
        start, closed = around
        inside = before[start + 1:] + after[:closed]
        if _BAR.search(inside) or not before[start + 1:].strip() or \
                not after[:closed].strip() or not re.search(r"[A-Za-z}]\s*$", before[:start]):
            continue
        text = before + " \\mid " + after
    return text


def _enclosing(before: str, after: str) -> tuple[int, int] | None:
    """The parentheses around the point between ``before`` and ``after``: where the opening one
    is in ``before`` and the closing one in ``after``, or None."""
    def unmatched(text: str, opening: str, closing: str) -> int | None:
        depth = 0
        for i, c in enumerate(text):
            depth += (c == opening) - (c == closing)
            if depth < 0:
                return i
        return None
    opened, closed = unmatched(before[::-1], ")", "("), unmatched(after, "(", ")")
    if opened is None or closed is None:
        return None
    return len(before) - 1 - opened, closed


_WORD_BEFORE_SUB = re.compile(r"(?<![\\A-Za-z{_])[A-Za-z]{3,}(?=\s*_)")


_ACCENT_BEFORE = re.compile(r"\\(?:" + "|".join(STYLES) + r")\s+$")


def _word_before_sub(m: re.Match, text: str) -> str:
    """A word before a subscript as one upright name (out_{h1}); after an accent written
    without braces (``\\hat AHW_2``) the accent takes the first letter alone, as TeX does,
    and only the rest may be a word."""
    word = m.group()
    if _ACCENT_BEFORE.search(text[max(0, m.start() - 40):m.start()]):
        rest = word[1:]
        return word[0] + (" \\mathrm{" + rest + "}" if len(rest) >= 3 and
                          not _operator_word(rest) else rest)
    return word if _operator_word(word) else "\\mathrm{" + word + "}"


def _operator_word(word: str) -> bool:
    """A function's or an operator's word (softmax_i, max_j, lim_{x→0}, argmax_k)."""
    return word.lower() in _operator_words()


@functools.lru_cache(maxsize=1)
def _operator_words() -> frozenset[str]:
    """The words of the table's functions and operators, in lower case, as written plain."""
    from .notation import OPERATORS
    plain = {re.sub(r"^\\(?:operatorname|mathrm)\{(.*)\}$|^\\", r"\1", w) for w in OPERATORS}
    return frozenset(w.lower() for w in plain | set(function_words()) | {"sum", "arg"}
                     if w.isalpha())


@functools.lru_cache(maxsize=1)
def _long_words() -> str:
    """The function words of four letters or more, longest first, as alternatives."""
    return "|".join(map(re.escape, sorted((w for w in function_words() if len(w) >= 4 and
                                           w.isalpha()), key=len, reverse=True)))


@functools.lru_cache(maxsize=1)
def _styled_words() -> re.Pattern:
    """A function's word in a type style (``\\mathbf{Softmax}``, ``\\textbf{ReLU}``)."""
    return re.compile(r"\\(?:mathbf|boldsymbol|bm|mathsf|mathit|textbf|textsf|textit)\s*\{\s*("
                      + _long_words() + r")\s*\}", re.IGNORECASE)


def _plain_words() -> re.Pattern:
    return re.compile(r"(?<![\\A-Za-z{])(?:" + _long_words() + r")(?![A-Za-z])", re.IGNORECASE)


def readings(text: str) -> list[tuple[str, Any]]:
    """Every term ``text`` may be before any name is known, the usual one first, each with the
    words that say how it was read ("" for the usual reading): ``628,000`` is 628.0 with a
    decimal comma, and 628000 with a thousands separator. :class:`Unreadable` if the usual
    reading cannot be parsed."""
    # (0,1; 0): a list whose items a semicolon separates has decimal commas
    text = _SEMICOLON_LIST.sub(lambda m: _DIGIT_COMMA.sub(".", m.group()), text)
    text = _printed_arrays(text)
    shape = _SHAPE_AFTER.search(text)
    if shape is not None:
        # A^\top dO \;\;(m\times d_v): the shape of what stands before it, as a remark first
        try:
            out = [("", parse(text[:shape.start()])),
                   ("the (a × b) after it as a factor", parse(text))]
        except Unreadable:
            out = [("", parse(text))]
    else:
        try:
            out = [("", parse(text))]
        except Unreadable:
            if not _DIGIT_COMMA.search(text):
                raise
            # 0,25 + 1,25: a decimal comma, the only way the text reads
            return [("", parse(_decimal_commas(text)))]
    grouped = _grouped(text)
    if AMBIGUOUS_GROUP.search(grouped):
        try:
            out.append(("the comma of a number as a thousands separator",
                        parse(thousands_reading(text))))
        except Unreadable:
            pass
    if AMBIGUOUS_DOT.search(grouped) and all(AMBIGUOUS_DOT.fullmatch(m.group()) for m in
                                             _POINT_NUMBER.finditer(grouped)):
        try:
            out.append(("the point of a number as a thousands separator",
                        parse(AMBIGUOUS_DOT.sub(r"\1\2", grouped))))
        except Unreadable:
            pass
    if _DIGIT_COMMA.search(text) and _SPACED_COMMA.search(text):
        try:           # (0,2764 , 0,2764): a comma set apart separates, the tight one is decimal
            return [("", parse(_decimal_commas(text)))]
        except Unreadable:
            pass
    decimal = _decimal_commas(text)
    if decimal != text and decimal != thousands_reading(text):
        try:           # (2,2361 , 11,1803): decimal commas, the items set apart by ", "
            out.append(("the comma between digits as a decimal comma", parse(decimal)))
        except Unreadable:
            pass
    if _PLAIN_GROUP.search(text):
        try:           # (4,144): a pair, as OCR writes it without a space
            out.append(("the comma between numbers as a separator of a list",
                        parse(_PLAIN_GROUP.sub(r"\1, \2", text))))
        except Unreadable:
            pass
    if _OVER_SCIENTIFIC.search(text):
        try:           # 1,68·10^7 / 1,72·10^{10}: the number after / is the whole divisor
            out.append(("a number in scientific notation after / as the whole divisor",
                        parse(_OVER_SCIENTIFIC.sub(r"/(\1)", text))))
        except Unreadable:
            pass
    return out


_OVER_SCIENTIFIC = re.compile(r"/\s*(\d+(?:(?:\{,\}|[.,])\d+)?\s*(?:\\times|\\cdot|×|·)\s*10\s*"
                              r"\^\s*(?:\{\s*[-−]?\s*\d+\s*\}|\d))")


_DIGIT_COMMA = re.compile(r"(?<=\d),(?=\d)")
# [0.4 0.2], [[0,4  0,2], [-0,3  0,8]]: numbers as NumPy prints them, apart by spaces
_PRINTED_NUMBER = r"[-−]?\d+(?:[.,]\d+)?(?:e[-+]?\d+)?"
_PRINTED_ROW = re.compile(r"\[\s*" + _PRINTED_NUMBER + r"(?:\s+" + _PRINTED_NUMBER + r")+\s*\]")
_PRINTED_ROWS = re.compile(r"(?<=\d\])\s+(?=\[\s*[-−]?\d)")


def _printed_arrays(text: str) -> str:
    """``text`` with the rows of a printed array written as lists: the numbers a space
    sets apart are entries (two numerals side by side are never a product), a comma between
    their digits a decimal comma, and rows side by side inside brackets are rows."""
    if _PRINTED_ROW.search(text) is None:
        return text
    text = _PRINTED_ROW.sub(lambda m: "[" + ", ".join(
        _DIGIT_COMMA.sub(".", n) for n in m.group()[1:-1].split()) + "]", text)
    return _PRINTED_ROWS.sub(", ", text)


def _decimal_commas(text: str) -> str:
    """``text`` with each comma between digits read as a decimal comma, except in a
    subscript (``X_{1,3}`` is row 1, column 3, never entry 1.3)."""
    out, depth, sub = [], 0, []        # sub: the depths at which a subscript's braces opened
    for k, c in enumerate(text):
        if c == "{":
            depth += 1
            if text[max(k - 1, 0)] == "_":
                sub.append(depth)
        elif c == "}":
            if sub and sub[-1] == depth:
                sub.pop()
            depth -= 1
        elif c == "," and not sub and 0 < k < len(text) - 1 and text[k - 1].isdigit() and \
                text[k + 1].isdigit():
            c = "."
        out.append(c)
    return "".join(out)
_SPACED_COMMA = re.compile(r"\d\s+,\s*[-−]?\d")     # 0,2764 , 0,2764: a space before the comma
# a list of numbers a semicolon separates, one with a comma between digits: (1; 0,5)
_NUMBER = r"\s*(?:\\[,;: ]|~|\s)*[-−]?\d+(?:,\d+)?\s*"
_SEMICOLON_LIST = re.compile(r"[(\[](?=[^()\[\]]*\d,\d)" + _NUMBER + r"(?:;" + _NUMBER + r")+[)\]]")
_PLAIN_GROUP = re.compile(r"(?<![\d.{])([1-9]\d{0,2}),(\d{3})(?![\d}])")
# a shape set apart after a value: "\;\;(n \times m)", "\quad (m\times d)"
SIZE = r"\s*([A-Za-z0-9]+(?:_\{?[A-Za-z0-9]+\}?)?)\s*"      # a size: n, 32, d_v, d_{k}
SHAPE = r"\(" + SIZE + r"(?:\\times|×|,)" + SIZE + r"\)"       # (n × m), (n, m)
_SHAPE_AFTER = re.compile(r"(?:\\[;: ]|\\q?quad|~)(?:\s|\\[;:, ]|\\q?quad|~)*" + SHAPE +
                          r"\s*[.,;]?\s*$")


def _position(text: str, source: str, pos: int | None) -> int | None:
    """A position in the normalised ``source`` as one in ``text`` (before \\_ and Unicode)."""
    if pos is None or source == text:
        return pos
    i = 0
    while i < len(text) and len(_normalise(text[:i + 1])) <= pos:
        i += 1
    return i


@functools.lru_cache(maxsize=1)
def _units() -> re.Pattern:
    """A unit written after a number, last in an expression (73{,}856 \\text{ parameters},
    1\\ \\text{bit}): a remark on the number."""
    units = "|".join(re.escape(u) for u in cue.units())
    return re.compile(r"(?<=[\d}])(?:\s|\\[ ,;:!]|~)*\\(?:text|mathrm|textrm|mbox)\s*\{\s*(?P<unit>"
                      + units + r")\s*\}\s*[.,;]?\s*$", re.IGNORECASE)


def _unit_after(text: str) -> str:
    return _units().sub("", text)


def unit_of(text: str) -> tuple[str | None, str]:
    """The unit written after a side's number (``295.424 \\text{ byte}``: "byte") or None,
    and the side without it."""
    m = _units().search(text)
    return (m.group("unit"), text[:m.start()]) if m else (None, text)


_TRAILING_SPACE = re.compile(r"(?:\s|\\[ ,;:!]|\\q?quad(?![A-Za-z])|~)+$")


def parse(text: str):
    """The tree of one side of an equation; :class:`Unreadable` if the grammar cannot read it."""
    if len(text) > MAX_EXPRESSION_CHARS:
        raise Unreadable(f"the expression has {len(text)} characters; at most "
                         f"{MAX_EXPRESSION_CHARS} are read", 0)
    source = _normalise(_unit_after(text))
    # a sentence's full stop, comma or colon at the end of a display: punctuation, not math
    stripped = _TRAILING_SPACE.sub("", source)
    while stripped.endswith((".", ",", ";", ":")) and not stripped.endswith(
            ("\\.", "\\,", "\\;", "\\:")):
        stripped = _TRAILING_SPACE.sub("", stripped[:-1])
    source = stripped
    if not source.strip():
        raise Unreadable("the expression is empty", 0)
    lark = _lark()
    try:
        node = _parser().parse(source)
    except lark.exceptions.UnexpectedCharacters as e:
        raise Unreadable(f"unexpected character {source[e.pos_in_stream]!r}",
                         _position(text, source, e.pos_in_stream)) from None
    except lark.exceptions.UnexpectedToken as e:
        if e.token.type == "$END":
            raise Unreadable("the expression ends too early", len(text.rstrip())) from None
        raise Unreadable(f"unexpected {str(e.token)!r}",
                         _position(text, source, e.token.start_pos)) from None
    except lark.exceptions.UnexpectedInput as e:
        raise Unreadable("unreadable", _position(text, source, getattr(e, "pos_in_stream", None))
                         ) from None
    except lark.exceptions.VisitError as e:
        inner = e.orig_exc
        if isinstance(inner, Unreadable):
            raise inner from None
        raise Unreadable("this construct is not read here") from None
    except Unreadable:
        raise
    except RecursionError:
        raise Unreadable("the expression is nested too deeply") from None
    except (lark.exceptions.LarkError, IndexError, TypeError, ValueError, AttributeError):
        # a reading the grammar accepts but the tree cannot hold: the text's fault, not a crash
        raise Unreadable("the expression is not read as a whole: check its braces and "
                         "brackets") from None
    indices = {id(i) for n in t.walk(node) if isinstance(n, t.Script) and n.sub
               for i in t.index_list(n.sub)}
    if any(isinstance(n, t.Sym) and n.name == ":" and id(n) not in indices
           for n in t.walk(node)):
        raise Unreadable("a ':' outside an index (A_{i,:})")
    count, depth = t.size(node)
    if count > MAX_NODES or depth > MAX_DEPTH:
        raise Unreadable(f"the expression is too large ({count} nodes, depth {depth})")
    return node
