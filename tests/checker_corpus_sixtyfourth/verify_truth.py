#!/usr/bin/env python3
"""Independent NumPy check of corpus64 (losses, optimizers and regularisation by hand).

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
RNG = np.random.default_rng(64)

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
@register('01_bce_logits_goodfellow.md')
def f01():
    zeta = lambda u: np.logaddexp(0.0, u)
    def J(z, y):
        return -y * np.log(sig(z)) - (1 - y) * np.log(1 - sig(z))
    z = np.array([2.0, -1.0, 0.5]); y = np.array([1.0, 1.0, 0.0])
    s = sig(z); d = s - y; c = zeta(z) - y * z
    sr = np.array([0.8808, 0.2689, 0.6225]); dr = np.array([-0.1192, -0.7311, 0.6225]); cr = np.array([0.1269, 1.3133, 0.9741])
    def identities():
        u = rand(20, lo=-6, hi=6)
        return (near(np.log(sig(u)), -zeta(-u)) and near(np.log(1 - sig(u)), -zeta(u)))
    def forms():
        ok = True
        for yy in (0.0, 1.0):
            u = rand(20, lo=-6, hi=6)
            ok &= near(J(u, yy), yy * zeta(-u) + (1 - yy) * zeta(u)) and near(J(u, yy), zeta(u) - yy * u) \
                and near(J(u, yy), zeta((1 - 2 * yy) * u))
        return ok
    def sat():
        # zeta((1-2y)z) is flat (gradient -> 0) only for very negative argument, which is the correct-answer regime
        return abs(fd(zeta, -12.0)) < 1e-4 and abs(fd(zeta, 12.0) - 1) < 1e-4 and J(-12.0, 0.0) < 1e-4 and J(12.0, 1.0) < 1e-4
    def grads():
        ok = True
        for _ in range(5):
            u = RNG.uniform(-4, 4); yy = float(RNG.integers(0, 2))
            ok &= abs(fd(lambda t: J(t, yy), u) - (sig(u) - yy)) < 1e-6
            ok &= abs(fd(lambda t: fd(lambda r: J(r, yy), t, 1e-4), u, 1e-4) - sig(u) * (1 - sig(u))) < 1e-5
            ok &= sig(u) * (1 - sig(u)) > 0
        return ok and abs(fd(zeta, 0.7) - sig(0.7)) < 1e-8
    def chain():
        ok = True
        for _ in range(3):
            x = rand(4); w = rand(4); b = RNG.uniform(-1, 1); yy = 1.0
            ok &= near(grad(lambda ww: J(ww @ x + b, yy), w), (sig(w @ x + b) - yy) * x) \
                and abs(fd(lambda bb: J(w @ x + bb, yy), b) - (sig(w @ x + b) - yy)) < 1e-6
        return ok
    def batch():
        ok = True
        for _ in range(3):
            m, n = 5, 3
            X = rand(m, n); w = rand(n); b = RNG.uniform(-1, 1); yy = RNG.integers(0, 2, m).astype(float)
            Jb = lambda ww, bb: np.mean(J(X @ ww + bb * np.ones(m), yy))
            r = sig(X @ w + b) - yy
            ok &= near(grad(lambda ww: Jb(ww, b), w), X.T @ r / m) and abs(fd(lambda bb: Jb(w, bb), b) - np.ones(m) @ r / m) < 1e-6
        return ok
    def stable():
        u = np.array([-800.0, -30.0, -1.0, 0.0, 2.0, 30.0, 800.0])
        st = np.maximum(u, 0) + np.log1p(np.exp(-np.abs(u)))
        return near(st, zeta(u)) and np.all(np.isfinite(st))
    return [
        ('Let $x$ be an input', GIVEN, '1 0 1'),
        ('$$J(\\theta) = -\\log P(y', lambda: near(J(np.array([0.3, -2.0]), 1.0), -np.log(sig(np.array([0.3, -2.0])))) and near(J(np.array([0.3, -2.0]), 0.0), -np.log(1 - sig(np.array([0.3, -2.0])))), '1 1 8.1'),
        ('Recall the softplus function', GIVEN, '1'),
        ('$$\\log \\sigma(z) = -\\zeta(-z)', identities, '1'),
        ('Substituting them into (8.1)', lambda: all(abs(zeta(u) - zeta(-u) - u) < 1e-12 for u in rand(9, lo=-5, hi=5)), '8.1'),
        ('J &= y\\,\\zeta(-z)', forms, '1'),
        ('&= \\zeta(z) - y z', forms),
        ('&= \\zeta\\big((1 - 2y)', forms, '1 2'),
        ('The last form is the one in the book', sat, '1 2'),
        ("Since $\\zeta'(z) = \\sigma(z)$", grads),
        ('$$\\frac{\\partial J}{\\partial z} = \\sigma(z) - y', grads, '2 2 1 0'),
        ('so $J$ is convex in $z$', chain),
        ('For a minibatch of $m$ examples', batch, '1 1'),
        ('$$\\nabla_w J = \\frac{1}{m} X^\\top', batch, '1 1 1'),
        ('**Numerically stable evaluation.**', stable, '0 1'),
        ('**Worked example.**', lambda: ALL(E('3', z.size), EV(['2.0', '-1.0', '0.5'], z), EV(['1', '1', '0'], y))),
        ('- $\\sigma(z) \\approx', lambda: CV(['0.8808', '0.2689', '0.6225'], s)),
        ('- $\\partial J^{(i)}/\\partial z_i', lambda: ALL(near(grad(lambda t: np.sum(J(t, y)), z), d), CV(['-0.1192', '-0.7311', '0.6225'], d, sr - y))),
        ('- $\\zeta(2) \\approx 2.1269$', lambda: ALL(E('2', 2), C('2.1269', zeta(2.0)), E('-1', -1), C('0.3133', zeta(-1.0)), E('0.5', 0.5), C('0.9741', zeta(0.5)))),
        ('- per-example costs', lambda: ALL(near(c, J(z, y)), CV(['0.1269', '1.3133', '0.9741'], c))),
        ('- mean cost $J \\approx', lambda: ALL(CV(['0.1269', '1.3133', '0.9741'], c), E('3', 3), C('0.8048', c.mean(), cr.sum() / 3))),
        ('- $\\partial J/\\partial b = \\frac{1}{3}', lambda: ALL(E('1', 1), E('3', 3), C('-0.1192', d[0]), C('0.7311', -d[1]), C('0.6225', d[2]),
                                                             C('-0.0759', d.mean(), dr.sum() / 3),
                                                             abs(fd(lambda bb: np.mean(J(z + bb, y)), 0.0) - d.mean()) < 1e-8)),
        ('The second example is confidently wrong', lambda: ALL(E('-1', z[1]), np.argmax(np.abs(d)) == 1)),
        ('**Why not squared error', lambda: ALL(
            all(abs(fd(lambda t: 0.5 * (sig(t) - yy) ** 2, u) - (sig(u) - yy) * sig(u) * (1 - sig(u))) < 1e-7 for u, yy in [(0.4, 1.0), (-1.3, 0.0)]),
            E('-10', -10), E('1', 1),
            C('-4.54', ((sig(-10.0) - 1) * sig(-10.0) * (1 - sig(-10.0))) / 1e-5), E('10', 10), E('-5', -5),
            E('-10', -10), E('1', 1), C('-1.0000', sig(-10.0) - 1)), '1 2 2 1 8.1'),
    ]

# ======================================================================= 02
@register('02_hinge_squared_hinge_cv.md')
def f02():
    hinge = lambda m: np.maximum(0.0, 1 - m)
    sqh = lambda m: np.maximum(0.0, 1 - m) ** 2
    w = np.array([0.5, -1.0]); b = 0.2; x = np.array([2.0, 1.0]); y = 1.0; eta = 0.1
    s = w @ x + b; m = y * s
    Lw = lambda f, ww, bb, xx=x, yy=y: f(yy * (ww @ xx + bb))
    gh_w = -y * x * (m < 1); gh_b = -y * (m < 1)
    gs_w = grad(lambda ww: Lw(sqh, ww, b), w); gs_b = fd(lambda bb: Lw(sqh, w, bb), b)
    def margin_chain():
        ok = True
        for _ in range(3):
            ww, xx = rand(3), rand(3); bb = RNG.uniform(-1, 1); yy = float(RNG.choice([-1, 1]))
            mm = lambda a, c: yy * (a @ xx + c)
            ok &= near(grad(lambda a: mm(a, bb), ww), yy * xx) and abs(fd(lambda c: mm(ww, c), bb) - yy) < 1e-8
        return ok
    def hinge_sub():
        ok = True
        for _ in range(6):
            ww, xx = rand(3), rand(3); bb = RNG.uniform(-1, 1); yy = float(RNG.choice([-1, 1]))
            mm = yy * (ww @ xx + bb)
            if abs(mm - 1) < 1e-3:
                continue
            ok &= near(grad(lambda a: Lw(hinge, a, bb, xx, yy), ww), -yy * xx * (mm < 1))
            ok &= abs(fd(lambda c: Lw(hinge, ww, c, xx, yy), bb) - (-yy * (mm < 1))) < 1e-6
        return ok
    def kink():
        # at m = 1 every -theta*y*x, theta in [0,1], satisfies the subgradient inequality
        ok = True
        for _ in range(20):
            xx = rand(2); yy = 1.0; w0 = xx / (xx @ xx)          # m(w0) = 1 with b = 0
            th = RNG.uniform(0, 1); gsub = -th * yy * xx; wq = w0 + rand(2)
            ok &= hinge(yy * (wq @ xx)) >= hinge(yy * (w0 @ xx)) + gsub @ (wq - w0) - 1e-12
        # and theta outside [0,1] is not a subgradient in general
        xx = np.array([1.0, 0.0]); w0 = np.array([1.0, 0.0]); bad = -1.5 * xx; wq = np.array([0.0, 0.0])
        return ok and not (hinge(wq @ xx) >= hinge(w0 @ xx) + bad @ (wq - w0))
    def flat_mag():
        # the subgradient norm is |y| ||x|| for every m < 1, independent of how small m is
        xx = np.array([0.3, -1.2]); return all(abs(np.linalg.norm(grad(lambda a: hinge(a @ xx), xx * c)) - np.linalg.norm(xx)) < 1e-6 for c in (-5.0, -1.0, 0.2))
    def smooth():
        d = lambda t: fd(sqh, t)
        return abs(d(1 - 1e-4)) < 1e-3 and abs(d(1 + 1e-4)) < 1e-12 and all(abs(d(t) - (-2 * (1 - t))) < 1e-6 for t in (-1.0, 0.3, 0.9))
    def sq_formula():
        ok = True
        for _ in range(4):
            ww, xx = rand(3), rand(3); bb = RNG.uniform(-1, 1); yy = float(RNG.choice([-1, 1]))
            mm = yy * (ww @ xx + bb)
            ok &= near(grad(lambda a: Lw(sqh, a, bb, xx, yy), ww), -hinge(mm) * yy * xx)
            ok &= abs(fd(lambda c: Lw(sqh, ww, c, xx, yy), bb) - (-hinge(mm) * yy)) < 1e-6
        return ok
    w_h = w - eta * gh_w; b_h = b - eta * gh_b
    w_s = w - eta * gs_w; b_s = b - eta * gs_b
    x2 = np.array([1.0, 3.0]); y2 = -1.0; s2 = w @ x2 + b; m2 = y2 * s2
    def practice():
        big = [sqh(-t) / hinge(-t) for t in (10.0, 100.0)]
        return smooth() and big[1] > 9 * big[0]
    return [
        ("I'm training a linear classifier", GIVEN, '-1 1'),
        ('Write the functional margin', margin_chain),
        ('**Hinge.** $\\ell_{\\text{h}}(m)', lambda: abs(fd(hinge, 1 - 1e-3, 1e-4) - fd(hinge, 1 + 1e-3, 1e-4)) > 0.9, '0 1 1'),
        ('-\\,y\\,x, & m < 1', hinge_sub, '1'),
        ('0, & m > 1,', hinge_sub, '0 1'),
        ('\\qquad \\frac{\\partial \\ell_{\\text{h}}}{\\partial b}', hinge_sub, '1 1'),
        ('and at $m = 1$ any', lambda: kink() and flat_mag(), '1 0 1 0'),
        ('**Squared hinge.**', smooth, '0 1 2 1 0'),
        ('\\frac{\\partial \\ell_{\\text{sq}}}{\\partial w} = -\\max', sq_formula, '0 1 0 1'),
        ('**Small example.**', lambda: ALL(EV(['0.5', '-1.0'], w), E('0.2', b), EV(['2', '1'], x), E('1', y))),
        ('- score $s = 0.5', lambda: ALL(E('0.5', w[0]), E('2', x[0]), E('1.0', -w[1]), E('1', x[1]), E('0.2', b), E('0.2', s), E('0.2', m), E('1', 1), m < 1)),
        ('- hinge: $\\ell_{\\text{h}} = 0.8$', lambda: ALL(E('0.8', hinge(m)), EV(['-2', '-1'], grad(lambda a: Lw(hinge, a, b), w).round(6)),
                                                         E('-1', round(fd(lambda c: Lw(hinge, w, c), b), 6)))),
        ('- squared hinge: $\\ell_{\\text{sq}} = 0.8^2', lambda: ALL(E('0.8', hinge(m)), E('2', 2), C('0.64', sqh(m)),
                                                                   C('-0.8', -hinge(m) * 2), EV(['2', '1'], x), CV(['-1.6', '-0.8'], gs_w), C('-0.8', gs_b))),
        ('So at this point the squared-hinge gradient', lambda: ALL(C('0.8', gs_b / gh_b), E('1', 1),
                                                                   all(abs(fd(sqh, t) / fd(hinge, t) - (1 - t)) < 1e-6 for t in (0.2, -0.5)))),
        ('One SGD step with $\\eta = 0.1$', lambda: E('0.1', eta)),
        ('| loss | $w_{\\text{new}}$', GIVEN),
        ('| hinge | $(0.7', lambda: ALL(CV(['0.7', '-0.9'], w_h), C('0.3', b_h))),
        ('| squared hinge | $(0.66', lambda: ALL(CV(['0.66', '-0.92'], w_s), C('0.28', b_s))),
        ('For a point with $m > 1$', lambda: ALL(E('1', 1), EV(['1', '3'], x2), E('-1', y2), E('0.5', w[0] * x2[0]), E('3', -w[1] * x2[1]), E('0.2', b),
                                              C('-2.3', s2), C('2.3', m2), near(grad(lambda a: Lw(hinge, a, b, x2, y2), w), np.zeros(2)),
                                              near(grad(lambda a: Lw(sqh, a, b, x2, y2), w), np.zeros(2)))),
        ('**In practice:**', practice),
    ]

# ======================================================================= 03
@register('03_huber_smoothl1_de.md', comma=True)
def f03():
    def H(r, d):
        r = np.asarray(r, float)
        return np.where(np.abs(r) <= d, 0.5 * r ** 2, d * (np.abs(r) - 0.5 * d))
    def SL(r, b):
        r = np.asarray(r, float)
        return np.where(np.abs(r) < b, 0.5 * r ** 2 / b, np.abs(r) - 0.5 * b)
    yh = np.array([2.5, 0.3, -1.2, 4.0]); y = np.array([0.5, 0.0, -0.4, 4.5]); N = 4
    r = yh - y
    L1 = lambda u: np.mean(H(u - y, 1.0))
    g1 = grad(L1, yh)
    def cont():
        return all(abs(H(d * (1 - 1e-12), d) - H(d * (1 + 1e-12), d)) < 1e-9 and abs(H(d, d) - 0.5 * d * d) < 1e-12 for d in (0.3, 1.0, 2.5))
    def deriv():
        ok = True
        for d in (0.4, 1.0, 2.0):
            for t in RNG.uniform(-4, 4, 12):
                inner = abs(t) < d
                ok &= abs(fd(lambda u: H(u, d), t) - (t if inner else d * np.sign(t))) < 1e-6 or abs(abs(t) - d) < 1e-5
            ok &= abs(fd(lambda u: H(u, d), d - 1e-7, 1e-9) - fd(lambda u: H(u, d), d + 1e-7, 1e-9)) < 1e-5
        return ok
    def clip_formula():
        ok = True
        for d in (0.4, 1.0, 2.0):
            for t in RNG.uniform(-4, 4, 12):
                ok &= abs(fd(lambda u: H(u, d), t) - np.clip(t, -d, d)) < 1e-6
        return ok
    def second():
        d = 1.0; h2 = lambda t: fd(lambda u: fd(lambda v: H(v, d), u, 1e-5), t, 1e-3)
        return abs(h2(d - 0.01) - 1) < 1e-4 and abs(h2(d + 0.01)) < 1e-4
    def sl_rel():
        ok = True
        for b in (0.2, 0.5, 1.7):
            t = RNG.uniform(-4, 4, 30)
            ok &= near(SL(t, b), H(t, b) / b)
            ok &= all(abs(fd(lambda u: SL(u, b), tt) - np.clip(tt / b, -1, 1)) < 1e-6 for tt in t)
        return ok
    def bounds():
        t = np.linspace(-50, 50, 2001)
        return max(abs(fd(lambda u: SL(u, 0.3), tt)) for tt in t) <= 1 + 1e-6 and max(abs(fd(lambda u: H(u, 0.3), tt)) for tt in t) <= 0.3 + 1e-6
    d5 = 0.5
    Hr, Hp = H(r, d5), np.clip(r, -d5, d5)
    SLr = SL(r, d5); SLp = np.array([fd(lambda u: SL(u, d5), t) for t in r])
    Hp_num = np.array([fd(lambda u: H(u, d5), t) for t in r])
    def limits():
        t = RNG.uniform(-3, 3, 10)
        return near(H(t, 1e6), 0.5 * t ** 2) and not near(H(t, 1e6), t ** 2) and near(SL(t, 1e-9), np.abs(t), 1e-8)
    return [
        ('Sei $r = \\hat y - y$ das Residuum', GIVEN, '0'),
        ('\\tfrac12\\, r^2, & |r| \\le \\delta', GIVEN, '1 2 2 2'),
        ('\\delta\\big(|r| - \\tfrac12\\,\\delta\\big), & |r| > \\delta.', GIVEN, '1 2'),
        ('**a) Stetigkeit.**', cont, '1 2 2'),
        ('**b) Ableitung.** Zweigweise', deriv),
        ("$$H_\\delta'(r) = \\operatorname{clip}", clip_formula, '1'),
        ('Die zweite Ableitung springt', lambda: ALL(second(), E('1', 1), E('0', 0))),
        ('**c) Smooth-L1.** PyTorch definiert', GIVEN),
        ('$\\mathrm{SL}_\\beta(r) = 0{,}5\\,r^2/\\beta$', GIVEN, '0.5 2 0.5'),
        ('$$\\mathrm{SL}_\\beta(r) = \\frac{1}{\\beta}', sl_rel, '1 -1 1'),
        ('Der Gradient von Smooth-L1 ist also', lambda: ALL(bounds(), E('1', 1))),
        ('**d) Zahlenbeispiel.**', lambda: ALL(E('4', N), EV(['2.5', '0.3', '-1.2', '4.0'], yh), EV(['0.5', '0.0', '-0.4', '4.5'], y))),
        ('- Residuen:', lambda: CV(['2.0', '0.3', '-0.8', '-0.5'], r)),
        ('- $\\delta = 1$: nur $r_1$ liegt außen', lambda: ALL(E('1', 1), list(np.abs(r) > 1) == [True, False, False, False],
                                                          CV(['1.5', '0.045', '0.32', '0.125'], H(r, 1.0)))),
        ('- $L = 1{,}99/4', lambda: ALL(C('1.99', H(r, 1.0).sum()), E('4', N), C('0.4975', L1(yh)))),
        ('- mit (1):', lambda: ALL(near(g1, np.clip(r, -1, 1) / 4), E('1', 1), E('1', 1), E('4', N), E('-1', -1), E('1', 1),
                                CV(['0.25', '0.075', '-0.2', '-0.125'], g1))),
        ('Nun $\\delta = \\beta = 0{,}5$', lambda: ALL(E('0.5', d5), list(np.abs(r) > d5) == [True, False, True, False], abs(abs(r[3]) - d5) < 1e-12)),
        ('| | $r_1 = 2{,}0$', lambda: CV(['2.0', '0.3', '-0.8', '-0.5'], r)),
        ('|---|---|---|---|---|', GIVEN),
        ('| $H_{0,5}(r_i)$', lambda: CV(['0.875', '0.045', '0.275', '0.125'], Hr)),
        ("| $H_{0,5}'(r_i)$", lambda: ALL(near(Hp_num, Hp), CV(['0.5', '0.3', '-0.5', '-0.5'], Hp_num))),
        ('| $\\mathrm{SL}_{0,5}(r_i)$', lambda: CV(['1.75', '0.09', '0.55', '0.25'], SLr)),
        ("| $\\mathrm{SL}_{0,5}'(r_i)$", lambda: CV(['1', '0.6', '-1', '-1'], SLp)),
        ('Kontrolle: jede SL-Zeile', lambda: ALL(near(SLr, Hr / d5), near(SLp, Hp / d5, 1e-5), E('0.5', d5))),
        ('**Bemerkung (häufiger Fehler', lambda: ALL(limits(), E('1', 1), E('2', 2), E('2', 2)), '2 0'),
    ]

# ======================================================================= 04
@register('04_kl_softmax_distillation_fr.md', comma=True)
def f04():
    def KL(t, s, T):
        p = softmax(t / T); q = softmax(s / T)
        return np.sum(p * np.log(p / q))
    def logsm(a):
        a = np.asarray(a, float); return a - a.max(axis=-1, keepdims=True) - np.log(np.exp(a - a.max(axis=-1, keepdims=True)).sum(axis=-1, keepdims=True))
    T = 2.0; t = np.array([3.0, 1, 0]); s = np.array([1.0, 2, 0]); K = 3
    p = softmax(t / T); q = softmax(s / T); lr = np.log(p / q); kl = KL(t, s, T)
    gs = grad(lambda u: KL(t, u, T), s)
    def logq():
        ok = True
        for _ in range(3):
            u = rand(5); TT = RNG.uniform(0.5, 3)
            ok &= near(np.log(softmax(u / TT)), u / TT - np.log(np.sum(np.exp(u / TT))))
        return ok
    def step1():
        ok = True
        for _ in range(3):
            u, v = rand(4), rand(4); TT = RNG.uniform(0.5, 3); pp = softmax(v / TT); qq = softmax(u / TT)
            num = grad(lambda a: -np.sum(pp * np.log(softmax(a / TT))), u)
            J = np.array([[-np.sum(pp * ((np.arange(4) == j) - qq[j])) / TT for j in range(4)]])
            ok &= near(num, J.ravel()) and near(num, (qq - pp) / TT)
        return ok
    def main_grad():
        ok = True
        for _ in range(4):
            u, v = rand(5), rand(5); TT = RNG.uniform(0.5, 4)
            ok &= near(grad(lambda a: KL(v, a, TT), u), (softmax(u / TT) - softmax(v / TT)) / TT)
        return ok
    def scaling():
        u, v = rand(4), rand(4)
        g = lambda TT: np.linalg.norm(grad(lambda a: KL(v, a, TT), u))
        d = lambda TT: np.linalg.norm(softmax(u / TT) - softmax(v / TT))
        ok = abs(sum(grad(lambda a: KL(v, a, 1.3), u))) < 1e-8
        ok &= abs(d(200.0) / d(400.0) - 2) < 0.01 and abs(g(200.0) / g(400.0) - 4) < 0.02
        ok &= near(grad(lambda a: 1.7 ** 2 * KL(v, a, 1.7), u), 1.7 * (softmax(u / 1.7) - softmax(v / 1.7)))
        return ok
    pr = np.array([0.6285, 0.2312, 0.1402]); qr = np.array([0.3072, 0.5065, 0.1863])
    terms = p * lr
    def teacher():
        ok = True
        for _ in range(4):
            u, v = rand(5), rand(5); TT = RNG.uniform(0.5, 4)
            pp, qq = softmax(v / TT), softmax(u / TT); k = KL(v, u, TT)
            num = grad(lambda a: KL(a, u, TT), v)
            ok &= near(num, pp * (np.log(pp / qq) - k) / TT) and abs(num.sum()) < 1e-8
        return ok
    def torch_code():
        # F.kl_div(input, target, reduction='batchmean') = sum(target * (log target - input)) / batch
        S = rand(2, 3); Tt = rand(2, 3)
        lq = logsm(S / T); pp = softmax(Tt / T)
        loss = T ** 2 * np.sum(pp * (np.log(pp) - lq)) / 2
        return abs(loss - T ** 2 * np.mean([KL(Tt[i], S[i], T) for i in range(2)])) < 1e-12
    return [
        ('En distillation de connaissances', GIVEN, '0'),
        ('$$p = \\mathrm{softmax}(t/T)', GIVEN),
        ('La perte de distillation est', lambda: abs(KL(t, s, T) - np.sum(p * np.log(p / q))) < 1e-15),
        ('Le professeur est figé', logq),
        ('&= -\\frac{1}{T}\\sum_i p_i\\big(\\delta_{ij}', step1, '1'),
        ('&= -\\frac{1}{T}\\Big(p_j - q_j', step1, '1'),
        ('$$\\nabla_s D_{\\mathrm{KL}}(p\\,\\|\\,q) = \\frac{1}{T}', main_grad, '1 12.4'),
        ('Les composantes somment à zéro, puisque', scaling, '1 1 2 2'),
        ('Prenons $K = 3$', lambda: ALL(E('3', K), E('2', T), EV(['3', '1', '0'], t), EV(['1', '2', '0'], s))),
        ('* $e^{t/T} = (4{,}4817', lambda: ALL(CV(['4.4817', '1.6487', '1'], np.exp(t / T)), C('7.1304', np.exp(t / T).sum()), CV(['0.6285', '0.2312', '0.1402'], p))),
        ('* $e^{s/T} = (1{,}6487', lambda: ALL(CV(['1.6487', '2.7183', '1'], np.exp(s / T)), C('5.3670', np.exp(s / T).sum()), CV(['0.3072', '0.5065', '0.1863'], q))),
        ('* $\\log(p/q) \\approx', lambda: CV(['0.7159', '-0.7841', '-0.2841'], lr, np.log(pr / qr))),
        ('* $D_{\\mathrm{KL}} \\approx 0{,}44997', lambda: ALL(C('0.44997', terms[0]), C('0.18130', -terms[1]), C('0.03984', -terms[2]), C('0.2288', kl, 0.44997 - 0.18130 - 0.03984))),
        ("* D'après (12.4.1)", lambda: ALL(near(gs, (q - p) / T), CV(['-0.1607', '0.1376', '0.0230'], gs, (qr - pr) / T), E('2', 2),
                                          CV(['-0.6427', '0.5505', '0.0922'], T ** 2 * gs, T * (qr - pr))), '12.4'),
        ('Le logit $s_1$ est poussé', lambda: ALL(gs[0] < 0, gs[1] > 0, E('1', 1), q[0] < p[0])),
        ('En PyTorch, on écrit typiquement', torch_code),
        ('log_q = F.log_softmax', lambda: ALL(near(np.exp(logsm(rand(2, 3))).sum(axis=-1), np.ones(2)), E('-1', -1), near(np.exp(logsm(s / T)), q))),
        ('p = F.softmax(t / T, dim=-1)', lambda: ALL(E('-1', -1), near(softmax(t / T), p))),
        ('loss = T**2 * F.kl_div', lambda: ALL(E('2', 2), torch_code())),
        ("Si l'on laisse passer le gradient vers $t$", teacher),
        ('$$\\frac{\\partial D_{\\mathrm{KL}}}{\\partial t_j}', teacher, '1'),
        ('dont les composantes somment elles aussi', teacher),
    ]

# ======================================================================= 05
@register('05_focal_loss_grad_zh.md')
def f05():
    a, g = 0.25, 2.0
    def FLz(z, y, al=a, ga=g):
        p = sig(z); pt = p if y == 1 else 1 - p; at = al if y == 1 else 1 - al
        return -at * (1 - pt) ** ga * np.log(pt)
    FLp = lambda pt, al=a, ga=g: -al * (1 - pt) ** ga * np.log(pt)
    pe = sig(2.0); ph = sig(-1.0)
    gh = fd(lambda z: FLz(z, 1), -1.0)
    def ptz():
        ok = True
        for z in RNG.uniform(-3, 3, 5):
            p = sig(z)
            ok &= abs(fd(sig, z) - p * (1 - p)) < 1e-8 and abs(fd(lambda u: 1 - sig(u), z) + p * (1 - p)) < 1e-8
        return ok
    def dpow():          # claim: d/dp_t (1-p_t)^gamma = gamma (1-p_t)^(gamma-1)
        return all(abs(fd(lambda u: (1 - u) ** ga, pt) - ga * (1 - pt) ** (ga - 1)) < 1e-6
                   for pt in RNG.uniform(0.05, 0.95, 4) for ga in (2.0, 1.5))
    def dFLp():
        return all(abs(fd(lambda u: FLp(u, al, ga), pt) - al * (-ga * (1 - pt) ** (ga - 1) * np.log(pt) - (1 - pt) ** ga / pt)) < 1e-6
                   for pt in RNG.uniform(0.05, 0.95, 4) for ga in (2.0, 1.5) for al in (0.25,))
    def dFLz():
        return all(abs(fd(lambda u: FLz(u, 1, al, ga), z) - al * (1 - sig(z)) ** ga * (-ga * sig(z) * np.log(sig(z)) + sig(z) - 1)) < 1e-6
                   for z in RNG.uniform(-3, 3, 4) for ga in (2.0, 1.5) for al in (0.25,))
    def gamma0():
        return all(abs(fd(lambda u: FLz(u, 1, 0.25, 0.0), z) - 0.25 * (sig(z) - 1)) < 1e-7 for z in RNG.uniform(-3, 3, 4))
    br = g * ph * np.log(ph) + ph - 1           # true bracket
    return [
        ('二分类，logit 为 $z$', GIVEN, '0 1'),
        ('$$p_t = \\begin{cases}', GIVEN, '1 1 0'),
        ('则 BCE 为 $-\\log p_t$', GIVEN),
        ('$$\\mathrm{FL}(p_t) = -\\alpha_t', GIVEN, '1'),
        ('论文默认 $\\gamma = 2$', lambda: ALL(E('2', g), E('0.25', a), E('1', 1), E('1', 1),
                                            all(FLp(u1) / -np.log(u1) > FLp(u2) / -np.log(u2) for u1, u2 in [(0.3, 0.6), (0.6, 0.9)]))),
        ('先看损失值', lambda: ALL(E('1', 1), E('0.25', a), E('2', g))),
        ('- 简单样本 $z = 2$', lambda: ALL(E('2', 2), C('0.8808', pe), C('0.1269', -np.log(pe)), E('1', 1), E('2', g), C('0.0142', (1 - pe) ** 2),
                                         C('4.5', FLz(2.0, 1) * 1e4), E('-4', -4))),
        ('- 困难样本 $z = -1$', lambda: ALL(E('-1', -1), C('0.2689', ph), C('1.3133', -np.log(ph)), E('1', 1), E('2', g), C('0.5344', (1 - ph) ** 2),
                                          C('0.1755', FLz(-1.0, 1)))),
        ('简单样本的损失只剩 BCE', lambda: ALL(C('0.36', 100 * FLz(2.0, 1) / -np.log(pe)), C('13.4', 100 * FLz(-1.0, 1) / -np.log(ph)))),
        ('**第一步：$p_t$ 对 $z$。**', ptz, '1 1 1 0 1 1 1'),
        ('**第二步：FL 对 $p_t$。**', dpow, '1 1 1'),
        ('$$\\frac{\\partial \\mathrm{FL}}{\\partial p_t}', dFLp, '1 1 1'),
        ('**第三步：链式法则。**', ptz, '1'),
        ('$$\\frac{\\partial \\mathrm{FL}}{\\partial z}', dFLz, '1 1'),
        ('**检查：** 令 $\\gamma = 0$', lambda: ALL(gamma0(), E('0', 0), E('1', 1))),
        ('$\\log p_t = -1.3133$', lambda: ALL(E('-1', -1), C('0.2689', ph), C('-1.3133', np.log(ph)), C('-0.7063', g * ph * np.log(ph)))),
        ('- 括号：', lambda: ALL(C('0.7063', -g * ph * np.log(ph)), C('0.2689', ph), E('1', 1), C('-0.0248', br))),
        ('- 乘 $(1-p_t)^2', lambda: ALL(E('1', 1), E('2', g), C('0.5344', (1 - ph) ** 2), C('-0.0133', br * (1 - ph) ** 2))),
        ('- 乘 $\\alpha = 0.25$', lambda: ALL(E('0.25', a), C('-0.0033', gh))),
        ('对比 BCE 的梯度', lambda: ALL(E('1', 1), C('-0.7311', ph - 1), C('0.45', 100 * gh / (ph - 1)))),
        ('def focal_loss(z, y, alpha=0.25', lambda: ALL(E('0.25', a), E('2.0', g))),
        ('p_t = torch.where(y == 1', lambda: ALL(E('1', 1), E('1', 1))),
        ('alpha_t = torch.where(y == 1', lambda: ALL(E('1', 1), E('1', 1), abs(FLz(0.3, 0) - (-(1 - a) * sig(0.3) ** g * np.log(1 - sig(0.3)))) < 1e-15)),
        ('实际使用时建议用', lambda: abs(np.logaddexp(0, -1.7) + np.log(sig(1.7))) < 1e-12),
    ]

# ======================================================================= 06
@register('06_mse_batch_ocr_homework.md')
def f06():
    x = np.array([1.0, 2, 3, 4]); y = np.array([3.0, 5, 6, 9]); w0, b0, eta = 2.0, 0.5, 0.05; N = 4
    L = lambda w, b, xx=x, yy=y: np.mean((w * xx + b - yy) ** 2)
    Lh = lambda w, b, xx=x, yy=y: np.mean((w * xx + b - yy) ** 2) / 2
    yh = w0 * x + b0; r = yh - y
    gw = fd(lambda w: L(w, b0), w0); gb = fd(lambda b: L(w0, b), b0)
    w1, b1 = w0 - eta * gw, b0 - eta * gb
    yh1 = w1 * x + b1; r1 = yh1 - y
    def rand_batch():
        n = int(RNG.integers(3, 7)); return rand(n), rand(n), RNG.uniform(-1, 1), RNG.uniform(-1, 1)
    def one_term():
        ok = True
        for _ in range(4):
            xi, yi, w, b = RNG.uniform(-2, 2, 4)
            ri = w * xi + b - yi
            ok &= abs(fd(lambda u: (u * xi + b - yi) ** 2, w) - 2 * ri * xi) < 1e-6 and abs(fd(lambda u: (w * xi + u - yi) ** 2, b) - 2 * ri) < 1e-6
        return ok
    def claim(Lf, fw, fb):
        ok = True
        for _ in range(4):
            xx, yy, w, b = rand_batch(); rr = w * xx + b - yy
            ok &= abs(fd(lambda u: Lf(u, b, xx, yy), w) - fw(rr, xx)) < 1e-6
            if fb is not None:
                ok &= abs(fd(lambda u: Lf(w, u, xx, yy), b) - fb(rr)) < 1e-6
        return ok
    def half():
        ok = True
        for _ in range(4):
            xx, yy, w, b = rand_batch()
            ok &= abs(fd(lambda u: Lh(u, b, xx, yy), w) - 0.5 * fd(lambda u: L(u, b, xx, yy), w)) < 1e-7
        return ok
    def same_min():
        A = np.stack([x, np.ones(4)], 1)
        s1 = np.linalg.lstsq(A, y, rcond=None)[0]
        g = lambda th: np.array([fd(lambda u: Lh(u, th[1]), th[0]), fd(lambda u: Lh(th[0], u), th[1])])
        return near(g(s1), np.zeros(2), 1e-6) and abs(Lh(0.3, 0.7) - L(0.3, 0.7) / 2) < 1e-12
    return [
        ('model: y_hat_i = w x_i + b', GIVEN, '1'),
        ('L(w, b) = (1/N)', GIVEN, '1 2'),
        ('let r_i = y_hat_i - y_i be the residual', GIVEN),
        ('d/dw (r_i)^2 = 2 r_i', lambda: ALL(one_term(), E('2', 2), E('2', 2), E('2', 2), E('2', 2), E('2', 2))),
        ('dL/dw = 2 Σ_i r_i x_i', lambda: ALL(claim(L, lambda rr, xx: 2 * np.sum(rr * xx), None), E('2', 2))),
        ('dL/db = 2 Σ_i r_i', lambda: ALL(claim(L, lambda rr, xx: 0.0, lambda rr: 2 * np.sum(rr)), E('2', 2))),
        ("L'(w,b) = 1/(2N)", GIVEN, '1 2 2'),
        ('the 1/2 is there to cancel', lambda: ALL(E('1', 1), E('2', 2), E('2', 2), claim(Lh, lambda rr, xx: np.mean(rr * xx), lambda rr: np.mean(rr)))),
        ("dL'/dw = Σ_i r_i x_i", lambda: claim(Lh, lambda rr, xx: np.sum(rr * xx), lambda rr: np.sum(rr))),
        ('i.e. every gradient is exactly half', half),
        ("same for L and L' since L' = L/2", lambda: ALL(same_min(), E('2', 2))),
        ('(c) numbers.', lambda: ALL(EV(['1', '2', '3', '4'], x), EV(['3', '5', '6', '9'], y), E('2', w0), E('0.5', b0))),
        ('step size η = 0.05', lambda: E('0.05', eta)),
        ('y_hat = (2.5, 4.5', lambda: EV(['2.5', '4.5', '6.5', '8.5'], yh)),
        ('r = y_hat - y = (-0.5', lambda: EV(['-0.5', '-0.5', '0.5', '-0.5'], r)),
        ('Σ r_i^2 = 0.25 + 0.25', lambda: ALL(E('2', 2), EV(['0.25'] * 4, r ** 2), E('1.0', np.sum(r ** 2)), E('1.0', np.sum(r ** 2)), E('4', N), C('0.25', L(w0, b0)))),
        ('Σ r_i x_i = -0.5 - 1.0', lambda: ALL(E('-0.5', r[0] * x[0]), E('1.0', -r[1] * x[1]), E('1.5', r[2] * x[2]), E('2.0', -r[3] * x[3]), E('-2.0', r @ x))),
        ('Σ r_i = -1.0', lambda: E('-1.0', r.sum())),
        ('dL/dw = 2(-2.0) = -4.0', lambda: ALL(E('2', 2), E('-2.0', r @ x), C('-4.0', gw), E('2', 2), E('-1.0', r.sum()), C('-2.0', gb))),
        ('(with the 1/2 convention:', lambda: ALL(E('1', 1), E('2', 2), C('-2.0', gw / 2), C('-1.0', gb / 2))),
        ('GD step:  w <- w', lambda: ALL(E('2', w0), E('0.05', eta), C('4.0', -gw), C('2.2', w1))),
        ('b <- b - η dL/db = 0.5', lambda: ALL(E('0.5', b0), E('0.05', eta), C('2.0', -gb), C('0.6', b1))),
        ('check new loss: y_hat = (2.8', lambda: ALL(CV(['2.8', '5.0', '7.2', '9.4'], yh1), CV(['-0.2', '0.0', '1.2', '0.4'], r1))),
        ('Σ r^2 = 0.04 + 0 + 1.44', lambda: ALL(E('2', 2), CV(['0.04', '0', '1.44', '0.16'], r1 ** 2), C('1.64', np.sum(r1 ** 2)), C('0.41', L(w1, b1)))),
        ('loss went UP (0.25 -> 0.41)', lambda: ALL(C('0.25', L(w0, b0)), C('0.41', L(w1, b1)), L(w1, b1) > L(w0, b0), E('0.05', eta))),
    ]

# ======================================================================= 07
@register('07_l1_l2_weight_decay_es.md', comma=True)
def f07():
    w = np.array([0.8, -0.3, 0.05]); gE = np.array([0.2, -0.1, 0.4]); eta, lam = 0.5, 0.2; M = 3
    # E_D with gradient gE at w: linear + quadratic piece
    A = np.diag([1.0, 2.0, 0.5]); c = gE - A @ w
    ED = lambda u: 0.5 * u @ A @ u + c @ u
    Et = lambda u, l=lam: ED(u) + 0.5 * l * u @ u
    w_true = w - eta * grad(Et, w)
    fac_true = 1 - eta * lam
    def l2_grad():
        ok = True
        for _ in range(3):
            u = rand(M); l = RNG.uniform(0, 1)
            ok &= near(grad(lambda v: Et(v, l), u), grad(ED, u) + l * u)
        return ok
    def step_line1():
        ok = True
        for _ in range(3):
            u = rand(M); l, e = RNG.uniform(0, 1), RNG.uniform(0, 1)
            ok &= near(u - e * grad(lambda v: Et(v, l), u), u - e * (grad(ED, u) + l * u))
        return ok
    def step_line2():
        ok = True
        for _ in range(3):
            u = rand(M); l, e = RNG.uniform(0.05, 1), RNG.uniform(0.05, 1)
            ok &= near(u - e * grad(lambda v: Et(v, l), u), (1 - l) * u - e * grad(ED, u))
        return ok
    E1 = lambda u, l=lam: ED(u) + l * np.sum(np.abs(u))
    def l1_grad():
        ok = True
        for _ in range(3):
            u = rand(M); l = RNG.uniform(0, 1)
            ok &= near(grad(lambda v: E1(v, l), u), grad(ED, u) + l * np.sign(u))
        return ok
    def fixed_amount():
        u = rand(M); l = 0.3; e = 0.2
        pen_part = (u - e * (grad(ED, u) + l * np.sign(u))) - (u - e * grad(ED, u))
        return near(np.abs(pen_part), np.full(M, e * l))
    w_l1 = w - eta * grad(E1, w)
    z = w - eta * gE
    prox = np.sign(z) * np.maximum(np.abs(z) - eta * lam, 0)
    def prox_is_argmin():
        # soft threshold = argmin_u 1/(2 eta) ||u - z||^2 + lam ||u||_1, coordinatewise
        ok = True
        for j in range(M):
            grid = np.linspace(-1, 1, 200001)
            obj = (grid - z[j]) ** 2 / (2 * eta) + lam * np.abs(grid)
            ok &= abs(grid[np.argmin(obj)] - prox[j]) < 1e-5
        return ok
    def bayes():
        ok = True
        for _ in range(3):
            al, be = RNG.uniform(0.1, 3), RNG.uniform(0.1, 3)
            X = rand(6, 2); t = rand(6)
            negpost = lambda u: be / 2 * np.sum((t - X @ u) ** 2) + al / 2 * u @ u
            wmap = np.linalg.solve(be * X.T @ X + al * np.eye(2), be * X.T @ t)
            wreg = np.linalg.solve(X.T @ X + (al / be) * np.eye(2), X.T @ t)
            ok &= near(wmap, wreg, 1e-9) and near(grad(negpost, wmap), np.zeros(2), 1e-5)
        # L1 <-> Laplace prior: -log of exp(-lam*|w|) is lam*|w| + const
        u = rand(M); ok &= abs(-np.sum(np.log(0.5 * lam * np.exp(-lam * np.abs(u)))) - (lam * np.abs(u).sum() - M * np.log(0.5 * lam))) < 1e-12
        return ok
    return [
        ('Sea $E_D(\\mathbf{w})$ la función de error', GIVEN),
        ('$$\\widetilde{E}(\\mathbf{w}) = E_D(\\mathbf{w}) + \\frac{\\lambda}{2}', GIVEN, '2 5.112'),
        ('donde $\\lambda \\ge 0$ es el coeficiente', lambda: ALL(E('0', 0), E('1', 1), E('2', 2), l2_grad())),
        ('$$\\nabla \\widetilde{E}(\\mathbf{w}) = \\nabla E_D', l2_grad),
        ('**Descenso de gradiente.** Con tasa', GIVEN, '1'),
        ('\\mathbf{w}^{(\\tau+1)} &= \\mathbf{w}^{(\\tau)} - \\eta\\big', step_line1, '1'),
        ('&= (1 - \\lambda)\\,\\mathbf{w}^{(\\tau)}', step_line2, '1'),
        ('es decir, antes de aplicar el gradiente', lambda: 0 < fac_true < 1),
        ('**Ejemplo numérico.** Tomemos $M = 3$', lambda: ALL(E('3', M), EV(['0.8', '-0.3', '0.05'], w), EV(['0.2', '-0.1', '0.4'], grad(ED, w).round(9)), E('0.5', eta), E('0.2', lam))),
        ('- Factor de decaimiento:', lambda: ALL(E('1', 1), C('0.8', fac_true))),
        ('- $0{,}8\\,\\mathbf{w}^{(\\tau)}', lambda: ALL(C('0.8', fac_true), CV(['0.64', '-0.24', '0.04'], fac_true * w), CV(['0.1', '-0.05', '0.2'], eta * gE))),
        ('- $\\mathbf{w}^{(\\tau+1)} = (0{,}54', lambda: ALL(E('1', 1), CV(['0.54', '-0.19', '-0.16'], w_true))),
        ('Así, en cada iteración el término', lambda: C('20', 100 * (1 - fac_true))),
        ('**Penalización L1.**', lambda: ALL(E('5.112', 5.112), E('1', 1), E('0', 0), E('0', 0),
                                             abs(fd(lambda t: abs(t), 1e-9, 1e-6)) < 0.01 and abs(fd(lambda t: abs(t), 1e-3, 1e-6) - 1) < 1e-6), '3.3'),
        ('$$\\frac{\\partial \\widetilde{E}}{\\partial w_j} = \\frac{\\partial E_D}', l1_grad),
        ('de modo que la penalización resta', fixed_amount),
        ('Con los mismos datos, el paso de subgradiente', lambda: ALL(CV(['0.6', '-0.15', '-0.25'], w_l1), E('-0.15', z[2]), E('1', np.sign(w[2])), E('-0.25', w_l1[2]), abs(w_l1[2]) > abs(z[2]))),
        ('Por eso en la práctica se usa el operador proximal', lambda: ALL(CV(['0.7', '-0.25', '-0.15'], z), E('0', 0), CV(['0.6', '-0.15', '-0.05'], prox), prox_is_argmin())),
        ('**Interpretación bayesiana.**', lambda: ALL(E('5.112', 5.112), E('2', 2), E('2', 2), E('0', 0), E('-1', -1), bayes())),
    ]

# ======================================================================= 08
@register('08_momentum_pytorch_vs_sutskever_nb.md')
def f08():
    f = lambda th: th ** 2
    g = lambda th: fd(f, th)
    def run(lrs, form, mu=0.9, th=1.0):
        v = 0.0; hist = []
        for lr in lrs:
            gt = g(th)
            if form == 'P':
                v = mu * v + gt; th_new = th - lr * v
            else:
                v = mu * v - lr * gt; th_new = th + v
            hist.append((th, gt, v, th_new)); th = th_new
        return th, hist
    _, HP = run([0.1] * 3, 'P'); _, HS = run([0.1] * 3, 'S')
    thP2, HP2 = run([0.1, 0.1, 0.05], 'P'); thS2, HS2 = run([0.1, 0.1, 0.05], 'S')
    def equiv():
        ok = True
        for _ in range(3):
            A = rand(3, 3); A = A @ A.T + np.eye(3); gg = lambda u: A @ u
            eta, mu = RNG.uniform(0.01, 0.1), RNG.uniform(0.5, 0.95)
            tp = ts = rand(3); vp = vs = np.zeros(3)
            for _ in range(6):
                vp = mu * vp + gg(tp); tp = tp - eta * vp
                vs = mu * vs - eta * gg(ts); ts = ts + vs
                ok &= near(vs, -eta * vp, 1e-10) and near(tp, ts, 1e-10)
        return ok
    def induction():
        ok = True
        for _ in range(5):
            eta, mu, vP, gt = RNG.uniform(0, 1, 4)
            ok &= abs((mu * (-eta * vP) - eta * gt) - (-eta * (mu * vP + gt))) < 1e-12
        return ok
    def row(i, shown):
        th, gt, vP, thn = HP[i]; vS = HS[i][2]
        return CV(shown, [i, th, gt, vP, vS, thn])
    def terminal():
        mu, eta, gc = 0.9, 0.1, 0.7
        vp = 0.0; vs = 0.0
        for _ in range(2000):
            vp = mu * vp + gc; vs = mu * vs - eta * gc
        return abs(eta * vp - eta * gc / (1 - mu)) < 1e-9 and abs(-vs - eta * gc / (1 - mu)) < 1e-9
    return [
        ("Let $g_t = \\nabla f(\\theta_t)$. PyTorch's", GIVEN, '0'),
        ('$$v_{t+1} = \\mu\\, v_t + g_t', GIVEN),
        ('Sutskever et al. (2013), and most lecture notes', GIVEN, '2013'),
        ('$$v_{t+1} = \\mu\\, v_t - \\eta\\, g_t', GIVEN),
        ('**Claim.** If $\\eta$ is constant', lambda: ALL(E('0', 0), equiv(), induction())),
        ('$f(\\theta) = \\theta^2$ (so $g = 2\\theta$)', lambda: ALL(E('2', 2), E('2', 2), abs(g(0.37) - 2 * 0.37) < 1e-8, E('1', 1), E('0.1', 0.1), E('0.9', 0.9))),
        ('| $t$ | $\\theta_t$ | $g_t$', GIVEN),
        ('| 0 | 1 | 2 | 2 |', lambda: row(0, ['0', '1', '2', '2', '-0.2', '0.8'])),
        ('| 1 | 0.8 | 1.6 |', lambda: row(1, ['1', '0.8', '1.6', '3.4', '-0.34', '0.46'])),
        ('| 2 | 0.46 | 0.92 |', lambda: row(2, ['2', '0.46', '0.92', '3.98', '-0.398', '0.062'])),
        ('Now suppose a scheduler halves', lambda: ALL(E('0.05', 0.1 / 2), E('2', 2))),
        ('- PyTorch: the new $\\eta$ multiplies', lambda: ALL(C('0.46', HP2[2][0]), E('0.05', 0.05), C('3.98', HP2[2][2]), C('0.261', thP2))),
        ('- Sutskever: only the new gradient', lambda: ALL(E('0.9', 0.9), C('-0.34', HS2[1][2]), E('0.05', 0.05), C('0.92', HS2[2][1]), C('-0.352', HS2[2][2]),
                                                        C('0.46', HS2[2][0]), C('0.352', -HS2[2][2]), C('0.108', thS2))),
        ('grad = lambda th: 2.0 * th', lambda: ALL(E('2.0', 2.0), E('2', 2), abs(g(1.3) - 2.0 * 1.3) < 1e-8)),
        ('def pytorch_form(lrs, mu=0.9, th=1.0)', lambda: ALL(E('0.9', 0.9), E('1.0', 1.0))),
        ('v = 0.0                      # momentum buffer', lambda: E('0.0', 0.0)),
        ('v = mu * v + grad(th)        # buf', GIVEN),
        ('def sutskever_form(lrs, mu=0.9, th=1.0)', lambda: ALL(E('0.9', 0.9), E('1.0', 1.0))),
        ('v = 0.0                      # this v already', lambda: E('0.0', 0.0)),
        ('    [0.1, 0.1, 0.1] 0.062 0.062', lambda: ALL(EV(['0.1', '0.1', '0.1'], [0.1] * 3), C('0.062', run([0.1] * 3, 'P')[0]), C('0.062', run([0.1] * 3, 'S')[0]))),
        ('    [0.1, 0.1, 0.05] 0.261 0.108', lambda: ALL(EV(['0.1', '0.1', '0.05'], [0.1, 0.1, 0.05]), C('0.261', thP2), C('0.108', thS2))),
        ('Both columns agree with the table.', lambda: ALL(E('1', 1), E('1', 1), C('10', 1 / (1 - 0.9)), terminal(), E('1', 1), E('1', 1), C('1.0', 0.1 / (1 - 0.9)))),
    ]

# ======================================================================= 09
@register('09_nesterov_ruder_notes.md')
def f09():
    J = lambda th: 2 * th ** 2
    dJ = lambda th: fd(J, th)
    gam, eta = 0.9, 0.1
    def classical(n, th=1.0):
        v = 0.0; out = []
        for _ in range(n):
            gt = dJ(th); v = gam * v + eta * gt; th = th - v; out.append((gt, v, th))
        return out
    def nag(n, th=1.0):
        v = 0.0; out = []
        for _ in range(n):
            la = th - gam * v; gt = dJ(la); v_old = v; v = gam * v + eta * gt; th = th - v; out.append((la, gt, v, th, v_old))
        return out
    Cm = classical(3); Nm = nag(3)
    def lib_form():
        ok = True
        for _ in range(3):
            A = rand(3, 3); A = A @ A.T + np.eye(3); gJ = lambda u: A @ u
            g_, e_ = RNG.uniform(0.5, 0.95), RNG.uniform(0.01, 0.1)
            th = rand(3); v = np.zeros(3); phi = th - g_ * v; u = v / e_
            for _ in range(6):
                v = g_ * v + e_ * gJ(th - g_ * v); th = th - v
                gphi = gJ(phi); u = g_ * u + gphi; phi = phi - e_ * (gphi + g_ * u)
                ok &= near(phi, th - g_ * v, 1e-9) and near(u, v / e_, 1e-9)
        return ok
    def lookahead_is_next():
        # the next position differs from theta - gamma v_{t-1} only by the gradient term -eta*grad
        return all(abs(Nm[k][3] - (Nm[k][0] - eta * Nm[k][1])) < 1e-9 for k in range(3))
    return [
        ('Recall classical momentum (Section 4.1)', GIVEN, '4.1 0.9'),
        ('v_t &= \\gamma v_{t-1} + \\eta \\nabla_\\theta J(\\theta) \\\\', GIVEN),
        ('A ball that just follows the slope downhill', lambda: ALL(lookahead_is_next())),
        ('v_t &= \\gamma v_{t-1} + \\eta \\nabla_\\theta J(\\theta - \\gamma v_{t-1})', GIVEN),
        ('**A small example.**', lambda: ALL(E('2', 2), E('2', 2), abs(dJ(0.7) - 4 * 0.7) < 1e-8, E('4', 4), E('1', 1), E('0', 0), E('0.9', gam), E('0.1', eta))),
        ('- $t = 1$: $v_1 = 0.1 \\cdot 4', lambda: ALL(E('1', 1), E('0.1', eta), C('4', Cm[0][0]), C('0.4', Cm[0][1]), C('0.6', Cm[0][2]))),
        ('- $t = 2$: $v_2 = 0.9 \\cdot 0.4', lambda: ALL(E('2', 2), E('0.9', gam), C('0.4', Cm[0][1]), E('0.1', eta), C('2.4', Cm[1][0]), C('0.6', Cm[1][1]), C('0.0', Cm[1][2]))),
        ('- $t = 3$: the gradient is zero', lambda: ALL(E('3', 3), abs(Cm[2][0]) < 1e-9, C('0.54', Cm[2][1]), C('-0.54', Cm[2][2]))),
        ('- $t = 1$: look-ahead point', lambda: ALL(E('1', 1), E('1', 1.0), E('0', gam * 0.0), C('1', Nm[0][0]), C('0.4', Nm[0][2]), C('0.6', Nm[0][3]))),
        ('- $t = 2$: look-ahead $0.6 - 0.36', lambda: ALL(E('2', 2), C('0.6', Nm[0][3]), C('0.36', gam * Nm[0][2]), C('0.24', Nm[1][0]), C('0.96', Nm[1][1]),
                                                       C('0.36', gam * Nm[1][4]), C('0.096', eta * Nm[1][1]), C('0.456', Nm[1][2]), C('0.144', Nm[1][3]))),
        ('- $t = 3$: look-ahead $0.144', lambda: ALL(E('3', 3), C('0.144', Nm[1][3]), C('0.4104', gam * Nm[2][4]), C('-0.2664', Nm[2][0]), C('-1.0656', Nm[2][1]),
                                                  C('0.4104', gam * Nm[2][4]), C('0.10656', -eta * Nm[2][1]), C('0.30384', Nm[2][2]), C('-0.1598', Nm[2][3]))),
        ('Momentum lands exactly on the minimum', lambda: ALL(E('2', 2), abs(Cm[1][2]) < 1e-9, C('-0.54', Cm[2][2]), C('-0.16', Nm[2][3]),
                                                           Nm[2][1] < 0 < Nm[1][1], abs(Nm[2][3]) < abs(Cm[2][2]))),
        ('**Implementation note (not in the paper).**', lambda: ALL(lib_form()), '4'),
        ('u_t = \\gamma u_{t-1} + \\nabla J(\\phi_{t-1})', lib_form),
        ('which is exactly `torch.optim.SGD', lambda: ALL(E('0.9', gam), E('1', 1), E('0.1', eta), C('4', dJ(1.0)), E('0.9', gam), C('4', dJ(1.0)),
                                                       C('0.24', 1.0 - eta * (dJ(1.0) + gam * dJ(1.0))), abs((1.0 - eta * (dJ(1.0) + gam * dJ(1.0))) - Nm[1][0]) < 1e-8, E('2', 2))),
    ]

# ======================================================================= 10
@register('10_adagrad_seminar_ru.md', comma=True)
def f10():
    f = lambda th: th[0] ** 2 + 10 * th[1] ** 2
    eta = 0.5
    def adagrad(n, th0=(1.0, 1.0), e=eta, ff=f):
        th = np.array(th0, float); G = np.zeros_like(th); out = []
        for _ in range(n):
            g = grad(ff, th); G = G + g * g; th = th - e / np.sqrt(G) * g; out.append((g, G.copy(), th.copy()))
        return out
    S = adagrad(3)
    def first_step():
        ok = True
        for _ in range(4):
            A = np.diag(RNG.uniform(0.1, 50, 3)); ff = lambda u: 0.5 * u @ A @ u
            th0 = rand(3); e = RNG.uniform(0.01, 1)
            g1 = grad(ff, th0); th1 = th0 - e / np.sqrt(g1 * g1) * g1
            ok &= near(th1, th0 - e * np.sign(g1)) and near(np.abs(th1 - th0), np.full(3, e))
        return ok
    def monotone():
        A = np.diag([1.0, 30.0]); ff = lambda u: 0.5 * u @ A @ u
        out = adagrad(20, (1.0, -2.0), 0.3, ff)
        lr = np.array([0.3 / np.sqrt(o[1]) for o in out])
        return np.all(np.diff(lr, axis=0) <= 1e-15)
    return [
        ('**Напоминание.** Пусть $g_t', GIVEN, '1 2 2011'),
        ('G_t = G_{t-1} + g_t \\odot g_t', GIVEN, '0'),
        ('\\theta_t = \\theta_{t-1} - \\frac{\\eta}{\\sqrt{G_t}', GIVEN),
        ('Все операции (корень, деление)', lambda: abs(1 / np.sqrt(4.0 + 1e-8) - 1 / (2.0 + 1e-8)) < 1e-8),
        ('**Свойство 1.** На первом шаге', lambda: ALL(first_step(), E('1', 1))),
        ('**Свойство 2.** $G_t$ покоординатно', lambda: ALL(E('2', 2), monotone())),
        ('**Задача.** $f(x, y) = x^2', lambda: ALL(E('2', 2), E('10', 10), E('2', 2), EV(['1', '1'], [1.0, 1.0]), E('0.5', eta))),
        ('Градиент: $\\nabla f = (2x;\\ 20y)$', lambda: ALL(near(grad(f, np.array([0.3, -0.7])), np.array([2 * 0.3, 20 * -0.7])), E('2', 2), E('20', 20))),
        ('*Шаг 1.* $g_1 = (2;\\ 20)$', lambda: ALL(E('1', 1), CV(['2', '20'], S[0][0]), CV(['4', '400'], S[0][1]), CV(['2', '20'], np.sqrt(S[0][1])))),
        ('$\\theta_1 = (1 - 0{,}5\\cdot 2/2', lambda: ALL(E('1', 1), E('0.5', eta), E('2', 2), E('2', 2), E('1', 1), E('0.5', eta), E('20', 20), E('20', 20),
                                                      CV(['0.5', '0.5'], S[0][2]), E('1', 1))),
        ('*Шаг 2.* $g_2 = (1;\\ 10)$', lambda: ALL(E('2', 2), CV(['1', '10'], S[1][0]), E('2', 2), CV(['5', '500'], S[1][1]))),
        ('$\\theta_2 = \\theta_1 - \\eta\\, g_2/\\sqrt{G_1}', lambda: ALL(E('0.5', S[0][2][0]), E('0.5', eta), E('1', S[1][0][0]), E('2', np.sqrt(S[0][1][0])),
                                                                    E('0.5', S[0][2][1]), E('0.5', eta), E('10', S[1][0][1]), E('20', np.sqrt(S[0][1][1])),
                                                                    CV(['0.25', '0.25'], S[1][2]))),
        ('*Шаг 3.* $g_3 = (0{,}5;\\ 5)$', lambda: ALL(E('3', 3), CV(['0.5', '5'], S[2][0]), CV(['5.25', '525'], S[2][1]), CV(['2.2913', '22.9129'], np.sqrt(S[2][1])))),
        ('сдвиг $\\eta\\, g_3/\\sqrt{G_3}', lambda: ALL(CV(['0.1091', '0.1091'], eta * S[2][0] / np.sqrt(S[2][1])), CV(['0.1409', '0.1409'], S[2][2]))),
        ('Эффективные шаги после трёх итераций', lambda: ALL(CV(['0.2182', '0.0218'], eta / np.sqrt(S[2][1])), C('10', np.sqrt(S[2][1][1] / S[2][1][0])))),
        ('**Вывод.** Обе координаты идут к нулю одинаково', lambda: ALL(all(near(o[2][0], o[2][1]) for o in S), E('10', 20 / 2), E('0.5', eta),
                                                                       E('0.5', eta), E('20', 20), E('-9', 1 - 0.5 * 20), E('0.1', 2 / 20))),
    ]

# ======================================================================= 11
@register('11_rmsprop_lecture_ja.md')
def f11():
    f = lambda th: 0.5 * (th[0] ** 2 + 100 * th[1] ** 2)
    rho, eta = 0.9, 0.01
    def rms(n, th0=(1.0, -2.0), rh=rho, e=eta, ff=f):
        th = np.array(th0, float); r = np.zeros_like(th); out = []
        for _ in range(n):
            g = grad(ff, th); r = rh * r + (1 - rh) * g * g; d = -e * g / np.sqrt(r); th = th + d
            out.append((g, r.copy(), d, th.copy()))
        return out
    S = rms(2)
    def first():
        ok = True
        for _ in range(4):
            A = np.diag(RNG.uniform(0.1, 100, 3)); ff = lambda u: 0.5 * u @ A @ u
            rh, e = RNG.uniform(0.5, 0.999), RNG.uniform(0.001, 0.1)
            o = rms(1, rand(3), rh, e, ff)[0]
            ok &= near(o[1], (1 - rh) * o[0] ** 2, 1e-9) and near(o[2], -e / np.sqrt(1 - rh) * np.sign(o[0]), 1e-9)
        return ok
    def steady():
        gc = np.array([0.3, -4.0]); r = np.zeros(2)
        for _ in range(500):
            r = rho * r + (1 - rho) * gc * gc
        return near(r, gc ** 2, 1e-12) and near(eta * np.abs(gc) / np.sqrt(r), np.full(2, eta), 1e-12)
    g1, r1, d1, t1 = S[0]; g2, r2, d2, t2 = S[1]
    g2r = np.array([0.9684, -196.84])
    return [
        ('AdaGrad は勾配の二乗を**すべて**', GIVEN, '2012 1 2'),
        ('\\boldsymbol{r}_t &= \\rho\\, \\boldsymbol{r}_{t-1}', GIVEN, '1 0'),
        ('\\boldsymbol{\\theta}_t &= \\boldsymbol{\\theta}_{t-1} - \\frac{\\eta}', GIVEN),
        ('とする（$\\boldsymbol{g}_t$ は', GIVEN, '0.9 0.99'),
        ('**初回ステップの性質.**', lambda: ALL(first(), E('1', 1), E('2', 2))),
        ('\\Delta\\boldsymbol{\\theta}_1 = -\\frac{\\eta}{\\sqrt{1-\\rho}}', lambda: ALL(first(), E('1', 1))),
        ('すなわち全座標がちょうど', lambda: ALL(first(), E('1', 1), E('0.9', rho), C('3.16', 1 / np.sqrt(1 - rho)), E('0', 0))),
        ('$f(\\boldsymbol{\\theta}) = \\tfrac12', lambda: ALL(E('1', 1), E('2', 2), E('2', 2), E('100', 100), E('2', 2), near(grad(f, np.array([0.4, -0.3])), np.array([0.4, 100 * -0.3])),
                                                          E('100', 100), EV(['1.0', '-2.0'], [1.0, -2.0]), E('0.9', rho), E('0.01', eta))),
        ('- $\\boldsymbol{g}_1 = (1,\\ -200)$', lambda: ALL(CV(['1', '-200'], g1), C('0.1', 1 - rho), CV(['1', '40000'], g1 ** 2), CV(['0.1', '4000'], r1))),
        ('- $\\sqrt{\\boldsymbol{r}_1} \\approx', lambda: ALL(CV(['0.3162', '63.2456'], np.sqrt(r1)), CV(['-0.0316', '0.0316'], d1))),
        ('- $\\boldsymbol{\\theta}_1 \\approx', lambda: CV(['0.9684', '-1.9684'], t1)),
        ('曲率が 100 倍違うのに', lambda: ALL(E('100', 100), C('0.0316', abs(d1[0])), abs(abs(d1[0]) - abs(d1[1])) < 1e-9)),
        ('- $\\boldsymbol{g}_2 \\approx (0.9684', lambda: ALL(CV(['0.9684', '-196.84'], g2), E('2', 2), CV(['0.9378', '38745'], g2 ** 2, g2r ** 2))),
        ('- $\\boldsymbol{r}_2 = 0.9', lambda: ALL(E('0.9', rho), C('0.1', 1 - rho), E('2', 2), CV(['0.1838', '7474.5'], r2))),
        ('- $\\sqrt{\\boldsymbol{r}_2} \\approx', lambda: ALL(CV(['0.4287', '86.455'], np.sqrt(r2)), CV(['-0.0226', '0.0228'], d2))),
        ('- $\\boldsymbol{\\theta}_2 \\approx', lambda: CV(['0.9458', '-1.9456'], t2)),
        ('2 ステップ目は', lambda: ALL(E('2', 2), C('0.0316', abs(d1[0])), C('0.023', abs(d2[0]), abs(d2[1])), steady(), E('2', 2), E('0.01', eta))),
        ('**演習.** 同じ設定で AdaGrad', lambda: ALL(E('0.01', eta), E('2', 2))),
    ]

# ======================================================================= 12
@register('12_adam_bias_correction_key.md')
def f12():
    b1, b2, al = 0.9, 0.999, 0.1; gs = [0.5, -0.2, 0.4]
    def adam(gl, bias=True, eps=0.0, inside=False, th=1.0):
        m = v = 0.0; out = []
        for t, g in enumerate(gl, 1):
            m = b1 * m + (1 - b1) * g; v = b2 * v + (1 - b2) * g * g
            mh = m / (1 - b1 ** t) if bias else m; vh = v / (1 - b2 ** t) if bias else v
            den = np.sqrt(vh + eps) if inside else np.sqrt(vh) + eps
            st = al * mh / den; th = th - st
            out.append(dict(m=m, v=v, mh=mh, vh=vh, st=st, th=th))
        return out
    A = adam(gs)
    def first_alpha():
        return all(abs(adam([g])[0]['st'] - al * np.sign(g)) < 1e-12 for g in (1e-3, 0.5, -7.0, 300.0))
    a1, a2, a3 = A
    return [
        ('**Setup (from the handout).**', GIVEN, '1.0 0.5 -0.2 0.4 0.1 0.9 0.999 0 10 -8 1'),
        ('m_t &= \\beta_1 m_{t-1} + (1-\\beta_1)', GIVEN, '1 1'),
        ('v_t &= \\beta_2 v_{t-1} + (1-\\beta_2)', GIVEN, '1 2 1'),
        ('\\theta_t &= \\theta_{t-1} - \\alpha', GIVEN),
        ('$m_1 = 0.1 \\cdot 0.5 = 0.05$', lambda: ALL(C('0.1', 1 - b1), E('0.5', gs[0]), C('0.05', a1['m']), C('0.001', 1 - b2), E('0.25', gs[0] ** 2), C('0.00025', a1['v']))),
        ('$\\hat m_1 = 0.05/0.1', lambda: ALL(C('0.05', a1['m']), C('0.1', 1 - b1), C('0.5', a1['mh']), C('0.00025', a1['v']), C('0.001', 1 - b2), C('0.25', a1['vh']), C('0.5', np.sqrt(a1['vh'])))),
        ('Step $= 0.1 \\cdot 0.5/0.5', lambda: ALL(E('0.1', al), C('0.5', a1['mh']), C('0.5', np.sqrt(a1['vh'])), C('0.1', a1['st']), C('0.9', a1['th']))),
        ('(Students should notice that the first Adam step', first_alpha),
        ('$m_2 = 0.9 \\cdot 0.05', lambda: ALL(E('0.9', b1), C('0.05', a1['m']), C('0.1', 1 - b1), E('-0.2', gs[1]), C('0.045', b1 * a1['m']), C('0.02', -(1 - b1) * gs[1]), C('0.025', a2['m']))),
        ('$v_2 = 0.999 \\cdot 0.00025', lambda: ALL(E('0.999', b2), C('0.00025', a1['v']), C('0.001', 1 - b2), C('0.04', gs[1] ** 2), C('0.00024975', b2 * a1['v']),
                                                  C('0.00004', (1 - b2) * gs[1] ** 2), C('0.00028975', a2['v']))),
        ('$1 - \\beta_1^2 = 0.19$', lambda: ALL(E('1', 1), E('2', 2), C('0.19', 1 - b1 ** 2), E('1', 1), E('2', 2), C('0.001999', 1 - b2 ** 2))),
        ('$\\hat m_2 = 0.025/0.19', lambda: ALL(C('0.025', a2['m']), C('0.19', 1 - b1 ** 2), C('0.1136', a2['mh']))),
        ('$\\hat v_2 = 0.00028975/0.001999', lambda: ALL(C('0.00028975', a2['v']), C('0.001999', 1 - b2 ** 2), C('0.14495', a2['vh']), C('0.3807', np.sqrt(a2['vh'])))),
        ('Step $\\approx 0.1 \\cdot 0.1136/0.3807', lambda: ALL(E('0.1', al), C('0.1136', a2['mh']), C('0.3807', np.sqrt(a2['vh'])), C('0.0298', a2['st']),
                                                            C('0.9', a1['th']), C('0.0298', a2['st']), C('0.8702', a2['th']))),
        ('$m_3 = 0.9 \\cdot 0.025', lambda: ALL(E('0.9', b1), C('0.025', a2['m']), C('0.1', 1 - b1), E('0.4', gs[2]), C('0.0225', b1 * a2['m']), C('0.04', (1 - b1) * gs[2]), C('0.0625', a3['m']))),
        ('$v_3 = 0.999 \\cdot 0.00028975', lambda: ALL(E('0.999', b2), C('0.00028975', a2['v']), C('0.001', 1 - b2), C('0.16', gs[2] ** 2), C('0.00028946', b2 * a2['v']),
                                                     C('0.00016', (1 - b2) * gs[2] ** 2), C('0.00044946', a3['v']))),
        ('$1 - \\beta_1^3 = 0.271$', lambda: ALL(E('1', 1), E('3', 3), C('0.271', 1 - b1 ** 3), E('1', 1), E('3', 3), C('0.002997', 1 - b2 ** 3))),
        ('$\\hat m_3 = 0.0625/0.271', lambda: ALL(C('0.0625', a3['m']), C('0.271', 1 - b1 ** 3), C('0.2306', a3['mh']), C('0.00044946', a3['v']), C('0.002997', 1 - b2 ** 3),
                                               C('0.1500', a3['vh']), C('0.3873', np.sqrt(a3['vh'])))),
        ('Step $\\approx 0.1 \\cdot 0.2306/0.3873', lambda: ALL(E('0.1', al), C('0.2306', a3['mh']), C('0.3873', np.sqrt(a3['vh'])), C('0.0595', a3['st']),
                                                             C('0.8702', a2['th']), C('0.0595', a3['st']), C('0.8107', a3['th']))),
        ('**(d) Without bias correction [1 pt].**', lambda: ALL(E('1', 1), E('1', 1), E('0.1', al), C('0.05', a1['m']), C('0.01581', np.sqrt(a1['v'])),
                                                              C('0.3162', adam(gs, bias=False)[0]['st']), E('1', 1), E('1', 1),
                                                              C('3.16', (1 - b1) / np.sqrt(1 - b2)))),
        ('- Final answer $\\theta_3 \\approx 0.8107$', lambda: ALL(C('0.8107', a3['th']), E('0.0005', 0.0005), E('1.0', 1.0), C('0.8107', a3['th']), C('0.1893', 1 - a3['th']))),
        ('- $-2$ if $\\beta^t$ is computed', lambda: ALL(E('-2', -2), E('1', 1), E('1', 1), E('2', 2), abs(adam(gs[:2])[1]['mh'] - a2['m'] / (1 - b1)) > 0.01)),
        ('- $-1$ if $\\epsilon$ is put inside', lambda: ALL(E('-1', -1), E('4', 4),
                                                          all(round(x['th'], 4) == round(y['th'], 4) for x, y in zip(adam(gs, eps=1e-8), adam(gs, eps=1e-8, inside=True))))),
    ]

# ======================================================================= 13
@register('13_adamw_vs_l2_cv.md')
def f13():
    b1, b2, eps = 0.9, 0.999, 1e-12
    def adam(gradf, th, alpha, lam, mode, n=1):
        m = v = 0.0
        for t in range(1, n + 1):
            g = gradf(th) + (lam * th if mode == 'l2' else 0.0)
            m = b1 * m + (1 - b1) * g; v = b2 * v + (1 - b2) * g * g
            mh, vh = m / (1 - b1 ** t), v / (1 - b2 ** t)
            if mode == 'w':
                th = th * (1 - alpha * lam)
            th = th - alpha * mh / (np.sqrt(vh) + eps)
        return th
    def sgd_equiv():
        ok = True
        for _ in range(4):
            th, gf, a, l = rand(3), rand(3), RNG.uniform(0, 0.5), RNG.uniform(0, 0.5)
            ok &= near(th - a * (gf + l * th), (1 - a * l) * th - a * gf, 1e-12)
        return ok
    def l2_grad():
        th = rand(3); l = 0.37
        return near(grad(lambda u: l / 2 * u @ u, th), l * th)
    def divided():
        # doubling the scale of every gradient (data + decay) leaves the Adam step unchanged: the decay is normalised too
        gf = lambda u: 0.3 * u + 0.05
        a = adam(gf, 1.5, 0.01, 0.2, 'l2', 5); b = adam(lambda u: 2 * gf(u), 1.5, 0.01, 0.4, 'l2', 5)
        return abs(a - b) < 1e-12
    def adamw_form():
        gf = lambda u: 0.3 * u + 0.05; th = 1.5; a, l = 0.01, 0.2
        m = (1 - b1) * gf(th); v = (1 - b2) * gf(th) ** 2; mh, vh = m / (1 - b1), v / (1 - b2)
        return abs(adam(gf, th, a, l, 'w') - (th - a * (mh / (np.sqrt(vh) + eps) + l * th))) < 1e-12
    gf0 = lambda u: 0.1 + 0.0 * u
    th0, alpha, lam = 2.0, 0.01, 0.1
    def first_sign():
        return all(abs(adam(lambda u, gg=gg: gg, 0.0, 1.0, 0.0, 'none') - (-np.sign(gg))) < 1e-9 for gg in (0.003, -2.0, 40.0))
    def ema_linear():
        ok = True
        gseq = rand(7); c = 0.83
        for bb in (b1, b2):
            m1 = m2 = 0.0
            for t, gg in enumerate(gseq, 1):
                m1 = bb * m1 + (1 - bb) * gg; m2 = bb * m2 + (1 - bb) * (gg + c)
                ok &= abs(m2 / (1 - bb ** t) - (m1 / (1 - bb ** t) + c)) < 1e-12
        return ok
    return [
        ('> **Q:** In PyTorch', GIVEN, '0.1 0.1'),
        ('Because for adaptive methods the two stop', GIVEN),
        ('**SGD.** L2 regularisation adds', lambda: ALL(l2_grad(), E('2', 2), E('2', 2))),
        ('$$\\theta_t = \\theta_{t-1} - \\alpha\\big(\\nabla f', lambda: ALL(sgd_equiv(), E('1', 1))),
        ('which *is* multiplicative weight decay', sgd_equiv),
        ('**Adam with L2**', GIVEN),
        ('$$g_t = \\nabla f(\\theta_{t-1}) + \\lambda\\theta_{t-1}', GIVEN),
        ('so the decay is divided by', divided),
        ('**AdamW** (Loshchilov & Hutter', GIVEN, '2019'),
        ('$$\\theta_t = \\theta_{t-1} - \\alpha\\Big(\\frac{\\hat m_t}', adamw_form),
        ('PyTorch implements this as `p.mul_', lambda: ALL(adamw_form(), E('1', 1))),
        ('**One step, one weight.**', lambda: ALL(E('2.0', th0), E('0.1', gf0(th0)), E('0.01', alpha), E('0.1', lam), first_sign())),
        ('- Adam + L2: $g_1 = 0.1', lambda: ALL(E('0.1', 0.1), E('0.1', lam), E('2.0', th0), C('0.3', gf0(th0) + lam * th0), E('0.01', alpha), C('0.3', 0.3),
                                              C('0.01', th0 - adam(gf0, th0, alpha, lam, 'l2')), C('1.99', adam(gf0, th0, alpha, lam, 'l2')))),
        ('- Adam, no decay at all:', lambda: ALL(E('0.1', gf0(th0)), C('0.01', th0 - adam(gf0, th0, alpha, 0.0, 'none')), C('1.99', adam(gf0, th0, alpha, 0.0, 'none')),
                                               abs(adam(gf0, th0, alpha, 0.0, 'none') - adam(gf0, th0, alpha, lam, 'l2')) < 1e-9)),
        ('- AdamW: $\\theta_1 = 2.0', lambda: ALL(E('2.0', th0), E('1', 1), E('0.01', alpha), E('0.1', lam), E('0.01', alpha), C('1.998', th0 * (1 - alpha * lam)),
                                                 E('0.01', alpha), C('1.988', adam(gf0, th0, alpha, lam, 'w')))),
        ('**Why it matters later on.**', lambda: ALL(ema_linear(), E('1', 1), E('0.01', 0.01), E('1.0', 1.0))),
        ('| | $\\sqrt{\\hat v}$ | decay per step', GIVEN),
        ('|---|---|---|---|', GIVEN),
        ('| small gradients | 0.01 |', lambda: ALL(E('0.01', 0.01), E('0.01', alpha), E('0.1', lam), E('1', 1), E('0.01', 0.01), C('0.1', alpha * lam * 1 / 0.01),
                                                   E('0.01', alpha), E('0.1', lam), E('1', 1), C('0.001', alpha * lam * 1))),
        ('| large gradients | 1.0 |', lambda: ALL(E('1.0', 1.0), E('0.01', alpha), E('0.1', lam), E('1', 1), E('1.0', 1.0), C('0.001', alpha * lam * 1 / 1.0), C('0.001', alpha * lam))),
        ('With L2, the weights that see large gradients', lambda: C('100', (alpha * lam / 0.01) / (alpha * lam / 1.0))),
    ]

# ======================================================================= 14
@register('14_grad_clip_global_norm_pt_nb.md', comma=True)
def f14():
    gW = np.array([[1.0, -2.0], [2.0, 0.0]]); gb = np.array([4.0]); max_norm = 1.0
    def clip(gs, mx):
        tot = np.sqrt(sum(np.sum(g ** 2) for g in gs)); c = min(1.0, mx / (tot + 1e-6))
        return tot, c, [c * g for g in gs]
    tot, c, (cW, cb) = clip([gW, gb], max_norm)
    def global_def():
        gs = [rand(2, 3), rand(4), rand(1)]
        return abs(np.sqrt(sum(np.sum(g ** 2) for g in gs)) - np.linalg.norm(np.concatenate([g.ravel() for g in gs]))) < 1e-12
    def direction():
        gs = [rand(2, 3) * 10, rand(4) * 10]
        _, cc, out = clip(gs, 1.0)
        a = np.concatenate([g.ravel() for g in gs]); b = np.concatenate([g.ravel() for g in out])
        return cc < 1 and abs(a @ b / (np.linalg.norm(a) * np.linalg.norm(b)) - 1) < 1e-12
    u = np.array([4.0, 0.5]); uc = np.clip(u, -1, 1)
    ang = np.degrees(np.arccos(u @ uc / (np.linalg.norm(u) * np.linalg.norm(uc))))
    return [
        ('Em redes recorrentes (e em Transformers', global_def),
        ('\\|\\mathbf{g}\\|_{\\text{global}} = \\sqrt{\\sum_{i=1}^{k}', global_def, '2'),
        ('c = \\min\\!\\Big(1,', GIVEN, '1 10 -6'),
        ('\\mathbf{g}_i \\leftarrow c\\,\\mathbf{g}_i', GIVEN),
        ('Como todos os tensores são multiplicados', lambda: ALL(direction(), E('1', 1), EV(['4', '0.5'], u), EV(['1', '0.5'], uc), C('19.4', ang))),
        ('Exemplo: uma camada linear com 2 entradas', lambda: ALL(E('2', gW.shape[1]), E('2', gW.shape[0])) ),
        ('"W": np.array([[1.0, -2.0], [2.0, 0.0]])', lambda: ALL(EV(['1.0', '-2.0', '2.0', '0.0'], gW), EV(['2', '2'], gW.shape))),
        ('"b": np.array([4.0])', lambda: ALL(EV(['4.0'], gb), E('1', gb.shape[0]))),
        ('    W (2, 2) 3.0', lambda: ALL(EV(['2', '2'], gW.shape), C('3.0', np.linalg.norm(gW)))),
        ('    b (1,) 4.0', lambda: ALL(E('1', gb.shape[0]), C('4.0', np.linalg.norm(gb)))),
        ('Agora à mão, com `max_norm = 1.0`', lambda: ALL(E('1.0', max_norm), E('10', 10), E('-6', -6), E('4', 4), round(c, 4) == round(min(1, max_norm / tot), 4))),
        ('1. Norma global:', lambda: ALL(C('3', np.linalg.norm(gW)), C('4', np.linalg.norm(gb)), C('7', tot))),
        ('2. Coeficiente:', lambda: ALL(E('1', 1), E('1', max_norm), C('7', tot), C('0.1429', c))),
        ('3. Gradientes cortados:', lambda: ALL(CV(['0.1429', '-0.2857', '0.2857', '0'], cW), C('0.5714', cb[0]))),
        ('4. Conferindo:', lambda: ALL(C('7', tot), C('0.1429', c), C('7', tot), C('1.0003', np.sqrt(np.sum(cW ** 2) + np.sum(cb ** 2))), C('1', np.sqrt(np.sum(cW ** 2) + np.sum(cb ** 2))))),
        ('Ou seja, depois do clipping o vetor', lambda: ALL(abs(np.sqrt(np.sum(cW ** 2) + np.sum(cb ** 2)) - max_norm) < 1e-5, E('10', 10), E('-6', -6), E('-2', gW[0, 1]), E('4', gb[0]),
                                                         C('-0.5', cW[0, 1] / cb[0]), abs(cW[0, 1] / cb[0] - gW[0, 1] / gb[0]) < 1e-12)),
        ('**Exercício.** Repita o cálculo', lambda: ALL(E('10', 10), E('1', clip([gW, gb], 10.0)[1]))),
    ]

# ======================================================================= 15
@register('15_warmup_cosine_schedule_ko.md')
def f15():
    import math
    M, m, W, T = 3e-4, 3e-5, 500, 10000
    def eta(t):
        if t < W:
            return M * t / W
        return m + 0.5 * (M - m) * (1 + math.cos(math.pi * (t - W) / (T - W)))
    def lr_lambda(step, warmup=500, total=10000, min_ratio=0.1):
        if step < warmup:
            return step / warmup
        progress = (step - warmup) / (total - warmup)
        return min_ratio + 0.5 * (1 - min_ratio) * (1 + math.cos(math.pi * progress))
    def code_ok():
        return all(abs(M * lr_lambda(t) - eta(t)) < 1e-18 for t in range(0, T + 1, 37))
    def cont():
        return abs(eta(W) - M) < 1e-18 and abs(M * (W - 1e-9) / W - eta(W)) < 1e-15
    def slope():
        ts = np.arange(W, T)
        d = np.array([eta(t + 1) - eta(t) for t in ts])
        return abs(ts[np.argmin(d)] + 0.5 - (W + T) / 2) <= 1
    sl = fd(lambda t: eta(t), 5250.0, 1e-2)
    return [
        ('LLM 파인튜닝 설정 파일을 보면', GIVEN),
        ('최대 학습률 $\\eta_{\\max}$', GIVEN, '0'),
        ('\\eta_{\\max}\\,\\dfrac{t}{W}, & 0 \\le t < W', GIVEN, '0 6'),
        ('\\eta_{\\min} + \\dfrac{1}{2}\\,(\\eta_{\\max} - \\eta_{\\min})', GIVEN, '1 2 1'),
        ('$t = W$에서 코사인 항이', lambda: ALL(cont(), E('0', 0), E('1', math.cos(0)))),
        ('## 구현 (PyTorch `LambdaLR`)', GIVEN),
        ('`LambdaLR`은 기본 학습률에 곱할', code_ok),
        ('def lr_lambda(step, warmup=500, total=10000, min_ratio=0.1)', lambda: ALL(E('500', W), E('10000', T), C('0.1', m / M))),
        ('return step / warmup', lambda: all(abs(M * lr_lambda(t) - eta(t)) < 1e-18 for t in range(0, W))),
        ('progress = (step - warmup) / (total - warmup)', code_ok),
        ('return min_ratio + 0.5 * (1 - min_ratio)', lambda: ALL(E('0.5', 0.5), E('1', 1), E('1', 1), code_ok())),
        ('설정: $\\eta_{\\max} = 3\\times10^{-4}$', lambda: ALL(E('3', 3), E('-4', -4), E('3', 3), E('-5', -5), E('500', W), E('10000', T), C('2.7', (M - m) * 1e4), E('-4', -4))),
        ('- $t = 100$ (워밍업 중)', lambda: ALL(E('100', 100), E('3', 3), E('-4', -4), E('100', 100), E('500', W), C('6', eta(100) * 1e5), E('-5', -5))),
        ('- $t = 500$: $\\eta = \\eta_{\\max}', lambda: ALL(E('500', W), C('3', eta(500) * 1e4), E('-4', -4))),
        ('- $t = 3350$: 진행률', lambda: ALL(E('3350', 3350), E('3350', 3350), E('500', W), E('9500', T - W), C('0.3', (3350 - W) / (T - W)), E('0.3', 0.3), C('0.5878', math.cos(0.3 * math.pi)))),
        ('- 따라서 $\\eta_{3350}', lambda: ALL(E('3', 3), E('-5', -5), E('1', 1), E('2', 2), C('2.7', (M - m) * 1e4), E('-4', -4), E('1', 1), C('0.5878', math.cos(0.3 * math.pi)),
                                             E('3', 3), E('-5', -5), C('5.565', (eta(3350) - m) * 1e5), E('-5', -5), C('8.565', eta(3350) * 1e5), E('-5', -5))),
        ('- 즉 전체의 30%만 지났는데', lambda: ALL(C('30', 100 * (3350 - W) / (T - W)), C('29', 100 * eta(3350) / M))),
        ('- $t = 5250$ (정확히 중간', lambda: ALL(E('5250', (W + T) / 2), E('0.5', 0.5), E('0.5', 0.5), C('0', math.cos(0.5 * math.pi)), E('3', 3), E('-5', -5),
                                                C('1.35', 0.5 * (M - m) * 1e4), E('-4', -4), C('1.65', eta(5250) * 1e4), E('-4', -4), abs(eta(5250) - (M + m) / 2) < 1e-18)),
        ('- $t = 10000$: $\\cos\\pi = -1$', lambda: ALL(E('10000', T), E('-1', math.cos(math.pi)), C('3', eta(T) * 1e5), E('-5', -5), abs(eta(T) - m) < 1e-18)),
        ('참고로 감소 속도가 가장 빠른 곳은', slope),
        ('$\\dfrac{d\\eta}{dt} = -\\dfrac{\\pi}{2}', lambda: ALL(E('2', 2), abs(sl - (-math.pi / 2 * (M - m) / (T - W))) < 1e-12, C('-4.46', sl * 1e8), E('-8', -8))),
    ]

# ======================================================================= 16
@register('16_multiclass_hinge_it.md', comma=True)
def f16():
    def loss(s, y, d=1.0):
        s = np.asarray(s, float); mg = np.maximum(0, s - s[y] + d); mg[y] = 0; return mg.sum()
    def dscore(s, y, d=1.0):
        ind = (s - s[y] + d > 0).astype(float); ind[y] = 0; g = ind.copy(); g[y] = -ind.sum(); return g
    def rand_scores(C):
        while True:
            s = rand(C); y = int(RNG.integers(0, C))
            if np.all(np.abs(s - s[y] + 1.0)[np.arange(C) != y] > 1e-3):
                return s, y
    def ds_check():
        ok = True
        for _ in range(6):
            s, y = rand_scores(5)
            ok &= near(grad(lambda u: loss(u, y), s), dscore(s, y)) and abs(dscore(s, y).sum()) < 1e-12
        return ok
    def chain():
        ok = True
        for _ in range(4):
            D, Cc = 3, 5; x = rand(1, D); W = rand(D, Cc); y = int(RNG.integers(0, Cc))
            s = (x @ W).ravel()
            if np.any(np.abs(s - s[y] + 1.0)[np.arange(Cc) != y] < 1e-3):
                continue
            g = dscore(s, y)[None, :]
            dW = grad(lambda V: loss((x @ V).ravel(), y), W); dx = grad(lambda u: loss((u @ W).ravel(), y), x)
            ok &= near(dW, x.T @ g) and dW.shape == (D, Cc) and near(dx, g @ W.T) and dx.shape == (1, D)
            ok &= near(grad(lambda V: (x @ V).ravel()[2], W)[:, 2], x.ravel())
        return ok
    x = np.array([[1.0, -2.0, 0.5]]); s = np.array([1.3, -0.8, 0.5, 2.1]); y = 2; D, nC = 3, 4
    W0 = x.T @ s[None, :] / (x @ x.T)             # any W with x W = s
    assert near(x @ W0, s[None, :], 1e-12)
    mg = s - s[y] + 1.0
    gs = grad(lambda u: loss(u, y), s)
    gW = grad(lambda V: loss((x @ V).ravel(), y), W0)
    def vec_code():
        ok = True
        for _ in range(3):
            N, Dd, Cc, lam = 5, 3, 4, 0.07
            X = rand(N, Dd); W = rand(Dd, Cc); yy = RNG.integers(0, Cc, N)
            S = X @ W
            margins = np.maximum(0, S - S[np.arange(N), yy][:, None] + 1.0)
            margins[np.arange(N), yy] = 0
            dS = (margins > 0).astype(float)
            dS[np.arange(N), yy] = -dS.sum(axis=1)
            dW = X.T @ dS / N + 2 * lam * W
            J = lambda V: np.mean([loss((X @ V)[i], yy[i]) for i in range(N)]) + lam * np.sum(V ** 2)
            ok &= near(grad(J, W), dW) and S.shape == (N, Cc) and dW.shape == (Dd, Cc)
        return ok
    return [
        ('Consideriamo un classificatore lineare', lambda: ALL(E('1', 1), E('1', 1), E('0', 0), E('1', 1))),
        ('La hinge loss multiclasse con margine', GIVEN, '0'),
        ('$$\\ell(\\mathbf{s}, y) = \\sum_{j \\ne y}', GIVEN, '0'),
        ('Ogni classe sbagliata contribuisce solo se', lambda: loss(np.array([0.0, -1.0]), 0) == 0 and loss(np.array([0.0, -0.99]), 0) > 0),
        ('Indichiamo con $\\mathbb{1}_j', GIVEN, '1 1 0'),
        ('\\mathbb{1}_j, & j \\ne y', lambda: ALL(ds_check()), '1'),
        ('-\\sum_{k \\ne y} \\mathbb{1}_k, & j = y.', ds_check, '1'),
        ('La classe corretta riceve quindi', ds_check),
        ('Poiché $s_c = \\sum_d x_d W_{dc}$', chain),
        ('$$\\frac{\\partial \\ell}{\\partial \\mathbf{W}} = \\mathbf{x}^\\top', chain, '1'),
        ('Il primo è un prodotto esterno', chain),
        ('Sia $D = 3$, $C = 4$', lambda: ALL(E('3', D), E('4', nC), E('1', 1), EV(['1.0', '-2.0', '0.5'], x), E('2', y), EV(['1.3', '-0.8', '0.5', '2.1'], s))),
        ('* Margini:', lambda: ALL(E('0', 0), E('1.3', s[0]), E('0.5', s[y]), E('1', 1), C('1.8', mg[0]), E('1', 1), E('-0.8', s[1]), E('0.5', s[y]), E('1', 1), C('-0.3', mg[1]),
                                  E('3', 3), E('2.1', s[3]), E('0.5', s[y]), E('1', 1), C('2.6', mg[3]))),
        ('* Perdita:', lambda: ALL(C('1.8', mg[0]), E('0', max(0, mg[1])), C('2.6', mg[3]), C('4.4', loss(s, y)))),
        ('* Gradiente sui punteggi:', lambda: CV(['1', '0', '-2', '1'], gs)),
        ('* Gradiente sui pesi (righe indicizzate', lambda: EV(['0', '1', '2'], np.arange(D))),
        ('\\begin{pmatrix} 1 & 0 & -2 & 1', lambda: CV(['1', '0', '-2', '1', '-2', '0', '4', '-2', '0.5', '0', '-1', '0.5'], gW)),
        ('che ha $3 \\times 4 = 12$', lambda: ALL(E('3', gW.shape[0]), E('4', gW.shape[1]), E('12', gW.size), E('1', 1), near(gW[:, 1], np.zeros(D)), mg[1] < 0)),
        ('Per un minibatch $\\mathbf{X}', lambda: ALL(E('2', 2), vec_code())),
        ('S = X @ W', vec_code),
        ('margins = np.maximum(0, S - S[np.arange(N), y]', lambda: ALL(E('0', 0), E('1.0', 1.0), vec_code())),
        ('margins[np.arange(N), y] = 0', lambda: ALL(E('0', 0), vec_code())),
        ('dS = (margins > 0).astype(float)', lambda: ALL(E('0', 0), vec_code())),
        ('dS[np.arange(N), y] = -dS.sum(axis=1)', lambda: ALL(E('1', 1), vec_code())),
        ('dW = X.T @ dS / N + 2 * lam * W', lambda: ALL(E('2', 2), vec_code())),
        ('Si noti il fattore $2\\lambda$', lambda: ALL(E('2', 2), near(grad(lambda V: np.sum(V ** 2), np.array([[0.3, -1.2]])), 2 * np.array([[0.3, -1.2]])))),
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
    m = re.fullmatch(r'(-?[0-9.]+)e([+-]?\d+)', s)
    if m:
        return [m.group(1), str(abs(int(m.group(2))))]
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
MATH_CHARS = set('$∂∑σ′∇√‖⊙∈≤≥←→≈×·ε∞')
def math_lines(lines):
    out = set()
    for i, ln in enumerate(lines, 1):
        s = re.sub(r'^\s*(>\s*)+', '', ln.strip())
        if ln.strip().startswith('<!--') or not s or s.startswith('```') or s in ('$$', '\\[', '\\]'):
            continue
        if ('`' in s or '\\(' in s or any(ch in MATH_CHARS for ch in s)
                or (re.search(r'[=≈<>]', s) and re.search(r'[0-9]', s))):
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
        _LITS.clear()
        try:
            ok = bool(pred())
        except Exception as e:
            ok = False
            problems.append(f'predicate error line {ln}: {e!r}')
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
