import numpy as np
from _truth import run, d1, sigmoid as sg


def body(D, rng):
    x = rng.normal() * 2
    z = lambda t: np.log(1 + np.exp(t))
    s = float(sg(x))
    D.step(r"= \frac{e^{x}}{1 + e^{x}} = \frac{1}{e^{-x} + 1}", d1(z, x), np.exp(x) / (1 + np.exp(x)))
    D.step(r"= \frac{1}{e^{-x} + 1} = \sigma(x),$$", np.exp(x) / (1 + np.exp(x)), 1 / (np.exp(-x) + 1))
    D.step(r"{e^{-x} + 1} = \sigma(x),$$", 1 / (np.exp(-x) + 1), s)
    D.step(r"$$1 - \sigma(x) = \frac{e^{-x}}{1 + e^{-x}}", 1 - s, np.exp(-x) / (1 + np.exp(-x)))
    D.step(r"= \frac{1}{e^{x} + 1} = \sigma(-x).$$", np.exp(-x) / (1 + np.exp(-x)), 1 / (np.exp(x) + 1))
    D.step(r"{e^{x} + 1} = \sigma(-x).$$", 1 / (np.exp(x) + 1), float(sg(-x)))
    D.step(r"= -\ln\left(1 + e^{-x}\right) = -\zeta(-x),$$", np.log(s), -np.log(1 + np.exp(-x)))
    D.step(r"\right) = -\zeta(-x),$$", -np.log(1 + np.exp(-x)), -z(-x))
    a = np.log((1 + np.exp(x)) / (1 + np.exp(-x)))
    b = np.log(np.exp(x) * (np.exp(-x) + 1) / (1 + np.exp(-x)))
    D.step(r"= \ln\frac{1 + e^{x}}{1 + e^{-x}}", z(x) - z(-x), a)
    D.step(r"= \ln\frac{e^{x}\left(e^{-x} + 1\right)}", a, b)
    D.step(r"{1 + e^{-x}} = x,$$", b, x)
    relu = lambda t: max(t, 0.0)
    D.step(r"$\mathrm{ReLU}(x) - \mathrm{ReLU}(-x) = x$", relu(x) - relu(-x), x)
    dl = d1(lambda t: np.log(float(sg(t))), x)
    D.step(r"= \frac{\sigma'(x)}{\sigma(x)}", dl, d1(lambda t: float(sg(t)), x) / s)
    D.step(r"{\sigma(x)} = 1 - \sigma(x)", d1(lambda t: float(sg(t)), x) / s, 1 - s)
    D.step(r"= 1 - \sigma(x) = \sigma(-x)$", 1 - s, float(sg(-x)))


def check():
    run(__file__, body)
