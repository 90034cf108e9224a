import numpy as np
from _truth import run, fd_grad, sigmoid

n0, n1, n2 = 3, 3, 2


def body(D, rng):
    a0 = rng.normal(size=n0)
    w1, b1 = rng.normal(size=(n1, n0)), rng.normal(size=n1)
    w2, b2 = rng.normal(size=(n2, n1)), rng.normal(size=n2)
    y = rng.uniform(size=n2)
    sp = lambda z: sigmoid(z) * (1 - sigmoid(z))
    z1 = w1 @ a0 + b1; a1 = sigmoid(z1)
    z2 = w2 @ a1 + b2; a2 = sigmoid(z2)
    C = lambda w1, b1, w2, b2: 0.5 * np.sum((y - sigmoid(w2 @ sigmoid(w1 @ a0 + b1) + b2)) ** 2)
    d2 = fd_grad(lambda z: 0.5 * np.sum((y - sigmoid(z)) ** 2), z2)
    D.step(r"$$\delta^2 = (a^2 - y) \odot \sigma'(z^2)$$", d2, (a2 - y) * sp(z2))
    d1 = fd_grad(lambda z: 0.5 * np.sum((y - sigmoid(w2 @ sigmoid(z) + b2)) ** 2), z1)
    D.step(r"$$\delta^1_k = \left(\sum_j w^2_{jk} \delta^2_j\right)", d1, np.array([sum(w2[j, k] * d2[j] for j in range(n2)) * sp(z1[k]) for k in range(n1)]))
    D.step(r"$\frac{\partial C}{\partial b^2_j} = \delta^2_j$", fd_grad(lambda v: C(w1, b1, w2, v), b2), d2)
    D.step(r"$\frac{\partial C}{\partial b^1_k} = \delta^1_k$", fd_grad(lambda v: C(w1, v, w2, b2), b1), d1)
    gw2 = fd_grad(lambda v: C(w1, b1, v, b2), w2)  # shape (2, 3): entry [j, k]
    # the claim a^1_j delta^2_k over j in 1..2, k in 1..3 (both exist since n1 = 3 >= 2 and... ) -> evaluate on the shared range
    claimed = np.array([[a1[j] * d2[k] if k < n2 else np.nan for k in range(n1)] for j in range(n2)])
    ok = ~np.isnan(claimed)
    D.step(r"= a^1_j \delta^2_k$$", gw2[ok], claimed[ok], planted=True)  # should be a^1_k delta^2_j
    D.step(r"= a^0_l \delta^1_k$$", fd_grad(lambda v: C(v, b1, w2, b2), w1), np.outer(d1, a0))


def check():
    run(__file__, body)
