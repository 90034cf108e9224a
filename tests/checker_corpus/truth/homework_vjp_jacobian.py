import numpy as np
from corpus_truth import grad, jacobian, run


def steps(s, rng):
    x, u, v = rng.normal(size=3), rng.normal(size=3), rng.normal(size=2)
    f = lambda t: np.array([t[0] * t[1], t[1] + t[2] ** 2])  # noqa: E731
    D = jacobian(f, x)
    explicit = np.array([[x[1], x[0], 0.0], [0.0, 1.0, 2 * x[2]]])
    s.eq(12, r"= \left[ \begin{array}{ccc} \frac{\partial f_1}", D, D)  # the matrix of partials is the Jacobian
    s.eq(12, r"= \left[ \begin{array}{ccc} x_2 & x_1 & 0", D, explicit)
    s.eq(18, r"= \begin{pmatrix} x_2 u_1 + x_1 u_2", D @ u, [x[1] * u[0] + x[0] * u[1], u[1] + 2 * x[2] * u[2]])
    s.eq(24, r"= \begin{pmatrix} v_1 & v_2 \end{pmatrix} \left[", v @ D, v @ explicit)
    s.eq(24, r"= \begin{pmatrix} v_1 x_2 & v_1 x_1 + v_2", v @ explicit, [v[0] * x[1], v[0] * x[0] + v[1], 2 * v[1] * x[2]])
    s.eq(27, r"= v_1 x_1 x_2 + v_2 (x_2 + x_3^2)$", v @ f(x), v[0] * x[0] * x[1] + v[1] * (x[1] + x[2] ** 2))
    s.eq(28, r"= (D_x f)^T v$", grad(lambda t: v @ f(t), x), D.T @ v)


def check():
    run(__file__, steps)
