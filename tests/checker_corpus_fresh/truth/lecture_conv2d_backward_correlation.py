import numpy as np
from _truth import run, fd_grad


def corr2(X, K):
    n, k = X.shape[0], K.shape[0]
    return np.array([[np.sum(X[i:i + k, j:j + k] * K) for j in range(n - k + 1)] for i in range(n - k + 1)])


def body(D, rng):
    X, K, G = rng.normal(size=(5, 5)), rng.normal(size=(3, 3)), rng.normal(size=(3, 3))
    Y = corr2(X, K)
    D.step(r"$$Y_{ij} = \sum_{p=1}^{3}\sum_{q=1}^{3} X_{i+p-1,\,j+q-1}K_{pq}$$", Y,
           [[sum(X[i + p - 2, j + q - 2] * K[p - 1, q - 1] for p in range(1, 4) for q in range(1, 4)) for j in range(1, 4)] for i in range(1, 4)])
    L = lambda X, K: np.sum(G * corr2(X, K))
    dK = fd_grad(lambda k: L(X, k), K)
    D.step(r"= \sum_{i=1}^{3}\sum_{j=1}^{3} G_{ij}X_{i+p-1,\,j+q-1}$$", dK,
           [[sum(G[i - 1, j - 1] * X[i + p - 2, j + q - 2] for i in range(1, 4) for j in range(1, 4)) for q in range(1, 4)] for p in range(1, 4)])
    D.step(r"$5 - 3 + 1 = 3$", corr2(X, G).shape[0], 5 - 3 + 1)
    gg = lambda i, j: G[i - 1, j - 1] if 1 <= i <= 3 and 1 <= j <= 3 else 0.0
    dX = fd_grad(lambda x: L(x, K), X)
    D.step(r"= \sum_{p=1}^{3}\sum_{q=1}^{3} G_{m-p+1,\,n-q+1}K_{pq}$$", dX,
           [[sum(gg(m - p + 1, n - q + 1) * K[p - 1, q - 1] for p in range(1, 4) for q in range(1, 4)) for n in range(1, 6)] for m in range(1, 6)])
    D.step(r"$3 + 3 - 1 = 5$", corr2(np.pad(G, 2), K[::-1, ::-1]).shape[0], 3 + 3 - 1)


def check():
    run(__file__, body)
