import numpy as np
from _truth import run, fd_grad, fd_jac, softmax

T, nh, nx, no = 3, 3, 2, 4


def forward(P, xs, ys, h0, inject=None):
    b, W, U, c, V = P
    hs, L = [h0], 0.0
    for t in range(1, T + 1):
        h = np.tanh(b + W @ hs[-1] + U @ xs[t])
        if inject is not None and inject[0] == t:
            h = h + inject[1]
        hs.append(h)
        L -= np.log(softmax(c + V @ h)[ys[t]])
    return L, hs


def body(D, rng):
    P = [rng.normal(size=nh), rng.normal(size=(nh, nh)), rng.normal(size=(nh, nx)), rng.normal(size=no), rng.normal(size=(no, nh))]
    b, W, U, c, V = P
    xs = [None] + [rng.normal(size=nx) for _ in range(T)]
    ys = [None] + list(rng.integers(0, no, size=T))
    h0 = rng.normal(size=nh)
    L, hs = forward(P, xs, ys, h0)
    go = {}
    for t in range(1, T + 1):
        o = c + V @ hs[t]
        go[t] = fd_grad(lambda oo: -np.log(softmax(oo)[ys[t]]), o)
        D.step(r"= \frac{\partial L}{\partial L^{(t)}}\frac{\partial L^{(t)}}{\partial o_i^{(t)}}", go[t], 1.0 * go[t])
        D.step(r"= \hat{y}_i^{(t)} - \mathbf{1}_{i = y^{(t)}}", go[t], softmax(o) - np.eye(no)[ys[t]])
    gh = {t: fd_grad(lambda v, t=t: forward(P, xs, ys, h0, (t, v))[0], np.zeros(nh)) for t in range(1, T + 1)}
    D.step(r"L = \boldsymbol{V}^\top \nabla_{\boldsymbol{o}^{(\tau)}} L.", gh[T], V.T @ go[T])
    for t in range(1, T):
        jac = fd_jac(lambda hh: np.tanh(b + W @ hh + U @ xs[t + 1]), hs[t])
        r1 = jac.T @ gh[t + 1] + V.T @ go[t]
        D.step(r"L &= \left(\frac{\partial \boldsymbol{h}^{(t+1)}}", gh[t], r1)
        D.step(r"&= \boldsymbol{W}^\top \mathrm{diag}", r1, W.T @ np.diag(1 - hs[t + 1] ** 2) @ gh[t + 1] + V.T @ go[t])

    def wp(k, val):
        Q = list(P); Q[k] = val
        return forward(Q, xs, ys, h0)[0]
    dg = {t: np.diag(1 - hs[t] ** 2) @ gh[t] for t in range(1, T + 1)}
    ts = range(1, T + 1)
    D.step(r"&= \sum_t \nabla_{\boldsymbol{o}^{(t)}} L, \\", fd_grad(lambda v: wp(3, v), c), sum(go[t] for t in ts))
    D.step(r"\nabla_{\boldsymbol{h}^{(t)}} L, \\", fd_grad(lambda v: wp(0, v), b), sum(dg[t] for t in ts))
    D.step(r"&= \sum_t (\nabla_{\boldsymbol{o}^{(t)}} L)\, \boldsymbol{h}^{(t)\top}", fd_grad(lambda v: wp(4, v), V), sum(np.outer(go[t], hs[t]) for t in ts))
    D.step(r"\boldsymbol{h}^{(t-1)\top}", fd_grad(lambda v: wp(1, v), W), sum(np.outer(dg[t], hs[t - 1]) for t in ts))
    D.step(r"\boldsymbol{x}^{(t)\top}", fd_grad(lambda v: wp(2, v), U), sum(np.outer(dg[t], xs[t]) for t in ts))


def check():
    run(__file__, body)
