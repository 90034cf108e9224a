import numpy as np
from corpus_truth import deriv, grad, run


def steps(s, rng):
    m = 6
    x, g = rng.normal(size=m), rng.normal(size=m)  # g_i = d loss / d y_i (the loss is sum_i g_i y_i)
    gamma, beta, eps = rng.normal(), rng.normal(), rng.uniform(1e-3, 0.5)

    def loss_of(x_, mu, var, gamma_=gamma, beta_=beta):  # the graph with mu and var as free inputs
        return np.sum(g * (gamma_ * (x_ - mu) / np.sqrt(var + eps) + beta_))

    mean = lambda x_: np.mean(x_)  # noqa: E731
    variance = lambda x_, mu: np.mean((x_ - mu) ** 2)  # noqa: E731
    loss = lambda x_: loss_of(x_, mean(x_), variance(x_, mean(x_)))  # noqa: E731
    mu, var = mean(x), variance(x, mean(x))
    x_hat = (x - mu) / np.sqrt(var + eps)
    d_xhat = grad(lambda v: np.sum(g * (gamma * v + beta)), x_hat)
    s.eq(18, r"&= \frac{\partial \ell}{\partial y_i} \cdot \gamma", d_xhat, g * gamma)
    d_var = deriv(lambda v: loss_of(x, mu, v), var)
    s.eq(19, r"&= \sum_{i=1}^{m} \frac{\partial \ell}{\partial \hat{x}_i} \cdot (x_i", d_var,
         np.sum(d_xhat * (x - mu) * -0.5 * (var + eps) ** -1.5))
    d_mu = deriv(lambda u: loss_of(x, u, variance(x, u)), mu)
    s.eq(20, r"&= \left( \sum_{i=1}^{m}", d_mu, np.sum(d_xhat * -1 / np.sqrt(var + eps)) + d_var * np.sum(-2 * (x - mu)) / m)
    d_x = grad(loss, x)
    s.eq(21, r"&= \frac{\partial \ell}{\partial \hat{x}_i} \cdot \frac{1}", d_x,
         d_xhat / np.sqrt(var + eps) + d_var * 2 * (x - mu) / m + d_mu / m)
    s.eq(22, r"&= \sum_{i=1}^{m} \frac{\partial \ell}{\partial y_i} \cdot \hat{x}_i",
         deriv(lambda c: loss_of(x, mu, var, gamma_=c), gamma), np.sum(g * x_hat))
    s.eq(23, r"&= \sum_{i=1}^{m} \frac{\partial \ell}{\partial y_i}", deriv(lambda c: loss_of(x, mu, var, beta_=c), beta), np.sum(g))
    s.eq(26, "= 0$", np.sum(x - mu), 0, atol=1e-12)
    s.eq(31, r"= \frac{\gamma}{m \sqrt{\sigma_{\mathcal{B}}^2 + \epsilon}}", d_x,
         gamma / (m * np.sqrt(var + eps)) * (m * g - g.sum() - x_hat * np.sum(g * x_hat)))


def check():
    run(__file__, steps)
