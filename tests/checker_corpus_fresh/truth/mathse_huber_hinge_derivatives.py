import numpy as np
from _truth import run, d1, fd_grad


def huber(r, dl):
    return 0.5 * r * r if abs(r) <= dl else dl * (abs(r) - 0.5 * dl)


def body(D, rng):
    dl = rng.uniform(0.5, 2)
    for r in (rng.uniform(-dl, dl) * 0.9, dl * rng.uniform(1.1, 3), -dl * rng.uniform(1.1, 3)):
        piece = 0.5 * r * r if abs(r) <= dl else dl * (abs(r) - 0.5 * dl)
        D.step(r"$$L_\delta(r) = \begin{cases}", huber(r, dl), piece)
        D.step(r"$$L_\delta'(r) = \begin{cases}", d1(lambda t: huber(t, dl), r), r if abs(r) <= dl else dl * np.sign(r))
    D.step(r"$\frac{1}{2}\delta^2 = \delta\left(\delta", 0.5 * dl ** 2, dl * (dl - 0.5 * dl))
    w, x = rng.normal(size=(2, 3))
    y = rng.choice([-1.0, 1.0])
    lam = rng.uniform(0.1, 1)
    if y * w @ x >= 1:
        w = w - (y * w @ x - 0.5) * y * x / (x @ x)   # move into the violated region
    ell = lambda v: max(0.0, 1 - y * v @ x)
    D.step(r"$$\nabla_w \ell = -y\,x$$", fd_grad(ell, w), -y * x)
    D.step(r"is $\lambda w - y\,x$", fd_grad(lambda v: lam / 2 * v @ v + ell(v), w), lam * w - y * x)
    w2 = w + (2 - y * w @ x) * y * x / (x @ x)
    D.step(r"the gradient is $0$", fd_grad(ell, w2), np.zeros(3))


def check():
    run(__file__, body)
