"""Stage 4: prose cues as data. What the words around a statement say it is — a definition, a
condition, a hypothesis, a requirement, a premise, a claim, a choice, an equation to solve, an
update — read from one table of words per language (``cues.json``) by one function.

The languages of a text are found from the same words (the ones it uses most, and English,
which mathematics borrows everywhere), so that a short word of one language (Italian *se*,
"if") is not read in a text written in another (Spanish *se*).
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from importlib import resources

__all__ = ["Cues", "cues", "languages", "all_languages", "mentions", "where_mentioned",
           "named_before",
           "CATEGORIES"]


@functools.lru_cache(maxsize=1)
def _table() -> dict[str, dict[str, list[str]]]:
    text = resources.files(__package__).joinpath("cues.json").read_text(encoding="utf-8")
    return {k: v for k, v in json.loads(text).items() if not k.startswith("_")}


CATEGORIES = ("define", "where", "condition", "constraint", "exhibited", "if", "case",
              "hypothesis", "requirement", "premise", "claim", "choice", "solve", "update",
              "iff", "summary", "values", "not_sigmoid", "sigmoid", "normal", "independent",
              "bits", "one_hot", "spectral", "symmetric", "spd", "orthogonal", "throughout",
              "givens", "region", "exception", "setting", "introduce", "dual", "preposition",
              "quoted_wrong", "retracted", "local", "perturbed", "roots")


def _phrase(p: str) -> str:
    stem = p.endswith("*")
    body = re.escape(p.rstrip("*")).replace(r"\ ", r"\s+")
    if re.match(r"[\u3000-\u9fff\uac00-\ud7af]", p):      # CJK: no word boundaries
        return body
    return r"(?<!\w)" + body + (r"\w*" if stem else r"(?!\w)")


@functools.lru_cache(maxsize=8192)
def _pattern(category: str, langs: tuple[str, ...]) -> re.Pattern | None:
    rows = _table().get(category, {})
    phrases = sorted({p for lang in langs if not lang.startswith("_") for p in rows.get(lang, ())},
                     key=len, reverse=True)
    if not phrases:
        return None
    return re.compile("|".join(_phrase(p) for p in phrases), re.IGNORECASE)


def case_words() -> str:
    """A regular expression for the words that open a case's condition in any language
    ("if", "sonst", "si", "当"): the conditions' and the otherwise rows."""
    table = _table()
    phrases = sorted({p for category in ("if", "condition", "otherwise")
                      for lang, rows in table.get(category, {}).items()
                      if not lang.startswith("_") for p in rows}, key=len, reverse=True)
    return "|".join(_phrase(p) for p in phrases)


# articles are shared by neighbouring languages (Spanish and Italian "una"), and so are the
# names of statistics ("media"), interjections ("ups") and "skalar": no evidence of one
_SHARED = ("introduce", "preposition", "statistic", "retracted", "scalar", "copula", "genitive")


@functools.lru_cache(maxsize=None)
def _row_pattern(category: str, lang: str) -> re.Pattern:
    return re.compile("|".join(_phrase(p) for p in _table()[category][lang]), re.IGNORECASE)


@functools.lru_cache(maxsize=None)
def _anchors(category: str, lang: str) -> tuple[str, ...]:
    """A literal piece of each phrase of a row (its longest word, lower case): a text that
    contains none of them cannot match the row, and is not searched."""
    return tuple(max(p.rstrip("*").lower().split(), key=len, default="")
                 for p in _table()[category][lang])


@functools.lru_cache(maxsize=32)
def languages(text: str) -> tuple[str, ...]:
    """The languages a text is written in, by the cue words it uses: English always, and any
    other whose words occur at least half as often as the most frequent one's."""
    low = text.lower()
    scores: dict[str, int] = {}
    for category, rows in _table().items():
        if category in _SHARED:
            continue
        for lang, phrases in rows.items():
            if lang == "en" or lang.startswith("_"):
                continue
            found = 0
            if any(a in low for a in _anchors(category, lang)):
                found = len(_row_pattern(category, lang).findall(low))
            scores[lang] = scores.get(lang, 0) + found
    best = max(scores.values(), default=0)
    others = sorted(lang for lang, n in scores.items() if best and n * 2 >= best and n >= 2)
    return ("en",) + tuple(others)


@functools.lru_cache(maxsize=1)
def all_languages() -> tuple[str, ...]:
    return tuple(sorted({lang for rows in _table().values() for lang in rows
                         if not lang.startswith("_")}))


@functools.lru_cache(maxsize=1)
def scales() -> dict[str, float]:
    """The words that scale the number before them (million, Mio., млн, 万), in any language:
    word (lower case) → factor."""
    return {word: float(factor) for lang, row in _table().get("scale", {}).items()
            if not lang.startswith("_") for word, factor in row.items()}


@functools.lru_cache(maxsize=1)
def units() -> tuple[str, ...]:
    """The units a text writes after a number in its math (bits, parameters, FLOPs), in any
    language."""
    return tuple(sorted({w for lang, row in _table().get("units", {}).items()
                         if not lang.startswith("_") for w in row}, key=len, reverse=True))


def mentions(category: str, text: str, langs: tuple[str, ...] = ("en",)) -> bool:
    """Whether ``text`` says something of ``category`` anywhere."""
    pattern = _pattern(category, langs)
    return pattern is not None and pattern.search(text) is not None


def where_mentioned(category: str, text: str, langs: tuple[str, ...] = ("en",)
                    ) -> list[tuple[int, int]]:
    """The spans of ``text`` where it says something of ``category``."""
    pattern = _pattern(category, langs)
    return [] if pattern is None else [m.span() for m in pattern.finditer(text)]


def named_before(category: str, text: str, langs: tuple[str, ...]) -> str | None:
    """The phrase of ``category`` that ``text`` ends with ("with mean" before $μ$)."""
    pattern = _pattern(category, langs)
    if pattern is None:
        return None
    last = None
    for last in pattern.finditer(text):
        pass
    if last is None or text[last.end():].strip():
        return None
    return last.group(0)


def _last_words(text: str, n: int) -> str:
    words = text.split()
    return " ".join(words[-n:])


@dataclass(frozen=True)
class Cues:
    """What the prose around one statement says: ``lead`` are the categories of the words
    right before the math ("let $…$", "for $…$"), ``sentence`` those anywhere in its sentence
    before it ("suppose …, then $…$"), ``after`` those of the words right after it
    ("$…$ for $i = j$"), and a point set apart anywhere in the clause after it ("at $x = 0$ it
    is not differentiable")."""

    lead: frozenset[str] = frozenset()
    sentence: frozenset[str] = frozenset()
    after: frozenset[str] = frozenset()
    near: frozenset[str] = frozenset()      # in the last few words (a solve, a choice)
    colon: bool = False                     # the prose before ends with ":" (introducing it)

    def __contains__(self, category: str) -> bool:
        return category in self.lead or category in self.sentence


def _found(text: str, langs: tuple[str, ...], only: tuple[str, ...] = CATEGORIES
           ) -> frozenset[str]:
    out = set()
    for category in only:
        pattern = _pattern(category, langs)
        if pattern is not None and pattern.search(text):
            out.add(category)
    return frozenset(out)


_LEAD_ONLY = ("define", "where", "condition", "constraint", "if", "case", "values", "choice",
              "iff", "solve", "update", "premise", "claim", "requirement")
_SENTENCE = ("hypothesis", "if", "requirement", "choice", "solve", "update", "summary", "iff",
             "values", "premise", "claim", "define", "throughout", "givens", "region",
             "exception", "local")


def cues(before: str, sentence: str, after: str, langs: tuple[str, ...]) -> Cues:
    """The cues of a statement, from the prose just before it (``before``: its paragraph up to
    the math), its sentence up to it, and the prose just after it."""
    lead = _last_words(before, 3).lower().rstrip(" :,")
    clause = re.split(r"[.;:!?。]", after, maxsplit=1)[0].lower()
    head = " ".join(clause.split()[:3])
    near = _last_words(sentence, 7).lower()
    # the few words right before or after the math are read in every language (a short text
    # says too little to tell its language); a whole sentence in the text's languages only
    every = all_languages()
    # ("si et seulement si", "тогда и только тогда": an iff of four or five words)
    iff = _found(_last_words(before, 5).lower().rstrip(" :,"), every, ("iff",))
    return Cues(_found(lead, every, _LEAD_ONLY) | iff, _found(sentence.lower(), langs, _SENTENCE),
                _found(head, every, ("condition", "case", "requirement", "define", "retracted")) |
                _found(clause, langs, ("exception",)),
                _found(near, langs, ("solve", "choice", "define", "quoted_wrong", "roots")),
                before.rstrip().endswith(":"))
