#!/usr/bin/env python3
"""Independent NumPy check of corpus66 (activation functions, normalisation layers and numerical tricks around them).

For every file: an ordered list of checks (unique substring of one line,
predicate, declared structural tokens).  Every line that contains math
(LaTeX, inline code, code with a relation sign and a digit, Unicode math
symbols) must be covered.  Givens / definitions are GIVEN.  Worked numbers are
recomputed and must agree to their printed precision with the exact value or
with the value recomputed from the rounded numbers the author carried;
symbolic derivative claims are tested with central finite differences at
random points; sizes / parameter counts by building the tensors and counting.
Every number printed on a checked line must be a checked value or a declared
token ('*' = line not accounted, used for givens only).
The first line whose predicate is False must equal expected.json.
"""
import json, math, os, re, sys
from collections import Counter
import numpy as np

VERBOSE = '-v' in sys.argv
D = os.path.dirname(os.path.abspath(__file__))
RNG = np.random.default_rng(66)

# ------------------------------------------------------------------ helpers
def GIVEN():
    return True

def _num(s):
    s = s.strip().replace('−', '-').replace(',', '.')
    m = re.fullmatch(r'[+-]?(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?', s)
    assert m, f'bad number {s!r}'
    d = len(m.group(2) or '')
    e = int(m.group(3) or 0)
    return float(s), 0.5 * 10.0 ** (e - d) * (1 + 1e-9) + 1e-15

_LITS = []

def C(shown, *cands):
    """shown is correct to its printed precision for at least one candidate."""
    _LITS.append(shown)
    v, t = _num(shown)
    return any(abs(v - float(c)) <= t for c in cands)

def E(shown, val):
    """shown is exactly val."""
    _LITS.append(shown)
    v, _ = _num(shown)
    return abs(v - float(val)) <= 1e-9 * max(1.0, abs(float(val)))

_CARRY = []

def TRUTH(true_ok, carried_ok):
    """a line after a planted error: its value is the objective truth, but it must
    also be consistent with the error carried forward (recorded, reported as problem)."""
    _CARRY.append(bool(carried_ok))
    return bool(true_ok)

def _close(shown, c):
    v, t = _num(shown)
    return abs(v - float(c)) <= t

def CT(shown, true_vals, carried_vals):
    """shown numbers (list) vs. true values and vs. the values carried from the error."""
    tv = np.ravel(np.asarray(true_vals, float)); cv = np.ravel(np.asarray(carried_vals, float))
    _LITS.extend(shown)
    ok_t = tv.size == len(shown) and all(_close(s, tv[i]) for i, s in enumerate(shown))
    ok_c = cv.size == len(shown) and all(_close(s, cv[i]) for i, s in enumerate(shown))
    return TRUTH(ok_t, ok_c)

def CV(shown, *cands):
    arrs = [np.ravel(np.asarray(a, float)) for a in cands]
    if any(a.size != len(shown) for a in arrs):
        return False
    return all([C(s, *[a[i] for a in arrs]) for i, s in enumerate(shown)])

def EV(shown, arr):
    arr = np.ravel(np.asarray(arr, float))
    return arr.size == len(shown) and all([E(s, arr[i]) for i, s in enumerate(shown)])

def ALL(*xs):
    """evaluate every argument (so all literals get registered), then AND."""
    return all(bool(x) for x in xs)

def fd(f, x, h=1e-6):
    return (f(x + h) - f(x - h)) / (2 * h)

def grad(f, x, h=1e-6):
    x = np.array(x, dtype=float)
    g = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        e = np.zeros_like(x); e[idx] = h
        g[idx] = (f(x + e) - f(x - e)) / (2 * h)
    return g

def near(a, b, tol=1e-6):
    a = np.asarray(a, float); b = np.asarray(b, float)
    return a.shape == b.shape and np.allclose(a, b, atol=tol, rtol=0)

def rand(*shape, lo=-2, hi=2):
    return RNG.uniform(lo, hi, size=shape)

sig = lambda z: 1.0 / (1.0 + np.exp(-np.clip(z, -500, 500)))
def softmax(z):
    z = np.asarray(z, float); e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)

FILES = {}
def register(name, comma=False):
    def deco(fn):
        FILES[name] = (fn, comma)
        return fn
    return deco

# ======================================================================= 01
@register('01_batchnorm_backward_ioffe_appendix.md')
def f01():
    x = np.array([0.0, 1, 3, 4]); g = np.array([0.3, -0.2, 0.5, 0.1]); gam, bet, m = 1.5, 0.2, 4
    def parts(xx, mu, v, G=gam, B=bet, eps=0.0):
        return G * (xx - mu) / np.sqrt(v + eps) + B
    def bn(xx, G=gam, B=bet, eps=0.0):
        mu = xx.mean(); v = ((xx - mu) ** 2).mean()
        return parts(xx, mu, v, G, B, eps)
    mu = x.mean(); v = x.var(); s = np.sqrt(v); xh = (x - mu) / s
    dx_true = grad(lambda u: g @ bn(u), x)
    def formulas(xx, gg, G, eps):
        n = len(xx); mu_ = xx.mean(); v_ = xx.var(); s_ = np.sqrt(v_ + eps)
        dxh = gg * G
        dv = np.sum(dxh * (xx - mu_)) * (-0.5) * (v_ + eps) ** -1.5
        dmu = np.sum(dxh * (-1 / s_)) + dv * np.sum(-2 * (xx - mu_)) / n
        dx = dxh / s_ + dv * 2 * (xx - mu_) / n + dmu / n
        return mu_, v_, s_, dxh, dv, dmu, dx
    def cases():
        for _ in range(4):
            n = int(RNG.integers(3, 7)); xx, gg = rand(n), rand(n); G, B = RNG.uniform(0.5, 2), RNG.uniform(-1, 1)
            eps = [0.0, 1e-3, 0.1, 0.5][_]
            yield n, xx, gg, G, B, eps
    def a1():
        return all(near(grad(lambda xh_: gg @ (G * xh_ + B), (xx - xx.mean()) / np.sqrt(xx.var() + eps)), gg * G)
                   for n, xx, gg, G, B, eps in cases())
    def a2():
        ok = True
        for n, xx, gg, G, B, eps in cases():
            mu_, v_, s_, dxh, dv, dmu, dx = formulas(xx, gg, G, eps)
            ok &= abs(fd(lambda t: gg @ parts(xx, mu_, t, G, B, eps), v_) - dv) < 1e-6
        return ok
    def a3():
        ok = True
        for n, xx, gg, G, B, eps in cases():
            mu_, v_, s_, dxh, dv, dmu, dx = formulas(xx, gg, G, eps)
            f = lambda t: gg @ parts(xx, t, ((xx - t) ** 2).mean(), G, B, eps)
            ok &= abs(fd(f, mu_) - dmu) < 1e-6
        return ok
    def a4():
        ok = True
        for n, xx, gg, G, B, eps in cases():
            mu_, v_, s_, dxh, dv, dmu, dx = formulas(xx, gg, G, eps)
            ok &= near(grad(lambda u: gg @ bn(u, G, B, eps), xx), dx)
        return ok
    def a5():
        ok = True
        for n, xx, gg, G, B, eps in cases():
            xh_ = (xx - xx.mean()) / np.sqrt(xx.var() + eps)
            ok &= abs(fd(lambda t: gg @ bn(xx, t, B, eps), G) - gg @ xh_) < 1e-6
            ok &= abs(fd(lambda t: gg @ bn(xx, G, t, eps), B) - gg.sum()) < 1e-6
        return ok
    def zero_term():
        ok = True
        for n, xx, gg, G, B, eps in cases():
            mu_, v_, s_, dxh, dv, dmu, dx = formulas(xx, gg, G, eps)
            ok &= abs(np.sum(xx - mu_)) < 1e-12 and abs(dv * np.sum(-2 * (xx - mu_)) / n) < 1e-12
        return ok
    def compact():
        ok = True
        for n, xx, gg, G, B, eps in cases():
            s_ = np.sqrt(xx.var() + eps); xh_ = (xx - xx.mean()) / s_
            ok &= near(grad(lambda u: gg @ bn(u, G, B, eps), xx), G / (n * s_) * (n * gg - gg.sum() - xh_ * (gg @ xh_)))
        return ok
    def props():
        ok = True
        for n, xx, gg, G, B, eps in cases():
            s_ = np.sqrt(xx.var() + eps); xh_ = (xx - xx.mean()) / s_
            dx = G / (n * s_) * (n * gg - gg.sum() - xh_ * (gg @ xh_))
            ok &= abs(dx.sum()) < 1e-12 and near(bn(xx + 0.77, G, B, eps), bn(xx, G, B, eps))
            # first-order change of the batch mean / variance under the step x -> x - t * dx
            t = 1e-6; x2 = xx - t * dx
            ok &= abs(x2.mean() - xx.mean()) < 1e-14 and abs(fd(lambda s_: (xx - s_ * dx).mean(), 0.0)) < 1e-9
            if eps == 0:
                ok &= abs(xh_ @ dx) < 1e-12 and near(bn(2.3 * xx, G, B, 0.0), bn(xx, G, B, 0.0))
                ok &= abs(fd(lambda s_: (xx - s_ * dx).var(), 0.0)) < 1e-9
        return ok
    dxr = np.array([0.1755, -0.3273, 0.2799, -0.1281])
    mu_, v_, s_, dxh, dv, dmu, dx = formulas(x, g, gam, 0.0)
    def fd_claim():
        h = 1e-5; est = np.array([(g @ bn(x + h * e) - g @ bn(x - h * e)) / (2 * h) for e in np.eye(4)])
        return np.max(np.abs(est - dx)) < 1e-8
    return [
        ('We consider a single activation $x$', GIVEN, '1'),
        ('$$\\mu_{\\mathcal{B}} = \\frac{1}{m}', GIVEN, '*'),
        ('Let $\\ell$ denote the loss', GIVEN, '2 2'),
        ('&= g_i\\cdot\\gamma \\tag{A.1}', a1),
        ('\\tag{A.2}', a2, '2 1 2 2 -3 2'),
        ('\\tag{A.3}', a3, '-1 2 2 1 2'),
        ('\\tag{A.4}', a4, '1 2 2 2 1'),
        ('\\tag{A.5}', a5),
        ('The second term of (A.3) is identically zero', lambda: zero_term() and E('0', 0)),
        ('$$\\frac{\\partial \\ell}{\\partial x_i} = \\frac{\\gamma}', compact, '2'),
        ('Two properties follow directly from (A.6)', lambda: props() and E('0', 0) and E('0', 0) and E('0', 0) and E('0', 0) and E('0', 0) and E('2', 2)),
        ('**Numerical sanity check.**', lambda: fd_claim() and E('4', m) and E('0', 0) and E('1.5', gam) and E('0.2', bet)
            and EV(['0', '1', '3', '4'], x) and EV(['0.3', '-0.2', '0.5', '0.1'], g) and E('2', mu) and E('2.5', v) and E('2', 2) and C('1.5811', s)
            and E('0.7', g.sum()) and C('0.1897', g @ xh), '10 -5 2'),
        ('*Table A.1.* Intermediate values', GIVEN),
        ('| $i$ | $x_i$ |', GIVEN),
        ('| 1 | 0 | $-1.2649$', lambda: E('1', 1) and E('0', x[0]) and C('-1.2649', xh[0]) and E('0.3', g[0]) and E('0.45', dxh[0]) and C('0.1755', dx_true[0], dx[0])),
        ('| 2 | 1 | $-0.6325$', lambda: E('2', 2) and E('1', x[1]) and C('-0.6325', xh[1]) and E('-0.2', g[1]) and E('-0.30', dxh[1]) and C('-0.3273', dx_true[1], dx[1])),
        ('| 3 | 3 | $0.6325$', lambda: E('3', 3) and E('3', x[2]) and C('0.6325', xh[2]) and E('0.5', g[2]) and E('0.75', dxh[2]) and C('0.2799', dx_true[2], dx[2])),
        ('| 4 | 4 | $1.2649$', lambda: E('4', 4) and E('4', x[3]) and C('1.2649', xh[3]) and E('0.1', g[3]) and E('0.15', dxh[3]) and C('-0.1281', dx_true[3], dx[3])),
        ('The intermediate node gradients are', lambda: C('-0.0569', dv) and C('-0.6641', dmu)
            and C('0.1897', fd(lambda t: g @ bn(x, t), gam)) and C('0.7', fd(lambda t: g @ bn(x, gam, t), bet))
            and C('0.1755', dx_true[0]) and C('0.3273', -dx_true[1]) and C('0.2799', dx_true[2]) and C('0.1281', -dx_true[3]) and C('0', dxr.sum()) and fd_claim(), '2 10 -8'),
    ]

# ======================================================================= 02
@register('02_batchnorm_graph_kratzert_de.md', comma=True)
def f02():
    x = np.array([1.0, 2, 3, 6]); N, Dd = 4, 1; gamma, beta = 2.0, 0.5; dout = np.array([0.1, -0.3, 0.2, 0.4])
    def fwd(xx, G=gamma, B=beta, eps=0.0):
        mu = xx.mean(axis=0); xmu = xx - mu; sq = xmu ** 2; var = sq.mean(axis=0)
        sqrtvar = np.sqrt(var + eps); ivar = 1 / sqrtvar; xhat = xmu * ivar
        return dict(mu=mu, xmu=xmu, sq=sq, var=var, sqrtvar=sqrtvar, ivar=ivar, xhat=xhat, out=G * xhat + B)
    F = fwd(x); xmu, var, sqrtvar, ivar, xhat = F['xmu'], F['var'], F['sqrtvar'], F['ivar'], F['xhat']
    Lx = lambda xx: dout @ fwd(xx)['out']
    dx_true = grad(Lx, x)
    # exact backward, gate by gate
    dxhat = dout * gamma; divar = np.sum(dxhat * xmu); dxmu1 = dxhat * ivar
    dsqrtvar = -1 / sqrtvar ** 2 * divar; dvar = 0.5 / np.sqrt(var) * dsqrtvar; dsq = np.ones(N) * dvar / N
    dxmu2 = 2 * xmu * dsq; dx1 = dxmu1 + dxmu2; dmu = -np.sum(dxmu1 + dxmu2)
    # the author's carried numbers after step 1 (d mu / d x_i taken as 1)
    dx1_r = np.array([0.3054, -0.2214, 0.2138, 0.1298]); dmu_r = -0.4276
    dx_car = dx1_r + dmu_r
    # gate-level local rules, tested by finite differences at random points
    def gate_rules(which):
        ok = True
        for _ in range(3):
            xx = rand(5); up = rand(5); n = 5; mu = xx.mean(); xm = xx - mu; v = (xm ** 2).mean()
            if which == 'plus':      # out = gammax + beta (beta broadcast over rows)
                ok &= abs(fd(lambda b: up @ (xm + b), 0.3) - up.sum()) < 1e-6 and near(grad(lambda gx: up @ (gx + 0.3), xm), up)
            if which == 'mul':       # gammax = gamma * xhat
                G = 1.7; ok &= abs(fd(lambda g_: up @ (g_ * xm), G) - up @ xm) < 1e-6 and near(grad(lambda u: up @ (G * u), xm), G * up)
            if which == 'mul2':      # xhat = xmu * ivar, ivar a scalar per column
                iv = 0.8; ok &= abs(fd(lambda t: up @ (xm * t), iv) - up @ xm) < 1e-6 and near(grad(lambda u: up @ (u * iv), xm), up * iv)
            if which == 'inv':
                s0 = abs(xx[0]) + 0.5; ok &= abs(fd(lambda s: 1 / s, s0) + 1 / s0 ** 2) < 1e-6
            if which == 'sqrt':
                eps = 0.01; ok &= abs(fd(lambda t: np.sqrt(t + eps), v) - 1 / (2 * np.sqrt(v + eps))) < 1e-6
            if which == 'mean_sq':   # var = 1/N sum sq  ->  dsq = 1/N * dvar
                ok &= near(grad(lambda q: q.mean(), xm ** 2), np.ones(n) / n)
            if which == 'square':
                ok &= near(grad(lambda u: up @ (u ** 2), xm), 2 * xm * up)
            if which == 'sub':       # xmu = x - mu: d/dx = up, d/dmu = -sum(up)
                ok &= near(grad(lambda u: up @ (u - mu), xx), up) and abs(fd(lambda m_: up @ (xx - m_), mu) + up.sum()) < 1e-6
            if which == 'mean_x':    # mu = 1/N sum x
                ok &= near(grad(lambda u: u.mean(), xx), np.ones(n))          # the claim "d mu / d x_i = 1"
        return ok
    def code_fwd():
        xx = rand(6, 3); eps = 1e-5
        mu = 1. / 6 * np.sum(xx, axis=0); xm = xx - mu; var_ = 1. / 6 * np.sum(xm ** 2, axis=0)
        return near(mu, xx.mean(0)) and near(var_, xx.var(0)) and near(xm / np.sqrt(var_ + eps), (xx - xx.mean(0)) / np.sqrt(xx.var(0) + eps))
    def code_back(upto):
        """run the blog's backward code on a random (N, D) batch and compare each quantity with finite differences"""
        n, d = 5, 3; xx = rand(n, d); G = rand(d); B = rand(d); up = rand(n, d); eps = 1e-5
        mu = 1. / n * np.sum(xx, axis=0); xm = xx - mu; sq = xm ** 2; var_ = 1. / n * np.sum(sq, axis=0)
        sv = np.sqrt(var_ + eps); iv = 1. / sv; xh = xm * iv
        f_out = lambda u, g_=G, b_=B: np.sum(up * (g_ * ((u - u.mean(0)) / np.sqrt(u.var(0) + eps)) + b_))
        res = {}
        res['dbeta'] = near(np.sum(up, axis=0), grad(lambda b_: f_out(xx, G, b_), B))
        res['dgamma'] = near(np.sum(up * xh, axis=0), grad(lambda g_: f_out(xx, g_, B), G))
        dxh = up * G; res['dxhat'] = near(dxh, grad(lambda u: np.sum(up * (G * u + B)), xh))
        div = np.sum(dxh * xm, axis=0); res['divar'] = near(div, grad(lambda t: np.sum(dxh * xm * t), iv))
        dxm1 = dxh * iv; res['dxmu1'] = near(dxm1, grad(lambda u: np.sum(dxh * u * iv), xm))
        dsv = -1. / (sv ** 2) * div; res['dsqrtvar'] = near(dsv, grad(lambda s: np.sum(dxh * xm / s), sv))
        dv = 0.5 * 1. / np.sqrt(var_ + eps) * dsv; res['dvar'] = near(dv, grad(lambda v_: np.sum(dxh * xm / np.sqrt(v_ + eps)), var_))
        dsq_ = 1. / n * np.ones((n, d)) * dv; res['dsq'] = near(dsq_, grad(lambda q: np.sum(dxh * xm / np.sqrt(q.mean(0) + eps)), sq))
        dxm2 = 2 * xm * dsq_; res['dxmu2'] = near(dxm1 + dxm2, grad(lambda u: np.sum(dxh * u / np.sqrt((u ** 2).mean(0) + eps)), xm))
        dx1_ = dxm1 + dxm2; dmu_ = -1 * np.sum(dxm1 + dxm2, axis=0)
        res['dmu'] = near(dmu_, grad(lambda m_: np.sum(dxh * (xx - m_) / np.sqrt(((xx - m_) ** 2).mean(0) + eps)), mu))
        dx2_blog = np.ones((n, d)) * dmu_
        res['dx2'] = near(dx2_blog, grad(lambda u: np.sum(dxh * (xx - u.mean(0)) / np.sqrt(((xx - u.mean(0)) ** 2).mean(0) + eps)), xx))
        res['dx'] = near(dx1_ + dx2_blog, grad(lambda u: f_out(u), xx))
        res['dx_car'] = near(dx1_ + dx2_blog, dx1_ + dmu_)     # code = text's carried rule
        return res[upto]
    return [
        ('Wer gerade Assignment 2', GIVEN, '2'),
        ('mu = 1./N * np.sum(x, axis=0)', code_fwd, '1 0 1'),
        ('xmu = x - mu', GIVEN, '2'),
        ('sq = xmu ** 2', GIVEN, '2 3'),
        ('var = 1./N * np.sum(sq, axis=0)', code_fwd, '1 0 4'),
        ('sqrtvar = np.sqrt(var + eps)', GIVEN, '5'),
        ('ivar = 1./sqrtvar', GIVEN, '1 6'),
        ('xhat = xmu * ivar', GIVEN, '7'),
        ('gammax = gamma * xhat', GIVEN, '8'),
        ('out = gammax + beta', GIVEN, '9'),
        ('**Zum Mitrechnen**', lambda: E('4', N) and E('1', Dd) and E('0', 0) and E('2', gamma) and E('0.5', beta)
            and EV(['1', '2', '3', '6'], x) and EV(['0.1', '-0.3', '0.2', '0.4'], dout) and E('3', F['mu'])
            and EV(['-2', '-1', '0', '3'], xmu) and E('2', 2) and EV(['4', '1', '0', '9'], F['sq']) and E('4', N) and E('3.5', var)
            and E('2', 2) and C('1.8708', sqrtvar) and E('1', 1) and E('2', 2) and C('0.5345', ivar)
            and CV(['-1.0690', '-0.5345', '0', '1.6036'], xhat)),
        ('**Schritt 9** (Addition)', lambda: gate_rules('plus') and E('9', 9) and E('0.4', fd(lambda b: dout @ fwd(x, gamma, b)['out'], beta).round(9)) and near(dout.sum(), 0.4)),
        ('**Schritt 8** (Multiplikation)', lambda: gate_rules('mul') and E('8', 8)
            and C('-0.1069', dout[0] * xhat[0]) and C('0.1604', dout[1] * xhat[1]) and E('0', dout[2] * xhat[2]) and C('0.6414', dout[3] * xhat[3])
            and C('0.6949', fd(lambda g_: dout @ fwd(x, g_)['out'], gamma), -0.1069 + 0.1604 + 0.6414)
            and EV(['0.2', '-0.6', '0.4', '0.8'], dxhat)),
        ('**Schritt 7** (Multiplikation mit zwei', lambda: gate_rules('mul2') and E('7', 7)
            and E('-0.4', dxhat[0] * xmu[0]) and E('0.6', dxhat[1] * xmu[1]) and E('0', dxhat[2] * xmu[2]) and E('2.4', dxhat[3] * xmu[3]) and E('2.6', divar)
            and CV(['0.1069', '-0.3207', '0.2138', '0.4276'], dxmu1)),
        ('**Schritt 6** (Kehrwert', lambda: gate_rules('inv') and E('6', 6) and E('-2.6', -divar) and E('3.5', sqrtvar ** 2)
            and C('-0.7429', dsqrtvar, -2.6 / 3.5), '1 1 2 1 2'),
        ('**Schritt 5** (Wurzel)', lambda: gate_rules('sqrt') and E('5', 5) and C('-0.7429', dsqrtvar) and E('2', 2) and C('1.8708', sqrtvar)
            and C('-0.1985', dvar, -0.7429 / (2 * 1.8708)), '1 2'),
        ('**Schritt 4** (Mittelwert über $N$)', lambda: gate_rules('mean_sq') and E('4', 4) and C('-0.0496', dsq[0], -0.1985 / 4), '1 1'),
        ('**Schritt 3** (Quadrat)', lambda: gate_rules('square') and E('3', 3) and E('2', 2)
            and CV(['0.1985', '0.0993', '0', '-0.2978'], dxmu2, 2 * xmu * -0.0496)),
        ('**Schritt 2** (Subtraktion', lambda: gate_rules('sub') and E('2', 2)
            and near(dx1 + dmu / N, dx_true) and near(dx1, grad(lambda u: dout @ (gamma * (u - F['mu']) / np.sqrt(((u - F['mu']) ** 2).mean()) + beta), x))
            and CV(['0.3054', '-0.2214', '0.2138', '0.1298'], dx1) and C('-0.4276', dmu, -dx1_r.sum())),
        ('**Schritt 1** (Mittelwert)', lambda: ALL(gate_rules('mean_x'), E('1', 1), E('1', 1), C('-0.4276', dmu))),
        ('**Schritt 0**', lambda: E('0', 0) and CT(['-0.1222', '-0.6490', '-0.2138', '-0.2978'], dx_true, dx_car), '1 2'),
        ('dbeta = np.sum(dout, axis=0)', lambda: code_back('dbeta'), '0'),
        ('dgammax = dout', lambda: code_back('dxhat')),
        ('dgamma = np.sum(dgammax * xhat, axis=0)', lambda: code_back('dgamma'), '0'),
        ('dxhat = dgammax * gamma', lambda: code_back('dxhat')),
        ('divar = np.sum(dxhat * xmu, axis=0)', lambda: code_back('divar'), '0'),
        ('dxmu1 = dxhat * ivar', lambda: code_back('dxmu1')),
        ('dsqrtvar = -1. / (sqrtvar ** 2) * divar', lambda: code_back('dsqrtvar'), '-1 2'),
        ('dvar = 0.5 * 1. / np.sqrt(var + eps) * dsqrtvar', lambda: code_back('dvar'), '0.5 1'),
        ('dsq = 1. / N * np.ones((N, D)) * dvar', lambda: code_back('dsq'), '1'),
        ('dxmu2 = 2 * xmu * dsq', lambda: code_back('dxmu2'), '2'),
        ('dx1 = dxmu1 + dxmu2', lambda: code_back('dxmu2')),
        ('dmu = -1 * np.sum(dxmu1 + dxmu2, axis=0)', lambda: code_back('dmu'), '-1 0'),
        ('dx2 = np.ones((N, D)) * dmu', lambda: TRUTH(code_back('dx2'), code_back('dx_car'))),
        ('dx = dx1 + dx2', lambda: TRUTH(code_back('dx'), code_back('dx_car'))),
    ]

# ======================================================================= 03
@register('03_softplus_elu_selu_fr.md', comma=True)
def f03():
    zeta = lambda x: np.logaddexp(0.0, x)
    elu = lambda x, a=1.0: np.where(x > 0, x, a * (np.exp(np.minimum(x, 0)) - 1))
    LAM, ALP = 1.0507009873554805, 1.6732632423543772
    selu = lambda x: LAM * elu(x, ALP)
    xs = rand(50, lo=-6, hi=6)
    def softplus_deriv():
        return all(abs(fd(zeta, t) - sig(t)) < 1e-6 and abs(np.exp(t) / (1 + np.exp(t)) - 1 / (1 + np.exp(-t))) < 1e-12 for t in xs)
    def remarks():
        grid = np.linspace(-30, 30, 60001)
        gap = zeta(grid) - np.maximum(0, grid)
        stable = np.maximum(grid, 0) + np.log1p(np.exp(-np.abs(grid)))
        return (near(zeta(xs) - zeta(-xs), xs, 1e-9) and np.all(gap > 0) and gap.max() <= np.log(2) + 1e-15
                and abs(grid[gap.argmax()]) < 1e-9 and near(stable, zeta(grid), 1e-12))
    def elu_deriv():
        ok = True
        for a in (0.5, 1.0, 1.7):
            for t in xs[np.abs(xs) > 1e-3]:
                ok &= abs(fd(lambda u: elu(u, a), t, 1e-7) - (1.0 if t > 0 else a * np.exp(t))) < 1e-6
        return ok
    def at_zero():
        ok = True
        for a in (0.5, 1.0, 1.7):
            h = 1e-7
            left = (elu(0.0, a) - elu(-h, a)) / h; right = (elu(h, a) - elu(0.0, a)) / h
            ok &= abs(left - a) < 1e-6 and abs(right - 1) < 1e-6 and ((abs(left - right) < 1e-5) == (a == 1.0))
            ok &= abs(elu(-60.0, a) + a) < 1e-12
        return ok
    def elu_shift():
        ok = True
        for a in (0.5, 1.7):
            t = xs[xs <= 0]; ok &= near(elu(t, a), a * np.exp(t) - a, 1e-12)
        return ok
    def elu_from_output():       # claim f'(x) = f(x) - alpha for x < 0
        ok = True
        for a in (0.5, 1.0, 1.7):
            for t in xs[xs < -1e-3]:
                ok &= abs(fd(lambda u: elu(u, a), t) - (elu(t, a) - a)) < 1e-6
        return ok
    def selu_moments():
        g = np.linspace(-12, 12, 240001); w = np.exp(-g ** 2 / 2) / np.sqrt(2 * np.pi); dg = g[1] - g[0]
        m1 = np.sum(selu(g) * w) * dg; m2 = np.sum(selu(g) ** 2 * w) * dg
        return abs(m1) < 1e-6 and abs(m2 - 1) < 1e-6 and near(selu(xs), LAM * elu(xs, ALP))
    def selu_cases():
        ok_pos = all(abs(fd(selu, t) - LAM) < 1e-6 for t in xs[xs > 1e-3])
        ok_neg = all(abs(fd(selu, t) - (selu(t) - LAM * ALP)) < 1e-6 for t in xs[xs < -1e-3])
        return TRUTH(ok_pos and ok_neg, ok_pos)
    x = np.array([-2, -0.5, 1.0]); dl = np.array([0.5, -1, 2]); fx = elu(x)
    d_true = np.where(x > 0, 1.0, np.exp(x)); d_car = np.where(x > 0, 1.0, fx - 1)
    fxr = np.array([-0.8647, -0.3935, 1]); d_car_r = np.where(x > 0, 1.0, fxr - 1)
    def zeta2():
        return all(abs((fd(zeta, t + 1e-4, 1e-5) - fd(zeta, t - 1e-4, 1e-5)) / 2e-4 - sig(t) * (1 - sig(t))) < 1e-5 and sig(t) * (1 - sig(t)) > 0 for t in xs)
    return [
        ('Dans tout ce paragraphe, $\\sigma$', GIVEN, '1 1'),
        ('**Softplus.** On pose', GIVEN, '1 0'),
        ("$$\\zeta'(x) = \\frac{e^{x}}{1+e^{x}}", softplus_deriv, '1 1 1'),
        ('*Remarques.* (i)', lambda: remarks() and E('0', 0) and E('0', 0) and E('2', 2) and E('0', 0) and E('0', 0), '1'),
        ('*Exemple.* $\\zeta(2)', lambda: E('2', 2) and E('1', 1) and E('2', 2) and C('2.1269', zeta(2.0)) and E('2', 2) and E('2', 2) and C('0.8808', sig(2.0))),
        ('**ELU.** Pour un paramètre', GIVEN, '0'),
        ('$$f(x) = \\begin{cases} x', GIVEN, '*'),
        ('\\qquad\\text{et}', GIVEN),
        ("f'(x) = \\begin{cases} 1 &", elu_deriv, '1 0 2 0'),
        ('En $x = 0$ la dérivée à gauche', lambda: at_zero() and E('0', 0) and E('1', 1) and E('0', 0) and E('1', 1)),
        ("*Astuce d'implémentation.*", lambda: elu_shift() and E('0', 0)),
        ("$$f'(x) = f(x) - \\alpha \\qquad (x < 0).$$", elu_from_output, '0'),
        ('**SELU.** Klambauer et al. (2017)', lambda: selu_moments() and E('2017', 2017) and C('1.0507', LAM) and C('1.6733', ALP)
            and E('0', 0) and E('1', 1) and E('0', 0) and E('2', 2) and E('1', 1)),
        ("$$\\mathrm{selu}'(x) = \\begin{cases}", selu_cases, '0 2 0'),
        ('**Exemple numérique (ELU', lambda: E('1', 1) and EV(['-2', '-0.5', '1'], x) and EV(['0.5', '-1', '2'], dl)),
        ('1. Passe avant :', lambda: E('-2', -2) and E('1', 1) and E('-0.5', -0.5) and E('1', 1) and E('1', 1)
            and CV(['-0.8647', '-0.3935', '1'], fx)),
        ('2. Dérivée à partir de la sortie', lambda: ALL(E('-0.8647', fxr[0]), E('1', 1), E('-0.3935', fxr[1]), E('1', 1), E('1', 1),
            CT(['-1.8647', '-1.3935', '1'], d_true, d_car_r))),
        ('3. Passe arrière :', lambda: CT(['-0.9323', '1.3935', '2'], dl * d_true, dl * d_car)),
        ('Pour la SELU en $x = -1$', lambda: ALL(E('-1', -1), C('1.7581', LAM * ALP), E('-1', -1), E('-1', -1), E('1', 1),
            C('-1.1113', selu(-1.0)), E('-1', -1), CT(['-1.1113'], selu(-1.0), -1.1113), C('1.7581', LAM * ALP),
            CT(['-2.8694'], LAM * ALP * np.exp(-1), -1.1113 - 1.7581))),
        ("*Exercice.* Vérifier que $\\zeta'' = \\sigma(1-\\sigma)$", lambda: zeta2() and E('1', 1)),
    ]

# ======================================================================= 04
@register('04_gelu_erf_tanh_se.md')
def f04():
    from math import erf as _erf
    erf = np.vectorize(_erf)
    Phi = lambda x: 0.5 * (1 + erf(np.asarray(x, float) / np.sqrt(2)))
    phi = lambda x: np.exp(-np.asarray(x, float) ** 2 / 2) / np.sqrt(2 * np.pi)
    gelu = lambda x: x * Phi(x)
    c = np.sqrt(2 / np.pi)
    uf = lambda x: c * (x + 0.044715 * x ** 3)
    gelu_t = lambda x: 0.5 * x * (1 + np.tanh(uf(x)))
    dgelu = lambda x: Phi(x) + x * phi(x)
    dgelu_t = lambda x: 0.5 * (1 + np.tanh(uf(x))) + 0.5 * x * (1 - np.tanh(uf(x)) ** 2) * c * (1 + 0.134145 * x ** 2)
    xs = rand(40, lo=-4, hi=4)
    def defs():
        ok = all(abs(fd(Phi, t) - phi(t)) < 1e-7 for t in xs)          # Phi really is the CDF of phi
        g = np.linspace(-12, 12, 200001); ok &= abs(np.sum(phi(g)) * (g[1] - g[0]) - 1) < 1e-9
        return ok and near(gelu(xs), xs / 2 * (1 + erf(xs / np.sqrt(2))), 1e-12)
    def exact_deriv():
        return all(abs(fd(gelu, t) - dgelu(t)) < 1e-6 for t in xs) and near(dgelu(xs), 0.5 * (1 + erf(xs / np.sqrt(2))) + xs / np.sqrt(2 * np.pi) * np.exp(-xs ** 2 / 2), 1e-12)
    def nonmono():
        g = np.linspace(-6, 0, 600001); d = dgelu(g)
        i = np.argmin(gelu(g))
        neg2 = np.all(g[g < 0] * phi(g[g < 0]) < 0)
        return neg2 and abs(g[i] + 0.7518) < 5e-5 and np.all(np.diff(np.sign(d))[g[1:] < -1] == 0) and abs(dgelu(-0.751791524693564)) < 1e-9
    def tanh_deriv():
        return (all(abs(fd(gelu_t, t) - dgelu_t(t)) < 1e-6 for t in xs)
                and all(abs(fd(uf, t) - c * (1 + 3 * 0.044715 * t ** 2)) < 1e-7 for t in xs) and abs(3 * 0.044715 - 0.134145) < 1e-15
                and all(abs(fd(np.tanh, t) - (1 - np.tanh(t) ** 2)) < 1e-7 for t in xs))
    u1 = uf(1.0); t1 = np.tanh(u1)
    return [
        ('**A** (accepted, 41 votes)', GIVEN, '41'),
        ('Write $\\Phi$ and $\\varphi$', GIVEN),
        ('$$\\mathrm{GELU}(x) = x\\,\\Phi(x)', defs, '2 1 2 1 2 2 2'),
        ("**Exact version.**", lambda: all(abs(fd(Phi, t) - phi(t)) < 1e-7 for t in xs)),
        ('$$\\frac{d}{dx}\\mathrm{GELU}(x) = \\Phi(x)', exact_deriv, '1 2 1 2 2 2 2'),
        ('Note the second term is negative', lambda: nonmono() and E('0', 0) and C('-0.7518', -0.751791524693564)
            and C('-0.1700', gelu(-0.751791524693564)) and near(np.min(gelu(np.linspace(-3, 0, 300001))), gelu(-0.751791524693564), 1e-9)),
        ('$$\\mathrm{GELU}(x) \\approx \\tfrac{1}{2}x', lambda: np.max(np.abs(gelu_t(np.linspace(-6, 6, 1201)) - gelu(np.linspace(-6, 6, 1201)))) < 1e-3,
            '1 2 1 2 0.044715 3'),
        ("With $u' = \\sqrt{2/\\pi}", lambda: tanh_deriv() and E('0.044715', 0.044715) and E('0.134145', 3 * 0.044715), '2 1 3 2 2 1 2 1 2'),
        ('$$\\frac{d}{dx}\\Big[\\tfrac12 x(1+\\tanh u)\\Big]', tanh_deriv, '1 2 1 1 2 1 1 2 1 2 2 1 0.134145 2'),
        ('A handy rewrite: since', lambda: near(0.5 * (1 + np.tanh(xs)), sig(2 * xs), 1e-12) and near(gelu_t(xs), xs * sig(2 * uf(xs)), 1e-12), '1 2 1 2 2'),
        ('**Numbers at $x = 1$**', lambda: E('1', 1)),
        ('- exact: $\\Phi(1)', lambda: E('1', 1) and C('0.8413', Phi(1.0)) and E('1', 1) and C('0.2420', phi(1.0))
            and E('1', 1) and C('0.8413', gelu(1.0)) and E('1', 1) and C('0.8413', Phi(1.0)) and C('0.2420', phi(1.0)) and C('1.0833', dgelu(1.0), 0.8413 + 0.2420)),
        ('- tanh: $u = 0.7979', lambda: C('0.7979', c) and E('1.044715', 1 + 0.044715) and C('0.8336', u1) and C('0.6824', t1)
            and C('0.5344', 1 - t1 ** 2) and C('0.7979', c) and E('1.134145', 1 + 0.134145) and C('0.9049', c * 1.134145, 0.7979 * 1.134145), '1 2'),
        ('- so the approximate value is', lambda: E('0.5', 0.5) and C('1.6824', 1 + t1) and C('0.8412', gelu_t(1.0), 0.5 * 1.6824)
            and C('0.8412', 0.5 * 1.6824) and E('0.5', 0.5) and C('0.5344', 1 - t1 ** 2) and C('0.9049', c * 1.134145)
            and C('0.8412', 0.5 * 1.6824) and C('0.2418', 0.5 * 0.5344 * 0.9049) and C('1.0830', dgelu_t(1.0), 0.8412 + 0.2418)),
        ('| $x$ | GELU exact |', GIVEN),
        ('| $-1$ |', lambda: E('-1', -1) and C('-0.1587', gelu(-1.0)) and C('-0.1588', gelu_t(-1.0)) and C('-0.0833', dgelu(-1.0)) and C('-0.0830', dgelu_t(-1.0))),
        ('| $1$ |', lambda: E('1', 1) and C('0.8413', gelu(1.0)) and C('0.8412', gelu_t(1.0)) and C('1.0833', dgelu(1.0)) and C('1.0830', dgelu_t(1.0))),
        ('So the two derivatives differ in the fourth decimal', lambda: all(
            round(float(dgelu(t)), 3) == round(float(dgelu_t(t)), 3) and round(float(dgelu(t)), 4) != round(float(dgelu_t(t)), 4) for t in (-1.0, 1.0))),
        ('cdf = 0.5 * (1.0 + math.erf', lambda: near(0.5 * (1.0 + erf(xs / math.sqrt(2.0))), Phi(xs)), '0.5 1.0 2.0'),
        ('pdf = math.exp(-0.5 * x * x)', lambda: near(np.exp(-0.5 * xs * xs) / math.sqrt(2.0 * math.pi), phi(xs)), '-0.5 2.0'),
        ('return cdf + x * pdf', lambda: E('1.0', 1.0) and E('1.0833154705876864',
            0.5 * (1.0 + math.erf(1.0 / math.sqrt(2.0))) + 1.0 * math.exp(-0.5) / math.sqrt(2.0 * math.pi)) and abs(dgelu(1.0) - 1.0833154705876864) < 1e-15),
        ('In PyTorch you get the two variants', GIVEN),
    ]

# ======================================================================= 05
@register('05_swish_beta_mish_ja.md')
def f05():
    sw = lambda x, b=1.0: x * sig(b * x)
    dsw = lambda x, b=1.0: sig(b * x) + b * x * sig(b * x) * (1 - sig(b * x))
    zeta = lambda x: np.log1p(np.exp(x))
    mish = lambda x: x * np.tanh(zeta(x))
    dmish = lambda x: np.tanh(zeta(x)) + x * (1 - np.tanh(zeta(x)) ** 2) * sig(x)
    xs = rand(40, lo=-5, hi=5); bs = RNG.uniform(0.2, 3, 40)
    def sigp():
        return all(abs(fd(sig, t) - sig(t) * (1 - sig(t))) < 1e-7 for t in xs)
    def dx():
        return all(abs(fd(lambda u: sw(u, b), t) - dsw(t, b)) < 1e-6
                   and abs(dsw(t, b) - (b * sw(t, b) + sig(b * t) * (1 - b * sw(t, b)))) < 1e-12 for t, b in zip(xs, bs))
    def dbeta():
        return all(abs(fd(lambda bb: sw(t, bb), b) - t ** 2 * sig(b * t) * (1 - sig(b * t))) < 1e-6 for t, b in zip(xs, bs))
    def limits():
        return (near(sw(xs, 0.0), xs / 2, 1e-15) and all(abs(fd(lambda u: sw(u, 0.0), t) - 0.5) < 1e-7 for t in xs)
                and near(sw(xs, 1e4), np.maximum(0, xs), 1e-3) and np.max(np.abs(sw(xs, 1e3) - np.maximum(0, xs))) > np.max(np.abs(sw(xs, 1e5) - np.maximum(0, xs))))
    def mish_d():
        return (all(abs(fd(mish, t) - dmish(t)) < 1e-6 for t in xs) and all(abs(fd(zeta, t) - sig(t)) < 1e-7 for t in xs)
                and all(abs(fd(np.tanh, t) - 1 / np.cosh(t) ** 2) < 1e-7 and abs(1 / np.cosh(t) ** 2 - (1 - np.tanh(t) ** 2)) < 1e-12 for t in xs))
    def wtrick():
        w = 1 + np.exp(xs); return near(np.tanh(zeta(xs)), (w ** 2 - 1) / (w ** 2 + 1), 1e-12)
    out1 = [dsw(1.0), dsw(1.0, 2.0), dmish(1.0)]
    def code1():
        sigmoid = lambda z: 1.0 / (1.0 + np.exp(-z))
        def swish_grad(x, beta=1.0):
            s = sigmoid(beta * x); return s + beta * x * s * (1.0 - s)
        def mish_grad(x):
            t = np.tanh(np.log1p(np.exp(x))); return t + x * (1.0 - t ** 2) * sigmoid(x)
        return [swish_grad(1.0), swish_grad(1.0, beta=2.0), mish_grad(1.0)]
    def code2():
        h = 1e-5; xx = np.linspace(-4.0, 4.0, 81); f = lambda x: x * sig(2.0 * x)
        num = (f(xx + h) - f(xx - h)) / (2 * h)
        return bool(np.abs(num - dsw(xx, 2.0)).max() < 1e-8) and xx.size == 81
    s1, s2 = sig(1.0), sig(2.0); z1 = zeta(1.0); t1 = np.tanh(z1)
    return [
        ('自動微分に頼らず導関数を手で出し', lambda: sigp() and near(sig(xs), 1 / (1 + np.exp(-xs))), '1 1 1'),
        ('## 1. Swish（β 付き）', GIVEN, '1'),
        ('定義は $f_\\beta(x)', lambda: E('1', 1) and near(sw(xs, 1.0), xs * sig(xs))),
        ('$$\\frac{\\partial f_\\beta}{\\partial x} = \\sigma(\\beta x)', dx, '1 1'),
        ('右側の形は順伝播で保存した', lambda: near(dsw(xs, bs), bs * sw(xs, bs) + sig(bs * xs) * (1 - bs * sw(xs, bs)), 1e-12)),
        ('$$\\frac{\\partial f_\\beta}{\\partial \\beta} = x^2', dbeta, '2 1'),
        ('極限も確認しておく', lambda: limits() and E('0', 0) and E('2', 2) and E('1', 1) and E('2', 2) and E('0', 0)),
        ('softplus を $\\zeta(x)', lambda: near(zeta(xs), np.log(1 + np.exp(xs)), 1e-12), '1 2 1 2'),
        ("$$\\mathrm{mish}'(x) = \\tanh", mish_d, '2'),
        ('実装メモ：$w = 1+e^{x}$', wtrick, '1 2 1 2 1'),
        ('sigmoid = lambda z: 1.0 / (1.0 + np.exp(-z))', lambda: near(1.0 / (1.0 + np.exp(-xs)), sig(xs)), '1.0 1.0'),
        ('def swish_grad(x, beta=1.0):', lambda: E('1.0', 1.0) and near(sw(xs, 1.0), xs * sig(xs))),
        ('s = sigmoid(beta * x)', GIVEN),
        ('return s + beta * x * s * (1.0 - s)', lambda: dx(), '1.0'),
        ('t = np.tanh(np.log1p(np.exp(x)))', lambda: near(np.tanh(np.log1p(np.exp(xs))), np.tanh(zeta(xs)))),
        ('return t + x * (1.0 - t**2) * sigmoid(x)', mish_d, '1.0 2'),
        ('print(swish_grad(1.0), swish_grad(1.0, beta=2.0)', lambda: near(code1(), out1, 1e-15), '1.0 1.0 2.0 1.0'),
        ('**Out[1]:**', lambda: E('0.9276705118714867', dsw(1.0)) and E('1.0907842487848955', dsw(1.0, 2.0)) and E('1.0490362200997922', dmish(1.0)), '1'),
        ('**In [2]:** 中心差分', lambda: code2() and E('10', 10) and E('-5', -5) and E('2', 2) and E('81', 81), '2'),
        ('h = 1e-5', lambda: E('1e-5', 1e-5)),
        ('xs = np.linspace(-4.0, 4.0, 81)', lambda: code2() and E('-4.0', -4) and E('4.0', 4) and E('81', 81)),
        ('f = lambda x: x * sigmoid(2.0 * x)', lambda: E('2.0', 2.0)),
        ('num = (f(xs + h) - f(xs - h)) / (2 * h)', lambda: abs(fd(np.sin, 0.3, 1e-5) - np.cos(0.3)) < 1e-9 and E('2', 2)),
        ('print(np.abs(num - swish_grad(xs, beta=2.0)).max() < 1e-8)', lambda: code2() and E('2.0', 2.0) and E('1e-8', 1e-8)),
        ('**Out[2]:** `True`', code2, '2'),
        ('**手計算（$x = 1$）との対応：**', lambda: E('1', 1)),
        ('- $\\beta = 1$：', lambda: E('1', 1) and E('1', 1) and C('0.7311', s1) and E('1', 1) and C('0.7311', sw(1.0))
            and E('1', 1) and C('0.7311', s1) and C('0.7311', s1) and C('0.2689', 1 - s1) and C('0.9277', dsw(1.0), 0.7311 + 0.7311 * 0.2689)),
        ('- $\\beta = 2$：', lambda: E('2', 2) and E('2', 2) and C('0.8808', s2) and E('1', 1) and C('0.8808', s2) and E('2', 2) and C('0.8808', s2)
            and C('0.1192', 1 - s2) and C('1.0908', dsw(1.0, 2.0), 0.8808 + 2 * 0.8808 * 0.1192) and E('1', 1) and E('2', 2)
            and C('0.8808', s2) and C('0.1192', 1 - s2) and C('0.1050', fd(lambda b: sw(1.0, b), 2.0), 0.8808 * 0.1192)),
        ('- Mish：', lambda: E('1', 1) and C('1.3133', z1) and C('1.3133', z1) and C('0.8651', t1) and E('2', 2) and E('1', 1)
            and C('0.8651', t1) and E('2', 2) and C('0.2516', 1 - t1 ** 2, 1 - 0.8651 ** 2) and E('1', 1) and C('0.8651', t1)
            and C('0.2516', 1 - t1 ** 2) and C('0.7311', s1) and C('1.0490', dmish(1.0), 0.8651 + 0.2516 * 0.7311)),
        ('どれも Out[1] の値を 4 桁に丸めた', lambda: E('1', 1) and E('4', 4)
            and [round(v, 4) for v in out1] == [0.9277, 1.0908, 1.0490]),
    ]

# ======================================================================= 06
@register('06_hardsigmoid_hardtanh_es.md', comma=True)
def f06():
    htanh = lambda x: np.clip(x, -1, 1)
    hsig = lambda x: np.minimum(1, np.maximum(0, x / 6 + 0.5))
    relu6 = lambda x: np.minimum(np.maximum(x, 0), 6)
    hswish = lambda x: x * hsig(x)
    xs = np.concatenate([rand(60, lo=-9, hi=9), [-8.0, -5, -4, 4, 5, 8]]); xs = xs[np.min(np.abs(xs[:, None] - np.array([-3, -1, 1, 3])), axis=1) > 1e-3]
    def deriv_cases(f, cases):
        """cases: list of (predicate on x, derivative value or function); checks every random x that a case covers"""
        ok = True
        for t in xs:
            for pred, val in cases:
                if pred(t):
                    v = val(t) if callable(val) else val
                    ok &= abs(fd(f, t, 1e-7) - v) < 1e-6
        return ok
    def value_cases(f, cases):
        ok = True
        for t in np.concatenate([xs, [-6.0, -3, -1, 1, 3, 6]]):
            for pred, val in cases:
                if pred(t):
                    ok &= abs(f(t) - val(t)) < 1e-12
        return ok
    def subgrad_set(f, t, h=1e-7):
        left = (f(t) - f(t - h)) / h; right = (f(t + h) - f(t)) / h
        return min(left, right), max(left, right)
    x = np.array([-7, -2, 0.5, 4]); dl = np.array([1, 2, -3, 0.5])
    dth = np.array([abs(fd(htanh, t)) for t in x]); dhs = np.array([fd(hsig, t) for t in x])
    dhs_car = np.where(np.abs(x) < 6, 1 / 6, 0.0)
    return [
        ('**Enunciado (resumen).**', lambda: EV(['-7', '-2', '0.5', '4'], x) and EV(['1', '2', '-3', '0.5'], dl)),
        ('$$\\mathrm{htanh}(x) = \\max\\big(-1', lambda: value_cases(htanh, [(lambda t: t < -1, lambda t: -1.0), (lambda t: -1 <= t <= 1, lambda t: t), (lambda t: t > 1, lambda t: 1.0)])
            and near(np.maximum(-1, np.minimum(1, xs)), htanh(xs)), '-1 1 -1 -1 -1 1 1 1'),
        ('\\qquad\\Longrightarrow\\qquad', GIVEN),
        ("\\mathrm{htanh}'(x) = \\begin{cases} 1", lambda: deriv_cases(htanh, [(lambda t: abs(t) < 1, 1.0), (lambda t: abs(t) > 1, 0.0)]), '1 1 0 1'),
        ('En $x = \\pm 1$ no es derivable', lambda: all(abs(subgrad_set(htanh, t)[0] - 0) < 1e-6 and abs(subgrad_set(htanh, t)[1] - 1) < 1e-6 for t in (-1.0, 1.0))
            and E('1', 1) and E('0', 0) and E('1', 1) and E('0', 0) and E('1', 1)),
        ('Usamos la definición de PyTorch', lambda: near(relu6(xs + 3) / 6, hsig(xs), 1e-12) and near(np.minimum(1, np.maximum(0, xs / 6 + 1 / 2)), hsig(xs))
            and E('3', 3) and E('6', 6) and E('1', 1) and E('0', 0) and E('6', 6) and E('1', 1) and E('2', 2) and E('1', 1) and E('6', 6)
            and E('0', 0) and E('0.5', hsig(0.0)) and E('0', hsig(-50.0)) and E('1', hsig(50.0))),
        ('Los puntos de corte salen de imponer', lambda: ALL(E('6', 6), E('1', 1), E('2', 2), E('0', 0), E('6', 6), E('1', 1), E('2', 2), E('1', 1),
            C('-6', (0 - 1 / 2) * 6), C('6', (1 - 1 / 2) * 6))),      # roots of x/6 + 1/2 = 0 and = 1
        ('$$\\mathrm{hsig}(x) = \\begin{cases} 0', lambda: TRUTH(value_cases(hsig, [(lambda t: t <= -6, lambda t: 0.0), (lambda t: -6 < t < 6, lambda t: t / 6 + 0.5), (lambda t: t >= 6, lambda t: 1.0)]),
            True), '0 -6 2 6 1 2 -6 6 2 1 6'),
        ('\\qquad\\text{y}\\qquad', GIVEN),
        ("\\mathrm{hsig}'(x) = \\begin{cases} 1/6", lambda: TRUTH(deriv_cases(hsig, [(lambda t: abs(t) < 6, 1 / 6), (lambda t: abs(t) > 6, 0.0)]), True), '1 6 6 0 6'),
        ('*Criterio de corrección:*', lambda: TRUTH(all(subgrad_set(hsig, t)[0] > -1e-6 and abs(subgrad_set(hsig, t)[1] - 1 / 6) < 1e-6 for t in (-6.0, 6.0)), True), '6 0 1 6'),
        ('Regla de la cadena componente a componente', lambda: all(near(grad(lambda u: dl @ f(u), x), dl * np.array([fd(f, t) for t in x])) for f in (htanh, hsig))),
        ('| $x_i$ | $\\delta_i$ |', GIVEN),
        ('| $-7$ | $1$ |', lambda: E('-7', x[0]) and E('1', dl[0]) and E('0', dth[0].round(9)) and E('0', (dl * dth)[0].round(9))
            and E('0', dhs[0].round(9)) and E('0', (dl * dhs)[0].round(9))),
        ('| $-2$ | $2$ |', lambda: E('-2', x[1]) and E('2', dl[1]) and E('0', dth[1].round(9)) and E('0', (dl * dth)[1].round(9))
            and abs(dhs[1] - 1 / 6) < 1e-6 and E('1', 1) and E('6', 6) and C('0.3333', (dl * dhs)[1])),
        ('| $0{,}5$ | $-3$ |', lambda: E('0.5', x[2]) and E('-3', dl[2]) and E('1', dth[2].round(9)) and E('-3', (dl * dth)[2].round(9))
            and abs(dhs[2] - 1 / 6) < 1e-6 and E('1', 1) and E('6', 6) and E('-0.5', (dl * dhs)[2].round(9))),
        ('| $4$ | $0{,}5$ |', lambda: ALL(E('4', x[3]), E('0.5', dl[3]), E('0', dth[3].round(9)), E('0', (dl * dth)[3].round(9)),
            TRUTH(abs(dhs[3] - 1 / 6) < 1e-6, dhs_car[3] == 1 / 6), E('1', 1), E('6', 6), CT(['0.0833'], (dl * dhs)[3], (dl * dhs_car)[3]))),
        ('Resultado: con hard-tanh', lambda: ALL(EV(['0', '0', '-3', '0'], (dl * dth).round(9)), CT(['0', '0.3333', '-0.5', '0.0833'], dl * dhs, dl * dhs_car))),
        ('$\\mathrm{hswish}(x) = x\\cdot', lambda: all(abs(fd(hswish, t) - (hsig(t) + t * fd(hsig, t))) < 1e-6 for t in xs)),
        ("$$\\mathrm{hswish}'(x) = \\begin{cases} 0", lambda: TRUTH(deriv_cases(hswish, [(lambda t: t < -6, 0.0), (lambda t: -6 < t < 6, lambda t: (2 * t + 3) / 6), (lambda t: t > 6, 1.0)]),
            all(abs((t / 6 + 0.5 + t / 6) - (2 * t + 3) / 6) < 1e-12 for t in xs)), '0 -6 2 2 3 6 -6 6 2 1 6'),
        ('Errores frecuentes en las respuestas', lambda: E('1', 1) and E('3', 3) and E('1', 1) and E('6', 6)
            and all(abs(fd(hsig, t) - 1 / 6) < 1e-6 for t in xs if abs(t) < 3) and not all(abs(fd(hswish, t) - hsig(t)) < 1e-6 for t in xs if abs(t) < 3)),
    ]

# ======================================================================= 07
@register('07_sigmoid_tanh_identities_ru.md', comma=True)
def f07():
    xs = rand(50, lo=-5, hi=5)
    th = np.tanh
    dsig = lambda x: sig(x) * (1 - sig(x))
    def defs():
        return (near(th(xs), (np.exp(xs) - np.exp(-xs)) / (np.exp(xs) + np.exp(-xs)), 1e-12)
                and np.all(np.diff(sig(np.sort(xs))) > 0) and np.all(np.diff(th(np.sort(xs))) > 0)
                and np.all((sig(xs) > 0) & (sig(xs) < 1)) and np.all(np.abs(th(xs)) < 1)
                and abs(sig(-40.0)) < 1e-15 and abs(sig(40.0) - 1) < 1e-15 and abs(th(40.0) - 1) < 1e-15 and abs(th(-40.0) + 1) < 1e-15)
    def claim1():
        return all(abs(fd(sig, t) - dsig(t)) < 1e-7 for t in xs)
    def proof1():
        e = np.exp(-xs)
        return (all(abs(fd(sig, t) - np.exp(-t) / (1 + np.exp(-t)) ** 2) < 1e-7 for t in xs)
                and near(e / (1 + e) ** 2, 1 / (1 + e) * e / (1 + e), 1e-12) and near(1 / (1 + e) * e / (1 + e), dsig(xs), 1e-12))
    def proof1b():
        e = np.exp(-xs); return near(e / (1 + e), 1 - 1 / (1 + e), 1e-12) and near(sig(-xs), 1 - sig(xs), 1e-12)
    def maxd():
        g = np.linspace(-10, 10, 200001); d = dsig(g); return abs(d.max() - 0.25) < 1e-12 and abs(g[d.argmax()]) < 1e-9
    def claim2():
        return near(th(xs), 2 * sig(2 * xs) - 1, 1e-12)
    def proof2():
        e2 = np.exp(-2 * xs)
        return (near(2 * sig(2 * xs) - 1, 2 / (1 + e2) - 1, 1e-12) and near(2 / (1 + e2) - 1, (1 - e2) / (1 + e2), 1e-12)
                and near((1 - e2) / (1 + e2), (np.exp(xs) - np.exp(-xs)) / (np.exp(xs) + np.exp(-xs)), 1e-12))
    def remark():
        ok = near(sig(xs), 0.5 * (1 + th(xs / 2)), 1e-12)
        # a tanh net equals a sigmoid net with rescaled first-layer weights and shifted output
        W, b, V, c = rand(4, 3), rand(4), rand(2, 4), rand(2); X = rand(10, 3)
        out_t = th(X @ W.T + b) @ V.T + c
        out_s = sig(X @ (2 * W).T + 2 * b) @ (2 * V).T + (c - V.sum(axis=1))
        return ok and near(out_t, out_s, 1e-12)
    def claim3_first():
        return all(abs(fd(th, t) - 2 * fd(sig, 2 * t)) < 1e-6 for t in xs)
    def claim3_final():
        return all(abs(fd(th, t) - (1 - th(t) ** 2) / 2) < 1e-6 for t in xs)
    x = 0.5
    return [
        ('**Определения.** Логистическая', GIVEN),
        ('$$\\sigma(x) = \\frac{1}{1+e^{-x}}, \\qquad', GIVEN, '1 1'),
        ('Обе функции гладкие и монотонно возрастают', lambda: defs() and E('0', 0) and E('1', 1) and E('-1', -1) and E('1', 1)),
        ('**Утверждение 1.** $\\sigma\'(x)', claim1, '1 1'),
        ("$$\\sigma'(x) = \\frac{e^{-x}}{(1+e^{-x})^2}", proof1, '1 2 1 1 1 1'),
        ('поскольку $\\dfrac{e^{-x}}{1+e^{-x}} = 1 -', proof1b, '1 1 1 1 1'),
        ('Практический смысл: при обратном проходе', lambda: maxd() and E('1', 1) and E('4', 4) and E('0', 0)),
        ('**Утверждение 2.** $\\operatorname{th} x = 2\\sigma(2x) - 1$', claim2, '2 2 2 1'),
        ('$$2\\sigma(2x) - 1 = \\frac{2}{1+e^{-2x}}', proof2, '2 2 1 2 1 -2 1 1 -2 1 -2'),
        ('(в предпоследнем переходе', lambda: near((1 - np.exp(-2 * xs)) * np.exp(xs), np.exp(xs) - np.exp(-xs), 1e-9)),
        ('*Замечание.* Обратно', remark, '1 2 1 2'),
        ('**Утверждение 3.** Производная тангенса', GIVEN, '3'),
        ('*Вывод.* Продифференцируем тождество', GIVEN, '2 1'),
        ("$$(\\operatorname{th} x)' = 2\\,\\sigma'(2x) = 2\\,\\sigma(2x)", lambda: ALL(claim3_first(), E('2', 2), near(dsig(2 * xs), np.array([fd(sig, 2 * t) for t in xs]))), '2 2 2 1 2'),
        ('Из утверждения 2 имеем', lambda: near(sig(2 * xs), (1 + th(xs)) / 2, 1e-12) and near(1 - sig(2 * xs), (1 - th(xs)) / 2, 1e-12)
            and near(dsig(2 * xs), (1 - th(xs) ** 2) / 4, 1e-12), '2 2 1 2 1 2 1 2 2 1 2 1 2 4'),
        ("$$(\\operatorname{th} x)' = \\frac{1-\\operatorname{th}^2 x}{2}.$$", lambda: TRUTH(claim3_final(), near(2 * (1 - th(xs) ** 2) / 4, (1 - th(xs) ** 2) / 2, 1e-15)), '1 2 2'),
        ('**Пример.** Пусть $x = 0{,}5$.', lambda: ALL(E('0.5', x), E('1', 2 * x), C('0.7311', sig(1.0)), E('0.5', x), E('2', 2),
            E('0.7311', 0.7311), E('1', 1), E('0.4622', 2 * 0.7311 - 1), E('0.5', x), C('0.4621', th(x)), E('3', 3), E('0.5', x),
            E('2', 2), C('0.7311', sig(1.0)), C('0.2689', 1 - sig(1.0)), CT(['0.3932'], fd(th, x), 2 * 0.7311 * 0.2689),
            E('1', 1), C('0.4621', th(x)), E('2', 2), E('2', 2), E('1', 1), C('0.2135', 0.4621 ** 2), E('2', 2),
            CT(['0.3932'], fd(th, x), (1 - 0.2135) / 2))),
        ('**Следствие (обратный проход).**', lambda: TRUTH(all(near(grad(lambda z: dl @ th(z), z0), dl * (1 - th(z0) * th(z0)) / 2)
            for z0, dl in [(rand(4), rand(4)) for _ in range(3)]), True), '1 2'),
    ]

# ======================================================================= 08
@register('08_logsumexp_stable_zh.md')
def f08():
    lse_naive = lambda v: np.log(np.sum(np.exp(v)))
    def lse_stable(v, m=None):
        m = np.max(v) if m is None else m
        return m + np.log(np.sum(np.exp(v - m)))
    vs = [rand(n, lo=-5, hi=5) for n in (2, 3, 5, 8)]
    x = np.array([1000.0, 1001.0, 1002.0]); m = 1002.0
    L = lse_stable(x); p = softmax(x)
    def overflow():
        with np.errstate(over='ignore'):
            return np.isinf(np.exp(1000.0)) and np.isfinite(np.exp(709.78)) and np.isinf(np.exp(709.79))
    def factor():
        return all(abs(np.sum(np.exp(v)) - np.exp(v.max()) * np.sum(np.exp(v - v.max()))) < 1e-9 * np.sum(np.exp(v)) for v in vs)
    def stable_eq():
        return all(abs(lse_stable(v) - lse_naive(v)) < 1e-12 for v in vs)
    def benefits():
        return all(np.all(v - v.max() <= 0) and np.sum(np.exp(v - v.max())) >= 1 and np.isclose(np.exp(0.0), 1) for v in vs + [x])
    def bounds():
        ok = True
        for v in vs + [x, np.zeros(4), np.array([3.0, 3, 3])]:
            ok &= v.max() <= lse_stable(v) + 1e-12 and lse_stable(v) <= v.max() + np.log(len(v)) + 1e-12
        return ok and abs(lse_stable(np.zeros(4)) - np.log(4)) < 1e-12
    def grad_sm():
        return all(near(grad(lse_naive, v), softmax(v)) and near(softmax(v), np.exp(v) / np.exp(v).sum(), 1e-12)
                   and near(softmax(v), np.exp(v - lse_naive(v)), 1e-12) for v in vs)
    def dm_zero():
        ok = True
        for v in vs:
            ok &= all(abs(fd(lambda mm: lse_stable(v, mm), m0)) < 1e-7 for m0 in (v.max(), 0.3, -2.0))
            ok &= abs(1 - softmax(v).sum()) < 1e-12
        return ok
    def hess():
        ok = True
        for v in vs:
            n = len(v); Hn = np.stack([grad(lambda u: softmax(u)[i], v) for i in range(n)]); pp = softmax(v)
            H = np.diag(pp) - np.outer(pp, pp)
            ok &= near(Hn, H) and np.linalg.eigvalsh(H).min() > -1e-12 and near(H, H.T, 1e-15)
            ok &= abs(lse_stable(v + 0.77) - lse_stable(v) - 0.77) < 1e-12
            a, b, t = rand(n), rand(n), 0.3
            ok &= lse_stable(t * a + (1 - t) * b) <= t * lse_stable(a) + (1 - t) * lse_stable(b) + 1e-12
        return ok
    return [
        ('写交叉熵、CRF、注意力的时候', GIVEN),
        ('## 1. 定义与溢出问题', GIVEN, '1'),
        ('对向量 $x \\in \\mathbb{R}^n$', GIVEN),
        ('$$\\mathrm{LSE}(x) = \\log\\sum_{i=1}^{n} e^{x_i}.$$', GIVEN),
        ('直接按定义算会出事', lambda: overflow() and C('1.8', np.finfo(float).max / 1e308) and E('10', 10) and E('308', 308)
            and C('709.78', np.log(np.finfo(float).max)) and E('1000', 1000)),
        ('令 $m = \\max_i x_i$', factor),
        ('$$\\mathrm{LSE}(x) = m + \\log\\sum_{i=1}^{n} e^{x_i - m}.$$', stable_eq),
        ('这样做有两个好处', lambda: benefits() and E('0', 0) and E('0', 0) and E('1', 1) and E('1', 1) and E('0', 0)),
        ('$$\\max_i x_i \\;\\le\\;', bounds),
        ('**例子**：$x = (1000', lambda: EV(['1000', '1001', '1002'], x) and E('1002', x.max()) and EV(['-2', '-1', '0'], x - m)),
        ('$$\\sum_i e^{x_i - m} = e^{-2} + e^{-1} + 1', lambda: E('-2', -2) and E('-1', -1) and E('1', np.exp(0)) and C('0.1353', np.exp(-2))
            and C('0.3679', np.exp(-1)) and E('1', 1) and C('1.5032', np.sum(np.exp(x - m)), 0.1353 + 0.3679 + 1)
            and E('1002', m) and C('1.5032', np.sum(np.exp(x - m))) and E('1002', m) and C('0.4076', np.log(1.5032), np.log(np.sum(np.exp(x - m))))
            and C('1002.4076', L, 1002 + 0.4076)),
        ('确实落在 $[1002,', lambda: E('1002', m) and E('1002', m) and E('3', len(x)) and E('1002', m) and C('1003.0986', m + np.log(3))
            and m <= L <= m + np.log(3)),
        ('## 3. 梯度 = softmax', lambda: grad_sm(), '3'),
        ('对 $x_j$ 求偏导，只有第 $j$ 项含', lambda: all(near(grad(lambda u: np.exp(u[1]), v), np.eye(len(v))[1] * np.exp(v[1])) for v in vs)),
        ('$$\\frac{\\partial\\,\\mathrm{LSE}(x)}{\\partial x_j}', grad_sm, '1'),
        ('最后一种写法最适合实现', lambda: near(np.exp(x - L), p, 1e-12) and np.all(np.isfinite(np.exp(x - L)))
            and near(grad(lambda u: lse_stable(u), x, 1e-4), p, 1e-6) and CV(['0.0900', '0.2447', '0.6652'], p) and E('1', p.sum().round(12))),
        ('**一个常见疑问**', lambda: near(grad(lse_stable, np.array([1.0, 2.0, 2.0])), softmax(np.array([1.0, 2.0, 2.0])))),
        ('$$\\frac{\\partial}{\\partial m}\\Big[m', dm_zero, '1 0'),
        ('所以 $m$ 取什么值都不影响结果', hess, '1 2'),
        ('m = np.max(x)', lambda: True),
        ('return m + np.log(np.sum(np.exp(x - m)))', stable_eq),
        ('x = np.array([1000.0, 1001.0, 1002.0])', lambda: EV(['1000.0', '1001.0', '1002.0'], x)),
        ('lse = logsumexp(x)', lambda: E('1002.4076059644444', L) and abs(L - 1002.4076059644444) < 1e-12),
        ('grad = np.exp(x - lse)', lambda: CV(['0.09003057', '0.24472847', '0.66524096'], np.exp(x - L))),
    ]

# ======================================================================= 09
@register('09_softmax_jacobian_notes.md')
def f09():
    zs = [rand(n, lo=-3, hi=3) for n in (2, 3, 4, 6)]
    jac = lambda z: np.stack([grad(lambda u: softmax(u)[i], z) for i in range(len(z))])    # J[i, j] = dp_i/dz_j
    def quotient():
        ok = True
        for z in zs:
            n = len(z); S = np.exp(z).sum(); p = softmax(z); Jn = jac(z); d = np.eye(n)
            f1 = (d * np.exp(z)[:, None] * S - np.outer(np.exp(z), np.exp(z))) / S ** 2
            ok &= near(grad(lambda u: np.exp(u).sum(), z), np.exp(z)) and near(Jn, f1)
        return ok
    def line2():
        return all(near(jac(z), np.eye(len(z)) * softmax(z)[:, None] - np.outer(softmax(z), softmax(z))) for z in zs)
    def line3():
        return all(near(jac(z), softmax(z)[:, None] * (np.eye(len(z)) - softmax(z)[None, :])) for z in zs)
    def diag_off():
        ok = True
        for z in zs:
            p = softmax(z); Jn = jac(z)
            ok &= near(np.diag(Jn), p * (1 - p)) and near(Jn - np.diag(np.diag(Jn)), -(np.outer(p, p) - np.diag(p * p)))
        return ok
    def matrix():
        return all(near(jac(z), np.diag(softmax(z)) - np.outer(softmax(z), softmax(z))) for z in zs)
    def rowvec():
        ok = True
        for z in zs:
            pr = softmax(z)[None, :]; ok &= near(np.diag(pr[0]) - pr.T @ pr, jac(z))
        return ok
    def facts(k):
        ok = True
        for z in zs:
            n = len(z); p = softmax(z); J = np.diag(p) - np.outer(p, p); one = np.ones(n)
            if k == 1:
                ok &= near(J, J.T, 1e-15) and near(jac(z), jac(z).T)
            if k == 2:
                ok &= near(J @ one, p - p * (p @ one), 1e-15) and near(J @ one, 0 * one, 1e-15) and near(one @ J, 0 * one, 1e-15) and near(softmax(z + 1.3), p, 1e-12)
            if k == 3:
                ev, V = np.linalg.eigh(J)
                ok &= ev.min() > -1e-12 and np.linalg.matrix_rank(J, tol=1e-10) == n - 1 and np.all(p > 0)
                null = V[:, np.abs(ev) < 1e-10]; ok &= null.shape[1] == 1 and abs(abs(null[:, 0] @ one) / np.sqrt(n) - 1) < 1e-9
        return ok
    def vjp():
        ok = True
        for z in zs:
            p = softmax(z); g = rand(len(z))
            num = grad(lambda u: g @ softmax(u), z); J = np.diag(p) - np.outer(p, p)
            ok &= near(num, J.T @ g) and near(J.T @ g, p * g - p * (p @ g), 1e-15) and near(p * g - p * (p @ g), p * (g - (p @ g) * np.ones(len(z))), 1e-15)
        return ok
    def ce():
        ok = True
        for z in zs:
            n = len(z); y = np.eye(n)[n - 1]; p = softmax(z); g = -y / p
            ok &= near(grad(lambda q: -np.sum(y * np.log(q)), p), g) and abs(p @ g + 1) < 1e-12
            ok &= near(grad(lambda u: -np.sum(y * np.log(softmax(u))), z), p - y)
        return ok
    z = np.array([2, 1, 0.1]); p = softmax(z); J = np.diag(p) - np.outer(p, p)
    pr = np.array([0.6590, 0.2424, 0.0986]); g = np.array([1, 0, -1.0]); y = np.array([0, 1, 0.0])
    return [
        ('Throughout, $z \\in \\mathbb{R}^n$ is a **column**', GIVEN, '1'),
        ('$$p = \\mathrm{softmax}(z), \\qquad p_i', GIVEN),
        ('**Index form.** Fix $i$ and $j$', lambda: all(near(grad(lambda u: np.exp(u).sum(), z_), np.exp(z_)) for z_ in zs)),
        ('\\frac{\\partial p_i}{\\partial z_j} &= \\frac{\\delta_{ij}', quotient, '2'),
        ('&= \\delta_{ij}\\,p_i - p_i\\,p_j \\\\', line2),
        ('\\tag{6.7}', line3, '6.7'),
        ('where $\\delta_{ij}$ is the Kronecker delta', lambda: diag_off() and E('1', 1) and E('0', 0) and E('1', 1)),
        ('**Matrix form.** Collecting the entries', lambda: all(near(np.eye(len(z_)) * softmax(z_)[:, None], np.diag(softmax(z_))) for z_ in zs)),
        ('$$\\boxed{\\;J = \\mathrm{diag}(p) - p\\,p^{\\top}\\;}', matrix, '6.8'),
        ('(If you prefer row vectors', rowvec),
        ('1. $J$ is symmetric', lambda: facts(1)),
        ('2. Every row and every column sums to zero', lambda: facts(2) and E('1', 1) and E('1', 1) and E('0', 0)),
        ('3. $J$ is positive semi-definite', lambda: facts(3) and E('1', 1) and E('0', 0) and E('1', 1)),
        ('**Backward pass without forming $J$.**', GIVEN),
        ('$$\\frac{\\partial L}{\\partial z} = J^\\top g', vjp, '1'),
        ('which costs $O(n)$ instead of $O(n^2)$', lambda: ce() and E('2', 2) and E('-1', -1)),
        ('**Worked example.** Let $n = 3$', lambda: E('3', 3) and EV(['2', '1', '0.1'], z) and CV(['0.6590', '0.2424', '0.0986'], p), '6.8'),
        ('$$J \\approx \\begin{pmatrix}', lambda: CV(['0.2247', '-0.1598', '-0.0650', '-0.1598', '0.1837', '-0.0239', '-0.0650', '-0.0239', '0.0889'], J)
            and near(J, jac(z))),
        ('Each column indeed sums to $0$', lambda: near(J.sum(axis=0), np.zeros(3)) and E('0', 0) and C('0.2247', J[0, 0]) and C('0.1598', -J[1, 0])
            and C('0.0650', -J[2, 0]) and abs(0.2247 - 0.1598 - 0.0650) <= 2e-4 and E('0', 0)),
        ('With $g = (1,\\ 0,\\ -1)^\\top$', lambda: EV(['1', '0', '-1'], g) and C('0.6590', p[0]) and C('0.0986', p[2]) and C('0.5604', p @ g, 0.6590 - 0.0986)
            and CV(['0.4396', '-0.5604', '-1.5604'], g - p @ g) and CV(['0.2897', '-0.1359', '-0.1538'], grad(lambda u: g @ softmax(u), z), J @ g)),
        ('With cross-entropy and target class 2', lambda: E('2', 2) and EV(['0', '1', '0'], y)
            and CV(['0.6590', '-0.7576', '0.0986'], grad(lambda u: -np.log(softmax(u)[1]), z))),
    ]

# ======================================================================= 10
@register('10_maxout_subgradient_ko.md')
def f10():
    def maxout(x, W, b):            # W: (k, d), b: (k,)
        return np.max(W @ x + b)
    def grads_formula(x, W, b):
        z = W @ x + b; js = np.argmax(z); e = np.eye(len(b))[js]
        return e, np.outer(e, x), e, W[js]
    def subgrad_check():
        ok = True
        for _ in range(4):
            d, k = 3, 4; x, W, b = rand(d), rand(k, d), rand(k)
            e, dW, db, dx = grads_formula(x, W, b)
            ok &= near(grad(lambda z: np.max(z), W @ x + b), e) and near(grad(lambda Wm: maxout(x, Wm, b), W), dW)
            ok &= near(grad(lambda bb: maxout(x, W, bb), b), db) and near(grad(lambda xx: maxout(xx, W, b), x), dx)
        return ok
    def ties():
        # at a tie between pieces 0 and 1, every convex combination t e0 + (1-t) e1 satisfies the subgradient inequality
        z0 = np.array([1.0, 1.0, -0.5]); ok = True
        for t in (0.0, 0.3, 1.0):
            gvec = np.array([t, 1 - t, 0.0])
            for _ in range(200):
                z = z0 + rand(3); ok &= np.max(z) >= np.max(z0) + gvec @ (z - z0) - 1e-12
        bad = np.array([0.0, 0.0, 1.0]); z = z0 + np.array([0.0, 0.0, 1.0])
        ok &= not (np.max(z) >= np.max(z0) + bad @ (z - z0) - 1e-12)
        ok &= np.argmax(z0) == 0
        # convexity of h in x
        W, b = rand(3, 2), rand(3)
        for _ in range(50):
            a, c, s = rand(2), rand(2), RNG.uniform()
            ok &= maxout(s * a + (1 - s) * c, W, b) <= s * maxout(a, W, b) + (1 - s) * maxout(c, W, b) + 1e-12
        return ok
    def params():
        d, m, k = 4, 3, 2
        W = np.zeros((d, m, k)); b = np.zeros((m, k))
        return W.size + b.size == k * m * (d + 1) == 30 and (np.zeros((d, m)).size + m) == m * (d + 1) == 15
    def relu_special():
        w2, b2 = rand(3), 0.4; W = np.stack([np.zeros(3), w2]); b = np.array([0.0, b2])
        return all(abs(maxout(x, W, b) - max(0.0, w2 @ x + b2)) < 1e-15 for x in rand(30, 3))
    x = np.array([1, -2, 0.5]); W = np.array([[0.5, 0.2, -1], [-0.3, -0.6, 0.8], [1, 0.4, 0.2]]); b = np.array([0.1, 0, 0.2])
    z = W @ x + b; js = int(np.argmax(z)); up = 2.0
    z_car = np.array([-0.3, -1.1, 0.5]); js_car = int(np.argmax(z_car))
    gW = grad(lambda Wm: up * maxout(x, Wm, b), W); gb = grad(lambda bb: up * maxout(x, W, bb), b); gx = grad(lambda xx: up * maxout(xx, W, b), x)
    gW_car = up * np.outer(np.eye(3)[js_car], x); gb_car = up * np.eye(3)[js_car]; gx_car = up * W[js_car]
    return [
        ('입력 $x \\in \\mathbb{R}^d$ 에 대해 maxout', GIVEN),
        ('$$h(x) = \\max_{j \\in \\{1,\\dots,k\\}} z_j', GIVEN),
        ('출력이 $m$ 개인 maxout 층이면', lambda: params() and E('4', 4) and E('3', 3) and E('2', 2) and E('2', 2) and E('3', 3) and E('5', 5)
            and E('30', 30) and E('1', 1) and E('15', 15), '1'),
        ('$j^\\ast = \\arg\\max_j z_j$ 가 유일하다고', lambda: subgrad_check()),
        ('$$\\frac{\\partial h}{\\partial z_j} = \\mathbb{1}', subgrad_check, '1 1 1'),
        ('즉 max-pooling 과 마찬가지로', lambda: ties(), '1'),
        ('**참고.** $k = 2$', lambda: relu_special() and E('2', 2) and E('0', 0) and E('0', 0) and E('0', 0)),
        ('$d = 3$, $k = 3$, $x = (1,', lambda: E('3', 3) and E('3', 3) and EV(['1', '-2', '0.5'], x)),
        ('- $w_1 = (0.5,', lambda: EV(['0.5', '0.2', '-1'], W[0]) and E('0.1', b[0])),
        ('- $w_2 = (-0.3,', lambda: EV(['-0.3', '-0.6', '0.8'], W[1]) and E('0', b[1])),
        ('- $w_3 = (1,', lambda: EV(['1', '0.4', '0.2'], W[2]) and E('0.2', b[2])),
        ('- $z_1 = 0.5 \\cdot 1', lambda: E('0.5', W[0, 0]) and E('1', x[0]) and E('0.2', W[0, 1]) and E('-2', x[1]) and E('-1', W[0, 2]) and E('0.5', x[2])
            and E('0.1', b[0]) and E('0.5', W[0, 0] * x[0]) and E('0.4', -W[0, 1] * x[1]) and E('0.5', -W[0, 2] * x[2]) and E('0.1', b[0]) and E('-0.3', z[0])),
        ('- $z_2 = (-0.3) \\cdot 1', lambda: ALL(E('-0.3', W[1, 0]), E('1', x[0]), E('-0.6', W[1, 1]), E('-2', x[1]), E('0.8', W[1, 2]), E('0.5', x[2]), E('0', b[1]),
            E('-0.3', W[1, 0] * x[0]), E('1.2', -W[1, 1] * x[1]), E('0.4', W[1, 2] * x[2]), E('-1.1', z[1]))),
        ('- $z_3 = 1 \\cdot 1', lambda: E('1', W[2, 0]) and E('1', x[0]) and E('0.4', W[2, 1]) and E('-2', x[1]) and E('0.2', W[2, 2]) and E('0.5', x[2])
            and E('0.2', b[2]) and E('1', W[2, 0] * x[0]) and E('0.8', -W[2, 1] * x[1]) and E('0.1', W[2, 2] * x[2]) and E('0.2', b[2]) and E('0.5', z[2])),
        ('따라서 $j^\\ast = 3$ 이고', lambda: ALL(TRUTH(js + 1 == 3, js_car + 1 == 3), E('3', 3), CT(['0.5'], np.max(z), np.max(z_car)), E('2', up))),
        ('- $\\partial L/\\partial w_3 = 2x', lambda: ALL(E('2', up), CT(['2', '-4', '1'], gW[2], gW_car[2]), CT(['2'], gb[2], gb_car[2])), '3 3'),
        ('- $\\partial L/\\partial w_1 = \\partial L/\\partial w_2 = 0$', lambda: ALL(
            TRUTH(near(gW[0], 0 * x) and near(gW[1], 0 * x), near(gW_car[0], 0 * x) and near(gW_car[1], 0 * x)), E('0', 0),
            TRUTH(abs(gb[0]) < 1e-9 and abs(gb[1]) < 1e-9, gb_car[0] == 0 and gb_car[1] == 0), E('0', 0)), '1 2 1 2'),
        ('- $\\partial L/\\partial x = 2\\,w_3', lambda: ALL(E('2', up), CT(['2', '0.8', '0.4'], gx, gx_car)), '3'),
        ('이 된다. 조각 1, 2 는 이 샘플에서', lambda: ALL(E('1', 1), E('2', 2), TRUTH(near(gW[:2], 0 * gW[:2]), near(gW_car[:2], 0 * gW_car[:2])))),
    ]

# ======================================================================= 11
@register('11_groupnorm_shapes_pt.md', comma=True)
def f11():
    N, C, H, W, G = 8, 32, 16, 16, 4
    X = RNG.standard_normal((N, C, H, W))
    # reference statistics, written from the definitions (one mean per normalisation group)
    def ref_stats(kind, x=X, g=G):
        n, c, h, w = x.shape
        if kind == 'bn':
            groups = {(ci,): x[:, ci].ravel() for ci in range(c)}
        elif kind == 'ln':
            groups = {(ni,): x[ni].ravel() for ni in range(n)}
        elif kind == 'in':
            groups = {(ni, ci): x[ni, ci].ravel() for ni in range(n) for ci in range(c)}
        elif kind == 'gn':
            cg = c // g
            groups = {(ni, gi): x[ni, gi * cg:(gi + 1) * cg].ravel() for ni in range(n) for gi in range(g)}
        keys = sorted(groups); shape = tuple(max(k[i] for k in keys) + 1 for i in range(len(keys[0])))
        mu = np.zeros(shape)
        for k in keys:
            mu[k] = groups[k].mean()
        return mu, {len(v) for v in groups.values()}
    def axes_mean(axes):
        return X.mean(axis=axes)
    def mixes(kind):
        x2 = X.copy(); x2[0] += 5.0
        a, _ = ref_stats(kind); b, _ = ref_stats(kind, x2)
        if kind == 'bn':
            return not near(a, b)
        return near(a[1:], b[1:], 1e-12) and not near(a[:1], b[:1])
    def norm_formula():
        eps = 1e-5; x = rand(10); g, b = rand(10), rand(10); mu, v = x.mean(), x.var()
        return near(g * (x - mu) / np.sqrt(v + eps) + b, g * ((x - mu) / np.sqrt(v + eps)) + b)
    mu_bn, n_bn = ref_stats('bn'); mu_ln, n_ln = ref_stats('ln'); mu_in, n_in = ref_stats('in'); mu_gn, n_gn = ref_stats('gn')
    xg = X.reshape(N, G, C // G, H, W)
    mu_code = xg.mean(axis=(0, 2, 3, 4)); var_code = xg.var(axis=(0, 2, 3, 4))
    gn_claim_count = N * (C // G) * H * W
    def params():
        gamma = np.ones(C); beta = np.zeros(C)
        ln_g = np.ones((C, H, W)); ln_b = np.zeros((C, H, W))
        return gamma.shape == (C,) and gamma.size + beta.size == 2 * C == 64 and ln_g.size + ln_b.size == 2 * 8192 == 16384
    return [
        ('Todas as camadas abaixo fazem a mesma conta', lambda: norm_formula() and X.shape == (8, 32, 16, 16) and E('8', N) and E('32', C)
            and E('16', H) and E('16', W) and E('8', N) and E('32', C) and E('16', H) and E('16', W) and E('256', H * W), '2 2'),
        ('- **BatchNorm**: uma média por canal', lambda: near(mu_bn, axes_mean((0, 2, 3)), 1e-12) and mu_bn.shape == (32,) and E('32', C)
            and E('8', N) and E('256', H * W) and n_bn == {2048} and E('2048', N * H * W)),
        ('- **LayerNorm** (no sentido do artigo', lambda: near(mu_ln, axes_mean((1, 2, 3)), 1e-12) and mu_ln.shape == (8,) and E('8', N)
            and E('32', C) and E('256', H * W) and n_ln == {8192} and E('8192', C * H * W)),
        ('- **InstanceNorm**: uma média por amostra', lambda: near(mu_in, axes_mean((2, 3)), 1e-12) and mu_in.shape == (8, 32) and EV(['8', '32'], mu_in.shape)
            and E('256', mu_in.size) and n_in == {256} and E('256', H * W)),
        ('Repare que LN e IN não misturam', lambda: mixes('bn') and mixes('ln') and mixes('in')),
        ('Com $G = 4$ grupos, os $C = 32$ canais', lambda: ALL(E('4', G), E('32', C), E('8', C // G),
            near(mu_gn, mu_code, 1e-12), n_gn == {gn_claim_count},
            E('8', N), E('8', C // G), E('256', H * W), E('16384', gn_claim_count), mu_gn.shape == (G,), E('4', G))),
        ('N, C, H, W, G = 8, 32, 16, 16, 4', lambda: EV(['8', '32', '16', '16', '4'], [N, C, H, W, G])),
        ('x = torch.randn(N, C, H, W)', lambda: X.shape == (N, C, H, W)),
        ('xg = x.view(N, G, C // G, H, W)', lambda: EV(['8', '4', '8', '16', '16'], xg.shape) and near(xg[3, 2, 5], X[3, 2 * 8 + 5])),
        ('mu = xg.mean(dim=(0, 2, 3, 4))', lambda: ALL(EV(['0', '2', '3', '4'], [0, 2, 3, 4]), E('4', mu_code.shape[0]),
            TRUTH(mu_code.shape == mu_gn.shape and near(mu_code, mu_gn), mu_code.shape == (4,)))),
        ('var = xg.var(dim=(0, 2, 3, 4), unbiased=False)', lambda: ALL(EV(['0', '2', '3', '4'], [0, 2, 3, 4]), E('4', var_code.shape[0]),
            TRUTH(var_code.shape == mu_gn.shape, var_code.shape == mu_code.shape))),
        ('Em `BatchNorm2d`, `InstanceNorm2d` e `GroupNorm`', lambda: params() and E('2', 2) and E('64', 2 * C) and E('2', 2)
            and E('8192', C * H * W) and E('16384', 2 * C * H * W)),
        ('| camada | eixos da média |', GIVEN),
        ('| BatchNorm | $(N, H, W)$', lambda: E('32', mu_bn.shape[0]) and n_bn == {2048} and E('2048', 2048)),
        ('| LayerNorm | $(C, H, W)$', lambda: E('8', mu_ln.shape[0]) and n_ln == {8192} and E('8192', 8192)),
        ('| InstanceNorm | $(H, W)$', lambda: EV(['8', '32'], mu_in.shape) and n_in == {256} and E('256', 256)),
        ('| GroupNorm ($G = 4$)', lambda: ALL(E('4', G), CT(['4'], mu_gn.size, mu_code.size), TRUTH(mu_gn.shape == (4,), mu_code.shape == (4,)),
            CT(['16384'], list(n_gn)[0], gn_claim_count))),
    ]

# ======================================================================= 12
@register('12_gradcheck_central_diff_nb.md')
def f12():
    fns = [(np.sin, np.cos, lambda t: -np.sin(t), lambda t: -np.cos(t)), (np.exp, np.exp, np.exp, np.exp)]
    def taylor():
        ok = True
        for f, f1, f2, f3 in fns:
            for t in rand(5):
                for h in (1e-2, 5e-3):
                    ok &= abs(f(t + h) - (f(t) + h * f1(t) + h ** 2 / 2 * f2(t) + h ** 3 / 6 * f3(t))) < 5 * h ** 4
                    ok &= abs(f(t - h) - (f(t) - h * f1(t) + h ** 2 / 2 * f2(t) - h ** 3 / 6 * f3(t))) < 5 * h ** 4
        return ok
    def err_terms():
        ok = True
        for f, f1, f2, f3 in fns:
            for t in rand(5):
                h = 1e-2
                ok &= abs((f(t + h) - f(t - h)) / (2 * h) - (f1(t) + h ** 2 / 6 * f3(t))) < 10 * h ** 4
                ok &= abs((f(t + h) - f(t)) / h - (f1(t) + h / 2 * f2(t))) < 10 * h ** 2
        return ok
    def orders():
        t = 0.7; e = lambda h, c: abs(((np.sin(t + h) - np.sin(t - h)) / (2 * h) if c else (np.sin(t + h) - np.sin(t)) / h) - np.cos(t))
        return 90 < e(1e-2, 1) / e(1e-3, 1) < 110 and 9 < e(1e-2, 0) / e(1e-3, 0) < 11
    rel = lambda a, b: abs(a - b) / max(abs(a), abs(b))
    x = 1.0; an = sig(x) * (1 - sig(x))
    cen = lambda h: (sig(x + h) - sig(x - h)) / (2 * h)
    fwd = lambda h: (sig(x + h) - sig(x)) / h
    def row(h_txt, h, c_txt, f_txt, rc_txt, rf_txt):
        return lambda: (E(h_txt, h) and C(c_txt, cen(h)) and C(f_txt, fwd(h)) and C(rc_txt, rel(an, cen(h))) and C(rf_txt, rel(an, fwd(h))))
    relu = lambda z: max(z, 0.0)
    return [
        ('Before trusting a hand-written backward pass', lambda: all(abs(fd(sig, t) - sig(t) * (1 - sig(t))) < 1e-8 for t in rand(10)), '1'),
        ('By Taylor, $f(x \\pm h)', taylor, '2 2 3 6 4'),
        ('$$\\frac{f(x+h) - f(x-h)}{2h} = f\'(x)', err_terms, '2 2 6 4 2 2'),
        ('So the centered formula has error', lambda: orders(), '2'),
        ('An absolute difference of $10^{-4}$', lambda: abs(rel(3e-4, 4e-4) - rel(3e2, 4e2)) < 1e-15 and E('10', 10) and E('-4', -4)),
        ('$$\\text{rel.\\ error} = \\frac{|f\'_a - f\'_n|}', GIVEN),
        ('where $f\'_a$ is the analytic', lambda: all(E(s_, v) for s_, v in
            [('10', 10), ('-2', -2), ('10', 10), ('-2', -2), ('10', 10), ('-4', -4), ('10', 10), ('-4', -4), ('10', 10), ('-7', -7), ('10', 10), ('-7', -7)])),
        ('**In [1]:**', GIVEN, '1'),
        ('sigmoid = lambda z: 1.0 / (1.0 + np.exp(-z))', lambda: near(1.0 / (1.0 + np.exp(-np.linspace(-3, 3, 7))), sig(np.linspace(-3, 3, 7))), '1.0 1.0'),
        ('x = 1.0', lambda: E('1.0', x)),
        ('analytic = sigmoid(x) * (1 - sigmoid(x))', lambda: E('1', 1) and E('0.19661193324148185', an) and abs(an - 0.19661193324148185) < 1e-16),
        ('rel = lambda a, b: abs(a - b) / max(abs(a), abs(b))', GIVEN),
        ('for h in [1e-1, 1e-2, 1e-4]:', lambda: E('1e-1', 0.1) and E('1e-2', 0.01) and E('1e-4', 1e-4)),
        ('c = (sigmoid(x + h) - sigmoid(x - h)) / (2 * h)', lambda: E('2', 2) and abs(cen(1e-4) - an) < 1e-8),
        ('f = (sigmoid(x + h) - sigmoid(x)) / h', lambda: abs(fwd(1e-6) - an) < 1e-6),
        ("print(f'h={h:.0e}", GIVEN, '*'),
        ('h=1e-01  central=', row('1e-01', 0.1, '0.19655301', '0.19201527', '3.0e-04', '2.3e-02')),
        ('h=1e-02  central=', row('1e-02', 0.01, '0.19661134', '0.19615706', '3.0e-06', '2.3e-03')),
        ('h=1e-04  central=', row('1e-04', 1e-4, '0.19661193', '0.19660739', '3.0e-10', '2.3e-05')),
        ('**Checking the first row by hand.**', lambda: C('1.1', 1.1) and C('0.7502601', sig(1.1)) and C('0.9', 0.9) and C('0.7109495', sig(0.9))
            and E('1', 1) and C('0.7310586', sig(1.0))),
        ('- central: $(0.7502601 - 0.7109495)/0.2', lambda: C('0.7502601', sig(1.1)) and C('0.7109495', sig(0.9)) and E('0.2', 2 * 0.1)
            and C('0.0393106', 0.7502601 - 0.7109495) and E('0.2', 0.2) and C('0.196553', cen(0.1), 0.0393106 / 0.2)),
        ('- relative error: $|0.1966119 - 0.196553|', lambda: C('0.1966119', an) and C('0.196553', cen(0.1)) and C('0.1966119', an)
            and C('0.0000589', 0.1966119 - 0.196553) and C('0.1966119', an) and C('3.0', rel(an, cen(0.1)) * 1e4, 0.0000589 / 0.1966119 * 1e4)
            and E('10', 10) and E('-4', -4)),
        ('- forward: $(0.7502601 - 0.7310586)/0.1', lambda: C('0.7502601', sig(1.1)) and C('0.7310586', sig(1.0)) and E('0.1', 0.1)
            and C('0.192015', fwd(0.1), (0.7502601 - 0.7310586) / 0.1) and C('0.0045969', 0.1966119 - 0.192015) and C('0.1966119', an)
            and C('2.3', rel(an, fwd(0.1)) * 100, 0.0045969 / 0.1966119 * 100) and E('10', 10) and E('-2', -2)),
        ('Shrinking $h$ by $10\\times$', lambda: E('10', 10) and E('100', 100) and E('10', 10) and E('2', 2)
            and 90 < rel(an, cen(0.1)) / rel(an, cen(0.01)) < 110 and 9 < rel(an, fwd(0.1)) / rel(an, fwd(0.01)) < 11
            and E('10', 10) and E('-5', -5) and rel(an, cen(1e-9)) > rel(an, cen(1e-5)) and rel(an, cen(1e-11)) > 100 * rel(an, cen(1e-4))
            and abs(cen(1e-11) - an) > np.finfo(float).eps / 1e-11 * 1e-2),
        ('For $\\mathrm{ReLU}$ at $x = 10^{-6}$', lambda: E('10', 10) and E('-6', -6) and E('10', 10) and E('-5', -5)
            and (1e-6 - 1e-5) < 0 < (1e-6 + 1e-5) and E('1.1', (1e-6 + 1e-5) * 1e5) and E('-5', -5) and E('-0.9', (1e-6 - 1e-5) * 1e5)
            and E('-5', -5) and E('2', 2) and E('-5', -5)
            and E('0.55', (relu(1e-6 + 1e-5) - relu(1e-6 - 1e-5)) / 2e-5) and E('1', 1) and E('0.45', rel(1.0, 0.55))),
        ('*Side note:* the assignment helper', lambda: E('2', 2) and all(abs(abs(a - b) / (abs(a) + abs(b)) / rel(a, b) - 0.5) < 1e-3
            for a, b in [(0.3, 0.3001), (-2.0, -2.0004), (5e-3, 5.0001e-3)])),
    ]

# ======================================================================= 13
@register('13_prelu_slope_grad_pl.md', comma=True)
def f13():
    prelu = lambda x, a: np.where(x > 0, x, a * x)
    X = np.array([[1.5, -2, 0.5], [-1, 3, -0.4]]); dl = np.array([[0.2, 0.1, -0.3], [0.4, -0.5, 1]]); a0, eta = 0.25, 0.1
    Y = prelu(X, a0)
    dX = grad(lambda u: np.sum(dl * prelu(u, a0)), X)
    da_true = fd(lambda a: np.sum(dl * prelu(X, a)), a0)
    da_map = dl * X * (X <= 0)                                   # the student's per-position "gradient"
    a_true = a0 - eta * da_true; a_car = a0 - eta * da_map
    xs = rand(40, lo=-3, hi=3); xs = xs[np.abs(xs) > 1e-3]
    def local():
        ok = True
        for aa in (0.1, 0.25, 0.7):
            ok &= all(abs(fd(lambda u: prelu(u, aa), t) - (1.0 if t > 0 else aa)) < 1e-6 for t in xs)
            ok &= all(abs(fd(lambda b: prelu(t, b), aa) - (0.0 if t > 0 else t)) < 1e-6 for t in xs)
        return ok
    def elementwise():
        ok = True
        for _ in range(3):
            x_, d_, aa = rand(2, 3), rand(2, 3), RNG.uniform(0, 1)
            ok &= near(grad(lambda u: np.sum(d_ * prelu(u, aa)), x_), d_ * np.where(x_ > 0, 1, aa))
        return ok
    def per_position_formula():
        ok = True
        for _ in range(3):
            x_, d_, aa = rand(2, 3), rand(2, 3), RNG.uniform(0, 1)
            g = fd(lambda b: np.sum(d_ * prelu(x_, b)), aa)
            ok &= all(abs(g - d_[i, j] * x_[i, j] * (x_[i, j] <= 0)) < 1e-6 for i in range(2) for j in range(3))
        return ok
    return [
        ('**Zadanie 4.** Warstwa PReLU', GIVEN, '4 2015'),
        ('$$f(x) = \\begin{cases} x, & x > 0', GIVEN, '0 0'),
        ('Dane: jedna mapa cech (1 kanał)', lambda: E('1', 1) and EV(['2', '3'], X.shape) and E('0.25', a0) and E('0.1', eta)),
        ('$$X = \\begin{bmatrix} 1{,}5 & -2', lambda: EV(['1.5', '-2', '0.5', '-1', '3', '-0.4'], X) and EV(['0.2', '0.1', '-0.3', '0.4', '-0.5', '1'], dl)),
        ('Obliczyc: $Y$', GIVEN),
        ('a) Przejscie w przod', lambda: E('0.25', a0)),
        ('$$Y = \\begin{bmatrix} 1{,}5 & -0{,}5', lambda: EV(['1.5', '-0.5', '0.5', '-0.25', '3', '-0.1'], Y)),
        ('$$\\frac{\\partial f}{\\partial x} = \\begin{cases} 1, & x > 0', local, '1 0 0 0 0 0'),
        ('c) Gradient po wejsciu (element po elemencie', elementwise),
        ('$$\\frac{\\partial L}{\\partial X} = \\begin{bmatrix} 0{,}2 & 0{,}1\\cdot', lambda: E('0.2', dl[0, 0]) and E('0.1', dl[0, 1]) and E('0.25', a0)
            and E('-0.3', dl[0, 2]) and E('0.4', dl[1, 0]) and E('0.25', a0) and E('-0.5', dl[1, 1]) and E('1', dl[1, 2]) and E('0.25', a0)
            and EV(['0.2', '0.025', '-0.3', '0.1', '-0.5', '0.25'], dX.round(9))),
        ('(uwaga: gdyby kazda pozycja miala wlasne $a$', lambda: E('2', 2) and E('3', 3) and E('6', np.zeros_like(X).size) and E('1', np.size(a0))),
        ('d) Gradient po nachyleniu', GIVEN),
        ('$$\\frac{\\partial L}{\\partial a} = \\delta_{ij}\\cdot', lambda: ALL(per_position_formula(), E('0', 0)), '*'),
        ('Dla naszych danych, pozycja po pozycji', GIVEN),
        ('$$\\frac{\\partial L}{\\partial a} = \\begin{bmatrix} 0 & 0{,}1\\cdot(-2)', lambda: ALL(
            E('0', 0), E('0.1', dl[0, 1]), E('-2', X[0, 1]), E('0', 0), E('0.4', dl[1, 0]), E('-1', X[1, 0]), E('0', 0), E('1', dl[1, 2]), E('-0.4', X[1, 2]),
            CT(['0', '-0.2', '0', '-0.4', '0', '-0.4'], np.full(6, da_true), da_map))),
        ('e) Krok SGD, $a \\leftarrow', lambda: abs(fd(lambda b: (b - 0.3) ** 2, 0.8) - 1.0) < 1e-9),
        ('$$a \\leftarrow \\begin{bmatrix} 0{,}25 & 0{,}25 + 0{,}02', lambda: ALL(
            E('0.25', a0), E('0.25', a0), C('0.02', -eta * da_map[0, 1]), E('0.25', a0), E('0.25', a0), C('0.04', -eta * da_map[1, 0]), E('0.25', a0),
            E('0.25', a0), C('0.04', -eta * da_map[1, 2]), CT(['0.25', '0.27', '0.25', '0.29', '0.25', '0.29'], np.full(6, a_true), a_car))),
        ('Odp.: nachylenie rosnie tylko tam', lambda: ALL(CT(['0.02'], -eta * da_true, -eta * da_map[0, 1]), CT(['0.04'], -eta * da_true, -eta * da_map[1, 0]),
            CT(['0.25'], a_true, a_car[0, 0]))),
    ]

# ======================================================================= 14
@register('14_gradcheck_relerr_vi.md', comma=True)
def f14():
    x, w = 2.0, 0.5
    Lf = lambda ww: -np.log(sig(ww * x))
    gA = (sig(w * x) - 1) * x; gB = sig(w * x) - 1
    h = 1e-4; gn = (Lf(w + h) - Lf(w - h)) / (2 * h)
    g_true = fd(Lf, w)
    rel = lambda a, b: abs(a - b) / max(abs(a), abs(b))
    rel_student = lambda a, b: abs(a - b) / max(a, b)
    eA, eB = rel(gA, gn), rel(gB, gn); eA_c, eB_c = rel_student(gA, gn), rel_student(gB, gn)
    def same_sign_claim():
        ok = True
        for a, b in [(gA, gn), (gB, gn), (-0.3, -0.2), (0.3, 0.2)]:
            ok &= (a * b > 0) and abs(max(abs(a), abs(b)) - max(a, b)) < 1e-15
        return ok
    return [
        ('**Đề bài.** Cho $L(w) = -\\log\\sigma(wx)$', lambda: E('2', x) and E('0.5', w)),
        ('- theo giáo trình: $g_A', GIVEN, '1'),
        ('- bạn B đề xuất: $g_B', GIVEN, '1'),
        ('*Bước 1 – giá trị giải tích.*', lambda: E('1', 1) and E('1', w * x) and E('1', 1) and C('0.7311', sig(1.0))),
        ('$$g_A \\approx (0{,}7311 - 1)\\cdot 2', lambda: C('0.7311', sig(1.0)) and E('1', 1) and E('2', x) and C('-0.5378', gA, (0.7311 - 1) * 2)
            and C('0.7311', sig(1.0)) and E('1', 1) and C('-0.2689', gB, 0.7311 - 1)),
        ('(Giữ nhiều chữ số hơn:', lambda: C('-0.5378828427', gA) and C('-0.2689414214', gB) and abs(g_true - gA) < 1e-9),
        ('*Bước 2 – gradient số.*', lambda: E('2', 2) and E('10', 10) and E('-4', -4) and E('2', 2)
            and 90 < abs(((Lf(w + 1e-2) - Lf(w - 1e-2)) / 2e-2 - gA) / ((Lf(w + 1e-3) - Lf(w - 1e-3)) / 2e-3 - gA)) < 110),
        ('$$g_n = \\frac{L(w+h) - L(w-h)}{2h}.$$', lambda: abs(gn - g_true) < 1e-8, '2'),
        ('sig = lambda z: 1 / (1 + np.exp(-z))', lambda: E('1', 1) and E('1', 1) and abs(1 / (1 + np.exp(-0.3)) - sig(0.3)) < 1e-16),
        ('L = lambda w: -np.log(sig(w * 2.0))', lambda: E('2.0', x)),
        ('h = 1e-4', lambda: E('1e-4', h)),
        ('g_num = (L(0.5 + h) - L(0.5 - h)) / (2 * h)', lambda: E('0.5', w) and E('0.5', w) and E('2', 2)),
        ('print(g_num)    # -0.5378828439514538', lambda: E('-0.5378828439514538', gn)),
        ('*Bước 3 – sai số tương đối.*', GIVEN, '3'),
        ('$$e = \\frac{|g_a - g_n|}{\\max\\big(|g_a|,\\ |g_n|\\big)}.$$', GIVEN),
        ('Ở đây $g_a$ và $g_n$ cùng dấu nên', same_sign_claim),
        ('- với $g_A$: $|g_A - g_n|', lambda: ALL(C('1.2', abs(gA - gn) * 1e9), E('10', 10), E('-9', -9), C('1.2', 1.2), E('10', 10), E('-9', -9),
            C('-0.5379', gA), CT(['-2.3'], eA * 1e9, eA_c * 1e9), E('10', 10), E('-9', -9))),
        ('- với $g_B$: $|g_B - g_n|', lambda: ALL(C('0.2689', abs(gB - gn)), C('0.2689', abs(gB - gn)), C('-0.2689', gB), C('-0.5379', gn),
            E('0.2689', 0.2689), C('-0.2689', max(gB, gn)), CT(['-1'], eB, eB_c))),
        ('def rel_error(a, b):', GIVEN),
        ('return abs(a - b) / max(a, b)', lambda: TRUTH(all(abs(rel_student(a, b) - rel(a, b)) < 1e-15 for a, b in [(gA, gn), (gB, gn), (-0.4, -0.1)]),
            rel_student(gA, gn) == eA_c)),
        ('print(rel_error(-0.5378828427399902, g_num))', lambda: E('-0.5378828427399902', gA) and C('-2.2522815376e-09', eA_c)),
        ('print(rel_error(-0.2689414213699951, g_num))', lambda: E('-0.2689414213699951', gB) and C('-1.0000000045', eB_c)),
        ('**Kết luận.** Cả $e_A$ và $e_B$', lambda: ALL(E('10', 10), E('-7', -7), TRUTH(eA < 1e-7 and eB < 1e-7, eA_c < 1e-7 and eB_c < 1e-7))),
    ]

# ======================================================================= 15
@register('15_bce_with_logits_answer_key.md')
def f15():
    zs = rand(40, lo=-8, hi=8); ys = RNG.uniform(0, 1, 40)
    bce = lambda z, y: -(y * np.log(sig(z)) + (1 - y) * np.log(1 - sig(z)))
    sp = lambda z: np.log1p(np.exp(z))
    stable = lambda z, y: np.maximum(z, 0) - y * z + np.log1p(np.exp(-np.abs(z)))
    def part_a():
        return near(bce(zs, ys), sp(zs) - ys * zs, 1e-10)
    def logs():
        return (near(1 - sig(zs), sig(-zs), 1e-12) and near(np.log(sig(zs)), -np.log(1 + np.exp(-zs)), 1e-12)
                and near(-np.log(1 + np.exp(-zs)), zs - np.log(1 + np.exp(zs)), 1e-12) and near(np.log(1 - sig(zs)), -np.log(1 + np.exp(zs)), 1e-10))
    def subst():
        return near(bce(zs, ys), -ys * (zs - sp(zs)) + (1 - ys) * sp(zs), 1e-10)
    def part_b():
        return all(abs(fd(lambda u: bce(u, y), z) - (sig(z) - y)) < 1e-6 for z, y in zip(zs, ys))
    def cancel():
        ok = True
        for z, y in zip(zs, ys):
            s = sig(z); dl_ds = -y / s + (1 - y) / (1 - s)
            ok &= abs(fd(lambda q: -(y * np.log(q) + (1 - y) * np.log(1 - q)), s, 1e-9) - dl_ds) < 1e-4 * max(1, abs(dl_ds)) and abs(dl_ds * s * (1 - s) - (s - y)) < 1e-9
        return ok
    def part_c():
        big = np.array([-800.0, -40, 40, 800]); yy = np.array([1.0, 0.3, 0, 0.5])
        with np.errstate(over='ignore'):
            ok = np.all(np.isfinite(stable(big, yy))) and np.all(-np.abs(big) <= 0)
        arg = 1 + np.exp(-np.abs(np.concatenate([zs, [0.0]])))   # exact math: e^{-|z|} in (0, 1]
        return (ok and near(np.log(1 + np.exp(zs)), np.maximum(zs, 0) + np.log(1 + np.exp(-np.abs(zs))), 1e-12)
                and near(stable(zs, ys), bce(zs, ys), 1e-10) and np.all(arg > 1) and np.all(arg <= 2) and arg.max() == 2)
    def mse_grad():
        z, y = 0.7, 0.2
        return abs(fd(lambda u: 0.5 * (sig(u) - y) ** 2, z) - (sig(z) - y) * sig(z) * (1 - sig(z))) < 1e-9 and abs(fd(lambda u: bce(u, y), z) - (sig(z) - y)) < 1e-7
    def float40():
        s40 = 1.0 / (1.0 + np.exp(-40.0))
        with np.errstate(divide='ignore'):
            naive = -(0.0 * np.log(s40) + 1.0 * np.log(1.0 - s40))
            return s40 == 1.0 and np.isneginf(np.log(1.0 - s40)) and np.isposinf(naive)
    return [
        ('**CS 4xx Midterm', lambda: E('5', 5) and E('10', 3 + 2 + 2 + 3), '4'),
        ('*Setup given in the question.*', lambda: near(sig(zs), 1 / (1 + np.exp(-zs))) and E('1', 1) and E('1', 1) and E('0', 0) and E('1', 1)),
        ('$$\\ell(z, y) = -\\big[\\,y\\log\\sigma(z)', GIVEN, '1 1'),
        ('**(a) [3 pts] Show that', lambda: part_a() and E('3', 3) and E('1', 1)),
        ('Expected answer. Use $1-\\sigma(z)', lambda: near(1 - sig(zs), sig(-zs), 1e-12) and E('1', 1)),
        ('$$\\log\\sigma(z) = -\\log(1+e^{-z})', logs, '1 1 1 1'),
        ('\\ell(z, y) &= -y\\big(z - \\log(1+e^{z})\\big)', subst, '1 1 1'),
        ('&= \\log(1+e^{z}) - y\\,z .', part_a, '1'),
        ('(1 pt for each logarithm', lambda: E('1', 1) and E('1', 1) and E('1', 1) and near(sp(zs), np.logaddexp(0, zs), 1e-12), '1'),
        ('**(b) [2 pts] Compute', GIVEN, '2'),
        ('Since $\\frac{d}{dz}\\log(1+e^{z})', lambda: all(abs(fd(sp, z) - np.exp(z) / (1 + np.exp(z))) < 1e-7 for z in zs) and near(np.exp(zs) / (1 + np.exp(zs)), sig(zs), 1e-12), '1 1'),
        ('$$\\frac{\\partial \\ell}{\\partial z} = \\sigma(z) - y .$$', part_b),
        ('No Jacobian of the sigmoid appears', cancel, '1 1 1 1'),
        ('**(c) [2 pts] Numerically stable form.**', lambda: part_c() and E('2', 2) and E('0', 0) and E('1', 1), '1'),
        ('$$\\ell(z, y) = \\max(z, 0) - y\\,z', lambda: near(stable(zs, ys), bce(zs, ys), 1e-10), '0 1'),
        ('where the exponent is never positive', lambda: part_c() and E('1', 1) and E('2', 2)),
        ('**(d) [3 pts] Evaluate', GIVEN, '3'),
        ('- $z = -2$, $y = 1$:', lambda: E('-2', -2) and E('1', 1) and E('0', max(-2, 0)) and E('2', -1 * -2) and E('1', 1) and E('-2', -2)
            and E('2', 2) and C('0.1269', np.log1p(np.exp(-2))) and C('2.1269', bce(-2.0, 1.0), 2 + 0.1269) and E('-2', -2) and E('1', 1)
            and C('0.1192', sig(-2.0)) and E('1', 1) and C('-0.8808', fd(lambda u: bce(u, 1.0), -2.0), 0.1192 - 1)),
        ('- $z = 0.5$, $y = 0.3$:', lambda: E('0.5', 0.5) and E('0.3', 0.3) and E('0.5', max(0.5, 0)) and E('0.15', 0.3 * 0.5) and E('1', 1) and E('-0.5', -0.5)
            and E('0.35', 0.5 - 0.15) and C('0.4741', np.log1p(np.exp(-0.5))) and C('0.8241', bce(0.5, 0.3), 0.35 + 0.4741)
            and E('0.5', 0.5) and E('0.3', 0.3) and C('0.6225', sig(0.5)) and E('0.3', 0.3) and C('0.3225', fd(lambda u: bce(u, 0.3), 0.5), 0.6225 - 0.3)),
        ('- $z = 40$, $y = 0$:', lambda: float40() and E('40', 40) and E('0', 0) and E('1', 1) and E('40', 40) and E('40', 40) and E('1', sig(40.0))
            and E('0', 1 - sig(40.0)) and E('40', stable(40.0, 0.0).round(12)) and E('1', 1) and E('-40', -40) and C('40', stable(40.0, 0.0))
            and C('4.2', np.log1p(np.exp(-40.0)) * 1e18) and E('10', 10) and E('-18', -18) and E('40', 40) and E('0', 0) and C('1', sig(40.0))
            and abs(fd(lambda u: stable(u, 0.0), 40.0) - 1) < 1e-6),
        ('*Common deductions:*', lambda: mse_grad() and E('-1', -1) and E('1', 1) and E('-1', -1) and E('1', 1)),
    ]

# ======================================================================= 16
@register('16_bn_folding_inference_it.md', comma=True)
def f16():
    W = np.array([[1, -2, 0.5], [0, 1, 3.0]]); b = np.array([0.5, -1]); g = np.array([2, 0.5]); be = np.array([0.1, -0.3])
    mu = np.array([1, 2.0]); v = np.array([0.25, 4.0])
    bn_eval = lambda x, G=g, B=be, eps=0.0: G * (x - mu) / np.sqrt(v + eps) + B
    a = g / np.sqrt(v); Wf = a[:, None] * W; bf = a * (b - mu) + be
    h = np.array([1, 0, 2.0]); x = W @ h + b; y = bn_eval(x); dl = np.array([1, -2.0]); xh = (x - mu) / np.sqrt(v)
    def affine():
        ok = True
        for eps in (0.0, 1e-5, 0.3):
            aa = g / np.sqrt(v + eps); cc = be - aa * mu; xx = rand(2)
            ok &= near(bn_eval(xx, eps=eps), aa * xx + cc, 1e-12)
        return ok
    def diag_jac():
        xx = rand(2); J = np.stack([grad(lambda u: bn_eval(u)[k], xx) for k in range(2)])
        # train mode couples examples: d y_1 / d x_2 != 0 for a batch normalised with its own statistics
        X = rand(5); Jt = grad(lambda u: ((u - u.mean()) / np.sqrt(u.var()))[0], X)
        return near(J, np.diag(a)) and np.max(np.abs(Jt[1:])) > 1e-3
    def fold():
        ok = True
        for _ in range(3):
            hh = rand(3); ok &= near(bn_eval(W @ hh + b), np.diag(a) @ (W @ hh + b) + (be - a * mu), 1e-12) and near(bn_eval(W @ hh + b), Wf @ hh + bf, 1e-12)
        return ok and near(Wf, np.diag(a) @ W, 1e-15) and all(near(Wf[k], a[k] * W[k], 1e-15) for k in range(2))
    def train_breaks():
        # with batch statistics the map h -> y is not a fixed affine map (depends on the other batch entries)
        Hs = rand(4, 3); X = Hs @ W.T + b
        yb = g * (X - X.mean(0)) / np.sqrt(X.var(0)) + be
        Hs2 = Hs.copy(); Hs2[1:] += 1.0; X2 = Hs2 @ W.T + b
        yb2 = g * (X2 - X2.mean(0)) / np.sqrt(X2.var(0)) + be
        return not near(yb[0], yb2[0])
    return [
        ('Durante l\'addestramento BN normalizza', GIVEN, '2'),
        ('$$y_k = \\gamma_k\\,\\frac{x_k - \\mu_{r,k}}', affine, '2 2'),
        ('Quindi in eval BN è una semplice', diag_jac, '2'),
        ('Se prima di BN c\'è un layer lineare', GIVEN),
        ('$$y = \\mathrm{diag}(a)\\,(W h + b) + c', fold),
        ('In pratica: la riga $k$ di $W$', lambda: fold() and train_breaks() and (np.prod(W.shape) + 2 == Wf.size + bf.size), '2'),
        ('$C_{in} = 3$, $C_{out} = 2$', lambda: EV(['3', '2'], W.shape[::-1]) and E('0', 0)),
        ('$$W = \\begin{pmatrix} 1 & -2 & 0{,}5', lambda: EV(['1', '-2', '0.5', '0', '1', '3'], W) and EV(['0.5', '-1'], b) and EV(['2', '0.5'], g)
            and EV(['0.1', '-0.3'], be) and EV(['1', '2'], mu) and E('2', 2) and EV(['0.25', '4'], v)),
        ('- $a = \\gamma/\\sqrt{\\sigma_r^2}', lambda: E('2', 2) and E('2', g[0]) and E('0.5', np.sqrt(v[0])) and E('0.5', g[1]) and E('2', np.sqrt(v[1]))
            and EV(['4', '0.25'], a)),
        ("- $W' = \\begin{pmatrix} 4 & -8 & 2", lambda: EV(['4', '-8', '2', '0', '0.25', '0.75'], Wf) and E('4', a[0]) and E('0.5', b[0]) and E('1', mu[0])
            and E('0.1', be[0]) and E('0.25', a[1]) and E('-1', b[1]) and E('2', mu[1]) and E('0.3', -be[1]) and EV(['-1.9', '-1.05'], bf.round(12))),
        ('Verifica con $h = (1;', lambda: EV(['1', '0', '2'], h)),
        ('- strada lunga:', lambda: EV(['2.5', '5'], x.round(12)) and E('2', g[0]) and E('1.5', x[0] - mu[0]) and E('0.5', np.sqrt(v[0])) and E('0.1', be[0])
            and E('0.5', g[1]) and E('3', x[1] - mu[1]) and E('2', np.sqrt(v[1])) and E('0.3', -be[1]) and EV(['6.1', '0.45'], y.round(12))),
        ('- strada corta:', lambda: E('4', Wf[0, 0] * h[0]) and E('4', Wf[0, 2] * h[2]) and E('1.9', -bf[0]) and E('1.5', Wf[1, 2] * h[2]) and E('1.05', -bf[1])
            and EV(['6.1', '0.45'], (Wf @ h + bf).round(12)) and near(Wf @ h + bf, y, 1e-12)),
        ('Backward in eval con', lambda: EV(['1', '-2'], dl) and EV(['4', '-0.5'], grad(lambda u: dl @ bn_eval(u), x).round(9))
            and EV(['1', '-2'], grad(lambda B: dl @ bn_eval(x, g, B), be).round(9)) and E('1', dl[0]) and E('3', xh[0]) and E('-2', dl[1]) and E('1.5', xh[1])
            and EV(['3', '-3'], grad(lambda G: dl @ bn_eval(x, G), g).round(9)) and E('2', 2) and EV(['3', '1.5'], xh)),
        ('Con il valore di default', lambda: E('10', 10) and E('-5', -5) and E('2', g[0]) and E('0.25', v[0]) and E('10', 10) and E('-5', -5)
            and C('3.99992', g[0] / np.sqrt(v[0] + 1e-5)) and C('0.2500', g[1] / np.sqrt(v[1] + 1e-5))),
    ]


# ------------------------------------------------------------ number accounting
def _skip_group(s, i):
    """index just after the subscript argument starting at s[i]"""
    if i < len(s) and s[i] == '{':
        depth = 0
        for j in range(i, len(s)):
            depth += (s[j] == '{') - (s[j] == '}')
            if depth == 0:
                return j + 1
        return len(s)
    if i < len(s) and s[i] == '\\':
        m = re.match(r'\\[A-Za-z]+', s[i:])
        return i + (m.end() if m else 1)
    return i + 1

def normalise(s, comma):
    s = s.replace('−', '-')
    s = re.sub(r'\\[td]?frac(\d)(\d)', r'\\frac{\1}{\2}', s)
    if comma:
        s = s.replace('{,}', '.')
        s = re.sub(r'(?<=\d),(?=\d)', '.', s)
        s = re.sub(r'(?<=\d)[ \u00a0\u202f\\,]+(?=\d{3}(?!\d))', '', s)   # 7 087 872
    else:
        s = s.replace('{,}', '')
        s = re.sub(r'(?<=\d),(?=\d{3}(?!\d))', '', s)                  # 7,087,872
    out, i = [], 0
    while i < len(s):
        ch = s[i]
        if ch == '_' and not re.match(r'_[A-Za-z]*\(', s[i:]):            # subscripts are labels
            i = _skip_group(s, i + 1); continue
        if ch == '^' and re.match(r'\^\{?\(\d+\)', s[i:]):                # layer / step labels ^{(1)}
            i = _skip_group(s, i + 1); continue
        out.append(ch); i += 1
    return ''.join(out)

def line_tokens(line, comma):
    s = re.sub(r'^\s*(>\s*)+', '', line)
    s = re.sub(r'^\s*\d+\.\s', '', s)                                     # list enumerator
    # a minus sign directly in front of a number (not a binary minus such as "a-5") is part of the token
    return re.findall(r'(?<![A-Za-z0-9_.)\]}])-?(?<![A-Za-z0-9_.])[0-9]+(?:\.[0-9]+)?', normalise(s, comma))

def lit_tokens(shown):
    s = shown.strip().replace('−', '-').replace(',', '.').lstrip('+')
    m = re.fullmatch(r'(-?[0-9.]+)e([+-]?)(\d+)', s)
    if m:                                   # '3.0e-04' is tokenised on the line as '3.0', '04'
        return [m.group(1), m.group(3) if m.group(2) == '-' else m.group(2) + m.group(3)]
    return [s]

def account(line, lits, ctx, comma):
    left = Counter(line_tokens(line, comma)); probs = []
    for lit in lits:
        for t in lit_tokens(lit):
            if left[t] > 0:
                left[t] -= 1
            else:
                probs.append(f'checked value {t!r} not (or not that often) on the line')
    for t in ctx.split():
        if left[t] > 0:
            left[t] -= 1
        else:
            probs.append(f'declared token {t!r} not (or not that often) on the line')
    if +left:
        probs.append(f'unaccounted numbers {list((+left).elements())}')
    # the checked values must appear on the line in the order in which they were checked
    toks, pos = line_tokens(line, comma), 0
    for lit in lits:
        for t in lit_tokens(lit):
            try:
                pos = toks.index(t, pos) + 1
            except ValueError:
                probs.append(f'checked value {t!r} out of order'); pos = len(toks) + 1
                break
    return probs

# ------------------------------------------------------------------ driver
MATH_CHARS = set('$∂∑σ′∇√‖⊙∘∈≤≥←→≈×·ε∞δλαβγμ∑Σ')
def math_lines(lines):
    out = set()
    for i, ln in enumerate(lines, 1):
        s = re.sub(r'^\s*(>\s*)+', '', ln.strip())
        if ln.strip().startswith('<!--') or not s or s.startswith('```') or s in ('$$', '\\[', '\\]') or re.fullmatch(r'\\(begin|end)\{[a-z*]+\}', s):
            continue
        if ('`' in s or '\\(' in s or '=' in s or '^' in s or any(ch in MATH_CHARS for ch in s)
                or re.search(r'\\[A-Za-z]+', s)
                or (re.search(r'[≈<>]', s) and re.search(r'[0-9]', s))):
            out.add(i)
    return out

def check_file(name, builder, comma):
    lines = open(os.path.join(D, name), encoding='utf-8').read().split('\n')
    if lines and lines[-1] == '':
        lines = lines[:-1]
    problems, covered, first_false, prev = [], set(), None, 0
    if not (lines and re.fullmatch(r'<!-- style: .+ -->', lines[0])):
        problems.append('first line is not a style comment')
    for entry in builder():
        sub, pred = entry[0], entry[1]
        ctx = entry[2] if len(entry) > 2 else ''
        hits = [i for i, ln in enumerate(lines, 1) if sub in ln]
        if len(hits) != 1:
            problems.append(f'substring matches {len(hits)} lines: {sub!r}')
            continue
        ln = hits[0]; text = lines[ln - 1]
        if ln <= prev:
            problems.append(f'check out of order at line {ln}: {sub!r}')
        prev = ln
        covered.add(ln)
        _LITS.clear(); _CARRY.clear()
        try:
            ok = bool(pred())
        except Exception as e:
            ok = False
            problems.append(f'predicate error line {ln}: {e!r}')
        if not all(_CARRY):
            problems.append(f'line {ln}: not consistent with the error carried forward')
        if ok and ctx != '*':
            problems += [f'line {ln}: {p}' for p in account(text, list(_LITS), ctx, comma)]
        elif not ok:      # a false line must still show the values that were found false
            problems += [f'line {ln}: {p}' for p in account(text, list(_LITS), '', comma) if p.startswith('checked')]
        if VERBOSE:
            print(f'      L{ln:2d} {"T" if ok else "F"}  {text[:90]}')
        if not ok and first_false is None:
            first_false = ln
    missing = sorted(math_lines(lines) - covered)
    if missing:
        problems.append(f'math lines without a check: {missing}')
    return first_false, problems, len(lines)

def main():
    expected = json.load(open(os.path.join(D, 'expected.json')))
    only = [a for a in sys.argv[1:] if not a.startswith('-')]
    names = sorted(FILES) if not only else [n for n in sorted(FILES) if any(o in n for o in only)]
    all_ok = set(expected) == set(FILES) and len(FILES) == 16
    if not all_ok and not only:
        print('file set mismatch:', sorted(set(expected) ^ set(FILES)))
    for name in names:
        fn, comma = FILES[name]
        if VERBOSE:
            print(name)
        ff, probs, n = check_file(name, fn, comma)
        exp = expected.get(name, 'missing')
        ok = (ff == exp) and not probs and 25 <= n <= 70
        all_ok &= ok
        print(f'{name:42s} lines={n:2d} first_false={ff!s:4s} expected={exp!s:4s} {"OK" if ok else "MISMATCH"}')
        for p in probs:
            print('    !', p)
    n_err = sum(v is not None for v in expected.values())
    if n_err != 8:
        print(f'expected.json should have 8 planted errors, has {n_err}')
        all_ok = False
    print('ALL OK' if all_ok else 'NOT OK')
    assert all_ok, 'first false line differs from expected.json (or a check problem)'
    return 0

if __name__ == '__main__':
    sys.exit(main())
