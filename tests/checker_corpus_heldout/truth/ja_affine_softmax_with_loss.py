import numpy as np
from _truth import run, fd_grad, softmax

N, Dd, M = 4, 3, 2


def body(D, rng):
    X, W, B = rng.normal(size=(N, Dd)), rng.normal(size=(Dd, M)), rng.normal(size=M)
    G = rng.normal(size=(N, M))
    L = lambda X, W, B: np.sum(G * (X @ W + B))
    D.step(r"= \frac{\partial L}{\partial \mathbf{Y}} \cdot \mathbf{W}^{\mathrm{T}}", fd_grad(lambda v: L(v, W, B), X), G @ W.T)
    D.step(r"= \mathbf{X}^{\mathrm{T}} \cdot \frac{\partial L}{\partial \mathbf{Y}}$$", fd_grad(lambda v: L(X, v, B), W), X.T @ G)
    D.step(r"= \sum_{n=1}^{N} \frac{\partial L}{\partial Y_{nj}}$$", fd_grad(lambda v: L(X, W, v), B), G.sum(axis=0))
    a = rng.normal(size=(N, 5))
    t = np.eye(5)[rng.integers(0, 5, size=N)]
    Ls = lambda a: -np.sum(t * np.log(softmax(a, axis=1))) / N
    D.step(r"= \frac{y_{nk} - t_{nk}}{N}$$", fd_grad(Ls, a), (softmax(a, axis=1) - t) / N)


def check():
    run(__file__, body)
