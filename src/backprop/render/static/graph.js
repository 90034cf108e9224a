// The computation graph, on the page of `backprop serve`. The library records the graph of
// the sample the trace shows (its edited weights included), computes every value and
// gradient, and lays the graph out (POST /api/graph: backprop.computation_graph); this
// script draws what it answers as SVG and shows a node's numbers in full.
import { $, call, el, numberCell, shapeOf, showError, table } from "./dom.js";
import { fields, state, weightCell } from "./trace.js";

const graph = { data: null, key: null, selected: null, shown: null, draws: 0 };
const SVG_NS = "http://www.w3.org/2000/svg";
const NODE_FILL = { input: "#dbe8fb", parameter: "#fbf1d0", leaf: "#fbf1d0", constant: "#eeeeee" };
const LAYER_TINTS = ["#e9eef7", "#f4efe2", "#e8f2ea"]; // neighbouring layers alternate

function svgNode(tag, attrs, parent) {
  const e = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (parent) parent.append(e);
  return e;
}

function clip(text, most) {
  return text.length <= most ? text : `${text.slice(0, most - 1)}…`;
}

// A smooth curve through the library's points, leaving and entering each vertically.
function edgePath(points) {
  const d = [`M${points[0][0]},${points[0][1]}`];
  for (let k = 1; k < points.length; k++) {
    const [xa, ya] = points[k - 1], [xb, yb] = points[k], mid = (ya + yb) / 2;
    d.push(`C${xa},${mid} ${xb},${mid} ${xb},${yb}`);
  }
  return d.join(" ");
}

// The network and sample the trace view shows, with the weights as edited there.
function graphRequest() {
  return state.request ? { ...state.request, parameters: state.params } : fields();
}

export async function showGraph() {
  const request = graphRequest();
  const key = JSON.stringify(request);
  if (key === graph.key) return; // drawn already
  graph.key = key;
  let data;
  try {
    data = await call("/api/graph", request);
  } catch (e) {
    if (graph.key === key) {
      graph.key = null;
      showError("graph-error", e.message);
    }
    return;
  }
  if (graph.key !== key) return; // a newer request was sent meanwhile
  showError("graph-error", "");
  graph.data = data;
  drawGraph();
}

function drawGraph() {
  const { data } = graph, lay = data.layout, [w, h] = lay.node;
  const box = svgNode("svg", { width: lay.width, height: lay.height,
                               viewBox: `0 0 ${lay.width} ${lay.height}`, role: "img",
                               "aria-label": `computation graph of ${data.title}` });
  svgNode("path", { d: "M0,0 L10,5 L0,10 z", fill: "#777" },
          svgNode("marker", { id: "graph-arrow", viewBox: "0 0 10 10", refX: 10, refY: 5,
                              markerWidth: 8, markerHeight: 8, markerUnits: "userSpaceOnUse",
                              orient: "auto-start-reverse" },
                  svgNode("defs", {}, box)));
  lay.groups.forEach((group, k) => {
    const g = svgNode("g", { class: "group", "data-layer": group.layer }, box);
    for (const [x0, y0, x1, y1] of group.boxes) {
      svgNode("rect", { x: x0, y: y0, width: x1 - x0, height: y1 - y0,
                        fill: LAYER_TINTS[k % LAYER_TINTS.length] }, g);
    }
    const label = svgNode("text", { class: "layer", x: group.boxes[0][0] + 6,
                                    y: group.boxes[0][1] + 11 }, g);
    label.textContent = group.layer;
  });
  data.edges.forEach(([a, b], k) => {
    svgNode("path", { class: "edge", "data-from": a, "data-to": b, d: edgePath(lay.edges[k]),
                      "marker-end": "url(#graph-arrow)" }, box);
  });
  for (const node of data.nodes) {
    const [cx, cy] = lay.centres[node.id], x = cx - w / 2, y = cy - h / 2;
    const kind = node.id === data.output ? "output" : node.op in NODE_FILL ? node.op : "op";
    const g = svgNode("g", { class: `node ${kind}`, "data-id": node.id, "data-op": node.op,
                             tabindex: 0, role: "button",
                             "aria-label": `${node.lines[0]}: ${node.lines.slice(1).join(", ")}` },
                      box);
    svgNode("rect", { x, y, width: w, height: h, rx: 7, fill: NODE_FILL[node.op] || "#fff" }, g);
    const title = svgNode("text", { class: "op", x: cx, y: y + 17, "text-anchor": "middle" }, g);
    title.textContent = clip(node.lines[0], 26);
    node.lines.slice(1).forEach((line, k) => {
      svgNode("text", { x: x + 8, y: y + 34 + 14 * k }, g).textContent = clip(line, 32);
    });
    g.addEventListener("mouseenter", () => showNode(node.id));
    g.addEventListener("mouseleave", () => { if (graph.selected !== null) showNode(graph.selected); });
    g.addEventListener("click", () => selectNode(node.id));
    g.addEventListener("focus", () => selectNode(node.id));
  }
  $("graph-drawing").replaceChildren(box);
  $("graph-title").textContent = data.title;
  const ops = data.nodes.filter((n) => !["input", "parameter", "leaf", "constant"].includes(n.op));
  $("graph-legend").textContent =
    `${data.nodes.length} nodes (${ops.length} operations), ${data.edges.length} edges; ` +
    "grad = ∂E/∂(node), E the loss. Blue: the input, yellow: weights, grey: constants, " +
    "red outline: the loss; a tinted frame holds each layer's nodes. Hover or click a node.";
  const keep = graph.selected !== null && data.nodes[graph.selected];
  graph.selected = keep ? graph.selected : null;
  graph.shown = null;
  if (keep) selectNode(graph.selected);
  else $("graph-node").replaceChildren(hint("Hover over a node, or click it, for all its numbers."));
  graph.draws += 1;
  document.body.dataset.graphDraws = graph.draws;
}

function hint(text) {
  return el("p", "hint", text);
}

function selectNode(id) {
  graph.selected = id;
  for (const g of document.querySelectorAll("#graph-drawing g.node")) {
    g.classList.toggle("selected", Number(g.dataset.id) === id);
  }
  for (const e of document.querySelectorAll("#graph-drawing path.edge")) {
    e.classList.toggle("near", Number(e.dataset.from) === id || Number(e.dataset.to) === id);
  }
  showNode(id);
}

// A node's numbers in full: its value (a weight's entries editable, as in the trace view)
// and ∂E/∂(its value).
function showNode(id) {
  if (graph.shown === id) return;
  graph.shown = id;
  const node = graph.data.nodes[id], panel = $("graph-node");
  const head = document.createElement("h2");
  head.textContent = node.lines[0];
  const where = document.createElement("p");
  where.className = "hint";
  where.textContent = [`node ${node.id}`, node.layer, node.lines[1]].filter(Boolean).join(" · ");
  const title = (k) => graph.data.nodes[k].lines[0];
  const from = graph.data.edges.filter(([, b]) => b === id).map(([a]) => title(a));
  const to = graph.data.edges.filter(([a]) => a === id).map(([, b]) => title(b));
  const links = hint(`${from.length ? `from ${from.join(", ")}` : "a leaf: no inputs"}` +
                     `${to.length ? `; into ${to.join(", ")}` : "; the output"}`);
  const value = document.createElement("div");
  value.id = "graph-value";
  const editable = node.op === "parameter" && state.params && node.name in state.params;
  value.append(
    hint(editable ? "value (edit any number: the graph is recomputed)" : "value"),
    node.value === null ? hint("not finite")
      : table(node.value, editable ? weightCell(node.name, shapeOf(node.value)) : numberCell(null)));
  const grad = document.createElement("div");
  grad.id = "graph-grad";
  grad.append(hint("gradient ∂E/∂(node)"),
              node.grad === null ? hint("none: a constant needs no gradient")
                : table(node.grad, numberCell(null)));
  panel.replaceChildren(head, where, links, value, grad);
}

// The graph follows the trace's network and weights while its view is open.
document.addEventListener("backprop:trace", () => { if (!$("view-graph").hidden) showGraph(); });
