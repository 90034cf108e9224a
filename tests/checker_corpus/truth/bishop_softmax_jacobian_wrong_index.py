import numpy as np
from corpus_truth import grad, jacobian, run, softmax


def steps(s, rng):
    K, M, N = 3, 2, 4
    a = rng.normal(size=K)
    y = softmax(a)
    J = jacobian(softmax, a)  # J[k, j] = dy_k / da_j
    s.eq(15, r"= y_k (I_{kj} - y_k)", J, y[:, None] * (np.eye(K) - y[:, None]))  # planted: - y_j

    W = rng.normal(size=(K, M))  # row k is w_k
    Phi = rng.normal(size=(N, M))
    T = np.eye(K)[rng.integers(K, size=N)]
    E = lambda V: -np.sum(T * np.log(softmax(Phi @ V.T, axis=1)))  # noqa: E731
    Y = softmax(Phi @ W.T, axis=1)
    s.eq(31, r"= \sum_{n=1}^{N} (y_{nj} - t_{nj})", grad(E, W), (Y - T).T @ Phi)


def check():
    run(__file__, steps)
