"""Ground truth of the blind derivation corpora, checked in NumPy without the checker.

tests/checker_corpus_heldout/, tests/checker_corpus_blind/ and tests/checker_corpus_fresh/ hold derivations written the way
their sources write them (course notes, textbooks, papers, exam sheets, notebook homework,
lecture notes in several languages) by people who had not read the checker; the second was
also written before the checker was first run on any of it, and so was the third. Each file ends with an expect
comment saying whether every step holds or which line carries the one planted error. Here
every file's truth module evaluates each claimed step at random points, so the expect lines
are known to be right before anyone measures the checker on them (that measurement is not
run here). All share one harness, checker_corpus_heldout/truth/_truth.py.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).parent
HARNESS = HERE / "checker_corpus_heldout" / "truth"
sys.path.insert(0, str(HARNESS))

from _truth import Derivation, parse_expect  # noqa: E402

# each corpus, and the least it must hold: files, correct files, planted files
CORPORA = {"checker_corpus_heldout": (60, 25, 25), "checker_corpus_blind": (36, 16, 16),
           "checker_corpus_fresh": (28, 18, 8), "checker_corpus_fifth": (18, 18, 0)}
FILES = [f for corpus in CORPORA for f in sorted((HERE / corpus).glob("*.md"))]
BLIND = sorted((HERE / "checker_corpus_blind").glob("*.md"))


def load_truth(md: Path):
    truth = md.parent / "truth" / f"{md.stem}.py"
    spec = importlib.util.spec_from_file_location(f"{md.parent.name}_truth_{md.stem}", truth)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("md", FILES, ids=[f"{f.parent.name}/{f.stem}" for f in FILES])
def test_every_claimed_step_is_as_the_expect_line_says(md: Path) -> None:
    assert (md.parent / "truth" / f"{md.stem}.py").is_file(), f"{md.name} has no truth file"
    load_truth(md).check()


@pytest.mark.parametrize("corpus", sorted(CORPORA))
def test_the_corpus_is_large_and_balanced(corpus: str) -> None:
    files = sorted((HERE / corpus).glob("*.md"))
    expects = [parse_expect(f.read_text(encoding="utf-8")) for f in files]
    planted = [line for line, _ in expects if line is not None]
    least_files, least_correct, least_planted = CORPORA[corpus]
    assert len(files) >= least_files
    assert len(expects) - len(planted) >= least_correct
    assert len(planted) >= least_planted
    assert all(source.strip() for _, source in expects)
    truths = {p.stem for p in (HERE / corpus / "truth").glob("*.py")
              if not p.name.startswith("_")}
    assert truths == {f.stem for f in files}


@pytest.mark.parametrize("corpus", sorted(CORPORA))
def test_the_truth_is_computed_without_the_checker(corpus: str) -> None:
    for path in (HERE / corpus / "truth").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "import backprop" not in text and "from backprop" not in text, path.name


def test_planted_files_are_named_by_their_mistake() -> None:
    mistakes = ("_wrong", "_signflip", "_dropped", "_swapped", "_slip", "_missing")
    for f in FILES:
        line, _ = parse_expect(f.read_text(encoding="utf-8"))
        assert (line is not None) == any(m in f.stem for m in mistakes), f.name
        if line is not None:
            assert 1 <= line <= len(f.read_text(encoding="utf-8").splitlines())


# ---- the harness itself must be able to fail --------------------------------------------------

TEXT = "a\n$$x = y$$\n$$y = z$$\n<!-- expect: {} source=\"made up\" -->\n"


def test_a_step_that_does_not_hold_in_a_correct_file_fails() -> None:
    d = Derivation(TEXT.format("no_failure"))
    with pytest.raises(AssertionError, match="line 2"):
        d.step("x = y", 1.0, 2.0)


def test_a_planted_step_that_holds_fails() -> None:
    d = Derivation(TEXT.format("first_failure_line=3"))
    d.step("x = y", 1.0, 1.0)
    d.step("y = z", 1.0, 1.0, planted=True)
    d.trial = 1
    with pytest.raises(AssertionError, match="holds"):
        d.finish()


def test_a_planted_step_on_another_line_than_the_expect_line_fails() -> None:
    d = Derivation(TEXT.format("first_failure_line=2"))
    d.step("y = z", 1.0, 2.0, planted=True)
    d.trial = 1
    with pytest.raises(AssertionError, match="line 3 but expect says 2"):
        d.finish()


def test_a_planted_step_in_a_correct_file_fails() -> None:
    d = Derivation(TEXT.format("no_failure"))
    d.step("y = z", 1.0, 2.0, planted=True)
    d.trial = 1
    with pytest.raises(AssertionError, match="correct file"):
        d.finish()


def test_a_planted_file_without_its_planted_step_fails() -> None:
    d = Derivation(TEXT.format("first_failure_line=3"))
    d.step("x = y", 1.0, 1.0)
    d.trial = 1
    with pytest.raises(AssertionError, match="0 planted steps"):
        d.finish()


def test_a_snippet_not_in_the_file_fails() -> None:
    d = Derivation(TEXT.format("no_failure"))
    d.step("w = v", 1.0, 1.0)
    d.trial = 1
    with pytest.raises(AssertionError, match="not on one"):
        d.finish()


def test_a_rounding_difference_is_not_a_planted_error() -> None:
    d = Derivation(TEXT.format("first_failure_line=3"))
    d.step("y = z", 1.0, 1.0 + 1e-4, planted=True)
    d.trial = 1
    with pytest.raises(AssertionError, match="holds"):
        d.finish()


# ---- the shared harness on the blind corpus's own files ------------------------------------------

def test_a_planted_step_that_holds_fails_on_a_blind_file() -> None:
    md = next(f for f in BLIND if "_signflip" in f.stem)
    d = Derivation(md.read_text(encoding="utf-8"), md.name)
    line, _ = parse_expect(md.read_text(encoding="utf-8"))
    snippet = d.lines[line - 1].strip()
    d.step(snippet, 1.0, 1.0, planted=True)
    d.trial = 1
    with pytest.raises(AssertionError, match="holds"):
        d.finish()


def test_a_wrong_step_in_a_correct_blind_file_fails() -> None:
    md = next(f for f in BLIND if parse_expect(f.read_text(encoding="utf-8"))[0] is None)
    d = Derivation(md.read_text(encoding="utf-8"), md.name)
    line = next(n for n, text in enumerate(d.lines, 1) if "=" in text and d.lines.count(text) == 1)
    with pytest.raises(AssertionError, match=f"line {line} .* does not hold"):
        d.step(d.lines[line - 1], 1.0, 2.0)
