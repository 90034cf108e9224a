import numpy as np
from _truth import run


def body(D, rng):
    for scale in (0.1, 10.0):
        g = rng.normal(size=5) * scale
        c = rng.uniform(0.5, 2)
        n = np.linalg.norm(g)
        gt = g * min(1, c / n)
        if n > c:
            D.step(r"we have $\tilde{g} = \frac{c}{\|g\|}g$", gt, c / n * g)
        D.step(r"$$\|\tilde{g}\| = \|g\|\min\left(1", np.linalg.norm(gt), n * min(1, c / n))
        D.step(r"= \min(\|g\|, c)$$", n * min(1, c / n), min(n, c))
    D.step(r"$\|g\| = \sqrt{3^2 + 4^2} = 5$", np.linalg.norm([3.0, 4.0]), np.sqrt(3 ** 2 + 4 ** 2))
    D.step(r"+ 4^2} = 5$", np.sqrt(3 ** 2 + 4 ** 2), 5)
    D.step(r"$\tilde{g} = (0.6, 0.8)$", np.array([3.0, 4.0]) * min(1, 1 / 5), [0.6, 0.8])
    D.step(r"$\sqrt{0.36 + 0.64} = 1$", np.sqrt(0.36 + 0.64), 1)


def check():
    run(__file__, body)
