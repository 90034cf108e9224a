import numpy as np
from _truth import run, fd_grad


def body(D, rng):
    A, B, X = rng.normal(size=(3, 3, 3))
    tr, det, inv = np.trace, np.linalg.det, np.linalg.inv
    D.step("\\mathrm{tr}(ABX) = \\mathrm{tr}(XAB) = \\mathrm{tr}(BXA)", [tr(A @ B @ X), tr(X @ A @ B)], [tr(X @ A @ B), tr(B @ X @ A)])
    D.step("\\frac{\\partial\\, \\mathrm{tr}(AX)}{\\partial X} = A^T$$", fd_grad(lambda m: tr(A @ m), X), A.T)
    D.step("= A^T B^T$$", fd_grad(lambda m: tr(A @ m @ B), X), A.T @ B.T)
    D.step("= (A + A^T)X$$", fd_grad(lambda m: tr(m.T @ A @ m), X), (A + A.T) @ X)
    D.step("= 2X^T$$", fd_grad(lambda m: tr(m @ m), X), 2 * X.T)
    D.step("\\frac{\\partial \\det X}{\\partial X} = \\det(X)\\, X^{-T}$$", fd_grad(det, X), det(X) * inv(X).T)
    D.step("= \\det(AXB)\\, X^{-T}$$", fd_grad(lambda m: det(A @ m @ B), X), det(A @ X @ B) * inv(X).T)
    D.step("$\\det(2X) = 8\\det X$", det(2 * X), 8 * det(X))
    D.step("$\\det(X^{-1}) = \\frac{1}{\\det X}$", det(inv(X)), 1 / det(X))
    D.step("$\\det(X^T) = \\det X$", det(X.T), det(X))
    lam = np.linalg.eigvals(X)
    D.step("$\\mathrm{tr}(X) = \\sum_i \\lambda_i$", [tr(X), det(X)], [np.sum(lam).real, np.prod(lam).real])
    Dg = np.diag([1.0, 2.0, 3.0])
    D.step("that is $6$ and $6$", [tr(Dg), det(Dg)], [6, 6])


def check():
    run(__file__, body)
