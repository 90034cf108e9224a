import numpy as np
from _truth import run


def body(D, rng):
    r1, r2 = rng.uniform(0.5, 0.95), rng.uniform(0.5, 0.999)
    eps, delta = 0.01, 1e-8
    T = 6
    g = rng.normal(size=(T + 1, 3))
    s, r = [np.zeros(3)], [np.zeros(3)]
    for t in range(1, T + 1):
        s.append(r1 * s[-1] + (1 - r1) * g[t])
        r.append(r2 * r[-1] + (1 - r2) * g[t] * g[t])
    for t in range(1, T + 1):
        D.step(r"$$\boldsymbol{s}_t = (1 - \rho_1)\sum_{i=1}^{t}", s[t], (1 - r1) * sum(r1 ** (t - i) * g[i] for i in range(1, t + 1)))
        D.step(r"= 1 - \rho_1^t$$", (1 - r1) * sum(r1 ** (t - i) for i in range(1, t + 1)), 1 - r1 ** t)
    sh2 = s[2] / (1 - r1 ** 2)
    a = (1 - r1) * (r1 * g[1] + g[2]) / (1 - r1 ** 2)
    D.step(r"$$\hat{\boldsymbol{s}}_2 = \frac{(1 - \rho_1)", sh2, a)
    D.step(r"= \frac{\rho_1\boldsymbol{g}_1 + \boldsymbol{g}_2}{1 + \rho_1}$$", a, (r1 * g[1] + g[2]) / (1 + r1))
    D.step(r"$\hat{\boldsymbol{s}}_1 = \boldsymbol{g}_1$", s[1] / (1 - r1), g[1])
    rh1 = r[1] / (1 - r2)
    D.step(r"$\hat{\boldsymbol{r}}_1 = \boldsymbol{g}_1 \odot", rh1, g[1] * g[1])
    D.step(r"$\Delta\boldsymbol{\theta} = -\epsilon\frac{\boldsymbol{g}_1}{|", -eps * (s[1] / (1 - r1)) / (np.sqrt(rh1) + delta), -eps * g[1] / (np.abs(g[1]) + delta))


def check():
    run(__file__, body)
