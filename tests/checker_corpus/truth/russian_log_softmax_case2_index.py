import numpy as np
from corpus_truth import grad, jacobian, logsumexp, run, softmax


def steps(s, rng):
    n = 4
    z, c = rng.normal(size=n), rng.integers(n)
    sm = softmax(z)
    ell = lambda z_: z_ - logsumexp(z_)  # noqa: E731
    s.eq(6, r"= z_i - \ln \sum_{k} e^{z_k} .", np.log(sm), ell(z))
    s.eq(12, r"= \frac{e^{z_j}}{\sum_k e^{z_k}}", grad(logsumexp, z), np.exp(z) / np.exp(z).sum())
    s.eq(12, "= s_j .", np.exp(z) / np.exp(z).sum(), sm)
    J = jacobian(ell, z)  # J[i, j]
    i, j = np.indices((n, n))
    diag, off = i == j, i != j
    s.eq(18, "= 1 - s_j .", J[diag], (1 - sm[j])[diag])
    s.eq(24, "= -s_i .", J[off], (-sm[i])[off])  # planted: -s_j
    s.eq(27, r"= \delta_{ij} - s_j$", J, np.eye(n) - sm[j])
    s.eq(33, r"= s_j - \delta_{cj} ,", grad(lambda v: -ell(v)[c], z), sm - np.eye(n)[c])


def check():
    run(__file__, steps)
