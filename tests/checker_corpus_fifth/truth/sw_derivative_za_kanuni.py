import numpy as np
from _truth import run, fd_grad


def body(D, rng):
    x = rng.normal(size=4)
    W = rng.normal(size=(3, 3))
    D.step("\\frac{\\partial \\|x\\|_2^2}{\\partial x} = 2x$$", fd_grad(lambda v: np.sum(v * v), x), 2 * x)
    D.step("= \\frac{x}{\\|x\\|_2}$$", fd_grad(np.linalg.norm, x), x / np.linalg.norm(x))
    D.step("= \\mathrm{sign}(x)$$", fd_grad(lambda v: np.sum(np.abs(v)), x), np.sign(x))
    D.step("= \\sqrt{\\mathrm{tr}(W^T W)}$", np.linalg.norm(W), np.sqrt(np.trace(W.T @ W)))
    D.step("\\frac{\\partial \\|W\\|_F^2}{\\partial W} = 2W$$", fd_grad(lambda m: np.sum(m * m), W), 2 * W)
    D.step("= \\frac{W}{\\|W\\|_F}$$", fd_grad(np.linalg.norm, W), W / np.linalg.norm(W))
    a = np.array([3.0, -4.0])
    D.step("= \\sqrt{9 + 16} = 5$", [np.linalg.norm(a), np.sqrt(9 + 16)], [5.0, 5.0])
    D.step("= 3 + 4 = 7$", [np.sum(np.abs(a)), 3 + 4], [7.0, 7.0])
    D.step("= (0.6, -0.8)$", a / np.linalg.norm(a), [0.6, -0.8])
    D.step("\\sqrt{0.36 + 0.64} = 1$", np.sqrt(0.36 + 0.64), 1.0)


def check():
    run(__file__, body)
