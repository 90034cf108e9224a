import numpy as np
from corpus_truth import deriv, grad, jacobian, run


def steps(s, rng):
    A, b, x = rng.normal(size=(5, 3)), rng.normal(size=5), rng.normal(size=3)
    f = lambda v: 0.5 * np.sum((A @ v - b) ** 2)  # noqa: E731
    s.eq(7, r"= \boldsymbol{A}^\top (\boldsymbol{A}\boldsymbol{x} - \boldsymbol{b})", grad(f, x), A.T @ (A @ x - b))
    s.eq(7, r"= \boldsymbol{A}^\top \boldsymbol{A} \boldsymbol{x} - \boldsymbol{A}^\top", A.T @ (A @ x - b), A.T @ A @ x - A.T @ b)
    H = A.T @ A
    s.eq(10, r"$\boldsymbol{H} = \boldsymbol{A}^\top \boldsymbol{A}$", jacobian(lambda v: A.T @ (A @ v - b), x), H)
    x0, eps = x, rng.uniform(0.1, 1)
    g = A.T @ (A @ x0 - b)
    s.eq(16, r"= f(\boldsymbol{x}^{(0)}) - \epsilon", f(x0 - eps * g),
         f(x0) - eps * g @ g + 0.5 * eps * g @ H @ g)  # planted: epsilon^2 in the curvature term
    eps_star = g @ g / (g @ H @ g)
    s.eq(30, "= 0 .", deriv(lambda e: f(x0 - e * g), eps_star), 0, atol=1e-6)


def check():
    run(__file__, steps)
