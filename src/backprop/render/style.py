"""The one style sheet (``static/style.css``): served to the page, inlined in HTML files
and notebook fragments, which are wrapped in an element of class ``bp`` it is scoped to."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from .escape import html_text

__all__ = ["stylesheet", "fragment", "document"]


@lru_cache(maxsize=1)
def stylesheet() -> str:
    return (resources.files(__package__) / "static" / "style.css").read_text(encoding="utf-8")


def fragment(kind: str, safe_body: str) -> str:
    """A notebook fragment: ``safe_body`` (already sanitised) with the style sheet."""
    return f'<div class="bp {kind}"><style>{stylesheet()}</style>{safe_body}</div>'


def document(title: str, safe_body: str) -> str:
    """One self-contained HTML page: ``title`` (text, escaped here) and ``safe_body``
    (sanitised by the caller)."""
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f"<title>{html_text(title)}</title><style>{stylesheet()}</style></head>"
            f'<body class="bp bp-doc">\n{safe_body}\n</body></html>\n')
