import numpy as np
from corpus_truth import grad, run


def steps(s, rng):
    m, n = 6, 3
    X = np.column_stack([np.ones(m), rng.normal(size=(m, n - 1))])  # x_0 = 1
    y, theta = rng.normal(size=m), rng.normal(size=n)
    J = lambda t: np.sum((X @ t - y) ** 2) / (2 * m)  # noqa: E731
    g = grad(J, theta)
    r = X @ theta - y
    s.eq(13, r"= \frac{1}{2m} \sum_{i=1}^{m} 2 \left(", g, (2 * r) @ X / (2 * m))
    s.eq(13, r"= \frac{1}{m} \sum_{i=1}^{m} \left(", (2 * r) @ X / (2 * m), r @ X / m)
    s.eq(20, r"= \frac{1}{m} X^{\mathsf{T}} (\boldsymbol{y} - X\boldsymbol{\theta}) .", g,
         X.T @ (y - X @ theta) / m)  # planted: X theta - y


def check():
    run(__file__, steps)
