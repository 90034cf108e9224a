"""The local page of ``backprop serve``: static files shipped in the package and the JSON API
of :mod:`.api`, run in worker processes (:mod:`.workers`).

The standard library's threading HTTP server is enough for a page learners open on their own
machine; it binds 127.0.0.1 unless told otherwise and answers that machine's browser only:

- a request whose ``Host`` is not the address the server listens on (127.0.0.1:PORT,
  localhost:PORT, [::1]:PORT, or the ``--host`` given) is refused, so a web page that
  rebinds its own name to 127.0.0.1 reads nothing;
- an API call must be a POST of ``Content-Type: application/json``, and one whose ``Origin``
  is present and not the page's own is refused, so another site's page cannot drive it;
- a client has :data:`READ_SECONDS` to send its request, at most :data:`MAX_CONNECTIONS`
  are served at once, a body is at most :data:`MAX_BODY` bytes; each API call runs within
  the workers' time budget; a client that disconnects is forgotten silently.
"""

from __future__ import annotations

import json
import socket
import sys
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from typing import Any

from .api import api_defaults, api_train_defaults
from .workers import CALL_SECONDS, Workers

__all__ = ["make_server", "PageServer", "MAX_BODY", "READ_SECONDS", "MAX_CONNECTIONS"]

MAX_BODY = 1024 * 1024  # an Adam training's state, sent back by the page, fits
READ_SECONDS = 10.0     # to send the request line, the headers and the body
MAX_CONNECTIONS = 32    # served at once; more are closed at once
_JS = "text/javascript; charset=utf-8"
STATIC = {"index.html": "text/html; charset=utf-8", "app.js": _JS, "train.js": _JS,
          "graph.js": _JS, "style.css": "text/css; charset=utf-8"}
# Everything the page loads comes from this server: no script, style or font from elsewhere.
CSP = "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'"
LOOPBACK = ("127.0.0.1", "localhost", "[::1]")
GETS = {"/api/defaults": api_defaults, "/api/train": api_train_defaults}  # answered here


class Handler(BaseHTTPRequestHandler):
    server_version = "backprop"
    server: "PageServer"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        pass  # a local page: no access log on the learner's terminal

    def setup(self) -> None:
        self.timeout = self.server.read_seconds  # each read from (and write to) the socket
        super().setup()
        # The whole request must arrive within read_seconds, however slowly it trickles.
        self._deadline = threading.Timer(self.server.read_seconds, self._cut)
        self._deadline.daemon = True
        self._deadline.start()

    def _cut(self) -> None:
        try:
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    def finish(self) -> None:
        self._deadline.cancel()
        super().finish()

    def _send(self, status: int, data: bytes, kind: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Content-Security-Policy", CSP)
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(data)

    def _error(self, status: int, message: str) -> None:
        self._send(status, json.dumps({"error": message}).encode(), "application/json")

    def _host_refused(self) -> bool:
        """Answer a request for another host name (DNS rebinding) with a 421."""
        if (self.headers.get("Host") or "").strip().lower() in self.server.hosts:
            return False
        self._error(HTTPStatus.MISDIRECTED_REQUEST,
                    "this server answers only its own address (Host)")
        return True

    def do_GET(self) -> None:  # noqa: N802 - stdlib name
        self._deadline.cancel()
        if self._host_refused():
            return
        path = self.path.split("?", 1)[0]
        if path in GETS:
            return self._send(HTTPStatus.OK, json.dumps(GETS[path]()).encode(),
                              "application/json")
        if path == "/favicon.ico":
            return self._send(HTTPStatus.NO_CONTENT, b"", "image/x-icon")
        name = "index.html" if path == "/" else path.removeprefix("/static/")
        if name not in STATIC or (path != "/" and not path.startswith("/static/")):
            return self._error(HTTPStatus.NOT_FOUND, "no such page")
        data = (resources.files(__package__) / "static" / name).read_bytes()
        self._send(HTTPStatus.OK, data, STATIC[name])

    def do_POST(self) -> None:  # noqa: N802 - stdlib name
        if self._host_refused():
            return
        origin = self.headers.get("Origin")
        if origin is not None and origin.strip().lower() not in self.server.origins:
            return self._error(HTTPStatus.FORBIDDEN, "cross-origin requests are refused")
        kind = (self.headers.get("Content-Type") or "").split(";", 1)[0].strip().lower()
        if kind != "application/json":
            return self._error(HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                               "send the request as Content-Type: application/json")
        try:
            length = int(self.headers.get("Content-Length", ""))
        except ValueError:
            return self._error(HTTPStatus.LENGTH_REQUIRED, "Content-Length required")
        if not 0 <= length <= MAX_BODY:
            return self._error(HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
                               f"request too large (at most {MAX_BODY:,} bytes)")
        body = self.rfile.read(length)
        self._deadline.cancel()
        if len(body) < length:
            return  # the client went away, or was too slow
        status, answer = self.server.workers.call(self.path.split("?", 1)[0], body)
        self._send(status, answer, "application/json")


class PageServer(ThreadingHTTPServer):
    """The page's HTTP server: the request checks of :class:`Handler`, at most
    MAX_CONNECTIONS at once, API calls in :class:`Workers`, disconnects silent."""

    daemon_threads = True

    def __init__(self, address: tuple[str, int], workers: int = 2,
                 call_seconds: float = CALL_SECONDS, read_seconds: float = READ_SECONDS,
                 connections: int = MAX_CONNECTIONS) -> None:
        super().__init__(address, Handler)  # bound first: a busy port starts no worker
        self.read_seconds = read_seconds
        self.workers = Workers(workers, call_seconds)
        self._slots = threading.BoundedSemaphore(connections)
        host, port = address[0], self.server_address[1]
        names = {*LOOPBACK, host.lower()} - {"", "0.0.0.0", "::"}
        self.hosts = frozenset(f"{n}:{port}" for n in names)
        self.origins = frozenset(f"http://{h}" for h in self.hosts)

    def process_request(self, request: Any, client_address: Any) -> None:
        if not self._slots.acquire(blocking=False):
            self.shutdown_request(request)  # too many at once: close this one
            return
        super().process_request(request, client_address)

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._slots.release()

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that went away is no error; anything else is one line, no traceback."""
        error = sys.exc_info()[1]
        if isinstance(error, (ConnectionError, TimeoutError)):
            return
        print(f"backprop serve: {type(error).__name__}: {error}", file=sys.stderr)

    def server_close(self) -> None:
        super().server_close()
        if hasattr(self, "workers"):  # not when binding failed
            self.workers.close()


def make_server(host: str = "127.0.0.1", port: int = 0, workers: int = 2,
                call_seconds: float = CALL_SECONDS, read_seconds: float = READ_SECONDS,
                connections: int = MAX_CONNECTIONS) -> PageServer:
    """A server for the page (port 0: any free port; its address is ``server.server_address``)
    with ``workers`` processes answering API calls, each within ``call_seconds``; a client
    has ``read_seconds`` to send its request and at most ``connections`` are served at once.
    Run it with
    ``serve_forever()`` and end it with ``shutdown()`` and ``server_close()`` (which stops the
    workers); it needs latex2mathml (the ``page`` extra)."""
    from .html import mathml

    mathml("x")  # fail now, with the extra's name, rather than on the first request
    return PageServer((host, port), workers, call_seconds, read_seconds, connections)
