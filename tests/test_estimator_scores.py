"""The estimators' scores do not move when the engine, the rules or the optimisers get faster.

Recorded with the implementation before the speed work (whole-array optimiser updates, the
general cross-entropy path, the two-pass reverse sweep): 3-fold cross-validation accuracy of
``StandardScaler + NeuralNetClassifier(random_state=seed)`` at its defaults, and the final
training loss of a fit on all the data. Accuracies must be the same and the loss the same to
a relative 1e-6 (on the machine that recorded them it is the same to the last bit; the margin
is for another CPU's BLAS kernels — a change of rounding order in Adam's update moves it by
more).
"""

import warnings

import numpy as np
import pytest

pytest.importorskip("sklearn")
from sklearn.datasets import load_breast_cancer, load_iris  # noqa: E402
from sklearn.model_selection import cross_val_score  # noqa: E402
from sklearn.pipeline import make_pipeline  # noqa: E402
from sklearn.preprocessing import StandardScaler  # noqa: E402

from backprop.sklearn import NeuralNetClassifier  # noqa: E402

RECORDED = {  # (dataset, seed): (CV accuracies, final training loss, epochs)
    ("iris", 0): ([0.98, 0.96, 0.92], 0.13264304031244914, 200),
    ("iris", 1): ([0.96, 0.94, 0.96], 0.15213449569161733, 200),
    ("breast_cancer", 0): ([0.9842105263157894, 0.968421052631579, 0.9735449735449735],
                           0.02363613791192353, 200),
    ("breast_cancer", 1): ([0.9789473684210527, 0.9578947368421052, 0.9788359788359788],
                           0.02234829436344715, 200),
}
LOADERS = {"iris": load_iris, "breast_cancer": load_breast_cancer}


@pytest.mark.parametrize("dataset,seed", list(RECORDED), ids=[f"{d}-{s}" for d, s in RECORDED])
def test_scores_over_seeds_unchanged(dataset, seed):
    x, y = LOADERS[dataset](return_X_y=True)
    cv, loss, epochs = RECORDED[(dataset, seed)]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # 200 epochs end before convergence, as MLPClassifier
        scores = cross_val_score(make_pipeline(StandardScaler(),
                                               NeuralNetClassifier(random_state=seed)), x, y, cv=3)
        fitted = make_pipeline(StandardScaler(), NeuralNetClassifier(random_state=seed)).fit(x, y)
    assert scores.tolist() == cv
    curve = fitted[-1].loss_curve_
    assert len(curve) == epochs
    np.testing.assert_allclose(curve[-1], loss, rtol=1e-6)
