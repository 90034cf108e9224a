"""The import structure of src/backprop has no circle: the module graph (every import, at
the top of a module or inside a function, read with ``ast``) is checked for strongly
connected components. The circles other work is still removing are listed in
``BEING_REMOVED``; a new one fails, and so does a listed one once it is gone (empty the
list as they go). Records do not import their renderers (backprop.render)."""

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"

# Circles being removed elsewhere, each as its sorted set of modules.
BEING_REMOVED = {
    # Tensor's methods written beside the operation table (to be generated from it).
    frozenset({"backprop.engine", "backprop.tensor_methods", "backprop.functional",
               *(f"backprop.functional.{m}" for m in (
                   "activations", "adaptive_pooling", "array_ops", "broadcasting", "conv",
                   "dropout", "flatten", "linear", "losses", "normalization", "padding",
                   "pooling", "scratch", "shapes", "tensor_ops"))}),
    # data's catalogue above its readers.
    frozenset({"backprop.data.catalog", "backprop.data.datasets"}),
    frozenset({"backprop.train.loop", "backprop.train.recipe"}),
    # The derivation checker, being rebuilt.
    frozenset({"backprop.verify.derivation.differentiate", "backprop.verify.derivation.evaluate",
               "backprop.verify.derivation.sums"}),
    frozenset({"backprop.verify.derivation.doubts", "backprop.verify.derivation.steps",
               "backprop.verify.derivation.unspecified"}),
    # The report's _repr_html_ imports backprop.notebook (whose magic imports the checker):
    # gone once it asks backprop.display (or backprop.render.derivation) instead.
    frozenset({"backprop.notebook", "backprop.verify.derivation",
               "backprop.verify.derivation.report"}),
}
RECORDS = ("backprop.trace.compute", "backprop.computation_graph.record",
           "backprop.verify.derivation.report")


def modules():
    found = {}
    for path in (SRC / "backprop").rglob("*.py"):
        parts = list(path.relative_to(SRC).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def import_graph():
    """module → the backprop modules it imports (a name imported from a package counts as
    the package, unless it is a submodule)."""
    mods = modules()
    graph = {}
    for name, path in mods.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        targets = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                candidates = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = package.split(".")
                if node.level:
                    base = base[:len(base) - node.level + 1]
                    prefix = ".".join(base + ([node.module] if node.module else []))
                else:
                    prefix = node.module or ""
                candidates = [f"{prefix}.{a.name}" if f"{prefix}.{a.name}" in mods else prefix
                              for a in node.names]
            else:
                continue
            for c in candidates:
                while c and c not in mods:
                    c = c.rpartition(".")[0]
                if c and c != name:
                    targets.add(c)
        graph[name] = targets
    return graph


def circles(graph):
    """Strongly connected components of more than one module (Tarjan, iteratively)."""
    index, low, on, stack, out, counter = {}, {}, set(), [], [], [0]
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter[0]
        counter[0] += 1
        stack.append(root)
        on.add(root)
        while work:
            v, it = work[-1]
            w = next(it, None)
            if w is None:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[v])
                if low[v] == index[v]:
                    comp = set()
                    while True:
                        x = stack.pop()
                        on.discard(x)
                        comp.add(x)
                        if x == v:
                            break
                    if len(comp) > 1:
                        out.append(frozenset(comp))
            elif w not in index:
                index[w] = low[w] = counter[0]
                counter[0] += 1
                stack.append(w)
                on.add(w)
                work.append((w, iter(sorted(graph[w]))))
            elif w in on:
                low[v] = min(low[v], index[w])
    return out


def test_no_import_circle_but_those_being_removed():
    found = set(circles(import_graph()))
    new = found - BEING_REMOVED
    assert not new, "new import circles:\n" + "\n".join(" ↔ ".join(sorted(c)) for c in new)
    gone = BEING_REMOVED - found
    assert not gone, ("these circles are gone: remove them from BEING_REMOVED:\n"
                      + "\n".join(" ↔ ".join(sorted(c)) for c in gone))


def test_the_checker_finds_a_circle():
    assert circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [frozenset("abc")]
    assert circles({"a": {"b"}, "b": set()}) == []


def test_records_do_not_import_their_renderers():
    graph = import_graph()
    for record in RECORDS:
        drawing = {m for m in graph[record] if m == "backprop.render" or m.startswith("backprop.render.")}
        assert not drawing, (record, drawing)
    renderers = [m for m in graph if m.startswith("backprop.render.")]
    assert renderers and not any("backprop.notebook" in graph[m] for m in renderers)
