"""Which paths a user may hand us to read or to write: regular files only.

Reading a FIFO blocks in ``open()`` until a writer comes (forever, if none does); reading a
device can have side effects or never end; renaming a file over a device (as root) replaces
the device. So every file the library or the command reads or writes by a user's path goes
through here first:

- :func:`require_regular` — the path names a regular file (symbolic links followed), checked
  with ``stat`` before anything is opened; otherwise one line says what it is.
- :func:`open_regular` — the same, then opened without blocking and checked again on the
  open descriptor, so a file swapped for a FIFO in between is refused too.
- :func:`write_target` — where a write to the path lands: a symbolic link is followed to its
  target (as the shell's ``>`` does), which must be a regular file or not exist yet, in a
  folder that exists (no folder is created).
"""

from __future__ import annotations

import fcntl
import os
import stat
from pathlib import Path
from typing import BinaryIO

from ..errors import BackpropError

__all__ = ["require_regular", "open_regular", "write_target", "kind_of"]

_KINDS = {stat.S_IFIFO: "a FIFO (named pipe)", stat.S_IFCHR: "a character device",
          stat.S_IFBLK: "a block device", stat.S_IFSOCK: "a socket",
          stat.S_IFDIR: "a directory", stat.S_IFLNK: "a symbolic link"}


def kind_of(mode: int) -> str:
    """What a file of this ``st_mode`` is, in words."""
    return _KINDS.get(stat.S_IFMT(mode), "not a regular file")


def _refusal(path: Path, mode: int, error: type[BackpropError]) -> BackpropError:
    if stat.S_ISDIR(mode):
        return error(f"{path}: is a directory, expected a file")
    return error(f"{path}: not a regular file ({kind_of(mode)}); refusing to read it")


def require_regular(path: str | os.PathLike, error: type[BackpropError] = BackpropError
                    ) -> Path:
    """``path`` if it names a regular file (links followed); else ``error`` saying what it
    is (missing, a directory, a FIFO, a device, a socket). Nothing is opened."""
    path = Path(path)
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        raise error(f"{path}: no such file") from None
    except OSError as e:
        raise error(f"{path}: cannot read ({e.strerror or e})") from None
    if not stat.S_ISREG(mode):
        raise _refusal(path, mode, error)
    return path


def open_regular(path: str | os.PathLike, error: type[BackpropError] = BackpropError
                 ) -> BinaryIO:
    """``path`` opened for reading in binary, if it is a regular file (see
    :func:`require_regular`). Opened with ``O_NONBLOCK`` and checked again on the
    descriptor: a FIFO put in its place after the first check is refused, not waited on."""
    path = require_regular(path, error)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as e:
        raise error(f"{path}: cannot read ({e.strerror or e})") from None
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise _refusal(path, mode, error)
        flags = fcntl.fcntl(fd, fcntl.F_GETFL)
        fcntl.fcntl(fd, fcntl.F_SETFL, flags & ~os.O_NONBLOCK)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def write_target(path: str | os.PathLike, error: type[BackpropError] = BackpropError
                 ) -> Path:
    """Where writing ``path`` lands, checked before anything is written: a symbolic link is
    followed to its final target; the target must be a regular file or not exist, and its
    folder must exist (it is not created)."""
    given = Path(path)
    if not os.path.isdir(given.parent):  # as open() sees it: 'missing/../x' has no folder
        raise error(f"{given}: no such directory: {given.parent} (create it first)")
    target = Path(os.path.realpath(given))
    try:
        mode = os.stat(target).st_mode
    except FileNotFoundError:
        mode = None
    except OSError as e:
        raise error(f"{given}: cannot write there ({e.strerror or e})") from None
    if mode is not None and not stat.S_ISREG(mode):
        if stat.S_ISDIR(mode):
            raise error(f"{given}: is a directory, expected a file name to write")
        via = f" (the target of the link, {target})" if target != given.absolute() else ""
        raise error(f"{given}: not a regular file{via}: {kind_of(mode)}; refusing to "
                    f"write over it")
    if not target.parent.is_dir():  # a link to a file in a missing folder
        raise error(f"{given}: no such directory: {target.parent}, where the link points "
                    f"(create it first)")
    return target
