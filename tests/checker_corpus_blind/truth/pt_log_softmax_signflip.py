import numpy as np
from _truth import run, fd_grad, fd_jac, softmax

K = 4


def body(D, rng):
    z = rng.normal(size=K) * 2
    s = softmax(z)
    lse = lambda v: np.log(np.exp(v).sum())
    D.step(r"$$\log s_i = z_i - \log\sum_{k=1}^K e^{z_k},$$", np.log(s), z - lse(z))
    m = z.max()
    D.step(r"= m + \log\sum_k e^{z_k - m}$", lse(z), m + np.log(np.exp(z - m).sum()))
    D.step(r"= \frac{e^{z_j}}{\sum_k e^{z_k}} = s_j$", fd_grad(lse, z), np.exp(z) / np.exp(z).sum())
    D.step(r"{\sum_k e^{z_k}} = s_j$.", np.exp(z) / np.exp(z).sum(), s)
    J = fd_jac(lambda v: np.log(softmax(v)), z)
    D.step(r"= s_j - \delta_{ij}.$$", J, s[None, :] - np.eye(K), planted=True)  # delta_ij - s_j
    y = int(rng.integers(0, K))
    g = fd_grad(lambda v: -np.log(softmax(v)[y]), z)
    D.step(r"= s_j - \delta_{jy}$", g, s - np.eye(K)[y])
    D.step(r"$\nabla_{\mathbf{z}}L = \mathbf{s} - \mathbf{e}_y$", g, s - np.eye(K)[y])
    D.step(r"\frac{\partial \log s_i}{\partial z_j} = 0$.", s @ J, np.zeros(K))


def check():
    run(__file__, body)
