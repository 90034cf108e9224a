import numpy as np
from corpus_truth import grad, jacobian, run


def steps(s, rng):
    x, a, b, c = rng.normal(size=3), rng.normal(size=3), rng.normal(size=3), rng.normal(size=4)
    B, X = rng.normal(size=(3, 3)), rng.normal(size=(3, 4))
    s.eq(18, r"= \frac{\partial \mathbf{a}^T \mathbf{x}}", grad(lambda v: v @ a, x), grad(lambda v: a @ v, x))
    s.eq(18, r"= \mathbf{a} \tag{69}", grad(lambda v: a @ v, x), a)
    s.eq(22, r"= \mathbf{a} \mathbf{c}^T \tag{70}", grad(lambda V: a @ V @ c, X), np.outer(a, c))
    s.eq(26, r"= \mathbf{a} \mathbf{c}^T \tag{71}", grad(lambda V: c @ V.T @ a, X), np.outer(a, c))
    quad = lambda v: v @ B @ v  # noqa: E731
    s.eq(32, r"= (\mathbf{B} + \mathbf{B}^T) \mathbf{x}", grad(quad, x), (B + B.T) @ x)
    index_form = grad(lambda v: sum(v[i] * B[i, j] * v[j] for i in range(3) for j in range(3)), x)
    s.eq(35, r"= \sum_j B_{kj} x_j + \sum_i x_i B_{ik}", index_form, B @ x + x @ B)
    s.eq(37, r"= \mathbf{B} + \mathbf{B}^{\intercal}", jacobian(lambda v: grad(quad, v, eps=1e-4), x, eps=1e-4), B + B.T)
    s.eq(42, r"= \frac{\partial \mathbf{x}^\top \mathbf{x}}", grad(lambda v: np.linalg.norm(v) ** 2, x), grad(lambda v: v @ v, x))
    s.eq(42, r"= 2\mathbf{x} \tag{131}", grad(lambda v: v @ v, x), 2 * x)
    f = lambda v: v @ B @ v + a @ v + np.sum((v - b) ** 2)  # noqa: E731
    s.eq(48, r"\nabla f = (\mathbf{B} + \mathbf{B}^T)\mathbf{x} + \mathbf{a} + 2", grad(f, x), (B + B.T) @ x + a + 2 * (x - b))


def check():
    run(__file__, steps)
