import numpy as np
from _truth import run


def body(D, rng):
    rho = rng.uniform(0.3, 0.9)
    g = rng.normal(size=(7, 3))
    h, ada = [np.zeros(3)], [np.zeros(3)]
    for t in range(1, 7):
        h.append(rho * h[-1] + (1 - rho) * g[t] ** 2)
        ada.append(ada[-1] + g[t] ** 2)
    D.step(r"$\mathbf{h}_1 = (1 - \rho)\mathbf{g}_1^2$", h[1], (1 - rho) * g[1] ** 2)
    D.step(r"&= \rho\,\mathbf{h}_2 + (1 - \rho)\mathbf{g}_3^2", h[3], rho * h[2] + (1 - rho) * g[3] ** 2)
    a = rho * (rho * h[1] + (1 - rho) * g[2] ** 2) + (1 - rho) * g[3] ** 2
    D.step(r"&= \rho\left(\rho\,\mathbf{h}_1", rho * h[2] + (1 - rho) * g[3] ** 2, a)
    D.step(r"&= \rho^3(1 - \rho)\mathbf{g}_1^2", a, rho ** 3 * (1 - rho) * g[1] ** 2 + rho * (1 - rho) * g[2] ** 2 + (1 - rho) * g[3] ** 2, planted=True)
    for t in range(1, 7):
        D.step(r"$$\mathbf{h}_t = (1 - \rho)\sum_{i=1}^{t}", h[t], (1 - rho) * sum(rho ** (t - i) * g[i] ** 2 for i in range(1, t + 1)))
        D.step(r"$\mathbf{h}_t = \sum_{i=1}^{t}\mathbf{g}_i^2$", ada[t], sum(g[i] ** 2 for i in range(1, t + 1)))


def check():
    run(__file__, body)
