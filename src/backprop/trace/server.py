"""The local page of ``backprop serve``: static files shipped in the package and a small JSON
API through which the library does every computation.

The standard library's threading HTTP server is enough for a page one learner opens on
their own machine; it binds 127.0.0.1 unless told otherwise.

    GET  /                 the page                 GET /static/app.js, /static/style.css
    GET  /api/defaults     the fields of the default trace (those of ``backprop trace``)
    POST /api/trace        {spec, input, target, loss, seed, shape, parameters?} → the trace
                           JSON of ``backprop trace --format json`` plus "view": per step the
                           symbol, the formula as MathML, the parameter name and the check
    POST /api/convolve     {a, v, mode} → {mode, result}      (backprop.functional.convolve)
    POST /api/summary      {spec, shape} → {rows, total}      (backprop.summary)

A body is JSON of at most :data:`MAX_BODY` bytes; bad input is a 400 whose JSON ``error``
is the library's one-line message, which the page shows.
"""

from __future__ import annotations

import json
import math
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from typing import Any, Callable

from ..errors import BackpropError
from .compute import DEFAULT_SPEC, LOSSES
from ..models import Limits, build_model
from .inputs import DEFAULT_INPUT, DEFAULT_TARGET, parse_values

__all__ = ["make_server", "api_defaults", "api_trace", "api_convolve", "api_summary", "MAX_BODY"]

MAX_BODY = 256 * 1024
# The page edits weights one by one and shows every value: keep networks small. A forward
# pass is run a few hundred times by the checks.
TRACE_LIMITS = Limits(parameters=100_000, values=100_000, multiply_adds=5_000_000)
# The shapes view runs one forward pass of zeros.
SUMMARY_LIMITS = Limits(parameters=1_000_000, values=1_000_000, multiply_adds=500_000_000)
MAX_SIGNAL = 10_000       # entries of a 1-D convolution's arguments
STATIC = {"index.html": "text/html; charset=utf-8", "app.js": "text/javascript; charset=utf-8",
          "style.css": "text/css; charset=utf-8"}
# Everything the page loads comes from this server: no script, style or font from elsewhere.
CSP = "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'"


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


def api_trace(body: dict) -> dict:
    """The trace of a request's fields (and edited weights), with MathML and the checks."""
    from .compute import trace
    from .html import mathml
    from .render import describe_check

    seed = _field(body, "seed", (int, str), 0)
    if isinstance(seed, str):
        try:
            seed = int(seed.strip() or 0)
        except ValueError:
            raise BackpropError(f"seed: expected an integer ≥ 0, got {seed[:20]!r}") from None
    t = trace(_field(body, "spec", (str,)), input=_field(body, "input", (str, list)),
              target=_field(body, "target", (str, int, list)),
              loss=_field(body, "loss", (str,), "cross_entropy"), seed=seed,
              shape=_field(body, "shape", (str,)), parameters=_field(body, "parameters", (dict,)),
              limits=TRACE_LIMITS)
    view = []
    for s in t.steps:
        c = s.check
        view.append({"symbol": s.symbol, "mathml": mathml(s.latex), "parameter": s.parameter,
                     "shape": list(s.values.shape),
                     "check": None if c is None else {
                         "passed": c.passed, "engine": c.engine, "numeric": c.numeric,
                         "checked": c.checked, "size": c.size, "text": describe_check(c)}})
    return {**t.to_json(), "view": view, "seed": t.seed, "loss_name": t.loss_name,
            "passed": t.passed}


def api_convolve(body: dict) -> dict:
    """a ∗ v in full, same or valid mode, by the library's convolve."""
    from ..functional import convolve

    mode = _field(body, "mode", (str,), "full")
    a, v = (parse_values(_field(body, k, (str, list), ""), k) for k in ("a", "v"))
    for name, arr in (("a", a), ("v", v)):
        if arr.ndim != 1 or arr.size > MAX_SIGNAL:
            raise BackpropError(f"{name}: expected a flat list of at most {MAX_SIGNAL:,} "
                                f"numbers, got shape {arr.shape}")
    return {"mode": mode, "result": convolve(a, v, mode).data.tolist()}


def api_summary(body: dict) -> dict:
    """The output shape and parameter count of each layer of a spec, by backprop.summary."""
    from ..summarize import parse_shape, summary

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


# The engine's recording switch (no_grad) is process-wide, so API calls run one at a time.
_ENGINE = threading.Lock()

ROUTES: dict[str, Callable[[dict], dict]] = {
    "/api/trace": api_trace, "/api/convolve": api_convolve, "/api/summary": api_summary}


class Handler(BaseHTTPRequestHandler):
    server_version = "backprop"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        pass  # a local page: no access log on the learner's terminal

    def _send(self, status: int, data: bytes, kind: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Content-Security-Policy", CSP)
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(data)

    def _json(self, status: int, obj: Any) -> None:
        self._send(status, json.dumps(obj).encode(), "application/json")

    def do_GET(self) -> None:  # noqa: N802 - stdlib name
        path = self.path.split("?", 1)[0]
        if path == "/api/defaults":
            return self._json(HTTPStatus.OK, api_defaults())
        if path == "/favicon.ico":
            return self._send(HTTPStatus.NO_CONTENT, b"", "image/x-icon")
        name = "index.html" if path == "/" else path.removeprefix("/static/")
        if name not in STATIC or (path != "/" and not path.startswith("/static/")):
            return self._json(HTTPStatus.NOT_FOUND, {"error": f"no such page: {path[:80]}"})
        data = (resources.files(__package__) / "static" / name).read_bytes()
        self._send(HTTPStatus.OK, data, STATIC[name])

    def do_POST(self) -> None:  # noqa: N802 - stdlib name
        path = self.path.split("?", 1)[0]
        if path not in ROUTES:
            return self._json(HTTPStatus.NOT_FOUND, {"error": f"no such API: {path[:80]}"})
        try:
            length = int(self.headers.get("Content-Length", ""))
        except ValueError:
            return self._json(HTTPStatus.LENGTH_REQUIRED, {"error": "Content-Length required"})
        if not 0 <= length <= MAX_BODY:
            return self._json(HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
                              {"error": f"request too large (at most {MAX_BODY:,} bytes)"})
        try:
            body = json.loads(self.rfile.read(length) or b"{}")
        except (ValueError, RecursionError) as e:
            return self._json(HTTPStatus.BAD_REQUEST, {"error": f"bad JSON: {e}"})
        try:
            if not isinstance(body, dict):
                raise BackpropError("the request must be a JSON object")
            with _ENGINE:
                answer = ROUTES[path](body)
        except BackpropError as e:
            return self._json(HTTPStatus.BAD_REQUEST, {"error": str(e)})
        except Exception as e:  # a bug: say so on the page rather than drop the connection
            return self._json(HTTPStatus.INTERNAL_SERVER_ERROR,
                              {"error": f"internal error ({type(e).__name__}: {e})"})
        self._json(HTTPStatus.OK, answer)


def make_server(host: str = "127.0.0.1", port: int = 0) -> ThreadingHTTPServer:
    """A server for the page (port 0: any free port; its address is ``server.server_address``).
    Run it with ``serve_forever()``; it needs latex2mathml (the ``page`` extra)."""
    from .html import mathml

    mathml("x")  # fail now, with the extra's name, rather than on the first request
    server = ThreadingHTTPServer((host, port), Handler)
    server.daemon_threads = True
    return server
