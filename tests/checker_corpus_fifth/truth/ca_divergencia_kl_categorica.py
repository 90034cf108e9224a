import numpy as np
from _truth import run, fd_grad, softmax


def body(D, rng):
    p = np.array([0.5, 0.3, 0.2])
    q = np.array([0.4, 0.4, 0.2])
    kl = np.sum(p * np.log(p / q))
    D.step("\\mathrm{KL}(p \\,\\|\\, q) = 0.5 \\ln\\frac{0.5}{0.4}", kl, 0.5 * np.log(0.5 / 0.4) + 0.3 * np.log(0.3 / 0.4) + 0.2 * np.log(0.2 / 0.2))
    D.step("$$= 0.5 \\ln 1.25 + 0.3 \\ln 0.75 + 0$$", kl, 0.5 * np.log(1.25) + 0.3 * np.log(0.75))
    D.step("$$= 0.1116 - 0.0863 = 0.0253$$", [round(0.5 * np.log(1.25), 4), round(0.3 * np.log(0.75), 4), round(kl, 4), round(0.1116 - 0.0863, 4)], [0.1116, -0.0863, 0.0253, 0.0253])
    D.step("surt $0.0365$ bits", round(kl / np.log(2), 4), 0.0365)
    klq = np.sum(q * np.log(q / p))
    D.step("= 0.4 \\ln 0.8 + 0.4 \\ln\\frac{4}{3} = 0.0258$", [klq, round(klq, 4)], [0.4 * np.log(0.8) + 0.4 * np.log(4 / 3), 0.0258])
    qq = softmax(rng.normal(size=3))
    D.step("= -\\frac{p_i}{q_i}$", fd_grad(lambda v: np.sum(p * np.log(p / v)), qq), -p / qq)
    s = rng.normal(size=3)
    D.step("= \\mathrm{softmax}(s) - p$$", fd_grad(lambda v: np.sum(p * np.log(p / softmax(v))), s), softmax(s) - p)
    D.step("$q - p = (-0.1,\\ 0.1,\\ 0)$", fd_grad(lambda v: np.sum(p * np.log(p / softmax(v))), np.log(q)), [-0.1, 0.1, 0.0])


def check():
    run(__file__, body)
