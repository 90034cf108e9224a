import numpy as np
from _truth import run, integrate, gauss_expect


def body(D, rng):
    n = int(rng.integers(4, 600))
    sigma = rng.uniform(0.01, 0.2)
    # exact second moments of one product, independent factors
    Ea2, Ex2 = gauss_expect(lambda a: a * a, 0, sigma), gauss_expect(lambda x: x * x, 0, 1)
    Ea, Ex = gauss_expect(lambda a: a, 0, sigma), gauss_expect(lambda x: x, 0, 1)
    var_prod = Ea2 * Ex2 - (Ea * Ex) ** 2
    var_y = n * var_prod  # independent summands
    D.step(r"= \sum_{j=1}^{n} \mathrm{Var}(a_{ij} x_j)", var_y, n * var_prod)
    D.step(r"= \sum_{j=1}^{n} \mathbb{E}[a_{ij}^2]\,\mathbb{E}[x_j^2]", n * var_prod, n * Ea2 * Ex2)
    D.step(r"\mathbb{E}[x_j^2] = n\sigma^2 .$$", n * Ea2 * Ex2, n * sigma ** 2)
    s = np.sqrt(var_y)
    # y_i is a sum of many products: take it Gaussian with that variance (the lesson's assumption)
    e_relu2 = integrate(lambda y: y * y * np.exp(-y * y / (2 * s * s)) / (s * np.sqrt(2 * np.pi)), 0.0, 12 * s)
    D.step(r"= \mathbb{E}\left[y_i^2\right] = n\sigma^2", e_relu2, var_y, planted=True)
    D.step(r"\right] = n\sigma^2 .$$", var_y, n * sigma ** 2)


def check():
    run(__file__, body)
