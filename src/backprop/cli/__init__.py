"""The ``backprop`` command: one module per subcommand, imported only when it runs.

Each subcommand module defines ``HELP`` (one line), ``add_arguments(parser)`` (argparse
only, so ``backprop --help`` stays fast) and ``run(args) -> int``. Bad input — a
:class:`~backprop.errors.BackpropError`, an OS error or a bad option — prints one line
``backprop CMD: error: …`` on stderr and exits with code 2, never a traceback. A bug in
backprop itself is one line too (``internal error``, exit code 2), asking for a report; the
environment variable ``BACKPROP_TRACEBACK=1`` shows its traceback.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from typing import Sequence

COMMANDS = ("train", "evaluate", "predict", "summary", "gradcheck", "explain", "check",
            "exercises", "export", "plot", "trace", "graph", "serve")


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line (and exit code 2)."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def _available() -> list[str]:
    found = []
    for name in COMMANDS:
        try:
            importlib.import_module(f"backprop.cli.{name}")
        except ModuleNotFoundError as e:
            if e.name == f"backprop.cli.{name}":
                continue
            raise
        found.append(name)
    return found


def build_parser() -> argparse.ArgumentParser:
    from .. import __version__

    parser = _Parser(prog="backprop",
                     description="Neural networks with hand-derived, verified gradients.")
    parser.add_argument("--version", action="version", version=f"backprop {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in _available():
        module = importlib.import_module(f"backprop.cli.{name}")
        p = sub.add_parser(name, help=module.HELP, description=module.__doc__,
                           formatter_class=argparse.RawDescriptionHelpFormatter)
        module.add_arguments(p)
        p.set_defaults(_run=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "_run", None) is None:
        parser.print_help()
        return 2
    from ..errors import BackpropError
    from ..render.escape import terminal  # a message may quote a file's or a request's text

    prog = f"backprop {args.command}"
    try:
        return int(args._run(args) or 0)
    except BackpropError as e:
        print(terminal(f"{prog}: error: {e}"), file=sys.stderr)
        return 2
    except BrokenPipeError:  # output piped into `head` and closed: not an error
        sys.stderr.close()
        return 0
    except OSError as e:
        where = f"{e.filename}: " if getattr(e, "filename", None) else ""
        print(terminal(f"{prog}: error: {where}{e.strerror or e}"), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"{prog}: interrupted", file=sys.stderr)
        return 130
    except Exception as e:  # a bug of ours, not the input's: still one line, unless asked
        if os.environ.get("BACKPROP_TRACEBACK"):
            raise
        what = f"{type(e).__name__}: {e}" if str(e) else type(e).__name__
        print(terminal(f"{prog}: internal error (a bug in backprop, please report it with the "
                       f"input): {what}; BACKPROP_TRACEBACK=1 shows where"), file=sys.stderr)
        return 2


def entry() -> None:
    sys.exit(main())
