import numpy as np
from _truth import run, fd_grad, fd_jac, softmax

n = 4


def body(D, rng):
    o = rng.normal(size=n) * 1.5
    y = rng.dirichlet(np.ones(n))
    p = softmax(o)
    e = np.exp(o); S = e.sum()
    J = fd_jac(softmax, o)
    for i in range(n):
        D.step(r"= \frac{e^{o_i}\sum_k e^{o_k} - e^{o_i}e^{o_i}}", J[i, i], (e[i] * S - e[i] * e[i]) / S ** 2)
        D.step(r"= p_i - p_i^2 = p_i(1 - p_i)$$", (e[i] * S - e[i] * e[i]) / S ** 2, p[i] - p[i] ** 2)
        D.step(r"= p_i(1 - p_i)$$", p[i] - p[i] ** 2, p[i] * (1 - p[i]))
        for j in range(n):
            if j != i:
                D.step(r"= \frac{0 - e^{o_i}e^{o_j}}", J[i, j], (0 - e[i] * e[j]) / S ** 2)
                D.step(r"= -p_i p_j$$", (0 - e[i] * e[j]) / S ** 2, -p[i] * p[j])
    L = lambda o: -np.sum(y * np.log(softmax(o)))
    g = fd_grad(L, o)
    dlog = fd_jac(lambda v: np.log(softmax(v)), o)
    for i in range(n):
        ks = [k for k in range(n) if k != i]
        a0 = -sum(y[k] * dlog[k, i] for k in range(n))
        D.step(r"&= -\sum_k y_k \frac{\partial \log p_k}{\partial o_i} =", g[i], a0)
        a1 = -sum(y[k] / p[k] * J[k, i] for k in range(n))
        D.step(r"= -\sum_k y_k \frac{1}{p_k}\frac{\partial p_k}{\partial o_i} \\", a0, a1)
        a2 = -y[i] * (1 - p[i]) - sum(y[k] / p[k] * (-p[k] * p[i]) for k in ks)
        D.step(r"&= -y_i(1 - p_i) - \sum_{k \neq i}", a1, a2)
        a3 = -y[i] * (1 - p[i]) + sum(y[k] * p[i] for k in ks)
        D.step(r"&= -y_i(1 - p_i) + \sum_{k \neq i}", a2, a3)
        a4 = -y[i] + y[i] * p[i] + sum(y[k] * p[i] for k in ks)
        D.step(r"&= -y_i + y_i p_i + \sum_{k \neq i}", a3, a4)
        a5 = p[i] * y.sum() - y[i]
        D.step(r"&= p_i\left(\sum_k y_k\right) - y_i = p_i", a4, a5)
        D.step(r"- y_i = p_i - y_i", a5, p[i] - y[i])
    D.step(r"$\frac{\partial L}{\partial \mathbf{o}} = \mathbf{p} - \mathbf{y}$", g, p - y)


def check():
    run(__file__, body)
