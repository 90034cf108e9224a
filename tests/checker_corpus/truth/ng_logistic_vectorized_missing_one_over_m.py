import numpy as np
from corpus_truth import grad, run, sigmoid


def steps(s, rng):
    nx, m = 2, 4
    X, Y = rng.normal(size=(nx, m)), rng.integers(2, size=(1, m)).astype(float)
    w, b = rng.normal(size=(nx, 1)), rng.normal(size=(1, 1))

    def cost_of_Z(Z):
        A = sigmoid(Z)
        return -np.mean(Y * np.log(A) + (1 - Y) * np.log(1 - A))

    Z = w.T @ X + b
    A = sigmoid(Z)
    dz = m * grad(cost_of_Z, Z)  # dz^(i) = dL^(i)/dz^(i)
    s.eq(13, r"$dz^{(i)} = a^{(i)} - y^{(i)}$", dz, A - Y)
    s.eq(16, "= A - Y", dz, A - Y)
    s.eq(22, r"= \frac{1}{m} \sum_{i=1}^{m} dz^{(i)}", grad(lambda c: cost_of_Z(w.T @ X + c), b), dz.sum() / m)
    s.eq(29, r"= X \, dZ^T", grad(lambda v: cost_of_Z(v.T @ X + b), w), X @ (A - Y).T)  # planted: 1/m dropped


def check():
    run(__file__, steps)
