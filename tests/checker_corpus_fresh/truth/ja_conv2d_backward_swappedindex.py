import numpy as np
from _truth import run, fd_grad


def corr2(X, K):
    n, k = X.shape[0], K.shape[0]
    return np.array([[np.sum(X[i:i + k, j:j + k] * K) for j in range(n - k + 1)] for i in range(n - k + 1)])


def body(D, rng):
    X, W, G = rng.normal(size=(4, 4)), rng.normal(size=(2, 2)), rng.normal(size=(3, 3))
    D.step(r"$$Y_{ij} = \sum_{s=1}^{2}\sum_{t=1}^{2} W_{st}X_{i+s-1,\,j+t-1}$$", corr2(X, W),
           [[sum(W[s - 1, t - 1] * X[i + s - 2, j + t - 2] for s in (1, 2) for t in (1, 2)) for j in range(1, 4)] for i in range(1, 4)])
    dW = fd_grad(lambda w: np.sum(G * corr2(X, w)), W)
    D.step(r"= \sum_{i=1}^{3}\sum_{j=1}^{3} G_{ij}X_{i+t-1,\,j+s-1}$$", dW,
           [[sum(G[i - 1, j - 1] * X[i + t - 2, j + s - 2] for i in range(1, 4) for j in range(1, 4)) for t in (1, 2)] for s in (1, 2)], planted=True)
    D.step(r"$4 - 3 + 1 = 2$", corr2(X, G).shape[0], 2)


def check():
    run(__file__, body)
