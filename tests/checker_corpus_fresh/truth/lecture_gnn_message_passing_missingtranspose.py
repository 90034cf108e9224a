import numpy as np
from _truth import run, fd_grad


def body(D, rng):
    A = rng.uniform(0, 1, size=(5, 5)) * (rng.uniform(size=(5, 5)) < 0.6) + np.eye(5)
    A = A / A.sum(axis=1, keepdims=True)
    H, W, G = rng.normal(size=(5, 3)), rng.normal(size=(3, 2)), rng.normal(size=(5, 2))
    Z = A @ H @ W
    D.step(r"Z_{ij} = \sum_{k=1}^{5}\sum_{l=1}^{3} A_{ik}H_{kl}W_{lj}$$", Z,
           [[sum(A[i, k] * H[k, l] * W[l, j] for k in range(5) for l in range(3)) for j in range(2)] for i in range(5)])
    L = lambda H, W: np.sum(G * (A @ H @ W))
    dW = fd_grad(lambda w: L(H, w), W)
    D.step(r"= (AH)^\top G = H^\top A^\top G$$", dW, (A @ H).T @ G)
    D.step(r"= H^\top A^\top G$$", (A @ H).T @ G, H.T @ A.T @ G)
    D.step(r"= A G W^\top$$", fd_grad(lambda h: L(h, W), H), A @ G @ W.T, planted=True)


def check():
    run(__file__, body)
