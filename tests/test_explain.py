"""explain prints the formulas from the rule's docstring (the single source) and verifies them."""

import inspect

import numpy as np
import pytest

import backprop as bp
import backprop.functional as F
from backprop.cli import main
from backprop.errors import BackpropError
from backprop.verify import explain, rule_formulas
from backprop.verify.catalogue import Case, Rule, all_rules, RULES


def test_rule_formulas_parse_the_docstring():
    sections = dict(rule_formulas("softmax"))
    assert list(sections)[:3] == ["Forward", "VJP", "Jacobian"]
    assert "diag(s) − s sᵀ" in sections["Jacobian"]
    assert "Logits of ±1e4" in sections["Stability"]  # a continuation line is kept
    # The text is the docstring's own: every line appears in it verbatim.
    doc = inspect.getdoc(F.softmax)
    for text in sections.values():
        for line in text.splitlines():
            assert line in doc


def test_rule_formulas_of_a_function_and_of_every_rule():
    assert rule_formulas(F.sigmoid)[0] == ("Forward", "σ(x) = 1 / (1 + e^(−x))")
    for name in all_rules():
        labels = [label for label, _ in rule_formulas(name)]
        assert "Forward" in labels and "VJP" in labels, name


def test_explain_softmax_shows_and_verifies():
    text = bp.explain("softmax")
    assert "Forward:" in text and "sᵢ = e^(xᵢ/T) / Σⱼ e^(xⱼ/T)" in text
    assert "VJP:" in text and "s ⊙ (v − ⟨v, s⟩)" in text
    assert "verified live" in text
    last = text.strip().splitlines()[-1]
    assert last.startswith("holds:") and "worst relative error" in last
    err = float(last.split("worst relative error ")[1].split()[0])
    assert err < 1e-3


def test_explain_reports_a_failure(monkeypatch):
    from backprop.engine import primitive

    @primitive
    def bad_exp(x):
        """Exponential, wrongly derived.

        Forward:   y = eˣ
        VJP:       x̄ = ȳ   (wrong: forgot ⊙ y)
        """
        y = np.exp(x)
        return y, lambda g, needs: (g,)

    monkeypatch.setitem(RULES, "bad_exp", Rule("bad_exp", bad_exp, "13", lambda rng: [
        Case("x(3,)", bad_exp, (rng.standard_normal(3),))]))
    text = explain("bad_exp")
    assert "x̄ = ȳ   (wrong: forgot ⊙ y)" in text
    assert "FAILS on 1 of 1 cases" in text and "analytic" in text


def test_unknown_rule():
    with pytest.raises(BackpropError, match="no rule named 'softmaks'"):
        explain("softmaks")
    with pytest.raises(BackpropError, match="did you mean .*softmax"):
        explain("softm")


def test_cli_explain_and_list(capsys):
    assert main(["explain", "softmax"]) == 0
    out = capsys.readouterr().out
    assert "Jacobian:" in out and "holds:" in out
    assert main(["explain", "--list"]) == 0
    listed = [line.split()[0] for line in capsys.readouterr().out.splitlines()]
    assert set(listed) == set(all_rules())
    assert main(["explain", "nope"]) == 2
    assert capsys.readouterr().err.count("\n") == 1
    assert main(["explain"]) == 2


def test_cli_gradcheck(capsys):
    assert main(["gradcheck", "softmax", "sigmoid", "cross_entropy"]) == 0
    out = capsys.readouterr().out
    rows = [line for line in out.splitlines() if line.split()[:1] in (["softmax"], ["sigmoid"],
                                                                      ["cross_entropy"])]
    assert len(rows) == 3 and all(row.endswith("pass") for row in rows)
    assert "3 of 3 rules pass" in out
    assert main(["gradcheck", "no_such_rule"]) == 2


def test_cli_gradcheck_exit_1_on_failure(monkeypatch, capsys):
    from backprop.engine import primitive

    @primitive
    def bad(x):
        """Forward: y = 2x
        VJP:     x̄ = ȳ   (wrong)"""
        return 2 * x, lambda g, needs: (g,)

    monkeypatch.setitem(RULES, "bad", Rule("bad", bad, "13", lambda rng: [
        Case("x(2,)", bad, (rng.standard_normal(2),))]))
    assert main(["gradcheck", "bad", "exp"]) == 1
    out = capsys.readouterr().out
    assert "FAIL" in out and "1 of 2 rules pass" in out
