import math

import numpy as np
from corpus_truth import grad, jacobian, run


def steps(s, rng):
    N, K = 7, 3
    x, w, b, g = rng.normal(size=N), rng.normal(size=K), rng.normal(), rng.normal(size=N - K + 1)

    def conv(x_, w_, b_):
        return np.array([sum(w_[k] * x_[i + k] for k in range(K)) + b_ for i in range(N - K + 1)])

    s.eq(11, "= 5$", N - K + 1, 5)
    L = lambda x_, w_, b_: g @ conv(x_, w_, b_)  # noqa: E731  any loss with dL/dy = g
    dy_dw = jacobian(lambda v: conv(x, v, b), w)  # [i, k]
    i, k = np.indices((N - K + 1, K))
    s.eq(14, "= x_{i+k}$", dy_dw, x[i + k])
    dw = grad(lambda v: L(x, v, b), w)
    s.eq(17, r"= \sum_{i=0}^{N-K} \frac{\partial L}{\partial y_i} \frac{\partial y_i}", dw, g @ dy_dw)
    s.eq(17, r"\, x_{i+k}", g @ dy_dw, np.array([sum(g[i_] * x[i_ + k_] for i_ in range(N - K + 1)) for k_ in range(K)]))
    s.eq(20, r"= \sum_{i=0}^{N-K} \frac{\partial L}{\partial y_i}$", grad(lambda c: L(x, w, c[0]), np.array([b])), g.sum())
    dx = grad(lambda v: L(v, w, b), x)
    full = [sum(g[j - k_] * w[k_] for k_ in range(K) if 0 <= j - k_ <= N - K) for j in range(N)]
    s.eq(26, r"= \sum_{k=0}^{K-1} \frac{\partial L}{\partial y_{j-k}} \, w_k ,", dx, full)
    s.eq(34, "+ 1 = 4$", math.floor((7 + 2 - 3) / 2) + 1, 4)


def check():
    run(__file__, steps)
