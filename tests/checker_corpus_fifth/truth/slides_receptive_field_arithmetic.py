import numpy as np
from _truth import run


def rf(layers):
    """Receptive field and jump by brute force: the input pixels one output depends on."""
    # track the set of input offsets reaching output position 0, in 1-D
    reach = {0}
    jump = 1
    for k, s, d in reversed(layers):
        reach = {p * s + d * i for p in reach for i in range(k)}
    for k, s, d in layers:
        jump *= s
    return max(reach) - min(reach) + 1, jump


def body(D, rng):
    n = int(rng.integers(1, 8))
    D.step("$r_n = 1 + 2n$", rf([(3, 1, 1)] * n)[0], 1 + 2 * n)
    D.step("two layers see $5 \\times 5$", [rf([(3, 1, 1)] * 2)[0], rf([(3, 1, 1)] * 3)[0]], [5, 7])
    C = rng.integers(1, 100)
    D.step("= 27C^2$ weights", 3 * 9 * C * C, 27 * C * C)
    D.step("$\\frac{27}{49} = 55.10\\%$", round(100 * 27 / 49, 2), 55.10)
    stem = [(7, 2, 1), (3, 2, 1), (3, 1, 1), (3, 1, 1)]
    D.step("$r_1 = 1 + 6 \\cdot 1 = 7$, $j_1 = 2$", rf(stem[:1]), (7, 2))
    D.step("$r_2 = 7 + 2 \\cdot 2 = 11$, $j_2 = 4$", rf(stem[:2]), (11, 4))
    D.step("$r_3 = 11 + 2 \\cdot 4 = 19$, $j_3 = 4$", rf(stem[:3]), (19, 4))
    D.step("$r_4 = 19 + 2 \\cdot 4 = 27$", rf(stem)[0], 27)
    d = int(rng.integers(1, 6))
    D.step("$k_{\\text{eff}} = d(k - 1) + 1 = 2d + 1$", [rf([(3, 1, d)])[0], d * (3 - 1) + 1], [2 * d + 1, 2 * d + 1])
    D.step("$r = 1 + 2 + 4 + 8 = 15$", rf([(3, 1, 1), (3, 1, 2), (3, 1, 4)])[0], 15)


def check():
    run(__file__, body)
