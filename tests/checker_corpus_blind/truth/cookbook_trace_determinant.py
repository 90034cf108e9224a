import numpy as np
from _truth import run, fd_grad

n = 3


def body(D, rng):
    A, B, X = rng.normal(size=(n, n)), rng.normal(size=(n, n)), rng.normal(size=(n, n)) + 2 * np.eye(n)
    a, x = rng.normal(size=n), rng.normal(size=n)
    Xi = np.linalg.inv(X)
    D.step(r"= \det(\mathbf{X})(\mathbf{X}^{-1})^T$$", fd_grad(np.linalg.det, X), np.linalg.det(X) * Xi.T)
    D.step(r"= \det(\mathbf{A}\mathbf{X}\mathbf{B})(\mathbf{X}^{-1})^T$$", fd_grad(lambda Y: np.linalg.det(A @ Y @ B), X), np.linalg.det(A @ X @ B) * Xi.T)
    D.step(r"{\partial \mathbf{X}} = (\mathbf{X}^{-1})^T = (", fd_grad(lambda Y: np.log(abs(np.linalg.det(Y))), X), Xi.T)
    D.step(r"= (\mathbf{X}^T)^{-1}$$", Xi.T, np.linalg.inv(X.T))
    D.step(r"{\partial \mathbf{x}} = \frac{\partial \mathbf{a}^T\mathbf{x}}", fd_grad(lambda v: v @ a, x), fd_grad(lambda v: a @ v, x))
    D.step(r"{\partial \mathbf{x}} = \mathbf{a}$$", fd_grad(lambda v: a @ v, x), a)
    D.step(r"= (\mathbf{B} + \mathbf{B}^T)\mathbf{x}$$", fd_grad(lambda v: v @ B @ v, x), (B + B.T) @ x)
    D.step(r"\mathrm{Tr}(\mathbf{X}) = \mathbf{I}$$", fd_grad(np.trace, X), np.eye(n))
    D.step(r"\mathrm{Tr}(\mathbf{X}\mathbf{A}) = \mathbf{A}^T$$", fd_grad(lambda Y: np.trace(Y @ A), X), A.T)
    D.step(r"\mathrm{Tr}(\mathbf{A}\mathbf{X}\mathbf{B}) = \mathbf{A}^T\mathbf{B}^T$$", fd_grad(lambda Y: np.trace(A @ Y @ B), X), A.T @ B.T)
    D.step(r"\mathrm{Tr}(\mathbf{A}\mathbf{X}^T\mathbf{B}) = \mathbf{B}\mathbf{A}$$", fd_grad(lambda Y: np.trace(A @ Y.T @ B), X), B @ A)
    D.step(r"\mathrm{Tr}(\mathbf{X}^2) = 2\mathbf{X}^T$$", fd_grad(lambda Y: np.trace(Y @ Y), X), 2 * X.T)
    D.step(r"= \mathbf{B}\mathbf{X} + \mathbf{B}^T\mathbf{X}$$", fd_grad(lambda Y: np.trace(Y.T @ B @ Y), X), B @ X + B.T @ X)


def check():
    run(__file__, body)
