import numpy as np
from _truth import run


def tconv_len(n, k, s, p):
    # scatter each input position into the output, then crop p on each side
    full = (n - 1) * s + k
    out = np.zeros(full)
    for i in range(n):
        out[i * s:i * s + k] += 1
    return len(out[p:full - p])


def conv_len(n, k, s, p):
    return len(range(0, n + 2 * p - k + 1, s))


def body(D, rng):
    for n in range(1, 9):
        for k in range(1, 6):
            for s in (1, 2, 3):
                for p in range(0, (k + 1) // 2):
                    D.step(r"$$n_{out} = (n - 1)s - 2p + k$$", tconv_len(n, k, s, p), (n - 1) * s - 2 * p + k)
    D.step(r"- 2\cdot 1 + 4 = 8$$", tconv_len(4, 4, 2, 1), (4 - 1) * 2 - 2 * 1 + 4)
    D.step(r"$\lfloor (8 + 2 - 4)/2 \rfloor + 1 = 4$", conv_len(8, 4, 2, 1), 4)
    D.step(r"- 2\cdot 1 + 3 = 14$$", tconv_len(7, 3, 2, 1), 14, planted=True)
    D.step(r"и $13$, и $14$ в $7$", [conv_len(13, 3, 2, 1), conv_len(14, 3, 2, 1)], [7, 7])


def check():
    run(__file__, body)
