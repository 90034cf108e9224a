import numpy as np
from _truth import run, d1, sigmoid


def body(D, rng):
    x = rng.normal()
    e = np.exp
    D.step("= \\frac{1 - e^{-2x}}{1 + e^{-2x}} =", np.tanh(x), (1 - e(-2 * x)) / (1 + e(-2 * x)))
    D.step("\\tanh(x) = \\frac{e^{x} - e^{-x}}", np.tanh(x), (e(x) - e(-x)) / (e(x) + e(-x)))
    D.step("= \\frac{2}{1 + e^{-2x}} - 1 =", np.tanh(x), 2 / (1 + e(-2 * x)) - 1)
    D.step("- 1 = 2\\sigma(2x) - 1$$", np.tanh(x), 2 * sigmoid(2 * x) - 1)
    s = sigmoid(2 * x)
    D.step("\\tanh'(x) = 4\\sigma'(2x) =", d1(np.tanh, x), 4 * d1(sigmoid, 2 * x))
    D.step("= 4\\sigma(2x)(1 - \\sigma(2x))$$", d1(np.tanh, x), 4 * s * (1 - s))
    D.step("$1 - \\tanh^2(x) = 4\\sigma(2x)(1 - \\sigma(2x))$", 1 - np.tanh(x) ** 2, 4 * s * (1 - s))
    D.step("$\\sigma(x) = \\frac{1 + \\tanh(x/2)}{2}$", sigmoid(x), (1 + np.tanh(x / 2)) / 2)
    D.step("$\\sigma'(x) = \\frac{1}{4}\\left(1 - \\tanh^2(x/2)\\right)$", d1(sigmoid, x), (1 - np.tanh(x / 2) ** 2) / 4)
    D.step("$\\sigma'(0) = \\frac{1}{4}$", d1(sigmoid, 0.0), 0.25)
    D.step("$\\tanh'(0) = 1 = 4 \\cdot \\frac{1}{4}$", [d1(np.tanh, 0.0), 1.0], [1.0, 4 * 0.25])


def check():
    run(__file__, body)
