"""The page of `backprop serve` and the HTML trace file, in a real headless Chromium (Debian's
chromium, driven by Playwright): load, step forward and back, edit a weight and the input,
compare shown numbers with the library's, check gradient entries, the convolution and
shapes view, no console error; the HTML file renders its MathML and tables offline.

Set BACKPROP_SCREENSHOT=path.png to keep the screenshot of the page (the README's)."""

import os
import re
import shutil
import subprocess
import sys

import numpy as np
import pytest

from backprop.functional import convolve
from backprop.summarize import summary
from backprop.trace import render, trace

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
    assert "agrees with the engine" in page.inner_text("#verdict")
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
    grad = page.locator('.step[data-index]').filter(has_text="∂E/∂W₁ = δ₁ xᵀ").locator("td")
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
    sync_api.expect(page.locator(".step .plain").filter(has_text="h₁ = n₁ Φ(n₁)")).to_have_count(1)
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
    path = os.environ.get("BACKPROP_SCREENSHOT") or str(tmp_path / "serve.png")
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
