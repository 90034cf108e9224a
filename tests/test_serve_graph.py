"""The page's computation graph (POST /api/graph): every node's value and gradient is the
engine's for the sample the trace shows, edited weights included; the layout the library
sends keeps nodes apart, edges between their nodes and each layer's nodes in its frame; bad
and absurd requests are refused with one line, in bounded time."""

import json
import time

import numpy as np
import pytest

from backprop.computation_graph import MAX_DRAWN, network_graph
from backprop.computation_graph.layout import NODE_HEIGHT, NODE_WIDTH
from backprop.engine import Tensor, no_grad
from backprop.models import build_model
from backprop.random import drawing_from
from backprop.trace import trace
from backprop.trace.api import respond
from backprop.trace.formulas import LOSS_FORMULAS

NETWORKS = [
    {},
    {"spec": "flatten linear(4) tanh linear(2)", "loss": "mse", "target": "0.5, -0.5",
     "seed": 3},
    {"spec": "conv(2,3) relu maxpool(2) flatten linear(3)", "shape": "1x6x6", "target": 1,
     "seed": "1"},
]


def answer(body):
    status, data = respond("/api/graph", json.dumps(body).encode())
    return status, json.loads(data)


def engine(body, parameters=None):
    """The network of ``body`` run by the engine on its sample, after one backward():
    (model, its gradients, x with its gradient, the loss, [(each layer's output,
    ∂loss/∂output)]), each
    ∂loss/∂output by a backward() of the rest of the network from that output."""
    t = trace(body.get("spec"), input=body.get("input"), target=body.get("target"),
              loss=body.get("loss", "cross_entropy"), seed=int(body.get("seed", 0)),
              shape=body.get("shape"))
    with drawing_from(np.random.default_rng(int(body.get("seed", 0)))):
        model = build_model(t.spec, t.input.shape).to(np.float64).eval()
    if parameters:
        model.load_state_dict({k: np.asarray(v) for k, v in parameters.items()})
    classes = model.output_shape[0]
    target = Tensor((np.eye(classes)[t.target] if isinstance(t.target, int)
                     else np.asarray(t.target, dtype=np.float64))[None])
    loss_of = LOSS_FORMULAS[body.get("loss", "cross_entropy")].loss
    x = Tensor(t.input[None], requires_grad=True)
    loss = loss_of(model(x), target)
    loss.backward()
    grads = {name: np.copy(p.grad) for name, p in model.named_parameters()}
    children = [m for _, m in model.named_children()]
    with no_grad():
        outputs, h = [], Tensor(t.input[None])
        for m in children:
            h = m(h)
            outputs.append(h.data)
    layers = []
    for k, out in enumerate(outputs):
        a = Tensor(out, requires_grad=True)
        rest = a
        for m in children[k + 1:]:
            rest = m(rest)
        loss_of(rest, target).backward()
        layers.append((out, a.grad))
    return model, grads, x, loss, layers


@pytest.mark.parametrize("body", NETWORKS)
def test_every_value_and_gradient_is_the_engines(body):
    status, doc = answer(body)
    assert status == 200, doc
    model, grads, x, loss, outputs = engine(body)
    nodes = doc["nodes"]
    assert nodes[doc["output"]]["value"] == pytest.approx(float(loss.data), rel=1e-12)
    (xnode,) = [n for n in nodes if n["op"] == "input"]
    np.testing.assert_allclose(xnode["grad"], x.grad, rtol=1e-10, atol=1e-15)
    params = {n["name"]: n for n in nodes if n["op"] == "parameter"}
    assert set(params) == {name for name, _ in model.named_parameters()}
    for name, p in model.named_parameters():
        np.testing.assert_array_equal(params[name]["value"], p.data)
        np.testing.assert_allclose(params[name]["grad"], grads[name], rtol=1e-10, atol=1e-15)
    for (name, m), (out, grad) in zip(model.named_children(), outputs):  # each layer's output
        last = [n for n in nodes if n["layer"] == f"{name}: {type(m).__name__}"
                and n["op"] != "parameter"][-1]
        np.testing.assert_allclose(last["value"], out, rtol=1e-12, atol=1e-15)
        np.testing.assert_allclose(last["grad"], grad, rtol=1e-10, atol=1e-15)
    # the nodes, edges and box texts of `backprop graph --format json`, plus the drawing
    g = network_graph(**{k: v for k, v in body.items() if k != "seed"},
                      seed=int(body.get("seed", 0)))
    assert [n["op"] for n in nodes] == [n.op for n in g.nodes]
    assert doc["edges"] == [list(e) for e in g.edges]
    assert nodes[4]["lines"][2].startswith("value ")


def test_edited_weights_are_the_graphs_weights():
    edited = {k: v.tolist() for k, v in trace().parameters.items()}
    edited["1.weight"][0][0] = 2.5
    edited["3.bias"][1] = -1.0
    status, doc = answer({"parameters": edited, "seed": "0"})
    assert status == 200, doc
    _, _, _, loss, outputs = engine({}, edited)
    assert doc["nodes"][doc["output"]]["value"] == pytest.approx(float(loss.data), rel=1e-12)
    assert doc["nodes"][doc["output"]]["value"] != pytest.approx(trace().loss, rel=1e-3)
    linear = [n for n in doc["nodes"] if n["op"] == "linear"]
    np.testing.assert_allclose(linear[0]["value"], outputs[1][0], rtol=1e-12)
    np.testing.assert_allclose(linear[1]["grad"], outputs[3][1], rtol=1e-10)
    params = {n["name"]: n for n in doc["nodes"] if n["op"] == "parameter"}
    assert params["1.weight"]["value"][0][0] == 2.5 and params["3.bias"]["value"][1] == -1.0


def test_the_layout_keeps_nodes_apart_and_layers_framed():
    status, doc = answer(NETWORKS[2])
    assert status == 200, doc
    lay, nodes = doc["layout"], doc["nodes"]
    assert lay["node"] == [NODE_WIDTH, NODE_HEIGHT] and len(lay["centres"]) == len(nodes)
    centres = lay["centres"]
    for i, (xi, yi) in enumerate(centres):
        for xj, yj in centres[i + 1:]:
            assert abs(xi - xj) >= NODE_WIDTH or abs(yi - yj) >= NODE_HEIGHT
        assert NODE_WIDTH / 2 <= xi <= lay["width"] - NODE_WIDTH / 2
        assert NODE_HEIGHT / 2 <= yi <= lay["height"] - NODE_HEIGHT / 2
    assert len(lay["edges"]) == len(doc["edges"])
    for (a, b), points in zip(doc["edges"], lay["edges"]):  # from a's bottom to b's top
        assert points[0] == [centres[a][0], centres[a][1] + NODE_HEIGHT / 2]
        assert points[-1] == [centres[b][0], centres[b][1] - NODE_HEIGHT / 2]
    groups = {g["layer"]: g["boxes"] for g in lay["groups"]}
    assert set(groups) == {n["layer"] for n in nodes if n["layer"]}
    for n in nodes:
        if n["layer"]:
            x, y = centres[n["id"]]
            assert any(x0 <= x - NODE_WIDTH / 2 and x + NODE_WIDTH / 2 <= x1 and
                       y0 <= y - NODE_HEIGHT / 2 and y + NODE_HEIGHT / 2 <= y1
                       for x0, y0, x1, y1 in groups[n["layer"]]), n["id"]
    for a, boxes_a in groups.items():
        for b, boxes_b in groups.items():
            if a < b:
                for x0, y0, x1, y1 in boxes_a:
                    for u0, v0, u1, v1 in boxes_b:
                        assert x1 <= u0 or u1 <= x0 or y1 <= v0 or v1 <= y0, (a, b)


@pytest.mark.parametrize("body,message", [
    ({"spec": "linear(3) ??"}, "spec: column 11"),
    ({"spec": "linear(out_features=300000)"}, "too big"),
    ({"spec": "adaptiveavgpool((2000,2000)) flatten linear(2)", "shape": "1x4x4"}, "too big"),
    ({"spec": "flatten linear(50000)"}, "too big"),
    ({"spec": "conv(32,3,padding=1) conv(32,3,padding=1) flatten linear(2)",
      "shape": "3x32x32"}, "multiply-adds"),
    ({"spec": "linear(3) " + "tanh " * 398}, f"too many to draw on the page (at most {MAX_DRAWN})"),
    ({"spec": "x" * 2001}, "too long"),
    ({"loss": "hinge"}, "graph: loss must be one of"),
    ({"seed": "x"}, "seed: expected an integer"),
    ({"target": 7}, "class label"),
    ({"parameters": {"1.weight": [[1]]}}, "load_state_dict"),
    ({"parameters": {"1.weight": "x"}}, "parameter 1.weight: expected numbers"),
    ({"parameters": [1]}, "parameters: expected dict"),
    ({"input": "1 2 3", "shape": "1x5x5"}, "do not fill shape"),
    ({"parameters": {**{k: v.tolist() for k, v in trace().parameters.items()},
                     "3.weight": [[1e308] * 3] * 3}}, "the loss is"),
])
def test_bad_and_absurd_requests_are_refused_in_one_line(body, message):
    start = time.monotonic()
    status, doc = answer(body)
    assert status == 400 and message in doc["error"] and "\n" not in doc["error"], doc
    assert time.monotonic() - start < 5
