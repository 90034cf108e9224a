import numpy as np
from corpus_truth import away_from_zero, deriv, run, sigmoid


def steps(s, rng):
    x = away_from_zero(rng, 8)
    s.eq(6, r"\begin{cases} 1, & x > 0", deriv(lambda t: np.maximum(0, t), x), np.where(x > 0, 1.0, 0.0))
    f = lambda t: np.where(t > 0, t, 0.01 * t)  # noqa: E731
    s.eq(13, r"\begin{cases} 1, & x > 0 \\ 0.01, & x < 0", deriv(f, x), np.where(x > 0, 1.0, 0.01))
    alpha = rng.uniform(0.1, 2)
    g = lambda t: np.where(t > 0, t, alpha * (np.exp(t) - 1))  # noqa: E731
    neg = -np.abs(x)  # the chain on line 22 is stated for x < 0
    chain = [deriv(g, neg), alpha * np.exp(neg), alpha * (np.exp(neg) - 1) + alpha, g(neg) + alpha]
    for snippet, left, right in zip([r"= \alpha e^{x} =", r"= \alpha (e^{x} - 1) + \alpha", r"= g(x) + \alpha$"], chain, chain[1:]):
        s.eq(22, snippet, left, right)
    s.eq(25, r"\begin{array}{ll} 1, & x > 0 \\ g(x) + \alpha", deriv(g, x), np.where(x > 0, 1.0, g(x) + alpha))
    s.eq(28, r"= \sigma(x)\,(1 - \sigma(x))$", deriv(sigmoid, x), sigmoid(x) * (1 - sigmoid(x)))
    s.eq(29, r"= 1 - \tanh^2(x)$", deriv(np.tanh, x), 1 - np.tanh(x) ** 2)
    s.eq(29, r"= 2\sigma(2x) - 1$", np.tanh(x), 2 * sigmoid(2 * x) - 1)


def check():
    run(__file__, steps)
