import numpy as np
from _truth import run, fd_grad

V, d, n = 4, 3, 6


def body(D, rng):
    E = rng.normal(size=(V, d))
    w = rng.integers(0, V, size=n)
    g = rng.normal(size=d)
    oh = np.eye(V)
    D.step(r"= E_{w,:}^\top$$", E.T @ oh[w[0]], E[w[0]])
    h = lambda E: np.mean([E.T @ oh[t] for t in w], axis=0)
    G = fd_grad(lambda M: g @ h(M), E)
    for v in range(V):
        D.step(r"= \frac{1}{n}\sum_{t=1}^{n} \mathbb{1}[w_t = v]", G[v], np.sum([(wt == v) * g for wt in w], axis=0) / n)
    c = np.bincount(w, minlength=V).astype(float)
    s = sum(np.outer(oh[t], g) for t in w)
    D.step(r"= \sum_{t=1}^{n} \mathbf{e}_{w_t}\,\mathbf{g}^\top", G, s, planted=True)
    D.step(r"= \mathbf{c}\,\mathbf{g}^\top,$$", s, np.outer(c, g))


def check():
    run(__file__, body)
