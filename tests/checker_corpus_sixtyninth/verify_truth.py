#!/usr/bin/env python3
"""Independent NumPy check of corpus69 (the transformer block by hand).

For every file: an ordered list of checks (unique substring of one line,
predicate, declared structural tokens).  Every line that contains math
(LaTeX, inline code, code with a relation sign and a digit, Unicode math
symbols) must be covered.  Givens / definitions are GIVEN.  Worked numbers are
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
RNG = np.random.default_rng(69)

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

def R(shown, val, rel):
    """'about' claims: shown within a relative tolerance rel of val."""
    _LITS.append(shown)
    v, _ = _num(shown)
    return abs(v - float(val)) <= rel * abs(float(val))

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

def softmax(z):
    z = np.asarray(z, float); e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)

def shape_of_matmul(a, b):
    """shape of a @ b, or None if the product is not defined"""
    try:
        return (np.zeros(a) @ np.zeros(b)).shape
    except ValueError:
        return None

class Flops:
    """counts 2*m*k*n FLOPs for every matmul it performs"""
    def __init__(self):
        self.n = 0
    def mm(self, a, b):
        self.n += 2 * a.shape[0] * a.shape[1] * b.shape[1]
        return a @ b

FILES = {}
def register(name, comma=False):
    def deco(fn):
        FILES[name] = (fn, comma)
        return fn
    return deco

# ======================================================================= 01
def attn_fwd(Q, K, V):
    return softmax(Q @ K.T / np.sqrt(Q.shape[1])) @ V

@register('01_sdpa_backward_cs224n.md')
def f01():
    def rand_case(n=3, m=3, dk=4, dv=2):
        return rand(n, dk), rand(m, dk), rand(m, dv), rand(n, dv)
    def fwd_shapes():
        Q, K, V, _ = rand_case(5, 5, 4, 3)
        S = Q @ K.T / 2.0; P = softmax(S); O = P @ V
        return S.shape == (5, 5) and P.shape == (5, 5) and O.shape == (5, 3) and near(P.sum(1), np.ones(5)) and (P > 0).all()
    def step1():
        ok = True
        for _ in range(3):
            P = softmax(rand(3, 3)); V = rand(3, 2); G = rand(3, 2)
            ok &= near(grad(lambda Vx: np.sum(G * (P @ Vx)), V), P.T @ G)
            ok &= near(grad(lambda Px: np.sum(G * (Px @ V)), P), G @ V.T)
            ok &= (P.T @ G).shape == (3, 2) and (G @ V.T).shape == (3, 3)
        return ok
    def jac_row():
        ok = True
        for _ in range(3):
            s = rand(4); p = softmax(s)
            J = np.stack([grad(lambda u: softmax(u)[j], s) for j in range(4)])   # J[j, k]
            ok &= near(J, p[:, None] * (np.eye(4) - p[None, :]))
        return ok
    def step2():
        ok = True
        for _ in range(3):
            S = rand(3, 4); Pb = rand(3, 4); P = softmax(S)
            num = grad(lambda u: np.sum(Pb * softmax(u)), S)
            ok &= near(num, P * (Pb - (P * Pb).sum(1, keepdims=True)))
        return ok
    def step2_matrix():
        ok = True
        for _ in range(3):
            S = rand(4, 4); Pb = rand(4, 4); P = softmax(S); one = np.ones((4, 1))
            num = grad(lambda u: np.sum(Pb * softmax(u)), S)
            ok &= near(num, P * (Pb - ((P * Pb) @ one) @ one.T))
        return ok
    def step3():
        ok = True
        for dk in (1, 4, 9):
            Q, K, V, G = rand_case(3, 3, dk, 2)
            Sb = rand(3, 3)
            f = lambda Qx, Kx: np.sum(Sb * (Qx @ Kx.T / np.sqrt(dk)))
            ok &= near(grad(lambda u: f(u, K), Q), Sb @ K / np.sqrt(dk))
            ok &= near(grad(lambda u: f(Q, u), K), Sb.T @ Q / np.sqrt(dk))
        # and the whole chain on the full layer
        Q, K, V, G = rand_case(3, 3, 4, 2)
        L = lambda Qx, Kx, Vx: np.sum(G * attn_fwd(Qx, Kx, Vx))
        P = softmax(Q @ K.T / 2); Pb = G @ V.T; Sb = P * (Pb - (P * Pb).sum(1, keepdims=True))
        ok &= near(grad(lambda u: L(u, K, V), Q), Sb @ K / 2) and near(grad(lambda u: L(Q, u, V), K), Sb.T @ Q / 2)
        ok &= near(grad(lambda u: L(Q, K, u), V), P.T @ G)
        return ok
    def shapes():
        n, dk, dv = 5, 3, 2
        return (shape_of_matmul((n, n), (n, dk)) == (n, dk) and shape_of_matmul((n, n), (n, dk)) == (n, dk)
                and shape_of_matmul((n, n), (n, dv)) == (n, dv))
    def rowsum():
        S = rand(4, 4); P = softmax(S); Pb = rand(4, 4)
        Sb = grad(lambda u: np.sum(Pb * softmax(u)), S)
        return (near(Sb.sum(1), np.zeros(4)) and near(softmax(S + rand(4, 1) * 3), P, 1e-12)
                and E('0', 0))
    def asym():
        Q, K, V, G = rand_case(3, 3, 4, 2)
        P = softmax(Q @ K.T / 2); Pb = G @ V.T; Sb = P * (Pb - (P * Pb).sum(1, keepdims=True))
        gK = grad(lambda u: np.sum(G * attn_fwd(Q, u, V)), K)
        # key k collects from column k of Sb
        return near(gK[1], Sb[:, 1] @ Q / 2) and not near(Sb, Sb.T, 1e-3)
    def flops():
        n, dk, dv = 7, 4, 3
        Q, K, V, G = rand(n, dk), rand(n, dk), rand(n, dv), rand(n, dv)
        F = Flops(); S = F.mm(Q, K.T); P = softmax(S / 2); O = F.mm(P, V); fwd = F.n
        B = Flops(); Pb = B.mm(G, V.T); Vb = B.mm(P.T, G)
        c_pb, c_vb = B.n, 0
        Sb = P * (Pb - (P * Pb).sum(1, keepdims=True))
        B2 = Flops(); Qb = B2.mm(Sb, K); a = B2.n; Kb = B2.mm(Sb.T, Q); b = B2.n - a
        return (E('2', 2) and fwd == 2 * n * n * dk + 2 * n * n * dv and E('2', 2) and E('2', 2)
                and c_pb == 2 * (2 * n * n * dv) and E('2', 2) and a == b == 2 * n * n * dk and E('2', 2)
                and E('4', 4) and E('4', 4) and B.n + B2.n == 4 * n * n * dv + 4 * n * n * dk == 2 * fwd)
    def cross():
        n, m, dk, dv = 3, 5, 4, 2
        Q, K, V, G = rand(n, dk), rand(m, dk), rand(m, dv), rand(n, dv)
        S = Q @ K.T / 2; gK = grad(lambda u: np.sum(G * attn_fwd(Q, u, V)), K)
        P = softmax(S); Pb = G @ V.T; Sb = P * (Pb - (P * Pb).sum(1, keepdims=True))
        return S.shape == (n, m) and gK.shape == (m, dk) and near(gK, Sb.T @ Q / 2)
    def gradcheck_setup():
        return E('3', 3) and E('4', 4) and E('2', 2) and step3()
    return [
        ('*Scribe notes. Row convention', GIVEN),
        ('**Setup.** Let $n$ be the number', GIVEN),
        ('$$S = \\frac{QK^\\top}{\\sqrt{d_k}}, \\qquad P', GIVEN),
        ('So $S$ and $P$ are $n\\times n$', fwd_shapes),
        ('**Backward pass.** Write', GIVEN),
        ('*Step 1 — through $O = PV$.*', GIVEN, '1'),
        ('$$\\bar V = P^\\top \\bar O', step1),
        ('*Step 2 — through the row softmax.*', jac_row, '2'),
        ('$$\\bar S_{ik} = \\sum_j', step2),
        ('In matrix form, with $\\circ$', GIVEN, '1'),
        ('$$\\bar S = P \\circ', step2_matrix, '1 1'),
        ('*Step 3 — through', GIVEN, '3'),
        ('$$\\bar Q = \\frac{1}{\\sqrt{d_k}}', step3, '1 1'),
        ('**Shape check**', shapes),
        ('- Every row of $\\bar S$ sums to zero', rowsum),
        ('- The transposes are not symmetric', asym),
        ('**Where the time goes.**', flops, '2 2 2 2 2 2'),
        ('**Cross-attention.**', cross),
        ('*Exercise for section:*', gradcheck_setup, '1 3'),
    ]

# ======================================================================= 02
@register('02_sqrt_dk_variance_zhihu.md')
def f02():
    R = np.random.default_rng(2); N = 400000
    sigm = lambda t: 1 / (1 + np.exp(-t))
    def mc_term(var):
        q = R.normal(0, np.sqrt(var), N); k = R.normal(0, np.sqrt(var), N)
        return (q * k).mean(), (q * k).var()
    def mc_dot(dk, var=1.0, n=50000):
        q = R.normal(0, np.sqrt(var), (n, dk)); k = R.normal(0, np.sqrt(var), (n, dk))
        return np.sum(q * k, axis=1)
    m1, v1 = mc_term(1.0)
    dot64 = mc_dot(64)
    def jac():
        ok = True
        for _ in range(3):
            s = rand(4); p = softmax(s)
            J = np.stack([grad(lambda u: softmax(u)[i], s) for i in range(4)])
            ok &= near(J, p[:, None] * (np.eye(4) - p[None, :]))
        for dl in (-1.3, 0.4, 2.0):
            s = np.array([dl + 0.7, 0.7]); p = softmax(s)
            ok &= abs(p[0] - sigm(dl)) < 1e-12 and abs(fd(lambda t: softmax(np.array([t, 0.7]))[0], s[0]) - p[0] * (1 - p[0])) < 1e-8
        return ok and E('1', 1)
    p8 = sigm(8.0); p1 = sigm(1.0)
    def ln_wq():
        d = 256; x = R.standard_normal((4000, d)); x = (x - x.mean(1, keepdims=True)) / x.std(1, keepdims=True)
        W = R.normal(0, np.sqrt(1 / d), (d, d)); q = x @ W
        return abs(q.var() - 1) < 0.15 and E('1', 1)
    def uniform_ish():
        s = mc_dot(64, n=20000) / 64                     # std 1/8
        return abs(s.std() - 0.125) < 0.005 and np.median(softmax(s.reshape(-1, 16)).max(1)) < 1.25 / 16
    return [
        ('# 为什么 Transformer 的 attention', GIVEN),
        ('谢邀。这个问题面试几乎必问', GIVEN),
        ('假设 $q, k \\in', GIVEN, '0 1'),
        ('对每一项：', lambda: abs(m1) < 0.01 and E('0', 0) and abs(v1 - 1) < 0.02 and E('0', 0) and E('1', 1), '2 2 2'),
        ('$$\\mathrm{Var}(q\\cdot k) = \\sum_{i=1}^{d_k}', lambda: all(abs(mc_dot(dk).var() / dk - 1) < 0.03 for dk in (4, 16, 64))),
        ('所以 $d_k = 64$ 时点积的标准差', lambda: E('64', 64) and E('64', 64) and E('8', np.sqrt(64)) and abs(dot64.std() - 8) < 0.1
            and E('512', 512) and C('22.6', np.sqrt(512))),
        ('{(\\sqrt{d_k})^2} = 1', lambda: E('2', 2) and E('1', 64 / np.sqrt(64) ** 2) and abs((dot64 / 8).var() - 1) < 0.03),
        ('softmax 的雅可比是', jac),
        ('- 不缩放，$d_k = 64$', lambda: E('64', 64) and E('8', 8) and E('1', 1) and E('1', 1) and E('-8', -8) and C('0.999665', p8)
            and E('1', 1) and C('0.000335', p8 * (1 - p8))),
        ('- 缩放后同样差一个标准差', lambda: E('1', 1) and C('0.7311', p1) and E('1', 1) and C('0.7311', p1) and C('0.2689', 1 - p1)
            and C('0.1966', p1 * (1 - p1), 0.7311 * 0.2689)),
        ('两者相差约 $587$ 倍', lambda: C('587', (p1 * (1 - p1)) / (p8 * (1 - p8)), 0.1966 / 0.000335) and C('0.1966', p1 * (1 - p1))
            and C('0.000335', p8 * (1 - p8)) and p8 * (1 - p8) < 1e-3, '0'),
        ('评论区有人问', lambda: ALL(*[abs(mc_term(v)[1] - v) < 0.03 * v ** 2 for v in (0.5, 2.0, 4.0)]), '2 2 2 2'),
        ('$$\\mathrm{Var}(q\\cdot k) = d_k\\,\\sigma^2', lambda: ALL(*[abs(mc_dot(64, v).var() - 64 * v) < 0.03 * 64 * v for v in (0.5, 2.0)])
            and all(abs((mc_dot(64, v) / (np.sqrt(v) * 8)).var() - 1) < 0.03 for v in (0.5, 2.0)), '2'),
        ('代个数：', lambda: ALL(E('2', 2), E('4', 4), E('64', 64), C('256', mc_dot(64, 4.0).var(), 64 * 4.0 ** 2),
                                C('16', np.sqrt(64 * 4.0 ** 2)), E('16', 16), abs((mc_dot(64, 4.0) / 16).var() - 1) < 0.05)),
        ('实际上输入先过 LayerNorm', ln_wq),
        ('$$\\frac{1}{\\sqrt{d_k}} \\;\\Longleftrightarrow', lambda: E('1', 1) and abs((dot64 / 8).var() - 1) < 0.03 and E('1', 1)),
        ('PS：有人问为什么不直接除以', lambda: E('1', 1) and E('64', 64) and E('0.125', np.sqrt(1 / 64)) and uniform_ish()),
    ]

# ======================================================================= 03
@register('03_causal_mask_annotated.md')
def f03():
    def subsequent_mask(size):
        attn_shape = (1, size, size)
        sm = np.triu(np.ones(attn_shape), k=1).astype(np.uint8)
        return sm == 0
    M4 = subsequent_mask(4)[0]
    def triu_sem():
        T = np.triu(np.ones((1, 5, 5)), k=1)[0]
        return all(T[i, j] == (1 if j > i else 0) for i in range(5) for j in range(5))
    def mask_def():
        # additive mask with -inf gives P_ij = 0 for j > i and a proper distribution over j <= i
        n = 5; S = rand(n, n); Mm = np.where(np.triu(np.ones((n, n)), 1) > 0, -np.inf, 0.0)
        P = softmax(S + Mm)
        return np.all(P[np.triu_indices(n, 1)] == 0) and near(P.sum(1), np.ones(n)) and E('0', 0)
    def counts():
        ok = True
        for n in (1, 4, 7, 2048):
            ok &= int(subsequent_mask(n).sum()) == sum(i + 1 for i in range(n)) == n * (n + 1) // 2
        return ok and ALL(E('0', 0), E('1', 1), E('2', 2), E('1', 1), E('1', 1), E('1', 1), E('2', 2),
                          E('10', subsequent_mask(4).sum()), E('16', 4 ** 2), E('4', 4),
                          E('2098176', subsequent_mask(2048).sum()), E('4194304', 2048 ** 2), E('2048', 2048),
                          0.5 < 2098176 / 4194304 < 0.51)
    def scores_code():
        B, h, n, dk = 2, 3, 4, 8
        q, k = rand(B, h, n, dk), rand(B, h, n, dk)
        s = np.matmul(q, np.swapaxes(k, -2, -1)) / math.sqrt(dk)
        return near(s[1, 2], q[1, 2] @ k[1, 2].T / math.sqrt(dk)) and E('-2', -2) and E('-1', -1)
    def fill_code():
        s = rand(4, 4).astype(np.float32); m = subsequent_mask(4)[0]
        filled = np.where(m == 0, np.float32(-1e9), s)
        e = np.exp(filled - filled.max(-1, keepdims=True)); p = e / e.sum(-1, keepdims=True)
        return E('0', 0) and np.all(p[~m] == 0) and near(p.sum(-1), np.ones(4))
    def softmax_dim():
        s = rand(3, 4); p = softmax(s)
        return E('-1', -1) and near(p.sum(axis=-1), np.ones(3))
    P1 = softmax(np.array([0.5, 1.5]))
    Pb = np.array([1.0, -1.0, 5.0])
    Prow = np.array([P1[0], P1[1], 0.0])
    m = Prow @ Pb
    def backward_formula():
        ok = True
        for _ in range(3):
            S = rand(3, 4); G = rand(3, 4); P = softmax(S)
            ok &= near(grad(lambda u: np.sum(G * softmax(u)), S), P * (G - (P * G).sum(1, keepdims=True)))
        return ok
    def masked_zero():
        n, dk = 4, 3
        Q, K, V, G = rand(n, dk), rand(n, dk), rand(n, 2), rand(n, 2)
        Mm = np.where(np.triu(np.ones((n, n)), 1) > 0, -1e9, 0.0)
        f = lambda S: np.sum(G * (softmax(S + Mm) @ V))
        S0 = Q @ K.T / np.sqrt(dk)
        gS = grad(f, S0)
        # gradient from query i = 1 alone to the future keys j = 2, 3 vanishes
        gK = grad(lambda Kx: np.sum(G[1] * (softmax(Q @ Kx.T / np.sqrt(dk) + Mm)[1] @ V)), K)
        return np.all(np.abs(gS[np.triu_indices(n, 1)]) < 1e-12) and near(gK[2:], np.zeros((2, dk))) and E('0', 0) and E('0', 0)
    def row0():
        n, dk = 4, 3
        Q, K, V, G = rand(n, dk), rand(n, dk), rand(n, 2), rand(n, 2)
        Mm = np.where(np.triu(np.ones((n, n)), 1) > 0, -1e9, 0.0)
        O = lambda Qx: softmax(Qx @ K.T / np.sqrt(dk) + Mm) @ V
        gq = grad(lambda Qx: np.sum(G * O(Qx)), Q)
        return (E('0', 0) and E('1', softmax(Q @ K.T + Mm)[0, 0]) and E('1', 1) and E('0', 0)
                and near(gq[0], np.zeros(dk)) and near(O(Q)[0], V[0]))
    return [
        ('The decoder must not peek.', GIVEN),
        ('$$M_{ij} = \\begin{cases} 0', mask_def),
        ('attn_shape = (1, size, size)', lambda: E('1', subsequent_mask(3).shape[0])),
        ('subsequent_mask = torch.triu', lambda: triu_sem() and E('1', 1)),
        ('return subsequent_mask == 0', lambda: E('0', 0) and all(M4[i, j] == (j <= i) for i in range(4) for j in range(4))),
        ('`torch.triu(..., diagonal=1)` keeps', lambda: triu_sem() and E('1', 1) and E('0', 0) and E('4', 4)),
        ('tensor([[[ True, False, False, False]', lambda: list(M4[0]) == [True, False, False, False]),
        ('[ True,  True, False, False]', lambda: list(M4[1]) == [True, True, False, False]),
        ('[ True,  True,  True, False]', lambda: list(M4[2]) == [True, True, True, False]),
        ('[ True,  True,  True,  True]]])', lambda: list(M4[3]) == [True, True, True, True]),
        ('Row $i$ (0-based) has $i+1$', counts),
        ('In `attention` the mask is applied', GIVEN),
        ('scores = torch.matmul(query', scores_code),
        ('scores = scores.masked_fill(mask == 0, -1e9)', fill_code, '-1'),
        ('p_attn = scores.softmax(dim=-1)', softmax_dim),
        ('Since $e^{-10^9}$ underflows', lambda: np.exp(np.float32(-1e9)) == 0 and np.exp(np.float32(-1e9)).dtype == np.float32
            and E('-10', -10) and E('9', 9) and E('0', 0)
            and E('3', 3) and E('1', 1) and EV(['0.5', '1.5'], [0.5, 1.5])),
        ('$$P_{1,\\cdot} = ', lambda: ALL(*[E(t, float(t)) for t in ['0.5', '0.5', '1.5', '1.5', '0.5', '1.5']])
            and near(P1, np.exp([0.5, 1.5]) / np.exp([0.5, 1.5]).sum()) and E('0', 0)
            and CV(['0.2689', '0.7311', '0'], Prow)),
        ('**What happens in the backward pass.**', GIVEN),
        ('$$\\bar S_{ij} = P_{ij}\\Big(', backward_formula),
        ('Two consequences fall straight out', GIVEN),
        ('- A masked entry has', masked_zero),
        ('- Row $0$ is one-hot', row0),
        ('For our row $i = 1$ with, say', lambda: E('1', 1) and EV(['1', '-1', '5'], Pb) and C('0.2689', Prow[0]) and C('0.7311', Prow[1])
            and E('0', Prow[2] * Pb[2]) and C('-0.4622', m, 0.2689 - 0.7311)),
        ('$$\\bar S_{1,\\cdot} \\approx', lambda: C('0.2689', Prow[0]) and C('1.4622', Pb[0] - m, 1 + 0.4622) and C('0.7311', Prow[1])
            and C('-0.5378', Pb[1] - m, -1 + 0.4622) and E('0', 0)
            and CV(['0.3932', '-0.3932', '0'], Prow * (Pb - m), [0.2689 * 1.4622, 0.7311 * -0.5378, 0])),
        ('The two live entries cancel', lambda: abs(np.sum(Prow * (Pb - m))) < 1e-12
            and E('5', Pb[2]) and near(Prow * (Pb - m), Prow * (Pb * [1, 1, 0] - Prow @ (Pb * [1, 1, 0])))),
    ]

# ======================================================================= 04
@register('04_mha_params_ja.md')
def f04():
    dm, h, n = 512, 8, 10
    dk = dm // h
    X = rand(n, dm)
    WQ = [rand(dm, dk) for _ in range(h)]; WK = [rand(dm, dk) for _ in range(h)]; WV = [rand(dm, dk) for _ in range(h)]
    def head(i):
        Q, K, V = X @ WQ[i], X @ WK[i], X @ WV[i]
        S = Q @ K.T / np.sqrt(dk)
        return softmax(S) @ V, S
    heads = [head(i)[0] for i in range(h)]
    cat = np.concatenate(heads, axis=1)
    WO_true = np.zeros((cat.shape[1], dm))
    cnt = lambda *shapes: int(sum(np.prod(s) for s in shapes))
    proj = cnt((dm, dm), (dm,))
    mha = 4 * proj
    ffn = cnt((dm, 2048), (2048,), (2048, dm), (dm,))
    lns = cnt((dm,), (dm,), (dm,), (dm,))
    layer = mha + ffn + lns
    def wo_claim():
        # claimed W^O of shape d_v x d_model must be multipliable with the concatenation
        return shape_of_matmul(cat.shape, (dk, dm)) == (n, dm) and E('64', dk) and E('512', dm) and E('32768', dk * dm)
    def stacked():
        WQs = np.concatenate(WQ, axis=1)
        return (WQs.shape == (512, 512) and near(X @ WQs[:, dk:2 * dk], X @ WQ[1]) and E('512', 512) and E('512', 512)
                and E('3', 3) and E('3', 3) and E('3', 3) and E('2', 2)
                and all(3 * hh * dm * (dm // hh) == 3 * dm ** 2 for hh in (1, 2, 4, 8, 16)))
    def row(shape, wt, b, tot, truth_shape):
        return (tuple(shape) == truth_shape and EV([str(shape[0]), str(shape[1])], shape) and E(wt, np.prod(truth_shape))
                and E(b, truth_shape[1]) and E(tot, np.prod(truth_shape) + truth_shape[1]))
    return [
        ('本節では、原論文の base モデル', GIVEN, '512 8'),
        ('$$d_k = d_v = \\frac{d_{\\text{model}}}{h}', lambda: E('512', dm) and E('8', h) and E('64', dk) and all(w.shape == (512, 64) for w in WQ), '7.6'),
        ('である。ヘッド $i$ の射影行列は', lambda: WQ[0].shape == (dm, dk) and WV[0].shape == (dm, dk)),
        ('$$\\mathrm{head}_i = \\mathrm{Attention}', lambda: heads[0].shape == (n, dk), '7.7'),
        ('となる。途中に現れるスコア行列', lambda: head(3)[1].shape == (n, n)),
        ('$h$ 個のヘッドを横に連結し', GIVEN),
        ('$$\\mathrm{MultiHead}(X) = ', lambda: (cat @ WO_true).shape == (n, dm), '7.8'),
        ('連結後の形状は $n \\times h d_v', lambda: cat.shape == (n, 512) and E('512', cat.shape[1]) and wo_claim()),
        ('実装上は $h$ 個の $W_i^Q$', stacked),
        ('| $W^Q$ |', lambda: row((512, 512), '262144', '512', '262656', (dm, dm))),
        ('| $W^K$ |', lambda: row((512, 512), '262144', '512', '262656', (dm, dm))),
        ('| $W^V$ |', lambda: row((512, 512), '262144', '512', '262656', (dm, dm))),
        ('| $W^O$ |', lambda: row((64, 512), '32768', '512', '33280', WO_true.shape)),
        ('よって、マルチヘッドアテンション 1 層', lambda: E('1', 1)),
        ('$$3 \\times 262\\,656 + 33\\,280', lambda: E('3', 3) and E('262656', proj) and E('33280', cnt(WO_true.shape, (dm,)))
            and E('821248', mha), '7.9'),
        ('**エンコーダ 1 層全体.**', lambda: E('1', 1) and E('2048', 2048) and E('512', dm) and E('2048', 2048) and E('2048', 2048)
            and E('2048', 2048) and E('512', dm) and E('512', dm) and E('2099712', ffn) and E('2', 2) and E('2', 2) and E('2', 2)
            and E('512', dm) and E('2048', lns)),
        ('$$821\\,248 + 2\\,099\\,712', lambda: E('821248', mha) and E('2099712', ffn) and E('2048', lns) and E('2923008', layer), '7.10'),
        ('となり、6 層積み重ねると', lambda: E('6', 6) and E('17538048', 6 * layer)),
        ('**注意重みのメモリ.**', lambda: E('1', 1) and E('1024', 1024) and EV(['1', '8', '1024', '1024'], [1, h, 1024, 1024])
            and E('8388608', np.zeros((1, h, 1024, 1024), np.float32).size)
            and E('32', np.zeros((1, h, 1024, 1024), np.float32).nbytes / 2 ** 20) and E('2', 2), '1'),
        ('**問 7.3**', lambda: E('7.3', 7.3) and E('16', 16) and E('512', 512) and E('16', 16) and E('32', 512 // 16)),
    ]

# ======================================================================= 05
@register('05_layernorm_residual_de.md', comma=True)
def f05():
    A = np.array([[0, 1, 0], [0, 0, 1], [1, 0, 0]], float)
    I = np.eye(3)
    ln = lambda u: (u - u.mean()) / u.std()
    x = np.array([2.0, 0, 1]); g = np.array([1.0, -1, 0])
    post = lambda xx: ln(xx + A @ xx)
    pre = lambda xx: xx + A @ ln(xx)
    dx_post = grad(lambda xx: g @ post(xx), x)
    dx_pre = grad(lambda xx: g @ pre(xx), x)
    z = x + A @ x; sz = z.std(); zh = ln(z)
    dz_true = grad(lambda zz: g @ ln(zz), z)
    # the values the author carries (his LN-backward formula, step by step with 4-digit roundings)
    br_post = g - 1.2247 * np.array([0, -1.2247, 1.2247])
    dz_car = np.array([1, 0.5, -1.5]) / 0.8165
    dzr = np.array([1.2247, 0.6124, -1.8371])
    dx_post_car = dzr + A.T @ dzr
    sx = x.std(); xh = ln(x); Ag = A.T @ g
    du_true = grad(lambda uu: g @ (A @ uu), ln(x))           # = A^T g
    lnpart_true = grad(lambda xx: g @ (A @ ln(xx)), x)
    br_pre_car = Ag + 1.2247 * np.array([1.2247, -1.2247, 0])
    lnpart_car = np.array([1.5, -0.5, -1]) / 0.8165
    lnr = np.array([1.8371, -0.6124, -1.2247])
    def ln_rule():
        ok = True
        for _ in range(4):
            u, up = rand(5), rand(5); n = 5; uh = ln(u)
            num = grad(lambda v: up @ ln(v), u)
            ok &= near(num, (up - up.mean() - uh * (up @ uh)) / u.std())
        return ok
    def post_rule():
        ok = True
        for _ in range(3):
            AA = rand(4, 4); xx, up = rand(4), rand(4)
            zz = xx + AA @ xx; zzh = ln(zz)
            num = grad(lambda v: up @ ln(v + AA @ v), xx)
            dz = grad(lambda v: up @ ln(v), zz)
            ok &= near(num, (np.eye(4) + AA).T @ dz) and near(dz, (up - up.mean() - zzh * (up @ zzh)) / zz.std())
        return ok
    def pre_rule():
        ok = True
        for _ in range(3):
            AA = rand(4, 4); xx, up = rand(4), rand(4); xxh = ln(xx); a = AA.T @ up
            num = grad(lambda v: up @ (v + AA @ ln(v)), xx)
            ok &= near(num, up + (a - a.mean() - xxh * (a @ xxh)) / xx.std())
        return ok
    def identity_path():
        AA = rand(4, 4); xx, up = rand(4), rand(4)
        return near(grad(lambda v: up @ v, xx), up)
    def stack_product():
        As = [rand(4, 4) * 0.3 for _ in range(3)]; xx, up = rand(4), rand(4)
        def net(v):
            for AA in As:
                v = ln(v + AA @ v)
            return v
        hs = [xx]
        for AA in As:
            hs.append(ln(hs[-1] + AA @ hs[-1]))
        Js = []
        for AA, hh in zip(As, hs[:-1]):
            Js.append(np.stack([grad(lambda v: ln(v + AA @ v)[j], hh) for j in range(4)]))
        prod = Js[2] @ Js[1] @ Js[0]
        return near(grad(lambda v: up @ net(v), xx), prod.T @ up, 1e-5)
    return [
        ('**Aufgabe (Kurzfassung).**', GIVEN),
        ('$$\\mathrm{LN}(u) = \\frac{u - \\mu(u)', GIVEN, '1 2 2'),
        ('Zu vergleichen sind die Gradienten', GIVEN, '2'),
        ('**Hilfsresultat (LN-Backward).**', GIVEN),
        ('\\bar g = \\frac1d\\sum_i g_i .$$', ln_rule),
        ('**a) Post-LN.** Mit $z = x + Ax$', GIVEN),
        ('$$\\frac{\\partial L}{\\partial x} = (I + A)^\\top', post_rule),
        ('Der Gradient muss also durch **jede**', stack_product),
        ('**b) Pre-LN.** Mit $u = ', GIVEN),
        ('$$\\frac{\\partial L}{\\partial x} = g + \\frac{1}{\\sigma(x)}', pre_rule, '1'),
        ('Der erste Summand $g$ ist der Identitätspfad', identity_path),
        ('**c) Zahlenbeispiel.**', lambda: E('3', 3) and EV(['2', '0', '1'], x) and EV(['1', '-1', '0'], g)),
        ('$$A = \\begin{pmatrix} 0 & 1 & 0', lambda: EV(['0', '1', '0', '0', '0', '1', '1', '0', '0'], A)
            and near(A @ x, x[[1, 2, 0]]) and near(A.T @ g, g[[2, 0, 1]])),
        ('1. $z = x + Ax = (2;', lambda: EV(['2', '0', '1'], x) and EV(['0', '1', '2'], A @ x) and EV(['2', '1', '3'], z)
            and E('2', z.mean()) and EV(['0', '1', '1'], (z - 2) ** 2) and E('3', 3) and E('2', 2) and E('3', 3) and near(z.var(), 2 / 3)
            and C('0.8165', sz), '2'),
        ('2. $\\hat z = (0;\\ -1;\\ 1)/0{,}8165', lambda: EV(['0', '-1', '1'], z - z.mean()) and C('0.8165', sz)
            and CV(['0', '-1.2247', '1.2247'], zh)),
        ('3. $\\bar g = 0$', lambda: E('0', g.mean()) and E('0', g[0] * zh[0]) and C('1.2247', g[1] * zh[1]) and E('0', g[2] * zh[2])
            and C('1.2247', g @ zh)),
        ('4. $g - 1{,}2247\\,\\hat z', lambda: C('1.2247', g @ zh)
            and EV(['1', '-1'], [g[0], g[1]]) and C('1.5', -(g @ zh) * zh[1]) and C('-1.5', -(g @ zh) * zh[2])
            and CV(['1', '0.5', '-1.5'], g - (g @ zh) * zh, br_post)
            and CV(['1', '0.5', '-1.5'], (dz_true * sz).round(9), br_post) and C('0.8165', sz)
            and CV(['1.2247', '0.6124', '-1.8371'], dz_true, dz_car)),
        ('5. $\\partial L/\\partial x = \\partial L/\\partial z + A^\\top', lambda: near(dx_post, (I + A).T @ dz_true)
            and CV(['1.2247', '1.8371', '0.6124', '1.2247', '-1.8371', '0.6124'],
                   [dz_true[0], -dz_true[2], dz_true[1], dz_true[0], dz_true[2], dz_true[1]],
                   [dzr[0], -dzr[2], dzr[1], dzr[0], dzr[2], dzr[1]])
            and CV(['-0.6124', '1.8371', '-1.2247'], dx_post, dx_post_car)),
        ('6. $\\mu(x) = 1$', lambda: E('1', x.mean()) and EV(['1', '1', '0'], (x - 1) ** 2) and E('3', 3) and E('2', 2) and E('3', 3)
            and near(x.var(), 2 / 3) and C('0.8165', sx) and CV(['1.2247', '-1.2247', '0'], xh), '2'),
        ('7. $A^\\top g = (0;\\ 1;\\ -1)$', lambda: EV(['0', '1', '-1'], Ag) and E('0', Ag.mean()) and E('0', Ag[0] * xh[0])
            and C('1.2247', -Ag[1] * xh[1]) and E('0', Ag[2] * xh[2]) and C('-1.2247', Ag @ xh)),
        ('8. Klammer:', lambda: EV(['0', '1', '-1'], Ag) and C('1.2247', -(Ag @ xh))
            and CV(['1.5', '-0.5', '-1'], Ag - (Ag @ xh) * xh, br_pre_car) and C('0.8165', sx)
            and CV(['1.8371', '-0.6124', '-1.2247'], lnpart_true, lnpart_car)),
        ('9. $\\partial L/\\partial x = g + (1{,}8371', lambda: near(dx_pre, g + lnpart_true)
            and CV(['1.8371', '-0.6124', '-1.2247'], lnpart_true, lnr)
            and CV(['2.8371', '-1.6124', '-1.2247'], dx_pre, g + lnr)),
        ('**Kontrolle.**', lambda: abs(dz_true.sum()) < 1e-6 and abs(lnpart_true.sum()) < 1e-6
            and CV(['1.2247', '0.6124', '1.8371'], [dz_true[0], dz_true[1], -dz_true[2]], [dzr[0], dzr[1], -dzr[2]])
            and C('0', dzr.sum()) and CV(['1.8371', '0.6124', '1.2247'], [lnpart_true[0], -lnpart_true[1], -lnpart_true[2]], abs(lnr))
            and C('0', lnr.sum()) and near(ln(x + 2.7), ln(x))),
        ('**Bemerkung.** Bei Pre-LN steckt', lambda: EV(['1', '-1', '0'], g) and near(dx_post, (I + A).T @ (grad(lambda zz: g @ ln(zz), z)))
            and near(grad(lambda zz: np.ones(3) @ ln(zz), z), np.zeros(3)) and E('1', 1)),
    ]

# ======================================================================= 06
_erf = np.vectorize(math.erf)
Phi = lambda x: 0.5 * (1 + _erf(np.asarray(x, float) / math.sqrt(2)))
phi = lambda x: np.exp(-np.asarray(x, float) ** 2 / 2) / math.sqrt(2 * math.pi)
gelu = lambda x: np.asarray(x, float) * Phi(x)
gelu_tanh = lambda x: 0.5 * x * (1 + np.tanh(math.sqrt(2 / math.pi) * (x + 0.044715 * x ** 3)))

@register('06_ffn_gelu_fr.md', comma=True)
def f06():
    dgelu = lambda x: float(fd(lambda t: float(gelu(t)), float(x)))
    W1 = np.array([[1, 0, 0.5], [0, 1, 0.5]]); b1 = np.zeros(3); x = np.array([1.0, -1.0])
    a = x @ W1; dh = np.array([0.5, 2, -1])
    W2 = rand(3, 2); b2 = rand(2)
    # a loss whose gradient at h is dh: L = dh . h  (dh given on h directly)
    Lx = lambda xx: dh @ gelu(xx @ W1 + b1)
    da_true = grad(lambda aa: dh @ gelu(aa), a)
    tbl = np.array([1.0833, -0.0833, 0.5])
    da_car = dh * np.array([1.0833, -0.0833, 0.5])
    dx_true = grad(Lx, x)
    dW1_true = grad(lambda W: dh @ gelu(x @ W + b1), W1)
    def phi_int():
        t = np.linspace(-12, 0.7, 200001); y = phi(t)
        return abs(np.sum((y[1:] + y[:-1]) / 2 * np.diff(t)) - Phi(0.7)) < 1e-8 and abs(fd(lambda u: float(Phi(u)), 0.3) - phi(0.3)) < 1e-8 and E('1', 1) and E('2', 2) and E('2', 2)
    def dgelu_rule():
        return all(abs(dgelu(t) - (Phi(t) + t * phi(t))) < 1e-7 for t in rand(8, lo=-4, hi=4))
    root = None
    lo, hi = -1.0, -0.5
    for _ in range(60):
        m = (lo + hi) / 2
        if Phi(m) + m * phi(m) < 0: lo = m
        else: hi = m
    root = lo
    def backprop_rules():
        ok = True
        for _ in range(3):
            xx = rand(1, 3); A1 = rand(3, 5); c1 = rand(1, 5); A2 = rand(5, 3); c2 = rand(1, 3); dy = rand(1, 3)
            f = lambda X_, A1_, c1_, A2_, c2_: np.sum(dy * (gelu(X_ @ A1_ + c1_) @ A2_ + c2_))
            aa = xx @ A1 + c1; hh = gelu(aa); dhh = dy @ A2.T; daa = dhh * (Phi(aa) + aa * phi(aa))
            ok &= near(grad(lambda u: f(xx, A1, c1, u, c2), A2), hh.T @ dy) and near(grad(lambda u: f(xx, A1, c1, A2, u), c2), dy)
            ok &= near(grad(lambda u: f(xx, u, c1, A2, c2), A1), xx.T @ daa) and near(grad(lambda u: f(xx, A1, u, A2, c2), c1), daa)
            ok &= near(grad(lambda u: f(u, A1, c1, A2, c2), xx), daa @ A1.T)
            ok &= near(grad(lambda u: np.sum(dy * (u @ A2 + c2)), hh), dhh)
        return ok
    bl = lambda d, f: 2 * d * f + f + d
    return [
        ('Dans chaque bloc, après l\'attention', lambda: E('1', 1)),
        ('$$\\mathrm{FFN}(x) = \\mathrm{GELU}(xW_1 + b_1)', GIVEN),
        ('On note $a = xW_1 + b_1$', GIVEN, '2'),
        ('$$\\mathrm{GELU}(x) = x\\,\\Phi(x), \\qquad', phi_int, '2'),
        ('Par la règle du produit', lambda: abs(fd(lambda u: float(Phi(u)), -0.4) - phi(-0.4)) < 1e-8),
        ('$$\\mathrm{GELU}\'(x) = \\Phi(x) + x\\,\\varphi(x).$$', dgelu_rule),
        ('Quelques valeurs à connaître', lambda: E('1', 1) and C('0.8413', Phi(1)) and E('1', 1) and C('0.2420', phi(1))
            and E('-1', -1) and E('1', 1) and phi(-1) == phi(1)),
        ('| $x$ | $\\mathrm{GELU}(x)$', GIVEN),
        ('| $-1$ |', lambda: E('-1', -1) and C('-0.1587', gelu(-1)) and C('0.1587', Phi(-1)) and C('0.2420', phi(-1))
            and C('-0.0833', dgelu(-1), 0.1587 - 0.2420)),
        ('| $0$ | $0$ |', lambda: E('0', 0) and E('0', gelu(0)) and C('0.5', dgelu(0))),
        ('| $1$ | $0{,}8413$ |', lambda: E('1', 1) and C('0.8413', gelu(1)) and C('0.8413', Phi(1)) and C('0.2420', phi(1))
            and C('1.0833', dgelu(1), 0.8413 + 0.2420)),
        ('**Remarque.** Contrairement à ReLU', lambda: C('-0.75', root) and all(dgelu(t) < 0 for t in (-0.8, -1.5, -3))
            and all(dgelu(t) > 0 for t in (-0.7, 0, 2)) and C('-0.17', gelu(root)) and C('-0.75', root)
            and E('1', 1) and E('0', 0) and max(dgelu(t) for t in np.linspace(0.5, 3, 26)) > 1 and C('1.0833', dgelu(1)) and E('1', 1)),
        ('En pratique on utilise souvent', lambda: E('1', 1) and E('2', 2) and E('1', 1) and E('2', 2) and E('0.044715', 0.044715) and E('3', 3)
            and C('0.8412', gelu_tanh(1.0)) and E('1', 1) and C('0.8413', gelu(1))),
        ('Soit $\\delta_y = ', lambda: E('1', 1)),
        ('\\delta_h &= \\delta_y W_2^\\top', backprop_rules),
        ('\\delta_a &= \\delta_h \\odot', backprop_rules),
        ('\\frac{\\partial L}{\\partial x} &= \\delta_a W_1^\\top.', backprop_rules),
        ('Vérification des formats', lambda: shape_of_matmul((2, 1), (1, 3)) == (2, 3) == W1.shape and E('1', 1) and E('1', 1)
            and shape_of_matmul((1, 3), (3, 2)) == (1, 2) and E('1', 1)),
        ('**Exemple.** $d = 2$', lambda: E('2', 2) and E('3', 3) and EV(['1', '-1'], x) and E('0', 0)),
        ('W_1 = \\begin{pmatrix} 1 & 0', lambda: EV(['1', '0', '0.5', '0', '1', '0.5'], W1) and EV(['1', '-1', '0'], a)),
        ('On suppose que le gradient arrivant sur $h$', lambda: EV(['0.5', '2', '-1'], dh)),
        ('- $\\delta_a = (0{,}5 \\times 1{,}0833', lambda: E('0.5', dh[0]) and C('1.0833', dgelu(1)) and E('2', dh[1]) and C('-0.0833', dgelu(-1))
            and E('-1', dh[2]) and C('0.5', dgelu(0)) and CV(['0.5417', '-0.1666', '-0.5'], da_true, da_car)),
        ('- $\\partial L/\\partial W_1 = x^\\top', lambda: near(dW1_true, np.outer(x, da_true))
            and CV(['0.5417', '-0.1666', '-0.5', '-0.5417', '0.1666', '0.5'], dW1_true, np.outer(x, da_car))),
        ('- $\\partial L/\\partial x = \\delta_a W_1^\\top', lambda: near(dx_true, da_true @ W1.T)
            and C('0.5417', da_true[0]) and C('0.25', -da_true[2] * W1[0, 2]) and C('-0.1666', da_true[1], da_car[1]) and C('0.25', -da_true[2] * W1[1, 2])
            and CV(['0.2917', '-0.4166'], dx_true, [0.5417 - 0.25, -0.1666 - 0.25])),
        ('Avec ReLU à la place de GELU', lambda: EV(['0.5', '0', '0'], dh * (a > 0)) and E('0', 0) and E('0', 0) and E('-1', a[1])
            and da_true[1] != 0),
        ('Pour BERT-large', lambda: E('1024', 1024) and E('4', 4) and E('4096', 4 * 1024) and E('2', 2) and E('1024', 1024) and E('4096', 4096)
            and E('4096', 4096) and E('1024', 1024) and E('8393728', bl(1024, 4096)) and E('4', 4) and E('1024', 1024) and E('2', 2)
            and E('1024', 1024) and E('4198400', 4 * (1024 ** 2 + 1024)) and E('4', 4) and E('1024', 1024) and E('4096', 4 * 1024)
            and E('8393728', bl(1024, 4096)) and E('12596224', bl(1024, 4096) + 4198400 + 4096)
            and C('66.6', 100 * bl(1024, 4096) / 12596224) and abs(bl(1024, 4096) / 12596224 - 2 / 3) < 0.005),
    ]

# ======================================================================= 07
def PE(p, d):
    i = np.arange(d // 2); w = 10000.0 ** (-2 * i / d)
    out = np.zeros(d); out[0::2] = np.sin(w * p); out[1::2] = np.cos(w * p)
    return out

@register('07_sinusoidal_pe_ru.md', comma=True)
def f07():
    Rclaim = lambda t: np.array([[np.cos(t), -np.sin(t)], [np.sin(t), np.cos(t)]])
    Rtrue = lambda t: np.array([[np.cos(t), np.sin(t)], [-np.sin(t), np.cos(t)]])
    def equivariance():
        n, d = 5, 4; X = rand(n, d); Wq, Wk, Wv = rand(d, d), rand(d, d), rand(d, d)
        f = lambda X_: softmax((X_ @ Wq) @ (X_ @ Wk).T / 2) @ (X_ @ Wv)
        perm = np.array([3, 0, 4, 1, 2])
        return near(f(X[perm]), f(X)[perm])
    def defn():
        return E('0', 0) and E('1', 1) and E('2', 2) and E('0', 0) and E('2', 2) and E('1', 1) and PE(3, 6).shape == (6,)
    def freqs():
        d = 512; w = 10000.0 ** (-2 * np.arange(d // 2) / d)
        lam = 2 * np.pi / w
        return (E('1', w[0]) and abs(w[-1] - 10000.0 ** (-(d - 2) / d)) < 1e-15 and E('10000', 10000) and E('2', 2)
                and np.all(np.diff(np.log(w)) < 0) and np.allclose(np.diff(np.log(w)), np.diff(np.log(w))[0])
                and E('2', 2) and E('2', 2) and C('6.28', 2 * np.pi) and E('10000', 10000) and E('2', 2)
                and lam[-1] < 10000 * 2 * np.pi and lam[-1] > 0.95 * 10000 * 2 * np.pi)
    def addition():
        a, b = rand(5), rand(5)
        return near(np.sin(a + b), np.sin(a) * np.cos(b) + np.cos(a) * np.sin(b), 1e-12) and near(np.cos(a + b), np.cos(a) * np.cos(b) - np.sin(a) * np.sin(b), 1e-12)
    def rotation_claim():
        ok = True
        for _ in range(5):
            w, p, k = RNG.uniform(0.01, 1.0), RNG.integers(0, 50), RNG.integers(1, 10)
            ok &= near(np.array([np.sin(w * (p + k)), np.cos(w * (p + k))]), Rclaim(w * k) @ np.array([np.sin(w * p), np.cos(w * p)]))
        return ok
    def blockdiag_claim(Rf):
        d = 8; w = 10000.0 ** (-2 * np.arange(d // 2) / d); ok = True
        for k in (1, 3):
            Rk = np.zeros((d, d))
            for i in range(d // 2):
                Rk[2 * i:2 * i + 2, 2 * i:2 * i + 2] = Rf(w[i] * k)
            ok &= all(near(PE(p + k, d), Rk @ PE(p, d)) for p in (0, 5, 17))
        return ok
    def props():
        ok = True
        for Rf in (Rclaim, Rtrue):
            a, b = rand(), rand()
            ok &= near(Rf(a).T @ Rf(a), np.eye(2)) and near(Rf(a) @ Rf(b), Rf(a + b)) and near(Rf(-a), Rf(a).T)
        return ok
    def dot_identity():
        ok = True
        for d in (4, 8, 16):
            w = 10000.0 ** (-2 * np.arange(d // 2) / d)
            for p, k in ((0, 3), (7, 2), (20, 11)):
                lhs = PE(p, d) @ PE(p + k, d)
                mid = np.sum(np.sin(w * p) * np.sin(w * (p + k)) + np.cos(w * p) * np.cos(w * (p + k)))
                ok &= abs(lhs - mid) < 1e-12 and abs(mid - np.sum(np.cos(w * k))) < 1e-12
        return ok
    def only_k():
        return abs(PE(3, 8) @ PE(8, 8) - PE(40, 8) @ PE(45, 8)) < 1e-12
    def even_k():
        return all(abs(PE(p, 8) @ PE(p + 4, 8) - PE(p, 8) @ PE(p - 4, 8)) < 1e-12 for p in (5, 9, 30))
    def norm_k0():
        return E('0', 0) and E('2', 2) and all(abs(PE(p, 10) @ PE(p, 10) - 5) < 1e-12 for p in (0, 3, 99)) and E('2', 2)
    pe1, pe2 = PE(1, 4), PE(2, 4)
    prods = pe1 * pe2
    return [
        ('**Зачем.** Self-attention', equivariance),
        ('**Определение** (Vaswani et al.)', defn),
        ('$$PE_{p,\\,2i} = \\sin(\\omega_i p)', lambda: E('10000', 10000) and E('-2', -2)),
        ('Частоты убывают геометрически', freqs),
        ('**Тождество 1 (сдвиг = поворот).**', lambda: E('1', 1)),
        ('$$\\sin(a+b) = \\sin a\\cos b', addition),
        ('Берём одну пару координат', GIVEN),
        ('\\underbrace{\\begin{pmatrix}\\cos\\omega_i k & -\\sin', rotation_claim),
        ('$\\Rightarrow$ $PE_{p+k} = R(k)\\,PE_p$', lambda: blockdiag_claim(Rclaim)),
        ('Свойства: $R_i(k)^\\top R_i(k) = I$', props),
        ('Пример: $\\omega = 1$, $k = 1$', lambda: E('1', 1) and E('1', 1) and E('1', 1)
            and CV(['0.5403', '-0.8415', '0.8415', '0.5403'], Rtrue(1.0), Rclaim(1.0))),
        ('**Тождество 2 (скалярное произведение).**', lambda: E('2', 2)),
        ('$$\\langle PE_p, PE_{p+k}\\rangle = \\sum_{i=0}', dot_identity, '2 1 2 1'),
        ('- зависит только от сдвига $k$', only_k),
        ('- чётно по $k$', even_k),
        ('- при $k = 0$', norm_k0),
        ('**Числа** ($d = 4$)', lambda: E('4', 4) and E('1', 1) and E('10000', 10000) and E('-2', -2) and E('4', 4)
            and C('0.01', 10000.0 ** (-2 / 4))),
        ('- $PE_1 = (\\sin 1', lambda: E('1', 1) and E('1', 1) and E('0.01', 0.01) and E('0.01', 0.01)
            and CV(['0.8415', '0.5403', '0.0100', '1.0000'], pe1)),
        ('- $PE_2 \\approx', lambda: CV(['0.9093', '-0.4161', '0.0200', '0.9998'], pe2)),
        ('- $\\langle PE_1, PE_2\\rangle \\approx', lambda: CV(['0.7651', '0.2248', '0.0002', '0.9998'], prods * [1, -1, 1, 1])
            and C('1.5403', pe1 @ pe2, 0.7651 - 0.2248 + 0.0002 + 0.9998)
            and E('2', 2) and E('1', 1) and E('0.01', 0.01) and C('0.5403', np.cos(1)) and C('1.0000', np.cos(0.01))
            and C('1.5403', np.cos(1) + np.cos(0.01), 0.5403 + 1.0)),
        ('- $\\|PE_1\\|^2 = 0{,}8415^2', lambda: E('2', 2) and C('0.8415', pe1[0]) and E('2', 2) and C('0.5403', pe1[1]) and E('2', 2)
            and C('0.0100', pe1[2]) and E('2', 2) and C('1.0000', pe1[3]) and E('2', 2)
            and C('2', pe1 @ pe1, 0.8415 ** 2 + 0.5403 ** 2 + 0.01 ** 2 + 1.0) and E('2', 4 / 2)),
        ('**NB.** В коде', lambda: E('2', 2) and all(
            near(np.concatenate([PE(p, 8)[0::2], PE(p, 8)[1::2]]) @ np.concatenate([PE(p + 3, 8)[0::2], PE(p + 3, 8)[1::2]]),
                 PE(p, 8) @ PE(p + 3, 8)) for p in (0, 4))),
    ]

# ======================================================================= 08
@register('08_weight_tying_ko.md')
def f08():
    Em = np.array([[1.0, 0], [0, 1], [1, 1]]); w = 0; y = np.eye(3)[2]
    ce = lambda z, yy: -np.sum(yy * np.log(softmax(z)))
    L = lambda Ex: ce(Ex[w] @ Ex.T, y)                        # h = x = E[w]
    gE = grad(L, Em)
    h = Em[w]; z = h @ Em.T; p = softmax(z); r = p - y
    out_path = np.outer(r, h); dx = r @ Em
    pr = np.array([0.4223, 0.1554, 0.4223]); rr = pr - y
    def ce_grad():
        return all(near(grad(lambda zz: ce(zz, np.eye(5)[k]), zz0), softmax(zz0) - np.eye(5)[k]) for k, zz0 in ((1, rand(5)), (4, rand(5))))
    def out_path_rule():
        ok = True
        for _ in range(3):
            V, d = 5, 3; Ex = rand(V, d); hh = rand(d); yy = np.eye(V)[2]
            ok &= near(grad(lambda M: ce(hh @ M.T, yy), Ex), np.outer(softmax(hh @ Ex.T) - yy, hh))
            ok &= np.linalg.matrix_rank(np.outer(softmax(hh @ Ex.T) - yy, hh)) == 1
        return ok and E('1', 1)
    def in_path_rule():
        V, d = 5, 3; Ex = rand(V, d); ww = 3; up = rand(d)
        g = grad(lambda M: up @ np.tanh(M[ww]), Ex)               # any network on top of x
        gx = grad(lambda xx: up @ np.tanh(xx), Ex[ww])
        return near(g, np.outer(np.eye(V)[ww], gx)) and np.count_nonzero(np.abs(g).sum(1) > 1e-9) == 1
    def tied_rule():
        ok = True
        for _ in range(3):
            V, d = 5, 3; Ex = rand(V, d); ww = 1; yy = np.eye(V)[4]; A = rand(d, d)
            f = lambda Ein, Eout: ce(np.tanh(Ein[ww] @ A) @ Eout.T, yy)
            hh = np.tanh(Ex[ww] @ A)
            gx = grad(lambda xx: ce(np.tanh(xx @ A) @ Ex.T, yy), Ex[ww])
            full = grad(lambda M: f(M, M), Ex)
            ok &= near(full, np.outer(softmax(hh @ Ex.T) - yy, hh) + np.outer(np.eye(V)[ww], gx))
            ok &= near(full, grad(lambda M: f(M, Ex), Ex) + grad(lambda M: f(Ex, M), Ex))
        return ok
    return [
        ('어휘 크기를 $V$', GIVEN),
        ('- 입력: 토큰 $w$의 임베딩은', lambda: near(np.eye(3)[w] @ Em, Em[w])),
        ('- 출력: 마지막 은닉 상태', lambda: E('1', 1) and (rand(1, 2) @ Em.T).shape == (1, 3) and E('1', 1)),
        ('- 손실: 정답 one-hot', GIVEN),
        ('다변수 연쇄법칙에 따라', tied_rule),
        ('**(a) 출력 경로.**', ce_grad),
        ('\\Big|_{\\text{out}} = (p - y)^\\top h', out_path_rule),
        ('**(b) 입력 경로.**', in_path_rule),
        ('\\Big|_{\\text{in}} = e_w', lambda: in_path_rule() and E('0', 0)),
        ('$$\\frac{\\partial L}{\\partial E} = (p - y)^\\top h + e_w', tied_rule),
        ('PyTorch에서는 `self.lm_head.weight', tied_rule),
        ('$V = 3$, $d = 2$, $E = ', lambda: E('3', 3) and E('2', 2) and EV(['1', '0', '0', '1', '1', '1'], Em) and E('0', w) and E('0', 0)
            and E('2', y.argmax()) and near(grad(lambda M: ce(M[w] @ M.T, y), Em), gE)),
        ('1. $x = h = E_{0,:}', lambda: EV(['1', '0'], h) and EV(['1', '0', '1'], z)),
        ('2. $p = \\mathrm{softmax}(1, 0, 1)', lambda: EV(['1', '0', '1'], z) and E('1', 1) and E('2', 2) and E('1', 1)
            and near(p, np.array([np.e, 1, np.e]) / (2 * np.e + 1)) and CV(['0.4223', '0.1554', '0.4223'], p)
            and C('0.4223', p[2]) and C('0.8620', L(Em), -np.log(0.4223))),
        ('3. $p - y \\approx', lambda: CV(['0.4223', '0.1554', '-0.5777'], r)),
        ('4. 출력 경로:', lambda: CV(['0.4223', '0', '0.1554', '0', '-0.5777', '0'], out_path)),
        ('5. 입력 경로:', lambda: near(grad(lambda xx: ce(xx @ Em.T, y), h), dx) and C('0.4223', r[0]) and EV(['1', '0'], Em[0])
            and C('0.1554', r[1]) and EV(['0', '1'], Em[1]) and C('0.5777', -r[2]) and EV(['1', '1'], Em[2])
            and CV(['-0.1554', '-0.4223'], dx, rr @ Em)),
        ('$$\\frac{\\partial L}{\\partial E} \\approx \\begin{pmatrix} 0.4223 - 0.1554', lambda: C('0.4223', out_path[0, 0]) and C('0.1554', -dx[0])
            and E('0', out_path[0, 1]) and C('0.4223', -dx[1]) and C('0.1554', gE[1, 0]) and E('0', gE[1, 1].round(9))
            and C('-0.5777', gE[2, 0]) and E('0', gE[2, 1].round(9))
            and CV(['0.2669', '-0.4223', '0.1554', '0', '-0.5777', '0'], gE, [0.4223 - 0.1554, -0.4223, 0.1554, 0, -0.5777, 0])),
        ('tying을 안 했다면', lambda: CV(['-0.1554', '-0.4223'], dx) and E('4', 4)),
        ('- 파라미터 절약:', lambda: E('37000', 37000) and E('512', 512) and E('37000', 37000) and E('512', 512)
            and E('18944000', np.zeros((37000, 512), np.int8).size) and E('2', 3 - 1) and E('18944000', 37000 * 512) and E('37888000', 2 * 37000 * 512)),
        ('출력 경로 덕분에 **모든** 어휘의 행이', lambda: E('4', 4) and E('1', 1) and E('2', 2) and np.all(np.abs(out_path[:, 0]) > 0.1)
            and E('0', 0)),
        ('- 참고로 원논문은 임베딩 층에서', lambda: E('512', 512) and C('22.6', np.sqrt(512))),
        ('다음 글에서는 label smoothing', GIVEN),
    ]

# ======================================================================= 09
@register('09_label_smoothing_es.md', comma=True)
def f09():
    K, eps = 4, 0.1; z = np.array([2.0, 1, 0, -1]); c = 0; y = np.eye(K)[c]
    q = (1 - eps) * y + eps / K
    p = softmax(z)
    Lq = lambda zz, qq=q: -np.sum(qq * np.log(softmax(zz)))
    g = grad(Lq, z)
    q_car = np.array([0.9, 0.025, 0.025, 0.025])
    lp = np.log(p)
    def part_a():
        ok = True
        for _ in range(3):
            KK = 5; zz = rand(KK); e_ = RNG.uniform(0, 0.3); qq = (1 - e_) * np.eye(KK)[2] + e_ / KK
            ok &= near(grad(lambda u: -np.sum(qq * np.log(softmax(u))), zz), softmax(zz) - qq)
        return ok
    def dlogp():
        zz = rand(4)
        J = np.stack([grad(lambda u: np.log(softmax(u))[k], zz) for k in range(4)])
        return near(J, np.eye(4) - softmax(zz)[None, :]) and near(np.log(softmax(zz)), zz - np.log(np.exp(zz).sum()), 1e-12)
    def chain():
        zz = rand(4); pp = softmax(zz); qq = (1 - 0.2) * np.eye(4)[1] + 0.2 / 4
        mid = np.array([-np.sum(qq * ((np.arange(4) == j) - pp[j])) for j in range(4)])
        return near(mid, -qq + pp * qq.sum(), 1e-12) and near(mid, pp - qq, 1e-12)
    def convex():
        ok = True
        for _ in range(3):
            zz = rand(4); Hm = np.stack([grad(lambda u: grad(lambda v: Lq(v), u)[j], zz, 1e-4) for j in range(4)])
            ok &= np.linalg.eigvalsh((Hm + Hm.T) / 2).min() > -1e-5
        return ok
    zq = np.log(q)                                  # a minimiser: p = q
    return [
        ('**Enunciado.** Un clasificador', GIVEN),
        ('$$q_k = (1-\\varepsilon)\\,y_k', GIVEN, '1'),
        ('(a) Demuestre que', lambda: E('4', K) and E('0.1', eps) and EV(['2', '1', '0', '-1'], z) and E('1', c + 1)),
        ('**Solución (a)** [1 punto].', lambda: dlogp() and E('1', 1)),
        ('$$\\frac{\\partial L}{\\partial z_j} = -\\sum_k', chain),
        ('donde en el último paso se usa', lambda: all(abs(((1 - e_) * np.eye(6)[0] + e_ / 6).sum() - 1) < 1e-12 for e_ in (0.05, 0.1, 0.3))
            and E('1', 1) and E('1', 1)),
        ('*Criterio de corrección:*', lambda: part_a(), '0.5 0.5 1'),
        ('- $e^{z} \\approx (7{,}3891', lambda: CV(['7.3891', '2.7183', '1', '0.3679'], np.exp(z)) and C('11.4752', np.exp(z).sum())
            and CV(['0.6439', '0.2369', '0.0871', '0.0321'], p)),
        ('- $\\varepsilon/K = 0{,}1/4', lambda: E('0.1', eps) and E('4', K) and E('0.025', eps / K) and E('1', 1)
            and C('0.9', q[c]) and EV(['0.9', '0.025', '0.025', '0.025'], q)),
        ('- Gradiente: $\\partial L/\\partial z = p - q', lambda: near(g, p - q) and CV(['-0.2561', '0.2119', '0.0621', '0.0071'], g, p - q_car)),
        ('- Pérdida: $\\log p = z - \\log 11{,}4752', lambda: C('11.4752', np.exp(z).sum()) and CV(['-0.4402', '-1.4402', '-2.4402', '-3.4402'], lp)),
        ('$L \\approx 0{,}9 \\cdot 0{,}4402', lambda: ALL(C('0.9', q[0]), C('0.4402', -lp[0]), E('0.025', q[1]),
            CV(['1.4402', '2.4402', '3.4402'], -lp[1:]), C('0.3962', q[0] * -lp[0], 0.9 * 0.4402),
            C('0.1830', -q[1:] @ lp[1:], 0.025 * (1.4402 + 2.4402 + 3.4402)),
            C('0.5792', Lq(z), 0.3962 + 0.1830))),
        ('Para comparar, sin suavizado', lambda: E('0', 0) and CV(['-0.3561', '0.2369', '0.0871', '0.0321'], grad(lambda u: Lq(u, y), z))
            and abs(g[c]) < abs(p[c] - 1) and near((p - q)[1:], (p - y)[1:] - eps / K)),
        ('**Solución (c)** [0,5 puntos].', lambda: convex() and near(grad(Lq, zq), np.zeros(K)) and E('0.5', 0.5)),
        ('$$z_1 - z_k = \\log\\frac{q_1}{q_k}', lambda: near(softmax(zq), q) and C('0.9', q[0]) and E('0.025', q[1])
            and C('36', q[0] / q[1]) and C('3.58', zq[0] - zq[1], np.log(0.9 / 0.025)) and E('1', 1)),
        ('A diferencia de la entropía cruzada sin suavizado', lambda: E('2016', 2016) and E('0.1', 0.1)
            and Lq(np.array([40.0, 0, 0, 0]), y) < Lq(np.array([20.0, 0, 0, 0]), y)),
    ]

# ======================================================================= 10
@register('10_two_token_attention_notebook.md')
def f10():
    Q = np.array([[1., 2.], [0., 1.]]); K = np.array([[1., 0.], [1., 1.]]); V = np.array([[1., 0.], [0., 2.]]); dk = Q.shape[1]
    fwd = lambda Qx, Kx, Vx: softmax(Qx @ Kx.T / np.sqrt(dk)) @ Vx
    S = Q @ K.T / np.sqrt(dk); P = np.exp(S) / np.exp(S).sum(axis=1, keepdims=True); O = P @ V
    L = lambda Qx, Kx, Vx: np.trace(fwd(Qx, Kx, Vx))
    dO = np.eye(2); dV = P.T @ dO; dP = dO @ V.T
    dS = P * (dP - (P * dP).sum(axis=1, keepdims=True))
    dQ = dS @ K / np.sqrt(dk); dK = dS.T @ Q / np.sqrt(dk)
    gQ = grad(lambda u: L(u, K, V), Q); gK = grad(lambda u: L(Q, u, V), K); gV = grad(lambda u: L(Q, K, u), V)
    gS = grad(lambda u: np.trace(softmax(u) @ V), S)
    r = (P * dP).sum(1)
    def out(arr):
        with np.printoptions(precision=4, suppress=True):
            txt = np.array2string(arr).split('\n')
        return lambda line: (lambda: line in txt)
    sig = lambda t: 1 / (1 + np.exp(-t))
    return [
        ('Smallest non-trivial case', lambda: E('2', Q.shape[0]) and E('2', dk) and V.shape[1] == 2
            and near(grad(lambda Oo: np.trace(Oo), O), np.eye(2))),
        ('np.set_printoptions(precision=4', lambda: E('4', 4)),
        ('Q = np.array([[1., 2.], [0., 1.]])', lambda: EV(['1', '2', '0', '1'], Q)),
        ('K = np.array([[1., 0.], [1., 1.]])', lambda: EV(['1', '0', '1', '1'], K)),
        ('V = np.array([[1., 0.], [0., 2.]])', lambda: EV(['1', '0', '0', '2'], V)),
        ('d_k = Q.shape[1]', lambda: E('1', 1) and dk == 2),
        ('By hand first:', lambda: EV(['1', '3', '0', '1'], Q @ K.T) and E('2', dk) and CV(['0.7071', '2.1213', '0', '0.7071'], S)),
        ('A two-way softmax only sees the gap', lambda: E('1', 1) and C('1.4142', S[0, 1] - S[0, 0]) and E('2', 2) and C('0.7071', S[1, 1] - S[1, 0])
            and C('1.4142', S[0, 1] - S[0, 0]) and C('0.8044', P[0, 1]) and abs(P[0, 1] - sig(S[0, 1] - S[0, 0])) < 1e-12
            and C('0.7071', S[1, 1] - S[1, 0]) and C('0.6698', P[1, 1]) and abs(P[1, 1] - sig(S[1, 1] - S[1, 0])) < 1e-12),
        ('P = np.exp(S) / np.exp(S).sum(axis=1', lambda: E('1', 1) and near(P, softmax(S))),
        ('[[0.7071 2.1213]', out(S)('[[0.7071 2.1213]'), '*'),
        (' [0.     0.7071]]', out(S)(' [0.     0.7071]]'), '*'),
        ('[[0.1956 0.8044]', out(P)('[[0.1956 0.8044]'), '*'),
        (' [0.3302 0.6698]]', out(P)(' [0.3302 0.6698]]'), '*'),
        ('[[0.1956 1.6089]', out(O)('[[0.1956 1.6089]'), '*'),
        (' [0.3302 1.3395]]', out(O)(' [0.3302 1.3395]]'), '*'),
        ('So $L = O_{11} + O_{22}', lambda: C('0.1956', O[0, 0]) and C('1.3395', O[1, 1]) and C('1.5351', L(Q, K, V), 0.1956 + 1.3395)),
        ('1. $\\bar V = P^\\top \\bar O = P^\\top$', lambda: near(gV, P.T) and near(dP, np.diag([1, 2])) and EV(['1', '2'], np.diag(V.T))),
        ('2. Row softmax:', lambda: near(gS, dS) and C('0.1956', P[0, 0]) and E('1', dP[0, 0]) and C('0.1956', r[0])
            and C('0.6698', P[1, 1]) and E('2', dP[1, 1]) and C('1.3395', r[1]) and C('1.3396', 0.6698 * 2) and abs(1.3396 - r[1]) > 5e-5
            and C('0.66976', P[1, 1])),
        ('3. Row 1: $\\bar S_{11}', lambda: E('1', 1) and C('0.1956', P[0, 0]) and E('1', dP[0, 0]) and C('0.1956', r[0]) and C('0.1573', gS[0, 0])
            and C('0.8044', P[0, 1]) and E('0', dP[0, 1]) and C('0.1956', r[0]) and C('-0.1573', gS[0, 1])
            and E('2', 2) and C('0.3302', P[1, 0]) and E('0', dP[1, 0]) and C('1.3395', r[1]) and C('-0.4424', gS[1, 0])
            and C('0.4424', gS[1, 1])),
        ('4. $\\bar Q = \\bar S K/\\sqrt 2$', lambda: near(gQ, dS @ K / np.sqrt(2)) and E('2', dk) and near(gK, dS.T @ Q / np.sqrt(2)) and E('2', dk)),
        ('dO = np.eye(2); dV = P.T @ dO', lambda: E('2', 2) and near(dV, gV)),
        ('dS = P * (dP - (P * dP).sum(axis=1', lambda: E('1', 1) and near(dS, gS)),
        ('[[ 0.1573 -0.1573]', out(dS)('[[ 0.1573 -0.1573]'), '*'),
        (' [-0.4424  0.4424]]', out(dS)(' [-0.4424  0.4424]]'), '*'),
        ('[[ 0.     -0.1112]', out(dQ)('[[ 0.     -0.1112]'), '*'),
        (' [ 0.      0.3128]]', out(dQ)(' [ 0.      0.3128]]'), '*'),
        ('[[ 0.1112 -0.0903]', out(dK)('[[ 0.1112 -0.0903]'), '*'),
        (' [-0.1112  0.0903]]', out(dK)(' [-0.1112  0.0903]]'), '*'),
        ('- The first column of $\\bar Q$ is exactly', lambda: E('0', gQ[:, 0].round(9).max()) and np.allclose(gQ[:, 0], 0, atol=1e-7)
            and near(dS @ K[:, 0], dS.sum(1)) and E('0', 0) and E('1', K[0, 0]) and K[0, 0] == K[1, 0]),
        ('- The two rows of $\\bar K$ are negatives', lambda: near(gK[0], -gK[1]) and E('1', 1) and E('2', 2) and E('1', 1) and E('2', 2)
            and near(gK.sum(0), np.zeros(2)) and E('0', 0)),
        ('- $\\bar V = P^\\top$ has column sums $1$', lambda: near(gV.sum(0), np.ones(2)) and E('1', 1) and C('0.1956', gV[0, 0]) and abs(gV[0, 0] - P[0, 0]) < 1e-8
            and near(grad(lambda u: fwd(Q, K, u)[1, 1], V)[0, 0], 0)),
        ('Ot = torch.softmax(Qt @ Kt.T / 2 ** 0.5', lambda: E('2', 2) and E('0.5', 0.5) and 2 ** 0.5 == np.sqrt(dk) and E('-1', -1)),
        ('Ot.trace().backward()', lambda: near(gQ, dQ)),
        ('    True True True', lambda: near(gQ, dQ) and near(gK, dK) and near(gV, dV)),
    ]

# ======================================================================= 11
@register('11_attention_flops_stackexchange.md')
def f11():
    def layer_flops(n, d, h):
        dh = d // h; X = np.ones((n, d)); F = {}
        c = Flops(); [c.mm(X, np.ones((d, d))) for _ in range(3)]; F['qkv'] = c.n
        c = Flops(); [c.mm(np.ones((n, dh)), np.ones((dh, n))) for _ in range(h)]; F['scores'] = c.n
        c = Flops(); [c.mm(np.ones((n, n)), np.ones((n, dh))) for _ in range(h)]; F['pv'] = c.n
        c = Flops(); c.mm(X, np.ones((d, d))); F['out'] = c.n
        c = Flops(); H = c.mm(X, np.ones((d, 4 * d))); c.mm(H, np.ones((4 * d, d))); F['ffn'] = c.n
        return F
    cases = [(8, 4, 2), (6, 8, 4), (5, 12, 3)]
    Fs = [(n, d, h, layer_flops(n, d, h)) for n, d, h in cases]
    chk = lambda key, f: all(F[key] == f(n, d, h) for n, d, h, F in Fs)
    total = lambda F: sum(F.values())
    d0, n0 = 4096, 2048
    T_true = 24 * n0 * d0 ** 2 + 4 * n0 ** 2 * d0
    def matmul_cost():
        c = Flops(); c.mm(np.ones((3, 5)), np.ones((5, 7)))
        return c.n == 2 * 3 * 5 * 7 and E('2', 2)
    def backward_twice():
        A, B, G = rand(3, 4), rand(4, 5), rand(3, 5)
        ok = near(grad(lambda u: np.sum(G * (u @ B)), A), G @ B.T) and near(grad(lambda u: np.sum(G * (A @ u)), B), A.T @ G)
        c1 = Flops(); c1.mm(A, B); c2 = Flops(); c2.mm(G, B.T); c3 = Flops(); c3.mm(A.T, G)
        return ok and c2.n == c1.n == c3.n and E('3', 3)
    def causal_half():
        n = 4096; t = 64; blocks = n // t
        live = sum(1 for i in range(blocks) for j in range(blocks) if j <= i)
        return abs(live / blocks ** 2 - 0.5) < 0.01 and E('2', 2) and E('4', 4) and E('2', 2)
    return [
        ('**Q: How many FLOPs does a Transformer layer take', lambda: E('2', 2)),
        ('Fix the convention first', lambda: matmul_cost() and E('1', 1)),
        ('| $Q, K, V$ projections |', lambda: chk('qkv', lambda n, d, h: 6 * n * d * d) and E('6', 6) and E('2', 2)),
        ('| scores $QK^\\top$ |', lambda: chk('scores', lambda n, d, h: 2 * n * n * d) and E('2', 2) and E('2', 2)),
        ('| softmax |', lambda: E('2', 2)),
        ('| $PV$ |', lambda: chk('pv', lambda n, d, h: 2 * n * n * d) and E('2', 2) and E('2', 2)),
        ('| output projection $W^O$ |', lambda: chk('out', lambda n, d, h: 2 * n * d * d) and E('2', 2) and E('2', 2)),
        ('| FFN with $d_{ff} = 4d$ |', lambda: ALL(E('4', 4), E('4', 4), E('4', 4), E('4', 4),
                                                     chk('ffn', lambda n, d, h: 8 * n * d * d), E('8', 8), E('2', 2))),
        ('Note that the number of heads drops out', lambda: all(h * 2 * n * n * (d // h) == 2 * n * n * d for n, d, h, _ in Fs)
            and E('2', 2) and E('2', 2) and E('2', 2) and E('2', 2)),
        ('$$F_{\\text{layer}} = \\underbrace{8nd^2}', lambda: ALL(
            all(F['qkv'] + F['out'] == 8 * n * d * d and F['scores'] + F['pv'] == 4 * n * n * d for n, d, h, F in Fs),
            all(F['ffn'] == 8 * n * d * d for n, d, h, F in Fs), all(total(F) == 16 * n * d * d + 4 * n * n * d for n, d, h, F in Fs)),
            '8 2 4 2 8 2 16 2 4 2'),
        ('So the quadratic term wins once', lambda: ALL(E('4', 4), E('2', 2), E('16', 16), E('2', 2),
            all((4 * n * n * d > total(layer_flops(n, d, 1)) - 4 * n * n * d) == (n > 4 * d) for n, d in ((10, 2), (7, 2), (9, 2), (30, 4))),
            E('4', 4), E('4096', 4096), E('16384', 4 * 4096))),
        ('A concrete point, $d = 4096$', lambda: E('4096', d0) and E('2048', n0)),
        ('- $16nd^2 = 16\\cdot 2048', lambda: E('16', 16) and E('2', 2) and E('16', 16) and E('2048', n0) and E('4096', d0) and E('2', 2)
            and C('5.50', 16 * n0 * d0 ** 2 / 1e11) and E('10', 10) and E('11', 11)),
        ('- $4n^2 d = 4\\cdot 2048^2', lambda: E('4', 4) and E('2', 2) and E('4', 4) and E('2048', n0) and E('2', 2) and E('4096', d0)
            and C('6.87', 4 * n0 ** 2 * d0 / 1e10) and E('10', 10) and E('10', 10)),
        ('- share of the $n^2$ part', lambda: E('2', 2) and C('6.87', 4 * n0 ** 2 * d0 / 1e10) and C('55.0', 16 * n0 * d0 ** 2 / 1e10)
            and C('6.87', 4 * n0 ** 2 * d0 / 1e10) and C('11', 100 * 4 * n0 ** 2 * d0 / T_true, 100 * 6.87 / (55.0 + 6.87))),
        ('so at "normal" context lengths', lambda: E('2', 2) and 4 * n0 ** 2 * d0 < 0.5 * T_true),
        ('1. The backward pass costs about twice', backward_twice),
        ('2. FlashAttention does not reduce these FLOPs', causal_half),
    ]

# ======================================================================= 12
@register('12_kv_cache_vi.md', comma=True)
def f12():
    def cache_bytes(L, n_kv, d_h, T, B, dtype=np.float16):
        # build the actual cache tensors (per layer K and V of shape (B, n_kv, T, d_h)) -- small T, then scale linearly
        per = 0
        for _ in range(L):
            k = np.zeros((B, n_kv, 1, d_h), dtype); v = np.zeros((B, n_kv, 1, d_h), dtype)
            per += k.nbytes + v.nbytes
        return per * T
    def formula():
        ok = True
        for L, nkv, dh, T, B in ((3, 2, 4, 5, 2), (2, 4, 8, 3, 1)):
            ok &= cache_bytes(L, nkv, dh, T, B) == 2 * L * nkv * dh * T * B * 2
            ok &= cache_bytes(L, nkv, dh, T, B, np.float32) == 2 * L * nkv * dh * T * B * 4
        return ok
    KiB, GiB = 2 ** 10, 2 ** 30
    t7 = cache_bytes(32, 32, 128, 1, 1); t70 = cache_bytes(80, 8, 128, 1, 1)
    kv_bytes = lambda L, n_kv, d_h, T, B, b=2: 2 * L * n_kv * d_h * T * B * b
    n7 = 6_738_415_616                                   # Llama-2-7B parameter count
    return [
        ('**a) Công thức.** Gọi $L$', GIVEN),
        ('$$M_{\\text{KV}} = 2 \\cdot L', lambda: formula() and E('2', 2)),
        ('Hệ số $2$ là vì lưu cả K lẫn V', lambda: E('2', 2) and 32 * 128 == 4096 and 64 * 128 == 8192),
        ('**b) Llama-2-7B** ($L = 32$', lambda: E('2', 2) and E('7', 7) and E('32', 32) and E('32', 32) and E('128', 128)
            and E('4096', 32 * 128) and E('2', np.zeros(1, np.float16).nbytes)),
        ('- mỗi token: $2 \\cdot 32 \\cdot 32', lambda: E('2', 2) and E('32', 32) and E('32', 32) and E('128', 128) and E('2', 2)
            and E('524288', t7) and E('512', t7 / KiB)),
        ('- $T = 4096$, $B = 1$: $524\\,288', lambda: E('4096', 4096) and E('1', 1) and E('524288', t7) and E('4096', 4096)
            and E('2147483648', cache_bytes(32, 32, 128, 4096, 1)) and E('2', cache_bytes(32, 32, 128, 4096, 1) / GiB)),
        ('- $T = 4096$, $B = 8$:', lambda: E('4096', 4096) and E('8', 8) and E('8', 8) and E('2', 2)
            and E('16', cache_bytes(32, 32, 128, 4096, 8) / GiB)),
        ('**Llama-2-70B** ($L = 80$', lambda: E('2', 2) and E('70', 70) and E('80', 80) and E('64', 64) and E('8', 8) and E('128', 128)
            and 64 % 8 == 0),
        ('- mỗi token: $2 \\cdot 80 \\cdot 8', lambda: E('2', 2) and E('80', 80) and E('8', 8) and E('128', 128) and E('2', 2)
            and E('327680', t70) and E('320', t70 / KiB)),
        ('- $T = 4096$, $B = 1$: $327\\,680', lambda: E('4096', 4096) and E('1', 1) and E('327680', t70) and E('4096', 4096)
            and E('1342177280', cache_bytes(80, 8, 128, 4096, 1)) and E('1.25', cache_bytes(80, 8, 128, 4096, 1) / GiB)),
        ('- nếu không dùng GQA', lambda: E('64', 64) and E('64', 64) and E('8', 8) and E('8', cache_bytes(80, 64, 128, 1, 1) / t70)
            and E('10', cache_bytes(80, 64, 128, 4096, 1) / GiB)),
        ('**c) So sánh với trọng số.**', lambda: E('2', 2) and E('7', 7) and C('6.74', n7 / 1e9) and E('10', 10) and E('9', 9)
            and C('6.74', n7 / 1e9) and E('10', 10) and E('9', 9) and E('2', 2) and C('13.5', n7 * 2 / 1e9, 6.74 * 2)
            and C('12.6', n7 * 2 / GiB, 6.74e9 * 2 / GiB) and E('8', 8) and E('4096', 4096) and E('16', cache_bytes(32, 32, 128, 4096, 8) / GiB)
            and 16 * GiB > n7 * 2),
        ('def kv_bytes(L, n_kv, d_h, T, B, b=2):', lambda: E('2', 2)),
        ('    return 2 * L * n_kv', lambda: E('2', 2) and all(kv_bytes(*a) == cache_bytes(*a) for a in ((3, 2, 4, 5, 2), (2, 4, 8, 3, 1)))),
        ('print(kv_bytes(32, 32, 128, 4096, 1) / 2**30)', lambda: EV(['32', '32', '128', '4096', '1'], [32, 32, 128, 4096, 1])
            and E('2', 2) and E('30', 30) and E('2.0', kv_bytes(32, 32, 128, 4096, 1) / 2 ** 30)),
        ('print(kv_bytes(80, 8, 128, 4096, 1) / 2**30)', lambda: EV(['80', '8', '128', '4096', '1'], [80, 8, 128, 4096, 1])
            and E('2', 2) and E('30', 30) and E('1.25', kv_bytes(80, 8, 128, 4096, 1) / 2 ** 30)),
        ('**Nhận xét.** KV-cache tăng tuyến tính', lambda: cache_bytes(2, 2, 4, 10, 3) == 2 * cache_bytes(2, 2, 4, 5, 3) == 3 * cache_bytes(2, 2, 4, 10, 1)
            and E('7', 7) and t7 == GiB // 2048 * 1 and t7 / 2 ** 20 == 0.5
            and cache_bytes(80, 2, 128, 7, 1) * 4 == cache_bytes(80, 8, 128, 7, 1)),
    ]

# ======================================================================= 13
@register('13_ffn_relu_backward_notebook.md')
def f13():
    relu = lambda t: np.maximum(t, 0)
    x = np.array([[1., -1.]]); W1 = np.array([[1., -1., 0.5], [-1., 1., 1.]]); b1 = np.array([[0., 0., 1.]])
    W2 = np.array([[1., 0.], [0.5, -1.], [-1., 2.]]); b2 = np.zeros((1, 2)); c = np.array([[1., -2.]])
    fwd = lambda x_, W1_, b1_, W2_, b2_: x_ + relu(x_ @ W1_ + b1_) @ W2_ + b2_
    Lf = lambda *args: float((fwd(*args) * c).sum())
    a = x @ W1 + b1; h = relu(a); y = fwd(x, W1, b1, W2, b2); L = Lf(x, W1, b1, W2, b2)
    g = {k: grad(lambda u, k=k: Lf(*[u if j == k else v for j, v in enumerate([x, W1, b1, W2, b2])]), [x, W1, b1, W2, b2][k]) for k in range(5)}
    gx, gW1, gb1, gW2, gb2 = (g[k] for k in range(5))
    dy = grad(lambda u: float((u * c).sum()), y)
    dh = grad(lambda u: float(((x + u @ W2 + b2) * c).sum()), h)
    da = grad(lambda u: float(((x + relu(u) @ W2 + b2) * c).sum()), a)
    da_car = dh * relu(a); dW1_car = x.T @ da_car; dx_car = dy + da_car @ W1.T
    def printed(*arrs):
        return [ln for ln in ' '.join(str(a_) for a_ in arrs).split('\n')]
    def out(lines, i, text):
        return lambda: i < len(lines) and lines[i] == text
    fwd_out = printed(a, h, y, L)
    bw = {n_: str(v).split('\n') for n_, v in (('dh', dh), ('dW2', gW2), ('da', da), ('dW1', gW1), ('dx', gx))}
    def rules():
        ok = True
        for _ in range(3):
            xx, A1, c1, A2, c2, cc = rand(1, 3), rand(3, 4), rand(1, 4), rand(4, 3), rand(1, 3), rand(1, 3)
            f = lambda X_, A1_, c1_, A2_, c2_: float(((X_ + relu(X_ @ A1_ + c1_) @ A2_ + c2_) * cc).sum())
            aa = xx @ A1 + c1; hh = relu(aa); dhh = cc @ A2.T; daa = dhh * (aa > 0)
            ok &= near(grad(lambda u: f(xx, A1, c1, u, c2), A2), hh.T @ cc) and near(grad(lambda u: f(xx, A1, c1, A2, u), c2), cc)
            ok &= near(grad(lambda u: f(xx, u, c1, A2, c2), A1), xx.T @ daa) and near(grad(lambda u: f(xx, A1, u, A2, c2), c1), daa)
            ok &= near(grad(lambda u: f(u, A1, c1, A2, c2), xx), cc + daa @ A1.T)
        return ok
    def relu_step():
        ok = True
        for _ in range(3):
            aa = rand(1, 5); dd = rand(1, 5)
            ok &= near(grad(lambda u: float((dd * relu(u)).sum()), aa), dd * relu(aa))
        return ok
    def bias_rules():
        xx, A1, c1, A2, c2, cc = rand(1, 3), rand(3, 4), rand(1, 4), rand(4, 3), rand(1, 3), rand(1, 3)
        f = lambda c1_: float(((xx + relu(xx @ A1 + c1_) @ A2 + c2) * cc).sum())
        aa = xx @ A1 + c1; daa = (cc @ A2.T) * (aa > 0)
        return near(grad(f, c1), daa)
    return [
        ('$$y = x + \\mathrm{ReLU}(xW_1 + b_1)\\,W_2 + b_2, \\qquad', lambda: EV(['1', '2'], x.shape) and EV(['2', '3'], W1.shape)
            and EV(['3', '2'], W2.shape)),
        ('(The base Transformer has $d = 512$', lambda: E('512', 512) and E('2048', 2048) and E('2', x.shape[1]) and E('3', W1.shape[1])),
        ('relu = lambda t: np.maximum(t, 0)', lambda: E('0', 0) and near(relu(np.array([-1.0, 2.0])), [0, 2])),
        ('x  = np.array([[1., -1.]])', lambda: EV(['1', '-1'], x)),
        ('W1 = np.array([[1., -1., 0.5]', lambda: EV(['1', '-1', '0.5', '-1', '1', '1'], W1) and EV(['0', '0', '1'], b1)),
        ('W2 = np.array([[1., 0.], [0.5, -1.]', lambda: EV(['1', '0', '0.5', '-1', '-1', '2'], W2) and EV(['1', '2'], b2.shape)),
        ('c  = np.array([[1., -2.]])', lambda: EV(['1', '-2'], c) and near(dy, c)),
        ('a = x @ W1 + b1', lambda: near(a, x @ W1 + b1)),
        ('h = relu(a)', lambda: near(h, relu(a))),
        ('y = x + h @ W2 + b2', lambda: near(y, x + h @ W2 + b2)),
        ('L = (y * c).sum()', lambda: L == (y * c).sum()),
        ('    [[ 2.  -2.   0.5]] [[2.  0.  0.5]]', out(fwd_out, 0, '[[ 2.  -2.   0.5]] [[2.  0.  0.5]] [[2.5 0. ]] 2.5'), '*'),
        ('Going backwards through $y = x + hW_2', GIVEN),
        ('- $\\delta_y = \\partial L/\\partial y = c$', lambda: near(dy, c)),
        ('- $\\delta_h = \\delta_y W_2^\\top$', lambda: rules() and near(dh, dy @ W2.T) and near(gW2, h.T @ dy) and near(gb2, dy)),
        ('- through the ReLU: $\\delta_a', relu_step),
        ('- $\\partial L/\\partial W_1 = x^\\top \\delta_a$', lambda: rules() and bias_rules()),
        ('- $\\partial L/\\partial x = \\delta_y + \\delta_a W_1^\\top$', lambda: rules() and near(gx, dy + da @ W1.T)),
        ('dy  = c', lambda: near(dy, c)),
        ('dh  = dy @ W2.T', lambda: near(dh, dy @ W2.T)),
        ('dW2 = h.T @ dy', lambda: near(gW2, h.T @ dy)),
        ('da  = dh * relu(a)', lambda: near(da, dh * relu(a))),
        ('dW1 = x.T @ da', lambda: near(gW1, x.T @ da)),
        ('dx  = dy + da @ W1.T', lambda: near(gx, dy + da @ W1.T)),
        ('    [[ 1.   2.5 -5. ]]', out(bw['dh'], 0, '[[ 1.   2.5 -5. ]]'), '*'),
        ('    [[ 2.  -4. ]', out(bw['dW2'], 0, '[[ 2.  -4. ]'), '*'),
        ('     [ 0.   0. ]', out(bw['dW2'], 1, ' [ 0.   0. ]'), '*'),
        ('     [ 0.5 -1. ]]', out(bw['dW2'], 2, ' [ 0.5 -1. ]]'), '*'),
        ('    [[ 2.   0.  -2.5]]', out(bw['da'], 0, '[[ 2.   0.  -2.5]]'), '*'),
        ('     [-2.   0.   2.5]]', out(bw['dW1'], 1, ' [-2.   0.   2.5]]'), '*'),
        ('    [[ 1.75 -6.5 ]]', out(bw['dx'], 0, '[[ 1.75 -6.5 ]]'), '*'),
        ('By hand for the last line:', lambda: ALL(E('2', da_car[0, 0]), E('1', W1[0, 0]), E('0', da_car[0, 1]), E('-1', W1[0, 1]),
            E('2.5', -da_car[0, 2]), E('0.5', W1[0, 2]), E('2', da_car[0, 0]), E('-1', W1[1, 0]), E('0', da_car[0, 1]), E('1', W1[1, 1]),
            E('2.5', -da_car[0, 2]), E('1', W1[1, 2]), CV(['0.75', '-4.5'], da @ W1.T, da_car @ W1.T), EV(['1', '-2'], dy),
            CV(['1.75', '-6.5'], gx, dx_car))),
        ('Shapes: `dW1` is', lambda: EV(['2', '3'], gW1.shape) and EV(['3', '2'], gW2.shape) and EV(['1', '2'], gx.shape)),
        ('The middle hidden unit ($a_2 = -2$)', lambda: E('-2', a[0, 1]) and near(gW1[:, 1], np.zeros(2)) and near(dW1_car[:, 1], np.zeros(2))),
    ]

# ======================================================================= 14
@register('14_softmax_rowsum_trick_stackexchange.md')
def f14():
    P = np.array([0.5, 0.3, 0.2]); Vm = np.array([[1.0, 0], [0, 1], [2, -1]]); dO = np.array([1.0, 2])
    S0 = np.log(P)                                   # any scores with softmax(S0) = P
    O = P @ Vm; dP = Vm @ dO; D = P @ dP
    dS = grad(lambda s: dO @ (softmax(s) @ Vm), S0)
    def identities():
        ok = True
        for _ in range(3):
            n, m, d = 3, 5, 4
            S, Vv, G = rand(n, m), rand(m, d), rand(n, d); Pp = softmax(S)
            dPp = grad(lambda u: np.sum(G * (u @ Vv)), Pp)
            ok &= near(dPp, G @ Vv.T)
            num = grad(lambda u: np.sum(G * (softmax(u) @ Vv)), S)
            Dd = (Pp * dPp).sum(1, keepdims=True)
            ok &= near(num, Pp * (dPp - Dd))
            ok &= near(Dd[:, 0], (G * (Pp @ Vv)).sum(1))
        return ok
    def scale():
        n, d = 3, 4; Q, K, Vv, G = rand(n, d), rand(n, d), rand(n, 2), rand(n, 2)
        f = lambda Qx, Kx: np.sum(G * (softmax(Qx @ Kx.T / np.sqrt(d)) @ Vv))
        Pp = softmax(Q @ K.T / np.sqrt(d)); dPp = G @ Vv.T; dSs = Pp * (dPp - (Pp * dPp).sum(1, keepdims=True))
        return near(grad(lambda u: f(u, K), Q), dSs @ K / np.sqrt(d)) and near(grad(lambda u: f(Q, u), K), dSs.T @ Q / np.sqrt(d))
    return [
        ('**Q: In the FlashAttention backward pass', identities),
        ('**A:** They are the same number.', identities),
        ('Setup for one query row $i$', lambda: near(softmax(S0), P) and O.shape == (2,)),
        ('$$dP_{ij} = dO_i \\cdot v_j, \\qquad dS_{ij}', identities),
        ('Now substitute the first identity', GIVEN),
        ('$$D_i = \\sum_j P_{ij}\\,(dO_i \\cdot v_j)', identities),
        ('That\'s all there is to it.', identities),
        ('**Tiny example.**', lambda: E('2', 2) and EV(['0.5', '0.3', '0.2'], P) and abs(P.sum() - 1) < 1e-12
            and EV(['1', '0', '0', '1', '2', '-1'], Vm) and EV(['1', '2'], dO)),
        ('- $O = 0.5\\,v_1', lambda: EV(['0.5', '0.3', '0.2'], P) and CV(['0.9', '0.1'], O)),
        ('- $dP = (dO\\cdot v_1', lambda: EV(['1', '2', '0'], grad(lambda p: dO @ (p @ Vm), P).round(8))),
        ('- slow way:', lambda: E('0.5', P[0] * dP[0]) and C('0.6', P[1] * dP[1]) and E('0', P[2] * dP[2]) and C('1.1', D)
            and C('0.9', O[0] * dO[0]) and C('0.2', O[1] * dO[1]) and C('1.1', O @ dO)),
        ('- $dS = P \\circ (dP - 1.1)', lambda: C('1.1', D) and CV(['-0.05', '0.27', '-0.22'], dS) and E('0', dS.sum().round(9))),
        ('**Why bother?**', lambda: E('8192', 8192) and E('8192', 8192) and E('2', 2) and E('4', np.zeros(1, np.float32).nbytes)
            and E('256', np.zeros((8192, 8192), np.float32).nbytes / 2 ** 20) and E('8192', 8192) and E('4', 4)
            and E('32', np.zeros(8192, np.float32).nbytes / 2 ** 10)),
        ('(Don\'t forget the scale', scale),
    ]

# ======================================================================= 15
@register('15_prenorm_postnorm_cs224n.md')
def f15():
    ln = lambda u: (u - u.mean()) / u.std()
    def Jnum(u):
        return np.stack([grad(lambda v: ln(v)[j], u) for j in range(len(u))])
    def jac_formula():
        ok = True
        for d in (3, 5, 8):
            u = rand(d); uh = ln(u); one = np.ones((d, 1))
            Pi = np.eye(d) - one @ one.T / d - np.outer(uh, uh) / d
            ok &= near(Jnum(u), Pi / u.std())
        return ok
    def projector():
        ok = True
        for d in (3, 6, 10):
            u = rand(d); uh = ln(u); one = np.ones(d)
            Pi = np.eye(d) - np.outer(one, one) / d - np.outer(uh, uh) / d
            ok &= abs(one @ uh) < 1e-12 and abs(one @ one - d) < 1e-12 and abs(uh @ uh - d) < 1e-9
            ok &= near(Pi, Pi.T, 1e-12) and near(Pi @ Pi, Pi, 1e-9) and np.linalg.matrix_rank(Pi, 1e-8) == d - 2
            ok &= near(Pi @ one, np.zeros(d), 1e-9) and near(Pi @ uh, np.zeros(d), 1e-9)
        return ok
    def bound():
        ok = True
        for _ in range(5):
            d = 6; u, g = rand(d), rand(d); J = Jnum(u)
            Pi = J * u.std()
            ok &= abs(np.linalg.norm(J.T @ g) - np.linalg.norm(Pi @ g) / u.std()) < 1e-6 and np.linalg.norm(J.T @ g) <= np.linalg.norm(g) / u.std() + 1e-9
        return ok
    def d2():
        ok = True
        for _ in range(3):
            u = rand(2); uh = ln(u); one = np.ones(2)
            ok &= near(np.abs(uh), [1, 1], 1e-12) and uh.sum() == 0
            ok &= near(np.outer(one, one) / 2 + np.outer(uh, uh) / 2, np.eye(2), 1e-12) and near(Jnum(u), np.zeros((2, 2)))
        return ok
    def stack(pre=True, n=3, d=5):
        R = np.random.default_rng(15)
        Ws = [R.uniform(-1, 1, (d, d)) * 0.5 for _ in range(n)]
        F = lambda W, v: np.tanh(W @ v)
        def run(x0, upto=n):
            xs = [x0]
            for W in Ws[:upto]:
                x = xs[-1]
                xs.append(x + F(W, ln(x)) if pre else ln(x + F(W, x)))
            return xs
        return Ws, F, run
    def prenorm_formula():
        Ws, F, run = stack(True); x0 = rand(5); g = rand(5)
        lhs = grad(lambda v: g @ run(v)[-1], x0)
        xs = run(x0)
        rhs = g + sum(grad(lambda v, m=m: g @ F(Ws[m], ln(run(v)[m])), x0) for m in range(3))
        return near(lhs, rhs)
    def postnorm_formula():
        Ws, F, run = stack(False); x0 = rand(5); g = rand(5)
        x = x0; W = Ws[0]; z = x + F(W, x)
        JF = np.stack([grad(lambda v: F(W, v)[j], x) for j in range(5)])
        lhs = grad(lambda v: g @ ln(v + F(W, v)), x)
        return near(lhs, (np.eye(5) + JF).T @ Jnum(z).T @ g)
    R2 = np.random.default_rng(1515)
    d = 2048
    xs = R2.standard_normal((200, d)); xs = (xs - xs.mean(1, keepdims=True)) / xs.std(1, keepdims=True)
    W = R2.normal(0, np.sqrt(1 / d), (d, d))
    Fx = xs @ W.T
    zs = xs + Fx
    def sigma_z():
        s2 = Fx.var(1).mean(); corr = np.mean(np.sum(xs * Fx, 1) / d)
        return abs(s2 - 1) < 0.05 and abs(corr) < 0.05 and abs(zs.var(1).mean() - (1 + s2)) < 0.05
    def generic_g():
        g = R2.standard_normal(d); u = zs[0]; uh = ln(u)
        Pg = g - g.mean() - uh * (g @ uh) / d
        return abs(np.linalg.norm(Pg) / np.linalg.norm(g) - 1) < 0.01 and abs(np.linalg.norm(Pg / u.std()) / np.linalg.norm(g) - 1 / np.sqrt(2)) < 0.02
    return [
        ('*Scribe notes. Column vectors;', GIVEN),
        ('**Two ways to wire a block.**', GIVEN),
        ('\\text{post-norm (original Transformer):}', GIVEN),
        ('\\text{pre-norm (GPT-2 onwards):}', GIVEN, '2'),
        ('**The LayerNorm Jacobian.**', GIVEN, '1'),
        ('$$J_{\\mathrm{LN}}(u) = \\frac{\\partial \\hat u}{\\partial u}', jac_formula, '1 1 1 1'),
        ('Since $\\mathbf 1^\\top\\hat u = 0$', projector, '1 0 1 2 2 1 2 2'),
        ('$$\\big\\|J_{\\mathrm{LN}}^\\top g\\big\\|', bound, '1'),
        ('*Sanity check, $d = 2$:*', lambda: d2() and E('2', 2) and all(
            set(np.round(ln(rand(2)), 12)) in ({1.0, -1.0},) for _ in range(4)), '1 -1 1 2 1 1 1 2 0 2 0 2 1 -1 -1 1'),
        ('**Backward through a stack of $L$ blocks.**', lambda: (lambda Ws, F, run: near(run(np.ones(5) * 0.3 + np.arange(5))[-1],
            np.ones(5) * 0.3 + np.arange(5) + sum(F(Ws[m], ln(run(np.ones(5) * 0.3 + np.arange(5))[m])) for m in range(3))))(*stack(True)), '1'),
        ('$$\\frac{\\partial \\mathcal L}{\\partial x_\\ell} = \\frac{\\partial \\mathcal L}{\\partial x_L} + \\sum', prenorm_formula, '1'),
        ('The top gradient reaches every layer', prenorm_formula),
        ('$$\\frac{\\partial \\mathcal L}{\\partial x_\\ell} = \\big(I + J_{F_\\ell}\\big)^\\top', postnorm_formula),
        ('so there is no clean identity path', lambda: postnorm_formula() and E('1', 1)),
        ('**How big is $\\sigma(z_\\ell)$?**', lambda: E('1', 1) and abs(xs.mean(1)).max() < 1e-12 and E('0', 0) and abs(xs.var(1) - 1).max() < 1e-9
            and E('1', 1) and E('2', 2) and sigma_z() and E('2', 2) and E('1', 1) and E('2', 2)),
        ('For $s = 1$ we get', lambda: E('1', 1) and abs(zs.std(1).mean() - np.sqrt(2)) < 0.05 and E('2', 2) and generic_g()
            and E('1', 1) and E('2', 2) and C('0.7071', 1 / np.sqrt(2)) and E('12', 12) and E('1', 1) and E('2', 2) and E('12', 12)
            and E('1', 1) and E('64', 1 / (1 / np.sqrt(2)) ** 12) and C('0.0156', (1 / np.sqrt(2)) ** 12)),
        ('This ignores the $J_{F_\\ell}$ term', lambda: postnorm_formula() and E('2020', 2020)),
    ]

# ======================================================================= 16
@register('16_causal_attention_grad_tr.md', comma=True)
def f16():
    q = np.array([0.5, 1, -1]); k = np.array([1.0, 0, 2]); v = np.array([2.0, -1, 1])
    Mk = np.triu(np.ones((3, 3)), 1) > 0
    def P_of(qq, kk):
        S = np.where(Mk, -np.inf, np.outer(qq, kk) / np.sqrt(1))
        return softmax(S)
    L = lambda qq, kk, vv: float((P_of(qq, kk) @ vv).sum())
    P = P_of(q, k); o = P @ v
    gq = grad(lambda u: L(u, k, v), q); gk = grad(lambda u: L(q, u, v), k); gv = grad(lambda u: L(q, k, u), v)
    S = np.outer(q, k)
    Sm = np.where(Mk, -1e30, S)
    gS = grad(lambda s: float((softmax(np.where(Mk, -1e30, s)) @ v).sum()), S)
    Sb_r = np.array([[0, 0, 0], [0.5898, -0.5898, 0], [0.5104, -0.6082, 0.0978]])
    dq_car = Sb_r @ k; dk_car = Sb_r @ q
    def rules():
        ok = True
        for _ in range(3):
            qq, kk, vv = rand(4), rand(4), rand(4); M4 = np.triu(np.ones((4, 4)), 1) > 0
            Pp = softmax(np.where(M4, -np.inf, np.outer(qq, kk))); oo = Pp @ vv
            f = lambda s: float((softmax(np.where(M4, -1e30, s)) @ vv).sum())
            ok &= near(grad(lambda u: float((softmax(np.where(M4, -np.inf, np.outer(qq, kk))) @ u).sum()), vv), Pp.sum(0))
            ok &= near(grad(f, np.outer(qq, kk)), Pp * (vv[None, :] - oo[:, None]))
            ok &= near(Pp @ vv, oo)
        return ok
    def qk_rule():
        ok = True
        for _ in range(3):
            qq, kk, vv = rand(4), rand(4), rand(4); M4 = np.triu(np.ones((4, 4)), 1) > 0
            f = lambda a, b: float((softmax(np.where(M4, -np.inf, np.outer(a, b))) @ vv).sum())
            Pp = softmax(np.where(M4, -np.inf, np.outer(qq, kk))); Sb = Pp * (vv[None, :] - (Pp @ vv)[:, None])
            ok &= near(grad(lambda u: f(u, kk), qq), Sb @ kk) and near(grad(lambda u: f(qq, u), kk), Sb @ qq)
        return ok
    return [
        ('**Soru.** $n = 3$ token', lambda: E('3', 3) and E('1', 1) and EV(['0.5', '1', '-1'], q) and EV(['1', '0', '2'], k)
            and EV(['2', '-1', '1'], v) and E('0', 0)),
        ('$d_k = 1$ olduğu için', lambda: E('1', 1) and E('1', np.sqrt(1)) and np.all(P[Mk] == 0)),
        ('- Satır 0: sadece $j = 0$ açık', lambda: E('0', 0) and E('0', 0) and E('1', P[0, 0]) and E('2', o[0])),
        ('- Satır 1: $S_{10} = 1$', lambda: E('1', 1) and E('1', S[1, 0]) and E('0', S[1, 1]) and E('1', 1) and E('1', 1) and E('1', 1)
            and CV(['0.7311', '0.2689'], P[1, :2]) and C('0.7311', P[1, 0]) and E('2', v[0]) and C('0.2689', P[1, 1]) and E('-1', v[1])
            and C('1.1932', o[1])),
        ('- Satır 2: $S_{2\\cdot} = (-1;', lambda: E('2', 2) and EV(['-1', '0', '-2'], S[2]) and CV(['0.3679', '1', '0.1353'], np.exp(S[2]))
            and C('1.5032', np.exp(S[2]).sum()) and CV(['0.2447', '0.6652', '0.0900'], P[2]) and C('0.4894', P[2, 0] * v[0], 0.2447 * 2)
            and C('0.6652', -P[2, 1] * v[1]) and C('0.0900', P[2, 2] * v[2]) and C('-0.0858', o[2], 0.4894 - 0.6652 + 0.0900)),
        ('- $L \\approx 2 + 1{,}1932', lambda: E('2', o[0]) and C('1.1932', o[1]) and C('0.0858', -o[2]) and C('3.1074', L(q, k, v))),
        ('*Geri yayılım.*', lambda: E('1', 1) and near(grad(lambda u: (P @ u).sum(), v), P.sum(0))
            and near(grad(lambda Pp: float((Pp @ v).sum()), P), np.tile(v, (3, 1)))),
        ('$$\\frac{\\partial L}{\\partial v_j} = \\sum_{i \\ge j} P_{ij}', rules),
        ('- $\\partial L/\\partial v = (1 + 0{,}7311', lambda: E('1', P[0, 0]) and C('0.7311', P[1, 0]) and C('0.2447', P[2, 0])
            and C('0.2689', P[1, 1]) and C('0.6652', P[2, 1]) and C('0.0900', P[2, 2])
            and CV(['1.9758', '0.9341', '0.0900'], gv, [1 + 0.7311 + 0.2447, 0.2689 + 0.6652, 0.09]) and E('3', gv.sum().round(9))),
        ('- $\\bar S$, satır 0:', lambda: EV(['0', '0', '0'], gS[0].round(9)) and E('0', 0) and E('1', P[0, 0]) and E('0', v[0] - o[0])),
        ('- $\\bar S$, satır 1:', lambda: E('1', 1) and C('0.7311', P[1, 0]) and E('2', v[0]) and C('1.1932', o[1]) and C('0.5898', gS[1, 0])
            and C('0.2689', P[1, 1]) and E('-1', v[1]) and C('1.1932', o[1]) and C('-0.5898', gS[1, 1]) and E('0', gS[1, 2].round(9))),
        ('- $\\bar S$, satır 2:', lambda: E('2', 2) and C('0.2447', P[2, 0]) and E('2', v[0]) and C('0.0858', -o[2]) and C('0.5104', gS[2, 0])
            and C('0.6652', P[2, 1]) and E('-1', v[1]) and C('0.0858', -o[2]) and C('-0.6082', gS[2, 1])
            and C('0.0900', P[2, 2]) and E('1', v[2]) and C('0.0858', -o[2]) and C('0.0978', gS[2, 2]) and E('0', gS[2].sum().round(9))),
        ('$S = q\\,k^\\top$ olduğundan matris biçiminde', qk_rule),
        ('- $\\partial L/\\partial q = (0;', lambda: ALL(E('0', gq[0].round(9)), C('0.5898', gS[1, 0]), E('1', k[0]), C('0.5898', -gS[1, 1]),
            E('0', k[1]), C('0.5104', gS[2, 0]), E('1', k[0]), C('0.6082', -gS[2, 1]), E('0', k[1]), C('0.0978', gS[2, 2]), E('2', k[2]),
            E('0', gq[0].round(9)), CV(['0.5898', '0.7060'], gq[1:], dq_car[1:]))),
        ('- $\\partial L/\\partial k = (0;', lambda: ALL(E('0', gk[0].round(9)), C('0.5898', gS[1, 0]), E('0.5', q[0]), C('0.5898', -gS[1, 1]),
            E('1', q[1]), C('0.5104', gS[2, 0]), E('0.5', q[0]), C('0.6082', -gS[2, 1]), E('1', q[1]), C('0.0978', gS[2, 2]), E('-1', q[2]),
            E('0', gk[0].round(9)), CV(['-0.2949', '-0.4508'], gk[1:], dk_car[1:]))),
        ('1. $\\partial L/\\partial q_0 = 0$', lambda: E('0', gq[0].round(9)) and near(grad(lambda u: float((P_of(np.array([u[0], 1, -1]), k) @ v)[0]), np.array([3.0])), [0])),
        ('2. $\\partial L/\\partial k_0 = 0$ çıktı', lambda: E('0', gk[0].round(9)) and E('0', 0) and near(gS[0], np.zeros(3))),
        ('3. Maskeli elemanlar', lambda: E('0', P[0, 1]) and E('0', gS[0, 1].round(12)) and np.all(np.abs(gS[Mk]) < 1e-12)
            and abs(grad(lambda u: float((P_of(q, u) @ v)[1]), k)[2]) < 1e-12),
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
    s = re.sub(r'(?<=\d)(?:\\,|\\;|\\ |~|\u202f|\u00a0)(?=\d{3}(?!\d))', '', s)   # 1\,050\,624
    if comma:
        s = s.replace('{,}', '.')
        s = re.sub(r'(?<=\d),(?=\d)', '.', s)
        s = re.sub(r'(?<=\d) (?=\d{3}(?!\d))', '', s)                   # 7 087 872
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
MATH_CHARS = set('$∂∑σ′∇√‖⊙∈≤≥←→≈×·ε∞∘')
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
