import numpy as np
from _truth import run

n = 4


def body(D, rng):
    Q, _ = np.linalg.qr(rng.normal(size=(n, n)))
    lam = rng.uniform(0.5, 1.5, size=n) * rng.choice([-1, 1], size=n)
    Lm = np.diag(lam)
    W = Q @ Lm @ Q.T
    h0 = rng.normal(size=n)
    for t in (3, 4, 5):
        hs = [h0]
        for _ in range(t):
            hs.append(W.T @ hs[-1])
        D.step(r"= \boldsymbol{W}^\top \boldsymbol{W}^\top \boldsymbol{h}^{(t-2)}", hs[t], W.T @ W.T @ hs[t - 2])
        D.step(r"= \left(\boldsymbol{W}^{t-1}\right)^\top \boldsymbol{h}^{(0)},$$", W.T @ W.T @ hs[t - 2],
               np.linalg.matrix_power(W, t - 1).T @ h0, planted=True)
        a = np.linalg.matrix_power(W, t - 1).T @ h0
        b = Q @ np.linalg.matrix_power(Lm, t - 1) @ Q.T @ h0
        D.step(r"= \boldsymbol{Q}\boldsymbol{\Lambda}^{t-1}\boldsymbol{Q}^\top \boldsymbol{h}^{(0)}.$$", a, b)
        q1 = Q[:, 0]
        e1 = np.eye(n)[0]
        D.step(r"$\boldsymbol{Q}^\top\boldsymbol{q}_1 = \boldsymbol{e}_1$", Q.T @ q1, e1)
        c = Q @ np.linalg.matrix_power(Lm, t - 1) @ Q.T @ q1
        d = Q @ np.linalg.matrix_power(Lm, t - 1) @ e1
        D.step(r"= \boldsymbol{Q}\boldsymbol{\Lambda}^{t-1}\boldsymbol{e}_1", c, d)
        D.step(r"= \lambda_1^{t-1}\boldsymbol{q}_1 .$$", d, lam[0] ** (t - 1) * q1)


def check():
    run(__file__, body)
