import numpy as np
from _truth import run, fd_grad, softmax

K = 5


def body(D, rng):
    z = rng.normal(size=K)
    eps = rng.uniform(0.05, 0.3)
    y = rng.integers(K)
    q = (1 - eps) * np.eye(K)[y] + eps / K
    p = softmax(z)
    D.step(r"$\sum_{k=1}^{K} q_k = (1 - \epsilon) + \epsilon = 1$", q.sum(), (1 - eps) + eps)
    D.step(r"+ \epsilon = 1$", (1 - eps) + eps, 1.0)
    L = lambda v: -np.sum(q * np.log(softmax(v)))
    D.step(r"= -\sum_{k=1}^{K} q_k z_k + \log\sum_{j=1}^{K} e^{z_j}$$", L(z), -q @ z + np.log(np.sum(np.exp(z))))
    D.step(r"ότι $\sum_k q_k = 1$", q.sum(), 1.0)
    g = fd_grad(L, z)
    D.step(r"= p_i - q_i = p_i", g, p - q)
    D.step(r"= p_i - (1 - \epsilon)\,\delta_{iy}$$", p - q, p - (1 - eps) * np.eye(K)[y], planted=True)


def check():
    run(__file__, body)
