#!/usr/bin/env python3
"""Independent NumPy check of corpus50.

For every file a list of (substring that identifies exactly one line, predicate).
Definitions / given data / pure structure lines get GIVEN; every claim is
recomputed from scratch (finite differences for derivatives, exact
recomputation of worked numbers at their shown precision, window enumeration
for sizes).  Every number a predicate checks must be printed on its line,
and (on lines whose predicate holds) every number printed on the line, with
its unary sign, must be a checked value or declared data.  Every line
containing math must be covered by some check.  The first line
whose predicate is False is compared with expected.json.
"""
import json, math, os, re, sys
from collections import Counter
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
VERBOSE = '-v' in sys.argv
RNG = np.random.default_rng(12345)

# ------------------------------------------------------------------ helpers
_SHOWN = []          # literals a predicate claims are printed on its line

def GIVEN():
    return True

STRUCT = GIVEN       # headings / numbering / prose that carries no claim

def _norm(s):
    return s.replace('−', '-').replace('\u2212', '-')

def _tol(shown):
    s = _norm(shown).strip()
    m = re.fullmatch(r'[+-]?(\d*)(?:\.(\d+))?(?:e([+-]?\d+))?', s)
    if not m:
        raise ValueError(f'bad number {shown!r}')
    dec = len(m.group(2) or '')
    ex = int(m.group(3) or 0)
    return float(s), 0.5 * 10.0 ** (ex - dec) * (1 + 1e-9)

def R(shown, *cands):
    """rounded value: shown is right to its printed digits for at least one
    candidate (exact value, or value recomputed from rounded carried inputs)"""
    _SHOWN.append(shown)
    v, t = _tol(shown)
    return any(abs(v - float(c)) <= t + 1e-12 for c in cands)

def E(shown, val, tol=1e-6):
    """exact value (printed with '='): must agree up to numerical noise"""
    _SHOWN.append(shown)
    v = float(_norm(shown))
    return abs(v - float(val)) <= tol * max(1.0, abs(float(val)))

def RV(shown, *cands):
    """element-wise R for a list of printed strings"""
    cands = [np.ravel(np.asarray(c, float)) for c in cands]
    ok = True
    for i, s in enumerate(shown):
        ok &= R(s, *[c[i] for c in cands if c.size == len(shown)])
    return ok and any(c.size == len(shown) for c in cands)

def EV(shown, val, tol=1e-6):
    val = np.ravel(np.asarray(val, float))
    if val.size != len(shown):
        _SHOWN.extend(shown)
        return False
    return all([E(s, v, tol) for s, v in zip(shown, val)])

def S(*strings):
    """declare that these literal strings are printed on the line"""
    _SHOWN.extend(strings)
    return True

def num_tokens(text):
    """unsigned numeric tokens of a text, ignoring subscripts / indices glued to
    names (W_1, x_{i+1}, conv1, \\tfrac12, grad_W2 ...)"""
    t = _norm(text)
    t = re.sub(r'_\{[^{}]*\}', ' ', t)
    t = re.sub(r'_\w+', ' ', t)
    out = []
    for m in re.finditer(r'(-?)(?<![\w.])(\d+(?:\.\d+)?(?:e[-+]?\d+(?![\w.]))?)', t):
        sign = m.group(1)
        if sign:   # a minus glued to the number is unary unless it follows an operand
            before = t[m.start(1) - 1] if m.start(1) > 0 else ' '
            if before.isalnum() or before in ')]}.':
                sign = ''
        out.append(sign + m.group(2))
    return out

def _fmt(v, dec=None):
    v = float(v)
    if dec is not None:
        return f'{v:.{dec}f}'
    if v == int(v):
        return str(int(v))
    return f'{v:g}'

def DATA(arr, dec=None):
    """given data: every value (formatted like the file prints it) must be on the line"""
    for v in np.ravel(np.asarray(arr, float)):
        _SHOWN.append(_fmt(v, dec))
    return True

def fd(f, x, h=1e-6):
    return (f(x + h) - f(x - h)) / (2 * h)

def fgrad(f, x, h=1e-6):
    x = np.array(x, dtype=float)
    g = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        e = np.zeros_like(x); e[idx] = h
        g[idx] = (f(x + e) - f(x - e)) / (2 * h)
    return g

def close(a, b, tol=1e-6):
    a = np.asarray(a, float); b = np.asarray(b, float)
    return a.shape == b.shape and np.allclose(a, b, atol=tol, rtol=0)

sigmoid = lambda z: 1.0 / (1.0 + np.exp(-z))
relu = lambda z: np.maximum(z, 0.0)

def softmax_rows(Z):
    Z = np.asarray(Z, float)
    E_ = np.exp(Z - Z.max(axis=-1, keepdims=True))
    return E_ / E_.sum(axis=-1, keepdims=True)

FILES = {}
def register(name):
    def deco(fn):
        FILES[name] = fn
        return fn
    return deco

# ======================================================================= 01
@register('01_mlp_relu_backprop.md')
def f01():
    x = np.array([1., 2.]); y = 1.0
    W1 = np.array([[0.5, 0.25], [-0.5, 1.]]); b1 = np.zeros(2)
    W2 = np.array([[1., -1.], [0.5, 1.]]); b2 = np.array([0.2, -0.5])
    W3 = np.array([[2., -1.]]); b3 = np.array([0.5])
    P0 = [W1, b1, W2, b2, W3, b3]
    def fwd(P):
        W1, b1, W2, b2, W3, b3 = P
        z1 = W1 @ x + b1; h1 = relu(z1)
        z2 = W2 @ h1 + b2; h2 = relu(z2)
        yh = (W3 @ h2 + b3)[0]
        return z1, h1, z2, h2, yh, 0.5 * (yh - y) ** 2
    z1, h1, z2, h2, yh, L = fwd(P0)
    def g(k):
        def f(t):
            P = [p.copy() for p in P0]; P[k] = t
            return fwd(P)[5]
        return fgrad(f, P0[k])
    dW1, db1, dW2, db2, dW3, db3 = [g(k) for k in range(6)]
    def fd_h5_ok():
        # centred differences with h = 1e-5 on every weight agree with the hand values to < 1e-8
        hand = [np.array([[1., 2.], [2., 4.]]), np.array([1., 2.]), np.array([[0., 0.], [2., 3.]]),
                np.array([0., 2.]), np.array([[0., -3.]]), np.array([-2.])]
        ok = True
        for k in range(6):
            def f(t, k=k):
                P = [p.copy() for p in P0]; P[k] = t
                return fwd(P)[5]
            ok &= np.abs(fgrad(f, P0[k], 1e-5) - hand[k]).max() < 1e-8
        return ok
    dyh = fd(lambda t: 0.5 * (t - y) ** 2, yh)
    dh2 = fgrad(lambda t: 0.5 * ((W3 @ t + b3)[0] - y) ** 2, h2)
    dz2 = fgrad(lambda t: 0.5 * ((W3 @ relu(t) + b3)[0] - y) ** 2, z2)
    dh1 = fgrad(lambda t: 0.5 * ((W3 @ relu(W2 @ t + b2) + b3)[0] - y) ** 2, h1)
    dz1 = fgrad(lambda t: 0.5 * ((W3 @ relu(W2 @ relu(t) + b2) + b3)[0] - y) ** 2, z1)
    return [
        ('Relazione di laboratorio 3', lambda: S('3', '3') and len(P0) // 2 == 3),
        (r'rete $2 \to 2 \to 2 \to 1$', lambda: S('2 \\to 2 \\to 2 \\to 1') and W1.shape == (2, 2) and W2.shape == (2, 2) and W3.shape == (1, 2)),
        ('**Dati.**', lambda: DATA(x) and DATA([y]) and S('^2')),
        ('- $W_1 =', lambda: DATA(W1) and DATA(b1)),
        ('- $W_2 =', lambda: DATA(W2) and DATA(b2)),
        ('- $W_3 =', lambda: DATA(W3) and DATA(b3)),
        ('1. $z_1 = W_1 x + b_1', lambda: S('1.') and EV(['0.5', '0.5', '-0.5', '2'], (W1 * x).ravel())
            and EV(['1', '1.5'], z1) and EV(['1', '1.5'], h1)),
        ('2. $z_2 = W_2 h_1', lambda: S('2.') and EV(['1', '1.5', '0.2', '0.5', '1.5', '0.5'],
            [W2[0, 0] * h1[0], -W2[0, 1] * h1[1], b2[0], W2[1, 0] * h1[0], W2[1, 1] * h1[1], -b2[1]])
            and EV(['-0.3', '1.5'], z2) and EV(['0', '1.5'], h2) and z2[0] <= 0),
        ('3. $\\hat y = W_3 h_2', lambda: S('3.') and EV(['0', '1.5', '0.5'], [W3[0, 0] * h2[0], -W3[0, 1] * h2[1], b3[0]]) and E('-1', yh)),
        ('4. $L = ', lambda: S('4.', '^2') and E('-1', yh) and E('1', y) and E('2', L)),
        ('**Procedura — backward.**', STRUCT),
        ('5. $\\delta_3', lambda: S('5.') and E('-2', dyh)),
        ('6. $\\partial L/\\partial W_3', lambda: S('6.') and EV(['0', '-3'], dW3) and E('-2', db3[0])),
        ('7. $\\partial L/\\partial h_2', lambda: S('7.') and EV(['-4', '2'], dh2) and EV(['0', '1'], (z2 > 0).astype(float)) and EV(['0', '2'], dz2)),
        ('8. $\\partial L/\\partial W_2', lambda: S('8.') and EV(['0', '0', '2', '3'], dW2) and EV(['0', '2'], db2)),
        ('9. $\\partial L/\\partial h_1', lambda: S('9.') and EV(['0.5', '2', '1', '2'], [W2[1, 0], dz2[1], W2[1, 1], dz2[1]])
            and close(W2[0] * dz2[0], [0, 0]) and EV(['1', '2'], dh1)),
        ('10. Entrambi i neuroni', lambda: S('10.', '1', '0') and np.all(z1 > 0) and EV(['1', '2'], dz1)),
        ('11. $\\partial L/\\partial W_1', lambda: S('11.') and EV(['1', '2', '2', '4'], dW1) and EV(['1', '2'], db1)),
        ('**Risultati.**', lambda: S('10^{-5}', '10^{-8}') and fd_h5_ok() and np.all(dW2[0] == 0) and h2[0] == 0),
        ('**Osservazione.**', lambda: S('1') and EV(['1', '4', '2', '2', '0'], [dW1[0, 0], dW1[1, 1], dW1[0, 1], dW1[1, 0], np.linalg.det(dW1)])
            and np.linalg.matrix_rank(np.round(dW1, 6)) == 1),
        ('\\boxed{', lambda: EV(['1', '2', '2', '4'], dW1)),
    ]

# ======================================================================= 02
@register('02_softmax_ce_batch.md')
def f02():
    Z = np.array([[2., 1., 0.], [1., 1., 1.]]); lab = [0, 2]; N = 2
    Y = np.eye(3)[lab]
    P = softmax_rows(Z)
    ell = -np.log(P[np.arange(N), lab])
    L = lambda Zt: np.mean(-np.log(softmax_rows(Zt)[np.arange(N), lab]))
    G = fgrad(L, Z)                      # true dL/dZ
    def single_sample_trick():
        ok = True
        for _ in range(5):
            z = RNG.normal(size=3); k = int(RNG.integers(3))
            gz = fgrad(lambda t: -np.log(softmax_rows(t)[k]), z)
            ok &= close(gz, softmax_rows(z) - np.eye(3)[k], 1e-7)
        return ok
    def shift_invariance():
        ok = True
        for _ in range(5):
            z = RNG.normal(size=3); c = RNG.normal()
            ok &= close(softmax_rows(z + c), softmax_rows(z), 1e-12)
        return ok and close(G.sum(axis=1), [0, 0], 1e-7)
    z2new = Z[1] - 0.5 * G[1]
    return [
        ('batch of 2, by hand', lambda: S('2') and N == 2),
        ('1/ setup.', lambda: S('1/', '2', '3') and Z.shape == (2, 3)),
        ('`z1 = [2, 1, 0]`', lambda: DATA(Z[0]) and DATA([lab[0]]) and S('[1, 0, 0]') and close(Y[0], [1, 0, 0])),
        ('`z2 = [1, 1, 1]`', lambda: DATA(Z[1]) and DATA([lab[1]]) and S('[0, 0, 1]') and close(Y[1], [0, 0, 1])),
        ('loss is the MEAN', lambda: S('1/N', 'N = 2') and N == 2),
        ('2/ softmax row 1', lambda: S('2/', 'row 1', 'e^2', 'e^1', 'e^0') and R('7.389', np.e ** 2) and R('2.718', np.e) and E('1', np.e ** 0)
            and R('11.107', np.exp(Z[0]).sum(), 7.389 + 2.718 + 1)),
        ('so p1 ≈', lambda: RV(['0.6652', '0.2447', '0.0900'], P[0])),
        ('3/ row 2', lambda: S('3/', 'row 2', '[1/3, 1/3, 1/3]') and close(P[1], [1 / 3] * 3, 1e-12) and RV(['0.3333'] * 3, P[1])),
        ('4/ per-sample losses', lambda: S('4/', '1/3', 'log 3') and R('0.4076', ell[0], -np.log(0.6652)) and R('1.0986', ell[1], np.log(3))
            and E('0.6652', 0.6652) and abs(-np.log(1 / 3) - np.log(3)) < 1e-12),
        ('L ≈ (0.4076 + 1.0986)/2', lambda: S('(0.4076 + 1.0986)/2') and R('0.7531', L(Z), (0.4076 + 1.0986) / 2)
            and abs((0.4076 + 1.0986) / 2 - 0.7531) < 1e-12),
        ('5/ the famous trick', lambda: S('5/', '3×3') and single_sample_trick()),
        ('6/ so for the batch', lambda: S('6/') and close(G, P - Y, 1e-7)),
        ('dL/dz1 = [0.6652', lambda: S('0.6652 - 1') and RV(['0.2447', '0.0900'], G[0, 1:]) and RV(['-0.3348', '0.2447', '0.0900'], G[0])),
        ('dL/dz2 = [0.3333', lambda: S('0.3333 - 1') and RV(['-0.3348'.replace('-0.3348', '0.3333')] * 2, G[1, :2]) and RV(['0.3333', '0.3333', '-0.6667'], G[1])),
        ('7/ sanity check', lambda: S('7/', '0.3333 + 0.3333 - 0.6667') and RV(['-0.3348', '0.2447', '0.0900'], G[0])
            and abs(-0.3348 + 0.2447 + 0.0900) < 5e-4 and abs(0.3333 + 0.3333 - 0.6667) < 5e-4 and close(G.sum(1), [0, 0], 1e-7)),
        ('shifting all logits', lambda: S('[1, 1, 1]') and shift_invariance()),
        ('8/ one SGD step', lambda: S('8/', 'lr = 0.5') and True),
        ('z2 ← [1, 1, 1]', lambda: S('0.5') and RV(['0.3333', '0.3333', '-0.6667'], G[1]) and RV(['0.8333', '0.8333', '1.3333'], z2new)),
        ('→ the true class 2 goes up', lambda: S('2') and R('0.3333', z2new[2] - Z[1, 2]) and R('0.1667', Z[1, 0] - z2new[0])),
        ('9/ biggest-magnitude', lambda: S('9/', '2') and R('-0.6667', G.ravel()[np.argmax(np.abs(G))]) and np.argmax(np.abs(G)) == 5),
        ('10/ tl;dr boxed', lambda: S('10/') and RV(['0.3333', '0.3333', '-0.6667'], G[1])),
    ]

# ======================================================================= 03
def xcorr2d(X, K, stride=1):
    X = np.asarray(X, float); K = np.asarray(K, float)
    kh, kw = K.shape
    oh = (X.shape[0] - kh) // stride + 1; ow = (X.shape[1] - kw) // stride + 1
    return np.array([[np.sum(X[i*stride:i*stride+kh, j*stride:j*stride+kw] * K) for j in range(ow)] for i in range(oh)])

@register('03_conv2d_dK.md')
def f03():
    X = np.array([[1, 2, 0, 1], [0, 1, 3, 1], [2, 1, 0, 2], [1, 0, 1, 1]], float)
    K = np.array([[1, 0, -1], [0, 1, 0], [-1, 0, 1]], float)
    T = np.array([[0, 4], [-1, 0]], float)
    Y = xcorr2d(X, K)
    Lf = lambda Kt: 0.5 * np.sum((xcorr2d(X, Kt) - T) ** 2)
    G = Y - T
    dK = fgrad(Lf, K)
    nwin = sum(1 for j in range(0, 10) if j + 3 <= 4)     # window enumeration
    def five_term_formula():
        ok = True
        for _ in range(3):
            Xr = RNG.normal(size=(4, 4))
            Yr = xcorr2d(Xr, K)
            for i in range(2):
                for j in range(2):
                    v = Xr[i, j] - Xr[i, j+2] + Xr[i+1, j+1] - Xr[i+2, j] + Xr[i+2, j+2]
                    ok &= abs(v - Yr[i, j]) < 1e-12
        return ok
    def terms(i, j):
        return [X[i, j], X[i, j+2], X[i+1, j+1], X[i+2, j], X[i+2, j+2]]
    def dK_formula():
        Gf = fgrad(lambda Yt: 0.5 * np.sum((Yt - T) ** 2), Y)
        return close(dK, xcorr2d(X, Gf), 1e-6) and xcorr2d(X, Gf).shape == (3, 3)
    P01, P10 = X[0:3, 1:4], X[1:4, 0:3]
    return [
        ('# 과제 4', lambda: S('4', '4×4', '3×3') and X.shape == (4, 4) and K.shape == (3, 3)),
        ('**문제.**', lambda: S('stride 1', 'padding 0', '^2')),
        ('$$X = ', lambda: DATA(X) and DATA(K) and DATA(T)),
        ('**풀이.**', lambda: S('(4 - 3)/1 + 1 = 2', '2 \\times 2') and nwin == 2 and Y.shape == (2, 2)),
        ('0이 아닌 원소는 네 모서리와 가운데뿐', lambda: S('0', '0') and set(zip(*np.nonzero(K))) == {(0, 0), (0, 2), (1, 1), (2, 0), (2, 2)}),
        ('$Y_{ij} = X_{i,j} - X_{i,j+2}', lambda: S('$Y_{ij} = X_{i,j} - X_{i,j+2} + X_{i+1,j+1} - X_{i+2,j} + X_{i+2,j+2}$') and five_term_formula()),
        ('- $Y_{00} =', lambda: S('1 - 0 + 1 - 2 + 0') and close(terms(0, 0), [1, 0, 1, 2, 0]) and E('0', Y[0, 0])),
        ('- $Y_{01} =', lambda: S('2 - 1 + 3 - 1 + 2') and close(terms(0, 1), [2, 1, 3, 1, 2]) and E('5', Y[0, 1])),
        ('- $Y_{10} =', lambda: S('0 - 3 + 1 - 1 + 1') and close(terms(1, 0), [0, 3, 1, 1, 1]) and E('-2', Y[1, 0])),
        ('- $Y_{11} =', lambda: S('1 - 1 + 0 - 0 + 1') and close(terms(1, 1), [1, 1, 0, 0, 1]) and E('0', Y[1, 1])),
        ('따라서 $Y = ', lambda: EV(['0', '5', '-2', '0'], Y) and EV(['0', '1', '-1', '0'], G)
            and S('\\tfrac12(0 + 1 + 1 + 0) = 1') and E('1', Lf(K))),
        ('**역전파.**', lambda: S('3 \\times 3') and dK_formula()),
        ('$G$ 에서 0이 아닌 항은', lambda: S('G_{01} = 1', 'G_{10} = -1', '0:3', '1:4')
            and set(zip(*np.nonzero(G))) == {(0, 1), (1, 0)} and G[0, 1] == 1 and G[1, 0] == -1),
        ('\\frac{\\partial L}{\\partial K} = \\begin{pmatrix} 2 & 0', lambda: EV(['2', '0', '1', '1', '3', '1', '1', '0', '2'], P01)
            and EV(['0', '1', '3', '2', '1', '0', '1', '0', '1'], P10)
            and EV(['2', '-1', '-2', '-1', '2', '1', '0', '0', '1'], dK)),
        ('**확인.**', lambda: S('2 - 0 = 2') and X[0, 1] == 2 and X[1, 0] == 0 and E('2', dK[0, 0])),
        ('학습률 $\\eta = 0.1$', lambda: S('1 - 0.1 \\cdot 2') and E('0.8', K[0, 0] - 0.1 * dK[0, 0])),
        ('\\boxed{', lambda: EV(['2', '-1', '-2', '-1', '2', '1', '0', '0', '1'], dK)),
    ]

# ======================================================================= 04
def maxpool(X, k=2, s=2):
    X = np.asarray(X, float)
    oh = (X.shape[0] - k) // s + 1; ow = (X.shape[1] - k) // s + 1
    return np.array([[X[i*s:i*s+k, j*s:j*s+k].max() for j in range(ow)] for i in range(oh)])

@register('04_maxpool_backward.md')
def f04():
    X = np.array([[-1, 3, 0, 2], [4, -2, 1, -3], [0, 5, -1, -2], [2, 1, -4, -5]], float)
    G = np.array([[0.5, -1], [2, 0.25]])
    Y = maxpool(X)
    dX = fgrad(lambda t: np.sum(G * maxpool(t)), X)
    Xp = np.array([[1, 2, 0], [3, 9, 1], [0, 4, 2]], float)
    Gp = np.array([[1, -2], [0.5, 3]])
    Yp = maxpool(Xp, 2, 1)
    dXp = fgrad(lambda t: np.sum(Gp * maxpool(t, 2, 1)), Xp)
    wins = [X[0:2, 0:2], X[0:2, 2:4], X[2:4, 0:2], X[2:4, 2:4]]
    def argmaxes():
        out = []
        for (r0, c0), w in zip([(0, 0), (0, 2), (2, 0), (2, 2)], wins):
            a = np.unravel_index(np.argmax(w), w.shape); out.append((r0 + a[0], c0 + a[1]))
            if np.sum(w == w.max()) != 1: return None
        return out
    nwin_b = sum(1 for j in range(10) if j + 2 <= 3)
    def fd_claim():
        h = 1e-3; Xq = Xp.copy(); Xq[1, 1] += h
        return abs(np.sum(Gp * maxpool(Xq, 2, 1)) - np.sum(Gp * Yp) - 2.5e-3) < 1e-12
    return [
        ('# HW5 Q2', lambda: S('5', '2')),
        ('**Student (a):**', lambda: S('2×2', '2') and True),
        ('$X = \\begin{pmatrix} -1 & 3', lambda: DATA(X) and DATA(G)),
        ('Forward: $Y', lambda: S('\\max(-1,3,4,-2)', '\\max(0,2,1,-3)', '\\max(0,5,2,1)', '\\max(-1,-2,-4,-5)')
            and [list(w.ravel()) for w in wins] == [[-1, 3, 4, -2], [0, 2, 1, -3], [0, 5, 2, 1], [-1, -2, -4, -5]]
            and EV(['4', '2', '5', '-1'], Y)),
        ('bottom-right window is all negative', lambda: np.all(wins[3] < 0) and E('-1', Y[1, 1])),
        ('argmax positions', lambda: S('(1,0)', '(0,3)', '(2,1)', '(2,2)', '0', 'gets 0') and argmaxes() == [(1, 0), (0, 3), (2, 1), (2, 2)]),
        ('\\frac{\\partial L}{\\partial X} = \\begin{pmatrix} 0 & 0 & 0 & -1', lambda: EV(
            ['0', '0', '0', '-1', '0.5', '0', '0', '0', '0', '2', '0.25', '0', '0', '0', '0', '0'], dX)),
        ('Quick self-check', lambda: S('+3/3', '12', '16', '0.5 - 1 + 2 + 0.25') and np.sum(np.abs(dX) < 1e-9) == 12 and dX.size == 16
            and E('1.75', dX.sum()) and E('1.75', G.sum())),
        ('**Student (b):**', lambda: DATA(Xp) and S('stride 1', '(3 - 2)/1 + 1 = 2') and nwin_b == 2 and Yp.shape == (2, 2)),
        ('Every 2×2 window contains the centre 9', lambda: S('2×2', '9') and all(Xp[i:i+2, j:j+2].max() == 9 and Xp[i:i+2, j:j+2][1 - i, 1 - j] == 9
            for i in range(2) for j in range(2)) and EV(['9', '9', '9', '9'], Yp)),
        ("With $G' =", lambda: S('1', '-2', '0.5', '3') and np.sum(np.abs(dXp) > 1e-9) == 1),
        ("\\partial L/\\partial X'_{11} = 1 - 2 + 0.5 + 3", lambda: S('1 - 2 + 0.5 + 3', '0') and E('2.5', dXp[1, 1]) and abs(np.sum(np.abs(dXp)) - 2.5) < 1e-6),
        ('If you had written `=`', lambda: S('+2/2') and E('3', Gp[-1, -1])),
        ('Total 5/5', lambda: S('5/5', '11', '10^{-3}', '2.5 \\times 10^{-3}') and 3 + 2 == 5 and fd_claim()),
    ]

# ======================================================================= 05
def out_enum(n, k, s, p, d):
    """count window placements on the padded axis (enumeration, no formula)"""
    L = n + 2 * p
    return sum(1 for st in range(0, max(L, 0), s) if st + d * (k - 1) <= L - 1)

def starts(n, k, s, p, d):
    L = n + 2 * p
    return [st for st in range(0, max(L, 0), s) if st + d * (k - 1) <= L - 1]

@register('05_output_size_table.md')
def f05():
    formula = lambda n, k, s, p, d: (n + 2 * p - d * (k - 1) - 1) // s + 1
    def formula_ok():
        ok = True
        for n in range(5, 40):
            for k in (1, 2, 3, 5):
                for s in (1, 2, 3):
                    for p in (0, 1, 2):
                        for d in (1, 2, 3):
                            if n + 2 * p >= d * (k - 1) + 1:
                                ok &= formula(n, k, s, p, d) == out_enum(n, k, s, p, d)
        return ok
    def keff(k, d):   # span of the dilated window, by enumeration of its taps
        taps = [i * d for i in range(k)]
        return taps[-1] - taps[0] + 1
    def same_ok(k, d, p):
        return all(out_enum(n, k, 1, p, d) == n for n in range(8, 30))
    rows = [('conv1', 3, 1, 1, 1, 32, 32), ('conv2', 3, 2, 1, 1, 32, 16), ('conv3', 3, 1, 2, 2, 16, 16),
            ('conv4', 5, 2, 0, 1, 16, 6), ('maxpool', 2, 2, 0, 1, 6, 3), ('conv5', 3, 1, 1, 1, 3, 3)]
    def row(i, shown_calc_parts, extra=lambda: True):
        name, k, s, p, d, n, o = rows[i]
        def pred():
            S(str(k), str(s), str(p), str(d), str(n), str(o), '+1', *shown_calc_parts)
            prev_ok = (i == 0 and n == 32) or (i > 0 and n == out_enum(*[rows[i-1][j] for j in (5, 1, 2, 3, 4)]))
            calc_ok = eval(shown_calc_parts[0].replace('/', '//')) + 1 == o
            return prev_ok and calc_ok and out_enum(n, k, s, p, d) == o and extra()
        return ('| ' + name + ' ', pred)
    return [
        ('**Formül', lambda: S('2p', 'd(k-1) - 1', '+ 1') and formula_ok()),
        ('- etkin çekirdek boyu', lambda: S('d(k-1) + 1', 'k = 3, d = 2', '= 5') and keff(3, 2) == 5
            and all(keff(k, d) == d * (k - 1) + 1 for k in range(1, 7) for d in range(1, 4))),
        ('- $s = 1$ iken', lambda: S('s = 1', 'd(k-1)/2', 'k=3,d=1', 'p=1', 'k=3,d=2', 'p=2') and same_ok(3, 1, 1) and same_ok(3, 2, 2)
            and all(same_ok(k, d, d * (k - 1) // 2) for k in (3, 5, 7) for d in (1, 2, 3))),
        ('- pool katmanı', lambda: S('d = 1', 'p = 0') and True),
        ('**Örnek ağ**', lambda: S('32 \\times 32') and True),
        ('| katman |', STRUCT),
        ('|---|', STRUCT),
        row(0, ['(32+2-2-1)/1']),
        row(1, ['(32+2-2-1)/2', '15+1'], lambda: (32 + 2 - 2 - 1) // 2 == 15),
        row(2, ['(16+4-4-1)/1']),
        row(3, ['(16-4-1)/2', '5+1'], lambda: (16 - 4 - 1) // 2 == 5),
        row(4, ['(6-1-1)/2']),
        row(5, ['(3+2-2-1)/1']),
        ('**Dikkat:**', STRUCT),
        ('1. conv4', lambda: S('1.', '11/2 = 5.5', '0, 2, 4, 6, 8, 10', '12 + 5 > 16') and (16 - 4 - 1) / 2 == 5.5
            and starts(16, 5, 2, 0, 1) == [0, 2, 4, 6, 8, 10] and 12 + 5 > 16 and max(starts(16, 5, 2, 0, 1)) + 4 < 15),
        ('2. conv5', lambda: S('2.', '+ 1', 'd = 2', 'p = 0', '= 5 > 3', '(3 - 4 - 1)/1', '= -1') and keff(3, 2) == 5 > 3
            and out_enum(3, 3, 1, 0, 2) == 0 and (3 - 4 - 1) // 1 + 1 == -1),
        ('3. Toplam küçülme', lambda: S('3.', '32 \\to 3') and rows[-1][6] == 3 and R('10.7', 32 / 3)),
        ('**Hızlı kontrol:**', lambda: S('0, 2, \\dots, 30', '16', '30..32', '34', '0') and starts(32, 3, 2, 1, 1)[-1] == 30
            and starts(32, 3, 2, 1, 1) == list(range(0, 31, 2)) and len(starts(32, 3, 2, 1, 1)) == 16 and 30 + 2 <= 34 - 1),
    ]

# ======================================================================= 06
@register('06_cnn_param_count.md')
def f06():
    # true network, sizes by window enumeration, parameter counts from actual arrays
    c1 = (np.zeros((16, 3, 3, 3)), np.zeros(16))
    c2 = (np.zeros((32, 16, 3, 3)), np.zeros(32))
    s1 = out_enum(32, 3, 1, 1, 1); p1 = out_enum(s1, 2, 2, 0, 1)
    s2 = out_enum(p1, 3, 1, 0, 1); p2 = out_enum(s2, 2, 2, 0, 1)
    flat = 32 * p2 * p2
    f1 = (np.zeros((64, flat)), np.zeros(64)); f2 = (np.zeros((10, 64)), np.zeros(10))
    n = lambda layer: sum(a.size for a in layer)
    tot = n(c1) + n(c2) + n(f1) + n(f2)
    def rules():
        ok = True
        for cin, cout, k in [(3, 16, 3), (16, 32, 3), (5, 7, 5)]:
            ok &= np.zeros((cout, cin, k, k)).size + np.zeros(cout).size == cout * (cin * k * k + 1)
        for a, b in [(10, 3), (64, 10)]:
            ok &= np.zeros((b, a)).size + b == b * (a + 1)
        return ok
    gap_fc1 = (np.zeros((64, 32)), np.zeros(64))
    return [
        ('Ik train een mini-CNN', lambda: S('CIFAR-10', '3 \\times 32 \\times 32', '10') and True),
        ('**Regels.**', lambda: S('k^2 + 1', '+1', '(n_{in} + 1)', '0') and rules()),
        ('1. `conv1`', lambda: S('1.', '16 filters', '3×3', 'padding 1', 'stride 1', '32 \\times 32', '16 \\times 32 \\times 32', '16 \\cdot (3 \\cdot 9 + 1)', '16 \\cdot 28')
            and s1 == 32 and 3 * 9 + 1 == 28 and 16 * 28 == 448 and E('448', n(c1))),
        ('2. `pool1`', lambda: S('2.', '2×2', 'stride 2', '16 \\times 16 \\times 16', '0') and p1 == 16),
        ('3. `conv2`', lambda: S('32', '3×3', '1') and E('13', s2) and S('32 \\times 13 \\times 13', '16 \\cdot 9 + 1', '32 \\cdot 145')
            and 16 * 9 + 1 == 145 and 32 * 145 == 4640 and E('4640', n(c2))),
        ('4. `pool2`', lambda: S('2×2', '\\lfloor 13/2 \\rfloor = 6', '32 \\times 6 \\times 6') and s2 == 13 and p2 == 6),
        ('5. `flatten`', lambda: S('32 \\cdot 36') and p2 * p2 == 36 and E('1152', flat)),
        ('6. `fc1`', lambda: S('1152 \\to 64', '64 \\cdot (1152 + 1)') and flat == 1152 and E('73792', n(f1))),
        ('7. `fc2`', lambda: S('7.', '64 \\to 10', '10 \\cdot 65') and E('650', n(f2))),
        ('| laag |', STRUCT),
        ('|---|', STRUCT),
        ('| conv1 |', lambda: S('16×32×32') and s1 == 32 and E('448', n(c1))),
        ('| pool1 |', lambda: S('16×16×16', '0') and p1 == 16),
        ('| conv2 |', lambda: S('32×13×13') and s2 == 13 and E('4640', n(c2))),
        ('| pool2 |', lambda: S('32×6×6', '0') and p2 == 6),
        ('| fc1 |', lambda: E('64', f1[0].shape[0]) and E('73792', n(f1))),
        ('| fc2 |', lambda: E('10', f2[0].shape[0]) and E('650', n(f2))),
        ('| **totaal** |', lambda: E('79530', tot)),
        ('Dus $448 + 4640', lambda: S('448 + 4640 + 73792 + 650') and E('79530', tot) and n(f1) == 73792
            and R('92.8', 100 * n(f1) / tot)),
        ('Les: wil je een kleiner model', lambda: S('32 \\to 64', '64 \\cdot 33') and E('2112', n(gap_fc1))),
    ]

# ======================================================================= 07
@register('07_sgd_momentum.md')
def f07():
    f = lambda w: w ** 2
    eta, mu = 0.1, 0.9
    w = [2.0]; v = [0.0]; g = [None]
    for t in range(1, 5):
        g.append(fd(f, w[-1])); v.append(mu * v[-1] + g[-1]); w.append(w[-1] - eta * v[-1])
    ws = [2.0]
    for t in range(3):
        ws.append(ws[-1] - eta * fd(f, ws[-1]))
    # alternative convention
    wa = [2.0]; va = [0.0]
    for t in range(1, 5):
        va.append(mu * va[-1] - eta * fd(f, wa[-1])); wa.append(wa[-1] + va[-1])
    def steady():
        gc = 1.7; vv = 0.0
        for _ in range(2000): vv = mu * vv + gc
        return abs(vv - gc / (1 - mu)) < 1e-9 and abs(1 / (1 - mu) - 10) < 1e-12
    def grad_ok():
        return all(abs(fd(f, t) - 2 * t) < 1e-8 for t in RNG.normal(size=5))
    return [
        ('# Fiszki: SGD z momentum', lambda: S('3') and len(w) - 2 >= 3),
        ('**Fiszka 1.**', lambda: S('1') and True),
        ('O: $v_t = \\mu', lambda: S('$v_t = \\mu\\, v_{t-1} + g_t$', '$\\;w_t = w_{t-1} - \\eta\\, v_t$', '$v_0 = 0$')),
        ('**Fiszka 2.**', lambda: S('2')),
        ('O: $f(w) = w^2$', lambda: S('w^2', '2w', '2', '0.1', '0.9') and grad_ok()),
        ('**Fiszka 3.**', lambda: S('3', '1')),
        ('O: $g_1 = 2 \\cdot 2', lambda: S('2 \\cdot 2', '0.9 \\cdot 0 + 4', '2 - 0.1 \\cdot 4') and E('4', g[1]) and E('4', v[1]) and E('1.6', w[1])),
        ('**Fiszka 4.**', lambda: S('4', '2')),
        ('O: $g_2 = 2 \\cdot 1.6', lambda: S('2 \\cdot 1.6', '0.9 \\cdot 4 + 3.2', '1.6 - 0.68') and E('3.2', g[2]) and E('6.8', v[2]) and E('0.92', w[2])
            and abs(eta * v[2] - 0.68) < 1e-9),
        ('**Fiszka 5.**', lambda: S('5', '3')),
        ('O: $g_3 = 1.84$', lambda: S('0.9 \\cdot 6.8 + 1.84', '6.12 + 1.84', '0.92 - 0.796') and E('1.84', g[3]) and E('6.12', mu * v[2])
            and E('7.96', v[3]) and abs(eta * v[3] - 0.796) < 1e-9 and E('0.124', w[3])),
        ('**Fiszka 6.**', lambda: S('6', '3')),
        ('O: $w_t = w_{t-1}(1 - 2\\eta)', lambda: S('$w_t = w_{t-1}(1 - 2\\eta) = 0.8\\, w_{t-1}$', '0.8', '2 \\cdot 0.8^3', 'w^* = 0') and abs(1 - 2 * eta - 0.8) < 1e-12
            and E('1.024', ws[3]) and abs(w[3]) < abs(ws[3]) and abs(fd(f, 0.0)) < 1e-9),
        ('**Fiszka 7.**', lambda: S('7') and True),
        ('O: $v \\to g/(1-\\mu) = 10g$', lambda: S('(1-\\mu)', '(1-\\mu)', '10\\,\\eta g', '10g') and steady()),
        ('**Fiszka 8.**', lambda: S('8', '4')),
        ('O: $g_4 = 0.248$', lambda: S('0.9 \\cdot 7.96 + 0.248', '0.124 - 0.7412') and E('0.248', g[4]) and E('7.412', v[4])
            and abs(eta * v[4] - 0.7412) < 1e-9 and E('-0.6172', w[4]) and w[4] < 0 < w[3]),
        ('**Fiszka 9.**', lambda: S('9', '$v_t = \\mu v_{t-1} - \\eta g_t$', '$w_t = w_{t-1} + v_t$')),
        ('O: Nie (przy stałym', lambda: S('-0.1 \\cdot 4 = -0.4', '1') and close(wa, w, 1e-9) and close(va, [-eta * x for x in v], 1e-9)
            and abs(va[1] + 0.4) < 1e-9),
    ]

# ======================================================================= 08
@register('08_rmsprop_two_steps.md')
def f08():
    f = lambda w: 5 * w[0] ** 2 + 0.05 * w[1] ** 2
    rho, eta, eps = 0.9, 0.01, 1e-8
    W = [np.array([1.0, 1.0])]; Sx = [np.zeros(2)]; G = [None]
    for t in (1, 2):
        g = fgrad(f, W[-1]); G.append(g)
        Sx.append(rho * Sx[-1] + (1 - rho) * g ** 2)
        W.append(W[-1] - eta * g / (np.sqrt(Sx[-1]) + eps))
    hess = np.diag(fgrad(lambda w: fgrad(f, w, 1e-4)[0], W[0], 1e-4)), fgrad(lambda w: fgrad(f, w, 1e-4)[1], W[0], 1e-4)[1]
    g1, g2 = G[1], G[2]
    # values recomputed from the rounded carried numbers, as a careful human would
    g2r = np.array([9.68377, 0.0968377])
    s2r = 0.9 * np.array([10, 0.001]) + 0.1 * g2r ** 2
    sgd1 = W[0] - eta * g1
    def grad_form():
        return all(close(fgrad(f, w), [10 * w[0], 0.1 * w[1]], 1e-7) for w in RNG.normal(size=(4, 2)))
    return [
        ('# RMSProp — 2 steps', lambda: S('2') and len(W) == 3),
        ('$$s_t = \\rho', lambda: S('$$s_t = \\rho\\, s_{t-1} + (1-\\rho)\\, g_t^2, \\qquad w_t = w_{t-1} - \\eta\\, \\frac{g_t}{\\sqrt{s_t} + \\epsilon}$$')),
        ('Setting: $f(w) = 5 w_1^2', lambda: S('5 w_1^2', '0.05 w_2^2', '10*w1', '0.1*w2', '[1.0, 1.0]', '[0, 0]', '0.9', '0.01', '10^{-8}')
            and grad_form()),
        ('Note karo: ek direction', lambda: S('100', '10 / 0.1 = 100') and abs(hess[1] / 0.1 - 1) < 1e-3
            and abs(fgrad(lambda w: fgrad(f, w, 1e-4)[0], W[0], 1e-4)[0] / fgrad(lambda w: fgrad(f, w, 1e-4)[1], W[0], 1e-4)[1] - 100) < 1e-2),
        ('**Step 1**', lambda: S('1')),
        ('1. `g = [10, 0.1]`', lambda: S('1.', 'g^2') and EV(['10', '0.1'], g1) and EV(['100', '0.01'], g1 ** 2)),
        ('2. $s_1 = 0.9 \\cdot 0', lambda: S('2.', '0.9 \\cdot 0 + 0.1 \\cdot g^2') and EV(['10', '0.001'], Sx[1])),
        ('3. $\\sqrt{s_1}', lambda: S('3.') and RV(['3.1623', '0.031623'], np.sqrt(Sx[1])) and RV(['3.1623', '3.1623'], g1 / np.sqrt(Sx[1]))),
        ('4. update $= 0.01 \\times 3.1623', lambda: S('4.', '0.01 \\times 3.1623') and R('0.031623', eta * g1[0] / np.sqrt(Sx[1][0]))
            and abs(eta * 3.1623 - 0.031623) < 1e-12 and S('[0.968377, 0.968377]') and RV(['0.968377', '0.968377'], W[1])),
        ('Yaani pehle step mein', lambda: S('0.01/\\sqrt{0.1}', '1') and R('0.031623', eta / np.sqrt(1 - rho))
            and all(abs(eta * gg / np.sqrt((1 - rho) * gg ** 2) - eta / np.sqrt(1 - rho)) < 1e-12 for gg in (0.3, 7.0, 1e3))),
        ('**Step 2**', lambda: S('2')),
        ('1. `g = [9.68377', lambda: S('1.', 'g^2') and RV(['9.68377', '0.0968377'], g2) and RV(['93.7754', '0.00937754'], g2 ** 2, g2r ** 2)),
        ('2. $s_2 = 0.9 \\cdot [10', lambda: S('2.', '0.9 \\cdot [10,\\ 0.001] + 0.1 \\cdot g^2') and RV(['9', '0.0009'], rho * Sx[1]) and abs(rho * Sx[1][0] - 9) < 1e-6 and abs(rho * Sx[1][1] - 0.0009) < 1e-9
            and RV(['9.37754', '0.000937754'], 0.1 * g2 ** 2, 0.1 * g2r ** 2)
            and abs(9 + 9.37754 - 18.37754) < 1e-12 and abs(0.0009 + 0.000937754 - 0.001837754) < 1e-15
            and RV(['18.37754', '0.001837754'], Sx[2], s2r)),
        ('3. $\\sqrt{s_2}', lambda: S('3.') and RV(['4.28690', '0.0428690'], np.sqrt(Sx[2]), np.sqrt(s2r))
            and RV(['2.25892', '2.25892'], g2 / np.sqrt(Sx[2]), g2r / np.sqrt(s2r))),
        ('4. update $\\approx 0.01 \\times 2.25892', lambda: S('4.', '0.01 \\times 2.25892') and R('0.0225892', eta * g2[0] / np.sqrt(Sx[2][0]), 0.01 * 2.25892)
            and abs(0.01 * 2.25892 - 0.0225892) < 1e-12 and RV(['0.945788', '0.945788'], W[2])),
        ('**Comparison:**', lambda: S('[1 - 0.1, 1 - 0.001]', '100') and EV(['0.9', '0.999'], sgd1)
            and abs((W[0][0] - sgd1[0]) / (W[0][1] - sgd1[1]) - 100) < 1e-6
            and abs(G[1][1] / G[1][0] - G[2][1] / G[2][0]) < 1e-9 and abs(W[1][0] - W[1][1]) < 1e-7 and abs(W[2][0] - W[2][1]) < 1e-7),
        ('\\boxed{w^{(2)}', lambda: S('2') and RV(['0.945788', '0.945788'], W[2])),
    ]

# ======================================================================= 09
@register('09_adam_two_steps.md')
def f09():
    f = lambda w: w ** 2
    eta, b1, b2, eps = 0.1, 0.9, 0.999, 1e-8
    w = [1.0]; m = [0.0]; v = [0.0]; g = [None]; mh = [None]; vh = [None]; dw = [None]
    for t in (1, 2):
        g.append(fd(f, w[-1]))
        m.append(b1 * m[-1] + (1 - b1) * g[-1]); v.append(b2 * v[-1] + (1 - b2) * g[-1] ** 2)
        mh.append(m[-1] / (1 - b1 ** t)); vh.append(v[-1] / (1 - b2 ** t))
        dw.append(eta * mh[-1] / (np.sqrt(vh[-1]) + eps)); w.append(w[-1] - dw[-1])
    nobc = eta * m[1] / (np.sqrt(v[1]) + eps)
    def sign_step():
        ok = True
        for g0 in (0.01, -3.0, 250.0):
            mm = (1 - b1) * g0 / (1 - b1); vv = (1 - b2) * g0 ** 2 / (1 - b2)
            ok &= abs(mm / np.sqrt(vv) - np.sign(g0)) < 1e-12
        return ok
    return [
        ('# Laporan Praktikum 6', lambda: S('6') and len(w) - 1 == 2),
        ('**Tujuan.**', STRUCT),
        ('$m_t = \\beta_1 m_{t-1}', lambda: S('$m_t = \\beta_1 m_{t-1} + (1-\\beta_1) g_t$', '$v_t = \\beta_2 v_{t-1} + (1-\\beta_2) g_t^2$')),
        ('$\\hat m_t = m_t/(1-\\beta_1^t)$', lambda: S('$\\hat m_t = m_t/(1-\\beta_1^t)$', '$\\hat v_t = v_t/(1-\\beta_2^t)$', '$w_t = w_{t-1} - \\eta\\, \\hat m_t/(\\sqrt{\\hat v_t} + \\epsilon)$')),
        ('**Data.**', lambda: S('w^2', '2w', 'w_0 = 1', 'v_0 = 0', '0.1', '0.9', '0.999', '10^{-8}')
            and all(abs(fd(f, t) - 2 * t) < 1e-8 for t in RNG.normal(size=4))),
        ('**Langkah 1', lambda: S('Langkah 1', 't = 1')),
        ('- $g_1 = 2 \\cdot 1', lambda: S('2 \\cdot 1') and E('2', g[1])),
        ('- $m_1 = 0.1 \\cdot 2', lambda: S('0.1 \\cdot 2', '0.001 \\cdot 4') and E('0.2', m[1]) and E('0.004', v[1])),
        ('- $\\hat m_1 = 0.2/0.1', lambda: S('0.2/0.1', '0.004/0.001') and abs((1 - b1) - 0.1) < 1e-12 and abs((1 - b2) - 0.001) < 1e-12
            and E('2', mh[1]) and E('4', vh[1])),
        ('- $\\Delta w = 0.1 \\cdot 2/\\sqrt{4}', lambda: S('0.1 \\cdot 2/\\sqrt{4}') and E('0.1', dw[1]) and E('0.9', w[1])),
        ('Terlihat bahwa pada $t = 1$', lambda: S('t = 1', '1', '= 1') and sign_step() and abs(dw[1] - eta) < 1e-7),
        ('**Langkah 2', lambda: S('Langkah 2', 't = 2')),
        ('- $g_2 = 2 \\cdot 0.9', lambda: S('2 \\cdot 0.9') and E('1.8', g[2])),
        ('- $m_2 = 0.9 \\cdot 0.2', lambda: S('0.9 \\cdot 0.2 + 0.1 \\cdot 1.8', '0.18 + 0.18') and E('0.18', b1 * m[1]) and E('0.18', (1 - b1) * g[2]) and E('0.36', m[2])),
        ('- $v_2 = 0.999 \\cdot 0.004', lambda: S('0.999 \\cdot 0.004 + 0.001 \\cdot 3.24', '0.003996 + 0.00324') and E('3.24', g[2] ** 2) and E('0.003996', b2 * v[1])
            and E('0.00324', (1 - b2) * g[2] ** 2) and E('0.007236', v[2])),
        ('- $\\hat m_2 = 0.36/', lambda: S('0.36') and abs((1 - b1 ** 2) - (1 - 0.9)) < 1e-12 and E('3.6', mh[2])),
        ('- $\\hat v_2 = 0.007236', lambda: S('0.007236/(1 - 0.999^2)', '0.007236/0.001999') and E('0.001999', 1 - b2 ** 2)
            and R('3.619810', vh[2]) and R('1.902580', np.sqrt(vh[2]))),
        ('- $\\Delta w = 0.1 \\cdot 3.6/1.902580', lambda: S('3.6', '1.902580', '0.9 - 0.189217') and R('0.189217', dw[2], 0.1 * round(mh[2], 6) / 1.902580)
            and R('0.710783', w[2], 0.9 - round(dw[2], 6))),
        ('**Tabel hasil**', STRUCT),
        ('| $t$ |', STRUCT),
        ('|---|', STRUCT),
        ('| 1 | 2 |', lambda: S('1') and E('2', g[1]) and E('0.2', m[1]) and E('0.004', v[1]) and S('| 2 | 4 |') and E('2', mh[1]) and E('4', vh[1]) and E('0.9', w[1])),
        ('| 2 | 1.8 |', lambda: S('2') and E('1.8', g[2]) and E('0.36', m[2]) and E('0.007236', v[2]) and E('3.6', mh[2])
            and R('3.619810', vh[2]) and R('0.710783', w[2])),
        ('**Analisis.**', lambda: R('0.1892', dw[2]) and E('0.1', dw[1]) and dw[2] / dw[1] > 1.8 and E('1', f(w[0]))
            and S('0.710783^2') and R('0.710783', w[2]) and R('0.5052', f(w[2]), 0.710783 ** 2)),
        ('**Kesimpulan.**', lambda: S('0.1 \\cdot 0.2/\\sqrt{0.004}') and R('0.3162', nobc) and nobc > 3 * eta),
    ]

# ======================================================================= 10
@register('10_inverted_dropout.md')
def f10():
    p = 0.2; q = 1 - p
    x = np.array([1.0, 2.0, -0.5, 3.0, 0.5]); m = np.array([1, 0, 1, 1, 0], float)
    g = np.array([0.4, -0.2, 0.8, 0.1, 0.5])
    fwd = lambda xx: m * xx / q
    y = fwd(x)
    dx = fgrad(lambda xx: np.sum(g * fwd(xx)), x)
    local = np.diag(np.array([fgrad(lambda xx: fwd(xx)[i], x) for i in range(5)]))
    def expectation():
        # exact expectation over the Bernoulli keep-mask for one element
        ok = True
        for xi in (1.0, -0.5, 3.0):
            ok &= abs(q * (1 * xi / q) + p * (0 * xi / q) - xi) < 1e-12
        # and Monte Carlo sanity on the full vector
        M = (RNG.random((200000, 5)) < q).astype(float)
        return ok and np.allclose((M * x / q).mean(0), x, atol=0.03)
    return [
        ('# الواجب 3', lambda: S('3')),
        ('**المعطيات:**', lambda: S('p = 0.2', '1 - p = 0.8') and abs(1 - p - 0.8) < 1e-12),
        ('المدخل $x = ', lambda: DATA(x, 1) and DATA(m)),
        ('**التمرير الأمامي', STRUCT),
        ('$$y = \\frac{m \\odot x}{1-p}', lambda: S('{1-p}') and EV(['1.0', '0', '-0.5', '3.0', '0'], m * x) and S('0.8')
            and EV(['1.25', '0', '-0.625', '3.75', '0'], y)),
        ('التحقق من القيمة المتوقعة', lambda: S('0.8 \\cdot \\frac{x_i}{0.8} + 0.2 \\cdot 0') and expectation()),
        ('**التمرير الخلفي:**', lambda: DATA(g)),
        ('القسمة على $0.8$', lambda: S('0.8') and close(local, m, 1e-7)),
        ('\\frac{\\partial L}{\\partial x} = g \\odot m', lambda: close(dx, g * m, 1e-7) and EV(['0.4', '0', '0.8', '0.1', '0'], dx)),
        ('**ملاحظات:**', STRUCT),
        ('- الوحدات المُسقطة', lambda: S('i = 2', 'i = 5') and m[1] == 0 and m[4] == 0
            and abs(dx[1]) < 1e-9 and abs(dx[4]) < 1e-9 and np.all(m[[0, 2, 3]] == 1)),
        ('- مجموع عناصر التدرج', lambda: EV(['0.4', '0', '0.8', '0.1', '0'], dx) and E('1.3', dx.sum())),
        ('- لو كان $x$ معاملاً', lambda: S('\\eta = 0.5', '0.5\\,') and EV(['0.8', '2.0', '-0.9', '2.95', '0.5'], x - 0.5 * dx)),
        ('**الجواب:**', STRUCT),
        ('\\boxed{', lambda: EV(['0.4', '0', '0.8', '0.1', '0'], dx)),
    ]

# ======================================================================= 11
@register('11_batchnorm_dgamma.md')
def f11():
    x = np.array([1., 2., 4., 5.]); gam, bet = 2.0, 0.5; dy = np.array([0.1, -0.2, 0.3, 0.4])
    def bn(xx, gg=gam, bb=bet, eps=0.0):
        mu = xx.mean(); var = ((xx - mu) ** 2).mean()
        return gg * (xx - mu) / np.sqrt(var + eps) + bb
    mu = x.mean(); var = ((x - mu) ** 2).mean(); sd = np.sqrt(var); xh = (x - mu) / sd
    y = bn(x)
    dgam = fd(lambda t: np.sum(dy * bn(x, gg=t)), gam)
    dbet = fd(lambda t: np.sum(dy * bn(x, bb=t)), bet)
    dx = fgrad(lambda t: np.sum(dy * bn(t)), x)
    def eps_effect():
        e = 1e-5
        xh_e = (x - mu) / np.sqrt(var + e)
        diffs = [np.abs(xh_e - xh).max(), np.abs(bn(x, eps=e) - y).max(),
                 abs(np.sum(dy * xh_e) - np.sum(dy * xh)),
                 np.abs(fgrad(lambda t: np.sum(dy * bn(t, eps=e)), x) - dx).max(),
                 abs(np.mean(dy * xh_e) - np.mean(dy * xh)), abs(gam / np.sqrt(var + e) - gam / sd)]
        return max(diffs) < 1e-5
    inner = dy - dy.mean() - xh * np.mean(dy * xh)
    def formula_ok():
        ok = True
        for _ in range(3):
            xr = RNG.normal(size=6); dyr = RNG.normal(size=6); gr = RNG.normal()
            m_ = xr.mean(); s_ = np.sqrt(((xr - m_) ** 2).mean()); xhr = (xr - m_) / s_
            an = gr / s_ * (dyr - dyr.mean() - xhr * np.mean(dyr * xhr))
            ok &= close(fgrad(lambda t: np.sum(dyr * bn(t, gg=gr, bb=0.0)), xr), an, 1e-6)
        return ok
    rowpred = lambda i, a, b, c: (lambda: S(str(i + 1)) and E(a, dy[i]) and R(b, xh[i]) and R(c, dy[i] * xh[i], dy[i] * float(b)))
    return [
        ('**Q:**', lambda: S('4') and x.size == 4),
        ('**A:** Sure.', lambda: S('[1, 2, 4, 5]', '= 2', '0.5', '[0.1, -0.2, 0.3, 0.4]', 'ε = 0', '1e-5', '1e-5') and eps_effect()),
        ('**Forward (training mode', lambda: S('N', 'N-1') and True),
        ('- μ = (1 + 2 + 4 + 5)/4 = 3', lambda: S('(1 + 2 + 4 + 5)/4') and E('3', mu)),
        ('- σ² = ((', lambda: S('(-2)²', '(-1)²', '1²', '2²)/4', '10/4') and close(x - mu, [-2, -1, 1, 2])
            and E('2.5', var) and S('√2.5') and R('1.581139', sd)),
        ('- x̂ = (x - μ)/σ', lambda: RV(['-1.264911', '-0.632456', '0.632456', '1.264911'], xh)),
        ('- y = γ·x̂ + β', lambda: RV(['-2.029822', '-0.764911', '1.764911', '3.029822'], y)),
        ('**Backward for γ and β**', lambda: S('4') and True),
        ('| i | dy_i |', STRUCT),
        ('|---|', STRUCT),
        ('| 1 | 0.1 |', rowpred(0, '0.1', '-1.264911', '-0.126491')),
        ('| 2 | -0.2 |', rowpred(1, '-0.2', '-0.632456', '0.126491')),
        ('| 3 | 0.3 |', rowpred(2, '0.3', '0.632456', '0.189737')),
        ('| 4 | 0.4 |', rowpred(3, '0.4', '1.264911', '0.505964')),
        ('⇒ dL/dγ = Σ', lambda: S('-0.126491 + 0.126491 + 0.189737 + 0.505964') and abs(-0.126491 + 0.126491 + 0.189737 + 0.505964 - 0.695701) < 1e-12
            and R('0.695701', dgam)),
        ('⇒ dL/dβ = Σ', lambda: S('0.1 - 0.2 + 0.3 + 0.4') and E('0.6', dbet)),
        ('**Backward for x**', lambda: formula_ok()),
        ('- mean(dy) = 0.15', lambda: E('0.15', dy.mean()) and S('0.695701/4') and R('0.173925', np.mean(dy * xh), 0.695701 / 4) and R('1.264911', gam / sd)),
        ('- dy - mean(dy) =', lambda: EV(['-0.05', '-0.35', '0.15', '0.25'], dy - dy.mean()) and RV(['-0.22', '-0.11', '0.11', '0.22'], xh * np.mean(dy * xh))),
        ('- dx ≈ 1.264911', lambda: S('1.264911') and EV(['0.17', '-0.24', '0.04', '0.03'], inner) and RV(['0.215035', '-0.303579', '0.050596', '0.037947'], dx)),
        ('Sanity checks that PyTorch', lambda: S('0', '0', '0', '0.215035 - 0.303579 + 0.050596 + 0.037947')
            and abs(dx.sum()) < 1e-7 and abs(np.sum(dx * xh)) < 1e-7 and abs(0.215035 - 0.303579 + 0.050596 + 0.037947) < 5e-6
            and abs(fd(lambda c: np.sum(dy * bn(x + c)), 0.0)) < 1e-8 and abs(fd(lambda c: np.sum(dy * bn(x * c)), 1.0)) < 1e-8),
        ('\\boxed{', lambda: R('0.6957', dgam) and E('0.6', dbet)),
    ]

# ======================================================================= 12
@register('12_tanh_rnn_bptt.md')
def f12():
    x1, x2, y, h0 = 1.0, 0.5, 0.2, 0.0
    def run(w, u, h0=h0):
        a1 = w * h0 + u * x1; h1 = np.tanh(a1); a2 = w * h1 + u * x2; h2 = np.tanh(a2)
        return a1, h1, a2, h2, 0.5 * (h2 - y) ** 2
    w0, u0 = 0.5, 1.0
    a1, h1, a2, h2, L = run(w0, u0)
    dLdh2 = fd(lambda t: 0.5 * (t - y) ** 2, h2)
    d2 = fd(lambda t: 0.5 * (np.tanh(t) - y) ** 2, a2)
    dw = fd(lambda t: run(t, u0)[4], w0)
    du = fd(lambda t: run(w0, t)[4], u0)
    dh1 = fd(lambda t: 0.5 * (np.tanh(w0 * t + u0 * x2) - y) ** 2, h1)
    tanh_p1 = fd(np.tanh, a1)
    d1 = fd(lambda t: 0.5 * (np.tanh(w0 * np.tanh(t) + u0 * x2) - y) ** 2, a1)
    # contribution of time step 2 to dL/du: vary u only inside step 2
    du_step2 = fd(lambda t: 0.5 * (np.tanh(w0 * h1 + t * x2) - y) ** 2, u0)
    def wterms():
        # dL/dw = d2*h1 + d1*h0 ; check with a nonzero h0 that the formula is right, and that h0=0 kills term 2
        hh = 0.3
        _, h1b, a2b, h2b, _ = run(w0, u0, hh)
        d2b = (h2b - y) * (1 - h2b ** 2); d1b = d2b * w0 * (1 - h1b ** 2)
        return abs(fd(lambda t: run(t, u0, hh)[4], w0) - (d2b * h1b + d1b * hh)) < 1e-8 and h0 == 0
    return [
        ('# Apuntes: BPTT', lambda: S('2')),
        ('Modelo: $h_t', lambda: S('$h_t = \\tanh(w\\,h_{t-1} + u\\,x_t)$') and E('0', h0) and E('0.5', w0) and E('1', u0)),
        ('Entradas: $x_1 = 1$', lambda: E('1', x1) and E('0.5', x2) and S('(h_2 - y)^2') and E('0.2', y)),
        ('- $a_1 = 0.5 \\cdot 0 + 1 \\cdot 1', lambda: S('0.5 \\cdot 0 + 1 \\cdot 1') and E('1', a1) and S('\\tanh(1)') and R('0.761594', h1)),
        ('- $a_2 = 0.5 \\cdot 0.761594', lambda: S('0.5 \\cdot 0.761594 + 1 \\cdot 0.5', '\\tanh(0.880797)') and R('0.880797', a2, 0.5 * 0.761594 + 0.5)
            and R('0.706818', h2, np.tanh(0.880797))),
        ('- $L = \\tfrac12 (0.706818 - 0.2)^2', lambda: S('(0.706818 - 0.2)^2', '^2') and R('0.506818', h2 - y, 0.706818 - 0.2) and R('0.128432', L, 0.5 * 0.506818 ** 2)),
        ('**Paso hacia atrás**', lambda: S('1', '2') and all(abs(fd(np.tanh, t) - (1 - np.tanh(t) ** 2)) < 1e-8 for t in RNG.normal(size=5))),
        ('1. dL/dh2 = h2', lambda: S('1.', '2') and R('0.506818', dLdh2)),
        ('2. $\\delta_2 = ', lambda: S('2.', '2', '0.506818 \\cdot (1 - 0.706818^2)', '0.506818 \\cdot 0.500408') and R('0.500408', 1 - h2 ** 2, 1 - 0.706818 ** 2)
            and R('0.253616', d2, 0.506818 * 0.500408)),
        ('3. Para $w$', lambda: S('3.', '0', '0.761594') and wterms() and R('0.253616', d2) and R('0.193152', dw, 0.253616 * 0.761594)),
        ('4. Propagamos al paso anterior', lambda: S('4.', '0.253616 · 0.5', '1', '2') and R('0.126808', dh1, 0.253616 * 0.5) and abs(0.253616 * 0.5 - 0.126808) < 1e-12),
        ('5. Derivada de la activación', lambda: S('5.', 't = 1', '0.761594') and R('0.238406', 1 - h1) and R('0.181568', tanh_p1)),
        ('6. $\\delta_1', lambda: S('6.', '0.126808') and R('0.181568', tanh_p1) and R('0.023024', d1)),
        ('7. Para $u$', lambda: S('7.', '0.253616 \\cdot 0.5', '0.023024 \\cdot 1') and R('0.023024', d1) and R('0.149832', du)),
        ('Por lo tanto el paso $t = 2$', lambda: S('t = 2', 't = 1', '0.126808 / 0.149832') and R('0.126808', du_step2) and R('0.149832', du)
            and R('85', 100 * du_step2 / du) and R('15', 100 * (1 - du_step2 / du))),
        ('**Actualización SGD**', lambda: S('0.1') and True),
        ('$w \\leftarrow 0.5 - 0.1', lambda: S('0.5 - 0.1 \\cdot 0.193152', '1 - 0.1 \\cdot 0.149832') and R('0.193152', dw) and R('0.480685', w0 - 0.1 * dw)
            and R('0.149832', du) and R('0.985017', u0 - 0.1 * du)),
        ('\\boxed{', lambda: R('0.1932', dw) and R('0.1498', du)),
    ]

# ======================================================================= 13
@register('13_grad_clip_norm.md')
def f13():
    gW1 = np.array([[3.0, 0.0], [0.0, -4.0]]); gb1 = np.zeros(2); gW2 = np.array([12.0])
    flat = np.concatenate([gW1.ravel(), gb1, gW2])
    tot = np.linalg.norm(flat)
    def clip_global(grads, max_norm, eps=0.0):
        n = np.sqrt(sum(np.sum(g ** 2) for g in grads)); c = min(1.0, max_norm / (n + eps))
        return [g * c for g in grads], c
    (cW1, cb1, cW2), coef = clip_global([gW1, gb1, gW2], 5.0)
    torch_clipped, _ = clip_global([gW1, gb1, gW2], 5.0, 1e-6)
    eps_irrelevant = max(np.abs(a - b).max() for a, b in zip(torch_clipped, (cW1, cb1, cW2))) < 1e-6
    per = [g * min(1.0, 5.0 / (np.linalg.norm(g) + 1e-6)) if np.linalg.norm(g) > 0 else g for g in (gW1, gb1, gW2)]
    newnorm = np.sqrt(sum(np.sum(g ** 2) for g in (cW1, cb1, cW2)))
    pernorm = np.sqrt(sum(np.sum(g ** 2) for g in per))
    _, coef20 = clip_global([gW1, gb1, gW2], 20.0)
    return [
        ('# devlog 2024-03-14', lambda: S('2024-03-14', '2') and True),
        ('Tiny 2-layer model', lambda: S('2') and True),
        ('grad_W1 = [[3.0', lambda: DATA(gW1, 1)),
        ('grad_b1 = [0.0', lambda: DATA(gb1, 1)),
        ('grad_W2 = [12.0]', lambda: DATA(gW2, 1)),
        ('**Global norm**', STRUCT),
        ('‖g‖ = √(3²', lambda: S('3²', '0²', '0²', '0²', '0²', '(-4)²', '12²', '9 + 16 + 144', '√169') and E('13', tot)),
        ('**Clip** with', lambda: S('max_norm = 5', '5/13', '1', '1e-6') and R('0.384615', 5 / 13, coef) and coef < 1
            and eps_irrelevant),
        ('Every tensor gets multiplied', STRUCT),
        ('- grad_W1 →', lambda: S('3 × 0.384615, 0], [0', '-4 × 0.384615') and RV(['1.153846', '0', '0', '-1.538462'], cW1)),
        ('- grad_b1 →', lambda: S('[0, 0]') and close(cb1, [0, 0])),
        ('- grad_W2 →', lambda: S('12 × 0.384615') and R('4.615385', cW2[0])),
        ('Check: √(1.153846²', lambda: S('1.153846²', '1.538462²', '4.615385²', '5') and R('1.331361', 1.153846 ** 2) and R('2.366865', 1.538462 ** 2)
            and R('21.301779', 4.615385 ** 2) and R('25.000005', 1.331361 + 2.366865 + 21.301779) and R('5.0000', np.sqrt(25.000005))
            and abs(newnorm - 5) < 1e-5),
        ('Direction unchanged', lambda: S('[0][0]', '12/3', '4.615385/1.153846') and E('4', gW2[0] / gW1[0, 0]) and R('4', cW2[0] / cW1[0, 0], 4.615385 / 1.153846)
            and abs(cW2[0] / cW1[0, 0] - 4) < 1e-9),
        ('**Per-tensor clipping instead**', lambda: S('≤ 5', '√(9+16) = 5', '→ 5') and close(per[0], gW1) and E('5', np.linalg.norm(gW1)) and close(per[2], [5.0], 1e-5)),
        ('Then the global norm is √(25 + 25)', lambda: S('√(25 + 25)', '[0][0]') and R('7.071068', pernorm, np.sqrt(50)) and S('5/3') and R('1.67', per[2][0] / per[0][0, 0]) and S('4')
            and abs(per[2][0] / per[0][0, 0] - cW2[0] / cW1[0, 0]) > 1),
        ('**Step** with lr = 0.1', lambda: S('lr = 0.1', 'W2 = 0.8', '0.8', '0.1 × 4.615385', '0.8 - 1.2', '1.2') and R('0.338462', 0.8 - 0.1 * cW2[0]) and E('-0.4', 0.8 - 0.1 * gW2[0])
            and E('1.2', 0.1 * gW2[0])),
        ('Note to self: with max_norm = 20', lambda: S('max_norm = 20', '20/13', '(1,') and E('1', coef20) and 20 / 13 > 1),
    ]

# ======================================================================= 14
from decimal import Decimal, getcontext

def bce_naive_dec(z, y):
    """textbook definition -[y log s + (1-y) log(1-s)] in 420-digit decimal arithmetic"""
    getcontext().prec = 420
    z = Decimal(str(z)); y = Decimal(str(y))
    s_ = 1 / (1 + (-z).exp())
    return -(y * s_.ln() + (1 - y) * (1 - s_).ln())

def dbce_dec(z, y):
    getcontext().prec = 420
    h = Decimal('1e-40')
    return (bce_naive_dec(Decimal(str(z)) + h, y) - bce_naive_dec(Decimal(str(z)) - h, y)) / (2 * h)

@register('14_bce_with_logits_stable.md')
def f14():
    stable = lambda z, y: max(z, 0) - z * y + np.log1p(np.exp(-abs(z)))
    zs = list(RNG.normal(scale=4, size=8)) + [-30.0, 30.0]
    ys = [0.0, 1.0, 0.3]
    def all_z(fn):
        return all(fn(z) for z in zs)
    def row(z, y, Lshown, gshown, extra=lambda: True):
        return lambda: R(Lshown, float(bce_naive_dec(z, y))) and (E(gshown, float(dbce_dec(z, y)), 1e-9) if '.' not in gshown
                                                                   else R(gshown, float(dbce_dec(z, y)))) and extra()
    sig = lambda z: float(1 / (1 + (-Decimal(str(z))).exp()))
    def naive_breaks():
        with np.errstate(all='ignore'):
            s800 = 1.0 / (1.0 + np.exp(np.float64(-800.0)))
            return s800 == 1.0 and np.isneginf(np.log(1.0 - s800)) and np.isinf(np.exp(np.float64(800.0)))
    def dec_id1(z):
        getcontext().prec = 420; Z = Decimal(str(z))
        return abs((1 / (1 + (-Z).exp())).ln() + (1 + (-Z).exp()).ln()) < Decimal('1e-100')
    def dec_id2(z):
        getcontext().prec = 420; Z = Decimal(str(z)); e_ = (-Z).exp()
        a = (1 - 1 / (1 + e_)).ln(); b = (e_ / (1 + e_)).ln(); c = -Z - (1 + e_).ln()
        return abs(a - b) < Decimal('1e-100') and abs(b - c) < Decimal('1e-100')
    return [
        ('**Definitionen.**', lambda: S('\\dfrac{1}{1+e^{-z}}', '(1-y)', '(1-\\sigma(z))', '[0, 1]') and all(abs(float(bce_naive_dec(z, y)) - (-(y * np.log(sigmoid(z)) + (1 - y) * np.log(1 - sigmoid(z))))) < 1e-8
                                                             for z in zs[:8] for y in ys)),
        ('**Umformen**', STRUCT),
        ('- $\\log \\sigma(z) = -\\log(1 + e^{-z})$', lambda: S('1') and all(dec_id1(z) for z in zs)),
        ('- $\\log(1 - \\sigma(z)) = ', lambda: S('(1 - \\sigma(z))', '{1+e^{-z}}', '(1 + e^{-z})') and all(dec_id2(z) for z in zs)),
        ('- ⇒ $L = (1-y)\\,z', lambda: S('(1-y)', '(1 + e^{-z})') and all(abs(float(bce_naive_dec(z, y)) - ((1 - y) * z + np.log1p(np.exp(-z)))) < 1e-8 for z in zs for y in ys)),
        ('**Stabil für alle $z$:**', lambda: S('\\log(1 + e^{-z})', '\\max(-z, 0)', '\\log(1 + e^{-|z|})') and all_z(lambda z: abs(np.log1p(np.exp(-z)) - (max(-z, 0) + np.log1p(np.exp(-abs(z))))) < 1e-9)),
        ('$$L(z, y) = \\max(z, 0)', lambda: S('0', '1') and all(abs(float(bce_naive_dec(z, y)) - stable(z, y)) < 1e-8 for z in zs + [800.0, -800.0] for y in ys)),
        ('→ der Exponent ist immer', lambda: S('0') and all(-abs(z) <= 0 for z in zs)),
        ('**Ableitung:**', lambda: S('[-1, 1]') and all(abs(float(dbce_dec(z, y)) - (sigmoid(z) - y)) < 1e-8 for z in zs for y in ys)
            and all(-1 <= sigmoid(z) - y <= 1 for z in zs for y in ys)),
        ('**Werte zum Auswendiglernen', STRUCT),
        ('| $z$ |', STRUCT),
        ('|---|', STRUCT),
        ('| 3 | 1 |', lambda: S('| 3 | 1 |', '0.952574 - 1', '3 - 3 + \\log(1+e^{-3})') and row(3, 1, '0.048587', '-0.047426', lambda: R('0.952574', sig(3)))()),
        ('| -2 | 1 |', lambda: S('| -2 | 1 |', '0.119203 - 1', '0 + 2 + \\log(1+e^{-2})') and row(-2, 1, '2.126928', '-0.880797', lambda: R('0.119203', sig(-2)))()),
        ('| 0 | 0 |', lambda: S('| 0 | 0 |', '\\log 2') and row(0, 0, '0.693147', '0.5', lambda: E('0.5', sig(0)))()),
        ('| 2 | 0.3 |', lambda: S('| 2 | 0.3 |', '0.880797 - 0.3', '2 - 0.6') and E('0.6', 2 * 0.3) and R('0.126928', np.log1p(np.exp(-2.0))) and abs(2 - 0.6 + 0.126928 - 1.526928) < 1e-12
            and row(2, 0.3, '1.526928', '0.580797', lambda: R('0.880797', sig(2)))()),
        ('| 800 | 0 |', lambda: S('| 800 | 0 |') and R('800', float(bce_naive_dec(800, 0))) and abs(float(bce_naive_dec(800, 0)) - 800) < 1e-12
            and abs(float(dbce_dec(800, 0)) - 1) < 1e-12 and S('1')),
        ('| -800 | 1 |', lambda: S('| -800 | 1 |', '$800$') and abs(float(bce_naive_dec(-800, 1)) - 800) < 1e-12 and abs(float(dbce_dec(-800, 1)) + 1) < 1e-12 and S('-1')),
        ('**Warum das wichtig ist:**', lambda: S('float64', '\\sigma(800) = 1.0', '\\log(1 - 1)', '64') and naive_breaks()
            and S('(1-y)z + \\log(1+e^{-z})', 'z = -800', 'e^{800}', 'e^{800}', '1.8 \\times 10^{308}', '10^{347}') and R('1.8', np.finfo(np.float64).max / 1e308)
            and abs(800 / np.log(10) - 347) < 0.5),
        ('**Merksatz:**', STRUCT),
    ]

# ======================================================================= 15
@register('15_hinge_svm_subgradient.md')
def f15():
    X = np.array([[2, 1], [0, -2], [1, 0.5]]); y = np.array([1, 1, -1.]); lam = 0.1; N = 3
    w0 = np.array([0.5, -1.0]); b0 = 0.2
    Lf = lambda w, b: lam / 2 * w @ w + np.mean(np.maximum(0, 1 - y * (X @ w + b)))
    sc = X @ w0 + b0; marg = 1 - y * sc
    gw = fgrad(lambda t: Lf(t, b0), w0); gb = fd(lambda t: Lf(w0, t), b0)     # differentiable here: no kink
    hinge_grad_w = [fgrad(lambda t: max(0.0, 1 - y[i] * (X[i] @ t + b0)), w0) for i in range(3)]
    hinge_grad_b = [fd(lambda t: max(0.0, 1 - y[i] * (X[i] @ w0 + t)), b0) for i in range(3)]
    def contribution_rule():
        # claimed: active term contributes +y_i x_i (w) and +y_i (b)
        return all(close(hinge_grad_w[i], y[i] * X[i], 1e-6) and abs(hinge_grad_b[i] - y[i]) < 1e-6 for i in (0, 2)) and close(hinge_grad_w[1], [0, 0])
    act = [i for i in range(3) if marg[i] > 0]
    w1 = w0 - 0.5 * gw; sc1 = X @ w1 + b0; h1 = np.maximum(0, 1 - y * sc1)
    return [
        ('# DM 2', lambda: S('2', '3')),
        ('**Énoncé.**', lambda: S('\\dfrac{\\lambda}{2}\\|w\\|^2 + \\dfrac{1}{N}\\sum_{i=1}^{N} \\max\\big(0,\\ 1 - y_i (w \\cdot x_i + b)\\big)') and E('0.1', lam) and E('3', N)),
        ('$w = (0.5,\\ -1)$', lambda: DATA(w0) and DATA([b0]) and DATA(X) and DATA(y)),
        ('**1) Scores et marges.**', lambda: S('1)')),
        ('- $s_1 = ', lambda: S('0.5 \\cdot 2 - 1 \\cdot 1 + 0.2', '> 0') and E('0.2', sc[0]) and E('0.8', marg[0]) and marg[0] > 0 and S('1 - y_1 s_1')),
        ('- $s_2 = ', lambda: S('0 + 2 + 0.2', '< 0', '0') and E('2.2', sc[1]) and E('-1.2', marg[1]) and marg[1] < 0 and S('1 - y_2 s_2')),
        ('- $s_3 = ', lambda: S('0.5 - 0.5 + 0.2', '> 0') and E('0.2', sc[2]) and E('1.2', marg[2]) and marg[2] > 0 and S('1 - y_3 s_3')),
        ('**2) Valeur de la perte.**', lambda: S('2)', '^2', '0.25 + 1') and E('1.25', w0 @ w0)),
        ('$L = 0.05 \\cdot 1.25', lambda: S('0.05 \\cdot 1.25', '0.8 + 0 + 1.2', '3', '0.0625 + 0.666667') and E('0.05', lam / 2) and E('0.0625', lam / 2 * w0 @ w0)
            and R('0.666667', np.mean(np.maximum(0, marg))) and R('0.729167', Lf(w0, b0))),
        ('**3) Sous-gradient.**', lambda: S('3)', '1', '0') and contribution_rule()),
        ('Termes actifs', lambda: S('i = 1', 'i = 3') and act == [0, 2]),
        ('$\\sum_{\\text{actifs}} y_i x_i = (2, 1)', lambda: S('(2, 1) + (-1)(1, 0.5)', '1 - 1') and close(sum(y[i] * X[i] for i in act), [1, 0.5])
            and E('0', sum(y[i] for i in act)) and S('(1,\\ 0.5)')),
        ('$$g_w = \\lambda w', lambda: S('\\frac{1}{3}(1,\\ 0.5)', '(0.05,\\ -0.1)') and close(lam * w0, [0.05, -0.1]) and RV(['0.333333', '0.166667'], np.array([1, 0.5]) / 3)
            and RV(['0.383333', '0.066667'], gw)),
        ('$$g_b = \\frac{1}{3}', lambda: S('\\frac{1}{3} \\cdot 0') and E('0', gb)),
        ('**4) Un pas de sous-gradient**', lambda: S('4)', '0.5')),
        ('$w \\leftarrow (0.5,\\ -1) - 0.5', lambda: S('(0.383333,\\ 0.066667)', '0.2') and RV(['0.383333', '0.066667'], gw) and RV(['0.308333', '-1.033333'], w1)),
        ('Vérification : nouveaux scores', lambda: RV(['-0.216667', '2.266667', '-0.008333'], sc1) and RV(['1.216667', '0', '0.991667'], h1)
            and R('0.736111', h1.mean()) and S('0.05') and R('1.162847', w1 @ w1) and R('0.058142', lam / 2 * w1 @ w1) and R('0.794253', Lf(w1, b0))),
        ('Après ce pas, la perte passe', lambda: R('0.7292', Lf(w0, b0)) and R('0.7943', Lf(w1, b0)) and Lf(w1, b0) > Lf(w0, b0)),
        ('\\boxed{', lambda: RV(['0.383333', '0.066667'], gw) and E('0', gb)),
    ]

# ======================================================================= 16
@register('16_mse_vs_mae_grads.md')
def f16():
    yh = np.array([2.5, 0.0, 2.0, 8.0]); y = np.array([3.0, -0.5, 2.0, 7.0]); N = 4
    r = yh - y
    mse = lambda p: np.mean((p - y) ** 2); mae = lambda p: np.mean(np.abs(p - y))
    gmse = fgrad(mse, yh)
    # MAE: differentiable except at r=0; one-sided derivatives bracket the subgradient set
    gmae = np.zeros(4); sub_ok = True
    for i in range(4):
        e = np.zeros(4); e[i] = 1e-6
        right = (mae(yh + e) - mae(yh)) / 1e-6; left = (mae(yh) - mae(yh - e)) / 1e-6
        if abs(r[i]) < 1e-12:
            sub_ok &= left <= 0 + 1e-9 <= right + 2e-9; gmae[i] = 0.0
        else:
            gmae[i] = (right + left) / 2
    def rows(i, a, b, c, d1, d2):
        return lambda: S(str(i + 1), a, b, c) and E(a, yh[i]) and E(b, y[i]) and E(c, r[i]) and E(d1, gmse[i]) and E(d2, gmae[i])
    def general_ratio():
        ok = True
        for _ in range(4):
            p = RNG.normal(size=4); t = RNG.normal(size=4)
            gm = fgrad(lambda q: np.mean((q - t) ** 2), p); ga = fgrad(lambda q: np.mean(np.abs(q - t)), p)
            ok &= close(gm / ga, np.abs(p - t), 1e-5)
        return ok
    nm, na = np.linalg.norm(gmse), np.linalg.norm(gmae)
    return [
        ('## Exercise 4.2', lambda: S('4.2')),
        ('Batch of $N = 4$', lambda: S('N = 4') and yh.size == 4),
        ('`y_hat = [2.5', lambda: S('[2.5, 0.0, 2.0, 8.0]', '[3.0, -0.5, 2.0, 7.0]') and EV(['-0.5', '0.5', '0.0', '1.0'], r)),
        ('Losses (mean over the batch)', STRUCT),
        ('- $\\text{MSE} = ', lambda: S('\\frac{1}{N}', '^2', '(0.25 + 0.25 + 0 + 1)/4') and close(r ** 2, [0.25, 0.25, 0, 1]) and E('0.375', mse(yh))),
        ('- $\\text{MAE} = ', lambda: S('\\frac{1}{N}', '(0.5 + 0.5 + 0 + 1)/4') and close(np.abs(r), [0.5, 0.5, 0, 1]) and E('0.5', mae(yh))),
        ('Gradients w.r.t. each prediction', lambda: S('1') and all(abs(fd(lambda q: q - y[i], yh[i]) - 1) < 1e-8 for i in range(4))),
        ('- MSE: $\\partial', lambda: close(gmse, r / N, 1e-7)),
        ('- MAE: $\\partial', lambda: S('0', 'r_i = 0') and sub_ok and close(gmae, np.sign(r) / N, 1e-6)),
        ('| i | y_hat |', STRUCT),
        ('|---|', STRUCT),
        ('| 1 | 2.5 |', rows(0, '2.5', '3.0', '-0.5', '-0.125', '-0.25')),
        ('| 2 | 0.0 |', rows(1, '0.0', '-0.5', '0.5', '0.125', '0.25')),
        ('| 3 | 2.0 |', rows(2, '2.0', '2.0', '0.0', '0', '0')),
        ('| 4 | 8.0 |', rows(3, '8.0', '7.0', '1.0', '0.25', '0.25')),
        ('Observations:', STRUCT),
        ('1. For the "outlier"', lambda: S('1.', 'i = 4', '1.0') and E('1.0', r[3]) and E('0.25', gmse[3]) and E('0.25', gmae[3])),
        ('2. For the small residuals', lambda: S('2.', '|r| = 0.5') and np.allclose(np.abs(r[:2]), 0.5) and abs(gmse[0] / gmae[0] - 0.5) < 1e-6
            and E('0.125', abs(gmse[0])) and E('0.25', abs(gmae[0])) and general_ratio()),
        ('3. Gradient norms', lambda: S('3.', '0.125²', '0.25²', '3 × 0.0625', '0') and E('0.09375', 0.125 ** 2 * 2 + 0.25 ** 2) and R('0.306186', nm)
            and np.sum(np.abs(gmae) > 0) == 3 and E('0.0625', gmae[0] ** 2) and R('0.433013', na)),
        ('So with these residuals', lambda: S('1') and na > nm and all((2 * abs(rr) / N > 1 / N) == (abs(rr) > 1) for rr in (0.3, 0.7, 1.5, 2.0))),
        ('\\boxed{', lambda: EV(['-0.125', '0.125', '0', '0.25'], gmse)),
    ]

# ---- END FILES

# ------------------------------------------------------------------ driver
MATH_CHARS = set('=≈∂σΣ×·→⇒∇√∑≤≥±')

def math_lines(lines):
    """every line that carries math: display/code blocks, $...$, digits,
    relation / operator symbols, table rows with numbers"""
    out, in_disp, in_code = set(), False, False
    for i, ln in enumerate(lines, 1):
        s = ln.strip()
        if i == 1 and s.startswith('<!--'):
            continue
        if s.startswith('```'):
            in_code = not in_code
            continue
        if s == '$$':
            in_disp = not in_disp
            continue
        if not s:
            continue
        if in_disp or in_code or '$' in s or re.search(r'\d', s) or (set(s) & MATH_CHARS):
            out.add(i)
    return out

def check_file(name, builder):
    text = open(os.path.join(HERE, name), encoding='utf-8').read()
    lines = text.split('\n')
    if lines and lines[-1] == '':
        lines = lines[:-1]
    problems, covered, first_false, prev = [], set(), None, 0
    for sub, pred in builder():
        hits = [i for i, ln in enumerate(lines, 1) if _norm(sub) in _norm(ln)]
        if len(hits) != 1:
            problems.append(f'substring matches {len(hits)} lines: {sub!r}')
            continue
        ln = hits[0]; line = _norm(lines[ln - 1])
        if ln <= prev:
            problems.append(f'check out of order at line {ln}: {sub!r}')
        prev = ln
        covered.add(ln)
        _SHOWN.clear()
        try:
            ok = bool(pred())
        except Exception as e:
            ok = False
            problems.append(f'line {ln}: predicate raised {e!r}')
        missing = [s for s in _SHOWN if _norm(s) not in line]
        if missing:
            problems.append(f'line {ln}: checked literal(s) not printed on the line: {missing}')
        # every number printed on the line must be a checked value or declared data
        declared = Counter()
        for lit in _SHOWN:
            declared += Counter(num_tokens(lit))
        extra = Counter(num_tokens(line)) - declared
        if extra and ok:      # a false line is flagged already; its later checks may not have run
            problems.append(f'line {ln}: unaccounted numbers {sorted(extra.elements())}')
        if VERBOSE:
            print(f'    L{ln:2d} {"T" if ok else "F"}  {lines[ln - 1][:80]}')
        if not ok and first_false is None:
            first_false = ln
    unc = sorted(math_lines(lines) - covered)
    if unc:
        problems.append(f'math lines without a check: {unc}')
    return first_false, problems, len(lines)

def main():
    expected = json.load(open(os.path.join(HERE, 'expected.json')))
    all_ok = set(expected) == set(FILES)
    if not all_ok:
        print('file set mismatch:', sorted(set(expected) ^ set(FILES)))
    for name in sorted(FILES):
        if VERBOSE:
            print(name)
        ff, probs, n = check_file(name, FILES[name])
        exp = expected.get(name, 'missing')
        ok = ff == exp and not probs and 12 <= n <= 40
        all_ok &= ok
        print(f'{name:34s} lines={n:2d} first_false={ff!s:4s} expected={exp!s:4s} {"OK" if ok else "MISMATCH"}')
        for p in probs:
            print('    !', p)
    print('ALL OK' if all_ok else 'NOT OK')
    return 0 if all_ok else 1

if __name__ == '__main__':
    sys.exit(main())
