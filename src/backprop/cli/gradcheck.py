"""Check every rule of the catalogue against central differences (float64).

Each rule is differentiated by the engine on its table of cases (several shapes, inputs in
the rule's domain) and compared with central differences: random-direction VJP checks for
every case and the full Jacobian for small ones. One row per rule; exit code 1 if any fails.

examples:
  backprop gradcheck
  backprop gradcheck softmax cross_entropy
  backprop gradcheck --family conv --verbose
"""

from __future__ import annotations

import argparse

from ..functional.table import ops
from . import options


def _families() -> list[str]:
    return sorted({op.fn.__module__.rsplit(".", 1)[-1] for op in ops().values()})

HELP = "check every rule's VJP against central differences (one row per rule)"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("rules", nargs="*", metavar="RULE",
                   help="rules to check (default: all; see backprop explain --list)")
    p.add_argument("--family", choices=_families(), help="only the rules of this file of "
                   "backprop.functional")
    p.add_argument("--seed", type=options.seed, default=0, help="seed of the random inputs and "
                   "directions (default: %(default)s)")
    p.add_argument("--verbose", "-v", action="store_true",
                   help="also list every case (shape and options) tried")


def run(args: argparse.Namespace) -> int:
    import time

    from ..verify.catalogue import all_rules
    from ..verify.explain import find_rule
    from ..verify.gradcheck import check_rule

    rules = [find_rule(n) for n in args.rules] if args.rules else list(all_rules().values())
    if args.family:
        rules = [r for r in rules if args.family in r.tags]
    t0 = time.perf_counter()
    name_w = max([len(r.name) for r in rules] + [4])
    print(f"{'rule':<{name_w}}    §  cases  shapes tried{' ' * 28}  worst rel. err  result")
    failed = []
    for rule in rules:
        rep = check_rule(rule, seed=args.seed)
        shapes = sorted({" ".join(t for t in label.split() if t.startswith("x("))
                         for label in rep.labels}, key=len)
        shown = ", ".join(shapes)
        if len(shown) > 40:
            shown = shown[:37] + "..."
        print(f"{rule.name:<{name_w}}  {rule.section:>3}  {len(rep.cases):5d}  {shown:<40}  "
              f"{rep.worst_rel_error:>14.1e}  {'pass' if rep.passed else 'FAIL'}", flush=True)
        if args.verbose:
            for label, r in rep.cases:
                print(f"    {label}: {r.mode}, rel. error {r.worst_rel_error:.1e}"
                      f"{'' if r.passed else '  FAIL'}")
        if not rep.passed:
            failed.append(rep)
    print(f"\n{len(rules) - len(failed)} of {len(rules)} rules pass "
          f"({time.perf_counter() - t0:.1f}s)")
    for rep in failed:
        print()
        print(rep)
    return 1 if failed else 0
