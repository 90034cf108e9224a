import numpy as np
from corpus_truth import deriv, grad, run, sigmoid


def steps(s, rng):
    W, x, b, y = rng.normal(size=(3, 4)), rng.normal(size=4), rng.normal(size=3), rng.normal(size=3)
    L_of_h = lambda h_: 0.5 * np.sum((h_ - y) ** 2)  # noqa: E731
    u = W @ x + b
    h = sigmoid(u)
    s.eq(16, r"= \vec{h} - \vec{y}$", grad(L_of_h, h), h - y)
    dsig = deriv(sigmoid, u)  # elementwise derivatives
    s.eq(20, r"= \sigma(1 - \sigma)", dsig, sigmoid(u) * (1 - sigmoid(u)))
    s.eq(20, r"= \vec{h} \odot (1 - \vec{h})", sigmoid(u) * (1 - sigmoid(u)), h * (1 - h))
    du = grad(lambda v: L_of_h(sigmoid(v)), u)
    s.eq(27, r"= \frac{\partial L}{\partial \vec{h}} \odot", du, (h - y) * dsig)
    s.eq(27, r"= (\vec{h} - \vec{y}) \odot \vec{h} \odot (1 - \vec{h}) .", (h - y) * dsig, (h - y) * h * (1 - h))
    s.eq(30, r"= \sum_j W_{ij} x_j + b_i$", u, np.einsum("ij,j->i", W, x) + b)
    L = lambda W_, x_, b_: L_of_h(sigmoid(W_ @ x_ + b_))  # noqa: E731
    s.eq(33, r"\, \vec{x}^T, \qquad", grad(lambda V: L(V, x, b), W), np.outer(du, x))
    s.eq(34, r"= \frac{\partial L}{\partial \vec{u}}, \qquad", grad(lambda v: L(W, x, v), b), du)
    s.eq(35, r"= W^T \frac{\partial L}{\partial \vec{u}} .", grad(lambda v: L(W, v, b), x), W.T @ du)


def check():
    run(__file__, steps)
