import numpy as np
from _truth import run, sigmoid, fd_grad


def body(D, rng):
    w, b, x, y, eta = np.array([0.5, -0.5]), 0.0, np.array([2.0, 1.0]), 1.0, 0.2
    z = w @ x + b
    p = sigmoid(z)
    D.step("(-0.5) \\cdot 1 + 0 = 0.5$$", [z, 0.5 * 2 + (-0.5) * 1 + 0], [0.5, 0.5])
    D.step("= \\frac{1}{1 + e^{-0.5}} = 0.6225$$", [p, round(1 / (1 + np.exp(-0.5)), 4)], [1 / (1 + np.exp(-0.5)), 0.6225])
    D.step("\\ell = -\\ln\\sigma(0.5) = 0.4741$$", round(-np.log(p), 4), 0.4741)
    zz = rng.normal()
    D.step("$\\frac{\\partial \\ell}{\\partial z} = p - y$", fd_grad(lambda t: -np.log(sigmoid(t)), np.array(zz)), sigmoid(zz) - 1)
    loss = lambda v: -np.log(sigmoid(v[:2] @ x + v[2]))
    g = fd_grad(loss, np.array([0.5, -0.5, 0.0]))
    D.step("= (0.6225 - 1) \\cdot (2,\\ 1) = (-0.755,\\ -0.3775)$$", [(0.6225 - 1) * 2, (0.6225 - 1) * 1], [-0.755, -0.3775])
    D.step("= (0.6225 - 1) \\cdot (2,\\ 1) = ", np.round(g[:2], 3), np.round([-0.755, -0.3775], 3))
    D.step("= p - y = -0.3775$$", [round(g[2], 4), round(p - y, 4)], [-0.3775, -0.3775])
    D.step("= 0.651, \\quad w_2", 0.5 - 0.2 * (-0.755), 0.651)
    D.step("= -0.4245, \\quad b", -0.5 - 0.2 * (-0.3775), -0.4245)
    D.step("\\cdot (-0.3775) = 0.0755$$", 0 - 0.2 * (-0.3775), 0.0755)
    D.step("+ 0.0755 = 0.953$", 0.651 * 2 - 0.4245 + 0.0755, 0.953)
    D.step("$-\\ln\\sigma(0.953) = 0.3261$", round(-np.log(sigmoid(0.953)), 4), 0.3261)
    D.step("(by $0.148$, about 31.2%)", [0.4741 - 0.3261, round(100 * 0.148 / 0.4741, 1)], [0.148, 31.2])


def check():
    run(__file__, body)
