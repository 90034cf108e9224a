import numpy as np
from corpus_truth import grad, jacobian, run, softmax


def steps(s, rng):
    n = 4
    z, y = rng.normal(size=n), rng.dirichlet(np.ones(n))
    e, S = np.exp(z), np.exp(z).sum()
    sm = e / S
    J = jacobian(softmax, z)  # J[i, j] = d s_i / d z_j
    diag, off = np.eye(n, dtype=bool), ~np.eye(n, dtype=bool)
    i, j = np.indices((n, n))
    case1 = [J, (e[i] * S - e[i] * e[j]) / S ** 2, e[i] / S * (S - e[j]) / S, sm[i] * (1 - sm[j])]
    for snippet, left, right in zip([r"= \frac{e^{z_i} \Sigma - e^{z_i} e^{z_j}}", r"= \frac{e^{z_i}}{\Sigma} \cdot",
                                     r"= s_i (1 - s_j) ."], case1, case1[1:]):
        s.eq(19, snippet, left[diag], right[diag])  # case 1: i = j
    case2 = [J, (0 * S - e[i] * e[j]) / S ** 2, -sm[i] * sm[j]]
    for snippet, left, right in zip([r"= \frac{0 \cdot \Sigma", r"= -s_i s_j ."], case2, case2[1:]):
        s.eq(25, snippet, left[off], right[off])  # case 2: i != j
    s.eq(31, r"= s_i (\delta_{ij} - s_j) .", J, sm[i] * (np.eye(n) - sm[j]))
    L = lambda z_: -np.sum(y * np.log(softmax(z_)))  # noqa: E731
    chain = [grad(L, z), -(y / sm) @ J, -(y[:, None] * (np.eye(n) - sm[None, :])).sum(axis=0), -y + sm * y.sum(), sm - y]
    for line, snippet, left, right in zip([38, 38, 39, 39], [r"&= -\sum_i \frac{y_i}{s_i}", r"= -\sum_i y_i (\delta_{ij} - s_j)",
                                                           r"&= -y_j + s_j \sum_i y_i", "= s_j - y_j ."], chain, chain[1:]):
        s.eq(line, snippet, left, right)


def check():
    run(__file__, steps)
