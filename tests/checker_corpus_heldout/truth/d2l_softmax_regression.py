import numpy as np
from _truth import run, fd_grad, d1, softmax

q = 5


def body(d, rng):
    o = rng.normal(size=q)
    y = rng.dirichlet(np.ones(q))
    yhat = softmax(o)
    l = -np.sum(y * np.log(yhat))
    s1 = -np.sum(y * np.log(np.exp(o) / np.exp(o).sum()))
    s2 = np.sum(y * np.log(np.exp(o).sum())) - np.sum(y * o)
    s3 = np.log(np.exp(o).sum()) - np.sum(y * o)
    d.step(r"&=  - \sum_{j=1}^q y_j \log \frac", l, s1)
    d.step(r"&= \sum_{j=1}^q y_j \log \sum_{k=1}^q", s1, s2)
    d.step(r"&= \log \sum_{k=1}^q \exp(o_k) - \sum_{j=1}^q y_j o_j.", s2, s3)

    loss = lambda oo: -np.sum(y * np.log(softmax(oo)))
    g = fd_grad(loss, o)
    a = np.exp(o) / np.exp(o).sum() - y
    d.step(r"= \frac{\exp(o_j)}{\sum_{k=1}^q \exp(o_k)} - y_j", g, a)
    d.step(r"= \mathrm{softmax}(\mathbf{o})_j - y_j.", a, softmax(o) - y)

    for j in range(q):
        def dl_dj(t, j=j):
            oo = o.copy(); oo[j] = t
            return softmax(oo)[j] - y[j]
        second = d1(dl_dj, o[j])
        e = np.exp(o)
        quot = (e[j] * e.sum() - e[j] ** 2) / e.sum() ** 2
        d.step(r"\partial^2_{o_j} l(\mathbf{y}, \hat{\mathbf{y}}) = \frac", second, quot)
        d.step(r"= \mathrm{softmax}(\mathbf{o})_j\left(1", quot, softmax(o)[j] * (1 - softmax(o)[j]))


def check():
    run(__file__, body)
