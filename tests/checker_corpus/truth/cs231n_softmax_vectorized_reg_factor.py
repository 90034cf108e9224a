import numpy as np
from corpus_truth import grad, logsumexp, run, softmax


def steps(s, rng):
    N, D, C = 5, 4, 3
    X, W, y, lam = rng.normal(size=(N, D)), rng.normal(size=(D, C)), rng.integers(C, size=N), rng.uniform(0.1, 1)
    Y = np.eye(C)[y]

    def data_loss_of_scores(S):
        return np.mean(-S[np.arange(N), y] + logsumexp(S, axis=1))

    S = X @ W
    P = softmax(S, axis=1)
    # L's regulariser does not depend on S, so dL/dS is the data part's
    s.eq(26, r"= \frac{1}{N} \left( P_{ij} - Y_{ij}", grad(data_loss_of_scores, S), (P - Y) / N)
    s.eq(29, r"S_{ij} = \sum_d X_{id} W_{dj}", S, np.einsum("id,dj->ij", X, W))
    s.eq(33, r"= \frac{1}{N} X^T (P - Y)", grad(lambda V: data_loss_of_scores(X @ V), W), X.T @ (P - Y) / N)
    s.eq(39, r"= \lambda W", grad(lambda V: lam * np.sum(V ** 2), W), lam * W)  # planted: 2 lambda W


def check():
    run(__file__, steps)
