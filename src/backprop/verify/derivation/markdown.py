"""Find the math of a Markdown file: front matter, math blocks and the statements in them.

Markdown text outside math is ignored, and so are fenced and inline code. A math block is
``$$…$$``, ``\\[…\\]``, ``$…$`` or a ``equation``/``align``/``gather`` environment; inside it,
rows end at ``\\\\``, ``&`` is alignment, and a statement ends at ``\\Rightarrow``,
``\\implies``, ``\\quad``, ``\\text{…}`` or a top-level ``,``/``;``/``.``. A statement is a
chain of expressions joined by ``=``; every piece keeps its offset in the file, so a step
can name the line on which its right-hand expression starts.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass

from ...errors import BackpropError
from .parse import function_words as _function_words

__all__ = ["Piece", "Statement", "Block", "split_front_matter", "math_blocks", "statements",
           "document_statements", "statement"]

MAX_CHARS = 500_000

_FENCE = re.compile(r"^ {0,3}(```|~~~)")
_INLINE_CODE = re.compile(r"`+[^`\n]*`+")
# Environments whose content is statements (their markers are blanked) ...
_STATEMENT_ENVS = ("equation", "align", "aligned", "gather", "gathered", "split", "eqnarray",
                   "multline", "alignat", "alignedat", "flalign", "math", "displaymath")
_ENV = re.compile(r"\\(begin|end)\s*\{\s*([A-Za-z]+)\*?\s*\}(\{\d+\})?")
# ... and separators: what ends a statement inside a row.
_PROSE_WORDS = ("if|for|when|where|with|and|or|otherwise|else|then|since|so|thus|hence|all|each|"
                "every|any|is|are|at|on|in|of|to|the|a|an|st|subject|such|that|let|we|get|"
                "gives|by|from|which|as|but|not|only|also|both|case|und|oder|wenn|falls|mit|"
                "für|et|ou|si|pour|avec|où|y|o|para|cuando|con|donde|e|per|se|quando|dove|"
                "und|als|voor|als|wanneer|dla|gdy|oraz|için|ve")


# \text{softmax}(z) names a function (any word of the table of rules, or the checker's
# notation); any other \text{…} is words between statements.
@functools.lru_cache(maxsize=1)
def _separator() -> re.Pattern:
    words = "|".join(re.escape(w) for w in sorted(_function_words(), key=len, reverse=True))
    return re.compile(
        r"\\(?:Rightarrow|Longrightarrow|implies|iff|Leftrightarrow|rightarrow|therefore|"
        r"because|qquad|quad|hence|intertext)(?![A-Za-z])"
        r"|\\(?:text|mbox|textrm|textbf|textit)(?![A-Za-z])"
        r"(?!\s*\{\s*(?i:" + words + r")\s*\})"
        # \text{dot}, \text{MSE}: one word that is no prose word names a quantity
        r"(?!\s*\{\s*(?!(?i:" + _PROSE_WORDS + r")\s*\})[A-Za-z][A-Za-z0-9]{0,13}\s*\})"
        r"(?:\s*\{[^{}]*\})?"
        r"|\\(?:label|tag|eqref|ref)\s*\{[^{}]*\}"
        r"|[,;]"
        r"|\.(?=\s*$)")


_IGNORED = re.compile(r"\\(?:nonumber|notag|displaystyle|textstyle)(?![A-Za-z])|(?<!\\)%[^\n]*")
_RELATION = re.compile(r"(?<![<>!:])=(?![=:])|:=|=:|\\coloneqq(?![A-Za-z])|\\equiv(?![A-Za-z])"
                       r"|\\stackrel\s*\{[^{}]*\}\s*\{=\}|\\overset\s*\{[^{}]*\}\s*\{=\}"
                       r"|\\(?:leftarrow|gets|longleftarrow)(?![A-Za-z])")
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

    ``relations`` are the signs between consecutive pieces: ``=``, ``:=`` (also
    ``\\coloneqq``, ``\\stackrel{def}{=}``), ``≡`` or ``←`` (``\\leftarrow``, ``\\gets``: an
    update). ``condition`` is a trailing index condition such as ``i \\neq j`` (after ``\\quad``,
    ``\\text{for}`` or a comma), which restricts where the chain is claimed to hold.
    ``before`` and ``after`` are the prose of the paragraph around its math block (lower
    case, math removed): what the sentence says the statement is ("where", "case 1:").
    """

    pieces: tuple[Piece, ...]
    continues: bool
    relations: tuple[str, ...] = ()
    condition: Piece | None = None
    inline: bool = False            # in $…$ within a sentence
    block: int = 0                  # its math block, counted from the start of the file
    paragraph: int = 0              # its paragraph, counted from the start of the file
    before: str = ""
    after: str = ""
    listed: bool = False            # i = 0, …, N − K: a range of values, not an equation
    implied: bool = False           # written after ⇒ (\\Rightarrow, \\implies)
    opens: bool = False             # the prose before it starts a sentence ("For $y = 1$")
    sentence: str = ""              # its sentence up to it, math kept ("if every … same $g$,")

    @property
    def defining(self) -> bool:
        """Written with := or ≝: the first piece is being defined."""
        return bool(self.relations) and self.relations[0] == ":="


@dataclass(frozen=True)
class Block:
    """One math block: its LaTeX, where the LaTeX starts, and where the block's delimiters
    start and end in the file."""

    latex: str
    offset: int
    display: bool
    start: int
    end: int


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


def math_blocks(text: str, start: int = 0) -> list[Block]:
    """Every math block of ``text`` from ``start`` on, in order."""
    body = _without_code(text)
    blocks: list[Block] = []
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
                blocks.append(Block(text[i + 2:j], i + 2, nxt == "[", i, j + 2))
                i = j + 2
                continue
            m = _ENV.match(body, i)
            if m and m.group(1) == "begin" and m.group(2) in _STATEMENT_ENVS:
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
    return blocks


_LEFT_RIGHT = re.compile(r"\\(left|right)(?![A-Za-z])\s*(\\\{|\\\}|\\[A-Za-z]+|.)", re.S)


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
            # \left( and \right) (not \leftarrow, \rightarrow: relations, words)
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
        if c in opening:
            depth += 1
        elif c in closing:
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
    digits_before = i - start
    after = text[i + 1:i + 5]
    return 1 <= digits_before <= 3 and text[start] != "0" and (start == 0 or text[
        start - 1] != ".") and len(after) >= 3 and after[:3].isdigit() and (
        len(after) == 3 or not after[3].isdigit())


def _pieces(text: str, offset: int, spans: list[tuple[int, int]]) -> list[Piece]:
    out, last = [], 0
    for a, b in spans + [(len(text), len(text))]:
        out.append(Piece(text[last:a], offset + last))
        last = b
    return out


_ROW_END = re.compile(r"\\\\(\s*\[[^\]]*\])?|\\cr(?![A-Za-z])")
_CONDITION_WORD = re.compile(r"\\(?:text|mbox|textrm)\s*\{\s*(for|if|when|where|at|with)\b[^{}]*\}")


def statements(latex: str, offset: int, display: bool = True) -> list[Statement]:
    """The chains of one math block, in order."""
    text = _IGNORED.sub(lambda m: " " * len(m.group()), latex)
    text = _ENV.sub(lambda m: m.group() if m.group(2) not in _STATEMENT_ENVS
                    else " " * len(m.group()), text)
    out: list[Statement] = []
    rows = _pieces(text, 0, _top_level_splits(text, _ROW_END))
    for row in rows:
        row_text = _top_level_ampersands(row.text)
        parts = _pieces(row_text, row.offset, _top_level_splits(row_text, _separator()))
        member = _membership(row_text, offset + row.offset, display)
        if member is not None:          # Q, K, V \in R^{N×d}: what the names are
            out.append(member)
            continue
        # A text word like "for"/"if" starts a condition: keep it with the next part.
        seps = _top_level_splits(row_text, _separator())
        for k, part in enumerate(parts):
            if not part.text.strip():
                continue
            sep_before = row_text[seps[k - 1][0]:seps[k - 1][1]] if k else ""
            cond = _condition(part.text, sep_before)
            if cond is not None and out and out[-1].condition is None and k:
                prev = out[-1]
                out[-1] = Statement(prev.pieces, prev.continues, prev.relations,
                                    Piece(cond, offset + part.offset), prev.inline)
                continue
            st = _statement(part.text, offset + part.offset)
            if st is None and not display:
                st = _lone_relation(part.text, offset + part.offset)
            if st is not None:
                nxt = parts[k + 1].text.strip() if k + 1 < len(parts) else ""
                listed = bool(_ELLIPSIS.match(nxt)) or st.listed
                implied = bool(_IMPLIES.match(sep_before))
                out.append(Statement(st.pieces, st.continues, st.relations, None, not display,
                                     listed=listed, implied=implied))
    return out


_IN = re.compile(r"\\in(?![A-Za-z])")
_COMMA = re.compile(r",")


def _membership(text: str, offset: int, display: bool) -> Statement | None:
    """``Q, K, V \\in \\mathbb{R}^{N \\times d}``: names, and the set they belong to."""
    spans = _top_level_splits(text, _IN)
    if len(spans) != 1 or _top_level_splits(text[:spans[0][0]], _RELATION):
        return None
    (a, b), = spans
    left, right = text[:a], text[b:]
    right = right.strip().rstrip(".,;")
    if not left.strip() or not right.strip() or "," in right and "\\{" not in right and \
            "^" not in right:
        return None
    return Statement((Piece(left, offset), Piece(right, offset + b)), False, ("∈",), None,
                     not display)


_IMPLIES = re.compile(r"\s*\\(Rightarrow|Longrightarrow|implies|iff|Leftrightarrow|therefore)")
_ELLIPSIS = re.compile(r"^(\\[lcv]?dots|\\dotsc|…|\.\.\.)")
_LONE = re.compile(r"\\neq?(?![A-Za-z])|\\ne(?![A-Za-z])|\\leq?(?![A-Za-z])|\\geq?(?![A-Za-z])|"
                   r"\\lt(?![A-Za-z])|\\gt(?![A-Za-z])|<|>")


def _lone_relation(text: str, offset: int) -> Statement | None:
    """``$i \\neq j$``, ``$x > 0$`` in a sentence: one relation, not an equation (a condition,
    when the prose makes it one)."""
    spans = _top_level_splits(text, _LONE)
    if len(spans) != 1:
        return None
    (a, b), = spans
    sign = text[a:b].strip()
    op = "≠" if "ne" in sign else "<" if sign in ("<", "\\lt") else ">" if sign in (
        ">", "\\gt") else "≤" if "le" in sign else "≥"
    pieces = _pieces(text, offset, spans)
    if not all(p.text.strip() for p in pieces):
        return None
    return Statement(tuple(pieces), False, (op,))


_CONDITION_TOKENS = re.compile(r"\\neq|\\ne(?![A-Za-z])|=|-?\d+(?:\.\d+)?|[A-Za-z]")
_LEAD_WORDS = ("for", "if", "when", "at", "where", "with")


def _condition(text: str, separator: str) -> str | None:
    """``i = j``, ``i \\neq j`` after a comma, \\quad or \\text{for} (an index condition), or
    ``a = 2`` after \\text{when}/\\text{at}/… (a value condition); read token by token, in
    time linear in the text."""
    words = " ".join(text.split()).strip()
    if words.startswith("(") and words.endswith(")"):
        words = words[1:-1].strip()
    words = words.rstrip(".,").strip()
    m = re.match(r"\\(?:text|mbox|textrm)\s*\{\s*(for|if|when|where|at|with)\s*\}\s*", words)
    lead = m.group(1) if m else None
    words = words[m.end():] if m else words
    for w in _LEAD_WORDS:
        if words.startswith(w + " "):
            lead, words = w, words[len(w) + 1:]
            break
    tokens = _CONDITION_TOKENS.findall(words)
    if "".join(tokens).replace(" ", "") != words.replace(" ", ""):
        return None
    worded = bool(_CONDITION_WORD.match(separator)) or lead is not None or text.lstrip(
        ).startswith("(")
    # a letter, then (relation, letter)+: an index condition
    if len(tokens) >= 3 and len(tokens) % 2 == 1 and all(
            len(tk) == 1 and tk.isalpha() for tk in tokens[::2]) and all(
            tk in ("=", "\\ne", "\\neq") for tk in tokens[1::2]):
        if "=" in tokens and not any(tk.startswith("\\") for tk in tokens) and not worded:
            return None  # "i = j" after a comma alone is a chain, not a condition
        return words
    # a letter = a number, after a word: a value condition (\text{when } a = 2)
    if worded and len(tokens) == 3 and len(tokens[0]) == 1 and tokens[0].isalpha() and \
            tokens[1] == "=" and re.fullmatch(r"-?\d+(?:\.\d+)?", tokens[2]):
        return words
    return None


def _top_level_ampersands(text: str) -> str:
    spans = _top_level_splits(text, re.compile(r"&"))
    chars = list(text)
    for a, _ in spans:
        chars[a] = " "
    return "".join(chars)


def statement(text: str, offset: int = 0) -> Statement | None:
    """The chain one piece of LaTeX states (``left = right``), or None."""
    return _statement(text, offset)


def _relation_kind(sign: str) -> str:
    sign = sign.strip()
    if "equiv" in sign:
        return "≡"
    if "arrow" in sign or "gets" in sign:
        return "←"
    if sign == "=:":
        return "=:"                  # σ(z) =: s: the right side is being defined
    if "stackrel" in sign or "overset" in sign:
        label = sign[sign.index("{") + 1:sign.index("}")]
        if "!" in label:
            return "=!"              # ∇L \stackrel{!}{=} 0: an equation to solve
        if re.search(r"def|:|\\triangle|Δ|≝", label):
            return ":="
        return "="                   # \overset{(1)}{=}, \stackrel{?}{=}: a step to check
    return "=" if sign == "=" else ":="


def _statement(text: str, offset: int) -> Statement | None:
    spans = _top_level_splits(text, _RELATION)
    if not spans:
        return None
    pieces = _pieces(text, offset, spans)
    relations = tuple(_relation_kind(text[a:b]) for a, b in spans)
    continues = not pieces[0].text.strip()
    if continues:
        pieces = pieces[1:]
        relations = relations[1:]
    # A piece holding another relation (<, \approx, \to) is not an equality: cut the chain;
    # "S = QK^T \in R^{N×N}": the set after \in says what S is, and ends the chain.
    kept: list[Piece] = []
    for p in pieces:
        member = _top_level_splits(p.text, _IN)
        if member:
            kept.append(Piece(p.text[:member[0][0]], p.offset))
            break
        if _top_level_splits(p.text, _OTHER_RELATION):
            break
        kept.append(p)
    if len(kept) < (1 if continues else 2):
        return None
    relations = relations[:max(len(kept) - 1, 0)]
    if relations == ("=:",) and not continues:
        return Statement((kept[1], kept[0]), False, (":=",))   # σ(z) =: s is s := σ(z)
    relations = tuple("=" if r == "=:" else r for r in relations)
    return Statement(tuple(kept), continues, relations)


_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_HEADING = re.compile(r"^ {0,3}#{1,6}\s", re.M)


def _prose(text: str) -> str:
    """Words of a stretch of Markdown, lower case, emphasis marks and spacing removed."""
    return " ".join(re.sub(r"[*_`>]", " ", text).split()).lower()


_CONTINUES = re.compile(r"\s*(where|with|here|which|whose|wobei|wo|mit|où|avec|donde|con|dove|"
                        r"gdzie|waarbij|где|burada)\b")


def document_statements(text: str, body_start: int) -> list[Statement]:
    """Every statement of the file's math, in order, with its block, paragraph and the prose
    around its block."""
    blocks = math_blocks(text, body_start)
    breaks = [m for m in _BLANK_LINE.finditer(text, body_start)]
    starts = [body_start] + [m.end() for m in breaks]   # where each paragraph starts
    ends = [m.start() for m in breaks] + [len(text)]      # and ends
    out: list[Statement] = []
    # "where $g(z) = …$" after a blank line still speaks of the display before it: such a
    # paragraph continues the one before (its definitions are the display's)
    joined = [k > 0 and bool(_CONTINUES.match(text[starts[k]:starts[k] + 40]))
              for k in range(len(starts))]
    for k, block in enumerate(blocks):
        paragraph = bisect.bisect_right(starts, block.start) - 1
        while paragraph > 0 and joined[paragraph]:
            paragraph -= 1
        par_start, par_end = starts[paragraph], ends[max(paragraph, bisect.bisect_left(
            ends, block.end))]
        previous = max(par_start, blocks[k - 1].end if k else par_start)
        following = blocks[k + 1].start if k + 1 < len(blocks) else len(text)
        raw = text[max(previous, block.start - 400):block.start]
        before = _prose(raw)
        # "For $y = 1$ …" after a display starts a sentence; "… when $i = j$" ends one
        lead = text[max(par_start, block.start - 400):block.start]
        sentence = " ".join(re.split(r"[.!?:;](?:\s|$)", lead)[-1].split()).lower()
        first = re.match(r"[^\w$]*([^\W\d_])", raw)
        opens = first is not None and first.group(1).isupper()
        after = _prose(text[block.end:min(par_end, following, block.end + 400)])
        for st in statements(block.latex, block.offset, block.display):
            out.append(Statement(st.pieces, st.continues, st.relations, st.condition, st.inline,
                                 k, paragraph, before[-120:], after[:120], st.listed,
                                 st.implied, opens, sentence[-200:]))
    return out
