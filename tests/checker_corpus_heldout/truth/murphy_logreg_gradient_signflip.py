import numpy as np
from _truth import run, fd_grad, fd_jac, sigmoid

N, D = 6, 3


def body(d, rng):
    X = rng.normal(size=(N, D))
    y = rng.integers(0, 2, size=N).astype(float)
    w = rng.normal(size=D)
    nll = lambda w: -np.mean(y * np.log(sigmoid(X @ w)) + (1 - y) * np.log(1 - sigmoid(X @ w)))
    mu = sigmoid(X @ w)
    for n in range(N):
        g = fd_grad(lambda ww: sigmoid(X[n] @ ww), w)
        d.step(r"= \mu_n(1-\mu_n) x_{nd}", g, mu[n] * (1 - mu[n]) * X[n])
    G = fd_grad(nll, w)
    a = -np.mean((y * (1 - mu))[:, None] * X - ((1 - y) * mu)[:, None] * X, axis=0)
    d.step(r"&= -\frac{1}{N}\sum_{n=1}^N \left[ y_n (1-\mu_n)", G, a)
    b = -np.mean((y - y * mu + mu + y * mu)[:, None] * X, axis=0)
    d.step(r"- y_n \mu_n \mathbf{x}_n + \mu_n \mathbf{x}_n +", a, b, planted=True)
    d.step(r"&= -\frac{1}{N}\sum_{n=1}^N (y_n + \mu_n)", b, -np.mean((y + mu)[:, None] * X, axis=0))
    H = fd_jac(lambda ww: -np.mean((y - sigmoid(X @ ww))[:, None] * X, axis=0), w)
    c = np.mean([mu[n] * (1 - mu[n]) * np.outer(X[n], X[n]) for n in range(N)], axis=0)
    d.step(r"= \frac{1}{N}\sum_{n=1}^N \mu_n(1-\mu_n)\mathbf{x}_n", H, c)
    d.step(r"= \frac{1}{N}\mathbf{X}^\top \mathbf{S} \mathbf{X}.", c, X.T @ np.diag(mu * (1 - mu)) @ X / N)
    v = rng.normal(size=D)
    S = np.diag(mu * (1 - mu))
    d.step(r"= \|\mathbf{S}^{1/2}", v @ X.T @ S @ X @ v, np.sum((np.sqrt(S) @ X @ v) ** 2))


def check():
    run(__file__, body)
