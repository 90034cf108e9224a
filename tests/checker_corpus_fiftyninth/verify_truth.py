#!/usr/bin/env python3
"""Independent NumPy check of corpus59 (exam solutions / worked numeric sheets).

Each file has an ordered list of checks: (substring identifying exactly one line,
predicate, declared structural tokens).  Every line that contains math (inline
or display LaTeX, a table row with digits, or a plain Unicode line with '=' or
'≈' and digits) must be covered.  Data / definitions are GIVEN.  Worked numbers
are recomputed and must agree to their printed precision, either with the exact
value or with the value recomputed from the rounded numbers the author carried
forward.  Symbolic derivative claims are tested by central finite differences,
sizes by enumerating window positions, parameter counts by building the weight
shapes.  Every number printed on a checked line must be a checked value or a
declared structural/data token ('*' = line is data only).  The first line whose
predicate is False is compared with expected.json.
"""
import json, math, os, re, sys
from collections import Counter
import numpy as np

VERBOSE = '-v' in sys.argv
D = os.path.dirname(os.path.abspath(__file__))
RNG = np.random.default_rng(59)

# ------------------------------------------------------------------ helpers
def GIVEN():
    return True

def _tol(s):
    s = s.strip().replace('−', '-')
    m = re.fullmatch(r'[+-]?(\d+)(?:\.(\d+))?', s)
    assert m, f'bad number {s!r}'
    d = len(m.group(2) or '')
    return float(s), 0.5 * 10.0 ** (-d) * (1 + 1e-9) + 1e-15

_LITS = []

def C(shown, *cands):
    """printed value is right to its printed precision for at least one candidate"""
    _LITS.append(shown)
    v, t = _tol(shown)
    return any(abs(v - float(c)) <= t for c in cands)

def E(shown, val):
    """printed value is exactly val"""
    _LITS.append(shown)
    v, _ = _tol(shown)
    return abs(v - float(val)) <= 1e-9 * max(1.0, abs(float(val)))

def CV(shown, *cands):
    cands = [np.ravel(np.asarray(c, float)) for c in cands]
    if any(c.size != len(shown) for c in cands):
        return False
    return all([C(s, *[c[i] for c in cands]) for i, s in enumerate(shown)])

def EV(shown, arr):
    arr = np.ravel(np.asarray(arr, float))
    return arr.size == len(shown) and all([E(s, arr[i]) for i, s in enumerate(shown)])

def fd(f, x, h=1e-5):
    return (f(x + h) - f(x - h)) / (2 * h)

def grad(f, x, h=1e-5):
    x = np.array(x, dtype=float); g = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        e = np.zeros_like(x); e[idx] = h
        g[idx] = (f(x + e) - f(x - e)) / (2 * h)
    return g

def near(a, b, tol=1e-6):
    a = np.asarray(a, float); b = np.asarray(b, float)
    return a.shape == b.shape and np.allclose(a, b, atol=tol, rtol=0)

def rand(*shape, lo=-2.0, hi=2.0):
    return RNG.uniform(lo, hi, size=shape)

sig = lambda z: 1.0 / (1.0 + np.exp(-z))
def softmax(z):
    z = np.asarray(z, float); e = np.exp(z - z.max()); return e / e.sum()

def corr2d(X, K, stride=1, pad=0, dil=1):
    """cross-correlation by explicit window enumeration"""
    X = np.pad(np.asarray(X, float), pad)
    kh, kw = K.shape
    eh, ew = dil * (kh - 1) + 1, dil * (kw - 1) + 1
    rows = range(0, X.shape[0] - eh + 1, stride); cols = range(0, X.shape[1] - ew + 1, stride)
    return np.array([[sum(K[a, b] * X[r + dil * a, c + dil * b] for a in range(kh) for b in range(kw))
                      for c in cols] for r in rows])

def n_windows(N, K, S=1, P=0, Dl=1):
    """number of positions of a dilated K-window sliding with stride S over N+2P cells"""
    span = Dl * (K - 1)
    return len([s for s in range(0, N + 2 * P) if s % S == 0 and s + span <= N + 2 * P - 1])

FILES = {}
def register(name):
    def deco(fn):
        FILES[name] = fn
        return fn
    return deco
# ======================================================================= 01
@register('01_graph_table_key.md')
def f01():
    X0 = (2.0, -3.0, 4.0, 0.5)
    f = lambda x, y, z, w: (x * y + z) * sig(w)
    def g(i):
        return fd(lambda t: f(*[t if k == i else X0[k] for k in range(4)]), X0[i])
    x, y, z, w = X0
    a = x * y; b = a + z; s = sig(w); fv = b * s
    sr = 0.6225
    def sig_deriv():
        return all(abs(fd(sig, t) - sig(t) * (1 - sig(t))) < 1e-8 for t in rand(5))
    return [
        ('**Given:**', GIVEN, '*'),
        ('Intermediate nodes:', GIVEN, '*'),
        ('| $a$ | $x y', lambda: E('2', x) and E('3', -y) and E('-6', a)),
        ('| $b$ | $a + z', lambda: E('-6', a) and E('4', z) and E('-2', b)),
        ('| $s$ | $\\sigma(0.5)', lambda: C('0.6225', s) and abs(1 / (1 + math.exp(-0.5)) - s) < 1e-15, '0.5 1 1 0.5'),
        ('| $f$ | $b \\cdot s', lambda: E('-2', b) and C('0.6225', s) and C('-1.2450', fv, b * sr)),
        ('**(b) Backward pass', GIVEN, '*'),
        ('| node | local gradient |', GIVEN, '*'),
        ('| $f$ | —', lambda: E('1', fd(lambda t: t, fv))),
        ('| $b$ | $\\partial f/\\partial b', lambda: abs(fd(lambda t: t * s, b) - s) < 1e-8 and C('0.6225', s)
            and E('1', 1) and C('0.6225', fd(lambda t: (t + z) * s, a))),
        ('| $s$ | $\\partial f/\\partial s', lambda: E('-2', fd(lambda t: b * t, s)) and E('1', 1) and E('-2', b)),
        ('| $w$ | $\\sigma\'(w)', lambda: sig_deriv() and C('0.6225', s) and C('0.3775', 1 - sr) and C('0.2350', s * (1 - s), sr * (1 - sr))
            and E('-2', b) and C('-0.4700', g(3), -2 * 0.2350), '1'),
        ('| $a$ | $\\partial b/\\partial a', lambda: E('1', fd(lambda t: t + z, a)) and C('0.6225', s) and C('0.6225', fd(lambda t: (t + z) * s, a))),
        ('| $z$ | $\\partial b/\\partial z', lambda: E('1', fd(lambda t: a + t, z)) and C('0.6225', s) and C('0.6225', g(2))),
        ('| $x$ | $\\partial a/\\partial x', lambda: E('-3', fd(lambda t: t * y, x)) and C('0.6225', s) and C('-1.8675', g(0), -3 * sr)),
        ('| $y$ | $\\partial a/\\partial y', lambda: E('2', fd(lambda t: x * t, y)) and C('0.6225', s) and C('1.2450', g(1), 2 * sr)),
        ('**(c) Numerical check', lambda: E('0.001', 0.001)),
        ('$f(2, -3, 4, 0.501)', lambda: C('-1.245389', f(x, y, z, 0.501)) and C('-1.244449', f(x, y, z, 0.499))
            and E('0.501', w + 0.001) and E('0.499', w - 0.001),
            '2 3 4 2 0.501 2 3 4'),
        ('$$\\frac{-1.245389 - (-1.244449)}{0.002}', lambda: E('-1.245389', -1.245389) and E('-1.244449', -1.244449)
            and E('0.002', 2 * 0.001) and C('-0.4700', (-1.245389 + 1.244449) / 0.002) and abs(g(3) + 0.47) < 5e-5),
        ('**(d) [1 pt]**', lambda: C('0.6225', g(2)) and abs(g(2) - fd(lambda t: (t + z) * s, a)) < 1e-8),
        ('**Answer:**', lambda: CV(['-1.8675', '1.2450', '0.6225', '-0.4700'], [g(i) for i in range(4)],
                                  [-3 * sr, 2 * sr, sr, -2 * 0.2350])),
    ]
# ======================================================================= 02
@register('02_musterloesung_221_de.md')
def f02():
    x = np.array([1.0, 0.5]); y = 1.0; eta = 0.5
    W1 = np.array([[0.4, -0.2], [0.3, 0.6]]); b1 = np.array([0.1, -0.1])
    w2 = np.array([0.7, -0.5]); b2 = 0.2
    def net(W1_=W1, b1_=b1, w2_=w2, b2_=b2):
        return (sig(w2_ @ sig(W1_ @ x + b1_) + b2_) - y) ** 2
    z1 = W1 @ x + b1; h = sig(z1); z2 = w2 @ h + b2; p = sig(z2)
    # exact gradients of the stated loss, by finite differences
    dp = fd(lambda t: (t - y) ** 2, p)
    dz2 = fd(lambda t: (sig(t) - y) ** 2, z2)
    gw2 = grad(lambda v: net(w2_=v), w2); gb2 = fd(lambda t: net(b2_=t), b2)
    gh = grad(lambda v: (sig(w2 @ v + b2) - y) ** 2, h)
    gz1 = grad(lambda v: (sig(w2 @ sig(v) + b2) - y) ** 2, z1)
    gW1 = grad(lambda M: net(W1_=M), W1); gb1 = grad(lambda v: net(b1_=v), b1)
    # author's carried (4-decimal) values
    hr = np.array([0.5987, 0.6225]); pr = 0.5763
    def sd(t): return fd(sig, t)
    return [
        ('**Gegeben:**', GIVEN, '*'),
        ('$$W^{[1]} = \\begin{pmatrix}', GIVEN, '*'),
        ('Aktivierung in beiden Schichten', lambda: abs(sig(0.3) - 1 / (1 + math.exp(-0.3))) < 1e-15
            and abs(fd(lambda t: (t - y) ** 2, 0.3) - 2 * (0.3 - y)) < 1e-8, '1 1 2'),
        ('Alle Zwischenergebnisse werden', GIVEN, '*'),
        ('- $z^{[1]} = W^{[1]}x', lambda: E('0.4', W1[0, 0] * x[0]) and E('0.1', -W1[0, 1] * x[1]) and E('0.1', b1[0])
            and E('0.3', W1[1, 0] * x[0]) and E('0.3', W1[1, 1] * x[1]) and E('0.1', -b1[1]) and EV(['0.4', '0.5'], z1)),
        ('- $h = \\sigma(z^{[1]})', lambda: CV(['0.5987', '0.6225'], h)),
        ('- $z^{[2]} = 0.7 \\cdot 0.5987', lambda: E('0.7', w2[0]) and C('0.5987', h[0]) and E('0.5', -w2[1]) and C('0.6225', h[1])
            and E('0.2', b2) and C('0.4191', w2[0] * hr[0]) and C('0.3113', -w2[1] * hr[1]) and E('0.2', b2)
            and C('0.3078', z2, w2 @ hr + b2)),
        ('- $\\hat y = \\sigma(0.3078)', lambda: C('0.3078', z2, w2 @ hr + b2) and C('0.5763', p, sig(0.3078)) and C('0.5763', p, pr) and E('1', y)
            and C('0.1795', (p - y) ** 2, (pr - 1) ** 2), '2'),
        ('| Größe | Formel | Wert |', GIVEN, '*'),
        ('| $\\partial L/\\partial \\hat y$ |', lambda: abs(fd(lambda t: (t - y) ** 2, p) - dp) < 1e-12
            and C('0.5763', p, pr) and E('1', y) and C('-0.4237', dp, 2 * (pr - 1))),
        ('| $\\sigma\'(z^{[2]})$ |', lambda: abs(sd(z2) - p * (1 - p)) < 1e-8 and C('0.5763', p, pr) and C('0.4237', 1 - pr)
            and C('0.2442', sd(z2), pr * (1 - pr)), '1'),
        ('| $\\delta^{[2]}$ |', lambda: C('-0.4237', dp, 2 * (pr - 1)) and C('0.2442', sd(z2)) and C('-0.1035', dz2, -0.8474 * 0.2442)),
        ('- $\\partial L/\\partial w^{[2]}', lambda: C('-0.1035', dz2) and CV(['0.5987', '0.6225'], h)
            and CV(['-0.0620', '-0.0644'], gw2, -0.2069 * hr)),
        ('- $\\partial L/\\partial b^{[2]}', lambda: C('-0.1035', gb2)),
        ('**Schritt 5', lambda: near(gz1, gh * h * (1 - h), 1e-8), '1'),
        ('| Neuron $j$ |', lambda: near(gh, dz2 * w2, 1e-8), '1'),
        ('| 1 | $-0.1035', lambda: E('1', 1) and C('-0.1035', dz2) and E('0.7', w2[0]) and C('-0.0725', gh[0], -0.2069 * 0.7)
            and C('0.5987', h[0]) and C('0.4013', 1 - hr[0]) and C('0.2403', h[0] * (1 - h[0])) and C('-0.0174', gz1[0])),
        ('| 2 | $-0.1035', lambda: E('2', 2) and C('-0.1035', dz2) and E('-0.5', w2[1]) and C('0.0518', gh[1], -0.2069 * -0.5)
            and C('0.6225', h[1]) and C('0.3775', 1 - hr[1]) and C('0.2350', h[1] * (1 - h[1])) and C('0.0122', gz1[1])),
        ('- $\\partial L/\\partial W^{[1]} = \\delta^{[1]} x^\\top', lambda: near(gW1, np.outer(gz1, x), 1e-7)
            and CV(['-0.0174', '-0.0087', '0.0122', '0.0061'], gW1) and CV(['-0.0174', '0.0122'], gb1)),
        ('- $W^{[1]}_{11} \\leftarrow', lambda: E('0.4', W1[0, 0]) and E('0.5', eta) and C('-0.0174', gW1[0, 0])
            and C('0.4087', W1[0, 0] - eta * gW1[0, 0]) and E('0.7', w2[0]) and E('0.5', eta) and C('-0.0620', gw2[0])
            and C('0.7310', w2[0] - eta * gw2[0])),
        ('Kontrolle:', lambda: p < y and gw2[0] < 0 and h[0] > 0 and all(gW1.ravel() * 0 == 0), '0'),
    ]
# ======================================================================= 03
@register('03_conv2d_backward_sheet.md')
def f03():
    X = np.array([[1, 2, 0, 1], [0, 1, 3, 2], [2, 1, 0, 1], [1, 0, 2, 3]], float)
    K = np.array([[1, 0, -1], [2, 1, 0], [0, -1, 1]], float)
    G = np.array([[1, -1], [0.5, 2]])
    Y = corr2d(X, K)
    L = lambda X_=X, K_=K: np.sum(G * corr2d(X_, K_))
    gK = grad(lambda M: L(K_=M), K); gX = grad(lambda M: L(X_=M), X)
    gb = fd(lambda t: np.sum(G * (corr2d(X, K) + t)), 0.0)
    def terms(i, j, shown, total):
        prods = (X[i:i + 3, j:j + 3] * K).ravel()
        return (len(shown) == 9 and all([E(s, p) for s, p in zip(shown, prods)]) and E(total, Y[i, j])
                and abs(sum(float(s) for s in shown) - Y[i, j]) < 1e-12)
    def corr_def():
        A = rand(4, 4); B = rand(3, 3)
        return near(corr2d(A, B), [[sum(A[i + a, j + b] * B[a, b] for a in range(3) for b in range(3)) for j in range(2)] for i in range(2)], 1e-12)
    def gK_formula():
        ok = True
        for _ in range(3):
            A = rand(4, 4); B = rand(3, 3); Gr = rand(2, 2)
            num = grad(lambda M: np.sum(Gr * corr2d(A, M)), B)
            ok &= near(num, corr2d(A, Gr), 1e-6)
        return ok
    def gX_index():
        ok = True
        for _ in range(3):
            A = rand(4, 4); B = rand(3, 3); Gr = rand(2, 2)
            num = grad(lambda M: np.sum(Gr * corr2d(M, B)), A)
            claim = np.array([[sum(Gr[i, j] * B[m - i, n - j] for i in range(2) for j in range(2)
                                   if 0 <= m - i <= 2 and 0 <= n - j <= 2) for n in range(4)] for m in range(4)])
            ok &= near(num, claim, 1e-6)
        return ok
    def gX_matrix_form():          # claim: dL/dX = pad2(G) ⋆ K (kernel not flipped)
        ok = True
        for _ in range(3):
            A = rand(4, 4); B = rand(3, 3); Gr = rand(2, 2)
            num = grad(lambda M: np.sum(Gr * corr2d(M, B)), A)
            ok &= near(num, corr2d(np.pad(Gr, 2), B), 1e-6)
        return ok
    return [
        ('Input $X$ (4×4)', corr_def),
        ('$$X = \\begin{bmatrix}', GIVEN, '*'),
        ('**Output size.**', lambda: E('2', n_windows(4, 3, 1, 0)) and (4 - 3) // 1 + 1 == 2 and Y.shape == (2, 2), '4 3 1 1'),
        ('Slide $K$ over the four', GIVEN, '*'),
        ('- $Y_{00} =', lambda: terms(0, 0, ['1', '0', '0', '0', '1', '0', '0', '-1', '0'], '1')),
        ('- $Y_{01} =', lambda: terms(0, 1, ['2', '0', '-1', '2', '3', '0', '0', '0', '1'], '7')),
        ('- $Y_{10} =', lambda: terms(1, 0, ['0', '0', '-3', '4', '1', '0', '0', '0', '2'], '4')),
        ('- $Y_{11} =', lambda: terms(1, 1, ['1', '0', '-2', '2', '0', '0', '0', '-2', '3'], '2')),
        ('so $Y = \\begin{bmatrix}', lambda: EV(['1', '7', '4', '2'], Y)),
        ('**Backward.**', GIVEN, '*'),
        ('*Kernel gradient.*', gK_formula),
        ('- $\\partial L/\\partial K_{00}', lambda: E('1', G[0, 0]) and E('1', X[0, 0]) and E('-1', G[0, 1]) and E('2', X[0, 1])
            and E('0.5', G[1, 0]) and E('0', X[1, 0]) and E('2', G[1, 1]) and E('1', X[1, 1]) and E('1', gK[0, 0])),
        ('- $\\partial L/\\partial K_{01}', lambda: E('1', G[0, 0]) and E('2', X[0, 1]) and E('-1', G[0, 1]) and E('0', X[0, 2])
            and E('0.5', G[1, 0]) and E('1', X[1, 1]) and E('2', G[1, 1]) and E('3', X[1, 2]) and E('8.5', gK[0, 1])),
        ('$$\\frac{\\partial L}{\\partial K} =', lambda: near(gK, np.round(gK * 2) / 2, 1e-6)
            and EV(['1', '8.5', '4.5', '2', '-1.5', '3', '1.5', '5', '6'], np.round(gK * 2) / 2)),
        ('(If the layer had a bias', lambda: abs(gb - G.sum()) < 1e-8 and EV(['1', '-1', '0.5', '2'], G) and E('2.5', np.round(gb, 6))),
        ('*Input gradient.*', gX_index, '0 2'),
        ('In matrix form:', gX_matrix_form),
        ('$$\\frac{\\partial L}{\\partial X} =', lambda: EV(['1', '-2', '1', '0', '0.5', '2.5', '-1', '-2', '-1', '1.5', '4', '3',
                                                              '-0.5', '-2', '0.5', '2'], np.round(gX * 2) / 2) and near(gX, np.round(gX * 2) / 2, 1e-6)),
        ('**Sanity check.**', lambda: E('2.5', G.sum()) and E('3', K.sum()) and E('7.5', G.sum() * K.sum())
            and abs(gX.sum() - 7.5) < 1e-6 and EV(['0', '0', '7.5', '0'], np.round(gX.sum(axis=1), 6)) and E('7.5', np.round(gX.sum(), 6))),
        ('**Takeaway.**', lambda: gK_formula() and gX_matrix_form()),
    ]
# ======================================================================= 04
@register('04_pooling_backward_ko.md')
def f04():
    X = np.array([[1, 3, 2, 4], [5, 0, 1, 1], [2, 2, 7, 3], [0, 6, 1, 2]], float)
    G = np.array([[0.8, -0.4], [1.2, 0.4]])
    st = [r for r in range(0, 4, 2) if r + 2 <= 4]
    pmax = lambda A: np.array([[A[i:i + 2, j:j + 2].max() for j in st] for i in st])
    pavg = lambda A: np.array([[A[i:i + 2, j:j + 2].mean() for j in st] for i in st])
    gmax = grad(lambda A: np.sum(G * pmax(A)), X)
    gavg = grad(lambda A: np.sum(G * pavg(A)), X)
    def row(i, j, elems, mx, pos, g):
        blk = X[2 * i:2 * i + 2, 2 * j:2 * j + 2]
        a, b = np.unravel_index(blk.argmax(), (2, 2)); P = (2 * i + a, 2 * j + b)
        return (E(str(i), i) and E(str(j), j) and EV(elems, blk) and E(mx, blk.max()) and E(str(pos[0]), P[0]) and E(str(pos[1]), P[1])
                and E(g, G[i, j]) and E(g, gmax[P]) and (blk == blk.max()).sum() == 1)
    def avg_local():
        ok = True
        for _ in range(3):
            A = rand(4, 4); i, j = RNG.integers(0, 2, size=2)
            gg = grad(lambda M: pavg(M)[i, j], A)
            ok &= near(gg[2 * i:2 * i + 2, 2 * j:2 * j + 2], np.full((2, 2), 0.25), 1e-8) and abs(gg.sum() - 1.0) < 1e-8
        return ok
    return [
        ('**문제.**', GIVEN, '*'),
        ('$$X = \\begin{bmatrix}', GIVEN, '*'),
        ('출력 크기:', lambda: E('2', n_windows(4, 2, 2, 0)) and (4 - 2) // 2 + 1 == 2, '4 2 2 1'),
        ('**(a) 최대 풀링.**', lambda: near(gmax * (gmax != 0), gmax, 0), '0'),
        ('| 윈도우 | 원소 |', GIVEN, '*'),
        ('| (0,0) |', lambda: row(0, 0, ['1', '3', '5', '0'], '5', (1, 0), '0.8')),
        ('| (0,1) |', lambda: row(0, 1, ['2', '4', '1', '1'], '4', (0, 3), '-0.4')),
        ('| (1,0) |', lambda: row(1, 0, ['2', '2', '0', '6'], '6', (3, 1), '1.2')),
        ('| (1,1) |', lambda: row(1, 1, ['7', '3', '1', '2'], '7', (2, 2), '0.4')),
        ('$$Y_{\\max} =', lambda: EV(['5', '4', '6', '7'], pmax(X))
            and EV(['0', '0', '0', '-0.4', '0.8', '0', '0', '0', '0', '0', '0.4', '0', '0', '1.2', '0', '0'], np.round(gmax, 6))),
        ('(윈도우 (1,0) 에는 2 가', lambda: (X[2:4, 0:2] == 2).sum() == 2 and X[2:4, 0:2].max() != 2, '1 0 2'),
        ('**(b) 평균 풀링.**', avg_local, '1 4 1 4'),
        ('- 순전파:', lambda: all([EV(['1', '3', '5', '0'], X[0:2, 0:2]), EV(['2', '4', '1', '1'], X[0:2, 2:4]),
                                  EV(['2', '2', '0', '6'], X[2:4, 0:2]), EV(['7', '3', '1', '2'], X[2:4, 2:4])])
            and EV(['2.25', '2', '2.5', '3.25'], pavg(X)), '4 4 4 4'),
        ('- 칸마다 받는 값:', lambda: all([E(g, G.ravel()[k]) and E(q, G.ravel()[k] / 4) for k, (g, q) in
                                      enumerate([('0.8', '0.2'), ('-0.4', '-0.1'), ('1.2', '0.3'), ('0.4', '0.1')])]), '4 4 4 4'),
        ('\\Big|_{\\text{avg}} =', lambda: EV(['0.2', '0.2', '-0.1', '-0.1', '0.2', '0.2', '-0.1', '-0.1',
                                             '0.3', '0.3', '0.1', '0.1', '0.3', '0.3', '0.1', '0.1'], np.round(gavg, 6))),
        ('**검산.**', lambda: EV(['0.8', '-0.4', '1.2', '0.4'], G) and E('2', G.sum()) and abs(gmax.sum() - 2) < 1e-6 and abs(gavg.sum() - 2) < 1e-6),
        ('- 최대: $-0.4', lambda: EV(['-0.4', '0.8', '0.4', '1.2'], [gmax[0, 3], gmax[1, 0], gmax[2, 2], gmax[3, 1]]) and E('2', gmax.sum().round(6))
            and E('4', 4) and EV(['0.2', '-0.1', '0.3', '0.1'], [gavg[0, 0], gavg[0, 2], gavg[2, 0], gavg[2, 2]]) and E('4', 4)
            and E('0.5', 0.2 - 0.1 + 0.3 + 0.1) and E('2', gavg.sum().round(6))),
    ]
# ======================================================================= 05
@register('05_cnn_shapes_params_key.md')
def f05():
    def conv_params(K, Cin, Cout, bias):
        shapes = [(Cout, Cin, K, K)] + ([(Cout,)] if bias else [])
        return sum(int(np.prod(s)) for s in shapes)
    formula = lambda N, K, S, P, Dl: (N + 2 * P - Dl * (K - 1) - 1) // S + 1
    def size_formula():
        ok = True
        for N in range(5, 20):
            for K in (1, 2, 3, 5):
                for S in (1, 2, 3):
                    for P in (0, 1, 2):
                        for Dl in (1, 2, 3):
                            if Dl * (K - 1) + 1 <= N + 2 * P:
                                ok &= formula(N, K, S, P, Dl) == n_windows(N, K, S, P, Dl)
        for K, Ci, Co in ((3, 3, 16), (5, 16, 32), (1, 64, 10)):
            ok &= conv_params(K, Ci, Co, True) == K * K * Ci * Co + Co and conv_params(K, Ci, Co, False) == K * K * Ci * Co
        return ok
    def d1_and_keff():
        ok = True
        for N in range(5, 16):
            for K in (1, 3, 5):
                for S in (1, 2):
                    for P in (0, 1):
                        ok &= n_windows(N, K, S, P, 1) == (N + 2 * P - K) // S + 1
                        for Dl in (2, 3):
                            if Dl * (K - 1) + 1 <= N + 2 * P:
                                ok &= n_windows(N, K, S, P, Dl) == n_windows(N, Dl * (K - 1) + 1, S, P, 1)
        return ok and conv_params(3, 32, 64, True) == conv_params(3, 32, 64, True)
    # network
    o1 = n_windows(64, 3, 1, 1); p1 = conv_params(3, 3, 16, True)
    o2 = n_windows(o1, 5, 2, 2); p2 = conv_params(5, 16, 32, False)
    op = n_windows(o2, 2, 2, 0)
    o3 = n_windows(op, 3, 1, 0, 2); p3 = conv_params(3, 32, 64, True)
    o4 = n_windows(o3, 1, 1, 0); p4 = conv_params(1, 64, 10, True)
    total = p1 + p2 + p3 + p4
    return [
        ('Formulas used', GIVEN, '*'),
        ('$$O = \\left\\lfloor', size_formula, '2 1 1 1'),
        ('With $D = 1$ this is', d1_and_keff, '1 2 1 1 1 2'),
        ('| conv1 |', lambda: E('64', o1) and E('64', o1) and E('64', o1) and E('16', 16) and E('448', p1),
            '16 3 3 1 1 64 2 3 1 1 3 3 3 1 16'),
        ('| conv2 |', lambda: E('64', o1) and E('4', 2 * 2) and E('5', 5) and E('2', 2) and E('31', (64 + 4 - 5) // 2)
            and E('32', o2) and E('32', o2) and E('32', o2) and E('32', 32) and E('12800', p2),
            '32 5 5 2 2 1 1 5 5 16 32'),
        ('| pool |', lambda: E('32', o2) and E('16', op) and E('16', op) and E('16', op) and E('32', 32) and E('0', 0),
            '2 2 2 2 2 1'),
        ('| conv3 |', lambda: E('5', 2 * (3 - 1) + 1) and E('16', op) and E('5', 5) and E('12', o3) and E('12', o3) and E('12', o3)
            and E('64', 64) and E('18496', p3),
            '64 3 3 2 1 0 2 2 1 1 3 3 32 1 64'),
        ('| conv4 |', lambda: E('12', o4) and E('12', o4) and E('10', 10) and E('650', p4) and p4 == (64 + 1) * 10,
            '10 1 1 64 1 10'),
        ('| GAP |', lambda: E('10', 10) and E('0', 0), '1 1'),
        ('**Total:**', lambda: EV(['448', '12800', '18496', '650'], [p1, p2, p3, p4]) and E('32394', total)),
        ('**(b)** Common mistake', lambda: E('32.5', (64 + 4 - 5) / 2 + 1) and E('63', 64 + 4 - 5) and E('31', 63 // 2)
            and E('31', 31) and E('32', o2) and (64 + 4 - 5) / 2 + 1 != o2, '64 4 5 2 1 2 1'),
        ('**(c)**', lambda: E('12800', p2) and E('32', 32) and E('12832', conv_params(5, 16, 32, True))
            and E('32394', total) and E('32', 32) and E('32426', total - p2 + conv_params(5, 16, 32, True))),
        ('**(d)**', lambda: E('1440', o3 * o3 * 10) and E('1440', o3 * o3 * 10) and E('14410', 1440 * 10 + 10)
            and E('32394', total) and E('14410', 14410) and E('46804', total + 14410), '12 12 10 1 10'),
        ('**(e)**', lambda: E('1', 1) and E('14', n_windows(op, 3, 1, 0, 1)) and p3 == conv_params(3, 32, 64, True), '16 3 1'),
        ('**(f)**', lambda: E('5', 2 * (3 - 1) + 1)),
    ]
# ======================================================================= 06
@register('06_adam_hai_buoc_vi.md')
def f06():
    Lf = lambda w: (w[0] - 1) ** 2 + 2 * w[1] ** 2
    eta, b1, b2, eps = 0.1, 0.9, 0.999, 1e-8
    W = [np.array([0.0, 0.5])]; M = [np.zeros(2)]; V = [np.zeros(2)]; Gs = [None]; MH = [None]; VH = [None]; ST = [None]
    for t in (1, 2):                                   # reference Adam (Kingma & Ba, Alg. 1)
        g = grad(Lf, W[-1]); Gs.append(g)
        M.append(b1 * M[-1] + (1 - b1) * g); V.append(b2 * V[-1] + (1 - b2) * g * g)
        MH.append(M[-1] / (1 - b1 ** t)); VH.append(V[-1] / (1 - b2 ** t))
        ST.append(eta * MH[-1] / (np.sqrt(VH[-1]) + eps)); W.append(W[-1] - ST[-1])
    def grad_formula():
        return all(near(grad(Lf, p), [2 * (p[0] - 1), 4 * p[1]], 1e-6) for p in rand(4, 2))
    def sign_step():
        ok = True
        for g in rand(5):
            m = (1 - b1) * g; v = (1 - b2) * g * g
            ok &= abs((m / (1 - b1)) / np.sqrt(v / (1 - b2)) - np.sign(g)) < 1e-12
        return ok and E('1', 1)
    return [
        ('**Đề bài.**', GIVEN, '*'),
        ('**Công thức Adam**', GIVEN, '*'),
        ('$$m_t = \\beta_1 m_{t-1}', GIVEN, '*'),
        ('**Gradient:**', grad_formula, '2 1 4'),
        ('**Bước 1** ($t = 1$)', lambda: E('1', 1) and E('2', 2) and E('0', W[0][0]) and E('1', 1) and E('4', 4) and E('0.5', W[0][1])
            and EV(['-2', '2'], np.round(Gs[1], 6))),
        ('| đại lượng ($t = 1$) |', GIVEN, '*'),
        ('| $m_1 = 0.1', lambda: E('0.1', 1 - b1) and EV(['-0.2', '0.2'], np.round(M[1], 9))),
        ('| $v_1 = 0.001', lambda: E('0.001', 1 - b2) and E('2', 2) and EV(['0.004', '0.004'], np.round(V[1], 9))),
        ('| $\\hat m_1 = m_1/0.1', lambda: E('0.1', 1 - b1 ** 1) and EV(['-2', '2'], np.round(MH[1], 6))),
        ('| $\\hat v_1 = v_1/0.001', lambda: E('0.001', 1 - b2 ** 1) and EV(['4', '4'], np.round(VH[1], 6))),
        ('| bước $\\eta\\,\\hat m_1', lambda: CV(['-0.1', '0.1'], ST[1])),
        ('| $w^{(1)}$', lambda: CV(['0.1', '0.4'], W[1])),
        ('Nhận xét:', sign_step),
        ('**Bước 2** ($t = 2$)', lambda: E('2', 2) and E('2', 2) and E('0.1', W[1][0]) and E('1', 1) and E('4', 4) and E('0.4', W[1][1])
            and CV(['-1.8', '1.6'], Gs[2])),
        ('| đại lượng ($t = 2$) |', GIVEN, '*'),
        ('| $m_2 = 0.9', lambda: E('0.9', b1) and E('0.1', 1 - b1) and E('-0.18', b1 * M[1][0]) and E('0.18', -(1 - b1) * Gs[2][0])
            and C('-0.36', M[2][0]) and E('0.18', b1 * M[1][1]) and E('0.16', (1 - b1) * Gs[2][1]) and C('0.34', M[2][1])
            and abs(-0.18 - 0.18 - M[2][0]) < 1e-9),
        ('| $v_2 = 0.999', lambda: E('0.999', b2) and E('0.001', 1 - b2) and E('2', 2)
            and C('0.003996', b2 * V[1][0]) and C('0.00324', (1 - b2) * Gs[2][0] ** 2) and C('0.007236', V[2][0])
            and C('0.003996', b2 * V[1][1]) and C('0.00256', (1 - b2) * Gs[2][1] ** 2) and C('0.006556', V[2][1])),
        ('| $\\hat m_2 = m_2/(1 - 0.9)', lambda: E('1', 1) and E('0.9', b1) and (1 - b1) == (1 - b1 ** 2)
            and CV(['-3.6', '3.4'], MH[2])),
        ('| $\\hat v_2 = v_2/(1 - 0.999)', lambda: E('1', 1) and E('0.999', b2) and (1 - b2) == (1 - b2 ** 2)
            and CV(['7.236', '6.556'], VH[2])),
        ('| $\\sqrt{\\hat v_2}$', lambda: CV(['2.6900', '2.5605'], np.sqrt(VH[2]))),
        ('| bước $\\eta\\,\\hat m_2', lambda: CV(['-0.1338', '0.1328'], ST[2])),
        ('| $w^{(2)}$', lambda: CV(['0.2338', '0.2672'], W[2])),
        ('**Kiểm tra:**', lambda: E('1', Lf(W[0]) - 0.5) and E('0.5', 2 * W[0][1] ** 2) and E('1.5', Lf(W[0]))
            and C('0.7664', 1 - W[2][0]) and E('2', 2) and C('0.2672', W[2][1]) and C('0.5874', (1 - W[2][0]) ** 2)
            and C('0.1428', 2 * W[2][1] ** 2) and C('0.7302', Lf(W[2])) and Lf(W[2]) < Lf(W[0]), '2 2'),
        ('**Đáp số:**', lambda: CV(['0.2338', '0.2672'], W[2])),
    ]
# ======================================================================= 07
@register('07_conv_arith_quiz.md')
def f07():
    def conv_params(K, Cin, Cout, bias):
        return int(np.prod((Cout, Cin, K, K))) + (Cout if bias else 0)
    def rule():
        ok = True
        for N in range(4, 30):
            for K in (1, 3, 5):
                for S in (1, 2, 3):
                    for P in (0, 1, 2):
                        if K <= N + 2 * P:
                            ok &= (N + 2 * P - K) // S + 1 == n_windows(N, K, S, P)
        return ok and conv_params(3, 4, 5, True) == 3 * 3 * 4 * 5 + 5 and conv_params(3, 4, 5, False) == 180
    o1 = n_windows(28, 5, 1, 0); p1 = conv_params(5, 1, 8, True)
    o2 = n_windows(o1, 3, 2, 1); p2 = conv_params(3, 8, 16, False)
    def span(K, Dl):      # input pixels covered by one dilated window, by enumeration of tap positions
        taps = [Dl * a for a in range(K)]
        return max(taps) - min(taps) + 1
    k3 = span(3, 3); o3 = n_windows(o2, 3, 1, 0, 3); p3 = conv_params(3, 16, 16, True)
    flat = o3 * o3 * 16; p4 = (flat + 1) * 10
    return [
        ('General rule used throughout', rule, '2 1'),
        ('**Q1.** conv, 8 filters', GIVEN, '*'),
        ('- O = (28 + 0 − 5)/1 + 1 = 24', lambda: E('28', 28) and E('0', 0) and E('5', 5) and E('1', 1) and E('1', 1)
            and E('24', o1) and E('24', o1) and E('24', o1) and E('8', 8)),
        ('- params = (5·5·1 + 1)·8', lambda: E('26', 5 * 5 * 1 + 1) and E('208', p1), '5 5 1 1 8 8'),
        ('**Q2.** conv, 16 filters', GIVEN, '*'),
        ('- O = ⌊(24 + 2 − 3)/2⌋', lambda: E('24', o1) and E('2', 2 * 1) and E('3', 3) and E('2', 2) and E('11.5', (24 + 2 - 3) / 2)
            and E('1', 1) and E('1', 1) and E('12', o2) and E('12', o2) and E('12', o2) and E('16', 16)),
        ('- params = 3·3·8·16 = 1152', lambda: E('1152', p2), '3 3 8 16 16'),
        ('**Q3.** dilated conv', GIVEN, '*'),
        ('- A dilated kernel covers K_eff', lambda: E('3', 3) and E('3', 3) and E('9', k3)),
        ('- O = (12 − 9)/1 + 1 = 4', lambda: E('12', o2) and E('9', k3) and E('1', 1) and E('1', 1) and E('4', o3)
            and E('4', o3) and E('4', o3) and E('16', 16)),
        ('- params = (3·3·16 + 1)·16', lambda: E('145', 3 * 3 * 16 + 1) and E('2320', p3) and E('9', 3 * 3), '3 3 16 1 16 16'),
        ('**Q4.**', GIVEN, '*'),
        ('- flattened length', lambda: E('4', o3) and E('4', o3) and E('16', 16) and E('256', flat)),
        ('- params = (256 + 1)·10', lambda: E('256', flat) and E('2570', p4), '1 10'),
        ('**Q5.**', lambda: EV(['208', '1152', '2320', '2570'], [p1, p2, p3, p4]) and E('6250', p1 + p2 + p3 + p4)),
        ('**Q6 (short answer).**', lambda: E('12', o2) and E('12.5', 12.5) and E('24', 24) and E('2', 2) and E('3', 3) and E('2', 2)
            and E('11.5', 11.5) and E('11.5', 11.5) and E('11', 11) and E('11', 11) and E('1', 1) and E('12', o2)
            and n_windows(24, 3, 2, 1) == 12),
    ]
# ======================================================================= 08
@register('08_momentum_tentamen_nl.md')
def f08():
    Lf = lambda w: w[0] ** 2 + 3 * w[1] ** 2
    eta, beta = 0.1, 0.9
    W = [np.array([1.0, 1.0])]; V = [np.zeros(2)]; G = [None]
    for t in range(3):
        g = grad(Lf, W[-1]); G.append(g); V.append(beta * V[-1] + g); W.append(W[-1] - eta * V[-1])
    S = [np.array([1.0, 1.0])]
    for t in range(3):
        S.append(S[-1] - eta * grad(Lf, S[-1]))
    hess = np.array([[fd(lambda t: grad(Lf, np.array([t, 0.3]))[0], 0.2), 0], [0, fd(lambda t: grad(Lf, np.array([0.2, t]))[1], 0.3)]])
    parts = lambda w: (w[0] ** 2, 3 * w[1] ** 2)
    def row(t, gs, vs, ws, ls, extra=True):
        return extra and E(str(t), t) and CV(gs, G[t]) and CV(vs, V[t]) and CV(ws, W[t]) and CV(ls[:2], parts(W[t])) and C(ls[2], Lf(W[t]))
    return [
        ('**Gegeven.**', GIVEN, '*'),
        ('$$v_t = \\beta\\, v_{t-1} + g_t', lambda: all(near(grad(Lf, p), [2 * p[0], 6 * p[1]], 1e-6) for p in rand(4, 2)), '2 6'),
        ('Beginverlies:', lambda: E('1', W[0][0] ** 2) and E('3', 3 * W[0][1] ** 2) and E('4', Lf(W[0]))),
        ('| stap $t$ |', lambda: E('0.9', beta) and E('0.1', eta)),
        ('| 1 | $(2,\\ 6)$', lambda: row(1, ['2', '6'], ['2', '6'], ['0.8', '0.4'], ['0.64', '0.48', '1.12'])),
        ('| 2 | $(1.6,', lambda: row(2, ['1.6', '2.4'], ['3.4', '7.8'], ['0.46', '-0.38'], ['0.2116', '0.4332', '0.6448'],
                                    CV(['1.8', '1.6', '5.4', '2.4'], [beta * V[1][0], G[2][0], beta * V[1][1], G[2][1]]))),
        ('| 3 | $(0.92,', lambda: row(3, ['0.92', '-2.28'], ['3.98', '4.74'], ['0.062', '-0.854'], ['0.0038', '2.1879', '2.1918'],
                                     CV(['3.06', '0.92', '7.02', '-2.28'], [beta * V[2][0], G[3][0], beta * V[2][1], G[3][1]]))),
        ('Tussenstap bij $t = 3$', lambda: E('3', 3) and C('-0.38', W[2][1]) and E('0.1', eta) and C('4.74', V[3][1])
            and C('-0.38', W[2][1]) and C('0.474', eta * V[3][1]) and C('-0.854', W[3][1])),
        ('**Interpretatie.**', lambda: E('6', hess[1, 1].round(3)) and E('2', hess[0, 0].round(3)) and C('0.4', W[1][1]) and C('-0.38', W[2][1])
            and C('-0.854', W[3][1]) and C('0.6448', Lf(W[2])) and C('2.1918', Lf(W[3])) and Lf(W[3]) > Lf(W[2])
            and C('0.062', W[3][0])),
        ('**Ter vergelijking, gewone SGD**', lambda: C('0.8', 1 - eta * hess[0, 0]) and C('0.4', 1 - eta * hess[1, 1])
            and near(S[1], [0.8 * S[0][0], 0.4 * S[0][1]], 1e-8)),
        ('| stap | $w_t$ | $L(w_t)$ |', GIVEN, '*'),
        ('| 1 | $(0.8,\\ 0.4)$ | $1.12$ |', lambda: E('1', 1) and CV(['0.8', '0.4'], S[1]) and C('1.12', Lf(S[1]))),
        ('| 2 | $(0.64,', lambda: E('2', 2) and CV(['0.64', '0.16'], S[2]) and C('0.4864', Lf(S[2]))),
        ('| 3 | $(0.512,', lambda: E('3', 3) and CV(['0.512', '0.064'], S[3]) and C('0.2744', Lf(S[3]))),
        ('**Conclusie.**', lambda: C('0.062', W[3][0]) and C('0.512', S[3][0]) and C('2.1918', Lf(W[3])) and C('0.2744', Lf(S[3]))
            and Lf(W[3]) > Lf(S[3]) and E('0.9', beta) and E('10', 1 / (1 - beta)), '1 1'),
    ]
# ======================================================================= 09
@register('09_rmsprop_two_steps.md')
def f09():
    x, y = 2.0, 3.0; eta, rho, eps = 0.01, 0.9, 1e-8
    Lf = lambda p: 0.5 * (p[0] * x + p[1] - y) ** 2
    P = [np.array([0.5, 0.0])]; S = [np.zeros(2)]; G = [None]; ST = [None]
    for t in (1, 2):                                   # exact reference RMSProp
        g = grad(Lf, P[-1]); G.append(g); S.append(rho * S[-1] + (1 - rho) * g * g)
        ST.append(eta * g / (np.sqrt(S[-1]) + eps)); P.append(P[-1] - ST[-1])
    r = lambda v: np.round(v, 4)
    # the author's carried 4-decimal chain for iteration 2
    p1 = np.array([0.5316, 0.0316]); yh = 2 * p1[0] + p1[1]; e = r(yh - y); g2 = np.array([r(e * 2), e])
    gg = r(g2 ** 2); s2 = r(0.9 * np.array([1.6, 0.4]) + r(0.1 * gg)); sq = r(np.sqrt(s2)); st = r(eta * g2 / sq)
    p2 = p1 - st
    def grads():
        return all(near(grad(Lf, q), [(q[0] * x + q[1] - y) * x, q[0] * x + q[1] - y], 1e-6) for q in rand(4, 2))
    def first_step():
        ok = True
        for g in rand(5):
            s = (1 - rho) * g * g
            ok &= abs(np.sqrt(s) - np.sqrt(1 - rho) * abs(g)) < 1e-12 and abs(abs(eta * g / np.sqrt(s)) - eta / np.sqrt(0.1)) < 1e-12
        return ok
    return [
        ('Model $\\hat y = w x + b$', lambda: E('2', x) and E('3', y), '1 2 2'),
        ('Start $w_0 = 0.5$', GIVEN, '*'),
        ('RMSProp, per parameter', GIVEN, '*'),
        ('Gradients: with $e', grads),
        ('I round to 4 decimals', GIVEN, '*'),
        ('**Step 1** — forward', lambda: E('0.5', P[0][0]) and E('2', x) and E('0', P[0][1]) and E('1', P[0] @ [x, 1])
            and E('1', 1) and E('3', y) and E('-2', P[0] @ [x, 1] - y) and E('2', Lf(P[0]))),
        ('**Step 2** — gradients', lambda: E('-2', -2) and E('2', x) and E('-4', G[1][0].round(6)) and E('-2', G[1][1].round(6))),
        ('**Step 3** — accumulators', lambda: E('0.1', 1 - rho) and E('16', G[1][0].round(6) ** 2) and C('1.6', S[1][0])
            and E('0.1', 1 - rho) and E('4', G[1][1].round(6) ** 2) and C('0.4', S[1][1])),
        ('**Step 4** — update', lambda: E('0.01', eta) and E('-4', -4) and E('1.6', 1.6) and E('-0.04', eta * -4) and C('1.2649', np.sqrt(1.6))
            and C('-0.0316', ST[1][0]) and E('0.01', eta) and E('-2', -2) and E('0.4', 0.4) and E('-0.02', eta * -2)
            and C('0.6325', np.sqrt(0.4)) and C('-0.0316', ST[1][1]) and CV(['0.5316', '0.0316'], P[1])),
        ('Notice: on the first step', lambda: first_step() and E('0.1', 1 - rho) and C('0.0316', eta / np.sqrt(0.1)), '1'),
        ('| quantity | $w$ | $b$ |', GIVEN, '*'),
        ('| forward |', lambda: E('2', x) and E('0.5316', 0.5316) and E('0.0316', 0.0316) and C('1.0948', yh)
            and C('1.0948', yh) and E('3', y) and C('-1.9052', e)),
        ('| gradient $g$ |', lambda: C('-1.9052', e) and E('2', x) and CV(['-3.8104', '-1.9052'], g2, G[2])),
        ('| $g^2$ |', lambda: CV(['14.5191', '3.6298'], g2 ** 2, G[2] ** 2), '2'),
        ('| $s = 0.9\\,s + 0.1\\,g^2$ |', lambda: E('0.9', rho) and E('0.1', 1 - rho) and E('1.44', 0.9 * 1.6) and C('1.4519', 0.1 * gg[0])
            and C('2.8919', s2[0], S[2][0]) and E('0.36', 0.9 * 0.4) and C('0.3630', 0.1 * gg[1]) and C('0.7230', s2[1], S[2][1]), '2'),
        ('| $\\sqrt{s}$ |', lambda: CV(['1.7006', '0.8503'], np.sqrt(s2), np.sqrt(S[2]))),
        ('| $\\Delta = \\eta\\, g/\\sqrt{s}$ |', lambda: C('-0.038104', eta * g2[0]) and C('1.7006', sq[0]) and C('-0.0224', ST[2][0])
            and C('-0.019052', eta * g2[1]) and C('0.8503', sq[1]) and C('-0.0224', ST[2][1])),
        ('| new value |', lambda: CV(['0.5540', '0.0540'], P[2], p2)),
        ('**Step 6** — check', lambda: E('2', x) and E('0.5540', 0.5540) and E('0.0540', 0.0540) and C('1.1620', P[2] @ [x, 1], p2 @ [x, 1])
            and E('1', 1) and E('2', 2) and C('1.1620', P[2] @ [x, 1], p2 @ [x, 1]) and E('3', y) and E('2', 2)
            and C('1.6891', Lf(P[2]), Lf(p2)) and E('2', Lf(P[0])) and Lf(P[2]) < Lf(P[0])),
        ('Because $g_w = 2 g_b$', lambda: abs(G[2][0] - 2 * G[2][1]) < 1e-6 and abs(S[2][0] - 4 * S[2][1]) < 1e-6
            and abs(ST[2][0] - ST[2][1]) < 1e-9 and E('2', 2) and E('4', 4) and E('0.5', 0.5) and E('0.01', eta) and E('4', -G[1][0].round(6))
            and E('0.54', 0.5 - eta * G[1][0].round(6)) and E('0', 0) and E('0.01', eta) and E('2', -G[1][1].round(6))
            and E('0.02', 0 - eta * G[1][1].round(6))),
    ]
# ======================================================================= 10
@register('10_mlp_322_relu_softmax_sv.md')
def f10():
    x = np.array([1.0, -1.0, 2.0]); y = np.array([0.0, 1.0])
    W1 = np.array([[0.2, -0.1, 0.4], [-0.3, 0.5, 0.1]]); b1 = np.array([0.1, 0.1])
    W2 = np.array([[0.5, -0.4], [0.3, 0.8]]); b2 = np.zeros(2)
    relu = lambda z: np.maximum(z, 0)
    ce = lambda z2: -np.sum(y * np.log(softmax(z2)))
    def net(W1_=W1, b1_=b1, W2_=W2, b2_=b2):
        return ce(W2_ @ relu(W1_ @ x + b1_) + b2_)
    z1 = W1 @ x + b1; h = relu(z1); z2 = W2 @ h; e = np.exp(z2); p = e / e.sum()
    gz2 = grad(ce, z2); gW2 = grad(lambda M: net(W2_=M), W2); gb2 = grad(lambda v: net(b2_=v), b2)
    gh = grad(lambda v: ce(W2 @ v), h)
    gz1 = grad(lambda v: ce(W2 @ relu(v)), z1)
    gW1 = grad(lambda M: net(W1_=M), W1); gb1 = grad(lambda v: net(b1_=v), b1)
    pr = np.array([0.5597, 0.4403]); dr = pr - y
    def softmax_ce():
        ok = True
        for _ in range(3):
            zz = rand(2)
            ok &= near(grad(ce, zz), softmax(zz) - y, 1e-6)
        return ok
    return [
        ('**Givet:**', GIVEN, '*'),
        ('$$W^{[1]} = \\begin{pmatrix}', GIVEN, '*'),
        ('Nätet:', GIVEN, '*'),
        ('**Steg 1 (framåt, dolt lager).**', lambda: E('0.2', W1[0, 0] * x[0]) and E('0.1', W1[0, 1] * x[1]) and E('0.8', W1[0, 2] * x[2])
            and E('0.1', b1[0]) and E('-0.3', W1[1, 0] * x[0]) and E('0.5', -W1[1, 1] * x[1]) and E('0.2', W1[1, 2] * x[2])
            and E('0.1', b1[1]) and EV(['1.2', '-0.5'], z1) and EV(['1.2', '0'], h)),
        ('**Steg 2 (framåt, utlager).**', lambda: E('0.5', W2[0, 0]) and E('1.2', h[0]) and E('0.3', W2[1, 0]) and E('1.2', h[0])
            and h[1] == 0 and CV(['0.6', '0.36'], z2)),
        ('| nod | värde | $e^{z}$ | $p$ |', GIVEN, '*'),
        ('| $z^{[2]}_1$ |', lambda: C('0.6', z2[0]) and C('1.8221', e[0]) and C('1.8221', e[0]) and C('3.2554', e.sum())
            and C('0.5597', p[0], 1.8221 / 3.2554)),
        ('| $z^{[2]}_2$ |', lambda: C('0.36', z2[1]) and C('1.4333', e[1]) and C('1.4333', e[1]) and C('3.2554', e.sum())
            and C('0.4403', p[1], 1.4333 / 3.2554)),
        ('**Steg 3 (förlust', lambda: C('0.4403', p[1]) and C('0.8203', net(), -np.log(0.4403)) and softmax_ce()
            and CV(['0.5597', '-0.5597'], gz2)),
        ('\\frac{\\partial L}{\\partial W^{[2]}} = \\delta^{[2]} h^\\top', lambda: near(gW2, np.outer(gz2, h), 1e-6)
            and CV(['0.6716', '0', '-0.6716', '0'], gW2, np.outer(dr, h)) and CV(['0.5597', '-0.5597'], gb2)),
        ('**Steg 4 (bakåt', lambda: near(gh, W2.T @ gz2, 1e-6) and near(gh, W2 @ gz2, 1e-6)
            and E('0.5', W2[0, 0]) and C('0.5597', gz2[0]) and E('0.4', -W2[0, 1]) and C('-0.5597', gz2[1])
            and CV(['0.5037', '-0.2799'], gh, W2.T @ dr)),
        ('Formkontroll:', lambda: W2.shape == (2, 2) and gz2.reshape(2, 1).shape == (2, 1) and (W2 @ gz2.reshape(2, 1)).shape == (2, 1),
            '2 2 2 1 2 1'),
        ('**Steg 5 (genom ReLU).**', lambda: EV(['1', '0'], [fd(relu, z1[0]), fd(relu, z1[1])]) and E('1.2', z1[0]) and E('0', 0)
            and E('-0.5', z1[1]) and E('0', 0)),
        ('| nod | lokal gradient |', GIVEN, '*'),
        ('| $h_1$ |', lambda: E('1', fd(relu, z1[0])) and C('0.5037', gh[0]) and C('0.5037', gz1[0])),
        ('| $h_2$ |', lambda: E('0', fd(relu, z1[1])) and C('-0.2799', gh[1]) and E('0', gz1[1].round(9))),
        ('\\frac{\\partial L}{\\partial W^{[1]}} = \\delta^{[1]} x^\\top', lambda: near(gW1, np.outer(gz1, x), 1e-6)
            and CV(['0.5037', '-0.5037', '1.0074', '0', '0', '0'], gW1) and CV(['0.5037', '0'], gb1)),
        ('Andra raden är noll', lambda: near(gW1[1], np.zeros(3), 1e-9)),
    ]
# ======================================================================= 11
@register('11_strided_padded_conv.md')
def f11():
    X = np.array([[2, 0, 1, 3], [1, -1, 0, 2], [0, 2, 1, 1], [3, 1, 0, -2]], float)
    K = np.array([[0, 1, 0], [1, -2, 1], [0, 1, 0]], float); b = 0.5
    G = np.array([[1, -2], [0.5, 1]])
    Xp = np.pad(X, 1)
    fwd = lambda X_=X, K_=K, b_=b: corr2d(X_, K_, stride=2, pad=1) + b_
    Y = fwd()
    L = lambda **kw: np.sum(G * fwd(**kw))
    gK = np.round(grad(lambda M: L(K_=M), K), 6); gX = np.round(grad(lambda M: L(X_=M), X), 6)
    gb = round(fd(lambda t: L(b_=t), b), 6)
    def full_pad_grad():
        gXp = np.zeros((6, 6))
        for i in range(2):
            for j in range(2):
                gXp[2 * i:2 * i + 3, 2 * j:2 * j + 3] += G[i, j] * K
        return gXp
    def row(i, j, c, nb, val):
        r, q = 2 * i + 1, 2 * j + 1
        nbs = [Xp[r - 1, q], Xp[r, q - 1], Xp[r, q + 1], Xp[r + 1, q]]
        return (E(c, Xp[r, q]) and EV(nb, nbs) and E('0.5', b) and E(str(int(sum(nbs))), sum(nbs))
                and E(str(int(2 * Xp[r, q])), 2 * Xp[r, q]) and E(val, Y[i, j]))
    def stencil():
        ok = True
        for _ in range(3):
            A = rand(6, 6); i, j = RNG.integers(0, 2, size=2); r, q = 2 * i + 1, 2 * j + 1
            ok &= abs(np.sum(A[2 * i:2 * i + 3, 2 * j:2 * j + 3] * K) + b
                      - (b + A[r - 1, q] + A[r, q - 1] + A[r, q + 1] + A[r + 1, q] - 2 * A[r, q])) < 1e-12
        return ok
    def kgrad_formula():
        return near(grad(lambda M: L(K_=M), K), sum(G[i, j] * Xp[2 * i:2 * i + 3, 2 * j:2 * j + 3] for i in range(2) for j in range(2)), 1e-6)
    return [
        ('**Setup.**', GIVEN, '*'),
        ('$$X = \\begin{bmatrix}', GIVEN, '*'),
        ('**Step 1 — output size.**', lambda: E('4', 4) and E('2', 2) and E('1', 1) and E('3', 3) and E('2', 2) and E('1.5', 1.5)
            and E('1', 1) and E('1', 1) and E('2', n_windows(4, 3, 2, 1))),
        ('**Step 2 — forward.**', lambda: stencil() and E('2', 2)),
        ('| output | centre |', GIVEN, '*'),
        ('| $Y_{00}$ |', lambda: row(0, 0, '2', ['0', '0', '0', '1'], '-2.5')),
        ('| $Y_{01}$ |', lambda: row(0, 1, '1', ['0', '0', '3', '0'], '1.5')),
        ('| $Y_{10}$ |', lambda: row(1, 0, '0', ['1', '0', '2', '3'], '6.5')),
        ('| $Y_{11}$ |', lambda: row(1, 1, '1', ['0', '2', '1', '0'], '1.5')),
        ('**Step 3 — upstream gradient**', GIVEN, '*'),
        ('**Step 4 — bias and kernel.**', lambda: EV(['1', '-2', '0.5', '1'], G) and E('0.5', gb) and kgrad_formula(), '2 2 3 2 2 3'),
        ('- e.g. $\\partial L/\\partial K_{11}$', lambda: E('1', G[0, 0]) and E('2', Xp[1, 1]) and E('-2', G[0, 1]) and E('1', Xp[1, 3])
            and E('0.5', G[1, 0]) and E('0', Xp[3, 1]) and E('1', G[1, 1]) and E('1', Xp[3, 3]) and E('1', gK[1, 1])),
        ('- e.g. $\\partial L/\\partial K_{22}$', lambda: E('1', G[0, 0]) and E('-1', Xp[2, 2]) and E('-2', G[0, 1]) and E('2', Xp[2, 4])
            and E('0.5', G[1, 0]) and E('1', Xp[4, 2]) and E('1', G[1, 1]) and E('-2', Xp[4, 4]) and E('-6.5', gK[2, 2])),
        ('$$\\frac{\\partial L}{\\partial K} =', lambda: EV(['-1', '0.5', '1.5', '2', '1', '-4', '3', '2.5', '-6.5'], gK)),
        ('**Step 5 — input gradient.**', lambda: near(full_pad_grad()[1:5, 1:5], gX, 1e-6) and E('3', 3)),
        ('- $X_{00}$ is only in window', lambda: E('0', 0) and E('0', 0) and E('1', G[0, 0]) and E('-2', K[1, 1]) and E('-2', gX[0, 0])),
        ('- $X_{12}$ is in windows', lambda: E('0', 0) and E('1', 1) and E('1', 1) and E('1', 1) and E('1', 1) and K[2, 1] == 1 and K[0, 1] == 1
            and E('-2', G[0, 1]) and E('1', K[2, 1]) and E('1', G[1, 1]) and E('1', K[0, 1]) and E('-1', gX[1, 2])),
        ('$$\\frac{\\partial L}{\\partial X} =', lambda: EV(['-2', '-1', '4', '-2', '1.5', '0', '-1', '0', '-1', '1.5', '-2', '1',
                                                              '0.5', '0', '1', '0'], gX)),
        ('**Check.**', lambda: E('0.5', G.sum()) and E('2', K.sum()) and E('1', round(full_pad_grad().sum(), 9))
            and EV(['-1', '0.5', '-0.5', '1.5'], gX.sum(axis=1)) and E('0.5', gX.sum()) and E('0.5', full_pad_grad().sum() - gX.sum())),
    ]
# ======================================================================= 12
@register('12_minibatch_mse_linear.md')
def f12():
    Xb = np.array([[1, 2], [2, 0], [-1, 1]], float); Yb = np.array([1, 0, -2], float)
    w = np.array([0.5, -1.0]); b = 0.2; eta = 0.1; N = 3
    Lf = lambda w_, b_: np.mean((Xb @ w_ + b_ - Yb) ** 2)
    yh = Xb @ w + b; e = yh - Yb
    gw = grad(lambda v: Lf(v, b), w); gb = fd(lambda t: Lf(w, t), b)
    def row(i, xs, ys, terms, yhs, es, ex1, ex2):
        return (E(str(i + 1), i + 1) and EV(xs, Xb[i]) and E(ys, Yb[i]) and EV(terms, [w[0] * Xb[i, 0], w[1] * Xb[i, 1], b])
                and C(yhs, yh[i]) and C(es, e[i]) and C(ex1, e[i] * Xb[i, 0]) and C(ex2, e[i] * Xb[i, 1]))
    def per_sample():
        ok = True
        for _ in range(3):
            xx = rand(2); yy = rand(1)[0]; ww = rand(2); bb = rand(1)[0]
            sq = lambda v, c: (v @ xx + c - yy) ** 2
            ee = ww @ xx + bb - yy
            ok &= near(grad(lambda v: sq(v, bb), ww), 2 * ee * xx, 1e-6) and abs(fd(lambda t: sq(ww, t), bb) - 2 * ee) < 1e-6
        return ok
    return [
        ('A linear neuron', GIVEN, '*'),
        ('$$L = \\frac{1}{N}', GIVEN, '*'),
        ('Compute $\\nabla_w L$', GIVEN, '*'),
        ('**Step 1 — forward, per sample**', GIVEN, '*'),
        ('| $i$ | $x_1$ |', GIVEN, '*'),
        ('| 1 | 1 | 2 | 1 |', lambda: row(0, ['1', '2'], '1', ['0.5', '-2', '0.2'], '-1.3', '-2.3', '-2.3', '-4.6')),
        ('| 2 | 2 | 0 | 0 |', lambda: row(1, ['2', '0'], '0', ['1', '0', '0.2'], '1.2', '1.2', '2.4', '0')),
        ('| 3 | −1 | 1 | −2 |', lambda: row(2, ['-1', '1'], '-2', ['-0.5', '-1', '0.2'], '-1.3', '0.7', '-0.7', '0.7')),
        ('| Σ |', lambda: CV(['-0.4', '-0.6', '-3.9'], [e.sum(), e @ Xb[:, 0], e @ Xb[:, 1]])),
        ('**Step 2 — loss.**', lambda: CV(['5.29', '1.44', '0.49'], e ** 2) and E('3', N) and C('7.22', (e ** 2).sum()) and E('3', N)
            and C('2.4067', Lf(w, b))),
        ('**Step 3 — chain rule', lambda: per_sample(), '2 2 2 2'),
        ('$$\\frac{\\partial L}{\\partial w} = 2 \\sum_i', lambda: CV(['-0.6', '-3.9'], [e @ Xb[:, 0], e @ Xb[:, 1]])
            and near(gw, 2 * e @ Xb, 1e-6) and CV(['-1.2', '-7.8'], gw) and E('2', 2) and E('2', 2)
            and abs(gb - 2 * e.sum()) < 1e-6 and C('-0.4', e.sum()) and C('-0.8', gb) and E('2', 2) and E('2', 2)),
        ('**Step 5 — SGD step**', lambda: E('0.1', eta)),
        ('- $w_1 \\leftarrow', lambda: E('0.5', w[0]) and E('0.1', eta) and C('-1.2', gw[0]) and C('0.62', w[0] - eta * gw[0])),
        ('- $w_2 \\leftarrow', lambda: E('-1', w[1]) and E('0.1', eta) and C('-7.8', gw[1]) and C('-0.22', w[1] - eta * gw[1])),
        ('- $b \\leftarrow', lambda: E('0.2', b) and E('0.1', eta) and C('-0.8', gb) and C('0.28', b - eta * gb)),
        ('**Step 6 — interpretation.**', lambda: np.argmax(np.abs(e)) == 0 and C('2.3', abs(e[0])) and C('-4.6', e[0] * Xb[0, 1])
            and abs(e[0] * Xb[0, 1] - e @ Xb[:, 1]) < 1 and C('-2.3', e[0] * Xb[0, 0]) and C('2.4', e[1] * Xb[1, 0])
            and C('0.1', e[0] * Xb[0, 0] + e[1] * Xb[1, 0])),
    ]
# ======================================================================= 13
@register('13_tanh_221_steps.md')
def f13():
    x = np.array([0.5, -1.0]); y = 0.5
    W = np.array([[0.8, -0.6], [0.4, 0.2]]); c = np.array([-0.4, -0.3]); v = np.array([1.2, -0.7]); d = 0.1; eta = 0.1
    def net(W_=W, c_=c, v_=v, d_=d):
        return 0.5 * (v_ @ np.tanh(W_ @ x + c_) + d_ - y) ** 2
    z = W @ x + c; h = np.tanh(z); yh = v @ h + d; e = yh - y
    hr = np.array([0.537, -0.291]); er = 0.448
    gv = grad(lambda u: net(v_=u), v); gd = fd(lambda t: net(d_=t), d)
    gh = grad(lambda u: 0.5 * (v @ u + d - y) ** 2, h)
    gz = grad(lambda u: 0.5 * (v @ np.tanh(u) + d - y) ** 2, z)
    gW = grad(lambda M: net(W_=M), W); gc = grad(lambda u: net(c_=u), c)
    dhr = np.array([0.538, -0.314])
    return [
        ('Network: $h = \\tanh(W x + c)$', GIVEN, '*'),
        ('$x = (0.5,\\ -1)$', GIVEN, '*'),
        ('All numbers rounded to 3 decimals', GIVEN, '*'),
        ('**Step 1 (hidden pre-activations).**', lambda: E('0.4', W[0, 0] * x[0]) and E('0.6', W[0, 1] * x[1]) and E('-0.4', c[0])
            and E('0.2', W[1, 0] * x[0]) and E('-0.2', W[1, 1] * x[1]) and E('-0.3', c[1]) and CV(['0.6', '-0.3'], z)),
        ('**Step 2 (hidden activations).**', lambda: CV(['0.537', '-0.291'], h)),
        ('**Step 3 (output and loss).**', lambda: E('1.2', v[0]) and C('0.537', h[0]) and E('-0.7', v[1]) and C('-0.291', h[1])
            and E('0.1', d) and C('0.644', v[0] * hr[0]) and C('0.204', v[1] * hr[1]) and E('0.1', d) and C('0.948', yh)
            and C('0.448', e) and E('1', 1) and E('2', 2) and C('0.448', e) and E('2', 2) and C('0.100', net(), 0.5 * er ** 2)),
        ('**Step 4 (backward', lambda: C('0.448', fd(lambda t: 0.5 * (t - y) ** 2, yh))),
        ('| node | value | local gradient |', GIVEN, '*'),
        ('| $v_1$ |', lambda: E('1.2', v[0]) and C('0.537', h[0]) and C('0.448', e) and C('0.241', gv[0], er * hr[0])),
        ('| $v_2$ |', lambda: E('-0.7', v[1]) and C('-0.291', h[1]) and C('0.448', e) and C('-0.130', gv[1], er * hr[1])),
        ('| $d$ |', lambda: E('0.1', d) and E('1', fd(lambda t: v @ h + t, d).round(6)) and C('0.448', e) and C('0.448', gd)),
        ('| $h_1$ |', lambda: C('0.537', h[0]) and E('1.2', v[0]) and C('0.448', e) and C('0.538', gh[0], er * v[0])),
        ('| $h_2$ |', lambda: C('-0.291', h[1]) and E('-0.7', v[1]) and C('0.448', e) and C('-0.314', gh[1], er * v[1])),
        ('**Step 5 (through tanh).**', lambda: all(abs(fd(np.tanh, t) - (1 - t ** 2)) < 1e-6 for t in rand(5))
            and E('1', 1) and E('2', 2) and E('1', 1) and E('0.6', z[0]) and E('2', 2) and C('0.64', fd(np.tanh, z[0]))
            and E('1', 1) and C('0.09', z[1] ** 2) and C('0.91', fd(np.tanh, z[1]))),
        ('Hence $\\delta = \\partial L/\\partial z', lambda: C('0.538', gh[0]) and C('0.64', fd(np.tanh, z[0])) and C('-0.314', gh[1])
            and C('0.91', fd(np.tanh, z[1])) and CV(['0.344', '-0.286'], gz)),
        ('**Step 6 (first-layer gradients).**', lambda: near(gW, np.outer(gz, x), 1e-6) and near(gc, gz, 1e-6)),
        ('$$\\frac{\\partial L}{\\partial W} = \\begin{pmatrix} 0.344', lambda: CV(['0.344', '0.5', '0.344', '-1', '-0.286', '0.5', '-0.286', '-1'],
                                                                              [gz[0], x[0], gz[0], x[1], gz[1], x[0], gz[1], x[1]])
            and CV(['0.172', '-0.344', '-0.143', '0.286'], gW) and CV(['0.344', '-0.286'], gc)),
        ('With $\\eta = 0.1$:', lambda: E('0.1', eta) and E('0.8', W[0, 0]) and E('0.1', eta) and C('0.172', gW[0, 0])
            and C('0.783', W[0, 0] - eta * gW[0, 0]) and E('-0.3', c[1]) and E('0.1', eta) and C('-0.286', gc[1])
            and C('-0.271', c[1] - eta * gc[1])),
        ('*Marking note:*', lambda: near(gW[:, 1], -2 * gW[:, 0], 1e-6) and x[1] == -2 * x[0], '2 2'),
    ]
# ======================================================================= 14
@register('14_overlapping_pool_backward.md')
def f14():
    X = np.array([[1, 5, 2], [3, 4, 6], [0, 7, 1]], float)
    G = np.array([[0.5, -1], [2, 1.5]])
    st = [r for r in range(0, 3) if r + 2 <= 3]
    pmax = lambda A: np.array([[A[i:i + 2, j:j + 2].max() for j in st] for i in st])
    pavg = lambda A: np.array([[A[i:i + 2, j:j + 2].mean() for j in st] for i in st])
    gmax = np.round(grad(lambda A: np.sum(G * pmax(A)), X), 6)
    gavg = np.round(grad(lambda A: np.sum(G * pavg(A)), X), 6)
    def row(i, j, cells, mx, am, g):
        blk = X[i:i + 2, j:j + 2]; a, b = np.unravel_index(blk.argmax(), (2, 2))
        return (E(str(i), i) and E(str(j), j) and EV(cells, blk) and E(mx, blk.max()) and (blk == blk.max()).sum() == 1
                and E(str(am[0]), i + a) and E(str(am[1]), j + b) and E(g, G[i, j]))
    def windows_of(m, n):
        return [(i, j) for i in st for j in st if i <= m < i + 2 and j <= n < j + 2]
    return [
        ('Input X (3×3)', lambda: E('3', 3) and E('2', 2) and E('1', 1) and E('1', 1) and E('2', n_windows(3, 2, 1, 0))
            and E('2', 2) and E('2', 2), '3 3 2 2 1'),
        ('| | col 0 |', GIVEN, '*'),
        ('| row 0 |', GIVEN, '*'),
        ('| row 1 |', GIVEN, '*'),
        ('| row 2 |', GIVEN, '*'),
        ('Upstream gradient G', lambda: EV(['0.5', '-1', '2', '1.5'], G) and EV(['0.5', '-1', '2', '1.5'], G) and E('3', G.sum())),
        ('| window | cells', GIVEN, '*'),
        ('| (0,0) |', lambda: row(0, 0, ['1', '5', '3', '4'], '5', (0, 1), '0.5')),
        ('| (0,1) | 5', lambda: row(0, 1, ['5', '2', '4', '6'], '6', (1, 2), '-1')),
        ('| (1,0) |', lambda: row(1, 0, ['3', '4', '0', '7'], '7', (2, 1), '2')),
        ('| (1,1) |', lambda: row(1, 1, ['4', '6', '7', '1'], '7', (2, 1), '1.5')),
        ('Y_max = [[5, 6], [7, 7]]', lambda: EV(['5', '6', '7', '7'], pmax(X))),
        ('Cell (2,1) is the max of two windows', lambda: E('2', 2) and E('1', 1) and E('2', G[1, 0]) and E('1.5', G[1, 1])
            and E('3.5', gmax[2, 1]) and len(windows_of(2, 1)) == 2),
        ('∂L/∂X (max) =', lambda: EV(['0', '0.5', '0', '0', '0', '-1', '0', '3.5', '0'], gmax)
            and EV(['0.5', '-1', '3.5'], [gmax[0, 1], gmax[1, 2], gmax[2, 1]]) and E('3', gmax.sum()) and abs(G.sum() - 3) < 1e-12),
        ('(Overwriting instead of adding', lambda: E('1.5', G[1, 1]) and E('2', 2) and E('1', 1) and E('1', 0.5 - 1 + 1.5)),
        ('**Part B — average pooling.**', lambda: all(near(grad(lambda A: pavg(A)[i, j], rand(3, 3))[i:i + 2, j:j + 2], np.full((2, 2), 0.25), 1e-8)
                                                      for i in st for j in st), '4'),
        ('- forward: Y_avg', lambda: EV(['13', '17', '14', '18'], 4 * pavg(X)) and EV(['4', '4', '4', '4'], [4] * 4)
            and EV(['3.25', '4.25', '3.5', '4.5'], pavg(X))),
        ('- per-window shares', lambda: E('4', 4) and EV(['0.125', '-0.25', '0.5', '0.375'], G / 4)),
        ('- centre cell (1,1)', lambda: E('1', 1) and E('1', 1) and len(windows_of(1, 1)) == 4
            and EV(['0.125', '-0.25', '0.5', '0.375'], G.ravel() / 4) and E('0.75', gavg[1, 1])),
        ('- edge cell (1,0)', lambda: E('1', 1) and E('0', 0) and windows_of(1, 0) == [(0, 0), (1, 0)] and E('0', 0) and E('0', 0)
            and E('1', 1) and E('0', 0) and E('0.125', G[0, 0] / 4) and E('0.5', G[1, 0] / 4) and E('0.625', gavg[1, 0])),
        ('- edge cell (0,1)', lambda: E('0', 0) and E('1', 1) and windows_of(0, 1) == [(0, 0), (0, 1)] and E('0', 0) and E('0', 0)
            and E('0', 0) and E('1', 1) and E('0.125', G[0, 0] / 4) and E('-0.25', G[0, 1] / 4) and E('-0.125', gavg[0, 1])),
        ('∂L/∂X (avg) =', lambda: EV(['0.125', '-0.125', '-0.25', '0.625', '0.75', '0.125', '0.5', '0.875', '0.375'], gavg)),
        ('Check: 0.125', lambda: EV(['0.125', '-0.125', '-0.25', '0.625', '0.75', '0.125', '0.5', '0.875', '0.375'], gavg)
            and E('3', gavg.sum()) and abs(G.sum() - 3) < 1e-12),
    ]
# ======================================================================= 15
@register('15_logreg_l2_sgd_step.md')
def f15():
    x = np.array([2.0, -1.0]); y = 1.0; w = np.array([0.3, 0.4]); b = -0.1; lam = 0.1; eta = 0.5
    bce = lambda p: -(y * np.log(p) + (1 - y) * np.log(1 - p))
    Lf = lambda w_, b_: bce(sig(w_ @ x + b_)) + lam / 2 * w_ @ w_
    z = w @ x + b; p = sig(z)
    gz = fd(lambda t: bce(sig(t)), z)
    gw_data = grad(lambda u: bce(sig(u @ x + b)), w)
    gw = grad(lambda u: Lf(u, b), w); gb = fd(lambda t: Lf(w, t), b)
    wn = w - eta * gw; bn = b - eta * gb
    def dbce():
        ok = True
        for yy in (0.0, 1.0):
            for q in (0.2, 0.525, 0.9):
                f = lambda t: -(yy * np.log(t) + (1 - yy) * np.log(1 - t))
                ok &= abs(fd(f, q) - (-yy / q + (1 - yy) / (1 - q))) < 1e-6
        return ok
    def chain_claim():        # claimed simplification of the product, tested for y in {0,1}
        ok = True
        for yy in (0.0, 1.0):
            for t in rand(4):
                q = sig(t); f = lambda s: -(yy * np.log(sig(s)) + (1 - yy) * np.log(1 - sig(s)))
                prod = (-yy / q + (1 - yy) / (1 - q)) * q * (1 - q)
                ok &= abs(prod - fd(f, t)) < 1e-6 and abs((yy - q) - fd(f, t)) < 1e-6
        return ok
    return [
        ('Data point $x = (2,\\ -1)$', GIVEN, '*'),
        ('$$L(w, b) = -\\big[', GIVEN, '*'),
        ('One SGD step with η = 0.5', GIVEN, '*'),
        ('1. Forward:', lambda: E('0.3', w[0]) and E('2', x[0]) and E('0.4', w[1]) and E('-1', x[1]) and E('0.1', -b)
            and E('0.6', w[0] * x[0]) and E('0.4', -w[1] * x[1]) and E('0.1', -b) and C('0.1', z) and C('0.1', z)
            and C('0.5250', p), '1'),
        ('2. Loss:', lambda: C('0.5250', p) and C('0.6444', bce(p)) and E('0.1', lam) and E('2', 2) and E('0.09', w[0] ** 2)
            and E('0.16', w[1] ** 2) and C('0.0125', lam / 2 * w @ w) and C('0.6569', Lf(w, b)), '2'),
        ('3. ∂BCE/∂ŷ', lambda: dbce() and E('1', y) and E('1', 1) and E('1', 1) and C('0.5250', p)
            and C('-1.9048', fd(bce, p), -1 / 0.5250), '3'),
        ('4. σ′(z)', lambda: all(abs(fd(sig, t) - sig(t) * (1 - sig(t))) < 1e-8 for t in rand(4)) and E('1', 1)
            and C('0.5250', p) and C('0.4750', 1 - p) and C('0.2494', p * (1 - p)), '4'),
        ('5. Chain rule:', lambda: chain_claim() and E('1', 1) and E('1', 1) and E('1', 1) and E('1', y) and C('0.5250', p)
            and C('0.4750', gz), '5'),
        ('6. Data part', lambda: C('0.4750', gz) and EV(['2', '-1'], x) and CV(['0.9500', '-0.4750'], gw_data), '6'),
        ('7. Add the decay term', lambda: CV(['0.03', '0.04'], lam * w) and near(gw, gw_data + lam * w, 1e-6)
            and CV(['0.9800', '-0.4350'], gw) and C('0.4750', gb), '7'),
        ('8. Update:', GIVEN, '*'),
        ('- w₁ ←', lambda: E('0.3', w[0]) and E('0.5', eta) and C('0.9800', gw[0]) and C('-0.1900', wn[0])),
        ('- w₂ ←', lambda: E('0.4', w[1]) and E('0.5', eta) and C('-0.4350', gw[1]) and C('0.6175', wn[1])),
        ('- b ←', lambda: E('-0.1', b) and E('0.5', eta) and C('0.4750', gb) and C('-0.3375', bn)),
        ('Remark: with decoupled weight decay', lambda: E('1', 1) and E('0.95', 1 - eta * lam) and E('1', 1)
            and all(near(u - eta * (g + lam * u), (1 - eta * lam) * u - eta * g, 1e-12) for u, g in zip(rand(3, 2), rand(3, 2)))),
    ]
# ======================================================================= 16
@register('16_tiny_cnn_end_to_end.md')
def f16():
    X = np.array([[1, 0, 2, 1], [0, 1, 1, 0], [2, 1, 0, 1], [1, 0, 1, 2]], float)
    K = np.array([[1, -1.5], [2, 0.5]]); b = -0.5; t = 1.0; eta = 0.1
    relu = lambda z: np.maximum(z, 0)
    conv = lambda X_=X, K_=K, b_=b: corr2d(X_, K_) + b_
    def loss(X_=X, K_=K, b_=b):
        return 0.5 * (relu(conv(X_, K_, b_)).max() - t) ** 2
    Y = conv(); A = relu(Y); s = A.max(); am = np.unravel_index(A.argmax(), A.shape)
    gK = np.round(grad(lambda M: loss(K_=M), K), 6); gb = round(fd(lambda u: loss(b_=u), b), 6)
    gX = np.round(grad(lambda M: loss(X_=M), X), 6)
    gY = np.round(grad(lambda M: 0.5 * (relu(M).max() - t) ** 2, Y), 6)
    K2 = K - eta * gK; b2 = b - eta * gb
    Y2 = conv(K_=K2, b_=b2)
    def stencil():
        ok = True
        for _ in range(3):
            Z = rand(4, 4); Yz = corr2d(Z, K) + b
            ok &= near(Yz, [[Z[i, j] - 1.5 * Z[i, j + 1] + 2 * Z[i + 1, j] + 0.5 * Z[i + 1, j + 1] - 0.5 for j in range(3)] for i in range(3)], 1e-12)
        return ok
    return [
        ('**Architecture.**', lambda: E('1', t) and abs(fd(lambda u: 0.5 * (u - t) ** 2, 2.0) - (2.0 - t)) < 1e-8, '1 2 2'),
        ('Trainable parameters:', lambda: E('5', K.size + 1) and K.shape == (2, 2), '2 2 1 1 1'),
        ('$$X = \\begin{bmatrix}', GIVEN, '*'),
        ('**Forward.**', lambda: E('4', 4) and E('2', 2) and E('1', 1) and E('1', 1) and E('3', n_windows(4, 2, 1, 0)) and stencil(),
            '1.5 2 0.5 0.5'),
        ('$$Y = \\begin{bmatrix}', lambda: EV(['1', '-1', '2', '2.5', '1', '1', '2', '1', '1'], Y)
            and EV(['1', '0', '2', '2.5', '1', '1', '2', '1', '1'], A)),
        ('e.g. $Y_{10} = 0', lambda: EV(['0', '1.5', '1', '2', '2', '0.5', '1', '0.5'], [X[1, 0], 1.5, X[1, 1], 2, X[2, 0], 0.5, X[2, 1], -b])
            and E('2.5', Y[1, 0]) and am == (1, 0) and (A == s).sum() == 1 and E('2.5', s) and E('1', 1) and E('2', 2)
            and E('2.5', s) and E('1', t) and E('2', 2) and E('1.125', loss())),
        ('**Backward along the only live path**', lambda: np.count_nonzero(gY) == 1 and gY[1, 0] != 0, ''),
        ('| node | value | local gradient |', GIVEN, '*'),
        ('| $s$ | 2.5 |', lambda: E('2.5', s) and E('1', 1) and E('1.5', fd(lambda u: 0.5 * (u - t) ** 2, s).round(6))),
        ('| $A_{10}$ | 2.5 |', lambda: E('2.5', A[1, 0]) and E('1', np.round(grad(np.max, A)[1, 0], 6))
            and E('0', np.abs(np.round(grad(np.max, A), 6)).sum() - 1) and E('1.5', s - t) and E('1.5', np.round(grad(lambda M: 0.5 * (M.max() - t) ** 2, A)[1, 0], 6))),
        ('| $Y_{10}$ | 2.5 |', lambda: E('2.5', Y[1, 0]) and E('2.5', Y[1, 0]) and E('1', fd(relu, 2.5).round(6)) and E('1.5', s - t)
            and E('1.5', gY[1, 0])),
        ('| $b$ | −0.5 |', lambda: E('-0.5', b) and E('1', fd(lambda u: corr2d(X, K)[1, 0] + u, b).round(6)) and E('1.5', s - t) and E('1.5', gb)),
        ('All other $Y_{ij}$ get gradient 0', lambda: E('-1', Y[0, 1]) and fd(relu, Y[0, 1]) == 0
            and all(gY[i, j] == 0 for i in range(3) for j in range(3) if (i, j) != (1, 0))),
        ('**Kernel gradient.**', lambda: E('1', 1) and E('3', 3) and E('0', 0) and E('2', 2)
            and EV(['0', '1', '2', '1'], X[1:3, 0:2])),
        ('\\frac{\\partial L}{\\partial K} = 1.5', lambda: E('1.5', s - t) and EV(['0', '1', '2', '1'], X[1:3, 0:2])
            and EV(['0', '1.5', '3', '1.5'], gK) and E('1.5', gb)),
        ('**Input gradient**', lambda: E('1.5', s - t) and EV(['1.5', '-2.25', '3', '0.75'], gX[1:3, 0:2])
            and np.count_nonzero(gX) == 4),
        ('**SGD step**', lambda: E('0.1', eta) and EV(['1', '-1.65', '1.7', '0.35'], K2) and E('-0.5', b) and E('0.15', eta * gb)
            and E('-0.65', b2)),
        ('Re-running the forward pass', lambda: np.unravel_index(relu(Y2).argmax(), (3, 3)) == (1, 0) and (relu(Y2) == relu(Y2).max()).sum() == 1
            and EV(['-1.65', '3.4', '0.35', '-0.65'], [X[1, 1] * K2[0, 1], X[2, 0] * K2[1, 0], X[2, 1] * K2[1, 1], b2]) and X[1, 0] == 0
            and E('1.45', Y2[1, 0]) and E('1', 1) and E('2', 2) and E('0.45', relu(Y2).max() - t) and E('2', 2)
            and E('0.10125', loss(K_=K2, b_=b2)) and E('1.125', loss())),
    ]

# ------------------------------------------------------------ number accounting
SPAN = re.compile(r'\$\$(.+?)\$\$|\$(.+?)\$|\\\((.+?)\\\)|\\\[(.+?)\\\]')

def _strip_group(s, i):
    """index after a balanced {...} group starting at s[i] (or one token)"""
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

def normalise(s):
    s = re.sub(r'\\[td]?frac(\d)(\d)', r'\\frac{\1}{\2}', s)
    out, i = [], 0
    while i < len(s):
        ch = s[i]
        if ch == '_':                                    # subscripts are labels
            i = _strip_group(s, i + 1); continue
        if ch == '^' and re.match(r'\^\{?[\[\(]\d+[\]\)]', s[i:]):   # layer labels W^{[1]}, h^{(2)}
            i = _strip_group(s, i + 1); continue
        out.append(ch); i += 1
    return ''.join(out)

def line_tokens(line):
    s = line.strip()
    spans = [next(g for g in m.groups() if g is not None) for m in SPAN.finditer(s)]
    if s.startswith('|'):
        spans = [SPAN.sub(lambda m: next(g for g in m.groups() if g is not None), s)]
    elif not spans:
        spans = [s]
    toks = []
    for sp in spans:
        toks += re.findall(r'(?<![A-Za-z0-9.])[0-9]+(?:\.[0-9]+)?', normalise(sp))
    return toks

def lit_tokens(shown):
    return [shown.strip().replace('−', '-').lstrip('+-')]

def account(line, lits, ctx):
    left = Counter(line_tokens(line)); probs = []
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
    return probs

# ------------------------------------------------------------------ driver
def math_lines(lines):
    out = set()
    for i, ln in enumerate(lines, 1):
        s = ln.strip()
        if s.startswith('<!--') or not s:
            continue
        if ('$' in s or '\\(' in s or '\\[' in s
                or (s.startswith('|') and re.search(r'[0-9]', s))
                or (re.search(r'[=≈→]', s) and re.search(r'[0-9]', s))):
            out.add(i)
    return out

def check_file(name, builder):
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
        except Exception as e:                 # a crashing predicate counts as false
            ok = False
            problems.append(f'predicate error line {ln}: {e!r}')
        if ok and ctx != '*':
            problems += [f'line {ln}: {p}' for p in account(text, list(_LITS), ctx)]
        if VERBOSE:
            print(f'      {name} L{ln:2d} {"T" if ok else "F"}  {text[:90]}')
            if not ok and ctx != '*':
                for p in account(text, list(_LITS), ctx):
                    print(f'         (accounting on false line, partial lits) {p}')
        if not ok and first_false is None:
            first_false = ln
    missing = sorted(math_lines(lines) - covered)
    if missing:
        problems.append(f'math lines without a check: {missing}')
    return first_false, problems, len(lines)

def main():
    expected = json.load(open(os.path.join(D, 'expected.json')))
    only = [a for a in sys.argv[1:] if not a.startswith('-')]
    names = sorted(n for n in FILES if not only or any(o in n for o in only))
    all_ok = set(expected) == set(FILES) and len(FILES) == 16
    if not all_ok:
        print('file set mismatch:', sorted(set(expected) ^ set(FILES)))
    for name in names:
        ff, probs, n = check_file(name, FILES[name])
        exp = expected.get(name, 'missing')
        ok = (ff == exp) and not probs and 15 <= n <= 45
        all_ok &= ok
        print(f'{name:34s} lines={n:2d} first_false={ff!s:4s} expected={exp!s:4s} {"OK" if ok else "MISMATCH"}')
        for p in probs:
            print('    !', p)
    n_err = sum(v is not None for v in expected.values())
    if n_err != 8:
        print(f'expected.json should have 8 planted errors, has {n_err}')
        all_ok = False
    print('ALL OK' if all_ok else 'NOT OK')
    return 0 if all_ok else 1

if __name__ == '__main__':
    sys.exit(main())
