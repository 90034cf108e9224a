import numpy as np
from _truth import run, fd_grad, softmax

N, Dd, K = 5, 3, 4


def body(D, rng):
    f = rng.normal(size=K) * 2
    y = int(rng.integers(0, K))
    L = lambda f: -np.log(np.exp(f[y]) / np.exp(f).sum())
    D.step(r"L_i = -f_{y_i} + \log\sum_j e^{f_j}$$", L(f), -f[y] + np.log(np.exp(f).sum()))
    C = rng.uniform(0.1, 5)
    frac = np.exp(f[y]) / np.exp(f).sum()
    D.step(r"= \frac{Ce^{f_{y_i}}}{C\sum_j e^{f_j}}", frac, C * np.exp(f[y]) / (C * np.exp(f).sum()))
    D.step(r"= \frac{e^{f_{y_i} + \log C}}", C * np.exp(f[y]) / (C * np.exp(f).sum()), np.exp(f[y] + np.log(C)) / np.exp(f + np.log(C)).sum())
    p = softmax(f)
    D.step(r"= p_k - \mathbb{1}(y_i = k)$$", fd_grad(L, f), p - np.eye(K)[y])
    pp = np.array([0.2, 0.3, 0.5])
    D.step(r"`df = [0.2, -0.7, 0.5]`", pp - np.eye(3)[1], [0.2, -0.7, 0.5])
    X, W, b = rng.normal(size=(N, Dd)), rng.normal(size=(Dd, K)), rng.normal(size=K)
    yy = rng.integers(0, K, size=N)
    Y = np.eye(K)[yy]
    lam = rng.uniform(0.1, 1)
    Ltot = lambda W, b: -np.mean(np.log(softmax(X @ W + b, axis=1)[np.arange(N), yy])) + 0.5 * lam * np.sum(W ** 2)
    P = softmax(X @ W + b, axis=1)
    D.step(r"= X^\top \frac{1}{N}(P - Y) + \lambda W", fd_grad(lambda v: Ltot(v, b), W), X.T @ (P - Y) / N + lam * W)
    D.step(r"= \frac{1}{N}\sum_{i=1}^N (p_i - y_i)$$", fd_grad(lambda v: Ltot(W, v), b), (P - Y).sum(axis=0) / N)


def check():
    run(__file__, body)
