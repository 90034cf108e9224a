import numpy as np
from _truth import run, fd_grad, softmax

K = 4


def body(D, rng):
    th = rng.normal(size=K)
    R, b = rng.normal(size=2)
    pi = softmax(th)
    for a in range(K):
        da = np.eye(K)[a]
        D.step(r"$\log\pi_a = \theta_a - \log\sum", np.log(pi[a]), th[a] - np.log(np.sum(np.exp(th))))
        g = fd_grad(lambda t: np.log(softmax(t)[a]), th)
        D.step(r"= \delta_{ak} - \frac{e^{\theta_k}}", g, da - np.exp(th) / np.exp(th).sum())
        D.step(r"= \delta_{ak} - \pi_k$$", da - np.exp(th) / np.exp(th).sum(), da - pi)
        D.step(r"= (R - b)(\delta_{ak} - \pi_k)$$", fd_grad(lambda t: (R - b) * np.log(softmax(t)[a]), th), (R - b) * (da - pi))
    s = sum(pi[a] * (np.eye(K)[a] - pi) for a in range(K))
    D.step(r"= \pi_k - \pi_k\sum_{a=1}^{K}\pi_a", s, pi - pi * pi.sum())
    D.step(r"\pi_a = 0$$", pi - pi * pi.sum(), np.zeros(K))


def check():
    run(__file__, body)
