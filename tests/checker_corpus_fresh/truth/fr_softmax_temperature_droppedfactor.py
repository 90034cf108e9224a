import numpy as np
from _truth import run, fd_grad, softmax


def body(D, rng):
    z = rng.normal(size=4) * 2
    T = rng.uniform(1.5, 5)
    y = rng.dirichlet(np.ones(4))
    p = softmax(z / T)
    u = z / T
    D.step(r"$\frac{\partial L}{\partial u_i} = p_i - y_i$", fd_grad(lambda v: -y @ np.log(softmax(v)), u), softmax(u) - y)
    D.step(r"(car $\sum_i y_i = 1$)", y.sum(), 1.0)
    D.step(r"$\frac{\partial u_i}{\partial z_i} = \frac{1}{T}$", fd_grad(lambda v: v[0] / T, z)[0], 1 / T)
    D.step(r"$$\frac{\partial L}{\partial z_i} = p_i - y_i$$", fd_grad(lambda v: -y @ np.log(softmax(v / T)), z), p - y, planted=True)


def check():
    run(__file__, body)
