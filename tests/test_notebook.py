"""What Jupyter shows: a derivation's report and a trace as HTML (MathML, nothing fetched),
and the %%derivation cell magic of `%load_ext backprop`, in a real IPython shell."""

import re

import pytest

from backprop.notebook import load_ipython_extension, math_html, report_html, trace_html
from backprop.trace import trace
from backprop.verify.derivation import check_derivation

WRONG = r"""---
x: scalar
---
$$\sigma(x) = \frac{1}{1+e^{-x}}$$
$$\frac{d}{dx}\sigma(x) = \sigma(x)(1-\sigma(x))$$
$$\frac{d}{dx}\sigma(x) = \sigma(x)(1+\sigma(x))$$
"""


def fetches(fragment):
    """What a browser would fetch: script, link, image or frame sources."""
    return re.findall(r"<(?:script|link|img|iframe)\b|\b(?:src|href)=", fragment)


def rows(fragment):
    return re.findall(r'<tr class="(\w+)" data-line="(\d+)"', fragment)


def test_report_html_has_one_row_per_step_with_its_verdict():
    report = check_derivation(WRONG)
    fragment = report_html(report)
    assert rows(fragment) == [(s.status, str(s.line)) for s in report.steps]
    assert rows(fragment) == [("holds", "4"), ("holds", "5"), ("fails", "6")]
    assert "<math" in fragment                      # the steps as MathML
    assert "the first wrong step is on line 6" in fragment
    assert not fetches(fragment)
    assert report._repr_html_() == fragment         # what Jupyter calls


def test_math_is_escaped_whether_or_not_it_converts(monkeypatch):
    assert "<script" not in math_html("<script>alert(1)</script>")
    assert math_html("x < y").startswith("<math")

    def refuse(latex, display):
        raise ValueError("unknown macro")

    monkeypatch.setattr("backprop.notebook._latex_to_mathml", refuse)
    assert math_html(r"\foo{<b>}") == r"<code>\foo{&lt;b&gt;}</code>"


def test_report_html_shows_the_target_verdict_when_the_report_has_one():
    report = check_derivation(WRONG)

    class WithTarget:
        steps = report.steps
        file = report.file

        def to_dict(self):
            return dict(report.to_dict(), target="not reached")

        def __str__(self):
            return str(report)

    fragment = report_html(WithTarget())
    assert 'data-target="not reached"' in fragment
    assert "no checked chain reaches the target" in fragment
    assert "data-target" not in report_html(report)


def test_a_trace_shows_its_formulas_and_numbers():
    t = trace()
    fragment = t._repr_html_()
    assert fragment == trace_html(t)
    assert fragment.count('class="step forward"') == sum(s.direction == "forward" for s in t.steps)
    assert fragment.count('class="step backward"') == sum(s.direction == "backward"
                                                           for s in t.steps)
    assert fragment.count("<math") == len(t.steps)
    assert f"{t.loss:.6g}" in fragment
    assert not fetches(fragment)


class FakeShell:
    def __init__(self):
        self.magics = {}

    def register_magic_function(self, fn, magic_kind, magic_name):
        self.magics[(magic_kind, magic_name)] = fn


def test_the_cell_magic_checks_the_cell_and_returns_the_report(capsys):
    shell = FakeShell()
    load_ipython_extension(shell)
    magic = shell.magics[("cell", "derivation")]
    report = magic("--points 3", WRONG)
    assert [s.status for s in report.steps] == ["holds", "holds", "fails"]
    assert magic("--points", WRONG) is None        # a bad option: one line, no traceback
    err = capsys.readouterr().err
    assert err.startswith("%%derivation: error:") and err.count("\n") == 1
    assert magic("", "no math here") is None
    assert "holds no equation" in capsys.readouterr().err


def test_load_ext_backprop_in_a_real_shell():
    interactiveshell = pytest.importorskip("IPython.core.interactiveshell")
    shell = interactiveshell.InteractiveShell.instance()
    shell.run_line_magic("load_ext", "backprop")
    report = shell.run_cell_magic("derivation", "--seed 1", WRONG)
    assert report.first_failure.line == 6
    formatted, _ = shell.display_formatter.format(report)
    assert rows(formatted["text/html"])[-1] == ("fails", "6")
