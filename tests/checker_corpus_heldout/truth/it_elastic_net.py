import numpy as np
from _truth import run, fd_grad, fd_jac

n, p = 6, 3


def body(D, rng):
    X, y, w = rng.normal(size=(n, p)), rng.normal(size=n), rng.normal(size=p)
    lam, al = rng.uniform(0.1, 1.0), rng.uniform(0, 1)
    J = lambda v, al=al: np.sum((y - X @ v) ** 2) / (2 * n) + lam * al * np.sum(np.abs(v)) + lam * (1 - al) / 2 * v @ v
    D.step(r"= -\frac{1}{n}\mathbf{x}_j^\top(\mathbf{y} - X\mathbf{w}) + \lambda\alpha", fd_grad(J, w),
           -X.T @ (y - X @ w) / n + lam * al * np.sign(w) + lam * (1 - al) * w)
    for j in range(p):
        rj = y - sum(X[:, k] * w[k] for k in range(p) if k != j)
        D.step(r"$\mathbf{y} - X\mathbf{w} = \mathbf{r}_j - \mathbf{x}_j w_j$", y - X @ w, rj - X[:, j] * w[j])
        D.step(r"= \frac{1}{n}\mathbf{x}_j^\top\mathbf{r}_j - \frac{1}{n}", X[:, j] @ (y - X @ w) / n, X[:, j] @ rj / n - X[:, j] @ X[:, j] / n * w[j])
    J0 = lambda v: J(v, al=0.0)
    D.step(r"= \frac{1}{n}X^\top(X\mathbf{w} - \mathbf{y}) + \lambda\mathbf{w}$", fd_grad(J0, w), X.T @ (X @ w - y) / n + lam * w)
    D.step(r"l'hessiana è $\frac{1}{n}X^\top X + \lambda I$", fd_jac(lambda v: X.T @ (X @ v - y) / n + lam * v, w), X.T @ X / n + lam * np.eye(p))


def check():
    run(__file__, body)
