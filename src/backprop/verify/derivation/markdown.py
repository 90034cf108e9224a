"""Find the math of a Markdown file: front matter, math blocks and the statements in them.

Markdown text outside math is ignored, and so are fenced and inline code. A math block is
``$$…$$``, ``\\[…\\]``, ``$…$`` or a ``equation``/``align``/``gather`` environment; inside it,
rows end at ``\\\\``, ``&`` is alignment, and a statement ends at ``\\Rightarrow``,
``\\implies``, ``\\quad``, ``\\text{…}`` or a top-level ``,``/``;``/``.``. A statement is a
chain of expressions joined by ``=``; every piece keeps its offset in the file, so a step
can name the line on which its right-hand expression starts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...errors import BackpropError

__all__ = ["Piece", "Statement", "split_front_matter", "math_blocks", "statements"]

MAX_CHARS = 500_000

_FENCE = re.compile(r"^ {0,3}(```|~~~)")
_INLINE_CODE = re.compile(r"`+[^`\n]*`+")
# Environments whose content is statements (their markers are blanked) ...
_STATEMENT_ENVS = ("equation", "align", "aligned", "gather", "gathered", "split", "eqnarray",
                   "multline", "alignat", "alignedat", "flalign", "math", "displaymath")
_ENV = re.compile(r"\\(begin|end)\s*\{\s*([A-Za-z]+)\*?\s*\}(\{\d+\})?")
# ... and separators: what ends a statement inside a row.
# \text{softmax}(z) names a function; any other \text{…} is words between statements.
_FUNCTION_WORDS = r"(?!\s*\{\s*(?i:softmax|softplus|sigmoid|relu|diag|tanh|exp|log|onehot)\s*\})"
_SEPARATOR = re.compile(
    r"\\(?:Rightarrow|Longrightarrow|implies|iff|Leftrightarrow|rightarrow|therefore|because|"
    r"qquad|quad|hence|intertext)(?![A-Za-z])"
    r"|\\(?:text|mbox|textrm|textbf|textit)(?![A-Za-z])" + _FUNCTION_WORDS + r"(?:\s*\{[^{}]*\})?"
    r"|\\(?:label|tag|eqref|ref)\s*\{[^{}]*\}"
    r"|[,;]"
    r"|\.(?=\s*$)")
_IGNORED = re.compile(r"\\(?:nonumber|notag|displaystyle|textstyle)(?![A-Za-z])|(?<!\\)%[^\n]*")
_RELATION = re.compile(r"(?<![<>!:])=(?!=)|:=|\\coloneqq(?![A-Za-z])|\\equiv(?![A-Za-z])"
                       r"|\\stackrel\s*\{[^{}]*\}\s*\{=\}|\\overset\s*\{[^{}]*\}\s*\{=\}")
_OTHER_RELATION = re.compile(r"\\(?:approx|neq?|le|leq|ge|geq|propto|sim|to|mapsto|in|subset)"
                             r"(?![A-Za-z])|[<>]")


@dataclass(frozen=True)
class Piece:
    """One expression of a chain, its LaTeX and the offset of its first character."""

    text: str
    offset: int


@dataclass(frozen=True)
class Statement:
    """``pieces[0] = pieces[1] = …``; ``continues`` when the math began with ``=``.

    ``condition`` is a trailing index condition such as ``i \\neq j`` (after ``\\quad``,
    ``\\text{for}`` or a comma), which restricts where the chain is claimed to hold.
    """

    pieces: tuple[Piece, ...]
    continues: bool
    defining: bool = False          # written with := or \coloneqq
    condition: Piece | None = None
    inline: bool = False            # in $…$ within a sentence


def split_front_matter(text: str) -> tuple[list[tuple[int, str]], int]:
    """The front matter's lines (1-based line number, text) and the offset where the body starts.

    Front matter is the text between a first line ``---`` and the next line ``---``.
    """
    if len(text) > MAX_CHARS:
        raise BackpropError(f"check_derivation: the file has {len(text)} characters; at most "
                            f"{MAX_CHARS} are read")
    lines = text.split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None or lines[first].strip() != "---":
        return [], 0
    for end in range(first + 1, len(lines)):
        if lines[end].strip() in ("---", "..."):
            body = sum(len(line) + 1 for line in lines[:end + 1])
            return [(i + 1, lines[i]) for i in range(first + 1, end)], min(body, len(text))
    raise BackpropError(f"front matter: the '---' on line {first + 1} is never closed by a "
                        f"second '---' line")


def _blank(text: str, start: int, end: int) -> str:
    """``text`` with ``[start, end)`` replaced by spaces (newlines kept, so offsets stay)."""
    return text[:start] + re.sub(r"[^\n]", " ", text[start:end]) + text[end:]


_HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)


def _without_code(text: str) -> str:
    """Fenced blocks, inline code and HTML comments blanked out."""
    text = _HTML_COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), text)
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


def math_blocks(text: str, start: int = 0) -> list[tuple[str, int, bool]]:
    """``(latex, offset, display)`` for every math block of ``text`` from ``start`` on."""
    body = _without_code(text)
    blocks: list[tuple[str, int, bool]] = []
    i, n = start, len(body)
    while i < n:
        c = body[i]
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
                blocks.append((text[i + 2:j], i + 2, nxt == "["))
                i = j + 2
                continue
            m = _ENV.match(body, i)
            if m and m.group(1) == "begin" and m.group(2) in _STATEMENT_ENVS:
                end = re.compile(r"\\end\s*\{\s*" + m.group(2) + r"\*?\s*\}").search(body, m.end())
                if end is None:
                    break
                blocks.append((text[m.end():end.start()], m.end(), True))
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
            blocks.append((text[i + len(delim):j], i + len(delim), display))
            i = j + len(delim)
            continue
        i += 1
    return blocks


def _top_level_splits(text: str, pattern: re.Pattern) -> list[tuple[int, int]]:
    """Spans of ``pattern`` matches outside braces, brackets, parentheses and environments."""
    spans = []
    depth = 0
    i = 0
    opening, closing = "{([", "})]"
    while i < len(text):
        if text.startswith("\\begin", i):
            depth += 1
            i += 6
            continue
        if text.startswith("\\end", i):
            depth -= 1
            i += 4
            continue
        if text.startswith("\\langle", i) or text.startswith("\\rangle", i):
            depth += 1 if text[i + 1] == "l" else -1
            i += 7
            continue
        if text.startswith("\\left", i) or text.startswith("\\right", i):
            m = re.compile(r"\\(left|right)\s*(\\\{|\\\}|\\[A-Za-z]+|.)", re.S).match(text, i)
            if m:
                depth += 1 if m.group(1) == "left" else -1
                i = m.end()
                continue
        c = text[i]
        if c == "\\" and i + 1 < len(text) and text[i + 1] in "{}[]()|,;. ":
            if depth == 0:
                m = pattern.match(text, i)
                if m and m.end() > i:
                    spans.append((i, m.end()))
                    i = m.end()
                    continue
            i += 2
            continue
        if c in opening:
            depth += 1
        elif c in closing:
            depth -= 1
        elif depth <= 0:
            m = pattern.match(text, i)
            if m and m.end() > i:
                spans.append((i, m.end()))
                i = m.end()
                continue
        i += 1
    return spans


def _pieces(text: str, offset: int, spans: list[tuple[int, int]]) -> list[Piece]:
    out, last = [], 0
    for a, b in spans + [(len(text), len(text))]:
        out.append(Piece(text[last:a], offset + last))
        last = b
    return out


_ROW_END = re.compile(r"\\\\(\s*\[[^\]]*\])?|\\cr(?![A-Za-z])")
_CONDITION = re.compile(r"^\s*\(?\s*(?:\\(?:text|mbox|textrm)\s*\{\s*(?:for|if|when|where)"
                        r"\s*\}\s*)?(?:for|if|when)?\s*([A-Za-z](?:\s*(?:=|\\neq?|\\ne)\s*"
                        r"[A-Za-z])+)\s*\)?\s*[.,]?\s*$")
_CONDITION_WORD = re.compile(r"\\(?:text|mbox|textrm)\s*\{\s*(for|if|when|where)\b[^{}]*\}")


def statements(latex: str, offset: int, display: bool = True) -> list[Statement]:
    """The chains of one math block, in order."""
    text = _IGNORED.sub(lambda m: " " * len(m.group()), latex)
    text = _ENV.sub(lambda m: m.group() if m.group(2) not in _STATEMENT_ENVS
                    else " " * len(m.group()), text)
    out: list[Statement] = []
    rows = _pieces(text, 0, _top_level_splits(text, _ROW_END))
    for row in rows:
        row_text = _top_level_ampersands(row.text)
        parts = _pieces(row_text, row.offset, _top_level_splits(row_text, _SEPARATOR))
        # A text word like "for"/"if" starts a condition: keep it with the next part.
        seps = _top_level_splits(row_text, _SEPARATOR)
        for k, part in enumerate(parts):
            if not part.text.strip():
                continue
            sep_before = row_text[seps[k - 1][0]:seps[k - 1][1]] if k else ""
            cond = _condition(part.text, sep_before)
            if cond is not None and out and out[-1].condition is None and k:
                prev = out[-1]
                out[-1] = Statement(prev.pieces, prev.continues, prev.defining,
                                    Piece(cond, offset + part.offset), prev.inline)
                continue
            st = _statement(part.text, offset + part.offset)
            if st is not None:
                out.append(Statement(st.pieces, st.continues, st.defining, None, not display))
    return out


def _condition(text: str, separator: str) -> str | None:
    m = _CONDITION.match(text)
    if m is None:
        return None
    if "=" in m.group(1) and "\\ne" not in m.group(1) and not (
            _CONDITION_WORD.match(separator) or re.match(r"\s*\(", text)
            or re.match(r"\s*(for|if|when)\b", text)):
        return None  # "i = j" after a comma alone is a chain, not a condition
    return m.group(1)


def _top_level_ampersands(text: str) -> str:
    spans = _top_level_splits(text, re.compile(r"&"))
    chars = list(text)
    for a, _ in spans:
        chars[a] = " "
    return "".join(chars)


def _statement(text: str, offset: int) -> Statement | None:
    spans = _top_level_splits(text, _RELATION)
    if not spans:
        return None
    pieces = _pieces(text, offset, spans)
    defining = any(text[a:b].strip() != "=" and "equiv" not in text[a:b] for a, b in spans)
    continues = not pieces[0].text.strip()
    if continues:
        pieces = pieces[1:]
    # A piece holding another relation (<, \approx, \to) is not an equality: cut the chain.
    kept: list[Piece] = []
    for p in pieces:
        if _top_level_splits(p.text, _OTHER_RELATION):
            break
        kept.append(p)
    if len(kept) < (1 if continues else 2):
        return None
    return Statement(tuple(kept), continues, defining)
