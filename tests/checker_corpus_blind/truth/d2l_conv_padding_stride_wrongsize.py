from _truth import run


def out(n, k, p_total, s):
    # count the window positions directly, not with the formula under test
    return len(range(0, n + p_total - k + 1, s))


def body(D, rng):
    for n in range(5, 20):
        for k in range(1, 6):
            for s in range(1, 4):
                D.step(r"$$\lfloor(n_h-k_h+p_h+s_h)/s_h\rfloor \times", out(n, k, 2, s), (n - k + 2 + s) // s)
                D.step(r"$\lfloor(n_h+s_h-1)/s_h\rfloor \times", out(n, k, k - 1, s), (n + s - 1) // s)
    D.step(r"$$\lfloor(8 - 3 + 0 + 3)/3\rfloor = 2", out(8, 3, 0, 3), 2)
    D.step(r"\lfloor(8 - 5 + 2 + 4)/4\rfloor = 2,$$", out(8, 5, 2, 4), 2)
    D.step(r"$$\lfloor(224 - 7 + 6 + 2)/2\rfloor = 113$$", out(224, 7, 6, 2), 113, planted=True)  # 112
    D.step(r"$\lfloor(113 - 3 + 2 + 2)/2\rfloor = 57$", out(113, 3, 2, 2), 57)
    D.step(r"$\lfloor(28 + 2 - 1)/2\rfloor = 14$", out(28, 3, 2, 2), 14)


def check():
    run(__file__, body, trials=1)
