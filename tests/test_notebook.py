"""What Jupyter shows: a derivation's report and a trace as HTML (MathML, nothing fetched),
and the %%derivation cell magic of `%load_ext backprop`, in a real IPython shell."""

import os
import re
import shutil
from pathlib import Path

import pytest

from backprop.notebook import load_ipython_extension, math_html, report_html, trace_html
from backprop.trace import trace
from backprop.verify.derivation import check_derivation

CHROMIUM = "/usr/bin/chromium"

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

    monkeypatch.setattr("backprop.render.mathml._convert", lambda: refuse)
    assert math_html(r"\foo{<b>}") == r'<code class="tex">\foo{&lt;b&gt;}</code>'


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


EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def html_outputs(cell):
    return [o["data"]["text/html"] for o in cell.get("outputs", [])
            if "text/html" in o.get("data", {})]


def _view(html: str, kind: str) -> bool:
    """The output's outermost element is a view of that kind (one of its classes)."""
    m = re.match(r'\s*<div class="([^"]*)"', html)
    return bool(m) and kind in m.group(1).split()


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.ipynb")), ids=lambda p: p.name)
def test_the_example_notebooks_execute(path, tmp_path):
    nbformat = pytest.importorskip("nbformat", reason='pip install "backprop[notebook]"')
    nbclient = pytest.importorskip("nbclient", reason="nbclient executes notebooks "
                                   "(the test extra)")
    pytest.importorskip("ipykernel", reason="ipykernel runs them (the test extra)")
    nb = nbformat.read(path, as_version=4)
    nbclient.NotebookClient(nb, timeout=300, kernel_name="python3",
                            resources={"metadata": {"path": str(tmp_path)}}).execute()
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert not [o for c in code for o in c.outputs if o.output_type == "error"]
    assert not [o for c in code for o in c.outputs
                if o.output_type == "stream" and o.name == "stderr"
                and "%%derivation" in o.text]
    shown = [h for c in code for h in html_outputs(c)]
    assert not [h for h in shown if fetches(h)]
    if path.name == "learn_by_doing.ipynb":
        assert any(_view(h, "bp-trace") and "<math" in h for h in shown)
        assert sum(_view(h, "bp-graph") and "<svg" in h for h in shown) == 2
        reports = [h for h in shown if _view(h, "bp-report")]
        assert len(reports) == 2
        assert 'data-status="fails"' not in reports[0] and 'data-status="holds"' in reports[0]
        assert rows(reports[1])[-1][0] == "fails"


def test_the_views_render_offline_in_a_browser(tmp_path):
    if not os.path.exists(CHROMIUM) and not shutil.which("chromium"):
        pytest.skip("no Chromium at /usr/bin/chromium (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
    from backprop.computation_graph import network_graph

    # As a notebook shows them: fragments side by side in one page.
    page_html = ("<!DOCTYPE html><html><head><meta charset='utf-8'></head><body>"
                 + report_html(check_derivation(WRONG)) + trace_html(trace())
                 + network_graph()._repr_html_() + "</body></html>")
    path = tmp_path / "views.html"
    path.write_text(page_html, encoding="utf-8")
    with sync_api.sync_playwright() as p:
        exe = CHROMIUM if os.path.exists(CHROMIUM) else shutil.which("chromium")
        browser = p.chromium.launch(executable_path=exe, args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        page = browser.new_page()
        requests, errors = [], []
        page.on("request", lambda r: requests.append(r.url))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.goto(path.as_uri())
        sizes = page.evaluate("""() => [...document.querySelectorAll('math')]
            .map(m => m.getBoundingClientRect()).map(r => [r.width, r.height])""")
        fails = page.locator('.bp-report tr[data-status="fails"]').count()
        nodes = page.locator(".bp-graph g.node").count()
        browser.close()
    assert len(sizes) > 10 and all(w > 5 and h > 5 for w, h in sizes)   # MathML laid out
    assert fails == 1 and nodes == 11
    assert requests == [path.as_uri()] and not errors
