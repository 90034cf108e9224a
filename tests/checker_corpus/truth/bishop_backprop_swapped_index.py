import numpy as np
from corpus_truth import deriv, grad, run, sigmoid


def steps(s, rng):
    # warm-up: linear model, one pattern
    D, K = 3, 2
    Wl, xn, tn = rng.normal(size=(K, D)), rng.normal(size=D), rng.normal(size=K)
    En = lambda V: 0.5 * np.sum((V @ xn - tn) ** 2)  # noqa: E731
    s.eq(8, r"= (y_{nj} - t_{nj}) x_{ni}", grad(En, Wl), np.outer(Wl @ xn - tn, xn))

    W1, W2 = rng.normal(size=(3, 3)), rng.normal(size=(2, 3))
    x, t = rng.normal(size=3), rng.normal(size=2)
    error_of_outputs = lambda y: 0.5 * np.sum((y - t) ** 2)  # noqa: E731
    a = W1 @ x
    z = sigmoid(a)
    y = W2 @ z
    u = rng.normal(size=4)
    s.eq(25, r"\sigma' = \sigma(1 - \sigma)", deriv(sigmoid, u), sigmoid(u) * (1 - sigmoid(u)))
    delta_k = grad(error_of_outputs, y)  # output units are linear: a_k = y_k
    s.eq(22, r"\delta_k = y_k - t_k", delta_k, y - t)
    delta_j = grad(lambda a_: error_of_outputs(W2 @ sigmoid(a_)), a)
    s.eq(28, r"= \sigma(a_j)\,(1 - \sigma(a_j))", delta_j, sigmoid(a) * (1 - sigmoid(a)) * (W2.T @ delta_k))
    s.eq(28, r"= z_j (1 - z_j)", sigmoid(a) * (1 - sigmoid(a)) * (W2.T @ delta_k), z * (1 - z) * (W2.T @ delta_k))
    s.eq(34, r"= \delta_k z_j", grad(lambda V: error_of_outputs(V @ z), W2), np.outer(delta_k, z))
    dE_dW1 = grad(lambda V: error_of_outputs(W2 @ sigmoid(V @ x)), W1)
    s.eq(38, r"= \delta_i x_j", dE_dW1, np.outer(delta_j, x).T)  # planted: [j, i] entry is delta_i x_j


def check():
    run(__file__, steps)
