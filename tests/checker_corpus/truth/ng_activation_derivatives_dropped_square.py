import numpy as np
from corpus_truth import away_from_zero, deriv, run, sigmoid


def steps(s, rng):
    z = rng.normal(scale=2, size=6)
    g = sigmoid
    a = g(z)
    chain = [deriv(g, z), deriv(g, z), 1 / (1 + np.exp(-z)) * (1 - 1 / (1 + np.exp(-z))), g(z) * (1 - g(z)), a * (1 - a)]
    for snippet, left, right in zip([r"= \frac{d}{dz} g(z)", r"= \frac{1}{1 + e^{-z}} \left( 1", r"= g(z)\left(1 - g(z)",
                                     "= a(1 - a)"], chain, chain[1:]):
        s.eq(8, snippet, left, right)
    s.eq(11, r"$g(z) = \frac{1}{2}$", g(0.0), 1 / 2)
    s.eq(11, r"$g'(z) = \frac{1}{2}\left(1", deriv(g, 0.0), 0.5 * (1 - 0.5))
    s.eq(11, r"= \frac{1}{4}$", 0.5 * (1 - 0.5), 1 / 4)

    g = np.tanh
    a = g(z)
    s.eq(13, r"= \frac{e^{z} - e^{-z}}", np.tanh(z), (np.exp(z) - np.exp(-z)) / (np.exp(z) + np.exp(-z)))
    s.eq(16, r"= \frac{d}{dz} g(z)", deriv(g, z), deriv(g, z))
    s.eq(16, r"= 1 - \tanh(z)", deriv(g, z), 1 - np.tanh(z))  # planted: 1 - tanh(z)^2
    s.eq(16, "= 1 - a", 1 - np.tanh(z), 1 - a)
    s.eq(19, r"$\tanh(0) = 0$", np.tanh(0.0), 0)

    z = away_from_zero(rng, 6)
    s.eq(24, r"\begin{cases} 0 &", deriv(lambda v: np.maximum(0, v), z), np.where(z < 0, 0.0, 1.0))
    s.eq(30, r"\begin{cases} 0.01 &", deriv(lambda v: np.maximum(0.01 * v, v), z), np.where(z < 0, 0.01, 1.0))


def check():
    run(__file__, steps)
