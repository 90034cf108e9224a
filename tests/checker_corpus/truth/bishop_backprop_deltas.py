import numpy as np
from corpus_truth import deriv, grad, jacobian, run


def steps(s, rng):
    D, M, K = 3, 4, 2
    W1, W2 = rng.normal(size=(M, D)), rng.normal(size=(K, M))
    x, t = rng.normal(size=D), rng.normal(size=K)

    def outputs(a_hidden):  # the output activations a_k = y_k as a function of the hidden a_j
        return W2 @ np.tanh(a_hidden)

    def error_of_outputs(y):
        return 0.5 * np.sum((y - t) ** 2)

    a = W1 @ x
    z = np.tanh(a)
    y = W2 @ z
    s.eq(9, r"= \tanh(a_j)", z, np.tanh(a))  # z_j = h(a_j) with h = tanh
    u = rng.normal(size=5)
    h = np.tanh
    s.eq(21, r"= 1 - \tanh^2(a)", deriv(h, u), 1 - np.tanh(u) ** 2)
    s.eq(21, r"= 1 - h(a)^2", 1 - np.tanh(u) ** 2, 1 - h(u) ** 2)
    delta_k = grad(error_of_outputs, y)  # a_k = y_k
    s.eq(28, r"\delta_k = y_k - t_k", delta_k, y - t)
    delta_j = grad(lambda a_: error_of_outputs(outputs(a_)), a)
    s.eq(35, r"= \frac{\partial E_n}{\partial a_j}", delta_j, delta_j)  # the definition of delta_j
    s.eq(35, r"= \sum_{k} \frac{\partial E_n}{\partial a_k}", delta_j, delta_k @ jacobian(outputs, a))
    s.eq(35, r"= h'(a_j) \sum_{k=1}^{K}", delta_k @ jacobian(outputs, a), deriv(h, a) * (W2.T @ delta_k))
    s.eq(35, r"= (1 - z_j^2) \sum_{k=1}^{K}", deriv(h, a) * (W2.T @ delta_k), (1 - z ** 2) * (W2.T @ delta_k))
    s.eq(39, r"\partial w^{(1)}_{ji} = x_i", grad(lambda V: (V @ x)[0], W1)[0], x)
    s.eq(43, r"= \delta_j x_i", grad(lambda V: error_of_outputs(W2 @ np.tanh(V @ x)), W1), np.outer(delta_j, x))
    s.eq(43, r"= \delta_k z_j", grad(lambda V: error_of_outputs(V @ z), W2), np.outer(delta_k, z))


def check():
    run(__file__, steps)
