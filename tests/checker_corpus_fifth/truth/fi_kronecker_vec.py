import numpy as np
from _truth import run, fd_jac


def vec(m):
    return np.asarray(m).flatten(order="F")


def body(D, rng):
    A, X, B = rng.normal(size=(2, 3)), rng.normal(size=(3, 4)), rng.normal(size=(4, 2))
    P, Q = rng.normal(size=(2, 2)), rng.normal(size=(3, 3))
    D.step("= (B^T \\otimes A)\\,\\mathrm{vec}(X)$$", vec(A @ X @ B), np.kron(B.T, A) @ vec(X))
    J = fd_jac(lambda v: vec(A @ v.reshape(3, 4, order="F") @ B), vec(X))
    D.step("= B^T \\otimes A$$", J, np.kron(B.T, A))
    D.step("= \\mathrm{tr}(P)\\,\\mathrm{tr}(Q)$$", np.trace(np.kron(P, Q)), np.trace(P) * np.trace(Q))
    D.step("= \\det(P)^3 \\det(Q)^2$$", np.linalg.det(np.kron(P, Q)), np.linalg.det(P) ** 3 * np.linalg.det(Q) ** 2)
    D.step("= PP^T \\otimes QQ^T$$", np.kron(P, Q) @ np.kron(P.T, Q.T), np.kron(P @ P.T, Q @ Q.T))
    Q2 = rng.normal(size=(2, 2))
    D.step("(I \\otimes P)\\,\\mathrm{vec}(Q')$", vec(P @ Q2), np.kron(np.eye(2), P) @ vec(Q2))


def check():
    run(__file__, body)
