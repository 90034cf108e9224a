import numpy as np
from _truth import run, fd_grad, fd_jac, softmax, gauss_expect

d, m, v = 3, 5, 2


def body(D, rng):
    q, Kk, V = rng.normal(size=d), rng.normal(size=(m, d)), rng.normal(size=(m, v))
    g = rng.normal(size=v)
    D.step(r"and a variance of $d$", d * gauss_expect(lambda a: a ** 2) ** 2, d)
    al = lambda q: softmax(Kk @ q / np.sqrt(d))
    a = al(q)
    D.step(r"= \mathrm{softmax}(a(\mathbf{q}, \mathbf{k}_i)) = \frac{", a, np.exp(Kk @ q / np.sqrt(d)) / np.exp(Kk @ q / np.sqrt(d)).sum())
    kbar = a @ Kk
    D.step(r"= \frac{\alpha_i}{\sqrt{d}}\left(\mathbf{k}_i", fd_jac(al, q), a[:, None] / np.sqrt(d) * (Kk - kbar))
    o = lambda q, V: al(q) @ V
    D.step(r"= \frac{1}{\sqrt{d}}\sum_{i=1}^m \alpha_i\,(\mathbf{g}^\top", fd_grad(lambda u: g @ o(u, V), q), sum(a[i] * (g @ V[i]) * (Kk[i] - kbar) for i in range(m)) / np.sqrt(d))
    D.step(r"{\partial \mathbf{v}_i} = \alpha_i\,\mathbf{g}.$$", fd_grad(lambda W: g @ o(q, W), V), np.outer(a, g))
    n = 4
    Q = rng.normal(size=(n, d)); G = rng.normal(size=(n, v))
    A = softmax(Q @ Kk.T / np.sqrt(d), axis=1)
    D.step(r"is $\mathbf{A}^\top \mathbf{G}$", fd_grad(lambda W: np.sum(G * (A @ W)), V), A.T @ G)


def check():
    run(__file__, body)
