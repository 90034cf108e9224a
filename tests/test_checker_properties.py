"""Correct derivations generated from the rules never get a ✗.

For each rule of the table that a learner writes as a function, its forward and its
derivative are written as its docstring gives them (``σ′ = σ(1 − σ)``, ``tanh′ = 1 − tanh²``,
``ζ′ = σ``, the softmax Jacobian ``s_i(δ_ij − s_j)``…), then dressed at random: the variable
renamed, the function spelt any way the table accepts (``\\sigma``, ``\\operatorname{sigmoid}``,
``\\mathrm{sigmoid}``), the derivative written in any of the usual notations (``\\frac{d}{dx}
f(x)``, ``\\frac{df}{dx}``, ``f'(x)``, ``\\frac{\\partial f(x)}{\\partial x}``), the variable
declared as a number, as a vector, or not at all. The checker must call none of these wrong,
and must read most of them.
"""

from __future__ import annotations

import math

from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import backprop as bp
from backprop.functional.table import lookup

pytest.importorskip("lark")

# The derivative of each elementwise rule, as its docstring writes it ({f} is how the function
# is spelt, {x} the variable), and the domain its variable is drawn from.
DERIVATIVES = {
    "sigmoid": ["{f}({x})(1 - {f}({x}))", "{f}({x})\\left(1 - {f}({x})\\right)",
                "\\frac{{e^{{-{x}}}}}{{(1 + e^{{-{x}}})^2}}"],
    "tanh": ["1 - {f}({x})^2", "1 - {f}^2({x})", "\\frac{{4}}{{(e^{{{x}}} + e^{{-{x}}})^2}}"],
    "softplus": ["\\sigma({x})", "\\frac{{1}}{{1 + e^{{-{x}}}}}", "\\frac{{e^{{{x}}}}}{{1 + e^{{{x}}}}}"],
    "exp": ["{f}({x})", "e^{{{x}}}"],
    "log": ["\\frac{{1}}{{{x}}}", "{x}^{{-1}}"],
    "silu": ["\\sigma({x})\\left(1 + {x}(1 - \\sigma({x}))\\right)",
             "\\sigma({x}) + {x}\\sigma({x})(1 - \\sigma({x}))"],
}
# The forward of each, as its docstring writes it.
FORWARDS = {
    "sigmoid": ["\\frac{{1}}{{1 + e^{{-{x}}}}}", "\\frac{{e^{{{x}}}}}{{1 + e^{{{x}}}}}"],
    "tanh": ["\\frac{{e^{{{x}}} - e^{{-{x}}}}}{{e^{{{x}}} + e^{{-{x}}}}}", "2\\sigma(2{x}) - 1"],
    "softplus": ["\\log(1 + e^{{{x}}})", "\\ln\\left(1 + e^{{{x}}}\\right)"],
    "silu": ["{x}\\sigma({x})", "\\frac{{{x}}}{{1 + e^{{-{x}}}}}"],
}
POSITIVE = {"log"}
NAMES = ["x", "z", "a", "u", "t", "v", "\\xi", "\\eta", "h", "s"]


def spellings(rule: str) -> list[str]:
    op = lookup(rule)
    out = []
    for word in op.latex:
        if word.startswith("\\"):
            out.append(word)
        else:
            out += [f"\\operatorname{{{word}}}", f"\\mathrm{{{word}}}"]
    return out


@st.composite
def derivation(draw):
    rule = draw(st.sampled_from(sorted(DERIVATIVES)))
    f = draw(st.sampled_from(spellings(rule)))
    x = draw(st.sampled_from(NAMES))
    kind = draw(st.sampled_from(["positive" if rule in POSITIVE else "scalar", "vector 3",
                                 None if rule not in POSITIVE else "positive"]))
    front = f"---\n{x}: {kind}\n---\n" if kind else ""
    rhs = draw(st.sampled_from(DERIVATIVES[rule])).format(f=f, x=x)
    lhs = draw(st.sampled_from([
        "\\frac{{d}}{{d{x}}} {f}({x})", "\\frac{{\\partial}}{{\\partial {x}}} {f}({x})",
        "\\frac{{\\partial {f}({x})}}{{\\partial {x}}}", "{f}'({x})"])).format(f=f, x=x)
    lines = [f"$$\n{lhs} = {rhs}\n$$"]
    if rule in FORWARDS:
        forward = draw(st.sampled_from(FORWARDS[rule])).format(x=x)
        lines.insert(0, f"The function: ${f}({x}) = {forward}$.")
    return rule, front + "\n\n".join(lines) + "\n"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(derivation())
def test_a_rule_written_as_its_docstring_is_never_called_wrong(case):
    rule, text = case
    report = bp.check_derivation(text, points=2)
    assert report.count("fails") == 0, f"{rule}:\n{text}\n{report}"


@pytest.mark.parametrize("rule", sorted(DERIVATIVES))
def test_each_rule_is_read_in_its_plainest_form(rule):
    f = spellings(rule)[0]
    rhs = DERIVATIVES[rule][0].format(f=f, x="x")
    kind = "positive" if rule in POSITIVE else "scalar"
    report = bp.check_derivation(f"---\nx: {kind}\n---\n$$\\frac{{d}}{{dx}} {f}(x) = {rhs}$$\n")
    assert report.count("holds") == 1, str(report)


SOFTMAX_FORMS = [
    "s_i(\\delta_{{ij}} - s_j)", "s_i\\delta_{{ij}} - s_i s_j",
    "\\begin{{cases}} s_i(1 - s_i) & i = j \\\\ -s_i s_j & i \\neq j \\end{{cases}}"]


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(["z", "x", "a", "o"]), st.sampled_from(["s", "p", "y", "q"]),
       st.sampled_from(SOFTMAX_FORMS), st.sampled_from(spellings("softmax")),
       st.booleans())
def test_the_softmax_jacobian_in_any_dress(z, s, form, softmax, declared):
    if s == z:
        return
    front = f"---\n{z}: vector 4\n---\n" if declared else ""
    text = (front + f"$${s}_i = \\frac{{e^{{{z}_i}}}}{{\\sum_{{k=1}}^{{4}} e^{{{z}_k}}}}$$\n"
            f"$${s} = {softmax}({z})$$\n"
            f"$$\\frac{{\\partial {s}_i}}{{\\partial {z}_j}} = "
            + form.format().replace("s_", f"{s}_") + "$$\n")
    report = bp.check_derivation(text, points=2)
    assert report.count("fails") == 0, f"{text}\n{report}"


INLINE = [("$", "$"), ("\\(", "\\)"), ("\\\\(", "\\\\)")]
DISPLAY = [("$$", "$$"), ("\\[", "\\]"), ("\\\\[", "\\\\]")]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(INLINE), st.sampled_from(DISPLAY), st.integers(2, 9), st.booleans())
def test_every_math_delimiter_gives_the_same_verdicts(inline, display, a, slip):
    """$…$ and \\(…\\), $$…$$ and \\[…\\], and their Markdown-escaped forms \\\\(…\\\\) and
    \\\\[…\\\\] (kramdown, as course notes write them) are one thing to the checker."""
    claim = f"\\frac{{d}}{{dx}} x^{a} = {a}x^{{{a - 1 + (1 if slip else 0)}}}"
    plain = f"Take $y = x^{a}$.\n\nThen\n\n$${claim}$$\n"
    dressed = (f"Take {inline[0]}y = x^{a}{inline[1]}.\n\nThen\n\n"
               f"{display[0]}{claim}{display[1]}\n")
    marks = [[(s.line, s.status) for s in bp.check_derivation(text, points=2).steps]
             for text in (plain, dressed)]
    assert marks[0] == marks[1], (dressed, marks)
    assert [m for _, m in marks[0] if m in ("holds", "fails", "unreadable")] == \
        ["fails" if slip else "holds"]


# one derivation written in LaTeX and typed in plain Unicode, as a chat post writes it
_TYPED = [("$z = w x + b$", "z = w x + b"), ("$z^2$", "z²"), ("$\\sigma(z)$", "σ(z)"),
          ("$\\hat{y}_1$", "ŷ₁"), ("$\\frac{1}{2}$", "½"), ("$v_2$", "v₂")]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(1, 5), st.integers(-3, 3), st.integers(-2, 2), st.booleans(),
       st.sampled_from(["-", "*", "1."]))
def test_math_typed_without_delimiters_gets_the_verdicts_of_its_latex(w, x, b, slip, bullet):
    """A learner who types ``ŷ₁ = v₂ z²`` in a chat post, with no $…$, gets the verdicts of
    the same steps written in LaTeX."""
    z = w * x + b
    latex = (f"With $w = {w}$, $x = {x}$ and $b = {b}$, and $v_2 = 2$:\n\n"
             f"{bullet} $z = w x + b = {z}$\n"
             f"{bullet} $\\hat{{y}}_1 = v_2 z^2 = {2 * z * z + (1 if slip else 0)}$\n"
             f"{bullet} $\\frac{{1}}{{2}} \\hat{{y}}_1 = {z * z}$\n")
    typed = (f"With w = {w}, x = {x} and b = {b}, and v₂ = 2:\n\n"
             f"{bullet} z = w x + b = {z}\n"
             f"{bullet} ŷ₁ = v₂ z² = {2 * z * z + (1 if slip else 0)}\n"
             f"{bullet} ½ ŷ₁ = {z * z}\n")
    marks = [[(s.line, s.status) for s in bp.check_derivation(text, points=2).steps]
             for text in (latex, typed)]
    assert marks[0] == marks[1], (typed, marks)
    assert ("fails" in [m for _, m in marks[1]]) == slip, marks


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("xyzWab12 .,;:=≈<>()[]+−-·²₁ᵀσ∂/√½ forandthe\n")),
               max_size=300))
def test_math_found_in_plain_text_is_whole_equations_on_one_line(text):
    """Whatever the prose, what is read as math typed without delimiters lies on one line, is
    the text itself (but for the braces of names), states a relation with something on both
    sides, and has its brackets closed."""
    from backprop.verify.derivation.source import Source, plain_math

    for block in plain_math(Source("t", text), text, []):
        # (the braces the reader adds to a plain text's names, w1 as w_{1}, aside)
        written = "".join(c for k, c in enumerate(block.latex) if k not in block.inserted)
        assert "\n" not in block.latex and written == text[block.start:block.end]
        assert any(sign in block.latex for sign in "=≈<>≤≥≠"), block
        for opening, closing in ("()", "[]"):
            assert block.latex.count(opening) == block.latex.count(closing), block


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["18", " 496", " 000", "\u00a0816", " ", "= ", "289·64 ", "%",
                                 ",", "0", "5", "(", ")", "[", "]", "x", " (1)", ".", "∂/∂x of ",
                                 "and", "\n"]), max_size=40))
def test_grouped_numbers_percentages_and_tags_keep_the_text_as_it_is(tokens):
    """18 496, 98,6%, an equation's number (1), an operator before a word: what is read as
    math typed without delimiters is still the text itself but for the marks the reader adds
    (18\\ 496, 98,6\\%), on one line, with a relation and both its sides."""
    _plain_math_is_the_text("".join(tokens))


@settings(max_examples=200, deadline=None)
@given(st.integers(1000, 10 ** 9), st.lists(st.sampled_from(["0.5", "2", "1.386", "x"]),
                                             max_size=3))
def test_points_grouping_thousands_are_read_as_the_number_they_spell(n, others):
    """16.777.216 (several groups) is 16777216 in the usual reading; 65.536 (one group) is
    65.536 first and 65536 as a second reading, offered only where every number written with
    a point may be so grouped (1.386 may; beside 0.5 the point is a decimal point)."""
    from backprop.verify.derivation.parse import readings

    spelled = f"{n:,}".replace(",", ".")
    text = " + ".join([spelled] + others)
    terms = [term for _, term in readings(text)]
    numbers = [[m.value for m in _walk(term) if type(m).__name__ == "Num"] for term in terms]
    if spelled.count(".") >= 2:
        assert float(n) in numbers[0], (text, numbers)
    else:
        assert float(spelled) in numbers[0], (text, numbers)
        grouped = "0.5" not in others
        assert any(float(n) in ns for ns in numbers[1:]) == grouped, (text, numbers)


@settings(max_examples=40, deadline=None)
@given(st.integers(-3, 3), st.integers(1, 4), st.integers(-5, 5), st.sampled_from(
    [("\\le", "<"), ("<", "\\le"), ("\\leq", "\\leq")]), st.booleans())
def test_a_case_condition_chaining_two_relations_is_both(a, width, x, signs, slip):
    """a ≤ x < b as a case's condition holds where both relations do, the ends included or
    not as written: F at a whole number is 1 inside, 0 outside, and a wrong value fails."""
    b = a + width
    first, second = signs
    inside = (a <= x if first != "<" else a < x) and (x <= b if second != "<" else x < b)
    value = int(inside) if not slip else 1 - int(inside)
    text = (f"$$F(x) = \\begin{{cases}} 1, & {a} {first} x {second} {b},\\\\ 0, & "
            f"\\text{{otherwise}}\\end{{cases}}$$\n\n$$F({x}) = {value}$$\n")
    report = bp.check_derivation(text, points=2)
    assert [s.status for s in report.steps if s.line == 3] == \
        ["fails" if slip else "holds"], (text, str(report))


@settings(max_examples=60, deadline=None)
@given(st.integers(10, 99), st.integers(-12, 15), st.sampled_from(["\\times", "\\cdot"]),
       st.sampled_from(["\\log_{10}", "\\ln"]))
def test_a_number_in_scientific_notation_is_a_logarithm_s_whole_argument(m, k, times, log):
    """log₁₀ 8.8×10¹³ is the logarithm of the number the notation spells, never (log₁₀ 8.8)
    times 10¹³; a value off in its last shown digit fails."""
    mantissa = m / 10
    value = (math.log10 if "10" in log else math.log)(mantissa * 10.0 ** k)
    shown = f"{value:.4f}"
    slip = f"{value + 0.01:.4f}"
    text = (f"$$y = {log} {mantissa}{times}10^{{{k}}} = {shown}$$\n\n"
            f"$$z = {log} {mantissa}{times}10^{{{k}}} = {slip}$$\n")
    report = bp.check_derivation(text, points=2)
    assert [s.status for s in report.steps if s.status != "definition"] == \
        ["holds", "fails"], (text, str(report))


@settings(max_examples=60, deadline=None)
@given(st.integers(100, 99_999), st.integers(1, 3))
def test_a_whole_number_after_approx_is_rounded_to_its_last_digit_not_zero(n, zeros):
    """≈ 11{,}400 read with thousands is 11,400 to its hundreds: a product within half of its
    last digit that is not 0 holds, one beyond it fails."""
    unit = 10 ** zeros
    shown = n * unit
    if n % 10 == 0 or len(str(n)) < 3 or shown >= 10 ** 6:
        return          # two significant digits are taken as written; 1{,}001{,}000 after ≈
        #                 is not read as a rounded value (the chain ends at ≈)
    spelled = f"{shown:,}".replace(",", "{,}")
    near, far = shown + unit // 2 - 1, shown + unit
    text = (f"$$2 \\times {near / 2:.1f} \\approx {spelled}$$\n\n"
            f"$$2 \\times {far / 2:.1f} \\approx {spelled}$$\n")
    report = bp.check_derivation(text, points=2)
    assert [s.status for s in report.steps] == ["holds", "fails"], (text, str(report))


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("abdegilmnorstvx")), min_size=2, max_size=8),
       st.sampled_from(["rm", "bf", "it", "sf"]), st.sampled_from(["^", "_"]),
       st.integers(2, 9), st.booleans())
@example("diag", "bf", "^", 2, False)     # a function's word: \bf diag as \mathbf{diag} reads it
def test_a_plain_tex_font_switch_reads_as_the_style_it_names(word, style, where, k, slip):
    """``{\\rm word}`` is ``\\mathrm{word}`` (``\\bf`` ``\\mathbf``, …): a step with it reads as the
    same step with \\mathrm{…} does; after ^ or _ a roman word is a label (a d in it never a
    derivative's d, its letters never a product), and an arithmetic slip beside it fails."""
    value = 3 * k + (1 if slip else 0)
    step = f"$$3 y{where}{{X}} = {value}$$\n"
    given = f"Let $y{where}{{X}} = {k}$.\n\n"
    old = given.replace("X", "\\" + style + " " + word) + step.replace("X", "\\" + style + " " + word)
    new = given.replace("X", "\\math" + style + "{" + word + "}") + \
        step.replace("X", "\\math" + style + "{" + word + "}")
    a, b = bp.check_derivation(old, points=2), bp.check_derivation(new, points=2)
    assert [s.status for s in a.steps] == [s.status for s in b.steps], (old, str(a), str(b))
    if style == "rm":       # a roman word after ^ or _ is a label (a bold one may be a vector)
        assert [s.status for s in a.steps if s.status in ("holds", "fails")] == \
            ["fails" if slip else "holds"], (old, str(a))


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(-999, 999), min_size=2, max_size=6), st.integers(0, 3),
       st.sampled_from(["\\ \\ ", "\\ \\ \\ ", "\\quad ", "\\qquad "]))
def test_a_row_of_numbers_spaced_apart_reads_as_the_list(entries, places, gap):
    """``(1.75\\ \\ 0\\ \\ 0.7)``, ``(1 \\quad 2)``: a row whose entries are set apart by
    spaces reads as the same list written with commas, never as a product of its entries."""
    from backprop.verify.derivation.parse import _normalise
    numbers = [f"{v / 10 ** places:.{places}f}" for v in entries]
    spaced = "x = (" + gap.join(numbers) + ")"
    listed = "x = (" + ", ".join(numbers) + ")"
    assert _normalise(spaced) == _normalise(listed), (spaced, _normalise(spaced))


def _walk(term):
    from backprop.verify.derivation import terms as t
    return list(t.walk(term))


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["is", "a", "scalar", "multiple", "of", "number", "the", "bias",
                                 "real", "vector"]), min_size=1, max_size=4),
       st.sampled_from([".", ",", ";", "\n"]))
def test_a_name_is_a_scalar_only_where_the_words_end_saying_so(words, stop):
    """"$b$ is a scalar." declares b a number; "$b$ is a scalar multiple of …" does not: the
    clause after the name must end with the cue row's words."""
    from backprop.verify.derivation.scope import read_scope
    from backprop.verify.derivation.source import Source
    from backprop.verify.derivation.syntax import statements

    said = " ".join(words)
    text = f"Let $x \\in \\mathbb{{R}}^3$; $b$ {said}{stop}\n\n$$z = x + b$$\n"
    src = Source("t", text)
    scope = read_scope(src, statements(src))
    ends = any(said.endswith(p) for p in ("a scalar", "a number", "a real number"))
    assert (scope.declared.get("b") is not None) == ends, (text, scope.declared)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.integers(-999, 999), min_size=2, max_size=4), min_size=1,
                max_size=3).filter(lambda rows: len({len(r) for r in rows}) == 1),
       st.booleans(), st.booleans())
def test_an_array_printed_with_spaces_is_read_entry_by_entry(rows, comma, nested):
    """[[0,4  0,2], [−0,3  0,8]] and [[0.4 0.2] [-0.3 0.8]]: the numbers a space sets apart
    are the entries, a comma between digits a decimal comma, whatever the numbers."""
    from backprop.verify.derivation import parse as P
    from backprop.verify.derivation import terms as t

    def number(v: int) -> str:
        text = f"{v / 10:.1f}"
        return text.replace(".", ",") if comma else text

    printed = ["[" + "  ".join(number(v) for v in row) + "]" for row in rows]
    text = "[" + (", " if comma else " ").join(printed) + "]" if nested or len(rows) > 1 \
        else printed[0]
    term = P.readings(text)[0][1]
    values = [[e for e in r] for r in term.rows] if isinstance(term, t.Matrix) else \
        [list(term.args)]

    def value(e) -> float:
        return -value(e.a) if isinstance(e, t.Neg) else e.value

    assert [[value(e) for e in r] for r in values] == [[v / 10 for v in row] for row in rows], \
        (text, term)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["delta", "beta", "sigma", "eta", "x", "W1", "dL/da", "dL/dh2",
                                 " = ", " ", "  ", "0.5", "[", "]", "(", ")", "^T", " + ",
                                 "the", "\n"]), max_size=40))
def test_greek_letters_spelled_in_plain_text_keep_the_text_as_it_is(tokens):
    """Greek letters typed as words (delta = dL/da): what is read as math is still the text
    itself but for the marks the reader adds (\\delta), on one line, with a relation."""
    _plain_math_is_the_text("".join(tokens))


def _plain_math_is_the_text(text: str) -> None:
    from backprop.verify.derivation.source import Source, plain_math

    for block in plain_math(Source("t", text), text, []):
        written = "".join(c for k, c in enumerate(block.latex) if k not in block.inserted)
        assert "\n" not in block.latex and written == text[block.start:block.end], block
        assert any(sign in block.latex for sign in "=≈<>≤≥≠"), block


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["\\underbrace{", "\\overbrace{", "{", "}", "_", "^", "x",
                                 "\\sigma", " ", "=", "1-", "\\{"]), max_size=30))
def test_a_brace_under_or_over_math_is_blanked_in_place(tokens):
    """``\\underbrace{…}_{…}`` and ``\\overbrace{…}^{…}``, closed or not: the text keeps its
    length and every character outside the braces' words and labels, so the statements'
    columns stay where the text has them; nothing else of the math is changed."""
    from backprop.verify.derivation.syntax import _unbraced

    text = "".join(tokens)
    out = _unbraced(text)
    assert len(out) == len(text)
    assert all(a == b or b == " " for a, b in zip(text, out))
    assert "brace" not in out


_CELL = st.lists(st.sampled_from(["x", "3", "0.5", " ", "$z$", "$|z|$", "$a_1$", "\\|", "**",
                                  "word", "$\\partial L/\\partial z$"]), max_size=5).map("".join)


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 4), st.lists(st.lists(_CELL, min_size=4, max_size=4), max_size=5),
       st.sampled_from(["", "text before\n\n", "---\nx: vector 2\n---\n"]))
def test_a_tables_rows_are_found_with_their_cells(columns, rows, before):
    """A Markdown table (header, rule ``|---|``, rows): one row each below the rule, its cells
    split at the pipes outside math and not escaped, each span's text the cell as written."""
    from backprop.verify.derivation.source import _front, Source, table_rows

    header = "| " + " | ".join(f"$h_{k}$" for k in range(columns)) + " |"
    rule = "|" + "---|" * columns
    lines = ["| " + " | ".join(r[:columns]) + " |" for r in rows]
    text = before + "\n".join([header, rule] + lines) + "\n\nAfter.\n"
    src = _front(Source("t", text))
    found = table_rows(src)
    assert len(found) == len(rows)
    for row, cells in zip(found, rows):
        assert len(row.header) == columns
        assert [text[a:b].strip() for a, b in row.cells] == [c.strip() for c in cells[:columns]]


_FACTOR = st.sampled_from(["x_k", "A_{kl}", "x_l", "b_k", "y_i", "\\delta_{ij}", "a_j", "M_{ii}",
                          "2", "(x_k - y_k)", "\\sum_m w_m"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_FACTOR, min_size=1, max_size=4), st.sets(st.sampled_from("ijklm"), max_size=2))
def test_the_summation_convention_leaves_no_index_written_twice_free(factors, keep):
    """After the convention is made explicit, no index outside ``keep`` is left free twice
    (in two factors, or twice in a subscript); an index of ``keep`` is never summed; and
    reading the result again changes nothing."""
    from backprop.verify.derivation import terms as t
    from backprop.verify.derivation.parse import readings

    term = readings(" ".join(factors))[0][1]
    summed = t.implied_sums(term, frozenset(keep))
    assert t.implied_sums(summed, frozenset(keep)) == summed
    sums = {s.name for n in t.walk(summed) if isinstance(n, t.BigOp) and n.sub
            for s in t.index_list(n.sub) if isinstance(s, t.Sym)}
    assert not sums & set(keep) - {s.name for n in t.walk(term) if isinstance(n, t.BigOp)
                                   and n.sub for s in t.index_list(n.sub)
                                   if isinstance(s, t.Sym)}
    free = t.free_index_counts(summed)
    assert all(n == 1 or k in keep for k, n in free.items()), t.canon(summed)


CORPUS_FILES = sorted(p for p in (Path(__file__).parent / "checker_corpus_eighth").glob("*.md"))


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(CORPUS_FILES), st.data())
def test_a_derivation_as_notebook_cells_gets_the_verdicts_it_gets_as_markdown(tmp_path_factory,
                                                                              path, data):
    """The same text cut into Markdown cells at blank lines (where a notebook's author would
    cut it) gets the same marks on the same steps, each named by its cell and line."""
    nbformat = pytest.importorskip("nbformat")
    text = path.read_text(encoding="utf-8")
    lines = text.rstrip("\n").split("\n")
    blanks = [k for k, line in enumerate(lines) if not line.strip() and 0 < k < len(lines) - 1]
    cuts = sorted(data.draw(st.sets(st.sampled_from(blanks), max_size=4))) if blanks else []
    cells, start = [], 0          # (the file's 0-based line of the cell's first line, text)
    for k in cuts + [len(lines)]:
        seg = list(range(start, k))
        while seg and not lines[seg[0]].strip():
            seg.pop(0)
        while seg and not lines[seg[-1]].strip():
            seg.pop()
        if seg:
            cells.append((seg[0], "\n".join(lines[seg[0]:seg[-1] + 1])))
        start = k + 1
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(c) for _, c in cells])
    where = tmp_path_factory.mktemp("nb") / "derivation.ipynb"
    where.write_text(nbformat.writes(nb), encoding="utf-8")
    as_markdown = bp.check_derivation(path, points=2)
    as_notebook = bp.check_derivation(where, points=2)
    first_line = {k + 1: s + 1 for k, (s, _) in enumerate(cells)}
    from_cells = [(first_line[s.cell[0]] + s.cell[1] - 1, s.status) for s in as_notebook.steps]
    assert from_cells == [(s.line, s.status) for s in as_markdown.steps]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lo=st.integers(-9, 8), width=st.integers(1, 9), scale=st.integers(2, 5),
       law=st.sampled_from(["\\mathcal{U}", "U", "\\operatorname{U}"]),
       op=st.sampled_from(["\\mathrm{Var}", "\\operatorname{Var}", "\\text{Var}"]))
def test_moments_of_a_declared_law_are_checked_exactly(lo, width, scale, law, op):
    """The mean and variance of a uniform law the text declares, written as numbers: the
    true ones hold, a variance off by a factor fails on its line."""
    hi = lo + width
    text = (f"Draw $w \\sim {law}({lo}, {hi})$.\n"
            f"$$\\mathbb{{E}}[w] = \\frac{{{lo + hi}}}{{2}}$$\n"
            f"$${op}(w) = \\frac{{{width * width}}}{{12}}$$\n"
            f"$${op}({scale} w) = \\frac{{{width * width}}}{{12}}$$\n")
    report = bp.check_derivation(text, points=2)
    assert [s.status for s in report.steps] == ["holds", "holds", "fails"], str(report)
    assert report.first_failure.line == 4


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(n=st.integers(1, 9), a=st.integers(1, 6), entry=st.sampled_from(["w_i", "w_{i}"]),
       op=st.sampled_from(["\\mathrm{Var}", "\\operatorname{Var}"]),
       mean=st.booleans())
def test_moments_of_sums_of_random_entries_are_never_called_wrong(n, a, entry, op, mean):
    """True statements about sums of independent entries (𝔼 and Var of Σ_i w_i with each
    w_i ∼ 𝒰(−a, a)) hold or are a question; they are never a ✗, whatever the checker can
    compute of them."""
    value = "0" if mean else f"\\frac{{{n * a * a}}}{{3}}"
    what = "\\mathbb{E}\\left[" if mean else f"{op}\\left("
    close = "\\right]" if mean else "\\right)"
    text = (f"The ${entry} \\sim \\mathcal{{U}}(-{a}, {a})$ are independent.\n\n"
            f"$${what}\\sum_{{i=1}}^{{{n}}} {entry}{close} = {value}$$\n")
    report = bp.check_derivation(text, points=2)
    assert report.count("fails") == 0, str(report)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lo=st.integers(-3, 2), width=st.integers(1, 4), n=st.integers(0, 5),
       dx=st.sampled_from(["dx", "\\,dx", "\\;\\mathrm{d}x"]))
def test_a_definite_integral_of_a_power_is_checked_exactly(lo, width, n, dx):
    """∫_a^b x^n dx = (b^{n+1} − a^{n+1})/(n+1) holds; with the exponent off by one it fails
    on its line."""
    hi = lo + width
    value = f"\\frac{{{hi ** (n + 1) - lo ** (n + 1)}}}{{{n + 1}}}"
    text = (f"$$\\int_{{{lo}}}^{{{hi}}} x^{{{n}}} {dx} = {value}$$\n"
            f"$$\\int_{{{lo}}}^{{{hi}}} x^{{{n + 1}}} {dx} = {value}$$\n")
    report = bp.check_derivation(text, points=2)
    statuses = [s.status for s in report.steps]
    assert statuses[0] == "holds", str(report)
    same = hi ** (n + 2) - lo ** (n + 2) == (hi ** (n + 1) - lo ** (n + 1)) * (n + 2) / (n + 1)
    assert statuses[1] == ("holds" if same else "fails"), str(report)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(a=st.integers(-3, 3), b=st.integers(-3, 3), c=st.integers(-3, 3),
       op=st.sampled_from(["\\mathrm{Var}", "\\mathbb{E}"]), summed=st.booleans())
def test_moments_over_laws_the_text_does_not_state_are_never_called_wrong(a, b, c, op, summed):
    """An expectation or a variance over names with no law in the math (true or not: the
    coefficients are arbitrary) holds under some law or is a question; never a ✗, since a
    counterexample would rest on laws the text does not give."""
    inner = "y" if summed else f"{a} w_j x_j + {b}"
    text = (f"Let $y = \\sum_{{j=1}}^{{n}} w_j x_j$.\n\n"
            f"$${op}\\left({inner}\\right) = {c} \\, {op}(w_j) \\, {op}(x_j) + {b}$$\n")
    report = bp.check_derivation(text, points=2)
    assert report.count("fails") == 0, str(report)
    assert report.count("holds") + report.count("unreadable") >= 1, str(report)


@settings(max_examples=30, deadline=None)
@given(size=st.integers(1, 9), seed=st.integers(0, 2**31), start=st.integers(0, 2**31))
def test_a_one_hot_reading_puts_its_1_at_every_position_in_turn(size, seed, start):
    """Read as one-hot, a vector of n entries has its 1 at n different positions over n
    points: a step that holds only where the 1 is not (g_1 = 0) is not read as holding."""
    from backprop.verify.derivation.kinds import Kind, draw    # needs lark: after the skip

    rng = np.random.default_rng(seed)
    drawn = [draw(Kind("onehot", (size,)), rng, start + p) for p in range(size)]
    assert all(v.sum() == 1.0 and set(np.unique(v)) <= {0.0, 1.0} for v in drawn)
    assert {int(np.argmax(v)) for v in drawn} == set(range(size))


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(n=st.integers(2, 6), fn=st.sampled_from(["", "\\tanh", "\\sigma", "2"]),
       slip=st.booleans())
def test_a_vector_written_out_with_an_ellipsis_is_its_items(n, fn, slip):
    """(f(x_1), …, f(x_n)) is the vector of the f(x_i): it equals the written-out vector
    with every item, and a last index one short is wrong."""
    item = "x_{k}" if not fn else f"{fn}(x_{{k}})" if fn != "2" else "2 x_{k}"
    last = n - 1 if slip else n
    listed = ", ".join(item.replace("{k}", str(k)) for k in range(1, last + 1))
    text = (f"---\nx: vector {n}\n---\n"
            f"$$({item.replace('{k}', '1')}, \\dots, {item.replace('{k}', str(n))}) = "
            f"({listed}{', 0' if slip else ''})$$\n")
    report = bp.check_derivation(text, points=2)
    assert report.count("unreadable") == 0, str(report)
    assert report.count("fails" if slip else "holds") == 1, str(report)


@settings(max_examples=60, deadline=None)
@given(chain=st.lists(st.sampled_from(["a", "b", "x", "y_{1}", "W"]), min_size=1, max_size=5),
       reach=st.sets(st.sampled_from(["a", "b", "x", "y", "W", "z"])))
def test_a_value_is_kept_with_the_frame_whose_overrides_it_does_not_reach(chain, reach):
    """A frame made by overriding names (a derivative's nudge, a function's argument) hands
    what reaches none of them to the frame it overrides, at its own indices: evaluated and
    memoised there once, not once for every nudge. What reaches one is kept where it is."""
    from backprop.verify.derivation.evaluate import Frame      # needs lark: after the skip
    from backprop.verify.derivation.names import base_name

    frames = [Frame({}, {"i": 1})]
    for k, name in enumerate(chain):
        frames.append(frames[-1].with_values({name: float(k)}).with_indices({"j": k}))
    deepest = len(chain)
    while deepest > 0 and not {chain[deepest - 1], base_name(chain[deepest - 1])} & reach:
        deepest -= 1
    up = frames[-1].lifted(frozenset(reach))
    assert up.memo is frames[deepest].memo
    assert up.values == frames[deepest].values
    assert up.indices == frames[-1].indices


@settings(max_examples=30, deadline=None)
@given(letter=st.sampled_from(["t", "k", "n"]), start=st.integers(0, 1),
       values=st.lists(st.integers(-99, 99), min_size=2, max_size=5),
       pick=st.integers(0, 4), slip=st.booleans(), comma=st.booleans())
def test_a_table_keyed_by_an_index_s_values_gives_each_member_its_cell(letter, start, values,
                                                                        pick, slip, comma):
    """| $t$ | 0 | 1 | … | over | $r_t$ | … |: each cell is the member r_0, r_1, … of its
    column (a decimal comma in a plain cell, 1,5, is the number 1.5); a claim of one member's
    value holds, and the same claim one off fails."""
    pick %= len(values)
    cells = [f"{v / 10:.1f}".replace(".", "," if comma else ".") for v in values]
    header = " | ".join(str(start + j) for j in range(len(values)))
    text = (f"| ${letter}$ | {header} |\n|{'---|' * (len(values) + 1)}\n"
            f"| $r_{letter}$ | {' | '.join(cells)} |\n\n"
            f"So $$r_{{{start + pick}}} + 1 = {values[pick] / 10 + 1 + (1 if slip else 0):.1f}$$\n")
    report = bp.check_derivation(text, points=2)
    claims = [s.status for s in report.steps if s.status in ("holds", "fails", "unreadable")]
    assert claims == ["fails" if slip else "holds"], (text, str(report))
