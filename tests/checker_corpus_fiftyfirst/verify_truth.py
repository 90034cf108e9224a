#!/usr/bin/env python3
"""Independent NumPy check of corpus51.

Each file has a builder returning an ordered list of entries
    (unique substring of one line, predicate[, planted_consistency])
Every line that contains math must be covered by an entry.  Given data and
definitions get GIVEN; every claim is recomputed: finite differences for
derivatives (at the given point or random points/shapes), exact recomputation
of worked numbers at the precision shown (accepting the exact value or the
value recomputed from the rounded numbers carried from earlier lines), window
enumeration for sizes, Monte Carlo for expectations.

The first line whose predicate is False must equal expected.json.  For a
planted line, the optional third element checks that the shown wrong value is
what the author computed (so later lines can be checked against it).
Accounting: every value a predicate verifies must be printed on its line, and
every decimal number printed on a checked line (and every integer printed right
after '= ') must be matched, with multiplicity, by a verified value; otherwise
the line counts as false.  Data lines declared with DATA are accounted too.
Run with -v to see every line's verdict.
"""
import json, math, os, re, sys
import numpy as np

VERBOSE = '-v' in sys.argv
D = os.path.dirname(os.path.abspath(__file__))
RNG = np.random.default_rng(51)

# ------------------------------------------------------------------ helpers
_LITS = []
_FAILS = []
GIVEN_MARK = object()

def GIVEN():
    return GIVEN_MARK

def _tol(s):
    m = re.fullmatch(r'[+-]?(\d+)(?:\.(\d+))?', s)
    assert m, f'bad number {s!r}'
    if m.group(2) is None:          # integers are claimed exactly
        return float(s), None
    return float(s), 0.5 * 10.0 ** (-len(m.group(2))) * (1 + 1e-9) + 1e-15

def C(shown, *cands):
    """shown (as printed) is right to its printed digits for at least one
    candidate (exact value, or value recomputed from carried rounded numbers).
    A printed integer must be exact."""
    _LITS.append(shown)
    v, t = _tol(shown)
    for c in cands:
        c = float(c)
        if t is None:
            if abs(v - c) <= 1e-9 * max(1.0, abs(c)):
                return True
        elif abs(v - c) <= t:
            return True
    _FAILS.append((shown, [float(c) for c in cands]))
    return False

def CV(shown, *arrays):
    arrays = [np.ravel(np.asarray(a, dtype=float)) for a in arrays]
    ok = True
    for a in arrays:
        if a.size != len(shown):
            _LITS.extend(shown)
            return False
    for i, s in enumerate(shown):
        ok &= C(s, *[a[i] for a in arrays])
    return ok

def DATA(shown, values):
    """a line of given data: the printed numbers are the ones the check uses."""
    return GIVEN_MARK if CV(shown, values) else False

def ALL(*conds):
    return all(bool(c) for c in conds)

def fd(f, x, h=1e-6):
    return (f(x + h) - f(x - h)) / (2 * h)

def ngrad(f, x, h=1e-6):
    x = np.array(x, dtype=float)
    g = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        e = np.zeros_like(x); e[idx] = h
        g[idx] = (f(x + e) - f(x - e)) / (2 * h)
    return g

def jac(f, x, h=1e-6):
    x = np.array(x, dtype=float)
    cols = []
    for i in range(x.size):
        e = np.zeros_like(x); e.flat[i] = h
        cols.append((np.asarray(f(x + e)) - np.asarray(f(x - e))).ravel() / (2 * h))
    return np.stack(cols, axis=1)

def near(a, b, tol=1e-6):
    a = np.asarray(a, float); b = np.asarray(b, float)
    if b.ndim == 0:
        b = np.broadcast_to(b, a.shape)
    return a.shape == b.shape and np.allclose(a, b, atol=tol, rtol=0)

sig = lambda z: 1 / (1 + np.exp(-np.asarray(z, float)))
def softmax(z, axis=-1):
    z = np.asarray(z, float)
    e = np.exp(z - z.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)

def A(*x):
    return np.array(x, dtype=float)

FILES = {}
def register(name):
    def deco(fn):
        FILES[name] = fn
        return fn
    return deco

def R(x, d=4):
    return np.round(np.asarray(x, float), d)

# ======================================================================= 01
def _nielsen_random():
    """random 3-layer sigmoid net, quadratic cost; returns dict of checks."""
    sizes = [3, 4, 2]
    ws = {l: RNG.normal(size=(sizes[l - 1], sizes[l - 2])) for l in (2, 3)}
    bs = {l: RNG.normal(size=sizes[l - 1]) for l in (2, 3)}
    x = RNG.normal(size=3); y = RNG.uniform(size=2)
    def forward(ws, bs, inject=None):
        a = {1: x}; z = {}
        for l in (2, 3):
            z[l] = ws[l] @ a[l - 1] + bs[l]
            if inject and inject[0] == l:
                z[l] = z[l] + inject[1]
            a[l] = sig(z[l])
        return z, a
    cost = lambda a3: 0.5 * np.sum((y - a3) ** 2)
    z, a = forward(ws, bs)
    sp = lambda zz: sig(zz) * (1 - sig(zz))
    d3_fd = ngrad(lambda e: cost(forward(ws, bs, (3, e))[1][3]), np.zeros(2))
    d2_fd = ngrad(lambda e: cost(forward(ws, bs, (2, e))[1][3]), np.zeros(4))
    gradC = ngrad(cost, a[3])
    d3 = gradC * sp(z[3])
    d2 = (ws[3].T @ d3) * sp(z[2])
    def cw(l, W):
        w2 = dict(ws); w2[l] = W; return cost(forward(w2, bs)[1][3])
    def cb(l, b):
        b2 = dict(bs); b2[l] = b; return cost(forward(ws, b2)[1][3])
    ok3 = near(ngrad(lambda b: cb(2, b), bs[2]), d2_fd, 1e-7) and near(ngrad(lambda b: cb(3, b), bs[3]), d3_fd, 1e-7)
    ok4 = near(ngrad(lambda W: cw(2, W), ws[2]), np.outer(d2_fd, a[1]), 1e-7) and \
          near(ngrad(lambda W: cw(3, W), ws[3]), np.outer(d3_fd, a[2]), 1e-7)
    return dict(bp1=near(d3, d3_fd, 1e-7), bp2=near(d2, d2_fd, 1e-7), bp3=ok3, bp4=ok4,
                gradC=near(gradC, a[3] - y, 1e-7),
                sp=all(abs(fd(lambda t: sig(t), t0) - sig(t0) * (1 - sig(t0))) < 1e-8 for t0 in RNG.normal(size=5)))

@register('01_backprop_bp1_bp4.md')
def f01():
    N = _nielsen_random()
    x = A(1, 0.5); y = A(1, 0)
    w2 = A([0.5, -1], [1, 0.5]); b2 = A(0, 0.5)
    w3 = A([1, -2], [0.5, 1]); b3 = A(0, -0.5)
    z2 = w2 @ x + b2; a2 = sig(z2); z3 = w3 @ a2 + b3; a3 = sig(z3)
    a2s = A(0.5, 0.8520); z3s = A(-1.2039, 0.6020); a3s = A(0.2308, 0.6461)
    gC = a3 - y; sp3 = a3 * (1 - a3); d3 = gC * sp3
    gCs = A(-0.7692, 0.6461); sp3s = A(0.1775, 0.2287); d3s = A(-0.1366, 0.1478)
    bp2_true = w3.T @ d3
    bp2_wrong = w3 @ d3
    bp2s = A(-0.4322, 0.0795)                       # as printed
    sp2 = a2 * (1 - a2); sp2s = A(0.25, 0.1261)
    d2s = A(-0.1080, 0.0100)
    return [
        ('Notation as in Nielsen', GIVEN),
        ('We work with the cost $C_x$', GIVEN),
        (r'\text{(BP1)}', lambda: N['bp1']),
        (r'\text{(BP2)}', lambda: N['bp2']),
        (r'\text{(BP3)}', lambda: N['bp3']),
        (r'\text{(BP4)}', lambda: N['bp4']),
        ('For the quadratic cost', lambda: N['gradC'] and N['sp']),
        ('## A numeric instance', lambda: C('3', len([1, 2, 3]))),
        ('Input $a^1 = x', lambda: DATA(['0.5'], [x[1]])),
        (r'$w^2 = \begin{pmatrix}', lambda: DATA(['0.5', '0.5', '0.5', '0.5', '-0.5'], [w2[0, 0], w2[1, 1], b2[1], w3[1, 0], b3[1]])),
        ('Feedforward:', lambda: ALL(
            C('0.5', w2[0, 0] * x[0]), C('0.5', -w2[0, 1] * x[1]), C('0.25', w2[1, 1] * x[1]), C('0.5', b2[1]),
            C('0', z2[0]), C('1.75', z2[1]), CV(['0.5', '0.8520'], a2))),
        ('Next $z^3', lambda: ALL(CV(['-1.2039', '0.6020'], z3, w3 @ a2s + b3), CV(['0.2308', '0.6461'], a3, sig(z3s)))),
        (r'BP1: $\nabla_a C', lambda: ALL(
            CV(['-0.7692', '0.6461'], gC, a3s - y), CV(['0.1775', '0.2287'], sp3, a3s * (1 - a3s)),
            CV(['-0.1366', '0.1478'], d3, gCs * sp3s))),
        ('BP4 for the last layer', lambda: CV(['-0.0683', '-0.1163', '0.0739', '0.1259'], np.outer(d3, a2), np.outer(d3s, a2s))),
        ('BP2: $(w^3)^T', lambda: CV(['-0.1366', '0.1478'], d3, d3s) and CV(['-0.4322', '0.0795'], bp2_true, w3.T @ d3s),
         lambda: CV(['-0.4322', '0.0795'], bp2_wrong, w3 @ d3s) and near(np.array([1 * -0.1366 + -2 * 0.1478, 0.5 * -0.1366 + 1 * 0.1478]), w3 @ d3s, 1e-12)),
        (r"With $\sigma'(z^2)", lambda: ALL(
            CV(['0.25', '0.1261'], sp2, a2s * (1 - a2s)),
            CV(['-0.1080', '0.0100'], bp2_true * sp2, bp2_wrong * sp2, bp2s * sp2s))),
        ('BP3: $', lambda: CV(['-0.1080', '0.0100'], d2s)),
        ('BP4: $', lambda: ALL(CV(['-0.1080', '-0.0540', '0.0100', '0.0050'], np.outer(d2s, x)),
                               C('0.5', x[1]), C('-0.1080', d2s[0]), C('-0.0540', x[1] * d2s[0]))),
        ('Note how', lambda: C('0.1261', sp2[1]) and abs(d2s[1]) < abs(d2s[0])),
    ]

# ======================================================================= 02
@register('02_logistic_regression_likelihood.md')
def f02():
    def bern():
        ok = True
        for yy in RNG.uniform(0.05, 0.95, size=4):
            ok &= abs(yy ** 1 * (1 - yy) ** 0 - yy) < 1e-15 and abs(yy ** 0 * (1 - yy) ** 1 - (1 - yy)) < 1e-15
        return ok
    def rand_data(n=5):
        X = np.c_[np.ones(n), RNG.normal(size=n)]
        t = (RNG.uniform(size=n) < 0.5).astype(float)
        w = RNG.normal(size=2)
        return X, t, w
    def E_of(w, X, t):
        yy = sig(X @ w)
        return -np.sum(t * np.log(yy) + (1 - t) * np.log(1 - yy))
    def lik_prod():
        X, t, w = rand_data(); yy = sig(X @ w)
        return abs(np.prod(yy ** t * (1 - yy) ** (1 - t)) - np.prod([yy[n] if t[n] else 1 - yy[n] for n in range(len(t))])) < 1e-14
    def E_def():
        X, t, w = rand_data(); yy = sig(X @ w)
        lik = np.prod(yy ** t * (1 - yy) ** (1 - t))
        En = -(t * np.log(yy) + (1 - t) * np.log(1 - yy))
        return abs(-np.log(lik) - En.sum()) < 1e-10 and abs(E_of(w, X, t) - En.sum()) < 1e-12
    def dsig():
        return all(abs(fd(lambda a: sig(a), a0) - sig(a0) * (1 - sig(a0))) < 1e-8 for a0 in RNG.normal(size=5))
    def delta():
        ok = True
        for tt in (0.0, 1.0):
            for a0 in RNG.normal(size=3):
                yy = sig(a0)
                En = lambda a: -(tt * np.log(sig(a)) + (1 - tt) * np.log(1 - sig(a)))
                mid = -tt / yy * yy * (1 - yy) + (1 - tt) / (1 - yy) * yy * (1 - yy)
                ok &= abs(fd(En, a0) - (yy - tt)) < 1e-7 and abs(mid - (yy - tt)) < 1e-12
        return ok
    def gradw():
        X, t, w = rand_data()
        g = ngrad(lambda ww: E_of(ww, X, t), w)
        ok = near(g, (sig(X @ w) - t) @ X, 1e-6)
        n = 2
        gn = ngrad(lambda ww: -(t[n] * np.log(sig(X[n] @ ww)) + (1 - t[n]) * np.log(1 - sig(X[n] @ ww))), w)
        return ok and near(gn, (sig(X[n] @ w) - t[n]) * X[n], 1e-7)
    x = A(0.5, -1, 2); t = A(1, 0, 0); w0, w1 = 0.2, 0.8
    a = w0 + w1 * x; yv = sig(a); lik = np.prod(yv ** t * (1 - yv) ** (1 - t))
    En = -(t * np.log(yv) + (1 - t) * np.log(1 - yv)); E = En.sum()
    dl = yv - t; ys = A(0.6457, 0.3543, 0.8581)
    X = np.c_[np.ones(3), x]
    g_fd = ngrad(lambda ww: E_of(ww, X, t), A(w0, w1))
    return [
        ('Take a single output unit', GIVEN),
        (r'$$p(t \mid \mathbf{x}, \mathbf{w})', bern),
        ('For $N$ independent observations', GIVEN),
        (r'\prod_{n=1}^{N} y_n^{t_n}', lik_prod),
        ('and the error function is its negative', GIVEN),
        (r'$$E(\mathbf{w}) = -\ln p', E_def),
        (r'Using $d\sigma / da', dsig),
        (r'\delta_n \equiv', delta),
        (r'\frac{\partial E_n}{\partial w_i} = \delta_n x_{ni}', gradw),
        ('## Worked example', lambda: DATA(['1', '3'], [X.shape[1] - 1, len(x)])),
        ('Inputs $x_1 = 0.5$', lambda: DATA(['0.5', '-1', '2', '1', '0', '0', '0.2', '0.8'], [x[0], x[1], x[2], t[0], t[1], t[2], w0, w1])),
        ('Activations $a_n', lambda: CV(['0.6', '-0.6', '1.8'], a)),
        ('Outputs: $y_1', lambda: CV(['0.6', '-0.6', '1.8'], a) and CV(['0.6457', '0.3543', '0.8581'], yv)),
        ('Likelihood: $p', lambda: ALL(
            abs(yv[0] * (1 - yv[1]) * (1 - yv[2]) - lik) < 1e-15,
            CV(['0.6457', '0.6457', '0.1419'], [yv[0], 1 - yv[1], 1 - yv[2]], [ys[0], 1 - ys[1], 1 - ys[2]]),
            C('0.0591', lik, 0.6457 * 0.6457 * 0.1419))),
        ('Error: $E_1', lambda: ALL(
            C('0.6457', yv[0]), C('0.4375', En[0], -np.log(0.6457)), abs(En[0] - En[1]) < 1e-12,
            C('1.9530', En[2], -np.log(1 - ys[2])), C('2.828', E, 2 * 0.4375 + 1.9530),
            abs(E + np.log(lik)) < 1e-12)),
        ('Output errors:', lambda: CV(['-0.3543', '0.3543', '0.8581'], dl, ys - t)),
        ('Gradient: $\\partial E / \\partial w_0', lambda: ALL(
            near(g_fd, [dl.sum(), (dl * x).sum()], 1e-6),
            C('0.8581', dl.sum(), A(-0.3543, 0.3543, 0.8581).sum()),
            CV(['-0.1772', '-0.3543', '1.7163'], dl * x, A(-0.3543, 0.3543, 0.8581) * x),
            C('1.1848', (dl * x).sum(), -0.1772 - 0.3543 + 1.7163))),
        ('One gradient-descent step', lambda: ALL(
            C('0.5', 0.5), C('0.5', 0.5), C('0.5', 0.5), C('0.2', w0), C('0.8581', dl.sum()), C('-0.2291', w0 - 0.5 * dl.sum(), 0.2 - 0.5 * 0.8581),
            C('0.8', w1), C('1.1848', (dl * x).sum()), C('0.2076', w1 - 0.5 * (dl * x).sum(), 0.8 - 0.5 * 1.1848))),
        ('Most of the gradient comes from pattern 3', lambda: ALL(
            C('0', t[2]), C('0.8581', yv[2]), abs(dl[2] * x[2]) > abs(dl[0] * x[0]) + abs(dl[1] * x[1]),
            abs(dl[2]) > abs(dl[0] + dl[1]), (dl * x).sum() > 0)),
    ]

# ======================================================================= 03
@register('03_softmax_regression_gradient.md')
def f03():
    def l_of(o, y):
        return -np.sum(y * np.log(softmax(o)))
    def ident():
        ok = True
        for _ in range(3):
            o = RNG.normal(size=4); y = np.eye(4)[RNG.integers(4)]
            ok &= abs(l_of(o, y) - (np.log(np.exp(o).sum()) - y @ o)) < 1e-12
        return ok
    def dl_do():
        ok = True
        for _ in range(3):
            o = RNG.normal(size=4); y = np.eye(4)[RNG.integers(4)]
            ok &= near(ngrad(lambda oo: l_of(oo, y), o), softmax(o) - y, 1e-7)
            ok &= near(np.exp(o) / np.exp(o).sum(), softmax(o), 1e-12)
        return ok
    def dl_dW():
        x = RNG.normal(size=(1, 3)); Wr = RNG.normal(size=(3, 4)); br = RNG.normal(size=(1, 4)); y = np.eye(4)[1]
        g = ngrad(lambda W: l_of((x @ W + br).ravel(), y), Wr)
        return near(g, x.T @ (softmax((x @ Wr + br).ravel()) - y)[None, :], 1e-7)
    def batch():
        n = 3
        Xr = RNG.normal(size=(n, 2)); Wr = RNG.normal(size=(2, 4)); br = RNG.normal(size=4)
        Y = np.eye(4)[[0, 3, 1]]
        Lf = lambda W, b: np.mean([l_of(Xr[i] @ W + b, Y[i]) for i in range(n)])
        P = softmax(Xr @ Wr + br, axis=1)
        return near(ngrad(lambda W: Lf(W, br), Wr), Xr.T @ (P - Y) / n, 1e-7) and \
               near(ngrad(lambda b: Lf(Wr, b), br), (P - Y).mean(0), 1e-7)
    X = A([1, 0], [0.5, -1]); W = A([1, -1, 0], [0.5, 0, -0.5]); b = A(0, 0.5, 0)
    Y = A([1, 0, 0], [0, 0, 1])
    O = X @ W + b; E = np.exp(O); P = E / E.sum(1, keepdims=True)
    l = -np.log((P * Y).sum(1)); G = P - Y
    Gs = A([-0.3715, 0.1402, 0.2312], [0.2741, 0.2741, -0.5481])
    gW = X.T @ G / 2; gb = G.mean(0)
    return [
        ('# softmax 回归', GIVEN),
        ('小批量 $', GIVEN),
        ('对单个样本', GIVEN),
        (r'$$l(\mathbf{y}, \hat{\mathbf{y}}) =', ident),
        ('（第二个等号用到了', lambda: all(np.eye(5)[k].sum() == 1 for k in range(5)) and C('1', Y[0].sum())),
        (r'$$\partial_{o_j} l', dl_do),
        ('即梯度就是', GIVEN),
        (r'\text{prod}\left(', dl_dW),
        ('小批量上取平均损失', batch),
        ('## 数值例子', lambda: ALL(C('2', X.shape[0]), C('2', X.shape[1]), C('3', W.shape[1]))),
        (r'$\mathbf{X} = \begin{pmatrix}', lambda: DATA(['0.5', '0.5', '-0.5', '0.5'], [X[1, 0], W[1, 0], W[1, 2], b[1]])),
        (r'$\mathbf{O} = \mathbf{X}\mathbf{W} + \mathbf{b} =', lambda: CV(['1', '-0.5', '0', '0', '0', '0.5'], O)),
        ('第 1 行', lambda: ALL(CV(['2.7183', '0.6065', '1'], E[0]), C('4.3248', E[0].sum(), 2.7183 + 0.6065 + 1),
                               CV(['0.6285', '0.1402', '0.2312'], P[0], A(2.7183, 0.6065, 1) / 4.3248))),
        ('第 2 行', lambda: ALL(CV(['1', '1', '1.6487'], E[1]), C('3.6487', E[1].sum(), 3.6487),
                               CV(['0.2741', '0.2741', '0.4519'], P[1], A(1, 1, 1.6487) / 3.6487))),
        ('损失：', lambda: ALL(C('0.6285', P[0, 0]), C('0.4644', l[0], -np.log(0.6285)), C('0.4519', P[1, 2]),
                             C('0.7943', l[1], -np.log(0.4519)), C('0.6294', l.mean(), (0.4644 + 0.7943) / 2))),
        (r'$\hat{\mathbf{Y}} - \mathbf{Y} = \begin', lambda: CV(['-0.3715', '0.1402', '0.2312', '0.2741', '0.2741', '-0.5481'], G)),
        (r'$\frac{\partial L}{\partial \mathbf{W}} = \frac{1}{2}', lambda: CV(
            ['-0.1172', '0.1386', '-0.0214', '-0.1370', '-0.1370', '0.2741'], gW, X.T @ Gs / 2)),
        (r'$\frac{\partial L}{\partial \mathbf{b}} = (', lambda: CV(['-0.0487', '0.2072', '-0.1585'], gb, Gs.mean(0))),
        ('检查：', lambda: near(G.sum(1), [0, 0], 1e-12) and abs(gb.sum()) < 1e-12 and abs(-0.0487 + 0.2072 - 0.1585) < 1e-12),
    ]

# ======================================================================= 04
@register('04_two_layer_vectorized_m3.md')
def f04():
    def net(W1, b1, W2, b2, X, Y):
        A1 = np.tanh(W1 @ X + b1); A2 = sig(W2 @ A1 + b2)
        return -np.mean(Y * np.log(A2) + (1 - Y) * np.log(1 - A2))
    def generic():
        m = 4
        X = RNG.normal(size=(3, m)); Y = (RNG.uniform(size=(1, m)) < 0.5).astype(float)
        W1 = RNG.normal(size=(2, 3)); b1 = RNG.normal(size=(2, 1)); W2 = RNG.normal(size=(1, 2)); b2 = RNG.normal(size=(1, 1))
        A1 = np.tanh(W1 @ X + b1); A2 = sig(W2 @ A1 + b2)
        dZ2 = A2 - Y
        JZ2 = lambda Z2: -np.mean(Y * np.log(sig(Z2)) + (1 - Y) * np.log(1 - sig(Z2)))
        ok2 = near(m * ngrad(JZ2, W2 @ A1 + b2), dZ2, 1e-6)
        ok2 &= near(ngrad(lambda W: net(W1, b1, W, b2, X, Y), W2), dZ2 @ A1.T / m, 1e-7)
        ok2 &= near(ngrad(lambda b: net(W1, b1, W2, b, X, Y), b2), np.sum(dZ2, axis=1, keepdims=True) / m, 1e-7)
        JZ1 = lambda Z1: -np.mean(Y * np.log(sig(W2 @ np.tanh(Z1) + b2)) + (1 - Y) * np.log(1 - sig(W2 @ np.tanh(Z1) + b2)))
        dZ1 = W2.T @ dZ2 * (1 - A1 ** 2)
        ok1 = near(m * ngrad(JZ1, W1 @ X + b1), dZ1, 1e-6)
        ok1 &= all(abs(fd(np.tanh, z0) - (1 - np.tanh(z0) ** 2)) < 1e-8 for z0 in RNG.normal(size=4))
        return ok2, ok1
    ok2, ok1 = generic()
    X = A([1, 0, -1], [0.5, 1, 2]); Y = A([1, 0, 1]); W1 = A([0.5, -0.5], [1, 0.25]); W2 = A([1, -1])
    m = 3
    Z1 = W1 @ X; A1 = np.tanh(Z1); Z2 = W2 @ A1; A2 = sig(Z2)
    J = -np.mean(Y * np.log(A2) + (1 - Y) * np.log(1 - A2))
    A1s = A([0.2449, -0.4621, -0.9051], [0.8093, 0.2449, -0.4621]); Z2s = A([-0.5644, -0.7070, -0.4430]); A2s = A([0.3625, 0.3303, 0.3910])
    dZ2 = A2 - Y; dZ2s = A([-0.6375, 0.3303, -0.6090])
    dW2 = dZ2 @ A1.T / m; db2 = dZ2.sum() / m
    G = np.outer(W2, dZ2); g = 1 - A1 ** 2; gs = A([0.9400, 0.7864, 0.1807], [0.3450, 0.9400, 0.7864])
    dZ1 = G * g; dZ1s = A([-0.5992, 0.2597, -0.1100], [0.2199, -0.3104, 0.4789])
    dW1 = dZ1 @ X.T / m; dW1_wrong = dZ1 @ X.T; dW1s = A([-0.4892, -0.2600], [-0.2590, 0.7574])
    db1 = dZ1.sum(1) / m
    dW2s = A(0.0808, -0.0512)
    return [
        ('vectorized over m = 3 examples', lambda: C('3', X.shape[1])),
        ('Stack the examples as columns', lambda: ALL(C('2', X.shape[0]), C('3', X.shape[1]), C('2', W1.shape[0]), W2.shape == (1, 2))),
        ('Forward: $Z^{[1]}', GIVEN),
        ('Cost: $J', GIVEN),
        ('Backward for the output layer', lambda: ok2),
        ('Hidden layer: $dZ^{[1]}', lambda: ok1),
        (r'$X = \begin{pmatrix} 1 & 0 & -1', lambda: DATA(['0.5', '0.5', '-0.5', '0.25', '0', '0'], [X[1, 0], W1[0, 0], W1[0, 1], W1[1, 1], 0, 0])),
        (r'$Z^{[1]} = \begin{pmatrix}', lambda: CV(['0.25', '-0.5', '-1.5', '1.125', '0.25', '-0.5'], Z1) and
            CV(['0.2449', '-0.4621', '-0.9051', '0.8093', '0.2449', '-0.4621'], A1)),
        (r'$Z^{[2]} = \begin{pmatrix}', lambda: ALL(CV(['-0.5644', '-0.7070', '-0.4430'], Z2, W2 @ A1s),
            CV(['0.3625', '0.3303', '0.3910'], A2, sig(Z2s)), C('0.7848', J))),
        (r'$dZ^{[2]} = A^{[2]} - Y = ', lambda: CV(['-0.6375', '0.3303', '-0.6090'], dZ2, A2s - Y)),
        (r'$dW^{[2]} = \frac{1}{3}', lambda: ALL(CV(['0.0808', '-0.0512'], dW2, dZ2s @ A1s.T / 3),
            CV(['-0.6375', '0.3303', '-0.6090'], dZ2), C('-0.3054', db2, dZ2s.sum() / 3))),
        (r'$W^{[2]T} dZ^{[2]} = \begin', lambda: CV(['-0.6375', '0.3303', '-0.6090', '0.6375', '-0.3303', '0.6090'], G) and
            CV(['0.9400', '0.7864', '0.1807', '0.3450', '0.9400', '0.7864'], g, 1 - A1s ** 2)),
        (r'$dZ^{[1]} = \begin', lambda: CV(['-0.5992', '0.2597', '-0.1100', '0.2199', '-0.3104', '0.4789'], dZ1,
            np.outer(W2, dZ2s) * gs)),
        (r'$dW^{[1]} = dZ^{[1]} X^T', lambda: CV(['-0.4892', '-0.2600', '-0.2590', '0.7574'], dW1, dZ1s @ X.T / 3),
         lambda: CV(['-0.4892', '-0.2600', '-0.2590', '0.7574'], dW1_wrong, dZ1s @ X.T)),
        (r'$db^{[1]} = \frac{1}{m}', lambda: CV(['-0.1498', '0.1295'], db1, dZ1s.sum(1) / 3)),
        (r'Update with learning rate $\alpha = 0.1$', lambda: C('0.1', 0.1) and CV(
            ['0.5489', '-0.4740', '1.0259', '0.1743'], W1 - 0.1 * dW1, W1 - 0.1 * dW1_wrong, W1 - 0.1 * dW1s)),
        (r'and $W^{[2]} := W^{[2]}', lambda: ALL(CV(['0.9919', '-0.9949'], W2 - 0.1 * dW2, W2 - 0.1 * dW2s),
            C('0.1', 0.1), C('0', 0), C('-0.3054', db2), C('0.0305', -0.1 * db2, 0.1 * 0.3054))),
    ]

# ======================================================================= 05
def n_windows(W, F, S, P=0):
    """enumerate window start positions in the zero-padded input."""
    return len([p for p in range(0, W + 2 * P) if p % S == 0 and p + F <= W + 2 * P])

def covered_cols(W, F, S, P=0):
    cols = set()
    for p in range(0, W + 2 * P, S):
        if p + F <= W + 2 * P:
            cols |= set(range(p, p + F))
    return cols

def rf_positions(layers, unit=0):
    pos = {unit}
    for F, S in reversed(layers):
        pos = {q * S + m for q in pos for m in range(F)}
    return pos

@register('05_cnn_output_size_receptive_field.md')
def f05():
    def size_formula():
        ok, n = True, 0
        while n < 60:
            W, F, S, P = int(RNG.integers(5, 40)), int(RNG.integers(1, 8)), int(RNG.integers(1, 4)), int(RNG.integers(0, 3))
            if F > W + 2 * P or (W - F + 2 * P) % S:
                continue
            n += 1
            ok &= n_windows(W, F, S, P) == (W - F + 2 * P) // S + 1
        return ok
    def params_pool():
        ok = True
        for (F, D1, K) in [(3, 4, 5), (5, 3, 7)]:
            weights = np.zeros((K, F, F, D1)); biases = np.zeros(K)
            ok &= weights.size == F * F * D1 * K and biases.size == K and weights[0].size == F * F * D1
        for (W, F, S) in [(32, 2, 2), (9, 3, 3), (13, 3, 2)]:
            ok &= n_windows(W, F, S) == (W - F) // S + 1
        return ok
    def rf_formula():
        ok = True
        for _ in range(30):
            L = int(RNG.integers(1, 5))
            layers = [(int(RNG.integers(1, 6)), int(RNG.integers(1, 4))) for _ in range(L)]
            pos = rf_positions(layers)
            r = 1 + sum((layers[l][0] - 1) * int(np.prod([s for _, s in layers[:l]])) for l in range(L))
            ok &= (max(pos) - min(pos) + 1 == r)
        return ok
    stack = [(5, 1), (2, 2), (3, 1), (4, 2)]
    pos = rf_positions(stack)
    return [
        ('A CONV layer accepts', GIVEN),
        ('$$W_2 = (W_1 - F + 2P)/S + 1', size_formula),
        ('With parameter sharing each filter', params_pool),
        ('Sanity check on the first layer', lambda: ALL(
            C('227', 227), C('11', 11), C('4', 4), C('0', 0), C('96', 96),
            n_windows(227, 11, 4, 0) == 55, C('55', (227 - 11) / 4 + 1), C('290400', n_windows(227, 11, 4) ** 2 * 96),
            C('363', np.zeros((11, 11, 3)).size))),
        ('## A small stack on a', GIVEN),
        ('CONV1 ($K = 16$', lambda: ALL(C('16', 16), C('5', 5), C('1', 1), C('2', 2), C('32', n_windows(32, 5, 1, 2)),
                                         (32 - 5 + 4) / 1 + 1 == 32, 2 * 2 == 4, C('1216', np.zeros((16, 5, 5, 3)).size + 16))),
        ('POOL1 ($F = 2$', lambda: ALL(C('2', 2), C('2', 2), C('16', n_windows(32, 2, 2)), (32 - 2) / 2 + 1 == 16)),
        ('CONV2 ($K = 32$', lambda: ALL(C('32', 32), C('3', 3), C('1', 1), C('0', 0), C('14', n_windows(16, 3, 1)),
                                         (16 - 3) / 1 + 1 == 14, C('4640', np.zeros((32, 3, 3, 16)).size + 32))),
        ('CONV3 ($K = 64$', lambda: ALL(C('64', 64), C('4', 4), C('2', 2), C('1', 1), C('7', n_windows(14, 4, 2, 1)),
                                         (14 - 4 + 2) / 2 + 1 == 7, 2 * 1 == 2, C('32832', np.zeros((64, 4, 4, 32)).size + 64))),
        ('Had we used $F = 3$', lambda: ALL(C('3', 3), C('2', 2), C('0', 0), C('6.5', (14 - 3) / 2 + 1), (14 - 3) % 2 != 0,
                                             covered_cols(14, 3, 2) != set(range(14)))),
        ('For a stack of layers with extents', GIVEN),
        ('$$r_L = 1 + \\sum', lambda: rf_formula() and C('1', len(rf_positions([])))),
        ('For our stack: $r', lambda: ALL(C('1', len(rf_positions([]))), C('16', max(pos) - min(pos) + 1),
                                          1 + 4 * 1 + 1 * 1 + 2 * 2 + 3 * 2 == 16, [F - 1 for F, _ in stack] == [4, 1, 2, 3])),
        ('Neighbouring CONV3 units', lambda: ALL(C('1', stack[0][1]), [S for _, S in stack] == [1, 2, 1, 2],
            C('4', min(rf_positions(stack, 1)) - min(rf_positions(stack, 0))), 1 * 2 * 1 * 2 == 4)),
        ('Three stacked $3 \\times 3$', lambda: ALL(C('1', len(rf_positions([]))), C('7', len(rf_positions([(3, 1)] * 3))),
            1 + 3 * 2 == 7, C('27', 3 * np.zeros((3, 3)).size), C('49', np.zeros((7, 7)).size), len(rf_positions([(7, 1)])) == 7)),
    ]

# ======================================================================= 06
def corr(x, k):
    x = np.asarray(x, float); k = np.asarray(k, float)
    return np.array([x[i:i + len(k)] @ k for i in range(len(x) - len(k) + 1)])

@register('06_conv_backward_correlation.md')
def f06():
    def rand_case():
        n, s = int(RNG.integers(5, 9)), int(RNG.integers(2, 4))
        return RNG.normal(size=n), RNG.normal(size=s), RNG.normal(size=n - s + 1)
    def dK():
        ok = True
        for _ in range(3):
            x, k, g = rand_case()
            num = ngrad(lambda kk: g @ corr(x, kk), k)
            ok &= near(num, [sum(g[i] * x[i + m] for i in range(len(g))) for m in range(len(k))], 1e-8)
            ok &= near(num, corr(x, g), 1e-8)
        return ok
    def dX():
        ok = True
        for _ in range(3):
            x, k, g = rand_case(); n, s = len(x), len(k)
            num = ngrad(lambda xx: g @ corr(xx, k), x)
            gg = lambda i: g[i] if 0 <= i <= n - s else 0.0
            ok &= near(num, [sum(gg(j - m) * k[m] for m in range(s)) for j in range(n)], 1e-8)
        return ok
    def full_is_flipped():
        ok = True
        for _ in range(3):
            x, k, g = rand_case(); s = len(k)
            num = ngrad(lambda xx: g @ corr(xx, k), x)
            ok &= near(num, corr(np.pad(g, s - 1), k[::-1]), 1e-8)
        return ok
    def planted_formula():
        ok = True
        for _ in range(3):
            x, k, g = rand_case(); s = len(k)
            num = ngrad(lambda xx: g @ corr(xx, k), x)
            ok &= near(num, corr(np.pad(g, s - 1), k), 1e-8)
        x = A(1, 2, -1, 0, 3); k = A(1, -2, 0.5); g = A(1, -1, 2)
        ok &= near(ngrad(lambda xx: g @ corr(xx, k), x), corr(np.pad(g, 2), k), 1e-8)
        return ok
    x = A(1, 2, -1, 0, 3); k = A(1, -2, 0.5); g = A(1, -1, 2)
    y = corr(x, k); dk = corr(x, g)
    padg = np.pad(g, 2)
    dx_as_written = corr(padg, k)             # what the file computes from its formula
    return [
        ('В библиотеках «свёртка»', GIVEN),
        ('$$y_i = \\sum_{m=0}^{s-1}', GIVEN),
        ('Пусть от следующего слоя', GIVEN),
        ('$$\\frac{\\partial L}{\\partial k_m}', dK),
        ('Градиент по ядру — корреляция', lambda: all(n - (n - s + 1) + 1 == s for n in range(3, 9) for s in range(1, n))),
        ('Для входа каждый', lambda: all((j - i) in range(3) for i in range(3) for j in range(i, i + 3))),
        ('$$\\frac{\\partial L}{\\partial x_j}', lambda: dX() and C('0', 0)),
        ('$X = (1, 2, -1, 0, 3)$', lambda: DATA(['0.5', '5', '3'], [k[2], len(x), len(k)])),
        ('Прямой проход', lambda: ALL(
            C('1', x[0] * k[0]), C('2', x[1] * k[0]), C('-1', x[2] * k[0]),
            near([x[0] * k[0], x[1] * k[1], x[2] * k[2]], [1, -4, -0.5]), C('0.5', 0.5), C('-3.5', y[0]),
            near([x[1] * k[0], x[2] * k[1], x[3] * k[2]], [2, 2, 0]), C('4', y[1]),
            near([x[2] * k[0], x[3] * k[1], x[4] * k[2]], [-1, 0, 1.5]), C('1.5', x[4] * k[2]), C('0.5', y[2]))),
        ('Градиент сверху', GIVEN),
        ('Градиент по ядру: $', lambda: ALL(
            C('1', g[0]), C('2', g[0] * x[1]), C('-1', g[0] * x[2]),
            near([g[0] * x[0], g[1] * x[1], g[2] * x[2]], [1, -2, -2]), C('-3', dk[0]),
            near([g[0] * x[1], g[1] * x[2], g[2] * x[3]], [2, 1, 0]), C('3', dk[1]),
            near([g[0] * x[2], g[1] * x[3], g[2] * x[4]], [-1, 0, 6]), C('5', dk[2]))),
        ('Шаг SGD по ядру', lambda: C('0.1', 0.1) and CV(['1.3', '-2.3', '0'], k - 0.1 * dk)),
        ('Градиент по входу — это «полная» корреляция', lambda: C('2', len(k) - 1) and full_is_flipped()),
        ('\\operatorname{pad}_2(G) \\star K, \\qquad', planted_formula,
         lambda: near(padg, [0, 0, 1, -1, 2, 0, 0], 0)),
        ('Считаем: $', lambda: ALL(
            C('0', padg[0]), C('0', padg[1] * k[0]), C('1', padg[2] * k[0]),
            near(padg[0:3] * k, [0, 0, 0.5]), C('0.5', dx_as_written[0]), C('0.5', k[2]),
            near(padg[1:4] * k, [0, -2, -0.5]), C('-0.5', padg[3] * k[2]), C('-2.5', dx_as_written[1]),
            near(padg[2:5] * k, [1, 2, 1]), C('4', dx_as_written[2]))),
        ('Далее $\\partial L', lambda: ALL(
            C('-1', padg[3] * k[0]), C('2', padg[4] * k[0]),
            near(padg[3:6] * k, [-1, -4, 0]), C('-5', dx_as_written[3]),
            near(padg[4:7] * k, [2, 0, 0]), C('2', dx_as_written[4]))),
        ('Итого $\\partial L / \\partial X', lambda: CV(['0.5', '-2.5', '4', '-5', '2'], dx_as_written) and len(x) == 5),
    ]

# ======================================================================= 07
def _rnn_generic():
    nh, nx, no, T = 3, 2, 2, 4
    W = RNG.normal(size=(nh, nh)) * 0.6; U = RNG.normal(size=(nh, nx)); V = RNG.normal(size=(no, nh))
    b = RNG.normal(size=nh); c = RNG.normal(size=no)
    xs = RNG.normal(size=(T, nx)); ys = RNG.normal(size=(T, no))
    def run(W, U, V, inj_t=None, inj=None, inj_o=None):
        h = np.zeros(nh); hs = [h]; os_ = []; L = 0.0
        for t in range(T):
            h = np.tanh(b + W @ h + U @ xs[t])
            if inj_t == t:
                h = h + inj
            o = c + V @ h
            if inj_o is not None and inj_o[0] == t:
                o = o + inj_o[1]
            hs.append(h); os_.append(o); L += 0.5 * np.sum((o - ys[t]) ** 2)
        return L, hs, os_
    L, hs, os_ = run(W, U, V)
    go = [os_[t] - ys[t] for t in range(T)]
    gh_fd = [ngrad(lambda e: run(W, U, V, t, e)[0], np.zeros(nh)) for t in range(T)]
    go_fd = [ngrad(lambda e: run(W, U, V, inj_o=(t, e))[0], np.zeros(no)) for t in range(T)]
    gh = [None] * T
    gh[T - 1] = V.T @ go[T - 1]
    for t in range(T - 2, -1, -1):
        gh[t] = W.T @ ((1 - hs[t + 2] ** 2) * gh[t + 1]) + V.T @ go[t]
    gW = sum(np.outer((1 - hs[t + 1] ** 2) * gh_fd[t], hs[t]) for t in range(T))
    gU = sum(np.outer((1 - hs[t + 1] ** 2) * gh_fd[t], xs[t]) for t in range(T))
    gV = sum(np.outer(go[t], hs[t + 1]) for t in range(T))
    return dict(
        go=all(near(go[t], go_fd[t], 1e-7) for t in range(T)),
        ghT=near(gh[T - 1], gh_fd[T - 1], 1e-7),
        ghrec=all(near(W.T @ ((1 - hs[t + 2] ** 2) * gh_fd[t + 1]) + V.T @ go[t], gh_fd[t], 1e-7) for t in range(T - 1)),
        gWU=near(ngrad(lambda w: run(w, U, V)[0], W), gW, 1e-6) and near(ngrad(lambda u: run(W, u, V)[0], U), gU, 1e-6),
        gV=near(ngrad(lambda v: run(W, U, v)[0], V), gV, 1e-6))

@register('07_rnn_bptt_three_steps.md')
def f07():
    G = _rnn_generic()
    w, u, v = 0.5, 1.0, 2.0; x = A(1, -1, 2); y = A(0.5, 0, 1)
    h = [0.0]; a = []
    for t in range(3):
        a.append(w * h[-1] + u * x[t]); h.append(np.tanh(a[-1]))
    h = np.array(h); o = v * h[1:]; go = o - y
    gh3 = v * go[2]; gh2 = w * (1 - h[3] ** 2) * gh3 + v * go[1]; gh1 = w * (1 - h[2] ** 2) * gh2 + v * go[0]
    hs = A(0, 0.7616, -0.5506, 0.9384); gos = A(1.0232, -1.1011, 0.8769)
    gh3s = 1.7537
    gh2_wrong = w * (1 - h[3]) * gh3 + v * go[1]
    gh2s = -2.1482
    gh1s = 1.2979
    ds = A(0.4200, 0.6969, 0.1194)
    def Lw(ww):
        hh, s = 0.0, 0.0
        for t in range(3):
            hh = np.tanh(ww * hh + u * x[t]); s += 0.5 * (v * hh - y[t]) ** 2
        return s
    return [
        ('# Back-propagation through time, unrolled', lambda: C('3', len(x))),
        (r'$\boldsymbol{a}^{(t)} = \boldsymbol{b}', GIVEN),
        (r'Then $\nabla_{\boldsymbol{o}^{(t)}} L', lambda: G['go']),
        (r'$$\nabla_{\boldsymbol{h}^{(\tau)}} L', lambda: G['ghT']),
        (r'$$\nabla_{\boldsymbol{h}^{(t)}} L', lambda: G['ghrec']),
        (r'$$\nabla_{\boldsymbol{W}} L = \sum_t', lambda: G['gWU']),
        (r'$$\nabla_{\boldsymbol{V}} L', lambda: G['gV']),
        ('One hidden unit: $W = 0.5$', lambda: DATA(['0.5', '0.5', '1', '2', '0', '0'], [w, y[0], u, v, 0, h[0]])),
        ('Forward: $h^{(1)}', lambda: ALL(
            C('0.7616', h[1]), C('0.7616', h[1]), C('0.5', w), C('-0.6192', a[1], 0.5 * 0.7616 - 1), C('-0.5506', h[2], np.tanh(-0.6192)),
            C('0.5', w), C('-0.5506', h[2]), C('1.7247', a[2], 0.5 * -0.5506 + 2), C('0.9384', h[3], np.tanh(1.7247)))),
        ('Outputs $o^{(t)}', lambda: C('2', v) and CV(['1.5232', '-1.1011', '1.8769'], o, v * hs[1:]) and
            CV(['1.0232', '-1.1011', '0.8769'], go, v * hs[1:] - y)),
        (r'$\nabla_V L =', lambda: ALL(CV(['1.0232', '0.7616', '-1.1011', '-0.5506', '0.8769', '0.9384'],
            [go[0], h[1], go[1], h[2], go[2], h[3]]),
            C('2.2084', (go * h[1:]).sum(), (gos * hs[1:]).sum()),
            abs(fd(lambda vv: sum(0.5 * (vv * h[t + 1] - y[t]) ** 2 for t in range(3)), v) - (go * h[1:]).sum()) < 1e-7)),
        (r'$\nabla_{h^{(3)}} L = V', lambda: C('0.8769', go[2]) and C('1.7537', gh3, 2 * 0.8769)),
        (r'$\nabla_{h^{(2)}} L = W', lambda: C('0.5', w) and C('-2.1482', gh2, 0.5 * (1 - 0.9384 ** 2) * 1.7537 + 2 * -1.1011),
         lambda: C('-2.1482', gh2_wrong, 0.5 * (1 - 0.9384) * 1.7537 + 2 * -1.1011)),
        (r'$\nabla_{h^{(1)}} L = 0.5', lambda: ALL(
            C('0.5', w), C('0.5506', -h[2]), C('-2.1482', gh2s), C('-2.1482', gh2s), C('1.0232', go[0]), C('0.5', w),
            C('0.6969', 1 - h[2] ** 2, 1 - 0.5506 ** 2), C('2.0464', 2 * go[0], 2 * 1.0232),
            C('1.2979', gh1, 0.5 * 0.6969 * gh2s + 2.0464, w * (1 - h[2] ** 2) * gh2_wrong + v * go[0]))),
        (r'With $1 - (h^{(t)})^2', lambda: CV(['0.4200', '0.6969', '0.1194'], 1 - h[1:] ** 2, 1 - hs[1:] ** 2)),
        (r'$\nabla_W L = 0 +', lambda: ALL(
            C('0', (1 - h[1] ** 2) * gh1 * h[0]), C('1', 1), C('0', h[0]), abs(fd(Lw, w) - sum((1 - h[t] ** 2) * [gh1, gh2, gh3][t - 1] * h[t - 1] for t in (1, 2, 3))) < 1e-7,
            CV(['0.6969', '-2.1482', '0.7616', '0.1194', '1.7537', '-0.5506'], [ds[1], gh2s, hs[1], ds[2], gh3s, hs[2]]),
            C('-1.2555', ds[1] * gh2s * hs[1] + ds[2] * gh3s * hs[2],
              (1 - h[2] ** 2) * gh2_wrong * h[1] + (1 - h[3] ** 2) * gh3 * h[2]))),
        (r'$\nabla_U L = 0.4200', lambda: ALL(
            CV(['0.4200', '1.2979', '0.6969', '-2.1482', '0.1194', '1.7537'], [ds[0], gh1s, ds[1], gh2s, ds[2], gh3s]),
            C('2.4610', ds[0] * gh1s * x[0] + ds[1] * gh2s * x[1] + ds[2] * gh3s * x[2]))),
    ]

# ======================================================================= 08
@register('08_lstm_cell_forward.md')
def f08():
    Wf, Wi, Wc, Wo = A(0.5, 1), A(-1, 0.5), A(1, -0.5), A(0.5, 0.5); bc = 0.5
    def step(h, c, x):
        v = A(h, x)
        f = sig(Wf @ v); i = sig(Wi @ v); g = np.tanh(Wc @ v + bc); o = sig(Wo @ v)
        cn = f * c + i * g
        return dict(zf=Wf @ v, zi=Wi @ v, zg=Wc @ v + bc, zo=Wo @ v, f=f, i=i, g=g, o=o, c=cn, tc=np.tanh(cn), h=o * np.tanh(cn))
    s1 = step(0.5, 1.0, 1.0); s2 = step(s1['h'], s1['c'], -1.0); s2r = step(0.5196, 1.0084, -1.0)
    def cec():
        # hold the gates of step 2 fixed, vary c_1 only
        return abs(fd(lambda c1: s2['f'] * c1 + s2['i'] * s2['g'], s1['c']) - s2['f']) < 1e-9
    return [
        ('記号は講義スライド', GIVEN),
        (r'$$\boldsymbol{f}_t = \sigma', GIVEN),
        (r'$$\tilde{\boldsymbol{c}}_t = \tanh', GIVEN),
        ('重み：$W_f', lambda: DATA(['0.5', '0.5', '-0.5', '0.5', '0.5', '0.5', '0.5'], [Wf[0], Wi[1], Wc[1], Wo[0], Wo[1], bc, 0.5]) and DATA(['1', '1', '-1'], [1.0, 1.0, -1.0])),
        ('忘却ゲート：$f_1', lambda: ALL(C('0.5', Wf[0]), C('0.5', 0.5), C('1.25', s1['zf']), C('0.7773', s1['f']))),
        ('入力ゲート：$i_1', lambda: ALL(C('-0.5', Wi[0] * 0.5), C('0.5', Wi[1] * 1), C('0', s1['zi']), C('0.5', s1['i']),
            near([Wc[0] * 0.5, Wc[1] * 1, bc], [0.5, -0.5, 0.5]), C('0.5', Wc[0] * 0.5), C('-0.5', Wc[1] * 1), C('0.5', bc), C('0.5', s1['zg']), C('0.4621', s1['g']))),
        ('出力ゲート：$o_1', lambda: ALL(C('0.25', Wo[0] * 0.5), C('0.5', Wo[1] * 1), C('0.75', s1['zo']), C('0.6792', s1['o']))),
        ('セル状態：$c_1', lambda: ALL(C('0.7773', s1['f']), C('0.5', s1['i']), C('0.4621', s1['g']),
            C('1.0084', s1['c'], 0.7773 + 0.5 * 0.4621), C('0.6792', s1['o']), C('0.6792', s1['o']), C('1.0084', s1['c']), C('0.7651', s1['tc'], np.tanh(1.0084)),
            C('0.5196', s1['h'], 0.6792 * 0.7651))),
        ('**時刻 2**', lambda: C('0.5196', s1['h']) and C('1.0084', s1['c']) and C('-1', -1.0)),
        ('$f_2 = \\sigma(0.2598', lambda: ALL(
            C('0.2598', Wf[0] * 0.5196, Wf[0] * s1['h']), C('-0.7402', s2['zf'], s2r['zf']), C('0.3230', s2['f'], s2r['f']),
            C('-0.5196', Wi[0] * 0.5196), C('0.5', -Wi[1] * -1), C('-1.0196', s2['zi'], s2r['zi']), C('0.2651', s2['i'], s2r['i']))),
        (r'$\tilde{c}_2 = \tanh(0.5196', lambda: ALL(
            C('0.5196', Wc[0] * 0.5196), C('0.5', Wc[1] * -1), C('0.5', bc), C('1.5196', s2['zg'], s2r['zg']),
            C('0.9086', s2['g'], s2r['g']), C('0.2598', Wo[0] * 0.5196), C('0.5', -Wo[1] * -1),
            C('-0.2402', s2['zo'], s2r['zo']), C('0.4402', s2['o'], s2r['o']))),
        ('$c_2 = 0.3230', lambda: ALL(
            CV(['0.3230', '1.0084', '0.2651', '0.9086'], [s2['f'], s1['c'], s2['i'], s2['g']]),
            C('0.5665', s2['c'], 0.3230 * 1.0084 + 0.2651 * 0.9086), C('0.5665', s2['c']), C('0.4402', s2['o']), C('0.4402', s2['o']),
            C('0.5128', s2['tc'], np.tanh(0.5665)), C('0.2258', s2['h'], 0.4402 * 0.5128))),
        ('ゲートを定数とみなすと', lambda: cec() and C('0.3230', s2['f'])),
        ('入力が負になった時刻 2', lambda: ALL(
            C('0.7773', s1['f']), C('0.3230', s2['f']), C('0.3230', s2['f']), C('68', 100 * round(1 - 0.3230, 2)), C('0.6770', 1 - s2['f'], 1 - 0.3230))),
    ]

# ======================================================================= 09
@register('09_label_smoothing_cross_entropy.md')
def f09():
    def smooth(y, C_, eps):
        return (1 - eps) * np.eye(C_)[y] + eps / C_
    def nll_identity():
        N_, C_ = 4, 5
        Aa = RNG.normal(size=(N_, C_)); ys = RNG.integers(C_, size=N_); P = softmax(Aa, axis=1)
        lhs = -np.mean([sum((ys[n] == c) * np.log(P[n, c]) for c in range(C_)) for n in range(N_)])
        return abs(lhs + np.mean(np.log(P[np.arange(N_), ys]))) < 1e-12
    def ls_def():
        ok = True
        for C_, eps in ((4, 0.1), (7, 0.3)):
            for y in range(C_):
                ok &= abs(smooth(y, C_, eps).sum() - 1) < 1e-12 and abs((1 - eps) + C_ * eps / C_ - 1) < 1e-12
        return ok
    def split():
        ok = True
        for _ in range(3):
            C_ = 5; eps = RNG.uniform(0, 0.5); y = int(RNG.integers(C_)); a = RNG.normal(size=C_); p = softmax(a)
            lhs = -smooth(y, C_, eps) @ np.log(p)
            ok &= abs(lhs - ((1 - eps) * -np.log(p[y]) + eps * np.mean(-np.log(p)))) < 1e-12
        return ok
    def logsm():
        a = RNG.normal(size=5)
        return near(np.log(softmax(a)), a - np.log(np.exp(a).sum()), 1e-12) and abs(smooth(2, 5, 0.2).sum() - 1) < 1e-12
    def grad():
        ok = True
        for _ in range(3):
            C_ = 5; eps = RNG.uniform(0, 0.5); y = int(RNG.integers(C_)); a = RNG.normal(size=C_); t = smooth(y, C_, eps)
            g = ngrad(lambda aa: -t @ np.log(softmax(aa)), a)
            ok &= near(g, -t + softmax(a) * t.sum(), 1e-7) and near(g, softmax(a) - t, 1e-7)
        return ok
    def kl_gap():
        ok = True
        for _ in range(3):
            C_ = 5; eps = RNG.uniform(0.05, 0.5); y = int(RNG.integers(C_)); a = RNG.normal(size=C_); t = smooth(y, C_, eps); p = softmax(a)
            H = -t @ np.log(t); KL = t @ np.log(t / p); l = -t @ np.log(p)
            ok &= abs(l - (H + KL)) < 1e-12 and KL >= 0
            # at p = t the loss equals H and logit gaps are the stated constant
            at = np.log(t)
            ok &= near(softmax(at), t, 1e-12) and abs(-t @ np.log(softmax(at)) - H) < 1e-12
            ok &= all(abs((at[y] - at[c]) - np.log((1 - eps + eps / C_) / (eps / C_))) < 1e-12 for c in range(C_) if c != y)
            # equality only at p = t: perturbed logits give a larger loss
            ok &= -t @ np.log(softmax(at + RNG.normal(size=C_) * 0.1)) > H
        return ok
    a = A(3, 1, 0, -1); e = np.exp(a); p = e / e.sum(); eps = 0.1; t = smooth(0, 4, eps)
    ps = A(0.8310, 0.1125, 0.0414, 0.0152)
    nlp = -np.log(p); l = t @ nlp; H = -t @ np.log(t)
    return [
        ('Data $\\mathcal{D}', GIVEN),
        ('$$\\mathcal{L}(\\boldsymbol\\theta) =', nll_identity),
        ('Label smoothing replaces the one-hot', lambda: ls_def() and C('1', (1 - 0.1) + 4 * 0.1 / 4)),
        ('Writing $p_{nc}', GIVEN),
        ('$$\\ell_n = -\\sum_{c=1}^{C}', split),
        ('Since $\\log p_{nc}', lambda: logsm() and C('1', smooth(2, 5, 0.2).sum())),
        ('$$\\frac{\\partial \\ell_n}{\\partial a_{nc}}', grad),
        ('Also $\\ell_n = \\mathbb{H}', kl_gap),
        ('## Example: $C = 4$', lambda: DATA(['0.1', '4', '1'], [eps, len(a), 1 + int(np.argmax(t))])),
        ('$\\exp(\\boldsymbol{a}) = (20.0855', lambda: ALL(CV(['20.0855', '2.7183', '1', '0.3679'], e),
            C('24.1717', e.sum()), CV(['0.8310', '0.1125', '0.0414', '0.0152'], p))),
        ('Smoothed target:', lambda: ALL(C('0.9', 1 - eps), C('0.025', eps / 4), CV(['0.025', '0.025', '0.025'], t[1:]),
            CV(['0.925', '0.025', '0.025', '0.025'], t))),
        ('$-\\log \\boldsymbol{p} = (0.1852', lambda: CV(['0.1852', '2.1852', '3.1852', '4.1852'], nlp) and
            near(nlp, nlp[0] + (a[0] - a), 1e-12)),
        ('Plain NLL', lambda: C('0.1852', nlp[0]) and C('2.4352', nlp.mean()) and C('4', len(a))),
        ('Smoothed loss:', lambda: ALL(C('0.9', 1 - eps), C('0.1852', nlp[0]), C('0.1', eps), C('2.4352', nlp.mean()),
            C('0.4102', l, 0.9 * 0.1852 + 0.1 * 2.4352), C('0.3488', H), C('0.0614', l - H, 0.4102 - 0.3488))),
        ('Gradient: $\\boldsymbol{p} - \\tilde', lambda: CV(['-0.0940', '0.0875', '0.0164', '-0.0098'], p - t, ps - t) and
            CV(['-0.1690', '0.1125', '0.0414', '0.0152'], p - np.eye(4)[0], ps - np.eye(4)[0])),
        ('The target gap is', lambda: ALL(
            C('0.925', t[0]), C('0.025', t[1]), C('37', t[0] / t[1]), C('3.6109', np.log(37)), C('3.6109', np.log(37)),
            [a[0] - a[c] for c in (1, 2, 3)] == [2, 3, 4],
            (p - t)[1] > 0 and (p - t)[2] > 0 and (p - t)[3] < 0,           # descent lowers a_2, a_3, raises a_4
            2 < np.log(37) and 3 < np.log(37) and 4 > np.log(37))),
    ]

# ======================================================================= 10
@register('10_weight_init_variance.md')
def f10():
    R2 = np.random.default_rng(10)
    def mc_layer(n_in, sigma, xgen, trials=200000):
        w = R2.normal(0, sigma, size=(trials, n_in)); x = xgen((trials, n_in))
        return (w * x).sum(1), x
    def mean_zero():
        o, _ = mc_layer(20, 0.3, lambda s: R2.uniform(-2, 2, size=s) )
        return abs(o.mean()) < 5 * o.std() / math.sqrt(o.size)
    def var_formula():
        n_in, s, gam2 = 20, 0.3, 4 / 3           # uniform(-2,2) has variance 4/3
        o, _ = mc_layer(n_in, s, lambda sh: R2.uniform(-2, 2, size=sh))
        return abs(o.var() / (n_in * s ** 2 * gam2) - 1) < 0.02
    def fwd_bwd():
        n_in, n_out = 30, 10
        ok = True
        for sig2 in (1 / n_in, 1 / n_out):
            Wt = R2.normal(0, math.sqrt(sig2), size=(4000, n_out, n_in))
            x = R2.normal(size=(4000, n_in)); gout = R2.normal(size=(4000, n_out))
            o = np.einsum('toi,ti->to', Wt, x); gx = np.einsum('toi,to->ti', Wt, gout)
            if sig2 == 1 / n_in:
                ok &= abs(o.var() - 1) < 0.05 and abs(gx.var() - n_out * sig2) < 0.05
            else:
                ok &= abs(gx.var() - 1) < 0.05
        return ok
    def xavier():
        ok = True
        for ni, no in ((300, 100), (64, 64), (7, 3)):
            s = math.sqrt(2 / (ni + no)); ok &= abs(0.5 * (ni + no) * s ** 2 - 1) < 1e-12
        return ok
    def uniform():
        ok = True
        for ni, no in ((300, 100), (10, 30)):
            a = math.sqrt(6 / (ni + no)); u = R2.uniform(-a, a, size=400000)
            ok &= abs(a ** 2 / 3 - 2 / (ni + no)) < 1e-15 and abs(u.var() / (a ** 2 / 3) - 1) < 0.01
        return ok
    def relu_mean_and_var():
        z = R2.normal(0, 1.5, size=(200000, 25)); x = np.maximum(0, z)
        w = R2.normal(0, 0.2, size=x.shape); o = (w * x).sum(1)
        return x.mean() > 0 and abs(o.var() / (25 * 0.04 * np.mean(x ** 2)) - 1) < 0.02
    def planted():
        z = R2.normal(0, 1.5, size=1000000); x = np.maximum(0, z)
        return abs(np.mean(x ** 2) / z.var() - 1) < 0.05
    return [
        ('# 权重初始化的方差分析', GIVEN),
        ('考虑一个没有非线性的全连接层', GIVEN),
        ('$$E[o_i] =', lambda: mean_zero() and C('0', 0.0 * 0.3)),
        ('$$\\mathrm{Var}[o_i] = E[o_i^2]', var_formula),
        ('要让前向传播时输出的方差不变', lambda: fwd_bwd() and C('1', 30 * (1 / 30)) and C('1', 10 * (1 / 10))),
        ('$$\\frac{1}{2}(n_\\mathrm{in} + n_\\mathrm{out})', lambda: xavier() and C('1', 0.5 * 400 * (2 / 400))),
        ('若从均匀分布', uniform),
        ('例：$n_\\mathrm{in} = 300$，$n_\\mathrm{out} = 100$', lambda: ALL(
            C('300', 300), C('100', 100), C('2', 400 * (2 / (300 + 100))), C('0.005', 2 / 400), C('0.0707', math.sqrt(2 / 400)), C('0.1225', math.sqrt(6 / 400)))),
        ('现在输入来自上一层的 ReLU', lambda: relu_mean_and_var() and C('0', 0)),
        ('$$\\mathrm{Var}[o_i] = n_\\mathrm{in} \\sigma^2 E[x_j^2]$$', relu_mean_and_var),
        ('又因为 $z_j$ 的分布关于', planted),
        ('代入得', lambda: C('1', 300 * (1 / 300))),          # follows from the previous line as written
        ('例：$n_\\mathrm{in} = 300$ 时', lambda: ALL(C('300', 300), C('1', 300 * (1 / 300)), C('0.00333', 1 / 300), C('0.0577', math.sqrt(1 / 300)),
                                                  C('0.0707', math.sqrt(2 / 400)), math.sqrt(1 / 300) < math.sqrt(2 / 400))),
        ('按这种方式初始化', lambda: C('1', 300 * (1 / 300)) and C('1', 1 ** 20) and C('20', 20)),
    ]

# ======================================================================= 11
def bn_forward(x, g, b):
    mu = x.mean(); s = np.sqrt(((x - mu) ** 2).mean()); xh = (x - mu) / s
    return g * xh + b, xh, s

@register('11_batchnorm_backward.md')
def f11():
    def rand_case():
        n = 5
        return RNG.normal(size=n) * 2 + 1, RNG.normal(), RNG.normal(), RNG.normal(size=n)
    def dbg():
        x, g, b, dy = rand_case()
        _, xh, _ = bn_forward(x, g, b)
        return abs(fd(lambda bb: dy @ bn_forward(x, g, bb)[0], b) - dy.sum()) < 1e-7 and \
               abs(fd(lambda gg: dy @ bn_forward(x, gg, b)[0], g) - dy @ xh) < 1e-7
    def dxhat():
        x, g, b, dy = rand_case()
        _, xh, _ = bn_forward(x, g, b)
        return near(ngrad(lambda xx: dy @ (g * xx + b), xh), g * dy, 1e-8)
    def short(x, g, dy):
        n = len(x); _, xh, s = bn_forward(x, g, 0.0); dxh = g * dy
        return (1 / (n * s)) * (n * dxh - dxh.sum() - xh * (dxh * xh).sum())
    def formula():
        ok = True
        for _ in range(3):
            x, g, b, dy = rand_case()
            ok &= near(ngrad(lambda xx: dy @ bn_forward(xx, g, b)[0], x), short(x, g, dy), 1e-6)
        return ok
    def code():
        x, g, b, dy = rand_case(); n = len(x)
        _, xhat, std = bn_forward(x, g, b); dxhat = (g * dy)[:, None]; xhat = xhat[:, None]
        dx = (1/(n*std)) * (n*dxhat - dxhat.sum(0) - xhat*(dxhat*xhat).sum(0))
        return near(dx.ravel(), ngrad(lambda xx: dy @ bn_forward(xx, g, b)[0], x), 1e-6)
    x = A(1, 2, 4, 5); g, b = 2.0, 0.5; dy = A(0.1, -0.2, 0.3, 0.4)
    y, xh, s = bn_forward(x, g, b)
    xhs = A(-1.2649, -0.6325, 0.6325, 1.2649)
    dxh = g * dy
    S_true = (dxh * xh).sum()
    S_s = 0.8854
    pre = 1 / (4 * s); pres = 0.1581
    dx_from_S = lambda S, xx, pp: pp * (4 * dxh - dxh.sum() - xx * S)
    inner_s = 4 * dxh - 1.2 - xhs * S_s
    inner_x = 4 * dxh - dxh.sum() - xh * (S_true - 2 * (-0.4) * xh[1])   # the slip, with exact numbers
    def row(i, sh_in, sh_out):
        return ALL(C('0.1581', pres), C('0.1581', pres), C(['0.8', '-1.6', '2.4', '3.2'][i], 4 * dxh[i]), C('1.2', dxh.sum()),
                   C(['-1.2649', '-0.6325', '0.6325', '1.2649'][i], xh[i]), C('0.8854', S_s),
                   C(sh_in, inner_s[i], inner_x[i]), C(sh_out, pres * inner_s[i], pre * inner_x[i], pres * float(sh_in)))
    return [
        ('ok so the forward pass', GIVEN),
        ('$$\\mu = \\frac{1}{n}', GIVEN),
        ('the easy ones first', GIVEN),
        ('$$\\frac{\\partial L}{\\partial \\beta}', dbg),
        ('now the fun one', dxhat),
        ('$$\\frac{\\partial L}{\\partial x_i} = \\frac{1}{n \\sigma}', formula),
        ("that's the whole backward pass", code),
        ('batch $x = (1, 2, 4, 5)$', lambda: DATA(['0.5', '0.1', '-0.2', '0.3', '0.4', '4', '2'], [b, *dy, len(x), g])),
        ('$\\mu = 3$', lambda: ALL(C('3', x.mean()), near((x - 3) ** 2, [4, 1, 1, 4], 0), C('2.5', ((x - 3) ** 2).mean()),
                                   C('1.5811', s))),
        ('$\\hat{x} = (-1.2649', lambda: CV(['-1.2649', '-0.6325', '0.6325', '1.2649'], xh) and
            CV(['-2.0298', '-0.7649', '1.7649', '3.0298'], y, g * xhs + b)),
        ('$\\partial L / \\partial \\beta = 0.1', lambda: ALL(CV(['0.1', '-0.2', '0.3', '0.4'], dy), C('0.6', dy.sum()),
            CV(['-0.1265', '0.1265', '0.1897', '0.5060'], dy * xh, dy * xhs), C('0.6957', dy @ xh))),
        ('`dxhat` $= \\gamma', lambda: CV(['0.2', '-0.4', '0.6', '0.8'], dxh) and C('1.2', dxh.sum())),
        ('$\\sum_j \\frac{\\partial L}{\\partial \\hat{x}_j} \\hat{x}_j = 0.2', lambda: ALL(
            CV(['0.2', '-1.2649', '-0.4', '-0.6325', '0.6', '0.6325', '0.8', '1.2649'],
               [dxh[0], xh[0], dxh[1], xh[1], dxh[2], xh[2], dxh[3], xh[3]]),
            CV(['-0.2530', '-0.2530', '0.3795', '1.0119'], dxh * xh, dxh * xhs), C('0.8854', S_true)),
         lambda: C('0.8854', -0.2530 - 0.2530 + 0.3795 + 1.0119) and C('-0.2530', -dxh[1] * xh[1])),
        ('prefactor', lambda: C('4', 4) and C('1.5811', s) and C('0.1581', pre, 1 / (4 * 1.5811))),
        ('$\\partial L / \\partial x_1 =', lambda: row(0, '0.7199', '0.1138')),
        ('$\\partial L / \\partial x_2 =', lambda: row(1, '-2.2400', '-0.3541')),
        ('$\\partial L / \\partial x_3 =', lambda: row(2, '0.6400', '0.1012')),
        ('$\\partial L / \\partial x_4 =', lambda: row(3, '0.8801', '0.1391')),
        ('so `dx` $=', lambda: CV(['0.1138', '-0.3541', '0.1012', '0.1391'], pres * inner_s, pre * inner_x,
                                  pres * A(0.7199, -2.2400, 0.6400, 0.8801))),
    ]

# ======================================================================= 12
@register('12_adam_rmsprop_update.md')
def f12():
    def bias_corr():
        ok = True
        for rho1 in (0.9, 0.5):
            g = RNG.normal(size=3); s = np.zeros(3)
            for t in range(1, 8):
                s = rho1 * s + (1 - rho1) * g
                ok &= near(s, (1 - rho1 ** t) * g, 1e-12) and near(s / (1 - rho1 ** t), g, 1e-12)
        return ok
    def rms_first():
        ok = True
        for g in (0.1, 2.0, -5.0, 30.0):
            r = 0.1 * g * g; step = 0.01 / np.sqrt(1e-6 + r) * g
            ok &= abs(abs(step) - 0.01 / np.sqrt(0.1)) / (0.01 / np.sqrt(0.1)) < 1e-3
        return ok
    e, r1, r2, d = 0.1, 0.9, 0.999, 1e-8
    th = 1.0; s = r = 0.0; hist = []
    for t in (1, 2):
        g = 2 * th; s = r1 * s + (1 - r1) * g; r = r2 * r + (1 - r2) * g * g
        sh = s / (1 - r1 ** t); rh = r / (1 - r2 ** t); dth = -e * sh / (np.sqrt(rh) + d); th += dth
        hist.append(dict(g=g, s=s, r=r, sh=sh, rh=rh, srh=np.sqrt(rh), dth=dth, th=th))
    h1, h2 = hist
    return [
        ('Обозначения как у Гудфеллоу', GIVEN),
        ('**RMSProp** (алгоритм 8.5)', GIVEN),
        ('**Adam** (алгоритм 8.7)', GIVEN),
        ('$$\\boldsymbol{s} \\leftarrow \\rho_1', GIVEN),
        ('$$\\hat{\\boldsymbol{s}} \\leftarrow', GIVEN),
        ('Поправка на смещение нужна', lambda: bias_corr() and C('0', 0)),
        ('## Пример: $J(\\theta) = \\theta^2$', lambda: C('1', 1.0) and C('2', fd(lambda t: t ** 2, 1.0) / 1.0) and abs(fd(lambda t: t ** 2, 1.0) - 2.0) < 1e-8 and
            abs(fd(lambda t: t ** 2, 0.37) - 0.74) < 1e-8),
        ('RMSProp с $\\epsilon = 0.01$', lambda: ALL(
            C('10', 10), C('2', 2 * 1.0), C('0.01', 0.01), C('0.9', 0.9), C('0.1', 1 - 0.9), C('0.4', 0.1 * 4), C('0.01', 0.01), C('0.4', 0.4),
            C('-0.0316', -0.01 * 2 / np.sqrt(1e-6 + 0.4)), C('0.9684', 1 - 0.01 * 2 / np.sqrt(1e-6 + 0.4)))),
        ('Заметим, что первый шаг RMSProp', lambda: rms_first() and C('0.0316', 0.01 / np.sqrt(0.1)) and
            C('3.16', 1 / np.sqrt(0.1))),
        ('Adam с $\\epsilon = 0.1$', lambda: DATA(['0.1', '0.9', '0.999', '10'], [e, r1, r2, 10])),
        ('Шаг $t = 1$', lambda: ALL(
            C('1', 1), C('2', h1['g']), C('0.1', 1 - r1), C('0.2', h1['s']), C('0.001', 1 - r2), C('0.004', h1['r']),
            C('0.2', h1['s']), C('0.1', 1 - r1), C('0.004', h1['r']), C('0.001', 1 - r2), C('0.1', e),
            C('2', h1['sh']), C('4', h1['rh']), C('-0.1', h1['dth']), C('0.9', h1['th']))),
        ('Шаг $t = 2$', lambda: ALL(
            C('2', 2), C('1.8', h2['g']), C('1.8', h2['g']), C('0.9', r1), C('0.2', h1['s']), C('0.1', 1 - r1), C('0.36', h2['s']),
            C('0.999', r2), C('0.004', h1['r']), C('0.001', 1 - r2), C('3.24', h2['g'] ** 2), C('0.007236', h2['r']))),
        ('Поправки:', lambda: ALL(
            C('0.36', h2['s']), C('0.81', r1 ** 2), C('1.8947', h2['sh']), C('0.007236', h2['r']), C('0.998001', r2 ** 2),
            C('3.6198', h2['rh']), C('1.9026', h2['srh'], np.sqrt(3.6198)))),
        ('$\\Delta\\theta = -0.1 \\cdot 1.8947', lambda: ALL(
            C('0.1', e), C('1.8947', h2['sh']), C('1.9026', h2['srh']), C('-0.0996', h2['dth']), C('0.8004', h2['th'], 0.9 - 0.0996))),
        ('Итак, в начале обучения Adam', lambda: ALL(
            C('1', h1['sh'] / np.sqrt(h1['rh'])), C('0.9959', h2['sh'] / h2['srh'], 1.8947 / 1.9026),
            h1['dth'] < 0 and h2['dth'] < 0, abs(h1['dth'] + e) < 1e-6, abs(h2['dth'] + e) < 0.01 * e)),
    ]

# ======================================================================= 13
@register('13_l2_regularization_gradient.md')
def f13():
    relu = lambda z: np.maximum(0, z)
    def f_net(x, b0, O0, b1, O1):
        return b1 + O1 @ relu(b0 + O0 * x)
    def Ltilde(b0, O0, b1, O1, xs, ys, lam):
        return sum((f_net(x, b0, O0, b1, O1) - y) ** 2 for x, y in zip(xs, ys)) + lam * (np.sum(O0 ** 2) + np.sum(O1 ** 2))
    def rand():
        return RNG.normal(size=2), RNG.normal(size=2), RNG.normal(), RNG.normal(size=2), RNG.normal(size=3), RNG.normal(size=3), 0.37
    def grad_formula():
        b0, O0, b1, O1, xs, ys, lam = rand()
        g_data = ngrad(lambda o: Ltilde(b0, O0, b1, o, xs, ys, 0.0), O1)
        g_full = ngrad(lambda o: Ltilde(b0, O0, b1, o, xs, ys, lam), O1)
        return near(g_full, g_data + 2 * lam * O1, 1e-6)
    def update_identity():
        ok = True
        for _ in range(5):
            phi, gd, al, lam = RNG.normal(), RNG.normal(), RNG.uniform(0, 1), RNG.uniform(0, 1)
            ok &= abs((phi - al * (gd + 2 * lam * phi)) - ((1 - 2 * al * lam) * phi - al * gd)) < 1e-12
        return ok
    def chain():
        b0, O0, b1, O1, xs, ys, lam = rand(); x, y = xs[0], ys[0]
        l = lambda b0_, O0_, b1_, O1_: (f_net(x, b0_, O0_, b1_, O1_) - y) ** 2
        f = f_net(x, b0, O0, b1, O1); h = relu(b0 + O0 * x)
        g1 = ngrad(lambda o: l(b0, O0, b1, o), O1); g0 = ngrad(lambda o: l(b0, o, b1, O1), O0)
        return near(g1, 2 * (f - y) * h, 1e-6) and near(g0, 2 * (f - y) * (O1 * (b0 + O0 * x > 0)) * x, 1e-6)
    b0, O0, b1, O1 = A(0, 0.5), A(1, -1), 0.0, A(0.5, 1); lam, al = 0.1, 0.1
    xs, ys = A(1, -1), A(1, 0.5)
    pre = [b0 + O0 * x for x in xs]; hs = [relu(p) for p in pre]; fs = [b1 + O1 @ h for h in hs]
    ls = [(f - y) ** 2 for f, y in zip(fs, ys)]
    gO1 = [2 * (f - y) * h for f, y, h in zip(fs, ys, hs)]
    gO0 = [2 * (f - y) * (O1 * (p > 0)) * x for f, y, p, x in zip(fs, ys, pre, xs)]
    Lt = Ltilde(b0, O0, b1, O1, xs, ys, lam)
    G1 = ngrad(lambda o: Ltilde(b0, O0, b1, o, xs, ys, lam), O1)
    G0 = ngrad(lambda o: Ltilde(b0, o, b1, O1, xs, ys, lam), O0)
    Gb = fd(lambda b: Ltilde(b0, O0, b, O1, xs, ys, lam), b1)
    return [
        ("Shallow network in Prince's notation", GIVEN),
        ('The L2-regularized loss adds', GIVEN),
        ('$$\\tilde{L}[\\boldsymbol\\phi] =', GIVEN),
        ('$$\\frac{\\partial \\tilde{L}}{\\partial \\phi_j}', grad_formula),
        ('so a gradient step with learning rate', GIVEN),
        ('$$\\phi_j \\leftarrow \\phi_j', update_identity),
        ('By the chain rule', lambda: chain() and C('2', 2) and C('2', 2)),
        ('$\\boldsymbol\\beta_0 = (0, 0.5)^T$', lambda: DATA(['0.5', '0.5', '0.1', '0.1', '0.5', '0'], [b0[1], O1[0], lam, al, ys[1], b1])),
        ('Example 1:', lambda: ALL(CV(['1', '-0.5'], pre[0]), CV(['1', '0'], hs[0]), C('0.5', fs[0]), C('0.25', ls[0]),
            C('-0.5', fs[0] - ys[0]), C('2', 2), CV(['1', '0'], hs[0]), CV(['-1', '0'], gO1[0]))),
        ('Example 2:', lambda: ALL(CV(['-1', '1.5'], pre[1]), CV(['0', '1.5'], hs[1]), C('1.5', fs[1]), C('1', ls[1]),
            C('1', fs[1] - ys[1]), C('2', 2), CV(['0', '1.5'], hs[1]), CV(['0', '3'], gO1[1]))),
        ('Penalty:', lambda: ALL(C('0.5', O1[0]), C('0.1', lam), C('3.25', np.sum(O0 ** 2) + np.sum(O1 ** 2)),
            C('0.325', lam * 3.25), C('0.325', lam * 3.25), C('0.25', ls[0]), C('1.575', Lt))),
        ('$\\partial \\tilde{L} / \\partial \\boldsymbol\\Omega_1 =', lambda: ALL(
            CV(['-1', '0', '0', '3'], np.r_[gO1[0], gO1[1]]), C('0.1', lam), CV(['0.5', '1'], O1),
            CV(['-0.9', '3.2'], G1, gO1[0] + gO1[1] + 2 * lam * O1))),
        ('$\\partial \\tilde{L} / \\partial \\boldsymbol\\Omega_0 =', lambda: ALL(
            CV(['-0.5', '0', '0', '-2'], np.r_[gO0[0], gO0[1]]), C('0.2', 2 * lam),
            CV(['-0.3', '-2.2'], G0, gO0[0] + gO0[1] + 2 * lam * O0))),
        ('Unregularized bias:', lambda: ALL(C('2', 2), C('-0.5', fs[0] - ys[0]), C('1', fs[1] - ys[1]), C('1', Gb))),
        ('Update of $\\boldsymbol\\Omega_1$', lambda: ALL(
            C('0.02', 2 * al * lam), CV(['0.5', '1'], O1), C('0.1', al), CV(['-1', '3'], gO1[0] + gO1[1]),
            CV(['0.49', '0.98'], (1 - 2 * al * lam) * O1), CV(['0.1', '-0.3'], -al * (gO1[0] + gO1[1])),
            CV(['0.59', '0.68'], O1 - al * G1), C('0.5', O1[0]), C('0.1', al), C('0.1', al), CV(['-0.9', '3.2'], G1))),
        ('Update of $\\boldsymbol\\Omega_0$', lambda: ALL(
            C('0.1', al), CV(['-0.3', '-2.2'], G0), CV(['1.03', '-0.78'], O0 - al * G0), C('0.1', al), C('-0.1', b1 - al * Gb))),
    ]

# ======================================================================= 14
@register('14_gaussian_mle_to_mse.md')
def f14():
    def logp(w, beta, x, t):
        y = w[0] + w[1] * x
        return np.sum(np.log(np.sqrt(beta / (2 * np.pi)) * np.exp(-beta / 2 * (t - y) ** 2)))
    def density():
        ok = True
        for _ in range(4):
            t, y, beta = RNG.normal(), RNG.normal(), RNG.uniform(0.2, 5)
            var = 1 / beta
            ref = 1 / np.sqrt(2 * np.pi * var) * np.exp(-(t - y) ** 2 / (2 * var))
            ok &= abs((beta / (2 * np.pi)) ** 0.5 * np.exp(-beta / 2 * (t - y) ** 2) - ref) < 1e-14
        return ok
    def logformula():
        x, t = RNG.normal(size=6), RNG.normal(size=6); w = RNG.normal(size=2); beta = 2.3; N = 6
        y = w[0] + w[1] * x
        return abs(logp(w, beta, x, t) - (-beta / 2 * np.sum((y - t) ** 2) + N / 2 * np.log(beta) - N / 2 * np.log(2 * np.pi))) < 1e-10
    def equiv():
        x, t = RNG.normal(size=6), RNG.normal(size=6); beta = 1.7
        E = lambda w: 0.5 * np.sum((w[0] + w[1] * x - t) ** 2)
        consts = [logp(w, beta, x, t) + beta * E(w) for w in RNG.normal(size=(4, 2))]
        Phi = np.c_[np.ones(6), x]; wml = np.linalg.lstsq(Phi, t, rcond=None)[0]   # argmin of E
        grid_ok = all(logp(wml + d, beta, x, t) < logp(wml, beta, x, t) for d in RNG.normal(size=(20, 2)) * 0.1)
        return np.ptp(consts) < 1e-10 and grid_ok and near(ngrad(lambda w: logp(w, beta, x, t), wml), [0, 0], 1e-6)
    def beta_ml():
        x, t = RNG.normal(size=7), RNG.normal(size=7)
        Phi = np.c_[np.ones(7), x]; w = np.linalg.lstsq(Phi, t, rcond=None)[0]
        b = 1 / np.mean((Phi @ w - t) ** 2)
        return abs(fd(lambda bb: logp(w, bb, x, t), b)) < 1e-6 and fd(lambda bb: logp(w, bb, x, t), 0.8 * b) > 0
    def grad_formula():                        # the claimed gradient, at random points
        ok = True
        for _ in range(3):
            x, t = RNG.normal(size=5), RNG.normal(size=5); w = RNG.normal(size=2); beta = 1.3
            y = w[0] + w[1] * x; phi = np.c_[np.ones(5), x]
            ok &= near(ngrad(lambda ww: logp(ww, beta, x, t), w), beta * ((y - t) @ phi), 1e-5)
        return ok
    x, t = A(0, 1, 2), A(1, 2, 2); w = A(1, 0.5); beta = 4.0; N = 3
    y = w[0] + w[1] * x; E = 0.5 * np.sum((y - t) ** 2)
    Phi = np.c_[np.ones(3), x]; wml = np.linalg.solve(Phi.T @ Phi, Phi.T @ t); res = Phi @ wml - t
    claimed_grad = beta * ((y - t) @ Phi)                     # as the file's formula gives
    return [
        ('Annahme: $t = y', GIVEN),
        ('$$p(t \\mid \\mathbf{x}, \\mathbf{w}, \\beta) =', density),
        ('Für unabhängig gezogene Daten', GIVEN),
        ('\\prod_{n=1}^{N} \\mathcal{N}(t_n', GIVEN),
        ('$$\\ln p(\\mathsf{t} \\mid \\mathsf{X}, \\mathbf{w}, \\beta) = -\\frac{\\beta}{2}', logformula),
        ('Die letzten beiden Terme', equiv),
        ('Ableiten nach $\\beta$', GIVEN),
        ('$$\\frac{1}{\\beta_{\\mathrm{ML}}}', beta_ml),
        ('Lineares Modell', lambda: DATA(['3'], [len(x)])),
        ('Bei $\\mathbf{w} = (1, 0.5)^T$ und', lambda: ALL(
            C('4', beta), CV(['1', '1.5', '2'], y), near((y - t) ** 2, [0, 0.25, 0]), C('0.25', 0.25), C('0.125', E), C('0.5', w[1]))),
        ('$\\ln p = -4', lambda: ALL(
            C('-4', -beta), C('0.125', E), C('1.5', N / 2), C('1.5', N / 2), C('-0.5', -beta * E), C('2.0794', 1.5 * np.log(4)), C('2.7568', 1.5 * np.log(2 * np.pi)),
            C('-1.1774', logp(w, beta, x, t), -0.5 + 2.0794 - 2.7568))),
        ('Normalgleichungen:', lambda: ALL(
            near(wml, [7 / 6, 1 / 2], 1e-12), CV(['1.1667', '0.5'], wml), near(res, [1 / 6, -1 / 3, 1 / 6], 1e-12),
            abs(0.5 * np.sum(res ** 2) - 1 / 12) < 1e-12, C('1', 12 * 0.5 * np.sum(res ** 2)))),
        ('Damit $1/\\beta_{\\mathrm{ML}}', lambda: ALL(
            abs(np.mean(res ** 2) - (1 / 3) * (1 / 36 + 4 / 36 + 1 / 36)) < 1e-15, abs(np.mean(res ** 2) - 1 / 18) < 1e-15,
            C('0.0556', 1 / 18), C('1', 18 * np.mean(res ** 2)), C('18', 1 / np.mean(res ** 2)))),
        ('Gradient der Log-Likelihood bzgl.', GIVEN),
        ('$$\\nabla_{\\mathbf{w}} \\ln p(\\mathsf{t}', grad_formula),
        ('Bei $\\mathbf{w} = (1, 0.5)^T$: $4', lambda: ALL(                # follows the formula as written
            near(y - t, [0, -0.5, 0]), C('-0.5', (y - t)[1]), C('0.5', w[1]), CV(['-2', '-2'], claimed_grad))),
        ('Ein Schritt Gradientenaufstieg', lambda: ALL(
            C('0.05', 0.05), C('0.1', 0.05 * 2), C('0.1', 0.05 * 2), CV(['0.9', '0.4'], w + 0.05 * claimed_grad),
            C('0.5', w[1]))),
    ]

# ======================================================================= 15
@register('15_multiclass_svm_gradient.md')
def f15():
    def Li(W, x, y, delta=1.0):
        s = x @ W
        return sum(max(0.0, s[j] - s[y] + delta) for j in range(W.shape[1]) if j != y)
    def rand_case():
        while True:
            Dd, Cc = 4, 5
            W = RNG.normal(size=(Dd, Cc)); x = RNG.normal(size=Dd); y = int(RNG.integers(Cc))
            s = x @ W; m = s - s[y] + 1
            if all(abs(m[j]) > 1e-3 for j in range(Cc) if j != y):
                return W, x, y, m
    def grads_ok(which):
        ok = True
        for _ in range(4):
            W, x, y, m = rand_case()
            g = ngrad(lambda WW: Li(WW, x, y), W)
            for j in range(W.shape[1]):
                if j != y:
                    ok &= near(g[:, j], float(m[j] > 0) * x, 1e-6)
            cnt = sum(m[j] > 0 for j in range(W.shape[1]) if j != y)
            ok &= near(g[:, y], -cnt * x, 1e-6)
        return ok
    def reg():
        W, x, y, m = rand_case(); lam = 0.3
        Lfull = lambda WW: Li(WW, x, y) + lam * np.sum(WW ** 2)
        return near(ngrad(Lfull, W) - ngrad(lambda WW: Li(WW, x, y), W), 2 * lam * W, 1e-6)
    x = A(1, 0.5, -1); y = 2
    W = A([2, 3, 1, 1], [0.4, 1, 2, 1], [0, 0, -1, 0])
    s = x @ W; m = s - s[y] + 1
    g = ngrad(lambda WW: Li(WW, x, y), W)
    margins_np = np.maximum(0, s - s[y] + 1)
    dW_file = np.zeros_like(W)
    for j in (0, 1):
        dW_file[:, j] = x
    dW_file[:, y] = -3 * x
    return [
        ('Scores $s = f(x_i, W)$', GIVEN),
        ('$$L_i = \\sum_{j \\neq y_i}', GIVEN),
        ('Differentiating, each violated margin', lambda: grads_ok('both')),
        ('$$\\nabla_{w_j} L_i', lambda: grads_ok('j')),
        ('$$\\nabla_{w_{y_i}} L_i', lambda: grads_ok('y')),
        ('The full loss adds the regularizer', reg),
        ('## Example ($D = 3$', lambda: ALL(C('3', W.shape[0]), C('4', W.shape[1]), C('1', 1), C('1', 1.0))),
        ('$x_i = (1, 0.5, -1)^T$', lambda: DATA(['0.5', '2'], [x[1], y])),
        ('$W = \\begin{pmatrix} 2 & 3', lambda: DATA(['0.4'], [W[1, 0]])),
        ('Scores: $s =', lambda: ALL(
            near([x[0] * W[0, 0], x[1] * W[1, 0]], [2, 0.2]), C('0.2', x[1] * W[1, 0]),
            near([x[0] * W[0, 1], x[1] * W[1, 1]], [3, 0.5]), C('0.5', x[1] * W[1, 1]),
            near([x[0] * W[0, 2], x[1] * W[1, 2], x[2] * W[2, 2]], [1, 1, 1]),
            near([x[0] * W[0, 3], x[1] * W[1, 3]], [1, 0.5]), C('0.5', x[1] * W[1, 3]),
            CV(['2.2', '3.5', '3', '1.5'], s), C('3', s[y]))),
        ('Margins for $j \\neq y_i$', lambda: ALL(
            CV(['0.2', '1.5', '-0.5'], m[[0, 1, 3]]), C('0.2', max(0, m[0])), C('1.5', max(0, m[1])), C('1.7', Li(W, x, y)))),
        ('Wrong-class columns:', lambda: ALL(near(g[:, 0], x, 1e-6), CV(['1', '0.5', '-1'], x), near(g[:, 1], x, 1e-6), near(g[:, 3], 0, 1e-6), C('0', float(np.round(np.abs(g[:, 3]).max(), 6))))),
        ('In numpy, `margins', lambda: ALL(
            CV(['0.2', '1.5', '1', '0'], margins_np), int((margins_np > 0).sum()) == 3,
            CV(['-3', '-1.5', '3'], g[:, y])),
         lambda: CV(['-3', '-1.5', '3'], -3 * x)),
        ('Without the regularizer: $\\mathrm{dW}', lambda: CV(
            ['1', '1', '-3', '0', '0.5', '0.5', '-1.5', '0', '-1', '-1', '3', '0'], dW_file)),
        ('With $\\lambda = 0.1$ the correct-class column', lambda: ALL(
            CV(['-3', '-1.5', '3'], dW_file[:, y]), C('0.1', 0.1), C('0.2', 2 * 0.1), CV(['1', '2', '-1'], W[:, y]),
            CV(['-2.8', '-1.1', '2.8'], dW_file[:, y] + 0.2 * W[:, y]))),
        ('A step $W \\leftarrow W - 0.1', lambda: ALL(
            C('0.1', 0.1), CV(['1.3', '2.15', '-1.3'], W[:, y] - 0.1 * dW_file[:, y]), C('3', s[y]),
            C('3.675', x @ (W[:, y] - 0.1 * dW_file[:, y])))),
    ]

# ======================================================================= 16
@register('16_softmax_jacobian.md')
def f16():
    def jac_entry():
        ok = True
        for _ in range(3):
            th = RNG.normal(size=4); yh = softmax(th); e = np.exp(th); S = e.sum()
            J = jac(softmax, th)
            quot = (np.diag(e) * S - np.outer(e, e)) / S ** 2
            ok &= near(J, quot, 1e-8) and near(J, yh[:, None] * (np.eye(4) - yh[None, :]), 1e-8)
        return ok
    def matrix_form():
        th = RNG.normal(size=4); yh = softmax(th); J = np.diag(yh) - np.outer(yh, yh)
        return ALL(near(jac(softmax, th), J, 1e-8), near(J, J.T, 1e-15), near(J.sum(1), 0, 1e-12),
                   near(softmax(th + 3.7), softmax(th), 1e-12))
    def ce_deriv():
        yh = softmax(RNG.normal(size=4)); y = np.eye(4)[2]
        return near(ngrad(lambda p: -y @ np.log(p), yh), -y / yh, 1e-6)
    def chain():
        ok = True
        for k in range(3):
            th = RNG.normal(size=3); yh = softmax(th); y = np.eye(3)[k]
            J = yh[:, None] * (np.eye(3) - yh[None, :])
            ok &= near((-y / yh) @ J, yh - y, 1e-12) and near(ngrad(lambda t: -y @ np.log(softmax(t)), th), yh - y, 1e-7)
        return ok
    def w2v_def():
        U = RNG.normal(size=(2, 4)); v = RNG.normal(size=2); o = 1
        P = np.exp(U[:, o] @ v) / sum(np.exp(U[:, w] @ v) for w in range(4))
        return abs(P - softmax(U.T @ v)[o]) < 1e-12
    def w2v_grad():
        U = RNG.normal(size=(2, 4)); v = RNG.normal(size=2); o = 2; y = np.eye(4)[o]
        Jf = lambda U_, v_: -np.log(softmax(U_.T @ v_)[o])
        yh = softmax(U.T @ v)
        return near(ngrad(lambda vv: Jf(U, vv), v), U @ (yh - y), 1e-7) and \
               near(ngrad(lambda UU: Jf(UU, v), U), np.outer(v, yh - y), 1e-7)
    U = A([1, 0, -1], [0.5, 1, 0]); v = A(1, 0.5); o = 1; y = np.eye(3)[o]
    th = U.T @ v; e = np.exp(th); yh = e / e.sum(); J = np.diag(yh) - np.outer(yh, yh)
    yhs = A(0.6338, 0.2994, 0.0668)
    Js = A([0.2321, -0.1898, -0.0423], [-0.1898, 0.2098, -0.0200], [-0.0423, -0.0200, 0.0623])
    return [
        ('# The Jacobian of softmax', GIVEN),
        ('For $\\boldsymbol\\theta \\in \\mathbb{R}^n$', GIVEN),
        ('$$\\frac{\\partial \\hat y_i}{\\partial \\theta_j}', jac_entry),
        ('In matrix form', lambda: matrix_form() and C('0', float(np.round(np.abs((np.diag(softmax([1., 2.])) - np.outer(softmax([1., 2.]), softmax([1., 2.]))).sum(1)).max(), 12)))),
        ('With a one-hot $\\boldsymbol{y}$', ce_deriv),
        ('$$\\frac{\\partial \\mathrm{CE}}{\\partial \\theta_j}', chain),
        ('In word2vec with the naive softmax', w2v_def),
        ('$$\\frac{\\partial \\boldsymbol{J}}{\\partial \\boldsymbol{v}_c}', w2v_grad),
        ('## Numbers (vocabulary of 3 words', lambda: C('2', U.shape[0]) and U.shape[1] == 3),
        ('$\\mathbf{U} = \\begin{pmatrix}', lambda: DATA(['0.5', '0.5', '2'], [U[1, 0], v[1], o + 1])),
        ('$\\boldsymbol\\theta = \\mathbf{U}^\\top \\boldsymbol{v}_c = (1.25', lambda: ALL(CV(['1.25', '0.5', '-1'], th),
            CV(['3.4903', '1.6487', '0.3679'], e), C('5.5069', e.sum()), CV(['0.6338', '0.2994', '0.0668'], yh))),
        ('$\\frac{\\partial \\boldsymbol{\\hat y}}{\\partial \\boldsymbol\\theta} = \\begin', lambda: ALL(
            CV(['0.2321', '-0.1898', '-0.0423', '-0.1898', '0.2098', '-0.0200', '-0.0423', '-0.0200', '0.0623'], J),
            C('0.6338', yh[0]), C('0.3662', 1 - yh[0]), C('0.2321', yh[0] * (1 - yh[0]), 0.6338 * 0.3662),
            C('-0.1898', -yh[0] * yh[1]))),
        ('Row check:', lambda: C('0', round(0.2321 - 0.1898 - 0.0423, 12)) and C('0.2321', J[0, 0]) and
            C('0.1898', -J[0, 1]) and C('0.0423', -J[0, 2]) and abs(J[0].sum()) < 1e-12),
        ('Loss: $\\boldsymbol{J}', lambda: C('0.2994', yh[o]) and C('1.2060', -np.log(yh[o]), -np.log(0.2994))),
        ('Gradient: $\\frac{\\partial \\boldsymbol{J}}', lambda: ALL(
            CV(['0.6338', '-0.7006', '0.0668'], yh - y), near(-(1 / yh[o]) * J[o], yh - y, 1e-12))),
        ('= \\mathbf{U} (\\boldsymbol{\\hat y} - \\boldsymbol{y}) = (0.6338', lambda: ALL(
            CV(['0.6338', '0.0668', '0.5', '0.6338', '-0.7006'], [yh[0], yh[2], U[1, 0], yh[0], yh[1] - 1]),
            CV(['0.5670', '-0.3837'], U @ (yh - y), U @ (yhs - y)))),
        ('$\\frac{\\partial \\boldsymbol{J}}{\\partial \\boldsymbol{u}_o}', lambda: ALL(
            C('0.2994', yh[o]), CV(['-0.7006', '-0.3503'], (yh[o] - 1) * v), C('0.6338', yh[0]),
            CV(['0.6338', '0.3169'], yh[0] * v, yhs[0] * v))),
    ]

# ------------------------------------------------------------------ driver
def math_lines(lines):
    out, in_disp = set(), False
    for i, ln in enumerate(lines, 1):
        s = ln.strip()
        if s.startswith('<!--'):
            continue
        if s == '$$':
            in_disp = not in_disp
            out.add(i)
            continue
        if in_disp or '$' in s or r'\(' in s or r'\[' in s or (re.search(r'[=≈<>]', s) and re.search(r'\d', s)):
            out.add(i)
    return out

_NUM = r'(?<![\w.])(\d+(?:\.\d+)?)(?![\d.]*\d)'

def decimals(line):
    return [t for t in re.findall(r'(?<![\w.])(\d+\.\d+)', line)]

def account(line, lits):
    """every checked value is printed on the line, and every printed decimal
    number (counted with multiplicity) is matched by a checked value."""
    from collections import Counter
    probs = []
    shown = Counter(s.lstrip('+-') for s in lits)
    for s in shown:
        if not re.search(r'(?<![\d.])' + re.escape(s) + r'(?![\d])', line):
            probs.append(f'checked value {s!r} not printed on the line')
    printed = Counter(decimals(line)) + Counter(m.lstrip('-') for m in re.findall(r'(?<== )-?\d+(?![\d.])', line))
    rest = sorted(f'{d} x{printed[d] - shown[d]}' for d in printed if printed[d] > shown[d])
    if rest:
        probs.append(f'decimal numbers printed but not checked: {rest}')
    return probs

def check_file(name, builder):
    lines = open(os.path.join(D, name), encoding='utf-8').read().split('\n')
    if lines and lines[-1] == '':
        lines = lines[:-1]
    problems, covered, first_false, prev = [], set(), None, 0
    entries = builder()
    for entry in entries:
        sub, pred = entry[0], entry[1]
        hits = [i for i, ln in enumerate(lines, 1) if sub in ln]
        if len(hits) != 1:
            problems.append(f'substring matches {len(hits)} lines: {sub!r}')
            continue
        ln = hits[0]; text = lines[ln - 1]
        if ln <= prev:
            problems.append(f'check out of order at line {ln}: {sub!r}')
        prev = ln
        covered.add(ln)
        _LITS.clear(); _FAILS.clear()
        try:
            res = pred()
        except Exception as e:
            res = False
            problems.append(f'predicate error line {ln}: {e!r}')
        given = res is GIVEN_MARK
        ok = True if given else bool(res)
        if ok and (not given or _LITS):      # given data lines that declare their numbers are accounted too
            acc = account(text, list(_LITS))
            problems += [f'line {ln}: {p}' for p in acc]
            ok = not acc          # the printed numbers must be exactly the verified ones
        if len(entry) > 2:                       # planted line: the author's wrong value
            _LITS.clear()
            try:
                pok = bool(entry[2]())
            except Exception as e:
                pok = False
            if ok or not pok:
                problems.append(f'line {ln}: planted-line consistency failed (ok={ok}, wrong-value check={pok})')
        if VERBOSE:
            print(f'      {name} L{ln:2d} {"G" if given else ("T" if ok else "F")}  {text[:80]}')
            if not ok:
                print('         failed literals:', _FAILS[:4])
        if not ok and (first_false is None or ln < first_false):
            first_false = ln
    missing = sorted(math_lines(lines) - covered)
    if missing:
        problems.append(f'math lines without a check: {missing}')
    return first_false, problems, len(lines)

def main():
    expected = json.load(open(os.path.join(D, 'expected.json')))
    all_ok = set(expected) == set(FILES)
    if not all_ok:
        print('file set mismatch:', sorted(set(expected) ^ set(FILES)))
    for name in sorted(FILES):
        ff, probs, n = check_file(name, FILES[name])
        exp = expected.get(name, 'missing')
        ok = (ff == exp) and not probs and 12 <= n <= 40
        all_ok &= ok
        print(f'{name:40s} lines={n:2d} first_false={ff!s:4s} expected={exp!s:4s} {"OK" if ok else "MISMATCH"}')
        for p in probs:
            print('    !', p)
    print('ALL OK' if all_ok else 'NOT OK')
    return 0 if all_ok else 1

if __name__ == '__main__':
    sys.exit(main())
