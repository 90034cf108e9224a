#!/usr/bin/env python3
"""Independent NumPy verifier for corpus54.

Each file gets an ordered list of entries (substring, predicate[, carried]).
The substring locates the next line (searching forward from the previous
entry) and the predicate decides whether that line is mathematically true.
Definitions / data get GIVEN.  Claims are recomputed: worked numbers must be
right to their printed precision (for every candidate supplied: the exact
value and, where the student carries rounded values, the value recomputed
from those), symbolic derivative claims are checked by central finite
differences at the given point and at random points, sizes are checked by
enumerating window positions / building the parameter arrays.

Every line containing math (inline $..$, \( \), or inside a display block)
must be covered by an entry, except pure delimiter lines (\begin/\end, $$).
Every number with >= 3 decimals on a checked line must either be verified on
that line or be declared as a carried value that was verified (or given) on an
earlier line.  The first false line of each file is compared to expected.json.
Run with -v for a line-by-line trace.
"""
import json, math, os, re, sys
import numpy as np

VERBOSE = '-v' in sys.argv
HERE = os.path.dirname(os.path.abspath(__file__))
RNG = np.random.default_rng(54)

# ----------------------------------------------------------------- helpers
def GIVEN():
    return True

_REC = []          # literals recorded by C/CV/I during one predicate call

def _tol(s):
    m = re.fullmatch(r'-?(\d+)(?:\.(\d+))?', s)
    assert m, f'bad literal {s!r}'
    d = len(m.group(2) or '')
    return float(s), 0.5 * 10.0 ** (-d) * (1 + 1e-9) + 1e-12

def C(shown, *cands):
    """The printed number `shown` is correct to its printed precision for
    EVERY candidate (exact value, value from rounded carried inputs, ...)."""
    _REC.append(shown)
    v, t = _tol(shown)
    assert cands, 'no candidate'
    return all(abs(v - float(c)) <= t for c in cands)

def CV(shown, *arrays):
    arrays = [np.ravel(np.asarray(a, float)) for a in arrays]
    ok = all(a.size == len(shown) for a in arrays)
    res = [C(s, *[a[i] for a in arrays]) for i, s in enumerate(shown)] if ok else [False]
    return ok and all(res)

def I(shown, value):
    """integer literal equals an exactly computed integer"""
    _REC.append(shown)
    return int(shown) == int(value)

def E(expr, value, tol=1e-9):
    """a printed arithmetic expression (LaTeX, copied verbatim from the line) evaluates to value"""
    _REC.append(expr)
    v = _arith(expr)
    return v is not None and abs(v - float(value)) <= tol

def near(a, b, tol=1e-6):
    a = np.asarray(a, float); b = np.asarray(b, float)
    if a.shape != b.shape and b.ndim and a.ndim:
        return False
    return bool(np.allclose(a, b, atol=tol, rtol=0))

def fd(f, x, h=1e-6):
    return (f(x + h) - f(x - h)) / (2 * h)

def grad(f, x, h=1e-6):
    x = np.array(x, float); g = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        e = np.zeros_like(x); e[idx] = h
        g[idx] = (f(x + e) - f(x - e)) / (2 * h)
    return g

def jac(f, x, h=1e-6):
    x = np.array(x, float)
    cols = []
    for i in range(x.size):
        e = np.zeros_like(x); e.flat[i] = h
        cols.append((np.ravel(f(x + e)) - np.ravel(f(x - e))) / (2 * h))
    return np.stack(cols, axis=1)

def allof(*bs):
    return all(bool(b) for b in bs)

sig = lambda z: 1.0 / (1.0 + np.exp(-z))
relu = lambda z: np.maximum(z, 0.0)
def softmax(z):
    z = np.asarray(z, float); e = np.exp(z - z.max()); return e / e.sum()
def r(shape=None):
    return RNG.normal(size=shape)

FILES = {}
def register(name):
    def deco(fn):
        FILES[name] = fn
        return fn
    return deco

# ======================================================================= 01
@register('01_mlp_relu_backprop.md')
def f01():
    x = np.array([1., 2.]); W1 = np.array([[.5, -.2], [.3, .1]]); b1 = np.array([.1, -.6])
    W2 = np.array([[1., -.5], [2., .5]]); b2 = np.array([0., .1]); y = np.array([1., 0.])
    def loss(W1_=W1, b1_=b1, W2_=W2, b2_=b2):
        return 0.5 * np.sum((W2_ @ relu(W1_ @ x + b1_) + b2_ - y) ** 2)
    z1 = W1 @ x + b1; h = relu(z1); yh = W2 @ h + b2; L = loss()
    gW2 = grad(lambda t: loss(W2_=t), W2); gb2 = grad(lambda t: loss(b2_=t), b2)
    gW1 = grad(lambda t: loss(W1_=t), W1); gb1 = grad(lambda t: loss(b1_=t), b1)
    gz1 = grad(lambda t: 0.5 * np.sum((W2 @ relu(t) + b2 - y) ** 2), z1)
    d2 = grad(lambda t: 0.5 * np.sum((t - y) ** 2), yh)
    def delta1_formula_claimed():
        ok = True
        for _ in range(5):
            A = r((2, 2)); c = r(2); yy = r(2); zz = r(2)
            zz = np.where(np.abs(zz) < .1, .5, zz)
            true = grad(lambda t: 0.5 * np.sum((A @ relu(t) + c - yy) ** 2), zz)
            dd = A @ relu(zz) + c - yy
            ok &= near(true, (A @ dd) * (zz > 0), 1e-6)      # as written: W2 delta2 (no transpose)
        return ok
    return [
        ('Network: $', GIVEN),
        (r'\mathbf{x}=\begin{bmatrix}1\\2', GIVEN),
        (r'W^{(1)}=\begin', GIVEN),
        (r'\mathbf{b}^{(1)}=\begin', GIVEN),
        (r'W^{(2)}=\begin', GIVEN),
        (r'\mathbf{b}^{(2)}=\begin', GIVEN),
        (r'\mathbf{y}=\begin', GIVEN),
        (r'\mathbf{z}^{(1)} &= \begin{bmatrix}0.5\cdot 1', lambda: allof(
            E(r'0.5\cdot 1 - 0.2\cdot 2 + 0.1', z1[0]), E(r'0.3\cdot 1 + 0.1\cdot 2 - 0.6', z1[1]),
            CV(['0.2', '-0.1'], z1), CV(['0.2', '0'], h))),
        (r'\hat{\mathbf{y}} &= \begin', lambda: allof(
            E(r'1\cdot 0.2 + (-0.5)\cdot 0 + 0', yh[0]), E(r'2\cdot 0.2 + 0.5\cdot 0 + 0.1', yh[1]), CV(['0.2', '0.5'], yh))),
        (r'L &= \tfrac12\left((0.2-1)^2', lambda: allof(
            C('0.64', (.2 - 1) ** 2), C('0.25', .5 ** 2), C('0.445', L))),
        ('**(b) Backward pass.**', GIVEN),
        (r'\boldsymbol{\delta}^{(2)} &= \hat{\mathbf{y}} - \mathbf{y}', lambda: allof(
            near(d2, yh - y), CV(['-0.8', '0.5'], d2))),
        (r'\frac{\partial L}{\partial W^{(2)}} &=', lambda: allof(
            near(gW2, np.outer(d2, h)), CV(['-0.16', '0', '0.1', '0'], gW2), near(gb2, d2))),
        (r'\boldsymbol{\delta}^{(1)} &= \left(W^{(2)}', delta1_formula_claimed),
        (r'&= \begin{bmatrix}1\cdot(-0.8)', lambda: allof(E(r'1\cdot(-0.8) + (-0.5)\cdot 0.5', (W2 @ d2)[0]),
            E(r'2\cdot(-0.8) + 0.5\cdot 0.5', (W2 @ d2)[1]), CV(['-1.05', '0'], gz1))),
        (r'\frac{\partial L}{\partial W^{(1)}} &=', lambda: allof(
            near(gW1, np.outer(gz1, x)), CV(['-1.05', '-2.1', '0', '0'], gW1), CV(['-1.05', '0'], gb1))),
        ('**(c) One SGD step**', GIVEN),
        (r'W^{(1)} \leftarrow W^{(1)}', lambda: allof(
            C('0.105', -0.1 * gW1[0, 0]), C('0.21', -0.1 * gW1[0, 1]),
            CV(['0.605', '0.01', '0.3', '0.1'], W1 - 0.1 * gW1), CV(['0.205', '-0.6'], b1 - 0.1 * gb1))),
        ('The second hidden unit is inactive', lambda: allof(
            C('-0.1', z1[1]), z1[1] < 0, near(gW1[1], 0))),
        ('**(d) Parameter count:**', lambda: I('12', W1.size + b1.size + W2.size + b2.size)
            and 2 * 2 + 2 == b1.size + W1.size),
    ]

# ======================================================================= 02
@register('02_softmax_ce_jacobienne.md')
def f02():
    z = np.array([1., 0., -1.]); y = np.array([1., 0., 0.])
    p = softmax(z); J = np.diag(p) - np.outer(p, p)
    pr = np.array([.6652, .2447, .0900])
    Jr = np.diag(pr) - np.outer(pr, pr)
    Lf = lambda zz, yy=y: -np.sum(yy * np.log(softmax(zz)))
    gz = grad(Lf, z)
    def cases_diag():
        ok = True
        for _ in range(4):
            zz = r(4); s = softmax(zz); Jn = jac(softmax, zz)
            ok &= near(np.diag(Jn), s * (1 - s), 1e-8)
        return ok
    def cases_off():
        ok = True
        for _ in range(4):
            zz = r(4); s = softmax(zz); Jn = jac(softmax, zz)
            off = ~np.eye(4, dtype=bool)
            ok &= near(Jn[off], (-np.outer(s, s))[off], 1e-8) and near(Jn, np.diag(s) - np.outer(s, s), 1e-8)
        return ok
    def singular():
        ok = True
        for _ in range(3):
            s = softmax(r(3)); Jn = np.diag(s) - np.outer(s, s)
            ok &= near(Jn @ np.ones(3), s - s * s.sum(), 1e-12) and near(Jn @ np.ones(3), 0, 1e-12)
        return ok and abs(np.linalg.det(J)) < 1e-12
    def simplified():
        ok = True
        for _ in range(4):
            s = softmax(r(3)); yy = np.abs(r(3))        # general y for the first two equalities
            mid = np.array([-sum(yy[i] / s[i] * s[i] * ((i == j) - s[j]) for i in range(3)) for j in range(3)])
            ok &= near(mid, -yy + s * yy.sum(), 1e-12)
            oh = np.eye(3)[RNG.integers(3)]; zz = r(3)
            ok &= near(grad(lambda t: Lf(t, oh), zz), softmax(zz) - oh, 1e-7) and abs(oh.sum() - 1) < 1e-15
        return ok
    return [
        ('> Logits $z', GIVEN),
        ('**a)** Softmax', GIVEN),
        ('e^{z} = (2.7183', lambda: CV(['2.7183', '1', '0.3679'], np.exp(z)) and C('4.0862', np.exp(z).sum())),
        (r'p = \left(\frac{2.7183}', lambda: CV(['0.6652', '0.2447', '0.0900'], p,
                                                 np.array([2.7183, 1, .3679]) / 4.0862), '2.7183 4.0862 0.3679'),
        ('Perte : $L', lambda: allof(abs(Lf(z) - (-np.log(p[0]))) < 1e-12,
            all(abs(-np.log(softmax(t)[0]) - (np.log(np.exp(t).sum()) - t[0])) < 1e-12 for t in r((3, 3))),
            C('0.4076', Lf(z), np.log(4.0862) - 1)), '4.0862'),
        (r'\frac{\partial p_i}{\partial z_j} = \begin{cases}', cases_diag),
        (r'\qquad\text{soit}\qquad J = \operatorname{diag}(p)', cases_off),
        (r'J = \begin{pmatrix} 0.2227', lambda: CV(['0.2227', '-0.1628', '-0.0599', '-0.1628', '0.1848',
                                                     '-0.0220', '-0.0599', '-0.0220', '0.0819'], J, Jr)),
        ('Chaque ligne somme', singular),
        ('**c)** Forme jacobienne', lambda: allof(
            near(grad(lambda q: -np.sum(y * np.log(q)), p), [-1 / p[0], 0, 0], 1e-6),
            C('-1.503', -1 / p[0], -1 / .6652))),
        (r'\nabla_z L = J^\top \frac{\partial L}{\partial p}', lambda: allof(
            near(gz, J.T @ np.array([-1 / p[0], 0, 0]), 1e-7),
            near(-1 / p[0] * np.array([p[0] * (1 - p[0]), -p[0] * p[1], -p[0] * p[2]]), [-(1 - p[0]), p[1], p[2]], 1e-12),
            CV(['-0.3348', '0.2447', '0.0900'], gz, [-(1 - .6652), .2447, .0900]))),
        ('**d)** Forme simplifiée', lambda: abs(y.sum() - 1) < 1e-15),
        (r'\frac{\partial L}{\partial z_j} = -\sum_{i=1}^{3}', simplified),
        (r'\boxed{\nabla_z L = p - y', lambda: allof(near(gz, p - y, 1e-7),
            C('-0.3348', gz[0], .6652 - 1), CV(['0.2447', '0.0900'], gz[1:], pr[1:])), '0.6652'),
        ('Les composantes somment', lambda: allof(
            C('-0.0001', -.3348 + .2447 + .0900), abs(gz.sum()) < 1e-7, abs(np.sum(p - y)) < 1e-12),
            '0.3348 0.2447 0.0900'),
    ]

# ======================================================================= 03
@register('03_aktivierungen_ableitungen.md')
def f03():
    zs = r(6)
    sp = lambda t: np.log1p(np.exp(t))
    s5 = sig(.5); t5 = np.tanh(.5)
    return [
        (r'**(a)** Für $\sigma(z)', GIVEN),
        (r"\sigma'(z) &= \frac{e^{-z}}", lambda: all(abs(fd(sig, t) - np.exp(-t) / (1 + np.exp(-t)) ** 2) < 1e-8 for t in zs)),
        (r'&= \underbrace{\frac{1}{1+e^{-z}}}', lambda: all(
            abs(np.exp(-t) / (1 + np.exp(-t)) - (1 - sig(t))) < 1e-12 and
            abs(sig(t) * (1 - sig(t)) - np.exp(-t) / (1 + np.exp(-t)) ** 2) < 1e-12 for t in zs)),
        ('An der Stelle $z = 0.5$', lambda: allof(
            C('0.6225', s5), C('0.3775', 1 - s5, 1 - .6225), C('0.2350', fd(sig, .5), .6225 * .3775)), '', '0.5'),
        (r'**(b)** Mit $\tanh z', lambda: all(abs(np.tanh(t) - (np.exp(t) - np.exp(-t)) / (np.exp(t) + np.exp(-t))) < 1e-12 for t in zs)),
        (r"\tanh'(z) &= \frac{(e^{z}+e^{-z})^2", lambda: all(
            abs(fd(np.tanh, t) - ((np.exp(t) + np.exp(-t)) ** 2 - (np.exp(t) - np.exp(-t)) ** 2) / (np.exp(t) + np.exp(-t)) ** 2) < 1e-8
            and abs(fd(np.tanh, t) - (1 - np.tanh(t) ** 2)) < 1e-8 for t in zs)),
        (r"\tanh'(0.5) &= 1 - 0.46212^2", lambda: allof(
            C('0.46212', t5), C('0.21355', t5 ** 2, .46212 ** 2), C('0.78645', fd(np.tanh, .5), 1 - .21355))),
        (r'Probe über $\tanh z = 2\sigma(2z) - 1$', lambda: allof(
            all(abs(np.tanh(t) - (2 * sig(2 * t) - 1)) < 1e-12 for t in zs),
            all(abs(fd(np.tanh, t) - 4 * fd(sig, 2 * t)) < 1e-7 for t in zs),
            C('0.196612', fd(sig, 1.0)), C('0.78645', fd(np.tanh, .5), 4 * .196612))),
        ('**(c)** ReLU', GIVEN),
        (r"r'(z) = \begin{cases} 1, & z > 0", lambda: all(
            (abs(fd(relu, t) - 1) < 1e-9 if t > 0 else abs(fd(relu, t)) < 1e-9) for t in np.append(zs, [.3, -.3]))),
        ('nicht differenzierbar', lambda: allof(
            abs((relu(1e-7) - relu(0)) / 1e-7 - 1) < 1e-9, abs((relu(0) - relu(-1e-7)) / 1e-7) < 1e-9,
            abs(fd(relu, .5) - 1) < 1e-9, abs(fd(relu, -.5)) < 1e-9)),
        ('**(d)** Softplus', lambda: allof(C('1.64872', np.exp(.5)), C('0.97408', sp(.5), np.log(1 + 1.64872)))),
        (r"s'(z) &= \frac{d}{dz}\ln", lambda: all(abs(fd(sp, t) - sig(t) * (1 - sig(t))) < 1e-7 for t in zs)),
        (r"s'(0.5) &\overset{(2)}{=} 0.2350", lambda: C('0.2350', fd(sp, .5))),
        ('**(e)** Kettenregel', lambda: C('0.5', .25 * 2), '', '0.25'),
        (r"\frac{\partial L}{\partial w} = s'(wx)\cdot x", lambda: allof(
            all(abs(fd(lambda w: sp(w * 2.0), w0) - fd(sp, 2 * w0) * 2.0) < 1e-7 for w0 in zs),
            C('0.2350', fd(sp, .5)), C('0.4700', fd(lambda w: sp(w * 2.0), .25)))),
    ]

# ======================================================================= 04
@register('04_regresion_lineal_ecm.md')
def f04():
    x = np.array([1., 2., 3.]); y = np.array([2., 3., 5.]); N = 3
    L = lambda w, b, xx=x, yy=y: np.mean((w * xx + b - yy) ** 2)
    gw = fd(lambda t: L(t, 0.), 1.); gb = fd(lambda t: L(1., t), 0.)
    def claimed_w():
        ok = True
        for _ in range(4):
            xx, yy = r(5), r(5); w0, b0 = r(2)
            ok &= abs(fd(lambda t: L(t, b0, xx, yy), w0) - np.mean((w0 * xx + b0 - yy) * xx)) < 1e-6
        return ok
    def claimed_b():
        ok = True
        for _ in range(4):
            xx, yy = r(5), r(5); w0, b0 = r(2)
            ok &= abs(fd(lambda t: L(w0, t, xx, yy), b0) - np.mean(w0 * xx + b0 - yy)) < 1e-6
        return ok
    def claimed_matrix():
        xx, yy = r(5), r(5); th = r(2); X = np.stack([xx, np.ones(5)], 1)
        g = grad(lambda t: np.mean((X @ t - yy) ** 2), th)
        return near(g, X.T @ (X @ th - yy) / 5, 1e-6)
    yh = 1. * x + 0.
    b1 = -0.1 * (-4 / 3); w1 = 1.3
    r1 = w1 * x + b1 - y
    return [
        (r'Modelo $\hat y_i', GIVEN),
        (r'L(w,b) = \frac{1}{N}', GIVEN),
        ('Datos ($N = 3$)', GIVEN),
        ('**(a) Derivación.**', lambda: all(abs(fd(lambda t: t * xi + .3, .7) - xi) < 1e-8 and abs(fd(lambda t: .7 * xi + t, .3) - 1) < 1e-8 for xi in x)),
        (r'\frac{\partial L}{\partial w} &= \frac{1}{N}\sum', claimed_w),
        (r'\frac{\partial L}{\partial b} &= \frac{1}{N}\sum', claimed_b),
        ('En forma matricial', claimed_matrix),
        (r'\hat y &= (1,\ 2,\ 3)', lambda: CV(['1', '2', '3'], yh) and CV(['-1', '-1', '-2'], yh - y)),
        (r'L &= \tfrac{1}{3}\left(1 + 1 + 4\right)', lambda: C('2', L(1., 0.))),
        (r'\frac{\partial L}{\partial w} &= \tfrac{1}{3}\bigl(', lambda: allof(C('-9', np.sum((yh - y) * x)), C('-3', gw))),
        (r'\frac{\partial L}{\partial b} &= \tfrac{1}{3}\left(-1', lambda: C('-1.3333', gb)),
        (r'w \leftarrow 1 - 0.1\cdot(-3)', lambda: allof(C('1.3', 1 - .1 * gw), C('0.1333', -.1 * gb)), '1.3333'),
        ('Nuevas predicciones', lambda: allof(
            CV(['1.4333', '2.7333', '4.0333'], w1 * x + b1, w1 * x + .1333),
            CV(['-0.5667', '-0.2667', '-0.9667'], r1, w1 * x + .1333 - y))),
        (r'L(1.3,\ 0.1333) = ', lambda: allof(
            CV(['0.3211', '0.0711', '0.9344'], r1 ** 2), C('0.4422', L(w1, b1), (.3211 + .0711 + .9344) / 3),
            L(w1, b1) < 2), '0.1333'),
    ]

# ======================================================================= 05
@register('05_luoji_huigui_sgd.md')
def f05():
    x = np.array([1., 2.]); y = 0.; w = np.array([.5, -.25]); b = .1; eta = .5
    bce = lambda p, yy: -(yy * np.log(p) + (1 - yy) * np.log(1 - p))
    Lwb = lambda ww, bb: bce(sig(ww @ x + bb), y)
    z = w @ x + b; p = sig(z); L = Lwb(w, b)
    gw = grad(lambda t: Lwb(t, b), w); gb = fd(lambda t: Lwb(w, t), b)
    w1 = w - eta * gw; b1 = b - eta * gb; z1 = w1 @ x + b1; p1 = sig(z1)
    def dz_claim():
        return all(abs(fd(lambda t: bce(sig(t), yy), zz) - (sig(zz) - yy)) < 1e-7
                   for zz in r(4) for yy in (0., 1., .3))
    def chain_claim():
        ok = True
        for pp in (.2, .55, .9):
            for yy in (0., 1., .4):
                ok &= abs(fd(lambda q: bce(q, yy), pp) - (-yy / pp + (1 - yy) / (1 - pp))) < 1e-6
                ok &= abs((-yy / pp + (1 - yy) / (1 - pp)) * pp * (1 - pp) - (-yy * (1 - pp) + (1 - yy) * pp)) < 1e-12
                ok &= abs((-yy * (1 - pp) + (1 - yy) * pp) - (pp - yy)) < 1e-12
        return ok and all(abs(fd(sig, t) - sig(t) * (1 - sig(t))) < 1e-8 for t in r(4))
    def wb_claim():
        ok = True
        for _ in range(3):
            xx = r(2); ww = r(2); bb = r(); yy = float(RNG.integers(2))
            f = lambda ww_, bb_: bce(sig(ww_ @ xx + bb_), yy)
            pp = sig(ww @ xx + bb)
            ok &= near(grad(lambda t: f(t, bb), ww), (pp - yy) * xx, 1e-6) and abs(fd(lambda t: f(ww, t), bb) - (pp - yy)) < 1e-6
        return ok
    return [
        ('**已知**', GIVEN),
        ('模型 $p', GIVEN),
        (r'L = -\bigl[', GIVEN),
        ('**(a) 证明**', dz_claim),
        (r'\frac{\partial L}{\partial z} = \frac{\partial L}{\partial p}', chain_claim),
        (r'因此 $\nabla_{\mathbf{w}} L', wb_claim),
        (r'z = 0.5\times 1 + (-0.25)\times 2', lambda: allof(C('0.1', z), C('0.5250', p))),
        (r'L = -\log(1 - 0.5250)', lambda: allof(C('0.4750', 1 - p, 1 - .525), C('0.7444', L, -np.log(.475))), '0.5250'),
        (r'\nabla_{\mathbf{w}} L = (0.5250 - 0)', lambda: allof(
            CV(['0.5250', '1.0500'], gw, .525 * x), C('0.5250', gb))),
        (r"\mathbf{w}' = \mathbf{w} - \eta", lambda: allof(
            C('0.2625', eta * gw[0], eta * .525), CV(['0.2375', '-0.7750'], w1, [.5 - .2625, -.25 - .525]),
            C('-0.1625', b1, .1 - .5 * .525)), '0.5250'),
        ("**(e) 检验。**", lambda: allof(
            C('-1.475', z1, .2375 - 2 * .775 - .1625), C('0.1862', p1, sig(-1.475))), '0.2375 0.775 0.1625'),
        ("损失 $L'", lambda: allof(C('0.2060', bce(p1, y), -np.log(1 - .1862)), bce(p1, y) < L), '0.1862 0.7444'),
    ]

# ======================================================================= 06
def out_len(I_, K, P, S, D):
    """enumerate window start positions on the padded input"""
    n = 0
    for s in range(0, I_ + 2 * P, S):
        if s + D * (K - 1) <= I_ + 2 * P - 1:
            n += 1
    return n

def dilated_extent(K, D):
    taps = [D * k for k in range(K)]
    return taps[-1] - taps[0] + 1

@register('06_tatamikomi_shutsuryoku_size.md')
def f06():
    def formula():
        for I_ in range(1, 41):
            for K in range(1, 6):
                for P in range(0, 4):
                    for S in range(1, 4):
                        for D in range(1, 4):
                            if I_ + 2 * P < D * (K - 1) + 1:
                                continue
                            if out_len(I_, K, P, S, D) != (I_ + 2 * P - D * (K - 1) - 1) // S + 1:
                                return False
        return True
    def d1():
        return all(out_len(I_, K, P, S, 1) == (I_ + 2 * P - K) // S + 1
                   for I_ in range(5, 30) for K in range(1, 6) for P in range(3) for S in range(1, 4))
    o_d = out_len(28, 3, 2, 1, 2)
    return [
        ('入力長 $I$', GIVEN),
        (r'O = \left\lfloor \frac{I + 2P - D\,(K-1) - 1}{S}', formula),
        ('$D = 1$ なら', d1),
        ('**(a)** $I = 32', GIVEN),
        (r'\frac{32 + 2 - 2 - 1}{1}', lambda: allof(I('31', 32 + 2 - 1 * (3 - 1) - 1), I('32', out_len(32, 3, 1, 1, 1)),
                                                     out_len(32, 3, 1, 1, 1) == 32)),
        ('**(b)** $I = 32', GIVEN),
        (r'\frac{32 - 4 - 1}{2}', lambda: allof(C('13.5', (32 - 1 * (5 - 1) - 1) / 2), I('14', out_len(32, 5, 0, 2, 1)))),
        ('**(c)** ResNet', GIVEN),
        (r'\frac{224 + 6 - 7}{2}', lambda: allof(C('111.5', (224 + 6 - 7) / 2), I('112', out_len(224, 7, 3, 2, 1)))),
        ('max pooling', lambda: allof(I('56', out_len(112, 3, 1, 2, 1)), (112 + 2 - 3) // 2 + 1 == 56)),
        ('**(d)** ダイレーション付き', GIVEN),
        (r'K_{\text{eff}} &= D\,(K-1)', lambda: I('4', dilated_extent(3, 2))),
        (r'O &= \frac{I + 2P - K_{\text{eff}}}{S} + 1', lambda: I('29', o_d)),
        ('**(e)** (d) の出力', GIVEN),
        (r'\frac{29 - 3}{2}', lambda: allof(I('29', o_d), I('14', out_len(o_d, 3, 0, 2, 1)))),
        ('**(f)** パラメータ数', lambda: I('4640', np.zeros((32, 16, 3, 3)).size + np.zeros(32).size)),
    ]

# ======================================================================= 07
def n_dense(n_in, n_out, bias=True):
    return np.zeros((n_out, n_in)).size + (np.zeros(n_out).size if bias else 0)
def n_conv(c_in, c_out, k, bias=True, groups=1):
    return np.zeros((c_out, c_in // groups, k, k)).size + (np.zeros(c_out).size if bias else 0)

@register('07_chislo_parametrov.md')
def f07():
    rnn = np.zeros((20, 10)).size + np.zeros((20, 20)).size + np.zeros(20).size
    lstm_one_bias = 4 * rnn
    lstm_torch = np.zeros((80, 10)).size + np.zeros((80, 20)).size + 2 * np.zeros(80).size
    std = n_conv(64, 128, 3)
    return [
        ('**Обозначения.**', lambda: all(n_dense(a, b) == a * b + b for a, b in ((3, 5), (784, 256)))
            and all(n_conv(a, b, k) == a * k * k * b + b for a, b, k in ((3, 64, 3), (16, 8, 5)))),
        ('**(а)**', GIVEN),
        ('N_1 &= 784', lambda: allof(I('200704', 784 * 256), I('200960', n_dense(784, 256)))),
        ('N_2 &= 256', lambda: I('2570', n_dense(256, 10))),
        (r'N_{\text{MLP}}', lambda: I('203530', n_dense(784, 256) + n_dense(256, 10))),
        ('**(б)**', lambda: allof(I('1728', np.zeros((64, 3, 3, 3)).size), I('1792', n_conv(3, 64, 3)))),
        ('**(в)**', GIVEN),
        (r'N_{\text{conv}} &=', lambda: I('73728', n_conv(64, 128, 3, bias=False))),
        (r'N_{\text{BN}} &=', lambda: allof(I('256', np.zeros(128).size + np.zeros(128).size),
                                           np.zeros(128).size * 2 == 256)),
        ('**(г)**', GIVEN),
        (r'N_{\text{dw}} &=', lambda: I('576', n_conv(64, 64, 3, bias=False, groups=64))),
        (r'N_{\text{pw}} &=', lambda: I('8320', n_conv(64, 128, 1))),
        (r'N_{\text{sep}} &=', lambda: allof(
            I('8896', n_conv(64, 64, 3, bias=False, groups=64) + n_conv(64, 128, 1)),
            C('0.1205', (n_conv(64, 64, 3, bias=False, groups=64) + n_conv(64, 128, 1)) / std), 73728 + 128 == std)),
        ('**(д)**', GIVEN),
        (r'\underbrace{20 \times 10}_{W_{xh}}', lambda: I('620', rnn)),
        ('LSTM имеет 4', lambda: allof(I('2480', lstm_one_bias), I('2560', lstm_torch),
                                      4 * (200 + 400 + 20 + 20) == lstm_torch)),
    ]

# ======================================================================= 08
@register('08_conv1d_retropropagacao.md')
def f08():
    x = np.array([1., 2., -1., 3.]); w = np.array([2., -1.]); t = np.array([1., 4., -4.])
    conv = lambda xx, ww: np.array([ww[0] * xx[i] + ww[1] * xx[i + 1] for i in range(len(xx) - 1)])
    L = lambda xx=x, ww=w, tt=t: 0.5 * np.sum((conv(xx, ww) - tt) ** 2)
    y = conv(x, w); g = y - t
    gw = grad(lambda q: L(ww=q), w); gx = grad(lambda q: L(xx=q), x)
    T = np.array([[2, -1, 0, 0], [0, 2, -1, 0], [0, 0, 2, -1.]])
    def gy_claim():
        yy, tt = r(3), r(3)
        return near(grad(lambda q: 0.5 * np.sum((q - tt) ** 2), yy), yy - tt, 1e-7)
    def dw_formula():
        ok = True
        for _ in range(3):
            xx, ww, tt = r(4), r(2), r(3); gg = conv(xx, ww) - tt
            ok &= near(grad(lambda q: L(xx, q, tt), ww), [sum(gg[i] * xx[i + k] for i in range(3)) for k in range(2)], 1e-6)
        return ok
    def dx_formula():
        ok = True
        for _ in range(3):
            xx, ww, tt = r(4), r(2), r(3); gg = conv(xx, ww) - tt
            ge = lambda m: gg[m] if 0 <= m <= 2 else 0.
            ok &= near(grad(lambda q: L(q, ww, tt), xx), [sum(ge(j - k) * ww[k] for k in range(2)) for j in range(4)], 1e-6)
        return ok
    h = 1e-3
    fdw1 = (L(ww=w + [0, h]) - L(ww=w - [0, h])) / (2 * h)
    return [
        ('Convolução (correlação cruzada', GIVEN),
        (r'y_i = \sum_{k=0}^{1}', GIVEN),
        ('Dados: $', GIVEN),
        (r'y_0 &= 2\cdot 1', lambda: allof(C('0', y[0]), C('5', y[1]), C('-5', y[2]))),
        (r'L &= \tfrac12\left[(0-1)^2', lambda: C('1.5', L())),
        ('**(b) Gradiente em relação à saída:**', lambda: allof(gy_claim(), CV(['-1', '1', '-1'], g))),
        ('**(c) Gradiente dos pesos**', GIVEN),
        (r'\frac{\partial L}{\partial w_k} = \sum_{i=0}^{2}', dw_formula),
        (r'\;\Longrightarrow\;', GIVEN),
        (r'\partial L/\partial w_0 = ', lambda: C('2', gw[0])),
        (r'\partial L/\partial w_1 = ', lambda: C('-6', gw[1])),
        ('**(d) Gradiente da entrada**', lambda: near(gx, T.T @ g, 1e-7) and all(near(T @ xx, conv(xx, w), 1e-12) for xx in r((2, 4)))),
        (r'T = \begin{bmatrix} 2 & -1', lambda: all(near(T @ xx, conv(xx, w), 1e-12) for xx in r((3, 4)))),
        (r'\nabla_{\mathbf x} L = T^{\top}\mathbf g', lambda: allof(near(gx, T.T @ g, 1e-7), CV(['-2', '3', '-3', '1'], gx))),
        ('Equivalentemente', dx_formula),
        ('**(e) Conferência por diferença finita**', lambda: allof(C('-6', fdw1), abs(fdw1 + 6) < 1e-9)),
    ]

# ======================================================================= 09
def bn(x, gam, bet):
    mu = x.mean(); sd = np.sqrt(((x - mu) ** 2).mean())
    return gam * (x - mu) / sd + bet

@register('09_batchnorm_backward.md')
def f09():
    x = np.array([1., 2., 6.]); gam, bet = 2., .5; g = np.array([1., 0., -1.]); N = 3
    mu = x.mean(); var = ((x - mu) ** 2).mean(); sd = np.sqrt(var); xh = (x - mu) / sd
    xhr = np.array([-.9258, -.4629, 1.3887])
    L = lambda xx=x, gg=gam, bb=bet: np.sum(g * bn(xx, gg, bb))
    dbeta = fd(lambda t: L(bb=t), bet); dgam = fd(lambda t: L(gg=t), gam)
    dx = grad(lambda t: L(xx=t), x)
    bracket = N * g - g.sum() - xh * np.sum(g * xh)
    def jac_xhat():
        xx = r(4); n = 4; m = xx.mean(); s = np.sqrt(((xx - m) ** 2).mean()); hh = (xx - m) / s
        Jn = jac(lambda t: (t - t.mean()) / np.sqrt(((t - t.mean()) ** 2).mean()), xx)   # Jn[j, i] = d xhat_j / d x_i
        formula = (np.eye(n) - 1 / n - np.outer(hh, hh) / n) / s
        return near(Jn, formula.T, 1e-6)
    def boxed():
        ok = True
        for _ in range(3):
            xx = r(5); gg = r(5); ga = r(); n = 5
            m = xx.mean(); s = np.sqrt(((xx - m) ** 2).mean()); hh = (xx - m) / s
            num = grad(lambda t: np.sum(gg * bn(t, ga, .3)), xx)
            ok &= near(num, ga / (n * s) * (n * gg - gg.sum() - hh * np.sum(gg * hh)), 1e-6)
        return ok
    def claim_d():
        ok = True
        for _ in range(3):
            xx = r(5); gg = r(5)
            m = xx.mean(); s = np.sqrt(((xx - m) ** 2).mean()); hh = (xx - m) / s
            num = grad(lambda t: np.sum(gg * bn(t, 1.7, .3)), xx)
            ok &= abs(num.sum()) < 1e-6 and abs(np.sum(hh * num)) < 1e-6
        return ok
    def proof_facts():
        xx = r(6); m = xx.mean(); s = np.sqrt(((xx - m) ** 2).mean()); hh = (xx - m) / s
        return abs(hh.sum()) < 1e-12 and abs(np.sum(hh ** 2) - 6) < 1e-12
    return [
        ('**Setup.**', GIVEN),
        (r'\mu &= \tfrac13', lambda: allof(C('3', mu), abs(var - 14 / 3) < 1e-12, C('4.6667', var), C('2.16025', sd))),
        (r'\hat x &= \frac{x - \mu}{\sigma}', lambda: CV(['-0.9258', '-0.4629', '1.3887'], xh,
                                                        np.array([-2, -1, 3]) / 2.16025), '2.16025'),
        (r'y &= \gamma\,\hat x + \beta', lambda: CV(['-1.352', '-0.426', '3.277'], bn(x, gam, bet), gam * xhr + bet)),
        (r'\frac{\partial L}{\partial \beta} = \sum', lambda: allof(C('0', dbeta), abs(g.sum()) < 1e-15)),
        (r'\frac{\partial L}{\partial \gamma} = \sum', lambda: allof(
            abs(dgam - np.sum(g * xh)) < 1e-7, abs(np.sum(g * xh) - (-2 - 3) / sd) < 1e-12,
            C('-2.31455', dgam, -5 / 2.16025)), '2.16025'),
        ('**(c) Gradient w.r.t. the inputs.**', GIVEN),
        (r'\frac{\partial \hat x_j}{\partial x_i} =', jac_xhat),
        (r'\quad\Longrightarrow\quad', GIVEN),
        (r'\boxed{\frac{\partial L}{\partial x_i}', boxed),
        ('Numerically, $\\hat x_i', lambda: near(xh * np.sum(g * xh), -15 * (x - mu) / 14, 1e-12)),
        (r'\left(3 - \tfrac{30}{14}', lambda: allof(
            near(bracket, [3 - 30 / 14, 0 - 15 / 14, -3 + 45 / 14], 1e-12), near(bracket, [6 / 7, -15 / 14, 3 / 14], 1e-12),
            CV(['0.85714', '-1.07143', '0.21429'], bracket))),
        (r'and with $\gamma/(N\sigma)', lambda: C('0.30861', gam / (N * sd), 2 / (3 * 2.16025)), '2.16025'),
        (r'\frac{\partial L}{\partial x} \approx (0.26452', lambda: CV(['0.26452', '-0.33065', '0.06613'], dx,
                                                                       .30861 * np.array([.85714, -1.07143, .21429])) and near(dx, gam / (N * sd) * bracket, 1e-7)),
        ('**(d) Claim.**', claim_d),
        ('*Proof.* Using', lambda: allof(proof_facts(), C('0', .26452 - .33065 + .06613), abs(dx.sum()) < 1e-7,
                                        abs(np.sum(xh * dx)) < 1e-7), '0.26452 0.33065 0.06613'),
    ]

# ======================================================================= 10
@register('10_momentum_adimlari.md')
def f10():
    beta, eta = .9, .1
    th = [1.5]; v = [0.]; gs = [None]
    for t in range(1, 4):
        gs.append(2 * th[-1]); v.append(beta * v[-1] + gs[-1]); th.append(th[-1] - eta * v[-1])
    def vinf():
        vv = 0.
        for _ in range(2000):
            vv = beta * vv + 1.7
        return abs(vv - 1.7 / (1 - beta)) < 1e-9 and abs(1 / (1 - beta) - 10) < 1e-12 and abs(eta / (1 - beta) - 1) < 1e-12
    plain = 1.5
    for _ in range(3):
        plain -= eta * 2 * plain
    return [
        (r'Amaç fonksiyonu $f(\theta) = \theta^2$', lambda: all(abs(fd(lambda q: q * q, t) - 2 * t) < 1e-8 for t in r(4))),
        (r'v_t = \beta\, v_{t-1}', GIVEN),
        (r'\theta_t = \theta_{t-1} - \eta\, v_t', GIVEN),
        (r'\qquad \beta = 0.9', GIVEN),
        (r'g_1 &= 2 \cdot 1.5', lambda: allof(C('3.0', gs[1]), C('3.0', v[1]))),
        (r'\theta_1 &= 1.5 - 0.1', lambda: C('1.2', th[1])),
        (r'g_2 &= 2 \cdot 1.2', lambda: allof(C('2.4', gs[2]), C('2.7', beta * v[1]), C('5.1', v[2]))),
        (r'\theta_2 &= 1.2 - 0.1', lambda: C('0.69', th[2])),
        (r'g_3 &= 2 \cdot 0.69', lambda: allof(C('1.38', gs[3]), C('4.59', beta * v[2]), C('5.87', v[3]))),
        (r'\theta_3 &= 0.69 - 0.1', lambda: allof(C('0.103', th[3]), C('0.010609', th[3] ** 2))),
        ('**(d) Karşılaştırma.**', lambda: allof(C('0.8', 1 - 2 * eta), C('0.768', plain, .8 ** 3 * 1.5),
                                                 C('0.103', th[3]))),
        ('**(e)** Sabit gradyan', vinf),
    ]

# ======================================================================= 11
@register('11_rmsprop_stappen.md')
def f11():
    rho, eta = .9, .01
    gradf = lambda th: np.array([2 * th[0], 20 * th[1]])
    th0 = np.array([1., -2.]); s = np.zeros(2)
    g1 = gradf(th0); s1 = rho * s + (1 - rho) * g1 ** 2; q1 = g1 / np.sqrt(s1); th1 = th0 - eta * q1
    g2 = gradf(th1); s2 = rho * s1 + (1 - rho) * g2 ** 2; q2 = g2 / np.sqrt(s2); th2 = th1 - eta * q2
    g2r = np.array([2 * .968377, 20 * -1.968377])
    f = lambda th: th[0] ** 2 + 10 * th[1] ** 2
    return [
        (r'Doelfunctie $f(\boldsymbol\theta)', lambda: all(near(grad(f, t), gradf(t), 1e-6) for t in r((3, 2))), '', '0.9 0.01'),
        (r'\mathbf s_t = \rho\,\mathbf s_{t-1}', GIVEN),
        (r'\boldsymbol\theta_t = \boldsymbol\theta_{t-1}', GIVEN),
        (r'\mathbf g_1 &= (2,\ -40)', lambda: allof(C('0.1', 1 - rho), CV(['2', '-40'], g1), CV(['4', '1600'], g1 ** 2), CV(['0.4', '160'], s1))),
        (r'\sqrt{\mathbf s_1} &= (0.63246', lambda: allof(CV(['0.63246', '12.64911'], np.sqrt(s1)),
                                                         CV(['3.16228', '-3.16228'], q1))),
        (r'\boldsymbol\theta_1 &= (1,\ -2)', lambda: CV(['0.968377', '-1.968377'], th1, th0 - .01 * np.array([3.16228, -3.16228])), '3.16228'),
        ('Merk op: bij de eerste stap', lambda: allof(C('0.031623', eta / np.sqrt(1 - rho), *np.abs(th1 - th0)),
                                                      abs(.01 / np.sqrt(.1) - eta / np.sqrt(1 - rho)) < 1e-15)),
        (r'\mathbf g_2 &= (2 \cdot 0.968377', lambda: allof(
            CV(['1.936754', '-39.36754'], g2, g2r), CV(['3.7510', '1549.80'], g2 ** 2, g2r ** 2)), '0.968377 1.968377'),
        (r'\mathbf s_2 &= 0.9\cdot(0.4', lambda: allof(
            C('0.36', rho * s1[0]), C('0.9', rho), C('0.1', 1 - rho), C('0.37510', .1 * g2[0] ** 2, .1 * 3.7510), C('154.980', .1 * g2[1] ** 2, .1 * 1549.80),
            CV(['0.73510', '298.980'], s2, [.36 + .37510, 144 + 154.980])), '3.7510'),
        (r'\sqrt{\mathbf s_2} &\approx', lambda: allof(
            CV(['0.85738', '17.2910'], np.sqrt(s2), np.sqrt([.73510, 298.980])),
            CV(['2.2589', '-2.2768'], q2, [1.936754 / .85738, -39.36754 / 17.2910]))),
        (r'\boldsymbol\theta_2 &= (0.968377 - 0.022589', lambda: allof(
            CV(['0.022589', '0.022768'], np.abs(eta * q2), [.01 * 2.2589, .01 * 2.2768]),
            CV(['0.94579', '-1.94561'], th2, [.968377 - .022589, -1.968377 + .022768])), '0.968377 1.968377'),
        ('**(c) Vergelijking.**', lambda: allof(
            C('0.02', eta * g1[0]), CV(['0.98', '-1.6'], th0 - eta * gradf(th0)), abs(abs(eta * g1[1]) / abs(eta * g1[0]) - 20) < 1e-12)),
    ]

# ======================================================================= 12
@register('12_adam_hieu_chinh_do_lech.md')
def f12():
    b1, b2, eta = .9, .999, .01
    th = [.5]; m = [0.]; v = [0.]; g = [None]; mh = [None]; vh = [None]; st = [None]
    for t in (1, 2):
        g.append(2 * th[-1]); m.append(b1 * m[-1] + (1 - b1) * g[-1]); v.append(b2 * v[-1] + (1 - b2) * g[-1] ** 2)
        mh.append(m[-1] / (1 - b1 ** t)); vh.append(v[-1] / (1 - b2 ** t))
        st.append(eta * mh[-1] / np.sqrt(vh[-1])); th.append(th[-1] - st[-1])
    def first_step():
        ok = True
        for gg in r(5) * 10:
            mm = (1 - b1) * gg; vv = (1 - b2) * gg * gg
            ok &= abs(abs(eta * (mm / (1 - b1)) / np.sqrt(vv / (1 - b2))) - eta) < 1e-12
        return ok
    return [
        (r'Hàm mất mát $f(\theta) = \theta^2$', lambda: all(abs(fd(lambda q: q * q, t) - 2 * t) < 1e-8 for t in r(3)), '', '0.5 0.9 0.999 0.01'),
        ('Công thức Adam ở bước $t$', GIVEN),
        (r'm_t &= \beta_1 m_{t-1}', GIVEN),
        (r'\hat m_t &= \frac{m_t}{1-\beta_1^{\,t}}', GIVEN),
        ('**(a) Bước $t = 1$.**', GIVEN),
        (r'g_1 &= 2 \cdot 0.5 = 1', lambda: allof(C('1', g[1]), C('0.1', m[1]), C('0.001', v[1]))),
        (r'\hat m_1 &= \frac{0.1}{1 - 0.9}', lambda: allof(C('1', mh[1]), C('1', vh[1])), '0.001 0.999'),
        (r'\theta_1 &= 0.5 - 0.01', lambda: C('0.49', th[1])),
        ('Nhận xét: ở bước đầu', first_step),
        ('**(b) Bước $t = 2$.**', GIVEN),
        (r'g_2 &= 2 \cdot 0.49', lambda: C('0.98', g[2])),
        (r'm_2 &= 0.9 \cdot 0.1', lambda: allof(C('0.09', b1 * m[1]), C('0.098', (1 - b1) * g[2]), C('0.188', m[2]))),
        (r'v_2 &= 0.999 \cdot 0.001', lambda: allof(C('0.000999', b2 * v[1]), C('0.0009604', (1 - b2) * g[2] ** 2),
                                                    C('0.0019594', v[2])), '0.001 0.999'),
        (r'\hat m_2 &= \frac{0.188}', lambda: allof(C('1.88', mh[2]), C('0.188', m[2]))),
        (r'\hat v_2 &= \frac{0.0019594}', lambda: allof(C('0.001999', 1 - b2 ** 2), C('0.98019', vh[2], .0019594 / .001999),
                                                        C('0.99005', np.sqrt(vh[2]), np.sqrt(.98019))), '0.0019594 0.999'),
        (r'\theta_2 &= 0.49 - 0.01', lambda: allof(C('0.99005', np.sqrt(vh[2])), C('0.018989', st[2]), C('0.471011', th[2]))),
        ('**(c) Kết luận.**', lambda: allof(C('0.471011', th[2]), C('0.018989', st[2]), C('0.01', st[1]))),
    ]

# ======================================================================= 13
@register('13_rnn_bptt_two_steps.md')
def f13():
    x1, x2, y = 1., .5, 1.
    def fwd(w, u, v, e1=0., e2=0.):
        a1 = w * 0. + u * x1 + e1; h1 = np.tanh(a1)
        a2 = w * h1 + u * x2 + e2; h2 = np.tanh(a2)
        return a1, h1, a2, h2, v * h2
    W, U, V = .5, 1., 2.
    Lf = lambda w=W, u=U, v=V, e1=0., e2=0.: 0.5 * (fwd(w, u, v, e1, e2)[4] - y) ** 2
    a1, h1, a2, h2, yh = fwd(W, U, V); L = Lf()
    d2 = fd(lambda e: Lf(e2=e), 0.); d1 = fd(lambda e: Lf(e1=e), 0.)
    def h1_path(e):       # perturb h1 directly
        return 0.5 * (V * np.tanh(W * (h1 + e) + U * x2) - y) ** 2
    dh1 = fd(h1_path, 0.)
    dw = fd(lambda t: Lf(w=t), W); du = fd(lambda t: Lf(u=t), U); dv = fd(lambda t: Lf(v=t), V)
    return [
        ('Scalar RNN: $h_t', GIVEN),
        ('Values: $w = 0.5$', GIVEN),
        (r'a_1 &= 0.5\cdot 0 + 1\cdot 1 = 1', lambda: allof(C('1', a1), C('0.76159', h1))),
        (r'a_2 &= 0.5 \cdot 0.76159', lambda: allof(C('0.88080', a2, .5 * .76159 + .5), C('0.70682', h2, np.tanh(.88080))), '0.76159'),
        (r'\hat y &= 2 \cdot 0.70682', lambda: allof(C('1.41364', yh, 2 * .70682), C('0.41364', yh - y, 1.41364 - 1),
                                                     C('0.08555', L, .5 * .41364 ** 2)), '0.70682'),
        ('**(b) Backward through time.**', lambda: all(abs(fd(np.tanh, t) - (1 - np.tanh(t) ** 2)) < 1e-8 for t in r(4))),
        (r'\delta_2 &= (\hat y - y)\cdot v', lambda: allof(
            abs(d2 - (yh - y) * V * (1 - h2 ** 2)) < 1e-7, C('0.49959', h2 ** 2, .70682 ** 2),
            C('0.50041', 1 - h2 ** 2, 1 - .49959), C('0.4140', d2, .41364 * 2 * .50041)), '0.41364'),
        (r'\frac{\partial L}{\partial h_1} &\stackrel', lambda: allof(abs(dh1 - d2 * W) < 1e-7, C('0.2070', dh1, .4140 * .5))),
        (r'\delta_1 &= \frac{\partial L}{\partial h_1}', lambda: allof(
            abs(d1 - dh1 * (1 - h1 ** 2)) < 1e-7, C('0.5800', h1 ** 2, .76159 ** 2), C('0.4200', 1 - h1 ** 2, 1 - .58),
            C('0.0869', d1, .2070 * .42)), '0.2070'),
        (r'\frac{\partial L}{\partial w} = \sum_{t=1}^{2}', lambda: allof(
            abs(dw - (d2 * h1 + d1 * 0.)) < 1e-7, C('0.3153', dw, .4140 * .76159)), '0.4140 0.76159'),
        (r'\frac{\partial L}{\partial u} = \sum_{t=1}^{2}', lambda: allof(
            abs(du - (d2 * x2 + d1 * x1)) < 1e-7, C('0.2070', d2 * x2, .4140 * .5), C('0.0869', d1),
            C('0.2939', du, .2070 + .0869))),
        (r'\frac{\partial L}{\partial v} = (\hat y - y)\,h_2', lambda: allof(
            abs(dv - (yh - y) * h2) < 1e-7, C('0.29237', dv, .41364 * .70682)), '0.41364 0.70682'),
        ('**(d) Truncation.**', lambda: allof(C('0.2070', d2 * x2), C('30', 100 * d1 / du, 100 * .0869 / .2939)),
         '0.0869 0.2939'),
    ]

# ======================================================================= 14
@register('14_inizializzazione_xavier_he.md')
def f14():
    mc = np.random.default_rng(1454)
    n, S = 64, 100000
    sw = .07
    w = mc.normal(0, sw, size=(S, n)); xs = relu(mc.normal(.3, 1., size=(S, n)))
    z = np.sum(w * xs, axis=1)
    ex2 = np.mean(xs ** 2)
    def lemma():
        return abs(z.var() / (n * sw ** 2 * ex2) - 1) < 0.02
    def proof_line():
        wx = w[:, 0] * xs[:, 0]
        return (abs(wx.var() / (sw ** 2 * ex2) - 1) < 0.02 and abs(np.mean(w[:, 0]) * np.mean(xs[:, 0])) < 1e-2
                and lemma())
    def relu_sq():
        ok = True
        for a in (mc.normal(0, 1.3, 400000), mc.uniform(-2, 2, 400000), mc.laplace(0, .8, 400000)):
            ok &= abs(np.mean(relu(a) ** 2) / (0.5 * a.var()) - 1) < 0.02
        return ok
    def he():
        nin = 256; a = mc.normal(0, 1.5, size=(4000, nin)); W = mc.normal(0, np.sqrt(2 / nin), size=(nin, 200))
        zz = relu(a) @ W
        return abs(zz.var() / a.var() - 1) < 0.03 and abs(0.5 * nin * (2 / nin) - 1) < 1e-12
    def xavier():
        ok = True
        for nin, nout in ((784, 256), (10, 30)):
            a = np.sqrt(6 / (nin + nout)); t = np.linspace(-a, a, 200001)
            var_u = np.trapezoid(t ** 2, t) / (2 * a) if hasattr(np, 'trapezoid') else np.trapz(t ** 2, t) / (2 * a)
            ok &= abs(var_u - a * a / 3) < 1e-9 and abs(a * a / 3 - 2 / (nin + nout)) < 1e-15
        return ok
    return [
        ('Strato lineare $z', GIVEN),
        ('**(a) Lemma.**', lemma),
        ('*Proof.* I termini', lambda: abs(np.mean(w[:, :4] * xs[:, :4])) < 2e-3),
        (r'\operatorname{Var}(z) \overset{\text{indip.}}{=}', proof_line),
        ('**(b) He (ReLU).**', relu_sq),
        (r'\tfrac12\, n_{\text{in}}\,\operatorname{Var}(w) = 1', he),
        ('**(c) Xavier/Glorot (tanh).**', GIVEN),
        (r'\operatorname{Var}(w) = \frac{2}{n_{\text{in}} + n_{\text{out}}}', xavier),
        ('**(d) Numeri**', GIVEN),
        ('- Strato 1 (Xavier', lambda: allof(784 + 256 == 1040, C('0.0019231', 2 / 1040), C('0.075955', np.sqrt(6 / 1040)))),
        ('- Strato 2 (He', lambda: allof(C('0.015625', 2 / 256), C('0.125', np.sqrt(2 / 256)))),
        ('- Versione uniforme dello strato 2', lambda: allof(C('0.125', np.sqrt(2 / 256)), C('0.21651', np.sqrt(3) * np.sqrt(2 / 256)))),
        ('- Strato 3 (Xavier', lambda: allof(C('0.014493', 2 / 138), C('0.12039', np.sqrt(2 / 138)))),
        ('**(e)** Numero totale', lambda: allof(I('200704', np.zeros((256, 784)).size), I('32768', np.zeros((128, 256)).size),
                                                I('1280', np.zeros((10, 128)).size), I('234752', 784 * 256 + 256 * 128 + 128 * 10))),
    ]

# ======================================================================= 15
@register('15_l1_l2_penalties.md')
def f15():
    w = np.array([.5, -1., 2.]); g = np.array([.1, -.2, .3]); lam, mu, eta = .1, .05, .1
    wL2 = w - eta * (g + lam * w)
    def claimed_identity():
        ok = True
        for _ in range(3):
            ww, gg = r(3), r(3); la, et = abs(r()), abs(r())
            ok &= near(ww - et * (gg + la * ww), (1 + et * la) * ww - et * gg, 1e-12)
        return ok
    def l1_sub():
        ok = True
        for t in r(6):
            ok &= abs(fd(lambda q: mu * abs(q), t) - mu * np.sign(t)) < 1e-9
        return ok and abs(fd(lambda q: mu * abs(q), .7) - mu) < 1e-9 and abs(fd(lambda q: mu * abs(q), -.7) + mu) < 1e-9
    def prox():
        st = lambda v, k: np.sign(v) * np.maximum(np.abs(v) - k, 0)
        return st(.003, eta * mu) == 0 and abs(st(.5, eta * mu) - .495) < 1e-12
    def bayes():
        ws = r(5)
        gauss = -np.log(np.sqrt(lam / (2 * np.pi)) * np.exp(-lam * ws ** 2 / 2)) - lam / 2 * ws ** 2
        b = 1 / mu
        lap = -np.log(1 / (2 * b) * np.exp(-np.abs(ws) / b)) - mu * np.abs(ws)
        return np.ptp(gauss) < 1e-12 and np.ptp(lap) < 1e-12
    return [
        ('Regularised objective', GIVEN),
        (r'$\mathbf w = (0.5,\ -1.0,\ 2.0)$, data gradient', GIVEN),
        (r'\lVert\mathbf w\rVert_2^2 &= 0.25', lambda: allof(C('0.25', w[0] ** 2), C('5.25', w @ w), C('0.2625', lam / 2 * (w @ w)))),
        (r'\lVert\mathbf w\rVert_1 &= 0.5', lambda: allof(C('3.5', np.abs(w).sum()), C('0.175', mu * np.abs(w).sum()))),
        ('**(b) Gradients.**', lambda: allof(near(grad(lambda q: lam / 2 * q @ q, w), lam * w, 1e-8),
                                             CV(['0.05', '-0.1', '0.2'], lam * w))),
        (r'\frac{\partial}{\partial w_j}\,\mu\lvert w_j\rvert', l1_sub),
        (r'\qquad\text{so}\qquad \mu\operatorname{sign}', lambda: CV(['0.05', '-0.05', '0.05'], mu * np.sign(w))),
        (r"\mathbf w' &= \mathbf w - \eta\left(\nabla L + \lambda\mathbf w\right)", claimed_identity),
        (r'&= 1.01\cdot(0.5', lambda: C('1.01', 1 - eta * lam)),
        (r'&= (0.505 - 0.01', lambda: allof(C('0.01', eta * g[0]), C('0.02', -eta * g[1]), C('0.03', eta * g[2]),CV(['0.505', '-1.01', '2.02'], (1 - eta * lam) * w),
                                            CV(['0.495', '-0.99', '1.99'], wL2))),
        ('So each step multiplies', lambda: C('1.01', 1 - eta * lam)),
        (r"\mathbf w' = \mathbf w - \eta\left(\nabla L + \mu", lambda: allof(
            CV(['0.015', '0.035'], (eta * (g + mu * np.sign(w)))[[0, 2]]), C('0.025', -(eta * (g + mu * np.sign(w)))[1]),
            CV(['0.485', '-0.975', '1.965'], w - eta * (g + mu * np.sign(w))))),
        ('The L1 term moves every nonzero weight', lambda: allof(C('0.005', eta * mu), prox())),
        ('**(e) Bayesian view.**', bayes),
    ]

# ======================================================================= 16
@register('16_tanh_sigmoid_mlp.md')
def f16():
    x = np.array([1., -1.]); W1 = np.array([[.2, .4], [-.3, .1]]); w2 = np.array([1., -2.]); b2 = .1; y = 1.
    def Lf(W1_=W1, w2_=w2, b2_=b2):
        h_ = np.tanh(W1_ @ x); p_ = sig(w2_ @ h_ + b2_)
        return -(y * np.log(p_) + (1 - y) * np.log(1 - p_))
    a = W1 @ x; h = np.tanh(a); z = w2 @ h + b2; p = sig(z); L = Lf()
    hr = np.array([-.19738, -.37995])
    Lh = lambda hh: -np.log(sig(w2 @ hh + b2))
    La = lambda aa: Lh(np.tanh(aa))
    dz = fd(lambda t: -np.log(sig(t)), z)
    gw2 = grad(lambda t: Lf(w2_=t), w2); gb2 = fd(lambda t: Lf(b2_=t), b2)
    gh = grad(Lh, h); ga = grad(La, a); gW1 = grad(lambda t: Lf(W1_=t), W1)
    def claims19():
        ok = all(abs(fd(lambda t: -(yy * np.log(sig(t)) + (1 - yy) * np.log(1 - sig(t))), zz) - (sig(zz) - yy)) < 1e-7
                 for zz in r(3) for yy in (0., 1.))
        return ok and all(abs(fd(np.tanh, t) - (1 - np.tanh(t) ** 2)) < 1e-8 for t in r(3))
    return [
        ('구조: $', GIVEN),
        (r'\mathbf x = \begin{pmatrix}1\\-1', GIVEN),
        (r'\mathbf a &= \begin{pmatrix}0.2 - 0.4', lambda: allof(E('0.2 - 0.4', a[0]), E('-0.3 - 0.1', a[1]),CV(['-0.2', '-0.4'], a), CV(['-0.19738', '-0.37995'], h))),
        (r'z &= 1\cdot(-0.19738)', lambda: allof(C('0.66252', z, w2 @ hr + b2), C('0.65983', p, sig(.66252))), '0.19738 0.37995'),
        (r'L &= -\log 0.65983', lambda: C('0.4158', L, -np.log(.65983)), '0.65983'),
        ('**(나) 역전파.**', claims19),
        (r'\delta &= p - y \approx -0.34017', lambda: allof(
            C('-0.34017', dz, .65983 - 1), near(gw2, dz * h, 1e-7), CV(['0.06714', '0.12925'], gw2, -.34017 * hr),
            abs(gb2 - dz) < 1e-7)),
        (r'\frac{\partial L}{\partial \mathbf h} &= \delta\,\mathbf w_2', lambda: allof(
            near(gh, dz * w2, 1e-7), CV(['-0.3402', '0.6803'], gh, -.34017 * w2),
            CV(['0.96104', '0.85564'], 1 - h ** 2, 1 - hr ** 2))),
        (r'\boldsymbol\delta_h &= \frac{\partial L}{\partial \mathbf h}\odot', lambda: allof(
            near(ga, gh * (1 - h ** 2), 1e-7), CV(['-0.3269', '0.5821'], ga, np.array([-.3402, .6803]) * [.96104, .85564]))),
        (r'\frac{\partial L}{\partial W_1} = \boldsymbol\delta_h\,\mathbf x^\top', lambda: allof(
            near(gW1, np.outer(ga, x), 1e-7), CV(['-0.3269', '0.3269', '0.5821', '-0.5821'], gW1))),
        ('**(다) 확인.**', lambda: allof(near(gW1.sum(axis=1), 0, 1e-7), I('9', W1.size + 2 + w2.size + 1))),
        ('**(라)**', lambda: C('0.2701', b2 - .5 * gb2, .1 + .5 * .34017), '0.34017', '0.5'),
    ]

# ------------------------------------------------- arithmetic chain check
_SEP = re.compile(r'\\qquad|\\quad|&|\\\\|,\s|;|\$|\\text\{[^}]*\}|\\Longrightarrow|\\leftarrow|<|>|:')

def _arith(piece):
    t = piece
    for a, b in ((r'\left', ''), (r'\right', ''), (r'\bigl', ''), (r'\bigr', ''), (r'\Bigl', ''), (r'\Bigr', ''),
                 (r'\cdot', '*'), (r'\times', '*'), (r'\,', ''), (r'\ ', ''), (r'\!', ''), ('−', '-')):
        t = t.replace(a, b)
    t = re.sub(r'\\tfrac12', '(1/2)', t)
    t = re.sub(r'\\[dt]?frac\{([^{}]*)\}\{([^{}]*)\}', r'((\1)/(\2))', t)
    t = t.replace('{', '(').replace('}', ')').strip().rstrip('.').strip()
    if not t or not re.fullmatch(r'[\d.\s+\-*/()]+', t) or not re.search(r'\d', t):
        return None
    if re.search(r'\d\s+\d', t) or re.search(r'\)\s*\(', t) or re.search(r'\d\s*\(', t) or re.search(r'\)\s*\d', t):
        return None                       # juxtaposition / tuples: not a scalar expression
    try:
        return float(eval(t, {'__builtins__': {}}, {}))
    except Exception:
        return None

def _bare(piece):
    t = piece.replace('−', '-').replace(r'\,', '').strip().rstrip('.').strip()
    m = re.fullmatch(r'-?\d+(?:\.(\d+))?', t)
    return None if not m else 0.5 * 10.0 ** (-len(m.group(1) or '')) * (1 + 1e-9)

CHAIN_PAIRS = [0]

def chains_ok(text):
    """adjacent pieces of '=' / '\\approx' chains that are pure arithmetic must agree
    (to the printed precision when one side is a bare number)."""
    bad = []
    body = re.sub(r'<!--.*?-->', '', text)
    for seg in _SEP.split(body):
        parts = re.split(r'=|\\approx', seg)
        vals = [(p, _arith(p)) for p in parts]
        for (p1, v1), (p2, v2) in zip(vals, vals[1:]):
            if v1 is None or v2 is None:
                continue
            tol = max([t for t in (_bare(p1), _bare(p2)) if t is not None] or [5e-6 * max(1.0, abs(v1))])
            CHAIN_PAIRS[0] += 1
            if abs(v1 - v2) > tol + 1e-12:
                bad.append(f'{p1.strip()} = {p2.strip()}')
    return bad

# ================================================================== driver
_STRUCT = re.compile(r'\\begin\{[^}]*\}|\\end\{[^}]*\}|\$\$|\\\[|\\\]|\\qquad|\\quad|\\;|\s')

def classify(lines):
    """return set of 1-based line numbers that contain math and are not pure delimiters"""
    out = set(); disp = False; env = None
    for i, ln in enumerate(lines, 1):
        s = ln.strip()
        if s.startswith('<!--'):
            continue
        inside = disp or env is not None
        if s == '$$':
            disp = not disp; continue
        if s == r'\[':
            disp = True; continue
        if s == r'\]':
            disp = False; continue
        if not inside:
            m = re.match(r'\\begin\{([^}]*)\}', s)
            if m:
                env = m.group(1)
                inside = True
        elif env is not None and s.startswith(r'\end{' + env + '}'):
            env = None
        if _STRUCT.sub('', s) == '':
            continue
        if inside or '$' in s or r'\(' in s:
            out.add(i)
    return out

def norm(text):
    t = text.replace('−', '-')
    return re.sub(r'(?<=\d)\\,(?=\d)', '', t)

def decimals(text):
    return [abs(float(m)) for m in re.findall(r'(?<![\w^_{])\d+\.\d+', norm(text))]

CHAIN_LOG = []

def check_file(name, builder):
    lines = open(os.path.join(HERE, name), encoding='utf-8').read().split('\n')
    if lines and lines[-1] == '':
        lines = lines[:-1]
    problems = []; covered = set(); first_false = None; prev = 0; seen = set()
    for entry in builder():
        sub, pred = entry[0], entry[1]
        carried = [abs(float(c)) for c in (entry[2].split() if len(entry) > 2 else [])]
        givens = [abs(float(c)) for c in (entry[3].split() if len(entry) > 3 else [])]
        ln = next((i for i in range(prev + 1, len(lines) + 1) if sub in lines[i - 1]), None)
        if ln is None:
            problems.append(f'entry not found after line {prev}: {sub!r}')
            continue
        prev = ln; covered.add(ln); text = norm(lines[ln - 1])
        _REC.clear()
        try:
            ok = bool(pred())
        except Exception as e:
            ok = False; problems.append(f'line {ln}: predicate error {e!r}')
        rec = list(_REC)
        if pred is not GIVEN:
            bad = chains_ok(lines[ln - 1])
            if bad:
                ok = False
                if VERBOSE:
                    print('      chain:', bad)
            CHAIN_LOG.append((name, ln, bad))
        for lit in rec:
            if lit not in text:
                problems.append(f'line {ln}: checked literal {lit!r} not on the line')
        if pred is GIVEN:
            seen.update(decimals(text))
        else:
            recf = {d for x in rec for d in decimals(x)}
            for c in carried:
                if c not in seen:
                    problems.append(f'line {ln}: carried value {c} was not established earlier')
            for d in decimals(text):
                if d not in recf and d not in carried and d not in givens and d not in seen:
                    problems.append(f'line {ln}: number {d} is neither checked nor declared carried')
            seen.update(recf); seen.update(givens)
        if VERBOSE:
            print(f'   {name[:28]:28s} L{ln:02d} {"T" if ok else "F"} {lines[ln - 1][:80]}')
        if not ok and first_false is None:
            first_false = ln
    missing = sorted(classify(lines) - covered)
    if missing:
        problems.append(f'math lines without a check: {missing}')
    return first_false, problems, len(lines)

def main():
    expected = json.load(open(os.path.join(HERE, 'expected.json')))
    md = sorted(f for f in os.listdir(HERE) if f.endswith('.md'))
    all_ok = set(expected) == set(FILES) == set(md)
    if not all_ok:
        print('file set mismatch', sorted(set(expected) ^ set(FILES)), sorted(set(md) ^ set(FILES)))
    n_null = sum(v is None for v in expected.values())
    if n_null != 8 or len(expected) != 16:
        print('expected.json should have 16 files, 8 of them null'); all_ok = False
    for name in sorted(FILES):
        ff, probs, n = check_file(name, FILES[name])
        exp = expected.get(name, 'missing')
        first = open(os.path.join(HERE, name), encoding='utf-8').readline()
        style_ok = first.startswith('<!-- style:') and first.rstrip().endswith('-->')
        ok = ff == exp and not probs and 15 <= n <= 45 and style_ok
        all_ok &= ok
        print(f'{name:36s} lines={n:2d} first_false={str(ff):4s} expected={str(exp):4s} {"OK" if ok else "MISMATCH"}')
        for p in probs:
            print('     !', p)
        if not style_ok:
            print('     ! first line is not a style comment')
    print('ALL OK' if all_ok else 'NOT OK')
    return 0 if all_ok else 1

if __name__ == '__main__':
    sys.exit(main())
