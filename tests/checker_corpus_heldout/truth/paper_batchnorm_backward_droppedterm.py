import numpy as np
from _truth import run, fd_grad

m, eps = 5, 1e-3


def body(D, rng):
    x = rng.normal(size=m) * 2 + 1
    g, b = rng.uniform(0.5, 2), rng.normal()
    c = rng.normal(size=m)  # dl/dy
    mu = x.mean()
    var = np.mean((x - mu) ** 2)
    xh = (x - mu) / np.sqrt(var + eps)
    ell = lambda x, mu, var, g=g, b=b: np.sum(c * (g * (x - mu) / np.sqrt(var + eps) + b))
    dxh = fd_grad(lambda v: np.sum(c * (g * v + b)), xh)
    D.step(r"= \frac{\partial \ell}{\partial y_i} \cdot \gamma$$", dxh, c * g)
    dvar = fd_grad(lambda v: ell(x, mu, v[0]), [var])[0]
    D.step(r"\cdot (x_i - \mu_\mathcal{B}) \cdot \frac{-1}{2}", dvar, np.sum(dxh * (x - mu) * -0.5 * (var + eps) ** -1.5))
    dmu = fd_grad(lambda u: ell(x, u[0], np.mean((x - u[0]) ** 2)), [mu])[0]
    D.step(r"\frac{-1}{\sqrt{\sigma_\mathcal{B}^2 + \epsilon}}\right) +", dmu,
           np.sum(dxh * -1 / np.sqrt(var + eps)) + dvar * np.sum(-2 * (x - mu)) / m)
    full = lambda xx: ell(xx, xx.mean(), np.mean((xx - xx.mean()) ** 2))
    D.step(r"\cdot \frac{2(x_i - \mu_\mathcal{B})}{m}$$", fd_grad(full, x),
           dxh / np.sqrt(var + eps) + dvar * 2 * (x - mu) / m, planted=True)
    D.step(r"\cdot \widehat{x}_i$$", fd_grad(lambda v: ell(x, mu, var, g=v[0]), [g])[0], np.sum(c * xh))
    D.step(r"{\partial \beta} = \sum_{i=1}^m", fd_grad(lambda v: ell(x, mu, var, b=v[0]), [b])[0], np.sum(c))


def check():
    run(__file__, body)
