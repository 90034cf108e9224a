import numpy as np
from _truth import run, fd_grad, sigmoid, d1

n0, n1, m = 3, 4, 5


def body(D, rng):
    # one generic layer l with relu; upstream dA given by an arbitrary per-example loss sum <G, A>
    Ap, W, b = rng.normal(size=(n0, m)), rng.normal(size=(n1, n0)), rng.normal(size=(n1, 1))
    G = rng.normal(size=(n1, m))
    g = np.tanh
    gp = lambda z: 1 - np.tanh(z) ** 2
    Lsum = lambda Z: np.sum(G * g(Z))          # sum over examples of the per-example losses
    Z = W @ Ap + b
    dA = G
    dZ = fd_grad(Lsum, Z)
    D.step(r"$$dZ^{[l]} = dA^{[l]} * g'^{[l]}(Z^{[l]})$$", dZ, dA * gp(Z))
    J = lambda W_, b_, A_: np.sum(G * g(W_ @ A_ + b_)) / m
    dW = fd_grad(lambda v: J(v, b, Ap), W)
    D.step(r"= \frac{1}{m} dZ^{[l]} A^{[l-1] T}$$", dW, dZ @ Ap.T / m)
    db = fd_grad(lambda v: J(W, v, Ap), b)
    D.step(r"= \frac{1}{m} \sum_{i = 1}^{m} dZ^{[l](i)}$$", db, dZ.sum(axis=1, keepdims=True) / m)
    dAp = fd_grad(lambda v: m * J(W, b, v), Ap)
    D.step(r"= W^{[l] T} dZ^{[l]}$$", dAp, W.T @ dZ)
    relu = lambda z: np.maximum(z, 0)
    dZr = fd_grad(lambda v: np.sum(G * relu(v)), Z)
    D.step(r"$dZ^{[l]} = dA^{[l]} * \mathbb{1}[Z^{[l]} > 0]$", dZr, G * (Z > 0))
    s = rng.normal()
    D.step(r"$g'(Z) = \sigma(Z)(1 - \sigma(Z))", d1(sigmoid, s), sigmoid(s) * (1 - sigmoid(s)))
    D.step(r"= A(1 - A)$", sigmoid(s) * (1 - sigmoid(s)), sigmoid(s) * (1 - sigmoid(s)))
    ZL = rng.normal(size=(1, m))
    Y = rng.integers(0, 2, size=(1, m)).astype(float)
    AL = sigmoid(ZL)
    CE = lambda A: -np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A))
    dAL = fd_grad(CE, AL)
    D.step(r"$$dA^{[L]} = - \left(\frac{Y}{A^{[L]}}", dAL, -(Y / AL - (1 - Y) / (1 - AL)))
    dZL = fd_grad(lambda z: CE(sigmoid(z)), ZL)
    D.step(r"$$dZ^{[L]} = dA^{[L]} * A^{[L]}(1 - A^{[L]})", dZL, dAL * AL * (1 - AL))
    D.step(r"= A^{[L]} - Y$$", dAL * AL * (1 - AL), AL - Y)


def check():
    run(__file__, body)
