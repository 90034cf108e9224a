"""Formulas as MathML: typeset by the browser natively, nothing fetched, each formula once.

The MathML is made from the formula's LaTeX by latex2mathml (the ``page`` extra) and then
sanitised (:func:`backprop.render.escape.sanitize`): a learner's LaTeX may hold
``\\text{</math><img …>}``, ``\\href{javascript:…}`` or ``\\style{…url(…)}``. The formula's
words ride along for screen readers and for copying, not as a second visible copy: its
plain text (``z₁ = W₁x + b₁``, or the LaTeX) as the ``alttext`` of ``<math>``, and the LaTeX
as its ``<annotation encoding="application/x-tex">``.
"""

from __future__ import annotations

import re

from ..errors import BackpropError
from .escape import html_attribute, html_text, sanitize

__all__ = ["formula", "mathml", "available"]

_OPEN = re.compile(r"<math\b[^>]*>")


def _convert():
    try:
        from latex2mathml.converter import convert
    except ImportError:
        return None
    return convert


def available() -> bool:
    """Whether latex2mathml is installed (without it, formulas show as their LaTeX)."""
    return _convert() is not None


def _wrap(body: str, latex: str, display: bool, alt: str | None) -> str:
    tex = latex.strip()
    return (f'<math xmlns="http://www.w3.org/1998/Math/MathML" '
            f'display="{"block" if display else "inline"}" '
            f'alttext="{html_attribute(alt if alt else tex)}">'
            f"<semantics><mrow>{body}</mrow>"
            f'<annotation encoding="application/x-tex">{html_text(tex)}</annotation>'
            f"</semantics></math>")


def mathml(latex: str, display: bool = True, alt: str | None = None) -> str:
    """Sanitised MathML for ``latex`` (``alt``: its plain text, default the LaTeX); raises :class:`BackpropError` naming the extra when
    latex2mathml is missing, and whatever the converter raises on LaTeX it cannot read."""
    convert = _convert()
    if convert is None:
        from ..extras import install_command
        raise BackpropError(f"rendering formulas as MathML needs latex2mathml: "
                            f"{install_command('page')}")
    clean = sanitize(convert(str(latex), display="block" if display else "inline"))
    opened = _OPEN.match(clean)
    body = clean[opened.end():].removesuffix("</math>") if opened else clean
    return _wrap(body, str(latex), display, alt)


def formula(latex: str, display: bool = False, alt: str | None = None) -> str:
    """MathML for ``latex``; its LaTeX as code when it cannot be converted (latex2mathml
    missing, or a macro it does not know — it raises assorted exceptions then)."""
    try:
        return mathml(latex, display, alt)
    except Exception:  # noqa: BLE001 - any failure of the converter means: show the source
        return f'<code class="tex">{html_text(latex)}</code>'
