import numpy as np
from _truth import run, fd_jac

d = 3


def body(D, rng):
    z, u, w = rng.normal(size=(3, d))
    b = rng.normal()
    f = lambda v: v + u * np.tanh(w @ v + b)
    a = w @ z + b
    hp = 1 - np.tanh(a) ** 2
    J = fd_jac(f, z)
    D.step(r"= I + h'(w^\top z + b)\,u w^\top$$", J, np.eye(d) + hp * np.outer(u, w))
    v = rng.normal(size=d)
    D.step(r"$\det(I + u v^\top) = 1 + v^\top u$", np.linalg.det(np.eye(d) + np.outer(u, v)), 1 + v @ u)
    D.step(r"= 1 + h'(w^\top z + b)\,w^\top u$$", np.linalg.det(J), 1 + hp * (w @ u))
    x = rng.normal()
    D.step(r"$h'(x) = 1 - \tanh^2(x)$", (np.tanh(x + 1e-6) - np.tanh(x - 1e-6)) / 2e-6, 1 - np.tanh(x) ** 2)
    D.step(r"= \log\left|1 + \left(1 - \tanh^2(w^\top z + b)\right) w^\top u\right|$$", np.log(abs(np.linalg.det(J))), np.log(abs(1 + (1 - np.tanh(a) ** 2) * (w @ u))))


def check():
    run(__file__, body)
