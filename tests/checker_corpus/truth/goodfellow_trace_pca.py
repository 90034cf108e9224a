import numpy as np
from corpus_truth import run

tr = np.trace


def steps(s, rng):
    A = rng.normal(size=(3, 4))
    s.eq(7, r"= \sqrt{\operatorname{Tr}", np.linalg.norm(A, "fro"), np.sqrt(tr(A @ A.T)))
    S = rng.normal(size=(3, 3))
    s.eq(10, r"= \operatorname{Tr}(\boldsymbol{A}^\top)$", tr(S), tr(S.T))
    A, B, C = rng.normal(size=(2, 3)), rng.normal(size=(3, 4)), rng.normal(size=(4, 2))
    s.eq(14, r"= \operatorname{Tr}(\boldsymbol{C}\boldsymbol{A}\boldsymbol{B})", tr(A @ B @ C), tr(C @ A @ B))
    s.eq(14, r"= \operatorname{Tr}(\boldsymbol{B}\boldsymbol{C}\boldsymbol{A})", tr(C @ A @ B), tr(B @ C @ A))
    A, B = rng.normal(size=(2, 5)), rng.normal(size=(5, 2))
    s.eq(18, r"= \operatorname{Tr}(\boldsymbol{B}\boldsymbol{A})$", tr(A @ B), tr(B @ A))
    a = rng.normal()
    s.eq(19, r"$a = \operatorname{Tr}(a)$", a, tr(np.array([[a]])))

    X = rng.normal(size=(6, 3))

    def pca_chain(d):
        D, G = np.outer(d, d), X.T @ X
        R = X - X @ D
        return [np.linalg.norm(R, "fro") ** 2, tr(R.T @ R), tr(G) - tr(G @ D) - tr(D @ G) + tr(D @ G @ D),
                tr(G) - 2 * tr(G @ D) + tr(G @ D @ D)]

    d = rng.normal(size=3)
    chain = pca_chain(d)
    for line, snippet, left, right in zip([27, 28, 29], [r"&= \operatorname{Tr}\left(", r"&= \operatorname{Tr}(\boldsymbol{X}^\top\boldsymbol{X}) - \operatorname",
                                                         r"- 2\operatorname{Tr}"], chain, chain[1:]):
        s.eq(line, snippet, left, right)

    # two arg mins over d agree when the objectives differ by a constant
    def gap(d_):
        D, G = np.outer(d_, d_), X.T @ X
        return np.linalg.norm(X - X @ D, "fro") ** 2 - (-2 * tr(G @ D) + tr(G @ D @ D))

    s.eq(36, r"= \arg\min_{\boldsymbol{d}} -2", gap(d), gap(rng.normal(size=3)))


def check():
    run(__file__, steps)
