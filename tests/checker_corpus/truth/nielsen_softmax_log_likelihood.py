import numpy as np
from corpus_truth import grad, jacobian, run, softmax


def steps(s, rng):
    K, H = 4, 3
    w, b, a_prev = rng.normal(size=(K, H)), rng.normal(size=K), rng.uniform(size=H)
    y = rng.integers(K)
    onehot = np.eye(K)[y]
    z = w @ a_prev + b
    a = np.exp(z) / np.exp(z).sum()
    s.eq(13, r"= \frac{\sum_j e^{z^L_j}}", a.sum(), np.exp(z).sum() / np.exp(z).sum())
    s.eq(13, "= 1 ,", np.exp(z).sum() / np.exp(z).sum(), 1)
    J = jacobian(softmax, z)  # J[j, k] = d a_j / d z_k
    s.eq(22, r"= a^L_j (1 - a^L_j) > 0", np.diag(J), a * (1 - a))
    off = ~np.eye(K, dtype=bool)
    s.eq(22, r"= -a^L_j a^L_k < 0", J[off], (-np.outer(a, a))[off])
    C = lambda z_: -np.log(softmax(z_)[y])  # noqa: E731
    s.eq(35, r"= a^L_j - y_j, \qquad", grad(C, z), a - onehot)
    s.eq(36, r"= a^L_j - y_j, \qquad", grad(lambda v: C(w @ a_prev + v), b), a - onehot)
    s.eq(37, r"= a^{L-1}_k (a^L_j - y_j)", grad(lambda v: C(v @ a_prev + b), w), np.outer(a - onehot, a_prev))


def check():
    run(__file__, steps)
