import numpy as np
from _truth import run, fd_grad, gauss_expect


def body(d_, rng):
    d = int(rng.integers(2, 12))
    sigma = rng.uniform(0.5, 2.0)
    # moments of one coordinate product from quadrature, then independence across coordinates
    m2 = gauss_expect(lambda x: x ** 2, 0.0, sigma)
    m1 = gauss_expect(lambda x: x, 0.0, sigma)
    var_prod = m2 * m2 - (m1 * m1) ** 2
    var_dot = d * var_prod
    d_.step(r"= \sum_{i=1}^d \operatorname{Var}\left(q_i k_i\right)", var_dot, d * var_prod)
    d_.step(r"= \sum_{i=1}^d \mathbb{E}\left[q_i^2\right]", d * var_prod, d * m2 * m2)
    d_.step(r"= d\,\sigma^4 .", d * m2 * m2, d * sigma ** 4)
    var_scaled = var_dot / d  # Var(cX) = c^2 Var(X) with c = 1/sqrt(d)
    d_.step(r"= \frac{1}{\sqrt{d}} \operatorname{Var}", var_scaled, var_dot / np.sqrt(d), planted=True)
    d_.step(r"= \sqrt{d}\,\sigma^4 .", var_dot / np.sqrt(d), np.sqrt(d) * sigma ** 4)

    q, k = rng.normal(size=d), rng.normal(size=d)
    g = fd_grad(lambda qq: qq @ k / np.sqrt(d), q)
    d_.step(r"= \mathbf{k} / \sqrt{d}$", g, k / np.sqrt(d))


def check():
    run(__file__, body)
