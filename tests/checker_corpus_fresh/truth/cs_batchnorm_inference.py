import numpy as np
from _truth import run, fd_jac

eps = 1e-5


def body(D, rng):
    g, be, mu, b = rng.normal(size=(4, 4))
    s2 = rng.uniform(0.2, 2, size=4)
    W, u = rng.normal(size=(4, 3)), rng.normal(size=3)
    x = W @ u + b
    bn = lambda x: g * (x - mu) / np.sqrt(s2 + eps) + be
    a = g / np.sqrt(s2 + eps)
    c = be - a * mu
    D.step(r"+ \beta_i = a_i x_i + c_i$$", bn(x), a * x + c)
    D.step(r"$\frac{\partial y_i}{\partial x_i} = a_i$", np.diag(fd_jac(bn, x)), a)
    y = bn(W @ u + b)
    D.step(r"$$y = \mathrm{diag}(a)(Wu + b) + c", y, np.diag(a) @ (W @ u + b) + c)
    Wp, bp = np.diag(a) @ W, a * (b - mu) + be
    D.step(r"+ c = W'u + b'$$", np.diag(a) @ (W @ u + b) + c, Wp @ u + bp)


def check():
    run(__file__, body)
