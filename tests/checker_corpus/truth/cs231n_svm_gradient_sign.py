import numpy as np
from corpus_truth import grad, run


def steps(s, rng):
    D, C = 4, 3
    W, x, y, lam = 0.3 * rng.normal(size=(D, C)), rng.normal(size=D), rng.integers(C), rng.uniform(0.1, 1)
    others = [j for j in range(C) if j != y]

    def loss_i(V):
        return sum(max(0.0, V[:, j] @ x - V[:, y] @ x + 1) for j in others)

    g = grad(loss_i, W)
    violated = {j: float(W[:, j] @ x - W[:, y] @ x + 1 > 0) for j in others}
    for j in others:
        s.eq(20, r"\mathbb{1}\left(w_j^\top x_i", g[:, j], violated[j] * x)
    s.eq(27, r"\left( \sum_{j \ne y_i}", g[:, y], sum(violated.values()) * x)  # planted: minus sign
    g_reg = grad(lambda V: lam * np.sum(V ** 2), W)
    s.eq(33, r"= 2 \lambda W_{k,l}", g_reg, 2 * lam * W)


def check():
    run(__file__, steps)
