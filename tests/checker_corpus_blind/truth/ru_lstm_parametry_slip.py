import numpy as np
from _truth import run


def lstm_params(nx, nh):
    W = np.zeros((4 * nh, nh + nx)); b = np.zeros(4 * nh)
    return W.size + b.size


def body(D, rng):
    for nx in (1, 3, 7, 100):
        for nh in (1, 2, 5, 128):
            D.step(r"$$N = 4\big(n_h(n_h + n_x) + n_h\big) =", lstm_params(nx, nh), 4 * (nh * (nh + nx) + nh))
            D.step(r"= 4n_h(n_h + n_x + 1).$$", 4 * (nh * (nh + nx) + nh), 4 * nh * (nh + nx + 1))
    D.step(r"$$N = 4 \cdot 128 \cdot (128 + 100 + 1) = 512", lstm_params(100, 128), 512 * 229)
    D.step(r"= 512 \cdot 229 = 117248.$$", 512 * 229, 117248)
    rnn = np.zeros((128, 228)).size + 128
    D.step(r"$128 \cdot (128 + 100 + 1) = 29312$", rnn, 29312)
    D.step(r"$3 \cdot 29312 = 89736$", 3 * rnn, 89736, planted=True)  # 3 * 29312 = 87936
    D.step(r"$128 \cdot 10 + 10 = 1290$", np.zeros((10, 128)).size + 10, 1290)
    D.step(r"$117248 + 1290 = 118538$", lstm_params(100, 128) + 1290, 118538)


def check():
    run(__file__, body, trials=1)
