"""Stage 2, syntax: the statements of the math blocks, each a chain ``A = B = C`` of sides read
into terms, with the prose around it and what that prose says (:mod:`.cues`).

Inside a block, rows end at ``\\\\``, ``&`` is alignment, and a statement ends at
``\\Rightarrow``, ``\\quad``, ``\\text{…}`` or a top-level ``,``/``;``/``.``. Every side keeps its
offset in the text, so a step names the line on which its right side starts. A side is read
into every term it may be (:func:`.parse.readings`); one the grammar cannot read keeps why.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import re
from dataclasses import dataclass, field
from typing import Any, Callable

from . import cues as cue
from . import terms as t
from .notation import words as function_words
from .parse import ROW_SPACE, Unreadable, readings, unit_of
from .source import ENV, STATEMENT_ENVS, Block, Source, without_code, math_blocks, table_rows

__all__ = ["Piece", "Side", "Statement", "statements", "read_side", "split_chain"]


@dataclass(frozen=True)
class Piece:
    """One expression of a chain: its LaTeX and the offset of its first character."""

    text: str
    offset: int
    rounded: bool = False           # written after ≈: its value rounded to the digits shown


@dataclass
class Side:
    """One side of a chain: its text, the terms it may be (the usual one first, each with the
    words that say how it was read) or why it could not be read."""

    piece: Piece
    terms: list[tuple[str, Any]] = field(default_factory=list)
    error: Unreadable | None = None

    @property
    def text(self) -> str:
        return " ".join(self.piece.text.split())

    @property
    def term(self) -> Any:
        return self.terms[0][1] if self.terms else None


@functools.lru_cache(maxsize=4096)
def _read(text: str) -> tuple[tuple[tuple[str, Any], ...], Unreadable | None]:
    try:
        return tuple(readings(text)), None
    except Unreadable as e:
        return (), e


def read_side(piece: Piece) -> Side:
    terms, error = _read(piece.text)
    if piece.rounded:
        terms = tuple((label, _rounded_whole(term)) for label, term in terms)
    unit, _ = unit_of(piece.text)
    scaled = _PREFIXED_UNIT.fullmatch(unit or "")
    if scaled is not None and terms and isinstance(terms[0][1], t.Num):
        # "516 \text{ MiB}" beside bytes: the number may count MiB (a reading; as written,
        # the unit is a remark)
        terms = tuple(terms) + (_in_units(terms[0][1], unit, _PREFIXES[scaled.group(1)]),)
    return Side(piece, list(terms), error)


def _in_units(number: Any, word: str, factor: float, where: str = "") -> tuple[str, Any]:
    """The reading of a number as a count of a unit (258 MiB: 258 · 2²⁰)."""
    return (f"{t.canon(number)} in units of {word}{where}", t.Product((number, t.Num(factor))))


_PREFIXED_UNIT = re.compile(r"(Ki|Mi|Gi|[kKMGT])(?:i?B|bytes?|FLOPs?|MACs?)")


def _rounded_whole(term: Any) -> Any:
    """A whole number of three significant digits or more written after ≈ with zeros last
    (≈ 11{,}400 read with thousands): rounded to its last digit that is not 0, as a decimal
    after ≈ is rounded to its last digit."""
    if isinstance(term, t.Neg):
        return t.Neg(_rounded_whole(term.a))
    if not isinstance(term, t.Num) or term.unit or not float(term.value).is_integer():
        return term
    digits = str(int(abs(term.value)))
    zeros = len(digits) - len(digits.rstrip("0"))
    if zeros == 0 or len(digits) - zeros < 3:
        return term
    return t.Num(term.value, 10.0 ** zeros)


def _read_condition(piece: Piece) -> Side:
    """A condition written after a chain (``\\quad i \\ne j``, ``\\text{when } a = 2``): one
    relation, read as the grammar reads a relation inside parentheses."""
    side = read_side(Piece("(" + piece.text + ")", piece.offset - 1))
    term = side.term
    if isinstance(term, t.Paren) and len(term.args) == 1 and isinstance(term.args[0], t.Relation):
        return Side(piece, [("", term.args[0])])
    return Side(piece, [], side.error or Unreadable("the condition is not one relation"))


@dataclass(frozen=True)
class Statement:
    """A chain ``sides[0] R sides[1] R …`` and where it stands.

    ``relations`` are the signs between sides: ``=``, ``:=`` (``\\coloneqq``, ``\\stackrel{def}{=}``,
    and ``=:`` turned around), ``≡``, ``←`` (an assignment), ``=!`` (an equation to solve),
    ``∈`` (a declaration), ``≠ < > ≤ ≥`` (a relation); ``labels`` a condition written over one
    sign (``\\stackrel{k \\ne l}{=}``). ``continues``: the block began with ``=``, continuing the
    chain before it. ``condition`` is an index condition written after the chain (``\\quad i \\ne
    j``). The prose: ``before`` (its paragraph up to the block, lower case), ``sentence`` (its
    sentence up to the math), ``after`` (the prose right after the block), ``gap`` (characters
    of prose since the previous block), ``section`` (headings above it), ``said`` (numbers its
    sentence writes alone, values given in words)."""

    sides: tuple[Side, ...]
    relations: tuple[str, ...]
    continues: bool = False
    labels: tuple[str, ...] = ()
    condition: Side | None = None
    inline: bool = False
    block: int = 0
    paragraph: int = 0
    section: int = 0
    bullet: int = 0                 # list items above it (each bullet: a new example)
    before: str = ""
    sentence: str = ""
    after: str = ""
    gap: int = 0
    listed: bool = False            # i = 0, …, N: a range of values
    implied: bool = False           # written after ⇒
    opens: bool = False             # it opens its sentence, after a capital ("For $…$")
    cues: cue.Cues = field(default_factory=cue.Cues)
    line: int = 0                   # the line of its first side
    said: tuple[str, ...] = ()      # numbers its sentence writes alone ("nudging a to $2.001$")
    in_item: bool = False           # inside a list item (not in prose before or after a list)
    titled: bool = False            # its section opens with a # heading (not a bold lead)
    outer: tuple[int, ...] = ()     # the list items it is nested in (numbered as ``bullet``)
    chapter: int = 0                # # headings above it (a bold lead opens no chapter)
    heading: str = ""               # its section's heading, as words (lower case)
    named: bool = False             # after a label in its math (\text{RMSNorm:}\quad y = …)
    supposed: bool = False          # it opens with a setting in words ("For a sinusoid, $…$")
    dashed: bool = False            # its item (``bullet``) is marked -, * or +, not numbered

    @property
    def pieces(self) -> tuple[Piece, ...]:
        return tuple(s.piece for s in self.sides)


# ---- splitting a block ---------------------------------------------------------------------

_PROSE_WORDS = ("if|for|when|where|with|and|or|otherwise|else|then|since|so|thus|hence|all|each|"
                "every|any|is|are|at|on|in|of|to|the|a|an|st|subject|such|that|let|we|get|"
                "gives|by|from|which|as|but|not|only|also|both|case|und|oder|wenn|falls|mit|"
                "für|et|ou|si|pour|avec|où|y|o|para|cuando|con|donde|e|per|se|quando|dove|"
                "als|voor|wanneer|dla|gdy|oraz|için|ve")


@functools.lru_cache(maxsize=1)
def _separator() -> re.Pattern:
    names = "|".join(re.escape(w) for w in sorted(function_words(), key=len, reverse=True))
    return re.compile(
        r"\\(?:Rightarrow|Longrightarrow|implies|iff|Leftrightarrow|rightarrow|therefore|"
        r"because|qquad|quad|hence|intertext|checkmark)(?![A-Za-z])|[✓✔]"
        # \text{softmax}(z) names a function, \text{MSE} a quantity; other \text{…} is words
        # (and a word set off by a space, \text{kde }, is one of the prose's)
        # (n_\text{in}: a subscript's word, unbraced, is the name's label, never words)
        r"|(?<![_^])(?<![_^]\s)\\(?:text|mbox|textrm|textbf|textit)(?![A-Za-z])"
        r"(?!\s*\{\s*(?i:" + names + r")\s*\})"
        r"(?!\s*\{\s*(?!(?i:" + _PROSE_WORDS + r")\s*\})[A-Za-z][A-Za-z0-9]{0,13}\})"
        r"(?:\s*\{[^{}]*\})?"
        r"|\\(?:label|tag|eqref|ref)\s*\{[^{}]*\}"
        r"|(?<!\d),|,(?!\d)|;"           # 262,656 and 0,5: one number
        r"|\.(?=\s*$)")


_IGNORED = re.compile(r"\\(?:nonumber|notag|displaystyle|textstyle)(?![A-Za-z])|(?<!\\)%[^\n]*")
_LABELLED = r"\\(?:stackrel|overset)\s*\{(?:[^{}]|\{[^{}]*\})*\}\s*\{=\}"
_RELATION = re.compile(r"(?<![<>!:≤≥≠])=(?![=:])|:=|=:|≔|≡|≝|≜|←|"
                       r"\\(?:coloneqq|triangleq|equiv)(?![A-Za-z])|" + _LABELLED +
                       r"|\\(?:leftarrow|gets|longleftarrow)(?![A-Za-z])")
_OTHER_RELATION = re.compile(r"\\(?:approx|neq?|le|leq|ge|geq|propto|sim|to|mapsto|in|subset|"
                             r"simeq|cong|ll|gg)(?![A-Za-z])|[<>≈≃≅∝∼→↦⊂⊆≪≫≤≥≠]")
_APPROX = re.compile(r"\\approx(?![A-Za-z])|≈")
# a number written to some decimals (−0.0819, 2{,}5, 9.1 × 10^{-4}, 12.5 %), alone or a tuple
_DECIMAL = r"[-−]?\s*\d*(?:[.,]|\{,\})\d+(?:\s*\\(?:times|cdot)\s*10\^\{?[-−]?\d+\}?)?\s*(?:\\?%)?"
_ENTRY = r"[-−]?\s*\d+(?:(?:[.,]|\{,\})\d+)?"
_ROUNDED = re.compile(r"\s*(?:" + _DECIMAL + r"|[(\[]\s*" + _ENTRY + r"(?:\s*[,;](?:\\[ ,;:]|\s)*"
                      + _ENTRY + r")*\s*[)\]])\s*[.,;]?\s*$")
# a matrix of written entries (\begin{pmatrix}-1{,}2247 & 0\\ 0 & 1{,}3887\end{pmatrix})
_ROUNDED_MATRIX = re.compile(r"\s*\\begin\{([pbvBV]?matrix)\}\s*" + _ENTRY +
                             r"(?:\s*(?:&|\\\\)\s*" + _ENTRY + r")*\s*(?:\\\\)?\s*\\end\{\1\}"
                             r"\s*[.,;]?\s*$")
# 0.0858 + 0.0461, 0.4702 × 0.8483: arithmetic of written decimals, each rounded
_NUMBER = r"\(?\s*[-−]?\s*\d+(?:(?:[.,]|\{,\})\d+)?\s*\)?"
_ROUNDED_TERMS = re.compile(r"\s*" + _NUMBER + r"(?:\s*(?:[-−+·×/*]|\\cdot(?![A-Za-z])|"
                            r"\\times(?![A-Za-z]))\s*" + _NUMBER + r")+\s*[.,;]?\s*$")
_LONE_NAME = re.compile(r"\\?[A-Za-z]+(?:_\{?[A-Za-z0-9]+\}?)?")     # ε, \varepsilon, b_1
_LONE_NUMBER = re.compile(r"[-−]?\s*\d+(?:[.,]\d+)?\s*(?:\\?%)?")
_LEFT_RIGHT = re.compile(r"\\(left|right)(?![A-Za-z])\s*(\\\{|\\\}|\\[A-Za-z]+|.)", re.S)
_ROW_END = re.compile(r"\\\\(\s*\[[^\]]*\])?|\\cr(?![A-Za-z])")
_IN = re.compile(r"\\in(?![A-Za-z])|∈")
_IMPLIES = re.compile(r"\s*\\(Rightarrow|Longrightarrow|implies|iff|Leftrightarrow|therefore)")
_ELLIPSIS = re.compile(r"^(\\[lcv]?dots|\\dotsc|…|\.\.\.)")
_LONE = re.compile(r"\\neq?(?![A-Za-z])|\\ne(?![A-Za-z])|\\leq?(?![A-Za-z])|\\geq?(?![A-Za-z])|"
                   r"\\lt(?![A-Za-z])|\\gt(?![A-Za-z])|<|>|≠|≤|≥")
_CONDITION_TOKENS = re.compile(r"\\neq|\\ne(?![A-Za-z])|=|-?\d+(?:\.\d+)?|[A-Za-z]")
_CONDITION_WORD = re.compile(r"\\(?:text|mbox|textrm)\s*\{\s*(for|if|when|where|at|with)\b[^{}]*\}")


def _top_level_splits(text: str, pattern: re.Pattern) -> list[tuple[int, int]]:
    """Spans of ``pattern`` matches outside braces, brackets, parentheses and environments."""
    spans = []
    depth = 0
    i = 0
    while i < len(text):
        if text.startswith("\\begin", i) or text.startswith("\\end", i):
            depth += 1 if text.startswith("\\begin", i) else -1
            i += 6 if text.startswith("\\begin", i) else 4
            continue
        if text.startswith("\\langle", i) or text.startswith("\\rangle", i):
            depth += 1 if text[i + 1] == "l" else -1
            i += 7
            continue
        if text.startswith("\\left", i) or text.startswith("\\right", i):
            m = _LEFT_RIGHT.match(text, i)
            if m:
                depth += 1 if m.group(1) == "left" else -1
                i = m.end()
                continue
        c = text[i]
        if text.startswith("\\{", i) or text.startswith("\\}", i):
            depth += 1 if text[i + 1] == "{" else -1      # a set \{x_1, …\}: one piece
            i += 2
            continue
        if c == "\\" and i + 1 < len(text) and text[i + 1] in "{}[]()|,;. ":
            if depth == 0:
                m = pattern.match(text, i)
                if m and m.end() > i:
                    spans.append((i, m.end()))
                    i = m.end()
                    continue
            i += 2
            continue
        if c in "{([":
            depth += 1
        elif c in "})]":
            depth -= 1
        elif depth <= 0 and not (c == "," and _grouped(text, i)):
            m = pattern.match(text, i)
            if m and m.end() > i:
                spans.append((i, m.end()))
                i = m.end()
                continue
        i += 1
    return spans


def _grouped(text: str, i: int) -> bool:
    """Whether the comma at ``i`` groups the digits of one number (628,000, 1,234,567)."""
    start = i
    while start > 0 and text[start - 1].isdigit():
        start -= 1
    after = text[i + 1:i + 5]
    return 1 <= i - start <= 3 and text[start] != "0" and (start == 0 or text[start - 1] != ".") \
        and len(after) >= 3 and after[:3].isdigit() and (len(after) == 3 or not after[3].isdigit())


def _pieces(text: str, offset: int, spans: list[tuple[int, int]]) -> list[Piece]:
    out, last = [], 0
    for a, b in spans + [(len(text), len(text))]:
        out.append(Piece(text[last:a], offset + last))
        last = b
    return out


def _ampersands_blanked(text: str) -> str:
    chars = list(text)
    for a, _ in _top_level_splits(text, re.compile(r"&")):
        chars[a] = " "
    return "".join(chars)


def _relation_kind(sign: str) -> tuple[str, str]:
    """The kind of a relation sign, and the label written over it (a condition, or a note)."""
    sign = sign.strip()
    if "equiv" in sign or sign == "≡":
        return "≡", ""
    if "arrow" in sign or "gets" in sign or sign == "←":
        return "←", ""
    if sign == "=:":
        return "=:", ""
    if "stackrel" in sign or "overset" in sign:
        label = sign[sign.index("{") + 1:sign.rindex("}", 0, sign.rindex("{"))].strip()
        if "!" in label:
            return "=!", ""              # \stackrel{!}{=}: an equation to solve
        if re.search(r"def|\\triangle|Δ|≝", label) or label == ":":
            return ":=", ""
        if re.search(r"\\ne|\\neq|=|<|>|\\le|\\ge", label):
            return "=", label            # \stackrel{k \ne l}{=}: holds under that condition
        return "=", ""                   # \overset{(1)}{=}, \stackrel{?}{=}: a step to check
    return ("=", "") if sign == "=" else (":=", "")


def _rounded(piece: str, chained: bool, opened: bool = False) -> bool:
    """A side after ≈ that is written decimals (0.0819, (0.4525; 1, 0.345), a matrix of them;
    with ``chained``,
    in a chain with an equality, also 0.0858 + 0.0461): equal to the digits shown, not an
    approximation of another kind."""
    decimal = re.search(r"\d(?:[.,]|\{,\})\d", piece) is not None
    return decimal and (_ROUNDED.match(piece) is not None or
                        _ROUNDED_MATRIX.match(piece) is not None or
                        chained and (_ROUNDED_TERMS.match(piece) is not None or
                                     opened and _numbers_only(piece)))


# what arithmetic of numbers is written with, besides digits and operators
_ARITHMETIC_COMMANDS = re.compile(r"\\(?:[dt]?frac|cdot|times|sqrt|left|right|[bB]ig{1,2}[lr]?|"
                                  r"quad|qquad)(?![A-Za-z])|\\[,;:! ]")


def _numbers_only(piece: str) -> bool:
    """½(1,3414 + 0,1111 + 0,4332), (0.5)(0.3799) + 0.1: arithmetic of written numbers only,
    with fractions, powers, roots and parentheses — no name."""
    rest = _ARITHMETIC_COMMANDS.sub(" ", piece)
    # (a lone number is _ROUNDED's: "≈ 57,8\ \text{Mio.}" is one in a unit of words)
    operated = re.search(r"[+\-−·×/*^]|\\(?:[dt]?frac|sqrt|cdot|times)(?![A-Za-z])", piece)
    return re.fullmatch(r"[\s\d.,{}()\[\]+\-−·×/*^_]*[.,;]?\s*", rest) is not None and \
        re.search(r"\d", rest) is not None and operated is not None


def split_chain(text: str, offset: int) -> tuple[list[Piece], tuple[str, ...], tuple[str, ...],
                                                 bool] | None:
    """``A = B = C``: its pieces, relations, the labels over them, and whether it begins with
    a relation (continuing a chain); None if it states no equality."""
    spans = _top_level_splits(text, _RELATION)
    # "≈ 0.0819": equal to the digits shown, checked as "=" (a written decimal stands for the
    # interval it rounds); ≈ before anything else is an approximation, and ends the chain
    ending = _approximations(text)
    spans += [s for s in _top_level_splits(text, _APPROX) if s not in ending]
    spans.sort()
    if not spans:
        return None
    pieces = _pieces(text, offset, spans)
    pieces[1:] = [dataclasses.replace(p, rounded=True) if _APPROX.fullmatch(text[a:b]) else p
                  for p, (a, b) in zip(pieces[1:], spans)]
    kinds = [("=", "") if _APPROX.fullmatch(text[a:b]) else _relation_kind(text[a:b])
             for a, b in spans]
    continues = not pieces[0].text.strip()
    if continues:
        pieces, kinds = pieces[1:], kinds[1:]
    kept: list[Piece] = []
    for p in pieces:
        member = _top_level_splits(p.text, _IN)
        if member:               # S = QKᵀ \in ℝ^{N×N}: the set says what S is, and ends it
            kept.append(Piece(p.text[:member[0][0]], p.offset))
            break
        if _top_level_splits(p.text, _OTHER_RELATION):
            # a piece holding ≈, <, → is not an equality: the chain ends; f'' = x² + 1 > 0
            # claims the equality before the bound (one bound, not an angle bracket < … >)
            bound = _top_level_splits(p.text, _LONE)
            if kept and len(bound) == 1 and p.text[:bound[0][0]].strip() and \
                    len(_top_level_splits(p.text, _OTHER_RELATION)) == 1:
                kept.append(Piece(p.text[:bound[0][0]], p.offset))
            break
        kept.append(p)
    if len(kept) < (1 if continues else 2):
        return None
    kinds = kinds[:max(len(kept) - 1, 0)]
    if [k for k, _ in kinds] == ["=:"] and not continues:
        return [kept[1], kept[0]], (":=",), ("",), False     # σ(z) =: s is s := σ(z)
    return kept, tuple(k for k, _ in kinds), tuple(lb for _, lb in kinds), continues


def _membership(text: str, offset: int, chained: bool = False
                ) -> tuple[list[Piece], tuple[str, ...]] | None:
    """``Q, K, V \\in \\mathbb{R}^{N \\times d}``: the names, and the set they belong to; with
    ``chained``, the first side of ``G = ∂L/∂Y \\in ℝ^{n×m}`` and the set that ends it."""
    spans = _top_level_splits(text, _IN)
    if len(spans) != 1:
        return None
    (a, b), = spans
    left, right = text[:a], text[b:].strip().rstrip(".,;")
    relations = _top_level_splits(left, _RELATION)
    if relations and not chained:
        return None
    if relations:
        left = left[:relations[0][0]]
        try:
            if not isinstance(readings(left)[0][1], (t.Sym, t.Script)):
                return None
        except Unreadable:
            return None
    if not left.strip() or not right.strip() or "," in right and "\\{" not in right and \
            "^" not in right:
        return None
    return [Piece(left, offset), Piece(text[b:], offset + b)], ("∈",)


def _lone_relation(text: str, offset: int) -> tuple[list[Piece], tuple[str, ...]] | None:
    """``$i \\neq j$``, ``$x > 0$``: one relation, not an equation; ``$\\epsilon \\approx 0$``:
    a name said to be negligible (relation ``≈``)."""
    approx = _top_level_splits(text, _APPROX)
    if len(approx) == 1 and not _top_level_splits(text, _RELATION) and \
            text[approx[0][1]:].strip() == "0":
        pieces = _pieces(text, offset, approx)
        return (pieces, ("≈",)) if pieces[0].text.strip() else None
    spans = _top_level_splits(text, _LONE)
    if not spans:
        return None
    ops = tuple(_lone_sign(text[a:b].strip()) for a, b in spans)
    # r_min ≤ 0 ≤ r_max, 0 < p < 1: a chain of bounds in one direction
    if len(ops) > 1 and not (set(ops) <= {"<", "≤"} or set(ops) <= {">", "≥"}):
        return None
    pieces = _pieces(text, offset, spans)
    if not all(p.text.strip() for p in pieces):
        return None
    return pieces, ops


def _lone_sign(sign: str) -> str:
    return "≠" if "ne" in sign or sign == "≠" else "<" if sign in ("<", "\\lt") else ">" if sign in (
        ">", "\\gt") else "≤" if "le" in sign or sign == "≤" else "≥"


def _condition(text: str, separator: str) -> str | None:
    """``i = j``, ``i \\neq j`` after a comma, \\quad or \\text{for} (an index condition), or
    ``a = 2`` after \\text{when}/\\text{at}/… (a value condition); linear in the text."""
    words = " ".join(text.split()).strip()
    if words.startswith("(") and words.endswith(")"):
        words = words[1:-1].strip()
    words = words.rstrip(".,").strip()
    m = re.match(r"\\(?:text|mbox|textrm)\s*\{\s*(for|if|when|where|at|with)\s*\}\s*", words)
    lead = m.group(1) if m else None
    words = words[m.end():] if m else words
    for w in ("for", "if", "when", "at", "where", "with"):
        if words.startswith(w + " "):
            lead, words = w, words[len(w) + 1:]
            break
    said = _CONDITION_WORD.match(separator.strip())
    if (lead or said and said.group(1)) in ("when", "if") and \
            len(_top_level_splits(words, _RELATION)) == 1:
        return words        # "… \text{ when } A = A^⊤": the claim before holds under it
    tokens = _CONDITION_TOKENS.findall(words)
    if "".join(tokens).replace(" ", "") != words.replace(" ", ""):
        return None
    worded = bool(_CONDITION_WORD.match(separator)) or lead is not None or \
        text.lstrip().startswith("(")
    if len(tokens) >= 3 and len(tokens) % 2 == 1 and all(
            len(tk) == 1 and tk.isalpha() for tk in tokens[::2]) and all(
            tk in ("=", "\\ne", "\\neq") for tk in tokens[1::2]):
        if "=" in tokens and not any(tk.startswith("\\") for tk in tokens) and not worded:
            return None  # "i = j" after a comma alone is a chain, not a condition
        return words
    if worded and len(tokens) == 3 and len(tokens[0]) == 1 and tokens[0].isalpha() and \
            tokens[1] == "=" and re.fullmatch(r"-?\d+(?:\.\d+)?", tokens[2]):
        return words
    return None


@dataclass
class _Raw:
    pieces: list[Piece]
    relations: tuple[str, ...]
    labels: tuple[str, ...] = ()
    continues: bool = False
    condition: Piece | None = None
    listed: bool = False
    implied: bool = False
    named: bool = False          # after a label in the math: \text{RMSNorm:}\quad y = …


def _unboxed(text: str) -> str:
    """``\boxed{J = …}`` (\fbox, \bbox): the box blanked, its statement kept in place."""
    for m in reversed(list(re.finditer(r"\\(?:boxed|fbox|bbox)\s*(?:\[[^\]]*\])?\{", text))):
        j = _closing(text, m.end() - 1)
        if j is None:
            continue
        inner = text[m.end():j - 1]
        parts = _split_spans(inner, _top_level_splits(inner, re.compile(
            r"[,;]?\s*\\q?quad(?![A-Za-z])|[,;]")))
        if not re.search(r"\\(?:text|mbox)(?![A-Za-z])", inner) and (
                len(parts) == 1 or all(_top_level_splits(p, _RELATION) for p in parts)):
            # one equation boxed, or several each an equation (∂L/∂W = Xᵀ G, \qquad
            # ∂L/∂X = G Wᵀ); a boxed list of labelled values stays one unread piece
            text = text[:m.start()] + " " * (m.end() - m.start()) + inner + " " + text[j:]
    return text


def _closing(text: str, start: int) -> int | None:
    """The index just past the brace group that opens at ``start``; None if it never closes."""
    depth, j = 1, start + 1
    while j < len(text) and depth:
        depth += {"{": 1, "}": -1}.get(text[j], 0) if text[j - 1] != "\\" else 0
        j += 1
    return j if depth == 0 else None


def _unbraced(text: str) -> str:
    """``\\underbrace{e^{-z}/(1+e^{-z})}_{1-σ(z)}`` (and \\overbrace{…}^{…}): the brace and its
    label blanked, what it spans kept in place."""
    for m in reversed(list(re.finditer(r"\\(under|over)brace\s*\{", text))):
        j = _closing(text, m.end() - 1) or len(text)
        k = j
        while k < len(text) and text[k] == " ":
            k += 1
        if k < len(text) and text[k] == ("_" if m.group(1) == "under" else "^"):
            k += 1
            while k < len(text) and text[k] == " ":
                k += 1
            end = (_closing(text, k) or len(text)) if k < len(text) and text[k] == "{" else \
                (re.match(r"\\[A-Za-z]+|.", text[k:]).end() + k if k < len(text) else k)
            text = text[:j] + " " * (end - j) + text[end:]
        text = text[:m.start()] + " " * (m.end() - 1 - m.start()) + text[m.end() - 1:]
    return text


def _split_spans(text: str, spans: list[tuple[int, int]]) -> list[str]:
    """The pieces of ``text`` between the spans."""
    cuts = [0] + [x for a, b in spans for x in (a, b)] + [len(text)]
    pieces = (text[cuts[k]:cuts[k + 1]] for k in range(0, len(cuts), 2))
    return [p for p in pieces if p.strip()]


# a row that opens with an operator (&\quad + q_1k_2(…)): the right side of the row before,
# going on
_SPACING = re.compile(r"(?:\s|&|\\q?quad(?![A-Za-z])|\\[,;: !])*")
_OPERATOR_FIRST = re.compile(_SPACING.pattern + r"(?:[+\-−]|\\(?:cdot|times|pm|mp)(?![A-Za-z]))")


def _continued_rows(text: str, rows: list[Piece]) -> list[Piece]:
    """The rows of a block, each row that goes on with an operator and states no relation
    joined to the one before (its row end blanked)."""
    out: list[Piece] = []
    for row in rows:
        if out and _OPERATOR_FIRST.match(row.text) and \
                not _top_level_splits(row.text, _RELATION) and \
                _top_level_splits(out[-1].text, _RELATION):
            last = out[-1]
            gap = row.offset - last.offset - len(last.text)    # the row end, blanked
            spaced = len(_SPACING.match(row.text).group())   # its \quad is no separator
            out[-1] = Piece(last.text + " " * (gap + spaced) + row.text[spaced:], last.offset)
        else:
            out.append(row)
    return out


def _block_statements(latex: str, offset: int, display: bool) -> list[_Raw]:
    text = _unbraced(_unboxed(_IGNORED.sub(lambda m: " " * len(m.group()), latex)))
    # \\[3pt]: a row's end with extra space (its bracket is no bracket of the math)
    text = ROW_SPACE.sub(lambda m: "\\\\" + " " * (len(m.group()) - 2), text)
    text = ENV.sub(lambda m: m.group() if m.group(2) not in STATEMENT_ENVS
                   else " " * len(m.group()), text)
    out: list[_Raw] = []
    for row in _continued_rows(text, _pieces(text, 0, _top_level_splits(text, _ROW_END))):
        comment = _top_level_splits(row.text, re.compile(r"&\s*&"))
        if comment:          # x &= … && \text{normalise}: the last column is a comment
            row = Piece(row.text[:comment[0][0]], row.offset)
        row_text = _ampersands_blanked(row.text)
        member = _membership(row_text, offset + row.offset)
        if member is not None:
            out.append(_Raw(member[0], member[1]))
            continue
        paired = _paired(row_text, offset + row.offset)
        if paired is not None:
            out.extend(paired)
            continue
        seps = _top_level_splits(row_text, _separator())
        parts = _pieces(row_text, row.offset, seps)
        implies = False      # \quad\Longrightarrow\quad: separators with nothing between
        between = ""         # the separators since the last part that held something
        named = False
        for k, part in enumerate(parts):
            sep_before = row_text[seps[k - 1][0]:seps[k - 1][1]] if k else ""
            named = named or bool(_LABEL.search(sep_before if k else part.text))
            implies = implies or bool(_IMPLIES.match(sep_before))
            between += sep_before
            if not part.text.strip():
                continue
            words, between = _WORDS_AFTER_CLAUSE.search(between), ""
            implied, implies = implies, False
            label = _LABEL_COLON.match(part.text)
            if label:
                part = Piece(" " * label.end() + part.text[label.end():], part.offset)
            cond = _condition(part.text, sep_before)
            if cond is not None and out and out[-1].condition is None and k:
                out[-1].condition = Piece(cond, offset + part.offset)
                continue
            cuts = _approximations(part.text)
            chain = split_chain(part.text[:cuts[0][0]] if cuts else part.text,
                                offset + part.offset)
            # A = B ≈ (0.665 − 1, 0.245) = (−0.435, 0.245): ≈ ends the chain A = B, and the
            # equalities after it are a chain of their own
            after = [c for (_, b), (a, _) in zip(cuts, cuts[1:] + [(len(part.text), 0)])
                     if (c := split_chain(part.text[b:a], offset + part.offset + b)) is not None
                     and not c[3]]
            if chain is None and after:
                chain, after = after[0], after[1:]
            # W ∈ ℝ^{d×m} beside an equation, G = ∂L/∂Y ∈ ℝ^{n×m}: what the first name is
            member = _membership(part.text, offset + part.offset, chained=chain is not None)
            if member is not None:
                out.append(_Raw(member[0], member[1]))
            if chain is None:
                lone = None if display or member else _lone_relation(part.text,
                                                                    offset + part.offset)
                if lone is not None:
                    out.append(_Raw(lone[0], lone[1]))
                continue
            pieces, relations, labels, continues = chain
            if continues and words:
                # "…, \qquad \text{standard deviation} ≈ 0.0971": said of the words, not
                # the chain before the comma continued
                continue
            if len(pieces) >= 3 and set(relations) == {"="} and \
                    _LONE_NUMBER.fullmatch(pieces[-1].text.strip()) and \
                    all(_A_NAME.fullmatch(p.text) and p.text.strip() != "e"
                        for p in pieces[:-1]) and (
                        not any("^" in p.text for p in pieces[:-1]) or
                        all(_SQUARED.search(p.text) and "^" not in _SQUARED.sub("", p.text)
                            for p in pieces[:-1])):
                # n = d = d_v = 2: each name is given the number, none claimed equal to another
                # (σ_1² = σ_2² = 1 too: each variance)
                out.extend(_Raw([p, pieces[-1]], ("=",)) for p in pieces[:-1])
                continue
            # j = 0, 1, …, K: the values listed up to an ellipsis
            later = [p.text.strip() for p in parts[k + 1:]]
            counted = next((n for n, x in enumerate(later)
                            if not _LONE_NUMBER.fullmatch(x)), len(later))
            nxt = later[counted] if counted < len(later) else ""
            # (or n = 0, 1, 2, 3: the values listed to the end)
            lone = _LONE_NUMBER.fullmatch(pieces[-1].text.strip()) is not None
            out.append(_Raw(pieces, relations, labels, continues, None,
                            listed=bool(_ELLIPSIS.match(nxt)) and (not counted or lone) or
                            counted >= 2 and counted == len(later) and lone,
                            implied=implied, named=named))
            out.extend(_Raw(c[0], c[1], c[2], False) for c in after)
    return out


def _an_index(name: str, blocks: list[Block]) -> bool:
    """Whether the text writes ``name`` (a letter) in a subscript (W_{ij}, μ_i): "the index i
    I leave out" drops it from the notation, never makes it 0."""
    if not re.fullmatch(r"[A-Za-z]", name):
        return False
    written = re.compile(r"_\s*(?:" + name + r"(?![A-Za-z])|\{[^{}]*(?<![A-Za-z\\])" + name +
                         r"(?![A-Za-z])[^{}]*\})")
    return any(written.search(b.latex) for b in blocks)


_COMMA = re.compile(r"(?<!\d),|,(?!\d)|;")
# \text{LN:}, \textbf{RMSNorm:} opening a row of math: the label of what the row defines
_LABEL = re.compile(r"\\(?:text|textbf|textit|mathrm|mbox)\s*\{[^{}$]{1,40}:\s*\}")
# \text{Conv2} &: 32·64·9 = 18432 — a row opened by a label and a colon: the label names
# the computation that follows (a label of words is a separator already, and its colon opens
# the part after it)
_LABEL_COLON = re.compile(r"(?:\s*\\(?:text|textbf|textit|mathrm|mbox|operatorname)\s*"
                          r"\{[^{}$]{1,40}\})?\s*:(?!=)")
_DANGLING = re.compile(r"(?:=|\\approx|≈)\s*$")
# a clause ended (a comma, \quad) and words begun: what follows is said of the words
_WORDS_AFTER_CLAUSE = re.compile(r"(?:[,;]|\\q?quad(?![A-Za-z])).*\\(?:text|mbox|textrm|textbf|"
                                 r"textit)(?![A-Za-z])", re.S)
_SPACES = re.compile(r"(?:\s|\\[ ,;:!])*")
_SQUARED = re.compile(r"\^\s*(?:2|\{\s*2\s*\})\s*$")     # σ_1^2: a variance's name
_A_NAME = re.compile(r"\s*\\?[A-Za-z]+(?:\{\\?[A-Za-z]+\})?"
                     r"(?:\s*[_^]\s*(?:\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\}|\w)){0,2}\s*")


def _paired(text: str, offset: int) -> list[_Raw] | None:
    """``x^{(1)}, x^{(2)}, x^{(3)} = 1, −1, 1``: names listed, one equals sign, as many values
    after it: each name's value (split at the commas, it was ``x^{(3)} = 1`` alone)."""
    relations = _top_level_splits(text, _RELATION)
    if len(relations) != 1 or text[relations[0][0]:relations[0][1]].strip() != "=":
        return None
    a, b = relations[0]
    left, right = _inside(text, 0, a), _inside(text, b, len(text))
    if (left is None) != (right is None):
        return None
    if left is not None:                  # (m, j) = (1, 2): a pair of values, each its name's
        (a0, a1), (b0, b1) = left, right
        names = _pieces(text[a0:a1], offset + a0, _top_level_splits(text[a0:a1], _COMMA))
        # inside the parentheses every comma separates (1,2 is no decimal here)
        values = _pieces(text[b0:b1], offset + b0, _top_level_splits(text[b0:b1],
                                                                      re.compile(",")))
    else:
        names = _pieces(text[:a], offset, _top_level_splits(text[:a], _COMMA))
        values = _pieces(text[b:], offset + b, _top_level_splits(text[b:], _COMMA))
    values = values[:-1] if len(values) > 1 and not values[-1].text.strip(" .") else values
    # (x,\ h = 1,\ 0.5: the space a comma is followed by is no part of the next name)
    names, values = ([Piece(p.text[m.end():], p.offset + m.end()) for p in pieces
                      for m in [_SPACES.match(p.text)]] for pieces in (names, values))
    if left is not None and not all(_LONE_NUMBER.fullmatch(v.text.strip()) for v in values):
        return None                       # (x_1, …, x_n) = (x_1, x_2, x_3): a claim on lists
    if len(names) < 2 or len(names) != len(values) or \
            not all(_A_NAME.fullmatch(p.text) for p in names) or \
            not all(v.text.strip() for v in values):
        return None
    return [_Raw([n, v], ("=",)) for n, v in zip(names, values)]


def _inside(text: str, start: int, end: int) -> tuple[int, int] | None:
    r"""Where the inside of ``text[start:end]`` is when that is one pair of parentheses (or of
    brackets: a range ``[r_{\min}, r_{\max}] = [−1.8, 3.4]`` gives each end its value)."""
    body = text[start:end]
    stripped = body.strip().rstrip(".,").rstrip()
    pair = next((p for p in ("()", "[]") if stripped[:1] == p[0] and stripped[-1:] == p[1]), None)
    if pair is None:
        return None
    depth = 0
    for k, c in enumerate(stripped):
        depth += (c == pair[0]) - (c == pair[1])
        if depth == 0 and k < len(stripped) - 1:
            return None                   # (a)(b): not one pair
    if depth:
        return None
    first = start + body.index(pair[0])
    return first + 1, first + len(stripped) - 1


def _approximations(text: str) -> list[tuple[int, int]]:
    """The ≈ of ``text`` that end a chain (an approximation, not a decimal rounded to the
    digits shown, which split_chain reads as an equality). Arithmetic of decimals after ≈
    continues only a chain with an equality ("w ≈ 1.2 − 0.15 × 0.09" alone is a value in
    words, "H ≈ 0.0858 + 0.0461 = 0.1319" a computation), and arithmetic with fractions or
    parentheses only one an equality opens ("L = ½(1,1582² + …) ≈ ½(1,3414 + …) ≈ 0,9430";
    "c ≈ 0,2348 (1, 0) + …" is an approximation throughout)."""
    spans = _top_level_splits(text, _RELATION)
    approx = _top_level_splits(text, _APPROX)
    bounds = sorted(spans + approx)
    opened = bool(spans) and spans[0] == bounds[0]
    return [(a, b) for k, (a, b) in enumerate(bounds) if (a, b) in approx and not _rounded(
        text[b:bounds[k + 1][0] if k + 1 < len(bounds) else len(text)], bool(spans), opened)]


# ---- the prose around statements ----------------------------------------------------------

_BLANK_LINE = re.compile(r"\n[ \t]*\n")
# a scale written right after an inline number: a word of the cue table (118.0 million, 12
# Mio.) or an SI or binary prefix of a unit (30.0 MFLOPs, 0.90 MiB)
_PREFIXES = {"k": 1e3, "K": 1e3, "M": 1e6, "G": 1e9, "T": 1e12, "B": 1e9, "Ki": 2.0 ** 10,
             "Mi": 2.0 ** 20, "Gi": 2.0 ** 30}
_PREFIX = re.compile(r"[ \t]?(Ki|Mi|Gi|[kKMGTB])(?![a-z])")
_WORD = re.compile(r"[ \t]?(\w+)")


def _scale_after(text: str) -> tuple[str, float] | None:
    m = _WORD.match(text)
    factor = cue.scales().get(m.group(1).lower()) if m else None
    if factor is not None:
        return m.group(1), factor
    m = _PREFIX.match(text)
    return (m.group(1), _PREFIXES[m.group(1)]) if m else None


_HEADING = re.compile(r"^ {0,3}(#{1,6}\s|\*\*[^*\n]+\*\*|__[^_\n]+__)", re.M)
_BULLET = re.compile(r"^ {0,3}([-*+]|\d{1,2}[.)]|\([a-z0-9]{1,3}\))\s", re.M)
_CONTINUES = re.compile(r"\s*(where|with|here|which|whose|wobei|wo|mit|où|avec|donde|con|dove|"
                        r"gdzie|waarbij|где|burada|其中|ここで)\b")


# a sentence ends at a stop before a space (3.5 is a number), or at a CJK full stop, which
# needs none ("取 $K = 3$。则 $e^1 ≈ 2.7183$": the choice is not the next sentence's)
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)|[。！？]")
_RELATES = re.compile(r"=|<|>|≤|≥|≠|≈|\\(le|ge|leq|geq|ne|neq|approx|equiv|in|sim)(?![A-Za-z])")


def _prose(text: str) -> str:
    """Words of a stretch of Markdown, lower case, math and emphasis marks removed."""
    text = re.sub(r"\$\$.*?\$\$|\$[^$]*\$|\\\[.*?\\\]", " ", text, flags=re.S)
    return " ".join(re.sub(r"[*_`>#]", " ", text).split()).lower()


# ---- tables ----------------------------------------------------------------------------------

_STARTS_RELATION = re.compile(r"\s*(=|≈|<|>|≤|≥|\\(approx|le|ge|leq|geq)(?![A-Za-z]))")
_MARKUP = re.compile(r"[\s*_]*")
# a math cell of numbers only: a number, or a point such as (0, 1)
_NUMBERS_ONLY = re.compile(r"[-−+]?[(\[]?\s*[-−+]?\d+(?:[.,]\d+)?"
                           r"(?:\s*[,;]\s*[-−+]?\d+(?:[.,]\d+)?)*\s*[)\]]?")
_CELL_NUMBER = re.compile(r"[\s*_]*([-−]?(?:\d{1,3}(?:[ \u00a0\u2009\u202f]\d{3})+|\d+(?:\.\d+)?))"
                          r"[\s*_]*")


_INDEX_LETTER = re.compile(r"[A-Za-z]|\\[a-z]+")
_PLAIN_DECIMAL = re.compile(r"[\s*_]*([-−]?\d+(?:[.,]\d{1,2}|[.,]\d{4,})?)[\s*_]*")


def _indexed_rows(row: Any, text: str, blocks: list[Block], out: list, inside: Callable,
                  alone: Callable) -> bool:
    """| $t$ | 0 | 1 | 2 | over | $r_t$ | 0 | 1 | $-1$ |: a header row of an index's values
    (a letter, then whole numbers), each row's first cell written with the letter; a cell is
    that member's value, r_1 = 1, V(s_2) = 0,5. Whether the row was read so."""
    key, label = inside(*row.header[0]), inside(*row.cells[0])
    values = [re.fullmatch(r"[\s*_]*(\d{1,3})[\s*_]*", text[a:b]) for a, b in row.header[1:]]
    if len(key) != 1 or not _INDEX_LETTER.fullmatch(blocks[key[0]].latex.strip()) or \
            not values or not all(values) or len(label) != 1 or \
            not alone(label[0], *row.cells[0]) or _RELATES.search(blocks[label[0]].latex):
        return False
    letter = re.escape(blocks[key[0]].latex.strip())
    token = re.compile(r"(?<![A-Za-z\\])" + letter + r"(?![A-Za-z])")
    written = blocks[label[0]].latex.strip()
    if not token.search(written):
        return False
    for (a, b), value in zip(row.cells[1:], values):
        member = token.sub(value.group(1), written)
        math = inside(a, b)
        if len(math) == 1 and alone(math[0], a, b) and out[math[0]] is blocks[math[0]] and \
                _NUMBERS_ONLY.fullmatch(blocks[math[0]].latex.strip()):
            cell, head = blocks[math[0]], member + " = "
            out[math[0]] = Block(head + cell.latex, cell.offset, False, cell.start, cell.end,
                                 tuple(range(len(head))) +
                                 tuple(k + len(head) for k in cell.inserted))
        elif not math and (number := _PLAIN_DECIMAL.fullmatch(text[a:b])) is not None:
            at, head = a + number.start(1), member + " = "
            out.append(Block(head + number.group(1).replace(",", "."), at, False, at,
                             a + number.end(1), tuple(range(len(head))), given=True))
    return True


def _tabled(src: Source, blocks: list[Block]) -> list[Block]:
    """A table's rows read as what they say: under a header cell of math (``$z$``,
    ``$\\partial L/\\partial z$``), a cell's math is that header's value in its row
    (``$0.952574 - 1 = -0.047426$`` is ∂L/∂z = 0.952574 − 1 = …) and a plain number is a value
    the row is read at (``3`` under ``$z$``); under a header of words that name values (Wert,
    値), a row's math is its first cell's value (``| $x, h_{t-1}$ | $1, 0.5$ |``)."""
    text = src.text
    out = list(blocks)
    starts = [b.start for b in blocks]

    def inside(a: int, b: int) -> list[int]:
        return [k for k in range(bisect.bisect_left(starts, a), len(blocks))
                if blocks[k].end <= b] if a < b else []

    def alone(k: int, a: int, b: int) -> bool:      # the cell is that math and markup only
        return bool(_MARKUP.fullmatch(text[a:blocks[k].start] + text[blocks[k].end:b]))

    every = cue.all_languages()
    for row in table_rows(src):
        if _indexed_rows(row, text, blocks, out, inside, alone):
            continue
        # (a row keyed by a name's values, | 3 | 1 | … | under | $z$ | $y$ | … |; not one keyed
        # by words, whose math headers may be a vector's components, | $w_1$ | $w_2$ |)
        key = inside(*row.header[0])
        # (| $β_1$ | 0 | 1 | 2 |: a header row of values, the table keyed by its first column,
        # whose cells are formulas, not values of β_1)
        # (and | $(v,h)$ | $(0,0)$ | $(1,0)$ |: a header row of points, written in math)
        across = sum(1 for ha, hb in row.header[1:]
                     if not inside(ha, hb) and _CELL_NUMBER.fullmatch(text[ha:hb]) or
                     len(cell := inside(ha, hb)) == 1 and
                     _NUMBERS_ONLY.fullmatch(blocks[cell[0]].latex.strip()))
        keyed = len(key) == 1 and not _RELATES.search(blocks[key[0]].latex) and across < 2
        for j, (a, b) in enumerate(row.cells[:len(row.header)]):
            ha, hb = row.header[j]
            head = inside(ha, hb)
            math = inside(a, b)
            if keyed and len(head) == 1 and not _RELATES.search(blocks[head[0]].latex):
                name = blocks[head[0]].latex.strip()
                if len(math) == 1 and alone(math[0], a, b) and out[math[0]] is blocks[math[0]]:
                    cell = blocks[math[0]]
                    sep = " " if _STARTS_RELATION.match(cell.latex) else " = "
                    out[math[0]] = Block(name + sep + cell.latex, cell.offset, False, cell.start,
                                         cell.end, tuple(range(len(name) + len(sep))) +
                                         tuple(k + len(name) + len(sep) for k in cell.inserted))
                number = _CELL_NUMBER.fullmatch(text[a:b]) if not math else None
                if number is not None:
                    at = a + number.start(1)
                    out.append(Block(f"{name} = {number.group(1)}", at, False, at,
                                     a + number.end(1), tuple(range(len(name) + 3)), given=True))
            elif j == 1 and not head and not inside(*row.header[0]) and cue.mentions(
                    "value_column", " ".join(_prose(text[ha:hb]).split()[:3]), every):
                first, value = inside(*row.cells[0]), math
                if len(first) == 1 and len(value) == 1 and alone(first[0], *row.cells[0]) and \
                        alone(value[0], a, b) and out[first[0]] is blocks[first[0]] and \
                        not _RELATES.search(blocks[first[0]].latex + blocks[value[0]].latex):
                    name, cell = blocks[first[0]].latex.strip(), blocks[value[0]]
                    out[first[0]] = None
                    out[value[0]] = Block(name + " = " + cell.latex, cell.offset, False,
                                          cell.start, cell.end, tuple(range(len(name) + 3)))
    return sorted((b for b in out if b is not None), key=lambda b: (b.start, not b.given))


# ---- the summation convention ------------------------------------------------------------

SUMMED = "an index written twice in a product summed, as the text's convention says"
_MATH_AFTER = re.compile(r"\s*\$([^$\n]{1,30})\$")


def _convention(text: str, start: int, langs: tuple[str, ...]
                ) -> tuple[int | None, list[tuple[int, str]]]:
    """Where the text states the summation convention (None: nowhere; stated anywhere, it is
    the text's notation, read in every step beside the sums written out), and the indices it
    exempts from it ("no sum over $n$"), each with where it says so."""
    said = cue.where_mentioned("summation_convention", text[start:], langs)
    if not said:
        return None, []
    exempt = [(start + b, m.group(1).strip())
              for _, b in cue.where_mentioned("no_sum", text[start:], langs)
              if (m := _MATH_AFTER.match(text, start + b)) is not None]
    return start + said[0][0], exempt


def _summation_convention(sides: tuple[Side, ...], exempt: frozenset[str]
                          ) -> tuple[Side, ...]:
    """The sides of a chain read with the convention, as the usual reading, the sides as
    written after it: the left side's free indices are the equation's and are never summed;
    an index a right side writes once and the left side does not is summed where it is
    written (``P_{nj} Y_{nk}`` for ``∂L/∂Z_{nj}``: over k)."""
    terms = [s.term for s in sides]
    if len(terms) < 2 or any(x is None for x in terms):
        return sides
    free = [frozenset(t.free_index_counts(t.implied_sums(x, exempt))) for x in terms]
    equation = free[0]
    out = []
    for k, x in enumerate(terms):
        if k == 0:
            out.append(t.implied_sums(x, frozenset.intersection(*free[1:]) | exempt))
        else:
            dangling = free[k] - equation if equation else frozenset()
            out.append(t.implied_sums(x, equation | exempt, dangling - exempt))
    if all(a is b for a, b in zip(out, terms)):
        return sides
    return tuple(Side(s.piece, [(SUMMED, new)] + s.terms, s.error) for s, new in zip(sides, out))


def statements(src: Source) -> list[Statement]:
    """Every statement of the text's math, in order, with its block, paragraph, section and
    the prose around it."""
    text = src.text
    blocks: list[Block] = _tabled(src, math_blocks(src))
    langs = cue.languages(text[src.body:][:20000])
    breaks = list(_BLANK_LINE.finditer(text, src.body))
    starts = [src.body] + [m.end() for m in breaks]
    ends = [m.start() for m in breaks] + [len(text)]
    prose = without_code(text)         # a "# comment" in a code block is no heading
    headings = [m.start() for m in _HEADING.finditer(prose, src.body)]
    # a list's items, and the rows of a table headed by names: each an example of its own
    found = sorted([(m.start(), len(m.group()) - len(m.group().lstrip(" ")),
                     m.group(1) in "-*+") for m in _BULLET.finditer(prose, src.body)] +
                   [(row.start, 0, False) for row in table_rows(src)
                    if any("$" in text[a:b] for a, b in row.header)])
    bullets = [at for at, _, _ in found]
    indents = [indent for _, indent, _ in found]
    dashes = [dash for _, _, dash in found]
    every = cue.all_languages()
    convention, exempt = _convention(text, src.body, langs)
    joined = [k > 0 and (bool(_CONTINUES.match(text[starts[k]:starts[k] + 40])) or cue.mentions(
        "where", " ".join(text[starts[k]:starts[k] + 40].split()[:1]).lower(), every))
              for k in range(len(starts))]
    out: list[Statement] = []
    for k, block in enumerate(blocks):
        paragraph = bisect.bisect_right(starts, block.start) - 1
        own = paragraph
        while paragraph > 0 and joined[paragraph]:
            paragraph -= 1      # "where $z = …$" after a blank line speaks of the display above
        par_start = starts[own]
        par_end = ends[max(own, bisect.bisect_left(ends, block.end))]
        # inline math without a relation ("… where its gradient is $\mathbf{0}$:") is a word
        # of the prose, not the end of it
        back = next((j for j in range(k - 1, -1, -1)
                     if blocks[j].display or _RELATES.search(blocks[j].latex)), None)
        previous = blocks[back].end if back is not None else src.body
        following = blocks[k + 1].start if k + 1 < len(blocks) else len(text)
        # the prose since the block before (a display in a paragraph of its own is introduced
        # by the sentence before it, "… we solve for where the gradient is 0:")
        lead_text = text[max(previous, block.start - 400):block.start]
        # a display ends the sentence before it as far as the next inline math is concerned
        since = previous if block.display or k and blocks[k - 1].display else par_start
        sentence = re.split(_SENTENCE_END, text[max(since, block.start - 400):
                                                      block.start])[-1]
        first = re.match(r"[^\w$]*([^\W\d_])", sentence)
        # "For $x > 0$: …", "For a layer with $n = 4$" open their sentence with a condition;
        # "Leaky ReLU … $f' = 1$ for $x > 0$" does not
        words = _prose(sentence).split()
        opens = first is not None and first.group(1).isupper() and bool(words) and \
            cue.mentions("condition", words[0], langs)
        # "For a sinusoid of amplitude $A$, …": the condition is a setting said in words (a
        # word follows it, and no math before the statement gives a name a value)
        supposed = opens and bool(re.match(r"[^\w$]*\w+\s+[^\W\d]", sentence)) and \
            not re.search(r"\$[^$]*=", sentence)
        opened = block.start - len(sentence)
        said = tuple(b.latex.strip() for b in blocks[:k] if not b.display and
                     b.start >= opened and _LONE_NUMBER.fullmatch(b.latex.strip()))
        after = _prose(text[block.end:min(par_end, following, block.end + 300)])
        gap = len(_prose(text[previous:block.start]))
        before = _prose(lead_text)
        found = cue.cues(before, _prose(sentence), after, langs)
        if block.given:
            found = dataclasses.replace(found, lead=found.lead | {"values"})
        if block.display and "region" not in found.sentence:
            # "In the interior, with $∂⌊u⌉/∂u ≈ 1$, $$…$$": the words that say a display of
            # part of the domain speak of it across the inline math its sentence writes
            shown = next((blocks[j].end for j in range(k - 1, -1, -1) if blocks[j].display),
                         src.body)
            whole = re.split(_SENTENCE_END, text[max(shown, block.start - 400):
                                                       block.start])[-1]
            if cue.mentions("region", _prose(whole), langs):
                found = dataclasses.replace(found, sentence=found.sentence | {"region"})
        section = bisect.bisect_right(headings, block.start)
        bullet = bisect.bisect_right(bullets, block.start)
        in_item = bullet > 0 and bullets[bullet - 1] >= par_start
        outer: list[int] = []           # the items this one is nested in, nearest first
        need = indents[bullet - 1] if bullet else 0
        for j in range(bullet - 1, 0, -1):
            if indents[j - 1] < need and bisect.bisect_right(headings, bullets[j - 1]) == \
                    bisect.bisect_right(headings, block.start):
                outer.append(j)
                need = indents[j - 1]
        titled = section > 0 and prose[headings[section - 1]:headings[section - 1] + 4] \
            .lstrip(" ").startswith("#")
        chapter = sum(prose[h:h + 4].lstrip(" ").startswith("#") for h in headings[:section])
        heading = _prose(prose[headings[section - 1]:].split("\n", 1)[0])[:80] if section else ""
        scale = _scale_after(text[block.end:block.end + 16])
        raws = _block_statements(block.latex, block.offset, block.display)
        if not raws and not block.display and _LONE_NAME.fullmatch(block.latex.strip()) and \
                cue.mentions("negligible", " ".join(_prose(sentence).split()[-3:] +
                                                    after.split()[:2]), every) and \
                not _an_index(block.latex.strip(), blocks):
            # "we neglect $\varepsilon$", "$\varepsilon$ négligé": the name is 0 here (the
            # words right around it, in any language: no other language uses them so)
            raws = [_Raw([Piece(block.latex, block.offset), Piece("0", block.offset)], ("≈",))]
        if raws and k and not block.display and not blocks[k - 1].display and \
                _DANGLING.search(blocks[k - 1].latex) and \
                len(text[blocks[k - 1].end:block.start]) <= 40 and \
                "\n\n" not in text[blocks[k - 1].end:block.start]:
            # "$dh = $ `dscores` $W_2^\top = …$": the math before ended on its relation and the
            # words between began the expression: this one goes on with it, no claim of its own
            raws[0].continues = True
        for raw in raws:
            if block.inserted:          # offsets in the text, not in the braced latex
                raw.pieces = [Piece(p.text, block.at(p.offset - block.offset), p.rounded)
                              for p in raw.pieces]
                if raw.condition is not None:
                    raw.condition = Piece(raw.condition.text,
                                          block.at(raw.condition.offset - block.offset))
            sides = tuple(read_side(p) for p in raw.pieces)
            if convention is not None:
                sides = _summation_convention(sides, frozenset(
                    name for at, name in exempt if opened <= at <= block.start))
            last = sides[-1]
            if scale is not None and isinstance(last.term, t.Num):
                # "$… \approx 118.0$ M MACs": the last number may be in millions (or, as in
                # "$941056/2^{20} \approx 0.90$ MiB", already divided): a reading
                word, factor = scale
                last.terms.append(_in_units(last.term, word, factor, " (written after it)"))
            cond = _read_condition(raw.condition) if raw.condition is not None else None
            out.append(Statement(
                sides, raw.relations, raw.continues, raw.labels, cond, not block.display, k,
                paragraph, section, bullet, before[-200:], _prose(sentence)[-200:], after[:200], gap,
                raw.listed, raw.implied, opens, found,
                src.line(raw.pieces[0].offset), said, in_item, titled, tuple(outer),
                chapter=chapter, heading=heading, named=raw.named, supposed=supposed,
                dashed=bool(bullet) and dashes[bullet - 1]))
    return out
