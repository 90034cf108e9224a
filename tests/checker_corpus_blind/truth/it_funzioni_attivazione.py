import math
import numpy as np
from _truth import run, d1, sigmoid as sg, Phi, phi


def body(D, rng):
    a = 0.01
    lrelu = lambda x: max(a * x, x)
    for x in -rng.uniform(0.1, 3, size=3):
        D.step(r"$f(x) = ax$ e quindi", lrelu(x), a * x)
        D.step(r"$f'(x) = a$; per", d1(lrelu, x), a)
    for x in rng.uniform(0.1, 3, size=3):
        D.step(r"$f'(x) = 1$.", d1(lrelu, x), 1.0)
    al = rng.uniform(0.5, 2)
    elu = lambda x: al * (np.exp(x) - 1) if x <= 0 else x
    for x in -rng.uniform(0.1, 3, size=3):
        D.step(r"$$f'(x) = \alpha e^x = f(x)", d1(elu, x), al * np.exp(x))
        D.step(r"= f(x) + \alpha.$$", al * np.exp(x), elu(x) + al)
    zeta = lambda x: np.log(1 + np.exp(x))
    for x in rng.normal(size=3) * 2:
        D.step(r"$\zeta(x) - \zeta(-x) = x$", zeta(x) - zeta(-x), x)
        D.step(r"$$\zeta'(x) = \frac{e^x}{1 + e^x}", d1(zeta, x), np.exp(x) / (1 + np.exp(x)))
        D.step(r"= \sigma(x).$$", np.exp(x) / (1 + np.exp(x)), sg(x))
        D.step(r"\left[1 + \mathrm{erf}\left(\frac{x}{\sqrt{2}}\right)\right]$", float(Phi(x)), 0.5 * (1 + math.erf(x / math.sqrt(2))))
        D.step(r"$$\mathrm{GELU}'(x) = \Phi(x) + \frac{x}{\sqrt{2\pi}}", d1(lambda v: v * float(Phi(v)), x), float(Phi(x)) + x / math.sqrt(2 * math.pi) * math.exp(-x * x / 2))
        D.step(r"$\tanh(x) = \frac{e^{x} - e^{-x}}{e^{x} + e^{-x}} = 2", np.tanh(x), (np.exp(x) - np.exp(-x)) / (np.exp(x) + np.exp(-x)))
        D.step(r"= 2\sigma(2x) - 1$, da cui", (np.exp(x) - np.exp(-x)) / (np.exp(x) + np.exp(-x)), 2 * sg(2 * x) - 1)
        D.step(r"$$\tanh'(x) = 4\sigma'(2x) = 1", d1(np.tanh, x), 4 * d1(sg, 2 * x))
        D.step(r"= 1 - \tanh^2(x).$$", 4 * d1(sg, 2 * x), 1 - np.tanh(x) ** 2)
    D.step(r"$\sigma'(0) = \frac{1}{4}$", d1(sg, 0.0), 0.25)
    D.step(r"$\tanh'(0) = 1$", d1(np.tanh, 0.0), 1.0)


def check():
    run(__file__, body)
