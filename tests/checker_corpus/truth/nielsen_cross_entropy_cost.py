import numpy as np
from corpus_truth import deriv, grad, run, sigmoid


def steps(s, rng):
    x, w, b, y = rng.normal(), rng.normal(), rng.normal(), rng.uniform()
    quad = lambda w_, b_: (y - sigmoid(w_ * x + b_)) ** 2 / 2  # noqa: E731
    z = w * x + b
    a = sigmoid(z)
    sp = lambda z_: deriv(sigmoid, z_)  # noqa: E731
    s.eq(7, r"= (a - y) \sigma'(z) x,", deriv(lambda v: quad(v, b), w), (a - y) * sp(z) * x)
    s.eq(7, r"= (a - y) \sigma'(z)", deriv(lambda v: quad(w, v), b), (a - y) * sp(z))

    n, d = 4, 3
    X, Y, w, b = rng.normal(size=(n, d)), rng.uniform(size=n), rng.normal(size=d), rng.normal()
    C = lambda w_, b_: -np.mean(Y * np.log(sigmoid(X @ w_ + b_)) + (1 - Y) * np.log(1 - sigmoid(X @ w_ + b_)))  # noqa: E731
    Z = X @ w + b
    sg = sigmoid(Z)
    dsig_dw = np.array([grad(lambda v: sigmoid(X[i] @ v + b), w) for i in range(n)])  # row per training input
    bracket = Y / sg - (1 - Y) / (1 - sg)
    dC = grad(lambda v: C(v, b), w)
    step1 = -np.mean(bracket[:, None] * dsig_dw, axis=0)
    step2 = -np.mean((bracket * sp(Z))[:, None] * X, axis=0)
    step3 = np.mean((sp(Z) / (sg * (1 - sg)) * (sg - Y))[:, None] * X, axis=0)
    s.eq(23, r"-\frac{1}{n} \sum_x \left( \frac{y}{\sigma(z)}", dC, step1)
    s.eq(24, r"\sigma'(z) x_j \\", step1, step2)
    s.eq(25, r"\frac{\sigma'(z) x_j}{\sigma(z)(1 - \sigma(z))}", step2, step3)
    s.eq(28, r"$\sigma'(z) = \sigma(z)(1 - \sigma(z))$", sp(Z), sg * (1 - sg))
    s.eq(31, r"= \frac{1}{n} \sum_x x_j (\sigma(z) - y)", dC, np.mean((sg - Y)[:, None] * X, axis=0))
    s.eq(37, r"= \frac{1}{n} \sum_x (\sigma(z) - y)", deriv(lambda v: C(w, v), b), np.mean(sg - Y))


def check():
    run(__file__, steps)
