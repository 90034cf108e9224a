import math

import numpy as np
from corpus_truth import deriv, normal_cdf, normal_pdf, run, sigmoid, softplus


def steps(s, rng):
    x = rng.normal(scale=2, size=6)
    e = np.exp
    chain = [deriv(softplus, x), e(x) / (1 + e(x)), 1 / (1 + e(-x)), sigmoid(x)]
    for snippet, left, right in zip([r"= \frac{e^{x}}{1 + e^{x}}", r"= \frac{1}{1 + e^{-x}}", r"= \sigma(x) ."], chain, chain[1:]):
        s.eq(7, snippet, left, right)
    s.eq(10, r"- \zeta(-x) = x$", softplus(x) - softplus(-x), x)
    s.eq(10, r"= -\zeta(-x)$", np.log(sigmoid(x)), -softplus(-x))
    s.eq(14, r"= \Phi'(x) =", normal_pdf(x), deriv(normal_cdf, x))
    s.eq(14, r"= \frac{1}{\sqrt{2\pi}} e^{-x^2/2}$", deriv(normal_cdf, x), e(-x ** 2 / 2) / math.sqrt(2 * math.pi))
    gelu = lambda t: t * normal_cdf(t)  # noqa: E731
    s.eq(18, r"= \Phi(x) + x \, \varphi(x) =", deriv(gelu, x), normal_cdf(x) + x * normal_pdf(x))
    s.eq(18, r"= \Phi(x) + \frac{x}{\sqrt{2\pi}}", normal_cdf(x) + x * normal_pdf(x),
         normal_cdf(x) + x / math.sqrt(2 * math.pi) * e(-x ** 2 / 2))
    s.eq(21, r"\sigma' = \sigma(1 - \sigma)$", deriv(sigmoid, x), sigmoid(x) * (1 - sigmoid(x)))
    silu = lambda t: t * sigmoid(t)  # noqa: E731
    sg = sigmoid(x)
    s.eq(24, r"= \sigma(x) + x \, \sigma(x)", deriv(silu, x), sg + x * sg * (1 - sg))
    s.eq(24, r"= \sigma(x) \left(1 + x", sg + x * sg * (1 - sg), sg * (1 + x * (1 - sg)))
    s.eq(27, r"= 1 - \tanh^2(x)$", deriv(np.tanh, x), 1 - np.tanh(x) ** 2)
    s.eq(27, r"$\tanh'(0) = 1$", deriv(np.tanh, 0.0), 1)
    s.eq(29, r"$\zeta(0) = \ln 2$", softplus(0.0), math.log(2))
    s.eq(30, r"= \Phi(0) = 0{,}5$", deriv(gelu, 0.0), normal_cdf(0.0))
    s.eq(30, r"= 0{,}5$ et", normal_cdf(0.0), 0.5)
    s.eq(30, r"= \sigma(0) = 0{,}5$.", deriv(silu, 0.0), sigmoid(0.0))
    s.eq(30, r"= \sigma(0) = 0{,}5$.", sigmoid(0.0), 0.5)


def check():
    run(__file__, steps)
