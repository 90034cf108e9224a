import numpy as np
from corpus_truth import grad, jacobian, run


def steps(s, rng):
    W, x, b, t = rng.normal(size=(3, 4)), rng.normal(size=4), rng.normal(size=3), rng.normal(size=3)
    L_of_y = lambda y_: 0.5 * np.sum((y_ - t) ** 2)  # noqa: E731
    y = W @ x + b
    gy = grad(L_of_y, y)
    s.eq(6, "= y - t$", gy, y - t)
    s.eq(8, r"= \sum_j W_{kj} x_j + b_k", y, np.einsum("kj,j->k", W, x) + b)
    dy_dW = jacobian(lambda V: V @ x + b, W)  # [k, i, j]
    kron = np.eye(3)
    s.eq(9, r"= \delta_{ki} x_j", dy_dW, kron[:, :, None] * x[None, None, :])
    dL_dW = grad(lambda V: L_of_y(V @ x + b), W)
    chain = [dL_dW, np.einsum("k,kij->ij", gy, dy_dW), np.einsum("k,ki,j->ij", gy, kron, x), np.outer(gy, x)]
    for snippet, left, right in zip([r"= \sum_k \frac{\partial L}{\partial y_k} \frac{\partial y_k}", r"\delta_{ki} x_j =",
                                     r"= \frac{\partial L}{\partial y_i} x_j ."], chain, chain[1:]):
        s.eq(12, snippet, left, right)
    s.eq(18, r"= \frac{\partial L}{\partial y} x^T", dL_dW, np.outer(gy, x))
    s.eq(18, r"= (y - t)\, x^T", np.outer(gy, x), np.outer(y - t, x))
    dL_dx = grad(lambda v: L_of_y(W @ v + b), x)
    s.eq(24, r"= \sum_k \frac{\partial L}{\partial y_k} W_{kj}", dL_dx, np.einsum("k,kj->j", gy, W))
    s.eq(24, r"= W^T \frac{\partial L}{\partial y} .", dL_dx, W.T @ gy)
    s.eq(27, r"= \delta_{ki}$", jacobian(lambda v: W @ x + v, b), kron)
    dL_db = grad(lambda v: L_of_y(W @ x + v), b)
    s.eq(27, r"= \frac{\partial L}{\partial y} = y - t$", dL_db, gy)
    s.eq(27, r"= y - t$", gy, y - t)


def check():
    run(__file__, steps)
