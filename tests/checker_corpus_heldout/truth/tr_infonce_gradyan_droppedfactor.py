import numpy as np
from _truth import run, fd_grad, softmax

d, N = 3, 4


def body(D, rng):
    q, Kk = rng.normal(size=d), rng.normal(size=(N + 1, d))
    tau = rng.uniform(0.1, 0.5)
    s = Kk @ q / tau
    p = softmax(s)
    L = lambda q, Kk: -np.log(softmax(Kk @ q / tau)[0])
    D.step(r"= -s_0 + \log\sum_{j=0}^{N}\exp(s_j).$$", L(q, Kk), -s[0] + np.log(np.exp(s).sum()))
    e0 = np.eye(N + 1)[0]
    D.step(r"= p_j - \mathbb{1}[j = 0].$$", fd_grad(lambda v: -np.log(softmax(v)[0]), s), p - e0)
    D.step(r"= \frac{\mathbf{k}_j}{\tau}$ ile", fd_grad(lambda v: Kk[1] @ v / tau, q), Kk[1] / tau)
    gq = fd_grad(lambda v: L(v, Kk), q)
    a = sum((p[j] - e0[j]) * Kk[j] / tau for j in range(N + 1))
    D.step(r"= \sum_{j=0}^{N}\frac{\partial \mathcal{L}}{\partial s_j}", gq, a)
    D.step(r"= \sum_{j=0}^{N}\left(p_j - \mathbb{1}[j = 0]\right)\frac{\mathbf{k}_j}{\tau}", a, a)
    D.step(r"= \sum_{j=0}^{N} p_j\mathbf{k}_j - \mathbf{k}_0 .$$", a, p @ Kk - Kk[0], planted=True)
    gk = fd_grad(lambda M: L(q, M), Kk)
    D.step(r"= \left(p_j - \mathbb{1}[j = 0]\right)\frac{\mathbf{q}}{\tau}.$$", gk, np.outer(p - e0, q) / tau)


def check():
    run(__file__, body)
