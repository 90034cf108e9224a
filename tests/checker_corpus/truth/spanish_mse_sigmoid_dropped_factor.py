import numpy as np
from corpus_truth import deriv, run, sigmoid


def steps(s, rng):
    z = rng.normal(scale=2)
    for y in (0.0, 1.0):
        yh = sigmoid(z)
        s.eq(4, r"= \hat{y}(1 - \hat{y})$", deriv(sigmoid, z), yh * (1 - yh))
        mse_of_yh = lambda v: (v - y) ** 2  # noqa: E731,B023
        s.eq(7, r"= 2(\hat{y} - y)$", deriv(mse_of_yh, yh), 2 * (yh - y))
        d_mse = deriv(lambda t: mse_of_yh(sigmoid(t)), z)
        s.eq(10, r"= \frac{\partial L_{\text{MSE}}}{\partial \hat{y}} \cdot", d_mse, deriv(mse_of_yh, yh) * deriv(sigmoid, z))
        s.eq(10, r"= (\hat{y} - y)\, \hat{y} (1 - \hat{y}) .", deriv(mse_of_yh, yh) * deriv(sigmoid, z),
             (yh - y) * yh * (1 - yh))  # planted: the factor 2 is dropped
        ce_of_yh = lambda v: -(y * np.log(v) + (1 - y) * np.log(1 - v))  # noqa: E731,B023
        d = deriv(ce_of_yh, yh)
        s.eq(19, r"= -\frac{y}{\hat{y}} + \frac{1 - y}{1 - \hat{y}}", d, -y / yh + (1 - y) / (1 - yh))
        s.eq(19, r"= \frac{\hat{y} - y}{\hat{y}(1 - \hat{y})}", -y / yh + (1 - y) / (1 - yh), (yh - y) / (yh * (1 - yh)))
        d_ce = deriv(lambda t: ce_of_yh(sigmoid(t)), z)
        s.eq(25, r"= \frac{\hat{y} - y}{\hat{y}(1 - \hat{y})} \cdot", d_ce, (yh - y) / (yh * (1 - yh)) * yh * (1 - yh))
        s.eq(25, r"= \hat{y} - y .", (yh - y) / (yh * (1 - yh)) * yh * (1 - yh), yh - y)


def check():
    run(__file__, steps)
