"""scikit-learn estimators on backprop networks: ``NeuralNetClassifier``, ``NeuralNetRegressor``.

    from backprop.sklearn import NeuralNetClassifier
    clf = NeuralNetClassifier().fit(X, y)   # MLPClassifier's defaults; any label type
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

from numbers import Integral, Real
from typing import Any

import numpy as np

try:
    from sklearn.base import BaseEstimator, ClassifierMixin, RegressorMixin
    from sklearn.utils import check_random_state
    from sklearn.utils._param_validation import Interval, Options, StrOptions
    from sklearn.utils.multiclass import check_classification_targets
    from sklearn.utils.validation import check_is_fitted, column_or_1d, validate_data
except ImportError as e:  # pragma: no cover - exercised only without scikit-learn
    from .errors import BackpropError
    from .extras import install_command
    raise BackpropError(f"backprop.sklearn needs scikit-learn ≥ 1.6: "
                        f"{install_command('sklearn')}") from e

# The library's modules are imported here, not in fit: the first fit of a process should cost
# what the others do (scikit-learn's estimators are ready on import too).
from . import nn
from .errors import BackpropError
from .models import build_model, model_spec
from .nn import init
from .random import RunRandom, drawing_from
from .threads import use_threads
from .train import TrainConfig, Trainer, predict
from .train.recipe import make_optimizer

__all__ = ["NeuralNetClassifier", "NeuralNetRegressor"]

# How many standard deviations from the mean a regressor's prediction may land and still be
# mapped back to the unit of y in float64: a scale that leaves less room is refused.
BOUND = 1e6


class _NeuralNet(BaseEstimator):
    """What the classifier and the regressor share: the network, the recipe, the loop."""

    _loss = "cross_entropy"

    # Checked by scikit-learn's own validation (``_validate_params``) when fitting: the
    # shared names as MLPClassifier constrains them, so a bad value gets its message.
    _parameter_constraints: dict = {
        "hidden_layer_sizes": ["array-like", Interval(Integral, 1, None, closed="left")],
        "activation": [StrOptions({"identity", "logistic", "tanh", "relu"})],
        "optimizer": [str],  # a recipe name; an unknown one is refused naming the known ones
        "learning_rate_init": [Interval(Real, 0, None, closed="neither")],
        "alpha": [Interval(Real, 0, None, closed="left")],
        "batch_size": [StrOptions({"auto"}), Interval(Integral, 1, None, closed="left")],
        "max_iter": [Interval(Integral, 1, None, closed="left")],
        "shuffle": ["boolean"],
        "tol": [Interval(Real, 0, None, closed="left")],
        "n_iter_no_change": [Interval(Integral, 1, None, closed="left"),
                             Options(Real, {np.inf})],
        "early_stopping": ["boolean"],
        "validation_fraction": [Interval(Real, 0, 1, closed="left")],
        "model": [str, None],
        "input_shape": ["array-like", None],
        "dtype": [StrOptions({"float32", "float64"})],
        "verbose": ["verbose"],
        "random_state": ["random_state"],
        "n_jobs": [Integral, None],
    }

    def __init__(self, hidden_layer_sizes: Any = (100,), activation: str = "relu",
                 optimizer: str = "adam", learning_rate_init: float = 0.001,
                 alpha: float = 0.0001, batch_size: Any = "auto", max_iter: int = 200,
                 shuffle: bool = True,
                 tol: float = 1e-4, n_iter_no_change: int = 10, early_stopping: bool = False,
                 validation_fraction: float = 0.1, model: str | None = None,
                 input_shape: tuple[int, ...] | None = None, dtype: str = "float32",
                 verbose: bool = False, random_state: Any = None,
                 n_jobs: int | None = None) -> None:
        self.hidden_layer_sizes = hidden_layer_sizes
        self.activation = activation
        self.optimizer = optimizer
        self.learning_rate_init = learning_rate_init
        self.alpha = alpha
        self.batch_size = batch_size
        self.max_iter = max_iter
        self.shuffle = shuffle
        self.tol = tol
        self.n_iter_no_change = n_iter_no_change
        self.early_stopping = early_stopping
        self.validation_fraction = validation_fraction
        self.model = model
        self.input_shape = input_shape
        self.dtype = dtype
        self.verbose = verbose
        self.random_state = random_state
        self.n_jobs = n_jobs

    # -- the network ------------------------------------------------------------------------
    # scikit-learn's activation names → the library's layers (identity: none)
    _ACTIVATIONS = {"identity": "", "logistic": "sigmoid", "tanh": "tanh", "relu": "relu"}

    def _spec(self, n_outputs: int, flat: bool) -> str:
        if self.model is not None:  # a named network ("mlp": the library's) or a spec string
            return model_spec(self.model, n_outputs).replace("{classes}", str(n_outputs)) \
                .replace("{outputs}", str(n_outputs))
        if self.activation not in self._ACTIVATIONS:
            raise BackpropError(f"activation must be one of {sorted(self._ACTIVATIONS)}, got "
                                f"{self.activation!r}")
        sizes = self.hidden_layer_sizes
        sizes = [sizes] if isinstance(sizes, (int, np.integer)) else list(sizes)
        if any(isinstance(h, bool) or not isinstance(h, (int, np.integer)) or h <= 0
               for h in sizes):
            raise BackpropError(f"hidden_layer_sizes must be positive integers, got "
                                f"{self.hidden_layer_sizes!r}")
        act = self._ACTIVATIONS[self.activation]
        body = "".join(f"linear({h}) {act} " for h in sizes)
        # a flatten layer on rows already flat would only cost a reshape a step
        return f"{'' if flat else 'flatten '}{body}linear({n_outputs})"

    def _glorot(self, net) -> None:
        """scikit-learn's initialisation of its MLP: weights and biases uniform in
        ±√(f/(fan_in + fan_out)), f = 2 for the logistic activation, else 6."""
        factor = 2.0 if self.activation == "logistic" else 6.0
        for layer in net.modules():
            if isinstance(layer, nn.Linear):
                bound = float(np.sqrt(factor / (layer.in_features + layer.out_features)))
                init.uniform_(layer.weight, -bound, bound)
                if layer.bias is not None:
                    init.uniform_(layer.bias, -bound, bound)

    def _batch(self, n: int) -> int:
        if self.batch_size == "auto":
            return min(200, n)
        return max(1, min(int(self.batch_size), n))

    def _objective(self) -> str:
        """The loss the network trains with (a name of backprop.train.objectives)."""
        return self._loss

    # the loss scikit-learn minimises, as a multiple of the library's: 1, or ½ for its
    # squared error (½ · mean square)
    _loss_scale = 1.0

    def _make_optimizer(self, net):
        # scikit-learn adds (α/2)·‖W‖²/batch to its loss, weights only (no bias): on the
        # library's loss that is a weight decay of α/(batch · loss scale) on the weights
        decay = float(self.alpha) / (self._batch(self._n_samples) * self._loss_scale)
        weights = [p for name, p in net.named_parameters() if not name.endswith("bias")]
        biases = [p for name, p in net.named_parameters() if name.endswith("bias")]
        groups = [{"params": weights, "weight_decay": decay}]
        if biases:
            groups.append({"params": biases, "weight_decay": 0.0})
        return make_optimizer(self.optimizer, groups, self.learning_rate_init)

    def _init(self, n_features: int, n_outputs: int, n_samples: int) -> None:
        if self.dtype not in ("float32", "float64"):
            raise BackpropError(f"dtype must be 'float32' or 'float64', got {self.dtype!r}")
        rng = check_random_state(self.random_state)
        self._seed = int(rng.randint(np.iinfo(np.int32).max))
        self._n_samples = n_samples
        shape = tuple(self.input_shape) if self.input_shape is not None else (n_features,)
        if int(np.prod(shape)) != n_features:
            raise BackpropError(f"input_shape {shape} does not hold the {n_features} features "
                                f"of X")
        with drawing_from(RunRandom(self._seed).init()):
            net = build_model(self._spec(n_outputs, len(shape) == 1), shape)
            if self.model is None:
                self._glorot(net)
        if net.output_shape != (n_outputs,):
            raise BackpropError(f"the model '{net.spec}' has outputs {net.output_shape} but "
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
        x = X.reshape(len(X), *self.net_.input_shape).astype(self.dtype, copy=False)
        holdout = stop and self.early_stopping
        config = TrainConfig(epochs=self.n_iter_ + epochs, batch_size=self._batch(len(x)),
                             seed=self._seed, loss=self._objective(),
                             validation_split=self.validation_fraction if holdout else 0.0,
                             patience=(self.n_iter_no_change if holdout and
                                       np.isfinite(self.n_iter_no_change) else None),
                             tol=self.tol,
                             monitor="val_loss", shuffle=bool(self.shuffle))
        trainer = Trainer(self.net_, self.optimizer_, config, progress=False,
                          log=print if self.verbose else None,
                          on_epoch=self._watch_loss)
        self._stop_on_loss = stop and not holdout
        trainer.state.epoch = self.n_iter_
        if self._dropout_state is not None:
            trainer.random.load_state_dict(self._dropout_state)
        self._no_improvement_count = 0
        with use_threads(self.n_jobs, "n_jobs"):
            trainer.fit(x, targets)
        self._dropout_state = trainer.random.state_dict()
        self.n_iter_ = trainer.epoch
        self.best_loss_ = min(self.loss_curve_)
        if holdout:
            self.validation_loss_curve_ = [row["val_loss"] for row in trainer.history]

    def _sklearn_loss(self, loss: float) -> float:
        """An epoch's training loss as scikit-learn reports it: on its scale, with the L2
        penalty of the weights at the end of the epoch (scikit-learn sums each batch's)."""
        if not self.alpha:
            return self._loss_scale * loss
        squares = sum(float(np.vdot(p.data, p.data))
                      for p in self.optimizer_.param_groups[0]["params"])
        steps = -(-self._n_samples // self._batch(self._n_samples))
        return self._loss_scale * loss + 0.5 * self.alpha * squares * steps / self._n_samples

    def _watch_loss(self, trainer) -> None:
        """Record the epoch's loss; with ``_stop_on_loss``, scikit-learn's stopping rule:
        stop once the training loss has failed to fall ``tol`` below the best so far in
        more than ``n_iter_no_change`` consecutive epochs."""
        loss = self._sklearn_loss(trainer.history[-1]["loss"])
        best = min(self.loss_curve_, default=np.inf)
        self.loss_curve_.append(loss)
        if not self._stop_on_loss:
            return
        self._no_improvement_count = (self._no_improvement_count + 1
                                      if loss > best - self.tol else 0)
        if self._no_improvement_count > self.n_iter_no_change:
            trainer.state.best["stopped"] = True
            trainer.display.say(f"training loss did not improve by tol={self.tol} for "
                                f"{self.n_iter_no_change} consecutive epochs: stopping")

    def _outputs(self, X) -> np.ndarray:
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
    """A neural-network classifier trained with softmax cross-entropy, taking
    ``MLPClassifier``'s parameter names with its defaults:

    - ``hidden_layer_sizes=(100,)``, ``activation="relu"`` (``identity``, ``logistic``,
      ``tanh``, ``relu``): the network ``linear(100) relu linear(classes)``, initialised as
      scikit-learn does (weights and biases uniform in ±√(6/(fan_in + fan_out)), 2 instead
      of 6 for ``logistic``); for two classes, as scikit-learn, one logistic output
      ``linear(1)`` trained with binary cross-entropy;
    - ``optimizer="adam"`` (any of the library's: ``sgd``, ``momentum``, ``adamw``, …) with
      ``learning_rate_init=0.001``;
    - ``alpha=0.0001``: the L2 penalty (α/2)·‖W‖²/batch added to each batch's loss, on the
      weights, not the biases;
    - ``batch_size="auto"``: min(200, n samples); with ``shuffle=True`` the samples are
      shuffled every epoch, else taken in their order (one batch of every sample is not
      shuffled: its order would change only the rounding of the sums);
    - ``max_iter=200`` epochs at most, ``tol=1e-4``, ``n_iter_no_change=10``: training stops
      once the training loss (with the penalty) has failed to fall ``tol`` below its best in
      more than ``n_iter_no_change`` consecutive epochs; with ``early_stopping=True`` the
      loss of a held-out ``validation_fraction=0.1`` is watched instead, and the best
      epoch's weights are kept;
    - ``verbose`` prints each epoch; ``random_state`` seeds initialisation, dropout and
      shuffling; ``loss_curve_``, ``best_loss_`` and ``n_iter_`` as scikit-learn's.

    Beyond ``MLPClassifier``: ``model`` takes another network instead — ``"mlp"`` for the
    library's own (one hidden layer of 800 relu units, its own initialisation) or any
    architecture string ending in as many outputs as classes, written ``{classes}``, e.g.
    ``"linear(64) relu linear({classes})"``; ``hidden_layer_sizes`` and ``activation`` are
    then not used. ``input_shape`` reshapes each row of ``X`` (``(1, 28, 28)`` for a CNN on
    flattened images); ``dtype`` is float32, as every backprop run, and trains faster than
    scikit-learn's float64 (``"float64"`` for the last digits).
    ``partial_fit`` runs one epoch on the given data. ``n_jobs`` is the number of BLAS
    threads while fitting and predicting (-1: every core; None: the cores not busy with
    other work, see :mod:`backprop.threads`).
    """

    def _outputs_for_classes(self) -> int:
        """One logistic output for two classes, as MLPClassifier, on its own network; one
        output per class otherwise (and on a ``model`` given, which ends in ``{classes}``)."""
        return 1 if len(self.classes_) == 2 and self.model is None else len(self.classes_)

    def _objective(self) -> str:
        return "bce" if self.net_.output_shape == (1,) else "cross_entropy"

    def fit(self, X, y):
        """Train a fresh network on ``(X, y)``."""
        self._validate_params()
        X, y = self._validate(X, y, reset=True)
        self.classes_, codes = np.unique(y, return_inverse=True)
        self._init(X.shape[1], self._outputs_for_classes(), len(X))
        self._train(X, codes, self.max_iter, stop=True)
        return self

    def partial_fit(self, X, y, classes=None):
        """One epoch on ``(X, y)``; the first call needs ``classes`` (all labels to expect)."""
        first = not hasattr(self, "net_")
        if first:
            self._validate_params()
        X, y = self._validate(X, y, reset=first)
        if first:
            if classes is None:
                raise BackpropError("partial_fit: the first call needs classes=, all the labels "
                                    "the data will ever have")
            self.classes_ = np.unique(np.asarray(classes))
            self._init(X.shape[1], self._outputs_for_classes(), len(X))
        elif classes is not None and not np.array_equal(np.unique(classes), self.classes_):
            raise BackpropError(f"partial_fit: classes={classes!r} differ from the classes of "
                                f"the first call {self.classes_!r}")
        unknown = ~np.isin(y, self.classes_)
        if unknown.any():
            raise BackpropError(f"partial_fit: labels {np.unique(y[unknown])!r} are not in "
                                f"classes_ {self.classes_!r}")
        self._train(X, np.searchsorted(self.classes_, y), 1, stop=False)
        return self

    def _validate(self, X, y, reset: bool):
        X, y = validate_data(self, X, y, reset=reset, dtype=(np.float64, np.float32))
        y = column_or_1d(y, warn=True)
        check_classification_targets(y)
        return X, y

    def predict_proba(self, X) -> np.ndarray:
        """Class probabilities in float64, columns in ``classes_``: the softmax of the logits,
        or (1 − σ(z), σ(z)) of the one logit of a two-class network."""
        return np.exp(self.predict_log_proba(X))

    def predict_log_proba(self, X) -> np.ndarray:
        z = self._outputs(X)
        if len(self.classes_) == 1:  # trained on one class: it is certain
            return np.zeros((len(z), 1))
        if z.shape[1] == 1:  # log σ(z) = −log(1 + e^(−z)), log(1 − σ(z)) = −log(1 + e^z)
            return -np.logaddexp(0.0, np.concatenate([z, -z], axis=1))
        z -= z.max(axis=1, keepdims=True)
        return z - np.log(np.exp(z).sum(axis=1, keepdims=True))

    def predict(self, X) -> np.ndarray:
        z = self._outputs(X)
        if len(self.classes_) == 1:  # as MLPClassifier: the one class it has seen
            return np.repeat(self.classes_, len(z))
        codes = (z[:, 0] > 0).astype(np.intp) if z.shape[1] == 1 else z.argmax(axis=1)
        return self.classes_[codes]


class NeuralNetRegressor(RegressorMixin, _NeuralNet):
    """A neural-network regressor trained with mean squared error (scored by R²): the same
    networks and parameters as :class:`NeuralNetClassifier`, ending in as many outputs as
    ``y`` has columns (``{outputs}`` in an architecture string), as ``MLPRegressor``.
    Its loss, its ``loss_curve_`` and its stopping rule are on scikit-learn's scale: half the
    mean squared error.

    Beyond ``MLPRegressor``: ``normalize_y=True`` (the default) trains on the targets
    standardized column by column (mean 0, standard deviation 1 over the fit's ``y``) and
    maps the outputs back, so that what the network learns, and how long it trains
    (``tol`` is on the loss), do not depend on the unit of ``y``: on scikit-learn's diabetes
    data (targets 25–346) ``MLPRegressor``'s defaults stop far from the targets, with a
    negative R². ``loss_curve_`` is then the loss of the standardized targets;
    ``normalize_y=False`` trains on ``y`` as it is, as ``MLPRegressor``."""

    _loss = "mse"
    _loss_scale = 0.5
    _parameter_constraints: dict = {**_NeuralNet._parameter_constraints,
                                    "normalize_y": ["boolean"]}

    def __init__(self, hidden_layer_sizes: Any = (100,), activation: str = "relu",
                 optimizer: str = "adam", learning_rate_init: float = 0.001,
                 alpha: float = 0.0001, batch_size: Any = "auto", max_iter: int = 200,
                 shuffle: bool = True,
                 tol: float = 1e-4, n_iter_no_change: int = 10, early_stopping: bool = False,
                 validation_fraction: float = 0.1, normalize_y: bool = True,
                 model: str | None = None,
                 input_shape: tuple[int, ...] | None = None, dtype: str = "float32",
                 verbose: bool = False, random_state: Any = None,
                 n_jobs: int | None = None) -> None:
        super().__init__(hidden_layer_sizes=hidden_layer_sizes, activation=activation,
                         optimizer=optimizer, learning_rate_init=learning_rate_init,
                         alpha=alpha, batch_size=batch_size, max_iter=max_iter,
                         shuffle=shuffle, tol=tol, n_iter_no_change=n_iter_no_change,
                         early_stopping=early_stopping,
                         validation_fraction=validation_fraction, model=model,
                         input_shape=input_shape, dtype=dtype, verbose=verbose,
                         random_state=random_state, n_jobs=n_jobs)
        self.normalize_y = normalize_y

    def _targets(self, y: np.ndarray, first: bool) -> np.ndarray:
        """``y`` as the network's targets: one column per output, standardized with
        ``normalize_y`` by the mean and standard deviation of the first fit's ``y``."""
        columns = y.reshape(len(y), -1).astype(np.float64)
        if first:
            self._y_1d = y.ndim == 1
            self._y_mean, self._y_scale = 0.0, 1.0
            if self.normalize_y:
                with np.errstate(over="ignore", invalid="ignore"):
                    spread, mean = columns.std(axis=0), columns.mean(axis=0)
                    room = np.abs(mean) + BOUND * spread  # the largest prediction mapped back
                if not np.all(np.isfinite(room)):
                    raise ValueError(f"y's mean or standard deviation overflows float64 (|y| up "
                                     f"to {np.max(np.abs(columns)):.3g}): the targets cannot "
                                     f"be standardized and mapped back; rescale y")
                self._y_mean = mean
                self._y_scale = np.where(spread > 0, spread, 1.0)  # a constant column: centred
        with np.errstate(over="ignore"):
            targets = ((columns - self._y_mean) / self._y_scale).astype(self.dtype)
        if not np.all(np.isfinite(targets)):
            raise ValueError(f"y holds values beyond {self.dtype} (|y| up to "
                             f"{np.max(np.abs(columns)):.3g}) once "
                             f"{'standardized by the first fit' if self.normalize_y else 'cast'}"
                             f"; rescale y{'' if self.dtype == 'float64' else ' or use dtype=float64'}")
        return targets

    def fit(self, X, y):
        self._validate_params()
        X, y = validate_data(self, X, y, reset=True, dtype=(np.float64, np.float32),
                             multi_output=True, y_numeric=True)
        targets = self._targets(y, first=True)
        self._init(X.shape[1], targets.shape[1], len(X))
        self._train(X, targets, self.max_iter, stop=True)
        return self

    def partial_fit(self, X, y):
        """One epoch on ``(X, y)``; with ``normalize_y`` the first call's ``y`` sets the
        scale of the targets for every later call."""
        first = not hasattr(self, "net_")
        if first:
            self._validate_params()
        X, y = validate_data(self, X, y, reset=first, dtype=(np.float64, np.float32),
                             multi_output=True, y_numeric=True)
        width = y.reshape(len(y), -1).shape[1]
        if not first and width != self.net_.output_shape[0]:
            raise BackpropError(f"partial_fit: y has {width} columns, the network "
                                f"{self.net_.output_shape[0]} outputs")
        targets = self._targets(y, first)
        if first:
            self._init(X.shape[1], targets.shape[1], len(X))
        self._train(X, targets, 1, stop=False)
        return self

    def predict(self, X) -> np.ndarray:
        with np.errstate(over="ignore", invalid="ignore"):
            out = self._outputs(X) * self._y_scale + self._y_mean
        if not np.all(np.isfinite(out)):
            raise ValueError("the network's outputs, mapped back to the scale of y, overflow "
                             "float64 on these inputs")
        return out[:, 0] if self._y_1d else out

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.target_tags.multi_output = True
        return tags
