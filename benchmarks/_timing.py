"""Shared by the benchmark scripts: peers alternate in one process (median step time), and
the last JSON line a child process printed.

Peers take turns in short blocks (rotating who goes first), not single steps: after a
switch, the other library's worker threads are still spinning for a moment (OpenMP and
OpenBLAS both busy-wait before sleeping), which would charge one library for the other's
threads. Within a block that cost falls on the first step only, and the median drops it.
"""

from __future__ import annotations

import json
import statistics
import time
from typing import Callable


def alternate(runners: dict[str, Callable[[], object]], steps: int, warmup: int = 20,
              block: int = 10) -> dict[str, list[float]]:
    """Step times (seconds) of each runner, measured in alternating blocks after a warm-up."""
    for _ in range(warmup):
        for run in runners.values():
            run()
    times: dict[str, list[float]] = {name: [] for name in runners}
    names = list(runners)
    rounds = -(-steps // block)
    for r in range(rounds):
        for name in names[r % len(names):] + names[:r % len(names)]:
            run = runners[name]
            for _ in range(block):
                t = time.perf_counter()
                run()
                times[name].append(time.perf_counter() - t)
    return times


def medians(times: dict[str, list[float]]) -> dict[str, float]:
    return {name: statistics.median(ts) for name, ts in times.items()}


def last_json(lines: list[str]) -> dict | None:
    """The last line of a child's output that parses as JSON (the child's result), or None;
    a line ``skipped: REASON`` met first (from the end) gives ``{"skipped": REASON}``."""
    for line in reversed(lines):
        if line.startswith("skipped:"):
            return {"skipped": line.split(":", 1)[1].strip()}
        try:
            return json.loads(line)
        except ValueError:
            continue
    return None
