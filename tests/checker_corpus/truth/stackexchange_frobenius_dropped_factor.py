import numpy as np
from corpus_truth import grad, run

tr = np.trace


def steps(s, rng):
    n, d, k = 5, 3, 2
    X, W, Y = rng.normal(size=(n, d)), rng.normal(size=(d, k)), rng.normal(size=(n, k))
    A = rng.normal(size=(3, 4))
    s.eq(4, r"= \operatorname{tr}(A^\top A)$", np.linalg.norm(A, "fro") ** 2, tr(A.T @ A))
    f = lambda V: 0.5 * np.linalg.norm(X @ V - Y, "fro") ** 2  # noqa: E731
    R = X @ W - Y
    s.eq(8, r"&= \frac{1}{2} \operatorname{tr}\left(", f(W), 0.5 * tr(R.T @ R))
    s.eq(9, r"&= \frac{1}{2} \operatorname{tr}(W^\top X^\top X W)", 0.5 * tr(R.T @ R),
         0.5 * tr(W.T @ X.T @ X @ W) - tr(W.T @ X.T @ Y) + 0.5 * tr(Y.T @ Y))
    s.eq(12, r"= \operatorname{tr}\left( (Y^\top X W)^\top \right)", tr(Y.T @ X @ W), tr((Y.T @ X @ W).T))
    s.eq(12, r"= \operatorname{tr}(W^\top X^\top Y)$", tr((Y.T @ X @ W).T), tr(W.T @ X.T @ Y))
    s.eq(17, "= X^\\top X W ,", grad(lambda V: tr(V.T @ X.T @ X @ V), W), X.T @ X @ W)  # planted: 2 X^T X W
    s.eq(23, r"= X^\top Y .", grad(lambda V: tr(V.T @ X.T @ Y), W), X.T @ Y)
    g = grad(f, W)
    s.eq(29, r"= X^\top X W - X^\top Y =", g, X.T @ X @ W - X.T @ Y)
    s.eq(29, r"= X^\top (XW - Y) .", X.T @ X @ W - X.T @ Y, X.T @ (X @ W - Y))


def check():
    run(__file__, steps)
