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


def test_the_results_script_rewrites_the_readme_rows(tmp_path):
    """benchmarks/results.py --readme puts a run's figures in the README's Results rows and
    the machine in the line that states it; rows not run, or whose run failed, stay."""
    import sys
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    import results

    readme = tmp_path / "README.md"
    readme.write_text(
        "| network | command | ours | PyTorch | published |\n|---|---|---|---|---|\n"
        "| MLP, MNIST | `backprop train` | 1.30 % (98.70 %), 38 s | 1.27 % (98.73 %), 33 s | 1.6 % |\n"
        "| LeNet-5, MNIST | `backprop train --arch lenet5` | old | old | 0.95 % |\n"
        "\nMeasured on: somewhere.\n", encoding="utf-8")
    run = [{"row": "mlp-mnist", "ours": {"accuracy": 98.5, "cli_time_s": 61.4},
            "pytorch": {"accuracy": 98.6, "time_s": 55.2}},
           {"row": "lenet5-mnist", "ours": {"error": "killed"}, "pytorch": {}}]
    meta = {"machine": "2 cores, Test CPU", "threads": 2, "date": "2026-11-23T12:00:00+00:00"}
    assert results.rewrite_readme(run, meta, readme) == ["mlp-mnist"]
    text = readme.read_text(encoding="utf-8")
    assert "| MLP, MNIST | `backprop train` | 1.50 % (98.50 %), 61 s | 1.40 % (98.60 %), 55 s |" \
        in text
    assert "| `backprop train --arch lenet5` | old | old |" in text
    assert "Measured on: 2 cores, Test CPU, 2 threads, 2026-11-23," in text
