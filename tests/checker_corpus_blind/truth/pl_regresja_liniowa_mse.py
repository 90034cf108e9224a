import numpy as np
from _truth import run, fd_grad, fd_jac

n, d = 6, 3


def body(D, rng):
    X, y, w = rng.normal(size=(n, d)), rng.normal(size=n), rng.normal(size=d)
    r = X @ w - y
    L = lambda w: np.sum((X @ w - y) ** 2) / n
    D.step(r"= \frac{1}{n}(Xw - y)^T(Xw - y) =", L(w), r @ r / n)
    D.step(r"= \frac{1}{n}\left(w^TX^TXw - 2y^TXw + y^Ty\right)$$", r @ r / n, (w @ X.T @ X @ w - 2 * y @ X @ w + y @ y) / n)
    A, b = rng.normal(size=(d, d)), rng.normal(size=d)
    D.step(r"$\nabla_w(w^TAw) = (A + A^T)w$", fd_grad(lambda v: v @ A @ v, w), (A + A.T) @ w)
    D.step(r"$\nabla_w(b^Tw) = b$", fd_grad(lambda v: b @ v, w), b)
    g = fd_grad(L, w)
    D.step(r"$$\nabla_w L = \frac{1}{n}\left(2X^TXw", g, (2 * X.T @ X @ w - 2 * X.T @ y) / n)
    D.step(r"= \frac{2}{n}X^T(Xw - y)$$", (2 * X.T @ X @ w - 2 * X.T @ y) / n, 2 / n * X.T @ r)
    D.step(r"$\nabla^2_w L = \frac{2}{n}X^TX$", fd_jac(lambda v: 2 / n * X.T @ (X @ v - y), w), 2 / n * X.T @ X)
    eta = rng.uniform(0.01, 0.2)
    wn = w - eta * g
    D.step(r"$$w_{k+1} = w_k - \eta\nabla_w L(w_k) = \left(", wn, (np.eye(d) - 2 * eta / n * X.T @ X) @ w + 2 * eta / n * X.T @ y)


def check():
    run(__file__, body)
