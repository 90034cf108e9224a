import numpy as np
from _truth import run


def out(n, k, s=1, p=0):
    return len(range(0, n + 2 * p - k + 1, s))


def params(k, cin, cout):
    return int(np.prod([k, k, cin]) * cout + cout)


def body(D, rng):
    D.step(r"$\frac{32 - 5}{1} + 1 = 28$", out(32, 5), 28)
    D.step(r"$(5 \cdot 5 \cdot 3 + 1) \cdot 6 = 76 \cdot 6", params(5, 3, 6), 76 * 6)
    D.step(r"76 \cdot 6 = 456$", 76 * 6, 456)
    D.step(r"$\frac{28 - 2}{2} + 1 = 14$", out(28, 2, 2), 14)
    D.step(r"$\frac{14 - 5}{1} + 1 = 10$", out(14, 5), 10)
    D.step(r"$(5 \cdot 5 \cdot 6 + 1) \cdot 16 = 151 \cdot 16", params(5, 6, 16), 151 * 16)
    D.step(r"151 \cdot 16 = 2416$", 151 * 16, 2416)
    D.step(r"$\frac{10 - 2}{2} + 1 = 5$", out(10, 2, 2), 5)
    D.step(r"$5 \cdot 5 \cdot 16 = 400$", 5 * 5 * 16, 400)
    D.step(r"$400 \cdot 120 + 120 = 48120$", 400 * 120 + 120, 48120)
    D.step(r"$120 \cdot 84 + 84 = 10164$", 120 * 84 + 84, 10164)
    D.step(r"$84 \cdot 10 + 10 = 850$", 84 * 10 + 10, 850)
    D.step(r"= 61906$", 456 + 2416 + 48120 + 10164 + 850, 61906, planted=True)  # the sum is 62006
    D.step(r"$32 \cdot 32 \cdot 3 = 3072$", 32 * 32 * 3, 3072)
    D.step(r"$3072 \cdot 120 + 120 = 368760$", 3072 * 120 + 120, 368760)


def check():
    run(__file__, body, trials=1)
