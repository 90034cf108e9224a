import numpy as np
from _truth import run


def body(D, rng):
    b1, b2 = rng.uniform(0.5, 0.95), rng.uniform(0.5, 0.999)
    g = rng.normal(size=(12, 3))
    m, v = [np.zeros(3)], [np.zeros(3)]
    for t in range(1, 12):
        m.append(b1 * m[-1] + (1 - b1) * g[t])
        v.append(b2 * v[-1] + (1 - b2) * g[t] ** 2)
    D.step(r"$$m_2 = \beta_1 (1 - \beta_1) g_1 + (1 - \beta_1) g_2$$", m[2], b1 * (1 - b1) * g[1] + (1 - b1) * g[2])
    D.step(r"$$v_2 = \beta_2^2 (1 - \beta_2) g_1^2 + (1 - \beta_2) g_2^2$$", v[2], b2 ** 2 * (1 - b2) * g[1] ** 2 + (1 - b2) * g[2] ** 2, planted=True)  # beta_2^1
    for t in range(1, 12):
        D.step(r"= 1 - \beta_2^{t}$, por lo", (1 - b2) * sum(b2 ** (t - i) for i in range(1, t + 1)), 1 - b2 ** t)
    D.step(r"$1 - \beta_2 = 0.001$", 1 - 0.999, 0.001)
    D.step(r"$\sqrt{v_1} = \sqrt{0.001}\,|g_1|", np.sqrt(0.001 * g[1] ** 2), np.sqrt(0.001) * np.abs(g[1]))
    D.step(r"$$1 - \beta_2^2 = 1 - 0.999^2 = 0.001999$$", 1 - 0.999 ** 2, 0.001999)
    gc = rng.normal(size=3)
    vv = [np.zeros(3)]
    for t in (1, 2):
        vv.append(b2 * vv[-1] + (1 - b2) * gc ** 2)
    D.step(r"$\hat{v}_2 = \frac{(1 - \beta_2)(1 + \beta_2)}", vv[2] / (1 - b2 ** 2), (1 - b2) * (1 + b2) / (1 - b2 ** 2) * gc ** 2)
    D.step(r"{1 - \beta_2^2}\, g^2 = g^2$", (1 - b2) * (1 + b2) / (1 - b2 ** 2) * gc ** 2, gc ** 2)
    D.step(r"$1 - 0.9^{10} \approx 0.6513$", round(1 - 0.9 ** 10, 4), 0.6513)


def check():
    run(__file__, body)
