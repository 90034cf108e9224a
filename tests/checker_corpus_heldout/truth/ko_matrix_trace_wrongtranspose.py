import numpy as np
from _truth import run, fd_grad

n = 3


def body(D, rng):
    A, B, X = rng.normal(size=(3, n, n))
    a, b = rng.normal(size=(2, n))
    D.step(r"= \sum_{i,j} a_i X_{ij} b_j$", a @ X @ b, sum(a[i] * X[i, j] * b[j] for i in range(n) for j in range(n)))
    D.step(r"= \mathbf{a}\mathbf{b}^\top.$$", fd_grad(lambda M: a @ M @ b, X), np.outer(a, b))
    D.step(r"= \sum_{i,j} A_{ij} X_{ji}$", np.trace(A @ X), sum(A[i, j] * X[j, i] for i in range(n) for j in range(n)))
    D.step(r"{\partial X} = A^\top$ 이다", fd_grad(lambda M: np.trace(A @ M), X), A.T)
    D.step(r"$\mathrm{tr}(AXB) = \mathrm{tr}(BAX)$", np.trace(A @ X @ B), np.trace(B @ A @ X))
    g1 = fd_grad(lambda M: np.trace(A @ M @ B), X)
    g2 = fd_grad(lambda M: np.trace(B @ A @ M), X)
    D.step(r"= \frac{\partial\, \mathrm{tr}(BAX)}{\partial X} = BA.$$", g1, g2)
    D.step(r"{\partial X} = BA.$$", g2, B @ A, planted=True)
    g3 = fd_grad(lambda M: np.trace(M.T @ A @ M), X)
    D.step(r"= AX + A^\top X = (A + A^\top)X.$$", g3, A @ X + A.T @ X)
    D.step(r"X = (A + A^\top)X.$$", A @ X + A.T @ X, (A + A.T) @ X)
    G = fd_grad(lambda M: np.log(abs(np.linalg.det(M))), X)
    Xi = np.linalg.inv(X)
    D.step(r"= (X^{-1})_{ji}$", G, Xi.T)
    D.step(r"= X^{-\top} = (X^{-1})^\top.$$", G, Xi.T)


def check():
    run(__file__, body)
