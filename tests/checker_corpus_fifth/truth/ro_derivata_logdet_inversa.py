import numpy as np
from _truth import run, fd_grad


def body(D, rng):
    B = rng.normal(size=(3, 3))
    X = B @ B.T + 3 * np.eye(3)
    A = rng.normal(size=(3, 3))
    inv = np.linalg.inv
    g = fd_grad(lambda m: np.log(np.linalg.det(m)), X)
    D.step("= X^{-T} = X^{-1}$$", g, inv(X).T)
    D.step("= X^{-T} = X^{-1}$$", inv(X).T, inv(X))
    dX = rng.normal(size=(3, 3))
    h = 1e-6
    D.step("d(X^{-1}) = -X^{-1}", (inv(X + h * dX) - inv(X - h * dX)) / (2 * h), -inv(X) @ dX @ inv(X))
    D.step("= -X^{-T} A^T X^{-T}$$", fd_grad(lambda m: np.trace(A @ inv(m)), X), -inv(X).T @ A.T @ inv(X).T)
    D.step("= -X^{-T}$.", fd_grad(lambda m: np.log(np.linalg.det(inv(m))), X), -inv(X).T)
    M = np.array([[2.0, 1.0], [1.0, 2.0]])
    D.step("= 2 \\cdot 2 - 1 \\cdot 1 = 3$", [np.linalg.det(M), 2 * 2 - 1 * 1], [3.0, 3.0])
    D.step("M^{-1} = \\frac{1}{3}", inv(M), np.array([[2, -1], [-1, 2]]) / 3)


def check():
    run(__file__, body)
