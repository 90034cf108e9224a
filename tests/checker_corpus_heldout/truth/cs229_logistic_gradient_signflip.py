import numpy as np
from _truth import run, fd_grad, d1, sigmoid as g

d = 4


def body(D, rng):
    z = rng.normal() * 2
    dg = d1(g, z)
    a = 1 / (1 + np.exp(-z)) ** 2 * np.exp(-z)
    b = 1 / (1 + np.exp(-z)) * (1 - 1 / (1 + np.exp(-z)))
    D.step(r"&= \frac{d}{dz} \frac{1}{1 + e^{-z}}", dg, d1(lambda t: 1 / (1 + np.exp(-t)), z))
    D.step(r"&= \frac{1}{(1 + e^{-z})^2}\left(e^{-z}\right)", dg, a)
    D.step(r"&= \frac{1}{(1 + e^{-z})} \cdot", a, b)
    D.step(r"&= g(z)(1 - g(z)).", b, g(z) * (1 - g(z)))

    x, th = rng.normal(size=d), rng.normal(size=d)
    y = float(rng.integers(0, 2))
    ell = lambda t: y * np.log(g(t @ x)) + (1 - y) * np.log(1 - g(t @ x))
    G = fd_grad(ell, th)
    s = g(th @ x)
    c = (y / s - (1 - y) / (1 - s)) * fd_grad(lambda t: g(t @ x), th)
    e = (y / s - (1 - y) / (1 - s)) * s * (1 - s) * fd_grad(lambda t: t @ x, th)
    f = (y * (1 - s) - (1 - y) * s) * x
    D.step(r"\ell(\theta) &= \left(y \frac{1}{g(\theta^T x)}", G, c)
    D.step(r"\right) g(\theta^T x)(1 - g(\theta^T x))\frac{\partial}", c, e)
    D.step(r"&= \left(y(1 - g(\theta^T x)) - (1 - y)g(\theta^T x)\right)x_j", e, f)
    D.step(r"&= \left(h_\theta(x) - y\right)x_j", f, (s - y) * x, planted=True)


def check():
    run(__file__, body)
