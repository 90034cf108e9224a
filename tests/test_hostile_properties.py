"""Property tests: whatever the input, the parsers and readers answer with a result or one
clean BackpropError (one line) — never another exception."""

from __future__ import annotations

import io
import zipfile

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import hostile as H
from backprop.errors import BackpropError, CheckpointError, DataError, SpecError

SETTINGS = settings(max_examples=40, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])


def clean(error: BaseException) -> None:
    assert isinstance(error, BackpropError), repr(error)
    assert "\n" not in str(error), str(error)


@pytest.fixture(scope="module")
def scratch(tmp_path_factory):
    return tmp_path_factory.mktemp("hostile")


# -- the spec parser and builder ------------------------------------------------------------
LAYER_NAMES = ["linear", "conv", "conv1d", "maxpool", "avgpool", "flatten", "relu", "softplus",
               "dropout", "sigmoid", "bogus", "True"]
ATOMS = st.one_of(st.integers(-3, 40).map(str), st.sampled_from(
    ["0", "1.5", "1e400", "-1e400", "nan", "9" * 30, "-" * 7 + "1", "same", "'valid'", "True",
     "None", "foo", "", "()", "(2,3)", "(2,(3,3))", "2,", "=", "(", ")"]))
ARGUMENT = st.one_of(ATOMS, st.builds(lambda k, v: f"{k}={v}", st.sampled_from(
    ["stride", "padding", "bias", "p", "kernel", "groups", "dilation", "ceil_mode", "zz"]), ATOMS))
LAYER = st.builds(lambda name, args, paren: name + (f"({','.join(args)})" if paren else ""),
                  st.sampled_from(LAYER_NAMES), st.lists(ARGUMENT, max_size=4), st.booleans())
SPEC = st.lists(LAYER, min_size=0, max_size=5).map(" ".join)


@SETTINGS
@given(st.text(alphabet=st.sampled_from(list("abclinearconv(),=-+.e0123456789 '\"\t_;>") +
                                         ["\u00e9", "\u0660", "\x00", "\n"]), max_size=200))
def test_parse_spec_on_any_text(text):
    from backprop.models import parse_spec

    try:
        calls = parse_spec(text)
    except SpecError as e:
        clean(e)
    else:
        assert calls and all(c.name for c in calls)


@SETTINGS
@given(SPEC, st.sampled_from([(6,), (1, 8, 8), (2, 9)]))
def test_build_model_on_grammar_like_specs(spec, shape):
    from backprop.models import build_model, parse_spec

    try:
        model = build_model(spec, shape)
    except BackpropError as e:
        clean(e)
    else:  # what builds prints back to a spec that parses to the same layers
        assert [c.name for c in parse_spec(model.spec)] == [c.name for c in parse_spec(spec)]


# -- the check sandbox ------------------------------------------------------------------------
TOKENS = ["x", "v", "1", "2.5", "-3", "10**9", "22000", "(", ")", "[", "]", ",", "+", "*", "@",
          "**", "-", "/", "<", ".T", ".shape", ".reshape(-1, 1)", "ones", "zeros", "eye",
          "arange", "full", "kron", "outer", "diag", "sum", "softmax", "exp", "array",
          "ones_like", "linspace", "concatenate", "shape=", "N=", "[0]", "x[", "1:", "::-1",
          "__class__", "'a'", "lambda", "True", "None"]


@SETTINGS
@given(st.lists(st.sampled_from(TOKENS), min_size=1, max_size=12).map("".join))
def test_safe_eval_on_token_soup(expr):
    from backprop.verify.safe_eval import MAX_ELEMENTS, elements, evaluate

    try:
        value = evaluate(expr, x=np.arange(1.0, 5.0), v=np.ones(4))
    except BackpropError as e:
        clean(e)
    else:
        assert elements(value) <= MAX_ELEMENTS


# -- data readers -------------------------------------------------------------------------------
@SETTINGS
@given(st.sampled_from([0x08, 0x09, 0x0B, 0x0C, 0x0D, 0x0E, 0x07]),
       st.lists(st.integers(0, 2**32 - 1) | st.integers(0, 6), min_size=0, max_size=5),
       st.binary(max_size=300), st.booleans())
def test_read_idx_on_any_header(scratch, code, dims, body, compress):
    import gzip

    from backprop.data import read_idx

    raw = bytes([0, 0, code, len(dims)]) + np.array(dims, ">u4").tobytes() + body
    path = scratch / "any-idx"
    path.write_bytes(gzip.compress(raw) if compress else raw)
    try:
        array = read_idx(path)
    except DataError as e:
        clean(e)
    else:
        assert array.shape == tuple(dims) and array.dtype.isnative


@SETTINGS
@given(st.binary(max_size=400))
def test_read_idx_on_any_bytes(scratch, raw):
    from backprop.data import read_idx

    (scratch / "bytes-idx").write_bytes(raw)
    try:
        read_idx(scratch / "bytes-idx")
    except DataError as e:
        clean(e)


def _valid_npz() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("x.npy", H.npy_bytes(np.arange(12, dtype=np.float32).reshape(3, 4)))
        z.writestr("y.npy", H.npy_bytes(np.array([0, 1, 2])))
    return buf.getvalue()


VALID_NPZ = _valid_npz()


@SETTINGS
@given(st.lists(st.tuples(st.integers(0, len(VALID_NPZ) - 1), st.integers(1, 255)),
                min_size=1, max_size=6))
def test_load_npz_on_corrupted_archives(scratch, flips):
    from backprop.data import load_npz
    from backprop.data.datasets import load_npz_dataset

    raw = bytearray(VALID_NPZ)
    for at, mask in flips:
        raw[at] ^= mask
    path = scratch / "flipped.npz"
    path.write_bytes(bytes(raw))
    for read in (load_npz, load_npz_dataset):
        try:
            read(path)
        except DataError as e:
            clean(e)


@SETTINGS
@given(st.dictionaries(st.sampled_from(["descr", "fortran_order", "shape", "x"]),
                       st.sampled_from(["'<f4'", "'|O'", "'<c8'", "'<U3'", "[('a', '<i4')]",
                                        "True", "False", "(3,)", "(-1,)", "(2, 3)", "()",
                                        "(10**12,)", "(2**62, 4)", "'>f8'", "'<M8[s]'"]),
                       max_size=4),
       st.binary(max_size=64))
def test_load_npz_on_any_npy_header(scratch, header, body):
    from backprop.data import load_npz

    text = "{" + ", ".join(f"'{k}': {v}" for k, v in header.items()) + "}"
    text += " " * (63 - (len(text) + 10) % 64) + "\n"
    npy = b"\x93NUMPY\x01\x00" + len(text).to_bytes(2, "little") + text.encode() + body
    path = H.npz_of(scratch / "header.npz", {"x.npy": npy})
    try:
        arrays = load_npz(path)
    except DataError as e:
        clean(e)
    else:
        assert arrays["x"].dtype.kind in "biuf"


@SETTINGS
@given(st.lists(st.lists(st.sampled_from(["0", "1", "2", "-1", "1.5", "nan", "inf", "1e300",
                                          str(2**40), "a", "", " 3"]), max_size=4),
                max_size=6))
def test_load_csv_on_any_table(scratch, rows):
    from backprop.data import load_csv
    from backprop.data.datasets import load_csv_dataset

    path = scratch / "any.csv"
    path.write_text("\n".join(",".join(r) for r in rows))
    for read in (load_csv, load_csv_dataset):
        try:
            read(path)
        except DataError as e:
            clean(e)


# -- model files and checkpoints ------------------------------------------------------------
@pytest.fixture(scope="module")
def saved(scratch):
    import backprop as bp
    from backprop import optim
    from backprop.io import save_checkpoint
    from backprop.train import Trainer

    pytest.importorskip("safetensors")
    bp.manual_seed(0)
    model = bp.build_model("flatten linear(4) relu linear(3)", (6,), 3)
    rng = np.random.default_rng(0)
    trainer = Trainer(model, optim.Adam(model.parameters()), epochs=1, batch_size=8,
                      log=None, progress=False)
    trainer.fit(rng.normal(size=(16, 6)).astype(np.float32), rng.integers(0, 3, 16))
    path = save_checkpoint(scratch / "saved.safetensors", trainer)
    return path.read_bytes()


@SETTINGS
@given(st.data())
def test_model_and_checkpoint_files_with_flipped_bytes(scratch, saved, data):
    from backprop.io import load, load_checkpoint

    raw = bytearray(saved)
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(0, len(raw) - 1))
        raw[at] ^= data.draw(st.integers(1, 255))
    cut = data.draw(st.sampled_from([len(raw), len(raw) - 1, 8, 100]))
    path = scratch / "flipped.safetensors"
    path.write_bytes(bytes(raw[:cut]))
    for read in (load, load_checkpoint):
        try:
            read(path)
        except CheckpointError as e:
            clean(e)
