import numpy as np
from corpus_truth import grad, jacobian, run


def steps(s, rng):
    n = 3
    A, x = rng.normal(size=(n, n)), rng.normal(size=n)
    s.eq(7, r"= \sum_{i=1}^{n} \sum_{j=1}^{n} x_i A_{ij} x_j .", x @ A @ x, np.einsum("i,ij,j->", x, A, x))
    s.eq(12, r"= \delta_{ik}$", jacobian(lambda v: v, x), np.eye(n))
    d = np.eye(n)
    g = grad(lambda v: v @ A @ v, x)
    chain = [g, np.einsum("ik,ij,j->k", d, A, x) + np.einsum("i,ij,jk->k", x, A, d), A @ x + x @ A, A @ x + A.T @ x]
    for snippet, left, right in zip([r"= \sum_{i,j} \delta_{ik} A_{ij} x_j", r"= \sum_{j} A_{kj} x_j + \sum_{i} A_{ik} x_i",
                                     r"= (A x)_k + (A^T x)_k ."], chain, chain[1:]):
        s.eq(15, snippet, left, right)
    s.eq(21, "= (A + A^T) x ,", g, (A + A.T) @ x)
    A, x = np.array([[1.0, 2.0], [0.0, 3.0]]), np.array([1.0, 1.0])
    s.eq(27, r"= \begin{pmatrix} 2 & 2 \\ 2 & 6 \end{pmatrix}", (A + A.T) @ x, np.array([[2.0, 2.0], [2.0, 6.0]]) @ x)
    s.eq(27, r"= \begin{pmatrix} 4 \\ 8 \end{pmatrix}", np.array([[2.0, 2.0], [2.0, 6.0]]) @ x, [4.0, 8.0])
    s.eq(30, "$2Ax = (6, 6)^T$", 2 * A @ x, [6.0, 6.0])


def check():
    run(__file__, steps)
