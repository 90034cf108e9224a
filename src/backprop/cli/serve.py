"""Open a local page that shows backprop happen, and let the learner play with it.

On the page: type a network, an input and a target (the defaults are backprop trace's);
step through the forward pass layer by layer, then the backward pass, formula and numbers
side by side; edit any weight or the input and watch every number change; type your own
value for any gradient entry and get ✓ or ✗ with the right value. A second view trains a
small network on a toy dataset in the plane one update at a time (step, run 10 or 100, back
to the initial weights), showing the decision regions, the loss curve, the batch and each
update's maths with its numbers. A third convolves 1-D arrays (full, same, valid) and prints
the output shapes of a conv stack. docs/trace.md tells more.

The library computes everything through a small JSON API, in worker processes, each call
within a time budget; the page is static files shipped in the package. It listens on
127.0.0.1 only, unless --host says otherwise, answers only requests addressed to it (its
Host: 127.0.0.1, localhost, [::1] or --host, with its port) and API calls from its own page,
and opens a browser only with --open. Needs latex2mathml (in the [cli] install).

examples:
  backprop serve --open
  backprop serve --port 8765
"""

from __future__ import annotations

import argparse

from . import options

HELP = "a local page: step through forward and backward passes, edit weights, check gradients"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--port", type=options.non_negative_int, default=8000,
                   help="port to listen on; 0 picks a free one (default: %(default)s)")
    p.add_argument("--host", default="127.0.0.1",
                   help="address to listen on (default: %(default)s, this machine only)")
    p.add_argument("--open", action="store_true", help="open the page in a web browser")


def run(args: argparse.Namespace) -> int:
    import sys

    from ..errors import BackpropError
    from ..trace.server import make_server

    if args.port > 65535:
        raise BackpropError(f"--port: expected 0…65535, got {args.port}")
    server = make_server(args.host, args.port)
    host, port = server.server_address[:2]
    url = f"http://{host}:{port}/"
    print(f"backprop serve: {url}  (Ctrl-C to stop)", flush=True)
    if args.open:
        import webbrowser
        webbrowser.open(url)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print("backprop serve: stopped", file=sys.stderr)
    finally:
        server.server_close()
    return 0
