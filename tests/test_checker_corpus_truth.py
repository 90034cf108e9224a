"""The derivation corpus carries its own ground truth: every file's claimed steps are
re-evaluated with NumPy (``checker_corpus/truth/<stem>.py``), independently of the checker,
and must agree with the file's ``<!-- expect: … -->`` line."""

import importlib.util
import sys
from collections import Counter
from pathlib import Path

import pytest

CORPUS = Path(__file__).parent / "checker_corpus"
TRUTH = CORPUS / "truth"
FILES = sorted(CORPUS.glob("*.md"))

sys.path.insert(0, str(TRUTH))
from corpus_truth import expectation  # noqa: E402


def load_truth(stem: str):
    spec = importlib.util.spec_from_file_location(f"checker_corpus_truth_{stem}", TRUTH / f"{stem}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def expected(md: Path):
    return expectation(md.read_text(encoding="utf-8").splitlines())


@pytest.mark.parametrize("md", FILES, ids=lambda p: p.stem)
def test_truth_agrees_with_expect_line(md):
    assert (TRUTH / f"{md.stem}.py").is_file(), f"{md.name} has no truth file"
    load_truth(md.stem).check()


def test_every_truth_file_has_its_derivation():
    stems = {md.stem for md in FILES}
    orphans = [p.name for p in TRUTH.glob("*.py") if p.stem != "corpus_truth" and p.stem not in stems]
    assert not orphans


@pytest.mark.parametrize("md", FILES, ids=lambda p: p.stem)
def test_expect_line_is_well_formed(md):
    lines = md.read_text(encoding="utf-8").splitlines()
    planted, source = expected(md)
    assert md.stem.split("_")[0] == source.lower(), "a file is named <source>_<topic>"
    assert sum("<!-- expect:" in line for line in lines) == 1, "exactly one expect comment"
    if planted is not None:
        assert planted < len(lines) and lines[planted - 1].strip(), f"line {planted} is blank"


def test_corpus_size_and_balance():
    kinds = Counter("planted" if expected(md)[0] else "correct" for md in FILES)
    sources = Counter(expected(md)[1] for md in FILES)
    assert len(FILES) >= 70
    assert kinds["correct"] >= 30 and kinds["planted"] >= 30, kinds
    assert min(sources.values()) >= 4, sources
