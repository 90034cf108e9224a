"""Atomic file writes: a crash mid-write leaves the previous file intact.

The target is checked first (:func:`.regular.write_target`): a symbolic link is followed to
its target, which must be a regular file or not exist yet, in a folder that exists. The data
goes to a temporary file ``.<name>.<pid>-<random>.tmp`` beside the target, which is
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
from .regular import write_target

__all__ = ["write_atomic", "remove_stale_temporaries", "check_writable"]

LEGACY_AGE = 60.0  # seconds: far longer than any single write takes


def write_atomic(path: str | os.PathLike, data: bytes) -> Path:
    """Write ``data`` to a temporary file beside ``path`` (beside a link's target), flush
    and fsync it, then rename it over the target (atomic on POSIX) and fsync the directory
    so the rename is durable. Returns the path written (the target of a link)."""
    path = write_target(path)
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
        return path
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)
    return path


_TEMPORARY = re.compile(r"\.(?P<name>.+)\.(?:(?P<pid>\d+)-\w+|\w{8})\.tmp")


def remove_stale_temporaries(where: str | os.PathLike) -> list[Path]:
    """Remove the temporary files that killed writes left; return them. ``where`` is a
    target file (its own temporaries) or a directory (those of every target in it).

    Only our names: ``.<target>.<pid>-<random>.tmp`` whose process is gone, and the earlier
    ``.<target>.<8 characters>.tmp`` once a minute old and only beside an existing target.
    """
    where = Path(where)
    directory, only = (where, None) if where.is_dir() else (where.parent, where.name)
    pattern = f".{glob.escape(only)}.*.tmp" if only else ".*.tmp"
    try:
        candidates = list(directory.glob(pattern))
    except OSError:
        return []
    removed = []
    for p in candidates:
        m = _TEMPORARY.fullmatch(p.name)
        if m is None or (only is not None and m["name"] != only):
            continue
        try:
            if m["pid"] is not None:
                stale = not _alive(int(m["pid"]))
            else:
                stale = ((directory / m["name"]).is_file()
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


def check_writable(directory: str | os.PathLike, names: tuple[str, ...] = ()) -> Path:
    """Make ``directory`` if needed (its parent must exist) and prove a file can be written
    there, and each of ``names`` in it (a regular file or none), before a long job whose
    results would go there starts; remove what killed writes left there."""
    d = Path(directory)
    if d.exists() and not d.is_dir():
        raise BackpropError(f"{d}: not a directory; --out names the folder a run is kept in")
    if not d.exists() and d.parent.exists() and not d.parent.is_dir():
        raise BackpropError(f"{d}: cannot write there ({d.parent} is not a directory); choose "
                            f"another --out")
    if not d.exists() and not d.parent.is_dir():
        raise BackpropError(f"{d}: no such directory: {d.parent} (create it first; --out "
                            f"makes only the run's own folder)")
    if d.is_dir():  # before the probe below touches the folder
        for name in names:
            write_target(d / name)
    try:
        d.mkdir(exist_ok=True)
        fd, probe = tempfile.mkstemp(prefix=".backprop-write-test.", dir=d)
        os.close(fd)
        os.unlink(probe)
    except OSError as e:
        raise BackpropError(f"{d}: cannot write there ({e.strerror or e}); choose another "
                            f"--out") from None
    for name in names:
        write_target(d / name)
    remove_stale_temporaries(d)
    return d


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
