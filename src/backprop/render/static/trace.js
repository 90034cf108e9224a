// "Trace a network": every layer's formula and numbers, forward then backward, stepped
// through; weights and the input editable; the learner's own gradient entries checked.
// The library computes every number (POST /api/trace); this module sends the fields and
// draws the answer. It announces each new trace ("backprop:trace") for the graph view.
import { $, call, el, flat, fmt, formulaNode, nest, numberCell, shapeOf, showError, table } from "./dom.js";

export const state = { data: null, previous: null, request: null, params: null, shown: 1 };

function renderSteps() {
  const { data, previous } = state;
  const box = $("steps");
  box.replaceChildren();
  data.steps.forEach((step, k) => {
    const view = data.view[k];
    const div = el("div", `step ${step.direction}`);
    div.dataset.index = k;
    div.hidden = k >= state.shown;
    if (k === state.shown - 1) div.classList.add("current");
    const head = el("div", "head");
    head.append(el("span", "layer", step.layer), el("span", "", `${k + 1}. ${step.direction}`));
    // The formula once, typeset; its plain text is the MathML's alttext (screen readers).
    const formula = el("div", "formula");
    formula.append(formulaNode(view.mathml, step.formula));
    const old = previous && previous.steps[k] && previous.steps[k].formula === step.formula
      ? flat(previous.steps[k].values) : null;
    div.append(head, formula, table(step.values, numberCell(old)));
    if (view.check) div.append(el("p", `check ${view.check.passed ? "ok" : "bad"}`, view.check.text));
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
  box.append(el("p", "pname", `x = input (${shape.join("×") || "1"})`), table(values, (td, i, v) => {
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
export function weightCell(name, shape) {
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
    const symbol = state.data.symbols[name]; // W₂ = 3.weight, as the formulas write it
    box.append(el("p", "pname", `${symbol ? `${symbol} = ` : ""}${name} (${shapeOf(values).join("×")})`),
               table(values, weightCell(name, shapeOf(values))));
  }
}

function renderQuiz() {
  const box = $("quiz");
  box.replaceChildren();
  for (const [name, values] of Object.entries(state.data.gradients)) {
    const symbol = state.data.symbols[name];
    box.append(el("p", "pname", symbol ? `∂E/∂${symbol}   (${name})` : `∂E/∂(${name})`),
               table(values, (td, i, right) => {
      const input = document.createElement("input");
      input.placeholder = "?";
      input.dataset.gradient = name;
      input.dataset.index = i;
      input.setAttribute("aria-label", `your value of the gradient ${name}, entry ${i}`);
      const verdict = el("span", "verdict-cell");
      verdict.setAttribute("aria-live", "polite");
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

export function fields() {
  return { spec: $("spec").value, input: $("input").value, shape: $("shape").value,
           target: $("target").value, loss: $("loss").value, seed: $("seed").value };
}

function sameNetwork(a, b) {
  return b && a.spec === b.spec && a.shape === b.shape && a.seed === b.seed;
}

// keepWeights: send the (possibly edited) weights along while the network is the same one.
export async function runTrace(keepWeights) {
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
  document.dispatchEvent(new CustomEvent("backprop:trace"));
}

function move(to) {
  if (!state.data) return;
  state.shown = Math.max(0, Math.min(state.data.steps.length, to));
  renderSteps();
  const current = document.querySelector(".step.current");
  if (current) current.scrollIntoView({ block: "nearest" });
}

export async function startTrace(defaults) {
  $("trace-form").addEventListener("submit", (e) => { e.preventDefault(); runTrace(true); });
  $("input").addEventListener("change", () => runTrace(true));
  $("target").addEventListener("change", () => runTrace(true));
  $("prev").addEventListener("click", () => move(state.shown - 1));
  $("next").addEventListener("click", () => move(state.shown + 1));
  $("all").addEventListener("click", () => move(state.data.steps.length));
  for (const loss of defaults.losses) $("loss").add(new Option(loss, loss));
  for (const key of ["spec", "input", "shape", "target", "loss", "seed"]) $(key).value = defaults[key];
  await runTrace(false);
}
