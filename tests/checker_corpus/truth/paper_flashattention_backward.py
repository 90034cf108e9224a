import numpy as np
from corpus_truth import grad, jacobian, run, softmax


def steps(s, rng):
    N, d = 4, 3
    Q, K, V, dO = rng.normal(size=(4, N, d))
    S = Q @ K.T
    P = softmax(S, axis=1)
    O = P @ V
    phi_of_O = lambda O_: np.sum(dO * O_)  # noqa: E731  a loss with d phi / d O = dO
    dV = grad(lambda W: phi_of_O(P @ W), V)
    dP = grad(lambda W: phi_of_O(W @ V), P)
    s.eq(16, r"= \mathbf{P}^\top \mathbf{dO}", dV, P.T @ dO)
    s.eq(16, r"= \mathbf{dO}\, \mathbf{V}^\top", dP, dO @ V.T)
    dS = grad(lambda W: phi_of_O(softmax(W, axis=1) @ V), S)
    for i in range(N):
        p, dp = P[i], dP[i]
        s.eq(19, r"is $\operatorname{diag}(p_i) - p_i p_i^\top$", jacobian(softmax, S[i]), np.diag(p) - np.outer(p, p))
        s.eq(23, r"= \left( \operatorname{diag}(p_i) - p_i p_i^\top \right) dp_i", dS[i], (np.diag(p) - np.outer(p, p)) @ dp)
        s.eq(23, r"= p_i \circ dp_i - (p_i^\top dp_i)\, p_i .", (np.diag(p) - np.outer(p, p)) @ dp, p * dp - (p @ dp) * p)
        s.eq(26, r"$dp_i = \mathbf{V}\, do_i$", dp, V @ dO[i])
        s.eq(26, r"$\mathbf{V}^\top p_i = o_i$", V.T @ p, O[i])
        D_i = p @ dp
        s.eq(29, r"= \sum_j P_{ij}\, dP_{ij}", D_i, np.sum(P[i] * dP[i]))
        s.eq(29, r"= p_i^\top \mathbf{V}\, do_i", np.sum(P[i] * dP[i]), p @ V @ dO[i])
        s.eq(29, r"= do_i^\top o_i ,", p @ V @ dO[i], dO[i] @ O[i])
        s.eq(32, r"$dS_{ij} = P_{ij} (dP_{ij} - D_i)$", dS[i], P[i] * (dP[i] - D_i))
    s.eq(35, r"= \mathbf{dS}\, \mathbf{K}", grad(lambda W: phi_of_O(softmax(W @ K.T, axis=1) @ V), Q), dS @ K)
    s.eq(35, r"= \mathbf{dS}^\top \mathbf{Q}", grad(lambda W: phi_of_O(softmax(Q @ W.T, axis=1) @ V), K), dS.T @ Q)


def check():
    run(__file__, steps)
