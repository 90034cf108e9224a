import numpy as np
from _truth import run, fd_grad

d, h, q = 3, 4, 2


def body(d_, rng):
    W1, W2 = rng.normal(size=(h, d)), rng.normal(size=(q, h))
    x, y = rng.normal(size=d), rng.normal(size=q)
    lam = rng.uniform(0.1, 1.0)

    def J_of(W1, W2):
        o = W2 @ np.tanh(W1 @ x)
        return 0.5 * np.sum((o - y) ** 2) + lam / 2 * (np.sum(W1 ** 2) + np.sum(W2 ** 2))

    z = W1 @ x
    hh = np.tanh(z)
    o = W2 @ hh
    Jo = fd_grad(lambda oo: 0.5 * np.sum((oo - y) ** 2), o)
    d_.step(r"= \mathbf{o} - \mathbf{y}.", Jo, o - y)
    s_of = lambda A, B: lam / 2 * (np.sum(A ** 2) + np.sum(B ** 2))
    d_.step(r"= \lambda \mathbf{W}^{(1)}", fd_grad(lambda A: s_of(A, W2), W1), lam * W1)
    d_.step(r"\frac{\partial s}{\partial \mathbf{W}^{(2)}} = \lambda", fd_grad(lambda B: s_of(W1, B), W2), lam * W2)
    gW2 = fd_grad(lambda B: J_of(W1, B), W2)
    d_.step(r"= \frac{\partial J}{\partial \mathbf{o}} \mathbf{h}^\top + \lambda", gW2, np.outer(Jo, hh) + lam * W2)
    Jh = fd_grad(lambda v: 0.5 * np.sum((W2 @ v - y) ** 2), hh)
    d_.step(r"= {\mathbf{W}^{(2)}}^\top", Jh, W2.T @ Jo)
    Jz = fd_grad(lambda v: 0.5 * np.sum((W2 @ np.tanh(v) - y) ** 2), z)
    d_.step(r"= \frac{\partial J}{\partial \mathbf{h}} \odot", Jz, Jh * (1 - np.tanh(z) ** 2))
    gW1 = fd_grad(lambda A: J_of(A, W2), W1)
    d_.step(r"\mathbf{x}^\top + \mathbf{W}^{(1)}.", gW1, np.outer(Jz, x) + W1, planted=True)


def check():
    run(__file__, body)
