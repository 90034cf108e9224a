"""The output contract every renderer keeps, checked independently of how it is kept:
hostile strings (generated) and the checks that nothing of them is active in HTML, in
Markdown or on a terminal. Helpers only; test_escaping.py and the page's tests use them."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from hypothesis import strategies as st

from backprop.render.escape import ALLOWED
from backprop.render.style import stylesheet

PAYLOADS = [
    "<img src=x onerror=alert(1)>", "<script>alert(1)</script>", "<svg onload=alert(1)>",
    '"><img src=x onerror=alert(1)>', "'><script>alert(1)</script>",
    "[click](javascript:alert(1))", '<a href="javascript:alert(1)">x</a>',
    "javascript:alert(1)", "data:text/html,<script>alert(1)</script>",
    "<div style=\"background:url(http://evil.example/x)\">", "url(javascript:alert(1))",
    "</math><img src=x onerror=alert(1)>", r"\text{</math><img src=x onerror=alert(1)>}",
    r"\href{javascript:alert(1)}{x}", r"\style{background:url(http://e)}{x}",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<!--<img src=x onerror=alert(1)>-->", "<iframe srcdoc='<script>alert(1)</script>'>",
    "\x1b[31mred\x1b[0m", "\x1b]8;;http://evil.example\x1b\\link\x1b]8;;\x1b\\", "\r",
    "ok\rEVIL", "\x9b31m", "\u202e", "\u2066", "\x07", "\x00", "\x7f", "`", "``", "$", "|",
]

hostile = st.lists(st.sampled_from(PAYLOADS) | st.text(max_size=6), min_size=1,
                   max_size=4).map("".join)

CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
ACTIVE_TAGS = {"script", "iframe", "object", "embed", "img", "a", "link", "base",
               "form", "input", "button", "frame", "frameset", "mglyph", "annotation-xml",
               "foreignobject", "image", "use", "animate", "set", "video", "audio", "source"}
ACTIVE_VALUE = re.compile(r"(?:java|vb)script:|data:|url\((?!#[\w-]+\))|expression\(",
                          re.IGNORECASE)
DOCUMENT = {"html", "head", "body", "title", "meta", "style"}  # the wrappers', checked below


class _Walk(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.bad: list[str] = []
        self.style: list[str] = []
        self.in_style = False

    def handle_starttag(self, tag, attrs):
        if tag in ACTIVE_TAGS or (tag not in ALLOWED and tag not in DOCUMENT):
            self.bad.append(f"<{tag}>")
        if tag == "meta" and attrs != [("charset", "utf-8")]:
            self.bad.append(f"<meta {attrs}>")
        self.in_style = tag == "style"
        for name, value in attrs:
            value = value or ""
            if (name.startswith("on") or name in ("style", "href", "src", "xlink:href",
                                                   "action", "formaction", "srcdoc")
                    or ACTIVE_VALUE.search(re.sub(r"\s+", "", value))):
                self.bad.append(f"<{tag} {name}={value!r}>")
            elif tag in ALLOWED and name not in ALLOWED[tag] and not name.startswith("data-") \
                    and name not in {a.lower() for a in ALLOWED[tag]} and tag != "meta":
                self.bad.append(f"<{tag} {name}>")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        self.in_style = False

    def handle_endtag(self, tag):
        self.in_style = False

    def handle_data(self, data):
        if self.in_style:
            self.style.append(data)

    def handle_comment(self, data):
        self.bad.append("<!--comment-->")


def html_violations(markup: str) -> list[str]:
    """What in ``markup`` could run or fetch: tags and attributes beyond the renderers'
    allowlist, event handlers, links, script/data URLs, CSS url(); a <style> other than
    the style sheet; control characters."""
    w = _Walk()
    w.feed(markup)
    w.close()
    bad = list(w.bad)
    bad += [f"<style> not the style sheet: {s[:60]!r}" for s in w.style if s != stylesheet()]
    bad += [f"control character {c!r}" for c in set(CONTROL.findall(markup))]
    return bad


def terminal_violations(text: str) -> list[str]:
    return [f"control character {c!r}" for c in sorted(set(CONTROL.findall(text)))]


def markdown_violations(text: str) -> list[str]:
    """Markup a Markdown renderer passing HTML through would make active: an HTML tag or a
    link outside code; a tag inside $…$ math; control characters."""
    bad = terminal_violations(text)
    # fenced blocks: a fence opens only at the start of a line (CommonMark); ``` inside a
    # line is a code span's fence, handled below
    prose = re.sub(r"^ {0,3}```.*?^ {0,3}```[^\n]*", "", text, flags=re.S | re.M)
    # code spans; a backslash-escaped backtick opens none (CommonMark: "\`" is a literal `)
    prose = re.sub(r"(?<!\\)(`+)(?:(?!\1).)*?\1", "", prose)
    maths = re.findall(r"(?<!\\)\$(.*?)(?<!\\)\$", prose)
    prose = re.sub(r"(?<!\\)\$(.*?)(?<!\\)\$", "", prose)
    bad += [f"tag {m!r}" for m in re.findall(r"(?<!\\)<[A-Za-z/!?][^>]*", prose)]
    bad += [f"link {m!r}" for m in re.findall(r"(?<!\\)\]\([^)]*", prose)]
    bad += [f"tag in math {m!r}" for m in maths if "<" in m or ">" in m]
    return bad
