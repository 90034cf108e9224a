import numpy as np
from corpus_truth import deriv, run, sigmoid, softplus


def steps(s, rng):
    chain = [deriv(sigmoid, 0.0), sigmoid(0.0) * (1 - sigmoid(0.0)), 0.5 * 0.5, 0.25]
    for snippet, left, right in zip([r"= \sigma(0) \left( 1", r"= \frac{1}{2} \cdot \frac{1}{2}", r"= \frac{1}{4}"],
                                    chain, chain[1:]):
        s.eq(9, snippet, left, right)
    x = rng.normal(size=5)
    s.eq(12, r"= 1 - \tanh^2(x)$", deriv(np.tanh, x), 1 - np.tanh(x) ** 2)
    s.eq(12, r"$\tanh(0) = 0$", np.tanh(0.0), 0)
    chain = [deriv(np.tanh, 0.0), 1 - np.tanh(0.0) ** 2, 1 - 0 ** 2, 0]
    for line, snippet, left, right in zip([15, 16, 17], [r"&= 1 - \tanh^2(0)", "&= 1 - 0^2", "&= 0"], chain, chain[1:]):
        s.eq(line, snippet, left, right)  # the last one is planted: 1 - 0^2 = 1
    s.eq(20, r"= \ln(1 + e^x)$", softplus(x), np.log(1 + np.exp(x)))
    s.eq(20, r"$\zeta'(x) = \sigma(x)$", deriv(softplus, x), sigmoid(x))
    s.eq(20, r"= \sigma(0) = \frac{1}{2}$", deriv(softplus, 0.0), sigmoid(0.0))
    s.eq(20, r"= \frac{1}{2}$.", sigmoid(0.0), 0.5)


def check():
    run(__file__, steps)
