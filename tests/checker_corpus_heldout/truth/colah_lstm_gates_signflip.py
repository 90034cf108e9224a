import numpy as np
from _truth import run, sigmoid as sg

H, X = 3, 2


def body(D, rng):
    Wf, Wi, Wc, Wo = (rng.normal(size=(H, H + X)) for _ in range(4))
    bf, bi, bc, bo = (rng.normal(size=H) for _ in range(4))
    hp, x, Cp = rng.normal(size=H), rng.normal(size=X), rng.normal(size=H)
    v = np.concatenate([hp, x])

    def cell(Cp, bf=bf, bi=bi, bo=bo):
        f, i = sg(Wf @ v + bf), sg(Wi @ v + bi)
        C = f * Cp + i * np.tanh(Wc @ v + bc)
        o = sg(Wo @ v + bo)
        return C, o * np.tanh(C)

    f, i, o = sg(Wf @ v + bf), sg(Wi @ v + bi), sg(Wo @ v + bo)
    Ct = np.tanh(Wc @ v + bc)
    C, h = cell(Cp)
    eps = 1e-6
    diag = lambda fn, z: np.array([(fn(z + eps * e) - fn(z - eps * e))[k] / (2 * eps) for k, e in enumerate(np.eye(H))])
    D.step(r"{\partial C_{t-1}} = f_t$$", diag(lambda c: cell(c)[0], Cp), f)
    dh_dCp = diag(lambda c: cell(c)[1], Cp)
    dh_dC = diag(lambda c: o * np.tanh(c), C)
    D.step(r"= \frac{\partial h_t}{\partial C_t} * \frac{\partial C_t}{\partial C_{t-1}}", dh_dCp, dh_dC * f)
    D.step(r"= o_t * \left(1 - \tanh^2(C_t)\right) * f_t", dh_dC * f, o * (1 - np.tanh(C) ** 2) * f)
    D.step(r"= C_{t-1} * f_t * (1 + f_t)", diag(lambda b: cell(Cp, bf=b)[0], bf), Cp * f * (1 + f), planted=True)
    D.step(r"= \tilde{C}_t * i_t * (1 - i_t)", diag(lambda b: cell(Cp, bi=b)[0], bi), Ct * i * (1 - i))
    D.step(r"= \tanh(C_t) * o_t * (1 - o_t)", diag(lambda b: cell(Cp, bo=b)[1], bo), np.tanh(C) * o * (1 - o))


def check():
    run(__file__, body)
