from corpus_truth import grad, run


def steps(s, rng):
    x, sv, b, d = rng.normal(size=(4, 3))
    M = rng.normal(size=(3, 3))
    W = M + M.T  # symmetric, as (86) and (87) assume
    form = lambda x_, s_: (x_ - s_) @ W @ (x_ - s_)  # noqa: E731
    s.eq(9, r"= 2\mathbf{W}(\mathbf{x} - \mathbf{s}) \tag{86}", grad(lambda v: form(v, sv), x), 2 * W @ (x - sv))
    s.eq(13, r"= -2\mathbf{W}(\mathbf{x} - \mathbf{s}) \tag{87}", grad(lambda v: form(x, v), sv), -2 * W @ (x - sv))
    B, A, C, D = rng.normal(size=(4, 3, 3))  # general, not symmetric
    s.eq(19, r"= \mathbf{x}^T \frac{\mathbf{B} + \mathbf{B}^T}{2}", x @ B @ x, x @ ((B + B.T) / 2) @ x)
    s.eq(22, r"= 2\mathbf{B}\mathbf{x}", grad(lambda v: v @ B @ v, x), 2 * B @ x)  # planted: (B + B^T) x
    s.eq(28, r"= \mathbf{A}^T \mathbf{C} (\mathbf{D}\mathbf{x} + \mathbf{d}) +",
         grad(lambda v: (A @ v + b) @ C @ (D @ v + d), x), A.T @ C @ (D @ x + d) + D.T @ C.T @ (A @ x + b))


def check():
    run(__file__, steps)
