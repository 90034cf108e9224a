import numpy as np
from _truth import run, fd_jac, fd_grad, softmax


def body(D, rng):
    z = rng.normal(size=4)
    T = rng.uniform(0.3, 3)
    y = int(rng.integers(4))
    p = softmax(z / T)
    D.step("= \\frac{1}{T}\\, p_i\\,(\\delta_{ij} - p_j)$$", fd_jac(lambda v: softmax(v / T), z), (np.diag(p) - np.outer(p, p)) / T)
    D.step("= \\frac{1}{T}\\left(\\mathrm{softmax}(z/T) - e_y\\right)$$", fd_grad(lambda v: -np.log(softmax(v / T)[y]), z), (p - np.eye(4)[y]) / T)
    c = rng.normal()
    D.step("\\mathrm{softmax}((z + c\\mathbf{1})/T) = \\mathrm{softmax}(z/T)$", softmax((z + c) / T), p)
    z3 = np.array([2.0, 1.0, 0.0])
    D.step("$T = 1$: $p = (0.6652", np.round(softmax(z3 / 1), 4), [0.6652, 0.2447, 0.0900])
    D.step("$T = 0.5$: $p = (0.8668", np.round(softmax(z3 / 0.5), 4), [0.8668, 0.1173, 0.0159])
    D.step("$T = 2$: $p = (0.5065", np.round(softmax(z3 / 2), 4), [0.5065, 0.3072, 0.1863])
    D.step("daripada 66.52% kepada 86.68%", np.round(100 * np.array([softmax(z3)[0], softmax(z3 / 0.5)[0]]), 2), [66.52, 86.68])


def check():
    run(__file__, body)
