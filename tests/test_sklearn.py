"""scikit-learn estimator: its own check suite, any label type, partial_fit, pickling."""

import pickle

import numpy as np
import pytest

pytest.importorskip("sklearn")
from sklearn.utils.estimator_checks import parametrize_with_checks

from backprop.sklearn import NeuralNetClassifier

# Checks this estimator cannot pass, each with its reason. Empty: with scikit-learn 1.9 it
# passes every check (two are skipped by scikit-learn itself when pandas or SCIPY_ARRAY_API
# are absent). A check added by a later scikit-learn that fails goes here with why.
EXPECTED_FAILED_CHECKS: dict[str, str] = {}


def _small(**kw):
    return NeuralNetClassifier(hidden=(32,), epochs=kw.pop("epochs", 20), random_state=0, **kw)


@parametrize_with_checks([_small()], expected_failed_checks=lambda est: EXPECTED_FAILED_CHECKS)
def test_sklearn_checks(estimator, check):
    check(estimator)


def _blobs(n=300, seed=0):
    rng = np.random.default_rng(seed)
    centers = np.array([[2, 0, 0, 0], [-2, 0, 0, 0], [0, 2, 0, 0]], float)
    y = rng.integers(0, 3, n)
    return centers[y] + rng.normal(scale=0.6, size=(n, 4)), y


def test_string_labels_and_probabilities():
    x, y = _blobs()
    labels = np.array(["cat", "dog", "emu"])[y]
    clf = _small().fit(x, labels)
    assert list(clf.classes_) == ["cat", "dog", "emu"]
    assert clf.score(x, labels) > 0.9
    p = clf.predict_proba(x)
    np.testing.assert_allclose(p.sum(axis=1), 1, atol=1e-12)
    assert np.array_equal(clf.classes_[p.argmax(axis=1)], clf.predict(x))


def test_partial_fit_needs_classes_and_learns():
    x, y = _blobs()
    clf = _small(lr=1e-2)
    with pytest.raises(ValueError, match="classes="):
        clf.partial_fit(x, y)
    for i in range(30):
        j = i % 10
        clf.partial_fit(x[j * 30:(j + 1) * 30], y[j * 30:(j + 1) * 30], classes=[0, 1, 2])
    assert clf.n_epochs_ == 30
    assert clf.score(x, y) > 0.8
    with pytest.raises(ValueError, match="not in classes_"):
        clf.partial_fit(x[:5], np.full(5, 7))


def test_same_seed_same_model_and_global_generator_untouched():
    import backprop as bp

    x, y = _blobs()
    bp.manual_seed(123)
    before = bp.random.get_state()
    a = _small(epochs=3).fit(x, y).predict_proba(x)
    assert bp.random.get_state() == before
    b = _small(epochs=3).fit(x, y).predict_proba(x)
    assert np.array_equal(a, b)


def test_pickle_round_trip_keeps_training_state():
    x, y = _blobs()
    clf = _small(epochs=2).fit(x, y)
    twin = pickle.loads(pickle.dumps(clf))
    assert np.array_equal(twin.predict_proba(x), clf.predict_proba(x))
    clf.partial_fit(x, y)
    twin.partial_fit(x, y)
    assert np.array_equal(twin.predict_proba(x), clf.predict_proba(x))


def test_spec_string_and_input_shape():
    rng = np.random.default_rng(1)
    x = rng.normal(size=(60, 2 * 6 * 6))
    y = (x[:, :36].sum(axis=1) > 0).astype(int)
    clf = NeuralNetClassifier(model="conv(3,3,padding=1) relu flatten linear({classes})",
                              input_shape=(2, 6, 6), epochs=5, random_state=0).fit(x, y)
    assert clf.net_.spec.startswith("conv(3,3")
    assert clf.predict(x).shape == (60,)
    with pytest.raises(ValueError, match="input_shape"):
        NeuralNetClassifier(input_shape=(5, 5)).fit(x, y)
