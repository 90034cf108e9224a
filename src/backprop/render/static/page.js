// The page of `backprop serve`, one script module. The library computes every number (the
// JSON API of backprop.trace.server); the views (trace.js, graph.js, train.js, check.js)
// only send the learner's fields and draw the answers; this module opens them.
import { $, call, fmt, showError, ticket } from "./dom.js";
import { showGraph } from "./graph.js";
import { startCheck } from "./check.js";
import { startTraining } from "./train.js";
import { startTrace } from "./trace.js";

const VIEWS = ["trace", "graph", "train", "conv", "check"];

function tab(name) {
  for (const view of VIEWS) {
    $(`view-${view}`).hidden = view !== name;
    $(`tab-${view}`).classList.toggle("active", view === name);
    $(`tab-${view}`).setAttribute("aria-selected", String(view === name));
  }
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

async function start() {
  $("tab-trace").addEventListener("click", () => tab("trace"));
  $("tab-conv").addEventListener("click", () => tab("conv"));
  $("tab-check").addEventListener("click", () => { tab("check"); $("check-text").focus(); });
  $("tab-graph").addEventListener("click", () => { tab("graph"); showGraph(); });
  $("tab-train").addEventListener("click", () => { tab("train"); startTraining(); });
  $("conv-form").addEventListener("submit", (e) => { e.preventDefault(); convolve(); });
  $("conv-mode").addEventListener("change", convolve);
  $("summary-form").addEventListener("submit", (e) => { e.preventDefault(); shapes(); });
  startCheck();
  const defaults = await call("/api/defaults");
  await Promise.all([startTrace(defaults), convolve(), shapes()]);
  document.body.dataset.ready = "true";
}

start();
