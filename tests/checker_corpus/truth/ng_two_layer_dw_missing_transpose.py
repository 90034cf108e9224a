import numpy as np
from corpus_truth import away_from_zero, deriv, grad, run, sigmoid


def steps(s, rng):
    nx, n1, m = 3, 2, 3
    X, Y = rng.normal(size=(nx, m)), rng.integers(2, size=(1, m)).astype(float)
    W1, b1, W2, b2 = rng.normal(size=(n1, nx)), rng.normal(size=(n1, 1)), rng.normal(size=(1, n1)), rng.normal(size=(1, 1))
    relu = lambda z: np.maximum(z, 0)  # noqa: E731

    def cost_of_A2(A2):
        return -np.mean(Y * np.log(A2) + (1 - Y) * np.log(1 - A2))

    def cost(W1_, b1_, W2_, b2_):
        return cost_of_A2(sigmoid(W2_ @ relu(W1_ @ X + b1_) + b2_))

    z = away_from_zero(rng, 6)
    s.eq(19, r"\begin{cases} 0 & \text{if } z < 0", deriv(relu, z), np.where(z < 0, 0.0, 1.0))
    Z1 = W1 @ X + b1
    A1 = relu(Z1)
    A2 = sigmoid(W2 @ A1 + b2)
    dZ2 = A2 - Y
    s.eq(22, r"$dZ^{[2]} = A^{[2]} - Y$", m * grad(lambda Z: cost_of_A2(sigmoid(Z)), W2 @ A1 + b2), dZ2)
    dZ1 = (W2.T @ dZ2) * (Z1 > 0)
    s.eq(22, r"= W^{[2]T} dZ^{[2]} * g^{[1]\prime}(Z^{[1]})$",
         m * grad(lambda Z: cost_of_A2(sigmoid(W2 @ relu(Z) + b2)), Z1), dZ1)
    s.eq(25, r"= \frac{1}{m} dZ^{[2]} A^{[1]T}", grad(lambda V: cost(W1, b1, V, b2), W2), dZ2 @ A1.T / m)
    s.eq(29, r"= \frac{1}{m} \sum_{i=1}^{m} dZ^{[2](i)}", grad(lambda V: cost(W1, b1, W2, V), b2),
         dZ2.sum(axis=1, keepdims=True) / m)
    s.eq(33, r"= \frac{1}{m} dZ^{[1]} X", grad(lambda V: cost(V, b1, W2, b2), W1), dZ1 @ X / m)  # planted: X^T
    s.eq(37, r"= \frac{1}{m} \sum_{i=1}^{m} dZ^{[1](i)}", grad(lambda V: cost(W1, V, W2, b2), b1),
         dZ1.sum(axis=1, keepdims=True) / m)


def check():
    run(__file__, steps)
