"""Data augmentation: the spec, what each change does to an image, and runs that use it
(seeded, resumable mid-epoch, refused on inputs that are not images)."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import backprop as bp
from backprop import optim
from backprop.cli import main
from backprop.data.augment import MAX_SHIFT, Augment, parse_augment
from backprop.errors import BackpropError, ShapeError
from backprop.train import Trainer


@pytest.mark.parametrize("spec,hflip,shift,canonical", [
    ("", False, 0, ""), (None, False, 0, ""), ("hflip", True, 0, "hflip"),
    ("shift(2)", False, 2, "shift(2)"), (" shift( 3 ) , hflip ", True, 3, "hflip,shift(3)"),
    (f"shift({MAX_SHIFT})", False, MAX_SHIFT, f"shift({MAX_SHIFT})"),
])
def test_parse(spec, hflip, shift, canonical):
    a = parse_augment(spec)
    assert (a.hflip, a.shift, a.spec) == (hflip, shift, canonical)
    assert parse_augment(a.spec) == a


@pytest.mark.parametrize("spec", ["flip", "hflip(2)", "shift", "shift()", "shift(0)",
                                  "shift(-1)", "shift(1.5)", f"shift({MAX_SHIFT + 1})",
                                  "hflip,hflip", "shift(1),shift(2)", "rotate(10)",
                                  "shift(99999999999)", 3, ["hflip"], "x" * 300])
def test_parse_refuses(spec):
    with pytest.raises(BackpropError) as e:
        parse_augment(spec)
    assert "augment" in str(e.value)


@given(st.text(max_size=40))
@settings(max_examples=300, deadline=None)
def test_parse_any_text_gives_a_spec_or_a_clear_error(text):
    try:
        a = parse_augment(text)
    except BackpropError as e:
        assert "augment" in str(e)
    else:
        assert parse_augment(a.spec) == a


def _shift_reference(img, dy, dx):
    """y[i, j] = img[i − dy, j − dx] where that is inside the image, else 0."""
    h, w = img.shape[-2:]
    out = np.zeros_like(img)
    for i in range(h):
        for j in range(w):
            if 0 <= i - dy < h and 0 <= j - dx < w:
                out[..., i, j] = img[..., i - dy, j - dx]
    return out


@given(st.integers(1, 4), st.integers(1, 7), st.integers(1, 7), st.integers(1, 9),
       st.integers(0, 2**32 - 1))
@settings(max_examples=60, deadline=None)
def test_shift_and_flip_match_their_definition(n, h, w, k, seed):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 2, h, w))
    aug = Augment(hflip=True, shift=k)
    draws = aug.draws(n, rng)
    assert draws["shift"].min() >= -k and draws["shift"].max() <= k
    before = x.copy()
    y = aug.apply(x, draws)
    assert np.array_equal(x, before)  # the batch given is not changed
    for i in range(n):
        img = x[i][..., ::-1] if draws["flip"][i] else x[i]
        assert np.array_equal(y[i], _shift_reference(img, *draws["shift"][i])), i


def test_draws_cover_every_choice():
    aug = Augment(hflip=True, shift=2)
    d = aug.draws(20000, np.random.default_rng(0))
    assert 0.48 < d["flip"].mean() < 0.52
    assert sorted(np.unique(d["shift"])) == [-2, -1, 0, 1, 2]


def test_a_run_draws_per_epoch_from_its_seed():
    a, b = bp.random.RunRandom(5), bp.random.RunRandom(5)
    aug = Augment(hflip=True, shift=2)
    assert np.array_equal(aug.draws(100, a.augment(3))["shift"], aug.draws(100, b.augment(3))["shift"])
    assert not np.array_equal(aug.draws(100, a.augment(3))["shift"],
                              aug.draws(100, a.augment(4))["shift"])
    # apart from the batch order of the same epoch
    assert not np.array_equal(a.augment(0).permutation(100), a.order(100, 0))


def _data():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(96, 1, 6, 6)).astype(np.float32)
    return x, (x[:, 0, :, :3].sum(axis=(1, 2)) > 0).astype(np.int64)


def _train(augment, steps_before_stop=None, resume_from=None):
    bp.manual_seed(1)
    model = bp.build_model("conv(3,3,padding=1) relu flatten linear(2)", (1, 6, 6), 2)
    opt = optim.Adam(model.parameters(), lr=1e-2)
    t = Trainer(model, opt, epochs=2, batch_size=16, seed=3, augment=augment, log=None,
                progress=False)
    if resume_from is not None:
        model.load_state_dict(resume_from["model"])
        opt.load_state_dict(resume_from["opt"])
        t.load_state_dict(resume_from["trainer"])
    saved = {}
    if steps_before_stop is not None:
        def stop(tr):
            if (tr.epoch, tr.step) == (1, steps_before_stop):
                saved.update(model={k: v.copy() for k, v in model.state_dict().items()},
                             opt=opt.state_dict(), trainer=tr.state_dict())
                raise KeyboardInterrupt
        t.on_step = stop
        with pytest.raises(KeyboardInterrupt):
            t.fit(*_data())
        return saved
    t.fit(*_data())
    return model.state_dict()


def test_augmented_run_is_seeded_and_resumes_bit_identical():
    whole = _train("hflip,shift(1)")
    again = _train("hflip,shift(1)")
    plain = _train("")
    assert all(np.array_equal(whole[k], again[k]) for k in whole)
    assert not all(np.array_equal(whole[k], plain[k]) for k in whole)  # augmentation acts
    state = _train("hflip,shift(1)", steps_before_stop=3)
    resumed = _train("hflip,shift(1)", resume_from=state)
    for k in whole:
        assert np.array_equal(whole[k], resumed[k]), k


def test_augmenting_inputs_that_are_not_images_is_refused():
    model = bp.build_model("linear(2)", (5,), 2)
    t = Trainer(model, optim.SGD(model.parameters(), lr=0.1), epochs=1, augment="hflip",
                log=None, progress=False)
    with pytest.raises(ShapeError, match=r"needs image inputs \(C, H, W\).*\(5,\)"):
        t.fit(np.zeros((4, 5), np.float32), np.zeros(4, np.int64))


@pytest.mark.parametrize("args,message", [
    (["--augment", "rotate(3)"], "'rotate(3)' is not an augmentation"),
    (["--augment", "shift(100)"], "shift(k) needs a whole number of pixels"),
    (["--data", "breast-cancer", "--augment", "hflip"], "needs image inputs"),
])
def test_cli_refuses_bad_augmentation_in_one_line(args, message, capsys, tmp_path):
    code = main(["train", *args, "--epochs", "1", "--quiet", "--out", str(tmp_path / "r")])
    err = capsys.readouterr().err
    assert code == 2 and message in err and len(err.strip().splitlines()) == 1
