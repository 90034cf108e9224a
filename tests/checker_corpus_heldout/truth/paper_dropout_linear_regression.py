import itertools
import numpy as np
from _truth import run

N, Dm = 3, 2


def body(D, rng):
    X, y, w = rng.normal(size=(N, Dm)), rng.normal(size=N), rng.normal(size=Dm)
    p = rng.uniform(0.2, 0.9)
    masks = [np.array(r, float).reshape(N, Dm) for r in itertools.product([0, 1], repeat=N * Dm)]
    prob = lambda R: p ** R.sum() * (1 - p) ** (R.size - R.sum())
    E = lambda f: sum(prob(R) * f(R) for R in masks)
    G = np.sqrt(np.diag(np.diag(X.T @ X)))
    D.step(r"$\mathbb{E}[R * X] = pX$", E(lambda R: R * X), p * X)
    M = E(lambda R: (R * X).T @ (R * X))
    D.step(r"= p^2 X^\top X + p(1-p)\,\mathrm{diag}(X^\top X)$", M, p ** 2 * X.T @ X + p * (1 - p) * np.diag(np.diag(X.T @ X)))
    lhs = E(lambda R: np.sum((y - (R * X) @ w) ** 2))
    r1 = y @ y - 2 * p * y @ X @ w + w @ M @ w
    r2 = y @ y - 2 * p * y @ X @ w + p ** 2 * w @ X.T @ X @ w + p * (1 - p) * w @ np.diag(np.diag(X.T @ X)) @ w
    r3 = np.sum((y - p * X @ w) ** 2) + p * (1 - p) * np.sum((G @ w) ** 2)
    D.step(r"\mathbf{w} + \mathbf{w}^\top\mathbb{E}\left[(R*X)^\top(R*X)\right]\mathbf{w} \\", lhs, r1)
    D.step(r"+ p^2\mathbf{w}^\top X^\top X\mathbf{w}", r1, r2)
    D.step(r"&= \|\mathbf{y} - pX\mathbf{w}\|^2 + p(1-p)\|\Gamma\mathbf{w}\|^2 .", r2, r3)


def check():
    run(__file__, body)
