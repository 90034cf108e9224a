import numpy as np
from _truth import run, fd_grad, fd_hess


def body(D, rng):
    M = rng.normal(size=(3, 3))
    A = M @ M.T + 3 * np.eye(3)
    b, x0 = rng.normal(size=(2, 3))
    c = rng.normal()
    f = lambda x: 0.5 * x @ A @ x - b @ x + c
    x = rng.normal(size=3)
    D.step(r"$$\nabla f(x) = Ax - b, \qquad", fd_grad(f, x), A @ x - b)
    D.step(r"\nabla^2 f(x) = A$$", fd_hess(f, x), A)
    x1 = x0 - np.linalg.solve(A, A @ x0 - b)
    H = fd_hess(f, x0)
    D.step(r"$$x_1 = x_0 - A^{-1}(Ax_0 - b)", x0 - np.linalg.solve(H, fd_grad(f, x0)), x0 - np.linalg.solve(A, A @ x0 - b))
    D.step(r"= A^{-1}b$$", x1, np.linalg.solve(A, b))
    D.step(r"$\nabla f(x_1) = A A^{-1}b - b = 0$", fd_grad(f, x1), A @ np.linalg.solve(A, b) - b)
    D.step(r"A^{-1}b - b = 0$", A @ np.linalg.solve(A, b) - b, np.zeros(3))
    xs = np.linalg.solve(A, b)
    D.step(r"= \frac{1}{2}(x_0 - x^*)^\top A(x_0 - x^*)$$", f(x0) - f(xs), 0.5 * (x0 - xs) @ A @ (x0 - xs))


def check():
    run(__file__, body)
