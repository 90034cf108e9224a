import numpy as np
from _truth import run, fd_grad

T, d, h, q = 4, 3, 4, 2


def forward(Whx, Whh, Wqh, xs, ys, h0, inject=None):
    """L, the hidden states and outputs; inject=(t, v) adds v to h_t (to read dL/dh_t)."""
    hs, os_, L = [h0], [], 0.0
    for t in range(1, T + 1):
        ht = Whx @ xs[t] + Whh @ hs[-1]
        if inject is not None and inject[0] == t:
            ht = ht + inject[1]
        hs.append(ht)
        o = Wqh @ ht
        os_.append(o)
        L += 0.5 * np.sum((o - ys[t]) ** 2) / T
    return L, hs, [None] + os_


def body(d_, rng):
    Whx, Whh, Wqh = rng.normal(size=(h, d)), 0.5 * rng.normal(size=(h, h)), rng.normal(size=(q, h))
    xs = [None] + [rng.normal(size=d) for _ in range(T)]
    ys = [None] + [rng.normal(size=q) for _ in range(T)]
    h0 = rng.normal(size=h)
    L, hs, os_ = forward(Whx, Whh, Wqh, xs, ys, h0)

    dL_do = {}
    for t in range(1, T + 1):
        # dL/do_t holding every other output fixed: L as a function of o_t alone
        def L_of_o(o, t=t):
            return sum(0.5 * np.sum(((o if s == t else os_[s]) - ys[s]) ** 2) for s in range(1, T + 1)) / T
        dL_do[t] = fd_grad(L_of_o, os_[t])
        d_.step(r"= \frac{1}{T}\left(\mathbf{o}_t - \mathbf{y}_t\right)", dL_do[t], (os_[t] - ys[t]) / T)

    dL_dh = {t: fd_grad(lambda v, t=t: forward(Whx, Whh, Wqh, xs, ys, h0, (t, v))[0], np.zeros(h))
             for t in range(1, T + 1)}
    d_.step(r"= \mathbf{W}_{qh}^\top \frac{\partial L}{\partial \mathbf{o}_T}", dL_dh[T], Wqh.T @ dL_do[T])
    for t in range(1, T):
        d_.step(r"= \mathbf{W}_{hh}^\top \frac{\partial L}{\partial \mathbf{h}_{t+1}}", dL_dh[t],
                Whh.T @ dL_dh[t + 1] + Wqh.T @ dL_do[t])
    for t in range(1, T + 1):
        expanded = sum(np.linalg.matrix_power(Whh.T, T - i) @ Wqh.T @ dL_do[T + t - i] for i in range(t, T + 1))
        d_.step(r"= \sum_{i=t}^T {\left(", dL_dh[t], expanded)

    gWhx = fd_grad(lambda W: forward(W, Whh, Wqh, xs, ys, h0)[0], Whx)
    gWhh = fd_grad(lambda W: forward(Whx, W, Wqh, xs, ys, h0)[0], Whh)
    gWqh = fd_grad(lambda W: forward(Whx, Whh, W, xs, ys, h0)[0], Wqh)
    d_.step(r"\mathbf{x}_t^\top", gWhx, sum(np.outer(dL_dh[t], xs[t]) for t in range(1, T + 1)))
    d_.step(r"\mathbf{h}_{t-1}^\top", gWhh, sum(np.outer(dL_dh[t], hs[t - 1]) for t in range(1, T + 1)))
    d_.step(r"\mathbf{h}_t^\top", gWqh, sum(np.outer(dL_do[t], hs[t]) for t in range(1, T + 1)))


def check():
    run(__file__, body)
