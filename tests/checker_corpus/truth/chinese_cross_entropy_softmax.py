import numpy as np
from corpus_truth import grad, logsumexp, run, softmax


def steps(s, rng):
    K = 4
    z, y = rng.normal(size=K), rng.dirichlet(np.ones(K))
    p = softmax(z)
    L = lambda v: -np.sum(y * np.log(softmax(v)))  # noqa: E731
    s.eq(19, r"= z_k - \log \sum_j e^{z_j}$", np.log(p), z - logsumexp(z))
    s.eq(22, r"= -\sum_{k} y_k z_k + \Big(", L(z), -y @ z + y.sum() * logsumexp(z))
    s.eq(22, r"= -\sum_{k} y_k z_k + \log \sum_{j} e^{z_j} .", -y @ z + y.sum() * logsumexp(z), -y @ z + logsumexp(z))
    g = grad(L, z)
    s.eq(28, r"= -y_i + \frac{e^{z_i}}{\sum_{j} e^{z_j}}", g, -y + np.exp(z) / np.exp(z).sum())
    s.eq(28, "= p_i - y_i .", -y + np.exp(z) / np.exp(z).sum(), p - y)
    s.eq(31, r"= \boldsymbol{p} - \boldsymbol{y}$", g, p - y)
    N = 3
    Z, Y = rng.normal(size=(N, K)), rng.dirichlet(np.ones(K), size=N)
    batch = lambda V: np.mean([-np.sum(Y[n] * np.log(softmax(V[n]))) for n in range(N)])  # noqa: E731
    s.eq(34, r"= \frac{1}{N} \left( \boldsymbol{p}^{(n)}", grad(batch, Z), (softmax(Z, axis=1) - Y) / N)


def check():
    run(__file__, steps)
