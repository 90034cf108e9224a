import numpy as np
from _truth import run, fd_jac, fd_grad


def f(x):
    return np.array([x[0] * x[1], np.sin(x[0]) + x[1] ** 2, np.exp(x[0] - x[1])])


def g(u):
    return u[0] ** 2 + u[1] + u[2]


def J(x):
    e = np.exp(x[0] - x[1])
    return np.array([[x[1], x[0]], [np.cos(x[0]), 2 * x[1]], [e, -e]])


def grad(x):
    x1, x2 = x
    e = np.exp(x1 - x2)
    return np.array([2 * x1 * x2 ** 2 + np.cos(x1) + e, 2 * x1 ** 2 * x2 + 2 * x2 - e])


def body(D, rng):
    x = rng.normal(size=2)
    D.step("J_f(x) = \\begin{bmatrix} x_2", fd_jac(f, x), J(x))
    e = np.exp(-1)
    D.step("J_f(0, 1) = \\begin{bmatrix} 1 & 0", J(np.array([0.0, 1.0])), [[1, 0], [1, 2], [e, -e]])
    u = rng.normal(size=3)
    D.step("\\nabla g(u) = \\begin{bmatrix} 2u_1", fd_grad(g, u), [2 * u[0], 1, 1])
    D.step("= J_f(x)^T \\nabla g(f(x))$", fd_grad(lambda y: g(f(y)), x), J(x).T @ np.array([2 * f(x)[0], 1, 1]))
    D.step("\\nabla (g \\circ f)(x) = \\begin{bmatrix} 2x_1 x_2^2", fd_grad(lambda y: g(f(y)), x), grad(x))
    D.step("I punktet $(0, 1)$ er det", grad(np.array([0.0, 1.0])), [1 + e, 2 - e])
    D.step("= \\begin{bmatrix} 1.3679 \\\\ 1.6321", np.round([1 + e, 2 - e], 4), [1.3679, 1.6321])


def check():
    run(__file__, body)
