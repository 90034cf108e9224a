#!/usr/bin/env python3
"""Independent NumPy-only truth check for corpus37.

For every Markdown file we list (substring, predicate) pairs.  Each substring
must identify exactly one line of the file; the predicate checks the
mathematics claimed on that line *as it really is* (finite differences at
random points for derivatives and identities, recomputation of worked numbers
at the precision shown, brute-force shape counting, ...).  Lines that only
introduce notation/definitions are covered with `defn` (always true) so that
every line containing math ('$') is accounted for.

The first line (in file order) whose predicate is False is the file's first
false line; it is compared with expected.json.
"""
import json
import os
import re
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
RNG = np.random.default_rng(12345)


# ----------------------------------------------------------------- helpers
def defn():
    """Notation / definition / prose line: nothing to refute."""
    return True


def sig(z):
    return 1.0 / (1.0 + np.exp(-z))


def dsig(z):
    s = sig(z)
    return s * (1 - s)


def softmax(o, axis=-1):
    o = np.asarray(o, float)
    e = np.exp(o - o.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def fd(f, x0, eps=1e-6):
    """Central finite-difference gradient of scalar f at array x0."""
    x0 = np.array(x0, dtype=float)
    g = np.zeros_like(x0)
    for idx in np.ndindex(x0.shape):
        xp = x0.copy()
        xm = x0.copy()
        xp[idx] += eps
        xm[idx] -= eps
        g[idx] = (f(xp) - f(xm)) / (2 * eps)
    return g


def jac(F, x0, eps=1e-6):
    """Numerical Jacobian J[i, j] = dF_i / dx_j for vector F, vector x0."""
    x0 = np.array(x0, dtype=float)
    cols = []
    for j in range(x0.size):
        xp = x0.copy()
        xm = x0.copy()
        xp[j] += eps
        xm[j] -= eps
        cols.append((np.asarray(F(xp)) - np.asarray(F(xm))) / (2 * eps))
    return np.stack(cols, axis=1)


def close(a, b, tol=1e-5):
    a = np.asarray(a, float)
    b = np.asarray(b, float)
    return a.shape == b.shape and np.allclose(a, b, atol=tol, rtol=tol)


def _dec(s):
    return len(s.split(".")[1]) if "." in s else 0


# Text binding: every shown value / formula fragment a predicate relies on must
# literally occur on the line the substring selected, so a predicate can never
# silently check numbers that are not the ones printed in the file.
CUR = {"line": "", "missing": []}


def _need(fragment):
    if fragment not in CUR["line"]:
        CUR["missing"].append(fragment)


def txt(*fragments):
    """Assert that the claimed formula fragments are written on this line."""
    for fr in fragments:
        _need(fr)
    return True


def num(s, true):
    """Shown number s (string, as printed) equals the true value rounded at its precision."""
    _need(s)
    d = _dec(s)
    tol = 1e-9 if d == 0 else 0.5 * 10 ** (-d) + 1e-9
    return abs(float(s) - float(true)) <= tol


def nums(strs, trues):
    trues = np.asarray(trues, float).ravel()
    oks = [num(s, t) for s, t in zip(strs, trues)]
    return len(strs) == trues.size and all(oks)


def arith(expr, s):
    """The arithmetic written on the line, done with the *shown* operands,
    rounds to the shown result.  All operands must occur on the line."""
    for tok in re.findall(r"\d+\.\d+|\d+", expr):
        _need(tok)
    value = eval(expr, {"np": np, "sig": sig})
    return num(s, value)


def all_(*conds):
    return all(bool(c) for c in conds)


# ------------------------------------------------------- Nielsen network
def nielsen_net(sizes, seed=0):
    r = np.random.default_rng(seed)
    Ws = [r.normal(size=(sizes[i + 1], sizes[i])) for i in range(len(sizes) - 1)]
    bs = [r.normal(size=sizes[i + 1]) for i in range(len(sizes) - 1)]
    x = r.normal(size=sizes[0])
    y = r.uniform(size=sizes[-1])
    return Ws, bs, x, y


def n_forward(Ws, bs, x, zover=None, Wover=None, bover=None):
    """Layers indexed 0..len(Ws); z[i], a[i] for i>=1. zover=(i, z)."""
    a = x
    zs, As = [None], [x]
    for i in range(len(Ws)):
        W = Wover[1] if (Wover and Wover[0] == i + 1) else Ws[i]
        b = bover[1] if (bover and bover[0] == i + 1) else bs[i]
        z = W @ a + b
        if zover is not None and zover[0] == i + 1:
            z = zover[1]
        a = sig(z)
        zs.append(z)
        As.append(a)
    return zs, As


def quad_cost(aL, y):
    return 0.5 * np.sum((y - aL) ** 2)


def n_delta_fd(Ws, bs, x, y, layer, cost=quad_cost):
    zs, _ = n_forward(Ws, bs, x)
    return fd(lambda z: cost(n_forward(Ws, bs, x, zover=(layer, z))[1][-1], y), zs[layer])


# ----------------------------------------------------------- RNN helpers
def rnn_params(n, m, K, seed=1, scale=0.8):
    r = np.random.default_rng(seed)
    return dict(W=scale * r.normal(size=(n, n)) / np.sqrt(n), U=r.normal(size=(n, m)),
                V=r.normal(size=(K, n)), b=0.3 * r.normal(size=n), c=0.3 * r.normal(size=K))


def rnn_forward(P, xs, ys, h0, hover=None, oover=None, Wt=None):
    """hover/oover: {t: value} overrides of h^(t)/o^(t); Wt: {t: W used at step t}."""
    hs, os_, ps, Ls = [np.array(h0, float)], [None], [None], [None]
    for t in range(1, len(xs) + 1):
        W = Wt[t] if (Wt and t in Wt) else P["W"]
        h = np.tanh(P["b"] + W @ hs[-1] + P["U"] @ xs[t - 1])
        if hover and t in hover:
            h = hover[t]
        o = P["c"] + P["V"] @ h
        if oover and t in oover:
            o = oover[t]
        p = softmax(o)
        hs.append(h)
        os_.append(o)
        ps.append(p)
        Ls.append(-np.log(p[ys[t - 1]]))
    return dict(L=sum(Ls[1:]), h=hs, o=os_, p=ps, Ls=Ls)


def rnn_setup(n=3, m=2, K=4, T=4, seed=1):
    P = rnn_params(n, m, K, seed)
    r = np.random.default_rng(seed + 100)
    xs = [r.normal(size=m) for _ in range(T)]
    ys = [int(r.integers(K)) for _ in range(T)]
    h0 = 0.5 * r.normal(size=n)
    return P, xs, ys, h0


def rnn_grad_h(P, xs, ys, h0, t):
    f = rnn_forward(P, xs, ys, h0)
    return fd(lambda h: rnn_forward(P, xs, ys, h0, hover={t: h})["L"], f["h"][t])


def rnn_grad_o(P, xs, ys, h0, t):
    f = rnn_forward(P, xs, ys, h0)
    return fd(lambda o: rnn_forward(P, xs, ys, h0, oover={t: o})["L"], f["o"][t])


def rnn_grad_param(P, xs, ys, h0, name):
    def f(v):
        Q = dict(P)
        Q[name] = v
        return rnn_forward(Q, xs, ys, h0)["L"]
    return fd(f, P[name])


# ======================================================================
CHECKS = {}


def checks(fname):
    def deco(fn):
        CHECKS[fname] = fn
        return fn
    return deco


# ---------------------------------------------------------------- 01
@checks("01_nielsen_four_equations.md")
def c01():
    sizes = [3, 4, 5, 2]
    Ws, bs, x, y = nielsen_net(sizes, 1)
    zs, As = n_forward(Ws, bs, x)
    L = len(sizes) - 1
    deltas = {l: n_delta_fd(Ws, bs, x, y, l) for l in range(1, L + 1)}

    def cost_of(**kw):
        return lambda v: quad_cost(n_forward(Ws, bs, x, **kw(v))[1][-1], y)

    def comp_vs_vec():
        W, b, a = Ws[1], bs[1], As[1]
        comp = np.array([sig(sum(W[j, k] * a[k] for k in range(a.size)) + b[j]) for j in range(W.shape[0])])
        return close(comp, sig(W @ a + b)) and close(zs[2], W @ a + b)

    dCda = fd(lambda a: quad_cost(a, y), As[L])
    bp1 = close(deltas[L], dCda * dsig(zs[L]))
    bp1q = close(dCda, As[L] - y) and close(deltas[L], (As[L] - y) * dsig(zs[L]))
    bp2 = all(close(deltas[l], (Ws[l].T @ deltas[l + 1]) * dsig(zs[l])) for l in range(1, L))
    gb = {l: fd(lambda b, l=l: quad_cost(n_forward(Ws, bs, x, bover=(l, b))[1][-1], y), bs[l - 1]) for l in range(1, L + 1)}
    gW = {l: fd(lambda W, l=l: quad_cost(n_forward(Ws, bs, x, Wover=(l, W))[1][-1], y), Ws[l - 1]) for l in range(1, L + 1)}
    bp3 = all(close(gb[l], deltas[l]) for l in gb)
    bp4c = all(close(gW[l][j, k], As[l - 1][k] * deltas[l][j])
               for l in gW for j in range(gW[l].shape[0]) for k in range(gW[l].shape[1]))
    bp4m = all(close(gW[l], np.outer(deltas[l], As[l - 1])) and gW[l].shape == (sizes[l], sizes[l - 1])
               for l in gW)
    # a^{l-1}_k -> 0 makes dC/dw_jk -> 0 (gradient proportional to input activation)
    small = all(abs(As[l - 1][k] * deltas[l][j]) <= abs(deltas[l][j]) * abs(As[l - 1][k]) + 1e-15
                for l in gW for j in range(sizes[l]) for k in range(sizes[l - 1]))
    zz = np.linspace(-20, 20, 4001)
    sp = fd(lambda z: np.sum(sig(z)), zz)  # elementwise derivative
    sigp = close(sp, sig(zz) * (1 - sig(zz)), 1e-6) and np.all(dsig(zz) > 0) and dsig(zz).max() <= 0.25 + 1e-12 \
        and dsig(np.array([-12.0, 12.0])).max() < 1e-4
    quad = np.isclose(0.5 * np.linalg.norm(y - As[L]) ** 2, 0.5 * np.sum((y - As[L]) ** 2))
    return [
        ("Notation first. We write $w^l_{jk}$", defn),
        ("$$a^l_j = \\sigma\\Big(\\sum_k", comp_vs_vec),
        ("which in vectorized form reads", lambda: txt("$z^l = w^l a^{l-1} + b^l$", "$a^l = \\sigma(z^l)$") and comp_vs_vec()),
        ("then $w^l$ is an $n_l \\times n_{l-1}$ matrix",
         lambda: all(Ws[i].shape == (sizes[i + 1], sizes[i]) and (Ws[i] @ As[i]).shape == (sizes[i + 1],) for i in range(L))),
        ("we use the quadratic cost $C = \\frac{1}{2}\\|y - a^L\\|^2 = \\frac{1}{2}\\sum_j (y_j - a^L_j)^2$", lambda: quad),
        ("$$\\delta^L_j = \\frac{\\partial C}{\\partial a^L_j}\\,\\sigma'(z^L_j).$$", lambda: bp1),
        ("For the quadratic cost $\\partial C/\\partial a^L_j = (a^L_j - y_j)$",
         lambda: txt("\\delta^L = (a^L - y) \\odot \\sigma'(z^L)") and bp1q),
        ("**An equation for the error $\\delta^l$", defn),
        ("$$\\delta^l = ((w^{l+1})^T \\delta^{l+1}) \\odot \\sigma'(z^l).$$", lambda: bp2),
        ("Applying the transpose weight matrix", lambda: bp2),
        ("$$\\frac{\\partial C}{\\partial b^l_j} = \\delta^l_j.$$", lambda: bp3),
        ("$$\\frac{\\partial C}{\\partial w^l_{jk}} = a^{l-1}_k \\delta^l_j,$$", lambda: bp4c),
        ("or, without indices,", lambda: txt("= \\delta^l (a^{l-1})^T", "an $n_l \\times n_{l-1}$ matrix") and bp4m),
        ("A consequence of BP4", lambda: bp4c and small),
        ("Similarly, since $\\sigma'(z) = \\sigma(z)(1-\\sigma(z))$",
         lambda: txt("$0 < \\sigma'(z) \\le 1/4$", "$\\sigma'(z^L_j) \\approx 0$") and sigp),
        ("Putting it together", lambda: txt("$l = L-1, L-2, \\ldots, 2$") and bp1 and bp2 and bp3 and bp4m),
    ]


# ---------------------------------------------------------------- 02
@checks("02_nielsen_worked_221.md")
def c02():
    x = np.array([1.0, 0.5])
    W2 = np.array([[0.2, -0.4], [0.6, 0.1]])
    b2 = np.array([0.1, -0.2])
    W3 = np.array([[0.5, -0.3]])
    b3 = np.array([0.2])
    y = np.array([1.0])
    Ws, bs = [W2, W3], [b2, b3]
    zs, As = n_forward(Ws, bs, x)
    z2, a2, z3, a3 = zs[1], As[1], zs[2], As[2]
    C = quad_cost(a3, y)
    d3 = n_delta_fd(Ws, bs, x, y, 2)
    d2 = n_delta_fd(Ws, bs, x, y, 1)
    gW3 = fd(lambda W: quad_cost(n_forward(Ws, bs, x, Wover=(2, W))[1][-1], y), W3)
    gb3 = fd(lambda b: quad_cost(n_forward(Ws, bs, x, bover=(2, b))[1][-1], y), b3)
    gW2 = fd(lambda W: quad_cost(n_forward(Ws, bs, x, Wover=(1, W))[1][-1], y), W2)
    gb2 = fd(lambda b: quad_cost(n_forward(Ws, bs, x, bover=(1, b))[1][-1], y), b2)
    zz = np.linspace(-5, 5, 101)
    return [
        ("To make the four equations concrete", defn),
        ("$$w^2 = \\begin{pmatrix}", defn),
        ("We use the quadratic cost $C = \\frac{1}{2}(y - a^3)^2$",
         lambda: txt("$\\sigma'(z) = \\sigma(z)(1-\\sigma(z))$") and close(fd(lambda z: np.sum(sig(z)), zz), sig(zz) * (1 - sig(zz)), 1e-6)),
        ("$z^2 = w^2 a^1 + b^2 = (0.2 - 0.2 + 0.1",
         lambda: txt("0.6 + 0.05 - 0.2)^T = (0.1,\\ 0.45)^T") and all_(close([0.2 - 0.2 + 0.1, 0.6 + 0.05 - 0.2], z2), close(z2, [0.1, 0.45]),
                      nums(["0.5250", "0.6106"], a2))),
        ("$z^3 = w^3 a^2 + b^3 = 0.5 \\times 0.5250",
         lambda: all_(num("0.2793", z3[0]), arith("0.5 * 0.5250 - 0.3 * 0.6106 + 0.2", "0.2793"),
                      num("0.5694", a3[0]), arith("sig(0.2793)", "0.5694"))),
        ("The cost is $C = \\frac{1}{2}(1 - 0.5694)^2 = 0.0927$",
         lambda: num("0.0927", C) and arith("0.5 * (1 - 0.5694) ** 2", "0.0927")),
        ("**Output error (BP1).**",
         lambda: num("0.2452", dsig(z3[0])) and arith("0.5694 * 0.4306", "0.2452")),
        ("$$\\delta^3 = (a^3 - y)\\,\\sigma'(z^3) = (-0.4306)(0.2452) = -0.1056.$$",
         lambda: num("-0.1056", d3[0]) and arith("-0.4306 * 0.2452", "-0.1056") and num("-0.4306", a3[0] - 1)),
        ("**Output-layer gradients (BP3, BP4).**", lambda: num("-0.1056", gb3[0])),
        ("= \\delta^3 (a^2)^T = (-0.1056 \\times 0.5250",
         lambda: nums(["-0.0554", "-0.0645"], gW3) and arith("-0.1056 * 0.5250", "-0.0554")
         and arith("-0.1056 * 0.6106", "-0.0645")),
        ("**Backpropagate (BP2).**",
         lambda: all_(nums(["0.2494", "0.2378"], dsig(z2)), arith("0.5250 * 0.4750", "0.2494"),
                      arith("0.6106 * 0.3894", "0.2378"), nums(["-0.0528", "0.0317"], W3.T @ d3),
                      arith("0.5 * -0.1056", "-0.0528"), arith("-0.3 * -0.1056", "0.0317"))),
        ("$$\\delta^2 = ((w^3)^T \\delta^3) \\odot \\sigma'(z^2)",
         lambda: all_(nums(["-0.0123", "0.0075"], d2), arith("-0.0528 * 0.2494", "-0.0123"),
                      arith("0.0317 * 0.2378", "0.0075"))),
        ("**Hidden-layer gradients.** By BP4, $\\partial C/\\partial w^2_{jk} = a^1_k \\delta^2_j$",
         lambda: close(gW2, np.outer(d2, x))),
        ("$$\\frac{\\partial C}{\\partial w^2} = \\delta^2 (a^1)^T",
         lambda: nums(["-0.0123", "-0.0062", "0.0075", "0.0038"], gW2) and nums(["-0.0123", "0.0075"], gb2)),
        ("**One gradient-descent step.**",
         lambda: nums(["0.5554", "-0.2355"], W3 - 1.0 * gW3) and num("0.3056", (b3 - 1.0 * gb3)[0])
         and arith("0.2 + 0.1056", "0.3056")),
        ("Notice how small the hidden-layer gradients",
         lambda: txt("$\\sigma'(z) \\le 0.25$") and np.abs(gW2).max() < np.abs(gW3).min() and dsig(zz).max() <= 0.25 + 1e-12),
    ]


# ---------------------------------------------------------------- 03
@checks("03_nielsen_proof_bp1_bp2.md")
def c03():
    sizes = [3, 3, 3, 3]           # square layers so that the index swap is well-formed
    Ws, bs, x, y = nielsen_net(sizes, 3)
    zs, As = n_forward(Ws, bs, x)
    L = 3

    def gcost(aL, y):              # a cost coupling all outputs
        return np.log(np.sum(np.exp(aL * np.arange(1, aL.size + 1)))) + np.sum(y * aL) ** 2

    dl = {l: n_delta_fd(Ws, bs, x, y, l, gcost) for l in range(1, L + 1)}
    dCda = fd(lambda a: gcost(a, y), As[L])
    Jaz = jac(sig, zs[L])
    bp1_sum = close(dl[L], Jaz.T @ dCda)
    diag = close(Jaz, np.diag(np.diag(Jaz)))
    bp1 = close(dl[L], dCda * dsig(zs[L])) and close(np.diag(Jaz), dsig(zs[L]))
    l = 1
    Jzz = jac(lambda z: Ws[l] @ sig(z) + bs[l], zs[l])      # J[k, j] = dz^{l+1}_k / dz^l_j
    W = Ws[l]
    chain = close(dl[l], Jzz.T @ dl[l + 1])
    zdef = close(zs[l + 1], np.array([sum(W[k, j] * As[l][j] for j in range(3)) + bs[l][k] for k in range(3)])) \
        and close(zs[l + 1], W @ sig(zs[l]) + bs[l])
    claimed_J = np.array([[W[j, k] * dsig(zs[l][j]) for j in range(3)] for k in range(3)])
    claimed_delta = np.array([sum(W[j, k] * dl[l + 1][k] for k in range(3)) * dsig(zs[l][j]) for j in range(3)])
    claimed_mat = (W @ dl[l + 1]) * dsig(zs[l])
    gb = fd(lambda v: (Ws[1] @ As[1] + v)[0], bs[1])
    gw = fd(lambda v: (v @ As[1] + bs[1])[0], Ws[1])
    bp34 = close(gb, [1, 0, 0]) and close(gw[0], As[1]) and close(gw[1:], 0 * gw[1:])
    # mini-batch
    m = 4
    r = np.random.default_rng(33)
    X = r.normal(size=(m, 3))
    Y = r.uniform(size=(m, 3))

    def Cbatch(Wv, layer=2):
        tot = 0.0
        for xx, yy in zip(X, Y):
            tot += quad_cost(n_forward(Ws, bs, xx, Wover=(layer, Wv))[1][-1], yy)
        return tot / m

    def Cbatch_b(bv, layer=2):
        tot = 0.0
        for xx, yy in zip(X, Y):
            tot += quad_cost(n_forward(Ws, bs, xx, bover=(layer, bv))[1][-1], yy)
        return tot / m

    gWb = fd(Cbatch, Ws[1])
    gbb = fd(Cbatch_b, bs[1])
    dsum = np.zeros((3, 3))
    bsum = np.zeros(3)
    for xx, yy in zip(X, Y):
        _, Ax = n_forward(Ws, bs, xx)
        dx = n_delta_fd(Ws, bs, xx, yy, 2)
        dsum += np.outer(dx, Ax[1])
        bsum += dx
    mb = close(gWb, dsum / m) and close(gbb, bsum / m)
    eta = 0.3
    upd = close(Ws[1] - eta / m * dsum, Ws[1] - eta * gWb) and close(bs[1] - eta / m * bsum, bs[1] - eta * gbb)
    return [
        ("All four equations are consequences", defn),
        ("**BP1.** In general the cost $C$", defn),
        ("$$\\delta^L_j = \\sum_k \\frac{\\partial C}{\\partial a^L_k}\\frac{\\partial a^L_k}{\\partial z^L_j}.$$", lambda: bp1_sum),
        ("But the output activation $a^L_k$", lambda: txt("vanishes when $k \\neq j$") and diag),
        ("$$\\delta^L_j = \\frac{\\partial C}{\\partial a^L_j}\\frac{\\partial a^L_j}{\\partial z^L_j} = \\frac{\\partial C}{\\partial a^L_j}\\,\\sigma'(z^L_j).$$", lambda: bp1),
        ("**BP2.** Now we rewrite", defn),
        ("$$\\delta^l_j = \\sum_k \\frac{\\partial C}{\\partial z^{l+1}_k}\\frac{\\partial z^{l+1}_k}{\\partial z^l_j} = \\sum_k \\frac{\\partial z^{l+1}_k}{\\partial z^l_j}\\,\\delta^{l+1}_k.$$", lambda: chain),
        ("$$z^{l+1}_k = \\sum_j w^{l+1}_{kj} a^l_j + b^{l+1}_k = \\sum_j w^{l+1}_{kj}\\,\\sigma(z^l_j) + b^{l+1}_k.$$", lambda: zdef),
        ("$$\\frac{\\partial z^{l+1}_k}{\\partial z^l_j} = w^{l+1}_{jk}\\,\\sigma'(z^l_j).$$", lambda: close(Jzz, claimed_J)),
        ("$$\\delta^l_j = \\sum_k w^{l+1}_{jk}\\,\\delta^{l+1}_k\\,\\sigma'(z^l_j),$$", lambda: close(dl[l], claimed_delta)),
        ("which, written with a matrix-vector product, is $\\delta^l = (w^{l+1}\\delta^{l+1}) \\odot \\sigma'(z^l)$", lambda: close(dl[l], claimed_mat)),
        ("**BP3 and BP4** follow", lambda: txt("$\\partial z^l_j/\\partial b^l_j = 1$", "$\\partial z^l_j / \\partial w^l_{jk} = a^{l-1}_k$") and bp34),
        ("**Mini-batches.** For a mini-batch", lambda: txt("$C = \\frac{1}{m}\\sum_x C_x$", "$\\frac{\\partial C}{\\partial w^l} = \\frac{1}{m}\\sum_x \\delta^{x,l}(a^{x,l-1})^T$", "$\\frac{\\partial C}{\\partial b^l} = \\frac{1}{m}\\sum_x \\delta^{x,l}$") and mb),
        ("Gradient descent then updates", lambda: txt("$w^l \\rightarrow w^l - \\frac{\\eta}{m}\\sum_x \\delta^{x,l}(a^{x,l-1})^T$", "$b^l \\rightarrow b^l - \\frac{\\eta}{m}\\sum_x \\delta^{x,l}$") and upd),
    ]


# ---------------------------------------------------------------- 04
@checks("04_gbc_bptt_hidden_gradient.md")
def c04():
    n, m, K, T = 3, 2, 4, 4
    P, xs, ys, h0 = rnn_setup(n, m, K, T, seed=4)
    f = rnn_forward(P, xs, ys, h0)
    gh = {t: rnn_grad_h(P, xs, ys, h0, t) for t in range(1, T + 1)}
    go = {t: rnn_grad_o(P, xs, ys, h0, t) for t in range(1, T + 1)}
    shapes = (P["W"] @ h0).shape == (n,) and (P["U"] @ xs[0]).shape == (n,) and (P["V"] @ h0).shape == (K,) \
        and P["b"].shape == (n,) and P["c"].shape == (K,)
    # dL/dL^(t) = 1 : L is the plain sum of the per-step losses
    Lsum = close(f["L"], sum(f["Ls"][1:])) and close(fd(lambda v: np.sum(v), np.array(f["Ls"][1:])), np.ones(T))
    gradout = all(close(go[t], f["p"][t] - np.eye(K)[ys[t - 1]]) for t in go)
    # h^(tau) only influences L^(tau)
    only = True
    for t in range(1, T):
        d = fd(lambda h: rnn_forward(P, xs, ys, h0, hover={T: h})["Ls"][t], f["h"][T])
        only = only and close(d, np.zeros(n))
    last = close(gh[T], P["V"].T @ go[T])

    def Jh(t):   # d h^(t+1) / d h^(t)
        return jac(lambda h: np.tanh(P["b"] + P["W"] @ h + P["U"] @ xs[t]), f["h"][t])
    generic = all(close(gh[t], Jh(t).T @ gh[t + 1] + P["V"].T @ go[t]) for t in range(1, T))
    wrong = all(close(gh[t], P["W"].T @ gh[t + 1] + P["V"].T @ go[t]) for t in range(1, T))
    gc = rnn_grad_param(P, xs, ys, h0, "c")
    gb = rnn_grad_param(P, xs, ys, h0, "b")
    bias = close(gc, sum(go[t] for t in go)) and close(gb, sum((1 - f["h"][t] ** 2) * gh[t] for t in gh))
    desc = True
    for t in range(1, T):   # h^(t) influences exactly L^(t) (via o^(t)) and later losses (via h^(t+1))
        d_prev = [np.abs(fd(lambda h: rnn_forward(P, xs, ys, h0, hover={t: h})["Ls"][s], f["h"][t])).max() for s in range(1, T + 1)]
        desc = desc and all(v < 1e-9 for v in d_prev[:t - 1]) and all(v > 1e-8 for v in d_prev[t - 1:])
    return [
        ("Consider the RNN that maps an input sequence", defn),
        ("$$a^{(t)} = b + W h^{(t-1)} + U x^{(t)},$$", defn),
        ("$$h^{(t)} = \\tanh(a^{(t)}),$$", defn),
        ("$$o^{(t)} = c + V h^{(t)},$$", defn),
        ("$$\\hat y^{(t)} = \\mathrm{softmax}(o^{(t)}).$$", lambda: np.allclose([p.sum() for p in f["p"][1:]], 1)),
        ("If $h^{(t)} \\in \\mathbb{R}^{n}$", lambda: txt("$W \\in \\mathbb{R}^{n \\times n}$", "$U \\in \\mathbb{R}^{n \\times m}$", "$V \\in \\mathbb{R}^{K \\times n}$", "$b \\in \\mathbb{R}^n$", "$c \\in \\mathbb{R}^K$") and shapes),
        ("The total loss for a given sequence", defn),
        ("Computing the gradient is back-propagation", lambda: txt("$\\frac{\\partial L}{\\partial L^{(t)}} = 1$") and Lsum),
        ("With the outputs $o^{(t)}$ used as the argument", defn),
        ("$$(\\nabla_{o^{(t)}} L)_i", lambda: txt("= \\hat y^{(t)}_i - \\mathbf{1}_{i = y^{(t)}}.$$") and gradout),
        ("We work backward, starting from the end", lambda: txt("$h^{(\\tau)}$ only has $o^{(\\tau)}$ as a descendant") and only),
        ("$$\\nabla_{h^{(\\tau)}} L = V^\\top \\nabla_{o^{(\\tau)}} L.$$", lambda: last),
        ("We can then iterate backward in time", lambda: txt("has as descendants both $o^{(t)}$ and $h^{(t+1)}$") and desc),
        ("$$\\nabla_{h^{(t)}} L = \\left(\\frac{\\partial h^{(t+1)}}{\\partial h^{(t)}}\\right)^{\\!\\top} (\\nabla_{h^{(t+1)}} L) + \\left(\\frac{\\partial o^{(t)}}{\\partial h^{(t)}}\\right)^{\\!\\top} (\\nabla_{o^{(t)}} L)$$", lambda: generic),
        ("$$= W^\\top (\\nabla_{h^{(t+1)}} L) + V^\\top (\\nabla_{o^{(t)}} L).$$", lambda: wrong),
        ("Each $\\nabla_{h^{(t)}} L$ is a vector", lambda: txt("$W^\\top$ is $n \\times n$ and $V^\\top$ is $n \\times K$") and P["W"].T.shape == (n, n) and P["V"].T.shape == (n, K)
         and all(gh[t].shape == (n,) for t in gh)),
        ("Once the gradients on the internal nodes are available", lambda: txt("$\\nabla_c L = \\sum_t \\nabla_{o^{(t)}} L$", "$\\nabla_b L = \\sum_t \\mathrm{diag}\\big(1 - (h^{(t)})^2\\big)\\nabla_{h^{(t)}} L$") and bias),
    ]


# ---------------------------------------------------------------- 05
@checks("05_gbc_bptt_scalar_example.md")
def c05():
    w, u, x1, x2 = -0.5, 1.0, 1.0, 0.3
    P = dict(W=np.array([[w]]), U=np.array([[u]]), V=np.array([[1.0], [-1.0]]),
             b=np.array([0.0]), c=np.array([0.0, 0.0]))
    xs = [np.array([x1]), np.array([x2])]
    ys = [0, 1]                      # classes 1 and 2 (0-based)
    h0 = np.array([0.0])
    f = rnn_forward(P, xs, ys, h0)
    h1, h2 = f["h"][1][0], f["h"][2][0]
    p1, p2 = f["p"][1], f["p"][2]
    go1 = rnn_grad_o(P, xs, ys, h0, 1)
    go2 = rnn_grad_o(P, xs, ys, h0, 2)
    gh1 = rnn_grad_h(P, xs, ys, h0, 1)[0]
    gh2 = rnn_grad_h(P, xs, ys, h0, 2)[0]
    gw = rnn_grad_param(P, xs, ys, h0, "W")[0, 0]
    gu = rnn_grad_param(P, xs, ys, h0, "U")[0, 0]
    gb = rnn_grad_param(P, xs, ys, h0, "b")[0]
    gc = rnn_grad_param(P, xs, ys, h0, "c")
    gV = rnn_grad_param(P, xs, ys, h0, "V")[:, 0]

    # gradient on the pre-activation a^(t) = b + w h^(t-1) + u x^(t), by perturbing a^(t)
    def La(t, a):
        hs = [0.0]
        L = 0.0
        for s in (1, 2):
            pre = w * hs[-1] + u * xs[s - 1][0]
            if s == t:
                pre = a
            h = np.tanh(pre)
            hs.append(h)
            p = softmax(np.array([h, -h]))
            L += -np.log(p[ys[s - 1]])
        return L
    g1 = fd(lambda a: La(1, a[0]), np.array([u * x1]))[0]
    g2 = fd(lambda a: La(2, a[0]), np.array([w * h1 + u * x2]))[0]
    return [
        ("To watch the recursion", lambda: txt("$\\tau = 2$")),
        ("$$h^{(t)} = \\tanh(b + w\\,h^{(t-1)} + u\\,x^{(t)}), \\qquad", defn),
        ("with $w = -0.5$, $u = 1$, $b = 0$", lambda: txt("$x^{(1)} = 1$", "$x^{(2)} = 0.3$", "$y^{(1)} = 1$", "$y^{(2)} = 2$")),
        ("$h^{(1)} = \\tanh(1) = 0.7616$",
         lambda: all_(num("0.7616", h1), nums(["0.7616", "-0.7616"], f["o"][1]), nums(["0.8210", "0.1790"], p1),
                      num("0.1972", f["Ls"][1]), arith("-np.log(0.8210)", "0.1972"))),
        ("$h^{(2)} = \\tanh(-0.5 \\times 0.7616 + 0.3)",
         lambda: all_(arith("-0.5 * 0.7616 + 0.3", "-0.0808"), num("-0.0808", w * h1 + u * x2), num("-0.0806", h2),
                      arith("np.tanh(-0.0808)", "-0.0806"), nums(["0.4598", "0.5402"], p2), num("0.6158", f["Ls"][2]),
                      arith("-np.log(0.5402)", "0.6158"))),
        ("The total loss is $L = L^{(1)} + L^{(2)} = 0.8130$", lambda: num("0.8130", f["L"]) and num("0.8130", 0.1972 + 0.6158)),
        ("**Backward pass.** For the softmax with negative log-likelihood",
         lambda: txt("$\\nabla_{o^{(t)}} L = \\hat y^{(t)} - e_{y^{(t)}}$") and close(go1, p1 - np.eye(2)[0]) and close(go2, p2 - np.eye(2)[1])),
        ("$$\\nabla_{o^{(1)}} L = (-0.1790,\\ 0.1790)^\\top",
         lambda: nums(["-0.1790", "0.1790"], go1) and nums(["0.4598", "-0.4598"], go2)),
        ("At the last step, $\\nabla_{h^{(2)}} L",
         lambda: txt("= V^\\top \\nabla_{o^{(2)}} L = 2\\,\\hat y^{(2)}_1 =") and num("0.9196", gh2)
         and close(gh2, (P["V"].T @ go2)[0]) and close(gh2, 2 * p2[0]) and num("0.9196", 2 * 0.4598)),
        ("$$\\nabla_{h^{(1)}} L = w\\,\\big(1 - (h^{(2)})^2\\big)\\,\\nabla_{h^{(2)}} L + V^\\top \\nabla_{o^{(1)}} L =",
         lambda: all_(close(gh1, w * (1 - h2 ** 2) * gh2 + (P["V"].T @ go1)[0]),
                      num("-0.4568", w * (1 - h2 ** 2) * gh2), num("-0.4568", -0.5 * 0.9935 * 0.9196),
                      num("0.3580", -(P["V"].T @ go1)[0]),
                      arith("-0.4568 - 0.3580", "-0.8148"), num("-0.8148", gh1))),
        ("Here $1 - (h^{(2)})^2 = 0.9935$",
         lambda: num("0.9935", 1 - h2 ** 2) and num("0.4200", 1 - h1 ** 2) and abs(h2) < abs(h1)),
        ("**Parameter gradients.** Write $g^{(t)} = \\big(1 - (h^{(t)})^2\\big)\\nabla_{h^{(t)}} L$, the gradient on the pre-activation",
         lambda: all_(close(g1, (1 - h1 ** 2) * gh1), close(g2, (1 - h2 ** 2) * gh2),
                      num("-0.3422", g1), arith("0.4200 * (-0.8148)", "-0.3422"),
                      num("0.9136", g2), arith("0.9935 * 0.9196", "0.9136"))),
        ("$$\\nabla_w L = \\sum_t g^{(t)} h^{(t-1)} =",
         lambda: close(gw, g1 * 0 + g2 * h1) and num("0.6958", gw) and arith("-0.3422 * 0 + 0.9136 * 0.7616", "0.6958")),
        ("$$\\nabla_u L = \\sum_t g^{(t)} x^{(t)}",
         lambda: all_(close(gu, g1 * x1 + g2 * x2), num("-0.0681", gu), arith("-0.3422 + 0.9136 * 0.3", "-0.0681"),
                      num("0.5714", gb), close(gb, g1 + g2), num("0.5714", -0.3422 + 0.9136),
                      txt("g^{(t)} x^{(t)}", "g^{(1)} + g^{(2)}"))),
        ("On the output side, $\\nabla_c L",
         lambda: txt("$\\nabla_c L = \\sum_t \\nabla_{o^{(t)}} L =", "$\\nabla_V L = \\sum_t (\\nabla_{o^{(t)}} L)\\, h^{(t)} =")
         and nums(["0.2808", "-0.2808"], gc) and nums(["-0.1734", "0.1734"], gV)
         and close(gV, go1 * h1 + go2 * h2) and num("-0.1734", -0.1790 * 0.7616 + 0.4598 * -0.0806)),
        ("Note that $\\nabla_w L$ receives a contribution",
         lambda: txt("from $t = 2$ only, because $h^{(0)} = 0$") and close(gw, g2 * h1)),
    ]


# ---------------------------------------------------------------- 06
@checks("06_gbc_bptt_parameter_gradients.md")
def c06():
    n, m, K, T = 3, 2, 3, 4
    P, xs, ys, h0 = rnn_setup(n, m, K, T, seed=6)
    f = rnn_forward(P, xs, ys, h0)
    H = f["h"]
    gh = {t: rnn_grad_h(P, xs, ys, h0, t) for t in range(1, T + 1)}
    go = {t: rnn_grad_o(P, xs, ys, h0, t) for t in range(1, T + 1)}
    gW = rnn_grad_param(P, xs, ys, h0, "W")
    gU = rnn_grad_param(P, xs, ys, h0, "U")
    gV = rnn_grad_param(P, xs, ys, h0, "V")
    gb = rnn_grad_param(P, xs, ys, h0, "b")
    gc = rnn_grad_param(P, xs, ys, h0, "c")
    gWt = {t: fd(lambda Wv, t=t: rnn_forward(P, xs, ys, h0, Wt={t: Wv})["L"], P["W"]) for t in range(1, T + 1)}
    D = {t: np.diag(1 - H[t] ** 2) for t in range(1, T + 1)}

    def J(t):  # d h^(t) / d h^(t-1)
        return jac(lambda h: np.tanh(P["b"] + P["W"] @ h + P["U"] @ xs[t - 1]), H[t - 1])
    jacok = all(close(J(t), D[t] @ P["W"]) for t in range(1, T + 1))
    rec = all(close(gh[t], P["W"].T @ D[t + 1] @ gh[t + 1] + P["V"].T @ go[t]) for t in range(1, T))
    start = close(gh[T], P["V"].T @ go[T]) and all(close(go[t], f["p"][t] - np.eye(K)[ys[t - 1]]) for t in go)

    # gradient wrt x^(t)
    def Lx(t, xv):
        xs2 = list(xs)
        xs2[t - 1] = xv
        return rnn_forward(P, xs2, ys, h0)["L"]
    gx = all(close(fd(lambda v, t=t: Lx(t, v), xs[t - 1]), P["U"].T @ D[t] @ gh[t]) for t in range(1, T + 1))

    # chained Jacobian d h^(t)/d h^(k), k < t
    def hk_to_ht(k, t, hk):
        h = hk
        for s in range(k + 1, t + 1):
            h = np.tanh(P["b"] + P["W"] @ h + P["U"] @ xs[s - 1])
        return h
    chainok = True
    for (k, t) in [(0, 3), (1, 4), (2, 3)]:
        Jnum = jac(lambda h: hk_to_ht(k, t, h), H[k])
        prod = np.eye(n)
        for s in range(t, k, -1):
            prod = prod @ (D[s] @ P["W"])
        chainok = chainok and close(Jnum, prod)
    # norm bound, also for random saturating states
    r = np.random.default_rng(66)
    bound = True
    for _ in range(200):
        W = r.normal(size=(n, n))
        hs = np.tanh(3 * r.normal(size=(5, n)))
        prod = np.eye(n)
        for i in range(5):
            fac = np.diag(1 - hs[i] ** 2) @ W
            bound = bound and np.linalg.norm(fac, 2) <= np.linalg.norm(W, 2) + 1e-12
            prod = fac @ prod
        bound = bound and np.linalg.norm(prod, 2) <= np.linalg.norm(W, 2) ** 5 * (1 + 1e-12) + 1e-15
        bound = bound and np.all(1 - hs ** 2 > 0) and np.all(1 - hs ** 2 <= 1)
    return [
        ("Once the gradients on the internal nodes", defn),
        ("Because the parameters are shared", lambda: txt("$\\nabla_{W} L = \\sum_t \\nabla_{W^{(t)}} L$") and close(gW, sum(gWt.values()))),
        ("$$\\frac{\\partial h^{(t)}}{\\partial h^{(t-1)}} = \\mathrm{diag}\\big(1 - (h^{(t)})^2\\big)\\, W,$$", lambda: jacok),
        ("$$\\nabla_{h^{(t)}} L = W^\\top \\mathrm{diag}\\big(1 - (h^{(t+1)})^2\\big)(\\nabla_{h^{(t+1)}} L) + V^\\top (\\nabla_{o^{(t)}} L),$$", lambda: rec),
        ("started from $\\nabla_{h^{(\\tau)}} L = V^\\top \\nabla_{o^{(\\tau)}} L$, with $\\nabla_{o^{(t)}} L = \\hat y^{(t)} - \\mathbf{1}_{y^{(t)}}$", lambda: start),
        ("$$\\nabla_c L = \\sum_t \\nabla_{o^{(t)}} L,$$", lambda: close(gc, sum(go.values()))),
        ("$$\\nabla_b L = \\sum_t \\mathrm{diag}\\big(1 - (h^{(t)})^2\\big)\\nabla_{h^{(t)}} L,$$", lambda: close(gb, sum(D[t] @ gh[t] for t in gh))),
        ("$$\\nabla_V L = \\sum_t (\\nabla_{o^{(t)}} L)\\, h^{(t)\\top},$$", lambda: close(gV, sum(np.outer(go[t], H[t]) for t in go))),
        ("$$\\nabla_W L = \\sum_t \\mathrm{diag}\\big(1 - (h^{(t)})^2\\big)(\\nabla_{h^{(t)}} L)\\, h^{(t-1)\\top},$$", lambda: close(gW, sum(np.outer(D[t] @ gh[t], H[t - 1]) for t in gh))),
        ("$$\\nabla_U L = \\sum_t \\mathrm{diag}\\big(1 - (h^{(t)})^2\\big)(\\nabla_{h^{(t)}} L)\\, x^{(t)\\top}.$$", lambda: close(gU, sum(np.outer(D[t] @ gh[t], xs[t - 1]) for t in gh))),
        ("Each term of $\\nabla_W L$ is the outer product",
         lambda: txt("$\\nabla_W L \\in \\mathbb{R}^{n \\times n}$", "is $n \\times m$ like $U$") and gW.shape == (n, n) == P["W"].shape and gU.shape == (n, m) == P["U"].shape),
        ("We do not need the gradient with respect to $x^{(t)}$", lambda: txt("$\\nabla_{x^{(t)}} L = U^\\top \\mathrm{diag}\\big(1 - (h^{(t)})^2\\big)\\nabla_{h^{(t)}} L$") and gx),
        ("Chaining the transitions gives $\\frac{\\partial h^{(t)}}{\\partial h^{(k)}} = \\frac{\\partial h^{(t)}}{\\partial h^{(t-1)}}\\frac{\\partial h^{(t-1)}}{\\partial h^{(t-2)}} \\cdots \\frac{\\partial h^{(k+1)}}{\\partial h^{(k)}}$", lambda: chainok),
        ("every factor has spectral norm at most", lambda: txt("$0 < 1 - (h^{(i)})^2 \\le 1$", "$\\big\\|\\partial h^{(t)}/\\partial h^{(k)}\\big\\|_2 \\le \\|W\\|_2^{\\,t-k}$") and bound),
    ]


# ---------------------------------------------------------------- 07
@checks("07_d2l_mlp_backprop_weight_decay.md")
def c07():
    r = np.random.default_rng(7)
    n, d, h, q, lam = 5, 4, 3, 3, 0.7
    X = r.normal(size=(n, d))
    y = r.integers(q, size=n)
    W1, b1 = r.normal(size=(d, h)), r.normal(size=(1, h))
    W2, b2 = r.normal(size=(h, q)), r.normal(size=(1, q))
    phi, dphi = np.tanh, (lambda z: 1 - np.tanh(z) ** 2)

    def lvec(O):  # per-example softmax cross-entropy
        P = softmax(O, axis=1)
        return -np.log(P[np.arange(O.shape[0]), y])

    def s_of(A, B):
        return lam / 2 * (np.sum(A ** 2) + np.sum(B ** 2))

    def J(W1=W1, b1=b1, W2=W2, b2=b2, Z=None, H=None, O=None):
        if O is None:
            if H is None:
                if Z is None:
                    Z = X @ W1 + b1
                H = phi(Z)
            O = H @ W2 + b2
        return np.mean(lvec(O)) + s_of(W1, W2)

    Z = X @ W1 + b1
    H = phi(Z)
    O = H @ W2 + b2
    dO = fd(lambda v: J(O=v), O)
    dL_dO = fd(lambda v: np.mean(lvec(v)), O)
    dH = fd(lambda v: J(H=v), H)
    dZ = fd(lambda v: J(Z=v), Z)
    dW1 = fd(lambda v: J(W1=v), W1)
    dW2 = fd(lambda v: J(W2=v), W2)
    db1 = fd(lambda v: J(b1=v), b1)
    db2 = fd(lambda v: J(b2=v), b2)
    ds1 = fd(lambda v: s_of(v, W2), W1)
    ds2 = fd(lambda v: s_of(W1, v), W2)
    rows = all(close(dO[i], fd(lambda o: lvec(np.vstack([O[:i], o[None], O[i + 1:]]))[i], O[i]) / n) for i in range(n))
    one = np.ones((1, n))
    # dJ/dL = dJ/ds = 1
    jl = close(fd(lambda v: v[0] + v[1], np.array([np.mean(lvec(O)), s_of(W1, W2)])), [1.0, 1.0])
    return [
        ("Consider a minibatch $\\mathbf{X}", lambda: txt("$\\mathbf{W}^{(1)} \\in \\mathbb{R}^{d \\times h}$", "$\\mathbf{W}^{(2)} \\in \\mathbb{R}^{h \\times q}$") and W1.shape == (d, h) and W2.shape == (h, q) and X.shape == (n, d)),
        ("The forward pass computes $\\mathbf{Z}", lambda: txt("+ \\mathbf{b}^{(1)} \\in \\mathbb{R}^{n \\times h}$", "+ \\mathbf{b}^{(2)} \\in \\mathbb{R}^{n \\times q}$") and Z.shape == (n, h) and H.shape == (n, h) and O.shape == (n, q)),
        ("With a per-example loss $l$", defn),
        ("$$s = \\frac{\\lambda}{2}\\left(", defn),
        ("so the regularized loss, the objective function", defn),
        ("Backpropagation visits the computational graph", defn),
        ("First, $\\frac{\\partial J}{\\partial L} = 1$ and $\\frac{\\partial J}{\\partial s} = 1$", lambda: jl),
        ("$$\\frac{\\partial J}{\\partial \\mathbf{O}} = \\text{prod}", lambda: txt("= \\frac{\\partial L}{\\partial \\mathbf{O}} \\in \\mathbb{R}^{n \\times q},$$") and close(dO, dL_dO) and dO.shape == (n, q)),
        ("whose $i$-th row is $\\frac{1}{n}\\,\\partial l(\\mathbf{o}_i, y_i)/\\partial \\mathbf{o}_i$", lambda: rows),
        ("$$\\frac{\\partial s}{\\partial \\mathbf{W}^{(1)}} = \\frac{\\lambda}{2}\\mathbf{W}^{(1)} \\quad\\text{and}\\quad \\frac{\\partial s}{\\partial \\mathbf{W}^{(2)}} = \\frac{\\lambda}{2}\\mathbf{W}^{(2)}.$$", lambda: close(ds1, lam / 2 * W1) and close(ds2, lam / 2 * W2)),
        ("$$\\frac{\\partial J}{\\partial \\mathbf{W}^{(2)}} = \\text{prod}",
         lambda: txt("= \\mathbf{H}^\\top \\frac{\\partial J}{\\partial \\mathbf{O}} + \\frac{\\lambda}{2}\\mathbf{W}^{(2)} \\in \\mathbb{R}^{h \\times q}.$$") and close(dW2, H.T @ dO + lam / 2 * W2) and dW2.shape == (h, q)),
        ("The bias is not regularized", lambda: txt("= \\mathbf{1}_n^\\top \\frac{\\partial J}{\\partial \\mathbf{O}} \\in \\mathbb{R}^{1 \\times q}$") and close(db2, one @ dO) and db2.shape == (1, q)),
        ("$$\\frac{\\partial J}{\\partial \\mathbf{H}} = \\text{prod}", lambda: txt("= \\frac{\\partial J}{\\partial \\mathbf{O}}\\,\\mathbf{W}^{(2)\\top} \\in \\mathbb{R}^{n \\times h}.$$") and close(dH, dO @ W2.T) and dH.shape == (n, h)),
        ("Since the activation function $\\phi$ applies elementwise", defn),
        ("$$\\frac{\\partial J}{\\partial \\mathbf{Z}} = \\text{prod}", lambda: txt("= \\frac{\\partial J}{\\partial \\mathbf{H}} \\odot \\phi'(\\mathbf{Z}).$$") and close(dZ, dH * dphi(Z))),
        ("$$\\frac{\\partial J}{\\partial \\mathbf{W}^{(1)}} = \\text{prod}",
         lambda: txt("= \\mathbf{X}^\\top \\frac{\\partial J}{\\partial \\mathbf{Z}} + \\frac{\\lambda}{2}\\mathbf{W}^{(1)} \\in \\mathbb{R}^{d \\times h},$$") and close(dW1, X.T @ dZ + lam / 2 * W1) and dW1.shape == (d, h)),
        ("and $\\frac{\\partial J}{\\partial \\mathbf{b}^{(1)}} = \\mathbf{1}_n^\\top \\frac{\\partial J}{\\partial \\mathbf{Z}} \\in \\mathbb{R}^{1 \\times h}$", lambda: close(db1, one @ dZ) and db1.shape == (1, h)),
    ]


# ---------------------------------------------------------------- 08
def conv_out(n, k, p, s):
    """Brute force: number of window positions on a length n input padded with p
    cells in total, window k, stride s (windows must fit entirely)."""
    size = n + p
    return sum(1 for start in range(0, size, s) if start + k <= size)


def conv_out_2d(nh, nw, kh, kw, ph, pw, sh, sw):
    x = np.zeros((nh + ph, nw + pw))
    cnt_h = len([i for i in range(0, x.shape[0], sh) if i + kh <= x.shape[0]])
    cnt_w = len([j for j in range(0, x.shape[1], sw) if j + kw <= x.shape[1]])
    return cnt_h, cnt_w


@checks("08_d2l_conv_output_shape.md")
def c08():
    ok_basic = all(conv_out(nn, k, 0, 1) == nn - k + 1 for nn in range(1, 30) for k in range(1, nn + 1))
    ok_pad = all(conv_out(nn, k, p, 1) == nn - k + p + 1
                 for nn in range(1, 20) for k in range(1, nn + 1) for p in range(0, 6))
    ok_same = all(conv_out(nn, k, k - 1, 1) == nn for nn in range(1, 20) for k in range(1, nn + 1))
    ok_stride = all(conv_out(nn, k, p, s) == (nn - k + p + s) // s
                    for nn in range(1, 16) for k in range(1, nn + 1) for p in range(0, 5) for s in range(1, 5))
    ok_simpl = all(conv_out(nn, k, k - 1, s) == (nn + s - 1) // s
                   for nn in range(1, 20) for k in range(1, nn + 1) for s in range(1, 5)) \
        and all(conv_out(nn, k, k - 1, s) == nn // s
                for nn in range(1, 25) for k in range(1, nn + 1) for s in range(1, 5) if nn % s == 0)
    c1 = conv_out(28, 5, 4, 1)
    p1 = conv_out(c1, 2, 0, 2)
    c2 = conv_out(p1, 5, 0, 1)
    p2 = conv_out(c2, 2, 0, 2)
    return [
        ("Assume that the input shape is $n_h \\times n_w$", defn),
        ("$$(n_h - k_h + 1) \\times (n_w - k_w + 1).$$", lambda: ok_basic),
        ("If we add a total of $p_h$ rows of padding", lambda: txt("$(n_h - k_h + p_h + 1) \\times (n_w - k_w + p_w + 1)$") and ok_pad),
        ("In many cases we set $p_h = k_h - 1$", lambda: txt("$k_h = 3$", "$p_h/2 = 1$") and ok_same and (3 - 1) / 2 == 1),
        ("When the stride for the height is $s_h$", defn),
        ("$$\\lfloor (n_h - k_h + p_h + s_h)/s_h \\rfloor", lambda: ok_stride),
        ("this simplifies to", lambda: txt("$\\lfloor (n_h + s_h - 1)/s_h \\rfloor \\times \\lfloor (n_w + s_w - 1)/s_w \\rfloor$", "$(n_h/s_h) \\times (n_w/s_w)$") and ok_simpl),
        ("**Example 1.**", lambda: txt("$8 \\times 8$", "$3 \\times 3$", "$p_h = p_w = 2$", "$\\lfloor (8 - 3 + 2 + 2)/2 \\rfloor = \\lfloor 9/2 \\rfloor = 4$", "$4 \\times 4$") and conv_out_2d(8, 8, 3, 3, 2, 2, 2, 2) == (4, 4) and (8 - 3 + 2 + 2) // 2 == 4 and 9 // 2 == 4),
        ("**Example 2.**", lambda: txt("$9 \\times 11$", "$3 \\times 5$", "$p_h = 0$", "$p_w = 2$", "= (3, 4)$", "$\\lfloor (9 - 3 + 0 + 3)/3 \\rfloor = 3$", "$\\lfloor (11 - 5 + 2 + 4)/4 \\rfloor = 3$", "$3 \\times 3$") and conv_out_2d(9, 11, 3, 5, 0, 2, 3, 4) == (3, 3)
         and (9 - 3 + 0 + 3) // 3 == 3 and (11 - 5 + 2 + 4) // 4 == 3),
        ("**Example 3: the shapes in LeNet.**", lambda: txt("$1 \\times 28 \\times 28$", "$5 \\times 5$", "($p_h = p_w = 4$)", "$28 - 5 + 4 + 1 = 28$", "$6 \\times 28 \\times 28$") and c1 == 28 and 28 - 5 + 4 + 1 == 28),
        ("This layer has $6 \\times 1 \\times 5 \\times 5 + 6 = 156$", lambda: 6 * 1 * 5 * 5 + 6 == 156),
        ("Average pooling with a $2 \\times 2$ window", lambda: txt("$\\lfloor (28 - 2 + 0 + 2)/2 \\rfloor = 14$", "$6 \\times 14 \\times 14$") and p1 == 14 and (28 - 2 + 0 + 2) // 2 == 14),
        ("The second convolution has 16 output channels", lambda: txt("$n_h - k_h + p_h = 14 - 5 + 0 = 9$", "$16 \\times 9 \\times 9$") and c2 == 9),
        ("Another $2 \\times 2$ pooling with stride 2", lambda: txt("$\\lfloor (9 - 2 + 2)/2 \\rfloor = 4$", "$16 \\times 4 \\times 4 = 256$") and p2 == 4 and 16 * p2 * p2 == 256),
        ("The number of parameters of the second convolution", lambda: txt("$16 \\times 6 \\times 5 \\times 5 + 16 = 2416$") and 16 * 6 * 5 * 5 + 16 == 2416),
    ]


# ---------------------------------------------------------------- 09
@checks("09_d2l_softmax_regression_gradient.md")
def c09():
    r = np.random.default_rng(9)
    d, q, n = 4, 5, 6
    W, b = r.normal(size=(d, q)), r.normal(size=(1, q))
    x = r.normal(size=(1, d))
    o = (x @ W + b)[0]
    yl = np.eye(q)[2]

    def l(ov):
        return -np.sum(yl * np.log(softmax(ov)))
    ident = close(l(o), np.log(np.sum(np.exp(o))) - np.sum(yl * o))
    grad = close(fd(l, o), softmax(o) - yl)
    second = all(close((l(o + 1e-4 * np.eye(q)[j]) - 2 * l(o) + l(o - 1e-4 * np.eye(q)[j])) / 1e-8,
                       softmax(o)[j] * (1 - softmax(o)[j]), 1e-4) for j in range(q))
    # Bernoulli variance with success prob p is p(1-p)
    pp = softmax(o)
    bern = all(close((1 * pp[j] + 0) - pp[j] ** 2, pp[j] * (1 - pp[j])) for j in range(q))
    order = all(np.argmax(softmax(v)) == np.argmax(v) and np.all(np.argsort(softmax(v)) == np.argsort(v))
                for v in r.normal(size=(50, q)))
    shift = all(close(softmax(v + c), softmax(v)) for v in r.normal(size=(10, q)) for c in (-3.0, 0.5, 7.0))
    ow = np.array([2.0, 1.0, -1.0])
    S = np.exp(ow).sum()
    yw = softmax(ow)
    X = r.normal(size=(n, d))
    Y = np.eye(q)[r.integers(q, size=n)]

    def Lb(Wv, bv):
        P = softmax(X @ Wv + bv, axis=1)
        return -np.mean(np.sum(Y * np.log(P), axis=1))
    Yh = softmax(X @ W + b, axis=1)
    gW = fd(lambda v: Lb(v, b), W)
    gb = fd(lambda v: Lb(W, v), b)
    return [
        ("For a single example with features", lambda: txt("$\\mathbf{o} = \\mathbf{x}\\mathbf{W} + \\mathbf{b}$", "$\\mathbf{W} \\in \\mathbb{R}^{d \\times q}$", "$\\mathbf{b} \\in \\mathbb{R}^{1 \\times q}$") and (x @ W + b).shape == (1, q)),
        ("$$\\hat{y}_j = \\mathrm{softmax}(\\mathbf{o})_j", defn),
        ("The softmax preserves the ordering", lambda: txt("$\\mathop{\\mathrm{argmax}}_j \\hat y_j = \\mathop{\\mathrm{argmax}}_j o_j$", "$\\mathrm{softmax}(\\mathbf{o} + c\\mathbf{1}) = \\mathrm{softmax}(\\mathbf{o})$") and order and shift),
        ("With a one-hot label $\\mathbf{y}$, the cross-entropy loss", defn),
        ("Plugging in the definition of the softmax", defn),
        ("$$l(\\mathbf{y}, \\hat{\\mathbf{y}}) = -\\sum_{j=1}^q", lambda: txt("= \\log \\sum_{k=1}^q \\exp(o_k) - \\sum_{j=1}^q y_j o_j.$$") and ident),
        ("Differentiating with respect to any logit", defn),
        ("$$\\partial_{o_j} l(\\mathbf{y}, \\hat{\\mathbf{y}}) = \\frac{\\exp(o_j)}{\\sum_{k=1}^q \\exp(o_k)} - y_j = \\mathrm{softmax}(\\mathbf{o})_j - y_j.$$", lambda: grad),
        ("In other words, the derivative is the difference", lambda: txt("= \\mathrm{softmax}(\\mathbf{o})_j\\,(1 - \\mathrm{softmax}(\\mathbf{o})_j)$", "success probability $\\hat y_j$") and second and bern),
        ("**A worked number.**",
         lambda: all_(nums(["7.389", "2.718", "0.368"], np.exp(ow)), num("10.475", S),
                      arith("7.389 + 2.718 + 0.368", "10.475"), nums(["0.7054", "0.2595", "0.0351"], yw))),
        ("If the true class is the second one",
         lambda: all_(num("1.3490", -np.log(yw[1])), arith("np.log(10.475) - 1.0", "1.3490"),
                      nums(["0.7054", "-0.7405", "0.0351"], yw - np.eye(3)[1]))),
        ("**Minibatches.** Stacking", lambda: txt("$\\mathbf{O} = \\mathbf{X}\\mathbf{W} + \\mathbf{b} \\in \\mathbb{R}^{n \\times q}$") and (X @ W + b).shape == (n, q)),
        ("$$\\frac{\\partial L}{\\partial \\mathbf{W}} = \\frac{1}{n}\\mathbf{X}^\\top(\\hat{\\mathbf{Y}} - \\mathbf{Y}) \\in \\mathbb{R}^{d \\times q}, \\qquad \\frac{\\partial L}{\\partial \\mathbf{b}} = \\frac{1}{n}\\mathbf{1}_n^\\top(\\hat{\\mathbf{Y}} - \\mathbf{Y})",
         lambda: close(gW, X.T @ (Yh - Y) / n) and close(gb, np.ones((1, n)) @ (Yh - Y) / n) and gW.shape == (d, q)),
    ]


# ---------------------------------------------------------------- 10
@checks("10_bishop_error_backpropagation.md")
def c10():
    r = np.random.default_rng(10)
    D, M, K = 3, 4, 2
    W1 = r.normal(size=(M, D + 1))    # column 0 = bias weight (z_0 = 1)
    W2 = r.normal(size=(K, M + 1))
    x = r.normal(size=D)
    t = r.normal(size=K)
    h, dh = np.tanh, (lambda a: 1 - np.tanh(a) ** 2)

    def fwd(W1v=W1, W2v=W2, a1=None, a2=None, xv=x):
        z0 = np.r_[1.0, xv]
        A1 = W1v @ z0 if a1 is None else a1
        Z1 = np.r_[1.0, h(A1)]
        A2 = W2v @ Z1 if a2 is None else a2
        return z0, A1, Z1, A2

    def En(**kw):
        _, _, _, A2 = fwd(**kw)
        return 0.5 * np.sum((A2 - t) ** 2)
    z0, A1, Z1, A2 = fwd()
    dA2 = fd(lambda v: En(a2=v), A2)
    dA1 = fd(lambda v: En(a1=v), A1)
    gW1 = fd(lambda v: En(W1v=v), W1)
    gW2 = fd(lambda v: En(W2v=v), W2)
    # d a_j / d w_ji = z_i
    daw = fd(lambda v: (v @ z0)[1], W1)
    chain = close(gW1, np.outer(dA1, z0)) and close(gW2, np.outer(dA2, Z1))
    dk_lin = close(dA2, A2 - t)
    # logistic outputs with cross-entropy, and softmax outputs with 1-of-K
    tb = (r.uniform(size=K) > 0.5).astype(float)
    ce = lambda a: -np.sum(tb * np.log(sig(a)) + (1 - tb) * np.log(1 - sig(a)))
    t1k = np.eye(K)[1]
    sce = lambda a: -np.sum(t1k * np.log(softmax(a)))
    dk_other = close(fd(ce, A2), sig(A2) - tb) and close(fd(sce, A2), softmax(A2) - t1k)
    # delta_j = sum_k dE/da_k * da_k/da_j
    Jkj = jac(lambda a: W2 @ np.r_[1.0, h(a)], A1)   # J[k, j]
    sum_rule = close(dA1, Jkj.T @ dA2)
    dak = close(Jkj, W2[:, 1:] * dh(A1)[None, :])
    bp = close(dA1, dh(A1) * (W2[:, 1:].T @ dA2))
    absorb = close(W1 @ z0, W1[:, 1:] @ x + W1[:, 0])
    # batch sum
    Xs = r.normal(size=(5, D))
    Ts = r.normal(size=(5, K))

    def Etot(W1v):
        s = 0.0
        for xv, tv in zip(Xs, Ts):
            _, _, _, A = fwd(W1v=W1v, xv=xv)
            s += 0.5 * np.sum((A - tv) ** 2)
        return s
    gsum = np.zeros_like(W1)
    for xv, tv in zip(Xs, Ts):
        gsum += fd(lambda v: 0.5 * np.sum((fwd(W1v=v, xv=xv)[3] - tv) ** 2), W1)
    batch = close(fd(Etot, W1), gsum)
    # central vs forward differences: error orders eps^2 and eps
    w0 = W1[1, 2]
    true = gW1[1, 2]

    def Ew(v):
        Wv = W1.copy()
        Wv[1, 2] = v
        return En(W1v=Wv)
    # exact derivative from backprop formula
    exact = dA1[1] * z0[2]
    ec = [abs((Ew(w0 + e) - Ew(w0 - e)) / (2 * e) - exact) for e in (1e-2, 5e-3)]
    ef = [abs((Ew(w0 + e) - Ew(w0)) / e - exact) for e in (1e-2, 5e-3)]
    central = 3.5 < ec[0] / ec[1] < 4.5 and close(true, exact)
    forward = 1.7 < ef[0] / ef[1] < 2.3 and ef[1] > ec[1]
    return [
        ("$$a_j = \\sum_i w_{ji} z_i,$$", defn),
        ("where $z_i$ is the activation of a unit", lambda: txt("$z_0 = +1$", "$z_j = h(a_j)$") and absorb),
        ("Many error functions of practical interest", defn),
        ("$E_n$ depends on the weight $w_{ji}$ only via", lambda: chain),
        ("$$\\frac{\\partial E_n}{\\partial w_{ji}} = \\frac{\\partial E_n}{\\partial a_j}\\frac{\\partial a_j}{\\partial w_{ji}}.$$", lambda: chain),
        ("We now introduce the useful notation", lambda: txt("$\\partial a_j / \\partial w_{ji} = z_i$") and close(daw[1], z0) and close(daw[0], 0 * z0)),
        ("$$\\frac{\\partial E_n}{\\partial w_{ji}} = \\delta_j z_i.$$", lambda: chain),
        ("For output units with linear activations", lambda: txt("$y_k = a_k$", "$E_n = \\frac{1}{2}\\sum_k (y_{nk} - t_{nk})^2$", "$\\delta_k = y_k - t_k$") and dk_lin),
        ("The same expression holds for logistic-sigmoid", lambda: txt("$y_k = \\sigma(a_k)$", "$E_n = -\\sum_k \\{t_k \\ln y_k + (1 - t_k)\\ln(1 - y_k)\\}$", "$E_n = -\\sum_k t_k \\ln y_k$") and dk_other),
        ("To evaluate the $\\delta$'s for hidden units", defn),
        ("$$\\delta_j \\equiv \\frac{\\partial E_n}{\\partial a_j} = \\sum_k \\frac{\\partial E_n}{\\partial a_k}\\frac{\\partial a_k}{\\partial a_j},$$", lambda: sum_rule),
        ("where the sum runs over all units $k$", lambda: txt("$a_k = \\sum_j w_{kj} h(a_j)$", "$\\partial a_k / \\partial a_j = w_{kj}\\, h'(a_j)$") and dak),
        ("$$\\delta_j = h'(a_j)\\sum_k w_{kj}\\delta_k.$$", lambda: bp),
        ("For batch methods, the derivative of the total error", lambda: txt("$\\frac{\\partial E}{\\partial w_{ji}} = \\sum_n \\frac{\\partial E_n}{\\partial w_{ji}}$") and batch),
        ("$$\\frac{\\partial E_n}{\\partial w_{ji}} = \\frac{E_n(w_{ji} + \\epsilon) - E_n(w_{ji} - \\epsilon)}{2\\epsilon} + O(\\epsilon^2)$$", lambda: central),
        ("is preferable, because the forward difference $\\{E_n(w_{ji} + \\epsilon) - E_n(w_{ji})\\}/\\epsilon$ has a larger error of order $\\epsilon$", lambda: forward),
    ]


# ---------------------------------------------------------------- 11
@checks("11_bishop_tanh_worked_example.md")
def c11():
    W1 = np.array([[0.1, 0.4, -0.2], [-0.3, 0.2, 0.6]])
    w2 = np.array([0.05, 0.7, -0.5])
    x = np.array([1.0, 1.0, 0.5])
    t = 1.0

    def fwd(W1v=W1, w2v=w2, a=None, yo=None):
        A = W1v @ x if a is None else a
        Z = np.r_[1.0, np.tanh(A)]
        y = w2v @ Z if yo is None else yo
        return A, Z, y

    def E(**kw):
        return 0.5 * (fwd(**kw)[2] - t) ** 2
    A, Z, y = fwd()
    dk = fd(lambda v: E(yo=v[0]), np.array([y]))[0]
    dj = fd(lambda v: E(a=v), A)
    gW1 = fd(lambda v: E(W1v=v), W1)
    gw2 = fd(lambda v: E(w2v=v), w2)
    aa = np.linspace(-3, 3, 61)
    # generic random network check of the algorithm (D=3, M=4, K=2)
    r = np.random.default_rng(11)
    R1, R2 = r.normal(size=(4, 4)), r.normal(size=(2, 5))
    rx, rt = np.r_[1.0, r.normal(size=3)], r.normal(size=2)

    def Er(R1v=R1, R2v=R2, a=None):
        Av = R1v @ rx if a is None else a
        Zv = np.r_[1.0, np.tanh(Av)]
        return 0.5 * np.sum((R2v @ Zv - rt) ** 2)
    rA = R1 @ rx
    rZ = np.r_[1.0, np.tanh(rA)]
    rdk = R2 @ rZ - rt
    rdj = (1 - rZ[1:] ** 2) * (R2[:, 1:].T @ rdk)
    algo = close(fd(lambda v: Er(a=v), rA), rdj) and close(fd(lambda v: Er(R1v=v), R1), np.outer(rdj, rx)) \
        and close(fd(lambda v: Er(R2v=v), R2), np.outer(rdk, rZ))
    return [
        ("$$h(a) \\equiv \\tanh(a) = \\frac{e^a - e^{-a}}{e^a + e^{-a}}.$$",
         lambda: close(np.tanh(aa), (np.exp(aa) - np.exp(-aa)) / (np.exp(aa) + np.exp(-aa)))),
        ("A useful feature of this function", lambda: txt("$h'(a) = 1 - h(a)^2$") and close(fd(lambda v: np.sum(np.tanh(v)), aa), 1 - np.tanh(aa) ** 2)),
        ("The error for pattern $n$ is", defn),
        ("$$a_j = \\sum_{i=0}^{D} w^{(1)}_{ji} x_i", defn),
        ("then compute $\\delta_k = y_k - t_k$", lambda: txt("$\\delta_j = (1 - z_j^2)\\sum_{k=1}^K w^{(2)}_{kj}\\delta_k$", "$\\partial E_n / \\partial w^{(1)}_{ji} = \\delta_j x_i$", "$\\partial E_n / \\partial w^{(2)}_{kj} = \\delta_k z_j$") and algo),
        ("**Numbers.** Take $D = 2$", defn),
        ("$$\\mathbf{W}^{(1)} = \\begin{pmatrix}", defn),
        ("where row $j$ of $\\mathbf{W}^{(1)}$ holds", defn),
        ("Forward: $a_1 = 0.1 + 0.4 - 0.1 = 0.4$",
         lambda: txt("$a_2 = -0.3 + 0.2 + 0.3 = 0.2$", "\\tanh(0.4)", "\\tanh(0.2)") and all_(close(A, [0.4, 0.2]), close([0.1 + 0.4 - 0.1, -0.3 + 0.2 + 0.3], A),
                      nums(["0.37995", "0.19738"], Z[1:]))),
        ("The output is $y = 0.05 + 0.7 \\times 0.37995",
         lambda: all_(num("0.2173", y), arith("0.05 + 0.7 * 0.37995 - 0.5 * 0.19738", "0.2173"),
                      num("0.3063", E()), arith("0.5 * (0.2173 - 1) ** 2", "0.3063"))),
        ("Backward: the output error is $\\delta_k = y - t = -0.7827$", lambda: num("-0.7827", dk)),
        ("= \\delta_k\\,(1,\\ z_1,\\ z_2) = (-0.7827",
         lambda: nums(["-0.7827", "-0.2974", "-0.1545"], gw2) and num("-0.2974", -0.7827 * 0.37995)
         and num("-0.1545", -0.7827 * 0.19738)),
        ("For the hidden units, $1 - z_1^2 = 0.85564$", lambda: nums(["0.85564", "0.96104"], 1 - Z[1:] ** 2)
         and num("0.85564", 1 - 0.37995 ** 2) and num("0.96104", 1 - 0.19738 ** 2)),
        ("$$\\delta_1 = (1 - z_1^2)\\, w^{(2)}_{11}\\, \\delta_k =", lambda: num("-0.4688", dj[0]) and arith("0.85564 * 0.7 * -0.7827", "-0.4688")),
        ("$$\\delta_2 = (1 - z_2^2)\\, w^{(2)}_{12}\\, \\delta_k =", lambda: num("-0.3761", dj[1]) and arith("0.96104 * -0.5 * -0.7827", "-0.3761")),
        ("The first-layer derivatives are then $\\partial E_n/\\partial w^{(1)}_{ji} = \\delta_j x_i$", lambda: close(gW1, np.outer(dj, x))),
        ("$$\\frac{\\partial E_n}{\\partial \\mathbf{W}^{(1)}} = \\begin{pmatrix}",
         lambda: nums(["-0.4688", "-0.4688", "-0.2344", "-0.3761", "-0.3761", "-0.1881"], gW1)),
    ]


# ---------------------------------------------------------------- 12
@checks("12_cs231n_simple_circuit.md")
def c12():
    f = lambda v: (v[0] + v[1]) * v[2]
    p = np.array([-2.0, 5.0, -4.0])
    g = fd(f, p)
    r = np.random.default_rng(12)
    pts = r.normal(size=(20, 3))
    decomp = all(close(f(v), (lambda q: q * v[2])(v[0] + v[1])) for v in pts)
    local = all(close(fd(lambda u: u[0] * u[1], np.array([v[0] + v[1], v[2]])), [v[2], v[0] + v[1]])
                and close(fd(lambda u: u[0] + u[1], v[:2]), [1, 1]) for v in pts)
    chainr = all(close(fd(f, v)[0], v[2] * 1.0) for v in pts)
    F = lambda v: 3 * (v[0] * v[1] + max(v[2], v[3]))
    P = np.array([2.0, -3.0, 1.0, 4.0])
    G = fd(F, P)
    # gradient on the sum node and on the two summands
    Gs = fd(lambda u: 3 * u[0], np.array([-2.0]))
    Gsum = fd(lambda u: 3 * (u[0] + u[1]), np.array([-6.0, 4.0]))
    scale = close(fd(F, np.array([2.0, -3000.0, 1.0, 4.0]))[0], 1000 * G[0])
    return [
        ("Consider the expression $f(x, y, z) = (x + y)z$", lambda: txt("$q = x + y$", "$f = qz$") and decomp),
        ("Each piece is simple on its own", lambda: txt("$\\frac{\\partial f}{\\partial q} = z$", "$\\frac{\\partial f}{\\partial z} = q$", "$\\frac{\\partial q}{\\partial x} = 1$", "$\\frac{\\partial q}{\\partial y} = 1$") and local),
        ("We do not care about the gradient on the intermediate", lambda: txt("$\\frac{\\partial f}{\\partial x} = \\frac{\\partial f}{\\partial q}\\frac{\\partial q}{\\partial x}$") and chainr),
        ("**Forward pass** with the inputs", lambda: txt("$x = -2$", "$y = 5$", "$z = -4$", "$q = -2 + 5 = 3$", "$f = 3 \\times (-4) = -12$") and (-2 + 5) == 3 and 3 * (-4) == -12 and f(p) == -12),
        ("**Backward pass.** We start at the end", lambda: txt("$\\partial f/\\partial f = 1$") and close(fd(lambda u: u[0], np.array([f(p)])), [1.0])),
        ("The multiply gate passes to $z$", lambda: txt("$\\frac{\\partial f}{\\partial z} = 1 \\times q = 3$", "$\\frac{\\partial f}{\\partial q} = 1 \\times z = -4$") and close(g[2], 3) and close(fd(lambda u: u[0] * -4, np.array([3.0])), [-4])),
        ("The add gate has local gradient $1$", lambda: txt("$\\frac{\\partial f}{\\partial x} = (-4) \\times 1 = -4$", "$\\frac{\\partial f}{\\partial y} = (-4) \\times 1 = -4$") and close(g[:2], [-4, -4])),
        ("The full gradient is therefore", lambda: txt("= [-4,\\ -4,\\ 3]$") and close(g, [-4, -4, 3])),
        ("Interpretation: if $x$ or $y$ were nudged up",
         lambda: txt("$f(-1.99, 5, -4) = -12.04$", "$-4 \\times 0.01$") and close(f(np.array([-1.99, 5, -4])), -12.04) and close(f(np.array([-1.99, 5, -4])) - f(p), -4 * 0.01)),
        ("**Patterns in backward flow.**",
         lambda: txt("$f(x, y, z, w) = 3\\,(xy + \\max(z, w))$", "$x = 2$", "$y = -3$", "$z = 1$", "$w = 4$", "$xy = -6$", "$\\max(z, w) = 4$", "sum is $-2$", "$f = -6$") and 2 * -3 == -6 and max(1, 4) == 4 and -6 + 4 == -2 and close(F(P), -6)),
        ("The final multiplication by $3$", lambda: txt("sends the gradient $3$", "unchanged to both") and close(Gs, [3]) and close(Gsum, [3, 3])),
        ("The max gate routes the gradient", lambda: txt("$\\frac{\\partial f}{\\partial w} = 3$", "$\\frac{\\partial f}{\\partial z} = 0$") and close(G[3], 3) and close(G[2], 0)),
        ("The multiply gate swaps its inputs", lambda: txt("$\\frac{\\partial f}{\\partial x} = 3y = -9$", "$\\frac{\\partial f}{\\partial y} = 3x = 6$") and close(G[0], 3 * -3) and close(G[1], 3 * 2) and close(G[:2], [-9, 6])),
        ("Note that the gradient on $x$ is proportional to $y$", lambda: txt("factor of $1000$", "$1000$ times larger") and scale),
    ]


# ---------------------------------------------------------------- 13
@checks("13_cs231n_sigmoid_neuron.md")
def c13():
    w = np.array([0.5, -1.0, 0.5])
    x = np.array([2.0, 1.0])
    fwx = lambda wv, xv: 1 / (1 + np.exp(-(wv[0] * xv[0] + wv[1] * xv[1] + wv[2])))
    dot = w[0] * x[0] + w[1] * x[1] + w[2]
    gx = fd(lambda v: fwx(w, v), x)
    gw = fd(lambda v: fwx(v, x), w)
    gdot = fd(lambda v: sig(v[0]), np.array([dot]))[0]
    xx = np.linspace(0.3, 4, 40)
    gates = all_(close(fd(lambda v: np.sum(1 / v), xx), -1 / xx ** 2),
                 close(fd(lambda v: np.sum(2.5 + v), xx), np.ones_like(xx)),
                 close(fd(lambda v: np.sum(np.exp(v)), xx), np.exp(xx)),
                 close(fd(lambda v: np.sum(-1.7 * v), xx), -1.7 * np.ones_like(xx)))
    zz = np.linspace(-4, 4, 81)
    dchain = all_(close(fd(lambda v: np.sum(sig(v)), zz), np.exp(-zz) / (1 + np.exp(-zz)) ** 2),
                  close(np.exp(-zz) / (1 + np.exp(-zz)) ** 2, ((1 + np.exp(-zz) - 1) / (1 + np.exp(-zz))) * (1 / (1 + np.exp(-zz)))),
                  close(np.exp(-zz) / (1 + np.exp(-zz)) ** 2, (1 - sig(zz)) * sig(zz)))
    r = np.random.default_rng(13)
    sigdot = all(close(fwx(a, b), sig(a[0] * b[0] + a[1] * b[1] + a[2])) for a, b in zip(r.normal(size=(10, 3)), r.normal(size=(10, 2))))
    return [
        ("$$f(w, x) = \\frac{1}{1 + e^{-(w_0 x_0 + w_1 x_1 + w_2)}}.$$", defn),
        ("Written out as a circuit it uses only four kinds of gates", lambda: txt("$f(x) = 1/x$ with $\\frac{df}{dx} = -1/x^2$", "$f_c(x) = c + x$ with $\\frac{df}{dx} = 1$", "$f(x) = e^x$ with $\\frac{df}{dx} = e^x$", "$f_a(x) = ax$ with $\\frac{df}{dx} = a$") and gates),
        ("Everything after the dot product is the sigmoid function $\\sigma(x) = \\frac{1}{1+e^{-x}}$", lambda: sigdot),
        ("$$\\frac{d\\sigma(x)}{dx} = \\frac{e^{-x}}{(1+e^{-x})^2} = \\left(\\frac{1 + e^{-x} - 1}{1 + e^{-x}}\\right)\\left(\\frac{1}{1+e^{-x}}\\right) = (1 - \\sigma(x))\\,\\sigma(x).$$", lambda: dchain),
        ("So we can treat the whole sigmoid as one gate", defn),
        ("**Forward pass.** $\\text{dot} = w_0 x_0 + w_1 x_1 + w_2 = 1 - 1 + 0.5 = 0.5$",
         lambda: txt("$f = \\sigma(0.5) = 0.6225$") and close(dot, 0.5) and 1 - 1 + 0.5 == 0.5 and close(0.5 * 2 + -1 * 1 + 0.5, 0.5) and num("0.6225", sig(dot))),
        ("Gate by gate this is",
         lambda: txt("$-\\text{dot} = -0.5$", "$e^{-0.5} = 0.6065$") and all_(num("0.6065", np.exp(-0.5)), arith("1 + 0.6065", "1.6065"), arith("1 / 1.6065", "0.6225"))),
        ("**Backward pass.** The gradient arriving at the output is $1$", lambda: txt("is $\\sigma(0.5) = 0.6225$", "= 1 \\times 0.6225 = 0.6225$") and num("0.6225", gdot)),
        ("$$\\frac{\\partial f}{\\partial x} = [w_0,\\ w_1] \\times 0.6225", lambda: nums(["0.3112", "-0.6225"], gx)),
        ("$$\\frac{\\partial f}{\\partial w} = [x_0,\\ x_1,\\ 1] \\times 0.6225", lambda: nums(["1.2449", "0.6225", "0.6225"], gw)),
        ("In code one usually stores $f$", defn),
    ]


# ---------------------------------------------------------------- 14
def bn_forward(x, gamma, beta, eps, mu=None, var=None):
    mu_ = x.mean() if mu is None else mu
    var_ = ((x - mu_) ** 2).mean() if var is None else var
    xh = (x - mu_) / np.sqrt(var_ + eps)
    return gamma * xh + beta, xh, mu_, var_


@checks("14_cs231n_batchnorm_backward.md")
def c14():
    r = np.random.default_rng(14)
    N, eps = 6, 1e-3
    x = r.normal(size=N)
    gamma, beta = 1.7, -0.4
    dy = r.normal(size=N)
    y, xh, mu, var = bn_forward(x, gamma, beta, eps)
    Lf = lambda yy: np.sum(dy * yy)           # any L with upstream gradient dy
    dbeta = fd(lambda b: Lf(bn_forward(x, gamma, b[0], eps)[0]), np.array([beta]))[0]
    dgamma = fd(lambda g: Lf(bn_forward(x, g[0], beta, eps)[0]), np.array([gamma]))[0]
    dxh = fd(lambda v: Lf(gamma * v + beta), xh)
    # staged graph: sigma^2 as a node (mu, x held fixed)
    dvar = fd(lambda v: Lf(bn_forward(x, gamma, beta, eps, mu=mu, var=v[0])[0]), np.array([var]))[0]
    # mu node: affects xhat directly and through sigma^2 = mean((x-mu)^2)
    dmu = fd(lambda m: Lf(bn_forward(x, gamma, beta, eps, mu=m[0], var=((x - m[0]) ** 2).mean())[0]), np.array([mu]))[0]
    dx = fd(lambda v: Lf(bn_forward(v, gamma, beta, eps)[0]), x)
    s = np.sqrt(var + eps)
    var_formula = np.sum(dxh * (x - mu) * (-0.5) * (var + eps) ** -1.5)
    mu_formula = -np.sum(dxh) / s + var_formula * (-2 / N) * np.sum(x - mu)
    three = dxh / s + var_formula * 2 * (x - mu) / N + mu_formula / N
    compact = gamma / (N * s) * (N * dy - dy.sum() - xh * np.sum(dy * xh))
    # numbers
    xn = np.array([1.0, 3.0, 5.0])
    dyn = np.array([1.0, 0.0, 0.0])
    yn, xhn, mun, varn = bn_forward(xn, 2.0, 0.0, 0.0)
    Ln = lambda yy: np.sum(dyn * yy)
    dxn = fd(lambda v: Ln(bn_forward(v, 2.0, 0.0, 0.0)[0]), xn)
    dgn = fd(lambda g: Ln(bn_forward(xn, g[0], 0.0, 0.0)[0]), np.array([2.0]))[0]
    dbn = fd(lambda b: Ln(bn_forward(xn, 2.0, b[0], 0.0)[0]), np.array([0.0]))[0]
    inner = 3 * dyn - dyn.sum() - xhn * np.sum(dyn * xhn)
    return [
        ("For a minibatch $x_1, \\ldots, x_N$ of one feature", defn),
        ("$$\\mu = \\frac{1}{N}\\sum_{i=1}^N x_i, \\qquad", defn),
        ("Given the upstream gradients $dy_i", defn),
        ("The scale and shift are easy", lambda: txt("$\\frac{\\partial L}{\\partial \\beta} = \\sum_i dy_i$", "$\\frac{\\partial L}{\\partial \\gamma} = \\sum_i dy_i\\,\\hat x_i$") and close(dbeta, dy.sum()) and close(dgamma, np.sum(dy * xh))),
        ("Into the normalized values", lambda: txt("$d\\hat x_i = \\partial L/\\partial \\hat x_i = \\gamma\\, dy_i$") and close(dxh, gamma * dy)),
        ("The variance receives a contribution", lambda: txt("$\\frac{\\partial L}{\\partial \\sigma^2} = \\sum_i d\\hat x_i\\,(x_i - \\mu)\\left(-\\tfrac{1}{2}\\right)(\\sigma^2 + \\epsilon)^{-3/2}$") and close(dvar, var_formula)),
        ("The mean appears both in the numerators", lambda: txt("$\\frac{\\partial L}{\\partial \\mu} = -\\frac{1}{\\sqrt{\\sigma^2 + \\epsilon}}\\sum_i d\\hat x_i + \\frac{\\partial L}{\\partial \\sigma^2}\\cdot\\frac{-2}{N}\\sum_i (x_i - \\mu)$", "$\\sum_i (x_i - \\mu) = 0$") and close(dmu, mu_formula) and close(np.sum(x - mu), 0)),
        ("Each input reaches the loss along three paths", lambda: close(dx, three)),
        ("$$\\frac{\\partial L}{\\partial x_i} = \\frac{d\\hat x_i}{\\sqrt{\\sigma^2 + \\epsilon}} + \\frac{\\partial L}{\\partial \\sigma^2}\\cdot\\frac{2(x_i - \\mu)}{N} + \\frac{1}{N}\\frac{\\partial L}{\\partial \\mu}.$$", lambda: close(dx, three)),
        ("$$\\frac{\\partial L}{\\partial x_i} = \\frac{\\gamma}{N\\sqrt{\\sigma^2 + \\epsilon}}\\left(N\\,dy_i - \\sum_j dy_j - \\hat x_i \\sum_j dy_j\\,\\hat x_j\\right).$$", lambda: close(dx, compact)),
        ("Because $\\sum_i \\hat x_i = 0$, it follows that $\\sum_i \\partial L/\\partial x_i = 0$", lambda: close(xh.sum(), 0) and close(dx.sum(), 0)),
        ("**Numbers.** Take $N = 3$", defn),
        ("Then $\\mu = 3$",
         lambda: txt("$\\sigma^2 = (4 + 0 + 4)/3 = 2.6667$") and arith("(4 + 0 + 4)/3", "2.6667")
         and all_(close(mun, 3), close(((xn - 3) ** 2), [4, 0, 4]), num("2.6667", varn), num("1.6330", np.sqrt(varn)),
                  arith("np.sqrt(2.6667)", "1.6330"), nums(["-1.2247", "0", "1.2247"], xhn),
                  arith("-2 / 1.6330", "-1.2247"))),
        ("The parameter gradients are", lambda: txt("$\\partial L/\\partial \\beta = 1$", "= \\hat x_1 =") and close(dbn, 1) and num("-1.2247", dgn)
         and close(dgn, xhn[0])),
        ("Since $\\hat x_1^2 = \\hat x_3^2 = 3/2$, the compact form gives",
         lambda: all_(close(xhn[[0, 2]] ** 2, [1.5, 1.5]), num("0.4082", 2.0 / (3 * np.sqrt(varn))),
                      num("0.4082", 2 / (3 * 1.6330)), nums(["0.5", "-1", "0.5"], inner),
                      nums(["0.2041", "-0.4082", "0.2041"], dxn), arith("0.4082 * 0.5", "0.2041"),
                      abs(0.2041 - 0.4082 + 0.2041) < 1e-9, close(dxn.sum(), 0))),
    ]


# ---------------------------------------------------------------- 15
@checks("15_fr_retropropagation.md")
def c15():
    r = np.random.default_rng(15)
    sizes = [3, 4, 5, 3]
    Ws = [r.normal(size=(sizes[i + 1], sizes[i])) for i in range(3)]
    bs = [r.normal(size=sizes[i + 1]) for i in range(3)]
    x = r.normal(size=3)
    y = np.eye(3)[1]
    f, df = np.tanh, (lambda z: 1 - np.tanh(z) ** 2)

    def fwd(xv=x, zover=None, Wover=None, bover=None, Wl=Ws, bl=bs):
        a = xv
        zs, As = [None], [a]
        for i in range(3):
            W = Wover[1] if (Wover and Wover[0] == i + 1) else Wl[i]
            b = bover[1] if (bover and bover[0] == i + 1) else bl[i]
            z = W @ a + b
            if zover and zover[0] == i + 1:
                z = zover[1]
            a = softmax(z) if i == 2 else f(z)
            zs.append(z)
            As.append(a)
        return zs, As

    def C(yy=y, **kw):
        return -np.sum(yy * np.log(fwd(**kw)[1][-1]))
    zs, As = fwd()
    delta = {l: fd(lambda v, l=l: C(zover=(l, v)), zs[l]) for l in (1, 2, 3)}
    Jsm = jac(softmax, zs[3])
    aL = As[3]
    jac_ok = close(Jsm, np.array([[aL[k] * ((k == j) - aL[j]) for j in range(3)] for k in range(3)]))
    mid = np.array([-sum(y[k] / aL[k] * aL[k] * ((k == j) - aL[j]) for k in range(3)) for j in range(3)])
    out_ok = close(delta[3], mid) and close(delta[3], aL - y)
    bp = all(close(delta[l], (Ws[l].T @ delta[l + 1]) * df(zs[l])) for l in (1, 2))
    shp = all(Ws[l].T.shape == (sizes[l], sizes[l + 1]) and (Ws[l].T @ delta[l + 1]).shape == (sizes[l],) for l in (1, 2))
    gW = {l: fd(lambda v, l=l: C(Wover=(l, v)), Ws[l - 1]) for l in (1, 2, 3)}
    gb = {l: fd(lambda v, l=l: C(bover=(l, v)), bs[l - 1]) for l in (1, 2, 3)}
    par = all(close(gW[l], np.outer(delta[l], As[l - 1])) and gW[l].shape == (sizes[l], sizes[l - 1])
              and close(gb[l], delta[l]) for l in (1, 2, 3))
    dzdW = fd(lambda v: (v @ As[1] + bs[1])[2], Ws[1])
    comp = close(dzdW[2], As[1]) and close(dzdW[:2], 0 * dzdW[:2])
    zz = np.r_[np.linspace(-3, -0.05, 30), np.linspace(0.05, 3, 30)]
    relu = close(fd(lambda v: np.sum(np.maximum(0, v)), zz), (zz > 0).astype(float))
    acts = close(fd(lambda v: np.sum(sig(v)), zz), sig(zz) * (1 - sig(zz))) and \
        close(fd(lambda v: np.sum(np.tanh(v)), zz), 1 - np.tanh(zz) ** 2)
    m = 4
    X = r.normal(size=(m, 3))
    Y = np.eye(3)[r.integers(3, size=m)]

    def Cb(Wv):
        return np.mean([C(yy=Y[i], xv=X[i], Wover=(2, Wv)) for i in range(m)])
    gWb = fd(Cb, Ws[1])
    acc = np.zeros_like(Ws[1])
    for i in range(m):
        zsi, Asi = fwd(xv=X[i])
        di = fd(lambda v: C(yy=Y[i], xv=X[i], zover=(2, v)), zsi[2])
        acc += np.outer(di, Asi[1])
    mb = close(gWb, acc / m)
    eta = 1e-3
    W2new = Ws[1] - eta * gWb
    desc = Cb(W2new) < Cb(Ws[1])
    return [
        ("On considère un réseau à $L$ couches", lambda: txt("$W^{(l)} \\in \\mathbb{R}^{n_l \\times n_{l-1}}$", "$b^{(l)} \\in \\mathbb{R}^{n_l}$") and all(Ws[i].shape == (sizes[i + 1], sizes[i]) for i in range(3))),
        ("$$z^{(l)} = W^{(l)} a^{(l-1)} + b^{(l)}, \\qquad a^{(l)} = f(z^{(l)}),$$", defn),
        ("avec $a^{(0)} = x$", defn),
        ("En sortie on utilise un softmax", defn),
        ("**Erreur en sortie.** On définit", defn),
        ("$$\\frac{\\partial a^{(L)}_k}{\\partial z^{(L)}_j} = a^{(L)}_k\\,(\\mathbb{1}_{k=j} - a^{(L)}_j),$$", lambda: jac_ok),
        ("d'où, puisque $\\sum_k y_k = 1$", defn),
        ("$$\\delta^{(L)}_j = -\\sum_k \\frac{y_k}{a^{(L)}_k}\\, a^{(L)}_k\\,(\\mathbb{1}_{k=j} - a^{(L)}_j) = a^{(L)}_j - y_j, \\qquad\\text{soit}\\qquad \\delta^{(L)} = a^{(L)} - y.$$", lambda: out_ok),
        ("**Propagation vers l'arrière.**", lambda: txt("pour $l = L-1, \\ldots, 1$")),
        ("$$\\delta^{(l)} = \\big((W^{(l+1)})^\\top \\delta^{(l+1)}\\big) \\odot f'(z^{(l)}),$$", lambda: bp),
        ("ce qui donne bien un vecteur de taille", lambda: txt("$(W^{(l+1)})^\\top$ est de taille $n_l \\times n_{l+1}$ et $\\delta^{(l+1)}$ de taille $n_{l+1}$") and shp),
        ("**Gradients des paramètres.** Enfin", lambda: txt("$\\partial z^{(l)}_i / \\partial W^{(l)}_{ij} = a^{(l-1)}_j$") and comp),
        ("$$\\frac{\\partial C}{\\partial W^{(l)}} = \\delta^{(l)}\\,(a^{(l-1)})^\\top \\in \\mathbb{R}^{n_l \\times n_{l-1}}, \\qquad \\frac{\\partial C}{\\partial b^{(l)}} = \\delta^{(l)}.$$", lambda: par),
        ("Pour la fonction ReLU", lambda: txt("$f(z) = \\max(0, z)$", "$f'(z) = \\mathbb{1}_{z > 0}$ pour $z \\neq 0$") and relu),
        ("Pour la sigmoïde", lambda: txt("$f'(z) = f(z)\\,(1 - f(z))$", "$f'(z) = 1 - f(z)^2$") and acts),
        ("**Mini-lots.**", lambda: txt("$C = \\frac{1}{m}\\sum_{i=1}^m C_i$", "$\\frac{\\partial C}{\\partial W^{(l)}} = \\frac{1}{m}\\sum_{i=1}^m \\delta^{(l)}_i\\,(a^{(l-1)}_i)^\\top$") and mb),
        ("On met ensuite à jour", lambda: txt("$W^{(l)} \\leftarrow W^{(l)} - \\eta\\, \\frac{\\partial C}{\\partial W^{(l)}}$", "$\\eta > 0$") and desc),
    ]


# ---------------------------------------------------------------- 16
@checks("16_zh_softmax_cross_entropy.md")
def c16():
    r = np.random.default_rng(16)
    K = 4
    z = r.normal(size=K)
    p = softmax(z)
    J = jac(softmax, z)           # J[i, j] = dp_i/dz_j
    cases = all(close(J[i, j], p[i] * (1 - p[i]) if i == j else -p[i] * p[j]) for i in range(K) for j in range(K))
    comb = close(J, np.diag(p) - np.outer(p, p))
    y = np.eye(K)[2]
    l = lambda v: -np.sum(y * np.log(softmax(v)))
    gl = fd(l, z)
    mid = np.array([-sum(y[i] / p[i] * p[i] * ((i == j) - p[j]) for i in range(K)) for j in range(K)])
    mid2 = -y + p * y.sum()
    zn = np.array([2.0, 1.0, 0.5])
    pn = softmax(zn)
    N, D = 5, 3
    X = r.normal(size=(N, D))
    W, b = r.normal(size=(D, K)), r.normal(size=(1, K))
    Y = np.eye(K)[r.integers(K, size=N)]

    def Lz(Z):
        return -np.mean(np.sum(Y * np.log(softmax(Z, axis=1)), axis=1))
    Z = X @ W + b
    P = softmax(Z, axis=1)
    gZ = fd(Lz, Z)
    gW = fd(lambda v: Lz(X @ v + b), W)
    gb = fd(lambda v: Lz(X @ W + v), b)
    return [
        ("设某个样本的 logits 为", defn),
        ("$$p_i = \\frac{e^{z_i}}{\\sum_{j=1}^{K} e^{z_j}}", defn),
        ("显然 $p_i > 0$ 且 $\\sum_{i=1}^K p_i = 1$", lambda: np.all(p > 0) and close(p.sum(), 1)),
        ("**第一步：softmax 的雅可比矩阵。**", defn),
        ("$$\\frac{\\partial p_i}{\\partial z_j} = \\begin{cases} p_i(1 - p_i), & i = j, \\\\ -p_i p_j, & i \\neq j, \\end{cases}$$", lambda: cases),
        ("合起来可以写成", lambda: txt("$\\frac{\\partial p_i}{\\partial z_j} = p_i(\\delta_{ij} - p_j)$", "$\\frac{\\partial \\mathbf{p}}{\\partial \\mathbf{z}} = \\mathrm{diag}(\\mathbf{p}) - \\mathbf{p}\\mathbf{p}^\\top$") and comb),
        ("**第二步：交叉熵。**", defn),
        ("$$\\frac{\\partial \\ell}{\\partial z_j} = -\\sum_{i=1}^K \\frac{y_i}{p_i}\\, p_i(\\delta_{ij} - p_j) = -y_j + p_j \\sum_{i=1}^K y_i = p_j - y_j.$$",
         lambda: close(gl, mid) and close(mid, mid2) and close(gl, p - y)),
        ("即 $\\nabla_{\\mathbf{z}} \\ell = \\mathbf{p} - \\mathbf{y}$", lambda: close(gl, p - y)),
        ("**数值例子。**",
         lambda: all_(nums(["7.3891", "2.7183", "1.6487"], np.exp(zn)), num("11.7561", np.exp(zn).sum()),
                      arith("7.3891 + 2.7183 + 1.6487", "11.7561"), nums(["0.6285", "0.2312", "0.1402"], pn),
                      num("0.6285", 7.3891 / 11.7561), num("0.2312", 2.7183 / 11.7561), num("0.1402", 1.6487 / 11.7561))),
        ("若真实类别为第 1 类",
         lambda: all_(num("0.4644", -np.log(pn[0])), arith("-np.log(0.6285)", "0.4644"),
                      nums(["-0.3715", "0.2312", "0.1402"], pn - np.eye(3)[0]))),
        ("**第三步：批量形式。**", lambda: txt("$\\mathbf{W} \\in \\mathbb{R}^{D \\times K}$", "$\\mathbf{Z} \\in \\mathbb{R}^{N \\times K}$", "$L = \\frac{1}{N}\\sum_{n=1}^{N} \\ell_n$") and Z.shape == (N, K) and W.shape == (D, K)),
        ("于是 $\\frac{\\partial L}{\\partial \\mathbf{Z}} = \\mathbf{P} - \\mathbf{Y}$", lambda: close(gZ, P - Y)),
        ("再由 $\\mathbf{Z} = \\mathbf{X}\\mathbf{W} + \\mathbf{b}$ 得",
         lambda: txt("$\\frac{\\partial L}{\\partial \\mathbf{W}} = \\mathbf{X}^\\top(\\mathbf{P} - \\mathbf{Y}) \\in \\mathbb{R}^{D \\times K}$", "$\\frac{\\partial L}{\\partial \\mathbf{b}} = \\sum_{n=1}^N (\\mathbf{p}_n - \\mathbf{y}_n)$") and close(gW, X.T @ (P - Y)) and close(gb, (P - Y).sum(axis=0, keepdims=True)) and gW.shape == (D, K)),
    ]


# ======================================================================
def is_math_line(line):
    return "$" in line


def main():
    with open(os.path.join(HERE, "expected.json"), encoding="utf-8") as fh:
        expected = json.load(fh)
    md_files = sorted(f for f in os.listdir(HERE) if f.endswith(".md"))
    bad = False
    if sorted(expected) != md_files or sorted(CHECKS) != md_files:
        print("file lists differ:", md_files, sorted(expected), sorted(CHECKS))
        bad = True
    for fname in md_files:
        if fname not in CHECKS:
            continue
        with open(os.path.join(HERE, fname), encoding="utf-8") as fh:
            lines = fh.read().split("\n")
        covered = set()
        results = []
        problems = []
        for sub, pred in CHECKS[fname]():
            hits = [i + 1 for i, ln in enumerate(lines) if sub in ln]
            if len(hits) != 1:
                problems.append("substring matches %d lines: %r" % (len(hits), sub))
                continue
            ln = hits[0]
            CUR["line"], CUR["missing"] = lines[ln - 1], []
            try:
                val = bool(pred())
            except Exception as exc:  # a crashing check is a bug in the checker
                problems.append("predicate error on line %d: %r" % (ln, exc))
                continue
            if CUR["missing"]:
                problems.append("line %d does not show %r" % (ln, CUR["missing"]))
            covered.add(ln)
            results.append((ln, val))
        for i, ln in enumerate(lines):
            if is_math_line(ln) and (i + 1) not in covered:
                problems.append("math line %d not covered: %s" % (i + 1, ln[:70]))
        results.sort()
        false_lines = [ln for ln, v in results if not v]
        first = false_lines[0] if false_lines else None
        exp = expected.get(fname, "missing")
        status = "OK" if (first == exp and not problems) else "MISMATCH"
        if status != "OK":
            bad = True
        print("%-45s %-8s first_false=%s expected=%s  (false lines: %s)" % (fname, status, first, exp, false_lines))
        for p in problems:
            print("    !!", p)
    print("ALL AGREE" if not bad else "DISAGREEMENT")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
