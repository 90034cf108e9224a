#!/usr/bin/env python3
"""Independent NumPy check of corpus76 (curvature, second-order methods and the
probabilistic view of neural-network training).

For every file: an ordered list of checks (unique substring of one line,
predicate, declared structural tokens).  Every line that contains math
(LaTeX, inline code, code with a relation sign and a digit, Unicode math
symbols) must be covered.  Givens / definitions are GIVEN.  Worked numbers are
recomputed and must agree to their printed precision with the exact value or
(for lines downstream of a rounded intermediate, or of a planted error) with
the value recomputed from the numbers the author carried; symbolic derivative
claims are tested with central finite differences at random points; sizes /
parameter counts by building the arrays and counting.
Every number printed on a checked line must be a checked value or a declared
token ('*' = line not accounted, used for givens only).
The first line whose predicate is False must equal expected.json.
"""
import json, math, os, re, sys
from collections import Counter
import numpy as np

VERBOSE = '-v' in sys.argv
D = os.path.dirname(os.path.abspath(__file__))
RNG = np.random.default_rng(76)

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
    if b.ndim == 0: b = np.full(a.shape, float(b))
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
@register('01_softmax_ce_hessian_prml.md')
def f01():
    a = np.array([2.0, 1.0, 0.0]); y = softmax(a); H = np.diag(y) - np.outer(y, y)
    yr = np.array([0.6652, 0.2447, 0.0900])
    Hr = np.array([[0.2227, -0.1628, -0.0599], [-0.1628, 0.1848, -0.0220], [-0.0599, -0.0220, 0.0819]])
    E_ = lambda aa, t: -np.sum(t * np.log(softmax(aa)))
    def jac():
        ok = True
        for _ in range(3):
            aa = rand(4); yy = softmax(aa)
            J = np.stack([grad(lambda u: softmax(u)[k], aa) for k in range(4)])
            ok &= near(J, yy[:, None] * (np.eye(4) - yy[None, :]))
        return ok
    def gradE():
        ok = True
        for _ in range(3):
            aa = rand(4); t = np.eye(4)[RNG.integers(4)]
            ok &= near(grad(lambda u: E_(u, t), aa), softmax(aa) - t)
        return ok
    def hessE(check_indep=False):
        ok = True
        for _ in range(3):
            aa = rand(4); yy = softmax(aa); Hs = []
            for k in range(4):
                t = np.eye(4)[k]
                Hn = np.stack([grad(lambda u: grad(lambda v: E_(v, t), u, 1e-5)[j], aa, 1e-4) for j in range(4)])
                Hs.append(Hn)
                ok &= near(Hn, np.diag(yy) - np.outer(yy, yy), 1e-5)
                # second derivative = derivative of y_j
                ok &= near(Hn, np.stack([grad(lambda u: softmax(u)[j], aa) for j in range(4)]), 1e-5)
            if check_indep:
                ok &= all(near(Hs[0], Hh, 1e-5) for Hh in Hs)
        return ok
    def quad():
        ok = True
        for _ in range(5):
            yy = softmax(rand(5)); u = rand(5); Hh = np.diag(yy) - np.outer(yy, yy)
            lhs = u @ Hh @ u; rhs = yy @ u ** 2 - (yy @ u) ** 2
            ok &= abs(lhs - rhs) < 1e-12 and lhs >= -1e-15
            ok &= abs(rhs - np.sum(yy * (u - yy @ u) ** 2)) < 1e-12      # a variance
        return ok and E('0', 0)
    def convex_line():
        ok = True
        for _ in range(3):
            aa = rand(4); yy = softmax(aa); Hh = np.diag(yy) - np.outer(yy, yy)
            ok &= np.all(yy >= 0) and abs(yy.sum() - 1) < 1e-12
            ok &= near(Hh @ np.ones(4), np.zeros(4), 1e-14) and near(softmax(aa + 1.7), yy, 1e-14)
            ok &= np.linalg.eigvalsh(Hh).min() > -1e-14 and abs(np.linalg.eigvalsh(Hh)).min() < 1e-14
        return (ok and E('0', 0) and E('1', 1) and E('1', np.ones(4) @ yy) and E('0', 0))
    def kron():
        ok = True
        for _ in range(2):
            W = rand(3, 2); phi = rand(2); t = np.eye(3)[1]
            f = lambda w: E_(w.reshape(3, 2) @ phi, t)
            Hn = np.stack([grad(lambda u: grad(f, u, 1e-5)[j], W.ravel(), 1e-4) for j in range(6)])
            yy = softmax(W @ phi); Ha = np.diag(yy) - np.outer(yy, yy)
            ok &= near(Hn, np.kron(Ha, np.outer(phi, phi)), 1e-5)
            ok &= np.linalg.eigvalsh(np.kron(Ha, np.outer(phi, phi))).min() > -1e-12
        return ok
    ev = np.sort(np.linalg.eigvalsh(H))
    return [
        ('In Section 4.3.4 we obtained', GIVEN, '4.3 5.4 4.4'),
        ('Consider a single input vector for which', GIVEN),
        ('y_k = \\frac{\\exp(a_k)}', GIVEN, '4.125'),
        ('and, for a target vector $\\mathbf{t}$', GIVEN, '1'),
        ('E(\\mathbf{a}) = -\\sum_{k=1}^{K}', GIVEN, '4.126'),
        ('\\frac{\\partial y_k}{\\partial a_j} = y_k', jac, '4.127'),
        ('where $I_{kj}$ are the elements', lambda: E('1', np.eye(3)[1].sum()), '4.127'),
        ('\\frac{\\partial E}{\\partial a_j} = y_j - t_j', gradE, '4.128'),
        ('Differentiating (4.128) once more', hessE, '4.128 2'),
        ('\\mathbf{H} = \\nabla_{\\mathbf{a}}\\nabla_{\\mathbf{a}} E', hessE, '4.129'),
        ('in which $\\mathrm{diag}(\\mathbf{y})$ denotes', lambda: hessE(True)),
        ('To see that $\\mathbf{H}$ is positive semidefinite', GIVEN),
        ('\\mathbf{u}^{\\mathrm{T}}\\mathbf{H}\\mathbf{u} = \\sum_k', quad, '2 2 4.130'),
        ('because $y_k \\geqslant 0$', convex_line, '4.126 1 1 4.125'),
        ('For a linear model with $a_k', kron),
        ('**Example.** Consider $K = 3$', lambda: E('3', 3) and EV(['2', '1', '0'], a)
            and CV(['7.3891', '2.7183'], np.exp(a[:2])) and E('1', np.exp(a[2])) and C('11.1073', np.exp(a).sum())
            and CV(['0.6652', '0.2447', '0.0900'], y), '4.129'),
        ('\\mathbf{H} \\simeq \\begin{pmatrix}', lambda: CV(['0.2227', '-0.1628', '-0.0599', '-0.1628', '0.1848', '-0.0220',
                                                          '-0.0599', '-0.0220', '0.0819'], H)),
        ('where, for instance, $H_{11}', lambda: E('0.6652', yr[0]) and C('0.3348', 1 - y[0]) and C('0.2227', H[0, 0], yr[0] * 0.3348)
            and C('-0.6652', -y[0]) and C('0.2447', y[1]) and C('-0.1628', H[0, 1], -yr[0] * yr[1])
            and near(Hr.sum(axis=1), 0, 1e-12) and near(H @ np.ones(3), 0, 1e-12) and E('1', 1) and E('0', 0)
            and EV(['1', '-1', '0'], [1, -1, 0])
            and C('0.2227', H[0, 0]) and C('0.1848', H[1, 1]) and E('2', 2) and C('0.1628', -H[0, 1])
            and C('0.7331', np.array([1, -1, 0]) @ H @ np.array([1, -1, 0]), 0.2227 + 0.1848 + 2 * 0.1628)
            and C('0.6652', y[0]) and C('0.2447', y[1]) and C('0.4205', y[0] - y[1]) and E('2', 2)
            and C('0.9099', y[0] + y[1], 0.6652 + 0.2447) and C('0.1768', (y[0] - y[1]) ** 2, 0.4205 ** 2)
            and C('0.7331', y[0] + y[1] - (y[0] - y[1]) ** 2, 0.9099 - 0.1768)
            and C('0', ev[0]) and C('0.1186', ev[1]) and C('0.3709', ev[2]) and abs(ev[0]) < 1e-12, '4.130'),
    ]
# ======================================================================= 02
@register('02_gauss_newton_martens.md')
def f02():
    def net(th, x=1.0):
        w, v = th; s = np.tanh(w * x); return np.array([s, v * s])
    def jac_num(th, x=1.0):
        return np.stack([grad(lambda u: net(u, x)[i], th) for i in range(2)])
    def jac_form(th, x=1.0):
        w, v = th; s = np.tanh(w * x)
        return np.array([[x * (1 - s ** 2), 0.0], [v * x * (1 - s ** 2), s]])
    th0 = np.array([0.5, 2.0]); yt = np.array([0.0, 1.0])
    s = np.tanh(0.5); z = net(th0); r = z - yt; J = jac_form(th0); g = J.T @ r
    G = J.T @ J; Gw = J @ J.T; lam = 0.1
    d_true = -np.linalg.solve(G + lam * np.eye(2), g); d_car = -np.linalg.solve(Gw + lam * np.eye(2), g)
    h0 = 0.5 * r @ r
    ev = np.sort(np.linalg.eigvalsh(G))
    # a generic small net for the symbolic claims: z = W2 tanh(W1 x), theta = (W1, W2)
    def gen(th, x, m=2, k=3, d=2):
        W1 = th[:k * d].reshape(k, d); W2 = th[k * d:].reshape(m, k); return W2 @ np.tanh(W1 @ x)
    def hess(f, th):
        return np.stack([grad(lambda u: grad(f, u, 1e-5)[j], th, 1e-4) for j in range(th.size)])
    def a1():
        ok = True
        for _ in range(2):
            th = rand(12); x = rand(2); yy = rand(2)
            hf = lambda u: 0.5 * np.sum((gen(u, x) - yy) ** 2)
            Jn = np.stack([grad(lambda u: gen(u, x)[i], th) for i in range(2)])
            res = gen(th, x) - yy
            second = sum(res[i] * hess(lambda u: gen(u, x)[i], th) for i in range(2))
            ok &= near(hess(hf, th), Jn.T @ np.eye(2) @ Jn + second, 1e-4)
        return ok
    def loss_derivs():
        zz, yy = rand(3), rand(3); Lf = lambda u: 0.5 * np.sum((u - yy) ** 2)
        return near(grad(Lf, zz), zz - yy) and near(hess(Lf, zz), np.eye(3), 1e-4)
    def props():
        ok = True
        for _ in range(3):
            Jr = rand(2, 5); v = rand(5)
            ok &= abs(v @ Jr.T @ Jr @ v - np.sum((Jr @ v) ** 2)) < 1e-12 and v @ Jr.T @ Jr @ v >= 0
        # H indefinite somewhere (example net, target far away)
        Hn = hess(lambda u: 0.5 * np.sum((net(u) - np.array([3.0, -3.0])) ** 2), np.array([0.3, 1.0]))
        ok &= np.linalg.eigvalsh(Hn).min() < -1e-3
        # zero residual => H = G
        th = rand(12); x = rand(2); yy = gen(th, x)
        Jn = np.stack([grad(lambda u: gen(u, x)[i], th) for i in range(2)])
        ok &= near(hess(lambda u: 0.5 * np.sum((gen(u, x) - yy) ** 2), th), Jn.T @ Jn, 1e-4)
        # Fisher of N(z, I) wrt z is I: E[(y - z)(y - z)^T] = I ; score of log N is (y - z)
        R = np.random.default_rng(1); Y = R.standard_normal((200000, 2))
        ok &= near(Y.T @ Y / len(Y), np.eye(2), 0.02)
        return ok and E('0', 0)
    def update():
        ok = True
        for _ in range(3):
            Jr = rand(2, 3); rr = rand(2); gg = Jr.T @ rr; Gg = Jr.T @ Jr; l = 0.3
            M = lambda dd: 1.0 + gg @ dd + 0.5 * dd @ (Gg + l * np.eye(3)) @ dd
            ds = -np.linalg.solve(Gg + l * np.eye(3), Jr.T @ rr)
            ok &= near(grad(M, ds), np.zeros(3)) and abs(M(ds) - 1.0 - 0.5 * gg @ ds) < 1e-12
            ok &= all(M(ds + 0.1 * rand(3)) > M(ds) for _ in range(5))
        # nabla h = J^T (z - y)
        th = rand(12); x = rand(2); yy = rand(2)
        Jn = np.stack([grad(lambda u: gen(u, x)[i], th) for i in range(2)])
        ok &= near(grad(lambda u: 0.5 * np.sum((gen(u, x) - yy) ** 2), th), Jn.T @ (gen(th, x) - yy))
        return ok
    def jform():
        return all(near(jac_num(th, x), jac_form(th, x)) for th, x in [(rand(2), rand()) for _ in range(4)])
    return [
        ('Throughout this appendix we consider', loss_derivs, '1 2 2 2'),
        ('Differentiating $h$ twice using the chain rule', GIVEN),
        ('H = \\nabla_\\theta^2 h = J^\\top H_L J', a1, '2 2'),
        ('G = J^\\top H_L J = J^\\top J \\in', lambda: (J.T @ np.eye(2) @ J).shape == (2, 2)
            and rand(3, 5).T.dot(rand(3, 5)).shape == (5, 5) and near(J.T @ np.eye(2) @ J, G, 1e-15)),
        ('Two properties make $G$ preferable', props, '2'),
        ('The gradient is $\\nabla h = J^\\top (z - y)$', update, '1 2'),
        ('\\delta^* = -(G + \\lambda I)^{-1} J^\\top (z - y) , \\tag{A.3}', update, '-1'),
        ('at which point the model predicts the change', update, '1 2'),
        ('To make these quantities concrete', lambda: E('2', z.size) and E('2', th0.size)),
        ('J = \\begin{pmatrix} x(1 - s^2)', jform, '1 2 0 1 2'),
        ('With $x = 1$, $y = (0, 1)^\\top$', lambda: E('1', 1) and EV(['0', '1'], yt) and E('0.5', th0[0]) and E('2', th0[1])
            and C('0.4621', s) and CV(['0.4621', '0.9242'], z) and CV(['0.4621', '-0.0758'], r)
            and E('1', 1) and E('2', 2) and C('0.7864', 1 - s ** 2)),
        ('J = \\begin{pmatrix} 0.7864 & 0', lambda: near(jac_num(th0), J) and CV(['0.7864', '0', '1.5729', '0.4621'], J)
            and near(grad(lambda u: 0.5 * np.sum((net(u) - yt) ** 2), th0), g) and CV(['0.2443', '-0.0350'], g)),
        ('G = J J^\\top = \\begin{pmatrix}', lambda: CV(['0.6185', '1.2370', '1.2370', '2.6876'], G)),
        ('with eigenvalues $0.0404$ and $3.2656$', lambda: C('0.0404', ev[0]) and C('3.2656', ev[1])
            and near(ev, np.sort(np.linalg.svd(J)[1] ** 2)) and C('81', ev[1] / ev[0]) and E('0.1', lam)),
        ('\\delta^* = -\\begin{pmatrix} 0.7185', lambda: CV(['0.7185', '1.2370', '1.2370', '2.7876'], G + lam * np.eye(2), Gw + lam * np.eye(2))
            and CV(['0.2443', '-0.0350'], g) and CV(['-1.532', '0.692'], d_true, d_car), '-1'),
        ('and the quadratic model predicts a decrease', lambda: E('1', 1) and E('2', 2)
            and C('0.199', -0.5 * g @ d_true, -0.5 * g @ d_car) and E('0.199', 0.199) and C('0.1096', h0)
            and C('1.8', -0.5 * g @ d_true / h0, 0.199 / 0.1096) and C('0.1096', h0)),
    ]
# ======================================================================= 03
@register('03_irls_logistic_murphy.md')
def f03():
    X = np.array([[1, -1], [1, 0], [1, 1], [1, 2.0]]); y = np.array([0, 1, 0, 1.0])
    def nll(w, XX=X, yy=y):
        m = sig(XX @ w); return -np.sum(yy * np.log(m) + (1 - yy) * np.log(1 - m))
    def newton(w, XX=X, yy=y):
        m = sig(XX @ w); H = XX.T @ np.diag(m * (1 - m)) @ XX; return w - np.linalg.solve(H, XX.T @ (m - yy))
    def code(w, XX=X, yy=y, iters=4):
        for t in range(iters):
            mu = sig(XX @ w)
            s = mu * (1 - mu)
            w = np.linalg.solve(XX.T @ (s[:, None] * XX), XX.T @ (s * (XX @ w) + yy - mu))
        return w
    w0 = np.zeros(2); mu0 = sig(X @ w0); g0 = X.T @ (mu0 - y); H0 = X.T @ np.diag(mu0 * (1 - mu0)) @ X
    w1 = newton(w0); mu1 = sig(X @ w1)
    wstar = w0.copy()
    for _ in range(50): wstar = newton(wstar)
    def dsig():
        return all(abs(fd(sig, t) - sig(t) * (1 - sig(t))) < 1e-8 for t in rand(5))
    def gH():
        ok = True
        for _ in range(3):
            XX = rand(6, 3); yy = (RNG.uniform(size=6) < 0.5).astype(float); w = rand(3)
            m = sig(XX @ w)
            ok &= near(grad(lambda u: nll(u, XX, yy), w), XX.T @ (m - yy))
            Hn = np.stack([grad(lambda u: grad(lambda v: nll(v, XX, yy), u, 1e-5)[j], w, 1e-4) for j in range(3)])
            ok &= near(Hn, XX.T @ np.diag(m * (1 - m)) @ XX, 1e-4) and near(sum(m[n] * (1 - m[n]) * np.outer(XX[n], XX[n]) for n in range(6)), Hn, 1e-4)
        return ok
    def pd():
        ts = np.linspace(-10, 10, 20001); v = sig(ts) * (1 - sig(ts))
        ok = v.min() > 0 and abs(v.max() - 0.25) < 1e-12
        XX = rand(6, 3); m = sig(XX @ rand(3))
        ok &= np.linalg.eigvalsh(XX.T @ np.diag(m * (1 - m)) @ XX).min() > 0
        return ok and E('0', 0) and E('1', 1) and E('1', 1) and E('4', 1 / v.max())
    def align(which):
        ok = True
        for _ in range(3):
            XX = rand(6, 3); yy = (RNG.uniform(size=6) < 0.5).astype(float); w = rand(3)
            m = sig(XX @ w); S = np.diag(m * (1 - m)); A = XX.T @ S @ XX
            zt = XX @ w + np.linalg.solve(S, yy - m)
            l1 = w + np.linalg.solve(A, XX.T @ (yy - m)); l2 = np.linalg.solve(A, XX.T @ S @ zt)
            ok &= near(l1, newton(w, XX, yy), 1e-9) and near(l2, l1, 1e-9)
            if which == 'wls':
                wl = np.linalg.lstsq(np.sqrt(S) @ XX, np.sqrt(S) @ zt, rcond=None)[0]
                ok &= near(wl, l2, 1e-9)
            if which == 'code':
                ok &= near(code(w, XX, yy, 1), l2, 1e-9)
        return ok
    conv = near(code(w0, iters=4), wstar, 1e-8) and not near(code(w0, iters=2), wstar, 1e-3)
    return [
        ('Let $\\mu_n = \\sigma(\\mathbf{w}^\\top \\mathbf{x}_n)$', GIVEN, '1 1 1'),
        ('\\mathrm{NLL}(\\mathbf{w}) = -\\sum_{n=1}^{N}', GIVEN, '1 1 10.33'),
        ("Using $\\sigma'(a) = \\sigma(a)(1 - \\sigma(a))$", dsig, '1'),
        ('\\mathbf{g}(\\mathbf{w}) = \\sum_n (\\mu_n - y_n)', gH, '1 10.34'),
        ('where $\\mathbf{X}$ is the $N \\times D$ design matrix', pd, '1 1'),
        ("Newton's method uses the update", GIVEN, '-1 10.34'),
        ('\\mathbf{w}_{t+1} &= \\mathbf{w}_t + ', lambda: align(''), '-1'),
        ('&= (\\mathbf{X}^\\top\\mathbf{S}_t\\mathbf{X})^{-1}', lambda: align(''), '-1 -1 -1'),
        ('where we have defined the **working response**', lambda: align('wls'), '-1 2'),
        ('s = mu * (1 - mu)', lambda: align('code') and E('1', 1)),
        ('w = np.linalg.solve(X.T @ (s[:, None] * X)', lambda: align('code')),
        ('**Example.** Consider $N = 4$', lambda: E('4', len(X)) and EV(['-1', '0', '1', '2'], X[:, 1]) and EV(['0', '1', '0', '1'], y)
            and E('1', X[0, 0]) and E('2', X.shape[1]) and E('0', 0) and E('0.5', sig(0.0)) and E('0.25', 0.5 * 0.5)
            and np.linalg.norm(wstar) < 5 and near(X.T @ (sig(X @ wstar) - y), 0, 1e-10)),
        ('- Gradient: $\\boldsymbol{\\mu}_0 - \\mathbf{y}', lambda: EV(['0.5', '-0.5', '0.5', '-0.5'], mu0 - y) and E('0', g0[0])
            and E('-0.5', (mu0 - y)[0] * X[0, 1]) and E('0', (mu0 - y)[1] * X[1, 1]) and E('0.5', (mu0 - y)[2] * X[2, 1])
            and E('1', -(mu0 - y)[3] * X[3, 1]) and EV(['0', '-1'], g0)),
        ('- Hessian: $\\mathbf{X}^\\top\\mathbf{X}', lambda: EV(['4', '2', '2', '6'], X.T @ X) and E('0.25', 0.25)
            and EV(['1', '0.5', '0.5', '1.5'], H0) and E('1.25', np.linalg.det(H0))),
        ('- Inverse: $\\mathbf{H}_0^{-1}', lambda: E('1.25', np.linalg.det(H0)) and EV(['1.5', '-0.5', '-0.5', '1'], np.linalg.inv(H0) * np.linalg.det(H0))
            and EV(['1.2', '-0.4', '-0.4', '0.8'], np.linalg.inv(H0)), '-1 1'),
        ('- Newton step: $\\mathbf{w}_1', lambda: E('0', 0) and EV(['-0.4', '0.8'], w1), '-1'),
        ('As a check via IRLS', lambda: E('0', 0) and E('4', 1 / 0.25) and E('0.5', 0.5) and EV(['-2', '2', '-2', '2'], (y - mu0) / (mu0 * (1 - mu0)))
            and E('0.25', 0.25) and EV(['0', '4'], X.T @ ((y - mu0) / 0.25)) and EV(['0', '1'], X.T @ (0.25 * (y - mu0) / 0.25))
            and EV(['0', '1'], [0, 1]) and EV(['-0.4', '0.8'], np.linalg.inv(H0) @ np.array([0, 1.0])) and near(w1, [-0.4, 0.8], 1e-12), '-1'),
        ('The new logits are', lambda: EV(['-1.2', '-0.4', '0.4', '1.2'], X @ w1) and CV(['0.2315', '0.4013', '0.5987', '0.7685'], mu1)
            and E('4', 4) and E('2', 2) and C('2.7726', nll(w0)) and E('2', 2) and C('0.2633', -np.log(1 - mu1[0]))
            and E('2', 2) and C('0.9130', -np.log(mu1[1])) and abs(np.log(1 - mu1[0]) - np.log(mu1[3])) < 1e-12
            and abs(np.log(mu1[1]) - np.log(1 - mu1[2])) < 1e-12 and C('2.3526', nll(w1))
            and conv and CV(['-0.4541', '0.9082'], code(w0, iters=4)) and C('2.3475', nll(wstar))
            and C('99', 100 * (nll(w0) - nll(w1)) / (nll(w0) - nll(wstar))), '8.3'),
    ]
# ======================================================================= 04
@register('04_fisher_bernoulli_mackay.md')
def f04():
    logP = lambda x, a: x * a - np.log1p(np.exp(a))
    N, k = 10, 7
    F_true = lambda a: sig(a) * (1 - sig(a))
    F_car = lambda a: sig(a)                                # the author's F(a) = p, carried
    def d2_is_minus_p():
        ok = True
        for a in rand(4):
            for x in (0, 1):
                d2 = fd(lambda u: fd(lambda v: logP(x, v), u, 1e-4), a, 1e-4)
                ok &= abs(d2 - (-sig(a))) < 1e-5 and abs(fd(sig, a) - sig(a)) < 1e-6
        return ok
    def fisher_is_p():
        return all(abs(sum(sig(a) ** x * (1 - sig(a)) ** (1 - x) * (x - sig(a)) ** 2 for x in (0, 1)) - sig(a)) < 1e-9 for a in rand(4))
    # carried natural-gradient iterations
    a1c = 0 + (k - N * 0.5) / (N * F_car(0.0)); p1 = sig(a1c)
    a1t = 0 + (k - N * 0.5) / (N * F_true(0.0))
    def line26():
        ok = all(abs(fd(lambda u: sum(logP(x, u) for x in [1] * k + [0] * (N - k)), a) - (k - N * sig(a))) < 1e-6 for a in rand(3))
        # second derivative independent of x (true), so observed = expected and natural gradient = Newton (true)
        ok &= all(abs(fd(lambda u: fd(lambda v: logP(1, v), u, 1e-4), a, 1e-4) - fd(lambda u: fd(lambda v: logP(0, v), u, 1e-4), a, 1e-4)) < 1e-6 for a in rand(3))
        # "N F(a) = Np": consistent with the carried F = p
        return ok and all(abs(N * F_car(a) - N * sig(a)) < 1e-12 for a in rand(3))
    return [
        ("Let's strip the single neuron of Chapter 39", GIVEN, '39'),
        ('p = \\sigma(a) = \\frac{1}{1 + e^{-a}} ,', GIVEN, '1 1'),
        ('so $a = \\ln[p/(1-p)]$ is the log-odds', lambda: all(abs(sig(np.log(p / (1 - p))) - p) < 1e-12 for p in RNG.uniform(0.01, 0.99, 5))
            and E('1', 1) and E('0', 0) and E('1', 1)),
        ('\\ln P(x \\,|\\, a) = x a - \\ln(1 + e^{a}) . \\tag{41.30}', lambda: all(
            abs(logP(x, a) - np.log(sig(a) if x else 1 - sig(a))) < 1e-12 for a in rand(4) for x in (0, 1)), '1 41.30'),
        ('Since $\\frac{d}{da}\\ln(1 + e^{a})', lambda: all(abs(fd(lambda u: np.log1p(np.exp(u)), a) - np.exp(a) / (1 + np.exp(a))) < 1e-8
            and abs(np.exp(a) / (1 + np.exp(a)) - sig(a)) < 1e-12 for a in rand(4)), '1 1 41.30'),
        ('\\frac{\\partial}{\\partial a}\\ln P(x \\,|\\, a) = x - p , \\tag{41.31}', lambda: all(abs(fd(lambda u: logP(x, u), a) - (x - sig(a))) < 1e-8
            for a in rand(4) for x in (0, 1)), '41.31'),
        ('and it has mean zero under the model', lambda: all(abs(p * (1 - p) + (1 - p) * (0 - p)) < 1e-15 and abs(p * (1 - p) + (1 - p) * (0 - p) - sum(
            (p if x else 1 - p) * (x - p) for x in (0, 1))) < 1e-15 for p in RNG.uniform(0.01, 0.99, 5))
            and E('1', 1) and E('1', 1) and E('0', 0) and E('0', 0)),
        ('F(a) = -\\mathcal{E}_{P(x|a)}', GIVEN, '2 2'),
        ('Differentiating (41.31) once more', d2_is_minus_p, '41.31 2 2'),
        ('F(a) = p . \\tag{41.32}', fisher_is_p, '41.32'),
        ("Notice that the curvature doesn't depend", line26),
        ('**The natural gradient.** Plain steepest ascent', GIVEN),
        ('\\Delta a = \\eta\\, [N F(a)]^{-1} (k - Np)', lambda: all(abs((k - N * sig(a)) / (N * F_car(a)) - (k - N * sig(a)) / (N * sig(a))) < 1e-12 for a in rand(3)),
            '-1 41.33'),
        ('**Exercise 41.4.**[2]', lambda: E('10', N) and E('7', k) and E('0', 0) and E('1', 1), '41.4 2'),
        ('**Solution.** At $a = 0$', lambda: E('0', 0) and E('0.5', sig(0.0)) and E('7', k) and E('5', N * sig(0.0)) and E('2', k - N * sig(0.0))
            and E('10', N) and C('0.5', F_true(0.0), F_car(0.0)) and C('5', N * F_true(0.0), N * F_car(0.0))),
        ('- First step: $\\Delta a = 2/5 = 0.4$', lambda: E('2', 2) and C('5', N * F_true(0.0), N * F_car(0.0)) and C('0.4', a1t, a1c)
            and C('0.4', a1t, a1c) and E('0.4', 0.4) and C('0.5987', sig(0.4))),
        ('- Second step: gradient', lambda: E('7', k) and C('5.987', N * p1) and C('1.013', k - N * p1) and C('5.987', N * F_true(a1c), N * F_car(a1c))
            and C('1.013', k - N * p1) and C('5.987', N * F_car(a1c)) and C('0.1692', (k - N * p1) / (N * F_true(a1c)), 1.013 / 5.987)
            and C('0.5692', a1c + (k - N * p1) / (N * F_true(a1c)), 0.4 + 0.1692)),
        ('The maximum likelihood answer is', lambda: E('7', k) and E('3', N - k) and C('0.8473', np.log(7 / 3)) and C('0.7', sig(np.log(7 / 3)))
            and abs(fd(lambda u: k * u - N * np.log1p(np.exp(u)), np.log(7 / 3))) < 1e-6
            and C('0.4', a1t, a1c) and C('0.8473', np.log(7 / 3)) and C('47', 100 * a1t / np.log(7 / 3), 100 * 0.4 / 0.8473)
            and E('1', 1) and E('2', k - N * sig(0.0)) and E('2', 0 + 1 * (k - N * sig(0.0))) and C('0.881', sig(2.0))
            and E('100', 100) and abs((70 - 100 * 0.5) / (k - N * 0.5) - 10) < 1e-12
            and all(abs((70 - 100 * sig(a)) / (100 * sig(a)) - (k - N * sig(a)) / (N * sig(a))) < 1e-12 for a in rand(3)), '41.33'),
    ]
# ======================================================================= 05
@register('05_lsmooth_stepsize_boyd.md')
def f05():
    P = np.array([[3, 1], [1, 3.0]]); q = np.array([-4, -4.0]); x0 = np.array([2, 1.0])
    f = lambda x: 0.5 * x @ P @ x + q @ x; gf = lambda x: P @ x + q
    xs = -np.linalg.solve(P, q); ps = f(xs); L, m = 4.0, 2.0
    def gd(t, k, x=x0):
        for _ in range(k): x = x - t * gf(x)
        return x
    # a convex non-quadratic test function: logistic loss  f(x) = sum log(1 + exp(a_i^T x)),  L = lmax(A^T A)/4
    A = rand(6, 3)
    fl = lambda x: np.sum(np.log1p(np.exp(A @ x))); gl = lambda x: A.T @ sig(A @ x)
    Ll = np.linalg.eigvalsh(A.T @ A).max() / 4
    def equiv():
        ok = True
        for _ in range(200):
            x, y = rand(3), rand(3)
            ok &= np.linalg.norm(gl(x) - gl(y)) <= Ll * np.linalg.norm(x - y) + 1e-12
        for _ in range(20):
            x = rand(3); Hh = A.T @ np.diag(sig(A @ x) * (1 - sig(A @ x))) @ A
            ok &= np.linalg.eigvalsh(Ll * np.eye(3) - Hh).min() >= -1e-12
        # for the quadratic the Lipschitz constant is exactly lambda_max
        u = np.array([1.0, 1.0]); ok &= abs(np.linalg.norm(gf(x0 + u) - gf(x0)) / np.linalg.norm(u) - 4) < 1e-12
        return ok
    def upper():
        return all(fl(y) <= fl(x) + gl(x) @ (y - x) + Ll / 2 * np.sum((y - x) ** 2) + 1e-12 for x, y in [(rand(3), rand(3)) for _ in range(300)])
    def descent():
        ok = True
        for _ in range(100):
            x = rand(3); t = RNG.uniform(0, 3 / Ll); g = gl(x); xp = x - t * g
            rhs41 = fl(x) + g @ (xp - x) + Ll / 2 * np.sum((xp - x) ** 2)
            ok &= abs(rhs41 - (fl(x) - t * (1 - Ll * t / 2) * g @ g)) < 1e-9 and fl(xp) <= rhs41 + 1e-12
        return ok
    def coef():
        ts = np.linspace(-1, 3, 40001); c = ts * (1 - L * ts / 2)
        pos = ts[c > 0]
        return (abs(pos.min() - 0) < 1e-3 and abs(pos.max() - 2 / L) < 1e-3 and abs(ts[np.argmax(c)] - 1 / L) < 1e-4
                and abs(c.max() - 1 / (2 * L)) < 1e-9)
    def quad_setup():
        ok = True
        for _ in range(3):
            B = rand(3, 3); PP = B @ B.T + 0.5 * np.eye(3); qq = rand(3); xst = -np.linalg.solve(PP, qq); x = rand(3); t = 0.1
            ok &= near(PP @ x + qq, PP @ (x - xst)) and near(PP @ xst + qq, np.zeros(3))
            ok &= near((x - t * (PP @ x + qq)) - xst, (np.eye(3) - t * PP) @ (x - xst))
        return ok
    def contraction():
        lam = np.array([5.0, 2.0, 0.7]); Pd = np.diag(lam); ok = True
        for t in np.linspace(0.01, 0.6, 60):
            e = np.ones(3)
            with np.errstate(all='ignore'):
                for _ in range(20000): e = (np.eye(3) - t * Pd) @ e
            conv = bool(np.linalg.norm(e) < 1e-6)
            ok &= conv == (t < 2 / lam.max() - 1e-9) or abs(t - 2 / lam.max()) < 0.02
            ok &= near(np.diag(np.eye(3) - t * Pd), 1 - t * lam)
        ts = np.linspace(0.001, 0.4, 400001); fac = np.max(np.abs(1 - np.outer(ts, lam)), axis=1)
        ok &= abs(ts[np.argmin(fac)] - 2 / (lam.max() + lam.min())) < 1e-5 and abs(fac.min() - (lam.max() - lam.min()) / (lam.max() + lam.min())) < 1e-5
        return ok
    w, V = np.linalg.eigh(P)
    return [
        ('### 9.3.3 Gradient method with fixed step size', GIVEN, '9.3'),
        ('Throughout this section we assume that $f', GIVEN),
        ('\\|\\nabla f(x) - \\nabla f(y)\\|_2 \\leq L', GIVEN, '9.40'),
        ('For such $f$ the condition (9.40)', equiv, '9.40 2 9.1'),
        ('f(y) \\leq f(x) + \\nabla f(x)^T (y - x) + \\frac{L}{2}', upper, '2 2 9.41'),
        ('Now take $y = x^+ = x - t\\nabla f(x)$', lambda: E('0', 0), '9.41'),
        ('f(x^+) \\leq f(x) - t\\left(1 - \\frac{Lt}{2}\\right)', descent, '1 2 2 9.42'),
        ('The coefficient $t(1 - Lt/2)$ is positive', lambda: coef() and E('1', 1) and E('2', 2) and E('0', 0) and E('2', 2)
            and E('1', 1) and E('1', 1) and E('2', 2), '9.42 2'),
        ('**Quadratic case.** The bound', lambda: quad_setup() and E('2', 2) and E('0', 0), '1 2 -1'),
        ('e^+ = (I - tP)\\,e ,', quad_setup),
        ('so the component of $e$ along the eigenvector', lambda: contraction() and E('1', 1) and E('1', 1) and E('1', 1) and E('0', 0)
            and E('2', 2) and E('2', 2), '1 2'),
        ('**Example.** We take $n = 2$ and', lambda: E('2', len(x0))),
        ('P = \\begin{bmatrix} 3 & 1', lambda: EV(['3', '1', '1', '3'], P) and EV(['-4', '-4'], q) and EV(['2', '1'], x0)),
        ('The eigenvalues of $P$ are $4$', lambda: E('4', w[1]) and near(P @ [1, 1], 4 * np.array([1, 1.0])) and EV(['1', '1'], [1, 1])
            and E('2', w[0]) and near(P @ [1, -1], 2 * np.array([1, -1.0])) and EV(['1', '-1'], [1, -1])
            and E('4', L) and E('2', m) and E('2', 2) and E('0.5', 2 / L) and EV(['1', '1'], xs) and E('-4', ps)
            and EV(['3', '1'], gf(x0)) and E('2', 2) and E('10', gf(x0) @ gf(x0)) and C('1.5', f(x0) - ps)),
        ('- $t = 0.25 = 1/L$', lambda: E('0.25', 1 / L) and E('1', 1) and E('1', 1) and E('0', 1 - 0.25 * 4) and E('0.5', 1 - 0.25 * 2)
            and EV(['1.25', '0.75'], gd(0.25, 1)) and C('0.125', f(gd(0.25, 1)) - ps) and C('1.375', f(x0) - f(gd(0.25, 1)))
            and E('1', 1) and E('2', 2) and E('2', 2) and C('1.25', gf(x0) @ gf(x0) / (2 * L))),
        ('- $t = 1/3 = 2/(L + m)$', lambda: E('1', 1) and E('3', 3) and abs(1 / 3 - 2 / (L + m)) < 1e-15 and E('2', 2)
            and E('1', 1) and E('3', 3) and abs(abs(1 - 4 / 3) - 1 / 3) < 1e-12 and abs(abs(1 - 2 / 3) - 1 / 3) < 1e-12
            and all(abs(f(gd(1 / 3, kk)) - ps - 1.5 / 9 ** kk) < 1e-12 for kk in range(6)) and E('1.5', 1.5) and E('9', 9)),
        ('- $t = 0.45$: the factors are', lambda: E('0.45', 0.45) and C('0.1', 1 - 0.45 * 2) and C('-0.8', 1 - 0.45 * 4)
            and CV(['0.65', '0.55'], gd(0.45, 1)) and C('0.645', f(gd(0.45, 1)) - ps) and C('0.0115', f(gd(0.45, 10)) - ps)),
        ('- $t = 0.55$: the factor along', lambda: E('0.55', 0.55) and EV(['1', '1'], [1, 1]) and E('1', 1) and E('0.55', 0.55) and E('4', 4)
            and C('-1.2', 1 - 0.55 * 4) and f(gd(0.55, 1)) < f(x0) and CV(['0.35', '0.45'], gd(0.55, 1)) and C('1.445', f(gd(0.55, 1)) - ps)
            and all(abs(f(gd(0.55, kk)) - ps - (1.2 ** (2 * kk) + 0.5 * 0.01 ** kk)) < 1e-9 * max(1, 1.2 ** (2 * kk)) for kk in range(12))
            and E('1.2', 1.2) and E('2', 2) and E('0.5', 0.5) and E('0.01', 0.01) and C('38.3', f(gd(0.55, 10)) - ps) and E('10', 10)),
        ('In the last case (9.42) gives no guarantee', lambda: E('1', 1) and E('2', 2) and E('0.55', 0.55) and E('1', 1) and C('1.1', L * 0.55 / 2)
            and C('-0.055', 0.55 * (1 - L * 0.55 / 2)) and E('0', 0)
            and E('2', 2) and E('2', 2) and E('2', 2) and abs(2 * m / L - 2 / (L / m)) < 1e-15 and E('2', 2), '9.42'),
    ]
# ======================================================================= 06
@register('06_spektralnorm_potenzmethode_de.md', comma=True)
def f06():
    W = np.array([[2, 1], [1, 1], [0, 1.0]])
    U_, S_, Vt_ = np.linalg.svd(W); s1 = S_[0]; u_ex, v_ex = U_[:, 0], Vt_[0]
    lam = np.sort(np.linalg.eigvalsh(W.T @ W))[::-1]
    v0 = np.array([1.0, 0.0])
    Wv0 = W @ v0; u1 = Wv0 / np.linalg.norm(Wv0); WTu1 = W.T @ u1; st1 = np.linalg.norm(WTu1); v1 = WTu1 / st1
    Wv1 = W @ v1; n2 = np.linalg.norm(Wv1); u2 = Wv1 / n2; WTu2 = W.T @ u2; st2 = np.linalg.norm(WTu2)
    # values the author carried (from the slip 7,2178)
    v1r = np.array([0.8575, 0.5145]); Wv1r = W @ v1r
    n2c = math.sqrt(7.2178); u2c = np.round(Wv1r, 4) / 2.6866; u2cr = np.round(u2c, 4); WTu2c = W.T @ u2cr
    st2c = math.sqrt(np.sum(np.round(WTu2c ** 2, 4)))
    def snorm():
        R = np.random.default_rng(3); X = R.standard_normal((5000, 2))
        r = np.linalg.norm(X @ W.T, axis=1) / np.linalg.norm(X, axis=1)
        ok = r.max() <= s1 + 1e-12 and abs(np.linalg.norm(W @ v_ex) - s1) < 1e-12
        Y = R.standard_normal((5000, 2))
        ok &= np.all(np.linalg.norm((X - Y) @ W.T, axis=1) <= s1 * np.linalg.norm(X - Y, axis=1) + 1e-12)
        return ok
    def sq():
        x = rand(2); return abs(np.sum((W @ x) ** 2) - x @ W.T @ W @ x) < 1e-12 and abs(lam[0] - s1 ** 2) < 1e-12
    def sigma_tilde():
        ok = True
        for _ in range(4):
            WW = rand(4, 3); u = rand(4); u /= np.linalg.norm(u); v = WW.T @ u / np.linalg.norm(WW.T @ u)
            ok &= abs(u @ WW @ v - np.linalg.norm(WW.T @ u)) < 1e-12
        return ok
    def dsig():
        ok = True
        for _ in range(3):
            WW = rand(3, 2); U, S, Vt = np.linalg.svd(WW)
            ok &= near(grad(lambda M: np.linalg.svd(M, compute_uv=False)[0], WW), np.outer(U[:, 0], Vt[0]))
        return ok
    def sn_grad(check_orth=False):
        ok = True
        for _ in range(3):
            WW = rand(3, 2); G = rand(3, 2)
            sn = lambda M: M / np.linalg.svd(M, compute_uv=False)[0]
            U, S, Vt = np.linalg.svd(WW); s = S[0]; Wsn = WW / s
            num = grad(lambda M: np.sum(G * sn(M)), WW)
            form = (G - np.sum(G * Wsn) * np.outer(U[:, 0], Vt[0])) / s
            ok &= near(num, form)
            if check_orth:
                ok &= abs(np.sum(form * WW)) < 1e-10 and near(np.sum(G * Wsn) * np.outer(U[:, 0], Vt[0]) / s,
                                                              np.sum(G * Wsn) / s * grad(lambda M: np.linalg.svd(M, compute_uv=False)[0], WW))
        return ok
    def lip_prod():
        R = np.random.default_rng(4); Ws = [R.standard_normal((4, 3)), R.standard_normal((4, 4)), R.standard_normal((2, 4))]
        Ws = [M / np.linalg.svd(M, compute_uv=False)[0] for M in Ws]
        lrelu = lambda t: np.where(t > 0, t, 0.2 * t)
        def f(x):
            h = x
            for i, M in enumerate(Ws):
                h = M @ h
                if i < len(Ws) - 1: h = lrelu(h)
            return h
        X = R.standard_normal((3000, 3)); Y = X + 0.1 * R.standard_normal((3000, 3))
        return all(np.linalg.norm(f(x) - f(y)) <= np.linalg.norm(x - y) + 1e-12 for x, y in zip(X, Y))
    Wsn_c = W / 2.6568
    return [
        ('W = \\begin{pmatrix} 2 & 1 \\\\ 1 & 1', lambda: EV(['2', '1', '1', '1', '0', '1'], W), '3 2'),
        ('Die Spektralnorm $\\|W\\|_2', snorm),
        ('**a) Exakter Wert.**', sq, '2 2'),
        ('W^\\top W = \\begin{pmatrix} 5 & 3', lambda: EV(['5', '3', '3', '3'], W.T @ W)),
        ('Charakteristisches Polynom:', lambda: E('2', 2) and E('8', np.trace(W.T @ W)) and E('6', np.linalg.det(W.T @ W)) and E('0', 0)
            and E('4', np.trace(W.T @ W) / 2) and E('10', (lam[0] - 4) ** 2) and C('7.1623', lam[0]) and C('0.8377', lam[1])
            and C('7.1623', lam[0]) and C('2.6762', s1)),
        ('**b) Potenzmethode (wie in SN-GAN).**', lambda: EV(['1', '0'], v0)),
        ('u_{k} = \\frac{W v_{k-1}}', sigma_tilde),
        ('- $W v_0 = (2;\\ 1;\\ 0)^\\top$', lambda: EV(['2', '1', '0'], Wv0) and E('5', Wv0 @ Wv0) and C('2.2361', np.linalg.norm(Wv0))
            and CV(['0.8944', '0.4472', '0'], u1)),
        ('- $W^\\top u_1 = (2 \\cdot', lambda: E('2', W[0, 0]) and C('0.8944', u1[0]) and C('0.4472', u1[1]) and C('0.8944', u1[0]) and C('0.4472', u1[1])
            and CV(['2.2361', '1.3416'], WTu1)),
        ('- $\\|W^\\top u_1\\|_2^2 = 5 + 1{,}8', lambda: E('2', 2) and C('5', WTu1[0] ** 2) and C('1.8', WTu1[1] ** 2) and C('6.8', WTu1 @ WTu1)
            and C('2.6077', st1) and CV(['0.8575', '0.5145'], v1)),
        ('- $W v_1 = (2{,}2295', lambda: CV(['2.2295', '1.3720', '0.5145'], Wv1, Wv1r)),
        ('- $\\|W v_1\\|_2^2 = 4{,}9707', lambda: ALL(E('2', 2), CV(['4.9707', '1.8824', '0.2647'], Wv1 ** 2),
            C('7.2178', Wv1 @ Wv1, np.sum(np.round(Wv1r ** 2, 4))), C('2.6866', n2))),
        ('- $u_2 = W v_1 / 2{,}6866', lambda: C('2.6866', n2, n2c) and CV(['0.8299', '0.5107', '0.1915'], u2, u2c)),
        ('- $W^\\top u_2 = (2{,}1705', lambda: CV(['2.1705', '1.5321'], WTu2, WTu2c) and E('2', 2)
            and CV(['4.7111', '2.3473'], WTu2 ** 2, WTu2c ** 2) and C('7.0584', WTu2 @ WTu2, np.sum(np.round(WTu2c ** 2, 4)))
            and C('2.6568', st2, st2c)),
        ('Nach zwei Iterationen liegt die Schätzung', lambda: C('0.7', 100 * (s1 - st2) / s1, 100 * (2.6762 - 2.6568) / 2.6762) and C('2.6762', s1), '2018'),
        ('**c) Spektralnormalisierung.**', GIVEN),
        ('W_{\\mathrm{SN}} = \\frac{W}{\\tilde\\sigma}', lambda: C('2.6568', st2, st2c)
            and CV(['0.7528', '0.3764', '0.3764', '0.3764', '0', '0.3764'], W / st2, Wsn_c)),
        ('Mit dem exakten $\\sigma_1$ wäre', lambda: E('1', np.linalg.svd(W / s1, compute_uv=False)[0]) and C('2.6762', s1) and C('2.6568', st2, st2c)
            and C('1.0073', s1 / st2, 2.6762 / 2.6568) and abs(np.linalg.svd(W / 2.6568, compute_uv=False)[0] - s1 / 2.6568) < 1e-12
            and E('1', 1) and lip_prod() and E('1', 1) and E('1', 1)),
        ('**d) Gradient.** Sind $u, v$', GIVEN),
        ('\\frac{\\partial \\sigma_1}{\\partial W} = u\\, v^\\top', dsig),
        ('Mit der Quotientenregel folgt', GIVEN),
        ('\\frac{\\partial L}{\\partial W} = \\frac{1}{\\sigma_1}', sn_grad, '1'),
        ('Der zweite Term entfernt genau', lambda: sn_grad(True)),
    ]
# ======================================================================= 07
@register('07_weight_decay_map_fr.md', comma=True)
def f07():
    sg, sp = 0.5, 2.0
    x = np.array([1, 2, 3.0]); y = np.array([1, 2, 2.0])
    lam_true = sg ** 2 / sp ** 2; lam_car = sp ** 2 / sg ** 2
    def neglogpost(w, X, yy, s, p):
        n, d = X.shape
        ll = -0.5 * n * np.log(2 * np.pi * s ** 2) - np.sum((yy - X @ w) ** 2) / (2 * s ** 2)
        lp = -0.5 * d * np.log(2 * np.pi * p ** 2) - np.sum(w ** 2) / (2 * p ** 2)
        return -(ll + lp)
    def const_diff(f1, f2, d=3):
        vals = [f1(w) - f2(w) for w in rand(6, d)]
        return max(vals) - min(vals) < 1e-9
    R = np.random.default_rng(7); X = R.standard_normal((8, 3)); yy = R.standard_normal(8); s_, p_ = 0.7, 1.3
    def map_is_ridge(lam_fn):
        wmap = np.linalg.solve(X.T @ X / s_ ** 2 + np.eye(3) / p_ ** 2, X.T @ yy / s_ ** 2)
        ok = near(grad(lambda w: neglogpost(w, X, yy, s_, p_), wmap), np.zeros(3))
        lam = lam_fn(s_, p_)
        wr = np.linalg.solve(X.T @ X + lam * np.eye(3), X.T @ yy)
        return ok and near(wr, wmap, 1e-9)
    def l15():
        return const_diff(lambda w: neglogpost(w, X, yy, s_, p_),
                          lambda w: np.sum((yy - X @ w) ** 2) / (2 * s_ ** 2) + np.sum(w ** 2) / (2 * p_ ** 2))
    def l19():
        return const_diff(lambda w: s_ ** 2 * neglogpost(w, X, yy, s_, p_),
                          lambda w: 0.5 * np.sum((yy - X @ w) ** 2) + p_ ** 2 / (2 * s_ ** 2) * np.sum(w ** 2))
    def remark():
        # larger prior width -> stronger penalty? larger noise -> weaker penalty?
        lam = lambda s, p: s ** 2 / p ** 2
        return lam(0.5, 3.0) > lam(0.5, 2.0) and lam(0.8, 2.0) < lam(0.5, 2.0)
    def gd():
        ok = True
        for _ in range(3):
            w = rand(3); lam = RNG.uniform(0, 2); eta = RNG.uniform(0, 0.1)
            J = lambda u: 0.5 * np.sum((X @ u - yy) ** 2) + lam / 2 * np.sum(u ** 2)
            g = X.T @ (X @ w - yy) + lam * w
            ok &= near(grad(J, w), g)
            ok &= near(w - eta * g, (1 - eta * lam) * w - eta * X.T @ (X @ w - yy), 1e-12)
        return ok
    wmv = (x @ y) / (x @ x)
    return [
        ('## 5.3 Pénalisation $\\ell_2$', GIVEN, '5.3'),
        ('On considère un modèle de régression', GIVEN),
        ('**Modèle probabiliste.**', GIVEN, '2 0 2 0 2'),
        ('\\hat w_{\\mathrm{MAP}} = \\arg\\min_w', lambda: map_is_ridge(lambda s, p: s ** 2 / p ** 2) and E('1', 1) and E('2', 2)
            and E('2', 2) and E('2', 2) and E('2', 2)),
        ('*Démonstration.* Par la formule de Bayes', GIVEN),
        ('-\\log p(w \\mid \\mathcal{D}) = \\frac{1}{2\\sigma^2}', l15, '1 2 2 2 1 2 2 2'),
        ("Multiplier par la constante $\\sigma^2 > 0$", lambda: E('2', 2) and E('0', 0)
            and abs(np.argmin([neglogpost(np.array([t, 0, 0.0]), X, yy, s_, p_) for t in np.linspace(-3, 3, 601)])
                    - np.argmin([s_ ** 2 * neglogpost(np.array([t, 0, 0.0]), X, yy, s_, p_) for t in np.linspace(-3, 3, 601)])) == 0),
        ('\\sigma^2 \\big(-\\log p(w \\mid \\mathcal{D})\\big) = \\frac12', l19, '2 1 2 2 2 2 2 2'),
        ('\\lambda = \\frac{\\sigma_p^2}{\\sigma^2} . \\qquad \\square', lambda: map_is_ridge(lambda s, p: p ** 2 / s ** 2), '2 2'),
        ('**Remarque (interprétation).**', remark),
        ('**Lien avec le *weight decay*.**', gd),
        ('w_{t+1} = w_t - \\eta\\big(X^\\top(Xw_t - y)', lambda: gd() and E('1', 1)),
        ("c'est-à-dire qu'à chaque itération", lambda: gd() and E('1', 1)),
        ('**Exemple numérique.** Prenons $d = 1$', lambda: E('1', 1) and E('0.5', sg) and E('2', sp) and EV(['1', '2', '3'], x) and EV(['1', '2', '2'], y)),
        ('- $\\lambda = \\sigma_p^2/\\sigma^2 = 4/0{,}25 = 16$', lambda: E('2', 2) and E('2', 2) and E('4', sp ** 2) and E('0.25', sg ** 2)
            and C('16', lam_true, lam_car)),
        ('- $\\sum_i x_i^2 = 14$', lambda: E('2', 2) and E('14', x @ x) and EV(['1', '4', '6'], x * y) and E('11', x @ y)),
        ('- maximum de vraisemblance', lambda: E('11', x @ y) and E('14', x @ x) and C('0.7857', wmv)),
        ('- MAP (ridge) :', lambda: abs(np.linalg.solve(x[:, None].T @ x[:, None] + lam_true * np.eye(1), np.array([x @ y]))[0] - (x @ y) / (x @ x + lam_true)) < 1e-12
            and E('2', 2) and E('11', x @ y) and E('14', x @ x) and C('16', lam_true, lam_car) and C('0.3667', (x @ y) / (x @ x + lam_true), 11 / 30)),
        ('- avec $\\eta = 0{,}02$', lambda: E('0.02', 0.02) and E('1', 1) and E('1', 1) and C('0.32', 0.02 * lam_true, 0.02 * lam_car)
            and C('0.68', 1 - 0.02 * lam_true, 1 - 0.02 * lam_car)),
        ("On voit que le *prior* tire fortement", lambda: E('0', 0) and (x @ y) / (x @ x + lam_true) < wmv / 2),
    ]
# ======================================================================= 08
@register('08_aproximacion_laplace_es.md', comma=True)
def f08():
    n, k = 20, 14
    _trapz = getattr(np, 'trapezoid', None) or getattr(np, 'trapz')
    ell = lambda t: k * np.log(t) + (n - k) * np.log(1 - t)
    th = k / n; A = n / (th * (1 - th)); var = 1 / A; sd = math.sqrt(var)
    lnB = math.lgamma(15) + math.lgamma(7) - math.lgamma(22)
    # a generic smooth log-density for the general statements: Gamma(3, 2) kernel, mode 1
    g = lambda t: 2 * np.log(t) - 2 * t
    def taylor():
        m = 1.0; Ag = -fd(lambda u: fd(g, u, 1e-4), m, 1e-4)
        ok = abs(fd(g, m)) < 1e-8 and Ag > 0
        errs = [abs(g(m + h) - (g(m) - 0.5 * Ag * h ** 2)) for h in (0.1, 0.05, 0.025)]
        return ok and errs[0] / errs[1] > 6 and errs[1] / errs[2] > 6        # O(h^3)
    def gauss_var():
        ok = True
        for Aa, m in ((95.0, 0.3), (2.0, -1.0)):
            t = np.linspace(m - 12 / math.sqrt(Aa), m + 12 / math.sqrt(Aa), 200001); w = np.exp(-0.5 * Aa * (t - m) ** 2); w /= w.sum()
            ok &= abs((w * (t - m) ** 2).sum() - 1 / Aa) < 1e-9 and abs((w * t).sum() - m) < 1e-9
        return ok
    def gauss_cov2():
        AA = np.array([[2.0, 0.6], [0.6, 1.0]]); t = np.linspace(-8, 8, 801); T1, T2 = np.meshgrid(t, t, indexing='ij')
        Z = np.stack([T1, T2], -1); w = np.exp(-0.5 * np.einsum('...i,ij,...j->...', Z, AA, Z)); w /= w.sum()
        cov = np.array([[np.sum(w * T1 * T1), np.sum(w * T1 * T2)], [np.sum(w * T2 * T1), np.sum(w * T2 * T2)]])
        return near(cov, np.linalg.inv(AA), 1e-6)
    def evidence_formula():
        ok = True
        for Aa, lm in ((95.0, -3.0), (2.0, 1.0)):
            t = np.linspace(-15, 15, 600001); integ = _trapz(np.exp(lm - 0.5 * Aa * t ** 2), t)
            ok &= abs(np.log(integ) - (lm + 0.5 * np.log(2 * np.pi / Aa))) < 1e-9
        return ok
    def beta_var():
        t = np.linspace(0, 1, 2000001); w = t ** 14 * (1 - t) ** 6; w /= w.sum()
        mean = (w * t).sum(); v = (w * (t - mean) ** 2).sum()
        return abs(mean - 15 / 22) < 1e-9 and abs(v - 15 * 7 / (22 ** 2 * 23)) < 1e-9, v, mean
    bv = beta_var()
    z975 = 1.96
    Phi = lambda x: 0.5 * (1 + math.erf(x / math.sqrt(2)))
    return [
        ('**Idea.** Queremos aproximar una posterior', lambda: E('0', 0)),
        ('\\ell(\\theta) \\approx \\ell(\\hat\\theta) - \\frac{1}{2} A', lambda: taylor() and E('1', 1) and E('2', 2) and E('2', 2) and E('0', 0), '6.1'),
        ('El término lineal desaparece porque', lambda: taylor() and gauss_var()),
        ('q(\\theta) = \\mathcal{N}\\big(\\theta \\mid \\hat\\theta,\\ A^{-1}\\big)', gauss_var, '-1 6.2'),
        ('Es decir: **la varianza es la inversa', lambda: gauss_var() and gauss_cov2(), '-1'),
        ('\\log p(\\mathcal{D}) = \\log \\int e^{\\ell(\\theta)}', lambda: evidence_formula() and E('1', 1) and E('2', 2) and E('2', 2), '6.3'),
        ('**Ejemplo (moneda, prior uniforme).**', lambda: E('20', n) and E('14', k) and E('0', 0) and E('1', 1)),
        ('\\ell(\\theta) = k \\log \\theta + (n - k) \\log (1 - \\theta) .', lambda: E('1', 1)),
        ("1. Moda: $\\ell'(\\theta)", lambda: all(abs(fd(ell, t) - (k / t - (n - k) / (1 - t))) < 1e-6 for t in RNG.uniform(0.1, 0.9, 4))
            and E('1', 1) and E('0', 0) and abs(fd(ell, 0.7)) < 1e-6 and E('0.7', th)),
        ("2. Curvatura: $\\ell''(\\theta)", lambda: all(abs(fd(lambda u: fd(ell, u, 1e-4), t, 1e-4) / (-k / t ** 2 - (n - k) / (1 - t) ** 2) - 1) < 1e-5
            for t in RNG.uniform(0.1, 0.9, 4)) and E('2', 2) and E('1', 1) and E('2', 2)
            and abs(-(-k / th ** 2 - (n - k) / (1 - th) ** 2) - (n / th + n / (1 - th))) < 1e-9 and E('1', 1)
            and abs(n / th + n / (1 - th) - n / (th * (1 - th))) < 1e-9 and E('1', 1) and E('20', n) and C('0.21', th * (1 - th)) and C('95.24', A)),
        ('3. Varianza: $\\sigma^2 = A^{-1}', lambda: E('2', 2) and E('1', 1) and C('0.21', th * (1 - th)) and E('20', n) and C('0.0105', var)
            and C('0.1025', sd), '-1'),
        ('4. Intervalo aproximado al 95', lambda: abs(Phi(z975) - Phi(-z975) - 0.95) < 1e-4 and E('95', 95) and E('0.7', th) and E('1.96', z975)
            and C('0.1025', sd) and E('0.7', th) and C('0.201', z975 * sd, z975 * 0.1025)
            and C('0.499', th - z975 * sd, 0.7 - z975 * 0.1025) and C('0.901', th + z975 * sd, 0.7 + z975 * 0.1025)),
        ('**Comparación con la posterior exacta.**', lambda: E('1', 1) and E('1', 1) and E('15', k + 1) and E('7', n - k + 1)
            and E('14', k) and E('20', n) and C('0.7', (15 - 1) / (15 + 7 - 2)) and E('15', 15) and E('22', 22) and C('0.6818', bv[2])
            and bv[0]),
        ('\\frac{15 \\cdot 7}{22^2 \\cdot 23}', lambda: bv[0] and E('15', 15) and E('7', 7) and E('22', 22) and E('2', 2) and E('23', 23)
            and C('0.00943', bv[1]) and C('0.0971', math.sqrt(bv[1]))),
        ('Laplace sobreestima la desviación típica', lambda: C('5.5', 100 * (sd / math.sqrt(bv[1]) - 1)) and bv[2] < th),
        ('**Evidencia.** Con (6.3)', lambda: E('14', k) and E('0.7', th) and E('6', n - k) and E('0.3', 1 - th) and C('-12.22', ell(th))
            and E('1', 1) and E('2', 2) and E('2', 2) and C('0.0105', var) and C('-1.36', 0.5 * np.log(2 * np.pi * var))
            and C('-13.58', ell(th) + 0.5 * np.log(2 * np.pi * var))
            and abs(np.log(_trapz(np.exp(ell(np.linspace(1e-9, 1 - 1e-9, 2000001))), np.linspace(1e-9, 1 - 1e-9, 2000001))) - lnB) < 1e-6
            and E('15', 15) and E('7', 7) and C('-13.61', lnB) and abs(ell(th) + 0.5 * np.log(2 * np.pi * var) - lnB) < 0.05, '6.3'),
        ('**Ojo (redes neuronales).**', lambda: E('0', 0)
            and all(near(np.stack([grad(lambda u: grad(lambda v: 0.5 * al * v @ v, u, 1e-5)[j], rand(3), 1e-4) for j in range(3)]), al * np.eye(3), 1e-5)
                    for al in (0.3, 2.0))
            and all(np.linalg.eigvalsh(J.T @ np.diag(s) @ J).min() > -1e-12 for J, s in [(rand(2, 4), RNG.uniform(0, 1, 2)) for _ in range(3)]), '-1 2'),
    ]
# ======================================================================= 09
@register('09_mc_dropout_it.md', comma=True)
def f09():
    yh = np.array([2.1, 1.8, 2.4, 2.0, 1.5]); tau = 4.0; T = 5
    mean = yh.mean(); msq = (yh ** 2).mean(); epi = msq - mean ** 2; tot = 1 / tau + epi
    p = 0.5; w = np.array([1, -1, 0.5]); x = np.array([1, 2, 1.0]); wx = w * x
    import itertools
    def enum_moments(pp, wxv):
        q = 1 - pp; Ey = 0.0; Ey2 = 0.0
        for ms in itertools.product([0, 1], repeat=len(wxv)):
            ms = np.array(ms); pr = np.prod(np.where(ms == 1, q, 1 - q)); yv = np.sum(wxv * ms / q)
            Ey += pr * yv; Ey2 += pr * yv ** 2
        return Ey, Ey2 - Ey ** 2
    def var_scaled(pp):
        q = 1 - pp; vals = np.array([0.0, 1 / q]); pr = np.array([1 - q, q]); m = pr @ vals
        return pr @ (vals - m) ** 2
    def estimator():
        R = np.random.default_rng(9); Tn = 400000; tau_ = 4.0
        f = R.normal(1.0, 0.3, Tn)                      # f(W_t)
        ystar = f + R.normal(0, 1 / math.sqrt(tau_), Tn)
        est = 1 / tau_ + np.mean(f ** 2) - np.mean(f) ** 2
        return abs(est - ystar.var()) < 5e-3 and abs(np.mean(f) - ystar.mean()) < 5e-3
    Vtrue = np.sum(wx ** 2) * p / (1 - p); Vcar = p * np.sum(wx ** 2)
    return [
        ('Sia $f^{\\widehat{W}}(x)$ una rete', GIVEN, '2016'),
        ('\\mathbb{E}[y^*] \\approx \\frac{1}{T}', lambda: estimator(), '1'),
        ('\\mathrm{Var}[y^*] \\approx \\tau^{-1}', estimator, '-1 1 2 1 2'),
        ('dove $\\tau$ è la precisione', GIVEN),
        ('**Esempio 1.** Con $T = 5$', lambda: E('5', T) and EV(['2.1', '1.8', '2.4', '2.0', '1.5'], yh) and E('4', tau), '1'),
        ('- Media: $(2{,}1 + 1{,}8', lambda: EV(['2.1', '1.8', '2.4', '2.0', '1.5'], yh) and E('5', T) and C('9.8', yh.sum()) and E('5', T) and C('1.96', mean)),
        ('- Quadrati: $4{,}41', lambda: CV(['4.41', '3.24', '5.76', '4.00', '2.25'], yh ** 2) and C('19.66', (yh ** 2).sum()) and C('3.932', msq)),
        ('- Parte epistemica:', lambda: C('3.932', msq) and C('1.96', mean) and E('2', 2) and C('3.932', msq) and C('3.8416', mean ** 2)
            and C('0.0904', epi) and abs(epi - yh.var()) < 1e-12),
        ('- Varianza totale:', lambda: E('0.25', 1 / tau) and C('0.0904', epi) and C('0.3404', tot) and C('0.5834', math.sqrt(tot))),
        ("Si noti che qui l'incertezza è dominata", lambda: epi < 1 / tau and C('36', 100 * epi * tau) and C('0.0904', epi) and E('0.25', 1 / tau)),
        ('\\hat y = \\sum_{i=1}^{d} w_i x_i \\,\\frac{m_i}{1-p}', GIVEN, '1 1'),
        ('Poiché $\\mathbb{E}[m_i] = 1 - p$', lambda: all(abs(np.dot([pp, 1 - pp], [0, 1]) - (1 - pp)) < 1e-15 for pp in RNG.uniform(0.1, 0.9, 3)) and all(abs(enum_moments(pp, v)[0] - v.sum()) < 1e-12 for pp, v in [(RNG.uniform(0.1, 0.9), rand(3)) for _ in range(4)])
            and E('1', 1)),
        ('\\mathrm{Var}[\\hat y] = \\sum_{i} (w_i x_i)^2 \\, \\mathrm{Var}', lambda: all(abs(enum_moments(pp, v)[1] - np.sum(v ** 2) * var_scaled(pp)) < 1e-12
            for pp, v in [(RNG.uniform(0.1, 0.9), rand(3)) for _ in range(4)]) and E('2', 2) and E('1', 1)),
        ('e siccome $\\mathrm{Var}[m_i] = p(1-p)$', lambda: all(abs(var_scaled(pp) * (1 - pp) ** 2 - pp * (1 - pp)) < 1e-12 for pp in RNG.uniform(0.1, 0.9, 4))
            and E('1', 1)),
        ('\\mathrm{Var}\\Big[\\frac{m_i}{1-p}\\Big] = \\frac{\\mathrm{Var}[m_i]}{1-p}', lambda: all(
            abs(var_scaled(pp) - pp * (1 - pp) / (1 - pp)) < 1e-12 for pp in RNG.uniform(0.1, 0.9, 4)), '1 1 1 1'),
        ('\\mathrm{Var}[\\hat y] = p \\sum_i (w_i x_i)^2 .', lambda: all(abs(enum_moments(pp, v)[1] - pp * np.sum(v ** 2)) < 1e-12
            for pp, v in [(RNG.uniform(0.1, 0.9), rand(3)) for _ in range(4)]), '2'),
        ('Numericamente, con $p = 0{,}5$', lambda: E('0.5', p) and EV(['1', '-1', '0.5'], w) and EV(['1', '2', '1'], x) and EV(['1', '-2', '0.5'], wx)),
        ('- $\\mathbb{E}[\\hat y] = 1 - 2 + 0{,}5', lambda: E('1', wx[0]) and E('2', -wx[1]) and E('0.5', wx[2]) and E('-0.5', enum_moments(p, wx)[0])),
        ('- $\\sum_i (w_i x_i)^2 = 1 + 4', lambda: E('2', 2) and EV(['1', '4', '0.25'], wx ** 2) and E('5.25', np.sum(wx ** 2))
            and E('0.5', p) and E('5.25', np.sum(wx ** 2)) and C('2.625', enum_moments(p, wx)[1], Vcar) and C('1.6202', math.sqrt(Vtrue), math.sqrt(Vcar))),
        ('**Osservazione.** La varianza cresce con $p$', lambda: all(np.diff([enum_moments(pp, wx)[1] for pp in np.linspace(0.01, 0.9, 30)]) > 0)
            and enum_moments(1e-9, wx)[1] < 1e-6 and E('0', 0) and E('5', T) and C('1.6202', math.sqrt(Vtrue), math.sqrt(Vcar)) and E('5', T)
            and C('0.7246', math.sqrt(Vtrue / T), 1.6202 / math.sqrt(5)) and math.sqrt(Vtrue / T) > 0.5 and E('-0.5', wx.sum())
            and E('50', 50) and E('100', 100)),
    ]
# ======================================================================= 10
@register('10_temperature_scaling_ru.md', comma=True)
def f10():
    za, ya = np.array([3, 1, 0.0]), 0
    zb, yb = np.array([3, 0, 1.0]), 2
    ell = lambda T, z, y: -np.log(softmax(z / T)[y])
    qa, qb = softmax(za), softmax(zb)
    Ea, Eb = qa @ za, qb @ zb
    da, db = fd(lambda T: ell(T, za, ya), 1.0), fd(lambda T: ell(T, zb, yb), 1.0)      # true derivatives
    da_c, db_c = Ea - za[ya], Eb - zb[yb]                                                # author's (sign-flipped)
    dm, dm_c = (da + db) / 2, (da_c + db_c) / 2
    nll1 = (ell(1.0, za, ya) + ell(1.0, zb, yb)) / 2
    def argmax_inv():
        ok = True
        for _ in range(5):
            z = rand(5); T = RNG.uniform(0.1, 5)
            ok &= np.argmax(z / T) == np.argmax(z)
        H = lambda p: -np.sum(p * np.log(p))
        z = rand(5); ok &= H(softmax(z / 2.0)) > H(softmax(z)) > H(softmax(z / 0.5))
        return ok and E('0', 0) and E('1', 1) and E('1', 1)
    def l14():
        return all(abs(ell(T, z, 1) - (-(z / T)[1] + np.log(np.sum(np.exp(z / T))))) < 1e-12 for z, T in [(rand(4), RNG.uniform(0.3, 3)) for _ in range(4)])
    def l16():
        ok = True
        for _ in range(3):
            u = rand(4); y = int(RNG.integers(4))
            ok &= near(grad(lambda v: -np.log(softmax(v)[y]), u), softmax(u) - np.eye(4)[y])
        return ok
    def l17():
        return all(abs(fd(lambda T: zj / T, T0) - zj / T0 ** 2) < 1e-6 for zj, T0 in [(rand(), RNG.uniform(0.5, 2)) for _ in range(4)])
    def l20():
        ok = True
        for _ in range(4):
            z = rand(4); y = int(RNG.integers(4)); T0 = RNG.uniform(0.5, 2); q = softmax(z / T0)
            ok &= abs(fd(lambda T: ell(T, z, y), T0) - (q @ z - z[y]) / T0 ** 2) < 1e-6
        return ok
    def l22():
        ok = True
        for _ in range(6):
            z = rand(4); y = int(RNG.integers(4)); q = softmax(z)
            ok &= np.sign(fd(lambda T: ell(T, z, y), 1.0)) == np.sign(z[y] - q @ z)
            ok &= abs(q @ z - z[y]) > 1e-9
        return ok
    return [
        ('**Постановка.** Обученная сеть', GIVEN, '2017 0'),
        ('q = \\mathrm{softmax}(z / T).', GIVEN),
        ('$T$ подбираем на валидационной выборке', GIVEN),
        ('*Замечание.* $\\arg\\max_k', argmax_inv),
        ('**Производная NLL по $T$.**', GIVEN),
        ('\\ell(T) = -\\log q_y = -u_y', l14),
        ('1. Как обычно для softmax', lambda: l16() and E('1', 1)),
        ('2. Производная аргумента по температуре', l17, '2'),
        ('\\frac{d\\ell}{dT} = \\sum_{j}', l20, '1 2 1 2 2'),
        ('Для всей валидации берём среднее', l22),
        ('**Численный пример.** Валидация', lambda: E('3', 3) and E('1', 1)),
        ('*Объект A:* $z = (3, 1, 0)$', lambda: EV(['3', '1', '0'], za) and E('0', ya) and near(za[ya], za.max())),
        ('- $e^{z} = (20{,}0855', lambda: CV(['20.0855', '2.7183'], np.exp(za[:2])) and E('1', np.exp(za[2])) and C('23.8038', np.exp(za).sum())
            and CV(['0.8438', '0.1142', '0.0420'], qa)),
        ('- $\\mathbb{E}_q[z] = 3 \\cdot 0{,}8438', lambda: E('3', za[0]) and C('0.8438', qa[0]) and E('1', za[1]) and C('0.1142', qa[1])
            and E('0', za[2] * qa[2]) and C('2.6456', Ea, 3 * 0.8438 + 0.1142) and C('0.8438', qa[0]) and C('0.1698', ell(1.0, za, ya))),
        ('- $d\\ell_A/dT = 2{,}6456 - 3', lambda: C('2.6456', Ea) and E('3', za[ya]) and C('-0.3544', da, da_c)),
        ('*Объект B:* $z = (3, 0, 1)$', lambda: EV(['3', '0', '1'], zb) and E('2', yb)),
        ('- $q = (0{,}8438;\\ 0{,}0420;\\ 0{,}1142)$', lambda: CV(['0.8438', '0.0420', '0.1142'], qb) and near(np.sort(qa), np.sort(qb))
            and C('2.6456', Eb) and C('0.1142', qb[yb]) and C('2.1698', ell(1.0, zb, yb))),
        ('- $d\\ell_B/dT = 2{,}6456 - 1', lambda: C('2.6456', Eb) and E('1', zb[yb]) and C('1.6456', db, db_c)),
        ('*Итог:* $\\mathrm{NLL}(1)', lambda: E('1', 1) and C('0.1698', ell(1.0, za, ya)) and C('2.1698', ell(1.0, zb, yb)) and E('2', 2)
            and C('1.1698', nll1) and C('-0.3544', da, da_c) and C('1.6456', db, db_c) and E('2', 2) and C('0.6456', dm, dm_c)),
        ('Шаг градиентного спуска с $\\eta = 0{,}5$', lambda: E('0.5', 0.5)),
        ('T \\leftarrow 1 - 0{,}5 \\cdot 0{,}6456', lambda: E('1', 1) and E('0.5', 0.5) and C('0.6456', dm, dm_c) and C('0.6772', 1 - 0.5 * dm, 1 - 0.5 * dm_c)),
        ('Температура уменьшилась', lambda: 1 - 0.5 * dm < 1),
        ('*На практике* оптимизируют', GIVEN, '50'),
    ]
# ======================================================================= 11
@register('11_ece_binned_stackexchange.md')
def f11():
    counts = np.array([20, 30, 40, 50, 60]); conf = np.array([0.55, 0.66, 0.75, 0.86, 0.96]); acc = np.array([0.50, 0.60, 0.70, 0.78, 0.90])
    n = counts.sum(); gap = np.abs(acc - conf); wg = counts / n * gap; ece = wg.sum()
    correct = counts * acc
    edges = [(0.5, 0.6), (0.6, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 1.0)]
    def binned_ece(p, c, M):
        b = np.minimum((p * M).astype(int), M - 1); tot = 0.0
        for m in range(M):
            idx = b == m
            if idx.any(): tot += idx.mean() * abs(c[idx].mean() - p[idx].mean())
        return tot
    def continuous():
        R = np.random.default_rng(11); p = R.uniform(0.5, 1, 400000); pc = p - 0.1 * (p - 0.5)     # P(correct | p)
        c = (R.uniform(size=p.size) < pc).astype(float)
        return abs(binned_ece(p, c, 20) - np.mean(np.abs(pc - p))) < 3e-3
    def base_rate():
        R = np.random.default_rng(12); yv = (R.uniform(size=1000) < 0.7).astype(int); rate = yv.mean()
        p = np.full(1000, rate); c = (yv == 1).astype(float)          # always predicts class 1 with prob = base rate
        return abs(binned_ece(p, c, 10)) < 1e-12
    def row(i):
        lo, hi = edges[i]
        return lambda: (E(f'{lo:.1f}', lo) and E(f'{hi:.1f}', hi) and lo < conf[i] <= hi and E(str(counts[i]), counts[i])
                        and E(f'{conf[i]:.2f}', conf[i]) and E(f'{acc[i]:.2f}', acc[i]) and C(f'{gap[i]:.2f}', gap[i]) and C(f'{wg[i]:.3f}', wg[i])
                        and abs(correct[i] - round(correct[i])) < 1e-9)
    return [
        ('> I binned the top-class confidences', lambda: E('200', n) and E('5', len(counts)) and C('0.06', gap.mean()) and C('0.062', ece)),
        ('**A:** Your colleague.', GIVEN),
        ('\\mathrm{ECE} = \\sum_{m=1}^{M}', GIVEN),
        ('where $\\mathrm{acc}(B_m)$ is the fraction', continuous, '2015 2017'),
        ('| bin | $\\lvert B_m \\rvert$ |', GIVEN),
        ('| (0.5, 0.6] |', row(0)), ('| (0.6, 0.7] |', row(1)), ('| (0.7, 0.8] |', row(2)), ('| (0.8, 0.9] |', row(3)), ('| (0.9, 1.0] |', row(4)),
        ('So $\\mathrm{ECE} = 0.005', lambda: CV(['0.005', '0.009', '0.010', '0.020', '0.018'], wg) and C('0.062', ece)
            and CV(['0.05', '0.06', '0.05', '0.08', '0.06'], gap) and E('5', len(gap)) and C('0.06', gap.mean()) and E('60', counts.max())
            and counts.argmax() == 4),
        ('A nice sanity check: in your table *every* bin', lambda: np.all(conf > acc)),
        ('\\bar{c} = \\frac{20(0.55)', lambda: EV(['20', '0.55', '30', '0.66', '40', '0.75', '50', '0.86', '60', '0.96'], np.ravel(np.stack([counts, conf], 1)))
            and E('200', n) and C('161.4', counts @ conf) and E('200', n) and C('0.807', counts @ conf / n)),
        ('\\bar{a} = \\frac{10 + 18', lambda: EV(['10', '18', '28', '39', '54'], np.round(correct, 9)) and E('200', n) and E('149', correct.sum())
            and E('200', n) and C('0.745', correct.sum() / n)),
        ('and indeed $0.807 - 0.745 = 0.062$', lambda: C('0.807', counts @ conf / n) and C('0.745', correct.sum() / n)
            and C('0.062', counts @ conf / n - correct.sum() / n) and abs((counts @ conf - correct.sum()) / n - ece) < 1e-12
            and C('0.08', gap.max()) and E('0.8', edges[int(gap.argmax())][0]) and E('0.9', edges[int(gap.argmax())][1])),
        ('counts = np.array([20, 30', lambda: EV(['20', '30', '40', '50', '60'], counts)),
        ('conf   = np.array([0.55', lambda: EV(['0.55', '0.66', '0.75', '0.86', '0.96'], conf)),
        ('acc    = np.array([0.50', lambda: EV(['0.50', '0.60', '0.70', '0.78', '0.90'], acc)),
        ('ece = np.sum(counts / counts.sum()', lambda: C('0.062', np.sum(counts / counts.sum() * np.abs(acc - conf)))),
        ('Two caveats worth knowing', lambda: base_rate() and E('0', 0)),
    ]
# ======================================================================= 12
@register('12_deep_ensemble_variance_zh.md')
def f12():
    mu = np.array([1.0, 1.2, 0.8, 1.4]); s2 = np.array([0.04, 0.09, 0.05, 0.06]); M = 4; y = 1.3
    ms = mu.mean(); alea = s2.mean(); epi = np.mean((mu - ms) ** 2); tot = alea + epi
    nll = lambda m, v, yy: 0.5 * np.log(v) + (yy - m) ** 2 / (2 * v) + 0.5 * np.log(2 * np.pi)
    def mix_moments(mus, vs):
        t = np.linspace(mus.min() - 12 * np.sqrt(vs.max()), mus.max() + 12 * np.sqrt(vs.max()), 400001)
        pdf = np.mean([np.exp(-(t - m) ** 2 / (2 * v)) / np.sqrt(2 * np.pi * v) for m, v in zip(mus, vs)], axis=0)
        dt = t[1] - t[0]; Z = pdf.sum() * dt; m1 = (t * pdf).sum() * dt; m2 = (t ** 2 * pdf).sum() * dt
        return Z, m1, m2 - m1 ** 2, m2
    def nll_is_gauss():
        return all(abs(nll(m, v, yy) + np.log(np.exp(-(yy - m) ** 2 / (2 * v)) / np.sqrt(2 * np.pi * v))) < 1e-12
                   for m, v, yy in zip(rand(4), RNG.uniform(0.1, 2, 4), rand(4)))
    def dmu():
        return all(abs(fd(lambda u: nll(u, v, yy), m) - (m - yy) / v) < 1e-6 for m, v, yy in zip(rand(4), RNG.uniform(0.1, 2, 4), rand(4)))
    def dvar():
        return all(abs(fd(lambda u: nll(m, u, yy), v) - (1 / (2 * v) - (yy - m) ** 2 / (2 * v ** 2))) < 1e-6
                   for m, v, yy in zip(rand(4), RNG.uniform(0.1, 2, 4), rand(4)))
    def zero_at():
        ok = True
        for m, yy in zip(rand(4), rand(4)):
            v = (yy - m) ** 2; ok &= abs(fd(lambda u: nll(m, u, yy), v, 1e-8) if v > 1e-3 else 0.0) < 1e-5
        return ok
    def thm(which):
        ok = True
        for _ in range(3):
            mus = rand(5); vs = RNG.uniform(0.05, 0.5, 5); Z, m1, var, m2 = mix_moments(mus, vs)
            ok &= abs(Z - 1) < 1e-8 and abs(m1 - mus.mean()) < 1e-8
            if which >= 1: ok &= abs(var - (np.mean(vs + mus ** 2) - mus.mean() ** 2)) < 1e-8
            if which >= 2: ok &= abs(m2 - np.mean(vs + mus ** 2)) < 1e-8
            if which >= 3: ok &= abs(var - (vs.mean() + np.mean((mus - mus.mean()) ** 2))) < 1e-8
            if which >= 4: ok &= abs(var - (vs.mean() + np.sum((mus - mus.mean()) ** 2) / 4)) > 1e-3
        return ok
    Zm, m1m, varm, _ = mix_moments(mu, s2)
    return [
        ('设我们独立地训练了 $M$ 个网络', GIVEN, '2 0'),
        ('\\ell(\\mu, \\sigma^2; y) = \\frac{1}{2}\\log', nll_is_gauss, '2 1 2 2 2 2 2 1 2 2 8.7'),
        ('\\frac{\\partial \\ell}{\\partial \\mu} = \\frac{\\mu - y}{\\sigma^2}', dmu, '2'),
        ('\\frac{\\partial \\ell}{\\partial \\sigma^2} = \\frac{1}{2\\sigma^2}', dvar, '2 1 2 2 2 2 4 8.8'),
        ('由 (8.8) 的第二式可知', zero_at, '8.8 2 2 2'),
        ('**集成的预测分布。**', GIVEN),
        ('p(y \\mid x) = \\frac{1}{M}\\sum_{m=1}^{M}', GIVEN, '1 2'),
        ('\\mu_* = \\frac{1}{M}\\sum_{m=1}^{M}\\mu_m', lambda: thm(0), '1'),
        ('\\sigma_*^2 = \\frac{1}{M}\\sum_{m=1}^{M}\\big(', lambda: thm(1), '2 1 2 2 2 8.9'),
        ('**证明** 设 $Y$ 服从该混合分布', lambda: thm(2), '1 1 2 2 2 2 1 2 2 2 2 8.9'),
        ('\\sigma_*^2 = \\underbrace{', lambda: thm(3), '2 1 2 1 2 8.10'),
        ('第一项是各成员自己预测的噪声的平均', lambda: thm(4), '1'),
        ('**例 8.5** 设 $M = 4$', lambda: E('4', M), '8.5'),
        ('\\mu = (1.0,\\ 1.2,\\ 0.8,\\ 1.4)', lambda: EV(['1.0', '1.2', '0.8', '1.4'], mu) and E('2', 2) and EV(['0.04', '0.09', '0.05', '0.06'], s2)),
        ('（1）均值', lambda: EV(['1.0', '1.2', '0.8', '1.4'], mu) and E('4', M) and C('4.4', mu.sum()) and E('4', M) and C('1.1', ms) and abs(m1m - ms) < 1e-8, '1'),
        ('（2）按 (8.10)', lambda: E('1', 1) and E('4', M) and E('2', 2) and C('0.24', s2.sum()) and E('4', M) and C('0.06', alea)
            and CV(['-0.1', '0.1', '-0.3', '0.3'], mu - ms) and CV(['0.01', '0.01', '0.09', '0.09'], (mu - ms) ** 2) and C('0.2', np.sum((mu - ms) ** 2))
            and E('4', M) and C('0.05', epi) and E('2', 2) and C('0.06', alea) and C('0.05', epi) and C('0.11', tot) and C('0.3317', math.sqrt(tot))
            and abs(varm - tot) < 1e-8, '2 8.10'),
        ('（3）用 (8.9) 验算', lambda: E('2', 2) and E('2', 2) and CV(['1.04', '1.53', '0.69', '2.02'], s2 + mu ** 2) and C('5.28', np.sum(s2 + mu ** 2))
            and E('4', M) and C('1.32', np.mean(s2 + mu ** 2)) and C('1.32', np.mean(s2 + mu ** 2)) and C('1.1', ms) and E('2', 2)
            and C('1.32', np.mean(s2 + mu ** 2)) and C('1.21', ms ** 2) and C('0.11', np.mean(s2 + mu ** 2) - ms ** 2), '3 8.9 2'),
        ('可见在这个点上认知不确定性', lambda: C('0.05', epi) and C('0.06', alea) and C('0.09', s2.max()) and s2.max() < tot),
        ('（4）若该点的真实标签为', lambda: E('1.3', y) and E('1', 1) and E('1.0', mu[0]) and E('2', 2) and E('0.04', s2[0]), '4'),
        ('\\frac{\\partial \\ell}{\\partial \\mu_1} = \\frac{1.0 - 1.3}{0.04}', lambda: E('1.0', mu[0]) and E('1.3', y) and E('0.04', s2[0])
            and C('-7.5', fd(lambda u: nll(u, s2[0], y), mu[0]))),
        ('\\frac{\\partial \\ell}{\\partial \\sigma_1^2} = \\frac{1}{0.08}', lambda: E('2', 2) and E('1', 1) and E('0.08', 2 * s2[0]) and C('0.09', (y - mu[0]) ** 2)
            and E('2', 2) and C('0.0016', s2[0] ** 2) and C('12.5', 1 / (2 * s2[0])) and C('28.125', (y - mu[0]) ** 2 / (2 * s2[0] ** 2))
            and C('-15.625', fd(lambda u: nll(mu[0], u, y), s2[0], 1e-8))),
        ('两个偏导数都为负', lambda: fd(lambda u: nll(u, s2[0], y), mu[0]) < 0 and fd(lambda u: nll(mu[0], u, y), s2[0], 1e-8) < 0
            and nll(mu[0] + 0.01, s2[0], y) < nll(mu[0], s2[0], y) and nll(mu[0], s2[0] + 0.001, y) < nll(mu[0], s2[0], y)
            and E('2', 2) and C('0.09', (y - mu[0]) ** 2) and E('0.04', s2[0]) and (y - mu[0]) ** 2 > s2[0]),
    ]
# ======================================================================= 13
@register('13_wgan_gp_gradient_ja.md')
def f13():
    w = np.array([3.0, 4.0]); b = 0.0; lam = 10.0; x = np.array([1.0, 2.0]); xt = np.array([0.0, -1.0]); eps = 0.3
    D = lambda xx, ww=w, bb=b: ww @ xx + bb
    nw = np.linalg.norm(w)
    Om = lambda ww: lam * (np.linalg.norm(ww) - 1) ** 2
    LD = lambda ww: D(xt, ww) - D(x, ww) + Om(ww)
    gOm_true = grad(Om, w); gOm_car = lam * (nw - 1) * w / nw
    gL_true = grad(LD, w); gL_car = (xt - x) + gOm_car
    w_true = w - 1e-3 * gL_true; w_car = w - 1e-3 * gL_car
    def lip_equiv():
        R = np.random.default_rng(13); X = R.normal(0, 3, (4000, 2)); Y = X + R.normal(0, 0.5, (4000, 2))
        f1 = lambda Z: 0.6 * np.sin(Z[:, 0]) + 0.8 * np.sin(Z[:, 1])            # |grad| <= 1 everywhere
        f2 = lambda Z: 1.2 * np.sin(Z[:, 0])                                    # |grad| = 1.2 at 0
        ok = np.all(np.abs(f1(X) - f1(Y)) <= np.linalg.norm(X - Y, axis=1) + 1e-12)
        Z0 = np.array([[0.0, 0.0]]); Z1 = np.array([[1e-3, 0.0]])
        ok &= abs(f2(Z1) - f2(Z0))[0] > np.linalg.norm(Z1 - Z0)
        return ok
    def gx():
        ok = True
        for _ in range(3):
            ww, xx = rand(3), rand(3); ok &= near(grad(lambda u: D(u, ww, 0.7), xx), ww)
        return ok
    def dnorm():
        return all(near(grad(np.linalg.norm, v), v / np.linalg.norm(v)) for v in rand(4, 3))
    def dOm():
        return all(near(grad(Om, v), lam * (np.linalg.norm(v) - 1) * v / np.linalg.norm(v)) for v in rand(4, 3))
    def general():
        # small nonlinear critic D(x; th) = a . tanh(W x), g = grad_x D; check d/dth lam(|g|-1)^2 against the printed form
        ok = True
        for _ in range(2):
            th = rand(8); xh = rand(2)
            def gfun(t):
                W = t[:6].reshape(3, 2); a = t[6:8].tolist() + [0.5]
                return W.T @ (np.array(a) * (1 - np.tanh(W @ xh) ** 2))
            pen = lambda t: lam * (np.linalg.norm(gfun(t)) - 1) ** 2
            g = gfun(th); Jg = np.stack([grad(lambda t: gfun(t)[i], th) for i in range(2)])
            ok &= near(grad(pen, th), lam * (np.linalg.norm(g) - 1) * Jg.T @ g / np.linalg.norm(g), 1e-5)
        return ok
    def code():
        R = np.random.default_rng(14); Xh = R.standard_normal((5, 2)); ww = np.array([0.3, -2.0])
        g = np.stack([grad(lambda u: D(u, ww), xx) for xx in Xh])
        gp = lam * ((np.linalg.norm(g, 2, axis=1) - 1) ** 2).mean()
        return abs(gp - Om(ww)) < 1e-8
    return [
        ('WGAN ではクリティック $D$ が 1-リプシッツ', GIVEN, '1 2017'),
        ('L_D = \\mathbb{E}_{\\tilde x \\sim P_g}', GIVEN, '1 2'),
        ('ここで $\\hat x = \\epsilon x + (1 - \\epsilon)\\tilde x$', lambda: lip_equiv() and E('1', 1) and E('0', 0) and E('1', 1) and E('10', lam)
            and E('1', 1) and E('1', 1) and E('1', 1)),
        ('簡単のため $D(x) = w^\\top x + b$', GIVEN),
        ('- 入力に関する勾配は', gx),
        ('- ペナルティは $\\Omega(w)', lambda: gx() and abs(lam * (np.linalg.norm(grad(D, rand(2))) - 1) ** 2 - Om(w)) < 1e-6 and E('1', 1) and E('2', 2)),
        ('- $\\partial \\|w\\|_2 / \\partial w', dnorm),
        ('\\nabla_w \\Omega = \\lambda\\,(\\|w\\|_2 - 1)\\,\\frac{w}{\\|w\\|_2} .', dOm, '1'),
        ('- バイアス $b$ はペナルティに現れないので', lambda: abs(fd(lambda bb: lam * (np.linalg.norm(grad(lambda u: D(u, w, bb), x)) - 1) ** 2, 0.3)) < 1e-6),
        ('$d = 2$，$w = (3, 4)^\\top$', lambda: E('2', w.size) and EV(['3', '4'], w) and E('0', b) and E('10', lam) and EV(['1', '2'], x)
            and EV(['0', '-1'], xt) and E('1', 1) and E('0.3', eps)),
        ('1. 補間点：', lambda: E('0.3', eps) and EV(['1', '2'], x) and E('0.7', 1 - eps) and EV(['0', '-1'], xt)
            and CV(['0.3', '-0.1'], eps * x + (1 - eps) * xt) and abs(Om(grad(D, eps * x + (1 - eps) * xt)) - Om(grad(D, x))) < 1e-6),
        ('2. クリティックの出力：', lambda: E('3', w[0] * x[0]) and E('8', w[1] * x[1]) and E('11', D(x)) and E('0', w[0] * xt[0])
            and E('4', -w[1] * xt[1]) and E('-4', D(xt)) and E('9', w[0] ** 2) and E('16', w[1] ** 2) and C('5', nw)),
        ('3. 損失：$L_D = -4 - 11', lambda: E('-4', D(xt)) and E('11', D(x)) and E('10', lam) and C('5', nw) and E('1', 1) and E('2', 2)
            and E('-15', D(xt) - D(x)) and C('160', Om(w)) and C('145', LD(w))),
        ('4. Wasserstein 項の勾配', lambda: near(grad(lambda u: D(xt, u) - D(x, u), w), xt - x) and EV(['-1', '-3'], xt - x)),
        ('5. ペナルティの勾配', lambda: E('10', lam) and C('4', nw - 1) and CV(['0.6', '0.8'], w / nw) and CV(['24', '32'], gOm_true, gOm_car)),
        ('6. 合計：', lambda: E('-1', (xt - x)[0]) and C('24', gOm_true[0], gOm_car[0]) and E('-3', (xt - x)[1]) and C('32', gOm_true[1], gOm_car[1])
            and CV(['23', '29'], gL_true, gL_car)),
        ('7. 学習率 $\\alpha = 10^{-3}$', lambda: E('10', 10) and E('-3', -3) and E('1', 1) and EV(['3', '4'], w) and E('0.001', 1e-3)
            and CV(['23', '29'], gL_true, gL_car) and CV(['2.977', '3.971'], w_true, w_car) and C('4.963', np.linalg.norm(w_true), np.linalg.norm(w_car))),
        ('ノルムは 5 から 1 の方向へ縮んでいく', lambda: C('5', nw) and np.linalg.norm(w_true) < nw and E('1', 1)
            and abs(gOm_true[0] * w[1] - gOm_true[1] * w[0]) < 1e-5 and abs(gOm_car[0] * w[1] - gOm_car[1] * w[0]) < 1e-9
            and abs((xt - x)[0] * w[1] - (xt - x)[1] * w[0]) > 1e-3),
        ('$D$ が NN の場合', GIVEN),
        ('\\nabla_\\theta\\, \\lambda\\,(\\|g\\|_2 - 1)^2', general, '1 2 1'),
        ('となる。$\\partial g / \\partial \\theta$', GIVEN),
        ('g = torch.autograd.grad(D(x_hat).sum()', lambda: code() and E('0', 0)),
        ('gp = lam * ((g.norm(2, dim=1) - 1) ** 2).mean()', lambda: code() and E('2', 2) and E('1', 1) and E('1', 1) and E('2', 2)),
    ]
# ======================================================================= 14
@register('14_rbm_cd1_tr.md', comma=True)
def f14():
    import itertools
    W = np.array([[0.5, -0.5], [0, 1], [1, 0.0]]); a0 = np.zeros(3); b0 = np.zeros(2); eps = 0.1
    v0 = np.array([1, 0, 1.0]); h0 = np.array([1, 0.0]); v1 = np.array([1, 1, 1.0])
    p0 = sig(W.T @ v0); pv = sig(W @ h0); p1 = sig(W.T @ v1)
    diff = np.outer(v0, p0) - np.outer(v1, p1); dW = eps * diff; da = eps * (v0 - v1); db = eps * (p0 - p1)
    def states(n): return [np.array(s, float) for s in itertools.product([0, 1], repeat=n)]
    Vs, Hs = states(3), states(2)
    En = lambda v, h, a, b, Wm: -(a @ v) - (b @ h) - v @ Wm @ h
    def logZ(a, b, Wm): return np.log(sum(np.exp(-En(v, h, a, b, Wm)) for v in Vs for h in Hs))
    def F(v, a, b, Wm): return -(a @ v) - np.sum(np.log1p(np.exp(b + v @ Wm)))
    def logp(v, a, b, Wm): return np.log(sum(np.exp(-En(v, h, a, b, Wm)) for h in Hs)) - logZ(a, b, Wm)
    R = np.random.default_rng(14); A_, B_, W_ = R.normal(0, 0.5, 3), R.normal(0, 0.5, 2), R.normal(0, 0.7, (3, 2))
    def conditionals():
        ok = True
        for v in Vs:
            ph = np.array([np.exp(-En(v, h, A_, B_, W_)) for h in Hs]); ph /= ph.sum()
            marg = np.array([sum(ph[i] for i, h in enumerate(Hs) if h[j] == 1) for j in range(2)])
            ok &= near(marg, sig(B_ + v @ W_), 1e-12)
            ok &= all(abs(ph[i] - np.prod(np.where(h == 1, marg, 1 - marg))) < 1e-12 for i, h in enumerate(Hs))
        for h in Hs:
            pvv = np.array([np.exp(-En(v, h, A_, B_, W_)) for v in Vs]); pvv /= pvv.sum()
            marg = np.array([sum(pvv[i] for i, v in enumerate(Vs) if v[k] == 1) for k in range(3)])
            ok &= near(marg, sig(A_ + W_ @ h), 1e-12)
        return ok
    def free_energy():
        return all(abs(np.log(sum(np.exp(-En(v, h, A_, B_, W_)) for h in Hs)) - (-F(v, A_, B_, W_))) < 1e-12 for v in Vs)
    def logp_F():
        return all(abs(logp(v, A_, B_, W_) - (-F(v, A_, B_, W_) - logZ(A_, B_, W_))) < 1e-12 for v in Vs)
    def dF():
        v = Vs[5]; g = grad(lambda Wm: -F(v, A_, B_, Wm), W_)
        return near(g, np.outer(v, sig(B_ + v @ W_)))
    def model_corr(a, b, Wm):
        Z = np.exp(logZ(a, b, Wm)); return sum(np.exp(-En(v, h, a, b, Wm)) / Z * np.outer(v, h) for v in Vs for h in Hs)
    def dlogZ():
        return near(grad(lambda Wm: logZ(A_, B_, Wm), W_), model_corr(A_, B_, W_))
    def eq104():
        v = Vs[6]; g = grad(lambda Wm: logp(v, A_, B_, Wm), W_)
        return near(g, np.outer(v, sig(B_ + v @ W_)) - model_corr(A_, B_, W_))
    def dab():
        v = Vs[3]; Z = np.exp(logZ(A_, B_, W_))
        Ev = sum(np.exp(-En(vv, h, A_, B_, W_)) / Z * vv for vv in Vs for h in Hs)
        Eh = sum(np.exp(-En(vv, h, A_, B_, W_)) / Z * h for vv in Vs for h in Hs)
        return (near(grad(lambda a: logp(v, a, B_, W_), A_), v - Ev) and near(grad(lambda b: logp(v, A_, b, W_), B_), sig(B_ + v @ W_) - Eh))
    return [
        ('**Model.** $D$ görünür birim', GIVEN, '0 1 0 1'),
        ('E(v, h) = -a^\\top v - b^\\top h - v^\\top W h', GIVEN),
        ('biçimindedir; burada $Z = \\sum_{v, h}', conditionals),
        ('p(h_j = 1 \\mid v) = \\sigma\\Big(b_j', lambda: conditionals() and E('1', 1) and E('1', 1)),
        ('**Log-olabilirliğin gradyanı.**', free_energy),
        ('F(v) = -a^\\top v - \\sum_{j=1}^{K}', lambda: free_energy() and E('1', 1)),
        ('dir. $\\log p(v) = -F(v) - \\log Z$', logp_F),
        ('- $\\dfrac{\\partial (-F(v))}{\\partial W_{ij}}', lambda: dF() and E('1', 1)),
        ('- $\\dfrac{\\partial \\log Z}{\\partial W_{ij}}', dlogZ),
        ('\\frac{\\partial \\log p(v)}{\\partial W_{ij}} = \\langle', eq104, '10.4'),
        ('Benzer şekilde $\\partial \\log p(v)/\\partial a_i', lambda: dab() and E('1', 1)),
        ('**CD-1.** İkinci terim', GIVEN, '1 2002 1'),
        ('\\Delta W = \\varepsilon\\big(v^{(0)} p^{(0)\\top}', GIVEN),
        ('**Sayısal örnek.** $D = 3$', lambda: E('3', W.shape[0]) and E('2', W.shape[1]) and E('0', 0) and E('0', 0) and E('0.1', eps)),
        ('W = \\begin{pmatrix} 0{,}5 & -0{,}5', lambda: EV(['0.5', '-0.5', '0', '1', '1', '0'], W) and EV(['1', '0', '1'], v0)),
        ('1. $W^\\top v^{(0)} = (1{,}5;\\ -0{,}5)$', lambda: EV(['1.5', '-0.5'], W.T @ v0) and E('1.5', 1.5) and E('-0.5', -0.5)
            and CV(['0.8176', '0.3775'], p0)),
        ('2. Örnekleme sonucu $h^{(0)} = (1, 0)$', lambda: EV(['1', '0'], h0) and EV(['0.5', '0', '1'], W @ h0) and E('1', 1)
            and CV(['0.6225', '0.5', '0.7311'], pv)),
        ('3. Buradan örneklenen yeniden yapılandırma', lambda: EV(['1', '1', '1'], v1) and EV(['1.5', '0.5'], W.T @ v1) and CV(['0.8176', '0.6225'], p1)),
        ('v^{(0)} p^{(0)\\top} - v^{(1)} p^{(1)\\top} = \\begin{pmatrix}', lambda: CV(['0', '-0.2449', '-0.8176', '-0.6225', '0', '-0.2449'], diff)),
        ('dolayısıyla $\\Delta W \\approx', lambda: CV(['0', '-0.0245', '-0.0818', '-0.0622', '0', '-0.0245'], dW)),
        ('5. Yanlılıklar:', lambda: E('0.1', eps) and EV(['0', '-1', '0'], v0 - v1) and CV(['0', '-0.1', '0'], da)
            and E('0.1', eps) and CV(['0', '-0.2449'], p0 - p1) and CV(['0', '-0.0245'], db)),
        ('**Yorum.** Veride kapalı olan 2. görünür birim', lambda: v0[1] == 0 and v1[1] == 1 and np.all(dW[1] < 0) and da[1] < 0
            and E('2', 2) and E('1', 1) and abs(p0[0] - p1[0]) < 1e-15 and C('0.8176', p0[0]) and dW[0, 0] == 0 and dW[2, 0] == 0),
    ]
# ======================================================================= 15
@register('15_categorical_fisher_exam_key.md')
def f15():
    z = np.array([0.0, np.log(2), np.log(3)]); p = softmax(z); y = 0
    F = np.diag(p) - np.outer(p, p); g = p - np.eye(3)[y]
    dt = 1 - np.eye(3)[y] / p[y]; d = dt - dt.mean()
    eta = 0.1; zn = z - eta * d; zg = z - eta * g
    loss = lambda zz: -np.log(softmax(zz)[y])
    def logp_form():
        return all(near(np.log(softmax(zz)), zz - np.log(np.sum(np.exp(zz))), 1e-12) for zz in rand(4, 5))
    def score():
        ok = True
        for zz in rand(3, 4):
            for k in range(4):
                ok &= near(grad(lambda u: np.log(softmax(u)[k]), zz), np.eye(4)[k] - softmax(zz))
        return ok
    def fisher():
        ok = True
        for zz in rand(3, 4):
            pp = softmax(zz); Fs = sum(pp[k] * np.outer(np.eye(4)[k] - pp, np.eye(4)[k] - pp) for k in range(4))
            mid = sum(pp[k] * np.outer(np.eye(4)[k], np.eye(4)[k]) for k in range(4)) - np.outer(pp, pp) - np.outer(pp, pp) + np.outer(pp, pp)
            ok &= near(Fs, mid, 1e-12) and near(mid, np.diag(pp) - np.outer(pp, pp), 1e-12)
        return ok
    def used():
        pp = softmax(rand(4)); return near(sum(pp[k] * np.eye(4)[k] for k in range(4)), pp, 1e-15) and abs(pp.sum() - 1) < 1e-12
    def hess():
        ok = True
        for zz in rand(2, 4):
            pp = softmax(zz); Hs = []
            for yy in range(4):
                ok &= near(grad(lambda u: -np.log(softmax(u)[yy]), zz), pp - np.eye(4)[yy])
                Hn = np.stack([grad(lambda u: grad(lambda v: -np.log(softmax(v)[yy]), u, 1e-5)[j], zz, 1e-4) for j in range(4)])
                ok &= near(Hn, np.diag(pp) - np.outer(pp, pp), 1e-5); Hs.append(Hn)
        return ok
    def sing():
        ok = True
        for zz in rand(3, 4):
            pp = softmax(zz); FF = np.diag(pp) - np.outer(pp, pp)
            ok &= near(FF @ np.ones(4), np.zeros(4), 1e-15) and abs(np.linalg.det(FF)) < 1e-12
            for yy in range(4):
                td = 1 - np.eye(4)[yy] / pp[yy]
                ok &= near(FF @ td, pp - np.eye(4)[yy], 1e-12) and abs(pp @ td) < 1e-12
                ok &= near(np.linalg.pinv(FF) @ (pp - np.eye(4)[yy]), td - td.mean(), 1e-9)
            ok &= np.sum(np.abs(np.linalg.eigvalsh(FF)) < 1e-12) == 1
        return ok
    return [
        ('**Setup (from the exam sheet).**', GIVEN, '1 1'),
        ('**(a) [5 pts] Score and Fisher matrix.**', logp_form, '5'),
        ('\\nabla_z \\log p_k = e_k - p .', score),
        ('The Fisher information is the expected outer product', GIVEN),
        ('F(z) = \\sum_{k=1}^{K} p_k (e_k - p)(e_k - p)^\\top', fisher),
        ('where we used $\\sum_k p_k e_k = p$', lambda: used() and E('1', 1)),
        ('**(b) [3 pts] Relation to the Hessian.**', hess, '3 2'),
        ('**(c) [5 pts] Singularity and the natural gradient.**', lambda: sing() and E('1', 1) and E('1', 1) and E('0', 0) and E('1', 1), '5 -1'),
        ('F \\tilde d = \\mathrm{diag}(p)\\,\\tilde d', lambda: sing() and E('1', p @ np.ones(3)) and E('1', p @ (np.eye(3)[y] / p[y]))),
        ('For $p_k > 0$ the null space of $F$', lambda: sing() and E('0', 0) and E('1', 1) and E('1', 1) and E('1', 1) and E('1', 1)),
        ('*Grader note:* answers that write', GIVEN, '-1 2'),
        ('**(d) [4 pts] Numbers.**', lambda: E('3', 3) and E('0', z[0]) and E('2', np.exp(z[1])) and E('3', np.exp(z[2])) and E('1', y + 1), '4'),
        ('- $e^{z} = (1, 2, 3)$', lambda: EV(['1', '2', '3'], np.exp(z)) and E('1', 1) and E('6', 1 / p[0]) and E('1', 1) and E('3', 1 / p[1])
            and E('1', 1) and E('2', 1 / p[2])),
        ('- $F = \\mathrm{diag}(p) - pp^\\top = \\frac{1}{36}', lambda: E('1', 1) and E('36', 36) and EV(['5', '-2', '-3', '-2', '8', '-6', '-3', '-6', '9'], 36 * F)
            and near(F.sum(axis=1), np.zeros(3), 1e-15) and E('0', 0)),
        ('- $\\nabla_z \\ell = p - e_1', lambda: near(grad(loss, z), g) and E('-5', 6 * g[0]) and E('6', 6) and E('1', 3 * g[1]) and E('3', 3)
            and E('1', 2 * g[2]) and E('2', 2)),
        ('- $\\tilde d = \\mathbf{1} - e_1/p_1', lambda: E('1', 1) and E('1', 1) and E('6', 1 / p[0]) and E('1', 1) and E('1', 1)
            and EV(['-5', '1', '1'], dt) and E('-1', dt.mean()) and EV(['-4', '2', '2'], d)),
        ('- Check: $F d = \\frac{1}{36}', lambda: E('1', 1) and E('36', 36) and E('-20', 36 * F[0, 0] * d[0]) and E('4', -36 * F[0, 1] * d[1])
            and E('6', -36 * F[0, 2] * d[2]) and E('8', 36 * F[1, 0] * d[0]) and E('16', 36 * F[1, 1] * d[1]) and E('12', -36 * F[1, 2] * d[2])
            and E('12', 36 * F[2, 0] * d[0]) and E('12', -36 * F[2, 1] * d[1]) and E('18', 36 * F[2, 2] * d[2])
            and E('1', 1) and E('36', 36) and EV(['-30', '12', '18'], 36 * F @ d) and E('-5', 6 * (F @ d)[0]) and E('6', 6)
            and E('1', 3 * (F @ d)[1]) and E('3', 3) and E('1', 2 * (F @ d)[2]) and E('2', 2)),
        ('**(e) [3 pts] One step each', lambda: E('0.1', eta), '3'),
        ('- Natural gradient: $z - \\eta d', lambda: CV(['0.4', '0.4931', '0.8986'], zn) and C('0.2671', softmax(zn)[0]) and C('1.3202', loss(zn))),
        ('- Plain gradient: $z - \\eta', lambda: CV(['0.0833', '0.6598', '1.0486'], zg) and C('0.1850', softmax(zg)[0]) and C('1.6874', loss(zg))),
        ('- Starting loss:', lambda: E('1', 1) and E('6', 1 / p[0]) and E('6', 6) and C('1.7918', loss(z))),
        ('The natural-gradient step effectively moves only', lambda: near(softmax(z - eta * dt), softmax(zn), 1e-12) and E('1', 1) and E('1', 1)
            and near((z - eta * dt) - (z - eta), eta * np.eye(3)[0] / p[0], 1e-12) and C('0.6', eta / p[0])
            and C('4.5', (loss(z) - loss(zn)) / (loss(z) - loss(zg))) and C('0.4716', loss(z) - loss(zn)) and C('0.1044', loss(z) - loss(zg))),
    ]
# ======================================================================= 16
@register('16_wgan_clipping_notebook.md')
def f16():
    def conv_out(n, k, s, p):
        """size of a strided convolution, by sliding a k-window over a padded array of length n + 2p"""
        x = np.zeros(n + 2 * p); return len(range(0, len(x) - k + 1, s))
    n1 = conv_out(28, 4, 2, 1); n2 = conv_out(n1, 4, 2, 1)
    f_car = lambda n, k, s, p: (n + 2 * p - k) // s               # the notebook's formula (no +1)
    c1 = f_car(28, 4, 2, 1); c2 = f_car(c1, 4, 2, 1)
    def nparams(shapes): return sum(np.zeros(s).size for s in shapes)
    P1 = nparams([(64, 1, 4, 4), (64,)]); P2 = nparams([(128, 64, 4, 4), (128,)])
    Pl_true = nparams([(1, 128 * n2 * n2), (1,)]); Pl_car = nparams([(1, 128 * c2 * c2), (1,)])
    Dr = np.array([0.8, 0.5, 0.3]); Df = np.array([-0.2, 0.1, 0.0]); Lc = Df.mean() - Dr.mean()
    c = 0.01; wv = np.array([0.004, -0.013, 0.021])
    def formula():
        return all(conv_out(n, k, s, p) == (n + 2 * p - k) // s for n in (28, 14, 13, 7) for k in (3, 4) for s in (1, 2) for p in (0, 1))
    def clip_bound(dim_true, dim_car):
        R = np.random.default_rng(16); W = R.uniform(-c, c, (2000, dim_true))
        ok = np.all(np.linalg.norm(W, axis=1) <= c * math.sqrt(dim_true) + 1e-12)
        ok &= abs(np.linalg.norm(np.full(dim_true, c)) - c * math.sqrt(dim_true)) < 1e-12
        return ok
    lrelu_lip = lambda: all(abs(np.where(a > 0, a, 0.2 * a) - np.where(b > 0, b, 0.2 * b)) <= abs(a - b) + 1e-15 for a, b in rand(200, 2))
    return [
        ('We use a small DCGAN-style critic', lambda: E('28', 28) and E('28', 28)),
        ('For a convolution with kernel size $k$', GIVEN),
        ('n_{\\text{out}} = \\left\\lfloor \\frac{n_{\\text{in}} + 2p - k}{s}', formula, '2'),
        ('so for our two layers (both $k = 4$', lambda: E('4', 4) and E('2', 2) and E('1', 1)),
        ('- conv1 ($1 \\to 64$ channels)', lambda: E('1', 1) and E('64', 64) and E('28', 28) and E('2', 2) and E('4', 4) and E('2', 2)
            and C('13', n1, c1)),
        ('- conv2 ($64 \\to 128$ channels)', lambda: E('64', 64) and E('128', 128) and C('13', n1, c1) and E('2', 2) and E('4', 4) and E('2', 2)
            and C('5.5', (n1 + 2 - 4) / 2, (c1 + 2 - 4) / 2) and C('5', n2, c2)),
        ('- flatten: $128 \\cdot 5 \\cdot 5 = 3200$', lambda: E('128', 128) and C('5', n2, c2) and C('5', n2, c2) and C('3200', 128 * n2 * n2, 128 * c2 * c2)),
        ('nn.Conv2d(1, 64, kernel_size=4, stride=2, padding=1),     # -> 64 x 13 x 13', lambda: E('1', 1) and E('64', 64) and E('4', 4) and E('2', 2)
            and E('1', 1) and E('64', 64) and C('13', n1, c1) and C('13', n1, c1)),
        ('nn.Conv2d(64, 128, kernel_size=4, stride=2, padding=1),   # -> 128 x 5 x 5', lambda: E('64', 64) and E('128', 128) and E('4', 4) and E('2', 2)
            and E('1', 1) and E('128', 128) and C('5', n2, c2) and C('5', n2, c2)),
        ('nn.Linear(128 * 5 * 5, 1),', lambda: E('128', 128) and C('5', n2, c2) and C('5', n2, c2) and E('1', 1)),
        ('- conv1: $64 \\cdot 1 \\cdot 4', lambda: E('64', 64) and E('1', 1) and E('4', 4) and E('4', 4) and E('64', 64) and E('1088', P1)),
        ('- conv2: $128 \\cdot 64', lambda: E('128', 128) and E('64', 64) and E('4', 4) and E('4', 4) and E('128', 128) and E('131200', P2)),
        ('- linear head: $3200 + 1 = 3201$', lambda: C('3200', 128 * n2 * n2, 128 * c2 * c2) and E('1', 1) and C('3201', Pl_true, Pl_car)),
        ('- total: $1088 + 131200', lambda: E('1088', P1) and E('131200', P2) and C('3201', Pl_true, Pl_car)
            and C('135489', P1 + P2 + Pl_true, P1 + P2 + Pl_car)),
        ('The critic minimizes $L_{\\text{critic}}', lambda: E('1', 1) and E('1', 1) and E('1', 1) and E('3', len(Dr))
            and EV(['0.8', '0.5', '0.3'], Dr) and EV(['-0.2', '0.1', '0.0'], Df) and C('-0.1', Df.sum()) and E('3', 3) and C('1.6', Dr.sum())
            and E('3', 3) and C('-1.7', Df.sum() - Dr.sum()) and E('3', 3) and C('-0.5667', Lc) and C('0.5667', -Lc)),
        ('To keep $D$ Lipschitz, after every RMSprop step', lambda: E('0.01', c), '5 10 -5'),
        ('c = 0.01    # clipping constant', lambda: E('0.01', c)),
        ('p.data.clamp_(-c, c)', lambda: near(np.clip(wv, -c, c), [0.004, -0.01, 0.01], 1e-15)),
        ('e.g. a weight vector $(0.004, -0.013, 0.021)$', lambda: EV(['0.004', '-0.013', '0.021'], wv) and EV(['0.004', '-0.01', '0.01'], np.clip(wv, -c, c))),
        ('**What does clipping actually guarantee?**', lambda: C('3200', 128 * n2 * n2, 128 * c2 * c2) and C('3200', 128 * n2 * n2, 128 * c2 * c2)
            and clip_bound(128 * n2 * n2, 128 * c2 * c2) and C('0.5657', c * math.sqrt(128 * n2 * n2), c * math.sqrt(128 * c2 * c2))
            and C('0.5657', c * math.sqrt(128 * n2 * n2), c * math.sqrt(128 * c2 * c2)) and lrelu_lip() and E('1', 1)),
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
