import numpy as np
from _truth import run, fd_grad


def body(D, rng):
    w, g = rng.normal(size=(2, 4))
    lam, eta = rng.uniform(0.001, 0.5, size=2)
    L = lambda v: np.sum(g * v) + lam / 2 * np.sum(v * v)
    D.step("\\nabla L(w) = g + \\lambda w$$", fd_grad(L, w), g + lam * w)
    D.step("= (1 - \\eta\\lambda)\\,w - \\eta g$$", w - eta * (g + lam * w), (1 - eta * lam) * w - eta * g)
    D.step("= 0.999 \\cdot 2.0 - 0.05 = 1.948$$", [(1 - 0.1 * 0.01) * 2.0 - 0.1 * 0.5, 0.999 * 2.0 - 0.05], [1.948, 1.948])
    D.step("= 0.999 \\cdot 2.0 - 0.05", (1 - 0.1 * 0.01) * 2.0 - 0.1 * 0.5, 0.999 * 2.0 - 0.05)
    w0, k = rng.normal(), int(rng.integers(1, 20))
    wk = w0
    for _ in range(k):
        wk = wk - eta * lam * wk
    D.step("$w_k = (1 - \\eta\\lambda)^k w_0$", wk, (1 - eta * lam) ** k * w0)
    D.step("$0.999^{1000} = 0.3677$", [round((1 - 0.1 * 0.01) ** 1000, 4), round(0.999 ** 1000, 4)], [0.3677, 0.3677])
    D.step("oko 36.8%", round(100 * 0.999 ** 1000, 1), 36.8)


def check():
    run(__file__, body)
