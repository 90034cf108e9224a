"""Ground truth of the blind derivation corpus, checked in NumPy without the checker.

tests/checker_corpus_blind/ holds derivations written the way their sources write them (course
notes, textbooks, exam sheets, notebook homework, lecture notes in several languages) by someone
who neither read the checker nor ran it until every file was written: it measures the checker as
a stranger finds it. Each file ends with an expect comment saying whether every step holds or
which line carries the one planted error; here every file's truth module evaluates each claimed
step at random points, so the expect lines are known to be right before anyone measures the
checker on them (that measurement is not run here). The harness is the held-out corpus's
`_truth.py`, shared rather than copied.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

CORPUS = Path(__file__).parent / "checker_corpus_blind"
TRUTH = CORPUS / "truth"
HARNESS = Path(__file__).parent / "checker_corpus_heldout" / "truth"
sys.path.insert(0, str(HARNESS))

from _truth import Derivation, parse_expect  # noqa: E402

FILES = sorted(CORPUS.glob("*.md"))


def load_truth(stem: str):
    spec = importlib.util.spec_from_file_location(f"blind_truth_{stem}", TRUTH / f"{stem}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("md", FILES, ids=[f.stem for f in FILES])
def test_every_claimed_step_is_as_the_expect_line_says(md: Path) -> None:
    assert (TRUTH / f"{md.stem}.py").is_file(), f"{md.name} has no truth file"
    load_truth(md.stem).check()


def test_the_corpus_is_large_and_balanced() -> None:
    expects = [parse_expect(f.read_text(encoding="utf-8")) for f in FILES]
    planted = [line for line, _ in expects if line is not None]
    assert len(FILES) >= 36
    assert len(expects) - len(planted) >= 16
    assert len(planted) >= 16
    assert all(source.strip() for _, source in expects)
    truths = {p.stem for p in TRUTH.glob("*.py")}
    assert truths == {f.stem for f in FILES}


def test_the_truth_is_computed_without_the_checker() -> None:
    for path in TRUTH.glob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "import backprop" not in text and "from backprop" not in text, path.name


def test_planted_files_are_named_by_their_mistake() -> None:
    mistakes = ("_wrong", "_signflip", "_dropped", "_swapped", "_slip", "_missing")
    for f in FILES:
        line, _ = parse_expect(f.read_text(encoding="utf-8"))
        assert (line is not None) == any(m in f.stem for m in mistakes), f.name
        if line is not None:
            assert 1 <= line <= len(f.read_text(encoding="utf-8").splitlines())


# ---- the shared harness must still be able to fail on this corpus's files ---------------------

def test_a_planted_step_that_holds_fails_on_a_blind_file() -> None:
    md = next(f for f in FILES if "_signflip" in f.stem)
    d = Derivation(md.read_text(encoding="utf-8"), md.name)
    line, _ = parse_expect(md.read_text(encoding="utf-8"))
    snippet = d.lines[line - 1].strip()
    d.step(snippet, 1.0, 1.0, planted=True)
    d.trial = 1
    with pytest.raises(AssertionError, match="holds"):
        d.finish()


def test_a_wrong_step_in_a_correct_blind_file_fails() -> None:
    md = next(f for f in FILES if parse_expect(f.read_text(encoding="utf-8"))[0] is None)
    d = Derivation(md.read_text(encoding="utf-8"), md.name)
    line = next(n for n, text in enumerate(d.lines, 1) if "=" in text and d.lines.count(text) == 1)
    with pytest.raises(AssertionError, match=f"line {line} .* does not hold"):
        d.step(d.lines[line - 1], 1.0, 2.0)
