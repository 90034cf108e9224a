import numpy as np
from corpus_truth import deriv, grad, jacobian, run, sigmoid


def steps(s, rng):
    w = {l: rng.normal(size=(3, 3)) for l in (2, 3)}  # every layer has three neurons, L = 3
    b = {l: rng.normal(size=3) for l in (2, 3)}
    x, y = rng.normal(size=3), rng.uniform(size=3)
    sp = lambda z_: deriv(sigmoid, z_)  # noqa: E731
    cost_of_aL = lambda aL: 0.5 * np.sum((y - aL) ** 2)  # noqa: E731

    def forward(w_, b_):
        a, z = {1: x}, {}
        for l in (2, 3):
            z[l] = w_[l] @ a[l - 1] + b_[l]
            a[l] = sigmoid(z[l])
        return a, z

    a, z = forward(w, b)
    next_z = lambda z2: w[3] @ sigmoid(z2) + b[3]  # noqa: E731  z^{l+1} as a function of z^l, l = 2
    delta3 = grad(lambda z3: cost_of_aL(sigmoid(z3)), z[3])
    delta2 = grad(lambda z2: cost_of_aL(sigmoid(next_z(z2))), z[2])
    dz3_dz2 = jacobian(next_z, z[2])  # [k, j]
    s.eq(11, r"= \frac{\partial C}{\partial z^l_j} =", delta2, delta2)
    s.eq(11, r"= \sum_k \frac{\partial C}{\partial z^{l+1}_k}", delta2, delta3 @ dz3_dz2)
    s.eq(11, r"= \sum_k \frac{\partial z^{l+1}_k}{\partial z^l_j} \delta^{l+1}_k", delta3 @ dz3_dz2, dz3_dz2.T @ delta3)
    s.eq(14, r"= \sum_j w^{l+1}_{kj} a^l_j + b^{l+1}_k", z[3], w[3] @ a[2] + b[3])
    s.eq(14, r"= \sum_j w^{l+1}_{kj} \sigma(z^l_j)", w[3] @ a[2] + b[3], w[3] @ sigmoid(z[2]) + b[3])
    s.eq(17, r"= w^{l+1}_{kj} \sigma'(z^l_j)", dz3_dz2, w[3] * sp(z[2])[None, :])
    s.eq(23, r"= \sum_k w^{l+1}_{kj} \delta^{l+1}_k", delta2, (w[3].T @ delta3) * sp(z[2]))
    delta = {2: delta2, 3: delta3}
    for l in (2, 3):
        dz_dw = jacobian(lambda v: v @ a[l - 1] + b[l], w[l])  # [j, j', k]
        s.eq(29, r"= a^{l-1}_k$", np.einsum("jjk->jk", dz_dw), np.tile(a[l - 1], (3, 1)))
        dC_dw = grad(lambda v: cost_of_aL(forward({**w, l: v}, b)[0][3]), w[l])
        s.eq(32, r"= \frac{\partial C}{\partial z^l_j} \frac{\partial z^l_j}", dC_dw,
             delta[l][:, None] * np.einsum("jjk->jk", dz_dw))
        s.eq(32, r"= a^{l-1}_j \delta^l_k", delta[l][:, None] * np.einsum("jjk->jk", dz_dw),
             np.outer(a[l - 1], delta[l]))  # planted: [j, k] entry a^{l-1}_j delta^l_k
        s.eq(35, r"= \delta^l_j$", grad(lambda v: cost_of_aL(forward(w, {**b, l: v})[0][3]), b[l]), delta[l])


def check():
    run(__file__, steps)
