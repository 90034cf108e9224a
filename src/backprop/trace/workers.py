"""API calls of the local page run in worker processes, each call within a time budget.

The engine's recording switch (``no_grad``) is process-wide and NumPy holds the GIL through
long loops, so calls cannot share the server's process fairly. Each worker is a process of
its own (``python -m backprop.trace.workers``) that answers one call at a time through its
standard input and output; a call that outlives its budget has its worker killed and
replaced, and is answered with a 503, so no call keeps the others waiting for more than
one budget; a worker takes calls once it has started (its imports done), so starting never
spends a call's budget. A worker's address space is capped (:data:`MEMORY`): a call that would need
more fails with a MemoryError, answered as a 400.

    pool = Workers(count=2, seconds=15)
    status, answer = pool.call("/api/trace", b'{"spec": "linear(3)"}')
    pool.close()
"""

from __future__ import annotations

import json
import os
import queue
import select
import struct
import subprocess
import sys
import threading
import time
from http import HTTPStatus
from pathlib import Path

__all__ = ["Workers", "CALL_SECONDS", "MEMORY", "main"]

CALL_SECONDS = 15.0    # a call's time budget, and the longest a call waits for a worker
START_SECONDS = 60.0   # for a worker to start (import NumPy and the library)
_READY = b"R"          # what a worker says once it can take calls
MEMORY = 1536 * 2**20  # a worker's address space (its numbers, NumPy and Python included)
_HEAD = struct.Struct(">IQ")  # (path length or status, body length)
# The folder holding this backprop package: a worker imports the same code as the server.
_PACKAGE_ROOT = str(Path(__file__).resolve().parents[2])


class _Stopped(Exception):
    """The worker took longer than the budget, or is gone."""


class _Worker:
    def __init__(self) -> None:
        # A session of its own: Ctrl-C in the server's terminal stops the server, which
        # stops its workers; they never print a KeyboardInterrupt of their own.
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(
            p for p in (_PACKAGE_ROOT, os.environ.get("PYTHONPATH")) if p))
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "backprop.trace.workers"], stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, bufsize=0, env=env,
            start_new_session=True)

    def call(self, path: str, body: bytes, seconds: float) -> tuple[int, bytes]:
        deadline = time.monotonic() + seconds
        name = path.encode()
        try:
            self.proc.stdin.write(_HEAD.pack(len(name), len(body)) + name + body)
        except OSError:
            raise _Stopped from None
        status, length = _HEAD.unpack(self._read(_HEAD.size, deadline))
        return status, self._read(length, deadline)

    def _read(self, n: int, deadline: float) -> bytes:
        out = bytearray()
        fd = self.proc.stdout.fileno()
        while len(out) < n:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([fd], [], [], left)[0]:
                raise _Stopped
            chunk = os.read(fd, min(n - len(out), 1 << 20))
            if not chunk:
                raise _Stopped
            out += chunk
        return bytes(out)

    def stop(self) -> None:
        self.proc.kill()
        self.proc.wait()
        for stream in (self.proc.stdin, self.proc.stdout):
            try:
                stream.close()
            except OSError:
                pass


class Workers:
    """``count`` worker processes answering :func:`backprop.trace.api.respond` calls, each
    within ``seconds``."""

    def __init__(self, count: int = 2, seconds: float = CALL_SECONDS) -> None:
        self.seconds = seconds
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False
        for _ in range(count):
            self._start()

    def _start(self) -> None:
        """Start a worker; it takes calls once it says it is ready (its imports done), so a
        starting worker never spends a call's budget."""
        w = _Worker()
        with self._lock:
            self._all.add(w)
        threading.Thread(target=self._when_ready, args=(w,), daemon=True).start()

    def _when_ready(self, w: _Worker) -> None:
        try:
            ready = w._read(1, time.monotonic() + START_SECONDS) == _READY
        except (_Stopped, OSError, ValueError):
            ready = False
        if ready and not self._closed:
            self._idle.put(w)
        else:
            self._retire(w)

    def _retire(self, w: _Worker) -> None:
        with self._lock:
            self._all.discard(w)
        w.stop()

    @property
    def free(self) -> int:
        """Workers started and waiting for a call."""
        return self._idle.qsize()

    def call(self, path: str, body: bytes) -> tuple[int, bytes]:
        """(HTTP status, JSON answer) of one call; a 503 when no worker was free within the
        budget or the call outlived it."""
        try:
            w = self._idle.get(timeout=self.seconds)
        except queue.Empty:
            return _error(HTTPStatus.SERVICE_UNAVAILABLE,
                          f"busy: every worker was taken for {self.seconds:g} s; try again")
        try:
            answer = w.call(path, body, self.seconds)
        except _Stopped:
            self._retire(w)
            if not self._closed:
                self._start()
            return _error(HTTPStatus.SERVICE_UNAVAILABLE,
                          f"stopped after {self.seconds:g} s: this computation takes too long "
                          f"for the page (make the network or the input smaller)")
        self._idle.put(w)
        return answer

    def close(self) -> None:
        self._closed = True
        with self._lock:
            workers = list(self._all)
            self._all.clear()
        for w in workers:
            w.stop()


def _error(status: int, message: str) -> tuple[int, bytes]:
    return status, json.dumps({"error": message}).encode()


def _read_exactly(fd: int, n: int) -> bytes | None:
    out = bytearray()
    while len(out) < n:
        chunk = os.read(fd, n - len(out))
        if not chunk:
            return None
        out += chunk
    return bytes(out)


def main() -> None:
    """A worker: answer calls from standard input until it closes."""
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))
    reply = os.dup(1)       # the answers' channel; a stray print goes to stderr instead
    os.dup2(2, 1)
    from .api import respond
    from ..render.mathml import mathml
    from . import training  # noqa: F401 - imported now, not on a learner's first call

    mathml("x")
    os.write(reply, _READY)

    while True:
        head = _read_exactly(0, _HEAD.size)
        if head is None:
            return
        n_path, n_body = _HEAD.unpack(head)
        path, body = _read_exactly(0, n_path), _read_exactly(0, n_body)
        if path is None or body is None:
            return
        status, answer = respond(path.decode(errors="replace"), body)
        data = _HEAD.pack(status, len(answer)) + answer
        while data:
            data = data[os.write(reply, data):]


if __name__ == "__main__":
    main()
