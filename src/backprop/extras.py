"""The pip command that adds an optional extra to *this* install of backprop.

An extra is named one way from the registry (``pip install "backprop[plot]"``) and another
from a source checkout (``pip install ".[plot]"`` in the checkout, or its path from elsewhere);
a message naming the wrong one sends the user to a package they did not install. Where this
copy came from is read from the distribution's ``direct_url.json`` (written by pip for an
install from a folder, a URL or a version-control repository, absent for one from a
registry), and from the source tree the running code sits in.
"""

from __future__ import annotations

import json
import shlex
from pathlib import Path
from urllib.parse import unquote, urlparse

__all__ = ["install_command"]

_DIST = "backprop"


def _checkout_of(folder: Path) -> Path | None:
    """``folder`` when it is a source checkout of this project (its pyproject names it)."""
    try:
        text = (folder / "pyproject.toml").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    return folder if f'name = "{_DIST}"' in text else None


def _running_checkout() -> Path | None:
    """The checkout the running code is imported from (an editable install, or a run with
    ``src`` on the path): ``<checkout>/src/backprop/extras.py``."""
    here = Path(__file__).resolve().parent
    return _checkout_of(here.parent.parent) if here.parent.name == "src" else None


def _direct_url() -> dict | None:
    """The installed distribution's direct_url.json, or None (from a registry, or not
    installed)."""
    from importlib import metadata

    try:
        text = metadata.distribution(_DIST).read_text("direct_url.json")
        info = json.loads(text) if text else None
    except (metadata.PackageNotFoundError, OSError, ValueError):
        return None
    return info if isinstance(info, dict) else None


def _quoted(requirement: str) -> str:
    """Quoted for a shell: in double quotes (which Windows' shell reads too) when that is
    safe, else in POSIX single quotes."""
    return f'"{requirement}"' if not set(requirement) & set('"$`\\!') else shlex.quote(requirement)


def _from_folder(folder: Path, extra: str, editable: bool) -> str:
    try:
        here = Path.cwd().resolve() == folder.resolve()
    except OSError:  # the working directory was removed
        here = False
    target = "." if here else str(folder)
    return f"pip install {'-e ' if editable else ''}{_quoted(f'{target}[{extra}]')}"


def install_command(extra: str) -> str:
    """The command that installs ``extra`` where this backprop came from.

    From a checkout: ``pip install ".[extra]"`` in it (``-e`` when the install is editable),
    or with the checkout's path from elsewhere; from a URL or a repository:
    ``pip install "backprop[extra] @ URL"``; otherwise (a registry):
    ``pip install "backprop[extra]"``.
    """
    info = _direct_url()
    url = info.get("url") if info is not None else None
    dir_info = info.get("dir_info") if info is not None else None
    editable = isinstance(dir_info, dict) and dir_info.get("editable") is True
    running = _running_checkout()
    if running is not None:
        return _from_folder(running, extra, editable=editable or info is None)
    if isinstance(url, str) and isinstance(dir_info, dict) and url.startswith("file:"):
        folder = _checkout_of(Path(unquote(urlparse(url).path)))
        if folder is not None:
            return _from_folder(folder, extra, editable)
    if isinstance(url, str) and url and info is not None and "dir_info" not in info:
        vcs = info.get("vcs_info")
        if isinstance(vcs, dict) and isinstance(vcs.get("vcs"), str):
            url = f"{vcs['vcs']}+{url}"
        if not any(c.isspace() for c in url):
            return f"pip install {_quoted(f'{_DIST}[{extra}] @ {url}')}"
    return f"pip install {_quoted(f'{_DIST}[{extra}]')}"
