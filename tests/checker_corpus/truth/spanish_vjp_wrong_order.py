import numpy as np
from corpus_truth import deriv, jacobian, run


def steps(s, rng):
    W, x, u, v = rng.normal(size=(3, 3)), rng.normal(size=3), rng.normal(size=3), rng.normal(size=3)
    f_of = lambda x_: np.tanh(W @ x_)  # noqa: E731
    f = f_of(x)
    s.eq(6, r"= \tanh\left(\sum_k W_{ik} x_k\right)$", f, np.tanh(np.einsum("ik,k->i", W, x)))
    t = rng.normal(size=4)
    s.eq(6, r"\tanh' = 1 - \tanh^2$", deriv(np.tanh, t), 1 - np.tanh(t) ** 2)
    D = jacobian(f_of, x)
    s.eq(9, r"= (1 - f_i^2)\, W_{ij}", D, (1 - f ** 2)[:, None] * W)
    s.eq(9, r"D_x f = \operatorname{diag}(1 - f^2)\, W .", D, np.diag(1 - f ** 2) @ W)
    s.eq(15, r"= (1 - f^2) \odot (W u) .", D @ u, (1 - f ** 2) * (W @ u))
    s.eq(22, r"= v^\top \operatorname{diag}(1 - f^2)\, W", v @ D, v @ np.diag(1 - f ** 2) @ W)
    s.eq(22, r"= (v^\top W) \odot (1 - f^2)^\top .", v @ np.diag(1 - f ** 2) @ W,
         (v @ W) * (1 - f ** 2))  # planted: should be (v * (1 - f^2)) @ W


def check():
    run(__file__, steps)
