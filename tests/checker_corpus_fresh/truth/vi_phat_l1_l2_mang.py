import numpy as np
from _truth import run, fd_grad


def body(D, rng):
    W, G = rng.normal(size=(2, 3, 4))
    lam, al = rng.uniform(0.01, 1, size=2)
    L0 = lambda w: np.sum(G * w)   # an L0 whose gradient is G
    L = lambda w: L0(w) + lam / 2 * np.sum(w ** 2) + al * np.sum(np.abs(w))
    D.step(r"= G_{ij} + \lambda W_{ij} + \alpha\,\mathrm{sign}(W_{ij})$$", fd_grad(L, W), G + lam * W + al * np.sign(W))
    eta = rng.uniform(0.01, 0.5)
    D.step(r"$W \leftarrow (1 - \eta\lambda)W - \eta G", W - eta * fd_grad(L, W), (1 - eta * lam) * W - eta * G - eta * al * np.sign(W))
    D.step(r"= 0.29$", 0.5 + 0.1 * (-2) + 0.01 * (-1), 0.29)


def check():
    run(__file__, body)
