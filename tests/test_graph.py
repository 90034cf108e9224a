"""The computation graph: one node per recorded operation, each value the engine's forward
value and each gradient the engine's gradient; its DOT parses with Graphviz; its layout
keeps nodes apart and edges downward; `backprop graph` prints each format or one line."""

import json
import shutil
import subprocess
import sys

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import backprop as bp
import backprop.functional as F
from backprop.computation_graph import (Graph, GraphNode, graph, layered, network_graph,
                                        render_html, to_dot, to_svg)
from backprop.computation_graph.layout import NODE_HEIGHT, NODE_WIDTH
from backprop.engine import Tensor, no_grad
from backprop.errors import BackpropError
from backprop.models import build_model
from backprop.random import drawing_from
from backprop.trace import trace
from backprop.trace.formulas import LOSS_FORMULAS

NETWORKS = [
    ("flatten linear(3) sigmoid linear(3)", dict(target=2)),
    ("flatten linear(4) tanh linear(2)", dict(loss="mse", target="0.5, -0.5")),
    ("conv(2,3) relu maxpool(2) flatten linear(3)", dict(shape="1x6x6", target=1)),
]


def recorded_ops(out):
    """The engine's own records behind ``out``: one Node per operation."""
    seen, stack = {}, [out]
    while stack:
        t = stack.pop()
        if t._node is None or id(t._node) in seen:
            continue
        seen[id(t._node)] = t._node
        stack += [p for p in t._node.parents if isinstance(p, Tensor)]
    return seen


def engine_model(spec, seed, shape):
    with drawing_from(np.random.default_rng(seed)):
        return build_model(spec, shape).to(np.float64).eval()


@pytest.mark.parametrize("spec,kw", NETWORKS)
def test_network_values_and_gradients_are_the_engines(spec, kw):
    kw = dict(kw)
    loss = kw.pop("loss", "cross_entropy")
    g = json.loads(network_graph(spec, seed=3, loss=loss, **kw).to_json())
    nodes = g["nodes"]
    t = trace(spec, seed=3, loss=loss, **kw)   # the same sample, weights and target
    model = engine_model(spec, 3, t.input.shape)
    target = Tensor(np.asarray(t.target if not isinstance(t.target, int)
                               else np.eye(3)[t.target], dtype=np.float64)[None])

    # forward: the last node each layer recorded is that layer's output
    with no_grad():
        h = Tensor(t.input[None])
        for name, m in model.named_children():
            h = m(h)
            last = [n for n in nodes if n["layer"] == f"{name}: {type(m).__name__}"
                    and n["op"] != "parameter"][-1]
            np.testing.assert_array_equal(np.array(last["value"]), h.data)
    out = nodes[g["output"]]
    assert out["value"] == pytest.approx(t.loss, rel=1e-12)

    # backward: parameters and input against one whole backward() of the engine
    x = Tensor(t.input[None], requires_grad=True)
    LOSS_FORMULAS[loss].loss(model(x), target).backward()
    params = {n["name"]: n for n in nodes if n["op"] == "parameter"}
    assert set(params) == {name for name, _ in model.named_parameters()}
    for name, p in model.named_parameters():
        np.testing.assert_array_equal(np.array(params[name]["value"]), p.data)
        np.testing.assert_allclose(np.array(params[name]["grad"]), p.grad, rtol=1e-12,
                                   atol=1e-15)
        np.testing.assert_allclose(np.array(params[name]["grad"]), t.gradients[name],
                                   rtol=1e-9, atol=1e-12)
    (xnode,) = [n for n in nodes if n["op"] == "input"]
    np.testing.assert_allclose(np.array(xnode["grad"]), x.grad, rtol=1e-12, atol=1e-15)

    # every layer's output: ∂E/∂(output) from the engine on the rest of the network
    children = list(model.named_children())
    with no_grad():
        outputs, h = [], Tensor(t.input[None])
        for _, m in children:
            h = m(h)
            outputs.append(h.data)
    for k, (name, m) in enumerate(children):
        a = Tensor(outputs[k], requires_grad=True)
        rest = a
        for _, later in children[k + 1:]:
            rest = later(rest)
        LOSS_FORMULAS[loss].loss(rest, target).backward()
        last = [n for n in nodes if n["layer"] == f"{name}: {type(m).__name__}"
                and n["op"] != "parameter"][-1]
        np.testing.assert_allclose(np.array(last["grad"]), a.grad, rtol=1e-10, atol=1e-14)


def test_one_node_per_recorded_operation_and_edges_from_inputs():
    spec = "conv(2,3) relu maxpool(2) flatten linear(3)"
    g = network_graph(spec, shape="1x6x6", target=1)
    model = engine_model(spec, 0, (1, 6, 6))
    x = Tensor(np.round(np.random.default_rng(0).standard_normal((1, 6, 6)), 3)[None],
               requires_grad=True)
    out = F.cross_entropy(model(x), Tensor(np.eye(3)[1][None]))
    records = recorded_ops(out)
    ops = [n for n in g.nodes if n.inputs]
    assert len(ops) == len(records)
    assert sorted(n.op for n in ops) == sorted(r.name for r in records.values())
    for a, b in g.edges:
        assert a < b                           # inputs come first
        assert a in g.nodes[b].inputs
    assert {n.op for n in g.nodes if not n.inputs} == {"input", "parameter", "constant"}


def test_a_function_graph_against_the_engine():
    rng = np.random.default_rng(0)
    x, W, b = rng.normal(size=3), rng.normal(size=(3, 2)), rng.normal(size=2)

    def f(x, W, b):
        return (F.tanh(x @ W + b) ** 2).sum()

    g = graph(f, x, W, b)
    assert [g.node(n).op for n in "xWb"] == ["input"] * 3
    gx, gW, gb = bp.grad(f, argnums=(0, 1, 2))(x, W, b)
    for name, want in zip("xWb", (gx, gW, gb)):
        np.testing.assert_allclose(g.node(name).grad, want, rtol=1e-12)
    by_op = {n.op: n for n in g.nodes if n.inputs}
    z = x @ W + b
    np.testing.assert_allclose(by_op["add"].value, z, rtol=1e-15)
    np.testing.assert_allclose(by_op["tanh"].value, np.tanh(z), rtol=1e-15)
    # ∂f/∂z from the engine on the rest of f
    np.testing.assert_allclose(by_op["add"].grad, bp.grad(lambda z: (F.tanh(z) ** 2).sum())(z),
                               rtol=1e-12)
    np.testing.assert_allclose(by_op["tanh"].grad, 2 * np.tanh(z), rtol=1e-12)
    assert g.nodes[g.output].grad == 1.0


def test_a_function_graph_against_torch():
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(1)
    x, W = rng.normal(size=(2, 3)), rng.normal(size=(3, 4))
    g = graph(lambda x, W: F.sigmoid(x @ W).mean(), x, W)
    tx = torch.tensor(x, requires_grad=True)
    tW = torch.tensor(W, requires_grad=True)
    z = tx @ tW
    s = torch.sigmoid(z)
    for v in (z, s):
        v.retain_grad()
    s.mean().backward()
    by_op = {n.op: n for n in g.nodes if n.inputs}
    np.testing.assert_allclose(by_op["matmul"].grad, z.grad.numpy(), rtol=1e-12)
    np.testing.assert_allclose(by_op["sigmoid"].grad, s.grad.numpy(), rtol=1e-12)
    np.testing.assert_allclose(g.node("W").grad, tW.grad.numpy(), rtol=1e-12)


def test_a_tensor_used_twice_is_one_node_and_numbers_are_constants():
    g = graph(lambda x: (x * x + 2 * x).sum(), [1.0, -3.0])
    x = g.node("x")
    assert sum(a == x.id for a, _ in g.edges) == 3     # x·x and 2·x
    np.testing.assert_allclose(x.grad, 2 * np.array([1.0, -3.0]) + 2)
    consts = [n for n in g.nodes if n.op == "constant"]
    assert [n.name for n in consts] == ["2"] and consts[0].grad is None


def test_grad_output_contracts_the_gradient():
    g = graph(lambda x: x * 3, [1.0, 2.0], grad_output=[1.0, -2.0])
    np.testing.assert_allclose(g.node("x").grad, [3.0, -6.0])


def test_refusals_name_the_problem():
    with pytest.raises(BackpropError, match="one tensor"):
        graph(lambda x: (x, x), [1.0])
    with pytest.raises(BackpropError, match="not recorded"):
        graph(lambda x: Tensor([1.0]), [1.0])
    with pytest.raises(BackpropError, match="grad_output"):
        graph(lambda x: x * 2, [1.0, 2.0], grad_output=[1.0])
    with pytest.raises(BackpropError, match="expected a function"):
        graph(3, [1.0])
    with pytest.raises(BackpropError, match="loss"):
        network_graph(loss="hinge")
    with pytest.raises(BackpropError, match="class label"):
        network_graph(target=7)
    with pytest.raises(BackpropError, match="parameters"):   # before its weights fill memory
        network_graph("flatten linear(100000) linear(100000)")


def test_json_has_the_documented_fields_and_no_nan():
    g = graph(lambda x: F.log(x).sum(), [1.0, -1.0])    # log(−1) is NaN
    d = json.loads(g.to_json())
    assert set(d) == {"title", "nodes", "edges", "output"}
    assert {"id", "op", "shape", "value", "grad"} <= set(d["nodes"][0])
    assert d["nodes"][d["output"]]["value"] is None


def test_dot_names_every_node_and_edge():
    g = network_graph()
    dot = to_dot(g)
    assert dot.count("->") == len(g.edges)
    for n in g.nodes:
        assert f"  n{n.id} [label=" in dot
    assert 'subgraph cluster_' in dot and '"1: Linear"' in dot


def test_dot_parses_with_graphviz():
    graphviz = pytest.importorskip("graphviz", reason="the graphviz package is not installed "
                                   '(pip install "backprop[graph]")')
    if shutil.which("dot") is None:
        pytest.skip("Graphviz's dot program is not installed (apt-get install graphviz)")
    for spec, kw in NETWORKS:
        g = network_graph(spec, **kw)
        drawn = json.loads(graphviz.Source(to_dot(g)).pipe(format="json", encoding="utf-8"))
        names = {o["name"] for o in drawn["objects"] if "nodes" not in o}
        assert names == {f"n{n.id}" for n in g.nodes}
        assert len(drawn["edges"]) == len(g.edges)
    svg = to_svg(network_graph())
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg


def test_svg_without_graphviz_says_what_to_install(monkeypatch):
    graphviz = pytest.importorskip("graphviz")

    def missing(self, *a, **k):
        raise graphviz.ExecutableNotFound(("dot",))

    monkeypatch.setattr(graphviz.Source, "pipe", missing)
    with pytest.raises(BackpropError, match=r"apt-get install graphviz .*conda install graphviz"):
        to_svg(network_graph())
    monkeypatch.setitem(sys.modules, "graphviz", None)
    with pytest.raises(BackpropError, match=r'graphviz Python package: pip install (-e )?"\S*\[graph\]"'):
        to_svg(network_graph())


def dag(edges_wanted, n, layers=None):
    """A Graph of n nodes whose inputs are the wanted edges a < b (node k in layers[k])."""
    inputs = {b: sorted({a for a, bb in edges_wanted if bb == b}) for b in range(n)}
    nodes = [GraphNode(k, "op" if inputs[k] else "input", (), np.zeros(()), np.zeros(()),
                       layer=None if layers is None else layers[k], inputs=tuple(inputs[k]))
             for k in range(n)]
    return Graph(nodes, n - 1)


@settings(max_examples=60, deadline=None)
@given(st.integers(2, 14).flatmap(lambda n: st.tuples(
    st.just(n), st.sets(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1))
                        .filter(lambda e: e[0] < e[1]), max_size=3 * n))))
def test_layout_keeps_nodes_apart_and_edges_downward(case):
    n, edges = case
    g = dag(edges, n)
    lay = layered(g)
    boxes = [lay.centres[k] for k in range(n)]
    for i in range(n):
        for j in range(i + 1, n):
            (xi, yi), (xj, yj) = boxes[i], boxes[j]
            assert abs(xi - xj) >= NODE_WIDTH or abs(yi - yj) >= NODE_HEIGHT
    for a, b, points in lay.edges:
        assert boxes[a][1] < boxes[b][1]
        ys = [p[1] for p in points]
        assert ys == sorted(ys)
        assert points[0] == (boxes[a][0], boxes[a][1] + NODE_HEIGHT / 2)
        assert points[-1] == (boxes[b][0], boxes[b][1] - NODE_HEIGHT / 2)
    assert all(0 <= x - NODE_WIDTH / 2 and x + NODE_WIDTH / 2 <= lay.width for x, _ in boxes)


def inside(box, outer):
    return (outer[0] <= box[0] and box[2] <= outer[2] and outer[1] <= box[1]
            and box[3] <= outer[3])


def overlap(a, b):
    return min(a[2], b[2]) > max(a[0], b[0]) and min(a[3], b[3]) > max(a[1], b[1])


@settings(max_examples=60, deadline=None)
@given(st.integers(2, 14).flatmap(lambda n: st.tuples(
    st.just(n), st.sets(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1))
                        .filter(lambda e: e[0] < e[1]), max_size=3 * n),
    st.lists(st.sampled_from([None, "a", "b", "c"]), min_size=n, max_size=n))))
def test_each_layer_is_framed_apart_from_the_others(case):
    n, edges, layers = case
    g = dag(edges, n, layers)
    lay = layered(g)
    assert set(lay.groups) == {name for name in layers if name is not None}
    for k, name in enumerate(layers):
        x, y = lay.centres[k]
        node = (x - NODE_WIDTH / 2, y - NODE_HEIGHT / 2, x + NODE_WIDTH / 2, y + NODE_HEIGHT / 2)
        if name is not None:  # inside a box of its own layer
            assert any(inside(node, box) for box in lay.groups[name])
        for other, boxes in lay.groups.items():  # and in no box of another layer
            if other != name:
                assert not any(overlap(node, box) for box in boxes), (k, other)
    names = sorted(lay.groups)
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            assert not any(overlap(p, q) for p in lay.groups[a] for q in lay.groups[b])
    for boxes in lay.groups.values():
        assert all(0 <= x0 < x1 <= lay.width and 0 <= y0 < y1 <= lay.height
                   for x0, y0, x1, y1 in boxes)


def test_a_networks_layers_are_framed_in_every_drawing():
    g = network_graph()
    lay = layered(g)
    assert list(lay.groups) == ["0: Flatten", "1: Linear", "2: Sigmoid", "3: Linear",
                                "loss: cross_entropy"]
    assert g.node("t").layer == "loss: cross_entropy"  # the target is drawn with its loss
    fragment = g._repr_html_()
    assert fragment.count('<g class="group"') == 5 and '>1: Linear</text>' in fragment
    assert all(f'"{layer}"' in to_dot(g) for layer in lay.groups)  # DOT's clusters


def backprop_cli(*args):
    return subprocess.run([sys.executable, "-m", "backprop", "graph", *args],
                          capture_output=True, text=True, timeout=120)


def test_cli_formats_and_errors(tmp_path):
    proc = backprop_cli("--format", "json")
    assert proc.returncode == 0, proc.stderr
    d = json.loads(proc.stdout)
    assert d["nodes"][d["output"]]["op"] == "cross_entropy"
    assert d["nodes"][d["output"]]["value"] == pytest.approx(trace().loss, rel=1e-12)
    proc = backprop_cli("--f", "sum(sigmoid(x) * x)", "--x", "1 2", "--format", "json")
    d = json.loads(proc.stdout)
    s = 1 / (1 + np.exp(-np.array([1.0, 2.0])))
    np.testing.assert_allclose(d["nodes"][0]["grad"], s + np.array([1, 2]) * s * (1 - s))
    out = tmp_path / "g.html"
    proc = backprop_cli("--format", "html", "-o", str(out))
    assert proc.returncode == 0 and out.read_text().count('class="node ') == 11
    for bad in (["--x", "1"], ["--f", "x.__class__"], ["linear(3) sigmoid", "--f", "x"],
                ["--loss", "mse", "--target", "1 2"], ["--format", "png"]):
        proc = backprop_cli(*bad)
        assert proc.returncode == 2 and proc.stderr.count("\n") == 1, (bad, proc.stderr)
        assert "Traceback" not in proc.stderr


def test_a_graph_shows_itself_in_jupyter():
    g = network_graph()
    fragment = g._repr_html_()
    assert fragment.count('class="node ') == len(g.nodes)
    assert fragment.count('class="edge"') == len(g.edges)
    assert "<script" not in fragment and "href=" not in fragment
    assert render_html(g).startswith("<!DOCTYPE html>")


CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="module")
def browser():
    if not shutil.os.path.exists(CHROMIUM) and not shutil.which("chromium"):
        pytest.skip("no Chromium at /usr/bin/chromium (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api",
                                   reason="Playwright for Python is not installed")
    with sync_api.sync_playwright() as p:
        exe = CHROMIUM if shutil.os.path.exists(CHROMIUM) else shutil.which("chromium")
        b = p.chromium.launch(executable_path=exe, args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        yield b
        b.close()


@pytest.mark.parametrize("spec,kw", NETWORKS)
def test_the_html_page_draws_every_node_apart_offline(browser, tmp_path, spec, kw):
    g = network_graph(spec, **kw)
    path = tmp_path / "graph.html"
    path.write_text(render_html(g))
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    requests, errors = [], []
    page.on("request", lambda r: requests.append(r.url))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(path.as_uri())
    rects = page.evaluate("""() => Object.fromEntries([...document.querySelectorAll('g.node')]
        .map(g => [g.dataset.id, g.querySelector('rect').getBoundingClientRect().toJSON()]))""")
    edges = page.evaluate("""() => [...document.querySelectorAll('path.edge')].map(e =>
        [+e.dataset.from, +e.dataset.to, e.getBoundingClientRect().toJSON()])""")
    boxes = [rects[str(n.id)] for n in g.nodes]
    assert all(b["width"] > 100 and b["height"] > 50 for b in boxes)
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            apart = (a["right"] <= b["x"] or b["right"] <= a["x"] or
                     a["bottom"] <= b["y"] or b["bottom"] <= a["y"])
            assert apart, (a, b)
    assert sorted((a, b) for a, b, _ in edges) == sorted(g.edges)
    for a, b, box in edges:  # drawn downward: from its input's bottom to its consumer's top
        assert box["y"] == pytest.approx(boxes[a]["bottom"], abs=0.01)
        assert box["bottom"] == pytest.approx(boxes[b]["y"], abs=0.01)
    loss = page.locator(f'g.node[data-id="{g.output}"] text').all_text_contents()
    assert f"value {float(g.nodes[g.output].value):.4g}" in loss
    page.close()
    assert requests == [path.as_uri()] and not errors


def test_a_node_summarises_its_numbers_in_a_few_characters():
    from backprop.computation_graph import summarize

    assert summarize(np.array(0.123456)) == "0.1235"
    assert summarize(np.array([1.0, -0.5, 2.0])) == "[1, -0.5, 2]"
    assert summarize(np.arange(6.0)) == "mean 2.5, [0, 5]"
    assert summarize(np.array([1e-18, -1.0, 1.0, 0.0, 0.0])) == "mean 0, [-1, 1]"
    assert summarize(np.array([np.nan, 1.0, 2.0, 3.0, 4.0])) == "mean 2.5, [1, 4]"
    assert summarize(None) == "—" and summarize(np.zeros((0, 3))) == "(empty)"
