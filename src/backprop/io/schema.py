"""A small validator for the JSON a file carries: each field's type and range, declared once.

A schema is a function ``check(value, field)`` that raises :class:`SchemaError` naming the
field (``trainer.running.seen``) and what it must be. Build schemas from the helpers below;
:func:`validate` turns a failure into a :class:`~backprop.errors.CheckpointError` naming the
file.
"""

from __future__ import annotations

import math
from typing import Any, Callable

from ..errors import CheckpointError

Schema = Callable[[Any, str], None]


class SchemaError(Exception):
    """Raised by a schema; :func:`validate` adds the file's name."""


def _fail(field: str, expected: str, value: Any) -> SchemaError:
    shown = repr(value)
    return SchemaError(f"{field} must be {expected}, got "
                       f"{shown if len(shown) <= 40 else shown[:39] + '…'}")


def integer(lo: int | None = None, hi: int | None = None) -> Schema:
    def check(v: Any, field: str) -> None:
        if not isinstance(v, int) or isinstance(v, bool) or \
                (lo is not None and v < lo) or (hi is not None and v > hi):
            raise _fail(field, f"an integer in [{lo}, {hi}]", v)
    return check


def number(lo: float = -math.inf, hi: float = math.inf, *, below: bool = False) -> Schema:
    """A finite number in [lo, hi] (``below``: in [lo, hi))."""
    def check(v: Any, field: str) -> None:
        if not isinstance(v, (int, float)) or isinstance(v, bool) or not math.isfinite(v) \
                or v < lo or v > hi or (below and v >= hi):
            raise _fail(field, f"a finite number in [{lo}, {hi}{')' if below else ']'}", v)
    return check


def string(most: int = 1000, choices: tuple[str, ...] | None = None) -> Schema:
    def check(v: Any, field: str) -> None:
        if not isinstance(v, str) or len(v) > most or (choices and v not in choices):
            raise _fail(field, f"one of {choices}" if choices else
                        f"a string of at most {most} characters", v)
    return check


def boolean(v: Any, field: str) -> None:
    if not isinstance(v, bool):
        raise _fail(field, "true or false", v)


def optional(schema: Schema) -> Schema:
    def check(v: Any, field: str) -> None:
        if v is not None:
            schema(v, field)
    return check


def either(*schemas: Schema, expected: str) -> Schema:
    def check(v: Any, field: str) -> None:
        for schema in schemas:
            try:
                schema(v, field)
                return
            except SchemaError:
                pass
        raise _fail(field, expected, v)
    return check


def array(item: Schema, most: int) -> Schema:
    def check(v: Any, field: str) -> None:
        if not isinstance(v, list) or len(v) > most:
            raise _fail(field, f"a list of at most {most} entries", v)
        for i, e in enumerate(v):
            item(e, f"{field}[{i}]")
    return check


def record(required: dict[str, Schema], optional: dict[str, Schema] | None = None,
           others: Schema | None = None) -> Schema:
    """A JSON object with these fields; fields not declared are refused unless ``others``
    checks them."""
    optional = optional or {}

    def check(v: Any, field: str) -> None:
        if not isinstance(v, dict):
            raise _fail(field, "a JSON object", v)
        for key, schema in required.items():
            if key not in v:
                raise SchemaError(f"{field}.{key} is missing")
            schema(v[key], f"{field}.{key}")
        for key, value in v.items():
            if key in required:
                continue
            schema = optional.get(key, others)
            if schema is None:
                raise SchemaError(f"{field} has an unexpected entry {str(key)[:40]!r}")
            schema(value, f"{field}.{key}")
    return check


def mapping(value: Schema, most: int, key: Callable[[str], bool] = lambda k: True,
            key_expected: str = "a name") -> Schema:
    def check(v: Any, field: str) -> None:
        if not isinstance(v, dict) or len(v) > most:
            raise _fail(field, f"a JSON object of at most {most} entries", v)
        for k, e in v.items():
            if not key(k):
                raise _fail(f"{field} key", key_expected, k)
            value(e, f"{field}.{k}")
    return check


def validate(path: Any, value: Any, schema: Schema, field: str) -> Any:
    """``value`` if it fits ``schema``; else a CheckpointError naming ``path`` and the field."""
    try:
        schema(value, field)
    except SchemaError as e:
        raise CheckpointError(f"{path}: metadata {e}") from None
    return value
