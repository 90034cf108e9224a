import numpy as np
from _truth import run, d1, sigmoid as sg


def body(D, rng):
    z = rng.normal() * 2
    y = float(rng.integers(0, 2))
    yh = float(sg(z))
    D.step(r"= \sigma(z)(1 - \sigma(z)) = \hat{y}(1 - \hat{y})$", d1(lambda t: float(sg(t)), z), yh * (1 - yh))
    D.step(r"(1 - \sigma(z)) = \hat{y}(1 - \hat{y})$", yh * (1 - yh), yh * (1 - yh))
    mse = lambda t: 0.5 * (float(sg(t)) - y) ** 2
    g1 = d1(mse, z)
    D.step(r"= \frac{\partial L_{\text{MSE}}}{\partial \hat{y}}\cdot", g1, d1(lambda q: 0.5 * (q - y) ** 2, yh) * d1(lambda t: float(sg(t)), z))
    D.step(r"= (\hat{y} - y)\,\sigma'(z) = (\hat{y} - y)", g1, (yh - y) * yh * (1 - yh))
    D.step(r"\sigma'(z) = (\hat{y} - y)\,\hat{y}(1 - \hat{y})$$", (yh - y) * yh * (1 - yh), (yh - y) * yh * (1 - yh))
    ce = lambda t: -(y * np.log(float(sg(t))) + (1 - y) * np.log(1 - float(sg(t))))
    g2 = d1(ce, z)
    a = -(y / yh - (1 - y) / (1 - yh)) * yh * (1 - yh)
    b = -(y * (1 - yh) - (1 - y) * yh)
    D.step(r"&= -\left[\frac{y}{\hat{y}} - \frac{1 - y}{1 - \hat{y}}\right]", g2, a)
    D.step(r"&= -\left[y(1 - \hat{y}) - (1 - y)\hat{y}\right]", a, b)
    D.step(r"&= \hat{y} - y⏎", b, yh - y)
    D.step(r"{\partial L_{\text{CE}} / \partial z} = \hat{y}(1 - \hat{y})$$", g1 / g2, yh * (1 - yh))


def check():
    run(__file__, body)
