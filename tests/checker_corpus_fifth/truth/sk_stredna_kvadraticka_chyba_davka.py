import numpy as np
from _truth import run, fd_grad, fd_hess


def body(D, rng):
    X, y, w = rng.normal(size=(5, 3)), rng.normal(size=5), rng.normal(size=3)
    N = 5
    L = lambda v: np.sum((X @ v - y) ** 2) / N
    D.step("= \\frac{1}{N}\\sum_{n=1}^{N} (x_n^T w - y_n)^2$$", L(w), sum((X[n] @ w - y[n]) ** 2 for n in range(N)) / N)
    per = 2 / N * sum((X[n] @ w - y[n]) * X[n] for n in range(N))
    D.step("\\nabla_w L = \\frac{2}{N}\\sum", fd_grad(L, w), per)
    D.step("= \\frac{2}{N} X^T (Xw - y)$$", per, 2 / N * X.T @ (X @ w - y))
    D.step("\\nabla_w^2 L = \\frac{2}{N} X^T X$$", fd_hess(L, w), 2 / N * X.T @ X)
    yh = X @ w
    D.step("= \\frac{2}{N}(\\hat{y} - y)$", fd_grad(lambda v: np.sum((v - y) ** 2) / N, yh), 2 / N * (yh - y))
    r = np.array([0.5, -1, 2, 0])
    D.step("\\mathrm{MSE} = \\frac{0.25 + 1 + 4 + 0}{4}", np.mean(r ** 2), (0.25 + 1 + 4 + 0) / 4)
    D.step("= \\frac{5.25}{4} = 1.3125$$", [np.mean(r ** 2), 5.25 / 4], [1.3125, 1.3125])
    D.step("= \\frac{2}{4} r = (0.25,", fd_grad(lambda v: np.mean(v ** 2), r), [0.25, -0.5, 1, 0])


def check():
    run(__file__, body)
