import numpy as np
from _truth import run, fd_grad, softmax

V, H, T = 4, 3, 3


def forward(P, xs, cs, h0, inject=None):
    Wxh, Whh, Why, bh, by = P
    hs, L = [h0], 0.0
    for t in range(T):
        h = np.tanh(Wxh @ xs[t] + Whh @ hs[-1] + bh)
        if inject is not None and inject[0] == t:
            h = h + inject[1]
        hs.append(h)
        L -= np.log(softmax(Why @ h + by)[cs[t]])
    return L, hs


def body(D, rng):
    P = [rng.normal(size=(H, V)), rng.normal(size=(H, H)), rng.normal(size=(V, H)), rng.normal(size=H), rng.normal(size=V)]
    Wxh, Whh, Why, bh, by = P
    idx = rng.integers(0, V, size=T)
    xs = [np.eye(V)[i] for i in idx]
    cs = rng.integers(0, V, size=T)
    h0 = rng.normal(size=H)
    L, hs = forward(P, xs, cs, h0)
    dy = [softmax(Why @ hs[t + 1] + by) - np.eye(V)[cs[t]] for t in range(T)]
    for t in range(T):
        g = fd_grad(lambda y: -np.log(softmax(y)[cs[t]]), Why @ hs[t + 1] + by)
        D.step(r"= p_t - \mathbb{1}_{c_t}.", g, dy[t])

    def with_param(k, val):
        Q = list(P); Q[k] = val
        return forward(Q, xs, cs, h0)[0]

    D.step(r"= \sum_t \delta^y_t h_t^T.", fd_grad(lambda W: with_param(2, W), Why), sum(np.outer(dy[t], hs[t + 1]) for t in range(T)))
    dh = [fd_grad(lambda v, t=t: forward(P, xs, cs, h0, (t, v))[0], np.zeros(H)) for t in range(T)]
    D.step(r"$\delta^h_T = W_{hy}^T \delta^y_T$", dh[T - 1], Why.T @ dy[T - 1])
    a = [Wxh @ xs[t] + Whh @ hs[t] + bh for t in range(T)]
    # gradient on the pre-activation: perturb a_t (the tanh argument) directly
    def L_a(t, v):
        hs_, L_ = [h0], 0.0
        for s in range(T):
            pre = Wxh @ xs[s] + Whh @ hs_[-1] + bh + (v if s == t else 0)
            hs_.append(np.tanh(pre))
            L_ -= np.log(softmax(Why @ hs_[-1] + by)[cs[s]])
        return L_
    da = [fd_grad(lambda v, t=t: L_a(t, v), np.zeros(H)) for t in range(T)]
    D.step(r"= (1 - h_T \odot h_T) \odot \delta^h_T.", da[T - 1], (1 - hs[T] ** 2) * dh[T - 1])
    D.step(r"= \frac{\partial L}{\partial h_{T-1}} = W_{hy}^T", dh[T - 2], dh[T - 2])
    D.step(r"= W_{hy}^T \delta^y_{T-1} + W_{hh}\, \delta^a_{T}.", dh[T - 2], Why.T @ dy[T - 2] + Whh @ da[T - 1], planted=True)
    D.step(r"= \sum_t \delta^a_t x_t^T,", fd_grad(lambda W: with_param(0, W), Wxh), sum(np.outer(da[t], xs[t]) for t in range(T)))
    D.step(r"= \sum_t \delta^a_t h_{t-1}^T,", fd_grad(lambda W: with_param(1, W), Whh), sum(np.outer(da[t], hs[t]) for t in range(T)))
    D.step(r"{\partial b_h} = \sum_t \delta^a_t.", fd_grad(lambda b: with_param(3, b), bh), sum(da))


def check():
    run(__file__, body)
