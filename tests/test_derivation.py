"""Checking a learner's Markdown + LaTeX derivation: the corpus in tests/derivations/, where
each file says which line is its first wrong step (or that none is), the API, the command
line's exit codes and JSON, and a fuzz of the reader that must find no crash."""

import functools
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

import backprop as bp
from backprop.errors import BackpropError

pytest.importorskip("lark")

CORPUS = Path(__file__).parent / "derivations"
FILES = sorted(CORPUS.glob("*.md"))
EXPECT = re.compile(r"<!-- expect: (.*?) -->")


def _expectation(path: Path) -> dict:
    m = EXPECT.search(path.read_text(encoding="utf-8"))
    assert m, f"{path.name} has no <!-- expect: … --> line"
    out = {}
    for key, value in re.findall(r'(\w+)(?:=("[^"]*"|\S+))?', m.group(1)):
        out[key] = value.strip('"') if value else True
    return out


def test_the_corpus_is_large_and_covers_each_mistake():
    assert len(FILES) >= 30
    expectations = [_expectation(f) for f in FILES]
    assert sum("first_failure_line" in e for e in expectations) >= 15
    assert sum("no_failure" in e for e in expectations) >= 10
    names = " ".join(f.stem for f in FILES)
    for mistake in ("index_swap", "sign", "dropped", "exponent", "squared_denominator",
                    "transpose", "arithmetic_slip", "only_when_i_equals_j", "noise"):
        assert mistake in names, mistake


@functools.lru_cache(maxsize=None)
def _report(path: Path):
    return bp.check_derivation(path, points=2)


@pytest.mark.parametrize("path", FILES, ids=[f.stem for f in FILES])
def test_corpus_derivation(path):
    expect = _expectation(path)
    report = _report(path)
    first = report.first_failure
    statuses = [s.status for s in report.steps]
    if "no_failure" in expect:
        assert first is None, f"line {first.line}: {first.message}"
        assert report.ok
    else:
        assert first is not None, "no step failed"
        assert first.line == int(expect["first_failure_line"]), first.message
        assert not report.ok
    if "hint" in expect:
        said = " ".join(filter(None, (first.diagnosis, first.hint)))
        assert expect["hint"] in said, said
    if "unreadable" in expect:
        unreadable = [s for s in report.steps if s.status == "unreadable"]
        assert len(unreadable) == int(expect["unreadable"]), [s.message for s in unreadable]
    if "min_unreadable" in expect:
        assert statuses.count("unreadable") >= int(expect["min_unreadable"])
        assert all(s.message for s in report.steps if s.status == "unreadable")
    assert "holds" in statuses or "fails" in statuses


def test_corpus_figures(capsys):
    """The figures quoted when the corpus changes: steps read, held, failed, unreadable."""
    totals = dict.fromkeys(("definition", "holds", "fails", "unreadable", "skipped"), 0)
    for path in FILES:
        for s in _report(path).steps:
            totals[s.status] += 1
    with capsys.disabled():
        print(f"\ncorpus: {len(FILES)} derivations, {sum(totals.values())} steps read: {totals}")
    assert totals["holds"] > 3 * totals["fails"]


def test_report_object_and_counterexample():
    text = ("---\nz: vector 3\n---\n$$s_i = \\frac{e^{z_i}}{\\sum_k e^{z_k}}$$\n"
            "$$\\frac{\\partial s_i}{\\partial z_j} = s_i(\\delta_{ij} - s_j) = s_i(1 - s_j)$$\n")
    report = bp.check_derivation(text, points=2, seed=1)
    assert [s.status for s in report.steps] == ["definition", "holds", "fails"]
    first = report.first_failure
    assert first is report.steps[2] and first.line == 5 and not report.ok
    ce = first.counterexample
    assert set(ce["indices"]) == {"i", "j"} and ce["indices"]["i"] != ce["indices"]["j"]
    assert "z" in ce["point"] and float(ce["left"]) != float(ce["right"])
    assert first.diagnosis == "holds only when i = j"
    text = str(report)
    assert "first wrong step (line 5)" in text and "✗" in text and "✓" in text


def test_derivatives_are_confirmed_and_kinks_are_not_counted_wrong():
    # |x| at 0 is a kink: points there are skipped, the others decide
    r = bp.check_derivation("---\nx: scalar\n---\n$$\\frac{d}{dx} |x| = \\operatorname{sign}(x)$$")
    assert r.steps[0].status == "holds"


def test_seed_and_points_change_the_draws():
    text = "---\nx: vector 3\n---\n$$x^T x = 2 x^T x$$"
    a = bp.check_derivation(text, seed=0).first_failure.counterexample
    b = bp.check_derivation(text, seed=5).first_failure.counterexample
    assert a["point"] != b["point"]
    assert bp.check_derivation("$$ 1 + 1 = 2 $$", points=1).steps[0].message == \
        "holds at 1 point"


@pytest.mark.parametrize("text, reason", [
    ("no math here at all", "holds no equation"),
    ("$$x + 1$$", "holds no equation"),
    ("---\nx: vector 100\n---\n$$x = x$$", "out of range 1..64"),
    ("---\nx: tensor 3\n---\n$$x = x$$", "unknown kind"),
    ("---\nx vector 3\n---\n$$x = x$$", "expected 'names: kind'"),
    ("---\nx: scalar\n$$x = x$$", "never closed"),
])
def test_bad_input_is_one_clean_error(text, reason):
    with pytest.raises(BackpropError, match=re.escape(reason)):
        bp.check_derivation(text if "\n" in text else text + "\n")


def test_a_site_s_front_matter_keys_are_passed_over():
    r = bp.check_derivation("---\ntitle: Softmax, again\ntags: [ml]\ndescription: >\n  a "
                            "long text\nx: vector 3\n---\n$$x^T x = \\sum_i x_i^2$$\n")
    assert [s.status for s in r.steps] == ["holds"]


def test_a_site_s_keys_in_any_script_are_passed_over():
    """课程 (course), тема (topic): words of a site's front matter, not names to declare."""
    r = bp.check_derivation("---\n课程: 深度学习（第6讲）\nтема: softmax\nx: vector 3\n---\n"
                            "$$x^T x = \\sum_i x_i^2$$\n")
    assert [s.status for s in r.steps] == ["holds"]


def test_a_rule_line_at_the_top_is_no_front_matter():
    r = bp.check_derivation("---\nSome words first.\n\n$$2 + 2 = 4$$\n")
    assert [s.status for s in r.steps] == ["holds"]


def test_bad_arguments_and_missing_file(tmp_path):
    with pytest.raises(BackpropError, match="no such file"):
        bp.check_derivation(tmp_path / "missing.md")
    with pytest.raises(BackpropError, match="points"):
        bp.check_derivation("$$1 = 1$$", points=0)
    with pytest.raises(BackpropError, match="seed"):
        bp.check_derivation("$$1 = 1$$", seed=-1)


def test_hostile_sizes_are_bounded():
    deep = "$$" + "(" * 400 + "x" + ")" * 400 + " = x$$"
    r = bp.check_derivation(deep)
    assert r.steps[0].status == "unreadable"
    wide = "$$" + "+".join(["x"] * 1500) + " = x$$"
    assert bp.check_derivation(wide).steps[0].status == "unreadable"
    sums = "---\nn: 64\nx: vector 64\n---\n$$" + "".join(
        f"\\sum_{{{c}=1}}^{{n}} " for c in "abcdefgh") + "x_a = 1$$"
    assert bp.check_derivation(sums, points=1).steps[0].status == "unreadable"


def test_lark_is_imported_only_when_checking():
    code = "import sys, backprop, backprop.verify; print('lark' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "False"


def test_missing_lark_names_the_extra(monkeypatch):
    from backprop.verify.derivation import parse as parse_module
    from backprop.verify.derivation import syntax

    # as in a fresh process: no parser, and no side read earlier in this one (the sides
    # read are cached, and a corpus test may have read "1" already)
    parse_module._parser.cache_clear()
    syntax._read.cache_clear()
    monkeypatch.setitem(sys.modules, "lark", None)
    try:
        with pytest.raises(BackpropError, match=r"\[check\] extra"):
            bp.check_derivation("$$1 = 1$$")
    finally:
        monkeypatch.delitem(sys.modules, "lark")
        parse_module._parser.cache_clear()


def _cli(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "backprop", "check", *map(str, args)],
                          capture_output=True, text=True, cwd=cwd, timeout=120)


def test_cli_exit_code_0(capsys):
    from backprop.cli import main

    assert main(["check", str(CORPUS / "cross_entropy_gradient_correct.md")]) == 0
    out = capsys.readouterr()
    assert "✓" in out.out and "✗" not in out.out and not out.err


def test_cli_exit_codes_and_json(tmp_path):
    wrong = CORPUS / "softmax_only_when_i_equals_j.md"
    bad = _cli(wrong, "--json", "--points", "2", "--seed", "3")
    assert bad.returncode == 1
    data = json.loads(bad.stdout)
    # the keys fixed before are kept; others are added
    assert {"file", "steps", "first_failure", "summary"} <= set(data)
    assert data["file"] == str(wrong)
    for step in data["steps"]:
        assert {"line", "status", "left", "right", "message"} <= set(step)
        assert isinstance(step["line"], int)
        assert step["status"] in ("holds", "fails", "unreadable", "definition", "skipped")
    assert data["first_failure"] == next(s for s in data["steps"] if s["status"] == "fails")
    assert data["first_failure"]["line"] == 8


def test_cli_reads_a_pipe():
    """backprop explain RULE --markdown | backprop check /dev/stdin: the section holds."""
    section = subprocess.run([sys.executable, "-m", "backprop", "explain", "elu", "--markdown"],
                             capture_output=True, text=True, timeout=120, check=True).stdout
    out = subprocess.run([sys.executable, "-m", "backprop", "check", "/dev/stdin"],
                         input=section, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0 and "✓" in out.stdout, out.stderr
    wrong = section.replace("\\alpha e^x & x", "e^x & x")
    assert wrong != section
    out = subprocess.run([sys.executable, "-m", "backprop", "check", "/dev/stdin"],
                         input=wrong, capture_output=True, text=True, timeout=120)
    assert out.returncode == 1 and "✗" in out.stdout


def test_cli_bad_input_in_process(tmp_path, capsys):
    from backprop.cli import main

    assert main(["check", str(tmp_path / "nope.md")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no such file" in err

    (tmp_path / "prose.md").write_text("Just prose, no math.\n")
    assert main(["check", str(tmp_path / "prose.md")]) == 2
    assert "no equation" in capsys.readouterr().err
    right = CORPUS / "cross_entropy_gradient_correct.md"
    assert main(["check", str(right), "--f", "x"]) == 2
    assert "not both" in capsys.readouterr().err
    assert main(["check", "--json", "--f", "x", "--jacobian", "1"]) == 2
    assert main(["check"]) == 2
    assert "give FILE.md" in capsys.readouterr().err


try:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st
except ImportError:  # pragma: no cover
    given = None

if given is not None:
    _PIECES = st.sampled_from([
        "x", "y_i", "W_{kj}", "\\frac{", "}{", "}", "{", "(", ")", "\\left(", "\\right)", "^",
        "_", "=", "+", "-", "\\cdot", "\\sum_{k=1}^{n}", "\\sum_j", "\\partial", "\\delta_{ij}",
        "\\sigma(", "e^{", "\\log", "\\sqrt{", "|", "\\|", "&", "\\\\", "$", "$$", "\\begin{pmatrix}",
        "\\end{pmatrix}", "\\mathbb{1}_{i=j}", "'", "^T", "2", "0.5", " ", "\n", "\\quad", ",",
        "\\operatorname{softmax}", "\\nabla_x", "D_x", "\\lfloor", "\\rfloor", "I(y=k)", "%",
        "\\text{for }", "\\neq", "\\frac{\\partial}{\\partial x}", "\\x", "≠", "σ", "⊙"])
    _HEADER = "---\nx, y: vector 3\nW: matrix 3x3\nn: 3\n---\n"

    @settings(max_examples=40, deadline=None,
              suppress_health_check=[HealthCheck.too_slow])
    @given(st.lists(_PIECES, max_size=30))
    def test_fuzz_reader_and_checker_never_crash(pieces):
        text = _HEADER + "$$" + "".join(pieces) + " = x$$\n"
        try:
            report = bp.check_derivation(text, points=1)
        except BackpropError:
            return
        for s in report.steps:
            assert s.status in ("holds", "fails", "unreadable", "definition", "skipped")
            assert isinstance(s.line, int) and s.line >= 1
        json.dumps(report.to_dict())
        str(report)

    @settings(max_examples=30, deadline=None)
    @given(st.text(max_size=200))
    def test_fuzz_arbitrary_text(text):
        try:
            report = bp.check_derivation(text + "\n$$1 = 1$$\n", points=1)
        except BackpropError:
            return
        assert report.steps


def test_documented_example_output_is_real():
    doc = (Path(__file__).parents[1] / "docs" / "check.md").read_text(encoding="utf-8")
    section = doc.split("## An example", 1)[1].split("\n## ", 1)[0]
    source = re.search(r"```markdown\n(.*?)```", section, re.S).group(1)
    console = re.search(r"```console\n\$ backprop check softmax.md\n(.*?)```", section,
                        re.S).group(1)
    assert str(bp.check_derivation(source)) == console.rstrip("\n")


def test_front_matter_forms_a_learner_may_write():
    text = ("---\ntitle: My softmax\nauthor: Ann\nx: $\\mathbb{R}^3$\nA: R^{3 x 3}\n"
            "n: 3\ny: vector n\n---\n$$ (Ax)^T y = x^T A^T y = y^T A x $$\n"
            "$$ (Ax)^T y = x^T A y $$\n")
    report = bp.check_derivation(text, points=2)
    assert [s.status for s in report.steps] == ["holds", "holds", "fails"]


def test_unreadable_names_the_line_and_column():
    report = bp.check_derivation("Intro.\n\n$$a = b + \\frac{1}{2}} = 3$$\n$$1 + 1 = 2$$\n")
    first, second, third = report.steps
    assert first.status == second.status == "unreadable" and third.status == "holds"
    assert "unexpected '}'" in first.message and "(line 3, column 22)" in first.message


def test_bom_crlf_and_html_comments():
    text = ("\ufeff---\r\nx: vector 2\r\n---\r\n<!-- $$1 = 2$$ -->\r\n"
            "$$x^T x = x_1^2 + x_2^2$$\r\n")
    report = bp.check_derivation(text)
    assert [(s.line, s.status) for s in report.steps] == [(5, "holds")]


def test_a_notebooks_derivation_cells_are_derivations_of_their_own(tmp_path):
    """Each %%derivation cell is checked with its own front matter, as the magic checks it,
    and its steps are named by the cell and the line in the cell; a notebook whose math is
    only in such cells is checked too."""
    nbformat = pytest.importorskip("nbformat")
    v4 = nbformat.v4
    magic = ("%%derivation --points 3\n---\nz: vector 3\n---\n"
             "$$\\frac{\\partial}{\\partial z_j} \\log\\sum_k e^{z_k} = "
             "\\operatorname{softmax}(z)_j$$\n")
    slip = "%%derivation\n---\nx: scalar\n---\n$$\\frac{d}{dx} x^3 = 3x$$\n"
    for prose in ("No math here.", "Take $a = 2 + 2 = 4$."):
        nb = v4.new_notebook(cells=[v4.new_markdown_cell(prose), v4.new_code_cell(magic),
                                    v4.new_code_cell("x = 1"), v4.new_code_cell(slip)])
        path = tmp_path / "nb.ipynb"
        path.write_text(nbformat.writes(nb), encoding="utf-8")
        report = bp.check_derivation(path)
        marks = [(s.cell, s.status) for s in report.steps if s.status != "definition"]
        expected = [((2, 5), "holds"), ((4, 5), "fails")]
        if "$" in prose:
            expected.insert(0, ((1, 1), "holds"))
        assert marks == expected, marks
        assert report.first_failure.cell == (4, 5)


@pytest.mark.parametrize("step, says", [
    ("1.5 \\times 2.5 = 3.25", "the left side is 3.75 (one digit differs)"),
    ("2 \\cdot 0.62 = 1.42", "the left side is 1.24 (two digits swapped)"),
    ("0.1966^5 = 2.94 \\times 10^{-3}", "power of ten"),
    ("\\log 4 = 1.2", "an arithmetic slip"),
])
def test_a_slip_in_numbers_is_called_an_arithmetic_slip(step, says):
    report = bp.check_derivation(f"$${step}$$\n", points=2)
    first = report.first_failure
    assert first is not None and says in (first.diagnosis or ""), str(report)


def test_a_step_with_inputs_is_no_arithmetic_slip():
    report = bp.check_derivation("---\nx: scalar\n---\n$$x^2 = 2x$$\n", points=2)
    assert report.first_failure is not None
    assert "arithmetic" not in (report.first_failure.diagnosis or "")


@pytest.mark.parametrize("step, says", [
    ("\\begin{bmatrix} 3 & -1 \\\\ -1 & 2 \\end{bmatrix}^{-1} = \\frac{1}{5}"
     "\\begin{bmatrix} 2 & -1 \\\\ -1 & 3 \\end{bmatrix}",
     "holds if the sign of entries (1, 2), (2, 1) is flipped"),
    ("\\begin{bmatrix} 1 & 2 \\\\ 3 & 4 \\end{bmatrix} \\begin{bmatrix} 1 \\\\ 1 \\end{bmatrix}"
     " = \\begin{bmatrix} 3 \\\\ 8 \\end{bmatrix}", "only entry 2 differs"),
])
def test_a_matrix_wrong_in_some_entries_says_which(step, says):
    report = bp.check_derivation(f"$${step}$$\n", points=2)
    first = report.first_failure
    assert first is not None and first.diagnosis == says, str(report)
