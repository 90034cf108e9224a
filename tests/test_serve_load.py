"""`backprop serve` under load, in a process of its own as a learner runs it: the page
answers at once with 100 idle connections open and with 300 half-sent requests (they cost
a socket each, never a thread), and a server whose handlers are all taken answers a new
request 503 with Retry-After at once instead of making it wait."""

import json
import re
import socket
import subprocess
import sys
import threading
import time

import pytest

from backprop.trace.server import PageServer
from test_serve_guard import get, post


@pytest.fixture
def served():
    proc = subprocess.Popen([sys.executable, "-m", "backprop", "serve", "--port", "0"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        port = int(re.search(r":(\d+)/", proc.stdout.readline()).group(1))
        assert get(port, "/", f"127.0.0.1:{port}")[0] == 200
        yield port
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    assert "Traceback" not in proc.stderr.read()


def page_answers(port):
    """Seconds for the page, its defaults and one API call to be answered (each 200)."""
    start = time.monotonic()
    host = f"127.0.0.1:{port}"
    assert get(port, "/", host, timeout=10)[0] == 200
    assert get(port, "/static/page.js", host, timeout=10)[0] == 200
    assert get(port, "/api/defaults", host, timeout=10)[0] == 200
    status, body = post(port, "/api/convolve", {"a": "1 2 3", "v": "1 1"})
    assert status == 200 and json.loads(body)["result"] == [1, 3, 5, 3]
    return time.monotonic() - start


def test_the_page_answers_with_100_idle_connections_open(served):
    idle = [socket.create_connection(("127.0.0.1", served)) for _ in range(100)]
    try:
        time.sleep(1)  # all accepted by the server, none dropped yet (3 s)
        seconds = page_answers(served)
        print(f"\n100 idle connections: the page answered in {seconds:.3f} s")
        assert seconds < 2
    finally:
        for c in idle:
            c.close()


def test_the_page_answers_with_300_half_sent_requests(served):
    host = f"Host: 127.0.0.1:{served}\r\n".encode()
    halves = [b"GET / HTTP/1.1\r\n", b"POST /api/trace HTTP/1.1\r\n" + host,
              b"POST /api/trace HTTP/1.1\r\n" + host + b"Content-Type: application/json\r\n"
              b"Content-Length: 100000\r\n\r\n{\"spec\": \""]
    half = []
    try:
        for k in range(300):
            c = socket.create_connection(("127.0.0.1", served))
            c.sendall(halves[k % len(halves)])
            half.append(c)
        time.sleep(1)  # all accepted and read by the server
        seconds = page_answers(served)
        print(f"\n300 half-sent requests: the page answered in {seconds:.3f} s")
        assert seconds < 2
    finally:
        for c in half:
            c.close()


def test_a_full_server_answers_503_with_retry_after_at_once():
    s = PageServer(("127.0.0.1", 0), workers=1, handlers=1, queued=1)
    gate, taken = threading.Event(), threading.Event()
    # a call that waits, and says when the only handler has taken it
    s.workers.call = lambda path, body: (taken.set(), gate.wait(20), (200, b"{}"))[2]
    threading.Thread(target=s.serve_forever, daemon=True).start()
    port = s.server_address[1]
    try:
        held = [threading.Thread(target=post, args=(port, "/api/convolve", {})) for _ in range(2)]
        # one taken by the only handler, then one waiting in the queue (started only once the
        # first is taken: sent together, the second could find the queue still full and be
        # refused, leaving nothing queued)
        held[0].start()
        assert taken.wait(10), "the first call did not reach the handler"
        held[1].start()
        deadline = time.monotonic() + 10
        while s._requests.qsize() < 1:
            assert time.monotonic() < deadline, "the second call did not arrive"
            time.sleep(0.05)
        start = time.monotonic()
        with socket.create_connection(("127.0.0.1", port), timeout=10) as c:
            c.sendall(f"GET / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode())
            answer = b""
            while chunk := c.recv(4096):
                answer += chunk
        waited = time.monotonic() - start
        assert answer.startswith(b"HTTP/1.0 503") and b"Retry-After: 1\r\n" in answer, answer
        assert b"busy" in answer and waited < 1, (waited, answer)
        gate.set()
        for t in held:
            t.join(20)
        assert get(port, "/", f"127.0.0.1:{port}")[0] == 200  # and answers again after
    finally:
        gate.set()
        s.shutdown()
        s.server_close()
