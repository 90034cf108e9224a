"""How `backprop check` does on corpora of derivations with a known first wrong line.

    python benchmarks/checker.py [FOLDER ...] [--json] [--points N] [--detail] [--published]

With no folder: every corpus in tests/ (tests/derivations, tests/checker_corpus*) and, when it
is there, the development sets beside the repository (../shared/derivations-dev/set1, set2).

A corpus is a folder of Markdown files (or notebooks) with their expected verdict, either in an
``expected.json`` (file → null when every step is correct, else the 1-based line on which the
right side of the first wrong step starts) or in each file's ``<!-- expect: … -->`` comment
(``no_failure`` or ``first_failure_line=N``).

Per corpus it prints:

- judged right: a planted file whose first ✗ is on the planted line; a correct file with no ✗
  and at least 60 % of its non-definition steps verified (✓ or ✗);
- false alarms: correct files with a ✗ anywhere;
- ✗ before the planted line: planted files with a ✗ on a correct step before the planted one
  (a false alarm too: every step before the planted line is correct);
- missed: planted files whose first ✗ is not on the planted line (none, or elsewhere);
- diagnosed: of the planted errors found, how many carry a diagnosis (a named common mistake);
- unreadable: the share of checked steps (✓, ✗, ?) that are ?;
- F1 in ProcessBench's sense: the harmonic mean of the accuracy on the planted files (error
  found on its line) and on the correct files (no ✗);
- seconds: the slowest file, and all files together.

Each file is checked in this process with the library's public function, as `backprop check
FILE --json` does; a file that raises is counted as a crash.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXPECT = re.compile(r"<!-- expect: (.*?) -->")


@dataclass
class Outcome:
    name: str
    planted: int | None
    first: int | None = None
    fails: list = field(default_factory=list)
    holds: int = 0
    unreadable: int = 0
    diagnosed: bool = False
    seconds: float = 0.0
    crash: str = ""

    @property
    def verified(self) -> float:
        checked = self.holds + len(self.fails) + self.unreadable
        return (self.holds + len(self.fails)) / checked if checked else 0.0

    @property
    def early(self) -> bool:
        """A ✗ on a step before the planted line (a correct step called wrong)."""
        return self.planted is not None and self.first is not None and \
            _order(self.first) < _order(self.planted)

    @property
    def right(self) -> bool:
        if self.crash:
            return False
        if self.planted is None:
            return not self.fails and self.verified >= 0.6
        return self.first == self.planted


def expectations(folder: Path, published: bool = False) -> dict[Path, int | None]:
    """Each file's planted line (None: correct). With ``published``, a folder without
    expectations is a set of published chapters, every file taken as correct."""
    if published and not (folder / "expected.json").is_file():
        return {path: None for path in sorted(folder.glob("*.md"))}
    table = folder / "expected.json"
    if table.is_file():
        data = json.loads(table.read_text(encoding="utf-8"))
        out = {}
        for name, line in data.items():
            if isinstance(line, dict):          # a notebook: {"cell": c, "line": l}
                line = (line["cell"], line["line"])
            out[folder / name] = line
        return out
    out = {}
    for path in sorted(folder.glob("*.md")):
        m = EXPECT.search(path.read_text(encoding="utf-8"))
        if m is None:
            continue
        line = re.search(r"first_failure_line=(\d+)", m.group(1))
        out[path] = int(line.group(1)) if line else None
    return out


def _order(place):
    return tuple(place) if isinstance(place, (tuple, list)) else (place,)


def _where(step: dict):
    return (step["cell"], step["cell_line"]) if "cell" in step else step["line"]


def run_file(path: Path, planted, points: int) -> Outcome:
    import backprop as bp

    out = Outcome(path.name, planted)
    start = time.perf_counter()
    try:
        report = bp.check_derivation(path, points=points).to_dict()
    except Exception as e:  # noqa: BLE001 - a crash is a figure here, not an error
        out.crash = f"{type(e).__name__}: {e}"[:200]
        out.seconds = time.perf_counter() - start
        return out
    out.seconds = time.perf_counter() - start
    for s in report["steps"]:
        if s["status"] == "holds":
            out.holds += 1
        elif s["status"] == "unreadable":
            out.unreadable += 1
        elif s["status"] == "fails":
            out.fails.append(s)
    if out.fails:
        out.first = _where(out.fails[0])
        out.diagnosed = bool(out.fails[0].get("diagnosis"))
    return out


def measure(folder: Path, points: int, published: bool = False) -> list[Outcome]:
    return [run_file(path, planted, points)
            for path, planted in expectations(folder, published).items()]


def summary(name: str, outcomes: list[Outcome]) -> dict:
    planted = [o for o in outcomes if o.planted is not None]
    correct = [o for o in outcomes if o.planted is None]
    found = [o for o in planted if o.right]
    left_alone = [o for o in correct if not o.fails and not o.crash]
    steps = sum(o.holds + len(o.fails) + o.unreadable for o in outcomes)
    unreadable = sum(o.unreadable for o in outcomes)
    acc_err = len(found) / len(planted) if planted else 1.0
    acc_ok = len(left_alone) / len(correct) if correct else 1.0
    f1 = 2 * acc_err * acc_ok / (acc_err + acc_ok) if acc_err + acc_ok else 0.0
    return {"corpus": name, "files": len(outcomes), "judged_right": sum(o.right for o in outcomes),
            "correct": len(correct), "false_alarms": len(correct) - len(left_alone),
            "early": sum(o.early for o in planted),
            "planted": len(planted), "found": len(found),
            "missed": len(planted) - len(found),
            "diagnosed": sum(o.diagnosed for o in found),
            "unreadable_pct": round(100 * unreadable / steps, 1) if steps else 0.0,
            "f1": round(f1, 3), "crashes": sum(bool(o.crash) for o in outcomes),
            "slowest_s": round(max((o.seconds for o in outcomes), default=0.0), 2),
            "seconds": round(sum(o.seconds for o in outcomes), 1)}


def default_folders() -> list[Path]:
    folders = [ROOT / "tests" / "derivations"]
    folders += sorted(p for p in (ROOT / "tests").glob("checker_corpus*") if p.is_dir())
    dev = ROOT.parent / "shared" / "derivations-dev"
    folders += [dev / "set1", dev / "set2"] if dev.is_dir() else []
    return folders


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("folders", nargs="*", type=Path)
    p.add_argument("--points", type=int, default=5)
    p.add_argument("--json", action="store_true", help="print the table as JSON")
    p.add_argument("--published", action="store_true",
                   help="a folder without expectations holds published chapters (a textbook's, "
                        "a course's): every file is taken as correct, so each ✗ is one to "
                        "review as a false alarm")
    p.add_argument("--detail", action="store_true",
                   help="also list every file not judged right, with why")
    args = p.parse_args(argv)
    rows = []
    for folder in args.folders or default_folders():
        outcomes = measure(folder, args.points, args.published)
        rows.append(summary(folder.name if folder.name not in ("set1", "set2") else
                            f"dev/{folder.name}", outcomes))
        if args.detail:
            for o in outcomes:
                if o.right:
                    continue
                why = (o.crash or (f"✗ on {[_where(s) for s in o.fails][:4]}" if o.fails else
                                   f"no ✗ ({o.verified:.0%} verified)"))
                print(f"  {rows[-1]['corpus']}/{o.name}: planted {o.planted}: {why}",
                      file=sys.stderr)
    if args.json:
        print(json.dumps(rows, indent=1))
        return 0
    head = ("corpus", "files", "right", "false ✗", "✗ before planted", "found", "diagnosed",
            "unreadable", "F1", "crashes", "slowest s", "total s")
    print(" | ".join(head))
    print(" | ".join("---" for _ in head))
    for r in rows:
        print(" | ".join(str(x) for x in (
            r["corpus"], r["files"], r["judged_right"], f"{r['false_alarms']} of {r['correct']}",
            f"{r['early']} of {r['planted']}", f"{r['found']} of {r['planted']}", r["diagnosed"], f"{r['unreadable_pct']} %",
            r["f1"], r["crashes"], r["slowest_s"], r["seconds"])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
