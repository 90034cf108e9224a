import numpy as np
from _truth import run, fd_grad, fd_jac, softmax

K = 4


def body(D, rng):
    z = rng.normal(size=K) * 2
    c = rng.normal() * 3
    D.step(r"= \frac{e^{z_j + c}}{\sum_{k=1}^K e^{z_k + c}}", softmax(z + c), np.exp(z + c) / np.exp(z + c).sum())
    D.step(r"= \frac{e^{z_j}\cdot e^c}", np.exp(z + c) / np.exp(z + c).sum(), np.exp(z) * np.exp(c) / (np.exp(z) * np.exp(c)).sum())
    D.step(r"\cdot e^c} = \sigma(\mathbf{z})_j$.", np.exp(z) * np.exp(c) / (np.exp(z) * np.exp(c)).sum(), softmax(z))
    g = fd_grad(lambda v: np.log(np.exp(v).sum()), z)
    D.step(r"= \frac{e^{z_i}}{\sum_{j=1}^K e^{z_j}} = \sigma", g, np.exp(z) / np.exp(z).sum())
    D.step(r"e^{z_j}} = \sigma(\mathbf{z})_i,$$", np.exp(z) / np.exp(z).sum(), softmax(z))
    q = rng.normal(size=K)
    s = softmax(q)
    J = fd_jac(softmax, q)
    D.step(r"= \sigma(\mathbf{q})_i(\delta_{ik} - \sigma(\mathbf{q})_k).$$", J, s[:, None] * (np.eye(K) - s[None, :]))
    D.step(r"= \operatorname{diag}(\sigma(\mathbf{q})) - \sigma", J, np.diag(s) - np.outer(s, s))
    D.step(r"$\sum_i \sigma(\mathbf{q})_i = 1$", s.sum(), 1.0)
    beta = rng.uniform(0.2, 3)
    sb = lambda v: softmax(beta * v)
    D.step(r"$\sigma_\beta(\mathbf{z})_i = \frac{e^{\beta z_i}}", sb(z), np.exp(beta * z) / np.exp(beta * z).sum())
    D.step(r"= \beta\,\sigma_\beta(\mathbf{z})_i(\delta_{ik}", fd_jac(sb, z), beta * sb(z)[:, None] * (np.eye(K) - sb(z)[None, :]))


def check():
    run(__file__, body)
