"""Atomic file writes: a crash mid-write leaves the previous file intact.

The data goes to a temporary file ``.<name>.<pid>-<random>.tmp`` beside the target, which is
then renamed over it. A process killed mid-write leaves its temporary file behind; the next
write of the same target removes those whose writing process no longer exists (and nothing
else: only names of that pattern, only of dead processes). Temporaries of the earlier
pattern ``.<name>.<random>.tmp``, which named no process, are removed once a minute old.
"""

from __future__ import annotations

import glob
import os
import re
import tempfile
import time
from pathlib import Path

from ..errors import BackpropError

__all__ = ["write_atomic", "remove_stale_temporaries", "check_writable"]

LEGACY_AGE = 60.0  # seconds: far longer than any single write takes


def write_atomic(path: str | os.PathLike, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, flush and fsync it, then rename it
    over ``path`` (atomic on POSIX) and fsync the directory so the rename is durable."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temporaries(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}-", suffix=".tmp",
                               dir=path.parent)
    try:
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; give the file the usual mode
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    try:
        dir_fd = os.open(path.parent, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def remove_stale_temporaries(path: str | os.PathLike) -> list[Path]:
    """Remove the temporary files that killed writes of ``path`` left; return them."""
    path = Path(path)
    name = re.escape(path.name)
    ours = re.compile(rf"\.{name}\.(\d+)-\w+\.tmp")
    legacy = re.compile(rf"\.{name}\.\w{{8}}\.tmp")
    removed = []
    try:
        candidates = list(path.parent.glob(f".{glob.escape(path.name)}.*.tmp"))
    except OSError:
        return removed
    for p in candidates:
        m = ours.fullmatch(p.name)
        try:
            stale = (not _alive(int(m.group(1))) if m else
                     legacy.fullmatch(p.name) is not None
                     and time.time() - p.stat().st_mtime > LEGACY_AGE)
            if stale:
                p.unlink()
                removed.append(p)
        except OSError:
            pass
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):
        return True  # exists but not ours, or cannot tell: leave it alone
    return True


def check_writable(directory: str | os.PathLike) -> Path:
    """Make ``directory`` if needed and prove a file can be written there, before a long job
    whose results would go there starts."""
    d = Path(directory)
    try:
        d.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(prefix=".backprop-write-test.", dir=d)
        os.close(fd)
        os.unlink(probe)
    except OSError as e:
        raise BackpropError(f"{d}: cannot write there ({e.strerror or e}); choose another "
                            f"--out") from None
    return d


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
