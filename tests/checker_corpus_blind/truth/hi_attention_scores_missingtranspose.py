import numpy as np
from _truth import run, fd_grad, softmax, gauss_expect

n, d = 4, 3


def body(D, rng):
    Q, K, G = rng.normal(size=(n, d)), rng.normal(size=(n, d)), rng.normal(size=(n, n))
    S = Q @ K.T / np.sqrt(d)
    D.step(r"$S_{ij} = \frac{1}{\sqrt{d}}\sum_{c=1}^{d}", S, [[sum(Q[i, c] * K[j, c] for c in range(d)) / np.sqrt(d) for j in range(n)] for i in range(n)])
    # variance of q.k for independent standard normal entries: each product has variance 1
    var_prod = gauss_expect(lambda a: a ** 2) * gauss_expect(lambda b: b ** 2)
    D.step(r"ka variance $d$ hota hai", d * var_prod, d)
    L = lambda Q, K: np.sum(G * (Q @ K.T) / np.sqrt(d))
    gQ = fd_grad(lambda v: L(v, K), Q)
    D.step(r"= \frac{1}{\sqrt{d}}\sum_j G_{ij}K_{jc}$", gQ, [[sum(G[i, j] * K[j, c] for j in range(n)) / np.sqrt(d) for c in range(d)] for i in range(n)])
    D.step(r"= \frac{1}{\sqrt{d}}\,G K$$", gQ, G @ K / np.sqrt(d))
    D.step(r"= \frac{1}{\sqrt{d}}\,G Q$$", fd_grad(lambda v: L(Q, v), K), G @ Q / np.sqrt(d), planted=True)  # G^T Q
    GA = rng.normal(size=(n, n))
    A = softmax(S, axis=1)
    gS = fd_grad(lambda s: np.sum(GA * softmax(s, axis=1)), S)
    D.step(r"$\frac{\partial L}{\partial S_{ij}} = A_{ij}\left(", gS, A * (GA - np.sum(A * GA, axis=1, keepdims=True)))


def check():
    run(__file__, body)
