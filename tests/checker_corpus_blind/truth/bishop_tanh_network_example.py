import numpy as np
from _truth import run, fd_grad, d1

Dn, M, K = 3, 4, 2


def body(D, rng):
    a = rng.normal()
    D.step(r"= \frac{e^a - e^{-a}}{e^a + e^{-a}}.$$", np.tanh(a), (np.exp(a) - np.exp(-a)) / (np.exp(a) + np.exp(-a)))
    D.step(r"$$h'(a) = 1 - h(a)^2.$$", d1(np.tanh, a), 1 - np.tanh(a) ** 2)
    x = np.concatenate([[1.0], rng.normal(size=Dn)])       # x_0 = 1 carries the bias
    W1 = rng.normal(size=(M, Dn + 1))
    W2 = rng.normal(size=(K, M + 1))
    t = rng.normal(size=K)
    fwd = lambda W1, W2: W2 @ np.concatenate([[1.0], np.tanh(W1 @ x)])
    E = lambda W1, W2: 0.5 * np.sum((fwd(W1, W2) - t) ** 2)
    aj = W1 @ x
    z = np.concatenate([[1.0], np.tanh(aj)])
    y = W2 @ z
    dk = fd_grad(lambda yy: 0.5 * np.sum((yy - t) ** 2), y)
    D.step(r"$$\delta_k = y_k - t_k.$$", dk, y - t)
    dj = fd_grad(lambda v: 0.5 * np.sum((W2 @ np.concatenate([[1.0], np.tanh(v)]) - t) ** 2), aj)
    D.step(r"$$\delta_j = (1 - z_j^2)\sum_{k=1}^{K}", dj, (1 - z[1:] ** 2) * (W2[:, 1:].T @ dk))
    D.step(r"= \delta_j x_i, \qquad", fd_grad(lambda v: E(v, W2), W1), np.outer(dj, x))
    D.step(r"= \delta_k z_j.$$", fd_grad(lambda v: E(W1, v), W2), np.outer(dk, z))


def check():
    run(__file__, body)
