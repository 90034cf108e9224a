import numpy as np
from _truth import run, fd_jac, fd_grad, d1, sigmoid, softmax

n = 4


def body(D, rng):
    x = rng.normal(size=n)
    x[np.abs(x) < 0.05] += 0.2
    for g, dg in ((np.tanh, lambda t: 1 - np.tanh(t) ** 2), (sigmoid, lambda t: sigmoid(t) * (1 - sigmoid(t)))):
        J = fd_jac(g, x)
        D.step(r"= g'(x_i)\,\delta_{ij},$$", J, np.diag(dg(x)))
        G = rng.normal(size=n)
        gx = fd_grad(lambda v: G @ g(v), x)
        D.step(r"= J^\top\frac{\partial L}{\partial \mathbf{y}} = g'", gx, J.T @ G)
        D.step(r"= g'(\mathbf{x}) \odot \frac{\partial L}{\partial \mathbf{y}},$$", J.T @ G, dg(x) * G)
    t = rng.normal()
    D.step(r"$\frac{d}{dx}\tanh(x) = 1 - \tanh^2(x)$", d1(np.tanh, t), 1 - np.tanh(t) ** 2)
    y = np.tanh(x)
    D.step(r"dus $g'(x_i) = 1 - y_i^2$", 1 - np.tanh(x) ** 2, 1 - y ** 2)
    D.step(r"= \sigma(x)\left(1 - \sigma(x)\right)$", d1(lambda u: float(sigmoid(u)), t), float(sigmoid(t) * (1 - sigmoid(t))))
    ys = sigmoid(x)
    D.step(r"dus $g'(x_i) = y_i(1 - y_i)$", sigmoid(x) * (1 - sigmoid(x)), ys * (1 - ys))
    relu = lambda v: np.maximum(v, 0)
    Jr = fd_jac(relu, x)
    D.step(r"- ReLU: $g'(x_i) = 1$", np.diag(Jr), (x > 0).astype(float))
    G = rng.normal(size=n)
    D.step(r"= \left(1 - y_i^2\right)\frac{\partial L}{\partial y_i}.$$", fd_grad(lambda v: G @ np.tanh(v), x), (1 - y ** 2) * G)
    ysm = softmax(x)
    D.step(r"de Jacobiaan $\mathrm{diag}(\mathbf{y}) - \mathbf{y}\mathbf{y}^\top$", fd_jac(softmax, x), np.diag(ysm) - np.outer(ysm, ysm))


def check():
    run(__file__, body)
