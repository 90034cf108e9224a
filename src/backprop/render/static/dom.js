// What every view of the page shares: fetching the JSON API, numbers, tables, formulas.
// Strings from the server go into the page as text (textContent) or, for a formula's
// MathML, as nodes rebuilt from an allowlist: never as HTML.

export const $ = (id) => document.getElementById(id);

export function fmt(v) {
  if (!Number.isFinite(v)) return String(v);
  let [m, e] = Number(v).toPrecision(6).split("e");
  if (m.includes(".")) m = m.replace(/0+$/, "").replace(/\.$/, "");
  return e ? `${m}e${e}` : m;
}

export function shapeOf(a) { return Array.isArray(a) ? [a.length, ...shapeOf(a[0])] : []; }
export function flat(a) { return Array.isArray(a) ? a.flatMap(flat) : [a]; }
export function nest(values, shape) {
  if (shape.length === 0) return values[0];
  const step = values.length / shape[0];
  return Array.from({ length: shape[0] }, (_, i) =>
    nest(values.slice(i * step, (i + 1) * step), shape.slice(1)));
}

export async function call(path, body) {
  const response = await fetch(path, body === undefined ? {} : {
    method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body),
  });
  const answer = await response.json();
  if (!response.ok) throw new Error(answer.error || response.statusText);
  return answer;
}

export function showError(id, message) {
  const p = $(id);
  p.textContent = message;
  p.hidden = !message;
}

// An element with a class and text.
export function el(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

// Each view shows the answer to its latest request only: an earlier request answered later
// (a slow machine, a busy server) must not overwrite it.
const latest = {};
export function ticket(view) {
  latest[view] = (latest[view] || 0) + 1;
  const mine = latest[view];
  return () => latest[view] === mine;
}

// A formula: the server's MathML (made from LaTeX, sanitised there) parsed as XML, an
// inert document, and rebuilt node by node from the MathML elements and attributes below;
// anything else is dropped. Its words stay in alttext and the TeX annotation.
const MATHML = "http://www.w3.org/1998/Math/MathML";
const MATH_TAGS = new Set(["math", "semantics", "annotation", "mrow", "mi", "mn", "mo", "mtext",
  "ms", "mspace", "msub", "msup", "msubsup", "mfrac", "msqrt", "mroot", "mstyle", "merror",
  "mpadded", "mphantom", "menclose", "munder", "mover", "munderover", "mmultiscripts",
  "mprescripts", "none", "mtable", "mtr", "mtd"]);
const MATH_ATTRIBUTES = new Set(["display", "alttext", "encoding", "mathvariant", "displaystyle",
  "scriptlevel", "mathsize", "mathcolor", "mathbackground", "width", "height", "depth",
  "stretchy", "fence", "form", "separator", "lspace", "rspace", "accent", "accentunder",
  "largeop", "movablelimits", "symmetric", "minsize", "maxsize", "linethickness", "bevelled",
  "voffset", "notation", "columnalign", "rowalign", "columnspacing", "rowspacing",
  "columnlines", "rowlines", "frame", "framespacing", "equalrows", "equalcolumns",
  "columnspan", "rowspan"]);
const ACTIVE = /(?:java|vb)script:|data:|url\(|expression\(/i;

function rebuild(node) {
  if (node.nodeType === Node.TEXT_NODE) return document.createTextNode(node.nodeValue);
  if (node.nodeType !== Node.ELEMENT_NODE || !MATH_TAGS.has(node.localName)) return null;
  const out = document.createElementNS(MATHML, node.localName);
  for (const a of node.attributes) {
    if (MATH_ATTRIBUTES.has(a.localName) && !ACTIVE.test(a.value.replace(/\s+/g, ""))) {
      out.setAttribute(a.localName, a.value);
    }
  }
  for (const child of node.childNodes) {
    const kept = rebuild(child);
    if (kept) out.append(kept);
  }
  return out;
}

export function formulaNode(markup, fallback) {
  const doc = new DOMParser().parseFromString(markup || "", "application/xml");
  const root = doc.documentElement;
  if (!root || root.localName !== "math" || doc.getElementsByTagName("parsererror").length) {
    return el("code", "tex", fallback || "");
  }
  return rebuild(root);
}

// A tensor as a table: a row, a matrix, or the rows of its last axis; big ones by their
// leading values. `cell(td, flatIndex, value)` fills a cell (numbers by default).
const TABLE_ENTRIES = 400;
export function table(values, cell) {
  const shape = shapeOf(values), all = flat(values);
  const node = el("div", "scroll"); // a wide table scrolls inside its panel, never the page
  const cols = shape.length ? shape[shape.length - 1] : 1;
  let rows = Math.max(1, all.length / Math.max(cols, 1)), width = cols, count = all.length;
  if (all.length > TABLE_ENTRIES) {
    node.append(el("p", "shape", `shape ${shape.join("×")}, first values`));
    rows = 1; width = 16; count = 16;
  } else if (shape.length > 2) {
    node.append(el("p", "shape", `shape ${shape.join("×")}: one block of rows per channel`));
  }
  const t = el("table", "values");
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

export function numberCell(previous) {
  return (td, i, v) => {
    td.textContent = fmt(v);
    if (previous && previous[i] !== undefined && fmt(previous[i]) !== fmt(v)) td.classList.add("changed");
  };
}
