import numpy as np
from _truth import run, fd_grad, fd_jac

H, eps = 5, 1e-5


def xhat(x):
    mu = x.mean()
    return (x - mu) / np.sqrt(np.mean((x - mu) ** 2) + eps)


def body(D, rng):
    x, g = rng.normal(size=H) * 2, rng.normal(size=H)
    gam, bet = rng.normal(size=H), rng.normal(size=H)
    xh = xhat(x)
    s = np.sqrt(np.mean((x - x.mean()) ** 2) + eps)
    D.step(r"$\frac{\partial L}{\partial \gamma_i} = g_i\hat{x}_i$", fd_grad(lambda v: np.sum(g * (v * xh + bet)), gam), g * xh)
    D.step(r"$\frac{\partial L}{\partial \beta_i} = g_i$.", fd_grad(lambda v: np.sum(g * (gam * xh + v)), bet), g)
    J = fd_jac(xhat, x)          # J[j, i] = d xhat_j / d x_i
    claimed = np.array([[(float(i == j) - 1 / H - xh[i] * xh[j] / H) / s for i in range(H)] for j in range(H)])
    D.step(r"= \frac{1}{s}\left(\delta_{ij} - \frac{1}{H}", J, claimed)
    gh = gam * g
    L = lambda v: np.sum(g * (gam * xhat(v) + bet))
    dx = fd_grad(L, x)
    r1 = np.array([sum(gh[j] * J[j, i] for j in range(H)) for i in range(H)])
    D.step(r"= \sum_{j=1}^{H}\hat{g}_j\frac{\partial \hat{x}_j}{\partial x_i} =", dx, r1)
    D.step(r"= \frac{1}{s}\left(\hat{g}_i - \frac{1}{H}\sum", r1, (gh - gh.sum() / H - xh * np.sum(gh * xh) / H) / s)
    D.step(r"$\sum_i \hat{x}_i = 0$", xh.sum(), 0.0)
    var = np.mean((x - x.mean()) ** 2)
    D.step(r"$\sum_i \hat{x}_i^2 = H\sigma^2/(\sigma^2+\epsilon)$", np.sum(xh ** 2), H * var / (var + eps))
    D.step(r"$\sum_i \frac{\partial L}{\partial x_i} = 0$", dx.sum(), 0.0)


def check():
    run(__file__, body)
