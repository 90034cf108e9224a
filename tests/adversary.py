"""The adversarial harness: a table of ``backprop`` commands run as an adversary would, each
in its own process with a wall-clock limit and a measured peak of resident memory.

A :class:`Case` is one row: the command's arguments, the files to lay out before it runs,
what it must answer (by default: refused with exit code 2 and one line on stderr naming the
problem, no traceback) and its limits. :func:`run` runs it in a fresh folder and
:func:`verdict` says what it did wrong, if anything. A new surface adds rows (see
``tests/test_adversarial.py``); nothing here knows about one command more than another.

What is measured, and how:

- **peak memory**: ``VmHWM`` of the child's ``/proc/PID/status`` (its own high-water mark
  of resident memory), read by the child as it exits and polled by the parent while it
  runs; not ``ru_maxrss`` of the children, which starts from the parent's size at fork.
- **time**: wall clock from start to exit; a child over its limit is killed (and fails).
  So is one whose resident memory passes its limit by half a gigabyte, so that a bomb costs
  the machine little.
- **files**: every entry of the case's folder (type, size, modification time, inode)
  before and after; anything created, changed or removed that the row does not list in
  ``writes`` fails it, temporary files included.

Helpers only, no tests: ``test_adversarial.py`` and any other test module import it.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import stat
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Union

GB = 2**30
MB = 2**20
SRC = Path(__file__).resolve().parents[1] / "src"

# A file to lay out: its bytes, its text (UTF-8), or a function that makes it at the path.
Content = Union[bytes, str, Callable[[Path], object]]


@dataclass(frozen=True)
class Case:
    """One adversarial command and what it must answer.

    ``argv`` are ``backprop``'s arguments; ``{d}`` in them stands for the case's folder.
    ``python``: code to run instead, as a user's script (a BackpropError it raises counts
    as the command line's refusal: one line on stderr, exit code 2).
    ``files`` maps paths inside that folder to their content (parents are made).
    ``says``: a piece of the one line expected on stderr (code 2) — what names the problem.
    ``code``: the exit code expected (2: refused; 0: the input is legitimate and must work).
    ``writes``: paths inside the folder the command may create or change (nothing else).
    ``kind``: the class of attack, for the report of the worst case per class.
    """

    name: str
    argv: tuple[str, ...]
    files: dict[str, Content] = field(default_factory=dict)
    says: str = ""
    code: int = 2
    writes: tuple[str, ...] = ()
    kind: str = "bad input"
    seconds: float = 60.0
    memory: int = 2 * GB
    needs_root: bool = False
    stdout_has: str = ""  # a piece of stdout expected (for cases that must succeed)
    python: str = ""      # Python code to run instead of the command (argv is then unused)


@dataclass
class Outcome:
    code: int | None
    stdout: str
    stderr: str
    seconds: float
    peak: int            # bytes of resident memory at the child's high-water mark
    killed: str = ""     # "time" or "memory" when the harness had to stop it
    changed: list[str] = field(default_factory=list)  # entries changed outside `writes`


# The child: runs the command's real entry point and, however it ends, writes its own
# high-water mark of resident memory where the parent asked.
DRIVER = r"""
import runpy, sys
report, argv = sys.argv[1], sys.argv[2:]
def peak():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    return 0
sys.argv = ["backprop", *argv]
try:
    runpy.run_module("backprop", run_name="__main__", alter_sys=True)
finally:
    with open(report, "w") as f:
        f.write(str(peak()))
"""


# The child for a Python case: runs the code as a script would and, as the command line does,
# turns a BackpropError into one line on stderr and exit code 2 (any other exception keeps its
# traceback, which the verdict catches).
PY_DRIVER = r"""
import sys, traceback
report, code = sys.argv[1], sys.argv[2]
def peak():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    return 0
status = 0
try:
    from backprop.errors import BackpropError
    try:
        exec(compile(code, "<case>", "exec"), {"__name__": "__main__"})
    except BackpropError as e:
        print(f"error: {e}", file=sys.stderr)
        status = 2
finally:
    with open(report, "w") as f:
        f.write(str(peak()))
sys.exit(status)
"""


# -- files an adversary lays out ----------------------------------------------------------
def fifo(path: Path) -> None:
    os.mkfifo(path)


def char_device(path: Path) -> None:
    """A character device node with /dev/null's numbers (needs root)."""
    os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, 3))


def unix_socket(path: Path) -> None:
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.bind(str(path))
    s.close()


def directory(path: Path) -> None:
    path.mkdir(parents=True, exist_ok=True)


def symlink(target: str) -> Callable[[Path], None]:
    """A symbolic link to ``target`` (relative to the link's folder, or absolute)."""
    def make(path: Path) -> None:
        os.symlink(target, path)
    return make


def sparse(size: int, head: bytes = b"") -> Callable[[Path], None]:
    """A file of ``size`` bytes that costs no disk: ``head`` then a hole of zeros."""
    def make(path: Path) -> None:
        with open(path, "wb") as f:
            f.write(head)
            f.truncate(size)
    return make


def lay_out(folder: Path, files: dict[str, Content]) -> None:
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        elif isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            content(path)


# -- running ------------------------------------------------------------------------------
def snapshot(folder: Path) -> dict[str, tuple]:
    """Every entry under ``folder`` (links not followed): type, size, mtime, inode."""
    entries = {}
    for root, dirs, names in os.walk(folder):
        for name in dirs + names:
            p = Path(root) / name
            s = os.lstat(p)
            entries[str(p.relative_to(folder))] = (stat.S_IFMT(s.st_mode), s.st_size,
                                                   s.st_mtime_ns, s.st_ino)
    return entries


def _status(pid: int, key: str) -> int:
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith(key):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return 0


def run(case: Case, folder: Path) -> Outcome:
    """Lay out the case's files in ``folder``, run the command there, and measure it."""
    folder.mkdir(parents=True, exist_ok=True)
    lay_out(folder, case.files)
    before = snapshot(folder)
    argv = [a.replace("{d}", str(folder)) for a in case.argv]
    env = dict(os.environ, OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1",
               PYTHONPATH=os.pathsep.join(filter(None, [str(SRC),
                                                        os.environ.get("PYTHONPATH")])))
    with tempfile.TemporaryDirectory() as scratch:
        report = Path(scratch) / "peak"
        out, err = Path(scratch) / "out", Path(scratch) / "err"
        with open(out, "wb") as fo, open(err, "wb") as fe:
            start = time.monotonic()
            command = ([sys.executable, "-c", PY_DRIVER, str(report), case.python]
                       if case.python else [sys.executable, "-c", DRIVER, str(report), *argv])
            child = subprocess.Popen(command,
                                     stdin=subprocess.DEVNULL, stdout=fo, stderr=fe, env=env,
                                     cwd=folder, start_new_session=True)
            peak, killed = 0, ""
            while child.poll() is None:
                peak = max(peak, _status(child.pid, "VmHWM:"))
                if time.monotonic() - start > case.seconds:
                    killed = "time"
                elif peak > case.memory + GB // 2:
                    killed = "memory"
                if killed:
                    os.killpg(child.pid, signal.SIGKILL)
                    child.wait()
                    break
                time.sleep(0.005)
            seconds = time.monotonic() - start
        if report.exists() and report.read_text():
            peak = max(peak, int(report.read_text()))
        stdout = out.read_text(errors="replace")
        stderr = err.read_text(errors="replace")
    after = snapshot(folder)
    allowed = set(case.writes)
    changed = sorted(k for k in set(before) | set(after)
                     if before.get(k) != after.get(k) and k not in allowed)
    return Outcome(child.returncode, stdout, stderr, seconds, peak, killed, changed)


def verdict(case: Case, got: Outcome) -> list[str]:
    """What the command did wrong (empty: it held)."""
    wrong = []
    if got.killed:
        wrong.append(f"killed: over its {got.killed} limit ({got.seconds:.1f} s, "
                     f"{got.peak / MB:.0f} MB)")
    if got.peak > case.memory:
        wrong.append(f"peak memory {got.peak / MB:.0f} MB > {case.memory / MB:.0f} MB")
    if got.seconds > case.seconds:
        wrong.append(f"took {got.seconds:.1f} s > {case.seconds} s")
    if "Traceback" in got.stderr:
        wrong.append("a traceback on stderr")
    if got.code != case.code:
        wrong.append(f"exit code {got.code}, expected {case.code}")
    if case.code == 2:
        lines = got.stderr.splitlines()
        if len(lines) != 1:
            wrong.append(f"{len(lines)} lines on stderr, expected one")
        if case.says and case.says not in got.stderr:
            wrong.append(f"stderr does not say {case.says!r}")
    if case.stdout_has and case.stdout_has not in got.stdout:
        wrong.append(f"stdout does not say {case.stdout_has!r}")
    if got.changed:
        wrong.append(f"files written or changed that were not asked for: {got.changed}")
    if wrong:
        wrong.append(f"stderr: {got.stderr[-1500:]!r}")
    return wrong


def applicable(case: Case) -> str:
    """Why the case cannot run here ('' if it can)."""
    if case.needs_root and os.geteuid() != 0:
        return "needs root (to make a device node)"
    if not Path("/proc/self/status").exists():
        return "needs /proc (Linux) to measure memory"
    return ""


def measure(cases: list[Case]) -> list[dict]:
    """Run every case; one JSON-able row per case (for the report of worst cases)."""
    rows = []
    for case in cases:
        if applicable(case):
            continue
        with tempfile.TemporaryDirectory() as d:
            got = run(case, Path(d))
        rows.append({"name": case.name, "kind": case.kind, "seconds": round(got.seconds, 2),
                     "peak_mb": round(got.peak / MB), "ok": not verdict(case, got)})
    return rows


if __name__ == "__main__":  # python tests/adversary.py: the table's measurements
    sys.path.insert(0, str(Path(__file__).parent))
    from test_adversarial import CASES

    rows = measure(CASES)
    print(json.dumps(rows, indent=1))
    for kind in sorted({r["kind"] for r in rows}):
        worst_mem = max((r for r in rows if r["kind"] == kind), key=lambda r: r["peak_mb"])
        worst_time = max((r for r in rows if r["kind"] == kind), key=lambda r: r["seconds"])
        print(f"{kind}: peak {worst_mem['peak_mb']} MB ({worst_mem['name']}), "
              f"slowest {worst_time['seconds']} s ({worst_time['name']})")
