import numpy as np
from _truth import run, fd_grad

d, N = 3, 6


def body(D, rng):
    X = rng.normal(size=(N, d)); mu = rng.normal(size=d)
    L = rng.normal(size=(d, d)) + 3 * np.eye(d)   # general, not symmetric
    S = sum(np.outer(x - mu, x - mu) for x in X)
    q = sum((x - mu) @ L @ (x - mu) for x in X)
    a, M = rng.normal(size=d), rng.normal(size=(d, d))
    D.step(r"$\mathbf{a}^T\mathbf{M}\mathbf{a} = \mathrm{Tr}", a @ M @ a, np.trace(M @ np.outer(a, a)))
    D.step(r"= \mathrm{Tr}(\mathbf{\Lambda}\mathbf{S}), \qquad", q, np.trace(L @ S))
    A = rng.normal(size=(d, d))
    D.step(r"\mathrm{Tr}(\mathbf{X}\mathbf{A}) = \mathbf{A}^T$", fd_grad(lambda Y: np.trace(Y @ A), L), A.T)
    D.step(r"= (\mathbf{X}^{-1})^T$. Hence", fd_grad(lambda Y: np.log(abs(np.linalg.det(Y))), L), np.linalg.inv(L).T)
    ell = lambda Y: N / 2 * np.log(abs(np.linalg.det(Y))) - 0.5 * sum((x - mu) @ Y @ (x - mu) for x in X)
    D.step(r"= \frac{N}{2}\mathbf{\Lambda}^{-1} - \frac{1}{2}\mathbf{S}^T$$", fd_grad(ell, L), N / 2 * np.linalg.inv(L) - 0.5 * S.T, planted=True)  # (Λ^{-1})^T
    D.step(r"$\mathbf{S}^T = \mathbf{S}$", S.T, S)


def check():
    run(__file__, body)
