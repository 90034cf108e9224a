import math

import numpy as np
from corpus_truth import deriv, erf, normal_cdf, normal_pdf, run, sigmoid


def steps(s, rng):
    x = rng.uniform(-4, 4, size=8)
    gelu = lambda t: t * normal_cdf(t)  # noqa: E731
    prob_below = normal_cdf(x)  # P(X <= x) for a standard normal X
    s.eq(7, r"= x \Phi(x) =", x * prob_below, x * normal_cdf(x))
    s.eq(7, r"= x \cdot \frac{1}{2}\left[ 1 + \operatorname{erf}", x * normal_cdf(x), x * 0.5 * (1 + erf(x / math.sqrt(2))))
    inner = math.sqrt(2 / math.pi) * (x + 0.044715 * x ** 3)
    tanh_form = 0.5 * x * (1 + np.tanh(inner))
    s.eq(13, r"\approx 0.5 x \left( 1 + \tanh", gelu(x), tanh_form, rtol=0, atol=1e-3)
    s.eq(16, r"\approx x \sigma(1.702 x)$", gelu(x), x * sigmoid(1.702 * x), rtol=0, atol=3e-2)
    u = rng.normal(size=5)
    s.eq(17, r"= \sigma(2u)$", 0.5 * (1 + np.tanh(u)), sigmoid(2 * u))
    s.eq(20, r"= x \, \sigma\!\left( 2 \sqrt{2 / \pi}", tanh_form, x * sigmoid(2 * inner))
    s.eq(23, r"= \Phi'(x) =", normal_pdf(x), deriv(normal_cdf, x))
    s.eq(23, r"= \frac{1}{\sqrt{2\pi}} e^{-x^2 / 2}$", deriv(normal_cdf, x), np.exp(-x ** 2 / 2) / math.sqrt(2 * math.pi))
    s.eq(26, r"= \Phi(x) + x \phi(x) .", deriv(gelu, x), normal_cdf(x) + x * normal_pdf(x))
    s.eq(30, r"\big|_{x = 0} = \Phi(0)", deriv(gelu, 0.0), normal_cdf(0.0))
    s.eq(30, r"= \frac{1}{2}$", normal_cdf(0.0), 0.5)


def check():
    run(__file__, steps)
