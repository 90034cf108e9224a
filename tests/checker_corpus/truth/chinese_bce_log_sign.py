import numpy as np
from corpus_truth import deriv, grad, run, sigmoid


def steps(s, rng):
    w, x, b, y = rng.normal(size=3), rng.normal(size=3), rng.normal(), rng.uniform()
    z = w @ x + b
    sg, sp = sigmoid(z), deriv(sigmoid, z)
    s.eq(3, r"= \frac{1}{1 + e^{-z}}$", sigmoid(z), 1 / (1 + np.exp(-z)))
    s.eq(4, r"= \sigma(z)\,(1 - \sigma(z))$", sp, sg * (1 - sg))
    d1 = deriv(lambda t: np.log(sigmoid(t)), z)
    s.eq(13, r"= \frac{\sigma'(z)}{\sigma(z)}", d1, sp / sg)
    s.eq(13, r"= 1 - \sigma(z)", sp / sg, 1 - sg)
    d2 = deriv(lambda t: np.log(1 - sigmoid(t)), z)
    s.eq(17, r"= \frac{-\sigma'(z)}{1 - \sigma(z)}", d2, -sp / (1 - sg))
    s.eq(17, r"= \frac{-\sigma(z)(1 - \sigma(z))}{1 - \sigma(z)}", -sp / (1 - sg), -sg * (1 - sg) / (1 - sg))
    s.eq(17, r"= \sigma(z)", -sg * (1 - sg) / (1 - sg), sg)  # planted: -sigma(z)
    L = lambda t: -(y * np.log(sigmoid(t)) + (1 - y) * np.log(1 - sigmoid(t)))  # noqa: E731
    s.eq(23, r"= -\left[ y \left(1 - \sigma(z)\right)", deriv(L, z), -(y * (1 - sg) - (1 - y) * sg))
    s.eq(23, r"= \sigma(z) - y .", -(y * (1 - sg) - (1 - y) * sg), sg - y)
    s.eq(26, r"= \boldsymbol{x}$", grad(lambda v: v @ x + b, w), x)
    s.eq(26, r"\partial b} = 1$", deriv(lambda c: w @ x + c, b), 1)
    s.eq(29, r"= (\sigma(z) - y)\, \boldsymbol{x}", grad(lambda v: L(v @ x + b), w), (sg - y) * x)
    s.eq(29, r"\partial b} = \sigma(z) - y .", deriv(lambda c: L(w @ x + c), b), sg - y)


def check():
    run(__file__, steps)
