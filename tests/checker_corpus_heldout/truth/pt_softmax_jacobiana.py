import numpy as np
from _truth import run, fd_jac, fd_grad, softmax

K = 4


def body(D, rng):
    z = rng.normal(size=K)
    s = softmax(z)
    e = np.exp(z)
    S = e.sum()
    J = fd_jac(softmax, z)
    dE = np.eye(K) * e[:, None]  # d e^{z_i} / d z_j
    dS = e  # d Sigma / d z_j
    q = (dE * S - np.outer(e, dS)) / S ** 2
    d = np.eye(K)
    D.step(r"= \frac{\frac{\partial e^{z_i}}{\partial z_j}\,\Sigma", J, q)
    D.step(r"= \frac{\delta_{ij}\,e^{z_i}\,\Sigma - e^{z_i}\,e^{z_j}}{\Sigma^2},$$", q, (d * e[:, None] * S - np.outer(e, e)) / S ** 2)
    a = d * (e / S)[:, None] - np.outer(e / S, e / S)
    D.step(r"= \delta_{ij}\,\frac{e^{z_i}}{\Sigma} - \frac{e^{z_i}}{\Sigma}", J, a)
    D.step(r"= \delta_{ij}\,s_i - s_i\,s_j", a, d * s[:, None] - np.outer(s, s))
    D.step(r"= s_i\left(\delta_{ij} - s_j\right).$$", d * s[:, None] - np.outer(s, s), s[:, None] * (d - s[None, :]))
    D.step(r"= \mathrm{diag}(\mathbf{s}) - \mathbf{s}\mathbf{s}^\top,$$", J, np.diag(s) - np.outer(s, s))
    D.step(r"= s_i - s_i\sum_j s_j = 0$", J.sum(axis=1), s - s * s.sum())
    D.step(r"\sum_j s_j = 0$", s - s * s.sum(), np.zeros(K))
    g = rng.normal(size=K)
    gz = fd_grad(lambda v: g @ softmax(v), z)
    D.step(r"= J_{\mathbf{s}}^\top\mathbf{g} = \mathbf{s}", gz, J.T @ g)
    D.step(r"= \mathbf{s} \odot \mathbf{g} - \left(", J.T @ g, s * g - (s @ g) * s)


def check():
    run(__file__, body)
