#!/usr/bin/env python
"""Independent NumPy ground-truth check for corpus88.

For every file: a list of checks, each tied to one line (located by a unique
substring).  Kinds of checks:
  G(sub)              given / definition / pure prose-with-notation line
  N(sub, [(tok,v)])   every printed number `tok` on the line must agree with the
                      independently recomputed value v to its printed precision
  S(sub, ok)          symbolic claim (derivative / identity / size), `ok` computed
                      by central finite differences at random points or by
                      building arrays
The first line whose check fails is compared with expected.json.
Run:  python verify_truth.py
"""
import json
import math
import os
import re
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
EPS = 1e-6


# ----------------------------------------------------------------- helpers
def parse(tok):
    """'0{,}5227' / '-0,0819' / '−0.0819' / '10\\,000' -> (value, decimals)."""
    s = tok.replace('{,}', '.').replace('\u2212', '-').replace('\\,', '')
    s = s.replace('\\ ', '').replace(' ', '').replace('\u00a0', '')
    s = s.replace(',', '.')
    m = re.fullmatch(r'[-+]?\d+(\.(\d+))?', s)
    if not m:
        raise ValueError('cannot parse token %r' % tok)
    d = len(m.group(2)) if m.group(2) else 0
    return float(s), d


def agrees(tok, val):
    p, d = parse(tok)
    return abs(p - val) <= 0.5 * 10 ** (-d) + 1e-12


def sig(x):
    return 1.0 / (1.0 + np.exp(-x))


def fd(f, x, eps=EPS):
    """central finite-difference gradient of scalar f at array x"""
    x = np.array(x, dtype=float)
    g = np.zeros_like(x)
    it = np.nditer(x, flags=['multi_index'])
    for _ in it:
        i = it.multi_index
        xp = x.copy(); xp[i] += eps
        xm = x.copy(); xm[i] -= eps
        g[i] = (f(xp) - f(xm)) / (2 * eps)
    return g


def fd_jac(F, x, eps=EPS):
    """Jacobian dF/dx (F: R^n -> R^m) by central differences"""
    x = np.array(x, dtype=float)
    cols = []
    for i in range(x.size):
        e = np.zeros_like(x); e.flat[i] = eps
        cols.append((np.asarray(F(x + e)) - np.asarray(F(x - e))).ravel() / (2 * eps))
    return np.array(cols).T


def close(a, b, tol=1e-5):
    return np.allclose(np.asarray(a, float), np.asarray(b, float), atol=tol, rtol=1e-5)


class Check:
    def __init__(self, sub, fn, kind):
        self.sub, self.fn, self.kind = sub, fn, kind


def G(sub):
    return Check(sub, lambda line: True, 'given')


def S(sub, ok):
    return Check(sub, lambda line, ok=ok: bool(ok), 'symbolic')


def N(sub, pairs):
    def fn(line, pairs=pairs):
        for tok, v in pairs:
            if tok not in line:
                raise AssertionError('token %r not on line %r' % (tok, line))
            if not agrees(tok, v):
                return False
        return True
    return Check(sub, fn, 'numeric')


def SN(sub, ok, pairs):
    """line with both a symbolic claim and printed numbers"""
    n = N(sub, pairs)
    return Check(sub, lambda line: bool(ok) and n.fn(line), 'sym+num')


def first_failing_line(fname, checks, verbose=False):
    lines = open(os.path.join(HERE, fname), encoding='utf-8').read().split('\n')
    fails = []
    covered = set()
    for c in checks:
        idx = [i for i, l in enumerate(lines) if c.sub in l]
        if len(idx) != 1:
            raise AssertionError('%s: substring %r matches lines %s' % (fname, c.sub, [i + 1 for i in idx]))
        ln = idx[0] + 1
        covered.add(ln)
        ok = c.fn(lines[idx[0]])
        if verbose:
            print('   L%-3d %-9s %s  %s' % (ln, c.kind, 'ok ' if ok else 'FAIL', c.sub[:60]))
        if not ok:
            fails.append(ln)
    if verbose:
        for i, l in enumerate(lines):
            if (i + 1) not in covered and re.search(r'\$|\d', l) and not l.startswith('<!--'):
                print('   (unchecked L%d) %s' % (i + 1, l[:90]))
    return min(fails) if fails else None


# ======================================================================
# 01  BPTT tanh RNN (German lecture notes)
# ======================================================================
def f01():
    rng = np.random.default_rng(101)
    n, m, T = 3, 2, 4
    W = rng.normal(size=(n, n)) * 0.7
    U = rng.normal(size=(n, m))
    b = rng.normal(size=n) * 0.2
    X = rng.normal(size=(T + 1, m))
    Y = rng.normal(size=(T + 1, n)) * 0.5
    h0 = rng.normal(size=n) * 0.5

    def forward(W, U, b, h0):
        hs = [h0]
        for t in range(1, T + 1):
            hs.append(np.tanh(W @ hs[-1] + U @ X[t] + b))
        return hs

    def loss(W, U, b, h0):
        hs = forward(W, U, b, h0)
        return sum(0.5 * np.sum((hs[t] - Y[t]) ** 2) for t in range(1, T + 1))

    def loss_from_h(t0, ht0):
        h = ht0
        s = 0.5 * np.sum((h - Y[t0]) ** 2)
        for t in range(t0 + 1, T + 1):
            h = np.tanh(W @ h + U @ X[t] + b)
            s += 0.5 * np.sum((h - Y[t]) ** 2)
        return s

    def loss_from_a(t0, at0):
        return loss_from_h(t0, np.tanh(at0))

    hs = forward(W, U, b, h0)
    As = [None] + [W @ hs[t - 1] + U @ X[t] + b for t in range(1, T + 1)]
    delta_fd = {t: fd(lambda h: loss_from_h(t, h), hs[t]) for t in range(1, T + 1)}
    # line 12: Jacobian and chain rule
    ok12 = True
    for t in range(1, T):
        J = fd_jac(lambda h: np.tanh(W @ h + U @ X[t + 1] + b), hs[t])
        ok12 &= close(J, np.diag(1 - hs[t + 1] ** 2) @ W)
        ok12 &= close(delta_fd[t], (hs[t] - Y[t]) + J.T @ delta_fd[t + 1])
    # line 16: recursion
    d = {T: hs[T] - Y[T]}
    for t in range(T - 1, 0, -1):
        d[t] = (hs[t] - Y[t]) + W.T @ ((1 - hs[t + 1] ** 2) * d[t + 1])
    ok16 = all(close(d[t], delta_fd[t]) for t in range(1, T + 1))
    # line 18: bar delta = dL/da_t
    dbar = {t: (1 - hs[t] ** 2) * d[t] for t in range(1, T + 1)}
    ok18 = all(close(dbar[t], fd(lambda a: loss_from_a(t, a), As[t])) for t in range(1, T + 1))
    # line 20/22: parameter gradients as sums over time
    gW = sum(np.outer(dbar[t], hs[t - 1]) for t in range(1, T + 1))
    gU = sum(np.outer(dbar[t], X[t]) for t in range(1, T + 1))
    gb = sum(dbar[t] for t in range(1, T + 1))
    ok20 = (close(gW, fd(lambda Wv: loss(Wv, U, b, h0), W)) and close(gU, fd(lambda Uv: loss(W, Uv, b, h0), U))
            and close(gb, fd(lambda bv: loss(W, U, bv, h0), b)))

    # numeric example
    w, u, h0s, x1, x2, y1, y2 = 0.6, 0.5, 0.2, 1.0, -1.0, 0.5, 0.0
    a1 = w * h0s + u * x1; h1 = math.tanh(a1)
    a2 = w * h1 + u * x2; h2 = math.tanh(a2)
    d2 = h2 - y2; q2 = 1 - h2 ** 2
    e1 = h1 - y1; e2 = w * q2 * d2; d1 = e1 + e2; q1 = 1 - h1 ** 2
    t2 = q2 * d2 * h1; t1 = q1 * d1 * h0s; gw = t1 + t2
    s1 = q1 * d1 * x1; s2 = q2 * d2 * x2; gu = s1 + s2

    def Ls(wv, uv):
        hh1 = math.tanh(wv * h0s + uv * x1); hh2 = math.tanh(wv * hh1 + uv * x2)
        return 0.5 * (hh1 - y1) ** 2 + 0.5 * (hh2 - y2) ** 2
    fdw = (Ls(w + EPS, u) - Ls(w - EPS, u)) / (2 * EPS)
    fdu = (Ls(w, u + EPS) - Ls(w, u - EPS)) / (2 * EPS)
    assert abs(fdw - gw) < 1e-7 and abs(fdu - gu) < 1e-7

    return [
        G('Wir betrachten das Elman-Netz'),
        G('a_t = W_{hh}\\,h_{t-1} + W_{xh}\\,x_t + b'),
        G('**Bezeichnung.**'),
        G('Da $h_t$ direkt in $L_t$'),
        S('\\Big(\\frac{\\partial h_{t+1}}{\\partial h_t}\\Big)^{\\!\\top}\\delta_{t+1}', ok12),
        S('W_{hh}^{\\top}\\Big[\\big(1-h_{t+1}^2\\big)\\odot\\delta_{t+1}\\Big]', ok16),
        S('Mit der Abkürzung', ok18),
        S('\\sum_{t=1}^{T} \\bar\\delta_t\\, h_{t-1}^{\\top}', ok20),
        S('**Merke:**', ok20),
        G('Zahlenbeispiel (skalar'),
        G('Gegeben: $W_{hh} = w = 0{,}6$'),
        N('$a_1 = 0{,}6 \\cdot 0{,}2', [('0{,}62', a1), ('0{,}5511', h1)]),
        N('$a_2 = 0{,}6 \\cdot 0{,}5511', [('-0{,}1693', a2), ('-0{,}1677', h2)]),
        N('$\\delta_2 = h_2 - y_2', [('-0{,}1677', d2), ('0{,}9719', q2)]),
        N('$\\delta_1 = (h_1 - y_1)', [('0{,}0511', e1), ('0{,}0978', -e2), ('-0{,}0467', d1)]),
        N('$1-h_1^2 \\approx', [('0{,}6963', q1)]),
        N('_{t=2} + \\underbrace', [('-0{,}0898', t2), ('-0{,}0065', t1), ('-0{,}0963', gw)]),
        N('Analog für $u$', [('-0{,}0325', s1), ('0{,}1630', s2), ('0{,}1305', gu)]),
        N('Kontrolle mit zentralen Differenzen', [('-0{,}0963', fdw)]),
        N('Man beachte: Würde man nur', [('-0{,}0898', t2), ('7', 100 * t1 / gw)]),
    ]


# ======================================================================
# 02  vanishing / exploding (English blog)  -- planted: 0.675^10
# ======================================================================
def f02():
    rng = np.random.default_rng(202)
    n, T = 3, 6
    W = rng.normal(size=(n, n)) * 0.8
    U = rng.normal(size=(n, 2)); b = rng.normal(size=n) * 0.1
    X = rng.normal(size=(T + 1, 2))

    def roll(hk, k):
        h = hk
        hs = {k: h}
        for t in range(k + 1, T + 1):
            h = np.tanh(W @ h + U @ X[t] + b); hs[t] = h
        return hs
    h1 = rng.normal(size=n) * 0.5
    hs = roll(h1, 1)
    # line 12: one-step Jacobian
    ok12 = all(close(fd_jac(lambda h: np.tanh(W @ h + U @ X[t] + b), hs[t - 1]),
                        np.diag(1 - hs[t] ** 2) @ W) for t in range(2, T + 1))
    # line 16: product, latest on the left
    ok16 = True
    for k in range(1, T):
        P = np.eye(n)
        for t in range(k + 1, T + 1):
            P = np.diag(1 - hs[t] ** 2) @ W @ P
        ok16 &= close(fd_jac(lambda h: roll(h, k)[T], hs[k]), P)
    # line 20: 0 < 1 - tanh^2 <= 1
    a = np.linspace(-15, 15, 3001)
    ok20 = bool(np.all(1 - np.tanh(a) ** 2 > 0) and np.all(1 - np.tanh(a) ** 2 <= 1))
    # line 22/24: the bound, on random matrices / states
    ok22 = True
    for _ in range(200):
        Wr = rng.normal(size=(n, n)) * rng.uniform(0.2, 1.5)
        hsr = [np.tanh(rng.normal(size=n) * 2) for _ in range(5)]
        P = np.eye(n); bound = 1.0
        for hh in hsr:
            P = np.diag(1 - hh ** 2) @ Wr @ P
            bound *= np.linalg.norm(np.diag(1 - hh ** 2), 2) * np.linalg.norm(Wr, 2)
        smax = np.linalg.norm(Wr, 2)
        ok22 &= np.linalg.norm(P, 2) <= bound * (1 + 1e-12) <= smax ** 5 * (1 + 1e-9)
    # sigma_max > 1 not sufficient: saturated states kill the product
    Ws = np.eye(2) * 1.5
    hsat = np.array([0.99, 0.99])
    Psat = np.linalg.matrix_power(np.diag(1 - hsat ** 2) @ Ws, 20)
    ok24 = ok22 and np.linalg.norm(Psat, 2) < 1e-10 and np.linalg.norm(Ws, 2) > 1

    f = 0.9 * (1 - 0.5 ** 2)
    n_steps = math.log(1e-3) / math.log(0.675)
    return [
        G('Take the plain vanilla RNN'),
        G('$$h_t = \\tanh(W h_{t-1} + U x_t + b).$$'),
        G('The loss at the last step'),
        S('\\frac{\\partial h_t}{\\partial h_{t-1}} = \\mathrm{diag}', ok12),
        S('\\prod_{t=k+1}^{T} \\mathrm{diag}\\big(1-h_t^2\\big)\\, W \\qquad', ok16),
        S('And the gradient we actually want', ok16),
        S('Since $0 < 1 - \\tanh^2(a) \\le 1$', ok20),
        S('\\;\\le\\; \\sigma_{\\max}(W)^{\\,T-k}', ok22),
        S('So if $\\sigma_{\\max}(W) < 1$', ok24),
        G('One hidden unit, $w = 0.9$'),
        N('$$w\\,(1-h_t^2) = 0.9', [('0.25', 0.5 ** 2), ('0.75', 1 - 0.25), ('0.675', f)]),
        N('after 10 steps', [('0.0296', f ** 10), ('3', 100 * f ** 10)]),
        SN('after 50 steps', abs(2.9e-9 - f ** 50) <= 0.05e-9, [('50', 50)]),
        N('How far back can the signal reach', [('0.675', f)]),
        N('$$n = \\frac{\\ln 10^{-3}}', [('-6.908', math.log(1e-3)), ('-0.393', math.log(0.675)), ('17.6', n_steps)]),
        N('so roughly 18 steps', [('18', math.ceil(n_steps))]),
        G('Now let the activations be tiny'),
        N('$$W = \\begin{pmatrix} 1.2 & 0', [('6.19', 1.2 ** 10), ('0.000977', 0.5 ** 10)]),
        SN('At 20 steps the two directions', abs(9.5e-7 - 0.5 ** 20) <= 0.05e-7,
           [('38.3', 1.2 ** 20), ('9100', 1.2 ** 50)]),
        G('Two practical takeaways'),
    ]


# ======================================================================
# 03  LSTM gate derivatives (French course notes) -- planted: delta c_t w/o tanh'
# ======================================================================
def f03():
    rng = np.random.default_rng(303)
    n = 4
    ok18 = True
    for a in rng.normal(size=20) * 2:
        ok18 &= abs((sig(a + EPS) - sig(a - EPS)) / (2 * EPS) - sig(a) * (1 - sig(a))) < 1e-8
        ok18 &= abs((np.tanh(a + EPS) - np.tanh(a - EPS)) / (2 * EPS) - (1 - np.tanh(a) ** 2)) < 1e-8
    af, ai, ao, ag = (rng.normal(size=n) for _ in range(4))
    cprev = rng.normal(size=n)
    dh = rng.normal(size=n)           # upstream dL/dh_t
    dcn = rng.normal(size=n)          # upstream dL/dc_{t+1}
    fn = sig(rng.normal(size=n))      # f_{t+1}
    k = rng.normal(size=n)

    def cell(af, ai, ao, ag, cprev):
        f, i, o, g = sig(af), sig(ai), sig(ao), np.tanh(ag)
        c = f * cprev + i * g
        return f, i, o, g, c, o * np.tanh(c)

    def Lc(c, o):                      # loss as a function of c_t (gates of step t fixed)
        h = o * np.tanh(c)
        return dh @ h + dcn @ (fn * c + k)
    f, i, o, g, c, h = cell(af, ai, ao, ag, cprev)
    # line 24
    ok24 = close(fd(lambda ov: dh @ (ov * np.tanh(c)), o), dh * np.tanh(c))
    # line 28 (as written: dc = dh*o + dcn*fn)
    dc_true = fd(lambda cv: Lc(cv, o), c)
    ok28 = close(dc_true, dh * o + dcn * fn)
    # line 32: partials of c_t = f*cprev + i*g, contracted with an upstream dc
    dc = rng.normal(size=n)
    Lcell = lambda f_, i_, g_, cp_: dc @ (f_ * cp_ + i_ * g_)
    ok32 = (close(fd(lambda v: Lcell(v, i, g, cprev), f), dc * cprev) and
            close(fd(lambda v: Lcell(f, v, g, cprev), i), dc * g) and
            close(fd(lambda v: Lcell(f, i, v, cprev), g), dc * i) and
            close(fd(lambda v: Lcell(f, i, g, v), cprev), dc * f))
    # line 36: pre-activations
    dL_f, dL_i, dL_g, dL_o = (rng.normal(size=n) for _ in range(4))
    ok36 = (close(fd(lambda a: dL_f @ sig(a), af), dL_f * f * (1 - f)) and
            close(fd(lambda a: dL_i @ sig(a), ai), dL_i * i * (1 - i)) and
            close(fd(lambda a: dL_o @ sig(a), ao), dL_o * o * (1 - o)) and
            close(fd(lambda a: dL_g @ np.tanh(a), ag), dL_g * (1 - g ** 2)))
    # line 59: sigma(-a) = 1 - sigma(a)  =>  i(1-i) = o(1-o) when a_o = -a_i
    aa = rng.normal(size=50) * 3
    ok59 = close(sig(-aa), 1 - sig(aa)) and abs(sig(0.5) * (1 - sig(0.5)) - sig(-0.5) * (1 - sig(-0.5))) < 1e-15
    # line 61: direct path through c has no weight / tanh' factor:  d c_t / d c_{t-1} (gates fixed) = f_t
    ok61 = close(fd_jac(lambda cp: cell(af, ai, ao, ag, cp)[4], cprev), np.diag(f))

    # numeric example (scalar)
    f_, i_, o_, g_, c_, h_ = cell(1.0, 0.5, -0.5, 0.8, 0.6)
    tc = math.tanh(c_)
    d_o = tc
    d_c = o_ * (1 - tc ** 2)          # true delta c_t (dh=1, dc_{t+1}=0)
    Lnum = lambda cv: o_ * math.tanh(cv)
    assert abs((Lnum(c_ + EPS) - Lnum(c_ - EPS)) / (2 * EPS) - d_c) < 1e-9
    dfv, div, dgv, dcp = d_c * 0.6, d_c * g_, d_c * i_, d_c * f_
    return [
        G('On note $z_t = [h_{t-1}'),
        G('f_t &= \\sigma(a^f_t)'), G('i_t &= \\sigma(a^i_t)'), G('o_t &= \\sigma(a^o_t)'),
        G('g_t &= \\tanh(a^g_t)'), G('c_t &= f_t \\odot c_{t-1} + i_t \\odot g_t, &'),
        S('On utilisera sans cesse', ok18),
        G('On suppose connus $\\delta h_t'),
        S('$$\\frac{\\partial L}{\\partial o_t} = \\delta h_t \\odot \\tanh(c_t).$$', ok24),
        G('La cellule $c_t$ reçoit deux contributions'),
        S('$$\\delta c_t = \\delta h_t \\odot o_t', ok28),
        G('Ensuite, tout découle de'),
        S('\\delta c_{t-1}\\big|_{\\text{direct}} = \\delta c_t \\odot f_t', ok32),
        S('$$\\delta a^f_t = ', ok36),
        G('Données : $a^f = 1$'),
        N('$f = \\sigma(1) \\approx', [('0{,}73106', f_), ('0{,}62246', i_), ('0{,}37754', o_), ('0{,}66404', g_)]),
        N('$c_t = 0{,}73106 \\times 0{,}6', [('0{,}4386', f_ * 0.6), ('0{,}4133', i_ * g_), ('0{,}852', c_)]),
        N('$\\tanh(c_t) \\approx 0{,}6921$, d', [('0{,}6921', tc), ('0{,}2613', h_)]),
        N('$\\partial L/\\partial o = \\tanh(c_t)', [('0{,}6921', d_o)]),
        N('$\\delta c_t = 1 \\times', [('0{,}3775', d_c)]),
        N('$\\partial L/\\partial f = ', [('0{,}2265', dfv), ('0{,}2507', div), ('0{,}2350', dgv)]),
        N('$\\delta c_{t-1} = 0{,}3775', [('0{,}2760', dcp)]),
        N('**Pré-activations**', [('0{,}1966', f_ * (1 - f_)), ('0{,}2350', i_ * (1 - i_)), ('0{,}5591', 1 - g_ ** 2)]),
        N('$\\delta a^f \\approx', [('0{,}0445', dfv * f_ * (1 - f_))]),
        N('$\\delta a^i \\approx', [('0{,}0589', div * i_ * (1 - i_))]),
        N('$\\delta a^o \\approx', [('0{,}1626', d_o * o_ * (1 - o_))]),
        N('$\\delta a^g \\approx', [('0{,}1314', dgv * (1 - g_ ** 2))]),
        S('*Remarque.* $i(1-i) = o(1-o)$', ok59),
        S('Le point clé pour la suite', ok61),
    ]


# ======================================================================
# 04  GRU Jacobian (Russian Habr post)  -- correct
# ======================================================================
def gru_step(x, h, P):
    z = sig(P['Wz'] @ x + P['Uz'] @ h + P['bz'])
    r = sig(P['Wr'] @ x + P['Ur'] @ h + P['br'])
    ht = np.tanh(P['Wh'] @ x + P['Uh'] @ (r * h) + P['bh'])
    return (1 - z) * h + z * ht, z, r, ht


def f04():
    rng = np.random.default_rng(404)
    n, m = 3, 2
    P = {k: rng.normal(size=(n, m)) for k in ('Wz', 'Wr', 'Wh')}
    P.update({k: rng.normal(size=(n, n)) * 0.7 for k in ('Uz', 'Ur', 'Uh')})
    P.update({k: rng.normal(size=n) * 0.3 for k in ('bz', 'br', 'bh')})
    x = rng.normal(size=m); h = rng.normal(size=n) * 0.6
    hn, z, r, ht = gru_step(x, h, P)
    J_fd = fd_jac(lambda hv: gru_step(x, hv, P)[0], h)
    dht = np.diag(1 - ht ** 2) @ P['Uh'] @ (np.diag(r) + np.diag(h) @ np.diag(r * (1 - r)) @ P['Ur'])
    ok32 = close(fd_jac(lambda hv: gru_step(x, hv, P)[3], h), dht)
    J = np.diag(1 - z) + np.diag(ht - h) @ np.diag(z * (1 - z)) @ P['Uz'] + np.diag(z) @ dht
    ok26 = close(J_fd, J)
    # z -> 0 : Jacobian -> I
    P0 = dict(P); P0['bz'] = np.full(n, -40.0)
    ok35 = close(fd_jac(lambda hv: gru_step(x, hv, P0)[0], h), np.eye(n), tol=1e-6)

    # scalar example
    wz, uz, wr, ur, wh, uh, xs, hs = 0.5, 1.0, -0.5, 0.8, 1.0, 0.6, 1.0, 0.5
    az = wz * xs + uz * hs; zs = sig(az)
    ar = wr * xs + ur * hs; rs = sig(ar)
    ah = wh * xs + uh * rs * hs; hts = math.tanh(ah)
    hnew = (1 - zs) * hs + zs * hts
    t1 = 1 - zs
    t2 = (hts - hs) * zs * (1 - zs) * uz
    inner = rs + hs * rs * (1 - rs) * ur
    t3 = zs * (1 - hts ** 2) * uh * inner

    def step(hv):
        z_ = sig(wz * xs + uz * hv); r_ = sig(wr * xs + ur * hv)
        return (1 - z_) * hv + z_ * math.tanh(wh * xs + uh * r_ * hv)
    dfd = (step(hs + EPS) - step(hs - EPS)) / (2 * EPS)
    return [
        G('Используем «классическую» запись'),
        G('z_t &= \\sigma(W_z x_t'), G('r_t &= \\sigma(W_r x_t'), G('\\tilde h_t &= \\tanh\\big(W_h x_t'),
        G('h_t &= (1 - z_t)\\odot h_{t-1} + z_t \\odot \\tilde h_t'),
        G('⚠️ В PyTorch роли'),
        G('## Якобиан'),
        S('тремя путями', ok26),
        S('\\frac{\\partial h_t}{\\partial h_{t-1}} = \\operatorname{diag}(1-z_t)', ok26),
        S('\\frac{\\partial \\tilde h_t}{\\partial h_{t-1}} = \\operatorname{diag}(1-\\tilde h_t^2)', ok32),
        S('Главное здесь', ok35),
        G('Пусть всё одномерное'),
        N('$z = \\sigma(0{,}5 + 0{,}5)', [('0{,}73106', zs)]),
        N('$r = \\sigma(-0{,}5 + 0{,}8', [('-0{,}1', ar), ('0{,}47502', rs)]),
        N('$\\tilde h = \\tanh(1 + 0{,}6', [('1{,}14251', ah), ('0{,}81526', hts)]),
        N('$h_t = 0{,}26894', [('0{,}26894', 1 - zs), ('0{,}13447', (1 - zs) * hs), ('0{,}59600', zs * hts), ('0{,}73047', hnew)]),
        N('1. напрямую', [('0{,}26894', t1)]),
        N('2. через $z$', [('0{,}31526', hts - hs), ('0{,}19661', zs * (1 - zs)), ('0{,}06198', t2)]),
        N('3. через $\\tilde h$', [('0{,}33536', 1 - hts ** 2), ('0{,}57477', inner), ('0{,}08455', t3)]),
        N('$$\\frac{d h_t}{d h_{t-1}} \\approx', [('0{,}41547', t1 + t2 + t3)]),
        N('Проверка центральной разностью', [('0{,}415473', dfd)]),
        S('Обратите внимание', t1 > t2 and t1 > t3),
    ]


# ======================================================================
# 05  global-norm clipping (Zhihu answer)  -- planted: norm = sum of block norms
# ======================================================================
def f05():
    rng = np.random.default_rng(505)
    blocks = [rng.normal(size=(3, 2)), rng.normal(size=4), rng.normal(size=(2, 2, 2))]
    flat = np.concatenate([b_.ravel() for b_ in blocks])
    ok10 = abs(math.sqrt(sum(np.linalg.norm(b_.ravel()) ** 2 for b_ in blocks)) - np.linalg.norm(flat)) < 1e-12
    ok10 &= abs(math.sqrt(sum(np.sum(b_ ** 2) for b_ in blocks)) - np.linalg.norm(flat)) < 1e-12
    c = 0.7 * np.linalg.norm(flat)
    coef = min(1.0, c / np.linalg.norm(flat))
    clipped = flat * coef
    ok18 = close(clipped / np.linalg.norm(clipped), flat / np.linalg.norm(flat), tol=1e-12)
    ok19 = abs(np.linalg.norm(clipped) - c) < 1e-12

    gW = np.array([[0.3, -1.2], [0.4, 2.0]]); gb = np.array([-0.5, 1.0]); cc = 1.0
    nW2 = np.sum(gW ** 2); nb2 = np.sum(gb ** 2)
    tot = math.sqrt(nW2 + nb2)
    k = min(1.0, cc / tot)
    hW = gW * k; hb = gb * k
    cl = np.clip(gW, -1, 1)
    ok50 = (close(cl, [[0.3, -1], [0.4, 1]]) and close(np.clip(gb, -1, 1), gb)
            and abs(abs(cl[1, 1]) / abs(cl[0, 1]) - 1) < 1e-12)
    return [
        G('**问：训练 LSTM 时'),
        G('谢邀。结论先放前面'),
        G('设模型参数分成若干块'),
        S('$$\\lVert g\\rVert_2 = \\sqrt{\\sum_{k=1}^{K}', ok10),
        G('给定阈值 $c$'),
        G('$$\\hat g_k = g_k \\cdot \\min'),
        S('1. 方向不变', ok18),
        S('2. 当 $\\lVert g\\rVert_2 > c$ 时', ok19),
        G('PyTorch 源码里实际是'),
        G('$$g_W = \\begin{pmatrix} 0.3 & -1.2'),
        N('- $\\lVert g_W\\rVert^2 = 0.3^2', [('0.09', 0.3 ** 2), ('1.44', 1.2 ** 2), ('0.16', 0.4 ** 2), ('4.00', 2.0 ** 2),
                                          ('5.69', nW2), ('2.3854', math.sqrt(nW2))]),
        N('- $\\lVert g_b\\rVert^2 = 0.25', [('0.25', 0.5 ** 2), ('1.00', 1.0 ** 2), ('1.25', nb2), ('1.1180', math.sqrt(nb2))]),
        N('$$\\lVert g \\rVert_2 = \\lVert g_W\\rVert + \\lVert g_b\\rVert', [('3.5034', tot)]),
        N('$$\\frac{c}{\\lVert g\\rVert_2} = \\frac{1.0}', [('3.5034', tot), ('0.2854', k)]),
        N('$$\\hat g_W \\approx', [('0.0856', hW[0, 0]), ('-0.3425', hW[0, 1]), ('0.1142', hW[1, 0]), ('0.5709', hW[1, 1]),
                                 ('-0.1427', hb[0]), ('0.2854', hb[1])]),
        N('可以看到 $g_W$ 里最大的那个', [('0.57', hW[1, 1]), ('5.0', hW[1, 1] / hW[1, 0])]),
        S('如果改用逐元素截断', ok50),
    ]


# ======================================================================
# 06  truncated BPTT counts (Qiita)  -- correct
# ======================================================================
def f06():
    rng = np.random.default_rng(606)
    n, T = 2, 4
    W = rng.normal(size=(n, n)) * 0.8; U = rng.normal(size=(n, 1)); X = rng.normal(size=(T + 1, 1))
    Y = rng.normal(size=(T + 1, n)); h0 = rng.normal(size=n)

    def states(Wf):
        hs = [h0]
        for t in range(1, T + 1):
            hs.append(np.tanh(Wf.reshape(n, n) @ hs[-1] + U @ X[t]))
        return hs

    def loss(Wf):
        hs = states(Wf)
        return sum(0.5 * np.sum((hs[t] - Y[t]) ** 2) for t in range(1, T + 1))
    hs = states(W.ravel())

    def roll(hk, k, t):
        h = hk
        for s_ in range(k + 1, t + 1):
            h = np.tanh(W @ h + U @ X[s_])
        return h
    total = np.zeros(n * n)
    for t in range(1, T + 1):
        dLt = hs[t] - Y[t]
        for k in range(1, t + 1):
            Jtk = fd_jac(lambda hv: roll(hv, k, t), hs[k]) if k < t else np.eye(n)
            Dplus = fd_jac(lambda Wf: np.tanh(Wf.reshape(n, n) @ hs[k - 1] + U @ X[k]), W.ravel())
            total += dLt @ Jtk @ Dplus
    ok13 = close(total, fd(loss, W.ravel()))

    def pairs_full(T_):
        return sum(1 for t in range(1, T_ + 1) for k in range(1, t + 1))
    ok19 = all(pairs_full(T_) == T_ * (T_ + 1) // 2 for T_ in range(1, 60))
    Tn, tau = 1000, 35
    segs = [list(range(s0, min(s0 + tau, Tn + 1))) for s0 in range(1, Tn + 1, tau)]
    lens = [len(sg) for sg in segs]
    trunc_pairs = sum(1 for sg in segs for t in sg for k in sg if k <= t)
    full = Tn * (Tn + 1) // 2
    Ntok, B = 929589, 20
    batch_len = Ntok // B
    epoch_size = (batch_len - 1) // tau
    used = epoch_size * tau * B
    k1, k2 = 5, 20
    upd = list(range(k1, Tn + 1, k1))
    back = sum(min(k2, t) for t in upd)
    short = [t for t in upd if t < k2]
    ok61 = True
    for _ in range(50):
        rho = rng.uniform(-0.95, 0.95); tt = int(rng.integers(1, 30))
        lhs = sum(rho ** j for j in range(tt)) / (1 / (1 - rho))
        ok61 &= abs(lhs - (1 - rho ** tt)) < 1e-12 and abs(sum(rho ** j for j in range(tt)) - (1 - rho ** tt) / (1 - rho)) < 1e-12
    ok68 = ok19 and trunc_pairs == sum(L_ * (L_ + 1) // 2 for L_ in lens)
    return [
        G('PTB の言語モデルを写経'),
        G('$h_t = f(h_{t-1}, x_t; W)$'),
        S('\\frac{\\partial L}{\\partial W} = \\sum_{t=1}^{T} \\sum_{k=1}^{t}', ok13),
        G('です（$\\partial^{+}$ は'),
        S('\\#\\{(t,k) : 1 \\le k \\le t \\le T\\}', ok19),
        N('$T = 1000$ なら', [('500500', full)]),
        G('## Truncated BPTT（長さ'),
        G('系列を長さ $\\tau$ のセグメントに切り'),
        G('$T = 1000$, $\\tau = 35$ の場合'),
        N('- セグメント数', [('29', len(segs)), ('28', lens.count(35)), ('980', 35 * lens.count(35)), ('20', lens[-1])]),
        N('- 長さ 35 のセグメント', [('630', sum(1 for t in segs[0] for k in segs[0] if k <= t))]),
        N('- 合計：', [('17640', 28 * 630), ('210', 20 * 21 // 2), ('17850', trunc_pairs)]),
        N('つまり残っているのは', [('3.6', 100 * trunc_pairs / full), ('96', 100 - 100 * trunc_pairs / full)]),
        G('> 注意：計算量の話ではありません'),
        G('Zaremba らの実装と同じ切り方'),
        N('batch_len  = N // B', [('46479', batch_len)]),
        N('epoch_size = (batch_len - 1)', [('1327', epoch_size)]),
        N('1 エポックあたり', [('928900', used), ('689', Ntok - used)]),
        G('Sutskever の定式化では'),
        N('- 更新回数', [('200', len(upd))]),
        SN('- 遡るステップ数の合計', short == [5, 10, 15] and len(upd) - len(short) == 197, [('3970', back)]),
        G('1 ステップごとに勾配が一定の倍率'),
        S('\\frac{\\sum_{j=0}^{\\tau-1}\\rho^j}', ok61),
        N('$\\rho = 0.6$, $\\tau = 3$ なら', [('0.36', 0.6 ** 2), ('1.96', 1 + 0.6 + 0.36), ('2.5', 1 / (1 - 0.6)),
                                         ('0.784', 1.96 / 2.5), ('0.994', 1 - 0.6 ** 10)]),
        S('- 完全 BPTT の項数は', ok68),
        G('- 勾配がすぐ減衰するモデルなら'),
    ]


# ======================================================================
# 07  additive attention score gradients (Spanish notes) -- planted: dE/ds = W r (no transpose)
# ======================================================================
def f07():
    rng = np.random.default_rng(707)
    da, ds, dh = 3, 3, 4          # square W so that the (wrong) formula is even computable
    W = rng.normal(size=(da, ds)); U = rng.normal(size=(da, dh)); v = rng.normal(size=da)
    s_ = rng.normal(size=ds); H = rng.normal(size=(5, dh))
    score = lambda W_, U_, v_, s0, hj: v_ @ np.tanh(W_ @ s0 + U_ @ hj)
    ok8 = (W @ s_).shape == (da,) and (U @ H[0]).shape == (da,) and np.ndim(score(W, U, v, s_, H[0])) == 0
    hj = H[1]; zj = W @ s_ + U @ hj; uj = np.tanh(zj); rj = v * (1 - uj * uj)
    ok16 = close(fd(lambda vv: score(W, U, vv, s_, hj), v), uj) and close(fd(lambda z: v @ np.tanh(z), zj), rj)
    e = np.array([score(W, U, v, s_, h_) for h_ in H])
    soft = lambda ee: np.exp(ee - ee.max()) / np.exp(ee - ee.max()).sum()
    al = soft(e)
    ok20 = close(fd_jac(soft, e), np.diag(al) - np.outer(al, al))
    g_s = fd(lambda sv: score(W, U, v, sv, hj), s_)
    g_h = fd(lambda hv: score(W, U, v, s_, hv), hj)
    g_W = fd(lambda Wv: score(Wv, U, v, s_, hj), W)
    ok24 = close(g_s, W @ rj) and close(g_h, U.T @ rj) and close(g_W, np.outer(rj, s_))
    # also the non-square case d_a=3, d_s=2: `W r_j` needs W.shape[1] == len(r_j) == d_a, and must give a d_s-vector
    W2 = rng.normal(size=(3, 2)); r2 = rng.normal(size=3)
    ok24 &= (W2.shape[1] == r2.shape[0]) and (W2.shape[0] == 2)
    assert (W2.T @ r2).shape == (2,)          # the transpose has the right size

    # numeric example
    Wn = np.array([[0.5, 0.2], [-0.3, 0.4]]); vn = np.array([1.0, -1.0]); sn = np.array([1.0, 0.5])
    Hn = [np.array([1.0, 0.0]), np.array([0.0, 1.0])]
    Ws = Wn @ sn
    z1 = Ws + Hn[0]; z2 = Ws + Hn[1]; u1 = np.tanh(z1); u2 = np.tanh(z2)
    e1 = vn @ u1; e2 = vn @ u2
    a1 = np.exp(e1) / (np.exp(e1) + np.exp(e2)); a2 = 1 - a1
    r1 = vn * (1 - u1 ** 2)
    gs_true = fd(lambda sv: vn @ np.tanh(Wn @ sv + Hn[0]), sn)
    gW_true = fd(lambda Wv: vn @ np.tanh(Wv @ sn + Hn[0]), Wn)
    return [
        G('Sea $s \\equiv s_{i-1}'),
        S('$$e_j = v^{\\top}\\tanh', ok8),
        G('Los pesos son $\\alpha_j'),
        G('Llamamos $z_j = W s + U h_j$'),
        S('\\frac{\\partial e_j}{\\partial v} = u_j', ok16),
        G('Para la softmax se usa'),
        S('\\frac{\\partial \\alpha_j}{\\partial e_k} = \\alpha_j', ok20),
        G('Aplicando la regla de la cadena'),
        S('\\frac{\\partial e_j}{\\partial s} = W\\, r_j', ok24),
        G('Tomamos $d_a = d_s = d_h = 2$'),
        G('$$W = \\begin{pmatrix} 0{,}5 & 0{,}2'),
        N('**Paso 1.**', [('0{,}6', Ws[0]), ('-0{,}1', Ws[1])]),
        N('**Paso 2.**', [('1{,}6', z1[0]), ('0{,}92167', u1[0]), ('-0{,}09967', u1[1]), ('1{,}02134', e1)]),
        N('$z_2 = (0{,}6;', [('0{,}9', z2[1]), ('0{,}53705', u2[0]), ('0{,}71630', u2[1]), ('-0{,}17925', e2)]),
        N('**Paso 3.**', [('1{,}2006', e1 - e2), ('0{,}7686', a1), ('0{,}2314', a2)]),
        N('$$r_1 = v \\odot (1-u_1^2)', [('0{,}8495', u1[0] ** 2), ('0{,}0099', u1[1] ** 2), ('0{,}1505', r1[0]), ('-0{,}9901', r1[1])]),
        N('$$\\frac{\\partial e_1}{\\partial s} = W r_1', [('-0{,}1228', gs_true[0]), ('-0{,}4412', gs_true[1])]),
        S('**Paso 5 (gradiente respecto a $W$).**', gW_true.shape == Wn.shape == (2, 2)),
        N('$$\\frac{\\partial e_1}{\\partial W} = r_1 s^\\top', [('0{,}1505', gW_true[0, 0]), ('0{,}0753', gW_true[0, 1]),
                                                               ('-0{,}9901', gW_true[1, 0]), ('-0{,}4950', gW_true[1, 1])]),
        SN('**Observación.**', np.abs(gW_true[1]).sum() > np.abs(gW_true[0]).sum(),
           [('0{,}99', 1 - u1[1] ** 2), ('0{,}15', 1 - u1[0] ** 2)]),
    ]


# ======================================================================
# 08  sequence cross-entropy and perplexity (Portuguese notes) -- correct
# ======================================================================
def f08():
    rng = np.random.default_rng(808)
    ok12 = True
    for _ in range(20):
        p = rng.uniform(0.01, 1, size=int(rng.integers(1, 12)))
        Lm = -np.mean(np.log(p))
        ok12 &= abs(np.exp(Lm) - np.exp(-np.sum(np.log(p)) / p.size)) < 1e-9 and abs(np.exp(Lm) - np.prod(p) ** (-1 / p.size)) < 1e-9
        ok12 &= abs(np.exp(Lm) - 1 / np.exp(np.mean(np.log(p)))) < 1e-9     # inverse geometric mean
    V = 10000
    ok14 = abs(np.exp(-np.mean(np.log(np.full(7, 1 / V)))) - V) < 1e-6
    p = np.array([0.25, 0.5, 0.1, 0.8]); nl = -np.log(p)
    Lm = nl.mean(); ppl = math.exp(Lm)
    B = 2 * math.log(2)
    Lc = (nl.sum() + B) / 6
    # sensitivity: dPPL/dL = PPL
    dppl = (math.exp(Lm + EPS) - math.exp(Lm - EPS)) / (2 * EPS)
    ok47 = abs(dppl - ppl) < 1e-6
    return [
        G('Um modelo de linguagem autorregressivo'),
        G('$$\\mathcal{L} = -\\frac{1}{T}\\sum_{t=1}^{T} \\ln p_t ,$$'),
        S('$$\\mathrm{PPL} = e^{\\mathcal{L}} = \\exp', ok12),
        SN('Ou seja, a PPL é o inverso', ok12 and ok14, [('9{,}2103', math.log(V))]),
        G('Frase com $T = 4$ tokens'),
        G('| $t$ | $p_t$ |'),
        N('| 1 | 0,25 |', [('1,38629', nl[0])]),
        N('| 2 | 0,5 |', [('0,69315', nl[1])]),
        N('| 3 | 0,1 |', [('2,30259', nl[2])]),
        N('| 4 | 0,8 |', [('0,22314', nl[3])]),
        N('Soma: $1{,}38629', [('4{,}60517', nl.sum()), ('1{,}1513', Lm)]),
        N('$$\\mathrm{PPL} = e^{1{,}1513}', [('3{,}1623', ppl)]),
        N('Conferindo pela forma do produto', [('0{,}01', p.prod()), ('100', 1 / p.prod()), ('3{,}1623', math.sqrt(10))]),
        N('**Em bits.**', [('1{,}15129', Lm), ('0{,}69315', math.log(2)), ('1{,}6610', Lm / math.log(2)), ('3{,}1623', 2 ** (Lm / math.log(2)))]),
        N('Acrescente uma frase B', [('1{,}3863', B)]),
        G('A perplexidade **do corpus**'),
        N('\\mathcal{L}_{\\text{corpus}} = \\frac{4{,}6052', [('4{,}6052', nl.sum()), ('5{,}9915', nl.sum() + B), ('0{,}9986', Lc), ('2{,}714', math.exp(Lc))]),
        N('Já a média aritmética', [('2{,}581', (ppl + math.exp(B / 2)) / 2)]),
        SN('Como $\\dfrac{d\\,\\mathrm{PPL}}{d\\mathcal{L}}', ok47,
           [('1{,}1413', Lm - 0.01), ('3{,}1308', math.exp(Lm - 0.01)), ('3{,}1307', ppl * (1 - 0.01)),
            ('1', 100 * (1 - math.exp(-0.01)))]),
        SN('Por isso, em modelos com PPL alta', abs(100 * (1 - math.exp(-0.01)) - 1) < 0.5, [('0{,}01', 0.01)]),
    ]


# ======================================================================
# 09  parameter counts (Stack Overflow answer) -- planted: Keras GRU (reset_after=True)
# ======================================================================
def nparams(*shapes):
    return int(sum(np.zeros(sh).size for sh in shapes))


def keras_rnn(d, h):       return nparams((d, h), (h, h), (h,))
def keras_lstm(d, h):      return nparams((d, 4 * h), (h, 4 * h), (4 * h,))
def keras_gru_ra(d, h):    return nparams((d, 3 * h), (h, 3 * h), (2, 3 * h))     # reset_after=True (TF2 default)
def torch_lstm(d, h):      return nparams((4 * h, d), (4 * h, h), (4 * h,), (4 * h,))
def torch_gru(d, h):       return nparams((3 * h, d), (3 * h, h), (3 * h,), (3 * h,))
def torch_rnn(d, h):       return nparams((h, d), (h, h), (h,), (h,))


def f09():
    d, h, V = 10, 20, 5000
    x = np.zeros((1, d)); Wk = np.zeros((d, h)); Uk = np.zeros((h, h)); hp = np.zeros((1, h)); bk = np.zeros(h)
    ok10 = (x @ Wk + hp @ Uk + bk).shape == (1, h)
    emb = nparams((V, d)); dense = nparams((h, V), (V,))
    return [
        N('**Q:** I have', [('2480', keras_lstm(d, h))]),
        G('**A (accepted'),
        S('Let $d$ = input features', keras_rnn(d, h) == nparams((d, h), (h, h), (h,))),
        S('**SimpleRNN.** One block', ok10),
        SN('$$P_{\\text{RNN}} = dh + h^2 + h', d * h + h * h + h == h * (d + h) + h == keras_rnn(d, h),
           [('620', keras_rnn(d, h))]),
        S('**LSTM.** Four blocks', keras_lstm(d, h) == 4 * keras_rnn(d, h)),
        N('$$P_{\\text{LSTM}} = 4', [('620', keras_rnn(d, h)), ('2480', keras_lstm(d, h))]),
        G('**GRU.** Three blocks'),
        N('$$P_{\\text{GRU}} = 3', [('1860', keras_gru_ra(d, h))]),
        G('You can sanity-check'),
        N('**Stacking.**', [('820', h * (h + h) + h), ('3280', keras_lstm(h, h)), ('4960', 2 * keras_lstm(d, h))]),
        G('**PyTorch is different.**'),
        N('P^{\\text{torch}}_{\\text{LSTM}} = 4h(d+h)', [('2400', 4 * h * (d + h)), ('160', 8 * h), ('2560', torch_lstm(d, h)),
                                                      ('1800', 3 * h * (d + h)), ('120', 6 * h), ('1920', torch_gru(d, h))]),
        N("and `nn.RNN(10, 20)` has", [('640', torch_rnn(d, h)), ('80', torch_lstm(d, h) - keras_lstm(d, h))]),
        G('**Full model example.**'),
        G('| layer | formula | params |'),
        N('| Embedding |', [('50 000', emb)]),
        N('| LSTM | $4(h(d+h)+h)$', [('2 480', keras_lstm(d, h))]),
        N('| Dense |', [('105 000', dense)]),
        N('| **total** |', [('157 480', emb + keras_lstm(d, h) + dense)]),
        S('Note that the recurrent layer is the *smallest*', keras_lstm(d, h) < min(emb, dense)),
    ]


# ======================================================================
# 10  LSTM cell path (Italian exam solution) -- correct
# ======================================================================
def f10():
    rng = np.random.default_rng(1010)
    n, m = 3, 2
    f = sig(rng.normal(size=n)); i = sig(rng.normal(size=n)); g = np.tanh(rng.normal(size=n))
    cp = rng.normal(size=n)
    ok10 = close(fd_jac(lambda c: f * c + i * g, cp), np.diag(f))
    # (b) chain of direct paths with gates fixed
    T = 5
    F = sig(rng.normal(size=(T + 1, n))); K = rng.normal(size=(T + 1, n))

    def cT_from(ck, k):
        c = ck
        for t in range(k + 1, T + 1):
            c = F[t] * c + K[t]
        return c
    ok16 = all(close(fd_jac(lambda c: cT_from(c, k), cp), np.diag(np.prod(F[k + 1:T + 1], axis=0))) for k in range(0, T))
    # (d) full delta c_{t-1}: real LSTM step t whose gates depend on h_{t-1}
    P = {k: rng.normal(size=(n, n)) * 0.6 for k in 'fiog'}
    Q = {k: rng.normal(size=(n, m)) * 0.6 for k in 'fiog'}
    x = rng.normal(size=m); o_prev = sig(rng.normal(size=n))
    a_w, b_w, e_w = rng.normal(size=n), rng.normal(size=n), rng.normal(size=n)

    def gates(hprev):
        return (sig(P['f'] @ hprev + Q['f'] @ x), sig(P['i'] @ hprev + Q['i'] @ x),
                sig(P['o'] @ hprev + Q['o'] @ x), np.tanh(P['g'] @ hprev + Q['g'] @ x))

    def loss_hc(hprev, cprev):                 # h_{t-1} and c_{t-1} as independent inputs
        ft, it, ot, gt = gates(hprev)
        ct = ft * cprev + it * gt
        return a_w @ hprev + b_w @ (ot * np.tanh(ct)) + e_w @ ct

    def loss_c(cprev):                         # true dependence h_{t-1} = o_{t-1} tanh(c_{t-1})
        return loss_hc(o_prev * np.tanh(cprev), cprev)
    hprev = o_prev * np.tanh(cp)
    ft, it, ot, gt = gates(hprev)
    ct = ft * cp + it * gt
    dh_prev = fd(lambda hv: loss_hc(hv, cp), hprev)
    dc_t = fd(lambda cv: b_w @ (ot * np.tanh(cv)) + e_w @ cv, ct)
    ok36 = close(fd(loss_c, cp), dh_prev * o_prev * (1 - np.tanh(cp) ** 2) + dc_t * ft)
    # (e) dL/db_f through c_t
    af = rng.normal(size=n)
    dc = rng.normal(size=n)
    ok48 = close(fd(lambda bf: dc @ (sig(af + bf) * cp + i * g), np.zeros(n)), dc * cp * sig(af) * (1 - sig(af)))
    ok46 = ok48 and close(fd(lambda bf: np.sum(sig(af + bf)), np.zeros(n)), sig(af) * (1 - sig(af)))

    fs = [0.9, 0.95, 0.8, 0.99]
    th = math.tanh(1.0)
    term1 = 0.2 * 0.6 * (1 - th ** 2); term2 = 0.5 * 0.9
    s1 = sig(1.0)
    return [
        G('**Testo (riassunto).**'),
        G('**(a)** Tenendo fissi'),
        S('\\frac{\\partial c_t}{\\partial c_{t-1}}\\bigg|_{\\text{dir}} = \\operatorname{diag}(f_t)', ok10),
        S('Niente matrice di pesi', ok10),
        G('**(b)** Iterando la regola'),
        S('\\frac{\\partial c_T}{\\partial c_k}\\bigg|_{\\text{dir}} = \\prod', ok16),
        G('Esempio (scalare, 4 passi)'),
        N('$$0{,}9 \\cdot 0{,}95 = 0{,}855', [('0{,}855', 0.9 * 0.95), ('0{,}684', 0.9 * 0.95 * 0.8), ('0{,}67716', np.prod(fs))]),
        SN('Confronto: una RNN «vanilla»', np.prod(fs) / 0.675 ** 4 > 3, [('0{,}2076', 0.675 ** 4)]),
        G('**(c)** Con ingressi a media nulla'),
        G('| $b_f$ | $\\sigma(b_f)$'),
        N('| 0 | 0,5 |', [('0,5', sig(0.0)), ('0{,}000977', sig(0.0) ** 10)]),
        N('| 1 | $\\approx 0{,}7311$', [('0{,}7311', sig(1.0)), ('0{,}0436', sig(1.0) ** 10)]),
        N('| 2 | $\\approx 0{,}8808$', [('0{,}8808', sig(2.0)), ('0{,}2810', sig(2.0) ** 10)]),
        G('Da qui il consiglio'),
        G('**(d)** $c_{t-1}$ influenza la perdita'),
        S('$$\\delta c_{t-1} = \\delta h_{t-1} \\odot o_{t-1}', ok36),
        G('Numeri (scalari): $\\delta c_t = 0{,}5$'),
        N('- $\\tanh(1) \\approx', [('0{,}7616', th), ('0{,}4200', 1 - th ** 2)]),
        N('- primo termine', [('0{,}0504', term1)]),
        N('- secondo termine', [('0{,}45', term2)]),
        N('- totale', [('0{,}5004', term1 + term2)]),
        S('Il secondo termine (cammino della cella) domina', term2 > term1),
        S('**(e)** Poiché', ok46),
        S('$$\\frac{\\partial L}{\\partial b_f}\\bigg|_{t}', ok48),
        N('Con $f_t = \\sigma(1)', [('0{,}7311', s1), ('0{,}1966', s1 * (1 - s1)), ('0{,}0983', 0.5 * 1 * s1 * (1 - s1))]),
        G('*Errori frequenti:*'),
    ]


# ======================================================================
# 11  BPTT exam key, 2-d state (Polish) -- planted: h_t instead of h_{t-1} in dL/dW
# ======================================================================
def f11():
    W = np.array([[0.5, -0.3], [0.2, 0.3]]); u = np.array([1.0, 0.3]); v = np.array([1.0, -1.0])
    x1, x2 = 1.0, 0.5; h0 = np.zeros(2)

    def fwd(W_, u_):
        a1 = W_ @ h0 + u_ * x1; h1 = np.tanh(a1)
        a2 = W_ @ h1 + u_ * x2; h2 = np.tanh(a2)
        return a1, h1, a2, h2
    L = lambda W_, u_: v @ fwd(W_, u_)[3]
    a1, h1, a2, h2 = fwd(W, u)
    Wh1 = W @ h1
    q2 = 1 - h2 * h2; g2 = v * q2; d1 = W.T @ g2; q1 = 1 - h1 * h1; g1 = d1 * q1
    # symbolic checks
    La2 = lambda a: v @ np.tanh(a)
    La1 = lambda a: v @ np.tanh(W @ np.tanh(a) + u * x2)
    ok17 = close(fd(La2, a2), g2) and close(fd(La1, a1), g1)
    Lh1 = lambda h: v @ np.tanh(W @ h + u * x2)
    ok19 = close(fd(lambda h: v @ h, h2), v) and close(fd(Lh1, h1), W.T @ g2)
    gW_fd = fd(lambda Wv: L(Wv, u), W)
    ok28 = close(gW_fd, np.outer(g1, h1) + np.outer(g2, h2))      # as written (h_t)
    ok34 = close(fd(lambda uv: L(W, uv), u), g1 * x1 + g2 * x2)
    A = np.outer(g2, h2); Bm = np.outer(g1, h1)
    gu = g1 * x1 + g2 * x2
    return [
        G('**Dane.** Sieć rekurencyjna'),
        G('$$h_t = \\tanh(W h_{t-1} + u\\,x_t), \\qquad L = v^{\\mathsf T} h_2,$$'),
        G('$$W = \\begin{bmatrix} 0{,}5 & -0{,}3'),
        N('- $h_1 = \\tanh(u\\,x_1)', [('0{,}7616', h1[0]), ('0{,}2913', h1[1])]),
        N('- $W h_1 \\approx', [('0{,}2934', Wh1[0]), ('0{,}2397', Wh1[1])]),
        N('- $a_2 = W h_1 + u\\,x_2', [('0{,}15', u[1] * x2), ('0{,}7934', a2[0]), ('0{,}3897', a2[1])]),
        N('- $h_2 = \\tanh(a_2)', [('0{,}6603', h2[0]), ('0{,}3711', h2[1]), ('0{,}2892', L(W, u))]),
        S('**b) Rekurencja wsteczna (3 pkt).**', ok17),
        S('$$\\delta_2 = v, \\qquad \\delta_1 = W^{\\mathsf T}\\hat g_2 .$$', ok19),
        N('- $1 - h_2\\odot h_2', [('0{,}5640', q2[0]), ('0{,}8623', q2[1]), ('-0{,}8623', g2[1])]),
        N('- $\\delta_1 = W^{\\mathsf T}\\hat g_2 \\approx', [('0{,}1095', d1[0]), ('-0{,}4279', d1[1])]),
        N('- $1 - h_1\\odot h_1', [('0{,}4200', q1[0]), ('0{,}9151', q1[1]), ('0{,}0460', g1[0]), ('-0{,}3916', g1[1])]),
        G('**c) Gradient względem $W$ (3 pkt).**'),
        S('$$\\frac{\\partial L}{\\partial W} = \\sum_{t=1}^{2} \\hat g_t\\, h_t^{\\mathsf T}', ok28),
        N('$$\\hat g_2 h_2^{\\mathsf T} \\approx', [('0{,}3724', A[0, 0]), ('0{,}2093', A[0, 1]), ('-0{,}5694', A[1, 0]), ('-0{,}3200', A[1, 1]),
                                               ('0{,}0350', Bm[0, 0]), ('0{,}0134', Bm[0, 1]), ('-0{,}2982', Bm[1, 0]), ('-0{,}1141', Bm[1, 1])]),
        N('$$\\frac{\\partial L}{\\partial W} \\approx', [('0{,}4074', gW_fd[0, 0]), ('0{,}2227', gW_fd[0, 1]),
                                                       ('-0{,}8676', gW_fd[1, 0]), ('-0{,}4341', gW_fd[1, 1])]),
        S('**d) Gradient względem $u$ (2 pkt).**', ok34),
        N('$$\\frac{\\partial L}{\\partial u} \\approx', [('0{,}0460', g1[0] * x1), ('0{,}2820', g2[0] * x2), ('0{,}4311', -g2[1] * x2),
                                                       ('0{,}328', gu[0]), ('-0{,}823', gu[1])]),
        G('*Uwagi dla sprawdzających:*'),
    ]


# ======================================================================
# 12  d2l-style BPTT (Korean textbook section) -- correct
# ======================================================================
def f12():
    rng = np.random.default_rng(1212)
    n, m, q, T = 3, 2, 2, 4
    Whx = rng.normal(size=(n, m)); Whh = rng.normal(size=(n, n)) * 0.6; Wqh = rng.normal(size=(q, n))
    X = rng.normal(size=(T + 1, m)); Y = rng.normal(size=(T + 1, q))

    def run(Whx_, Whh_, Wqh_, hs_override=None):
        h = np.zeros(n); hs = [h]; os_ = [None]; Ls = 0.0
        for t in range(1, T + 1):
            h = Whx_ @ X[t] + Whh_ @ h
            hs.append(h); o = Wqh_ @ h; os_.append(o)
            Ls += 0.5 * np.sum((o - Y[t]) ** 2)
        return Ls / T, hs, os_
    Lval, hs, os_ = run(Whx, Whh, Wqh)

    def loss_from_h(t0, ht0):           # total L with h_{t0} replaced
        h = ht0; Ls = 0.0
        for t in range(1, T + 1):
            if t < t0:
                o = os_[t]
            else:
                if t > t0:
                    h = Whx @ X[t] + Whh @ h
                o = Wqh @ h
            Ls += 0.5 * np.sum((o - Y[t]) ** 2)
        return Ls / T

    def loss_from_o(t0, ot0):
        return sum(0.5 * np.sum(((ot0 if t == t0 else os_[t]) - Y[t]) ** 2) for t in range(1, T + 1)) / T
    dO = {t: (os_[t] - Y[t]) / T for t in range(1, T + 1)}
    ok12 = all(close(fd(lambda o: loss_from_o(t, o), os_[t]), dO[t]) for t in range(1, T + 1))
    ok14 = close(fd(lambda W_: run(Whx, Whh, W_)[0], Wqh), sum(np.outer(dO[t], hs[t]) for t in range(1, T + 1)))
    dH_fd = {t: fd(lambda h: loss_from_h(t, h), hs[t]) for t in range(1, T + 1)}
    ok16 = close(dH_fd[T], Wqh.T @ dO[T])
    ok18 = all(close(dH_fd[t], Whh.T @ dH_fd[t + 1] + Wqh.T @ dO[t]) for t in range(1, T))
    ok22 = all(close(dH_fd[t], sum(np.linalg.matrix_power(Whh.T, T - i) @ Wqh.T @ dO[T + t - i] for i in range(t, T + 1)))
               for t in range(1, T + 1))
    ok28 = (close(fd(lambda W_: run(W_, Whh, Wqh)[0], Whx), sum(np.outer(dH_fd[t], X[t]) for t in range(1, T + 1))) and
            close(fd(lambda W_: run(Whx, W_, Wqh)[0], Whh), sum(np.outer(dH_fd[t], hs[t - 1]) for t in range(1, T + 1))))
    # eigenvalue remark
    A = rng.normal(size=(4, 4)); A = A / max(abs(np.linalg.eigvals(A)))
    ok24 = (np.linalg.norm(np.linalg.matrix_power((0.8 * A).T, 200)) < 1e-10 and
            np.linalg.norm(np.linalg.matrix_power((1.2 * A).T, 200)) > 1e10)

    # scalar example
    whx, whh, wqh = 1.0, 0.5, 2.0; xs = [None, 1.0, 0.0, -1.0]; ys = [None, 1.0, 1.0, 0.0]

    def Ls(whx_, whh_, wqh_):
        h = 0.0; tot = 0.0; H = [0.0]; O = [None]
        for t in (1, 2, 3):
            h = whx_ * xs[t] + whh_ * h; H.append(h); O.append(wqh_ * h)
            tot += 0.5 * (wqh_ * h - ys[t]) ** 2
        return tot / 3, H, O
    Lv, H, O = Ls(whx, whh, wqh)
    dO_ = [None] + [(O[t] - ys[t]) / 3 for t in (1, 2, 3)]
    dH3 = wqh * dO_[3]; dH2 = whh * dH3 + wqh * dO_[2]; dH1 = whh * dH2 + wqh * dO_[1]
    expand1 = whh ** 2 * wqh * dO_[3] + whh * wqh * dO_[2] + wqh * dO_[1]
    g_hh = dH1 * H[0] + dH2 * H[1] + dH3 * H[2]
    g_hx = dH1 * xs[1] + dH2 * xs[2] + dH3 * xs[3]
    g_qh = dO_[1] * H[1] + dO_[2] * H[2] + dO_[3] * H[3]
    fd3 = [(Ls(whx + EPS, whh, wqh)[0] - Ls(whx - EPS, whh, wqh)[0]) / (2 * EPS),
           (Ls(whx, whh + EPS, wqh)[0] - Ls(whx, whh - EPS, wqh)[0]) / (2 * EPS),
           (Ls(whx, whh, wqh + EPS)[0] - Ls(whx, whh, wqh - EPS)[0]) / (2 * EPS)]
    ok46 = all(abs(a - b) < 5e-5 for a, b in zip(fd3, [g_hx, g_hh, g_qh]))
    return [
        G('계산을 단순하게 하기 위해'),
        G('$$\\mathbf{h}_t = \\mathbf{W}_{hx}\\mathbf{x}_t'),
        G('이고, 목적 함수는 전체'),
        G('$$L = \\frac{1}{T}\\sum_{t=1}^{T} l(\\mathbf{o}_t, y_t).$$'),
        S('**출력 쪽.**', ok12),
        S('\\frac{\\partial L}{\\partial \\mathbf{W}_{qh}} = \\sum_{t=1}^{T}', ok14),
        S('**은닉 상태.**', ok16),
        S('$$\\frac{\\partial L}{\\partial \\mathbf{h}_t} = \\mathbf{W}_{hh}^\\top \\frac{\\partial L}{\\partial \\mathbf{h}_{t+1}}', ok18),
        S('\\big(\\mathbf{W}_{hh}^\\top\\big)^{T-i}', ok22),
        S('의 거듭제곱이 등장한다는 점이 핵심이다', ok24),
        G('**매개변수.**'),
        S('\\frac{\\partial L}{\\partial \\mathbf{W}_{hx}} = \\sum_{t=1}^{T}', ok28),
        G('$T = 3$, $w_{hx} = 1$'),
        SN('- 순전파:', H[1:] == [1.0, 0.5, -0.75] and O[1:] == [2.0, 1.0, -1.5], [('-0.75', H[3]), ('-1.5', O[3])]),
        N('- 손실: $L = ', [('0.5', 0.5 * 1 ** 2), ('1.125', 0.5 * 1.5 ** 2), ('0.5417', Lv)]),
        SN('- $\\partial L/\\partial o_t = (o_t - y_t)/3', close(dO_[1:], [1 / 3, 0.0, -0.5], tol=1e-15), [('-0.5', dO_[3])]),
        N('- 역방향 점화식', [('-1', dH3), ('-0.5', dH2), ('0.4167', dH1)]),
        N('- 전개식으로 확인', [('-0.25', whh ** 2 * wqh * dO_[3]), ('0.6667', wqh * dO_[1]), ('0.4167', expand1)]),
        N('\\frac{\\partial L}{\\partial w_{hh}} = 0.4167', [('0.4167', dH1), ('-1', g_hh)]),
        N('\\frac{\\partial L}{\\partial w_{hx}} = 0.4167', [('1.4167', g_hx), ('0.7083', g_qh)]),
        S('중심 차분으로 수치 미분을 해 보면', ok46),
    ]


# ======================================================================
# 13  sequence cross-entropy (Vietnamese blog) -- planted: dl/dz = e_y - p (sign)
# ======================================================================
def softmax(z):
    e = np.exp(z - np.max(z)); return e / e.sum()


def f13():
    rng = np.random.default_rng(1313)
    V = 5
    z = rng.normal(size=V); p = softmax(z); y = 2
    J = fd_jac(softmax, z)
    ok12 = all(abs(J[i, i] - (p[i] - p[i] ** 2)) < 1e-8 for i in range(V)) and \
        all(abs(J[i, k] + p[i] * p[k]) < 1e-8 for i in range(V) for k in range(V) if i != k)
    ok14 = close(J, np.diag(p) - np.outer(p, p))
    ey = np.eye(V)[y]
    g_true = fd(lambda zz: -np.log(softmax(zz)[y]), z)
    ok20 = close(g_true, ey - p)           # as written
    ok22 = ok20
    ok31 = abs(np.sum(g_true)) < 1e-8 and close(softmax(z + 3.7), softmax(z), tol=1e-12)
    # masked mean: dL/dz_t = m_t / sum(m) * grad l_t
    Zs = rng.normal(size=(5, V)); Ys = [0, 3, 1, 2, 4]; m = np.array([1, 1, 1, 0, 0.0])
    Lm = lambda Zf: sum(m[t] * -np.log(softmax(Zf.reshape(5, V)[t])[Ys[t]]) for t in range(5)) / m.sum()
    G_fd = fd(Lm, Zs.ravel()).reshape(5, V)
    ok50 = all(close(G_fd[t], m[t] / m.sum() * (softmax(Zs[t]) - np.eye(V)[Ys[t]])) for t in range(5))

    zn = np.array([2.0, 1.0, 0.1]); en = np.exp(zn); pn = en / en.sum()
    ln = -math.log(pn[0])
    gn = pn - np.eye(3)[0]               # true gradient
    l2, l3 = -math.log(0.3), -math.log(0.6)
    tot = ln + l2 + l3
    return [
        G('Trong các mô hình ngôn ngữ dùng RNN/LSTM'),
        G('$$p_{t,k} = \\frac{e^{z_{t,k}}}'),
        G('Bài này tính đạo hàm'),
        S('Để gọn, bỏ chỉ số $t$.', ok12),
        S('$$\\frac{\\partial p_i}{\\partial z_k} = p_i\\,(\\delta_{ik} - p_k).$$', ok14),
        G('Vì $\\ell = -\\log p_y$ chỉ phụ thuộc'),
        S('$$\\frac{\\partial \\ell}{\\partial z_k} = -\\frac{1}{p_y}', ok20),
        S('Viết dưới dạng vector', ok22),
        G('**Ví dụ số.**'),
        N('- $e^{2} \\approx 7.3891$', [('7.3891', en[0]), ('2.7183', en[1]), ('1.1052', en[2]), ('11.213', en.sum())]),
        N('- $\\mathbf{p} \\approx', [('0.6590', pn[0]), ('0.2424', pn[1]), ('0.0986', pn[2])]),
        N('- $\\ell = -\\log 0.6590', [('0.4170', ln)]),
        N('- $\\nabla_{\\mathbf{z}}\\ell = \\mathbf{e}_1 - \\mathbf{p}', [('0.3410', gn[0]), ('-0.2424', gn[1]), ('-0.0986', gn[2])]),
        S('Để ý tổng các thành phần của gradient', ok31),
        N('Giả sử một câu đích có 3 token thật', [('0.6590', pn[0])]),
        G('| vị trí | $p_{t,y_t}$'),
        N('| 1 | 0.6590 |', [('0.4170', ln)]),
        N('| 2 | 0.3 |', [('1.2040', l2)]),
        N('| 3 | 0.6 |', [('0.5108', l3)]),
        G('| 4, 5 |'),
        G('Loss trung bình phải chia cho'),
        N('$$\\mathcal{L} = \\frac{\\sum_t m_t \\ell_t}', [('2.1318', tot), ('0.7106', tot / 3), ('2.0352', math.exp(tot / 3))]),
        N('Nếu lỡ chia cho 5', [('0.4264', tot / 5), ('1.5317', math.exp(tot / 5))]),
        S('Cuối cùng, với cách lấy trung bình này', ok50),
    ]


# ======================================================================
# 14  clipping homework (English student write-up) -- correct
# ======================================================================
def f14():
    rng = np.random.default_rng(1414)
    w, u = 1.5, 0.7; xs = rng.normal(size=31)

    def hT(h0, w_=w, T=30):
        h = h0
        for t in range(1, T + 1):
            h = w_ * h + u * xs[t]
        return h
    ok4 = abs((hT(0.3 + 1e-3, T=1) - hT(0.3 - 1e-3, T=1)) / 2e-3 - w) < 1e-9
    ok6 = abs((hT(0.3 + 1e-3) - hT(0.3 - 1e-3)) / 2e-3 - w ** 30) < 1e-3 * w ** 30
    g = np.array([3.0, -4.0, 12.0]); nrm = np.linalg.norm(g); tau = 5.0
    k = tau / nrm; gh = g * k
    gt = np.clip(g, -5, 5)
    cos = g @ gt / (nrm * np.linalg.norm(gt))
    cmap = lambda gg: tau * gg / np.linalg.norm(gg)
    ok26 = close(fd_jac(lambda gg: np.linalg.norm(gg), np.array([1.0, -2.0, 0.5])).ravel(), np.array([1.0, -2.0, 0.5]) / np.linalg.norm([1.0, -2.0, 0.5]))
    ok28 = True
    for _ in range(10):
        gg = rng.normal(size=4); nn_ = np.linalg.norm(gg)
        Jc = tau / nn_ * (np.eye(4) - np.outer(gg, gg) / nn_ ** 2)
        ok28 &= close(fd_jac(cmap, gg), Jc)
    g2 = np.array([3.0, 4.0])
    J2 = 1.0 / 5 * (np.eye(2) - np.outer(g2, g2) / 25)
    J2fd = fd_jac(lambda gg: gg / np.linalg.norm(gg), g2)
    P = np.eye(2) - np.outer(g2, g2) / 25
    ok30 = close(P @ P, P, tol=1e-12) and close(P @ g2, 0 * g2, tol=1e-12) and close(J2 @ g2, [0, 0], tol=1e-12)
    return [
        G('**HW3 — Problem 2'),
        S('**(a)** For the scalar linear RNN', ok4 and abs((math.tanh(1e-4 + 1e-7) - math.tanh(1e-4 - 1e-7)) / 2e-7 - 1) < 1e-6),
        S('\\frac{\\partial h_T}{\\partial h_0} = \\prod_{t=1}^{T}', ok6),
        SN('With $w = 1.5$ and $T = 30$', abs(1.9175e5 - 1.5 ** 30) <= 0.00005e5 and abs(9.3e-10 - 0.5 ** 30) <= 0.05e-10,
           [('57.67', 1.5 ** 10)]),
        G('**(b)** Global-norm clipping'),
        N('$$\\lVert g \\rVert = \\sqrt{3^2', [('9', 3 ** 2), ('16', 4 ** 2), ('144', 12 ** 2), ('169', 169), ('13', nrm)]),
        N('Scale factor $5/13', [('0.3846', k)]),
        N('$$\\hat g_W = \\tfrac{5}{13}(3, -4)', [('1.1538', gh[0]), ('-1.5385', gh[1]), ('4.6154', gh[2])]),
        N('Check: $\\sqrt{1.1538^2', [('25.000', np.sum(gh ** 2)), ('5.000', np.linalg.norm(gh))]),
        SN('**(c)** Compare with clipping each *element*', close(gt, [3, -4, 5]), [('50', np.sum(gt ** 2)), ('7.0711', np.linalg.norm(gt))]),
        N('$$\\cos\\theta = \\frac{g\\cdot\\tilde g}', [('60', 12 * 5), ('85', g @ gt), ('91.924', nrm * np.linalg.norm(gt)),
                                                    ('0.9247', cos), ('22.38', math.degrees(math.acos(cos)))]),
        N('So value clipping rotates the update', [('22', math.degrees(math.acos(cos)))]),
        S('**(d)** (Bonus) Jacobian of the clipping map', ok26),
        S('$$\\frac{\\partial c}{\\partial g} = \\frac{\\tau}{\\lVert g\\rVert}\\Big(I', ok28),
        S('It is $\\tau/\\lVert g \\rVert$ times the projector', ok30),
        SN('$$\\frac{\\partial c}{\\partial g} = \\frac{1}{5}\\left(I', close(J2, J2fd) and close(5 * J2, [[0.64, -0.48], [-0.48, 0.36]], tol=1e-12),
           [('0.128', J2[0, 0]), ('-0.096', J2[0, 1]), ('0.072', J2[1, 1])]),
        N('and indeed $\\begin{pmatrix} 0.128', [('0.384', J2[0, 0] * 3), ('0.288', -J2[1, 0] * 3)]),
        N('**(e)** With learning rate', [('1.3', 0.1 * nrm), ('0.5', 0.1 * tau)]),
    ]


# ======================================================================
# 15  GRU gate backprop + parameter count (Turkish notes) -- planted: dL/dz sign
# ======================================================================
def f15():
    rng = np.random.default_rng(1515)
    n = 3
    hp = rng.normal(size=n); az = rng.normal(size=n); ar = rng.normal(size=n); Uh = rng.normal(size=(n, n))
    base = rng.normal(size=n)            # W_h x + b_h
    dh = rng.normal(size=n)
    z = sig(az); r = sig(ar)
    ah = base + Uh @ (r * hp); ht = np.tanh(ah)
    out = lambda z_, ht_: dh @ ((1 - z_) * hp + z_ * ht_)
    ok21 = close(fd(lambda v: out(z, v), ht), dh * z) and close(fd(lambda v: out(v, ht), z), dh * (hp - ht))
    dz_true = dh * (ht - hp); dht = dh * z
    ok25 = (close(fd(lambda a: out(sig(a), ht), az), dz_true * z * (1 - z)) and
            close(fd(lambda a: out(z, np.tanh(a)), ah), dht * (1 - ht ** 2)))
    dah = dht * (1 - ht ** 2)
    Lr = lambda rr: out(z, np.tanh(base + Uh @ (rr * hp)))
    Lar = lambda a: Lr(sig(a))
    ok29 = close(fd(Lr, r), (Uh.T @ dah) * hp) and close(fd(Lar, ar), (Uh.T @ dah) * hp * r * (1 - r))
    ok23 = abs((sig(0.3 + EPS) - sig(0.3 - EPS)) / (2 * EPS) - sig(0.3) * (1 - sig(0.3))) < 1e-9

    # scalar example
    hps, azs, ars, ahs, uh = 0.2, 0.5, 1.0, 0.9, 0.8
    zs, rs, hts = sig(azs), sig(ars), math.tanh(ahs)
    hn = (1 - zs) * hps + zs * hts
    d_ht = zs; d_z = hts - hps; d_az = d_z * zs * (1 - zs); d_ah = d_ht * (1 - hts ** 2)
    d_r = uh * d_ah * hps; d_ar = d_r * rs * (1 - rs)
    # full-scale check of the scalar chain (r enters only via a_h = ... + U_h r h_{t-1})
    const = ahs - uh * rs * hps
    Ltot = lambda a_z, a_r: (1 - sig(a_z)) * hps + sig(a_z) * math.tanh(const + uh * sig(a_r) * hps)
    assert abs((Ltot(azs + EPS, ars) - Ltot(azs - EPS, ars)) / (2 * EPS) - d_az) < 1e-9
    assert abs((Ltot(azs, ars + EPS) - Ltot(azs, ars - EPS)) / (2 * EPS) - d_ar) < 1e-9
    d, nn_ = 8, 16
    cho = nparams((nn_, d), (nn_, nn_), (nn_,)) * 3
    return [
        G('Bu derste Cho vd. (2014)'),
        G('z_t &= \\sigma(a^z_t)'), G('r_t &= \\sigma(a^r_t)'), G('\\tilde h_t &= \\tanh(a^h_t)'),
        G('h_t &= (1 - z_t)\\odot h_{t-1} + z_t \\odot \\tilde h_t'),
        G('$\\delta h_t = \\partial L / \\partial h_t$ biliniyor'),
        S('$$\\frac{\\partial L}{\\partial \\tilde h_t} = \\delta h_t \\odot z_t', ok21),
        S('Aktivasyonların türevleri', ok23),
        S('$$\\frac{\\partial L}{\\partial a^z_t}', ok25),
        G('Sıfırlama kapısı yalnızca'),
        S('$$\\frac{\\partial L}{\\partial r_t} = \\Big(U_h^{\\top}', ok29),
        G('Verilenler: $h_{t-1} = 0{,}2$'),
        N('*İleri:* $z = \\sigma(0{,}5)', [('0{,}6225', zs), ('0{,}7311', rs), ('0{,}7163', hts)]),
        N('$h_t = 0{,}3775 \\cdot 0{,}2', [('0{,}3775', 1 - zs), ('0{,}0755', (1 - zs) * hps), ('0{,}4459', zs * hts), ('0{,}5214', hn)]),
        N('1. $\\partial L/\\partial \\tilde h', [('0{,}6225', d_ht)]),
        N('2. $\\partial L/\\partial z', [('-0{,}5163', d_z)]),
        N('3. $\\partial L/\\partial a^z', [('0{,}2350', zs * (1 - zs)), ('-0{,}1213', d_az)]),
        N('4. $\\partial L/\\partial a^h', [('0{,}4869', 1 - hts ** 2), ('0{,}3031', d_ah)]),
        N('5. $\\partial L/\\partial r', [('0{,}0485', d_r)]),
        N('6. $\\partial L/\\partial a^r', [('0{,}1966', rs * (1 - rs)), ('0{,}0095', d_ar)]),
        N("Ayrıca $h_{t-1}$'e giden", [('0{,}3775', 1 * (1 - zs))]),
        S('**Yorum.**', abs(d_r) < abs(d_ah)),
        G('Giriş boyutu $d = 8$'),
        N('$$P_{\\text{GRU}} = 3\\,(n d + n^2 + n)', [('128', nn_ * d), ('256', nn_ ** 2), ('16', nn_), ('400', cho // 3), ('1200', cho)]),
        N("PyTorch'ta (`nn.GRU(8, 16)`)", [('48', torch_gru(d, nn_) - cho), ('1248', torch_gru(d, nn_)),
                                          ('1600', 4 * (cho // 3)), ('0{,}75', cho / (4 * (cho // 3)))]),
    ]


# ======================================================================
# 16  backprop through additive attention (Dutch lecture notes) -- correct
# ======================================================================
def f16():
    rng = np.random.default_rng(1616)
    d, nh = 3, 4
    q = rng.normal(size=d); v = rng.normal(size=d); H = rng.normal(size=(nh, d)); gam = rng.normal(size=d)

    def ctx(Hm, vv):
        U_ = np.tanh(q + Hm); e = U_ @ vv; a = softmax(e); return a @ Hm, a, e, U_
    c, a, e, Um = ctx(H, v)
    g = H @ gam
    # L = gamma . c
    ok12 = close(fd(lambda aa: gam @ (aa @ H), a), g)
    ok16 = close(fd_jac(softmax, e), np.diag(a) - np.outer(a, a))
    dE_fd = fd(lambda ee: gam @ (softmax(ee) @ H), e)
    dE = a * (g - gam @ c)
    ok18 = close(dE_fd, dE) and close(dE_fd, np.array([sum(g[j] * a[j] * ((j == k) - a[k]) for j in range(nh)) for k in range(nh)]))
    ok20 = abs(a @ g - gam @ c) < 1e-12 and abs(dE.sum()) < 1e-12
    dv_fd = fd(lambda vv: gam @ ctx(H, vv)[0], v)
    dH_fd = fd(lambda Hm: gam @ ctx(Hm, v)[0], H)
    ok24 = close(dv_fd, dE @ Um) and all(close(dH_fd[j], a[j] * gam + v * (1 - Um[j] ** 2) * dE[j]) for j in range(nh))
    ok26 = not close(dH_fd[0], a[0] * gam)

    # worked example
    qn = np.array([0.2, -0.1]); vn = np.array([1.0, 0.5]); Hn = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]]); gn = np.array([1.0, -1.0])
    Un = np.tanh(qn + Hn); en = Un @ vn; an = softmax(en); cn = an @ Hn
    gg = Hn @ gn; gc = gn @ cn; dEn = an * (gg - gc)
    dvn = dEn @ Un
    rr = vn * (1 - Un[0] ** 2)
    dh1 = an[0] * gn + rr * dEn[0]

    def Lh(Hm):
        U_ = np.tanh(qn + Hm); a_ = softmax(U_ @ vn); return gn @ (a_ @ Hm)
    dh1_fd = fd(Lh, Hn)[0]
    dv_fdn = fd(lambda vv: gn @ (softmax(np.tanh(qn + Hn) @ vv) @ Hn), vn)
    return [
        G('**Opzet.** Encodertoestanden'),
        G('$$u_j = \\tanh(q + h_j), \\quad q = Ws'),
        G('Van de rest van het netwerk'),
        S('Omdat $c$ lineair is in de $\\alpha_j$', ok12),
        S('Met $\\partial \\alpha_j/\\partial e_k', ok16),
        S('$$\\frac{\\partial L}{\\partial e_k} = \\sum_j g_j', ok18),
        S('want $\\sum_j \\alpha_j g_j', ok20),
        S('$$\\frac{\\partial L}{\\partial v} = \\sum_j', ok24),
        S('Let op: $h_j$ komt op **twee** plaatsen', ok26),
        G('Gegeven: $q = (0{,}2;'),
        N('- $u_1 = \\tanh(1{,}2;', [('0{,}83365', Un[0, 0]), ('-0{,}09967', Un[0, 1]), ('0{,}04983', -0.5 * Un[0, 1]), ('0{,}7838', en[0])]),
        N('- $u_2 = \\tanh(0{,}2;', [('0{,}19738', Un[1, 0]), ('0{,}71630', Un[1, 1]), ('0{,}35815', 0.5 * Un[1, 1]), ('0{,}5555', en[1])]),
        N('- $u_3 = \\tanh(1{,}2;', [('0{,}83365', Un[2, 0]), ('0{,}71630', Un[2, 1]), ('1{,}1918', en[2])]),
        N('*Softmax en context.*', [('0{,}3031', an[0]), ('0{,}2412', an[1]), ('0{,}4557', an[2]), ('0{,}7588', cn[0]), ('0{,}6969', cn[1])]),
        SN('*Terug.* $g = ', close(gg, [1, -1, 0]), [('0{,}0619', gc)]),
        N('- $\\partial L/\\partial e_1', [('0{,}2843', dEn[0])]),
        N('- $\\partial L/\\partial e_2', [('-0{,}2561', dEn[1])]),
        N('- $\\partial L/\\partial e_3', [('-0{,}0282', dEn[2])]),
        N('Controle: $0{,}2843', [('0{,}0000', dEn.sum())]),
        SN('*Gradiënt naar $v$.*', close(dvn, dv_fdn), [('0{,}163', dvn[0]), ('-0{,}232', dvn[1])]),
        N('*Gradiënt naar $h_1$.*', [('0{,}3050', rr[0]), ('0{,}4950', rr[1])]),
        SN('$$\\frac{\\partial L}{\\partial h_1} \\approx', close(dh1, dh1_fd),
           [('0{,}0867', rr[0] * dEn[0]), ('0{,}1407', rr[1] * dEn[0]), ('0{,}390', dh1[0]), ('-0{,}162', dh1[1])]),
        SN('Een controle met centrale differenties', np.all(np.round(dh1_fd, 3) == np.round(dh1, 3)),
           [('0{,}303', an[0] * gn[0]), ('-0{,}303', an[0] * gn[1])]),
    ]


# ======================================================================
FILES = {
    '01_bptt_tanh_rnn_de.md': f01,
    '02_vanishing_jacobians_en.md': f02,
    '03_lstm_portes_derivees_fr.md': f03,
    '04_gru_jacobian_ru.md': f04,
    '05_grad_clip_global_norm_zh.md': f05,
    '06_truncated_bptt_counts_ja.md': f06,
    '07_atencion_aditiva_es.md': f07,
    '08_perplexidade_pt.md': f08,
    '09_rnn_param_counts_en.md': f09,
    '10_lstm_percorso_cella_it.md': f10,
    '11_bptt_kolokwium_pl.md': f11,
    '12_bptt_d2l_ko.md': f12,
    '13_cross_entropy_chuoi_vi.md': f13,
    '14_clipping_homework_en.md': f14,
    '15_gru_kapilar_tr.md': f15,
    '16_bahdanau_terugprop_nl.md': f16,
}


def main():
    verbose = '-v' in sys.argv
    expected = json.load(open(os.path.join(HERE, 'expected.json'), encoding='utf-8'))
    bad = 0
    for fname, fn in FILES.items():
        got = first_failing_line(fname, fn(), verbose)
        exp = expected.get(fname, 'missing')
        status = 'OK' if got == exp else 'MISMATCH'
        if status != 'OK':
            bad += 1
        print('%-36s expected=%-5s first_failing=%-5s %s' % (fname, exp, got, status))
    missing = set(expected) - set(FILES)
    for f in sorted(missing):
        print('%-36s no checks defined  MISMATCH' % f)
        bad += 1
    sys.exit(1 if bad else 0)


if __name__ == '__main__':
    main()
