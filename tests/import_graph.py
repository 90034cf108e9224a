"""The import graph of src/backprop, read with ast (nothing is imported), and its figures:
import circles (strongly connected components of more than one module) and imports that run
back up (an import, inside a circle, of a module outside the importer's own folder).

    python tests/import_graph.py            # the figures and every circle
    python tests/import_graph.py --top      # only the imports run when a module loads

Every ``import``/``from … import`` of a backprop module counts, those inside functions too
(``--top``: only those run when the module loads, at any depth outside a function). A
``from PKG import name`` is an import of PKG, and of PKG.name when that is a module. Packages
count as their ``__init__``; ``from PKG import mod`` of submodules only is an import of those
modules, not of PKG's ``__init__``.
"""

from __future__ import annotations

import argparse
import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "src" / "backprop"


def modules(root: Path = ROOT) -> dict[str, Path]:
    """Module name (backprop.x.y; a package by its own name) → file."""
    out = {}
    for path in sorted(root.rglob("*.py")):
        parts = list(path.relative_to(root.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


def _package(name: str, path: Path) -> str:
    return name if path.name == "__init__.py" else name.rpartition(".")[0]


def _resolve(module: str | None, level: int, importer: str, path: Path) -> str:
    if level == 0:
        return module or ""
    base = _package(importer, path).split(".")
    base = base[:len(base) - (level - 1)]
    return ".".join(base + ([module] if module else []))


class _Imports(ast.NodeVisitor):
    def __init__(self, top_only: bool):
        self.top_only = top_only
        self.found: list[tuple[str | None, int, list[str]]] = []

    def visit_FunctionDef(self, node):
        if not self.top_only:
            self.generic_visit(node)

    visit_AsyncFunctionDef = visit_FunctionDef
    visit_Lambda = visit_FunctionDef

    def visit_If(self, node):
        # `if TYPE_CHECKING:` imports are never run
        test = node.test
        if isinstance(test, ast.Name) and test.id == "TYPE_CHECKING" or \
                isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING":
            for n in node.orelse:
                self.visit(n)
            return
        self.generic_visit(node)

    def visit_Import(self, node):
        for a in node.names:
            self.found.append((a.name, 0, []))

    def visit_ImportFrom(self, node):
        self.found.append((node.module, node.level, [a.name for a in node.names]))


def graph(top_only: bool = False, root: Path = ROOT) -> dict[str, set[str]]:
    """Module → the backprop modules it imports."""
    mods = modules(root)
    edges: dict[str, set[str]] = {m: set() for m in mods}
    for name, path in mods.items():
        v = _Imports(top_only)
        v.visit(ast.parse(path.read_text(encoding="utf-8"), str(path)))
        for module, level, names in v.found:
            target = _resolve(module, level, name, path)
            if target in mods:
                if target not in edges[name]:
                    edges[name].add(target)
                    added = True
                else:
                    added = False
            else:  # `import backprop.x.y` of a module not on disk: its nearest package
                while target and target not in mods:
                    target = target.rpartition(".")[0]
                if target:
                    edges[name].add(target)
                continue
            subs = [f"{target}.{n}" for n in names if f"{target}.{n}" in mods]
            edges[name].update(subs)
            if names and len(subs) == len(names) and added:  # `from . import engine`: the module
                edges[name].discard(target)
        edges[name].discard(name)
    return edges


def circles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iteratively)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on: set[str] = set()
    stack: list[str] = []
    out: list[list[str]] = []
    counter = 0
    for start in sorted(edges):
        if start in index:
            continue
        work = [(start, iter(sorted(edges[start])))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on.add(start)
        while work:
            node, children = work[-1]
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on.add(child)
                    work.append((child, iter(sorted(edges[child]))))
                    break
                if child in on:
                    low[node] = min(low[node], index[child])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    scc = []
                    while True:
                        m = stack.pop()
                        on.discard(m)
                        scc.append(m)
                        if m == node:
                            break
                    if len(scc) > 1:
                        out.append(sorted(scc))
    return sorted(out, key=lambda c: (-len(c), c))


def _folder(name: str, mods: dict[str, Path]) -> str:
    return _package(name, mods[name])


def running_up(edges: dict[str, set[str]], root: Path = ROOT) -> list[tuple[str, str]]:
    """Imports M → N inside a circle where N is outside M's own folder (a package above or
    beside it that imports M back)."""
    mods = modules(root)
    where = {m: i for i, c in enumerate(circles(edges)) for m in c}
    out = []
    for m, targets in edges.items():
        folder = _folder(m, mods)
        for n in targets:
            if m in where and where.get(n) == where[m] and \
                    not (n == folder or n.startswith(folder + ".")):
                out.append((m, n))
    return sorted(out)


def figures(top_only: bool = False) -> dict[str, object]:
    edges = graph(top_only)
    found = circles(edges)
    return {"modules": len(edges), "imports": sum(len(t) for t in edges.values()),
            "circles": len(found), "modules_in_circles": sum(len(c) for c in found),
            "largest_circle": max((len(c) for c in found), default=0),
            "imports_running_up": len(running_up(edges))}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--top", action="store_true", help="only imports run at load time")
    args = ap.parse_args(argv)
    edges = graph(args.top)
    print(" ".join(f"{k}={v}" for k, v in figures(args.top).items()))
    for c in circles(edges):
        print(f"circle of {len(c)}: {' '.join(m.removeprefix('backprop.') for m in c)}")
    for m, n in running_up(edges):
        print(f"runs up: {m.removeprefix('backprop.')} -> {n.removeprefix('backprop.')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
