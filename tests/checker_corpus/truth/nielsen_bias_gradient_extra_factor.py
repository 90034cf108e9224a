import numpy as np
from corpus_truth import deriv, run, sigmoid


def steps(s, rng):
    x, w, b, y = rng.normal(scale=2), rng.normal(), rng.normal(), rng.uniform()
    z = w * x + b
    a = sigmoid(z)
    quad_of_a = lambda a_: (y - a_) ** 2 / 2  # noqa: E731
    C = lambda w_, b_: quad_of_a(sigmoid(w_ * x + b_))  # noqa: E731
    dC_da, da_dz = deriv(quad_of_a, a), deriv(sigmoid, z)
    dz_dw, dz_db = deriv(lambda v: v * x + b, w), deriv(lambda v: w * x + v, b)
    s.eq(11, "= a - y$", dC_da, a - y)
    s.eq(11, r"= \sigma'(z)$", da_dz, deriv(sigmoid, z))
    s.eq(12, "= x$", dz_dw, x)
    s.eq(12, "= 1$", dz_db, 1)
    dC_dw, dC_db = deriv(lambda v: C(v, b), w), deriv(lambda v: C(w, v), b)
    s.eq(15, r"= \frac{\partial C}{\partial a} \frac{\partial a}{\partial z} \frac{\partial z}{\partial w}",
         dC_dw, dC_da * da_dz * dz_dw)
    s.eq(15, r"= (a - y) \sigma'(z) x", dC_da * da_dz * dz_dw, (a - y) * da_dz * x)
    s.eq(19, r"= \frac{\partial C}{\partial a} \frac{\partial a}{\partial z} \frac{\partial z}{\partial b}",
         dC_db, dC_da * da_dz * dz_db)
    s.eq(19, r"= (a - y) \sigma'(z) x", dC_da * da_dz * dz_db, (a - y) * da_dz * x)  # planted: no factor x
    s.eq(22, r"= \sigma(z)(1 - \sigma(z))", da_dz, sigmoid(z) * (1 - sigmoid(z)))
    s.eq(22, "= a(1 - a)$", sigmoid(z) * (1 - sigmoid(z)), a * (1 - a))
    s.eq(23, r"= (a - y)\, a (1 - a)\, x", dC_dw, (a - y) * a * (1 - a) * x)
    ce = lambda w_, b_: -(y * np.log(sigmoid(w_ * x + b_)) + (1 - y) * np.log(1 - sigmoid(w_ * x + b_)))  # noqa: E731
    s.eq(30, "= x (a - y)", deriv(lambda v: ce(v, b), w), x * (a - y))
    s.eq(30, "= a - y .", deriv(lambda v: ce(w, v), b), a - y)


def check():
    run(__file__, steps)
