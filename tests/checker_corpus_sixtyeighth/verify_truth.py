#!/usr/bin/env python3
"""Independent NumPy check of corpus68 (gradients of probabilistic objectives).

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
RNG = np.random.default_rng(int(os.environ.get('VT_SEED', 68)))

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


def gauss_E(fn, mu=0.0, sd=1.0, n=80):
    """E[fn(x)] for x ~ N(mu, sd^2) by Gauss-Hermite quadrature (exact for polynomials of degree < 2n)."""
    t, w = np.polynomial.hermite_e.hermegauss(n)
    return float(np.sum(w * fn(mu + sd * t)) / np.sqrt(2 * np.pi))

def logsumexp(z, axis=-1):
    z = np.asarray(z, float); m = z.max(axis=axis, keepdims=True)
    return np.squeeze(m, axis) + np.log(np.exp(z - m).sum(axis=axis))

# ======================================================================= 01
@register('01_reinforce_softmax_lecture.md')
def f01():
    th = np.array([0.2, 0.8, -0.4]); r = np.array([1.0, 2, -1])
    pi = softmax(th); J = pi @ r
    gJ = grad(lambda t: softmax(t) @ r, th)
    pr = np.array([0.2967, 0.5405, 0.1628]); Jr = 1.2149
    I3 = np.eye(3)
    gh = lambda a, b=0.0: (r[a] - b) * (I3[a] - pi)
    def logder():
        ok = True
        for _ in range(3):
            t = rand(3); rr = rand(3); p = softmax(t)
            for a in range(3):
                gp = grad(lambda u: softmax(u)[a], t); gl = grad(lambda u: np.log(softmax(u)[a]), t)
                ok &= near(gp, p[a] * gl)
        return ok
    def pg_identity():
        ok = True
        for _ in range(3):
            t = rand(3); rr = rand(3); p = softmax(t)
            g = grad(lambda u: softmax(u) @ rr, t)
            s1 = sum(rr[a] * grad(lambda u: softmax(u)[a], t) for a in range(3))
            s2 = sum(p[a] * rr[a] * grad(lambda u: np.log(softmax(u)[a]), t) for a in range(3))
            ok &= near(g, s1) and near(g, s2)
        return ok
    def logsm():
        ok = True
        for _ in range(3):
            t = rand(3)
            ok &= near(np.log(softmax(t)), t - np.log(np.exp(t).sum()), 1e-12)
        return ok
    def score():
        ok = True
        for _ in range(3):
            t = rand(3)
            for a in range(3):
                ok &= near(grad(lambda u: np.log(softmax(u)[a]), t), I3[a] - softmax(t))
        return ok
    def exact():
        ok = True
        for _ in range(3):
            t = rand(3); rr = rand(3); p = softmax(t); JJ = p @ rr
            g = grad(lambda u: softmax(u) @ rr, t)
            ok &= near(g, sum(p[a] * rr[a] * (I3[a] - p) for a in range(3))) and near(g, p * (rr - JJ))
        return ok
    gt = [gh(a) for a in range(3)]
    return [
        ('**Setup.** One state', GIVEN, '*'),
        ('$$\\pi_\\theta(a) = \\frac{e^{\\theta_a}}', GIVEN, '*'),
        ('**Log-derivative trick.**', logder),
        ('$$\\nabla_\\theta J = \\sum_a r(a)', pg_identity),
        ('The right-hand side can be estimated', GIVEN),
        ('**Score of the softmax.**', logsm),
        ('\\mathbb{1}[k = a] - \\pi_\\theta(k)', score, '1'),
        ('where $e_a$ is the one-hot', GIVEN),
        ('\\Longrightarrow\\quad \\frac{\\partial J}', exact),
        ('**Worked example.**', lambda: EV(['0.2', '0.8', '-0.4'], th) and EV(['1', '2', '-1'], r)),
        ('- $e^{\\theta} \\approx', lambda: CV(['1.2214', '2.2255', '0.6703'], np.exp(th)) and C('4.1173', np.exp(th).sum())),
        ('- $\\pi_\\theta \\approx', lambda: CV(['0.2967', '0.5405', '0.1628'], pi)),
        ('- $J = 0.2967', lambda: C('0.2967', pi[0]) and E('1', r[0]) and C('0.5405', pi[1]) and E('2', r[1]) and C('0.1628', pi[2])
            and C('1.2149', J, pr @ r)),
        ('- exact gradient:', lambda: C('0.2967', pi[0]) and C('-0.2149', r[0] - J) and C('0.5405', pi[1]) and C('0.7851', r[1] - J)
            and C('0.1628', pi[2]) and C('-2.2149', r[2] - J)
            and CV(['-0.0638', '0.4244', '-0.3606'], gJ, pr * (r - Jr))),
        ('The three components add up to zero', lambda: abs(gJ.sum()) < 1e-6 and abs(-0.0638 + 0.4244 - 0.3606) < 1e-9
            and near(softmax(th + 1.7), pi, 1e-12) and abs(fd(lambda s: softmax(th + s * np.ones(3)) @ r, 0.0)) < 1e-8, '1 1 1'),
        ('**REINFORCE with one sample.**', lambda: E('2', 2)),
        ('$$\\hat g = 2\\,\\big((0, 1, 0)', lambda: E('2', r[1]) and EV(['0', '1', '0'], I3[1]) and CV(['0.2967', '0.5405', '0.1628'], pi)
            and CV(['-0.5933', '0.9189', '-0.3256'], gh(1), 2 * (I3[1] - pr))),
        ('A gradient-*ascent* step', lambda: E('0.1', 0.1) and CV(['0.1407', '0.8919', '-0.4326'], th + 0.1 * gh(1), th + 0.1 * np.array([-0.5933, 0.9189, -0.3256]))),
        ('The single-sample estimate points roughly', lambda: np.all(np.sign(gh(1)) == np.sign(gJ))
            and np.linalg.norm(gh(1) - gJ) > np.linalg.norm(gJ)),
        ('| $a$ | $\\pi_\\theta(a)$', GIVEN),
        ('| 1 | 0.2967 |', lambda: E('1', 1) and C('0.2967', pi[0]) and CV(['0.7033', '-0.5405', '-0.1628'], gh(0))),
        ('| 2 | 0.5405 |', lambda: E('2', 2) and C('0.5405', pi[1]) and CV(['-0.5933', '0.9189', '-0.3256'], gh(1))),
        ('| 3 | 0.1628 |', lambda: E('3', 3) and C('0.1628', pi[2]) and CV(['0.2967', '0.5405', '-0.8372'], gh(2))),
        ('and their $\\pi_\\theta$-weighted average', lambda: near(sum(pi[a] * gt[a] for a in range(3)), gJ)
            and CV(['-0.0638', '0.4244', '-0.3606'], sum(pi[a] * gt[a] for a in range(3)))),
        ('**Baseline (preview', lambda: near(sum(pi[a] * (I3[a] - pi) for a in range(3)), np.zeros(3), 1e-12)
            and E('0', 0) and C('1.2149', J) and E('2', 2)),
        ('$$\\hat g_b = (2 - 1.2149)', lambda: E('2', r[1]) and C('1.2149', J) and C('0.7851', r[1] - J)
            and CV(['-0.2967', '0.4595', '-0.1628'], I3[1] - pi)
            and CV(['-0.2329', '0.3607', '-0.1278'], gh(1, J), 0.7851 * np.array([-0.2967, 0.4595, -0.1628]))
            ),
        ('a much smaller step than $\\hat g$', lambda: np.linalg.norm(gh(1, J)) < 0.5 * np.linalg.norm(gh(1)) and np.all(np.sign(gh(1, J)) == np.sign(gJ))),
    ]

# ======================================================================= 02
@register('02_score_function_zhihu.md')
def f02():
    mu, sd = 1.0, 2.0
    x = np.array([2.6, -0.4, 1.8]); eps = x - mu; f = x ** 2
    g = f * eps / sd ** 2
    g_car = np.array([2.604, -0.056, 0.648])                     # author's carried values (g1 slipped)
    logp = lambda xx, m, s: -np.log(s) - (xx - m) ** 2 / (2 * s ** 2) - 0.5 * np.log(2 * np.pi)
    def trick():
        ok = True
        for _ in range(3):
            m, s = rand(1)[0], RNG.uniform(0.5, 2); ff = lambda xx: np.sin(xx) + xx ** 2
            E = lambda mm: gauss_E(ff, mm, s)
            lhs = fd(E, m)
            rhs = gauss_E(lambda xx: ff(xx) * (xx - m) / s ** 2, m, s)
            dens = lambda mm, xx: np.exp(logp(xx, mm, s))
            xx0 = rand(1)[0]
            ok &= abs(lhs - rhs) < 1e-6 and abs(fd(lambda mm: dens(mm, xx0), m) - dens(m, xx0) * fd(lambda mm: logp(xx0, mm, s), m)) < 1e-8
        return ok
    def score_zero():
        ok = True
        for _ in range(3):
            m, s = rand(1)[0], RNG.uniform(0.5, 2)
            ok &= abs(gauss_E(lambda xx: (xx - m) / s ** 2, m, s)) < 1e-10
            ok &= abs(gauss_E(lambda xx: ((xx - m) ** 2 - s ** 2) / s ** 3, m, s)) < 1e-10
        return ok
    def truth():
        ok = True
        for _ in range(3):
            m, s = rand(1)[0], RNG.uniform(0.5, 2)
            ok &= abs(gauss_E(lambda xx: xx ** 2, m, s) - (m ** 2 + s ** 2)) < 1e-9
            ok &= abs(fd(lambda mm: gauss_E(lambda xx: xx ** 2, mm, s), m) - 2 * m) < 1e-6
            ok &= abs(fd(lambda ss: gauss_E(lambda xx: xx ** 2, m, ss), s) - 2 * s) < 1e-6
        return ok
    def logdens():
        ok = True
        for _ in range(3):
            m, s, xx = rand(1)[0], RNG.uniform(0.5, 2), rand(1)[0]
            full = np.log(np.exp(-(xx - m) ** 2 / (2 * s ** 2)) / np.sqrt(2 * np.pi * s ** 2))
            ok &= abs(full - (-np.log(s) - (xx - m) ** 2 / (2 * s ** 2)) - (-0.5 * np.log(2 * np.pi))) < 1e-12
        return ok
    def scores():
        ok = True
        for _ in range(3):
            m, s, xx = rand(1)[0], RNG.uniform(0.5, 2), rand(1)[0]
            ok &= abs(fd(lambda mm: logp(xx, mm, s), m) - (xx - m) / s ** 2) < 1e-6
            ok &= abs(fd(lambda ss: logp(xx, m, ss), s) - ((xx - m) ** 2 - s ** 2) / s ** 3) < 1e-6
        return ok
    def mu_check():
        ok = True
        for _ in range(3):
            m, s = rand(1)[0], RNG.uniform(0.5, 2)
            a = gauss_E(lambda xx: xx ** 2 * (xx - m), m, s)
            b = gauss_E(lambda xx: (xx - m) ** 3 + 2 * m * (xx - m) ** 2 + m ** 2 * (xx - m), m, s)
            ok &= abs(a - b) < 1e-9 and abs(a - 2 * m * s ** 2) < 1e-9 and abs(a / s ** 2 - 2 * m) < 1e-9
        return ok
    var_g = lambda m, s: gauss_E(lambda xx: (xx ** 2 * (xx - m) / s ** 2) ** 2, m, s) - (2 * m) ** 2
    def var_formula():
        ok = True
        for _ in range(3):
            m, s = rand(1)[0], RNG.uniform(0.5, 2)
            ok &= abs(var_g(m, s) - (m ** 4 / s ** 2 + 18 * m ** 2 + 15 * s ** 2 - 4 * m ** 2)) < 1e-7
        return ok
    def moments():
        s = RNG.uniform(0.5, 2)
        return abs(gauss_E(lambda e: e ** 4, 0, s) - 3 * s ** 4) < 1e-9 and abs(gauss_E(lambda e: e ** 6, 0, s) - 15 * s ** 6) < 1e-9
    Eg = gauss_E(lambda xx: xx ** 2 * (xx - mu) / sd ** 2, mu, sd)
    Vr = gauss_E(lambda xx: (2 * xx) ** 2, mu, sd) - gauss_E(lambda xx: 2 * xx, mu, sd) ** 2
    def mc_code():
        R = np.random.default_rng(0); xs = R.normal(mu, sd, size=10 ** 6)
        gs = xs ** 2 * (xs - mu) / sd ** 2; gr = 2 * xs
        return abs(gs.mean() - 2) < 0.1 and abs(gs.var() - 74.25) < 3 and abs(gr.mean() - 2) < 0.02 and abs(gr.var() - 16) < 0.2
    return [
        ('设 $x \\sim p_\\theta(x)$', GIVEN),
        ('$$\\nabla_\\theta \\int f(x)', trick),
        ('最后一步就是所谓的 log-derivative trick', trick),
        ('$$\\nabla_\\theta\\, \\mathbb{E}_{p_\\theta}[f(x)] =', trick),
        ('右边可以直接用采样来估计', lambda: score_zero() and E('0', 0)),
        ('取 $x \\sim \\mathcal{N}(\\mu, \\sigma^2)$', truth, '2 2 2 2 2 2 2'),
        ('高斯的对数密度是', logdens, '2 2 2'),
        ('$$s_\\mu(x) = \\frac{x-\\mu}{\\sigma^2}', scores, '2 2 2 3'),
        ('验证一下 $\\mu$ 方向', mu_check, '2 3 2 2 2 2 2 2 2'),
        ('取 $\\mu = 1$，$\\sigma = 2$', lambda: E('1', mu) and E('2', sd) and E('2', 2 * mu) and EV(['2.6', '-0.4', '1.8'], x)
            and EV(['1.6', '-1.4', '0.8'], eps) and EV(['6.76', '0.16', '3.24'], f)),
        ('单样本估计 $\\hat g_i', GIVEN, '2'),
        ('- $\\hat g_1 = 6.76', lambda: E('6.76', f[0]) and E('1.6', eps[0]) and E('4', sd ** 2) and E('2.604', g[0])),
        ('- $\\hat g_2 = 0.16', lambda: E('0.16', f[1]) and E('-1.4', eps[1]) and E('4', sd ** 2) and E('-0.056', g[1])),
        ('- $\\hat g_3 = 3.24', lambda: E('3.24', f[2]) and E('0.8', eps[2]) and E('4', sd ** 2) and E('0.648', g[2])),
        ('三个取平均', lambda: E('2.604', g_car[0]) and E('0.056', -g_car[1]) and E('0.648', g_car[2]) and E('3', 3)
            and C('1.065', g.mean()) and E('2', 2 * mu)),
        ('对比一下重参数化', lambda: abs(fd(lambda m: (m + sd * 0.7) ** 2, mu) - 2 * (mu + sd * 0.7)) < 1e-6
            and EV(['2', '5.2', '-0.8', '3.6'], np.r_[2, 2 * x])),
        ('单样本得分估计量 $g = x^2', lambda: moments() and E('4', 4) and E('3', 3) and E('6', 6) and E('15', 15), '2 2 4 6'),
        ('$$\\mathrm{Var}[g] = \\frac{\\mu^4}', var_formula, '4 2 18 2 15 2 4 2'),
        ('代入 $\\mu = 1, \\sigma = 2$ 得', lambda: E('1', mu) and E('2', sd) and E('0.25', mu ** 4 / sd ** 2) and E('18', 18 * mu ** 2)
            and E('60', 15 * sd ** 2) and E('4', 4 * mu ** 2) and C('74.25', var_g(mu, sd)) and E('2', 2) and E('4', 4) and E('16', Vr)
            and 4.5 < var_g(mu, sd) / Vr < 5 and E('5', 5), '2'),
        ('rng = np.random.default_rng(0)', GIVEN, '0'),
        ('mu, sigma = 1.0, 2.0', lambda: E('1.0', mu) and E('2.0', sd)),
        ('x = rng.normal(mu, sigma', mc_code, '10 6'),
        ('g_score = x**2', lambda: abs(Eg - 2) < 1e-9 and C('2', Eg) and C('74', var_g(mu, sd)), '2 2'),
        ('g_reparam = 2 * x', lambda: E('2', 2) and C('2', 2 * mu) and C('16', Vr)),
        ('- 得分函数估计：无偏', GIVEN),
        ('- 实际使用时一般减去一个基线', lambda: score_zero() and abs(gauss_E(lambda xx: (xx ** 2 - 3.3) * (xx - mu) / sd ** 2, mu, sd) - 2 * mu) < 1e-9 and E('0', 0)),
    ]

# ======================================================================= 03
@register('03_vae_kl_uebung_de.md', comma=True)
def f03():
    mu = np.array([0.8, -0.5]); l = np.array([-1.0, 0.4]); eta = 0.5
    kl = lambda m, ll: 0.5 * np.sum(m ** 2 + np.exp(ll) - 1 - ll)
    klc = lambda m, ll: 0.5 * (m ** 2 + np.exp(ll) - 1 - ll)
    s2 = np.exp(l)
    dmu = grad(lambda m: kl(m, l), mu); dl = grad(lambda ll: kl(mu, ll), l)
    dl_car = 0.5 * (1 - np.exp(l))                     # author's (sign-flipped) gradient, carried
    def kl_quad(m, s):
        lq = lambda z: -0.5 * np.log(2 * np.pi) - 0.5 * np.log(s ** 2) - (z - m) ** 2 / (2 * s ** 2)
        lp = lambda z: -0.5 * np.log(2 * np.pi) - z ** 2 / 2
        return gauss_E(lambda z: lq(z) - lp(z), m, s)
    def logs():
        ok = True
        for _ in range(3):
            m, s, z = rand(1)[0], RNG.uniform(0.3, 2), rand(1)[0]
            lq = -0.5 * np.log(2 * np.pi) - 0.5 * np.log(s ** 2) - (z - m) ** 2 / (2 * s ** 2)
            ok &= abs(lq - np.log(np.exp(-(z - m) ** 2 / (2 * s * s)) / (s * np.sqrt(2 * np.pi)))) < 1e-12
            ok &= abs(-0.5 * np.log(2 * np.pi) - z * z / 2 - np.log(np.exp(-z * z / 2) / np.sqrt(2 * np.pi))) < 1e-12
        return ok
    def moments():
        ok = True
        for _ in range(3):
            m, s = rand(1)[0], RNG.uniform(0.3, 2)
            ok &= abs(gauss_E(lambda z: (z - m) ** 2, m, s) - s * s) < 1e-10 and abs(gauss_E(lambda z: z * z, m, s) - m * m - s * s) < 1e-10
        return ok
    def kl_lines(which):
        def p():
            ok = True
            for _ in range(3):
                m, s = rand(1)[0], RNG.uniform(0.3, 2); ref = kl_quad(m, s)
                val = {1: ref,
                       2: -0.5 * np.log(s * s) - 0.5 + 0.5 * (m * m + s * s),
                       3: 0.5 * (m * m + s * s - 1 - np.log(s * s))}[which]
                ok &= abs(val - ref) < 1e-9
            return ok
        return p
    def factor():
        ok = True
        for _ in range(3):
            M = rand(3); S = RNG.uniform(0.3, 2, 3)
            ok &= abs(sum(kl_quad(M[j], S[j]) for j in range(3)) - kl(M, np.log(S ** 2))) < 1e-9
        return ok
    def grads():
        ok = True
        for _ in range(3):
            M, Lv = rand(3), rand(3)
            ok &= near(grad(lambda m: kl(m, Lv), M), M) and near(grad(lambda ll: kl(M, ll), Lv), 0.5 * (1 - np.exp(Lv)))
        return ok
    def code():
        ok = True
        for _ in range(3):
            M, Lv = rand(4), rand(4)
            ok &= abs(-0.5 * np.sum(1 + Lv - M ** 2 - np.exp(Lv)) - kl(M, Lv)) < 1e-12
        return ok
    mu_new = mu - eta * dmu; l_new_car = l - eta * dl_car; l_new_true = l - eta * dl
    return [
        ('Der Encoder liefert für jedes Datum', GIVEN, '*'),
        ('a) Zeigen Sie $D_{\\mathrm{KL}}', lambda: factor() and kl_lines(3)(), '1 2 2 2 1 2'),
        ('b) Berechnen Sie die Gradienten', GIVEN),
        ('c) Zahlenbeispiel mit $d = 2$', lambda: E('2', 2) and EV(['0.8', '-0.5'], mu) and EV(['-1.0', '0.4'], l) and E('0.5', eta)),
        ('**a)** Beide Verteilungen faktorisieren', lambda: factor() and E('1', 1) and E('0', 0) and E('1', 1), '2'),
        ('$$\\log q(z) = -\\tfrac12\\log(2\\pi)', logs, '1 2 2 1 2 2 2 2 1 2 2 2 2 2'),
        ('Unter $q$ gilt', moments, '2 2 2 2 2'),
        ('D_{\\mathrm{KL}}(q\\,\\|\\,p) &= \\mathbb{E}_q', kl_lines(1)),
        ('&= -\\tfrac12\\log\\sigma^2 - \\tfrac12', kl_lines(2), '1 2 2 1 2 1 2 2 2'),
        ('&= \\tfrac12\\big(\\mu^2 + \\sigma^2 - 1', kl_lines(3), '1 2 2 2 1 2'),
        ('Summation über $j$ liefert', lambda: factor() and all(abs(kl(M, Lv) - 0.5 * np.sum(M ** 2 + np.exp(Lv) - 1 - Lv)) < 1e-12 for M, Lv in [(rand(3), rand(3))]),
            '1 2 2 1'),
        ('**b)** Jede Komponente hängt nur', lambda: near(grad(lambda m: klc(m, l)[0], mu), [mu[0], 0])),
        ('$$\\frac{\\partial D_{\\mathrm{KL}}}{\\partial \\mu_j} = \\mu_j', grads, '1 2 1'),
        ('(Deshalb parametrisiert man', lambda: np.all(np.exp(np.linspace(-30, 30, 7)) > 0), '2 2'),
        ('**c)** Zuerst $\\sigma^2', lambda: CV(['0.3679', '1.4918'], s2), '2'),
        ('- Komponente 1:', lambda: E('1', 1) and E('0.64', mu[0] ** 2) and C('0.3679', s2[0]) and E('1', 1) and E('1.0', -l[0])
            and C('1.0079', 2 * klc(mu, l)[0]) and C('0.5039', klc(mu, l)[0]), '1 2 1 2'),
        ('- Komponente 2:', lambda: E('2', 2) and E('0.25', mu[1] ** 2) and C('1.4918', s2[1]) and E('1', 1) and E('0.4', l[1])
            and C('0.3418', 2 * klc(mu, l)[1]) and C('0.1709', klc(mu, l)[1]), '1 2 1 2'),
        ('- Summe: $D_{\\mathrm{KL}}', lambda: C('0.6749', kl(mu, l))),
        ('Gradienten: $\\nabla_\\mu', lambda: EV(['0.8', '-0.5'], dmu.round(9)) and E('1', 1) and E('2', 2)
            and CV(['0.3161', '-0.2459'], dl), '1'),
        ('Gradientenschritt mit $\\eta', lambda: E('0.5', eta)),
        ('- $\\mu \\leftarrow \\mu - 0{,}5', lambda: E('0.5', eta) and CV(['0.4', '-0.25'], mu_new)),
        ('- $\\ell \\leftarrow \\ell - 0{,}5', lambda: E('0.5', eta) and CV(['0.3161', '-0.2459'], dl)
            and CV(['-1.1580', '0.5230'], l_new_true)),
        ('Der Mittelwert wird also zur $0$', lambda: E('0', 0) and np.all(np.abs(mu_new) < np.abs(mu))
            and l_new_true[0] < l[0] and l_new_true[1] > l[1], '1 2'),
        ('**Kontrolle:** Bei $\\mu = 0$', lambda: E('0', 0) and E('0', 0) and E('1', 1) and near(grad(lambda m: kl(m, np.zeros(2)), np.zeros(2)), np.zeros(2))
            and near(grad(lambda ll: kl(np.zeros(2), ll), np.zeros(2)), np.zeros(2)) and E('0', kl(np.zeros(2), np.zeros(2))), '2'),
        ('kl = -0.5 * torch.sum', lambda: code() and E('-0.5', -0.5) and E('1', 1) and E('2', 2)),
        ('Das ist genau $\\tfrac12', code, '1 2 2 1'),
    ]

# ======================================================================= 04
@register('04_reparam_trick_se_answer.md')
def f04():
    mu, sd, a = 0.5, 1.5, 2.0
    z = lambda e, m=mu, s=sd: m + s * e
    gmu = lambda e, m=mu, s=sd: fd(lambda mm: (z(e, mm, s) - a) ** 2, m)
    gsd = lambda e, m=mu, s=sd: fd(lambda ss: (z(e, m, ss) - a) ** 2, s)
    gls = lambda e: fd(lambda ls: (z(e, mu, np.exp(ls)) - a) ** 2, np.log(sd))
    def pathwise():
        ok = True
        for _ in range(3):
            m, s = rand(1)[0], RNG.uniform(0.3, 2); ff = lambda x: np.sin(x) + 0.3 * x ** 3
            df = lambda x: np.cos(x) + 0.9 * x ** 2
            ok &= abs(fd(lambda mm: gauss_E(ff, mm, s), m) - gauss_E(lambda e: df(m + s * e))) < 1e-6
            ok &= abs(fd(lambda ss: gauss_E(ff, m, ss), s) - gauss_E(lambda e: df(m + s * e) * e)) < 1e-6
        return ok
    def exact():
        ok = True
        for _ in range(3):
            m, s, aa = rand(1)[0], RNG.uniform(0.3, 2), rand(1)[0]
            EF = lambda mm, ss: gauss_E(lambda x: (x - aa) ** 2, mm, ss)
            ok &= abs(EF(m, s) - ((m - aa) ** 2 + s ** 2)) < 1e-9
            ok &= abs(fd(lambda mm: EF(mm, s), m) - 2 * (m - aa)) < 1e-6 and abs(fd(lambda ss: EF(m, ss), s) - 2 * s) < 1e-6
        return ok
    def per_sample():
        ok = True
        for _ in range(3):
            m, s, aa, e = rand(1)[0], RNG.uniform(0.3, 2), rand(1)[0], rand(1)[0]
            ok &= abs(fd(lambda mm: (mm + s * e - aa) ** 2, m) - 2 * (m + s * e - aa)) < 1e-6
            ok &= abs(fd(lambda ss: (m + ss * e - aa) ** 2, s) - 2 * (m + s * e - aa) * e) < 1e-6
        return ok
    def unbiased():
        ok = True
        for _ in range(3):
            m, s, aa = rand(1)[0], RNG.uniform(0.3, 2), rand(1)[0]
            ok &= abs(gauss_E(lambda e: 2 * (m + s * e - aa)) - 2 * (m - aa)) < 1e-9
            ok &= abs(gauss_E(lambda e: 2 * (m + s * e - aa) * e) - 2 * s) < 1e-9
            ok &= abs(2 * s * gauss_E(lambda e: e ** 2) + 2 * (m - aa) * gauss_E(lambda e: e) - 2 * s) < 1e-9
        return ok
    def logsig():
        ok = True
        for _ in range(3):
            m, s, aa, e = rand(1)[0], RNG.uniform(0.3, 2), rand(1)[0], rand(1)[0]
            g = fd(lambda ls: (m + np.exp(ls) * e - aa) ** 2, np.log(s))
            ok &= abs(g - s * 2 * (m + s * e - aa) * e) < 1e-6
        return ok
    def variance():
        var_re = gauss_E(lambda e: (2 * (mu + sd * e - a)) ** 2) - (2 * (mu - a)) ** 2
        var_sf = gauss_E(lambda x: ((x - a) ** 2 * (x - mu) / sd ** 2) ** 2, mu, sd) - (2 * (mu - a)) ** 2
        return var_sf > 3 * var_re
    def mv():
        ok = True
        for _ in range(3):
            m = rand(3); L = np.tril(rand(3, 3)); e = rand(3); W = rand(3, 3)
            f = lambda zz: np.sin(zz) @ W @ zz
            gz = grad(f, m + L @ e)
            ok &= near(grad(lambda mm: f(mm + L @ e), m), gz) and near(grad(lambda LL: f(m + LL @ e), L), np.outer(gz, e))
            s = RNG.uniform(0.3, 2, 3)
            ok &= near(grad(lambda ss: f(m + np.diag(ss) @ e), s), grad(f, m + s * e) * e)
        return ok
    return [
        ('**Short answer:** you can', GIVEN, '2'),
        ('Write $z = \\mu + \\sigma\\varepsilon$', lambda: E('0', 0) and E('1', 1)),
        ('$$\\nabla_{\\mu}\\,\\mathbb{E}_{z\\sim', pathwise),
        ('Each sample of $\\varepsilon$ now gives', GIVEN),
        ('**A fully worked example**', GIVEN, '2'),
        ('$$\\mathbb{E}[f(z)] = (\\mu - a)^2', exact, '2 2 2 2'),
        ('$$g_\\mu(\\varepsilon) = 2(', per_sample, '2 2'),
        ('and indeed $\\mathbb{E}[g_\\mu]', unbiased, '2 2 2 2 2'),
        ('In practice networks output', lambda: logsig() and E('0', 0) and E('2', 2)),
        ('Numbers: $\\mu = 0.5$', lambda: E('0.5', mu) and E('1.5', sd) and E('2', a) and E('-0.3', -0.3)),
        ('- $z = 0.5 + 1.5', lambda: E('0.5', mu) and E('1.5', sd) and E('-0.3', -0.3) and C('0.05', z(-0.3))),
        ('- $g_\\mu = 2(0.05 - 2)', lambda: E('2', 2) and C('0.05', z(-0.3)) and E('2', a) and C('-3.9', gmu(-0.3))
            and E('2', 2) and E('0.5', mu) and E('2', a) and E('-3', 2 * (mu - a))),
        ('- $g_\\sigma = -3.9', lambda: C('-3.9', gmu(-0.3)) and E('-0.3', -0.3) and C('1.17', gsd(-0.3))
            and E('2', 2) and E('1.5', sd) and E('3', 2 * sd)),
        ('- $g_s = 1.17', lambda: C('1.17', gsd(-0.3)) and E('1.5', sd) and C('1.755', gls(-0.3))),
        ('A second draw $\\varepsilon = 1.2$', lambda: E('1.2', 1.2) and C('2.3', z(1.2)) and C('0.6', gmu(1.2)) and C('0.72', gsd(1.2))
            and EV(['-3', '3'], [2 * (mu - a), 2 * sd]) and variance()),
        ('mu = torch.tensor(0.5', lambda: E('0.5', mu)),
        ('log_sigma = torch.tensor(math.log(1.5)', lambda: E('1.5', sd)),
        ('eps = torch.tensor(-0.3)', lambda: E('-0.3', -0.3)),
        ('loss = (z - 2.0) ** 2', lambda: E('2.0', a) and E('2', 2)),
        ('print(mu.grad, log_sigma.grad)', lambda: C('-3.9000', gmu(-0.3)) and C('1.7550', gls(-0.3))),
        ('**Multivariate case.**', lambda: mv() and E('0', 0)),
        ('The one requirement is that $f$', GIVEN),
    ]

# ======================================================================= 05
@register('05_nll_gaussienne_variance_fr.md', comma=True)
def f05():
    y = np.array([1.2, 0.5, -0.3]); m = np.array([1.0, 0.9, 0.1]); s = np.array([0.0, -0.5, 0.2]); N = 3
    r = y - m; v = np.exp(s)
    ell = lambda yy, mm, ss: 0.5 * np.log(2 * np.pi) + 0.5 * ss + (yy - mm) ** 2 / (2 * np.exp(ss))
    l0 = 0.5 * s + r ** 2 / (2 * v)
    dmu = np.array([fd(lambda t: ell(y[i], t, s[i]), m[i]) for i in range(3)])
    ds = np.array([fd(lambda t: ell(y[i], m[i], t), s[i]) for i in range(3)])
    dL = grad(lambda ss: ell(y, m, ss).mean(), s)
    ds_car = 0.5 - r ** 2 * np.exp(-s)                                 # author's formula (factor 1/2 dropped)
    def nll():
        ok = True
        for _ in range(3):
            yy, mm, ss = rand(3)
            dens = np.exp(-(yy - mm) ** 2 / (2 * np.exp(ss))) / np.sqrt(2 * np.pi * np.exp(ss))
            ok &= abs(-np.log(dens) - ell(yy, mm, ss)) < 1e-12
        return ok
    def dmu_f():
        ok = True
        for _ in range(3):
            yy, mm, ss = rand(3)
            g = fd(lambda t: ell(yy, t, ss), mm)
            ok &= abs(g - (-(yy - mm) / np.exp(ss))) < 1e-6 and abs(g - (mm - yy) / np.exp(ss)) < 1e-6
        return ok
    def ds_f():
        ok = True
        for _ in range(3):
            yy, mm, ss = rand(3)
            ok &= abs(fd(lambda t: ell(yy, mm, t), ss) - (0.5 - (yy - mm) ** 2 * np.exp(-ss))) < 1e-6
        return ok
    def stat():
        ok = True
        for _ in range(3):
            yy, mm = rand(2)
            s_star = np.log(2 * (yy - mm) ** 2)
            ok &= abs(fd(lambda t: ell(yy, mm, t), s_star)) < 1e-6
        return ok
    def beta():
        ok = True
        for _ in range(3):
            yy, mm, ss = rand(3)
            for b, ref in ((0.5, (mm - yy) / np.exp(ss / 2)), (1.0, mm - yy)):
                w = np.exp(ss) ** b                               # stop-gradient: a constant weight
                ok &= abs(fd(lambda t: w * ell(yy, t, ss), mm) - ref) < 1e-6
            ok &= abs(fd(lambda t: 0.5 * (yy - t) ** 2, mm) - (mm - yy)) < 1e-6
        return ok
    return [
        ('On suppose que le réseau renvoie', lambda: all(np.exp(t) > 0 for t in (-50.0, 0.0, 50.0)), '2 2 2 2'),
        ('$$\\ell_i = \\frac12\\log(2\\pi)', nll, '1 2 2 1 2 2 2'),
        ("et l'on minimise la moyenne", lambda: C('0.9189', 0.5 * np.log(2 * np.pi)) and near(grad(lambda mm: np.mean(ell(y, mm, s)) - 0.5 * np.log(2 * np.pi), m), grad(lambda mm: np.mean(ell(y, mm, s)), m)),
            '1 2 2'),
        ('**Gradient par rapport à la moyenne.**', GIVEN),
        ('$$\\frac{\\partial \\ell_i}{\\partial \\mu_i} = -', dmu_f, '2'),
        ("C'est le gradient de l'erreur quadratique", lambda: dmu_f(), '1 2'),
        ('**Gradient par rapport au log-variance.**', lambda: abs(fd(lambda t: np.exp(-t), 0.3) + np.exp(-0.3)) < 1e-8),
        ('$$\\frac{\\partial \\ell_i}{\\partial s_i} = \\frac12', ds_f, '1 2 2'),
        ('**Point stationnaire.**', stat, '0 2 2 2 2'),
        ('Mini-lot de $N = 3$', lambda: E('3', N)),
        ('| $i$ | $y_i$', GIVEN, '2 2'),
        ('| 1 | 1,2 |', lambda: E('1', 1) and E('1.2', y[0]) and E('1.0', m[0]) and E('0.0', s[0]) and C('0.2', r[0]) and C('0.04', r[0] ** 2) and E('1', v[0])),
        ('| 2 | 0,5 |', lambda: E('2', 2) and E('0.5', y[1]) and E('0.9', m[1]) and E('-0.5', s[1]) and C('-0.4', r[1]) and C('0.16', r[1] ** 2) and C('0.6065', v[1])),
        ('| 3 | −0,3 |', lambda: E('3', 3) and E('-0.3', y[2]) and E('0.1', m[2]) and E('0.2', s[2]) and C('-0.4', r[2]) and C('0.16', r[2] ** 2) and C('1.2214', v[2])),
        ('*Pertes (sans la constante).*', lambda: E('0', 0.5 * s[0]) and C('0.04', r[0] ** 2) and E('2', 2 * v[0]) and C('0.02', l0[0])
            and E('-0.25', 0.5 * s[1]) and C('0.16', r[1] ** 2) and C('1.2131', 2 * v[1]) and C('-0.1181', l0[1])
            and E('0.1', 0.5 * s[2]) and C('0.16', r[2] ** 2) and C('2.4428', 2 * v[2]) and C('0.1655', l0[2])
            and C('0.0225', l0.mean()) and C('0.9414', np.mean(ell(y, m, s)))),
        ('*Gradients en $\\mu$.*', lambda: near(dmu, -r / v) and CV(['-0.2', '0.6595', '0.3275'], dmu), '2'),
        ('*Gradients en $s$.*', lambda: ds_f(), '1 2 2'),
        ('- $i = 1$ : $0{,}5 - 0{,}04', lambda: E('1', 1) and E('0.5', 0.5) and C('0.04', r[0] ** 2 * np.exp(-s[0])) and C('0.46', ds[0])),
        ('- $i = 2$ : $0{,}5 - 0{,}16', lambda: E('2', 2) and E('0.5', 0.5) and C('0.16', r[1] ** 2) and C('1.6487', np.exp(-s[1])) and C('0.2362', ds[1])),
        ('- $i = 3$ : $0{,}5 - 0{,}16', lambda: E('3', 3) and E('0.5', 0.5) and C('0.16', r[2] ** 2) and C('0.8187', np.exp(-s[2])) and C('0.3690', ds[2])),
        ('Pour le gradient de la moyenne $L$', lambda: E('3', N) and CV(['0.1533', '0.0787', '0.1230'], dL)),
        ('Les trois composantes sont positives', lambda: np.all(dL > 0) and np.all(ds_car > 0)),
        ('**Remarque (β-NLL).**', lambda: beta() and E('2', 2) and E('2022', 2022) and E('2', 2) and E('0.5', 0.5) and E('1', 1), '2 1 2'),
    ]

# ======================================================================= 06
@register('06_mdn_gradients_prml.md')
def f06():
    def En(ap, amu, asg, t):
        # ap: (K,), amu: (K, L), asg: (K,), t: (L,)
        pi = softmax(ap); sg = np.exp(asg); Ld = t.size
        logN = -0.5 * Ld * np.log(2 * np.pi) - Ld * np.log(sg) - np.sum((t - amu) ** 2, axis=1) / (2 * sg ** 2)
        return -logsumexp(np.log(pi) + logN)
    def parts(ap, amu, asg, t):
        pi = softmax(ap); sg = np.exp(asg); Ld = t.size
        N = np.exp(-np.sum((t - amu) ** 2, axis=1) / (2 * sg ** 2)) / (2 * np.pi * sg ** 2) ** (Ld / 2)
        g = pi * N / np.sum(pi * N)
        return pi, sg, N, g
    def rnd():
        K, Ld = 3, 2
        return rand(K), rand(K, Ld), RNG.uniform(-0.5, 0.5, K), rand(Ld)
    def d155():
        ok = True
        for _ in range(3):
            ap, amu, asg, t = rnd(); pi, sg, N, g = parts(ap, amu, asg, t)
            ok &= near(grad(lambda u: En(u, amu, asg, t), ap), pi - g)
        return ok
    def d156():
        ok = True
        for _ in range(3):
            ap, amu, asg, t = rnd(); pi, sg, N, g = parts(ap, amu, asg, t)
            ok &= near(grad(lambda u: En(ap, u, asg, t), amu), g[:, None] * (amu - t) / sg[:, None] ** 2)
        return ok
    def d157():
        ok = True
        for _ in range(3):
            ap, amu, asg, t = rnd(); pi, sg, N, g = parts(ap, amu, asg, t); Ld = t.size
            ok &= near(grad(lambda u: En(ap, amu, u, t), asg), g * (Ld - np.sum((t - amu) ** 2, axis=1) / sg ** 2))
        return ok
    def shift():
        ap, amu, asg, t = rnd(); pi, sg, N, g = parts(ap, amu, asg, t)
        return abs(np.sum(pi - g)) < 1e-12 and near(softmax(ap + 2.5), softmax(ap), 1e-12)
    def weighted():
        ok = True
        for _ in range(3):
            ap, amu, asg, t = rnd(); pi, sg, N, g = parts(ap, amu, asg, t)
            single = lambda m, s: 0.5 * t.size * np.log(2 * np.pi) + t.size * s + np.sum((t - m) ** 2) / (2 * np.exp(s) ** 2)
            for k in range(3):
                ok &= near(grad(lambda u: single(u, asg[k]), amu[k]) * g[k], grad(lambda u: En(ap, u, asg, t), amu)[k])
                ok &= abs(fd(lambda u: single(amu[k], u), asg[k]) * g[k] - grad(lambda u: En(ap, amu, u, t), asg)[k]) < 1e-6
        return ok
    ap = np.array([0.3, -0.2]); mu = np.array([[-1.0], [1.5]]); asg = np.array([0.0, -0.5]); t = np.array([1.0])
    pi, sg, N, g = parts(ap, mu, asg, t); w = pi * N; s2 = sg ** 2
    dpi = grad(lambda u: En(u, mu, asg, t), ap); dmu = grad(lambda u: En(ap, u, asg, t), mu).ravel(); dsg = grad(lambda u: En(ap, mu, u, t), asg)
    m = mu.ravel(); tt = 1.0
    return [
        ('We take the conditional density', GIVEN),
        ('$$p(\\mathbf{t}\\mid\\mathbf{x}) = \\sum_{k=1}^{K}', GIVEN, '*'),
        ('where $\\mathbf{t}$ has $L$ components.', lambda: near(softmax(rand(4)).sum(), 1.0) and np.all(softmax(rand(4) * 20) <= 1)
            and E('0', 0) and E('1', 1) and E('1', 1)),
        ('For independent data the error function', GIVEN),
        ('$$E(\\mathbf{w}) = -\\sum_{n=1}^{N}', GIVEN, '*'),
        ('To evaluate the derivatives with respect', GIVEN, '2'),
        ('$$\\gamma_{nk} = \\frac{\\pi_k', GIVEN, '5.154'),
        ('These play the same role as the responsibilities', lambda: E('9.2', 9.2)),
        ('$$\\frac{\\partial E_n}{\\partial a_k^{\\pi}}', d155, '5.155'),
        ('$$\\frac{\\partial E_n}{\\partial a_{kl}^{\\mu}}', d156, '2 5.156'),
        ('$$\\frac{\\partial E_n}{\\partial a_k^{\\sigma}}', d157, '2 2 5.157'),
        ('Note that (5.155) sums to zero', lambda: shift() and weighted(), '5.155 5.156 5.157'),
        ('**Worked example.**', lambda: E('1', t.size) and E('2', 2) and EV(['0.3', '-0.2'], ap) and EV(['-1.0', '1.5'], m) and EV(['0', '-0.5'], asg) and E('1.0', tt)),
        ('- $\\pi = (0.6225, 0.3775)$', lambda: CV(['0.6225', '0.3775'], pi) and CV(['1', '0.6065'], sg) and CV(['1', '0.3679'], s2), '2'),
        ('- $\\mathcal{N}_1 = e^{-2}', lambda: E('-2', -(tt - m[0]) ** 2 / (2 * s2[0])) and E('2', 2) and C('0.1353', np.exp(-2)) and C('2.5066', np.sqrt(2 * np.pi))
            and C('0.0540', N[0]) and C('0.25', (tt - m[1]) ** 2) and C('0.7358', 2 * s2[1]) and C('0.3398', (tt - m[1]) ** 2 / (2 * s2[1]))
            and C('-0.3398', -(tt - m[1]) ** 2 / (2 * s2[1])) and C('0.6065', sg[1]) and C('2.5066', np.sqrt(2 * np.pi))
            and C('0.7119', np.exp(-0.3398)) and C('1.5203', sg[1] * np.sqrt(2 * np.pi)) and C('0.4683', N[1]), '2 2 2'),
        ('- $\\pi_k\\mathcal{N}_k = (0.0336', lambda: CV(['0.0336', '0.1768'], w) and C('0.2104', w.sum()) and C('0.2104', w.sum())
            and C('1.5588', En(ap, mu, asg, t))),
        ('- $\\gamma = (0.0336, 0.1768)/0.2104', lambda: CV(['0.0336', '0.1768'], w) and C('0.2104', w.sum()) and CV(['0.1597', '0.8403'], g)),
        ('Although component 1 carries', lambda: pi[0] > pi[1] and g[1] > 0.8 and abs(tt - m[0]) > abs(tt - m[1]) and E('1', 1) and E('2', 2)),
        ('- from (5.155):', lambda: E('5.155', 5.155) and C('0.6225', pi[0]) and C('0.1597', g[0]) and C('0.3775', pi[1]) and C('0.8403', g[1])
            and CV(['0.4627', '-0.4627'], dpi)),
        ('- from (5.156):', lambda: E('5.156', 5.156) and C('0.1597', g[0]) and E('-2.0', m[0] - tt) and E('1', s2[0])
            and C('0.8403', g[1]) and E('0.5', m[1] - tt) and C('0.3679', s2[1]) and CV(['-0.3195', '1.1420'], dmu)),
        ('- from (5.157):', lambda: E('5.157', 5.157) and C('0.1597', g[0]) and E('1', 1) and E('4', (tt - m[0]) ** 2 / s2[0])
            and C('0.8403', g[1]) and E('1', 1) and C('0.6796', (tt - m[1]) ** 2 / s2[1]) and CV(['-0.4792', '0.2692'], dsg)),
        ('A gradient descent step therefore', lambda: (lambda e: softmax(ap - e * dpi)[1] > pi[1] and abs((m - e * dmu)[1] - tt) < abs(m[1] - tt)
            and abs((m - e * dmu)[0] - tt) < abs(m[0] - tt) and abs(dmu[0]) < abs(dmu[1])
            and (asg - e * dsg)[0] > asg[0] and (asg - e * dsg)[1] < asg[1])(0.01) and E('2', 2) and E('1', 1) and E('2', 2)),
    ]

# ======================================================================= 07
@register('07_puassonovskaya_regressiya_ru.md', comma=True)
def f07():
    from math import lgamma
    x = np.array([0.0, 1, 2, -1]); y = np.array([1.0, 2, 3, 0]); w = np.array([0.1, 0.3]); n = 4
    X = np.c_[np.ones(n), x]
    eta = X @ w; lam = np.exp(eta)
    Lf = lambda ww, XX=X, yy=y: np.mean(np.exp(XX @ ww) - yy * (XX @ ww))
    gL = grad(Lf, w)
    g_car = X.T @ (lam - y)                                   # author's gradient without 1/n
    lgf = lambda v: np.array([lgamma(t + 1) for t in np.ravel(v)])
    def rnd():
        nn, d = 5, 3
        XX = np.c_[np.ones(nn), rand(nn, d - 1, lo=-1, hi=1)]; yy = RNG.integers(0, 5, nn).astype(float); ww = rand(d, lo=-0.5, hi=0.5)
        return XX, yy, ww
    def nll():
        ok = True
        for _ in range(3):
            XX, yy, ww = rnd(); lm = np.exp(XX @ ww)
            pm = lm ** yy * np.exp(-lm) / np.exp(lgf(yy))
            full = np.mean(lm - yy * (XX @ ww) + lgf(yy))
            ok &= abs(-np.mean(np.log(pm)) - full) < 1e-10 and abs(full - Lf(ww, XX, yy) - np.mean(lgf(yy))) < 1e-10
        return ok
    def local():
        ok = True
        for _ in range(3):
            e0, yy = rand(1)[0], float(RNG.integers(0, 5))
            ok &= abs(fd(lambda t: np.exp(t) - yy * t, e0) - (np.exp(e0) - yy)) < 1e-6
            XX, _, ww = rnd()
            ok &= near(grad(lambda u: XX[0] @ u, ww), XX[0])
        return ok
    def gradf():
        ok = True
        for _ in range(3):
            XX, yy, ww = rnd(); lm = np.exp(XX @ ww)
            ok &= near(grad(lambda u: Lf(u, XX, yy), ww), XX.T @ (lm - yy))
        return ok
    def hess():
        ok = True
        for _ in range(3):
            XX, yy, ww = rnd(); lm = np.exp(XX @ ww)
            H = np.stack([grad(lambda u: grad(lambda v: Lf(v, XX, yy), u, 1e-4)[j], ww, 1e-4) for j in range(3)])
            ok &= near(H, XX.T @ np.diag(lm) @ XX, 1e-4)
            ok &= near(grad(lambda u: np.exp(XX[0] @ u), ww), lm[0] * XX[0])
        return ok
    def convex():
        ok = True
        for _ in range(3):
            XX, yy, ww = rnd(); lm = np.exp(XX @ ww)
            ok &= np.all(np.linalg.eigvalsh(XX.T @ np.diag(lm) @ XX / len(yy)) >= -1e-12)
        return ok
    def stationary():
        nn = 8; XX = np.c_[np.ones(nn), rand(nn, 2, lo=-1, hi=1)]; yy = RNG.integers(1, 5, nn).astype(float); ww = np.zeros(3)
        for _ in range(60):
            lm = np.exp(XX @ ww); ww = ww - np.linalg.solve(XX.T @ np.diag(lm) @ XX, XX.T @ (lm - yy))
        lm = np.exp(XX @ ww)
        return near(grad(lambda u: Lf(u, XX, yy), ww), np.zeros(3), 1e-6) and abs(lm.sum() - yy.sum()) < 1e-8
    def sk():
        ok = True
        for _ in range(3):
            XX, yy, ww = rnd(); lm = np.exp(XX @ ww)
            xlogy = np.where(yy > 0, yy * np.log(np.where(yy > 0, yy, 1) / lm), 0.0)
            dev_half = np.sum(2 * (xlogy - yy + lm)) / (2 * len(yy))
            const = np.mean(np.where(yy > 0, yy * np.log(np.where(yy > 0, yy, 1)), 0.0) - yy)
            ok &= abs(dev_half - (Lf(ww, XX, yy) + const)) < 1e-10
        return ok
    wn_true = w - 0.1 * gL
    return [
        ('**Постановка.** Целевая переменная', GIVEN, '0 1 2'),
        ('$$\\lambda_i = \\exp(\\eta_i)', GIVEN),
        ('Логарифмическая связь гарантирует', lambda: np.all(np.exp(np.array([-40.0, 0.0, 40.0])) > 0) and E('0', 0)),
        ('**Функция потерь.** Вероятность', nll),
        ('$$L(w) = \\frac{1}{n}\\sum_{i=1}^{n}', nll, '1 1'),
        ('**Градиент.** Для одного объекта', local),
        ('$$\\nabla_w L = \\sum_{i=1}^{n} (\\lambda_i - y_i)', gradf),
        ('Это та же форма', lambda: near(grad(lambda u: np.mean((X @ u - y) ** 2) / 2, w), X.T @ (X @ w - y) / n)
            and near(grad(lambda u: np.mean(np.logaddexp(0, X @ u) - y.clip(0, 1) * (X @ u)), w), X.T @ (sig(X @ w) - y.clip(0, 1)) / n)),
        ('**Гессиан.** Дифференцируя ещё раз', lambda: near(grad(lambda u: np.exp(X[2] @ u), w), lam[2] * X[2])),
        ('$$\\nabla_w^2 L = \\sum_{i=1}^{n}\\lambda_i', hess, '2 0'),
        ('т.е. $L$ выпукла: любая стационарная точка', lambda: convex() and stationary()),
        ('**Следствие.** В точке минимума', stationary, '0'),
        ('$n = 4$, один признак', lambda: E('4', n) and EV(['0', '1', '2', '-1'], x) and EV(['1', '2', '3', '0'], y) and EV(['0.1', '0.3'], w)),
        ('1. $\\eta = 0{,}1 + 0{,}3\\,x', lambda: E('0.1', w[0]) and E('0.3', w[1]) and CV(['0.1', '0.4', '0.7', '-0.2'], eta)),
        ('2. $\\lambda = e^{\\eta} \\approx', lambda: CV(['1.1052', '1.4918', '2.0138', '0.8187'], lam)),
        ('3. $\\lambda - y \\approx', lambda: CV(['0.1052', '-0.5082', '-0.9862', '0.8187'], lam - y)),
        ('4. Потери без константы:', lambda: C('5.4295', lam.sum()) and CV(['0.1', '0.8', '2.1', '0'], y * eta) and C('3.0', np.sum(y * eta))
            and C('5.4295', lam.sum()) and C('3.0', np.sum(y * eta)) and E('4', n) and C('0.6074', Lf(w))),
        ('5. Градиент:', lambda: C('0.1052', lam[0] - y[0]) and C('0.5082', -(lam[1] - y[1])) and C('0.9862', -(lam[2] - y[2]))
            and C('0.8187', lam[3] - y[3]) and C('-0.5705', gL[0])
            and E('0', x[0]) and C('0.5082', -(lam[1] - y[1])) and E('2', x[2]) and C('0.9862', -(lam[2] - y[2])) and C('0.8187', lam[3] - y[3])
            and C('-3.2994', gL[1])),
        ('6. Шаг градиентного спуска', lambda: E('0.1', 0.1) and E('0.1', w[0]) and C('0.0571', -0.1 * gL[0]) and E('0.3', w[1])
            and C('0.3299', -0.1 * gL[1]) and CV(['0.1571', '0.6299'], wn_true)),
        ('Обе компоненты градиента отрицательны', lambda: np.all(gL < 0) and C('5.43', lam.sum()) and E('6', y.sum()) and np.all(wn_true > w)),
        ('**Интерпретация коэффициента.**', lambda: abs(np.exp(X[0] @ w + w[1]) / np.exp(X[0] @ w) - np.exp(w[1])) < 1e-12
            and E('0.3', w[1]) and E('0.3', w[1]) and C('1.35', np.exp(0.3)) and C('35', 100 * (np.exp(0.3) - 1))),
        ('*Замечание.* В `sklearn', lambda: sk() and E('1', 1) and E('2', 2) and E('2', 2)),
    ]

# ======================================================================= 08
@register('08_distillation_T2_blog.md')
def f08():
    v = np.array([2.0, 0.4, -2.4]); z = np.array([1.0, 0.5, -1.5]); Nc = 3
    KL = lambda zz, vv, T: np.sum(softmax(vv / T) * (np.log(softmax(vv / T)) - np.log(softmax(zz / T))))
    gT = lambda T: grad(lambda zz: KL(zz, v, T), z)
    def zm():
        u = rand(5); return u - u.mean()
    def grad_f():
        ok = True
        for _ in range(3):
            zz, vv, T = rand(5), rand(5), RNG.uniform(0.5, 5)
            p, q = softmax(zz / T), softmax(vv / T)
            ok &= near(grad(lambda u: KL(u, vv, T), zz), (p - q) / T)
            ok &= near(grad(lambda u: KL(u, vv, T), zz), grad(lambda u: -np.sum(q * np.log(softmax(u / T))), zz))
        return ok
    def dlogp():
        ok = True
        for _ in range(3):
            zz, T = rand(4), RNG.uniform(0.5, 5); p = softmax(zz / T)
            ok &= near(np.log(p), zz / T - np.log(np.sum(np.exp(zz / T))), 1e-12)
            for k in range(4):
                ok &= near(grad(lambda u: np.log(softmax(u / T))[k], zz), (np.eye(4)[k] - p) / T)
        return ok
    def first_order(form):
        # the claimed first-order (in 1/T) approximation must have error o(1/T)
        ok = True
        for _ in range(3):
            zz = zm(); n = zz.size
            errs = [T * np.max(np.abs(softmax(zz / T) - form(zz, T, n))) for T in (1e3, 1e4)]
            ok &= errs[1] < 0.2 * errs[0] + 1e-9
        return ok
    def hiT(form):
        ok = True
        for _ in range(3):
            zz, vv = zm(), zm(); T = 1e3
            g = (softmax(zz / T) - softmax(vv / T)) / T
            ok &= np.max(np.abs(g - form(zz, vv, T, zz.size))) < 1e-2 * np.max(np.abs(g))
        return ok
    q4, p4 = softmax(v / 4), softmax(z / 4); q8, p8 = softmax(v / 8), softmax(z / 8)
    g4, g8 = (p4 - q4) / 4, (p8 - q8) / 8
    def code():
        # F.kl_div(log_p, q, 'batchmean') = sum q (log q - log p) / B ; times T^2
        ok = True
        for _ in range(3):
            Zs, Vs, T = rand(4, 5), rand(4, 5), 4.0
            logp = np.log(softmax(Zs / T)); q = softmax(Vs / T)
            kd = np.sum(q * (np.log(q) - logp)) / 4 * T ** 2
            ok &= abs(kd - np.mean([KL(Zs[b], Vs[b], T) for b in range(4)]) * T ** 2) < 1e-12
        return ok
    return [
        ('Every knowledge-distillation implementation', lambda: E('2', 2) and E('2015', 2015) and E('1', 1) and E('2', 2) and E('2', 2)),
        ('Teacher logits $v$, student logits $z$', GIVEN),
        ('$$q_i = \\frac{e^{v_i/T}}', GIVEN),
        ('and the soft loss is', lambda: all(near(grad(lambda u: KL(u, vv, 2.0), zz), grad(lambda u: -np.sum(softmax(vv / 2.0) * np.log(softmax(u / 2.0))), zz))
                                            for zz, vv in [(rand(3), rand(3))])),
        ('Since $\\log p_k = z_k/T', dlogp),
        ('$$\\frac{\\partial L_{\\text{soft}}}{\\partial z_i} = -\\sum_k', grad_f, '1'),
        ('using $\\sum_k q_k = 1$', lambda: abs(softmax(rand(4)).sum() - 1) < 1e-12 and E('1', 1) and E('1', 1)
            and abs(fd(lambda u: u / 3.0, 0.2) - 1 / 3.0) < 1e-9),
        ('Now assume the logits are zero-mean', lambda: abs(np.exp(1e-3) - (1 + 1e-3)) < 1e-6 and E('0', 0) and E('1', 1)),
        ('$$p_i \\approx \\frac{1 + z_i/T}{N + \\sum_j z_j/T} =', lambda: first_order(lambda zz, T, n: (1 + zz / T) / (n + zz.sum() / T))
            and first_order(lambda zz, T, n: 1 / n + zz / T), '1 1'),
        ('and the same for $q_i$ with $v_i$.', lambda: hiT(lambda zz, vv, T, n: (zz - vv) / T / T)),
        ('$$\\frac{\\partial L_{\\text{soft}}}{\\partial z_i} \\approx', lambda: hiT(lambda zz, vv, T, n: (zz - vv) / T ** 2), '2'),
        ("There's the $1/T^2$.", lambda: E('1', 1) and E('2', 2) and E('2', 2) and E('2', 2)
            and hiT(lambda zz, vv, T, n: (zz - vv) / T ** 2)
            and all(near(grad(lambda u: 0.5 * np.sum((u - vv) ** 2), zz), zz - vv) for zz, vv in [(rand(3), rand(3))]), '1 2'),
        ('Three classes, $v = (2.0', lambda: EV(['2.0', '0.4', '-2.4'], v) and EV(['1.0', '0.5', '-1.5'], z) and abs(v.sum()) < 1e-12 and abs(z.sum()) < 1e-12),
        ('| | $T = 4$ | $T = 8$ |', lambda: E('4', 4) and E('8', 8)),
        ('| $q$ |', lambda: CV(['0.4992', '0.3346', '0.1662'], q4) and CV(['0.4174', '0.3418', '0.2408'], q8)),
        ('| $p$ |', lambda: CV(['0.4136', '0.3650', '0.2214'], p4) and CV(['0.3744', '0.3517', '0.2739'], p8)),
        ('| $(p - q)/T$ |', lambda: near(gT(4), g4) and near(gT(8), g8) and CV(['-0.0214', '0.0076', '0.0138'], g4) and CV(['-0.0054', '0.0012', '0.0041'], g8)),
        ('| $T^2 (p-q)/T$ |', lambda: E('2', 2) and CV(['-0.3424', '0.1215', '0.2209'], 16 * g4) and CV(['-0.3442', '0.0796', '0.2646'], 64 * g8)),
        ('The raw gradient norm drops', lambda: C('0.0266', np.linalg.norm(g4)) and C('0.0069', np.linalg.norm(g8)) and E('4', 4) and E('8', 8)
            and C('3.9', np.linalg.norm(g4) / np.linalg.norm(g8)) and E('8', 8) and E('4', 4) and E('2', 2) and E('4', (8 / 4) ** 2)
            and E('2', 2) and C('0.4252', np.linalg.norm(16 * g4)) and C('0.4414', np.linalg.norm(64 * g8)) and E('1', 1)
            and near(grad(lambda u: -np.log(softmax(u)[0]), z), softmax(z) - np.eye(3)[0])),
        ('def kd_loss(student_logits', lambda: E('4.0', 4.0) and E('0.9', 0.9)),
        ('log_p = F.log_softmax(', lambda: E('-1', -1)),
        ('q = F.softmax(teacher_logits', lambda: E('-1', -1)),
        ('soft = F.kl_div(log_p', lambda: code() and E('2', 2)),
        ('return alpha * soft + (1 - alpha)', lambda: E('1', 1)),
        ('`F.kl_div` expects log-probabilities', code),
    ]

# ======================================================================= 09
@register('09_infonce_gradient_notebook_ko.md')
def f09():
    U = np.array([[1.0, 0.0], [0.0, 1.0], [0.6, 0.8]]); V = np.array([[0.8, 0.6], [0.0, 1.0], [1.0, 0.0]]); tau, B = 0.5, 3
    S = U @ V.T / tau; P = softmax(S); ell = -np.log(np.diag(P)); I = np.eye(B)
    Lf = lambda UU, VV, t=tau: np.mean(-np.log(np.diag(softmax(UU @ VV.T / t))))
    dU = grad(lambda u: Lf(u, V), U); dV = grad(lambda vv: Lf(U, vv), V)
    def rnd():
        b, d = 4, 3; t = RNG.uniform(0.2, 1)
        return rand(b, d), rand(b, d), t, b
    def ds():
        ok = True
        for _ in range(3):
            UU, VV, t, b = rnd(); SS = UU @ VV.T / t
            g = grad(lambda s: np.mean(-np.log(np.diag(softmax(s)))), SS)
            ok &= near(g, (softmax(SS) - np.eye(b)) / b)
        return ok
    def du():
        ok = True
        for _ in range(3):
            UU, VV, t, b = rnd(); PP = softmax(UU @ VV.T / t)
            g = grad(lambda u: Lf(u, VV, t), UU)
            ok &= near(g, (PP - np.eye(b)) @ VV / (b * t))
            ok &= near(g[1], sum((PP[1, j] - (j == 1)) * VV[j] for j in range(b)) / (b * t))
            ok &= near(grad(lambda u: u @ VV[2] / t, UU[0]), VV[2] / t)
        return ok
    def dv():
        ok = True
        for _ in range(3):
            UU, VV, t, b = rnd(); PP = softmax(UU @ VV.T / t)
            ok &= near(grad(lambda vv: Lf(UU, vv, t), VV), (PP - np.eye(b)).T @ UU / (b * t))
        return ok
    def interp():
        ok = True
        for _ in range(3):
            UU, VV, t, b = rnd(); PP = softmax(UU @ VV.T / t); i = 1
            neg = -(PP - np.eye(b))[i] / (b * t)                # coefficients of v_j in -grad
            ok &= abs(neg[i] - (1 - PP[i, i]) / (b * t)) < 1e-12 and all(abs(neg[j] + PP[i, j] / (b * t)) < 1e-12 for j in range(b) if j != i)
        return ok
    g1_br = (P[0] - I[0]) @ V
    return [
        ('배치 크기 $B = 3$의 양성 쌍', lambda: E('3', B) and E('2', 2) and near(np.linalg.norm(U, axis=1), np.ones(3), 1e-12)
            and near(np.linalg.norm(V, axis=1), np.ones(3), 1e-12) and E('3', 3) and E('2', 2) and E('0.5', tau)),
        ('유사도 로짓과 손실(한 방향', GIVEN),
        ('$$s_{ij} = \\frac{u_i^\\top v_j}{\\tau}', GIVEN, '1'),
        ('즉 각 행 $i$마다', lambda: all(abs(Lf(UU, VV, t) - np.mean([-np.log(softmax(UU[i] @ VV.T / t)[i]) for i in range(b)])) < 1e-12 for UU, VV, t, b in [rnd()])),
        ('$P_{ij} = e^{s_{ij}} / \\sum_k', GIVEN),
        ('$$\\frac{\\partial \\mathcal{L}}{\\partial s_{ij}} =', ds, '1'),
        ('$s_{ij}$는 $u_i$에 대해 선형이므로', du),
        ('$$\\frac{\\partial \\mathcal{L}}{\\partial u_i} = \\frac{1}{B\\tau}', du, '1 1'),
        ('같은 방식으로 $\\nabla_V', dv, '1'),
        ('해석: 경사 하강', lambda: interp() and E('1', 1)),
        ('U = np.array([[1.0, 0.0]', lambda: EV(['1.0', '0.0', '0.0', '1.0', '0.6', '0.8'], U)),
        ('V = np.array([[0.8, 0.6]', lambda: EV(['0.8', '0.6', '0.0', '1.0', '1.0', '0.0'], V)),
        ('tau, B = 0.5, 3', lambda: E('0.5', tau) and E('3', B)),
        ('P = np.exp(S) / np.exp(S).sum(axis=1', lambda: near(np.exp(S) / np.exp(S).sum(axis=1, keepdims=True), P, 1e-12) and E('1', 1)),
        ('S    = [[1.6, 0.0, 2.0]', lambda: CV(['1.6', '0.0', '2.0', '1.2', '2.0', '0.0', '1.92', '1.6', '1.2'], S)),
        ('P    = [[0.3712', lambda: CV(['0.3712', '0.0750', '0.5538', '0.2835', '0.6310', '0.0854', '0.4519', '0.3281', '0.2200'], P)),
        ('loss = 0.9885', lambda: C('0.9885', Lf(U, V))),
        ('첫 번째 행을 손으로 따라가 보자.', lambda: E('1.6', S[0, 0]) and C('4.9530', np.exp(1.6)) and E('0', S[0, 1]) and E('1', np.exp(0))
            and E('2', S[0, 2]) and C('7.3891', np.exp(2)) and C('13.3421', np.exp(S[0]).sum())
            and CV(['0.3712', '0.0750', '0.5538'], P[0]) and C('0.3712', P[0, 0]) and C('0.9909', ell[0])),
        ('음성 $v_3$와의 로짓(2.0)', lambda: E('2.0', S[0, 2]) and E('1.6', S[0, 0]) and E('2', 2) and ell[0] > np.log(2)
            and C('0.4604', ell[1]) and C('1.5143', ell[2]) and C('0.9909', ell[0]) and C('0.4604', ell[1]) and C('1.5143', ell[2])
            and E('3', 3) and C('0.9885', ell.mean()) and E('3', 3) and E('1.2', S[2, 2]) and np.argmax(ell) == 2 and np.argmin(S[2]) == 2),
        ('$u_1$에 대한 그래디언트:', GIVEN),
        ('$$\\frac{\\partial\\mathcal{L}}{\\partial u_1} = \\frac{1}{1.5}', lambda: E('1', 1) and E('1.5', B * tau)
            and C('0.3712', P[0, 0]) and E('1', 1) and EV(['0.8', '0.6'], V[0]) and C('0.0750', P[0, 1]) and EV(['0', '1'], V[1])
            and C('0.5538', P[0, 2]) and EV(['1', '0'], V[2]) and E('1', 1) and E('1.5', B * tau) and CV(['0.0508', '-0.3023'], g1_br)
            and CV(['0.0339', '-0.2015'], dU[0])),
        ('dU = (P - np.eye(B)) @ V', lambda: near((P - np.eye(B)) @ V / (B * tau), dU)),
        ('dV = (P - np.eye(B)).T @ U', lambda: near((P - np.eye(B)).T @ U / (B * tau), dV)),
        ('dU = [[0.0339', lambda: CV(['0.0339', '-0.2015', '0.2082', '-0.1325', '-0.2790', '0.3995'], dU)),
        ('dV = [[-0.2384', lambda: CV(['-0.2384', '0.4300', '0.1812', '-0.0710', '0.0572', '-0.3591'], dV)),
        ('중심 차분으로 구한 값과 비교하면', lambda: np.max(np.abs(dU - (P - I) @ V / (B * tau))) < 1e-8 and np.max(np.abs(dV - (P - I).T @ U / (B * tau))) < 1e-8
            and E('1', 1) and E('8', 8) and CV(['-0.0339', '0.2015'], -dU[0]) and EV(['0.8', '0.6'], V[0]) and -dU[0] @ V[0] > 0
            and EV(['1', '0'], V[2]) and -dU[0] @ V[2] < 0
            and (lambda u1: (u1 @ V[0]) / np.linalg.norm(u1) > U[0] @ V[0] and (u1 @ V[2]) / np.linalg.norm(u1) < U[0] @ V[2])(U[0] - 0.1 * dU[0])),
    ]

# ======================================================================= 10
@register('10_perda_pinball_gabarito_pt.md', comma=True)
def f10():
    rho = lambda u, t: u * (t - (u < 0))
    y = np.array([3.0, 8, 1, 5, 12]); tau = 0.7; n = 5
    R = lambda q, yy=y, t=tau: np.mean(rho(yy - q, t))
    qs = np.linspace(-5, 20, 25001); Rq = np.array([R(q) for q in qs]); qmin = qs[np.argmin(Rq)]; Rmin = Rq.min()
    ys = np.sort(y)
    def max_form():
        u = rand(50, lo=-5, hi=5); t = RNG.uniform(0.05, 0.95)
        return near(rho(u, t), np.maximum(t * u, (t - 1) * u), 1e-12)
    def deriv():
        ok = True
        for _ in range(5):
            t = RNG.uniform(0.05, 0.95); yy, q = rand(2)
            if abs(yy - q) < 1e-3: continue
            ok &= abs(fd(lambda qq: rho(yy - qq, t), q) - (-t if yy > q else 1 - t)) < 1e-6
        ok &= abs(fd(lambda qq: 2.0 - qq, 0.3) + 1) < 1e-9
        return ok
    def subgrad():
        t = RNG.uniform(0.05, 0.95); yy = 0.4; h = 1e-6
        left = (rho(yy - yy, t) - rho(yy - (yy - h), t)) / h; right = (rho(yy - (yy + h), t) - rho(yy - yy, t)) / h
        return abs(left + t) < 1e-6 and abs(right - (1 - t)) < 1e-6
    def Rprime():
        ok = True
        for _ in range(5):
            yy = rand(7, lo=-3, hi=3); t = RNG.uniform(0.05, 0.95); q = rand(1, lo=-3, hi=3)[0]; k = np.sum(yy < q); nn = 7
            ok &= abs(fd(lambda qq: R(qq, yy, t), q) - ((1 - t) * k - t * (nn - k)) / nn) < 1e-6
            ok &= abs(((1 - t) * k - t * (nn - k)) / nn - (k - nn * t) / nn) < 1e-12
        return ok
    def convex():
        ok = True
        for _ in range(3):
            yy = rand(6); t = RNG.uniform(0.05, 0.95)
            a, b = rand(2); lam = RNG.uniform()
            ok &= R(lam * a + (1 - lam) * b, yy, t) <= lam * R(a, yy, t) + (1 - lam) * R(b, yy, t) + 1e-12
        return ok
    def order_stat(idx):
        ok = True
        for _ in range(5):
            nn = 7; yy = np.sort(rand(nn, lo=-3, hi=3)); t = RNG.uniform(0.05, 0.95)
            if abs(nn * t - round(nn * t)) < 1e-3: continue
            grid = np.linspace(-4, 4, 16001); vals = np.array([R(q, yy, t) for q in grid])
            ok &= abs(grid[np.argmin(vals)] - yy[idx(nn * t) - 1]) < 1e-3
        return ok
    def median():
        yy = rand(7); grid = np.linspace(-3, 3, 60001)
        return abs(grid[np.argmin([np.sum(np.abs(yy - q)) for q in grid])] - np.median(yy)) < 1e-3 and abs(grid[np.argmin([R(q, yy, 0.5) for q in grid])] - np.median(yy)) < 1e-3
    x0, y0, w0, b0 = 2.0, 5.0, 1.0, 0.5
    loss_wb = lambda w, b: rho(y0 - (w * x0 + b), tau)
    dw = fd(lambda w: loss_wb(w, b0), w0); db = fd(lambda b: loss_wb(w0, b), b0)
    return [
        ('**Enunciado (resumo).**', lambda: E('0', 0) and E('1', 1) and E('1', 1) and E('0', 0) and EV(['3', '8', '1', '5', '12'], y) and E('0.7', tau)),
        ('**(a)** [2 pontos]', lambda: E('2', 2) and max_form() and E('1', 1) and deriv() and E('-1', -1)),
        ('$$\\frac{\\partial}{\\partial q}\\,\\rho_\\tau(y - q) = \\begin{cases}', deriv, '1'),
        ('e em $y = q$ a função não é diferenciável', lambda: subgrad() and E('1', 1)),
        ('**(b)** [3 pontos]', lambda: E('3', 3)),
        ("$$R'(q) = \\frac1n", Rprime, '1'),
        ("$R$ é convexa e $R'$ é crescente", lambda: convex() and Rprime()),
        ('$$q^* = y_{(\\lfloor n\\tau \\rfloor)}', lambda: order_stat(lambda a: int(np.floor(a)))),
        ('isto é, o quantil empírico de ordem', lambda: median() and E('0.5', 0.5)),
        ('**(c)** [3 pontos] Ordenando:', lambda: E('3', 3) and EV(['1', '3', '5', '8', '12'], ys) and E('5', n) and C('3.5', n * tau)
            and C('5', qmin) and E('5', ys[2]), '3'),
        ('Resíduos $u_i = y_i - 5', lambda: E('5', 5) and EV(['-2', '3', '-4', '0', '7'], y - 5)
            and CV(['0.6', '2.1', '1.2', '0', '4.9'], rho(y - 5, tau))),
        ('Risco mínimo: $R(5)', lambda: E('5', 5) and CV(['0.6', '2.1', '1.2', '0', '4.9'], rho(y - 5, tau)) and E('5', n) and C('8.8', np.sum(rho(y - 5, tau)))
            and E('5', n) and C('1.76', Rmin)),
        ('**(d)** [2 pontos]', lambda: E('2', 2) and E('1', 1) and all(
            abs(fd(lambda w: rho(yy - (w * xx + bb), t), ww) - (-t * xx if yy > ww * xx + bb else (1 - t) * xx)) < 1e-6
            and abs(fd(lambda b: rho(yy - (ww * xx + b), t), bb) - (-t if yy > ww * xx + bb else 1 - t)) < 1e-6
            for yy, xx, ww, bb, t in [tuple(rand(4)) + (RNG.uniform(0.1, 0.9),) for _ in range(6)])),
        # the (d) prose line is long: check the gradient rule, the example and the step
        ('Exemplo: $x = 2$', lambda: E('2', x0) and E('5', y0) and E('1', w0) and E('0.5', b0) and C('2.5', w0 * x0 + b0)
            and C('-0.7', -tau) and E('2', x0) and C('-1.4', dw) and C('-0.7', db)
            and E('0.1', 0.1) and C('1.14', w0 - 0.1 * dw) and C('0.57', b0 - 0.1 * db) and (w0 - 0.1 * dw) * x0 + (b0 - 0.1 * db) > w0 * x0 + b0),
        ('*Critério de correção:*', lambda: E('0', 0) and E('1', 1)),
    ]

# ======================================================================= 11
@register('11_mle_categorical_bernoulli_exam_key.md')
def f11():
    cnt = np.array([5.0, 3, 2, 10]); n = 20; th = cnt / n
    ll = lambda t, c=cnt: np.sum(c * np.log(t))
    xb = np.array([1, 0, 1, 1, 0, 1, 1, 1, 0, 1.0]); k, nb = xb.sum(), xb.size
    lb = lambda p: k * np.log(p) + (nb - k) * np.log(1 - p)
    def lagr():
        ok = True
        for _ in range(3):
            c = RNG.integers(1, 9, 5).astype(float); t = softmax(0.5 * rand(5)); lam = RNG.uniform(1, 5)
            J = lambda tt: np.sum(c * np.log(tt)) + lam * (1 - tt.sum())
            ok &= near(grad(J, t), c / t - lam, 1e-5)
            ok &= abs(np.sum(c / c.sum()) - 1) < 1e-12
        return ok
    def constrained_max():
        ok = True
        for _ in range(3):
            c = RNG.integers(1, 9, 5).astype(float); best = ll(c / c.sum(), c)
            ok &= all(ll(softmax(rand(5) * 3), c) <= best + 1e-12 for _ in range(200))
        return ok
    def hess():
        c = RNG.integers(1, 9, 4).astype(float); t = softmax(0.3 * rand(4))
        H = np.stack([grad(lambda u: grad(lambda v: ll(v, c), u, 1e-4)[j], t, 1e-4) for j in range(4)])
        Hf = np.diag(-c / t ** 2)
        return np.max(np.abs(H - Hf)) < 1e-4 * np.max(np.abs(Hf)) and np.all(np.linalg.eigvalsh(Hf) < 0)
    def softmax_grad():
        ok = True
        for _ in range(3):
            c = RNG.integers(1, 9, 4).astype(float); a = rand(4)
            ok &= near(grad(lambda u: ll(softmax(u), c), a), c - c.sum() * softmax(a))
            ok &= near(grad(lambda u: ll(softmax(u), c), np.log(c)), np.zeros(4))
        return ok
    d_eta = lambda p: fd(lambda e: lb(sig(e)), np.log(p / (1 - p)))
    return [
        ('**2(a) [8 marks]** *Categorical MLE.*', lambda: E('2', 2) and E('8', 8) and E('0', 0) and E('1', 1)),
        ('The log-likelihood is $\\ell(\\theta)', lambda: all(abs(np.log(np.prod(t[idx])) - ll(t, np.bincount(idx, minlength=4))) < 1e-9
                                                           for t, idx in [(softmax(rand(4)), RNG.integers(0, 4, 12))]), '1 1'),
        ('$$\\mathcal{J}(\\theta, \\lambda) =', lagr, '1 0 2'),
        ('Summing over $k$: $1 = \\sum_k', lambda: lagr() and constrained_max() and hess() and E('1', 1) and E('2', 2) and E('2', 2) and E('0', 0) and E('1', 1)),
        ('*Numerical part* [1].', lambda: E('1', 1) and EV(['5', '3', '2', '10'], cnt) and E('20', n) and EV(['0.25', '0.15', '0.10', '0.50'], th)),
        ('$$\\ell(\\hat\\theta) = 5\\log 0.25', lambda: E('5', 5) and E('0.25', th[0]) and E('3', 3) and E('0.15', th[1]) and E('2', 2) and E('0.10', th[2])
            and E('10', 10) and E('0.50', th[3]) and C('-6.9315', 5 * np.log(0.25)) and C('5.6914', -3 * np.log(0.15)) and C('4.6052', -2 * np.log(0.1))
            and C('6.9315', -10 * np.log(0.5)) and C('-24.1595', ll(th))),
        ('compared with $20\\log 0.25', lambda: E('20', n) and E('0.25', 0.25) and C('-27.7259', ll(np.full(4, 0.25))) and ll(np.full(4, 0.25)) < ll(th)),
        ('*Remark (not required).*', softmax_grad),
        ('**2(b) [12 marks]** *Bernoulli MLE.*', lambda: E('2', 2) and E('12', 12) and EV(['1', '0', '1', '1', '0', '1', '1', '1', '0', '1'], xb) and E('7', k) and E('10', nb)),
        ('(i) [3] $\\ell(p) = k\\log p', lambda: E('3', 3) and all(abs(np.sum(xb * np.log(p) + (1 - xb) * np.log(1 - p)) - lb(p)) < 1e-12 for p in (0.3, 0.6))
            and E('1', 1) and E('7', k) and E('3', nb - k) and E('1', 1)),
        ("(ii) [3] $\\ell'(p) = \\dfrac{7}{p}", lambda: E('3', 3) and E('7', k) and E('3', nb - k) and abs(fd(lb, 0.37) - (7 / 0.37 - 3 / 0.63)) < 1e-6
            and E('0', 0) and E('7', 7) and E('1', 1) and E('3', 3) and abs(7 * (1 - 0.7) - 3 * 0.7) < 1e-12 and E('0.7', k / nb)
            and abs(fd(lb, 0.7)) < 1e-6 and all(abs(fd(lambda p: kk * np.log(p) + (nn - kk) * np.log(1 - p), kk / nn)) < 1e-6 for kk, nn in ((3, 11), (5, 8))), '1'),
        ('(iii) [2] $\\ell(\\hat p)', lambda: E('2', 2) and E('7', 7) and E('0.7', 0.7) and E('3', 3) and E('0.3', 0.3) and E('7', 7) and C('-0.35667', np.log(0.7))
            and E('3', 3) and C('-1.20397', np.log(0.3)) and C('-2.4967', 7 * np.log(0.7)) and C('3.6119', -3 * np.log(0.3)) and C('-6.1086', lb(0.7))),
        ("(iv) [2] $\\ell''(p)", lambda: E('2', 2) and abs(fd(lambda p: fd(lb, p, 1e-5), 0.4, 1e-4) - (-7 / 0.16 - 3 / 0.36)) < 1e-4
            and E('7', 7) and E('2', 2) and E('3', 3) and E('1', 1) and E('2', 2)
            and C('-14.2857', -7 / 0.49) and C('33.3333', 3 / 0.09) and C('-47.6190', -7 / 0.49 - 3 / 0.09) and abs(-7 / 0.49 - 3 / 0.09 + nb / 0.21) < 1e-9
            and E('1', 1) and E('-10', -nb) and E('0.21', 0.7 * 0.3)
            and E('0.21', 0.21) and E('10', nb) and E('0.021', 0.021) and C('0.1449', np.sqrt(-1 / (-nb / 0.21)))),
        ('(v) [2] With the logit', lambda: E('2', 2) and E('1', 1) and E('1', 1) and abs(fd(sig, 0.3) - sig(0.3) * (1 - sig(0.3))) < 1e-8 and E('1', 1)
            and all(abs(d_eta(p) - fd(lb, p) * p * (1 - p)) < 1e-5 and abs(d_eta(p) - (k - nb * p)) < 1e-5 for p in (0.3, 0.5, 0.8))
            and E('0.5', 0.5) and E('0.5', 0.5) and E('14', 7 / 0.5) and E('6', 3 / 0.5) and C('8', fd(lb, 0.5)) and E('7', k) and E('5', nb * 0.5)
            and C('2', d_eta(0.5)) and E('8', 8) and E('0.25', 0.25)),
        ("*Examiner's comments.*", lambda: abs(fd(lambda p: fd(lb, p, 1e-5), 0.7, 1e-4) - (-7 / 0.49 + 3 / 0.09)) > 1 and E('-7', -7) and E('2', 2) and E('3', 3) and E('1', 1) and E('2', 2) and E('1', 1)),
    ]

# ======================================================================= 12
@register('12_em_iki_bilesen_tr.md', comma=True)
def f12():
    x = np.array([-1.0, 0.5, 2.0, 4.0]); pi = np.array([0.6, 0.4]); mu = np.array([0.0, 3.0]); sg = np.array([1.0, 2.0]); n = 4
    Nd = lambda xx, m, s: np.exp(-(xx - m) ** 2 / (2 * s ** 2)) / (s * np.sqrt(2 * np.pi))
    ex = np.exp(-(x[:, None] - mu) ** 2 / (2 * sg ** 2))
    w_true = pi * Nd(x[:, None], mu, sg); g_true = w_true / w_true.sum(1, keepdims=True)
    w_car = pi * ex; g_car = w_car / w_car.sum(1, keepdims=True)            # author's (normaliser dropped)
    g1r = np.array([0.8705, 0.7430, 0.1870, 0.0006])
    def bayes():
        ok = True
        for _ in range(3):
            p1 = RNG.uniform(0.1, 0.9); pp = np.array([p1, 1 - p1]); mm = rand(2); ss = RNG.uniform(0.5, 2, 2); xx = rand(1)[0]
            R = np.random.default_rng(int(RNG.integers(1e9))); z = (R.uniform(size=400000) > pp[0]).astype(int)
            xs = mm[z] + ss[z] * R.standard_normal(400000)
            sel = np.abs(xs - xx) < 0.02
            post_mc = np.mean(z[sel] == 0)
            w = pp * Nd(xx, mm, ss); g = w / w.sum()
            ok &= abs(post_mc - g[0]) < 0.05 and abs(g.sum() - 1) < 1e-12
        return ok
    def dens():
        ok = True
        for _ in range(3):
            m, s = rand(1)[0], RNG.uniform(0.5, 2)
            xs = np.linspace(m - 12 * s, m + 12 * s, 200001)
            ok &= abs(np.trapezoid(Nd(xs, m, s), xs) - 1) < 1e-8 and abs(np.trapezoid(xs * Nd(xs, m, s), xs) - m) < 1e-7
        return ok
    def cancel():
        # the normaliser 1/(sigma_k sqrt(2 pi)) cancels in gamma only if it is the same for both components
        ok = True
        for _ in range(3):
            p1 = RNG.uniform(0.1, 0.9); pp = np.array([p1, 1 - p1]); mm = rand(2); ss = RNG.uniform(0.5, 2, 2); xx = rand(1)[0]
            w = pp * Nd(xx, mm, ss); e = pp * np.exp(-(xx - mm) ** 2 / (2 * ss ** 2))
            ok &= abs(w[0] / w.sum() - e[0] / e.sum()) < 1e-9
        return ok
    return [
        ('Tek boyutlu veri $x_1, \\dots, x_n$', GIVEN),
        ('$$p(x) = \\pi_1\\,\\mathcal{N}', GIVEN, '*'),
        ('burada $\\mathcal{N}(x \\mid \\mu, \\sigma^2) = \\dfrac{1}', dens, '2 1 2 2 2 2 1 2'),
        ('Mevcut parametrelerle her gözlem için', GIVEN),
        ('$$\\gamma_{ik} = P(z_i = k \\mid x_i)', lambda: bayes() and E('1', 1), '2 2 2'),
        ('Hesabı kolaylaştırmak için:', lambda: cancel() and E('1', 1) and E('2', 2)),
        ('$$\\gamma_{i1} = \\frac{\\pi_1\\, e^{-(x_i-\\mu_1)^2', lambda: near(g_car[:, 0], g_true[:, 0], 1e-9), '2 2 2 2 2 2 2 2 2'),
        ('elde edilir; $\\gamma_{i2} = 1 - \\gamma_{i1}$.', lambda: near(g_true.sum(1), np.ones(4), 1e-12) and E('1', 1)),
        ('Veri $x = (-1{,}0;', lambda: EV(['-1.0', '0.5', '2.0', '4.0'], x) and EV(['0.6', '0.4'], pi) and EV(['0', '3'], mu) and EV(['1', '2'], sg)
            and E('2', 2) and E('2', 2) and E('8', 2 * sg[1] ** 2), '2'),
        ('| $i$ | $x_i$ |', lambda: E('0', mu[0]) and E('2', 2 * sg[0] ** 2) and E('3', mu[1]) and E('8', 2 * sg[1] ** 2) and E('0.6', pi[0]) and E('0.4', pi[1]), '2 2'),
        ('| 1 | $-1{,}0$ |', lambda: E('1', 1) and E('-1.0', x[0]) and CV(['0.6065', '0.1353', '0.3639', '0.0541', '0.8705'], [ex[0, 0], ex[0, 1], w_car[0, 0], w_car[0, 1], g_true[0, 0]])),
        ('| 2 | $0{,}5$ |', lambda: E('2', 2) and E('0.5', x[1]) and CV(['0.8825', '0.4578', '0.5295', '0.1831', '0.7430'], [ex[1, 0], ex[1, 1], w_car[1, 0], w_car[1, 1], g_true[1, 0]])),
        ('| 3 | $2{,}0$ |', lambda: E('3', 3) and E('2.0', x[2]) and CV(['0.1353', '0.8825', '0.0812', '0.3530', '0.1870'], [ex[2, 0], ex[2, 1], w_car[2, 0], w_car[2, 1], g_true[2, 0]])),
        ('| 4 | $4{,}0$ |', lambda: E('4', 4) and E('4.0', x[3]) and CV(['0.0003', '0.8825', '0.0002', '0.3530', '0.0006'], [ex[3, 0], ex[3, 1], w_car[3, 0], w_car[3, 1], g_true[3, 0]])),
        ('Örneğin $i = 1$ için', lambda: E('1', 1) and C('0.36392', w_car[0, 0]) and C('0.36392', w_car[0, 0]) and C('0.05413', w_car[0, 1])
            and C('0.36392', w_car[0, 0]) and C('0.41805', w_car[0].sum()) and C('0.8705', g_true[0, 0])),
        ('Etkin örnek sayıları $N_k', lambda: CV(['0.8705', '0.7430', '0.1870', '0.0006'], g_true[:, 0]) and C('1.8011', g_true[:, 0].sum())
            and E('4', n) and C('2.1989', g_true[:, 1].sum())),
        ('- Karışım ağırlıkları:', lambda: CV(['0.4503', '0.5497'], g_true.sum(0) / n)),
        ('- Ortalamalar:', lambda: E('1', 1) and C('-0.1226', g_true[:, 0] @ x) and C('1.8011', g_true[:, 0].sum())
            and C('-0.0681', g_true[:, 0] @ x / g_true[:, 0].sum())
            and C('5.6226', g_true[:, 1] @ x) and C('2.1989', g_true[:, 1].sum())
            and C('2.557', g_true[:, 1] @ x / g_true[:, 1].sum())),
        ('**Not.** EM\'in her turu', lambda: (lambda ll: all(ll[i + 1] >= ll[i] - 1e-12 for i in range(len(ll) - 1)))(em_ll(x, pi, mu, sg, 30))),
    ]

def em_ll(x, pi, mu, sg, iters):
    Nd = lambda xx, m, s: np.exp(-(xx - m) ** 2 / (2 * s ** 2)) / (s * np.sqrt(2 * np.pi))
    out = []
    for _ in range(iters):
        w = pi * Nd(x[:, None], mu, sg); out.append(np.sum(np.log(w.sum(1))))
        g = w / w.sum(1, keepdims=True); Nk = g.sum(0)
        pi = Nk / len(x); mu = (g * x[:, None]).sum(0) / Nk; sg = np.sqrt((g * (x[:, None] - mu) ** 2).sum(0) / Nk)
    return out

# ======================================================================= 13
@register('13_bernoulli_mle_newton_it.md', comma=True)
def f13():
    k, n = 9, 12
    lp = lambda p, kk=k, nn=n: kk * np.log(p) + (nn - kk) * np.log(1 - p)
    lb = lambda b, kk=k, nn=n: lp(sig(b), kk, nn)
    newton = [0.0]
    for _ in range(3):
        b = newton[-1]; p = sig(b); newton.append(b + (k - n * p) / (n * p * (1 - p)))
    bstar = np.log(3)
    def loglik():
        ok = True
        for _ in range(3):
            xs = RNG.integers(0, 2, 9).astype(float); p = RNG.uniform(0.1, 0.9)
            ok &= abs(np.sum(xs * np.log(p) + (1 - xs) * np.log(1 - p)) - lp(p, xs.sum(), 9)) < 1e-12
        return ok
    def stima():
        ok = True
        for kk, nn in ((3, 10), (7, 9), (9, 12)):
            p = RNG.uniform(0.1, 0.9)
            ok &= abs(fd(lambda q: lp(q, kk, nn), p) - (kk / p - (nn - kk) / (1 - p))) < 1e-5
            ok &= abs(fd(lambda q: lp(q, kk, nn), kk / nn)) < 1e-6
            ok &= abs(fd(lambda q: fd(lambda r: lp(r, kk, nn), q, 1e-5), p, 1e-4) - (-kk / p ** 2 - (nn - kk) / (1 - p) ** 2)) < 1e-3
        return ok
    def chain():
        ok = True
        for kk, nn in ((3, 10), (7, 9), (9, 12)):
            b = rand(1)[0]; s = sig(b)
            ok &= abs(fd(sig, b) - s * (1 - s)) < 1e-8
            ok &= abs(fd(lambda u: lb(u, kk, nn), b) - (kk / s - (nn - kk) / (1 - s)) * s * (1 - s)) < 1e-6
            ok &= abs(fd(lambda u: lb(u, kk, nn), b) - (kk - nn * s)) < 1e-6
            ok &= abs(fd(lambda u: fd(lambda v: lb(v, kk, nn), u, 1e-5), b, 1e-4) + nn * s * (1 - s)) < 1e-4
        return ok
    def concave():
        ok = True
        for kk, nn in ((3, 10), (7, 9)):
            ok &= abs(fd(lambda u: lb(u, kk, nn), np.log(kk / (nn - kk)))) < 1e-6
            ok &= abs(np.log((kk / nn) / (1 - kk / nn)) - np.log(kk / (nn - kk))) < 1e-12
        return ok
    return [
        ('Siano $x_1, \\dots, x_n \\in \\{0, 1\\}$', lambda: E('0', 0) and E('1', 1) and E('0', 0) and E('1', 1)),
        ('$$\\ell(p) = \\sum_{i=1}^{n}\\big[x_i\\log p', loglik, '1 1 1'),
        ('**Stima.** Ponendo', lambda: stima() and E('1', 1) and E('0', 0) and E('1', 1) and E('2', 2) and E('1', 1) and E('2', 2) and E('0', 0)),
        ('**Esempio.** Su $n = 12$', lambda: E('12', n) and E('9', k) and E('9', k) and E('12', n) and E('0.75', k / n)),
        ('$$\\ell(\\hat p) = 9\\log', lambda: E('9', k) and E('0.75', 0.75) and E('3', n - k) and E('0.25', 0.25)
            and C('-2.5891', 9 * np.log(0.75)) and C('4.1589', -3 * np.log(0.25)) and C('-6.7480', lp(0.75)) and abs(fd(lp, 0.75)) < 1e-6),
        ("L'errore standard asintotico", lambda: abs(-1 / (fd(lambda q: fd(lp, q, 1e-5), 0.75, 1e-4)) - 0.75 * 0.25 / 12) < 1e-5
            and E('1', 1) and E('0.1875', 0.75 * 0.25) and E('12', n) and E('0.015625', 0.1875 / 12) and E('0.125', np.sqrt(0.015625))),
        ('**Parametrizzazione logit.**', lambda: abs(fd(sig, 0.4) - sig(0.4) * (1 - sig(0.4))) < 1e-9 and E('1', 1) and E('1', 1) and E('1', 1)),
        ('$$\\frac{d\\ell}{db} = \\ell\'(p)', chain, '1 1 2 2 1'),
        ('Il gradiente ha la forma familiare', lambda: concave() and E('1', 1) and E('3', k / (n - k)) and C('1.0986', bstar)),
        ('**Metodo di Newton.**', lambda: E('2', 2) and E('2', 2) and E('0', 0)),
        ('- $t = 0$:', lambda: E('0', 0) and E('0', 0) and E('0.5', sig(0)) and E('9', k) and E('12', n) and E('0.5', 0.5) and E('3', k - n * 0.5)
            and E('-12', -n) and E('0.25', 0.25) and E('-3', -n * 0.25) and E('0', 0) and E('3', 3) and E('3', 3) and E('1', newton[1])
            and abs(fd(lb, 0.0) - 3) < 1e-6 and abs(fd(lambda u: fd(lb, u, 1e-5), 0.0, 1e-4) + 3) < 1e-4),
        ('- $t = 1$:', lambda: E('1', 1) and E('1', 1) and C('0.73106', sig(1)) and E('9', k) and E('12', n) and C('0.73106', sig(1)) and E('9', k)
            and C('8.7727', n * sig(1)) and C('0.2273', k - n * sig(1)) and E('-12', -n) and C('0.73106', sig(1))
            and C('0.26894', 1 - sig(1)) and C('-2.3593', -n * sig(1) * (1 - sig(1))) and E('1', 1) and C('0.2273', k - n * sig(1))
            and C('2.3593', n * sig(1) * (1 - sig(1))) and C('1.0963', newton[2])),
        ('- $t = 2$:', lambda: E('2', 2) and C('1.0986', newton[3]) and E('3', 3) and abs(np.log(3) - bstar) < 1e-12 and abs(newton[3] - bstar) < 5e-5),
        ('La convergenza è quadratica', lambda: C('1.10', abs(newton[0] - bstar)) and C('0.099', abs(newton[1] - bstar)) and C('0.0023', abs(newton[2] - bstar))
            and all(abs(newton[i + 1] - bstar) < abs(newton[i] - bstar) ** 2 for i in range(3))),
        ('**Osservazione.** Se $k = 0$', lambda: E('0', 0) and E('0', 0) and E('1', 1) and all(fd(lambda u: lb(u, 5, 5), b) > 0 for b in (0.0, 5.0, 20.0))
            and all(fd(lambda u: lb(u, 0, 5), b) < 0 for b in (0.0, -5.0, -20.0))
            and E('1', 1) and E('2', 2) and E('10', k + 1) and E('14', n + 2) and C('0.7143', (k + 1) / (n + 2))),
    ]

# ======================================================================= 14
@register('14_score_function_baseline_pml.md')
def f14():
    f = np.array([1.0, 4.0]); th = np.log(3); s_ = sig(th)
    qz = lambda t: np.array([1 - sig(t), sig(t)])
    score = lambda z, t: fd(lambda u: np.log(qz(u)[z]), t)
    g_true = fd(lambda t: qz(t) @ f, th)
    def est(b):
        v = np.array([(f[z] - b) * score(z, th) for z in (0, 1)]); p = qz(th)
        m = p @ v; m2 = p @ v ** 2
        return v, m, m2, m2 - m ** 2
    bgrid = np.linspace(-5, 10, 30001); vgrid = np.array([est(b)[3] for b in bgrid[::100]])
    b_opt = bgrid[::100][np.argmin(vgrid)]
    def sf_identity():
        ok = True
        for _ in range(3):
            t = rand(3); ff = rand(3); q = lambda u: softmax(u)
            lhs = grad(lambda u: q(u) @ ff, t)
            rhs = sum(q(t)[z] * ff[z] * grad(lambda u: np.log(q(u)[z]), t) for z in range(3))
            ok &= near(lhs, rhs)
        return ok
    def score_zero():
        ok = True
        for _ in range(3):
            t = rand(3); q = softmax(t)
            ok &= near(sum(q[z] * grad(lambda u: np.log(softmax(u)[z]), t) for z in range(3)), np.zeros(3))
            ok &= near(sum(grad(lambda u: softmax(u)[z], t) for z in range(3)), np.zeros(3))
        return ok
    def unbiased_b():
        ok = True
        for _ in range(3):
            t = rand(1)[0]; ff = rand(2); b = rand(1)[0]; p = qz(t)
            ok &= abs(sum(p[z] * (ff[z] - b) * score(z, t) for z in (0, 1)) - fd(lambda u: qz(u) @ ff, t)) < 1e-6
        return ok
    def var_formula():
        ok = True
        for _ in range(3):
            t = rand(1)[0]; ff = rand(2); p = qz(t); sc = np.array([score(z, t) for z in (0, 1)]); g = fd(lambda u: qz(u) @ ff, t)
            V = lambda b: p @ ((ff - b) * sc) ** 2 - (p @ ((ff - b) * sc)) ** 2
            b0 = rand(1)[0]
            ok &= abs(V(b0) - (p @ ((ff - b0) ** 2 * sc ** 2) - g ** 2)) < 1e-9
            ok &= abs(fd(V, b0) - (-2 * p @ ((ff - b0) * sc ** 2))) < 1e-6
        return ok
    def bstar():
        ok = True
        for _ in range(3):
            t = rand(3); ff = rand(3); p = softmax(t); k = 1
            sc = np.array([grad(lambda u: np.log(softmax(u)[z]), t)[k] for z in range(3)])
            V = lambda b: p @ ((ff - b) * sc) ** 2
            bs = (p @ (ff * sc ** 2)) / (p @ sc ** 2)
            ok &= abs(fd(V, bs)) < 1e-6 and V(bs) <= min(V(bs + 0.1), V(bs - 0.1))
        return ok
    def bern_score():
        ok = True
        for _ in range(3):
            t = rand(1)[0]; ss = sig(t)
            ok &= all(abs(np.log(qz(t)[z]) - (z * np.log(ss) + (1 - z) * np.log(1 - ss))) < 1e-12 for z in (0, 1))
            ok &= abs(fd(sig, t) - ss * (1 - ss)) < 1e-8 and abs(score(1, t) - (1 - ss)) < 1e-6 and abs(score(0, t) + ss) < 1e-6
            ok &= abs(ss * (1 - ss) ** 2 + (1 - ss) * ss ** 2 - ss * (1 - ss)) < 1e-12
            ff = rand(2); p = qz(t); sc = np.array([-ss, 1 - ss])
            ok &= abs(p @ (ff * sc ** 2) - ss * (1 - ss) * ((1 - ss) * ff[1] + ss * ff[0])) < 1e-12
        return ok
    def bern_bstar():
        ok = True
        for _ in range(3):
            t = rand(1)[0]; ss = sig(t); ff = rand(2); p = qz(t); sc = np.array([-ss, 1 - ss])
            bs = (p @ (ff * sc ** 2)) / (p @ sc ** 2)
            ok &= abs(bs - (ss * ff[1] + (1 - ss) * ff[0])) < 1e-9 and abs(bs - p @ ff) < 1e-9
        return ok
    def weighted_avg():
        ok = True; differs = False
        for _ in range(5):
            t = rand(3); ff = rand(3); p = softmax(t)
            sc = np.array([grad(lambda u: np.log(softmax(u)[z]), t)[0] for z in range(3)])
            w = p * sc ** 2 / (p @ sc ** 2)
            bs = (p @ (ff * sc ** 2)) / (p @ sc ** 2)
            ok &= abs(w.sum() - 1) < 1e-12 and np.all(w >= 0) and abs(w @ ff - bs) < 1e-12
            differs |= abs(bs - p @ ff) > 1e-3
        return ok and differs
    v0, m0, m20, V0 = est(0.0); vE, mE, m2E, VE = est(3.25)
    return [
        ('Recall from Section 6.3.2', GIVEN, '6.3'),
        ('$$\\nabla_{\\boldsymbol\\theta}\\,\\mathbb{E}_{q_{\\boldsymbol\\theta}(\\mathbf{z})}[f(\\mathbf{z})] =', sf_identity, '6.60'),
        ('which is estimated by sampling', lambda: score_zero()),
        ('$$\\mathbb{E}_{q_{\\boldsymbol\\theta}}[\\mathbf{s}(\\mathbf{z})] =', score_zero, '1 0 6.61'),
        ('Hence for any constant $b$', unbiased_b, '6.3'),
        ('**Choosing $b$.**', lambda: all(abs(est(b)[1] - g_true) < 1e-6 for b in (-1.0, 0.0, 2.0))),
        ('$$\\mathbb{V}[\\hat g_b] = \\mathbb{E}', var_formula, '2 2 2 -2 2'),
        ('$$b^* = \\frac{\\mathbb{E}[f\\,s^2]}{\\mathbb{E}[s^2]}.', bstar, '2 2 6.62'),
        ('This is a score-weighted average of $f$', lambda: weighted_avg()),
        ('**Example (Bernoulli).**', lambda: bern_score() and ALL(E('0', 0), E('1', 1), E('1', 1), E('1', 1), E('1', 1), E('1', 1), E('1', 1), E('1', 1), E('0', 0), E('2', 2), E('1', 1), E('2', 2), E('1', 1), E('2', 2), E('1', 1), E('2', 2), E('1', 1), E('1', 1), E('1', 1), E('0', 0))),
        ('$$b^* = \\sigma f(1) + (1 - \\sigma) f(0) = \\mathbb{E}[f],$$', bern_bstar, '1 1 0'),
        ('so for a single Bernoulli variable', lambda: abs(b_opt - p_mean(f, th)) < 1e-2),
        ('For concreteness take $f(0) = 1$', lambda: E('0', 0) and E('1', f[0]) and E('1', 1) and E('4', f[1]) and E('3', 3) and C('0.75', s_)
            and abs(fd(lambda t: 1 + 3 * sig(t), th) - g_true) < 1e-9 and E('1', 1) and E('3', 3) and E('3', 3) and E('1', 1) and E('0.5625', 3 * s_ * (1 - s_))
            and abs(g_true - 0.5625) < 1e-6),
        ('- *No baseline.*', lambda: E('1', 1) and E('4', f[1]) and C('0.25', score(1, th)) and C('1', v0[1]) and E('0', 0) and E('1', f[0])
            and C('-0.75', score(0, th)) and C('-0.75', v0[0]) and C('0.75', s_) and C('1', v0[1]) and C('0.25', 1 - s_) and C('-0.75', v0[0])
            and C('0.5625', m0) and C('0.75', s_) and C('1', v0[1] ** 2) and C('0.25', 1 - s_) and C('0.5625', v0[0] ** 2) and C('0.890625', m20)
            and C('0.890625', m20) and C('0.5625', m0) and E('2', 2) and C('0.5742', V0)),
        ('- *Optimal baseline*', lambda: E('1', 1) and E('3', 3) and E('0.75', 0.75) and C('3.25', b_opt)
            and E('1', 1) and C('0.75', f[1] - 3.25) and C('0.25', score(1, th)) and C('0.1875', vE[1]) and E('0', 0)
            and C('-2.25', f[0] - 3.25) and C('-0.75', score(0, th)) and C('1.6875', vE[0]) and C('0.140625', s_ * vE[1]) and C('0.421875', (1 - s_) * vE[0])
            and C('0.5625', mE) and C('0.75', s_) and C('0.1875', vE[1]) and E('2', 2) and C('0.25', 1 - s_) and C('1.6875', vE[0]) and E('2', 2)
            and C('0.7383', m2E) and C('0.7383', m2E) and C('0.3164', mE ** 2) and C('0.4219', VE)),
        ('The optimal baseline thus cuts', lambda: C('0.5742', V0) and C('0.4219', min(vgrid)) and (V0 - VE) / V0 > 0.2),
    ]

def p_mean(f, th):
    return (1 - sig(th)) * f[0] + sig(th) * f[1]

# ======================================================================= 15
@register('15_vae_elbo_reparam_notebook.md')
def f15():
    x, mu, l, w, c, e = 2.0, 0.5, -0.4, 1.5, 0.2, 0.8
    def L(p, xx=x, ee=e):
        m, lv, ww, cc = p
        z = m + np.exp(lv / 2) * ee
        return 0.5 * (xx - ww * z - cc) ** 2 + 0.5 * (m ** 2 + np.exp(lv) - 1 - lv)
    P = np.array([mu, l, w, c]); G = grad(L, P)
    s = np.exp(l / 2); z = mu + s * e; r = x - w * z - c
    def nelbo():
        # single-sample negative ELBO = -log p(x|z) + KL(q||p), minus the constant 1/2 log 2pi
        ok = True
        for _ in range(3):
            m, lv, ww, cc, xx, ee = rand(6)
            zz = m + np.exp(lv / 2) * ee
            nll = -np.log(np.exp(-(xx - ww * zz - cc) ** 2 / 2) / np.sqrt(2 * np.pi))
            kl = gauss_E(lambda t: (-0.5 * lv - (t - m) ** 2 / (2 * np.exp(lv))) - (-t ** 2 / 2), m, np.exp(lv / 2))
            ok &= abs(nll + kl - 0.5 * np.log(2 * np.pi) - L(np.array([m, lv, ww, cc]), xx, ee)) < 1e-9
        return ok
    def grads():
        ok = True
        for _ in range(3):
            p = rand(4); xx, ee = rand(2); m, lv, ww, cc = p
            ss = np.exp(lv / 2); zz = m + ss * ee; rr = xx - ww * zz - cc; zb = -ww * rr
            g = grad(lambda q: L(q, xx, ee), p)
            ok &= near(g, [zb + m, 0.5 * zb * ss * ee + 0.5 * (np.exp(lv) - 1), -rr * zz, -rr])
            ok &= abs(fd(lambda t: 0.5 * (xx - ww * t - cc) ** 2, zz) - zb) < 1e-6
            ok &= abs(fd(lambda t: m + np.exp(t / 2) * ee, lv) - 0.5 * ss * ee) < 1e-8 and abs(fd(lambda t: np.exp(t / 2), lv) * ee - ee * 0.5 * np.exp(lv / 2)) < 1e-8
        return ok
    def two_contrib():
        p = rand(4); xx, ee = rand(2)
        Lr = lambda q: 0.5 * (xx - q[2] * (q[0] + np.exp(q[1] / 2) * ee) - q[3]) ** 2
        Lk = lambda q: 0.5 * (q[0] ** 2 + np.exp(q[1]) - 1 - q[1])
        gr, gk = grad(Lr, p), grad(Lk, p)
        return np.all(np.abs(gr[:2]) > 1e-8) and np.all(np.abs(gk[:2]) > 1e-8) and near(gr + gk, grad(lambda q: L(q, xx, ee), p))
    torch_out = {k: round(float(v), 4) for k, v in zip(('mu', 'logvar', 'w', 'c'), G)}
    return [
        ('Goal of this notebook', GIVEN, '1'),
        ('**Model.** Encoder output', GIVEN, '2 2 0 1 1 2 0 1'),
        ('Loss for one sample (dropping the constant', lambda: E('1', 1) and E('2', 2) and E('2', 2)),
        ('$$\\mathcal{L} = \\underbrace{\\tfrac12', nelbo, '1 2 2 1 2 2 1'),
        ('**Gradients.** Let $r = x - wz - c$', lambda: grads() and E('1', 1) and E('1', 1) and E('2', 2) and E('2', 2) and E('1', 1) and E('2', 2)),
        ('\\frac{\\partial\\mathcal{L}}{\\partial\\mu} &= \\bar z + \\mu', grads),
        ('\\frac{\\partial\\mathcal{L}}{\\partial\\ell} &= \\tfrac12', grads, '1 2 1 2 1'),
        ('\\frac{\\partial\\mathcal{L}}{\\partial w} &= -r\\,z', grads),
        ('\\frac{\\partial\\mathcal{L}}{\\partial c} &= -r', grads),
        ('Note that $\\mu$ and $\\ell$ each get two', two_contrib),
        ('x, mu, logvar, w, c, eps = 2.0', lambda: EV(['2.0', '0.5', '-0.4', '1.5', '0.2', '0.8'], [x, mu, l, w, c, e])),
        ('sigma = math.exp(0.5 * logvar)', lambda: E('0.5', 0.5) and abs(np.exp(0.5 * l) - s) < 1e-15),
        ('recon = 0.5 * r**2', lambda: E('0.5', 0.5) and E('2', 2)),
        ('kl = 0.5 * (mu**2', lambda: E('0.5', 0.5) and E('2', 2) and E('1', 1)),
        ('Hand computation, line by line', lambda: E('4', 4)),
        ('- $\\sigma = e^{-0.2}', lambda: E('-0.2', l / 2) and C('0.8187', s)),
        ('- $z = 0.5 + 0.8187', lambda: E('0.5', mu) and C('0.8187', s) and E('0.8', e) and C('1.1550', z)),
        ('- $wz + c = 1.5', lambda: E('1.5', w) and C('1.1550', z) and E('0.2', c) and C('1.9325', w * z + c) and E('2.0', x) and C('1.9325', w * z + c) and C('0.0675', r)),
        ('- recon $= \\frac12 r^2', lambda: E('1', 1) and E('2', 2) and E('2', 2) and C('0.00228', 0.5 * r ** 2) and E('1', 1) and E('2', 2)
            and E('0.25', mu ** 2) and C('0.6703', np.exp(l)) and E('1', 1) and E('0.4', -l) and C('0.16016', 0.5 * (mu ** 2 + np.exp(l) - 1 - l))
            and C('0.16244', L(P))),
        ('- $\\bar z = -1.5', lambda: E('-1.5', -w) and C('0.0675', r) and C('-0.1013', -w * r)),
        ('- $\\partial\\mathcal{L}/\\partial\\mu \\approx', lambda: C('-0.1013', -w * r) and E('0.5', mu) and C('0.3987', G[0])),
        ('- $\\partial\\mathcal{L}/\\partial\\ell \\approx', lambda: E('1', 1) and E('2', 2) and C('-0.1013', -w * r) and C('0.8187', s) and E('0.8', e)
            and E('1', 1) and E('2', 2) and C('0.6703', np.exp(l)) and E('1', 1) and C('-0.0332', 0.5 * (-w * r) * s * e) and C('0.1648', -0.5 * (np.exp(l) - 1))
            and C('-0.1980', G[1])),
        ('- $\\partial\\mathcal{L}/\\partial w \\approx', lambda: C('-0.0675', -r) and C('1.1550', z) and C('-0.0780', G[2]) and C('-0.0675', G[3])),
        ('The reconstruction is already almost perfect', lambda: abs(r) < 0.1 and abs(0.5 * r * r) < 0.05 * 0.5 * (mu ** 2 + np.exp(l) - 1 - l)
            and E('0', 0) and E('2', 2) and E('-0.4', l) and C('0.67', np.exp(l)) and E('1', 1) and G[1] < 0 and L(P - 0.01 * G) < L(P)
            and fd(lambda m: 0.5 * m ** 2, mu) > 0),
        ('t = {k: torch.tensor', lambda: EV(['0.5', '-0.4', '1.5', '0.2'], [mu, l, w, c])),
        ('z = t["mu"] + torch.exp', lambda: E('0.5', 0.5) and E('0.8', e)),
        ('loss = 0.5 * (2.0', lambda: E('0.5', 0.5) and E('2.0', x) and E('2', 2) and E('0.5', 0.5) and E('2', 2) and E('1', 1)),
        ('print({k: round(v.grad.item(), 4)', lambda: E('4', 4)),
        ("# {'mu': 0.3987", lambda: E('0.3987', torch_out['mu']) and E('-0.198', torch_out['logvar']) and E('-0.078', torch_out['w']) and E('-0.0675', torch_out['c'])),
    ]

# ======================================================================= 16
@register('16_clip_symmetric_loss_exercise.md')
def f16():
    G = np.array([[0.9, 0.1], [0.3, 0.7]]); tau = 0.5; B = 2; S = G / tau
    Pr = softmax(S); Pc = softmax(S.T).T
    Lrow = lambda SS: -np.mean(np.log(np.diag(softmax(SS))))
    Lcol = lambda SS: -np.mean(np.log(np.diag(softmax(SS.T))))
    Lsym = lambda SS: 0.5 * (Lrow(SS) + Lcol(SS))
    dS = grad(Lsym, S); dtau = fd(lambda t: Lsym(G / t), tau)
    def part_a():
        ok = True
        for _ in range(3):
            b = 4; SS = rand(b, b); pr = softmax(SS); pc = softmax(SS.T).T
            ok &= near(grad(Lsym, SS), ((pr - np.eye(b)) + (pc - np.eye(b))) / (2 * b))
            ok &= near(grad(Lrow, SS), (pr - np.eye(b)) / b) and near(grad(Lcol, SS), (pc - np.eye(b)) / b)
            ok &= abs(Lcol(SS) - Lrow(SS.T)) < 1e-12
            ok &= near((pr - np.eye(b)).sum(1), np.zeros(b), 1e-12) and near((pc - np.eye(b)).sum(0), np.zeros(b), 1e-12)
        return ok
    def part_b():
        ok = True
        for _ in range(3):
            b = 3; GG = rand(b, b, lo=-1, hi=1); t = RNG.uniform(0.2, 1)
            d = grad(Lsym, GG / t)
            ok &= abs(fd(lambda u: Lsym(GG / u), t) - (-(d * (GG / t)).sum() / t)) < 1e-6
            ok &= abs(fd(lambda u: GG[0, 1] / u, t) - (-GG[0, 1] / t ** 2)) < 1e-6 and abs(GG[0, 1] / t ** 2 - (GG[0, 1] / t) / t) < 1e-12
        return ok
    eS = np.exp(S)
    dSr = np.array([[-0.0999, 0.0999], [0.1354, -0.1354]])
    return [
        ('A batch contains $B$ image–text pairs.', GIVEN, '0'),
        ('$$P^{\\mathrm{r}}_{ij} = \\frac{e^{S_{ij}}}', GIVEN),
        ('and the symmetric loss $L = \\tfrac12', lambda: abs(Lrow(S) - (-np.mean(np.log(np.diag(Pr))))) < 1e-12 and abs(Lcol(S) - (-np.mean(np.log(np.diag(Pc))))) < 1e-12, '1 2'),
        ('**(a)** Show that', part_a, '1 2'),
        ('**(b)** Treating $G$ as fixed', GIVEN),
        ('**(c)** Evaluate everything for $B = 2$', lambda: E('2', B) and EV(['0.9', '0.1', '0.3', '0.7'], G) and E('0.5', tau)),
        ('**Solution (a).**', part_a),
        ('**Solution (b).** Since', part_b, '2'),
        ('$$\\frac{\\partial L}{\\partial\\tau} = \\sum_{i,j}', part_b),
        ('**Solution (c).** $S = G/0.5', lambda: E('0.5', tau) and CV(['1.8', '0.2', '0.6', '1.4'], S) and CV(['6.0496', '1.2214', '1.8221', '4.0552'], eS)),
        ('- Row sums', lambda: CV(['7.2711', '5.8773'], eS.sum(1)) and CV(['0.8320', '0.1680', '0.3100', '0.6900'], Pr)),
        ('- Column sums', lambda: CV(['7.8718', '5.2766'], eS.sum(0)) and CV(['0.7685', '0.2315', '0.2315', '0.7685'], Pc)),
        ('- $L_{\\mathrm{r}} = \\frac12(0.1839', lambda: E('1', 1) and E('2', 2) and C('0.1839', -np.log(Pr[0, 0])) and C('0.3711', -np.log(Pr[1, 1])) and C('0.2775', Lrow(S))
            and E('1', 1) and E('2', 2) and C('0.2633', -np.log(Pc[0, 0])) and C('0.2633', -np.log(Pc[1, 1])) and C('0.2633', Lcol(S)) and C('0.2704', Lsym(S))),
        ('- From (a):', lambda: E('1', 1) and E('4', 2 * B) and C('-0.1680', Pr[0, 0] - 1) and C('0.2315', -(Pc[0, 0] - 1)) and C('0.1680', Pr[0, 1]) and C('0.2315', Pc[0, 1])
            and C('0.3100', Pr[1, 0]) and C('0.2315', Pc[1, 0]) and C('-0.3100', -Pr[1, 0]) and C('0.2315', -(Pc[1, 1] - 1))
            and CV(['-0.0999', '0.0999', '0.1354', '-0.1354'], dS)),
        ('- From (b):', lambda: E('1', 1) and E('0.5', tau) and C('-0.0999', dS[0, 0]) and E('1.8', S[0, 0]) and C('0.0999', dS[0, 1]) and E('0.2', S[0, 1])
            and C('0.1354', dS[1, 0]) and E('0.6', S[1, 0]) and C('0.1354', -dS[1, 1]) and E('1.4', S[1, 1]) and C('0.536', dtau, -(dSr * S).sum() / tau)),
        ('The gradient with respect to $\\tau$ is positive', lambda: dtau > 0 and Lsym(G / (tau - 0.01)) < Lsym(S)
            and all(np.argmax(S[i]) == i and np.argmax(S[:, i]) == i for i in range(2))),
        ('*Remark.* CLIP does not learn', lambda: E('1', 1) and abs(fd(lambda t: Lsym(G / np.exp(-t)), -np.log(tau)) - (-tau * dtau)) < 1e-6
            and E('-0.5', -tau) and C('0.536', dtau) and C('-0.268', -tau * dtau)),
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
