import numpy as np
from _truth import run, sigmoid


def body(D, rng):
    x = np.array([1.0, 2.0])
    W = np.array([[0.5, -0.25], [0.1, 0.3]])
    b, v, c, t = np.array([0.1, -0.2]), np.array([0.4, -0.6]), 0.05, 1.0
    z = W @ x + b
    h = sigmoid(z)
    y = v @ h + c
    D.step("+ (-0.25) \\cdot 2.0 + 0.1 = 0.1$$", z[0], 0.1)
    D.step("+ 0.3 \\cdot 2.0 - 0.2 = 0.5$$", z[1], 0.5)
    D.step("h_1 = \\sigma(0.1) = 0.5250", [round(h[0], 4), round(h[1], 4)], [0.5250, 0.6225])
    D.step("- 0.6 \\cdot 0.6225 + 0.05 = -0.1135$$", [round(0.4 * 0.5250 - 0.6 * 0.6225 + 0.05, 4), round(y, 4)], [-0.1135, -0.1135])
    D.step("(-0.1135 - 1)^2 = 0.6199$$", [round(0.5 * (-0.1135 - 1) ** 2, 4), round(0.5 * (y - t) ** 2, 4)], [0.6199, 0.6199])
    D.step("= y - t = -1.1135$$", round(y - t, 4), -1.1135)
    D.step("= -1.1135 \\cdot 0.5250 = -0.5846$$", [round(-1.1135 * 0.5250, 4), round((y - t) * h[0], 4)], [-0.5846, -0.5846])
    dz = (y - t) * v * h * (1 - h)
    D.step("\\cdot (1 - 0.5250) = -0.1111$$", [round(-1.1135 * 0.4 * 0.5250 * (1 - 0.5250), 4), round(dz[0], 4)], [-0.1111, -0.1111])
    D.step("\\cdot (1 - 0.6225) = 0.1570$$", [round(-1.1135 * -0.6 * 0.6225 * (1 - 0.6225), 4), round(dz[1], 4)], [0.1570, 0.1570])
    D.step("\\begin{bmatrix} 1.0 & 2.0 \\end{bmatrix} = ", np.round(np.outer([-0.1111, 0.1570], [1.0, 2.0]), 4), [[-0.1111, -0.2222], [0.1570, 0.3140]])
    D.step("\\begin{bmatrix} 1.0 & 2.0 \\end{bmatrix} = ", np.round(np.outer(dz, x), 3), np.round([[-0.1111, -0.2222], [0.1570, 0.3140]], 3))


def check():
    run(__file__, body)
