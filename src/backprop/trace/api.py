"""The JSON API of the local page: each call is a function of the request's JSON object to
the answer's, and the library does every computation.

    GET  /api/defaults     the fields of the default trace (those of ``backprop trace``)
    POST /api/trace        {spec, input, target, loss, seed, shape, parameters?} → the trace
                           JSON of ``backprop trace --format json`` plus "view": per step the
                           symbol, the formula as MathML, the parameter name and the check
    POST /api/graph        the trace's fields (and edited weights) → the computation graph
                           of the sample (``backprop graph --format json``), each node with
                           the lines its box says, and where the library laid it out
    POST /api/convolve     {a, v, mode} → {mode, result}      (backprop.functional.convolve)
    POST /api/summary      {spec, shape} → {rows, total}      (backprop.summary)
    GET  /api/train        the fields of the default training
    POST /api/train        {spec, data, points, noise, optimizer, lr, batch_size, seed, steps,
                           state?} → {state, losses, update, regions, data, accuracy}
                           (backprop.trace.training: ``steps`` updates from ``state``)
    POST /api/check        {text, points?, seed?, declare?: {name: kind}} → the report's
                           JSON (``backprop check --json``) plus "view": per step its claim
                           as MathML (backprop.check_derivation; ``declare`` answers its
                           questions)

:func:`respond` turns a request body (bytes) into a status and an answer (bytes): bad input
is a 400 whose JSON ``error`` is the library's one-line message, which the page shows. The
server runs it in worker processes (:mod:`.workers`).
"""

from __future__ import annotations

import inspect
import json
import math
import re
from http import HTTPStatus
from typing import Any, Callable

from ..computation_graph import MAX_DRAWN, layered, network_graph
from ..data.toy import TOYS
from ..errors import BackpropError
from ..functional import convolve
from ..models import Limits, build_model
from ..summarize import parse_shape, summary
from ..render.graph import node_lines
from ..render.mathml import formula, mathml
from ..render.trace import describe_check, describe_coverage
from .compute import DEFAULT_SPEC, LOSSES, trace
from .inputs import DEFAULT_INPUT, DEFAULT_TARGET, parse_values
from .training import OPTIMIZERS, Setup, Training
from .training_text import update_json

__all__ = ["api_defaults", "api_trace", "api_graph", "api_convolve", "api_summary", "api_train",
           "api_train_defaults", "respond", "ROUTES",
           "TRACE_LIMITS", "SUMMARY_LIMITS"]

# The page edits weights one by one and shows every value: keep networks small. A forward
# pass is run a few hundred times by the checks.
TRACE_LIMITS = Limits(parameters=100_000, values=100_000, multiply_adds=5_000_000,
                      activations=400_000)
# The shapes view runs one forward pass of zeros.
SUMMARY_LIMITS = Limits(parameters=1_000_000, values=1_000_000, multiply_adds=500_000_000)
CHECK_WORK = 10**9        # the central differences of one trace (about a second)
MAX_SIGNAL = 10_000       # entries of a 1-D convolution's arguments
MAX_PRODUCTS = 2_000_000  # len(a) × len(v): the convolution's work and memory
MAX_TRAIN_STEPS = 1_000   # updates of one call (the page asks for 1, 10 or 100)
MAX_TEXT = 200_000        # characters of a derivation checked on the page
MAX_DECLARED = 50         # answers (declarations) sent with one derivation
MAX_CHECK_POINTS = 20
_DECLARED = re.compile(r"[^\n\r:]{1,64}")  # one name (or names) and one kind, each a line's part


def _field(body: dict, name: str, kinds: tuple[type, ...], default: Any = None) -> Any:
    value = body.get(name, default)
    if (value is not None and not isinstance(value, kinds)) or isinstance(value, bool):
        raise BackpropError(f"{name}: expected {' or '.join(k.__name__ for k in kinds)}, got "
                            f"{type(value).__name__}")
    return value


def api_defaults() -> dict:
    """The fields of the default trace, as the page's form shows them."""
    return {"spec": DEFAULT_SPEC, "input": ", ".join(f"{v:g}" for v in DEFAULT_INPUT),
            "target": str(DEFAULT_TARGET), "loss": "cross_entropy", "seed": 0, "shape": "",
            "losses": list(LOSSES)}


def _sample_fields(body: dict) -> dict:
    """The trace's fields of a request (those of ``backprop trace``), checked."""
    seed = _field(body, "seed", (int, str), 0)
    if isinstance(seed, str):
        try:
            seed = int(seed.strip() or 0)
        except ValueError:
            raise BackpropError(f"seed: expected an integer ≥ 0, got {seed[:20]!r}") from None
    return {"spec": _field(body, "spec", (str,)), "input": _field(body, "input", (str, list)),
            "target": _field(body, "target", (str, int, list)),
            "loss": _field(body, "loss", (str,), "cross_entropy"), "seed": seed,
            "shape": _field(body, "shape", (str,)),
            "parameters": _field(body, "parameters", (dict,)), "limits": TRACE_LIMITS}


def api_trace(body: dict) -> dict:
    """The trace of a request's fields (and edited weights), with MathML and the checks."""

    t = trace(**_sample_fields(body), check_work=CHECK_WORK)
    view = []
    for s in t.steps:
        c = s.check
        view.append({"symbol": s.symbol, "mathml": mathml(s.latex, alt=s.formula), "parameter": s.parameter,
                     "shape": list(s.values.shape),
                     "check": None if c is None else {
                         "passed": c.passed, "engine": c.engine, "numeric": c.numeric,
                         "checked": c.checked, "size": c.size, "text": describe_check(c)}})
    return {**t.to_json(), "view": view, "seed": t.seed, "loss_name": t.loss_name,
            "passed": t.passed, "checked": describe_coverage(t),
            "symbols": {k: plain for k, (plain, _) in t.symbols.items()}}


def api_graph(body: dict) -> dict:
    """The computation graph of the trace's sample (the same fields and edited weights):
    ``backprop graph --format json`` with, for each node, the lines its box says, and the
    layout the library made (positions, edges' bends, each layer's frame)."""

    g = network_graph(**_sample_fields(body))
    if len(g.nodes) > MAX_DRAWN:
        raise BackpropError(f"graph: {len(g.nodes)} nodes are too many to draw on the page (at "
                            f"most {MAX_DRAWN}); backprop graph --format json exports them all")
    doc = g.to_dict()
    for node, n in zip(doc["nodes"], g.nodes):
        node["lines"] = node_lines(n)
    return {**doc, "layout": layered(g).to_dict()}


def api_convolve(body: dict) -> dict:
    """a ∗ v in full, same or valid mode, by the library's convolve."""

    mode = _field(body, "mode", (str,), "full")
    a, v = (parse_values(_field(body, k, (str, list), ""), k) for k in ("a", "v"))
    for name, arr in (("a", a), ("v", v)):
        if arr.ndim != 1 or arr.size > MAX_SIGNAL:
            raise BackpropError(f"{name}: expected a flat list of at most {MAX_SIGNAL:,} "
                                f"numbers, got shape {arr.shape}")
    if a.size * v.size > MAX_PRODUCTS:
        raise BackpropError(f"a ∗ v: {a.size:,} × {v.size:,} products is too many (at most "
                            f"{MAX_PRODUCTS:,})")
    return {"mode": mode, "result": convolve(a, v, mode).data.tolist()}


def api_summary(body: dict) -> dict:
    """The output shape and parameter count of each layer of a spec, by backprop.summary."""

    spec = _field(body, "spec", (str,), "")
    if not spec.strip() or len(spec) > 2000:
        raise BackpropError("spec: give an architecture string of at most 2,000 characters")
    shape = parse_shape(_field(body, "shape", (str,), "") or "1x28x28")
    if math.prod(shape) > SUMMARY_LIMITS.values:
        raise BackpropError(f"shape: {'x'.join(map(str, shape))} has too many entries "
                            f"(at most {SUMMARY_LIMITS.values:,})")
    table = summary(build_model(spec, shape, limits=SUMMARY_LIMITS), shape)
    return {"input": list(table.input_shape), "total": table.total_params,
            "rows": [{"index": r.index, "layer": r.layer, "output": list(r.output_shape),
                      "params": r.params} for r in table.rows]}


def _number(body: dict, name: str, kind: type, default: Any) -> Any:
    """A number field, given as a number or as the text of a form field ('' → default)."""
    value = body.get(name, default)
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return default
        try:
            value = kind(text) if kind is int else float(text)
        except ValueError:
            raise BackpropError(f"{name}: expected {'an integer' if kind is int else 'a number'}"
                                f", got {text[:20]!r}") from None
    if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float))
                              or (kind is int and not isinstance(value, int))):
        raise BackpropError(f"{name}: expected {'an integer' if kind is int else 'a number'}, "
                            f"got {type(value).__name__}")
    return float(value) if kind is float and value is not None else value


def api_train_defaults() -> dict:
    """The fields of the default training, as the page's form shows them."""

    return {**vars(Setup()), "lr": "", "datasets": list(TOYS), "optimizers": list(OPTIMIZERS)}


def api_train(body: dict) -> dict:
    """``steps`` updates (0: none) of the training a setup describes, from the ``state`` the
    page sent back (none: the initial weights): the new state, the loss over the data after
    each update, the maths of the last update (its formulas as MathML), the decision regions
    and the data."""

    setup = Setup(spec=_field(body, "spec", (str,), Setup.spec),
                  data=_field(body, "data", (str,), Setup.data),
                  points=_number(body, "points", int, Setup.points),
                  noise=_number(body, "noise", float, Setup.noise),
                  optimizer=_field(body, "optimizer", (str,), Setup.optimizer),
                  lr=_number(body, "lr", float, None),
                  batch_size=_number(body, "batch_size", int, Setup.batch_size),
                  seed=_number(body, "seed", int, Setup.seed))
    steps = _number(body, "steps", int, 0)
    if not 0 <= steps <= MAX_TRAIN_STEPS:
        raise BackpropError(f"steps: expected 0 to {MAX_TRAIN_STEPS}, got {steps}")
    state = body.get("state")
    run = Training(setup, state)
    losses = [] if state is not None else [[0, run.data_loss()]]
    update = None
    if steps:
        first = run.steps + 1
        after = run.run(steps - 1)
        update = run.step()
        after.append(run.data_loss())
        losses += [[first + i, loss] for i, loss in enumerate(after)]
    regions = run.regions()
    return {"setup": vars(setup), "lr": run.optimizer.param_groups[0]["lr"],
            "state": run.state(), "losses": losses, "accuracy": run.accuracy(),
            "update": update_json(update, mathml) if update else None,
            "data": {"x": run.x.tolist(), "y": run.y.tolist()},
            "regions": {"xs": regions.xs.tolist(), "ys": regions.ys.tolist(),
                        "classes": regions.classes.tolist(),
                        "confidence": regions.confidence.round(4).tolist()}}


def _declarations(body: dict) -> dict[str, str]:
    declare = _field(body, "declare", (dict,), {}) or {}
    if len(declare) > MAX_DECLARED:
        raise BackpropError(f"declare: at most {MAX_DECLARED} declarations, got {len(declare)}")
    out = {}
    for name, kind in declare.items():
        if not isinstance(kind, str) or not _DECLARED.fullmatch(name.strip() or "-") \
                or not _DECLARED.fullmatch(kind.strip() or "-") or name.strip().startswith("-") \
                or name.strip().lower() == "target":
            raise BackpropError(f"declare: expected a name and a kind such as x: vector 3, got "
                                f"{str(name)[:40]!r}: {str(kind)[:40]!r}")
        out[name.strip()] = kind.strip()
    return out


def with_declarations(text: str, declare: dict[str, str]) -> tuple[str, int]:
    """``text`` with ``name: kind`` lines added to its front matter (made if absent), and
    how many lines that added before the body. The one place answers become declarations:
    :func:`check_text` calls ``check_derivation(…, declare=…)`` instead once it takes one."""
    if not declare:
        return text, 0
    lines = [f"{name}: {kind}" for name, kind in declare.items()]
    if text.startswith("---\n"):
        end = text.find("\n---", 3)
        if end >= 0:
            return text[:end + 1] + "\n".join(lines) + text[end:], len(lines)
    return "---\n" + "\n".join(lines) + "\n---\n" + text, len(lines) + 2


def check_text(text: str, points: int, seed: int, declare: dict[str, str]) -> Any:
    """The report of ``text`` with the learner's answers ``declare`` ({name: kind})."""
    from ..verify.derivation import check_derivation

    if declare and "declare" in inspect.signature(check_derivation).parameters:
        return check_derivation(text, points=points, seed=seed, declare=declare), 0
    changed, added = with_declarations(text, declare)
    return check_derivation(changed, points=points, seed=seed), added


def api_check(body: dict) -> dict:
    """A derivation (Markdown and LaTeX, as ``backprop check`` reads a file) checked step by
    step, with the learner's answers to its questions (``declare``): the report's JSON with
    each step's claim as MathML, line numbers those of the text sent."""
    from ..render.derivation import claim_latex

    text = _field(body, "text", (str,), "")
    if not text.strip():
        raise BackpropError("text: paste or open a derivation (Markdown with $…$ or $$…$$)")
    if len(text) > MAX_TEXT:
        raise BackpropError(f"text: {len(text):,} characters is too long (at most {MAX_TEXT:,})")
    points = _number(body, "points", int, 5)
    if not 1 <= points <= MAX_CHECK_POINTS:
        raise BackpropError(f"points: expected 1 to {MAX_CHECK_POINTS}, got {points}")
    seed = _number(body, "seed", int, 0)
    report, added = check_text(text if "\n" in text else text + "\n", points, seed,
                               _declarations(body))
    data = report.to_dict()
    data["file"] = "the derivation"
    for step in [*data["steps"], data.get("first_failure") or {}]:
        if added and isinstance(step.get("line"), int):
            step["line"] -= added  # the lines of the text the learner sees
    data["view"] = [{"mathml": formula(claim_latex(step))} for step in data["steps"]]
    return data


ROUTES: dict[str, Callable[[dict], dict]] = {
    "/api/trace": api_trace, "/api/graph": api_graph, "/api/convolve": api_convolve,
    "/api/summary": api_summary, "/api/train": api_train, "/api/check": api_check}


def respond(path: str, body: bytes) -> tuple[int, bytes]:
    """(HTTP status, JSON answer) of one API call: the route's answer, or its error."""
    try:
        request = json.loads(body or b"{}")
    except (ValueError, RecursionError) as e:
        return _error(HTTPStatus.BAD_REQUEST, f"bad JSON: {str(e)[:200]}")
    try:
        if path not in ROUTES:
            return _error(HTTPStatus.NOT_FOUND, f"no such API: {path[:80]}")
        if not isinstance(request, dict):
            raise BackpropError("the request must be a JSON object")
        return HTTPStatus.OK, json.dumps(ROUTES[path](request)).encode()
    except BackpropError as e:
        return _error(HTTPStatus.BAD_REQUEST, str(e))
    except (MemoryError, RecursionError):
        return _error(HTTPStatus.BAD_REQUEST, "this request needs more memory than the page "
                      "allows: make the network or the input smaller")
    except Exception as e:  # a bug: say so on the page rather than drop the connection
        return _error(HTTPStatus.INTERNAL_SERVER_ERROR,
                      f"internal error ({type(e).__name__}: {str(e)[:200]})")


def _error(status: int, message: str) -> tuple[int, bytes]:
    return status, json.dumps({"error": message}).encode()
