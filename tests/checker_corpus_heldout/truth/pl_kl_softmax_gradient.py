import numpy as np
from _truth import run, fd_grad, fd_jac, softmax

K = 5


def body(D, rng):
    p, z = rng.dirichlet(np.ones(K)), rng.normal(size=K)
    q = softmax(z)
    kl = lambda z: np.sum(p * np.log(p / softmax(z)))
    D.step(r"= \sum_{i=1}^{K} p_i \ln p_i - \sum_{i=1}^{K} p_i \ln q_i .$$", kl(z), np.sum(p * np.log(p)) - np.sum(p * np.log(q)))
    D.step(r"$\ln q_i = z_i - \ln\sum_{k} e^{z_k}$", np.log(q), z - np.log(np.exp(z).sum()))
    D.step(r"= \delta_{ij} - q_j$", fd_jac(lambda v: np.log(softmax(v)), z), np.eye(K) - q[None, :])
    g = fd_grad(kl, z)
    a = np.array([-np.sum(p * ((np.arange(K) == j) - q[j])) for j in range(K)])
    D.step(r"= -\sum_{i=1}^{K} p_i\left(\delta_{ij} - q_j\right)", g, a)
    D.step(r"= -p_j + q_j\sum_{i=1}^{K} p_i", a, -p + q * p.sum())
    D.step(r"p_i = q_j - p_j .$$", -p + q * p.sum(), q - p)
    T = rng.uniform(0.5, 5)
    v = rng.normal(size=K)
    pT = softmax(v / T)
    klT = lambda z: np.sum(pT * np.log(pT / softmax(z / T)))
    D.step(r"= \frac{1}{T}\left(q_j - p_j\right),$$", fd_grad(klT, z), (softmax(z / T) - pT) / T)


def check():
    run(__file__, body)
