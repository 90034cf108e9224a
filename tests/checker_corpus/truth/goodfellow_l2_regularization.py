import numpy as np
from corpus_truth import grad, run


def steps(s, rng):
    n, d = 6, 3
    X, y, w, alpha = rng.normal(size=(n, d)), rng.normal(size=n), rng.normal(size=d), rng.uniform(0.1, 2)
    J = lambda v: 0.5 * np.sum((X @ v - y) ** 2) + np.sum(np.sin(v))  # noqa: E731  any smooth J
    J_tilde = lambda v: alpha / 2 * v @ v + J(v)  # noqa: E731
    s.eq(5, r"\nabla_{\boldsymbol{\theta}} \Omega(\boldsymbol{\theta}) = \boldsymbol{w}$", grad(lambda v: 0.5 * v @ v, w), w)  # theta is w
    s.eq(14, r"= \alpha \boldsymbol{w} + \nabla_{\boldsymbol{w}} J", grad(J_tilde, w), alpha * w + grad(J, w))

    A = rng.normal(size=(d, d))
    H = A @ A.T  # a Hessian at a minimum: symmetric, positive semidefinite
    w_star = rng.normal(size=d)
    J_hat = lambda v: 1.7 + 0.5 * (v - w_star) @ H @ (v - w_star)  # noqa: E731
    s.eq(33, r"= \boldsymbol{H} (\boldsymbol{w} - \boldsymbol{w}^*)", grad(J_hat, w), H @ (w - w_star))
    w_tilde = np.linalg.solve(H + alpha * np.eye(d), H @ w_star)
    assert np.allclose(grad(lambda v: J_hat(v) + alpha / 2 * v @ v, w_tilde), 0, atol=1e-6)  # it is the minimum
    s.eq(39, "&= 0", alpha * w_tilde + H @ (w_tilde - w_star), 0)
    s.eq(40, r"&= \boldsymbol{H} \boldsymbol{w}^*", (H + alpha * np.eye(d)) @ w_tilde, H @ w_star)
    s.eq(41, r"&= (\boldsymbol{H} + \alpha \boldsymbol{I})^{-1}", w_tilde, np.linalg.inv(H + alpha * np.eye(d)) @ H @ w_star)
    lam, Q = np.linalg.eigh(H)
    L = np.diag(lam)
    s.eq(44, r"\boldsymbol{H} = \boldsymbol{Q} \boldsymbol{\Lambda} \boldsymbol{Q}^\top", H, Q @ L @ Q.T)
    chain = [w_tilde, np.linalg.inv(Q @ L @ Q.T + alpha * np.eye(d)) @ Q @ L @ Q.T @ w_star,
             np.linalg.inv(Q @ (L + alpha * np.eye(d)) @ Q.T) @ Q @ L @ Q.T @ w_star,
             Q @ np.linalg.inv(L + alpha * np.eye(d)) @ L @ Q.T @ w_star]
    for line, snippet, left, right in zip([48, 49, 50], [r"&= (\boldsymbol{Q} \boldsymbol{\Lambda}", r"&= \left[ \boldsymbol{Q}",
                                                         r"&= \boldsymbol{Q} (\boldsymbol{\Lambda} + \alpha"],
                                          chain, chain[1:]):
        s.eq(line, snippet, left, right)


def check():
    run(__file__, steps)
