import numpy as np
from corpus_truth import deriv, grad, run, sigmoid


def steps(s, rng):
    # layers of sizes 2 (input), 3 (L-1) and 2 (L)
    wLm1, bLm1 = rng.normal(size=(3, 2)), rng.normal(size=3)
    wL, bL = rng.normal(size=(2, 3)), rng.normal(size=2)
    x, y = rng.normal(size=2), rng.uniform(size=2)
    cost_of_aL = lambda aL: 0.5 * np.sum((aL - y) ** 2)  # noqa: E731
    zLm1 = wLm1 @ x + bLm1
    aLm1 = sigmoid(zLm1)
    zL = wL @ aLm1 + bL
    aL = sigmoid(zL)
    s.eq(10, r"= a^L - y$", grad(cost_of_aL, aL), aL - y)
    deltaL = grad(lambda z: cost_of_aL(sigmoid(z)), zL)
    s.eq(14, r"\delta^L_j = a^L_j - y_j", deltaL, aL - y)  # planted: the factor sigma'(z^L_j) is missing
    s.eq(20, r"= \delta^L_j ,", grad(lambda v: cost_of_aL(sigmoid(wL @ aLm1 + v)), bL), deltaL)
    s.eq(26, r"= \delta^L_j \, a^{L-1}_k", grad(lambda v: cost_of_aL(sigmoid(v @ aLm1 + bL)), wL), np.outer(deltaL, aLm1))
    deltaLm1 = grad(lambda z: cost_of_aL(sigmoid(wL @ sigmoid(z) + bL)), zLm1)
    s.eq(33, r"= \left( (w^{L})^T \delta^{L} \right)", deltaLm1, (wL.T @ deltaL) * deriv(sigmoid, zLm1))


def check():
    run(__file__, steps)
