import numpy as np
from _truth import run, fd_grad

n, k = 10, 3


def corr_valid(x, w):
    return np.array([np.dot(w, x[i:i + len(w)]) for i in range(len(x) - len(w) + 1)])


def body(D, rng):
    for nn in range(3, 15):
        for kk in range(1, nn + 1):
            x, w = rng.normal(size=nn), rng.normal(size=kk)
            yv = corr_valid(x, w)
            D.step(r"$y_i = \sum_{j=1}^{k} w_j\, x_{i+j-1}$", yv, [sum(w[j - 1] * x[i + j - 2] for j in range(1, kk + 1)) for i in range(1, nn - kk + 2)])
            D.step(r"so the output length is", len(yv), nn - kk + 1)
            full = np.correlate(x, w, mode="full")
            D.step(r"length $n + 2(k-1) - k + 1 = n + k - 1$", len(corr_valid(np.pad(x, kk - 1), w)), nn + 2 * (kk - 1) - kk + 1)
            D.step(r"= n + k - 1$.", nn + 2 * (kk - 1) - kk + 1, len(full))
            if kk % 2 == 1:
                D.step(r"length $n + (k - 1) - k + 1 = n$.", len(corr_valid(np.pad(x, (kk - 1) // 2), w)), nn + (kk - 1) - kk + 1)
                D.step(r"- k + 1 = n$.", nn + (kk - 1) - kk + 1, nn)
    D.step(r"$10 - 3 + 1 = 8$", len(corr_valid(np.zeros(10), np.zeros(3))), 8)
    D.step(r"$10 + 3 - 1 = 12$", len(np.correlate(np.ones(10), np.ones(3), mode="full")), 12)
    D.step(r"same gives $10$", len(np.correlate(np.ones(10), np.ones(3), mode="same")), 10)
    D.step(r"$\lfloor (10 - 3)/2 \rfloor + 1 = 4$", len(range(0, 10 - 3 + 1, 2)), 4)
    x, w = rng.normal(size=n), rng.normal(size=k)
    g = rng.normal(size=n - k + 1)
    L = lambda x, w: np.sum(g * corr_valid(x, w))
    D.step(r"= \sum_{i=1}^{n-k+1} g_i\, x_{i+j-1}$$", fd_grad(lambda v: L(x, v), w), [sum(g[i - 1] * x[i + j - 2] for i in range(1, n - k + 2)) for j in range(1, k + 1)])
    gg = lambda i: g[i - 1] if 1 <= i <= n - k + 1 else 0.0
    D.step(r"= \sum_{j=1}^{k} g_{m-j+1}\, w_j$$", fd_grad(lambda v: L(v, w), x), [sum(gg(m - j + 1) * w[j - 1] for j in range(1, k + 1)) for m in range(1, n + 1)])
    D.step(r"$3 \cdot 16 \cdot 32 + 32 = 1568$", np.zeros((32, 16, 3)).size + 32, 1568)


def check():
    run(__file__, body)
