import numpy as np
from corpus_truth import deriv, run, sigmoid


def steps(s, rng):
    x = rng.normal(scale=2, size=6)
    e = np.exp(-x)
    chain = [deriv(sigmoid, x), deriv(lambda t: (1 + np.exp(-t)) ** -1, x), -(1 + e) ** -2 * e, -e / (1 + e) ** 2,
             -1 / (1 + e) * e / (1 + e), -sigmoid(x) * ((1 + e) - 1) / (1 + e), -sigmoid(x) * (1 - sigmoid(x))]
    snippets = [r"&= \frac{d}{dx} \left( 1 + e^{-x} \right)^{-1}", r"&= -\left( 1 + e^{-x} \right)^{-2} \cdot e^{-x}",
                r"&= \frac{-e^{-x}}", r"&= -\frac{1}{1 + e^{-x}} \cdot", r"&= -\sigma(x) \cdot \frac{(1 + e^{-x}) - 1}",
                r"&= -\sigma(x) \left( 1 - \sigma(x) \right)"]
    for line, snippet, left, right in zip(range(8, 14), snippets, chain, chain[1:]):
        s.eq(line, snippet, left, right)  # line 9 is planted: the inner derivative is -e^{-x}
    s.eq(17, r"= \sigma(x)(1 - \sigma(x))$", deriv(sigmoid, x), sigmoid(x) * (1 - sigmoid(x)))
    s.eq(22, r"= -e^{-x}$", deriv(lambda t: 1 + np.exp(-t), x), -e)


def check():
    run(__file__, steps)
