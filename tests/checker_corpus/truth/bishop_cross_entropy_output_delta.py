import numpy as np
from corpus_truth import deriv, grad, jacobian, run, sigmoid, softmax


def steps(s, rng):
    u = rng.normal(size=4)
    s.eq(11, r"= \sigma(1 - \sigma)", deriv(sigmoid, u), sigmoid(u) * (1 - sigmoid(u)))

    N = 4
    a, t = rng.normal(size=N), rng.integers(2, size=N).astype(float)
    y = sigmoid(a)
    E = lambda a_: -np.sum(t * np.log(sigmoid(a_)) + (1 - t) * np.log(1 - sigmoid(a_)))  # noqa: E731
    chain = [grad(E, a), -(t / y - (1 - t) / (1 - y)) * y * (1 - y), -t * (1 - y) + (1 - t) * y, y - t]
    for snippet, left, right in zip([r"= -\left\{ \frac{t_n}{y_n}", r"= -t_n (1 - y_n) + (1 - t_n) y_n",
                                     r"= y_n - t_n ."], chain, chain[1:]):
        s.eq(15, snippet, left, right)

    K = 3
    a, t = rng.normal(size=K), rng.dirichlet(np.ones(K))  # 1-of-K coding: sum_k t_k = 1
    y = softmax(a)
    J = jacobian(softmax, a)  # J[k, j] = dy_k / da_j
    I = np.eye(K)
    s.eq(28, r"= y_k (I_{kj} - y_j)", J, y[:, None] * (I - y[None, :]))
    E = lambda a_: -np.sum(t * np.log(softmax(a_)))  # noqa: E731
    chain = [grad(E, a), -(t / y) @ J, -(t[:, None] * (I - y[None, :])).sum(axis=0), -t + y * t.sum(), y - t]
    for snippet, left, right in zip([r"= -\sum_{k=1}^{K} \frac{t_k}{y_k}", r"= -\sum_{k=1}^{K} t_k (I_{kj}",
                                     r"= -t_j + y_j \sum", r"= y_j - t_j"], chain, chain[1:]):
        s.eq(34, snippet, left, right)


def check():
    run(__file__, steps)
