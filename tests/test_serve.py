"""The JSON API and the HTTP side of `backprop serve` (no browser): answers equal the
library's, every bad request is a 400 (or 404/413) with a message, sizes are bounded, the
page's files are shipped in the package, and the server binds 127.0.0.1."""

import http.client
import json
import threading
import urllib.error
import urllib.request

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backprop.trace import trace
from backprop.trace.server import MAX_BODY, make_server


@pytest.fixture(scope="module")
def base():
    server = make_server("127.0.0.1", 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    host, port = server.server_address[:2]
    assert host == "127.0.0.1"
    yield f"http://127.0.0.1:{port}"
    server.shutdown()
    server.server_close()


def request(base, path, body=None, raw=None):
    data = raw if raw is not None else (None if body is None else json.dumps(body).encode())
    req = urllib.request.Request(base + path, data=data,
                                 headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, r.headers, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read()


def test_static_files_are_served_with_a_strict_policy(base):
    import re
    from importlib import resources

    static = resources.files("backprop.render") / "static"
    modules = {"page.js"} | {m for f in static.iterdir() if f.name.endswith(".js")
                             for m in re.findall(r'from "\./([\w-]+\.js)"', f.read_text())}
    assert {"dom.js", "trace.js", "graph.js", "train.js", "check.js"} <= modules
    for path, kind in (("/", "text/html"), ("/static/style.css", "text/css"),
                       *((f"/static/{m}", "text/javascript") for m in sorted(modules))):
        status, headers, body = request(base, path)
        assert status == 200 and headers["Content-Type"].startswith(kind) and body
        assert headers["Content-Security-Policy"].startswith("default-src 'self'")
    for path in ("/static/../server.py", "/static/compute.py", "/etc/passwd", "/api/nothing"):
        assert request(base, path)[0] == 404


def test_trace_api_equals_the_library(base):
    status, _, body = request(base, "/api/trace", {"spec": "", "input": "", "target": ""})
    doc = json.loads(body)
    assert status == 200
    expected = trace().to_json()
    assert {k: doc[k] for k in expected} == expected
    assert len(doc["view"]) == len(doc["steps"]) and doc["passed"] is True
    assert all(v["mathml"].startswith("<math") for v in doc["view"])
    params = {k: np.asarray(v) for k, v in doc["parameters"].items()}
    params["3.bias"][1] = 4.0
    _, _, body = request(base, "/api/trace", {"parameters": {k: v.tolist() for k, v in
                                                             params.items()}, "seed": "0"})
    assert json.loads(body)["loss"] == pytest.approx(trace(parameters=params).loss, rel=1e-12)


def test_convolve_and_summary_apis(base):
    for mode, n in (("full", 9), ("same", 7), ("valid", 5)):
        _, _, body = request(base, "/api/convolve", {"a": "1, 1, 4, 4, 4, 1, 1",
                                                     "v": "1/4 1/4 1/4", "mode": mode})
        result = json.loads(body)["result"]
        np.testing.assert_allclose(result, np.convolve([1, 1, 4, 4, 4, 1, 1], [0.25] * 3, mode))
        assert len(result) == n
    _, _, body = request(base, "/api/summary", {"spec": "lenet5", "shape": "1x28x28"})
    doc = json.loads(body)
    assert doc["total"] == 61706 and doc["rows"][-1]["output"] == [10]


@pytest.mark.parametrize("path,body,message", [
    ("/api/trace", {"spec": "linear(3) ??"}, "spec: column 11"),
    ("/api/trace", {"spec": "flatten linear(400) linear(400)"}, "too big"),
    ("/api/trace", {"spec": "conv(32,3,padding=1) conv(32,3,padding=1) flatten linear(2)",
                    "shape": "3x32x32"}, "multiply-adds"),
    ("/api/trace", {"loss": "hinge"}, "loss must be one of"),
    ("/api/trace", {"seed": "x"}, "seed: expected an integer"),
    ("/api/trace", {"seed": True}, "seed: expected"),
    ("/api/trace", {"input": {"a": 1}}, "input: expected str or list"),
    ("/api/trace", {"parameters": {"1.weight": [[1]]}}, "load_state_dict"),
    ("/api/trace", {"parameters": {"1.weight": "x"}}, "parameter 1.weight: expected numbers"),
    ("/api/convolve", {"a": "1 2", "v": "1", "mode": "wide"}, "mode must be"),
    ("/api/convolve", {"a": "[[1, 2]]", "v": "1"}, "a: expected a flat list"),
    ("/api/convolve", {"a": "", "v": "1"}, "a: no numbers given"),
    ("/api/summary", {"spec": "conv(4,3)", "shape": "3x5000x5000"}, "too many entries"),
    ("/api/summary", {"spec": "", "shape": "1x2"}, "spec: give an architecture"),
    ("/api/trace", [1, 2], "must be a JSON object"),
    ("/api/graph", {"spec": "linear(3) ??"}, "spec: column 11"),
    ("/api/graph", {"spec": "flatten linear(400) linear(400)"}, "too big"),
    ("/api/graph", {"parameters": {"1.weight": [[1]]}}, "load_state_dict"),
])
def test_bad_requests_are_400_with_a_message(base, path, body, message):
    status, _, answer = request(base, path, body)
    assert status == 400 and message in json.loads(answer)["error"]


def test_bad_json_and_sizes(base):
    status, _, answer = request(base, "/api/trace", raw=b"{not json")
    assert status == 400 and json.loads(answer)["error"].startswith("bad JSON")
    status, _, _ = request(base, "/api/trace", raw=b"[" * 100_000)
    assert status == 400
    # refused on its Content-Length, before the body is read
    conn = http.client.HTTPConnection(base.removeprefix("http://"), timeout=30)
    conn.putrequest("POST", "/api/convolve")
    conn.putheader("Content-Type", "application/json")
    conn.putheader("Content-Length", str(MAX_BODY + 1))
    conn.endheaders()
    assert conn.getresponse().status == 413
    conn.close()


@settings(max_examples=25, deadline=None)
@given(st.dictionaries(st.sampled_from(["spec", "input", "target", "loss", "seed", "shape"]),
                       st.one_of(st.text(max_size=20), st.integers(-5, 5), st.none(),
                                 st.lists(st.floats(allow_nan=True), max_size=4))))
def test_any_trace_request_is_answered_or_refused_cleanly(base, body):
    status, _, answer = request(base, "/api/trace", body)
    assert status in (200, 400), answer
    assert ("steps" if status == 200 else "error") in json.loads(answer)
    traced = status
    status, _, answer = request(base, "/api/graph", body)  # the same fields, the same reading
    assert status in (200, 400), answer
    assert ("nodes" if status == 200 else "error") in json.loads(answer)
    assert status == 200 or traced == 400  # what the trace shows, the graph shows


def test_serve_command_line_errors(capsys):
    from backprop.cli import main

    assert main(["serve", "--port", "70000"]) == 2
    assert "--port: expected 0…65535" in capsys.readouterr().err
    busy = make_server("127.0.0.1", 0)
    try:
        assert main(["serve", "--port", str(busy.server_address[1])]) == 2
        err = capsys.readouterr().err
        assert err.startswith("backprop serve: error:") and err.count("\n") == 1
    finally:
        busy.server_close()
