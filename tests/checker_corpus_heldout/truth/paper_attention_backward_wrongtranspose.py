import numpy as np
from _truth import run, fd_grad, softmax

n, dk, dv = 4, 3, 2


def body(D, rng):
    Q, K, V = rng.normal(size=(n, dk)), rng.normal(size=(n, dk)), rng.normal(size=(n, dv))
    dO = rng.normal(size=(n, dv))
    att = lambda Q, K, V: softmax(Q @ K.T / np.sqrt(dk), axis=1) @ V
    L = lambda Q, K, V: np.sum(dO * att(Q, K, V))
    S = Q @ K.T / np.sqrt(dk)
    P = softmax(S, axis=1)
    O = P @ V
    D.step(r"$$dV = P^T dO", fd_grad(lambda v: L(Q, K, v), V), P.T @ dO)
    dP = fd_grad(lambda p: np.sum(dO * (p @ V)), P)
    D.step(r"dP = dO\, V^T$$", dP, dO @ V.T)
    dS = fd_grad(lambda s: np.sum(dP * softmax(s, axis=1)), S)
    D.step(r"$$dS_{ij} = P_{ij}\left(dP_{ij}", dS, P * (dP - np.sum(P * dP, axis=1, keepdims=True)))
    D.step(r"$$dQ = \frac{1}{\sqrt{d_k}}\, dS\, K", fd_grad(lambda q: L(q, K, V), Q), dS @ K / np.sqrt(dk))
    D.step(r"dK = \frac{1}{\sqrt{d_k}}\, dS\, Q.$$", fd_grad(lambda k: L(Q, k, V), K), dS @ Q / np.sqrt(dk), planted=True)
    D.step(r"= \sum_k dO_{ik} O_{ik}$", np.sum(P * dP, axis=1), np.sum(dO * O, axis=1))


def check():
    run(__file__, body)
