import numpy as np
from corpus_truth import grad, jacobian, logsumexp, run, softmax


def steps(s, rng):
    n = 5
    z, q, T = rng.normal(size=n), rng.dirichlet(np.ones(n)), rng.uniform(0.3, 4)
    p = softmax(z / T)
    s.eq(18, r"= \frac{z_i}{T} - \log \sum_j", np.log(p), z / T - np.log(np.sum(np.exp(z / T))))
    g = grad(lambda v: np.log(np.sum(np.exp(v / T))), z)
    s.eq(24, r"= \frac{1}{T} \cdot \frac{\exp(z_k / T)}", g, 1 / T * np.exp(z / T) / np.exp(z / T).sum())
    s.eq(24, r"= \frac{p_k}{T} ,", 1 / T * np.exp(z / T) / np.exp(z / T).sum(), p / T)
    Jlog = jacobian(lambda v: v / T - logsumexp(v / T), z)  # [i, k]
    Jp = jacobian(lambda v: softmax(v / T), z)
    i, k = np.indices((n, n))
    s.eq(30, r"= \frac{1}{T} \left( \delta_{ik} - p_k \right), \qquad", Jlog, (np.eye(n) - p[k]) / T)
    s.eq(31, r"= p_i \frac{\partial \log p_i}{\partial z_k}", Jp, p[i] * Jlog)
    s.eq(31, r"= \frac{1}{T} \, p_i \left( \delta_{ik} - p_k \right).", p[i] * Jlog, p[i] * (np.eye(n) - p[k]) / T)
    C = lambda v: -np.sum(q * np.log(softmax(v / T)))  # noqa: E731
    s.eq(39, r"= -\sum_i q_i \cdot \frac{1}{T}", grad(C, z), -(q[:, None] * (np.eye(n) - p[None, :]) / T).sum(axis=0))
    s.eq(39, r"= \frac{1}{T} \left( p_k - q_k \right).", -(q[:, None] * (np.eye(n) - p[None, :]) / T).sum(axis=0), (p - q) / T)


def check():
    run(__file__, steps)
