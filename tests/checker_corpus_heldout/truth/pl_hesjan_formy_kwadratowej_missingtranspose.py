import numpy as np
from _truth import run, fd_grad, fd_hess

n = 4


def body(D, rng):
    A, b, c, x = rng.normal(size=(n, n)), rng.normal(size=n), rng.normal(), rng.normal(size=n)
    f = lambda v: v @ A @ v + b @ v + c
    D.step(r"= \sum_{i=1}^{n}\sum_{j=1}^{n} x_i A_{ij} x_j", f(x), sum(x[i] * A[i, j] * x[j] for i in range(n) for j in range(n)) + b @ x + c)
    g = fd_grad(f, x)
    a = np.array([sum(A[k, j] * x[j] for j in range(n)) + sum(x[i] * A[i, k] for i in range(n)) + b[k] for k in range(n)])
    D.step(r"= \sum_{j=1}^{n} A_{kj} x_j + \sum_{i=1}^{n} x_i A_{ik} + b_k", g, a)
    D.step(r"= (A\mathbf{x})_k + (A\mathbf{x})_k + b_k", a, A @ x + A @ x + b, planted=True)
    D.step(r"= 2(A\mathbf{x})_k + b_k .$$", A @ x + A @ x + b, 2 * A @ x + b)
    H = fd_hess(f, x)
    D.step(r"= A_{kl} + A_{lk}, \qquad", H, A + A.T)
    D.step(r"\nabla^2 f(\mathbf{x}) = A + A^\top .$$", H, A + A.T)


def check():
    run(__file__, body)
