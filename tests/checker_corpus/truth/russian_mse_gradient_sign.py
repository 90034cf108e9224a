import numpy as np
from corpus_truth import deriv, run


def steps(s, rng):
    n = 6
    x, y, w, b = rng.normal(size=n), rng.normal(size=n), rng.normal(), rng.normal()
    L = lambda w_, b_: np.mean((y - (w_ * x + b_)) ** 2)  # noqa: E731
    y_hat = w * x + b
    u = lambda w_: y - (w_ * x + b)  # noqa: E731
    s.eq(10, r"= 2u \cdot u'$", deriv(lambda t: u(t) ** 2, w), 2 * u(w) * deriv(u, w))
    s.eq(10, r"\partial w} = -x_i$", deriv(u, w), -x)
    s.eq(11, "= -1$", deriv(lambda t: y - (w * x + t), b), -1)
    dw = deriv(lambda t: L(t, b), w)
    s.eq(14, r"= \frac{1}{n} \sum_{i=1}^{n} 2 (y_i - \hat{y}_i) \cdot (-x_i)", dw, np.mean(2 * (y - y_hat) * (-x)))
    s.eq(14, r"= \frac{2}{n} \sum_{i=1}^{n} (y_i - \hat{y}_i) x_i", np.mean(2 * (y - y_hat) * (-x)),
         2 / n * np.sum((y - y_hat) * x))  # planted: the minus sign is lost
    db = deriv(lambda t: L(w, t), b)
    s.eq(18, r"= \frac{1}{n} \sum_{i=1}^{n} 2 (y_i - \hat{y}_i) \cdot (-1)", db, np.mean(2 * (y - y_hat) * (-1)))
    s.eq(18, r"= -\frac{2}{n} \sum_{i=1}^{n} (y_i - \hat{y}_i)", np.mean(2 * (y - y_hat) * (-1)), -2 / n * np.sum(y - y_hat))
    s.eq(27, r"= -\frac{2}{n} \mathbf{1}^T (y - \hat{y})", db, -2 / n * np.ones(n) @ (y - y_hat))


def check():
    run(__file__, steps)
