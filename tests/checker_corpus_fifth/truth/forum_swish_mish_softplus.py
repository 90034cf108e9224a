import numpy as np
from _truth import run, d1, sigmoid


def body(D, rng):
    x = rng.normal() * 2
    sp = lambda t: np.log1p(np.exp(t))
    s = sigmoid(x)
    D.step("= \\frac{e^{x}}{1 + e^{x}} =", d1(sp, x), np.exp(x) / (1 + np.exp(x)))
    D.step("{1 + e^{x}} = \\sigma(x)$$", d1(sp, x), s)
    D.step("- \\ln(1 + e^{-x}) = x$", sp(x) - sp(-x), x)
    sw = lambda t: t * sigmoid(t)
    D.step("= \\sigma(x) + x\\sigma(x)(1 - \\sigma(x)) =", d1(sw, x), s + x * s * (1 - s))
    D.step("= x\\sigma(x) + \\sigma(x)(1 - x\\sigma(x))$$", d1(sw, x), x * s + s * (1 - x * s))
    u = rng.uniform(0.2, 5)
    D.step("\\tanh(\\ln u) = \\frac{u^2 - 1}{u^2 + 1}", np.tanh(np.log(u)), (u * u - 1) / (u * u + 1))
    uu = 1 + np.exp(x)
    D.step("= \\frac{(1 + e^{x})^2 - 1}{(1 + e^{x})^2 + 1}$$", np.tanh(sp(x)), (uu ** 2 - 1) / (uu ** 2 + 1))
    mish = lambda t: t * np.tanh(sp(t))
    th = np.tanh(sp(x))
    D.step("= \\tanh(\\ln(1 + e^{x})) + x\\,\\sigma(x)", d1(mish, x), th + x * s * (1 - th ** 2))
    D.step("Swish' is $\\frac{1}{2}$", d1(sw, 0.0), 0.5)
    D.step("= \\frac{3}{5} = 0.6$", [d1(mish, 0.0), np.tanh(np.log(2))], [0.6, 3 / 5])


def check():
    run(__file__, body)
