import numpy as np
from corpus_truth import deriv, grad, run, sigmoid


def steps(s, rng):
    nx, n1, m = 3, 4, 5
    X, Y = rng.normal(size=(nx, m)), rng.integers(2, size=(1, m)).astype(float)
    W1, b1, W2, b2 = rng.normal(size=(n1, nx)), rng.normal(size=(n1, 1)), rng.normal(size=(1, n1)), rng.normal(size=(1, 1))

    def cost_of_A2(A2):
        return -np.mean(Y * np.log(A2) + (1 - Y) * np.log(1 - A2))

    def cost(W1_, b1_, W2_, b2_):
        return cost_of_A2(sigmoid(W2_ @ np.tanh(W1_ @ X + b1_) + b2_))

    Z1 = W1 @ X + b1
    A1 = np.tanh(Z1)
    Z2 = W2 @ A1 + b2
    A2 = sigmoid(Z2)
    g1 = np.tanh
    s.eq(14, r"= \tanh(Z^{[1]})", g1(Z1), np.tanh(Z1))
    s.eq(20, r"= \sigma(Z^{[2]})", sigmoid(Z2), sigmoid(Z2))
    dZ2 = A2 - Y
    s.eq(33, r"dZ^{[2]} = A^{[2]} - Y", m * grad(lambda Z: cost_of_A2(sigmoid(Z)), Z2), dZ2)
    s.eq(36, r"= \frac{1}{m} dZ^{[2]} A^{[1]T}", grad(lambda V: cost(W1, b1, V, b2), W2), dZ2 @ A1.T / m)
    s.eq(39, r"= \frac{1}{m} \sum_{i=1}^{m} dZ^{[2](i)}", grad(lambda V: cost(W1, b1, W2, V), b2),
         dZ2.sum(axis=1, keepdims=True) / m)
    dZ1 = (W2.T @ dZ2) * deriv(g1, Z1)
    s.eq(42, r"= W^{[2]T} dZ^{[2]} * g^{[1]\prime}", m * grad(lambda Z: cost_of_A2(sigmoid(W2 @ np.tanh(Z) + b2)), Z1), dZ1)
    s.eq(45, r"= \frac{1}{m} dZ^{[1]} X^T", grad(lambda V: cost(V, b1, W2, b2), W1), dZ1 @ X.T / m)
    s.eq(48, r"= \frac{1}{m} \sum_{i=1}^{m} dZ^{[1](i)}", grad(lambda V: cost(W1, V, W2, b2), b1),
         dZ1.sum(axis=1, keepdims=True) / m)
    s.eq(52, r"= 1 - (A^{[1]})^2", deriv(g1, Z1), 1 - A1 ** 2)


def check():
    run(__file__, steps)
