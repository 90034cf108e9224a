import numpy as np
from _truth import run, fd_grad, softmax

H, X, Y = 3, 2, 4


def body(D, rng):
    Whh, Wxh, Why = rng.normal(size=(H, H)), rng.normal(size=(H, X)), rng.normal(size=(Y, H))
    b = rng.normal(size=H)
    h0 = rng.normal(size=H)
    xs = rng.normal(size=(3, X))        # xs[1], xs[2]
    ys = rng.integers(0, Y, size=3)

    def loss(Whh, Wxh, Why, h1=None, a2=None):
        L = 0.0
        a1 = Whh @ h0 + Wxh @ xs[1] + b
        hh1 = np.tanh(a1) if h1 is None else h1
        L += -np.log(softmax(Why @ hh1)[ys[1]])
        aa2 = Whh @ hh1 + Wxh @ xs[2] + b if a2 is None else a2
        hh2 = np.tanh(aa2)
        L += -np.log(softmax(Why @ hh2)[ys[2]])
        return L

    a1 = Whh @ h0 + Wxh @ xs[1] + b; h1 = np.tanh(a1)
    a2 = Whh @ h1 + Wxh @ xs[2] + b; h2 = np.tanh(a2)
    yh = {1: softmax(Why @ h1), 2: softmax(Why @ h2)}
    e = {t: np.eye(Y)[ys[t]] for t in (1, 2)}
    for t, h in ((1, h1), (2, h2)):
        o = Why @ h
        D.step(r"= \hat{\mathbf{y}}_t - \mathbf{e}_{y_t}$$", fd_grad(lambda v: -np.log(softmax(v)[ys[t]]), o), yh[t] - e[t])
    dh2 = fd_grad(lambda v: -np.log(softmax(Why @ v)[ys[2]]), h2)
    D.step(r"= W_{hy}^\top(\hat{\mathbf{y}}_2 - \mathbf{e}_{y_2}), \qquad", dh2, Why.T @ (yh[2] - e[2]))
    da2 = fd_grad(lambda v: loss(Whh, Wxh, Why, a2=v), a2)
    D.step(r"= \frac{\partial L}{\partial \mathbf{h}_2} \odot (1 - \mathbf{h}_2^2)$$", da2, dh2 * (1 - h2 ** 2))
    dh1 = fd_grad(lambda v: loss(Whh, Wxh, Why, h1=v), h1)
    D.step(r"= W_{hy}^\top(\hat{\mathbf{y}}_1 - \mathbf{e}_{y_1}) + W_{hh}^\top", dh1, Why.T @ (yh[1] - e[1]) + Whh.T @ da2)
    da1 = dh1 * (1 - h1 ** 2)
    D.step(r"= \sum_{t=1}^{2}\frac{\partial L}{\partial \mathbf{a}_t}\mathbf{h}_{t-1}^\top, \qquad", fd_grad(lambda M: loss(M, Wxh, Why), Whh), np.outer(da1, h0) + np.outer(da2, h1))
    D.step(r"= \sum_{t=1}^{2}\frac{\partial L}{\partial \mathbf{a}_t}\mathbf{x}_t^\top, \qquad", fd_grad(lambda M: loss(Whh, M, Why), Wxh), np.outer(da1, xs[1]) + np.outer(da2, xs[2]))
    D.step(r"= \sum_{t=1}^{2}(\hat{\mathbf{y}}_t - \mathbf{e}_{y_t})\mathbf{h}_t^\top$$", fd_grad(lambda M: loss(Whh, Wxh, M), Why), np.outer(yh[1] - e[1], h1) + np.outer(yh[2] - e[2], h2))


def check():
    run(__file__, body)
