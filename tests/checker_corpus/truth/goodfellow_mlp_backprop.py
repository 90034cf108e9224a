import numpy as np
from corpus_truth import deriv, grad, run


def steps(s, rng):
    W1, b1, W2, b2 = rng.normal(size=(4, 3)), rng.normal(size=4), rng.normal(size=(2, 4)), rng.normal(size=2)
    x, y, lam = rng.normal(size=3), rng.normal(size=2), rng.uniform(0.1, 1)
    f = np.tanh

    def J(W1_, b1_, W2_, b2_):
        y_hat = f(b2_ + W2_ @ f(b1_ + W1_ @ x))
        return 0.5 * np.sum((y_hat - y) ** 2) + lam * 0.5 * (np.sum(W1_ ** 2) + np.sum(W2_ ** 2))

    a1 = b1 + W1 @ x
    h1 = f(a1)
    a2 = b2 + W2 @ h1
    h2 = y_hat = f(a2)
    t = rng.normal(size=5)
    s.eq(15, r"= 1 - \tanh^2(\boldsymbol{a})", deriv(f, t), 1 - np.tanh(t) ** 2)
    s.eq(15, r"= 1 - \boldsymbol{h}^{(k)} \odot", deriv(f, a1), 1 - h1 * h1)
    s.eq(15, r"= 1 - \boldsymbol{h}^{(k)} \odot", deriv(f, a2), 1 - h2 * h2)
    J_of_yhat = lambda v: 0.5 * np.sum((v - y) ** 2) + lam * 0.5 * (np.sum(W1 ** 2) + np.sum(W2 ** 2))  # noqa: E731
    L_of_yhat = lambda v: 0.5 * np.sum((v - y) ** 2)  # noqa: E731
    g_yhat = grad(J_of_yhat, y_hat)
    s.eq(21, r"= \nabla_{\hat{\boldsymbol{y}}} L(", g_yhat, grad(L_of_yhat, y_hat))
    s.eq(21, r"= \hat{\boldsymbol{y}} - \boldsymbol{y}", grad(L_of_yhat, y_hat), y_hat - y)
    g_a2 = grad(lambda v: J_of_yhat(f(v)), a2)
    s.eq(25, r"= \nabla_{\hat{\boldsymbol{y}}} J \odot f'", g_a2, g_yhat * deriv(f, a2))
    s.eq(25, r"= (\hat{\boldsymbol{y}} - \boldsymbol{y}) \odot", g_yhat * deriv(f, a2), (y_hat - y) * (1 - h2 * h2))
    s.eq(31, r"= \nabla_{\boldsymbol{a}^{(2)}} J, \qquad", grad(lambda v: J(W1, b1, W2, v), b2), g_a2)
    s.eq(32, r"\boldsymbol{h}^{(1)\top} + \lambda", grad(lambda v: J(W1, b1, v, b2), W2), np.outer(g_a2, h1) + lam * W2)
    g_h1 = grad(lambda v: J_of_yhat(f(b2 + W2 @ v)), h1)
    s.eq(38, r"= \boldsymbol{W}^{(2)\top} \nabla", g_h1, W2.T @ g_a2)
    g_a1 = grad(lambda v: J_of_yhat(f(b2 + W2 @ f(v))), a1)
    s.eq(39, r"= \nabla_{\boldsymbol{h}^{(1)}} J \odot f'", g_a1, g_h1 * deriv(f, a1))
    s.eq(45, r"= \nabla_{\boldsymbol{a}^{(1)}} J, \qquad", grad(lambda v: J(W1, v, W2, b2), b1), g_a1)
    s.eq(46, r"\boldsymbol{x}^\top + \lambda", grad(lambda v: J(v, b1, W2, b2), W1), np.outer(g_a1, x) + lam * W1)


def check():
    run(__file__, steps)
