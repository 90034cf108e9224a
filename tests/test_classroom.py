"""A teacher's view: a class's submissions checked at once (backprop.verify.classroom and
`backprop check FOLDER`).

The class below answers the exercise sheet sigmoid_cross_entropy (target dE/dz = y − t):
alice is right, bob and carol make the same sign slip (on different lines, spaced
differently), dave writes names he never declares. Their verdicts are known by construction.
"""

from __future__ import annotations

import csv
import io
import json
import multiprocessing as mp
import re
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

pytest.importorskip("lark", reason="the checker's parser (the [cli] install)")

from backprop.cli import main  # noqa: E402
from backprop.errors import BackpropError  # noqa: E402
from backprop.verify import classroom  # noqa: E402
from backprop.verify.classroom import ClassReport, Row, check_class  # noqa: E402

SHEET = r"""---
title: Cross-entropy on a sigmoid output
target: \frac{dE}{dz} = y - t
z: scalar
t: probability
---
A single sigmoid unit predicts $y = \sigma(z)$, trained on
$$E = -t\ln y - (1 - t)\ln(1 - y)$$

Substitute $y = \sigma(z)$:
$$\frac{dE}{dz} = \frac{d}{dz}\left(-t\ln\sigma(z) - (1 - t)\ln\left(1 - \sigma(z)\right)\right)$$
"""  # 11 lines: a submission's own steps start on line 12

SUBMISSIONS = {
    "alice.md": r"""$$= -t\,\frac{\sigma'(z)}{\sigma(z)} + (1 - t)\,\frac{\sigma'(z)}{1 - \sigma(z)}$$
$$= -t\left(1 - \sigma(z)\right) + (1 - t)\,\sigma(z)$$
$$= \sigma(z) - t$$
$$= y - t$$
""",
    "bob.md": r"""$$= -t\,\frac{\sigma'(z)}{\sigma(z)} - (1 - t)\,\frac{\sigma'(z)}{1 - \sigma(z)}$$
$$= -t\left(1 - \sigma(z)\right) - (1 - t)\,\sigma(z)$$
$$= y - t$$
""",
    "carol.md": r"""Chain rule on each logarithm:
$$= -t \, \frac{\sigma'(z)}{\sigma(z)}  -  (1 - t) \, \frac{\sigma'(z)}{1 - \sigma(z)}$$
$$= \sigma(z) - t$$
""",
    "dave.md": r"""$$= -t\,\frac{\sigma'(z)}{\sigma(z)} + (1 - t)\,\frac{\sigma'(z)}{1 - \sigma(z)}$$
$$= -t\,\phi(z) + (1 - t)\,\psi(z)$$
$$= \sigma(z) - t$$
$$= y - t$$
""",
}


@pytest.fixture
def class_folder(tmp_path):
    folder = tmp_path / "class"
    folder.mkdir()
    for name, body in SUBMISSIONS.items():
        (folder / name).write_text(SHEET + body, encoding="utf-8")
    (folder / ".hidden.md").write_text("$$1 = 2$$\n")  # skipped, as editors' files are
    (folder / "notes.pdf").write_bytes(b"%PDF-")        # not a submission
    return folder


@pytest.fixture
def report(class_folder) -> ClassReport:
    return check_class([class_folder])


def _rows(report: ClassReport) -> dict[str, Row]:
    return {r.file.rsplit("/", 1)[-1]: r for r in report.rows}


def test_one_row_per_submission_with_its_verdict(report):
    rows = _rows(report)
    assert list(rows) == ["alice.md", "bob.md", "carol.md", "dave.md"]
    alice, bob, carol, dave = rows.values()
    assert (alice.fails, alice.unreadable, alice.first_wrong_line, alice.target) == \
        (0, 0, "", "reached")
    assert alice.holds >= 5 and not alice.diagnosis
    assert bob.first_wrong_line == "12" and bob.fails >= 1 and bob.target == "not reached"
    assert carol.first_wrong_line == "13" and carol.fails >= 1
    for r in (bob, carol):
        assert r.first_wrong_step.startswith(r"\frac{d}{dz}") and r.diagnosis
    assert (dave.fails, dave.first_wrong_line, dave.unreadable) == (0, "", 2)
    assert r"\phi" in dave.question and "declare" in dave.question
    assert not report.ok


def test_the_step_most_submissions_got_wrong(report):
    most = report.most_wrong
    assert most is not None and (most.count, most.of) == (2, 4)
    assert [(f.rsplit("/", 1)[-1], line) for f, line in most.where] == \
        [("bob.md", "12"), ("carol.md", "13")]
    assert r"- (1 - t)\,\frac{\sigma'(z)}{1 - \sigma(z)}" in most.step
    text = report.to_text()
    assert "the step most submissions got wrong (2 of 4)" in text
    assert re.search(r"bob\.md line 12, \S*carol\.md line 13", text)


def test_no_shared_wrong_step_no_claim(class_folder):
    (class_folder / "carol.md").unlink()
    assert check_class([class_folder]).most_wrong is None  # bob's slip is his alone


def test_csv_has_the_columns_a_spreadsheet_needs(report):
    rows = list(csv.DictReader(io.StringIO(report.to_csv())))
    assert {"file", "first_wrong_line"} <= set(rows[0])
    wrong = {r["file"].rsplit("/", 1)[-1]: r["first_wrong_line"] for r in rows}
    assert wrong == {"alice.md": "", "bob.md": "12", "carol.md": "13", "dave.md": ""}
    assert [int(r["unreadable"]) for r in rows] == [0, 0, 0, 2]


def test_json_and_text_say_the_same(report):
    data = json.loads(report.to_json())
    assert [f["first_wrong_line"] for f in data["files"]] == ["", "12", "13", ""]
    assert data["summary"] == {"files": 4, "without_a_wrong_step": 2, "with_a_wrong_step": 2,
                               "with_unreadable_steps": 1, "not_checked": 0}
    assert data["most_wrong"]["count"] == 2
    lines = report.to_text().splitlines()
    assert lines[0].split()[:4] == ["file", "holds", "fails", "unreadable"]
    assert "line 12" in next(x for x in lines if "bob.md" in x)


def test_the_command_line(class_folder, capsys):
    assert main(["check", str(class_folder), "--format", "csv"]) == 1
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [r["first_wrong_line"] for r in rows] == ["", "12", "13", ""]
    alice = str(class_folder / "alice.md")
    assert main(["check", alice, str(class_folder / "dave.md")]) == 0  # no step fails
    out = capsys.readouterr().out
    assert "2 files: 2 without a wrong step" in out and "most submissions" not in out
    assert main(["check", alice, "--format", "html"]) == 0
    assert capsys.readouterr().out.startswith("<!DOCTYPE html>")
    assert main(["check", alice, "--format", "json"]) == 0  # one file: its own report
    assert json.loads(capsys.readouterr().out)["file"] == alice


@pytest.mark.parametrize("argv, message", [
    (["check", "{d}/missing.md", "{d}/alice.md"], "missing.md: no such file or folder"),
    (["check", "{d}/empty"], "empty: a directory without submissions"),
    (["check", "{d}", "--json"], "--format"),
    (["check", "{d}", "--f", "x"], "not both"),
    (["check", "--format", "csv"], "--format goes with"),
    (["check", "{d}", "--points", "100000"], "points must be"),
])
def test_bad_input_is_one_line(class_folder, argv, message, capsys):
    (class_folder / "empty").mkdir()
    assert main([a.replace("{d}", str(class_folder)) for a in argv]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and message in err[0], err


def test_too_many_files_are_refused_before_any_is_checked(class_folder, monkeypatch):
    monkeypatch.setattr(classroom, "MAX_FILES", 3)
    monkeypatch.setattr(classroom, "_run", lambda *a: pytest.fail("checked anyway"))
    with pytest.raises(BackpropError, match="more than 3 files"):
        check_class([class_folder])


def test_an_unreadable_file_is_a_row_not_the_end(class_folder):
    (class_folder / "eve.md").write_bytes(b"\xff\xfe not utf-8 $$x$$")
    (class_folder / "frank.md").write_text("no math at all\n")
    rows = _rows(check_class([class_folder], workers=1))
    assert "UTF-8" in rows["eve.md"].error and "no equation" in rows["frank.md"].error
    assert rows["alice.md"].target == "reached"  # the others are checked as before


@pytest.mark.skipif("fork" not in mp.get_all_start_methods(), reason="the stand-in for a "
                    "slow check reaches the workers through fork")
def test_each_file_is_bounded_in_time(class_folder, monkeypatch):
    import backprop.verify

    real = backprop.verify.check_derivation

    def slow_for_bob(source, **kw):
        if str(source).endswith("bob.md"):
            time.sleep(60)
        return real(source, **kw)

    monkeypatch.setattr(backprop.verify, "check_derivation", slow_for_bob)
    start = time.monotonic()
    rows = _rows(check_class([class_folder], seconds=3, workers=2))
    assert time.monotonic() - start < 30
    assert rows["bob.md"].error == "not finished in 3 s"
    assert rows["carol.md"].first_wrong_line == "13" and rows["alice.md"].target == "reached"


def test_a_submission_cannot_inject_markup_or_control_codes(tmp_path):
    folder = tmp_path / "class"
    folder.mkdir()
    hostile = folder / "<img src=x onerror=alert(1)>.md"
    hostile.write_text("$$\\text{<script>alert(1)</script>} = \x1b[31m x$$\n$$= \\mathrm{\x07}y$$\n",
                       encoding="utf-8")
    report = check_class([folder])
    page = report.to_html()
    assert "<img" not in page and "<script" not in page and "&lt;img" in page
    for out in (report.to_text(), report.to_csv(), report.to_json(), page):
        assert "\x1b" not in out and "\x07" not in out


@settings(max_examples=80, deadline=None)
@given(st.text(max_size=30), st.text(max_size=30), st.text(max_size=30),
       st.sampled_from(["holds", "fails", "unreadable", "definition"]))
def test_any_report_text_is_written_safely(name, left, message, status):
    """Whatever a report holds, the CSV reads back to the cleaned values (a formula guarded),
    the page has no markup but its own, and no output carries a control code."""
    step = {"line": 3, "status": status, "left": left, "right": "x", "message": message}
    result = {"report": {"steps": [step], "first_failure": step if status == "fails" else None,
                         "target": "reached"}}
    row = classroom._row(name, result)
    report = ClassReport([row, classroom._row(name, {"error": message})])
    (back, err) = list(csv.DictReader(io.StringIO(report.to_csv())))
    for got, want in ((back["file"], row.file), (back["diagnosis"], row.diagnosis),
                      (err["error"], report.rows[1].error)):
        assert got == (("'" + want) if want.startswith(classroom._FORMULA_START) else want)
    page = report.to_html()
    assert page.count("<") == _tags(page)
    for out in (report.to_text(), report.to_csv(), report.to_json(), page):
        assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", out.replace("\n", ""))


def _tags(page: str) -> int:
    return len(re.findall(r"</?(?:!DOCTYPE|html|head|meta|title|style|body|h1|table|thead|"
                          r"tbody|tr|th|td|p|code)\b", page))
