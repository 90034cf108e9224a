import numpy as np
from corpus_truth import grad, logsumexp, run, softmax


def steps(s, rng):
    K, D = 3, 4
    W, x, y = rng.normal(size=(K, D)), rng.normal(size=D), rng.integers(K)
    onehot = np.eye(K)[y]

    def loss_of_scores(f):
        return -f[y] + logsumexp(f)

    f = W @ x
    p = np.exp(f) / np.exp(f).sum()
    s.eq(10, r"= -f_{y_i} + \log", -np.log(p[y]), loss_of_scores(f))
    s.eq(17, r"= \frac{\sum_k", p.sum(), np.exp(f).sum() / np.exp(f).sum())
    s.eq(17, r"= 1", np.exp(f).sum() / np.exp(f).sum(), 1.0)
    dL_df = grad(loss_of_scores, f)
    s.eq(24, r"= -\mathbb{1}(k = y_i) +", dL_df, -onehot + np.exp(f) / np.exp(f).sum())
    s.eq(24, r"= p_k - \mathbb{1}", -onehot + np.exp(f) / np.exp(f).sum(), softmax(f) - onehot)
    s.eq(27, r"f_k = \sum_d W_{kd}", f, np.einsum("kd,d->k", W, x))
    dL_dW = grad(lambda V: loss_of_scores(V @ x), W)
    s.eq(31, r"= \frac{\partial L_i}{\partial f_k}\, x_{id}", dL_dW, np.outer(dL_df, x))
    s.eq(31, r"\left(p_k - \mathbb{1}", np.outer(dL_df, x), np.outer(p - onehot, x))
    s.eq(35, r"(p - \mathbb{1}_{y_i})\, x_i^T", dL_dW, np.outer(p - onehot, x))


def check():
    run(__file__, steps)
