import numpy as np
from _truth import run, fd_grad, fd_hess


def body(D, rng):
    Nk, d = 5, 3
    X = rng.normal(size=(Nk, d))
    mu = rng.normal(size=d)
    J = lambda m: np.sum((X - m) ** 2)
    g = fd_grad(J, mu)
    D.step(r"= -2\sum_{i \in C_k}(x_i - \mu_k) =", g, -2 * np.sum(X - mu, axis=0))
    D.step(r"= 2N_k\mu_k - 2\sum_{i \in C_k} x_i$$", -2 * np.sum(X - mu, axis=0), 2 * Nk * mu - 2 * X.sum(axis=0))
    D.step(r"(гесіан $2N_k I$)", fd_hess(J, mu), 2 * Nk * np.eye(d))
    D.step(r"$$\mu_k = \frac{1}{N_k}\sum_{i \in C_k} x_i$$", fd_grad(J, X.mean(axis=0)), np.zeros(d))
    c = rng.normal(size=d)
    mbar = X.mean(axis=0)
    D.step(r"+ N_k\|c - \mu_k\|^2$$", J(c), J(mbar) + Nk * np.sum((c - mbar) ** 2))


def check():
    run(__file__, body)
