import numpy as np
from corpus_truth import grad, run


def steps(s, rng):
    # the worked example: s = [13, -7, 11], correct class 0, Delta = 10
    scores, delta = np.array([13.0, -7.0, 11.0]), 10.0
    example = sum(max(0.0, scores[j] - scores[0] + delta) for j in (1, 2))
    s.eq(16, r"\max(0, -7 - 13 + 10) + \max", example, max(0, -7 - 13 + 10) + max(0, 11 - 13 + 10))
    s.eq(16, "= 0 + 8", max(0, -7 - 13 + 10) + max(0, 11 - 13 + 10), 0 + 8)
    s.eq(16, "= 8", 0 + 8, 8)

    K, D = 4, 5
    W, x, y, delta = rng.normal(size=(K, D)), rng.normal(size=D), rng.integers(K), rng.uniform(0.5, 2)
    others = [j for j in range(K) if j != y]

    def loss(V):
        sc = V @ x
        return sum(max(0.0, sc[j] - sc[y] + delta) for j in others)

    sc = W @ x
    s.eq(19, r"s_j = w_j^T x_i", sc, [W[j] @ x for j in range(K)])
    s.eq(23, r"\left[ \max(0, w_j^T x_i", loss(W),
         sum(max(0.0, W[j] @ x - W[y] @ x + delta) for j in others))
    g = grad(loss, W)
    violated = np.array([float(W[j] @ x - W[y] @ x + delta > 0) for j in range(K)])
    s.eq(31, r"- \left( \sum_{j \neq y_i}", g[y], -sum(violated[j] for j in others) * x)
    for j in others:
        s.eq(37, r"\mathbb{1}(w_j^T x_i - w_{y_i}^T x_i + \Delta > 0)\, x_i", g[j], violated[j] * x)


def check():
    run(__file__, steps)
