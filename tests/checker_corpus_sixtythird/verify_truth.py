#!/usr/bin/env python3
"""Independent NumPy check of corpus63 (convolutional networks, by hand).

For every file: an ordered list of checks (unique substring of one line,
predicate, declared structural tokens).  Every line that contains math
(LaTeX, inline code, code with a relation sign and a digit, Unicode math
symbols) must be covered.  Givens / definitions are GIVEN.  Output sizes are
recomputed by actually sliding (dilated) windows over padded arrays; parameter
counts by building the weight tensors and counting; forward values by running
the convolution / pooling; gradients by central finite differences of the
scalar loss; worked numbers must agree to their printed precision with the
exact value or with the value recomputed from the (possibly wrong) numbers the
author carried.  Every number printed on a checked line must be a checked
value or a declared token ('*' = line not accounted, used for givens only).
The first line whose predicate is False must equal expected.json.
"""
import json, math, os, re, sys
from collections import Counter
import numpy as np

VERBOSE = '-v' in sys.argv
D = os.path.dirname(os.path.abspath(__file__))
RNG = np.random.default_rng(63)

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

def LIT(shown, cond):
    """register a printed literal whose claim is a qualitative bound ("almost 80%"), return cond."""
    _LITS.append(shown)
    return bool(cond)

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


FILES = {}
def register(name, comma=False):
    def deco(fn):
        FILES[name] = (fn, comma)
        return fn
    return deco

# ------------------------------------------------------------------ conv helpers
def placements(i, k, s=1, p=0, d=1):
    """start indices (in the zero-padded array) at which a kernel of size k, dilation d fits"""
    n = len(np.pad(np.zeros(i), p))
    span = d * (k - 1) + 1
    return [t for t in range(0, n, s) if t + span <= n]

def out_len(i, k, s=1, p=0, d=1):
    return len(placements(i, k, s, p, d))

def conv1d(x, w, s=1, p=0, d=1, b=0.0):
    """cross-correlation y_t = sum_m w_m xpad_{t + d m} + b"""
    x = np.asarray(x, float); w = np.asarray(w, float); xp = np.pad(x, p)
    return np.array([sum(w[m] * xp[t + d * m] for m in range(len(w))) + b
                     for t in placements(len(x), len(w), s, p, d)])

def xcorr2(X, K, s=1, p=0, b=0.0):
    X = np.asarray(X, float); K = np.asarray(K, float); Xp = np.pad(X, p); kh, kw = K.shape
    rows = placements(X.shape[0], kh, s, p); cols = placements(X.shape[1], kw, s, p)
    return np.array([[np.sum(Xp[r:r + kh, c:c + kw] * K) + b for c in cols] for r in rows]).reshape(len(rows), len(cols))

def conv_nchw(X, W, b=None, s=1, p=0):
    """X (N,C,H,W), W (F,C,kh,kw) -> (N,F,H',W')"""
    N, C = X.shape[:2]; F = W.shape[0]
    out = np.array([[sum(xcorr2(X[n, c], W[f, c], s, p) for c in range(C)) for f in range(F)] for n in range(N)])
    if b is not None:
        out = out + np.asarray(b, float)[None, :, None, None]
    return out

def pool2d(X, k, s, op, p=0):
    X = np.asarray(X, float)
    Xp = np.pad(X, p, constant_values=-np.inf if op is np.max else 0.0)
    rows = placements(X.shape[0], k, s, p); cols = placements(X.shape[1], k, s, p)
    return np.array([[op(Xp[r:r + k, c:c + k]) for c in cols] for r in rows]).reshape(len(rows), len(cols))

def tconv2d(X, K, s=1, p=0):
    """transposed convolution: scatter-add x_ij * K at (s i, s j), then crop p on every side"""
    X = np.asarray(X, float); K = np.asarray(K, float); kh, kw = K.shape
    Y = np.zeros(((X.shape[0] - 1) * s + kh, (X.shape[1] - 1) * s + kw))
    for i in range(X.shape[0]):
        for j in range(X.shape[1]):
            Y[s * i:s * i + kh, s * j:s * j + kw] += X[i, j] * K
    return Y[p:Y.shape[0] - p, p:Y.shape[1] - p] if p else Y

def nparams(*shapes):
    return int(sum(np.zeros(sh).size for sh in shapes))

FILES = {}
def register(name, comma=False):
    def deco(fn):
        FILES[name] = (fn, comma)
        return fn
    return deco

# ======================================================================= 01
@register('01_output_size_dumoulin.md')
def f01():
    I, K, S, P, D = range(1, 16), range(1, 8), range(1, 5), range(0, 5), range(1, 5)
    def rel(f, ss=(1,), pp=(0,), dd=(1,)):
        return all(out_len(i, k, s, p, d) == f(i, k, s, p, d)
                   for i in I for k in K for s in ss for p in pp for d in dd if d * (k - 1) + 1 <= i + 2 * p)
    def starts_unit():
        return all(placements(i, k) == list(range(0, i - k + 1)) for i in I for k in K if k <= i)
    def half():
        ok = all((2 * n + 1) // 2 == n for n in range(20))
        ok &= all(out_len(i, k, 1, k // 2) == i and i + 2 * (k // 2) - (k - 1) == i
                  for i in I for k in (1, 3, 5, 7))
        return ok
    def full_pad():
        # every placement with at least one overlap of kernel and (unpadded) input is visited once
        ok = True
        for i in I:
            for k in K:
                pos = placements(i, k, 1, k - 1)
                overl = [t for t in range(-(k - 1), i) if max(t, 0) < min(t + k, i)]
                ok &= len(pos) == len(overl) and out_len(i, k, 1, k - 1) == i + 2 * (k - 1) - (k - 1) == i + (k - 1)
        return ok
    def starts_stride():
        return all(placements(i, k, s) == [t for t in range(0, i - k + 1) if t % s == 0] for i in I for k in K for s in S if k <= i)
    def padded_is_rel5():
        return all(out_len(i, k, s, p) == out_len(i + 2 * p, k, s, 0) for i in I for k in K for s in S for p in P if k <= i + 2 * p)
    def dil_span():
        ok = True
        for k in K:
            for d in D:
                w = np.zeros(d * (k - 1) + 1); idx = [d * m for m in range(k)]
                ok &= idx[-1] - idx[0] + 1 == k + (k - 1) * (d - 1) and len(idx) == k
                ok &= all(len([j for j in range(idx[0], idx[-1]) if j not in idx]) == (k - 1) * (d - 1) for _ in [0])
        return ok
    o53a = out_len(224, 7, 2, 3); o53b = len(pool2d(np.zeros((112, 112)), 3, 2, np.max, 1))
    def axes_independent():
        # the 2-D output shape is the 1-D relationship applied to each axis separately
        return all(xcorr2(np.ones((h, w)), np.ones((kh, kw)), s, p).shape == (out_len(h, kh, s, p), out_len(w, kw, s, p))
                   for h in (5, 8) for w in (4, 7) for kh in (1, 3) for kw in (2, 3) for s in (1, 2) for p in (0, 1))
    return [
        ('Everything in this chapter is stated for a single spatial axis.', lambda: axes_independent(), '2'),
        ('Without padding and with unit strides the kernel', lambda: starts_unit(), '0 1'),
        ('**Relationship 1.**', lambda: rel(lambda i, k, s, p, d: (i - k) + 1), '1 1 0 1'),
        ('Sliding a $3 \\times 3$ kernel over a $4 \\times 4$', lambda: E('3', 3) and E('3', 3) and E('4', 4) and E('4', 4)
            and EV(['2', '2'], xcorr2(np.ones((4, 4)), np.ones((3, 3))).shape)),
        ('Padding with $p$ zeros on each side', lambda: all(len(np.pad(np.zeros(i), p)) == i + 2 * p for i in I for p in P)
            and padded_is_rel5(), '2 1'),
        ('**Relationship 2.**', lambda: rel(lambda i, k, s, p, d: (i - k) + 2 * p + 1, pp=P), '2 1 2 1'),
        ('With $i = 5$, $k = 4$ and $p = 2$', lambda: E('5', 5) and E('4', 4) and E('2', 2) and E('5', 5) and E('4', 4)
            and E('4', 2 * 2) and E('1', 1) and E('6', out_len(5, 4, 1, 2)) and out_len(5, 4, 1, 2) > 5),
        ('Two values of $p$', GIVEN),
        ('*Half (same) padding.*', lambda: half(), '2 1 2'),
        ('**Relationship 3.**', lambda: half(), '3 2 2 1 2 2'),
        ('A $3 \\times 3$ kernel with $p = 1$', lambda: E('3', 3) and E('3', 3) and E('1', 1) and E('5', 5) and E('5', 5)
            and EV(['5', '5'], xcorr2(np.ones((5, 5)), np.ones((3, 3)), 1, 1).shape)),
        ('*Full padding.* With $p = k - 1$', lambda: full_pad(), '1'),
        ('**Relationship 4.**', lambda: full_pad(), '4 2 1 1 1'),
        ('For $i = 5$, $k = 3$ and $p = 2$ the output', lambda: E('5', 5) and E('3', 3) and E('2', 2)
            and EV(['7', '7'], xcorr2(np.ones((5, 5)), np.ones((3, 3)), 1, 2).shape)),
        ('the kernel may only start at $0, s, 2s', lambda: starts_stride(), '0 2'),
        ('**Relationship 5.**', lambda: rel(lambda i, k, s, p, d: (i - k) // s + 1, ss=S), '5 0 1'),
        ('For $i = 5$, $k = 3$ and $s = 2$: $o =', lambda: E('5', 5) and E('3', 3) and E('2', 2) and E('2', 5 - 3) and E('2', 2)
            and E('1', 1) and E('2', out_len(5, 3, 2))),
        ('The general case applies Relationship 5', lambda: padded_is_rel5(), '5 2'),
        ('**Relationship 6.**', lambda: rel(lambda i, k, s, p, d: (i + 2 * p - k) // s + 1, ss=S, pp=P), '6 2 1'),
        ('With $k = 3$, $s = 2$ and $p = 1$, an input', lambda: E('3', 3) and E('2', 2) and E('1', 1) and E('5', 5)
            and E('4', 5 + 2 - 3) and E('2', 2) and E('1', 1) and E('3', out_len(5, 3, 2, 1)) and E('6', 6)
            and E('5', 6 + 2 - 3) and E('2', 2) and E('1', 1) and E('3', out_len(6, 3, 2, 1))),
        ('Pooling layers obey exactly the same arithmetic.', lambda: E('224', 224) and E('224', 224) and E('7', 7) and E('7', 7)
            and E('2', 2) and E('3', 3) and E('3', 3) and E('3', 3) and E('2', 2) and E('1', 1)
            and all(pool2d(np.zeros((i, i)), k, s, np.max, p).shape[0] == out_len(i, k, s, p)
                    for i in range(3, 12) for k in (2, 3) for s in (1, 2) for p in (0, 1) if p <= k // 2)),
        ('\\left\\lfloor \\frac{224 + 6 - 7}{2}', lambda: E('224', 224) and E('6', 2 * 3) and E('7', 7) and E('2', 2)
            and E('1', 1) and E('111', (224 + 6 - 7) // 2) and E('1', 1) and E('112', o53a) and E('112', o53a) and E('2', 2 * 1) and E('3', 3)
            and E('2', 2) and E('1', 1) and E('55', (112 + 2 - 3) // 2) and E('1', 1) and E('56', o53b)),
        ('A dilation rate $d$ inserts', lambda: dil_span(), '1 1 1 6'),
        ('**Relationship 15.**', lambda: rel(lambda i, k, s, p, d: (i + 2 * p - k - (k - 1) * (d - 1)) // s + 1, ss=S, pp=P, dd=D),
            '15 2 1 1 1'),
        ('For $i = 7$, $k = 3$, $d = 2$, $s = 1$', lambda: E('7', 7) and E('3', 3) and E('2', 2) and E('1', 1) and E('0', 0)
            and E('3', 3) and E('2', 3 - 1) and E('1', 2 - 1) and E('5', 3 + (3 - 1) * (2 - 1)) and E('7', 7) and E('5', 5)
            and E('1', 1) and E('3', out_len(7, 3, 1, 0, 2))),
    ]

# ======================================================================= 02
@register('02_transposed_conv_d2l_zh.md')
def f02():
    X = np.array([[1.0, 2], [3, 0]]); K = np.array([[1.0, -1], [2, 1]])
    def trans_conv_code(X, K):              # the code cell, transcribed to numpy
        h, w = K.shape
        Y = np.zeros((X.shape[0] + h - 1, X.shape[1] + w - 1))
        for i in range(X.shape[0]):
            for j in range(X.shape[1]):
                Y[i: i + h, j: j + w] += X[i, j] * K
        return Y
    def placed(c, i, j, shape=(3, 3)):
        Z = np.zeros(shape); Z[i:i + 2, j:j + 2] = c * K; return Z
    def shape_s1():
        return all(tconv2d(rand(nh, nw), rand(kh, kw)).shape == (nh + kh - 1, nw + kw - 1)
                   for nh in (1, 2, 4) for nw in (2, 3) for kh in (1, 2, 3) for kw in (2, 4))
    def shape_s():
        return all(tconv2d(rand(n, n), rand(k, k), s).shape == ((n - 1) * s + k,) * 2 for n in (1, 2, 3, 5) for k in (1, 2, 3, 4) for s in (1, 2, 3))
    def conv_matrix(i, k, s=1, p=0, Kk=None):
        Kk = rand(k, k) if Kk is None else Kk
        cols = []
        for idx in range(i * i):
            e = np.zeros(i * i); e[idx] = 1
            cols.append(xcorr2(e.reshape(i, i), Kk, s, p).ravel())
        return np.array(cols).T, Kk
    def matrix_view():
        C, Kk = conv_matrix(4, 3)
        ok = C.shape == (4, 16) and C.T.shape == (16, 4)
        for _ in range(3):
            y = rand(2, 2)
            ok &= near(C.T @ y.ravel(), tconv2d(y, Kk).ravel())
            G = rand(4, 4)
            ok &= near(grad(lambda yy: np.sum(G * tconv2d(yy, Kk)), y).ravel(), C @ G.ravel())
            x = rand(16)
            ok &= not near(C.T @ C @ x, x, 1e-3)
        return ok
    def padding_is_crop():
        # transposed conv with padding p == adjoint of the conv with padding p, i.e. the full result cropped by p per side
        ok = True
        for (i, k, s, p) in [(5, 3, 2, 1), (6, 4, 2, 1), (7, 3, 1, 1), (8, 4, 2, 2), (5, 2, 1, 0)]:
            C, Kk = conv_matrix(i, k, s, p)
            o = out_len(i, k, s, p)
            y = rand(o, o)
            full = tconv2d(y, Kk, s)
            ok &= near((C.T @ y.ravel()).reshape(i, i), full[p:full.shape[0] - p, p:full.shape[1] - p][:i, :i])
        return ok
    def formula1():
        return all(tconv2d(rand(i, i), rand(k, k), s, p).shape[0] == (i - 1) * s + k - p
                   for i in (2, 3, 4) for k in (2, 3, 4) for s in (1, 2) for p in (0, 1) if 2 * p < (i - 1) * s + k)
    o_true = tconv2d(rand(3, 3), rand(4, 4), 2, 1).shape[0]
    o_car = (3 - 1) * 2 + 4 - 1
    return [
        ('暂时忽略通道，先考虑步幅为 1', lambda: shape_s1(), '1 1 1'),
        ('举个例子，取 $\\mathbf{X} = \\begin{bmatrix} 1 & 2', lambda: EV(['1', '2', '3', '0'], X) and EV(['1', '-1', '2', '1'], K)
            and E('1', X[0, 0]) and E('2', X[0, 1]) and E('3', X[1, 0]) and E('0', X[1, 1]) and not placed(X[1, 1], 1, 1).any()),
        ('$$\\mathbf{Y} = \\begin{bmatrix} 1 & -1 & 0 \\\\ 2 & 1 & 0', lambda: EV(['1', '-1', '0', '2', '1', '0', '0', '0', '0'], placed(1, 0, 0))
            and EV(['0', '2', '-2', '0', '4', '2', '0', '0', '0'], placed(2, 0, 1))
            and EV(['0', '0', '0', '3', '-3', '0', '6', '3', '0'], placed(3, 1, 0))
            and EV(['1', '1', '-2', '5', '2', '2', '6', '3', '0'], tconv2d(X, K))),
        ('下面的 `trans_conv` 实现了', lambda: all(near(trans_conv_code(A, B), tconv2d(A, B))
                                              for A, B in [(rand(2, 3), rand(2, 2)), (rand(3, 3), rand(3, 1))])),
        ('Y = torch.zeros((X.shape[0] + h - 1', lambda: trans_conv_code(rand(3, 2), rand(2, 4)).shape == tconv2d(rand(3, 2), rand(2, 4)).shape,
            '0 1 1 1'),
        ('对上面的 $\\mathbf{X}$ 和 $\\mathbf{K}$ 调用', lambda: EV(['1', '1', '-2', '5', '2', '2', '6', '3', '0'], trans_conv_code(X, K))),
        ('在转置卷积中，步幅作用于输出而不是输入', lambda: shape_s() and E('1', 1) and E('2', 2) and E('2', X.shape[0]) and E('1', 1)
            and E('2', 2) and E('2', 2) and E('4', tconv2d(X, K, 2).shape[0]) and E('2', 2) and E('2', 2)
            and np.count_nonzero(tconv2d(np.ones((2, 2)), np.ones((2, 2)), 2) > 1) == 0),
        ('$$\\mathbf{Y} = \\begin{bmatrix} 1 & -1 & 2 & -2', lambda: EV(['1', '-1', '2', '-2', '2', '1', '4', '2', '3', '-3', '0', '0', '6', '3', '0', '0'],
                                                                     tconv2d(X, K, 2))),
        ('把输入按行展平成向量', lambda: matrix_view() and E('4', 4) and E('4', 4) and E('3', 3) and E('3', 3) and E('1', 1)
            and E('2', 2) and E('2', 2) and E('4', 4) and E('16', 16) and E('16', 16) and E('4', 4) and E('4', 4) and E('16', 16)),
        ('与常规卷积不同，转置卷积的填充也作用在输出上', lambda: padding_is_crop()),
        ("$$o' = (i' - 1)\\,s + k - p.", lambda: formula1(), '1 1'),
        ("例如 $i' = 3$，$k = 4$", lambda: E('3', 3) and E('4', 4) and E('2', 2) and E('1', 1) and E('3', 3) and E('1', 1)
            and E('2', 2) and E('4', 4) and E('1', 1) and C('7', o_true, o_car)),
        ('也就是说，`nn.ConvTranspose2d(1, 1, kernel_size=4', lambda: E('1', 1) and E('1', 1) and E('4', 4) and E('2', 2) and E('1', 1)
            and E('3', 3) and E('3', 3) and C('7', o_true, o_car) and C('7', o_true, o_car) and E('2', 2) and o_car != 2 * 3),
        ('顺带验证一下形状上的"互逆"', lambda: E('4', 4) and E('2', 2) and E('1', 1) and E('7', 7) and E('7', 7) and E('7', 7)
            and E('2', 2) and E('4', 4) and E('2', 2) and E('1', 1) and E('3', out_len(7, 4, 2, 1)) and E('3', 3) and E('3', 3)),
    ]

# ======================================================================= 03
def layer_matrix(n_in, k, s):
    """1-D linear layer (all-positive window weights, no padding) as an (n_out, n_in) matrix"""
    cols = [conv1d(np.eye(n_in)[c], np.ones(k), s) for c in range(n_in)]
    return np.array(cols).T

def rf_and_jump(layers, n=200):
    """receptive field (support of one output's dependence on the input) and jump, measured empirically"""
    M = np.eye(n)
    for k, s in layers:
        M = layer_matrix(M.shape[0], k, s) @ M
    sup = [np.flatnonzero(M[r]) for r in range(2)]
    r = sup[0][-1] - sup[0][0] + 1
    j = sup[1][0] - sup[0][0] if len(layers) else 1
    return int(r), int(j)

@register('03_receptive_field_cs231n.md')
def f03():
    stack = [(3, 1), (3, 1), (2, 2), (3, 1), (3, 1), (2, 2), (3, 1)]
    rows = [rf_and_jump(stack[:l]) if l else (1, 1) for l in range(len(stack) + 1)]     # (r, j)
    W1 = np.zeros((64, 3, 3, 3)); b1 = np.zeros(64)
    vgg_out = conv_nchw(np.zeros((1, 3, 12, 12)), np.zeros((2, 3, 3, 3)), s=1, p=1).shape[2:]   # spatial size preserved
    n_out = 224 * 224 * 64
    def recursion():
        ok = True
        for _ in range(6):
            L = RNG.integers(1, 6); ks = RNG.integers(1, 5, L); ss = RNG.integers(1, 3, L)
            r, j = 1, 1
            for k, s in zip(ks, ss):
                r, j = r + (k - 1) * j, j * s
            closed = 1 + sum((ks[l] - 1) * np.prod(ss[:l]) for l in range(L))
            ok &= (r, j) == rf_and_jump(list(zip(ks, ss)), 300) and r == closed
        return ok
    def table_row(name, k, s, l):
        return lambda: stack[l - 1] == (k, s) and E(str(k), k) and E(str(s), s) and E(str(rows[l][1]), rows[l][1]) and E(str(rows[l][0]), rows[l][0])
    return [
        ('**Local connectivity, recap.**', lambda: E('224', 224) and E('3', 3) and E('3', 3) and E('3', 3) and E('3', 3)
            and E('27', W1[0].size) and rf_and_jump([(3, 1)])[0] == 3),
        ('*Real-world example.* The first layer of VGGNet', lambda: E('64', 64) and E('3', 3) and E('1', 1) and E('1', 1)
            and E('224', 224) and tuple(vgg_out) == (12, 12) and out_len(224, 3, 1, 1) == 224 and E('224', 224) and E('224', 224) and E('64', 64)
            and E('3211264', n_out) and E('64', W1.shape[0]) and E('64', 64) and E('27', 27) and E('1728', W1.size)
            and E('64', b1.size) and E('1792', nparams(W1.shape, b1.shape)) and E('3211264', n_out) and E('27', 27) and E('1', 1)
            and E('28', 28) and E('89915392', n_out * 28)),
        ('**Prefer a stack of small filters to one large filter.**', lambda: E('3', 3) and E('1', 1) and E('3', rf_and_jump([(3, 1)])[0])
            and E('3', 3) and E('5', rf_and_jump([(3, 1)] * 2)[0]) and E('5', 5) and E('7', rf_and_jump([(3, 1)] * 3)[0]) and E('7', 7)
            and E('7', rf_and_jump([(7, 1)])[0])),
        ('- it has fewer parameters.', lambda: E('7', 7) and E('7', 7) and E('7', 7) and all(nparams((c, c, 7, 7)) == 49 * c * c for c in (1, 3, 8))
            and E('49', 49) and E('2', 2) and E('3', 3) and E('3', 3) and E('3', 3) and E('3', 3)
            and all(3 * nparams((c, c, 3, 3)) == 27 * c * c for c in (1, 3, 8)) and E('27', 27) and E('2', 2)),
        ('For $C = 64$ that is', lambda: E('64', 64) and E('49', 49) and E('4096', 64 ** 2) and E('200704', nparams((64, 64, 7, 7)))
            and E('27', 27) and E('4096', 64 ** 2) and E('110592', 3 * nparams((64, 64, 3, 3)))),
        ('**Computing the receptive field of any stack.**', GIVEN),
        ('$$j_l = j_{l-1}\\, s_l', lambda: recursion(), '1 1'),
        ('Unrolling the recursion gives the closed form', lambda: recursion(), '1 1 1'),
        ('| layer | $k_l$', GIVEN),
        ('| input |', lambda: E('1', rows[0][1]) and E('1', rows[0][0]) and rf_and_jump([]) == (1, 1)),
        ('| CONV3 | 3 | 1 | 1 | 3 |', table_row('CONV3', 3, 1, 1)),
        ('| CONV3 | 3 | 1 | 1 | 5 |', table_row('CONV3', 3, 1, 2)),
        ('| POOL2 | 2 | 2 | 2 | 6 |', table_row('POOL2', 2, 2, 3)),
        ('| CONV3 | 3 | 1 | 2 | 10 |', table_row('CONV3', 3, 1, 4)),
        ('| CONV3 | 3 | 1 | 2 | 14 |', table_row('CONV3', 3, 1, 5)),
        ('| POOL2 | 2 | 2 | 4 | 16 |', table_row('POOL2', 2, 2, 6)),
        ('| CONV3 | 3 | 1 | 4 | 24 |', table_row('CONV3', 3, 1, 7)),
        ('Check with the closed form:', lambda: EV(['1', '2', '2', '1', '2', '2', '2', '2', '1', '2', '2', '4'],
                                                   [1, 2, 2, 1, 2, 2, 2, 2, 1, 2, 2, 4]) and E('24', 1 + 2 + 2 + 1 + 2 * 2 + 2 * 2 + 1 * 2 + 2 * 4)
            and [k - 1 for k, _ in stack] == [2, 2, 1, 2, 2, 1, 2] and E('3', 3) and E('24', rows[-1][0]) and E('24', rows[-1][0])
            and E('1', rows[3][0] - rows[2][0]) and E('2', rows[6][0] - rows[5][0])
            and rows[3][1] == 2 * rows[2][1] and rows[4][0] - rows[3][0] == 2 * (rows[2][0] - rows[1][0])
            and rows[7][0] - rows[6][0] == 2 * (rows[5][0] - rows[4][0]) and E('3', 3)),
    ]

# ======================================================================= 04
def macs(out_shape, w_shape_per_output):
    """multiply-accumulates = number of output values x taps per output value"""
    return int(np.zeros(out_shape).size * np.zeros(w_shape_per_output).size)

@register('04_param_macs_klausur_de.md', comma=True)
def f04():
    H, Cin, Cout, k = 56, 32, 64, 3
    Ho = out_len(H, k, 1, 1)
    Wstd, bstd = (Cout, Cin, k, k), (Cout,)
    Wdw, bdw = (Cin, 1, k, k), (Cin,)
    Wpw, bpw = (Cout, Cin, 1, 1), (Cout,)
    P_std = nparams(Wstd, bstd); P_dw = nparams(Wdw, bdw); P_pw = nparams(Wpw, bpw)
    M_std = macs((Ho, Ho, Cout), (k, k, Cin))
    M_dw = macs((Ho, Ho, Cin), (k, k)); M_pw = macs((Ho, Ho, Cout), (Cin,))
    P_pw_car = 2048 + 32; P_sep_car = 320 + 2080
    Ho2 = out_len(H, k, 2, 1)
    def small_check():
        # the per-channel structure of depthwise / pointwise really reproduces a factorised conv on a small case
        X = rand(1, 4, 5, 5); D = rand(4, 1, 3, 3); Pw = rand(6, 4, 1, 1)
        dw = np.array([[xcorr2(X[0, c], D[c, 0], 1, 1) for c in range(4)]])
        pw = conv_nchw(dw, Pw)
        Weq = Pw[:, :, 0, 0][:, :, None, None] * D[:, 0][None]
        return near(pw, conv_nchw(X, Weq, s=1, p=1))
    def ratio_identity():
        ok = True
        for _ in range(5):
            h, w, ci, co, kk = RNG.integers(1, 30, 5)
            lhs = (h * w * ci * kk ** 2 + h * w * ci * co) / (h * w * ci * kk ** 2 * co)
            ok &= abs(lhs - (1 / co + 1 / kk ** 2)) < 1e-12
        return ok and abs((M_dw + M_pw) / M_std - (1 / 64 + 1 / 9)) < 1e-12
    return [
        ('**Aufgabenstellung (Kurzfassung).**', lambda: E('56', H) and E('56', H) and E('32', Cin) and E('3', k) and E('3', k)
            and E('64', Cout) and E('1', 1) and E('1', 1)),
        ('$H_{\\text{out}} = \\lfloor (56 + 2 \\cdot 1 - 3)/1', lambda: E('56', H) and E('2', 2) and E('1', 1) and E('3', k) and E('1', 1)
            and E('1', 1) and E('56', Ho) and E('56', Ho) and EV(['56', '56', '64'], conv_nchw(np.zeros((1, 2, 56, 56)), np.zeros((64, 2, 3, 3)), p=1).shape[2:] + (Cout,))),
        ('Jeder der $64$ Filter hat die Form', lambda: E('64', Wstd[0]) and EV(['3', '3', '32'], Wstd[2:] + Wstd[1:2])),
        ('$$\\#W = k^2 \\cdot C_{\\text{in}}', lambda: E('2', 2) and E('3', 3) and E('3', 3) and E('32', 32) and E('64', 64)
            and E('18432', nparams(Wstd)) and E('64', nparams(bstd))),
        ('zusammen $18\\,496$ Parameter', lambda: E('18496', P_std)),
        ('Ein Ausgabewert braucht $k^2', lambda: E('2', 2) and E('288', macs((1,), (k, k, Cin))) and E('56', Ho) and E('56', Ho) and E('64', Cout)
            and E('200704', np.zeros((Ho, Ho, Cout)).size)),
        ('$$\\text{MACs} = H_{\\text{out}} W_{\\text{out}}', lambda: E('2', 2) and E('200704', Ho * Ho * Cout) and E('288', 288)
            and E('57802752', M_std) and C('57.8', M_std / 1e6)),
        ('*Typischer Fehler:*', lambda: E('54', out_len(56, 3, 1, 0)) and E('54', out_len(56, 3, 1, 0)) and out_len(56, 3, 1, 0) != Ho),
        ('Die Faltung wird ersetzt durch eine', lambda: small_check() and E('3', 3) and E('3', 3) and E('1', 1) and E('1', 1)
            and E('32', Cin) and E('64', Cout)),
        ('- Depthwise: $3 \\cdot 3 \\cdot 32 = 288$ Gewichte', lambda: E('3', 3) and E('3', 3) and E('32', 32) and E('288', nparams(Wdw))
            and E('32', nparams(bdw)) and E('320', P_dw)),
        ('- Pointwise: $1 \\cdot 1 \\cdot 32 \\cdot 64 = 2048$ Gewichte', lambda: E('1', 1) and E('1', 1) and E('32', 32) and E('64', 64)
            and E('2048', nparams(Wpw)) and E('32', nparams(bpw)) and E('2080', P_pw)),
        ('- Summe: $320 + 2080 = 2400$', lambda: E('320', P_dw) and C('2080', P_pw, P_pw_car) and C('2400', P_dw + P_pw, P_sep_car)),
        ('Gegenüber b) ist das eine Reduktion', lambda: E('18496', P_std) and C('2400', P_dw + P_pw, P_sep_car)
            and C('7.71', P_std / (P_dw + P_pw), P_std / P_sep_car)),
        ('- Depthwise: $56 \\cdot 56 \\cdot 32 \\cdot 9', lambda: E('56', Ho) and E('56', Ho) and E('32', Cin) and E('9', k * k)
            and E('903168', M_dw) and E('3', 3) and E('3', 3)),
        ('- Pointwise: $56 \\cdot 56 \\cdot 64 \\cdot 32', lambda: E('56', Ho) and E('56', Ho) and E('64', Cout) and E('32', Cin) and E('6422528', M_pw)),
        ('- Summe: $903\\,168 + 6\\,422\\,528', lambda: E('903168', M_dw) and E('6422528', M_pw) and E('7325696', M_dw + M_pw)),
        ('$$\\frac{H W C_{\\text{in}} k^2', lambda: ratio_identity() and E('64', Cout) and E('9', k * k), '2 2 1 1 2 1 1'),
        ('d. h. die Standardfaltung braucht', lambda: E('57802752', M_std) and E('7325696', M_dw + M_pw) and C('7.89', M_std / (M_dw + M_pw))),
        ('Mit $s = 2$ (sonst unverändert)', lambda: E('2', 2) and E('56', H) and E('2', 2) and E('3', k) and E('2', 2) and E('1', 1)
            and E('27', (56 + 2 - 3) // 2) and E('1', 1) and E('28', Ho2) and E('28', Ho2) and E('28', Ho2) and E('64', Cout)
            and E('288', 288) and E('14450688', macs((Ho2, Ho2, Cout), (k, k, Cin))) and M_std == 4 * macs((Ho2, Ho2, Cout), (k, k, Cin))),
    ]

# ======================================================================= 05
def pool1d(x, k, s, op):
    x = np.asarray(x, float)
    return np.array([op(x[t:t + k]) for t in placements(len(x), k, s)])

@register('05_pooling_backward_stackexchange.md')
def f05():
    X = np.array([[1.0, 4, 2, 0], [3, 2, 1, 5], [0, 6, 7, 1], [2, 1, 3, 8]])
    dY = np.array([[0.5, -1], [2, 0.25]])
    Y = pool2d(X, 2, 2, np.max); Ya = pool2d(X, 2, 2, np.mean)
    dX = grad(lambda Z: np.sum(dY * pool2d(Z, 2, 2, np.max)), X)
    dXa = grad(lambda Z: np.sum(dY * pool2d(Z, 2, 2, np.mean)), X)
    x1 = np.array([1.0, 3, 2, 5, 4]); dy1 = np.array([0.1, 0.2, 0.3, 0.4])
    y1 = pool1d(x1, 2, 1, np.max); dx1 = grad(lambda z: dy1 @ pool1d(z, 2, 1, np.max), x1)
    def max_local():
        ok = True
        for _ in range(5):
            x = rand(6); k = int(np.argmax(x)); g = rand()
            J = grad(lambda z: np.max(z), x)
            ok &= near(J, np.eye(6)[k]) and near(grad(lambda z: g * np.max(z), x), g * np.eye(6)[k])
        return ok
    def avg_local():
        return all(near(grad(np.mean, rand(n)), np.full(n, 1 / n)) for n in (2, 4, 9))
    def code_mask(XX, YY, dYY):
        mask = (XX == YY.repeat(2, axis=0).repeat(2, axis=1))
        return mask, mask * dYY.repeat(2, axis=0).repeat(2, axis=1)
    def ties():
        XX = np.array([[1.0, 3], [3, 0]]); m, _ = code_mask(XX, pool2d(XX, 2, 2, np.max), np.ones((1, 1)))
        return m.sum() == 2
    def sums():
        ok = True
        for _ in range(3):
            Z = rand(6, 6); G = rand(3, 3)
            ok &= abs(grad(lambda u: np.sum(G * pool2d(u, 2, 2, np.max)), Z).sum() - G.sum()) < 1e-6
            ok &= abs(grad(lambda u: np.sum(G * pool2d(u, 2, 2, np.mean)), Z).sum() - G.sum()) < 1e-6
        return ok
    def overlap_3x3():
        # 3x3 windows, stride 2 on a 5x5 map: the centre is in all four windows; make it the max of each
        Z = rand(5, 5, lo=0, hi=1); Z[2, 2] = 5.0; G = rand(2, 2)
        g = grad(lambda u: np.sum(G * pool2d(u, 3, 2, np.max)), Z)
        return abs(g[2, 2] - G.sum()) < 1e-6 and np.sum(np.abs(g) > 1e-9) == 1
    win = [tuple(int(v) for v in np.argwhere(dX != 0)[i]) for i in range(4)]
    return [
        ('Max pooling has no parameters', lambda: near(grad(lambda Z: np.sum(dY * pool2d(Z, 2, 2, np.max)), X) * (Y.repeat(2, 0).repeat(2, 1) != X), 0 * X)),
        ('Why: within one window', lambda: max_local()),
        ('$$\\frac{\\partial y}{\\partial x_i} = \\begin{cases} 1', lambda: max_local(), '1 0'),
        ('That is why implementations remember the argmax', GIVEN),
        ('**Worked example** (2x2 windows, stride 2)', lambda: E('2', 2) and E('2', 2)),
        ('$$X = \\begin{bmatrix} 1 & 4 & 2 & 0', lambda: EV(['1', '4', '2', '0', '3', '2', '1', '5', '0', '6', '7', '1', '2', '1', '3', '8'], X)
            and EV(['4', '5', '6', '8'], Y) and EV(['0.5', '-1', '2', '0.25'], dY)),
        ('The winners sit at (row, col)', lambda: EV(['0', '1', '1', '3', '2', '1', '3', '3'], win) and E('0', 0)),
        ('$$\\frac{\\partial L}{\\partial X} = \\begin{bmatrix} 0 & 0.5', lambda: CV(['0', '0.5', '0', '0', '0', '0', '0', '-1', '0', '2', '0', '0', '0', '0', '0', '0.25'], dX)),
        ('Twelve of the sixteen entries', lambda: np.sum(np.abs(dX) < 1e-9) == 12 and dX.size == 16),
        ('**Average pooling** is the opposite extreme', lambda: avg_local() and E('1', 1) and E('1', 1) and E('2', 2)
            and CV(['2.5', '2', '2.25', '4.75'], Ya) and E('2', 2)
            and all(np.ptp(dXa[2 * a:2 * a + 2, 2 * b:2 * b + 2]) < 1e-6 for a in range(2) for b in range(2))
            and CV(['0.125', '-0.25', '0.5', '0.0625'], dXa[::2, ::2])),
        ('**Overlapping windows** (stride < window size', lambda: overlap_3x3() and E('3', 3) and E('2', 2) and E('1', 1)
            and E('2', 2) and E('1', 1) and out_len(5, 2, 1) == 4),
        ('$$x = (1, 3, 2, 5, 4)', lambda: EV(['1', '3', '2', '5', '4'], x1) and EV(['3', '3', '5', '5'], y1) and EV(['0.1', '0.2', '0.3', '0.4'], dy1)
            and CV(['0', '0.3', '0', '0.7', '0'], dx1)),
        ('Here $x_2 = 3$ wins the first two windows', lambda: E('3', x1[1]) and [int(np.argmax(x1[t:t + 2])) + t for t in range(4)][:2] == [1, 1]
            and E('5', x1[3]) and [int(np.argmax(x1[t:t + 2])) + t for t in range(4)][2:] == [3, 3] and E('1', 1)
            and E('0.1', dy1[0]) and E('0.2', dy1[1]) and E('0.3', dy1[2]) and E('0.4', dy1[3])
            and abs(dx1[1] - (0.1 + 0.2)) < 1e-6 and abs(dx1[3] - (0.3 + 0.4)) < 1e-6),
        ('mask = (X == Y.repeat(2, axis=0)', lambda: code_mask(X, Y, dY)[0].sum() == 4 and all(code_mask(X, Y, dY)[0][r, c] for r, c in win), '2 0 2 1'),
        ('dX = mask * dY.repeat(2, axis=0)', lambda: near(code_mask(X, Y, dY)[1], dX), '2 0 2 1'),
        ('(With ties this mask would send', lambda: ties()),
        ('**Edit:** as a quick sanity check', lambda: sums() and E('0.5', dY[0, 0]) and E('1', -dY[0, 1]) and E('2', dY[1, 0]) and E('0.25', dY[1, 1])
            and C('1.75', dX.sum()) and abs(dXa.sum() - 1.75) < 1e-6),
    ]

# ======================================================================= 06
@register('06_conv1d_backward_homework.md')
def f06():
    x = np.array([2.0, -1, 3, 0, 1]); w = np.array([1.0, 0, -2]); b = 0.5; t = np.array([-3.0, 0, 1])
    Lf = lambda xx=x, ww=w, bb=b: 0.5 * np.sum((t - conv1d(xx, ww, b=bb)) ** 2)
    y = conv1d(x, w, b=b)
    d_true = grad(lambda yy: 0.5 * np.sum((t - yy) ** 2), y)
    d_car = t - y                                        # author's (sign-flipped) upstream gradient
    gw = grad(lambda ww: Lf(ww=ww), w); gb = fd(lambda bb: Lf(bb=bb), b); gx = grad(lambda xx: Lf(xx=xx), x)
    gw_car = np.array([d_car @ x[m:m + 3] for m in range(3)]); gb_car = d_car.sum()
    dpad_car = np.pad(d_car, 2); gx_car = np.array([dpad_car[j:j + 3] @ w[::-1] for j in range(5)])
    def formulas():
        ok = True
        for _ in range(4):
            xx, ww, bb, dd = rand(7), rand(3), rand(), rand(5)
            Lg = lambda X_=xx, W_=ww, B_=bb: dd @ conv1d(X_, W_, b=B_)
            ok &= near(grad(lambda u: Lg(W_=u), ww), [sum(dd[i] * xx[i + m] for i in range(5)) for m in range(3)])
            ok &= abs(fd(lambda u: Lg(B_=u), bb) - dd.sum()) < 1e-6
            ok &= near(grad(lambda u: Lg(X_=u), xx), [sum(dd[i] * ww[j - i] for i in range(5) if 0 <= j - i <= 2) for j in range(7)])
            ok &= near(grad(lambda u: Lg(W_=u), ww), conv1d(xx, dd))
            ok &= near(grad(lambda u: Lg(X_=u), xx), conv1d(np.pad(dd, 2), ww[::-1]))
        return ok
    return [
        ('*Setup (from the handout).*', lambda: EV(['2', '-1', '3', '0', '1'], x) and EV(['1', '0', '-2'], w) and E('0.5', b) and E('1', 1)),
        ('$$y_i = \\sum_{m=0}^{2} w_m', lambda: len(y) == 3 and E('2', len(w) - 1) and EV(['0', '1', '2'], range(len(y)))),
        ('so the output has length $5 - 3 + 1 = 3$', lambda: E('5', 5) and E('3', 3) and E('1', 1) and E('3', len(y))
            and E('1', 1) and E('2', 2) and E('2', 2) and EV(['-3', '0', '1'], t)),
        ('- $y_0 = 2\\cdot 1', lambda: E('2', x[0]) and E('1', w[0]) and E('-1', x[1]) and E('0', w[1]) and E('3', x[2]) and E('-2', w[2])
            and E('0.5', b) and E('2', x[0] * w[0]) and E('6', -x[2] * w[2]) and E('0.5', b) and E('-3.5', y[0])),
        ('- $y_1 = (-1)\\cdot 1', lambda: E('-1', x[1]) and E('1', w[0]) and E('3', x[2]) and E('0', w[1]) and E('0', x[3]) and E('-2', w[2])
            and E('0.5', b) and E('-0.5', y[1])),
        ('- $y_2 = 3\\cdot 1', lambda: E('3', x[2]) and E('1', w[0]) and E('0', x[3]) and E('0', w[1]) and E('1', x[4]) and E('-2', w[2])
            and E('0.5', b) and E('1.5', y[2])),
        ('$L = \\frac{1}{2}\\big((-3+3.5)^2', lambda: E('1', 1) and E('2', 2) and E('-3', t[0]) and E('3.5', -y[0]) and E('2', 2)
            and E('0', t[1]) and E('0.5', -y[1]) and E('2', 2) and E('1', t[2]) and E('1.5', y[2]) and E('2', 2) and E('1', 1) and E('2', 2)
            and EV(['0.25', '0.25', '0.25'], (t - y) ** 2) and E('0.375', Lf())),
        ('**(b) Backward formulas.**', lambda: formulas()),
        ('$$\\frac{\\partial L}{\\partial w_m} = \\sum_{i} \\delta_i', lambda: formulas(), '0 1 2 0'),
        ('So $\\partial L/\\partial w$ is the cross-correlation', lambda: formulas() and EV(['-2', '0', '1'], w[::-1])),
        ('$\\delta_i = \\frac{\\partial}{\\partial y_i}', lambda: ALL(E('1', 1), E('2', 2), E('2', 2), near(d_true, t - y),
            E('-3', t[0]), E('3.5', -y[0]), E('0', t[1]), E('0.5', -y[1]), E('1', t[2]), E('1.5', y[2]), CV(['0.5', '0.5', '-0.5'], d_true))),
        ('- $\\partial L/\\partial w_0 = 0.5\\cdot 2', lambda: C('0.5', d_true[0], d_car[0]) and E('2', x[0]) and C('0.5', d_true[1], d_car[1])
            and E('-1', x[1]) and C('-0.5', d_true[2], d_car[2]) and E('3', x[2]) and E('1', d_car[0] * x[0]) and E('0.5', -d_car[1] * x[1])
            and E('1.5', -d_car[2] * x[2]) and C('-1', gw[0], gw_car[0])),
        ('- $\\partial L/\\partial w_1 = 0.5\\cdot(-1)', lambda: C('0.5', d_car[0]) and E('-1', x[1]) and C('0.5', d_car[1]) and E('3', x[2])
            and C('-0.5', d_car[2]) and E('0', x[3]) and C('1', gw[1], gw_car[1])),
        ('- $\\partial L/\\partial w_2 = 0.5\\cdot 3', lambda: C('0.5', d_car[0]) and E('3', x[2]) and C('0.5', d_car[1]) and E('0', x[3])
            and C('-0.5', d_car[2]) and E('1', x[4]) and C('1', gw[2], gw_car[2])),
        ('- $\\partial L/\\partial b = 0.5 + 0.5 - 0.5', lambda: C('0.5', d_car[0]) and C('0.5', d_car[1]) and C('0.5', -d_car[2])
            and C('0.5', gb, gb_car)),
        ('For $\\partial L/\\partial x$, padded $\\delta', lambda: CV(['0', '0', '0.5', '0.5', '-0.5', '0', '0'], np.pad(d_true, 2), dpad_car)
            and EV(['-2', '0', '1'], w[::-1])),
        ('- $\\partial L/\\partial x_0 = 0 + 0', lambda: E('0', 0) and E('0', 0) and C('0.5', d_car[0]) and E('1', w[0]) and C('0.5', gx[0], gx_car[0])),
        ('- $\\partial L/\\partial x_1 = 0 + 0.5', lambda: E('0', 0) and C('0.5', d_car[0]) and E('0', w[1]) and C('0.5', d_car[1]) and E('1', w[0])
            and C('0.5', gx[1], gx_car[1])),
        ('- $\\partial L/\\partial x_2 = 0.5\\cdot(-2)', lambda: C('0.5', d_car[0]) and E('-2', w[2]) and C('0.5', d_car[1]) and E('0', w[1])
            and C('-0.5', d_car[2]) and E('1', w[0]) and C('-1.5', gx[2], gx_car[2])),
        ('- $\\partial L/\\partial x_3 = 0.5\\cdot(-2)', lambda: C('0.5', d_car[1]) and E('-2', w[2]) and C('-0.5', d_car[2]) and E('0', w[1])
            and E('0', 0) and C('-1', gx[3], gx_car[3])),
        ('- $\\partial L/\\partial x_4 = (-0.5)\\cdot(-2)', lambda: C('-0.5', d_car[2]) and E('-2', w[2]) and E('0', 0) and E('0', 0)
            and C('1', gx[4], gx_car[4])),
        ('So $\\nabla_x L = (0.5, 0.5, -1.5, -1, 1)$', lambda: CV(['0.5', '0.5', '-1.5', '-1', '1'], gx, gx_car)
            and CV(['-1', '1', '1'], gw, gw_car) and C('0.5', gb, gb_car)),
        ('**(d) One SGD step** with $\\eta = 0.1$', lambda: E('0.1', 0.1) and CV(['1.1', '-0.1', '-2.1'], w - 0.1 * gw, w - 0.1 * gw_car)
            and E('0.5', b) and E('0.1', 0.1) and C('0.5', gb, gb_car) and C('0.45', b - 0.1 * gb, b - 0.1 * gb_car)),
    ]

# ======================================================================= 07
@register('07_conv2d_backward_goodfellow.md')
def f07():
    # the book's formulas, translated from 1-based to 0-based indices: (j-1)*s+m  ->  j*s+m
    def c_book(K, V, s):
        Co, Ci, kh, kw = K.shape; Ho = (V.shape[1] - kh) // s + 1; Wo = (V.shape[2] - kw) // s + 1
        Z = np.zeros((Co, Ho, Wo))
        for i in range(Co):
            for j in range(Ho):
                for k in range(Wo):
                    Z[i, j, k] = sum(V[l, j * s + m, k * s + n] * K[i, l, m, n]
                                     for l in range(Ci) for m in range(kh) for n in range(kw))
        return Z
    def g_book(G, V, s, kshape):
        g = np.zeros(kshape)
        for i, j, k, l in np.ndindex(kshape):
            g[i, j, k, l] = sum(G[i, m, n] * V[j, m * s + k, n * s + l] for m in range(G.shape[1]) for n in range(G.shape[2]))
        return g
    def h_book(K, G, s, vshape):
        h = np.zeros(vshape); Co, Ci, kh, kw = K.shape
        for i, j, k in np.ndindex(vshape):
            h[i, j, k] = sum(K[q, i, m, p] * G[q, l, n]
                             for l in range(G.shape[1]) for m in range(kh) if l * s + m == j
                             for n in range(G.shape[2]) for p in range(kw) if n * s + p == k
                             for q in range(Co))
        return h
    def eq98():
        ok = True
        for s in (1, 2):
            K = rand(2, 3, 2, 3); V = rand(3, 6, 7)
            ok &= near(c_book(K, V, s), conv_nchw(V[None], K, s=s)[0])
        return ok
    def eq911():
        ok = True
        for s in (1, 2):
            K = rand(2, 3, 2, 3); V = rand(3, 6, 7); G = rand(*c_book(K, V, s).shape)
            ok &= near(grad(lambda KK: np.sum(G * conv_nchw(V[None], KK, s=s)[0]), K), g_book(G, V, s, K.shape))
        return ok
    def eq913():
        ok = True
        for s in (1, 2):
            K = rand(2, 3, 2, 3); V = rand(3, 6, 7); G = rand(*c_book(K, V, s).shape)
            ok &= near(grad(lambda VV: np.sum(G * conv_nchw(VV[None], K, s=s)[0]), V), h_book(K, G, s, V.shape))
        return ok
    def single():
        ok = True
        for _ in range(3):
            V = rand(4, 5); K = rand(2, 3); G = rand(3, 3)
            J = lambda VV, KK: np.sum(G * xcorr2(VV, KK))
            ok &= near(grad(lambda KK: J(V, KK), K), xcorr2(V, G))
            dV = grad(lambda VV: J(VV, K), V)
            ok &= near(dV, xcorr2(np.pad(G, ((1, 1), (2, 2))), np.rot90(K, 2)))
            ok &= near(dV, [[sum(G[l, n] * K[j - l, k - n] for l in range(3) for n in range(3) if 0 <= j - l < 2 and 0 <= k - n < 3)
                             for k in range(5)] for j in range(4)])
        return ok
    V = np.array([[1.0, 2, 0], [0, 1, 3], [2, 1, 1]]); K = np.array([[1.0, -1], [0, 2]]); G = np.array([[1.0, 0], [-1, 2]])
    Z = xcorr2(V, K)
    dK = grad(lambda KK: np.sum(G * xcorr2(V, KK)), K); dV = grad(lambda VV: np.sum(G * xcorr2(VV, K)), V)
    Kr = np.rot90(K, 2); dVr = np.round(dV, 6)
    return [
        ('Suppose we want to train a convolutional network that incorporates strided', GIVEN),
        ('$$\\mathsf{Z}_{i,j,k} = c(\\mathsf{K}, \\mathsf{V}, s)_{i,j,k}', lambda: eq98(), '9.8'),
        ('Here $\\mathsf{K}_{i,l,m,n}$ connects channel', lambda: eq98() and not near(conv_nchw(np.eye(3)[None, None], np.arange(4.0).reshape(1, 1, 2, 2))[0, 0],
                                                                                conv_nchw(np.eye(3)[None, None], np.arange(4.0)[::-1].reshape(1, 1, 2, 2))[0, 0]), '1'),
        ('Suppose we want to minimize some loss function', GIVEN),
        ('To train the network, we need the derivatives', lambda: eq911()),
        ('$$g(\\mathsf{G}, \\mathsf{V}, s)_{i,j,k,l}', lambda: eq911(), '9.11'),
        ('If this layer is not the bottom layer', lambda: eq913()),
        ('$$h(\\mathsf{K}, \\mathsf{G}, s)_{i,j,k}', lambda: eq913(), '9.13'),
        ('With a single channel and unit stride these reduce', lambda: single() and E('9.11', 9.11) and E('9.13', 9.13) and E('180', 180)),
        ('$$V = \\begin{bmatrix} 1 & 2 & 0', lambda: EV(['1', '2', '0', '0', '1', '3', '2', '1', '1'], V) and EV(['1', '-1', '0', '2'], K)),
        ('The forward pass gives, for example, $Z_{1,1}', lambda: EV(['1', '2', '0', '2'], [V[0, 0] * K[0, 0], -V[0, 1] * K[0, 1], V[1, 0] * K[1, 0], V[1, 1] * K[1, 1]])
            and E('1', Z[0, 0]) and EV(['2', '0', '0', '6'], [V[0, 1] * K[0, 0], V[0, 2] * K[0, 1], V[1, 1] * K[1, 0], V[1, 2] * K[1, 1]]) and E('8', Z[0, 1])),
        ('$$Z = \\begin{bmatrix} 1 & 8', lambda: EV(['1', '8', '1', '0'], Z)),
        ('Let the gradient arriving from above be', lambda: EV(['1', '0', '-1', '2'], G)
            and EV(['1', '2', '0', '0', '-1', '1', '2', '3'], [G[0, 0], V[0, 1], G[0, 1], V[0, 2], G[1, 0], V[1, 1], G[1, 1], V[1, 2]])
            and C('7', dK[0, 1])),
        ('$$\\frac{\\partial J}{\\partial K} = \\begin{bmatrix} 3 & 7', lambda: CV(['3', '7', '0', '2'], dK) and near(dK, xcorr2(V, G))),
        ('For the input gradient we pad $G$', lambda: EV(['2', '0', '-1', '1'], Kr) and near(xcorr2(np.pad(G, 1), Kr), dV)),
        ('$$\\frac{\\partial J}{\\partial V} = \\begin{bmatrix} 1 & -1 & 0', lambda: CV(['1', '-1', '0', '-1', '5', '-2', '0', '-2', '4'], dV)),
        ('The centre entry, for example, collects all four', lambda: EV(['2', '0', '1', '2'], [G[0, 0] * K[1, 1], G[0, 1] * K[1, 0], G[1, 0] * K[0, 1], G[1, 1] * K[0, 0]])
            and C('5', dV[1, 1])
            and sum(1 for r in range(2) for c in range(2) if r <= 1 < r + 2 and c <= 1 < c + 2) == 4     # windows containing V_22
            and sum(1 for r in range(2) for c in range(2) if r <= 0 < r + 2 and c <= 0 < c + 2) == 1     # windows containing V_11
            and abs(dV[0, 0] - G[0, 0] * K[0, 0]) < 1e-6 and C('1', dV[0, 0])),
        ('Since $Z$ is linear in $V$ (there is no bias here)', lambda: abs(np.sum(V * dV) - np.sum(G * Z)) < 1e-6
            and EV(['1', '2', '5', '6', '2', '4'], [V[0, 0] * dVr[0, 0], -V[0, 1] * dVr[0, 1], V[1, 1] * dVr[1, 1], -V[1, 2] * dVr[1, 2], -V[2, 1] * dVr[2, 1], V[2, 2] * dVr[2, 2]])
            and np.count_nonzero(V * dVr) == 6
            and C('0', np.sum(V * dV)) and EV(['1', '1', '0', '8', '-1', '1', '2', '0'], [G[0, 0], Z[0, 0], G[0, 1], Z[0, 1], G[1, 0], Z[1, 0], G[1, 1], Z[1, 1]])
            and E('0', np.sum(G * Z))),
    ]

# ======================================================================= 08
def im2col(X, k, s=1, p=0):
    """X (N,C,H,W) -> (C*k*k, N*H'*W'), rows ordered (c,u,v), columns ordered (n,h,w)"""
    N, Cc, H, W = X.shape
    Xp = np.pad(X, ((0, 0), (0, 0), (p, p), (p, p)))
    rs = placements(H, k, s, p); cs = placements(W, k, s, p)
    rows = []
    for c in range(Cc):
        for u in range(k):
            for v in range(k):
                rows.append(np.stack([Xp[:, c, r + u, :][:, [q + v for q in cs]] for r in rs], axis=1).reshape(-1))
    return np.array(rows)

def col2im(cols, xshape, k, s=1, p=0):
    N, Cc, H, W = xshape
    Xp = np.zeros((N, Cc, H + 2 * p, W + 2 * p))
    rs = placements(H, k, s, p); cs = placements(W, k, s, p)
    idx = 0
    for c in range(Cc):
        for u in range(k):
            for v in range(k):
                blk = cols[idx].reshape(N, len(rs), len(cs)); idx += 1
                for a, r in enumerate(rs):
                    for b_, q in enumerate(cs):
                        Xp[:, c, r + u, q + v] += blk[:, a, b_]
    return Xp[:, :, p:p + H, p:p + W]

@register('08_im2col_shapes_blog.md')
def f08():
    N, Cc, H, k, F, P = 8, 3, 32, 5, 16, 2
    X = rand(N, Cc, H, H); Wt = rand(F, Cc, k, k); b = rand(F)
    Xc = im2col(X, k, 1, P); Wr = Wt.reshape(16, -1)
    out = Wr @ Xc + b.reshape(-1, 1)
    out4 = out.reshape(16, 8, 32, 32).transpose(1, 0, 2, 3)
    Ho = out_len(H, k, 1, P)
    # small case for values / gradients
    xs = rand(2, 3, 6, 6); ws = rand(4, 3, 3, 3); bs = rand(4); G = rand(2, 4, 6, 6)
    def small_forward():
        o = (ws.reshape(4, -1) @ im2col(xs, 3, 1, 1) + bs.reshape(-1, 1)).reshape(4, 2, 6, 6).transpose(1, 0, 2, 3)
        return near(o, conv_nchw(xs, ws, bs, 1, 1))
    def small_backward():
        Xcs = im2col(xs, 3, 1, 1); dYr = G.transpose(1, 0, 2, 3).reshape(4, -1)
        L = lambda XX, WW, BB: np.sum(G * conv_nchw(XX, WW, BB, 1, 1))
        ok = near(grad(lambda WW: L(xs, WW, bs), ws).reshape(4, -1), dYr @ Xcs.T)
        ok &= near(grad(lambda BB: L(xs, ws, BB), bs), dYr.sum(axis=1))
        ok &= near(grad(lambda XX: L(XX, ws, bs), xs), col2im(ws.reshape(4, -1).T @ dYr, xs.shape, 3, 1, 1))
        return ok
    def copies():
        Xi = np.arange(N * Cc * H * H, dtype=float).reshape(N, Cc, H, H) + 1
        cnt = np.bincount(im2col(Xi, k, 1, P).astype(int).ravel(), minlength=Xi.size + 1)
        return cnt[int(Xi[0, 0, 10, 10])] == 25 and cnt[int(Xi[0, 0, 0, 0])] < 25
    Ho_v = out_len(H, k, 1, 0); Ho_car = 32 - 5
    SB = small_backward()
    return [
        ('Every "fast" convolution I have ever read', lambda: small_forward()),
        ('A batch of $N = 8$ RGB images', lambda: E('8', N) and E('3', Cc) and E('32', H) and E('16', F) and E('5', k) and E('5', k)
            and E('1', 1) and E('2', P)),
        ("$$H' = \\frac{H + 2P - k}{S} + 1", lambda: all(out_len(h, kk, s, p) == (h + 2 * p - kk) / s + 1
                                                      for h in range(5, 20) for kk in (1, 3, 5) for s in (1, 2) for p in (0, 1, 2) if (h + 2 * p - kk) % s == 0)
            and E('2', 2) and E('1', 1) and E('32', H) and E('4', 2 * P) and E('5', k) and E('1', 1) and E('1', 1) and E('32', Ho) and E('32', Ho)),
        ('- Each receptive field is a $C \\times k \\times k$ block', lambda: E('2', 2) and E('3', Cc) and E('25', k * k) and E('75', Xc.shape[0])),
        ('- There is one column per output pixel per image', lambda: E('8', N) and E('32', Ho) and E('32', Ho) and E('8192', Xc.shape[1])),
        ('- So `X_col` has shape $75 \\times 8192$', lambda: EV(['75', '8192'], Xc.shape) and EV(['16', '75'], Wr.shape)),
        ('- `W_row @ X_col` is $16 \\times 8192$', lambda: EV(['16', '8192'], (Wr @ Xc).shape) and EV(['16', '1'], b.reshape(-1, 1).shape)
            and EV(['16', '8', '32', '32'], out.reshape(16, 8, 32, 32).shape) and EV(['8', '16', '32', '32'], out4.shape)
            and near(out4[1, :, 5, 7], [np.sum(X[1, :, 3:8, 5:10] * Wt[f]) + b[f] for f in range(16)])),
        ('X_col = im2col(X, 5, 5, stride=1, pad=2)', lambda: E('5', k) and E('5', k) and E('1', 1) and E('2', P) and EV(['75', '8192'], Xc.shape)),
        ('W_row = W.reshape(16, -1)', lambda: E('16', F) and E('-1', -1) and EV(['16', '75'], Wr.shape)),
        ('out = W_row @ X_col + b.reshape(-1, 1)', lambda: E('-1', -1) and E('1', 1) and EV(['16', '8192'], out.shape)),
        ('out = out.reshape(16, 8, 32, 32).transpose(1, 0, 2, 3)', lambda: small_forward() and out4.shape == (8, 16, 32, 32), '16 8 32 32 1 0 2 3'),
        ('The price is memory:', lambda: E('75', 75) and E('8192', 8192) and E('614400', Xc.size) and E('8', N) and E('3', Cc) and E('32', H)
            and E('32', H) and E('24576', X.size) and E('25', Xc.size // X.size) and E('2', 2) and E('1', 1) and Xc.size == 25 * X.size
            and Xc.shape[1] == N * H * H and E('2', 2) and copies()),
        ('Let `dout` be the upstream gradient', lambda: E('8', 8) and E('16', 16) and E('32', 32) and E('32', 32)
            and EV(['1', '0', '2', '3'], [1, 0, 2, 3]) and E('16', 16) and E('-1', -1)
            and EV(['16', '8192'], rand(8, 16, 32, 32).transpose(1, 0, 2, 3).reshape(16, -1).shape) and SB),
        ('$$\\frac{\\partial L}{\\partial W_{\\text{row}}} =', lambda: SB
            and EV(['16', '8192', '8192', '75', '16', '75'], [16, Xc.shape[1], Xc.shape[1], Xc.shape[0], *(np.zeros((16, 8192)) @ Xc.T).shape])),
        ('$$\\frac{\\partial L}{\\partial X_{\\text{col}}} =', lambda: SB
            and EV(['75', '16', '16', '8192', '75', '8192'], [*Wr.T.shape, 16, 8192, *(Wr.T @ np.zeros((16, 8192))).shape])),
        ('and $\\partial L/\\partial b$ is `dY_row.sum(axis=1)`', lambda: SB and E('1', 1) and E('16', F) and copies()
            and E('25', 25) and E('25', 25) and EV(['8', '3', '32', '32'], col2im(np.zeros((75, 8192)), X.shape, 5, 1, 2).shape)),
        ('Same layer with $P = 0$ ("valid")', lambda: E('0', 0)),
        ("$$H' = W' = 32 - 5 = 27,$$", lambda: E('32', H) and E('5', k) and E('27', Ho_v)),
        ('so there are $8 \\cdot 27 \\cdot 27 = 5832$ columns', lambda: E('8', N) and C('27', Ho_v, Ho_car) and C('27', Ho_v, Ho_car)
            and C('5832', N * Ho_v ** 2, N * Ho_car ** 2) and E('75', 75) and C('5832', N * Ho_v ** 2, N * Ho_car ** 2)
            and EV(['8', '16'], [8, 16]) and C('27', Ho_v, Ho_car) and C('27', Ho_v, Ho_car)),
        ('The weight shapes do not change at all', lambda: EV(['16', '75'], Wr.shape) and EV(['16', '75'], Wr.shape)
            and im2col(rand(1, 3, 32, 32), 5, 1, 0).shape[0] == 75 and E('8192', Xc.shape[1]) and C('5832', N * Ho_v ** 2, N * Ho_car ** 2)),
    ]

# ======================================================================= 09
def avgpool_nchw(X, k, s):
    return np.array([[pool2d(X[n, c], k, s, np.mean) for c in range(X.shape[1])] for n in range(X.shape[0])])

@register('09_lenet_shapes_notebook.md')
def f09():
    layers = [('Conv2d', (6, 1, 5, 5), (6,), dict(p=2)), ('Sigmoid',), ('AvgPool2d', 2, 2),
              ('Conv2d', (16, 6, 5, 5), (16,), dict(p=0)), ('Sigmoid',), ('AvgPool2d', 2, 2), ('Flatten',),
              ('Linear', (400, 120), (120,)), ('Sigmoid',), ('Linear', (120, 84), (84,)), ('Sigmoid',), ('Linear', (84, 10), (10,))]
    def run(X):
        shapes, params, macs_ = [], [], []
        for L in layers:
            if L[0] == 'Conv2d':
                W = RNG.standard_normal(L[1]); b = np.zeros(L[2]); X = conv_nchw(X, W, b, 1, L[3]['p'])
                params.append(W.size + b.size); macs_.append(X[0].size * W[0].size)
            elif L[0] == 'Sigmoid':
                X = 1 / (1 + np.exp(-X))
            elif L[0] == 'AvgPool2d':
                X = avgpool_nchw(X, L[1], L[2])
            elif L[0] == 'Flatten':
                X = X.reshape(X.shape[0], -1)
            else:
                W = RNG.standard_normal(L[1]); b = np.zeros(L[2]); X = X @ W + b
                params.append(W.size + b.size); macs_.append(W.size)
            shapes.append(X.shape)
        return shapes, params, macs_
    S, Pm, M = run(RNG.random((1, 1, 28, 28)))
    def shapes32():
        X = RNG.random((1, 1, 32, 32)); sp = [32]
        for L in layers[:7]:
            if L[0] == 'Conv2d':
                X = conv_nchw(X, np.zeros(L[1]), None, 1, L[3]['p']); sp.append(X.shape[2])
            elif L[0] == 'AvgPool2d':
                X = avgpool_nchw(X, 2, 2); sp.append(X.shape[2])
            elif L[0] == 'Flatten':
                X = X.reshape(1, -1)
        return sp, X.shape[1]
    sp32, f32 = shapes32()
    def out_line(i, name, dims):
        return lambda: layers[i][0] == name and EV(dims, S[i])
    return [
        ('Before running anything, do the bookkeeping on paper.', lambda: E('28', 28) and E('28', 28) and EV(['1', '1', '28', '28'], (1, 1, 28, 28))
            and all(out_len(i, k, s, p) == (i + 2 * p - k) // s + 1 for i in range(4, 30) for k in (2, 5) for s in (1, 2) for p in (0, 2)),
            '2 1'),
        ('- `Conv2d(1, 6, kernel_size=5, padding=2)`', lambda: EV(['1', '6', '5', '2'], [1, 6, 5, 2]) and E('28', 28) and E('4', 4) and E('5', 5)
            and E('1', 1) and E('1', 1) and E('28', S[0][2]) and EV(['6', '28', '28'], S[0][1:])),
        ('- `AvgPool2d(kernel_size=2, stride=2)`: $o = \\lfloor (28 - 2)/2', lambda: E('2', 2) and E('2', 2) and E('28', 28) and E('2', 2)
            and E('2', 2) and E('1', 1) and E('14', S[2][2]) and EV(['6', '14', '14'], S[2][1:])),
        ('- `Conv2d(6, 16, kernel_size=5)`', lambda: EV(['6', '16', '5'], [6, 16, 5]) and E('14', 14) and E('5', 5) and E('1', 1)
            and E('10', S[3][2]) and EV(['16', '10', '10'], S[3][1:])),
        ('- `AvgPool2d(kernel_size=2, stride=2)`: $o = \\lfloor (10 - 2)/2', lambda: E('2', 2) and E('2', 2) and E('10', 10) and E('2', 2)
            and E('2', 2) and E('1', 1) and E('5', S[5][2]) and EV(['16', '5', '5'], S[5][1:])),
        ('- `Flatten()`: $16 \\cdot 5 \\cdot 5 = 400$', lambda: EV(['16', '5', '5'], S[5][1:]) and E('400', S[6][1]) and layers[7][1][0] == S[6][1]),
        ('Parameters (weights + biases), with', lambda: E('2', 2) and Pm[0] == 6 * 1 * 5 ** 2 + 6 and Pm[2] == 400 * 120 + 120),
        ('| conv1 | $6 \\times 28 \\times 28$', lambda: EV(['6', '28', '28'], S[0][1:]) and EV(['6', '1', '25', '6'], [6, 1, 25, 6]) and E('156', Pm[0])),
        ('| conv2 | $16 \\times 10 \\times 10$', lambda: EV(['16', '10', '10'], S[3][1:]) and EV(['16', '6', '25', '16'], [16, 6, 25, 16]) and E('2416', Pm[1])),
        ('| fc1 | $120$', lambda: E('120', S[7][1]) and EV(['400', '120', '120'], [400, 120, 120]) and E('48120', Pm[2])),
        ('| fc2 | $84$', lambda: E('84', S[9][1]) and EV(['120', '84', '84'], [120, 84, 84]) and E('10164', Pm[3])),
        ('| fc3 | $10$', lambda: E('10', S[11][1]) and EV(['84', '10', '10'], [84, 10, 10]) and E('850', Pm[4])),
        ('Total: $156 + 2416', lambda: EV(['156', '2416', '48120', '10164', '850'], Pm) and E('61706', sum(Pm))
            and LIT('80', 75 <= 100 * Pm[2] / sum(Pm) < 80) and EV(['117600', '240000'], M[:2]) and E('357600', sum(M[:2]))
            and E('416520', sum(M)) and C('86', 100 * sum(M[:2]) / sum(M))),
        ('    nn.Conv2d(1, 6, kernel_size=5, padding=2), nn.Sigmoid(),', lambda: layers[0][1] == (6, 1, 5, 5) and layers[0][3]['p'] == 2
            and E('6', S[1][1]) and S[1][1:] == (6, 28, 28), '1 6 5 2'),
        ('stride=2),                     # 6x14x14', lambda: layers[2][1:] == (2, 2) and E('6', S[2][1]) and S[2][1:] == (6, 14, 14), '2 2'),
        ('    nn.Conv2d(6, 16, kernel_size=5), nn.Sigmoid(),', lambda: layers[3][1] == (16, 6, 5, 5) and layers[3][3]['p'] == 0
            and E('16', S[4][1]) and S[4][1:] == (16, 10, 10), '6 16 5'),
        ('    nn.AvgPool2d(kernel_size=2, stride=2), nn.Flatten(),', lambda: layers[5][1:] == (2, 2) and layers[6][0] == 'Flatten'
            and E('16', S[5][1]) and S[5][1:] == (16, 5, 5) and E('400', S[6][1]), '2 2'),
        ('    nn.Linear(16 * 5 * 5, 120), nn.Sigmoid(),', lambda: layers[7][1] == (16 * 5 * 5, 120), '16 5 5 120'),
        ('    nn.Linear(120, 84), nn.Sigmoid(),', lambda: layers[9][1] == (120, 84), '120 84'),
        ('    nn.Linear(84, 10))', lambda: layers[11][1] == (84, 10), '84 10'),
        ('X = torch.rand(size=(1, 1, 28, 28)', lambda: S[0][0] == 1, '1 1 28 28'),
        ('    Conv2d output shape:\t torch.Size([1, 6, 28, 28])', out_line(0, 'Conv2d', ['1', '6', '28', '28'])),
        ('    Sigmoid output shape:\t torch.Size([1, 6, 28, 28])', out_line(1, 'Sigmoid', ['1', '6', '28', '28'])),
        ('    AvgPool2d output shape:\t torch.Size([1, 6, 14, 14])', out_line(2, 'AvgPool2d', ['1', '6', '14', '14'])),
        ('    Conv2d output shape:\t torch.Size([1, 16, 10, 10])', out_line(3, 'Conv2d', ['1', '16', '10', '10'])),
        ('    Sigmoid output shape:\t torch.Size([1, 16, 10, 10])', out_line(4, 'Sigmoid', ['1', '16', '10', '10'])),
        ('    AvgPool2d output shape:\t torch.Size([1, 16, 5, 5])', out_line(5, 'AvgPool2d', ['1', '16', '5', '5'])),
        ('    Flatten output shape:\t torch.Size([1, 400])', out_line(6, 'Flatten', ['1', '400'])),
        ('    Linear output shape:\t torch.Size([1, 120])', out_line(7, 'Linear', ['1', '120'])),
        ('    Sigmoid output shape:\t torch.Size([1, 120])', out_line(8, 'Sigmoid', ['1', '120'])),
        ('    Linear output shape:\t torch.Size([1, 84])', out_line(9, 'Linear', ['1', '84'])),
        ('    Sigmoid output shape:\t torch.Size([1, 84])', out_line(10, 'Sigmoid', ['1', '84'])),
        ('    Linear output shape:\t torch.Size([1, 10])', out_line(11, 'Linear', ['1', '10'])),
        ('    parameters: 61706', lambda: E('61706', sum(Pm))),
        ('Everything matches the table. A classic pitfall', lambda: E('32', 32) and E('32', 32) and E('2', 2)
            and EV(['32', '32', '16', '12', '6'], sp32) and EV(['16', '6', '6'], [16, sp32[-1], sp32[-1]]) and E('576', f32)
            and E('1', 1) and E('400', layers[7][1][0]) and layers[7][1][1] == 120 and f32 != layers[7][1][0]),
    ]

# ======================================================================= 10
@register('10_biais_conv_gradient_fr.md', comma=True)
def f10():
    def conv_def():
        ok = True
        for _ in range(2):
            X = rand(2, 3, 5, 5); W = rand(4, 3, 2, 2); b = rand(4)
            Y = conv_nchw(X, W, b)
            Yd = np.array([[[[b[f] + sum(W[f, c, u, v] * X[n, c, i + u, j + v] for c in range(3) for u in range(2) for v in range(2))
                              for j in range(4)] for i in range(4)] for f in range(4)] for n in range(2)])
            ok &= near(Y, Yd)
        return ok
    def one_by_one():
        ok = True
        for _ in range(3):
            X = rand(2, 3, 3, 4); W = rand(5, 3); b = rand(5); G = rand(2, 5, 3, 4)
            Y = conv_nchw(X, W[:, :, None, None], b)
            ok &= near(Y, np.einsum('fc,nchw->nfhw', W, X) + b[None, :, None, None])
            ok &= nparams((5, 3, 1, 1), (5,)) == 5 * 3 + 5
            L = lambda XX, WW: np.sum(G * conv_nchw(XX, WW[:, :, None, None], b))
            gW = grad(lambda WW: L(X, WW), W); gX = grad(lambda XX: L(XX, W), X)
            ok &= near(gW, sum(np.outer(G[n, :, i, j], X[n, :, i, j]) for n in range(2) for i in range(3) for j in range(4)))
            ok &= near(gX, np.einsum('fc,nfhw->nchw', W, G))
        return ok
    X = np.array([[[1.0, 2], [0, -1]], [[3, 0], [1, 1]]])[None]; W = np.array([[2.0, -1]]); d = np.array([[[0.5, -1], [2, 0]]])[None]
    Y = conv_nchw(X, W[:, :, None, None])
    L1 = lambda XX, WW: np.sum(d * conv_nchw(XX, WW[:, :, None, None]))
    gW = grad(lambda WW: L1(X, WW), W); gX = grad(lambda XX: L1(XX, W), X)
    D = np.array([[[[0.5, -1], [2, 0.5]], [[1, 0], [-0.5, 0.5]]], [[[-1, 1], [0, 1.5]], [[0, 2], [1, -1]]]])
    Xb = rand(2, 3, 3, 3); Wb = rand(2, 3, 2, 2); b0 = np.array([0.2, -0.1])
    gb = grad(lambda bb: np.sum(D * conv_nchw(Xb, Wb, bb)), b0)
    gb_car = D.sum(axis=(0, 2, 3)) / 4
    def bias_formula():
        ok = True
        for _ in range(3):
            XX = rand(2, 2, 4, 5); WW = rand(3, 2, 2, 2); bb = rand(3); G = rand(2, 3, 3, 4)
            g = grad(lambda u: np.sum(G * conv_nchw(XX, WW, u)), bb)
            ok &= near(g, G.sum(axis=(0, 2, 3)) / (3 * 4))
        return ok
    def bias_indep():
        G = rand(2, 3, 3, 4); X1, W1, X2, W2 = rand(2, 2, 4, 5), rand(3, 2, 2, 2), rand(2, 2, 4, 5), rand(3, 2, 2, 2)
        g1 = grad(lambda u: np.sum(G * conv_nchw(X1, W1, u)), rand(3))
        g2 = grad(lambda u: np.sum(G * conv_nchw(X2, W2, u)), rand(3))
        return near(g1, g2) and near(g1, G.sum(axis=(0, 2, 3)))
    return [
        ('## 4.3 Rétropropagation dans une couche convolutive', lambda: one_by_one(), '4.3 1 1'),
        ("On note $X \\in \\mathbb{R}^{N \\times C \\times H \\times W}$", GIVEN),
        ("$$Y_{n,c',i,j} = b_{c'} + \\sum_{c}", lambda: conv_def()),
        ('### 4.3.1 Le cas $k = 1$', GIVEN, '4.3 1'),
        ('Pour un noyau $1 \\times 1$, chaque pixel', lambda: one_by_one(), '1 1'),
        ('$$\\frac{\\partial L}{\\partial W} = \\sum_{n,i,j}', lambda: one_by_one()),
        ('*Exemple (sans biais).*', lambda: E('1', X.shape[0]) and E('2', X.shape[1]) and E('1', W.shape[0]) and E('2', X.shape[2]) and E('2', X.shape[3])
            and EV(['2', '-1'], W)),
        ('$$X_{0,0} = \\begin{pmatrix} 1 & 2', lambda: EV(['1', '2', '0', '-1'], X[0, 0]) and EV(['3', '0', '1', '1'], X[0, 1]) and EV(['0.5', '-1', '2', '0'], d)),
        ('La sortie vaut $Y_{0,0} = 2X_{0,0} - X_{0,1}', lambda: E('2', W[0, 0]) and abs(W[0, 1] + 1) < 1e-12 and EV(['-1', '4', '-1', '-3'], Y)),
        ('$$\\frac{\\partial L}{\\partial W_{0,0}} = 0{,}5 \\cdot 1', lambda: EV(['0.5', '1', '-1', '2', '2', '0', '0', '-1'],
                                                                          [d[0, 0, 0, 0], X[0, 0, 0, 0], d[0, 0, 0, 1], X[0, 0, 0, 1], d[0, 0, 1, 0], X[0, 0, 1, 0], d[0, 0, 1, 1], X[0, 0, 1, 1]])
            and C('-1.5', gW[0, 0])
            and EV(['0.5', '3', '-1', '0', '2', '1', '0', '1'], [d[0, 0, 0, 0], X[0, 1, 0, 0], d[0, 0, 0, 1], X[0, 1, 0, 1], d[0, 0, 1, 0], X[0, 1, 1, 0], d[0, 0, 1, 1], X[0, 1, 1, 1]])
            and C('3.5', gW[0, 1])),
        ("Gradient de l'entrée :", lambda: E('2', W[0, 0]) and CV(['1', '-2', '4', '0'], gX[0, 0]) and near(gX[0, 1], -d[0, 0])
            and CV(['-0.5', '1', '-2', '0'], gX[0, 1])),
        ('Le biais $b_{c\'}$ intervient dans **toutes** les sorties', lambda: E('1', fd(lambda t: conv_nchw(Xb, Wb, np.array([t, 0.0]))[1, 0, 1, 0], 0.3))),
        ("$$\\frac{\\partial L}{\\partial b_{c'}} = \\frac{1}{H'W'}", lambda: bias_formula(), '1'),
        ('*Exemple.* $N = 2$, $C\' = 2$', lambda: EV(['2', '2', '2'], [D.shape[0], D.shape[1], D.shape[2]]) and D.shape[3] == D.shape[2]),
        ('$$\\delta_{0,0} = \\begin{pmatrix} 0{,}5 & -1 \\\\ 2 & 0{,}5', lambda: EV(['0.5', '-1', '2', '0.5'], D[0, 0]) and EV(['1', '0', '-0.5', '0.5'], D[0, 1])
            and EV(['-1', '1', '0', '1.5'], D[1, 0]) and EV(['0', '2', '1', '-1'], D[1, 1])),
        ('Sommes par carte :', lambda: E('2', D[0, 0].sum()) and E('1', D[0, 1].sum()) and E('0', 0) and E('1.5', D[1, 0].sum()) and E('2', D[1, 1].sum()) and E('1', 1)),
        ('$$\\frac{\\partial L}{\\partial b_0} = \\frac{2 + 1{,}5}{4}', lambda: E('2', D[0, 0].sum()) and E('1.5', D[1, 0].sum()) and E('4', 4)
            and C('0.875', gb[0], gb_car[0]) and E('1', D[0, 1].sum()) and E('2', D[1, 1].sum()) and E('4', 4) and C('0.75', gb[1], gb_car[1])),
        ('Avec $b = (0{,}2 \\,;\\, -0{,}1)$', lambda: EV(['0.2', '-0.1'], b0) and E('0.1', 0.1) and CV(['0.1125', '-0.175'], b0 - 0.1 * gb, b0 - 0.1 * gb_car)),
        ('En PyTorch, le même calcul', GIVEN),
        ('db = delta.sum(dim=(0, 2, 3))', lambda: near(D.sum(axis=(0, 2, 3)) / (D.shape[2] * D.shape[3]), gb), '0 2 3 2 3'),
        ('**Remarque.** Le biais ne dépend pas', lambda: bias_indep()),
    ]

# ======================================================================= 11
@register('11_avgpool_backward_es.md', comma=True)
def f11():
    X = np.array([[1.0, 3, 0, 2], [5, -1, 4, 4], [2, 2, -3, 1], [0, 4, 1, 1]])
    d = np.array([[0.8, -0.4], [1.2, 0]])
    Y = pool2d(X, 2, 2, np.mean)
    sums = np.array([X[a:a + 2, b:b + 2].sum() for a in (0, 2) for b in (0, 2)])
    dX = grad(lambda Z: np.sum(d * pool2d(Z, 2, 2, np.mean)), X)
    d1 = np.array([0.3, -0.6, 0.9])
    dx1 = grad(lambda z: d1 @ pool1d(z, 3, 1, np.mean), rand(5))
    def local():
        return all(near(grad(np.mean, rand(n)), np.full(n, 1 / n)) for n in (3, 4, 9))
    def indep():
        return near(grad(lambda Z: np.sum(d * pool2d(Z, 2, 2, np.mean)), rand(4, 4)), dX)
    def overl():
        ok = True
        for _ in range(3):
            dd = rand(3); g = grad(lambda z: dd @ pool1d(z, 3, 1, np.mean), rand(5))
            ok &= near(g, [sum(dd[i] for i in range(3) if i <= j <= i + 2) / 3 for j in range(5)])
            ok &= near(pool1d(np.arange(5.0), 3, 1, np.mean), [(j + j + 1 + j + 2) / 3 for j in range(3)])
        return ok
    def gap():
        ok = True
        for _ in range(2):
            A = rand(3, 4, 5); G = rand(3)
            g = grad(lambda AA: G @ AA.mean(axis=(1, 2)), A)
            ok &= near(g, np.broadcast_to(G[:, None, None] / 20, A.shape))
        return ok
    cover = lambda j: [i for i in range(3) if i <= j <= i + 2]
    return [
        ('**Idea.** Una capa de *average pooling*', lambda: local()),
        ('$$y = \\frac{1}{n}\\sum_{k=1}^{n} x_k', lambda: local(), '1 1'),
        ('de modo que el gradiente que llega a $y$ se reparte', lambda: local()),
        ('## Ejemplo 1: ventana $2 \\times 2$, paso $2$', GIVEN, '1 2 2 2'),
        ('$$X = \\begin{pmatrix} 1 & 3 & 0 & 2', lambda: EV(['1', '3', '0', '2', '5', '-1', '4', '4', '2', '2', '-3', '1', '0', '4', '1', '1'], X)),
        ('Las cuatro ventanas suman', lambda: EV(['8', '10', '8', '0'], sums)),
        ('$$Y = \\begin{pmatrix} 2 & 2{,}5', lambda: CV(['2', '2.5', '2', '0'], Y)),
        ('Si el gradiente que llega desde arriba es', lambda: EV(['0.8', '-0.4', '1.2', '0'], d) and E('4', 4)
            and near(dX, np.kron(d, np.ones((2, 2))) / 4)),
        ('$$\\frac{\\partial L}{\\partial X} = \\begin{pmatrix} 0{,}2', lambda: CV(['0.2', '0.2', '-0.1', '-0.1', '0.2', '0.2', '-0.1', '-0.1',
                                                                        '0.3', '0.3', '0', '0', '0.3', '0.3', '0', '0'], dX)),
        ('Obsérvese que el resultado **no depende', lambda: indep() and near(np.kron(d, np.ones((2, 2))) / 4, dX), '2 2 4'),
        ('## Ejemplo 2: ventanas solapadas', lambda: E('3', 3) and E('1', 1) and out_len(5, 3, 1) == 3, '2 1'),
        ('Con $x = (x_0, \\dots, x_4)$ hay tres salidas', lambda: overl() and E('3', 3) and EV(['0', '1', '2'], range(out_len(5, 3, 1)))
            and E('3', 3)),
        ('$$\\frac{\\partial L}{\\partial x_j} = \\frac{1}{3}', lambda: overl(), '1 3'),
        ('Con $\\delta = (0{,}3;\\ -0{,}6;\\ 0{,}9)$', lambda: EV(['0.3', '-0.6', '0.9'], d1)),
        ('- $x_0$: solo la ventana $0$', lambda: EV(['0'], cover(0)) and E('0.3', d1[0]) and E('3', 3) and C('0.1', dx1[0])),
        ('- $x_1$: ventanas $0$ y $1$', lambda: EV(['0', '1'], cover(1)) and E('0.3', d1[0]) and E('0.6', -d1[1]) and E('3', 3) and C('-0.1', dx1[1])),
        ('- $x_2$: las tres ventanas', lambda: cover(2) == [0, 1, 2] and E('0.3', d1[0]) and E('0.6', -d1[1]) and E('0.9', d1[2]) and E('3', 3)
            and C('0.2', dx1[2])),
        ('- $x_3$: ventanas $1$ y $2$', lambda: EV(['1', '2'], cover(3)) and E('-0.6', d1[1]) and E('0.9', d1[2]) and E('3', 3) and C('0.1', dx1[3])),
        ('- $x_4$: solo la ventana $2$', lambda: EV(['2'], cover(4)) and E('0.9', d1[2]) and E('3', 3) and C('0.3', dx1[4])),
        ('Comprobación: $0{,}1 - 0{,}1', lambda: CV(['0.1', '0.1', '0.2', '0.1', '0.3'], dx1 * [1, -1, 1, 1, 1]) and C('0.6', dx1.sum())
            and E('0.3', d1[0]) and E('0.6', -d1[1]) and E('0.9', d1[2]) and abs(dx1.sum() - d1.sum()) < 1e-6),
        ('En ResNet, antes de la capa densa final', lambda: gap(), '1'),
        ('$$\\frac{\\partial L}{\\partial a_{c,i,j}} = \\frac{1}{HW}', lambda: gap(), '1'),
        ('Con mapas de $7 \\times 7$', lambda: E('7', 7) and E('7', 7) and E('0.98', 0.98) and E('49', 49)
            and E('0.98', 0.98) and E('49', 49) and C('0.02', grad(lambda A: 0.98 * A.mean(), rand(7, 7))[3, 4])),
    ]

# ======================================================================= 12
def rf_dilated(ks_ds, n=120):
    M = np.eye(n)
    for k, d in ks_ds:
        M = np.array([conv1d(M[:, c], np.ones(k), 1, 0, d) for c in range(M.shape[1])]).T
    sup = np.flatnonzero(M[0])
    return int(sup[-1] - sup[0] + 1)

@register('12_dilated_conv_ja.md')
def f12():
    khat = lambda k, d: max(d * m for m in range(k)) + 1          # number of input positions spanned by the taps 0, d, ..., d(k-1)
    kh2, kh4 = khat(3, 2), khat(3, 4)
    kh4_car = 3 + (3 - 1) * 4
    p4_true, p4_car = (kh4 - 1) // 2, (kh4_car - 1) // 2
    def definition():
        x = rand(12); w = rand(3)
        return near(conv1d(x, w, 1, 0, 2), [sum(w[m] * x[i + 2 * m] for m in range(3)) for i in range(12 - 4)]) \
            and near(conv1d(x, w, 1, 0, 1), [sum(w[m] * x[i + m] for m in range(3)) for i in range(10)])
    def holes():
        taps = [2 * m for m in range(3)]
        return all(taps[m + 1] - taps[m] - 1 == 1 for m in range(2))
    def spans():
        return all(khat(k, d) == k + (k - 1) * (d - 1) == d * (k - 1) + 1 for k in range(1, 7) for d in range(1, 6))
    def out_formula():
        return all(out_len(i, k, s, p, d) == (i + 2 * p - khat(k, d)) // s + 1
                   for i in range(8, 20) for k in (2, 3) for d in (1, 2, 3) for s in (1, 2) for p in (0, 1, 3) if khat(k, d) <= i + 2 * p)
    def same_pad():
        return all(out_len(i, 3, 1, (khat(3, d) - 1) // 2, d) == i for i in range(8, 40) for d in (1, 2, 3, 4))
    def rf_add():
        return all(rf_dilated([(3, d) for d in ds]) == 1 + sum(khat(3, d) - 1 for d in ds) for ds in [(1,), (1, 2), (2, 3), (1, 2, 4)])
    return [
        ('1 次元で書くと', GIVEN, '1'),
        ('$$y_i = \\sum_{m=0}^{k-1} w_m', lambda: definition(), '1'),
        ('です。$d = 1$ なら普通の畳み込みで', lambda: definition() and holes() and E('1', 1) and E('2', 2) and E('1', 1)),
        ('カーネルの要素数は $k$ のままなので', lambda: E('2', 2) and E('3', 3) and E('3', 3) and E('3', 3) and E('3', 3)
            and all(nparams((c, c, 3, 3), (c,)) == 9 * c * c + c for c in (1, 5, 64)) and E('9', 9) and E('2', 2) and E('64', 64)
            and E('36928', nparams((64, 64, 3, 3), (64,)))),
        ('カーネルの両端の距離は $d(k-1)$', lambda: all(khat(k, d) - 1 == d * (k - 1) for k in range(1, 6) for d in range(1, 5)), '1'),
        ('$$\\hat{k} = k + (k - 1)(d - 1) = d(k - 1) + 1$$', lambda: spans(), '1 1 1 1'),
        ('になります。$k = 3$ の場合', GIVEN, '3'),
        ('- $d = 2$：$\\hat{k} = 3 + (3 - 1)(2 - 1) = 5$', lambda: E('2', 2) and E('3', 3) and E('3', 3) and E('1', 1) and E('2', 2) and E('1', 1)
            and E('5', kh2)),
        ('- $d = 4$：$\\hat{k} = 3 + (3 - 1) \\cdot 4 = 11$', lambda: ALL(E('4', 4), E('3', 3), E('3', 3), E('1', 1), LIT('4', 4 == 4 - 1), E('11', kh4))),     # the printed factor must be d - 1
        ('出力サイズは普通の畳み込みの式で', lambda: out_formula()),
        ('$$o = \\left\\lfloor \\frac{i + 2p - \\hat{k}}{s}', lambda: out_formula(), '2 1'),
        ('$s = 1$ で $o = i$ にしたい', lambda: same_pad() and E('1', 1) and E('1', 1) and E('2', 2) and E('2', 2) and E('2', (kh2 - 1) // 2)
            and E('4', 4) and C('11', kh4, kh4_car) and E('1', 1) and E('2', 2) and C('5', p4_true, p4_car) and E('32', 32) and E('4', 4)
            and C('5', p4_true, p4_car) and E('32', 32) and C('10', 2 * p4_true, 2 * p4_car) and C('11', kh4, kh4_car) and E('1', 1)
            and C('32', out_len(32, 3, 1, p4_true, 4), 32 + 2 * p4_car - kh4_car + 1)
            and E('64', 64) and E('64', 64) and E('3', 3) and E('4', 4) and C('5', p4_true, p4_car)),
        ('ストライド 1 の層を重ねると', lambda: rf_add() and E('1', 1) and E('1', 1) and E('3', 3) and EV(['1', '2', '4'], [1, 2, 4]) and E('3', 3)
            and E('3', khat(3, 1)) and E('5', kh2) and C('11', kh4, kh4_car)),
        ('$$r = 1 + (3 - 1) + (5 - 1) + (11 - 1) = 17$$', lambda: E('1', 1) and E('3', 3) and E('1', 1) and E('5', kh2) and E('1', 1)
            and C('11', kh4, kh4_car) and E('1', 1) and C('17', rf_dilated([(3, 1), (3, 2), (3, 4)]), 1 + 2 + 4 + kh4_car - 1)),
        ('となり、同じパラメータ数の普通の', lambda: E('3', 3) and E('3', 3) and E('3', 3) and E('7', rf_dilated([(3, 1)] * 3))
            and rf_dilated([(3, 1), (3, 2), (3, 4)]) > 7),
    ]

# ======================================================================= 13
@register('13_depthwise_separable_ru.md', comma=True)
def f13():
    DF, M, N, DK = 14, 512, 512, 3
    std = macs((DF, DF, N), (DK, DK, M)); dw = macs((DF, DF, M), (DK, DK)); pw = macs((DF, DF, N), (M,))
    Pstd = nparams((N, M, DK, DK)); Pdw = nparams((M, 1, DK, DK)); Ppw = nparams((N, M, 1, 1))
    def same_size():
        return conv_nchw(rand(1, 2, 6, 6), rand(3, 2, 3, 3), s=1, p=1).shape[2:] == (6, 6)
    def factorised():
        X = rand(1, 3, 5, 5); D = rand(3, 3, 3); Pw = rand(4, 3)
        dwo = np.array([[xcorr2(X[0, c], D[c], 1, 1) for c in range(3)]])
        return near(conv_nchw(dwo, Pw[:, :, None, None]), conv_nchw(X, Pw[:, :, None, None] * D[None], s=1, p=1)) \
            and near(conv_nchw(dwo, Pw[:, :, None, None])[0, :, 2, 3], Pw @ dwo[0, :, 2, 3])
    def ratio():
        ok = True
        for _ in range(5):
            dk, m, n, df = RNG.integers(1, 20, 4)
            ok &= abs((dk ** 2 * m * df ** 2 + m * n * df ** 2) / (dk ** 2 * m * n * df ** 2) - (1 / n + 1 / dk ** 2)) < 1e-12
        return ok and abs((dw + pw) / std - (1 / N + 1 / DK ** 2)) < 1e-15
    return [
        ('**Обозначения** (как в статье о MobileNet).', lambda: same_size(), '1'),
        ('**Обычная свёртка.** Каждое из', lambda: macs((1,), (DK, DK, M)) == DK * DK * M),
        ('$$\\text{MAC}_{\\text{std}} = D_K', lambda: std == DK * DK * M * N * DF * DF),
        ('*Depthwise*: каждый из $M$ входных каналов', lambda: factorised() and dw == DK * DK * M * DF * DF),
        ('*Pointwise*: свёртка $1 \\times 1$', lambda: factorised() and pw == M * N * DF * DF, '1 1'),
        ('**Отношение стоимостей.**', lambda: ratio(), '2'),
        ('$$\\frac{D_K^2 M D_F^2 + M N D_F^2}', lambda: ratio(), '2 2 2 2 2 1 1 2'),
        ('При $D_K = 3$ и большом $N$ это почти $1/9$', lambda: E('3', DK) and E('1', 1) and E('9', DK ** 2)
            and all(8 <= 1 / (1 / n + 1 / 9) < 9 for n in (128, 256, 512, 1024, 10 ** 6)) and E('8', 8) and E('9', 9)),
        ('**Числовой пример** — типичный слой MobileNet', lambda: E('14', DF) and E('14', DF) and E('14', DF) and E('512', M) and E('3', DK) and M == N),
        ('- обычная: $3 \\cdot 3 \\cdot 512 \\cdot 512 \\cdot 14', lambda: EV(['3', '3', '512', '512', '14', '14'], [DK, DK, M, N, DF, DF]) and E('462422016', std)),
        ('- depthwise: $3 \\cdot 3 \\cdot 512 \\cdot 196', lambda: EV(['3', '3', '512', '196'], [DK, DK, M, DF * DF]) and E('903168', dw)),
        ('- pointwise: $512 \\cdot 512 \\cdot 196', lambda: EV(['512', '512', '196'], [M, N, DF * DF]) and E('51380224', pw)),
        ('- итого: $903\\,168 + 51\\,380\\,224', lambda: E('903168', dw) and E('51380224', pw) and E('52283392', dw + pw)),
        ('Отношение $52\\,283\\,392 / 462\\,422\\,016', lambda: E('52283392', dw + pw) and E('462422016', std) and C('0.1131', (dw + pw) / std)
            and E('1', 1) and E('512', N) and E('1', 1) and E('9', DK ** 2) and C('0.00195', 1 / N) and C('0.11111', 1 / 9)
            and C('0.11306', 1 / N + 1 / 9, 0.00195 + 0.11111) and C('8.84', std / (dw + pw))),
        ('Почти вся работа теперь приходится на свёртку $1 \\times 1$', lambda: E('1', 1) and E('1', 1) and E('51380224', pw) and E('52283392', dw + pw)
            and C('98.3', 100 * pw / (dw + pw))),
        ('**Параметры.** Их отношение точно такое же', lambda: abs((Pdw + Ppw) / Pstd - (dw + pw) / std) < 1e-15 and std == Pstd * DF ** 2
            and dw + pw == (Pdw + Ppw) * DF ** 2, '2'),
        ('- обычная: $3 \\cdot 3 \\cdot 512 \\cdot 512 = 2\\,359\\,296$', lambda: EV(['3', '3', '512', '512'], [DK, DK, M, N]) and E('2359296', Pstd)),
        ('- depthwise + pointwise:', lambda: EV(['3', '3', '512', '512', '512'], [DK, DK, M, M, N]) and E('4608', Pdw) and E('262144', Ppw)
            and E('266752', Pdw + Ppw)),
        ('Если у каждой свёртки есть смещение', lambda: E('512', nparams((N,))) and E('512', nparams((M,))) and E('512', nparams((N,)))
            and E('2359808', nparams((N, M, DK, DK), (N,))) and E('267776', nparams((M, 1, DK, DK), (M,), (N, M, 1, 1), (N,)))),
    ]

# ======================================================================= 14
@register('14_conv2d_grad_entrada_pt.md', comma=True)
def f14():
    X = np.array([[2.0, 0, 1], [1, 3, -1], [0, 2, 1]]); W = np.array([[1.0, 2], [-1, 0]]); b = 0.0
    d = np.array([[1.0, -2], [0, 3]])
    Y = xcorr2(X, W, b=b)
    L = lambda XX=X, WW=W, bb=b: np.sum(d * xcorr2(XX, WW, b=bb))
    gW = grad(lambda u: L(WW=u), W); gb = fd(lambda u: L(bb=u), b); gX = grad(lambda u: L(XX=u), X)
    P = np.pad(d, 1)
    gX_car = xcorr2(P, W)                                   # author's: padded delta, kernel NOT rotated
    terms_car = lambda p, q: [P[p, q] * W[0, 0], P[p, q + 1] * W[0, 1], P[p + 1, q] * W[1, 0], P[p + 1, q + 1] * W[1, 1]]
    def forward_terms(i, j):
        return [X[i, j] * W[0, 0], X[i, j + 1] * W[0, 1], X[i + 1, j] * W[1, 0], X[i + 1, j + 1] * W[1, 1]]
    def dW_formula():
        ok = True
        for _ in range(3):
            XX, WW, G = rand(4, 5), rand(2, 3), rand(3, 3)
            g = grad(lambda u: np.sum(G * xcorr2(XX, u)), WW)
            ok &= near(g, [[sum(G[i, j] * XX[i + u, j + v] for i in range(3) for j in range(3)) for v in range(3)] for u in range(2)])
            ok &= near(g, xcorr2(XX, G))
        return ok
    def dX_index():
        ok = True
        for _ in range(3):
            XX, WW, G = rand(4, 5), rand(2, 3), rand(3, 3)
            g = grad(lambda u: np.sum(G * xcorr2(u, WW)), XX)
            ok &= near(g, [[sum(G[i, j] * WW[p - i, q - j] for i in range(3) for j in range(3) if 0 <= p - i < 2 and 0 <= q - j < 3)
                            for q in range(5)] for p in range(4)])
        return ok
    def dX_claim():
        ok = True
        for _ in range(3):
            XX, WW, G = rand(3, 3), rand(2, 2), rand(2, 2)
            ok &= near(grad(lambda u: np.sum(G * xcorr2(u, WW)), XX), xcorr2(np.pad(G, 1), WW))
        return ok
    def row(r, labels, signs):
        # labels: the printed terms of the three entries (a binary minus is given in signs), then the printed row
        t = [np.array(terms_car(r, q)) * np.array(signs[q]) for q in range(3)]
        return lambda: (E(str(r), r) and EV(labels[0], t[0]) and EV(labels[1], t[1]) and EV(labels[2], t[2])
                        and CV(labels[3], gX[r], gX_car[r]))
    return [
        ('$$X = \\begin{bmatrix} 2 & 0 & 1', lambda: EV(['2', '0', '1', '1', '3', '-1', '0', '2', '1'], X) and EV(['1', '2', '-1', '0'], W) and E('0', b)),
        ('e o gradiente que chega da camada seguinte', lambda: EV(['1', '-2', '0', '3'], d)),
        ('**Resolução.** Usamos índices a partir de 0', lambda: E('0', 0) and near(Y, [[sum(forward_terms(i, j)) for j in range(2)] for i in range(2)])
            and EV(['0', '1'], range(Y.shape[0])) and EV(['2', '2'], Y.shape) and E('3', 3) and E('2', 2) and E('1', 1) and E('2', Y.shape[0])),
        ('- $Y_{0,0} = 2 \\cdot 1', lambda: EV(['2', '1', '0', '2', '1', '-1', '3', '0'], [X[0, 0], W[0, 0], X[0, 1], W[0, 1], X[1, 0], W[1, 0], X[1, 1], W[1, 1]])
            and E('1', Y[0, 0])),
        ('- $Y_{0,1} = 0 \\cdot 1', lambda: EV(['0', '1', '1', '2', '3', '-1', '-1', '0'], [X[0, 1], W[0, 0], X[0, 2], W[0, 1], X[1, 1], W[1, 0], X[1, 2], W[1, 1]])
            and E('-1', Y[0, 1])),
        ('- $Y_{1,0} = 1 \\cdot 1', lambda: EV(['1', '1', '3', '2', '0', '-1', '2', '0'], [X[1, 0], W[0, 0], X[1, 1], W[0, 1], X[2, 0], W[1, 0], X[2, 1], W[1, 1]])
            and E('7', Y[1, 0])),
        ('- $Y_{1,1} = 3 \\cdot 1', lambda: EV(['3', '1', '-1', '2', '2', '-1', '1', '0'], [X[1, 1], W[0, 0], X[1, 2], W[0, 1], X[2, 1], W[1, 0], X[2, 2], W[1, 1]])
            and E('-1', Y[1, 1])),
        ('*Gradiente do núcleo.* Pela regra da cadeia', lambda: dW_formula()),
        ('- $\\partial L/\\partial W_{0,0}', lambda: EV(['1', '2', '-2', '0', '0', '1', '3', '3'], [d[0, 0], X[0, 0], d[0, 1], X[0, 1], d[1, 0], X[1, 0], d[1, 1], X[1, 1]])
            and C('11', gW[0, 0])),
        ('- $\\partial L/\\partial W_{0,1}', lambda: EV(['1', '0', '-2', '1', '0', '3', '3', '-1'], [d[0, 0], X[0, 1], d[0, 1], X[0, 2], d[1, 0], X[1, 1], d[1, 1], X[1, 2]])
            and C('-5', gW[0, 1])),
        ('- $\\partial L/\\partial W_{1,0}', lambda: EV(['1', '1', '-2', '3', '0', '0', '3', '2'], [d[0, 0], X[1, 0], d[0, 1], X[1, 1], d[1, 0], X[2, 0], d[1, 1], X[2, 1]])
            and C('1', gW[1, 0])),
        ('- $\\partial L/\\partial W_{1,1}', lambda: EV(['1', '3', '-2', '-1', '0', '2', '3', '1'], [d[0, 0], X[1, 1], d[0, 1], X[1, 2], d[1, 0], X[2, 1], d[1, 1], X[2, 2]])
            and C('8', gW[1, 1])),
        ('*Gradiente do viés.*', lambda: EV(['1', '2', '0', '3'], d.ravel() * [1, -1, 1, 1]) and C('2', gb)),
        ('*Gradiente da entrada.* Cada $X_{p,q}$', lambda: dX_index()),
        ('$$\\frac{\\partial L}{\\partial X_{p,q}} = \\sum_{i,j}', lambda: dX_index()),
        ('Na prática isso se calcula como uma correlação cruzada "cheia"', lambda: dX_claim()),
        ('$$\\operatorname{pad}_1(\\delta) = \\begin{bmatrix}', lambda: EV(['0', '0', '0', '0', '0', '1', '-2', '0', '0', '0', '3', '0', '0', '0', '0', '0'], P)),
        ('Cada entrada é $\\operatorname{pad}_{p,q} W_{0,0}', lambda: near(gX_car, [[sum(terms_car(p, q)) for q in range(3)] for p in range(3)])),
        ('- linha 0:', row(0, [['0', '0', '0', '0'], ['0', '0', '1', '0'], ['0', '0', '2', '0'], ['0', '-1', '2']],
                          [[1, 1, 1, 1], [1, 1, -1, 1], [1, 1, 1, 1]])),
        ('- linha 1:', row(1, [['0', '2', '0', '0'], ['1', '4', '0', '0'], ['-2', '0', '3', '0'], ['2', '-3', '-5']],
                          [[1, 1, 1, 1], [1, -1, 1, 1], [1, 1, -1, 1]])),
        ('- linha 2:', row(2, [['0', '0', '0', '0'], ['0', '6', '0', '0'], ['3', '0', '0', '0'], ['0', '6', '3']],
                          [[1, 1, 1, 1], [1, 1, 1, 1], [1, 1, 1, 1]])),
        ('$$\\frac{\\partial L}{\\partial X} = \\begin{bmatrix} 0 & -1 & 2', lambda: CV(['0', '-1', '2', '2', '-3', '-5', '0', '6', '3'], gX, gX_car)),
        ('**Conferência de forma.**', lambda: EV(['3', '3'], gX.shape) and EV(['2', '2'], gW.shape) and E('1', 2 - 1) and E('1', 1)
            and EV(['2', '2'], d.shape) and EV(['4', '4'], P.shape) and E('4', 4) and E('2', 2) and E('1', 1) and E('3', xcorr2(P, W).shape[0])),
    ]

# ======================================================================= 15
@register('15_strided_conv1d_exam_key.md')
def f15():
    x = np.array([1.0, 2, -1, 0, 3, 1, -2]); w = np.array([2.0, -1, 1]); s = 2; d = np.array([1.0, -2, 0.5])
    y = conv1d(x, w, s)
    L = lambda xx=x, ww=w: d @ conv1d(xx, ww, s)
    gw = grad(lambda u: L(ww=u), w); gx = grad(lambda u: L(xx=u), x)
    dt = np.zeros(5); dt[::2] = d
    gx_car = gx.copy(); gx_car[4] = -2 + 0.5                       # author's slip: delta_2 * w_0 taken as 0.5
    contrib = lambda j: [(i, m) for i in range(3) for m in range(3) if s * i + m == j]
    def formulas():
        ok = True
        for _ in range(3):
            xx, ww, dd = rand(9), rand(3), rand(4)
            g1 = grad(lambda u: dd @ conv1d(xx, u, 2), ww); g2 = grad(lambda u: dd @ conv1d(u, ww, 2), xx)
            ok &= near(g1, [sum(dd[i] * xx[2 * i + m] for i in range(4)) for m in range(3)])
            ok &= near(g2, [sum(dd[i] * ww[m] for i in range(4) for m in range(3) if 2 * i + m == j) for j in range(9)])
            dil = np.zeros(7); dil[::2] = dd
            ok &= near(g2, conv1d(np.pad(dil, 2), ww[::-1]))
        return ok
    return [
        ('**Given.** Input $x = [1, 2, -1, 0, 3, 1, -2]$', lambda: EV(['1', '2', '-1', '0', '3', '1', '-2'], x) and E('7', len(x))
            and EV(['2', '-1', '1'], w) and E('3', len(w)) and E('2', s) and E('0', 0)),
        ('$$y_i = \\sum_{m=0}^{k-1} w_m\\, x_{s i + m}.$$', lambda: near(y, [sum(w[m] * x[s * i + m] for m in range(3)) for i in range(3)]), '1'),
        ('The upstream gradient is $\\delta', lambda: EV(['1', '-2', '0.5'], d)),
        ('**(a) Output length [1 mark].**', lambda: E('1', 1) and E('1', 1) and E('4', 7 - 3) and E('2', s) and E('1', 1) and E('3', len(y))),
        ('- $y_0 = 2\\cdot 1', lambda: EV(['2', '1', '-1', '2', '1', '-1'], [w[0], x[0], w[1], x[1], w[2], x[2]]) and E('-1', y[0])),
        ('- $y_1 = 2\\cdot(-1)', lambda: EV(['2', '-1', '-1', '0', '1', '3'], [w[0], x[2], w[1], x[3], w[2], x[4]]) and E('1', y[1])),
        ('- $y_2 = 2\\cdot 3', lambda: EV(['2', '3', '-1', '1', '1', '-2'], [w[0], x[4], w[1], x[5], w[2], x[6]]) and E('3', y[2])),
        ('**(c) Gradient w.r.t. the kernel [3 marks].**', lambda: formulas(), '3'),
        ('- $\\partial L/\\partial w_0 = 1\\cdot 1', lambda: EV(['1', '1', '-2', '-1', '0.5', '3'], [d[0], x[0], d[1], x[2], d[2], x[4]]) and C('4.5', gw[0])),
        ('- $\\partial L/\\partial w_1 = 1\\cdot 2', lambda: EV(['1', '2', '-2', '0', '0.5', '1'], [d[0], x[1], d[1], x[3], d[2], x[5]]) and C('2.5', gw[1])),
        ('- $\\partial L/\\partial w_2 = 1\\cdot(-1)', lambda: EV(['1', '-1', '-2', '3', '0.5', '-2'], [d[0], x[2], d[1], x[4], d[2], x[6]]) and C('-8', gw[2])),
        ('**(d) Gradient w.r.t. the input [4 marks].**', lambda: formulas() and E('4', 4) and E('1', 1) and E('1', s - 1)
            and EV(['1', '0', '-2', '0', '0.5'], dt) and E('1', 1) and E('1', 1) and E('5', (3 - 1) * s + 1) and E('1', 1) and E('2', 3 - 1)
            and EV(['1', '-1', '2'], w[::-1]) and E('9', len(np.pad(dt, 2))) and E('9', 9) and E('3', 3) and E('1', 1)
            and E('7', len(conv1d(np.pad(dt, 2), w[::-1]))) and len(x) == 7),
        ('Entry by entry ($x_0$ only meets', lambda: contrib(0) == [(0, 0)] and E('0', 0) and contrib(2) == [(0, 2), (1, 0)] and E('0', 0) and E('1', 1)),
        ('- $\\partial L/\\partial x_0 = \\delta_0 w_0 = 2$', lambda: contrib(0) == [(0, 0)] and C('2', gx[0], d[0] * w[0])),
        ('- $\\partial L/\\partial x_1 = \\delta_0 w_1 = -1$', lambda: contrib(1) == [(0, 1)] and C('-1', gx[1], d[0] * w[1])),
        ('- $\\partial L/\\partial x_2 = \\delta_0 w_2 + \\delta_1 w_0', lambda: contrib(2) == [(0, 2), (1, 0)] and E('1', d[0] * w[2]) and E('4', -d[1] * w[0])
            and C('-3', gx[2])),
        ('- $\\partial L/\\partial x_3 = \\delta_1 w_1 = 2$', lambda: contrib(3) == [(1, 1)] and C('2', gx[3], d[1] * w[1])),
        ('- $\\partial L/\\partial x_4 = \\delta_1 w_2 + \\delta_2 w_0', lambda: ALL(contrib(4) == [(1, 2), (2, 0)], E('-2', d[1] * w[2]), E('0.5', d[2] * w[0]),
                                                                              C('-1.5', gx[4]))),
        ('- $\\partial L/\\partial x_5 = \\delta_2 w_1 = -0.5$', lambda: contrib(5) == [(2, 1)] and C('-0.5', gx[5], d[2] * w[1])),
        ('- $\\partial L/\\partial x_6 = \\delta_2 w_2 = 0.5$', lambda: contrib(6) == [(2, 2)] and C('0.5', gx[6], d[2] * w[2])),
        ('Final answer: $\\partial L/\\partial x', lambda: CV(['2', '-1', '-3', '2', '-1.5', '-0.5', '0.5'], gx, gx_car)),
        ('*Marking:* 2 marks for the zero-insertion', lambda: len(contrib(2)) == 2 and len(contrib(4)) == 2 and E('2', 2) and E('2', 2) and E('1', 1)),
        ('**Common error.** Many students forgot', lambda: E('3', len(d)) and E('3', len(w)) and E('1', 1) and E('5', len(conv1d(np.pad(d, 2), w[::-1])))
            and E('7', len(x)) and E('8', 8) and E('5', 8 - 3) and E('2', 2) and E('1', 1) and E('3', out_len(8, 3, 2))
            and grad(lambda u: d @ conv1d(u, w, 2), rand(8))[7] == 0),
    ]

# ======================================================================= 16
@register('16_same_valid_padding_ko.md')
def f16():
    def tf_same(i, k, s):
        o = -(-i // s)
        P = max((o - 1) * s + k - i, 0); top = P // 2
        return o, P, top, P - top
    def tf_conv_len(i, k, s, mode):
        x = np.arange(i, dtype=float)
        if mode == 'valid':
            return len(placements(i, k, s))
        o, P, top, bot = tf_same(i, k, s)
        xp = np.concatenate([np.zeros(top), x, np.zeros(bot)])
        return len([t for t in range(0, len(xp), s) if t + k <= len(xp)])
    def valid_eq():
        return all(tf_conv_len(i, k, s, 'valid') == -(-(i - k + 1) // s) == (i - k) // s + 1
                   for i in range(1, 40) for k in range(1, 8) for s in range(1, 5) if k <= i)
    def same_out():
        return all(tf_conv_len(i, k, s, 'same') == -(-i // s) for i in range(1, 40) for k in range(1, 8) for s in range(1, 5))
    def minimal_pad():
        ok = True
        for i in range(1, 30):
            for k in range(1, 8):
                for s in range(1, 4):
                    o, P, top, bot = tf_same(i, k, s)
                    need = min(q for q in range(0, 40) if len([t for t in range(0, i + q, s) if t + k <= i + q]) >= o)
                    ok &= P == need and top + bot == P and bot - top in (0, 1)
        return ok
    o1, P1, t1, b1 = tf_same(224, 7, 2)
    start_tf = lambda r: 2 * r - t1; start_pt = lambda r: 2 * r - 3
    o2, P2, t2, b2 = tf_same(5, 2, 1); o3, P3, t3, b3 = tf_same(7, 3, 2); o3b, P3b, t3b, b3b = tf_same(8, 3, 2)
    return [
        ("# TensorFlow의 `padding='same'`", GIVEN),
        ('Keras의 `Conv2D`나 `MaxPool2D`는', GIVEN),
        ("## `'valid'`: 패딩 없음", GIVEN),
        ('$$o_{\\text{valid}} = \\left\\lceil', lambda: valid_eq(), '1 1'),
        ('이다. 두 식은 항상 같은 값을 준다.', lambda: valid_eq() and E('224', 224) and E('7', 7) and E('2', 2) and E('218', 224 - 7 + 1)
            and E('2', 2) and E('109', -(-218 // 2)) and E('217', 224 - 7) and E('2', 2) and E('1', 1) and E('108', 217 // 2) and E('1', 1)
            and E('109', tf_conv_len(224, 7, 2, 'valid'))),
        ("## `'same'`: 출력 크기를 먼저 정한다", GIVEN),
        ("`'same'`에서는 출력 크기가 커널 크기와 무관하게", lambda: same_out()),
        ('$$o_{\\text{same}} = \\left\\lceil', lambda: same_out()),
        ('로 먼저 정해지고, 그 출력을 만들 수 있도록', lambda: minimal_pad(), '0'),
        ('$$P = \\max\\big((o_{\\text{same}} - 1)', lambda: minimal_pad(), '1 0 2'),
        ('이다. 즉 $P$가 홀수이면', lambda: all(tf_same(i, k, s)[3] == tf_same(i, k, s)[2] + 1 for i in range(1, 30) for k in range(1, 8) for s in (1, 2, 3)
                                              if tf_same(i, k, s)[1] % 2 == 1)),
        ('**예 1.** $i = 224$', lambda: E('1', 1) and E('224', 224) and E('7', 7) and E('2', 2) and E('112', o1) and E('111', o1 - 1) and E('2', 2)
            and E('7', 7) and E('224', 224) and E('5', P1) and E('2', t1) and E('3', b1) and tf_conv_len(224, 7, 2, 'same') == o1),
        ('PyTorch에서 `padding=3`(양쪽 대칭)', lambda: E('3', 3) and E('224', 224) and E('6', 2 * 3) and E('7', 7) and E('2', 2) and E('1', 1)
            and E('112', out_len(224, 7, 2, 3)) and 3 - t1 == 1 and all(start_pt(r) == start_tf(r) - 1 for r in range(112))),
        ('**예 2.** $i = 5$, $k = 2$, $s = 1$', lambda: E('2', 2) and E('5', 5) and E('2', 2) and E('1', 1) and E('5', o2) and E('4', (o2 - 1) * 1)
            and E('2', 2) and E('5', 5) and E('1', P2) and E('0', t2) and E('1', b2) and E('1', 1)
            and all(tf_same(i, k, 1)[2] != tf_same(i, k, 1)[3] for i in range(2, 20) for k in (2, 4, 6))),
        ('**예 3.** $k = 3$, $s = 2$에서', lambda: E('3', 3) and E('3', 3) and E('2', 2) and E('7', 7) and E('4', o3) and E('3', o3 - 1) and E('2', 2)
            and E('3', 3) and E('7', 7) and E('2', P3) and E('1', t3) and t3 == b3 and E('8', 8) and E('4', o3b) and E('6', (o3b - 1) * 2)
            and E('3', 3) and E('8', 8) and E('1', P3b) and E('0', t3b) and E('1', b3b)),
        ('**예 4.** $s = 1$이고 $k$가 홀수이면', lambda: all(tf_same(i, k, 1)[1:] == (k - 1, (k - 1) // 2, (k - 1) // 2) and out_len(i, k, 1, (k - 1) // 2) == i
                                                    for i in range(7, 30) for k in (1, 3, 5, 7))
            and E('4', 4) and E('1', 1) and E('1', 1) and E('1', 1) and E('2', 2) and E('1', 1) and E('2', 2) and E('5', 5) and E('2', tf_same(20, 5, 1)[2])),
        ("layer = tf.keras.layers.Conv2D(64, 7, strides=2, padding='same')", GIVEN, '64 7 2'),
        ('print(layer(tf.zeros((1, 224, 224, 3))).shape)', lambda: EV(['1', '224', '224', '3'], [1, 224, 224, 3])
            and EV(['1', '112', '112', '64'], [1, tf_conv_len(224, 7, 2, 'same'), tf_conv_len(224, 7, 2, 'same'), 64])),
        ("정리하면, `'valid'`는", lambda: E('0', 0) and E('1', 1) and all(tf_same(i, 3, s)[0] != i for i in range(2, 30) for s in (2, 3)) and same_out()),
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
