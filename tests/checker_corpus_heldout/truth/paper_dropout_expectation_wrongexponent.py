import itertools
import numpy as np
from _truth import run

n = 3


def body(D, rng):
    p = rng.uniform(0.2, 0.9)
    y, w, bias = rng.normal(size=n), rng.normal(size=n), rng.normal()
    masks = list(itertools.product([0, 1], repeat=n))
    prob = lambda r: np.prod([p if k else 1 - p for k in r])
    E = lambda f: sum(prob(r) * f(np.array(r, float)) for r in masks)
    Ez = E(lambda r: w @ (r * y) + bias)
    D.step(r"$\mathbb{E}[r_j] = p$", E(lambda r: r[0]), p)
    D.step(r"= \sum_j w_{ij}^{(l+1)}\mathbb{E}\left[r_j\right] y_j^{(l)}", Ez, np.sum(w * p * y) + bias)
    D.step(r"= p\sum_j w_{ij}^{(l+1)} y_j^{(l)} + b_i^{(l+1)},$$", np.sum(w * p * y) + bias, p * np.sum(w * y) + bias)
    D.step(r"$W_{\text{test}}^{(l)} = pW^{(l)}$", p * w @ y + bias, Ez)
    for j in range(n):
        m1 = E(lambda r: r[j] * y[j] / p)
        D.step(r"= \frac{y_j}{p}\,\mathbb{E}[r_j] = y_j ,$$", m1, y[j] / p * p)
        D.step(r"\mathbb{E}[r_j] = y_j ,$$", y[j] / p * p, y[j])
        var = E(lambda r: (r[j] * y[j] / p) ** 2) - m1 ** 2
        var_r = E(lambda r: r[j] ** 2) - p ** 2
        D.step(r"= \frac{y_j^2}{p}\,\mathrm{Var}(r_j)", var, y[j] ** 2 / p * var_r, planted=True)
        D.step(r"= \frac{y_j^2}{p}\,p(1-p)", y[j] ** 2 / p * var_r, y[j] ** 2 / p * p * (1 - p))
        D.step(r"= y_j^2(1-p).$$", y[j] ** 2 / p * p * (1 - p), y[j] ** 2 * (1 - p))


def check():
    run(__file__, body)
