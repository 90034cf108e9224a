import numpy as np
from _truth import run, fd_grad

n = 6
eps = 1e-5


def body(D, rng):
    x = rng.normal(size=n) * 1.5 + 0.3
    g, b = rng.uniform(0.5, 2), rng.normal()
    c = rng.normal(size=n)  # dL/dy, L = sum(c * y)
    mu = x.mean()
    var = np.sum((x - mu) ** 2) / (n - 1)
    s = np.sqrt(var + eps)
    xh = (x - mu) / s
    L_of = lambda x, mu, var: np.sum(c * (g * (x - mu) / np.sqrt(var + eps) + b))
    dxh = fd_grad(lambda v: np.sum(c * (g * v + b)), xh)
    D.step(r"= \gamma \frac{\partial L}{\partial y_i}$$", dxh, g * c)
    dvar = fd_grad(lambda v: L_of(x, mu, v[0]), [var])[0]
    a1 = np.sum(dxh * (x - mu) * (-0.5) * (var + eps) ** -1.5)
    D.step(r"(x_i - \mu)\left(-\frac{1}{2}\right)(\sigma^2 + \epsilon)^{-3/2}", dvar, a1)
    D.step(r"= -\frac{\gamma}{2(\sigma^2 + \epsilon)}", a1, -g / (2 * (var + eps)) * np.sum(c * xh))
    var_of_mu = lambda m: np.sum((x - m) ** 2) / (n - 1)
    dmu = fd_grad(lambda m: L_of(x, m[0], var_of_mu(m[0])), [mu])[0]
    a2 = -1 / s * np.sum(dxh)
    D.step(r"= -\frac{1}{\sqrt{\sigma^2 + \epsilon}}\sum_i", dmu, a2)
    D.step(r"= -\frac{\gamma}{\sqrt{\sigma^2+\epsilon}}\sum_i", a2, -g / s * np.sum(c))
    D.step(r"= \frac{2}{n-1}(x_i - \mu)$", fd_grad(lambda xx: np.sum((xx - mu) ** 2) / (n - 1), x), 2 / (n - 1) * (x - mu))
    D.step(r"= \frac{1}{n}$, so", fd_grad(lambda xx: xx.mean(), x), np.full(n, 1 / n))
    full = lambda xx: L_of(xx, xx.mean(), np.sum((xx - xx.mean()) ** 2) / (n - 1))
    dx = fd_grad(full, x)
    r1 = dxh / s + dvar * 2 * (x - mu) / (n - 1) + dmu / n
    r2 = g / s * (c - xh * np.sum(c * xh) / (n - 1) - np.sum(c) / n)
    r3 = g / (n * s) * (n * c - np.sum(c) - n / (n - 1) * xh * np.sum(c * xh))
    D.step(r"&= \frac{\partial L}{\partial \hat{x}_i}\frac{1}{\sqrt{\sigma^2+\epsilon}}", dx, r1)
    D.step(r"&= \frac{\gamma}{\sqrt{\sigma^2+\epsilon}}\left(", r1, r2)
    D.step(r"&= \frac{\gamma}{n\sqrt{\sigma^2+\epsilon}}\left(", r2, r3)


def check():
    run(__file__, body)
