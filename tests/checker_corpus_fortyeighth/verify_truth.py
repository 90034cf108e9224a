#!/usr/bin/env python3
"""Independent NumPy check of the corpus.

For every file: a list of (substring identifying one line, predicate) pairs.
Every line that contains math must be covered.  Definitions / data lines get
GIVEN; every claim is recomputed (finite differences for derivatives, window
enumeration for sizes, exact recomputation of worked numbers at the shown
precision).  The first line whose predicate is False is compared with
expected.json.
"""
import json, math, os, re, sys
import numpy as np

VERBOSE = '-v' in sys.argv
D = os.path.dirname(os.path.abspath(__file__))
RNG = np.random.default_rng(0)

# ---------------------------------------------------------------- helpers
def GIVEN():
    return True

def _tol(s):
    s = s.strip().replace('−', '-')
    m = re.fullmatch(r'[+-]?(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?', s)
    assert m, f'bad number {s!r}'
    d = len(m.group(2) or '')
    e = int(m.group(3) or 0)
    return float(s), 0.5 * 10.0 ** (-d + e) * (1 + 1e-9) + 1e-15

_LITS = []

def C(shown, *exacts):
    """shown (string, as printed in the file) is right to its shown precision for
    at least one candidate (exact value, or the value recomputed from rounded
    carried inputs).  The string is recorded and must occur on the line."""
    _LITS.append(shown)
    v, t = _tol(shown)
    return any(abs(v - float(x)) <= t for x in exacts)

def CV(shown_list, *arrays):
    """element-wise C; each element may match any candidate array."""
    _LITS.extend(shown_list)
    arrays = [np.ravel(np.asarray(a, dtype=float)) for a in arrays]
    if any(a.size != len(shown_list) for a in arrays):
        return False
    return all(C(s, *[a[i] for a in arrays]) for i, s in enumerate(shown_list))

def fd(f, x, h=1e-6):
    return (f(x + h) - f(x - h)) / (2 * h)

def grad(f, x, h=1e-6):
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
        e = np.zeros_like(x); e[i] = h
        cols.append((np.asarray(f(x + e)) - np.asarray(f(x - e))) / (2 * h))
    return np.stack(cols, axis=1)

def near(a, b, tol=1e-6):
    return np.allclose(np.asarray(a, float), np.asarray(b, float), atol=tol, rtol=0)

sig = lambda z: 1 / (1 + np.exp(-z))
def softmax(z):
    z = np.asarray(z, float); e = np.exp(z - z.max()); return e / e.sum()

FILES = {}
def register(name):
    def deco(fn):
        FILES[name] = fn
        return fn
    return deco

# ======================================================================= 01
@register('01_sigmoid_bce.md')
def f01():
    x, w, b, y = 2.0, 0.5, -0.3, 1.0
    bce = lambda p, y: -(y * np.log(p) + (1 - y) * np.log(1 - p))
    loss = lambda w_, b_: bce(sig(w_ * x + b_), y)
    z = w * x + b; yh = sig(z)
    dw = fd(lambda t: loss(t, b), w); db = fd(lambda t: loss(w, t), b)
    dz = fd(lambda t: bce(sig(t), y), z)
    def key_facts():
        zs = RNG.normal(size=5)
        ok = all(abs(fd(sig, t) - sig(t) * (1 - sig(t))) < 1e-8 for t in zs)
        for yy in (0.0, 1.0, 0.3):
            for p in (0.2, 0.6682, 0.9):
                ok &= abs(fd(lambda q: bce(q, yy), p) - (-yy / p + (1 - yy) / (1 - p))) < 1e-6
        return ok
    def cancel():
        ok = True
        for yy in (0.0, 1.0, 0.4):
            for p in (0.1, 0.5, 0.77):
                ok &= abs((-yy / p + (1 - yy) / (1 - p)) * p * (1 - p) - (p - yy)) < 1e-12
        return ok
    return [
        (r'input \(x = 2\)', GIVEN),
        (r'\(z = wx + b = 0.5 \cdot 2 - 0.3 = 0.7\)', lambda: C('0.7', z) and abs(0.5 * 2 - 0.3 - 0.7) < 1e-12),
        (r'\frac{1}{1 + e^{-0.7}} \approx 0.6682', lambda: C('0.6682', 1 / (1 + math.exp(-0.7)), yh)),
        (r'= -\log(0.6682) \approx 0.4032', lambda: abs(bce(yh, y) + np.log(yh)) < 1e-12
            and C('0.6682', yh) and C('0.4032', -np.log(yh), -np.log(0.6682))),
        (r'**Key facts:**', key_facts),
        (r'the factor \(\hat{y}(1-\hat{y})\) cancels', cancel),
        (r'= \hat{y} - y \approx 0.6682 - 1 = -0.3318', lambda: abs(dz - (yh - y)) < 1e-8
            and C('-0.3318', dz, 0.6682 - 1)),
        (r'(\hat{y} - y)\,x \approx -0.3318 \cdot 2 = -0.6636', lambda: abs(dw - (yh - y) * x) < 1e-8
            and C('-0.6636', dw, -0.3318 * 2)),
        (r'\frac{\partial L}{\partial b} = \hat{y} - y \approx -0.3318', lambda: abs(db - (yh - y)) < 1e-8 and C('-0.3318', db)),
        (r'Both gradients are negative', lambda: dw < 0 and db < 0 and y == 1
            and C('0.5664', w - 0.1 * dw, 0.5 + 0.1 * 0.6636) and abs(0.1 * 0.6636 - (-0.1 * -0.6636)) < 1e-12),
        (r'**Final answer:**', lambda: C('-0.6636', dw) and C('-0.3318', db)),
    ]

# ======================================================================= 02
@register('02_softmax_jvp.md')
def f02():
    z = np.array([1, 2, 0.5]); v = np.array([1, 0, -1.0])
    s = softmax(z); J = jac(softmax, z); Jv = J @ v
    def jac_formula():
        ok = True
        for _ in range(3):
            zz = RNG.normal(size=4); ss = softmax(zz)
            ok &= near(jac(softmax, zz), ss[:, None] * (np.eye(4) - ss[None, :]), 1e-8)
        return ok
    def jv_formula():
        ok = near(J, np.diag(s) - np.outer(s, s), 1e-8)
        for _ in range(3):
            vv = RNG.normal(size=3)
            ok &= near(J @ vv, s * (vv - (s @ vv)), 1e-8)
        return ok
    sr = np.array([0.2312, 0.6285, 0.1402])
    return [
        (r'Given $z = \left( 1 , 2 , 0.5 \right)', GIVEN),
        (r'\tag{1}', GIVEN),
        (r'\tag{2}', jac_formula),
        (r'so $J = \operatorname { diag }', lambda: near(J, np.diag(s) - np.outer(s, s), 1e-8)),
        (r'\tag{3}', jv_formula),
        (r'\tag{4}', lambda: CV(['2.7183', '7.3891', '1.6487'], np.exp(z)) and C('11.7561', np.exp(z).sum())),
        (r'\tag{5}', lambda: CV(['0.2312', '0.6285', '0.1402'], s)),
        (r'\tag{6}', lambda: C('0.0910', s @ v, sr @ v)),
        (r'\tag{7}', lambda: C('0.0910', s @ v) and CV(['0.9090', '-0.0910', '-1.0910'], v - s @ v, v - 0.0910)),
        (r'\tag{8}', lambda: CV(['0.2102', '-0.0572', '-0.1530'], Jv, sr * np.array([0.9090, -0.0910, -1.0910])) and
            CV(['0.2102', '-0.0572', '-0.1530'], Jv)),
        (r'check : entries of', lambda: abs(0.2102 - 0.0572 - 0.1530) < 1e-12 and abs(Jv.sum()) < 1e-8
            and near(np.ones(3) @ J, 0, 1e-8)),
        (r'\boxed { J \cdot v', lambda: CV(['0.2102', '-0.0572', '-0.1530'], Jv)),
    ]

# ======================================================================= 03
@register('03_cross_entropy_3class.md')
def f03():
    z = np.array([2.0, 1.0, 0.1]); y = np.array([1.0, 0, 0])
    p = softmax(z); ce = lambda zz, yy=y: -(yy * np.log(softmax(zz))).sum()
    g = grad(ce, z)
    def dsoft():
        zz = RNG.normal(size=3); ss = softmax(zz)
        return near(jac(softmax, zz), ss[:, None] * (np.eye(3) - ss[None, :]), 1e-8)
    def chain():
        ok = True
        for yy in (y, np.array([0.2, 0.5, 0.3])):
            zz = RNG.normal(size=3); pp = softmax(zz)
            mid = np.array([-(yy / pp * pp * ((np.arange(3) == j) - pp[j])).sum() for j in range(3)])
            ok &= near(mid, -yy + pp * yy.sum(), 1e-12) and near(-yy + pp * yy.sum(), pp - yy, 1e-12)
            ok &= near(grad(lambda t: ce(t, yy), zz), pp - yy, 1e-7)
        return ok
    return [
        (r'logits $z = (2.0,\ 1.0,\ 0.1)$', GIVEN),
        (r'先做 softmax', GIVEN),
        (r'e^{2.0} \approx 7.389', lambda: CV(['7.389', '2.718', '1.105'], np.exp(z)) and C('11.213', np.exp(z).sum(), 7.389 + 2.718 + 1.105)),
        (r'$$p \approx (0.659', lambda: CV(['0.659', '0.242', '0.099'], p)),
        (r'= -\log p_1 \approx -\log 0.659 \approx 0.417', lambda: abs(ce(z) + np.log(p[0])) < 1e-12 and C('0.417', -np.log(p[0]), -np.log(0.659))),
        (r'利用 softmax 的导数', dsoft),
        (r'= -y_j + p_j \sum_i y_i = p_j - y_j', chain),
        (r'最后一步用到了', lambda: y.sum() == 1),
        (r'$$\nabla_z L = p - y \approx', lambda: near(g, p - y, 1e-7) and CV(['-0.341', '0.242', '0.099'], g, np.array([0.659 - 1, 0.242, 0.099]))),
        (r'**检验**', lambda: abs(-0.341 + 0.242 + 0.099) < 1e-12 and abs(g.sum()) < 1e-7 and near(softmax(z + 3.7), softmax(z), 1e-12)),
        (r'\boxed{\nabla_z L', lambda: CV(['-0.341', '0.242', '0.099'], g)),
        (r'直观理解', lambda: g[0] < 0 and g[1] > 0 and g[2] > 0),
    ]

# ======================================================================= 04
@register('04_two_layer_network.md')
def f04():
    x = np.array([1.0, 0.5]); t = np.array([1.0, 0.0])
    W1 = np.array([[0.2, -0.4], [0.5, 0.1]]); b1 = np.array([0.1, -0.1])
    W2 = np.array([[0.3, 0.6], [-0.2, 0.4]]); b2 = np.array([0.0, 0.2])
    def fwd(W1=W1, b1=b1, W2=W2, b2=b2):
        z1 = W1 @ x + b1; a1 = sig(z1); z2 = W2 @ a1 + b2; a2 = sig(z2)
        return z1, a1, z2, a2, 0.5 * ((a2 - t) ** 2).sum()
    z1, a1, z2, a2, L = fwd()
    Lz2 = lambda zz: 0.5 * ((sig(zz) - t) ** 2).sum()
    Lz1 = lambda zz: 0.5 * ((sig(W2 @ sig(zz) + b2) - t) ** 2).sum()
    d2_fd = grad(Lz2, z2); d1_fd = grad(Lz1, z1)
    gW2 = grad(lambda M: fwd(W2=M)[4], W2); gb2 = grad(lambda v: fwd(b2=v)[4], b2)
    gW1 = grad(lambda M: fwd(W1=M)[4], W1); gb1 = grad(lambda v: fwd(b1=v)[4], b1)
    d2r = np.array([-0.0869, 0.1419])
    return [
        (r'Input $x = (1.0,\ 0.5)^\top$', GIVEN),
        (r'$$W^{(1)} = \begin{pmatrix}', GIVEN),
        (r'Row $i$ of $W^{(l)}$', GIVEN),
        (r'$z^{(1)} = (0.2 \cdot 1', lambda: near([0.2 * 1 - 0.4 * 0.5 + 0.1, 0.5 * 1 + 0.1 * 0.5 - 0.1], z1, 1e-12) and CV(['0.1', '0.45'], z1)),
        (r'$a^{(1)} = \sigma(z^{(1)}) \approx', lambda: CV(['0.5250', '0.6106'], a1)),
        (r'$z^{(2)} = W^{(2)} a^{(1)} + b^{(2)} \approx', lambda: CV(['0.5239', '0.3393'], z2, W2 @ [0.5250, 0.6106] + b2)),
        (r'$a^{(2)} = \sigma(z^{(2)}) \approx', lambda: CV(['0.6281', '0.5840'], a2) and CV(['0.3719', '0.5840'], np.abs(a2 - t))
            and C('0.2397', L, 0.5 * (0.3719 ** 2 + 0.5840 ** 2))),
        (r'The output error signal is', lambda: near((a2 - t) * a2 * (1 - a2), d2_fd, 1e-7)),
        (r'$\delta^{(2)} \approx (-0.3719', lambda: CV(['0.2336', '0.2429'], a2 * (1 - a2)) and
            CV(['-0.0869', '0.1419'], d2_fd, np.array([-0.3719 * 0.2336, 0.5840 * 0.2429]))),
        (r'\dfrac{\partial L}{\partial W^{(2)}} = \delta^{(2)} \, a^{(1)\top}', lambda: near(np.outer(d2_fd, a1), gW2, 1e-7)
            and CV(['-0.0456', '-0.0531', '0.0745', '0.0866'], gW2, np.outer(d2r, [0.5250, 0.6106])) and near(gb2, d2_fd, 1e-7)),
        (r'$$\delta^{(1)} = \left(W^{(2)} \delta^{(2)}\right)', lambda: near((W2 @ d2_fd) * a1 * (1 - a1), d1_fd, 1e-7)),
        (r'$W^{(2)} \delta^{(2)} \approx', lambda: CV(['0.0591', '0.0741'], W2 @ d2_fd, W2 @ d2r)),
        (r'$\delta^{(1)} \approx (0.0591', lambda: CV(['0.2494', '0.2378'], a1 * (1 - a1)) and CV(['0.0147', '0.0176'], d1_fd)),
        (r'\dfrac{\partial L}{\partial W^{(1)}} = \delta^{(1)} x^\top', lambda: CV(['0.0147', '0.0074', '0.0176', '0.0088'], gW1)
            and near(gb1, d1_fd, 1e-7)),
    ]

# ======================================================================= 05
@register('05_mse_mae_linear.md')
def f05():
    x = np.array([1, 2, 3, 4.0]); y = np.array([3, 5, 5, 9.0]); w, b = 1.5, 1.0; n = 4
    mse = lambda w_, b_: np.mean((w_ * x + b_ - y) ** 2)
    mae = lambda w_, b_: np.mean(np.abs(w_ * x + b_ - y))
    yh = w * x + b; r = yh - y
    gmse = (fd(lambda t: mse(t, b), w), fd(lambda t: mse(w, t), b))
    gmae = (fd(lambda t: mae(t, b), w), fd(lambda t: mae(w, t), b))
    def mae_formula():
        ok = near(gmae, [np.mean(np.sign(r) * x), np.mean(np.sign(r))], 1e-6)
        for _ in range(3):
            ww, bb = RNG.normal(size=2); rr = ww * x + bb - y
            ok &= near([fd(lambda t: mae(t, bb), ww), fd(lambda t: mae(ww, t), bb)],
                       [np.mean(np.sign(rr) * x), np.mean(np.sign(rr))], 1e-6)
        return ok
    return [
        (r'We fit a tiny linear model', GIVEN),
        (r'**Losses** (with $n = 4$', GIVEN),
        (r'$$\text{MSE} = \frac{1}{n}', GIVEN),
        (r'\frac{\partial\,\text{MSE}}{\partial w} = \frac{1}{n}\sum_{i} r_i\, x_i', lambda: near(gmse, [np.mean(r * x), np.mean(r)], 1e-6)),
        (r'\frac{\partial\,\text{MAE}}{\partial w} = \frac{1}{n}', mae_formula),
        (r'- Predictions:', lambda: near(yh, [2.5, 4, 5.5, 7], 1e-12) and near(r, [-0.5, -1, 0.5, -2], 1e-12)),
        (r'$\text{MSE} = (0.25 + 1 + 0.25 + 4)/4 = 1.375$', lambda: abs(mse(w, b) - 1.375) < 1e-12 and abs(mae(w, b) - 1.0) < 1e-12),
        (r'$\sum_i r_i x_i = -0.5 - 2 + 1.5 - 8 = -9$', lambda: abs((r * x).sum() + 9) < 1e-12 and C('-2.25', gmse[0])),
        (r'$\sum_i r_i = -3$', lambda: abs(r.sum() + 3) < 1e-12 and C('-0.75', gmse[1])),
        (r'$\operatorname{sign}(r) = [-1, -1, 1, -1]$', lambda: near(np.sign(r), [-1, -1, 1, -1]) and C('-1', gmae[0]) and C('-0.5', gmae[1])),
        (r'**Takeaway:**', lambda: r[3] == -2 and np.abs(r).argmax() == 3 and all(abs(np.sign(ri) * xi / n) <= abs(xi) / n for ri, xi in zip(r, x))),
        (r'$$w_{\text{MSE}} = 1.5', lambda: C('1.725', w - 0.1 * gmse[0]) and C('1.6', w - 0.1 * gmae[0])),
        (r'MAE is not differentiable at $r_i = 0$', lambda: np.sign(0.0) == 0 and abs(fd(abs, 1e-3, 1e-5) - 1) < 1e-9 and abs(fd(abs, -1e-3, 1e-5) + 1) < 1e-9),
    ]

# ======================================================================= 06
@register('06_conv1d_stride_padding.md')
def f06():
    L, k, s, p = 7, 3, 2, 1
    x = np.array([1, 2, -1, 0, 3, 1, 2.0]); w = np.array([1, 0, -1.0])
    def windows(L, k, s, p):
        return [st for st in range(0, L + 2 * p) if st % s == 0 and st + k <= L + 2 * p]
    n_out = len(windows(L, k, s, p))
    def conv(xx, ww):
        xp = np.pad(xx, p); return np.array([ww @ xp[st:st + k] for st in windows(L, k, s, p)])
    xp = np.pad(x, p); y = conv(x, w)
    g = np.array([1, -1, 0.5])
    def size_formula():
        claimed = lambda L_, p_, k_, s_: (L_ + 2 * p_ - k_) // s_
        ok = claimed(7, 1, 3, 2) == 3 == n_out
        for L_ in range(3, 12):
            for k_ in (1, 2, 3):
                for s_ in (1, 2, 3):
                    for p_ in (0, 1, 2):
                        ok &= claimed(L_, p_, k_, s_) == len(windows(L_, k_, s_, p_))
        return ok
    def consistent_g():  # upstream gradient must have one entry per output window
        return len(g) == n_out
    def dw_line():
        if not consistent_g(): return False
        return near(grad(lambda ww: g @ conv(x, ww), w), [-2, 3.5, 2.5])
    def dx_line(shown, padded):
        if not consistent_g(): return False
        gx = grad(lambda xx: g @ conv(xx, w), x)
        return near(np.pad(gx, p) if padded else gx, shown)
    def wgrad_formula():
        gg = RNG.normal(size=n_out)
        return near(grad(lambda ww: gg @ conv(x, ww), w), [sum(gg[i] * xp[2 * i + j] for i in range(n_out)) for j in range(k)])
    def xgrad_formula():
        gg = RNG.normal(size=n_out); gpad = np.zeros(L + 2 * p)
        for m in range(L + 2 * p):
            gpad[m] = sum(gg[i] * w[j] for i in range(n_out) for j in range(k) if 2 * i + j == m)
        return near(grad(lambda xx: gg @ conv(xx, w), x), gpad[p:-p])
    return [
        (r'## 3. stride=2', GIVEN),
        (r'入力長 $L = 7$', GIVEN),
        (r'$$L_{\text{out}} = \left\lfloor', size_formula),
        (r'入力 $x = (1, 2, -1, 0, 3, 1, 2)$', lambda: near(xp, [0, 1, 2, -1, 0, 3, 1, 2, 0], 0)),
        (r'$w_1 = 0$ なので', lambda: w[1] == 0 and near(y, [xp[2 * i] - xp[2 * i + 2] for i in range(n_out)], 1e-12)),
        (r'$$y_0 = 0 - 2 = -2', lambda: near(y[:3], [-2, 2, -1], 1e-12)),
        (r'上流から $g = ', GIVEN),
        (r'= \sum_{i} g_i\, \tilde{x}_{2i + j}$$', wgrad_formula),
        (r'= (-2,\ 3.5,\ 2.5)$$', dw_line),
        (r'入力の勾配は、各 $g_i$', xgrad_formula),
        (r'g_i\, w_j$$', xgrad_formula),
        (r'(1,\ 0,\ -2,\ 0,\ 1.5,\ 0,\ -0.5,\ 0,\ 0)', lambda: dx_line([1, 0, -2, 0, 1.5, 0, -0.5, 0, 0], True)),
        (r'\boxed{\frac{\partial \mathcal{L}}{\partial x}', lambda: dx_line([0, -2, 0, 1.5, 0, -0.5, 0], False)),
        (r'バイアスがある場合は', lambda: consistent_g() and C('0.5', fd(lambda bb: g @ (conv(x, w) + bb), 0.0))),
    ]

# ======================================================================= 07
@register('07_maxpool_backward.md')
def f07():
    X = np.array([[1, 3, 2, 0], [4, 2, 1, 5], [0, 1, 3, 2], [2, 6, 1, 1.0]])
    G = np.array([[0.1, -0.2], [0.3, 0.4]])
    starts = [r for r in range(4) if r % 2 == 0 and r + 2 <= 4]
    pool = lambda A: np.array([[A[i:i + 2, j:j + 2].max() for j in starts] for i in starts])
    Y = pool(X); gX = grad(lambda A: (G * pool(A)).sum(), X)
    def arg(i, j):
        blk = X[2 * i:2 * i + 2, 2 * j:2 * j + 2]; a, b = np.unravel_index(blk.argmax(), (2, 2)); return 2 * i + a, 2 * j + b
    def win_line(i, j, val, pos, gv):
        return Y[i, j] == val and X[pos] == val and arg(i, j) == pos and abs(gX[pos] - gv) < 1e-7 and G[i, j] == gv
    def maxderiv():
        v = np.array([1.0, 4.0, 2.0, 3.0])
        return near(grad(np.max, v), [0, 1, 0, 0], 1e-8)
    return [
        (r'Cho đầu vào $X$', GIVEN),
        (r'$$X = \begin{pmatrix}', GIVEN),
        (r'Kích thước đầu ra:', lambda: (4 - 2) // 2 + 1 == len(starts) == 2 and Y.shape == (2, 2)),
        (r'**Lan truyền xuôi.**', GIVEN),
        (r'\max(1,3,4,2)', lambda: sorted([1, 3, 4, 2]) == sorted(X[0:2, 0:2].ravel()) and sorted([2, 0, 1, 5]) == sorted(X[0:2, 2:4].ravel())
            and sorted([0, 1, 2, 6]) == sorted(X[2:4, 0:2].ravel()) and sorted([3, 2, 1, 1]) == sorted(X[2:4, 2:4].ravel())
            and near(Y, [[4, 5], [6, 3]], 0)),
        (r'**Lan truyền ngược.**', GIVEN),
        (r'Đạo hàm của hàm max', maxderiv),
        (r'cửa sổ $(0,0)$', lambda: win_line(0, 0, 4, (1, 0), 0.1)),
        (r'cửa sổ $(0,1)$', lambda: win_line(0, 1, 5, (1, 3), -0.2)),
        (r'cửa sổ $(1,0)$', lambda: win_line(1, 0, 6, (3, 1), 0.3)),
        (r'cửa sổ $(1,1)$', lambda: win_line(1, 1, 3, (2, 2), 0.4)),
        (r'$$\frac{\partial L}{\partial X} = ', lambda: near(gX, [[0, 0, 0, 0], [0.1, 0, 0, -0.2], [0, 0, 0.4, 0], [0, 0.3, 0, 0]], 1e-7)),
        (r'**Kiểm tra:**', lambda: abs(gX.sum() - 0.6) < 1e-7 and abs(G.sum() - 0.6) < 1e-12 and (np.abs(gX) > 1e-9).sum() == 4 and gX.size == 16),
        (r'không cửa sổ nào có hai giá trị', lambda: all((X[2 * i:2 * i + 2, 2 * j:2 * j + 2] == Y[i, j]).sum() == 1 for i in range(2) for j in range(2))),
    ]

# ======================================================================= 08
@register('08_batchnorm_gamma_beta.md')
def f08():
    x = np.array([1, 2, 4, 5.0]); gam, bet, eps = 2.0, 0.5, 1e-5
    g = np.array([0.1, -0.2, 0.3, 0.4])
    mu = x.mean(); var = ((x - mu) ** 2).mean(); xh = (x - mu) / np.sqrt(var + eps)
    bn = lambda gm, bt: gm * xh + bt
    Lf = lambda gm, bt: g @ bn(gm, bt)
    dg = fd(lambda t: Lf(t, bet), gam); db = fd(lambda t: Lf(gam, t), bet)
    xr = np.array([-1.2649, -0.6325, 0.6325, 1.2649])
    return [
        (r'батч $x = (1,\ 2,\ 4,\ 5)$', GIVEN),
        (r'$$\mu = \frac{1}{4}', lambda: mu == 3 and (1 + 2 + 4 + 5) / 4 == 3),
        (r'$$\sigma^2 = \frac{1}{4}', lambda: abs(var - 2.5) < 1e-12 and near((x - 3) ** 2, [4, 1, 1, 4], 0)),
        (r'где $\sqrt{2.50001} \approx 1.58114$', lambda: C('1.58114', np.sqrt(var + eps)) and abs(var + eps - 2.50001) < 1e-12),
        (r'$$\hat{x} \approx', lambda: CV(['-1.2649', '-0.6325', '0.6325', '1.2649'], xh)),
        (r'Проверка: $\sum_i \hat{x}_i = 0$', lambda: abs(xh.sum()) < 1e-12 and C('2.5', var) and C('2.50001', var + eps)
            and abs(np.mean(xh ** 2) - var / (var + eps)) < 1e-12 and C('1', var / (var + eps))),
        (r'Выход слоя $y_i = ', GIVEN),
        (r'$$y \approx', lambda: CV(['-2.0298', '-0.7649', '1.7649', '3.0298'], bn(gam, bet), gam * xr + bet)),
        (r'### Градиенты по', GIVEN),
        (r'Пусть сверху пришёл градиент', lambda: near([fd(lambda t: bn(t, bet)[i], gam) for i in range(4)], xh, 1e-7) and near([fd(lambda t: bn(gam, t)[i], bet) for i in range(4)], 1, 1e-7)),
        (r'\qquad \frac{\partial L}{\partial \beta} = \sum_{i}', lambda: abs(dg - g @ xh) < 1e-7 and abs(db - g.sum()) < 1e-7),
        (r'\approx 0.9487$$', lambda: C('0.9487', dg, g @ xr)),
        (r'= 0.1 - 0.2 + 0.3 + 0.4 = 0.6$$', lambda: C('0.6', db) and abs(0.1 - 0.2 + 0.3 + 0.4 - 0.6) < 1e-12),
        (r'Шаг SGD с', lambda: C('1.9051', gam - 0.1 * dg) and C('0.44', bet - 0.1 * db) and abs(0.1 * 0.6 - 0.06) < 1e-12),
        (r'\boxed{\partial L/\partial \gamma', lambda: C('0.9487', dg) and C('0.6', db)),
    ]

# ======================================================================= 09
@register('09_momentum_nesterov.md')
def f09():
    f = lambda x: 2 * x ** 2; fp = lambda x: fd(f, x)
    eta, mu = 0.1, 0.9
    xm, vm, gm = [1.0], [0.0], []
    for _ in range(3):
        gm.append(fp(xm[-1])); vm.append(mu * vm[-1] - eta * gm[-1]); xm.append(xm[-1] + vm[-1])
    xn, vn, gn, la = [1.0], [0.0], [], []
    for _ in range(3):
        la.append(xn[-1] + mu * vn[-1]); gn.append(fp(la[-1])); vn.append(mu * vn[-1] - eta * gn[-1]); xn.append(xn[-1] + vn[-1])
    A = lambda s, v: C(s, v)
    return [
        (r'Take $f(x) = 2x^2$', lambda: all(abs(fp(t) - 4 * t) < 1e-7 for t in (-1.3, 0.2, 2.0)) and fp(0.0) == 0),
        (r'Classical momentum: $v_{t+1}', GIVEN),
        (r'- step 1: $f\'(1) = 4$'.replace("\\'", "'"), lambda: A('4', gm[0]) and A('-0.4', vm[1]) and A('0.6', xm[1])),
        (r"- step 2: $f'(0.6) = 2.4$", lambda: A('2.4', gm[1]) and A('-0.6', vm[2]) and abs(0.9 * -0.4 - 0.24 + 0.6) < 1e-12 and A('0', xm[2])),
        (r"- step 3: $f'(0) = 0$", lambda: A('0', gm[2]) and A('-0.54', vm[3]) and A('-0.54', xm[3])),
        (r'look-ahead point $\tilde{x}_t', GIVEN),
        (r'$$v_{t+1} = \mu v_t - \eta f', GIVEN),
        (r'- step 1: $\tilde{x}_0 = 1$', lambda: A('1', la[0]) and A('4', gn[0]) and A('-0.4', vn[1]) and A('0.6', xn[1])),
        (r'- step 2: $\tilde{x}_1 = 0.6 - 0.36 = 0.24$', lambda: A('0.24', la[1]) and A('0.96', gn[1]) and A('-0.456', vn[2]) and A('0.144', xn[2])
            and A('-0.36', mu * vn[1]) and A('0.096', eta * gn[1])),
        (r'- step 3: $\tilde{x}_2', lambda: A('-0.2664', la[2]) and A('-0.4104', mu * vn[2]) and A('-1.0656', gn[2]) and A('0.10656', -eta * gn[2])
            and A('-0.30384', vn[3]) and A('-0.15984', xn[3])),
        (r'After 3 steps plain momentum', lambda: A('0.54', abs(xm[3])) and A('0.16', abs(xn[3])) and gn[2] < 0 and la[2] < 0
            and A('0.0511', f(xn[3])) and A('0.5832', f(-0.54)) and xm[3] == xm[3]),
    ]

# ======================================================================= 10
@register('10_adam_bias_correction.md')
def f10():
    b1, b2, eta, eps = 0.9, 0.999, 0.1, 1e-8
    f = lambda th: th ** 2
    th, m, v = [1.0], [0.0], [0.0]; g, mh, vh = [None], [None], [None]
    for t in (1, 2):
        g.append(fd(f, th[-1])); m.append(b1 * m[-1] + (1 - b1) * g[-1]); v.append(b2 * v[-1] + (1 - b2) * g[-1] ** 2)
        mh.append(m[-1] / (1 - b1 ** t)); vh.append(v[-1] / (1 - b2 ** t))
        th.append(th[-1] - eta * mh[-1] / (np.sqrt(vh[-1]) + eps))
    def first_step_obs():
        ok = True
        for g1 in (0.01, 2.0, -50.0):
            m1 = (1 - b1) * g1; v1 = (1 - b2) * g1 ** 2
            ok &= abs((m1 / (1 - b1)) / np.sqrt(v1 / (1 - b2)) - np.sign(g1)) < 1e-12
        return ok
    return [
        (r'**Exercise 8.14.**', GIVEN),
        (r'$g_t = f\'(\theta_{t-1}) = 2\theta_{t-1}$'.replace("\\'", "'"), lambda: all(abs(fd(f, t0) - 2 * t0) < 1e-8 for t0 in (0.3, 1.0, -2.0))),
        (r'$$m_t = \beta_1 m_{t-1}', GIVEN),
        (r'$$\hat{m}_t = \frac{m_t}{1 - \beta_1^t}', GIVEN),
        (r'*Step 1* ($t = 1$)', lambda: C('2', g[1])),
        (r'$$m_1 = 0.1 \cdot 2 = 0.2', lambda: C('0.2', m[1]) and C('0.004', v[1])),
        (r'$$\hat{m}_1 = \frac{0.2}{0.1} = 2', lambda: C('2', mh[1]) and C('4', vh[1])),
        (r'$$\theta_1 = 1 - 0.1', lambda: C('0.9', th[1]) and abs(1 - 0.1 * 2 / 2 - 0.9) < 1e-12),
        (r'Observe that, ignoring $\epsilon$', first_step_obs),
        (r'*Step 2* ($t = 2$)', lambda: C('1.8', g[2]) and C('3.24', g[2] ** 2)),
        (r'$$m_2 = 0.9 \cdot 0.2', lambda: C('0.36', m[2]) and C('0.007236', v[2])),
        (r'$$\hat{m}_2 = \frac{0.36}{1 - 0.9^2}', lambda: abs(1 - 0.9 ** 2 - 0.19) < 1e-12 and C('1.8947', mh[2])),
        (r'$$\theta_2 = 0.9 - 0.1', lambda: C('-1.3275', th[2])),
        (r'Hence $\boxed{\theta_1 = 0.9', lambda: C('0.9', th[1]) and C('-1.3275', th[2])),
    ]

# ======================================================================= 11
@register('11_warmup_cosine_schedule.md')
def f11():
    mx, mn, W, T = 1e-3, 1e-5, 500, 10000
    def lr(t):
        if t < W: return mx * t / W
        return mn + 0.5 * (mx - mn) * (1 + math.cos(math.pi * (t - W) / (T - W)))
    rho = lambda t: (t - W) / (T - W)
    return [
        (r'Setup jo humne Colab', GIVEN),
        (r'warm-up ke dauraan ($t < W$)', GIVEN),
        (r'0 \le t < W$$', GIVEN),
        (r'jahan $\rho = \frac{t - W}{T - W}$', GIVEN),
        (r'W \le t \le T$$', GIVEN),
        (r'Yaad rakho', lambda: C('9.9e-4', mx - mn) and C('4.95e-4', 0.5 * (mx - mn))),
        (r'- $t = 100$', lambda: C('2e-4', lr(100)) and 100 < W),
        (r'- $t = 499$', lambda: C('9.98e-4', lr(499)) and lr(499) < mx),
        (r'- $t = 500$', lambda: rho(500) == 0 and C('1e-3', lr(500)) and abs(mn + 4.95e-4 * 2 - mx) < 1e-15 and abs(lr(500) - lr(499)) < 1e-5),
        (r'- $t = 2875$', lambda: rho(2875) == 0.25 and 2875 - W == 2375 and T - W == 9500 and C('0.7071', math.cos(math.pi / 4))
            and C('8.550e-4', lr(2875), 1e-5 + 4.95e-4 * 1.7071)),
        (r'- $t = 5250$', lambda: rho(5250) == 0.5 and abs(math.cos(math.pi / 2)) < 1e-15 and C('5.05e-4', lr(5250))),
        (r'- $t = 7625$', lambda: rho(7625) == 0.75 and C('-0.7071', math.cos(3 * math.pi / 4)) and C('1.550e-4', lr(7625), 1e-5 + 4.95e-4 * 0.2929)),
        (r'- $t = 10000$', lambda: rho(10000) == 1 and abs(lr(10000) - mn) < 1e-18),
        (r'**Sanity check:**', lambda: abs(lr(2875) + lr(7625) - (mx + mn)) < 1e-15 and C('1.010e-3', 8.550e-4 + 1.550e-4) and C('1.010e-3', mx + mn)),
        (r'Note: $t = 5250$', lambda: abs(lr(5250) - (mx + mn) / 2) < 1e-15),
    ]

# ======================================================================= 12
@register('12_l1_l2_regularization.md')
def f12():
    w = np.array([0.5, -1.2, 0.0]); g = np.array([0.3, -0.1, 0.2]); lam, eta = 0.1, 0.5
    l1 = lambda ww: lam * np.abs(ww).sum(); l2 = lambda ww: lam / 2 * (ww ** 2).sum()
    def grad_l1():  # finite differences where differentiable; subgradient 0 at w_i = 0
        gg = g.copy()
        for i in range(3):
            if w[i] != 0:
                e = np.zeros(3); e[i] = 1e-6; gg[i] += (l1(w + e) - l1(w - e)) / 2e-6
        return gg
    G1 = grad_l1(); G2 = g + grad(l2, w)
    return [
        (r'Tuna uzito (weights)', GIVEN),
        (r'Loss mpya: $J_1(w)', GIVEN),
        (r'Derivative ya $|w_i|$', lambda: all(abs(fd(abs, t) - np.sign(t)) < 1e-8 for t in (0.7, -0.4)) and -1 <= 0 <= 1 and np.sign(0.0) == 0),
        (r'$$\nabla_w J_1 = g + \lambda', lambda: near(G1, g + lam * np.sign(w), 1e-7) and near(G1, [0.4, -0.2, 0.2], 1e-7)),
        (r'Loss mpya: $J_2(w)', lambda: near(grad(l2, w), lam * w, 1e-8)),
        (r'$$\nabla_w J_2 = g - \lambda w$$', lambda: near(G2, g - lam * w, 1e-7)),
        (r'Tukiweka namba:', lambda: near(G2, [0.25, 0.02, 0.2], 1e-7)),
        (r'## Update moja ya SGD', GIVEN),
        (r'- L1: $w \leftarrow', lambda: near(w - eta * G1, [0.3, -1.1, -0.1], 1e-7) and near(eta * G1, [0.2, -0.1, 0.1], 1e-7)),
        (r'- L2: $w \leftarrow', lambda: near(w - eta * G2, [0.375, -1.21, -0.1], 1e-7)),
        (r'**Angalia:**', lambda: C('0.05', eta * lam) and near(eta * grad_l1()[:2] - eta * g[:2], eta * lam * np.sign(w[:2]), 1e-7)
            and near(eta * (G2 - g), eta * lam * w, 1e-7)),
        (r'Kumbuka: $w_3 = 0$', lambda: abs(G1[2] - g[2]) < 1e-12 and abs(G2[2] - g[2]) < 1e-7 and C('0.1', eta * g[2]) and C('-0.1', (w - eta * G1)[2])),
    ]

# ======================================================================= 13
@register('13_log_softmax.md')
def f13():
    z = np.array([1.0, 0.0, -1.0]); ls = lambda zz: zz - np.log(np.exp(zz).sum())
    s = softmax(z); J = jac(ls, z); lse = np.log(np.exp(z).sum())
    def defn():
        zz = RNG.normal(size=4); return near(ls(zz), np.log(softmax(zz)), 1e-12)
    def pieces():
        zz = RNG.normal(size=4); return near(grad(lambda t: np.log(np.exp(t).sum()), zz), softmax(zz), 1e-8) and near(jac(lambda t: t, zz), np.eye(4), 1e-8)
    def jform():
        zz = RNG.normal(size=4); ss = softmax(zz); return near(jac(ls, zz), np.eye(4) - ss[None, :], 1e-8)
    def rows():
        off = J - np.diag(np.diag(J))
        same = all(near(np.delete(J[i], i), np.delete(-s, i), 1e-8) for i in range(3))
        return same and near(J, np.eye(3) - np.outer(np.ones(3), s), 1e-8)
    def stable():
        zz = RNG.normal(size=5) * 50; m = zz.max()
        return abs(np.log(np.exp(zz - m).sum()) + m - np.logaddexp.reduce(zz)) < 1e-9
    return [
        (r'נגדיר וקטור logits', GIVEN),
        (r'\ell_i = \log \operatorname{softmax}(z)_i', defn),
        (r'גוזרים לפי', pieces),
        (r'\[ \frac{\partial \ell_i}{\partial z_j} = \delta_{ij} - s_j \]', jform),
        (r'שימו לב', rows),
        (r'ניקח \(z = (1, 0, -1)\)', GIVEN),
        (r'e + 1 + e^{-1} \approx 4.0862', lambda: C('4.0862', np.exp(z).sum()) and C('1.4076', lse, np.log(4.0862))),
        (r'\[ \ell = z - 1.4076', lambda: C('1.4076', lse) and CV(['-0.4076', '-1.4076', '-2.4076'], ls(z))),
        (r'\[ s = e^{\ell}', lambda: near(np.exp(ls(z)), s, 1e-12) and CV(['0.6652', '0.2447', '0.0900'], s)),
        (r'בדיקת שפיות', lambda: abs(0.6652 + 0.2447 + 0.0900 - 0.9999) < 1e-12 and abs(s.sum() - 1) < 1e-12),
        (r'השורה הראשונה של היעקוביאן', GIVEN),
        (r'\[ \frac{\partial \ell_1}{\partial z} = (1 - 0.6652', lambda: CV(['0.3348', '-0.2447', '-0.0900'], J[0], [1 - 0.6652, -0.2447, -0.0900])),
        (r'כלומר \(L = -\ell_1\)', lambda: near(grad(lambda t: -ls(t)[0], z), -J[0], 1e-7)),
        (r'\boxed{\nabla_z L = s - e_1', lambda: near(grad(lambda t: -ls(t)[0], z), s - np.eye(3)[0], 1e-7)
            and CV(['-0.3348', '0.2447', '0.0900'], grad(lambda t: -ls(t)[0], z))),
        (r'טיפ למימוש', stable),
    ]

# ======================================================================= 14
@register('14_rnn_bptt.md')
def f14():
    x1, x2, yt, h0 = 1.0, 0.5, 1.0, 0.0
    def run(w, u, a1_shift=0.0, a2_shift=0.0):
        a1 = w * h0 + u * x1 + a1_shift; h1 = np.tanh(a1); a2 = w * h1 + u * x2 + a2_shift; h2 = np.tanh(a2)
        return a1, h1, a2, h2, 0.5 * (h2 - yt) ** 2
    w, u = 0.5, 0.8
    a1, h1, a2, h2, L = run(w, u)
    d2 = fd(lambda e: run(w, u, a2_shift=e)[4], 0.0); d1 = fd(lambda e: run(w, u, a1_shift=e)[4], 0.0)
    dw = fd(lambda t: run(t, u)[4], w); du = fd(lambda t: run(w, t)[4], u)
    return [
        (r'Model : $h _ { t }', GIVEN),
        (r'Given : $w = 0.5$', GIVEN),
        (r'\tag{1}', lambda: C('0.8', a1) and C('0.6640', h1)),
        (r'\tag{2}', lambda: C('0.7320', a2, 0.5 * 0.6640 + 0.4) and C('0.6243', h2, np.tanh(0.7320))),
        (r'\tag{3}', lambda: C('0.0706', L, 0.5 * (0.6243 - 1) ** 2)),
        (r'Backward , step t = 2 :', GIVEN),
        (r'\tag{4}', lambda: abs(d2 - (h2 - yt) * (1 - h2 ** 2)) < 1e-8 and C('-0.3757', h2 - yt) and C('0.6103', 1 - h2 ** 2, 1 - 0.6243 ** 2)
            and C('-0.2293', d2, -0.3757 * 0.6103)),
        (r'step t = 1 ( through', lambda: abs(fd(lambda t: w * t + u * x2, h1) - w) < 1e-8),
        (r'\tag{5}', lambda: C('0.6640', fd(np.tanh, a1))),
        (r'\tag{6}', lambda: C('-0.0761', d1)),
        (r'\tag{7}', lambda: C('-0.1523', dw, -0.2293 * 0.6640)),
        (r'\tag{8}', lambda: C('-0.1908', du)),
        (r'both negative $\Rightarrow$', lambda: dw < 0 and du < 0 and yt > h2),
    ]

# ======================================================================= 15
@register('15_gelu_derivative.md')
def f15():
    c = math.sqrt(2 / math.pi)
    uf = lambda x: c * (x + 0.044715 * x ** 3)
    gelu = lambda x: 0.5 * x * (1 + np.tanh(uf(x)))
    x = 1.5; u = uf(x); th = math.tanh(u); dg = fd(gelu, x)
    def product_rule():
        return all(abs(fd(gelu, t) - (0.5 * (1 + np.tanh(uf(t))) + 0.5 * t * (1 - np.tanh(uf(t)) ** 2) * fd(uf, t))) < 1e-8 for t in (-1.0, 0.3, 1.5, 2.2))
    def uprime():
        return all(abs(fd(uf, t) - c * (1 + 0.134145 * t ** 3)) < 1e-7 for t in (0.5, 1.5, -2.0))
    return [
        (r'ที่จุด \(x = 1.5\)', GIVEN),
        (r'\operatorname{GELU}(x) \approx \tfrac{1}{2}\, x', GIVEN),
        (r'\(\sqrt{2/\pi} \approx 0.79788\)', lambda: C('0.79788', c)),
        (r'**ขั้นที่ 1:', lambda: all(abs(fd(np.tanh, t) - (1 - np.tanh(t) ** 2)) < 1e-8 for t in (0.2, 1.3))),
        (r'\[ \frac{d}{dx}\operatorname{GELU}(x) = ', product_rule),
        (r'**ขั้นที่ 2:', lambda: abs(3 * 0.044715 - 0.134145) < 1e-15),
        (r"\[ u'(x) = ", uprime),
        (r'**ขั้นที่ 3:', GIVEN),
        (r'- \(x^{3} = 3.375\)', lambda: C('3.375', x ** 3) and x ** 3 == 3.375 and C('1.3172', u)),
        (r'- \(\tanh u \approx 0.8661\)', lambda: C('0.8661', th) and C('0.2499', 1 - th ** 2, 1 - 0.8661 ** 2)),
        (r"- \(u'(1.5) = ", lambda: C('1.1591', fd(uf, x))),
        (r'\[ \frac{d}{dx}\operatorname{GELU}(1.5) \approx', lambda: C('1.1503', dg)),
        (r"\boxed{\operatorname{GELU}'(1.5)", lambda: C('1.1503', dg)),
        (r'หมายเหตุ:', lambda: C('1.3996', gelu(x), 0.5 * 1.5 * 1.8661) and abs(fd(gelu, 12.0) - 1) < 1e-6),
    ]

# ======================================================================= 16
@register('16_triplet_loss.md')
def f16():
    a = np.array([1, 0.0]); p = np.array([0.8, 0.3]); n = np.array([0.5, -0.2]); m = 0.5
    loss = lambda a, p, n: max(0.0, ((a - p) ** 2).sum() - ((a - n) ** 2).sum() + m)
    ga = grad(lambda t: loss(t, p, n), a); gp = grad(lambda t: loss(a, t, n), p); gn = grad(lambda t: loss(a, p, t), n)
    a2, p2, n2 = a - 0.1 * ga, p - 0.1 * gp, n - 0.1 * gn
    def formulas():
        return near(ga, 2 * (a - p) - 2 * (a - n), 1e-7) and near(2 * (a - p) - 2 * (a - n), 2 * (n - p), 1e-12) \
            and near(gp, -2 * (a - p), 1e-7) and near(gn, 2 * (a - n), 1e-7)
    def inactive():
        nn = np.array([-1.0, 1.0])
        return ((a - nn) ** 2).sum() > ((a - p) ** 2).sum() + m and loss(a, p, nn) == 0 \
            and near(grad(lambda t: loss(t, p, nn), a), 0) and near(grad(lambda t: loss(a, t, nn), p), 0) and near(grad(lambda t: loss(a, p, t), nn), 0)
    return [
        (r'Worked example in 2-D', GIVEN),
        (r'$$L = \max\left(0', GIVEN),
        (r'Distances:', lambda: C('0.13', ((a - p) ** 2).sum(), 0.2 ** 2 + 0.3 ** 2) and C('0.29', ((a - n) ** 2).sum()) and near(np.abs(a - p), [0.2, 0.3], 1e-12) and near(np.abs(a - n), [0.5, 0.2], 1e-12)),
        (r'So $L = \max(0,\ 0.13', lambda: C('0.34', loss(a, p, n)) and loss(a, p, n) > 0),
        (r'\qquad \frac{\partial L}{\partial p} = -2(a - p)', formulas),
        (r'- $\partial L/\partial a = ', lambda: near(n - p, [0.5 - 0.8, -0.2 - 0.3], 1e-12) and CV(['-0.6', '-1.0'], ga)),
        (r'- $\partial L/\partial p = ', lambda: near(a - p, [0.2, -0.3], 1e-12) and CV(['-0.4', '0.6'], gp)),
        (r'- $\partial L/\partial n = ', lambda: near(a - n, [0.5, 0.2], 1e-12) and CV(['1.0', '0.4'], gn)),
        (r'Sanity check: the three gradients', lambda: near(ga + gp + gn, 0, 1e-7) and abs(loss(a + 0.37, p + 0.37, n + 0.37) - loss(a, p, n)) < 1e-12),
        (r'One SGD step with', lambda: near(a2, [1.06, 0.1], 1e-7) and near(p2, [0.84, 0.24], 1e-7) and near(n2, [0.4, -0.24], 1e-7)
            and C('0.068', ((a2 - p2) ** 2).sum()) and C('0.5512', ((a2 - n2) ** 2).sum()) and C('0.0168', loss(a2, p2, n2)) and C('0.34', loss(a, p, n))),
        (r'If instead $\lVert a - n\rVert^2', inactive),
    ]

# Numbers printed on a line that are data or notation (indices, exponents,
# constants inside formulas); the line's predicate covers their meaning.
CTX = {
    '01_sigmoid_bce.md': {
        'input \\(x = 2\\)': '2 0.5 -0.3 1',  # L4
        '= -\\log(0.6682) \\approx 0.4032': '1 1',  # L14
        '**Key facts:**': '1 1 1',  # L18
        'the factor \\(\\hat{y}(1-\\hat{y})\\) cancels': '1',  # L20
        'Both gradients are negative': '1 0.1',  # L32
    },
    '02_softmax_jvp.md': {
        'Given $z = \\left( 1 , 2 , 0.5 \\right)': '1 2 0.5 1 0 -1',  # L4
        '\\tag{3}': '1',  # L12
        '\\tag{7}': '1',  # L22
        'check : entries of': '0 0 1',  # L26
    },
    '03_cross_entropy_3class.md': {
        'logits $z = (2.0,\\ 1.0,\\ 0.1)$': '2.0 1.0 0.1 1 0 0',  # L4
        '先做 softmax': '1 3',  # L6
        '= -\\log p_1 \\approx -\\log 0.659 \\approx 0.417': '1 3 1',  # L14
        '最后一步用到了': '1',  # L20
        '直观理解': '1',  # L28
    },
    '04_two_layer_network.md': {
        'Input $x = (1.0,\\ 0.5)^\\top$': '1.0 0.5 1 0 1 2 2 2',  # L6
        '$$W^{(1)} = \\begin{pmatrix}': '1 0.2 -0.4 0.5 0.1 1 0.1 -0.1 2 0.3 0.6 -0.2 0.4 2 0 0.2',  # L8
        'Row $i$ of $W^{(l)}$': '1 0',  # L10
        '$z^{(1)} = (0.2 \\cdot 1': '1',  # L14
        '$a^{(1)} = \\sigma(z^{(1)}) \\approx': '1 1',  # L16
        '$z^{(2)} = W^{(2)} a^{(1)} + b^{(2)} \\approx': '2 2 1 2',  # L18
        '$a^{(2)} = \\sigma(z^{(2)}) \\approx': '2 2',  # L20
        'The output error signal is': '2 2 2 1 2',  # L24
        '$\\delta^{(2)} \\approx (-0.3719': '2',  # L26
        '\\dfrac{\\partial L}{\\partial W^{(2)}} = \\delta^{(2)} \\, a^{(1)\\top}': '2 2 1 2 2',  # L28
        '$W^{(2)} \\delta^{(2)} \\approx': '2 2',  # L34
    },
    '05_mse_mae_linear.md': {
        'We fit a tiny linear model': '1 2 3 4 3 5 5 9 1.5 1',  # L4
        '**Losses** (with $n = 4$': '4',  # L6
        '$$\\text{MSE} = \\frac{1}{n}': '1 1 2 1 1',  # L8
        '\\frac{\\partial\\,\\text{MAE}}{\\partial w} = \\frac{1}{n}': '1 1',  # L14
        '- Predictions:': '2.5 4 5.5 7 -0.5 -1 0.5 -2',  # L18
        '$\\operatorname{sign}(r) = [-1, -1, 1, -1]$': '-1 -1 1',  # L22
        '**Takeaway:**': '4 -2 0.1',  # L24
        'MAE is not differentiable at $r_i = 0$': '0 0 0',  # L28
    },
    '06_conv1d_stride_padding.md': {
        '## 3. stride=2': '3 2 1 1',  # L2
        '入力長 $L = 7$': '7 3 2 1 0',  # L4
        '入力 $x = (1, 2, -1, 0, 3, 1, 2)$': '1 2 -1 0 3 1 2 1 0 -1 0 1 2 -1 0 3 1 2 0 0 2 2',  # L14
        '$w_1 = 0$ なので': '1 0 2 2 2',  # L16
        '$$y_0 = 0 - 2 = -2': '0 2 1',  # L18
        '上流から $g = ': '1 -1 0.5',  # L22
        '= \\sum_{i} g_i\\, \\tilde{x}_{2i + j}$$': '2',  # L24
        'g_i\\, w_j$$': '2',  # L30
    },
    '07_maxpool_backward.md': {
        'Cho đầu vào $X$': '4 4 2 2 2',  # L4
        '$$X = \\begin{pmatrix}': '1 3 2 0 4 2 1 5 0 1 3 2 2 6 1 1',  # L6
        'Kích thước đầu ra:': '2 2',  # L8
        '**Lan truyền xuôi.**': '0',  # L10
        '\\max(1,3,4,2)': '1 3 4 2 2 0 1 5 0 1 2 6 3 2 1 1 4 5 6 3',  # L12
        '**Lan truyền ngược.**': '0.1 -0.2 0.3 0.4',  # L14
        'Đạo hàm của hàm max': '1 0',  # L16
        'cửa sổ $(0,0)$': '0 0 4 10 0.1',  # L18
        'cửa sổ $(0,1)$': '0 1 5 13 -0.2',  # L19
        'cửa sổ $(1,0)$': '1 0 6 31 0.3',  # L20
        'cửa sổ $(1,1)$': '1 1 3 22 0.4',  # L21
        '$$\\frac{\\partial L}{\\partial X} = ': '0 0 0 0 0.1 0 0 -0.2 0 0 0.4 0 0 0.3 0 0',  # L23
        '**Kiểm tra:**': '4 16 0',  # L25
    },
    '08_batchnorm_gamma_beta.md': {
        'батч $x = (1,\\ 2,\\ 4,\\ 5)$': '1 2 4 5 2 0.5 10 -5',  # L4
        '$$\\mu = \\frac{1}{4}': '1 4 1 4',  # L10
        '$$\\sigma^2 = \\frac{1}{4}': '2 1 4 1 4 2',  # L12
        'где $\\sqrt{2.50001} \\approx 1.58114$': '2',  # L14
        'Проверка: $\\sum_i \\hat{x}_i = 0$': '0 4 2',  # L18
        'Пусть сверху пришёл градиент': '0.1 -0.2 0.3 0.4 1',  # L26
    },
    '09_momentum_nesterov.md': {
        'Take $f(x) = 2x^2$': '2 2 4 0 0 1 0 0 0.1 0.9',  # L4
        'Classical momentum: $v_{t+1}': '1 1 1',  # L6
        "- step 1: $f'(1) = 4$": '1 1 1',  # L8
        "- step 2: $f'(0.6) = 2.4$": '0.6 2 2',  # L9
        "- step 3: $f'(0) = 0$": '0 3 3',  # L10
        '$$v_{t+1} = \\mu v_t - \\eta f': '1 1 1',  # L16
        '- step 1: $\\tilde{x}_0 = 1$': '0 1 1 0 0',  # L18
        '- step 2: $\\tilde{x}_1 = 0.6 - 0.36 = 0.24$': '1 2 2',  # L19
        '- step 3: $\\tilde{x}_2': '2 3 3',  # L20
        'After 3 steps plain momentum': '3 3 3 -0.54',  # L22
    },
    '10_adam_bias_correction.md': {
        '**Exercise 8.14.**': '2 0 1 0.1 1 0.9 2 0.999 10 -8 0 0 0',  # L2
        "$g_t = f'(\\theta_{t-1}) = 2\\theta_{t-1}$": '1 2 1',  # L4
        '$$m_t = \\beta_1 m_{t-1}': '1 1 1 1 2 1 1 2 2',  # L6
        '$$\\hat{m}_t = \\frac{m_t}{1 - \\beta_1^t}': '1 1 1 2 1',  # L8
        '*Step 1* ($t = 1$)': '1 1',  # L10
        '$$m_1 = 0.1 \\cdot 2 = 0.2': '1 1',  # L12
        '$$\\hat{m}_1 = \\frac{0.2}{0.1} = 2': '1 1',  # L14
        '$$\\theta_1 = 1 - 0.1': '1 1 0.1 2 4',  # L16
        'Observe that, ignoring $\\epsilon$': '1 1 1 1 1 1',  # L18
        '*Step 2* ($t = 2$)': '2 2 2 2',  # L20
        '$$m_2 = 0.9 \\cdot 0.2': '2 2',  # L22
        '$$\\hat{m}_2 = \\frac{0.36}{1 - 0.9^2}': '2',  # L24
    },
    '11_warmup_cosine_schedule.md': {
        'Setup jo humne Colab': '10 -3 10 -5 500 10000',  # L4
        '0 \\le t < W$$': '0',  # L8
        'W \\le t \\le T$$': '1 2 1',  # L12
        'Yaad rakho': '1 2',  # L14
        '- $t = 100$': '100 100',  # L18
        '- $t = 499$': '499 499',  # L19
        '- $t = 500$': '500 0 500',  # L20
        '- $t = 2875$': '2875',  # L21
        '- $t = 5250$': '5250 0.5',  # L22
        '- $t = 7625$': '7625 0.75',  # L23
        '- $t = 10000$': '10000 1 10 -5',  # L24
        '**Sanity check:**': '2875 7625',  # L26
        'Note: $t = 5250$': '5250 2',  # L28
    },
    '12_l1_l2_regularization.md': {
        'Tuna uzito (weights)': '0.5 -1.2 0 0.3 -0.1 0.2 0.1 0.5',  # L4
        'Loss mpya: $J_1(w)': '1 1',  # L8
        'Derivative ya $|w_i|$': '0 0 0',  # L10
        '$$\\nabla_w J_1 = g + \\lambda': '1',  # L12
        'Loss mpya: $J_2(w)': '2 2 2 2 1 2',  # L16
        'Kumbuka: $w_3 = 0$': '3 0 3',  # L29
    },
    '13_log_softmax.md': {
        '\\ell_i = \\log \\operatorname{softmax}(z)_i': '1',  # L6
        'שימו לב': '1',  # L12
        'ניקח \\(z = (1, 0, -1)\\)': '1 0 -1',  # L16
        'השורה הראשונה של היעקוביאן': '1',  # L26
        '\\[ \\frac{\\partial \\ell_1}{\\partial z} = (1 - 0.6652': '1',  # L28
        'כלומר \\(L = -\\ell_1\\)': '1',  # L30
        '\\boxed{\\nabla_z L = s - e_1': '1',  # L32
    },
    '14_rnn_bptt.md': {
        'Model : $h _ { t }': '1 0 0 1 2 2 2',  # L4
        'Given : $w = 0.5$': '0.5 0.8 1 1 2 0.5 1 1',  # L6
        '\\tag{1}': '1 1',  # L10
        '\\tag{2}': '2 2',  # L12
        'Backward , step t = 2 :': '2',  # L16
        '\\tag{4}': '2 2 2 1 2 2',  # L18
        'step t = 1 ( through': '2 1 2 2 1',  # L20
        '\\tag{7}': '2 1 1 0',  # L28
        'both negative $\\Rightarrow$': '2 1',  # L32
    },
    '15_gelu_derivative.md': {
        'ที่จุด \\(x = 1.5\\)': '1.5',  # L2
        '\\operatorname{GELU}(x) \\approx \\tfrac{1}{2}\\, x': '1 2 1 2 0.044715 3',  # L6
        '**ขั้นที่ 1:': '1 2 1 1 2',  # L10
        '\\[ \\frac{d}{dx}\\operatorname{GELU}(x) = ': '1 2 1 1 2 1 2',  # L12
        '**ขั้นที่ 3:': '1.5',  # L18
        '- \\(x^{3} = 3.375\\)': '3',  # L20
        '- \\(\\tanh u \\approx 0.8661\\)': '1 2',  # L21
        'หมายเหตุ:': '1',  # L30
    },
    '16_triplet_loss.md': {
        'Worked example in 2-D': '1 0 0.8 0.3 0.5 -0.2 0.5',  # L4
        '$$L = \\max\\left(0': '0 2 2',  # L6
        'Distances:': '2 2',  # L8
        'So $L = \\max(0,\\ 0.13': '0',  # L10
        '\\qquad \\frac{\\partial L}{\\partial p} = -2(a - p)': '2 2 2 -2 2',  # L12
        'Sanity check: the three gradients': '0 0',  # L20
        'One SGD step with': '0.1 1.06 0.1 0.84 0.24 0.4 -0.24 2 2',  # L22
        'If instead $\\lVert a - n\\rVert^2': '2 2 0',  # L24
    },
}

# ---------------------------------------------------------------- line text
# Every covered line is tied to the file text:
#  * each number printed on the line (inside math) must be accounted for, either
#    as a value checked by C/CV, or as part of an arithmetic chain "A = B ≈ C"
#    that is re-evaluated from the printed numbers, or listed as data/structure
#    in the check's third element (ctx);
#  * every arithmetic chain on the line is recomputed from the printed numbers.

def compress(s):
    s = s.replace('−', '-').replace('≈', r'\approx ')
    s = s.replace('\\\\', '&').replace('\\ ', ' ').replace(r'\,', ' ').replace(r'\:', ' ').replace(r'\!', '').replace(r'\;', ';')
    return re.sub(r'(?<![A-Za-z])\s+|\s+(?![A-Za-z])', '', s)

def math_spans(line):
    spans = re.findall(r'\$\$(.+?)\$\$|\\\[(.+?)\\\]|\\\((.+?)\\\)|\$(.+?)\$', line)
    out = [next(x for x in g if x) for g in spans]
    if not out and not line.lstrip().startswith('<!--') and re.search(r'[=≈]', line) and re.search(r'\d', line):
        out = [line]
    return out

def clean(span):
    s = compress(span)
    s = re.sub(r'\\tag\{[^}]*\}', '', s)
    s = re.sub(r'\\(begin|end)\{[a-z*]+\}', '', s)
    s = re.sub(r'\\text\{[^}]*\}', 'T', s)
    s = re.sub(r'\\operatorname\{([^}]*)\}', r'\\\1 ', s)
    s = s.replace(r'\boxed{', '{')
    s = re.sub(r'\\[dt]?frac(\d)(\d)', r'\\frac{\1}{\2}', s)
    s = re.sub(r'\\(left|right|big|Big|bigl|bigr)(?![A-Za-z])', '', s)
    return s

def split_top(s, seps):
    out, depth, cur, i = [], 0, '', 0
    while i < len(s):
        ch = s[i]
        if ch in '([{':
            depth += 1
        elif ch in ')]}':
            depth -= 1
        if depth == 0:
            hit = next((sp for sp in seps if s.startswith(sp, i) and not (sp[0] == '\\' and s[i + len(sp):i + len(sp) + 1].isalpha())), None)
            if hit:
                out.append((cur, hit)); cur = ''; i += len(hit); continue
        cur += ch; i += 1
    out.append((cur, None))
    return out

NUM = re.compile(r'(-)?(\d+(?:\.\d+)?)')
def seg_tokens(seg):
    toks = []
    for m in NUM.finditer(seg):
        if m.start() > 0 and seg[m.start() - 1].isalpha() and m.group(1) is None:
            pass
        sign = ''
        if m.group(1):
            pre = seg[:m.start()]
            if pre == '' or pre[-1] in '([{,=&:;' or re.search(r'\\[A-Za-z]+$', pre):
                sign = '-'
        toks.append(sign + m.group(2))
    return toks

FUN = {'sqrt', 'exp', 'floor', 'log', 'cos', 'tanh', 'max', 'pi', 'E', 'V'}
def to_py(seg):
    s = seg
    s = s.replace(r'\cdot', '*').replace(r'\times', '*').replace(';', '')
    s = re.sub(r'\\[dt]frac', r'\\frac', s)
    s = re.sub(r'\\frac(\d)(\d)', r'(\1/\2)', s)
    def brace(s, i):  # s[i] == '{' -> index after matching '}'
        d = 0
        for j in range(i, len(s)):
            d += s[j] == '{'; d -= s[j] == '}'
            if d == 0: return j + 1
        raise ValueError
    while r'\frac{' in s:
        i = s.index(r'\frac{'); a0 = i + 5; a1 = brace(s, a0); b1 = brace(s, a1)
        s = s[:i] + '((' + s[a0 + 1:a1 - 1] + ')/(' + s[a1 + 1:b1 - 1] + '))' + s[b1:]
    while r'\sqrt{' in s:
        i = s.index(r'\sqrt{'); a1 = brace(s, i + 5)
        s = s[:i] + 'sqrt(' + s[i + 6:a1 - 1] + ')' + s[a1:]
    s = re.sub(r'(?<![A-Za-z\\])e\^\{', 'exp{', s)
    s = re.sub(r'\^(\d)', r'**\1', s)
    s = s.replace('^{', '**{')
    s = s.replace(r'\lfloor', 'floor(').replace(r'\rfloor', ')')
    for name in ('log', 'cos', 'tanh', 'max', 'exp', 'sqrt'):
        s = s.replace('\\' + name, name)
    s = s.replace(r'\pi', 'pi')
    s = re.sub(r'\b(log|cos|tanh)(pi|\d+(?:\.\d+)?)', r'\1(\2)', s)
    s = re.sub(r'\\[,!; ]', '', s).replace('\\ ', '')
    s = s.replace('{', '(').replace('}', ')')
    s = re.sub(r'(?<![A-Za-z])e(?![A-Za-z])', 'E', s)
    s = re.sub(r'(\d|\))(?=[(A-Za-z])', r'\1*', s)
    s = re.sub(r'\)(?=\d)', ')*', s)
    if re.sub(r'\b(' + '|'.join(FUN) + r')\b', '', s).strip(' 0123456789.+-*/(),') != '':
        return None
    if re.search(r'[A-Za-z]', re.sub(r'\b(' + '|'.join(FUN) + r')\b', '', s)):
        return None
    out, i = '', 0
    for i, ch in enumerate(s):   # tuples -> vectors
        if ch == '(' and not (out and (out[-1].isalpha())):
            d, j, comma = 0, i, False
            for j in range(i, len(s)):
                d += s[j] == '('; d -= s[j] == ')'
                if d == 1 and s[j] == ',': comma = True
                if d == 0: break
            out += 'V(' if comma else '('
        else:
            out += ch
    return out

def ev(seg):
    py = to_py(seg)
    if py is None or not re.search(r'\d|pi|E', py):
        return None
    try:
        with np.errstate(all='ignore'):
            v = eval(py, {'__builtins__': {}}, {'sqrt': np.sqrt, 'exp': np.exp, 'floor': np.floor, 'log': np.log,
                        'cos': np.cos, 'tanh': np.tanh, 'max': max, 'pi': np.pi, 'E': np.e,
                        'V': lambda *a: np.array(a, dtype=float)})
        v = np.asarray(v, dtype=float)
        return v if np.all(np.isfinite(v)) else None
    except Exception:
        return None

def lit_tol(seg):
    """tolerance of a segment that is a plain printed number or tuple of numbers"""
    py = to_py(seg)
    if py is None or re.search(r'[*/a-zA-Z]', py.replace('V(', '(')):
        return None
    toks = seg_tokens(seg)
    return np.array([_tol(t)[1] for t in toks]) if toks else None

def prop(seg):
    """rounding error carried by inputs printed with >= 3 decimals"""
    toks = list(NUM.finditer(seg)); base = ev(seg); tot = np.zeros_like(base)
    if lit_tol(seg) is not None:   # a plain printed number: its own precision is already the tolerance
        return tot
    for m in toks:
        d = len(m.group(2).split('.')[1]) if '.' in m.group(2) else 0
        if d < 3: continue
        h = 0.5 * 10.0 ** -d
        alt = ev(seg[:m.start(2)] + repr(float(m.group(2)) + h) + seg[m.end(2):])
        if alt is not None: tot = tot + np.abs(alt - base)
    return tot

def chains_ok(span):
    """re-evaluate every A = B / A ≈ B between printed-number expressions;
    returns (ok, tokens consumed by compared segments)"""
    ok, used = True, []
    for part, _ in split_top(clean(span), [',', r'\qquad', r'\quad', ';']):
        segs = split_top(part, ['=', r'\approx', r'\leftarrow', r'\to', r'\Rightarrow', r'\ge', r'\le', '>', '<', r'\neq'])
        for (a, rel), (b, _) in zip(segs, segs[1:]):
            if rel not in ('=', r'\approx'):
                continue
            va, vb = ev(a), ev(b)
            if va is None or vb is None or va.shape != vb.shape:
                continue
            diff = np.abs(va - vb).ravel()
            if rel == '=':   # '=' between printed numbers is exact
                good = np.all(diff <= 1e-9 * np.maximum(1, np.abs(vb).ravel()))
            else:            # '≈': right to the printed precision
                tb, ta = lit_tol(b), lit_tol(a)
                tol = tb if tb is not None and tb.size == vb.size else (ta if ta is not None and ta.size == va.size else 1e-9)
                tol = np.broadcast_to(np.asarray(tol, float), diff.shape)
                good = np.all(diff <= tol * (1 + 1e-9) + 1e-12) or np.all(diff <= tol + np.ravel(prop(a)) + np.ravel(prop(b)) + 1e-12)
            ok &= bool(good)
            used += seg_tokens(a) + seg_tokens(b)
    return ok, used

def line_tokens(line):
    toks = []
    for sp in math_spans(line):
        for part, _ in split_top(clean(sp), [',', r'\qquad', r'\quad', ';']):
            for seg, _ in split_top(part, ['=', r'\approx', r'\leftarrow', r'\to', r'\Rightarrow', r'\ge', r'\le', '>', '<', r'\neq']):
                toks += seg_tokens(seg)
    return toks

def lit_forms(shown):
    s = shown.strip()
    m = re.fullmatch(r'([+-]?[\d.]+)e([+-]?\d+)', s)
    if m:
        mant, ex = m.group(1), str(int(m.group(2)))
        return [[mant, '10', ex], ['10', ex]] if float(mant) == 1 else [[mant, '10', ex]]
    return [[s]]

def account(line, lits, chain_used, ctx):
    """every printed number must be a checked value, part of a recomputed chain,
    or declared data/structure; every checked value must be printed."""
    from collections import Counter
    toks = line_tokens(line); left = Counter(toks); probs = []
    for t in chain_used:
        if left[t] > 0: left[t] -= 1
    for shown in lits:
        for form in lit_forms(shown):
            if all(Counter(toks)[f] >= 1 for f in form):
                for f in form:
                    if left[f] > 0: left[f] -= 1
                break
        else:
            probs.append(f'checked value {shown!r} not printed on the line')
    for t in (ctx.split() if ctx else []):
        if left[t] > 0: left[t] -= 1
        else: probs.append(f'declared token {t!r} not (or not that often) on the line')
    rest = [t for t in toks if left[t] > 0 and not left.subtract({t: 1})]
    if rest:
        probs.append(f'unaccounted numbers {rest}')
    return probs

# ---------------------------------------------------------------- driver
def math_lines(lines):
    out, in_disp = set(), False
    for i, ln in enumerate(lines, 1):
        s = ln.strip()
        if s.startswith('<!--'):
            continue
        if s in ('$$', r'\[', r'\]'):
            in_disp = (s == r'\[') or (s == '$$' and not in_disp)
            continue
        if in_disp or '$' in s or r'\(' in s or r'\[' in s or (re.search(r'[=≈]', s) and re.search(r'\d', s)):
            out.add(i)
    return out

def check_file(name, builder):
    lines = open(os.path.join(D, name), encoding='utf-8').read().split('\n')
    if lines and lines[-1] == '':
        lines = lines[:-1]
    problems, covered, first_false = [], set(), None
    prev = 0
    for entry in builder():
        sub, pred = entry[0], entry[1]
        ctx = entry[2] if len(entry) > 2 else CTX.get(name, {}).get(sub, '')
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
        except Exception as e:  # a crashing predicate counts as false
            ok = False
            problems.append(f'predicate error line {ln}: {e!r}')
        cok, used = True, []
        for sp in math_spans(text):
            c, u = chains_ok(sp); cok &= c; used += u
        if ok and cok:
            problems += [f'line {ln}: {p}' for p in account(text, list(_LITS), used, ctx)]
        ok = ok and cok
        if VERBOSE:
            print(f'      {name} L{ln:2d} {"T" if ok else "F"}{"" if cok else "(chain)"}  {text[:70]}')
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
        print(f'{name:32s} lines={n:2d} first_false={ff!s:4s} expected={exp!s:4s} {"OK" if ok else "MISMATCH"}')
        for p in probs:
            print('    !', p)
    print('ALL OK' if all_ok else 'NOT OK')
    return 0 if all_ok else 1

if __name__ == '__main__':
    sys.exit(main())
