"""Exercise sheets from the homework of the field, checked by `backprop check`.

  backprop exercises                          list them: one a line, its name first
  backprop exercises start NAME [DIR]         write the sheet NAME.md into DIR (default: .)
  backprop exercises start NAME [DIR] --solution   write the worked solution NAME.solution.md
  backprop exercises show NAME [--solution]   print the sheet (or the solution)

A sheet states the task, declares its symbols in front matter (with the target the
derivation must reach, `target:`), and gives the first line of the chain. Write your
steps below it, then run `backprop check NAME.md`: every step is checked, and the report
says whether your chain reaches the target. An existing file is never overwritten.

examples:
  backprop exercises
  backprop exercises start softmax_jacobian homework/
  backprop check homework/softmax_jacobian.md
  backprop exercises start softmax_jacobian homework/ --solution
"""

from __future__ import annotations

import argparse

HELP = "exercise sheets with worked solutions, checked by backprop check"
ACTIONS = ("list", "start", "show")


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("action", nargs="?", choices=ACTIONS, default="list",
                   help="list (default), start or show")
    p.add_argument("name", nargs="?", metavar="NAME", help="the exercise (see the list)")
    p.add_argument("directory", nargs="?", metavar="DIR",
                   help="with start: where to write the sheet (default: the current directory)")
    p.add_argument("--solution", action="store_true",
                   help="the worked solution instead of the sheet")


def run(args: argparse.Namespace) -> int:
    from .. import exercises
    from ..errors import BackpropError
    from ..render.escape import terminal

    if args.action == "list":
        if args.name or args.directory or args.solution:
            raise BackpropError("list takes no NAME, DIR or --solution")
        items = exercises.catalogue()
        width = max(len(e.name) for e in items)
        for e in items:
            print(terminal(f"{e.name:<{width}}  {e.title}"))
        return 0
    if not args.name:
        raise BackpropError(f"{args.action} needs the NAME of an exercise (backprop exercises "
                            f"lists them)")
    if args.action == "show":
        if args.directory:
            raise BackpropError("show prints to the terminal: it takes no DIR")
        e = exercises.get(args.name)
        print(terminal(e.solution if args.solution else e.sheet), end="")
        return 0
    path = exercises.start(args.name, args.directory or ".", solution=args.solution)
    if args.solution:
        print(terminal(f"wrote {path} (the worked solution)"))
    else:
        print(terminal(f"wrote {path}; write your derivation in it, then: backprop check {path}"))
    return 0
