"""Pictures of a training run: learning curves, confusion matrix, first-layer weights,
misclassified examples — PNG files of fixed pixel sizes (:data:`SIZES`).

matplotlib is an optional extra (``pip install 'backprop[plot]'``), imported when a picture
is drawn. Figures are drawn on matplotlib's Agg canvas directly, never through pyplot, so
nothing here changes the backend or opens a window in the caller's session.

    bp.plots.plot_run("runs/mlp")   # the four PNGs of a run written with --out
"""

from __future__ import annotations

import math
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from .errors import BackpropError

__all__ = [
    "SIZES",
    "confusion_matrix",
    "confusion_plot",
    "first_layer_plot",
    "learning_curves",
    "misclassified_plot",
    "plot_run",
]

DPI = 100
# file name → (width, height) in pixels
SIZES = {"learning_curves.png": (1000, 400), "confusion_matrix.png": (700, 600),
         "first_layer.png": (800, 800), "misclassified.png": (800, 800)}


def require_matplotlib() -> None:
    """Fail with one clear line when matplotlib is missing (call it before long work)."""
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        from .extras import install_command
        raise BackpropError(f"pictures need matplotlib: {install_command('plot')} "
                            f"(or pip install matplotlib)") from None


def _figure(name: str):
    require_matplotlib()
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    w, h = SIZES[name]
    fig = Figure(figsize=(w / DPI, h / DPI), dpi=DPI)
    FigureCanvasAgg(fig)
    return fig


def _save(fig, path: Path) -> Path:
    import io

    from .io import write_atomic

    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=DPI)  # no bbox="tight": the size stays as declared
    write_atomic(path, buf.getvalue())
    return path


def confusion_matrix(y_true: Sequence[int], y_pred: Sequence[int],
                     num_classes: int | None = None) -> np.ndarray:
    """Counts ``C[i, j]`` of samples of true class ``i`` predicted as ``j`` (int64); the
    entries sum to the number of samples."""
    y_true, y_pred = np.asarray(y_true, np.int64), np.asarray(y_pred, np.int64)
    if y_true.shape != y_pred.shape or y_true.ndim != 1:
        raise BackpropError(f"confusion_matrix: labels and predictions must be 1-D of equal "
                            f"length, got {y_true.shape} and {y_pred.shape}")
    k = num_classes or int(max(y_true.max(initial=-1), y_pred.max(initial=-1)) + 1)
    if y_true.size and (min(y_true.min(), y_pred.min()) < 0 or
                        max(y_true.max(), y_pred.max()) >= k):
        raise BackpropError(f"confusion_matrix: labels must be in [0, {k - 1}]")
    return np.bincount(y_true * k + y_pred, minlength=k * k).reshape(k, k)


def learning_curves(history: list[dict[str, float]], path: str | os.PathLike) -> Path:
    """Loss and accuracy per epoch, training and (if present) validation."""
    if not history:
        raise BackpropError("learning_curves: the run has no finished epoch")
    fig = _figure("learning_curves.png")
    epochs = [row["epoch"] for row in history]
    for i, (key, label) in enumerate((("loss", "training loss"), ("accuracy", "accuracy"))):
        ax = fig.add_subplot(1, 2, i + 1)
        ax.plot(epochs, [row[key] for row in history], "o-", label="train")
        if f"val_{key}" in history[0]:
            ax.plot(epochs, [row[f"val_{key}"] for row in history], "s--", label="validation")
        ax.set_xlabel("epoch")
        ax.xaxis.get_major_locator().set_params(integer=True)  # no half epochs on the axis
        ax.set_title(label)
        ax.grid(alpha=0.3)
        ax.legend()
    fig.tight_layout()
    return _save(fig, Path(path))


def confusion_plot(matrix: np.ndarray, classes: Sequence[str] | None,
                   path: str | os.PathLike) -> Path:
    """The confusion matrix as a heat map with its counts written in."""
    fig = _figure("confusion_matrix.png")
    ax = fig.add_subplot(1, 1, 1)
    k = len(matrix)
    im = ax.imshow(matrix, cmap="Blues")
    fig.colorbar(im, ax=ax)
    names = [str(c) for c in (classes or range(k))]
    if k <= 20:
        ax.set_xticks(range(k), names, rotation=90 if max(map(len, names)) > 2 else 0)
        ax.set_yticks(range(k), names)
        half = matrix.max() / 2
        for i in range(k):
            for j in range(k):
                ax.text(j, i, str(matrix[i, j]), ha="center", va="center", fontsize=7,
                        color="white" if matrix[i, j] > half else "black")
    acc = np.trace(matrix) / max(matrix.sum(), 1)
    ax.set_title(f"confusion matrix ({matrix.sum()} samples, accuracy {100 * acc:.2f}%)")
    ax.set_xlabel("predicted")
    ax.set_ylabel("true")
    fig.tight_layout()
    return _save(fig, Path(path))


def _as_images(w: np.ndarray) -> np.ndarray:
    """(n, C, H, W) weights → (n, H, W) or (n, H, W, 3) images scaled to [0, 1] each."""
    w = w[:, :3].transpose(0, 2, 3, 1) if w.shape[1] == 3 else w[:, 0]
    lo = w.min(axis=tuple(range(1, w.ndim)), keepdims=True)
    hi = w.max(axis=tuple(range(1, w.ndim)), keepdims=True)
    return (w - lo) / np.where(hi > lo, hi - lo, 1)


def _grid(fig, images: np.ndarray, titles: Sequence[str] | None = None, cmap: str = "gray"):
    n = len(images)
    cols = math.ceil(math.sqrt(n))
    rows = math.ceil(n / cols)
    for i in range(n):
        ax = fig.add_subplot(rows, cols, i + 1)
        ax.imshow(images[i], cmap=cmap, interpolation="nearest")
        ax.set_axis_off()
        if titles:
            ax.set_title(titles[i], fontsize=8)


def first_layer_plot(model, path: str | os.PathLike, max_units: int = 64) -> Path:
    """The first layer's weights: each filter (Conv2d) or each hidden unit's weights over an
    image input (Linear after flatten) as an image; otherwise the weight matrix as a map."""
    first = next((m for m in model.modules() if getattr(m, "weight", None) is not None), None)
    if first is None:
        raise BackpropError("first_layer_plot: the model has no weights")
    w = np.asarray(first.weight.data, np.float64)
    shape = tuple(model.input_shape)
    fig = _figure("first_layer.png")
    if w.ndim == 4:
        _grid(fig, _as_images(w[:max_units]))
        fig.suptitle(f"first layer: {min(len(w), max_units)} of {len(w)} filters "
                     f"{w.shape[2]}×{w.shape[3]}")
    elif w.ndim == 2 and len(shape) == 3 and w.shape[1] == math.prod(shape):
        _grid(fig, _as_images(w[:max_units].reshape(-1, *shape)), cmap="RdBu_r")
        fig.suptitle(f"first layer: weights of {min(len(w), max_units)} of {len(w)} units")
    else:
        ax = fig.add_subplot(1, 1, 1)
        im = ax.imshow(w.reshape(len(w), -1), aspect="auto", cmap="RdBu_r")
        fig.colorbar(im, ax=ax)
        ax.set_title(f"first layer weights {w.shape}")
        ax.set_xlabel("input")
        ax.set_ylabel("unit")
    return _save(fig, Path(path))


def misclassified_plot(x: np.ndarray, y: np.ndarray, pred: np.ndarray, path: str | os.PathLike,
                       classes: Sequence[str] | None = None, n: int = 25) -> Path:
    """Up to ``n`` misclassified test inputs, each titled "true → predicted"."""
    wrong = np.flatnonzero(pred != y)[:n]
    fig = _figure("misclassified.png")
    names = [str(c) for c in classes] if classes else None
    label = (lambda i: names[i]) if names else str
    titles = [f"{label(y[i])} → {label(pred[i])}" for i in wrong]
    if len(wrong) == 0:
        fig.text(0.5, 0.5, "no misclassified examples", ha="center", va="center")
    elif x.ndim == 4:
        _grid(fig, _as_images(x[wrong].astype(np.float64)), titles)
        fig.suptitle(f"{len(np.flatnonzero(pred != y))} misclassified of {len(y)}")
    else:
        ax = fig.add_subplot(1, 1, 1)
        for i, t in zip(wrong[:8], titles):
            ax.plot(x[i].reshape(-1), label=t)
        ax.legend(fontsize=7)
        ax.set_title(f"misclassified inputs ({len(np.flatnonzero(pred != y))} of {len(y)})")
    return _save(fig, Path(path))


def plot_run(run_dir: str | os.PathLike, model: Any = None, data: Any = None,
             history: list[dict[str, float]] | None = None,
             config: dict[str, Any] | None = None) -> list[Path]:
    """Write the four pictures of a run directory (``model.safetensors``, ``metrics.jsonl``);
    the test set is the run's dataset from its saved configuration unless ``data`` is given,
    and the predicted classes follow the run's loss (one logit for a binary loss)."""
    from .train import predict
    from .train.recipe import objective_of

    run = Path(run_dir)
    if not run.is_dir():
        raise BackpropError(f"{run}: not a run directory (train with --out {run} first)")
    _figure("learning_curves.png")  # fail early and clearly without matplotlib
    meta: dict[str, Any] = {}
    if model is None:
        from .io import load

        model, meta = load(run)
    if history is None:
        metrics = run / "metrics.jsonl"
        if not metrics.exists() and not metrics.is_symlink():
            raise BackpropError(f"{run}: no metrics.jsonl (was it written by backprop train "
                                f"--out?)")
        from .io.metrics import read_metrics

        history = read_metrics(metrics)
    cfg = config if config is not None else (meta.get("config") or {})
    if data is None:
        from .data import load_dataset

        data = load_dataset(cfg.get("data", "default"), cfg.get("data_dir"))
    pred = objective_of(cfg).probabilities(predict(model, data.x_test)).argmax(axis=1)
    k = max(model.output_shape[0], data.num_classes)
    matrix = confusion_matrix(data.y_test, pred, k)
    return [learning_curves(history, run / "learning_curves.png"),
            confusion_plot(matrix, data.classes, run / "confusion_matrix.png"),
            first_layer_plot(model, run / "first_layer.png"),
            misclassified_plot(data.x_test, data.y_test, pred, run / "misclassified.png",
                               data.classes)]
