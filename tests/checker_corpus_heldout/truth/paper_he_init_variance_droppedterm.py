import numpy as np
from _truth import run, integrate, gauss_expect


def relu_moments(s):
    """E[x], E[x^2] of x = max(0, y), y ~ N(0, s^2), by quadrature on the positive half-line."""
    dens = lambda y: np.exp(-y * y / (2 * s * s)) / (s * np.sqrt(2 * np.pi))
    return integrate(lambda y: y * dens(y), 0, 12 * s), integrate(lambda y: y * y * dens(y), 0, 12 * s)


def body(D, rng):
    n = int(rng.integers(5, 500))
    vw, vprev = rng.uniform(0.001, 0.1), rng.uniform(0.2, 3.0)
    Ex, Ex2 = relu_moments(np.sqrt(vprev))
    Ew, Ew2 = gauss_expect(lambda w: w, 0, np.sqrt(vw)), gauss_expect(lambda w: w * w, 0, np.sqrt(vw))
    var_wx = Ew2 * Ex2 - (Ew * Ex) ** 2  # independent factors
    var_y = n * var_wx
    D.step(r"= n_l\mathrm{Var}[w_l x_l] = n_l", var_y, n * var_wx)
    D.step(r"= n_l\mathrm{Var}[w_l]\mathrm{Var}[x_l],$$", n * var_wx, n * vw * (Ex2 - Ex ** 2), planted=True)
    D.step(r"$$\mathbb{E}[x_l^2] = \frac{1}{2}\mathrm{Var}[y_{l-1}],$$", Ex2, 0.5 * vprev)
    D.step(r"= \mathrm{Var}[w_l]\,\mathbb{E}[x_l^2]$", var_wx, vw * Ex2)
    D.step(r"= \frac{1}{2}n_l\mathrm{Var}[w_l]\mathrm{Var}[y_{l-1}].$$", var_y, 0.5 * n * vw * vprev)
    # a stack of L layers, each variance from the one below by the exact moments
    L = 4
    ns, vws = rng.integers(5, 300, size=L + 1), rng.uniform(0.001, 0.1, size=L + 1)
    v = [None, rng.uniform(0.2, 3.0)]
    for l in range(2, L + 1):
        v.append(ns[l] * vws[l] * relu_moments(np.sqrt(v[-1]))[1])
    D.step(r"= \mathrm{Var}[y_1]\left(\prod_{l=2}^{L}", v[L], v[1] * np.prod([0.5 * ns[l] * vws[l] for l in range(2, L + 1)]))


def check():
    run(__file__, body)
