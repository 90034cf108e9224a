import itertools
import numpy as np
from _truth import run, gauss_expect


def exact_var_of_sum(wvals, xvals, n):
    # y = sum of n products of independent uniform draws from wvals and xvals (each zero-mean)
    prod = np.array([w * x for w, x in itertools.product(wvals, xvals)])
    ys = np.array([sum(c) for c in itertools.product(prod, repeat=n)])
    return ys.var()


def body(D, rng):
    wv = np.array([-1.0, 1.0]) * rng.uniform(0.5, 2)
    xv = np.array([-2.0, 0.0, 2.0]) * rng.uniform(0.5, 2)
    n_in = 3
    varw, varx = wv.var(), xv.var()
    D.step(r"$\mathrm{Var}(w_i x_i) = \mathrm{Var}(w_i)\mathrm{Var}(x_i)$", exact_var_of_sum(wv, xv, 1), varw * varx)
    D.step(r"$$\mathrm{Var}(y) = n_{in}\,\mathrm{Var}(w)", exact_var_of_sum(wv, xv, n_in), n_in * varw * varx)
    a = rng.uniform(0.1, 3)
    u = np.linspace(-a, a, 200001)
    D.step(r"η διασπορά είναι $\frac{a^2}{3}$", np.trapezoid(u ** 2, u) / (2 * a), a ** 2 / 3)
    for nin, nout in ((3, 5), (256, 128), (rng.integers(1, 999), rng.integers(1, 999))):
        D.step(r"$\frac{1}{3}\left(\sqrt{\frac{6}{n_{in} + n_{out}}}\right)^2 = \frac{2}{n_{in} + n_{out}}$", np.sqrt(6 / (nin + nout)) ** 2 / 3, 2 / (nin + nout))
    D.step(r"$a = \sqrt{\frac{6}{384}} = \frac{1}{8} = 0.125$", np.sqrt(6 / (256 + 128)), 1 / 8)
    D.step(r"= \frac{1}{8} = 0.125$.", 1 / 8, 0.125)
    s = rng.uniform(0.3, 3)
    D.step(r"$\mathbb{E}[\mathrm{relu}(y)^2] = \frac{1}{2}\mathrm{Var}(y)$", gauss_expect(lambda y: np.maximum(y, 0) ** 2, 0, s), 0.5 * s ** 2)
    D.step(r"$\sqrt{\frac{2}{256}} = \frac{1}{\sqrt{128}}$", np.sqrt(2 / 256), 1 / np.sqrt(128))


def check():
    run(__file__, body)
