import numpy as np
from corpus_truth import away_from_zero, grad, run


def steps(s, rng):
    m, n = 6, 4
    X, y, w = rng.normal(size=(m, n)), rng.normal(size=m), away_from_zero(rng, n)
    l1, l2 = rng.uniform(0.1, 1), rng.uniform(0.1, 1)
    J = lambda v: 0.5 * np.sum((X @ v - y) ** 2) + l1 * np.sum(np.abs(v)) + l2 / 2 * v @ v  # noqa: E731
    s.eq(9, r"= \sum_j |w_j|$", np.linalg.norm(w, 1), np.sum(np.abs(w)))
    s.eq(12, r"= X^\top (X\mathbf{w} - \mathbf{y})$", grad(lambda v: 0.5 * np.sum((X @ v - y) ** 2), w), X.T @ (X @ w - y))
    g1 = grad(lambda v: l1 * np.sum(np.abs(v)), w)
    s.eq(17, r"= \lambda_1 \frac{w_i}{|w_i|}", g1, l1 * w / np.abs(w))
    s.eq(17, r"= \lambda_1 \operatorname{sign}(w_i) .", l1 * w / np.abs(w), l1 * np.sign(w))
    s.eq(20, r"= \lambda_2 \mathbf{w}$", grad(lambda v: l2 / 2 * v @ v, w), l2 * w)
    s.eq(25, r"= X^\top (X\mathbf{w} - \mathbf{y}) + \lambda_1", grad(J, w),
         X.T @ (X @ w - y) + l1 * np.sign(w))  # planted: + lambda_2 w is missing


def check():
    run(__file__, steps)
