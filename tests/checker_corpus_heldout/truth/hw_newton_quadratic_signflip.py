import numpy as np
from _truth import run, fd_grad, fd_hess


def body(D, rng):
    M = rng.normal(size=(3, 3))
    A = M @ M.T + 3 * np.eye(3)
    b, x0 = rng.normal(size=3), rng.normal(size=3)
    f = lambda x: 0.5 * x @ A @ x - b @ x
    D.step(r"$\nabla f(x) = Ax - b$", fd_grad(f, x0), A @ x0 - b)
    D.step(r"$\nabla^2 f(x) = A$", fd_hess(f, x0), A)
    Ai = np.linalg.inv(A)
    x1 = x0 - np.linalg.inv(fd_hess(f, x0)) @ fd_grad(f, x0)
    a = x0 - Ai @ (A @ x0 - b)
    D.step(r"$$x_1 = x_0 - A^{-1}(Ax_0 - b)", x1, a)
    c = x0 - Ai @ A @ x0 - Ai @ b
    D.step(r"= x_0 - A^{-1}Ax_0 - A^{-1}b", a, c, planted=True)
    D.step(r"= -A^{-1}b$$", c, -Ai @ b)
    xs = np.linalg.solve(A, b)
    D.step(r"$Ax^* = b$", A @ xs, b)
    D.step(r"$x^* = A^{-1}b$", xs, Ai @ b)
    eta = rng.uniform(0.01, 0.2)
    x1g = x0 - eta * (A @ x0 - b)
    D.step(r"$\tilde{x}_1 - x^* = (I - \eta A)(x_0 - x^*)$", x1g - xs, (np.eye(3) - eta * A) @ (x0 - xs))


def check():
    run(__file__, body)
