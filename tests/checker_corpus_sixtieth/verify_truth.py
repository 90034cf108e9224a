#!/usr/bin/env python3
"""Independent NumPy check of corpus60 (informal Q&A answers explaining gradients).

Each file has an ordered list of checks (substring identifying exactly one line,
predicate, declared structural tokens).  Every line containing math (LaTeX spans,
inline code spans, Unicode math symbols, or a relation sign next to a digit) must
be covered.  Givens/definitions/quoted question text are GIVEN.  Worked numbers
are recomputed and must match to their printed precision (against the exact
value or the value recomputed from the rounded numbers the author carried);
symbolic derivative claims are tested by central finite differences at random
points; sizes by enumerating window positions; code by running it.  Every number
printed on a checked line must be a checked value or a declared token.
The first line whose predicate is False must equal expected.json.
"""
import json, math, os, re, sys
from collections import Counter
import numpy as np

VERBOSE = '-v' in sys.argv
D = os.path.dirname(os.path.abspath(__file__))
RNG = np.random.default_rng(60)
WARN = []

# ------------------------------------------------------------------ helpers
def GIVEN():
    return True

def _tol(s):
    s = s.strip().replace('−', '-')
    m = re.fullmatch(r'[+-]?(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?', s)
    assert m, f'bad number {s!r}'
    d = len(m.group(2) or '')
    e = int(m.group(3) or 0)
    return float(s), 0.5 * 10.0 ** (e - d) * (1 + 1e-9) + 1e-15

_LITS = []

def C(shown, *cands):
    """printed value is right to its printed precision for at least one candidate
    (exact value / value recomputed from the author's rounded carried inputs)."""
    _LITS.append(shown)
    v, t = _tol(shown)
    hits = [abs(v - float(c)) <= t for c in cands]
    if any(hits) and not all(hits):
        WARN.append(f'{shown}: matches only some candidates {cands}')
    return any(hits)

def E(shown, val):
    """printed value is exactly val."""
    _LITS.append(shown)
    v, _ = _tol(shown)
    return abs(v - float(val)) <= 1e-9 * max(1.0, abs(float(val)))

def CV(shown_list, *cand_arrays):
    arrs = [np.ravel(np.asarray(a, float)) for a in cand_arrays]
    if any(a.size != len(shown_list) for a in arrs):
        return False
    return all([C(s, *[a[i] for a in arrs]) for i, s in enumerate(shown_list)])

def EV(shown_list, arr):
    arr = np.ravel(np.asarray(arr, float))
    return len(arr) == len(shown_list) and all([E(s, arr[i]) for i, s in enumerate(shown_list)])

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

sig = lambda z: 1.0 / (1.0 + np.exp(-z))
def softmax(z):
    z = np.asarray(z, float); e = np.exp(z - z.max(axis=-1, keepdims=True)); return e / e.sum(axis=-1, keepdims=True)

def out_size_enum(N, K, S, P, d=1):
    """number of positions of a K-tap window (taps d apart) sliding with stride S
    over the input padded by P on both sides that stay inside the padded input"""
    span_taps = [d * k for k in range(K)]
    return len([s for s in range(-P, N + P, S) if s + max(span_taps) <= N + P - 1])

def span_enum(K, d):
    taps = [d * k for k in range(K)]
    return max(taps) - min(taps) + 1

FILES = {}
def register(name):
    def deco(fn):
        FILES[name] = fn
        return fn
    return deco

# ======================================================================= 01
@register('01_bce_logits_so.md')
def f01():
    bce = lambda p, y: -(y * np.log(p) + (1 - y) * np.log(1 - p))
    Lz = lambda z, y: bce(sig(z), y)
    z, y = 1.5, 0.0; p = sig(z); x = np.array([2.0, -1.0])
    def dLdp():
        ok = True
        for yy in (0.0, 1.0, 0.3):
            for pp in (0.15, 0.5, 0.8176):
                num = fd(lambda q: bce(q, yy), pp)
                ok &= abs(num - (-yy / pp + (1 - yy) / (1 - pp))) < 1e-6
                ok &= abs(num - (pp - yy) / (pp * (1 - pp))) < 1e-6
        return ok
    def dpdz():
        return all(abs(fd(sig, t) - sig(t) * (1 - sig(t))) < 1e-8 for t in rand(6))
    def dLdz():
        ok = True
        for yy in (0.0, 1.0, 0.25):
            for t in rand(5):
                pp = sig(t)
                ok &= abs(fd(lambda s: Lz(s, yy), t) - (pp - yy)) < 1e-6
                ok &= abs((pp - yy) / (pp * (1 - pp)) * pp * (1 - pp) - (pp - yy)) < 1e-12
        return ok
    def wgrad():
        ok = True
        for _ in range(4):
            w = rand(2); b = rand()
            yy = float(RNG.integers(0, 2))
            g = grad(lambda ww: Lz(ww @ x + b, yy), w)
            ok &= near(g, (sig(w @ x + b) - yy) * x)
            ok &= abs(fd(lambda bb: Lz(w @ x + bb, yy), b) - (sig(w @ x + b) - yy)) < 1e-6
        return ok
    stable = lambda z_, y_: max(z_, 0) - z_ * y_ + np.log(1 + np.exp(-abs(z_)))
    def stable_eq():
        return all(abs(stable(t, yy) - Lz(t, yy)) < 1e-10 for t in rand(6, lo=-5, hi=5) for yy in (0.0, 1.0, 0.4))
    def stable_grad():
        ok = True
        for t in rand(5, lo=0.1, hi=4):
            for yy in (0.0, 1.0, 0.3):
                num = fd(lambda s: stable(s, yy), t)
                ok &= abs(num - (1 - yy - sig(-t))) < 1e-6 and abs((1 - yy - sig(-t)) - (sig(t) - yy)) < 1e-12
        return ok
    fdv = (Lz(1.5001, y) - Lz(1.4999, y)) / 2e-4
    return [
        ('> I\'m deriving the gradient', GIVEN, '*'),
        ('L(z, y) = -[ y*log', GIVEN, '*'),
        ('Write p = σ(z)', GIVEN, ''),
        ('dL/dp = -y/p + (1-y)/(1-p)', dLdp, '1 1 1'),
        ('dp/dz = σ\'(z) = p*(1-p)', dpdz, '1'),
        ('so dL/dz = dL/dp * dp/dz', dLdz, '1 1 1'),
        ('With the numbers from your post', lambda: E('1.5', z) and E('0', y)),
        ('- e^-1.5 ≈ 0.2231', lambda: E('1.5', z) and C('0.2231', np.exp(-z)) and E('1.5', z)
            and C('0.8176', p, 1 / (1 + 0.2231)), '1 1 0.2231'),
        ('- correct: dL/dz', lambda: C('0.8176', fd(lambda s: Lz(s, y), z), p) and E('0', y)
            and C('0.8176', fd(lambda s: Lz(s, y), z))),
        ('- yours: p(1−p)(p−y)', lambda: C('0.8176', p) and C('0.1824', 1 - p) and E('0.8176', 0.8176)
            and C('0.1219', p * (1 - p) * (p - y), 0.8176 * 0.1824 * 0.8176)
            and C('0.1491', p * (1 - p), 0.1219 / 0.8176), '1 1'),
        ('Central difference as a sanity check', lambda: E('1e-4', 1e-4)),
        ('(L(1.5001) - L(1.4999)) / 2e-4', lambda: E('1.5001', 1.5 + 1e-4) and E('1.4999', 1.5 - 1e-4)
            and E('2e-4', 2e-4) and C('0.8176', fdv)),
        ('For the weights it is the usual chain rule', lambda: EV(['2.0', '-1.0'], x)),
        ('dL/dw = (p - y) * x = 0.8176', lambda: wgrad() and E('0.8176', 0.8176) and EV(['2', '-1'], x)
            and CV(['1.6352', '-0.8176'], p * x, 0.8176 * x)),
        ('dL/db = p - y = 0.8176', lambda: wgrad() and C('0.8176', p - y)),
        ('One more thing: PyTorch never evaluates', GIVEN, ''),
        ('L = max(z, 0) - z*y + log(1 + exp(-|z|))', stable_eq, '0 1'),
        ('For z = 1.5, y = 0 that is', lambda: E('1.5', z) and E('0', y) and C('1.2231', 1 + np.exp(-z))
            and E('1.5', z) and E('1.5', z) and C('0.2014', np.log(1 + np.exp(-z)), np.log(1.2231))
            and C('1.7014', stable(z, y), 1.5 + 0.2014) and C('1.7014', -np.log(1 - p), -np.log(1 - 0.8176))
            and E('0.8176', 0.8176), '1'),
        ('Differentiating the stable form', stable_grad, '0 1'),
        ('TL;DR: `grad = torch.sigmoid(z) - y`', dLdz, ''),
    ]

# ======================================================================= 02
@register('02_softmax_ce_zhihu_zh.md')
def f02():
    Z = np.array([[2.0, 1.0, 0.1], [0.5, 1.5, 0.0]]); lab = [0, 2]; N = 2
    Y = np.eye(3)[lab]; P = softmax(Z)
    Lmean = lambda Zv: -np.mean(np.log(softmax(Zv)[np.arange(N), lab]))
    G = grad(Lmean, Z)                       # true gradient of the batch-mean loss
    def jac():
        ok = True
        for _ in range(3):
            v = rand(4); pv = softmax(v)
            J = np.stack([grad(lambda u: softmax(u)[i], v) for i in range(4)])
            ok &= near(J, pv[:, None] * (np.eye(4) - pv[None, :]))
            ok &= all(J[i, j] < 0 for i in range(4) for j in range(4) if i != j)
        return ok
    def dLdp():
        ok = True
        for _ in range(3):
            pv = RNG.uniform(0.1, 0.9, 3); yv = np.eye(3)[int(RNG.integers(0, 3))]
            ok &= near(grad(lambda q: -np.sum(yv * np.log(q)), pv), -yv / pv)
        return ok
    def chain():
        ok = True
        for _ in range(4):
            v = rand(3); yv = np.eye(3)[int(RNG.integers(0, 3))]; pv = softmax(v)
            g = grad(lambda u: -np.sum(yv * np.log(softmax(u))), v)
            J = pv[:, None] * (np.eye(3) - pv[None, :])
            ok &= near(g, pv - yv) and near((-yv / pv) @ J, pv - yv, 1e-12)
        return ok
    def diag_only():
        ok = True
        for _ in range(4):
            v = rand(3); c = int(RNG.integers(0, 3)); yv = np.eye(3)[c]; pv = softmax(v)
            d = -yv / pv * pv * (1 - pv)
            ok &= near(d, -yv * (1 - pv), 1e-12) and abs(d[c] - (pv[c] - 1)) < 1e-12
            ok &= all(d[j] == 0 for j in range(3) if j != c)
        return ok
    e = np.exp(Z)
    return [
        ('> 为什么 softmax', GIVEN, '*'),
        ('设 $p_i = e^{z_i}', GIVEN, '*'),
        ('1. softmax 的 Jacobian', jac, '0'),
        ('2. $\\partial L/\\partial p_i', dLdp, ''),
        ('3. 链式法则', chain, ''),
        ('4. 只保留', diag_only, '1 1 0'),
        ('举个 batch 的例子', GIVEN, '*'),
        ('- 样本 1', GIVEN, '*'),
        ('- $e^{z^{(1)}}', lambda: CV(['7.389', '2.718', '1.105'], e[0]) and C('11.213', e[0].sum())
            and CV(['0.6590', '0.2424', '0.0986'], P[0])),
        ('- $e^{z^{(2)}}', lambda: CV(['1.649', '4.482', '1.000'], e[1]) and C('7.130', e[1].sum())
            and CV(['0.2312', '0.6285', '0.1402'], P[1])),
        ('- 损失取 batch 平均', lambda: E('0.6590', 0.6590) and E('0.1402', 0.1402)
            and C('0.4170', -np.log(P[0, 0])) and C('1.9644', -np.log(P[1, 2]))
            and C('1.1907', Lmean(Z), (0.4170 + 1.9644) / 2), '1 2 1 2'),
        ('$$\\frac{\\partial L}{\\partial Z} = P - Y$$', lambda: near(G, P - Y)),
        ('- 第 1 行', lambda: C('0.6590', P[0, 0]) and E('1', 1) and C('0.2424', P[0, 1]) and C('0.0986', P[0, 2])
            and CV(['-0.3410', '0.2424', '0.0986'], G[0]), '1'),
        ('- 第 2 行', lambda: C('0.2312', P[1, 0]) and C('0.6285', P[1, 1]) and C('0.1402', P[1, 2]) and E('1', 1)
            and CV(['0.2312', '0.6285', '-0.8598'], G[1]), '2'),
        ('- 每一行加起来都是 0', lambda: near(G.sum(axis=1), [0, 0]) and near(P.sum(axis=1), [1, 1], 1e-12)
            and E('0', 0) and E('1', 1)),
        ('所以错误类别拿到的梯度', lambda: all(abs(G[n, j] - P[n, j]) < 1e-6 for n in range(N) for j in range(3) if j != lab[n])
            and all(G[n, lab[n]] < 0 for n in range(N)), '1 0'),
        ('代码里就是一行', lambda: near(G, P - Y)),
    ]

# ======================================================================= 03
@register('03_sigmoid_chain_reddit.md')
def f03():
    w = np.array([1.5, 2.0, -1.0, 3.0])
    def chain(a0):
        a = a0
        for wk in w:
            a = sig(wk * a)
        return a
    zs, As = [], []; a = 1.0
    for wk in w:
        zs.append(wk * a); a = sig(wk * a); As.append(a)
    zs = np.array(zs); As = np.array(As); sp = As * (1 - As); fac = w * sp
    cum = np.cumprod(fac)
    ar = [0.8176, 0.8369, 0.3022, 0.7123]          # the author's rounded activations
    spr = [0.1491, 0.1365, 0.2109, 0.2049]
    facr = [0.2237, 0.2730, -0.2109, 0.6147]
    def chain_rule():
        ok = abs(fd(chain, 1.0) - np.prod(fac)) < 1e-7
        ok &= all(abs(fd(sig, t) - sig(t) * (1 - sig(t))) < 1e-8 for t in rand(5))
        return ok
    def vector_chain():
        ok = True
        for _ in range(3):
            W1, W2 = rand(3, 3), rand(3, 3); g = rand(3); a0 = rand(3)
            f = lambda v: g @ sig(W2 @ sig(W1 @ v))
            a1 = sig(W1 @ a0); a2 = sig(W2 @ a1)
            ok &= near(grad(f, a0), W1.T @ ((a1 * (1 - a1)) * (W2.T @ ((a2 * (1 - a2)) * g))))
        return ok
    return [
        ('> [D] Can someone show', lambda: all(sig(t) * (1 - sig(t)) <= 0.25 + 1e-15 for t in rand(20, lo=-6, hi=6)), '*'),
        ('Start from a₀ = 1', GIVEN, '*'),
        ('zₖ = wₖ · aₖ₋₁', GIVEN, '*'),
        ('The quantity you care about', chain_rule, '1 1'),
        ('- z₁ = 1.5 · 1 = 1.5', lambda: E('1.5', w[0]) and E('1', 1) and E('1.5', zs[0]) and E('1.5', zs[0])
            and C('0.8176', As[0])),
        ('- z₂ = 2.0 · 0.8176', lambda: E('2.0', w[1]) and E('0.8176', ar[0]) and C('1.6352', zs[1], 2.0 * 0.8176)
            and E('1.6352', 1.6352) and C('0.8369', As[1], sig(1.6352))),
        ('- z₃ = −1.0 · 0.8369', lambda: E('-1.0', w[2]) and E('0.8369', ar[1]) and C('-0.8369', zs[2])
            and E('-0.8369', -0.8369) and C('0.3022', As[2], sig(-0.8369))),
        ('- z₄ = 3.0 · 0.3022', lambda: E('3.0', w[3]) and E('0.3022', ar[2]) and C('0.9066', zs[3], 3 * 0.3022)
            and E('0.9066', 0.9066) and C('0.7123', As[3], sig(0.9066))),
        ('Local derivatives σ′(zₖ) = aₖ(1 − aₖ)', lambda: all(abs(fd(sig, t) - sig(t) * (1 - sig(t))) < 1e-8 for t in zs), '1'),
        ('- σ′(z₁) = 0.8176', lambda: C('0.8176', As[0]) and C('0.1824', 1 - As[0]) and C('0.1491', sp[0], 0.8176 * 0.1824)),
        ('- σ′(z₂) = 0.8369', lambda: C('0.8369', As[1]) and C('0.1631', 1 - As[1]) and C('0.1365', sp[1], 0.8369 * 0.1631)),
        ('- σ′(z₃) = 0.3022', lambda: C('0.3022', As[2]) and C('0.6978', 1 - As[2]) and C('0.2109', sp[2], 0.3022 * 0.6978)),
        ('- σ′(z₄) = 0.7123', lambda: C('0.7123', As[3]) and C('0.2877', 1 - As[3]) and C('0.2049', sp[3], 0.7123 * 0.2877)),
        ('Each factor wₖσ′(zₖ)', lambda: all(E(ws, w[k]) and C(ss, sp[k]) and C(fs, fac[k], w[k] * spr[k])
            for k, (ws, ss, fs) in enumerate([('1.5', '0.1491', '0.2237'), ('2.0', '0.1365', '0.2730'),
                                                ('-1.0', '0.2109', '-0.2109'), ('3.0', '0.2049', '0.6147')]))),
        ('- after layer 1:', lambda: C('0.2237', cum[0]), '1'),
        ('- after layer 2:', lambda: C('0.2237', cum[0]) and C('0.2730', fac[1]) and C('0.06107', cum[1], 0.2237 * 0.2730), '2'),
        ('- after layer 3:', lambda: C('0.06107', cum[1]) and C('-0.2109', fac[2]) and C('-0.1288', cum[2], 0.06107 * -0.2109), '3'),
        ('- after layer 4:', lambda: C('-0.1288', cum[2]) and C('0.6147', fac[3]) and C('-0.07917', cum[3], -0.01288 * 0.6147), '4'),
        ('So ∂a₄/∂a₀ ≈ −0.079', lambda: C('-0.079', fd(chain, 1.0)) and 1 / abs(cum[3]) > 12 and E('3.0', w[3])
            and all(abs(fac) <= 0.25 * abs(w) + 1e-12), '12 0.25'),
        ('For the "0.25^n" people', lambda: abs(sig(0.0) * (1 - sig(0.0)) - 0.25) < 1e-15 and E('0.25', 0.25) and E('0', 0)
            and E('1', 1) and C('9.5e-7', 0.25 ** 10) and C('9.1e-13', 0.25 ** 20)
            and abs(fd(lambda t: max(t, 0.0), 0.7) - 1) < 1e-9, '0.25 0.25 1'),
        ('Edit: for the vector version', vector_chain, ''),
    ]

# ======================================================================= 04
@register('04_relu_dead_units_discord.md')
def f04():
    relu = lambda z: np.maximum(z, 0.0)
    w = np.array([0.4, 0.7]); b = 0.3; xs = np.array([1.0, 0.5]); up = 2.3; lr = 1.0
    unit = lambda w_, b_, x_: relu(w_ @ x_ + b_)
    dw = np.array([fd(lambda t: up * unit(w + t * np.eye(2)[j], b, xs), 0.0) for j in range(2)])
    db = fd(lambda t: up * unit(w, b + t, xs), 0.0)
    wn, bn = w - lr * dw, b - lr * db
    grid = np.array([[u, v] for u in np.linspace(0, 1, 41) for v in np.linspace(0, 1, 41)])
    def rule():
        ok = True
        for _ in range(6):
            ww, bb, xx, g = rand(2), rand(), rand(2), rand()
            z = ww @ xx + bb
            if abs(z) < 1e-3: continue
            gw = np.array([fd(lambda t: g * unit(ww + t * np.eye(2)[j], bb, xx), 0.0) for j in range(2)])
            gb = fd(lambda t: g * unit(ww, bb + t, xx), 0.0)
            ok &= near(gw, g * (z > 0) * xx) and abs(gb - g * (z > 0)) < 1e-6
        return ok
    def never_moves():
        ok = True
        for xx in grid[::37]:
            gw = np.array([fd(lambda t: up * unit(wn + t * np.eye(2)[j], bn, xx), 0.0) for j in range(2)])
            ok &= near(gw, [0, 0])
        return ok
    leaky = lambda z, a=0.01: np.where(z > 0, z, a * z)
    lunit = lambda w_, b_, x_: leaky(w_ @ x_ + b_)
    ldw = np.array([fd(lambda t: 0.8 * lunit(wn + t * np.eye(2)[j], bn, xs), 0.0) for j in range(2)])
    ldb = fd(lambda t: 0.8 * lunit(wn, bn + t, xs), 0.0)
    def count_code():
        Z = np.array([[1.0, -1, 0, 2], [-0.5, -2, 0, 0], [3, -1, -1, 0]])
        dead = (Z > 0).sum(axis=0) == 0
        return list(dead) == [False, True, True, False] and abs(dead.mean() - 0.5) < 1e-12
    return [
        ('dead ReLU. for one unit', rule, ''),
        ('`dL/dw = dL/dh * 1[z > 0] * x`', rule, '1 0 1 0'),
        ('so if z ≤ 0 for *every* x', lambda: never_moves() and E('0', 0)),
        ('toy numbers.', GIVEN, '*'),
        ('at x = [1, 0.5]: z = 0.4·1', lambda: EV(['1', '0.5'], xs) and E('0.4', w[0]) and E('1', xs[0]) and E('0.7', w[1])
            and E('0.5', xs[1]) and E('0.3', b) and C('1.05', w @ xs + b) and E('0', 0)
            and abs(fd(relu, w @ xs + b) - 1) < 1e-9 and E('1', 1)),
        ('early in training this sample', GIVEN, '*'),
        ('`dw = 2.3 * 1 * [1, 0.5]', lambda: E('2.3', up) and E('1', 1) and EV(['1', '0.5'], xs)
            and CV(['2.3', '1.15'], dw) and C('2.3', db)),
        ('update: w ← [0.4 − 2.3', lambda: E('0.4', w[0]) and C('2.3', dw[0]) and E('0.7', w[1]) and C('1.15', dw[1])
            and CV(['-1.9', '-0.45'], wn) and E('0.3', b) and E('1.0', lr) and C('2.3', db) and C('-2.0', bn)),
        ('now both weights are negative', lambda: all(wn < 0) and EV(['0', '0'], grid[np.argmax(grid @ wn + bn)])
            and C('-2.0', np.max(grid @ wn + bn)) and abs(bn + 2.0) < 1e-6 and E('0', 0) and E('0', 0) and np.max(grid @ wn + bn) < 0),
        ('→ 1[z > 0] = 0 on the whole input box', lambda: never_moves() and all(grid @ wn + bn <= 0)
            and EV(['0', '0'], [0, 0]), '1 0 0 0 40'),
        ('same step with lr = 0.01', lambda: E('0.01', 0.01) and E('0.3', b) and E('0.01', 0.01) and E('2.3', up)
            and C('0.277', b - 0.01 * db) and E('0.4', w[0]) and C('0.023', 0.01 * dw[0]) and E('0.7', w[1])
            and C('0.0115', 0.01 * dw[1]) and CV(['0.377', '0.6885'], w - 0.01 * dw) and (w - 0.01 * dw) @ xs + (b - 0.01 * db) > 0),
        ('- leaky ReLU, slope α = 0.01', lambda: all(abs(fd(leaky, t) - 0.01) < 1e-9 for t in rand(4, lo=-3, hi=-0.1))
            and E('0.01', 0.01) and E('0', 0)),
        ('- e.g. the dead unit above', lambda: EV(['1', '0.5'], xs) and E('-1.9', wn[0] * xs[0]) and C('-0.225', wn[1] * xs[1])
            and C('-2.0', bn) and C('-4.125', wn @ xs + bn) and E('0.8', 0.8) and E('0.8', 0.8) and E('0.01', 0.01)
            and EV(['1', '0.5'], xs) and CV(['0.008', '0.004'], ldw) and C('0.008', ldb)),
        ('- small positive bias init', GIVEN, '*'),
        ('`dead = (Z > 0).sum(axis=0) == 0`', count_code, '0 0 0'),
    ]

# ======================================================================= 05
@register('05_l1_vs_l2_crossvalidated.md')
def f05():
    w = np.array([0.5, -0.02, 3.0]); lam = 0.1; eta = 0.1
    R1 = lambda v: np.sum(np.abs(v)); R2 = lambda v: np.sum(v ** 2)
    g1 = grad(lambda v: lam * R1(v), w)            # true L1 penalty gradient
    g2 = grad(lambda v: lam * R2(v), w)            # true L2 penalty gradient
    w1 = w - eta * g1
    def subgrad():
        ok = all(abs(fd(np.abs, t) - np.sign(t)) < 1e-9 for t in rand(6) if abs(t) > 1e-3)
        h = 1e-7
        right = (abs(0 + h) - abs(0)) / h; left = (abs(0) - abs(0 - h)) / h
        return ok and abs(right - 1) < 1e-9 and abs(left + 1) < 1e-9
    def l2_claim():
        return all(near(grad(lambda v: lam * R2(v), u), lam * u) for u in [rand(3) for _ in range(3)])
    soft = lambda v, t: np.sign(v) * np.maximum(np.abs(v) - t, 0.0)
    w2 = w - eta * g2
    return [
        ('Take the penalized objective', GIVEN, '*'),
        ('**L1.** $R(w)', subgrad, '0 0 1 1'),
        ('So the L1 part of the step', lambda: near(np.abs(eta * g1), [eta * lam] * 3) and EV(['0.5', '-0.02', '3.0'], w)
            and E('0.1', lam) and E('0.1', eta)),
        ('- $\\lambda\\,\\operatorname{sign}(w) = (0.1', lambda: CV(['0.1', '-0.1', '0.1'], g1) and CV(['0.01', '-0.01', '0.01'], eta * g1)),
        ('- after one step (penalty only)', lambda: CV(['0.49', '-0.01', '2.99'], w1)
            and abs(w1[1] - eta * grad(lambda v: lam * R1(v), w1)[1]) < 1e-8 and E('-0.02', w[1]) and E('2', 2) and E('0.01', eta * lam)
            and E('0', 0)),
        ('A constant-size push reaches zero', lambda: soft(-0.01, eta * lam) == 0 and E('0', 0)),
        ('**L2.** $R(w)', GIVEN, '*'),
        ('\\lambda \\sum_k w_k^2 = \\lambda\\, w_j$$', l2_claim, '2'),
        ('so the penalty gradient for the same', lambda: CV(['0.05', '-0.002', '0.3'], g2) and CV(['0.005', '-0.0002', '0.03'], eta * g2)),
        ('Equivalently each step multiplies', lambda: all(abs((u - eta * 2 * lam * u) - (1 - eta * lam) * u) < 1e-12 for u in w)
            and E('1', 1) and E('0.99', 1 - eta * 2 * lam)),
        ('- after one step: $w = (0.495', lambda: CV(['0.495', '-0.0198', '2.97'], w2)),
        ('- after $t$ steps', lambda: E('0.99', 1 - 2 * eta * lam) and E('-0.02', w[1]) and E('0.99', 1 - 2 * eta * lam)
            and E('100', 100) and C('-0.00732', w[1] * (1 - 2 * eta * lam) ** 100) and E('100', 100)),
        ('The push is proportional to $w_j$', lambda: E('3.0', w[2]) and C('0.03', eta * g2[2]) and C('0.01', eta * g1[2])
            and abs(eta * g2[2] / (eta * g1[2]) - 3) < 1e-6, '3 3'),
        ('That\'s also the usual picture', GIVEN, ''),
        ('(And "weight decay" in most optimizers', GIVEN, ''),
    ]

# ======================================================================= 06
@register('06_batchnorm_backward_qiita_ja.md')
def f06():
    x = np.array([1.0, 2, 4, 5]); gamma, beta = 2.0, 0.0; dy = np.array([0.1, -0.2, 0.3, 0.4]); N = 4
    def bn(xv, g=gamma, b=beta):
        mu = xv.mean(); var = ((xv - mu) ** 2).mean(); return g * (xv - mu) / np.sqrt(var) + b
    Lf = lambda xv, g=gamma, b=beta: dy @ bn(xv, g, b)
    mu = x.mean(); var = x.var(); std = np.sqrt(var); xh = (x - mu) / std
    dx_true = grad(Lf, x)
    dg = fd(lambda t: Lf(x, t, beta), gamma); dbeta = fd(lambda t: Lf(x, gamma, t), beta)
    def param_grads():
        ok = True
        for _ in range(3):
            xv = rand(5); dyv = rand(5); g0 = rand(); mv = xv.mean(); xhv = (xv - mv) / xv.std()
            f = lambda g, b: dyv @ (g * xhv + b)
            ok &= abs(fd(lambda t: f(t, 0.3), g0) - dyv @ xhv) < 1e-6 and abs(fd(lambda t: f(g0, t), 0.3) - dyv.sum()) < 1e-6
        return ok
    def shortcut(code=False):
        ok = True
        for _ in range(4):
            n = int(RNG.integers(3, 7)); xv = rand(n); dyv = rand(n); g = rand()
            m = xv.mean(); sd = np.sqrt(((xv - m) ** 2).mean()); xhv = (xv - m) / sd
            true = grad(lambda u: dyv @ (g * (u - u.mean()) / np.sqrt(((u - u.mean()) ** 2).mean())), xv)
            if code:
                env = dict(gamma=g, N=n, std=sd, dy=dyv, xhat=xhv)
                exec('dx = gamma / (N * std) * (N * dy - dy.sum() - xhat * (dy * xhat).sum())', {}, env)
                claim = env['dx']
            else:
                claim = g / (n * sd) * (n * dyv - dyv.sum() - xhv * (dyv @ xhv))
            ok &= near(claim, true)
        return ok
    inner = N * dy - dy.sum() - xh * (dy @ xh)
    return [
        ('あります。ミニバッチ', GIVEN, '*'),
        ('- 順伝播', GIVEN, '*'),
        ('- $\\partial L/\\partial \\gamma = \\sum_i', param_grads, ''),
        ('$\\mu$ と $\\sigma$ も', GIVEN, ''),
        ('\\left( N\\, dy_i - \\sum_j', shortcut, ''),
        ('dx = gamma / (N * std)', lambda: shortcut(code=True), ''),
        ('$x = (1, 2, 4, 5)$', GIVEN, '*'),
        ('1. $\\mu = 12/4 = 3$', lambda: E('12', x.sum()) and E('4', N) and E('3', mu)
            and EV(['4', '1', '1', '4'], (x - mu) ** 2) and E('4', N) and E('2.5', var) and E('2.5', var) and C('1.5811', std), '2'),
        ('2. $\\hat{x} = (x - 3)/1.5811', lambda: E('3', mu) and C('1.5811', std) and CV(['-1.2649', '-0.6325', '0.6325', '1.2649'], xh)),
        ('3. $\\sum_j dy_j = 0.6$', lambda: C('0.6', dy.sum()) and C('1.1', (dy @ xh) * np.sqrt(2.5)) and E('2.5', var)
            and C('0.6957', dy @ xh)),
        ('4. これがそのまま', lambda: C('0.6', dbeta) and C('0.6957', dg)),
        ('5. 括弧の中', lambda: E('0.6', 0.6) and E('0.6957', 0.6957)
            and all(E(a, N * dy[i]) and E(b_, 0.6) and C(c, -xh[i] * (dy @ xh)) for i, (a, b_, c) in
                    enumerate([('0.4', '0.6', '0.88'), ('-0.8', '0.6', '0.44'), ('1.2', '0.6', '-0.44'), ('1.6', '0.6', '-0.88')]))
            and CV(['0.68', '-0.96', '0.16', '0.12'], inner)),
        ('6. 係数', lambda: E('2', gamma) and E('4', N) and C('1.5811', std) and C('0.3162', gamma / (N * std))),
        ('7. $\\partial L/\\partial x \\approx 0.3162', lambda: C('0.3162', gamma / (N * std)) and CV(['0.68', '-0.96', '0.16', '0.12'], inner)
            and CV(['0.2150', '-0.3036', '0.0506', '0.0379'], dx_true, 0.3162 * np.array([0.68, -0.96, 0.16, 0.12]))),
        ('- $\\sum_i \\partial L/\\partial x_i = 0.2150', lambda: CV(['0.2150', '-0.3036', '0.0506', '0.0379'], dx_true)
            and abs(dx_true.sum()) < 1e-6 and C('0', 0.2150 - 0.3036 + 0.0506 + 0.0379)),
        ('- $\\sum_i \\hat{x}_i\\, \\partial L/\\partial x_i \\approx 0$', lambda: abs(xh @ dx_true) < 1e-6 and E('0', 0)),
        ('- 有限差分', lambda: E('10', 10) and E('5', 5) and C('0.2150', (Lf(x + 1e-5 * np.eye(4)[0]) - Lf(x - 1e-5 * np.eye(4)[0])) / 2e-5)),
        ('9 ノード版と数値が一致すれば', GIVEN, '9'),
    ]

# ======================================================================= 07
@register('07_rnn_bptt_one_step_so.md')
def f07():
    W = np.array([[0.5, -0.3], [0.8, 0.2]]); hp = np.array([0.6, -0.4]); ht = np.array([0.5, -0.2]); dh = np.array([0.4, -0.25])
    c = np.arctanh(ht) - W @ hp                 # W_xh @ x_t + b consistent with the forward pass
    Lf = lambda W_, hp_: dh @ np.tanh(W_ @ hp_ + c)   # surrogate loss with dL/dh_t = dh
    delta_t = dh * (1 - ht ** 2)
    dW_true = grad(lambda M: Lf(M, hp), W)
    dhp_true = grad(lambda v: Lf(W, v), hp)
    dprev_true = dhp_true * (1 - hp ** 2)
    def tanh_d():
        return all(abs(fd(np.tanh, t) - (1 - np.tanh(t) ** 2)) < 1e-8 for t in rand(6))
    def delta_rule():
        ok = True
        for _ in range(3):
            a = rand(3); g = rand(3)
            ok &= near(grad(lambda u: g @ np.tanh(u), a), g * (1 - np.tanh(a) ** 2))
        return ok
    def wgrads():
        ok = True
        for _ in range(3):
            H, X = 3, 2
            Wh, Wx, bb, h0, xt, g = rand(H, H), rand(H, X), rand(H), rand(H), rand(X), rand(H)
            f = lambda Wh_, Wx_, b_: g @ np.tanh(Wh_ @ h0 + Wx_ @ xt + b_)
            d = g * (1 - np.tanh(Wh @ h0 + Wx @ xt + bb) ** 2)
            ok &= near(grad(lambda M: f(M, Wx, bb), Wh), np.outer(d, h0))
            ok &= near(grad(lambda M: f(Wh, M, bb), Wx), np.outer(d, xt))
            ok &= near(grad(lambda v: f(Wh, Wx, v), bb), d)
        return ok
    def accumulate():
        # 2-step sequence, loss at the end: dL/dW_hh is the sum of the per-step outer products
        H = 3; Wh, Wx = rand(H, H), rand(H, 1); xs = [rand(1), rand(1)]; h0 = rand(H); g = rand(H)
        def run(M):
            h = h0
            for xt in xs:
                h = np.tanh(M @ h + Wx @ xt)
            return g @ h
        h1 = np.tanh(Wh @ h0 + Wx @ xs[0]); h2 = np.tanh(Wh @ h1 + Wx @ xs[1])
        d2 = g * (1 - h2 ** 2); d1 = (Wh.T @ d2) * (1 - h1 ** 2)
        return near(grad(run, Wh), np.outer(d2, h1) + np.outer(d1, h0))
    def back_rule():
        ok = True
        for _ in range(3):
            M = rand(3, 3); h0 = rand(3); cc = rand(3); g = rand(3)
            d = g * (1 - np.tanh(M @ h0 + cc) ** 2)
            ok &= near(grad(lambda v: g @ np.tanh(M @ v + cc), h0), M @ d)
        return ok
    return [
        ('> I have a vanilla RNN', GIVEN, '*'),
        ('a_t = W_hh @ h_prev + W_xh @ x_t + b', GIVEN, ''),
        ('h_t = tanh(a_t)', GIVEN, ''),
        ('**1. Through the tanh.**', tanh_d, '1 1 2 1 2'),
        ('delta_t = dL/da_t = dh_t * (1 - h_t**2)', delta_rule, '1 2'),
        ('**2. Parameter gradients at this step.**', wgrads, '2'),
        ('dW_hh += np.outer(delta_t, h_prev)', wgrads, ''),
        ('dW_xh += np.outer(delta_t, x_t)', wgrads, ''),
        ('db    += delta_t', wgrads, ''),
        ('Use `+=`: the same matrices', accumulate, ''),
        ('dh_prev = W_hh @ delta_t', back_rule, ''),
        ('Numbers, with H = 2', GIVEN, '*'),
        ('W_hh = [[0.5, -0.3], [0.8, 0.2]],  h_prev', GIVEN, '*'),
        ('- 1 - h_t**2 = [1 - 0.25', lambda: E('1', 1) and E('2', 2) and E('1', 1) and E('0.25', ht[0] ** 2) and E('1', 1)
            and C('0.04', ht[1] ** 2) and CV(['0.75', '0.96'], 1 - ht ** 2)),
        ('- delta_t = [0.4 * 0.75', lambda: E('0.4', dh[0]) and C('0.75', 1 - ht[0] ** 2) and E('-0.25', dh[1]) and C('0.96', 1 - ht[1] ** 2)
            and CV(['0.3', '-0.24'], grad(lambda a: dh @ np.tanh(a), np.arctanh(ht)))),
        ('- dW_hh = outer([0.3, -0.24], [0.6, -0.4])', lambda: CV(['0.3', '-0.24'], delta_t) and EV(['0.6', '-0.4'], hp)
            and CV(['0.18', '-0.12', '-0.144', '0.096'], dW_true)),
        ('- dh_prev = [0.5*0.3', lambda: E('0.5', W[0, 0]) and C('0.3', delta_t[0]) and E('-0.3', W[0, 1]) and C('-0.24', delta_t[1])
            and E('0.8', W[1, 0]) and C('0.3', delta_t[0]) and E('0.2', W[1, 1]) and C('-0.24', delta_t[1])
            and CV(['0.222', '0.192'], dhp_true)),
        ('- 1 - h_prev**2 = [1 - 0.36', lambda: E('1', 1) and E('2', 2) and E('1', 1) and C('0.36', hp[0] ** 2) and E('1', 1)
            and C('0.16', hp[1] ** 2) and CV(['0.64', '0.84'], 1 - hp ** 2)),
        ('- delta_prev = [0.222 * 0.64', lambda: C('0.222', dhp_true[0]) and C('0.64', 1 - hp[0] ** 2) and C('0.192', dhp_true[1])
            and C('0.84', 1 - hp[1] ** 2) and CV(['0.14208', '0.16128'], dprev_true)),
        ('and `delta_prev` is what you feed into step 2', GIVEN, '*'),
        ('Two things that usually break hand-written BPTT', GIVEN, '*'),
    ]

# ======================================================================= 08
@register('08_contrastive_loss_crossvalidated.md')
def f08():
    a = np.array([1.0, 2.0]); b = np.array([2.0, 0.0]); m = 3.0; eta = 0.5
    dist = lambda u, v: np.sqrt(np.sum((u - v) ** 2))
    Lc = lambda u, v, y: 0.5 * y * dist(u, v) ** 2 + 0.5 * (1 - y) * max(0.0, m - dist(u, v)) ** 2
    d = dist(a, b); ga = grad(lambda u: Lc(u, b, 0), a); gb = grad(lambda v: Lc(a, v, 0), b)
    an = a - eta * ga; dn = dist(an, b)
    def dd():
        ok = True
        for _ in range(4):
            u, v = rand(3), rand(3); dv = dist(u, v)
            ok &= near(grad(lambda t: dist(t, v), u), (u - v) / dv) and near(grad(lambda t: dist(u, t), v), -(u - v) / dv)
        return ok
    def sim():
        ok = True
        for _ in range(3):
            u, v = rand(3), rand(3)
            ok &= near(grad(lambda t: 0.5 * dist(t, v) ** 2, u), u - v) and near(grad(lambda t: Lc(t, v, 1), u), u - v)
        return ok
    def dis():
        ok = True
        for _ in range(4):
            u = rand(2, lo=-1, hi=1); v = rand(2, lo=-1, hi=1); dv = dist(u, v)
            if dv >= m: continue
            ok &= near(grad(lambda t: 0.5 * (m - dist(t, v)) ** 2, u), -(m - dv) * (u - v) / dv)
        return ok
    def flat():
        u = np.array([0.0, 0.0]); v = np.array([3.0, 2.0])   # d > m
        g = grad(lambda t: Lc(t, v, 0), u)
        step_ok = dist(a - 1e-3 * ga, b) > d
        return near(g, [0, 0]) and step_ok and E('0', 0)
    return [
        ('> For the contrastive loss', GIVEN, '*'),
        ('You stopped the chain rule at $d$', GIVEN, ''),
        ('**Step 1, the distance.**', GIVEN, '*'),
        ('\\frac{\\partial d}{\\partial a} = \\frac{a - b}{d}', dd, ''),
        ('i.e. a unit vector pointing from $b$ to $a$', lambda: all(abs(np.linalg.norm((u - v) / dist(u, v)) - 1) < 1e-12
            for u, v in [(rand(3), rand(3)) for _ in range(3)]) and E('0', 0)),
        ('**Step 2, similar pair', sim, '1 1 2 2 2'),
        ('**Step 3, dissimilar pair', dis, '3 0 1 2 2 1'),
        ('If $d \\ge m$ the hinge is flat', flat),
        ('**Numbers.** $a = (1, 2)$', GIVEN, '*'),
        ('- $a - b = (-1, 2)$', lambda: EV(['-1', '2'], a - b) and E('1', (a - b)[0] ** 2) and E('4', (a - b)[1] ** 2)
            and E('5', np.sum((a - b) ** 2)) and C('2.2361', d) and E('3', m) and d < m),
        ('- $L = \\frac{1}{2}(3 - 2.2361)^2', lambda: E('1', 1) and E('2', 2) and E('3', m) and C('2.2361', d) and E('2', 2)
            and E('1', 1) and E('2', 2) and C('0.7639', m - d) and E('2', 2) and C('0.2918', Lc(a, b, 0))),
        ('- $(a - b)/d \\approx (-0.4472, 0.8944)$', lambda: CV(['-0.4472', '0.8944'], (a - b) / d)),
        ('- $\\partial L/\\partial a = -0.7639', lambda: C('-0.7639', -(m - d)) and CV(['-0.4472', '0.8944'], (a - b) / d)
            and CV(['0.3416', '-0.6833'], ga) and CV(['-0.3416', '0.6833'], gb)),
        ('- SGD step with $\\eta = 0.5$', lambda: E('0.5', eta) and E('1', a[0]) and C('0.1708', eta * ga[0]) and E('2', a[1])
            and C('0.3416', -eta * ga[1]) and CV(['0.8292', '2.3416'], an)),
        ('- new distance', lambda: C('0.8292', an[0]) and E('2', b[0]) and E('2', 2) and C('2.3416', an[1]) and E('2', 2)
            and C('2.6180', dn) and E('1', 1) and E('2', 2) and E('3', m) and C('2.6180', dn)
            and C('0.0730', Lc(an, b, 0), 0.5 * (3 - 2.6180) ** 2) and E('2', 2)),
        ('The distance went up and the loss went down', lambda: dn > d and Lc(an, b, 0) < Lc(a, b, 0) and E('1', 1)
            and EV(['-1', '2'], grad(lambda u: Lc(u, b, 1), a))),
        ('Your $(m - d)$ is the right *magnitude*', lambda: abs(np.linalg.norm(ga) - (m - d)) < 1e-6
            and near(ga, (m - d) * (-(a - b) / d))),
    ]

# ======================================================================= 09
@register('09_embedding_grad_so_es.md')
def f09():
    V, Dm = 5, 3; ids = [1, 3, 1]; g = np.array([0.3, -0.6, 0.9]); lr = 0.1
    E0 = np.zeros((V, Dm)); E0[1] = [0.5, 0.1, -0.2]; E0[3] = [-0.3, 0.4, 0.0]
    E0[[0, 2, 4]] = rand(3, Dm)
    Lf = lambda Em: g @ (np.mean(Em[ids], axis=0))      # dL/dh = g
    dE = grad(Lf, E0)
    E_true = E0 - lr * dE
    def onehot_lookup():
        Em = rand(V, Dm)
        return all(near(Em.T @ np.eye(V)[i], Em[i], 1e-12) for i in range(V))
    def formula():
        ok = True
        for _ in range(3):
            Em = rand(V, Dm); idl = list(RNG.integers(0, V, size=4)); gs = rand(4, Dm)
            f = lambda M: sum(gs[t] @ (M.T @ np.eye(V)[idl[t]]) for t in range(4))
            claim = sum(np.eye(V)[idl[t]][:, None] @ gs[t][None, :] for t in range(4))
            ok &= near(grad(f, Em), claim) and claim.shape == (V, Dm)
        return ok
    def zero_rows():
        return all(near(dE[i], [0, 0, 0]) for i in range(V) if i not in ids)
    def code_update():
        Ec = E0.copy(); idx = np.array(ids)
        Ec[idx] -= lr * g / 3
        return near(Ec, E_true)
    return [
        ('> Estoy implementando una capa', GIVEN, '*'),
        ('Porque la búsqueda `E[id]`', onehot_lookup, ''),
        ('dL/dE = sum_t onehot(id_t) @ g_t.T', formula, '1 1'),
        ('donde `g_t = dL/de_t`', lambda: zero_rows() and E('0', 0)),
        ('Ejemplo: `V = 5`', GIVEN, '*'),
        ('h = (E[1] + E[3] + E[1]) / 3', GIVEN, '*'),
        ('Si el resto de la red te devuelve', lambda: EV(['0.3', '-0.6', '0.9'], g) and E('3', len(ids))
            and CV(['0.1', '-0.2', '0.3'], grad(lambda e: g @ ((e + E0[3] + E0[1]) / 3), E0[1]))),
        ('- `dE[1] = 2 * g / 3', lambda: E('1', 1) and E('2', ids.count(1)) and E('3', 3) and CV(['0.2', '-0.4', '0.6'], dE[1])),
        ('- `dE[3] = g / 3', lambda: E('3', 3) and E('3', 3) and CV(['0.1', '-0.2', '0.3'], dE[3])),
        ('- `dE[0] = dE[2] = dE[4]', lambda: zero_rows(), '0 2 4 0 0 0'),
        ('Para actualizar solo las filas usadas', lambda: E('0.1', lr)),
        ('E[ids] -= lr * g / 3', code_update, '3'),
        ('Con `E[1] = [0.5, 0.1, -0.2]`', GIVEN, '*'),
        ('- `E[1]` nuevo', lambda: E('1', 1) and EV(['0.5', '0.1', '-0.2'], E0[1]) and CV(['0.01', '-0.02', '0.03'], lr * dE[1])
            and CV(['0.49', '0.12', '-0.23'], E_true[1])),
        ('- `E[3]` nuevo', lambda: E('3', 3) and EV(['-0.3', '0.4', '0.0'], E0[3]) and CV(['0.01', '-0.02', '0.03'], lr * dE[3])
            and CV(['-0.31', '0.42', '-0.03'], E_true[3])),
        ('Las demás filas no se tocan', lambda: all(near(E_true[i], E0[i]) for i in (0, 2, 4))),
        ('Un detalle de rendimiento', lambda: E('50000', 50000) and E('300', 300) and 50000 * 300 == 15_000_000 and E('15', 15)
            and E('2', int(np.sum(np.any(np.abs(dE) > 1e-9, axis=1))))),
    ]

# ======================================================================= 10
@register('10_lr_warmup_discord.md')
def f10():
    peak, wu, T = 3e-4, 500, 10000
    def hf_lambda(step, num_warmup_steps=wu, num_training_steps=T, num_cycles=0.5):
        # transformers.get_cosine_schedule_with_warmup
        if step < num_warmup_steps:
            return float(step) / float(max(1, num_warmup_steps))
        progress = float(step - num_warmup_steps) / float(max(1, num_training_steps - num_warmup_steps))
        return max(0.0, 0.5 * (1.0 + math.cos(math.pi * float(num_cycles) * 2.0 * progress)))
    lr = lambda t: peak * hf_lambda(t)
    warm = lambda t: 3e-4 * t / 500
    after = lambda t: 3e-4 * 0.5 * (1 + math.cos(math.pi * (t - 500) / (10000 - 500)))
    return [
        ('> what lr does `get_cosine_schedule_with_warmup`', GIVEN, '*'),
        ('it\'s two pieces, t = optimizer step', GIVEN, ''),
        ('- warmup, t < 500', lambda: all(abs(warm(t) - lr(t)) < 1e-15 for t in range(0, 500)) and E('500', wu)
            and E('3e-4', peak) and E('500', wu)),
        ('- after: `lr(t) = 3e-4 * 0.5', lambda: all(abs(after(t) - lr(t)) < 1e-15 for t in range(500, 10001, 7))
            and E('3e-4', peak) and E('0.5', 0.5) and E('1', 1) and E('500', wu) and E('10000', T) and E('500', wu)),
        ('so at step 100 you\'re at', lambda: E('100', 100) and E('3e-4', peak) and E('100', 100) and E('500', wu)
            and C('6e-5', lr(100)) and abs(lr(100) / peak - 1 / 5) < 1e-12, '1 5'),
        ('step 1 is `3e-4 / 500 = 6e-7`', lambda: E('1', 1) and E('3e-4', peak) and E('500', wu) and C('6e-7', lr(1))),
        ('- t = 250:', lambda: E('250', 250) and E('3e-4', peak) and E('250', 250) and E('500', wu) and C('1.5e-4', lr(250))),
        ('- t = 500: progress = 0', lambda: E('500', 500) and E('0', (500 - wu) / (T - wu)) and E('0', 0) and E('1', math.cos(0))
            and E('3e-4', peak) and E('0.5', 0.5) and E('2', 2) and C('3e-4', lr(500)) and abs(lr(499) + peak / wu - lr(500)) < 1e-15),
        ('- t = 5250:', lambda: E('5250', 5250) and E('4750', 5250 - wu) and E('9500', T - wu) and E('0.5', (5250 - wu) / (T - wu))
            and E('2', 2) and abs(math.cos(math.pi / 2)) < 1e-15 and E('0', 0) and C('1.5e-4', lr(5250))),
        ('- t = 7625:', lambda: E('7625', 7625) and E('7125', 7625 - wu) and E('9500', T - wu) and E('0.75', (7625 - wu) / (T - wu))
            and E('0.75', 0.75) and C('-0.7071', math.cos(0.75 * math.pi)) and E('3e-4', peak) and E('0.5', 0.5)
            and C('0.2929', 1 + math.cos(0.75 * math.pi)) and C('4.39e-5', lr(7625))),
        ('- t = 10000:', lambda: E('10000', T) and E('1', (T - wu) / (T - wu)) and E('-1', math.cos(math.pi)) and C('0', lr(T))),
        ('no, `scheduler.step()` is called once', lambda: E('32', 32) and E('4', 4) and E('128', 32 * 4)),
        ('your dataset is 320k samples', lambda: E('320', 320) and E('320000', 320000) and E('128', 128) and E('2500', 320000 / 128)),
        ('so total 10000 steps = 4 epochs', lambda: E('10000', T) and E('4', T / 2500) and E('500', wu) and E('500', wu)
            and E('2500', 2500) and E('0.2', wu / 2500)),
        ('if you (wrongly) call `scheduler.step()`', lambda: E('4', 4) and E('125', wu / 4) and E('0', lr(T))
            and E('1', (T / 4) / 2500)),
    ]

# ======================================================================= 11
@register('11_conv_output_size_forum_pl.md')
def f11():
    def formula():
        ok = True
        for _ in range(60):
            N, K = int(RNG.integers(5, 60)), int(RNG.integers(1, 8))
            S, P = int(RNG.integers(1, 4)), int(RNG.integers(0, 4))
            if N + 2 * P < K: continue
            ok &= (N + 2 * P - K) // S + 1 == out_size_enum(N, K, S, P)
        return ok
    def same_half():
        return all(out_size_enum(n, 3, 1, 1) == n and out_size_enum(n, 3, 2, 1) == (n + 1) // 2 for n in range(4, 80))
    def params(Cin, Cout, K, bias=True):
        Wt = np.zeros((Cout, Cin, K, K)); bt = np.zeros(Cout) if bias else np.zeros(0)
        return Wt.size + bt.size
    def pformula():
        return all(params(ci, co, k) == k * k * ci * co + co for ci, co, k in [(3, 8, 3), (16, 4, 5), (1, 1, 1)])
    o1 = out_size_enum(224, 7, 2, 3); o2 = out_size_enum(o1, 3, 2, 1); o3 = out_size_enum(o2, 3, 1, 1); o4 = out_size_enum(o3, 3, 2, 1)
    return [
        ('> Liczę wymiary dla ResNet-a', GIVEN, '*'),
        ('out = floor((in + 2*P - K) / S) + 1', formula, '2 1'),
        ('conv1: floor((224 + 2*3 - 7) / 2) + 1', lambda: E('224', 224) and E('2', 2) and E('3', 3) and E('7', 7) and E('2', 2)
            and E('1', 1) and E('223', 224 + 6 - 7) and E('2', 2) and E('1', 1) and E('111', 223 // 2) and E('1', 1) and E('112', o1)),
        ('maxpool 3x3, S=2, P=1:', lambda: E('3', 3) and E('2', 2) and E('1', 1) and E('112', o1) and E('2', 2) and E('3', 3)
            and E('2', 2) and E('1', 1) and E('55.5', (112 + 2 - 3) / 2) and E('1', 1) and E('56', o2)),
        ('conv 3x3, S=1, P=1:', lambda: E('3', 3) and E('1', 1) and E('1', 1) and E('56', o2) and E('2', 2) and E('3', 3)
            and E('1', 1) and E('1', 1) and E('55', 55) and E('1', 1) and E('56', o3)),
        ('conv 3x3, S=2, P=1:      floor((56', lambda: E('3', 3) and E('2', 2) and E('1', 1) and E('56', o3) and E('2', 2) and E('3', 3)
            and E('2', 2) and E('1', 1) and E('27', 55 // 2) and E('1', 1) and E('28', o4)),
        ('Zauważ, że dla K=3, P=1, S=1', same_half, '3 1 1 2'),
        ('params = K*K*C_in*C_out + C_out', pformula),
        ('- conv1: 7*7*3*64 = 9408', lambda: E('9408', params(3, 64, 7, bias=False)), '7 7 3 64'),
        ('- conv 3x3 z 64 -> 128', lambda: E('73856', params(64, 128, 3)) and E('73728', params(64, 128, 3, bias=False))
            and E('128', 128) and E('128', 128) and E('128', 128), '3 64 128 3 3 64'),
        ('Liczba mnożeń (MAC) dla conv1', lambda: E('9408', 9408) and E('112', o1) and E('112', o1)
            and E('118013952', 9408 * o1 * o1) and E('118', round(9408 * o1 * o1 / 1e6))),
        ('>>> torch.nn.Conv2d(3, 64, 7', GIVEN, '*'),
        ('torch.Size([1, 64, 112, 112])', lambda: E('112', o1) and E('112', o1), '1 64'),
    ]

# ======================================================================= 12
@register('12_two_layer_transpose_so.md')
def f12():
    x = np.array([1.0, 0, 2]); W1 = np.array([[0.2, -0.1, 0.4], [-0.5, 0.3, 0.1]]); W2 = np.array([[0.6, -0.4]]); y = 1.0; lr = 0.5
    def fwd(W1_, W2_):
        return (W2_ @ sig(W1_ @ x))[0]
    Lf = lambda W1_, W2_: 0.5 * (fwd(W1_, W2_) - y) ** 2
    z1 = W1 @ x; a1 = sig(z1); yh = fwd(W1, W2); d2 = yh - y
    gW2 = grad(lambda M: Lf(W1, M), W2); gW1 = grad(lambda M: Lf(M, W2), W1)
    ga1 = grad(lambda v: 0.5 * ((W2 @ v)[0] - y) ** 2, a1)
    gz1 = grad(lambda v: 0.5 * ((W2 @ sig(v))[0] - y) ** 2, z1)
    sp_true = np.array([fd(sig, t) for t in z1])
    def transpose_rule():
        ok = True
        for _ in range(3):
            M = rand(2, 3); v = rand(3); g = rand(2)
            ok &= near(grad(lambda u: g @ (M @ u), v), M.T @ g) and (M.T @ g).shape == (3,)
        try:
            np.array([[0.6, -0.4]]) @ np.array([-0.73])
            ok = False
        except ValueError:
            pass
        return ok
    def rule_of_thumb():
        ok = True
        for _ in range(3):
            M = rand(2, 3); v = rand(3); g = rand(2)
            ok &= near(grad(lambda A: g @ (A @ v), M), np.outer(g, v)) and np.outer(g, v).shape == M.shape
        return ok
    return [
        ('> My backprop crashes', GIVEN, '*'),
        ('You need the transpose.', transpose_rule, ''),
        ('Here\'s the whole thing for your shapes', GIVEN, '*'),
        ('x  = [1, 0, 2]', GIVEN, '*'),
        ('W1 = [[0.2, -0.1, 0.4]', GIVEN, '*'),
        ('W2 = [[0.6, -0.4]]', GIVEN, '*'),
        ('y  = 1', GIVEN, '*'),
        ('z1 = W1 @ x = [0.2 + 0 + 0.8', lambda: EV(['0.2', '0', '0.8'], W1[0] * x) and EV(['-0.5', '0', '0.2'], W1[1] * x)
            and EV(['1.0', '-0.3'], z1)),
        ('a1 = sigmoid(z1) = [0.7311, 0.4256]', lambda: CV(['0.7311', '0.4256'], a1)),
        ('y_hat = W2 @ a1 = 0.6*0.7311', lambda: E('0.6', W2[0, 0]) and C('0.7311', a1[0]) and E('-0.4', W2[0, 1]) and C('0.4256', a1[1])
            and C('0.2684', yh, 0.6 * 0.7311 - 0.4 * 0.4256)),
        ('L = 0.5 * (0.2684 - 1)^2 = 0.2676', lambda: E('0.5', 0.5) and C('0.2684', yh) and E('1', y) and E('2', 2)
            and C('0.2676', Lf(W1, W2))),
        ('d2  = dL/dz2 = y_hat - y = -0.7316', lambda: C('-0.7316', fd(lambda t: 0.5 * (t - y) ** 2, yh))),
        ('dW2 = np.outer(d2, a1) = [[-0.5349', lambda: CV(['-0.5349', '-0.3114'], gW2, -0.7316 * np.array([0.7311, 0.4256])) and gW2.shape == W2.shape, '1 2 1 2'),
        ('da1 = W2.T @ d2 = [0.6*(-0.7316)', lambda: E('0.6', 0.6) and C('-0.7316', d2) and E('-0.4', -0.4) and C('-0.7316', d2)
            and CV(['-0.4390', '0.2926'], ga1), '2 1 1 2'),
        ('dsig = z1 * (1 - z1)', lambda: near(np.array([0.0, -0.39]), sp_true, 1e-3) and E('1', 1), '1.0 0.0 0.3 1.3 0.0 0.39'),
        ('d1   = da1 * dsig = [0.0, -0.1141]', lambda: CV(['0.0', '-0.1141'], gz1)),
        ('dW1  = np.outer(d1, x) = [[0, 0, 0]', lambda: CV(['0', '0', '0', '-0.1141', '0', '-0.2282'], gW1), '2 3 2 3'),
        ('Rule of thumb for the shapes', lambda: rule_of_thumb() and transpose_rule()),
        ('Update with lr = 0.5', lambda: E('0.5', lr)),
        ('W2 <- [[0.6 + 0.2675', lambda: E('0.6', W2[0, 0]) and C('0.2675', -lr * gW2[0, 0], 0.5 * 0.5349) and E('-0.4', W2[0, 1])
            and C('0.1557', -lr * gW2[0, 1], 0.5 * 0.3114) and CV(['0.8675', '-0.2443'], W2 - lr * gW2, [0.6 + 0.2675, -0.4 + 0.1557])),
        ('W1[1] <- [-0.5 + 0.0571', lambda: E('1', 1) and E('-0.5', W1[1, 0]) and C('0.0571', -lr * gW1[1, 0]) and E('0.3', W1[1, 1])
            and E('0.1', W1[1, 2]) and C('0.1141', -lr * gW1[1, 2]) and CV(['-0.4429', '0.3', '0.2141'], (W1 - lr * gW1)[1])),
        ('(The first hidden unit gets no update', lambda: near(gW1[0], [0, 0, 0]) and near(sp_true[0], 0) and E('0', 0)),
    ]

# ======================================================================= 13
@register('13_triplet_loss_reddit.md')
def f13():
    a = np.array([0.5, 0.5]); p = np.array([1.0, 0.0]); n = np.array([0.6, 0.9]); al = 0.2; eta = 0.1
    sq = lambda u: np.sum(u ** 2)
    Lt = lambda a_, p_, n_: max(0.0, sq(a_ - p_) - sq(a_ - n_) + al)
    ga = grad(lambda v: Lt(v, p, n), a); gp = grad(lambda v: Lt(a, v, n), p); gn = grad(lambda v: Lt(a, p, v), n)
    n_new = n - eta * gn
    def active(check):
        ok, cnt = True, 0
        while cnt < 4:
            A, P_, N_ = rand(3), rand(3), rand(3)
            if sq(A - P_) - sq(A - N_) + al <= 0.05: continue
            ok &= check(A, P_, N_); cnt += 1
        return ok
    ca = lambda A, P_, N_: near(grad(lambda v: Lt(v, P_, N_), A), 2 * (N_ - P_)) and near(2 * (A - P_) - 2 * (A - N_), 2 * (N_ - P_), 1e-12)
    cp = lambda A, P_, N_: near(grad(lambda v: Lt(A, v, N_), P_), 2 * (P_ - A))
    cn = lambda A, P_, N_: near(grad(lambda v: Lt(A, P_, v), N_), 2 * (N_ - A))
    def inactive():
        A = np.array([0.0, 0.0]); P_ = np.array([0.1, 0.0]); N_ = np.array([2.0, 0.0])
        return Lt(A, P_, N_) == 0 and all(near(grad(f, v), [0, 0]) for f, v in
            [(lambda v: Lt(v, P_, N_), A), (lambda v: Lt(A, v, N_), P_), (lambda v: Lt(A, P_, v), N_)])
    def unit_vec():
        ok = True
        for _ in range(3):
            A, P_ = rand(3), rand(3)
            ok &= near(grad(lambda v: np.sqrt(sq(v - P_)), A), (A - P_) / np.sqrt(sq(A - P_)))
        return ok
    return [
        ('> > the gradient of triplet loss', GIVEN, '*'),
        ('L = max(0, ‖a − p‖² − ‖a − n‖² + α)', GIVEN, '0'),
        ('When the hinge is active (L > 0)', lambda: all(near(grad(sq, u), 2 * u) for u in [rand(3) for _ in range(3)]), '0 2'),
        ('- ∂L/∂a = 2(a − p) − 2(a − n) = 2(n − p)', lambda: active(ca), '2 2 2 2'),
        ('- ∂L/∂p = −2(a − p) = 2(p − a)', lambda: active(cp), '2 2'),
        ('- ∂L/∂n = 2(n − a)', lambda: active(cn), '2'),
        ('When L = 0 all three gradients are 0', inactive, '0 0'),
        ('Numbers so it\'s not just symbols', GIVEN, '*'),
        ('- ‖a − p‖² = 0.25 + 0.25 = 0.5', lambda: EV(['0.25', '0.25'], (a - p) ** 2) and E('0.5', sq(a - p))),
        ('- ‖a − n‖² = 0.01 + 0.16 = 0.17', lambda: CV(['0.01', '0.16'], (a - n) ** 2) and C('0.17', sq(a - n))),
        ('- L = 0.5 − 0.17 + 0.2 = 0.53 > 0', lambda: E('0.5', 0.5) and E('0.17', 0.17) and E('0.2', al) and C('0.53', Lt(a, p, n))
            and E('0', 0) and sq(a - n) < sq(a - p)),
        ('- ∂L/∂a = 2·(0.6 − 1.0, 0.9 − 0.0)', lambda: E('2', 2) and EV(['0.6', '0.9'], n) and EV(['1.0', '0.0'], p)
            and CV(['-0.8', '1.8'], ga)),
        ('- ∂L/∂p = 2·(1.0 − 0.5, 0.0 − 0.5)', lambda: E('2', 2) and EV(['1.0', '0.0'], p) and EV(['0.5', '0.5'], a)
            and CV(['1.0', '-1.0'], gp)),
        ('- ∂L/∂n = 2·(0.6 − 0.5, 0.9 − 0.5)', lambda: E('2', 2) and EV(['0.6', '0.9'], n) and EV(['0.5', '0.5'], a)
            and CV(['0.2', '0.8'], gn)),
        ('One SGD step on the negative with lr = 0.1', lambda: E('0.1', eta) and E('0.1', eta) and EV(['0.6', '0.9'], n)
            and CV(['0.02', '0.08'], eta * gn) and CV(['0.58', '0.82'], n_new) and CV(['0.0064', '0.1024'], (a - n_new) ** 2)
            and C('0.1088', sq(a - n_new))),
        ('In PyTorch just use `nn.TripletMarginLoss', lambda: unit_vec() and E('0.2', al), '2 2'),
    ]

# ======================================================================= 14
@register('14_grad_clipping_discord_hi.md')
def f14():
    g1 = np.array([3.0, 4.0]); g2 = np.array([0.0, 12.0]); mx = 5.0
    tn = np.sqrt(np.sum(g1 ** 2) + np.sum(g2 ** 2)); coef = min(1.0, mx / (tn + 1e-6))
    c1, c2 = g1 * coef, g2 * coef
    return [
        ('> `clip_grad_norm_(model.parameters(), max_norm=5)`', GIVEN, '*'),
        ('‖g‖ = √(∑ᵢ ‖gᵢ‖²)', lambda: abs(np.sqrt(np.sum(np.concatenate([g1, g2]) ** 2)) - np.sqrt(np.sum(g1 ** 2) + np.sum(g2 ** 2))) < 1e-12),
        ('फिर अगर ‖g‖ > max_norm', GIVEN, ''),
        ('gᵢ ← gᵢ · max_norm / ‖g‖', lambda: abs(np.sqrt(np.sum(c1 ** 2) + np.sum(c2 ** 2)) - mx) < 1e-5
            and abs(c1 @ g1 / (np.linalg.norm(c1) * np.linalg.norm(g1)) - 1) < 1e-12),
        ('उदाहरण: दो layers', GIVEN, '*'),
        ('- ‖g1‖² = 9 + 16 = 25', lambda: EV(['9', '16'], g1 ** 2) and E('25', np.sum(g1 ** 2)) and EV(['0', '144'], g2 ** 2)
            and E('144', np.sum(g2 ** 2))),
        ('- global norm = √(25 + 144)', lambda: E('25', 25) and E('144', 144) and E('169', 169) and E('13', tn)),
        ('- 13 > 5, तो coefficient', lambda: E('13', tn) and E('5', mx) and E('5', mx) and E('13', tn) and C('0.3846', coef)),
        ('- clipped `g1 = [3, 4] * 0.3846', lambda: EV(['3', '4'], g1) and C('0.3846', coef) and CV(['1.1538', '1.5385'], c1)),
        ('- clipped `g2 = [0, 12] * 0.3846', lambda: EV(['0', '12'], g2) and C('0.3846', coef) and CV(['0', '4.6154'], c2)),
        ('- जाँच: √(1.1538²', lambda: CV(['1.1538', '1.5385', '4.6154'], np.concatenate([c1, c2[1:]]))
            and C('25.0', 1.1538 ** 2 + 1.5385 ** 2 + 4.6154 ** 2) and E('5', 5)),
        ('ध्यान दो, global norm 13 है', lambda: E('13', tn) and E('5', np.linalg.norm(g1)) and E('12', np.linalg.norm(g2))
            and E('17', 17) and tn != 17),
        ('> और `clip_grad_value_(…, 1.0)`', GIVEN, '*'),
        ('वो हर component को अलग से [−1, 1]', lambda: E('-1', -1) and E('1', 1) and EV(['1', '1'], np.clip(g1, -1, 1))
            and EV(['0', '1'], np.clip(g2, -1, 1))),
        ('अब g1 की दिशा बदल गई', lambda: E('4', 4) and E('3', 3) and C('1.33', g1[1] / g1[0])
            and E('1', 1) and E('1', 1) and E('1', np.clip(g1, -1, 1)[1] / np.clip(g1, -1, 1)[0])),
        ('एक बात और', lambda: E('0.8', 0.8) and E('5', mx) and E('1', 1) and E('5', mx) and E('0.8', 0.8)
            and E('1', min(1.0, mx / (0.8 + 1e-6))) and E('1e-6', 1e-6) and E('1', 1)),
    ]

# ======================================================================= 15
@register('15_dilated_conv_size_so.md')
def f15():
    def formula():
        ok = True
        for _ in range(60):
            N, K = int(RNG.integers(5, 60)), int(RNG.integers(1, 8))
            S, P = int(RNG.integers(1, 4)), int(RNG.integers(0, 4))
            if N + 2 * P < K: continue
            ok &= (N + 2 * P - K) // S + 1 == out_size_enum(N, K, S, P)
        return ok
    def keff_claim():
        return all(d * (K - 1) == span_enum(K, d) for K in range(1, 7) for d in range(1, 5))
    o1 = out_size_enum(64, 5, 2, 0, d=3); o2 = out_size_enum(o1, 5, 2, 0, d=3)
    def wavenet():
        L = 64; idx = {L - 1}; ok = True
        for d in (1, 2, 4, 8):
            ok &= out_size_enum(L, 2, 1, 0, d=d) + d * (2 - 1) == L   # causal left pad of d*(K-1) keeps length
            idx = {i - d * k for i in idx for k in range(2)}
        return ok and max(idx) - min(idx) + 1 == 16
    return [
        ('> I\'m stacking `nn.Conv1d` layers', GIVEN, '*'),
        ('L_out = floor((L + 2*P - K) / S) + 1', formula, '2 1'),
        ('Example: `Conv1d(16, 32, kernel_size=5', GIVEN, '*'),
        ('L_out = floor((64 + 4 - 5) / 2) + 1', lambda: E('64', 64) and E('4', 2 * 2) and E('5', 5) and E('2', 2) and E('1', 1)
            and E('31.5', 63 / 2) and E('1', 1) and E('32', out_size_enum(64, 5, 2, 2))),
        ('Same layer with padding=0', lambda: E('0', 0) and E('64', 64) and E('5', 5) and E('2', 2) and E('1', 1)
            and E('29', 59 // 2) and E('1', 1) and E('30', out_size_enum(64, 5, 2, 0))),
        ('K_eff = d * (K - 1)', keff_claim, '1'),
        ('e.g. K = 5, d = 3 gives K_eff', lambda: E('5', 5) and E('3', 3) and E('3', 3) and E('4', 4) and E('12', span_enum(5, 3))),
        ('Conv1d(16, 32, kernel_size=5, stride=2, padding=0, dilation=3), L = 64:', GIVEN, '*'),
        ('L_out = floor((64 - 12) / 2) + 1 = 26 + 1 = 27', lambda: E('64', 64) and E('12', span_enum(5, 3)) and E('2', 2) and E('1', 1)
            and E('26', 26) and E('1', 1) and E('27', o1)),
        ('L_out = floor((27 - 12) / 2) + 1 = 7 + 1 = 8', lambda: E('27', o1) and E('12', span_enum(5, 3)) and E('2', 2) and E('1', 1)
            and E('7', 7) and E('1', 1) and E('8', o2)),
        ('Stacking WaveNet-style layers', wavenet, '*'),
        ('>>> nn.Conv1d(16, 32, 5, stride=2, dilation=3)', GIVEN, '*'),
    ]

# ======================================================================= 16
@register('16_pos_weight_bce_reddit.md')
def f16():
    wp = 3.0; z = np.array([-0.4, -0.4, 1.0, -2.0]); y = np.array([1.0, 0, 0, 0])
    Ls = lambda z_, y_, w_=wp: -(w_ * y_ * np.log(sig(z_)) + (1 - y_) * np.log(1 - sig(z_)))
    p = sig(z); per = Ls(z, y)
    gmean = grad(lambda v: np.mean(Ls(v, y)), z)
    gper = np.array([fd(lambda t: Ls(t, y[i]), z[i]) for i in range(4)])
    def logs():
        return all(abs(fd(lambda t: np.log(sig(t)), u) - (1 - sig(u))) < 1e-7
                   and abs(fd(lambda t: np.log(1 - sig(t)), u) + sig(u)) < 1e-7 for u in rand(5))
    def general():
        ok = True
        for u in rand(4):
            for yy in (0.0, 1.0, 0.3):
                for w_ in (1.0, 3.0, 0.5):
                    ok &= abs(fd(lambda t: Ls(t, yy, w_), u) - (-w_ * yy * (1 - sig(u)) + (1 - yy) * sig(u))) < 1e-6
        return ok
    case1 = lambda: all(abs(fd(lambda t: Ls(t, 1.0), u) - wp * (sig(u) - 1)) < 1e-6 for u in rand(4))
    case0 = lambda: all(abs(fd(lambda t: Ls(t, 0.0), u) - sig(u)) < 1e-6 for u in rand(4))
    case_w1 = lambda: all(abs(fd(lambda t: Ls(t, yy, 1.0), u) - (sig(u) - yy)) < 1e-6 for u in rand(4) for yy in (0.0, 1.0))
    def optimum():
        q = 0.25
        ex = lambda t: q * Ls(t, 1.0) + (1 - q) * Ls(t, 0.0)
        ts = np.linspace(-3, 3, 60001); zs = ts[np.argmin([ex(t) for t in ts])]
        ok = abs(sig(zs) - 0.5) < 1e-3
        for qq in (0.1, 0.6):
            exq = lambda t: qq * Ls(t, 1.0) + (1 - qq) * Ls(t, 0.0)
            zq = ts[np.argmin([exq(t) for t in ts])]
            ok &= abs(sig(zq) - wp * qq / (wp * qq + 1 - qq)) < 1e-3
        return ok and E('0.25', q) and E('3', wp) and E('0.75', wp * q) and E('0.75', wp * q) and E('0.75', 1 - q) and E('0.5', 0.5) and E('1', 1)
    return [
        ('> I have 1 positive per 3 negatives', GIVEN, '*'),
        ('$L = -\\left[\\, w_p\\, y \\log', GIVEN, '1 1'),
        ('Using $\\frac{d}{dz}\\log\\sigma(z) = 1 - \\sigma(z)$', logs, '1 1'),
        ('$\\frac{\\partial L}{\\partial z} = -w_p', general, '1 1'),
        ('- $y = 1$: $\\partial L/\\partial z = w_p(\\sigma(z) - 1)$', case1, '1 1'),
        ('- $y = 0$: $\\partial L/\\partial z = \\sigma(z)$', case0, '0'),
        ('- with $w_p = 1$ both collapse', case_w1, '1'),
        ('Worked batch, $w_p = 3$', GIVEN, '*'),
        ('- $\\sigma(z) \\approx (0.4013', lambda: CV(['0.4013', '0.4013', '0.7311', '0.1192'], p)),
        ('- per-sample losses', lambda: E('3', wp) and C('0.4013', p[0]) and C('2.7390', per[0]) and C('0.5987', 1 - p[1])
            and C('0.5130', per[1]) and C('0.2689', 1 - p[2]) and C('1.3133', per[2]) and C('0.8808', 1 - p[3]) and C('0.1269', per[3])),
        ('- mean loss $\\approx (2.7390', lambda: CV(['2.7390', '0.5130', '1.3133', '0.1269'], per) and E('4', 4)
            and C('1.1731', per.mean(), (2.7390 + 0.5130 + 1.3133 + 0.1269) / 4)),
        ('- per-sample $\\partial L_i/\\partial z_i$', lambda: E('3', wp) and C('0.4013', p[0]) and E('1', 1)
            and CV(['-1.7961', '0.4013', '0.7311', '0.1192'], gper)),
        ('- with `reduction=\'mean\'` divide by the batch size 4', lambda: E('4', 4)
            and CV(['-0.4490', '0.1003', '0.1828', '0.0298'], gmean)),
        ('So the positive at $z = -0.4$', lambda: E('-0.4', z[0]) and C('-0.4490', gmean[0]) and C('0.4013', p[0]) and E('1', 1)
            and E('4', 4) and C('0.1497', abs(fd(lambda t: Ls(t, 1.0, 1.0), z[0])) / 4)
            and abs(abs(gmean[0]) / (abs(fd(lambda t: Ls(t, 1.0, 1.0), z[0])) / 4) - 3) < 1e-6 and E('3', 3) and C('0.1003', gmean[1])),
        ('2. It shifts the optimum', optimum, '1'),
    ]

# ------------------------------------------------------------ number accounting
def _strip_group(s, i):
    """index after a balanced {...} group starting at s[i] == '{' (or one char)"""
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
        if ch == '_':                                   # subscripts are labels
            i = _strip_group(s, i + 1); continue
        if ch == '^' and re.match(r'\^\{[\[\(]\d+[\]\)]', s[i:]):   # sample / layer labels z^{(1)}
            i = _strip_group(s, i + 1); continue
        out.append(ch); i += 1
    return ''.join(out)

def line_tokens(line):
    s = re.sub(r'^\s*(>\s*)+', '', line)            # quote markers
    s = re.sub(r'^\s*\d+\.\s', '', s)               # ordered-list enumerator
    return re.findall(r'(?<![A-Za-z0-9_.])[0-9]+(?:\.[0-9]+)?', normalise(s))

def lit_tokens(shown):
    s = shown.strip().replace('−', '-').lstrip('+-')
    m = re.fullmatch(r'([0-9.]+)e([+-]?\d+)', s)
    if m:
        return [m.group(1), str(abs(int(m.group(2))))]
    return [s]

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
MATH_CHARS = set('$∂∑σ′∇√‖ŷ∏⊙∈≤≥←→')
def math_lines(lines):
    out = set()
    for i, ln in enumerate(lines, 1):
        s = re.sub(r'^\s*(>\s*)+', '', ln.strip())
        if ln.strip().startswith('<!--') or not s or s.startswith('```'):
            continue
        if ('\\(' in s or '\\[' in s or '`' in s or any(ch in MATH_CHARS for ch in s)
                or (re.search(r'[=≈<>]', s) and re.search(r'[0-9]', s))):
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
        except Exception as e:                # a crashing predicate counts as false
            ok = False
            problems.append(f'predicate error line {ln}: {e!r}')
        if ok and ctx != '*':
            problems += [f'line {ln}: {p}' for p in account(text, list(_LITS), ctx)]
        if VERBOSE:
            print(f'      {name} L{ln:2d} {"T" if ok else "F"}  {text[:80]}')
        if not ok and first_false is None:
            first_false = ln
    missing = sorted(math_lines(lines) - covered)
    if missing:
        problems.append(f'math lines without a check: {missing}')
    return first_false, problems, len(lines)

def main():
    expected = json.load(open(os.path.join(D, 'expected.json')))
    all_ok = set(expected) == set(FILES) and len(FILES) == 16
    if not all_ok:
        print('file set mismatch:', sorted(set(expected) ^ set(FILES)))
    n_err = 0
    for name in sorted(FILES):
        ff, probs, n = check_file(name, FILES[name])
        exp = expected.get(name, 'missing')
        n_err += exp is not None
        ok = (ff == exp) and not probs and 15 <= n <= 45
        all_ok &= ok
        print(f'{name:40s} lines={n:2d} first_false={ff!s:4s} expected={exp!s:4s} {"OK" if ok else "MISMATCH"}')
        for p in probs:
            print('    !', p)
    if n_err != 8:
        print(f'expected.json should have 8 planted errors, has {n_err}')
        all_ok = False
    if VERBOSE:
        for w in WARN:
            print('  note:', w)
    print('ALL OK' if all_ok else 'NOT OK')
    return 0 if all_ok else 1

if __name__ == '__main__':
    sys.exit(main())
