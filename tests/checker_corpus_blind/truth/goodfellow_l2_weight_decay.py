import numpy as np
from _truth import run, fd_grad

n, d = 8, 3


def body(D, rng):
    X, y = rng.normal(size=(n, d)), rng.normal(size=n)
    w, al, eps = rng.normal(size=d), rng.uniform(0.1, 1), rng.uniform(0.01, 0.2)
    J = lambda w: 0.5 * np.sum((X @ w - y) ** 2) / n + np.sin(w[0])   # any differentiable J
    Jt = lambda w: al / 2 * w @ w + J(w)
    gJ = fd_grad(J, w)
    D.step(r"= \alpha\boldsymbol{w} + \nabla_{\boldsymbol{w}}J(\boldsymbol{w}; \boldsymbol{X}, \boldsymbol{y}).$$", fd_grad(Jt, w), al * w + gJ)
    D.step(r"$$\boldsymbol{w} \leftarrow (1 - \epsilon\alpha)", w - eps * (al * w + gJ), (1 - eps * al) * w - eps * gJ)
    A = rng.normal(size=(d, d)); H = A @ A.T + 0.5 * np.eye(d)
    ws = rng.normal(size=d); J0 = rng.normal()
    Jh = lambda w: J0 + 0.5 * (w - ws) @ H @ (w - ws)
    D.step(r"= \boldsymbol{H}(\boldsymbol{w} - \boldsymbol{w}^*)$$", fd_grad(Jh, w), H @ (w - ws))
    wt = np.linalg.solve(H + al * np.eye(d), H @ ws)
    D.step(r"$$\alpha\tilde{\boldsymbol{w}} + \boldsymbol{H}(\tilde", fd_grad(lambda v: al / 2 * v @ v + Jh(v), wt), np.zeros(d))
    D.step(r"$$(\boldsymbol{H} + \alpha\boldsymbol{I})\tilde{\boldsymbol{w}} = ", (H + al * np.eye(d)) @ wt, H @ ws)
    D.step(r"$$\tilde{\boldsymbol{w}} = (\boldsymbol{H} + \alpha\boldsymbol{I})^{-1}", wt, np.linalg.inv(H + al * np.eye(d)) @ H @ ws)
    lam, Q = np.linalg.eigh(H); L = np.diag(lam)
    D.step(r"$\boldsymbol{H} = \boldsymbol{Q}\boldsymbol{\Lambda}\boldsymbol{Q}^\top$", H, Q @ L @ Q.T)
    r1 = np.linalg.inv(Q @ L @ Q.T + al * np.eye(d)) @ Q @ L @ Q.T @ ws
    D.step(r"$$\tilde{\boldsymbol{w}} = (\boldsymbol{Q}\boldsymbol{\Lambda}", wt, r1)
    r2 = np.linalg.inv(Q @ (L + al * np.eye(d)) @ Q.T) @ Q @ L @ Q.T @ ws
    D.step(r"= \left[\boldsymbol{Q}(\boldsymbol{\Lambda} + \alpha\boldsymbol{I})\boldsymbol{Q}^\top\right]^{-1}", r1, r2)
    D.step(r"= \boldsymbol{Q}(\boldsymbol{\Lambda} + \alpha\boldsymbol{I})^{-1}\boldsymbol{\Lambda}\boldsymbol{Q}^\top\boldsymbol{w}^*.$$", r2, Q @ np.linalg.inv(L + al * np.eye(d)) @ L @ Q.T @ ws)
    D.step(r"factor of $\frac{\lambda_i}{\lambda_i + \alpha}$", Q.T @ wt, lam / (lam + al) * (Q.T @ ws))


def check():
    run(__file__, body)
