import numpy as np
from corpus_truth import deriv, grad, jacobian, run, sigmoid


def steps(s, rng):
    sizes = [2, 3, 2]  # layers 1 (input), 2, 3 = L
    w = {l: rng.normal(size=(sizes[l - 1], sizes[l - 2])) for l in (2, 3)}
    b = {l: rng.normal(size=sizes[l - 1]) for l in (2, 3)}
    x, y = rng.normal(size=2), rng.uniform(size=2)
    sp = lambda z_: deriv(sigmoid, z_)  # noqa: E731

    def forward(w_, b_):
        a, z = {1: x}, {}
        for l in (2, 3):
            z[l] = w_[l] @ a[l - 1] + b_[l]
            a[l] = sigmoid(z[l])
        return a, z

    cost_of_aL = lambda aL: 0.5 * np.sum((y - aL) ** 2)  # noqa: E731
    a, z = forward(w, b)
    for l in (2, 3):
        s.eq(10, r"$a^l = \sigma(w^l a^{l-1} + b^l)$", a[l],
             [sigmoid(sum(w[l][j, k] * a[l - 1][k] for k in range(sizes[l - 2])) + b[l][j]) for j in range(sizes[l - 1])])
        s.eq(11, r"$a^l = \sigma(z^l)$", a[l], sigmoid(z[l]))
    s.eq(15, r"= \frac{1}{2} \sum_j (y_j - a^L_j)^2", 0.5 * np.linalg.norm(y - a[3]) ** 2, 0.5 * np.sum((y - a[3]) ** 2))
    grad_a = grad(cost_of_aL, a[3])
    delta3 = grad(lambda z_: cost_of_aL(sigmoid(z_)), z[3])
    s.eq(24, r"= \sum_k \frac{\partial C}{\partial a^L_k}", delta3, grad_a @ jacobian(sigmoid, z[3]))
    s.eq(24, r"= \frac{\partial C}{\partial a^L_j} \sigma'(z^L_j)", grad_a @ jacobian(sigmoid, z[3]), grad_a * sp(z[3]))
    s.eq(27, r"= \nabla_a C \odot \sigma'(z^L)", delta3, grad_a * sp(z[3]))
    s.eq(28, r"$\nabla_a C = (a^L - y)$", grad_a, a[3] - y)
    s.eq(31, r"= (a^L - y) \odot \sigma'(z^L)", delta3, (a[3] - y) * sp(z[3]))
    delta2 = grad(lambda z_: cost_of_aL(sigmoid(w[3] @ sigmoid(z_) + b[3])), z[2])
    s.eq(37, r"= \left( (w^{l+1})^T \delta^{l+1} \right)", delta2, (w[3].T @ delta3) * sp(z[2]))
    delta = {2: delta2, 3: delta3}
    for l in (2, 3):
        db = grad(lambda v: cost_of_aL(forward(w, {**b, l: v})[0][3]), b[l])
        s.eq(41, r"= \delta^l_j$", db, delta[l])
        dw = grad(lambda v: cost_of_aL(forward({**w, l: v}, b)[0][3]), w[l])
        s.eq(46, r"= a^{l-1}_k \delta^l_j", dw, np.outer(delta[l], a[l - 1]))
    t = rng.normal(size=5)
    s.eq(50, r"= \sigma(z)(1 - \sigma(z))", sp(t), sigmoid(t) * (1 - sigmoid(t)))


def check():
    run(__file__, steps)
