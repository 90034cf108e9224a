import numpy as np
from _truth import run, fd_grad, fd_hess, d1


def body(D, rng):
    X, y, w = rng.normal(size=(8, 3)), rng.normal(size=8), rng.normal(size=3)
    lam = rng.uniform(0.1, 2)
    J = lambda v: 0.5 * np.sum((X @ v - y) ** 2) + lam / 2 * v @ v
    A = X.T @ X + lam * np.eye(3)
    D.step(r"$$\nabla J(w) = X^\top(Xw - y) + \lambda w", fd_grad(J, w), X.T @ (X @ w - y) + lam * w)
    D.step(r"= (X^\top X + \lambda I)w - X^\top y$$", X.T @ (X @ w - y) + lam * w, A @ w - X.T @ y)
    D.step(r"its Hessian $X^\top X + \lambda I$", fd_hess(J, w), A)
    ws = np.linalg.solve(A, X.T @ y)
    D.step(r"$\nabla J(w^*) = (X^\top X", fd_grad(J, ws), A @ ws - X.T @ y)
    D.step(r"w^* - X^\top y = 0$", A @ ws - X.T @ y, np.zeros(3))
    g = fd_grad(lambda v: lam * np.sum(np.abs(v)), w)
    D.step(r"= \lambda\,\mathrm{sign}(w_j)$$", g, lam * np.sign(w))
    z, wv = rng.normal() * 3, rng.normal() * 2
    D.step(r"the derivative is $w - z + \lambda", d1(lambda t: 0.5 * (t - z) ** 2 + lam * abs(t), wv), wv - z + lam * np.sign(wv))
    grid = np.linspace(-5, 5, 200001)
    for zz, ll, expect in ((3.0, 1.0, 2.0), (0.5, 1.0, 0.0)):
        best = grid[np.argmin(0.5 * (grid - zz) ** 2 + ll * np.abs(grid))]
        D.step(r"$w^* = \mathrm{sign}(z)\max(|z| - \lambda, 0)$", round(best, 4), np.sign(zz) * max(abs(zz) - ll, 0))
        snippet = r"we get $w^* = 2$" if zz == 3.0 else r"we get $0$"
        D.step(snippet, np.sign(zz) * max(abs(zz) - ll, 0), expect)


def check():
    run(__file__, body)
