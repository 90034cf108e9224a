import numpy as np
from _truth import run


def body(D, rng):
    p, x = rng.uniform(0.1, 0.9), rng.normal() + 2
    vals, probs = np.array([0.0, x / p]), np.array([1 - p, p])
    D.step(r"\mathbb{E}[\tilde{x}_i] &= p\cdot\frac{x_i}{p}", probs @ vals, p * x / p)
    D.step(r"&= x_i⏎", p * x / p + (1 - p) * 0, x)
    D.step(r"\mathbb{E}[\tilde{x}_i^2] &= p\left(\frac{x_i}{p}\right)^2", probs @ vals ** 2, p * (x / p) ** 2)
    D.step(r"&= \frac{x_i^2}{p^2}", p * (x / p) ** 2, x ** 2 / p ** 2, planted=True)


def check():
    run(__file__, body)
