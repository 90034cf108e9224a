import numpy as np
from _truth import run, fd_grad


def body(D, rng):
    u, v = rng.normal(size=(2, 3))
    dist = np.linalg.norm(u - v)
    m = dist * rng.uniform(1.2, 2)      # inside the margin
    L = lambda u, v, y: y / 2 * np.sum((u - v) ** 2) + (1 - y) / 2 * max(0.0, m - np.linalg.norm(u - v)) ** 2
    D.step(r"$L = \frac{1}{2}\|u - v\|^2$", L(u, v, 1), 0.5 * np.sum((u - v) ** 2))
    D.step(r"\frac{\partial L}{\partial u} = u - v, \qquad", fd_grad(lambda w: L(w, v, 1), u), u - v)
    D.step(r"\frac{\partial L}{\partial v} = v - u$$", fd_grad(lambda w: L(u, w, 1), v), v - u)
    dd = fd_grad(lambda w: np.linalg.norm(w - v), u)
    D.step(r"$\frac{\partial d}{\partial u} = \frac{u - v}{\|u - v\|}$", dd, (u - v) / dist)
    g = fd_grad(lambda w: L(w, v, 0), u)
    D.step(r"= -(m - d)\frac{\partial d}{\partial u} =", g, -(m - dist) * dd)
    D.step(r"= -\left(m - \|u - v\|\right)\frac{u - v}{\|u - v\|}$$", g, -(m - dist) * (u - v) / dist)
    v2 = u - (u - v) / dist * m * 1.5
    D.step(r"je gradient nulový", fd_grad(lambda w: L(w, v2, 0), u), np.zeros(3))


def check():
    run(__file__, body)
