import numpy as np
from _truth import run


def body(D, rng):
    p, x = rng.uniform(0.1, 0.95), rng.normal()
    vals, probs = np.array([0.0, x / p]), np.array([1 - p, p])
    D.step(r"$$\mathbb{E}[\tilde{x}_i] = p\cdot\frac{x_i}{p}", probs @ vals, p * x / p + (1 - p) * 0)
    D.step(r"+ (1 - p)\cdot 0 = x_i$$", p * x / p + (1 - p) * 0, x)
    for m in (0, 1):
        D.step(r"$\frac{\partial \tilde{x}_i}{\partial x_i} = \frac{m_i}{p}$", ((m * (x + 1e-6) / p) - (m * (x - 1e-6) / p)) / 2e-6, m / p)
    D.step(r"- x_i^2 = p\cdot\frac{x_i^2}{p^2} - x_i^2", probs @ vals ** 2 - x ** 2, p * x ** 2 / p ** 2 - x ** 2)
    D.step(r"= \frac{1 - p}{p}x_i^2$$", p * x ** 2 / p ** 2 - x ** 2, (1 - p) / p * x ** 2)
    D.step(r"$\frac{0.2}{0.8} = 0.25$", (1 - 0.8) / 0.8, 0.25)


def check():
    run(__file__, body)
