import math
import numpy as np
from _truth import run, d1, Phi, phi, integrate, sigmoid


def body(D, rng):
    x = rng.normal() * 1.5
    P = integrate(lambda t: np.exp(-t * t / 2) / np.sqrt(2 * np.pi), -12.0, x)
    D.step(r"= x\Phi(x) = x \cdot", x * P, x * float(Phi(x)))
    D.step(r"= x \cdot \frac{1}{2}\left[1 + \mathrm{erf}", x * float(Phi(x)), x * 0.5 * (1 + math.erf(x / math.sqrt(2))))
    gelu = lambda t: t * float(Phi(t))
    g = d1(gelu, x, 1e-5)
    D.step(r"= \Phi(x) + x\phi(x) = \frac{1}{2}", g, float(Phi(x)) + x * float(phi(x)))
    D.step(r"+ \frac{x}{\sqrt{2\pi}}e^{-x^2/2}.$$", float(Phi(x)) + x * float(phi(x)), 0.5 * (1 + math.erf(x / math.sqrt(2))) + x / math.sqrt(2 * math.pi) * math.exp(-x * x / 2))
    D.step(r"$\mathrm{GELU}'(0) = \Phi(0) = \frac{1}{2}$", d1(gelu, 0.0, 1e-5), float(Phi(0.0)))
    D.step(r"= \Phi(0) = \frac{1}{2}$", float(Phi(0.0)), 0.5)
    s = float(sigmoid(x))
    D.step(r"= \sigma(x) + x\sigma(x)(1 - \sigma(x))", d1(lambda t: t * float(sigmoid(t)), x), s + x * s * (1 - s))
    D.step(r"= \sigma(x)\left(1 + x(1 - \sigma(x))\right).$$", s + x * s * (1 - s), s * (1 + x * (1 - s)))


def check():
    run(__file__, body)
