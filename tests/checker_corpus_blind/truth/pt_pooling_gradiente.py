import numpy as np
from _truth import run, fd_grad


def body(D, rng):
    x = rng.normal(size=4); g = rng.normal()
    avg = lambda v: g * np.mean(v)
    dy = fd_grad(np.mean, x)
    D.step(r"= \frac{\partial L}{\partial y}\frac{\partial y}{\partial x_i} = \frac{g}{4}", fd_grad(avg, x), g * dy)
    D.step(r"\frac{\partial y}{\partial x_i} = \frac{g}{4}, \qquad", g * dy, np.full(4, g / 4))
    for kk in (2, 3, 4):
        xs = rng.normal(size=(kk, kk))
        D.step(r"$\frac{\partial L}{\partial x_i} = \frac{g}{k^2}$", fd_grad(lambda v: g * np.mean(v), xs), np.full((kk, kk), g / kk ** 2))
    mx = lambda v: g * np.max(v)
    D.step(r"= g\cdot\mathbb{1}[i = i^*],$$", fd_grad(mx, x), g * (np.arange(4) == np.argmax(x)))
    D.step(r"$\sum_i \frac{\partial L}{\partial x_i} = g$", [fd_grad(avg, x).sum(), fd_grad(mx, x).sum()], [g, g])
    xe = np.array([1.0, 3.0, 2.0, 0.0])
    D.step(r"$0{,}8/4 = 0{,}2$", fd_grad(lambda v: 0.8 * np.mean(v), xe), np.full(4, 0.2))
    D.step(r"o gradiente é $(0, 0{,}8, 0, 0)$", fd_grad(lambda v: 0.8 * np.max(v), xe), [0, 0.8, 0, 0])
    D.step(r"cada posição recebe $g/49$", fd_grad(lambda v: g * np.mean(v), rng.normal(size=(7, 7))), np.full((7, 7), g / 49))


def check():
    run(__file__, body)
