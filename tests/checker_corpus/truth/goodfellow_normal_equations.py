import numpy as np
from corpus_truth import grad, run


def steps(s, rng):
    m, n = 7, 3
    X, y, w = rng.normal(size=(m, n)), rng.normal(size=m), rng.normal(size=n)
    y_hat = X @ w
    s.eq(7, r"= \frac{1}{m} \sum_i", np.linalg.norm(y_hat - y) ** 2 / m, np.sum((y_hat - y) ** 2) / m)

    # the chain of conditions holds at the minimizer
    w_opt = np.linalg.lstsq(X, y, rcond=None)[0]
    mse = lambda v: np.linalg.norm(X @ v - y) ** 2 / m  # noqa: E731
    conditions = [grad(mse, w_opt), grad(lambda v: np.linalg.norm(X @ v - y) ** 2 / m, w_opt),
                  grad(lambda v: (X @ v - y) @ (X @ v - y), w_opt) / m,
                  grad(lambda v: v @ X.T @ X @ v - 2 * v @ X.T @ y + y @ y, w_opt),
                  2 * X.T @ X @ w_opt - 2 * X.T @ y]
    for line, value in zip([13, 14, 15, 16, 17], conditions):
        s.eq(line, "&= 0", value, 0, atol=1e-6)
    s.eq(18, r"&= \left( \boldsymbol{X}^{(\text{train})\top}", w_opt, np.linalg.inv(X.T @ X) @ X.T @ y)

    s.eq(25, r"= \boldsymbol{w}^\top \boldsymbol{X}^\top \boldsymbol{X} \boldsymbol{w} - 2", (X @ w - y) @ (X @ w - y),
         w @ X.T @ X @ w - 2 * w @ X.T @ y + y @ y)
    s.eq(28, r"= \boldsymbol{w}^\top \boldsymbol{X}^\top \boldsymbol{y}", y @ X @ w, w @ X.T @ y)
    s.eq(31, r"= 2 \boldsymbol{X}^\top \boldsymbol{X} \boldsymbol{w} - 2", grad(lambda v: v @ X.T @ X @ v - 2 * v @ X.T @ y + y @ y, w),
         2 * X.T @ X @ w - 2 * X.T @ y)


def check():
    run(__file__, steps)
