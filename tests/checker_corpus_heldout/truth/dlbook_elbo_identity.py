import numpy as np
from _truth import run

K = 5  # h takes K values; v is fixed


def body(D, rng):
    joint = rng.dirichlet(np.ones(K)) * rng.uniform(0.1, 0.9)  # p(h, v) for the observed v
    pv = joint.sum()
    post = joint / pv
    q = rng.dirichlet(np.ones(K))
    E = lambda f: float(np.sum(q * f))
    kl = E(np.log(q / post))
    L = np.log(pv) - kl
    r1 = np.log(pv) - E(np.log(q / post))
    r2 = np.log(pv) - E(np.log(q / (joint / pv)))
    r3 = np.log(pv) - E(np.log(q) - np.log(joint) + np.log(pv))
    r4 = -E(np.log(q) - np.log(joint))
    D.step(r"&= \log p(\boldsymbol{v}; \boldsymbol{\theta}) - \mathbb{E}_{\mathbf{h} \sim q}\left[\log \frac{q(\boldsymbol{h} \mid \boldsymbol{v})}{p(\boldsymbol{h} \mid \boldsymbol{v})}", L, r1)
    D.step(r"{\frac{p(\boldsymbol{h}, \boldsymbol{v}; \boldsymbol{\theta})}", r1, r2)
    D.step(r"+ \log p(\boldsymbol{v}; \boldsymbol{\theta})\right] \\", r2, r3)
    D.step(r"&= - \mathbb{E}_{\mathbf{h} \sim q}", r3, r4)
    D.step(r"\log p(\boldsymbol{h}, \boldsymbol{v})\right] + H(q).", L, E(np.log(joint)) - np.sum(q * np.log(q)))


def check():
    run(__file__, body)
