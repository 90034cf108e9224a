"""PyTorch's own OpInfo samples (tests/opinfo.py): every sample of every operation backprop
has a counterpart of agrees with torch — values, dtype, shape and gradients — or is refused
in one line for a reason listed in ``opinfo.UNSUPPORTED``; no sample crashes."""

import importlib.util

import pytest

pytest.importorskip("torch")
if importlib.util.find_spec("expecttest") is None:  # torch's OpInfo module imports it
    pytest.skip("expecttest is not installed (pip install expecttest)", allow_module_level=True)

import opinfo  # noqa: E402

MAX_UNSUPPORTED = 20


@pytest.fixture(scope="module")
def tally():
    return opinfo.run()


def _explained(result, table, text):
    return any(result.op == op and words in text for op, words, _ in table)


def test_the_samples_are_many_and_cover_every_counterpart(tally):
    ops = {r.op.split(".")[0] if not r.op.startswith("nn.") else r.op for r in tally.results}
    assert len(tally.results) > 5000
    assert len(ops) >= 60, sorted(ops)


def test_no_sample_crashes(tally):
    crashes = tally.of("crash")
    assert not crashes, "\n".join(f"{r.op} {r.sample[:120]}: {r.why}" for r in crashes[:20])


def test_no_sample_differs_from_torch_but_the_known_ones(tally):
    bad = [r for r in tally.of("mismatch")
           if not _explained(r, opinfo.KNOWN_DIFFERENCES, r.sample)]
    assert not bad, "\n".join(f"{r.op} [{r.dtype}] {r.sample[:120]}: {r.why}" for r in bad[:20])


def test_every_refusal_is_listed_with_its_reason_and_there_are_few(tally):
    refused = tally.of("unsupported")
    unlisted = [r for r in refused if not _explained(r, opinfo.UNSUPPORTED, r.why)]
    assert not unlisted, "\n".join(f"{r.op} [{r.dtype}] {r.sample[:120]}: {r.why}"
                                   for r in unlisted[:20])
    assert len(refused) <= MAX_UNSUPPORTED, len(refused)
    stale = [(op, words) for op, words, _ in opinfo.UNSUPPORTED
             if not any(r.op == op and words in r.why for r in refused)]
    assert not stale, f"listed refusals that no longer happen: {stale}"
