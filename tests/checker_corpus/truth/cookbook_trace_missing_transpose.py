import numpy as np
from corpus_truth import grad, run

tr = np.trace


def steps(s, rng):
    A, X, B, C, D, W = rng.normal(size=(6, 3, 3))
    s.eq(7, r"= \sum_{ij} A_{ij} X_{ij}", np.sum(A * X), np.einsum("ij,ij->", A, X))
    s.eq(7, r"= \operatorname{Tr}(\mathbf{A}^\top \mathbf{X})$", np.einsum("ij,ij->", A, X), tr(A.T @ X))
    s.eq(11, r"= \mathbf{A}", grad(lambda V: tr(A.T @ V), X), A)
    s.eq(14, r"= \sum_{ij} A_{ji} X_{ij}", tr(A @ X), np.einsum("ji,ij->", A, X))
    s.eq(17, r"= \mathbf{A}", grad(lambda V: tr(A @ V), X), A)  # planted: A^T
    s.eq(23, r"= \mathbf{B}\mathbf{X} + \mathbf{B}^\top \mathbf{X} .", grad(lambda V: tr(V.T @ B @ V), X), B @ X + B.T @ X)
    f = lambda V: tr(V.T @ C @ V) + tr(D @ V)  # noqa: E731
    s.eq(30, r"= (\mathbf{C} + \mathbf{C}^\top) \mathbf{W} + \mathbf{D}^\top", grad(f, W), (C + C.T) @ W + D.T)


def check():
    run(__file__, steps)
