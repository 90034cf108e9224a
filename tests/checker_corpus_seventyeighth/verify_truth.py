#!/usr/bin/env python3
"""Independent NumPy check of corpus78 (classical ML foundations).

For every file an ordered list of checks (unique substring of one line,
predicate, optional declared structural tokens).  Every line that contains
mathematics (LaTeX, inline code, code lines with a relation and a digit,
Unicode math symbols) must be covered by a check.  Givens / definitions are
GIVEN.  Worked numbers are recomputed and must agree to their printed
precision with the exact value or with the value recomputed from the rounded
numbers the author carried; symbolic derivative claims are tested with central
finite differences at random points; sizes / parameter counts are recomputed
by building arrays.  Every number printed on a checked line must be a checked
value or a declared token ('*' = line not accounted, used for givens only).
The first line whose predicate is False must equal expected.json.
Usage: python3 verify_truth.py [-v] [file-substring ...]
"""
import json, math, os, re, sys
from collections import Counter
import numpy as np

VERBOSE = '-v' in sys.argv
D = os.path.dirname(os.path.abspath(__file__))
RNG = np.random.default_rng(78)

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

_CARRY = []
def CC(shown, true, carried):
    """shown agrees with the true value; it must in any case agree with the value the
    author carried forward (consistency of a planted file after its error)."""
    ok = C(shown, true)
    _LITS.pop()
    if not C(shown, carried):
        _CARRY.append(f'{shown} does not follow from the carried value {carried!r}')
    return ok

def CCV(shown, true, carried):
    return all([CC(s, t, c) for s, t, c in zip(shown, np.ravel(true), np.ravel(carried))]) and len(shown) == np.size(true)

def CV(shown, *cands):
    arrs = [np.ravel(np.asarray(a, float)) for a in cands]
    if any(a.size != len(shown) for a in arrs):
        for s in shown:
            _LITS.append(s)
        return False
    return all([C(s, *[a[i] for a in arrs]) for i, s in enumerate(shown)])

def EV(shown, arr):
    arr = np.ravel(np.asarray(arr, float))
    if arr.size != len(shown):
        for s in shown:
            _LITS.append(s)
        return False
    return all([E(s, arr[i]) for i, s in enumerate(shown)])

def ALL(*xs):
    """every argument is already evaluated (so all literals are registered); AND them."""
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

def hess(f, x, h=1e-4):
    x = np.array(x, dtype=float); n = x.size
    H = np.zeros((n, n))
    for i in range(n):
        e = np.zeros(n); e[i] = h
        H[i] = (grad(f, x + e) - grad(f, x - e)) / (2 * h)
    return (H + H.T) / 2

def near(a, b, tol=1e-6):
    a = np.asarray(a, float); b = np.asarray(b, float)
    if b.ndim == 0:
        b = np.full(a.shape, float(b))
    return a.shape == b.shape and np.allclose(a, b, atol=tol, rtol=0)

def rand(*shape, lo=-2, hi=2):
    return RNG.uniform(lo, hi, size=shape)

def randspd(n):
    A = rand(n, n); return A @ A.T + n * np.eye(n)

sig = lambda z: 1.0 / (1.0 + np.exp(-np.clip(z, -500, 500)))
def softmax(z):
    z = np.asarray(z, float); e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)

def many(test, n=4):
    """run a randomised test n times"""
    return all(bool(test()) for _ in range(n))

FILES = {}
def register(name, comma=False):
    def deco(fn):
        FILES[name] = (fn, comma)
        return fn
    return deco

# ======================================================================= 01
@register('01_normal_equations_cs229.md')
def f01():
    X = np.array([[1.0, 0], [1, 1], [1, 2]]); y = np.array([1.0, 3, 4])
    XtX = X.T @ X; Xty = X.T @ y
    th = np.linalg.solve(XtX, Xty); yhat = X @ th; r = y - yhat
    J = lambda t, XX=X, yy=y: 0.5 * np.sum((XX @ t - yy) ** 2)
    def facts():
        def one():
            b, t, A = rand(4), rand(4), rand(4, 4); As = A + A.T
            return (near(grad(lambda u: b @ u, t), b) and near(grad(lambda u: u @ A @ u, t), (A + A.T) @ t)
                    and near(grad(lambda u: u @ As @ u, t), 2 * As @ t))
        return many(one)
    def j_forms():
        def one():
            XX, yy, t = rand(6, 3), rand(6), rand(3)
            s = 0.5 * sum((XX[i] @ t - yy[i]) ** 2 for i in range(6))
            return abs(s - 0.5 * (XX @ t - yy) @ (XX @ t - yy)) < 1e-12
        return many(one)
    def stepwise(k):
        def one():
            XX, yy, t = rand(5, 3), rand(5), rand(3)
            g = grad(lambda u: J(u, XX, yy), t)
            forms = {
                1: lambda u: 0.5 * (XX @ u - yy) @ (XX @ u - yy),
                2: lambda u: 0.5 * (u @ XX.T @ XX @ u - u @ XX.T @ yy - yy @ XX @ u + yy @ yy),
                3: lambda u: 0.5 * (u @ XX.T @ XX @ u - 2 * (XX.T @ yy) @ u),
            }
            if k in forms:
                return near(grad(forms[k], t), g)
            if k == 4:
                return near(0.5 * (2 * XX.T @ XX @ t - 2 * XX.T @ yy), g)
            return near(XX.T @ XX @ t - XX.T @ yy, g)
        return many(one)
    def remarks():
        def one():
            XX, yy, t = rand(5, 3), rand(5), rand(3)
            return (abs(t @ XX.T @ yy - yy @ XX @ t) < 1e-12 and near(XX.T @ XX, (XX.T @ XX).T, 1e-12)
                    and near(grad(lambda u: np.sum((XX @ u - yy) ** 2), t), 2 * XX.T @ (XX @ t - yy)))
        return many(one)
    def normal_eq():
        def one():
            XX, yy = rand(7, 3), rand(7)
            t = np.linalg.solve(XX.T @ XX, XX.T @ yy)
            return near(grad(lambda u: J(u, XX, yy), t), np.zeros(3)) and all(J(t, XX, yy) <= J(t + 0.1 * rand(3), XX, yy) for _ in range(5))
        return many(one)
    def closed():
        XX, yy = rand(6, 3), rand(6)
        t = np.linalg.inv(XX.T @ XX) @ XX.T @ yy
        return near(t, np.linalg.lstsq(XX, yy, rcond=None)[0])
    def entries():
        XX, yy, t = rand(5, 3), rand(5), rand(3); XX[:, 0] = 1.0
        z = XX @ t - yy
        return all(abs(z[i] - (XX[i] @ t - yy[i])) < 1e-15 for i in range(5)) and abs(z @ z - sum(z ** 2)) < 1e-12 and X.shape == (3, 2) and np.all(X[:, 0] == 1)
    inv6 = np.array([[5.0, -3], [-3, 3]])
    return [
        ('Gradient descent gives one way', GIVEN),
        ('For a function $f$ mapping', GIVEN, '1'),
        ('$$\\nabla_\\theta\\, b^T\\theta = b', lambda: ALL(facts(), E('2', 2), E('1', 1))),
        ('define the **design matrix**', lambda: ALL(E('1', 1), entries(), E('1', 1), E('2', 2))),
        ('$$J(\\theta) = \\frac12\\sum', lambda: ALL(j_forms(), E('1', 1), E('2', 2), E('2', 2), E('1', 1), E('2', 2)), '2'),
        ('Finally, to minimize $J$', GIVEN),
        ('\\nabla_\\theta J(\\theta) &= \\nabla_\\theta \\tfrac12', lambda: ALL(stepwise(1)), '1 2'),
        ('&= \\tfrac12 \\nabla_\\theta \\big(\\theta^TX^TX\\theta - \\theta^TX^T', lambda: stepwise(2), '1 2'),
        ('&= \\tfrac12 \\nabla_\\theta \\big(\\theta^TX^TX\\theta - 2', lambda: stepwise(3), '1 2 2'),
        ('&= \\tfrac12 \\big(2X^TX', lambda: stepwise(4), '1 2 2 2'),
        ('&= X^TX\\theta - X^T\\vec y .', lambda: stepwise(5)),
        ('In the third step', lambda: ALL(remarks(), E('2', 2), E('2', 2), E('1', 1), E('2', 2), E('2', 2)), '1'),
        ('To minimize $J$, we set its derivatives to zero', GIVEN),
        ('$$X^TX\\theta = X^T\\vec y. \\tag{3}$$', lambda: ALL(normal_eq(), E('3', 3))),
        ('Thus, provided $X$ has full column rank', closed, '-1'),
        ('Take $m = 3$ examples', lambda: ALL(E('3', X.shape[0]), E('1', X.shape[1] - 1),
            EV(['0', '1', '1', '3', '2', '4'], np.c_[X[:, 1], y]))),
        ('$$X = \\begin{bmatrix} 1 & 0', lambda: ALL(EV(['1', '0', '1', '1', '1', '2'], X), EV(['1', '3', '4'], y),
            EV(['3', '3', '3', '5'], XtX), EV(['8', '11'], Xty))),
        ('The determinant is', lambda: ALL(E('3', XtX[0, 0]), E('5', XtX[1, 1]), E('3', XtX[0, 1]), E('3', XtX[1, 0]),
            E('6', np.linalg.det(XtX)))),
        ('$$\\theta = \\frac16\\begin{bmatrix} 5', lambda: ALL(E('1', 1), E('6', np.linalg.det(XtX)), near(np.linalg.inv(XtX), inv6 / 6),
            EV(['5', '-3', '-3', '3'], inv6), EV(['8', '11'], Xty),
            E('1', 1), E('6', 6), E('40', 5 * 8), E('33', 3 * 11), E('-24', -3 * 8), E('33', 3 * 11),
            E('1', 1), E('6', 6), EV(['7', '9'], 6 * th), CV(['1.1667', '1.5'], th))),
        ('So the fitted line is', lambda: ALL(CV(['1.1667', '1.5'], th), CV(['1.1667', '2.6667', '4.1667'], yhat),
            CV(['-0.1667', '0.3333', '-0.1667'], r))),
        ('As a check, (3) says', lambda: ALL(E('3', 3), near(X.T @ r, 0),
            E('1', X[0, 0]), E('1', 1), E('6', -1 / r[0]), E('1', X[1, 0]), E('1', 1), E('3', 1 / r[1]), E('1', X[2, 0]), E('1', 1), E('6', -1 / r[2]), E('0', X[:, 0] @ r),
            E('0', X[0, 1]), E('1', 1), E('6', -1 / r[0]), E('1', X[1, 1]), E('1', 1), E('3', 1 / r[1]), E('2', X[2, 1]), E('1', 1), E('6', -1 / r[2]), E('0', X[:, 1] @ r))),
        ('The minimum cost is', lambda: ALL(E('1', 1), E('2', 2), EV(['1', '36', '4', '36', '1', '36'], np.c_[36 * r ** 2, [36, 36, 36]]),
            E('1', 1), E('12', 1 / J(th)), C('0.0833', J(th)),
            all(J(th) <= J(th + 0.05 * rand(2)) for _ in range(20)))),
    ]

# ======================================================================= 02
@register('02_ridge_regression_esl.md')
def f02():
    X = np.array([[-1.0, -1], [-1, 1], [1, 0], [1, 0]]); y = np.array([-2.0, 0, 1, 1]); lam = 2.0
    XtX = X.T @ X; Xty = X.T @ y
    b_ls = np.linalg.solve(XtX, Xty)
    b_true = np.linalg.solve(XtX + lam * np.eye(2), Xty)
    b_car = np.linalg.solve(XtX + lam / 2 * np.eye(2), Xty)          # the factor the author carries
    d2 = np.linalg.svd(X, compute_uv=False) ** 2
    sh_true = d2 / (d2 + lam); sh_car = d2 / (d2 + lam / 2)
    RSS = lambda b, XX=X, yy=y, l=lam: (yy - XX @ b) @ (yy - XX @ b) + l * b @ b
    def crit_41():
        def one():
            XX, yy, b0, b, l = rand(6, 3), rand(6), rand(), rand(3), abs(rand()) + 0.1
            s = sum((yy[i] - b0 - sum(XX[i, j] * b[j] for j in range(3))) ** 2 for i in range(6)) + l * sum(b ** 2)
            return abs(s - ((yy - b0 - XX @ b) @ (yy - b0 - XX @ b) + l * b @ b)) < 1e-10
        return many(one)
    def centering():
        def one():
            XX, yy, l = rand(7, 3), rand(7), abs(rand()) + 0.1
            Z = np.c_[np.ones(7), XX]
            # full minimisation with unpenalised intercept
            P = np.diag([0.0, l, l, l]); full = np.linalg.solve(Z.T @ Z + P, Z.T @ yy)
            Xc = XX - XX.mean(0); bc = np.linalg.solve(Xc.T @ Xc + l * np.eye(3), Xc.T @ yy)
            return near(full[1:], bc) and abs(full[0] + XX.mean(0) @ full[1:] - yy.mean()) < 1e-9
        return many(one)
    def matrix_form():
        def one():
            XX, yy, b, l = rand(6, 3), rand(6), rand(3), abs(rand()) + 0.1
            return abs(RSS(b, XX, yy, l) - (np.sum((yy - XX @ b) ** 2) + l * np.sum(b ** 2))) < 1e-12
        return many(one)
    def gradient_claim():
        def one():
            XX, yy, b, l = rand(6, 3), rand(6), rand(3), abs(rand()) + 0.5
            return near(grad(lambda u: RSS(u, XX, yy, l), b), -2 * XX.T @ (yy - XX @ b) + l * b)
        return many(one)
    def stationary(half=True):
        def one():
            XX, yy, l = rand(6, 3), rand(6), abs(rand()) + 0.5
            bb = np.linalg.solve(XX.T @ XX + (l / 2 if half else l) * np.eye(3), XX.T @ yy)
            return near(grad(lambda u: RSS(u, XX, yy, l), bb), np.zeros(3))
        return many(one)
    def linear_in_y():
        XX, l = rand(6, 3), 1.3; y1, y2 = rand(6), rand(6)
        f = lambda yy: np.linalg.solve(XX.T @ XX + l * np.eye(3), XX.T @ yy)
        Xr = np.c_[XX[:, 0], XX[:, 0], XX[:, 1]]          # rank deficient
        return (near(f(2 * y1 - y2), 2 * f(y1) - f(y2)) and np.linalg.matrix_rank(Xr.T @ Xr) < 3
                and np.linalg.matrix_rank(Xr.T @ Xr + l * np.eye(3)) == 3)
    def svd_fit(half=True):
        def one():
            XX, yy, l = rand(7, 3), rand(7), abs(rand()) + 0.5
            U, dd, Vt = np.linalg.svd(XX, full_matrices=False)
            lt = l / 2 if half else l
            fit_true = XX @ np.linalg.solve(XX.T @ XX + l * np.eye(3), XX.T @ yy)
            mid = U @ np.diag(dd) @ np.linalg.inv(np.diag(dd ** 2) + lt * np.eye(3)) @ np.diag(dd) @ U.T @ yy
            s = sum(U[:, j] * dd[j] ** 2 / (dd[j] ** 2 + lt) * (U[:, j] @ yy) for j in range(3))
            return near(mid, fit_true) and near(s, fit_true)
        return many(one)
    def svd_shapes():
        XX = rand(7, 3); U, dd, Vt = np.linalg.svd(XX, full_matrices=False)
        return (U.shape == (7, 3) and Vt.shape == (3, 3) and near(U.T @ U, np.eye(3)) and near(Vt @ Vt.T, np.eye(3))
                and np.all(np.diff(dd) <= 0) and np.all(dd >= 0) and near(U @ np.diag(dd) @ Vt, XX))
    def df_formula(half=True):
        def one():
            XX, l = rand(7, 3), abs(rand()) + 0.5
            dd = np.linalg.svd(XX, compute_uv=False); lt = l / 2 if half else l
            df_true = np.trace(XX @ np.linalg.inv(XX.T @ XX + l * np.eye(3)) @ XX.T)
            tr_claim = np.trace(XX @ np.linalg.inv(XX.T @ XX + lt * np.eye(3)) @ XX.T)
            return abs(tr_claim - df_true) < 1e-9 and abs(np.sum(dd ** 2 / (dd ** 2 + lt)) - df_true) < 1e-9
        return many(one)
    def df_limits():
        XX = rand(7, 3); dd = np.linalg.svd(XX, compute_uv=False)
        df = lambda l: np.sum(dd ** 2 / (dd ** 2 + l))
        ls = np.linspace(0, 50, 200)
        return abs(df(0) - 3) < 1e-12 and np.all(np.diff([df(l) for l in ls]) < 0) and df(1e9) < 1e-6
    return [
        ('Ridge regression shrinks the regression', GIVEN),
        ('$$\\hat\\beta^{\\rm ridge} = \\underset', lambda: ALL(crit_41(), E('2', 2), E('2', 2)), '3.41'),
        ('Here $\\lambda \\ge 0$ is a complexity', lambda: ALL(E('0', 0),
            np.linalg.norm(np.linalg.solve(XtX + 5 * np.eye(2), Xty)) < np.linalg.norm(np.linalg.solve(XtX + 1 * np.eye(2), Xty)))),
        ('Notice that the intercept $\\beta_0$', lambda: ALL(centering(), E('1', 1), E('1', 1))),
        ('$$\\mathrm{RSS}(\\lambda) = ', matrix_form, '3.43'),
        ('Differentiating with respect to $\\beta$', GIVEN),
        ('$$\\frac{\\partial\\,\\mathrm{RSS}(\\lambda)}{\\partial\\beta} =', lambda: ALL(gradient_claim(), E('-2', -2))),
        ('and setting this to zero gives', lambda: ALL(stationary(), E('2', 2))),
        ('(\\mathbf X^T\\mathbf X + \\tfrac{\\lambda}{2}\\mathbf I\\big)^{-1}\\mathbf X^T\\mathbf y, \\qquad (3.44)',
            lambda: ALL(stationary(), E('2', 2)), '-1 3.44'),
        ('where $\\mathbf I$ is the $p\\times p$', linear_in_y),
        ('**The SVD view.**', lambda: ALL(svd_shapes(), E('0', 0)), '3.44'),
        ('$$\\mathbf X\\hat\\beta^{\\rm ridge} = \\mathbf U', lambda: ALL(svd_fit(), E('2', 2), E('2', 2), E('2', 2), E('2', 2), E('2', 2)), '-1 3.47'),
        ('Like linear regression, ridge regression computes', lambda: ALL(svd_fit(), E('2', 2), E('2', 2), E('2', 2), E('2', 2))),
        ('$$\\mathrm{df}(\\lambda) = \\operatorname{tr}', lambda: ALL(df_formula(), E('2', 2), E('2', 2), E('2', 2), E('2', 2)), '-1 3.50'),
        ('This monotone decreasing function', lambda: ALL(df_limits(), E('0', 0), E('0', 0))),
        ('**A small example.**', lambda: ALL(E('4', X.shape[0]), E('2', X.shape[1]))),
        ('$$\\mathbf x_1 = (-1, -1, 1, 1)^T', lambda: ALL(EV(['-1', '-1', '1', '1'], X[:, 0]), EV(['-1', '1', '0', '0'], X[:, 1]),
            EV(['-2', '0', '1', '1'], y), abs(X[:, 0].sum()) + abs(X[:, 1].sum()) + abs(y.sum()) == 0)),
        ('The two columns are orthogonal', lambda: ALL(X[:, 0] @ X[:, 1] == 0, EV(['4', '2'], np.diag(XtX)), near(XtX, np.diag(np.diag(XtX))),
            EV(['4', '2'], Xty), EV(['1', '1'], b_ls), E('2', 2), E('4', d2[0]), E('2', 2), E('2', d2[1]),
            near(np.abs(np.linalg.svd(X)[2]), np.eye(2)))),
        ('With $\\lambda = 2$, (3.44) gives', lambda: ALL(E('2', lam), E('4', Xty[0]), E('4', XtX[0, 0]), CC('1', lam, lam / 2),
            E('2', Xty[1]), E('2', XtX[1, 1]), CC('1', lam, lam / 2), CCV(['0.8', '0.667'], b_true, b_car),
            CCV(['0.8', '0.667'], sh_true, sh_car)), '3.44'),
        ('The effective degrees of freedom are', lambda: ALL(E('2', lam), CCV(['0.8', '0.667'], sh_true, sh_car),
            CC('1.467', sh_true.sum(), sh_car.sum()), E('2', 2), E('2', b_ls @ b_ls),
            CC('0.8', b_true[0], b_car[0]), E('2', 2), CC('0.667', b_true[1], b_car[1]), E('2', 2), CC('1.084', b_true @ b_true, b_car @ b_car))),
    ]

# ======================================================================= 03
def perceptron_run(P, Y, w0=None, eta=1.0, epochs=3, slip=None):
    """log of (w_before, a, update?, w_after); slip=(k, j): in the k-th update the sign of
    component j of y_n x_n is flipped (the author's slip)."""
    w = np.zeros(P.shape[1]) if w0 is None else w0.copy(); log = []; k = 0
    for ep in range(epochs):
        for n in range(len(P)):
            a = w @ P[n]; upd = Y[n] * a <= 0; wb = w.copy()
            if upd:
                k += 1; d = eta * Y[n] * P[n]
                if slip is not None and k == slip[0]:
                    d = d.copy(); d[slip[1]] = -d[slip[1]]
                w = w + d
            log.append((wb, a, upd, w.copy()))
    return log

@register('03_perzeptron_uebung_de.md', comma=True)
def f03():
    P = np.array([[1.0, 3, -2], [1, 0, -1], [1, 0, -2], [1, 1, -2]]); Y = np.array([1.0, -1, -1, 1])
    T = perceptron_run(P, Y); K = perceptron_run(P, Y, slip=(2, 2))
    EP = lambda w, PP, YY: -sum(YY[n] * w @ PP[n] for n in range(len(PP)) if YY[n] * w @ PP[n] <= 0)
    def crit():
        def one():
            PP, YY, w = rand(6, 3), np.sign(rand(6)), rand(3)
            M = [n for n in range(6) if YY[n] * w @ PP[n] <= 0]
            g_claim = -sum((YY[n] * PP[n] for n in M), np.zeros(3))
            ok = EP(w, PP, YY) >= 0
            # away from the boundary the set M is locally constant: E_P is linear there
            if min(abs(w @ PP[n]) for n in range(6)) > 1e-3:
                ok &= near(grad(lambda u: EP(u, PP, YY), w, h=1e-7), g_claim)
            return ok
        return many(one, 8)
    def sgd_step():
        def one():
            x, yv, w, eta = rand(3), np.sign(rand()), rand(3), abs(rand()) + 0.1
            return near(w - eta * grad(lambda u: -yv * u @ x, w), w + eta * yv * x)
        return many(one)
    def improves():
        def one():
            x, yv, w, eta = rand(3), np.sign(rand()), rand(3), abs(rand()) + 0.1
            wn = w + eta * yv * x
            return abs(yv * wn @ x - (yv * w @ x + eta * x @ x)) < 1e-12 and yv ** 2 == 1
        return many(one)
    def eta_scale():
        ok = True
        for eta in (0.25, 0.5, 4.0):
            L1, Le = perceptron_run(P, Y), perceptron_run(P, Y, eta=eta)
            ok &= all(near(a[3] * eta, b[3]) and a[2] == b[2] for a, b in zip(L1, Le))
        return ok
    def row(i, upd, *items):
        """i = index into the log; items in printed order: ('wb'|'terms'|'x'|'wa', [3 shown]) or ('a'|'ya'|'0', shown)."""
        n = i % 4
        def pred():
            t, k = T[i], K[i]
            r = [E(str(i // 4 + 1), i // 4 + 1), (t[2] == upd) and (k[2] == upd)]
            for kind, sh in items:
                if kind == 'wb':
                    r.append(CCV(sh, t[0], k[0]))
                elif kind == 'terms':
                    r.append(CCV(sh, t[0] * P[n], k[0] * P[n]))
                elif kind == 'x':
                    r.append(EV(sh, P[n]))
                elif kind == 'wa':
                    r.append(CCV(sh, t[3], k[3]))
                elif kind == 'a':
                    r.append(CC(sh, t[1], k[1]))
                elif kind == 'ya':
                    r.append(CC(sh, Y[n] * t[1], Y[n] * k[1]))
                elif kind == '0':
                    r.append(E(sh, 0) and not np.any(t[0]))
            return ALL(*r)
        return pred
    def sep_check():
        w = K[-1][3]
        return all(Y[n] * (w @ P[n]) > 0 for n in range(4))
    def order_dep():
        Lr = perceptron_run(P[::-1], Y[::-1], epochs=6)
        return not near(Lr[-1][3], T[-1][3])
    wk = K[-1][3]; wt = T[-1][3]
    n_upd_true = sum(t[2] for t in perceptron_run(P, Y, epochs=6)); n_upd_car = sum(k[2] for k in K)
    return [
        ('**Vorbemerkung.** Wir rechnen', lambda: ALL(E('2', P.shape[1] - 1), E('1', 1), E('1', P[0, 0]), np.all(P[:, 0] == 1))),
        ('$$\\hat y(x) = \\begin{cases} +1', GIVEN, '1 0 -1'),
        ('**a) Perzeptron-Kriterium und Lernregel.**', lambda: ALL(E('0', 0))),
        ('$$E_P(w) = -\\sum_{n \\in \\mathcal M}', lambda: ALL(many(lambda: EP(rand(3), rand(5, 3), np.sign(rand(5))) >= 0, 10), E('0', 0))),
        ('Solange $\\mathcal M$ sich nicht ändert', crit),
        ('$$\\nabla_w E_P(w) = -\\sum', crit),
        ('Ein stochastischer Gradientenschritt', lambda: ALL(E('0', 0))),
        ('$$w^{(\\tau+1)} = w^{(\\tau)} - \\eta', sgd_step, '1'),
        ('Der Schritt verbessert den Wert', lambda: ALL(improves(), E('2', 2), E('1', 1), E('1', 1), E('2', 2))),
        ('Startet man in $w^{(0)} = 0$', lambda: ALL(eta_scale(), E('0', 0), E('1', 1))),
        ('**b) Daten**', lambda: ALL(E('4', len(P)))),
        ('- $\\tilde x_1 = (1;', lambda: ALL(EV(['1', '3', '-2'], P[0]), E('1', Y[0]))),
        ('- $\\tilde x_2 = (1;', lambda: ALL(EV(['1', '0', '-1'], P[1]), E('-1', Y[1]))),
        ('- $\\tilde x_3 = (1;', lambda: ALL(EV(['1', '0', '-2'], P[2]), E('-1', Y[2]))),
        ('- $\\tilde x_4 = (1;', lambda: ALL(EV(['1', '1', '-2'], P[3]), E('1', Y[3]))),
        ('**c) Zwei Epochen von Hand.**', lambda: ALL(E('0', 0), EV(['1', '2', '3', '4'], [1, 2, 3, 4]))),
        ('| Schritt | $w$ vorher', GIVEN),
        ('| Ep. 1, $n{=}1$ |', row(0, True, ('wb', ['0', '0', '0']), ('a', '0'), ('ya', '0'), ('0', '0'), ('x', ['1', '3', '-2']), ('wa', ['1', '3', '-2']))),
        ('| Ep. 1, $n{=}2$ |', row(1, True, ('wb', ['1', '3', '-2']), ('terms', ['1', '0', '2']), ('a', '3'), ('ya', '-3'), ('wb', ['1', '3', '-2']), ('x', ['1', '0', '-1']), ('wa', ['0', '3', '-3']))),
        ('| Ep. 1, $n{=}3$ |', row(2, True, ('wb', ['0', '3', '-3']), ('terms', ['0', '0', '6']), ('a', '6'), ('ya', '-6'), ('wb', ['0', '3', '-3']), ('x', ['1', '0', '-2']), ('wa', ['-1', '3', '-1']))),
        ('| Ep. 1, $n{=}4$ |', row(3, False, ('wb', ['-1', '3', '-1']), ('terms', ['-1', '3', '2']), ('a', '4'), ('ya', '4'), ('wa', ['-1', '3', '-1']))),
        ('| Ep. 2, $n{=}1$ |', row(4, False, ('wb', ['-1', '3', '-1']), ('terms', ['-1', '9', '2']), ('a', '10'), ('ya', '10'), ('wa', ['-1', '3', '-1']))),
        ('| Ep. 2, $n{=}2$ |', row(5, True, ('wb', ['-1', '3', '-1']), ('terms', ['-1', '0', '1']), ('a', '0'), ('ya', '0'), ('wb', ['-1', '3', '-1']), ('x', ['1', '0', '-1']), ('wa', ['-2', '3', '0']))),
        ('| Ep. 2, $n{=}3$ |', row(6, False, ('wb', ['-2', '3', '0']), ('terms', ['-2', '0', '0']), ('a', '-2'), ('ya', '2'), ('wa', ['-2', '3', '0']))),
        ('| Ep. 2, $n{=}4$ |', row(7, False, ('wb', ['-2', '3', '0']), ('terms', ['-2', '3', '0']), ('a', '1'), ('ya', '1'), ('wa', ['-2', '3', '0']))),
        ('**d) Kontrolle (Epoche 3).**', lambda: ALL(E('3', 3), CCV(['-2', '3', '0'], wt, wk),
            CCV(['7', '2', '2', '1'], Y * (P @ wt), Y * (P @ wk)), E('0', 0), E('3', 3), CC('4', n_upd_true, n_upd_car))),
        ('Die gelernte Trenngerade ist', lambda: ALL(CCV(['-2', '3', '0'], wt, wk), E('0', 0), CC('2', -wt[0], -wk[0]), CC('3', wt[1], wk[1]),
            CC('0.67', -wt[0] / wt[1], -wk[0] / wk[1]), sep_check(), EV(['3', '1', '0'], [P[0, 1], P[3, 1], P[1, 1]]))),
        ('**Hinweis zur Korrektur:**', order_dep),
    ]

# ======================================================================= 04
@register('04_logistic_hessian_murphy.md')
def f04():
    X = np.array([[1.0, 1], [1, 2], [1, -1]]); y = np.array([1.0, 1, 0]); N = 3
    def nll(w, XX=X, yy=y):
        a = XX @ w; return np.mean(yy * np.logaddexp(0, -a) + (1 - yy) * np.logaddexp(0, a))
    w0 = np.zeros(2); mu = sig(X @ w0); g = X.T @ (mu - y) / N
    H = X.T @ np.diag(mu * (1 - mu)) @ X / N; w1 = w0 - np.linalg.solve(H, g)
    def rnd():
        XX = rand(6, 3); yy = (rand(6) > 0).astype(float); w = rand(3); return XX, yy, w
    def ce_form():
        def one():
            XX, yy, w = rnd(); m = sig(XX @ w)
            Hce = lambda p, q: -(p * np.log(q) + (1 - p) * np.log(1 - q))
            return abs(nll(w, XX, yy) - np.mean(Hce(yy, m))) < 1e-12
        return many(one)
    def dsig():
        a = rand(5); return near(grad(lambda u: np.sum(sig(u)), a), sig(a) * (1 - sig(a)))
    def dmu():
        def one():
            XX, yy, w = rnd(); n = 2
            return near(grad(lambda u: sig(XX[n] @ u), w), sig(XX[n] @ w) * (1 - sig(XX[n] @ w)) * XX[n])
        return many(one)
    def dlogs():
        def one():
            XX, yy, w = rnd(); n = 4; m = sig(XX[n] @ w)
            return (near(grad(lambda u: np.log(sig(XX[n] @ u)), w), (1 - m) * XX[n])
                    and near(grad(lambda u: np.log(1 - sig(XX[n] @ u)), w), -m * XX[n]))
        return many(one)
    def line(k):
        def one():
            XX, yy, w = rnd(); m = sig(XX @ w); n_ = len(yy); gnum = grad(lambda u: nll(u, XX, yy), w)
            f1 = -np.sum((yy * (1 - m) - (1 - yy) * m)[:, None] * XX, axis=0) / n_
            f2 = -np.sum((yy - yy * m - m + yy * m)[:, None] * XX, axis=0) / n_
            f3 = np.sum((m - yy)[:, None] * XX, axis=0) / n_
            return near(gnum, f1) if k == 1 else (near(gnum, f2) and near(gnum, f3))
        return many(one)
    def vec_grad():
        def one():
            XX, yy, w = rnd(); m = sig(XX @ w); gnum = grad(lambda u: nll(u, XX, yy), w)
            return near(gnum, sum((m[n] - yy[n]) * XX[n] for n in range(6)) / 6) and near(gnum, XX.T @ (m - yy) / 6)
        return many(one)
    def error_signal():
        XX, yy, w = rand(6, 3), rand(6), rand(3)
        return near(grad(lambda u: 0.5 * np.mean((XX @ u - yy) ** 2), w), XX.T @ (XX @ w - yy) / 6)
    def hessian():
        def one():
            XX, yy, w = rnd(); m = sig(XX @ w); Hn = hess(lambda u: nll(u, XX, yy), w)
            S = np.diag(m * (1 - m))
            return (near(Hn, sum(m[n] * (1 - m[n]) * np.outer(XX[n], XX[n]) for n in range(6)) / 6, 1e-5)
                    and near(Hn, XX.T @ S @ XX / 6, 1e-5))
        return many(one)
    def psd():
        def one():
            XX, yy, w = rnd(); m = sig(XX @ w); S = np.diag(m * (1 - m)); Sh = np.sqrt(S); v = rand(3)
            q = v @ XX.T @ S @ XX @ v
            return abs(q - (v @ XX.T @ Sh) @ (Sh @ XX @ v)) < 1e-12 and abs(q - np.sum((Sh @ XX @ v) ** 2)) < 1e-12 and q >= 0
        return many(one)
    def pd():
        def one():
            XX, yy, w = rnd(); m = sig(XX @ w)
            return np.linalg.matrix_rank(XX) == 3 and np.all((m > 0) & (m < 1)) and np.linalg.eigvalsh(XX.T @ np.diag(m * (1 - m)) @ XX).min() > 0
        return many(one)
    def separable():
        ws = [s * np.array([0.0, 1.0]) for s in (1, 5, 25, 100)]
        vals = [nll(w) for w in ws]
        return all(a > b for a, b in zip(vals, vals[1:])) and vals[-1] < 1e-30 and all(np.sign(X[:, 1]) == 2 * y - 1)
    return [
        ('In this section, we discuss how', lambda: ALL(E('1', 1))),
        ('**Objective function.** Let $a_n', lambda: ALL(E('1', 1))),
        ('$$\\mathrm{NLL}(\\boldsymbol w) = -\\frac{1}{N}', lambda: ALL(ce_form(), E('1', 1), E('1', 1), E('1', 1), E('1', 1)), '10.21'),
        ('where $\\mathbb H_{ce}(p,q)', lambda: ALL(GIVEN(), E('1', 1), E('1', 1))),
        ('$$\\frac{d\\mu_n}{da_n} = \\sigma(a_n)', lambda: ALL(dsig(), E('1', 1), E('1', 1)), '10.22'),
        ('Hence, by the chain rule', lambda: ALL(dmu(), E('1', 1))),
        ('$$\\frac{\\partial}{\\partial w_d}\\log\\mu_n = (1-\\mu_n)', lambda: ALL(dlogs(), E('1', 1)), '1 10.23'),
        ('\\frac{\\partial\\,\\mathrm{NLL}}{\\partial w_d} &=', lambda: ALL(line(1), E('1', 1), E('1', 1), E('1', 1))),
        ('&= -\\frac{1}{N}\\sum_n \\big[y_n - y_n\\mu_n', lambda: ALL(line(2), E('1', 1), E('1', 1))),
        ('Let $\\mathbf X$ be the $N\\times D$ design matrix', lambda: X.shape == (N, 2)),
        ('$$\\nabla_{\\boldsymbol w}\\mathrm{NLL}(\\boldsymbol w) = \\frac{1}{N}\\sum', lambda: ALL(vec_grad(), E('1', 1), E('1', 1)), '10.24'),
        ('If we interpret $e_n = \\mu_n - y_n$', error_signal),
        ('**Computing the Hessian.** Differentiating (10.24)', lambda: ALL(hessian(), E('10.24', 10.24), E('10.22', 10.22))),
        ('$$\\mathbf H(\\boldsymbol w) = \\nabla', lambda: ALL(hessian(), E('1', 1), E('1', 1), E('1', 1)), '10.25'),
        ('where $\\mathbf S = \\mathrm{diag}\\big(', lambda: ALL(hessian(), E('1', 1), E('1', 1))),
        ('$$\\boldsymbol v^\\top\\mathbf X^\\top\\mathbf S\\,\\mathbf X\\boldsymbol v =', lambda: ALL(psd(), E('1', 1), E('2', 2), E('1', 1), E('2', 2), E('1', 1), E('2', 2), E('2', 2), E('0', 0)), '10.26'),
        ('In fact it is positive definite whenever', lambda: ALL(pd(), E('0', 0), E('1', 1)), '8.1'),
        ('**Example.** Take $N = 3$', lambda: ALL(E('3', N), E('2', X.shape[1]), E('1', X[0, 0]), EV(['1', '2', '-1'], X[:, 1]), EV(['1', '1', '0'], y),
            E('0', 0), CV(['0.5', '0.5', '0.5'], mu), E('0', 0), E('2', 2), abs(nll(w0) - math.log(2)) < 1e-12, C('0.6931', nll(w0)),
            near(np.diag(mu * (1 - mu)), 0.25 * np.eye(3)), E('0.25', 0.25))),
        ('- Gradient: $\\boldsymbol\\mu - \\boldsymbol y', lambda: ALL(EV(['-0.5', '-0.5', '0.5'], mu - y), E('0', 0), E('1', 1), E('3', N),
            EV(['-0.5', '-2'], N * g), near(grad(nll, w0), g), CV(['-0.1667', '-0.6667'], g))),
        ('- Hessian: $\\mathbf X^\\top\\mathbf X =', lambda: ALL(EV(['3', '2', '2', '6'], X.T @ X), E('0', 0), E('0.25', 0.25), E('3', N),
            near(H, 0.25 / 3 * X.T @ X), near(hess(nll, w0), H, 1e-5), CV(['0.25', '0.1667', '0.1667', '0.5'], H),
            E('1', 1), E('6', 1 / np.linalg.eigvalsh(H)[0]), E('7', 7), E('12', 7 / np.linalg.eigvalsh(H)[1]), np.all(np.linalg.eigvalsh(H) > 0))),
        ('- Newton step: $\\boldsymbol w_1', lambda: ALL(E('-1', -1), CV(['-0.2857', '1.4286'], w1), C('0.6931', nll(w0)), C('0.1720', nll(w1)))),
        ('A word of caution: this toy dataset', lambda: ALL(separable(), E('0', 0), E('1', 1), E('0', 0)), '10.2'),
    ]

# ======================================================================= 05
@register('05_svm_marge_souple_fr.md', comma=True)
def f05():
    X = np.array([[3.0, 2], [1, 2], [0, 1], [2, 0]]); Y = np.array([1.0, 1, -1, -1]); Cc = 1.0
    w = np.array([0.5, 0.5]); b = -1.0; eta = 0.1
    hinge = lambda z: np.maximum(0, 1 - z)
    J = lambda ww, bb, XX=X, YY=Y, CC_=Cc: 0.5 * ww @ ww + CC_ * np.sum(hinge(YY * (XX @ ww + bb)))
    f = X @ w + b; m = Y * f; V = m < 1
    s = (Y[V, None] * X[V]).sum(0); sb = Y[V].sum()
    gw_t = w - Cc * s; gb_t = -Cc * sb                      # true subgradient
    gw_c = w + Cc * s; gb_c = Cc * sb                       # carried (flipped sign)
    w_t, b_t = w - eta * gw_t, b - eta * gb_t
    w_c, b_c = w - eta * gw_c, b - eta * gb_c
    m_t = Y * (X @ w_t + b_t); m_c = Y * (X @ w_c + b_c)
    def slack():
        def one():
            XX, YY, ww, bb = rand(5, 2), np.sign(rand(5)), rand(2), rand()
            # minimal feasible xi_i of (5.1) is the hinge; plugging in gives (5.2)
            xi = np.maximum(0, 1 - YY * (XX @ ww + bb))
            feas = np.all(YY * (XX @ ww + bb) >= 1 - xi - 1e-12) and np.all(xi >= 0)
            smaller = xi - 1e-3
            infeas = [not (YY[i] * (XX[i] @ ww + bb) >= 1 - smaller[i] and smaller[i] >= 0) for i in range(5)]
            return feas and all(infeas) and abs(0.5 * ww @ ww + 1.3 * xi.sum() - J(ww, bb, XX, YY, 1.3)) < 1e-12
        return many(one)
    def hinge_props():
        zs = np.linspace(-3, 3, 61); ok = True
        for a in zs:
            for c in zs:
                for t in (0.3, 0.7):
                    ok &= hinge(t * a + (1 - t) * c) <= t * hinge(a) + (1 - t) * hinge(c) + 1e-12
        left = (hinge(1) - hinge(1 - 1e-6)) / 1e-6; right = (hinge(1 + 1e-6) - hinge(1)) / 1e-6
        return ok and abs(left + 1) < 1e-6 and abs(right) < 1e-6
    def subdiff():
        zs = np.linspace(-4, 4, 81)
        ok = abs(fd(hinge, 0.3) + 1) < 1e-8 and abs(fd(hinge, 1.7)) < 1e-8 and abs(fd(hinge, -2.0) + 1) < 1e-8
        for g in np.linspace(-1, 0, 11):                                  # every g in [-1, 0] works at z = 1
            ok &= np.all(hinge(zs) >= hinge(1.0) + g * (zs - 1) - 1e-12)
        for g in (-1.05, 0.05):                                           # nothing outside
            ok &= not np.all(hinge(zs) >= hinge(1.0) + g * (zs - 1) - 1e-12)
        return ok
    def subgrad_def():
        hh = lambda v: abs(v); return all(hh(v) >= hh(0) + g * (v - 0) for v in np.linspace(-2, 2, 41) for g in (-1, -0.3, 0, 1))
    def per_example():
        def one():
            x, yv, ww, bb = rand(2), np.sign(rand()), rand(2), rand()
            if yv * (x @ ww + bb) >= 0.9:
                bb = bb - yv * 3.0
            li = lambda u: hinge(yv * (x @ u[:2] + u[2]))
            gnum = grad(li, np.r_[ww, bb])
            return near(gnum, np.r_[yv * x, yv])
        return many(one, 6)
    def zgrad():
        x, yv, ww, bb = rand(2), -1.0, rand(2), rand()
        return near(grad(lambda u: yv * (x @ u[:2] + u[2]), np.r_[ww, bb]), np.r_[yv * x, yv])
    def full_subgrad():
        def one():
            XX, YY, ww, bb = rand(6, 2), np.sign(rand(6)), rand(2), rand()
            mm = YY * (XX @ ww + bb)
            if np.min(np.abs(mm - 1)) < 1e-3:
                return True
            VV = mm < 1
            claim = np.r_[ww + 1.3 * (YY[VV, None] * XX[VV]).sum(0), 1.3 * YY[VV].sum()]
            return near(grad(lambda u: J(u[:2], u[2], XX, YY, 1.3), np.r_[ww, bb]), claim)
        return many(one, 6)
    return [
        ('On dispose de $n$ exemples', lambda: ALL(E('-1', -1), E('1', 1))),
        ('$$\\min_{w,\\,b,\\,\\xi}', lambda: ALL(GIVEN(), E('1', 1), E('2', 2), E('2', 2), E('1', 1), E('0', 0)), '5.1'),
        ('La constante $C > 0$ règle', lambda: ALL(slack(), E('0', 0), E('0', 0), E('1', 1)), '5.1'),
        ('$$J(w, b) = \\frac12\\|w\\|^2', lambda: ALL(slack(), E('1', 1), E('2', 2), E('2', 2), E('0', 0), E('1', 1)), '5.2'),
        ('La fonction $\\ell$ est la **perte charnière**', lambda: ALL(hinge_props(), E('1', 1))),
        ('Prenons $n = 4$, $d = 2$, $C = 1$', lambda: ALL(E('4', 4), E('2', 2), E('1', Cc), EV(['3', '2', '1', '2'], X[:2]), E('1', Y[0]),
            EV(['0', '1', '2', '0'], X[2:]), E('-1', Y[2]), EV(['0.5', '0.5'], w), E('-1', b))),
        ('| $i$ | $f(x_i)$', GIVEN),
        ('| 1 | $1{,}5 + 1 - 1', lambda: ALL(E('1', 1), EV(['1.5', '1', '1'], [w[0] * X[0, 0], w[1] * X[0, 1], -b]), C('1.5', f[0]), C('1.5', m[0]), C('0', hinge(m[0])))),
        ('| 2 | $0{,}5 + 1 - 1', lambda: ALL(E('2', 2), EV(['0.5', '1', '1'], [w[0] * X[1, 0], w[1] * X[1, 1], -b]), C('0.5', f[1]), C('0.5', m[1]), C('0.5', hinge(m[1])))),
        ('| 3 | $0 + 0{,}5 - 1', lambda: ALL(E('3', 3), EV(['0', '0.5', '1'], [w[0] * X[2, 0], w[1] * X[2, 1], -b]), C('-0.5', f[2]), C('0.5', m[2]), C('0.5', hinge(m[2])))),
        ('| 4 | $1 + 0 - 1', lambda: ALL(E('4', 4), EV(['1', '0', '1'], [w[0] * X[3, 0], w[1] * X[3, 1], -b]), C('0', f[3]), C('0', m[3]), C('1', hinge(m[3])))),
        ('Donc $\\frac12\\|w\\|^2 = ', lambda: ALL(E('1', 1), E('2', 2), E('2', 2), E('1', 1), E('2', 2), EV(['0.25', '0.25'], w ** 2), E('0.25', 0.5 * w @ w),
            EV(['0', '0.5', '0.5', '1'], hinge(m)), E('2', hinge(m).sum()), E('0.25', 0.5 * w @ w), E('1', Cc), E('2', hinge(m).sum()), E('2.25', J(w, b)))),
        ('Rappelons que $g$ est un sous-gradient', subgrad_def),
        ('$$\\partial\\ell(z) = \\begin{cases}', lambda: ALL(subdiff(), E('-1', -1), E('1', 1), E('-1', -1), E('0', 0), E('1', 1), E('0', 0), E('1', 1))),
        ('Le terme de régularisation est dérivable', lambda: ALL(near(grad(lambda u: 0.5 * u @ u, w), w), zgrad(), E('1', 1), E('2', 2), E('2', 2), E('1', 1))),
        ('$$\\partial_w\\,\\ell\\big(y_i f(x_i)\\big) = y_i\\,x_i', per_example),
        ('En notant $\\mathcal V = ', lambda: ALL(E('1', 1))),
        ('$$g_w = w + C\\sum_{i\\in\\mathcal V}', full_subgrad, '5.3'),
        ('**Application à l\'exemple.**', lambda: ALL(EV(['2', '3', '4'], np.where(V)[0] + 1), np.min(np.abs(m - 1)) > 0.1,
            EV(['1', '2', '0', '1', '2', '0'], np.r_[Y[1] * X[1], -Y[2] * X[2], -Y[3] * X[3]]), EV(['-1', '1'], s),
            EV(['1', '1', '1'], np.abs(Y[V])), E('-1', sb)), '5.3'),
        ('$$g_w = (0{,}5 ; 0{,}5) + (-1 ; 1)', lambda: ALL(EV(['0.5', '0.5'], w), EV(['-1', '1'], s), CCV(['-0.5', '1.5'], gw_t, gw_c), CC('-1', gb_t, gb_c))),
        ('Un pas de sous-gradient de taille', lambda: ALL(E('0.1', eta), EV(['0.5', '0.5'], w), E('0.1', eta), CCV(['-0.5', '1.5'], gw_t, gw_c),
            CCV(['0.55', '0.35'], w_t, w_c), E('-1', b), E('0.1', eta), CC('-1', gb_t, gb_c), CC('-0.9', b_t, b_c))),
        ('Au nouveau point, les marges', lambda: ALL(CCV(['1.45', '0.35', '0.55', '-0.2'], m_t, m_c), CCV(['0', '0.65', '0.45', '1.2'], hinge(m_t), hinge(m_c)),
            CC('0.2125', 0.5 * w_t @ w_t, 0.5 * w_c @ w_c), CC('2.3', hinge(m_t).sum(), hinge(m_c).sum()), CC('2.5125', J(w_t, b_t), J(w_c, b_c)))),
        ('*Remarque.* L\'objectif est passé', lambda: ALL(E('2.25', J(w, b)), CC('2.5125', J(w_t, b_t), J(w_c, b_c)), J(w_t, b_t) < J(w, b), E('1', 1))),
    ]

# ======================================================================= 06
def code_blocks(name):
    txt = open(os.path.join(D, name), encoding='utf-8').read()
    return re.findall(r'```python\n(.*?)```', txt, flags=re.S)

@register('06_softmax_weight_decay_kaggle.md')
def f06():
    name = '06_softmax_weight_decay_kaggle.md'
    ns = {'np': np}
    for blk in code_blocks(name):
        exec(blk, ns)
    def L(W, b, X, Y, lam):
        P = softmax(X @ W + b); N = X.shape[0]
        return -np.sum(Y * np.log(P)) / N + lam / 2 * np.sum(W ** 2)
    def rnd(N=5, Dd=4, K=3):
        X = rand(N, Dd); yy = RNG.integers(0, K, N); Y = np.eye(K)[yy]; return X, Y, rand(Dd, K), rand(K), 0.3
    Xt = np.array([[1.0, 2], [0, -1]]); yt = np.array([0, 2]); Yt = np.eye(3)[yt]; lam = 0.1
    Wt = np.zeros((2, 3)); bt = np.zeros(3)
    Pt = softmax(Xt @ Wt + bt); dZt = (Pt - Yt) / 2
    dWt = grad(lambda W: L(W, bt, Xt, Yt, lam), Wt); dbt = grad(lambda b: L(Wt, b, Xt, Yt, lam), bt)
    def mnist_count():
        W = np.zeros((784, 10)); b = np.zeros(10); return W.size + b.size
    def logits_grad():
        def one():
            X, Y, W, b, _ = rnd(); N = X.shape[0]
            Z = X @ W + b
            Lz = lambda Zz: -np.sum(Y * np.log(softmax(Zz))) / N
            g = grad(Lz, Z)
            gi = grad(lambda z: -np.sum(Y[1] * np.log(softmax(z))), Z[1])
            return near(gi, softmax(Z[1]) - Y[1]) and near(g, (softmax(Z) - Y) / N)
        return many(one)
    def full_grads():
        def one():
            X, Y, W, b, lm = rnd(); N = X.shape[0]; dZ = (softmax(X @ W + b) - Y) / N
            return (near(grad(lambda u: L(u, b, X, Y, lm), W), X.T @ dZ + lm * W)
                    and near(grad(lambda u: L(W, u, X, Y, lm), b), np.ones(N) @ dZ))
        return many(one)
    def wd_grad():
        W = rand(3, 4); return near(grad(lambda u: 0.3 / 2 * np.sum(u ** 2), W), 0.3 * W)
    def shapes():
        X = np.zeros((7, 784)); dZ = np.zeros((7, 10)); W = np.zeros((784, 10))
        return X.T.shape == (784, 7) and (X.T @ dZ).shape == W.shape == (784, 10) and (np.ones(7) @ dZ).shape == (10,)
    def decay():
        W, G, eta, lm = rand(3, 2), rand(3, 2), 0.05, 0.3
        return near(W - eta * (G + lm * W), (1 - eta * lm) * W - eta * G, 1e-12)
    def code_softmax():
        Z = rand(4, 5) * 30
        return near(ns['softmax'](Z.copy()), softmax(Z), 1e-12) and near(ns['softmax'](Z + 7.0), ns['softmax'](Z), 1e-12) and near(ns['softmax'](Z).sum(1), 1.0)
    def code_loss():
        def one():
            X, Y, W, b, lm = rnd(); l, dW, db = ns['loss_and_grads'](W, b, X, Y, lm)
            return abs(l - L(W, b, X, Y, lm)) < 1e-12
        return many(one)
    def code_grads(which):
        def one():
            X, Y, W, b, lm = rnd(); l, dW, db = ns['loss_and_grads'](W, b, X, Y, lm)
            if which == 'W':
                return near(dW, grad(lambda u: L(u, b, X, Y, lm), W))
            if which == 'b':
                return near(db, grad(lambda u: L(W, u, X, Y, lm), b))
            return X.shape[0] == 5
        return many(one)
    def code_numgrad():
        W = rand(3, 2); f = lambda u: np.sum(np.sin(u) * u)
        return near(ns['numerical_grad'](f, W), np.sin(W) + W * np.cos(W), 1e-8)
    def gradcheck():
        W = rand(2, 3); l, dW, db = ns['loss_and_grads'](W, bt, Xt, Yt, lam)
        f = lambda u: ns['loss_and_grads'](u, bt, Xt, Yt, lam)[0]
        return np.abs(ns['numerical_grad'](f, W) - dW).max() < 1e-9 and np.abs(W).min() > 0
    return [
        ('Every 28×28 image is flattened', lambda: ALL(E('28', 28), E('28', 28), E('784', 28 * 28), E('10', 10))),
        ('$$Z = XW + \\mathbf 1_N b', lambda: ALL(E('1', 1), code_softmax())),
        ('with `W` of shape `(784, 10)`', lambda: ALL(E('784', 784), E('10', 10), E('10', 10), E('784', 784), E('10', 10), E('10', 10), E('7850', mnist_count()))),
        ('We average the cross-entropy over the batch', GIVEN),
        ('$$\\mathcal L(W, b) = -\\frac{1}{N}', lambda: ALL(GIVEN(), E('1', 1), E('2', 2), E('2', 2))),
        ('The nice thing about softmax + cross-entropy', logits_grad),
        ('$$dZ = \\frac{\\partial\\mathcal L}{\\partial Z}', lambda: ALL(logits_grad(), E('1', 1))),
        ('Chain rule through $Z = XW', lambda: ALL(wd_grad(), E('1', 1), E('2', 2), E('2', 2), E('2', 2))),
        ('$$dW = X^\\top dZ + \\lambda W \\quad (784', lambda: ALL(full_grads(), shapes(), E('784', 784), E('10', 10), E('1', 1), E('10', 10))),
        ('Shape check ✅', lambda: ALL(shapes(), E('784', 784), E('10', 10), E('784', 784), E('10', 10))),
        ('Why "weight decay"?', lambda: ALL(decay(), E('1', 1), E('1', 1))),
        ('    Z = Z - Z.max(axis=1, keepdims=True)', lambda: ALL(code_softmax(), E('1', 1))),
        ('    E = np.exp(Z)', code_softmax),
        ('    return E / E.sum(axis=1, keepdims=True)', lambda: ALL(code_softmax(), E('1', 1))),
        ('    N = X.shape[0]', lambda: ALL(code_grads('N'), E('0', 0))),
        ('    P = softmax(X @ W + b)', code_loss),
        ('    loss = -np.sum(Y * np.log(P)) / N + 0.5', lambda: ALL(code_loss(), E('0.5', 0.5))),
        ('    dZ = (P - Y) / N', lambda: code_grads('W')),
        ('    dW = X.T @ dZ + lam * W', lambda: code_grads('W')),
        ('    db = dZ.sum(axis=0)', lambda: ALL(code_grads('b'), E('0', 0))),
        ('Before touching MNIST:', lambda: ALL(E('2', Xt.shape[0]), E('2', Xt.shape[1]), E('3', Yt.shape[1]), E('0', 0), E('0', 0), E('0.1', lam),
            EV(['1', '2', '0', '-1'], Xt), EV(['0', '2'], yt), E('0', 0))),
        ('- With `W = 0` every logit is 0', lambda: ALL(E('0', 0), E('0', np.abs(Xt @ Wt).max()), E('1', 1), E('3', 1 / Pt[0, 0]), C('0.3333', Pt[0, 0]),
            near(Pt, 1 / 3), E('3', 3), C('1.0986', L(Wt, bt, Xt, Yt, lam)), abs(L(Wt, bt, Xt, Yt, lam) - math.log(3)) < 1e-12, E('0', lam / 2 * np.sum(Wt ** 2)))),
        ('- $P - Y = \\begin{bmatrix}', lambda: ALL(CV(['-0.6667', '0.3333', '0.3333', '0.3333', '0.3333', '-0.6667'], Pt - Yt), near(dZt, (Pt - Yt) / 2))),
        ('- $dW = X^\\top dZ + 0.1 \\cdot 0', lambda: ALL(E('0.1', lam), E('0', 0), CV(['-0.3333', '0.1667', '0.1667', '-0.8333', '0.1667', '0.6667'], dWt, Xt.T @ dZt),
            CV(['-0.1667', '0.3333', '-0.1667'], dbt))),
        ('- Every row of `dW` and `db` sums to 0 here', lambda: ALL(E('0', 0), near(dWt.sum(1), 0), abs(dbt.sum()) < 1e-8, near((Pt - Yt).sum(1), 0),
            many(lambda: near(softmax((Z := rand(2, 3)) + rand(2, 1) * 5), softmax(Z))))),
        ('def numerical_grad(f, W, h=1e-5):', lambda: ALL(code_numgrad(), E('1e-5', 1e-5))),
        ('    G = np.zeros_like(W)', code_numgrad),
        ('        E = np.zeros_like(W); E[idx] = h', code_numgrad),
        ('        G[idx] = (f(W + E) - f(W - E)) / (2 * h)', lambda: ALL(code_numgrad(), E('2', 2))),
        ('On the toy batch, with a random nonzero `W`', lambda: ALL(gradcheck(), E('1e-9', 1e-9))),
    ]

# ======================================================================= 07
@register('07_pca_max_variance_prml.md')
def f07():
    X = np.array([[-2.0, -1], [-1, -1], [0, 0], [1, 1], [2, 1]]); N = 5
    xb = X.mean(0); S = (X - xb).T @ (X - xb) / N
    ev, U = np.linalg.eigh(S); l1, l2 = ev[1], ev[0]; u1 = U[:, 1] * np.sign(U[0, 1])
    tr, det = np.trace(S), np.linalg.det(S)
    # the author's route (4*det dropped under the square root)
    disc_c = tr ** 2 - det; r_c = 2.7713; l1_c, l2_c = (tr + r_c) / 2, (tr - r_c) / 2
    l1_cr = 2.7856; l1_ce = (tr + np.sqrt(disc_c)) / 2; ratio_c = (l1_ce - 2) / 1.2
    u1_c = np.array([1, ratio_c]) / np.sqrt(1 + ratio_c ** 2)
    def rdata(n=9, d=3):
        return rand(n, d) @ rand(d, d)
    def proj_var():
        def one():
            Xr = rdata(); xbar = Xr.mean(0); Sr = (Xr - xbar).T @ (Xr - xbar) / len(Xr); u = rand(3); u /= np.linalg.norm(u)
            return abs(np.mean((Xr @ u - u @ xbar) ** 2) - u @ Sr @ u) < 1e-12
        return many(one)
    def lagr_grad():
        def one():
            Sr = randspd(3); u = rand(3); lm = rand()
            return near(grad(lambda v: v @ Sr @ v + lm * (1 - v @ v), u), 2 * Sr @ u - 2 * lm * u)
        return many(one)
    def stationary():
        Sr = randspd(3); w, V = np.linalg.eigh(Sr); ok = True
        for i in range(3):
            ok &= near(2 * Sr @ V[:, i] - 2 * w[i] * V[:, i], np.zeros(3))
            ok &= abs(V[:, i] @ Sr @ V[:, i] - w[i]) < 1e-12
        return ok
    def unbounded():
        Sr = randspd(3); u = rand(3); return (10 * u) @ Sr @ (10 * u) > 50 * (u @ Sr @ u)
    def is_max():
        Sr = randspd(3); w, V = np.linalg.eigh(Sr)
        us = rand(200, 3); us /= np.linalg.norm(us, axis=1, keepdims=True)
        return np.all(np.einsum('ij,jk,ik->i', us, Sr, us) <= w[-1] + 1e-12)
    def summary():
        def one():
            Xr = rdata(); xbar = Xr.mean(0); Sr = (Xr - xbar).T @ (Xr - xbar) / len(Xr); w, V = np.linalg.eigh(Sr)
            u = V[:, -1]; Xc = Xr - xbar; rec = np.outer(Xc @ u, u)
            return abs(w.sum() - np.trace(Sr)) < 1e-10 and abs(np.mean(np.sum((Xc - rec) ** 2, 1)) - w[:-1].sum()) < 1e-10
        return many(one)
    return [
        ('Consider a data set of observations', lambda: ALL(GIVEN(), E('1', 1), E('1', 1), E('1', 1))),
        ('$$\\bar{\\mathbf x} = \\frac{1}{N}', lambda: ALL(GIVEN(), E('1', 1)), '12.1'),
        ('and the variance of the projected data is given by', GIVEN),
        ('$$\\frac{1}{N}\\sum_{n=1}^{N}\\big\\{', lambda: ALL(proj_var(), E('1', 1), E('2', 2)), '12.2'),
        ('where $\\mathbf S$ is the data covariance matrix', GIVEN),
        ('$$\\mathbf S = \\frac{1}{N}\\sum', lambda: ALL(GIVEN(), E('1', 1)), '12.3'),
        ('We now maximize the projected variance', unbounded),
        ('$$\\mathbf u_1^{\\rm T}\\mathbf S\\mathbf u_1 + \\lambda_1', lambda: ALL(GIVEN(), E('1', 1)), '12.4'),
        ('Setting the derivative with respect to', lambda: ALL(lagr_grad(), E('2', 2), E('2', 2))),
        ('$$\\mathbf S\\mathbf u_1 = \\lambda_1\\mathbf u_1 \\tag{12.5}$$', stationary, '12.5'),
        ('which says that $\\mathbf u_1$ must be an eigenvector', lambda: ALL(stationary(), E('1', 1))),
        ('$$\\mathbf u_1^{\\rm T}\\mathbf S\\mathbf u_1 = \\lambda_1 \\tag{12.6}$$', stationary, '12.6'),
        ('and so the variance will be a maximum', lambda: ALL(is_max(), summary())),
        ('**Worked example ($D = 2$, $N = 5$).**', lambda: ALL(E('2', X.shape[1]), E('5', N),
            EV(['-2', '-1', '-1', '-1', '0', '0', '1', '1', '2', '1'], X), EV(['0', '0'], xb)), '12.3'),
        ('$$\\mathbf S = \\frac15\\begin{pmatrix}', lambda: ALL(E('1', 1), E('5', N), EV(['10', '6', '6', '4'], N * S), EV(['2', '1.2', '1.2', '0.8'], S))),
        ('The characteristic polynomial is', lambda: ALL(E('2', S[0, 0]), E('0.8', S[1, 1]), E('1.44', S[0, 1] * S[1, 0]), E('2', 2), E('2.8', tr), E('0.16', det),
            all(abs(np.linalg.det(S - t * np.eye(2)) - (t * t - 2.8 * t + 0.16)) < 1e-12 for t in rand(5)),
            E('2.8', tr), E('0.16', det))),
        ('$$\\lambda = \\tfrac12\\Big(2.8 \\pm', lambda: ALL(E('1', 1), E('2', 2), E('2.8', tr), E('2.8', tr), E('2', 2),
            E('0.16', 4 * det),                                   # the discriminant needs 4*det = 0.64
            E('1', 1), E('2', 2), E('2.8', tr), CC('7.68', tr ** 2 - 4 * det, disc_c),
            E('1', 1), E('2', 2), E('2.8', tr), CC('2.7713', np.sqrt(tr ** 2 - 4 * det), np.sqrt(disc_c)))),
        ('so that $\\lambda_1 \\approx 2.7856$', lambda: ALL(CC('2.7856', l1, l1_c), CC('0.0144', l2, l2_c), E('2.8', l1 + l2))),
        ('The first row of $(\\mathbf S - \\lambda_1', lambda: ALL(E('0', 0), E('2', S[0, 0]), CC('2.7856', l1, l1_c), E('1.2', S[0, 1]), E('0', 0),
            CC('0.7856', l1 - 2, l1_c - 2), E('1.2', S[0, 1]), CC('0.6547', u1[1] / u1[0], ratio_c), CCV(['0.8366', '0.5478'], u1, u1_c))),
        ('The first principal component therefore accounts', lambda: ALL(CC('2.7856', l1, l1_c), E('2.8', l1 + l2), CC('99.5', 100 * l1 / (l1 + l2), 100 * l1_cr / 2.8),
            CC('0.0144', l2, l2_c))),
    ]

# ======================================================================= 08
@register('08_linear_autoencoder_ja.md')
def f08():
    X = np.array([[2.0, -2, 1, -1], [2, -2, -1, 1]]); N = 4; Dd = 2
    Sig = X @ X.T / N; lam, U = np.linalg.eigh(Sig); lam = lam[::-1]; U = U[:, ::-1]
    u1 = U[:, 0] * np.sign(U[0, 0])
    L = lambda W1, W2, XX=X: np.sum((XX - W2 @ W1 @ XX) ** 2) / (2 * XX.shape[1])
    def rnd(D_=4, M_=2, N_=7):
        return rand(D_, N_), rand(M_, D_), rand(D_, M_)
    def l_forms():
        def one():
            XX, W1, W2 = rnd(); n_ = XX.shape[1]
            s = sum(np.sum((XX[:, n] - W2 @ W1 @ XX[:, n]) ** 2) for n in range(n_)) / (2 * n_)
            R = XX - W2 @ W1 @ XX
            return abs(s - L(W1, W2, XX)) < 1e-12 and abs(np.trace(R.T @ R) / (2 * n_) - s) < 1e-12
        return many(one)
    def differential():
        def one():
            XX, W1, W2 = rnd(); n_ = XX.shape[1]; R = XX - W2 @ W1 @ XX
            d1, d2 = rand(*W1.shape) * 1e-6, rand(*W2.shape) * 1e-6
            dL = L(W1 + d1, W2 + d2, XX) - L(W1 - d1, W2 - d2, XX)
            lin = -np.trace(R.T @ d2 @ W1 @ XX) / n_ - np.trace(R.T @ W2 @ d1 @ XX) / n_
            return abs(dL / 2 - lin) < 1e-12
        return many(one)
    def grads():
        def one():
            XX, W1, W2 = rnd(); n_ = XX.shape[1]; R = XX - W2 @ W1 @ XX
            g2 = grad(lambda u: L(W1, u, XX), W2); g1 = grad(lambda u: L(u, W2, XX), W1)
            return near(g2, -R @ XX.T @ W1.T / n_) and near(g1, -W2.T @ R @ XX.T / n_) and g2.shape == W2.shape and g1.shape == W1.shape
        return many(one)
    def shapes():
        XX, W1, W2 = rnd(5, 2, 9); R = XX - W2 @ W1 @ XX
        return (R @ XX.T).shape == (5, 5) and (R @ XX.T @ W1.T).shape == W2.shape == (5, 2) and (W2.T @ R @ XX.T).shape == W1.shape == (2, 5)
    def cov_form():
        def one():
            XX, W1, W2 = rnd(); n_ = XX.shape[1]; R = XX - W2 @ W1 @ XX; S_ = XX @ XX.T / n_
            return near(R @ XX.T / n_, (np.eye(4) - W2 @ W1) @ S_, 1e-12)
        return many(one)
    def stationary_cond():
        def one():
            XX, W1, W2 = rnd(); n_ = XX.shape[1]; S_ = XX @ XX.T / n_; P = np.eye(4) - W2 @ W1
            g2 = grad(lambda u: L(W1, u, XX), W2); g1 = grad(lambda u: L(u, W2, XX), W1)
            return near(g2, -P @ S_ @ W1.T) and near(g1, -W2.T @ P @ S_)
        return many(one)
    def gd_min(XX, M_, steps=4000, lr=0.05):
        W1, W2 = rand(M_, XX.shape[0]) * 0.5, rand(XX.shape[0], M_) * 0.5
        n_ = XX.shape[1]
        for _ in range(steps):
            R = XX - W2 @ W1 @ XX
            g2 = -R @ XX.T @ W1.T / n_; g1 = -W2.T @ R @ XX.T / n_
            W1, W2 = W1 - lr * g1, W2 - lr * g2
        return W1, W2
    def theorem():
        XX = np.diag([2.0, 1.6, 1.0, 0.5]) @ rand(4, 40); XX -= XX.mean(1, keepdims=True)
        S_ = XX @ XX.T / 40; w, V = np.linalg.eigh(S_); w, V = w[::-1], V[:, ::-1]
        W1, W2 = gd_min(XX, 2)
        P = V[:, :2] @ V[:, :2].T
        ok = abs(L(W1, W2, XX) - 0.5 * w[2:].sum()) < 1e-6 and near(W2 @ W1, P, 1e-4)
        # the value at the projection itself
        ok &= abs(L(V[:, :2].T, V[:, :2], XX) - 0.5 * w[2:].sum()) < 1e-12
        # another stationary point (wrong eigenvectors) is a saddle: a small rotation towards u_1 lowers L
        A1, A2 = V[:, [1, 2]].T, V[:, [1, 2]]
        sp = near(grad(lambda u: L(u, A2, XX), A1), np.zeros((2, 4))) and near(grad(lambda u: L(A1, u, XX), A2), np.zeros((4, 2)))
        t = 1e-2; Bv = (np.cos(t) * V[:, 2] + np.sin(t) * V[:, 0])
        B = np.c_[V[:, 1], Bv]
        ok &= sp and L(B.T, B, XX) < L(A1, A2, XX)
        # W = 0 is stationary and not a local minimum
        Z1, Z2 = np.zeros((2, 4)), np.zeros((4, 2))
        ok &= near(grad(lambda u: L(u, Z2, XX), Z1), np.zeros((2, 4))) and L(1e-2 * V[:, :2].T, 1e-2 * V[:, :2], XX) < L(Z1, Z2, XX)
        return ok
    def invariance():
        def one():
            XX, W1, W2 = rnd(); Cm = rand(2, 2) + 3 * np.eye(2)
            return near((W2 @ np.linalg.inv(Cm)) @ (Cm @ W1), W2 @ W1, 1e-10) and abs(L(Cm @ W1, W2 @ np.linalg.inv(Cm), XX) - L(W1, W2, XX)) < 1e-10
        return many(one)
    W1a, W2a = u1[None, :], u1[:, None]; Pa = W2a @ W1a; Ra = X - Pa @ X
    W1b, W2b = np.array([[1.0, 1]]), np.array([[0.5], [0.5]])
    W1c, W2c = np.array([[1.0, 0]]), np.array([[1.0], [0]])
    err_a = np.sum((X - Pa @ X) ** 2, 0); err_c = np.sum((X - W2c @ W1c @ X) ** 2, 0)
    return [
        ('中心化済みのデータ', lambda: ALL(E('1', 1), X.shape == (Dd, N))),
        ('$$\\boldsymbol z_n = W_1\\boldsymbol x_n', GIVEN),
        ('活性化関数もバイアスもない', lambda: ALL(E('1', 1), E('2', 2))),
        ('$$L(W_1, W_2) = \\frac{1}{2N}', lambda: ALL(l_forms(), E('1', 1), E('2', 2), E('2', 2), E('1', 1), E('2', 2), E('2', 2)), '7.1'),
        ('残差行列を $R = X - W_2W_1X$', lambda: ALL(l_forms(), differential(), E('1', 1), E('2', 2), E('1', 1), E('1', 1))),
        ('$$\\frac{\\partial L}{\\partial W_2} = -\\frac{1}{N}', lambda: ALL(grads(), E('1', 1), E('1', 1)), '7.2'),
        ('形の確認：', shapes),
        ('標本共分散行列', lambda: ALL(cov_form(), E('1', 1), E('1', 1))),
        ('$$(I - W_2W_1)\\,\\Sigma\\,W_1^\\top = O', stationary_cond, '7.3'),
        ('$\\Sigma$ の固有値を', GIVEN),
        ('**定理**（Baldi–Hornik, 1989）', theorem, '1989 7.1'),
        ('$$\\min_{W_1, W_2} L = \\frac12', lambda: ALL(theorem(), E('1', 1), E('2', 2)), '7.4'),
        ('である。それ以外の停留点は', theorem),
        ('**注意.** 任意の正則行列', lambda: ALL(invariance(), E('-1', -1))),
        ('## 7.4 数値例', lambda: ALL(E('2', Dd), E('1', 1), E('4', N)), '7.4'),
        ('データ点を $(2, 2)$', lambda: ALL(EV(['2', '2', '-2', '-2', '1', '-1', '-1', '1'], X.T), E('0', np.abs(X.mean(1)).max()))),
        ('$$\\Sigma = \\frac14\\begin{pmatrix}', lambda: ALL(E('1', 1), E('4', N), EV(['10', '6', '6', '10'], X @ X.T), EV(['2.5', '1.5', '1.5', '2.5'], Sig),
            E('4', lam[0]), E('1', lam[1]), E('1', 1), near(u1, np.array([1, 1]) / np.sqrt(2)), EV(['1', '1'], u1 * np.sqrt(2)))),
        ('- $W_1 = \\boldsymbol u_1^\\top \\approx (0.7071, 0.7071)$', lambda: ALL(CV(['0.7071', '0.7071'], u1), E('1', 1), E('2', 2),
            EV(['1', '1', '1', '1'], 2 * Pa), EV(['2', '2', '-2', '-2'], (Pa @ X)[:, :2].T), near((Pa @ X)[:, :2], X[:, :2]),
            EV(['1', '-1', '-1', '1'], X[:, 2:].T), near(Pa @ X[:, 2:], 0))),
        ('- 二乗誤差は $0 + 0 + 2 + 2 = 4$', lambda: ALL(EV(['0', '0', '2', '2'], err_a), E('4', err_a.sum()), E('4', err_a.sum()), E('2', 2), E('4', N),
            C('0.5', L(W1a, W2a)), E('1', 1), E('2', 2), abs(L(W1a, W2a) - lam[1] / 2) < 1e-12), '7.4'),
        ('- この点では $RX^\\top W_1^\\top = O$', lambda: ALL(near(Ra @ X.T @ W1a.T, 0), near(W2a.T @ Ra @ X.T, 0),
            near(grad(lambda u: L(u, W2a), W1a), 0), near(grad(lambda u: L(W1a, u), W2a), 0)), '7.2'),
        ('- $C = \\sqrt2$ に当たる', lambda: ALL(near(W1b, np.sqrt(2) * W1a), near(W2b, W2a / np.sqrt(2)), EV(['1', '1'], W1b), EV(['0.5', '0.5'], W2b),
            near(W2b @ W1b, Pa), C('0.5', L(W1b, W2b)))),
        ('- 比較のため座標軸', lambda: ALL(EV(['1', '0'], W1c), EV(['1', '0'], W2c), EV(['4', '4', '1', '1'], err_c), E('10', err_c.sum()),
            E('10', err_c.sum()), E('8', 2 * N), E('1.25', L(W1c, W2c)), E('1', 1), E('2', 2), abs(L(W1c, W2c) - Sig[1, 1] / 2) < 1e-12,
            L(W1c, W2c) > L(W1a, W2a))),
    ]

# ======================================================================= 09
@register('09_kmeans_centroides_es.md', comma=True)
def f09():
    X = np.array([[-2.0, 2], [-3, 1], [-3, -1], [3, -1], [-1, -3], [2, -2]]); K = 2
    mu0 = X[[0, 3]].copy()
    d0 = ((X[:, None, :] - mu0[None]) ** 2).sum(-1); r_t = d0.argmin(1)
    d0_c = d0.copy(); d0_c[4, 0] = (X[4, 0] - mu0[0, 0]) ** 2 + (X[4, 1] + mu0[0, 1]) ** 2     # author: (-3) - 2 taken as -1
    r_c = d0_c.argmin(1)
    mu1_t = np.array([X[r_t == k].mean(0) for k in range(K)]); mu1_c = np.array([X[r_c == k].mean(0) for k in range(K)])
    d1_t = ((X[:, None, :] - mu1_t[None]) ** 2).sum(-1); d1_c = ((X[:, None, :] - mu1_c[None]) ** 2).sum(-1)
    J = lambda r, mu: sum(np.sum((X[n] - mu[r[n]]) ** 2) for n in range(len(X)))
    def Jfun(R, M, XX):
        return sum(R[n, k] * np.sum((XX[n] - M[k]) ** 2) for n in range(len(XX)) for k in range(M.shape[0]))
    def assign_opt():
        def one():
            XX, M = rand(7, 2), rand(3, 2)
            dd = ((XX[:, None] - M[None]) ** 2).sum(-1); R = np.eye(3)[dd.argmin(1)]
            others = [np.eye(3)[RNG.integers(0, 3, 7)] for _ in range(30)]
            return all(Jfun(R, M, XX) <= Jfun(Q, M, XX) + 1e-12 for Q in others)
        return many(one)
    def update_grad():
        def one():
            XX = rand(7, 2); R = np.eye(3)[np.r_[0, 1, 2, RNG.integers(0, 3, 4)]]; M = rand(3, 2)
            g = grad(lambda m: Jfun(R, m.reshape(3, 2), XX), M.ravel()).reshape(3, 2)
            form = np.array([-2 * sum(R[n, k] * (XX[n] - M[k]) for n in range(7)) for k in range(3)])
            Mstar = (R.T @ XX) / R.sum(0)[:, None]
            gstar = grad(lambda m: Jfun(R, m.reshape(3, 2), XX), Mstar.ravel())
            return near(g, form) and near(gstar, np.zeros(6))
        return many(one)
    def hessian_pd():
        XX = rand(7, 2); R = np.eye(3)[np.r_[0, 1, 2, RNG.integers(0, 3, 4)]]; M = rand(3, 2)
        Hn = hess(lambda m: Jfun(R, m.reshape(3, 2), XX), M.ravel())
        return near(Hn, np.kron(np.diag(2 * R.sum(0)), np.eye(2)), 1e-4) and np.all(R.sum(0) > 0)
    def monotone():
        XX = rand(30, 2) * 3; M = XX[:3].copy(); prev = np.inf; ok = True
        for _ in range(10):
            R = np.eye(3)[((XX[:, None] - M[None]) ** 2).sum(-1).argmin(1)]
            j1 = Jfun(R, M, XX); ok &= j1 <= prev + 1e-12
            M = np.array([XX[R[:, k] == 1].mean(0) if R[:, k].sum() else M[k] for k in range(3)])
            j2 = Jfun(R, M, XX); ok &= j2 <= j1 + 1e-12; prev = j2
        return ok
    def local_only():
        # another start reaches a lower J on the same data
        mu = X[[1, 5]].copy()
        for _ in range(10):
            r = ((X[:, None] - mu[None]) ** 2).sum(-1).argmin(1); mu = np.array([X[r == k].mean(0) for k in range(2)])
        return J(r, mu) < J(r_c, mu1_c) - 1
    def row(n, sh1, sh2, cl):
        """sh1/sh2: printed terms of the two squared distances (last entry = total)"""
        def pred():
            t1 = list((X[n] - mu0[0]) ** 2); t2 = list((X[n] - mu0[1]) ** 2)
            c1 = [(X[n, 0] - mu0[0, 0]) ** 2, (X[n, 1] + mu0[0, 1]) ** 2] if n == 4 else t1
            r = []
            if len(sh1) == 1:
                r.append(CC(sh1[0], d0[n, 0], d0_c[n, 0]))
            else:
                r += [CC(sh1[0], t1[0], c1[0]), CC(sh1[1], t1[1], c1[1]), CC(sh1[2], d0[n, 0], d0_c[n, 0])]
            if len(sh2) == 1:
                r.append(CC(sh2[0], d0[n, 1], d0_c[n, 1]))
            else:
                r += [CC(sh2[0], t2[0], t2[0]), CC(sh2[1], t2[1], t2[1]), CC(sh2[2], d0[n, 1], d0_c[n, 1])]
            r.append(CC(cl, r_t[n] + 1, r_c[n] + 1))
            return ALL(*r)
        return pred
    Jf_c = J(r_c, mu1_c); Jf_t = J(r_t, mu1_t)
    order = [0, 1, 2, 4, 3, 5]                   # printed cluster by cluster
    per_c = [np.sum((X[n] - mu1_c[r_c[n]]) ** 2) for n in order]; per_t = [np.sum((X[n] - mu1_t[r_t[n]]) ** 2) for n in order]
    pad = lambda a, n: np.r_[a, np.full(max(0, n - len(a)), np.nan)][:n] if len(a) == n else np.full(n, np.nan)
    return [
        ('**Notación.** Tenemos $N$ puntos', lambda: ALL(E('0', 0), E('1', 1), E('1', 1), E('1', 1), E('1', 1))),
        ('$$J(\\{r_{nk}\\}, \\{\\boldsymbol\\mu_k\\})', lambda: ALL(GIVEN(), E('2', 2))),
        ('El algoritmo minimiza $J$ alternando', GIVEN),
        ('**Paso de asignación** (centroides fijos).', assign_opt),
        ('$$r_{nk} = \\begin{cases} 1', lambda: ALL(assign_opt(), E('1', 1), E('2', 2), E('0', 0))),
        ('**Paso de actualización** (asignaciones fijas).', update_grad),
        ('$$\\frac{\\partial J}{\\partial \\boldsymbol\\mu_k} = -2', lambda: ALL(update_grad(), E('-2', -2), E('0', 0))),
        ('O sea, el nuevo centroide es la **media**', lambda: ALL(hessian_pd(), E('2', 2), E('0', 0))),
        ('Como ningún paso puede aumentar $J$', monotone),
        ('**Ejemplo** ($N = 6$, $D = 2$, $K = 2$).', lambda: ALL(E('6', len(X)), E('2', X.shape[1]), E('2', K),
            EV(['-2', '2', '-3', '1', '-3', '-1', '3', '-1', '-1', '-3', '2', '-2'], X), EV(['-2', '2'], mu0[0]), EV(['3', '-1'], mu0[1]))),
        ('| punto | $\\|\\mathbf x_n', lambda: ALL(E('2', 2), E('2', 2))),
        ('| $\\mathbf x_1$ | $0$', row(0, ['0'], ['25', '9', '34'], '1')),
        ('| $\\mathbf x_2$ |', row(1, ['1', '1', '2'], ['36', '4', '40'], '1')),
        ('| $\\mathbf x_3$ |', row(2, ['1', '9', '10'], ['36', '0', '36'], '1')),
        ('| $\\mathbf x_4$ |', row(3, ['25', '9', '34'], ['0'], '2')),
        ('| $\\mathbf x_5$ |', row(4, ['1', '1', '2'], ['16', '4', '20'], '1')),
        ('| $\\mathbf x_6$ |', row(5, ['16', '16', '32'], ['1', '1', '2'], '2')),
        ('- $\\boldsymbol\\mu_1 = \\frac14', lambda: ALL(E('1', 1), CC('4', (r_t == 0).sum(), (r_c == 0).sum()),
            CCV(['-2', '-3', '-3', '-1'], pad(X[r_t == 0][:, 0], 4), X[r_c == 0][:, 0]),
            CCV(['2', '1', '1', '3'], pad(X[r_t == 0][:, 1], 4) * [1, 1, -1, -1], X[r_c == 0][:, 1] * [1, 1, -1, -1]),
            E('1', 1), CC('4', (r_t == 0).sum(), (r_c == 0).sum()), CCV(['-9', '-1'], X[r_t == 0].sum(0), X[r_c == 0].sum(0)),
            CCV(['-2.25', '-0.25'], mu1_t[0], mu1_c[0]))),
        ('- $\\boldsymbol\\mu_2 = \\frac12', lambda: ALL(E('1', 1), CC('2', (r_t == 1).sum(), (r_c == 1).sum()),
            CCV(['3', '2'], pad(X[r_t == 1][:, 0], 2), X[r_c == 1][:, 0]), CCV(['-1', '2'], pad(X[r_t == 1][:, 1], 2) * [1, -1], X[r_c == 1][:, 1] * [1, -1]),
            CCV(['2.5', '-1.5'], mu1_t[1], mu1_c[1]))),
        ('Iteración 2: con los nuevos centroides', lambda: ALL(E('2', 2),
            np.array_equal(d1_t.argmin(1), r_t), np.array_equal(d1_c.argmin(1), r_c),
            CCV(['1.5625', '7.5625'], (X[4] - mu1_t[0]) ** 2, (X[4] - mu1_c[0]) ** 2), CC('9.125', d1_t[4, 0], d1_c[4, 0]),
            CCV(['12.25', '2.25'], (X[4] - mu1_t[1]) ** 2, (X[4] - mu1_c[1]) ** 2), CC('14.5', d1_t[4, 1], d1_c[4, 1]), d1_c[4, 0] < d1_c[4, 1])),
        ('Valor final: $J = 5{,}125', lambda: ALL(CCV(['5.125', '2.125', '1.125', '9.125', '0.5', '0.5'], per_t, per_c), CC('18.5', Jf_t, Jf_c))),
        ('*Ojo:* k-medias solo garantiza un mínimo local', local_only),
    ]

# ======================================================================= 10
@register('10_gaussian_nb_log_odds_zh.md')
def f10():
    m1 = np.array([2.0, 1]); m2 = np.array([0.0, 3]); s2 = np.array([1.0, 4]); p1, p2 = 0.4, 0.6
    x = np.array([2.0, 2])
    Nd = lambda t, m, v: np.exp(-(t - m) ** 2 / (2 * v)) / np.sqrt(2 * np.pi * v)
    def post(xx, M1=m1, M2=m2, S2=s2, P1=p1, P2=p2):
        a = P1 * np.prod(Nd(xx, M1, S2)); c = P2 * np.prod(Nd(xx, M2, S2)); return a / (a + c)
    w = (m1 - m2) / s2; b = np.sum((m2 ** 2 - m1 ** 2) / (2 * s2)) + np.log(p1 / p2)
    def rparams(n=3):
        return rand(n), rand(n), rand(n, lo=0.3, hi=2) ** 2, RNG.uniform(0.1, 0.9)
    def factorised():
        M1, M2, S2, P1 = rparams(); xx = rand(3)
        Sig = np.diag(S2); joint = np.exp(-0.5 * (xx - M1) @ np.linalg.inv(Sig) @ (xx - M1)) / np.sqrt((2 * np.pi) ** 3 * np.linalg.det(Sig))
        return abs(joint - np.prod(Nd(xx, M1, S2))) < 1e-12
    def density():
        m, v = rand(), rand(lo=0.5, hi=2) ** 2
        ts = np.linspace(m - 12 * np.sqrt(v), m + 12 * np.sqrt(v), 20001)
        return abs(np.trapz(Nd(ts, m, v), ts) - 1) < 1e-8 if hasattr(np, 'trapz') else abs(np.sum(Nd(ts, m, v)) * (ts[1] - ts[0]) - 1) < 1e-6
    def theorem():
        def one():
            M1, M2, S2, P1 = rparams(); xx = rand(3)
            ww = (M1 - M2) / S2; bb = np.sum((M2 ** 2 - M1 ** 2) / (2 * S2)) + np.log(P1 / (1 - P1))
            a = P1 * np.prod(Nd(xx, M1, S2)); c = (1 - P1) * np.prod(Nd(xx, M2, S2))   # P(c1|x) = a/(a+c), P(c2|x) = c/(a+c)
            return abs(np.log(a / c) - (ww @ xx + bb)) < 1e-9 and abs(a / (a + c) - sig(ww @ xx + bb)) < 1e-12
        return many(one)
    def proof_line():
        def one():
            M1, M2, S2, P1 = rparams(); xx = rand(3); P2 = 1 - P1
            a = P1 * np.prod(Nd(xx, M1, S2)); c = P2 * np.prod(Nd(xx, M2, S2)); lhs = np.log((a / (a + c)) / (c / (a + c)))
            mid = np.log(P1 / P2) + np.sum(np.log(Nd(xx, M1, S2) / Nd(xx, M2, S2)))
            rhs = np.log(P1 / P2) + np.sum(((xx - M2) ** 2 - (xx - M1) ** 2) / (2 * S2))
            return abs(lhs - mid) < 1e-9 and abs(mid - rhs) < 1e-9
        return many(one)
    def expand():
        def one():
            t, a, c = rand(), rand(), rand()
            return abs((t - c) ** 2 - (t - a) ** 2 - (2 * (a - c) * t + c ** 2 - a ** 2)) < 1e-12
        return many(one)
    def quad_cancel():
        a, c = rand(), rand()
        f = lambda t: (t - c) ** 2 - (t - a) ** 2
        return abs(f(1.3) - 2 * f(0.3) + f(-0.7)) < 1e-12        # second difference 0: no t^2 term
    def qda():
        M1, M2 = rand(2), rand(2); S1, S2_ = np.array([1.0, 2]), np.array([3.0, 0.5])
        lo = lambda xx: np.log(np.prod(Nd(xx, M1, S1)) / np.prod(Nd(xx, M2, S2_)))
        ts = [np.array([t, 0.2]) for t in (-1.0, 0.0, 1.0)]
        return abs(lo(ts[0]) - 2 * lo(ts[1]) + lo(ts[2])) > 1e-3
    lr = np.exp(np.sum(-(x - m1) ** 2 / (2 * s2))) / np.exp(np.sum(-(x - m2) ** 2 / (2 * s2)))
    return [
        ('设输入空间 $\\mathcal X', GIVEN),
        ('$$P(X = x \\mid Y = c_k) = \\prod', lambda: ALL(factorised(), E('1', 1), E('2', 2)), '4.3'),
        ('对连续特征，假设每个条件分布为高斯分布', GIVEN),
        ('$$p(x^{(j)} \\mid Y = c_k) = \\frac{1}{\\sqrt{2\\pi}', lambda: ALL(density(), E('1', 1), E('2', 2), E('2', 2), E('2', 2), E('2', 2)), '4.12'),
        ('记先验概率 $\\pi_k', lambda: ALL(GIVEN(), E('1', p1 + p2))),
        ('**定理 4.2** 在上述假设下', theorem, '4.2'),
        ('$$\\log\\frac{P(Y = c_1 \\mid x)}{P(Y = c_2 \\mid x)} = w\\cdot x + b', lambda: ALL(theorem(), E('2', 2), E('2', 2), E('2', 2), E('2', 2), E('2', 2)), '4.13'),
        ('因而 $P(Y = c_1 \\mid x) = \\dfrac{1}', lambda: ALL(theorem(), E('1', 1), E('1', 1))),
        ('**证明** 由贝叶斯定理', proof_line),
        ('= \\log\\frac{\\pi_1}{\\pi_2} + \\sum_{j=1}^{n}\\frac{(x^{(j)} - \\mu_{2j})^2', lambda: ALL(proof_line(), E('2', 2), E('2', 2), E('2', 2), E('2', 2))),
        ('这里用到了两类的 $\\sigma_j$ 相同', lambda: ALL(proof_line(), E('1', 1), E('2', 2))),
        ('$$(x^{(j)} - \\mu_{2j})^2 - (x^{(j)} - \\mu_{1j})^2 = 2', lambda: ALL(expand(), E('2', 2), E('2', 2), E('2', 2), E('2', 2), E('2', 2))),
        ('二次项 $(x^{(j)})^2$ 恰好抵消', lambda: ALL(quad_cancel(), theorem(), E('2', 2)), '4.13'),
        ('**注** 若允许方差随类别变化', qda),
        ('**例 4.3** 设 $n = 2$', lambda: ALL(E('2', 2), EV(['2', '1'], m1), EV(['0', '3'], m2), E('2', 2), E('1', s2[0]), E('2', 2), E('4', s2[1]),
            E('0.4', p1), E('0.6', p2), EV(['2', '2'], x)), '4.3'),
        ('$$w = \\left(\\frac{2 - 0}{1}', lambda: ALL(E('2', m1[0]), E('0', m2[0]), E('1', s2[0]), E('1', m1[1]), E('3', m2[1]), E('4', s2[1]), EV(['2', '-0.5'], w),
            E('0', m2[0] ** 2), E('4', m1[0] ** 2), E('2', 2 * s2[0]), E('9', m2[1] ** 2), E('1', m1[1] ** 2), E('8', 2 * s2[1]), E('0.4', p1), E('0.6', p2),
            E('-2', (m2[0] ** 2 - m1[0] ** 2) / (2 * s2[0])), E('1', (m2[1] ** 2 - m1[1] ** 2) / (2 * s2[1])), C('0.4055', -np.log(p1 / p2)), C('-1.4055', b))),
        ('于是 $w\\cdot x + b = 4 - 1 - 1.4055', lambda: ALL(E('4', w[0] * x[0]), E('1', -w[1] * x[1]), C('1.4055', -b), C('1.5945', w @ x + b),
            E('1', 1), E('1', 1), C('-1.5945', -(w @ x + b)), C('0.8313', post(x), 1 / (1 + np.exp(-1.5945))))),
        ('直接验证：两类似然之比为', lambda: ALL(E('0', (x - m1)[0] ** 2), E('2', 2 * s2[0]), E('1', (x - m1)[1] ** 2), E('8', 2 * s2[1]),
            E('4', (x - m2)[0] ** 2), E('2', 2 * s2[0]), E('1', (x - m2)[1] ** 2), E('8', 2 * s2[1]), E('2', np.log(lr)), C('7.389', lr),
            E('0.4', p1), E('0.6', p2), C('4.926', lr * p1 / p2), C('4.926', lr * p1 / p2), C('5.926', 1 + lr * p1 / p2),
            C('0.8313', post(x), 4.926 / 5.926))),
    ]

# ======================================================================= 11
@register('11_bias_variance_crossvalidated.md')
def f11():
    mu, s2, n = 1.0, 4.0, 10
    bias2 = lambda c: ((c - 1) * mu) ** 2
    var_t = lambda c: c ** 2 * s2 / n; var_c = lambda c: c * s2 / n
    mse_t = lambda c: bias2(c) + var_t(c); mse_c = lambda c: bias2(c) + var_c(c)
    cstar_t = mu ** 2 / (mu ** 2 + s2 / n); cstar_c = 1 - s2 / (2 * n * mu ** 2)
    R = np.random.default_rng(11)
    def mc(c, reps=200000):
        xb = R.normal(mu, math.sqrt(s2), size=(reps, n)).mean(1); return np.mean((c * xb - mu) ** 2)
    def decomposition(k):
        def one():
            th = rand(); samples = RNG.exponential(1.0, 400001) * abs(rand()) + rand()        # any distribution
            Eh = samples.mean(); mse = np.mean((samples - th) ** 2)
            l1 = np.mean((samples - Eh + Eh - th) ** 2)
            l2 = np.mean((samples - Eh) ** 2) + 2 * (Eh - th) * np.mean(samples - Eh) + (Eh - th) ** 2
            l3 = samples.var() + (Eh - th) ** 2
            return abs([mse, l1, l2, l3][k] - mse) < 1e-9
        return many(one, 3)
    def row(c_sh, b_sh, v_sh, m_sh):
        c = float(c_sh)
        return lambda: ALL(E(c_sh, c), C(b_sh, bias2(c)), CC(v_sh, var_t(c), var_c(c)), CC(m_sh, mse_t(c), mse_c(c)))
    return [
        ('The decomposition is pure algebra', GIVEN),
        ('**Decomposition.** For any estimator', GIVEN),
        ('\\operatorname{MSE}(\\hat\\theta) = \\mathbb E\\big[(\\hat\\theta - \\theta)^2\\big]', lambda: ALL(decomposition(0), E('2', 2))),
        ('&= \\mathbb E\\big[(\\hat\\theta - \\mathbb E\\hat\\theta + \\mathbb E\\hat\\theta - \\theta)^2', lambda: ALL(decomposition(1), E('2', 2))),
        ('&= \\mathbb E\\big[(\\hat\\theta - \\mathbb E\\hat\\theta)^2\\big] + 2', lambda: ALL(decomposition(2), E('2', 2), E('2', 2), E('2', 2))),
        ('&= \\operatorname{Var}(\\hat\\theta) + \\operatorname{Bias}', lambda: ALL(decomposition(3), E('2', 2))),
        ('because $\\mathbb E\\hat\\theta - \\theta$ is a constant', lambda: ALL(decomposition(2), E('0', 0))),
        ('**Example: shrinking the sample mean.**', lambda: ALL(E('2', 2), E('0', 0), E('1', 1), E('1', 1),
            abs(np.var(R.normal(mu, 2, size=(200000, n)).mean(1)) - s2 / n) < 0.01, E('2', 2))),
        ('- $\\operatorname{Bias}(\\hat\\mu_c) = c\\mu - \\mu', lambda: ALL(E('1', 1), all(abs(c * mu - mu - (c - 1) * mu) < 1e-15 for c in (0.3, 0.8)))),
        ('- $\\operatorname{Var}(\\hat\\mu_c) = c\\,\\sigma^2/n$', lambda: ALL(E('2', 2), abs(np.var(0.5 * R.normal(mu, 2, size=(200000, n)).mean(1)) - var_c(0.5)) < 0.01)),
        ('$$\\operatorname{MSE}(c) = (c - 1)^2\\mu^2 + \\frac{c\\,\\sigma^2}{n}', lambda: ALL(E('1', 1), E('2', 2), E('2', 2), E('2', 2),
            abs(mc(0.5) - mse_c(0.5)) < 0.01)),
        ('With $\\mu = 1$, $\\sigma^2 = 4$ and $n = 10$', lambda: ALL(E('1', mu), E('2', 2), E('4', s2), E('10', n), E('2', 2), E('0.4', s2 / n))),
        ('| $c$ | bias² | variance | MSE |', GIVEN),
        ('| 1.0 | 0 | 0.4 | 0.4 |', row('1.0', '0', '0.4', '0.4')),
        ('| 0.8 | 0.04 |', row('0.8', '0.04', '0.32', '0.36')),
        ('| 0.5 | 0.25 |', row('0.5', '0.25', '0.2', '0.45')),
        ('So $c = 0.8$ beats the unbiased estimator', lambda: ALL(E('0.8', 0.8), mse_t(0.8) < mse_t(1.0), C('0.04', bias2(0.8)),
            CC('0.08', var_t(1) - var_t(0.8), var_c(1) - var_c(0.8)), E('0.5', 0.5), mse_t(0.5) > mse_t(0.8))),
        ('The best constant solves', lambda: ALL(E('2', 2), E('1', 1), E('2', 2), E('2', 2), E('0', 0),
            abs(fd(mse_t, 0.63) - (2 * (0.63 - 1) * mu ** 2 + s2 / n)) < 1e-8,          # the derivative as written
            E('1', 1), E('2', 2), E('2', 2), E('2', 2), E('1', 1), E('0.4', s2 / n), E('2', 2),
            CC('0.8', cstar_t, cstar_c), abs(fd(mse_t, cstar_t)) < 1e-8)),
        ('Two caveats. First, $c^*$ depends on the unknown', lambda: abs(mu ** 2 / (mu ** 2 + s2 / n) - 4.0 / (4.0 + s2 / n)) > 0.01),
        ('set.seed(1)', GIVEN, '1'),
        ('mu <- 1; sigma <- 2; n <- 10', lambda: ALL(E('1', mu), E('2', math.sqrt(s2)), E('10', n))),
        ('xbar <- replicate(1e5, mean(rnorm(n, mu, sigma)))', lambda: ALL(abs(np.mean(R.normal(mu, 2, size=(100000, n)).mean(1)) - mu) < 0.01), '1'),
        ('mean((0.8 * xbar - mu)^2)', lambda: ALL(E('0.8', 0.8), E('2', 2), E('0.8', 0.8), abs(mc(0.8) - mse_t(0.8)) < 0.005)),
    ]

# ======================================================================= 12
@register('12_emv_gaussiana_pt.md', comma=True)
def f12():
    x = np.array([2.0, 4, 4, 4, 5, 5, 7, 9]); N = len(x)
    def ll(mu, v, xx=x):
        n_ = len(xx); return -n_ / 2 * np.log(2 * np.pi) - n_ / 2 * np.log(v) - np.sum((xx - mu) ** 2) / (2 * v)
    def lik_forms():
        def one():
            xx = rand(6); mu, v = rand(), rand(lo=0.3, hi=2)
            Lp = np.prod(np.exp(-(xx - mu) ** 2 / (2 * v)) / np.sqrt(2 * np.pi * v))
            return abs(np.log(Lp) - ll(mu, v, xx)) < 1e-10
        return many(one)
    def dmu():
        def one():
            xx = rand(6); mu, v = rand(), rand(lo=0.3, hi=2)
            g = fd(lambda m: ll(m, v, xx), mu)
            return abs(g - np.sum(xx - mu) / v) < 1e-6 and abs(fd(lambda m: ll(m, v, xx), xx.mean())) < 1e-6
        return many(one)
    def dvar():
        def one():
            xx = rand(6); mu, v = rand(), rand(lo=0.3, hi=2)
            g = fd(lambda t: ll(mu, t, xx), v)
            vh = np.mean((xx - xx.mean()) ** 2)
            return (abs(g - (-len(xx) / (2 * v) + np.sum((xx - mu) ** 2) / (2 * v ** 2))) < 1e-6
                    and abs(fd(lambda t: ll(xx.mean(), t, xx), vh)) < 1e-6)
        return many(one)
    def second():
        def one():
            xx = rand(7); m, vh = xx.mean(), np.mean((xx - xx.mean()) ** 2)
            H = hess(lambda p: ll(p[0], p[1], xx), np.array([m, vh]))
            return (abs(H[0, 0] + len(xx) / vh) < 1e-4 * max(1, len(xx) / vh) and abs(H[1, 1] + len(xx) / (2 * vh ** 2)) < 1e-4 * max(1, len(xx) / vh ** 2)
                    and abs(H[0, 1]) < 1e-4 * max(1, len(xx) / vh ** 2) and np.all(np.linalg.eigvalsh((H + H.T) / 2) < 0))
        return many(one)
    def identity():
        def one():
            xx = rand(6); mu = rand()
            return abs(np.sum((xx - xx.mean()) ** 2) - (np.sum((xx - mu) ** 2) - len(xx) * (xx.mean() - mu) ** 2)) < 1e-12 and abs(np.sum(xx - xx.mean())) < 1e-12
        return many(one)
    def expect(n_=5, s2_=2.0):
        # exact: E[x^T A x] = s2 tr(A) + mu^2 1^T A 1 for A = I - 11^T/n
        A = np.eye(n_) - np.ones((n_, n_)) / n_
        return abs(s2_ * np.trace(A) - (n_ - 1) * s2_) < 1e-12 and abs(np.ones(n_) @ A @ np.ones(n_)) < 1e-12
    def var_mean():
        R = np.random.default_rng(12); xs = R.normal(1.0, 2.0, size=(200000, 5))
        return abs(np.mean((xs - 1.0) ** 2) - 4) < 0.05 and abs(np.var(xs.mean(1)) - 4 / 5) < 0.02
    def bessel():
        R = np.random.default_rng(13); xs = R.normal(0.0, 1.5, size=(200000, 4))
        return abs(np.var(xs, axis=1, ddof=1).mean() - 2.25) < 0.03 and abs(np.var(xs, axis=1).mean() - 0.75 * 2.25) < 0.03
    ns = {'np': np}
    code = re.findall(r'```python\n(.*?)```', open(os.path.join(D, '12_emv_gaussiana_pt.md'), encoding='utf-8').read(), flags=re.S)[0]
    exec(code.split('\n')[0], ns)
    dev = (x - x.mean()) ** 2
    return [
        ('Sejam $x_1, \\dots, x_N$', lambda: ALL(GIVEN(), E('2', 2))),
        ('$$L(\\mu, \\sigma^2) = \\prod', lambda: ALL(lik_forms(), E('2', 2), E('1', 1), E('2', 2), E('2', 2), E('2', 2), E('2', 2), E('2', 2))),
        ('$$\\ell(\\mu, \\sigma^2) = -\\frac{N}{2}\\ln(2\\pi)', lambda: ALL(lik_forms(), E('2', 2), E('2', 2), E('2', 2), E('2', 2), E('2', 2), E('1', 1), E('2', 2), E('2', 2), E('2', 2)), '3.1'),
        ('Em relação a $\\mu$:', GIVEN),
        ('$$\\frac{\\partial\\ell}{\\partial\\mu} = \\frac{1}{\\sigma^2}', lambda: ALL(dmu(), E('1', 1), E('2', 2), E('0', 0), E('1', 1))),
        ('Em relação a $\\sigma^2$ (tratando', lambda: ALL(GIVEN(), E('2', 2), E('2', 2))),
        ('$$\\frac{\\partial\\ell}{\\partial\\sigma^2} = -\\frac{N}{2\\sigma^2}', lambda: ALL(dvar(), E('2', 2), E('2', 2), E('2', 2), E('1', 1), E('2', 2), E('4', 4), E('2', 2), E('0', 0), E('2', 2), E('1', 1), E('2', 2))),
        ('Note que $\\hat\\sigma^2$ usa', lambda: ALL(second(), *[E('2', 2) for _ in range(9)], E('4', 4))),
        ('Somando e subtraindo $\\mu$', lambda: ALL(identity(), E('0', 0))),
        ('$$\\sum_{i=1}^{N}(x_i - \\bar x)^2 = \\sum', lambda: ALL(identity(), E('2', 2), E('2', 2), E('2', 2))),
        ('Como $\\mathbb E[(x_i - \\mu)^2]', lambda: ALL(var_mean(), E('2', 2), E('2', 2), E('2', 2), E('2', 2))),
        ('$$\\mathbb E\\Big[\\sum_{i=1}^{N}(x_i - \\bar x)^2\\Big]', lambda: ALL(expect(), expect(9, 0.7), E('2', 2), E('2', 2), E('2', 2), E('1', 1), E('2', 2), E('2', 2), E('1', 1), E('2', 2), E('2', 2))),
        ('O EMV subestima a variância em média.', lambda: ALL(bessel(), E('1', 1), E('2', 2), E('1', 1), E('1', 1), E('2', 2))),
        ('Para a amostra $2, 4, 4, 4, 5, 5, 7, 9$', lambda: ALL(EV(['2', '4', '4', '4', '5', '5', '7', '9'], x), E('8', N), E('40', x.sum()), E('8', N), E('5', x.mean()),
            EV(['9', '1', '1', '1', '0', '0', '4', '16'], dev), E('32', dev.sum()))),
        ('- EMV: $\\hat\\sigma^2 = 32/8 = 4$', lambda: ALL(E('2', 2), E('32', dev.sum()), E('8', N), E('4', np.var(x)), E('2', np.std(x)))),
        ('- não viesado: $s^2 = 32/7', lambda: ALL(E('2', 2), E('32', dev.sum()), E('7', N - 1), C('4.5714', np.var(x, ddof=1)), C('2.1381', np.std(x, ddof=1)))),
        ('A razão entre os dois é', lambda: ALL(E('1', 1), E('7', N - 1), E('8', N), E('0.875', np.var(x) / np.var(x, ddof=1)))),
        ('x = np.array([2, 4, 4, 4, 5, 5, 7, 9])', lambda: ALL(EV(['2', '4', '4', '4', '5', '5', '7', '9'], ns['x']))),
        ('np.var(x)           # 4.0', lambda: ALL(E('4.0', np.var(ns['x'])), E('0', 0), np.var(ns['x']) == np.var(ns['x'], ddof=0))),
        ('np.var(x, ddof=1)   # 4.571428571428571', lambda: ALL(E('1', 1), E('4.571428571428571', np.var(ns['x'], ddof=1)), E('1', 1))),
    ]

# ======================================================================= 13
@register('13_gd_quadratic_coursera.md')
def f13():
    f = lambda w: 3 * (w - 2) ** 2 + 1
    fp = lambda w: fd(f, w)
    fpp = lambda w, h=1e-3: (f(w + h) - 2 * f(w) + f(w - h)) / h ** 2
    def gd(alpha, w0=5.0, T=10):
        ws = [w0]
        for _ in range(T):
            ws.append(ws[-1] - alpha * fp(ws[-1]))
        return np.array(ws)
    def converges(alpha):
        e = gd(alpha, T=400) - 2; return abs(e[-1]) < 1e-6
    def rate_claims():
        ok = all(converges(a) for a in (0.01, 0.1, 0.2, 0.3, 0.32)) and not any(converges(a) for a in (-0.05, 0.0, 0.34, 0.5))
        # general a: 0 < alpha < 2/a
        for a in (0.5, 4.0, 10.0):
            g = lambda w, a=a: a * (w - 1.3)
            for alpha, expect in ((0.99 * 2 / a, True), (1.01 * 2 / a, False), (1 / a, True)):
                w = 4.0
                for _ in range(3000):
                    w -= alpha * g(w)
                ok &= (abs(w - 1.3) < 1e-6) == expect
        return ok
    g01 = gd(0.1); g03 = gd(0.3); g04 = gd(0.4)
    t_first = int(np.argmax(np.abs(gd(0.1, T=30) - 2) < 0.01))
    return [
        ('Throughout the quiz, $f(w) = 3(w - 2)^2 + 1$', lambda: ALL(GIVEN(), E('3', 3), E('2', 2), E('2', 2), E('1', 1), E('5', 5))),
        ('**Question 1.** What is', GIVEN, '1'),
        ('✅ **Correct.** $f\'(w) = 6(w - 2)$', lambda: ALL(all(abs(fp(w) - 6 * (w - 2)) < 1e-6 for w in rand(5)), E('6', 6), E('2', 2), E('2', 2), E('1', f(2)),
            E('6', 6), all(abs(fpp(w) - 6) < 1e-5 for w in rand(5) * 4), E('0', 0), all(f(w) >= f(2) for w in rand(50) * 5))),
        ('**Question 2.** Rewrite the update', GIVEN, '2'),
        ('✅ **Correct.** $e_{t+1} = e_t - 6\\alpha', lambda: ALL(E('6', 6), E('1', 1), E('6', 6), E('1', 1), E('6', 6),
            all(near(gd(a, T=6) - 2, 3 * (1 - 6 * a) ** np.arange(7)) for a in (0.05, 0.1, 0.3)), E('5', 5), E('2', 2), E('3', 5 - 2))),
        ('**Question 3.** For which learning rates', GIVEN, '3'),
        ('✅ **Correct:** $0 < \\alpha < 1/3$.', lambda: ALL(rate_claims(), E('0', 0), E('1', 1), E('3', 3))),
        ('*Explanation:* we need $|1 - 6\\alpha| < 1$', lambda: ALL(rate_claims(), E('1', 1), E('6', 6), E('1', 1), E('-1', -1), E('1', 1), E('6', 6), E('1', 1),
            E('0', 0), E('1', 1), E('3', 3), E('2', 2), E('2', 2), E('0', 0), E('2', 2), E('6', 6), abs(fpp(1.0) - 6) < 1e-5, E('1', 1), E('1', 1), E('6', 6),
            E('0', 1 - 6 / 6), abs(gd(1 / 6, T=1)[1] - 2) < 1e-8)),
        ('**Question 4.** With $\\alpha = 0.1$', lambda: ALL(E('4', 4), E('0.1', 0.1))),
        ('✅ **Correct.** The factor is $1 - 6(0.1) = 0.4$', lambda: ALL(E('1', 1), E('6', 6), E('0.1', 0.1), C('0.4', 1 - 6 * 0.1),
            E('2', 2), C('0.4', 0.4), E('3', 3), C('3.2', g01[1]), E('2', 2), C('0.16', 0.4 ** 2), E('3', 3), C('2.48', g01[2]),
            E('2', 2), C('0.064', 0.4 ** 3), E('3', 3), C('2.192', g01[3]))),
        ('*Check with the raw update:*', lambda: ALL(E('5', 5), E('0.1', 0.1), E('6', 6), E('5', 5), E('2', 2), E('5', 5), C('1.8', 0.1 * fp(5)), C('3.2', g01[1]),
            E('3', 3), C('0.192', g01[3] - 2), E('2', 2), E('1', 1), C('1.1106', f(g01[3])))),
        ('**Question 5.** Match each learning rate', GIVEN, '5'),
        ('- $\\alpha = 0.05$: factor $0.7$', lambda: ALL(E('0.05', 0.05), C('0.7', 1 - 6 * 0.05), np.all(np.diff(gd(0.05)) < 0) and np.all(gd(0.05) > 2))),
        ('- $\\alpha = 0.3$: factor $-0.8$', lambda: ALL(E('0.3', 0.3), C('-0.8', 1 - 6 * 0.3), converges(0.3), E('2', 2), C('0.8', 0.8), E('3', 3), C('-0.4', g03[1]),
            E('2', 2), C('0.64', 0.8 ** 2), E('3', 3), C('3.92', g03[2]))),
        ('- $\\alpha = 0.4$: factor $-1.4$', lambda: ALL(E('0.4', 0.4), C('-1.4', 1 - 6 * 0.4), not converges(0.4), E('3', 3), C('1.4', 1.4),
            near(np.abs(g04 - 2), 3 * 1.4 ** np.arange(11)), C('86.8', abs(g04[10] - 2)))),
        ('**Question 6.** With $\\alpha = 0.1$', lambda: ALL(E('6', 6), E('0.1', 0.1), E('2', 2), E('0.01', 0.01))),
        ('✅ **Correct: 7.**', lambda: ALL(E('7', t_first), E('3', 3), E('0.4', 0.4), E('0.01', 0.01), E('300', 3 / 0.01), E('2.5', 1 / 0.4),
            C('5.7038', math.log(300)), C('0.9163', math.log(2.5)), C('6.22', math.log(300) / math.log(2.5)), E('7', math.floor(math.log(300) / math.log(2.5)) + 1))),
        ('*Check:* $3\\cdot 0.4^6', lambda: ALL(E('3', 3), E('0.4', 0.4), E('6', 6), C('0.0123', abs(g01[6] - 2)), abs(g01[6] - 2) >= 0.01,
            E('3', 3), E('0.4', 0.4), E('7', 7), C('0.0049', abs(g01[7] - 2)))),
        ('> **Common mistake.**', lambda: ALL(E('2', 2), E('3', 3), E('2', 2), E('3', 3), E('3', 3), E('2', 2), E('2', 2), E('6', 6), abs(fpp(0.2) - 6) < 1e-5, E('3', 3),
            not converges(0.5), 0.5 < 2 / 3)),
    ]

# ======================================================================= 14
@register('14_lda_log_odds_it.md', comma=True)
def f14():
    m0 = np.array([1.0, 0]); m1 = np.array([2.0, 2]); S = np.array([[1.0, 0.5], [0.5, 1]]); p1, p0 = 0.25, 0.75
    Si = np.linalg.inv(S); w = Si @ (m1 - m0); q1 = m1 @ Si @ m1; q0 = m0 @ Si @ m0
    w0_t = -q1 / 2 + q0 / 2 + np.log(p1 / p0); w0_c = q1 / 2 - q0 / 2 + np.log(p1 / p0)
    x = np.array([1.5, 1.0])
    def gauss(xx, m, Sg):
        dd = len(xx); r = xx - m
        return np.exp(-0.5 * r @ np.linalg.inv(Sg) @ r) / ((2 * np.pi) ** (dd / 2) * np.linalg.det(Sg) ** 0.5)
    def post1(xx, M0=m0, M1=m1, Sg=S, P1=p1):
        a = P1 * gauss(xx, M1, Sg); c = (1 - P1) * gauss(xx, M0, Sg); return a / (a + c)
    def rnd():
        M0, M1 = rand(3), rand(3); A = rand(3, 3); Sg = A @ A.T + np.eye(3); return M0, M1, Sg, RNG.uniform(0.1, 0.9), rand(3)
    def density():
        M0, M1, Sg, P1, xx = rnd()
        # the 2-D case integrates to 1 on a grid
        Sg2 = Sg[:2, :2]; g = np.linspace(-12, 12, 401); G = np.array(np.meshgrid(g, g)).reshape(2, -1).T
        vals = np.array([gauss(t, M0[:2], Sg2) for t in G])
        return abs(vals.sum() * (g[1] - g[0]) ** 2 - 1) < 1e-4
    def bayes():
        def one():
            M0, M1, Sg, P1, xx = rnd(); Si_ = np.linalg.inv(Sg)
            pp = post1(xx, M0, M1, Sg, P1)
            rhs = -0.5 * (xx - M1) @ Si_ @ (xx - M1) + 0.5 * (xx - M0) @ Si_ @ (xx - M0) + np.log(P1 / (1 - P1))
            return abs(np.log(pp / (1 - pp)) - rhs) < 1e-8
        return many(one)
    def expand_claim():
        def one():
            M0, M1, Sg, P1, xx = rnd(); Si_ = np.linalg.inv(Sg); m = M1
            lhs = -0.5 * (xx - m) @ Si_ @ (xx - m)
            rhs = -0.5 * xx @ Si_ @ xx + m @ Si_ @ xx + 0.5 * m @ Si_ @ m
            return abs(lhs - rhs) < 1e-10 and abs(xx @ Si_ @ m - m @ Si_ @ xx) < 1e-12
        return many(one)
    def symmetric():
        M0, M1, Sg, P1, xx = rnd(); Si_ = np.linalg.inv(Sg)
        return abs(xx @ Si_ @ M0 - M0 @ Si_ @ xx) < 1e-12
    def cancel():
        M0, M1, Sg, P1, xx = rnd(); Si_ = np.linalg.inv(Sg)
        a = lambda t: -0.5 * (t - M1) @ Si_ @ (t - M1) + 0.5 * (t - M0) @ Si_ @ (t - M0)
        Hm = hess(a, xx)
        return near(Hm, np.zeros((3, 3)), 1e-5)
    def linear_form():
        def one():
            M0, M1, Sg, P1, xx = rnd(); Si_ = np.linalg.inv(Sg)
            ww = Si_ @ (M1 - M0); ww0 = 0.5 * M1 @ Si_ @ M1 - 0.5 * M0 @ Si_ @ M0 + np.log(P1 / (1 - P1))
            pp = post1(xx, M0, M1, Sg, P1)
            return abs(np.log(pp / (1 - pp)) - (ww @ xx + ww0)) < 1e-8
        return many(one)
    def sigmoid_form():
        def one():
            M0, M1, Sg, P1, xx = rnd(); Si_ = np.linalg.inv(Sg)
            ww = Si_ @ (M1 - M0); ww0 = 0.5 * M1 @ Si_ @ M1 - 0.5 * M0 @ Si_ @ M0 + np.log(P1 / (1 - P1))
            return abs(post1(xx, M0, M1, Sg, P1) - sig(ww @ xx + ww0)) < 1e-10
        return many(one)
    def hyperplane():
        M0, M1, Sg, P1, xx = rnd(); Si_ = np.linalg.inv(Sg)
        lo = lambda t: np.log(post1(t, M0, M1, Sg, P1) / (1 - post1(t, M0, M1, Sg, P1)))
        return near(hess(lo, xx), np.zeros((3, 3)), 1e-4)
    a_t = w @ x + w0_t; a_c = w @ x + w0_c
    return [
        ('Consideriamo due classi $C_0$', lambda: ALL(GIVEN(), E('1', 1))),
        ('$$p(\\mathbf x \\mid C_k) = \\frac{1}{(2\\pi)^{d/2}', lambda: ALL(density(), E('1', 1), E('2', 2), E('2', 2), E('1', 1), E('2', 2),
            E('1', 1), E('2', 2), E('-1', -1), E('0', 0), E('1', 1)), '9.1'),
        ('Per il teorema di Bayes il denominatore', bayes, '9.1'),
        ('$$a(\\mathbf x) := \\ln\\frac{p(C_1 \\mid \\mathbf x)}', lambda: ALL(bayes(), E('1', 1), E('2', 2), E('-1', -1), E('1', 1), E('2', 2), E('-1', -1))),
        ('Sviluppiamo ciascuna forma quadratica', lambda: ALL(symmetric(), E('-1', -1), E('-1', -1), E('-1', -1))),
        ('$$-\\tfrac12(\\mathbf x - \\boldsymbol\\mu)^{\\top}', lambda: ALL(expand_claim(), E('1', 1), E('2', 2), E('-1', -1), E('1', 1), E('2', 2), E('-1', -1),
            E('-1', -1), E('1', 1), E('2', 2), E('-1', -1))),
        ('Il termine $-\\frac12\\mathbf x^{\\top}', lambda: ALL(cancel(), E('1', 1), E('2', 2), E('-1', -1))),
        ('$$a(\\mathbf x) = \\mathbf w^{\\top}\\mathbf x + w_0', lambda: ALL(linear_form(), E('-1', -1), E('1', 1), E('2', 2), E('-1', -1), E('1', 1), E('2', 2), E('-1', -1)), '9.2'),
        ('e di conseguenza $p(C_1 \\mid \\mathbf x) = \\sigma', lambda: ALL(sigmoid_form(), hyperplane(), E('0', 0))),
        ('Siano $d = 2$', lambda: ALL(E('2', 2), EV(['1', '0'], m0), EV(['2', '2'], m1), E('0.25', p1), E('0.75', p0))),
        ('$$\\Sigma = \\begin{pmatrix} 1 & 0{,}5', lambda: ALL(EV(['1', '0.5', '0.5', '1'], S), E('0.75', np.linalg.det(S)), E('-1', -1),
            E('1', 1), E('0.75', np.linalg.det(S)), EV(['1', '-0.5', '-0.5', '1'], Si * np.linalg.det(S)), E('1', 1), E('3', 3),
            EV(['4', '-2', '-2', '4'], 3 * Si))),
        ('1. Direzione:', lambda: ALL(EV(['1', '2'], m1 - m0), E('1', 1), E('3', 3), E('4', 3 * Si[0, 0] * 1), E('4', -3 * Si[0, 1] * 2), E('-2', 3 * Si[1, 0] * 1),
            E('8', 3 * Si[1, 1] * 2), EV(['0', '2'], w))),
        ('2. Forme quadratiche:', lambda: ALL(E('-1', -1), E('1', 1), E('3', 3), EV(['16', '8', '8', '16'], np.abs(3 * Si * np.outer(m1, m1))), E('16', 3 * q1), E('3', 3),
            C('5.3333', q1), E('-1', -1), E('4', 3 * q0), E('3', 3), C('1.3333', q0))),
        ('3. Termine noto:', lambda: ALL(E('1', 1), E('2', 2), C('5.3333', q1), E('1', 1), E('2', 2), C('1.3333', q0), E('0.25', p1), E('0.75', p0),
            CC('2', -q1 / 2 + q0 / 2, q1 / 2 - q0 / 2), C('1.0986', -np.log(p1 / p0)), CC('0.9014', w0_t, w0_c))),
        ('4. Per il punto', lambda: ALL(EV(['1.5', '1'], x), E('0', w[0]), E('1.5', x[0]), E('2', w[1]), E('1', x[1]), CC('0.9014', w0_t, w0_c), CC('2.9014', a_t, a_c),
            CC('2.9014', a_t, a_c), CC('0.948', post1(x), sig(a_c)))),
        ('5. La frontiera', lambda: ALL(E('0', 0), E('2', w[1]), CC('0.9014', w0_t, w0_c), E('0', 0), CC('-0.4507', -w0_t / w[1], -w0_c / w[1]))),
        ('*Osservazione.* Poiché $\\mathbf w$', lambda: ALL(abs(w[0]) < 1e-12, abs(post1(np.array([0.3, 0.7])) - post1(np.array([5.0, 0.7]))) < 1e-9)),
    ]

# ======================================================================= 15
@register('15_kolokwium_klucz_pl.md', comma=True)
def f15():
    x = np.array([1.0, 2, 3]); y = np.array([2.0, 2, 5]); N = 3; X = np.c_[np.ones(3), x]
    L = lambda w, XX=X, yy=y: np.sum((XX @ w - yy) ** 2) / len(yy)
    w0 = np.zeros(2); eta = 0.1; r0 = X @ w0 - y; g0 = grad(L, w0); w1 = w0 - eta * g0; r1 = X @ w1 - y
    H = 2 / N * X.T @ X; ev = np.linalg.eigvalsh(H)
    Lr = lambda w, lam: np.sum((y - w * x) ** 2) + lam * w ** 2
    def gdL():
        def one():
            XX, yy, w = rand(5, 2), rand(5), rand(2)
            return abs(np.sum((XX @ w - yy) ** 2) - (XX @ w - yy) @ (XX @ w - yy)) < 1e-12 and near(grad(lambda u: L(u, XX, yy), w), 2 / 5 * XX.T @ (XX @ w - yy))
        return many(one)
    def step_ok(eta_):
        w = np.array([3.0, -2.0])
        for _ in range(3000):
            w = w - eta_ * (2 / N * X.T @ (X @ w - y))
        return abs(L(w) - L(np.linalg.lstsq(X, y, rcond=None)[0])) < 1e-9
    def softmax_count():
        W = np.zeros((20, 5)); b = np.zeros(5); return W.size, b.size, W.size + b.size
    def overparam():
        Xr = rand(4, 20); W = rand(20, 5); b = rand(5); v = rand(20); c = rand()
        P = softmax(Xr @ W + b); P2 = softmax(Xr @ (W + v[:, None]) + (b + c))
        # a reduced model with the last class fixed at zero reproduces P
        Wr = W - W[:, [4]]; br = b - b[4]
        return near(P, P2, 1e-12) and near(softmax(Xr @ Wr + br), P, 1e-12) and Wr[:, :4].size + br[:4].size == 84
    nW, nb, ntot = softmax_count()
    return [
        ('Oznaczenia wspólne dla zadań 1–3', lambda: ALL(E('1', 1), E('3', 3), E('3', N), EV(['1', '2', '3'], x), EV(['2', '2', '5'], y), E('1', 1), E('2', 2),
            E('1', X[0, 0]), E('3', X.shape[0]), E('2', X.shape[1]))),
        ('Funkcja straty to błąd średniokwadratowy', lambda: ALL(GIVEN(), E('1', 1), E('2', 2), E('2', 2), gdL())),
        ('$$\\nabla L(w) = \\frac{2}{N}X^\\top(Xw - y).$$', lambda: ALL(gdL(), E('2', 2))),
        ('(Najczęstszy błąd na kolokwium:', lambda: ALL(E('2', 2), E('1', 1), E('-1', -1))),
        ('Start z $w^{(0)} = (0; 0)$', lambda: ALL(EV(['0', '0'], w0), E('0.1', eta))),
        ('- residua $Xw^{(0)} - y = (-2; -2; -5)$', lambda: ALL(EV(['-2', '-2', '-5'], r0), EV(['-9', '-21'], X.T @ r0))),
        ('- $\\nabla L(w^{(0)}) = \\frac23(-9; -21)', lambda: ALL(E('2', 2), E('3', N), EV(['-9', '-21'], X.T @ r0), CV(['-6', '-14'], g0))),
        ('- $w^{(1)} = w^{(0)} - 0{,}1\\cdot(-6; -14)', lambda: ALL(E('0.1', eta), CV(['-6', '-14'], g0), CV(['0.6', '1.4'], w1))),
        ('Kontrola: $L(w^{(0)}) = (4 + 4 + 25)/3 = 11$', lambda: ALL(EV(['4', '4', '25'], r0 ** 2), E('3', N), C('11', L(w0)), CV(['2', '3.4', '4.8'], X @ w1),
            CV(['0', '1.4', '-0.2'], r1), CV(['0', '1.96', '0.04'], r1 ** 2), E('3', N), C('0.6667', L(w1)), L(w1) < L(w0))),
        ('$$H = \\frac{2}{N}X^\\top X = \\frac23', lambda: ALL(near(hess(L, rand(2)), H, 1e-4), E('2', 2), E('2', 2), E('3', N), EV(['3', '6', '6', '14'], X.T @ X),
            CV(['2', '4', '4', '9.3333'], H))),
        ('Jego wartości własne to', lambda: ALL(C('11.0929', ev[1]), C('0.2404', ev[0]), C('11.3333', np.trace(H)), C('2.6667', np.linalg.det(H)),
            E('0', 0), E('2', 2), C('0.1803', 2 / ev[1]), E('0.1', eta), E('1', 1), step_ok(0.1), step_ok(0.17), not step_ok(0.1815))),
        ('Dla $L_\\lambda(w) = \\sum_i', lambda: ALL(E('2', 2), E('2', 2), all(abs(fd(lambda t: Lr(t, 1.7), w_) - (-2 * np.sum(x * (y - w_ * x)) + 2 * 1.7 * w_)) < 1e-6 for w_ in rand(3)),
            E('-2', -2), E('2', 2))),
        ('$$w^\\ast = \\frac{\\sum_i x_i y_i}', lambda: ALL(E('2', 2), all(abs(fd(lambda t: Lr(t, lam), np.sum(x * y) / (np.sum(x ** 2) + lam))) < 1e-6 for lam in (0.0, 0.5, 7.0)))),
        ('Tutaj $\\sum_i x_i y_i = 2 + 4 + 15 = 21$', lambda: ALL(EV(['2', '4', '15'], x * y), E('21', np.sum(x * y)), E('2', 2), E('14', np.sum(x ** 2)), E('7', 7),
            E('21', np.sum(x * y)), E('21', np.sum(x ** 2) + 7), E('1', np.sum(x * y) / (np.sum(x ** 2) + 7)), abs(fd(lambda t: Lr(t, 7.0), 1.0)) < 1e-6,
            E('0', 0), E('21', np.sum(x * y)), E('14', np.sum(x ** 2)), E('1.5', np.linalg.lstsq(x[:, None], y, rcond=None)[0][0]))),
        ('Regresja softmax dla $D = 20$', lambda: ALL(E('20', 20), E('5', 5), E('20', 20), E('5', 5), E('100', nW), E('5', nb), E('105', ntot),
            overparam(), E('1', 1), E('1', 1), E('84', (5 - 1) * (20 + 1)))),
    ]

# ======================================================================= 16
@register('16_lojistik_newton_tr.md', comma=True)
def f16():
    x = np.array([-1.0, 0, 1, 2]); y = np.array([0.0, 1, 0, 1]); X = np.c_[np.ones(4), x]
    def J(w, XX=X, yy=y):
        a = XX @ w; return np.sum(yy * np.logaddexp(0, -a) + (1 - yy) * np.logaddexp(0, a))
    w0 = np.zeros(2); p = sig(X @ w0); g = X.T @ (p - y)
    H_t = X.T @ np.diag(p * (1 - p)) @ X; H_c = X.T @ np.diag(p) @ X
    s_t = np.linalg.solve(H_t, g); s_c = np.linalg.solve(H_c, g); w1_t = w0 - s_t; w1_c = w0 - s_c
    def rnd():
        XX = np.c_[np.ones(6), rand(6, 2)]; yy = (rand(6) > 0).astype(float); return XX, yy, rand(3)
    def dz():
        def one():
            z, yv = rand(), float(rand() > 0)
            Ji = lambda t: -(yv * np.log(sig(t)) + (1 - yv) * np.log(1 - sig(t)))
            return abs(fd(Ji, z) - (sig(z) - yv)) < 1e-7
        return many(one)
    def gradJ():
        def one():
            XX, yy, w = rnd(); pp = sig(XX @ w)
            return near(grad(lambda u: J(u, XX, yy), w), sum((pp[i] - yy[i]) * XX[i] for i in range(6))) and near(grad(lambda u: J(u, XX, yy), w), XX.T @ (pp - yy))
        return many(one)
    def dp():
        def one():
            XX, yy, w = rnd(); i = 2
            return near(grad(lambda u: sig(XX[i] @ u), w), sig(XX[i] @ w) * XX[i])
        return many(one)
    def hessJ():
        def one():
            XX, yy, w = rnd(); pp = sig(XX @ w); Hn = hess(lambda u: J(u, XX, yy), w)
            return near(Hn, sum(pp[i] * np.outer(XX[i], XX[i]) for i in range(6)), 1e-4) and near(Hn, XX.T @ np.diag(pp) @ XX, 1e-4)
        return many(one)
    def psd_claim():
        def one():
            XX, yy, w = rnd(); pp = sig(XX @ w); v = rand(3); Hn = hess(lambda u: J(u, XX, yy), w)
            return abs(v @ Hn @ v - np.sum(pp * (XX @ v) ** 2)) < 1e-4 and np.linalg.eigvalsh(Hn).min() > -1e-6
        return many(one)
    def newton():
        def one():
            XX, yy, w = rnd(); Hn = hess(lambda u: J(u, XX, yy), w); gg = grad(lambda u: J(u, XX, yy), w)
            q = lambda u: J(w, XX, yy) + gg @ (u - w) + 0.5 * (u - w) @ Hn @ (u - w)
            wn = w - np.linalg.solve(Hn, gg)
            return near(grad(q, wn), np.zeros(3), 1e-5)
        return many(one)
    def irls():
        # a Newton step equals weighted least squares with weights W and working response z
        XX, yy, w = rnd(); pp = sig(XX @ w); Wd = pp                                    # weights as written (P)
        z = XX @ w - (pp - yy) / Wd
        wls = np.linalg.solve(XX.T @ np.diag(Wd) @ XX, XX.T @ np.diag(Wd) @ z)
        Hn = hess(lambda u: J(u, XX, yy), w); gg = grad(lambda u: J(u, XX, yy), w)
        return near(wls, w - np.linalg.solve(Hn, gg), 1e-5)
    def newton_converges():
        w = np.zeros(2)
        for _ in range(8):
            pp = sig(X @ w); w = w - np.linalg.solve(X.T @ np.diag(pp * (1 - pp)) @ X, X.T @ (pp - y))
        gfin = X.T @ (sig(X @ w) - y)
        sep = any(np.all((s * (X @ v) > 0) == (y == 1)) for v in rand(2000, 2) * 5 for s in (1,))
        return near(gfin, np.zeros(2), 1e-10) and np.all(np.isfinite(w)) and not sep
    return [
        ('Elimizde $N$ adet gözlem', lambda: ALL(E('1', X[0, 0]), E('0', 0), E('1', 1), X.shape == (4, 2))),
        ('$$p_i = \\sigma(z_i), \\qquad z_i', lambda: ALL(GIVEN(), E('1', 1), E('1', 1))),
        ('Kayıp fonksiyonu olarak negatif', GIVEN),
        ('$$J(\\mathbf w) = -\\sum_{i=1}^{N}\\big[', lambda: ALL(GIVEN(), E('1', 1), E('1', 1))),
        ("Ders 4'te her terim için", lambda: ALL(dz(), E('4', 4))),
        ('$$\\nabla J(\\mathbf w) = \\sum_{i=1}^{N}(p_i - y_i)', gradJ),
        ('Gradyanı bir kez daha türetiyoruz.', GIVEN),
        ('$$\\frac{\\partial p_i}{\\partial\\mathbf w} = \\sigma(z_i)', dp),
        ('$$H = \\nabla^2 J(\\mathbf w) = \\sum', lambda: ALL(hessJ(), E('2', 2))),
        ("$P$'nin köşegen elemanları pozitif", lambda: ALL(psd_claim(), E('2', 2), E('0', 0))),
        ("Newton yöntemi $J$'yi bulunduğumuz", newton),
        ('$$\\mathbf w^{\\text{yeni}} = \\mathbf w - H^{-1}', lambda: ALL(newton(), E('-1', -1))),
        ('Her adım, köşegen ağırlık matrisi $P$', irls),
        ('Tek özellik ve sabit terim:', lambda: ALL(EV(['-1', '0', '1', '2'], x), EV(['0', '1', '0', '1'], y), E('1', X[0, 0]), E('4', X.shape[0]), E('2', X.shape[1]), EV(['0', '0'], w0))),
        ('- Tüm $z_i = 0$ olduğundan', lambda: ALL(E('0', np.abs(X @ w0).max()), CV(['0.5'], p[:1]), near(p, 0.5), E('4', 4), E('2', 2), C('2.7726', J(w0)), abs(J(w0) - 4 * np.log(2)) < 1e-12)),
        ('- $\\mathbf p - \\mathbf y = (0{,}5;', lambda: ALL(EV(['0.5', '-0.5', '0.5', '-0.5'], p - y), near(grad(J, w0), g), EV(['0', '-1'], g))),
        ('- $X^\\top X = \\begin{pmatrix} 4 & 2', lambda: ALL(EV(['4', '2', '2', '6'], X.T @ X), E('0.5', p[0]), near(np.diag(p), 0.5 * np.eye(4)),
            CCV(['2', '1', '1', '3'], H_t, H_c), CC('5', np.linalg.det(H_t), np.linalg.det(H_c)))),
        ('- $H^{-1}\\nabla J = \\frac15', lambda: ALL(E('-1', -1), E('1', 1), CC('5', np.linalg.det(H_t), np.linalg.det(H_c)),
            CCV(['3', '-1', '-1', '2'], np.linalg.inv(H_t) * np.linalg.det(H_t), np.linalg.inv(H_c) * np.linalg.det(H_c)), EV(['0', '-1'], g),
            CCV(['0.2', '-0.4'], s_t, s_c), CCV(['-0.2', '0.4'], w1_t, w1_c))),
        ('- Kontrol: $J(\\mathbf w^{(1)})', lambda: ALL(CC('2.4713', J(w1_t), J(w1_c)), C('2.7726', J(w0)), J(w1_t) < J(w0))),
        ('**Not.** Veri doğrusal olarak ayrılabilir', lambda: ALL(newton_converges(), E('0', 0), E('1', 1))),
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
        s = re.sub(r'(?<=\d)[\u00a0\u202f]+(?=\d{3}(?!\d))', '', s)     # 7 850 with nbsp
    else:
        s = s.replace('{,}', '')
        s = re.sub(r'(?<=\d),(?=\d{3}(?!\d))', '', s)                  # 7,850
    out, i = [], 0
    while i < len(s):
        ch = s[i]
        if ch == '_' and not re.match(r'_[A-Za-z]*\(', s[i:]):            # subscripts are labels
            i = _skip_group(s, i + 1); continue
        if ch == '^' and re.match(r'\^\{?\(\d+\)', s[i:]):                # step labels ^{(1)}
            i = _skip_group(s, i + 1); continue
        out.append(ch); i += 1
    return ''.join(out)

def line_tokens(line, comma):
    s = re.sub(r'^\s*(>\s*)+', '', line)
    s = re.sub(r'^\s*(\d+\.|-|\*)\s', '', s)                                # list enumerator / bullet
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
MATH_CHARS = set('$∂∑σ′∇√‖⊙∘∈≤≥←→≈×·ε∞λμΣ≠⇒⇔')
def math_lines(lines):
    out = set(); in_code = False
    for i, ln in enumerate(lines, 1):
        s = re.sub(r'^\s*(>\s*)+', '', ln.strip())
        if s.startswith('```'):
            in_code = not in_code; continue
        if ln.strip().startswith('<!--') or not s or s in ('$$', '\\[', '\\]'):
            continue
        if ('`' in s or '\\(' in s or any(ch in MATH_CHARS for ch in s)
                or (re.search(r'[=≈<>]', s) and re.search(r'[0-9]', s))
                or (in_code and re.search(r'[0-9]', s))):
            out.add(i)
    return out

def check_file(name, builder, comma):
    lines = open(os.path.join(D, name), encoding='utf-8').read().split('\n')
    if lines and lines[-1] == '':
        lines = lines[:-1]
    problems, covered, first_false, prev = [], set(), None, 0
    globals()['RNG'] = np.random.default_rng(7800 + int(name[:2]))       # each file has its own random stream
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
        _LITS.clear(); _CARRY.clear()
        try:
            ok = bool(pred())
        except Exception as e:
            ok = False
            problems.append(f'predicate error line {ln}: {e!r}')
        if ok and ctx != '*':
            problems += [f'line {ln}: {p}' for p in account(text, list(_LITS), ctx, comma)]
        elif not ok:      # a false line must still show the values that were found false
            problems += [f'line {ln}: {p}' for p in account(text, list(_LITS), '', comma) if p.startswith('checked')]
        problems += [f'line {ln}: carry: {p}' for p in _CARRY]
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
    all_ok = set(expected) == set(FILES) and len(FILES) == 16
    if not all_ok and not only:
        print('file set mismatch:', sorted(set(expected) ^ set(FILES)))
    on_disk = sorted(f for f in os.listdir(D) if f.endswith('.md'))
    if not only and on_disk != sorted(FILES):
        print('markdown files on disk differ from the checked set:', sorted(set(on_disk) ^ set(FILES)))
        all_ok = False
    for name in names:
        fn, comma = FILES[name]
        if VERBOSE:
            print(name)
        ff, probs, n = check_file(name, fn, comma)
        exp = expected.get(name, 'missing')
        ok = (ff == exp) and not probs and 25 <= n <= 70
        all_ok &= ok
        print(f'{name:40s} lines={n:2d} first_false={ff!s:4s} expected={exp!s:4s} {"OK" if ok else "MISMATCH"}')
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
