"""ModuleList and ModuleDict: hold submodules so that their parameters are registered, as
torch.nn's (neither has a forward of its own; the module that owns them decides the order)."""

from __future__ import annotations

from collections import OrderedDict
from typing import Any, ItemsView, Iterable, Iterator, KeysView, Mapping, ValuesView

from ..errors import BackpropError, IndexingError
from .module import Module

__all__ = ["ModuleList", "ModuleDict"]


def _check(where: str, m: Any) -> Module:
    if not isinstance(m, Module):
        raise BackpropError(f"{where}: expected a Module, got {type(m).__name__}")
    return m


class ModuleList(Module):
    """A list of modules, registered under the names "0", "1", …"""

    def __init__(self, modules: Iterable[Module] | None = None) -> None:
        super().__init__()
        if modules is not None:
            self.extend(modules)

    def _renumber(self, items: list[Module]) -> None:
        for name in list(self._modules):
            self._modules.pop(name)
            object.__delattr__(self, name)
        for i, m in enumerate(items):
            setattr(self, str(i), m)

    def append(self, module: Module) -> "ModuleList":
        setattr(self, str(len(self)), _check("ModuleList.append", module))
        return self

    def extend(self, modules: Iterable[Module]) -> "ModuleList":
        for m in modules:
            self.append(m)
        return self

    def insert(self, index: int, module: Module) -> None:
        items = list(self)
        items.insert(index, _check("ModuleList.insert", module))
        self._renumber(items)

    def _index(self, i: int) -> int:
        if not -len(self) <= i < len(self):
            raise IndexingError(f"ModuleList: index {i} is out of range for {len(self)} "
                                f"modules")
        return i % len(self)

    def __getitem__(self, i: int | slice) -> Any:
        if isinstance(i, slice):
            return ModuleList(list(self)[i])
        return self._modules[str(self._index(i))]

    def __setitem__(self, i: int, module: Module) -> None:
        setattr(self, str(self._index(i)), _check("ModuleList", module))

    def __delitem__(self, i: int | slice) -> None:
        items = list(self)
        del items[i if isinstance(i, slice) else self._index(i)]
        self._renumber(items)

    def __len__(self) -> int:
        return len(self._modules)

    def __iter__(self) -> Iterator[Module]:
        return iter(list(self._modules.values()))


class ModuleDict(Module):
    """A dict of modules, registered under their keys (in insertion order)."""

    def __init__(self, modules: Mapping[str, Module] | Iterable[tuple[str, Module]] | None
                 = None) -> None:
        super().__init__()
        if modules is not None:
            self.update(modules)

    def __getitem__(self, key: str) -> Module:
        return self._modules[key]

    def __setitem__(self, key: str, module: Module) -> None:
        if not isinstance(key, str) or not key.isidentifier():
            raise BackpropError(f"ModuleDict: keys must be identifiers, got {key!r}")
        if key not in self._modules and hasattr(self, key):
            raise BackpropError(f"ModuleDict: key {key!r} would hide the attribute of that name")
        setattr(self, key, _check("ModuleDict", module))

    def __delitem__(self, key: str) -> None:
        self._modules.pop(key)
        object.__delattr__(self, key)

    def __contains__(self, key: object) -> bool:
        return key in self._modules

    def __len__(self) -> int:
        return len(self._modules)

    def __iter__(self) -> Iterator[str]:
        return iter(list(self._modules))

    def keys(self) -> KeysView[str]:
        return self._modules.keys()

    def values(self) -> ValuesView[Module]:
        return self._modules.values()

    def items(self) -> ItemsView[str, Module]:
        return self._modules.items()

    def pop(self, key: str) -> Module:
        m = self[key]
        del self[key]
        return m

    def update(self, modules: Mapping[str, Module] | Iterable[tuple[str, Module]]) -> None:
        pairs = modules.items() if isinstance(modules, Mapping) else modules
        for key, m in OrderedDict(pairs).items():
            self[key] = m
