import math

from corpus_truth import run


def steps(s, rng):
    W, F, P, S = 28, 5, 2, 1
    s.eq(15, r"= \frac{28 - 5 + 2}{1} + 1", (W - F + 2 * P) / S + 1, (28 - 5 + 2) / 1 + 1)  # planted: 2P = 4
    s.eq(15, "= 26", (28 - 5 + 2) / 1 + 1, 26)
    s.eq(20, "= 13", (26 - 2) / 2 + 1, 13)
    s.eq(22, "= 9", (13 - 5 + 0) / 1 + 1, 9)
    s.eq(25, "= 3 + 1", math.floor((9 - 2) / 2) + 1, 3 + 1)
    s.eq(25, "= 4", 3 + 1, 4)
    s.eq(27, "= 256", 4 * 4 * 16, 256)
    s.eq(28, "= 30840", 256 * 120 + 120, 30840)


def check():
    run(__file__, steps)
