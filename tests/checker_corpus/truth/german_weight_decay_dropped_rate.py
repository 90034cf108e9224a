import numpy as np
from corpus_truth import grad, run


def steps(s, rng):
    m, n = 6, 3
    X, y, w = rng.normal(size=(m, n)), rng.normal(size=m), rng.normal(size=n)
    lam, eta = rng.uniform(0.01, 0.5), rng.uniform(0.01, 0.5)
    J = lambda v: 0.5 * np.sum((X @ v - y) ** 2)  # noqa: E731
    J_tilde = lambda v: J(v) + lam / 2 * v @ v  # noqa: E731
    s.eq(10, r"\|w\|^2 = \lambda w$", grad(lambda v: lam / 2 * v @ v, w), lam * w)
    s.eq(10, r"= X^\top (X w - y)$", grad(J, w), X.T @ (X @ w - y))
    g = grad(J_tilde, w)
    s.eq(13, r"= X^\top (X w - y) + \lambda w .", g, X.T @ (X @ w - y) + lam * w)
    w_new = w - eta * g
    step2 = w - eta * X.T @ (X @ w - y) - eta * lam * w
    s.eq(20, r"&= w - \eta X^\top (X w - y) - \eta \lambda w", w_new, step2)
    s.eq(21, r"&= (1 - \lambda) \, w - \eta X^\top", step2, (1 - lam) * w - eta * X.T @ (X @ w - y))  # planted: 1 - eta lambda
    s.eq(25, r"1 - \lambda = 0{,}99$", 1 - 0.01, 0.99)


def check():
    run(__file__, steps)
