import numpy as np
from _truth import run, d1, softmax

K = 3


def normal(x, m, v):
    return np.exp(-0.5 * (x - m) ** 2 / v) / np.sqrt(2 * np.pi * v)


def body(D, rng):
    pi = rng.dirichlet(np.ones(K))
    mu, var = rng.normal(size=K), rng.uniform(0.5, 2, size=K)
    x = rng.normal()
    px = lambda m: np.sum(pi * normal(x, m, var))
    gam = pi * normal(x, mu, var) / px(mu)
    s = np.log(pi) + np.log(normal(x, mu, var))
    D.step(r"= \mathrm{softmax}(\mathbf{s})_k, \qquad", gam, softmax(s))
    for k in range(K):
        D.step(r"\log\mathcal{N}(x \mid \mu_k, \sigma_k^2) = \frac{x - \mu_k}{\sigma_k^2}$", d1(lambda t: np.log(normal(x, t, var[k])), mu[k]), (x - mu[k]) / var[k])
        dk = d1(lambda t: np.log(px(np.where(np.arange(K) == k, t, mu))), mu[k])
        D.step(r"= \frac{\pi_k\,\mathcal{N}(x \mid \mu_k, \sigma_k^2)}{p(x)}\cdot", dk, pi[k] * normal(x, mu[k], var[k]) / px(mu) * (x - mu[k]) / var[k])
        j = (k + 1) % K   # the text's j is any other component
        D.step(r"= \gamma_j\,\frac{x - \mu_k}{\sigma_k^2}$$", dk, gam[j] * (x - mu[k]) / var[k], planted=True)


def check():
    run(__file__, body)
