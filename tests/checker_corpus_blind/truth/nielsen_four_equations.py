import numpy as np
from _truth import run, fd_grad, sigmoid, d1

n0, n1, n2 = 3, 4, 2


def body(D, rng):
    a0 = rng.normal(size=n0)
    w1, b1 = rng.normal(size=(n1, n0)), rng.normal(size=n1)
    w2, b2 = rng.normal(size=(n2, n1)), rng.normal(size=n2)
    y = rng.uniform(size=n2)
    sp = lambda z: sigmoid(z) * (1 - sigmoid(z))
    z1 = w1 @ a0 + b1; a1 = sigmoid(z1)
    z2 = w2 @ a1 + b2; a2 = sigmoid(z2)
    C_a = lambda a: 0.5 * np.sum((y - a) ** 2)
    D.step(r"= \frac{1}{2}\sum_j (y_j - a^L_j)^2$", C_a(a2), 0.5 * sum((y[j] - a2[j]) ** 2 for j in range(n2)))
    dC_da = fd_grad(C_a, a2)
    dL = fd_grad(lambda z: C_a(sigmoid(z)), z2)
    D.step(r"$$\delta^L_j = \frac{\partial C}{\partial a^L_j} \sigma'(z^L_j)", dL, dC_da * sp(z2))
    D.step(r"$\partial C / \partial a^L_j = (a^L_j - y_j)$", dC_da, a2 - y)
    D.step(r"$$\delta^L = \nabla_a C \odot \sigma'(z^L) = (a^L", dL, dC_da * sp(z2))
    D.step(r"= (a^L - y) \odot \sigma'(z^L) \tag{BP1a}", dC_da * sp(z2), (a2 - y) * sp(z2))
    C_z1 = lambda z: C_a(sigmoid(w2 @ sigmoid(z) + b2))
    d1_ = fd_grad(C_z1, z1)
    D.step(r"$$\delta^l = ((w^{l+1})^T \delta^{l+1})", d1_, (w2.T @ dL) * sp(z1))
    C_full = lambda w1, b1, w2, b2: C_a(sigmoid(w2 @ sigmoid(w1 @ a0 + b1) + b2))
    D.step(r"$$\frac{\partial C}{\partial b^l_j} = \delta^l_j", fd_grad(lambda v: C_full(w1, v, w2, b2), b1), d1_)
    D.step(r"$$\frac{\partial C}{\partial w^l_{jk}} = a^{l-1}_k", fd_grad(lambda v: C_full(v, b1, w2, b2), w1), np.outer(d1_, a0))
    D.step(r"$\frac{\partial C}{\partial w^l} = \delta^l (a^{l-1})^T$", fd_grad(lambda v: C_full(w1, b1, v, b2), w2), np.outer(dL, a1))
    s = rng.normal()
    D.step(r"$\sigma'(z) = \sigma(z)(1 - \sigma(z))$", d1(sigmoid, s), sigmoid(s) * (1 - sigmoid(s)))


def check():
    run(__file__, body)
