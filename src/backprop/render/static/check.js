// "Check my derivation": paste or open Markdown with LaTeX; every step comes back with
// ✓ (holds), ✗ (fails, with the numbers where its two sides differ) or ? (could not be
// read: a question, and a field to answer it with a declaration such as "x: vector 3",
// which checks the derivation again at once). POST /api/check runs backprop's checker.
import { $, call, el, formulaNode, showError, ticket } from "./dom.js";

const MARKS = { holds: "✓", fails: "✗", unreadable: "?", definition: "≔", skipped: "·" };
const WORDS = { holds: "holds", fails: "fails", unreadable: "could not be read",
                definition: "a definition", skipped: "not a claim" };
const answers = new Map(); // name → kind: the learner's declarations
let checks = 0;

function declaration(text) {
  const found = /^\s*([^:\n]{1,64}?)\s*:\s*([^:\n]{1,64}?)\s*$/.exec(text);
  return found ? [found[1], found[2]] : null;
}

function drawAnswers() {
  const box = $("check-answers");
  box.replaceChildren();
  if (!answers.size) return;
  box.append(el("span", "hint", "Your answers: "));
  for (const [name, kind] of answers) {
    const b = el("button", "answer-chip", `${name}: ${kind} ✕`);
    b.type = "button";
    b.setAttribute("aria-label", `remove the answer ${name}: ${kind}`);
    b.addEventListener("click", () => { answers.delete(name); check(); });
    box.append(b);
  }
}

function counterexample(ce) {
  const at = { ...(ce.indices || {}), ...(ce.point || {}) };
  const where = Object.entries(at).map(([k, v]) => `${k} = ${v}`).join(", ");
  return el("p", "counterexample",
            `${where ? `at ${where}: ` : ""}left = ${ce.left}, right = ${ce.right}`);
}

function answerField(step) {
  const form = el("form", "answer");
  const input = document.createElement("input");
  const ask = step.ask || {};
  input.placeholder = (ask.kinds && ask.kinds.length) ? `${ask.name}: ${ask.kinds[0]}` : "x: vector 3";
  input.size = 18;
  input.setAttribute("aria-label", `answer for line ${step.line}: declare a name, e.g. x: vector 3`);
  const button = el("button", "", "Answer");
  button.type = "submit";
  form.append(input, button);
  if (ask.kinds) {
    for (const kind of ask.kinds) {
      const b = el("button", "suggestion", `${ask.name}: ${kind}`);
      b.type = "button";
      b.addEventListener("click", () => { answers.set(ask.name, kind); check(); });
      form.append(b);
    }
  }
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const found = declaration(input.value);
    if (!found) { showError("check-error", "an answer is a declaration such as x: vector 3"); return; }
    answers.set(found[0], found[1]);
    check();
  });
  return form;
}

function row(step, view, first) {
  const tr = document.createElement("tr");
  tr.className = step.status;
  tr.dataset.line = step.line;
  tr.dataset.status = step.status;
  if (first) tr.dataset.first = "true";
  const line = el("td", "line", String(step.cell !== undefined ? `${step.cell}:${step.cell_line}` : step.line));
  const mark = el("td", "mark", MARKS[step.status] || "");
  mark.setAttribute("aria-label", WORDS[step.status] || step.status);
  mark.title = WORDS[step.status] || step.status;
  const math = el("td", "math");
  math.append(formulaNode(view.mathml, `${step.left} = ${step.right}`));
  const note = el("td", "note");
  if (first) note.append(el("p", "first", "first wrong step"));
  if (step.message) note.append(el("p", "message", step.message));
  if (step.counterexample) note.append(counterexample(step.counterexample));
  if (step.diagnosis) note.append(el("p", "diagnosis", step.diagnosis));
  if (step.hint && !(step.message || "").includes(step.hint)) note.append(el("p", "hint", `hint: ${step.hint}`));
  if (step.reading) note.append(el("p", "hint", `read as ${step.reading}`));
  if (step.status === "unreadable") {
    note.append(el("p", "question", step.question || `What is meant here? (${step.message})`),
                answerField(step));
  }
  tr.append(line, mark, math, note);
  return tr;
}

async function check() {
  const current = ticket("check");
  const text = $("check-text").value;
  drawAnswers();
  try {
    const data = await call("/api/check", { text, points: $("check-points").value,
                                            declare: Object.fromEntries(answers) });
    if (!current()) return;
    showError("check-error", "");
    const first = data.steps.findIndex((s) => s.status === "fails");
    const t = $("check-report");
    t.replaceChildren(...data.steps.map((s, k) => row(s, data.view[k], k === first)));
    const s = data.summary;
    $("check-summary").textContent =
      `${s.holds} hold, ${s.fails} fail, ${s.unreadable} could not be read` +
      (first >= 0 ? `; the first wrong step is on line ${data.steps[first].line}` : "") +
      (s.assumed && s.assumed.length ? `. Assumed from use: ${s.assumed.join(", ")}` : "") +
      (data.target && data.target !== "not stated" ? `. Target ${data.target}: ${data.target_message}` : "");
  } catch (e) {
    if (current()) showError("check-error", e.message);
  }
  checks += 1;
  document.body.dataset.checks = String(checks);
}

export function startCheck() {
  $("check-form").addEventListener("submit", (e) => { e.preventDefault(); check(); });
  $("check-file").addEventListener("change", async () => {
    const file = $("check-file").files[0];
    if (!file) return;
    if (file.size > 200000) { showError("check-error", "the file is too long (at most 200,000 characters)"); return; }
    $("check-text").value = await file.text();
    answers.clear();
    check();
  });
}
