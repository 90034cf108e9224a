import numpy as np
from _truth import run, fd_grad, sigmoid

n0, n1, n2, m = 3, 4, 4, 5
relu = lambda z: np.maximum(z, 0)


def body(D, rng):
    X = rng.normal(size=(n0, m))
    W1, b1 = rng.normal(size=(n1, n0)), rng.normal(size=(n1, 1))
    W2, b2 = rng.normal(size=(n2, n1)), rng.normal(size=(n2, 1))
    W3, b3 = rng.normal(size=(1, n2)), rng.normal(size=(1, 1))
    Y = rng.integers(0, 2, size=(1, m)).astype(float)

    def Jsum(Z3):  # m * J as a function of Z3
        A = sigmoid(Z3)
        return -np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A))

    Z1 = W1 @ X + b1; A1 = relu(Z1)
    Z2 = W2 @ A1 + b2; A2 = relu(Z2)
    Z3 = W3 @ A2 + b3; A3 = sigmoid(Z3)
    J = lambda W1, W2, W3, b3: Jsum(W3 @ relu(W2 @ relu(W1 @ X + b1) + b2) + b3) / m
    dZ3 = fd_grad(Jsum, Z3)
    D.step(r"$$dZ^{[3]} = A^{[3]} - Y, \qquad", dZ3, A3 - Y)
    D.step(r"dW^{[3]} = \frac{1}{m} dZ^{[3]} A^{[2]T}", fd_grad(lambda v: J(W1, W2, v, b3), W3), dZ3 @ A2.T / m)
    D.step(r"db^{[3]} = \frac{1}{m}\sum_{i=1}^m dZ^{[3](i)}$$", fd_grad(lambda v: J(W1, W2, W3, v), b3), dZ3.sum(axis=1, keepdims=True) / m)
    dZ2 = fd_grad(lambda z: Jsum(W3 @ relu(z) + b3), Z2)
    D.step(r"$$dZ^{[2]} = W^{[3]T} dZ^{[3]} *", dZ2, (W3.T @ dZ3) * (Z2 > 0))
    D.step(r"$$dW^{[2]} = \frac{1}{m} dZ^{[2]} A^{[1]T}$$", fd_grad(lambda v: J(W1, v, W3, b3), W2), dZ2 @ A1.T / m)
    dZ1 = fd_grad(lambda z: Jsum(W3 @ relu(W2 @ relu(z) + b2) + b3), Z1)
    D.step(r"$$dZ^{[1]} = W^{[2]} dZ^{[2]} *", dZ1, (W2 @ dZ2) * (Z1 > 0), planted=True)  # needs W^{[2]T}
    dZ1_right = (W2.T @ dZ2) * (Z1 > 0)
    D.step(r"$$dW^{[1]} = \frac{1}{m} dZ^{[1]} X^{T}$$", fd_grad(lambda v: J(v, W2, W3, b3), W1), dZ1_right @ X.T / m)


def check():
    run(__file__, body)
