import numpy as np
from _truth import run, fd_grad

n, d = 8, 3


def body(D, rng):
    X = rng.normal(size=(n, d))
    y = rng.choice([-1.0, 1.0], size=n)
    th, th0, lam = rng.normal(size=d), rng.normal(), rng.uniform(0.1, 1.0)
    Lh = lambda v: np.where(v < 1, 1 - v, 0.0)
    m = y * (X @ th + th0)
    assert np.min(np.abs(m - 1)) > 1e-3  # generic point, away from the kink
    for i in range(n):
        g = fd_grad(lambda t: float(Lh(y[i] * (X[i] @ t + th0))), th)
        D.step(r"= \begin{cases} -y^{(i)}x^{(i)}", g, -y[i] * X[i] if m[i] < 1 else np.zeros(d))
    J = lambda t, t0: np.mean(Lh(y * (X @ t + t0))) + lam / 2 * t @ t
    ind = (m < 1).astype(float)
    D.step(r"\; y^{(i)} x^{(i)} + \lambda\theta", fd_grad(lambda t: J(t, th0), th),
           np.mean(-(ind * y)[:, None] * X, axis=0) + lam * th)
    D.step(r"\,]\!]\; y^{(i)}⏎", fd_grad(lambda t0: J(th, t0[0]), [th0])[0], np.mean(-ind * y))


def check():
    run(__file__, body)
