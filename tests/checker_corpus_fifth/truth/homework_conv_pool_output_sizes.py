import numpy as np
from _truth import run


def out(W, K, P, S):
    # count the window positions directly
    return len(range(0, W + 2 * P - K + 1, S))


def body(D, rng):
    D.step("O = \\frac{32 - 5 + 4}{1} + 1 = 32$$", [out(32, 5, 2, 1), (32 - 5 + 4) / 1 + 1], [32, 32])
    D.step("P = \\frac{K - 1}{2} = 2$", (5 - 1) / 2, 2)
    D.step("$O = \\frac{32 - 2}{2} + 1 = 16$", [out(32, 2, 0, 2), (32 - 2) / 2 + 1], [16, 16])
    D.step("$O = 16 - 3 + 1 = 14$", [out(16, 3, 0, 1), 16 - 3 + 1], [14, 14])
    D.step("= \\lfloor 6.5 \\rfloor + 1 = 7$", [out(14, 3, 1, 2), (14 - 3 + 2) / 2, np.floor(6.5) + 1], [7, 6.5, 7])
    D.step("= 111 + 1 = 112$", [out(224, 7, 3, 2), np.floor((224 - 7 + 6) / 2), 111 + 1], [112, 111, 112])
    D.step("\\right\\rfloor + 1 = 56$.", [out(112, 3, 1, 2), np.floor((112 - 3 + 2) / 2) + 1], [56, 56])
    D.step("\\frac{224^2}{56^2} = 16$", 224 ** 2 / 56 ** 2, 16)
    D.step("= 200{,}704$", 56 * 56 * 64, 200704)


def check():
    run(__file__, body)
