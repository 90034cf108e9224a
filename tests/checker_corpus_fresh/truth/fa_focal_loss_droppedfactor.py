import numpy as np
from _truth import run, d1, sigmoid


def body(D, rng):
    z, g = rng.normal(), rng.uniform(1.5, 3)
    p = sigmoid(z)
    FL = lambda q: -(1 - q) ** g * np.log(q)
    D.step(r"$\frac{dp}{dz} = p(1 - p)$", d1(sigmoid, z), p * (1 - p))
    dfdp = g * (1 - p) ** (g - 1) * np.log(p) - (1 - p) ** g / p
    D.step(r"= \gamma(1 - p)^{\gamma - 1}\log p", d1(FL, p), dfdp)
    dfdz = d1(lambda t: FL(sigmoid(t)), z)
    D.step(r"= \frac{d\,\mathrm{FL}}{dp}\,p(1 - p) =", dfdz, dfdp * p * (1 - p))
    D.step(r"= p(1 - p)^{\gamma}\log p - (1 - p)^{\gamma + 1}$$", dfdz, p * (1 - p) ** g * np.log(p) - (1 - p) ** (g + 1), planted=True)
    D.step(r"گرادیان $p - 1$", d1(lambda t: -np.log(sigmoid(t)), z), p - 1)


def check():
    run(__file__, body)
