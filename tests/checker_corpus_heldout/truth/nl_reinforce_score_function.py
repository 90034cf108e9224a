import numpy as np
from _truth import run, fd_grad, fd_jac, softmax

K = 4


def body(D, rng):
    th, r = rng.normal(size=K), rng.normal(size=K)
    pi = softmax(th)
    J = lambda t: softmax(t) @ r
    D.step(r"= \sum_{a=1}^{K}\pi_{\boldsymbol{\theta}}(a)\,r(a)$$", J(th), np.sum(pi * r))
    dpi = fd_jac(softmax, th)  # dpi[a] = grad of pi(a)
    dlog = fd_jac(lambda t: np.log(softmax(t)), th)
    D.step(r"= \pi_{\boldsymbol{\theta}}(a)\nabla_{\boldsymbol{\theta}}\log", dpi, pi[:, None] * dlog)
    g = fd_grad(J, th)
    a1 = sum(r[a] * dpi[a] for a in range(K))
    a2 = sum(pi[a] * r[a] * dlog[a] for a in range(K))
    D.step(r"J(\boldsymbol{\theta}) = \sum_{a} r(a)\,\nabla", g, a1)
    D.step(r"= \sum_{a} \pi_{\boldsymbol{\theta}}(a)\,r(a)\,\nabla_{\boldsymbol{\theta}}\log\pi_{\boldsymbol{\theta}}(a) = \mathbb{E}", a1, a2)
    D.step(r"= \mathbb{E}_{a \sim \pi_{\boldsymbol{\theta}}}\left[r(a)\,\nabla", a2, sum(pi[a] * (r[a] * dlog[a]) for a in range(K)))
    D.step(r"= \mathbf{e}_a - \boldsymbol{\pi}_{\boldsymbol{\theta}},$$", dlog, np.eye(K) - pi[None, :])
    D.step(r"\left(\mathbf{e}_a - \boldsymbol{\pi}_{\boldsymbol{\theta}}\right).$$", g, sum(pi[a] * r[a] * (np.eye(K)[a] - pi) for a in range(K)))
    b = rng.normal()
    e = sum(pi[a] * b * dlog[a] for a in range(K))
    s1 = b * dpi.sum(axis=0)
    s2 = b * fd_grad(lambda t: softmax(t).sum(), th)
    D.step(r"= b\sum_{a}\nabla_{\boldsymbol{\theta}}\pi_{\boldsymbol{\theta}}(a)", e, s1)
    D.step(r"= b\,\nabla_{\boldsymbol{\theta}}\sum_{a}", s1, s2)
    D.step(r"= b\,\nabla_{\boldsymbol{\theta}} 1 = \mathbf{0},$$", s2, b * fd_grad(lambda t: 1.0, th))
    D.step(r"1 = \mathbf{0},$$", b * fd_grad(lambda t: 1.0, th), np.zeros(K))


def check():
    run(__file__, body)
