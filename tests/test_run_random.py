"""A run owns its random numbers: initialisation, batch order, hold-out and dropout derive
from its seed; the global generator (bp.manual_seed, for scripts) is neither used nor
disturbed by training; a checkpoint keeps the run's generator."""

import json

import numpy as np
import pytest

import backprop as bp
from backprop import optim
from backprop.random import RunRandom
from backprop.train import Trainer

SPEC = "flatten linear(12) relu dropout(0.5) linear(3)"


def _data():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(48, 6)).astype(np.float32)
    return x, (x[:, 0] > 0).astype(np.int64) + (x[:, 1] > 1)


def _trained(seed, global_seed):
    """A model built from the same weights, trained with run seed ``seed`` after the global
    generator was seeded with ``global_seed``."""
    bp.manual_seed(0)
    model = bp.build_model(SPEC, (6,), 3)
    bp.manual_seed(global_seed)
    t = Trainer(model, optim.SGD(model.parameters(), lr=0.1), epochs=2, batch_size=16,
                seed=seed, log=None, progress=False)
    t.fit(*_data())
    return t


def _same(a, b):
    return all(np.array_equal(v, b.model.state_dict()[k]) for k, v in a.model.state_dict().items())


def test_dropout_in_a_run_follows_the_runs_seed_not_the_global_generator():
    assert _same(_trained(1, global_seed=0), _trained(1, global_seed=99))
    assert not _same(_trained(1, global_seed=0), _trained(2, global_seed=0))  # it can fail


def test_training_leaves_the_global_generator_alone():
    bp.manual_seed(5)
    before = bp.random.get_state()
    bp.manual_seed(0)
    model = bp.build_model(SPEC, (6,), 3)
    bp.manual_seed(5)
    bp.fit(model, *_data(), epochs=1, batch_size=16, seed=3, log=None, progress=False)
    assert bp.random.get_state() == before
    assert bp.randn(3).data.tolist() == (bp.manual_seed(5), bp.randn(3))[1].data.tolist()


def test_build_run_initialises_from_the_run_seed_only(tmp_path):
    from backprop.train.recipe import build_run, configure

    x, y = _data()
    path = tmp_path / "d.npz"
    np.savez(path, x_train=x, y_train=y, x_test=x[:8], y_test=y[:8])
    cfg = configure(data=str(path), model=SPEC, epochs=1, seed=4)
    bp.manual_seed(1)
    before = bp.random.get_state()
    a = build_run(cfg)
    assert bp.random.get_state() == before  # the global generator is not reseeded
    bp.manual_seed(77)
    b = build_run(cfg)
    c = build_run(configure(data=str(path), model=SPEC, epochs=1, seed=5))
    assert _same(a, b) and not _same(a, c)


def test_a_checkpoint_keeps_the_runs_generator(tmp_path):
    pytest.importorskip("safetensors")
    from backprop.io import load_checkpoint, read, save_checkpoint

    t = _trained(6, global_seed=0)
    path = save_checkpoint(tmp_path / "c.safetensors", t)
    _, meta = read(path)
    assert json.loads(meta["random"]) == t.random.state_dict()
    assert t.random.state_dict() != RunRandom(6).state_dict()  # dropout has drawn
    ck = load_checkpoint(path)
    fresh = Trainer(ck.model, optim.SGD(ck.model.parameters(), lr=0.1), epochs=2,
                    batch_size=16, seed=6, log=None, progress=False)
    bp.manual_seed(123)
    before = bp.random.get_state()
    ck.restore(fresh)
    assert fresh.random.state_dict() == t.random.state_dict()
    assert bp.random.get_state() == before  # restoring sets the run's, not the global one


def test_run_streams_are_apart_and_fixed_by_the_seed():
    r = RunRandom(3)
    assert np.array_equal(r.order(10, 2), RunRandom(3).order(10, 2))
    assert not np.array_equal(r.order(10, 0), r.order(10, 1))
    w = r.init().random(4)
    assert np.array_equal(w, RunRandom(3).init().random(4))
    assert not np.array_equal(w, RunRandom(3).dropout.random(4))


def _batches_seen(seed, shuffle, batch_size=16):
    """The first sample of every batch of a 2-epoch run, as the model saw it."""
    bp.manual_seed(0)
    model = bp.build_model("linear(3)", (6,), 3)
    seen = []
    forward = model.forward

    def watch(x):
        seen.append(float(np.asarray(getattr(x, "data", x))[0, 0]))
        return forward(x)

    model.forward = watch
    t = Trainer(model, optim.SGD(model.parameters(), lr=0.1), epochs=2,
                batch_size=batch_size, seed=seed, shuffle=shuffle, log=None, progress=False)
    x, y = _data()
    t.fit(x, y)
    return seen, x[::batch_size, 0].tolist()


def test_shuffle_false_takes_the_samples_in_their_order():
    seen, firsts = _batches_seen(1, shuffle=False)
    assert seen == pytest.approx(firsts * 2)
    assert _batches_seen(2, shuffle=False)[0] == seen  # the seed no longer matters
    assert _batches_seen(1, shuffle=True)[0] != seen


def test_one_batch_of_every_sample_is_not_shuffled():
    """Its order would change only the rounding of the sums: it is not drawn, so the
    step sees the samples in their order, shuffle or not."""
    n = len(_data()[0])
    seen, firsts = _batches_seen(1, shuffle=True, batch_size=n)
    assert seen == pytest.approx(firsts * 2)
    assert _batches_seen(1, shuffle=True, batch_size=n - 1)[0] != seen


@pytest.mark.parametrize("batch_size, shuffle", [(len(_data()[0]), True), (16, False)])
def test_a_step_writing_into_its_batch_leaves_the_data_alone(batch_size, shuffle):
    """Batches taken in order are slices of the data: they must reach the model as
    copies, as the shuffled ones do."""
    bp.manual_seed(0)
    model = bp.build_model("linear(3)", (6,), 3)
    forward = model.forward

    def scribble(x):
        np.asarray(getattr(x, "data", x))[...] = 7.0
        return forward(x)

    model.forward = scribble
    x, y = _data()
    kept = x.copy()
    Trainer(model, optim.SGD(model.parameters(), lr=0.1), epochs=1, batch_size=batch_size,
            shuffle=shuffle, log=None, progress=False).fit(x, y)
    assert np.array_equal(x, kept)


def test_shuffle_must_be_a_flag():
    with pytest.raises(bp.BackpropError, match="shuffle must be True or False"):
        Trainer(bp.build_model("linear(3)", (6,), 3), None, shuffle="no")
