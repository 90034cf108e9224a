import numpy as np
from _truth import run, fd_grad


def body(D, rng):
    a, p, n = rng.normal(size=(3, 4))
    p = a + 2 * (p - a)            # far positive: the loss is active
    n = a + 0.3 * (n - a)          # close negative
    m = rng.uniform(0.2, 1)
    L = lambda a, p, n: max(0.0, np.sum((a - p) ** 2) - np.sum((a - n) ** 2) + m)
    assert L(a, p, n) > 0
    ga = fd_grad(lambda v: L(v, p, n), a)
    D.step(r"= 2(a - p) - 2(a - n) = 2(n - p)$$", ga, 2 * (a - p) - 2 * (a - n))
    D.step(r"- 2(a - n) = 2(n - p)$$", 2 * (a - p) - 2 * (a - n), 2 * (n - p))
    D.step(r"\frac{\partial L}{\partial p} = 2(p - a)", fd_grad(lambda v: L(a, v, n), p), 2 * (p - a))
    D.step(r"\frac{\partial L}{\partial n} = 2(a - n)$$", fd_grad(lambda v: L(a, p, v), n), 2 * (a - n))
    D.step(r"$2(n - p) + 2(p - a) + 2(a - n) = 0$", 2 * (n - p) + 2 * (p - a) + 2 * (a - n), np.zeros(4))


def check():
    run(__file__, body)
