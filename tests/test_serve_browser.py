"""The page of `backprop serve` and the HTML trace file, in a real headless Chromium (Debian's
chromium, driven by Playwright): load, step forward and back, edit a weight and the input,
compare shown numbers with the library's, check gradient entries, the convolution and
shapes view, no console error; the HTML file renders its MathML and tables offline.

Set BACKPROP_SCREENSHOTS=docs/images to keep the screenshots the tests take there (serve.png,
train_page.png, graph.png: the docs' pictures)."""

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import backprop as bp
import backprop.functional as F
from backprop.computation_graph import network_graph
from backprop.render.graph import node_lines
from backprop.engine import Tensor
from backprop.functional import convolve
from backprop.models import build_model
from backprop.random import drawing_from
from backprop.summarize import summary
from backprop.trace import render, trace
from backprop.render.trace import describe_coverage
from backprop.trace.training import Setup, Training

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]

if not os.path.exists(CHROMIUM) and not shutil.which("chromium"):
    pytest.skip("no Chromium at /usr/bin/chromium (apt-get install chromium)",
                allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api",
                               reason="Playwright for Python is not installed (pip install playwright)")


@pytest.fixture(scope="module")
def url():
    # A process of its own, as a learner runs it (the engine's recording switch is
    # process-wide, so the tests' own traces must not share the server's process).
    proc = subprocess.Popen([sys.executable, "-m", "backprop", "serve", "--port", "0"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline()
        found = re.search(r"http://127\.0\.0\.1:\d+/", line)
        assert found, (line, proc.stderr.read() if proc.poll() is not None else "")
        yield found.group(0)
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        exe = CHROMIUM if os.path.exists(CHROMIUM) else shutil.which("chromium")
        b = p.chromium.launch(executable_path=exe, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, url):
    page = browser.new_page(viewport={"width": 1280, "height": 860})
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url)
    page.wait_for_selector("body[data-ready=true]")
    yield page
    # A 400 the page shows on purpose logs "Failed to load resource"; nothing else may.
    expected = getattr(page, "expected_errors", 0)
    unexpected = [e for e in errors if "status of 400" not in e]
    assert not unexpected and len(errors) == expected, errors
    page.close()


def numbers(locator):
    return np.array([float(t) for t in locator.all_inner_texts()])


def visible_steps(page):
    return page.locator("#steps .step:visible")


def test_first_load_then_step_forward_and_back(page):
    t = trace()
    assert float(page.inner_text("#loss-value")) == pytest.approx(t.loss, rel=1e-5)
    assert page.locator("#steps .step").count() == len(t.steps)
    assert visible_steps(page).count() == 1
    assert page.input_value("#spec") == t.spec and page.input_value("#target") == "2"
    assert page.inner_text("#verdict") == describe_coverage(t)  # exactly what was checked
    labels = page.locator("#params .pname").all_inner_texts()
    assert labels[:3] == ["x = input (4)", "W₁ = 1.weight (3×4)", "b₁ = 1.bias (3)"]
    assert "W₂ = 3.weight (3×3)" in labels
    n = len(t.steps)
    forward = sum(s.direction == "forward" for s in t.steps)
    for k in range(2, forward + 2):
        page.click("#next")
        assert visible_steps(page).count() == k
    assert page.inner_text("#position") == f"step {forward + 1} of {n} · backward"
    current = page.locator(".step.current")
    assert "backward" in current.get_attribute("class")
    np.testing.assert_allclose(numbers(current.locator("td")), t.steps[forward].values, rtol=1e-5)
    page.click("#prev")
    assert page.inner_text("#position") == f"step {forward} of {n} · forward"
    page.click("#all")
    assert visible_steps(page).count() == n and page.locator("#next").is_disabled()
    for k, step in enumerate(t.steps):  # every shown number is the library's
        shown = numbers(page.locator(f'.step[data-index="{k}"] td'))
        np.testing.assert_allclose(shown, np.ravel(step.values), rtol=1e-5, atol=1e-12)
    assert page.locator(".step math").count() == n  # MathML formulas, one per step
    assert page.locator(".step .check.ok").count() == n - forward

    page.fill("#spec", "linear(3) ??")  # a bad spec: the server's 400 message is shown
    page.click("#run")
    page.wait_for_selector("#error:visible")
    assert "spec: column 11" in page.inner_text("#error")
    page.expected_errors = 1  # the browser logs the 400 response


def test_editing_a_weight_and_the_input_updates_every_number(page):
    page.click("#all")
    before = page.inner_text("#loss-value")
    weight = page.locator('input[data-param="1.weight"][data-index="0"]')
    weight.fill("2.5")
    weight.dispatch_event("change")
    sync_api.expect(page.locator("#loss-value")).not_to_have_text(before)
    params = {k: v.tolist() for k, v in trace().parameters.items()}
    params["1.weight"][0][0] = 2.5
    t = trace(parameters=params)
    assert float(page.inner_text("#loss-value")) == pytest.approx(t.loss, rel=1e-5)
    z1 = numbers(page.locator('.step[data-index="1"] td'))
    np.testing.assert_allclose(z1, t.steps[1].values, rtol=1e-5)
    assert page.locator('.step[data-index="1"] td.changed').count() == 1  # only z₁[0] moved
    grad = page.locator('.step[data-index]:has(math[alttext*="∂E/∂W₁ = δ₁ xᵀ"]) td')
    np.testing.assert_allclose(numbers(grad), np.ravel(t.gradients["1.weight"]), rtol=1e-5)

    before = page.inner_text("#loss-value")
    page.fill("#input", "0.2 -1 0.5 3")
    page.dispatch_event("#input", "change")
    sync_api.expect(page.locator("#loss-value")).not_to_have_text(before)
    t = trace(input="0.2 -1 0.5 3", parameters=params)  # the edited weight is kept
    assert float(page.inner_text("#loss-value")) == pytest.approx(t.loss, rel=1e-5)
    np.testing.assert_allclose(numbers(page.locator('.step[data-index="0"] td')),
                               [0.2, -1, 0.5, 3])


def test_a_new_layer_traces_and_its_running_statistics_are_editable(page):
    spec = "flatten linear(4) batchnorm1d gelu linear(3)"
    page.fill("#spec", spec)
    page.click("#run")
    sync_api.expect(page.locator('.step math[alttext*="h₁ = n₁ Φ(n₁)"]')).to_have_count(1)
    before = page.inner_text("#loss-value")
    mean = page.locator('input[data-param="2.running_mean"][data-index="1"]')
    mean.fill("0.75")
    mean.dispatch_event("change")
    sync_api.expect(page.locator("#loss-value")).not_to_have_text(before)
    params = {k: np.asarray(v).tolist() for k, v in trace(spec).parameters.items()}
    params["2.running_mean"][1] = 0.75
    t = trace(spec, parameters=params)  # evaluation mode: the running mean is used
    assert float(page.inner_text("#loss-value")) == pytest.approx(t.loss, rel=1e-5)
    assert t.passed and "✗" not in page.inner_text("#steps")


def test_convolution_and_shapes_view(page):
    page.click("#tab-conv")
    assert page.locator("#view-trace").is_hidden()
    a, v = [1, 1, 4, 4, 4, 1, 1], [0.25, 0.25, 0.25]
    for mode in ("full", "same", "valid"):
        page.select_option("#conv-mode", mode)
        sync_api.expect(page.locator("#conv-length")).to_have_text(re.compile(rf"^\({mode}:"))
        shown = [float(s) for s in re.findall(r"[-\d.e]+", page.inner_text("#conv-result"))]
        np.testing.assert_allclose(shown, convolve(a, v, mode).data)
    rows = page.locator("#summary-table tr")
    expected = summary("conv(32,8,stride=2,padding=3) maxpool(2) conv(64,3,padding=1)",
                       (3, 128, 128))
    outputs = [rows.nth(i + 2).locator("td").nth(2).inner_text() for i in range(len(expected))]
    assert outputs == ["×".join(map(str, r.output_shape)) for r in expected.rows]
    page.fill("#sum-shape", "3x2x2")
    page.click("#sum-run")
    page.wait_for_selector("#conv-error:visible")
    assert "spec: column 31: maxpool(2): max_pool2d" in page.inner_text("#conv-error")
    page.expected_errors = 1


def test_typed_gradient_entries_get_a_tick_or_a_cross_and_a_screenshot(page, tmp_path):
    for _ in range(9):
        page.click("#next")
    right = trace().gradients["3.weight"].ravel()
    box = page.locator('input[data-gradient="3.weight"][data-index="1"]')
    box.fill(f"{right[1] * 1.2 + 0.01:.4g}")
    box.dispatch_event("change")
    verdict = box.locator("xpath=following-sibling::span")
    text = verdict.inner_text()
    assert text.startswith("✗") and float(text[1:]) == pytest.approx(right[1], rel=1e-5)
    box = page.locator('input[data-gradient="3.weight"][data-index="0"]')
    box.fill(f"{right[0]:.3g}")
    box.dispatch_event("change")
    assert box.locator("xpath=following-sibling::span").inner_text().startswith("✓")
    assert page.locator(".verdict-cell.ok").count() == 1
    assert page.locator(".verdict-cell.bad").count() == 1
    page.evaluate("window.scrollTo(0, 0)")
    path = str(Path(os.environ.get("BACKPROP_SCREENSHOTS") or tmp_path) / "serve.png")
    png = page.screenshot(path=path, full_page=True)
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 20_000


def test_html_trace_file_renders_offline_with_mathml_and_numbers(browser, tmp_path):
    t = trace("conv(2,3) relu maxpool(2) flatten linear(3)", shape="1x6x6", target=1)
    path = tmp_path / "trace.html"
    path.write_text(render(t, "html"), encoding="utf-8")
    page = browser.new_page()
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(path.as_uri())
    assert requests == [path.as_uri()]  # nothing fetched but the file itself
    maths = page.locator("math")
    assert maths.count() == len(t.steps)
    # Chromium lays MathML out natively: a fraction is a real box, taller than its text line
    frac = page.locator("mfrac").first
    assert page.evaluate("e => getComputedStyle(e).display", frac.element_handle()).endswith("math")
    assert frac.bounding_box()["height"] > 20
    assert float(page.inner_text("#loss")) == pytest.approx(t.loss, rel=1e-5)
    first = page.locator(".step").first.locator("table.values td")
    np.testing.assert_allclose(numbers(first), np.ravel(t.steps[0].values), rtol=1e-5)
    page.close()


def _weights(answer):
    return json.dumps(answer["state"]["parameters"])


def _regions(page):
    return page.evaluate("document.getElementById('regions').toDataURL()")


def _press(page, button, step):
    """Click; the answer of /api/train the page drew (its weights are the page's)."""
    with page.expect_response("**/api/train") as response:
        page.click(button)
    page.wait_for_selector(f"body[data-train-step='{step}']")
    return response.value.json()


def test_training_step_run_rewind_and_the_regions_change(page, tmp_path):
    with page.expect_response(lambda r: r.url.endswith("/api/train") and r.request.method == "POST") as first:
        page.click("#tab-train")
    page.wait_for_selector("body[data-train-ready=true]")
    assert page.input_value("#train-spec") == "linear(8) tanh linear(2)"
    weights0, picture0 = _weights(first.value.json()), _regions(page)
    run = Training(Setup())
    assert json.loads(weights0) == run.state()["parameters"]  # the library's, exactly
    update = run.step()

    _press(page, "#train-step", 1)
    assert page.inner_text("#update h2") == "Update 1"
    panels = page.locator(".param-update")
    assert panels.count() == 4
    assert panels.nth(0).locator("h3").inner_text() == "W₁ = 0.weight (8×2)"
    first = update.parameters[0]
    equations = panels.nth(0).locator(".equation")
    np.testing.assert_allclose(numbers(equations.nth(0).locator("td")), first.gradient.ravel(),
                               rtol=1e-5)
    line = panels.nth(0).locator(".update-line")
    assert line.locator("math").get_attribute("alttext") == "W₁ ← W₁ − η ∂E/∂W₁"
    assert line.locator("math").count() == 1
    ops = line.locator(".op").all_inner_texts()
    assert [o.strip() for o in ops] == ["=", "−", "0.1", "×", "="]  # θ − η × g = θ′
    tables = line.locator("table.values")
    np.testing.assert_allclose(numbers(tables.nth(0).locator("td")),
                               first.lines[0].terms[0].ravel(), rtol=1e-5)
    np.testing.assert_allclose(numbers(tables.nth(2).locator("td")),
                               first.lines[0].result.ravel(), rtol=1e-5)
    batch = page.locator("#batch td.num").all_inner_texts()
    assert [int(b) for b in batch[::4]] == update.batch.tolist()  # the batch used is shown
    assert "update 1 · loss over the data" in page.inner_text("#train-position")

    _press(page, "#train-10", 11)
    answer = _press(page, "#train-100", 111)
    assert page.get_attribute("body", "data-train-updates") == "112"  # the losses drawn
    run.run(110)
    assert json.loads(_weights(answer)) == run.state()["parameters"]
    assert _regions(page) != picture0  # the decision regions moved with the weights
    page.evaluate("window.scrollTo(0, 0)")
    png = page.screenshot(path=str(Path(os.environ.get("BACKPROP_SCREENSHOTS") or tmp_path)
                                   / "train_page.png"))
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 20_000

    answer = _press(page, "#train-rewind", 0)
    assert _weights(answer) == weights0  # the same initial weights, bit for bit
    assert _regions(page) == picture0
    assert page.inner_text("#update").startswith("Press Step")
    _press(page, "#train-step", 1)  # and the same first update again
    np.testing.assert_allclose(numbers(page.locator(".param-update").nth(0).locator(
        ".equation").nth(0).locator("td")), first.gradient.ravel(), rtol=1e-5)


def test_training_errors_are_shown(page):
    page.click("#tab-train")
    page.wait_for_selector("body[data-train-ready=true]")
    page.select_option("#train-data", "blobs")
    page.click("#train-start")
    page.wait_for_selector("#train-error:visible")
    assert "blobs has 3 classes (end the spec with linear(3))" in page.inner_text("#train-error")
    page.fill("#train-spec", "linear(6) relu linear(3)")
    page.select_option("#train-optimizer", "adam")
    page.fill("#train-lr", "0.05")
    page.click("#train-start")
    page.wait_for_selector("#train-error", state="hidden")
    _press(page, "#train-step", 1)
    assert page.locator(".param-update").nth(0).locator(".update-line").count() == 5  # Adam
    page.expected_errors = 1


def recorded_operations(spec):
    """The names of the operations the engine records for the trace's sample of ``spec``."""
    t = trace(spec)
    with drawing_from(np.random.default_rng(0)):
        model = build_model(spec, t.input.shape).to(np.float64).eval()
    out = F.cross_entropy(model(Tensor(t.input[None], requires_grad=True)),
                          Tensor(np.eye(3)[t.target][None]))
    seen, stack = {}, [out]
    while stack:
        v = stack.pop()
        if v._node is not None and id(v._node) not in seen:
            seen[id(v._node)] = v._node.name
            stack += [p for p in v._node.parents if isinstance(p, Tensor)]
    return sorted(seen.values())


def _open_graph(page, draws=1):
    page.click("#tab-graph")
    page.wait_for_selector(f"body[data-graph-draws='{draws}']")


def _boxes(page, selector):
    return page.evaluate("""s => [...document.querySelectorAll(s)].map(e =>
        e.getBoundingClientRect().toJSON())""", selector)


def test_graph_view_draws_one_node_per_recorded_operation_with_the_librarys_numbers(
        page, tmp_path):
    _open_graph(page)
    g = network_graph()
    drawn = page.locator("#graph-drawing g.node")
    assert drawn.count() == len(g.nodes) == 11
    assert [d.get_attribute("data-op") for d in drawn.all()] == [n.op for n in g.nodes]
    ops = [n.op for n in g.nodes if n.inputs]
    assert sorted(ops) == recorded_operations(g.title.split(" · ")[0])  # the engine's records
    assert page.locator("#graph-drawing path.edge").count() == len(g.edges)
    boxes = _boxes(page, "#graph-drawing g.node rect")
    for i, a in enumerate(boxes):  # drawn apart, every one whole
        assert a["width"] > 100 and a["height"] > 50
        for b in boxes[i + 1:]:
            assert (a["right"] <= b["x"] or b["right"] <= a["x"] or a["bottom"] <= b["y"]
                    or b["bottom"] <= a["y"]), (a, b)
    frames = page.locator("#graph-drawing g.group")
    assert frames.locator("text").all_text_contents() == [
        "0: Flatten", "1: Linear", "2: Sigmoid", "3: Linear", "loss: cross_entropy"]
    for n in g.nodes:  # each layer's nodes inside its frame
        if n.layer:
            box = boxes[n.id]
            frame = _boxes(page, f'#graph-drawing g.group[data-layer="{n.layer}"] rect')
            assert any(f["x"] <= box["x"] and box["right"] <= f["right"] and f["y"] <= box["y"]
                       and box["bottom"] <= f["bottom"] for f in frame), n
    loss = page.locator(f'g.node[data-id="{g.output}"] text').all_text_contents()
    assert f"value {float(g.nodes[g.output].value):.4g}" in loss

    linear = next(n for n in g.nodes if n.op == "linear")
    page.click(f'#graph-drawing g.node[data-id="{linear.id}"]')
    np.testing.assert_allclose(numbers(page.locator("#graph-value td")), linear.value.ravel(),
                               rtol=1e-5)
    np.testing.assert_allclose(numbers(page.locator("#graph-grad td")), linear.grad.ravel(),
                               rtol=1e-5)
    assert page.locator("#graph-drawing path.edge.near").count() == 4  # 3 in, 1 out
    sigmoid = next(n for n in g.nodes if n.op == "sigmoid")
    page.hover(f'#graph-drawing g.node[data-id="{sigmoid.id}"]')  # hover: another node shown
    np.testing.assert_allclose(numbers(page.locator("#graph-grad td")), sigmoid.grad.ravel(),
                               rtol=1e-5)
    page.mouse.move(2, 2)  # away: the clicked node again
    assert page.locator("#graph-node h2").inner_text() == "linear"
    page.click(f'#graph-drawing g.node[data-id="{g.node("t").id}"]')
    assert "none: a constant" in page.inner_text("#graph-grad")
    page.click(f'#graph-drawing g.node[data-id="{linear.id}"]')
    page.evaluate("window.scrollTo(0, 0)")
    path = str(Path(os.environ.get("BACKPROP_SCREENSHOTS") or tmp_path) / "graph.png")
    png = page.screenshot(path=path, full_page=True)
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 20_000


def test_editing_a_weight_changes_the_graph(page):
    _open_graph(page)
    g = network_graph()
    weight = g.node("1.weight")
    page.click(f'#graph-drawing g.node[data-id="{weight.id}"]')
    box = page.locator('#graph-node input[data-param="1.weight"][data-index="0"]')
    box.fill("2.5")
    box.dispatch_event("change")
    page.wait_for_selector("body[data-graph-draws='2']")
    params = {k: v.tolist() for k, v in trace().parameters.items()}
    params["1.weight"][0][0] = 2.5
    edited = network_graph(parameters=params)
    linear = next(n for n in edited.nodes if n.op == "linear")
    assert not np.allclose(linear.value, g.nodes[linear.id].value)
    texts = page.locator(f'g.node[data-id="{linear.id}"] text').all_text_contents()
    assert texts == node_lines(linear)  # the library's summary of the new numbers
    page.click(f'#graph-drawing g.node[data-id="{linear.id}"]')
    np.testing.assert_allclose(numbers(page.locator("#graph-value td")), linear.value.ravel(),
                               rtol=1e-5)
    np.testing.assert_allclose(numbers(page.locator("#graph-grad td")), linear.grad.ravel(),
                               rtol=1e-5)
    page.click("#tab-trace")  # the trace shows the same weights
    assert float(page.inner_text("#loss-value")) == pytest.approx(
        float(edited.nodes[edited.output].value), rel=1e-5)

    bias = page.locator('#params input[data-param="3.bias"][data-index="1"]')  # and back
    before = page.inner_text("#loss-value")
    bias.fill("-1")
    bias.dispatch_event("change")
    sync_api.expect(page.locator("#loss-value")).not_to_have_text(before)
    _open_graph(page, draws=3)
    params["3.bias"][1] = -1.0
    again = network_graph(parameters=params)
    loss = page.locator(f'g.node[data-id="{again.output}"] text').all_text_contents()
    assert f"value {float(again.nodes[again.output].value):.4g}" in loss


def _overflowing(page):
    """Visible elements that reach past the window's right edge without a scrolling panel
    around them (what a learner would find cut off)."""
    return page.evaluate("""() => {
      const out = [];
      const scrolls = (e) => { for (let a = e.parentElement; a; a = a.parentElement) {
        const o = getComputedStyle(a).overflowX; if (o === 'auto' || o === 'scroll') return true; }
        return false; };
      for (const e of document.querySelectorAll('body *')) {
        const r = e.getBoundingClientRect();
        if (r.width && r.height && r.right > window.innerWidth + 1 && !scrolls(e)) out.push(e.tagName + '.' + e.className);
      }
      return out.slice(0, 5).concat([document.documentElement.scrollWidth - window.innerWidth]);
    }""")


@pytest.mark.parametrize("width", [1280, 1024])
def test_nothing_is_cut_off_at_common_widths(browser, url, width):
    page = browser.new_page(viewport={"width": width, "height": 800})
    page.goto(url)
    page.wait_for_selector("body[data-ready=true]")
    page.fill("#spec", "conv(2,3) relu flatten linear(3)")
    page.fill("#shape", "1x12x12")
    page.fill("#input", "")
    page.click("#run")
    sync_api.expect(page.locator("#params .pname").first).to_have_text("x = input (1×12×12)")
    page.click("#all")
    assert _overflowing(page) == [0]
    _open_graph(page)
    g = network_graph("conv(2,3) relu flatten linear(3)", shape="1x12x12")
    assert page.locator("#graph-drawing g.node").count() == len(g.nodes)
    assert _overflowing(page) == [0]
    if width == 1024:  # the drawing is wider than its panel: it scrolls inside it
        assert page.evaluate("(e => e.scrollWidth > e.clientWidth)"
                             "(document.getElementById('graph-drawing'))")
    page.click("#tab-train")
    page.wait_for_selector("body[data-train-ready=true]")
    page.fill("#train-spec", "linear(40) tanh linear(2)")
    page.click("#train-start")
    page.wait_for_selector("body[data-train-step='0']")
    _press(page, "#train-step", 1)
    assert _overflowing(page) == [0]
    page.click("#tab-conv")
    assert _overflowing(page) == [0]
    page.close()


def test_an_input_given_by_its_shape_is_shown_and_editable(page):
    spec = "conv(2,3) relu flatten linear(3)"
    page.fill("#spec", spec)
    page.fill("#shape", "1x5x5")  # before the input: a conv with no shape would be refused
    page.fill("#input", "")
    page.click("#run")
    sync_api.expect(page.locator("#params .pname").first).to_have_text("x = input (1×5×5)")
    t = trace(spec, shape="1x5x5")
    boxes = page.locator("input[data-input]")
    assert boxes.count() == 25
    np.testing.assert_allclose([float(b.input_value()) for b in boxes.all()], t.input.ravel())
    before = page.inner_text("#loss-value")
    boxes.nth(7).fill("2.5")
    boxes.nth(7).dispatch_event("change")
    sync_api.expect(page.locator("#loss-value")).not_to_have_text(before)
    x = t.input.copy()
    x.flat[7] = 2.5
    edited = trace(spec, input=x.tolist(), shape="1x5x5")
    assert float(page.inner_text("#loss-value")) == pytest.approx(edited.loss, rel=1e-5)
    assert json.loads(page.input_value("#input")) == x.tolist()


# -- Check my derivation ----------------------------------------------------------------------
CORRECT = r"""---
x: scalar
---
The sigmoid and its derivative.

$$\sigma(x) = \frac{1}{1+e^{-x}}$$
$$\frac{d}{dx}\sigma(x) = \frac{e^{-x}}{\left(1+e^{-x}\right)^2} = \sigma(x)(1-\sigma(x))$$
"""
WRONG = CORRECT + "\n$$\\frac{d}{dx}\\sigma(x) = \\sigma(x)(1+\\sigma(x))$$\n"
UNDECLARED = r"""The softmax Jacobian, with x a vector nobody declared:

$$\frac{\partial\, \mathrm{softmax}(x)}{\partial x} = \mathrm{diag}(\mathrm{softmax}(x)) - \mathrm{softmax}(x)\mathrm{softmax}(x)^\top$$
"""


def _check(page, text, checks):
    page.click("#tab-check")
    page.fill("#check-text", text)
    page.click("#check-run")
    page.wait_for_selector(f"body[data-checks='{checks}']")
    return page.locator("#check-report tr")


def test_check_view_a_correct_derivation_is_all_ticks(page):
    rows = _check(page, CORRECT, 1)
    report = bp.check_derivation(CORRECT)
    claims = [s for s in report.steps if s.status != "definition"]
    assert claims and all(s.status == "holds" for s in claims)
    assert rows.count() == len(report.steps)
    assert [r.get_attribute("data-line") for r in rows.all()] == [str(s.line) for s in report.steps]
    marks = page.locator("#check-report tr[data-status=holds] td.mark").all_inner_texts()
    assert marks == ["✓"] * len(claims)
    assert page.locator("#check-report math").count() == len(report.steps)  # typeset, once
    assert "0 fail" in page.inner_text("#check-summary")


def test_check_view_a_wrong_step_is_crossed_on_its_line_with_the_numbers(page, tmp_path):
    rows = _check(page, WRONG, 1)
    first = bp.check_derivation(WRONG).first_failure
    wrong = page.locator("#check-report tr[data-status=fails]")
    assert wrong.count() == 1 and wrong.get_attribute("data-line") == str(first.line)
    assert wrong.locator("td.mark").inner_text() == "✗"
    ce = wrong.locator(".counterexample").inner_text()
    assert f"left = {first.counterexample['left']}" in ce
    assert f"right = {first.counterexample['right']}" in ce
    assert "x = " in ce  # the point where the two sides differ
    assert f"first wrong step is on line {first.line}" in page.inner_text("#check-summary")
    # the same text opened as a file
    path = tmp_path / "sigmoid.md"
    path.write_text(WRONG, encoding="utf-8")
    page.set_input_files("#check-file", str(path))
    page.wait_for_selector("body[data-checks='2']")
    assert page.locator("#check-report tr[data-status=fails]").get_attribute("data-line") == str(first.line)


def test_check_view_a_question_answered_turns_into_a_tick(page):
    rows = _check(page, UNDECLARED, 1)
    assert rows.count() == 1 and rows.first.get_attribute("data-status") == "unreadable"
    assert rows.first.locator("td.mark").inner_text() == "?"
    assert page.locator("#check-report .question").count() == 1
    field = rows.first.locator(".answer input")
    assert field.get_attribute("aria-label")
    field.fill("x: vector 3")
    field.press("Enter")  # re-checked at once
    page.wait_for_selector("body[data-checks='2']")
    row = page.locator("#check-report tr").first
    assert row.get_attribute("data-status") == "holds" and row.locator("td.mark").inner_text() == "✓"
    assert row.get_attribute("data-line") == "3"  # the line of the text as typed
    assert "x: vector 3" in page.inner_text("#check-answers")


def test_a_hostile_derivation_on_the_page_runs_no_script(page):
    hostile = ("<img src=x onerror=\"document.body.dataset.pwned=1\">\n"
               "$$\\text{</math><img src=x onerror=\"document.body.dataset.pwned=1\">} = "
               "\\href{javascript:document.body.dataset.pwned=1}{x}$$\n"
               "$$y = \\style{background:url(javascript:document.body.dataset.pwned=1)}{q}$$\n"
               "<script>document.body.dataset.pwned=1</script>\n$$a = \\text{<svg onload=1>}$$\n")
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    rows = _check(page, hostile, 1)
    assert rows.count() >= 1
    page.wait_for_timeout(300)
    assert page.get_attribute("body", "data-pwned") is None and not dialogs
    assert page.locator("#view-check img, #view-check script, #view-check svg, #view-check a").count() == 0
    for attr in page.evaluate("""() => [...document.querySelectorAll('#view-check *')]
        .flatMap(e => [...e.attributes].map(a => a.name + '=' + a.value))"""):
        assert not attr.startswith("on") and "javascript:" not in attr and "url(" not in attr, attr


def test_hostile_html_files_and_fragments_run_no_script(browser, tmp_path):
    import dataclasses

    from backprop.render import derivation, graph as graph_render, trace as trace_render
    from contract import PAYLOADS

    evil = "".join(p.replace("alert(1)", "document.body.dataset.pwned=1") for p in PAYLOADS)
    t = trace()
    t = dataclasses.replace(t, spec=evil, steps=tuple(dataclasses.replace(s, layer=evil, latex=evil + r"\text{" + evil + "}") for s in t.steps))
    g = bp.graph(lambda a: (a * 2).sum(), [1.0, 2.0], names=[evil])
    g.title = evil
    report = derivation.report_html({"file": evil, "steps": [
        {"line": 1, "status": "fails", "left": evil, "right": evil, "message": evil,
         "counterexample": {"point": {evil: evil}, "indices": {}, "left": evil, "right": evil}},
        {"line": 2, "status": "unreadable", "left": evil, "right": "x", "message": evil,
         "question": evil, "ask": {"name": evil, "kinds": [evil]}}]})
    pages = {"trace.html": trace_render.render(t, "html"), "graph.html": graph_render.render_html(g),
             "fragments.html": "<!DOCTYPE html><html><body>" + report + t._repr_html_()
             + g._repr_html_() + "</body></html>"}
    page = browser.new_page()
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    for name, text in pages.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        page.goto(path.as_uri())
        page.wait_for_timeout(200)
        assert page.get_attribute("body", "data-pwned") is None and not dialogs, name
        assert page.locator("img, script, iframe, a, foreignObject").count() == 0, name
    page.close()


def test_every_control_is_labelled_and_each_formula_shown_once(page):
    for view in ("trace", "graph", "train", "conv", "check"):
        page.click(f"#tab-{view}")
        if view == "train":
            page.wait_for_selector("body[data-train-ready=true]")
        unlabelled = page.evaluate("""() => [...document.querySelectorAll(
            'main section:not([hidden]) :is(input, select, textarea, button)')]
            .filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label')
                         && !e.textContent.trim() && !e.title)
            .map(e => e.outerHTML.slice(0, 80))""")
        assert unlabelled == [], (view, unlabelled)
    page.click("#tab-trace")
    page.click("#all")
    maths = page.locator("#steps math")
    assert maths.count() == page.locator("#steps .step").count()  # one formula a step
    assert page.locator("#steps .plain").count() == 0              # no second, plain copy
    for m in maths.all()[:5]:
        assert m.get_attribute("alttext")                            # its words, for screen readers
        assert m.locator("annotation").get_attribute("encoding") == "application/x-tex"
    assert page.locator("#stepping").inner_text().startswith("The steps appear one at a time")
