import numpy as np
from _truth import run, fd_grad

n = 4


def body(D, rng):
    M = rng.normal(size=(n, n))
    A = M @ M.T + n * np.eye(n)
    b = rng.normal(size=n)
    f = lambda x: 0.5 * x @ A @ x - b @ x
    x = rng.normal(size=n)
    D.step(r"$\nabla f(\mathbf{x}) = A\mathbf{x} - \mathbf{b}$", fd_grad(f, x), A @ x - b)
    xs = np.linalg.solve(A, b)
    D.step(r"$\mathbf{b} = A\mathbf{x}^*$", b, A @ xs)
    eta = rng.uniform(0.1, 1.9) / np.linalg.eigvalsh(A).max()
    xk = [rng.normal(size=n)]
    for _ in range(6):
        xk.append(xk[-1] - eta * (A @ xk[-1] - b))
    for k in range(5):
        e1 = xk[k + 1] - xs
        a = xk[k] - eta * (A @ xk[k] - b) - xs
        c = xk[k] - xs - eta * A @ (xk[k] - xs)
        D.step(r"&= \mathbf{x}_k - \eta\left(A\mathbf{x}_k - \mathbf{b}\right) - \mathbf{x}^* \\", e1, a)
        D.step(r"&= \mathbf{x}_k - \mathbf{x}^* - \eta A", a, c)
        D.step(r"&= (I - \eta A)\,\mathbf{e}_k", c, (np.eye(n) - eta * A) @ (xk[k] - xs))
        D.step(r"$\mathbf{e}_k = (I - \eta A)^k\,\mathbf{e}_0$", xk[k] - xs, np.linalg.matrix_power(np.eye(n) - eta * A, k) @ (xk[0] - xs))
        lam, Q = np.linalg.eigh(A)
        D.step(r"$(I - \eta A)^k = Q(I - \eta\Lambda)^k Q^\top$", np.linalg.matrix_power(np.eye(n) - eta * A, k), Q @ np.diag((1 - eta * lam) ** k) @ Q.T)


def check():
    run(__file__, body)
