"""Every console block of README.md and docs/*.md runs as shown, in a fresh checkout.

A ```console block holds commands (lines starting with ``$ ``), each followed by the output
it prints. Each document's blocks run in order, in a temporary folder that holds the
repository's tracked files (what a fresh clone holds) and nothing else, with ``backprop``
and ``python`` being this interpreter's; each command must exit with 0 and print what the
block shows. An HTML comment just before a block (blank lines between are fine) says how it
is run, in clauses separated by ``;``:

    <!-- not run: REASON -->            not run (minutes of training, a server, mpiexec)
    <!-- instead: COMMAND -->           with "not run": run COMMAND in its place, so that
                                        the blocks after it find what it leaves (a run)
    <!-- exit N: REASON -->             its commands exit with N
    <!-- numbers vary: REASON -->       the output is compared with every number free
    <!-- file: NAME -->                 before another code block: its text is written to
                                        NAME before the blocks after it run

In shown output, a line that is only ``…`` stands for any number of lines.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]

FENCE = re.compile(r"^(?P<comment><!--(?P<body>(?:(?!-->).)*)-->\s*\n(?:[ \t]*\n)*)?"
                   r"^```(?P<lang>[\w-]*)[ \t]*\n(?P<text>.*?)^```[ \t]*$", re.M | re.S)
NUMBER = r"-?\d[\d,]*(?:\.\d+)?(?:[eE][-+]?\d+)?"
CLAUSES = ("not run", "instead", "numbers vary", "file")


@dataclass
class Block:
    doc: Path
    line: int
    lang: str
    text: str
    how: dict[str, str] = field(default_factory=dict)

    @property
    def where(self) -> str:
        return f"{self.doc.relative_to(ROOT)}:{self.line}"


def blocks(doc: Path) -> list[Block]:
    text = doc.read_text(encoding="utf-8")
    found = []
    for m in FENCE.finditer(text):
        how = {}
        for clause in (m["body"] or "").split(";"):
            key, _, value = clause.partition(":")
            exit_code = re.fullmatch(r"exit (\d+)", key.strip())
            if exit_code:
                how["exit"] = exit_code.group(1)
            elif key.strip() in CLAUSES:
                how[key.strip()] = value.strip()
        line = text.count("\n", 0, m.start("lang")) + 1
        found.append(Block(doc, line, m["lang"], m["text"], how))
    return found


def commands(block: Block) -> list[tuple[str, list[str]]]:
    """(command, the output lines shown after it) for each ``$`` line of a console block."""
    out: list[tuple[str, list[str]]] = []
    lines = block.text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        assert line.startswith("$ ") or out, f"{block.where}: output before any command"
        if line.startswith("$ "):
            command = line[2:]
            while command.endswith("\\") and i + 1 < len(lines):
                i += 1
                command = command[:-1] + " " + lines[i]
            out.append((command, []))
        else:
            out[-1][1].append(line)
        i += 1
    return out


def _line_pattern(shown: str, numbers_vary: bool) -> re.Pattern:
    """The printed lines ``shown`` stands for: ``…`` inside a line is any text (a path that
    depends on where the package is installed); with ``numbers_vary``, any number where it
    shows one and any run of two or more spaces where it shows one (columns realign)."""
    def literal(text: str) -> str:
        if not numbers_vary:
            return re.escape(text)
        parts = re.split(f"({NUMBER})", text)
        return "".join(NUMBER if k % 2 else re.sub(r"\\ (\\ )+", r" +", re.escape(p))
                       for k, p in enumerate(parts))
    return re.compile(".*".join(literal(piece) for piece in shown.rstrip().split("…")))


def shows(shown: list[str], printed: list[str], numbers_vary: bool) -> bool:
    """Whether ``printed`` is what ``shown`` shows (``…`` alone: any lines)."""
    if not shown:
        return not printed
    if shown[0].strip() == "…":
        return any(shows(shown[1:], printed[k:], numbers_vary) for k in range(len(printed) + 1))
    return bool(printed) and bool(_line_pattern(shown[0], numbers_vary).fullmatch(
        printed[0].rstrip())) and shows(shown[1:], printed[1:], numbers_vary)


def fresh_checkout(folder: Path) -> Path:
    """``folder`` holding the repository's tracked files (linked, not copied)."""
    try:
        tracked = subprocess.run(["git", "-C", str(ROOT), "ls-files"], capture_output=True,
                                 text=True, check=True, timeout=60).stdout.splitlines()
        tops = sorted({p.split("/", 1)[0] for p in tracked})
    except (OSError, subprocess.SubprocessError):  # not a git checkout: all but the usual
        tops = [p.name for p in ROOT.iterdir() if not p.name.startswith(".")
                and p.name not in ("runs", "build", "dist") and not p.name.endswith(".egg-info")]
    for name in tops:
        if (ROOT / name).exists():
            (folder / name).symlink_to(ROOT / name)
    return folder


def _environment(tmp: Path) -> dict[str, str]:
    """This interpreter as ``backprop`` and ``python``; the package it imports on its path."""
    bin_dir = tmp / "bin"
    bin_dir.mkdir()
    for name, args in (("backprop", "-m backprop "), ("python", "")):
        script = bin_dir / name
        script.write_text(f'#!/bin/sh\nexec "{sys.executable}" {args}"$@"\n')
        script.chmod(0o755)
    env = dict(os.environ, PATH=f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}",
               PYTHONUNBUFFERED="1", COLUMNS="100")
    import backprop
    src = str(Path(backprop.__file__).resolve().parents[1])
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [src, os.environ.get("PYTHONPATH")]))
    return env


def _run(command: str, cwd: Path, env: dict[str, str]) -> tuple[int, list[str]]:
    proc = subprocess.run(["bash", "-o", "pipefail", "-c", command], cwd=cwd, env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                          timeout=300)
    return proc.returncode, proc.stdout.splitlines()


def _documents_with_console_blocks() -> list[Path]:
    return [doc for doc in DOCS if any(b.lang == "console" for b in blocks(doc))]


@pytest.mark.parametrize("doc", _documents_with_console_blocks(),
                         ids=lambda p: str(p.relative_to(ROOT)))
def test_console_blocks_run_as_shown(doc, tmp_path):
    (tmp_path / "clone").mkdir()
    checkout = fresh_checkout(tmp_path / "clone")
    env = _environment(tmp_path)
    ran = 0
    for block in blocks(doc):
        if "file" in block.how and block.lang != "console":
            (checkout / block.how["file"]).write_text(block.text, encoding="utf-8")
            continue
        if block.lang != "console":
            continue
        if "not run" in block.how:
            if "instead" in block.how:
                code, printed = _run(block.how["instead"], checkout, env)
                assert code == 0, f"{block.where}: instead: {block.how['instead']}\n" + \
                    "\n".join(printed)
            continue
        expected = int(block.how.get("exit", 0))
        for command, shown in commands(block):
            code, printed = _run(command, checkout, env)
            report = f"{block.where}: $ {command}\n(exit {code})\n" + "\n".join(printed)
            assert code == expected, report
            if shown:
                assert shows(shown, printed, "numbers vary" in block.how), report
            ran += 1
    assert ran, f"{doc.name}: every console block is marked 'not run'"


def test_every_console_block_is_run_or_says_why_not():
    for doc in DOCS:
        indented = re.search(r"^[ \t]+```console", doc.read_text(encoding="utf-8"), re.M)
        assert not indented, f"{doc.name}: an indented console block would not be run"
        for block in blocks(doc):
            if block.lang != "console":
                continue
            assert commands(block), f"{block.where}: a console block without a $ command"
            if "not run" in block.how:
                assert block.how["not run"], f"{block.where}: 'not run' needs its reason"
            for command, _ in commands(block):
                if command.split()[0] not in ("backprop", "python"):
                    assert "not run" in block.how, (
                        f"{block.where}: {command.split()[0]} may not be installed; mark the "
                        f"block <!-- not run: REASON -->")


def test_no_document_points_outside_the_clone():
    """Examples name shipped data or a folder of the user's, never one beside the clone."""
    for doc in DOCS:
        text = doc.read_text(encoding="utf-8")
        assert "../shared" not in text and "shared/data" not in text, doc.name
    for path in sorted((ROOT / "src" / "backprop" / "cli").glob("*.py")):
        assert "../shared" not in path.read_text(encoding="utf-8"), path.name


def test_output_matching_can_fail():
    """The comparison the tests above rest on tells a different output from the shown one."""
    assert shows(["a 1.5", "…", "z"], ["a 1.5", "b", "c", "z"], False)
    assert not shows(["a 1.5"], ["a 1.6"], False)
    assert shows(["a 1.5  b"], ["a 12.25 b"], True)
    assert not shows(["a 1.5 b"], ["a x b"], True)
    assert not shows(["a", "…", "z"], ["a", "b"], False)
    assert not shows(["a"], ["a", "extra"], False)
    path = ["defined in f  (…/backprop/f.py)"]
    assert shows(path, ["defined in f  (/usr/lib/python3/site-packages/backprop/f.py)"], False)
    assert shows(path, ["defined in f  (/x/backprop/f.py)"], True)
    assert not shows(path, ["defined in g  (/x/backprop/f.py)"], False)
    assert not shows(path, ["defined in f  (/x/backprop/g.py)"], True)


def _anchors(doc: Path) -> set[str]:
    """GitHub's anchors of the headings of ``doc`` (code blocks left out)."""
    text = re.sub(r"^```.*?^```", "", doc.read_text(encoding="utf-8"), flags=re.M | re.S)
    return {re.sub(r"[^\w\- ]", "", m.group(1).strip().lower()).replace(" ", "-")
            for m in re.finditer(r"^#{1,6} (.+)$", text, re.M)}


def test_links_point_at_files_and_headings():
    for doc in DOCS:
        text = re.sub(r"^```.*?^```", "", doc.read_text(encoding="utf-8"), flags=re.M | re.S)
        for target in re.findall(r"\]\(([^)\s]+)\)", text):
            if re.match(r"[a-z]+:", target):  # https:, mailto:
                continue
            path, _, anchor = target.partition("#")
            where = (doc.parent / path).resolve() if path else doc
            assert where.exists(), f"{doc.name}: a link to {target}, which does not exist"
            if anchor and where.suffix == ".md":
                assert anchor in _anchors(where), f"{doc.name}: no heading #{anchor} in {path}"
