import numpy as np
from _truth import run, fd_grad, fd_jac, softmax

K = 4


def body(D, rng):
    a = rng.normal(size=K)
    t = np.eye(K)[rng.integers(0, K)]
    y = softmax(a)
    D.step(r"$$\frac{\partial y_k}{\partial a_j} = y_k(I_{kj} - y_j)$$", fd_jac(softmax, a), y[:, None] * (np.eye(K) - y[None, :]))
    E = lambda a: -np.sum(t * np.log(softmax(a)))
    g = fd_grad(E, a)
    J = fd_jac(softmax, a)
    r1 = np.array([-sum(t[k] / y[k] * J[k, j] for k in range(K)) for j in range(K)])
    D.step(r"= -\sum_{k=1}^K \frac{t_k}{y_k}\frac{\partial y_k}{\partial a_j}", g, r1)
    r2 = np.array([-sum(t[k] * (float(k == j) - y[j]) for k in range(K)) for j in range(K)])
    D.step(r"= -\sum_{k=1}^K t_k (I_{kj} - y_j)", r1, r2)
    D.step(r"= -t_j + y_j\sum_{k=1}^K t_k$$", r2, -t + y * t.sum())
    D.step(r"$\sum_k t_k = 1$", t.sum(), 1.0)
    D.step(r"= t_j - y_j$$", g, t - y, planted=True)


def check():
    run(__file__, body)
