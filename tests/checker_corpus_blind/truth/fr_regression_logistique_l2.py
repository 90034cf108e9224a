import numpy as np
from _truth import run, fd_grad, fd_jac, sigmoid as sg, d1

n, d = 6, 3


def body(D, rng):
    X = rng.normal(size=(n, d)); y = rng.integers(0, 2, size=n).astype(float)
    w = rng.normal(size=d); lam = rng.uniform(0.1, 1)
    z = X @ w; yh = sg(z)
    D.step(r"$\log \hat{y}_i = -\log(1 + e^{-\mathbf{w}^\top\mathbf{x}_i})$", np.log(yh), -np.log(1 + np.exp(-z)))
    D.step(r"$\log(1 - \hat{y}_i) = -\mathbf{w}^\top\mathbf{x}_i - \log", np.log(1 - yh), -z - np.log(1 + np.exp(-z)))
    t = rng.normal()
    D.step(r"$1 - \sigma(t) = \frac{e^{-t}}{1 + e^{-t}}$", 1 - sg(t), np.exp(-t) / (1 + np.exp(-t)))
    J = lambda w: -np.mean(y * np.log(sg(X @ w)) + (1 - y) * np.log(1 - sg(X @ w))) + lam / 2 * w @ w
    Jc = lambda w: np.mean(np.log(1 + np.exp(-X @ w)) + (1 - y) * (X @ w)) + lam / 2 * w @ w
    D.step(r"$$J(\mathbf{w}) = \frac{1}{n}\sum_{i=1}^n \Big[\log(1 + e^", J(w), Jc(w))
    D.step(r"vaut $-\frac{e^{-t}}{1 + e^{-t}} = \sigma(t) - 1$", d1(lambda s: np.log(1 + np.exp(-s)), t), -np.exp(-t) / (1 + np.exp(-t)))
    D.step(r"{1 + e^{-t}} = \sigma(t) - 1$, donc", -np.exp(-t) / (1 + np.exp(-t)), sg(t) - 1)
    g = fd_grad(J, w)
    r1 = np.mean((sg(z) - 1 + 1 - y)[:, None] * X, axis=0) + lam * w
    D.step(r"$$\nabla J(\mathbf{w}) = \frac{1}{n}\sum_{i=1}^n \big(\sigma", g, r1)
    D.step(r"= \frac{1}{n}\sum_{i=1}^n (\hat{y}_i - y_i)\,\mathbf{x}_i + \lambda\mathbf{w},$$", r1, np.mean((yh - y)[:, None] * X, axis=0) + lam * w)
    D.step(r"$\nabla J(\mathbf{w}) = \frac{1}{n}X^\top(\hat{\mathbf{y}}", g, X.T @ (yh - y) / n + lam * w)
    Hs = fd_jac(lambda v: X.T @ (sg(X @ v) - y) / n + lam * v, w)
    D.step(r"$\nabla^2 J(\mathbf{w}) = \frac{1}{n}X^\top S X + \lambda I$", Hs, X.T @ np.diag(yh * (1 - yh)) @ X / n + lam * np.eye(d))


def check():
    run(__file__, body)
