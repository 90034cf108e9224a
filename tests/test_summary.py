"""bp.summary and `backprop summary`: the SPEC worked case, shapes layer to layer, errors."""

import subprocess
import sys

import pytest

import backprop as bp
from backprop.cli import main
from backprop.errors import BackpropError

SPEC = "conv(32,8,stride=2,padding=3) maxpool(2) conv(64,3,padding=1)"


def test_worked_case_3x128x128():
    table = bp.summary(SPEC, (3, 128, 128))
    assert [r.output_shape for r in table.rows] == [(32, 64, 64), (32, 32, 32), (64, 32, 32)]
    last = table.rows[-1]
    assert (last.weights, last.biases, last.params) == (18_432, 64, 18_496)
    assert last.weights == 3 * 3 * 32 * 64
    assert table.rows[0].params == 8 * 8 * 3 * 32 + 32
    assert table.total_params == 8 * 8 * 3 * 32 + 32 + 18_496
    text = str(table)
    for piece in ["32×64×64", "32×32×32", "64×32×32", "18,432", "18,496", "total"]:
        assert piece in text


def test_summary_of_a_module_and_string_shape():
    model = bp.build_model("lenet5", (1, 28, 28), 10)
    table = bp.summary(model, "1x28x28")
    assert table.output_shape == (10,)
    assert table.total_params == model.num_parameters() == 61_706
    assert [r.type for r in table.rows][:3] == ["Conv2d", "ReLU", "MaxPool2d"]
    assert table.rows[6].output_shape == (400,)


def test_summary_1d_and_avgpool():
    table = bp.summary("conv1d(4,3,padding=same) maxpool1d(2) avgpool1d(2) flatten linear(5)",
                       (2, 16))
    assert [r.output_shape for r in table.rows] == [(4, 16), (4, 8), (4, 4), (16,), (5,)]


def test_summary_bad_shapes_name_the_layer():
    with pytest.raises(BackpropError, match=r"column 1: conv\(8,9\).*larger than the padded"):
        bp.summary("conv(8,9)", (1, 5, 5))
    with pytest.raises(BackpropError, match="3x128x128"):
        bp.summary(SPEC, "3xx")


def test_cli_answers_the_worked_case(capsys):
    assert main(["summary", SPEC, "--shape", "3x128x128"]) == 0
    out = capsys.readouterr().out
    assert "64×32×32" in out and "18,432" in out and "64" in out


def test_cli_subprocess_and_malformed_spec():
    ok = subprocess.run([sys.executable, "-m", "backprop", "summary", SPEC, "--shape",
                         "3x128x128"], capture_output=True, text=True, check=False)
    assert ok.returncode == 0, ok.stderr
    assert "18,432" in ok.stdout
    bad = subprocess.run([sys.executable, "-m", "backprop", "summary", "conv(32,8 stride=2)",
                          "--shape", "3x128x128"], capture_output=True, text=True, check=False)
    assert bad.returncode == 2
    lines = bad.stderr.strip().splitlines()
    assert len(lines) == 1 and "column" in lines[0] and "Traceback" not in bad.stderr


@pytest.mark.parametrize("spec,words", [
    ("conv(32,8 stride=2)", ["column 11"]),
    ("conv(6,5) bogus(3)", ["column 11", "unknown layer 'bogus'"]),
    ("linear(10) conv(3,3)", ["linear", "flatten"]),
    ("conv(4,30)", ["larger than the padded input"]),
])
def test_cli_bad_spec_one_line_exit_2(spec, words, capsys):
    assert main(["summary", spec]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    for w in words:
        assert w in err[0], (w, err[0])


def test_cli_summary_of_a_saved_model(tmp_path, capsys):
    model = bp.build_model("conv(4,3,padding=1) relu maxpool(2) flatten linear(3)",
                           (1, 8, 8), 3)
    bp.save(model, tmp_path / "model.safetensors", classes=["a", "b", "c"])
    assert main(["summary", str(tmp_path / "model.safetensors")]) == 0
    out = capsys.readouterr().out
    assert "4×4×4" in out and "Linear" in out


def test_bp_summary_is_the_function_even_after_its_module_is_imported():
    import backprop as bp
    import backprop.summarize  # importing the submodule must not shadow bp.summary

    assert callable(bp.summary) and bp.summary.__module__ == "backprop.summarize"
