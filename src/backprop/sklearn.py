"""scikit-learn estimators on backprop networks: ``NeuralNetClassifier``, ``NeuralNetRegressor``.

    from backprop.sklearn import NeuralNetClassifier
    clf = NeuralNetClassifier(hidden_layer_sizes=(100,)).fit(X, y)   # any label type
    clf.predict_proba(X_test)

Both take scikit-learn's ``MLPClassifier`` / ``MLPRegressor`` parameter names and fit the
training length to the data as they do (``max_iter`` epochs at most, stopping after
``n_iter_no_change`` epochs without an improvement of ``tol``, on the training loss or, with
``early_stopping``, on a held-out ``validation_fraction``). They train with the library's own
loop and recipe (optimisers by name); initialisation, shuffling and dropout draw from the
run's own generators, derived from ``random_state`` (``backprop.random.RunRandom``), so the
global generator of the caller is never touched. scikit-learn is needed only to use this module
(``pip install 'backprop[sklearn]'``).
"""

from __future__ import annotations

from typing import Any

import numpy as np

try:
    from sklearn.base import BaseEstimator, ClassifierMixin, RegressorMixin
    from sklearn.utils import check_random_state
    from sklearn.utils.multiclass import check_classification_targets
    from sklearn.utils.validation import check_is_fitted, column_or_1d, validate_data
except ImportError as e:  # pragma: no cover - exercised only without scikit-learn
    from .errors import BackpropError
    raise BackpropError("backprop.sklearn needs scikit-learn ≥ 1.6: pip install "
                        "'backprop[sklearn]'") from e

__all__ = ["NeuralNetClassifier", "NeuralNetRegressor"]


class _NeuralNet(BaseEstimator):
    """What the classifier and the regressor share: the network, the recipe, the loop."""

    _loss = "cross_entropy"

    def __init__(self, model: str = "mlp", hidden_layer_sizes: Any = None,
                 activation: str | None = None, optimizer: str = "adam",
                 learning_rate_init: float | None = None, alpha: float = 0.0001,
                 batch_size: Any = "auto", max_iter: int = 200, tol: float = 1e-4,
                 n_iter_no_change: int = 10, early_stopping: bool = False,
                 validation_fraction: float = 0.1, input_shape: tuple[int, ...] | None = None,
                 dtype: str = "float64", verbose: bool = False, random_state: Any = None,
                 n_jobs: int | None = None) -> None:
        self.model = model
        self.hidden_layer_sizes = hidden_layer_sizes
        self.activation = activation
        self.optimizer = optimizer
        self.learning_rate_init = learning_rate_init
        self.alpha = alpha
        self.batch_size = batch_size
        self.max_iter = max_iter
        self.tol = tol
        self.n_iter_no_change = n_iter_no_change
        self.early_stopping = early_stopping
        self.validation_fraction = validation_fraction
        self.input_shape = input_shape
        self.dtype = dtype
        self.verbose = verbose
        self.random_state = random_state
        self.n_jobs = n_jobs

    # -- the network ------------------------------------------------------------------------
    def _spec(self, n_outputs: int) -> str:
        from .models import model_spec

        if self.model.strip().lower() == "mlp":  # the library's one mlp unless told otherwise
            hidden = self.hidden_layer_sizes
            if hidden is not None:
                hidden = [hidden] if isinstance(hidden, int) else list(hidden)
            return model_spec("mlp", n_outputs, hidden=hidden, activation=self.activation)
        return model_spec(self.model, n_outputs).replace("{classes}", str(n_outputs)) \
            .replace("{outputs}", str(n_outputs))

    def _batch(self, n: int) -> int:
        if self.batch_size == "auto":
            return min(200, n)
        return max(1, min(int(self.batch_size), n))

    def _make_optimizer(self, net):
        from .train.recipe import make_optimizer

        # scikit-learn adds (α/2)·‖W‖²/batch to the loss: weight decay α/batch on the gradient
        decay = float(self.alpha) / self._batch(self._n_samples) if self.alpha else 0.0
        return make_optimizer(self.optimizer, net.parameters(), self.learning_rate_init, decay)

    def _init(self, n_features: int, n_outputs: int, n_samples: int) -> None:
        from .models import build_model
        from .random import RunRandom, drawing_from

        if self.dtype not in ("float32", "float64"):
            raise ValueError(f"dtype must be 'float32' or 'float64', got {self.dtype!r}")
        rng = check_random_state(self.random_state)
        self._seed = int(rng.randint(np.iinfo(np.int32).max))
        self._n_samples = n_samples
        shape = tuple(self.input_shape) if self.input_shape is not None else (n_features,)
        if int(np.prod(shape)) != n_features:
            raise ValueError(f"input_shape {shape} does not hold the {n_features} features of X")
        with drawing_from(RunRandom(self._seed).init()):
            net = build_model(self._spec(n_outputs), shape)
        if net.output_shape != (n_outputs,):
            raise ValueError(f"the model '{net.spec}' has outputs {net.output_shape} but "
                             f"{n_outputs} are needed (end it with linear({{outputs}}))")
        net.to(np.dtype(self.dtype))
        self.net_ = net
        self.optimizer_ = self._make_optimizer(net)
        self.n_iter_ = 0
        self.loss_curve_: list[float] = []
        self._dropout_state = None  # the run's dropout stream, continued by the next fit

    # -- training -------------------------------------------------------------------------
    def _train(self, X: np.ndarray, targets: np.ndarray, epochs: int, stop: bool) -> None:
        """``epochs`` more epochs; with ``stop``, scikit-learn's rule ends them early."""
        from .threads import use_threads
        from .train import TrainConfig, Trainer

        x = X.reshape(len(X), *self.net_.input_shape).astype(self.dtype, copy=False)
        holdout = stop and self.early_stopping
        config = TrainConfig(epochs=self.n_iter_ + epochs, batch_size=self._batch(len(x)),
                             seed=self._seed, loss=self._loss,
                             validation_split=self.validation_fraction if holdout else 0.0,
                             patience=self.n_iter_no_change if stop else None, tol=self.tol,
                             monitor="val_loss" if holdout else "loss")
        trainer = Trainer(self.net_, self.optimizer_, config, progress=False,
                          log=print if self.verbose else None)
        trainer.state.epoch = self.n_iter_
        if self._dropout_state is not None:
            trainer.random.load_state_dict(self._dropout_state)
        with use_threads(self.n_jobs, "n_jobs"):
            trainer.fit(x, targets)
        self._dropout_state = trainer.random.state_dict()
        self.n_iter_ = trainer.epoch
        self.loss_curve_ = self.loss_curve_ + [row["loss"] for row in trainer.history]
        self.best_loss_ = min(self.loss_curve_)
        if holdout:
            self.validation_loss_curve_ = [row["val_loss"] for row in trainer.history]

    def _outputs(self, X) -> np.ndarray:
        from .threads import use_threads
        from .train import predict

        check_is_fitted(self, "net_")
        X = validate_data(self, X, reset=False, dtype=(np.float64, np.float32))
        x = X.reshape(len(X), *self.net_.input_shape).astype(self.dtype, copy=False)
        with use_threads(self.n_jobs, "n_jobs"):
            return predict(self.net_, x).astype(np.float64)

    # -- pickling: arrays and JSON-able state only, rebuilt on load ----------------------------
    def __getstate__(self) -> dict:
        state = self.__dict__.copy()
        net = state.pop("net_", None)
        opt = state.pop("optimizer_", None)
        if net is not None:
            state["_net_state"] = {"spec": net.spec, "input_shape": net.input_shape,
                                   "weights": dict(net.state_dict()),
                                   "optimizer": opt.state_dict()}
        return state

    def __setstate__(self, state: dict) -> None:
        from .models import build_model
        from .random import drawing_from

        saved = state.pop("_net_state", None)
        self.__dict__.update(state)
        if saved is not None:
            with drawing_from(np.random.default_rng(0)):  # weights replaced just below
                net = build_model(saved["spec"], saved["input_shape"])
            net.to(np.dtype(self.dtype))
            net.load_state_dict(saved["weights"])
            opt = self._make_optimizer(net)
            opt.load_state_dict(saved["optimizer"])
            self.net_, self.optimizer_ = net, opt

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.non_deterministic = self.random_state is None
        return tags


class NeuralNetClassifier(ClassifierMixin, _NeuralNet):
    """A neural-network classifier trained with softmax cross-entropy: the library's ``mlp``
    (one hidden layer of 800 relu units unless ``hidden_layer_sizes`` or ``activation`` say
    otherwise) or any architecture string for ``model`` ending in as many outputs as classes
    — write ``{classes}`` for that number, e.g. ``"linear(64) relu linear({classes})"``.

    Parameters as ``MLPClassifier``: ``max_iter`` epochs at most, stopped after
    ``n_iter_no_change`` epochs whose loss (the training loss, or the validation loss of a
    ``validation_fraction`` hold-out with ``early_stopping``, whose best weights are kept) is
    not ``tol`` below the best; mini-batches of ``batch_size`` (``"auto"``: min(200, n));
    ``alpha`` the L2 penalty; ``learning_rate_init`` (default per ``optimizer``: ``adam``,
    ``adamw``, ``sgd``, ``momentum``, ``nesterov``, …); ``verbose`` prints each epoch.
    ``input_shape`` reshapes each row of ``X`` (``(1, 28, 28)`` for a CNN on flattened images);
    ``dtype`` is float64 as scikit-learn's (``"float32"`` trains faster).
    ``random_state`` seeds initialisation, dropout and shuffling. ``partial_fit`` runs one
    epoch on the given data. ``n_jobs`` is the number of BLAS threads while fitting and
    predicting (-1: every core; None: the cores not busy with other work, see
    :mod:`backprop.threads`).
    """

    def fit(self, X, y):
        """Train a fresh network on ``(X, y)``."""
        X, y = self._validate(X, y, reset=True)
        self.classes_, codes = np.unique(y, return_inverse=True)
        self._init(X.shape[1], len(self.classes_), len(X))
        self._train(X, codes, self.max_iter, stop=True)
        return self

    def partial_fit(self, X, y, classes=None):
        """One epoch on ``(X, y)``; the first call needs ``classes`` (all labels to expect)."""
        first = not hasattr(self, "net_")
        X, y = self._validate(X, y, reset=first)
        if first:
            if classes is None:
                raise ValueError("partial_fit: the first call needs classes=, all the labels "
                                 "the data will ever have")
            self.classes_ = np.unique(np.asarray(classes))
            self._init(X.shape[1], len(self.classes_), len(X))
        elif classes is not None and not np.array_equal(np.unique(classes), self.classes_):
            raise ValueError(f"partial_fit: classes={classes!r} differ from the classes of "
                             f"the first call {self.classes_!r}")
        unknown = ~np.isin(y, self.classes_)
        if unknown.any():
            raise ValueError(f"partial_fit: labels {np.unique(y[unknown])!r} are not in "
                             f"classes_ {self.classes_!r}")
        self._train(X, np.searchsorted(self.classes_, y), 1, stop=False)
        return self

    def _validate(self, X, y, reset: bool):
        X, y = validate_data(self, X, y, reset=reset, dtype=(np.float64, np.float32))
        y = column_or_1d(y, warn=True)
        check_classification_targets(y)
        return X, y

    def predict_proba(self, X) -> np.ndarray:
        """Class probabilities (softmax of the logits, in float64), columns in ``classes_``."""
        z = self._outputs(X)
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        return p / p.sum(axis=1, keepdims=True)

    def predict_log_proba(self, X) -> np.ndarray:
        z = self._outputs(X)
        z -= z.max(axis=1, keepdims=True)
        return z - np.log(np.exp(z).sum(axis=1, keepdims=True))

    def predict(self, X) -> np.ndarray:
        codes = self._outputs(X).argmax(axis=1)
        return self.classes_[codes]


class NeuralNetRegressor(RegressorMixin, _NeuralNet):
    """A neural-network regressor trained with mean squared error (scored by R²): the same
    networks and parameters as :class:`NeuralNetClassifier`, ending in as many outputs as
    ``y`` has columns (``{outputs}`` in an architecture string), as ``MLPRegressor``."""

    _loss = "mse"

    def fit(self, X, y):
        X, y = validate_data(self, X, y, reset=True, dtype=(np.float64, np.float32),
                             multi_output=True, y_numeric=True)
        self._y_1d = y.ndim == 1
        targets = y.reshape(len(y), -1).astype(self.dtype)
        self._init(X.shape[1], targets.shape[1], len(X))
        self._train(X, targets, self.max_iter, stop=True)
        return self

    def partial_fit(self, X, y):
        """One epoch on ``(X, y)``."""
        first = not hasattr(self, "net_")
        X, y = validate_data(self, X, y, reset=first, dtype=(np.float64, np.float32),
                             multi_output=True, y_numeric=True)
        targets = y.reshape(len(y), -1).astype(self.dtype)
        if first:
            self._y_1d = y.ndim == 1
            self._init(X.shape[1], targets.shape[1], len(X))
        elif targets.shape[1] != self.net_.output_shape[0]:
            raise ValueError(f"partial_fit: y has {targets.shape[1]} columns, the network "
                             f"{self.net_.output_shape[0]} outputs")
        self._train(X, targets, 1, stop=False)
        return self

    def predict(self, X) -> np.ndarray:
        out = self._outputs(X)
        return out[:, 0] if self._y_1d else out

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.target_tags.multi_output = True
        return tags
