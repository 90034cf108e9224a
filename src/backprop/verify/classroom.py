"""A class's submissions checked at once: one row per file, and the step most got wrong.

    from backprop.verify.classroom import check_class
    report = check_class(["submissions/"])          # a folder, or several files
    print(report.to_text())                          # or to_csv(), to_json(), to_html()

Each file is checked by :func:`backprop.check_derivation`, in its own process (a bounded
number at once), and stopped if it has not answered within ``seconds``; a file that cannot be
read or checked is a row with its error, never the end of the run. For an exercise sheet (a
``target:`` in the front matter) the report also names the step most submissions got wrong: the
failing steps of every submission, compared as written (spacing aside).
"""

from __future__ import annotations

import csv
import html
import io
import json
import multiprocessing as mp
import os
import re
import time
from dataclasses import dataclass, field
from multiprocessing.connection import wait
from pathlib import Path
from typing import Any, Sequence

from ..errors import BackpropError

__all__ = ["check_class", "ClassReport", "Row", "MostWrong", "SUFFIXES", "MAX_FILES",
           "SECONDS_PER_FILE"]

SUFFIXES = (".md", ".markdown", ".ipynb", ".tex", ".txt")  # what a folder's submissions are
MAX_FILES = 1000        # files one run checks (a folder holding more is refused, not cut)
MAX_DEPTH = 3           # folder levels searched below a folder given (alice/hw1/answer.md)
SECONDS_PER_FILE = 90.0  # check_derivation stops itself after a minute; this is the backstop
MAX_WORKERS = 8
# CSV cells a spreadsheet would run as a formula (a step "= -t ..." is one): written with a
# leading apostrophe.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
COLUMNS = ("file", "first_wrong_line", "first_wrong_step", "diagnosis", "holds", "fails",
           "unreadable", "question", "target", "error")


def _clean(text: Any) -> str:
    """Text from a submission without control characters (shown as \\xNN): nothing a
    student wrote reaches a terminal as a control code."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", str(text))


@dataclass
class Row:
    """One file's result. ``first_wrong_line`` is the line of the first failing step (in a
    notebook ``cell:line``), empty when none fails; ``diagnosis`` its hint, or what differs;
    ``question`` what the first unreadable step asks to be declared; ``error`` why the file
    could not be checked (then the counts are 0)."""

    file: str
    first_wrong_line: str = ""
    first_wrong_step: str = ""
    diagnosis: str = ""
    holds: int = 0
    fails: int = 0
    unreadable: int = 0
    question: str = ""
    target: str = ""
    error: str = ""
    wrong_steps: list[tuple[str, str]] = field(default_factory=list, repr=False)  # (claim, line)

    @property
    def checked(self) -> bool:
        return not self.error

    def to_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in COLUMNS}


@dataclass
class MostWrong:
    """The step most submissions to a sheet got wrong: as written, in how many of how many
    submissions, and where in each (file, line)."""

    step: str
    count: int
    of: int
    where: list[tuple[str, str]]

    def to_dict(self) -> dict[str, Any]:
        return {"step": self.step, "count": self.count, "of": self.of,
                "where": [{"file": f, "line": line} for f, line in self.where]}


@dataclass
class ClassReport:
    """The rows of :func:`check_class`, in the order of the files, and the step most got
    wrong (None without a sheet's target, or when no failing step is shared)."""

    rows: list[Row]
    most_wrong: MostWrong | None = None

    @property
    def ok(self) -> bool:
        """Every file checked, and no step of any fails."""
        return all(r.checked and not r.fails for r in self.rows)

    def summary(self) -> dict[str, int]:
        return {"files": len(self.rows),
                "without_a_wrong_step": sum(r.checked and not r.fails for r in self.rows),
                "with_a_wrong_step": sum(r.fails > 0 for r in self.rows),
                "with_unreadable_steps": sum(r.unreadable > 0 for r in self.rows),
                "not_checked": sum(not r.checked for r in self.rows)}

    def to_dict(self) -> dict[str, Any]:
        return {"files": [r.to_dict() for r in self.rows], "summary": self.summary(),
                "most_wrong": self.most_wrong.to_dict() if self.most_wrong else None}

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2)

    def to_csv(self) -> str:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(COLUMNS)
        for r in self.rows:
            writer.writerow([_cell(getattr(r, k)) for k in COLUMNS])
        return out.getvalue()

    def to_text(self, width: int = 48) -> str:
        sheet = any(r.target for r in self.rows)
        head = ("file", "holds", "fails", "unreadable", "first wrong") + \
            (("target",) if sheet else ()) + ("diagnosis or question",)
        table = [head]
        for r in self.rows:
            if r.error:
                note = f"not checked: {r.error}"
            elif r.fails:
                note = r.diagnosis
            elif r.unreadable:
                note = f"? {r.question}"
            else:
                note = ""
            where = f"line {r.first_wrong_line}" if r.first_wrong_line else "—"
            table.append((r.file, str(r.holds), str(r.fails), str(r.unreadable), where)
                         + ((r.target or "—",) if sheet else ()) + (_short(note, width),))
        sizes = [max(len(row[i]) for row in table) for i in range(len(head))]
        right = {1, 2, 3}
        lines = ["  ".join(c.rjust(s) if i in right else c.ljust(s)
                           for i, (c, s) in enumerate(zip(row, sizes))).rstrip()
                 for row in table]
        s = self.summary()
        lines += ["", f"{s['files']} files: {s['without_a_wrong_step']} without a wrong step, "
                      f"{s['with_a_wrong_step']} with one, {s['with_unreadable_steps']} with "
                      f"unreadable steps, {s['not_checked']} not checked"]
        if self.most_wrong is not None:
            m = self.most_wrong
            lines += [f"the step most submissions got wrong ({m.count} of {m.of}): "
                      f"{_short(m.step, 100)}",
                      "  in " + ", ".join(f"{f} line {line}" for f, line in m.where)]
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.to_text()

    def to_html(self) -> str:
        """One self-contained page (no script, nothing fetched); every text escaped."""
        cells = "".join(f"<th>{_html(c)}</th>" for c in COLUMNS)
        body = "".join("<tr data-status=\"{}\">{}</tr>".format(
            "error" if r.error else "fails" if r.fails else "unreadable" if r.unreadable
            else "holds", "".join(f"<td>{_html(getattr(r, c))}</td>" for c in COLUMNS))
            for r in self.rows)
        s = self.summary()
        parts = [f"<p>{s['files']} files: {s['without_a_wrong_step']} without a wrong step, "
                 f"{s['with_a_wrong_step']} with one, {s['with_unreadable_steps']} with "
                 f"unreadable steps, {s['not_checked']} not checked.</p>"]
        if self.most_wrong is not None:
            m = self.most_wrong
            where = ", ".join(f"{_html(f)} line {_html(line)}" for f, line in m.where)
            parts.append(f"<p>The step most submissions got wrong ({m.count} of {m.of}): "
                         f"<code>{_html(m.step)}</code> — in {where}.</p>")
        return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                "<title>backprop check: a class's derivations</title><style>"
                "body{font-family:sans-serif;margin:1.5em}table{border-collapse:collapse}"
                "td,th{border:1px solid #ccc;padding:.25em .5em;text-align:left;"
                "vertical-align:top}tr[data-status=fails] td{background:#fde8e8}"
                "tr[data-status=error] td{background:#eee}</style></head><body>"
                "<h1>A class's derivations</h1>"
                f"<table><thead><tr>{cells}</tr></thead><tbody>{body}</tbody></table>"
                + "".join(parts) + "</body></html>\n")


def _html(value: Any) -> str:
    """The one escaping of this page: text and attribute-safe."""
    return html.escape(str(value), quote=True)


def _cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _short(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[:width - 1] + "…"


# -- which files --------------------------------------------------------------------------
def submissions(paths: Sequence[str | os.PathLike]) -> list[Path]:
    """The files to check: each path given, and the submissions found in each folder given
    (files ending in one of :data:`SUFFIXES`, hidden ones skipped, at most
    :data:`MAX_DEPTH` levels down, in name order). More than :data:`MAX_FILES` is refused."""
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    found: list[Path] = []
    for given in paths:
        p = Path(given)
        if p.is_dir():
            inside = _walk(p, 0, len(found))
            if not inside:
                raise BackpropError(f"{p}: a directory without submissions (files ending in "
                                    f"{', '.join(SUFFIXES)})")
            found.extend(inside)
        elif p.exists() or p.is_symlink():
            found.append(p)
        else:
            raise BackpropError(f"{p}: no such file or folder")
        if len(found) > MAX_FILES:
            raise BackpropError(f"more than {MAX_FILES} files to check; give fewer")
    if not found:
        raise BackpropError(f"no submissions found (files ending in {', '.join(SUFFIXES)})")
    return found


def _walk(folder: Path, depth: int, before: int) -> list[Path]:
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as e:
        raise BackpropError(f"{folder}: cannot list ({e.strerror or e})") from None
    out: list[Path] = []
    for e in entries:
        if e.name.startswith("."):
            continue
        if e.is_dir(follow_symlinks=False):
            if depth + 1 < MAX_DEPTH:
                out.extend(_walk(Path(e.path), depth + 1, before + len(out)))
        elif e.is_file() and e.name.lower().endswith(SUFFIXES):
            out.append(Path(e.path))
        if before + len(out) > MAX_FILES:
            raise BackpropError(f"more than {MAX_FILES} files to check under {folder}; give "
                                f"fewer")
    return out


# -- checking, in worker processes ----------------------------------------------------------
def _check_one(path: str, points: int, seed: int, conn) -> None:
    """In a worker: the report of one file as a dict, or the error that stopped it."""
    try:
        from .. import check_derivation

        try:
            result: dict[str, Any] = {"report": check_derivation(Path(path), points=points,
                                                                 seed=seed).to_dict()}
        except BackpropError as e:
            result = {"error": str(e)}
        except (OSError, UnicodeError) as e:
            result = {"error": f"cannot read ({getattr(e, 'strerror', None) or e})"}
        except RecursionError:
            result = {"error": "nested too deeply to check"}
        except MemoryError:
            result = {"error": "too large to check"}
        except Exception as e:  # a bug in the checker: one row says so, the class goes on
            result = {"error": f"internal error in the checker ({type(e).__name__}: {e})"}
        conn.send(result)
    finally:
        conn.close()


def _context():
    # fork: the workers start with backprop already imported (a spawned one takes ~1 s)
    return mp.get_context("fork" if "fork" in mp.get_all_start_methods() else "spawn")


def _run(paths: list[Path], points: int, seed: int, workers: int,
         seconds: float) -> list[dict[str, Any]]:
    ctx = _context()
    results: list[dict[str, Any] | None] = [None] * len(paths)
    pending = list(range(len(paths)))
    running: dict[int, tuple[Any, Any, float]] = {}
    try:
        while pending or running:
            while pending and len(running) < workers:
                i = pending.pop(0)
                recv, send = ctx.Pipe(duplex=False)
                proc = ctx.Process(target=_check_one, args=(str(paths[i]), points, seed, send),
                                   daemon=True)
                proc.start()
                send.close()
                running[i] = (proc, recv, time.monotonic() + seconds)
            soonest = min(d for _, _, d in running.values())
            ready = wait([r for _, r, _ in running.values()],
                         timeout=max(0.0, soonest - time.monotonic()))
            now = time.monotonic()
            for i, (proc, recv, deadline) in list(running.items()):
                if recv in ready:
                    try:
                        results[i] = recv.recv()
                    except (EOFError, OSError):
                        results[i] = {"error": "the check stopped without an answer (out of "
                                               "memory?)"}
                elif now >= deadline:
                    proc.kill()
                    results[i] = {"error": f"not finished in {seconds:g} s"}
                else:
                    continue
                recv.close()
                proc.join()
                del running[i]
    finally:
        for proc, recv, _ in running.values():
            proc.kill()
            proc.join()
            recv.close()
    return [r if r is not None else {"error": "not checked"} for r in results]


# -- rows ---------------------------------------------------------------------------------
def _where(step: dict[str, Any]) -> str:
    return f"{step['cell']}:{step['cell_line']}" if "cell" in step else str(step["line"])


def _claim(step: dict[str, Any]) -> str:
    return f"{step['left']} {step.get('sign', '=')} {step['right']}"


def _row(name: str, result: dict[str, Any]) -> Row:
    if "error" in result:
        return Row(_clean(name), error=_clean(result["error"]))
    report = result["report"]
    steps = report["steps"]
    first = report.get("first_failure")
    unreadable = [s for s in steps if s["status"] == "unreadable"]
    row = Row(_clean(name),
              holds=sum(s["status"] == "holds" for s in steps),
              fails=sum(s["status"] == "fails" for s in steps),
              unreadable=len(unreadable),
              question=_clean(unreadable[0].get("question") or unreadable[0]["message"])
              if unreadable else "",
              target="" if report.get("target") == "not stated" else _clean(report["target"]),
              wrong_steps=[(_clean(_claim(s)), _where(s)) for s in steps
                           if s["status"] == "fails"])
    if first is not None:
        row.first_wrong_line = _where(first)
        row.first_wrong_step = _clean(_claim(first))
        row.diagnosis = _clean(first.get("hint") or first.get("message") or "")
    return row


_SPACING = re.compile(r"\\[,;:! ]|\\(?:left|right)\b|\s+")


def _same_step(claim: str) -> str:
    """A claim as compared across submissions: spacing commands and blanks aside."""
    return _SPACING.sub("", claim)


def _most_wrong(rows: list[Row]) -> MostWrong | None:
    """Among the submissions to a sheet (a target stated), the failing step most share."""
    sheet = [r for r in rows if r.target]
    first: dict[str, str] = {}                      # the key → the claim as first written
    where: dict[str, list[tuple[str, str]]] = {}    # the key → (file, line) of each submission
    for r in sheet:
        seen = set()
        for claim, line in r.wrong_steps:
            key = _same_step(claim)
            if key not in seen:
                seen.add(key)
                first.setdefault(key, claim)
                where.setdefault(key, []).append((r.file, line))
    if not where:
        return None
    key = max(where, key=lambda k: len(where[k]))  # the first of the most, on a tie
    if len(where[key]) < 2 and len(sheet) > 1:
        return None  # no step is wrong in more than one submission
    return MostWrong(first[key], len(where[key]), len(sheet), where[key])


def check_class(paths: Sequence[str | os.PathLike] | str | os.PathLike, *, points: int = 5,
                seed: int = 0, workers: int | None = None,
                seconds: float = SECONDS_PER_FILE) -> ClassReport:
    """Check every submission under ``paths`` (folders and files), ``workers`` files at a
    time (default: the cores, at most :data:`MAX_WORKERS`), each stopped after ``seconds``.
    ``points`` and ``seed`` are :func:`backprop.check_derivation`'s."""
    if workers is not None and (isinstance(workers, bool) or not isinstance(workers, int)
                                or not 1 <= workers <= 64):
        raise BackpropError(f"check_class: workers must be an integer from 1 to 64, got "
                            f"{workers!r}")
    if isinstance(seconds, bool) or not isinstance(seconds, (int, float)) or \
            not 0 < seconds <= 3600:
        raise BackpropError(f"check_class: seconds must be in (0, 3600], got {seconds!r}")
    from .. import check_derivation

    check_derivation("$$x = x$$", points=points, seed=seed)  # the same arguments refused here
    files = submissions(paths)
    workers = workers or min(MAX_WORKERS, os.cpu_count() or 1)
    results = _run(files, points, seed, min(workers, len(files)), float(seconds))
    rows = [_row(str(p), r) for p, r in zip(files, results)]
    return ClassReport(rows, _most_wrong(rows))
