import numpy as np
from _truth import run, softmax

n = 6


def body(D, rng):
    x = rng.normal(size=n) * 3
    a = x.max()
    for i in range(n):
        D.step(r"= \log\left(\frac{e^{x_i}}{\sum_{j=1}^{n} e^{x_j}}\right)", np.log(softmax(x)[i]), np.log(np.exp(x[i]) / np.exp(x).sum()))
        D.step(r"= x_i - \log\sum_{j=1}^{n} e^{x_j}$$", np.log(np.exp(x[i]) / np.exp(x).sum()), x[i] - np.log(np.exp(x).sum()))
    A, B = rng.uniform(0.5, 3, size=2)
    D.step(r"$\log\left(\frac{a}{b}\right) = \log(a) - \log(b)$", np.log(A / B), np.log(A) - np.log(B))
    lse = np.log(np.exp(x).sum())
    D.step(r"= \log\left(e^{a}\sum_{j=1}^{n} e^{x_j - a}\right)", lse, np.log(np.exp(a) * np.exp(x - a).sum()))
    D.step(r"= a + \log\left(\sum_{j=1}^{n} e^{x_j - a}\right)$$", np.log(np.exp(a) * np.exp(x - a).sum()), a + np.log(np.exp(x - a).sum()))
    D.step(r"$e^0 = 1$", np.exp(0.0), 1.0)
    c = rng.integers(0, n)
    t = np.eye(n)[c]
    p = softmax(x)
    D.step(r"= -\log p_c = \log\sum_{j=1}^{n}", -np.sum(t * np.log(p)), -np.log(p[c]))
    D.step(r"e^{x_j} - x_c ,$$", -np.log(p[c]), np.log(np.exp(x).sum()) - x[c])


def check():
    run(__file__, body)
