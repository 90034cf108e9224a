"""One escaping function per medium: everything backprop writes out of the process passes
through one of these, so nothing a file, a notebook cell, a dataset or a web request
contains becomes active markup or a terminal control sequence.

- HTML: :func:`html_text` escapes text (and makes control characters visible);
  :func:`sanitize` re-reads a fragment and keeps only the elements and attributes the
  renderers themselves emit (:data:`ALLOWED`), every text and attribute value re-escaped.
  Every HTML renderer returns ``sanitize(its fragment)``; only the trusted style sheet is
  added afterwards. MathML made by latex2mathml from a learner's LaTeX goes through it too
  (it passes ``\\text{</math>…}`` through raw, ``\\href`` as a ``javascript:`` link, ``\\style``
  as CSS).
- Terminal: :func:`terminal` replaces control characters (C0 but newline and tab, DEL, C1,
  so ESC/CSI and OSC 8 links, carriage returns, bidirectional overrides) with visible
  escapes such as ``\\x1b``; :func:`json_text` writes JSON with the same characters as
  ``\\u`` escapes (still valid JSON, decoding to the same strings).
- Markdown (read on a terminal and by renderers that pass HTML through):
  :func:`markdown_text`, :func:`markdown_code`, :func:`markdown_math`.
"""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser
from typing import Any

__all__ = ["html_text", "html_attribute", "sanitize", "terminal", "json_text", "markdown_text",
           "markdown_code", "markdown_math", "ALLOWED", "CONTROL"]

# Characters that move the cursor, recolour, hyperlink, overwrite or reorder what is shown:
# C0 but tab and newline, DEL, C1 (U+0080–U+009F: CSI is U+009B), and the bidirectional
# marks, embeddings, overrides and isolates.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029"
                     "\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\r": "\\r", "\x1b": "\\x1b", "\x00": "\\x00"}


def _visible(match: re.Match) -> str:
    c = match.group(0)
    if c in _NAMED:
        return _NAMED[c]
    return f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}"


def terminal(text: Any) -> str:
    """``text`` for a terminal: every control character replaced by a visible escape
    (``\\x1b``, ``\\r``, ``\\x9b``, ``\\u202e``); newlines and tabs are kept."""
    return CONTROL.sub(_visible, str(text))


def _json_escape(match: re.Match) -> str:
    return f"\\u{ord(match.group(0)):04x}"


def json_text(data: Any, **kwargs: Any) -> str:
    """``json.dumps(data, ensure_ascii=False, **kwargs)`` with every control character
    written as a ``\\uXXXX`` escape: the same JSON, safe to print."""
    # JSON escapes C0 itself; the others can only occur inside strings, where \\u is valid.
    return CONTROL.sub(_json_escape, json.dumps(data, ensure_ascii=False, **kwargs))


def html_text(text: Any) -> str:
    """Text for HTML (element content or a quoted attribute value): ``& < > " '`` escaped,
    control characters made visible."""
    return html.escape(terminal(text), quote=True)


html_attribute = html_text  # the same escape is right inside double-quoted values

# -- HTML, SVG and MathML: what the renderers emit, and nothing else ------------------------
_GLOBAL = {"class", "id", "title", "role", "aria-label", "aria-hidden", "aria-live",
           "aria-describedby", "lang", "tabindex", "hidden"}
_MATH_GLOBAL = {"mathvariant", "displaystyle", "scriptlevel", "mathsize", "mathcolor",
                "mathbackground"}
_MATH = {
    "math": {"display", "xmlns", "alttext"}, "semantics": set(),
    "annotation": {"encoding"}, "mrow": set(), "mi": set(), "mn": set(), "mtext": set(),
    "ms": set(), "mspace": {"width", "height", "depth"},
    "mo": {"stretchy", "fence", "form", "separator", "lspace", "rspace", "accent",
           "largeop", "movablelimits", "symmetric", "minsize", "maxsize"},
    "msub": set(), "msup": set(), "msubsup": set(), "mfrac": {"linethickness", "bevelled"},
    "msqrt": set(), "mroot": set(), "mstyle": set(), "merror": set(),
    "mpadded": {"width", "height", "depth", "lspace", "voffset"}, "mphantom": set(),
    "menclose": {"notation"}, "munder": {"accentunder"}, "mover": {"accent"},
    "munderover": {"accent", "accentunder"}, "mmultiscripts": set(), "mprescripts": set(),
    "none": set(),
    "mtable": {"columnalign", "rowalign", "columnspacing", "rowspacing", "columnlines",
               "rowlines", "frame", "framespacing", "equalrows", "equalcolumns", "width"},
    "mtr": {"columnalign", "rowalign"}, "mtd": {"columnalign", "rowalign", "columnspan",
                                                 "rowspan"},
}
_SVG_SHAPE = {"fill", "stroke", "stroke-width", "marker-end", "transform"}
_SVG = {
    "svg": {"xmlns", "width", "height", "viewBox"}, "g": set(), "defs": set(),
    "marker": {"viewBox", "refX", "refY", "markerWidth", "markerHeight", "markerUnits",
               "orient"},
    "rect": {"x", "y", "width", "height", "rx", "ry"}, "path": {"d"},
    "text": {"x", "y", "text-anchor"}, "tspan": {"x", "y", "dx", "dy"}, "title": set(),
}
_HTML = {
    "div": set(), "span": set(), "p": set(), "h1": set(), "h2": set(), "h3": set(),
    "h4": set(), "code": set(), "pre": set(), "b": set(), "strong": set(), "em": set(),
    "i": set(), "small": set(), "sub": set(), "sup": set(), "br": set(), "ul": set(),
    "ol": set(), "li": set(), "table": set(), "thead": set(), "tbody": set(), "tr": set(),
    "td": {"colspan", "rowspan"}, "th": {"colspan", "rowspan", "scope"},
    "details": {"open"}, "summary": set(), "section": set(), "dl": set(), "dt": set(),
    "dd": set(),
}
#: element → the attributes it may carry (besides ``data-*``); nothing else survives.
ALLOWED: dict[str, frozenset[str]] = {
    **{k: frozenset(v | _GLOBAL) for k, v in _HTML.items()},
    **{k: frozenset(v | _GLOBAL | _SVG_SHAPE) for k, v in _SVG.items()},
    **{k: frozenset(v | _MATH_GLOBAL) for k, v in _MATH.items()},
}
VOID = frozenset({"br"})
# html.parser lowers attribute names; SVG's camel case is restored (browsers would too).
_CASE = {a.lower(): a for a in ("viewBox", "refX", "refY", "markerWidth", "markerHeight",
                                "markerUnits")}
_NAMESPACES = {"http://www.w3.org/2000/svg", "http://www.w3.org/1998/Math/MathML"}
_DATA = re.compile(r"data-[a-z0-9][a-z0-9-]{0,40}")
_ID = re.compile(r"[A-Za-z][\w-]{0,63}")
# A value naming a script or data URL, a CSS url() other than one in this document, or a
# CSS expression() is dropped whatever the attribute.
_ACTIVE = re.compile(r"(?:java|vb)script:|data:|url\((?!#[\w-]+\))|expression\(|@import",
                     re.IGNORECASE)
_DROP_CONTENT = frozenset({"script", "style", "template", "iframe", "object", "embed",
                           "noscript", "noembed", "noframes", "xmp", "textarea", "select",
                           "annotation-xml", "foreignobject", "svg:foreignobject"})


def _value_ok(name: str, value: str) -> bool:
    squeezed = re.sub(r"[\s\x00-\x1f\\]+", "", value)
    if _ACTIVE.search(squeezed):
        return False
    if name == "id":
        return bool(_ID.fullmatch(value))
    if name == "xmlns":
        return value in _NAMESPACES
    return True


class _Sanitizer(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.open: list[str] = []
        self.dropping = 0  # inside an element whose content goes too (script, style…)

    def _attrs(self, tag: str, attrs: list[tuple[str, str | None]]) -> str:
        allowed, seen, parts = ALLOWED[tag], set(), []
        for name, value in attrs:
            value = "" if value is None else value
            if name in seen or not (name in allowed or _CASE.get(name) in allowed
                                    or _DATA.fullmatch(name)):
                continue
            if not _value_ok(name, value):
                continue
            seen.add(name)
            parts.append(f' {_CASE.get(name, name)}="{html_attribute(value)}"')
        return "".join(parts)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _DROP_CONTENT:
            self.dropping += 1
            return
        if self.dropping or tag not in ALLOWED:
            return
        self.out.append(f"<{tag}{self._attrs(tag, attrs)}>")
        if tag not in VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _DROP_CONTENT or self.dropping or tag not in ALLOWED:
            return
        self.out.append(f"<{tag}{self._attrs(tag, attrs)}>" +
                        ("" if tag in VOID else f"</{tag}>"))

    def handle_endtag(self, tag: str) -> None:
        if tag in _DROP_CONTENT:
            self.dropping = max(0, self.dropping - 1)
            return
        if self.dropping or tag not in self.open:
            return
        while self.open:  # close what was left open inside it
            top = self.open.pop()
            self.out.append(f"</{top}>")
            if top == tag:
                break

    def handle_data(self, data: str) -> None:
        if not self.dropping:
            self.out.append(html_text(data))

    def result(self) -> str:
        self.close()
        self.out += [f"</{t}>" for t in reversed(self.open)]
        self.open = []
        return "".join(self.out)


def sanitize(fragment: str) -> str:
    """``fragment`` with only the elements and attributes of :data:`ALLOWED` (``data-*``
    too), no event handler, no ``style``, no link (``href``, ``src``), no script or data
    URL and no CSS ``url()`` but to this document; text and values re-escaped, elements
    balanced. Comments, ``<script>``, ``<style>`` and their content are dropped."""
    s = _Sanitizer()
    s.feed(str(fragment))
    return s.result()


# -- Markdown --------------------------------------------------------------------------------
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>&|~$])")  # links, code, HTML, emphasis, tables, math


def markdown_text(text: Any) -> str:
    """Text for Markdown prose: its punctuation backslash-escaped (so ``<script>`` and
    ``[x](javascript:…)`` stay text), control characters visible, on one line."""
    flat = terminal(str(text).replace("\n", " "))
    return _MD_SPECIAL.sub(r"\\\1", flat)


def markdown_code(text: Any) -> str:
    """Text as a Markdown code span: a fence longer than any run of backticks inside."""
    flat = terminal(str(text).replace("\n", " "))
    longest = max((len(m) for m in re.findall(r"`+", flat)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if flat.startswith("`") or flat.endswith("`") or not flat.strip() else ""
    return f"{fence}{pad}{flat}{pad}{fence}"


def markdown_math(latex: Any) -> str:
    """LaTeX for ``$…$`` in Markdown: ``<`` and ``>`` as ``\\lt``/``\\gt`` (a renderer
    passing HTML through never sees a tag), ``$`` escaped, a backtick escaped (it would open
    a code span that a backtick elsewhere closes, leaving what lies between as Markdown), on
    one line."""
    flat = terminal(str(latex).replace("\n", " ")).rstrip("\\").strip()
    flat = flat.replace("$", r"\$").replace("<", r"\lt ").replace(">", r"\gt ")
    flat = re.sub(r"(?<!\\)`", r"\`", flat)
    return f"${flat}$" if flat else ""
