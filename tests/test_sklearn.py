"""scikit-learn estimator: its own check suite, any label type, partial_fit, pickling."""

import pickle

import numpy as np
import pytest

pytest.importorskip("sklearn")
from sklearn.utils.estimator_checks import parametrize_with_checks

from backprop.sklearn import NeuralNetClassifier, NeuralNetRegressor

# Checks this estimator cannot pass, each with its reason. Empty: with scikit-learn 1.9 it
# passes every check (two are skipped by scikit-learn itself when pandas or SCIPY_ARRAY_API
# are absent). A check added by a later scikit-learn that fails goes here with why.
EXPECTED_FAILED_CHECKS: dict[str, str] = {}


def _small(**kw):
    return NeuralNetClassifier(hidden_layer_sizes=(32,), max_iter=kw.pop("max_iter", 60),
                               random_state=0, **{"learning_rate_init": 1e-2, **kw})


def _small_regressor(**kw):
    return NeuralNetRegressor(hidden_layer_sizes=(32,), max_iter=kw.pop("max_iter", 60),
                              random_state=0, **{"learning_rate_init": 1e-2, **kw})


@parametrize_with_checks([_small(), _small_regressor()],
                         expected_failed_checks=lambda est: EXPECTED_FAILED_CHECKS)
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
    clf = _small(learning_rate_init=1e-2)
    with pytest.raises(ValueError, match="classes="):
        clf.partial_fit(x, y)
    for i in range(30):
        j = i % 10
        clf.partial_fit(x[j * 30:(j + 1) * 30], y[j * 30:(j + 1) * 30], classes=[0, 1, 2])
    assert clf.n_iter_ == 30
    assert clf.score(x, y) > 0.8
    with pytest.raises(ValueError, match="not in classes_"):
        clf.partial_fit(x[:5], np.full(5, 7))


def test_same_seed_same_model_and_global_generator_untouched():
    import backprop as bp

    x, y = _blobs()
    bp.manual_seed(123)
    before = bp.random.get_state()
    a = _small(max_iter=3).fit(x, y).predict_proba(x)
    assert bp.random.get_state() == before
    b = _small(max_iter=3).fit(x, y).predict_proba(x)
    assert np.array_equal(a, b)


def test_pickle_round_trip_keeps_training_state():
    x, y = _blobs()
    clf = _small(max_iter=2).fit(x, y)
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
                              input_shape=(2, 6, 6), max_iter=5, random_state=0).fit(x, y)
    assert clf.net_.spec.startswith("conv(3,3")
    assert clf.predict(x).shape == (60,)
    with pytest.raises(ValueError, match="input_shape"):
        NeuralNetClassifier(input_shape=(5, 5)).fit(x, y)


def test_training_length_fits_the_data_as_mlpclassifier():
    """max_iter is a ceiling: the run stops after n_iter_no_change epochs without a tol
    improvement, on the training loss or, with early_stopping, on the validation loss."""
    x, y = _blobs()
    clf = _small(max_iter=300, n_iter_no_change=3, tol=1e-2).fit(x, y)
    assert 3 < clf.n_iter_ < 300 and len(clf.loss_curve_) == clf.n_iter_
    assert clf.best_loss_ == min(clf.loss_curve_)
    held = _small(max_iter=300, n_iter_no_change=3, tol=1e-2, early_stopping=True,
                  validation_fraction=0.2).fit(x, y)
    assert held.n_iter_ < 300 and len(held.validation_loss_curve_) == held.n_iter_
    assert held.score(x, y) > 0.9
    full = _small(max_iter=8, tol=0.0).fit(x, y)
    assert full.n_iter_ == 8


def test_alpha_and_verbose(capsys):
    x, y = _blobs()
    clf = _small(max_iter=2, alpha=1.0, verbose=True).fit(x, y)
    assert clf.optimizer_.param_groups[0]["weight_decay"] == pytest.approx(1.0 / 200)
    assert "epoch 2/2" in capsys.readouterr().out


def test_regressor_learns_and_keeps_the_target_shape():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(300, 4))
    y = x @ np.array([1.0, -2.0, 0.5, 0.0]) + 0.05 * rng.normal(size=300)
    reg = _small_regressor(max_iter=100, learning_rate_init=1e-2).fit(x, y)
    assert reg.predict(x).shape == (300,) and reg.score(x, y) > 0.95
    two = _small_regressor(max_iter=5).fit(x, np.stack([y, -y], axis=1))
    assert two.predict(x).shape == (300, 2)


@pytest.mark.parametrize("ours, theirs", [("NeuralNetClassifier", "MLPClassifier"),
                                          ("NeuralNetRegressor", "MLPRegressor")])
def test_defaults_are_mlps_where_the_names_are_shared(ours, theirs):
    import backprop.sklearn as mine
    from sklearn import neural_network

    a = getattr(mine, ours)().get_params()
    b = getattr(neural_network, theirs)().get_params()
    shared = sorted(set(a) & set(b))
    assert {"hidden_layer_sizes", "activation", "alpha", "batch_size", "learning_rate_init",
            "max_iter", "tol", "n_iter_no_change", "early_stopping",
            "validation_fraction"} <= set(shared)
    assert {k: a[k] for k in shared} == {k: b[k] for k in shared}


def test_network_and_initialisation_as_mlpclassifier():
    x, y = _blobs()
    clf = NeuralNetClassifier(max_iter=1, random_state=0).fit(x, y)
    assert clf.net_.spec == "linear(100) relu linear(3)"
    w = clf.net_[0].weight.data
    assert w.dtype == np.float32 and w.shape == (100, 4)
    logistic = NeuralNetClassifier(activation="logistic", max_iter=1, random_state=0)
    assert "sigmoid" in logistic.fit(x, y).net_.spec
    library = NeuralNetClassifier(model="mlp", max_iter=1, random_state=0).fit(x, y)
    assert library.net_.spec == "flatten linear(800) relu linear(3)"


def test_glorot_bounds():
    x, y = _blobs()
    for activation, factor in (("relu", 6.0), ("logistic", 2.0)):
        clf = NeuralNetClassifier(activation=activation, max_iter=1, learning_rate_init=0.0,
                                  alpha=0.0, random_state=0).fit(x, y)
        w, b = clf.net_[0].weight.data, clf.net_[0].bias.data
        bound = np.sqrt(factor / (4 + 100))
        assert np.abs(w).max() <= bound and np.abs(w).max() > 0.9 * bound
        assert np.abs(b).max() <= bound and np.abs(b).max() > 0.5 * bound


def test_stopping_rule_counts_consecutive_epochs_as_mlpclassifier():
    """Stops once the loss failed to beat the best by tol in more than n_iter_no_change
    epochs in a row: with a huge tol, after exactly n_iter_no_change + 1 epochs."""
    x, y = _blobs()
    clf = _small(max_iter=100, n_iter_no_change=4, tol=1e6).fit(x, y)
    assert clf.n_iter_ == 6  # the first epoch sets the best, then 5 epochs without


def test_loss_curve_is_on_scikit_learns_scale():
    """With a learning rate of 0 the network never moves, so the epoch's loss is the loss
    of its predictions: ½·mean square for the regressor, plus (α/2)·‖W‖²·steps/n."""
    rng = np.random.default_rng(0)
    x = rng.normal(size=(50, 3))
    y = x @ np.array([1.0, -1.0, 2.0])
    # float64, so that the comparison can be exact to 1e-12
    reg = NeuralNetRegressor(learning_rate_init=0.0, alpha=0.0, max_iter=1,
                             random_state=0, dtype="float64").fit(x, y)
    half_mse = 0.5 * np.mean((reg.predict(x) - y) ** 2)
    assert reg.loss_curve_ == [pytest.approx(half_mse, rel=1e-12)]
    pen = NeuralNetRegressor(learning_rate_init=0.0, alpha=2.0, max_iter=1, batch_size=25,
                             random_state=0, dtype="float64").fit(x, y)
    squares = sum(np.sum(layer.weight.data ** 2) for layer in (pen.net_[0], pen.net_[2]))
    assert pen.loss_curve_[0] == pytest.approx(half_mse + 0.5 * 2.0 * squares * 2 / 50,
                                               rel=1e-12)


def test_shuffle_as_mlpclassifier():
    x, y = _blobs()
    fixed = [NeuralNetClassifier(max_iter=3, shuffle=False, random_state=0).fit(x, y)
             for _ in range(2)]
    shuffled = NeuralNetClassifier(max_iter=3, random_state=0).fit(x, y)
    w = [m.net_[0].weight.data for m in (*fixed, shuffled)]
    assert np.array_equal(w[0], w[1]) and not np.array_equal(w[0], w[2])
    assert NeuralNetClassifier().get_params()["shuffle"] is True


@pytest.mark.filterwarnings("ignore::sklearn.exceptions.ConvergenceWarning")
def test_two_classes_have_one_logistic_output_as_mlpclassifier():
    from sklearn.neural_network import MLPClassifier

    x, y = _blobs()
    labels = np.array(["no", "yes"])[(y == 0).astype(int)]
    clf = NeuralNetClassifier(max_iter=20, random_state=0).fit(x, labels)
    assert clf.net_.spec == "linear(100) relu linear(1)"
    mlp = MLPClassifier(max_iter=20, random_state=0).fit(x, labels)
    assert [w.shape for w in mlp.coefs_][-1] == (100, 1)  # theirs ends in one output too
    z = clf.net_(x.astype(np.float32)).data[:, 0].astype(np.float64)
    p = clf.predict_proba(x)
    assert p.shape == (len(x), 2) and np.allclose(p.sum(axis=1), 1)
    assert np.allclose(p[:, 1], 1 / (1 + np.exp(-z)), rtol=1e-6)
    assert np.allclose(clf.predict_log_proba(x), np.log(p))
    assert list(clf.predict(x)) == list(np.where(z > 0, "yes", "no"))
    assert clf.score(x, labels) > 0.95
    # a model given by the user keeps its one output per class
    own = NeuralNetClassifier(model="linear(8) relu linear({classes})", max_iter=2,
                              random_state=0).fit(x, labels)
    assert own.net_.output_shape == (2,)
