import numpy as np
from corpus_truth import deriv, run, sigmoid


def steps(s, rng):
    z = rng.normal(scale=2, size=5)
    e = np.exp
    u, v = (lambda t: np.ones_like(t)), (lambda t: 1 + e(-t))
    quotient = deriv(lambda t: u(t) / v(t), z)
    rule = (deriv(u, z) * v(z) - u(z) * deriv(v, z)) / v(z) ** 2
    s.eq(10, r"= \frac{u'v - uv'}{v^2}$", quotient, rule)
    s.eq(11, "$u' = 0$", deriv(u, z), 0)
    s.eq(11, "$v' = -e^{-z}$", deriv(v, z), -e(-z))
    chain = [deriv(sigmoid, z), quotient, rule, (0 * (1 + e(-z)) - 1 * (-e(-z))) / (1 + e(-z)) ** 2, e(-z) / (1 + e(-z)) ** 2]
    for snippet, left, right in zip([r"= \left(\frac{u}{v}\right)'", r"= \frac{u'v - uv'}{v^2} =", r"= \frac{0 \cdot (1 + e^{-z})",
                                     r"= \frac{e^{-z}}{(1 + e^{-z})^2} ."], chain, chain[1:]):
        s.eq(14, snippet, left, right)
    s.eq(17, r"= 1 - \frac{1}{1 + e^{-z}}", e(-z) / (1 + e(-z)), 1 - 1 / (1 + e(-z)))
    s.eq(17, r"= 1 - \sigma(z)$", 1 - 1 / (1 + e(-z)), 1 - sigmoid(z))
    s.eq(20, r"= \frac{1}{1 + e^{-z}} \cdot", deriv(sigmoid, z), 1 / (1 + e(-z)) * e(-z) / (1 + e(-z)))
    s.eq(20, r"= \sigma(z)\bigl(1 - \sigma(z)\bigr)", 1 / (1 + e(-z)) * e(-z) / (1 + e(-z)), sigmoid(z) * (1 - sigmoid(z)))
    s.eq(26, r"$\sigma(0) = 0{,}5$", sigmoid(0.0), 0.5)
    s.eq(26, r"$\sigma'(0) = 0{,}5 \cdot 0{,}5", deriv(sigmoid, 0.0), 0.5 * 0.5)
    s.eq(26, r"= 0{,}25$", 0.5 * 0.5, 0.25)
    w, x, b = rng.normal(size=3)
    zz = w * x + b
    dsig_dw = deriv(lambda t: sigmoid(t * x + b), w)
    s.eq(30, r"= \sigma'(z) \cdot \frac{\partial z}{\partial w}", dsig_dw, deriv(sigmoid, zz) * deriv(lambda t: t * x + b, w))
    s.eq(30, r"= \sigma(z)(1 - \sigma(z))\, x", deriv(sigmoid, zz) * x, sigmoid(zz) * (1 - sigmoid(zz)) * x)


def check():
    run(__file__, steps)
