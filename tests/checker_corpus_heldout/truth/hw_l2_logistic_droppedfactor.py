import numpy as np
from _truth import run, fd_grad, sigmoid as sg

n, d = 5, 3


def body(D, rng):
    X, y = rng.normal(size=(n, d)), rng.choice([-1.0, 1.0], size=n)
    w, lam, eta = rng.normal(size=d), rng.uniform(0.2, 2.0), rng.uniform(0.01, 0.3)
    i = 0
    m = y[i] * w @ X[i]
    D.step(r"$\nabla_w m_i = y_i x_i$", fd_grad(lambda v: y[i] * v @ X[i], w), y[i] * X[i])
    g = fd_grad(lambda v: np.log(1 + np.exp(-y[i] * v @ X[i])), w)
    a = -np.exp(-m) / (1 + np.exp(-m)) * y[i] * X[i]
    D.step(r"= \frac{-e^{-m_i}}{1 + e^{-m_i}}\, y_i x_i", g, a)
    D.step(r"= -\frac{1}{1 + e^{m_i}}\, y_i x_i", a, -1 / (1 + np.exp(m)) * y[i] * X[i])
    D.step(r"= -\sigma(-m_i)\, y_i x_i$$", -1 / (1 + np.exp(m)) * y[i] * X[i], -sg(-m) * y[i] * X[i])
    D.step(r"$\frac{e^{-m}}{1+e^{-m}} = \frac{1}{e^m + 1}$", np.exp(-m) / (1 + np.exp(-m)), 1 / (np.exp(m) + 1))
    D.step(r"$\nabla_w \lambda\|w\|^2 = 2\lambda w$", fd_grad(lambda v: lam * v @ v, w), 2 * lam * w)
    J = lambda v: np.sum(np.log(1 + np.exp(-y * (X @ v)))) + lam * v @ v
    G = fd_grad(J, w)
    D.step(r"$$\nabla J(w) = -\sum_{i=1}^n \sigma(-y_i w^T x_i)\, y_i x_i + 2\lambda w$$", G, -np.sum((sg(-y * (X @ w)) * y)[:, None] * X, axis=0) + 2 * lam * w)
    D.step(r"= (1 - \eta\lambda) w + \eta \sum_i", w - eta * G, (1 - eta * lam) * w + eta * np.sum((sg(-y * (X @ w)) * y)[:, None] * X, axis=0), planted=True)


def check():
    run(__file__, body)
