import numpy as np
from corpus_truth import deriv, grad, run

inv = np.linalg.inv


def steps(s, rng):
    X = 3 * np.eye(3) + rng.normal(size=(3, 3))  # safely invertible
    Y, A, B = rng.normal(size=(3, 3, 3))
    a, b = rng.normal(size=3), rng.normal(size=3)
    s.eq(7, r"= \mathbf{I}$", X @ inv(X), np.eye(3))
    d_inv = deriv(lambda t: inv(X + t * Y), 0.0)  # the differential of X^{-1} in the direction dX = Y
    s.eq(8, r"= \mathbf{0}$", Y @ inv(X) + X @ d_inv, 0)
    s.eq(11, r"= -\mathbf{X}^{-1} (\partial \mathbf{X}) \mathbf{X}^{-1}", d_inv, -inv(X) @ Y @ inv(X))
    s.eq(17, r"= -\mathbf{X}_0^{-1} \mathbf{Y} \mathbf{X}_0^{-1}", d_inv, -inv(X) @ Y @ inv(X))
    X_mT = inv(X).T
    s.eq(23, r"= \det(\mathbf{X}) \mathbf{X}^{-T}", grad(np.linalg.det, X), np.linalg.det(X) * X_mT)
    g = grad(lambda V: np.log(abs(np.linalg.det(V))), X)
    s.eq(27, r"= (\mathbf{X}^{-1})^T =", g, inv(X).T)
    s.eq(27, r"= (\mathbf{X}^T)^{-1}", inv(X).T, inv(X.T))
    s.eq(33, r"= -\mathbf{X}^{-T} \mathbf{a} \mathbf{b}^T", grad(lambda V: a @ inv(V) @ b, X), -X_mT @ np.outer(a, b) @ X_mT)
    s.eq(36, r"= -(\mathbf{X}^{-1}\mathbf{B}\mathbf{A}\mathbf{X}^{-1})^T$", grad(lambda V: np.trace(A @ inv(V) @ B), X),
         -(inv(X) @ B @ A @ inv(X)).T)
    g = grad(lambda V: np.trace(inv(V) @ A), X)
    s.eq(40, r"= -(\mathbf{X}^{-1}\mathbf{A}\mathbf{X}^{-1})^T =", g, -(inv(X) @ A @ inv(X)).T)
    s.eq(40, r"= -\mathbf{X}^{-T} \mathbf{A}^T \mathbf{X}^{-T}", -(inv(X) @ A @ inv(X)).T, -X_mT @ A.T @ X_mT)


def check():
    run(__file__, steps)
