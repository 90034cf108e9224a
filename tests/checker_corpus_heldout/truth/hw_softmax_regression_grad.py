import numpy as np
from _truth import run, fd_grad, softmax


def body(D, rng):
    x, W, b = rng.normal(size=4), rng.normal(size=(3, 4)), rng.normal(size=3)
    y = int(rng.integers(0, 3))
    z = W @ x + b
    p = softmax(z)
    L = lambda z: -np.log(softmax(z)[y])
    D.step(r"$L = -\log \frac{e^{z_y}}{\sum_k e^{z_k}}", L(z), -np.log(np.exp(z[y]) / np.exp(z).sum()))
    D.step(r"= -z_y + \log\sum_k e^{z_k}$", -np.log(np.exp(z[y]) / np.exp(z).sum()), -z[y] + np.log(np.exp(z).sum()))
    ey = np.eye(3)[y]
    g = fd_grad(L, z)
    D.step(r"= -\mathbb{1}[j=y] + \frac{e^{z_j}}", g, -ey + np.exp(z) / np.exp(z).sum())
    D.step(r"= p_j - \mathbb{1}[j=y]$", -ey + np.exp(z) / np.exp(z).sum(), p - ey)
    D.step(r"$\frac{\partial L}{\partial z} = p - e_y$", g, p - ey)
    delta = p - ey
    D.step(r"$z_j = \sum_i W_{ji}x_i + b_j$", z, np.array([sum(W[j, i] * x[i] for i in range(4)) + b[j] for j in range(3)]))
    D.step(r"$\partial z_j / \partial W_{ji} = x_i$", np.array([fd_grad(lambda M: (M @ x + b)[j], W)[j] for j in range(3)]), np.tile(x, (3, 1)))
    LW = lambda M: L(M @ x + b)
    gW = fd_grad(LW, W)
    D.step(r"= \frac{\partial L}{\partial z_j}\, x_i = (p_j", gW, np.outer(g, x))
    D.step(r"= (p_j - \mathbb{1}[j=y])\, x_i$$", np.outer(g, x), np.outer(p - ey, x))
    D.step(r"$\frac{\partial L}{\partial W} = \delta x^T$", gW, np.outer(delta, x))
    D.step(r"$\frac{\partial L}{\partial b} = \delta$", fd_grad(lambda v: L(W @ x + v), b), delta)
    D.step(r"$\frac{\partial L}{\partial x} = W^T \delta$", fd_grad(lambda v: L(W @ v + b), x), W.T @ delta)
    D.step(r"$\sum_j p_j = 1$", p.sum(), 1.0)
    D.step(r"$\sum_j \delta_j = 1 - 1 = 0$", delta.sum(), 1 - 1)
    D.step(r"= 1 - 1 = 0$", 1 - 1, 0)


def check():
    run(__file__, body)
