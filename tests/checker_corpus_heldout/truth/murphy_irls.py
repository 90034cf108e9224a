import numpy as np
from _truth import run, fd_grad, sigmoid

N, D = 7, 3


def body(d, rng):
    X = rng.normal(size=(N, D))
    y = rng.integers(0, 2, size=N).astype(float)
    w = rng.normal(size=D)
    mu = sigmoid(X @ w)
    S = np.diag(mu * (1 - mu))
    g = X.T @ (mu - y)
    H = X.T @ S @ X
    nll = lambda w: -np.sum(y * np.log(sigmoid(X @ w)) + (1 - y) * np.log(1 - sigmoid(X @ w)))
    assert np.allclose(fd_grad(nll, w), g, rtol=1e-5, atol=1e-7)  # the gradient the note states
    Hi = np.linalg.inv(H)
    a = w - Hi @ g
    b = w + Hi @ X.T @ (y - mu)
    c = Hi @ (H @ w + X.T @ (y - mu))
    e = Hi @ X.T @ (S @ X @ w + y - mu)
    z = X @ w + np.linalg.inv(S) @ (y - mu)
    f = Hi @ X.T @ S @ z
    d.step(r"&= \mathbf{w}_t + (\mathbf{X}^\top", a, b)
    d.step(r"&= (\mathbf{X}^\top \mathbf{S}_t \mathbf{X})^{-1}\left[(", b, c)
    d.step(r"&= (\mathbf{X}^\top \mathbf{S}_t \mathbf{X})^{-1}\mathbf{X}^\top\left[", c, e)
    d.step(r"\mathbf{X}^\top \mathbf{S}_t \mathbf{z}_t", e, f)
    d.step(r"= \mathbf{w}_t^\top \mathbf{x}_n + \frac{y_n", z, X @ w + (y - mu) / (mu * (1 - mu)))


def check():
    run(__file__, body)
