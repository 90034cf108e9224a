"""Shape inference: the kinds of the names a derivation uses without declaring them.

A name that is neither declared nor defined may still be one of the derivation's inputs: a
leaf of a definition (``x`` and ``b`` in ``z = Wx + b``), the variable of a derivative, or a
name on both sides of a step (``(a + b)^2 = a^2 + 2ab + b^2``). Such a name gets a kind read
from its use, and every such assumption is listed in the report. Any other undeclared name
has no value: its steps are unreadable.

Sizes come from the indices. Within one statement an index letter has one range; a name
indexed by it (``w_{ji}``, ``x_i``) has that length along that axis, and a sum
``\\sum_{i=1}^{D}`` fixes it (D = 3). Axes linked this way across the document form one
dimension; a dimension nobody fixes gets its own small size, different from the others, so
that a missing transpose still shows. A statement that would join two dimensions of
different sizes (Bishop's ``a_k`` for an output unit, beside ``a_j`` defined over the hidden
units) reads an index letter as a different quantity than the text defined: it is marked
ambiguous, never checked with a guess.
"""

from __future__ import annotations

from typing import Any, Iterator

from . import tree as t
from .scope import CONSTANT_NAMES, Definition, Item, Names, index_list, script_name, value_names
from .shapes import ONE, read_products
from .symbols import Kind
from .values import BUILTIN, GREEK

__all__ = ["infer", "inputs"]

# Sizes given to dimensions nobody fixes: small, and different from each other.
_FREE_SIZES = (4, 3, 5, 2, 6, 7)


def _candidate(name: str) -> bool:
    if name in BUILTIN or name in CONSTANT_NAMES or name.replace(".", "").isdigit():
        return False
    if name.startswith("\\") and name[1:].isalpha() and name not in GREEK:
        return False
    return True


def _derivative_variables(tree: Any, known, layers: frozenset[str]) -> set[str]:
    found = set()
    for n in t.walk(tree):
        if isinstance(n, t.Deriv):
            found |= value_names(n.var, known, layers)
    return found


def inputs(items: list[Item], names: Names) -> set[str]:
    """The undeclared, undefined names that are inputs of the derivation."""
    def known(name: str) -> bool:
        return name in names.declared or name in names.definitions

    found: set[str] = set()
    for ds in names.definitions.values():
        for d in ds:
            found |= value_names(d.expr, known, names.layers) - set(d.params) - set(d.index)
    for item in items:
        if item.role != "claim":
            continue
        trees = [s.tree for s in item.sides if s.tree is not None]
        for tree in trees:
            found |= _derivative_variables(tree, known, names.layers)
        for a, b in zip(trees, trees[1:]):
            found |= value_names(a, known, names.layers) & value_names(b, known, names.layers)
    kronecker = _kronecker(items) and r"\delta" not in names.definitions
    # a name defined somewhere may still be used free where no definition is in force (σ(z)
    # on line 6, z = wx + b on line 29): it is inferred too, and drawn only there
    return {n for n in found if _candidate(n) and n not in names.declared
            and not (kronecker and n == r"\delta")}


def _kronecker(items: list[Item]) -> bool:
    """δ written with two indices and never alone: Kronecker's delta, notation, not a value."""
    for item in items:
        for side in item.sides:
            if side.tree is None:
                continue
            for n in t.walk(side.tree):
                if isinstance(n, t.Script) and isinstance(n.base, t.Sym) and \
                        n.base.name == r"\delta" and n.sub and len(index_list(n.sub)) == 2:
                    return True
    return False


# ---- dimensions ---------------------------------------------------------------------------

class _Dims:
    """Union-find over axes (``(name, axis)``) and index letters of one statement
    (``(statement, letter)``), each class with the size the text gives it, if any."""

    def __init__(self) -> None:
        self.parent: dict[Any, Any] = {}
        self.size: dict[Any, int] = {}
        self.why: dict[Any, str] = {}
        self.least: dict[Any, int] = {}     # a sum to a written number: at least that many

    def find(self, key: Any) -> Any:
        self.parent.setdefault(key, key)
        root = key
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[key] != root:
            self.parent[key], key = root, self.parent[key]
        return root

    def fix(self, key: Any, n: int, why: str) -> str | None:
        """Give ``key``'s class size ``n``; the clash, in words, if it has another."""
        root = self.find(key)
        if root in self.size and self.size[root] != n:
            return f"{self.why[root]} but {why}"
        self.size[root], self.why[root] = n, why
        return None

    def at_least(self, key: Any, n: int, why: str) -> str | None:
        root = self.find(key)
        if root in self.size and self.size[root] < n:
            return f"{self.why[root]} but {why}"
        if n > self.least.get(root, 0):
            self.least[root] = n
            self.why.setdefault(root, why)
        return None

    def union(self, a: Any, b: Any) -> str | None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return None
        if ra in self.size and rb in self.size and self.size[ra] != self.size[rb]:
            return f"{self.why[ra]} but {self.why[rb]}"
        for exact, other in ((ra, rb), (rb, ra)):
            if exact in self.size and self.least.get(other, 0) > self.size[exact]:
                return f"{self.why[exact]} but {self.why.get(other, 'a sum reaches further')}"
        self.parent[rb] = ra
        if rb in self.size and ra not in self.size:
            self.size[ra], self.why[ra] = self.size[rb], self.why[rb]
        least = max(self.least.get(ra, 0), self.least.pop(rb, 0))
        if least:
            self.least[ra] = least
        return None

    def copy(self) -> "_Dims":
        other = _Dims()
        other.parent, other.size, other.why = dict(self.parent), dict(self.size), dict(self.why)
        other.least = dict(self.least)
        return other


def _letters(sub: tuple) -> list[str] | None:
    items = index_list(sub)
    if all(isinstance(i, t.Sym) and len(i.name) == 1 and i.name.islower() for i in items):
        return [i.name for i in items]
    return None


def _constant(node: Any, names: Names, line: int, paragraph: int) -> int | None:
    """A sum's upper limit as a whole number: written, declared or defined as one."""
    if isinstance(node, t.Paren) and len(node.args) == 1:
        node = node.args[0]
    if isinstance(node, t.Num) and float(node.value).is_integer():
        return int(node.value)
    if isinstance(node, t.Sym):
        kind = names.declared.get(node.name)
        if kind is not None and kind.name == "constant" and kind.value is not None:
            return int(kind.value)
        d = names.view(line, paragraph).get(node.name)
        if d is not None and not d.params and isinstance(d.expr, t.Num):
            return int(d.expr.value)
    return None


class _Statement:
    """The occurrences of indexed names and index ranges in one statement's trees."""

    def __init__(self, key: Any, trees: list[Any], line: int, paragraph: int):
        self.key, self.trees, self.line, self.paragraph = key, trees, line, paragraph

    def links(self, names: Names, known) -> Iterator[tuple[str, Any, Any]]:
        """("axis", (name, axis, rank), letter key), and ("size" or "least", letter key,
        (n, why)). A letter bound by a sum is its own variable inside that sum; a free
        letter is one variable for the whole statement."""
        out: list[tuple[str, Any, Any]] = []

        def letter_key(letter: str, bound: dict[str, Any]) -> Any:
            return bound.get(letter, (self.key, letter))

        def visit(node: Any, bound: dict[str, Any]) -> None:
            if isinstance(node, t.Product):
                inner = dict(bound)
                for item in node.items:
                    if isinstance(item, t.BigOp) and item.sub:
                        inner = dict(inner)
                        self._bind(item, inner, out, names)
                        continue
                    visit(item, inner)
                return
            if isinstance(node, t.Script) and node.sub and isinstance(node.base, t.Sym):
                self._axes(node, bound, out, names, known, letter_key)
            for child in t.children(node):
                visit(child, bound)

        for tree in self.trees:
            visit(tree, {})
        return iter(out)

    def _bind(self, op: t.BigOp, bound: dict[str, Any], out: list, names: Names) -> None:
        sub = op.sub
        letter = None
        lo = None
        if len(sub) == 1 and isinstance(sub[0], t.Relation) and isinstance(sub[0].a, t.Sym):
            letter = sub[0].a.name
            lo = _constant(sub[0].b, names, self.line, self.paragraph)
        elif len(sub) == 1 and isinstance(sub[0], t.Sym):
            letter = sub[0].name
        if letter is None:
            return
        key = (self.key, id(op), letter)
        bound[letter] = key
        hi = _constant(op.sup, names, self.line, self.paragraph) if op.sup is not None else None
        sup = op.sup.args[0] if isinstance(op.sup, t.Paren) and len(op.sup.args) == 1 else \
            op.sup
        if hi is None and isinstance(sup, t.Sym) and lo == 1:
            out.append(("limit", key, sup.name))     # \sum_{i=1}^{n}: n counts i's values
            return
        if hi is None or not 1 <= hi <= 64:
            return
        limit = t.canon(op.sup).strip("{}")
        written = limit == str(hi)
        why = (f"{letter} runs to {hi} on line {self.line}" if written else
               f"{letter} runs to {limit} = {hi} on line {self.line}")
        if lo == 1 and not written:
            out.append(("size", key, (hi, why)))     # \sum_{i=1}^{D}: the whole range
        else:
            out.append(("least", key, (hi, why)))    # \sum_{i=1}^{3}: at least 3

    def _axes(self, n: t.Script, bound: dict, out: list, names: Names, known,
              letter_key) -> None:
        letters = _letters(n.sub)
        numbers = [i for i in index_list(n.sub)] if n.sub else []
        if letters is None and numbers and all(
                isinstance(i, t.Num) and float(i.value).is_integer() and i.value >= 1
                for i in numbers) and len(numbers) <= 2 and isinstance(n.base, t.Sym) and \
                known(n.base.name) and n.base.name not in names.declared:
            for axis, i in enumerate(numbers):   # x_4: at least four entries
                out.append(("least", (n.base.name, axis, len(numbers)),
                            (int(i.value), f"{n.base.name}_{int(i.value)} is written on line "
                                           f"{self.line}")))
            return
        if letters is None or len(letters) > 2:
            return
        written = script_name(n, known, names.layers)
        if written is not None and t.canon(t.Script(n.base, n.sub, None)) == written:
            return              # E_n, W_{out}: a name, not a component
        name = written if written is not None else n.base.name
        if len(letters) == 2 and isinstance(n.base, t.Sym) and \
                t.canon(t.Script(n.base, (t.Sym(letters[0]),), None)) in names.declared:
            sample = t.canon(t.Script(n.base, (t.Sym(letters[0]),), None))
            out.append(("axis", (sample, 0, 1), letter_key(letters[1], bound)))
            return              # x_{id}: entry d of the declared x_i
        if not known(name):
            return              # δ_{ij}, 1_{i=j}: notation, not a name with axes
        for axis, letter in enumerate(letters):
            out.append(("axis", (name, axis, len(letters)), letter_key(letter, bound)))


def _statements(items: list[Item], names: Names) -> Iterator[tuple[Item | None, _Statement]]:
    for k, item in enumerate(items):
        if item.role not in ("claim",):
            continue
        trees = [s.tree for s in item.sides if s.tree is not None]
        trees += [c for c in item.conditions]
        yield item, _Statement(("item", k), trees, item.line, item.paragraph)


def _declared_axes(names: Names, dims: _Dims) -> None:
    for name, kind in names.declared.items():
        if kind.name in ("vector", "probs"):
            dims.fix((name, 0, 1), kind.shape[0], f"{name} has {kind.shape[0]} entries")
        elif kind.name == "matrix":
            for axis in (0, 1):
                dims.fix((name, axis, 2), kind.shape[axis],
                         f"{name} is {kind.shape[0]}×{kind.shape[1]}")
        elif kind.name == "index":
            pass


def infer(items: list[Item], names: Names, checker: Any) -> None:
    """Give every input of the derivation a kind (``names.inferred``), every indexed
    definition its ranges, and mark the statements whose indices clash (``item.ambiguous``)."""
    found = inputs(items, names)

    def known(name: str) -> bool:
        return name in names.declared or name in names.definitions or name in found

    dims = _Dims()
    _declared_axes(names, dims)
    # an indexed definition s_i = … ties s's axis to its index letter in its statement
    indexed: dict[int, tuple[Definition, Any]] = {}
    ranks: dict[str, int] = {}
    limits: set[str] = set()          # names that bound sums: the number of their terms
    for item, st in _statements(items, names):
        trial = dims.copy()
        clash = None
        for _, d in (item.defines if item is not None else ()):
            if d.index:
                for axis, letter in enumerate(d.index):
                    clash = clash or trial.union((d.name, axis, len(d.index)), (st.key, letter))
                indexed[id(d)] = (d, st.key)
        for what, a, b in st.links(names, known):
            if what == "size":
                clash = clash or trial.fix(a, b[0], b[1])
            elif what == "limit":
                limits.add(b)
                clash = clash or trial.union(a, ("limit", b))
            elif what == "least":
                if isinstance(a, tuple) and len(a) == 3 and isinstance(a[0], str):
                    ranks[a[0]] = max(ranks.get(a[0], 0), a[2])
                clash = clash or trial.at_least(a, b[0], b[1])
            else:
                name, axis, rank = a
                ranks[name] = max(ranks.get(name, 0), rank)
                declared = names.declared.get(name)
                if declared is not None and declared.name == "index":
                    continue
                letter_kind = names.declared.get(b[1])
                if letter_kind is not None and letter_kind.name == "index":
                    clash = clash or trial.fix(b, letter_kind.size,
                                               f"{b[1]} is declared an index of "
                                               f"{letter_kind.size}")
                clash = clash or trial.union((name, axis, rank), b)
        if clash is not None and item is not None:
            item.ambiguous = (f"the indices do not fit what the text defined: {clash}; "
                              f"if a name stands for another quantity here, give it a "
                              f"name of its own")
            continue
        dims = trial
    dims.fix(ONE, 1, "a column has one column")
    read_products(items, names, dims, ranks, found)
    sizes = iter(_FREE_SIZES * 4)
    chosen: dict[Any, int] = {}

    def size_of(key: Any) -> int:
        root = dims.find(key)
        if root in dims.size:
            return dims.size[root]
        if root in dims.least:
            return dims.least[root]
        if root not in chosen:
            chosen[root] = next(sizes, 4)
        return chosen[root]

    def fixed(key: Any) -> bool:
        return dims.find(key) in dims.size

    for name in sorted(found):
        rank = ranks.get(name, 0)
        if name in limits and rank == 0:
            n = size_of(("limit", name))
            names.inferred[name] = Kind("constant", (), float(n))
            names.inferred_why[name] = f"{n}, the number of terms of the sums it bounds"
            if fixed(("limit", name)):
                names.inferred_firm.add(name)
            continue
        if rank == 1:
            n = size_of((name, 0, 1))
            names.inferred[name] = Kind("vector", (n, 1))
            names.inferred_why[name] = f"a vector of {n}"
            firm = fixed((name, 0, 1))
        elif rank == 2:
            m, n = size_of((name, 0, 2)), size_of((name, 1, 2))
            names.inferred[name] = Kind("matrix", (m, n))
            names.inferred_why[name] = f"a {m}×{n} matrix"
            firm = fixed((name, 0, 2)) and fixed((name, 1, 2))
        else:
            names.inferred[name] = Kind("scalar")
            names.inferred_why[name] = "a number"
            firm = _greek_lowercase(name)     # α, λ, η: numbers by the convention of the field
        if firm:
            names.inferred_firm.add(name)
    for d, key in indexed.values():
        sizes_d = tuple(size_of((d.name, axis, len(d.index))) if dims.find(
            (d.name, axis, len(d.index))) in dims.size or (d.name, axis, len(d.index)) in
            dims.parent else None for axis in range(len(d.index)))
        _resize(names, d, sizes_d)


def _greek_lowercase(name: str) -> bool:
    head = name.split("_")[0].split("^")[0]
    return head in GREEK and head[1:2].islower() and head not in (r"\delta", r"\sigma")


def _resize(names: Names, d: Definition, sizes: tuple[int | None, ...]) -> None:
    ds = names.definitions.get(d.name, [])
    for k, other in enumerate(ds):
        if other is d and not d.size:
            ds[k] = Definition(d.name, d.expr, d.params, d.index, sizes, d.line, d.paragraph)
    names.definitions_changed()
