import numpy as np
from _truth import run, d1


def body(D, rng):
    a, b = 2.0, 1.0
    e = lambda a, b: (a + b) * (b + 1)
    c, d = a + b, b + 1
    D.step(r"$c = 2 + 1 = 3$", 2 + 1, 3)
    D.step(r"$d = 1 + 1 = 2$", 1 + 1, 2)
    D.step(r"$e = 3 * 2 = 6$", 3 * 2, 6)
    D.step(r"= \frac{\partial}{\partial a}(a + b) = 1", d1(lambda t: t + b, a), 1.0)
    D.step(r"= \frac{\partial}{\partial c}(c * d) = d = 2", d1(lambda t: t * d, c), d)
    D.step(r"(c * d) = d = 2", d, 2)
    D.step(r"\frac{\partial e}{\partial d} = c = 3", d1(lambda t: c * t, d), c)
    D.step(r"= c = 3$$", c, 3)
    eb = d1(lambda t: e(a, t), b)
    D.step(r"= \frac{\partial e}{\partial c}\frac{\partial c}{\partial b} +", eb, d * 1 + c * 1)
    D.step(r"= 2 * 1 + 3 * 1 = 5", d * 1 + c * 1, 2 * 1 + 3 * 1)
    D.step(r"3 * 1 = 5$$", 5, 5)
    # symbolic claim at generic points
    A, B = rng.normal(size=2)
    D.step(r"= 1 * (b + 1) + 1 * (a + b)", d1(lambda t: e(A, t), B), 1 * (B + 1) + 1 * (A + B))
    D.step(r"= a + 2b + 1,$$", 1 * (B + 1) + 1 * (A + B), A + 2 * B + 1)
    D.step(r"= b + 1 = 2$", d1(lambda t: e(t, b), a), b + 1)
    D.step(r"\frac{\partial c}{\partial a} = b + 1 = 2$", b + 1, 2)


def check():
    run(__file__, body)
