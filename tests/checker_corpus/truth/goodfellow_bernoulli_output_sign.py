import numpy as np
from corpus_truth import deriv, run, sigmoid, softplus


def steps(s, rng):
    z = rng.normal(scale=2, size=5)
    for y in (0, 1):  # y is binary
        P_tilde = np.exp(y * z)
        s.eq(9, r"&= \exp(yz)", P_tilde, np.exp(np.log(P_tilde)))
        P = np.exp(y * z) / sum(np.exp(yp * z) for yp in (0, 1))
        s.eq(11, r"&= \sigma\left((2y - 1)z\right)", P, sigmoid((2 * y - 1) * z))
        J = lambda z_: -np.log(sigmoid((2 * y - 1) * z_))  # noqa: E731,B023
        s.eq(20, r"= -\log \sigma\left((2y - 1)z\right)", -np.log(P), J(z))
        s.eq(20, r"= \zeta\left((1 - 2y)z\right)", J(z), softplus((1 - 2 * y) * z))
        s.eq(27, r"= (1 - 2y)\, \sigma\left((2y - 1)z\right)", deriv(J, z),
             (1 - 2 * y) * sigmoid((2 * y - 1) * z))  # planted: sigma((1 - 2y) z)
    s.eq(14, r"= \sigma(z)$", np.exp(z) / (1 + np.exp(z)), sigmoid(z))
    s.eq(15, r"= \sigma(-z)$", 1 / (1 + np.exp(z)), sigmoid(-z))
    x = rng.normal(scale=2, size=5)
    s.eq(23, r"= \log(1 + \exp(x))", softplus(x), np.log(1 + np.exp(x)))
    s.eq(23, r"= -\zeta(-x)$", np.log(sigmoid(x)), -softplus(-x))
    s.eq(24, r"= \sigma(x)$", deriv(softplus, x), sigmoid(x))


def check():
    run(__file__, steps)
