#!/usr/bin/env python3
"""Independent NumPy check of corpus70 (first ML course: homework and answer keys).

For every file an ordered list of checks (unique substring of one line,
predicate, declared leftover tokens).  Every line containing mathematics
(LaTeX, inline code, code with a relation sign and a digit, Unicode math
symbols) must be covered by a check.  Givens / definitions are GIVEN (ctx '*'
means the numbers on the line are givens and are not accounted).  Symbolic
derivative claims are tested with central finite differences at random points,
worked numbers are recomputed and compared to their printed precision (against
the exact value or the value recomputed from the rounded numbers the author
carried), sizes / parameter counts are recomputed by building arrays.
Every number on a checked line must be a checked literal or a declared token.
The first line whose predicate is False must equal expected.json.

usage: python3 verify_truth.py [-v] [file-substring ...]
"""
import json, math, os, re, sys
from collections import Counter
import numpy as np

VERBOSE = '-v' in sys.argv
D = os.path.dirname(os.path.abspath(__file__))
RNG = np.random.default_rng(70)

# ------------------------------------------------------------------ helpers
def GIVEN():
    return True

def _num(s):
    s = s.strip().replace('−', '-').replace(',', '.')
    m = re.fullmatch(r'[+-]?(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?', s)
    assert m, f'bad number {s!r}'
    d = len(m.group(2) or '')
    e = int(m.group(3) or 0)
    return float(s), 0.5 * 10.0 ** (e - d) * (1 + 1e-9) + 1e-12

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
        _LITS.extend(shown)
        return False
    return all([C(s, *[a[i] for a in arrs]) for i, s in enumerate(shown)])

def EV(shown, arr):
    arr = np.ravel(np.asarray(arr, float))
    if arr.size != len(shown):
        _LITS.extend(shown)
        return False
    return all([E(s, arr[i]) for i, s in enumerate(shown)])

def ALL(*xs):
    """every argument is evaluated first (so all literals get registered), then AND."""
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

def hess(f, x, h=1e-3):
    x = np.array(x, dtype=float); n = x.size
    H = np.zeros((n, n))
    for i in range(n):
        for j in range(n):
            ei = np.zeros(n); ei[i] = h; ej = np.zeros(n); ej[j] = h
            H[i, j] = (f(x + ei + ej) - f(x + ei - ej) - f(x - ei + ej) + f(x - ei - ej)) / (4 * h * h)
    return H

def near(a, b, tol=1e-6):
    a = np.asarray(a, float); b = np.asarray(b, float)
    return a.shape == b.shape and np.allclose(a, b, atol=tol, rtol=1e-6)

def rand(*shape, lo=-2, hi=2):
    return RNG.uniform(lo, hi, size=shape)

sig = lambda z: 1.0 / (1.0 + np.exp(-np.clip(z, -500, 500)))
def softmax(z):
    z = np.asarray(z, float); e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)
r4 = lambda v: np.round(np.asarray(v, float), 4)

FILES = {}
def register(name, comma=False):
    def deco(fn):
        FILES[name] = (fn, comma)
        return fn
    return deco

# ======================================================================= 01
@register('01_linreg_normal_eq_key.md')
def f01():
    X = np.array([[1.0, 0], [1, 1], [1, 2]]); y = np.array([1.0, 3, 4])
    XtX = X.T @ X; Xty = X.T @ y; th = np.linalg.solve(XtX, Xty)
    J = lambda t, XX=X, yy=y: 0.5 * np.sum((XX @ t - yy) ** 2)
    res = X @ th - y; th_r = np.array([1.1667, 1.5])
    def forms():
        ok = True
        for _ in range(3):
            XX, yy, t = rand(5, 3), rand(5), rand(3)
            s = 0.5 * sum((t @ XX[i] - yy[i]) ** 2 for i in range(5))
            ok &= abs(s - 0.5 * (XX @ t - yy) @ (XX @ t - yy)) < 1e-10
        return ok
    def expand():
        ok = True
        for _ in range(3):
            XX, yy, t = rand(5, 3), rand(5), rand(3)
            A = rand(3, 3); A = A + A.T; b = rand(3)
            ok &= abs(J(t, XX, yy) - 0.5 * (t @ XX.T @ XX @ t - 2 * yy @ XX @ t + yy @ yy)) < 1e-10
            ok &= near(grad(lambda u: u @ A @ u, t), 2 * A @ t) and near(grad(lambda u: b @ u, t), b)
        return ok
    def gradient():
        ok = True
        for _ in range(3):
            XX, yy, t = rand(5, 3), rand(5), rand(3)
            g = grad(lambda u: J(u, XX, yy), t)
            ok &= near(g, XX.T @ XX @ t - XX.T @ yy) and near(g, XX.T @ (XX @ t - yy))
        return ok
    def comp():
        XX, yy, t = rand(5, 3), rand(5), rand(3)
        g = grad(lambda u: J(u, XX, yy), t)
        comps = [sum((t @ XX[i] - yy[i]) * XX[i, j] for i in range(5)) for j in range(3)]
        return near(g, comps) and XX.T.shape == (3, 5) and (XX @ t - yy)[:, None].shape == (5, 1) and (XX.T @ (XX @ t - yy)[:, None]).shape == (3, 1)
    def normal():
        ok = True
        for _ in range(3):
            XX, yy = rand(6, 3), rand(6)
            ts = np.linalg.inv(XX.T @ XX) @ XX.T @ yy
            ok &= near(ts, np.linalg.lstsq(XX, yy, rcond=None)[0]) and near(grad(lambda u: J(u, XX, yy), ts), np.zeros(3))
        return ok
    def hessian():
        XX, yy, t, v = rand(5, 3), rand(5), rand(3), rand(3)
        return near(hess(lambda u: J(u, XX, yy), t), XX.T @ XX, 1e-4) and abs(v @ XX.T @ XX @ v - np.sum((XX @ v) ** 2)) < 1e-10 \
            and np.linalg.eigvalsh(XX.T @ XX).min() >= -1e-12
    return [
        ('**Setup.** We have $n$ training', GIVEN, '*'),
        ('$$J(\\theta) = \\frac{1}{2}\\sum', forms, '1 2 2 1 2'),
        ('**(a) Gradient [4 pts].**', expand, '4 1 2 2 2'),
        ('$$\\nabla_\\theta J(\\theta) = X^T X', gradient),
        ('Componentwise this is the familiar', comp, '1 1'),
        ('$$X^T X\\,\\theta = X^T \\vec{y}', normal, '-1'),
        ('whenever $X$ has full column rank', hessian, '2 2 0'),
        ('**(c) Worked example [5 pts].**', lambda: E('5', 5) and EV(['0', '1', '1', '3', '2', '4'], np.c_[X[:, 1], y])),
        ('$$X = \\begin{bmatrix} 1 & 0', lambda: EV(['1', '0', '1', '1', '1', '2'], X) and EV(['1', '3', '4'], y)),
        ('- $X^T X = \\begin{bmatrix} 3 & 3', lambda: EV(['3', '3', '3', '5'], XtX) and EV(['8', '11'], Xty)),
        ('- $\\det(X^T X) = 3\\cdot 5', lambda: ALL(E('3', XtX[0, 0]), E('5', XtX[1, 1]), E('3', XtX[0, 1]), E('3', XtX[1, 0]),
            E('6', np.linalg.det(XtX)), E('1', 1), E('6', 6), EV(['5', '-3', '-3', '3'], 6 * np.linalg.inv(XtX))), '-1'),
        ('- $\\theta^\\ast = \\frac16', lambda: ALL(E('1', 1), E('6', 6), E('5', 5), E('8', 8), E('3', 3), E('11', 11), E('-3', -3), E('8', 8),
            E('3', 3), E('11', 11), E('1', 1), E('6', 6), EV(['7', '9'], 6 * th), CV(['1.1667', '1.5'], th))),
        ('- fitted values $X\\theta^\\ast', lambda: CV(['1.1667', '2.6667', '4.1667'], X @ th) and CV(['0.1667', '-0.3333', '0.1667'], res)),
        ('- check: $X^T(X\\theta^\\ast', lambda: ALL(C('0.1667', res[0]), C('0.3333', -res[1]), C('0.1667', res[2]),
            E('0', X[0, 1] * res[0]), C('0.3333', -X[1, 1] * res[1]), C('0.3333', X[2, 1] * res[2]), EV(['0', '0'], (X.T @ res).round(9)))),
        ('- minimum cost $J(\\theta^\\ast)', lambda: ALL(E('1', 1), E('2', 2), CV(['0.0278', '0.1111', '0.0278'], res ** 2), C('0.0833', J(th)))),
        ('**(d) One step of batch gradient descent', lambda: ALL(E('3', 3), EV(['0', '0'], [0, 0]), E('0.1', 0.1),
            E('0', 0), EV(['-8', '-11'], grad(J, np.zeros(2)).round(6)), near(-Xty, [-8, -11]), EV(['0.8', '1.1'], -0.1 * grad(J, np.zeros(2)).round(6)))),
        ('The cost drops from $J(0)', lambda: ALL(E('0', 0), E('1', 1), E('2', 2), EV(['1', '9', '16'], y ** 2), E('13', J(np.zeros(2))),
            E('1', 1), E('2', 2), E('0.8', 0.8), E('1', 1), E('2', 2), E('1.9', 0.8 + 1.1), E('3', 3), E('2', 2), E('3.0', 0.8 + 2.2), E('4', 4), E('2', 2),
            E('1', 1), E('2', 2), EV(['0.04', '1.21', '1.00'], (X @ [0.8, 1.1] - y) ** 2), C('1.125', J(np.array([0.8, 1.1]))))),
        ('*Common mistakes:* writing', lambda: ALL(E('3', X.shape[0]), E('2', X.shape[1]), E('3', res[:, None].shape[0]), E('1', res[:, None].shape[1]),
            X.shape[1] != res[:, None].shape[0], E('1', 1), E('2', 2), E('2', 2), E('2', 2), E('2', 2),
            all(near(grad(lambda u: np.sum((X @ u - y) ** 2), t), 2 * X.T @ (X @ t - y)) for t in rand(3, 2)),
            EV(['1.6', '2.2'], -0.1 * grad(lambda u: np.sum((X @ u - y) ** 2), np.zeros(2)).round(6)))),
    ]

# ======================================================================= 02
@register('02_ridge_soluzione_it.md', comma=True)
def f02():
    X = np.array([[1.0, 0], [0, 1], [1, 1]]); y = np.array([1.0, 2, 2]); lam = 1.0
    J = lambda w, XX=X, yy=y, l=lam: np.sum((yy - XX @ w) ** 2) + l * np.sum(w ** 2)
    A = X.T @ X + lam * np.eye(2); w1 = np.linalg.solve(A, X.T @ y); w0 = np.linalg.solve(X.T @ X, X.T @ y)
    def expand():
        XX, yy, w = rand(5, 3), rand(5), rand(3)
        return abs(np.sum((yy - XX @ w) ** 2) - (yy @ yy - 2 * w @ XX.T @ yy + w @ XX.T @ XX @ w)) < 1e-10
    def gradient():
        ok = True
        for _ in range(3):
            XX, yy, w, l = rand(5, 3), rand(5), rand(3), RNG.uniform(0.1, 3)
            g = grad(lambda u: J(u, XX, yy, l), w)
            ok &= near(g, -2 * XX.T @ (yy - XX @ w) + 2 * l * w) and near(g, 2 * ((XX.T @ XX + l * np.eye(3)) @ w - XX.T @ yy))
        return ok
    def closed():
        ok = True
        for _ in range(3):
            XX, yy, l = rand(5, 3), rand(5), RNG.uniform(0.1, 3)
            wh = np.linalg.inv(XX.T @ XX + l * np.eye(3)) @ XX.T @ yy
            ok &= near(grad(lambda u: J(u, XX, yy, l), wh), np.zeros(3))
        return ok
    def remark():
        XX, l = rand(3, 6), 0.7            # p > n
        d = np.linalg.eigvalsh(XX.T @ XX); dl = np.linalg.eigvalsh(XX.T @ XX + l * np.eye(6))
        yy = rand(3); w = rand(6)
        return near(dl, d + l) and d.min() > -1e-10 and dl.min() > 0 and abs(np.linalg.det(XX.T @ XX + l * np.eye(6))) > 1e-8 \
            and near(hess(lambda u: J(u, XX, yy, l), w), 2 * (XX.T @ XX + l * np.eye(6)), 1e-4)
    def shrink_general():
        XX, yy, l = rand(6, 3), rand(6), 0.9
        d, V = np.linalg.eigh(XX.T @ XX)
        wr = np.linalg.solve(XX.T @ XX + l * np.eye(3), XX.T @ yy); wo = np.linalg.solve(XX.T @ XX, XX.T @ yy)
        return near(V.T @ wr, d / (d + l) * (V.T @ wo))
    d, V = np.linalg.eigh(X.T @ X)
    v1 = np.array([1, 1]) / np.sqrt(2); v2 = np.array([1, -1]) / np.sqrt(2)
    return [
        ('**Testo.** Sia $X', GIVEN, '*'),
        ('$$J(w) = \\|y - Xw\\|_2^2', GIVEN, '*'),
        ('**Gradiente.** Sviluppando', expand, '2 2'),
        ('$$\\nabla J(w) = -2X^\\top', gradient, '-2 2 2'),
        ('**Soluzione in forma chiusa.**', lambda: True, '0'),
        ('$$\\hat w_\\lambda = (X^\\top X + \\lambda I)^{-1}', closed, '-1'),
        ('Osservazione: gli autovalori', remark, '0 2'),
        ('**Esempio numerico.**', lambda: EV(['1', '0', '0', '1', '1', '1'], X) and EV(['1', '2', '2'], y) and E('1', lam)),
        ('1. $X^\\top X = \\begin{pmatrix} 2 & 1', lambda: EV(['2', '1', '1', '2'], X.T @ X) and EV(['3', '4'], X.T @ y)),
        ('2. $X^\\top X + \\lambda I', lambda: ALL(EV(['3', '1', '1', '3'], A), E('9', A[0, 0] * A[1, 1]), E('1', A[0, 1] * A[1, 0]), E('8', np.linalg.det(A)))),
        ('3. $\\hat w_1 = \\frac18', lambda: ALL(E('1', 1), E('8', np.linalg.det(A)), EV(['3', '-1', '-1', '3'], np.linalg.det(A) * np.linalg.inv(A)),
            EV(['3', '4'], X.T @ y), E('1', 1), E('8', 8), EV(['5', '9'], 8 * w1), EV(['0,625', '1,125'], w1))),
        ('4. Verifica: $X\\hat w_1', lambda: ALL(EV(['0,625', '1,125', '1,75'], X @ w1), EV(['0,375', '0,875', '0,25'], y - X @ w1),
            EV(['0,625', '1,125'], X.T @ (y - X @ w1)), near(X.T @ (y - X @ w1), lam * w1))),
        ('5. Per confronto, i minimi quadrati', lambda: ALL(E('0', 0), E('1', 1), E('3', np.linalg.det(X.T @ X)),
            EV(['2', '-1', '-1', '2'], 3 * np.linalg.inv(X.T @ X)), EV(['3', '4'], X.T @ y), CV(['0,6667', '1,6667'], w0))),
        ('**Interpretazione: contrazione.**', lambda: ALL(E('3', d[1]), near(abs(V[:, 1] @ v1), 1), E('1', 1), E('1', 1),
            E('1', d[0]), near(abs(V[:, 0] @ v2), 1), E('1', 1), E('-1', -1), shrink_general())),
        ('- lungo $(1; 1)/\\sqrt2$', lambda: ALL(E('1', 1), E('1', 1), E('3', d[1]), E('4', d[1] + lam),
            E('0,625', w1[0]), E('1,125', w1[1]), E('1,75', w1.sum()), E('3', 3), E('4', 4), C('0,6667', w0[0]), C('1,6667', w0[1]),
            near(w1 @ v1, d[1] / (d[1] + lam) * (w0 @ v1)), abs(0.75 * (0.6667 + 1.6667) - 1.75) < 0.0005)),
        ('- lungo $(1; -1)/\\sqrt2$', lambda: ALL(E('1', 1), E('-1', -1), E('1', d[0]), E('2', d[0] + lam),
            E('0,625', w1[0]), E('1,125', w1[1]), E('-0,5', w1 @ [1, -1]), E('1', 1), E('2', 2), C('0,6667', w0[0]), C('1,6667', w0[1]),
            near(w1 @ v2, d[0] / (d[0] + lam) * (w0 @ v2)), abs(0.5 * (0.6667 - 1.6667) + 0.5) < 0.0005)),
        ('La direzione meno "sostenuta"', lambda: ALL(E('2', 2), C('1,656', w1 @ w1), E('2', 2), C('3,222', w0 @ w0), w1 @ w1 < w0 @ w0,
            np.linalg.norm(np.linalg.solve(X.T @ X + 1e8 * np.eye(2), X.T @ y)) < 1e-6, E('0', 0))),
        ('**Nota per chi usa scikit-learn.**', lambda: ALL(E('1.0', lam), E('2', 2), E('2', 2),
            near(np.linalg.solve(X.T @ X + 1.0 * np.eye(2), X.T @ y), [0.625, 1.125], 1e-12), EV(['0.625', '1.125'], w1))),
    ]

# ======================================================================= 03
@register('03_logreg_gessian_ru.md', comma=True)
def f03():
    def nll(w, XX, yy):
        p = sig(XX @ w)
        return -np.sum(yy * np.log(p) + (1 - yy) * np.log(1 - p))
    X = np.array([[1.0, 2], [1, -1]]); y = np.array([1.0, 0]); w = np.array([0, 0.5])
    z = X @ w; p = sig(z); g = X.T @ (p - y); s = p * (1 - p); S = np.diag(s)
    H_true = hess(lambda u: nll(u, X, y), w)
    pr = r4(p); gr = np.array([pr[0] - 1 + pr[1], 2 * (pr[0] - 1) - pr[1]]); sr = np.array([0.1966, 0.2350])
    Hc = X @ np.diag(sr) @ X.T                         # the author's (carried) matrix
    Hc_r = np.array([[1.1366, -0.2734], [-0.2734, 0.4316]]); gc_r = np.array([0.1086, -0.9153])
    det_c = 1.1366 * 0.4316 - 0.2734 ** 2
    step_c = np.array([[0.4316, 0.2734], [0.2734, 1.1366]]) @ gc_r / 0.4158
    step_t = np.linalg.solve(H_true, g)
    def ell_z():
        ok = True
        for _ in range(4):
            zz = rand(); yy = float(RNG.integers(0, 2)); pp = sig(zz)
            l = lambda t: -yy * np.log(sig(t)) - (1 - yy) * np.log(1 - sig(t))
            ok &= abs(fd(l, zz) - (-yy / pp * pp * (1 - pp) + (1 - yy) / (1 - pp) * pp * (1 - pp))) < 1e-7 and abs(fd(l, zz) - (pp - yy)) < 1e-7
        return ok
    def grads():
        ok = True
        for _ in range(3):
            XX = rand(5, 3); yy = RNG.integers(0, 2, 5).astype(float); ww = rand(3)
            gg = grad(lambda u: nll(u, XX, yy), ww)
            ok &= near(gg, sum((sig(XX[i] @ ww) - yy[i]) * XX[i] for i in range(5))) and near(gg, XX.T @ (sig(XX @ ww) - yy))
            i = 2; ok &= near(grad(lambda u: nll(u, XX[i:i + 1], yy[i:i + 1]), ww), (sig(XX[i] @ ww) - yy[i]) * XX[i])
        return ok
    def hess_index():
        ok = True
        for _ in range(3):
            XX = rand(5, 3); yy = RNG.integers(0, 2, 5).astype(float); ww = rand(3); pp = sig(XX @ ww)
            Hn = hess(lambda u: nll(u, XX, yy), ww)
            form = np.array([[np.sum(pp * (1 - pp) * XX[:, j] * XX[:, k]) for k in range(3)] for j in range(3)])
            ok &= near(Hn, form, 1e-5) and near(grad(lambda u: sig(XX[1] @ u), ww), pp[1] * (1 - pp[1]) * XX[1])
        return ok
    def psd():
        XX = rand(5, 3); ww = rand(3); v = rand(3); pp = sig(XX @ ww)
        Hf = XX.T @ np.diag(pp * (1 - pp)) @ XX
        return abs(v @ Hf @ v - np.sum(pp * (1 - pp) * (XX @ v) ** 2)) < 1e-10 and np.linalg.eigvalsh(Hf).min() >= -1e-12
    def matrix_form():                       # the claim H = X S X^T, tested where it is defined (N = d)
        ok = True
        for _ in range(3):
            XX = rand(3, 3); yy = RNG.integers(0, 2, 3).astype(float); ww = rand(3); pp = sig(XX @ ww)
            ok &= near(hess(lambda u: nll(u, XX, yy), ww), XX @ np.diag(pp * (1 - pp)) @ XX.T, 1e-5)
        return ok
    MF = matrix_form()
    return [
        ('*Выполнил: Иванов А.', GIVEN, '*'),
        ('**Условие.** Дана выборка', GIVEN, '*'),
        ('$$L(w) = -\\sum_{i=1}^{N}', GIVEN, '*'),
        ('Найти $\\nabla_w L$ и гессиан', GIVEN, '*'),
        ('**Решение.** Обозначим', lambda: all(abs(fd(sig, t) - sig(t) * (1 - sig(t))) < 1e-8 for t in rand(5)), '1'),
        ('Для одного объекта $\\ell_i', GIVEN, '1 1'),
        ('$$\\frac{\\partial \\ell_i}{\\partial z_i}', ell_z, '1 1 1 1'),
        ('Так как $\\partial z_i/\\partial w', grads),
        ('$$\\nabla_w L = \\sum_{i=1}^{N}(p_i - y_i)', grads),
        ('**Гессиан.** Дифференцируем', hess_index, '1'),
        ('$$H_{jk} = \\frac{\\partial^2 L}', hess_index, '2 1'),
        ('Для любого $v \\in \\mathbb{R}^d$', psd, '1 2 0 0'),
        ('В матричном виде, если $S', lambda: True, '1 1'),
        ('$$H = X\\,S\\,X^\\top.$$', lambda: MF),
        ('**Численный пример.**', lambda: ALL(E('2', 2), EV(['1', '2', '1', '-1'], X), EV(['1', '0'], y), EV(['0', '0,5'], w))),
        ('- $z = Xw = (1;', lambda: ALL(EV(['1', '-0,5'], z), E('1', z[0]), E('-0,5', z[1]), CV(['0,7311', '0,3775'], p))),
        ('- $p - y \\approx', lambda: CV(['-0,2689', '0,3775'], p - y)),
        ('- $\\nabla L = X^\\top(p - y) = ', lambda: ALL(near(grad(lambda u: nll(u, X, y), w), g), C('-0,2689', p[0] - y[0]), C('0,3775', p[1]),
            E('2', X[0, 1]), C('-0,2689', p[0] - y[0]), C('0,3775', -X[1, 1] * p[1]), CV(['0,1086', '-0,9153'], g, gr))),
        ('- $S \\approx \\mathrm{diag}(0{,}7311', lambda: ALL(C('0,7311', p[0]), C('0,2689', 1 - p[0]), C('0,3775', p[1]), C('0,6225', 1 - p[1]),
            CV(['0,1966', '0,2350'], s))),
        ('- $H_{11} = 0{,}1966 + 4', lambda: ALL(C('0,1966', s[0]), E('4', X[0, 1] ** 2), C('0,2350', s[1]), C('1,1366', H_true[0, 0], Hc[0, 0]),
            C('0,1966', s[0]), E('2', -X[0, 1] * X[1, 1]), C('0,2350', s[1]), C('-0,2734', H_true[0, 1], Hc[0, 1]),
            C('0,1966', s[0]), C('0,2350', s[1]), C('0,4316', H_true[1, 1], Hc[1, 1]))),
        ('- $\\det H \\approx', lambda: ALL(C('1,1366', H_true[0, 0], Hc_r[0, 0]), C('0,4316', H_true[1, 1], Hc_r[1, 1]), C('0,2734', -H_true[0, 1], -Hc_r[0, 1]), E('2', 2),
            C('0,4158', np.linalg.det(H_true), det_c), np.linalg.det(H_true) > 0, E('0', 0), H_true[0, 0] > 0, E('0', 0), np.linalg.eigvalsh(H_true).min() > 0)),
        ('- шаг Ньютона:', lambda: ALL(E('-1', -1), E('1', 1), C('0,4158', np.linalg.det(H_true)),
            CV(['0,4316', '0,2734', '0,2734', '1,1366'], np.linalg.det(H_true) * np.linalg.inv(H_true) * [[1, -1], [-1, 1]], [[0.4316, 0.2734], [0.2734, 1.1366]]),
            CV(['0,1086', '-0,9153'], g, gc_r), CV(['-0,4891', '-2,4306'], step_t, step_c))),
        ('- $w_{\\text{new}} = w - H^{-1}', lambda: ALL(E('-1', -1), CV(['0,4891', '2,9306'], w - step_t, w - step_c))),
        ('**Ответ:**', lambda: ALL(grads(), MF, psd(), E('0', 0))),
    ]

# ======================================================================= 04
@register('04_sigmoid_bibun_ja.md')
def f04():
    ts = rand(8, lo=-5, hi=5)
    ds = lambda t: fd(sig, t)
    def same(form, ref=ds, tol=1e-7):
        return all(abs(form(t) - ref(t)) < tol for t in ts)
    s2 = sig(2.0); d2 = s2 * (1 - s2)
    return [
        ('**問題.**', GIVEN, '*'),
        ('(1) 合成関数の微分', lambda: all(abs(1 + np.exp(-t) - (1 + np.exp(-t))) == 0 for t in ts), '1 1'),
        ('$$\\sigma\'(z) = \\frac{d}{dz}\\,(1+e^{-z})^{-1}', lambda: same(lambda t: -(1 + np.exp(-t)) ** -2 * (-np.exp(-t)))
            and same(lambda t: np.exp(-t) / (1 + np.exp(-t)) ** 2) and same(lambda t: fd(lambda u: (1 + np.exp(-u)) ** -1, t)), '1 -1 1 -2 1 2'),
        ('(2) これを $\\dfrac{1}{1+e^{-z}}', lambda: same(lambda t: 1 / (1 + np.exp(-t)) * np.exp(-t) / (1 + np.exp(-t)))
            and all(abs(np.exp(-t) / (1 + np.exp(-t)) - (1 - 1 / (1 + np.exp(-t)))) < 1e-12 and abs(np.exp(-t) / (1 + np.exp(-t)) - (1 - sig(t))) < 1e-12 for t in ts),
            '2 1 1 1 2 1 1 1 1 1'),
        ('$$\\sigma\'(z) = \\sigma(z)\\bigl(1 - \\sigma(z)\\bigr).$$', lambda: same(lambda t: sig(t) * (1 - sig(t))), '1'),
        ('(3) さらに $1 - \\sigma(z)', lambda: all(abs(1 - sig(t) - sig(-t)) < 1e-12 for t in ts) and same(lambda t: sig(t) * sig(-t))
            and all(abs(ds(-t) - ds(t)) < 1e-8 for t in ts), '3 1'),
        ('(4) (1) の分子・分母', lambda: all(abs(np.exp(-t) / (1 + np.exp(-t)) ** 2 - np.exp(-t) * np.exp(t) / (np.exp(t) * (1 + np.exp(-t)) ** 2)) < 1e-12 for t in ts), '4 1'),
        ('$$\\sigma\'(z) = \\frac{1}{(e^{z/2}', lambda: same(lambda t: 1 / (np.exp(t / 2) + np.exp(-t / 2)) ** 2) and same(lambda t: 1 / (4 * np.cosh(t / 2) ** 2)),
            '1 2 2 2 1 4 2 2'),
        ('(5) $\\tanh$ との関係', lambda: all(abs(sig(t) - 0.5 * (1 + np.tanh(t / 2))) < 1e-12 for t in ts)
            and all(abs(fd(lambda u: np.tanh(u / 2), t) - 0.5 * (1 - np.tanh(t / 2) ** 2)) < 1e-8 for t in ts)
            and same(lambda t: 0.25 * (1 - np.tanh(t / 2) ** 2)), '5 1 2 1 2 2 1 2 1 4 1 2 2'),
        ('(6) 対数をとった形', lambda: same(lambda t: 1 - sig(t), lambda t: fd(lambda u: np.log(sig(u)), t))
            and same(lambda t: ds(t) / sig(t), lambda t: 1 - sig(t)), '6 1'),
        ('(7) ついでに2階微分', lambda: same(lambda t: fd(ds, t, 1e-4), lambda t: ds(t) * (1 - 2 * sig(t)), 1e-6)
            and same(lambda t: sig(t) * (1 - sig(t)) * (1 - 2 * sig(t)), lambda t: ds(t) * (1 - 2 * sig(t))), '7 2 1 2 1 1 2'),
        ('| $z$ | $\\sigma(z)$ |', GIVEN, '1 1 2 1 4 2 2 1 4 1 2 2'),
        ('| 0 | 0.5 | 0.25 |', lambda: ALL(E('0', 0), E('0.5', sig(0)), C('0.25', ds(0.0)), E('1', 1), E('4', 4), C('0.25', np.exp(0) / 4),
            E('1', 1), E('4', 4), E('0.25', 1 / (4 * np.cosh(0) ** 2)), E('1', 1), E('4', 4), E('1', 1), E('0', np.tanh(0)), E('0.25', 0.25 * (1 - np.tanh(0) ** 2)))),
        ('| 2 | 0.8808 | 0.1050 |', lambda: ALL(E('2', 2), C('0.8808', s2), C('0.1050', d2, 0.8808 * 0.1192), C('0.1353', np.exp(-2)), C('1.2889', (1 + np.exp(-2)) ** 2, 1.1353 ** 2),
            C('0.1050', np.exp(-2) / (1 + np.exp(-2)) ** 2, 0.1353 / 1.2889), E('1', 1), E('4', 4), C('2.3811', np.cosh(1) ** 2),
            C('0.1050', 1 / (4 * np.cosh(1) ** 2), 1 / (4 * 2.3811)), E('1', 1), E('4', 4), E('1', 1), C('0.5800', np.tanh(1) ** 2), C('0.1050', (1 - 0.58) / 4))),
        ('どの形でも同じ値になった。', lambda: ALL(E('2', 2), E('7', 7), E('2', 2), C('0.1050', d2), E('1', 1), C('1.7616', 2 * s2, 2 * 0.8808),
            C('-0.0800', fd(ds, 2.0, 1e-4), 0.1050 * (1 - 1.7616)), E('0', 0), all(fd(ds, t, 1e-4) < 0 for t in rand(5, lo=0.05, hi=6)))),
        ('**考察.** $\\sigma\'\'(0) = 0$', lambda: ALL(E('0', 0), C('0', fd(ds, 0.0, 1e-4)), E('3', 3), E('0', 0), E('1', 1), E('4', 4),
            ds(0.0) >= max(ds(t) for t in np.linspace(-10, 10, 2001)) - 1e-12, abs(ds(0.0) - 0.25) < 1e-9,
            E('10', 10), E('1', 1), E('4', 4), E('10', 10), C('9.5e-7', 0.25 ** 10)), '10'),
    ]

# ======================================================================= 05
@register('05_softmax_huigui_zh.md')
def f05():
    def ce(W, b, X, Y):                    # mean cross-entropy, row convention
        P = softmax(X @ W + b)
        return -np.mean(np.sum(Y * np.log(P), axis=1))
    x = np.array([1.0, 2]); W = np.array([[0.5, -0.5, 0], [0, 0.5, -0.5]]); y = np.array([1.0, 0, 0])
    z = x @ W; ez = np.exp(z); p = softmax(z); pr = r4(p)
    gW1 = grad(lambda M: ce(M, 0, x[None], y[None]), W)
    X = np.array([[1.0, 2], [-1, 1]]); Y = np.array([[1.0, 0, 0], [0, 0, 1]]); N = 2
    W0 = np.zeros((2, 3)); b0 = np.zeros(3); P0 = softmax(X @ W0 + b0)
    gW = grad(lambda M: ce(M, b0, X, Y), W0); gb = grad(lambda v: ce(W0, v, X, Y), b0)
    gW_c = X.T @ (P0 - Y); gb_c = (P0 - Y).sum(axis=0)                   # author's (sum) version
    W_t, b_t = W0 - 0.1 * gW, b0 - 0.1 * gb; W_c, b_c = W0 - 0.1 * gW_c, b0 - 0.1 * gb_c
    def jac():
        ok = True
        for _ in range(3):
            zz = rand(4); pp = softmax(zz)
            J = np.stack([grad(lambda u: softmax(u)[j], zz) for j in range(4)])
            ok &= near(J, pp[:, None] * (np.eye(4) - pp[None, :]))
        return ok
    def dz():
        ok = True
        for _ in range(3):
            zz = rand(4); pp = softmax(zz); yy = np.eye(4)[RNG.integers(4)]
            g = grad(lambda u: -np.sum(yy * np.log(softmax(u))), zz)
            ok &= near(g, -yy + pp * yy.sum()) and near(g, pp - yy) and abs(yy.sum() - 1) < 1e-12
            ok &= near(g, sum(-(yy[j] / pp[j]) * pp[j] * ((np.arange(4) == j) - pp) for j in range(4)))
        return ok
    def dW():
        ok = True
        for _ in range(3):
            xx = rand(3); WW = rand(3, 4); bb = rand(4); yy = np.eye(4)[RNG.integers(4)]; pp = softmax(xx @ WW + bb)
            ok &= near(grad(lambda M: ce(M, bb, xx[None], yy[None]), WW), np.outer(xx, pp - yy))
            ok &= near(grad(lambda v: ce(WW, v, xx[None], yy[None]), bb), pp - yy) and np.outer(xx, pp - yy).shape == (3, 4)
        return ok
    def batch_sum():
        XX = rand(5, 3); WW = rand(3, 4); YY = np.eye(4)[RNG.integers(0, 4, 5)]; PP = softmax(XX @ WW)
        return near(sum(np.outer(XX[n], PP[n] - YY[n]) for n in range(5)), XX.T @ (PP - YY), 1e-12)
    def batch_grad():
        ok = True
        for _ in range(3):
            XX = rand(5, 3); WW = rand(3, 4); bb = rand(4); YY = np.eye(4)[RNG.integers(0, 4, 5)]; PP = softmax(XX @ WW + bb)
            ok &= near(grad(lambda M: ce(M, bb, XX, YY), WW), XX.T @ (PP - YY))
            ok &= near(grad(lambda v: ce(WW, v, XX, YY), bb), np.ones(5) @ (PP - YY))
        return ok
    L0 = ce(W0, b0, X, Y)
    return [
        ('**记号.** 采用行向量约定', GIVEN, '*'),
        ('$$z = xW + b,\\qquad p_k', GIVEN),
        ('其中 $y$ 是 one-hot 标签', GIVEN),
        ('**(1) 单个样本.**', jac, '1'),
        ('$$\\frac{\\partial \\ell}{\\partial z_k} = -\\sum_{j}', dz),
        ('最后一步用到了', lambda: dz() and (softmax(rand(3))[None] - np.eye(3)[:1]).shape == (1, 3), '1 1'),
        ('$$\\frac{\\partial \\ell}{\\partial W} = x^\\top (p - y)', dW, '1'),
        ('形状检查：', lambda: rand(3)[:, None].shape == (3, 1) and (rand(3)[:, None] @ rand(1, 4)).shape == (3, 4), '1 1'),
        ('**数值例子**（$d = 2$', lambda: ALL(E('2', x.size), E('3', W.shape[1]), EV(['1', '2'], x), EV(['0.5', '-0.5', '0', '0', '0.5', '-0.5'], W),
            E('0', 0), E('1', 1), EV(['1', '0', '0'], y))),
        ('- $z = xW = (0.5,', lambda: EV(['0.5', '0.5', '-1'], z)),
        ('- $e^{z} \\approx (1.6487', lambda: CV(['1.6487', '1.6487', '0.3679'], ez) and C('3.6653', ez.sum()) and CV(['0.4498', '0.4498', '0.1004'], p)),
        ('- $\\ell = -\\log 0.4498', lambda: C('0.4498', p[0]) and C('0.7989', -np.log(p[0]))),
        ('- $p - y \\approx (-0.5502', lambda: CV(['-0.5502', '0.4498', '0.1004'], p - y)),
        ('- $\\dfrac{\\partial \\ell}{\\partial W} = x^\\top(p-y)', lambda: near(gW1, np.outer(x, p - y)) and CV(['-0.5502', '0.4498', '0.1004', '-1.1004', '0.8996', '0.2008'], gW1, np.outer(x, pr - y))),
        ('**(2) 小批量.**', GIVEN, '2 1 1'),
        ('对每个样本用 (1) 的结果再求和', batch_sum, '1'),
        ('$$\\nabla_W L = X^\\top (P - Y),', batch_grad, '1'),
        ('**数值例子**（$N = 2$）', lambda: ALL(E('2', N), EV(['1', '2', '-1', '1'], X), E('1', Y[0].argmax() + 1), E('3', Y[1].argmax() + 1), E('0', 0), E('0', 0))),
        ('- 此时 $Z = 0$', lambda: ALL(E('0', np.abs(X @ W0).max()), E('1', 1), E('3', 1 / P0[0, 0]), E('3', 3), C('1.0986', L0))),
        ('- $P - Y \\approx', lambda: CV(['-0.6667', '0.3333', '0.3333', '0.3333', '0.3333', '-0.6667'], P0 - Y)),
        ('- $\\nabla_W L = X^\\top(P-Y) = ', lambda: ALL(CV(['-1', '0', '1', '-1', '1', '0'], gW, gW_c),
            CV(['-0.3333', '0.6667', '-0.3333'], gb, gb_c))),
        ('- 学习率 $\\eta = 0.1$ 走一步', lambda: ALL(E('0.1', 0.1), CV(['0.1', '0', '-0.1', '0.1', '-0.1', '0'], W_t, W_c), CV(['0.0333', '-0.0667', '0.0333'], b_t, b_c))),
        ('- 更新后重新前向', lambda: ALL(C('0.8850', ce(W_t, b_t, X, Y), ce(W_c, b_c, X, Y)), C('1.0986', L0), ce(W_t, b_t, X, Y) < L0)),
        ('G_b = (P - Y).sum(axis=0)', lambda: ALL(E('0', 0), near(gb, (P0 - Y).sum(axis=0)))),
    ]

# ======================================================================= 06
@register('06_rede_221_pt.md', comma=True)
def f06():
    x = np.array([0.5, 1.0]); y = 1.0
    W1 = np.array([[0.4, -0.2], [0.3, 0.1]]); b1 = np.zeros(2); w2 = np.array([0.6, -0.5]); b2 = 0.2
    def net(W1_, b1_, w2_, b2_):
        h_ = sig(W1_ @ x + b1_); return sig(w2_ @ h_ + b2_)
    Lf = lambda W1_=W1, b1_=b1, w2_=w2, b2_=b2: 0.5 * (net(W1_, b1_, w2_, b2_) - y) ** 2
    z1 = W1 @ x + b1; h = sig(z1); zo = w2 @ h + b2; yh = sig(zo)
    hr = np.array([0.5, 0.5622]); yhr = 0.5545; spr = 0.2470; dor = -0.1100
    gW1 = grad(lambda M: Lf(W1_=M), W1); gb1 = grad(lambda v: Lf(b1_=v), b1)
    gw2 = grad(lambda v: Lf(w2_=v), w2); gb2 = fd(lambda t: Lf(b2_=t), b2)
    dh_true = grad(lambda hh: 0.5 * (sig(w2 @ hh + b2) - y) ** 2, h)
    dhr = np.array([-0.0660, 0.0550])
    d1_true = grad(lambda zz: 0.5 * (sig(w2 @ sig(zz) + b2) - y) ** 2, z1)
    d1_car = dhr * hr                                          # author's carried values
    d1r = np.array([-0.0330, 0.0309])
    def sigd():
        return all(abs(fd(sig, t) - sig(t) * (1 - sig(t))) < 1e-8 for t in rand(5))
    def delta2():
        ok = True
        for _ in range(3):
            zz, yy = rand(), rand()
            ok &= abs(fd(lambda t: 0.5 * (sig(t) - yy) ** 2, zz) - (sig(zz) - yy) * sig(zz) * (1 - sig(zz))) < 1e-8
        return ok
    n_par = W1.size + b1.size + w2.size + 1
    return [
        ('**Enunciado.** Rede com 2 entradas', GIVEN, '*'),
        ('$$W^{[1]} = \\begin{pmatrix} 0{,}4', GIVEN, '*'),
        ('(Linha $j$ de $W^{[1]}$', GIVEN, '*'),
        ('- $z^{[1]}_1 = 0{,}4', lambda: ALL(E('0,4', W1[0, 0]), E('0,5', x[0]), E('-0,2', W1[0, 1]), E('1,0', x[1]),
            E('0,2', W1[0, 0] * x[0]), E('0,2', -W1[0, 1] * x[1]), C('0', z1[0])), '0.1'),
        ('- $z^{[1]}_2 = 0{,}3', lambda: ALL(E('0,3', W1[1, 0]), E('0,5', x[0]), E('0,1', W1[1, 1]), E('1,0', x[1]), C('0,25', z1[1]))),
        ('- $h = \\sigma(z^{[1]}) =', lambda: ALL(C('0', z1[0]), C('0,25', z1[1]), CV(['0,5', '0,5622'], h))),
        ('- $z^{[2]} = 0{,}6', lambda: ALL(E('0,6', w2[0]), E('0,5', hr[0]), E('-0,5', w2[1]), C('0,5622', h[1]), E('0,2', b2),
            C('0,3', w2[0] * h[0]), C('0,2811', -w2[1] * hr[1]), E('0,2', b2), C('0,2189', zo, w2 @ hr + b2))),
        ('- $\\hat y = \\sigma(0{,}2189)', lambda: C('0,2189', zo) and C('0,5545', yh, sig(0.2189))),
        ('- $L = \\frac12(0{,}5545 - 1)^2', lambda: ALL(E('1', 1), E('2', 2), C('0,5545', yh), E('1', y), E('2', 2), E('1', 1), E('2', 2),
            C('0,1985', (yh - y) ** 2, (yhr - 1) ** 2), C('0,0992', Lf(), 0.5 * 0.1985))),
        ('**Backward (saída).** Usando', sigd, '1'),
        ('$$\\delta^{[2]} = \\frac{\\partial L}{\\partial z^{[2]}}', delta2, '1'),
        ('- $\\hat y(1 - \\hat y) = 0{,}5545', lambda: ALL(E('1', 1), C('0,5545', yh), C('0,4455', 1 - yh, 1 - yhr), C('0,2470', yh * (1 - yh), yhr * (1 - yhr)))),
        ('- $\\delta^{[2]} = (-0{,}4455)', lambda: ALL(C('-0,4455', yh - y), C('0,2470', yh * (1 - yh)),
            C('-0,1100', fd(lambda t: 0.5 * (sig(t) - y) ** 2, zo), -0.4455 * 0.2470))),
        ('- $\\partial L/\\partial w^{[2]} = \\delta^{[2]}\\,h', lambda: ALL(C('-0,1100', gb2), E('0,5', hr[0]), C('-0,1100', gb2), C('0,5622', h[1]),
            CV(['-0,0550', '-0,0618'], gw2, dor * hr))),
        ('- $\\partial L/\\partial b^{[2]} = \\delta^{[2]}', lambda: C('-0,1100', gb2)),
        ('**Backward (camada oculta).**', lambda: True),
        ('- $\\partial L/\\partial h = \\delta^{[2]}\\,w^{[2]}', lambda: ALL(C('-0,1100', gb2), E('0,6', w2[0]), C('-0,1100', gb2), E('-0,5', w2[1]),
            CV(['-0,0660', '0,0550'], dh_true, dor * w2))),
        ('- $\\delta^{[1]} = \\partial L/\\partial h \\odot', lambda: ALL(C('-0,0660', dh_true[0]), C('0,5', h[0] * (1 - h[0])), C('0,0550', dh_true[1]),
            C('0,5622', h[1] * (1 - h[1])), CV(['-0,0330', '0,0309'], d1_true))),
        ('- $\\partial L/\\partial W^{[1]} = \\delta^{[1]}\\,x^\\top', lambda: ALL(near(gW1, np.outer(d1_true, x)),
            CV(['-0,0165', '-0,0330', '0,0155', '0,0309'], gW1, np.outer(d1r, x)), near(gb1, d1_true), CV(['-0,0330', '0,0309'], gb1, d1_car))),
        ('**Atualização** com $\\eta = 1$', lambda: E('1', 1)),
        ('- $w^{[2]} \\leftarrow (0{,}6 + 0{,}0550', lambda: ALL(E('0,6', w2[0]), C('0,0550', -gw2[0]), E('-0,5', w2[1]), C('0,0618', -gw2[1], -dor * hr[1]),
            CV(['0,6550', '-0,4382'], w2 - gw2, w2 - dor * hr))),
        ('- $W^{[1]} \\leftarrow', lambda: CV(['0,4165', '-0,1670', '0,2845', '0,0691'], W1 - gW1, W1 - np.outer(d1r, x))),
        ('Total de parâmetros:', lambda: ALL(E('2', W1.shape[0]), E('2', W1.shape[1]), E('2', b1.size), E('2', w2.size), E('1', 1), E('1', 1),
            E('9', n_par), E('9', n_par))),
    ]

# ======================================================================= 07
@register('07_gd_step_ed_forum.md')
def f07():
    xs = np.array([1.0, 3]); ys = np.array([2.0, 4]); N = 2
    L = lambda w, b: np.sum((w * xs + b - ys) ** 2) / (2 * N)
    gw = lambda w, b: fd(lambda t: L(t, b), w); gb = lambda w, b: fd(lambda t: L(w, t), b)
    gb_c = lambda w, b: np.mean(ys - (w * xs + b))                   # author's flipped sign
    def step(eta, gbf):
        return 0 - eta * gw(0, 0), 0 - eta * gbf(0, 0)
    wt1, bt1 = step(0.1, gb); wc1, bc1 = step(0.1, gb_c)
    wt2, bt2 = step(1.0, gb); wc2, bc2 = step(1.0, gb_c)
    def dw():
        ok = True
        for _ in range(3):
            XX, YY, w, b = rand(4), rand(4), rand(), rand()
            Lr = lambda t: np.sum((t * XX + b - YY) ** 2) / 8
            ok &= abs(fd(Lr, w) - np.mean((w * XX + b - YY) * XX)) < 1e-7
        return ok
    def db():
        ok = True
        for _ in range(3):
            XX, YY, w, b = rand(4), rand(4), rand(), rand()
            Lr = lambda t: np.sum((w * XX + t - YY) ** 2) / 8
            ok &= abs(fd(Lr, b) - np.mean(YY - (w * XX + b))) < 1e-7
        return ok
    Hs = np.mean([[xs ** 2, xs], [xs, np.ones(2)]], axis=2)
    lmax = np.linalg.eigvalsh(Hs).max()
    def stab(eta, steps=200):
        w, b = 0.0, 0.0
        for _ in range(steps):
            w, b = w - eta * gw(w, b), b - eta * gb(w, b)
        return L(w, b)
    return [
        ('**#214 · HW1 Q3', GIVEN, '*'),
        ("> I'm fitting $\\hat y = wx + b$", lambda: ALL(EV(['1', '2', '3', '4'], np.c_[xs, ys]), E('0', 0), E('1', 1), E('2', N), E('2', 2), E('1', 1), E('5', L(0, 0)))),
        ('**Derivatives.** With residuals', lambda: True),
        ('$$\\frac{\\partial L}{\\partial w} = \\frac{1}{N}\\sum', dw, '1'),
        ('$$\\frac{\\partial L}{\\partial b} = \\frac{1}{N}\\sum', db, '1'),
        ('(the $\\frac12$ cancels the 2', lambda: dw(), '1 2 2'),
        ('**At the start** ($w = b = 0$)', lambda: ALL(E('0', 0), EV(['0', '0'], 0 * xs), EV(['-2', '-4'], 0 * xs - ys))),
        ('- $L = \\frac{1}{4}\\big((-2)^2', lambda: ALL(E('1', 1), E('4', 2 * N), E('-2', -ys[0]), E('2', 2), E('-4', -ys[1]), E('2', 2), E('20', np.sum(ys ** 2)), E('4', 4), E('5', L(0, 0)))),
        ('- $\\partial L/\\partial w = \\frac12', lambda: ALL(E('1', 1), E('2', N), E('-2', -ys[0]), E('1', xs[0]), E('-4', -ys[1]), E('3', xs[1]),
            E('-14', -ys @ xs), E('2', N), C('-7', gw(0, 0)))),
        ('- $\\partial L/\\partial b = \\frac12\\big(2 + 4\\big)', lambda: ALL(E('1', 1), E('2', N), E('2', ys[0]), E('4', ys[1]), C('3', gb(0, 0), gb_c(0, 0)))),
        ('**Step with $\\eta = 0.1$:**', lambda: E('0.1', 0.1)),
        ('- $w \\leftarrow 0 - 0.1\\cdot(-7) = 0.7$', lambda: ALL(E('0', 0), E('0.1', 0.1), C('-7', gw(0, 0)), C('0.7', wt1))),
        ('- $b \\leftarrow 0 - 0.1\\cdot 3 = -0.3$', lambda: ALL(E('0', 0), E('0.1', 0.1), C('3', gb(0, 0), gb_c(0, 0)), C('-0.3', bt1, bc1))),
        ('- new predictions $\\hat y = (0.7 - 0.3', lambda: ALL(C('0.7', wt1), C('0.3', -bt1, -bc1), C('2.1', 3 * wt1), C('0.3', -bt1, -bc1),
            CV(['0.4', '1.8'], wt1 * xs + bt1, wc1 * xs + bc1), CV(['-1.6', '-2.2'], wt1 * xs + bt1 - ys, wc1 * xs + bc1 - ys))),
        ('- new loss $L = \\frac14(2.56', lambda: ALL(E('1', 1), E('4', 2 * N), CV(['2.56', '4.84'], (wt1 * xs + bt1 - ys) ** 2, (wc1 * xs + bc1 - ys) ** 2),
            C('7.40', 4 * L(wt1, bt1), 4 * L(wc1, bc1)), E('4', 4), C('1.85', L(wt1, bt1), L(wc1, bc1)), L(wt1, bt1) < L(0, 0))),
        ('**Step with $\\eta = 1$ (what you did):**', lambda: E('1', 1)),
        ('- $w \\leftarrow 0 - 1\\cdot(-7) = 7$', lambda: ALL(E('0', 0), E('1', 1), C('-7', gw(0, 0)), C('7', wt2), E('0', 0), E('1', 1),
            C('3', gb(0, 0), gb_c(0, 0)), C('-3', bt2, bc2))),
        ('- predictions $(4,\\ 18)$', lambda: ALL(CV(['4', '18'], wt2 * xs + bt2, wc2 * xs + bc2), CV(['2', '14'], wt2 * xs + bt2 - ys, wc2 * xs + bc2 - ys),
            E('1', 1), E('4', 2 * N), CV(['4', '196'], (wt2 * xs + bt2 - ys) ** 2, (wc2 * xs + bc2 - ys) ** 2), C('50', L(wt2, bt2), L(wc2, bc2)))),
        ('So yes, it blows up with $\\eta = 1$.', lambda: ALL(E('1', 1), stab(1.0, 20) > 1e6, near(hess(lambda v: L(*v), [0.3, -0.2]), Hs, 1e-5),
            E('2', 2), E('1', 1), EV(['5', '2', '2', '1'], Hs), E('3', 3), E('8', 8), C('5.83', 3 + np.sqrt(8), lmax), abs(lmax - 3 - np.sqrt(8)) < 1e-12,
            E('2', 2), E('2', 2), C('5.83', lmax), C('0.34', 2 / lmax), stab(2 / lmax - 0.01, 3000) < stab(0, 1) and stab(2 / lmax + 0.01, 3000) > 1e3,
            E('0.1', 0.1), E('0.2', 0.2), stab(0.1) < 0.01 and stab(0.2) < 0.01)),
        ('*Edit:* a couple of people asked', lambda: ALL(E('2', N), abs(fd(lambda t: N * L(t, 0.3), 0.4) - N * gw(0.4, 0.3)) < 1e-6)),
    ]

# ======================================================================= 08
@register('08_perceptron_pl.md', comma=True)
def f08():
    Xp = np.array([[2.0, 1], [0, 2], [-1, -1]]); Yp = np.array([1.0, -1, -1])
    def run(bug=False, epochs=4):
        w, b, tr, n_upd = np.zeros(2), 0.0, {}, 0
        for ep in range(1, epochs + 1):
            for i in range(3):
                a = w @ Xp[i] + b; m = Yp[i] * a
                upd = m <= 0
                if upd:
                    xi = Xp[0] if (bug and ep == 1 and i == 1) else Xp[i]     # the author's slip: x_1 instead of x_2
                    w = w + Yp[i] * xi; b = b + Yp[i]; n_upd += 1
                tr[(ep, i + 1)] = dict(a=a, m=m, upd=upd, w=w.copy(), b=b)
        return tr, w, b, n_upd
    T, wT, bT, nT = run(); Cr, wC, bC, nC = run(True)
    t = lambda ep, i, k: (T[(ep, i)][k], Cr[(ep, i)][k])
    def V(shown, ep, i, k, j=None):
        a, c = t(ep, i, k)
        if j is not None:
            a, c = a[j], c[j]
        return C(shown, a, c)
    def hinge():
        ok = True
        for _ in range(4):
            w, b, x = rand(2), rand(), rand(2); yv = RNG.choice([-1.0, 1.0])
            Lh = lambda ww, bb: max(0.0, -yv * (ww @ x + bb))
            if yv * (w @ x + b) < -1e-3:
                ok &= near(grad(lambda u: Lh(u, b), w), -yv * x) and abs(fd(lambda s: Lh(w, s), b) - (-yv)) < 1e-6
        return ok
    def e1(shown, val):           # value at an epoch-1 state, true or carried
        return C(shown, *val)
    return [
        ('*Jan Kowalski, gr. 2', GIVEN, '*'),
        ('**Treść.** Dane są trzy punkty', GIVEN, '*'),
        ('$$x_1 = (2;\\ 1),\\ y_1 = +1', GIVEN, '*'),
        ('Klasyfikator: $\\hat y', GIVEN, '*'),
        ('**Reguła.** Jeżeli', lambda: True, '0'),
        ('$$w \\leftarrow w + \\eta\\, y_i\\, x_i', GIVEN),
        ('w przeciwnym razie nic nie zmieniamy.', hinge, '0'),
        ('- $i = 1$: $y_1(w^\\top x_1 + b) = 1\\cdot 0', lambda: ALL(E('1', 1), E('1', Yp[0]), E('0', T[(1, 1)]['a']), E('0', T[(1, 1)]['m']), E('0', 0), T[(1, 1)]['upd'],
            EV(['0', '0'], np.zeros(2)), E('1', Yp[0]), EV(['2', '1'], Xp[0]), EV(['2', '1'], T[(1, 1)]['w']), E('0', 0), E('1', Yp[0]), E('1', T[(1, 1)]['b'])), '2 2'),
        ('- $i = 2$: $w^\\top x_2 + b = 2\\cdot 0', lambda: ALL(E('2', 2), E('2', T[(1, 1)]['w'][0]), E('0', Xp[1, 0]), E('1', T[(1, 1)]['w'][1]), E('2', Xp[1, 1]),
            E('1', T[(1, 1)]['b']), E('3', T[(1, 2)]['a']), E('3', T[(1, 2)]['a']), E('-3', T[(1, 2)]['m']), E('0', 0), T[(1, 2)]['upd'])),
        ('- $\\quad w = (2;\\ 1) + (-1)\\cdot(2;\\ 1) = (0;\\ 0)$', lambda: ALL(EV(['2', '1'], T[(1, 1)]['w']), E('-1', Yp[1]), EV(['2', '1'], Xp[1]),
            EV(['0', '0'], T[(1, 2)]['w']), E('1', T[(1, 1)]['b']), E('-1', Yp[1]), E('0', T[(1, 2)]['b']))),
        ('- $i = 3$: $w^\\top x_3 + b = 0$', lambda: ALL(E('3', 3), V('0', 1, 3, 'a'), V('0', 1, 3, 'a'), V('0', 1, 3, 'm'), E('0', 0),
            EV(['0', '0'], Cr[(1, 2)]['w']), E('-1', Yp[2]), EV(['-1', '-1'], Xp[2]), V('1', 1, 3, 'w', 0), V('1', 1, 3, 'w', 1), E('0', Cr[(1, 2)]['b']), E('1', 1), V('-1', 1, 3, 'b'))),
        ('Po epoce 1: $w = (1;\\ 1)$', lambda: ALL(E('1', 1), V('1', 1, 3, 'w', 0), V('1', 1, 3, 'w', 1), V('-1', 1, 3, 'b'),
            e1('0', (T[(1, 3)]['w'][0] * Xp[1, 0], Cr[(1, 3)]['w'][0] * Xp[1, 0])), e1('2', (T[(1, 3)]['w'][1] * Xp[1, 1], Cr[(1, 3)]['w'][1] * Xp[1, 1])),
            e1('1', (-T[(1, 3)]['b'], -Cr[(1, 3)]['b'])), V('1', 2, 2, 'a'), E('0', 0), E('-1', Yp[1]))),
        ('- $i = 1$: $1\\cdot 2 + 1\\cdot 1 - 1 = 2$', lambda: ALL(E('1', 1), V('1', 1, 3, 'w', 0), E('2', Xp[0, 0]), V('1', 1, 3, 'w', 1), E('1', Xp[0, 1]),
            e1('1', (-T[(1, 3)]['b'], -Cr[(1, 3)]['b'])), V('2', 2, 1, 'a'), V('2', 2, 1, 'a'), V('2', 2, 1, 'm'), E('0', 0))),
        ('- $i = 2$: $1\\cdot 0 + 1\\cdot 2 - 1 = 1$', lambda: ALL(E('2', 2), V('1', 1, 3, 'w', 0), E('0', Xp[1, 0]), V('1', 1, 3, 'w', 1), E('2', Xp[1, 1]),
            e1('1', (-T[(1, 3)]['b'], -Cr[(1, 3)]['b'])), V('1', 2, 2, 'a'), V('1', 2, 2, 'a'), V('-1', 2, 2, 'm'), E('0', 0),
            V('1', 1, 3, 'w', 0), V('1', 1, 3, 'w', 1), EV(['0', '2'], Xp[1]), V('1', 2, 2, 'w', 0), V('-1', 2, 2, 'w', 1), V('-1', 1, 3, 'b'), E('1', 1), V('-2', 2, 2, 'b'))),
        ('- $i = 3$: $1\\cdot(-1) + (-1)\\cdot(-1) - 2 = -2$', lambda: ALL(E('3', 3), V('1', 2, 2, 'w', 0), E('-1', Xp[2, 0]), V('-1', 2, 2, 'w', 1), E('-1', Xp[2, 1]),
            e1('2', (-T[(2, 2)]['b'], -Cr[(2, 2)]['b'])), V('-2', 2, 3, 'a'), V('-2', 2, 3, 'a'), V('2', 2, 3, 'm'), E('0', 0))),
        ('- $i = 1$: $1\\cdot 2 + (-1)\\cdot 1 - 2 = -1$', lambda: ALL(E('1', 1), V('1', 2, 3, 'w', 0), E('2', Xp[0, 0]), V('-1', 2, 3, 'w', 1), E('1', Xp[0, 1]),
            e1('2', (-T[(2, 3)]['b'], -Cr[(2, 3)]['b'])), V('-1', 3, 1, 'a'), V('-1', 3, 1, 'a'), V('-1', 3, 1, 'm'), E('0', 0),
            V('1', 2, 3, 'w', 0), V('-1', 2, 3, 'w', 1), EV(['2', '1'], Xp[0]), V('3', 3, 1, 'w', 0), V('0', 3, 1, 'w', 1), V('-2', 2, 3, 'b'), E('1', 1), V('-1', 3, 1, 'b'))),
        ('- $i = 2$: $3\\cdot 0 + 0\\cdot 2 - 1 = -1$', lambda: ALL(E('2', 2), V('3', 3, 1, 'w', 0), E('0', Xp[1, 0]), V('0', 3, 1, 'w', 1), E('2', Xp[1, 1]),
            e1('1', (-T[(3, 1)]['b'], -Cr[(3, 1)]['b'])), V('-1', 3, 2, 'a'), V('-1', 3, 2, 'a'), V('1', 3, 2, 'm'), E('0', 0))),
        ('- $i = 3$: $3\\cdot(-1) + 0\\cdot(-1) - 1 = -4$', lambda: ALL(E('3', 3), V('3', 3, 2, 'w', 0), E('-1', Xp[2, 0]), V('0', 3, 2, 'w', 1), E('-1', Xp[2, 1]),
            e1('1', (-T[(3, 2)]['b'], -Cr[(3, 2)]['b'])), V('-4', 3, 3, 'a'), V('-4', 3, 3, 'a'), V('4', 3, 3, 'm'), E('0', 0))),
        ('**Epoka 4:** marginesy', lambda: ALL(E('4', 4), V('5', 4, 1, 'm'), V('1', 4, 2, 'm'), V('4', 4, 3, 'm'),
            not any(T[(4, i)]['upd'] for i in (1, 2, 3)) and not any(Cr[(4, i)]['upd'] for i in (1, 2, 3)))),
        ('**Odpowiedź.** $w = (3;\\ 0)$', lambda: ALL(CV(['3', '0'], wT, wC), C('-1', bT, bC), C('3', wT[0], wC[0]), C('1', -bT, -bC), E('0', 0),
            E('1', 1), C('3', 1 / (-bC / wC[0])), C('5', nT, nC),
            all(Yp[i] * (wT @ Xp[i] + bT) > 0 for i in range(3)))),
    ]

# ======================================================================= 09
@register('09_entropia_cruzada_es.md', comma=True)
def f09():
    z = np.array([2.0, 1.0, 0.1, -1.0]); c = 1; y = np.eye(4)[c]; ez = np.exp(z); p = softmax(z); pr = r4(p)
    L = lambda zz, yy=y: -np.sum(yy * np.log(softmax(zz)))
    g = grad(L, z)
    z2 = np.zeros(4); y2 = np.eye(4)[3]
    Z = np.stack([z, z2]); Y = np.stack([y, y2])
    Lb = lambda ZZ: np.mean([L(ZZ[n], Y[n]) for n in range(2)])
    gb = grad(Lb, Z)
    def lse():
        ok = True
        for _ in range(4):
            zz = rand(5); cc = RNG.integers(5); yy = np.eye(5)[cc]
            ok &= abs(L(zz, yy) + np.log(softmax(zz)[cc])) < 1e-12 and abs(L(zz, yy) - (-zz[cc] + np.log(np.sum(np.exp(zz))))) < 1e-12
            ok &= L(zz, yy) >= 0
        return ok
    def dlse():
        ok = True
        for _ in range(4):
            zz = rand(5); cc = RNG.integers(5); yy = np.eye(5)[cc]
            gg = grad(lambda u: -u[cc] + np.log(np.sum(np.exp(u))), zz)
            ok &= near(gg, -(np.arange(5) == cc).astype(float) + np.exp(zz) / np.exp(zz).sum()) and near(gg, softmax(zz) - yy)
        return ok
    def chain():
        ok = True
        for _ in range(3):
            zz = rand(5); yy = np.eye(5)[RNG.integers(5)]; pp = softmax(zz)
            ok &= near(grad(lambda q: -np.sum(yy * np.log(q)), pp), -yy / pp)
            J = np.stack([grad(lambda u: softmax(u)[j], zz) for j in range(5)])
            ok &= near(J, pp[:, None] * (np.eye(5) - pp[None, :]))
        return ok
    def chain2():
        zz = rand(5); yy = np.eye(5)[RNG.integers(5)]; pp = softmax(zz)
        s = sum(-(yy[j] / pp[j]) * pp[j] * ((np.arange(5) == j) - pp) for j in range(5))
        return near(s, -yy + pp * yy.sum()) and near(s, pp - yy) and near(grad(lambda u: L(u, yy), zz), pp - yy)
    def batch():
        ok = True
        for _ in range(2):
            ZZ = rand(3, 4); YY = np.eye(4)[RNG.integers(0, 4, 3)]
            ok &= near(grad(lambda M: np.mean([-np.sum(YY[n] * np.log(softmax(M[n]))) for n in range(3)]), ZZ), (softmax(ZZ) - YY) / 3)
        return ok
    return [
        ('**Enunciado.** Un clasificador', GIVEN, '*'),
        ('$$L(z) = -\\sum_{k=1}^{K} y_k \\log p_k .$$', GIVEN),
        ('a) Simplificar $L$.', lambda: E('4', 4)),
        ('**a)** Como solo $y_c$', lse),
        ('$$L = -z_c + \\log\\sum', lse),
        ('Además $L \\ge 0', lambda: ALL(E('0', 0), lse(), E('0', 0), E('1', 1), -np.log(1.0) == 0,
            all(-np.log(q) > 0 for q in RNG.uniform(0.01, 0.999, 5)))),
        ('**b)** Derivando la forma', lambda: True),
        ('$$\\frac{\\partial L}{\\partial z_k} = -\\mathbb{1}[k = c]', dlse, '1'),
        ('Lo compruebo también por la regla de la cadena', chain),
        ('$$\\frac{\\partial L}{\\partial z_k} = \\sum_{j} \\Big(', chain2),
        ('usando $\\sum_j y_j = 1$.', lambda: ALL(E('1', y.sum()), near(g, p - y), C('0', g.sum()))),
        ('**c)** $K = 4$', lambda: ALL(E('4', z.size), EV(['2,0', '1,0', '0,1', '-1,0'], z), E('2', c + 1))),
        ('- $e^{z} \\approx (7{,}3891', lambda: CV(['7,3891', '2,7183', '1,1052', '0,3679'], ez) and C('11,5804', ez.sum())),
        ('- $p \\approx (0{,}6381', lambda: CV(['0,6381', '0,2347', '0,0954', '0,0318'], p)),
        ('- $L = -\\log 0{,}2347', lambda: ALL(C('0,2347', p[c]), C('1,4493', L(z)), C('11,5804', ez.sum()), E('-1', -z[c]), C('2,4493', np.log(ez.sum())), C('1,4493', L(z)))),
        ('- $\\nabla_z L = p - y \\approx', lambda: ALL(CV(['0,6381', '-0,7653', '0,0954', '0,0318'], g),
            C('0,6381', g[0]), C('0,7653', -g[1]), C('0,0954', g[2]), C('0,0318', g[3]), C('0', 0.6381 - 0.7653 + 0.0954 + 0.0318))),
        ('**d)** Con $N$ ejemplos', batch),
        ('Ejemplo con $N = 2$', lambda: ALL(E('2', 2), EV(['0', '0', '0', '0'], z2), E('4', 4), EV(['0,25'] * 4, softmax(z2)), E('4', 4), C('1,3863', L(z2, y2)))),
        ('- $L = \\frac12(1{,}4493', lambda: ALL(E('1', 1), E('2', 2), C('1,4493', L(z)), C('1,3863', L(z2, y2)), C('1,4178', Lb(Z)))),
        ('- fila 1 de $\\nabla_Z L$', lambda: ALL(E('1', 1), E('1', 1), E('2', 2), CV(['0,6381', '-0,7653', '0,0954', '0,0318'], g), CV(['0,3190', '-0,3826', '0,0477', '0,0159'], gb[0]))),
        ('- fila 2 de $\\nabla_Z L$', lambda: ALL(E('2', 2), E('1', 1), E('2', 2), CV(['0,25', '0,25', '0,25', '-0,75'], softmax(z2) - y2), CV(['0,125', '0,125', '0,125', '-0,375'], gb[1]))),
        ('En PyTorch, `F.cross_entropy', lambda: batch()),
    ]

# ======================================================================= 10
@register('10_ortalama_toplam_tr.md', comma=True)
def f10():
    x = np.array([1.0, 2, 3, 4]); y = 2 * x; N = 4
    Lt = lambda w, xx=x, yy=y: np.sum(0.5 * (w * xx - yy) ** 2)
    Lo = lambda w, xx=x, yy=y: Lt(w, xx, yy) / xx.size
    gt = lambda w, xx=x, yy=y: fd(lambda t: Lt(t, xx, yy), w)
    go = lambda w, xx=x, yy=y: fd(lambda t: Lo(t, xx, yy), w)
    x8, y8 = np.r_[x, x], np.r_[y, y]
    def run(Lg, eta, w0=0.0, n=3):
        ws = [w0]
        for _ in range(n):
            ws.append(ws[-1] - eta * Lg(ws[-1]))
        return ws
    def rel():
        ok = True
        for _ in range(3):
            XX, YY, w = rand(5), rand(5), rand()
            ok &= abs(Lo(w, XX, YY) - Lt(w, XX, YY) / 5) < 1e-12
            ok &= abs(fd(lambda t: 0.5 * (t * XX[0] - YY[0]) ** 2, w) - (w * XX[0] - YY[0]) * XX[0]) < 1e-7
            ok &= abs(gt(w, XX, YY) - np.sum((w * XX - YY) * XX)) < 1e-6 and abs(gt(w, XX, YY) - 5 * go(w, XX, YY)) < 1e-6
        return ok
    def eta_eq():
        ok = True
        for _ in range(3):
            XX, YY, w, eo = rand(5), rand(5), rand(), RNG.uniform(0.01, 0.5)
            ok &= abs((w - eo / 5 * gt(w, XX, YY)) - (w - eo * go(w, XX, YY))) < 1e-7
        return ok
    curv_t = fd(lambda t: gt(t), 0.3, 1e-4); curv_o = fd(lambda t: go(t), 0.3, 1e-4)
    curv_t8 = fd(lambda t: gt(t, x8, y8), 0.3, 1e-4); curv_o8 = fd(lambda t: go(t, x8, y8), 0.3, 1e-4)
    return [
        ('**Tanımlar.** $N$ örnek', GIVEN, '*'),
        ('$$L_{\\text{top}}(w) = \\sum', rel, '1 1'),
        ('**Gradyanlar.** Türev doğrusal', rel),
        ('$$\\nabla L_{\\text{top}} = \\sum', rel),
        ('$$w - \\eta_{\\text{top}}\\nabla L_{\\text{top}} = w', eta_eq),
        ('elde edilir. Yani toplam kullanan biri', eta_eq),
        ('**Sayısal örnek.**', lambda: ALL(EV(['1', '2', '3', '4'], x), EV(['2', '4', '6', '8'], y), E('2', np.linalg.lstsq(x[:, None], y, rcond=None)[0][0]),
            E('0', 0), E('4', N))),
        ('- Örnek başına gradyanlar:', lambda: CV(['-2', '-8', '-18', '-32'], (0 * x - y) * x)),
        ('- $\\nabla L_{\\text{top}}(0) = -60$', lambda: ALL(E('0', 0), C('-60', gt(0)), E('0', 0), E('-60', -60), E('4', N), C('-15', go(0)))),
        ('- Ortalama ile, $\\eta_{\\text{ort}} = 0{,}05$', lambda: ALL(E('0,05', 0.05), E('0', 0), E('0,05', 0.05), C('-15', go(0)), C('0,75', run(go, 0.05)[1]))),
        ('- Toplam ile, $\\eta_{\\text{top}} = 0{,}05/4', lambda: ALL(E('0,05', 0.05), E('4', N), E('0,0125', 0.05 / N), E('0', 0), E('0,0125', 0.0125),
            C('-60', gt(0)), C('0,75', run(gt, 0.0125)[1]))),
        ('**Aynı $\\eta$\'yı kullanırsak', lambda: ALL(E('2', 2), C('30', curv_t), np.sum(x ** 2) == 30, E('30', 30), E('4', N), C('7,5', curv_o),
            E('1', 1), all(abs((run(go, e, w0)[1] - 2) - (1 - e * curv_o) * (w0 - 2)) < 1e-6 for e, w0 in [(0.05, 0.0), (0.1, 1.3)]))),
        ('- Ortalama, $\\eta = 0{,}05$: çarpan', lambda: ALL(E('0,05', 0.05), E('1', 1), E('0,05', 0.05), C('7,5', curv_o), C('0,625', 1 - 0.05 * curv_o),
            E('-2', 0 - 2), C('-1,25', run(go, 0.05)[1] - 2), C('0,75', run(go, 0.05)[1]))),
        ('- Toplam, $\\eta = 0{,}05$: çarpan', lambda: ALL(E('0,05', 0.05), E('1', 1), E('0,05', 0.05), C('30', curv_t), C('-0,5', 1 - 0.05 * curv_t),
            C('1', run(gt, 0.05)[1] - 2), C('3', run(gt, 0.05)[1]), abs(run(gt, 0.05, n=60)[-1] - 2) < 1e-6)),
        ('- Toplam, $\\eta = 0{,}05$, fakat her örneği', lambda: ALL(E('0,05', 0.05), E('8', x8.size), C('60', curv_t8), E('1', 1), C('3', 0.05 * curv_t8),
            C('-2', 1 - 0.05 * curv_t8), CV(['0', '6', '-6', '18'], run(lambda w: gt(w, x8, y8), 0.05)), abs(run(lambda w: gt(w, x8, y8), 0.05, n=20)[-1]) > 1e5)),
        ('- Ortalama ile $N = 8$', lambda: ALL(E('8', x8.size), C('60', curv_t8), E('8', 8), C('7,5', curv_o8), C('0,625', 1 - 0.05 * curv_o8))),
        ('Kararlılık koşulu', lambda: ALL(E('1', 1), E('1', 1), E('0', 0), E('2', 2), E('2', 2), C('7,5', curv_o), C('0,267', 2 / curv_o), E('4', N), E('2', 2), C('30', curv_t),
            C('0,0667', 2 / curv_t), abs(run(go, 2 / curv_o - 0.01, n=400)[-1] - 2) < 1e-3, abs(run(go, 2 / curv_o + 0.01, n=400)[-1] - 2) > 1)),
        ('**Sonuç.** Ortalama kayıpta', lambda: ALL(E('1', 1), E('1', 1), E('2', 2), E('2', 2), E('2', 2),
            abs(fd(lambda t: np.mean((t * x - y) ** 2), 0.7) - 2 * go(0.7)) < 1e-6)),
    ]

# ======================================================================= 11
@register('11_chain_rule_graph_notebook.md')
def f11():
    x, y, z = 3.0, -1.0, 2.5
    f = lambda v: (v[0] + v[1]) * v[2]
    P = np.array([x, y, z]); g = grad(f, P); q = x + y
    gg = lambda v: (v[0] + v[1]) * v[0]
    def sym():
        ok = True
        for _ in range(4):
            v = rand(3)
            ok &= near(grad(f, v), [v[2], v[2], v[0] + v[1]])
            ok &= near(grad(lambda u: u[0] * u[1], [v[0] + v[1], v[2]]), [v[2], v[0] + v[1]]) and near(grad(lambda u: u[0] + u[1], v[:2]), [1, 1])
        return ok
    h = 1e-5
    num = [(f(P + [h, 0, 0]) - f(P - [h, 0, 0])) / (2 * h), (f(P + [0, h, 0]) - f(P - [0, h, 0])) / (2 * h), (f(P + [0, 0, h]) - f(P - [0, 0, h])) / (2 * h)]
    return [
        ('We look at $f(x, y, z) = (x + y)\\,z$', lambda: all(abs(f(v) - (lambda qq: qq * v[2])(v[0] + v[1])) < 1e-12 for v in rand(3, 3))),
        ('x, y, z = 3.0, -1.0, 2.5', GIVEN, '*'),
        ('2.0 5.0', lambda: E('2.0', q) and E('5.0', f(P))),
        ('**Local derivatives.**', sym, '1'),
        ('$$\\frac{\\partial f}{\\partial x} = \\frac{\\partial f}{\\partial q}', sym, '1'),
        ('So at our point:', lambda: ALL(CV(['2.5'], g[0]), abs(g[1] - g[0]) < 1e-8, C('2', g[2]))),
        ('df_df = 1.0', lambda: E('1.0', 1.0)),
        ('df_dx = 1.0 * df_dq', lambda: E('1.0', grad(lambda u: u[0] + u[1], [x, y])[0].round(8))),
        ('df_dy = 1.0 * df_dq', lambda: E('1.0', grad(lambda u: u[0] + u[1], [x, y])[1].round(8))),
        ('2.5 2.5 2.0', lambda: CV(['2.5', '2.5', '2.0'], g)),
        ('Sanity check with central differences', lambda: ALL(E('2', 2), abs(fd(np.sin, 0.4, 1e-5) - np.cos(0.4)) < 1e-9, E('10', 10), E('-5', -5))),
        ('h = 1e-5', lambda: h == 1e-5, '1 5'),
        ('num = [(f_of(x + h, y, z)', lambda: E('2', 2)),
        ('[2.5 2.5 2. ]', lambda: ALL(EV(['2.5', '2.5', '2'], np.round(num, 6)))),
        ('**What the gradient means.**', lambda: ALL(E('0.01', 0.01), C('2.5', g[0]), E('0.01', 0.01), C('0.025', g[0] * 0.01), E('3.01', x + 0.01), E('1', -y), E('2.5', z),
            C('5.025', f(P + [0.01, 0, 0])), abs(f(P + [0.01, 0, 0]) - f(P) - g[0] * 0.01) < 1e-9,
            E('0.1', 0.1), C('2', q), E('2.6', z + 0.1), C('5.2', f(P + [0, 0, 0.1])), E('5', f(P)), C('2', g[2]), E('0.1', 0.1),
            all(abs(fd(lambda t: fd(lambda s: f(P + s * np.eye(3)[k]), t, 1e-4), 0.3, 1e-3)) < 1e-4 for k in range(3)))),
        ('xt, yt, zt = (torch.tensor', GIVEN, '*'),
        ('tensor(2.5000) tensor(2.5000) tensor(2.)', lambda: ALL(C('2.5000', g[0]), C('2.5000', g[1]), C('2', g[2]))),
        ('**Exercise (a variable used twice).**', lambda: ALL(near(grad(gg, [x, y]), [2 * x + y, x]), E('1', 1), E('2', 2),
            C('5', grad(gg, [x, y])[0]), C('3', grad(gg, [x, y])[1]), E('3', x), E('-1', y),
            all(near(grad(gg, v), [v[0] * 1 + (v[0] + v[1]), v[0]]) for v in rand(3, 2)))),
    ]

# ======================================================================= 12
@register('12_mlp_param_count_piazza.md')
def f12():
    def linear(n_in, n_out):            # torch.nn.Linear layout: y = x W^T + b
        return {'weight': np.zeros((n_out, n_in)), 'bias': np.zeros(n_out)}
    def forward_ok(layer, n_in):
        xx = rand(5, n_in)
        out = xx @ layer['weight'].T + layer['bias']
        return out.shape == (5, layer['weight'].shape[0])
    def mlp(sizes):
        return [linear(a, b) for a, b in zip(sizes[:-1], sizes[1:])]
    count = lambda layers: sum(p.size for l in layers for p in l.values())
    S = [784, 128, 64, 10]; M = mlp(S)
    Wn = [l['weight'].size for l in M]; Bn = [l['bias'].size for l in M]
    Bc = S[:-1]                                        # author's carried bias sizes (one per input)
    carried = lambda sizes: sum(a * b + a for a, b in zip(sizes[:-1], sizes[1:]))
    def bias_claim():
        ok = True
        for n_in, n_out in [(784, 128), (3, 5), (7, 2)]:
            l = linear(n_in, n_out)
            ok &= forward_ok(l, n_in) and l['bias'].shape == (n_in,)
        return ok
    def formula():
        ok = True
        for sizes in ([5, 3, 2], [4, 6, 6, 1], S):
            ok &= count(mlp(sizes)) == sum(sizes[l - 1] * sizes[l] + sizes[l - 1] for l in range(1, len(sizes)))
        return ok
    return [
        ('How many trainable parameters does the MLP', lambda: ALL(EV(['784', '128', '64', '10'], S))),
        ('Think of it layer by layer.', lambda: forward_ok(linear(4, 3), 4) and set(linear(4, 3)) == {'weight', 'bias'}),
        ('**Weights.** `nn.Linear(n_in, n_out).weight`', lambda: all(linear(a, b)['weight'].shape == (b, a) and linear(a, b)['weight'].size == a * b for a, b in [(3, 5), (784, 128)])),
        ('- layer 1: $784 \\times 128', lambda: ALL(E('1', 1), E('784', S[0]), E('128', S[1]), E('100352', Wn[0]))),
        ('- layer 2: $128 \\times 64', lambda: ALL(E('2', 2), E('128', S[1]), E('64', S[2]), E('8192', Wn[1]))),
        ('- layer 3: $64 \\times 10', lambda: ALL(E('3', 3), E('64', S[2]), E('10', S[3]), E('640', Wn[2]))),
        ('- all weights:', lambda: ALL(EV(['100352', '8192', '640'], Wn), E('109184', sum(Wn)))),
        ('**Biases.** The bias gets added', bias_claim),
        ('- layer 1: $784$, layer 2', lambda: ALL(E('1', 1), C('784', Bn[0], Bc[0]), E('2', 2), C('128', Bn[1], Bc[1]), E('3', 3), C('64', Bn[2], Bc[2]),
            C('784', Bn[0], Bc[0]), C('128', Bn[1], Bc[1]), C('64', Bn[2], Bc[2]), C('976', sum(Bn), sum(Bc)))),
        ('**Total:** $109{,}184 + 976', lambda: ALL(E('109184', sum(Wn)), C('976', sum(Bn), sum(Bc)), C('110160', count(M), carried(S)))),
        ('**General formula.** For layer sizes', lambda: len(M) == len(S) - 1),
        ('$$P = \\sum_{l=1}^{L} \\big(n_{l-1}', lambda: formula() and all(a * b + a == a * (b + 1) for a, b in [(3, 4), (784, 128)]), '1'),
        ('- the 2-2-1 net from lecture 5', lambda: ALL(E('2', 2), E('2', 2), E('1', 1), E('5', 5), E('2', 2), E('3', 2 + 1), E('2', 2), E('2', 1 + 1),
            C('10', count(mlp([2, 2, 1])), carried([2, 2, 1])))),
        ('- a `10 → 32 → 32 → 1` regression MLP', lambda: ALL(EV(['10', '32', '32', '1'], [10, 32, 32, 1]), E('10', 10), E('33', 33), E('32', 32), E('33', 33), E('32', 32), E('2', 2),
            CV(['330', '1056', '64'], [l['weight'].size + l['bias'].size for l in mlp([10, 32, 32, 1])], [330, 1056, 64]),
            C('1450', count(mlp([10, 32, 32, 1])), carried([10, 32, 32, 1])))),
        ('- our network again:', lambda: ALL(E('784', 784), E('129', 129), E('128', 128), E('65', 65), E('64', 64), E('11', 11),
            CV(['101136', '8320', '704'], [l['weight'].size + l['bias'].size for l in M], [a * b + a for a, b in zip(S[:-1], S[1:])]),
            C('110160', count(M), carried(S)))),
        ('Note the count only depends on the layer sizes', lambda: all(forward_ok(l, l['weight'].shape[1]) for l in mlp([6, 4, 2])) and count(mlp([6, 4, 2])) == 6 * 4 + 4 + 4 * 2 + 2),
    ]

# ======================================================================= 13
@register('13_l2_weight_decay_bishop.md')
def f13():
    Et = lambda w, Ph, t, lam: 0.5 * np.sum((t - Ph @ w) ** 2) + lam * w @ w
    ED = lambda w, Ph, t: 0.5 * np.sum((t - Ph @ w) ** 2)
    Phi = np.array([[1.0], [2.0]]); t = np.array([1.0, 3]); lam = 0.5; eta = 0.1
    PtP = (Phi.T @ Phi)[0, 0]; Ptt = (Phi.T @ t)[0]
    w_ml = Ptt / PtP
    w_true = Ptt / (PtP + 2 * lam); w_car = Ptt / (PtP + lam)
    def step(w, car):
        gED = grad(lambda u: ED(u, Phi, t), np.array([w]))[0]
        return (1 - eta * lam) * w - eta * gED if car else w - eta * grad(lambda u: Et(u, Phi, t, lam), np.array([w]))[0]
    def it(car, w=0.0, n=400):
        for _ in range(n):
            w = step(w, car)
        return w
    def dED():
        ok = True
        for _ in range(3):
            Ph, tt, w = rand(5, 3), rand(5), rand(3)
            g = grad(lambda u: ED(u, Ph, tt), w)
            ok &= near(g, -sum((tt[n] - w @ Ph[n]) * Ph[n] for n in range(5))) and near(g, Ph.T @ Ph @ w - Ph.T @ tt)
        return ok
    def dreg():
        ok = True
        for _ in range(3):
            w, l = rand(3), RNG.uniform(0.1, 2)
            ok &= near(grad(lambda u: l * u @ u, w), l * w)
        return ok
    def sol():
        ok = True
        for _ in range(3):
            Ph, tt, l = rand(6, 3), rand(6), RNG.uniform(0.1, 2)
            ws = np.linalg.solve(l * np.eye(3) + Ph.T @ Ph, Ph.T @ tt)
            ok &= near(grad(lambda u: Et(u, Ph, tt, l), ws), np.zeros(3))
        return ok
    def reduces():
        Ph, tt = rand(6, 3), rand(6)
        A = Ph.T @ Ph; l = 0.3
        B = rand(2, 3)                                   # rank-deficient Phi^T Phi, still invertible after + l I
        return near(np.linalg.solve(0 * np.eye(3) + A, Ph.T @ tt), np.linalg.lstsq(Ph, tt, rcond=None)[0]) and np.linalg.eigvalsh(l * np.eye(3) + B.T @ B).min() > 0
    def gd_form():
        ok = True
        for _ in range(3):
            Ph, tt, w, l, e = rand(5, 3), rand(5), rand(3), RNG.uniform(0.1, 2), RNG.uniform(0.01, 0.3)
            ok &= near(w - e * grad(lambda u: Et(u, Ph, tt, l), w), (1 - e * l) * w - e * grad(lambda u: ED(u, Ph, tt), w))
        return ok
    return [
        ('**Problem.** For a linear model', GIVEN, '*'),
        ('$$\\widetilde{E}(\\mathbf{w}) = \\frac{1}{2}', GIVEN, '*'),
        ('where $\\boldsymbol{\\phi}_n', GIVEN, '*'),
        ('**Solution.** Let $\\boldsymbol{\\Phi}$', GIVEN),
        ('$$\\nabla E_D(\\mathbf{w}) = -\\sum', dED, '1'),
        ('For the regulariser,', lambda: all(abs(w @ w - np.sum(w ** 2)) < 1e-12 for w in rand(3, 4)), '2'),
        ('$$\\nabla\\big(\\lambda\\,\\mathbf{w}^{\\mathrm T}\\mathbf{w}\\big) = \\lambda\\,\\mathbf{w}.', dreg, '2'),
        ('Adding (1) and (2)', lambda: E('1', 1) and E('2', 2)),
        ('$$\\big(\\lambda\\mathbf{I} + \\boldsymbol{\\Phi}', sol, '-1 3'),
        ('which reduces to the least-squares solution (3.15)', reduces, '3.15 0 0'),
        ('A gradient-descent step with learning rate', GIVEN),
        ('$$\\mathbf{w}^{(\\tau+1)} = ', gd_form, '1 1 4'),
        ('so before each data-driven step', gd_form, '1'),
        ('**Numerical example.** Here', lambda: ALL(EV(['1', '2'], Phi), EV(['1', '3'], t), E('1', 1), E('4', 4), E('5', PtP), E('1', 1), E('6', 6), E('7', Ptt))),
        ('- unregularised: $w_{\\mathrm{ML}} = 7/5 = 1.4$', lambda: ALL(E('7', Ptt), E('5', PtP), C('1.4', w_ml),
            abs(grad(lambda u: ED(u, Phi, t), np.array([w_ml]))[0]) < 1e-6)),
        ('- from (3) with $\\lambda = 0.5$', lambda: ALL(E('3', 3), E('0.5', lam), E('7', Ptt), E('0.5', lam), E('5', PtP), E('7', Ptt), E('5.5', PtP + lam),
            C('1.2727', w_true, w_car), E('5', PtP), E('5.5', PtP + lam), C('0.9091', w_true / w_ml, w_car / w_ml))),
        ('- from (4) with $\\eta = 0.1$', lambda: ALL(E('4', 4), E('0.1', eta), E('1', 1), E('0.1', eta), E('0.5', lam), C('0.95', 1 - 2 * eta * lam, 1 - eta * lam),
            E('0', 0), C('0.95', 1 - 2 * eta * lam, 1 - eta * lam), C('1.4', w_ml), C('1.33', step(w_ml, False), step(w_ml, True)))),
        ('Iterating (4) converges to the same', lambda: ALL(E('4', 4), C('1.2727', it(False), it(True)), abs(it(True) - w_car) < 1e-9, E('3', 3),
            Ptt / (PtP + 2 * 2 * lam) < w_true)),
    ]

# ======================================================================= 14
@register('14_early_stopping_hw.md')
def f14():
    tr = np.array([1.20, 0.85, 0.64, 0.51, 0.42, 0.35, 0.30, 0.26, 0.22, 0.19, 0.17, 0.15])
    va = np.array([1.25, 0.93, 0.76, 0.68, 0.64, 0.62, 0.63, 0.65, 0.66, 0.69, 0.72, 0.74])
    mins = 3
    def stop_epoch(p):
        best, best_ep, bad = np.inf, 0, 0
        for ep, v in enumerate(va, 1):
            if v < best:
                best, best_ep, bad = v, ep, 0
            else:
                bad += 1
            if bad >= p:
                return ep, best_ep
        return len(va), best_ep
    stop, best = stop_epoch(3)
    after = list(range(best + 1, stop + 1)); n_after = len(after)
    n_car = 2                                                      # the author's count (9 - 7)
    return [
        ('*Name: Jordan Lee', GIVEN, '*'),
        ('| train | 1.20 |', GIVEN, '*'),
        ('| val | 1.25 |', GIVEN, '*'),
        ('Each epoch takes 3 minutes.', lambda: ALL(E('3', mins), E('3', 3), E('3', 3))),
        ('**(a) Best epoch.**', lambda: ALL(E('6', np.argmin(va) + 1), E('0.62', va.min()), all(np.diff(va[:6]) < 0), all(np.diff(va[5:]) > 0),
            E('6', best), E('0.62', va[best - 1]))),
        ('**(b) Generalization gap at the best epoch.**', lambda: ALL(E('0.62', va[best - 1]), E('0.35', tr[best - 1]), C('0.27', va[best - 1] - tr[best - 1])), '0.37'),
        ('At the last epoch the gap is', lambda: ALL(E('0.74', va[-1]), E('0.15', tr[-1]), C('0.59', va[-1] - tr[-1]), va[-1] - tr[-1] > 2 * (va[best - 1] - tr[best - 1]),
            all(np.diff(tr) < 0), va[-1] > va[best - 1])),
        ('**(c) When does training stop?**', lambda: ALL(EV(['7', '8', '9'], after), EV(['0.63', '0.65', '0.66'], va[6:9]), E('0.62', va.min()),
            all(va[6:9] > va.min()), E('9', stop))),
        ('**(d) Wasted epochs.**', lambda: ALL(EV(['7', '8', '9'], after), E('9', stop), E('7', best + 1), C('2', n_after))),
        ('- wasted time: $2 \\times 3 = 6$', lambda: ALL(C('2', n_after, n_car), E('3', mins), C('6', n_after * mins, n_car * mins))),
        ('- fraction of the early-stopped run', lambda: ALL(C('2', n_after, n_car), E('9', stop), C('22', 100 * n_after / stop, 100 * n_car / stop))),
        ('**(e) Savings vs. running all 12 epochs.**', lambda: ALL(E('12', len(va)), E('12', len(va)), E('3', mins), E('36', len(va) * mins), E('9', stop), E('3', mins),
            E('27', stop * mins), E('36', 36), E('27', 27), E('9', (len(va) - stop) * mins), E('9', 9), E('36', 36), E('25', 100 * 9 / 36))),
        ('**(f) Relative improvement.**', lambda: ALL(E('1', 1), E('1.25', va[0]), E('0.62', va.min()), E('1.25', va[0]), E('0.62', va.min()), C('0.63', va[0] - va.min()),
            C('0.63', va[0] - va.min()), E('1.25', va[0]), C('50.4', 100 * (va[0] - va.min()) / va[0]))),
        ('**(g) Patience trade-off.**', lambda: ALL(E('1', 1), E('7', stop_epoch(1)[0]), E('7', 7), E('3', mins), E('21', stop_epoch(1)[0] * mins),
            E('6', 6), E('6', best), E('6', 6), E('12', stop_epoch(6)[0]), stop_epoch(6)[0] == len(va))),
    ]

# ======================================================================= 15
@register('15_newton_logreg_murphy.md')
def f15():
    def nll(w, X, y):
        mu = sig(X @ w)
        return -np.sum(y * np.log(mu) + (1 - y) * np.log(1 - mu))
    x = np.array([1.0, 2, -1, 3]); y = np.array([1.0, 0, 0, 1]); X1 = x[:, None]
    f = lambda w: nll(np.array([w]), X1, y)
    g = lambda w: fd(f, w); H = lambda w: fd(g, w, 1e-4)
    ws = [0.0]
    for _ in range(4):
        ws.append(ws[-1] - g(ws[-1]) / H(ws[-1]))
    mu1 = sig(ws[1] * x); mu1r = r4(mu1)
    def gradhess():
        ok = True
        for _ in range(3):
            X = rand(6, 3); yy = RNG.integers(0, 2, 6).astype(float); w = rand(3); mu = sig(X @ w)
            ok &= near(grad(lambda u: nll(u, X, yy), w), X.T @ (mu - yy)) and near(grad(lambda u: nll(u, X, yy), w), sum((mu[n] - yy[n]) * X[n] for n in range(6)))
            ok &= near(hess(lambda u: nll(u, X, yy), w), X.T @ np.diag(mu * (1 - mu)) @ X, 1e-5)
            ok &= near(hess(lambda u: nll(u, X, yy), w), sum(mu[n] * (1 - mu[n]) * np.outer(X[n], X[n]) for n in range(6)), 1e-5)
        return ok
    def dmu():
        ok = True
        for a in rand(4):
            yy = float(RNG.integers(0, 2))
            ok &= abs(fd(sig, a) - sig(a) * (1 - sig(a))) < 1e-8 and abs(fd(lambda t: -(yy * np.log(sig(t)) + (1 - yy) * np.log(1 - sig(t))), a) - (sig(a) - yy)) < 1e-7
        return ok
    def pd():
        X = rand(6, 3); w = rand(3); v = rand(3); mu = sig(X @ w); S = np.diag(mu * (1 - mu)); Hm = X.T @ S @ X
        return abs(v @ Hm @ v - np.sum((np.sqrt(S) @ X @ v) ** 2)) < 1e-10 and np.linalg.eigvalsh(Hm).min() > 0 and np.all((mu > 0) & (mu < 1))
    def irls():
        ok = True
        for _ in range(3):
            X = rand(6, 3); yy = RNG.integers(0, 2, 6).astype(float); w = rand(3); mu = sig(X @ w); S = np.diag(mu * (1 - mu))
            Hm = X.T @ S @ X; gg = X.T @ (mu - yy); zt = X @ w + np.linalg.solve(S, yy - mu)
            newton = w - np.linalg.solve(Hm, gg)
            ok &= near(newton, np.linalg.solve(Hm, Hm @ w - gg), 1e-9) and near(newton, np.linalg.solve(Hm, X.T @ S @ zt), 1e-9)
            # weighted least squares with weights mu(1-mu) on the working response
            Wh = np.sqrt(S); ok &= near(newton, np.linalg.lstsq(Wh @ X, Wh @ zt, rcond=None)[0], 1e-8)
        return ok
    def nonsep():
        return all(not np.all(np.sign(s * x) == 2 * y - 1) for s in (1, -1))
    return [
        ('**Setup.** Binary logistic regression', GIVEN, '*'),
        ('$$\\mathrm{NLL}(\\boldsymbol{w}) = -\\sum', GIVEN, '*'),
        ('Let $\\mathbf{X}$ be the $N \\times D$', GIVEN, '*'),
        ('**(a) Gradient and Hessian.**', dmu, '1'),
        ('$$\\boldsymbol{g}(\\boldsymbol{w}) = \\sum', gradhess),
        ('$$\\mathbf{H}(\\boldsymbol{w}) = \\sum', gradhess, '1'),
        ('For any $\\boldsymbol{v} \\neq', lambda: pd() and gradhess(), '0 1 2 2 0 0 1'),
        ('**(b) Newton as IRLS.**', irls, '-1 -1'),
        ('$$\\boldsymbol{w}_{t+1} = (\\mathbf{X}', irls, '-1 -1'),
        ('with working response', irls, '-1 1'),
        ('**(c) A run by hand.**', lambda: ALL(E('1', 1), EV(['1', '2', '-1', '3'], x), EV(['1', '0', '0', '1'], y), E('0', ws[0]), nonsep(),
            E('2', x[1]), E('0', y[1]), E('1', x[0]), E('1', y[0]))),
        ('- $t = 0$: all $\\mu_n = 0.5$', lambda: ALL(E('0', 0), E('0.5', sig(0)), E('4', 4), E('2', 2), C('2.7726', f(0.0)), abs(f(0.0) - 4 * np.log(2)) < 1e-12,
            E('-0.5', 0.5 - y[0]), E('1', x[0]), E('0.5', 0.5 - y[1]), E('2', x[1]), E('0.5', 0.5 - y[2]), E('-1', x[2]), E('-0.5', 0.5 - y[3]), E('3', x[3]), C('-1.5', g(0.0)),
            E('0.25', 0.25), EV(['1', '4', '1', '9'], x ** 2), C('3.75', H(0.0)), E('0', 0), E('1.5', 1.5), E('3.75', 3.75), C('0.4', ws[1]))),
        ('- $t = 1$: $\\boldsymbol{\\mu} \\approx', lambda: ALL(E('1', 1), CV(['0.5987', '0.6900', '0.4013', '0.7685'], mu1), C('2.4604', f(ws[1])))),
        ('- $\\quad g \\approx -0.4013', lambda: ALL(C('-0.4013', (mu1[0] - 1) * x[0]), C('1.3800', mu1[1] * x[1], mu1r[1] * x[1]), C('0.4013', -mu1[2] * x[2]),
            C('0.6945', -(mu1[3] - 1) * x[3], -(mu1r[3] - 1) * x[3]), C('-0.1171', g(ws[1])),
            CV(['0.2403', '0.8556', '0.2403', '1.6011'], mu1 * (1 - mu1) * x ** 2, r4(mu1r * (1 - mu1r)) * x ** 2), C('2.9373', H(ws[1]), np.sum(r4(r4(mu1r * (1 - mu1r)) * x ** 2))))),
        ('- $\\quad w_2 = 0.4 + 0.1171/2.9373', lambda: ALL(C('0.4', ws[1]), C('0.1171', -g(ws[1])), C('2.9373', H(ws[1]), 2.9373), C('0.4399', ws[2]))),
        ('- $t = 2$: $g \\approx -0.0027$', lambda: ALL(E('2', 2), C('-0.0027', g(ws[2])), C('0.4408', ws[3]), C('2.4580', f(ws[2])))),
        ('- $t = 3$: $g \\approx -1.5', lambda: ALL(E('3', 3), C('-1.5e-6', nll_grad_exact(ws[3], x, y)), C('0.4408', ws[4])), '10'),
        ('The gradient goes $-1.5', lambda: ALL(C('-1.5', g(0.0)), C('-0.117', g(ws[1])), C('-0.0027', g(ws[2])), C('-1.5e-6', nll_grad_exact(ws[3], x, y)),
            E('0.1', 0.1), E('0', 0), C('0.15', 0 - 0.1 * g(0.0))), '10'),
    ]

def nll_grad_exact(w, x, y):
    return float(np.sum((sig(w * x) - y) * x))

# ======================================================================= 16
@register('16_ridge_lasso_islr.md')
def f16():
    y1, lam = 3.0, 2.0
    fr = lambda b, yy=y1, l=lam: (yy - b) ** 2 + l * b ** 2
    fl = lambda b, yy=y1, l=lam: (yy - b) ** 2 + l * abs(b)
    grid = np.linspace(-10, 10, 200001)
    argmin = lambda fun, yy, l: grid[np.argmin(fun(grid, yy, l))]
    def ridge_sep():
        Y, B, l = rand(5), rand(5), 0.7
        X = np.eye(5)
        return abs(np.sum((Y - X @ B) ** 2) + l * np.sum(B ** 2) - sum(fr(B[j], Y[j], l) for j in range(5))) < 1e-12
    def ridge_sol():
        ok = True
        for yy, l in [(3.0, 2.0), (-1.3, 0.5), (0.4, 4.0)]:
            ok &= abs(argmin(fr, yy, l) - yy / (1 + l)) < 2e-4
            b = rand(); ok &= abs(fd(lambda t: fr(t, yy, l), b) - (-2 * (yy - b) + 2 * l * b)) < 1e-6
            ok &= abs(fd(lambda t: fd(lambda s: fr(s, yy, l), t), b, 1e-4) - (2 + 2 * l)) < 1e-4
        return ok
    def soft(yy, l):
        return yy - l / 2 if yy > l / 2 else (yy + l / 2 if yy < -l / 2 else 0.0)
    def lasso_sol():
        ok = True
        for yy, l in [(3.0, 2.0), (-2.5, 1.0), (0.3, 2.0), (-0.6, 2.0)]:
            ok &= abs(argmin(fl, yy, l) - soft(yy, l)) < 2e-4
        b = 1.7; ok &= abs(fd(lambda t: fl(t, 3.0, 2.0), b) - (-2 * (3.0 - b) + 2.0)) < 1e-6
        return ok
    R = [fr(b) for b in (0, 0.5, 1, 1.5, 2)]; Lg = [fl(b) for b in (0, 1, 1.5, 2, 2.5)]
    beta = np.round(np.arange(-1, 4 + 1e-9, 0.01), 10)
    return [
        ('# Chapter 6, Conceptual Exercise 6', lambda: True, '6 6'),
        ('We consider the simple special case of (6.12)', ridge_sep, '6.12 6.13'),
        ('$$\\sum_{j=1}^{p}(y_j - \\beta_j)^2', ridge_sep, '2 2'),
        ('and for the lasso the penalty is', lambda: ALL(E('1', 1), E('3', y1), E('2', lam))),
        ('**(a) Ridge.**', ridge_sol, '2 2 -2 2 0'),
        ('$$\\hat\\beta_1^R = \\frac{y_1}{1 + \\lambda}', ridge_sol, '1 6.14'),
        ('and since $f\'\'(\\beta_1) = 2 + 2\\lambda > 0$', lambda: ALL(ridge_sol(), E('2', 2), E('2', 2), E('0', 0), E('3', y1), E('3', 1 + lam), C('1', argmin(fr, y1, lam)))),
        ('| $\\beta_1$ | 0 | 0.5 | 1 | 1.5 | 2 |', GIVEN, '*'),
        ('| $(3-\\beta_1)^2 + 2\\beta_1^2$', lambda: ALL(E('3', y1), E('2', 2), E('2', lam), E('2', 2), EV(['9', '6.75', '6', '6.75', '9'], R))),
        ('The minimum is at $\\beta_1 = 1$', lambda: ALL(C('1', argmin(fr, y1, lam)), all(abs(fr(1 + d) - fr(1 - d)) < 1e-12 for d in rand(4)))),
        ('**(b) Lasso.**', lambda: lasso_sol() and abs(soft(3.0, 2.0) - (3.0 - 1.0)) < 1e-12, '2 0 -2 0 2 2'),
        ('$$\\hat\\beta_1^L = \\begin{cases}', lasso_sol, '2 2 2 2 0 2 6.15'),
        ('Here $y_1 = 3 > 1 = \\lambda/2$', lambda: ALL(E('3', y1), E('1', lam / 2), E('2', 2), E('3', y1), E('1', lam / 2), C('2', argmin(fl, y1, lam)))),
        ('| $\\beta_1$ | 0 | 1 | 1.5 | 2 | 2.5 |', GIVEN, '*'),
        ('| $(3-\\beta_1)^2 + 2\\lvert', lambda: ALL(E('3', y1), E('2', 2), E('2', lam), EV(['9', '6', '5.25', '5', '5.25'], Lg))),
        ('**(c) Comparison.**', lambda: ALL(E('1', 1), E('1', 1), E('1', 1), E('3', 1 + lam), E('2', 2), E('1', lam / 2), E('2', 2),
            all(abs(argmin(fr, yy, lam) - yy / 3) < 2e-4 and abs(abs(yy - argmin(fl, yy, lam)) - 1) < 2e-4 for yy in (2.0, 4.5, -3.0)),
            abs(argmin(fl, 0.9, lam)) < 1e-9, E('0.8', 0.8), E('0.8', 0.8), E('3', 1 + lam), C('0.267', argmin(fr, 0.8, lam)), E('0', argmin(fl, 0.8, lam)))),
        ('y <- 3; lambda <- 2', lambda: E('3', y1) and E('2', lam)),
        ('beta <- seq(-1, 4, by = 0.01)', lambda: ALL(E('-1', beta[0]), E('4', beta[-1]), E('0.01', beta[1] - beta[0]))),
        ('ridge <- (y - beta)^2', lambda: E('2', 2) and E('2', 2)),
        ('lasso <- (y - beta)^2', lambda: E('2', 2)),
        ('## [1] 1 2', lambda: ALL(E('1', 1), E('1', beta[np.argmin(fr(beta))]), E('2', beta[np.argmin(fl(beta))]))),
    ]

# ------------------------------------------------------------ number accounting
def _skip_group(s, i):
    """index just after the sub-/superscript argument starting at s[i]"""
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
    else:
        s = s.replace('{,}', '')
        s = re.sub(r'(?<=\d),(?=\d{3}(?!\d))', '', s)                  # 100,352
    out, i = [], 0
    while i < len(s):
        ch = s[i]
        if ch == '_' and not re.match(r'_[A-Za-z]*\(', s[i:]):            # subscripts are labels
            i = _skip_group(s, i + 1); continue
        if ch == '^' and re.match(r'\^\{?[(\[]\d+[)\]]', s[i:]):         # labels ^{(1)}, ^{[2]}
            i = _skip_group(s, i + 1); continue
        out.append(ch); i += 1
    return ''.join(out)

def line_tokens(line, comma):
    s = re.sub(r'^\s*(>\s*)+', '', line)
    s = re.sub(r'^\s*\d+\.\s', '', s)                                     # list enumerator
    return re.findall(r'(?<![A-Za-z0-9_.)\]}])-?(?<![A-Za-z0-9_.])[0-9]+(?:\.[0-9]+)?', normalise(s, comma))

def lit_tokens(shown):
    s = shown.strip().replace('−', '-').replace(',', '.').lstrip('+')
    m = re.fullmatch(r'(-?[0-9.]+)e([+-]?\d+)', s)
    if m:
        return [m.group(1), m.group(2).lstrip('+')]
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
            print(f'      L{ln:2d} {"T" if ok else "F"}  {text[:100]}')
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
    on_disk = sorted(f for f in os.listdir(D) if re.fullmatch(r'\d\d_.+\.md', f))
    all_ok = set(expected) == set(FILES) == set(on_disk) and len(FILES) == 16
    if not all_ok and not only:
        print('file set mismatch:', sorted(set(expected) ^ set(FILES)), sorted(set(on_disk) ^ set(FILES)))
    for name in names:
        fn, comma = FILES[name]
        if VERBOSE:
            print(name)
        ff, probs, n = check_file(name, fn, comma)
        exp = expected.get(name, 'missing')
        ok = (ff == exp) and not probs and 25 <= n <= 70
        all_ok &= ok
        print(f'{name:36s} lines={n:2d} first_false={ff!s:4s} expected={exp!s:4s} {"OK" if ok else "MISMATCH"}')
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
