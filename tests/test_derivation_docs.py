"""docs/derivations.md is checked by the derivation checker: every step of it holds, and
`backprop explain RULE --markdown` prints each rule's section in the same checkable form."""

from pathlib import Path

import pytest

import backprop as bp
from backprop.cli import main
from backprop.verify.catalogue import all_rules
from backprop.verify.explain import rule_markdown

pytest.importorskip("lark")

DOC = Path(__file__).parents[1] / "docs" / "derivations.md"


def test_every_step_of_the_derivations_doc_holds():
    report = bp.check_derivation(DOC, points=2)
    bad = [(s.line, s.status, s.message) for s in report.steps
           if s.status in ("fails", "unreadable")]
    assert not bad
    assert sum(s.status == "holds" for s in report.steps) >= 80


def test_the_doc_numbers_every_rule_of_the_catalogue():
    text = DOC.read_text(encoding="utf-8")
    for rule in all_rules().values():
        assert f"\n## {rule.section}. " in text, rule.name
        assert f"| {rule.section} |" in text, rule.name


def _one_rule_per_section():
    rows = {}
    for name, rule in sorted(all_rules().items()):
        rows.setdefault(rule.section, name)
    return sorted(rows.values())


@pytest.mark.parametrize("name", _one_rule_per_section())
def test_explain_markdown_is_checkable(name):
    text = rule_markdown(name)
    assert text.startswith("---\n") and f"\n## {all_rules()[name].section}. " in text
    report = bp.check_derivation(text, points=2)
    assert report.ok and not [s for s in report.steps if s.status == "unreadable"]
    assert any(s.status == "holds" for s in report.steps)


def test_explain_markdown_from_the_command_line(capsys):
    assert main(["explain", "softmax", "--markdown"]) == 0
    out = capsys.readouterr().out
    assert out == rule_markdown("softmax") and "D_z s = \\operatorname{diag}(s)" in out
    assert main(["explain", "no_such_rule", "--markdown"]) == 2


def test_the_package_ships_the_doc_itself():
    from importlib import resources

    shipped = resources.files("backprop.verify").joinpath("derivations.md")
    assert shipped.read_text(encoding="utf-8") == DOC.read_text(encoding="utf-8")
