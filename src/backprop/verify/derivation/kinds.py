"""Kinds: what a name is (a number, a vector of n, a probability vector, an index …), read from
a declaration, and how a random point is drawn for it.

A declaration is ``names: kind`` (front matter) or ``names ∈ set`` (prose); names are LaTeX as
written (``x``, ``\\sigma``, ``W^{(2)}``), several separated by commas. Kinds: ``scalar``,
``positive``, ``probability``, ``vector N``, ``probs N``, ``matrix MxN`` (``symmetric``,
``spd``), ``index N``, a set of numbers (``{0, 1}``, ``{0, 1}^K``), an integer constant
(``n: 5``), ℝ^n and ℝ^{m×n}, or a function of the notation table (``f: softmax``). Sizes are
numbers or earlier integer constants, at most 64.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from ...errors import BackpropError
from . import terms as t
from .notation import GREEK, lookup
from .parse import Unreadable, parse

__all__ = ["Kind", "MAX_DIM", "declare", "draw", "canonical_name", "kind_of"]

MAX_DIM = 64
# ℝ as it is written: \mathbb{R}, \mathbb R, \R, ℝ
REALS = r"(?:\\mathbb\s*(?:\{\s*R\s*\}|R(?![A-Za-z]))|\\R(?![A-Za-z])|ℝ)"
MAX_SYMBOLS = 200

_SYNONYMS = {"real": "scalar", "number": "scalar", "positive scalar": "positive",
             "prob": "probability", "probability vector": "probs", "distribution": "probs",
             "vec": "vector", "column vector": "vector", "mat": "matrix", "int": "index",
             "integer": "index"}


_METADATA = {"title", "author", "authors", "date", "tags", "layout", "description",
             "categories", "category", "summary", "draft", "slug", "permalink", "subtitle",
             "course", "name", "lang", "math", "mathjax", "katex", "output"}


@dataclass(frozen=True)
class Kind:
    """What a declared name is: ``name`` is one of the kinds, ``shape`` its array shape."""

    name: str
    shape: tuple[int, ...] = ()
    value: float | None = None      # an integer constant
    size: int = 0                   # an index's range 1..size
    values: tuple[float, ...] = ()  # the values a "choice" takes (y ∈ {0, 1})
    form: str = ""                  # a matrix's form the text states: symmetric, spd, orthogonal

    @property
    def is_function(self) -> bool:
        return self.name == "function"

    def describe(self) -> str:
        if self.name in ("vector", "probs"):
            return f"{self.name} {self.shape[0]}"
        if self.name == "matrix":
            form = {"symmetric": "symmetric ", "spd": "positive definite ",
                    "orthogonal": "orthogonal ", "lower": "lower triangular ",
                    "upper": "upper triangular "}.get(self.form, "")
            return f"{form}matrix {self.shape[0]}x{self.shape[1]}"
        if self.name == "index":
            return f"index 1..{self.size}"
        if self.name == "constant":
            return f"constant {self.value:g}"
        if self.name == "choice":
            of = "{" + ", ".join(f"{v:g}" for v in self.values) + "}"
            if not self.shape:
                return f"one of {of}"
            if self.shape[1] == 1:
                return f"vector {self.shape[0]} of {of}"
            return f"matrix {self.shape[0]}x{self.shape[1]} of {of}"
        return self.name


def canonical_name(latex: str) -> str:
    """The name a declaration gives: the canonical text of its LaTeX (``W^{(2)}``)."""
    try:
        return t.canon(parse(latex))
    except Unreadable as e:
        raise BackpropError(f"front matter: cannot read the name “{latex}” ({e.reason})") from None


def _plain(name: str) -> str:
    """``d_{k}`` and ``d_k`` alike: a size's name without the braces of its subscript."""
    return re.sub(r"_\{([^{}]*)\}", r"_\1", name.strip())


def _size(text: str, constants: dict[str, float], where: str) -> int:
    text = text.strip()
    if text.startswith("{") and text.endswith("}"):
        text = text[1:-1].strip()
    plain = {_plain(k): v for k, v in constants.items()}
    if re.fullmatch(r"\d{1,6}", text):
        n = int(text)
    elif re.fullmatch(r"\d+", text):
        raise BackpropError(f"front matter line {where}: size {text[:12]}… is out of range "
                            f"1..{MAX_DIM}")
    elif text in constants:
        n = int(constants[text])
    elif _plain(text) in plain:      # d_k with d_{k} given a size
        n = int(plain[_plain(text)])
    elif text.lower() in {k.lower() for k in constants}:  # "vector n" after "N: 5" only
        n = int(next(v for k, v in constants.items() if k.lower() == text.lower()))
    else:
        raise BackpropError(f"front matter line {where}: size {text!r} is neither a number nor "
                            f"a declared integer constant")
    if not 1 <= n <= MAX_DIM:
        raise BackpropError(f"front matter line {where}: size {n} is out of range 1..{MAX_DIM}")
    return n


def _kind(text: str, constants: dict[str, float], where: str) -> Kind:
    spec = re.sub(r"\s+", " ", text.strip().rstrip(".;,")).strip()
    # The kind's word is read in any case; a size keeps its case (N and n may both be sizes).
    low = spec.lower()
    for long, short in sorted(_SYNONYMS.items(), key=lambda kv: -len(kv[0])):
        if low == long or low.startswith(long + " ") or low.startswith(long + "("):
            spec = short + spec[len(long):]
            break
    low = spec.lower()
    spec_sized = re.sub(r"^[a-z]+", lambda m: m.group().lower(), spec, flags=re.I)
    choice = _choice(spec, constants, where)
    if choice is not None:
        return choice
    if re.fullmatch(r"-?\d+(\.\d+)?", low):
        if len(low) > 15:
            raise BackpropError(f"front matter line {where}: the number {low[:12]}… is too "
                                f"large (at most 15 digits)")
        return Kind("constant", (), float(low))
    if re.fullmatch(rf"\$?\s*{REALS}\s*\$?", low, flags=re.I):
        return Kind("scalar")
    if low in ("scalar", "positive", "probability"):
        return Kind(low)
    row = lookup(spec) or lookup(low)
    if row is not None:
        return Kind("function", form=row.name)   # a function: sigmoid, \sigma, gelu, …
    m = re.fullmatch(r"(vector|probs|index)\s*\(?\s*([A-Za-z0-9{}]+)\s*\)?", spec_sized)
    if m:
        n = _size(m.group(2), constants, where)
        if m.group(1) == "index":
            return Kind("index", (), size=n)
        return Kind(m.group(1), (n, 1))
    # \mathbb{R}^n, R^{m \times n}: the sets a learner may name instead
    size = r"[a-z0-9]+?(?:_(?:\{[a-z0-9]+\}|[a-z0-9]))?"     # n, 784, d_k, d_{model}
    m = re.fullmatch(rf"\$?(?:{REALS}|r)\s*\^\s*\{{?\s*({size})\s*"
                     rf"(?:(?:x|×|\\times|,|\*)\s*({size}))?\s*\}}?\$?", spec, flags=re.I)
    if m:
        if m.group(2) is None:
            return Kind("vector", (_size(m.group(1), constants, where), 1))
        return Kind("matrix", (_size(m.group(1), constants, where),
                               _size(m.group(2), constants, where)))
    m = re.fullmatch(r"(symmetric |spd |positive definite )?matrix\s*\(?\s*([A-Za-z0-9{}]+)\s*"
                     r"(?:x|×|\\times|,|\*)\s*([A-Za-z0-9{}]+)\s*\)?", spec_sized, flags=re.I)
    if m:
        form = {"symmetric": "symmetric", "spd": "spd", "positive definite": "spd"}.get(
            (m.group(1) or "").strip().lower(), "")
        shape = (_size(m.group(2), constants, where), _size(m.group(3), constants, where))
        if form and shape[0] != shape[1]:
            raise BackpropError(f"front matter line {where}: a {form} matrix is square, not "
                                f"{shape[0]}x{shape[1]}")
        return Kind("matrix", shape, form=form)
    raise BackpropError(f"front matter line {where}: unknown kind {spec!r} (expected scalar, "
                        f"positive, probability, vector N, probs N, matrix MxN, symmetric or spd "
                        f"matrix NxN, index N, a set of numbers such as {{0, 1}}, an integer or a "
                        f"function such as softmax)")


_SET = re.compile(r"\$?\s*(?:\\\{|\\lbrace|\{)(?P<members>[^{}]*?)(?:\\\}|\\rbrace|\})\s*"
                  r"(?:\^\s*\{?\s*(?P<power>[A-Za-z0-9]+)(?:\s*(?:\\times|×|,)\s*"
                  r"(?P<columns>[A-Za-z0-9]+))?\s*\}?)?\s*\$?")
_MEMBER = re.compile(r"(?:\\pm\s*|[+-]\s*)?\d{1,6}(?:\.\d{1,6})?")


def _choice(spec: str, constants: dict[str, float], where: str) -> Kind | None:
    """``\\{0, 1\\}``, ``\\{-1, +1\\}``, ``\\{0, 1\\}^K``: a name that takes one of a few
    numbers (a binary label), or a vector of such numbers."""
    m = _SET.fullmatch(spec)
    if m is None:
        return None
    members = [x.strip() for x in m.group("members").split(",")]
    if len(members) == 3 and members[0] == "1" and m.group("power") is None and \
            re.fullmatch(r"\\[lc]?dots|…|\.\.\.", members[1]):
        # y ∈ {1, …, K}: a class label, an index
        return Kind("index", (), size=_size(members[2], constants, where))
    if not 1 <= len(members) <= 16 or not all(_MEMBER.fullmatch(x) for x in members):
        return None
    values: list[float] = []
    for x in members:
        if x.startswith("\\pm"):
            v = float(x[3:])
            values += [-v, v]
        else:
            values.append(float(x.replace(" ", "")))
    values = sorted(set(values))
    shape: tuple[int, ...] = ()
    if m.group("power") is not None:
        shape = (_size(m.group("power"), constants, where),
                 _size(m.group("columns"), constants, where) if m.group("columns") else 1)
    return Kind("choice", shape, values=tuple(values))


def kind_of(text: str, constants: dict[str, float], where: str) -> Kind:
    """The kind a set or a kind's word names (``\\mathbb{R}^{N \\times d}``, ``vector 3``)."""
    return _kind(text, constants, where)


def declare(entries: list[tuple[int, str, str]]) -> dict[str, Kind]:
    """The symbols declared by ``(line, names, kind)`` entries, by canonical name. A site's
    own keys (``title:``) are passed over; an entry that names a symbol with a kind the
    checker cannot read is bad input, refused with the kinds it reads."""
    symbols: dict[str, Kind] = {}
    constants: dict[str, float] = {}
    for number, names, spec in entries:
        if names.strip().lower() in _METADATA or not spec.strip():
            continue  # a site generator's title, author, date: not a symbol
        kind = _kind(spec, constants, str(number))
        for name in re.split(r",(?![^{]*\})", names):
            name = name.strip().strip("$").strip()
            if not name:
                raise BackpropError(f"front matter line {number}: an empty name")
            if "\\" + name in GREEK:     # theta: the same as \theta or θ
                name = "\\" + name
            key = canonical_name(name)
            symbols[key] = kind
            if kind.name == "constant":
                constants[name] = constants[key] = kind.value
        if len(symbols) > MAX_SYMBOLS:
            raise BackpropError(f"front matter: more than {MAX_SYMBOLS} symbols")
    return symbols


def draw(kind: Kind, rng: np.random.Generator, turn: int | None = None) -> np.ndarray:
    """A random value of ``kind`` (float64), away from the edges of its domain; ``turn``, the
    point's number, puts a one-hot vector's 1 at each position in turn (a step that holds only
    where the 1 is not is not read as holding by chance)."""
    if kind.name == "constant":
        return np.asarray(kind.value, dtype=np.float64)
    if kind.name == "positive":
        return np.asarray(rng.uniform(0.2, 3.0, kind.shape))
    if kind.name == "negative":
        return np.asarray(rng.uniform(-3.0, -0.2, kind.shape))
    if kind.name == "probability":
        return np.asarray(rng.uniform(0.05, 0.95, kind.shape))
    if kind.name == "probs":
        e = np.exp(rng.uniform(-1.0, 1.0, kind.shape))
        return e / e.sum()
    if kind.name == "choice":
        return np.asarray(rng.choice(np.asarray(kind.values, dtype=np.float64), kind.shape))
    if kind.name in ("probs_rows", "probs_cols", "onehot_rows", "onehot_cols"):
        axis = 1 if kind.name.endswith("rows") else 0
        if kind.name.startswith("probs"):
            e = np.exp(rng.uniform(-1.0, 1.0, kind.shape))
            return e / e.sum(axis=axis, keepdims=True)
        out = np.zeros(kind.shape)
        n = kind.shape[axis]
        for k in range(kind.shape[1 - axis]):
            hot = int(rng.integers(n))
            if axis == 1:
                out[k, hot] = 1.0
            else:
                out[hot, k] = 1.0
        return out
    if kind.name == "onehot":
        out = np.zeros(kind.shape)
        hot = int(rng.integers(out.size)) if turn is None else turn % max(out.size, 1)
        out.reshape(-1)[hot] = 1.0
        return out
    if kind.name == "matrix":
        m = rng.uniform(-1.5, 1.5, kind.shape)
        if kind.form and kind.shape[0] == kind.shape[1]:
            if kind.form == "spd":     # well away from singular
                return m @ m.T / kind.shape[0] + 0.5 * np.eye(kind.shape[0])
            if kind.form in ("lower", "upper"):   # a Cholesky factor's diagonal is positive
                m[np.diag_indices(kind.shape[0])] = np.abs(np.diag(m)) + 0.5
                return np.tril(m) if kind.form == "lower" else np.triu(m)
            if kind.form == "orthogonal":
                q, r = np.linalg.qr(m)
                return q * np.sign(np.diag(r))
            return (m + m.T) / 2
        return m
    return np.asarray(rng.uniform(-2.0, 2.0, kind.shape))
