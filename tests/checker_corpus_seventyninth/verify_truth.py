#!/usr/bin/env python3
"""Independent NumPy check of corpus79 (optimizers and training dynamics).

For every file: an ordered list of checks (unique substring of one line,
predicate, declared structural tokens).  Every line that contains math
(LaTeX, inline code, code with a relation sign and a digit, Unicode math
symbols) must be covered by a check.  Givens / definitions are GIVEN (ctx '*').
Worked numbers are recomputed from the givens and must agree to their printed
precision with the exact value or with the value recomputed from the rounded
numbers the author carried; symbolic claims (update rules, recursions,
closed forms, derivatives) are tested numerically (central finite differences,
simulation of the optimizer, eigenvalues) at random points; sizes / step
counts are recomputed by building arrays or by counting.  Every number printed
on a checked line must be a checked value or a declared structural token.
The first line whose predicate is False must equal expected.json.
"""
import json, math, os, re, sys
from collections import Counter
import numpy as np

VERBOSE = '-v' in sys.argv
D = os.path.dirname(os.path.abspath(__file__))
RNG = np.random.default_rng(79)

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

def T(*tokens):
    """structural numbers that are part of notation (exponents, indices) - registered, always true"""
    for t in tokens:
        _LITS.append(t)
    return True

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

def specrad(M):
    return float(np.max(np.abs(np.linalg.eigvals(np.asarray(M, float)))))

FILES = {}
def register(name, comma=False):
    def deco(fn):
        FILES[name] = (fn, comma)
        return fn
    return deco

# ======================================================================= 01
def heavy_ball(gradf, w0, alpha, beta, steps, z0=0.0):
    w, z, out = np.array(w0, float), np.array(z0, float) * np.ones_like(np.array(w0, float)), []
    for _ in range(steps):
        g = gradf(w); z = beta * z + g; w = w - alpha * z
        out.append((g, z.copy(), w.copy()))
    return out

@register('01_heavy_ball_distill.md')
def f01():
    lam, a, b = 4.0, 0.1, 0.9
    f = lambda w: 0.5 * lam * w ** 2
    gf = lambda w: lam * w
    run = heavy_ball(gf, 1.0, a, b, 3)
    g0, z1, w1 = run[0]; g1, z2, w2 = run[1]; g2, z3, w3 = run[2]
    R = np.array([[b, lam], [-a * b, 1 - a * lam]])
    ev = np.linalg.eigvals(R)
    def beta0_is_gd():
        ok = True
        for _ in range(5):
            l, al, w0 = rand(lo=0.1, hi=3), rand(lo=0.01, hi=0.5), rand()
            r = heavy_ball(lambda w: l * w, w0, al, 0.0, 4)
            ok &= near([x[2] for x in r], [w0 * (1 - al * l) ** k for k in range(1, 5)])
        return ok
    def unroll_z():
        ok = True
        for _ in range(4):
            A = np.diag(rand(3, lo=0.1, hi=2)); w0 = rand(3); al, be = rand(lo=0.01, hi=0.3), rand(lo=0, hi=0.95)
            r = heavy_ball(lambda w: A @ w + np.sin(w), w0, al, be, 6)
            gs = [x[0] for x in r]
            for k in range(6):
                ok &= near(r[k][1], sum(be ** (k - i) * gs[i] for i in range(k + 1)))
        return ok
    def unroll_w():
        ok = True
        for _ in range(4):
            A = np.diag(rand(3, lo=0.1, hi=2)); w0 = rand(3); al, be = rand(lo=0.01, hi=0.3), rand(lo=0, hi=0.95)
            r = heavy_ball(lambda w: A @ w + np.sin(w), w0, al, be, 6)
            gs = [x[0] for x in r]
            for k in range(6):
                ok &= near(r[k][2], w0 - al * sum((1 - be ** (k + 1 - i)) / (1 - be) * gs[i] for i in range(k + 1)))
        return ok
    def matrix_form():
        ok = True
        for _ in range(5):
            l, al, be, w0, z0 = rand(lo=0.1, hi=5), rand(lo=0.01, hi=0.5), rand(lo=0, hi=0.99), rand(), rand()
            r = heavy_ball(lambda w: l * w, w0, al, be, 1, z0=z0)
            M = np.array([[be, l], [-al * be, 1 - al * l]])
            ok &= near(M @ [z0, w0], [r[0][1], r[0][2]])
        return ok
    def charpoly():
        ok = True
        for _ in range(5):
            l, al, be = rand(lo=0.1, hi=5), rand(lo=0.01, hi=0.5), rand(lo=0, hi=0.99)
            M = np.array([[be, l], [-al * be, 1 - al * l]])
            ok &= near(np.poly(M), [1, -(1 + be - al * l), be]) and abs(np.linalg.det(M) - be) < 1e-9
        return ok
    def stable_region():
        ok = True
        for _ in range(400):
            be = RNG.uniform(0, 0.99); x = RNG.uniform(-1, 5)
            if min(abs(x), abs(x - 2 - 2 * be)) < 1e-3:
                continue
            M = np.array([[be, 1.0], [-x * be, 1 - x]])      # lambda = 1, alpha*lambda = x
            ok &= (specrad(M) < 1) == (0 < x < 2 + 2 * be)
        return ok
    def critical():
        ok = True
        for x in RNG.uniform(0.05, 0.95, 6):
            lo, hi = 0.0, 0.999
            for _ in range(3):                                   # grid search, refined around the best point
                bs = np.linspace(lo, hi, 2001)
                rho = [specrad([[bb, 1.0], [-x * bb, 1 - x]]) for bb in bs]
                i = int(np.argmin(rho)); lo, hi = bs[max(i - 2, 0)], bs[min(i + 2, len(bs) - 1)]
            bbest = bs[i]
            bc = (1 - np.sqrt(x)) ** 2
            ok &= abs(bbest - bc) < 1e-4 and abs(min(rho) - (1 - np.sqrt(x))) < 1e-4
            ok &= near(np.real(np.roots([1, -(1 + bc - x), bc])), [1 - np.sqrt(x)] * 2, 1e-6)
        return ok
    bc = (1 - np.sqrt(a * lam)) ** 2
    return [
        ('In its heavy-ball form we keep', GIVEN, '*'),
        ('$$z^{k+1} = \\beta z^{k} + \\nabla f(w^{k})', GIVEN, '*'),
        ('With $\\beta = 0$ we recover plain', lambda: beta0_is_gd() and E('0', 0) and T('1')),
        ('To see what that means concretely', lambda: ALL(T('2', '2'), E('4', lam), abs(fd(f, 0.37) - 4 * 0.37) < 1e-8, E('4', 4),
                                                          E('0', 0), E('1', 1), E('0', 0), E('0', 0), E('0.1', a), E('0.9', b))),
        ('| $k$ | $\\nabla f(w^k)$', lambda: ALL(T('1'), E('0.9', b), T('1'), E('0.1', a), T('1'))),
        ('| 0 | $4$ |', lambda: ALL(E('0', 0), E('4', g0), E('0', b * 0), E('4', g0), E('4', z1), E('1', 1), E('0.4', a * z1), E('0.6', w1))),
        ('| 1 | $2.4$ |', lambda: ALL(E('1', 1), E('2.4', g1), E('3.6', b * z1), E('2.4', g1), E('6', z2), E('0.6', w1), E('0.6', a * z2), E('0', w2))),
        ('| 2 | $0$ |', lambda: ALL(E('2', 2), E('0', g2), E('5.4', b * z2), E('0', g2), E('5.4', z3), E('0', w2), E('0.54', a * z3), E('-0.54', w3))),
        ('Something curious happens', lambda: ALL(abs(w2) < 1e-12, abs(g2) < 1e-12, abs(w3) > 0.1, E('1', 1), E('0.6', 1 - a * lam),
                                                  EV(['0.6', '0.36', '0.216'], [(1 - a * lam) ** k for k in (1, 2, 3)]))),
        ('$$z^{k+1} = \\sum_{i=0}^{k}', unroll_z, '1'),
        ('$$w^{k+1} = w^{0} - \\alpha', lambda: unroll_w(), '1 0 1 1 1'),
        ('For our run, $w^3', lambda: ALL(T('3'), E('1', 1), E('0.1', a), E('4', g0), E('1', 1), E('0.9', b), T('3'), E('0.1', 1 - b),
                                          E('2.4', g1), E('1', 1), E('0.9', b), T('2'), E('0.1', 1 - b), E('0', g2), E('1', 1),
                                          C('1.084', a * g0 * (1 - b ** 3) / (1 - b)), C('0.456', a * g1 * (1 - b ** 2) / (1 - b)),
                                          C('-0.54', w3, 1 - (1.084 + 0.456)), E('1', 1), E('1', 1), C('10', 1 / (1 - b)))),
        ('### The view from a 2×2 matrix', lambda: R.shape == (2, 2) and E('2', 2) and E('2', 2)),
        ('On a quadratic everything is linear', matrix_form),
        ('\\underbrace{\\begin{pmatrix} \\beta & \\lambda', matrix_form, '1 1 1'),
        ('Its characteristic polynomial is', lambda: ALL(charpoly(), T('2', '1'), C('1.5', np.trace(R)), T('2'), T('4'), C('2.25', np.trace(R) ** 2),
                                                         C('3.6', 4 * np.linalg.det(R)), np.trace(R) ** 2 - 4 * np.linalg.det(R) < 0, E('0', 0))),
        ('The eigenvalues are therefore complex', lambda: ALL(np.all(np.abs(ev.imag) > 0.1), C('0.75', ev[0].real), C('0.581', abs(ev[0].imag)),
                                                              near(np.abs(ev), [np.sqrt(b)] * 2), C('0.949', np.sqrt(b)), C('0.6', 1 - a * lam),
                                                              np.sqrt(b) > 1 - a * lam)),
        ('$$0 < \\alpha\\lambda < 2 + 2\\beta', lambda: ALL(stable_region(), E('0', 0), E('2', 2), E('2', 2), E('0', 0), E('1', 1))),
        ('so compared with gradient descent', lambda: ALL(all(((abs(1 - x) < 1) == (0 < x < 2)) for x in RNG.uniform(-1, 3, 200)),
                                                          E('0', 0), E('2', 2), abs((2 + 2 * 0.9999) / 2 - 2) < 1e-3)),
        ('For a fixed $\\alpha\\lambda < 1$', lambda: ALL(critical(), E('1', 1), E('1', 1), T('2'), C('0.4', a * lam), E('1', 1),
                                                         C('0.632', np.sqrt(a * lam)), T('2'), C('0.135', bc, (1 - 0.632) ** 2), E('1', 1),
                                                         C('0.368', 1 - np.sqrt(a * lam), np.sqrt(bc)))),
        ('That beats both plain gradient descent', lambda: ALL(C('0.6', 1 - a * lam), E('0.9', b), C('0.949', specrad(R)),
                                                               1 - np.sqrt(a * lam) < min(1 - a * lam, specrad(R)))),
    ]

# ======================================================================= 02
def nesterov_lookahead(gradf, x0, eta, mu, steps, v0=0.0):
    x, v, out = float(x0), float(v0), []
    for _ in range(steps):
        xa = x + mu * v; g = gradf(xa); v = mu * v - eta * g; x = x + v
        out.append(dict(xa=xa, g=g, v=v, x=x))
    return out

@register('02_nesterov_cs231n.md')
def f02():
    eta, mu = 0.1, 0.9
    gf = lambda x: 2 * x
    r = nesterov_lookahead(gf, 1.0, eta, mu, 3)
    xt = [1.0 + mu * 0.0] + [s['x'] + mu * s['v'] for s in r]          # true look-ahead iterates  x~_t = x_t + mu v_t
    # vanilla (heavy-ball, CS231n sign convention) second step
    v1 = -eta * gf(1.0); x1 = 1.0 + v1; v2_van = mu * v1 - eta * gf(x1); x2_van = x1 + v2_van
    def relation_solved():
        # claim on the line: x_t = x~_t + mu v_t  where x~_t = x_t + mu v_t   (true relation: x_t = x~_t - mu v_t)
        ok = True
        for _ in range(5):
            x, v, m = rand(), rand(), rand(lo=0.5, hi=0.99)
            xtil = x + m * v
            ok &= abs(x - (xtil + m * v)) < 1e-9
        return ok
    def chain_claim():
        # x~_{t+1} = x_{t+1} + mu v_{t+1} = x_t + (1+mu) v_{t+1} = x~_t + mu v_t + (1+mu) v_{t+1}
        ok = True
        for _ in range(5):
            m, e = rand(lo=0.5, hi=0.99), rand(lo=0.01, hi=0.3)
            x, v = rand(), rand(); xtil = x + m * v
            vn = m * v - e * gf(xtil); xn = x + vn
            ok &= abs((xn + m * vn) - (x + (1 + m) * vn)) < 1e-12
            ok &= abs((x + (1 + m) * vn) - (xtil + m * v + (1 + m) * vn)) < 1e-9
        return ok
    def code_claim():
        ok = True
        for _ in range(5):
            m, e = rand(lo=0.5, hi=0.99), rand(lo=0.01, hi=0.3)
            x, v = rand(), rand(); xtil = x + m * v
            v_prev = v; vn = m * v - e * gf(xtil); xtil_new = xtil + m * v_prev + (1 + m) * vn
            ok &= abs(xtil_new - ((x + vn) + m * vn)) < 1e-9
        return ok
    def velocity_same():
        ok = True
        for _ in range(5):
            m, e = rand(lo=0.5, hi=0.99), rand(lo=0.01, hi=0.3)
            x, v = rand(), rand(); xtil = x + m * v
            ok &= abs((m * v - e * gf(x + m * v)) - (m * v - e * gf(xtil))) < 1e-12
        return ok
    def note():
        return (abs(r[0]['v'] - (-0.2)) < 1e-12 and abs(r[1]['v'] - (-0.304)) < 1e-12
                and all(abs(xt[k + 1] - r[k]['x'] - mu * r[k]['v']) < 1e-12 for k in range(3)))
    return [
        ('Nesterov momentum is a slightly different version', GIVEN, '*'),
        ('In symbols, with learning rate', lambda: ALL(E('0.9', 0.9), E('0.99', 0.99))),
        ('$$v_{t+1} = \\mu v_t - \\eta\\, \\nabla f(x_t + \\mu v_t)', GIVEN, '*'),
        ('**Tiny example.**', lambda: ALL(T('2'), abs(fd(lambda x: x ** 2, 0.3) - gf(0.3)) < 1e-8, E('2', 2), E('1', 1), E('0', 0),
                                        E('0.1', eta), E('0.9', mu))),
        ('- step 1: look-ahead point', lambda: ALL(E('1', 1), E('1', r[0]['xa']), E('2', r[0]['g']), E('0', mu * 0),
                                                  C('0.2', eta * r[0]['g']), C('-0.2', r[0]['v']), C('0.8', r[0]['x']))),
        ('- step 2: look-ahead point', lambda: ALL(E('2', 2), C('0.8', r[0]['x']), E('0.9', mu), C('-0.2', r[0]['v']), C('0.62', r[1]['xa']),
                                                  C('1.24', r[1]['g']), C('-0.18', mu * r[0]['v']), C('0.124', eta * r[1]['g']),
                                                  C('-0.304', r[1]['v']), C('0.496', r[1]['x']))),
        ('For comparison, vanilla momentum', lambda: ALL(C('1.6', gf(x1)), C('-0.18', mu * v1), C('0.16', eta * gf(x1)),
                                                        C('-0.34', v2_van), C('0.46', x2_van), x2_van < r[1]['x'])),
        ('In practice, people prefer', GIVEN),
        ('$$\\tilde x_t = x_t + \\mu v_t .$$', GIVEN, '*'),
        ('With this variable the velocity update reads', lambda: velocity_same() and relation_solved(), '1 1'),
        ('$$\\tilde x_{t+1} = x_{t+1} + \\mu v_{t+1}', chain_claim, '1 1 1 1 1 1 1 1'),
        ('In code (`x` now holds', GIVEN),
        ('x += mu * v_prev + (1 + mu) * v', code_claim, '1'),
        ('Same two numbers of state', lambda: len(['x', 'v']) == 2),
        ('**Same example in the rewritten form.**', GIVEN),
        ('- start: $\\tilde x_0', lambda: ALL(E('1', xt[0]))),
        ('- step 1: $\\nabla f(\\tilde x_0) = 2$', lambda: ALL(E('1', 1), E('2', gf(xt[0])), C('-0.2', r[0]['v']), E('1', 1), E('0.9', mu),
                                                              E('0', 0), C('1.9', 1 + mu), C('-0.2', r[0]['v']), C('0.62', xt[1]))),
        ('- step 2: $\\nabla f(\\tilde x_1) = 1.24$', lambda: ALL(C('1.24', gf(xt[1])), E('0.9', mu), C('-0.2', r[0]['v']), E('0.1', eta),
                                                                 C('1.24', gf(xt[1])), C('-0.304', r[1]['v']), C('0.62', xt[1]),
                                                                 E('0.9', mu), C('-0.2', r[0]['v']), C('1.9', 1 + mu), C('-0.304', r[1]['v']),
                                                                 C('0.62', xt[1]), C('0.18', mu * 0.2), C('0.5776', 1.9 * 0.304),
                                                                 C('-0.1376', xt[2]))),
        ('Note that the velocities $v_1, v_2$', lambda: ALL(note(), E('0', 0), abs(nesterov_lookahead(gf, 1.0, eta, mu, 200)[-1]['v']) < 1e-6)),
    ]

# ======================================================================= 03
def adam(gradf, th0, lr, b1, b2, eps, steps, wd_l2=0.0, wd_decoupled=0.0):
    th = np.array(th0, float); m = np.zeros_like(th); v = np.zeros_like(th); out = []
    for t in range(1, steps + 1):
        g = gradf(th) + wd_l2 * th
        m = b1 * m + (1 - b1) * g; v = b2 * v + (1 - b2) * g * g
        mh = m / (1 - b1 ** t); vh = v / (1 - b2 ** t)
        ratio = mh / (np.sqrt(vh) + eps)
        upd = lr * ratio
        th_new = th - upd - lr * wd_decoupled * th
        out.append(dict(g=g, m=m.copy(), v=v.copy(), mh=mh, vh=vh, ratio=ratio, upd=upd, th=th_new.copy()))
        th = th_new
    return out

@register('03_adam_docs.md')
def f03():
    lr, b1, b2, eps = 0.1, 0.9, 0.999, 1e-8
    f = lambda th: th[0] ** 2 + 0.5 * th[1] ** 2
    gf = lambda th: grad(f, th)
    th0 = np.array([1.0, -3.0])
    r = adam(gf, th0, lr, b1, b2, eps, 2)
    s1, s2 = r
    def const_grad_bias():
        ok = True
        for _ in range(4):
            g = rand(3); bb1, bb2 = rand(lo=0.5, hi=0.99), rand(lo=0.9, hi=0.9999)
            m = np.zeros(3); v = np.zeros(3)
            for t in range(1, 8):
                m = bb1 * m + (1 - bb1) * g; v = bb2 * v + (1 - bb2) * g * g
                ok &= near(m, (1 - bb1 ** t) * g, 1e-12) and near(v, (1 - bb2 ** t) * g * g, 1e-12)
                ok &= near(m / (1 - bb1 ** t), g, 1e-9) and near(v / (1 - bb2 ** t), g * g, 1e-9)
        return ok
    def first_step_unbiased():
        ok = True
        for _ in range(4):
            g = rand(3); m1 = (1 - b1) * g; v1 = (1 - b2) * g * g
            ok &= near(m1 / np.sqrt(v1), (1 - b1) / np.sqrt(1 - b2) * np.sign(g), 1e-9)
        return ok
    def note_claims():
        ok = True
        for _ in range(5):                                       # constant gradient: |step| = lr (eps negligible)
            gc = rand() * RNG.uniform(0.01, 100)
            rr = adam(lambda th: np.array([gc]), [0.0], 0.1, b1, b2, eps, 50)
            ok &= all(abs(abs(x['upd'][0]) - 0.1) < 1e-8 for x in rr)
        for _ in range(5):                                       # beta1 == beta2: |m_hat| <= sqrt(v_hat) (Jensen)
            bb = RNG.uniform(0.5, 0.999); seq = rand(300) * np.exp(rand(300, lo=-3, hi=3))
            rr = adam(lambda th, it=iter(seq): np.array([next(it)]), [0.0], 1.0, bb, bb, 0.0, 300)
            ok &= all(abs(x['mh'][0]) <= np.sqrt(x['vh'][0]) + 1e-12 for x in rr)
        # with beta2 > beta1 the bound is only approximate: it can be exceeded
        seq = np.r_[0.01 * np.ones(200), np.ones(20)]
        rr = adam(lambda th, it=iter(seq): np.array([next(it)]), [0.0], 1.0, b1, b2, 0.0, 220)
        ok &= max(abs(x['upd'][0]) for x in rr) > 1.0
        return ok
    return [
        ('# `tinyopt.Adam`', GIVEN, '*'),
        ('class tinyopt.Adam(params', lambda: ALL(E('0.001', 1e-3), E('0.9', b1), E('0.999', b2), E('1e-08', eps))),
        ('**Algorithm.** Input:', GIVEN, '*'),
        ('\\begin{aligned}', GIVEN, '*'),
        ('g_t &\\leftarrow \\nabla_\\theta', GIVEN, '*'),
        ('m_t &\\leftarrow \\beta_1 m_{t-1}', GIVEN, '*'),
        ('v_t &\\leftarrow \\beta_2 v_{t-1}', GIVEN, '*'),
        ('\\widehat{m}_t &\\leftarrow m_t', GIVEN, '*'),
        ('\\widehat{v}_t &\\leftarrow v_t', GIVEN, '*'),
        ('\\theta_t &\\leftarrow \\theta_{t-1}', GIVEN, '*'),
        ('\\end{aligned}', GIVEN, '*'),
        ('All operations are elementwise', GIVEN, '*'),
        ('- **lr** (*float, optional*)', lambda: E('1e-3', 1e-3)),
        ('- **betas** (*Tuple[float, float]', lambda: ALL(E('0.9', b1), E('0.999', b2))),
        ('- **eps** (*float, optional*)', lambda: E('1e-8', eps)),
        ('**Why bias correction.**', lambda: ALL(const_grad_bias(), first_step_unbiased(), E('0', 0), E('1', 1), E('1', 1), T('2'), E('1', 1), E('1', 1),
                                                 C('3.16', (1 - b1) / np.sqrt(1 - b2)))),
        ('Two parameters $\\theta = (\\theta_1, \\theta_2)$', lambda: ALL(T('2', '1', '2', '2', '2'),
                                                                       all(near(gf(p), [2 * p[0], p[1]]) for p in rand(5, 2)),
                                                                       E('1.0', th0[0]), E('-3.0', th0[1]), E('0.1', lr))),
        ('**Step 1.** $g_1', lambda: E('1', 1) and CV(['2.0', '-3.0'], s1['g'])),
        ('- $m_1 = 0.1\\,g_1', lambda: ALL(C('0.1', 1 - b1), CV(['0.2', '-0.3'], s1['m']), C('0.001', 1 - b2), T('2'), CV(['0.004', '0.009'], s1['v']))),
        ('- $\\widehat m_1 = m_1/0.1', lambda: ALL(C('0.1', 1 - b1), CV(['2.0', '-3.0'], s1['mh']), C('0.001', 1 - b2),
                                                   CV(['4.0', '9.0'], s1['vh']), CV(['2.0', '3.0'], np.sqrt(s1['vh'])))),
        ('- update $0.1\\cdot\\big(2.0', lambda: ALL(E('0.1', lr), C('2.0', s1['mh'][0]), C('2.0', np.sqrt(s1['vh'][0])), T('10', '-8'),
                                                     C('-3.0', s1['mh'][1]), C('3.0', np.sqrt(s1['vh'][1])), T('10', '-8'),
                                                     CV(['0.1', '-0.1'], s1['upd']), np.all(np.abs(np.abs(s1['upd']) - 0.1) <= 5e-10 + 1e-16),
                                                     abs(0.1 - s1['upd'][0] - 5e-10) < 1e-15, E('5', 5), T('10', '-10'),
                                                     CV(['0.9', '-2.9'], s1['th']))),
        ('Note that both coordinates moved by exactly', lambda: near(np.abs(s1['upd']), [lr, lr], 1e-8)
                                                              and abs(s1['g'][0]) != abs(s1['g'][1]) and near(s1['ratio'], np.sign(s1['g']), 1e-8)),
        ('**Step 2.** $g_2', lambda: E('2', 2) and CV(['1.8', '-2.9'], s2['g'])),
        ('- $m_2 = 0.9\\cdot(0.2', lambda: ALL(E('0.9', b1), CV(['0.2', '-0.3'], s1['m']), C('0.1', 1 - b1), CV(['1.8', '-2.9'], s2['g']),
                                               CV(['0.36', '-0.56'], s2['m']))),
        ('- $v_2 = 0.999\\cdot(0.004', lambda: ALL(E('0.999', b2), CV(['0.004', '0.009'], s1['v']), C('0.001', 1 - b2),
                                                   CV(['3.24', '8.41'], s2['g'] ** 2), CV(['0.007236', '0.017401'], s2['v']))),
        ('- bias factors', lambda: ALL(E('1', 1), E('0.9', b1), T('2'), C('0.19', 1 - b1 ** 2), E('1', 1), E('0.999', b2), T('2'), C('0.001999', 1 - b2 ** 2))),
        ('- $\\widehat m_2 = (1.894737', lambda: ALL(CV(['1.894737', '-2.947368'], s2['mh']), CV(['3.619810', '8.704852'], s2['vh']),
                                                     CV(['1.902580', '2.950399'], np.sqrt(s2['vh'])))),
        ('- ratio $\\widehat m_2/', lambda: ALL(CV(['0.995878', '-0.998973'], s2['ratio']), CV(['0.0995878', '-0.0998973'], s2['upd']))),
        ('- $\\theta_2 = (0.800412', lambda: CV(['0.800412', '-2.800103'], s2['th'])),
        ('opt = tinyopt.Adam([theta], lr=0.1)', lambda: E('0.1', lr)),
        ('for _ in range(2):', lambda: E('2', len(r))),
        ('opt.zero_grad(); (theta[0]**2', lambda: ALL(T('0', '2'), E('0.5', 0.5), T('1', '2'), abs(fd(lambda x: 0.5 * x ** 2, 0.7) - 0.7) < 1e-8)),
        ('print(theta)   # tensor', lambda: CV(['0.8004', '-2.8001'], s2['th'])),
        ('**Note.** If a coordinate', note_claims),
    ]

# ======================================================================= 04
@register('04_adamw_vs_l2_zh.md')
def f04():
    th0 = np.array([1.0, 3.0]); g1 = np.array([0.2, -0.1]); eta, lam, b1, b2 = 0.1, 0.1, 0.9, 0.999
    gconst = lambda th: g1
    rl2 = adam(gconst, th0, eta, b1, b2, 0.0, 1, wd_l2=lam)[0]
    rw = adam(gconst, th0, eta, b1, b2, 0.0, 1, wd_decoupled=lam)[0]
    gt = g1 + lam * th0
    def sgd_equiv():
        ok = True
        for _ in range(5):
            th, g, e, l = rand(4), rand(4), rand(lo=0.01, hi=0.5), rand(lo=0, hi=0.2)
            reg = lambda t: 0.5 * l * np.sum(t ** 2)
            ok &= near(grad(reg, th), l * th)
            ok &= near(th - e * (g + l * th), (1 - e * l) * th - e * g, 1e-12)
        return ok
    def adam_not_equiv():
        th, g = np.array([1.0, 3.0]), np.array([0.2, -0.1])
        a = adam(lambda t: g, th, 0.1, 0.9, 0.999, 0.0, 1, wd_l2=0.1)[0]['th']
        b = adam(lambda t: g, th, 0.1, 0.9, 0.999, 0.0, 1)[0]['th'] * 1 - 0.1 * 0.1 * th
        return not near(a, b, 1e-3)
    def decoupled_factor():
        ok = True
        for _ in range(4):
            th, g = rand(3), rand(3); e, l = rand(lo=0.01, hi=0.3), rand(lo=0.01, hi=0.3)
            a = adam(lambda t: g, th, e, 0.9, 0.999, 1e-8, 1, wd_decoupled=l)[0]
            plain = adam(lambda t: g, th, e, 0.9, 0.999, 1e-8, 1)[0]
            ok &= near(a['th'], (1 - e * l) * th - plain['upd'], 1e-12)
        return ok
    def first_step_sign():
        ok = True
        for _ in range(5):
            g = rand(4); r1 = adam(lambda t: g, np.zeros(4), 1.0, rand(lo=0.5, hi=0.99), rand(lo=0.9, hi=0.9999), 0.0, 1)[0]
            ok &= near(r1['mh'], g, 1e-12) and near(r1['vh'], g * g, 1e-12) and near(r1['ratio'], np.sign(g), 1e-9)
        return ok
    def code_impl():
        # d2l-style code: t starts at 1, states m, v zero; compare with formula of AdamW
        ok = True
        for _ in range(3):
            p = rand(3); e, wd = 0.05, 0.02; m = np.zeros(3); v = np.zeros(3); hp = {'t': 1, 'lr': e, 'wd': wd}
            gseq = [rand(3) for _ in range(4)]
            it = iter(gseq)
            ref = adam(lambda t: next(it), p, e, 0.9, 0.999, 1e-6, 4, wd_decoupled=wd)
            for k in range(4):
                gr = gseq[k]
                m[:] = 0.9 * m + (1 - 0.9) * gr
                v[:] = 0.999 * v + (1 - 0.999) * gr ** 2
                m_hat = m / (1 - 0.9 ** hp['t']); v_hat = v / (1 - 0.999 ** hp['t'])
                p = p - hp['lr'] * (m_hat / (np.sqrt(v_hat) + 1e-6) + hp['wd'] * p)
                hp['t'] += 1
                ok &= near(p, ref[k]['th'], 1e-12)
        return ok
    CODE = code_impl()
    def ex1():
        ok = True
        for _ in range(5):
            th, g = rand(4), rand(4); e, l = 0.1, 0.1
            a = adam(lambda t: g, th, e, 0.0, 0.0, 0.0, 3, wd_l2=l)
            b = adam(lambda t: g, th, e, 0.0, 0.0, 0.0, 1, wd_decoupled=l)[0]
            ok &= near(a[0]['upd'], e * np.sign(g + l * th), 1e-12)
            ok &= near(th - b['th'], e * (np.sign(g) + l * th), 1e-12)
        return ok
    return [
        ('在 4.5 节中我们把权重衰减', lambda: ALL(T('4.5'), T('2', '2'), sgd_equiv())),
        ('$$\\boldsymbol{\\theta} \\leftarrow \\boldsymbol{\\theta} - \\eta\\,(\\mathbf{g}', lambda: sgd_equiv() and E('1', 1)),
        ('也就是说"在梯度里加', lambda: sgd_equiv() and adam_not_equiv() and E('1', 1)),
        ('如果直接使用 `torch.optim.Adam', lambda: ALL(near(rl2['g'], g1 + lam * th0))),
        ('$$\\boldsymbol{\\theta}_t = \\boldsymbol{\\theta}_{t-1} - \\eta\\left', GIVEN, '*'),
        ('其中 $\\hat{\\mathbf{m}}_t, \\hat{\\mathbf{v}}_t$ 只由原始梯度', lambda: decoupled_factor() and E('1', 1)),
        ('设 $\\boldsymbol{\\theta}_0 = (1.0,\\ 3.0)$', lambda: ALL(EV(['1.0', '3.0'], th0), EV(['0.2', '-0.1'], g1), E('0.1', eta), E('0.1', lam),
                                                               E('0.9', b1), E('0.999', b2), first_step_sign(), T('2', '1'))),
        ('**L2 版本：**', lambda: ALL(E('0.2', g1[0]), E('0.1', lam), E('1.0', th0[0]), E('-0.1', g1[1]), E('0.1', lam), E('3.0', th0[1]),
                                   CV(['0.3', '0.2'], gt))),
        ('$$\\boldsymbol{\\theta}_1^{\\text{L2}}', lambda: ALL(EV(['1.0', '3.0'], th0), E('0.1', eta), EV(['1', '1'], np.sign(gt)),
                                                                CV(['0.9', '2.9'], rl2['th']))),
        ('**AdamW 版本：**', lambda: ALL(EV(['1', '-1'], np.sign(g1)), CV(['0.1', '0.3'], lam * th0))),
        ('$$\\boldsymbol{\\theta}_1^{\\text{W}}', lambda: ALL(E('1.0', th0[0]), E('0.1', eta), E('1', 1), E('0.1', lam * th0[0]),
                                                               E('3.0', th0[1]), E('0.1', eta), E('-1', np.sign(g1[1])), C('0.3', lam * th0[1]),
                                                               E('1.0', th0[0]), C('0.11', eta * (1 + lam * th0[0])), E('3.0', th0[1]), E('0.1', eta),
                                                               C('-1.3', -1 + lam * th0[1]), CV(['0.89', '3.13'], rw['th']))),
        ('第二个坐标的差别最明显', lambda: ALL(E('-0.1', g1[1]), C('0.3', lam * th0[1]), abs(lam * th0[1]) > abs(g1[1]), np.sign(gt[1]) != np.sign(g1[1]),
                                          C('2.9', rl2['th'][1]), C('0.1', -eta * np.sign(g1[1])), C('3.13', rw['th'][1]),
                                          C('0.23', rw['th'][1] - rl2['th'][1]))),
        ('再看第一个坐标：', lambda: ALL(C('0.1', th0[0] - rl2['th'][0]), C('0.11', th0[0] - rw['th'][0]),
                                      near(adam(gconst, th0, eta, b1, b2, 0.0, 1, wd_l2=7 * lam)[0]['upd'][0], rl2['upd'][0]))),
        ('beta1, beta2, eps = 0.9, 0.999, 1e-6', lambda: ALL(E('0.9', 0.9), E('0.999', 0.999), E('1e-6', 1e-6), CODE)),
        ('m[:] = beta1 * m + (1 - beta1) * p.grad', lambda: CODE, '1'),
        ('v[:] = beta2 * v + (1 - beta2)', lambda: CODE, '1'),
        ('m_hat = m / (1 - beta1', lambda: CODE, '1'),
        ('v_hat = v / (1 - beta2', lambda: CODE, '1'),
        ("p[:] -= hyperparams['lr']", lambda: CODE),
        ("hyperparams['t'] += 1", lambda: CODE, '1'),
        ("与 11.10 节的 `adam` 相比", lambda: ALL(T('11.10'), CODE, E('1', 1), decoupled_factor())),
        ('1. 证明：若 $\\beta_1 = \\beta_2 = 0$', lambda: ALL(E('0', 0), E('0', 0), ex1())),
        ('2. 为什么 AdamW 中常用的', lambda: ALL(E('0.01', 0.01), E('0.1', 0.1), E('5', 5), T('10', '-4'), 0.01 / 5e-4 >= 10)),
    ]

# ======================================================================= 05
def _extract_code(name, idx=0):
    txt = open(os.path.join(D, name), encoding='utf-8').read()
    blocks = re.findall(r'```python\n(.*?)```', txt, re.S)
    return blocks[idx]

@register('05_adagrad_rmsprop_qiita_ja.md')
def f05():
    gs = [1.0, 0.5, 2.0]; eta, rho, th0 = 0.1, 0.9, 1.0
    def run(acc_rule):
        acc, th, rows = 0.0, th0, []
        for g in gs:
            acc = acc_rule(acc, g); lr_eff = eta / np.sqrt(acc); step = lr_eff * g; th = th - step
            rows.append((g, acc, np.sqrt(acc), lr_eff, step, th))
        return rows
    A = run(lambda a, g: a + g * g)
    Rm = run(lambda a, g: rho * a + (1 - rho) * g * g)
    # carried (4-decimal) values of the author
    Ac_th = [0.9000, 0.9000 - 0.0447, 0.8553 - 0.0873]
    Rc_th = [1 - 0.3162, 0.6838 - 0.1474, 0.5364 - 0.2819]
    def rowA(i, tokens_before):
        g, G, sG, le, st, th = A[i]
        Gprev = A[i - 1][1] if i else 0.0
        return ALL(E(str(i + 1), i + 1), E(tokens_before[0], g), E(tokens_before[1], Gprev), E(tokens_before[2], g * g), E(tokens_before[3], G),
                   C(tokens_before[4], sG), C(tokens_before[5], le), C(tokens_before[6], st, round(le, 4) * g),
                   C(tokens_before[7], th, Ac_th[i]))
    def rowR(i, toks):
        g, s, ss, le, st, th = Rm[i]
        sprev = Rm[i - 1][1] if i else 0.0
        return ALL(E(str(i + 1), i + 1), E(toks[0], g), C(toks[1], rho * sprev), E(toks[2], 1 - rho), E(toks[3], g * g), C(toks[4], s),
                   C(toks[5], ss), C(toks[6], le), C(toks[7], st, round(le, 4) * g), C(toks[8], th, Rc_th[i]))
    def adagrad_monotone():
        ok = True
        for _ in range(5):
            G = np.cumsum(rand(20) ** 2); ok &= np.all(np.diff(eta / np.sqrt(G)) <= 0)
        return ok
    def const_grad():
        ok = True
        for _ in range(4):
            g, r_ = rand(), rand(lo=0.5, hi=0.99); s = 0.0; G = 0.0
            for t in range(1, 30):
                s = r_ * s + (1 - r_) * g * g; G += g * g
                ok &= abs(s - (1 - r_ ** t) * g * g) < 1e-12 and abs(G - t * g * g) < 1e-9
                ok &= abs(eta * abs(g) / np.sqrt(G) - eta / np.sqrt(t)) < 1e-12
            for t in range(30, 5000):
                s = r_ * s + (1 - r_) * g * g
            ok &= abs(eta * abs(g) / np.sqrt(s) - eta) < 1e-9        # s_t -> g^2, step -> eta
        return ok
    code_out = {}
    def run_code():
        if not code_out:
            import io, contextlib
            buf = io.StringIO()
            with contextlib.redirect_stdout(buf):
                exec(_extract_code('05_adagrad_rmsprop_qiita_ja.md'), {})
            code_out['lines'] = buf.getvalue().split()
        return code_out['lines']
    first_step_big = [rho * 0 + (1 - rho) * gg * gg for gg in (1.0, 100.0)]
    return [
        ('「Adagrad は学習率がどんどん小さくなる」', lambda: ALL(E('1', 1), E('3', 3))),
        ('- $\\theta$：パラメータ', GIVEN, '*'),
        ('- $\\varepsilon$：ゼロ割り防止', lambda: ALL(T('10', '-8'), abs(eta * 1.0 / (1 + 1e-8) - eta) < 1e-8)),
        ('$$G_t = G_{t-1} + g_t^2', GIVEN, '*'),
        ('**RMSProp** は足し続ける代わりに', GIVEN, '*'),
        ('$$s_t = \\rho\\, s_{t-1}', GIVEN, '*'),
        ('どちらも $G_0 = s_0 = 0$', GIVEN, '*'),
        ('$\\theta_0 = 1.0$、$\\eta = 0.1$', lambda: ALL(E('1.0', th0), E('0.1', eta), E('0.9', rho), EV(['1.0', '0.5', '2.0'], gs), E('4', 4))),
        ('| $t$ | $g_t$ | $G_t$', GIVEN),
        ('| 1 | 1.0 | $0 + 1.0 = 1.0$', lambda: rowA(0, ['1.0', '0', '1.0', '1.0', '1.0000', '0.1000', '0.1000', '0.9000'])),
        ('| 2 | 0.5 | $1.0 + 0.25 = 1.25$', lambda: rowA(1, ['0.5', '1.0', '0.25', '1.25', '1.1180', '0.0894', '0.0447', '0.8553'])),
        ('| 3 | 2.0 | $1.25 + 4.0 = 5.25$', lambda: rowA(2, ['2.0', '1.25', '4.0', '5.25', '2.2913', '0.0436', '0.0873', '0.7680'])),
        ('| $t$ | $g_t$ | $s_t$', GIVEN),
        ('| 1 | 1.0 | $0 + 0.1 \\times 1.0 = 0.1$', lambda: rowR(0, ['1.0', '0', '0.1', '1.0', '0.1', '0.3162', '0.3162', '0.3162', '0.6838'])),
        ('| 2 | 0.5 | $0.09 + 0.1', lambda: rowR(1, ['0.5', '0.09', '0.1', '0.25', '0.115', '0.3391', '0.2949', '0.1474', '0.5364'])),
        ('| 3 | 2.0 | $0.1035', lambda: rowR(2, ['2.0', '0.1035', '0.1', '4.0', '0.5035', '0.7096', '0.1409', '0.2819', '0.2545'])),
        ('1. Adagrad の実効学習率', lambda: ALL(CV(['0.1000', '0.0894', '0.0436'], [x[3] for x in A]), adagrad_monotone())),
        ('2. RMSProp の 1 ステップ目は', lambda: ALL(E('1', 1), E('1', 1), C('0.1', eta), C('0.1', 1 - rho), C('0.3162', eta / np.sqrt(1 - rho)),
                                                   E('1.0', 1.0), E('100', 100),
                                                   C('0.3162', *[eta * gg / (np.sqrt(s) + 1e-8) for gg, s in zip((1.0, 100.0), first_step_big)]),
                                                   E('0', 0))),
        ('3. 勾配がずっと一定値', lambda: ALL(const_grad(), E('1', 1), T('2', '2', '2'))),
        ('def run(grads, lr=0.1, rho=None, eps=1e-8, theta=1.0)', lambda: ALL(E('0.1', eta), E('1e-8', 1e-8), E('1.0', th0))),
        ('acc = 0.0', lambda: E('0.0', 0.0)),
        ('acc = acc + g**2 if rho is None', lambda: ALL(T('2'), T('1', '2'), run_code()[0] == '0.7680')),
        ('print(f"{run([1.0, 0.5, 2.0]):.4f}")', lambda: ALL(EV(['1.0', '0.5', '2.0'], gs), run_code()[0] == '0.7680', C('0.7680', A[2][5]))),
        ('print(f"{run([1.0, 0.5, 2.0], rho=0.9)', lambda: ALL(EV(['1.0', '0.5', '2.0'], gs), E('0.9', rho), run_code()[1] == '0.2545',
                                                              C('0.2545', Rm[2][5]))),
        ('手計算と一致しました。', lambda: ALL(E('3', 3), (th0 - Rm[2][5]) / (th0 - A[2][5]) > 3, E('2', 2), E('0.9', rho), E('1', 1),
                                           abs(sum((1 - rho) * rho ** (3 - i) for i in (1, 2, 3)) - (1 - rho ** 3)) < 1e-12,
                                           E('3', 3), E('1', 1), E('0.9', rho), T('3'), C('0.271', 1 - rho ** 3))),
    ]

# ======================================================================= 06
def rand_spd(n, lo=0.2, hi=5.0):
    Q, _ = np.linalg.qr(RNG.normal(size=(n, n)))
    lam = np.sort(RNG.uniform(lo, hi, n))
    return Q @ np.diag(lam) @ Q.T, lam, Q

@register('06_quadratic_gd_skript_de.md', comma=True)
def f06():
    A = np.array([[5.0, 2], [2, 2]]); lam = np.linalg.eigvalsh(A); lmin, lmax = lam[0], lam[-1]; kap = lmax / lmin
    eta_s = 2 / (lmin + lmax); rho = lambda e: max(abs(1 - e * lmin), abs(1 - e * lmax)); rho_s = rho(eta_s)
    x0 = np.array([1.0, 1.0]); x1 = x0 - eta_s * A @ x0
    def gradient_sym():
        ok = True
        for _ in range(3):
            M, _, _ = rand_spd(4); x = rand(4)
            ok &= near(grad(lambda y: 0.5 * y @ M @ y, x), M @ x)
        return ok
    def err_rec():
        ok = True
        for _ in range(3):
            M, l, Q = rand_spd(3); e = rand(lo=0.01, hi=0.3); x = rand(3); xs = [x]
            for k in range(5):
                xs.append(xs[-1] - e * (M @ xs[-1]))
            for k in range(5):
                ok &= near(xs[k + 1], (np.eye(3) - e * M) @ xs[k], 1e-12)
                ok &= near(xs[k], np.linalg.matrix_power(np.eye(3) - e * M, k) @ xs[0], 1e-10)
                ok &= near(Q.T @ xs[k], (1 - e * l) ** k * (Q.T @ xs[0]), 1e-10)
        return ok
    def stability():
        ok = True
        for _ in range(100):
            M, l, _ = rand_spd(3); e = RNG.uniform(0.001, 1.2)
            if abs(e - 2 / l[-1]) < 1e-3: continue
            ok &= (specrad(np.eye(3) - e * M) < 1) == all(abs(1 - e * l) < 1) == (0 < e < 2 / l[-1])
        return ok
    def rate_formula():
        ok = True
        for _ in range(50):
            M, l, _ = rand_spd(4); e = RNG.uniform(0.001, 2 / l[-1])
            r = specrad(np.eye(4) - e * M)
            ok &= abs(r - max(abs(1 - e * l))) < 1e-9 and abs(r - max(abs(1 - e * l[0]), abs(1 - e * l[-1]))) < 1e-9
            es = 2 / (l[0] + l[-1])
            ok &= abs(r - ((1 - e * l[0]) if e <= es else (e * l[-1] - 1))) < 1e-9
        return ok
    def optimum():
        ok = True
        for _ in range(10):
            _, l, _ = rand_spd(3); es = 2 / (l[0] + l[-1]); k = l[-1] / l[0]
            grid = np.linspace(1e-4, 2 / l[-1], 20001)
            rr = np.maximum(np.abs(1 - grid * l[0]), np.abs(1 - grid * l[-1]))
            ok &= abs(grid[np.argmin(rr)] - es) < 2e-4 * (2 / l[-1]) * 10
            rs = max(abs(1 - es * l[0]), abs(1 - es * l[-1]))
            ok &= abs(rs - (l[-1] - l[0]) / (l[-1] + l[0])) < 1e-12 and abs(rs - (k - 1) / (k + 1)) < 1e-12
            ok &= abs((1 - es * l[0]) - (es * l[-1] - 1)) < 1e-12
        return ok
    def large_kappa():
        return all(abs(((k - 1) / (k + 1)) - (1 - 2 / k)) < 3 / k ** 2 for k in (100.0, 1e3, 1e4)) and \
            all(abs(math.log(1e-8) / math.log((k - 1) / (k + 1)) / (k * math.log(1e8)) - 0.5) < 0.01 for k in (1e3, 1e4))
    def reflection():
        M = np.eye(2) - eta_s * A; U = M / rho_s
        ok = near(U @ U.T, np.eye(2), 1e-12) and abs(np.linalg.det(U) + 1) < 1e-12
        for _ in range(5):
            e = rand(2); ok &= abs(np.linalg.norm(M @ e) - rho_s * np.linalg.norm(e)) < 1e-12
        for _ in range(5):     # n = 2: always;  n >= 3: only upper bound in general
            Mm, l, _ = rand_spd(2); es = 2 / (l[0] + l[-1]); e = rand(2); r = (l[1] - l[0]) / (l[1] + l[0])
            ok &= abs(np.linalg.norm((np.eye(2) - es * Mm) @ e) - r * np.linalg.norm(e)) < 1e-12
        Mm, l, _ = rand_spd(3); es = 2 / (l[0] + l[-1]); r = (l[-1] - l[0]) / (l[-1] + l[0])
        ratios = [np.linalg.norm((np.eye(3) - es * Mm) @ e) / np.linalg.norm(e) for e in rand(50, 3)]
        ok &= max(ratios) <= r + 1e-12 and min(ratios) < r - 1e-3
        return ok
    return [
        ('Wir betrachten $f(x) = \\tfrac12', lambda: ALL(T('1', '2'), E('0', 0), all(np.linalg.eigvalsh(rand_spd(3)[0]) > 0), E('0', 0), gradient_sym())),
        ('**Fehlerrekursion.** Sei', lambda: ALL(E('0', 0)), ),
        ('\\begin{align*}', GIVEN, '*'),
        ('e_{k+1} &= x_k - \\eta A x_k', lambda: ALL(err_rec(), T('3.5'))),
        ('e_k &= (I - \\eta A)^k', err_rec),
        ('\\end{align*}', GIVEN, '*'),
        ('Mit der Spektralzerlegung', lambda: ALL(err_rec(), T('3.5'), E('1', 1))),
        ('$$|1-\\eta\\lambda_i| < 1', lambda: ALL(stability(), E('1', 1), E('1', 1), E('0', 0), E('2', 2))),
        ('Die lineare Rate ist dann', lambda: ALL(rate_formula(), E('1', 1), E('1', 1), E('1', 1), E('1', 1))),
        ('**Optimale Schrittweite.** Die Funktion', rate_formula),
        ('$$\\rho(\\eta) = \\begin{cases}', lambda: ALL(rate_formula(), E('1', 1), E('0', 0), T('2', '1', '2'))),
        ('und wird minimal, wo beide Äste gleich sind', lambda: ALL(optimum(), E('1', 1), E('1', 1))),
        ('$$\\eta^* = \\frac{2}{\\lambda_{\\min}+\\lambda_{\\max}}', lambda: ALL(optimum(), E('2', 2), E('1', 1), E('1', 1))),
        ('Für große Konditionszahl ist', lambda: ALL(large_kappa(), E('1', 1), E('2', 2), E('1', 1))),
        ('**Beispiel 3.4.** Sei', lambda: ALL(T('3.4'), EV(['5', '2', '2', '2'], A), E('7', np.trace(A)), C('6', np.linalg.det(A)), T('2'),
                                             E('7', 7), E('6', 6), T('1', '6'), near(np.poly(A), [1, -7, 6]), near(np.roots([1, -7, 6]), [6, 1]),
                                             C('1', lmin), C('6', lmax), C('6', kap))),
        ('- Stabil genau für', lambda: ALL(E('0', 0), E('2', 2), C('6', lmax), E('1', 1), E('3', 3), C('0.333', 2 / lmax),
                                           specrad(np.eye(2) - 0.333 * A) < 1, specrad(np.eye(2) - 0.334 * A) > 1)),
        ('- Optimal: $\\eta^* = 2/7', lambda: ALL(E('2', 2), E('7', 7), abs(eta_s - 2 / 7) < 1e-12, C('0.2857', eta_s), E('5', 5), E('7', 7),
                                                abs(rho_s - 5 / 7) < 1e-12, C('0.7143', rho_s), E('1', 1), E('2', 2), E('7', 7),
                                                E('5', 5), E('7', 7), abs(abs(1 - eta_s * lmin) - 5 / 7) < 1e-12, E('1', 1), E('12', 12), E('7', 7),
                                                abs(abs(1 - eta_s * lmax) - 5 / 7) < 1e-12, abs(12 / 7 - eta_s * lmax) < 1e-12, E('5', 5), E('7', 7))),
        ('- Zum Vergleich $\\eta = 0{,}1$', lambda: ALL(E('0.1', 0.1), C('0.9', abs(1 - 0.1 * lmin)), C('0.4', abs(1 - 0.1 * lmax)), C('0.9', rho(0.1)))),
        ('- Fehlerreduktion um den Faktor', lambda: ALL(T('10', '-6'), T('10', '6'), E('7', 7), E('5', 5), C('13.8155', math.log(1e6)),
                                                       C('0.3365', math.log(1 / rho_s)), C('41.06', math.log(1e6) / math.log(1 / rho_s), 13.8155 / 0.3365),
                                                       E('42', math.ceil(math.log(1e6) / math.log(1 / rho_s))), rho_s ** 42 <= 1e-6 < rho_s ** 41,
                                                       E('0.1', 0.1), C('13.8155', math.log(1e6)), E('10', 10), E('9', 9),
                                                       C('13.8155', math.log(1e6)), C('0.1054', math.log(10 / 9)),
                                                       C('131.1', math.log(1e6) / math.log(1 / rho(0.1)), 13.8155 / 0.1054),
                                                       E('132', math.ceil(math.log(1e6) / math.log(1 / rho(0.1)))))),
        ('Ein Schritt mit $\\eta^*$ ab', lambda: ALL(EV(['1', '1'], x0), EV(['7', '4'], A @ x0), EV(['1', '1'], x0), T('2', '7'),
                                                    abs(eta_s - 2 / 7) < 1e-12, EV(['7', '4'], A @ x0), E('-1', x1[0]), T('1', '7'),
                                                    abs(x1[1] + 1 / 7) < 1e-12, C('1.4142', np.linalg.norm(x0)),
                                                    C('50', 49 * (x1 @ x1)), E('7', 7), C('1.0102', np.linalg.norm(x1)),
                                                    C('0.7143', np.linalg.norm(x1) / np.linalg.norm(x0), 1.0102 / 1.4142), abs(np.linalg.norm(x1) / np.linalg.norm(x0) - rho_s) < 1e-12)),
        ('**Bemerkung.** Dass das Verhältnis', lambda: ALL(reflection(), E('2', 2), near(np.sort(np.linalg.eigvalsh(np.eye(2) - eta_s * A)), [-5 / 7, 5 / 7]),
                                                          E('5', 5), E('7', 7), E('3', 3))),
    ]

# ======================================================================= 07
@register('07_warmup_cosine_ko.md')
def f07():
    N, B, EP, WE, emax, emin = 50000, 128, 20, 2, 1e-3, 0.0
    spe = len(range(0, N, B))                      # number of batches with drop_last=False
    T_, Tw = EP * spe, WE * spe
    def lr(t):
        return emax * t / Tw if t <= Tw else emin + 0.5 * (emax - emin) * (1 + math.cos(math.pi * (t - Tw) / (T_ - Tw)))
    def lastbatch():
        idx = np.arange(N); batches = [idx[i:i + B] for i in range(0, N, B)]
        return len(batches) == math.ceil(N / B) and len(batches[-1]) == N - B * (N // B) and len(batches[-1]) > 0
    def row(e, toks_fn):
        return toks_fn(e * spe)
    def code_ns():
        ns = {'math': math}
        src = _extract_code('07_warmup_cosine_ko.md')
        body = src.split('def lr_lambda')[1]
        ns.update({'warmup_steps': Tw, 'total_steps': T_})
        exec('def lr_lambda' + body.split('scheduler =')[0], ns)
        return ns
    def code_ok():
        ns = code_ns(); f = ns['lr_lambda']
        return all(abs(emax * f(t) - lr(t)) < 1e-15 for t in range(0, T_ + 1, 7))
    cos_avg = np.mean([lr(t) for t in range(Tw + 1, T_ + 1)])
    return [
        ('요즘 ViT나 ResNet 학습 코드를 보면', GIVEN),
        ('- 데이터: CIFAR-10 학습셋', lambda: ALL(T('10'), E('50000', N), E('128', B)), '*'),
        ('- 최대 학습률', lambda: ALL(T('10', '-3'), E('0', emin))),
        ('- 스케줄러는 **매 iteration마다**', GIVEN, '*'),
        ('`drop_last=False`이면 마지막에 남는', lastbatch),
        ('- 1 에폭 $= 50{,}000/128', lambda: ALL(E('1', 1), E('50000', N), E('128', B), E('390.625', N / B), E('390', spe))),
        ('- 전체 스텝 $T = 20', lambda: ALL(E('20', EP), E('390', spe), E('7800', T_), E('2', WE), E('390', spe), E('780', Tw))),
        ('스텝 $t$에서의 학습률은', GIVEN),
        ('\\eta_t =', GIVEN, '*'),
        ('\\begin{cases}', GIVEN, '*'),
        ('\\eta_{\\max}\\,\\dfrac{t}{T_w}, & 0 \\le t', GIVEN, '*'),
        ('\\eta_{\\min} + \\dfrac{1}{2}(\\eta_{\\max}', GIVEN, '*'),
        ('\\end{cases}', GIVEN, '*'),
        ('warmup 구간에서는 스텝마다', lambda: ALL(T('10', '-3'), E('780', Tw), C('1.28', (lr(5) - lr(4)) * 1e6, emax / Tw * 1e6), T('10', '-6'))),
        ('| 시점 | 스텝 $t$ | 계산 |', GIVEN),
        ('| 1 에폭 끝 | 390 |', lambda: ALL(E('1', 1), E('390', spe), T('10', '-3'), E('390', spe), E('780', Tw), C('5.0', lr(spe) * 1e4), T('10', '-4'))),
        ('| 2 에폭 끝 (warmup 끝) | 780 |', lambda: ALL(E('2', 2), E('780', 2 * spe), T('10', '-3'), E('780', 2 * spe), E('780', Tw), C('1.0', lr(2 * spe) * 1e3), T('10', '-3'))),
        ('| 5 에폭 끝 | 1,950 |', lambda: ALL(E('5', 5), E('1950', 5 * spe), E('1170', 5 * spe - Tw), E('7020', T_ - Tw), T('1', '6'),
                                               abs((5 * spe - Tw) / (T_ - Tw) - 1 / 6) < 1e-12, T('6'), C('0.8660', math.cos(math.pi / 6)),
                                               C('0.5', 0.5 * emax * 1e3), T('10', '-3'), C('1.8660', 1 + math.cos(math.pi / 6)), C('9.33', lr(5 * spe) * 1e4), T('10', '-4'))),
        ('| 11 에폭 끝 | 4,290 |', lambda: ALL(E('11', 11), E('4290', 11 * spe), E('3510', 11 * spe - Tw), E('7020', T_ - Tw), E('0.5', (11 * spe - Tw) / (T_ - Tw)),
                                                T('2'), E('0', 0), C('5.0', lr(11 * spe) * 1e4), T('10', '-4'))),
        ('| 15 에폭 끝 | 5,850 |', lambda: ALL(E('15', 15), E('5850', 15 * spe), E('5070', 15 * spe - Tw), E('7020', T_ - Tw), C('0.7222', (15 * spe - Tw) / (T_ - Tw)),
                                                C('0.7222', (15 * spe - Tw) / (T_ - Tw)), C('-0.6428', math.cos(math.pi * (15 * spe - Tw) / (T_ - Tw))),
                                                C('0.5', 0.5), T('10', '-3'), C('0.3572', 1 + math.cos(math.pi * (15 * spe - Tw) / (T_ - Tw))),
                                                C('1.79', lr(15 * spe) * 1e4), T('10', '-4'))),
        ('| 20 에폭 끝 | 7,800 |', lambda: ALL(E('20', 20), E('7800', T_), E('1', (T_ - Tw) / (T_ - Tw)), E('-1', math.cos(math.pi)), E('0', lr(T_)))),
        ('재미있는 점은 cosine 구간이 정확히 18 에폭', lambda: ALL(E('18', EP - WE),
                                                         all(abs((e * spe - Tw) / (T_ - Tw) - (e - 2) / 18) < 1e-12 for e in range(2, 21)), T('2'), E('18', 18),
                                                         all(abs(180 * (e * spe - Tw) / (T_ - Tw) - 10 * (e - 2)) < 1e-9 for e in range(2, 21)), E('10', 10), T('2'),
                                                         E('11', 11), abs(lr(11 * spe) - emax / 2) < 1e-15)),
        ('steps_per_epoch = len(train_loader)   # 390', lambda: E('390', spe)),
        ('total_steps = 20 * steps_per_epoch    # 7800', lambda: ALL(E('20', EP), E('7800', T_))),
        ('warmup_steps = 2 * steps_per_epoch    # 780', lambda: ALL(E('2', WE), E('780', Tw))),
        ('return 0.5 * (1.0 + math.cos', lambda: ALL(E('0.5', 0.5), E('1.0', 1.0), code_ok())),
        ('scheduler = LambdaLR(optimizer, lr_lambda)', lambda: E('1e-3', emax)),
        ('`LambdaLR`은 반환값을 초기 lr에 곱하므로', lambda: ALL(E('0', emin), code_ok())),
        ('cosine 구간 전체의 평균 학습률은', lambda: ALL(T('1', '2'), C('5', cos_avg * 1e4), T('10', '-4'), E('5', 5), T('10', '-4'))),
    ]

# ======================================================================= 08
@register('08_linear_scaling_rule_se.md')
def f08():
    def seq_identity():
        ok = True
        for _ in range(4):
            n, k, d = 5, 3, 4; X = rand(k * n, d); eta = 0.05
            batches = [X[j * n:(j + 1) * n] for j in range(k)]
            # per-example loss l(x,w) = 0.5*||w - x||^2 * c  -> grad c*(w - x)
            c = 0.3; gl = lambda x, w: c * (w - x)
            w0 = rand(d); w = w0.copy(); ws = [w0.copy()]
            for B_ in batches:
                w = w - eta / n * sum(gl(x, w) for x in B_); ws.append(w.copy())
            # formula with gradients at w_{t+j}
            wk = w0 - eta / n * sum(sum(gl(x, ws[j]) for x in batches[j]) for j in range(k))
            ok &= near(wk, ws[-1], 1e-12)
            for eh in (k * eta, 2 * eta):
                big = w0 - eh / (k * n) * sum(gl(x, w0) for x in X)
                frozen = w0 - eta / n * sum(sum(gl(x, w0) for x in batches[j]) for j in range(k))   # w_{t+j} ~ w_t
                ok &= (near(big, frozen, 1e-12) == (abs(eh - k * eta) < 1e-15))
        return ok
    def stoch_cov():
        R = np.random.default_rng(8); N, d, n = 4000, 2, 16
        G = R.normal(size=(N, d)) @ np.array([[1.0, 0.3], [0.0, 0.5]]); S = np.cov(G.T, bias=True)
        means = np.array([G[R.integers(0, N, n)].mean(0) for _ in range(20000)])
        return near(means.mean(0), G.mean(0), 0.02) and np.allclose(np.cov(means.T), S / n, atol=0.01 * np.abs(S).max())
    def noise_algebra():
        ok = True
        for _ in range(5):
            N, n, k, eta, s = RNG.uniform(1e3, 1e5), RNG.uniform(8, 64), RNG.uniform(2, 40), RNG.uniform(0.01, 1), RNG.uniform(0.1, 3)
            ok &= abs(N / (k * n) * k * eta - N / n * eta) < 1e-9 * N
            ok &= abs(N / (k * n) * (k * eta) ** 2 * s / (k * n) - N / n * eta ** 2 * s / n) < 1e-9 * N
        return ok
    return [
        ('The usual reference is Goyal et al. (2017)', GIVEN, '*'),
        ('Let $l(x, w)$ be the per-example loss', GIVEN, '*'),
        ('$$w_{t+k} = w_t - \\eta\\,\\frac{1}{n}', lambda: seq_identity() and T('1', '1')),
        ('A *single* step on the union', GIVEN),
        ('$$\\hat w_{t+1} = w_t - \\hat\\eta', lambda: T('1', '1'), ),
        ('If you are willing to assume', seq_identity),
        ('For your setup $n = 8 \\cdot 32', lambda: ALL(E('8', 8), E('32', 32), E('256', 8 * 32), E('64', 64), E('32', 32), E('2048', 64 * 32),
                                                       E('8', 2048 / 256), T('50'), E('0.1', 0.1), E('256', 256), C('0.8', 8 * 0.1), E('8192', 8192),
                                                       E('32', 8192 / 256), C('3.2', 32 * 0.1))),
        ('**When it breaks.**', lambda: ALL(T('1', '2', '2'), abs(fd(lambda w: 0.5 * 1.7 * w ** 2, 0.3) - 1.7 * 0.3) < 1e-8, E('1', 1), E('1', 1),
                                            all(abs(w * (1 - 0.01 * 2) ** 3 - (lambda v: [v := v - 0.01 * 2 * v for _ in range(3)][-1])(w)) < 1e-12 for w in rand(3)))),
        ('- $\\eta a = 0.01$, $k = 4$', lambda: ALL(E('0.01', 0.01), E('4', 4), C('0.99', 1 - 0.01), T('4'), C('0.9606', 0.99 ** 4), E('1', 1), C('0.04', 4 * 0.01), C('0.96', 1 - 0.04))),
        ('- $\\eta a = 0.2$, $k = 4$', lambda: ALL(E('0.2', 0.2), E('4', 4), C('0.8', 0.8), T('4'), C('0.4096', 0.8 ** 4), E('1', 1), C('0.8', 4 * 0.2), C('0.2', 1 - 0.8))),
        ('- $\\eta a = 0.2$, $k = 16$', lambda: ALL(E('0.2', 0.2), E('16', 16), C('0.8', 0.8), T('16'), C('0.0281', 0.8 ** 16), E('1', 1), C('3.2', 16 * 0.2),
                                                   C('-2.2', 1 - 3.2), C('-2.2', 1 - 3.2), E('1', 1))),
        ('This is exactly why the paper pairs', lambda: ALL(E('0.1', 0.1), E('0.1', 0.1), E('5', 5))),
        ('**Noise view (why', lambda: ALL(stoch_cov(), T('2'))),
        ('- drift per epoch:', noise_algebra),
        ('- accumulated noise covariance per epoch:', lambda: ALL(noise_algebra(), T('2', '2', '2'))),
        ('Equivalently, the "temperature"', lambda: ALL(E('0.1', 0.1), E('256', 256), E('0.8', 0.8), E('2048', 2048), E('3.2', 3.2), E('8192', 8192),
                                                       abs(0.1 / 256 - 0.8 / 2048) < 1e-15, abs(0.1 / 256 - 3.2 / 8192) < 1e-15, C('3.91', 0.1 / 256 * 1e4), T('10', '-4'))),
        ('**Caveats.**', lambda: ALL(E('8', 8), T('10', '-3'), E('8', 8), C('2.83', 1e-3 * math.sqrt(8) * 1e3), T('10', '-3'), E('8', 8))),
    ]

# ======================================================================= 09
@register('09_grad_clip_notebook.md')
def f09():
    gW = np.array([[2.0, -1.0], [0.0, 2.0]]); gb = np.array([4.0, 0.0]); c = 1.0
    def clip_global(gs, mx):
        tot = np.sqrt(sum(np.sum(g ** 2) for g in gs)); coef = mx / (tot + 1e-6)
        return tot, coef, [g * min(1.0, coef) for g in gs]
    tot, coef, (cW, cb) = clip_global([gW, gb], c)
    def def_ok():
        ok = True
        for _ in range(4):
            gs = [rand(3, 2), rand(4), rand(2, 2, 2)]
            flat = np.concatenate([g.ravel() for g in gs])
            ok &= abs(np.linalg.norm(flat) - np.sqrt(sum(np.linalg.norm(g.ravel()) ** 2 for g in gs))) < 1e-12
        return ok
    def rule_ok():
        ok = True
        for _ in range(20):
            gs = [rand(3, 2) * RNG.uniform(0.01, 3), rand(4) * RNG.uniform(0.01, 3)]; mx = RNG.uniform(0.1, 3)
            t, cf, out = clip_global(gs, mx)
            newn = np.sqrt(sum(np.sum(g ** 2) for g in out))
            ok &= (abs(newn - mx) < 1e-5) if t > mx else all(near(a, b, 1e-12) for a, b in zip(gs, out))
            ok &= all(near(o, min(1, mx / t) * g, 1e-5) for o, g in zip(out, gs))
        return ok
    nW, nb = np.linalg.norm(gW), np.linalg.norm(gb)
    return [
        ('Exploding gradients in my LSTM', GIVEN),
        ('**Definition.** For parameter tensors', lambda: ALL(def_ok())),
        ('$$\\|g\\|_{\\text{glob}} = \\sqrt{\\sum_{i=1}^{P}', lambda: ALL(def_ok(), T('2'))),
        ('If $\\|g\\|_{\\text{glob}} > c$', lambda: ALL(rule_ok(), E('1', 1))),
        ('g_W = torch.tensor([[2., -1.], [0., 2.]])', lambda: ALL(EV(['2', '-1', '0', '2'], gW), E('2', gW.shape[0]))),
        ('g_b = torch.tensor([4., 0.])', lambda: EV(['4', '0'], gb)),
        ('max_norm = 1.0', lambda: E('1.0', c)),
        ('[tensor(3.), tensor(4.)]', lambda: ALL(E('3', nW), E('4', nb))),
        ('The per-tensor norms are', lambda: ALL(EV(['4', '1', '0', '4'], gW.ravel() ** 2), E('3', nW), EV(['16', '0'], gb ** 2), E('4', nb))),
        ('So the global norm is', lambda: ALL(E('3', nW), E('4', nb), C('7', tot), E('1', c), E('1', c), C('7', tot), C('0.1429', coef))),
        ('total_norm = sum(g.norm() for g in grads)', lambda: abs(nW + nb - tot) < 1e-9),
        ('clip_coef = max_norm / (total_norm + 1e-6)', lambda: ALL(E('1e-6', 1e-6), rule_ok())),
        ('tensor(7.) tensor(0.1429)', lambda: ALL(C('7', tot), C('0.1429', coef))),
        ('tensor([[ 0.2857, -0.1429],', lambda: CV(['0.2857', '-0.1429'], cW[0])),
        ('[ 0.0000,  0.2857]]) tensor([0.5714, 0.0000])', lambda: ALL(CV(['0.0000', '0.2857'], cW[1]), CV(['0.5714', '0.0000'], cb))),
        ('Sanity check: the clipped tensors have norms', lambda: ALL(E('3', nW), C('7', tot), C('0.4286', np.linalg.norm(cW)), E('4', nb), C('7', tot),
                                                                     C('0.5714', np.linalg.norm(cb)), C('0.4286', np.linalg.norm(cW)), C('0.5714', np.linalg.norm(cb)),
                                                                     C('1.0', np.sqrt(np.sum(cW ** 2) + np.sum(cb ** 2))))),
        ('**Why "global" and not per tensor?**', lambda: ALL(E('1', 1), E('3', nW), E('4', nb),
                                                             abs(np.dot(np.concatenate([(gW / nW).ravel(), gb / nb]), np.concatenate([gW.ravel(), gb]))
                                                                 / np.linalg.norm(np.concatenate([(gW / nW).ravel(), gb / nb])) / np.linalg.norm(np.concatenate([gW.ravel(), gb]))) < 1 - 1e-6,
                                                             C('0.1429', coef), near(cW, coef * gW, 1e-12), near(cb, coef * gb, 1e-12))),
        ('**Note.** Gradients whose global norm', lambda: ALL(rule_ok(), E('1', 1))),
    ]

# ======================================================================= 10
@register('10_ema_polyak_fr.md', comma=True)
def f10():
    b = 0.9; th = [1.0, 1.2, 1.5]
    def ema(seq, beta, init=0.0):
        m, out = init, []
        for x in seq:
            m = beta * m + (1 - beta) * x; out.append(m)
        return out
    bar = ema(th, b); corr = [bar[t] / (1 - b ** (t + 1)) for t in range(3)]
    def unroll():
        ok = True
        for _ in range(5):
            be = RNG.uniform(0, 0.99); s = rand(8); e = ema(s, be)
            for t in range(1, 9):
                ok &= abs(e[t - 1] - (1 - be) * sum(be ** (t - i) * s[i - 1] for i in range(1, t + 1))) < 1e-12
                ok &= abs((1 - be) * sum(be ** (t - i) for i in range(1, t + 1)) - (1 - be ** t)) < 1e-12
        return ok
    def const_bias():
        ok = True
        for _ in range(5):
            be, c = RNG.uniform(0, 0.99), rand(); e = ema([c] * 6, be)
            ok &= all(abs(e[t - 1] - (1 - be ** t) * c) < 1e-12 and abs(e[t - 1] / (1 - be ** t) - c) < 1e-12 for t in range(1, 7))
            ok &= all(abs(sum((1 - be) * be ** (t - i) / (1 - be ** t) for i in range(1, t + 1)) - 1) < 1e-12 for t in range(1, 7))
        return ok
    def init_theta0():
        ok = True
        for _ in range(5):
            be = RNG.uniform(0, 0.99); s = rand(7); t0 = rand(); e = ema(s, be, init=t0)
            for t in range(1, 8):
                ok &= abs(e[t - 1] - (be ** t * t0 + (1 - be) * sum(be ** (t - i) * s[i - 1] for i in range(1, t + 1)))) < 1e-12
                ok &= abs(be ** t + (1 - be) * sum(be ** (t - i) for i in range(1, t + 1)) - 1) < 1e-12
            ok &= all(abs(x - 3.0) < 1e-12 for x in ema([3.0] * 5, be, init=3.0))
        return ok
    def halflife(be):
        h = math.log(2) / (-math.log(be)); return h if abs(be ** h - 0.5) < 1e-12 else -1
    def stat_var():
        ok = True
        for be in (0.5, 0.9):
            R = np.random.default_rng(10); xi = R.normal(size=(4000, 400)); m = np.zeros(4000)
            for k in range(400):
                m = be * m + (1 - be) * xi[:, k]
            ok &= abs(m.var() - (1 - be) / (1 + be)) < 0.1 * (1 - be) / (1 + be)
            ok &= abs((1 - be) ** 2 * sum(be ** (2 * k) for k in range(3000)) - (1 - be) / (1 + be)) < 1e-12
        return ok
    def polyak():
        ok = True
        for _ in range(5):
            s = rand(9); pt = s[0] * 0
            for t in range(1, 10):
                pt = pt + (s[t - 1] - pt) / t
                ok &= abs(pt - s[:t].mean()) < 1e-12
            e = []; m = 123.0
            for t in range(1, 10):
                bt = 1 - 1 / t; m = bt * m + (1 - bt) * s[t - 1]; e.append(m)
            ok &= near(e, [s[:t].mean() for t in range(1, 10)], 1e-12)
        return ok
    pol = [np.mean(th[:t]) for t in (1, 2, 3)]
    return [
        ('Soit $(\\theta_t)_{t \\ge 1}$', GIVEN),
        ('**Définition 5.7 (EMA).**', lambda: ALL(T('5.7'), E('0', 0), E('1', 1), E('0', 0)), ),
        ('$$\\bar\\theta_t = \\beta\\,\\bar\\theta_{t-1}', lambda: ALL(E('1', 1), E('1', 1), T('5.12'))),
        ('**Proposition 5.8.** En déroulant', lambda: ALL(T('5.8', '5.12'))),
        ('$$\\bar\\theta_t = (1-\\beta)\\sum_{i=1}^{t}', lambda: ALL(unroll(), E('1', 1), E('1', 1), E('1', 1))),
        ('*Démonstration.* Récurrence immédiate', unroll),
        ('Les poids ne somment donc pas à $1$', lambda: ALL(unroll(), E('1', 1), E('1', 1), E('0', 0), const_bias(), E('1', 1))),
        ('$$\\hat\\theta_t = \\frac{\\bar\\theta_t}{1-\\beta^t},$$', lambda: ALL(const_bias(), E('1', 1))),
        ('qui est une vraie moyenne pondérée', lambda: ALL(const_bias(), E('1', 1), E('1', 1), E('1', 1))),
        ('**Exemple 5.9.**', lambda: ALL(T('5.9'), E('0.9', b), EV(['1.0', '1.2', '1.5'], th))),
        ('- $\\bar\\theta_1 = 0{,}1', lambda: ALL(C('0.1', 1 - b), E('1.0', th[0]), C('0.1', bar[0]), C('0.1', bar[0]), C('0.1', 1 - b), C('1.0', corr[0]))),
        ('- $\\bar\\theta_2 = 0{,}9', lambda: ALL(E('0.9', b), C('0.1', bar[0]), C('0.1', 1 - b), E('1.2', th[1]), C('0.09', b * bar[0]), C('0.12', (1 - b) * th[1]),
                                               C('0.21', bar[1]), C('0.21', bar[1]), C('0.19', 1 - b ** 2), C('1.1053', corr[1]))),
        ('- $\\bar\\theta_3 = 0{,}9', lambda: ALL(E('0.9', b), C('0.21', bar[1]), C('0.1', 1 - b), E('1.5', th[2]), C('0.189', b * bar[1]), C('0.15', (1 - b) * th[2]),
                                               C('0.339', bar[2]), C('0.339', bar[2]), C('0.271', 1 - b ** 3), C('1.2509', corr[2]))),
        ('Sans correction, on évaluerait', lambda: ALL(0.2 < bar[2] / corr[2] < 0.3, C('0.339', bar[2]), C('1.25', corr[2]), C('1.2509', corr[2]),
                                                     C('0.81', b ** 2), E('1.0', th[0]), C('0.9', b), E('1.2', th[1]), E('1', 1), E('1.5', th[2]),
                                                     C('2.71', 1 + b + b ** 2), abs((0.81 * 1.0 + 0.9 * 1.2 + 1.5) / 2.71 - corr[2]) < 1e-12)),
        ('**Remarque 5.10 (en pratique).**', lambda: ALL(T('5.10'), E('0', 0), init_theta0(), E('1', 1), E('1', 1), E('0', 0))),
        ('**Horizon.**', lambda: ALL(halflife(0.9) > 0, T('2'), E('0.9', 0.9), C('0.6931', math.log(2)), C('0.1054', -math.log(0.9)), C('6.58', halflife(0.9), 0.6931 / 0.1054),
                                     E('0.999', 0.999), C('692.8', halflife(0.999)), E('1', 1), E('1', 1), C('10', 1 / (1 - 0.9)), C('1000', 1 / (1 - 0.999)))),
        ('**Réduction de variance.**', lambda: ALL(stat_var(), T('2'))),
        ('$$(1-\\beta)^2\\sum_{k \\ge 0}', lambda: ALL(stat_var(), E('1', 1), T('2', '2', '2'), E('1', 1), E('1', 1), T('2'))),
        ('soit $0{,}1/1{,}9', lambda: ALL(C('0.1', 1 - 0.9), C('1.9', 1 + 0.9), C('0.0526', (1 - 0.9) / (1 + 0.9)), T('2'), E('0.9', 0.9), C('5', (1 - 0.999) / (1 + 0.999) * 1e4),
                                         T('10', '-4', '2'), E('0.999', 0.999))),
        ('**Définition 5.11 (Polyak–Ruppert).**', lambda: ALL(T('5.11'), polyak())),
        ('$$\\tilde\\theta_t = \\tilde\\theta_{t-1} + \\frac{1}{t}', lambda: ALL(polyak(), E('1', 1))),
        ("c'est-à-dire une EMA de coefficient variable", lambda: ALL(polyak(), E('1', 1), E('1', 1), E('0', 1 - 1 / 1), C('1.0', pol[0]),
                                                                    C('1.0', pol[0]), C('0.2', th[1] - pol[0]), E('2', 2), C('1.1', pol[1]),
                                                                    C('1.1', pol[1]), C('0.4', th[2] - pol[1]), E('3', 3), C('1.2333', pol[2]),
                                                                    EV(['1.0', '1.2', '1.5'], th), E('3', 3))),
    ]

# ======================================================================= 11
@register('11_signsgd_lion_es.md', comma=True)
def f11():
    th = np.array([0.5, -1.0, 2.0]); m0 = np.array([0.1, 0.2, -0.05]); g = np.array([-0.5, 0.1, 0.3])
    eta, lam, b1, b2 = 0.01, 0.1, 0.9, 0.99
    def lion(theta, m, gg, lr, beta1, beta2, wd):
        c = beta1 * m + (1 - beta1) * gg
        return c, theta - lr * (np.sign(c) + wd * theta), beta2 * m + (1 - beta2) * gg
    c, thn, mn = lion(th, m0, g, eta, b1, b2, lam)
    def signsgd_props():
        ok = True
        for _ in range(5):
            d = int(RNG.integers(2, 9)); gg = rand(d); e = RNG.uniform(0.001, 0.1); t0 = rand(d)
            t1 = t0 - e * np.sign(gg)
            ok &= near(np.abs(t1 - t0), e * np.ones(d), 1e-12) and abs(np.linalg.norm(t1 - t0) - e * np.sqrt(d)) < 1e-12
            ok &= near(np.abs((t0 - e * np.sign(gg * 1000)) - t0), e * np.ones(d), 1e-12)
        return ok
    def adam_sign():
        ok = True
        for _ in range(5):
            gg = rand(5); r1 = adam(lambda t: gg, np.zeros(5), 0.3, 0.0, 0.0, 0.0, 1)[0]
            ok &= near(r1['mh'], gg, 1e-12) and near(r1['vh'], gg ** 2, 1e-12) and near(r1['upd'], 0.3 * np.sign(gg), 1e-12)
        return ok
    def code_ok():
        ns = {'np': np}; exec(_extract_code('11_signsgd_lion_es.md'), ns)
        ok = True
        for _ in range(5):
            t0, mm, gg = rand(4), rand(4), rand(4)
            a = ns['lion_step'](t0, mm, gg, lr=0.01, wd=0.1)
            _, tt, m2 = lion(t0, mm, gg, 0.01, 0.9, 0.99, 0.1)
            ok &= near(a[0], tt, 1e-15) and near(a[1], m2, 1e-15)
        return ok
    CODE = code_ok()
    return [
        ('# Tema 6 · Optimizadores', GIVEN, '*'),
        ('$$\\theta_{t} = \\theta_{t-1} - \\eta\\,\\operatorname{sign}(g_t).$$', GIVEN, '*'),
        ('Cada coordenada con $g_{t,i} \\neq 0$', lambda: ALL(E('0', 0), signsgd_props())),
        ('**Relación con Adam.**', lambda: ALL(E('0', 0), E('0', 0), adam_sign(), T('2'))),
        ('$$m_t = \\beta\\, m_{t-1} + (1-\\beta)\\, g_t, \\qquad', GIVEN, '*'),
        ('Lion salió de una búsqueda automática', GIVEN, '*'),
        ('\\begin{aligned}', GIVEN, '*'),
        ('c_t &= \\beta_1\\, m_{t-1}', GIVEN, '*'),
        ('\\theta_t &= \\theta_{t-1} - \\eta\\,\\big(', GIVEN, '*'),
        ('m_t &= \\beta_2\\, m_{t-1}', GIVEN, '*'),
        ('\\end{aligned}', GIVEN, '*'),
        ('Valores por defecto:', lambda: ALL(E('0.9', b1), E('0.99', b2))),
        ('def lion_step(theta, m, g, lr=1e-4', lambda: ALL(E('1e-4', 1e-4), E('0.9', 0.9), E('0.99', 0.99), E('0.0', 0.0), CODE)),
        ('c = beta1 * m + (1 - beta1) * g', lambda: ALL(E('1', 1), CODE)),
        ('m = beta2 * m + (1 - beta2) * g', lambda: ALL(E('1', 1), CODE)),
        ('Solo guarda **un** estado', GIVEN),
        ('## 6.4 Ejemplo numérico', lambda: ALL(T('6.4'), E('3', th.size))),
        ('Datos: $\\theta_{t-1}', lambda: ALL(EV(['0.5', '-1.0', '2.0'], th), EV(['0.1', '0.2', '-0.05'], m0), EV(['-0.5', '0.1', '0.3'], g),
                                              E('0.01', eta), E('0.1', lam), E('0.9', b1), E('0.99', b2))),
        ('1. Interpolación:', lambda: ALL(E('0.9', b1), EV(['0.1', '0.2', '-0.05'], m0), EV(['-0.5', '0.1', '0.3'], g), CV(['-0.41', '0.28', '0.255'], c))),
        ('2. Signo:', lambda: EV(['-1', '+1', '+1'], np.sign(c))),
        ('3. Decaimiento:', lambda: CV(['0.05', '-0.1', '0.2'], lam * th)),
        ('4. Parámetros:', lambda: ALL(E('0.01', eta), EV(['-1', '1', '1'], np.sign(c)), CV(['0.05', '-0.1', '0.2'], lam * th),
                                       CV(['-0.0095', '0.009', '0.012'], th - thn), CV(['0.5095', '-1.009', '1.988'], thn))),
        ('5. Momento:', lambda: ALL(E('0.99', b2), E('0.01', 1 - b2), CV(['0.094', '0.199', '-0.0465'], mn))),
        ('**Comentario.**', lambda: ALL(E('1', 1), E('3', 3), np.sign(c[0]) == np.sign(g[0]), np.sign(c[2]) == np.sign(g[2]), E('-0.5', g[0]), E('0.3', g[2]),
                                        np.all(np.sign(c) == np.sign(g)), EV(['-1', '+1', '+1'], np.sign(g)), T('3'), C('0.0173', eta * np.sqrt(3)))),
        ('**Ojo (práctica).**', lambda: ALL(E('3', 3), E('10', 10))),
    ]

# ======================================================================= 12
@register('12_newton_vs_gd_ru.md', comma=True)
def f12():
    f = lambda x: x ** 4 / 4 + x ** 2 / 2 - x
    d1 = lambda x: fd(f, x, 1e-5)
    d2 = lambda x: fd(d1, x, 1e-4)
    fp = lambda x: x ** 3 + x - 1
    fpp = lambda x: 3 * x ** 2 + 1
    assert all(abs(d1(x) - fp(x)) < 1e-7 and abs(d2(x) - fpp(x)) < 1e-5 for x in (-1.3, 0.2, 0.9))
    xs = [r.real for r in np.roots([1, 0, 1, -1]) if abs(r.imag) < 1e-9]; xst = xs[0]
    N = [0.0]
    for _ in range(4):
        N.append(N[-1] - d1(N[-1]) / d2(N[-1]))
    G = [0.0]
    for _ in range(3):
        G.append(G[-1] - 0.3 * d1(G[-1]))
    def model_min():
        ok = True
        for _ in range(5):
            x = rand(); p = rand(lo=-0.01, hi=0.01)
            m = lambda q: f(x) + d1(x) * q + 0.5 * d2(x) * q ** 2
            ok &= abs(m(p) - f(x + p)) < 1e-5
            pk = -d1(x) / d2(x); ok &= abs(fd(m, pk, 1e-4)) < 1e-6 and d2(x) > 0
        return ok
    def quad_one_step():
        ok = True
        for _ in range(5):
            a, b, x0 = RNG.uniform(0.1, 3), rand(), rand(lo=-10, hi=10)
            q = lambda x: a / 2 * x ** 2 + b * x
            x1 = x0 - fd(q, x0) / fd(lambda y: fd(q, y, 1e-4), x0, 1e-4)
            ok &= abs(x1 + b / a) < 1e-5
        return ok
    def quad_conv():
        ok = True
        for g_ in (lambda x: math.exp(x) - 2 * x, lambda x: x ** 4 / 4 + x ** 2 / 2 - x):
            xm = 0.6931471805599453 if g_(0.0) == 1.0 else xst
            g1 = lambda x: fd(g_, x, 1e-5); g2 = lambda x: fd(g1, x, 1e-4); g3 = lambda x: fd(g2, x, 1e-3)
            C3 = g3(xm) / (2 * g2(xm))
            for e0 in (1e-2, 5e-3):
                x = xm + e0; x1 = x - g1(x) / g2(x)
                ok &= abs((x1 - xm) / e0 ** 2 - C3) < 0.05 * abs(C3) + 0.02
        return ok
    err = lambda seq, k: abs(seq[k] - xst)
    return [
        ('**Постановка.** Минимизируем', lambda: E('0', 0)),
        ('$$x_{k+1} = x_k - \\eta\\, f\'(x_k).$$', GIVEN, '*'),
        ('**Откуда берётся шаг Ньютона.**', GIVEN),
        ('$$m_k(p) = f(x_k)', lambda: ALL(model_min(), T('1', '2', '2'))),
        ('Если $f\'\'(x_k) > 0$', lambda: ALL(E('0', 0), model_min(), E('0', 0))),
        ('$$p_k = -\\frac{f\'(x_k)}{f\'\'(x_k)}', model_min),
        ('- Ньютон $=$ ГС с «локальным» шагом', lambda: ALL(E('1', 1), all(abs((x - d1(x) / d2(x)) - (x - (1 / d2(x)) * d1(x))) < 1e-12 for x in rand(4)))),
        ('- Для квадратичной $f(x) = \\tfrac a2 x^2 + bx$', lambda: ALL(T('2'), E('0', 0), quad_one_step())),
        ('- Вблизи невырожденного минимума', lambda: ALL(quad_conv(), T('2', '2'))),
        ('**Пример.** $f(x) = \\tfrac14 x^4', lambda: ALL(T('1', '4', '4', '1', '2', '2'))),
        ("$$f'(x) = x^3 + x - 1, \\qquad f''(x) = x^2 + 1 > 0,$$",
         lambda: ALL(all(abs(d1(x) - (x ** 3 + x - 1)) < 1e-6 for x in rand(5)), T('3'), E('1', 1),
                     all(abs(d2(x) - (x ** 2 + 1)) < 1e-4 for x in rand(5)), T('2'), E('1', 1), E('0', 0))),
        ('то есть $f$ строго выпукла', lambda: ALL(all(d2(x) > 0 for x in np.linspace(-5, 5, 101)), T('3'), E('1', 1), E('0', 0), len(xs) == 1,
                                                   C('0.6823', xst), abs(d1(xst)) < 1e-6)),
        ('*Ньютон из $x_0 = 0$:*', lambda: E('0', N[0])),
        ('1. $f\'(0) = -1$', lambda: ALL(E('0', 0), C('-1', d1(0)), E('0', 0), C('1', d2(0)), E('0', 0), E('-1', -1), E('1', 1), C('1', N[1]))),
        ('2. $f\'(1) = 1$', lambda: ALL(E('1', N[1]), C('1', d1(N[1])), E('1', N[1]), C('2', d2(N[1])), E('1', N[1]), E('1', 1), E('2', 2), C('0.5', N[2]))),
        ('3. $f\'(0{,}5) = 0{,}125', lambda: ALL(C('0.5', N[2]), E('0.125', 0.5 ** 3), E('0.5', 0.5), E('1', 1), C('-0.375', d1(N[2])),
                                                  C('0.5', N[2]), C('1.25', d2(N[2])), E('0.5', 0.5), E('0.375', 0.375), E('1.25', 1.25), C('0.8', N[3]))),
        ('4. $f\'(0{,}8) = 0{,}512', lambda: ALL(C('0.8', N[3]), E('0.512', 0.8 ** 3), E('0.8', 0.8), E('1', 1), C('0.312', d1(N[3])),
                                                  C('0.8', N[3]), C('1.64', d2(N[3])), C('0.8', N[3]), C('0.1902', d1(N[3]) / d2(N[3])), C('0.6098', N[4]))),
        ('*ГС из $x_0 = 0$ с $\\eta = 0{,}3$:*', lambda: ALL(E('0', G[0]), E('0.3', 0.3))),
        ('1. $x_1 = 0 - 0{,}3\\cdot(-1)', lambda: ALL(E('0', G[0]), E('0.3', 0.3), C('-1', d1(0)), C('0.3', G[1]))),
        ('2. $f\'(0{,}3) = 0{,}027', lambda: ALL(C('0.3', G[1]), C('0.027', 0.3 ** 3), E('0.3', 0.3), E('1', 1), C('-0.673', d1(G[1])),
                                                  C('0.3', G[1]), C('0.2019', -0.3 * d1(G[1])), C('0.5019', G[2]))),
        ('3. $f\'(0{,}5019) \\approx -0{,}3717$', lambda: ALL(C('0.5019', G[2]), C('-0.3717', d1(G[2])), C('0.5019', G[2]), C('0.1115', -0.3 * d1(G[2])),
                                                                C('0.6134', G[3]))),
        ('Ошибки $|x_k - x^*|$:', GIVEN),
        ('| $k$ | 1 | 2 | 3 | 4 |', lambda: ALL(E('1', 1), E('2', 2), E('3', 3), E('4', 4))),
        ('| Ньютон | 0,3177', lambda: ALL(C('0.3177', err(N, 1)), C('0.1823', err(N, 2)), C('0.1177', err(N, 3)), C('0.0725', err(N, 4), 0.6823 - 0.6098))),
        ('| ГС, $\\eta = 0{,}3$ |', lambda: ALL(E('0.3', 0.3), C('0.3823', err(G, 1)), C('0.1804', err(G, 2)), C('0.0689', err(G, 3), 0.6823 - 0.6134))),
        ('**Вывод (мой).**', lambda: ALL(N[2] < xst < N[1] and N[2] < xst < N[3], E('1', N[1]), C('0.5', N[2]), C('0.8', N[3]), C('0.6098', N[4]),
                                         C('1.6', np.mean([err(N, k) / err(N, k + 1) for k in (1, 2, 3)])),
                                         err(N, 3) > err(G, 3),
                                         E('1', 1), E('0.3', 0.3), E('1', 1), E('0.3', 0.3), C('1.4656', d2(xst)),
                                         C('0.56', abs(1 - 0.3 * d2(xst))))),
    ]

# ======================================================================= 13
@register('13_armijo_backtracking_pt.md', comma=True)
def f13():
    A = np.diag([2.0, 20.0]); f = lambda v: v[0] ** 2 + 10 * v[1] ** 2
    x0 = np.array([1.0, 1.0]); g = grad(f, x0); d = -g; slope = g @ d; c, rho = 0.1, 0.5
    rhs = lambda t: f(x0) + c * t * slope
    trials = []; t = 1.0
    while True:
        ok = f(x0 + t * d) <= rhs(t); trials.append((t, x0 + t * d, f(x0 + t * d), rhs(t), ok))
        if ok: break
        t *= rho
    tstar = (g @ g) / (g @ A @ g); fstar = f(x0 - tstar * g)
    def small_t_holds():
        ok = True
        for _ in range(5):
            M, _, _ = rand_spd(3); q = lambda v: 0.5 * v @ M @ v + np.sin(v).sum() * 0.1; x = rand(3)
            gg = grad(q, x); dd = -gg + 0.3 * rand(3) * np.linalg.norm(gg)
            if gg @ dd >= 0: continue
            cc = RNG.uniform(0.01, 0.9)
            ok &= q(x + 1e-4 * dd) <= q(x) + cc * 1e-4 * (gg @ dd)
        return ok
    def lipschitz_bound():
        ok = True
        for _ in range(20):
            M, l, _ = rand_spd(3); q = lambda v: 0.5 * v @ M @ v; x = rand(3); gg = M @ x; L = l[-1]; cc = RNG.uniform(0.01, 0.9)
            for tt in np.linspace(1e-4, 2 * (1 - cc) / L, 15):
                ok &= q(x - tt * gg) <= q(x) - cc * tt * (gg @ gg) + 1e-12
        return ok
    def row(i, toks):
        t, xt, ft, r, acc = trials[i]
        return toks(t, xt, ft, r, acc)
    return [
        ('**Ideia:** em vez de fixar', lambda: ALL(E('0', 0))),
        ('**Condição de Armijo**', lambda: ALL(E('0', 0), E('1', 1))),
        ('$$f(x + t\\,d) \\le f(x) + c\\,t', GIVEN, '*'),
        ('O lado direito é a reta tangente', lambda: ALL(E('0', 0), small_t_holds())),
        ('**Algoritmo (backtracking):**', lambda: ALL(E('1', 1), E('0', 0), E('1', 1), E('0.5', rho), T('10', '-4'), E('0.1', c))),
        ('$f(x, y) = x^2 + 10y^2$', lambda: ALL(T('2'), E('10', 10), T('2'), EV(['1', '1'], x0))),
        ('- $f(x_0) = 1 + 10 = 11$', lambda: ALL(E('1', x0[0] ** 2), E('10', 10 * x0[1] ** 2), E('11', f(x0)))),
        ('- $\\nabla f = (2x,\\ 20y)$', lambda: ALL(all(near(grad(f, v), [2 * v[0], 20 * v[1]]) for v in rand(4, 2)), E('2', 2), E('20', 20),
                                                    CV(['2', '20'], g), CV(['-2', '-20'], d))),
        ('- $\\nabla f(x_0)^\\top d = -(4 + 400)', lambda: ALL(C('4', -g[0] * d[0]), C('400', -g[1] * d[1]), C('-404', slope))),
        ('- com $c = 0{,}1$, o lado direito', lambda: ALL(E('0.1', c), C('11', f(x0)), C('40.4', -c * slope))),
        ('| $t$ | $x_0 + t\\,d$ |', lambda: ALL(C('11', f(x0)), C('40.4', -c * slope))),
        ('| $1$ | $(-1;\\ -19)$', lambda: row(0, lambda t, xt, ft, r, a: ALL(E('1', t), CV(['-1', '-19'], xt), C('1', xt[0] ** 2), C('3610', 10 * xt[1] ** 2),
                                                                                 C('3611', ft), C('-29.4', r), not a))),
        ('| $0{,}5$ | $(0;\\ -9)$', lambda: row(1, lambda t, xt, ft, r, a: ALL(E('0.5', t), CV(['0', '-9'], xt), C('0', xt[0] ** 2), C('810', 10 * xt[1] ** 2),
                                                                                 C('810', ft), C('-9.2', r), not a))),
        ('| $0{,}25$ | $(0{,}5;\\ -4)$', lambda: row(2, lambda t, xt, ft, r, a: ALL(E('0.25', t), CV(['0.5', '-4'], xt), C('0.25', xt[0] ** 2), C('160', 10 * xt[1] ** 2),
                                                                                      C('160.25', ft), C('0.9', r), not a))),
        ('| $0{,}125$ | $(0{,}75;\\ -1{,}5)$', lambda: row(3, lambda t, xt, ft, r, a: ALL(E('0.125', t), CV(['0.75', '-1.5'], xt), C('0.5625', xt[0] ** 2),
                                                                                            C('22.5', 10 * xt[1] ** 2), C('23.0625', ft), C('5.95', r), not a))),
        ('| $0{,}0625$ | $(0{,}875;\\ -0{,}25)$', lambda: row(4, lambda t, xt, ft, r, a: ALL(E('0.0625', t), CV(['0.875', '-0.25'], xt), C('0.765625', xt[0] ** 2),
                                                                                              C('0.625', 10 * xt[1] ** 2), C('1.390625', ft), C('8.475', r), a,
                                                                                              len(trials) == 5))),
        ('Aceita $t = 0{,}0625$ depois de 4 reduções', lambda: ALL(E('0.0625', trials[-1][0]), E('4', len(trials) - 1), CV(['0.875', '-0.25'], trials[-1][1]),
                                                                 C('1.3906', trials[-1][2]), C('11', f(x0)), C('1.39', trials[-1][2]),
                                                                 C('87', 100 * (1 - trials[-1][2] / f(x0))))),
        ('**Comparando com a busca exata.**', lambda: ALL(T('1', '2'), EV(['2', '20'], np.diag(A)), all(abs(0.5 * v @ A @ v - f(v)) < 1e-12 for v in rand(3, 2)))),
        ('$$t^* = \\frac{g^\\top g}{g^\\top A g}', lambda: ALL(abs(fd(lambda s: f(x0 - s * g), tstar)) < 1e-6, C('404', g @ g), E('2', 2), E('4', 4), E('20', 20),
                                                             E('400', 400), abs(2 * 4 + 20 * 400 - g @ A @ g) < 1e-6, C('404', g @ g), C('8008', g @ A @ g),
                                                             C('0.0504', tstar))),
        ('com $f(x_0 - t^* g) = f(x_0)', lambda: ALL(T('2', '2'), C('11', f(x0)), C('163216', (g @ g) ** 2), C('16016', 2 * g @ A @ g), C('0.8092', fstar),
                                                    abs(fstar - (f(x0) - (g @ g) ** 2 / (2 * g @ A @ g))) < 1e-9, trials[-1][0] > tstar,
                                                    C('1.39', trials[-1][2]), C('0.81', fstar))),
        ('**Obs. (garantia):**', lambda: ALL(lipschitz_bound(), E('2', 2), E('1', 1), C('20', np.max(np.linalg.eigvalsh(A))), E('2', 2), C('0.9', 1 - c),
                                            E('20', 20), C('0.09', 2 * (1 - c) / 20), E('0.09', 0.09), C('0.045', rho * 0.09), E('0.125', 0.125),
                                            E('0.09', 0.09), E('0.0625', 0.0625), E('0.09', 0.09), 0.0625 <= 0.09 < 0.125, trials[-1][0] >= 0.045)),
        ('**Não confundir:**', lambda: ALL(E('1', 1),
                                           f(x0 + 1e-6 * d) <= rhs(1e-6),                      # tiny step passes Armijo ...
                                           not (grad(f, x0 + 1e-6 * d) @ d >= 0.9 * slope))),  # ... but fails the curvature condition
    ]

# ======================================================================= 14
@register('14_momentum_d2l.md')
def f14():
    eta, beta = 0.6, 0.5; lam = np.array([0.2, 4.0])
    x, v, hist = np.array([-5.0, -2.0]), np.zeros(2), []
    for _ in range(2):
        g = lam * x; v = beta * v + g; x = x - eta * v; hist.append((g, v.copy(), x.copy()))
    (g0, v1, x1), (g1, v2, x2) = hist
    def d2l_mom(gf, x0, e, b, steps):
        xx, vv, out = np.array(x0, float), np.zeros_like(np.array(x0, float)), [np.array(x0, float)]
        for _ in range(steps):
            vv = b * vv + gf(xx); xx = xx - e * vv; out.append(xx.copy())
        return out
    def expansion():
        ok = True
        for _ in range(4):
            b = RNG.uniform(0, 0.99); gs = rand(7, 3); vv = np.zeros(3); vs = []
            for gg in gs:
                vv = b * vv + gg; vs.append(vv.copy())
            for t in range(2, 8):
                ok &= near(vs[t - 1], b ** 2 * vs[t - 3] + b * gs[t - 2] + gs[t - 1] if t >= 3 else b * vs[t - 2] + gs[t - 1], 1e-12)
                ok &= near(vs[t - 1], sum(b ** tau * gs[t - 1 - tau] for tau in range(t)), 1e-12)
        return ok
    def steady():
        ok = True
        for b in (0.5, 0.9):
            gg = rand(3); vv = np.zeros(3)
            for _ in range(400):
                vv = b * vv + gg
            ok &= near(vv, gg / (1 - b), 1e-9) and abs(sum(b ** t for t in range(2000)) - 1 / (1 - b)) < 1e-9
        return ok
    def recursion():
        ok = True
        for _ in range(5):
            l, e, b = RNG.uniform(0.1, 5), RNG.uniform(0.01, 0.5), RNG.uniform(0, 0.95)
            xs = d2l_mom(lambda z: l * z, [rand()], e, b, 8)
            for t in range(1, 8):
                ok &= abs(xs[t + 1][0] - ((1 + b - e * l) * xs[t][0] - b * xs[t - 1][0])) < 1e-12
        return ok
    def region():
        ok = True
        for _ in range(300):
            b, x_ = RNG.uniform(0, 0.99), RNG.uniform(-1, 5)
            if min(abs(x_), abs(x_ - 2 - 2 * b)) < 1e-3: continue
            ok &= (max(abs(np.roots([1, -(1 + b - x_), b]))) < 1) == (0 < x_ < 2 + 2 * b)
        return ok
    roots = {l: np.roots([1, -(1 + beta - eta * l), beta]) for l in (4.0, 0.2)}
    def code_ok():
        src = _extract_code('14_momentum_d2l.md'); ns = {}
        exec(src.split('eta, beta =')[0], ns); ns['eta'], ns['beta'] = eta, beta
        a = (-5.0, -2.0, 0.0, 0.0); xs = d2l_mom(lambda z: lam * z, [-5.0, -2.0], eta, beta, 5)
        ok = True
        for k in range(5):
            a = ns['momentum_2d'](*a); ok &= near([a[0], a[1]], xs[k + 1], 1e-12)
        return ok
    rate = max(abs(roots[4.0]).max(), abs(roots[0.2]).max())
    return [
        ('$$\\mathbf{v}_t = \\beta \\mathbf{v}_{t-1} + \\mathbf{g}_{t, t-1}', GIVEN, '*'),
        ('for some $\\beta \\in (0, 1)$', lambda: ALL(E('0', 0), E('1', 1))),
        ('$$\\mathbf{v}_t = \\beta^2 \\mathbf{v}_{t-2}', lambda: ALL(expansion(), T('2', '1'))),
        ('Large $\\beta$ amounts to a long-range average.', lambda: ALL(steady(), E('1', 1), E('1', 1), E('2', 1 / (1 - 0.5)), E('0.5', 0.5),
                                                                        C('10', 1 / (1 - 0.9)), E('0.9', 0.9), E('1', 1), E('1', 1))),
        ('Consider $f(\\mathbf{x}) = 0.1 x_1^2', lambda: ALL(E('0.1', 0.1), T('2'), E('2', 2), T('2'),
                                                            all(near(grad(lambda z: 0.1 * z[0] ** 2 + 2 * z[1] ** 2, p), lam * p) for p in rand(4, 2)),
                                                            E('0.2', lam[0]), E('4', lam[1]), E('1', 1), E('0.2', lam[0]), E('1', 1), E('4', lam[1]),
                                                            E('0.4', 0.4), C('0.92', 1 - 0.4 * lam[0]), C('-0.6', 1 - 0.4 * lam[1]), E('0.6', 0.6),
                                                            E('1', 1), C('2.4', 0.6 * lam[1]), C('-1.4', 1 - 0.6 * lam[1]),
                                                            abs(d2l_mom(lambda z: lam * z, [-5.0, -2.0], 0.6, 0.0, 30)[-1][1]) > 1e3)),
        ('Momentum with the same $\\eta = 0.6$', lambda: ALL(E('0.6', eta), E('0.5', beta), E('-5', -5), E('-2', -2), T('0'))),
        ('* step 1: $\\mathbf{g} = (-1, -8)$', lambda: ALL(E('1', 1), CV(['-1', '-8'], g0), CV(['-1', '-8'], v1), E('-5', -5), C('0.6', -eta * v1[0]),
                                                           E('-2', -2), C('4.8', -eta * v1[1]), CV(['-4.4', '2.8'], x1))),
        ('* step 2: $\\mathbf{g} = (-0.88, 11.2)$', lambda: ALL(E('2', 2), CV(['-0.88', '11.2'], g1), C('-0.5', beta * v1[0]), C('0.88', -g1[0]),
                                                               C('-4', beta * v1[1]), C('11.2', g1[1]), CV(['-1.38', '7.2'], v2), C('-4.4', x1[0]),
                                                               C('0.828', -eta * v2[0]), C('2.8', x1[1]), C('4.32', eta * v2[1]), CV(['-3.572', '-1.52'], x2))),
        ('v1 = beta * v1 + 0.2 * x1', lambda: ALL(E('0.2', lam[0]), code_ok())),
        ('v2 = beta * v2 + 4 * x2', lambda: ALL(E('4', lam[1]), code_ok())),
        ('eta, beta = 0.6, 0.5', lambda: ALL(E('0.6', eta), E('0.5', beta))),
        ('Since the problem decouples by coordinate', lambda: ALL(T('2', '2'), recursion())),
        ('$$x_{t+1} = (1 + \\beta - \\eta\\lambda)\\, x_t', lambda: ALL(recursion(), E('1', 1))),
        ('with characteristic polynomial $z^2', lambda: ALL(T('2'), E('1', 1), region(), E('0', 0), E('2', 2), E('2', 2), E('0', 0), E('2', 2),
                                                            C('2.4', eta * lam[1]), E('3', 2 + 2 * beta), C('0.12', eta * lam[0]),
                                                            all(abs(z) < 1 for r in roots.values() for z in r))),
        ('For $x_2$ the polynomial is $z^2 + 0.9z + 0.5$', lambda: ALL(T('2'), C('0.9', -(1 + beta - eta * lam[1])), E('0.5', beta),
                                                                      C('0.81', (1 + beta - eta * lam[1]) ** 2), C('2', 4 * beta), E('0', 0),
                                                                      T('2'), C('1.38', 1 + beta - eta * lam[0]), E('0.5', beta),
                                                                      C('1.9044', (1 + beta - eta * lam[0]) ** 2), C('2', 4 * beta), E('0', 0))),
        ('In both cases the roots are a complex-conjugate pair', lambda: ALL(all(np.all(np.abs(r.imag) > 1e-3) for r in roots.values()),
                                                                            all(abs(np.prod(r) - beta) < 1e-12 for r in roots.values()),
                                                                            abs(abs(roots[4.0][0]) - abs(roots[0.2][0])) < 1e-12, C('0.5', abs(roots[4.0][0])))),
        ('Thus momentum contracts *both* directions', lambda: ALL(C('0.5', rate), E('0.4', 0.4), C('0.92', 1 - 0.4 * lam[0]), E('20', 20),
                                                                 C('0.5', rate), E('20', 20), C('9.5', rate ** 20 * 1e7), T('10', '-7'),
                                                                 E('0.92', 0.92), E('20', 20), C('0.19', 0.92 ** 20))),
        ('1. Show that with $\\beta = 0$', lambda: ALL(E('0', 0), E('1', 1),
                                                      all(abs(d2l_mom(lambda z: l * z, [1.0], e, 0.0, 1)[1][0] - (1 - e * l)) < 1e-12
                                                          for l, e in zip(rand(4, lo=0.1, hi=3), rand(4, lo=0.01, hi=0.5))))),
        ('2. What happens for $\\eta\\lambda > 2 + 2\\beta$?', lambda: ALL(E('2', 2), E('2', 2), E('0.8', 0.8), E('0.5', 0.5), 0.8 * lam[1] > 2 + 2 * 0.5,
                                                                         abs(d2l_mom(lambda z: lam * z, [-5.0, -2.0], 0.8, 0.5, 60)[-1][1]) > 1e3)),
    ]

# ======================================================================= 15
@register('15_lsq_gd_homework.md')
def f15():
    X = np.array([[1.0, 2], [1, 0], [1, -1]]); y = np.array([3.0, 1, 0]); N = 3
    L = lambda w: np.sum((X @ w - y) ** 2) / N
    w0 = np.zeros(2); g0 = grad(L, w0); w1 = w0 - 0.1 * g0
    H = np.array([[grad(lambda w: grad(L, w, 1e-4)[i], np.zeros(2), 1e-3)[j] for j in range(2)] for i in range(2)])
    eH = np.linalg.eigvalsh(H); eXX = np.linalg.eigvalsh(X.T @ X)
    ws = np.linalg.solve(X.T @ X, X.T @ y)
    def grad_formula():
        ok = True
        for _ in range(5):
            Xr, yr, w = rand(4, 3), rand(4), rand(3)
            Lr = lambda v: np.sum((Xr @ v - yr) ** 2) / 4
            ok &= near(grad(Lr, w), (1 / 4) * Xr.T @ (Xr @ w - yr)) and (Xr.T @ (Xr @ w - yr)).shape == (3,)
        return ok
    def jac_r():
        w = rand(2); return near(np.stack([grad(lambda v: (X @ v - y)[i], w) for i in range(3)]), X)
    def stable():
        ok = True
        for e in np.linspace(0.01, 1.2, 60):
            w = np.array([5.0, -3.0])
            for _ in range(400):
                w = w - e * grad(L, w)
            conv = np.linalg.norm(w - ws) < 1e-3
            if abs(e - 2 / eH.max()) > 0.02:
                ok &= conv == (e < 2 / eH.max())
        return ok
    Xw1 = X @ w1; r1 = Xw1 - y; r0 = X @ w0 - y
    return [
        ('**HW 3 — Problem 2**', lambda: ALL(T('3'), E('2', 2))),
        ('Given: $X = \\begin{bmatrix}', lambda: ALL(EV(['1', '2', '1', '0', '1', '-1'], X), E('3', X.shape[0]), EV(['3', '1', '0'], y))),
        ('$L(w) = \\frac1N \\|Xw - y\\|^2$', lambda: ALL(T('2'), E('2', w0.size))),
        ('let $r = Xw - y$', lambda: ALL(E('3', 3), E('1', 1), jac_r())),
        ('$$\\nabla L(w) = \\frac{1}{N} X^T (Xw - y)', lambda: ALL(grad_formula(), E('1', 1), E('2', g0.size), E('1', 1), E('2', X.T.shape[0]), E('3', X.T.shape[1]),
                                                                E('3', X.shape[0]), E('1', 1))),
        ('**(b) gradient at** $w_0 = 0$', lambda: E('0', 0)),
        ('- $r_0 = -y = (-3, -1, 0)^T$', lambda: EV(['-3', '-1', '0'], X @ w0 - y)),
        ('- $X^T r_0 = (-3 - 1 + 0', lambda: ALL(E('-3', X[0, 0] * r0[0]), E('1', -(X[1, 0] * r0[1])), E('0', X[2, 0] * r0[2]), EV(['-6', '0', '0'], X[:, 1] * r0),
                                                  EV(['-4', '-6'], X.T @ (X @ w0 - y)))),
        ('- $\\nabla L(w_0) = \\frac13(-4, -6)^T', lambda: ALL(T('1', '3'), EV(['-4', '-6'], X.T @ (X @ w0 - y)), CV(['-1.333', '-2'], g0))),
        ('- $L(w_0) = \\frac13(9 + 1 + 0) = 3.333$', lambda: ALL(T('1', '3'), EV(['9', '1', '0'], y ** 2), C('3.333', L(w0)))),
        ('**(c) one GD step,**', lambda: E('0.1', 0.1)),
        ('$w_1 = w_0 - \\eta \\nabla L(w_0) = (0.1333, 0.2)^T$', lambda: CV(['0.1333', '0.2'], w1)),
        ('$Xw_1 = (0.1333 + 0.4', lambda: ALL(C('0.1333', w1[0]), C('0.4', 2 * w1[1]), C('0.1333', w1[0]), C('0.1333', w1[0]), C('0.2', w1[1]),
                                               CV(['0.5333', '0.1333', '-0.0667'], Xw1))),
        ('$r_1 = (-2.4667, -0.8667, -0.0667)$', lambda: ALL(CV(['-2.4667', '-0.8667', '-0.0667'], r1), T('2'), CV(['6.084', '0.751', '0.004'], r1 ** 2),
                                                             C('6.84', r1 @ r1))),
        ('⇒ $L(w_1) = 6.84/3 = 2.28$', lambda: ALL(C('6.84', r1 @ r1), E('3', N), C('2.28', L(w1)), C('3.333', L(w0)), L(w1) < L(w0))),
        ('**(d) largest stable η**', GIVEN),
        ('$L$ quadratic → Hessian constant', lambda: ALL(near(H, (1 / N) * X.T @ X, 1e-4), EV(['3', '1', '1', '5'], X.T @ X))),
        ('eigs of $X^TX$: $\\lambda^2 - 8\\lambda + 14 = 0$', lambda: ALL(T('2'), near(np.poly(X.T @ X), [1, -8, 14]), E('8', 8), E('14', 14), E('0', 0),
                                                                         E('4', 4), near(eXX, [4 - np.sqrt(2), 4 + np.sqrt(2)]),
                                                                         CV(['2.586', '5.414'], eXX))),
        ('eigs of $H$: $0.862,\\ 1.805$', lambda: CV(['0.862', '1.805'], eH)),
        ('GD on a quadratic converges iff', lambda: ALL(E('0', 0), E('2', 2), E('2', 2), C('1.805', eH.max()), C('1.108', 2 / eH.max()), stable())),
        ('(so $\\eta = 0.1$ is very safe', lambda: ALL(E('0.1', 0.1), 0.1 < 2 / eH.max(), E('1', 1), E('0.1', 0.1), C('0.862', eH.min()),
                                                      C('0.914', 1 - 0.1 * eH.min()))),
        ('$\\nabla L = 0$ ⇔ $X^TXw = X^Ty$', lambda: ALL(E('0', 0), near(grad(L, ws), [0, 0]), EV(['4', '6'], X.T @ y))),
        ('$w^* = (X^TX)^{-1}X^Ty', lambda: ALL(T('-1'), E('1', 1), E('14', np.linalg.det(X.T @ X)),
                                               EV(['5', '-1', '-1', '3'], np.round(np.linalg.inv(X.T @ X) * 14, 12)), EV(['4', '6'], X.T @ y),
                                               E('1', 1), E('14', 14), EV(['14', '14'], np.round(14 * np.linalg.inv(X.T @ X) @ X.T @ y, 12)),
                                               EV(['1', '1'], np.round(ws, 12)))),
        ('check: $Xw^* = (3, 1, 0)^T = y$', lambda: ALL(EV(['3', '1', '0'], np.round(X @ ws, 12)), E('0', L(ws) if L(ws) > 1e-20 else 0), E('3', 3), E('2', 2))),
    ]

# ======================================================================= 16
@register('16_heavy_ball_esame_it.md', comma=True)
def f16():
    lam = np.array([1.0, 9.0]); mu, L = lam.min(), lam.max(); kap = L / mu
    A = np.diag(lam)
    rho_gd = lambda e: max(abs(1 - e * lam))
    eta_s = 2 / (mu + L)
    a_s = 4 / (np.sqrt(L) + np.sqrt(mu)) ** 2; b_s = ((np.sqrt(kap) - 1) / (np.sqrt(kap) + 1)) ** 2
    def hb_matrix(a, b):
        n = len(lam); I = np.eye(n)
        return np.block([[(1 + b) * I - a * A, -b * I], [I, np.zeros((n, n))]])
    rho_hb = specrad(hb_matrix(a_s, b_s))
    def gd_opt():
        grid = np.linspace(0.001, 2 / L, 20001); r = [rho_gd(e) for e in grid]
        return abs(grid[int(np.argmin(r))] - eta_s) < 1e-3 and abs(min(r) - (kap - 1) / (kap + 1)) < 1e-4
    def hb_opt():
        best = min((specrad(hb_matrix(a, b)), a, b) for a in np.linspace(0.15, 0.35, 81) for b in np.linspace(0.1, 0.5, 81))
        return abs(best[0] - 0.5) < 0.02 and abs(best[1] - a_s) < 0.02 and abs(best[2] - b_s) < 0.03
    def err_rec():
        ok = True
        for _ in range(3):
            a, b = RNG.uniform(0.05, 0.3), RNG.uniform(0, 0.9); x = [rand(2), rand(2)]
            for k in range(6):
                x.append(x[-1] - a * A @ x[-1] + b * (x[-1] - x[-2]))
            for k in range(1, 7):
                ok &= near(x[k + 1], (1 + b - a * lam) * x[k] - b * x[k - 1], 1e-12)
            for l in lam:
                M = np.array([[1 + b - a * l, -b], [1, 0]]); ok &= near(np.poly(M), [1, -(1 + b - a * l), b])
        return ok
    p1 = [1, -(1 + b_s - a_s * 1), b_s]; p9 = [1, -(1 + b_s - a_s * 9), b_s]
    def jordan():
        x = [np.array([1.0, 1.0]), np.array([1.0, 1.0])]
        for k in range(200):
            x.append(x[-1] - a_s * A @ x[-1] + b_s * (x[-1] - x[-2]))
        e = np.array([np.linalg.norm(v) for v in x[100:200]]); ks = np.arange(100, 200)
        ratio = e / (ks * 0.5 ** ks)
        return ratio.max() / ratio.min() < 1.1 and abs(e[-1] / e[-2] - 0.5) < 0.01
    return [
        ('**Testo.** Sia $f(x) = \\tfrac12', lambda: ALL(T('1', '2'), EV(['1', '9'], lam), E('1', mu), E('9', L), E('9', kap))),
        ('(a) Passo ottimo e tasso', lambda: ALL(T('10', '-6'))),
        ('(b) Stessa domanda per il metodo heavy-ball', GIVEN, '*'),
        ('**Soluzione (a)** [2 punti].', lambda: ALL(E('2', 2), E('1', 1), all(abs(rho_gd(e) - specrad(np.eye(2) - e * A)) < 1e-12 for e in (0.05, 0.2, 0.21)))),
        ('$$\\eta^* = \\frac{2}{\\mu + L}', lambda: ALL(gd_opt(), E('2', 2), E('2', 2), E('10', mu + L), C('0.2', eta_s), E('1', 1), E('1', 1),
                                                      E('8', kap - 1), E('10', kap + 1), C('0.8', rho_gd(eta_s)))),
        ("Stimando l'errore con $\\rho^k$", lambda: ALL(T('10', '6'), E('1', 1), C('0.8', rho_gd(eta_s)), C('13.8155', math.log(1e6)), C('0.2231', math.log(1 / 0.8)),
                                                        C('61.9', math.log(1e6) / math.log(1 / 0.8), 13.8155 / 0.2231),
                                                        E('62', math.ceil(math.log(1e6) / math.log(1 / rho_gd(eta_s)))))),
        ('**Soluzione (b)** [3 punti].', lambda: E('3', 3)),
        ('$$\\alpha^* = \\frac{4}{(\\sqrt L + \\sqrt\\mu)^2}', lambda: ALL(hb_opt(), E('4', 4), T('2'), E('4', 4), E('3', np.sqrt(L)), E('1', np.sqrt(mu)), T('2'),
                                                                        C('0.25', a_s), E('1', 1), E('1', 1), T('2'), E('2', np.sqrt(kap) - 1),
                                                                        E('4', np.sqrt(kap) + 1), T('2'), C('0.25', b_s))),
        ('e il tasso è $\\rho_{\\text{HB}}', lambda: ALL(abs(rho_hb - np.sqrt(b_s)) < 1e-6, E('1', 1), E('1', 1), C('0.5', rho_hb),
                                                        C('13.8155', math.log(1e6)), T('2'), C('13.8155', math.log(1e6)), C('0.6931', math.log(2)),
                                                        C('19.93', math.log(1e6) / math.log(2), 13.8155 / 0.6931), E('20', math.ceil(math.log(1e6) / math.log(1 / 0.5))),
                                                        C('3', 62 / 20), E('3', np.sqrt(kap)))),
        ("**Soluzione (c)** [3 punti].", lambda: E('3', 3)),
        ('$$e_{k+1} = (1 + \\beta - \\alpha\\lambda)', lambda: ALL(err_rec(), E('1', 1), T('2'), E('1', 1))),
        ('Con $\\alpha = \\beta = 0{,}25$:', lambda: ALL(abs(a_s - b_s) < 1e-12, C('0.25', a_s))),
        ('- $\\lambda = 1$: $p_1(z)', lambda: ALL(E('1', 1), T('2'), C('1.25', 1 + b_s), C('0.25', a_s * 1), C('0.25', b_s), T('2'), C('0.25', b_s),
                                                 near(p1, [1, -1, 0.25]), near(np.poly([0.5, 0.5]), p1), C('0.5', 0.5), T('2'))),
        ('- $\\lambda = 9$: $p_9(z)', lambda: ALL(E('9', 9), T('2'), C('1.25', 1 + b_s), C('2.25', a_s * 9), C('0.25', b_s), T('2'), C('0.25', b_s),
                                                 near(p9, [1, 1, 0.25]), near(np.poly([-0.5, -0.5]), p9), C('0.5', 0.5), T('2'))),
        ('Entrambe le radici (doppie) hanno modulo', lambda: ALL(C('0.5', max(abs(np.roots(p1)))), C('0.5', rho_hb), jordan(), C('0.5', 0.5))),
        ('- Usare $\\eta = 1/L \\approx 0{,}111$', lambda: ALL(E('1', 1), C('0.111', 1 / L), E('1', 1), E('1', 1), E('9', 9), E('0', abs(1 - L / L)),
                                                              E('8', 8), E('9', 9), C('0.889', rho_gd(1 / L)), C('13.8155', math.log(1e6)), E('9', 9), E('8', 8),
                                                              C('13.8155', math.log(1e6)), C('0.1178', math.log(9 / 8)),
                                                              C('117.3', math.log(1e6) / math.log(1 / rho_gd(1 / L)), 13.8155 / 0.1178),
                                                              E('118', math.ceil(math.log(1e6) / math.log(1 / rho_gd(1 / L)))), T('-1'))),
        ('- Confondere il modulo delle radici', lambda: ALL(abs(np.prod(np.roots(p1)) - b_s) < 1e-9, C('0.25', b_s), C('0.5', np.sqrt(b_s)),
                                                            abs(max(abs(np.roots(p9))) - np.sqrt(b_s)) < 1e-6, T('-2'))),
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
        s = re.sub(r'(?<=\d)[ \u00a0\u202f]+(?=\d{3}(?!\d))', '', s)      # 50 000
        s = re.sub(r'(?<=\d)\\,(?=\d{3}(?!\d))', '', s)                   # 50\,000
    else:
        s = s.replace('{,}', '')
        s = re.sub(r'(?<=\d),(?=\d{3}(?!\d))', '', s)                     # 1,281,167
    out, i = [], 0
    while i < len(s):
        ch = s[i]
        if ch == '_' and not re.match(r'_[A-Za-z]*\(', s[i:]):            # subscripts are labels
            i = _skip_group(s, i + 1); continue
        if ch == '^' and re.match(r'\^\{?\(\d+\)', s[i:]):                # step labels ^{(1)}
            i = _skip_group(s, i + 1); continue
        out.append(ch); i += 1
    return ''.join(out)

def line_tokens(line, comma):
    s = re.sub(r'^\s*(>\s*)+', '', line)
    s = re.sub(r'^\s*\d+\.\s', '', s)                                     # list enumerator
    s = re.sub(r'^\s*#+\s*\d+\.\s', '', s)                                # numbered heading
    return re.findall(r'(?<![A-Za-z0-9_.)\]}])-?(?<![A-Za-z0-9_.])[0-9]+(?:\.[0-9]+)?', normalise(s, comma))

def lit_tokens(shown):
    s = shown.strip().replace('−', '-').replace(',', '.').lstrip('+')
    m = re.fullmatch(r'(-?[0-9.]+)e([+-]?\d+)', s)
    if m:
        return [m.group(1), m.group(2).lstrip('+-')]
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
MATH_CHARS = set('$∂∑σ′∇√‖⊙∈≤≥←→≈×·ε∞ηβλθ∘')
def math_lines(lines):
    out, in_code = set(), False
    for i, ln in enumerate(lines, 1):
        s = re.sub(r'^\s*(>\s*)+', '', ln.strip())
        if s.startswith('```'):
            in_code = not in_code; continue
        if ln.strip().startswith('<!--') or not s or s in ('$$', '\\[', '\\]'):
            continue
        if in_code:
            if re.search(r'[=<>]', s) and re.search(r'[0-9]', s):
                out.add(i)
            continue
        if ('`' in s or '\\(' in s or any(ch in MATH_CHARS for ch in s)
                or re.search(r'\\[A-Za-z]', s)
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
        print(f'{name:40s} lines={n:2d} first_false={ff!s:4s} expected={exp!s:4s} {"OK" if ok else "MISMATCH"}')
        for p in probs:
            print('    !', p)
    n_err = sum(v is not None for v in expected.values())
    if n_err != 8:
        print(f'expected.json should have 8 planted errors, has {n_err}')
        all_ok = False
    print('ALL OK' if all_ok else 'NOT OK')
    if not all_ok:
        sys.exit(1)
    return 0

if __name__ == '__main__':
    sys.exit(main())
