#!/usr/bin/env python3
"""Independent NumPy check of corpus62 (backprop through modern layers).

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
RNG = np.random.default_rng(62)

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
@register('01_attention_grad_V_d2l.md')
def f01():
    Q = np.eye(2); K = np.array([[1.0, 1.0], [0.0, 2.0]]); V = np.array([[1.0], [-1.0]]); y = np.array([[1.0], [0.0]])
    S = Q @ K.T / np.sqrt(2); A = softmax(S); O = A @ V; dO = O - y; dOv = dO.ravel()
    Lf = lambda Vv: 0.5 * np.sum((softmax(Q @ K.T / np.sqrt(2)) @ Vv - y) ** 2)
    dV = grad(Lf, V)
    Ar = np.array([[0.6698, 0.3302], [0.3302, 0.6698]]); dOr = np.array([-0.6605, -0.3395])
    def local_jac():
        ok = True
        for _ in range(3):
            Aa = softmax(rand(3, 4)); Vv = rand(4, 2)
            # d o_ik / d v_jl = a_ij delta_kl
            for i in range(3):
                for k in range(2):
                    g = grad(lambda Vx: (Aa @ Vx)[i, k], Vv)
                    ok &= near(g, np.outer(Aa[i], np.eye(2)[k]))
        return ok
    def matrix_rule():
        ok = True
        for _ in range(3):
            Qq, Kk, Vv, G = rand(3, 4), rand(5, 4), rand(5, 2), rand(3, 2)
            Aa = softmax(Qq @ Kk.T / 2.0)
            g = grad(lambda Vx: np.sum(G * (softmax(Qq @ Kk.T / 2.0) @ Vx)), Vv)
            ok &= near(g, Aa.T @ G) and g.shape == Vv.shape
        return ok
    return [
        ('For one head, $\\mathrm{attention}', GIVEN),
        ('Write $\\mathbf{A} = \\mathrm{softmax}', GIVEN),
        ('$$o_{ik} = \\sum_{j=1}^{m}', local_jac),
        ('Collecting every output entry', GIVEN),
        ('$$\\frac{\\partial L}{\\partial v_{jl}}', matrix_rule),
        ('Shape check:', lambda: (rand(3, 5).T @ rand(3, 2)).shape == (5, 2)),
        ('Take $n = m = d = 2$', lambda: E('2', 2) and E('1', V.shape[1]) and EV(['1', '1', '0', '2'], K) and EV(['1', '-1'], V) and E('1', 1) and E('2', 2) and EV(['1', '0'], y), '2'),
        ('1. Scores:', lambda: E('2', 2) and EV(['1', '0', '1', '2'], Q @ K.T) and E('2', 2)
            and CV(['0.7071', '0', '0.7071', '1.4142'], S)),
        ('2. Row-wise softmax', lambda: C('0.7071', S[0, 0] - S[0, 1], S[1, 1] - S[1, 0])
            and abs(abs(S[0, 0] - S[0, 1]) - abs(S[1, 1] - S[1, 0])) < 1e-12
            and CV(['0.6698', '0.3302', '0.3302', '0.6698'], A)),
        ('3. Output: $\\mathbf{O}', lambda: CV(['0.3395', '-0.3395'], O)),
        ('4. Upstream gradient', lambda: near(grad(lambda Oo: 0.5 * np.sum((Oo - y) ** 2), O), dO)
            and CV(['-0.6605', '-0.3395'], dO)),
        ('5. $\\partial L/\\partial \\mathbf{V}', lambda: near(dV, A.T @ dO)
            and E('0.6698', Ar[0, 0]) and C('-0.6605', dOv[0]) and E('0.3302', Ar[1, 0]) and C('-0.3395', dOv[1])
            and E('0.3302', Ar[0, 1]) and C('-0.6605', dOv[0]) and E('0.6698', Ar[1, 1]) and C('-0.3395', dOv[1])
            and CV(['-0.5545', '-0.4455'], dV, Ar.T @ dOr)),
        ('Since every row of $\\mathbf{A}$ sums to one', lambda: abs(dV.sum() - dO.sum()) < 1e-6
            and C('-0.5545', dV[0, 0]) and C('0.4455', -dV[1, 0]) 
            and C('-1.0000', dO.sum()) and C('-0.6605', dO[0, 0]) and C('0.3395', -dO[1, 0])),
        ('Q = torch.eye(2)', lambda: E('2', Q.shape[0]) and near(Q, np.eye(2))),
        ('K = torch.tensor', lambda: EV(['1.0', '1.0', '0.0', '2.0'], K)),
        ('V = torch.tensor', lambda: EV(['1.0', '-1.0'], V)),
        ('A = torch.softmax', lambda: near(softmax(Q @ K.T / math.sqrt(2)), A) and E('2', 2), '-1'),
        ('loss = 0.5 *', lambda: E('0.5', 0.5) and EV(['1.0', '0.0'], y) and E('2', 2)),
        ('tensor([[-0.5545]', lambda: C('-0.5545', dV[0, 0])),
        ('[-0.4455]])', lambda: C('-0.4455', dV[1, 0])),
        ('Autograd agrees with step 5', lambda: near(dV, A.T @ dO) , '5 5'),
    ]

# ======================================================================= 02
@register('02_attention_scores_grad_weng.md')
def f02():
    dk = 4; q = np.array([1.0, 1, 0, 0]); Kk = np.array([[1.0, 1, 0, 0], [1, -1, 0, 0], [-1, -1, 0, 0]])
    v = np.array([1.0, 2, -1]); g = 0.5
    x = Kk @ q; s = x / np.sqrt(dk); a = softmax(s)
    Lq = lambda qq, KK=Kk: g * (softmax(KK @ qq / np.sqrt(dk)) @ v)       # L = g * o (scalar value)
    dA = g * v
    ar = np.array([0.6652, 0.2447, 0.0900])
    m_true = a @ dA; mr = 0.5323
    ds_true = grad(lambda ss: g * (softmax(ss) @ v), s)
    dx_true = grad(lambda xx: g * (softmax(xx / np.sqrt(dk)) @ v), x)
    dsr = np.array([-0.0215, 0.1144, -0.0929])
    dx_car = 2 * dsr                                                   # author's carried (wrong) factor
    dq_true = grad(Lq, q)
    dq_car = dx_car @ Kk
    def step1():
        ok = True
        for _ in range(3):
            aa = softmax(rand(4)); VV = rand(4, 3); G = rand(3)
            ok &= near(grad(lambda t: G @ (t @ VV), aa), VV @ G)
        return ok
    def jac():
        ok = True
        for _ in range(3):
            ss = rand(4); aa = softmax(ss)
            J = np.stack([grad(lambda u: softmax(u)[i], ss) for i in range(4)])
            ok &= near(J, aa[:, None] * (np.eye(4) - aa[None, :]))
        return ok
    def step2():
        ok = True
        for _ in range(4):
            ss = rand(5); up = rand(5); aa = softmax(ss)
            num = grad(lambda u: up @ softmax(u), ss)
            ok &= near(num, aa * (up - aa @ up))
        return ok
    def matrix_form():
        ok = True
        for _ in range(3):
            S = rand(3, 4); dAA = rand(3, 4); AA = softmax(S)
            num = grad(lambda u: np.sum(dAA * softmax(u)), S)
            form = AA * (dAA - (AA * dAA).sum(axis=1, keepdims=True))
            ok &= near(num, form) and near(form.sum(axis=1), np.zeros(3))
        return ok
    def step3():
        ok = True
        for _ in range(4):
            xx = rand(4); up = rand(4); d = 9.0
            dLdx = grad(lambda u: up @ softmax(u / np.sqrt(d)), xx)
            dLds = grad(lambda u: up @ softmax(u), xx / np.sqrt(d))
            ok &= near(xx, np.sqrt(d) * (xx / np.sqrt(d)), 1e-12) and near(dLdx, np.sqrt(d) * dLds)
        return ok
    def bilinear():
        ok = True
        for _ in range(3):
            qq = rand(4); KK = rand(3, 4); up = rand(3)
            f = lambda qv, Km: up @ (Km @ qv)
            ok &= near(grad(lambda u: f(u, KK), qq), up @ KK)
            ok &= near(grad(lambda Km: f(qq, Km), KK), np.outer(up, qq))
        return ok
    def var_dk():
        R = np.random.default_rng(5); n = 200000
        qq = R.standard_normal((n, 64)); kk = R.standard_normal((n, 64))
        vv = np.var(np.sum(qq * kk, axis=1))
        return abs(vv - 64) < 1.0 and abs(np.sqrt(np.var(np.sum(qq * kk, axis=1) / 8.0)) - 1) < 0.02
    def saturate():
        R = np.random.default_rng(6)
        xs = R.standard_normal((2000, 8)) * 8
        maxa = softmax(xs).max(axis=1)
        return np.median(maxa) > 0.9
    return [
        ('In the previous section the value path', lambda: all(near(grad(lambda Vx: np.sum(G * (Aa @ Vx)), Vv), Aa.T @ G)
            for Aa, Vv, G in [(softmax(rand(3, 4)), rand(4, 2), rand(3, 2)) for _ in range(3)])),
        ('Notation for a single query', GIVEN),
        ('- logits $x_j', GIVEN),
        ('- weights $a_j', GIVEN),
        ('- upstream gradient $\\mathbf{g}', GIVEN),
        ('**Step 1 (to the weights).**', step1, '1'),
        ('**Step 2 (through the softmax).**', jac, '2'),
        ('\\frac{\\partial L}{\\partial s_j} = \\sum_i', step2),
        ('Each score is compared', matrix_form),
        ('**Step 3 (through the scaling).**', step3),
        ('From the logits it is a plain bilinear form', bilinear),
        ('Take $d_k = 4$', lambda: E('4', dk) and EV(['1', '1', '0', '0'], q) and EV(['1', '1', '0', '0', '1', '-1', '0', '0', '-1', '-1', '0', '0'], Kk) and EV(['1', '2', '-1'], v) and E('0.5', g)),
        ('- logits $x = (2, 0, -2)$', lambda: EV(['2', '0', '-2'], x) and E('2', np.sqrt(dk)) and EV(['1', '0', '-1'], s)
            and CV(['0.6652', '0.2447', '0.0900'], a)),
        ('- $\\partial L/\\partial a = g\\,v', lambda: near(grad(lambda aa: g * (aa @ v), a), dA) and EV(['0.5', '1.0', '-0.5'], dA)
            and C('0.3326', a[0] * dA[0], ar[0] * dA[0]) and C('0.2447', a[1] * dA[1]) and C('0.0450', -a[2] * dA[2], -ar[2] * dA[2])
            and C('0.5323', m_true, 0.3326 + 0.2447 - 0.0450)),
        ('- $\\partial L/\\partial s \\approx', lambda: C('0.6652', a[0]) and C('-0.0323', dA[0] - m_true)
            and C('0.2447', a[1]) and C('0.4677', dA[1] - m_true) and C('0.0900', a[2]) and C('-1.0323', dA[2] - m_true)
            and CV(['-0.0215', '0.1144', '-0.0929'], ds_true, ar * (dA - mr))
            and near(ds_true.sum(), 0) and E('0', 0)),
        ('- $\\partial L/\\partial x = 2', lambda: E('2', np.sqrt(dk))          # factor carried from Step 3
            and CV(['-0.0430', '0.2288', '-0.1858'], dx_true, dx_car)),
        ('- $\\partial L/\\partial \\mathbf{q} = \\sum_j', lambda: near(dq_true, dx_true @ Kk)
            and CV(['-0.0430', '0.2288', '0.1858'], dx_true * Kk[:, 0], dx_car * Kk[:, 0])
            and CV(['-0.0430', '0.2288', '0.1858'], dx_true * Kk[:, 1] * [1, -1, 1], dx_car * Kk[:, 1] * [1, -1, 1])
            and EV(['0', '0'], [0, 0]) and CV(['0.3716', '-0.0860', '0', '0'], dq_true, dq_car)),
        ('If the components of $\\mathbf{q}$', lambda: var_dk() and E('0', 0) and E('1', 1) and saturate() and E('64', 64) and E('8', np.sqrt(64)) and E('0', 0)
            and E('8', np.sqrt(64)), '2'),
    ]

# ======================================================================= 03
@register('03_layernorm_backward_de.md', comma=True)
def f03():
    x = np.array([2.0, 4, 6, 8]); gam = np.array([1, 0.5, 2, 1]); dy = np.array([0.2, -0.4, 0.1, 0.3]); N = 4
    def ln(xx, gg=gam, bb=0.0, eps=0.0):
        mu = xx.mean(); sd = np.sqrt(((xx - mu) ** 2).mean() + eps)
        return gg * (xx - mu) / sd + bb
    L = lambda xx, eps=0.0: dy @ ln(xx, eps=eps)
    mu = x.mean(); sd = np.sqrt(x.var()); xh = (x - mu) / sd
    dxh = gam * dy
    dx_true = grad(L, x)
    xhr = np.array([-1.3416, -0.4472, 0.4472, 1.3416])
    prods = dxh * xhr
    m1 = 0.125; m2_car = 0.3130                       # author's carried value
    br_car = dxh - m1 - m2_car * xhr
    br_r = np.array([0.4949, -0.1850, -0.0650, -0.2449])
    dx_car = br_r / 2.2361
    def param_grads():
        ok = True
        for _ in range(3):
            xx, gg, bb, up = rand(5), rand(5), rand(5), rand(5)
            f = lambda G, B: up @ ln(xx, G, B)
            mu_ = xx.mean(); xh_ = (xx - mu_) / np.sqrt(xx.var())
            ok &= near(grad(lambda G: f(G, bb), gg), up * xh_) and near(grad(lambda B: f(gg, B), bb), up)
        return ok
    def mu_sigma():
        ok = True
        for _ in range(3):
            xx = rand(5); n = 5; xh_ = (xx - xx.mean()) / np.sqrt(xx.var())
            ok &= near(grad(lambda u: u.mean(), xx), np.full(n, 1 / n))
            ok &= near(grad(lambda u: np.sqrt(u.var()), xx), xh_ / n)
        return ok
    def jac():
        ok = True
        for _ in range(3):
            xx = rand(5); n = 5; s_ = np.sqrt(xx.var()); xh_ = (xx - xx.mean()) / s_
            J = np.stack([grad(lambda u: ((u - u.mean()) / np.sqrt(u.var()))[j], xx) for j in range(n)])   # J[j, i]
            form = (np.eye(n) - 1 / n - np.outer(xh_, xh_) / n) / s_
            ok &= near(J, form.T) and near(form, form.T)
        return ok
    def formula():
        ok = True
        for _ in range(4):
            xx, gg, up = rand(6), rand(6), rand(6); n = 6
            s_ = np.sqrt(xx.var()); xh_ = (xx - xx.mean()) / s_; d = gg * up
            num = grad(lambda u: up @ ln(u, gg), xx)
            ok &= near(num, (d - d.mean() - xh_ * (d * xh_).mean()) / s_)
        return ok
    return [
        ('**Gegeben:** ein einzelnes Sample', GIVEN),
        ('$$\\mu = \\frac{1}{N}', GIVEN, '1 2 1 2'),
        ('Anders als bei BatchNorm', lambda: near(ln(np.array([1.0, 2, 3, 4])), ln(np.array([11.0, 12, 13, 14])))),
        ('**a) Parameter.**', param_grads),
        ('**b) Eingabe.**', mu_sigma, '1'),
        ('$$\\frac{\\partial \\hat x_j}{\\partial x_i}', jac, '1 1 1'),
        ('und nach Summation über $j$', GIVEN),
        ('$$\\frac{\\partial L}{\\partial x_i} = \\frac{1}{\\sigma}', formula, '1 1 1'),
        ('**c) Zahlenbeispiel.**', lambda: E('4', N) and EV(['2', '4', '6', '8'], x) and EV(['1', '0.5', '2', '1'], gam) and E('0', 0) and EV(['0.2', '-0.4', '0.1', '0.3'], dy)),
        ('1. $\\mu = 20/4 = 5$', lambda: E('20', x.sum()) and E('4', N) and E('5', mu)
            and EV(['9', '1', '1', '9'], (x - mu) ** 2) and E('4', N) and E('5', x.var()) and E('5', x.var()) and C('2.2361', sd), '2'),
        ('2. $\\hat x = (x - 5)/2{,}2361', lambda: E('5', mu) and C('2.2361', sd) and CV(['-1.3416', '-0.4472', '0.4472', '1.3416'], xh)),
        ('3. $\\mathrm{d}\\hat x = \\gamma', lambda: EV(['0.2', '-0.2', '0.2', '0.3'], dxh)),
        ('4. $\\frac{1}{N}\\sum_j', lambda: E('0.5', dxh.sum()) and E('4', N) and E('0.125', dxh.mean()), '1'),
        ('5. $\\frac{1}{N}\\sum_j', lambda: CV(['-0.2683', '0.0894', '0.0894', '0.4025'], dxh * xh, prods)
            and C('0.3130', (dxh * xh).mean(), np.round(prods, 4).sum() / N), '1'),
        ('6. Klammer:', lambda: E('0.125', m1) and E('0.3130', m2_car) and CV(['0.4949', '-0.1850', '-0.0650', '-0.2449'], br_car)),
        ('7. $\\partial L/\\partial x \\approx', lambda: CV(['0.4949', '-0.1850', '-0.0650', '-0.2449'], br_r) and C('2.2361', sd)
            and CV(['0.2213', '-0.0827', '-0.0291', '-0.1095'], dx_true, dx_car)),
        ('8. Parameter:', lambda: CV(['-0.2683', '0.1789', '0.0447', '0.4025'], dy * xh)
            and EV(['0.2', '-0.4', '0.1', '0.3'], grad(lambda B: dy @ ln(x, gam, B), np.zeros(4)).round(9))),
        ('**Kontrolle:**', lambda: abs(dx_true.sum()) < 1e-6 and CV(['0.2213', '0.0827', '0.0291', '0.1095'], dx_true * [1, -1, -1, -1], dx_car * [1, -1, -1, -1])
            and C('0', 0.2213 - 0.0827 - 0.0291 - 0.1095) and near(ln(x + 3.7), ln(x))),
        ('**Hinweis:** In PyTorch', lambda: E('4', N) and E('5', x.var())
            and np.max(np.abs(grad(lambda u: L(u, 10.0 ** -5), x) - dx_true)) < 10.0 ** -6, '10 -5 2 10 -6'),
    ]

# ======================================================================= 04
@register('04_rmsnorm_raschka_notes.md')
def f04():
    def rms(xx, gg=None, eps=0.0):
        r = np.sqrt(np.mean(xx ** 2, axis=-1, keepdims=True) + eps)
        return (xx / r) * (1.0 if gg is None else gg)
    x = np.array([1.0, -2, 2, 4]); dy = np.array([0.5, 0, -0.5, 1]); d = 4
    r = np.sqrt(np.mean(x ** 2)); xh = x / r
    dx = grad(lambda u: dy @ rms(u), x)
    dg = grad(lambda G: dy @ rms(x, G), np.ones(4))
    def code():
        R = np.random.default_rng(1); xx = R.standard_normal((2, 3, 8)); w = R.standard_normal(8)
        means = (xx ** 2).mean(axis=-1, keepdims=True)
        return near(xx / np.sqrt(means + 1e-5) * w, rms(xx, w, 1e-5), 1e-12)
    def dr():
        ok = True
        for _ in range(3):
            xx = rand(5); n = 5; rr = np.sqrt(np.mean(xx ** 2))
            ok &= near(grad(lambda u: np.sqrt(np.mean(u ** 2)), xx), xx / (n * rr)) and near(xx / (n * rr), (xx / rr) / n, 1e-12)
        return ok
    def jac():
        ok = True
        for _ in range(3):
            xx = rand(5); n = 5; rr = np.sqrt(np.mean(xx ** 2)); xh_ = xx / rr
            J = np.stack([grad(lambda u: rms(u)[j], xx) for j in range(n)])        # J[j, i]
            f1 = np.eye(n) / rr - np.outer(xx, xx) / (n * rr ** 3)
            f2 = (np.eye(n) - np.outer(xh_, xh_) / n) / rr
            ok &= near(J, f1) and near(f1, f2, 1e-12)
        return ok
    def formula():
        ok = True
        for _ in range(4):
            X = rand(3, 6); gg = rand(6); UP = rand(3, 6); n = 6
            num = grad(lambda u: np.sum(UP * rms(u, gg)), X)
            rr = np.sqrt(np.mean(X ** 2, axis=1, keepdims=True)); xh_ = X / rr; dxh = gg * UP
            ok &= near(num, (dxh - xh_ * (dxh * xh_).mean(axis=1, keepdims=True)) / rr)
            ok &= near(grad(lambda G: np.sum(UP * rms(X, G)), gg), (UP * xh_).sum(axis=0))
        return ok
    def no_mean_term():
        xx, up = rand(6), rand(6); rr = np.sqrt(np.mean(xx ** 2)); xh_ = xx / rr
        g_rms = grad(lambda u: up @ rms(u), xx)
        return near(g_rms, (up - xh_ * np.mean(up * xh_)) / rr) and abs(g_rms.sum()) > 1e-4
    return [
        ('# Notes: GPT → Llama', GIVEN),
        ('**What changes.**', GIVEN, '2019'),
        ('$$\\mathrm{RMS}(\\mathbf{x}) = \\sqrt', GIVEN, '1 2'),
        ('def __init__(self, emb_dim, eps=1e-5)', GIVEN, '1 5'),
        ('means = x.pow(2)', code, '2 -1'),
        ('Params per norm layer', lambda: E('2', 2) and E('2', 2) and E('7', 7) and E('4096', 4096) and E('4096', 4096)
            and E('8192', 2 * 4096)),
        ('**Backward (my own derivation', GIVEN),
        ('- $\\partial r/\\partial x_i', dr),
        ('- $\\partial \\hat{x}_j/\\partial x_i', jac, '3 1'),
        ('so with $\\mathrm{d}\\hat{x}_j = g_j', GIVEN),
        ('$$\\frac{\\partial L}{\\partial x_i} = \\frac{1}{r}', formula, '1 1'),
        ('Compared with LayerNorm the', lambda: no_mean_term(), '1'),
        ('**Toy check**', lambda: E('4', d) and E('0', 0) and E('1', 1) and EV(['1', '-2', '2', '4'], x) and EV(['0.5', '0', '-0.5', '1'], dy)),
        ('- mean of squares', lambda: EV(['1', '4', '4', '16'], x ** 2) and E('4', d) and E('6.25', np.mean(x ** 2))
            and E('2.5', r) and CV(['0.4', '-0.8', '0.8', '1.6'], xh)),
        ('- $\\frac{1}{d}\\sum_j \\mathrm{d}\\hat{x}_j\\hat{x}_j', lambda: CV(['0.2', '0', '0.4', '1.6'], dy * xh * [1, 1, -1, 1]) and E('4', d)
            and C('0.35', np.mean(dy * xh)), '1'),
        ('- bracket:', lambda: C('0.35', np.mean(dy * xh)) and E('0.5', dy[0]) and C('0.14', 0.35 * xh[0]) and E('0', dy[1])
            and C('0.28', -0.35 * xh[1]) and E('-0.5', dy[2]) and C('0.28', 0.35 * xh[2]) and E('1', dy[3]) and C('0.56', 0.35 * xh[3])
            and CV(['0.36', '0.28', '-0.78', '0.44'], dy - 0.35 * xh)),
        ('- $\\partial L/\\partial \\mathbf{x} = (0.36', lambda: CV(['0.36', '0.28', '-0.78', '0.44'], dy - 0.35 * xh) and E('2.5', r)
            and CV(['0.144', '0.112', '-0.312', '0.176'], dx)),
        ('- $\\partial L/\\partial \\mathbf{g}', lambda: CV(['0.2', '0', '-0.4', '1.6'], dg)),
        ('Sanity check: the output', lambda: near(rms(3.7 * x), rms(x)) and abs(dx @ x) < 1e-6 and E('0', 0)
            and E('1', x[0]) and C('0.144', dx[0]) and E('2', -x[1]) and C('0.112', dx[1]) and E('2', x[2]) and C('-0.312', dx[2])
            and E('4', x[3]) and C('0.176', dx[3]) and C('0.144', dx[0]) and C('0.224', -x[1] * dx[1]) and C('0.624', -x[2] * dx[2])
            and C('0.704', x[3] * dx[3]) and C('0', dx @ x) and C('0.12', dx.sum())),
    ]

# ======================================================================= 05
@register('05_silu_derivee_d2l_fr.md', comma=True)
def f05():
    swish = lambda x, b=1.0: x * sig(b * x)
    silu = swish
    dsilu = lambda x: fd(silu, x)
    def dsig():
        return all(abs(fd(sig, t) - sig(t) * (1 - sig(t))) < 1e-8 for t in rand(6, lo=-5, hi=5))
    def dswish():
        ok = True
        for b in (0.5, 1.0, 1.702, 3.0):
            for t in rand(4, lo=-4, hi=4):
                num = fd(lambda u: swish(u, b), t); sb = sig(b * t)
                ok &= abs(num - (sb + t * b * sb * (1 - sb))) < 1e-6 and abs(num - sb * (1 + b * t * (1 - sb))) < 1e-6
        return ok
    def silu_form():
        return all(abs(dsilu(t) - sig(t) * (1 + t * (1 - sig(t)))) < 1e-6 for t in rand(6, lo=-4, hi=4))
    def limits():
        xs = np.array([-3.0, -0.7, 0.4, 2.5])
        ok = near(swish(xs, 1e4), np.maximum(xs, 0), 1e-9)
        ok &= near(swish(xs, 0.0), xs / 2, 1e-15) and all(abs(fd(lambda u: swish(u, 0.0), t) - 0.5) < 1e-8 for t in xs)
        return ok
    # bisection for the minimum
    lo, hi = -2.0, -1.0
    f = lambda x: 1 + x * (1 - sig(x))
    for _ in range(80):
        mid = (lo + hi) / 2
        if f(mid) > 0: hi = mid
        else: lo = mid
    xs_ = (lo + hi) / 2
    def gelu_gap():
        xs = np.linspace(-10, 10, 20001)
        g = np.array([0.5 * t * (1 + math.erf(t / math.sqrt(2))) for t in xs])
        return np.max(np.abs(g - swish(xs, 1.702)))
    return [
        ('**Énoncé.**', GIVEN, '1'),
        ('**Rappel.**', dsig, '1 1 1'),
        ('**Dérivée.** Règle du produit', GIVEN),
        ('$$\\frac{\\mathrm{d}}{\\mathrm{d}x}\\Big[x', dswish, '1 1 1'),
        ('Pour SiLU ($\\beta = 1$)', silu_form, '1 1 1'),
        ('Cas limites :', limits, '0 2 1 2'),
        ('- $x = 0$ :', lambda: E('0', 0) and E('0', 0) and E('0.5', sig(0)) and E('0', 0)
            and E('0.5', sig(0)) and E('1', 1) and E('0', 0 * (1 - sig(0))) and C('0.5', dsilu(0.0))
            and abs((max(1e-7, 0) - 0) / 1e-7 - (0 - max(-1e-7, 0)) / 1e-7) > 0.5 and E('0', 0)),
        ('- $x = 2$ :', lambda: E('2', 2) and E('2', 2) and C('0.8808', sig(2)) and E('2', 2) and C('1.7616', silu(2.0))
            and E('2', 2) and C('0.8808', sig(2)) and E('1', 1) and E('2', 2) and C('0.1192', 1 - sig(2))
            and C('0.8808', sig(2)) and C('1.2384', 1 + 2 * (1 - sig(2))) and C('1.0908', dsilu(2.0), 0.8808 * 1.2384)
            and dsilu(2.0) > 1 and E('1', 1) and E('1', fd(lambda u: max(u, 0), 2.0))),
        ('- $x = -1$ :', lambda: E('-1', -1) and E('-1', -1) and C('0.2689', sig(-1)) and E('-1', -1) and C('-0.2689', silu(-1.0))
            and E('-1', -1) and C('0.2689', sig(-1)) and E('1', 1) and C('0.7311', 1 - sig(-1))
            and C('0.4655', dsilu(-1.0))),
        ('Donc en $x = -1$', lambda: E('-1', -1) and C('47', 100 * dsilu(-1.0), 100 * 0.4655)
            and E('0', fd(lambda u: max(u, 0), -1.0))),
        ('**Minimum de SiLU.**', lambda: abs(dsilu(xs_) - sig(xs_) * f(xs_)) < 1e-6 and E('0', 0) and E('1', 1) and E('1', 1) and E('0', 0)
            and E('-2', -2) and E('-1', -1) and f(-2.0) < 0 < f(-1.0)
            and C('-1.2785', xs_) and abs(dsilu(xs_)) < 1e-6
            and E('1', 1) and E('-1', -1) and abs((1 - sig(xs_)) + 1 / xs_) < 1e-9
            and E('1', 1) and E('1', 1) and abs(sig(xs_) - (1 + 1 / xs_)) < 1e-9
            and E('1', 1) and abs(silu(xs_) - (xs_ + 1)) < 1e-9 and C('-0.2785', silu(xs_))
            and abs(silu(xs_) - min(silu(t) for t in np.linspace(-5, 3, 80001))) < 1e-8),
        ('Pour $x < x^\\star$', lambda: all(dsilu(t) < 0 for t in np.linspace(-8, xs_ - 1e-3, 200))
            and all(dsilu(t) > 0 for t in np.linspace(xs_ + 1e-3, 8, 200))),
        ('**Remarque.** GELU', lambda: E('1.702', 1.702) and E('1.702', 1.702) and C('0.02', gelu_gap())),
    ]

# ======================================================================= 06
@register('06_residual_block_micrograd.md')
def f06():
    relu = lambda z: max(z, 0.0)
    x, w1, w2 = 2.0, 0.5, -1.2
    Fb = lambda xx, a=w1, b=w2: b * relu(a * xx)
    yf = lambda xx, a=w1, b=w2: xx + Fb(xx, a, b)
    Lf = lambda xx, a=w1, b=w2: yf(xx, a, b) ** 2
    u = w1 * x; h = relu(u); F = w2 * h; y = x + F; L = y * y
    gy = fd(lambda t: t * t, y)
    gF = fd(lambda t: (x + t) ** 2, F)
    gw2 = fd(lambda b: Lf(x, w1, b), w2)
    gh = fd(lambda t: (x + w2 * t) ** 2, h)
    gu = fd(lambda t: (x + w2 * relu(t)) ** 2, u)
    gw1 = fd(lambda a: Lf(x, a, w2), w1)
    skip = fd(lambda t: (t + Fb(x)) ** 2, x)                  # only through the skip
    branch = fd(lambda t: (x + Fb(t)) ** 2, x)                # only through F
    gx = fd(Lf, x)
    def plus_rule():
        return all(near(grad(lambda v: (v[0] + v[1]) * c, np.array([a, b])), [c, c]) for a, b, c in rand(4, 3))
    def local():
        ok = True
        for a, b, t in rand(5, 3):
            if abs(a * t) < 1e-3: continue
            ok &= abs(fd(lambda s: yf(s, a, b), t) - (1 + fd(lambda s: Fb(s, a, b), t))) < 1e-6
        return ok
    return [
        ('Rule from the lecture:', plus_rule),
        ('So locally $\\frac{dy}{dx} = 1 + F\'(x)$', lambda: local() and E('1', 1), '1'),
        ('Tiny block, everything a scalar', lambda: E('2.0', x) and E('0.5', w1) and E('-1.2', w2), '2'),
        ('x = Value(2.0); w1 = Value(0.5)', lambda: E('2.0', x) and E('0.5', w1) and E('-1.2', w2)),
        ('u = w1 * x; h = u.relu()', lambda: abs(u * 1 - w1 * x) < 1e-15),
        ('- $u = 0.5 \\cdot 2.0 = 1.0$', lambda: E('0.5', w1) and E('2.0', x) and E('1.0', u) and E('1.0', u) and E('1.0', h)
            and E('-1.2', w2) and E('1.0', h) and C('-1.2', F)),
        ('- $y = 2.0 + (-1.2) = 0.8$', lambda: E('2.0', x) and E('-1.2', F) and C('0.8', y) and E('0.8', 0.8) and C('0.64', L), '2'),
        ('Backward, filling in `.grad`', GIVEN),
        ('- `L.grad = 1`', lambda: E('1', 1) and E('2', 2) and C('1.6', gy)),
        ('- the `+` node:', lambda: C('1.6', gF) and C('1.6', skip)),
        ('- `w2.grad` $= h', lambda: C('1.6', gF) and C('1.6', gw2) and C('1.6', gF) and C('-1.92', gh)),
        ('- relu lets it through', lambda: u > 0 and E('0', 0) and C('-1.92', gu)),
        ('- `w1.grad` $= x', lambda: C('-1.92', gu) and C('-3.84', gw1) and C('-1.92', gu) and C('-0.96', branch)),
        ('- total: `x.grad`', lambda: C('1.6', skip) and C('-0.96', branch) and C('0.64', gx)),
        ('This is exactly why `_backward`', lambda: C('-0.96', branch) and C('1.6', skip) and abs(skip + branch - gx) < 1e-6),
        ('Check with the formula:', lambda: abs(gx - 2 * y * (1 + w2 * w1)) < 1e-6 and E('2', 2) and E('1', 1) and C('1.6', 2 * y)
            and E('1', 1) and C('0.6', -w2 * w1) and C('0.64', gx)),
        ('Numerical check like in the lecture', lambda: E('0.001', 0.001) and E('2.001', x + 0.001)
            and E('2.001', 2.001) and E('1.2', -w2) and E('1.0005', w1 * 2.001) and E('2', 2)
            and C('0.8004', yf(2.001)) and E('2', 2) and C('0.64064016', Lf(2.001))
            and C('0.64064016', Lf(2.001)) and C('0.64', L) and E('0.001', 0.001) and C('0.64016', (Lf(2.001) - L) / 0.001)
            and C('0.64', gx)),
        ('**Why this matters for deep nets.**', lambda: E('10', 10) and E('0.05', 0.05) and E('0.05', 0.05) and E('10', 10)
            and C('9.8', 0.05 ** 10 / 1e-14) and E('10', 10) and E('-14', -14) and E('1', 1) and E('1.05', 1.05) and E('10', 10)
            and C('1.63', 1.05 ** 10)
            and abs(fd(lambda t: [t := t + 0.05 * t for _ in range(10)][-1], 0.3) - 1.05 ** 10) < 1e-6),
    ]

# ======================================================================= 07
@register('07_gru_gate_grad_zh.md')
def f07():
    X = 1.0
    P0 = dict(wxz=1.0, whz=-2.0, wxr=0.5, whr=1.0, wxh=1.0, whh=2.0, hp=0.5)
    def gru(p, X=X):
        z = sig(X * p['wxz'] + p['hp'] * p['whz']); r = sig(X * p['wxr'] + p['hp'] * p['whr'])
        ht = np.tanh(X * p['wxh'] + r * p['hp'] * p['whh'])
        return z * p['hp'] + (1 - z) * ht
    def d(key, p=P0):
        return fd(lambda t: gru({**p, key: t}), p[key])
    p = P0; az = X * p['wxz'] + p['hp'] * p['whz']; z = sig(az); ar_ = X * p['wxr'] + p['hp'] * p['whr']; r = sig(ar_)
    ah = X * p['wxh'] + r * p['hp'] * p['whh']; ht = np.tanh(ah); H = z * p['hp'] + (1 - z) * ht
    # true gradients wrt pre-activations (upstream dL/dH = 1)
    def gru_pre(az_=None, ah_=None, ar__=None):
        zz = sig(az if az_ is None else az_); rr = sig(ar_ if ar__ is None else ar__)
        aa = X * p['wxh'] + rr * p['hp'] * p['whh'] if ah_ is None else ah_
        return zz * p['hp'] + (1 - zz) * np.tanh(aa)
    daz = fd(lambda t: gru_pre(az_=t), az); dah = fd(lambda t: gru_pre(ah_=t), ah); dar = fd(lambda t: gru_pre(ar__=t), ar_)
    def rand_params():
        return dict(wxz=rand(), whz=rand(), wxr=rand(), whr=rand(), wxh=rand(), whh=rand(), hp=rand(lo=-1, hi=1))
    def step1():
        ok = True
        for _ in range(4):
            q = rand_params(); xx = rand()
            zz = sig(xx * q['wxz'] + q['hp'] * q['whz'])
            rr = sig(xx * q['wxr'] + q['hp'] * q['whr']); hh = np.tanh(xx * q['wxh'] + rr * q['hp'] * q['whh'])
            fz = lambda t: t * q['hp'] + (1 - t) * hh
            ok &= abs(fd(fz, zz) - (q['hp'] - hh)) < 1e-7
            fa = lambda t: sig(t) * q['hp'] + (1 - sig(t)) * hh
            ok &= abs(fd(fa, xx * q['wxz'] + q['hp'] * q['whz']) - (q['hp'] - hh) * zz * (1 - zz)) < 1e-7
        return ok
    def step2():
        ok = True
        for _ in range(4):
            zz, hh, w, hp_, a, rr = rand(lo=0.05, hi=0.95), rand(lo=-0.9, hi=0.9), rand(), rand(), rand(), rand(lo=0.1, hi=0.9)
            ok &= abs(fd(lambda t: zz * hp_ + (1 - zz) * t, hh) - (1 - zz)) < 1e-7
            ok &= abs(fd(np.tanh, a) - (1 - np.tanh(a) ** 2)) < 1e-7
            ok &= abs(fd(lambda t: 0.3 + t * hp_ * w, rr) - w * hp_) < 1e-7
            ok &= abs(fd(sig, a) - sig(a) * (1 - sig(a))) < 1e-7
        return ok
    def step3():
        ok = True
        for _ in range(5):
            q = rand_params(); xx = rand()
            zz = sig(xx * q['wxz'] + q['hp'] * q['whz']); rr = sig(xx * q['wxr'] + q['hp'] * q['whr'])
            hh = np.tanh(xx * q['wxh'] + rr * q['hp'] * q['whh'])
            form = (zz + (1 - zz) * (1 - hh ** 2) * q['whh'] * rr + (q['hp'] - hh) * zz * (1 - zz) * q['whz']
                    + (1 - zz) * (1 - hh ** 2) * q['whh'] * q['hp'] * rr * (1 - rr) * q['whr'])
            ok &= abs(fd(lambda t: gru({**q, 'hp': t}, xx), q['hp']) - form) < 1e-6
        return ok
    dhp = d('hp')
    return [
        ('沿用书中的记号', lambda: E('1', 1) and E('0', 0)),
        ('R_t &= \\sigma(X_t W_{xr}', GIVEN),
        ('\\tilde H_t &= \\tanh', GIVEN, '1'),
        ('**1. 更新门。**', step1, '1 1'),
        ('**2. 候选状态和重置门。**', step2, '2 1 1 2 1'),
        ('**3. 对上一步隐状态的总梯度**', GIVEN, '3'),
        ('$$\\frac{\\partial H_t}{\\partial H_{t-1}} = Z_t', step3, '1 1 2 1 1 1 2 1'),
        ('**数值例子。**', lambda: E('1', X) and E('0.5', p['hp']) and E('1', p['wxz']) and E('-2', p['whz']) and E('0.5', p['wxr'])
            and E('1', p['whr']) and E('1', p['wxh']) and E('2', p['whh']) and E('1', 1)),
        ('- $a_z = 1 - 2', lambda: E('1', X * p['wxz']) and E('2', -p['whz']) and E('0.5', p['hp']) and E('0', az) and E('0.5', z)),
        ('- $a_r = 0.5 + 0.5 = 1$', lambda: E('0.5', X * p['wxr']) and E('0.5', p['hp'] * p['whr']) and E('1', ar_) and E('1', ar_) and C('0.7311', r)),
        ('- $a_h = 1 + 2', lambda: E('1', X * p['wxh']) and E('2', p['whh']) and C('0.7311', r) and E('0.5', p['hp'])
            and C('1.7311', ah) and C('1.7311', ah) and C('0.9392', ht)),
        ('- $H_t = 0.5 \\times 0.5', lambda: E('0.5', z) and E('0.5', p['hp']) and E('0.5', 1 - z) and C('0.9392', ht) and C('0.7196', H)),
        ('- $\\partial L/\\partial a_z', lambda: E('0.5', p['hp']) and C('0.9392', ht) and E('0.5', z) and E('0.5', 1 - z)
            and C('-0.4392', p['hp'] - ht) and E('0.25', z * (1 - z)) and C('-0.1098', daz) and C('-0.1098', d('wxz'))
            and C('-0.1098', daz) and E('0.5', p['hp']) and C('-0.0549', d('whz'))),
        ('- $\\partial L/\\partial a_h', lambda: E('1', 1) and E('0.5', z) and E('1', 1) and C('0.9392', ht) and E('2', 2)
            and E('0.5', 1 - z) and C('0.1179', 1 - ht ** 2, 1 - 0.9392 ** 2) and C('0.0590', dah) and C('0.0590', d('wxh'))
            and C('0.0590', dah) and C('0.7311', r) and E('0.5', p['hp']) and C('0.0216', d('whh'), 0.0590 * 0.7311 * 0.5)),
        ('- $\\partial L/\\partial a_r', lambda: C('0.0590', dah) and E('2', p['whh']) and E('0.5', p['hp']) and C('0.7311', r)
            and C('0.2689', 1 - r) and C('0.0590', dah) and C('0.1966', r * (1 - r)) and C('0.0116', dar) and C('0.0116', d('wxr'))
            and C('0.0116', dar) and E('0.5', p['hp']) and C('0.0058', d('whr'))),
        ('- $\\partial L/\\partial H_{t-1} \\approx', lambda: E('0.5', z) and C('0.0590', dah) and E('2', p['whh']) and C('0.7311', r)
            and C('-0.1098', daz) and E('-2', p['whz']) and C('0.0116', dar) and E('1', p['whr'])
            and E('0.5', z) and C('0.0863', dah * p['whh'] * r, 0.0590 * 2 * 0.7311) and C('0.2196', daz * p['whz'], 0.1098 * 2)
            and C('0.0116', dar * p['whr']) and C('0.8175', dhp, 0.5 + 0.0863 + 0.2196 + 0.0116)),
        ('用中心差分', lambda: C('0.8174', dhp) and C('0.0001', 0.8175 - dhp) and abs(0.8175 - dhp) < 1e-3, '10 -6'),
        ('可以看到直接路径', lambda: E('0.5', z) and z / dhp > 0.5 and abs(fd(lambda t: gru({**P0, 'hp': t, 'wxz': 50.0}), 0.5) - 1) < 1e-6, '1'),
    ]

# ======================================================================= 08
@register('08_label_smoothing_es.md')
def f08():
    K, eps = 4, 0.1; z = np.array([2.0, 1.0, 0.5, -1.0]); y = 0
    q = (1 - eps) * np.eye(K)[y] + eps / K
    p = softmax(z)
    Lf = lambda zz, qq=q: -np.sum(qq * np.log(softmax(zz)))
    g = grad(Lf, z)
    g_car = np.array([-0.3155, 0.1992, 0.1010, 0.0053])
    def logp():
        ok = True
        for _ in range(3):
            zz = rand(5); pp = softmax(zz)
            for k in range(5):
                ok &= near(grad(lambda u: np.log(softmax(u))[k], zz), np.eye(5)[k] - pp)
        return ok
    def gradform():
        ok = True
        for _ in range(5):
            KK = 5; e = RNG.uniform(0, 0.5); yy = int(RNG.integers(0, KK)); zz = rand(KK)
            qq = (1 - e) * np.eye(KK)[yy] + e / KK; pp = softmax(zz)
            ok &= near(grad(lambda u: Lf(u, qq), zz), pp - qq) and abs(qq.sum() - 1) < 1e-12
            ok &= near(-qq + pp * qq.sum(), pp - qq, 1e-12) and abs((pp - qq).sum()) < 1e-12
        return ok
    def opt_gap():
        # minimiser of the smoothed loss: p = q, gap log(q_y/q_k)
        zz = np.log(q); zz = zz - zz[0]
        return near(grad(Lf, zz), np.zeros(K)) and all(abs((zz[0] - zz[k]) - np.log(37)) < 1e-12 for k in range(1, K))
    def onehot_inf():
        oh = np.eye(K)[y]
        vals = [Lf(np.array([t, 0, 0, 0.0]), oh) for t in (5, 10, 20, 40)]
        return all(np.diff(vals) < 0) and vals[-1] < 1e-15 + 4e-17 * 0 + 1e-12
    return [
        ('**Planteamiento.**', lambda: E('0', 0) and E('1', 1)),
        ('$$q_k = (1-\\varepsilon)', GIVEN, '1 1'),
        ('**(a) Gradiente respecto a los logits.**', logp, '1'),
        ('$$\\frac{\\partial L}{\\partial z_i} = -\\sum_k', gradform, '1'),
        ('porque $\\sum_k q_k', lambda: gradform() and E('1', 1) and E('1', q.sum()) and E('0', 0)),
        ('**(b) Caso numérico.**', lambda: E('4', K) and E('0.1', eps) and E('1', y + 1) and EV(['2.0', '1.0', '0.5', '-1.0'], z)),
        ('1. Objetivo:', lambda: E('0.025', eps / K) and E('0.9', 1 - eps) and E('0.025', eps / K)
            and EV(['0.025', '0.025', '0.025'], q[1:]) and EV(['0.925', '0.025', '0.025', '0.025'], q)),
        ('2. Exponenciales:', lambda: CV(['7.3891', '2.7183', '1.6487', '0.3679'], np.exp(z))
            and C('12.1240', np.exp(z).sum(), 7.3891 + 2.7183 + 1.6487 + 0.3679)),
        ('3. Probabilidades:', lambda: CV(['0.6095', '0.2242', '0.1360', '0.0303'], p)),
        ('4. Pérdida:', lambda: E('0.925', q[0]) and C('0.4952', -np.log(p[0])) and E('0.025', q[1])
            and CV(['1.4952', '1.9952', '3.4952'], -np.log(p[1:])) and C('0.4581', -q[0] * np.log(p[0]), 0.925 * 0.4952)
            and C('0.1746', -np.sum(q[1:] * np.log(p[1:])), 0.025 * (1.4952 + 1.9952 + 3.4952)) and C('0.6327', Lf(z))),
        ('5. Gradiente:', lambda: C('0.6095', p[0]) and E('0.925', q[0]) and C('0.2242', p[1]) and E('0.025', q[1])
            and C('0.1360', p[2]) and E('0.025', q[2]) and C('0.0303', p[3]) and E('0.025', q[3])
            and CV(['-0.3155', '0.1992', '0.1010', '0.0053'], g)),
        ('6. Un paso de descenso', lambda: E('1', 1) and CV(['2.3155', '0.8008', '0.3990', '-1.0053'], z - g, z - g_car)),
        ('Comparación con el one-hot', lambda: E('0', 0) and C('0.6095', p[0]) and E('1', 1)
            and C('-0.3905', grad(lambda u: Lf(u, np.eye(K)[y]), z)[0]) and C('-0.3155', g[0])),
        ('**(c) ¿Dónde se anula el gradiente?**', lambda: opt_gap()),
        ('$$z_y - z_k = \\log\\frac{q_y}{q_k}', lambda: opt_gap() and E('0.925', q[0]) and E('0.025', q[1]) and E('37', q[0] / q[1])
            and C('3.61', np.log(37))),
        ('Con $\\varepsilon = 0$ el óptimo', lambda: onehot_inf() and E('0', 0)),
    ]

# ======================================================================= 09
@register('09_xavier_he_init_ja.md')
def f09():
    R = np.random.default_rng(9)
    def fwd_var():
        n, s2, g2 = 64, 0.03, 2.0
        W = R.normal(0, np.sqrt(s2), (20000, n)); X = R.normal(0, np.sqrt(g2), (20000, n))
        o = np.sum(W * X, axis=1)
        return abs(o.mean()) < 0.05 and abs(o.var() / (n * s2 * g2) - 1) < 0.03
    def bwd_var():
        nout, s2 = 48, 0.02
        W = R.normal(0, np.sqrt(s2), (20000, nout)); G = R.normal(0, 1.0, (20000, nout))
        return abs(np.sum(W * G, axis=1).var() / (nout * s2) - 1) < 0.03
    def relu_moment():
        z = R.normal(0, 1.7, 400000)
        return abs(np.mean(np.maximum(z, 0) ** 2) / z.var() - 0.5) < 0.01
    def he_rec():
        n = 200; x = R.standard_normal((3000, n)) * 1.3
        W = R.normal(0, np.sqrt(2 / n), (n, n))
        z = np.maximum(x, 0) @ W
        return abs(z.var() / (n * (2 / n) * 0.5 * x.var()) - 1) < 0.05 and abs(z.var() / x.var() - 1) < 0.05
    def code_run():
        rg = np.random.default_rng(1); x = rg.standard_normal((3000, 512))
        for _ in range(10):
            x = np.maximum(0, x @ (rg.standard_normal((512, 512)) * np.sqrt(1 / 512)))
        return (x ** 2).mean()
    m = code_run()
    sd_he = np.sqrt(2 / 512)
    return [
        ('全結合層 $o_i', lambda: E('0', 0) and E('2', 2) and E('0', 0) and E('2', 2), '*'),
        ('- 順伝播：', lambda: fwd_var() and E('0', 0) and E('2', 2) and E('2', 2) and E('2', 2) and E('2', 2) and E('1', 1), '2'),
        ('- 逆伝播：', lambda: bwd_var() and E('2', 2) and E('1', 1)),
        ('- 両方は（', lambda: E('1', 1) and E('2', 2) and E('1', 1) and E('2', 2) and E('2', 2)
            and abs(0.5 * (256 + 128) * (2 / (256 + 128)) - 1) < 1e-12, '2'),
        ('一様分布 $U(-a, a)$ の分散', lambda: abs(np.var(R.uniform(-0.7, 0.7, 400000)) / (0.49 / 3) - 1) < 0.01
            and E('2', 2) and E('3', 3) and E('6', 6) and abs(np.sqrt(6 / 10) ** 2 / 3 - 2 / 10) < 1e-12),
        ('数値例（$n_\\mathrm{in} = 256$', lambda: E('256', 256) and E('128', 128)),
        ('- $\\sigma^2 = 2/384', lambda: E('2', 2) and E('2', 2) and E('384', 256 + 128) and C('0.005208', 2 / 384) and C('0.07217', np.sqrt(2 / 384))),
        ('- $a = \\sqrt{6/384}', lambda: E('6', 6) and E('384', 384) and E('0.015625', 6 / 384) and E('0.125', np.sqrt(6 / 384))
            and E('0.125', 0.125) and E('2', 2) and E('3', 3) and C('0.005208', 0.125 ** 2 / 3)),
        ('$z$ の分布が $0$ について対称', lambda: relu_moment() and E('0', 0) and E('0', 0) and E('2', 2) and E('1', 1) and E('2', 2)),
        ('したがって $\\mathrm{Var}[z^{(l+1)}]', lambda: he_rec() and E('1', 1) and E('2', 2) and E('2', 2), '1 2 2'),
        ('数値例（$n_\\mathrm{in} = 512$', lambda: E('512', 512)),
        ('- $\\sigma^2 = 2/512', lambda: E('2', 2) and E('2', 2) and E('512', 512) and E('0.00390625', 2 / 512)
            and E('2', 2) and E('512', 512) and C('0.0442', sd_he)),
        ('- 一様分布版の上限', lambda: E('3', 3) and C('1.7321', np.sqrt(3)) and C('0.0442', sd_he, np.sqrt(1 / 512)) and C('0.0766', np.sqrt(3) * sd_he, 1.7321 * 0.0442)),
        ('逆に ReLU のネットワークで', lambda: E('2', 2) and E('1', 1) and E('1', 1) and E('2', 2) and E('10', 10)
            and E('1', 1) and E('2', 2) and E('10', 10) and E('1', 1) and E('1024', 2 ** 10) and C('0.000977', 2 ** -10)
            and abs(m / 2 ** -10 - 1) < 0.15),
        ('# 確認用', lambda: E('10', 10)),
        ('x = np.random.randn(10000, 512)', lambda: E('10000', 10000) and E('512', 512)),
        ('for _ in range(10):', lambda: E('10', 10)),
        ('x = np.maximum(0, x @', lambda: E('0', 0) and E('512', 512) and E('512', 512) and E('1', 1) and E('512', 512)),
        ('print((x ** 2).mean())', lambda: E('2', 2) and C('0.001', m)),
    ]

# ======================================================================= 10
@register('10_dropout_scaling_ru.md', comma=True)
def f10():
    p = 0.2; h = np.array([1.0, 2.0, -0.5, 3.0]); m = np.array([1.0, 0, 1, 1]); g = np.array([0.4, -1.0, 0.8, 0.2])
    drop = lambda hh, mm, pp=p: mm * hh / (1 - pp)
    ht = drop(h, m); dh = grad(lambda u: g @ drop(u, m), h)
    def moments(pp, hv):
        vals = np.array([drop(hv, 1.0, pp), drop(hv, 0.0, pp)]); pr = np.array([1 - pp, pp])
        mean = pr @ vals; var = pr @ (vals - mean) ** 2; m2 = pr @ vals ** 2
        return mean, var, m2
    def mean_ok():
        return all(abs(moments(pp, hv)[0] - hv) < 1e-12 for pp in (0.1, 0.3, 0.5) for hv in (1.7, -0.4))
    def classic():
        # without 1/(1-p): E = (1-p) h, so test activations must be scaled by (1-p)
        pp, hv = 0.3, 1.7
        return abs(((1 - pp) * hv + pp * 0) - (1 - pp) * hv) < 1e-12 and abs(moments(pp, hv)[0] - hv) < 1e-12
    def var_ok():
        ok = True
        for pp in (0.1, 0.3, 0.5):
            for hv in (1.7, -0.4):
                mean, var, m2 = moments(pp, hv)
                ok &= abs(m2 - (1 - pp) * hv ** 2 / (1 - pp) ** 2) < 1e-12 and abs(m2 - hv ** 2 / (1 - pp)) < 1e-12
                ok &= abs(var - (hv ** 2 / (1 - pp) - hv ** 2)) < 1e-12 and abs(var - pp / (1 - pp) * hv ** 2) < 1e-12
        return ok and all((mm ** 2 == mm) for mm in (0.0, 1.0))
    def bwd_ok():
        ok = True
        for _ in range(3):
            mm = (RNG.uniform(size=5) > 0.3).astype(float); hh, gg = rand(5), rand(5); pp = 0.3
            ok &= near(grad(lambda u: gg @ drop(u, mm, pp), hh), mm / (1 - pp) * gg)
        return ok
    R = np.random.default_rng(10)
    mc = drop(2.0, (R.uniform(size=100000) > p).astype(float))
    return [
        ('# ДЗ 3, задача 4', lambda: E('1', 1) and E('1', 1), '3 4'),
        ('**Условие.**', GIVEN, '1 1'),
        ('**1. Среднее.**', lambda: E('1', 1) and all(abs(np.mean((R.uniform(size=200000) > pp)) - (1 - pp)) < 0.005 for pp in (0.2, 0.5)), '1'),
        ('$$\\mathbb{E}[\\tilde h_i] = ', mean_ok, '1 1 1'),
        ('В среднем выход слоя', classic, '1 1'),
        ('**2. Дисперсия.**', var_ok, '2 2 2 1 1 2 2 1 2'),
        ('$$\\mathrm{Var}[\\tilde h_i] = ', var_ok, '2 1 2 1 2'),
        ('**3. Обратный проход.**', bwd_ok, '3'),
        ('$$\\frac{\\partial L}{\\partial h_i} = \\frac{m_i}{1-p}', bwd_ok, '1'),
        ('т. е. градиент проходит только', lambda: all(dh[m == 0] == 0)),
        ('**4. Числа.**', lambda: E('0.2', p) and EV(['1.0', '2.0', '-0.5', '3.0'], h) and EV(['1', '0', '1', '1'], m)
            and EV(['0.4', '-1.0', '0.8', '0.2'], g), '4'),
        ('- множитель:', lambda: E('1', 1) and E('1', 1) and E('1', 1) and E('0.8', 1 - p) and E('1.25', 1 / (1 - p))),
        ('- прямой проход:', lambda: E('1.25', 1 / (1 - p)) and EV(['1.0', '0', '-0.5', '3.0'], m * h)
            and EV(['1.25', '0', '-0.625', '3.75'], ht)),
        ('- обратный проход:', lambda: E('1.25', 1 / (1 - p)) and EV(['0.4', '0', '0.8', '0.2'], m * g)
            and CV(['0.5', '0', '1.0', '0.25'], dh)),
        ('- для второго нейрона', lambda: E('2.0', h[1]) and E('0.8', 1 - p) and E('2.5', drop(h[1], 1.0)) and E('0.2', p) and E('0', 0)
            and C('2.0', moments(p, h[1])[0]) and E('0.2', p) and E('0.8', 1 - p) and E('4', h[1] ** 2)
            and C('1.0', moments(p, h[1])[1])),
        ('**5. Проверка Монте-Карло**', lambda: E('100000', 100000) and E('2', 2) and C('2.00', mc.mean(), 2.0)
            and C('1.00', mc.var(), 1.0) and abs(mc.mean() - 2) < 0.02 and abs(mc.var() - 1) < 0.03, '5 4'),
        ('Замечание: среднее сохраняется', lambda: moments(p, 2.0)[1] > 0),
    ]

# ======================================================================= 11
@register('11_embedding_grad_makemore.md')
def f11():
    Xb = np.array([[0, 1, 1], [1, 2, 0]]); V, n_embd = 4, 2
    demb = np.array([[[0.1, -0.2], [0.3, 0.0], [-0.5, 0.4]], [[0.2, 0.1], [-0.1, 0.6], [0.05, -0.3]]])
    C0 = RNG.normal(size=(V, n_embd)); G = demb
    Lf = lambda Cm: np.sum(G * Cm[Xb])            # any loss whose upstream gradient at emb is demb
    dC = grad(Lf, C0)
    dC_car = dC.copy(); dC_car[1] = [-0.2, 0.4]
    def loop():
        out = np.zeros_like(C0)
        for k in range(Xb.shape[0]):
            for j in range(Xb.shape[1]):
                out[Xb[k, j]] += demb[k, j]
        return out
    def formula():
        ok = True
        for _ in range(3):
            X = RNG.integers(0, 5, size=(4, 3)); Cm = rand(5, 2); Gm = rand(4, 3, 2)
            num = grad(lambda c: np.sum(Gm * c[X]), Cm)
            form = np.stack([sum(Gm[k, j] * (X[k, j] == v) for k in range(4) for j in range(3)) for v in range(5)])
            ok &= near(num, form)
        return ok
    def reshape_ok():
        e = rand(2, 3, 2); return near(e.reshape(2, -1).reshape(e.shape), e, 0)
    def fancy_bug():
        bad = np.zeros_like(C0); bad[Xb] += demb
        good = np.zeros_like(C0); np.add.at(good, Xb.reshape(-1), demb.reshape(-1, n_embd))
        return (not near(bad, loop())) and near(good, loop(), 1e-12)
    Crow = np.array([0.5, -0.3])
    return [
        ('# makemore pt. 4 — backprop through', lambda: near(C0[Xb], np.stack([[C0[Xb[k, j]] for j in range(3)] for k in range(2)]), 0), '4'),
        ('emb = C[Xb]  ', lambda: C0[Xb].shape == (2, 3, 2) and E('27', 27)),
        ('embcat = emb.view(emb.shape[0], -1)', lambda: E('0', 0) and E('-1', -1) and C0[Xb].reshape(2, -1).shape == (2, 6)),
        ('`dembcat` → `demb`', reshape_ok),
        ('Every `emb[k, j]` is a *copy*', formula),
        ('$$\\frac{\\partial L}{\\partial C_{v,:}}', formula, '1'),
        ('dC = torch.zeros_like(C)', lambda: near(loop(), dC)),
        ('for k in range(Xb.shape[0]):', lambda: E('0', 0)),
        ('for j in range(Xb.shape[1]):', lambda: E('1', 1)),
        ('ix = Xb[k, j]', GIVEN),
        ('dC[ix] += demb[k, j]', lambda: near(loop(), dC)),
        ('**Toy example to convince myself.**', lambda: EV(['0', '1', '2', '3'], range(4)) and E('2', n_embd) and E('3', Xb.shape[1])
            and E('2', Xb.shape[0])),
        ('- `Xb = [[0, 1, 1], [1, 2, 0]]`', lambda: EV(['0', '1', '1', '1', '2', '0'], Xb)),
        ('- `demb[0] = ', lambda: E('0', 0) and EV(['0.1', '-0.2', '0.3', '0.0', '-0.5', '0.4'], demb[0])),
        ('- `demb[1] = ', lambda: E('1', 1) and EV(['0.2', '0.1', '-0.1', '0.6', '0.05', '-0.3'], demb[1])),
        ('Collecting per character:', GIVEN),
        ("- `'.'` (index 0)", lambda: E('0', 0) and [tuple(t) for t in np.argwhere(Xb == 0)] == [(0, 0), (1, 2)]
            and EV(['0', '0', '1', '2'], [0, 0, 1, 2]) and E('0', 0)
            and EV(['0.1', '-0.2'], demb[0, 0]) and EV(['0.05', '-0.3'], demb[1, 2]) and CV(['0.15', '-0.5'], dC[0])),
        ("- `'a'` (index 1)", lambda: E('1', 1) and EV(['0', '1', '0', '2'], [0, 1, 0, 2]) and E('1', 1)
            and EV(['0.3', '0.0'], demb[0, 1]) and EV(['-0.5', '0.4'], demb[0, 2]) and CV(['-0.2', '0.4'], dC[1])
            and [tuple(t) for t in np.argwhere(Xb == 1)] == [(0, 1), (0, 2)]),
        ("- `'b'` (index 2)", lambda: E('2', 2) and [tuple(t) for t in np.argwhere(Xb == 2)] == [(1, 1)]
            and EV(['1', '1'], [1, 1]) and E('2', 2) and CV(['-0.1', '0.6'], dC[2])),
        ("- `'c'` (index 3)", lambda: E('3', 3) and not (Xb == 3).any() and E('3', 3) and CV(['0', '0'], dC[3])),
        ('SGD step on the', lambda: E('0.1', 0.1) and E('1', 1) and EV(['0.5', '-0.3'], Crow) and E('1', 1) and E('0.1', 0.1) and E('1', 1)
            and E('0.5', Crow[0]) and C('0.02', -0.1 * dC[1][0], -0.1 * dC_car[1][0])
            and E('-0.3', Crow[1]) and C('0.04', 0.1 * dC[1][1], 0.1 * dC_car[1][1])
            and CV(['0.52', '-0.34'], Crow - 0.1 * dC[1], Crow - 0.1 * dC_car[1])),
        ('Note to self: `dC[Xb] += demb`', lambda: fancy_bug() and E('0', 0) and E('-1', -1) and E('-1', -1)),
    ]

# ======================================================================= 12
@register('12_rnn_bptt_pt.md', comma=True)
def f12():
    w, u = 0.8, 1.0; xs = [1.0, 0.5]; y = 1.0
    def run(w_, u_, h0=0.0):
        h = h0; hs = [h]
        for x in xs:
            h = np.tanh(w_ * h + u_ * x); hs.append(h)
        return hs
    Lf = lambda w_, u_: 0.5 * (run(w_, u_)[-1] - y) ** 2
    h0, h1, h2 = run(w, u); a2 = w * h1 + u * xs[1]
    dw = fd(lambda t: Lf(t, u), w); du = fd(lambda t: Lf(w, t), u)
    # true deltas via perturbing pre-activations
    L_a2 = lambda a: 0.5 * (np.tanh(a) - y) ** 2
    d2 = fd(L_a2, a2)
    L_h1 = lambda hh: L_a2(w * hh + u * xs[1]); dh1 = fd(L_h1, h1)
    d1 = fd(lambda a: L_h1(np.tanh(a)), u * xs[0])
    def sums():
        ok = True
        for _ in range(3):
            ww, uu = rand(), rand(); X = rand(4); yy = rand()
            def fwd(ww_, uu_):
                h = 0.0; H = [h]; A = []
                for x in X:
                    A.append(ww_ * h + uu_ * x); h = np.tanh(A[-1]); H.append(h)
                return H, A
            H, A = fwd(ww, uu)
            Lw = lambda t: 0.5 * (fwd(t, uu)[0][-1] - yy) ** 2
            Lu = lambda t: 0.5 * (fwd(ww, t)[0][-1] - yy) ** 2
            # deltas by recursion
            dh = H[-1] - yy; deltas = [0.0] * 4
            for t in range(3, -1, -1):
                deltas[t] = dh * (1 - H[t + 1] ** 2); dh = ww * deltas[t]
            ok &= abs(fd(Lw, ww) - sum(deltas[t] * H[t] for t in range(4))) < 1e-6
            ok &= abs(fd(Lu, uu) - sum(deltas[t] * X[t] for t in range(4))) < 1e-6
        return ok
    def recursion():
        ok = True
        for _ in range(4):
            ww, a, g = rand(), rand(), rand()
            ok &= abs(fd(lambda t: g * np.tanh(t), a) - g * (1 - np.tanh(a) ** 2)) < 1e-7
            hprev = rand(); x = rand(); uu = rand()
            ok &= abs(fd(lambda t: g * (ww * t + uu * x), hprev) - ww * g) < 1e-7
        return ok
    return [
        ('**Enunciado.**', lambda: E('0', h0) and E('1', xs[0]) and E('0.5', xs[1]) and E('0.8', w) and E('1', u)
            and E('1', 1) and E('2', 2) and E('2', 2) and E('1', y)),
        ('**Ideia.**', GIVEN),
        ('$$\\frac{\\partial L}{\\partial w} = \\sum_{t}', sums),
        ('onde $a_t = w\\,h_{t-1}', GIVEN),
        ('$$\\delta_t = \\frac{\\partial L}{\\partial h_t}', recursion, '1 2 1'),
        ('- $a_1 = 1 \\cdot 1 = 1$', lambda: E('1', u) and E('1', xs[0]) and E('1', u * xs[0]) and E('1', 1) and C('0.7616', h1)),
        ('- $a_2 = 0,8', lambda: E('0.8', w) and C('0.7616', h1) and E('1', u) and E('0.5', xs[1]) and C('1.1093', a2)
            and C('1.1093', a2) and C('0.8038', h2)),
        ('- $L = \\frac{1}{2}(0,8038', lambda: E('1', 1) and E('2', 2) and C('0.8038', h2) and E('1', y) and E('2', 2)
            and C('0.0192', Lf(w, u))),
        ('- $\\partial L/\\partial h_2 = h_2 - y', lambda: C('-0.1962', fd(lambda t: 0.5 * (t - y) ** 2, h2))),
        ('- $\\delta_2 = -0,1962', lambda: C('-0.1962', h2 - y) and E('1', 1) and C('0.8038', h2) and E('2', 2) and C('-0.1962', h2 - y)
            and C('0.3539', 1 - h2 ** 2, 1 - 0.8038 ** 2) and C('-0.0694', d2, -0.1962 * 0.3539)),
        ('- $\\partial L/\\partial h_1 = w\\,\\delta_2', lambda: E('0.8', w) and C('-0.0694', d2) and C('-0.0555', dh1, 0.8 * -0.0694)),
        ('- $\\delta_1 = -0,0555', lambda: C('-0.0555', dh1) and E('1', 1) and C('0.7616', h1) and E('2', 2) and C('-0.0555', dh1)
            and C('0.4200', 1 - h1 ** 2) and C('-0.0233', d1, -0.0555 * 0.4200)),
        ('- $\\partial L/\\partial w = \\delta_2 h_1', lambda: abs(dw - (d2 * h1 + d1 * h0)) < 1e-6 and C('-0.0694', d2) and C('0.7616', h1)
            and E('0', d1 * h0) and C('-0.0529', dw, -0.0694 * 0.7616)),
        ('- $\\partial L/\\partial u = \\delta_2 x_2', lambda: abs(du - (d2 * xs[1] + d1 * xs[0])) < 1e-6 and C('-0.0694', d2)
            and E('0.5', xs[1]) and C('-0.0233', d1) and E('1', xs[0]) and C('-0.0347', d2 * xs[1], -0.0694 * 0.5)
            and C('0.0233', -d1 * xs[0]) and C('-0.0580', du, -0.0347 - 0.0233)),
        ('**Conferência numérica**', lambda: C('-0.0529', (Lf(w + 1e-4, u) - Lf(w - 1e-4, u)) / 2e-4)
            and C('-0.0580', (Lf(w, u + 1e-4) - Lf(w, u - 1e-4)) / 2e-4), '10 -4'),
        ('**Comentário.**', lambda: abs(d1 / d2 - w * (1 - h1 ** 2)) < 1e-6
            and E('1', 1) and E('2', 2) and E('0.8', w) and C('0.4200', 1 - h1 ** 2) and C('0.336', w * (1 - h1 ** 2), 0.8 * 0.4200)
            and E('1', 1) and E('2', 2) and C('-0.0233', d1 * xs[0]) and C('-0.0347', d2 * xs[1]) and abs(d1 * xs[0]) < abs(d2 * xs[1])),
    ]

# ======================================================================= 13
@register('13_temperature_softmax_raschka.md')
def f13():
    z = np.array([2.0, 1.0, 0.0]); y = np.eye(3)[0]
    P = {T: softmax(z / T) for T in (0.5, 1.0, 2.0)}
    Lf = lambda zz, T: -np.sum(y * np.log(softmax(zz / T)))
    G = {T: grad(lambda u: Lf(u, T), z) for T in (0.5, 2.0)}
    Gc = {T: P[T] - y for T in (0.5, 2.0)}                         # the author's carried formula
    def code():
        return near(softmax(z / 0.7), np.exp(z / 0.7) / np.exp(z / 0.7).sum())
    def limits():
        zz = np.array([0.3, 1.2, -0.5, 1.0])
        ent = lambda q: -np.sum(q * np.log(q))
        return (ent(softmax(zz / 2)) > ent(softmax(zz)) > ent(softmax(zz / 0.5))
                and softmax(zz / 0.01).argmax() == zz.argmax() and softmax(zz / 0.01).max() > 0.999)
    def jac_u():
        ok = True
        for _ in range(3):
            uu = rand(4); pp = softmax(uu)
            J = np.stack([grad(lambda v: softmax(v)[i], uu) for i in range(4)])
            ok &= near(J, pp[:, None] * (np.eye(4) - pp[None, :]))
        return ok
    def jac_z():
        ok = True
        for T in (0.5, 2.0, 3.0):
            zz = rand(4); pp = softmax(zz / T)
            J = np.stack([grad(lambda v: softmax(v / T)[i], zz) for i in range(4)])
            ok &= near(J, pp[:, None] * (np.eye(4) - pp[None, :]) / T) and abs(fd(lambda t: t / T, 0.3) - 1 / T) < 1e-9
        return ok
    def dLdp():
        pp = softmax(rand(3))
        return near(grad(lambda q: -np.sum(y * np.log(q)), pp), -y / pp)
    def ce_T():
        ok = True
        for T in (0.5, 2.0, 3.0):
            zz = rand(3)
            ok &= near(grad(lambda u: Lf(u, T), zz), softmax(zz / T) - y)
        return ok
    return [
        ('**Book recap.**', GIVEN),
        ('return torch.softmax(scaled_logits, dim=0)', lambda: code() and E('0', 0)),
        ('$T > 1$ flattens', lambda: limits() and E('1', 1) and E('1', 1) and E('0', 0)),
        ('Toy logits instead of the 9-token', lambda: E('9', 9) and EV(['2', '1', '0'], z)),
        ('| $T$ | $z/T$ |', GIVEN),
        ('| 0.5 | (4, 2, 0)', lambda: E('0.5', 0.5) and EV(['4', '2', '0'], z / 0.5) and CV(['0.8668', '0.1173', '0.0159'], P[0.5])),
        ('| 1 | (2, 1, 0)', lambda: E('1', 1) and EV(['2', '1', '0'], z / 1) and CV(['0.6652', '0.2447', '0.0900'], P[1.0])),
        ('| 2 | (1, 0.5, 0)', lambda: E('2', 2) and EV(['1', '0.5', '0'], z / 2) and CV(['0.5065', '0.3072', '0.1863'], P[2.0])),
        ('Ratios between tokens are', lambda: all(abs(P[T][0] / P[T][1] - np.exp((z[0] - z[1]) / T)) < 1e-12 for T in P)
            and E('1', 1) and E('2', 2) and E('2', (z[0] - z[1]) / 0.5) and C('7.39', np.exp(2)) and E('0.5', 0.5)
            and E('0.5', (z[0] - z[1]) / 2) and C('1.65', np.exp(0.5)) and E('2', 2)
            and C('0.8668', P[0.5][0]) and C('0.1173', P[0.5][1]) and C('7.39', 0.8668 / 0.1173)
            and C('0.5065', P[2.0][0]) and C('0.3072', P[2.0][1]) and C('1.65', 0.5065 / 0.3072)),
        ('**Detour: the gradient.**', GIVEN),
        ('- the usual softmax Jacobian in $u$', jac_u),
        ('- inner derivative', lambda: jac_z() and E('1', 1) and E('1', 1)),
        ('For cross-entropy $L = -\\sum_k', dLdp),
        ('$$\\frac{\\partial L}{\\partial z} = p - y .$$', ce_T),
        ('Numbers, target = token 1', lambda: E('1', 1) and EV(['1', '0', '0'], y)),
        ('- $T = 2$:', lambda: E('2', 2) and C('0.5065', P[2.0][0]) and E('1', 1) and C('0.3072', P[2.0][1]) and C('0.1863', P[2.0][2])
            and CV(['-0.4935', '0.3072', '0.1863'], G[2.0], Gc[2.0])),
        ('- $T = 0.5$:', lambda: E('0.5', 0.5) and C('0.8668', P[0.5][0]) and E('1', 1) and C('0.1173', P[0.5][1]) and C('0.0159', P[0.5][2])
            and CV(['-0.1332', '0.1173', '0.0159'], G[0.5], Gc[0.5])),
        ('So the gradient on the correct logit is almost 4', lambda: E('4', 4) and E('2', 2) and E('0.5', 0.5)
            and C('0.4935', -G[2.0][0], -Gc[2.0][0]) and C('0.1332', -G[0.5][0], -Gc[0.5][0])
            and C('3.7', G[2.0][0] / G[0.5][0], Gc[2.0][0] / Gc[0.5][0])),
        ('Sanity check that always holds', lambda: abs(G[2.0].sum()) < 1e-6 and C('-0.4935', G[2.0][0], Gc[2.0][0])
            and C('0.3072', G[2.0][1], Gc[2.0][1]) and C('0.1863', G[2.0][2], Gc[2.0][2]) and C('0', -0.4935 + 0.3072 + 0.1863)
            and near(softmax((z + 1.3) / 2), P[2.0])),
    ]

# ======================================================================= 14
@register('14_mlp_221_by_hand_micrograd.md')
def f14():
    W1 = np.array([[0.5, -0.3], [0.2, 0.4]]); b1 = np.array([0.1, -0.1]); x = np.array([2.0, 1.0])
    W2 = np.array([1.0, -0.5]); b2 = 0.2; y = 1.0
    def fwd(W1_=W1, b1_=b1, W2_=W2, b2_=b2):
        return W2_ @ np.tanh(W1_ @ x + b1_) + b2_
    Lf = lambda **kw: (fwd(**kw) - y) ** 2
    a = W1 @ x + b1; h = np.tanh(a); yh = fwd(); L = Lf()
    hr = np.array([0.6640, 0.6044]); yhr = 0.5618
    dyh = 2 * (yh - y); dyr = 2 * (yhr - y)
    dW2 = grad(lambda w: Lf(W2_=w), W2); db2 = fd(lambda t: Lf(b2_=t), b2)
    dh = grad(lambda hh: (W2 @ hh + b2 - y) ** 2, h)
    da = grad(lambda aa: (W2 @ np.tanh(aa) + b2 - y) ** 2, a)
    dW1 = grad(lambda w: Lf(W1_=w), W1); db1 = grad(lambda b: Lf(b1_=b), b1)
    dar = np.array([-0.4900, 0.2781])
    dW1_car = np.outer(x, dar)                               # the author's (transposed) matrix
    return [
        ('After the lecture I wanted', lambda: E('2', 2) and E('2', 2) and E('1', 1)),
        ('$$\\mathbf{a} = W_1\\mathbf{x} + \\mathbf{b}_1', GIVEN, '2'),
        ('Shapes: $W_1$ is $2\\times 2$', lambda: W1.shape == (2, 2) and W2.reshape(1, -1).shape == (1, 2)
            and E('2', 2) and E('2', 2) and E('1', 1) and E('2', 2)),
        ('Numbers: $\\mathbf{x} = (2.0, 1.0)$', lambda: EV(['2.0', '1.0'], x) and E('1.0', y) and EV(['0.5', '-0.3', '0.2', '0.4'], W1)
            and EV(['0.1', '-0.1'], b1) and EV(['1.0', '-0.5'], W2) and E('0.2', b2)),
        ('- $\\mathbf{a} = (0.5\\cdot 2', lambda: E('0.5', W1[0, 0]) and E('2', x[0]) and E('0.3', -W1[0, 1]) and E('1', x[1]) and E('0.1', b1[0])
            and E('0.2', W1[1, 0]) and E('2', x[0]) and E('0.4', W1[1, 1]) and E('1', x[1]) and E('0.1', -b1[1]) and CV(['0.8', '0.7'], a)),
        ('- $\\mathbf{h} = (\\tanh 0.8', lambda: CV(['0.8', '0.7'], a) and CV(['0.6640', '0.6044'], h)),
        ('- $\\hat y = 0.6640', lambda: C('0.6640', h[0]) and E('0.5', -W2[1]) and C('0.6044', h[1]) and E('0.2', b2)
            and C('0.6640', h[0]) and C('0.3022', -W2[1] * h[1]) and E('0.2', b2) and C('0.5618', yh, hr[0] - 0.5 * hr[1] + 0.2)),
        ('- $L = (0.5618 - 1)^2', lambda: C('0.5618', yh, yhr) and E('1', y) and E('2', 2) and C('0.4382', y - yh, y - yhr) and E('2', 2) and C('0.1920', L, (y - yhr) ** 2)),
        ('**Backward** (from the top', GIVEN),
        ('- $\\partial L/\\partial \\hat y = 2(\\hat y - y)', lambda: abs(fd(lambda t: (t - y) ** 2, yh) - dyh) < 1e-6 and E('2', 2)
            and C('-0.8764', dyh, dyr)),
        ('- $\\partial L/\\partial W_2 = ', lambda: near(dW2, dyh * h) and CV(['-0.5819', '-0.5297'], dW2, dyr * hr) and C('-0.8764', db2, dyr)),
        ('- $\\partial L/\\partial \\mathbf{h} = W_2^\\top', lambda: near(dh, W2 * dyh) and CV(['-0.8764', '0.4382'], dh, W2 * dyr)),
        ('- through tanh:', lambda: E('1', 1) and E('2', 2) and CV(['0.5591', '0.6347'], 1 - h ** 2)
            and C('-0.8764', dh[0], dyr) and C('0.5591', 1 - h[0] ** 2) and C('0.4382', dh[1], -0.5 * dyr) and C('0.6347', 1 - h[1] ** 2)
            and CV(['-0.4900', '0.2781'], da, np.array([-0.8764 * 0.5591, 0.4382 * 0.6347]))),
        ('- $\\partial L/\\partial W_1 = \\mathbf{x}', lambda: EV(['2.0', '1.0'], x) and CV(['-0.4900', '0.2781'], da, dar)
            and CV(['-0.9800', '0.5562', '-0.4900', '0.2781'], dW1, np.outer(dar, x)) and near(dW1, np.outer(x, da))),
        ('- $\\partial L/\\partial \\mathbf{b}_1 = \\boldsymbol\\delta', lambda: CV(['-0.4900', '0.2781'], db1, dar)),
        ('**One SGD step**', lambda: E('0.1', 0.1) and E('-0.1', -0.1)),
        ('$$W_1 \\leftarrow W_1 - 0.1', lambda: E('0.1', 0.1)
            and CV(['0.5980', '-0.3556', '0.2490', '0.3722'], W1 - 0.1 * dW1, W1 - 0.1 * dW1_car)
            and CV(['1.0582', '-0.4470'], W2 - 0.1 * dW2, W2 - 0.1 * dyr * hr) and C('0.2876', b2 - 0.1 * db2, b2 - 0.1 * dyr)),
        ('and $\\mathbf{b}_1 \\leftarrow (0.1490', lambda: CV(['0.1490', '-0.1278'], b1 - 0.1 * db1, b1 - 0.1 * dar)),
    ]

# ======================================================================= 15
@register('15_param_count_pset.md')
def f15():
    d, nh, V, ctx = 768, 12, 50257, 1024
    dh = d // nh
    n = lambda *shapes: int(sum(np.prod(s) for s in shapes))
    heads = n(*[(d, dh)] * (3 * nh)) + n(*[(dh,)] * (3 * nh))          # per-head Q,K,V weights + biases
    qkv = n((d, 3 * d), (3 * d,))
    outp = n((d, d), (d,))
    fc1 = n((d, 4 * d), (4 * d,)); fc2 = n((4 * d, d), (d,))
    lns = n((d,), (d,), (d,), (d,))
    block = qkv + outp + fc1 + fc2 + lns
    tok = n((V, d)); pos = n((ctx, d)); lnf = n((d,), (d,))
    total = 12 * block + tok + pos + lnf
    conv = n((128, 64, 3, 3), (128,)); dw = n((64, 1, 3, 3), (64,)); pw = n((128, 64, 1, 1), (128,))
    return [
        ('**Setup.**', lambda: E('2', 2) and E('768', d) and E('12', nh) and E('4', 4) and E('3072', 4 * d)),
        ('**(a) Multi-head attention.**', lambda: E('64', dh) and heads == qkv),
        ('- Q, K, V projections:', lambda: E('3', 3) and E('2', 2) and E('3', 3) and E('589824', d * d) and E('768', d) and E('1771776', qkv)),
        ('- output projection $W^O$', lambda: E('2', 2) and E('590592', outp)),
        ('- attention total:', lambda: E('1771776', qkv) and E('590592', outp) and E('2362368', qkv + outp)),
        ('**(b) MLP**', lambda: E('4', 4)),
        ('- first layer:', lambda: E('4', 4) and E('4', 4) and E('2359296', d * 4 * d) and E('3072', 4 * d) and E('2362368', fc1)),
        ('- second layer:', lambda: E('4', 4) and E('2359296', 4 * d * d) and E('768', d) and E('2360064', fc2)),
        ('- MLP total:', lambda: E('4722432', fc1 + fc2)),
        ('**(c) LayerNorms.**', lambda: E('2', 2) and E('2', 2) and E('3072', lns)),
        ('**(d) Block total.**', lambda: E('2362368', qkv + outp) and E('4722432', fc1 + fc2) and E('3072', lns) and E('7087872', block)
            and E('4', 4) and E('2', 2) and E('4', 4) and (4 * d * d + 4 * d) == qkv + outp
            and E('8', 8) and E('2', 2) and E('5', 5) and (8 * d * d + 5 * d) == fc1 + fc2 and E('4', 4) and 4 * d == lns
            and E('12', 12) and E('2', 2) and E('13', 13) and 12 * d * d + 13 * d == block
            and E('12', 12) and E('768', d) and E('2', 2) and E('13', 13) and E('768', d)
            and E('7077888', 12 * d * d) and E('9984', 13 * d) and E('7087872', block)),
        ('Whole model, for the "124M"', lambda: E('124', round(total / 1e6)) and E('12', 12) and E('7087872', block) and E('85054464', 12 * block)
            and E('50257', V) and E('768', d) and E('38597376', tok) and E('1024', ctx) and E('768', d) and E('786432', pos)
            and E('2', 2) and E('768', d) and E('1536', lnf) and E('124439808', total)),
        ('`nn.Conv2d(64, 128, kernel_size=3, padding=1)`', lambda: E('64', 64) and E('128', 128) and E('3', 3) and E('1', 1)),
        ('- weights: $C_{\\text{out}}', lambda: E('128', 128) and E('64', 64) and E('3', 3) and E('3', 3) and E('73728', n((128, 64, 3, 3)))),
        ('- biases: $128$', lambda: E('128', 128) and E('73856', conv)),
        ('- depthwise-separable replacement', lambda: E('64', 64) and E('3', 3) and E('3', 3) and E('64', 64) and E('640', dw)
            and E('64', 64) and E('128', 128) and E('128', 128) and E('8320', pw) and E('8960', dw + pw) and C('8.2', conv / (dw + pw))),
        ('Common mistakes in submissions', lambda: E('12', n(*[(d, d)] * nh) // n((d, d)))),
    ]

# ======================================================================= 16
@register('16_lstm_cell_grad_pset.md')
def f16():
    P0 = dict(af=1.0, ai=0.0, ag=0.5, ao=2.0, cp=0.3)
    dh, dcn = 1.0, 0.2
    def cell(p):
        f, i, g, o = sig(p['af']), sig(p['ai']), np.tanh(p['ag']), sig(p['ao'])
        c = f * p['cp'] + i * g
        return c, o * np.tanh(c)
    # loss consistent with the givens: L = dh * h_t + dcn * c_t  (the future path sees c_t linearly at this point)
    Lp = lambda p: dh * cell(p)[1] + dcn * cell(p)[0]
    d = lambda k, p=P0: fd(lambda t: Lp({**p, k: t}), p[k])
    f, i, g, o = sig(1.0), sig(0.0), np.tanh(0.5), sig(2.0); c, h = cell(P0); tc = np.tanh(c)
    dc = fd(lambda t: dh * o * np.tanh(t) + dcn * t, c)
    def symbolic():
        ok = True
        for _ in range(5):
            p = dict(af=rand(), ai=rand(), ag=rand(), ao=rand(), cp=rand())
            up_h, up_c = rand(), rand()
            L = lambda q: up_h * cell(q)[1] + up_c * cell(q)[0]
            dd = lambda k: fd(lambda t: L({**p, k: t}), p[k])
            ff, ii, gg, oo = sig(p['af']), sig(p['ai']), np.tanh(p['ag']), sig(p['ao'])
            cc = ff * p['cp'] + ii * gg; t = np.tanh(cc)
            dcc = up_h * oo * (1 - t ** 2) + up_c
            ok &= abs(fd(lambda s: up_h * oo * np.tanh(s) + up_c * s, cc) - dcc) < 1e-6
            ok &= abs(dd('ao') - up_h * t * oo * (1 - oo)) < 1e-6
            ok &= abs(dd('af') - dcc * p['cp'] * ff * (1 - ff)) < 1e-6
            ok &= abs(dd('ai') - dcc * gg * ii * (1 - ii)) < 1e-6 and abs(dd('ag') - dcc * ii * (1 - gg ** 2)) < 1e-6
            ok &= abs(dd('cp') - dcc * ff) < 1e-6
        return ok
    S = symbolic()
    return [
        ('**Model.** With gate pre-activations', GIVEN),
        ('$$f_t = \\sigma(a_f)', GIVEN),
        ('We are given $\\delta h_t', GIVEN, '1'),
        ('**(a) Symbolic.**', GIVEN),
        ('1. Cell: $\\delta c_t', lambda: S, '1 2'),
        ('2. Output gate:', lambda: S, '1'),
        ('3. Forget gate:', lambda: S, '1'),
        ('4. Input gate and candidate:', lambda: S, '1 1 2'),
        ('5. Previous cell:', lambda: S),
        ('Item 5 is the point', lambda: S and all(abs(fd(lambda t: sig(40.0) * t + 0.3, 0.7) - 1) < 1e-9 for _ in [0])
            and E('5', 5) and E('1', 1)),
        ('**(b) Numeric.**', lambda: E('1', P0['af']) and E('0', P0['ai']) and E('0.5', P0['ag']) and E('2', P0['ao'])
            and E('0.3', P0['cp']) and E('1', dh) and E('0.2', dcn)),
        ('- $f_t = \\sigma(1)', lambda: E('1', 1) and C('0.7311', f) and E('0', 0) and E('0.5', i) and E('0.5', 0.5) and C('0.4621', g)
            and E('2', 2) and C('0.8808', o)),
        ('- $c_t = 0.7311', lambda: C('0.7311', f) and E('0.3', P0['cp']) and E('0.5', i) and C('0.4621', g)
            and C('0.2193', f * 0.3) and C('0.2311', i * g) and C('0.4504', c, 0.2193 + 0.2311)),
        ('- $\\tanh(c_t) \\approx 0.4222$', lambda: C('0.4222', tc) and C('0.8808', o) and C('0.4222', tc) and C('0.3719', h)),
        ('- $\\delta c_t = 1 \\cdot 0.8808', lambda: E('1', dh) and C('0.8808', o) and E('1', 1) and C('0.4222', tc) and E('2', 2) and E('0.2', dcn)
            and C('0.8808', o) and C('0.8217', 1 - tc ** 2) and E('0.2', dcn) and C('0.7238', o * (1 - tc ** 2), 0.8808 * 0.8217)
            and E('0.2', dcn) and C('0.9238', dc, 0.7238 + 0.2)),
        ('- $\\delta a_o = 0.4222', lambda: C('0.4222', tc) and C('0.8808', o) and C('0.1192', 1 - o) and C('0.4222', tc)
            and C('0.1050', o * (1 - o)) and C('0.0443', d('ao'), 0.4222 * 0.1050)),
        ('- $\\delta a_f = 0.9238', lambda: C('0.9238', dc) and E('0.3', P0['cp']) and C('0.1966', f * (1 - f)) and C('0.2771', dc * 0.3)
            and C('0.1966', f * (1 - f)) and C('0.0545', d('af'), 0.2771 * 0.1966)),
        ('- $\\delta a_i = 0.9238', lambda: C('0.9238', dc) and C('0.4621', g) and E('0.25', i * (1 - i)) and C('0.4269', dc * g, 0.9238 * 0.4621)
            and E('0.25', i * (1 - i)) and C('0.1067', d('ai'), 0.4269 * 0.25)),
        ('- $\\delta a_g = 0.9238', lambda: C('0.9238', dc) and E('0.5', i) and E('1', 1) and C('0.4621', g) and E('2', 2)
            and C('0.4619', dc * i, 0.9238 * 0.5) and C('0.7865', 1 - g ** 2, 1 - 0.4621 ** 2) and C('0.3633', d('ag'), 0.4619 * 0.7865)),
        ('- $\\delta c_{t-1} = 0.9238', lambda: C('0.9238', dc) and C('0.7311', f) and C('0.6754', d('cp'), 0.9238 * 0.7311)),
        ('Grading note:', lambda: all(abs(fd(lambda t: dh * cell({**P0, k: t})[1], P0[k]) / d(k) - o * (1 - tc ** 2) / dc) < 1e-6
                                      for k in ('af', 'ai', 'ag', 'cp'))
            and abs(fd(lambda t: dh * cell({**P0, 'ao': t})[1], 2.0) - d('ao')) < 1e-9 and E('1', 1) and C('0.7238', o * (1 - tc ** 2)) and E('22', round(100 * (1 - o * (1 - tc ** 2) / dc)))
            and abs(fd(np.tanh, 0.45) - (1 - np.tanh(0.45))) > 0.1 and E('1', 1)),
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
        ok = (ff == exp) and not probs and 20 <= n <= 45
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
