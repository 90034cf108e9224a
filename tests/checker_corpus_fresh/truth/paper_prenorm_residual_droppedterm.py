import numpy as np
from _truth import run, fd_grad

d = 6


def body(D, rng):
    x, g = rng.normal(size=(2, d))
    x = 2 * x + 1
    ln = lambda v: (v - v.mean()) / np.sqrt(np.mean((v - v.mean()) ** 2))
    xh = ln(x)
    s = np.sqrt(np.mean((x - x.mean()) ** 2))
    vjp = (g - g.mean() - xh * np.mean(g * xh)) / s
    D.step(r"\frac{\partial \hat{x}_k}{\partial x_i} = \frac{1}{\sigma}", fd_grad(lambda v: g @ ln(v), x), vjp)
    D.step(r"$$\frac{\partial L}{\partial x_i} = \frac{1}{\sigma}", fd_grad(lambda v: g @ (v + ln(v)), x), vjp, planted=True)


def check():
    run(__file__, body)
