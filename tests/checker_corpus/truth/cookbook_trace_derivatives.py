import numpy as np
from corpus_truth import grad, run

tr = np.trace


def steps(s, rng):
    X, A, B = rng.normal(size=(3, 3, 3))
    s.eq(12, r"&= \mathbf{I} \tag{100}", grad(tr, X), np.eye(3))
    s.eq(13, r"&= \mathbf{A}^T \tag{101}", grad(lambda V: tr(V @ A), X), A.T)
    s.eq(14, r"&= \mathbf{A}^T \mathbf{B}^T \tag{102}", grad(lambda V: tr(A @ V @ B), X), A.T @ B.T)
    s.eq(15, r"&= \mathbf{B}\mathbf{A} \tag{103}", grad(lambda V: tr(A @ V.T @ B), X), B @ A)
    s.eq(16, r"&= \mathbf{A} \tag{104}", grad(lambda V: tr(V.T @ A), X), A)
    s.eq(19, r"= \sum_{i,j,k} A_{ki} X_{ij} B_{jk}", tr(A @ X @ B), np.einsum("ki,ij,jk->", A, X, B))
    s.eq(20, r"= \sum_k A_{ki} B_{jk}", grad(lambda V: tr(A @ V @ B), X), np.einsum("ki,jk->ij", A, B))
    s.eq(20, r"= (\mathbf{A}^T \mathbf{B}^T)_{ij}", np.einsum("ki,jk->ij", A, B), A.T @ B.T)
    s.eq(25, r"= \frac{\partial}{\partial \mathbf{X}} \operatorname{Tr}(\mathbf{X} \mathbf{X}^T)",
         grad(lambda V: tr(V.T @ V), X), grad(lambda V: tr(V @ V.T), X))
    s.eq(25, r"= 2\mathbf{X}", grad(lambda V: tr(V @ V.T), X), 2 * X)
    s.eq(29, r"= \mathbf{B}\mathbf{X} + \mathbf{B}^T\mathbf{X}", grad(lambda V: tr(V.T @ B @ V), X), B @ X + B.T @ X)
    s.eq(32, r"= \operatorname{Tr}(\mathbf{X}\mathbf{X}^H)", np.linalg.norm(X, "fro") ** 2, tr(X @ X.conj().T))
    s.eq(35, r"= 2\mathbf{X} .", grad(lambda V: np.linalg.norm(V, "fro") ** 2, X), 2 * X)


def check():
    run(__file__, steps)
