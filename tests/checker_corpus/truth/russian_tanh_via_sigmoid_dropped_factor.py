import numpy as np
from corpus_truth import deriv, run, sigmoid


def steps(s, rng):
    z = rng.normal(scale=1.5, size=5)
    e = np.exp
    sh, ch = np.sinh, np.cosh
    th = lambda t: sh(t) / ch(t)  # noqa: E731
    s.eq(3, r"= \frac{e^{z} - e^{-z}}{2}$", sh(z), (e(z) - e(-z)) / 2)
    s.eq(3, r"= \frac{e^{z} + e^{-z}}{2}$", ch(z), (e(z) + e(-z)) / 2)
    chain = [2 * sigmoid(2 * z) - 1, 2 / (1 + e(-2 * z)) - 1, (1 - e(-2 * z)) / (1 + e(-2 * z)), (e(z) - e(-z)) / (e(z) + e(-z)), th(z)]
    for snippet, left, right in zip([r"= \frac{2}{1 + e^{-2z}} - 1", r"= \frac{1 - e^{-2z}}{1 + e^{-2z}}",
                                     r"= \frac{e^{z} - e^{-z}}{e^{z} + e^{-z}}", r"= \operatorname{th} z ."], chain, chain[1:]):
        s.eq(9, snippet, left, right)
    s.eq(12, r"= \operatorname{ch} z$", deriv(sh, z), ch(z))
    s.eq(13, r"= \operatorname{sh} z$", deriv(ch, z), sh(z))
    dth = deriv(th, z)
    chain = [dth, (ch(z) * ch(z) - sh(z) * sh(z)) / ch(z) ** 2, 1 / ch(z) ** 2, 1 - th(z) ** 2]
    for snippet, left, right in zip([r"= \frac{\operatorname{ch} z \cdot", r"= \frac{1}{\operatorname{ch}^2 z}",
                                     r"= 1 - \operatorname{th}^2 z ,"], chain, chain[1:]):
        s.eq(16, snippet, left, right)
    s.eq(19, "= 1$", ch(z) ** 2 - sh(z) ** 2, 1)
    s.eq(21, r"= \sigma(u)(1 - \sigma(u))$", deriv(sigmoid, z), sigmoid(z) * (1 - sigmoid(z)))
    s.eq(24, r"= \bigl(2\sigma(2z) - 1\bigr)'", dth, deriv(lambda t: 2 * sigmoid(2 * t) - 1, z))
    s.eq(24, r"= 2\sigma'(2z) =", dth, 2 * deriv(sigmoid, 2 * z))  # planted: the inner factor 2 is lost
    s.eq(24, r"= 2\sigma(2z)\bigl(1 - \sigma(2z)\bigr) .", 2 * deriv(sigmoid, 2 * z), 2 * sigmoid(2 * z) * (1 - sigmoid(2 * z)))


def check():
    run(__file__, steps)
