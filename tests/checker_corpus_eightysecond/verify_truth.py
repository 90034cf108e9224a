#!/usr/bin/env python3
"""Independent NumPy check of corpus82 (core backprop exercises, student notes).

For every file: an ordered list of checks (unique substring of one line,
predicate, declared structural tokens).  Every line that contains math
(LaTeX, inline code, code with a relation sign and a digit, Unicode math
symbols) must be covered.  Givens / definitions are GIVEN (or their numbers
are registered with E against the arrays the checks use).  Worked numbers are
recomputed and must agree to their printed precision with the exact value or
with the value recomputed from the rounded numbers the author carried;
symbolic derivative claims are tested with central finite differences at
random points; sizes / parameter counts by building arrays and counting.
Every number printed on a checked line must be a checked value or a declared
token ('*' = line not accounted, used for givens only).
The first line whose predicate is False must equal expected.json.
"""
import json, math, os, re, sys
from collections import Counter
import numpy as np

VERBOSE = '-v' in sys.argv
D = os.path.dirname(os.path.abspath(__file__))
RNG = np.random.default_rng(82)

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

def SCI(mant, exp, *cands):
    """a number printed as mant x 10^exp, correct to the precision of the mantissa."""
    _LITS.extend([mant, '10', exp])
    v, t = _num(mant); e = int(exp)
    return any(abs(v * 10.0 ** e - float(c)) <= t * 10.0 ** e for c in cands)

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
relu = lambda z: np.maximum(z, 0.0)

FILES = {}
def register(name, comma=False):
    def deco(fn):
        FILES[name] = (fn, comma)
        return fn
    return deco

# ======================================================================= 01
@register('01_mlp221_sigmoid_by_hand.md')
def f01():
    x = np.array([0.5, 1.0]); t = 1.0; eta = 0.5
    W = np.array([[0.4, 0.3], [-0.2, 0.1]])          # W[i, j]: input i -> hidden j
    b = np.array([0.1, -0.1]); v = np.array([0.6, -0.5]); c = 0.2
    P0 = np.concatenate([W.ravel(), b, v, [c]])      # w11 w12 w21 w22 b1 b2 v1 v2 c
    def unpack(P):
        return P[:4].reshape(2, 2), P[4:6], P[6:8], P[8]
    def fwd(P):
        W_, b_, v_, c_ = unpack(P)
        z = x @ W_ + b_; h = sig(z); zo = h @ v_ + c_; o = sig(zo)
        return z, h, zo, o, 0.5 * (t - o) ** 2
    z, h, zo, o, Ls = fwd(P0)
    G = grad(lambda P: fwd(P)[4], P0)
    dW, db, dv, dc = unpack(G)
    # values the student carried (rounded to 4 dp)
    hr = np.array([0.5250, 0.5374]); zor = 0.2463; orr = 0.5613
    do_r = (orr - t) * orr * (1 - orr); dor = -0.1080
    dh_r = dor * v * hr * (1 - hr); dhr = np.array([-0.0162, 0.0134])
    Pn = P0 - eta * G
    Wn, bn, vn, cn = unpack(Pn)
    Pr = np.array([0.4040, 0.2966, -0.1919, 0.0933, 0.1081, -0.1067, 0.6284, -0.4710, 0.2540])
    Lnew_r = fwd(Pr)[4]; Lnew = fwd(Pn)[4]
    def dsig():
        return all(abs(fd(sig, s) - sig(s) * (1 - sig(s))) < 1e-8 for s in rand(8, lo=-5, hi=5))
    def delta_o():
        ok = True
        for _ in range(5):
            zz, tt = rand(), rand(lo=0, hi=1)
            oo = sig(zz)
            ok &= abs(fd(lambda u: 0.5 * (tt - sig(u)) ** 2, zz) - (oo - tt) * oo * (1 - oo)) < 1e-8
        return ok
    def out_rule():
        ok = True
        for _ in range(3):
            P = rand(9); g = grad(lambda Q: fwd(Q)[4], P)
            _, hh, _, oo, _ = fwd(P)
            ok &= near(g[6:8], (oo - t) * oo * (1 - oo) * hh) and abs(g[8] - (oo - t) * oo * (1 - oo)) < 1e-6
        return ok
    def hid_rule():
        ok = True
        for _ in range(3):
            P = rand(9); W_, b_, v_, c_ = unpack(P)
            _, hh, zz, oo, _ = fwd(P); d_o = (oo - t) * oo * (1 - oo)
            dz = grad(lambda u: 0.5 * (t - sig(sig(u) @ v_ + c_)) ** 2, x @ W_ + b_)
            ok &= near(dz, d_o * v_ * hh * (1 - hh))
            gW = grad(lambda Q: fwd(Q)[4], P)[:4].reshape(2, 2)
            ok &= near(gW, np.outer(x, dz))                      # dE/dw_ij = delta_j x_i
        return ok
    def code_cell():
        hh = sig(np.array([0.4040 * 0.5 - 0.1919 * 1.0 + 0.1081, 0.2966 * 0.5 + 0.0933 * 1.0 - 0.1067]))
        oo = sig(0.6284 * hh[0] - 0.4710 * hh[1] + 0.2540)
        return round(0.5 * (1 - oo) ** 2, 4)
    def pushes_up():
        zo_new = fwd(Pn)[2]
        return o < t and zo_new > zo and v[1] < 0 and vn[1] > v[1] and dhr[1] > 0 and G[5] > 0
    return [
        ('Q: *compute every', lambda: E('0.5', eta)),
        ('Setup (from the sheet)', GIVEN),
        ('- input $x_1 = 0.5$', lambda: EV(['0.5', '1.0'], x) and E('1', t)),
        ('- $w_{11} = 0.4$', lambda: EV(['0.4', '-0.2', '0.3', '0.1'], [W[0, 0], W[1, 0], W[0, 1], W[1, 1]]) and EV(['0.1', '-0.1'], b)),
        ('- $v_1 = 0.6$', lambda: EV(['0.6', '-0.5'], v) and E('0.2', c)),
        ('- loss $E = \\frac12', GIVEN, '1 2 2 1 1'),
        ('$z_1 = 0.4\\cdot 0.5', lambda: E('0.4', W[0, 0]) and E('0.5', x[0]) and E('0.2', -W[1, 0]) and E('1.0', x[1]) and E('0.1', b[0])
            and C('0.1', z[0]) and C('0.1', z[0]) and C('0.5250', h[0])),
        ('$z_2 = 0.3\\cdot 0.5', lambda: E('0.3', W[0, 1]) and E('0.5', x[0]) and E('0.1', W[1, 1]) and E('1.0', x[1]) and E('0.1', -b[1])
            and C('0.15', z[1]) and C('0.15', z[1]) and C('0.5374', h[1])),
        ('$z_o = 0.6\\cdot 0.5250', lambda: E('0.6', v[0]) and C('0.5250', h[0]) and E('0.5', -v[1]) and C('0.5374', h[1]) and E('0.2', c)
            and C('0.2463', zo, hr @ v + c) and C('0.2463', zo) and C('0.5613', o, sig(zor))),
        ('$E = \\frac12(1 - 0.5613)^2', lambda: E('1', t) and C('0.5613', o) and C('0.0962', Ls, 0.5 * (1 - orr) ** 2), '1 2 2'),
        ('**Backward.** Use', dsig, '1'),
        ('Output delta (chain rule', GIVEN),
        ('$$\\delta_o = \\frac{\\partial E}{\\partial z_o}', lambda: delta_o() and C('-0.4387', o - t, orr - t) and C('0.5613', o)
            and C('0.4387', 1 - o, 1 - orr) and C('-0.1080', G[8], do_r), '1'),
        ('output layer weights, $\\partial E/\\partial v_j', out_rule),
        ('- $\\partial E/\\partial v_1 =', lambda: C('-0.1080', G[8]) and C('0.5250', h[0]) and C('-0.0567', dv[0], dor * hr[0])),
        ('- $\\partial E/\\partial v_2 =', lambda: C('-0.1080', G[8]) and C('0.5374', h[1]) and C('-0.058', dv[1], dor * hr[1])),
        ('- $\\partial E/\\partial c =', lambda: C('-0.1080', dc)),
        ('Hidden deltas: $\\delta_j', hid_rule, '1'),
        ('- $\\delta_1 = (-0.1080)(0.6)', lambda: C('-0.1080', G[8]) and E('0.6', v[0]) and C('0.5250', h[0]) and C('0.4750', 1 - h[0])
            and C('-0.0648', G[8] * v[0], dor * v[0]) and C('0.2494', h[0] * (1 - h[0]), hr[0] * (1 - hr[0]))
            and C('-0.0162', db[0], dh_r[0])),
        ('- $\\delta_2 = (-0.1080)(-0.5)', lambda: C('-0.1080', G[8]) and E('-0.5', v[1]) and C('0.5374', h[1]) and C('0.4626', 1 - h[1])
            and C('0.0540', G[8] * v[1], dor * v[1]) and C('0.2486', h[1] * (1 - h[1]), hr[1] * (1 - hr[1]))
            and C('0.0134', db[1], dh_r[1])),
        ('first layer, $\\partial E/\\partial w_{ij}', lambda: hid_rule()),
        ('| | $x_1 = 0.5$', lambda: EV(['0.5', '1.0'], x)),
        ('| hidden 1 ($\\delta_1', lambda: C('-0.0162', db[0]) and C('-0.0081', dW[0, 0], dhr[0] * x[0]) and C('-0.0162', dW[1, 0], dhr[0] * x[1])
            and C('-0.0162', db[0]), '1'),
        ('| hidden 2 ($\\delta_2', lambda: C('0.0134', db[1]) and C('0.0067', dW[0, 1], dhr[1] * x[0]) and C('0.0134', dW[1, 1], dhr[1] * x[1])
            and C('0.0134', db[1]), '2'),
        ('**SGD step**', lambda: E('0.5', eta)),
        ('- $v_1 = 0.6 + 0.5', lambda: E('0.6', v[0]) and E('0.5', eta) and C('0.0567', -dv[0]) and C('0.6284', vn[0])
            and E('-0.5', v[1]) and E('0.5', eta) and C('0.058', -dv[1], -dor * hr[1]) and C('-0.471', vn[1])
            and E('0.2', c) and E('0.5', eta) and C('0.1080', -dc) and C('0.2540', cn)),
        ('- $w_{11} = 0.4040$', lambda: CV(['0.4040', '-0.1919', '0.2966', '0.0933'], [Wn[0, 0], Wn[1, 0], Wn[0, 1], Wn[1, 1]])),
        ('- $b_1 = 0.1081$', lambda: CV(['0.1081', '-0.1067'], bn)),
        ('sign makes sense', pushes_up, '0 0'),
        ('sig = lambda z: 1/(1+np.exp(-z))', lambda: abs(sig(0.3) - 1 / (1 + math.exp(-0.3))) < 1e-15, '1 1'),
        ('h = sig(np.array([0.4040*0.5', lambda: EV(['0.4040', '0.5', '0.1919', '1.0', '0.1081', '0.2966', '0.5', '0.0933', '1.0', '0.1067'],
            [Pr[0], x[0], -Pr[2], x[1], Pr[4], Pr[1], x[0], Pr[3], x[1], -Pr[5]])),
        ('o = sig(0.6284*h[0]', lambda: EV(['0.6284', '0.4710', '0.2540'], Pr[6:9] * [1, -1, 1]), '0 1'),
        ('print(round(0.5*(1 - o)**2, 4))', lambda: E('0.5', 0.5) and E('1', t) and C('0.0869', code_cell(), Lnew), '2 4'),
        ('→ loss went $0.0962', lambda: C('0.0962', Ls) and C('0.0869', Lnew, Lnew_r) and Lnew < Ls),
    ]

# ======================================================================= 02
@register('02_relu_batch_matrix_de.md', comma=True)
def f02():
    N, Dd, H = 2, 3, 2
    X = np.array([[1.0, 2, 0], [0, 1, -1]]); W1 = np.array([[-0.5, 2], [1, 0.5], [2, 0]]); b1 = np.zeros(2)
    W2 = np.array([[1.0], [-1.0]]); b2 = 0.0; Y = np.array([[0.0], [1.0]]); eta = 0.1
    def fwd(X_, W1_, b1_, W2_, b2_):
        Z1 = X_ @ W1_ + b1_; A1 = relu(Z1); Yh = A1 @ W2_ + b2_
        return Z1, A1, Yh, np.sum((Yh - Y) ** 2) / (2 * N)
    Z1, A1, Yh, L = fwd(X, W1, b1, W2, b2)
    dYh = grad(lambda u: np.sum((u - Y) ** 2) / (2 * N), Yh)
    dW2 = grad(lambda u: fwd(X, W1, b1, u, b2)[3], W2)
    db2 = fd(lambda u: fwd(X, W1, b1, W2, u)[3], b2)
    dA1 = grad(lambda u: np.sum((u @ W2 + b2 - Y) ** 2) / (2 * N), A1)
    dZ1 = grad(lambda u: np.sum((relu(u) @ W2 + b2 - Y) ** 2) / (2 * N), Z1)
    dW1 = grad(lambda u: fwd(X, u, b1, W2, b2)[3], W1)
    db1 = grad(lambda u: fwd(X, W1, u, W2, b2)[3], b1)
    dW2_car = A1 @ dYh                                    # the student's (untransposed) product
    W2n_car = W2 - eta * dW2_car
    def shapes():
        return X.shape == (N, Dd) and W1.shape == (Dd, H) and b1.shape == (H,)
    def dW2_rule():
        ok = True
        for _ in range(3):       # N = H = 2 as in the notes, random values
            A = relu(rand(2, 2)) + 0.1; G = rand(2, 1); Wv = rand(2, 1)
            g = grad(lambda u: np.sum(G * (A @ u)), Wv)
            ok &= near(g, A @ G) and (A @ G).shape == (2, 1)
        return ok
    def dA_rule():
        ok = True
        for _ in range(3):
            A = rand(3, 4); Wv = rand(4, 1); G = rand(3, 1)
            ok &= near(grad(lambda u: np.sum(G * (u @ Wv)), A), G @ Wv.T)
        return ok
    def relu_rule():
        ok = all(abs(fd(relu, s) - (s > 0)) < 1e-8 for s in rand(10) if abs(s) > 1e-3)
        for _ in range(3):
            Zz = rand(3, 2); G = rand(3, 2)
            ok &= near(grad(lambda u: np.sum(G * relu(u)), Zz), G * (Zz > 0))
        return ok and Z1[1, 0] == -1 and (Z1 < 0).sum() == 1
    def dW1_rule():
        ok = True
        for _ in range(3):
            Xx = rand(2, 3); Wv = rand(3, 2); G = rand(2, 2)
            ok &= near(grad(lambda u: np.sum(G * (Xx @ u)), Wv), Xx.T @ G)
            ok &= near(grad(lambda u: np.sum(G * (Xx @ Wv + u)), rand(2)), G.sum(axis=0))
        return ok and near(dW1, X.T @ dZ1)
    return [
        ('Aufgabe: *Backward-Pass', GIVEN),
        ('**Bezeichnungen** (Zeilen', GIVEN),
        ('- $N$ = Anzahl Beispiele', lambda: E('2', N) and E('3', Dd) and E('2', H)),
        ('- $X$ hat $N$ Zeilen', lambda: shapes() and EV(['2', '3'], X.shape) and EV(['3', '2'], W1.shape)),
        ('- $W_2$ ist $H\\times 1$', lambda: W2.shape == (H, 1) and E('1', W2.shape[1])),
        ('$$Z_1 = XW_1 + b_1', GIVEN, '1 2 2'),
        ('($b_1$ wird auf jede Zeile', GIVEN),
        ('$$X = \\begin{pmatrix} 1 & 2 & 0', lambda: EV(['1', '2', '0', '0', '1', '-1'], X) and EV(['-0.5', '2', '1', '0.5', '2', '0'], W1)
            and EV(['0', '0'], b1) and EV(['1', '-1'], W2) and E('0', b2) and EV(['0', '1'], Y)),
        ('$$Z_1 = \\begin{pmatrix} 1{,}5 & 3', lambda: EV(['1.5', '3', '-1', '0.5'], Z1) and EV(['1.5', '3', '0', '0.5'], A1) and EV(['-1.5', '-0.5'], Yh)),
        ('$L = \\frac{1}{4}', lambda: E('1', 1) and E('4', 2 * N) and EV(['-1.5', '-1.5'], Yh - Y) and E('1.125', L), '2 2'),
        ('1. $\\mathrm{d}\\hat Y :=', lambda: near(dYh, (Yh - Y) / N) and E('1', 1) and E('2', N) and EV(['-1.5', '-1.5'], Yh - Y)
            and EV(['-0.75', '-0.75'], dYh) and E('1', dYh.shape[1])),
        ('2. Ausgabeschicht:', lambda: near(Yh[:, 0], np.array([sum(A1[n, h] * W2[h, 0] for h in range(H)) + b2 for n in range(N)]))),
        ('\\qquad\\text{Form: } (2\\times 2)', lambda: near(dW2, A1 @ dYh) and dW2_rule() and EV(['2', '2', '2', '1', '2', '1'], [2, 2, 2, 1, 2, 1])),
        ('$$\\Rightarrow\\ \\frac{\\partial L}{\\partial W_2}', lambda: ALL(E('1.5', A1[0, 0]), E('-0.75', dYh[0, 0]), E('3', A1[0, 1]), E('-0.75', dYh[1, 0]),
            E('0', A1[1, 0] * dYh[0, 0]), E('0.5', A1[1, 1]), E('-0.75', dYh[1, 0]), CV(['-3.375', '-0.375'], dW2, dW2_car))),
        ('$\\partial L/\\partial b_2 = \\sum_n', lambda: C('-1.5', db2)),
        ('3. Zurück in die versteckte Schicht', lambda: dA_rule() and near(dA1, dYh @ W2.T), '1 1'),
        ('$$\\mathrm{d}A_1 = \\begin{pmatrix}', lambda: CV(['-0.75', '0.75', '-0.75', '0.75'], dA1)),
        ('4. ReLU: Ableitung ist', lambda: relu_rule() and near(dZ1, dA1 * (Z1 > 0)) and E('-1', Z1[1, 0]), '1 0 0 1 0'),
        ('$$\\mathrm{d}Z_1 = \\begin{pmatrix}', lambda: CV(['-0.75', '0.75', '0', '0.75'], dZ1)),
        ('5. Erste Schicht', dW1_rule),
        ('$$\\frac{\\partial L}{\\partial W_1} = X^\\top', lambda: CV(['-0.75', '0.75', '-1.5', '2.25', '0', '-0.75'], dW1) and CV(['-0.75', '1.5'], db1)),
        ('**GD-Schritt** mit', lambda: E('0.1', eta)),
        ('$$W_2 \\leftarrow W_2 - \\eta', lambda: ALL(E('1', W2[0, 0]), CV(['0.3375'], -eta * dW2[0], -eta * dW2_car[0]), E('-1', W2[1, 0]),
            CV(['0.0375'], -eta * dW2[1], -eta * dW2_car[1]), CV(['1.3375', '-0.9625'], W2 - eta * dW2, W2n_car),
            E('0', b2), C('0.15', -eta * db2), C('0.15', b2 - eta * db2))),
        ('Merke: Gradient hat immer', lambda: dW2.shape == W2.shape and dW1.shape == W1.shape and db1.shape == b1.shape
            and abs(dYh.sum() - db2) < 1e-6 and near(dYh, (Yh - Y) / N) and E('1', 1)),
    ]

# ======================================================================= 03
@register('03_softmax_ce_cas_fr.md', comma=True)
def f03():
    z = np.array([1.0, 2.0, -0.5]); y = np.array([1.0, 0, 0]); K = 3
    ez = np.exp(z); S = ez.sum(); p = ez / S
    CE = lambda zz, yy=y: -np.sum(yy * np.log(softmax(zz)))
    g = grad(CE, z)
    pr = np.array([0.2537, 0.6897, 0.0566])
    def jac_entries(kind):
        ok = True
        for _ in range(4):
            zz = rand(5); pp = softmax(zz)
            J = np.stack([grad(lambda u: softmax(u)[i], zz) for i in range(5)])      # J[i, j] = dp_i/dz_j
            Sx = np.exp(zz).sum()
            if kind == 'diag':
                ok &= near(np.diag(J), (np.exp(zz) * Sx - np.exp(zz) ** 2) / Sx ** 2) and near(np.diag(J), pp * (1 - pp))
            elif kind == 'off':
                off = ~np.eye(5, dtype=bool)
                ok &= near(J[off], (-np.outer(np.exp(zz), np.exp(zz)) / Sx ** 2)[off]) and near(J[off], -np.outer(pp, pp)[off])
            else:
                ok &= near(J, pp[:, None] * (np.eye(5) - pp[None, :]))
        return ok
    def dS():
        zz = rand(4)
        return near(grad(lambda u: np.exp(u).sum(), zz), np.exp(zz)) and jac_entries('off')
    def dLdp():
        pp = rand(4, lo=0.1, hi=1); yy = softmax(rand(4))
        return near(grad(lambda u: -np.sum(yy * np.log(u)), pp), -yy / pp)
    def chain_lines(step):
        ok = True
        for _ in range(4):
            zz = rand(5); yy = softmax(rand(5)); pp = softmax(zz)       # soft labels summing to one
            num = grad(lambda u: CE(u, yy), zz)
            for j in range(5):
                others = [k for k in range(5) if k != j]
                l1 = -yy[j] / pp[j] * pp[j] * (1 - pp[j]) + sum((-yy[k] / pp[k]) * (-pp[k] * pp[j]) for k in others)
                l2 = -yy[j] + yy[j] * pp[j] + pp[j] * yy[others].sum()
                l3 = -yy[j] + pp[j] * yy.sum()
                val = {1: l1, 2: l2, 3: l3}[step]
                ok &= abs(num[j] - val) < 1e-6 and (step < 3 or abs(val - (pp[j] - yy[j])) < 1e-12)
        return ok
    def soft_labels():
        zz = rand(4); yy = softmax(rand(4))
        return near(grad(lambda u: CE(u, yy), zz), softmax(zz) - yy) and abs(yy.sum() - 1) < 1e-12
    def shift():
        return near(softmax(z + 3.3), softmax(z))
    def code():
        Lc = lambda zz: -np.log(np.exp(zz[0]) / np.exp(zz).sum())
        h = 1e-5
        gg = [(Lc(z + h * np.eye(3)[j]) - Lc(z - h * np.eye(3)[j])) / (2 * h) for j in range(3)]
        return np.round(gg, 4)
    return [
        ("*Énoncé : montrer que pour", lambda: near(g, p - y) and chain_lines(3)),
        ('Notations : $K$ classes', GIVEN),
        ('**Étape 1 : jacobienne', dS, '1'),
        ('*Cas $i = j$ :*', GIVEN),
        ('\\frac{e^{z_i} S - e^{z_i} e^{z_i}}{S^2}', lambda: jac_entries('diag'), '2 1 1'),
        ('*Cas $i \\neq j$ :* le numérateur', lambda: near(grad(lambda u: np.exp(u[0]), z), [ez[0], 0, 0])),
        ('\\frac{0\\cdot S - e^{z_i} e^{z_j}}{S^2}', lambda: jac_entries('off'), '0 2'),
        ('Bilan :', GIVEN),
        ('\\begin{cases} p_i(1-p_i)', lambda: jac_entries('all'), '1'),
        ('**Étape 2 : règle de chaîne.**', dLdp, '2'),
        ('&= \\sum_k \\frac{\\partial L}{\\partial p_k}', lambda: chain_lines(1), '1'),
        ('&= -y_j + y_j p_j + p_j', lambda: chain_lines(2)),
        ('&= -y_j + p_j \\sum_k y_k', lambda: chain_lines(3) and E('1', 1)),
        ("Donc $\\nabla_z L = p - y$.", lambda: soft_labels() and E('1', 1)),
        ('**Application numérique**', lambda: E('3', K) and EV(['1', '2', '-0.5'], z) and EV(['1', '1', '0', '0'], [1, 1, 0, 0])),
        ('- $e^{z} \\approx', lambda: CV(['2.7183', '7.3891', '0.6065'], ez) and C('10.7139', S)),
        ('- $p \\approx (0{,}2537', lambda: CV(['0.2537', '0.6897', '0.0566'], p)),
        ('- $L = -\\log p_1', lambda: C('0.2537', p[0]) and C('1.3715', CE(z))),
        ('- $\\nabla_z L = p - y \\approx', lambda: CV(['-0.7463', '0.6897', '0.0566'], g, pr - y)),
        ('Vérif : la somme des composantes', lambda: ALL(CV(['-0.7463', '0.6897', '0.0566'], g), C('0', g.sum()) and abs((pr - y).sum()) < 1e-12,
            E('1', p.sum()), shift())),
        ('z = np.array([1.0, 2.0, -0.5])', lambda: EV(['1.0', '2.0', '-0.5'], z) and EV(['1.0', '0.0', '0.0'], y)),
        ('L = lambda z: -np.log(np.exp(z[0])', lambda: abs(-np.log(np.exp(z[0]) / np.exp(z).sum()) - CE(z)) < 1e-12, '0'),
        ('h = 1e-5', lambda: C('1e-5', 1e-5)),
        ('g = [(L(z + h*np.eye(3)[j])', lambda: near(code(), np.round(g, 4)), '3 3 2 3'),
        ('print(np.round(g, 4))', lambda: E('4', 4) and EV(['-0.7463', '0.6897', '0.0566'], code())),
    ]

# ======================================================================= 04
@register('04_derivadas_tanh_sigmoide_es.md', comma=True)
def f04():
    pts = rand(12, lo=-4, hi=4)
    def allpts(f, g, tol=1e-7):
        return all(abs(f(t) - g(t)) < tol for t in pts)
    dsig = lambda t: fd(sig, t)
    dtanh = lambda t: fd(np.tanh, t)
    ep = lambda t: math.exp(t); em = lambda t: math.exp(-t)
    def p1_chain():
        return (allpts(dsig, lambda t: -(1 + em(t)) ** -2 * (-em(t)))
                and allpts(dsig, lambda t: em(t) / (1 + em(t)) ** 2)
                and allpts(dsig, lambda t: 1 / (1 + em(t)) * em(t) / (1 + em(t))))
    def p1_simpl():
        return (allpts(lambda t: em(t) / (1 + em(t)), lambda t: (1 + em(t) - 1) / (1 + em(t)), 1e-12)
                and allpts(lambda t: em(t) / (1 + em(t)), lambda t: 1 - sig(t), 1e-12)
                and allpts(dsig, lambda t: sig(t) * (1 - sig(t))))
    def p2():
        return (allpts(np.tanh, lambda t: (ep(t) - em(t)) / (ep(t) + em(t)), 1e-12)
                and allpts(dtanh, lambda t: ((ep(t) + em(t)) ** 2 - (ep(t) - em(t)) ** 2) / (ep(t) + em(t)) ** 2)
                and allpts(dtanh, lambda t: 1 - (ep(t) - em(t)) ** 2 / (ep(t) + em(t)) ** 2)
                and allpts(dtanh, lambda t: 1 - np.tanh(t) ** 2))
    zs = math.log(0.8 / 0.2); zt = math.atanh(0.6)          # pre-activations giving a = 0.8 / 0.6
    def max_sig():
        grid = np.linspace(-10, 10, 200001); d = sig(grid) * (1 - sig(grid))
        aa = np.linspace(1e-6, 1 - 1e-6, 100001); par = aa - aa ** 2
        return (abs(grid[d.argmax()]) < 1e-9 and abs(d.max() - 0.25) < 1e-12 and abs(aa[par.argmax()] - 0.5) < 1e-5
                and allpts(lambda t: sig(t) * (1 - sig(t)), lambda t: sig(t) - sig(t) ** 2, 1e-12))
    def max_tanh():
        grid = np.linspace(-10, 10, 200001); d = 1 - np.tanh(grid) ** 2
        return abs(grid[d.argmax()]) < 1e-9 and abs(d.max() - 1) < 1e-12 and np.tanh(0.0) == 0
    def relation():
        return allpts(np.tanh, lambda t: 2 * sig(2 * t) - 1, 1e-12) and allpts(dtanh, lambda t: 4 * dsig(2 * t), 1e-6)
    def code_sig():
        t = rand(); da = rand(); a = sig(t)
        return abs(da * fd(sig, t) - da * a * (1 - a)) < 1e-8
    def code_tanh():
        t = rand(); da = rand(); a = np.tanh(t)
        return abs(da * fd(np.tanh, t) - da * (1 - a ** 2)) < 1e-8
    return [
        ("**P1. Demostrar que", lambda: allpts(dsig, lambda t: sig(t) * (1 - sig(t))) and allpts(sig, lambda t: 1 / (1 + em(t)), 1e-12), '1 1 1'),
        ('Escribo $\\sigma = (1+e^{-z})^{-1}$', lambda: allpts(sig, lambda t: (1 + em(t)) ** -1, 1e-12), '1 -1'),
        ("$$\\sigma'(z) = -(1+e^{-z})^{-2}", p1_chain, '1 -2 1 2 1 1 1'),
        ('y como $\\dfrac{e^{-z}}{1+e^{-z}}', p1_simpl, '1 1 1 1 1 1'),
        ('**P2. Lo mismo para', GIVEN),
        ('$\\tanh z = \\dfrac{e^{z}-e^{-z}}', lambda: allpts(np.tanh, lambda t: (ep(t) - em(t)) / (ep(t) + em(t)), 1e-12)),
        ("$$\\tanh'(z) = \\frac{(e^{z}+e^{-z})", p2, '2 1 2 2 1 2'),
        ('**P3. Si la salida', lambda: E('0.8', sig(zs)) and C('0.6', np.tanh(zt))),
        ('- sigmoide: $a(1-a)', lambda: E('1', 1) and E('0.8', sig(zs)) and C('0.2', 1 - sig(zs)) and C('0.16', dsig(zs))),
        ('- tanh: $1 - a^2', lambda: E('1', 1) and E('2', 2) and E('1', 1) and C('0.36', np.tanh(zt) ** 2) and C('0.64', dtanh(zt))),
        ('No hace falta conocer $z$', lambda: abs(dsig(zs) - 0.8 * 0.2) < 1e-8),
        ('**P4. Calcular con', lambda: E('1.5', 1.5) and E('0.5', 0.5)),
        ('- $\\sigma(1{,}5) = 0{,}8176$', lambda: E('1.5', 1.5) and C('0.8176', sig(1.5)) and E('1.5', 1.5) and C('0.8176', sig(1.5))
            and C('0.1824', 1 - sig(1.5)) and C('0.1491', dsig(1.5), 0.8176 * 0.1824)),
        ('- $\\tanh(0{,}5) = 0{,}4621$', lambda: E('0.5', 0.5) and C('0.4621', np.tanh(0.5)) and E('0.5', 0.5) and E('1', 1)
            and C('0.4621', np.tanh(0.5)) and E('2', 2) and C('0.786', dtanh(0.5), 1 - 0.4621 ** 2)),
        ("$\\sigma'(z) = a(1-a)$ con", lambda: max_sig() and E('1', 1) and E('0', 0) and E('1', 1) and E('2', 2) and E('1', 1) and E('2', 2)
            and E('0', 0) and E('1', 1) and E('2', 2) and E('1', 1) and E('2', 2) and E('1', 1) and E('4', 4)),
        ("$\\tanh'(z) = 1 - a^2$ es", lambda: max_tanh() and E('1', 1) and E('2', 2) and E('0', 0) and E('0', 0) and E('1', 1)),
        ('(Comprobación con la relación', lambda: relation() and abs(4 * dsig(0.0) - 1) < 1e-8, '2 2 1 4 2 0 4 1 4 1'),
        ('dz = da * a * (1 - a)', code_sig, '1'),
        ('dz = da * (1 - a**2)', code_tanh, '1 2'),
        ('Por eso con sigmoide el gradiente', lambda: ALL(C('0.25', max(dsig(t) for t in np.linspace(-6, 6, 1201)), 0.25), max_tanh(), E('1', 1), E('0', 0))),
    ]

# ======================================================================= 05
@register('05_comp_graph_study_group.md')
def f05():
    f1 = lambda v: (v[0] + v[1]) * v[2]
    a1 = np.array([1.0, 3, -2]); g1 = grad(f1, a1); q = a1[0] + a1[1]
    f2 = lambda v: (v[0] * v[1] + max(v[2], v[3])) * v[0]
    a2 = np.array([2.0, -1, 0.5, 3]); g2 = grad(f2, a2)
    x, y, z, w = a2; p = x * y; m = max(z, w); s = p + m
    gs = fd(lambda u: u * x, s)                   # d f / d s
    gx_direct = fd(lambda u: s * u, x)            # x as the second factor only
    gp = fd(lambda u: (u + m) * x, p); gm = fd(lambda u: (p + u) * x, m)
    gz = fd(lambda u: (p + max(u, w)) * x, z); gw = fd(lambda u: (p + max(z, u)) * x, w)
    gx_via_p = fd(lambda u: (u * y + m) * x, x); gy = fd(lambda u: (x * u + m) * x, y)
    def chain_rule_demo():
        ok = True
        for _ in range(3):
            aa, bb = rand(), rand()
            g = lambda u: np.sin(u); h = lambda u: u ** 3
            ok &= abs(fd(lambda u: g(h(u)), aa) - np.cos(h(aa)) * 3 * aa ** 2) < 1e-6
        return ok
    def gates():
        ok = True
        for _ in range(3):
            u, v, up = rand(), rand(), rand()
            ok &= abs(fd(lambda t: up * (t + v), u) - up) < 1e-6                     # add
            ok &= abs(fd(lambda t: up * (t * v), u) - up * v) < 1e-6                 # mul swaps and scales
            if abs(u - v) > 1e-3:
                ok &= abs(fd(lambda t: up * max(t, v), u) - up * (u > v)) < 1e-6     # max routes
            ok &= abs(fd(lambda t: up * (t * v + t), u) - up * (v + 1)) < 1e-6      # used twice: branches add
        return ok
    fdx = (f2(a2 + [1e-6, 0, 0, 0]) - f2(a2 - [1e-6, 0, 0, 0])) / (2e-6)
    fdy = (f2(a2 + [0, 1e-6, 0, 0]) - f2(a2 - [0, 1e-6, 0, 0])) / (2e-6)
    return [
        ('Rule we kept repeating', lambda: chain_rule_demo() and E('1', 1)),
        ('## Ex 1: $f(x,y,z)', lambda: EV(['1', '3', '-2'], a1), '1'),
        ('Intermediate node $q = x + y$', GIVEN),
        ('Forward: $q = 1 + 3 = 4$', lambda: E('1', a1[0]) and E('3', a1[1]) and E('4', q) and E('4', q) and E('-2', a1[2]) and E('-8', f1(a1))),
        ('- mul node $f = qz$', lambda: abs(fd(lambda u: u * a1[2], q) - a1[2]) < 1e-8 and abs(fd(lambda u: q * u, a1[2]) - q) < 1e-8
            and C('-2', fd(lambda u: u * a1[2], q)) and C('4', g1[2])),
        ('- add node $q = x + y$', lambda: E('1', 1) and C('-2', fd(lambda u: u * a1[2], q)) and E('1', 1) and C('-2', g1[0])
            and C('-2', fd(lambda u: u * a1[2], q)) and E('1', 1) and C('-2', g1[1])),
        ('sanity: $f = xz + yz$', lambda: abs(f1(a1) - (a1[0] * a1[2] + a1[1] * a1[2])) < 1e-12 and C('-2', g1[0]) and abs(g1[0] - a1[2]) < 1e-6
            and C('4', g1[2]) and abs(g1[2] - (a1[0] + a1[1])) < 1e-6),
        ('## Ex 2 (bigger one', GIVEN, '2'),
        ('at $x = 2$, $y = -1$', lambda: EV(['2', '-1', '0.5', '3'], a2)),
        ('Forward: $p = -2$', lambda: E('-2', p) and E('0.5', z) and E('3', w) and E('3', m) and E('-2', p) and E('3', m) and E('1', s)
            and E('1', s) and E('2', x) and E('2', f2(a2))),
        ('Backward, node by node', GIVEN),
        ('| $f = s\\cdot x$ |', lambda: E('1', 1) and abs(gs - x) < 1e-6 and C('2', gs) and abs(gx_direct - s) < 1e-6 and C('1', gx_direct) and C('2', gs) and C('1', gx_direct)),
        ('| $s = p + m$ |', lambda: C('2', gs) and E('1', 1) and E('1', 1) and C('2', gp) and C('2', gm)),
        ('| $m = \\max(z,w)$ |', lambda: C('2', gm) and E('1', 1) and E('1', float(w > z)) and E('0', 0) and C('2', gw) and C('0', gz)),
        ('| $p = x\\,y$ |', lambda: C('2', gp) and E('-1', y) and E('2', x) and C('-2', gx_via_p) and C('4', gy)),
        ('($\\bar v$ = our shorthand', GIVEN),
        ('$x$ feeds two nodes', gates),
        ('$$\\bar x = \\bar x^{(a)} + \\bar x^{(b)}', lambda: C('1', gx_direct) and C('-2', gx_via_p) and C('-1', g2[0]) and abs(gx_direct + gx_via_p - g2[0]) < 1e-6),
        ('Check by expanding', lambda: all(abs(f2(v) - (v[0] ** 2 * v[1] + v[0] * max(v[2], v[3]))) < 1e-12 for v in rand(5, 4)) and w > z, '2'),
        ('\\frac{\\partial f}{\\partial x} = 2xy + w', lambda: ALL(near(g2[0], 2 * x * y + w), E('2', 2), E('2', 2), E('2', x), E('-1', y), E('3', w), C('-1', g2[0]),
            E('2', 2), C('4', g2[1]), C('2', g2[3]))),
        ('Gate patterns (Tom', lambda: gates() and E('0', 0)),
        ('h = 1e-6', lambda: C('1e-6', 1e-6)),
        ('print((f(2 + h, -1, 0.5, 3)', lambda: ALL(EV(['2', '-1', '0.5', '3', '2', '-1', '0.5', '3', '2'], [x, y, z, w, x, y, z, w, 2]), C('-1.0000', fdx))),
        ('print((f(2, -1 + h, 0.5, 3)', lambda: ALL(EV(['2', '-1', '0.5', '3', '2', '-1', '0.5', '3', '2'], [x, y, z, w, x, y, z, w, 2]), C('4.0000', fdy))),
    ]

# ======================================================================= 06
@register('06_cnn_output_size_params_zh.md')
def f06():
    from numpy.lib.stride_tricks import sliding_window_view as swv
    def conv_out(x, F, S=1, P=0):             # x: H x W x C, returns the spatial output size by sliding windows
        xp = np.pad(x, ((P, P), (P, P), (0, 0)))
        win = swv(xp, (F, F), axis=(0, 1))[::S, ::S]
        return win.shape[0], win.shape[1]
    def maxpool(x, F=2, S=2):
        return swv(x, (F, F), axis=(0, 1))[::S, ::S].max(axis=(-2, -1))
    img = np.zeros((32, 32, 3))
    h1 = conv_out(img, 5, 1, 2)[0]; a1 = np.zeros((h1, h1, 8))
    p1 = maxpool(a1); hp1 = p1.shape[0]
    h2 = conv_out(p1, 3, 1, 0)[0]; a2 = np.zeros((h2, h2, 16))
    p2 = maxpool(a2); hp2 = p2.shape[0]
    flat = p2.size
    nconv1 = np.zeros((8, 3, 5, 5)).size + np.zeros(8).size
    nconv2 = np.zeros((16, 8, 3, 3)).size + np.zeros(16).size
    nfc = np.zeros((10, flat)).size + np.zeros(10).size
    total = nconv1 + nconv2 + nfc
    h2_car = 13; hp2_car = 6; flat_car = 6 * 6 * 16; nfc_car = flat_car * 10 + 10; total_car = 608 + 1168 + nfc_car
    def formula():
        ok = True
        for (W, F, S, P) in [(32, 5, 1, 2), (16, 3, 1, 0), (28, 3, 2, 1), (11, 3, 2, 0), (9, 4, 1, 1)]:
            ok &= conv_out(np.zeros((W, W, 1)), F, S, P)[0] == (W - F + 2 * P) // S + 1
        return ok
    return [
        ('**题目**：输入为', lambda: EV(['32', '32', '3'], img.shape)),
        ('1. conv1：8 个', lambda: E('8', 8) and E('5', 5) and E('5', 5) and E('1', 1) and E('2', 2)),
        ('2. pool1：', lambda: E('2', 2) and E('2', 2) and E('2', 2)),
        ('3. conv2：16 个', lambda: E('16', 16) and E('3', 3) and E('3', 3) and E('1', 1) and E('0', 0)),
        ('4. pool2：', lambda: E('2', 2) and E('2', 2) and E('2', 2)),
        ('**公式**（课上讲的）', GIVEN),
        ('$$W_{\\text{out}} = \\frac{W - F + 2P}{S} + 1$$', lambda: formula(), '2 1'),
        ('池化层同理', lambda: maxpool(np.zeros((10, 10, 1))).shape[0] == (10 - 2) // 2 + 1 and E('0', 0)),
        ('- conv1：$\\dfrac{32 - 5', lambda: ALL(E('32', 32), E('5', 5), E('2', 2), E('2', 2), E('1', 1), E('1', 1), E('32', h1),
            EV(['32', '32', '8'], a1.shape), E('2', 2), h1 == 32)),
        ('- pool1：$\\dfrac{32 - 2}{2}', lambda: ALL(E('32', h1), E('2', 2), E('2', 2), E('1', 1), E('16', hp1), EV(['16', '16', '8'], p1.shape))),
        ('- conv2：$\\dfrac{16 - 3', lambda: ALL(E('16', hp1), E('3', 3), E('2', 2), E('0', 0), E('1', 1), E('13', h2), EV(['13', '13', '16'], a2.shape))),
        ('- pool2：$\\dfrac{13 - 2}{2}', lambda: ALL(C('13', h2, h2_car), E('2', 2), E('2', 2), E('1', 1), C('6.5', (h2 - 2) / 2 + 1, (h2_car - 2) / 2 + 1),
            C('6', hp2, hp2_car), C('6', hp2, hp2_car), E('16', p2.shape[2]), maxpool(np.zeros((h2_car, h2_car, 1))).shape[0] == hp2_car)),
        ('- 展平：$6\\times 6\\times 16 = 576$', lambda: ALL(C('6', hp2, hp2_car), C('6', hp2, hp2_car), E('16', 16), C('576', flat, flat_car))),
        ('**参数量**：每个卷积核有', lambda: np.zeros((3, 5, 5)).size == 5 * 5 * 3 and E('1', 1)),
        ('- conv1：$(5\\times 5\\times 3 + 1)', lambda: ALL(E('5', 5), E('5', 5), E('3', 3), E('1', 1), E('8', 8), E('76', nconv1 / 8), E('8', 8), E('608', nconv1))),
        ('- pool1、pool2：没有参数', lambda: E('0', 0)),
        ('- conv2：$(3\\times 3\\times 8 + 1)', lambda: ALL(E('3', 3), E('3', 3), E('8', 8), E('1', 1), E('16', 16), E('73', nconv2 / 16), E('16', 16), E('1168', nconv2))),
        ('- fc：$576\\times 10 + 10 = 5770$', lambda: ALL(C('576', flat, flat_car), E('10', 10), E('10', 10), C('5770', nfc, nfc_car), np.zeros((10, 576)).size + 10 == 5770)),
        ('$$\\text{总参数量} = 608', lambda: ALL(E('608', nconv1), E('1168', nconv2), C('5770', nfc, nfc_car), C('7546', total, total_car), 608 + 1168 + 5770 == 7546)),
        ('注意：全连接层占了大部分参数', lambda: ALL(C('5770', nfc, nfc_car), C('7546', total, total_car), C('76', 100 * nfc / total, 100 * nfc_car / total_car),
            EV(['32', '32', '3', '32', '32', '8'], [32, 32, 3, 32, 32, 8]), E('3072', img.size), E('8192', a1.size),
            C('2.5', np.zeros((img.size, a1.size), dtype=np.int8).size / 1e7), E('10', 10), E('7', 7))),
        ('nn.Conv2d(3, 8, kernel_size=5', lambda: EV(['3', '8', '5', '1', '2'], [3, 8, 5, 1, 2])),
        ('nn.Conv2d(8, 16, kernel_size=3)', lambda: EV(['8', '16', '3'], [8, 16, 3]) and conv_out(p1, 3)[0] == h2),
        ('nn.Linear(16 * 6 * 6, 10)', lambda: ALL(E('16', 16), C('6', hp2, hp2_car), C('6', hp2, hp2_car), E('10', 10))),
    ]

# ======================================================================= 07
@register('07_conv1d_backward_ru.md', comma=True)
def f07():
    def conv(x, w, b=0.0):
        K = len(w)
        return np.array([sum(w[k] * x[i + k] for k in range(K)) for i in range(len(x) - K + 1)]) + b
    x = np.array([1.0, 2, -1, 0, 3]); w = np.array([2.0, -1, 1]); b = 0.0; N, K = 5, 3
    dl = np.array([1.0, -2, 0.5])
    y = conv(x, w)
    L = lambda xx, ww, bb=0.0: dl @ conv(xx, ww, bb)
    dw = grad(lambda u: L(x, u), w); dx = grad(lambda u: L(u, w), x); dbias = fd(lambda u: L(x, w, u), 0.0)
    def dx_car_of(dd, ww, n):      # the student's formula: sum_m delta_{j+m} w_m
        return np.array([sum(dd[j + m] * ww[m] for m in range(len(ww)) if j + m < len(dd)) for j in range(n)])
    dxc = dx_car_of(dl, w, N)
    def local_w():
        ok = True
        for _ in range(3):
            xx, ww = rand(7), rand(3)
            J = np.stack([grad(lambda u: conv(xx, u)[i], ww) for i in range(5)])
            ok &= near(J, np.array([[xx[i + k] for k in range(3)] for i in range(5)]))
        return ok
    def dw_rule():
        ok = True
        for _ in range(3):
            xx, ww, dd = rand(7), rand(3), rand(5)
            ok &= near(grad(lambda u: dd @ conv(xx, u), ww), [sum(dd[i] * xx[i + k] for i in range(5)) for k in range(3)])
            ok &= abs(fd(lambda u: dd @ conv(xx, ww, u), 0.3) - dd.sum()) < 1e-6
            ok &= near(np.correlate(xx, dd, 'valid'), grad(lambda u: dd @ conv(xx, u), ww)) and len(np.correlate(xx, dd, 'valid')) == 3
        return ok
    def local_x():          # claim: dy_i/dx_j = w_{i-j} for 0 <= i-j <= K-1
        ok = True
        xx, ww = rand(7), rand(3)
        for i in range(5):
            g = grad(lambda u: conv(u, ww)[i], xx)
            claim = np.array([ww[i - j] if 0 <= i - j <= 2 else 0.0 for j in range(7)])
            ok &= near(g, claim)
        return ok
    def dx_rule():
        ok = True
        for _ in range(3):
            xx, ww, dd = rand(7), rand(3), rand(5)
            ok &= near(grad(lambda u: dd @ conv(u, ww), xx), dx_car_of(dd, ww, 7))
        return ok
    return [
        ('Обозначения: вход $x$ длины $N$', GIVEN),
        ('$$y_i = \\sum_{k=0}^{K-1} w_k', GIVEN, '1 0'),
        ('т.е. выход длины $N-K+1$', lambda: len(conv(rand(9), rand(4))) == 9 - 4 + 1, '1'),
        ('**По ядру.**', local_w),
        ('$$\\frac{\\partial L}{\\partial w_k} = \\sum_{i=0}^{N-K}', dw_rule),
        ('— это корреляция входа с', lambda: dw.shape == (K,)),
        ('**По входу.** $x_j$ входит', lambda: all(conv(np.eye(7)[j], np.eye(3)[k])[i] == 1.0 for i in range(5) for k in range(3) for j in [i + k])),
        ('\\frac{\\partial y_i}{\\partial x_j} = w_{i-j}', local_x, '0 1 0'),
        ('и по правилу цепочки', GIVEN),
        ('$$\\frac{\\partial L}{\\partial x_j} = \\sum_i \\delta_i\\, w_{i-j}', dx_rule, '1'),
        ('где $\\delta$ за пределами', lambda: dx.shape == x.shape and dxc.shape == x.shape, '0'),
        ('**Численный пример.**', lambda: E('5', N) and E('3', K) and EV(['1', '2', '-1', '0', '3'], x) and EV(['2', '-1', '1'], w) and E('0', b)),
        ('Прямой проход:', lambda: ALL(E('2', w[0] * x[0]), E('2', -w[1] * x[1]), E('1', -w[2] * x[2]), E('-1', y[0]),
            E('4', w[0] * x[1]), E('1', w[1] * x[2]), E('0', w[2] * x[3]), E('5', y[1]),
            E('-2', w[0] * x[2]), E('0', -w[1] * x[3]), E('3', w[2] * x[4]), E('1', y[2]), EV(['-1', '5', '1'], y))),
        ('Пусть пришло $\\delta', lambda: EV(['1', '-2', '0.5'], dl)),
        ('- $\\partial L/\\partial w_0 =', lambda: ALL(E('1', dl[0]), E('1', x[0]), E('-2', dl[1]), E('2', x[1]), E('0.5', dl[2]), E('-1', x[2]), C('-3.5', dw[0]))),
        ('- $\\partial L/\\partial w_1 =', lambda: ALL(E('1', dl[0]), E('2', x[1]), E('-2', dl[1]), E('-1', x[2]), E('0.5', dl[2]), E('0', x[3]), C('4', dw[1]))),
        ('- $\\partial L/\\partial w_2 =', lambda: ALL(E('1', dl[0]), E('-1', x[2]), E('-2', dl[1]), E('0', x[3]), E('0.5', dl[2]), E('3', x[4]), C('0.5', dw[2]))),
        ('- $\\partial L/\\partial b = 1 - 2', lambda: ALL(E('1', dl[0]), E('2', -dl[1]), E('0.5', dl[2]), C('-0.5', dbias))),
        ('- $\\partial L/\\partial x_0 =', lambda: ALL(E('2', dl[0] * w[0]), E('2', dl[1] * w[1]), E('0.5', dl[2] * w[2]), C('4.5', dx[0], dxc[0]))),
        ('- $\\partial L/\\partial x_1 =', lambda: ALL(E('-4', dl[1] * w[0]), E('0.5', -dl[2] * w[1]), C('-4.5', dx[1], dxc[1]))),
        ('- $\\partial L/\\partial x_2 =', lambda: C('1', dx[2], dxc[2])),
        ('- $\\partial L/\\partial x_3 =', lambda: C('0', dx[3], dxc[3]) and (abs(dx[4] - dx[3]) < 1e-6 or abs(dxc[4] - dxc[3]) < 1e-12) and (abs(dx[3]) < 1e-6 or abs(dxc[3]) < 1e-12)),
        ('Итого $\\nabla_x L =', lambda: ALL(CV(['4.5', '-4.5', '1', '0', '0'], dx, dxc), CV(['-3.5', '4', '0.5'], dw))),
        ('if j + m <= N - K:', lambda: near(dxc, [sum(dl[j + m] * w[m] for m in range(K) if j + m <= N - K) for j in range(N)])),
        ('dw = np.correlate(x, delta', lambda: near(np.correlate(x, dl, mode='valid'), dw) and len(dw) == K),
        ('**Вопрос:** как записать', lambda: near(np.correlate(x, dl, mode='valid'), dw)),
    ]

# ======================================================================= 08
@register('08_mse_batch_media_pt.md', comma=True)
def f08():
    x = np.array([1.0, 2, 3, 4]); y = np.array([3.0, 4, 8, 9]); w0, b0 = 2.0, 0.0; N = 4; alpha = 0.05
    Lf = lambda w, b, xx=x, yy=y: np.mean((w * xx + b - yy) ** 2)
    yh = w0 * x + b0; e = yh - y
    dyh = grad(lambda u: np.mean((u - y) ** 2), yh)
    dw = fd(lambda u: Lf(u, b0), w0); db = fd(lambda u: Lf(w0, u), b0)
    dyh_c = e / N; dw_c = (e * x).sum() / N; db_c = e.sum() / N              # student's carried values (no factor 2)
    w1_c = w0 - alpha * dw_c; b1_c = b0 - alpha * db_c
    w1 = w0 - alpha * dw; b1 = b0 - alpha * db
    yh1_c = w1_c * x + b1_c; e1_c = yh1_c - y
    def single_term():
        yy = rand(5); u = rand(5)
        return near(grad(lambda v: np.mean((v - yy) ** 2), u), 2 * (u - yy) / 5)
    def claim12():
        ok = True
        for _ in range(3):
            yy = rand(5); u = rand(5)
            ok &= near(grad(lambda v: np.mean((v - yy) ** 2), u), (u - yy) / 5)
        return ok
    def chain15():
        ok = True
        for _ in range(3):
            xx, yy = rand(6), rand(6); w, b = rand(), rand(); ee = w * xx + b - yy
            ok &= abs(fd(lambda u: Lf(u, b, xx, yy), w) - (ee * xx).mean()) < 1e-6 and abs(fd(lambda u: Lf(w, u, xx, yy), b) - ee.mean()) < 1e-6
        return ok
    def local14():
        w, b, xx = rand(), rand(), rand()
        return abs(fd(lambda u: u * xx + b, w) - xx) < 1e-8 and abs(fd(lambda u: w * xx + u, b) - 1) < 1e-8
    def vec17():
        xx, yy = rand(6), rand(6); w, b = rand(), rand(); ee = w * xx + b - yy
        return abs((ee * xx).mean() - xx @ ee / 6) < 1e-12 and chain15()
    def batch_invariance():
        w, b = 0.7, -0.3
        g1 = fd(lambda u: Lf(u, b, x, y), w); g2 = fd(lambda u: Lf(u, b, np.tile(x, 3), np.tile(y, 3)), w)
        return abs(g1 - g2) < 1e-6
    def sum_scale():
        gsum = fd(lambda u: np.sum((u * x + b0 - y) ** 2), w0)
        return abs(gsum - N * dw) < 1e-5
    return [
        ('**Exercício 2.**', GIVEN, '2'),
        ('Seja $N$ o número de exemplos', GIVEN),
        ('$$L(w,b) = \\frac{1}{N}', GIVEN, '1 2'),
        ('Chamo $e_n = \\hat y_n - y_n$', GIVEN),
        ('Derivando em relação à saída', single_term),
        ('$$\\frac{\\partial L}{\\partial \\hat y_n} = \\frac{1}{N}', claim12, '1'),
        ('Regra da cadeia, com', local14, '1'),
        ('$$\\frac{\\partial L}{\\partial w} = \\frac{1}{N}\\sum_n', chain15, '1 1'),
        ('Em forma vetorial', vec17),
        ('**Números:** $N = 4$', lambda: E('4', N) and EV(['1', '2', '3', '4'], x) and EV(['3', '4', '8', '9'], y) and E('2', w0) and E('0', b0)),
        ('- $\\hat{\\mathbf y} = (2;\\ 4;\\ 6;\\ 8)$', lambda: EV(['2', '4', '6', '8'], yh) and EV(['-1', '0', '-2', '-1'], e)),
        ('- $L = \\frac14(1 + 0 + 4 + 1)', lambda: E('1', 1) and E('4', N) and EV(['1', '0', '4', '1'], e ** 2) and E('1.5', Lf(w0, b0))),
        ('- $\\partial L/\\partial \\hat{\\mathbf y} = \\mathbf e/4', lambda: E('4', N) and CV(['-0.25', '0', '-0.5', '-0.25'], dyh, dyh_c)),
        ('- $\\partial L/\\partial w = \\frac14\\big(', lambda: ALL(E('1', 1), E('4', N), EV(['-1', '1', '0', '2', '-2', '3', '-1', '4'], np.ravel(np.column_stack([e, x]))),
            E('-11', (e * x).sum()), E('4', N), C('-2.75', dw, dw_c))),
        ('- $\\partial L/\\partial b = \\frac14(-1', lambda: ALL(E('1', 1), E('4', N), E('-1', e[0]), E('0', e[1]), E('2', -e[2]), E('1', -e[3]), C('-1', db, db_c))),
        ('Passo de GD com taxa', lambda: E('0.05', alpha)),
        ('$$w \\leftarrow 2 - 0{,}05', lambda: ALL(E('2', w0), E('0.05', alpha), C('-2.75', dw, dw_c), C('2.1375', w1, w1_c), E('0', b0),
            E('0.05', alpha), C('-1', db, db_c), C('0.05', b1, b1_c))),
        ('Conferindo a perda depois do passo', lambda: ALL(CV(['2.1875', '4.325', '6.4625', '8.6'], yh1_c), CV(['-0.8125', '0.325', '-1.5375', '-0.4'], e1_c))),
        ('$$L = \\tfrac14\\,(0{,}6602', lambda: ALL(E('1', 1), E('4', N), CV(['0.6602', '0.1056', '2.3639', '0.16'], e1_c ** 2), C('0.8224', Lf(w1_c, b1_c)))),
        ('caiu de $1{,}5$ para $0{,}82$', lambda: ALL(E('1.5', Lf(w0, b0)), C('0.82', Lf(w1_c, b1_c), Lf(w1, b1)), Lf(w1_c, b1_c) < Lf(w0, b0))),
        ('**Por que o $\\frac1N$?**', GIVEN),
        ('- Com a média, o tamanho do gradiente', batch_invariance),
        ('- Se usasse a **soma**', lambda: ALL(sum_scale(), E('2', 2), E('4', N), C('-2.75', dw, dw_c), C('-11', N * dw, N * dw_c))),
        ('- No PyTorch, `nn.MSELoss()`', lambda: abs(Lf(w0, b0) - np.mean((yh - y) ** 2)) < 1e-12),
    ]

# ======================================================================= 09
@register('09_l2_logistic_grad_ja.md')
def f09():
    X = np.array([[1.0, 2], [-1, 0.5]]); y = np.array([1.0, 0]); w0 = np.array([0.5, -0.5]); b0 = 0.0; lam = 0.1; alpha = 0.5; N = 2
    def J(w, b, XX=X, yy=y, lm=lam):
        p = sig(XX @ w + b)
        return -np.mean(yy * np.log(p) + (1 - yy) * np.log(1 - p)) + lm / 2 * w @ w
    z = X @ w0 + b0; p = sig(z)
    gw = grad(lambda u: J(u, b0), w0); gb = fd(lambda u: J(w0, u), b0)
    data_g = X.T @ (p - y) / N
    pr = np.array([0.3775, 0.3208]); rr = pr - y; XTr = np.array([1 * rr[0] - 1 * rr[1], 2 * rr[0] + 0.5 * rr[1]])
    w1 = w0 - alpha * gw; b1 = b0 - alpha * gb
    def dl_dp():
        ok = True
        for yy in (0.0, 1.0, 0.3):
            pp = rand(lo=0.05, hi=0.95)
            ok &= abs(fd(lambda u: -(yy * np.log(u) + (1 - yy) * np.log(1 - u)), pp) - (-yy / pp + (1 - yy) / (1 - pp))) < 1e-6
        return ok
    def dl_dz():
        ok = True
        for yy in (0.0, 1.0, 0.3):
            zz = rand(); pp = sig(zz)
            num = fd(lambda u: -(yy * np.log(sig(u)) + (1 - yy) * np.log(1 - sig(u))), zz)
            a = (-yy / pp + (1 - yy) / (1 - pp)) * pp * (1 - pp); bq = -yy * (1 - pp) + (1 - yy) * pp
            ok &= abs(num - a) < 1e-6 and abs(a - bq) < 1e-12 and abs(bq - (pp - yy)) < 1e-12
        return ok
    def pieces():
        xx, w, b = rand(3), rand(3), rand()
        return (near(grad(lambda u: u @ xx + b, w), xx) and abs(fd(lambda u: w @ xx + u, b) - 1) < 1e-8
                and near(grad(lambda u: 0.3 / 2 * u @ u, w), 0.3 * w))
    def formula():
        ok = True
        for _ in range(3):
            XX = rand(5, 3); yy = (rand(5) > 0).astype(float); w = rand(3); b = rand(); lm = 0.7
            pp = sig(XX @ w + b)
            ok &= near(grad(lambda u: J(u, b, XX, yy, lm), w), XX.T @ (pp - yy) / 5 + lm * w)
            ok &= abs(fd(lambda u: J(w, u, XX, yy, lm), b) - np.mean(pp - yy)) < 1e-6
        return ok
    def ridge_norm():
        norms = []
        for lm in (0.01, 1.0):
            w, b = np.zeros(2), 0.0
            for _ in range(3000):
                pp = sig(X @ w + b); w = w - 0.5 * (X.T @ (pp - y) / N + lm * w); b = b - 0.5 * np.mean(pp - y)
            norms.append(np.linalg.norm(w))
        return norms[1] < norms[0]
    return [
        ('**問題**：次の目的関数', lambda: E('1', 1)),
        ('$N$ をサンプル数', lambda: X.shape == (N, 2) and EV(['0', '1'], [0, 1])),
        ('$$p_n = \\sigma(z_n)', GIVEN),
        ('$$J(\\mathbf w, b) = -\\frac1N', GIVEN, '1 1 2 2'),
        ('（バイアス $b$ は正則化しない）', GIVEN),
        ('1サンプルの損失', lambda: E('1', 1)),
        ('$$\\frac{\\partial \\ell_n}{\\partial p_n}', dl_dp, '1 1'),
        ("$\\sigma' = \\sigma(1-\\sigma)$ なので", lambda: all(abs(fd(sig, t) - sig(t) * (1 - sig(t))) < 1e-8 for t in rand(5)), '1'),
        ('$$\\frac{\\partial \\ell_n}{\\partial z_n}', dl_dz, '1 1 1 1 1'),
        ('きれいに消える。', lambda: pieces() and E('1', 1), '2 2'),
        ('$$\\nabla_{\\mathbf w} J = \\frac1N X^\\top', formula),
        ('$\\nabla_{\\mathbf w}J$ は $d$ 次元', lambda: (X.T @ (p - y)).shape == w0.shape and X.T.shape == (2, N)),
        ('$N = 2$, $d = 2$', lambda: E('2', N) and E('2', X.shape[1]) and EV(['1', '2', '-1', '0.5'], X) and EV(['1', '0'], y) and EV(['0.5', '-0.5'], w0)
            and E('0', b0) and E('0.1', lam)),
        ('- $\\mathbf z = (0.5 - 1', lambda: ALL(E('0.5', X[0, 0] * w0[0]), E('1', -X[0, 1] * w0[1]), E('-0.5', X[1, 0] * w0[0]), E('0.25', -X[1, 1] * w0[1]),
            EV(['-0.5', '-0.75'], z))),
        ('- $\\mathbf p = (\\sigma(-0.5)', lambda: EV(['-0.5', '-0.75'], z) and CV(['0.3775', '0.3208'], p)),
        ('- $\\mathbf p - \\mathbf y = (-0.6225', lambda: CV(['-0.6225', '0.3208'], p - y)),
        ('- $X^\\top(\\mathbf p - \\mathbf y) = (-0.6225 - 0.3208', lambda: ALL(C('-0.6225', X[0, 0] * (p - y)[0]), C('0.3208', -X[1, 0] * (p - y)[1]),
            C('-1.2449', X[0, 1] * (p - y)[0]), C('0.1604', X[1, 1] * (p - y)[1]), CV(['-0.9433', '-1.0845'], X.T @ (p - y)))),
        ('- $\\frac1N X^\\top(\\mathbf p - \\mathbf y) = (-0.4716', lambda: ALL(CV(['-0.4716', '-0.5423'], data_g), CV(['0.05', '-0.05'], lam * w0))),
        ('- よって $\\nabla_{\\mathbf w}J =', lambda: ALL(CV(['-0.4216', '-0.5923'], gw), C('-0.6225', rr[0]), C('0.3208', rr[1]), E('2', N), C('-0.1508', gb))),
        ('目的関数の値：$J = 0.6805', lambda: ALL(C('0.6805', J(w0, b0, lm=0.0)), E('0.05', lam / 2), E('0.5', w0 @ w0), C('0.7055', J(w0, b0)))),
        ('**更新**（学習率', lambda: ALL(E('0.5', alpha), near(w0 - alpha * gw, (1 - alpha * lam) * w0 - alpha * data_g), E('1', 1), E('0.95', 1 - alpha * lam))),
        ('- $\\mathbf w \\leftarrow 0.95', lambda: ALL(E('0.95', 1 - alpha * lam), EV(['0.5', '-0.5'], w0), E('0.5', alpha), CV(['-0.4716', '-0.5423'], data_g),
            CV(['0.7108', '-0.2039'], w1))),
        ('- $b \\leftarrow 0 - 0.5', lambda: ALL(E('0', b0), E('0.5', alpha), C('-0.1508', gb), C('0.0754', b1))),
        ('メモ：$\\lambda$ を大きくすると', ridge_norm),
    ]

# ======================================================================= 10
@register('10_gradient_check_ko.md')
def f10():
    x, y, w, h = 2.0, 0.5, 0.3, 1e-5
    L = lambda w_: 0.5 * (np.tanh(w_ * x) - y) ** 2
    a = np.tanh(w * x)
    analytic = (a - y) * (1 - a ** 2) * x
    numeric = (L(w + h) - L(w - h)) / (2 * h)
    onesided = (L(w + h) - L(w)) / h
    an_p, nu_p, on_p = 0.052727295979, 0.052727295760, 0.052736856275          # printed by the cell
    diff = abs(an_p - nu_p); diff_car = 2.19e-9
    rel = abs(analytic - numeric) / max(abs(analytic), abs(numeric))
    rel_car = diff_car / 0.0527273
    rel1 = abs(analytic - onesided) / max(abs(analytic), abs(onesided))
    def relerr(hh, dtype=np.float64):
        xx, yy, ww, hh = dtype(2.0), dtype(0.5), dtype(0.3), dtype(hh)
        LL = lambda u: dtype(0.5) * (np.tanh(u * xx) - yy) ** 2
        n = (LL(ww + hh) - LL(ww - hh)) / (dtype(2) * hh)
        return abs(float(n) - analytic) / max(abs(float(n)), abs(analytic))
    def chain():
        ok = True
        for _ in range(4):
            ww, xx, yy = rand(), rand(), rand()
            LL = lambda u: 0.5 * (np.tanh(u * xx) - yy) ** 2
            aa = np.tanh(ww * xx)
            ok &= abs(fd(LL, ww) - (aa - yy) * (1 - aa ** 2) * xx) < 1e-7
            ok &= abs(fd(lambda u: 0.5 * (u - yy) ** 2, aa) - (aa - yy)) < 1e-7 and abs(fd(np.tanh, ww * xx) - (1 - aa ** 2)) < 1e-7
        return ok
    def orders():
        f = lambda t: np.sin(3 * t) * np.exp(t); t0 = 0.4
        d = 3 * np.cos(3 * t0) * np.exp(t0) + np.sin(3 * t0) * np.exp(t0)
        ec = [abs((f(t0 + s) - f(t0 - s)) / (2 * s) - d) for s in (1e-2, 5e-3)]
        eo = [abs((f(t0 + s) - f(t0)) / s - d) for s in (1e-2, 5e-3)]
        return 3.8 < ec[0] / ec[1] < 4.2 and 1.8 < eo[0] / eo[1] < 2.2
    return [
        ('**문제**: 뉴런 하나짜리 모델', lambda: E('1', 1) and E('2', 2) and E('2', x) and E('0.5', y) and E('0.3', w), '2'),
        ('chain rule: $u = wx$', GIVEN),
        ('\\underbrace{(a - y)}_{dL/da}', chain, '1 2'),
        ('숫자 대입: $u = 0.6$', lambda: C('0.6', w * x) and C('0.6', w * x) and C('0.53705', a) and C('2', 2) and C('0.28842', a ** 2)),
        ('$$\\frac{dL}{dw} = 0.03705 \\times 0.71158', lambda: ALL(C('0.03705', a - y), C('0.71158', 1 - a ** 2), E('2', x), C('0.05273', analytic, 0.03705 * 0.71158 * 2))),
        ('중심 차분: $\\dfrac{dL}{dw}', lambda: orders(), '2 2'),
        ('x, y, w, h = 2.0, 0.5, 0.3, 1e-5', lambda: ALL(E('2.0', x), E('0.5', y), E('0.3', w), C('1e-5', h))),
        ('L = lambda w: 0.5 *', lambda: E('0.5', 0.5) and E('2', 2)),
        ('analytic = (a - y) * (1 - a**2) * x', lambda: abs(analytic - fd(L, w)) < 1e-8, '1 2'),
        ('numeric  = (L(w + h) - L(w - h)) / (2 * h)', lambda: E('2', 2)),
        ('# 0.052727295979 0.052727295760', lambda: ALL(C('0.052727295979', analytic), C('0.052727295760', numeric), C('0.052736856275', onesided))),
        ('수업에서 쓴 정의', GIVEN),
        ('$$\\text{rel err} = \\frac{|g_a - g_n|}', GIVEN),
        ('- 차이: $|0.052727295979', lambda: ALL(E('0.052727295979', an_p), E('0.052727295760', nu_p), SCI('2.19', '-9', diff, abs(analytic - numeric)))),
        ('- 분모: $\\max(\\cdot) = 0.0527273$', lambda: C('0.0527273', max(abs(analytic), abs(numeric)))),
        ('- rel err $= 2.19\\times 10^{-9}', lambda: ALL(SCI('2.19', '-9', diff, diff_car), C('0.0527273', analytic), SCI('4.2', '-8', rel, rel_car))),
        ('기준: $< 10^{-7}$ 이면', lambda: ALL(E('10', 10), E('-7', -7), E('10', 10), E('-2', -2), SCI('4.2', '-8', rel, rel_car), E('10', 10), E('-7', -7),
            rel_car < 1e-7, rel < 1e-7)),
        ('한쪽 차분으로 하면:', lambda: ALL(E('0.052727295979', an_p), E('0.052736856275', on_p), SCI('9.56', '-6', abs(an_p - on_p)), SCI('1.81', '-4', rel1),
            SCI('4.3', '3', rel1 / rel, 1.81e-4 / 4.2e-8))),
        ('- $h$ 를 너무 작게 하면', lambda: ALL(E('10', 10), E('-10', -10), relerr(1e-10) > relerr(1e-5), relerr(1e-12) > relerr(1e-5),
            E('10', 10), E('-5', -5), relerr(1e-5) < 1e-7)),
        ('- `float64` 로 할 것.', lambda: ALL(1e-5 < relerr(1e-4, np.float32) < 1e-2, relerr(1e-5, np.float32) > 1e-4, relerr(1e-5) < 1e-7,
            E('10', 10), E('-4', -4))),
        ('- ReLU 처럼 꺾이는 점', lambda: abs(fd(relu, 1e-6, 1e-5) - 1.0) > 0.3),
    ]

# ======================================================================= 11
@register('11_vanishing_gradient_sigmoide_it.md', comma=True)
def f11():
    def chain(x, w, b):
        a = x; out = []
        for wk, bk in zip(w, b):
            z = wk * a + bk; a = sig(z); out.append((z, a))
        return a, out
    w = np.array([2.0, -1.0, 1.5]); b = np.zeros(3); x = 1.0
    a3, zs = chain(x, w, b)
    dsig = lambda z: sig(z) * (1 - sig(z))
    g = fd(lambda u: chain(u, w, b)[0], x)
    # carried 4-dp values
    a1r, a2r, a3r = 0.8808, 0.2930, 0.6081
    f1, f2, f3 = 2 * 0.1050, -1 * 0.2072, 1.5 * 0.2383
    def prod_rule():
        ok = True
        for _ in range(4):
            ww, bb, xx = rand(5), rand(5), rand()
            _, o = chain(xx, ww, bb)
            ok &= abs(fd(lambda u: chain(u, ww, bb)[0], xx) - np.prod([wk * dsig(z) for wk, (z, _) in zip(ww, o)])) < 1e-7
        return ok
    def layer_factor():
        ww, bb, ap = rand(), rand(), rand()
        return abs(fd(lambda u: sig(ww * u + bb), ap) - dsig(ww * ap + bb) * ww) < 1e-8
    def bound():
        ss = np.linspace(1e-6, 1 - 1e-6, 100001); v = ss * (1 - ss)
        return v.max() <= 0.25 + 1e-15 and abs(ss[v.argmax()] - 0.5) < 1e-5 and abs(sig(0.0) - 0.5) < 1e-15
    def bound_n():
        ok = True
        for _ in range(20):
            n = RNG.integers(1, 8); ww, bb, xx = rand(n, lo=-3, hi=3), rand(n), rand()
            ok &= abs(fd(lambda u: chain(u, ww, bb)[0], xx)) <= 0.25 ** n * np.prod(np.abs(ww)) + 1e-9
        return ok
    def bound_w1():
        ok = True
        for _ in range(20):
            n = RNG.integers(1, 8); ww, bb, xx = rand(n, lo=-1, hi=1), rand(n), rand()
            ok &= abs(fd(lambda u: chain(u, ww, bb)[0], xx)) <= 0.25 ** n + 1e-9
        return ok
    nmin = next(n for n in range(1, 50) if 0.25 ** n < 1e-3)
    return [
        ('> *Si consideri una rete', GIVEN),
        ('**Modello.** $a_0 = x$', GIVEN, '1'),
        ('Per la regola della catena, ogni strato', layer_factor),
        ('$$\\frac{\\partial a_n}{\\partial x} = \\prod_{k=1}^{n}', prod_rule),
        ('**Bound.** Sappiamo che', lambda: bound() and all(abs(fd(sig, t) - dsig(t)) < 1e-8 for t in rand(5))
            and E('1', 1) and E('1', 1) and E('1', 1) and E('4', 4) and EV(['0', '1'], [0, 1]) and E('1', 1) and E('2', 2) and E('0', 0)),
        ('$$\\Big|\\frac{\\partial a_n}{\\partial x}\\Big| \\le', lambda: bound_n() and E('1', 1) and E('4', 4)),
        ('e se i pesi hanno $|w_k|\\le 1$', lambda: bound_w1() and E('1', 1) and E('0.25', 0.25)),
        ('Qualche valore di $0{,}25^n$:', lambda: E('0.25', 0.25)),
        ('| $n$ | $0{,}25^n$ |', lambda: E('0.25', 0.25)),
        ('| 3 | $0{,}015625$ |', lambda: E('3', 3) and E('0.015625', 0.25 ** 3)),
        ('| 5 | $\\approx 9{,}8', lambda: E('5', 5) and SCI('9.8', '-4', 0.25 ** 5)),
        ('| 10 | $\\approx 9{,}5', lambda: E('10', 10) and SCI('9.5', '-7', 0.25 ** 10)),
        ('Quanti strati bastano', lambda: ALL(E('10', 10), E('-3', -3), E('0.25', 0.25), E('10', 10), E('-3', -3), E('3', 3), E('4', 4),
            C('4.98', 3 / np.log10(4)), E('5', nmin), E('0.25', 0.25), E('4', 4), C('0.0039', 0.25 ** 4), 0.25 ** 4 > 1e-3)),
        ("**Rete dell'esercizio:**", lambda: E('3', len(w)) and E('1', x) and EV(['2', '-1', '1.5'], w)),
        ('- strato 1: $z_1 = 2$', lambda: ALL(E('2', zs[0][0]), E('2', zs[0][0]), C('0.8808', zs[0][1]), C('0.8808', zs[0][1]), C('0.1192', 1 - zs[0][1]),
            C('0.1050', dsig(zs[0][0]), a1r * (1 - a1r))), '1'),
        ('- strato 2: $z_2 = -0{,}8808$', lambda: ALL(C('-0.8808', zs[1][0]), C('0.2930', zs[1][1], sig(-a1r)), C('0.2930', zs[1][1]), C('0.7070', 1 - zs[1][1]),
            C('0.2072', dsig(zs[1][0]), a2r * (1 - a2r))), '2'),
        ('- strato 3: $z_3 = 1{,}5', lambda: ALL(E('1.5', w[2]), C('0.2930', zs[1][1]), C('0.4395', zs[2][0], 1.5 * a2r), C('0.6081', zs[2][1], sig(1.5 * a2r)),
            C('0.6081', zs[2][1]), C('0.3919', 1 - zs[2][1], 1 - a3r), C('0.2383', dsig(zs[2][0]), a3r * (1 - a3r))), '3'),
        ('$$\\frac{\\partial a_3}{\\partial x} = (2\\cdot 0{,}1050)', lambda: ALL(E('2', w[0]), C('0.1050', dsig(zs[0][0])), E('-1', w[1]), C('0.2072', dsig(zs[1][0])),
            E('1.5', w[2]), C('0.2383', dsig(zs[2][0])), C('0.2100', w[0] * dsig(zs[0][0]), f1), C('-0.2072', w[1] * dsig(zs[1][0]), f2),
            C('0.3575', w[2] * dsig(zs[2][0]), f3), C('-0.016', g, f1 * f2 * f3))),
        ('Controllo col bound:', lambda: ALL(E('4', 4), E('3', 3), E('3', np.prod(np.abs(w))), E('64', 4 ** 3), C('0.047', 3 / 64), C('0.016', abs(g)),
            C('0.047', 3 / 64), abs(g) < 3 / 64)),
        ('**Commento.** Il primo strato', lambda: ALL(E('2', zs[0][0]), C('0.105', dsig(zs[0][0])), E('1', 1), E('1', 1), E('0', 0), C('0', 0),
            abs(fd(np.tanh, 0.0) - 1) < 1e-9, E('1', 1))),
    ]

# ======================================================================= 12
@register('12_maxpool_backward_pl.md', comma=True)
def f12():
    X = np.array([[1.0, 3, 2, 0], [4, 2, 1, 5], [0, 1, 6, 2], [2, 7, 3, 1]])
    dY = np.array([[0.5, -1], [2, 0.3]])
    def pool(A, F=2, S=2, op=np.max):
        n = (A.shape[0] - F) // S + 1
        return np.array([[op(A[S * i:S * i + F, S * j:S * j + F]) for j in range(n)] for i in range(n)])
    Y = pool(X)
    dX = grad(lambda u: np.sum(dY * pool(u)), X)
    dXavg = grad(lambda u: np.sum(dY * pool(u, op=np.mean)), X)
    def argpos(i, j):        # 1-based position of the max of window (i, j)
        win = X[2 * i:2 * i + 2, 2 * j:2 * j + 2]; r, c = np.unravel_index(win.argmax(), win.shape)
        return [2 * i + r + 1, 2 * j + c + 1]
    def local():
        ok = True
        for _ in range(4):
            v = rand(4); k = v.argmax()
            ok &= near(grad(lambda u: np.max(u), v), np.eye(4)[k])
        return ok
    def overlap():
        A = np.array([[0.1, 0.2, 0.3, 0.0], [0.4, 9.0, 0.5, 0.2], [0.1, 0.3, 0.2, 0.6], [0.7, 0.1, 0.3, 0.2]])
        G = rand(2, 2)
        g = grad(lambda u: np.sum(G * pool(u, F=3, S=1)), A)
        return abs(g[1, 1] - G.sum()) < 1e-6 and (pool(A, 3, 1) == 9.0).all()
    def code():
        d = np.zeros((4, 4))
        for i in range(2):
            for j in range(2):
                win = X[2 * i:2 * i + 2, 2 * j:2 * j + 2]
                r, c = np.unravel_index(win.argmax(), win.shape)
                d[2 * i + r, 2 * j + c] += dY[i, j]
        return d
    return [
        ('**Treść:** wejście $X$', lambda: E('4', X.shape[0]) and E('4', X.shape[1]) and E('2', 2) and E('2', 2) and E('2', 2)),
        ('Indeksy liczę od 1', GIVEN, '1'),
        ('$$X = \\begin{bmatrix} 1 & 3 & 2 & 0', lambda: EV(['1', '3', '2', '0', '4', '2', '1', '5', '0', '1', '6', '2', '2', '7', '3', '1'], X)),
        ('**Forward.** Wyjście ma rozmiar', lambda: E('4', 4) and E('2', 2) and E('2', 2) and E('1', 1) and E('2', Y.shape[0]) and EV(['2', '2'], Y.shape)),
        ('- lewe górne', lambda: EV(['1', '3', '4', '2'], X[0:2, 0:2]) and E('4', Y[0, 0]) and EV(['2', '1'], argpos(0, 0))),
        ('- prawe górne', lambda: EV(['2', '0', '1', '5'], X[0:2, 2:4]) and E('5', Y[0, 1]) and EV(['2', '4'], argpos(0, 1))),
        ('- lewe dolne', lambda: EV(['0', '1', '2', '7'], X[2:4, 0:2]) and E('7', Y[1, 0]) and EV(['4', '2'], argpos(1, 0))),
        ('- prawe dolne', lambda: EV(['6', '2', '3', '1'], X[2:4, 2:4]) and E('6', Y[1, 1]) and EV(['3', '3'], argpos(1, 1))),
        ('$$Y = \\begin{bmatrix} 4 & 5', lambda: EV(['4', '5', '7', '6'], Y)),
        ('**Backward.** W każdym oknie', GIVEN),
        ('$$\\frac{\\partial y}{\\partial x_i} = \\begin{cases} 1', lambda: local() and E('1', 1) and E('0', 0)),
        ('Dane z góry:', GIVEN),
        ('$$\\frac{\\partial L}{\\partial Y} = \\begin{bmatrix}', lambda: EV(['0.5', '-1', '2', '0.3'], dY)),
        ('$$\\frac{\\partial L}{\\partial X} = \\begin{bmatrix} 0 & 0', lambda: CV(['0', '0', '0', '0', '0.5', '0', '0', '-1', '0', '0', '0.3', '0', '0', '2', '0', '0'], dX)),
        ('Sprawdzenie: suma wszystkich', lambda: ALL(C('0.5', dX[1, 0]), C('1', -dX[1, 3]), C('0.3', dX[2, 2]), C('2', dX[3, 1]), C('1.8', dX.sum()),
            abs(dX.sum() - dY.sum()) < 1e-6, E('2', 2), E('2', 2), all(np.count_nonzero(np.abs(dX[2 * i:2 * i + 2, 2 * j:2 * j + 2]) > 1e-9) == 1 for i in range(2) for j in range(2)))),
        ('**Dla porównania – average pooling:**', lambda: ALL(E('1', 1), E('4', 4), E('1', 1), E('4', 4), E('0.5', dY[0, 0]), E('4', 4),
            C('0.125', dXavg[0, 0]), near(dXavg[0:2, 0:2], np.full((2, 2), 0.125)), C('-0.25', dXavg[0, 2]), near(dXavg[0:2, 2:4], np.full((2, 2), -0.25)))),
        ('- Jeśli okna się nakładają', lambda: overlap() and E('3', 3) and E('3', 3) and E('1', 1)),
        ('dY = np.array([[0.5, -1], [2, 0.3]])', lambda: EV(['0.5', '-1', '2', '0.3'], dY)),
        ('dX = np.zeros((4, 4))', lambda: EV(['4', '4'], X.shape)),
        ('win = X[2*i:2*i+2, 2*j:2*j+2]', lambda: near(code(), dX), '2 2 2 2 2 2'),
        ('dX[2*i + r, 2*j + c] += dY[i, j]', lambda: near(code(), dX), '2 2'),
    ]

# ======================================================================= 13
@register('13_embedding_grad_forum.md')
def f13():
    V, d = 5, 3; ids = [2, 0, 2]; T = len(ids)
    Em = np.array([[0.1, 0.2, -0.1], [0.5, -0.3, 0.8], [0.3, -0.1, 0.2], [-0.4, 0.1, 0.0], [0.2, 0.2, -0.3]])  # rows 1,3,4 arbitrary
    u = np.array([1.0, -1, 0.5]); lr = 0.1
    def fwd(EE):
        h = EE[ids].mean(axis=0); s = u @ h
        return h, s, -np.log(sig(s))
    h, s, L = fwd(Em)
    dE = grad(lambda EE: fwd(EE)[2], Em)
    gh = grad(lambda hh: -np.log(sig(u @ hh)), h)
    ds = fd(lambda ss: -np.log(sig(ss)), s)
    gr = np.array([-0.4296, 0.4296, -0.2148])
    dE_car = np.zeros_like(Em); dE_car[0] = gr / T; dE_car[2] = gr / T
    En_car = Em - lr * dE_car; En = Em - lr * dE
    def other_rows_irrelevant():
        E2 = Em.copy(); E2[[1, 3, 4]] = rand(3, 3)
        return abs(fwd(E2)[2] - L) < 1e-12
    def per_occurrence():
        # h as a function of the copy used at one position t: dh/dcopy = I/T
        ok = True
        for t in range(T):
            def h_of(row):
                rows = [Em[i] for i in ids]; rows[t] = row
                return np.mean(rows, axis=0)
            J = np.stack([grad(lambda r: h_of(r)[k], Em[ids[t]]) for k in range(d)])
            ok &= near(J, np.eye(d) / T)
        return ok
    def claim21():
        ok = all(near(dE[k], gh / T) for k in set(ids))
        ok &= all(near(dE[k], 0 * gh) for k in range(V) if k not in ids)
        return ok
    return [
        ('Hi all, for Q3', GIVEN),
        ('Setup (0-based token ids', lambda: Em.shape == (V, d) and E('0', 0)),
        ('- $V = 5$ words', lambda: E('5', V) and E('3', d) and EV(['2', '0', '2'], ids) and E('3', T) and E('2', 2) and ids.count(2) == 2),
        ('- $h = \\frac{1}{T}\\sum_{t=1}^{T}', GIVEN, '1 1'),
        ('- $E[0] = (0.1, 0.2, -0.1)$', lambda: E('0', 0) and EV(['0.1', '0.2', '-0.1'], Em[0]) and E('2', 2) and EV(['0.3', '-0.1', '0.2'], Em[2]) and other_rows_irrelevant()),
        ('- $u = (1, -1, 0.5)$', lambda: EV(['1', '-1', '0.5'], u)),
        ('- $h = \\frac13\\big(E[2] + E[0] + E[2]\\big)', lambda: ALL(E('1', 1), E('3', T), E('2', 2), E('0', 0), E('2', 2), E('1', 1), E('3', T),
            CV(['0.7', '0.0', '0.3'], Em[ids].sum(axis=0)), CV(['0.2333', '0', '0.1'], h))),
        ('- $s = 0.2333 - 0 + 0.05', lambda: ALL(C('0.2333', u[0] * h[0]), C('0', u[1] * h[1]), C('0.05', u[2] * h[2]), C('0.2833', s), C('0.5704', sig(s)),
            C('0.5704', sig(s)), C('0.5615', L))),
        ('- $\\frac{\\partial L}{\\partial s} = \\sigma(s) - 1', lambda: E('1', 1) and C('-0.4296', ds) and abs(ds - (sig(s) - 1)) < 1e-8),
        ('- $g := \\frac{\\partial L}{\\partial h}', lambda: near(gh, ds * u) and CV(['-0.4296', '0.4296', '-0.2148'], gh, gr)),
        ('- each looked-up row enters $h$', per_occurrence),
        ('The lookup just copies a row', lambda: claim21() and E('0', 0)),
        ('- $\\partial L/\\partial E[0] = g/3', lambda: E('0', 0) and E('3', T) and CV(['-0.1432', '0.1432', '-0.0716'], dE[0], dE_car[0])),
        ('- $\\partial L/\\partial E[2] = g/3', lambda: E('2', 2) and E('3', T) and CV(['-0.1432', '0.1432', '-0.0716'], dE[2], dE_car[2])),
        ('- rows 1, 3, 4: all zeros', lambda: EV(['1', '3', '4'], [1, 3, 4]) and near(dE[[1, 3, 4]], np.zeros((3, 3)))),
        ('So $\\partial L/\\partial E$ is a', lambda: ALL(EV(['5', '3'], dE.shape), E('0', 0), E('2', 2), E('0.1', lr),
            [k for k in range(V) if np.abs(dE[k]).max() > 1e-9] == [0, 2])),
        ('- $E[0] \\leftarrow', lambda: E('0', 0) and CV(['0.1143', '0.1857', '-0.0928'], En[0], En_car[0])),
        ('- $E[2] \\leftarrow', lambda: E('2', 2) and CV(['0.3143', '-0.1143', '0.2072'], En[2], En_car[2])),
        ('(this also matches what I thought', lambda: ALL(E('0', 0), E('2', 2), np.allclose(np.cross(En[0] - Em[0], u), 0, atol=1e-9),
            np.allclose(np.cross(En[2] - Em[2], u), 0, atol=1e-9), (En[0] - Em[0]) @ u > 0, fwd(En)[1] > s)),
        ('**My actual question:**', lambda: ALL(EV(['1', '3', '4'], [1, 3, 4]), near(dE[[1, 3, 4]], 0 * dE[[1, 3, 4]]), EV(['5', '3'], [V, d]))),
    ]

# ======================================================================= 14
@register('14_delta_relu_mang_vi.md', comma=True)
def f14():
    x = np.array([1.0, 2.0]); W1 = np.array([[1.0, 0.5], [-1, -0.5], [0.5, 0.75]]); b1 = np.array([0.5, 0, -1])
    W2 = np.array([0.4, -0.3, 1.2]); b2 = 0.0; y = 1.5; eta = 0.1
    def fwd(W1_, b1_, W2_, b2_):
        z1 = W1_ @ x + b1_; a1 = relu(z1); yh = W2_ @ a1 + b2_
        return z1, a1, yh, 0.5 * (yh - y) ** 2
    z1, a1, yh, Cv = fwd(W1, b1, W2, b2)
    d2 = fd(lambda u: 0.5 * (u - y) ** 2, yh)
    dW2 = grad(lambda u: fwd(W1, b1, u, b2)[3], W2); db2 = fd(lambda u: fwd(W1, b1, W2, u)[3], b2)
    d1 = grad(lambda u: 0.5 * (W2 @ relu(u) + b2 - y) ** 2, z1)
    dW1 = grad(lambda u: fwd(u, b1, W2, b2)[3], W1); db1 = grad(lambda u: fwd(W1, u, W2, b2)[3], b1)
    back = W2 * d2
    relu_d = (z1 > 0).astype(float)
    relu_car = a1.copy()                         # the student's "ReLU'(z1)"
    d1_car = back * relu_car; dW1_car = np.outer(d1_car, x); W1n_car = W1 - eta * dW1_car
    def rule_out():
        ok = True
        for _ in range(3):
            u, yy = rand(), rand()
            ok &= abs(fd(lambda t: 0.5 * (t - yy) ** 2, u) - (u - yy)) < 1e-8
        return ok
    def rule_hidden():
        ok = True
        for _ in range(4):
            zz = rand(3); ww = rand(3); dd = rand()
            g = grad(lambda u: dd * (ww @ relu(u)), zz)
            ok &= near(g, (ww * dd) * (zz > 0))
        return ok
    def rule_W():
        ok = True
        for _ in range(3):
            A = rand(3, 2); bb = rand(3); aa = rand(2); up = rand(3)
            ok &= near(grad(lambda u: up @ (u @ aa + bb), A), np.outer(up, aa)) and near(grad(lambda u: up @ (A @ aa + u), bb), up)
        return ok
    return [
        ('**Đề bài:** Cho mạng 2–3–1', lambda: ALL(EV(['2', '3', '1'], [W1.shape[1], W1.shape[0], 1]), E('1', 1), E('2', 2), E('2', 2), E('0.1', eta))),
        ('Ký hiệu (vector cột):', lambda: W1.shape == (3, 2) and W2.shape == (3,) and EV(['3', '2', '3'], [3, 2, 3])),
        ('**Công thức** (theo quy tắc dây chuyền):', GIVEN),
        ('$$\\delta^{(2)} = \\hat y - y \\quad', rule_out),
        ('$$\\delta^{(1)} = \\big((W^{(2)})^\\top', rule_hidden),
        ('$$\\frac{\\partial C}{\\partial W^{(l)}} = \\delta^{(l)}', rule_W, '1'),
        ('**Số liệu:**', GIVEN),
        ('$$x = \\begin{pmatrix} 1\\\\ 2\\end{pmatrix}', lambda: ALL(EV(['1', '2'], x), EV(['1', '0.5', '-1', '-0.5', '0.5', '0.75'], W1), EV(['0.5', '0', '-1'], b1),
            EV(['0.4', '-0.3', '1.2'], W2), E('0', b2), E('1.5', y))),
        ('- $z^{(1)} = (1 + 1 + 0{,}5', lambda: ALL(EV(['1', '1', '0.5'], [W1[0, 0] * x[0], W1[0, 1] * x[1], b1[0]]), EV(['-1', '1', '0'], [W1[1, 0] * x[0], -W1[1, 1] * x[1], b1[1]]),
            EV(['0.5', '1.5', '1'], [W1[2, 0] * x[0], W1[2, 1] * x[1], -b1[2]]), EV(['2.5', '-2', '1'], z1))),
        ('- $a^{(1)} = (2{,}5;\\ 0;\\ 1)$', lambda: EV(['2.5', '0', '1'], a1)),
        ('- $\\hat y = 0{,}4\\cdot 2{,}5', lambda: ALL(E('0.4', W2[0]), E('2.5', a1[0]), E('0.3', -W2[1]), E('0', a1[1]), E('1.2', W2[2]), E('1', a1[2]), C('2.2', yh),
            E('1', 1), E('2', 2), C('2.2', yh), E('1.5', y), E('2', 2), C('0.245', Cv))),
        ('- $\\delta^{(2)} = 2{,}2 - 1{,}5 = 0{,}7$', lambda: C('2.2', yh) and E('1.5', y) and C('0.7', d2)),
        ('- $\\partial C/\\partial W^{(2)} = 0{,}7', lambda: ALL(C('0.7', d2), EV(['2.5', '0', '1'], a1), CV(['1.75', '0', '0.7'], dW2), C('0.7', db2))),
        ('- $(W^{(2)})^\\top\\delta^{(2)} =', lambda: CV(['0.28', '-0.21', '0.84'], back)),
        ("- $\\mathrm{ReLU}'(z^{(1)}) = (2{,}5", lambda: CV(['2.5', '0', '1'], relu_d) and E('0', 0)),
        ('- $\\delta^{(1)} = (0{,}28\\cdot 2{,}5', lambda: ALL(C('0.28', back[0]), E('2.5', relu_car[0]), C('-0.21', back[1]), E('0', relu_car[1]), C('0.84', back[2]),
            E('1', relu_car[2]), CV(['0.7', '0', '0.84'], d1, d1_car))),
        ('$$\\frac{\\partial C}{\\partial W^{(1)}} = \\delta^{(1)}x^\\top', lambda: near(dW1, np.outer(d1, x)) and CV(['0.7', '1.4', '0', '0', '0.84', '1.68'], dW1, dW1_car)
            and CV(['0.7', '0', '0.84'], db1, d1_car)),
        ('Nhận xét: nơ-ron ẩn thứ 2', lambda: ALL(E('2', 2), z1[1] < 0, E('0', 0), E('2', 2), near(dW1[1], [0, 0]), near(dW1_car[1], [0, 0]), E('0', 0))),
        ('**Cập nhật** $W^{(1)} \\leftarrow', GIVEN),
        ('$$W^{(1)} \\leftarrow \\begin{pmatrix} 1 - 0{,}07', lambda: ALL(E('1', W1[0, 0]), CV(['0.07'], eta * dW1[0, 0], eta * dW1_car[0, 0]), E('0.5', W1[0, 1]),
            CV(['0.14'], eta * dW1[0, 1], eta * dW1_car[0, 1]), E('-1', W1[1, 0]), E('-0.5', W1[1, 1]), E('0.5', W1[2, 0]), C('0.084', eta * dW1[2, 0], eta * dW1_car[2, 0]),
            E('0.75', W1[2, 1]), C('0.168', eta * dW1[2, 1], eta * dW1_car[2, 1]), CV(['0.93', '0.36', '-1', '-0.5', '0.416', '0.582'], W1 - eta * dW1, W1n_car))),
    ]

# ======================================================================= 15
@register('15_sigmoid_kapi_grafi_tr.md', comma=True)
def f15():
    w = np.array([1.0, -2.0, 0.5]); xv = np.array([2.0, 1.0])
    f = lambda ww, xx: 1.0 / (1.0 + np.exp(-(ww[0] * xx[0] + ww[1] * xx[1] + ww[2])))
    z = w[0] * xv[0] + w[1] * xv[1] + w[2]; nz = -z; ex = np.exp(nz); u = 1 + ex; fv = 1 / u
    gw = grad(lambda ww: f(ww, xv), w); gx = grad(lambda xx: f(w, xx), xv)
    du = fd(lambda t: 1 / t, u)                               # true local * upstream 1
    du_car = 1 / 1.6065 ** 2                                  # the student's sign
    dex_car = du_car; dnz_car = round(du_car, 4) * 0.6065; dz_car = -0.2350
    dz = fd(lambda t: f(np.array([0.0, 0.0, t]), np.zeros(2)), z)
    def locals20():
        ok = True
        for t in rand(5, lo=0.5, hi=3):
            ok &= abs(fd(lambda s: 1 / s, t) - 1 / t ** 2) < 1e-6
        return ok
    def locals_rest():
        t = rand()
        return abs(fd(lambda s: s + 1, t) - 1) < 1e-8 and abs(fd(np.exp, t) - np.exp(t)) < 1e-7 and abs(fd(lambda s: -s, t) + 1) < 1e-8
    def sigmoid_gate():
        t = rand()
        return abs(fd(lambda s: 1 / (1 + np.exp(-s)), t) - sig(t) * (1 - sig(t))) < 1e-8
    return [
        ('Hocanın tahtaya yazdığı soru', lambda: abs(f(w, xv) - sig(z)) < 1e-15 and E('1', 1) and E('1', 1)),
        ('Değerler: $w_0 = 1$', lambda: EV(['1', '-2', '0.5', '2', '1'], np.concatenate([w, xv]))),
        ('Kapılar (soldan sağa)', lambda: E('-1', -1) and E('1', 1) and E('1', 1)),
        ('- $w_0x_0 = 2$', lambda: ALL(E('2', w[0] * xv[0]), E('-2', w[1] * xv[1]), E('2', w[0] * xv[0]), E('2', -w[1] * xv[1]), E('0.5', w[2]), E('0.5', z))),
        ('- $\\times(-1)$: $-0{,}5$', lambda: E('-1', -1) and E('-0.5', nz)),
        ('- $\\exp$: $e^{-0{,}5}', lambda: E('-0.5', nz) and C('0.6065', ex)),
        ('- $+1$: $u = 1{,}6065$', lambda: E('1', 1) and C('1.6065', u)),
        ('- $1/u$: $f = 0{,}6225$', lambda: E('1', 1) and C('0.6225', fv)),
        ('**Geri geçiş**', lambda: E('1', 1)),
        ('Kullanılan yerel türevler:', GIVEN),
        ('$$\\frac{d}{du}\\Big(\\frac1u\\Big) = \\frac{1}{u^2}', lambda: locals20() and locals_rest() and E('1', 1) and E('2', 2) and E('1', 1) and E('1', 1) and E('-1', -1)),
        ('1. $1/u$ kapısı:', lambda: ALL(E('1', 1), E('1', 1), C('1.6065', u), E('2', 2), E('1', 1), C('2.5808', u ** 2, 1.6065 ** 2), C('0.3875', 1 / u ** 2, du_car),
            C('0.3875', du, du_car))),
        ('2. $+1$ kapısı:', lambda: E('1', 1) and E('1', 1) and C('0.3875', du, du_car)),
        ('3. $\\exp$ kapısı:', lambda: ALL(C('0.3875', du, du_car), E('-0.5', nz), C('0.3875', du, du_car), C('0.6065', ex), C('0.2350', du * ex, dnz_car))),
        ('4. $\\times(-1)$ kapısı:', lambda: ALL(E('-1', -1), C('0.2350', du * ex, dnz_car), E('-1', -1), C('-0.2350', dz, -dnz_car), C('-0.2350', dz, -dnz_car))),
        ('5. toplama kapıları', lambda: C('-0.2350', gw[2], dz_car) and C('-0.2350', dz, dz_car)),
        ('   - $\\partial f/\\partial w_0 = x_0', lambda: ALL(C('-0.2350', dz, dz_car), C('-0.4700', gw[0], xv[0] * dz_car), C('-0.2350', dz, dz_car), C('-0.2350', gx[0], w[0] * dz_car))),
        ('   - $\\partial f/\\partial w_1 = x_1', lambda: ALL(C('-0.2350', dz, dz_car), C('-0.2350', gw[1], xv[1] * dz_car), C('-0.2350', dz, dz_car), C('0.4700', gx[1], w[1] * dz_car))),
        ('| değişken | değer |', GIVEN),
        ('| $w_0$ | $1$ |', lambda: E('1', w[0]) and C('-0.4700', gw[0], xv[0] * dz_car)),
        ('| $w_1$ | $-2$ |', lambda: E('-2', w[1]) and C('-0.2350', gw[1], xv[1] * dz_car)),
        ('| $w_2$ | $0{,}5$ |', lambda: E('0.5', w[2]) and C('-0.2350', gw[2], dz_car)),
        ('| $x_0$ | $2$ |', lambda: E('2', xv[0]) and C('-0.2350', gx[0], w[0] * dz_car)),
        ('| $x_1$ | $1$ |', lambda: E('1', xv[1]) and C('0.4700', gx[1], w[1] * dz_car)),
        ("Yorum: $w_0$'ın gradyanı negatif", lambda: (gw[0] < 0 or xv[0] * dz_car < 0) and sigmoid_gate() and E('-1', -1) and E('1', 1) and E('1', 1)),
    ]

# ======================================================================= 16
@register('16_linear_layer_ta_solution.md')
def f16():
    X = np.array([[1.0, -1], [2, 0]]); W = np.array([[0.5, 1, -1], [2, 0, 1]]); dY = np.array([[1.0, 0, -1], [0.5, 2, 0]])
    b = np.array([0.0, 1.0, -0.5])
    lin = lambda X_, W_, b_: X_ @ W_ + b_
    dX = grad(lambda u: np.sum(dY * lin(u, W, b)), X); dW = grad(lambda u: np.sum(dY * lin(X, u, b)), W)
    db = grad(lambda u: np.sum(dY * lin(X, W, u)), b)
    def entry():
        Xx, Ww, bb = rand(3, 4), rand(4, 2), rand(2)
        Y = lin(Xx, Ww, bb)
        return all(abs(Y[n, m] - (sum(Xx[n, d] * Ww[d, m] for d in range(4)) + bb[m])) < 1e-12 for n in range(3) for m in range(2))
    def local_W():
        Xx, Ww, bb = rand(3, 4), rand(4, 2), rand(2); ok = True
        for n in range(3):
            for m in range(2):
                g = grad(lambda u: lin(Xx, u, bb)[n, m], Ww)
                exp = np.zeros((4, 2)); exp[:, m] = Xx[n]
                ok &= near(g, exp)
        return ok
    def rule_W():
        Xx, Ww, bb, G = rand(3, 4), rand(4, 2), rand(2), rand(3, 2)
        g = grad(lambda u: np.sum(G * lin(Xx, u, bb)), Ww)
        return near(g, Xx.T @ G) and all(abs(g[d, m] - sum(G[n, m] * Xx[n, d] for n in range(3))) < 1e-6 for d in range(4) for m in range(2))
    def local_X():
        Xx, Ww, bb = rand(3, 4), rand(4, 2), rand(2); ok = True
        for n in range(3):
            for m in range(2):
                g = grad(lambda u: lin(u, Ww, bb)[n, m], Xx)
                exp = np.zeros((3, 4)); exp[n] = Ww[:, m]
                ok &= near(g, exp)
        return ok
    def rule_X():
        Xx, Ww, bb, G = rand(3, 4), rand(4, 2), rand(2), rand(3, 2)
        g = grad(lambda u: np.sum(G * lin(u, Ww, bb)), Xx)
        return near(g, G @ Ww.T)
    def rule_b():
        Xx, Ww, bb, G = rand(3, 4), rand(4, 2), rand(2), rand(3, 2)
        g = grad(lambda u: np.sum(G * lin(Xx, Ww, u)), bb)
        return near(g, G.sum(axis=0)) and near(g, np.ones(3) @ G)
    def summary():
        N, D_, M = 3, 4, 2; Xx, Ww, G = rand(N, D_), rand(D_, M), rand(N, M)
        return ((G @ Ww.T).shape == Xx.shape and (Xx.T @ G).shape == Ww.shape and (np.ones(N) @ G).shape == (M,)
                and (G.T @ Xx).shape == (M, D_) and near(G.T @ Xx, (Xx.T @ G).T) and rule_X() and rule_W() and rule_b())
    def b_indep():
        b2 = rand(3)
        return (near(grad(lambda u: np.sum(dY * lin(u, W, b2)), X), dX) and near(grad(lambda u: np.sum(dY * lin(X, u, b2)), W), dW)
                and near(grad(lambda u: np.sum(dY * lin(X, W, u)), b2), db))
    sizes = [784, 256, 128, 10]
    counts = [np.zeros((i, o)).size + np.zeros(o).size for i, o in zip(sizes[:-1], sizes[1:])]
    total = sum(counts)
    return [
        ('**(a)** *Derive the backward pass', GIVEN),
        ('Shapes: $X$ holds one example per row', lambda: lin(rand(3, 4), rand(4, 2), rand(2)).shape == (3, 2)),
        ('$$Y_{nm} = \\sum_{d=1}^{D}', entry),
        ('Then $\\partial Y_{nm}/\\partial W_{dm\'}', lambda: local_W() and E('0', 0)),
        ('$$\\frac{\\partial L}{\\partial W_{dm}} = \\sum_{n=1}^{N}', rule_W),
        ('Similarly $\\partial Y_{nm}/\\partial X_{nd}', local_X),
        ('$$\\frac{\\partial L}{\\partial X_{nd}} = \\sum_{m=1}^{M}', rule_X),
        ('and since $b_m$ is added to every example', rule_b),
        ('**Summary:**', summary, '1'),
        ('**(b)** *Numbers.*', lambda: E('2', X.shape[0]) and E('2', X.shape[1]) and E('3', W.shape[1])),
        ('$$X = \\begin{bmatrix} 1 & -1', lambda: EV(['1', '-1', '2', '0'], X) and EV(['0.5', '1', '-1', '2', '0', '1'], W) and EV(['1', '0', '-1', '0.5', '2', '0'], dY)),
        ('$$\\mathrm{d}X = \\mathrm{d}Y\\,W^\\top = \\begin{bmatrix}', lambda: ALL(near(dX, dY @ W.T),
            EV(['1', '0.5', '0', '1', '-1', '-1'], [dY[0, 0], W[0, 0], dY[0, 1], W[0, 1], dY[0, 2], W[0, 2]]),
            EV(['1', '2', '0', '-1', '1'], [dY[0, 0], W[1, 0], dY[0, 1] * W[1, 1], dY[0, 2], W[1, 2]]),
            EV(['0.5', '0.5', '2', '1', '0'], [dY[1, 0], W[0, 0], dY[1, 1], W[0, 1], dY[1, 2] * W[0, 2]]),
            EV(['0.5', '2', '0', '0'], [dY[1, 0], W[1, 0], dY[1, 1] * W[1, 1], dY[1, 2] * W[1, 2]]),
            CV(['1.5', '1', '2.25', '1'], dX))),
        ('$$\\mathrm{d}W = X^\\top \\mathrm{d}Y = \\begin{bmatrix}', lambda: ALL(EV(['1', '2', '-1', '0'], X.T), EV(['1', '0', '-1', '0.5', '2', '0'], dY),
            CV(['2', '4', '-1', '-1', '0', '1'], dW), CV(['1.5', '2', '-1'], db))),
        ('(Note that $b$ is not needed', b_indep),
        ('**(c)** *How many trainable parameters', lambda: EV(['784', '256', '128', '10'], sizes)),
        ('A layer with $n_{\\text{in}}$ inputs', lambda: np.zeros((5, 7)).size + np.zeros(7).size == 5 * 7 + 7),
        ('- $784\\cdot 256 + 256', lambda: ALL(E('784', 784), E('256', 256), E('256', 256), E('200960', counts[0]))),
        ('- $256\\cdot 128 + 128', lambda: ALL(E('256', 256), E('128', 128), E('128', 128), E('32896', counts[1]))),
        ('- $128\\cdot 10 + 10', lambda: ALL(E('128', 128), E('10', 10), E('10', 10), E('1290', counts[2]))),
        ('Total $= 235{,}146$', lambda: ALL(E('235146', total), E('4', np.zeros(1, dtype=np.float32).itemsize), E('940584', total * 4),
            C('0.94', np.zeros(total, dtype=np.float32).nbytes / 1e6))),
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
