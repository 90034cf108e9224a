// Training step by step, on the page of `backprop serve`. The library makes every update and
// computes every number (POST /api/train, backprop.trace.training); this script sends the
// fields and the state the last answer gave, and draws: the decision regions from the grid
// the library evaluated, the loss curve from the losses it returned, the update's maths.
import { $, call, el, fmt, formulaNode, numberCell, shapeOf, showError, table } from "./dom.js";

const train = { data: null, losses: [], setup: null, started: false, busy: false };
const COLOURS = [[66, 110, 200], [214, 110, 60], [60, 160, 90], [150, 90, 190], [190, 160, 40]];

function trainFields() {
  return { spec: $("train-spec").value, data: $("train-data").value,
           points: $("train-points").value, noise: $("train-noise").value,
           optimizer: $("train-optimizer").value, lr: $("train-lr").value,
           batch_size: $("train-batch").value, seed: $("train-seed").value };
}

// steps updates from the current state; none (with fresh = true): the initial weights.
async function trainCall(steps, fresh) {
  if (train.busy) return;
  train.busy = true;
  const fields = trainFields();
  const sameSetup = train.setup && JSON.stringify(fields) === JSON.stringify(train.setup);
  const body = { ...fields, steps };
  if (!fresh && sameSetup && train.data) body.state = train.data.state;
  try {
    const answer = await call("/api/train", body);
    if (!body.state) train.losses = [];
    train.losses.push(...answer.losses);
    train.data = answer;
    train.setup = fields;
    document.body.dataset.trainUpdates = String(train.losses.length);
    showError("train-error", "");
    drawTraining();
  } catch (e) {
    showError("train-error", e.message);
  } finally {
    train.busy = false;
  }
}

function drawTraining() {
  const d = train.data;
  const step = d.state.step;
  const loss = train.losses[train.losses.length - 1][1];
  $("train-position").textContent =
    `update ${step} · loss over the data ${fmt(loss)} · accuracy ${fmt(100 * d.accuracy)} %`;
  document.body.dataset.trainStep = String(step);
  $("train-rewind").disabled = step === 0;
  drawRegions($("regions"), d);
  drawLoss($("loss-curve"), train.losses);
  drawBatch(d);
  drawUpdate(d.update);
}

function colour(k, alpha) {
  const [r, g, b] = COLOURS[k % COLOURS.length];
  return `rgba(${r}, ${g}, ${b}, ${alpha})`;
}

function drawRegions(canvas, d) {
  const ctx = canvas.getContext("2d"), { xs, ys, classes, confidence } = d.regions;
  const W = canvas.width, H = canvas.height, n = xs.length;
  ctx.clearRect(0, 0, W, H);
  for (let i = 0; i < n; i++) {        // row i: ys[i], drawn bottom-up
    for (let j = 0; j < n; j++) {
      // a confident region is strong, an undecided one pale
      ctx.fillStyle = colour(classes[i][j], 0.15 + 0.5 * (2 * confidence[i][j] - 1));
      ctx.fillRect(Math.floor(j * W / n), Math.floor(H - (i + 1) * H / n),
                   Math.ceil(W / n), Math.ceil(H / n));
    }
  }
  const px = (x) => (x - xs[0]) / (xs[n - 1] - xs[0]) * W;
  const py = (y) => H - (y - ys[0]) / (ys[n - 1] - ys[0]) * H;
  const inBatch = new Set(d.update ? d.update.batch : []);
  d.data.x.forEach(([x, y], k) => {
    ctx.beginPath();
    ctx.arc(px(x), py(y), inBatch.has(k) ? 4.5 : 3, 0, 2 * Math.PI);
    ctx.fillStyle = colour(d.data.y[k], 1);
    ctx.fill();
    ctx.lineWidth = inBatch.has(k) ? 2.5 : 0.8;
    ctx.strokeStyle = inBatch.has(k) ? "#111" : "#fff";
    ctx.stroke();
  });
}

function drawLoss(canvas, losses) {
  const ctx = canvas.getContext("2d"), W = canvas.width, H = canvas.height;
  ctx.clearRect(0, 0, W, H);
  const pad = 30, last = losses[losses.length - 1][0] || 1;
  const top = Math.max(...losses.map((p) => p[1])) || 1;
  ctx.strokeStyle = "#999";
  ctx.lineWidth = 1;
  ctx.strokeRect(pad, 4, W - pad - 4, H - pad);
  ctx.fillStyle = "#555";
  ctx.font = "11px system-ui, sans-serif";
  ctx.fillText(top.toPrecision(2), 2, 12);
  ctx.fillText("0", 2, H - pad + 4);
  ctx.fillText(`update ${last}`, W - 70, H - 8);
  ctx.beginPath();
  losses.forEach(([k, v], i) => {
    const x = pad + (k / last) * (W - pad - 4), y = 4 + (1 - v / top) * (H - pad);
    if (i === 0) ctx.moveTo(x, y); else ctx.lineTo(x, y);
  });
  ctx.strokeStyle = "#d0734a";
  ctx.lineWidth = 2;
  ctx.stroke();
}

function drawBatch(d) {
  const box = $("batch");
  box.replaceChildren();
  if (!d.update) {
    box.textContent = "(no update yet)";
    return;
  }
  const t = document.createElement("table");
  t.className = "summary";
  const head = t.insertRow();
  for (const h of ["n", "x₁", "x₂", "t"]) head.append(Object.assign(document.createElement("th"), { textContent: h }));
  for (const k of d.update.batch) {
    const row = t.insertRow();
    for (const v of [k, fmt(d.data.x[k][0]), fmt(d.data.x[k][1]), d.data.y[k]]) {
      const c = row.insertCell();
      c.textContent = v;
      c.className = "num";
    }
  }
  box.append(t);
}

// A formula once, typeset from the server's MathML; its plain text is the alttext.
function formula(f) {
  const div = el("div", "formula");
  div.append(formulaNode(f.mathml, f.plain));
  return [div];
}

// " = θ − 0.1 × g", then " = result": tensors as tables in one row that scrolls.
function equation(terms, result) {
  const row = document.createElement("div");
  row.className = "equation scroll";
  const piece = (t) => {
    if (typeof t === "string") return Object.assign(document.createElement("span"), { textContent: t, className: "op" });
    if (typeof t === "number") return Object.assign(document.createElement("span"), { textContent: fmt(t), className: "op num" });
    return table(t.values, numberCell(null));
  };
  if (terms.length) row.append(piece(" = "), ...terms.map(piece));
  row.append(piece(" = "), piece({ values: result }));
  return row;
}

function drawUpdate(update) {
  const box = $("update");
  box.replaceChildren();
  if (!update) {
    const p = document.createElement("p");
    p.className = "hint";
    p.textContent = "Press Step: the gradient of each parameter on the batch, then the optimiser's update with the numbers put in.";
    box.append(p);
    return;
  }
  const title = document.createElement("h2");
  title.textContent = `Update ${update.step}`;
  const loss = document.createElement("div");
  loss.className = "step forward";
  loss.append(...formula(update.loss_formula),
              Object.assign(document.createElement("p"), { className: "mono", textContent: `E = ${fmt(update.loss)}` }));
  box.append(title, loss);
  for (const p of update.parameters) {
    const panel = document.createElement("div");
    panel.className = "step backward param-update";
    panel.dataset.parameter = p.name;
    const head = document.createElement("h3");
    head.textContent = `${p.symbol} = ${p.name} (${shapeOf(p.gradient).join("×")})`;
    panel.append(head, ...formula(p.formula), equation([], p.gradient));
    for (const line of p.lines) {
      const div = document.createElement("div");
      div.className = "update-line";
      div.append(...formula(line), equation(line.terms, line.result));
      panel.append(div);
    }
    box.append(panel);
  }
}

export async function startTraining() {
  if (train.started) return;
  train.started = true;
  const defaults = await call("/api/train");
  for (const name of defaults.datasets) $("train-data").add(new Option(name, name));
  for (const name of defaults.optimizers) $("train-optimizer").add(new Option(name, name));
  const keys = { spec: "train-spec", data: "train-data", points: "train-points", noise: "train-noise",
                 optimizer: "train-optimizer", lr: "train-lr", batch_size: "train-batch", seed: "train-seed" };
  for (const [key, id] of Object.entries(keys)) $(id).value = defaults[key];
  $("train-form").addEventListener("submit", (e) => { e.preventDefault(); trainCall(0, true); });
  $("train-step").addEventListener("click", () => trainCall(1, false));
  $("train-10").addEventListener("click", () => trainCall(10, false));
  $("train-100").addEventListener("click", () => trainCall(100, false));
  $("train-rewind").addEventListener("click", () => trainCall(0, true));
  await trainCall(0, true);
  document.body.dataset.trainReady = "true";
}
