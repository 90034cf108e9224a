"""Print a rule's formulas — from its docstring, their single source — and verify them live.

The forward and derivative (VJP, Jacobian) formulas, identities and conventions are read
from the rule's docstring; then the rule is checked against central differences on random
inputs of several shapes and the measured error is printed.

examples:
  backprop explain softmax
  backprop explain cross_entropy --seed 3
  backprop explain softmax --markdown > softmax.md && backprop check softmax.md
  backprop explain --list
"""

from __future__ import annotations

import argparse

from . import options

HELP = "show a rule's forward and derivative formulas and verify them on random inputs"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("rule", nargs="?", metavar="RULE", help="rule name, e.g. softmax")
    p.add_argument("--list", action="store_true", help="list every rule of the catalogue")
    p.add_argument("--seed", type=options.seed, default=0, help="seed of the random inputs "
                   "(default: %(default)s)")
    p.add_argument("--no-verify", action="store_true", help="only print the formulas")
    p.add_argument("--markdown", action="store_true", help="print the rule's derivation as "
                   "Markdown + LaTeX, in the form `backprop check FILE.md` verifies")


def run(args: argparse.Namespace) -> int:
    from ..errors import BackpropError
    from ..verify.explain import explain_report, list_rules, rule_markdown

    if args.list:
        rows = list_rules()
        w = max(len(name) for name, _, _ in rows)
        for name, section, summary in rows:
            print(f"{name:<{w}}  rule {section:>2}  {summary}")
        return 0
    if not args.rule:
        raise BackpropError("give a RULE (for example softmax), or --list")
    if args.markdown:
        print(rule_markdown(args.rule), end="")
        return 0
    text, report = explain_report(args.rule, seed=args.seed, verify=not args.no_verify)
    print(text)
    return 0 if report is None or report.passed else 1
