from _truth import run


def out(n, k, s, p):
    return len(range(0, n + 2 * p - k + 1, s))


def params(k, cin, cout):
    return sum(k * k * cin + 1 for _ in range(cout))


def rf(layers):
    r = 1
    for _ in range(layers):
        r += 3 - 1
    return r


def body(D, rng):
    for n in range(6, 30):
        for k in (1, 3, 5):
            for s in (1, 2, 3):
                for p in (0, 1, 2):
                    D.step(r"\left\lfloor \frac{H + 2P - K}{S} \right\rfloor + 1,$$", out(n, k, s, p), (n + 2 * p - k) // s + 1)
    for k, cin, cout in ((3, 3, 64), (5, 16, 8), (1, 7, 2)):
        D.step(r"$$N = (K^2 C_{in} + 1)\, C_{out}$$", params(k, cin, cout), (k * k * cin + 1) * cout)
    D.step(r"$$H_{out} = \frac{224 + 2 - 3}{1} + 1 = 224,$$", out(224, 3, 1, 1), 224)
    D.step(r"$(3^2 \cdot 3 + 1) \cdot 64 = 28", params(3, 3, 64), 28 * 64)
    D.step(r"= 28 \cdot 64 = 1792$", 28 * 64, 1792)
    D.step(r"$(9 \cdot 64 + 1) \cdot 64 = 36928$", params(3, 64, 64), 36928)
    D.step(r"$\frac{224 - 2}{2} + 1 = 112$", out(224, 2, 2, 0), 112)
    D.step(r"$(1 \cdot 256 + 1)\cdot 64 = 16448$", params(1, 256, 64), 16448)
    D.step(r"$(9 \cdot 256 + 1) \cdot 64 = 147520$", params(3, 256, 64), 147520)
    D.step(r"$3 + (3 - 1) = 5$", rf(2), 5)
    D.step(r"трёх — $7$", rf(3), 7)


def check():
    run(__file__, body, trials=1)
