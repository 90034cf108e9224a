"""Stage 1, source: a derivation's text, its front matter and its math blocks, wherever it comes
from — a Markdown file, a Jupyter notebook, standard input, the ``%%derivation`` magic or the
text itself — with every offset kept, so that a step can name its line (in a notebook, its
cell and the line in the cell).

Front matter is the block between a first line ``---`` and the next ``---``. The checker reads
its own entries only: ``names: kind`` lines at the top level or under one namespaced key
(``backprop:``, indented below it), and ``target:``; any other entry (a blog's ``title:``,
``date:``, ``tags:``) is ignored. Math is ``$…$``, ``$$…$$``, ``\\[…\\]``, ``\\(…\\)`` and the
equation environments; fenced and inline code and HTML comments are not math.
"""

from __future__ import annotations

import bisect
import functools
import json
import os
import re
import sys
import unicodedata
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from ...errors import BackpropError
from ...io.regular import open_regular
from . import cues as cue

__all__ = ["Source", "Block", "Row", "read_source", "math_blocks", "table_rows", "without_code",
           "MAX_BYTES", "MAX_CHARS"]

MAX_BYTES = 2_000_000             # a Markdown file
MAX_NOTEBOOK_BYTES = 20_000_000   # a notebook: its outputs (images) are read and dropped
MAX_CHARS = 500_000               # the text the checker reads
NAMESPACES = ("backprop", "check")
_STDIN = ("-", "/dev/stdin")
_METADATA = re.compile(r"[a-z][a-z_-]{3,}$")   # title, date, tags, layout: words, not symbols
_WORD = re.compile(r"[^\W\d_]{2,}")                 # 课程, тема, thème: a word of any script


@dataclass(frozen=True)
class Block:
    """One math block: its LaTeX, where the LaTeX starts, and where its delimiters start and
    end in the text."""

    latex: str
    offset: int
    display: bool
    start: int
    end: int
    # positions in ``latex`` of characters the reader added (the braces of w_{1} for a plain
    # text's w1): not in the text, so not counted in offsets
    inserted: tuple[int, ...] = ()
    given: bool = False      # a table's cell under a name: a value its row is read at

    def at(self, position: int) -> int:
        """The offset in the text of a position in ``latex``."""
        return self.offset + position - sum(1 for k in self.inserted if k < position)


@dataclass
class Source:
    """The text to check, its front matter's entries, and for a notebook where each line came
    from."""

    name: str
    text: str
    body: int = 0                                       # where the text after front matter starts
    entries: list[tuple[int, str, str]] = field(default_factory=list)  # (line, names, kind)
    target: tuple[int, str, int] | None = None          # (line, equation, its offset)
    notes: list[str] = field(default_factory=list)
    cell_starts: list[int] = field(default_factory=list)
    cell_numbers: list[int] = field(default_factory=list)
    # a notebook's %%derivation cells, each a derivation of its own: (cell number, its text
    # with the magic's line blanked, so that its lines are the cell's)
    magic: list[tuple[int, str]] = field(default_factory=list)
    _lines: list[int] = field(default_factory=list, repr=False)

    def line(self, offset: int) -> int:
        """The 1-based line of an offset."""
        if not self._lines:
            self._lines.extend([0] + [m.end() for m in re.finditer("\n", self.text)])
        return bisect.bisect_right(self._lines, offset)

    def column(self, offset: int) -> int:
        return offset - self._lines[self.line(offset) - 1] + 1

    def where(self, line: int) -> tuple[int, int] | None:
        """(cell number, line in the cell) of a line of a notebook's joined text."""
        if not self.cell_starts:
            return None
        k = bisect.bisect_right(self.cell_starts, line) - 1
        return None if k < 0 else (self.cell_numbers[k], line - self.cell_starts[k] + 1)


def _looks_like_path(source: object) -> bool:
    return isinstance(source, os.PathLike) or (
        isinstance(source, str) and "\n" not in source and "$" not in source
        and "\\" not in source[:1] and len(source) < 4096)


def read_source(source: str | os.PathLike) -> Source:
    """The derivation in ``source``: a path (.md, .ipynb, "-" for standard input) or the text."""
    if not _looks_like_path(source):
        if not isinstance(source, str):
            raise BackpropError("check_derivation: expected a path or the text of a derivation")
        return _front(Source("<text>", source))
    path = str(source)
    notebook = path.endswith(".ipynb")
    limit = MAX_NOTEBOOK_BYTES if notebook else MAX_BYTES
    if path in _STDIN:
        data = sys.stdin.buffer.read(limit + 1)
    else:
        with open_regular(Path(path), BackpropError) as fh:
            data = fh.read(limit + 1)
    if len(data) > limit:
        raise BackpropError(f"check_derivation: {path} is larger than {limit // 1_000_000} MB")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise BackpropError(f"check_derivation: {path} is not UTF-8 text") from None
    return _front(_notebook(path, text) if notebook else Source(path, text))


def _notebook(path: str, text: str) -> Source:
    """The Markdown cells of a notebook, joined with a blank line between them, read with
    nbformat (the format's own library, which validates it)."""
    try:
        import nbformat
    except ImportError:
        from ...extras import install_command
        raise BackpropError(f"checking a notebook needs nbformat, in the [check] extra: "
                            f"{install_command('check')}") from None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")       # a notebook without cell ids is still one
            nb = nbformat.reads(text, as_version=4)
            nbformat.validate(nb)
    except RecursionError:
        raise BackpropError(f"check_derivation: {path} is nested too deeply to be a notebook"
                            ) from None
    except (nbformat.reader.NotJSONError, nbformat.ValidationError, json.JSONDecodeError,
            ValueError, KeyError, TypeError, AttributeError) as e:
        what = str(e).split("\n")[0][:120]
        raise BackpropError(f"check_derivation: {path} is not a Jupyter notebook "
                            f"({what})") from None
    parts: list[str] = []
    starts: list[int] = []
    numbers: list[int] = []
    line = 1
    magic: list[tuple[int, str]] = []
    for number, cell in enumerate(nb.get("cells", []), 1):
        body = cell.get("source", "")
        if isinstance(body, list):
            body = "".join(str(s) for s in body)
        body = str(body).rstrip("\n")
        if cell.get("cell_type") == "code" and re.match(r"%%derivation(?:[ \t][^\n]*)?\n", body):
            magic.append((number, "\n" + body.split("\n", 1)[1] + "\n"))
            continue
        if cell.get("cell_type") != "markdown":
            continue
        starts.append(line)
        numbers.append(number)
        parts.append(body)
        line += body.count("\n") + 2          # the cell's lines and one blank line after it
    if not parts and not magic:
        raise BackpropError(f"check_derivation: {path} has no Markdown cell and no "
                            f"%%derivation cell")
    return Source(path, "\n\n".join(parts) + "\n", cell_starts=starts, cell_numbers=numbers,
                  magic=magic)


def cell_source(name: str, number: int, text: str) -> Source:
    """A notebook's %%derivation cell as a derivation of its own (its own front matter)."""
    return _front(Source(f"{name}, cell {number}", text, cell_starts=[1], cell_numbers=[number]))


def _front(src: Source) -> Source:
    """Read the front matter's entries (and strip a byte-order mark). HTML comments are blanked
    (offsets kept): a note to oneself or an editor's is not the derivation's prose."""
    text = src.text
    if text.startswith("\ufeff"):
        text = src.text = " " + text[1:]
    if "<!--" in text:
        text = src.text = _HTML_COMMENT.sub(_blank, text)
    if len(text) > MAX_CHARS:
        raise BackpropError(f"check_derivation: the text has {len(text)} characters; at most "
                            f"{MAX_CHARS} are read")
    lines = text.split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None or lines[first].strip() != "---":
        return src
    end = next((k for k in range(first + 1, len(lines)) if lines[k].strip() in ("---", "...")),
               None)
    if end is None:
        following = next((line for line in lines[first + 1:] if line.strip()), "")
        if re.fullmatch(r"\s*[^\s:$]{1,40}\s*:\s*\S.*", following):
            raise BackpropError(f"check_derivation: the front matter opened on line {first + 1} "
                                f"is never closed (end it with a line '---')")
        return src       # a lone rule line: a horizontal rule, not front matter
    src.body = min(sum(len(line) + 1 for line in lines[:end + 1]), len(text))
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)
    namespace = None
    for k in range(first + 1, end):
        raw = lines[k].split(" #", 1)[0].rstrip()
        if not raw.strip() or raw.lstrip().startswith(("#", "-")):
            continue
        indented = raw[:1] in (" ", "\t")
        if not indented:
            namespace = None
        key, colon, value = raw.strip().partition(":")
        if not colon:
            if indented:
                continue               # a continued value of a site's key
            raise BackpropError(f"check_derivation: front matter line {k + 1}: expected "
                                f"'names: kind', got {raw.strip()[:40]!r}")
        key, value = key.strip(), value.strip()
        if not indented and key.lower() in NAMESPACES and not value:
            namespace = key
            continue
        if indented and namespace is None:
            continue                   # a nested entry of another key (a blog's author: …)
        if key.lower() == "target":
            src.target = (k + 1, value, offsets[k] + raw.index(":") + 1)
            continue
        if not indented and (_METADATA.fullmatch(key) and key.lower() not in _GREEK_WORDS or
                             _WORD.fullmatch(key) and not key.isascii() and
                             not all("GREEK" in unicodedata.name(c, "") for c in key)):
            continue                   # title, date, tags, 课程: a site's keys, not symbols
        src.entries.append((k + 1, key, value))
    return src


_GREEK_WORDS = frozenset(
    "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi pi rho sigma tau "
    "upsilon phi chi psi omega".split())

_FENCE = re.compile(r"^ {0,3}(```|~~~)")
_INLINE_CODE = re.compile(r"`+[^`\n]*`+")
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
# environments whose content is math the checker reads as statements
STATEMENT_ENVS = ("equation", "align", "aligned", "gather", "gathered", "split", "eqnarray",
                  "multline", "alignat", "alignedat", "flalign", "math", "displaymath")
ENV = re.compile(r"\\(begin|end)\s*\{\s*([A-Za-z]+)\*?\s*\}(\{\d+\})?")


def _blank(match: re.Match) -> str:
    return re.sub(r"[^\n]", " ", match.group())


def without_code(text: str) -> str:
    """Fenced blocks, inline code and HTML comments blanked out (offsets kept)."""
    text = _HTML_COMMENT.sub(_blank, text)
    out = []
    fence = None
    for line in text.split("\n"):
        m = _FENCE.match(line)
        if fence is not None:
            if m and m.group(1) == fence:
                fence = None
            out.append(" " * len(line))
            continue
        if m:
            fence = m.group(1)
            out.append(" " * len(line))
            continue
        out.append(_INLINE_CODE.sub(lambda c: " " * len(c.group()), line))
    return "\n".join(out)


def math_blocks(src: Source) -> list[Block]:
    """Every math block of the text after the front matter, in order."""
    text = src.text
    body = without_code(text)
    blocks: list[Block] = []
    i, n = src.body, len(body)
    while i < n:
        c = body[i]
        if body.startswith(("\\\\(", "\\\\["), i):
            # \\( … \\) and \\[ … \\]: math whose backslashes Markdown (kramdown) escapes
            close = "\\\\]" if body[i + 2] == "[" else "\\\\)"
            j = body.find(close, i + 3)
            if j < 0:                    # never closed: prose, not math
                i += 3
                continue
            blocks.append(Block(text[i + 3:j], i + 3, body[i + 2] == "[", i, j + 3))
            i = j + 3
            continue
        if c == "\\" and i + 1 < n:
            nxt = body[i + 1]
            if nxt == "$":
                i += 2
                continue
            if nxt in "[(":
                close = "\\]" if nxt == "[" else "\\)"
                j = body.find(close, i + 2)
                if j < 0:
                    break
                blocks.append(Block(text[i + 2:j], i + 2, nxt == "[", i, j + 2))
                i = j + 2
                continue
            m = ENV.match(body, i)
            if m and m.group(1) == "begin" and m.group(2) in STATEMENT_ENVS:
                end = re.compile(r"\\end\s*\{\s*" + m.group(2) + r"\*?\s*\}").search(body, m.end())
                if end is None:
                    break
                blocks.append(Block(text[m.end():end.start()], m.end(), True, i, end.end()))
                i = end.end()
                continue
        if c == "$":
            display = body.startswith("$$", i)
            delim = "$$" if display else "$"
            j = i + len(delim)
            while True:
                j = body.find(delim, j)
                if j < 0 or body[j - 1] != "\\":
                    break
                j += 1
            if j < 0:
                break
            if not display and "\n\n" in body[i:j]:  # a lone dollar, not inline math
                i += 1
                continue
            blocks.append(Block(text[i + len(delim):j], i + len(delim), display, i,
                                j + len(delim)))
            i = j + len(delim)
            continue
        i += 1
    return sorted([_named_in_code(text, b) for b in blocks] + plain_math(src, body, blocks),
                  key=lambda b: b.start)


@dataclass(frozen=True)
class Row:
    """A row of a Markdown table below its header: where it starts, its cells' spans in the
    text (inside the pipes), and its header's cells' spans."""

    start: int
    cells: tuple[tuple[int, int], ...]
    header: tuple[tuple[int, int], ...]


_TABLE_LINE = re.compile(r"[ \t]{0,3}\|.*\|[ \t]*")
_RULE_CELL = re.compile(r"\s*:?-{3,}:?\s*")


def _cells(line: str, offset: int) -> tuple[tuple[int, int], ...]:
    """The spans of a table line's cells: split at the pipes outside math (|z| in $…$ is no
    cell's end) that no backslash escapes."""
    bounds, math, k = [], False, 0
    while k < len(line):
        c = line[k]
        if c == "\\":
            k += 2
            continue
        if c == "$":
            math = not math
        elif c == "|" and not math:
            bounds.append(k)
        k += 1
    return tuple((offset + a + 1, offset + b) for a, b in zip(bounds, bounds[1:]))


def table_rows(src: Source) -> list[Row]:
    """The rows of the text's Markdown tables (a header line, a rule line ``|---|---|``, then
    the rows), code blanked."""
    body = without_code(src.text)
    out: list[Row] = []
    header: tuple[tuple[int, int], ...] | None = None
    rule = -1                        # the line of the header's rule
    start = src.body
    lines = body[src.body:].split("\n")
    for k, line in enumerate(lines):
        if not _TABLE_LINE.fullmatch(line):
            header = None
        elif header is not None:
            if k != rule:
                out.append(Row(start, _cells(line, start), header))
        elif k + 1 < len(lines) and _TABLE_LINE.fullmatch(lines[k + 1]):
            cells = _cells(lines[k + 1], 0)
            if cells and all(_RULE_CELL.fullmatch(lines[k + 1][a:b]) for a, b in cells):
                header, rule = _cells(line, start), k + 1
        start += len(line) + 1
    return out


_CODE_NAME = re.compile(r"`([A-Za-z_][A-Za-z0-9_]{0,30})`\s*$")


def _named_in_code(text: str, b: Block) -> Block:
    """A name in code and its value in math right after it (`` `dscores` $= ∂L/∂s$``): one
    equation, the name as the math writes it (``\\texttt{dscores}``)."""
    m = _CODE_NAME.search(text, max(0, b.start - 40), b.start)
    if b.display or m is None or not b.latex.lstrip().startswith("="):
        return b
    prefix = "\\texttt{" + m.group(1) + "} "
    return Block(prefix + b.latex, b.offset, b.display, b.start, b.end,
                 tuple(range(len(prefix))) + tuple(k + len(prefix) for k in b.inserted))


# ---- math written in plain text: "h = σ(W₁x + b₁)", "∂L/∂x = g ⊙ f′(x)" ----------------------

MAX_PLAIN_LINES = 5000
# what plain-text math is made of: numbers, a letter alone (with its accents, scripts and
# primes), Greek letters, words applied at once (tanh(x)), operators, brackets and spaces; a
# word of prose (two letters or more), a colon, a question mark or an arrow ends it
_PLAIN_OPS = set(":=≈≔≤≥≠<>+-−–*/·×⊙∘⊗^_(){}[],;.∂∇∑∏√½¼¾…⋯‖∞∈ℓ'′″⌊⌋⌈⌉@")
_PLAIN_RELATION = re.compile(r"(?<![<>!≤≥≠:])=(?!=)|≈|:=|≔|(?<![<>=-])[<>](?![<>=])|[≤≥≠]|[<>]=")
_BULLET_MARK = re.compile(r"^\s{0,3}(?:>\s?)*(?:[-*+]|\d{1,2}[.)])?\s+|^\s{0,3}(?:>\s?)+")
_LINK = re.compile(r"\]\([^)\s]*\)|<?https?://\S+|\*\*|__")
# an equation's number after it, "z = Wx + b (1), h = σ(z) (2).": never a factor
_PLAIN_TAG = re.compile(r"(?<=\S)[ \t]+\(\d{1,3}\)(?=[ \t]*(?:[,.;:]|$))", re.M)


def plain_math(src: Source, body: str, blocks: list[Block]) -> list[Block]:
    """The equations a text writes without math delimiters, in Unicode or ASCII (a chat post,
    an OCR'd page, notes typed in a plain editor): each maximal run of math on a line of prose
    that states an equality, read as an inline block."""
    prose = list(body)
    text = list(src.text)
    for b in blocks:                                  # the delimited math is not prose
        if not b.display and _PLAIN_RELATION.search(b.latex) is None and \
                _PLAIN_RELATION.match(body[b.end:b.end + 40].lstrip(" \t")):
            # "$W_z$=0.5": a name in math, its value in plain text after it — one equation
            for k in (*range(b.start, b.offset), *range(b.offset + len(b.latex), b.end)):
                prose[k] = text[k] = " "
            continue
        prose[b.start:b.end] = "¤" * (b.end - b.start)  # (¤ ends a run of plain math)
    prose = "".join(prose)
    text = "".join(text)
    out: list[Block] = []
    start = src.body
    for number, line in enumerate(prose[src.body:].split("\n")):
        if number >= MAX_PLAIN_LINES:
            break
        end = start + len(line)
        if _PLAIN_RELATION.search(line) and _TABLE_LINE.fullmatch(line):
            out += _arithmetic_cells(line, start, text)
        if _PLAIN_RELATION.search(line) and not line.lstrip().startswith(("|", "#")):
            line = _LINK.sub(lambda m: " " * len(m.group()), line)
            bullet = _BULLET_MARK.match(line)
            if bullet:
                line = " " * bullet.end() + line[bullet.end():]
            line = _PLAIN_TAG.sub(lambda m: "¤" * len(m.group()), line)
            out += [Block(latex, start + a, False, start + a, start + b, inserted)
                    for a, b in _operands_dropped(line, _plain_runs(line))
                    for latex, inserted in [_braced(text[start + a:start + b])]]
        start = end + 1
    return out


# a table's cell of plain arithmetic, "0,72 × 0,7 = 0,504": numbers and operators only
_ARITHMETIC_CELL = re.compile(r"[\d\s.,+\-−–×·*/÷^()=≈]*\d[\d\s.,+\-−–×·*/÷^()=≈]*")


def _arithmetic_cells(line: str, start: int, text: str) -> list[Block]:
    """The cells of a table's row that compute in plain text, numbers and operators only (a
    cell of names, "η = 0,1", may be a case of the row, and stays a cell): each an inline
    block."""
    out = []
    for a, b in _cells(line, 0):
        cell = line[a:b]
        if _PLAIN_RELATION.search(cell) and _ARITHMETIC_CELL.fullmatch(cell.strip()):
            lead, tail = len(cell) - len(cell.lstrip()), len(cell.rstrip())
            latex, inserted = _braced(text[start + a + lead:start + a + tail])
            out.append(Block(latex, start + a + lead, False, start + a + lead,
                             start + a + tail, inserted))
    return out


# "∂/∂z_j of log Σ_k exp(z_k) = …": an operator, then a word, then the math it applies to
_OPERATOR_BEFORE = re.compile(r"(?:[∂d]\s*/\s*[∂d]\s*[^\s=]+|∇[^\s=]*)[ \t]+([^\W\d_]+)[ \t]*$")


def _operands_dropped(line: str, runs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The runs, each one an operator written before it in prose applies to ("∂/∂z_j of
    A = B = C") without its first side: A is not what the text says equals B (not after a
    condition's word: "∇f at x = 0" says where)."""
    out = []
    for a, b in runs:
        before = _OPERATOR_BEFORE.search(line[:a])
        if before is not None and not cue.mentions("condition", before.group(1),
                                                   cue.all_languages()):
            relation = _PLAIN_RELATION.search(line, a, b)
            span = _equation(line, relation.end(), b) if relation is not None else None
            if span is None:
                continue
            a, b = span
        out.append((a, b))
    return out


def _plain_tokens(line: str) -> list[tuple[str, int, int]]:
    """(kind, start, end): words (letters with their accents), numbers, scripts (₁, ², ᵀ),
    spaces, operators and anything else."""
    out: list[tuple[str, int, int]] = []
    k = 0
    while k < len(line):
        c = line[k]
        cat = unicodedata.category(c)
        tag = unicodedata.decomposition(c).split(" ")[0]
        if tag in ("<sub>", "<super>"):
            kind = "script"
        elif cat.startswith("L"):
            kind = "word"
        elif cat == "Nd":
            kind = "number"
        elif c.isspace():
            kind = "space"
        elif c in _PLAIN_OPS and (c != ":" or line[k + 1:k + 2] == "=") or \
                c == "%" and line[k - 1:k].isdigit():        # 98,6%: a percentage
            kind = "op"                                    # (a colon alone ends math)
        else:
            kind = "other"
        j = k + 1
        grouped = _GROUPED.match(line, k) if kind == "number" else None
        if kind in ("word", "number", "space", "script"):
            while j < len(line):
                d = line[j]
                dcat = unicodedata.category(d)
                dtag = unicodedata.decomposition(d).split(" ")[0]
                same = (kind == "word" and (dcat.startswith("L") or dcat.startswith("M")) and
                        dtag not in ("<sub>", "<super>")) or \
                    (kind == "number" and (dcat == "Nd" or d in ".," and j + 1 < len(line) and
                                           unicodedata.category(line[j + 1]) == "Nd" or
                                           grouped is not None and j < grouped.end())) or \
                    (kind == "space" and d.isspace()) or \
                    (kind == "script" and dtag in ("<sub>", "<super>"))
                if not same:
                    break
                j += 1
        ident = _IDENTIFIER.match(line, k) if kind == "word" else None
        if ident is not None and (ident.end() > j or ident.end() == j and j - k == 2):
            kind, j = "identifier", ident.end()            # y_hat, dW2: one name
        out.append((kind, k, j))
        k = j
    return out


# 18 496, 10 816: a whole number its thousands set apart by a space, as Polish, French or
# Russian write it — never inside a printed array ([100 200 300])
_SPACE = "[ \u00a0\u2009\u202f]"
_GROUPED = re.compile(r"(?<![\d.,\[(])(?<![\d.\[(]" + _SPACE + r")[1-9]\d{0,2}(?:" + _SPACE +
                      r"\d{3})+(?![\d])(?![.,]\d)")
_PERCENT = re.compile(r"(?<=\d)%")      # 98,6%: a percentage, as 98,6\% is


# a name typed in plain text with an underscore or digits after its letter (y_hat, dW_2,
# x_in; W1, b2, dW2 as OCR'd notes write W₁, b₂): one name, its subscript braced as LaTeX
_IDENTIFIER = re.compile(r"(?:[A-Za-z]{1,3}|[α-ωΑ-Ω])_[A-Za-z0-9]+(?![A-Za-z0-9_])|"
                         r"(?<![A-Za-z0-9_])d?[A-Za-zα-ω][0-9]{1,2}"
                         r"(?![A-Za-z0-9_,]|\.(?!T(?![A-Za-z0-9_])))|"
                         # dL/dh2: the numerator of a derivative written as a ratio
                         r"(?<![A-Za-z0-9_])[d∂][A-Za-zα-ω](?=/[d∂][A-Za-zα-ω])|"
                         # … and dL/da: its denominator, one letter after d
                         r"(?<=[A-Za-zα-ω0-9]/)[d∂][A-Za-zα-ω](?![A-Za-z0-9_])")


# NumPy's transpose typed after a name or a bracket (W2.T, (x - y).T)
_NUMPY_T = re.compile(r"(?<=[A-Za-z0-9_}\])])\.T(?![A-Za-z0-9_])")


# a Greek letter spelled out in plain text (delta = dL/da, beta1 = 0.9): the letter
_GREEK_WORD = re.compile(r"(?<![A-Za-z\\])(?:" + "|".join(sorted(_GREEK_WORDS, key=len,
                                                                 reverse=True)) +
                         r")(?![A-Za-z])")


# an exponent typed in plain text as a signed or decimal number (e^0.5, x^-1): all of it
_EXPONENT = re.compile(r"(?<=\^)[-−]?[0-9]+(?:\.[0-9]+)?(?![0-9.])")


@functools.lru_cache(maxsize=1)
def _plain_functions() -> tuple[frozenset[str], re.Pattern]:
    """The functions a plain-text line applies without parentheses (− log p₁, exp z): the
    notation table's one-argument rows by their name or a word with a LaTeX twin (ln, tr;
    not the short spellings th, sh of other languages), and a pattern that finds them."""
    from .notation import lookup, words
    plain = frozenset(w for w in words() if w.isalpha() and (row := lookup(w)) is not None
                      and row.arity == 1 and (w.lower() == row.name or lookup("\\" + w)))
    return plain, re.compile(r"(?<![\\\w])(?:" + "|".join(sorted(plain, key=len, reverse=True))
                             + r")(?![A-Za-z0-9_])")


def _braced(text: str) -> tuple[str, tuple[int, ...]]:
    """``text`` with the names of plain text braced (w1: w_{1}, y_hat: y_{hat}) and its
    exponents of more than one character (e^0.5: e^{0.5}), and the positions of the
    characters added."""
    out, inserted, last = [], [], 0
    function_word = _plain_functions()[1]
    for m in sorted([*_IDENTIFIER.finditer(text), *function_word.finditer(text),
                     *_GREEK_WORD.finditer(text),
                     *(e for e in _EXPONENT.finditer(text) if len(e.group()) > 1)],
                    key=lambda m: m.start()):
        if m.start() < last:
            continue
        if m.re is function_word or m.re is _GREEK_WORD:  # log p: \log p; delta: \delta
            out.append(text[last:m.start()])
            inserted.append(sum(map(len, out)))
            out.append("\\" + m.group())
            last = m.end()
            continue
        if m.re is _EXPONENT:
            out.append(text[last:m.start()])
            here = sum(map(len, out))
            out.append("{" + m.group() + "}")
            inserted += [here, here + len(m.group()) + 1]
            last = m.end()
            continue
        name = m.group()
        if not any(c == "_" or c.isdigit() for c in name):
            continue                                     # dL of dL/dh: as written
        k = name.index("_") + 1 if "_" in name else next(
            i for i, c in enumerate(name) if c.isdigit())
        out.append(text[last:m.start()])
        here = sum(map(len, out))
        if "_" in name:
            out.append(name[:k] + "{" + name[k:] + "}")
            inserted += [here + k, here + len(name) + 1]
        else:
            out.append(name[:k] + "_{" + name[k:] + "}")
            inserted += [here + k, here + k + 1, here + len(name) + 2]
        last = m.end()
    out.append(text[last:])
    # W1 @ x: NumPy's matrix product, a product written side by side; W2.T: W2's transpose
    # (each the same length)
    joined = _NUMPY_T.sub("^T", "".join(out)).replace("@", " ")
    for m in reversed(list(_PERCENT.finditer(joined))):     # 98,6%: 98,6\%
        inserted = [i + 1 if i >= m.start() else i for i in inserted] + [m.start()]
        joined = joined[:m.start()] + "\\" + joined[m.start():]
    for m in reversed(list(_GROUPED.finditer(joined))):     # 18 496: 18\ 496
        for k in reversed([m.start() + i for i, c in enumerate(m.group()) if not c.isdigit()]):
            joined = joined[:k] + "\\" + joined[k:]
            inserted = [i + 1 if i >= k else i for i in inserted] + [k]
    return joined, tuple(sorted(inserted))


def _plain_runs(line: str) -> list[tuple[int, int]]:
    """The spans of ``line`` that are math stating an equality."""
    runs: list[tuple[int, int]] = []
    begin: int | None = None
    cut: set[int] = set()   # runs that begin inside a word (db2 = −0.5: "2 = −0.5" is no math)
    last = ""            # the kind of the last token that was not a space
    spaced = False
    number_before = False
    previous_text = ""
    previous_end = 0
    tokens = _plain_tokens(line)
    for at, (kind, s, e) in enumerate(tokens):
        text = line[s:e]
        numeral = kind == "number"
        if kind == "word":
            base = "".join(c for c in unicodedata.normalize("NFD", text)
                           if not unicodedata.combining(c))
            greek = ["GREEK" in unicodedata.name(c, "") for c in base]
            if len(base) == 1 and (base.isascii() or all(greek)):
                kind = "atom"                              # x, ŷ, σ: a symbol
            elif line[e:e + 1] in ("(", "_", "^", "²", "⁻") or base in _plain_functions()[0]:
                kind = "function"                          # tanh(x), exp(−z), log p: applied
            elif any(greek) and len(base) <= 3 and all(g or c.isascii() for g, c in
                                                        zip(greek, base)):
                kind = "atom"                              # αx, στ: symbols side by side
            elif _GREEK_WORD.fullmatch(base) and not (
                    spaced and (number_before or previous_text[-1:] in (")", "]"))):
                kind = "atom"       # delta, beta: a letter spelled (not after a value and a
                #                     space: "[-0.16 0.27]  sigma = […]", printed output)
            else:
                kind = "other"                             # a word of prose
        elif kind in ("number", "identifier"):
            kind = "atom"
        if kind == "space":
            spaced = True
            if e - s >= 3 and begin is not None:       # a wide gap: a column apart
                runs.append((begin, previous_end))
                begin = None
            continue
        # a number and a letter apart ("= 1 y b = 2"): prose between math, not a product
        # (two letters apart are one: "Q = X W_Q")
        # — when a name follows it ("1 y b = 2": y is a word); "z1 = W1 x + b1", "+ 5 w₂²",
        # "4 σ(1)" (a function applied) go on with the expression
        after = ""
        for tk, ts, te in tokens[at + 1:]:
            if tk == "space" and te - ts >= 3:
                break                                     # a wide gap: the expression ends
            if tk not in ("space", "script"):
                after = line[ts:te]
                break
        breaks = kind == "other" or (spaced and last in ("atom", "script") and
                                     kind in ("atom", "function") and
                                     (number_before or numeral) and
                                     not (after == "" or after[0] in "+-−·×*/^)]}" or
                                          after[0] == "(" and "." not in previous_text))
        if breaks and begin is not None:
            runs.append((begin, previous_end))
            begin = None
        if kind != "other" and begin is None:
            begin = s
            if s and kind != "op" and (line[s - 1].isalnum() or line[s - 1] == "_"):
                cut.add(s)
        last = kind
        number_before = numeral
        previous_text = text
        spaced = False
        previous_end = e
    if begin is not None:
        runs.append((begin, previous_end))
    return [span for a, b in runs if a not in cut and (span := _equation(line, a, b)) is not None]


def _equation(line: str, a: int, b: int) -> tuple[int, int] | None:
    """The run line[a:b] trimmed of what cannot end math (spaces, stops, an unclosed
    bracket), if it states an equality with something on both sides."""
    while a < b and line[a] in " \t,.;:)]}":
        a += 1
    while b > a and line[b - 1] in " \t,.;:([{":
        b -= 1
    text = line[a:b]
    for opening, closing in ("()", "[]", "{}"):
        while text.count(opening) < text.count(closing) and text.endswith(closing):
            b -= 1
            text = line[a:b].rstrip(" \t,.;:")
            b = a + len(text)
        while text.count(opening) > text.count(closing) and text.startswith(opening):
            a += 1
            text = line[a:b]
    m = _PLAIN_RELATION.search(text)
    if m is None:
        return None
    left, right = text[:m.start()], text[m.end():]
    if not re.search(r"[^\W_]", left) or not re.search(r"[^\W_]", right):
        return None
    if text.count("(") != text.count(")") or text.count("[") != text.count("]"):
        return None
    return a, b
