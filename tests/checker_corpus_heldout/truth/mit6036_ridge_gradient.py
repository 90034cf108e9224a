import numpy as np
from _truth import run, fd_grad

d, n = 3, 7


def body(D, rng):
    X, Y = rng.normal(size=(d, n)), rng.normal(size=(1, n))
    th, lam = rng.normal(size=d), rng.uniform(0.1, 1.0)
    J = lambda t: np.mean((t @ X - Y[0]) ** 2) + lam * t @ t
    g = fd_grad(J, th)
    D.step(r"= \frac{2}{n}\sum_{i=1}^n \left(\theta^T x^{(i)} - y^{(i)}\right)x^{(i)}_j", g,
           2 / n * np.sum((th @ X - Y[0])[None, :] * X, axis=1) + 2 * lam * th)
    a = 2 / n * X @ (X.T @ th - Y[0]) + 2 * lam * th
    D.step(r"= \frac{2}{n}X\left(X^T\theta - Y^T\right) + 2\lambda\theta", g, a)
    D.step(r"= \frac{2}{n}\left(XX^T + n\lambda I\right)\theta", a, 2 / n * (X @ X.T + n * lam * np.eye(d)) @ th - 2 / n * X @ Y[0])
    ts = np.linalg.solve(X @ X.T + n * lam * np.eye(d), X @ Y[0])
    assert np.allclose(fd_grad(J, ts), 0, atol=1e-6)  # the closed form is the minimiser


def check():
    run(__file__, body)
