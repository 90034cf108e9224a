import numpy as np
from _truth import run, fd_grad

n, m = 6, 3


def body(D, rng):
    X, y = rng.normal(size=(n, m)), rng.normal(size=n)
    w, b, eta = rng.normal(size=m), rng.normal(), rng.uniform(0.01, 0.5)
    L = lambda w, b: np.mean((y - (X @ w + b)) ** 2)
    r = y - (X @ w + b)
    g = fd_grad(lambda v: L(v, b), w)
    inner = np.array([fd_grad(lambda v: y[i] - np.sum(v * X[i]) - b, w) for i in range(n)])
    a1 = 2 / n * np.sum(r[:, None] * inner, axis=0)
    a2 = 2 / n * np.sum(r[:, None] * (-X), axis=0)
    D.step(r"&= \frac{\partial}{\partial w_j}\frac{1}{n}\sum_i", g, fd_grad(lambda v: L(v, b), w))
    D.step(r"&= \frac{2}{n}\sum_i\left(y^{(i)} - \sigma(z^{(i)})\right)\frac{\partial}", g, a1)
    D.step(r"\left(-x_j^{(i)}\right) \\", a1, a2)
    D.step(r"&= -\frac{2}{n}\sum_i\left(y^{(i)} - \sigma(z^{(i)})\right)x_j^{(i)}", a2, -2 / n * X.T @ r)
    D.step(r"{\partial b} = -\frac{2}{n}\sum_i", fd_grad(lambda v: L(w, v[0]), [b])[0], -2 / n * np.sum(r))
    D.step(r"= \eta\,\frac{2}{n}\sum_i", -eta * g, eta * 2 / n * X.T @ r)


def check():
    run(__file__, body)
