import numpy as np
from _truth import run, fd_grad, fd_jac, d1, sigmoid as sg

d, m = 3, 5


def body(D, rng):
    z = rng.normal() * 2
    D.step(r"= \frac{e^{-z}}{1 + e^{-z}}", 1 - sg(z), np.exp(-z) / (1 + np.exp(-z)))
    D.step(r"= \frac{1}{1 + e^{z}} = \sigma(-z)", np.exp(-z) / (1 + np.exp(-z)), 1 / (1 + np.exp(z)))
    D.step(r"{1 + e^{z}} = \sigma(-z), \qquad", 1 / (1 + np.exp(z)), sg(-z))
    D.step(r"\sigma'(z) = \sigma(z)\,\sigma(-z).$$", d1(sg, z), sg(z) * sg(-z))
    x, w = rng.normal(size=d), rng.normal(size=d)
    y = rng.choice([-1.0, 1.0])
    D.step(r"= \log\left(1 + e^{-y\,\mathbf{w}^\top\mathbf{x}}\right).$$", -np.log(sg(y * w @ x)), np.log(1 + np.exp(-y * w @ x)))
    g = fd_grad(lambda v: np.log(1 + np.exp(-y * v @ x)), w)
    e = np.exp(-y * w @ x)
    a = 1 / (1 + e) * e * (-y * x)
    b = -y * x * e / (1 + e)
    D.step(r"&= \frac{1}{1 + e^{-y\,\mathbf{w}^\top\mathbf{x}}}\cdot", g, a)
    D.step(r"&= -y\,\mathbf{x}\,\frac{e^{-y\,\mathbf{w}^\top\mathbf{x}}}", a, b)
    D.step(r"&= -y\,\sigma(-y\,\mathbf{w}^\top\mathbf{x})\,\mathbf{x}.", b, -y * sg(-y * w @ x) * x)
    X, Y = rng.normal(size=(m, d)), rng.choice([-1.0, 1.0], size=m)
    R = lambda v: np.mean(np.log(1 + np.exp(-Y * (X @ v))))
    D.step(r"= -\frac{1}{m}\sum_{i=1}^m y^{(i)}\,\sigma", fd_grad(R, w), -np.mean((Y * sg(-Y * (X @ w)))[:, None] * X, axis=0))
    Hs = fd_jac(lambda v: -np.mean((Y * sg(-Y * (X @ v)))[:, None] * X, axis=0), w)
    zz = Y * (X @ w)
    D.step(r"\sigma(z_i)\sigma(-z_i)\,\mathbf{x}^{(i)}", Hs, np.mean([sg(zz[i]) * sg(-zz[i]) * np.outer(X[i], X[i]) for i in range(m)], axis=0))
    D.step(r"(si usi $y^2 = 1$)", y ** 2, 1.0)


def check():
    run(__file__, body)
