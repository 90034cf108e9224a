"""A scikit-learn classifier on backprop networks: ``NeuralNetClassifier``.

    from backprop.sklearn import NeuralNetClassifier
    clf = NeuralNetClassifier(hidden=(100,), epochs=30).fit(X, y)   # any label type
    clf.predict_proba(X_test)

It trains with the library's own loop (softmax cross-entropy, seeded shuffling) and draws
initialisation and dropout from the library's generator seeded by ``random_state``; the
caller's global generator state is put back afterwards. scikit-learn is needed only to use
this module (``pip install 'backprop[sklearn]'``).
"""

from __future__ import annotations

import contextlib
from typing import Any

import numpy as np

try:
    from sklearn.base import BaseEstimator, ClassifierMixin
    from sklearn.utils import check_random_state
    from sklearn.utils.multiclass import check_classification_targets
    from sklearn.utils.validation import check_is_fitted, column_or_1d, validate_data
except ImportError as e:  # pragma: no cover - exercised only without scikit-learn
    from .errors import BackpropError
    raise BackpropError("backprop.sklearn needs scikit-learn ≥ 1.6: pip install "
                        "'backprop[sklearn]'") from e

__all__ = ["NeuralNetClassifier"]


@contextlib.contextmanager
def _library_seed(seed: int):
    """Seed the library generator for a block, then restore the caller's stream."""
    from . import random

    saved = random.get_state()
    random.manual_seed(seed)
    try:
        yield
    finally:
        random.set_state(saved)


class NeuralNetClassifier(ClassifierMixin, BaseEstimator):
    """A neural-network classifier: the ``mlp`` (``hidden`` sizes, ``activation``) or any
    architecture string for ``model`` ending in as many outputs as classes — write
    ``{classes}`` for that number, e.g. ``"linear(64) relu linear({classes})"``.

    Parameters mirror ``backprop train``: ``epochs`` passes of mini-batch ``optimizer``
    (``adam``, ``adamw``, ``sgd``, ``momentum``, ``nesterov``) with learning rate ``lr``
    (default per optimiser), ``batch_size`` (capped at the number of samples) and
    ``weight_decay``. ``input_shape`` reshapes each row of ``X`` (for example ``(1, 28, 28)``
    for a CNN on flattened images). ``random_state`` seeds initialisation, dropout and the
    shuffling. ``partial_fit`` runs one epoch on the given batch of data. ``n_jobs`` is the
    number of BLAS threads while fitting and predicting (-1: every core; None: the cores not
    busy with other work, see :mod:`backprop.threads`).
    """

    def __init__(self, model: str = "mlp", hidden: Any = (100,), activation: str = "relu",
                 epochs: int = 30, batch_size: int = 64, optimizer: str = "adam",
                 lr: float | None = None, weight_decay: float = 0.0,
                 input_shape: tuple[int, ...] | None = None, dtype: str = "float32",
                 random_state: Any = None, n_jobs: int | None = None) -> None:
        self.model = model
        self.hidden = hidden
        self.activation = activation
        self.epochs = epochs
        self.batch_size = batch_size
        self.optimizer = optimizer
        self.lr = lr
        self.weight_decay = weight_decay
        self.input_shape = input_shape
        self.dtype = dtype
        self.random_state = random_state
        self.n_jobs = n_jobs

    # -- fitting ----------------------------------------------------------------------------
    def fit(self, X, y):
        """Train a fresh network for ``epochs`` passes over ``(X, y)``."""
        X, y = self._validate(X, y, reset=True)
        self.classes_, codes = np.unique(y, return_inverse=True)
        self._init(X.shape[1])
        self._train(X, codes, self.epochs)
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
            self._init(X.shape[1])
        elif classes is not None and not np.array_equal(np.unique(classes), self.classes_):
            raise ValueError(f"partial_fit: classes={classes!r} differ from the classes of "
                             f"the first call {self.classes_!r}")
        unknown = ~np.isin(y, self.classes_)
        if unknown.any():
            raise ValueError(f"partial_fit: labels {np.unique(y[unknown])!r} are not in "
                             f"classes_ {self.classes_!r}")
        self._train(X, np.searchsorted(self.classes_, y), 1)
        return self

    def _validate(self, X, y, reset: bool):
        X, y = validate_data(self, X, y, reset=reset, dtype=(np.float64, np.float32))
        y = column_or_1d(y, warn=True)
        check_classification_targets(y)
        return X, y

    def _spec(self, n_classes: int) -> str:
        from .models import model_spec

        if self.model.strip().lower() == "mlp":
            hidden = [self.hidden] if isinstance(self.hidden, int) else list(self.hidden)
            return model_spec("mlp", n_classes, hidden=hidden, activation=self.activation)
        return model_spec(self.model, n_classes).replace("{classes}", str(n_classes))

    def _init(self, n_features: int) -> None:
        from .cli.train import make_optimizer
        from .models import build_model

        if self.dtype not in ("float32", "float64"):
            raise ValueError(f"dtype must be 'float32' or 'float64', got {self.dtype!r}")
        rng = check_random_state(self.random_state)
        self._seed = int(rng.randint(np.iinfo(np.int32).max))
        shape = tuple(self.input_shape) if self.input_shape is not None else (n_features,)
        if int(np.prod(shape)) != n_features:
            raise ValueError(f"input_shape {shape} does not hold the {n_features} features of X")
        with _library_seed(self._seed):
            net = build_model(self._spec(len(self.classes_)), shape)
        if net.output_shape != (len(self.classes_),):
            raise ValueError(f"the model '{net.spec}' has outputs {net.output_shape} but there "
                             f"are {len(self.classes_)} classes (end it with linear({{classes}}))")
        net.to(np.dtype(self.dtype))
        self.net_ = net
        self.optimizer_ = make_optimizer(self.optimizer, net.parameters(), self.lr,
                                         self.weight_decay)
        self.n_epochs_ = 0
        self._generator_state = None

    def _train(self, X: np.ndarray, codes: np.ndarray, epochs: int) -> None:
        from . import random
        from .threads import use_threads
        from .train import Trainer

        x = X.reshape(len(X), *self.net_.input_shape).astype(self.dtype, copy=False)
        batch = max(1, min(int(self.batch_size), len(x)))
        trainer = Trainer(self.net_, self.optimizer_, epochs=self.n_epochs_ + epochs,
                          batch_size=batch, seed=self._seed, epoch=self.n_epochs_,
                          progress=False, log=None)
        with _library_seed(self._seed), use_threads(self.n_jobs, "n_jobs"):
            if self._generator_state is not None:  # dropout continues its stream
                random.set_state(self._generator_state)
            trainer.fit(x, codes.astype(np.int64))
            self._generator_state = random.get_state()
        self.n_epochs_ = trainer.epoch
        self.loss_curve_ = [row["loss"] for row in trainer.history]

    # -- prediction -------------------------------------------------------------------------
    def _logits(self, X) -> np.ndarray:
        from .threads import use_threads
        from .train import predict

        check_is_fitted(self, "net_")
        X = validate_data(self, X, reset=False, dtype=(np.float64, np.float32))
        x = X.reshape(len(X), *self.net_.input_shape).astype(self.dtype, copy=False)
        with use_threads(self.n_jobs, "n_jobs"):
            return predict(self.net_, x).astype(np.float64)

    def predict_proba(self, X) -> np.ndarray:
        """Class probabilities (softmax of the logits, in float64), columns in ``classes_``."""
        z = self._logits(X)
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        return p / p.sum(axis=1, keepdims=True)

    def predict_log_proba(self, X) -> np.ndarray:
        z = self._logits(X)
        z -= z.max(axis=1, keepdims=True)
        return z - np.log(np.exp(z).sum(axis=1, keepdims=True))

    def predict(self, X) -> np.ndarray:
        codes = self._logits(X).argmax(axis=1)
        return self.classes_[codes]

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
        from .cli.train import make_optimizer
        from .models import build_model

        saved = state.pop("_net_state", None)
        self.__dict__.update(state)
        if saved is not None:
            with _library_seed(0):
                net = build_model(saved["spec"], saved["input_shape"])
            net.to(np.dtype(self.dtype))
            net.load_state_dict(saved["weights"])
            opt = make_optimizer(self.optimizer, net.parameters(), self.lr, self.weight_decay)
            opt.load_state_dict(saved["optimizer"])
            self.net_, self.optimizer_ = net, opt

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.non_deterministic = self.random_state is None
        return tags
