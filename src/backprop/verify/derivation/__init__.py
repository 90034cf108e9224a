"""Check a learner's derivation written in Markdown and LaTeX, step by step.

:func:`check_derivation` reads the math of a Markdown text (front matter declares the
symbols), splits it into chains ``A = B = C``, and checks every step numerically with the
library's own operations, derivatives by reverse mode confirmed by central differences.
The parser is a Lark grammar (``latex.lark``), loaded on first use: the ``[check]`` extra.
"""

from __future__ import annotations

import os
import time

from ...errors import BackpropError
from .markdown import document_statements, split_front_matter
from .report import DerivationReport
from .scope import Names
from .sources import read_source
from .steps import Step, check_steps
from .symbols import declare
from .target import read_target
from .values import speaks_of_the_normal_distribution

__all__ = ["check_derivation", "DerivationReport", "Step"]

MAX_POINTS = 100
FILE_SECONDS = 60.0   # one deadline for reading, definitions and every step of a file


def check_derivation(source: str | os.PathLike, *, points: int = 5,
                     seed: int = 0) -> DerivationReport:
    """Check every step of the derivation in ``source`` (a path or the Markdown text).

    Each step ``A = B`` is evaluated at ``points`` random draws of the declared symbols and,
    where free indices appear, at every index value (at most 64 combinations). It holds when
    both sides agree within relative 1e-6 / absolute 1e-9 with the same shape; a step that
    cannot be read is ``unreadable`` and checking goes on. Raises
    :class:`~backprop.errors.BackpropError` for a missing file, bad front matter or a text
    without math.
    """
    if isinstance(points, bool) or not isinstance(points, int) or not 1 <= points <= MAX_POINTS:
        raise BackpropError(f"check_derivation: points must be an integer in 1..{MAX_POINTS}, "
                            f"got {points!r}")
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        raise BackpropError(f"check_derivation: seed must be a non-negative integer, got "
                            f"{seed!r}")
    deadline = time.monotonic() + FILE_SECONDS
    src = read_source(source)
    name, text = src.name, src.text
    text = text.replace("\ufeff", " ", 1) if text.startswith("\ufeff") else text
    front, body = split_front_matter(text)
    target = None
    symbols = []
    for number, line in front:
        key, _, value = line.partition(":")
        if key.strip().lower() == "target" and value.strip():
            offset = sum(len(x) + 1 for x in text.split("\n")[:number - 1]) + len(key) + 1
            target = read_target(value, number, offset)
            if target is None:
                raise BackpropError(f"front matter line {number}: the target must be one "
                                    f"equation, left = right")
        else:
            symbols.append((number, line))
    names = Names(declare(symbols))
    names.standard_normal = r"\Phi" not in names.declared and \
        speaks_of_the_normal_distribution(text[body:])
    found = document_statements(text, body)
    if not found:
        raise BackpropError(f"check_derivation: {name} holds no equation in math ($…$, $$…$$, "
                            f"\\[…\\] or an equation/align environment)")
    steps, verdict = check_steps(text, found, names, points=points, seed=seed,
                                 deadline=deadline, target=target)
    used = set().union(*(s.uses for s in steps)) if steps else set()
    if any(r"\Phi" in s.left + s.right for s in steps if s.status in ("holds", "fails")):
        used.add(r"\Phi")
    for step in steps:
        step.cell = src.where(step.line)
    return DerivationReport(name, steps, assumed=names.assumptions(used), target=verdict)
