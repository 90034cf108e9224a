import numpy as np
from _truth import run, fd_grad


def avgpool(X):
    return np.array([[X[2 * i:2 * i + 2, 2 * j:2 * j + 2].mean() for j in range(2)] for i in range(2)])


def maxpool(X):
    return np.array([[X[2 * i:2 * i + 2, 2 * j:2 * j + 2].max() for j in range(2)] for i in range(2)])


def body(D, rng):
    X = rng.normal(size=(4, 4)); G = rng.normal(size=(2, 2)); V = rng.normal(size=(2, 2))
    Y = avgpool(X)
    D.step(r"$$Y_{ij} = \frac{1}{4}\sum_{p=0}^{1}", Y, [[sum(X[2 * i + p, 2 * j + q] for p in range(2) for q in range(2)) / 4 for j in range(2)] for i in range(2)])
    gA = fd_grad(lambda v: np.sum(G * avgpool(v)), X)
    D.step(r"= \frac{1}{4}\frac{\partial L}{\partial Y_{\lfloor a/2", gA, [[G[a // 2, b // 2] / 4 for b in range(4)] for a in range(4)])
    M = maxpool(X)
    gM = fd_grad(lambda v: np.sum(G * maxpool(v)), X)
    D.step(r"= \frac{\partial L}{\partial Y_{\lfloor a/2 \rfloor,\lfloor b/2 \rfloor}}\,\mathbb{1}", gM, [[G[a // 2, b // 2] * float(X[a, b] == M[a // 2, b // 2]) for b in range(4)] for a in range(4)])
    D.step(r"$\frac{\partial s}{\partial Y_{ij}} = V_{ij}$", fd_grad(lambda y: np.sum(V * y), Y), V)
    gs = fd_grad(lambda v: np.sum(V * avgpool(v)), X)
    D.step(r"= V_{\lfloor a/2 \rfloor,\lfloor b/2 \rfloor}$$", gs, [[V[a // 2, b // 2] for b in range(4)] for a in range(4)], planted=True)  # 1/4 dropped
    # the total is over the true gradient: sum = sum V (4 entries each carrying V/4)
    D.step(r"= \sum_{i,j} V_{ij}$ です", gs.sum(), V.sum())


def check():
    run(__file__, body)
