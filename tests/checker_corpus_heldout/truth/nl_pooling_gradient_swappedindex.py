import numpy as np
from _truth import run, fd_grad


def avgpool(X):
    return np.array([[X[2 * p:2 * p + 2, 2 * q:2 * q + 2].mean() for q in range(2)] for p in range(2)])


def maxpool(X):
    return np.array([[X[2 * p:2 * p + 2, 2 * q:2 * q + 2].max() for q in range(2)] for p in range(2)])


def body(D, rng):
    X, G = rng.normal(size=(4, 4)), rng.normal(size=(2, 2))
    Y = avgpool(X)
    D.step(r"= \frac{1}{4}\sum_{i=2p-1}^{2p}", Y, np.array([[0.25 * sum(X[i - 1, j - 1] for i in (2 * p - 1, 2 * p) for j in (2 * q - 1, 2 * q)) for q in (1, 2)] for p in (1, 2)]))
    ga = fd_grad(lambda M: np.sum(G * avgpool(M)), X)
    c = lambda k: int(np.ceil(k / 2))
    chain = np.array([[sum(G[p, q] * fd_grad(lambda M: avgpool(M)[p, q], X)[i, j] for p in range(2) for q in range(2)) for j in range(4)] for i in range(4)])
    D.step(r"= \sum_{p,q}\frac{\partial L}{\partial Y_{pq}}", ga, chain)
    swapped = np.array([[0.25 * G[c(j) - 1, c(i) - 1] for j in range(1, 5)] for i in range(1, 5)])
    D.step(r"= \frac{1}{4}\,\frac{\partial L}{\partial Y_{\lceil j/2", chain, swapped, planted=True)
    gm = fd_grad(lambda M: np.sum(G * maxpool(M)), X)
    Ym = maxpool(X)
    rule = np.array([[G[c(i) - 1, c(j) - 1] if X[i - 1, j - 1] == Ym[c(i) - 1, c(j) - 1] else 0.0 for j in range(1, 5)] for i in range(1, 5)])
    D.step(r"\dfrac{\partial L}{\partial Y_{\lceil i/2 \rceil, \lceil j/2 \rceil}} & \text{als }", gm, rule)


def check():
    run(__file__, body)
