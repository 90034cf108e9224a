import numpy as np
from _truth import run, d1


def body(D, rng):
    x = rng.normal() * 2
    w = -x
    v = np.exp(w)
    u = 1 + v
    y = 1 / u
    gy = rng.normal()  # dL/dy
    D.step(r"= -\frac{1}{u^2} = -y^2$$", d1(lambda t: 1 / t, u), -1 / u ** 2)
    D.step(r"{u^2} = -y^2$$", -1 / u ** 2, -y ** 2)
    D.step(r"$\frac{\partial u}{\partial v} = 1$", d1(lambda t: 1 + t, v), 1.0)
    D.step(r"$\frac{\partial v}{\partial w} = \exp(w)", d1(np.exp, w), np.exp(w))
    D.step(r"= \exp(w) = \exp(x)$", np.exp(w), np.exp(x), planted=True)
    D.step(r"$\frac{\partial w}{\partial x} = -1$", d1(lambda t: -t, x), -1.0)
    prod = gy * (-y ** 2) * 1 * np.exp(-x) * (-1)
    D.step(r"\cdot(-1) = \frac{\partial L}{\partial y}\, y^2 \exp(-x)$$", prod, gy * y ** 2 * np.exp(-x))
    # and that product is dL/dx
    assert np.isclose(prod, gy * d1(lambda t: 1 / (1 + np.exp(-t)), x))
    a = gy / (1 + np.exp(-x)) ** 2 * np.exp(-x)
    b = gy / (1 + np.exp(-x)) * np.exp(-x) / (1 + np.exp(-x))
    D.step(r"&= \frac{\partial L}{\partial y}\,\frac{1}{(1 + \exp(-x))^2}", gy * y ** 2 * np.exp(-x), a)
    D.step(r"&= \frac{\partial L}{\partial y}\,\frac{1}{1 + \exp(-x)}\,", a, b)
    D.step(r"&= \frac{\partial L}{\partial y}\, y(1 - y)", b, gy * y * (1 - y))


def check():
    run(__file__, body)
