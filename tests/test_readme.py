"""The README's Python tour runs as written and reaches what it says."""

import re
from pathlib import Path

README = Path(__file__).resolve().parents[1] / "README.md"


def test_model_in_ten_lines_runs(capsys):
    text = README.read_text(encoding="utf-8")
    section = text.split("## A model in ten lines", 1)[1]
    code = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    assert len([line for line in code.splitlines() if line.strip()]) <= 10
    exec(compile(code, "README.md", "exec"), {})
    printed = capsys.readouterr().out
    accuracy = float(re.search(r"'accuracy': ([0-9.]+)", printed).group(1))
    claimed = float(re.search(r"'accuracy': ~([0-9.]+)", code).group(1))
    assert abs(accuracy - claimed) < 0.02  # the comment in the README tells the truth


def test_readme_and_ci_share_the_test_command():
    """CI runs the README's test command (the second command of its first block) exactly as
    written, after nothing but the system packages: what it installs is all the tests need."""
    ci = (README.parent / ".ci" / "run").read_text()
    first_block = re.search(r"```bash\n(.*?)```", README.read_text(encoding="utf-8"), re.S)[1]
    command = first_block.splitlines()[1]
    assert "python -m pytest" in command
    assert ci.splitlines()[-1] == command
    installs = [line for line in ci.splitlines() if "pip install" in line]
    assert installs == [command]
