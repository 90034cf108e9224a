import numpy as np
from _truth import run, fd_grad, softmax

q = 5


def body(D, rng):
    o = rng.normal(size=q) * 2
    y = np.eye(q)[rng.integers(0, q)]
    l = lambda o: -np.sum(y * np.log(softmax(o)))
    lse = np.log(np.exp(o).sum())
    r1 = -np.sum(y * np.log(np.exp(o) / np.exp(o).sum()))
    D.step(r"&=  - \sum_{j=1}^q y_j \log \frac{\exp(o_j)}", l(o), r1)
    r2 = np.sum(y * lse) - np.sum(y * o)
    D.step(r"&= \sum_{j=1}^q y_j \log \sum_{k=1}^q \exp(o_k) - ", r1, r2)
    D.step(r"&= \log \sum_{k=1}^q \exp(o_k) - \sum_{j=1}^q y_j o_j.", r2, lse - np.sum(y * o))
    g = fd_grad(l, o)
    D.step(r"= \frac{\exp(o_j)}{\sum_{k=1}^q \exp(o_k)} - y_j = ", g, np.exp(o) / np.exp(o).sum() - y)
    D.step(r"= \mathrm{softmax}(\mathbf{o})_j - y_j.", np.exp(o) / np.exp(o).sum() - y, softmax(o) - y)


def check():
    run(__file__, body)
