import numpy as np
from corpus_truth import deriv, grad, jacobian, run


def steps(s, rng):
    m = 5
    x, g = rng.normal(size=m), rng.normal(size=m)
    gamma, beta, eps = rng.normal(), rng.normal(), rng.uniform(1e-3, 0.5)
    one = np.ones(m)

    def normalize(x_):
        mu = one @ x_ / m
        var = np.sum((x_ - mu * one) ** 2) / m
        return (x_ - mu * one) / np.sqrt(var + eps)

    x_hat = normalize(x)
    var = np.sum((x - x.mean()) ** 2) / m
    sd = np.sqrt(var + eps)
    loss = lambda x_, gamma_=gamma, beta_=beta: g @ (gamma_ * normalize(x_) + beta_ * one)  # noqa: E731  d loss / d y = g
    s.eq(13, r"$\mathbf{1}^\top \hat{\mathbf{x}} = 0$", one @ x_hat, 0, atol=1e-12)
    s.eq(13, r"= \frac{m \sigma_{\mathcal{B}}^2}", x_hat @ x_hat, m * var / (var + eps))
    s.eq(16, r"= \hat{\mathbf{x}}^\top \mathbf{g}$", deriv(lambda c: loss(x, gamma_=c), gamma), x_hat @ g)
    s.eq(16, r"= \mathbf{1}^\top \mathbf{g}$", deriv(lambda c: loss(x, beta_=c), beta), one @ g)
    J = jacobian(normalize, x)
    s.eq(21, r"= \frac{1}{s} \left( I - \frac{1}{m}", J, (np.eye(m) - np.outer(one, one) / m - np.outer(x_hat, x_hat) / m) / sd)
    dx = grad(loss, x)
    s.eq(27, r"&= \left( \frac{\partial \hat{\mathbf{x}}}{\partial \mathbf{x}} \right)^\top \gamma", dx, J.T @ (gamma * g))
    full = gamma / sd * (g - one * (one @ g) / m - x_hat * (x_hat @ g) / m)
    s.eq(28, r"= \frac{\gamma}{s} \left( \mathbf{g}", J.T @ (gamma * g), full)
    s.eq(29, r"&= \frac{\gamma}{m s} \left( m \mathbf{g}", full, gamma / (m * sd) * (m * g - one * (one @ g)))  # planted


def check():
    run(__file__, steps)
