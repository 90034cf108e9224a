import math

from corpus_truth import run


def steps(s, rng):
    s.eq(12, "= 5$", (7 - 3 + 0) / 1 + 1, 5)
    s.eq(12, "= 3$", (7 - 3 + 0) / 2 + 1, 3)
    s.eq(13, "= 7/3", (7 - 3) / 3 + 1, 7 / 3)
    # same padding, for any input size and odd filter size
    W, F = rng.integers(8, 64), 2 * rng.integers(1, 4) + 1
    s.eq(18, "= W - F + F - 1 + 1", (W - F + 2 * ((F - 1) / 2)) / 1 + 1, W - F + F - 1 + 1)
    s.eq(18, "+ 1 = W", W - F + F - 1 + 1, W)
    W, F, P, S = 32, 5, 2, 1
    s.eq(24, r"= \left\lfloor \frac{32 - 5 + 4}{1}", math.floor((W - F + 2 * P) / S) + 1,
         math.floor((32 - 5 + 4) / 1) + 1)
    s.eq(24, "= 32", math.floor((32 - 5 + 4) / 1) + 1, 32)
    s.eq(27, "= 16", (32 - 2) / 2 + 1, 16)
    s.eq(33, r"= \frac{216}{4} + 1", (227 - 11 + 0) / 4 + 1, 216 / 4 + 1)
    s.eq(33, "= 55", 216 / 4 + 1, 55)
    s.eq(36, "= 290400", 55 * 55 * 96, 290400)
    s.eq(37, "= 363", 11 * 11 * 3, 363)
    s.eq(38, "= 34848", 96 * 363, 34848)
    s.eq(39, "= 34944", 34848 + 96, 34944)


def check():
    run(__file__, steps)
