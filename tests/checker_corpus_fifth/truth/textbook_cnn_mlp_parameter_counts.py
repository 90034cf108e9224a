import numpy as np
from _truth import run


def conv(k, cin, cout):
    return np.zeros((cout, cin, k, k)).size + np.zeros(cout).size


def dense(n, m):
    return np.zeros((n, m)).size + np.zeros(m).size


def body(D, rng):
    c1, c2 = conv(3, 1, 32), conv(3, 32, 64)
    f = (28 // 2 // 2) ** 2 * 64
    d1, d2 = dense(f, 128), dense(128, 10)
    total = c1 + c2 + d1 + d2
    D.step("- conv1: $3^2 \\cdot 1 \\cdot 32 + 32 = 320$", c1, 320)
    D.step("= 18{,}432 + 64 = 18{,}496$", [c2, 9 * 32 * 64], [18496, 18432])
    D.step("i.e. $3{,}136$ features", f, 3136)
    D.step("= 401{,}408 + 128 = 401{,}536$", [d1, 3136 * 128], [401536, 401408])
    D.step("= 1{,}290$", d2, 1290)
    D.step("+ 1{,}290 = 421{,}642$", [total, 320 + 18496 + 401536 + 1290], [421642, 421642])
    D.step("= 95.23\\%$", round(100 * d1 / total, 2), 95.23)
    D.step("= 4.46\\%$", [c1 + c2, round(100 * (c1 + c2) / total, 2)], [18816, 4.46])
    mlp = dense(784, 256) + dense(256, 10)
    D.step("= 200{,}960 + 2{,}570 = 203{,}530$$", [dense(784, 256), dense(256, 10), mlp], [200960, 2570, 203530])
    D.step("about 48.27% as many", round(100 * mlp / total, 2), 48.27)


def check():
    run(__file__, body)
