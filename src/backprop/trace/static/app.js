// The page of `backprop serve`. The library computes every number (the JSON API of
// backprop.trace.server); this script only sends the learner's fields and draws the answer.
"use strict";

const $ = (id) => document.getElementById(id);
const state = { data: null, previous: null, request: null, params: null, shown: 1 };

function fmt(v) {
  if (!Number.isFinite(v)) return String(v);
  let [m, e] = Number(v).toPrecision(6).split("e");
  if (m.includes(".")) m = m.replace(/0+$/, "").replace(/\.$/, "");
  return e ? `${m}e${e}` : m;
}

function shapeOf(a) { return Array.isArray(a) ? [a.length, ...shapeOf(a[0])] : []; }
function flat(a) { return Array.isArray(a) ? a.flatMap(flat) : [a]; }
function nest(values, shape) {
  if (shape.length === 0) return values[0];
  const step = values.length / shape[0];
  return Array.from({ length: shape[0] }, (_, i) =>
    nest(values.slice(i * step, (i + 1) * step), shape.slice(1)));
}

async function call(path, body) {
  const response = await fetch(path, body === undefined ? {} : {
    method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body),
  });
  const answer = await response.json();
  if (!response.ok) throw new Error(answer.error || response.statusText);
  return answer;
}

function showError(id, message) {
  const p = $(id);
  p.textContent = message;
  p.hidden = !message;
}

// A tensor as a table: a row, a matrix, or the rows of its last axis; big ones by their
// leading values. `cell(td, flatIndex, value)` fills a cell (numbers by default).
const TABLE_ENTRIES = 400;
function table(values, cell) {
  const shape = shapeOf(values), all = flat(values);
  const node = document.createElement("div");
  node.className = "scroll"; // a wide table scrolls inside its panel, never the page
  const cols = shape.length ? shape[shape.length - 1] : 1;
  let rows = Math.max(1, all.length / Math.max(cols, 1)), width = cols, count = all.length;
  if (all.length > TABLE_ENTRIES) {
    const note = document.createElement("p");
    note.className = "shape";
    note.textContent = `shape ${shape.join("×")}, first values`;
    node.append(note);
    rows = 1; width = 16; count = 16;
  } else if (shape.length > 2) {
    const note = document.createElement("p");
    note.className = "shape";
    note.textContent = `shape ${shape.join("×")}: one block of rows per channel`;
    node.append(note);
  }
  const t = document.createElement("table");
  t.className = "values";
  // rows of one channel (one 2-D slice) form a block; a rule separates the blocks
  const block = shape.length > 2 && count === all.length ? shape[shape.length - 2] : 0;
  for (let r = 0; r < rows; r++) {
    const tr = t.insertRow();
    if (block && r > 0 && r % block === 0) tr.className = "block-start";
    for (let c = 0; c < width && r * width + c < count; c++) {
      const i = r * width + c;
      cell(tr.insertCell(), i, all[i]);
    }
  }
  node.append(t);
  return node;
}

function numberCell(previous) {
  return (td, i, v) => {
    td.textContent = fmt(v);
    if (previous && previous[i] !== undefined && fmt(previous[i]) !== fmt(v)) td.classList.add("changed");
  };
}

function renderSteps() {
  const { data, previous } = state;
  const box = $("steps");
  box.replaceChildren();
  data.steps.forEach((step, k) => {
    const view = data.view[k];
    const div = document.createElement("div");
    div.className = `step ${step.direction}`;
    div.dataset.index = k;
    div.hidden = k >= state.shown;
    if (k === state.shown - 1) div.classList.add("current");
    const head = document.createElement("div");
    head.className = "head";
    const layer = document.createElement("span");
    layer.className = "layer";
    layer.textContent = step.layer;
    const dir = document.createElement("span");
    dir.textContent = `${k + 1}. ${step.direction}`;
    head.append(layer, dir);
    const formula = document.createElement("div");
    formula.className = "formula";
    formula.innerHTML = view.mathml; // MathML made by the server from the library's formulas
    const plain = document.createElement("p");
    plain.className = "plain";
    plain.textContent = step.formula;
    const old = previous && previous.steps[k] && previous.steps[k].formula === step.formula
      ? flat(previous.steps[k].values) : null;
    div.append(head, formula, plain, table(step.values, numberCell(old)));
    if (view.check) {
      const c = document.createElement("p");
      c.className = `check ${view.check.passed ? "ok" : "bad"}`;
      c.textContent = view.check.text;
      div.append(c);
    }
    box.append(div);
  });
  const n = data.steps.length;
  const current = data.steps[state.shown - 1];
  $("position").textContent = state.shown
    ? `step ${state.shown} of ${n} · ${current.direction}` : `step 0 of ${n}`;
  $("prev").disabled = state.shown === 0;
  $("next").disabled = state.shown === n;
}

// The input, as drawn from the seed or as typed: editable like a weight.
function renderInput(box) {
  const values = state.data.input, shape = shapeOf(values);
  const label = document.createElement("p");
  label.className = "pname";
  label.textContent = `x = input (${shape.join("×") || "1"})`;
  box.append(label, table(values, (td, i, v) => {
    const input = document.createElement("input");
    input.value = fmt(v);
    input.dataset.input = i;
    input.setAttribute("aria-label", `input entry ${i}`);
    input.addEventListener("change", () => {
      const x = Number(input.value.trim());
      if (input.value.trim() === "" || !Number.isFinite(x)) { input.classList.add("invalid"); return; }
      const entries = flat(state.data.input);
      if (entries[i] === x) return;
      entries[i] = x;
      $("input").value = JSON.stringify(nest(entries, shape)); // the field shows the edited input
      runTrace(true);
    });
    td.append(input);
  }));
}

// A weight's entry as an input box: changing it re-runs the trace with the edited weights.
function weightCell(name, shape) {
  return (td, i, v) => {
    const input = document.createElement("input");
    input.value = fmt(v);
    input.dataset.param = name;
    input.dataset.index = i;
    input.setAttribute("aria-label", `${name} entry ${i}`);
    input.addEventListener("change", () => {
      const x = Number(input.value.trim());
      if (input.value.trim() === "" || !Number.isFinite(x)) {
        input.classList.add("invalid");
        return;
      }
      input.classList.remove("invalid");
      const entries = flat(state.params[name]);
      if (entries[i] === x) return; // e.g. the change event of a box the redraw removed
      entries[i] = x;
      state.params[name] = nest(entries, shape);
      runTrace(true);
    });
    td.append(input);
  };
}

function renderParams() {
  const box = $("params");
  box.replaceChildren();
  renderInput(box);
  for (const [name, values] of Object.entries(state.params)) {
    const label = document.createElement("p");
    label.className = "pname";
    const symbol = state.data.symbols[name]; // W₂ = 3.weight, as the formulas write it
    label.textContent = `${symbol ? `${symbol} = ` : ""}${name} (${shapeOf(values).join("×")})`;
    box.append(label, table(values, weightCell(name, shapeOf(values))));
  }
}

function renderQuiz() {
  const box = $("quiz");
  box.replaceChildren();
  for (const [name, values] of Object.entries(state.data.gradients)) {
    const label = document.createElement("p");
    label.className = "pname";
    const symbol = state.data.symbols[name];
    label.textContent = symbol ? `∂E/∂${symbol}   (${name})` : `∂E/∂(${name})`;
    box.append(label, table(values, (td, i, right) => {
      const input = document.createElement("input");
      input.placeholder = "?";
      input.dataset.gradient = name;
      input.dataset.index = i;
      input.setAttribute("aria-label", `gradient ${name} entry ${i}`);
      const verdict = document.createElement("span");
      verdict.className = "verdict-cell";
      input.addEventListener("change", () => {
        const text = input.value.trim();
        const x = Number(text);
        if (text === "" || !Number.isFinite(x)) { verdict.textContent = ""; return; }
        const ok = Math.abs(x - right) <= 0.01 * Math.abs(right) + 1e-6;
        verdict.className = `verdict-cell ${ok ? "ok" : "bad"}`;
        verdict.textContent = ok ? `✓ ${fmt(right)}` : `✗ ${fmt(right)}`;
      });
      td.append(input, verdict);
    }));
  }
}

function render() {
  const { data } = state;
  $("loss-value").textContent = fmt(data.loss);
  const verdict = $("verdict");
  verdict.textContent = data.checked; // exactly what was checked, as backprop trace says it
  verdict.classList.toggle("bad", !data.passed);
  renderSteps();
  renderParams();
  renderQuiz();
}

function fields() {
  return { spec: $("spec").value, input: $("input").value, shape: $("shape").value,
           target: $("target").value, loss: $("loss").value, seed: $("seed").value };
}

function sameNetwork(a, b) {
  return b && a.spec === b.spec && a.shape === b.shape && a.seed === b.seed;
}

// keepWeights: send the (possibly edited) weights along while the network is the same one.
async function runTrace(keepWeights) {
  const request = fields();
  let data;
  try {
    if (keepWeights && state.params && sameNetwork(request, state.request)) {
      try {
        data = await call("/api/trace", { ...request, parameters: state.params });
      } catch (e) {
        data = null; // e.g. an input of another size: the edited weights no longer fit
      }
    }
    data = data || await call("/api/trace", request);
  } catch (e) {
    showError("error", e.message);
    return;
  }
  showError("error", "");
  const sameSteps = state.data && state.data.steps.length === data.steps.length;
  state.previous = sameSteps ? state.data : null;
  state.data = data;
  state.request = request;
  state.params = structuredClone(data.parameters);
  if (!sameSteps) state.shown = 1;
  render();
  if (!$("view-graph").hidden) showGraph(); // the graph follows the trace's network
}

function move(to) {
  if (!state.data) return;
  state.shown = Math.max(0, Math.min(state.data.steps.length, to));
  renderSteps();
  const current = document.querySelector(".step.current");
  if (current) current.scrollIntoView({ block: "nearest" });
}

// Each view shows the answer to its latest request only: an earlier request answered later
// (a slow machine, a busy server) must not overwrite it.
const latest = {};
function ticket(view) {
  latest[view] = (latest[view] || 0) + 1;
  const mine = latest[view];
  return () => latest[view] === mine;
}

async function convolve() {
  const current = ticket("conv");
  try {
    const answer = await call("/api/convolve",
      { a: $("conv-a").value, v: $("conv-v").value, mode: $("conv-mode").value });
    if (!current()) return;
    $("conv-result").textContent = `[${answer.result.map(fmt).join(", ")}]`;
    $("conv-length").textContent = `(${answer.mode}: ${answer.result.length} values)`;
    showError("conv-error", "");
  } catch (e) {
    if (current()) showError("conv-error", e.message);
  }
}

async function shapes() {
  const t = $("summary-table");
  const current = ticket("shapes");
  try {
    const answer = await call("/api/summary", { spec: $("sum-spec").value, shape: $("sum-shape").value });
    if (!current()) return;
    t.replaceChildren();
    const row = (cells, head) => {
      const tr = t.insertRow();
      cells.forEach((text, i) => {
        const cell = document.createElement(head ? "th" : "td");
        cell.textContent = text;
        if (!head && (i === 0 || i === 3)) cell.className = "num";
        tr.append(cell);
      });
    };
    row(["#", "layer", "output", "parameters"], true);
    row(["", "input", answer.input.join("×"), ""]);
    for (const r of answer.rows) row([r.index, r.layer, r.output.join("×"), r.params.toLocaleString("en")]);
    row(["", "total", "", answer.total.toLocaleString("en")]);
    showError("conv-error", "");
  } catch (e) {
    if (current()) showError("conv-error", e.message);
  }
}

function tab(name) {
  for (const view of ["trace", "graph", "train", "conv"]) {
    $(`view-${view}`).hidden = view !== name;
    $(`tab-${view}`).classList.toggle("active", view === name);
  }
}

async function start() {
  $("tab-trace").addEventListener("click", () => tab("trace"));
  $("tab-conv").addEventListener("click", () => tab("conv"));
  $("tab-graph").addEventListener("click", () => { tab("graph"); showGraph(); });
  $("tab-train").addEventListener("click", () => { tab("train"); startTraining(); });
  $("trace-form").addEventListener("submit", (e) => { e.preventDefault(); runTrace(true); });
  $("input").addEventListener("change", () => runTrace(true));
  $("target").addEventListener("change", () => runTrace(true));
  $("prev").addEventListener("click", () => move(state.shown - 1));
  $("next").addEventListener("click", () => move(state.shown + 1));
  $("all").addEventListener("click", () => move(state.data.steps.length));
  $("conv-form").addEventListener("submit", (e) => { e.preventDefault(); convolve(); });
  $("conv-mode").addEventListener("change", convolve);
  $("summary-form").addEventListener("submit", (e) => { e.preventDefault(); shapes(); });
  const defaults = await call("/api/defaults");
  for (const loss of defaults.losses) $("loss").add(new Option(loss, loss));
  for (const key of ["spec", "input", "shape", "target", "loss", "seed"]) $(key).value = defaults[key];
  await Promise.all([runTrace(false), convolve(), shapes()]);
  document.body.dataset.ready = "true";
}

start();
