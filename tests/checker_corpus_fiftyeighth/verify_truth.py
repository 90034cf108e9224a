#!/usr/bin/env python3
"""Independent NumPy check of corpus58 (probabilistic-ML gradient derivations).

Each file has an ordered list of checks: (substring identifying exactly one line,
predicate, declared structural/data tokens).  Every line containing math must be
covered.  Definitions and data are GIVEN.  Symbolic claims (derivatives,
Jacobians, Hessians, closed forms) are tested numerically: central finite
differences at random points, Monte-Carlo / quadrature for expectations, exact
re-evaluation of algebraic identities.  Worked numbers are recomputed and must
match to their printed precision (against the exact value or against the value
recomputed from the rounded numbers the author carried).  Every number printed
inside math on a checked line must be a checked value or a declared token.
The first line whose predicate is False is compared with expected.json.
"""
import json, math, os, re, sys
from collections import Counter
import numpy as np

VERBOSE = '-v' in sys.argv
D = os.path.dirname(os.path.abspath(__file__))
RNG = np.random.default_rng(58)
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
    """printed value `shown` is right to its printed precision for at least one
    candidate (exact value / value recomputed from the author's rounded inputs)."""
    _LITS.append(shown)
    v, t = _tol(shown)
    hits = [abs(v - float(c)) <= t for c in cands]
    if any(hits) and not all(hits):
        WARN.append(f'{shown}: matches only some candidates {cands}')
    return any(hits)

def E(shown, val):
    """printed value is exactly val (integers / exact decimals)."""
    _LITS.append(shown)
    v, _ = _tol(shown)
    return abs(v - float(val)) <= 1e-9 * max(1.0, abs(float(val)))

def CV(shown_list, *cand_arrays):
    arrs = [np.ravel(np.asarray(a, float)) for a in cand_arrays]
    if any(a.size != len(shown_list) for a in arrs):
        _LITS.extend(shown_list)
        return False
    return all([C(s, *[a[i] for a in arrs]) for i, s in enumerate(shown_list)])

def EV(shown_list, arr):
    arr = np.ravel(np.asarray(arr, float))
    _ok = len(arr) == len(shown_list)
    return _ok and all([E(s, arr[i]) for i, s in enumerate(shown_list)])

def fd(f, x, h=1e-5):
    return (f(x + h) - f(x - h)) / (2 * h)

def grad(f, x, h=1e-5):
    x = np.array(x, dtype=float); g = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        e = np.zeros_like(x); e[idx] = h
        g[idx] = (f(x + e) - f(x - e)) / (2 * h)
    return g

def hess(f, x, h=1e-4):
    x = np.array(x, dtype=float); n = x.size; H = np.zeros((n, n))
    for i in range(n):
        e = np.zeros(n); e[i] = h
        H[:, i] = (grad(f, x + e) - grad(f, x - e)) / (2 * h)
    return H

def jac(f, x, h=1e-5):
    x = np.array(x, dtype=float); cols = []
    for i in range(x.size):
        e = np.zeros_like(x); e[i] = h
        cols.append((np.asarray(f(x + e)) - np.asarray(f(x - e))) / (2 * h))
    return np.stack(cols, axis=1)

def near(a, b, tol=1e-6):
    a = np.asarray(a, float); b = np.asarray(b, float)
    return a.shape == b.shape and np.allclose(a, b, atol=tol, rtol=tol)

def rand(n, lo=-2, hi=2):
    return RNG.uniform(lo, hi, size=n)

sig = lambda z: 1.0 / (1.0 + np.exp(-z))
def softmax(z):
    z = np.asarray(z, float); e = np.exp(z - z.max()); return e / e.sum()

def gauss_expect(f, mu, sd, n=80):
    """E[f(z)], z ~ N(mu, sd^2), by Gauss-Hermite quadrature"""
    t, w = np.polynomial.hermite_e.hermegauss(n)
    return float(np.sum(w * np.array([f(mu + sd * ti) for ti in t])) / np.sqrt(2 * np.pi))

FILES = {}
def register(name):
    def deco(fn):
        FILES[name] = fn
        return fn
    return deco

# ======================================================================= 01
@register('01_bernoulli_mle_murphy.md')
def f01():
    def nll_y(th, ys):
        ys = np.asarray(ys, float)
        return -np.sum(ys * np.log(th) + (1 - ys) * np.log(1 - th))
    nll = lambda th, N1, N0: -(N1 * np.log(th) + N0 * np.log(1 - th))
    g = lambda th, N1, N0: -N1 / th + N0 / (1 - th)
    h2 = lambda th, N1, N0: N1 / th ** 2 + N0 / (1 - th) ** 2
    cases = [(int(a), int(b)) for a, b in RNG.integers(1, 20, size=(6, 2))]
    ths = rand(6, 0.05, 0.95)
    def counts_form():
        ok = True
        for _ in range(5):
            ys = RNG.integers(0, 2, size=12); th = RNG.uniform(0.05, 0.95)
            ok &= abs(nll_y(th, ys) - nll(th, ys.sum(), 12 - ys.sum())) < 1e-10
        return ok
    def deriv():
        return all(abs(fd(lambda t: nll(t, N1, N0), th) - g(th, N1, N0)) < 1e-5 * max(1, abs(g(th, N1, N0)))
                   for (N1, N0), th in zip(cases, ths))
    def zero_eq():
        return all(abs(g(th, N1, N0) * th * (1 - th) - (-(N1 * (1 - th)) + N0 * th)) < 1e-9
                   for (N1, N0), th in zip(cases, ths))
    def mle():
        ok = True
        for N1, N0 in cases:
            t = N1 / (N1 + N0)
            grid = np.linspace(0.001, 0.999, 2000)
            ok &= abs(g(t, N1, N0)) < 1e-9 and abs(grid[np.argmin(nll(grid, N1, N0))] - t) < 1e-3
        return ok
    def second():
        return all(abs(fd(lambda t: g(t, N1, N0), th) - h2(th, N1, N0)) < 1e-4 * h2(th, N1, N0)
                   and h2(th, N1, N0) > 0 for (N1, N0), th in zip(cases, ths))
    def fisher():
        return all(abs(h2(N1 / (N1 + N0), N1, N0) - (N1 + N0) / ((N1 / (N1 + N0)) * (N0 / (N1 + N0)))) < 1e-8
                   for N1, N0 in cases)
    def half():
        ok = True
        for N1, N0 in cases:
            N = N1 + N0
            ok &= abs(g(0.5, N1, N0) - 2 * (N0 - N1)) < 1e-9 and abs(h2(0.5, N1, N0) - 4 * N) < 1e-9
            ok &= abs(0.5 - g(0.5, N1, N0) / h2(0.5, N1, N0) - N1 / N) < 1e-12
        return ok
    N1, N0 = 7, 3; th = 0.7
    H = h2(th, N1, N0)
    return [
        ('Let $\\mathcal{D} = \\{y_1', GIVEN, '*'),
        ('$$\\text{NLL}(\\theta) = -\\sum_{n=1}', counts_form, '1 1 1'),
        ('where $N_1 = \\sum_n', GIVEN, '*'),
        ('$$\\frac{d}{d\\theta}\\text{NLL}(\\theta) = -\\frac{N_1}', deriv, '1'),
        ('Setting this to zero gives $N_1(1-\\theta)', zero_eq, '1'),
        ('$$\\hat\\theta_{\\text{mle}} = \\frac{N_1}{N_0 + N_1}', mle),
        ('$$\\frac{d^2}{d\\theta^2}', second, '2 2 2 1 2 0 0 1'),
        ('At $\\theta = \\hat\\theta$ this simplifies', fisher, '1'),
        ('**Numbers.**', lambda: E('10', N1 + N0) and E('7', N1) and E('3', N0) and E('0.7', 7 / 10), '7 10'),
        ('$$\\text{NLL}(0.7) = ', lambda: C('2.4967', -7 * np.log(0.7)) and C('3.6119', -3 * np.log(0.3))
            and C('6.1086', nll(0.7, 7, 3)) and abs(2.4967 + 3.6119 - 6.1086) < 1e-12, '0.7 7 0.7 3 0.3'),
        ('At a suboptimal value', GIVEN, '0.5'),
        ('$$\\frac{d}{d\\theta}\\text{NLL}(0.5)', lambda: E('-14', -7 / 0.5) and E('6', 3 / 0.5)
            and E('-8', fd(lambda t: nll(t, 7, 3), 0.5)) if abs(fd(lambda t: nll(t, 7, 3), 0.5) + 8) < 1e-6 else False,
            '0.5 7 0.5 3 0.5'),
        ('The curvature there is', lambda: abs(fd(lambda t: g(t, 7, 3), 0.5) - 40) < 1e-4 and E('40', h2(0.5, 7, 3))
            and 0.5 ** 2 == 0.25, '7 0.25 3 0.25'),
        ('$$\\theta_1 = 0.5 - \\frac{-8}{40}', lambda: E('0.7', 0.5 - g(0.5, 7, 3) / h2(0.5, 7, 3)),
            '0.5 8 40'),
        ('This is no accident', half, '0.5 2 4 0.5'),
        ('$$\\frac{7}{0.49}', lambda: abs(0.7 ** 2 - 0.49) < 1e-15 and abs(0.3 ** 2 - 0.09) < 1e-15
            and C('14.2857', 7 / 0.49) and C('33.3333', 3 / 0.09) and C('47.6190', H, 14.2857 + 33.3333)
            and abs(fd(lambda t: g(t, 7, 3), 0.7) - H) < 1e-3, '7 0.49 3 0.09'),
        ('which matches $10/(0.7', lambda: E('0.21', 0.7 * 0.3) and C('47.6190', 10 / 0.21) and abs(10 / 0.21 - H) < 1e-9,
            '10 0.7 0.3 10'),
        ('$$\\text{se}(\\hat\\theta)', lambda: C('0.1449', 1 / np.sqrt(H), 1 / np.sqrt(47.6190)), '1 47.6190'),
    ]

# ======================================================================= 02
@register('02_poisson_regression_stackexchange.md')
def f02():
    x = np.array([0, 1, 2.]); y = np.array([1, 2, 4.])
    lgam = sum(math.lgamma(v + 1) for v in y)
    def ell(w, b, xx=x, yy=y):
        eta = b + w * xx
        return float(np.sum(np.exp(eta) - yy * eta)) + sum(math.lgamma(v + 1) for v in yy)
    def nll_lam(lam, yy):
        return sum(lam - v * math.log(lam) + math.lgamma(v + 1) for v in yy)
    def poisson_pmf_form():
        ok = True
        for _ in range(4):
            yy = RNG.integers(0, 6, size=5).astype(float); lam = RNG.uniform(0.3, 4)
            direct = -sum(math.log(math.exp(-lam) * lam ** v / math.factorial(int(v))) for v in yy)
            ok &= abs(direct - nll_lam(lam, yy)) < 1e-9
            ok &= abs(fd(lambda l: nll_lam(l, yy), lam) - (len(yy) - yy.sum() / lam)) < 1e-5
        return ok
    def lam_hat():
        ok = True
        for _ in range(4):
            yy = RNG.integers(0, 6, size=5).astype(float) + 0.0
            if yy.sum() == 0: yy[0] = 1
            grid = np.linspace(0.05, 8, 4000)
            ok &= abs(grid[np.argmin([nll_lam(l, yy) for l in grid])] - yy.mean()) < 5e-3
        return ok
    Xd = np.c_[x, np.ones(3)]
    def grads():
        ok = True
        for _ in range(4):
            xx = rand(4); yy = RNG.integers(0, 5, size=4).astype(float); w, b = rand(2, -1, 1)
            lam = np.exp(b + w * xx)
            ok &= abs(fd(lambda t: ell(t, b, xx, yy), w) - np.sum((lam - yy) * xx)) < 1e-5
            ok &= abs(fd(lambda t: ell(w, t, xx, yy), b) - np.sum(lam - yy)) < 1e-5
        return ok
    def hessian():
        ok = True
        for _ in range(3):
            xx = rand(4); yy = RNG.integers(0, 5, size=4).astype(float); p = rand(2, -1, 1)
            lam = np.exp(p[1] + p[0] * xx)
            Hn = hess(lambda q: ell(q[0], q[1], xx, yy), p)
            Hc = np.array([[np.sum(lam * xx ** 2), np.sum(lam * xx)], [np.sum(lam * xx), np.sum(lam)]])
            Xq = np.c_[xx, np.ones(4)]
            ok &= near(Hn, Hc, 1e-4) and near(Xq.T @ np.diag(lam) @ Xq, Hc, 1e-12)
            ok &= bool(np.all(np.linalg.eigvalsh(Hc) >= -1e-12))
        return ok
    w, b = 0.5, 0.0
    eta = b + w * x; lam = np.exp(eta)
    gw = fd(lambda t: ell(t, b), w); gb = fd(lambda t: ell(w, t), b)
    H = hess(lambda q: ell(q[0], q[1]), [w, b])
    lr = 0.05
    return [
        ('For $y_i \\sim \\text{Poisson}', GIVEN, '*'),
        ('$$\\ell(\\lambda) = -\\log L(\\lambda)', poisson_pmf_form, '1'),
        ('Setting this to zero gives $\\hat\\lambda = \\bar y$', lambda: lam_hat() and E('7', y.sum())
            and E('3', len(y)) and C('2.3333', y.mean()), '1 2 4'),
        ('With the canonical log link', GIVEN, '*'),
        ('$$\\ell(w, b) = \\sum_i', lambda: abs(ell(0.3, -0.2) - ell(0.3, -0.2, x, y)) < 1e-12
            and abs((ell(0.3, -0.2) - ell(-0.7, 0.4)) - (np.sum(np.exp(-0.2 + 0.3 * x) - y * (-0.2 + 0.3 * x))
                - np.sum(np.exp(0.4 - 0.7 * x) - y * (0.4 - 0.7 * x)))) < 1e-12),
        ('Since $\\partial \\eta_i/\\partial w = x_i$', lambda: E('1', fd(lambda t: t + 0.5 * 2.0, 0.3)), ''),
        ('$$\\frac{\\partial \\ell}{\\partial w} = \\sum_i (\\lambda_i - y_i)\\,x_i', grads),
        ('Differentiating again (only', GIVEN, ''),
        ('$$\\frac{\\partial^2 \\ell}{\\partial w^2}', hessian, '2 2 2 2 2 2'),
        ('i.e. $H = X^\\top \\operatorname{diag}', hessian),
        ('**Your numbers.**', GIVEN, '*'),
        ('- $\\eta = (0, 0.5, 1)$', lambda: EV(['0', '0.5', '1'], eta) and CV(['1', '1.6487', '2.7183'], lam)),
        ('- $\\lambda - y \\approx', lambda: CV(['0', '-0.3513', '-1.2817'], lam - y)),
        ('- $\\partial \\ell/\\partial w \\approx', lambda: C('-2.9147', gw, -0.3513 - 2 * 1.2817)
            and abs(0 * 0 + 1 * -0.3513 + 2 * -1.2817 - (-2.9147)) < 1e-12, '0 0 1 0.3513 2 1.2817'),
        ('- $\\partial \\ell/\\partial b \\approx', lambda: C('-1.6330', gb, -0.3513 - 1.2817)
            and abs(0 - 0.3513 - 1.2817 + 1.6330) < 1e-12, '0 0.3513 1.2817'),
        ('- $H \\approx \\begin{pmatrix}', lambda: CV(['12.5218', '7.0853', '7.0853', '5.3670'], H,
            [[np.sum(lam * x * x), np.sum(lam * x)], [np.sum(lam * x), np.sum(lam)]])),
        ('With step size $0.05$', GIVEN, '0.05'),
        ('$$w \\leftarrow 0.5 + 0.05', lambda: C('0.3543', w - lr * gw) and C('-0.0816', b - lr * gb),
            '0.5 0.05 2.9147 0 0.05 1.6330'),
    ]

# ======================================================================= 03
@register('03_logreg_hessian_prml.md')
def f03():
    def E_err(w, Phi, t):
        y = sig(Phi @ w)
        return -np.sum(t * np.log(y) + (1 - t) * np.log(1 - y))
    def rand_problem(N=5, M=3):
        Phi = RNG.normal(size=(N, M)); t = RNG.integers(0, 2, size=N).astype(float); w = RNG.normal(size=M) * 0.5
        return Phi, t, w
    def sig_deriv():
        return all(abs(fd(sig, a) - sig(a) * (1 - sig(a))) < 1e-8 for a in rand(6, -4, 4))
    def dEdy():
        ok = True
        for tt in (0.0, 1.0):
            for yy in (0.2, 0.55, 0.9):
                e = lambda q: -(tt * np.log(q) + (1 - tt) * np.log(1 - q))
                ok &= abs(fd(e, yy, 1e-6) - (yy - tt) / (yy * (1 - yy))) < 1e-5
        return ok
    def grad_form():
        ok = True
        for _ in range(3):
            Phi, t, w = rand_problem(); y = sig(Phi @ w)
            g = grad(lambda v: E_err(v, Phi, t), w)
            ok &= near(g, sum((y[n] - t[n]) * Phi[n] for n in range(len(t))), 1e-6) and near(g, Phi.T @ (y - t), 1e-6)
        return ok
    def hess_form():
        ok = True
        for _ in range(3):
            Phi, t, w = rand_problem(); y = sig(Phi @ w); R = np.diag(y * (1 - y))
            Hn = hess(lambda v: E_err(v, Phi, t), w)
            ok &= near(Hn, sum(y[n] * (1 - y[n]) * np.outer(Phi[n], Phi[n]) for n in range(len(t))), 1e-5)
            try:
                claimed = Phi @ R @ Phi.T                   # the claimed matrix form
            except ValueError:
                claimed = None                              # shapes do not even conform
            ok &= claimed is not None and near(Hn, claimed, 1e-5)
        return ok
    def pd_claim():
        ok = True
        for _ in range(3):
            Phi, t, w = rand_problem(); y = sig(Phi @ w)
            ok &= bool(np.all((y > 0) & (y < 1))) and np.linalg.eigvalsh(Phi.T @ np.diag(y * (1 - y)) @ Phi).min() > 0
        return ok
    x = np.array([-1., 0, 2]); t = np.array([0., 1, 1]); Phi = np.c_[np.ones(3), x]; w = np.array([0., 1])
    a = Phi @ w; y = sig(a); g = grad(lambda v: E_err(v, Phi, t), w); Hn = hess(lambda v: E_err(v, Phi, t), w)
    r = y * (1 - y); Hinv = np.linalg.inv(Hn); wn = w - np.linalg.solve(Hn, g)
    return [
        ('For a data set $\\{\\boldsymbol\\phi_n', GIVEN, '*'),
        ('\\tag{4.90}', GIVEN, '*'),
        ('\\tag{4.88}', sig_deriv, '1 4.88'),
        ('the factor $y_n(1-y_n)$ cancels', dEdy, '1 1'),
        ('\\tag{4.91}', grad_form, '4.91'),
        ('where $\\boldsymbol\\Phi$ is the $N\\times M$', lambda: grad_form(), ''),
        ('\\tag{4.97}', hess_form, '1 1 4.97'),
        ('with $\\mathbf{R}$ the $N\\times N$', pd_claim, '1 0 1'),
        ('**Worked example.**', GIVEN, '*'),
        ('- activations $a = (-1, 0, 2)$', lambda: EV(['-1', '0', '2'], a) and CV(['0.2689', '0.5', '0.8808'], y)),
        ('- residuals', lambda: CV(['0.2689', '-0.5', '-0.1192'], y - t)),
        ('- gradient $\\nabla E', lambda: CV(['-0.3503', '-0.5073'], g, [0.2689 - 0.5 - 0.1192, -0.2689 - 0.2384])
            and abs(2 * 0.1192 - 0.2384) < 1e-12, '0.2689 0.5 0.1192 0.2689 0 0.2384'),
        ('- weights $\\mathbf{R}', lambda: CV(['0.1966', '0.25', '0.1050'], r)),
        ('- Hessian', GIVEN, ''),
        ('$$\\mathbf{H} \\approx \\begin{pmatrix} 0.1966', lambda: C('0.2100', 2 * r[2], 2 * 0.1050)
            and C('0.4200', 4 * r[2], 4 * 0.1050) and CV(['0.5516', '0.0134', '0.0134', '0.6166'], Hn)
            and abs(0.1966 + 0.25 + 0.1050 - 0.5516) < 1e-12 and abs(-0.1966 + 0.2100 - 0.0134) < 1e-12
            and abs(0.1966 + 0.4200 - 0.6166) < 1e-12, '0.1966 0.25 0.1050 0.1966 0.1966 0.2100 0.1966'),
        ('The Newton–Raphson (IRLS) update', lambda: True, '1'),
        ('$$\\mathbf{w}^{(\\text{new})} \\approx', lambda: EV(['0', '1'], w)
            and CV(['1.8138', '-0.0393', '-0.0393', '1.6227'], Hinv) and CV(['-0.3503', '-0.5073'], g)
            and CV(['0.6154', '1.8095'], wn)),
        ('and the error drops', lambda: C('1.1333', E_err(w, Phi, t)) and C('0.7111', E_err(wn, Phi, t))),
    ]

# ======================================================================= 04
@register('04_map_gaussian_prior_weight_decay.md')
def f04():
    def rp(N=5, Dm=3):
        return RNG.normal(size=(N, Dm)), RNG.normal(size=N), RNG.normal(size=Dm)
    def neglogpost():
        ok = True
        for _ in range(3):
            X, y, w = rp(); s2, t2 = RNG.uniform(0.3, 2, size=2)
            lp = lambda v: -(np.sum(-0.5 * np.log(2 * np.pi * s2) - (y - X @ v) ** 2 / (2 * s2))
                             + np.sum(-0.5 * np.log(2 * np.pi * t2) - v ** 2 / (2 * t2)))
            q = lambda v: np.sum((y - X @ v) ** 2) / (2 * s2) + np.sum(v ** 2) / (2 * t2)
            w2 = RNG.normal(size=3)
            ok &= abs((lp(w) - lp(w2)) - (q(w) - q(w2))) < 1e-9
        return ok
    def scaled():
        ok = True
        for _ in range(3):
            X, y, w = rp(); s2, t2 = RNG.uniform(0.3, 2, size=2); lam = s2 / t2
            q = lambda v: np.sum((y - X @ v) ** 2) / (2 * s2) + np.sum(v ** 2) / (2 * t2)
            L = lambda v: 0.5 * np.sum((y - X @ v) ** 2) + lam / 2 * np.sum(v ** 2)
            ok &= near(grad(L, w), s2 * grad(q, w), 1e-6)
            wm = np.linalg.solve(X.T @ X + lam * np.eye(3), X.T @ y)
            ok &= near(grad(q, wm), np.zeros(3), 1e-6)
        return ok
    def grad_form():
        ok = True
        for _ in range(3):
            X, y, w = rp(); lam = RNG.uniform(0.1, 3)
            L = lambda v: 0.5 * np.sum((y - X @ v) ** 2) + lam / 2 * np.sum(v ** 2)
            ok &= near(grad(L, w), X.T @ (X @ w - y) + lam * w, 1e-6)
        return ok
    def closed():
        ok = True
        for _ in range(3):
            X, y, w = rp(); lam = RNG.uniform(0.1, 3)
            wm = np.linalg.solve(X.T @ X + lam * np.eye(3), X.T @ y)
            ok &= near(X.T @ (X @ wm - y) + lam * wm, np.zeros(3), 1e-9)
            ok &= near(np.linalg.inv(X.T @ X + lam * np.eye(3)) @ X.T @ y, wm, 1e-9)
        return ok
    def step():
        ok = True
        for _ in range(3):
            X, y, w = rp(); lam, eta = RNG.uniform(0.1, 3), RNG.uniform(0.01, 0.2)
            L = lambda v: 0.5 * np.sum((y - X @ v) ** 2) + lam / 2 * np.sum(v ** 2)
            a = w - eta * grad(L, w); b = (1 - eta * lam) * w - eta * X.T @ (X @ w - y)
            ok &= near(a, b, 1e-6)
        return ok
    x = np.array([1., 2, 3]); y = np.array([1., 3, 2]); s2, t2 = 1.0, 0.5; lam = s2 / t2
    XtX = x @ x; Xty = x @ y; wmle = Xty / XtX; wmap = Xty / (XtX + lam)
    L = lambda v: 0.5 * np.sum((y - x * v) ** 2) + lam / 2 * v ** 2
    return [
        ('(a) With likelihood', GIVEN, '*'),
        ('$$-\\log p(\\mathbf{w}\\mid\\mathcal{D})', neglogpost, '1 2 2 2 1 2 2 2'),
        ('Multiplying by $\\sigma^2$', lambda: scaled(), '2'),
        ('$$\\mathcal{L}(\\mathbf{w}) = \\tfrac12', scaled, '1 2 2 2 2 2 2'),
        ('$$\\nabla_{\\mathbf{w}}\\mathcal{L}', grad_form),
        ('and setting it to zero gives', closed),
        ('$$\\hat{\\mathbf{w}}_{\\text{map}} = (X^\\top X + \\lambda I)^{-1}', closed, '1'),
        ('(c) A gradient step', GIVEN, ''),
        ('$$\\mathbf{w}_{t+1} = \\mathbf{w}_t', step, '1'),
        ('so the prior shows up as a multiplicative', step, '1'),
        ('(d) Numerical check', GIVEN, '*'),
        ('- $\\lambda = 1/0.5 = 2$', lambda: E('2', lam) and E('14', XtX) and E('13', Xty)
            and EV(['1', '4', '9'], x ** 2) and EV(['1', '6', '6'], x * y), '1 0.5'),
        ('- MLE: $\\hat w_{\\text{mle}}', lambda: C('0.9286', wmle) and E('0.8125', wmap)
            and abs(fd(lambda v: 0.5 * np.sum((y - x * v) ** 2), wmle)) < 1e-8, '13 14 13 14 2'),
        ('- gradient at the MAP', lambda: E('11.375', 14 * 0.8125) and E('1.625', 2 * 0.8125)
            and E('0', 11.375 - 13 + 1.625) and abs(fd(L, 0.8125)) < 1e-8, '14 0.8125 13 2 0.8125 13'),
        ('- shrinkage relative to the MLE', lambda: E('0.875', wmap / wmle) and abs(14 / 16 - wmap / wmle) < 1e-12, '14 16'),
        ('One weight-decay step', lambda: E('-6', fd(lambda v: 0.5 * np.sum((y - x * v) ** 2), 0.5))
            if abs(fd(lambda v: 0.5 * np.sum((y - x * v) ** 2), 0.5) + 6) < 1e-6 else False, '0.5 0.05 14 0.5 13'),
        ('$$w_1 = (1 - 0.05\\cdot 2)', lambda: E('0.75', 0.5 - 0.05 * (-6 + lam * 0.5)) and E('0.45', 0.9 * 0.5)
            and E('0.3', 0.05 * 6), '1 0.05 2 0.5 0.05 6'),
        ('which moves towards $0.8125$', lambda: E('0.8125', wmap) and abs(0.75 - wmap) < abs(0.5 - wmap) and scaled()
            and s2 == 1, '1 2 1 2 2 1'),
    ]

# ======================================================================= 05
@register('05_softmax_temperature_stackexchange.md')
def f05():
    ptemp = lambda z, T: softmax(np.asarray(z, float) / T)
    def chain_factor():
        return all(abs(fd(lambda v: v / T, z0) - 1 / T) < 1e-9 for T in (0.5, 2.0, 3.7) for z0 in rand(3))
    def jac_form():
        ok = True
        for T in (0.5, 2.0, 4.0):
            z = rand(4); p = ptemp(z, T)
            ok &= near(jac(lambda v: ptemp(v, T), z), (np.diag(p) - np.outer(p, p)) / T, 1e-7)
        return ok
    def ce_grad():
        ok = True
        for T in (0.5, 2.0, 4.0):
            z = rand(4); c = int(RNG.integers(0, 4)); p = ptemp(z, T); y = np.eye(4)[c]
            g = grad(lambda v: -np.log(ptemp(v, T)[c]), z)
            mid = np.array([-(1 / p[c]) * (1 / T) * p[c] * ((c == j) - p[j]) for j in range(4)])
            ok &= near(g, mid, 1e-6) and near(g, (p - y) / T, 1e-6)
        return ok
    def flatter():
        H = lambda p: -np.sum(p * np.log(p))
        return all(H(ptemp(z, 2.5)) > H(ptemp(z, 1.0)) for z in RNG.normal(size=(5, 4)) * 2) and ce_grad()
    z = np.array([2., 1, 0]); T = 2.0; y = np.array([1., 0, 0])
    p = ptemp(z, T); g = grad(lambda v: -np.log(ptemp(v, T)[0]), z)
    p1 = ptemp(z, 1.0); g1 = grad(lambda v: -np.log(ptemp(v, 1.0)[0]), z)
    def distill():
        v = np.array([1.5, -0.5, 0.3, 2.0]); zz = np.array([0.2, 1.0, -0.7, 0.4])
        def gn(T):
            q = ptemp(v, T)
            return np.linalg.norm(grad(lambda u: -np.sum(q * np.log(ptemp(u, T))), zz))
        def dn(T):
            return np.linalg.norm(ptemp(zz, T) - ptemp(v, T))
        r_d = dn(50) / dn(500); r_g = gn(50) / gn(500)
        return abs(r_d / 10 - 1) < 0.05 and abs(r_g / 100 - 1) < 0.05
    return [
        ('**Q:**', GIVEN, '*'),
        ('$$p_i = \\frac{\\exp(z_i/T)}', GIVEN, ''),
        ('It is the ordinary softmax applied to', chain_factor, '1 1'),
        ('$$\\frac{\\partial p_i}{\\partial z_j} = \\frac{1}{T}', jac_form, '1'),
        ('For a one-hot target $y$', GIVEN, ''),
        ('$$\\frac{\\partial L}{\\partial z_j} = -\\frac{1}{p_c}', ce_grad, '1 1 1'),
        ('So the familiar "$p - y$" survives', flatter, '1'),
        ('Concretely, take logits', GIVEN, '*'),
        ('1. $z/T = (1, 0.5, 0)$', lambda: EV(['1', '0.5', '0'], z / T) and CV(['2.7183', '1.6487', '1'], np.exp(z / T))
            and C('5.3670', np.exp(z / T).sum())),
        ('2. $p \\approx', lambda: CV(['0.5065', '0.3072', '0.1863'], p)),
        ('3. $L = -\\log 0.5065', lambda: C('0.6803', -np.log(p[0]), -np.log(0.5065)), '0.5065'),
        ('4. $\\nabla_z L', lambda: CV(['-0.4935', '0.3072', '0.1863'], g)),
        ('Compare with $T = 1$', lambda: CV(['0.6652', '0.2447', '0.0900'], p1) and CV(['-0.3348', '0.2447', '0.0900'], g1)
            and abs(g.sum()) < 1e-8 and abs(g1.sum()) < 1e-8, '1 1'),
        ('This is also why Hinton', distill, '2 1 1 1 2 2'),
    ]

# ======================================================================= 06
@register('06_label_smoothing_ce_blog.md')
def f06():
    def qv(y, eps, K):
        return (1 - eps) * y + eps / K
    def loss(z, q):
        return -np.sum(q * np.log(softmax(z)))
    def logp_deriv():
        ok = True
        for _ in range(3):
            z = rand(5); p = softmax(z)
            Jl = jac(lambda v: np.log(softmax(v)), z)
            ok &= near(Jl, np.eye(5) - p[None, :], 1e-7)
            ok &= near(np.log(p), z - np.log(np.sum(np.exp(z))), 1e-12)
        return ok
    def grad_form():
        ok = True
        for _ in range(3):
            K = 5; c = int(RNG.integers(0, K)); eps = RNG.uniform(0, 0.3)
            q = qv(np.eye(K)[c], eps, K); z = rand(K); p = softmax(z)
            g = grad(lambda v: loss(v, q), z)
            mid = np.array([-np.sum(q * ((np.arange(K) == i) - p[i])) for i in range(K)])
            ok &= near(g, mid, 1e-7) and near(g, -q + p * q.sum(), 1e-7) and near(g, p - q, 1e-7)
        return ok
    def q_sum():
        return all(abs(qv(np.eye(K)[0], e, K).sum() - 1) < 1e-12 and abs((1 - e) + K * e / K - 1) < 1e-12
                   for K in (2, 4, 10) for e in (0.0, 0.1, 0.25))
    def split():
        ok = True
        for _ in range(3):
            K = 4; c = int(RNG.integers(0, K)); eps = RNG.uniform(0, 0.3); z = rand(K); p = softmax(z)
            ok &= abs(loss(z, qv(np.eye(K)[c], eps, K)) - ((1 - eps) * -np.log(p[c]) + eps / K * np.sum(-np.log(p)))) < 1e-12
        return ok
    K, eps, c = 4, 0.1, 1
    z = np.array([1, 3, 0.5, -1.]); q = qv(np.eye(K)[c], eps, K); p = softmax(z)
    g = grad(lambda v: loss(v, q), z)
    ce = -np.log(p[c]); un = -np.mean(np.log(p))
    return [
        ('With $K$ classes and smoothing', GIVEN, ''),
        ('$$q_k = (1-\\varepsilon)', GIVEN, '1'),
        ('and the loss is the cross-entropy against', GIVEN, ''),
        ('**Gradient.** Since', logp_deriv),
        ('$$\\frac{\\partial L}{\\partial z_i} = -\\sum_k', grad_form),
        ('because $\\sum_k q_k', q_sum, '1 1'),
        ('$$L = (1-\\varepsilon)\\,\\big(-\\log p_c\\big)', split, '1 1'),
        ('**A worked example.**', GIVEN, '*'),
        ('- target: $q = ', lambda: EV(['0.025', '0.925', '0.025', '0.025'], q)),
        ('- $e^{z} \\approx', lambda: CV(['2.7183', '20.0855', '1.6487', '0.3679'], np.exp(z)) and C('24.8204', np.exp(z).sum())),
        ('- $p \\approx (0.1095', lambda: CV(['0.1095', '0.8092', '0.0664', '0.0148'], p)),
        ('- plain CE:', lambda: C('0.2117', ce, -np.log(0.8092)) and C('2.3367', un), '1 4'),
        ('- smoothed loss:', lambda: E('0.9', 1 - eps) and E('0.1', eps) and C('0.4242', loss(z, q), 0.9 * 0.2117 + 0.1 * 2.3367),
            '0.2117 2.3367'),
        ('- gradient: $p - q', lambda: CV(['0.0845', '-0.1158', '0.0414', '-0.0102'], g, p - q)),
        ('Note the gradient on the true logit', lambda: C('-0.1158', g[c]) and C('-0.1908', p[c] - 1, 0.8092 - 1)
            and near(grad(lambda v: loss(v, q), np.log(q) + 0.37), np.zeros(K), 1e-7), '1 1'),
        ('**Why the logits stop growing.**', lambda: near(softmax(np.log(q)), q, 1e-12)
            and near(grad(lambda v: loss(v, q), np.log(q)), np.zeros(K), 1e-7)),
        ('$$z_c - z_k = \\log\\frac{q_c}{q_k}', lambda: E('37', 0.925 / 0.025) and C('3.6109', np.log(37))
            and all(abs((np.log(q)[c] - np.log(q)[k]) - np.log(37)) < 1e-12 for k in (0, 2, 3)), '0.925 0.025'),
        ('finite, whereas with $\\varepsilon = 0$', lambda: all(loss(np.array([0, t, 0, 0.]), np.eye(4)[1])
            > loss(np.array([0, t + 1, 0, 0.]), np.eye(4)[1]) for t in (1, 5, 10, 20)), '0'),
    ]

# ======================================================================= 07
@register('07_kl_vae_gaussiana_it.md')
def f07():
    def kl_num(m1, s1, m2, s2):
        xs = np.linspace(m1 - 12 * s1, m1 + 12 * s1, 200001)
        lp = -0.5 * np.log(2 * np.pi * s1 ** 2) - (xs - m1) ** 2 / (2 * s1 ** 2)
        lq = -0.5 * np.log(2 * np.pi * s2 ** 2) - (xs - m2) ** 2 / (2 * s2 ** 2)
        return np.trapezoid(np.exp(lp) * (lp - lq), xs)
    kl_f = lambda m1, s1, m2, s2: np.log(s2 / s1) + (s1 ** 2 + (m1 - m2) ** 2) / (2 * s2 ** 2) - 0.5
    def expectations():
        ok = True
        for _ in range(3):
            m1, m2 = rand(2); s1, s2 = rand(2, 0.4, 2)
            lp = lambda x: -0.5 * np.log(2 * np.pi * s1 ** 2) - (x - m1) ** 2 / (2 * s1 ** 2)
            lq = lambda x: -0.5 * np.log(2 * np.pi * s2 ** 2) - (x - m2) ** 2 / (2 * s2 ** 2)
            ok &= abs(gauss_expect(lp, m1, s1) - (-0.5 * np.log(2 * np.pi * s1 ** 2) - 0.5)) < 1e-9
            ok &= abs(gauss_expect(lq, m1, s1) - (-0.5 * np.log(2 * np.pi * s2 ** 2)
                                                   - (s1 ** 2 + (m1 - m2) ** 2) / (2 * s2 ** 2))) < 1e-9
        return ok
    def kl_general():
        ok = True
        for _ in range(3):
            m1, m2 = rand(2); s1, s2 = rand(2, 0.4, 2)
            ok &= abs(kl_num(m1, s1, m2, s2) - kl_f(m1, s1, m2, s2)) < 1e-6
        return ok
    kl_std = lambda m, s: kl_f(m, s, 0.0, 1.0)
    def vae_form():
        ok = True
        for m, s in zip(rand(5), rand(5, 0.2, 2)):
            ok &= abs(kl_std(m, s) - (-np.log(s) + (s ** 2 + m ** 2) / 2 - 0.5)) < 1e-12
            ok &= abs(kl_std(m, s) - 0.5 * (m ** 2 + s ** 2 - 1 - np.log(s ** 2))) < 1e-12
        return ok
    def nonneg():
        grid = [(m, s) for m in np.linspace(-2, 2, 41) for s in np.linspace(0.1, 3, 59)]
        return all(kl_std(m, s) >= -1e-12 for m, s in grid) and abs(kl_std(0, 1)) < 1e-15 and \
            all(kl_std(m, s) > 0 for m, s in grid if abs(m) > 1e-9 or abs(s - 1) > 1e-9)
    def dmu():
        return all(abs(fd(lambda t: kl_std(t, s), m) - m) < 1e-7 for m, s in zip(rand(5), rand(5, 0.3, 2)))
    kl_s = lambda m, s: kl_std(m, np.exp(s))
    def log_sub():
        ss = rand(5, -1, 1)
        return all(abs(np.exp(2 * s) - np.exp(s) ** 2) < 1e-12 and abs(np.log(np.exp(s) ** 2) - s) < 1e-9 for s in ss)
    def kl_in_s():
        return all(abs(kl_s(m, s) - 0.5 * (m ** 2 + np.exp(2 * s) - 1 - s)) < 1e-9 for m, s in zip(rand(5), rand(5, -1, 1)))
    def dks():
        return all(abs(fd(lambda t: kl_s(m, t), s) - (np.exp(2 * s) - 0.5)) < 1e-6 for m, s in zip(rand(5), rand(5, -1, 1)))
    mu, sd = 0.5, 0.8; s = np.log(sd)
    gs = fd(lambda t: kl_s(mu, t), s)
    return [
        ('**Richiamo.**', expectations, '2 2 2 2 2 2 2 2 2 2 2 2 2 1 1 1'),
        ('$$\\mathrm{KL}(p\\,\\|\\,q) = \\log\\frac{\\sigma_2}{\\sigma_1}', kl_general, '2 2 2 2 1 2'),
        ('Nel VAE il prior è', GIVEN, '*'),
        ('$$\\mathrm{KL} = -\\log\\sigma + \\frac{\\sigma^2 + \\mu^2}{2}', vae_form, '2 2 2 1 2 1 2 2 2 1 2'),
        ('Osservazioni:', nonneg, '0 0 0 1'),
        ('**Gradiente rispetto a $\\mu$:**', dmu),
        ('**Parametrizzazione in log.**', lambda: all(np.exp(t) > 0 for t in rand(5, -30, 30)), '0'),
        ('Sostituendo $\\sigma^2 = e^{2s}$', log_sub, '2 2 2'),
        ('$$\\mathrm{KL}(\\mu, s) = \\frac12', kl_in_s, '1 2 2 2 1'),
        ('$$\\frac{\\partial\\,\\mathrm{KL}}{\\partial s} = e^{2s}', dks, '2 1 2 2 1 2'),
        ('**Esempio numerico.**', lambda: C('-0.2231', s) and E('0.64', sd ** 2), '0.5 0.8 0.8 2'),
        ('- $\\log\\sigma^2 = \\log 0.64', lambda: C('-0.4463', np.log(0.64)), '2 0.64'),
        ('- $\\mathrm{KL} = \\tfrac12(0.25', lambda: E('0.25', mu ** 2) and C('0.3363', 0.25 + 0.64 - 1 + 0.4463, 2 * kl_std(mu, sd))
            and C('0.1681', kl_std(mu, sd), 0.3363 / 2), '1 2 0.64 1 0.4463 1 2'),
        ('- $\\partial\\,\\mathrm{KL}/\\partial\\mu = 0.5$', lambda: E('0.5', fd(lambda t: kl_std(t, sd), mu))
            if abs(fd(lambda t: kl_std(t, sd), mu) - 0.5) < 1e-8 else False),
        ('- $\\partial\\,\\mathrm{KL}/\\partial s = 0.64', lambda: C('0.14', gs), '0.64 0.5'),
        ('Un passo di discesa', lambda: E('0.45', mu - 0.1 * mu) and C('-0.2371', s - 0.1 * gs)
            and C('0.7889', np.exp(s - 0.1 * gs)), '0.1 0.5 0.1 0.5 0.2231 0.1 0.14 0.2371'),
        ('Nota: nella loss completa', lambda: True, '0'),
    ]

# ======================================================================= 08
@register('08_reparam_trick_ru.md')
def f08():
    f = lambda z: z ** 2; fp = lambda z: 2 * z
    J = lambda m, s: gauss_expect(f, m, s)
    def exact():
        ok = True
        for m, s in zip(rand(4), rand(4, 0.2, 2)):
            ok &= abs(J(m, s) - (m ** 2 + s ** 2)) < 1e-9
            ok &= abs(fd(lambda t: J(t, s), m) - 2 * m) < 1e-6 and abs(fd(lambda t: J(m, t), s) - 2 * s) < 1e-6
        return ok
    def reparam():
        ok = True
        for m, s in zip(rand(4), rand(4, 0.2, 2)):
            ok &= abs(gauss_expect(lambda e: fp(m + s * e), 0, 1) - fd(lambda t: J(t, s), m)) < 1e-6
            ok &= abs(gauss_expect(lambda e: fp(m + s * e) * e, 0, 1) - fd(lambda t: J(m, t), s)) < 1e-6
            ok &= abs(fd(lambda t: t + s * 0.3, m) - 1) < 1e-9
        return ok
    def z2():
        ok = True
        for m, s in zip(rand(4), rand(4, 0.2, 2)):
            ok &= abs(gauss_expect(lambda e: 2 * (m + s * e), 0, 1) - 2 * m) < 1e-9
            ok &= abs(gauss_expect(lambda e: 2 * (m + s * e) * e, 0, 1) - 2 * s) < 1e-9
            ok &= abs(gauss_expect(lambda e: e, 0, 1)) < 1e-12 and abs(gauss_expect(lambda e: e * e, 0, 1) - 1) < 1e-9
        return ok and abs(fd(f, 0.37) - 2 * 0.37) < 1e-9
    def rho():
        ok = True
        for m, r in zip(rand(4), rand(4, -1, 1)):
            s = np.exp(r); e = 0.7
            ok &= abs(fd(lambda t: m + np.exp(t) * e, r) - s * e) < 1e-8
            ok &= abs(fd(lambda t: J(m, np.exp(t)), r) - 2 * s ** 2) < 1e-6
        return ok
    m, s = 1.0, 0.5
    score = lambda z: f(z) * (z - m) / s ** 2
    def sf_unbiased():
        return abs(gauss_expect(score, m, s) - 2 * m) < 1e-9
    return [
        ('**Постановка.**', GIVEN, '2'),
        ('Точный ответ известен', exact, '2 2 2 2'),
        ('**Репараметризация.**', GIVEN, '0 1'),
        ('$$\\frac{\\partial J}{\\partial\\mu} = \\mathbb{E}_\\varepsilon', reparam),
        ('Для $f(z) = z^2$', z2, '2 2 2 2 2 2 2 2'),
        ('Если сеть выдаёт', rho, '2 2'),
        ('**Численно.**', lambda: E('2', 2 * m) and E('1', 2 * s) and E('0.5', 2 * s ** 2), '1 0.5 2 2 2 2'),
        ('Сэмпл $\\varepsilon = -0.6$', GIVEN, '0.6'),
        ('- $z = 1 + 0.5', lambda: E('0.7', m + s * -0.6) and E('1.4', fp(0.7)), '1 0.5 0.6 2'),
        ('- $\\hat g_\\mu = 1.4$', lambda: E('1.4', fp(0.7)) and E('-0.84', fp(0.7) * -0.6)
            and E('-0.42', s * fp(0.7) * -0.6), '1.4 0.6 0.5 0.84'),
        ('Антитетический сэмпл', GIVEN, '0.6'),
        ('- $z = 1.3$', lambda: E('1.3', m + s * 0.6) and E('2.6', fp(1.3)) and E('2.6', fp(1.3)) and E('1.56', 2.6 * 0.6),
            '2.6 0.6'),
        ('Среднее по паре', lambda: E('2', (1.4 + 2.6) / 2) and E('0.36', (-0.84 + 1.56) / 2)
            and all(abs(((fp(m + s * e) * e) + (fp(m - s * e) * -e)) / 2 - 2 * s * e ** 2) < 1e-12 for e in rand(4))
            and abs(gauss_expect(lambda e: e * e, 0, 1) - 1) < 1e-9, '1.4 2.6 2 0.84 1.56 2 2 2 2 1'),
        ('**Сравнение со score function', lambda: sf_unbiased() and abs(fd(lambda t: -(0.7 - t) ** 2 / (2 * s ** 2), m)
            - (0.7 - m) / s ** 2) < 1e-8, '2'),
        ('- при $\\varepsilon = -0.6$:', lambda: E('0.49', f(0.7)) and E('-0.3', 0.7 - m) and E('0.25', s ** 2)
            and E('-0.588', score(0.7)), '0.6'),
        ('- при $\\varepsilon = 0.6$:', lambda: E('1.69', f(1.3)) and E('0.3', 1.3 - m) and E('0.25', s ** 2)
            and E('2.028', score(1.3)), '0.6'),
        ('- среднее $\\approx 0.72$', lambda: C('0.72', (score(0.7) + score(1.3)) / 2) and E('2', 2 * m)),
    ]

# ======================================================================= 09
@register('09_gaussian_nll_learned_variance.md')
def f09():
    def nll_direct(y, mu, s):
        v = np.exp(s)
        return -np.log(np.exp(-(y - mu) ** 2 / (2 * v)) / np.sqrt(2 * np.pi * v))
    ell = lambda y, mu, s: 0.5 * np.log(2 * np.pi) + s / 2 + (y - mu) ** 2 / 2 * np.exp(-s)
    pts = [(a, b, c) for a, b, c in zip(rand(5), rand(5), rand(5, -1.5, 1.5))]
    def forms():
        return all(abs(nll_direct(y, m, s) - (0.5 * np.log(2 * np.pi * np.exp(s)) + (y - m) ** 2 / (2 * np.exp(s)))) < 1e-10
                   and abs(nll_direct(y, m, s) - ell(y, m, s)) < 1e-10 for y, m, s in pts)
    def dmu():
        return all(abs(fd(lambda t: ell(y, t, s), m) - (-(y - m) * np.exp(-s))) < 1e-7
                   and abs((m - y) / np.exp(s) - (-(y - m) * np.exp(-s))) < 1e-12 for y, m, s in pts)
    def ds():
        return all(abs(fd(lambda t: ell(y, m, t), s) - (0.5 - (y - m) ** 2 / 2 * np.exp(-s))) < 1e-7
                   and abs(0.5 * (1 - (y - m) ** 2 / np.exp(s)) - (0.5 - (y - m) ** 2 / 2 * np.exp(-s))) < 1e-12
                   for y, m, s in pts)
    def atten():
        return all(abs(fd(lambda t: ell(y, t, s), m) - fd(lambda t: 0.5 * (y - t) ** 2, m) / np.exp(s)) < 1e-7
                   for y, m, s in pts)
    def opt_s():
        ok = True
        for y, m, _ in pts:
            ss = np.log((y - m) ** 2)
            ok &= abs(fd(lambda t: ell(y, m, t), ss)) < 1e-7
            grid = np.linspace(ss - 3, ss + 3, 6001)
            ok &= abs(grid[np.argmin(ell(y, m, grid))] - ss) < 2e-3
        return ok
    y, mu, s = 2.0, 1.4, -0.5
    L = ell(y, mu, s); gm = fd(lambda t: ell(y, t, s), mu); gs = fd(lambda t: ell(y, mu, t), s)
    sstar = np.log((y - mu) ** 2)
    return [
        ('The network has two heads', lambda: all(np.exp(t) > 0 for t in rand(5, -20, 20)), '2 2 2'),
        ('$$\\ell(\\mu, s) = \\frac12\\log(2\\pi\\sigma^2)', forms, '1 1 2 2 2 2 2 2 2 2 2 2 2'),
        ('$$\\frac{\\partial\\ell}{\\partial\\mu} = -(y-\\mu)', dmu, '2'),
        ('$$\\frac{\\partial\\ell}{\\partial s} = \\frac12', ds, '1 2 2 2 1 2 1 2 2'),
        ('- the mean gradient is the MSE gradient divided by', atten, '2'),
        ('- $\\partial\\ell/\\partial s = 0$ exactly when', opt_s, '0 2 2 2'),
        ('$y = 2.0$, $\\mu = 1.4$', lambda: C('0.6065', np.exp(s)) and C('1.6487', np.exp(-s)) and E('0.6', y - mu)
            and E('0.36', (y - mu) ** 2), '2.0 1.4 0.5 2 0.5 0.5'),
        ('- $\\ell \\approx 0.9189', lambda: C('0.9189', 0.5 * np.log(2 * np.pi)) and E('0.25', s / 2 * -1)
            and C('0.2968', 0.36 * np.exp(-s) / 2, 0.36 * 1.6487 / 2) and C('0.9657', L)
            and abs(0.9189 - 0.25 + 0.2968 - 0.9657) < 1e-12, '0.36 1.6487 2 0.9189 0.25'),
        ('- $\\partial\\ell/\\partial\\mu = -0.6', lambda: C('-0.9892', gm, -0.6 * 1.6487), '0.6 1.6487'),
        ('- $\\partial\\ell/\\partial s = \\tfrac12(1', lambda: C('0.5935', 0.36 * np.exp(-s), 0.36 * 1.6487)
            and C('0.2032', gs, 0.5 * (1 - 0.5935)), '1 2 1 0.36 1.6487 1 2 1'),
        ('The $s$-gradient is positive', lambda: gs > 0 and C('0.6065', np.exp(s)) and E('0.36', (y - mu) ** 2)
            and np.exp(s) > 0.36 and C('-1.0217', sstar) and abs(fd(lambda t: ell(y, mu, t), sstar)) < 1e-8, '0.36'),
        ('$$\\ell^* = \\frac12\\log(2\\pi)', lambda: C('0.9189', 0.5 * np.log(2 * np.pi)) and C('-0.5108', 0.5 * np.log(0.36))
            and E('0.5', 0.5) and C('0.9081', ell(y, mu, sstar)) and abs(0.9189 - 0.5108 + 0.5 - 0.9081) < 1e-12,
            '1 2 2 1 2 0.36 1 2'),
        ('Because $\\ell \\to -\\infty$', lambda: ell(1.0, 1.0, -40) < ell(1.0, 1.0, -20) < ell(1.0, 1.0, -5) and ell(1.0, 1.0, -200) < -90,
            '2 0 2'),
    ]

# ======================================================================= 10
@register('10_gumbel_softmax_st_ja.md')
def f10():
    def gumbel_max():
        pi = np.array([0.5, 0.3, 0.2]); rng = np.random.default_rng(10)
        u = rng.uniform(size=(400000, 3)); g = -np.log(-np.log(u))
        freq = np.bincount(np.argmax(np.log(pi) + g, axis=1), minlength=3) / len(u)
        return near(freq, pi, 4e-3)
    gs = lambda l, g, tau: softmax((l + g) / tau)
    def jac_form():
        ok = True
        for tau in (0.3, 0.5, 1.7):
            l = rand(4); g = rand(4); y = gs(l, g, tau)
            ok &= near(jac(lambda v: gs(v, g, tau), l), (np.diag(y) - np.outer(y, y)) / tau, 1e-7)
        return ok
    pi = np.array([0.5, 0.3, 0.2]); tau = 0.5; u = np.array([0.6, 0.2, 0.9])
    lp = np.log(pi); g = -np.log(-np.log(u)); y = gs(lp, g, tau)
    hard = np.eye(3)[np.argmax(y)]
    w = np.array([1, -1, 2.])
    def st_value():
        # forward value of y_hard - sg(y) + y is y_hard; gradient flows through y only
        ok = True
        for _ in range(3):
            l = rand(3); gg = rand(3); yy = gs(l, gg, 0.5); hh = np.eye(3)[np.argmax(yy)]
            ok &= near(hh - yy + yy, hh, 1e-12)
        return ok
    def dl_form():
        ok = True
        for _ in range(3):
            l = rand(3); gg = rand(3); yy = gs(l, gg, tau); ww = rand(3)
            Jm = jac(lambda v: gs(v, gg, tau), l)
            ok &= near(Jm.T @ ww, yy * (ww - yy @ ww) / tau, 1e-7)
        return ok
    dl = jac(lambda v: gs(v, g, tau), lp).T @ w
    return [
        ('カテゴリ分布 $\\pi$ から', gumbel_max, '0 1'),
        ('Gumbel-Softmax はこの', GIVEN, ''),
        ('$$y_i = \\frac{\\exp\\big((\\log\\pi_i', GIVEN, ''),
        ('$\\ell_i = \\log\\pi_i$ とおくと', lambda: True, ''),
        ('$$\\frac{\\partial y_i}{\\partial \\ell_j} = \\frac{1}{\\tau}', jac_form, '1'),
        ('**数値例**', GIVEN, '*'),
        ('- $\\log\\pi \\approx', lambda: CV(['-0.6931', '-1.2040', '-1.6094'], lp)),
        ('- $-\\log u \\approx', lambda: CV(['0.5108', '1.6094', '0.1054'], -np.log(u))),
        ('- $g = -\\log(-\\log u)', lambda: CV(['-0.6717', '0.4759', '-2.2504'], g)),
        ('- $\\log\\pi + g \\approx', lambda: CV(['-1.3648', '-0.7281', '-3.8598'], lp + g)),
        ('- $1/\\tau = 2$', lambda: E('2', 1 / tau) and CV(['-2.7297', '-1.4562', '-7.7196'], (lp + g) / tau), '1'),
        ('- $y \\approx (', lambda: CV(['0.2183', '0.7802', '0.0015'], y)),
        ('ハードなサンプルは', lambda: EV(['0', '1', '0'], hard)),
        ('**Straight-Through (ST)**', st_value),
        ('下流の損失が', lambda: EV(['1', '-1', '2'], w) and near(grad(lambda v: w @ v, y), w, 1e-9)),
        ('$$\\frac{\\partial L}{\\partial \\ell} = \\frac{1}{\\tau}\\,y \\odot', dl_form, '1 1'),
        ('- $y^\\top w \\approx', lambda: C('0.0030', 2 * y[2], 2 * 0.0015) and C('-0.5589', y @ w, 0.2183 - 0.7802 + 0.0030)
            and abs(0.2183 - 0.7802 + 0.0030 + 0.5589) < 1e-12, '0.2183 0.7802'),
        ('- $\\partial L/\\partial\\ell \\approx 2\\cdot', lambda: E('2', 1 / tau) and CV(['1.5589', '-0.4411', '2.5589'], w - y @ w)
            and CV(['0.6806', '-0.6883', '0.0077'], dl), '0.2183 0.7802 0.0015'),
        ('注意: $\\tau \\to 0$', lambda: near(gs(lp, g, 1e-3), np.eye(3)[np.argmax(lp + g)], 1e-6)
            and near(gs(lp, g, 1e4), np.ones(3) / 3, 1e-3) and 1 > 0.5, '0 1 0.5'),
    ]

# ======================================================================= 11
@register('11_focal_loss_turev_tr.md')
def f11():
    def FL(z, y, a, g):
        p = sig(z); pt = p if y == 1 else 1 - p; at = a if y == 1 else 1 - a
        return -at * (1 - pt) ** g * np.log(pt)
    def reduces():
        return all(abs(-(1 - pt) ** 0 * np.log(pt) - (-np.log(pt))) < 1e-15 for pt in rand(5, 0.05, 0.95))
    def suppress():
        return all((1 - a) ** 2 < (1 - b) ** 2 for a, b in [(0.9, 0.5), (0.99, 0.9)]) and (1 - 0.999) ** 2 < 1e-5
    z, a, g = 1.0, 0.25, 2.0
    p = sig(z); ce = -np.log(p); fl = FL(z, 1, a, g)
    flp = lambda q: -a * (1 - q) ** g * np.log(q)
    def chain():
        return all(abs(fd(sig, t) - sig(t) * (1 - sig(t))) < 1e-9 for t in rand(5))
    def product():
        ok = True
        for q in rand(5, 0.05, 0.95):
            for gg in (0.5, 2.0, 3.0):
                fpow = lambda r: (1 - r) ** gg
                ok &= abs(fd(lambda r: -a * (1 - r) ** gg * np.log(r), q)
                          - (-a * (fd(fpow, q) * np.log(q) + (1 - q) ** gg / q))) < 1e-6
        return ok
    def power():
        return all(abs(fd(lambda r: (1 - r) ** gg, q) - gg * (1 - q) ** (gg - 1)) < 1e-6
                   for q in rand(5, 0.05, 0.95) for gg in (0.5, 2.0, 3.0))
    def dz_form():
        return all(abs(fd(lambda t: FL(t, 1, a, gg), zz) - (-a * (1 - sig(zz)) ** gg * (gg * sig(zz) * np.log(sig(zz)) + 1 - sig(zz)))) < 1e-6
                   for zz in rand(5) for gg in (0.5, 2.0))
    dz = fd(lambda t: FL(t, 1, a, g), z)
    return [
        ('İkili sınıflandırmada', GIVEN, '*'),
        ('$$\\mathrm{FL}(p_t) = -\\alpha_t', GIVEN, '1'),
        ('$\\gamma = 0$ ve $\\alpha_t = 1$', lambda: reduces() and suppress(), '0 1 1 1'),
        ('**Sayısal örnek.**', GIVEN, '*'),
        ('- $p = \\sigma(1) \\approx 0.7311$', lambda: C('0.7311', p) and C('0.2689', 1 - p) and C('0.0723', (1 - p) ** 2),
            '1 1 1 2'),
        ('- $\\log p \\approx -0.3133$', lambda: C('-0.3133', np.log(p)) and C('0.3133', ce)),
        ('- $\\mathrm{FL} \\approx 0.25', lambda: C('0.00566', fl, 0.25 * 0.0723 * 0.3133) and E('55', round(ce / fl)),
            '0.25 0.0723 0.3133'),
        ('**Türev ($y = 1$ durumu).**', chain, '1 1'),
        ('$$\\frac{d\\,\\mathrm{FL}}{dp} = -\\alpha', product, '1 1'),
        ('$$\\frac{d(1-p)^{\\gamma}}{dp} = \\gamma', power, '1 1 1'),
        ('Yerine koyup $p(1-p)$', lambda: True, '1'),
        ('$$\\frac{d\\,\\mathrm{FL}}{dz} = -\\alpha\\,(1-p)', dz_form, '1 1'),
        ('Sayılarla:', lambda: C('-0.4581', g * p * np.log(p), 2 * 0.7311 * -0.3133)
            and C('-0.1892', dz / (a * (1 - p) ** g)), '2 0.7311 0.3133 0.4581 0.2689'),
        ('$$\\frac{d\\,\\mathrm{FL}}{dz} \\approx -0.25', lambda: C('0.0034', dz), '0.25 0.0723 0.1892'),
        ('Karşılaştırma:', lambda: C('-0.2689', fd(lambda t: -np.log(sig(t)), z)) and abs(dz) < abs(p - 1), '1'),
    ]

# ======================================================================= 12
@register('12_huber_loss_gradient.md')
def f12():
    def hub(r, d):
        r = np.asarray(r, float)
        return np.where(np.abs(r) <= d, 0.5 * r ** 2, d * (np.abs(r) - 0.5 * d))
    def psi_claim():
        ok = True
        for d in (0.5, 1.0, 2.0):
            for r in rand(8, -4, 4):
                if abs(abs(r) - d) < 1e-3: continue
                dv = fd(lambda t: float(hub(t, d)), r, 1e-6)
                piece = r if abs(r) <= d else d * np.sign(r)
                ok &= abs(dv - piece) < 1e-6 and abs(piece - np.clip(r, -d, d)) < 1e-15
        return ok
    def c1():
        ok = True
        for d in (0.5, 1.0, 2.0):
            for sgn in (1, -1):
                r0 = sgn * d
                ok &= abs(0.5 * r0 ** 2 - d * (abs(r0) - 0.5 * d)) < 1e-12 and abs(0.5 * r0 ** 2 - 0.5 * d ** 2) < 1e-12
                ok &= abs(r0 - d * np.sign(r0)) < 1e-12 and abs(abs(r0) - d) < 1e-12
                h2in = fd(lambda t: np.clip(t, -d, d), r0 - sgn * 0.1); h2out = fd(lambda t: np.clip(t, -d, d), r0 + sgn * 0.1)
                ok &= abs(h2in - 1) < 1e-9 and abs(h2out) < 1e-9
        return ok
    x = np.array([1, 2, 3, 4.]); y = np.array([1.5, 4.2, 6.5, 12]); w, b, d = 2.0, 0.0, 1.0
    loss = lambda w_, b_: np.mean(hub(w_ * x + b_ - y, d))
    def lin_grad():
        ok = True
        for _ in range(3):
            xx = rand(5); yy = rand(5, -3, 3); ww, bb = rand(2)
            rr = ww * xx + bb - yy; ps = np.clip(rr, -1, 1)
            L = lambda a_, c_: np.mean(hub(a_ * xx + c_ - yy, 1.0))
            ok &= abs(fd(lambda t: L(t, bb), ww, 1e-7) - np.mean(ps * xx)) < 1e-6
            ok &= abs(fd(lambda t: L(ww, t), bb, 1e-7) - np.mean(ps)) < 1e-6
        return ok
    yh = w * x + b; r = yh - y; ps = np.clip(r, -d, d)
    gw = fd(lambda t: loss(t, b), w, 1e-7); gb = fd(lambda t: loss(w, t), b, 1e-7)
    mse = lambda w_, b_: np.mean(0.5 * (w_ * x + b_ - y) ** 2)
    mw = fd(lambda t: mse(t, b), w); mb = fd(lambda t: mse(w, t), b)
    ph = lambda t: d ** 2 * (np.sqrt(1 + (t / d) ** 2) - 1)
    return [
        ('The Huber loss with threshold', GIVEN, '0'),
        ('$$L_\\delta(r) = \\begin{cases}', GIVEN, '1 2 2 1 2'),
        ('Its derivative, often called', GIVEN, ''),
        ("$$\\psi(r) = L_\\delta'(r)", psi_claim),
        ('Both pieces agree at', c1, '1 2 2 1 0'),
        ('For a linear model', GIVEN, '1'),
        ('$$\\frac{\\partial}{\\partial w} = \\frac1N', lin_grad, '1 1'),
        ('**Example** with', GIVEN, '*'),
        ('- $\\hat y = (2, 4, 6, 8)$', lambda: EV(['2', '4', '6', '8'], yh) and CV(['0.5', '-0.2', '-0.5', '-4'], r)),
        ('- losses: $0.125$', lambda: CV(['0.125', '0.02', '0.125'], hub(r[:3], d)) and E('3.5', hub(r[3], d))
            and E('3.77', np.sum(hub(r, d))) and E('0.9425', loss(w, b)), '1 4 0.5 4'),
        ('- $\\psi(r) = (0.5', lambda: CV(['0.5', '-0.2', '-0.5', '-1'], ps)),
        ('- $\\partial/\\partial w = (0.5', lambda: CV(['0.5', '-0.4', '-1.5', '-4'], ps * x) and E('-5.4', np.sum(ps * x))
            and C('-1.35', gw), '4 4'),
        ('- $\\partial/\\partial b = (0.5', lambda: CV(['0.5', '-0.2', '-0.5', '-1'], ps) and E('-1.2', np.sum(ps))
            and C('-0.3', gb), '4 4'),
        ('For comparison, with', lambda: CV(['0.5', '-0.4', '-1.5', '-16'], r * x) and C('-4.35', mw)
            and E('-4.2', np.sum(r)) and C('-1.05', mb) and E('-16', r[3] * x[3]) and E('-4', r[3] * x[3] / 4)
            and E('-4', ps[3] * x[3]) and E('-1', ps[3] * x[3] / 4), '1 2 2 4 4 4 4'),
        ('If you need a smooth second derivative', lambda: all(abs(fd(ph, t) - t / np.sqrt(1 + (t / d) ** 2)) < 1e-8 for t in rand(5, -5, 5))
            and E('-4', r[3]) and E('17', 1 + r[3] ** 2) and C('-0.9701', fd(ph, r[3])) and E('-1', ps[3]),
            '2 1 2 1 1 2'),
    ]

# ======================================================================= 13
@register('13_gaussian_mle_prml_exercise.md')
def f13():
    def loglik(x, m, v):
        return -np.sum((x - m) ** 2) / (2 * v) - len(x) / 2 * np.log(v) - len(x) / 2 * np.log(2 * np.pi)
    def direct():
        ok = True
        for _ in range(3):
            x = rand(6, -3, 3); m = RNG.uniform(-1, 1); v = RNG.uniform(0.3, 3)
            ok &= abs(np.sum(np.log(np.exp(-(x - m) ** 2 / (2 * v)) / np.sqrt(2 * np.pi * v))) - loglik(x, m, v)) < 1e-10
        return ok
    cases = [(rand(6, -3, 3), RNG.uniform(-1, 1), RNG.uniform(0.3, 3)) for _ in range(4)]
    def dmu():
        return all(abs(fd(lambda t: loglik(x, t, v), m) - np.sum(x - m) / v) < 1e-6 for x, m, v in cases)
    def zero_mu():
        return all(abs(np.sum(x - m) * 1.0 - (np.sum(x) - len(x) * m)) < 1e-12 for x, m, v in cases)
    def mu_ml():
        return all(abs(fd(lambda t: loglik(x, t, v), np.mean(x))) < 1e-6 for x, m, v in cases)
    def dv():
        return all(abs(fd(lambda t: loglik(x, m, t), v) - (np.sum((x - m) ** 2) / (2 * v ** 2) - len(x) / (2 * v))) < 1e-6
                   for x, m, v in cases)
    def mult():
        return all(abs((np.sum((x - m) ** 2) / (2 * v ** 2) - len(x) / (2 * v)) * 2 * v ** 2
                       - (np.sum((x - m) ** 2) - len(x) * v)) < 1e-9 for x, m, v in cases)
    def var_ml():
        ok = True
        for x, _, _ in cases:
            N = len(x); m = np.mean(x); vv = np.sum((x - m) ** 2) / (N - 1)
            ok &= abs(fd(lambda t: loglik(x, m, t), vv)) < 1e-6
        return ok
    x = np.array([2., 4, 4, 5, 7])
    gm = fd(lambda t: loglik(x, t, 2.0), 4.0); gv = fd(lambda t: loglik(x, 4.0, t), 2.0)
    m = x.mean(); dev = x - m
    unbiased = lambda: abs(np.mean([np.var(RNG.normal(size=5), ddof=0) for _ in range(40000)]) - 1) < 0.02
    return [
        ('**Exercise 1.11.**', GIVEN, '*'),
        ('*Solution.* For i.i.d. data', GIVEN, ''),
        ('\\tag{1.54}', direct, '2 1 2 2 2 2 2 2 2 1.54'),
        ('Differentiating with respect to $\\mu$', GIVEN, ''),
        ('$$\\frac{\\partial}{\\partial\\mu}\\ln p = \\frac{1}{\\sigma^2}', dmu, '1 2'),
        ('and setting this to zero gives', zero_mu, '0'),
        ('\\tag{1.55}', mu_ml, '1 1.55'),
        ('Treating $\\sigma^2$ itself', GIVEN, '2'),
        ('$$\\frac{\\partial}{\\partial\\sigma^2}\\ln p', dv, '2 1 2 4 2 2 2'),
        ('Quick sanity check of both derivatives', GIVEN, '4 2 2 2 4 4 5 7'),
        ('- $\\partial/\\partial\\mu = (-2', lambda: EV(['-2', '0', '0', '1', '3'], x - 4) and E('1', gm) if abs(gm - 1) < 1e-6 else False,
            '2'),
        ('- $\\partial/\\partial\\sigma^2 = (4', lambda: EV(['4', '0', '0', '1', '9'], (x - 4) ** 2) and E('1.75', 14 / 8)
            and E('1.25', 5 / 4) and E('0.5', 1.75 - 1.25) and abs(gv - 0.5) < 1e-6, '2 2 4 5 2 2'),
        ('Setting the $\\sigma^2$-derivative to zero', mult, '2 2 4'),
        ('\\tag{1.56}', var_ml, '2 1 1 1 2 1.56'),
        ('**Numerical illustration.**', GIVEN, '*'),
        ('- $\\mu_{\\mathrm{ML}} = 22/5', lambda: E('22', x.sum()) and E('5', len(x)) and E('4.4', m)),
        ('- deviations', lambda: CV(['-2.4', '-0.4', '-0.4', '0.6', '2.6'], dev) and CV(['5.76', '0.16', '0.16', '0.36', '6.76'], dev ** 2)
            and E('13.2', np.sum(dev ** 2))),
        ('- $\\sigma^2_{\\mathrm{ML}} = 13.2/4', lambda: E('3.3', np.sum(dev ** 2) / len(x)), '2 13.2 4'),
        ('Note that $\\sigma^2_{\\mathrm{ML}}$ depends', unbiased, '2 2 2 2 1.58'),
    ]

# ======================================================================= 14
@register('14_kl_two_gaussians_murphy.md')
def f14():
    kl = lambda m1, s1, m2, s2: np.log(s2 / s1) + (s1 ** 2 + (m1 - m2) ** 2) / (2 * s2 ** 2) - 0.5
    def kl_num(m1, s1, m2, s2):
        lp = lambda x: -0.5 * np.log(2 * np.pi * s1 ** 2) - (x - m1) ** 2 / (2 * s1 ** 2)
        lq = lambda x: -0.5 * np.log(2 * np.pi * s2 ** 2) - (x - m2) ** 2 / (2 * s2 ** 2)
        return gauss_expect(lambda x: lp(x) - lq(x), m1, s1)
    P = [(a, b, c, d) for a, b, c, d in zip(rand(4), rand(4, 0.3, 2), rand(4), rand(4, 0.3, 2))]
    def e1():
        return all(abs(gauss_expect(lambda x: (x - m1) ** 2, m1, s1) - s1 ** 2) < 1e-9 for m1, s1, _, _ in P)
    def elogp():
        return all(abs(gauss_expect(lambda x: -0.5 * np.log(2 * np.pi * s1 ** 2) - (x - m1) ** 2 / (2 * s1 ** 2), m1, s1)
                       - (-0.5 * np.log(2 * np.pi * s1 ** 2) - 0.5)) < 1e-9 for m1, s1, _, _ in P)
    def e2():
        return all(abs(gauss_expect(lambda x: (x - m2) ** 2, m1, s1) - (s1 ** 2 + (m1 - m2) ** 2)) < 1e-9 for m1, s1, m2, s2 in P)
    def elogq():
        return all(abs(gauss_expect(lambda x: -0.5 * np.log(2 * np.pi * s2 ** 2) - (x - m2) ** 2 / (2 * s2 ** 2), m1, s1)
                       - (-0.5 * np.log(2 * np.pi * s2 ** 2) - (s1 ** 2 + (m1 - m2) ** 2) / (2 * s2 ** 2))) < 1e-9
                   for m1, s1, m2, s2 in P)
    def klf():
        return all(abs(kl_num(*p) - kl(*p)) < 1e-9 for p in P)
    kll = lambda m1, l1, m2, l2: kl(m1, np.exp(l1), m2, np.exp(l2))
    def logform():
        return all(abs(kll(m1, np.log(s1), m2, np.log(s2)) - (np.log(s2) - np.log(s1) + (s1 ** 2 + (m1 - m2) ** 2) / (2 * s2 ** 2) - 0.5)) < 1e-12
                   and abs(kl(m1, s1, m2, s2) - (np.log(s2) - np.log(s1) + (np.exp(2 * np.log(s1)) + (m1 - m2) ** 2) / (2 * np.exp(2 * np.log(s2))) - 0.5)) < 1e-12
                   for m1, s1, m2, s2 in P)
    def gmu():
        return all(abs(fd(lambda t: kl(t, s1, m2, s2), m1) - (m1 - m2) / s2 ** 2) < 1e-7
                   and abs(fd(lambda t: kl(m1, s1, t, s2), m2) - (m2 - m1) / s2 ** 2) < 1e-7 for m1, s1, m2, s2 in P)
    def gl():
        return all(abs(fd(lambda t: kll(m1, t, m2, np.log(s2)), np.log(s1)) - (s1 ** 2 / s2 ** 2 - 1)) < 1e-7
                   and abs(fd(lambda t: kll(m1, np.log(s1), m2, t), np.log(s2)) - (1 - (s1 ** 2 + (m1 - m2) ** 2) / s2 ** 2)) < 1e-7
                   for m1, s1, m2, s2 in P)
    def vanish():
        ok = True
        for m, s in zip(rand(3), rand(3, 0.3, 2)):
            l = np.log(s)
            g = grad(lambda v: kll(v[0], v[1], v[2], v[3]), [m, l, m, l])
            ok &= near(g, np.zeros(4), 1e-7) and abs(kl(m, s, m, s)) < 1e-15
        return ok
    m1, s1, m2, s2 = 1.0, 0.5, 0.0, 2.0; l1, l2 = np.log(s1), np.log(s2)
    K = kl(m1, s1, m2, s2)
    g = grad(lambda v: kll(v[0], v[1], v[2], v[3]), [m1, l1, m2, l2])
    fdh = (kll(m1, l1 + 0.01, m2, l2) - kll(m1, l1 - 0.01, m2, l2)) / 0.02
    return [
        ('Let $p = \\mathcal{N}(\\mu_1, \\sigma_1^2)$', e1, '2 2 2 2'),
        ('$$\\mathbb{E}_p[\\log p(x)] = -\\tfrac12', elogp, '1 2 2 2 1 2'),
        ('For the second term we need', e2, '2 2 2'),
        ('$$\\mathbb{E}_p[\\log q(x)] = -\\tfrac12', elogq, '1 2 2 2 2 2 2 2'),
        ('$$D_{\\mathrm{KL}}(p\\,\\|\\,q) = \\log\\frac{\\sigma_2}{\\sigma_1}', klf, '2 2 2 2 1 2'),
        ('**Gradients.** In practice', GIVEN, ''),
        ('$$D_{\\mathrm{KL}} = \\ell_2 - \\ell_1', logform, '2 2 2 2 1 2'),
        ('$$\\frac{\\partial D_{\\mathrm{KL}}}{\\partial\\mu_1}', gmu, '2 2'),
        ('$$\\frac{\\partial D_{\\mathrm{KL}}}{\\partial\\ell_1}', gl, '2 2 1 1 2 2 2'),
        ('All four vanish at', vanish),
        ('**Example.**', GIVEN, '*'),
        ('- $D_{\\mathrm{KL}}(p\\,\\|\\,q) = \\log 4', lambda: E('4', s2 / s1) and E('0.25', s1 ** 2) and E('1', (m1 - m2) ** 2)
            and E('8', 2 * s2 ** 2) and C('1.38629', np.log(4)) and E('0.15625', 1.25 / 8) and C('1.04254', K)
            and abs(1.38629 + 0.15625 - 0.5 - 1.04254) < 1e-12, '0.5 0.5'),
        ('- $\\partial/\\partial\\mu_1 = 1/4', lambda: E('1', m1 - m2) and E('4', s2 ** 2) and C('0.25', g[0]) and C('-0.25', g[2])),
        ('- $\\partial/\\partial\\ell_1 = 0.25/4', lambda: E('0.25', s1 ** 2) and E('4', s2 ** 2) and E('1', 1) and C('-0.9375', g[1])
            and fd(lambda t: kl(m1, t, m2, s2), s1) < 0),
        ('- $\\partial/\\partial\\ell_2 = 1', lambda: E('1', 1) and E('1.25', s1 ** 2 + (m1 - m2) ** 2) and E('4', s2 ** 2)
            and C('0.6875', g[3])),
        ('- finite-difference check', lambda: C('-0.9375', fdh), '0.01 0.01 0.02'),
        ('The divergence is not symmetric', lambda: C('8.1137', kl(m2, s2, m1, s1)) and C('-1.3863', np.log(0.5 / 2))
            and E('10', 5 / 0.5) and abs(-1.3863 + 10 - 0.5 - 8.1137) < 1e-12 and E('4', s2 ** 2) and E('1', (m1 - m2) ** 2),
            '0.5 2 2 0.25 0.5 0.5'),
    ]

# ======================================================================= 15
@register('15_map_logreg_newton_laplace.md')
def f15():
    x = np.array([1, 2, -1.]); t = np.array([1, 1, 0.]); alpha = 1.0
    def Psi(w, xx=x, tt=t, a=alpha):
        y = sig(w * xx)
        return -np.sum(tt * np.log(y) + (1 - tt) * np.log(1 - y)) + a / 2 * w ** 2
    d1 = lambda w, xx=x, tt=t, a=alpha: np.sum((sig(w * xx) - tt) * xx) + a * w
    d2 = lambda w, xx=x, a=alpha: np.sum(sig(w * xx) * (1 - sig(w * xx)) * xx ** 2) + a
    def neglogpost():
        ok = True
        for _ in range(3):
            xx = rand(4); tt = RNG.integers(0, 2, 4).astype(float); a = RNG.uniform(0.2, 3); w1, w2 = rand(2)
            lpost = lambda w: np.sum(tt * np.log(sig(w * xx)) + (1 - tt) * np.log(1 - sig(w * xx))) \
                + (-0.5 * np.log(2 * np.pi / a) - a * w ** 2 / 2)
            ok &= abs((-lpost(w1) + lpost(w2)) - (Psi(w1, xx, tt, a) - Psi(w2, xx, tt, a))) < 1e-10
        return ok
    def derivs():
        ok = True
        for _ in range(3):
            xx = rand(4); tt = RNG.integers(0, 2, 4).astype(float); a = RNG.uniform(0.2, 3); w = RNG.uniform(-2, 2)
            ok &= abs(fd(lambda v: Psi(v, xx, tt, a), w) - d1(w, xx, tt, a)) < 1e-7
            ok &= abs(fd(lambda v: d1(v, xx, tt, a), w) - d2(w, xx, a)) < 1e-7
        return ok and all(abs(fd(sig, z) - sig(z) * (1 - sig(z))) < 1e-9 for z in rand(4))
    def convex():
        return all(d2(w) >= alpha for w in np.linspace(-10, 10, 201)) and alpha > 0
    def separable():
        ws = np.linspace(0.01, 30, 300)
        return all(np.all(np.sign(w * x) == 2 * t - 1) for w in ws) and all(np.sum((sig(w * x) - t) * x) < 0 for w in np.linspace(-30, 30, 601))
    ws = [0.0]
    for _ in range(6):
        ws.append(ws[-1] - d1(ws[-1]) / d2(ws[-1]))
    wmap = ws[-1]
    y1 = sig(0.8 * x)
    return [
        ('Prior $p(w) = \\mathcal{N}(w \\mid 0', GIVEN, '*'),
        ('$$\\Psi(w) = -\\sum_{n}', neglogpost, '1 1 2 2'),
        ("Using $\\sigma' = \\sigma(1-\\sigma)$", derivs, '1'),
        ("$$\\Psi'(w) = \\sum_n (y_n - t_n)", derivs, '1 2'),
        ("Since $\\Psi'' \\ge \\alpha > 0$", convex, '0'),
        ('**Data.**', lambda: separable() and E('1', alpha), '1 2 1 1 1 0 0 0'),
        ('**Newton step 1**', lambda: EV(['0'], [ws[0]]) and E('0.5', sig(0.0)), ''),
        ("- $\\Psi'(0) = -0.5 - 1 - 0.5 + 0 = -2$", lambda: CV(['-0.5', '-1', '-0.5'], (sig(0) - t) * x)
            and E('0', alpha * 0) and E('-2', d1(0.0)) and abs(fd(Psi, 0.0) + 2) < 1e-8, '0'),
        ("- $\\Psi''(0) = 0.25", lambda: E('0.25', sig(0) * (1 - sig(0))) and EV(['1', '4', '1'], x ** 2) and E('1', alpha)
            and E('2.5', d2(0.0)), '0'),
        ('- $w_1 = 0 - (-2)/2.5 = 0.8$', lambda: E('0.8', ws[1]), '0 2 2.5'),
        ('**Newton step 2**', lambda: CV(['0.6900', '0.8320', '0.3100'], y1), '0.8'),
        ('- $\\sum_n (y_n - t_n)x_n \\approx -0.3100', lambda: CV(['-0.3100', '-0.3360', '-0.3100'], (y1 - t) * x)
            and C('-0.9560', np.sum((y1 - t) * x)) and C('-0.1560', d1(0.8), -0.9560 + 0.8), '0.9560 0.8 0.8'),
        ('- $y(1-y) \\approx (0.2139', lambda: CV(['0.2139', '0.1398', '0.2139'], y1 * (1 - y1)) and C('1.9869', d2(0.8))
            and E('4', x[1] ** 2) and E('1', alpha), '1 0.8 0.2139 0.1398 0.2139'),
        ('- $w_2 \\approx 0.8 + 0.1560/1.9869', lambda: C('0.8785', ws[2], 0.8 + 0.1560 / 1.9869), '0.8 0.1560 1.9869'),
        ('A third step moves', lambda: C('0.0014', ws[3] - ws[2]) and C('0.8800', ws[3], wmap) and C('1.91545', d2(wmap))
            and abs(d1(wmap)) < 1e-12),
        ('**Laplace approximation.**', lambda: abs(fd(lambda v: fd(Psi, v, 1e-4), wmap, 1e-4) - d2(wmap)) < 1e-5),
        ('$$q(w) = \\mathcal{N}\\!\\left(w \\mid', lambda: C('0.5221', 1 / d2(wmap)), '1 1 1.91545'),
        ('i.e. a posterior standard deviation', lambda: C('0.7225', 1 / np.sqrt(d2(wmap)))
            and (lambda w3: abs(w3) < abs(wmap))(
                __import__('functools').reduce(lambda w, _: w - d1(w, a=3.0) / d2(w, a=3.0), range(8), 0.0))
            and d2(wmap, a=1.0) < d2(wmap, a=3.0), '0'),
    ]

# ======================================================================= 16
@register('16_softmax_regression_grad_hessian.md')
def f16():
    def nll(W, X, Y):
        return -sum(np.sum(Y[n] * np.log(softmax(W @ X[n]))) for n in range(len(X)))
    def rp(N=4, Cc=3, Dd=2):
        X = RNG.normal(size=(N, Dd)); Y = np.eye(Cc)[RNG.integers(0, Cc, N)]; W = RNG.normal(size=(Cc, Dd))
        return W, X, Y
    def lse_form():
        ok = True
        for _ in range(3):
            W, X, Y = rp()
            alt = -sum(np.sum(Y[n] * (W @ X[n])) - np.log(np.sum(np.exp(W @ X[n]))) for n in range(len(X)))
            ok &= abs(nll(W, X, Y) - alt) < 1e-10
        return ok
    def lse_grad():
        ok = True
        for _ in range(3):
            W, X, Y = rp(); xn = X[0]
            Gl = grad(lambda M: np.log(np.sum(np.exp(M @ xn))), W)
            ok &= near(Gl, np.outer(softmax(W @ xn), xn), 1e-7)
        return ok
    def g_form():
        ok = True
        for _ in range(3):
            W, X, Y = rp(); G = grad(lambda M: nll(M, X, Y), W)
            mu = np.array([softmax(W @ xn) for xn in X])
            ok &= near(G, sum(np.outer(mu[n] - Y[n], X[n]) for n in range(len(X))), 1e-6)
        return ok
    def dmu():
        ok = True
        for _ in range(3):
            W, X, Y = rp(); xn = X[0]; mu = softmax(W @ xn)
            for c in range(3):
                Gc = grad(lambda M: softmax(M @ xn)[c], W)
                ok &= near(Gc, np.array([mu[c] * ((c == k) - mu[k]) * xn for k in range(3)]), 1e-7)
        return ok
    def h_form():
        ok = True
        for _ in range(2):
            W, X, Y = rp()
            Hn = hess(lambda v: nll(v.reshape(3, 2), X, Y), W.ravel())
            mu = np.array([softmax(W @ xn) for xn in X])
            Hk = sum(np.kron(np.diag(mu[n]) - np.outer(mu[n], mu[n]), np.outer(X[n], X[n])) for n in range(len(X)))
            Hb = np.zeros((6, 6))
            for c in range(3):
                for k in range(3):
                    Hb[2 * c:2 * c + 2, 2 * k:2 * k + 2] = sum(mu[n, c] * ((c == k) - mu[n, k]) * np.outer(X[n], X[n]) for n in range(len(X)))
            ok &= near(Hn, Hk, 1e-4) and near(Hk, Hb, 1e-12)
        return ok
    def psd():
        ok = True
        for _ in range(3):
            m = softmax(rand(3)); xv = rand(2)
            A = np.diag(m) - np.outer(m, m); B = np.outer(xv, xv)
            ok &= np.linalg.eigvalsh(A).min() > -1e-12 and np.linalg.eigvalsh(B).min() > -1e-12
            ok &= np.linalg.eigvalsh(np.kron(A, B)).min() > -1e-12
        return ok
    x = np.array([1, 2.]); W = np.array([[0.5, -0.2], [0, 0.3], [-0.5, 0.1]]); y = np.eye(3)[1]
    a = W @ x; mu = softmax(a); G = grad(lambda M: nll(M, [x], [y]), W)
    Hn = hess(lambda v: nll(v.reshape(3, 2), [x], [y]), W.ravel())
    def shift_inv():
        v = rand(2)
        return near(softmax((W + v[None, :]) @ x), mu, 1e-12) and abs(np.linalg.det(Hn)) < 1e-6 and near(G.sum(axis=0), np.zeros(2), 1e-7)
    return [
        ('With $C$ classes', GIVEN, ''),
        ('$$\\text{NLL}(W) = -\\sum_{n}', lse_form),
        ('Differentiating the log-sum-exp gives', lse_grad),
        ('$$\\nabla_{\\mathbf{w}_c}\\text{NLL}', g_form),
        ('Using $\\partial\\mu_{nc}/\\partial\\mathbf{w}_{c\'}', dmu),
        ('$$\\mathbf{H}_{c,c\'} = \\sum_n', h_form),
        ('Both factors of the Kronecker product', psd),
        ('**A single example.**', GIVEN, '*'),
        ('$$W = \\begin{pmatrix} 0.5', GIVEN, '*'),
        ('- logits $W\\mathbf{x} = (0.5 - 0.4', lambda: E('0.4', -W[0, 1] * 2) and E('0.6', W[1, 1] * 2) and E('0.2', W[2, 1] * 2)
            and EV(['0.1', '0.6', '-0.3'], a), '0.5 0 0.5'),
        ('- $\\exp(W\\mathbf{x}) \\approx', lambda: CV(['1.1052', '1.8221', '0.7408'], np.exp(a)) and C('3.6681', np.exp(a).sum())),
        ('- $\\boldsymbol\\mu \\approx (', lambda: CV(['0.3013', '0.4967', '0.2019'], mu, np.array([1.1052, 1.8221, 0.7408]) / 3.6681)),
        ('- $\\text{NLL} = -\\log 0.4967', lambda: C('0.6998', nll(W, [x], [y]), -np.log(0.4967)), '0.4967'),
        ('- $\\boldsymbol\\mu - \\mathbf{y} \\approx', lambda: CV(['0.3013', '-0.5033', '0.2019'], mu - y)),
        ('so the gradient, with the same shape', lambda: G.shape == W.shape),
        ('$$\\nabla_W\\text{NLL} \\approx \\begin{pmatrix} 0.3013', lambda: CV(['0.3013', '0.6026', '-0.5033', '-1.0066', '0.2019', '0.4038'], G)),
        ('Each column sums to (almost) zero', shift_inv, '0'),
        ('Two Hessian blocks for this example', lambda: EV(['1', '2', '2', '4'], np.outer(x, x))),
        ('$$\\mathbf{H}_{1,1} = \\mu_1(1-\\mu_1)', lambda: C('0.2105', Hn[0, 0]) and near(Hn[:2, :2], mu[0] * (1 - mu[0]) * np.outer(x, x), 1e-4)
            and C('-0.1497', Hn[0, 2]) and near(Hn[:2, 2:4], -mu[0] * mu[1] * np.outer(x, x), 1e-4), '1 1 2 2 4 1 2 2 4'),
    ]

# ------------------------------------------------------------ number accounting
SPAN = re.compile(r'\$\$(.+?)\$\$|\$(.+?)\$|\\\((.+?)\\\)|\\\[(.+?)\\\]')

def _skip_group(s, i):
    """index just after a balanced {...} group (or a single token) starting at s[i]"""
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
    s = re.sub(r'\\[td]?frac(\d)([A-Za-z])', r'\\frac{\1}{\2}', s)
    out, i = [], 0
    while i < len(s):
        if s[i] == '_':                       # subscripts are labels, not numbers
            i = _skip_group(s, i + 1); continue
        out.append(s[i]); i += 1
    return ''.join(out)

def line_tokens(line):
    s = line.strip()
    spans = [next(g for g in m.groups() if g is not None) for m in SPAN.finditer(s)]
    if not spans:
        spans = [s]
    toks = []
    for sp in spans:
        toks += re.findall(r'(?<![A-Za-z])[0-9]+(?:\.[0-9]+)?', normalise(sp))
    return toks

def lit_tokens(shown):
    s = shown.strip().replace('−', '-').lstrip('+-')
    m = re.fullmatch(r'([0-9.]+)e([+-]?\d+)', s)
    if m:
        return [m.group(1), '10', str(abs(int(m.group(2))))]
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
def math_lines(lines):
    out = set()
    for i, ln in enumerate(lines, 1):
        s = ln.strip()
        if s.startswith('<!--') or not s:
            continue
        if ('$' in s or '\\(' in s or '\\[' in s
                or (s.startswith('|') and re.search(r'[0-9]', s))
                or (re.search(r'[=≈]', s) and re.search(r'[0-9]', s))):
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
