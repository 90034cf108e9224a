import numpy as np
from _truth import run


def body(D, rng):
    a, eps = rng.uniform(0.3, 0.95), rng.uniform(0.01, 0.5)
    g = rng.normal(size=3)
    v, th = [np.zeros(3)], [rng.normal(size=3)]
    for t in range(1, 30):
        v.append(a * v[-1] - eps * g)
        th.append(th[-1] + v[-1])
    for t in range(1, 8):
        D.step(r"$$\boldsymbol{v}_t = -\epsilon\boldsymbol{g}\sum_{i=0}^{t-1}", v[t], -eps * g * sum(a ** i for i in range(t)))
        D.step(r"= -\epsilon\boldsymbol{g}\,\frac{1 - \alpha^{t}}{1 - \alpha}$$", -eps * g * sum(a ** i for i in range(t)), -eps * g * (1 - a ** t) / (1 - a))
    D.step(r"$$\frac{\epsilon\|\boldsymbol{g}\|}{1 - \alpha}.$$", np.linalg.norm(-eps * g / (1 - a)), eps * np.linalg.norm(g) / (1 - a))
    D.step(r"$\alpha = 0.9$ corresponds", 1 / (1 - 0.9), 10.0)
    D.step(r"= \boldsymbol{v}_1 + \boldsymbol{v}_2 + \boldsymbol{v}_3", th[3] - th[0], v[1] + v[2] + v[3])
    D.step(r"= -\epsilon\boldsymbol{g}\left(3 + 2\alpha + \alpha^3\right)$$", v[1] + v[2] + v[3], -eps * g * (3 + 2 * a + a ** 3), planted=True)  # a^2


def check():
    run(__file__, body)
