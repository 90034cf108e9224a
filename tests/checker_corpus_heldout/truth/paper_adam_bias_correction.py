import numpy as np
from _truth import run


def body(D, rng):
    b1, b2, alpha = rng.uniform(0.5, 0.99), rng.uniform(0.5, 0.999), rng.uniform(1e-3, 1e-1)
    T = 7
    g = rng.normal(size=(T + 1, 3))
    v, m = [np.zeros(3)], [np.zeros(3)]
    for t in range(1, T + 1):
        v.append(b2 * v[-1] + (1 - b2) * g[t] ** 2)
        m.append(b1 * m[-1] + (1 - b1) * g[t])
    for t in range(1, T + 1):
        D.step(r"$$v_t = (1 - \beta_2)\sum_{i=1}^{t} \beta_2^{t-i} \cdot g_i^2$$", v[t],
               (1 - b2) * sum(b2 ** (t - i) * g[i] ** 2 for i in range(1, t + 1)))
        # with a stationary second moment s (zeta = 0) the expectations are exact
        s = rng.uniform(0.5, 2.0)
        e_vt = (1 - b2) * sum(b2 ** (t - i) * s for i in range(1, t + 1))
        D.step(r"&= \mathbb{E}\left[(1 - \beta_2)\sum", e_vt, e_vt)
        D.step(r"(1 - \beta_2)\sum_{i=1}^{t} \beta_2^{t-i} + \zeta \\", e_vt, s * (1 - b2) * sum(b2 ** (t - i) for i in range(1, t + 1)) + 0.0)
        D.step(r"&= \mathbb{E}[g_t^2] \cdot (1 - \beta_2^t) + \zeta", s * (1 - b2) * sum(b2 ** (t - i) for i in range(1, t + 1)), s * (1 - b2 ** t))
        mh, vh = m[t] / (1 - b1 ** t), v[t] / (1 - b2 ** t)
        at = alpha * np.sqrt(1 - b2 ** t) / (1 - b1 ** t)
        D.step(r"= \alpha \cdot \frac{m_t/(1 - \beta_1^t)}", alpha * mh / np.sqrt(vh), alpha * (m[t] / (1 - b1 ** t)) / np.sqrt(v[t] / (1 - b2 ** t)))
        D.step(r"= \alpha_t \cdot \frac{m_t}{\sqrt{v_t}} .$$", alpha * (m[t] / (1 - b1 ** t)) / np.sqrt(v[t] / (1 - b2 ** t)), at * m[t] / np.sqrt(v[t]))


def check():
    run(__file__, body)
