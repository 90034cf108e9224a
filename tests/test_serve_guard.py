"""`backprop serve` answers this machine's browser only, and no client can stall it: forged
Host (DNS rebinding) and Origin (another site's page) are refused, an API call must be JSON,
a slow call does not hold up a fast one and is stopped at its budget, a slow or vanishing
client is dropped silently, and too many connections do not pile up."""

import json
import re
import signal
import socket
import subprocess
import sys
import threading
import time

import pytest

from backprop.trace.server import make_server

# 160 updates of a network and data within the page's limits: about 2.5 s here
# about 1 s of work here, the most one call may ask for (the work budget caps it): a budget of
# 0.25 s stops it on a machine up to four times as fast
SLOW = {"spec": "linear(64) tanh linear(64) tanh linear(2)", "points": 2000, "batch_size": 200,
        "steps": 160}


@pytest.fixture(scope="module")
def server():
    s = make_server("127.0.0.1", 0, call_seconds=2.0, read_seconds=1.5, connections=8)
    threading.Thread(target=s.serve_forever, daemon=True).start()
    yield s
    s.shutdown()
    s.server_close()


def raw(port, data, read=True, timeout=20):
    """Send raw bytes; the status code of the answer (None if the server closed)."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as c:
        c.sendall(data)
        if not read:
            return None
        answer = b""
        while chunk := c.recv(65536):
            answer += chunk
    found = re.match(rb"HTTP/1\.\d (\d+)", answer)
    return (int(found.group(1)), answer.split(b"\r\n\r\n", 1)[-1]) if found else (None, answer)


def post(port, path, body, host=None, headers=()):
    data = json.dumps(body).encode()
    lines = [f"POST {path} HTTP/1.1", f"Host: {f'127.0.0.1:{port}' if host is None else host}",
             f"Content-Length: {len(data)}", *headers]
    if not any(h.lower().startswith("content-type") for h in headers):
        lines.append("Content-Type: application/json")
    return raw(port, ("\r\n".join(lines) + "\r\n\r\n").encode() + data)


def get(port, path, host, timeout=20):
    return raw(port, f"GET {path} HTTP/1.1\r\nHost: {host}\r\n\r\n".encode(), timeout=timeout)


def test_only_its_own_host_names_are_answered(server):
    port = server.server_address[1]
    for host in (f"127.0.0.1:{port}", f"localhost:{port}", f"LOCALHOST:{port}", f"[::1]:{port}"):
        assert get(port, "/", host)[0] == 200, host
    for host in ("evil.example", f"evil.example:{port}", "127.0.0.1", f"127.0.0.1:{port + 1}",
                 f"127.0.0.1.evil.example:{port}", ""):
        status, body = get(port, "/", host)
        assert status == 421 and b"Host" in body, host
        assert get(port, "/api/defaults", host)[0] == 421
        assert post(port, "/api/trace", {}, host=host)[0] == 421
    assert raw(port, b"GET / HTTP/1.0\r\n\r\n")[0] == 421  # no Host at all


def test_cross_origin_and_non_json_posts_are_refused(server):
    port = server.server_address[1]
    for origin in ("http://evil.example", f"http://evil.example:{port}", "null",
                   f"https://127.0.0.1:{port}", f"http://127.0.0.1:{port + 1}"):
        status, body = post(port, "/api/trace", {}, headers=[f"Origin: {origin}"])
        assert status == 403 and b"cross-origin" in body, origin
    for origin in (f"http://127.0.0.1:{port}", f"http://localhost:{port}"):
        assert post(port, "/api/trace", {}, headers=[f"Origin: {origin}"])[0] == 200
    assert post(port, "/api/trace", {})[0] == 200  # no Origin: not a browser's cross-site call
    for kind in ("text/plain", "application/x-www-form-urlencoded", "multipart/form-data"):
        status, body = post(port, "/api/trace", {}, headers=[f"Content-Type: {kind}"])
        assert status == 415 and b"application/json" in body, kind
    assert post(port, "/api/trace", {}, headers=["Content-Type: application/json; "
                                                  "charset=utf-8"])[0] == 200


def test_a_slow_call_does_not_hold_up_a_fast_one_and_is_stopped():
    s = make_server("127.0.0.1", 0, call_seconds=0.25)
    threading.Thread(target=s.serve_forever, daemon=True).start()
    port = s.server_address[1]
    try:
        deadline = time.monotonic() + 30
        while s.workers.free < 2:  # both workers have started
            assert time.monotonic() < deadline, "the workers did not start"
            time.sleep(0.1)
        slow = {}
        thread = threading.Thread(target=lambda: slow.update(
            answer=post(port, "/api/train", SLOW), end=time.monotonic()))
        start = time.monotonic()
        thread.start()
        time.sleep(0.2)  # the slow call is running
        status, body = post(port, "/api/convolve", {"a": "1 2 3", "v": "1 1"})
        fast = time.monotonic() - start
        assert status == 200 and json.loads(body)["result"] == [1, 3, 5, 3]
        assert fast < 1.0, f"the fast call waited {fast:.1f} s"  # not behind the slow one
        thread.join(30)
        status, body = slow["answer"]
        assert status == 503 and "stopped after 0.25 s" in json.loads(body)["error"]
        assert 0.2 < slow["end"] - start < 4
        # the stopped worker is replaced: once it has started, calls are answered again
        deadline = time.monotonic() + 20
        answers = []
        while time.monotonic() < deadline and answers[-2:] != [200, 200]:
            answers.append(post(port, "/api/convolve", {"a": "1", "v": "1"})[0])
        assert answers[-2:] == [200, 200], answers
    finally:
        s.shutdown()
        s.server_close()


def test_absurd_requests_are_refused_in_bounded_time(server):
    port = server.server_address[1]
    head = f"POST /api/trace HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n" \
           f"Content-Type: application/json\r\n"
    start = time.monotonic()
    assert raw(port, (head + "Content-Length: 99999999999999\r\n\r\n").encode())[0] == 413
    assert raw(port, (head + "Content-Length: -5\r\n\r\n").encode())[0] == 413
    assert raw(port, (head + "Transfer-Encoding: chunked\r\n\r\n").encode())[0] == 411
    deep = b"[" * 200_000 + b"]" * 200_000
    assert raw(port, (head + f"Content-Length: {len(deep)}\r\n\r\n").encode() + deep)[0] in (400, 413)
    nested = b'{"spec": ' + b"[" * 50_000 + b"]" * 50_000 + b"}"
    assert raw(port, (head + f"Content-Length: {len(nested)}\r\n\r\n").encode() + nested)[0] == 400
    assert time.monotonic() - start < 10
    for body in ({"spec": "linear(out_features=300000)"},
                 {"spec": "adaptiveavgpool((2000,2000)) flatten linear(2)", "shape": "1x4x4"},
                 {"spec": "flatten linear(50000)"}):
        for path in ("/api/trace", "/api/graph"):
            status, answer = post(port, path, body)
            assert status == 400 and "too big" in json.loads(answer)["error"], (path, body)
    status, answer = post(port, "/api/graph", {"spec": "linear(2) " + "relu " * 398})
    assert status == 400 and "too many to draw" in json.loads(answer)["error"]
    status, answer = post(port, "/api/convolve", {"a": [1.0] * 10_000, "v": [1.0] * 10_000})
    assert status == 400 and "products is too many" in json.loads(answer)["error"]


def test_slow_clients_are_dropped_and_others_still_served(server):
    port = server.server_address[1]
    idle = [socket.create_connection(("127.0.0.1", port)) for _ in range(12)]  # > 8 slots
    try:
        idle[0].sendall(b"POST /api/trace HTTP/1.1\r\n")  # a slowloris: never finishes
        start = time.monotonic()
        while True:  # a real request gets through once the silent ones are cut
            try:
                status = get(port, "/", f"127.0.0.1:{port}")[0]
            except (ConnectionError, socket.timeout):
                status = None
            if status == 200:
                break
            assert time.monotonic() - start < 5, "still refused after the read deadline"
            time.sleep(0.2)
        for c in idle:  # the server closed every connection that sent no whole request
            c.settimeout(3)
            try:
                assert c.recv(100) == b""
            except ConnectionResetError:
                pass
    finally:
        for c in idle:
            c.close()


def test_disconnecting_clients_leave_no_traceback():
    proc = subprocess.Popen([sys.executable, "-m", "backprop", "serve", "--port", "0"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        port = int(re.search(r":(\d+)/", proc.stdout.readline()).group(1))
        host = f"Host: 127.0.0.1:{port}\r\n".encode()
        for data in (b"GET / HTTP/1.1\r\n" + host + b"\r\n",        # leaves before the answer
                     b"GET / HT",                                  # leaves mid-line
                     b"POST /api/trace HTTP/1.1\r\n" + host +
                     b"Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"s",
                     b"POST /api/trace HTTP/1.1\r\n" + host +
                     b"Content-Type: application/json\r\nContent-Length: 2\r\n\r\n{}"):
            for _ in range(3):
                c = socket.create_connection(("127.0.0.1", port))
                c.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
                c.sendall(data)
                c.close()  # with SO_LINGER 0: a reset, as a closed tab sends
        time.sleep(1.5)
        assert raw(port, b"GET / HTTP/1.1\r\n" + host + b"\r\n")[0] == 200
    finally:
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=20)
    assert "Traceback" not in err and "Error" not in err, err
    assert err.strip() == "backprop serve: stopped"
