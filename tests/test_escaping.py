"""Nothing a file, a notebook cell, a dataset or a web request contains becomes active: every
renderer is walked with the same generated hostile strings (markup, script and data URLs,
CSS url(), MathML break-outs, terminal escapes, carriage returns, C1 and bidi controls) and
its output checked against the contract of tests/contract.py — parsed HTML holds only the
renderers' own elements and attributes, Markdown holds no tag or link outside code, and
terminal text no control character."""

import dataclasses
import json
import os
import subprocess
import sys

import numpy as np
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import backprop as bp
from backprop.render import derivation, escape, graph as graph_render, trace as trace_render
from backprop.trace import trace
from backprop.trace.api import respond
from contract import (PAYLOADS, hostile, html_violations, markdown_violations,
                      terminal_violations)

SETTINGS = settings(max_examples=40, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])
TRACE = trace()
GRAPH = bp.graph(lambda x, w: (x * w).sum(), [1.0, 2.0], [0.5, -1.0])


def check_all(html=(), markdown=(), text=()):
    for h in html:
        assert not html_violations(h), (html_violations(h), h[:2000])
    for m in markdown:
        assert not markdown_violations(m), (markdown_violations(m), m)
    for t in text:
        assert not terminal_violations(t), (terminal_violations(t), t)


# -- the escaping functions themselves -------------------------------------------------------
@SETTINGS
@given(st.text() | hostile)
def test_terminal_text_keeps_newlines_and_tabs_and_nothing_else_that_controls(s):
    out = escape.terminal(s)
    assert not terminal_violations(out)
    assert out.count("\n") == s.count("\n") and out.count("\t") >= s.count("\t")
    assert escape.terminal(out) == out  # visible escapes are plain text


@SETTINGS
@given(st.recursive(st.text() | hostile | st.integers(),
                    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3),
                    max_leaves=8))
def test_json_for_the_terminal_is_the_same_json(data):
    out = escape.json_text(data)
    assert not terminal_violations(out)
    assert json.loads(out) == data


@SETTINGS
@given(hostile)
def test_sanitize_leaves_nothing_active_and_is_stable(s):
    for markup in (s, f"<div>{s}</div>", f'<p title="{s}">x</p>', f"<svg><title>{s}</title></svg>",
                   f"<math><mi>{s}</mi></math>"):
        clean = escape.sanitize(markup)
        assert not html_violations(clean), (markup, clean)
        assert escape.sanitize(clean) == clean


def test_sanitize_keeps_what_the_renderers_emit():
    kept = ('<div class="step forward" data-index="3"><p class="layer">1: Linear</p>'
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><path class="edge" '
            'd="M0,0" marker-end="url(#bp-arrow)"></path></svg>'
            '<table class="values"><tr><td>1.5</td></tr></table></div>')
    assert escape.sanitize(kept) == kept


@SETTINGS
@given(hostile)
@example("`<script>alert(1)</script>")   # an escaped backtick before a tag, a code span after
def test_markdown_escapes_keep_hostile_text_inert(s):
    check_all(markdown=[f"text {escape.markdown_text(s)} code {escape.markdown_code(s)} "
                        f"math {escape.markdown_math(s)}"])


# -- every renderer, with the same hostile strings -------------------------------------------
def hostile_report(s):
    step = {"line": 3, "status": "fails", "left": s, "right": s + "x", "message": s,
            "counterexample": {"point": {s: s}, "indices": {s: 1}, "left": s, "right": s},
            "hint": s, "diagnosis": s, "reading": s, "sign": "="}
    ask = {"line": 4, "status": "unreadable", "left": s, "right": s, "message": s,
           "question": s, "ask": {"name": s, "kinds": [s, "vector 3"]}}
    return {"file": s, "steps": [step, ask, dict(step, status="holds"),
                                 dict(step, status="definition")],
            "first_failure": step, "target": "not reached", "target_message": s,
            "summary": {"holds": 1, "fails": 1, "unreadable": 1, "definitions": 1,
                        "skipped": 0, "assumed": [s]}}


@SETTINGS
@given(hostile)
def test_the_derivation_report_renderers(s):
    data = hostile_report(s)
    check_all(html=[derivation.report_html(data)] + [derivation.step_html(x) for x in data["steps"]],
              markdown=[derivation.report_markdown(data)], text=[derivation.report_text(data)])


@SETTINGS
@given(hostile)
def test_the_trace_renderers(s):
    steps = tuple(dataclasses.replace(x, layer=s, formula=s, latex=s) for x in TRACE.steps)
    t = dataclasses.replace(TRACE, spec=s, loss_name=s, steps=steps)
    check_all(html=[trace_render.render(t, "html"), trace_render.trace_html(t), t._repr_html_()],
              markdown=[trace_render.render(t, "markdown")],
              text=[trace_render.render(t, "text"), trace_render.render(t, "json")])


@SETTINGS
@given(hostile, hostile)
def test_the_graph_renderers(s, name):
    g = bp.graph(lambda a, w: (a * w).sum(), [1.0, 2.0], [0.5, -1.0], names=[name, "w"])
    g.title = s
    g.nodes[-1].layer = s
    check_all(html=[graph_render.graph_html(g), graph_render.render_html(g), g._repr_html_()],
              text=[graph_render.to_dot(g), g.to_dot(), g.to_json()])


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hostile)
@example("=A")      # "$$y = =A$$": a chain with an empty middle side crashed the scope pass
def test_a_real_report_of_a_hostile_derivation(s):
    # The learner's text reaches the report through the claims, \text{…} and prose.
    text = ("---\nx: scalar\n---\n" + s.replace("$", "") + "\n\n"
            f"$$\\frac{{d}}{{dx}} x^2 = 3x \\text{{{s.replace('$', '').replace('}', '')}}}$$\n"
            f"$$y = {s.replace('$', '')}$$\n")
    try:
        report = bp.check_derivation(text)
    except bp.BackpropError as e:
        check_all(text=[escape.terminal(f"backprop check: error: {e}")])
        return
    data = report.to_dict()
    check_all(html=[derivation.report_html(data), derivation.report_html(report)],
              markdown=[derivation.report_markdown(data)],
              text=[derivation.report_text(data), escape.terminal(report),
                    escape.json_text(data)])


def test_the_notebook_magic_and_every_repr_html():
    from backprop.notebook import derivation_magic

    for s in PAYLOADS:
        cell = f"---\nx: scalar\n---\n{s}\n$$\\frac{{d}}{{dx}} x^2 = 3x \\text{{{s}}}$$\n"
        report = derivation_magic("", cell)
        if report is not None:
            check_all(html=[report._repr_html_()])
    check_all(html=[TRACE._repr_html_(), GRAPH._repr_html_()])


@SETTINGS
@given(hostile)
def test_the_page_api_answers_json_and_sanitised_mathml(s):
    for path, body in (("/api/trace", {"spec": s}), ("/api/graph", {"spec": "linear(2)", "input": s}),
                       ("/api/summary", {"spec": s, "shape": s}), (s, {})):
        status, answer = respond(path, json.dumps(body).encode())
        data = json.loads(answer)
        assert status in (200, 400, 404)
        for value in _strings(data):
            if value.startswith("<math"):
                check_all(html=[value])


def _strings(data):
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for v in data.values():
            yield from _strings(v)
    elif isinstance(data, list):
        for v in data:
            yield from _strings(v)


# -- the command line: what reaches the terminal ---------------------------------------------
def cli(*args, cwd=None):
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(
        [os.path.join(os.path.dirname(__file__), "..", "src"), os.environ.get("PYTHONPATH", "")]))
    return subprocess.run([sys.executable, "-m", "backprop", *args], capture_output=True,
                          text=True, env=env, cwd=cwd, timeout=120)


EVIL = "\x1b[31mEVIL\x1b]8;;http://evil.example\x1b\\x\x1b]8;;\x1b\\\rok\x9b2J\u202etxt<img src=x onerror=alert(1)>"


def test_predict_prints_a_datasets_class_names_without_control_codes(tmp_path):
    from backprop import nn

    model = nn.Sequential(nn.Flatten(), nn.Linear(4, 3))
    model.spec, model.input_shape = "flatten linear(3)", (4,)
    bp.save(model, tmp_path / "m.safetensors", classes=[EVIL, "b\x07", "c\u2066"])
    np.save(tmp_path / "x.npy", np.ones((2, 4), np.float32))
    out = cli("predict", str(tmp_path / "m.safetensors"), str(tmp_path / "x.npy"), "--top", "3")
    assert out.returncode == 0, out.stderr
    assert "EVIL" in out.stdout and not terminal_violations(out.stdout + out.stderr)


def test_check_summary_exercises_and_errors_print_no_control_codes(tmp_path):
    md = tmp_path / (EVIL.replace("/", "") + ".md")  # the name is in the report and errors
    md.write_text(f"---\nx: scalar\n---\n{EVIL}\n$$\\frac{{d}}{{dx}} x^2 = 3x \\text{{{EVIL}}}$$\n"
                  f"$$y_{{\\text{{{EVIL}}}}} = q$$\n", encoding="utf-8")
    for args in (("check", str(md)), ("check", str(md), "--json"),
                 ("exercises", "show", EVIL), ("summary", EVIL), ("check", EVIL + ".md"),
                 ("trace", EVIL), ("graph", EVIL), ("evaluate", EVIL)):
        out = cli(*args)
        assert out.returncode in (0, 1, 2) and "Traceback" not in out.stderr, (args, out.stderr)
        assert not terminal_violations(out.stdout + out.stderr), (args, out.stdout, out.stderr)
    data = json.loads(cli("check", str(md), "--json").stdout)
    assert data["file"] == str(md) and "\x1b" in data["file"]  # the JSON keeps the text exact


def test_the_pages_mathml_allowlist_is_the_servers():
    """The page rebuilds MathML nodes from its own list (dom.js): the same as the server's."""
    import re
    from importlib import resources

    js = (resources.files("backprop.render") / "static" / "dom.js").read_text(encoding="utf-8")

    def js_set(name):
        body = re.search(rf"const {name} = new Set\(\[(.*?)\]\);", js, re.S).group(1)
        return set(re.findall(r'"([\w-]+)"', body))

    tags = js_set("MATH_TAGS")
    assert tags == set(escape._MATH)
    server = set().union(*(escape.ALLOWED[t] for t in tags)) - {"xmlns"}
    assert js_set("MATH_ATTRIBUTES") == server
