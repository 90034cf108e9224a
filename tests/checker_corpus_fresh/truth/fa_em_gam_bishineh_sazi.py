import numpy as np
from _truth import run, fd_grad


def body(D, rng):
    x = rng.normal(size=6) * 2
    gam = rng.uniform(0.05, 1, size=6)
    mu, s = rng.normal(), rng.uniform(0.5, 3)
    Q = lambda mu, s: np.sum(gam * (-(x - mu) ** 2 / (2 * s) - 0.5 * np.log(2 * np.pi * s)))
    D.step(r"\frac{\partial Q}{\partial \mu} = \sum_{n=1}^{6}\gamma_n\frac{x_n - \mu}{s}", fd_grad(lambda t: Q(t[0], s), [mu])[0], np.sum(gam * (x - mu) / s))
    D.step(r"\frac{\partial Q}{\partial s} = \sum_{n=1}^{6}\gamma_n\left(", fd_grad(lambda t: Q(mu, t[0]), [s])[0], np.sum(gam * ((x - mu) ** 2 / (2 * s ** 2) - 1 / (2 * s))))
    # the updates are the stationary point of Q
    Nk = gam.sum()
    mn = np.sum(gam * x) / Nk
    sn = np.sum(gam * (x - mn) ** 2) / Nk
    D.step(r"$\mu^{\text{new}} = \frac{1}{N_k}\sum_n \gamma_n x_n$", fd_grad(lambda t: Q(t[0], t[1]), [mn, sn]), np.zeros(2))
    D.step(r"$s^{\text{new}} = \frac{1}{N_k}", fd_grad(lambda t: Q(t[0], t[1]), [mn, sn]), np.zeros(2))


def check():
    run(__file__, body)
