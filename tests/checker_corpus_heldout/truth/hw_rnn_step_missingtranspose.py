import numpy as np
from _truth import run, fd_grad, d1


def body(D, rng):
    W, U, b = rng.normal(size=(5, 5)), rng.normal(size=(5, 3)), rng.normal(size=5)
    hp, x, delta = rng.normal(size=5), rng.normal(size=3), rng.normal(size=5)
    a = W @ hp + U @ x + b
    h = np.tanh(a)
    L = lambda W=W, U=U, b=b, hp=hp: delta @ np.tanh(W @ hp + U @ x + b)  # dL/dh_t = delta
    t = rng.normal()
    D.step(r"$\tanh'(a) = 1 - \tanh^2(a)$", d1(np.tanh, t), 1 - np.tanh(t) ** 2)
    ga = fd_grad(lambda v: delta @ np.tanh(v), a)
    D.step(r"= \delta_t \odot (1 - \tanh^2(a_t))", ga, delta * (1 - np.tanh(a) ** 2))
    D.step(r"= \delta_t \odot (1 - h_t^2)$", delta * (1 - np.tanh(a) ** 2), delta * (1 - h ** 2))
    g = ga
    D.step(r"{\partial W} = g_t h_{t-1}^T$", fd_grad(lambda M: L(W=M), W), np.outer(g, hp))
    D.step(r"{\partial U} = g_t x_t^T$", fd_grad(lambda M: L(U=M), U), np.outer(g, x))
    D.step(r"{\partial b} = g_t$", fd_grad(lambda v: L(b=v), b), g)
    D.step(r"= W g_t$ (this is", fd_grad(lambda v: L(hp=v), hp), W @ g, planted=True)


def check():
    run(__file__, body)
