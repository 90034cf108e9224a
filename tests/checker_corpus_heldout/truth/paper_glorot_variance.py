import numpy as np
from _truth import run, integrate


def body(D, rng):
    n0, n1, n2 = (int(v) for v in rng.integers(2, 500, size=3))
    vx, v0, v1 = rng.uniform(0.1, 2.0, size=3)
    # exact variance of a sum of independent zero-mean products, layer by layer
    var_z1 = n0 * (v0 * vx)
    var_z2 = n1 * (v1 * var_z1)
    D.step(r"\prod_{i'=0}^{i-1} n_{i'}\mathrm{Var}[W^{i'}].$$", var_z2, vx * (n0 * v0) * (n1 * v1))
    D.step(r"$\mathrm{Var}[z^2] = n_1\mathrm{Var}[W^1]\mathrm{Var}[z^1]", var_z2, n1 * v1 * var_z1)
    D.step(r"= n_1\mathrm{Var}[W^1]\, n_0\mathrm{Var}[W^0]\mathrm{Var}[x]$", n1 * v1 * var_z1, n1 * v1 * n0 * v0 * vx)
    n = int(rng.integers(2, 1000))
    a = 1 / np.sqrt(n)
    var_u = integrate(lambda w: w * w, -a, a) / (2 * a)
    D.step(r"$n\mathrm{Var}[W] = \frac{1}{3}$", n * var_u, 1 / 3)
    A = rng.uniform(0.1, 3.0)
    vu = integrate(lambda w: w * w, -A, A) / (2 * A)
    D.step(r"= \frac{1}{2a}\int_{-a}^{a} w^2\, dw", vu, integrate(lambda w: w * w, -A, A) / (2 * A))
    D.step(r"= \frac{(2a)^2}{12} = \frac{a^2}{3}.$$", vu, (2 * A) ** 2 / 12)
    D.step(r"{12} = \frac{a^2}{3}.$$", (2 * A) ** 2 / 12, A * A / 3)
    nj, nk = (int(v) for v in rng.integers(2, 1000, size=2))
    aa = np.sqrt(6) / np.sqrt(nj + nk)
    D.step(r"\right)^2 = \frac{2}{n_j + n_{j+1}}.$$", aa * aa / 3, 2 / (nj + nk))


def check():
    run(__file__, body)
