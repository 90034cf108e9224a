import numpy as np
from corpus_truth import away_from_zero, deriv, grad, run


def steps(s, rng):
    x = away_from_zero(rng, 6)
    relu = lambda t: np.maximum(0, t)  # noqa: E731
    s.eq(7, r"\begin{cases} 1, & x > 0", deriv(relu, x), np.where(x > 0, 1.0, 0.0))
    g = rng.normal(size=6)
    s.eq(11, r"= \frac{\partial L}{\partial y_i} \cdot \mathbb{1}[x_i > 0]$", grad(lambda v: g @ relu(v), x), g * (x > 0))
    x4 = rng.normal(size=4)
    s.eq(17, r"\begin{cases} 1, & \text{falls }", grad(np.max, x4), (np.arange(4) == np.argmax(x4)).astype(float))
    s.eq(20, r"= 2{,}5$", max(0.3, -1.2, 2.5, 0.7), 2.5)
    n = 4
    avg = lambda v: (v[0] + v[1] + v[2] + v[3]) / n  # noqa: E731
    s.eq(28, r"= \frac{1}{n} =", grad(avg, x4), 1 / n)
    s.eq(28, r"= \frac{1}{4} =", 1 / n, 1 / 4)
    s.eq(28, "= 0{,}25 .", 1 / 4, 0.25)
    s.eq(32, "+ 1 = 14$", (28 - 2) / 2 + 1, 14)


def check():
    run(__file__, steps)
