import numpy as np
from corpus_truth import grad, logsumexp, run


def steps(s, rng):
    x = rng.normal(scale=3, size=5)
    m = x.max()
    e = np.exp
    lse = lambda v: np.log(np.sum(np.exp(v)))  # noqa: E731
    s.eq(7, r"= \log \left( e^{m} \sum", lse(x), np.log(e(m) * np.sum(e(x - m))))
    s.eq(7, r"= m + \log \sum", np.log(e(m) * np.sum(e(x - m))), m + np.log(np.sum(e(x - m))))
    g = grad(logsumexp, x)
    s.eq(16, r"= \frac{e^{x_j}}{\sum_{i} e^{x_i}} .", g, e(x) / e(x).sum())
    s.eq(23, r"= \frac{e^{x_j - m}}{\sum_{i} e^{x_i}} .", g, e(x - m) / e(x).sum())  # planted: e^{x_i - m} below


def check():
    run(__file__, steps)
