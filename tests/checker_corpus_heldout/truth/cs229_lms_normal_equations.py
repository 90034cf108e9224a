import numpy as np
from _truth import run, fd_grad

n, d = 6, 3


def body(D, rng):
    x = np.concatenate([[1.0], rng.normal(size=d)])
    y = rng.normal()
    th = rng.normal(size=d + 1)
    h = th @ x
    J1 = lambda t: 0.5 * (t @ x - y) ** 2
    g = fd_grad(J1, th)
    inner = fd_grad(lambda t: t @ x - y, th)
    D.step(r"&= \frac{\partial}{\partial \theta_j} \frac{1}{2}\left(h_\theta(x) - y\right)^2", g, fd_grad(J1, th))
    D.step(r"&= 2 \cdot \frac{1}{2}\left(h_\theta(x) - y\right)", g, 2 * 0.5 * (h - y) * inner)
    D.step(r"\frac{\partial}{\partial \theta_j}\left(\sum_{i=0}^d", 2 * 0.5 * (h - y) * inner,
           (h - y) * fd_grad(lambda t: np.sum(t * x) - y, th))
    D.step(r"&= \left(h_\theta(x) - y\right) x_j", (h - y) * inner, (h - y) * x)

    X = np.column_stack([np.ones(n), rng.normal(size=(n, d))])
    yv = rng.normal(size=n)
    J = lambda t: 0.5 * (X @ t - yv) @ (X @ t - yv)
    G = fd_grad(J, th)
    f2 = lambda t: 0.5 * ((X @ t) @ (X @ t) - (X @ t) @ yv - yv @ (X @ t) + yv @ yv)
    f3 = lambda t: 0.5 * (t @ (X.T @ X) @ t - yv @ (X @ t) - yv @ (X @ t))
    D.step(r"&= \nabla_\theta \frac{1}{2}(X\theta", G, fd_grad(J, th))
    D.step(r"&= \frac{1}{2}\nabla_\theta\left((X\theta)^T X\theta", G, fd_grad(f2, th))
    D.step(r"&= \frac{1}{2}\nabla_\theta\left(\theta^T(X^TX)\theta", fd_grad(f2, th), fd_grad(f3, th))
    D.step(r"&= \frac{1}{2}\left(2X^TX\theta - 2X^T\vec{y}\right)", fd_grad(f3, th), 0.5 * (2 * X.T @ X @ th - 2 * X.T @ yv))
    D.step(r"&= X^TX\theta - X^T\vec{y}", 0.5 * (2 * X.T @ X @ th - 2 * X.T @ yv), X.T @ X @ th - X.T @ yv)


def check():
    run(__file__, body)
