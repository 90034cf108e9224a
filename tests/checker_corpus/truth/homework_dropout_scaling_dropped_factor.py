import itertools

import numpy as np
from corpus_truth import grad, jacobian, run


def steps(s, rng):
    n = 3
    y, p, g = rng.normal(size=n), rng.uniform(0.2, 0.9), rng.normal(size=n)
    masks = [np.array(r, dtype=float) for r in itertools.product([0, 1], repeat=n)]
    prob = [np.prod(np.where(r == 1, p, 1 - p)) for r in masks]
    expect = lambda f: sum(pr * f(r) for pr, r in zip(prob, masks))  # noqa: E731  exact expectation over the masks
    E_r = expect(lambda r: r)
    s.eq(11, r"$\mathbb{E}[r_i] = p$", E_r, p)
    E_yt = expect(lambda r: r * y / p)
    s.eq(14, r"= \frac{1}{p} \mathbb{E}[r_i] \, y_i", E_yt, E_r * y / p)
    s.eq(14, r"= \frac{1}{p} \cdot p \, y_i", E_r * y / p, p * y / p)
    s.eq(14, "= y_i .", p * y / p, y)
    var_r = expect(lambda r: (r - E_r) ** 2)
    s.eq(17, r"= p(1 - p)$", var_r, p * (1 - p))
    var_yt = expect(lambda r: (r * y / p - E_yt) ** 2)
    s.eq(20, r"= \frac{y_i^2}{p^2} \operatorname{Var}[r_i]", var_yt, y ** 2 / p ** 2 * var_r)
    s.eq(20, r"= \frac{y_i^2 \, p (1 - p)}{p^2}", y ** 2 / p ** 2 * var_r, y ** 2 * p * (1 - p) / p ** 2)
    s.eq(20, r"= \frac{1 - p}{p} \, y_i^2 ,", y ** 2 * p * (1 - p) / p ** 2, (1 - p) / p * y ** 2)
    r = rng.integers(2, size=n).astype(float)
    r[0] = 1.0  # at least one unit is kept
    dropout = lambda y_: r * y_ / p  # noqa: E731
    d_diag = np.diag(jacobian(dropout, y))  # the Jacobian is diagonal
    s.eq(25, r"= \frac{r_i}{p}$", d_diag, r / p)
    s.eq(29, r"= \frac{\partial L}{\partial \tilde{\boldsymbol{y}}} \odot \boldsymbol{r}", grad(lambda y_: g @ dropout(y_), y),
         g * r)  # planted: g * r / p


def check():
    run(__file__, steps)
