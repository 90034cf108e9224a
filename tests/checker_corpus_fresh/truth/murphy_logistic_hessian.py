import numpy as np
from _truth import run, fd_grad, fd_hess, fd_jac, sigmoid


def body(D, rng):
    X, w, v = rng.normal(size=(6, 3)), rng.normal(size=3), rng.normal(size=3)
    y = rng.integers(0, 2, size=6).astype(float)
    nll = lambda u: -np.sum(y * np.log(sigmoid(X @ u)) + (1 - y) * np.log(1 - sigmoid(X @ u)))
    mu = sigmoid(X @ w)
    i = rng.integers(6)
    D.step(r"$\frac{d\mu_i}{dw} = \mu_i(1 - \mu_i)x_i$", fd_grad(lambda u: sigmoid(X[i] @ u), w), mu[i] * (1 - mu[i]) * X[i])
    g = fd_grad(nll, w)
    D.step(r"$$g = \sum_{i=1}^{N}(\mu_i - y_i)x_i", g, sum((mu[k] - y[k]) * X[k] for k in range(6)))
    D.step(r"= X^\top(\mu - y)$$", g, X.T @ (mu - y))
    H = fd_jac(lambda u: X.T @ (sigmoid(X @ u) - y), w)
    D.step(r"$$H = \sum_{i=1}^{N}\mu_i(1 - \mu_i)x_i x_i^\top", H, sum(mu[k] * (1 - mu[k]) * np.outer(X[k], X[k]) for k in range(6)))
    S = np.diag(mu * (1 - mu))
    D.step(r"= X^\top S X$$", H, X.T @ S @ X)
    Ht = X.T @ S @ X
    D.step(r"$$v^\top H v = v^\top X^\top S X v", v @ Ht @ v, v @ X.T @ S @ X @ v)
    D.step(r"= \sum_{i=1}^{N}\mu_i(1 - \mu_i)(x_i^\top v)^2$$", v @ X.T @ S @ X @ v, np.sum(mu * (1 - mu) * (X @ v) ** 2))


def check():
    run(__file__, body)
