import numpy as np
from corpus_truth import deriv, grad, run, sigmoid


def steps(s, rng):
    w, x = rng.normal(size=3), rng.normal(size=2)

    def neuron(w_, x_):
        return sigmoid(w_[0] * x_[0] + w_[1] * x_[1] + w_[2])

    dot = w[0] * x[0] + w[1] * x[1] + w[2]
    f = sigmoid(dot)
    s.eq(7, r"= \frac{1}{1 + e^{-\text{dot}}}", sigmoid(dot), 1 / (1 + np.exp(-dot)))
    df_ddot = deriv(sigmoid, dot)
    s.eq(14, r"= \sigma(\text{dot})\,(1 - \sigma", df_ddot, sigmoid(dot) * (1 - sigmoid(dot)))
    s.eq(14, r"= (1 - f)\, f", sigmoid(dot) * (1 - sigmoid(dot)), (1 - f) * f)
    gx, gw = grad(lambda v: neuron(w, v), x), grad(lambda v: neuron(v, x), w)
    ddot_dx = grad(lambda v: w[0] * v[0] + w[1] * v[1] + w[2], x)
    s.eq(21, r"&= \frac{\partial f}{\partial\, \text{dot}}", gx[0], df_ddot * ddot_dx[0])
    s.eq(21, r"= w_0\, (1 - f)\, f", df_ddot * ddot_dx[0], w[0] * (1 - f) * f)
    s.eq(22, r"&= \frac{\partial f}{\partial\, \text{dot}}", gx[1], df_ddot * ddot_dx[1])
    s.eq(22, r"= w_0\, (1 - f)\, f", df_ddot * ddot_dx[1], w[0] * (1 - f) * f)  # planted: w_1
    s.eq(23, r"&= x_0\, (1 - f)\, f", gw[0], x[0] * (1 - f) * f)
    s.eq(24, r"&= x_1\, (1 - f)\, f", gw[1], x[1] * (1 - f) * f)
    s.eq(25, r"&= (1 - f)\, f", gw[2], (1 - f) * f)


def check():
    run(__file__, steps)
