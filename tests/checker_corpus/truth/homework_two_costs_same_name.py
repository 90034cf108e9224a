import numpy as np
from corpus_truth import deriv, run, sigmoid


def steps(s, rng):
    w, x, b, y = rng.normal(), rng.normal(), rng.normal(), rng.uniform()
    z = w * x + b
    a = sigmoid(z)
    s.eq(11, r"= \sigma(z)(1 - \sigma(z)) =", deriv(sigmoid, z), sigmoid(z) * (1 - sigmoid(z)))
    s.eq(11, "= a(1 - a)$", sigmoid(z) * (1 - sigmoid(z)), a * (1 - a))
    quad = lambda z_: 0.5 * (sigmoid(z_) - y) ** 2  # noqa: E731
    dz = deriv(quad, z)
    s.eq(14, r"= (a - y) \, \sigma'(z)", dz, (a - y) * deriv(sigmoid, z))
    s.eq(14, r"= (a - y) \, a (1 - a) ,", (a - y) * deriv(sigmoid, z), (a - y) * a * (1 - a))
    s.eq(17, r"\big/ (a - y) = a(1 - a)$", dz / (a - y), a * (1 - a))
    s.eq(18, r"= (a - y)\, a(1 - a)\, x$", deriv(lambda v: quad(v * x + b), w), (a - y) * a * (1 - a) * x)
    ce = lambda z_: -(y * np.log(sigmoid(z_)) + (1 - y) * np.log(1 - sigmoid(z_)))  # noqa: E731
    chain = [deriv(ce, z), (-y / a + (1 - y) / (1 - a)) * a * (1 - a), -y * (1 - a) + (1 - y) * a, a - y]
    for line, snippet, left, right in zip([29, 30, 31], [r"&= \left( -\frac{y}{a}", "&= -y(1 - a) + (1 - y) a", "&= a - y ,"],
                                          chain, chain[1:]):
        s.eq(line, snippet, left, right)
    s.eq(34, r"= (a - y)\, x$", deriv(lambda v: ce(v * x + b), w), (a - y) * x)


def check():
    run(__file__, steps)
