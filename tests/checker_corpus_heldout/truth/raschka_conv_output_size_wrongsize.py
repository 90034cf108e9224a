import numpy as np
from _truth import run


def o(n, m, p, s):
    # count the filter positions directly rather than by the formula
    return len(range(0, n + 2 * p - m + 1, s))


def body(D, rng):
    D.step(r"\right\rfloor + 1 = 10$", o(10, 5, 2, 1), 10)
    D.step(r"= \lfloor 5.5 \rfloor + 1 = 6$", np.floor((10 + 4 - 3) / 2) + 1, np.floor(5.5) + 1)
    D.step(r"\lfloor 5.5 \rfloor + 1 = 6$", o(10, 3, 2, 2), 6)
    D.step(r"= \lfloor 3 \rfloor + 1 = 3$", np.floor((7 + 2 - 3) / 2) + 1, np.floor(3) + 1)
    D.step(r"\lfloor 3 \rfloor + 1 = 3$", o(7, 3, 1, 2), 3, planted=True)
    D.step(r"$o = \frac{8 - 3}{1} + 1 = 6$", o(8, 3, 0, 1), (8 - 3) / 1 + 1)
    D.step(r"$o = \frac{8 - 3}{1} + 1 = 6$", (8 - 3) / 1 + 1, 6)
    D.step(r"$\frac{28 - 5}{1} + 1 = 24$", o(28, 5, 0, 1), 24)
    D.step(r"\times 32 + 32 = 832$", 5 * 5 * 1 * 32 + 32, 832)


def check():
    run(__file__, body, trials=1)
