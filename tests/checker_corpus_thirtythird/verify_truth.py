#!/usr/bin/env python
"""Independent truth check for corpus33 (NumPy only).

For every file: a list of (substring identifying exactly one source line, predicate).
Predicates take the line text and return True iff every mathematical claim on that
line is true.  Symbolic claims are checked with finite differences / enumeration on
random values, worked numbers are recomputed and compared at their shown precision.
Entries built with D(...) are lines that only define notation/data (reviewed, nothing
to verify).  The script prints the first false line per file and exits non-zero if
that disagrees with expected.json.  It also reports $-lines that no entry covers.
"""
import io
import json
import math
import os
import re
import sys
import contextlib

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(12345)


# ----------------------------------------------------------------- helpers
def _norm(s):
    return (s.replace("\u2212", "-").replace("{,}", ".").replace(",", ".")
            .replace(" ", ""))


def val(s):
    return float(_norm(s))


def ndec(s):
    t = _norm(s)
    return len(t.split(".")[1]) if "." in t else 0


def need(line, shown):
    if shown not in line:
        raise AssertionError("shown text %r not on line" % shown)


def ap(line, shown, x, value=None):
    """`shown` is on the line and x rounds to it (at its number of decimals)."""
    need(line, shown)
    v = val(shown) if value is None else value
    d = ndec(shown) if value is None else 0
    return abs(float(x) - v) <= 0.5 * 10 ** (-d) * (1 + 1e-9) + 1e-12


def ex(line, shown, x, value=None):
    """`shown` is on the line and equals x exactly (up to float noise)."""
    need(line, shown)
    v = val(shown) if value is None else value
    return abs(float(x) - v) <= 1e-9 * max(1.0, abs(v))


def vec_ap(line, shown_list, xs):
    return all(ap(line, s, x) for s, x in zip(shown_list, xs)) and len(shown_list) == len(xs)


def vec_ex(line, shown_list, xs):
    return all(ex(line, s, x) for s, x in zip(shown_list, xs)) and len(shown_list) == len(xs)


def fd(f, x, h=1e-6):
    x = np.array(x, dtype=float)
    g = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        e = np.zeros_like(x)
        e[idx] = h
        g[idx] = (f(x + e) - f(x - e)) / (2 * h)
    return g


def jac(f, x, h=1e-6):
    x = np.array(x, dtype=float)
    cols = []
    for j in range(x.size):
        e = np.zeros_like(x)
        e.flat[j] = h
        cols.append((np.asarray(f(x + e)) - np.asarray(f(x - e))) / (2 * h))
    return np.stack(cols, axis=-1)  # J[i, j] = d f_i / d x_j


def close(a, b, tol=1e-5):
    a = np.asarray(a, float)
    b = np.asarray(b, float)
    return a.shape == b.shape and np.allclose(a, b, atol=tol, rtol=1e-4)


def D(sub):
    """definition / notation / data line: nothing to verify."""
    return (sub, None)


sig = lambda x: 1.0 / (1.0 + np.exp(-x))
softplus = lambda x: np.logaddexp(0.0, x)


def softmax(v, axis=-1):
    v = np.asarray(v, float)
    e = np.exp(v - np.max(v, axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def trials(n=5):
    return range(n)


# ============================================================ 01 LayerNorm
def ln_fwd(x, gam, bet, eps):
    mu = x.mean()
    var = ((x - mu) ** 2).mean()
    s = np.sqrt(var + eps)
    xh = (x - mu) / s
    return gam * xh + bet, xh, mu, var, s


def ln_grad_formula(x, gam, dy, eps):
    d = x.size
    _, xh, _, _, s = ln_fwd(x, gam, 0 * gam, eps)
    g = gam * dy
    return (d * g - g.sum() - xh * (g * xh).sum()) / (d * s)


def c01_dmu(L):
    ok = True
    for _ in trials():
        x = rng.normal(size=5)
        ok &= close(fd(lambda v: v.mean(), x), np.full(5, 1 / 5))
        ok &= abs((x - x.mean()).sum()) < 1e-12
    return ok


def c01_dvar(L):
    ok = True
    for _ in trials():
        x = rng.normal(size=5)
        ok &= close(fd(lambda v: ((v - v.mean()) ** 2).mean(), x), 2 / 5 * (x - x.mean()))
    return ok


def c01_jac(L):
    ok = True
    for eps in (0.0, 0.3):
        for _ in trials():
            d = 4
            x = rng.normal(size=d)
            _, xh, _, _, s = ln_fwd(x, np.ones(d), np.zeros(d), eps)
            J = jac(lambda v: ln_fwd(v, np.ones(d), np.zeros(d), eps)[1], x)
            F = (np.eye(d) - 1 / d - np.outer(xh, xh) / d) / s
            ok &= close(J, F)
    return ok


def c01_sym(L):
    d = 4
    x = rng.normal(size=d)
    J = jac(lambda v: ln_fwd(v, np.ones(d), np.zeros(d), 0.2)[1], x)
    return close(J, J.T) and J.shape == (d, d)


def c01_dx(L):
    ok = True
    for eps in (0.0, 0.1):
        for _ in trials():
            d = 5
            x, gam, bet, u = (rng.normal(size=d) for _ in range(4))
            num = fd(lambda v: u @ ln_fwd(v, gam, bet, eps)[0], x)
            _, xh, _, _, s = ln_fwd(x, gam, bet, eps)
            g = gam * u
            J = (np.eye(d) - 1 / d - np.outer(xh, xh) / d) / s
            ok &= close(num, g @ J)  # middle expression: sum_i g_i dxh_i/dx_j
            ok &= close(num, ln_grad_formula(x, gam, u, eps))
    return ok


def c01_vec(L):
    ok = True
    for _ in trials():
        d = 5
        x, gam, u = (rng.normal(size=d) for _ in range(3))
        _, xh, _, _, s = ln_fwd(x, gam, 0 * gam, 0.05)
        g = gam * u
        v = (g - g.mean() - (g @ xh) / d * xh) / s
        ok &= close(v, fd(lambda w: u @ ln_fwd(w, gam, 0 * gam, 0.05)[0], x))
    return ok


def c01_code(L):
    ok = True
    for _ in trials():
        d = 6
        x, gamma, dy = (rng.normal(size=d) for _ in range(3))
        _, xhat, _, _, std = ln_fwd(x, gamma, 0 * gamma, 1e-3)
        ns = dict(d=d, gamma=gamma, dy=dy, xhat=xhat, std=std)
        exec("dxhat = dy * gamma", ns)
        exec(L.strip(), ns)
        ok &= close(ns["dx"], fd(lambda w: dy @ ln_fwd(w, gamma, 0 * gamma, 1e-3)[0], x))
    return ok


def c01_params(L):
    d = 5
    x, gam, bet, u = (rng.normal(size=d) for _ in range(4))
    _, xh, _, _, _ = ln_fwd(x, gam, bet, 0.1)
    dg = fd(lambda G: u @ ln_fwd(x, G, bet, 0.1)[0], gam)
    db = fd(lambda B: u @ ln_fwd(x, gam, B, 0.1)[0], bet)
    # minibatch: sum over examples
    X = rng.normal(size=(3, d))
    U = rng.normal(size=(3, d))
    tot = lambda G: sum(U[n] @ ln_fwd(X[n], G, bet, 0.1)[0] for n in range(3))
    xhs = np.stack([ln_fwd(X[n], gam, bet, 0.1)[1] for n in range(3)])
    return close(dg, xh * u) and close(db, u) and close(fd(tot, gam), (U * xhs).sum(0))


def c01_sanity(L):
    ok = True
    for _ in trials():
        d = 5
        x, gam, u = (rng.normal(size=d) for _ in range(3))
        gx = fd(lambda w: u @ ln_fwd(w, gam, 0 * gam, 0.2)[0], x)
        xh = ln_fwd(x, gam, 0 * gam, 0.2)[1]
        ok &= abs(xh.sum()) < 1e-9 and abs(gx.sum()) < 1e-6
        c = rng.normal()
        ok &= close(ln_fwd(x + c, gam, 0 * gam, 0.2)[0], ln_fwd(x, gam, 0 * gam, 0.2)[0])
        xh0 = ln_fwd(x, gam, 0 * gam, 0.0)[1]
        gx0 = fd(lambda w: u @ ln_fwd(w, gam, 0 * gam, 0.0)[0], x)
        ok &= abs((xh0 ** 2).sum() - d) < 1e-9 and abs(xh0 @ gx0) < 1e-6
    return ok


X01 = np.array([1.0, 2.0, 4.0])


def c01_stats(L):
    _, xh, mu, var, s = ln_fwd(X01, np.ones(3), np.zeros(3), 0.0)
    return (abs(mu - 7 / 3) < 1e-12 and abs(var - 14 / 9) < 1e-12 and ap(L, "2.333", mu)
            and ap(L, "1.556", var) and ap(L, "1.247", s) and "d = 3" in L)


def c01_xhat(L):
    xh = ln_fwd(X01, np.ones(3), np.zeros(3), 0.0)[1]
    return close(xh, np.array([-4, -1, 5]) / np.sqrt(14), 1e-12) and vec_ap(
        L, ["-1.069", "-0.267", "1.336"], xh)


def c01_sums(L):
    xh = ln_fwd(X01, np.ones(3), np.zeros(3), 0.0)[1]
    g = np.array([1.0, 0, 0])
    return g.sum() == 1 and abs(g @ xh - xh[0]) < 1e-15 and ap(L, "-1.069", g @ xh)


def c01_grad(L):
    gx = fd(lambda w: ln_fwd(w, np.ones(3), np.zeros(3), 0.0)[0][0], X01)
    return vec_ap(L, ["0.229", "-0.344", "0.115"], gx)


def c01_interp(L):
    gx = fd(lambda w: ln_fwd(w, np.ones(3), np.zeros(3), 0.0)[0][0], X01)
    dmu = fd(lambda w: w.mean(), X01)
    return abs(gx.sum()) < 1e-6 and gx[0] > 0 and gx[1] < 0 and dmu[1] > 0


def c01_exercise(L):
    gx = fd(lambda w: ln_fwd(w, np.ones(3), np.zeros(3), 0.0)[0][0], X01)
    xh = ln_fwd(X01, np.ones(3), np.zeros(3), 0.0)[1]
    return abs(xh @ gx) < 1e-6


F01 = [
    D("Consider a single example"),
    D("$$\\mu = \\frac{1}{d}\\sum_{i=1}^d x_i, \\qquad \\sigma^2"),
    D("followed by the elementwise affine map"),
    ("The mean is linear, so", c01_dmu),
    ("\\frac{\\partial \\sigma^2}{\\partial x_j} = \\frac{2}{d}", c01_dvar),
    ("\\frac{\\partial \\hat{x}_i}{\\partial x_j} = \\frac{1}{s}", c01_jac),
    ("matrix is symmetric", c01_sym),
    D("Let $g_i = \\gamma_i"),
    ("\\frac{\\partial L}{\\partial x_j} = \\sum_{i=1}^d g_i", c01_dx),
    ("In vector form, $\\nabla_{\\mathbf{x}} L", c01_vec),
    D("dxhat = dy * gamma"),
    ("dx = (d * dxhat", c01_code),
    ("The parameters are easier", c01_params),
    ("Two sanity checks follow", c01_sanity),
    ("Take $d = 3$", c01_stats),
    ("\\frac{(-4, -1, 5)}{\\sqrt{14}}", c01_xhat),
    ("Suppose the loss only looks", c01_sums),
    ("\\nabla_{\\mathbf{x}} L \\approx (0.229", c01_grad),
    ("The entries sum to zero, as promised", c01_interp),
    ("**Exercise.**", c01_exercise),
]


# ============================================================ 02 GRU
def gru_step(x, hp, P, az_add=None):
    az = P["Wz"] @ x + P["Uz"] @ hp + P["bz"]
    if az_add is not None:
        az = az + az_add
    z = sig(az)
    r = sig(P["Wr"] @ x + P["Ur"] @ hp + P["br"])
    ht = np.tanh(P["Wh"] @ x + P["Uh"] @ (r * hp) + P["bh"])
    return z * hp + (1 - z) * ht, z, ht


def gru_params(h=3, d=2):
    P = {}
    for g in "zrh":
        P["W" + g] = rng.normal(size=(h, d))
        P["U" + g] = rng.normal(size=(h, h))
        P["b" + g] = rng.normal(size=h)
    return P


def c02_keep(L):
    hp, ht = rng.normal(size=3), rng.normal(size=3)
    h = lambda z: z * hp + (1 - z) * ht
    return close(h(np.ones(3)), hp) and close(h(np.zeros(3)), ht)


def c02_sigma(L):
    a = rng.normal(size=4)
    ok = close(fd(lambda v: sig(v).sum(), a), sig(a) * (1 - sig(a)))
    ok &= close(jac(sig, a), np.diag(sig(a) * (1 - sig(a))))
    return ok


def c02_linear(L):
    hp, ht = rng.normal(size=3), rng.normal(size=3)
    h = lambda z: z * hp + (1 - z) * ht
    z1, z2 = rng.normal(size=3), rng.normal(size=3)
    return close(h(0.3 * z1 + 0.7 * z2), 0.3 * h(z1) + 0.7 * h(z2))


def c02_dhdz(L):
    hp, ht, z = rng.normal(size=3), rng.normal(size=3), rng.uniform(size=3)
    J = jac(lambda zz: zz * hp + (1 - zz) * ht, z)
    return close(J, np.diag(ht - hp))  # claim as written on the line


def c02_direct(L):
    hp, ht, z = rng.normal(size=3), rng.normal(size=3), rng.uniform(size=3)
    return close(jac(lambda v: z * v + (1 - z) * ht, hp), np.diag(z))


def c02_chain(L):
    P = gru_params()
    x, hp, dl = rng.normal(size=2), rng.normal(size=3), rng.normal(size=3)
    _, z, ht = gru_step(x, hp, P)
    # dL/dz with L = dl . h_t, h_t as a function of z (hp, ht fixed)
    dz_num = fd(lambda zz: dl @ (zz * hp + (1 - zz) * ht), z)
    daz_num = fd(lambda e: dl @ gru_step(x, hp, P, e)[0], np.zeros(3))
    return close(dz_num, dl * (ht - hp)) and close(daz_num, dl * (ht - hp) * z * (1 - z))


def c02_wgrads(L):
    P = gru_params()
    T = 3
    xs = rng.normal(size=(T, 2))
    cs = rng.normal(size=(T, 3))

    def loss(P, adds=None):
        h = np.zeros(3)
        tot = 0.0
        hs = [h]
        for t in range(T):
            h = gru_step(xs[t], h, P, None if adds is None else adds[t])[0]
            hs.append(h)
            tot += cs[t] @ h
        return tot, hs

    _, hs = loss(P)
    dz = []
    for t in range(T):
        def f(e, t=t):
            adds = [np.zeros(3) for _ in range(T)]
            adds[t] = e
            return loss(P, adds)[0]
        dz.append(fd(f, np.zeros(3)))
    pred_W = sum(np.outer(dz[t], xs[t]) for t in range(T))
    pred_U = sum(np.outer(dz[t], hs[t]) for t in range(T))
    pred_b = sum(dz)
    ok = True
    for name, pred in (("Wz", pred_W), ("Uz", pred_U), ("bz", pred_b)):
        def g(M, name=name):
            Q = dict(P)
            Q[name] = M
            return loss(Q)[0]
        ok &= close(fd(g, P[name]), pred)
    return ok


def c02_shapes(L):
    h, d = 3, 2
    P = gru_params(h, d)
    dz, x, hp = rng.normal(size=h), rng.normal(size=d), rng.normal(size=h)
    return (np.outer(dz, x).shape == (h, d) == P["Wz"].shape
            and np.outer(dz, hp).shape == (h, h) == P["Uz"].shape and dz.shape == P["bz"].shape)


Z02 = sig(0.4)


def c02_z(L):
    return ap(L, "0.5987", Z02) and ap(L, "0.4013", 1 - Z02)


def c02_h(L):
    h = Z02 * 0.5 + (1 - Z02) * (-0.2)
    return ap(L, "0.2191", h) and ap(L, "0.2191", 0.5987 * 0.5 + 0.4013 * -0.2)


def c02_dz(L):
    true = fd(lambda z: 1.0 * (z * 0.5 + (1 - z) * (-0.2)), np.array([Z02]))[0]
    return ex(L, "-0.7", -0.2 - 0.5) and ex(L, "-0.7", true)


def c02_daz(L):
    true = fd(lambda a: sig(a) * 0.5 + (1 - sig(a)) * (-0.2), np.array([0.4]))[0]
    return ap(L, "0.2403", Z02 * (1 - Z02)) and ap(L, "-0.1682", true)


def c02_direction(L):
    true = fd(lambda a: sig(a) * 0.5 + (1 - sig(a)) * (-0.2), np.array([0.4]))[0]
    step = -true  # gradient-descent change of a^z
    return step > 0  # line claims the step increases a^z


def c02_vanish(L):
    ok = ap(L, "0.349", 0.9 ** 10)
    # direct path product of diag(z_s)
    zs = rng.uniform(size=(4, 3))
    hts = rng.normal(size=(4, 3))
    def run(h0):
        h = h0
        for s in range(4):
            h = zs[s] * h + (1 - zs[s]) * hts[s]
        return h
    ok &= close(jac(run, rng.normal(size=3)), np.diag(np.prod(zs, 0)))
    # vanilla RNN backprop factor W^T diag(1-h_s^2)
    W, U = rng.normal(size=(3, 3)), rng.normal(size=(3, 2))
    hp, x, c = rng.normal(size=3), rng.normal(size=2), rng.normal(size=3)
    hs = np.tanh(W @ hp + U @ x)
    num = fd(lambda v: c @ np.tanh(W @ v + U @ x), hp)
    ok &= close(num, W.T @ np.diag(1 - hs ** 2) @ c)
    return ok


F02 = [
    D("**Recall (forward pass).**"),
    D("z_t &= \\sigma(a^z_t)"),
    D("r_t &= \\sigma("),
    D("\\tilde h_t &= \\tanh"),
    D("h_t &= z_t \\odot h_{t-1}"),
    ("So $z_t \\approx 1$", c02_keep),
    D("**Goal:**"),
    ("- logistic: $\\sigma'(a)", c02_sigma),
    ("is linear in $z_t$ for fixed", c02_linear),
    ("\\frac{\\partial h_t}{\\partial z_t} = \\mathrm{diag}", c02_dhdz),
    ("- direct path to the old state", c02_direct),
    ("$$\\frac{\\partial L}{\\partial z_t} = \\delta_t", c02_chain),
    ("\\delta^z_t := \\frac{\\partial L}{\\partial a^z_t}", c02_chain),
    ("\\frac{\\partial L}{\\partial W_z} = \\sum_t", c02_wgrads),
    ("Shapes: $h\\times d$", c02_shapes),
    D("**Toy numbers**"),
    ("- $z_t = \\sigma(0.4)", c02_z),
    ("- $h_t = 0.5987", c02_h),
    ("- take $\\delta_t = 1$", c02_dz),
    ("- $z_t(1-z_t) \\approx 0.2403$", c02_daz),
    ("- i.e. a gradient-descent step", c02_direction),
    ("**Why GRUs help", c02_vanish),
    D("*Next time:"),
]


# ============================================================ 03 attention
def attn(Q, K, V):
    dk = Q.shape[1]
    S = Q @ K.T / np.sqrt(dk)
    P = softmax(S, 1)
    return S, P, P @ V


def rand_attn(n=3, m=4, dk=2, dv=3):
    return (rng.normal(size=(n, dk)), rng.normal(size=(m, dk)), rng.normal(size=(m, dv)),
            rng.normal(size=(n, dv)))


def dS_formula(P, dP):
    return P * (dP - (P * dP).sum(1, keepdims=True))


def c03_shapes(L):
    Q, K, V, _ = rand_attn()
    S, P, O = attn(Q, K, V)
    return S.shape == (3, 4) and O.shape == (3, 3) and close(P.sum(1), np.ones(3))


def c03_dP(L):
    Q, K, V, dO = rand_attn()
    _, P, _ = attn(Q, K, V)
    dP = fd(lambda PP: (dO * (PP @ V)).sum(), P)
    dV = fd(lambda VV: (dO * (P @ VV)).sum(), V)
    return close(dP, dO @ V.T) and dP.shape == (3, 4) and close(dV, P.T @ dO) and dV.shape == (4, 3)


def c03_jac(L):
    s = rng.normal(size=4)
    p = softmax(s)
    J = jac(softmax, s)
    return close(J, p[:, None] * (np.eye(4) - p[None, :])) and close(J, np.diag(p) - np.outer(p, p))


def c03_sym(L):
    s, dp = rng.normal(size=4), rng.normal(size=4)
    J = jac(softmax, s)
    ds = fd(lambda v: dp @ softmax(v), s)
    return close(J, J.T) and close(ds, J.T @ dp) and close(ds, J @ dp)


def c03_dsk(L):
    s, dp = rng.normal(size=4), rng.normal(size=4)
    p = softmax(s)
    return close(fd(lambda v: dp @ softmax(v), s), p * (dp - p @ dp))


def c03_dS(L):
    Q, K, V, dO = rand_attn()
    S, P, _ = attn(Q, K, V)
    num = fd(lambda SS: (dO * (softmax(SS, 1) @ V)).sum(), S)
    return close(num, dS_formula(P, dO @ V.T))


def c03_dQK(L):
    Q, K, V, dO = rand_attn()
    S, P, _ = attn(Q, K, V)
    dS = dS_formula(P, dO @ V.T)
    f = lambda QQ, KK: (dO * attn(QQ, KK, V)[2]).sum()
    dQ = fd(lambda QQ: f(QQ, K), Q)
    dK = fd(lambda KK: f(Q, KK), K)
    return (close(dQ, dS @ K / np.sqrt(2)) and close(dK, dS.T @ Q / np.sqrt(2))
            and dQ.shape == (3, 2) and dK.shape == (4, 2))


def c03_rows(L):
    Q, K, V, dO = rand_attn()
    S, P, _ = attn(Q, K, V)
    dS = dS_formula(P, dO @ V.T)
    c = rng.normal(size=(3, 1))
    return close(dS.sum(1), np.zeros(3)) and close(softmax(S + c, 1), P)


def c03_flash(L):
    Q, K, V, dO = rand_attn()
    S, P, O = attn(Q, K, V)
    dP = dO @ V.T
    D1 = (P * dP).sum(1)
    D2 = np.array([sum(P[i, j] * (dO[i] @ V[j]) for j in range(4)) for i in range(3)])
    return close(D1, D2) and close(D1, (dO * O).sum(1))


def c03_mask(L):
    Q, K, V, dO = rand_attn()
    S = Q @ K.T / np.sqrt(2)
    mask = np.triu(np.ones((3, 4), bool), 1)
    Sm = np.where(mask, -np.inf, S)
    P = softmax(Sm, 1)
    dS = dS_formula(P, dO @ V.T)
    Sbig = np.where(mask, -60.0, S)
    num = fd(lambda SS: (dO * (softmax(SS, 1) @ V)).sum(), Sbig)
    return (np.all(P[mask] == 0) and np.all(dS[mask] == 0) and np.all(np.abs(num[mask]) < 1e-8)
            and close(num, dS, 1e-5))


S03 = np.array([2.0, 1.0, -0.5])


def c03_p(L):
    p = softmax(S03)
    dp = np.array([1.0, 0, 0])
    return vec_ap(L, ["0.690", "0.254", "0.057"], p) and abs(p @ dp - p[0]) < 1e-15


def c03_ds(L):
    p = softmax(S03)
    num = fd(lambda v: softmax(v)[0], S03)
    return close(num, [p[0] * (1 - p[0]), -p[0] * p[1], -p[0] * p[2]]) and vec_ap(
        L, ["0.214", "-0.175", "-0.039"], num)


def c03_sum0(L):
    return abs(fd(lambda v: softmax(v)[0], S03).sum()) < 1e-8 and abs(0.214 - 0.175 - 0.039) < 1e-12


def c03_edit(L):
    return c03_dS(L) and c03_dQK(L)


F03 = [
    D("**Setup.** Let $Q"),
    ("$$S = \\frac{QK^\\top}{\\sqrt{d_k}}", c03_shapes),
    D("I'll write $dX$"),
    D("**Step 1: through the matmul.**"),
    ("$$dP = dO\\,V^\\top", c03_dP),
    D("**Step 2: through the softmax.**"),
    ("\\frac{\\partial p_j}{\\partial s_k} = p_j(\\delta_{jk} - p_k)", c03_jac),
    ("Since $J$ is symmetric", c03_sym),
    ("$$ds_k = p_k", c03_dsk),
    ("$$dS = P\\odot", c03_dS),
    D("**Step 3: back to $Q$ and $K$.**"),
    ("$$dQ = \\frac{1}{\\sqrt{d_k}}", c03_dQK),
    ("1. Every row of $dS$ sums to zero", c03_rows),
    ("2. The row sums", c03_flash),
    ("3. With a causal mask", c03_mask),
    D("**Tiny example**"),
    ("$p \\approx (0.690", c03_p),
    ("$$ds = \\big(p_1(1-p_1)", c03_ds),
    ("which indeed sums to zero.", c03_sum0),
    ("**Edit:**", c03_edit),
]


# ============================================================ 04 Huber
def huber(r, d):
    r = np.asarray(r, float)
    return np.where(np.abs(r) <= d, 0.5 * r ** 2, d * (np.abs(r) - 0.5 * d))


def smoothl1(r, beta):
    r = np.asarray(r, float)
    return np.where(np.abs(r) < beta, 0.5 * r ** 2 / beta, np.abs(r) - 0.5 * beta)


R04 = np.array([0.3, -2.5, 1.0, 4.0])


def c04_torch(L):
    r = rng.normal(scale=3, size=50)
    ok = close(smoothl1(r, 1.0), huber(r, 1.0))
    for d in (0.5, 2.0, 3.0):
        ok &= close(huber(r, d), d * smoothl1(r, d))
    return ok


def c04_cont(L):
    ok = True
    for d in (0.5, 1.0, 2.0):
        for sgn in (1, -1):
            ok &= abs(0.5 * d ** 2 - d * (d - 0.5 * d)) < 1e-12
            ok &= abs(huber(sgn * (d + 1e-9), d) - huber(sgn * (d - 1e-9), d)) < 1e-8
    return ok


def c04_deriv(L):
    ok = True
    for d in (0.7, 1.5):
        r = rng.normal(scale=2, size=30)
        r = r[np.abs(np.abs(r) - d) > 1e-3]
        num = np.array([fd(lambda v: huber(v, d).sum(), np.array([ri]))[0] for ri in r])
        ok &= close(num, np.where(np.abs(r) <= d, r, d * np.sign(r)))
    return ok


def c04_clip(L):
    ok = True
    for d in (0.7, 1.5):
        r = rng.normal(scale=2, size=30)
        g = np.where(np.abs(r) <= d, r, d * np.sign(r))
        ok &= close(g, np.clip(r, -d, d)) and np.all(np.abs(g) <= d)
        # branches agree at |r| = d
        ok &= abs(d - d * np.sign(d)) < 1e-12 and abs(-d - d * np.sign(-d)) < 1e-12
        # second derivative: 1 inside, 0 outside
        h = 1e-4
        for x0, want in ((0.5 * d, 1.0), (2 * d, 0.0), (-2 * d, 0.0)):
            sd = (huber(x0 + h, d) - 2 * huber(x0, d) + huber(x0 - h, d)) / h ** 2
            ok &= abs(sd - want) < 1e-4
    ok &= close(fd(lambda v: (v ** 2).sum(), R04), 2 * R04)
    return ok


def c04_dr(L):
    yh, y = rng.normal(size=4), rng.normal(size=4)
    return close(fd(lambda v: (v - y).sum(), yh), np.ones(4))


def batch_grad(yh, y, d):
    return fd(lambda v: huber(v - y, d).mean(), yh)


def c04_batch(L):
    ok = True
    for N in (3, 5):
        yh, y = rng.normal(scale=2, size=N), rng.normal(size=N)
        ok &= close(batch_grad(yh, y, 1.0), np.clip(yh - y, -1, 1))  # claim on the line
    return ok


def c04_row(r_shown, l_shown, g_shown, idx):
    def f(L):
        true_g = batch_grad(R04, np.zeros(4), 1.0)[idx]
        return (ex(L, r_shown, R04[idx]) and ex(L, l_shown, huber(R04[idx], 1.0))
                and abs(val(g_shown) - true_g) < 1e-9)
    return f


def c04_mean(L):
    return ex(L, "6.045", huber(R04, 1).sum()) and ap(L, "1.511", huber(R04, 1).mean())


def c04_mse(L):
    g = fd(lambda v: (v ** 2).mean(), R04)
    return ex(L, "5.835", (R04 ** 2).mean()) and close(g, 2 / 4 * R04) and vec_ex(
        L, ["0.15", "-1.25", "0.5", "2.0"], g)


def c04_outlier(L):
    gm = fd(lambda v: (v ** 2).mean(), R04)
    gh = batch_grad(R04, np.zeros(4), 1.0)
    return np.argmax(np.abs(gm)) == 3 and abs(gm[3] - 2.0) < 1e-6 and abs(np.abs(gh).max() - 1) < 1e-6


def c04_summary(L):
    r = rng.uniform(-1, 1, size=10)
    return close(huber(r, 1.0), 0.5 * r ** 2)


F04 = [
    ("I keep seeing people switch", c04_torch),
    D("For a residual $r = \\hat y - y$"),
    D("L_\\delta(r) = \\begin{cases}"),
    ("Both pieces give", c04_cont),
    ("\\frac{dL_\\delta}{dr} = \\begin{cases}", c04_deriv),
    ("which is nothing but", c04_clip),
    D("\\mathcal L = \\frac1N\\sum_{i=1}^N"),
    ("and since $\\partial r_i", c04_dr),
    ("\\operatorname{clip}(\\hat y_i - y_i", c04_batch),
    D("Take $\\delta = 1$ and a batch"),
    D("| $r_i$ | $L_\\delta(r_i)$"),
    ("| 0.3 | 0.045 | 0.3 |", c04_row("0.3", "0.045", "0.3", 0)),
    ("| \u22122.5 | 2.0 | \u22121 |", c04_row("\u22122.5", "2.0", "\u22121", 1)),
    ("| 1.0 | 0.5 | 1 |", c04_row("1.0", "0.5", "1", 2)),
    ("| 4.0 | 3.5 | 1 |", c04_row("4.0", "3.5", "1", 3)),
    ("So $\\mathcal L = 6.045/4", c04_mean),
    ("For comparison, the MSE", c04_mse),
    ("The outlier gets by far the biggest push", c04_outlier),
    ("Huber is (half) the squared error", c04_summary),
]


# ============================================================ 05 label smoothing
def q_smooth(K, c, eps):
    q = np.full(K, eps / K)
    q[c] += 1 - eps
    return q


def ls_loss(z, q):
    return -(q * np.log(softmax(z))).sum()


Z05 = np.array([1.0, 3.0, 0.5, -1.0])
Q05 = q_smooth(4, 1, 0.1)
P05 = softmax(Z05)


def c05_nonneg(L):
    return all(np.all(q_smooth(K, c, e) >= 0) for K in (2, 5) for c in range(2) for e in (0, 0.3, 0.99))


def c05_sum(L):
    return all(abs(q_smooth(K, 0, e).sum() - 1) < 1e-12 and abs((1 - e) + K * e / K - 1) < 1e-12
               for K in (2, 7) for e in (0.0, 0.2, 0.9))


def c05_logp(L):
    z = rng.normal(size=5)
    return close(np.log(softmax(z)), z - np.log(np.exp(z).sum()))


def c05_L(L):
    z = rng.normal(size=5)
    q = q_smooth(5, 2, 0.2)
    lse = np.log(np.exp(z).sum())
    return (abs(ls_loss(z, q) - (-(q @ z) + q.sum() * lse)) < 1e-12
            and abs(ls_loss(z, q) - (-(q @ z) + lse)) < 1e-12)


def c05_grad(L):
    ok = True
    for _ in trials():
        z = rng.normal(size=5)
        q = q_smooth(5, 3, 0.25)
        g = fd(lambda v: ls_loss(v, q), z)
        ok &= close(g, -q + np.exp(z) / np.exp(z).sum()) and close(g, softmax(z) - q)
    return ok


def c05_sumgrad(L):
    z = rng.normal(size=5)
    g = fd(lambda v: ls_loss(v, q_smooth(5, 0, 0.3)), z)
    return abs(g.sum()) < 1e-8


def c05_hint(L):
    z = rng.normal(size=4)
    y = np.eye(4)[1]
    g = fd(lambda v: ls_loss(v, q_smooth(4, 1, 0.2)), z)
    return not close(g, softmax(z) - y)  # p - y is indeed not the gradient with smoothing


def c05_decomp(L):
    z = rng.normal(size=6)
    c, e = 2, 0.15
    p = softmax(z)
    return abs(ls_loss(z, q_smooth(6, c, e)) - ((1 - e) * -np.log(p[c]) + e * np.mean(-np.log(p)))) < 1e-12


def c05_uniform(L):
    z = rng.normal(size=6)
    p = softmax(z)
    return abs(np.mean(-np.log(p)) - (-(np.full(6, 1 / 6) * np.log(p)).sum())) < 1e-12


def c05_q(L):
    return vec_ex(L, ["0{,}025", "0{,}925", "0{,}025", "0{,}025"], Q05)


def c05_p(L):
    return vec_ap(L, ["0{,}110", "0{,}809", "0{,}066", "0{,}015"], P05)


def c05_g(L):
    g = fd(lambda v: ls_loss(v, Q05), Z05)
    return vec_ap(L, ["0{,}085", "-0{,}116", "0{,}041", "-0{,}010"], g)


def c05_terms(L):
    return ap(L, "0{,}212", -np.log(P05[1])) and ap(L, "2{,}337", np.mean(-np.log(P05)))


def c05_total(L):
    return ap(L, "0{,}424", ls_loss(Z05, Q05)) and ex(L, "0{,}9", 1 - 0.1) and ex(L, "0{,}1", 0.1)


def c05_min(L):
    ok = True
    H = -(Q05 * np.log(Q05)).sum()
    for _ in trials(20):
        z = rng.normal(scale=3, size=4)
        p = softmax(z)
        ok &= abs(ls_loss(z, Q05) - (H + (Q05 * np.log(Q05 / p)).sum())) < 1e-12
        ok &= ls_loss(z, Q05) >= H - 1e-12
    ok &= abs(ls_loss(np.log(Q05), Q05) - H) < 1e-12
    return ok and ap(L, "0{,}349", H)


def c05_gap(L):
    zs = np.log(Q05) + 0.7  # any minimiser: z = log q + const
    return (abs((zs[1] - zs[0]) - np.log(Q05[1] / Q05[0])) < 1e-12 and abs(Q05[1] / Q05[0] - 37) < 1e-9
            and ap(L, "3{,}61", np.log(37)))


def c05_eps0(L):
    # with eps = 0 the loss -log p_c has infimum 0 that is not attained at finite logits
    vals = [ls_loss(np.array([0.0, t, 0, 0]), np.eye(4)[1]) for t in (5, 10, 20)]
    return all(v > 0 for v in vals) and vals[0] > vals[1] > vals[2]


F05 = [
    D("**Gegeben:**"),
    D("$$q_k = (1-\\varepsilon)"),
    D("Verlust: $L = "),
    ("**a)** (2 P.)", c05_nonneg),
    ("$\\sum_k q_k = (1-\\varepsilon) + K", c05_sum),
    ("**b)** (4 P.) Mit $\\log p_k", c05_logp),
    ("$$L = -\\sum_k q_k z_k + \\Big(", c05_L),
    ("$$\\frac{\\partial L}{\\partial z_k} = -q_k", c05_grad),
    ("Insbesondere ist", c05_sumgrad),
    ("*Bewertungshinweis:*", c05_hint),
    D("**c)** (2 P.)"),
    ("$$L = (1-\\varepsilon)\\,\\big(-\\log p_c\\big)", c05_decomp),
    ("Der zweite Term ist die Kreuzentropie", c05_uniform),
    D("**d)** (4 P.) Zahlenbeispiel"),
    ("- $q = (0{,}025", c05_q),
    ("- $p \\approx", c05_p),
    ("- $\\nabla_z L = p - q", c05_g),
    ("- $-\\log p_2", c05_terms),
    ("- damit $L", c05_total),
    ("**Bemerkung**", c05_min),
    ("$$z_c - z_k = \\log", c05_gap),
    ("also endlich", c05_eps0),
]


# ============================================================ 06 Nesterov
ETA, MU = 0.1, 0.9


def nesterov(n):
    th, v = 1.0, 0.0
    out = [(th, v, None, None)]
    for _ in range(n):
        look = th + MU * v
        g = 2 * look
        v = MU * v - ETA * g
        th = th + v
        out.append((th, v, look, g))
    return out


def heavy(n):
    th, v = 1.0, 0.0
    out = [(th, v)]
    for _ in range(n):
        v = MU * v - ETA * 2 * th
        th = th + v
        out.append((th, v))
    return out


NS = nesterov(3)
HB = heavy(3)
MN = np.array([[0.8, 0.72], [-0.2, 0.72]])
MHB = np.array([[0.8, 0.9], [-0.2, 0.9]])


def c06_grad(L):
    t = rng.normal(size=3)
    return close(fd(lambda v: (v ** 2).sum(), t), 2 * t)


def c06_rec(L):
    ok = True
    for _ in trials():
        th, v = rng.normal(size=2)
        new = MU * v - ETA * 2 * (th + MU * v)
        ok &= abs(new - (MU * v - 2 * ETA * (th + MU * v))) < 1e-12
        ok &= abs(new - (MU * (1 - 2 * ETA) * v - 2 * ETA * th)) < 1e-12
        ok &= abs(new - (0.72 * v - 0.2 * th)) < 1e-12
    need(L, "= 0{,}72\\,v_t - 0{,}2\\,\\theta_t")
    return ok


def c06_theta(L):
    th, v = rng.normal(size=2)
    vn = 0.72 * v - 0.2 * th
    need(L, "= 0{,}8\\,\\theta_t + 0{,}72\\,v_t")
    return abs(th + vn - (0.8 * th + 0.72 * v)) < 1e-12


def c06_matrix(L):
    ok = True
    for _ in trials():
        th, v = rng.normal(size=2)
        vn = MU * v - ETA * 2 * (th + MU * v)
        ok &= close(MN @ [th, v], [th + vn, vn], 1e-12)
    need(L, "0{,}8 & 0{,}72\\\\ -0{,}2 & 0{,}72")
    return ok


def c06_eig(L):
    ev = np.linalg.eigvals(MN)
    return (ex(L, "1{,}52", np.trace(MN)) and ex(L, "0{,}72", np.linalg.det(MN))
            and abs(0.8 * 0.72 - 0.576) < 1e-12 and abs(0.72 * 0.2 - 0.144) < 1e-12
            and 1.52 ** 2 < 4 * 0.72 and np.all(np.abs(ev.imag) > 1e-9)
            and ap(L, "0{,}849", np.abs(ev[0])) and np.all(np.abs(ev) < 1)
            and close(np.abs(ev), [np.sqrt(0.72)] * 2))


def c06_it1(L):
    th1, v1, look, g = NS[1]
    return ex(L, "1", look) and ex(L, "2", g)


def c06_v1(L):
    th1, v1, _, _ = NS[1]
    return ex(L, "-0{,}2", v1) and ex(L, "0{,}8", th1) and abs(1 - 0.2 - 0.8) < 1e-12


def c06_it2(L):
    _, _, look, g = NS[2]
    return ex(L, "0{,}18", MU * 0.2) and ex(L, "0{,}62", look) and ex(L, "1{,}24", g)


def c06_v2(L):
    _, v2, _, _ = NS[2]
    return (ex(L, "-0{,}18", MU * -0.2) and ex(L, "0{,}124", ETA * 1.24)
            and ex(L, "-0{,}314", v2) and ex(L, "-0{,}314", -0.18 - 0.124))


def c06_th2(L):
    th2 = NS[2][0]
    return ex(L, "0{,}486", th2)


def c06_it3(L):
    _, _, look, g = NS[3]
    return ex(L, "0{,}2034", look) and ex(L, "0{,}4068", g)


def c06_v3(L):
    return ex(L, "-0{,}32328", NS[3][1])


def c06_th3(L):
    return ex(L, "0{,}16272", NS[3][0]) and ap(L, "0{,}163", NS[3][0])


def c06_hb(L):
    return (ex(L, "-0{,}2", HB[1][1]) and ex(L, "0{,}8", HB[1][0]) and abs(NS[1][0] - HB[1][0]) < 1e-12
            and ex(L, "0{,}16", ETA * 2 * HB[1][0]) and ex(L, "-0{,}34", HB[2][1])
            and ex(L, "0{,}46", HB[2][0]))


def c06_mhb(L):
    ok = True
    for _ in trials():
        th, v = rng.normal(size=2)
        vn = MU * v - ETA * 2 * th
        ok &= close(MHB @ [th, v], [th + vn, vn], 1e-12)
    ev = np.linalg.eigvals(MHB)
    return (ok and ex(L, "0{,}9", np.linalg.det(MHB)) and np.all(np.abs(ev.imag) > 1e-9)
            and ap(L, "0{,}949", np.abs(ev[0])))


def c06_concl(L):
    return (HB[2][0] < NS[2][0] and HB[1][0] <= NS[1][0]
            and ap(L, "0{,}849", np.sqrt(0.72)) and ap(L, "0{,}949", np.sqrt(0.9)))


F06 = [
    D("**Rappel de l'énoncé.**"),
    D("$$v_{t+1} = \\mu\\, v_t - \\eta\\, \\nabla f"),
    ("Ici $\\nabla f(\\theta) = 2\\theta$", c06_grad),
    ("$$v_{t+1} = \\mu v_t - 2\\eta", c06_rec),
    ("et $\\theta_{t+1} = \\theta_t + v_{t+1} = 0{,}8", c06_theta),
    ("$$\\begin{pmatrix}\\theta_{t+1}", c06_matrix),
    ("On a $\\operatorname{tr} M", c06_eig),
    ("*Itération 1.*", c06_it1),
    ("$v_1 = 0 - 0{,}1", c06_v1),
    ("*Itération 2.*", c06_it2),
    ("$v_2 = 0{,}9", c06_v2),
    ("$\\theta_2 = 0{,}8 - 0{,}314", c06_th2),
    ("*Itération 3.*", c06_it3),
    ("$v_3 = -0{,}2826", c06_v3),
    ("$\\theta_3 = 0{,}486", c06_th3),
    ("Avec le moment « boule pesante »", c06_hb),
    ("La matrice d'itération devient", c06_mhb),
    ("**Conclusion.**", c06_concl),
    D("*Remarque pour la correction :*"),
]


# ============================================================ 07 linear layer
def lin_loss(X, W, b, G):
    return (G * (X @ W + b[None, :])).sum()


def rand_lin(N=3, d=4, m=2):
    return rng.normal(size=(N, d)), rng.normal(size=(d, m)), rng.normal(size=m), rng.normal(size=(N, m))


def c07_shapes(L):
    X, W, b, _ = rand_lin()
    Y = X @ W + np.ones((3, 1)) @ b[None, :]
    return Y.shape == (3, 2) and close(Y, X @ W + b)


def c07_elem(L):
    X, W, b, _ = rand_lin()
    Y = X @ W + b
    return all(abs(Y[n, j] - (sum(X[n, i] * W[i, j] for i in range(4)) + b[j])) < 1e-12
               for n in range(3) for j in range(2))


def c07_G(L):
    X, W, b, G = rand_lin()
    # G is the gradient of L = sum(G*Y) w.r.t. Y and has Y's shape; mean loss carries 1/N
    Y = X @ W + b
    gY = fd(lambda YY: (G * YY).sum(), Y)
    T = rng.normal(size=Y.shape)
    gmean = fd(lambda YY: ((YY - T) ** 2).sum(1).mean(), Y)
    return close(gY, G) and G.shape == Y.shape and close(gmean, 2 * (Y - T) / 3)


def c07_dW(L):
    X, W, b, G = rand_lin()
    num = fd(lambda WW: lin_loss(X, WW, b, G), W)
    idx = np.array([[sum(X[n, i] * G[n, j] for n in range(3)) for j in range(2)] for i in range(4)])
    dY_dW = np.zeros((3, 2, 4, 2))  # d Y_nk / d W_ij
    for n in range(3):
        for k in range(2):
            dY_dW[n, k] = fd(lambda WW: (X @ WW + b)[n, k], W)
    chain = np.einsum("nk,nkij->ij", G, dY_dW)
    return close(num, idx) and close(num, chain)


def c07_dYdW(L):
    X, W, b, _ = rand_lin()
    ok = True
    for n in range(3):
        for k in range(2):
            g = fd(lambda WW: (X @ WW + b)[n, k], W)
            want = np.zeros((4, 2))
            want[:, k] = X[n, :]
            ok &= close(g, want)
    return ok


def c07_dWm(L):
    X, W, b, G = rand_lin()
    num = fd(lambda WW: lin_loss(X, WW, b, G), W)
    return close(num, X.T @ G) and (X.T @ G).shape == (4, 2) == W.shape


def c07_db(L):
    X, W, b, G = rand_lin()
    num = fd(lambda bb: lin_loss(X, W, bb, G), b)
    return close(num, G.sum(0)) and close(num, G.T @ np.ones(3))


def c07_dYdX(L):
    X, W, b, _ = rand_lin()
    ok = True
    for n in range(3):
        for j in range(2):
            g = fd(lambda XX: (XX @ W + b)[n, j], X)
            ok &= close(g[n, :], W[:, j])
    return ok


def c07_dX_idx(L):
    ok = True
    for _ in trials():
        X, W, b, G = rand_lin(3, 3, 3)  # square so that W_{ji} is defined
        num = fd(lambda XX: lin_loss(XX, W, b, G), X)
        claim = np.array([[sum(G[n, j] * W[j, i] for j in range(3)) for i in range(3)] for n in range(3)])
        ok &= close(num, claim)
    return ok


def c07_dX_mat(L):
    X, W, b, G = rand_lin(3, 3, 3)
    return close(fd(lambda XX: lin_loss(XX, W, b, G), X), G @ W)


X07 = np.array([[1.0, 2], [0, -1]])
W07 = np.array([[0.5, -1], [2, 0]])
G07 = np.array([[1.0, 0], [-1, 2]])
B07 = np.zeros(2)


def c07_ex_dW(L):
    num = fd(lambda WW: lin_loss(X07, WW, B07, G07), W07)
    return close(num, [[1, 0], [3, -2]]) and close(X07.T, [[1, 0], [2, -1]], 1e-12) and "3 & -2" in L


def c07_ex_db(L):
    num = fd(lambda bb: lin_loss(X07, W07, bb, G07), B07)
    return close(num, [0, 2]) and "(0,\\ 2)" in L


def c07_ex_dX(L):
    num = fd(lambda XX: lin_loss(XX, W07, B07, G07), X07)
    return close(num, [[0.5, -1], [3.5, 1]])  # values shown on the line


def c07_code_dW(L):
    X, W, b, G = rand_lin()
    ns = dict(X=X, G=G)
    exec(L.split("#")[0].strip(), ns)
    return close(ns["dW"], fd(lambda WW: lin_loss(X, WW, b, G), W)) and ns["dW"].shape == (4, 2)


def c07_code_db(L):
    X, W, b, G = rand_lin()
    ns = dict(G=G)
    exec(L.split("#")[0].strip(), ns)
    return close(ns["db"], fd(lambda bb: lin_loss(X, W, bb, G), b)) and ns["db"].shape == (2,)


def c07_code_dX(L):
    X, W, b, G = rand_lin(3, 4, 2)
    ns = dict(G=G, W=W)
    try:
        exec(L.split("#")[0].strip(), ns)
    except ValueError:
        return False  # shapes do not even match
    return close(ns["dX"], fd(lambda XX: lin_loss(XX, W, b, G), X))


F07 = [
    D("Capa lineal sobre un minibatch"),
    ("$$Y = XW + \\mathbf 1 b^\\top", c07_shapes),
    ("Elemento a elemento", c07_elem),
    ("Llamamos $G = \\partial L/\\partial Y$", c07_G),
    ("\\frac{\\partial L}{\\partial W_{ij}} = \\sum_{n=1}^N\\sum_{k=1}^m", c07_dW),
    ("porque $\\partial Y_{nk}", c07_dYdW),
    ("$$\\nabla_W L = X^\\top G", c07_dWm),
    ("$\\partial L/\\partial b_j = \\sum_n G_{nj}$", c07_db),
    ("Como $\\partial Y_{nj}/\\partial X_{ni} = W_{ij}$", c07_dYdX),
    ("G_{nj}\\,W_{ji}", c07_dX_idx),
    ("y en forma matricial $\\nabla_X L = G\\,W$", c07_dX_mat),
    D("## Ejemplo numérico"),
    D("$$X = \\begin{pmatrix}1 & 2"),
    ("- $\\nabla_W L = X^\\top G", c07_ex_dW),
    ("- $\\nabla_b L = (1 - 1", c07_ex_db),
    ("- $\\nabla_X L = G\\,W", c07_ex_dX),
    ("dW = X.T @ G", c07_code_dW),
    ("db = G.sum(axis=0)", c07_code_db),
    ("dX = G @ W", c07_code_dX),
]


# ============================================================ 08 BPTT
def rnn_loss(w, u, x1, x2, y, add=(0.0, 0.0)):
    a1 = u * x1 + add[0]
    h1 = np.tanh(a1)
    a2 = w * h1 + u * x2 + add[1]
    h2 = np.tanh(a2)
    return 0.5 * (h2 - y) ** 2, h1, a2, h2


W8, U8, X1, X2, Y8 = 0.5, 1.0, 1.0, 0.5, 0.0
_, H1, A2, H2 = rnn_loss(W8, U8, X1, X2, Y8)
D2 = (H2 - Y8) * (1 - H2 ** 2)
D1 = D2 * W8 * (1 - H1 ** 2)
DW = fd(lambda v: rnn_loss(v[0], U8, X1, X2, Y8)[0], np.array([W8]))[0]
DU = fd(lambda v: rnn_loss(W8, v[0], X1, X2, Y8)[0], np.array([U8]))[0]


def c08_unroll(L):
    ok = True
    for _ in trials():
        w, u, x1, x2, y = rng.normal(size=5)
        ok &= abs(rnn_loss(w, u, x1, x2, y)[0] - 0.5 * (np.tanh(w * np.tanh(u * x1) + u * x2) - y) ** 2) < 1e-12
    return ok


def c08_tanh(L):
    a = rng.normal(size=5)
    return close(fd(lambda v: np.tanh(v).sum(), a), 1 - np.tanh(a) ** 2)


def c08_deltas(L):
    ok = True
    for _ in trials():
        w, u, x1, x2, y = rng.normal(size=5)
        _, h1, _, h2 = rnn_loss(w, u, x1, x2, y)
        g = fd(lambda e: rnn_loss(w, u, x1, x2, y, (e[0], e[1]))[0], np.zeros(2))
        d2 = (h2 - y) * (1 - h2 ** 2)
        ok &= close(g, [d2 * w * (1 - h1 ** 2), d2])
    return ok


def c08_params(L):
    ok = True
    for _ in trials():
        w, u, x1, x2, y = rng.normal(size=5)
        _, h1, _, h2 = rnn_loss(w, u, x1, x2, y)
        d2 = (h2 - y) * (1 - h2 ** 2)
        d1 = d2 * w * (1 - h1 ** 2)
        gw = fd(lambda v: rnn_loss(v[0], u, x1, x2, y)[0], np.array([w]))[0]
        gu = fd(lambda v: rnn_loss(w, v[0], x1, x2, y)[0], np.array([u]))[0]
        ok &= abs(gw - (d2 * h1 + d1 * 0.0)) < 1e-6 and abs(gu - (d2 * x2 + d1 * x1)) < 1e-6
    return ok


def c08_h0(L):
    return D1 * 0.0 == 0.0


def c08_h1(L):
    return ap(L, "0{,}7616", H1)


def c08_a2(L):
    return ap(L, "0{,}8808", A2) and ap(L, "0{,}7068", H2) and ap(L, "0{,}8808", 0.5 * 0.7616 + 0.5)


def c08_L(L):
    return ap(L, "0{,}2498", rnn_loss(W8, U8, X1, X2, Y8)[0])


def c08_d2(L):
    return ap(L, "0{,}5004", 1 - H2 ** 2) and ap(L, "0{,}3537", D2) and ap(L, "0{,}3537", 0.7068 * 0.5004)


def c08_d1(L):
    return ap(L, "0{,}4200", 1 - H1 ** 2) and ap(L, "0{,}0743", D1) and ap(L, "0{,}0743", 0.3537 * 0.5 * 0.42)


def c08_dw(L):
    return ap(L, "0{,}2694", DW) and ap(L, "0{,}2694", 0.3537 * 0.7616)


def c08_du(L):
    return ap(L, "0{,}2511", DU) and ap(L, "0{,}2511", 0.3537 * 0.5 + 0.0743)


def c08_fdcheck(L):
    h = 1e-4
    v = (rnn_loss(W8 + h, U8, X1, X2, Y8)[0] - rnn_loss(W8 - h, U8, X1, X2, Y8)[0]) / (2 * h)
    return ap(L, "0{,}2694", v)


def c08_obs(L):
    share = (D1 * X1) / DU
    return abs(share - 0.30) < 0.01 and ap(L, "0{,}0743", D1 * X1) and ap(L, "0{,}21", W8 * (1 - H1 ** 2))


def rnn_T(w, u, xs, add=None):
    h = 0.0
    hs = []
    for t, x in enumerate(xs):
        a = w * h + u * x + (0.0 if add is None else add[t])
        h = np.tanh(a)
        hs.append(h)
    return 0.5 * h ** 2, hs


def c08_prod(L):
    ok = True
    for T in (3, 5):
        w, u = rng.normal(size=2)
        xs = rng.normal(size=T)
        _, hs = rnn_T(w, u, xs)
        g = fd(lambda e: rnn_T(w, u, xs, e)[0], np.zeros(T))
        ok &= abs(g[0] - g[-1] * np.prod([w * (1 - hs[t] ** 2) for t in range(T - 1)])) < 1e-6
    return ok


def c08_vanish(L):
    ok = True
    for _ in trials(20):
        w = rng.uniform(-0.99, 0.99)
        hs = np.tanh(rng.normal(size=9))
        ok &= abs(np.prod(w * (1 - hs ** 2))) <= abs(w) ** 9 + 1e-15
    return ok


F08 = [
    D("$$h_t = \\tanh(a_t)"),
    D("con stato iniziale $h_0 = 0$"),
    ("$$L(w, u) = \\tfrac12", c08_unroll),
    ("Poniamo $\\delta_t", c08_tanh),
    ("$$\\delta_2 = (h_2 - y)", c08_deltas),
    ("$$\\frac{\\partial L}{\\partial w} = \\sum_{t=1}^{2}", c08_params),
    ("Essendo $h_0 = 0$", c08_h0),
    D("Prendiamo $w = 0{,}5$"),
    ("- $h_1 = \\tanh(1)", c08_h1),
    ("- $a_2 = 0{,}5", c08_a2),
    ("- $L = \\tfrac12\\, h_2^2", c08_L),
    ("- $1 - h_2^2", c08_d2),
    ("- $1 - h_1^2", c08_d1),
    ("- $\\partial L/\\partial w \\approx", c08_dw),
    ("- $\\partial L/\\partial u \\approx", c08_du),
    ("*Verifica.*", c08_fdcheck),
    ("Il contributo del primo passo", c08_obs),
    ("$$\\delta_1 = \\delta_T \\prod", c08_prod),
    ("fattori di questo tipo", c08_vanish),
]


# ============================================================ 09 softplus / mish
def mish(x):
    return x * np.tanh(softplus(x))


def dmish(x):
    t = np.tanh(softplus(x))
    return t + x * sig(x) * (1 - t ** 2)


XS09 = np.linspace(-4, 4, 17) + 0.013


def c09_sp1(L):
    return all(abs(fd(lambda v: softplus(v).sum(), np.array([x]))[0] - sig(x)) < 1e-7 for x in XS09)


def c09_sp1b(L):
    return close(np.exp(XS09) / (1 + np.exp(XS09)), 1 / (1 + np.exp(-XS09)), 1e-12) and close(
        1 / (1 + np.exp(-XS09)), sig(XS09), 1e-12)


def c09_sp2(L):
    h = 1e-4
    sd = (softplus(XS09 + h) - 2 * softplus(XS09) + softplus(XS09 - h)) / h ** 2
    sp = fd(lambda v: sig(v).sum(), XS09)
    return close(sd, sig(XS09) * (1 - sig(XS09)), 1e-5) and close(sp, sig(XS09) * (1 - sig(XS09))) and np.all(
        sig(XS09) * (1 - sig(XS09)) > 0)


def c09_odd(L):
    return close(softplus(XS09) - softplus(-XS09), XS09, 1e-12)


def c09_odd_steps(L):
    x = XS09
    a = np.log((1 + np.exp(x)) / (1 + np.exp(-x)))
    b = np.log(np.exp(x) * (np.exp(-x) + 1) / (1 + np.exp(-x)))
    return close(a, softplus(x) - softplus(-x), 1e-12) and close(a, b, 1e-12) and close(b, x, 1e-12)


def c09_vals(L):
    h = 1e-4
    sd1 = (softplus(1 + h) - 2 * softplus(1.0) + softplus(1 - h)) / h ** 2
    return (abs(softplus(0.0) - np.log(2)) < 1e-15 and ap(L, "0{,}6931", np.log(2))
            and ap(L, "2{,}1269", softplus(2.0)) and ap(L, "0{,}7311", sig(1.0))
            and ap(L, "0{,}1966", sd1))


def c09_tanh(L):
    x = XS09
    return close(fd(lambda v: np.tanh(v).sum(), x), 1 - np.tanh(x) ** 2) and close(
        1 - np.tanh(x) ** 2, 1 / np.cosh(x) ** 2, 1e-12)


def c09_dmish(L):
    num = np.array([fd(lambda v: mish(v).sum(), np.array([x]))[0] for x in XS09])
    sech2 = 1 / np.cosh(softplus(XS09)) ** 2
    return close(num, np.tanh(softplus(XS09)) + XS09 * sig(XS09) * sech2)


def c09_tsp(L):
    x = XS09
    return close(np.tanh(softplus(x)), (np.exp(2 * x) + 2 * np.exp(x)) / (np.exp(2 * x) + 2 * np.exp(x) + 2), 1e-12)


def c09_tsp_steps(L):
    u = 1 + np.exp(XS09)
    return (close(np.tanh(np.log(u)), (u - 1 / u) / (u + 1 / u), 1e-12)
            and close((u - 1 / u) / (u + 1 / u), (u ** 2 - 1) / (u ** 2 + 1), 1e-12)
            and close(u ** 2, np.exp(2 * XS09) + 2 * np.exp(XS09) + 1, 1e-9))


def c09_d0(L):
    num = fd(lambda v: mish(v).sum(), np.array([0.0]))[0]
    return (abs(num - 0.6) < 1e-8 and abs(np.tanh(np.log(2)) - 0.6) < 1e-12
            and abs((2 - 0.5) / (2 + 0.5) - 0.6) < 1e-12 and ex(L, "0{,}6", np.tanh(np.log(2))))


def c09_m1(L):
    num = fd(lambda v: mish(v).sum(), np.array([1.0]))[0]
    return (abs(mish(1.0) - np.tanh(softplus(1.0))) < 1e-15 and ap(L, "1{,}3133", softplus(1.0))
            and ap(L, "0{,}8651", mish(1.0)) and ap(L, "1{,}0490", num))


def c09_gt1(L):
    return fd(lambda v: mish(v).sum(), np.array([1.0]))[0] > 1 and np.all(
        fd(lambda v: np.maximum(v, 0).sum(), np.array([1.0, 2.0, -1.0])) <= 1 + 1e-6)


def c09_nonmono(L):
    xs = np.linspace(-6, 0, 600001)
    i = np.argmin(mish(xs))
    return (ap(L, "-0{,}3034", mish(-1.0)) and ap(L, "0{,}0592", fd(lambda v: mish(v).sum(), np.array([-1.0]))[0])
            and mish(-40.0) < 0 and abs(mish(-40.0)) < 1e-10 and ap(L, "-1{,}19", xs[i])
            and ap(L, "-0{,}309", mish(xs[i])) and mish(-3.0) > mish(xs[i]))


def c09_monitor(L):
    x = np.array([0.7, -1.2])
    return not close(fd(lambda v: softplus(v).sum(), x), softplus(x)) and not close(
        np.tanh(softplus(x)) + x * (1 - np.tanh(softplus(x)) ** 2), dmish(x))


F09 = [
    D("**Questão 1.** Seja"),
    ("**(a)** Mostre que $\\zeta'(x) = \\sigma(x)$", c09_sp1),
    ("$\\zeta'(x) = \\dfrac{e^x}{1+e^x}", c09_sp1b),
    D("**(b)** Calcule $\\zeta''(x)$"),
    ("$\\zeta''(x) = \\sigma'(x)", c09_sp2),
    ("**(c)** Mostre que", c09_odd),
    ("$\\zeta(x) - \\zeta(-x) = \\ln", c09_odd_steps),
    ("**(d)** Valores numéricos", c09_vals),
    D("**Questão 2.** A função *Mish*"),
    D("**(a)** Calcule $\\mathrm{mish}'(x)$."),
    ("usando $\\tanh' = 1 - \\tanh^2", c09_tanh),
    ("$$\\mathrm{mish}'(x) =", c09_dmish),
    ("**(b)** Mostre que", c09_tsp),
    ("com $u = 1 + e^x$", c09_tsp_steps),
    D("**(c)** Calcule"),
    ("$\\mathrm{mish}'(0) = \\tanh(\\ln 2)", c09_d0),
    ("Além disso", c09_m1),
    ("Note que $\\mathrm{mish}'(1) > 1$", c09_gt1),
    D("**(d)** A Mish é monótona?"),
    ("*Resolução:* Não.", c09_nonmono),
    ("*Observação do monitor:*", c09_monitor),
]


# ============================================================ 10 log-sum-exp
def lse(x, tau=1.0):
    x = np.asarray(x, float)
    m = np.max(x)
    return m + tau * np.log(np.exp((x - m) / tau).sum())


def hess(f, x, h=1e-4):
    return jac(lambda v: fd(f, v, h), x, h)


X10 = np.array([1.0, 2.0, 3.0])
P10 = softmax(X10)


def c10_grad(L):
    ok = True
    for _ in trials():
        x = rng.normal(size=4)
        ok &= close(fd(lse, x), np.exp(x) / np.exp(x).sum())
    return ok


def c10_softmax(L):
    x = rng.normal(size=5)
    p = fd(lse, x)
    return close(p, softmax(x)) and np.all(softmax(x) > 0) and abs(softmax(x).sum() - 1) < 1e-12


def c10_dp(L):
    x = rng.normal(size=4)
    p = softmax(x)
    return close(jac(softmax, x), p[:, None] * (np.eye(4) - p[None, :]))


def c10_hess(L):
    ok = True
    for _ in trials(3):
        x = rng.normal(size=4)
        p = softmax(x)
        ok &= close(hess(lse, x), np.diag(p) - np.outer(p, p), 1e-4)
    return ok


def c10_quad(L):
    ok = True
    for _ in trials():
        x, v = rng.normal(size=4), rng.normal(size=4)
        p = softmax(x)
        H = np.diag(p) - np.outer(p, p)
        q = v @ H @ v
        ok &= abs(q - ((p * v ** 2).sum() - (p @ v) ** 2)) < 1e-12 and q >= -1e-12
    return ok


def c10_var(L):
    x = rng.normal(size=4)
    p = softmax(x)
    v = rng.normal(size=4)
    mean = p @ v
    H = np.diag(p) - np.outer(p, p)
    c = rng.normal()
    return (abs((p * (v - mean) ** 2).sum() - v @ H @ v) < 1e-12 and close(H @ np.ones(4), np.zeros(4), 1e-12)
            and abs(lse(x + c) - (lse(x) + c)) < 1e-12)


def c10_bounds(L):
    ok = True
    for _ in trials(20):
        n = rng.integers(1, 7)
        x = rng.normal(scale=3, size=n)
        ok &= x.max() <= lse(x) + 1e-12 and lse(x) <= x.max() + np.log(n) + 1e-12
    return ok


def c10_stable(L):
    x = rng.normal(scale=50, size=6)
    m = x.max()
    naive = np.log(np.sum(np.exp(x)))  # no overflow at this scale, so the naive value is exact enough
    return np.all(x - m <= 0) and abs(float(naive) - (m + np.log(np.exp(x - m).sum()))) < 1e-9


def c10_ex_lse(L):
    return abs(lse(X10) - (3 + np.log(1 + np.exp(-1) + np.exp(-2)))) < 1e-12 and ap(L, "3{,}4076", lse(X10))


def c10_ex_p(L):
    H = hess(lse, X10)
    return (vec_ap(L, ["0{,}0900", "0{,}2447", "0{,}6652"], P10) and ap(L, "0{,}0819", H[0, 0])
            and ap(L, "-0{,}0220", H[0, 1]) and abs(P10[0] * (1 - P10[0]) - H[0, 0]) < 1e-6
            and abs(-P10[0] * P10[1] - H[0, 1]) < 1e-6)


def c10_tau(L):
    ok = True
    for _ in trials(20):
        tau = rng.uniform(0.05, 3)
        n = rng.integers(1, 6)
        x = rng.normal(size=n)
        ok &= x.max() <= lse(x, tau) + 1e-12 and lse(x, tau) <= x.max() + tau * np.log(n) + 1e-12
    x = rng.normal(size=4)
    ok &= abs(lse(x, 1e-3) - x.max()) < 1e-2
    tau = 0.7
    ok &= close(fd(lambda v: lse(v, tau), x), softmax(x / tau))
    return ok


def c10_tau_hess(L):
    ok = True
    for tau in (0.5, 2.0):
        x = rng.normal(size=4)
        p = softmax(x / tau)
        ok &= close(hess(lambda v: lse(v, tau), x), np.diag(p) - np.outer(p, p), 1e-4)
    return ok


def c10_tau_ex(L):
    tau = 0.5
    p = softmax(X10 / tau)
    H = hess(lambda v: lse(v, tau), X10)
    return (ap(L, "3{,}0715", lse(X10, tau)) and vec_ap(L, ["0{,}0159", "0{,}1173", "0{,}8668"], p)
            and ap(L, "0{,}0156", H[0, 0]))


def c10_exercise(L):
    x = rng.normal(size=3)
    H = hess(lse, x)
    w, V = np.linalg.eigh(H)
    return abs(w[0]) < 1e-5 and abs(abs(V[:, 0] @ np.ones(3)) / np.sqrt(3) - 1) < 1e-4


F10 = [
    D("**Определение.**"),
    D("$$\\operatorname{LSE}(x) = \\ln \\sum_{i=1}^{n} e^{x_i}.$$"),
    ("$$\\frac{\\partial \\operatorname{LSE}}{\\partial x_i}", c10_grad),
    ("т. е. $\\nabla \\operatorname{LSE}(x)", c10_softmax),
    ("**Утверждение 2 (гессиан).**", c10_dp),
    ("$$\\nabla^2 \\operatorname{LSE}(x) = \\operatorname{diag}(p)", c10_hess),
    D("**Следствие (выпуклость).**"),
    ("$$v^{\\mathsf T}\\,\\nabla^2", c10_quad),
    ("так как правая часть есть дисперсия", c10_var),
    ("$$\\max_i x_i \\leqslant \\operatorname{LSE}(x)", c10_bounds),
    ("Именно поэтому на практике", c10_stable),
    D("**Пример.** Пусть $x = (1, 2, 3)$."),
    ("$$\\operatorname{LSE}(x) = 3 + \\ln", c10_ex_lse),
    ("$p \\approx (0{,}0900", c10_ex_p),
    D("**Утверждение 4 (температура).**"),
    D("$$\\operatorname{LSE}_\\tau(x) = \\tau \\ln"),
    ("Из утверждения 3 сразу следует", c10_tau),
    ("$$\\nabla^2\\operatorname{LSE}_\\tau(x) =", c10_tau_hess),
    ("Для $x = (1, 2, 3)$ и $\\tau = 0{,}5$", c10_tau_ex),
    ("**Упражнение.**", c10_exercise),
]


# ============================================================ 11 conv sizes
def positions(H, K, S, P, Dl):
    keff = Dl * (K - 1) + 1
    n, i = 0, 0
    while i * S + keff <= H + 2 * P:
        n += 1
        i += 1
    return n


def out_formula(H, K, S, P, Dl=1):
    return (H + 2 * P - Dl * (K - 1) - 1) // S + 1


def conv_count(H, Cin, Cout, K, S, P):
    """naive direct conv on random data: returns (output shape, #multiplications, #params)."""
    x = np.pad(rng.normal(size=(Cin, H, H)), ((0, 0), (P, P), (P, P)))
    w = rng.normal(size=(Cout, Cin, K, K))
    b = rng.normal(size=Cout)
    Ho = 0
    while Ho * S + K <= H + 2 * P:
        Ho += 1
    out = np.zeros((Cout, Ho, Ho))
    mults = 0
    for co in range(Cout):
        for i in range(Ho):
            for j in range(Ho):
                patch = x[:, i * S:i * S + K, j * S:j * S + K]
                out[co, i, j] = (patch * w[co]).sum() + b[co]
                mults += patch.size
    return out.shape, mults, w.size + b.size


def c11_formula(L):
    ok = True
    for H in range(1, 30):
        for K in (1, 2, 3, 5):
            for S in (1, 2, 3):
                for P in (0, 1, 2):
                    for Dl in (1, 2, 3):
                        if Dl * (K - 1) + 1 > H + 2 * P:
                            continue
                        ok &= positions(H, K, S, P, Dl) == out_formula(H, K, S, P, Dl)
    return ok


def c11_d1(L):
    return all(out_formula(H, K, S, P, 1) == (H + 2 * P - K) // S + 1
               for H in range(3, 30) for K in (1, 3) for S in (1, 2) for P in (0, 1))


def c11_keff(L):
    return 2 * (3 - 1) + 1 == 5 and c11_formula(L)


def c11_example(L):
    return (out_formula(32, 3, 1, 2, 2) == 32 and positions(32, 3, 1, 2, 2) == 32
            and (32 + 4 - 4 - 1) // 1 + 1 == 32)


def c11_params(L):
    ok = True
    for Cin, Cout, K in ((2, 3, 3), (1, 4, 2)):
        shape, mults, npar = conv_count(6, Cin, Cout, K, 1, 1)
        ok &= npar == Cout * Cin * K ** 2 + Cout
    return ok


def c11_macs(L):
    ok = True
    for H, Cin, Cout, K, S, P in ((7, 2, 3, 3, 2, 1), (6, 1, 2, 2, 1, 0)):
        shape, mults, _ = conv_count(H, Cin, Cout, K, S, P)
        ok &= mults == shape[1] * shape[2] * Cout * Cin * K ** 2
    return ok


def c11_dw(L):
    Cin, Cout, K = 3, 5, 3
    depthwise = Cin * 1 * K * K
    pointwise = Cout * Cin * 1 * 1
    return depthwise + pointwise == Cin * K ** 2 + Cin * Cout


def c11_ratio(L):
    ok = True
    for _ in trials(20):
        Cin, Cout, K = rng.integers(1, 300, size=2).tolist() + [int(rng.integers(1, 8))]
        ok &= abs((Cin * K ** 2 + Cin * Cout) / (Cout * Cin * K ** 2) - (1 / Cout + 1 / K ** 2)) < 1e-12
    return ok


def c11_conv1(L):
    return (out_formula(224, 7, 2, 3) == 112 and (224 + 6 - 7) // 2 == 111 and ex(L, "112", 112)
            and "64\\times112\\times112" in L)


def c11_conv1p(L):
    return ex(L, "9408", 64 * 3 * 7 * 7)


def c11_pool(L):
    true = out_formula(112, 3, 2, 1)
    return ("= 55" in L) and true == 55


def c11_1x1(L):
    pool = out_formula(112, 3, 2, 1)
    return out_formula(pool, 1, 1, 0) == 55 and 64 * 64 == 4096


def c11_3x3(L):
    pool = out_formula(112, 3, 2, 1)
    side = out_formula(pool, 3, 1, 1)
    macs = side * side * 64 * 64 * 9
    return (side == 55 and 64 * 64 * 9 == 36864 and macs == 111513600
            and abs(macs / 1e8 - 1.12) <= 0.005)


def c11_pooling(L):
    # max-pool windows are placed exactly like conv windows (D = 1)
    return all(positions(H, K, S, P, 1) == out_formula(H, K, S, P) for H in range(3, 40)
               for K in (2, 3) for S in (1, 2) for P in (0, 1))


def c11_fix_ratio(L):
    a, b, std = 64 * 9, 64 * 128, 128 * 64 * 9
    return (ex(L, "576", a) and ex(L, "8192", b) and ex(L, "8768", a + b) and ex(L, "73728", std)
            and ap(L, "0.119", (a + b) / std) and 0.85 < 1 - (a + b) / std < 0.9)


F11 = [
    D("先说结论"),
    ("$$H_{\\text{out}} = \\left\\lfloor", c11_formula),
    ("当 $D=1$ 时", c11_d1),
    ("空洞卷积的等效卷积核大小是", c11_keff),
    ("举个例子", c11_example),
    D("普通卷积（"),
    ("$$C_{\\text{out}}\\cdot C_{\\text{in}}\\cdot K^2 + C_{\\text{out}},$$", c11_params),
    ("最后一项是偏置", c11_macs),
    ("深度可分离卷积 = 逐通道卷积", c11_dw),
    ("$$\\frac{C_{\\text{in}}K^2 + C_{\\text{in}}C_{\\text{out}}}", c11_ratio),
    ("例：$C_{\\text{in}}=64", c11_fix_ratio),
    D("输入 $3\\times 224\\times 224$"),
    ("- conv1：$7\\times7$", c11_conv1),
    ("- conv1 参数量", c11_conv1p),
    ("- maxpool：", c11_pool),
    ("- layer1 第一个 bottleneck", c11_1x1),
    ("- 接着的 $3\\times3$ 卷积", c11_3x3),
    ("池化层没有参数", c11_pooling),
]


# ============================================================ 12 Adam
B1, B2, LR, EPS = 0.9, 0.999, 1e-3, 1e-8


def adam_run(gs):
    m = v = 0.0
    out = []
    for t, g in enumerate(gs, 1):
        m = B1 * m + (1 - B1) * g
        v = B2 * v + (1 - B2) * g * g
        mh, vh = m / (1 - B1 ** t), v / (1 - B2 ** t)
        out.append(dict(m=m, v=v, mh=mh, vh=vh, step=LR * mh / (np.sqrt(vh) + EPS),
                        raw=LR * m / (np.sqrt(v) + EPS)))
    return out


A12 = adam_run([0.5, 0.3])


def c12_unroll(L):
    gs = rng.normal(size=6)
    m = 0.0
    ok = True
    for t in range(1, 7):
        m = B1 * m + (1 - B1) * gs[t - 1]
        ok &= abs(m - (1 - B1) * sum(B1 ** (t - i) * gs[i - 1] for i in range(1, t + 1))) < 1e-12
    return ok


def c12_const(L):
    g = 0.37
    ok = True
    out = adam_run([g] * 8)
    for t, o in enumerate(out, 1):
        ok &= abs(o["m"] - (1 - B1 ** t) * g) < 1e-12 and abs(o["mh"] - g) < 1e-12
        ok &= abs(o["vh"] - g * g) < 1e-12
    return ok


def c12_t1a(L):
    o = A12[0]
    return (ex(L, "0.05", o["m"]) and ex(L, "0.00025", o["v"]) and ex(L, "0.1", 1 - B1)
            and ex(L, "0.001", 1 - B2) and ex(L, "0.25", 0.5 ** 2))


def c12_t1b(L):
    o = A12[0]
    return ex(L, "0.5", o["mh"]) and ex(L, "0.25", o["vh"])


def c12_t1c(L):
    o = A12[0]
    need(L, "= 0.001 \\times 0.5 / 0.5 = 0.001")
    return ex(L, "0.001", LR * o["mh"] / np.sqrt(o["vh"])) and abs(o["step"] - 0.001) < 1e-10


def c12_sign(L):
    ok = True
    for g in (-3.0, 0.01, 250.0):
        o = adam_run([g])[0]
        ok &= abs(LR * o["mh"] / np.sqrt(o["vh"]) - LR * np.sign(g)) < 1e-15
    return ok


def c12_m2(L):
    return ex(L, "0.075", A12[1]["m"]) and ex(L, "0.075", 0.9 * 0.05 + 0.1 * 0.3)


def c12_v2(L):
    return ex(L, "0.00033975", A12[1]["v"]) and ex(L, "0.09", 0.3 ** 2)


def c12_bc(L):
    return ex(L, "0.19", 1 - B1 ** 2) and ex(L, "0.001999", 1 - B2 ** 2)


def c12_hat2(L):
    o = A12[1]
    return ap(L, "0.3947", o["mh"]) and ap(L, "0.1700", o["vh"]) and ap(L, "0.4123", np.sqrt(o["vh"]))


def c12_step2(L):
    return ap(L, "0.000957", A12[1]["step"]) and ap(L, "0.000957", 0.001 * 0.3947 / 0.4123)


def code_output(lines):
    i = next(k for k, l in enumerate(lines) if l.strip() == "```python")
    j = next(k for k in range(i + 1, len(lines)) if lines[k].strip() == "```")
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        exec("\n".join(lines[i + 1:j]), {})
    return buf.getvalue().splitlines()


def c12_out(k):
    def f(L, _lines=None):
        return code_output(FILE_LINES["12_adam_bias_correction_qiita_ja.md"])[k].strip() == L.strip()
    return f


def c12_raw(L):
    o = A12[0]
    return (ap(L, "0.00316", o["raw"]) and abs((1 - B1) / np.sqrt(1 - B2) - np.sqrt(10)) < 1e-12
            and ap(L, "3.16", o["raw"] / LR)
            # independent of |g_1| (up to the epsilon term, which the text ignores)
            and all(abs(LR * (1 - B1) * g / np.sqrt((1 - B2) * g * g) - LR * np.sqrt(10)) < 1e-15
                    for g in (0.01, 0.5, 7.0)))


def c12_summary(L):
    return all(1 - B2 ** t < 1 - B1 ** t for t in range(1, 200))


F12 = [
    D("勾配を $g_t$ として"),
    D("m_t &= \\beta_1 m_{t-1}"),
    D("v_t &= \\beta_2 v_{t-1}"),
    D("\\hat m_t &= \\frac{m_t}"),
    D("\\theta_t &= \\theta_{t-1}"),
    D("デフォルト値は"),
    D("$m_0 = 0$ から始めるので"),
    ("$$m_t = (1-\\beta_1)\\sum", c12_unroll),
    ("もし勾配がずっと一定", c12_const),
    D("勾配が $g_1 = 0.5"),
    ("- $m_1 = 0.1", c12_t1a),
    ("- $\\hat m_1 = 0.05 / 0.1", c12_t1b),
    ("- 更新量 $\\eta\\,\\hat m_1", c12_t1c),
    ("つまり1ステップ目は", c12_sign),
    ("- $m_2 = 0.9", c12_m2),
    ("- $v_2 = 0.999", c12_v2),
    ("- $1-\\beta_1^2 = 0.19$", c12_bc),
    ("- $\\hat m_2 \\approx", c12_hat2),
    ("- 更新量 $\\approx 0.001", c12_step2),
    ("1 0.5 0.25 0.0009999999800000003", c12_out(0)),
    ("2 0.3947 0.17 0.0009574901529112383", c12_out(1)),
    ("補正なしだと", c12_raw),
    ("まとめると", c12_summary),
]


# ============================================================ 13 cosine
def cosv(a, b):
    return a @ b / (np.linalg.norm(a) * np.linalg.norm(b))


def grad_a(a, b):
    na, nb = np.linalg.norm(a), np.linalg.norm(b)
    return (b / nb - cosv(a, b) * a / na) / na


A13 = np.array([1.0, 2, 2])
B13 = np.array([2.0, 0, 1])
GA13 = fd(lambda v: cosv(v, B13), A13)
GB13 = fd(lambda v: cosv(A13, v), B13)


def c13_ingr(L):
    a, b = rng.normal(size=4), rng.normal(size=4)
    return close(fd(lambda v: v @ b, a), b) and close(fd(np.linalg.norm, a), a / np.linalg.norm(a))


def c13_ga(L):
    ok = True
    for _ in trials():
        a, b = rng.normal(size=4), rng.normal(size=4)
        na, nb = np.linalg.norm(a), np.linalg.norm(b)
        c = cosv(a, b)
        num = fd(lambda v: cosv(v, b), a)
        mid = b / (na * nb) - (a @ b) / (na ** 2 * nb) * a / na
        ok &= close(num, mid) and close(num, (b / nb - c * a / na) / na)
    return ok


def c13_gb(L):
    ok = True
    for _ in trials():
        a, b = rng.normal(size=4), rng.normal(size=4)
        na, nb = np.linalg.norm(a), np.linalg.norm(b)
        ok &= close(fd(lambda v: cosv(a, v), b), (a / na - cosv(a, b) * b / nb) / nb)
        ok &= close(fd(lambda v: cosv(a, v), b), grad_a(b, a))
    return ok


def c13_orth(L):
    ok = True
    for _ in trials():
        a, b = rng.normal(size=4), rng.normal(size=4)
        na, nb = np.linalg.norm(a), np.linalg.norm(b)
        g = fd(lambda v: cosv(v, b), a)
        ok &= abs(a @ g) < 1e-8 and abs(a @ grad_a(a, b) - ((a @ b) / nb - cosv(a, b) * na) / na) < 1e-12
        ok &= abs(cosv(3.7 * a, b) - cosv(a, b)) < 1e-12
    return ok


def c13_norm(L):
    ok = True
    for _ in trials():
        a, b = rng.normal(size=4), rng.normal(size=4)
        g = fd(lambda v: cosv(v, b), a)
        ok &= abs(np.linalg.norm(g) - np.sqrt(1 - cosv(a, b) ** 2) / np.linalg.norm(a)) < 1e-7
        ok &= abs(np.linalg.norm(fd(lambda v: cosv(v, b), 0.1 * a)) - 10 * np.linalg.norm(g)) < 1e-5
    b = rng.normal(size=4)
    ok &= np.linalg.norm(grad_a(2 * b, b)) < 1e-12 and np.linalg.norm(grad_a(-2 * b, b)) < 1e-12
    return ok


def c13_norms(L):
    return (ex(L, "3", np.linalg.norm(A13)) and ap(L, "2.236", np.linalg.norm(B13))
            and ex(L, "4", A13 @ B13) and abs(np.linalg.norm(B13) - np.sqrt(5)) < 1e-15)


def c13_c(L):
    return abs(cosv(A13, B13) - 4 / (3 * np.sqrt(5))) < 1e-15 and ap(L, "0.5963", cosv(A13, B13))


def c13_gaex(L):
    alt = B13 / (3 * np.sqrt(5)) - cosv(A13, B13) * A13 / 9
    return close(GA13, alt) and vec_ap(L, ["0.2319", "-0.1325", "0.0166"], GA13)


def c13_chk1(L):
    prods = A13 * GA13
    return vec_ap(L, ["0.2319", "0.2650", "0.0331"], np.abs(prods)) and abs(prods.sum()) < 1e-8 and abs(
        0.2319 - 0.2650 + 0.0331) < 1e-12


def c13_chk2(L):
    return (ap(L, "\\approx 0.2676$이고", np.linalg.norm(GA13), value=0.2676) and abs(np.linalg.norm(GA13) - 0.2676) < 5e-5
            and ap(L, "/3 \\approx 0.2676$", 0, value=0) and abs(np.sqrt(1 - cosv(A13, B13) ** 2) / 3 - 0.2676) < 5e-5)


def c13_gbex(L):
    return (vec_ap(L, ["-0.0894", "0.2981", "0.1789"], GB13)
            and ap(L, "0.3590", np.sqrt(1 - cosv(A13, B13) ** 2) / np.sqrt(5))
            and abs(np.linalg.norm(GB13) - np.sqrt(1 - cosv(A13, B13) ** 2) / np.sqrt(5)) < 1e-8)


def c13_loss(L):
    a, b = rng.normal(size=4), rng.normal(size=4)
    g = fd(lambda v: 1 - cosv(v, b), a)
    step = -g
    na, nb = np.linalg.norm(a), np.linalg.norm(b)
    ah, bh = a / na, b / nb
    perp = bh - (bh @ ah) * ah
    return close(g, -fd(lambda v: cosv(v, b), a)) and close(step / np.linalg.norm(step), perp / np.linalg.norm(perp))


F13 = [
    D("두 벡터 $\\mathbf a, \\mathbf b"),
    D("$$c = \\cos(\\mathbf a, \\mathbf b)"),
    ("재료는 두 개면 충분합니다", c13_ingr),
    ("$$\\frac{\\partial c}{\\partial \\mathbf a} = \\frac{\\mathbf b}", c13_ga),
    ("대칭성에 의해", c13_gb),
    ("$$\\frac{\\partial c}{\\partial \\mathbf b} = \\frac{1}{\\|\\mathbf b\\|}", c13_gb),
    ("1. **직교성**", c13_orth),
    ("2. **크기**", c13_norm),
    D("$\\mathbf a = (1, 2, 2)$, $\\mathbf b = (2, 0, 1)$로"),
    ("- $\\|\\mathbf a\\| = 3$", c13_norms),
    ("- $c = 4/(3\\sqrt5)", c13_c),
    ("- $\\partial c/\\partial \\mathbf a = \\mathbf b/(3\\sqrt5)", c13_gaex),
    ("- 검산 1", c13_chk1),
    ("- 검산 2", c13_chk2),
    ("- $\\partial c/\\partial \\mathbf b \\approx", c13_gbex),
    ("보통은 $\\mathcal L = 1 - c$", c13_loss),
]


# ============================================================ 14 Xavier / He
# exact enumeration over small discrete distributions
W_DIST = (np.array([-0.7, 0.0, 0.7]), np.array([0.3, 0.4, 0.3]))           # zero mean
X_DIST = (np.array([-1.5, -0.5, 1.0, 2.0]), np.array([0.2, 0.4, 0.3, 0.1]))  # mean 0? fixed below


def centred(dist):
    v, p = dist
    return v - (v * p).sum(), p


X_DIST = centred(X_DIST)
Y_SYM = (np.array([-2.0, -0.5, 0.0, 0.5, 2.0]), np.array([0.15, 0.25, 0.2, 0.25, 0.15]))


def mom(dist, f=lambda v: v):
    v, p = dist
    return (f(v) * p).sum()


def var(dist):
    return mom(dist, lambda v: v ** 2) - mom(dist) ** 2


def enum_sum(dists_w, dists_x):
    """exact distribution of sum_i w_i x_i for independent discrete w_i, x_i."""
    vals, probs = np.array([0.0]), np.array([1.0])
    for (wv, wp), (xv, xp) in zip(dists_w, dists_x):
        tv = (wv[:, None] * xv[None, :]).ravel()
        tp = (wp[:, None] * xp[None, :]).ravel()
        vals = (vals[:, None] + tv[None, :]).ravel()
        probs = (probs[:, None] * tp[None, :]).ravel()
    return vals, probs


def c14_prod(L):
    d = enum_sum([W_DIST], [X_DIST])
    return (abs(var(d) - mom(W_DIST, lambda v: v ** 2) * mom(X_DIST, lambda v: v ** 2)) < 1e-12
            and abs(var(d) - var(W_DIST) * var(X_DIST)) < 1e-12)


def c14_sum(L):
    ok = True
    for n in (1, 2, 3):
        d = enum_sum([W_DIST] * n, [X_DIST] * n)
        ok &= abs(var(d) - n * var(W_DIST) * var(X_DIST)) < 1e-12
    return ok


def c14_keep(L):
    n = 3
    wv, wp = W_DIST
    s = np.sqrt((1 / n) / var(W_DIST))
    d = enum_sum([(wv * s, wp)] * n, [X_DIST] * n)
    return abs(var(d) - var(X_DIST)) < 1e-12


def c14_back(L):
    # dL/dx_i = sum_{j=1}^{n_out} w_ji delta_j  -> Var = n_out Var(w) Var(delta)
    ok = True
    for n_out in (1, 2, 3):
        d = enum_sum([W_DIST] * n_out, [X_DIST] * n_out)
        ok &= abs(var(d) - n_out * var(W_DIST) * var(X_DIST)) < 1e-12
    ok &= all(abs(2 / (n_out / 1 + n_in / 1) - 2 / (1 / (1 / n_in) + 1 / (1 / n_out))) < 1e-15
              for n_in in (3, 256) for n_out in (7, 128))
    return ok


def c14_glorot(L):
    return all(abs(2 / (n_in + n_out) - 2 / (1 / (1 / n_in) + 1 / (1 / n_out))) < 1e-15
               for n_in in (3, 256) for n_out in (7, 128))


def c14_unif(L):
    ok = True
    for a in (0.1, 1.0, 2.5):
        xs = np.linspace(-a, a, 200001)
        m2 = np.trapezoid(xs ** 2 / (2 * a), xs)
        ok &= abs(m2 - a ** 2 / 3) < 1e-8
    return ok


def c14_bound(L):
    return all(abs(np.sqrt(6 / (ni + no)) ** 2 / 3 - 2 / (ni + no)) < 1e-15 for ni in (10, 256) for no in (5, 128))


def c14_ex(L):
    v = 2 / 384
    return (ex(L, "2/384", v, value=2 / (256 + 128)) and ap(L, "0{,}00521", v) and ap(L, "0{,}0722", np.sqrt(v))
            and ex(L, "0{,}125", np.sqrt(6 / (256 + 128))))


def c14_relu(L):
    y = Y_SYM
    return abs(mom(y, lambda v: np.maximum(v, 0) ** 2) - 0.5 * mom(y, lambda v: v ** 2)) < 1e-12 and abs(
        mom(y)) < 1e-12 and abs(0.5 * mom(y, lambda v: v ** 2) - 0.5 * var(y)) < 1e-12


def c14_note(L):
    y = Y_SYM
    relu = (np.maximum(y[0], 0), y[1])
    ok = abs(var(relu) - 0.5 * var(y)) > 1e-3  # it is indeed not the variance
    # with E[w] = 0 the next layer needs E[x^2], not Var(x)
    xv = (relu[0], relu[1])
    for n in (1, 2):
        d = enum_sum([W_DIST] * n, [xv] * n)
        ok &= abs(var(d) - n * var(W_DIST) * mom(xv, lambda v: v ** 2)) < 1e-12
    return ok


def c14_layer(L):
    ok = True
    y = Y_SYM
    relu = (np.maximum(y[0], 0), y[1])
    for n in (1, 2, 3):
        d = enum_sum([W_DIST] * n, [relu] * n)
        ok &= abs(var(d) - 0.5 * n * var(W_DIST) * var(y)) < 1e-12
    return ok


def c14_he(L):
    return all(abs(0.5 * n * (2 / n) - 1) < 1e-15 for n in (3, 256, 1000))


def chain_var(v1, ns, vws):
    v = v1
    for n, vw in zip(ns, vws):
        v = 0.5 * n * vw * v
    return v


def c14_prodformula(L):
    ok = True
    for _ in trials():
        Lyr = 6
        ns = rng.integers(2, 300, size=Lyr - 1)
        vws = rng.uniform(0.001, 0.05, size=Lyr - 1)
        v1 = rng.uniform(0.5, 2)
        ok &= abs(chain_var(v1, ns, vws) - v1 * np.prod(0.5 * ns * vws)) < 1e-12 * max(1, v1 * np.prod(0.5 * ns * vws))
    return ok


def c14_half(L):
    return all(abs(0.5 * n * (1 / n) - 0.5) < 1e-15 for n in (3, 256))


def c14_power(L):
    ok = True
    for Lyr in (2, 5, 10):
        ns = rng.integers(2, 300, size=Lyr - 1)
        ok &= abs(chain_var(1.0, ns, 1 / ns) - 0.5 ** Lyr) < 1e-15
    return ok


def c14_L10(L):
    ratio = chain_var(1.0, [64] * 9, [1 / 64] * 9)
    return (ex(L, "2^{-10}", ratio, value=2.0 ** -10) and ap(L, "0{,}000977", ratio)
            and ap(L, "0{,}031", np.sqrt(ratio)))


def c14_heex(L):
    return ap(L, "0{,}0884", np.sqrt(2 / 256)) and ap(L, "0{,}153", np.sqrt(6 / 256)) and abs(
        np.sqrt(6 / 256) ** 2 / 3 - 2 / 256) < 1e-15


F14 = [
    D("Bir nöronun ön-aktivasyonu"),
    ("$$\\mathrm{Var}(w_i x_i) = E[w_i^2]", c14_prod),
    ("$$\\mathrm{Var}(y) = n_{in}", c14_sum),
    ("Varyansın katmandan katmana korunması", c14_keep),
    ("Geri yönde aynı argüman", c14_back),
    ("$$\\mathrm{Var}(w) = \\frac{2}{n_{in} + n_{out}}.$$", c14_glorot),
    ("$U(-a, a)$ dağılımının varyansı", c14_unif),
    ("$$a = \\sqrt{\\frac{6}{n_{in} + n_{out}}}$$", c14_bound),
    ("**Örnek:** $n_{in} = 256$", c14_ex),
    D("ReLU negatif yarıyı sıfırlar."),
    ("$$E\\big[\\mathrm{ReLU}(y)^2\\big]", c14_relu),
    ("Dikkat: bu", c14_note),
    ("$$\\mathrm{Var}(y_\\ell) = \\tfrac12", c14_layer),
    ("çarpanını 1'e eşitlemek", c14_he),
    D("$L$ katman boyunca zincirlersek"),
    ("$$\\mathrm{Var}(y_L) = \\mathrm{Var}(y_1)\\prod", c14_prodformula),
    ("ReLU ağında Xavier tarzı", c14_half),
    ("\\left(\\tfrac12\\right)^{L}\\mathrm{Var}(y_1)", c14_power),
    ("$L = 10$ için bu oran", c14_L10),
    ("**Örnek (He):**", c14_heex),
    D("*Not:* PyTorch'ta"),  # API default, not a mathematical claim
]


# ============================================================ 15 MLP
X15 = np.array([1.0, -2])
W1_15 = np.array([[1, 0.5], [-1, 2], [0.5, -1]])
B1_15 = np.array([0.5, 1, -0.5])
W2_15 = np.array([1, -1, 0.5])
B2_15 = 0.1
T15 = 1.0


def mlp(W1, b1, w2, b2, x=X15):
    z = W1 @ x + b1
    a = np.maximum(z, 0)
    y = w2 @ a + b2
    return dict(z=z, a=a, y=y, L=0.5 * (y - T15) ** 2)


F15v = mlp(W1_15, B1_15, W2_15, B2_15)
G_w2 = fd(lambda v: mlp(W1_15, B1_15, v, B2_15)["L"], W2_15)
G_b2 = fd(lambda v: mlp(W1_15, B1_15, W2_15, v[0])["L"], np.array([B2_15]))[0]
G_W1 = fd(lambda v: mlp(v, B1_15, W2_15, B2_15)["L"], W1_15)
G_b1 = fd(lambda v: mlp(W1_15, v, W2_15, B2_15)["L"], B1_15)
G_x = fd(lambda v: mlp(W1_15, B1_15, W2_15, B2_15, v)["L"], X15)


def c15_W1x(L):
    return close(W1_15 @ X15, [0, -5, 2.5], 1e-12) and close(F15v["z"], [0.5, -4, 2], 1e-12) and "(0{,}5,\\ -4,\\ 2)" in L


def c15_a(L):
    return close(F15v["a"], [0.5, 0, 2], 1e-12) and "(0{,}5,\\ 0,\\ 2)" in L


def c15_y(L):
    return ex(L, "1{,}6", F15v["y"]) and ex(L, "0{,}18", F15v["L"]) and ex(L, "(0{,}6)^2", F15v["y"] - T15, value=0.6)


def c15_dy(L):
    dy = fd(lambda v: 0.5 * (v[0] - T15) ** 2, np.array([F15v["y"]]))[0]
    return ex(L, "0{,}6", dy)


def c15_dw2(L):
    return (close(G_w2, [0.3, 0, 1.2]) and "(0{,}3,\\ 0,\\ 1{,}2)" in L
            and ex(L, "\\partial b_2 = 0{,}6", G_b2, value=0.6))


def c15_da(L):
    ga = fd(lambda a: 0.5 * (W2_15 @ a + B2_15 - T15) ** 2, F15v["a"])
    return close(ga, [0.6, -0.6, 0.3]) and "(0{,}6,\\ -0{,}6,\\ 0{,}3)" in L


def c15_dz(L):
    gz = fd(lambda z: 0.5 * (W2_15 @ np.maximum(z, 0) + B2_15 - T15) ** 2, F15v["z"])
    return close(gz, [0.6, 0, 0.3]) and "(0{,}6,\\ 0,\\ 0{,}3)" in L and F15v["z"][1] < 0 and gz[1] == 0


def c15_dW1(L):
    return (close(G_W1, [[0.6, -1.2], [0, 0], [0.3, -0.6]]) and "0{,}6 & -1{,}2\\\\ 0 & 0\\\\ 0{,}3 & -0{,}6" in L
            and close(G_b1, [0.6, 0, 0.3]))


def c15_dx(L):
    return (close(G_x, [0.75, 0]) and abs(0.6 + 0.15 - 0.75) < 1e-12 and abs(0.3 - 0.3) < 1e-12
            and close(W1_15.T @ np.array([0.6, 0, 0.3]), [0.75, 0], 1e-12) and "(0{,}75,\\ 0)" in L)


def c15_shape(L):
    return G_W1.shape == W1_15.shape == (3, 2)


W2n = W2_15 - 0.1 * G_w2
B2n = B2_15 - 0.1 * G_b2
W1n = W1_15 - 0.1 * G_W1
B1n = B1_15 - 0.1 * G_b1
F15n = mlp(W1n, B1n, W2n, B2n)


def c15_upd1(L):
    return close(W2n, [0.97, -1, 0.38]) and ap(L, "0{,}04", B2n) and "(0{,}97,\\ -1,\\ 0{,}38)" in L


def c15_upd2(L):
    return close(W1n, [[0.94, 0.62], [-1, 2], [0.47, -0.94]]) and close(B1n, [0.44, 1, -0.53]) and (
        "0{,}94 & 0{,}62\\\\ -1 & 2\\\\ 0{,}47 & -0{,}94" in L and "(0{,}44,\\ 1,\\ -0{,}53)" in L)


def c15_new(L):
    return (close(F15n["z"], [0.14, -4, 1.82]) and ex(L, "0{,}8674", F15n["y"])
            and ex(L, "0{,}8674", 0.97 * 0.14 + 0.38 * 1.82 + 0.04) and ap(L, "0{,}0088", F15n["L"]))


def c15_drop(L):
    return F15n["L"] < F15v["L"] and F15n["y"] < T15 and ex(L, "0{,}18", F15v["L"]) and ap(L, "0{,}0088", F15n["L"])


def c15_mistake(L):
    dz_nomask = (F15v["y"] - T15) * W2_15
    return close(np.outer(dz_nomask, X15)[1], [-0.6, 1.2], 1e-12) and "(-0{,}6,\\ 1{,}2)" in L


F15 = [
    D("**Gegeven.** Invoer"),
    D("$$W_1 = \\begin{pmatrix} 1 & 0{,}5"),
    D("Het netwerk: $z = W_1x + b_1$"),
    ("$W_1 x = (1 - 1", c15_W1x),
    ("$a = \\mathrm{ReLU}(z) = (0{,}5", c15_a),
    ("$\\hat y = 1\\cdot 0{,}5", c15_y),
    D("We schrijven $\\delta_v$"),
    ("- $\\delta_{\\hat y} = \\hat y - t", c15_dy),
    ("- $\\partial L/\\partial w_2", c15_dw2),
    ("- $\\delta_a = \\delta_{\\hat y}", c15_da),
    ("- $\\delta_z = \\delta_a \\odot", c15_dz),
    ("- $\\partial L/\\partial W_1 = \\delta_z", c15_dW1),
    ("- $\\partial L/\\partial x = W_1^\\top", c15_dx),
    ("Controle van de vormen", c15_shape),
    D("**c) Eén stap gradiëntdaling**"),
    ("$w_2 \\leftarrow (0{,}97", c15_upd1),
    ("$W_1 \\leftarrow", c15_upd2),
    ("Nieuwe voorwaartse pass", c15_new),
    ("Het verlies daalt dus", c15_drop),
    ("*Veelgemaakte fout:*", c15_mistake),
]


# ============================================================ 16 BCE with logits
def bce(z, y):
    s = sig(z)
    return -(y * np.log(s) + (1 - y) * np.log(1 - s))


ZS16 = np.linspace(-6, 6, 25) + 0.017


def c16_logs(L):
    z = ZS16
    return close(np.log(sig(z)), -np.log1p(np.exp(-z)), 1e-10) and close(
        np.log(1 - sig(z)), -z - np.log1p(np.exp(-z)), 1e-9)


def c16_l1(L):
    return all(close(bce(ZS16, y), y * np.log1p(np.exp(-ZS16)) + (1 - y) * (ZS16 + np.log1p(np.exp(-ZS16))), 1e-9)
               for y in (0.0, 1.0))


def c16_l2(L):
    return all(close(bce(ZS16, y), (1 - y) * ZS16 + np.log1p(np.exp(-ZS16)), 1e-9) for y in (0.0, 1.0))


def c16_l3(L):
    return all(close(bce(ZS16, y), np.log1p(np.exp(ZS16)) - y * ZS16, 1e-9) for y in (0.0, 1.0)) and close(
        np.log1p(np.exp(-ZS16)) + ZS16, np.log1p(np.exp(ZS16)), 1e-12)


def c16_stable(L):
    return all(close(np.maximum(ZS16, 0) - ZS16 * y + np.log1p(np.exp(-np.abs(ZS16))), bce(ZS16, y), 1e-9)
               for y in (0.0, 1.0))


def c16_grad(L):
    ok = True
    for y in (0.0, 1.0):
        num = np.array([fd(lambda v: bce(v, y).sum(), np.array([z]))[0] for z in ZS16])
        ok &= close(num, np.exp(ZS16) / (1 + np.exp(ZS16)) - y) and close(num, sig(ZS16) - y)
    return ok


def c16_bounded(L):
    zz = np.linspace(-30, 30, 1001)
    return all(np.all(np.abs(sig(zz) - y) < 1) for y in (0.0, 1.0))


def c16_ex1a(L):
    return ap(L, "0.8808", sig(2.0))


def c16_ex1b(L):
    g = fd(lambda v: bce(v, 1.0).sum(), np.array([2.0]))[0]
    return (ap(L, "0.1269", bce(2.0, 1.0)) and ap(L, "1.1353", 1 + np.exp(-2)) and ap(L, "-0.1192", g)
            and ap(L, "-0.1192", 0.8808 - 1))


def c16_ex2(L):
    g = fd(lambda v: bce(v, 1.0).sum(), np.array([-3.0]))[0]
    return (abs(bce(-3.0, 1.0) - (np.log1p(np.exp(-3)) + 3)) < 1e-12 and ap(L, "3.0486", bce(-3.0, 1.0))
            and ap(L, "-0.9526", g) and abs(g - (sig(-3.0) - 1)) < 1e-7)


def second(z, y=1.0, h=1e-4):
    return (bce(z + h, y) - 2 * bce(z, y) + bce(z - h, y)) / h ** 2


def c16_second(L):
    return close(second(ZS16[3:-3]), sig(ZS16[3:-3]), 1e-4)  # claim on the line: l'' = sigma(z)


def c16_convex(L):
    return np.all(second(ZS16[3:-3]) > 0)


def c16_at2(L):
    return ap(L, "0.8808", second(2.0))


def c16_newton(L):
    g = sig(2.0) - 1
    znew = 2.0 - g / second(2.0)
    return ap(L, "2.135", znew) and ap(L, "0.1192", -g)


F16 = [
    D("Let $z \\in \\mathbb{R}$ be the logit"),
    D("$\\ell(z, y) = -\\left[\\,"),
    ("(a)  Simp lify.", c16_logs),
    ("$\\ell = y \\log(1+e^{-z}) + (1-y)", c16_l1),
    ("$\\quad = (1-y)\\, z", c16_l2),
    ("$\\quad = \\log(1+e^{z}) - y z$", c16_l3),
    ("$\\ell = \\max(z, 0)", c16_stable),
    ("$\\dfrac{d\\ell}{dz} = \\dfrac{e^{z}}{1+e^{z}}", c16_grad),
    ("\"prediction minus label\"", c16_bounded),
    ("Exarnple  z = 2 , y = 1 :", c16_ex1a),
    ("$\\ell = \\log(1 + e^{-2})", c16_ex1b),
    ("$\\ell = \\log(1+e^{-3}) + 3", c16_ex2),
    ("$\\dfrac{d^2\\ell}{dz^2}", c16_second),
    ("→ > 0 for all z", c16_convex),
    ("at z = 2 :", c16_at2),
    ("one Newton step", c16_newton),
]


# ============================================================ driver
FILES = {
    "01_layernorm_backward_textbook_en.md": F01,
    "02_gru_update_gate_lecture_en.md": F02,
    "03_attention_score_grad_stackexchange_en.md": F03,
    "04_huber_loss_blog_en.md": F04,
    "05_label_smoothing_klausur_de.md": F05,
    "06_nesterov_corrige_fr.md": F06,
    "07_linear_backward_apuntes_es.md": F07,
    "08_bptt_rnn_dispensa_it.md": F08,
    "09_softplus_mish_lista_pt.md": F09,
    "10_logsumexp_uchebnik_ru.md": F10,
    "11_conv2d_shapes_zhihu_zh.md": F11,
    "12_adam_bias_correction_qiita_ja.md": F12,
    "13_cosine_similarity_grad_blog_ko.md": F13,
    "14_xavier_he_init_ders_tr.md": F14,
    "15_mlp_relu_uitwerking_nl.md": F15,
    "16_bce_with_logits_ocr_homework.md": F16,
}

FILE_LINES = {}


def main():
    verbose = "-v" in sys.argv
    expected = json.load(open(os.path.join(HERE, "expected.json"), encoding="utf-8"))
    bad = 0
    problems = []
    for fname, checks in FILES.items():
        lines = open(os.path.join(HERE, fname), encoding="utf-8").read().split("\n")
        if lines and lines[-1] == "":
            lines = lines[:-1]
        FILE_LINES[fname] = lines
    for fname, checks in FILES.items():
        lines = FILE_LINES[fname]
        covered = set()
        false_lines = []
        n_checked = 0
        for sub, pred in checks:
            hits = [i for i, l in enumerate(lines) if sub in l]
            if len(hits) != 1:
                problems.append("%s: substring %r matches %d lines" % (fname, sub, len(hits)))
                continue
            i = hits[0]
            covered.add(i)
            if pred is None:
                continue
            n_checked += 1
            try:
                ok = bool(pred(lines[i]))
            except Exception as e:  # a claim that cannot even be evaluated is false
                ok = False
                if verbose:
                    print("   exception on %s:%d: %r" % (fname, i + 1, e))
            if not ok:
                false_lines.append(i + 1)
            if verbose:
                print("   %s:%-3d %s" % (fname[:2], i + 1, "ok" if ok else "FALSE"))
        in_code = False
        uncovered = []
        for i, l in enumerate(lines):
            if l.strip().startswith("```"):
                in_code = not in_code
                continue
            if "$" in l and not in_code and i not in covered and l.strip() != "$$":
                uncovered.append(i + 1)
        first = min(false_lines) if false_lines else None
        exp = expected.get(fname, "MISSING")
        agree = first == exp
        bad += not agree
        print("%-46s %-14s expected %-6s checks=%-3d false=%s%s%s" % (
            fname, "correct" if first is None else "first false: %d" % first,
            "null" if exp is None else exp, n_checked, false_lines,
            "" if agree else "   <-- DISAGREES",
            "" if not uncovered else "   uncovered $-lines: %s" % uncovered))
    for p in problems:
        print("PROBLEM:", p)
    if problems or set(expected) != set(FILES):
        bad += 1
    print("ALL AGREE" if bad == 0 else "%d DISAGREEMENT(S)" % bad)
    return 0 if bad == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
