"""The local page of ``backprop serve``: static files shipped in the package
(:mod:`backprop.render`'s ``static/``) and the JSON API of :mod:`.api`, run in worker
processes (:mod:`.workers`).

The standard library's HTTP request handler is enough for a page learners open on their own
machine; the server binds 127.0.0.1 unless told otherwise and answers that machine's
browser only:

- a request whose ``Host`` is not the address the server listens on (127.0.0.1:PORT,
  localhost:PORT, [::1]:PORT, or the ``--host`` given) is refused, so a web page that
  rebinds its own name to 127.0.0.1 reads nothing;
- an API call must be a POST of ``Content-Type: application/json``, and one whose ``Origin``
  is present and not the page's own is refused, so another site's page cannot drive it.

No client can lock the page out. One thread reads every connection without blocking
(``selectors``) until its request has arrived whole; only then does one of a few handler
threads (:data:`HANDLERS`) answer it. So an idle or half-sent connection costs a socket
and its bytes, never a thread: a client has :data:`IDLE_SECONDS` to start its request and
:data:`READ_SECONDS` to finish it; at most ``connections`` (:data:`MAX_CONNECTIONS`) wait at
once, the longest-silent dropped first to make room for a new one; a body is at most
:data:`MAX_BODY` bytes. When every handler is taken and :data:`QUEUED` requests wait, a new
one is answered 503 with ``Retry-After`` at once. Each API call runs within the workers'
time budget; a client that disconnects is forgotten silently.
"""

from __future__ import annotations

import io
import json
import queue
import re
import selectors
import socket
import socketserver
import sys
import threading
import time
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler
from importlib import resources
from typing import Any

from .api import api_defaults, api_train_defaults
from .workers import CALL_SECONDS, Workers

__all__ = ["make_server", "PageServer", "MAX_BODY", "READ_SECONDS", "IDLE_SECONDS",
           "MAX_CONNECTIONS", "HANDLERS", "QUEUED"]

MAX_BODY = 1024 * 1024  # an Adam training's state, sent back by the page, fits
MAX_HEAD = 64 * 1024    # the request line and headers
READ_SECONDS = 10.0     # to send the request line, the headers and the body
IDLE_SECONDS = 3.0      # to send the first byte (a browser's spare connection waits longer
                        # than this; it opens another when it needs one)
MAX_CONNECTIONS = 512   # connections read at once; a new one drops the longest-silent
HANDLERS = 8            # threads answering whole requests
QUEUED = 32             # whole requests waiting for a handler; more get a 503 at once
RETRY_AFTER = 1         # seconds, in a 503's Retry-After
_JS = "text/javascript; charset=utf-8"
STATIC = {"index.html": "text/html; charset=utf-8", "page.js": _JS, "dom.js": _JS,
          "trace.js": _JS, "train.js": _JS, "graph.js": _JS, "check.js": _JS,
          "style.css": "text/css; charset=utf-8"}
# Everything the page loads comes from this server: no script, style or font from elsewhere.
CSP = "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'"
LOOPBACK = ("127.0.0.1", "localhost", "[::1]")
GETS = {"/api/defaults": api_defaults, "/api/train": api_train_defaults}  # answered here
_LENGTH = re.compile(rb"^content-length:[ \t]*(\d{1,12})[ \t]*\r?$", re.I | re.M)


class Handler(BaseHTTPRequestHandler):
    server_version = "backprop"
    server: "PageServer"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        pass  # a local page: no access log on the learner's terminal

    def setup(self) -> None:
        # The request arrived whole (PageServer read it); the answer is written with a
        # timeout, so a client that does not read cannot hold this thread either.
        sock, data = self.request
        self.connection = sock
        sock.settimeout(self.server.read_seconds)
        self.rfile = io.BytesIO(data)
        self.wfile = socketserver._SocketWriter(sock)

    def finish(self) -> None:
        try:
            self.wfile.flush()
        except OSError:
            pass

    def _send(self, status: int, data: bytes, kind: str) -> None:
        self.send_response(status)
        if status == HTTPStatus.SERVICE_UNAVAILABLE:
            self.send_header("Retry-After", str(RETRY_AFTER))
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
        data = (resources.files("backprop.render") / "static" / name).read_bytes()
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
        if len(body) < length:
            return  # the client went away, or was too slow
        status, answer = self.server.workers.call(self.path.split("?", 1)[0], body)
        self._send(status, answer, "application/json")


class _Pending:
    """A connection whose request is still arriving."""

    __slots__ = ("sock", "address", "data", "opened", "last", "need")

    def __init__(self, sock: socket.socket, address: Any, now: float) -> None:
        self.sock, self.address, self.data = sock, address, bytearray()
        self.opened = self.last = now
        self.need: int | None = None  # bytes of the whole request, once the head is in


def _busy_answer() -> bytes:
    body = json.dumps({"error": "busy: the page is answering many requests; try again"})
    return (f"HTTP/1.0 503 Service Unavailable\r\nRetry-After: {RETRY_AFTER}\r\n"
            f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n"
            f"Connection: close\r\n\r\n{body}").encode()


class PageServer:
    """The page's HTTP server: requests read whole without blocking, answered by
    :data:`HANDLERS` threads with the checks of :class:`Handler`, API calls in
    :class:`Workers`, disconnects silent. ``serve_forever()``, ``shutdown()``,
    ``server_close()`` and ``server_address`` as the standard library's servers."""

    def __init__(self, address: tuple[str, int], workers: int = 2,
                 call_seconds: float = CALL_SECONDS, read_seconds: float = READ_SECONDS,
                 connections: int = MAX_CONNECTIONS, handlers: int = HANDLERS,
                 idle_seconds: float = IDLE_SECONDS, queued: int = QUEUED) -> None:
        host = address[0]
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        self.socket = socket.create_server(address, family=family, backlog=128)
        self.socket.setblocking(False)  # bound first: a busy port starts no worker
        self.server_address = self.socket.getsockname()
        self.read_seconds, self.idle_seconds = read_seconds, min(idle_seconds, read_seconds)
        self.connections = connections
        self.workers = Workers(workers, call_seconds)
        port = self.server_address[1]
        names = {*LOOPBACK, host.lower()} - {"", "0.0.0.0", "::"}
        self.hosts = frozenset(f"{n}:{port}" for n in names)
        self.origins = frozenset(f"http://{h}" for h in self.hosts)
        self._requests: queue.Queue = queue.Queue(maxsize=queued)
        self._pending: dict[int, _Pending] = {}
        self._stop = threading.Event()
        self._stopped = threading.Event()
        self._stopped.set()
        self._wake_r, self._wake_w = socket.socketpair()
        self._wake_r.setblocking(False)
        self._threads = [threading.Thread(target=self._answer, daemon=True)
                         for _ in range(handlers)]
        for t in self._threads:
            t.start()

    # -- reading requests, one thread, no blocking ------------------------------------------
    def serve_forever(self) -> None:
        self._stop.clear()
        self._stopped.clear()
        sel = selectors.DefaultSelector()
        sel.register(self.socket, selectors.EVENT_READ, "listen")
        sel.register(self._wake_r, selectors.EVENT_READ, "wake")
        try:
            while not self._stop.is_set():
                for key, _ in sel.select(timeout=0.25):
                    if key.data == "listen":
                        self._accept(sel)
                    elif key.data == "wake":
                        try:
                            self._wake_r.recv(64)
                        except OSError:
                            pass
                    else:
                        self._read(sel, key.data)
                self._expire(sel)
        finally:
            for p in list(self._pending.values()):
                self._drop(sel, p)
            sel.close()
            self._stopped.set()

    def _accept(self, sel: selectors.BaseSelector) -> None:
        for _ in range(64):  # a burst, without starving the connections already open
            try:
                sock, address = self.socket.accept()
            except (BlockingIOError, InterruptedError):
                return
            except OSError:  # out of descriptors: make room, try again on the next round
                self._evict(sel)
                return
            if len(self._pending) >= self.connections:
                self._evict(sel)
            sock.setblocking(False)
            p = _Pending(sock, address, time.monotonic())
            self._pending[sock.fileno()] = p
            sel.register(sock, selectors.EVENT_READ, p)

    def _evict(self, sel: selectors.BaseSelector) -> None:
        """Drop the connection silent the longest (an idle one before a half-sent one)."""
        if self._pending:
            self._drop(sel, min(self._pending.values(), key=lambda p: (bool(p.data), p.last)))

    def _read(self, sel: selectors.BaseSelector, p: _Pending) -> None:
        try:
            chunk = p.sock.recv(65536)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            chunk = b""
        if not chunk:
            return self._drop(sel, p)
        p.data += chunk
        p.last = time.monotonic()
        if p.need is None:
            end = p.data.find(b"\r\n\r\n")
            if end < 0:
                if len(p.data) > MAX_HEAD:
                    self._hand_over(sel, p)  # the handler answers 431 (line/headers too long)
                return
            found = _LENGTH.search(bytes(p.data[:end]))
            length = int(found.group(1)) if found else 0
            # Too long a body is refused by the handler before it is read: none is waited for.
            p.need = end + 4 + (length if length <= MAX_BODY else 0)
        if len(p.data) >= p.need:
            self._hand_over(sel, p)

    def _hand_over(self, sel: selectors.BaseSelector, p: _Pending) -> None:
        sel.unregister(p.sock)
        del self._pending[p.sock.fileno()]
        try:
            self._requests.put_nowait((p.sock, bytes(p.data), p.address))
        except queue.Full:
            try:
                p.sock.send(_busy_answer())
            except OSError:
                pass
            self._close(p.sock)

    def _expire(self, sel: selectors.BaseSelector) -> None:
        now = time.monotonic()
        for p in list(self._pending.values()):
            if now - p.opened > self.read_seconds or (not p.data and now - p.opened > self.idle_seconds):
                self._drop(sel, p)

    def _drop(self, sel: selectors.BaseSelector, p: _Pending) -> None:
        try:
            sel.unregister(p.sock)
        except (KeyError, ValueError):
            pass
        self._pending.pop(p.sock.fileno(), None)
        self._close(p.sock)

    @staticmethod
    def _close(sock: socket.socket) -> None:
        try:
            sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        sock.close()

    # -- answering whole requests, a few threads --------------------------------------------
    def _answer(self) -> None:
        while True:
            item = self._requests.get()
            if item is None:
                return
            sock, data, address = item
            try:
                sock.setblocking(True)
                Handler((sock, data), address, self)
            except Exception:  # noqa: BLE001 - one line, never a traceback, never a dead thread
                self.handle_error(sock, address)
            finally:
                self._close(sock)

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that went away is no error; anything else is one line, no traceback."""
        error = sys.exc_info()[1]
        if isinstance(error, (ConnectionError, TimeoutError)):
            return
        print(f"backprop serve: {type(error).__name__}: {error}", file=sys.stderr)

    def shutdown(self) -> None:
        """Stop serve_forever (from another thread) and wait until it has."""
        self._stop.set()
        try:
            self._wake_w.send(b"x")
        except OSError:
            pass
        self._stopped.wait()

    def server_close(self) -> None:
        self.socket.close()
        for _ in self._threads:
            self._requests.put(None)
        for sock in (self._wake_r, self._wake_w):
            sock.close()
        self.workers.close()


def make_server(host: str = "127.0.0.1", port: int = 0, workers: int = 2,
                call_seconds: float = CALL_SECONDS, read_seconds: float = READ_SECONDS,
                connections: int = MAX_CONNECTIONS) -> PageServer:
    """A server for the page (port 0: any free port; its address is ``server.server_address``)
    with ``workers`` processes answering API calls, each within ``call_seconds``; a client
    has ``read_seconds`` to send its request and at most ``connections`` are read at once.
    Run it with ``serve_forever()`` and end it with ``shutdown()`` and ``server_close()``
    (which stops the workers); it needs latex2mathml (the ``page`` extra)."""
    from ..render.mathml import mathml

    mathml("x")  # fail now, with the extra's name, rather than on the first request
    return PageServer((host, port), workers, call_seconds, read_seconds, connections)
