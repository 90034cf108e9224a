import numpy as np
from _truth import run, fd_grad, sigmoid

n0, n1, n2, m = 3, 4, 3, 5
relu = lambda z: np.maximum(z, 0)


def body(D, rng):
    X = rng.normal(size=(n0, m)); Y = rng.integers(0, 2, size=(1, m)).astype(float)
    W1, b1 = rng.normal(size=(n1, n0)), rng.normal(size=(n1, 1))
    W2, b2 = rng.normal(size=(n2, n1)), rng.normal(size=(n2, 1))
    W3, b3 = rng.normal(size=(1, n2)), rng.normal(size=(1, 1))
    lam = rng.uniform(0.1, 2)

    def Jreg(W1, W2, W3):
        A3 = sigmoid(W3 @ relu(W2 @ relu(W1 @ X + b1) + b2) + b3)
        ce = -np.mean(Y * np.log(A3) + (1 - Y) * np.log(1 - A3))
        return ce + lam / (2 * m) * sum(np.sum(W ** 2) for W in (W1, W2, W3))

    Wt = rng.normal(size=(2, 2))
    D.step(r"= \frac{\lambda}{m} W$$", fd_grad(lambda W: 0.5 * lam / m * np.sum(W ** 2), Wt), lam / m * Wt)
    Z1 = W1 @ X + b1; A1 = relu(Z1); Z2 = W2 @ A1 + b2; A2 = relu(Z2); A3 = sigmoid(W3 @ A2 + b3)
    dZ3 = A3 - Y
    dZ2 = (W3.T @ dZ3) * (Z2 > 0)
    D.step(r"= \frac{1}{m} dZ^{[3]} A^{[2]T} + \frac{\lambda}{m} W^{[3]}$$", fd_grad(lambda W: Jreg(W1, W2, W), W3), dZ3 @ A2.T / m + lam / m * W3)
    D.step(r"= \frac{1}{m} dZ^{[2]} A^{[1]T} + \lambda W^{[2]}$$", fd_grad(lambda W: Jreg(W1, W, W3), W2), dZ2 @ A1.T / m + lam * W2, planted=True)  # lambda/m
    alpha = 0.1
    dW3 = dZ3 @ A2.T / m + lam / m * W3
    D.step(r"$W := (1 - \frac{\alpha\lambda}{m})W - \alpha", W3 - alpha * dW3, (1 - alpha * lam / m) * W3 - alpha * dZ3 @ A2.T / m)


def check():
    run(__file__, body)
