import numpy as np
from corpus_truth import grad, run


def steps(s, rng):
    x, a = rng.normal(size=(2, 4))
    A, b, X = rng.normal(size=(5, 4)), rng.normal(size=5), rng.normal(size=(3, 2))
    s.eq(6, r"= \mathbf{x}^T\mathbf{x}$", np.linalg.norm(x) ** 2, x @ x)
    s.eq(7, r"= 2\mathbf{x}$", grad(lambda v: np.linalg.norm(v) ** 2, x), 2 * x)
    s.eq(11, r"= 2\mathbf{A}^T (\mathbf{A}\mathbf{x} - \mathbf{b})", grad(lambda v: np.linalg.norm(A @ v - b) ** 2, x),
         2 * A.T @ (A @ x - b))
    g = grad(lambda v: np.linalg.norm(v - a), x)
    q = (x - a) @ (x - a)
    s.eq(18, r"&= \frac{\partial}{\partial \mathbf{x}} \left(", g, grad(lambda v: ((v - a) @ (v - a)) ** 0.5, x))
    s.eq(19, r"&= \frac{1}{2} \left(", g, 0.5 * q ** 0.5 * 2 * (x - a))  # planted: the power is -1/2
    s.eq(20, r"&= \|\mathbf{x} - \mathbf{a}\|_2 \, (\mathbf{x} - \mathbf{a})", 0.5 * q ** 0.5 * 2 * (x - a),
         np.linalg.norm(x - a) * (x - a))
    s.eq(23, r"= \sum_{ij} X_{ij}^2$", np.linalg.norm(X, "fro") ** 2, np.sum(X ** 2))
    s.eq(26, r"= 2\mathbf{X} .", grad(lambda V: np.linalg.norm(V, "fro") ** 2, X), 2 * X)


def check():
    run(__file__, steps)
