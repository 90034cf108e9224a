import numpy as np
from corpus_truth import grad, jacobian, run, softmax


def steps(s, rng):
    n, dk, dv = 4, 3, 2
    Q, K, V = rng.normal(size=(n, dk)), rng.normal(size=(n, dk)), rng.normal(size=(n, dv))
    G, O_bar = rng.normal(size=(n, n)), rng.normal(size=(n, dv))
    scores = lambda Q_, K_: Q_ @ K_.T / np.sqrt(dk)  # noqa: E731
    S = scores(Q, K)
    A = softmax(S, axis=1)
    s.eq(14, r"= \frac{1}{\sqrt{d_k}} \sum_{l=1}^{d_k} Q_{il} K_{jl}", S, np.einsum("il,jl->ij", Q, K) / np.sqrt(dk))
    s.eq(18, r"= A^\top \bar{O}$", grad(lambda W: np.sum(O_bar * (A @ W)), V), A.T @ O_bar)
    # a loss whose gradient with respect to S is G
    ell = lambda Q_, K_: np.sum(G * scores(Q_, K_))  # noqa: E731
    dS_dQ = jacobian(lambda W: scores(W, K), Q)  # [i, j, i', l]
    i, j, l = np.indices((n, n, dk))
    s.eq(22, r"= \frac{K_{jl}}{\sqrt{d_k}}$", dS_dQ[i, j, i, l], K[j, l] / np.sqrt(dk))
    dQ = grad(lambda W: ell(W, K), Q)
    s.eq(25, r"= \sum_{j} G_{ij} \frac{K_{jl}}{\sqrt{d_k}}", dQ, np.einsum("ij,jl->il", G, K) / np.sqrt(dk))
    s.eq(25, r"= \frac{G K}{\sqrt{d_k}} .", dQ, G @ K / np.sqrt(dk))
    dS_dK = jacobian(lambda W: scores(Q, W), K)  # [i, j, j', l]
    s.eq(28, r"= \frac{Q_{il}}{\sqrt{d_k}}$", dS_dK[i, j, j, l], Q[i, l] / np.sqrt(dk))
    s.eq(31, r"= \frac{G Q}{\sqrt{d_k}} .", grad(lambda W: ell(Q, W), K), G @ Q / np.sqrt(dk))  # planted: G^T Q


def check():
    run(__file__, steps)
