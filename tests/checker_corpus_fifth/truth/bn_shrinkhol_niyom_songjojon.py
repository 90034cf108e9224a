import numpy as np
from _truth import run, d1, sigmoid


def body(D, rng):
    x = rng.normal()
    f = lambda t: np.log(1 + t * t)
    D.step("= \\frac{1}{1 + x^2} \\cdot 2x =", d1(f, x), 1 / (1 + x * x) * 2 * x)
    D.step("= \\frac{2x}{1 + x^2}$$", 1 / (1 + x * x) * 2 * x, 2 * x / (1 + x * x))
    h = lambda t: np.exp(np.sin(3 * t))
    D.step("= e^{\\sin 3x} \\cdot \\cos 3x \\cdot 3 =", d1(h, x), h(x) * np.cos(3 * x) * 3)
    D.step("= 3\\cos(3x)\\, e^{\\sin 3x}$$", h(x) * np.cos(3 * x) * 3, 3 * np.cos(3 * x) * h(x))
    D.step("$3\\cos 0 \\cdot e^{0} = 3$", d1(h, 0.0), 3.0)
    w, b = rng.normal(size=2)
    a = lambda ww: sigmoid(ww * x + b)
    s = sigmoid(w * x + b)
    D.step("= \\sigma'(wx + b)\\, x =", d1(a, w), d1(sigmoid, w * x + b) * x)
    D.step("= \\sigma(wx + b)\\,(1 - \\sigma(wx + b))\\, x$$", d1(a, w), s * (1 - s) * x)
    D.step("\\frac{1}{2} \\cdot \\frac{1}{2} \\cdot 2 = 0.5$", d1(lambda ww: sigmoid(ww * 2.0), 0.0), 0.5)


def check():
    run(__file__, body)
