import numpy as np
from corpus_truth import grad, jacobian, run


def steps(s, rng):
    H = 5
    a, g, eps = rng.normal(size=H), rng.normal(size=H), rng.uniform(1e-3, 0.5)
    mean = lambda v: np.mean(v)  # noqa: E731
    var = lambda v: np.mean((v - np.mean(v)) ** 2)  # noqa: E731
    norm = lambda v: (v - mean(v)) / np.sqrt(var(v) + eps)  # noqa: E731
    mu, s2, a_hat = mean(a), var(a), norm(a)
    I = np.eye(H)
    s.eq(10, r"= \frac{1}{H}$ und", grad(mean, a), np.full(H, 1 / H))
    s.eq(11, r"= \delta_{ij} - \frac{1}{H}$", jacobian(lambda v: v - mean(v), a), I - 1 / H)
    d_var = grad(var, a)
    s.eq(14, r"= \frac{2}{H} \sum_{i=1}^{H} (a_i - \mu)", d_var, 2 / H * (a - mu) @ (I - 1 / H))
    s.eq(14, r"= \frac{2}{H} (a_j - \mu),", 2 / H * (a - mu) @ (I - 1 / H), 2 / H * (a - mu))
    s.eq(17, "= 0$ ist", np.sum(a - mu), 0, atol=1e-12)
    J = jacobian(norm, a)  # [i, j]
    step1 = (I - 1 / H) / np.sqrt(s2 + eps) - np.outer(a - mu, 2 / H * (a - mu)) / (2 * (s2 + eps) ** 1.5)
    s.eq(23, r"&= \frac{\delta_{ij} - \frac{1}{H}}", J, step1)
    s.eq(24, r"&= \frac{1}{\sqrt{\sigma^2 + \varepsilon}} \left(", step1, (I - 1 / H - np.outer(a_hat, a_hat) / H) / np.sqrt(s2 + eps))
    L = lambda v: g @ norm(v)  # noqa: E731  any loss whose gradient at a_hat is g
    dL = grad(L, a)
    s.eq(30, r"= \sum_{i=1}^{H} g_i \frac{\partial \hat{a}_i}", dL, g @ J)
    s.eq(30, r"= \frac{1}{H \sqrt{\sigma^2 + \varepsilon}}", g @ J,
         (H * g - g.sum() - a_hat * np.sum(g * a_hat)) / (H * np.sqrt(s2 + eps)))


def check():
    run(__file__, steps)
