import numpy as np
from corpus_truth import deriv, grad, jacobian, run, softmax


def steps(s, rng):
    t = rng.normal(size=4)
    g_, h_ = np.sin, (lambda v: 2 + np.cos(v))  # the quotient rule, checked on one instance
    s.eq(10, r"$f'(x) = \frac{g'(x) h(x) - h'(x) g(x)}{h(x)^2}$", deriv(lambda v: g_(v) / h_(v), t),
         (deriv(g_, t) * h_(t) - deriv(h_, t) * g_(t)) / h_(t) ** 2)
    N = 4
    a = rng.normal(size=N)
    e, S = np.exp(a), np.exp(a).sum()
    p = e / S
    s.eq(11, r"\partial a_j} = e^{a_j}$", grad(lambda v: np.exp(v).sum(), a), e)
    J = jacobian(softmax, a)  # [i, j]
    i, j = np.indices((N, N))
    same, other = i == j, i != j
    chain = [J, (e[i] * S - e[j] * e[i]) / S ** 2, e[i] / S * (S - e[j]) / S, p[i] * (1 - p[j])]
    for snippet, left, right in zip([r"= \frac{e^{a_i} \sum_{k=1}^{N} e^{a_k} - e^{a_j} e^{a_i}}", r"= \frac{e^{a_i}}{\sum_{k=1}^{N} e^{a_k}} \times",
                                     r"= p_i (1 - p_j)"], chain, chain[1:]):
        s.eq(16, snippet, left[same], right[same])
    chain = [J, (0 - e[j] * e[i]) / S ** 2, -e[j] / S * e[i] / S, -p[j] * p[i]]
    for snippet, left, right in zip([r"= \frac{0 - e^{a_j} e^{a_i}}", r"= -\frac{e^{a_j}}{\sum_{k=1}^{N} e^{a_k}} \times",
                                     r"= -p_j \, p_i"], chain, chain[1:]):
        s.eq(22, snippet, left[other], right[other])
    s.eq(28, r"\begin{cases} p_i (1 - p_j) & \text{if } i = j", J, np.where(same, p[i] * (1 - p[j]), -p[j] * p[i]))
    y = np.eye(N)[rng.integers(N)]
    L = lambda v: -np.sum(y * np.log(softmax(v)))  # noqa: E731
    chain = [grad(L, a), -(y / p) @ J, -y * (1 - p) + np.array([sum(y[k] * p[i_] for k in range(N) if k != i_) for i_ in range(N)]),
             p - y]
    for snippet, left, right in zip([r"= -\sum_k \frac{y_k}{p_k}", r"= -y_i (1 - p_i) + \sum_{k \ne i}", "= p_i - y_i$"],
                                    chain, chain[1:]):
        s.eq(33, snippet, left, right)


def check():
    run(__file__, steps)
