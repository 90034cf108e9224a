import numpy as np
from _truth import run, d1


def body(D, rng):
    pts = [rng.normal(size=3) for _ in range(4)] + [np.array([2.0, 1.0, 3.0])]
    for a, b, c in pts:
        g = lambda a, b, c: max(a, b) * min(a, c)
        D.step(r"\max(a, b) &= \mathbb{1}[a > b]", d1(lambda t: max(t, b), a), float(a > b))
        D.step(r"\min(a, c) &= \mathbb{1}[a < c]", d1(lambda t: min(t, c), a), float(a < c))
        D.step(r"&= \mathbb{1}[a > b]\min(a, c) + \max(a, b)", d1(lambda t: g(t, b, c), a), float(a > b) * min(a, c) + max(a, b) * float(a < c))
        D.step(r"&= \mathbb{1}[b > a]\min(a, c)", d1(lambda t: g(a, t, c), b), float(b > a) * min(a, c))
        D.step(r"&= \max(a, b)\,\mathbb{1}[c < a]", d1(lambda t: g(a, b, t), c), max(a, b) * float(c < a))
    a, b, c = 2.0, 1.0, 3.0
    D.step(r"= 1\cdot 2 + 2\cdot 1 = 4$", d1(lambda t: max(t, b) * min(t, c), a), 1 * 2 + 2 * 1)
    D.step(r"2\cdot 1 = 4$", 1 * 2 + 2 * 1, 4)
    D.step(r"$\frac{\partial g}{\partial b} = 0$", d1(lambda t: max(a, t) * min(a, c), b), 0)
    D.step(r"$\frac{\partial g}{\partial c} = 0$", d1(lambda t: max(a, b) * min(a, t), c), 0)
    x = rng.normal()
    D.step(r"derivative $\mathbb{1}[x > 0]$", d1(lambda t: max(0, t), x), float(x > 0))


def check():
    run(__file__, body)
