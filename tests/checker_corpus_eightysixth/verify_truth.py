#!/usr/bin/env python3
"""Independent NumPy ground-truth check for corpus86.

For each Markdown file, every line containing math is either marked as a given
(definition / statement of data / plain prose with symbols) or checked:
worked numbers are recomputed and compared at their printed precision, symbolic
derivative claims are tested with central finite differences at random points,
identities are tested numerically at random points, sizes by building arrays.
The first line whose check fails must equal expected.json[file].
"""
import json
import os
import re
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
os.chdir(HERE)
RNG = np.random.default_rng(20240686)


# ----------------------------------------------------------------- helpers
def parse_printed(s):
    t = s.replace('{,}', '.').replace('\\,', '').replace('−', '-').replace(' ', '')
    t = t.replace(',', '.')
    val = float(t)
    dec = len(t.split('.')[1]) if '.' in t else 0
    return val, dec


def agree(x, printed):
    val, dec = parse_printed(printed)
    return abs(float(x) - val) <= 0.5 * 10.0 ** (-dec) * (1 + 1e-9) + 1e-12


def close(a, b, tol=1e-9):
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    return a.shape == b.shape and np.allclose(a, b, rtol=tol, atol=tol)


def fd_grad(f, x, h=1e-6):
    x = np.asarray(x, dtype=float)
    g = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        e = np.zeros_like(x)
        e[idx] = h
        g[idx] = (f(x + e) - f(x - e)) / (2 * h)
    return g


def fd_jac(F, x, h=1e-6):
    x = np.asarray(x, dtype=float)
    cols = []
    for i in range(x.size):
        e = np.zeros_like(x)
        e.flat[i] = h
        cols.append((np.asarray(F(x + e)) - np.asarray(F(x - e))).ravel() / (2 * h))
    return np.array(cols).T


def fd_hess(f, x, h=1e-4):
    return fd_jac(lambda z: fd_grad(f, z, h=1e-5), x, h=h)


def deriv_ok(f, grad_formula, pts, tol=1e-5):
    for x in pts:
        if not close(fd_grad(f, x), grad_formula(x), tol):
            return False
    return True


def hess_ok(f, hess_formula, pts, tol=1e-4):
    for x in pts:
        if not close(fd_hess(f, x), hess_formula(x), tol):
            return False
    return True


def rpts(n, dim, scale=1.0):
    return [RNG.uniform(-scale, scale, size=dim) for _ in range(n)]


sig = lambda z: 1.0 / (1.0 + np.exp(-z))

MATH_CHARS = set('$=∇∂≈≤≥·×√∑²⊙')
SKIP_LINE = re.compile(r'^\s*(\$\$|\\begin\{[a-z*]+\}|\\end\{[a-z*]+\}\.?|>\s*|\\qquad|\\quad)?\s*$')


class Doc:
    def __init__(self, fname):
        self.fname = fname
        with open(fname, encoding='utf-8') as fh:
            self.lines = fh.read().split('\n')
        self.results = []
        self.covered = set()

    def find(self, sub):
        hits = [i + 1 for i, l in enumerate(self.lines) if sub in l]
        if len(hits) != 1:
            raise RuntimeError(f'{self.fname}: substring {sub!r} found on {len(hits)} lines {hits}')
        return hits[0]

    def G(self, *subs):
        """Givens / definitions / statements with no checkable claim."""
        for s in subs:
            self.covered.add(self.find(s))

    def C(self, sub, ok, what=''):
        n = self.find(sub)
        self.covered.add(n)
        self.results.append((n, bool(ok), what or sub))

    def N(self, sub, *pairs, extra=True):
        """Worked numbers: each (computed, printed) pair must agree at printed precision."""
        n = self.find(sub)
        line = self.lines[n - 1]
        ok = bool(extra)
        for comp, pr in pairs:
            if pr not in line:
                raise RuntimeError(f'{self.fname}:{n}: printed {pr!r} not in line')
            ok = ok and agree(comp, pr)
        self.covered.add(n)
        self.results.append((n, ok, sub))

    def first_fail(self):
        bad = [n for n, ok, _ in self.results if not ok]
        return min(bad) if bad else None

    def uncovered(self):
        out = []
        for i, l in enumerate(self.lines, start=1):
            if i == 1 or i in self.covered:
                continue
            if SKIP_LINE.match(l):
                continue
            if any(c in MATH_CHARS for c in l) or '\\' in l:
                out.append(i)
        return out


CHECKS = {}


def register(fname):
    def deco(fn):
        CHECKS[fname] = fn
        return fn
    return deco


# ======================================================================= 01
@register('01_taylor_zweiter_ordnung_de.md')
def f01(d):
    L = lambda w: np.exp(w[0]) + w[0] * w[1] ** 2 - 2 * w[1]
    gradL = lambda w: np.array([np.exp(w[0]) + w[1] ** 2, 2 * w[0] * w[1] - 2])
    hessL = lambda w: np.array([[np.exp(w[0]), 2 * w[1]], [2 * w[1], 2 * w[0]]])
    d.G(r'Sei $L:\mathbb{R}^2\to\mathbb{R}$')
    # Taylor theorem: remainder is O(|h|^3) for the example function at random points/directions
    ok = True
    for w0 in rpts(4, 2):
        for u in rpts(2, 2):
            u = u / np.linalg.norm(u)
            for t in (1e-2, 5e-3):
                h = t * u
                r = L(w0 + h) - (L(w0) + gradL(w0) @ h + 0.5 * h @ hessL(w0) @ h)
                ok &= abs(r) <= 5 * t ** 3
            # and without the 1/2 it would be O(t^2): sanity of the test itself
    d.C(r'L(\mathbf{w}_0+\mathbf{h}) = L(\mathbf{w}_0) + \nabla L', ok)
    d.C(r'(\nabla^2 L)_{ij} = \partial^2 L/\partial w_i', all(close(fd_hess(L, p), fd_hess(L, p).T, 1e-5) for p in rpts(3, 2)))
    d.G(r'L(w_1,w_2) = e^{w_1} + w_1 w_2^2 - 2w_2')
    d.C(r'\frac{\partial L}{\partial w_1} = e^{w_1} + w_2^2', deriv_ok(L, gradL, rpts(5, 2)))
    d.C(r'\frac{\partial^2 L}{\partial w_1^2} = e^{w_1}', hess_ok(L, hessL, rpts(5, 2)))
    w0 = np.array([0.0, 1.0])
    d.C(r'L(\mathbf{w}_0) = 1 + 0 - 2 = -1',
        close([np.exp(0), 0 * 1, 2 * 1, L(w0)], [1, 0, 2, -1]))
    g0 = fd_grad(L, w0)
    H0 = fd_hess(L, w0)
    d.C(r'\nabla L(\mathbf{w}_0) = \begin{pmatrix} 2\\ -2', close(g0, [2, -2], 1e-6))
    d.C(r'\nabla^2 L(\mathbf{w}_0) = \begin{pmatrix} 1 & 2\\ 2 & 0', close(H0, [[1, 2], [2, 0]], 1e-5))
    q = lambda h: -1 + 2 * h[0] - 2 * h[1] + 0.5 * h[0] ** 2 + 2 * h[0] * h[1]
    qtrue = lambda h: L(w0) + g0 @ h + 0.5 * h @ H0 @ h
    d.C(r'q(\mathbf{h}) = -1 + 2h_1 - 2h_2 + \tfrac12 h_1^2 + 2h_1h_2', all(abs(q(h) - qtrue(h)) < 1e-5 for h in rpts(5, 2)))
    h = np.array([0.1, 0.1])
    d.G(r'\mathbf{h} = (0{,}1;\ 0{,}1)^\top')
    d.N(r'q(\mathbf{h}) = -1 + 0{,}2 - 0{,}2 + 0{,}005', (2 * h[0], '0{,}2'), (0.5 * h[0] ** 2, '0{,}005'),
        (2 * h[0] * h[1], '0{,}02'), (q(h), '-0{,}975'), extra=abs(2 * h[1] - 0.2) < 1e-12)
    Lh = L(w0 + h)
    d.N(r'L(0{,}1;\ 1{,}1) = e^{0{,}1}', (1.1 ** 2, '1{,}21'), (2 * 1.1, '2{,}2'), (np.exp(0.1), '1{,}10517'),
        (0.1 * 1.21, '0{,}121'), (Lh, '-0{,}97383'))
    d.N(r'|L - q| \approx 0{,}0012', (abs(Lh - q(h)), '0{,}0012'))
    lin = L(w0) + g0 @ h
    d.N(r'Das lineare Modell allein liefert', (lin, '-1'), (abs(Lh - lin), '0{,}026'))
    Hx = np.array([[1.0, 2], [2, 0]])
    d.C(r'= 1\cdot 0 - 2\cdot 2 = -4 < 0', abs(np.linalg.det(Hx) + 4) < 1e-12 and min(np.linalg.eigvalsh(Hx)) < 0 < max(np.linalg.eigvalsh(Hx)))
    ev = np.linalg.eigvalsh(Hx)
    d.N(r'\lambda_{1,2} = \tfrac12 \pm \sqrt{\tfrac14 + 4}', (np.sqrt(4.25), '2{,}0616'), (ev[1], '2{,}562'), (ev[0], '-1{,}562'),
        extra=close(sorted([0.5 + np.sqrt(4.25), 0.5 - np.sqrt(4.25)]), ev))
    d.G(r'Der einzige stationäre Punkt von $q$ ist')
    hs = -np.linalg.solve(Hx, [2, -2])
    d.C(r'\mathbf{h}^\ast = -\big(\nabla^2 L(\mathbf{w}_0)\big)^{-1}', close(hs, [1, -1.5]))
    d.C(r'q(\mathbf{h}^\ast) = -1 + 2 + 3 + 0{,}5 - 3 = 1{,}5',
        close([2 * hs[0], -2 * hs[1], 0.5 * hs[0] ** 2, 2 * hs[0] * hs[1], q(hs)], [2, 3, 0.5, -3, 1.5]))
    d.C(r'kein Abstiegsschritt', q(np.zeros(2)) == -1 and abs(q(hs) - 1.5) < 1e-12 and g0 @ hs > 0
        and min(np.linalg.eigvalsh(Hx)) < 0)


# ======================================================================= 02
def rand_spd(n):
    B = RNG.normal(size=(n, n))
    return B @ B.T + n * np.eye(n)


@register('02_pas_de_newton_fr.md')
def f02(d):
    d.G(r'Soit $f:\mathbb{R}^n\to\mathbb{R}$ de classe')
    # Taylor model of order 2: residual O(|d|^3) for a smooth test function
    ftest = lambda x: np.log(np.sum(np.exp(x))) + 0.3 * np.sum(x ** 4)
    ok = True
    for xk in rpts(3, 3):
        g, H = fd_grad(ftest, xk), fd_hess(ftest, xk)
        for u in rpts(2, 3):
            u = 1e-2 * u / np.linalg.norm(u)
            m = ftest(xk) + g @ u + 0.5 * (H @ u) @ u
            ok &= abs(m - ftest(xk + u)) < 5e-6
    d.C(r'm_k(d) = f(x_k) + \langle \nabla f(x_k), d\rangle + \tfrac12', ok)
    d.G(r'est définie positive, $m_k$ est strictement convexe')
    ok = True
    for _ in range(3):
        g = RNG.normal(size=3)
        S = rand_spd(3)
        m = lambda dd: 1.7 + g @ dd + 0.5 * (S @ dd) @ dd
        ok &= deriv_ok(m, lambda dd: g + S @ dd, rpts(2, 3))
    d.C(r'\nabla m_k(d) = \nabla f(x_k) + \nabla^2 f(x_k)\,d', ok)
    ok = True
    for _ in range(3):
        g = RNG.normal(size=3)
        S = rand_spd(3)
        dk = -np.linalg.solve(S, g)
        ok &= close(g + S @ dk, np.zeros(3))
    d.C(r'd_k = -\big[\nabla^2 f(x_k)\big]^{-1}\nabla f(x_k)', ok)
    ok = True
    for _ in range(3):
        A = rand_spd(3)
        b = RNG.normal(size=3)
        c = RNG.normal()
        f = lambda x: 0.5 * x @ A @ x - b @ x + c
        x0 = RNG.normal(size=3)
        g0 = fd_grad(f, x0)
        x1 = x0 - np.linalg.solve(fd_hess(f, x0), g0)
        ok &= close(x1, np.linalg.solve(A, b), 1e-5)
        ok &= deriv_ok(f, lambda x: A @ x - b, [x0]) and hess_ok(f, lambda x: A, [x0])
        ok &= close(A @ np.linalg.solve(A, b) - b, np.zeros(3))
        dd = RNG.normal(size=3)
        ok &= abs(f(x0) + (A @ x0 - b) @ dd + 0.5 * dd @ A @ dd - f(x0 + dd)) < 1e-9
        ok &= close(x0 - np.linalg.solve(A, A @ x0 - b), x0 - x0 + np.linalg.solve(A, b))
    d.C(r'**Proposition 3.4.** Si $f(x) = \tfrac12\, x^\top A x', ok)
    d.C(r'Comme $A$ est symétrique, $\nabla f(x) = Ax - b$', ok)
    d.C(r'x_1 = x_0 - A^{-1}(Ax_0 - b) = x_0 - x_0 + A^{-1}b = A^{-1}b', ok)
    d.C(r'et $\nabla f(x_1) = AA^{-1}b - b = 0$', ok)
    A = np.array([[3.0, 1], [1, 2]])
    b = np.array([1.0, -1])
    x0 = np.array([2.0, 2])
    f = lambda x: 0.5 * x @ A @ x - b @ x
    d.G(r'A = \begin{pmatrix} 3 & 1 \\ 1 & 2 \end{pmatrix},\quad b =')
    d.C(r'$\det A = 3\times 2 - 1\times 1 = 5 > 0$', abs(np.linalg.det(A) - 5) < 1e-12 and A[0, 0] == 3
        and min(np.linalg.eigvalsh(A)) > 0)
    d.C(r'Gradient en $x_0$ : $Ax_0 - b = (8\,;\,6)^\top', close(A @ x0, [8, 6]) and close(A @ x0 - b, [7, 7]))
    Ainv = np.linalg.inv(A)
    d.C(r'Inverse : $A^{-1} = \dfrac15\begin{pmatrix} 2 & -1 \\ -1 & 3', close(Ainv, np.array([[2, -1], [-1, 3]]) / 5))
    d0 = -Ainv @ (A @ x0 - b)
    d.C(r'Pas : $d_0 = -A^{-1}(7\,;\,7)^\top', close(5 * Ainv @ [7, 7], [7, 14]) and close(d0, [-1.4, -2.8]))
    x1 = x0 + d0
    d.C(r'Nouvel itéré : $x_1 = (2 - 1{,}4\,;\,2 - 2{,}8)^\top = (0{,}6\,;\,-0{,}8)', close(x1, [0.6, -0.8]))
    d.C(r'Vérification : $Ax_1 = (1{,}8 - 0{,}8\,;\,0{,}6 - 1{,}6)',
        close([3 * x1[0], 1 * x1[1], 1 * x1[0], 2 * x1[1]], [1.8, -0.8, 0.6, -1.6]) and close(A @ x1, b)
        and close(fd_grad(f, x1), [0, 0], 1e-6))
    d.C(r'Valeurs de la fonction : $f(x_0) = \tfrac12\cdot 28 - 0 = 14$',
        x0 @ A @ x0 == 28 and b @ x0 == 0 and f(x0) == 14 and abs(f(x1) + 0.5 * b @ x1) < 1e-12
        and close([b[0] * x1[0], b[1] * x1[1]], [0.6, 0.8]) and abs(f(x1) + 0.7) < 1e-12)
    lmax = max(np.linalg.eigvalsh(A))
    t = 1 / lmax
    d.N(r'Avec un pas fixe $t = 1/\lambda_{\max}(A)$', (lmax, '3{,}618'), (t, '0{,}2764'),
        extra=abs((5 + np.sqrt(5)) / 2 - lmax) < 1e-12)
    xg = x0 - t * (A @ x0 - b)
    d.N(r'x_0 - t\,\nabla f(x_0) \approx (2 - 1{,}935', (7 * t, '1{,}935'), (xg[0], '0{,}065'), (xg[1], '0{,}065'))
    d.N(r'où $f \approx 0{,}015$', (f(xg), '0{,}015'), (f(np.linalg.solve(A, b)), '-0{,}7'))
    d.G(r'*Remarque.* Si $f$ n')


# ======================================================================= 03
def logistic_loss(w, X, y):
    z = X @ w
    return -np.sum(y * np.log(sig(z)) + (1 - y) * np.log(1 - sig(z)))


@register('03_convexidad_logistica_es.md')
def f03(d):
    d.G(r'Sea $\sigma(z)=1/(1+e^{-z})$ y, para datos', r'\ell(\mathbf{w}) = -\sum_{i=1}^{n}\Big[y_i\log')
    zs = RNG.uniform(-3, 3, size=6)
    ok = all(abs(fd_grad(lambda z: sig(z[0]), np.array([z]))[0] - np.exp(-z) / (1 + np.exp(-z)) ** 2) < 1e-7
             and abs(np.exp(-z) / (1 + np.exp(-z)) ** 2 - sig(z) * (1 - sig(z))) < 1e-12 for z in zs)
    d.C(r"\sigma'(z) = \frac{e^{-z}}{(1+e^{-z})^2}", ok)
    ok = all(abs(fd_grad(lambda z: np.log(sig(z[0])), np.array([z]))[0] - (1 - sig(z))) < 1e-7
             and abs(fd_grad(lambda z: np.log(1 - sig(z[0])), np.array([z]))[0] + sig(z)) < 1e-7 for z in zs)
    d.C(r'\frac{d}{dz}\log\sigma(z) = 1-\sigma(z)', ok)
    X = RNG.normal(size=(5, 3))
    y = np.array([1, 0, 0, 1, 1.0])
    f = lambda w: logistic_loss(w, X, y)
    g1 = lambda w: -sum((y[i] * (1 - sig(X[i] @ w)) - (1 - y[i]) * sig(X[i] @ w)) * X[i] for i in range(5))
    g2 = lambda w: sum((sig(X[i] @ w) - y[i]) * X[i] for i in range(5))
    g3 = lambda w: X.T @ (sig(X @ w) - y)
    pts = rpts(4, 3)
    d.C(r'\nabla\ell(\mathbf{w}) = -\sum_i\big[y_i(1-\sigma(z_i))',
        deriv_ok(f, g1, pts) and deriv_ok(f, g2, pts) and deriv_ok(f, g3, pts))
    d.C(r'(regla de la cadena, $\nabla_{\mathbf w} z_i = \mathbf{x}_i$)',
        all(close(fd_grad(lambda w: X[1] @ w, p), X[1], 1e-7) for p in pts))
    h1 = lambda w: sum(sig(X[i] @ w) * (1 - sig(X[i] @ w)) * np.outer(X[i], X[i]) for i in range(5))
    h2 = lambda w: X.T @ np.diag(sig(X @ w) * (1 - sig(X @ w))) @ X
    d.C(r'\nabla^2\ell(\mathbf{w}) = \sum_i \sigma(z_i)\big(1-\sigma(z_i)\big)', hess_ok(f, h1, pts) and hess_ok(f, h2, pts))
    d.G(r'**Paso 4 (convexidad).** Para todo')
    ok = True
    for _ in range(5):
        s = RNG.uniform(0, 0.25, size=5)
        v = RNG.normal(size=3)
        lhs = v @ X.T @ np.diag(s) @ X @ v
        ok &= abs(lhs - sum(s[i] * (X[i] @ v) ** 2 for i in range(5))) < 1e-10 and lhs >= 0
    d.C(r'\mathbf{v}^\top X^\top S X\mathbf{v} = \sum_i s_i\,(\mathbf{x}_i^\top\mathbf{v})^2', ok)
    zz = np.linspace(-20, 20, 4001)
    ss = sig(zz) * (1 - sig(zz))
    ok = ss.max() <= 0.25 + 1e-15 and abs(ss.max() - 0.25) < 1e-12 and ss.min() > 0
    ok &= all(min(np.linalg.eigvalsh(h2(p))) > 0 for p in pts)  # X has rank 3 = d here
    d.C(r'ya que $s_i = \sigma(z_i)(1-\sigma(z_i))\in(0,\tfrac14]$', ok)
    x1, x2 = np.array([1.0, 1]), np.array([1.0, -1])
    Xn = np.array([x1, x2])
    yn = np.array([1.0, 0])
    w = np.array([0.5, 0.5])
    d.G(r'**Ejemplo numérico.** Tomamos $n=2$')
    z = Xn @ w
    d.C(r'$z_1 = 0{,}5+0{,}5 = 1$', close(z, [1, 0]))
    d.N(r'$\sigma(1)\approx 0{,}7311$', (sig(1.0), '0{,}7311'), (sig(0.0), '0{,}5'))
    s = sig(z) * (1 - sig(z))
    d.N(r'$s_1 = 0{,}7311\cdot 0{,}2689', (1 - sig(1.0), '0{,}2689'), (s[0], '0{,}1699'), (s[1], '0{,}25'))
    g = Xn.T @ (sig(z) - yn)
    d.N(r'Gradiente: $(0{,}7311-1)\,\mathbf{x}_1', (sig(1.0) - 1, '-0{,}2689'), (g[0], '0{,}2311'), (g[1], '-0{,}7689'),
        extra=close(g, fd_grad(lambda ww: logistic_loss(ww, Xn, yn), w), 1e-6))
    Hn = Xn.T @ np.diag(s) @ Xn
    d.N(r's_1\mathbf{x}_1\mathbf{x}_1^\top + s_2\mathbf{x}_2\mathbf{x}_2^\top = 0{,}1699', (s[0], '0{,}1699'),
        (Hn[0, 0], '0{,}4199'), (Hn[0, 1], '-0{,}0801'), extra=close(Hn, fd_hess(lambda ww: logistic_loss(ww, Xn, yn), w), 1e-5))
    d.N(r'Comprobación: traza $=0{,}8398>0$', (np.trace(Hn), '0{,}8398'), (Hn[0, 0], '0{,}4199'), (Hn[0, 1], '-0{,}0801'),
        (np.linalg.det(Hn), '0{,}1699'), extra=min(np.linalg.eigvalsh(Hn)) > 0 and np.linalg.matrix_rank(Xn) == 2)
    ok = abs(x1 @ x2) < 1e-15 and x1 @ x1 == 2 and x2 @ x2 == 2
    for _ in range(4):
        s1, s2 = RNG.uniform(0, 0.25, size=2)
        M = s1 * np.outer(x1, x1) + s2 * np.outer(x2, x2)
        ok &= abs(np.linalg.det(M) - 4 * s1 * s2) < 1e-12 and close(np.linalg.eigvalsh(M), sorted([2 * s1, 2 * s2]))
    d.C(r'El determinante coincide con $4s_1s_2$', ok)


# ======================================================================= 04
def lse(x):
    m = np.max(x)
    return m + np.log(np.sum(np.exp(x - m)))


def softmax(x):
    e = np.exp(x - np.max(x))
    return e / e.sum()


@register('04_logsumexp_vypuklost_ru.md')
def f04(d):
    d.G(r'Рассмотрим $f(x) = \ln\sum_{k=1}^{n} e^{x_k}$')
    pts = rpts(4, 4, 2.0)
    d.C(r'\frac{\partial f}{\partial x_i} = \frac{e^{x_i}}{S} = p_i',
        deriv_ok(lse, lambda x: np.exp(x) / np.exp(x).sum(), pts) and deriv_ok(lse, softmax, pts))
    d.G(r'Дифференцируем $p_i = e^{x_i}/S$ по $x_j$')
    ok = True
    for x in pts:
        S = np.exp(x).sum()
        p = softmax(x)
        J = fd_jac(softmax, x)
        J1 = np.array([[((i == j) * np.exp(x[i]) * S - np.exp(x[i]) * np.exp(x[j])) / S ** 2 for j in range(4)] for i in range(4)])
        J2 = np.diag(p) - np.outer(p, p)
        ok &= close(J, J1, 1e-6) and close(J1, J2, 1e-12)
    d.C(r'\frac{\partial p_i}{\partial x_j} = \frac{\delta_{ij}\,e^{x_i}S', ok)
    d.C(r'\nabla^2 f(x) = \operatorname{diag}(p) - pp^{\mathsf T}.',
        hess_ok(lse, lambda x: np.diag(softmax(x)) - np.outer(softmax(x), softmax(x)), pts))
    d.G(r'**Неотрицательная определённость.** Для любого')
    ok1 = ok2 = True
    for x in pts:
        p = softmax(x)
        Hs = np.diag(p) - np.outer(p, p)
        for _ in range(3):
            v = RNG.normal(size=4)
            ok1 &= abs(v @ Hs @ v - (np.sum(p * v * v) - np.sum(p * v) ** 2)) < 1e-12
            lhs = np.sum(p * v) ** 2
            mid = np.sum(np.sqrt(p) * np.sqrt(p) * v) ** 2
            ok2 &= abs(lhs - mid) < 1e-12 and mid <= np.sum(p) * np.sum(p * v * v) + 1e-12 \
                and abs(np.sum(p) * np.sum(p * v * v) - np.sum(p * v * v)) < 1e-12
    d.C(r'v^{\mathsf T}\nabla^2 f(x)\,v = \sum_k p_k v_k^2 - \Big(', ok1)
    d.G(r'Это дисперсия случайной величины')
    d.C(r'\Big(\sum_k p_kv_k\Big)^2 = \Big(\sum_k \sqrt{p_k}', ok2)
    ok = True
    for x in pts:
        p = softmax(x)
        Hs = np.diag(p) - np.outer(p, p)
        ok &= min(np.linalg.eigvalsh(Hs)) > -1e-12 and close(Hs @ np.ones(4), p - p * (p @ np.ones(4)))
        ok &= close(Hs @ np.ones(4), np.zeros(4), 1e-12)
        t = RNG.normal()
        ok &= abs(lse(x + t) - lse(x) - t) < 1e-12
    d.C(r'значит, $\nabla^2 f\succeq 0$ и $f$ выпукла', ok)
    x = np.array([0, np.log(2), np.log(3)])
    p = softmax(x)
    d.N(r'**Пример.** Пусть $n=3$', (lse(x), '1{,}792'),
        extra=close(np.exp(x), [1, 2, 3]) and abs(np.exp(x).sum() - 6) < 1e-12 and abs(lse(x) - np.log(6)) < 1e-12
        and close(p, [1 / 6, 1 / 3, 1 / 2]))
    Hs = np.diag(p) - np.outer(p, p)
    ok = close(np.diag(p), np.diag([1 / 6, 1 / 3, 1 / 2])) and close(np.outer(p, p), [[1 / 36, 1 / 18, 1 / 12],
                                                                                      [1 / 18, 1 / 9, 1 / 6],
                                                                                      [1 / 12, 1 / 6, 1 / 4]])
    ok &= close(Hs, [[5 / 36, -1 / 18, -1 / 12], [-1 / 18, 2 / 9, -1 / 6], [-1 / 12, -1 / 6, 1 / 4]])
    ok &= close(Hs, fd_hess(lse, x), 1e-5)
    d.C(r'\nabla^2 f = \begin{pmatrix} 1/6 & 0 & 0', ok)
    ok = close(Hs.sum(1), [0, 0, 0]) and close([5 / 36, -2 / 36, -3 / 36], Hs[0]) and close([-1 / 18, 4 / 18, -3 / 18], Hs[1]) \
        and close([-1 / 12, -2 / 12, 3 / 12], Hs[2])
    d.C(r'Суммы по строкам: $5/36 - 2/36 - 3/36 = 0$', ok)
    v = np.array([1.0, 0, -1])
    d.C(r'Для $v = (1,\ 0,\ -1)$: $\sum_k p_kv_k^2 = 1/6 + 1/2 = 2/3$',
        close([p[0] * 1, p[2] * 1, np.sum(p * v * v), p[0] * v[0], p[2] * v[2], np.sum(p * v)], [1 / 6, 1 / 2, 2 / 3, 1 / 6, -1 / 2, -1 / 3]))
    d.N(r'v^{\mathsf T}\nabla^2 f\,v = 2/3 - 1/9 = 5/9', (v @ Hs @ v, '0{,}556'),
        extra=abs(v @ Hs @ v - 5 / 9) < 1e-12 and abs((1 / 3) ** 2 - 1 / 9) < 1e-15)
    ev = np.linalg.eigvalsh(Hs)
    d.N(r'Собственные значения найденной матрицы', (ev[2], '0{,}406'), (ev[1], '0{,}205'),
        extra=abs(ev[0]) < 1e-12 and close(ev[1:], [(11 - np.sqrt(13)) / 36, (11 + np.sqrt(13)) / 36])
        and abs(np.trace(Hs) - 22 / 36) < 1e-12 and close(np.diag(Hs), [5 / 36, 8 / 36, 9 / 36]))


# ======================================================================= 05
@register('05_zuidashang_softmax_zh.md')
def f05(d):
    d.G(r'设离散随机变量有 $K$ 个状态', r'1. 归一化：$\sum_{k=1}^K p_k = 1$', r'2. 平均能量固定',
        r'熵定义为 $H(p) = -\sum_k p_k\ln p_k$',
        r'\mathcal L(p,\lambda,\beta) = -\sum_k p_k\ln p_k + \lambda', r'对 $p_k$ 求偏导并令其为零')
    K = 4

    def Lag(p, lam, beta, E, Ebar):
        return -np.sum(p * np.log(p)) + lam * (np.sum(p) - 1) - beta * (np.sum(p * E) - Ebar)

    cases = []
    for _ in range(4):
        cases.append((RNG.uniform(0.05, 1, size=K), RNG.normal(), RNG.uniform(0.2, 2), RNG.normal(size=K), RNG.normal()))
    ok = True
    for p, lam, beta, E, Eb in cases:
        g = fd_grad(lambda q: Lag(q, lam, beta, E, Eb), p)
        ok &= close(g, -np.log(p) + lam - beta * E, 1e-6)   # as written in the text
    d.C(r'\frac{\partial \mathcal L}{\partial p_k} = -\ln p_k + \lambda - \beta E_k = 0', ok)

    def true_grad(p, lam, beta, E):
        return -np.log(p) - 1 + lam - beta * E

    ok = True
    for _, lam, beta, E, _ in cases:
        p_claim = np.exp(lam - beta * E)          # ln p_k = lambda - beta E_k
        ok &= close(true_grad(p_claim, lam, beta, E), np.zeros(K), 1e-9)
    d.C(r'所以 $\ln p_k = \lambda - \beta E_k$', ok)
    d.C(r'p_k = e^{\lambda}\,e^{-\beta E_k}.', ok)
    ok = True
    for _, _, beta, E, _ in cases:
        Z = np.sum(np.exp(-beta * E))
        lam_true = 1 - np.log(Z)          # from normalisation of the true stationary point
        ok &= abs(np.exp(lam_true) - 1 / Z) < 1e-12
    d.C(r'于是 $e^{\lambda} = 1/Z(\beta)$', ok)
    ok = True
    for _, _, beta, E, _ in cases:
        Z = np.sum(np.exp(-beta * E))
        p = np.exp(-beta * E) / Z
        Eb = p @ E
        lam = 1 - np.log(Z)
        ok &= close(true_grad(p, lam, beta, E), np.zeros(K), 1e-12) and abs(p.sum() - 1) < 1e-12
        Hp = -np.sum(p * np.log(p))
        # feasible perturbations keeping both constraints lower the entropy
        Cm = np.vstack([np.ones(K), E])
        Nsp = np.linalg.svd(Cm)[2][2:].T
        for _ in range(5):
            q = p + 0.05 * min(p) * Nsp @ RNG.normal(size=K - 2)
            ok &= abs(q.sum() - 1) < 1e-12 and abs(q @ E - Eb) < 1e-12 and -np.sum(q * np.log(q)) < Hp
    d.C(r'\boxed{\,p_k = \frac{e^{-\beta E_k}}{\sum_j e^{-\beta E_j}}\,}', ok)
    z = RNG.normal(size=K)
    d.C(r'这就是 Gibbs（Boltzmann）分布', close(np.exp(-1 * (-z)) / np.sum(np.exp(-1 * (-z))), softmax(z)))
    ok = True
    for p, lam, beta, E, Eb in cases:
        Hh = fd_hess(lambda q: Lag(q, lam, beta, E, Eb), p)
        ok &= close(Hh, np.diag(-1 / p), 1e-4) and max(np.linalg.eigvalsh(Hh)) < 0
    d.C(r'\dfrac{\partial^2\mathcal L}{\partial p_k^2} = -\dfrac{1}{p_k} < 0', ok)
    d.G(r'**$\beta$ 怎么定？**')
    ok = True
    for _, _, beta, E, _ in cases:
        lnZ = lambda b: np.log(np.sum(np.exp(-b[0] * E)))
        Z = np.sum(np.exp(-beta * E))
        p = np.exp(-beta * E) / Z
        dl = fd_grad(lnZ, np.array([beta]))[0]
        ok &= abs(dl - (-np.sum(E * np.exp(-beta * E)) / Z)) < 1e-7 and abs(dl + p @ E) < 1e-7
    d.C(r'\frac{\partial \ln Z}{\partial \beta} = \frac{-\sum_k E_k', ok)
    ok = True
    for _, _, beta, E, _ in cases:
        Z = np.sum(np.exp(-beta * E))
        p = np.exp(-beta * E) / Z
        Hp = -np.sum(p * np.log(p))
        ok &= abs(Hp - (-np.sum(p * (-beta * E - np.log(Z))))) < 1e-12 and abs(Hp - (beta * (p @ E) + np.log(Z))) < 1e-12
    d.C(r'而且在最优解处 $H = -\sum_k p_k(-\beta E_k - \ln Z)', ok)
    d.G(r'**数值例子。** $K=3$，$E=(0,1,2)$')
    E = np.array([0.0, 1, 2])
    Z = np.sum(np.exp(-E))
    p = np.exp(-E) / Z
    d.N(r'$e^{-1}\approx 0.3679$', (np.exp(-1), '0.3679'), (np.exp(-2), '0.1353'), (Z, '1.5032'))
    d.N(r'$p \approx (1/1.5032,\ 0.3679/1.5032', (p[0], '0.6652'), (p[1], '0.2447'), (p[2], '0.0900'))
    Eb = p @ E
    d.N(r'$\bar E = 0\times p_1 + 1\times p_2 + 2\times p_3', (p[1], '0.2447'), (2 * p[2], '0.1801'), (Eb, '0.4248'))
    Hp = -np.sum(p * np.log(p))
    d.N(r'$\ln Z \approx 0.4076$', (np.log(Z), '0.4076'), (Eb, '0.4248'), (Hp, '0.8324'), extra=abs(Hp - Eb - np.log(Z)) < 1e-12)
    u = np.ones(3) / 3
    ok = np.log(3) > Hp and abs(u @ E - 1) < 1e-12 and abs(-np.sum(u * np.log(u)) - np.log(3)) < 1e-12
    pb = lambda b: np.exp(-b * E) / np.sum(np.exp(-b * E))
    ok &= pb(0.5)[0] < pb(1)[0] < pb(3)[0] and close(pb(1e-9), u, 1e-8)
    d.N(r'对比：均匀分布的熵是 $\ln 3\approx 1.0986$', (np.log(3), '1.0986'), (Eb, '0.4248'), extra=ok)


# ======================================================================= 06
@register('06_pca_lagrange_ja.md')
def f06(d):
    d.G(r'中心化済みのデータ', r'である。ここで $S$ は共分散行列', r'\max_{\boldsymbol{u}}\ \boldsymbol{u}^\top S\boldsymbol{u}\quad',
        r'J(\boldsymbol{u},\lambda) = \boldsymbol{u}^\top S\boldsymbol{u} - \lambda')
    Xr = RNG.normal(size=(7, 3))
    Xr -= Xr.mean(0)
    Sr = Xr.T @ Xr / 7
    ok = True
    for _ in range(4):
        u = RNG.normal(size=3)
        u /= np.linalg.norm(u)
        ok &= abs(np.mean((Xr @ u) ** 2) - u @ (sum(np.outer(x, x) for x in Xr) / 7) @ u) < 1e-12 and abs(u @ Sr @ u - np.mean((Xr @ u) ** 2)) < 1e-12
    d.C(r'\frac1n\sum_{i=1}^n(\boldsymbol{u}^\top\boldsymbol{x}_i)^2 = ', ok)
    B = RNG.normal(size=(3, 3))
    Ss = B + B.T
    pts = rpts(3, 3)
    d.C(r'$S$ は対称なので $\nabla_{\boldsymbol{u}}(\boldsymbol{u}^\top S\boldsymbol{u}) = 2S\boldsymbol{u}$',
        deriv_ok(lambda u: u @ Ss @ u, lambda u: 2 * Ss @ u, pts) and deriv_ok(lambda u: u @ u, lambda u: 2 * u, pts))
    lam0 = 0.7
    d.C(r'\nabla_{\boldsymbol{u}} J = 2S\boldsymbol{u} - 2\lambda\boldsymbol{u} = \boldsymbol{0}',
        deriv_ok(lambda u: u @ Ss @ u - lam0 * (u @ u - 1), lambda u: 2 * Ss @ u - 2 * lam0 * u, pts))
    ev, V = np.linalg.eigh(Ss)
    ok = all(close(2 * Ss @ V[:, i] - 2 * ev[i] * V[:, i], np.zeros(3), 1e-12) for i in range(3))
    d.C(r'\quad\Longrightarrow\quad S\boldsymbol{u} = \lambda\boldsymbol{u}.', ok)
    ok = all(abs(V[:, i] @ Ss @ V[:, i] - ev[i]) < 1e-12 for i in range(3))
    U = RNG.normal(size=(2000, 3))
    U /= np.linalg.norm(U, axis=1, keepdims=True)
    ok &= np.max(np.einsum('ij,jk,ik->i', U, Ss, U)) <= ev[-1] + 1e-12
    d.C(r'つまり停留点は $S$ の固有ベクトルで', ok)
    X = np.array([[2.0, 1], [-2, -1], [1, 2], [-1, -2]])
    d.C(r'$n=4$, $d=2$ として次の4点を考える', close(X.mean(0), [0, 0]) and X.shape == (4, 2))
    d.G(r'\boldsymbol{x}_1=(2,1)^\top,\quad \boldsymbol{x}_2=(-2,-1)^\top')
    S = X.T @ X / 4
    d.C(r'S = \frac14\begin{pmatrix} 4+4+1+1 & 2+2+2+2',
        close(X[:, 0] ** 2, [4, 4, 1, 1]) and close(X[:, 0] * X[:, 1], [2, 2, 2, 2]) and close(X[:, 1] ** 2, [1, 1, 4, 4])
        and close(X.T @ X, [[10, 8], [8, 10]]) and close(S, [[2.5, 2], [2, 2.5]]))
    ev = np.linalg.eigvalsh(S)
    ok = all(abs((2.5 - l) ** 2 - 4 - np.linalg.det(S - l * np.eye(2))) < 1e-12 for l in RNG.normal(size=3))
    ok &= close(sorted([2.5 + 2, 2.5 - 2]), ev) and close(ev, [0.5, 4.5])
    d.C(r'特性方程式 $\det(S-\lambda I) = (2.5-\lambda)^2 - 4 = 0$', ok)
    u1 = np.array([1.0, 1]) / np.sqrt(2)
    d.N(r'$\lambda_1$ に対して $(S-4.5I)\boldsymbol{u}', (u1[0], '0.7071'),
        extra=close(S - 4.5 * np.eye(2), [[-2, 2], [2, -2]]) and close((S - 4.5 * np.eye(2)) @ u1, [0, 0]) and abs(u1 @ u1 - 1) < 1e-12)
    proj = X @ u1
    d.N(r'各点の射影は $\boldsymbol{u}_1^\top\boldsymbol{x}_i = \pm 3/\sqrt2', (3 / np.sqrt(2), '2.1213'),
        extra=close(np.abs(proj), 3 / np.sqrt(2) * np.ones(4)) and abs(np.mean(proj ** 2) - 4.5) < 1e-12
        and abs(0.25 * 4 * 4.5 - 4.5) < 1e-12 and abs((3 / np.sqrt(2)) ** 2 - 9 / 2) < 1e-12)
    e1 = np.array([1.0, 0])
    d.C(r'$\boldsymbol{e}_1^\top S\boldsymbol{e}_1 = 2.5 < 4.5$', e1 @ S @ e1 == 2.5)
    d.C(r'寄与率は $\lambda_1/(\lambda_1+\lambda_2) = 4.5/5 = 0.9$', abs(ev[1] / ev.sum() - 0.9) < 1e-12 and abs(ev.sum() - 5) < 1e-12)
    u2 = np.array([1.0, -1]) / np.sqrt(2)
    th = np.linspace(0, 2 * np.pi, 721)
    # maximise over unit u orthogonal to u1: only +-u2
    ok = abs(u1 @ u2) < 1e-15 and close(S @ u2, 0.5 * u2) and abs(max((np.cos(t) * u1 + np.sin(t) * u2) @ S @ (np.cos(t) * u1 + np.sin(t) * u2) for t in th) - 4.5) < 1e-12
    ok &= abs(u2 @ S @ u2 - ev[0]) < 1e-12
    d.C(r'注：二つの固有ベクトル', ok)


# ======================================================================= 07
def simplex_theta_bisect(v):
    lo, hi = v.min() - 1.0, v.max()
    for _ in range(200):
        mid = 0.5 * (lo + hi)
        if np.maximum(v - mid, 0).sum() > 1:
            lo = mid
        else:
            hi = mid
    return 0.5 * (lo + hi)


def simplex_sort_alg(v):
    u = np.sort(v)[::-1]
    cs = np.cumsum(u)
    js = np.arange(1, len(v) + 1)
    rho = js[u - (cs - 1) / js > 0].max()
    return rho, (cs[rho - 1] - 1) / rho


def is_simplex_projection(x, v, trials=300):
    if abs(x.sum() - 1) > 1e-9 or x.min() < -1e-12:
        return False
    base = np.sum((x - v) ** 2)
    for _ in range(trials):
        y = RNG.dirichlet(np.ones(len(v)) * 0.5)
        if np.sum((y - v) ** 2) < base - 1e-12:
            return False
        t = RNG.uniform(0, 0.2)
        z = (1 - t) * x + t * y          # points near x
        if np.sum((z - v) ** 2) < base - 1e-12:
            return False
    return True


@register('07_projecao_simplex_pt.md')
def f07(d):
    d.G(r'Dado $v\in\mathbb{R}^n$, queremos', r'P_\Delta(v) = \arg\min_{x}', r'**Lagrangiano.** Com multiplicador',
        r'\mathcal{L}(x,\theta,\mu) = \tfrac12\|x-v\|^2', r'viabilidade primal:', r'folga complementar:')
    v = RNG.normal(size=4)
    th, mu = RNG.normal(), RNG.uniform(0, 1, size=4)
    Lf = lambda x: 0.5 * np.sum((x - v) ** 2) + th * (x.sum() - 1) - mu @ x
    d.C(r'Estacionariedade: $\partial\mathcal{L}/\partial x_i = x_i - v_i + \theta - \mu_i = 0$',
        deriv_ok(Lf, lambda x: x - v + th - mu, rpts(3, 4)))
    # case analysis from stationarity x - v + theta - mu = 0
    ok = True
    for _ in range(5):
        vi, t = RNG.normal(size=2)
        xi = vi - t           # mu = 0
        ok &= abs(xi - vi + t - 0) < 1e-15
        mui = 0 - vi + t      # x = 0
        ok &= abs(0 - vi + t - mui) < 1e-15 and ((mui >= 0) == (vi <= t))
    d.C(r'Se $x_i>0$, então $\mu_i = 0$ e $x_i = v_i-\theta$', ok)
    ok = True
    for _ in range(4):
        vv = RNG.normal(size=4)
        t = simplex_theta_bisect(vv)
        ok &= is_simplex_projection(np.maximum(vv - t, 0), vv)
    d.C(r'x_i = \max(v_i-\theta,\ 0) = (v_i-\theta)_+ ,', ok)
    vv = RNG.normal(size=5)
    ts = np.linspace(vv.min() - 2, vv.max() + 1, 2001)
    F = np.array([np.maximum(vv - t, 0).sum() for t in ts])
    pos = F > 0
    ok = np.all(np.diff(F[pos]) < 0) and np.sum(np.abs(np.diff(np.sign(F - 1)))) == 2
    d.C(r'onde $\theta$ é a (única) solução de', ok)
    d.G(r'**Algoritmo (ordenação).** Ordene')
    ok = True
    for _ in range(6):
        vv = RNG.normal(size=5) * 2
        rho, t = simplex_sort_alg(vv)
        ok &= abs(t - simplex_theta_bisect(vv)) < 1e-9 and abs(np.maximum(vv - t, 0).sum() - 1) < 1e-9
    d.C(r'\rho = \max\Big\{j:\ u_j - \tfrac1j\Big(\sum_{r=1}^j u_r - 1\Big) > 0\Big\}', ok)
    v = np.array([0.8, 0.6, -0.2])
    d.C(r'**Exemplo 1.** $v = (0{,}8;\ 0{,}6;\ -0{,}2)$', np.all(np.diff(v) <= 0))
    cs = np.cumsum(v)
    d.C(r'Somas acumuladas: $0{,}8$; $1{,}4$; $1{,}2$.', close(cs, [0.8, 1.4, 1.2]))
    tst = v - (cs - 1) / np.arange(1, 4)
    d.N(r'- $j=1$: $0{,}8 - (0{,}8-1)/1 = 1{,}0 > 0$;', (tst[0], '1{,}0'), extra=tst[0] > 0)
    d.N(r'- $j=2$: $0{,}6 - (1{,}4-1)/2 = 0{,}4 > 0$;', (tst[1], '0{,}4'), extra=tst[1] > 0)
    d.N(r'- $j=3$: $-0{,}2 - (1{,}2-1)/3 \approx -0{,}267', (tst[2], '-0{,}267'), extra=tst[2] <= 0)
    rho, t = simplex_sort_alg(v)
    x = np.maximum(v - t, 0)
    d.C(r'Logo $\rho = 2$ e $\theta = (1{,}4-1)/2 = 0{,}2$', rho == 2 and abs(t - 0.2) < 1e-12 and close(x, [0.6, 0.4, 0])
        and abs(x.sum() - 1) < 1e-12 and is_simplex_projection(x, v))
    mu = x - v + t
    dist = np.linalg.norm(x - v)
    d.N(r'Conferindo os multiplicadores: $\mu_1=\mu_2=0$', (dist, '0{,}346'),
        extra=close(mu, [0, 0, 0.4]) and close((x - v) ** 2, [0.04, 0.04, 0.04]) and abs(dist ** 2 - 0.12) < 1e-12
        and abs(-v[2] - 0.2) < 1e-12 and np.all(mu * x == 0))
    v = np.array([1.5, 0.2, 0.1])
    cs = np.cumsum(v)
    tst = v - (cs - 1) / np.arange(1, 4)
    d.N(r'**Exemplo 2.** $v = (1{,}5;\ 0{,}2;\ 0{,}1)$', extra=True)
    d.N(r'$1{,}5 - 0{,}5 = 1 > 0$; $\ j=2$', (tst[0], '1'), (tst[1], '-0{,}15'), (tst[2], '-0{,}167'),
        extra=close(cs, [1.5, 1.7, 1.8]) and tst[0] > 0 and tst[1] <= 0 and tst[2] <= 0)
    rho, t = simplex_sort_alg(v)
    x = np.maximum(v - t, 0)
    d.C(r'Então $\rho = 1$, $\theta = 0{,}5$ e $x = (1;\ 0;\ 0)$', rho == 1 and abs(t - 0.5) < 1e-12 and close(x, [1, 0, 0])
        and is_simplex_projection(x, v))
    mu = x - v + t
    d.C(r'Multiplicadores: $\mu_2 = 0 - 0{,}2 + 0{,}5 = 0{,}3$', close(mu, [0, 0.3, 0.4]) and np.all(mu >= 0))
    ok = True
    for _ in range(4):
        vv = RNG.normal(size=4)
        c = RNG.normal()
        t1, t2 = simplex_theta_bisect(vv), simplex_theta_bisect(vv + c)
        ok &= close(np.maximum(vv - t1, 0), np.maximum(vv + c - t2, 0), 1e-9) and abs(t2 - t1 - c) < 1e-9
    d.C(r'Observe que somar uma constante $c$', ok)


# ======================================================================= 08
def is_ball_projection(y, x, r, trials=400):
    if np.linalg.norm(y) > r + 1e-12:
        return False
    base = np.linalg.norm(y - x)
    n = len(x)
    for _ in range(trials):
        z = RNG.normal(size=n)
        z *= r * RNG.uniform() ** (1 / n) / np.linalg.norm(z)
        if np.linalg.norm(z - x) < base - 1e-12:
            return False
    return True


@register('08_proiezione_palla_it.md')
def f08(d):
    d.G(r'Dati $x\in\mathbb{R}^n$ e $r>0$', r'\min_{y\in\mathbb{R}^n}\ \tfrac12\|y-x\|^2', r'**Svolgimento.** La lagrangiana',
        r'\mathcal{L}(y,\mu) = \tfrac12\|y-x\|^2 + \mu')
    x = RNG.normal(size=3)
    pts = rpts(3, 3)
    d.C(r'Poiché $\nabla_y \tfrac12\|y-x\|^2 = y-x$',
        deriv_ok(lambda y: 0.5 * np.sum((y - x) ** 2), lambda y: y - x, pts) and deriv_ok(lambda y: y @ y, lambda y: 2 * y, pts))
    mu, r = 0.37, 1.3
    ok = deriv_ok(lambda y: 0.5 * np.sum((y - x) ** 2) + mu * (y @ y - r * r), lambda y: y - x + 2 * mu * y, pts)
    yst = x / (1 + 2 * mu)
    ok &= close(yst - x + 2 * mu * yst, np.zeros(3), 1e-12)
    d.C(r'\nabla_y\mathcal{L} = y - x + 2\mu y = 0 \quad\Longrightarrow', ok)
    d.G(r'Le condizioni di complementarità')
    ok = True
    for _ in range(4):
        xx = RNG.normal(size=3)
        rr = np.linalg.norm(xx) * RNG.uniform(1.01, 2)
        ok &= is_ball_projection(xx, xx, rr, 100)
        rr = np.linalg.norm(xx) * RNG.uniform(0.3, 0.99)
        ok &= not is_ball_projection(xx, xx, rr, 5)
    d.C(r'1. $\mu = 0$: allora $y = x$, ammissibile se e solo se', ok)
    ok = True
    for _ in range(4):
        xx = RNG.normal(size=3)
        rr = np.linalg.norm(xx) * RNG.uniform(0.3, 0.9)
        m = 0.5 * (np.linalg.norm(xx) / rr - 1)
        y = xx / (1 + 2 * m)
        ok &= abs(np.linalg.norm(y) - rr) < 1e-12 and abs(np.linalg.norm(xx) / (1 + 2 * m) - rr) < 1e-12
        ok &= close(y, rr / np.linalg.norm(xx) * xx) and m > 0 and is_ball_projection(y, xx, rr)
    d.C(r'2. $\mu > 0$: il vincolo è attivo', ok)
    d.C(r'\mu = \frac12\Big(\frac{\|x\|}{r} - 1\Big),\qquad y = \frac{r}{\|x\|}\,x', ok)
    ok = True
    for _ in range(6):
        xx = RNG.normal(size=2) * 2
        rr = RNG.uniform(0.5, 2)
        ok &= is_ball_projection(xx / max(1, np.linalg.norm(xx) / rr), xx, rr)
    d.C(r'P_{B_r}(x) = \frac{x}{\max\{1,\ \|x\|/r\}} .', ok)
    d.G(r'Il problema è fortemente convesso')
    x = np.array([3.0, 4])
    r = 2.0
    nx = np.linalg.norm(x)
    d.C(r'**Esempio numerico 1.** $x = (3,\,4)$, $r = 2$.', abs(nx - 5) < 1e-12 and x @ x == 25 and nx > r)
    mu_true = 0.5 * (nx / r - 1)
    d.N(r'Dalla relazione $1+2\mu = \|x\|/r = 5/2$', (mu_true, '1{,}5'), extra=abs(nx / r - 2.5) < 1e-12)
    d.G(r'Il moltiplicatore è positivo, coerentemente')
    y = x / (1 + 2 * mu_true)
    d.C(r'y = \frac{x}{1+2\mu} = \frac{(3,\,4)}{2{,}5} = (1{,}2;\ 1{,}6)', abs(1 + 2 * mu_true - 2.5) < 1e-12 and close(y, [1.2, 1.6])
        and is_ball_projection(y, x, r))
    d.C(r'e infatti $\|y\| = \sqrt{1{,}44 + 2{,}56} = 2 = r$',
        close(y ** 2, [1.44, 2.56]) and abs(np.linalg.norm(y) - 2) < 1e-12 and close(y - x, [-1.8, -2.4])
        and close((y - x) ** 2, [3.24, 5.76]) and abs(np.linalg.norm(y - x) - 3) < 1e-12 and abs(nx - r - 3) < 1e-12)
    x2 = np.array([0.6, -0.8])
    d.C(r'**Esempio numerico 2.** $x = (0{,}6;\ -0{,}8)$', abs(np.linalg.norm(x2) - 1) < 1e-12 and is_ball_projection(x2, x2, 2.0))
    w, g, eta = np.array([1.0, 1]), np.array([-2.0, 2]), 0.5
    d.G(r'**Esempio 3 (gradiente proiettato).** Con $r=1$')
    z = w - eta * g
    P = lambda v, rr: v / max(1, np.linalg.norm(v) / rr)
    d.C(r'w - \eta g = (1+1;\ 1-1) = (2;\ 0)', close(-eta * g, [1, -1]) and close(z, [2, 0]) and np.linalg.norm(z) == 2
        and close(P(z, 1.0), [1, 0]) and is_ball_projection(P(z, 1.0), z, 1.0))
    a = P(x, 2.0) - P(x2, 2.0)
    b = x - x2
    ok = close(a, [0.6, 2.4]) and close(b, [2.4, 4.8])
    for _ in range(20):
        u, v = RNG.normal(size=2) * 3, RNG.normal(size=2) * 3
        ok &= np.linalg.norm(P(u, 1.5) - P(v, 1.5)) <= np.linalg.norm(u - v) + 1e-12
    d.N(r'*Osservazione.* La proiezione è non espansiva', (np.linalg.norm(a), '2{,}474'), (np.linalg.norm(b), '5{,}367'), extra=ok)


# ======================================================================= 09
@register('09_warunki_kkt_pl.md')
def f09(d):
    f = lambda x: (x[0] - 2) ** 2 + (x[1] - 1) ** 2
    g1 = lambda x: x[0] ** 2 - x[1]
    g2 = lambda x: x[0] + x[1] - 2
    d.G(r'\min\ f(x) = (x_1-2)^2 + (x_2-1)^2 \quad\text{p.w.}', r"**Rozwiązanie.** Funkcja Lagrange'a",
        r'\mu_1,\mu_2\ge 0,\quad g_1(x)\le 0', r'\mu_1 g_1(x) = 0,\quad \mu_2 g_2(x) = 0')
    pts = rpts(4, 2, 3)
    d.C(r'\nabla f = \begin{bmatrix} 2(x_1-2)\\ 2(x_2-1)\end{bmatrix}',
        deriv_ok(f, lambda x: np.array([2 * (x[0] - 2), 2 * (x[1] - 1)]), pts)
        and deriv_ok(g1, lambda x: np.array([2 * x[0], -1]), pts) and deriv_ok(g2, lambda x: np.array([1.0, 1]), pts))
    m1, m2 = 0.8, 1.7
    Lg = lambda x: f(x) + m1 * g1(x) + m2 * g2(x)
    ok1 = all(abs(fd_grad(Lg, x)[0] - (2 * (x[0] - 2) + 2 * m1 * x[0] + m2)) < 1e-6 for x in pts)
    ok2 = all(abs(fd_grad(Lg, x)[1] - (2 * (x[1] - 1) - m1 + m2)) < 1e-6 for x in pts)
    d.C(r'2(x_1-2) + 2\mu_1 x_1 + \mu_2 = 0,\\', ok1)
    d.C(r'2(x_2-1) - \mu_1 + \mu_2 = 0,\\', ok2)
    xa = np.array([2.0, 1])
    d.C(r'*Przypadek A* ($\mu_1=\mu_2=0$).', close(fd_grad(f, xa), [0, 0], 1e-6) and g1(xa) == 3 and 2 ** 2 == 4)
    # case B: solve linear system 2(x1-2)+mu2=0, 2(x2-1)+mu2=0, x1+x2=2
    sol = np.linalg.solve([[2, 0, 1], [0, 2, 1], [1, 1, 0]], [4, 2, 2])
    d.C(r'*Przypadek B* ($\mu_1 = 0$, $g_2$ aktywne).', close(sol, [1.5, 0.5, 1]) and abs(sol[0] - sol[1] - 1) < 1e-12
        and abs(sol[0] ** 2 - 2.25) < 1e-12 and abs(g1(sol[:2]) - 1.75) < 1e-12)
    d.C(r'*Przypadek C* ($\mu_2 = 0$, $g_1$ aktywne). Mamy $x_2 = x_1^2$ oraz',
        all(abs(fd_grad(lambda x: f(x) + 2 * (t * t - 1) * g1(x), np.array([t, t * t]))[1]) < 1e-6
            and abs(g1(np.array([t, t * t]))) < 1e-15 for t in RNG.normal(size=4)))
    ts = RNG.normal(size=5)
    d.C(r'2(x_1-2) + 4x_1(x_1^2-1) = 0 \iff 2x_1^3 - x_1 - 2 = 0',
        all(abs((2 * (t - 2) + 4 * t * (t * t - 1)) - 2 * (2 * t ** 3 - t - 2)) < 1e-12 for t in ts))
    rts = np.roots([2, 0, -1, -2])
    real = rts[np.abs(rts.imag) < 1e-9].real
    xc = real[0]
    d.N(r'Jedyny pierwiastek rzeczywisty to $x_1\approx 1{,}1654$', (xc, '1{,}1654'), (xc ** 2, '1{,}3581'),
        (2 * (xc ** 2 - 1), '0{,}716'), (xc + xc ** 2 - 2, '0{,}5235'), extra=len(real) == 1 and xc + xc ** 2 - 2 > 0)
    rr = np.sort(np.roots([1, 1, -2]).real)
    d.C(r'*Przypadek D* (oba aktywne).', close(rr, [-2, 1]))
    ok = close(fd_grad(f, np.array([1.0, 1])), [-2, 0], 1e-6)
    mus = np.linalg.solve([[2, 1], [-1, 1]], [2, 0])
    ok &= close(mus, [2 / 3, 2 / 3]) and np.all(mus >= 0)
    d.C(r'- Dla $x = (1,1)$: $\nabla f = (-2,\ 0)$', ok)
    x4 = np.array([-2.0, 4])
    ok = close(fd_grad(f, x4), [-8, 6], 1e-6) and close(fd_grad(g1, x4), [-4, -1], 1e-6)
    mus = np.linalg.solve([[-4, 1], [-1, 1]], [8, -6])
    ok &= abs(mus[0] + 14 / 3) < 1e-12 and mus[0] < 0
    d.C(r'- Dla $x = (-2,4)$: $\nabla f = (-8,\ 6)$', ok)
    # brute force over a fine grid of the feasible set
    X1, X2 = np.meshgrid(np.linspace(-2.5, 2.5, 1001), np.linspace(-1, 5, 1201))
    feas = (X1 ** 2 - X2 <= 0) & (X1 + X2 - 2 <= 0)
    F = np.where(feas, (X1 - 2) ** 2 + (X2 - 1) ** 2, np.inf)
    k = np.unravel_index(np.argmin(F), F.shape)
    xs = np.array([1.0, 1])
    ok = np.linalg.norm([X1[k] - 1, X2[k] - 1]) < 0.02 and F[k] >= 1 - 1e-9 and f(xs) == 1
    d.C(r'**Odpowiedź.** Jedynym punktem KKT jest $x^* = (1,1)$', ok)
    ok = min(np.linalg.eigvalsh(fd_hess(f, xs))) > 0 and min(np.linalg.eigvalsh(fd_hess(g1, xs))) >= -1e-6
    ok &= close(fd_hess(g2, xs), np.zeros((2, 2)), 1e-5)
    xsl = np.array([0.0, 0.5])
    ok &= abs(g1(xsl) + 0.5) < 1e-15 and abs(g2(xsl) + 1.5) < 1e-15
    d.C(r'Ponieważ $f$ i $g_1$ są wypukłe', ok)
    ok = close(-fd_grad(f, xs), [2, 0], 1e-6) and close(2 / 3 * np.array([2, -1]) + 2 / 3 * np.array([1, 1]), [2, 0])
    d.C(r'*Sprawdzenie geometryczne:*', ok)


# ======================================================================= 10
def svm_lagrangian(w, b, a, X, y):
    return 0.5 * w @ w - np.sum(a * (y * (X @ w + b) - 1))


@register('10_svm_ssangdae_ko.md')
def f10(d):
    d.G(r'\min_{\mathbf w,b}\ \frac12\|\mathbf w\|^2 \quad \text{s.t.}', r'라그랑주 승수 $\alpha_i\ge 0$를 도입하면',
        r'\mathcal L(\mathbf w,b,\boldsymbol\alpha) = \frac12\|\mathbf w\|^2 - \sum_{i=1}^m', r'$\mathbf w$와 $b$에 대해 미분해서')
    Xr = RNG.normal(size=(4, 3))
    yr = np.array([1.0, -1, 1, -1])
    ar = RNG.uniform(0, 1, size=4)
    br = 0.3
    pts = rpts(3, 3)
    ok = deriv_ok(lambda w: svm_lagrangian(w, br, ar, Xr, yr), lambda w: w - (ar * yr) @ Xr, pts)
    ok &= close(fd_grad(lambda w: svm_lagrangian(w, br, ar, Xr, yr), (ar * yr) @ Xr), np.zeros(3), 1e-6)
    d.C(r'\frac{\partial\mathcal L}{\partial\mathbf w} = \mathbf w - \sum_i \alpha_i y_i\mathbf x_i = \mathbf 0', ok)
    d.C(r'\frac{\partial\mathcal L}{\partial b} = -\sum_i\alpha_i y_i = 0 .',
        all(abs(fd_grad(lambda bb: svm_lagrangian(w, bb[0], ar, Xr, yr), np.array([br]))[0] + ar @ yr) < 1e-6 for w in pts))
    ok = True
    for _ in range(4):
        while True:
            a = RNG.uniform(0, 1, size=4)
            a[3] = a[0] - a[1] + a[2]      # enforce sum a_i y_i = 0 with y = (+,-,+,-)
            if a[3] > 0:
                break
        w = (a * yr) @ Xr
        Wd = a.sum() - 0.5 * sum(a[i] * a[j] * yr[i] * yr[j] * Xr[i] @ Xr[j] for i in range(4) for j in range(4))
        ok &= abs(a @ yr) < 1e-12 and abs(svm_lagrangian(w, RNG.normal(), a, Xr, yr) - Wd) < 1e-10
    d.C(r'\max_{\boldsymbol\alpha\ge 0}\ W(\boldsymbol\alpha) = \sum_i\alpha_i', ok)
    d.C(r'\quad\text{s.t.}\quad \sum_i\alpha_iy_i = 0', ok)
    X = np.array([[2.0, 1], [0, -1]])
    y = np.array([1.0, -1])
    d.G(r'- $\mathbf x_1 = (2,1)$, $y_1 = +1$', r'- $\mathbf x_2 = (0,-1)$, $y_2 = -1$')
    K = X @ X.T
    d.C(r'내적부터 계산: $\mathbf x_1^\top\mathbf x_1 = 4+1 = 5$', close(K, [[5, -1], [-1, 1]]) and close(X[0] ** 2, [4, 1])
        and close(X[0] * X[1], [0, -1]))
    d.C(r'제약 $\alpha_1 y_1 + \alpha_2 y_2 = 0$에서', all(abs(t * y[0] + t * y[1]) < 1e-15 for t in (0.3, 1.2)))
    d.C(r'(여기서 $y_1y_2\,\mathbf x_1^\top\mathbf x_2 = (-1)(-1) = 1$)', y[0] * y[1] == -1 and K[0, 1] == -1 and y[0] * y[1] * K[0, 1] == 1)
    Q = np.outer(y, y) * K
    quad = lambda t: np.array([t, t]) @ Q @ np.array([t, t])
    coef = quad(1.0)
    d.C(r'= \alpha^2(5 + 1 + 1) = 7\alpha^2 ,', abs(coef - 7) < 1e-12)
    Wd = lambda t: 2 * t - 0.5 * quad(t)
    ts = np.linspace(0, 1, 100001)
    a_star = ts[np.argmax([Wd(t) for t in ts])]
    d.N(r'W(\alpha) = 2\alpha - 3.5\,\alpha^2', (a_star, '0.286'), extra=abs(Wd(0.7) - (2 * 0.7 - 3.5 * 0.49)) < 1e-12
        and abs(a_star - 2 / 7) < 1e-4)
    d.C(r'$\alpha>0$이니까 두 점 모두 서포트 벡터예요', a_star > 0)
    w = a_star * (y[0] * X[0] + y[1] * X[1])
    d.N(r'\mathbf w = \alpha(y_1\mathbf x_1 + y_2\mathbf x_2) = \tfrac27', (w[0], '0.571'), (w[1], '0.571'),
        extra=close(y[0] * X[0] + y[1] * X[1], [2, 2]))
    b = y[0] - w @ X[0]
    d.N(r'$b$는 서포트 벡터 $\mathbf x_1$에서', (w @ X[0], '1.714'), (b, '-0.714'))
    nw = np.linalg.norm(w)
    d.N(r'마진 폭은 $2/\|\mathbf w\|', (nw, '0.808'), (2 / nw, '2.475'))
    # true solution: both constraints active, boundary = perpendicular bisector
    ok = close(y * (X @ w + b), [1, 1], 1e-6)
    mid = X.mean(0)
    ok &= abs(w @ mid + b) < 1e-6 and abs(w[0] * (X[0] - X[1])[1] - w[1] * (X[0] - X[1])[0]) < 1e-9
    d.C(r'KKT의 상보성 조건', ok)


# ======================================================================= 11
@register('11_svm_dual_three_points_en.md')
def f11(d):
    X = np.array([[0.0, 0], [2, 0], [0, 2]])
    y = np.array([-1.0, 1, 1])
    d.G(r'Sure — take three points in $\mathbb{R}^2$', r'| $i$ | $x_i$ | $y_i$ |', r'| 1 | $(0,0)$ | $-1$ |',
        r'| 2 | $(2,0)$ | $+1$ |', r'| 3 | $(0,2)$ | $+1$ |', r'$$\max_{\alpha\ge 0}\ W(\alpha)=\sum_{i}\alpha_i')
    K = X @ X.T
    Q = np.outer(y, y) * K
    d.C(r'**Gram matrix.** Since $x_1=0$', np.all(K[0] == 0) and np.all(K[:, 0] == 0))
    d.C(r'$$K=\begin{pmatrix}0&0&0\\0&4&0\\0&0&4\end{pmatrix},$$', close(K, np.diag([0, 4, 4])))
    d.C(r'because $x_2^\top x_2=x_3^\top x_3=4$', K[1, 1] == 4 and K[2, 2] == 4 and K[1, 2] == 0 and close(Q, K) and np.all(y ** 2 == 1))
    Wfull = lambda a: a.sum() - 0.5 * a @ Q @ a
    ok = True
    for _ in range(5):
        a2, a3 = RNG.uniform(0, 2, size=2)
        a = np.array([a2 + a3, a2, a3])
        ok &= abs(a @ y) < 1e-12 and abs(Wfull(a) - (a.sum() - 0.5 * (4 * a2 ** 2 + 4 * a3 ** 2))) < 1e-12 \
            and abs(Wfull(a) - (2 * (a2 + a3) - 2 * a2 ** 2 - 2 * a3 ** 2)) < 1e-12
    d.C(r'**Equality constraint.** $-\alpha_1+\alpha_2+\alpha_3=0$', abs(np.array([1, 0.3, 0.7]) @ y) < 1e-15)
    d.C(r'$$W=\alpha_1+\alpha_2+\alpha_3-\tfrac12\left(4\alpha_2^2', ok)
    Wr = lambda v: 2 * (v[0] + v[1]) - 2 * v[0] ** 2 - 2 * v[1] ** 2
    d.C(r'**Maximize.** $W$ is now separable and concave', max(np.linalg.eigvalsh(fd_hess(Wr, np.array([0.2, 0.9])))) < 0
        and abs(fd_hess(Wr, np.array([0.2, 0.9]))[0, 1]) < 1e-5)
    ok = deriv_ok(Wr, lambda v: np.array([2 - 4 * v[0], 2 - 4 * v[1]]), rpts(3, 2))
    ok &= close(fd_grad(Wr, np.array([0.5, 0.5])), [0, 0], 1e-7)
    d.C(r'\frac{\partial W}{\partial\alpha_2}=2-4\alpha_2=0', ok)
    # brute-force dual over alpha2, alpha3 >= 0 (alpha1 = alpha2 + alpha3 >= 0 automatically)
    g = np.linspace(0, 2, 401)
    A2, A3 = np.meshgrid(g, g)
    Wg = 2 * (A2 + A3) - 2 * A2 ** 2 - 2 * A3 ** 2
    k = np.unravel_index(np.argmax(Wg), Wg.shape)
    a = np.array([1.0, 0.5, 0.5])
    d.C(r'hence $\alpha_1=1$. All three are $\ge0$', abs(A2[k] - 0.5) < 1e-9 and abs(A3[k] - 0.5) < 1e-9 and np.all(a >= 0)
        and abs(a @ y) < 1e-15)
    d.C(r'$W^\star=2\cdot1-2\cdot\tfrac14-2\cdot\tfrac14=1$.', abs(Wfull(a) - 1) < 1e-12 and abs(2 * 1 - 2 * 0.25 - 2 * 0.25 - 1) < 1e-15
        and abs(Wg.max() - 1) < 1e-12)
    d.G(r'**Recover $w$ and $b$.**')
    w = (a * y) @ X
    d.C(r'$$w=\sum_i\alpha_iy_ix_i=1\cdot(-1)\cdot(0,0)', close(w, [1, 1]) and close(0.5 * X[1], [1, 0]) and close(0.5 * X[2], [0, 1]))
    b = y[1] - w @ X[1]
    d.C(r'Every $\alpha_i>0$, so every point is a support vector', abs(b + 1) < 1e-12 and w @ X[1] == 2
        and close(y * (X @ w + b), [1, 1, 1]) and -1 * (0 - 1) == 1 and 0 + 2 - 1 == 1)
    d.C(r'**Check strong duality.** The primal objective', abs(0.5 * w @ w - 1) < 1e-12 and abs(0.5 * w @ w - Wfull(a)) < 1e-12
        and np.all(y * (X @ w + b) >= 1 - 1e-12))
    d.N(r'$$\frac{2}{\|w\|}=\frac{2}{\sqrt2}=\sqrt2\approx1.414,$$', (2 / np.linalg.norm(w), '1.414'),
        extra=abs(2 / np.linalg.norm(w) - np.sqrt(2)) < 1e-12)
    dist = abs(0 + 0 - 2) / np.sqrt(2)
    d.C(r'which is exactly the distance from the origin', abs(dist - 2 / np.linalg.norm(w)) < 1e-12 and X[1].sum() == 2 and X[2].sum() == 2)
    xn = np.array([1.0, 0.2])
    fx = w @ xn + b
    d.N(r'**Decision function.** $f(x)=w^\top x+b=x^{(1)}+x^{(2)}-1$', (fx, '0.2'), extra=fx > 0)
    # remark: Q alpha = 1 - nu y with nu = b, on this example and on a second all-SV example
    X2, y2 = np.array([[2.0, 1], [0, -1]]), np.array([1.0, -1])
    Q2 = np.outer(y2, y2) * (X2 @ X2.T)
    a2 = np.array([0.25, 0.25])
    w2 = (a2 * y2) @ X2
    b2 = y2[0] - w2 @ X2[0]
    ok = close(Q @ a, 1 - b * y) and close(Q2 @ a2, 1 - b2 * y2) and close(y2 * (X2 @ w2 + b2), [1, 1]) and abs(a2 @ y2) < 1e-15
    d.C(r'One more remark: with an $x_1$ that is not at the origin', ok)
    d.C(r'Here $Q=K$, and indeed $Q\alpha=(0,2,2)^\top=\mathbf 1-(-1)\,y$', close(Q, K) and close(Q @ a, [0, 2, 2])
        and close(1 - (-1) * y, [0, 2, 2]))


# ======================================================================= 12
def gcn_norm(A):
    At = A + np.eye(len(A))
    dt = At.sum(1)
    Dm = np.diag(dt ** -0.5)
    return Dm @ At @ Dm, At, dt


def rand_graph(n, p=0.5):
    A = np.triu((RNG.uniform(size=(n, n)) < p).astype(float), 1)
    return A + A.T


@register('12_chuan_hoa_gcn_vi.md')
def f12(d):
    d.G(r'Một lớp tích chập đồ thị (GCN) tính', r"H' = \sigma\big(\hat A H W\big),\qquad \hat A = \tilde D^{-1/2}(A+I)")
    ok = True
    for _ in range(3):
        Ar = rand_graph(5)
        Ah, At, dt = gcn_norm(Ar)
        ok &= close(dt, 1 + Ar.sum(1)) and all(abs(Ah[i, j] - At[i, j] / np.sqrt(dt[i] * dt[j])) < 1e-12 for i in range(5) for j in range(5))
    d.C(r'trong đó $\tilde D$ là ma trận bậc của $\tilde A = A + I$', ok)
    A = np.array([[0.0, 1, 0], [1, 0, 1], [0, 1, 0]])
    Ah, At, dt = gcn_norm(A)
    d.G(r'A = \begin{pmatrix}0&1&0\\1&0&1\\0&1&0\end{pmatrix},\qquad')
    d.C(r'\tilde A = \begin{pmatrix}1&1&0\\1&1&1\\0&1&1\end{pmatrix},\qquad', close(At, [[1, 1, 0], [1, 1, 1], [0, 1, 1]]))
    d.C(r'\tilde d = (2,\ 3,\ 2).', close(dt, [2, 3, 2]))
    d.G(r'Từ đó $\hat A_{ij} = \tilde A_{ij}/\sqrt{\tilde d_i\tilde d_j}$:')
    d.N(r'- $\hat A_{11} = \hat A_{33} = 1/2$', (Ah[1, 1], '0{,}3333'), extra=abs(Ah[0, 0] - 0.5) < 1e-12 and abs(Ah[2, 2] - 0.5) < 1e-12 and abs(Ah[1, 1] - 1 / 3) < 1e-12)
    d.N(r'- $\hat A_{12} = \hat A_{21} = \hat A_{23} = \hat A_{32} = 1/\sqrt{6}', (1 / np.sqrt(6), '0{,}4082'),
        extra=close([Ah[0, 1], Ah[1, 0], Ah[1, 2], Ah[2, 1]], [1 / np.sqrt(6)] * 4))
    d.C(r'- $\hat A_{13} = \hat A_{31} = 0$', Ah[0, 2] == 0 and Ah[2, 0] == 0 and A[0, 2] == 0)
    d.N(r'\hat A \approx \begin{pmatrix}0{,}5&0{,}4082&0\\0{,}4082&0{,}3333', (Ah[0, 0], '0{,}5'), (Ah[0, 1], '0{,}4082'),
        (Ah[1, 1], '0{,}3333'), extra=Ah[0, 2] == 0)
    v = np.sqrt(dt)
    ev = np.linalg.eigvalsh(Ah)
    ok = close(v, [np.sqrt(2), np.sqrt(3), np.sqrt(2)]) and close(Ah @ v, v) and close(np.diag(dt ** -0.5) @ At @ np.ones(3), np.diag(dt ** -0.5) @ dt)
    ok &= close(np.diag(dt ** -0.5) @ dt, v)
    ok &= close(ev, [-1 / 6, 0.5, 1]) and ev.min() > -1 and abs(ev.max() - 1) < 1e-12
    for _ in range(5):
        Ar = rand_graph(6)
        e = np.linalg.eigvalsh(gcn_norm(Ar)[0])
        ok &= e.min() > -1 and e.max() <= 1 + 1e-12
    row2 = [Ah[1, 0] * np.sqrt(2), Ah[1, 1] * np.sqrt(3), Ah[1, 2] * np.sqrt(2)]
    d.N(r'**Một tính chất hay.** Vectơ $\tilde D^{1/2}\mathbf 1', (row2[0], '0{,}57735'), (row2[1], '0{,}57735'),
        (sum(row2), '1{,}7321'), (np.sqrt(3), '1{,}7321'), (ev[1], '0{,}5'), extra=ok)
    H = np.array([[1.0, 0], [0, 1], [1, 1]])
    W = np.array([[1.0], [-1]])
    d.C(r'Lấy đặc trưng đầu vào $H\in\mathbb R^{3\times 2}$ và trọng số $W\in\mathbb R^{2\times 1}$', H.shape == (3, 2) and W.shape == (2, 1))
    d.G(r'H = \begin{pmatrix}1&0\\0&1\\1&1\end{pmatrix},\qquad W =')
    M = Ah @ H
    d.N(r'- hàng 1: $0{,}5\,(1,0) + 0{,}4082\,(0,1)', (M[0, 0], '0{,}5'), (M[0, 1], '0{,}4082'))
    d.N(r'- hàng 2: $0{,}4082\,(1,0) + 0{,}3333\,(0,1)', (M[1, 0], '0{,}8165'), (M[1, 1], '0{,}7416'))
    d.N(r'- hàng 3: $0{,}4082\,(0,1) + 0{,}5\,(1,1)', (M[2, 0], '0{,}5'), (M[2, 1], '0{,}9082'))
    Z = (M @ W).ravel()
    d.N(r'Nhân với $W$ (lấy cột 1 trừ cột 2)', (Z[0], '0{,}0918'), (Z[1], '0{,}0749'), (Z[2], '-0{,}4082'),
        extra=close(Z, M[:, 0] - M[:, 1]))
    Hp = np.maximum(M @ W, 0)
    d.N(r"Sau ReLU: $H' \approx (0{,}0918;\ 0{,}0749;\ 0)^\top$", (Hp[0, 0], '0{,}0918'), (Hp[1, 0], '0{,}0749'),
        extra=Hp[2, 0] == 0 and Hp.shape == (3, 1))
    d.C(r'So sánh: không chuẩn hoá thì $\tilde A H W', close(At @ H, [[1, 1], [2, 2], [1, 2]]) and close((At @ H @ W).ravel(), [0, 0, -1]))


# ======================================================================= 13
def mat_pairs(M, rows):
    out = []
    for i, r in enumerate(rows):
        for j, s in enumerate(r):
            out.append((M[i, j], s))
    return out


@register('13_gcn_ileri_gecis_tr.md')
def f13(d):
    d.G(r'Kipf & Welling (2017) tarafından', r'H^{(l+1)} = \sigma\!\left(\hat A\, H^{(l)}\, W^{(l)}\right)',
        r"Burada $\tilde D_{ii} = \sum_j \tilde A_{ij}$ öz-döngüler")
    ok = True
    for _ in range(3):
        Ar = rand_graph(5)
        Ah, At, dt = gcn_norm(Ar)
        Hr = RNG.normal(size=(5, 3))
        Wr = RNG.normal(size=(3, 2))
        Z = Ah @ Hr @ Wr
        for i in range(5):
            nb = [j for j in range(5) if Ar[i, j] == 1 or j == i]
            zi = sum(1 / np.sqrt(dt[i] * dt[j]) * Wr.T @ Hr[j] for j in nb)
            ok &= close(zi, Z[i], 1e-12)
        ok &= all(abs(Ah[i, j] - At[i, j] / np.sqrt(dt[i] * dt[j])) < 1e-12 for i in range(5) for j in range(5))
    d.C(r'\hat A_{ij} = \frac{\tilde A_{ij}}{\sqrt{\tilde d_i\,\tilde d_j}},\qquad', ok)
    d.C(r"h'_i = \sigma\Big(\sum_{j\in\mathcal N(i)\cup\{i\}}", ok)
    A = np.zeros((4, 4))
    for i, j in [(0, 1), (0, 2), (2, 3)]:
        A[i, j] = A[j, i] = 1
    d.G(r'Kenarlar: $1\!-\!2$, $1\!-\!3$, $3\!-\!4$')
    d.C(r'A=\begin{bmatrix}0&1&1&0\\1&0&0&0\\1&0&0&1\\0&0&1&0\end{bmatrix}',
        close(A, [[0, 1, 1, 0], [1, 0, 0, 0], [1, 0, 0, 1], [0, 0, 1, 0]]))
    Ah, At, dt = gcn_norm(A)
    d.C(r'\tilde A = A + I = \begin{bmatrix}1&1&1&0', close(At, [[1, 1, 1, 0], [1, 1, 0, 0], [1, 0, 1, 1], [0, 0, 1, 1]]))
    d.C(r'Dereceler (her düğümün komşu sayısı): $\tilde D = \operatorname{diag}(2,\,1,\,2,\,1)$', close(dt, [2, 1, 2, 1]))
    d.N(r'Normalize edilmiş komşuluk, $\hat A_{ij} = ', (1 / np.sqrt(2), '0{,}7071'))
    rows = [['0{,}5', '0{,}7071', '0{,}5', '0'], ['0{,}7071', '1', '0', '0'], ['0{,}5', '0', '0{,}5', '0{,}7071'],
            ['0', '0', '0{,}7071', '1']]
    d.N(r'\hat A \approx \begin{bmatrix}0{,}5&0{,}7071&0{,}5&0', *mat_pairs(Ah, rows))
    H = np.array([[1.0, 0], [0, 1], [1, 1], [2, 0]])
    W = np.array([[1.0, -0.5], [-1, 1]])
    d.C(r"Girdi öznitelikleri ($N=4$, $F=2$) ve ağırlıklar ($F=2\to F'=2$)", H.shape == (4, 2) and W.shape == (2, 2))
    d.G(r'H=\begin{bmatrix}1&0\\0&1\\1&1\\2&0\end{bmatrix},\qquad W=')
    M = Ah @ H
    d.N(r'**Adım 1 — komşuluk toplama.**', (M[0, 0], '1'), (M[0, 1], '1{,}2071'))
    rows = [['1', '1{,}2071'], ['0{,}7071', '1'], ['2{,}4142', '0{,}5'], ['2{,}7071', '0{,}7071']]
    d.N(r'\hat A H \approx \begin{bmatrix}1&1{,}2071', *mat_pairs(M, rows))
    Z = M @ W
    d.N(r"**Adım 2 — doğrusal dönüşüm.**", (Z[0, 0], '-0{,}2071'), (Z[0, 1], '0{,}7071'))
    rows = [['-0{,}2071', '0{,}7071'], ['-0{,}2929', '0{,}6464'], ['1{,}9142', '-0{,}7071'], ['2', '-0{,}6464']]
    d.N(r'Z = \hat A H W \approx \begin{bmatrix}', *mat_pairs(Z, rows))
    Hp = np.maximum(Z, 0)
    rows = [['0', '0{,}7071'], ['0', '0{,}6464'], ['1{,}9142', '0'], ['2', '0']]
    d.N(r"H' = \max(Z, 0) \approx \begin{bmatrix}", *mat_pairs(Hp, rows))
    d.C(r'**Boyut kontrolü:**', Ah.shape == (4, 4) and H.shape == (4, 2) and W.shape == (2, 2) and Hp.shape == (4, 2) and W.size == 4)
    d.C(r'> Not: $\hat A H W = \hat A (H W)$', close(Ah @ H @ W, Ah @ (H @ W), 1e-12))


# ======================================================================= 14
@register('14_gcn_backward_weights_en.md')
def f14(d):
    d.G(r'Last time we pushed features forward', r"Z = \hat A H W,\qquad H' = \mathrm{ReLU}(Z),\qquad L = \tfrac12")
    # random instance with F != F' so that transposes matter
    N, F, Fp = 5, 3, 2
    Ar = rand_graph(N)
    Ahr = gcn_norm(Ar)[0]
    Hr = RNG.normal(size=(N, F))
    Yr = RNG.normal(size=(N, Fp))
    Wr = RNG.normal(size=(F, Fp))
    Mr = Ahr @ Hr
    loss = lambda W: 0.5 * np.sum((np.maximum(Ahr @ Hr @ W, 0) - Yr) ** 2)
    gW_fd = fd_grad(loss, Wr)
    Zr = Mr @ Wr
    Gr = np.maximum(Zr, 0) - Yr
    Dr = Gr * (Zr > 0)
    d.C(r"Shapes: $\hat A$ is $N\times N$, $H$ is $N\times F$", Zr.shape == (N, Fp) and Yr.shape == (N, Fp) and Ahr.shape == (N, N))
    d.C(r"I'll write $M = \hat A H$ ($N\times F$)", Mr.shape == (N, F))
    Hp_r = np.maximum(Zr, 0)
    d.C(r"1. $\dfrac{\partial L}{\partial H'} = H' - Y =: G$.",
        close(fd_grad(lambda Hp: 0.5 * np.sum((Hp - Yr) ** 2), Hp_r), Gr, 1e-6))
    d.C(r'2. ReLU acts elementwise, so $\dfrac{\partial L}{\partial Z} = G \odot',
        close(fd_grad(lambda Z: 0.5 * np.sum((np.maximum(Z, 0) - Yr) ** 2), Zr), Dr, 1e-6) and Dr.shape == (N, Fp))
    d.C(r'3. Since $Z_{ik} = \sum_j M_{ij} W_{jk}$', close(fd_jac(lambda W: (Mr @ W)[2, 1], Wr).reshape(F, Fp)[:, 1], Mr[2], 1e-6)
        and close(Mr @ Wr, np.einsum('ij,jk->ik', Mr, Wr)))
    idx = np.array([[sum(Mr[i, j] * Dr[i, k] for i in range(N)) for k in range(Fp)] for j in range(F)])
    d.C(r'\frac{\partial L}{\partial W_{jk}} = \sum_i \frac{\partial L}{\partial Z_{ik}}', close(idx, gW_fd, 1e-6))
    claimed = Dr.T @ Mr
    d.C(r'\frac{\partial L}{\partial W} = \Delta^\top M = \Delta^\top \hat A H ,', claimed.shape == gW_fd.shape and close(claimed, gW_fd, 1e-6))
    gH_fd = fd_grad(lambda H: 0.5 * np.sum((np.maximum(Ahr @ H @ Wr, 0) - Yr) ** 2), Hr)
    d.C(r'which is $2\times 2$ in our example', close(Ahr.T @ Dr @ Wr.T, gH_fd, 1e-6) and close(Ahr, Ahr.T)
        and gW_fd.shape == (F, Fp) and np.zeros((2, 2)).shape == (2, 2))
    # ---- numbers
    A = np.zeros((3, 3))
    A[0, 1] = A[1, 0] = A[0, 2] = A[2, 0] = 1
    Ah, At, dt = gcn_norm(A)
    d.C(r'Star graph: node 1 is connected to nodes 2 and 3. Then $\tilde d = (3,2,2)$', close(dt, [3, 2, 2]))
    s6 = 1 / np.sqrt(6)
    d.N(r'\hat A = \begin{bmatrix} 1/3 & 1/\sqrt6 & 1/\sqrt6', *mat_pairs(Ah, [['0.3333', '0.4082', '0.4082'], ['0.4082', '0.5', '0'],
                                                                         ['0.4082', '0', '0.5']]),
        extra=close(Ah, [[1 / 3, s6, s6], [s6, 0.5, 0], [s6, 0, 0.5]]))
    H = np.array([[1.0, 2], [0, 1], [1, 0]])
    W = np.array([[0.5, -1], [1, 0.5]])
    Y = np.array([[1.0, 0], [1, 0], [0, 1]])
    d.G(r'H = \begin{bmatrix}1&2\\0&1\\1&0\end{bmatrix},\quad W =')
    M = Ah @ H
    Z = M @ W
    Hp = np.maximum(Z, 0)
    d.N(r'M = \hat A H \approx \begin{bmatrix}0.7416', *mat_pairs(M, [['0.7416', '1.0749'], ['0.4082', '1.3165'], ['0.9082', '0.8165']]))
    d.N(r'Z = MW \approx \begin{bmatrix}1.4457', *mat_pairs(Z, [['1.4457', '-0.2041'], ['1.5206', '0.25'], ['1.2706', '-0.5']]))
    d.N(r"H' \approx \begin{bmatrix}1.4457&0", *mat_pairs(Hp, [['1.4457', '0'], ['1.5206', '0.25'], ['1.2706', '0']]))
    G = Hp - Y
    Lval = 0.5 * np.sum(G ** 2)
    d.N(r'The loss is $L = \tfrac12(0.4457^2', (G[0, 0], '0.4457'), (G[1, 0], '0.5206'), (G[1, 1], '0.25'), (G[2, 0], '1.2706'),
        (Lval, '1.5733'), extra=abs(G[2, 1]) == 1 and G[0, 1] == 0)
    Dl = G * (Z > 0)
    d.N(r"Backward pass: $G = H' - Y \approx", *mat_pairs(G, [['0.4457', '0'], ['0.5206', '0.25'], ['1.2706', '-1']]),
        extra=Z[0, 1] < 0 and Z[2, 1] < 0 and np.sum(Z < 0) == 2)
    d.N(r'\Delta \approx \begin{bmatrix}0.4457&0', *mat_pairs(Dl, [['0.4457', '0'], ['0.5206', '0.25'], ['1.2706', '0']]))
    loss3 = lambda Wv: 0.5 * np.sum((np.maximum(Ah @ H @ Wv, 0) - Y) ** 2)
    gW = fd_grad(loss3, W)
    d.N(r'\frac{\partial L}{\partial W} = \Delta^\top M \approx \begin{bmatrix}1.6971',
        *mat_pairs(gW, [['1.6971', '2.2019'], ['0.1021', '0.3291']]))
    d.G(r'A plain SGD step with learning rate $\eta = 0.1$ gives')
    Wn = W - 0.1 * gW
    d.N(r'$W \leftarrow W - \eta\,\partial L/\partial W \approx', *mat_pairs(Wn, [['0.3303', '-1.2202'], ['0.9898', '0.4671']]))
    # G[2,1] = -1 contributes nothing to dL/dW
    Y2 = Y.copy()
    Y2[2, 1] = 5.0
    g2 = fd_grad(lambda Wv: 0.5 * np.sum((np.maximum(Ah @ H @ Wv, 0) - Y2) ** 2), W)
    d.C(r'Note how the entry $(3,2)$ of $G$', G[2, 1] == -1 and close(g2, gW, 1e-6))


# ======================================================================= 15
@register('15_newton_logistisch_nl.md')
def f15(d):
    d.G(r'We bekijken het model $P(y=1\mid x) = \sigma(wx)$', r'\ell(w) = -\sum_{i=1}^{n}\big[y_i\ln\sigma(wx_i)')
    xr = RNG.normal(size=6)
    yr = (RNG.uniform(size=6) < 0.5).astype(float)
    lr = lambda w: -np.sum(yr * np.log(sig(w * xr)) + (1 - yr) * np.log(1 - sig(w * xr)))
    ws = RNG.uniform(-2, 2, size=5)
    ok = all(abs(fd_grad(lambda z: sig(z[0]), np.array([z]))[0] - sig(z) * (1 - sig(z))) < 1e-7 for z in ws)
    ok &= all(abs(fd_grad(lambda w: w[0] * xr[0], np.array([w]))[0] - xr[0]) < 1e-7 for w in ws)
    d.C(r"**a) Afgeleiden.** Met $\sigma'(z) = \sigma(z)(1-\sigma(z))$", ok)
    lp = lambda w: np.sum((sig(w * xr) - yr) * xr)
    lpp_text = lambda w: np.sum(sig(w * xr) * (1 - sig(w * xr)) * xr)
    d.C(r"\ell'(w) = \sum_{i=1}^n \big(\sigma(wx_i) - y_i\big)\,x_i ,",
        all(abs(fd_grad(lambda v: lr(v[0]), np.array([w]))[0] - lp(w)) < 1e-6 for w in ws))
    d.C(r"\ell''(w) = \sum_{i=1}^n \sigma(wx_i)\big(1-\sigma(wx_i)\big)\,x_i .",
        all(abs(fd_hess(lambda v: lr(v[0]), np.array([w]))[0, 0] - lpp_text(w)) < 1e-4 for w in ws))
    ok = True
    for _ in range(5):
        wt, g, h = RNG.normal(), RNG.normal(), RNG.uniform(0.1, 3)
        q = lambda w: 1.3 + g * (w - wt) + 0.5 * h * (w - wt) ** 2
        grid = np.linspace(wt - 40, wt + 40, 800001)
        wmin = grid[np.argmin(q(grid))]
        ok &= abs(wmin - (wt - g / h)) < 1e-3
    d.C(r'**b) Newton-stap.** Minimaliseer de tweede-orde Taylorbenadering', ok)
    d.C(r"w_{t+1} = w_t - \frac{\ell'(w_t)}{\ell''(w_t)} .", ok)
    x = np.array([1.0, 2, -1])
    y = np.array([1.0, 0, 1])
    l = lambda w: -np.sum(y * np.log(sig(w * x)) + (1 - y) * np.log(1 - sig(w * x)))
    d1 = lambda w: fd_grad(lambda v: l(v[0]), np.array([w]))[0]
    d2 = lambda w: fd_hess(lambda v: l(v[0]), np.array([w]))[0, 0]
    d.G(r'**c) Getallenvoorbeeld.** Data: $x = (1,\ 2,\ -1)$')
    d.N(r'In $w_0 = 0$ is $\sigma(0) = 0{,}5$ voor alle punten', (sig(0.0), '0{,}5'))
    d.N(r'\ell(0) = 3\ln 2 \approx 2{,}0794 .', (l(0.0), '2{,}0794'), extra=abs(l(0.0) - 3 * np.log(2)) < 1e-12)
    terms = (sig(0.0) - y) * x
    d.C(r"\ell'(0) = (0{,}5-1)\cdot 1 + (0{,}5-0)\cdot 2", close(terms, [-0.5, 1, 0.5]) and abs(d1(0.0) - 1) < 1e-7)
    d.N(r'Tweede afgeleide: $\sigma(0)(1-\sigma(0)) = 0{,}25$', (sig(0.0) * (1 - sig(0.0)), '0{,}25'))
    d.N(r"\ell''(0) = 0{,}25\cdot(1 + 2 - 1) = 0{,}5 .", (d2(0.0), '0{,}5'))
    w1 = 0 - d1(0.0) / d2(0.0)
    d.C(r'w_1 = 0 - \frac{1}{0{,}5} = -2 .', abs(w1 + 2) < 1e-6)
    d.C(r'Controle van de verliesfunctie in $w_1 = -2$', abs(w1 + 2) < 1e-6 and close(-2 * x, [-2, -4, 2]))
    parts = [np.log(1 + np.exp(2)), np.log(1 + np.exp(-4)), np.log(1 + np.exp(-2))]
    d.N(r'\ell(-2) = \ln(1+e^{2}) + \ln(1+e^{-4})', (parts[0], '2{,}1269'), (parts[1], '0{,}0181'), (parts[2], '0{,}1269'),
        (l(-2.0), '2{,}272'), extra=abs(sum(parts) - l(-2.0)) < 1e-12)
    d.N(r'Dat is *hoger* dan $\ell(0)\approx 2{,}0794$', (l(0.0), '2{,}0794'), extra=l(-2.0) > l(0.0) and l(w1) > l(0.0))
    # damped Newton with backtracking decreases the loss; Newton itself need not be monotone (e.g. f = sqrt(1+w^2))
    fz = lambda w: np.sqrt(1 + w * w)
    wn = 2.0 - (2.0 / np.sqrt(5)) / (1 / 5 ** 1.5)   # Newton step from w=2 on sqrt(1+w^2) -> w=-8
    d.C(r'**Opmerking.** Newton zonder stapgrootteregeling daalt niet gegarandeerd monotoon', fz(wn) > fz(2.0))
    d.C(r"Let ook op: de tekens van $\ell'(0) = 1 > 0$ en van $w_1 - w_0 < 0$", d1(0.0) > 0 and w1 < 0 and l(w1) > l(0.0))


# ======================================================================= 16
@register('16_taylor_krizova_entropie_cs.md')
def f16(d):
    K = 4
    yc = 2
    ey = np.eye(K)[yc]
    Lz = lambda z: -z[yc] + lse(z)
    pts = rpts(4, K, 2)
    d.G(r'Pro vektor logitů $\mathbf z\in\mathbb R^K$', r'Označme $p_j = e^{z_j}/\sum_k e^{z_k}$ (softmax)')
    d.C(r'L(\mathbf z) = -\ln\frac{e^{z_y}}{\sum_{k=1}^K e^{z_k}} = -z_y + \ln\sum',
        all(abs(-np.log(np.exp(z[yc]) / np.exp(z).sum()) - Lz(z)) < 1e-12 for z in pts))
    d.C(r'**Gradient.** Protože $\partial/\partial z_j\,\ln\sum_k e^{z_k} = p_j$', deriv_ok(lse, softmax, pts))
    d.C(r'\frac{\partial L}{\partial z_j} = p_j - [j=y], \qquad\text{tj.}', deriv_ok(Lz, lambda z: softmax(z) - ey, pts))
    d.C(r'**Hessova matice.** Člen $-z_y$ je lineární', close(fd_hess(lambda z: -z[yc], pts[0]), np.zeros((K, K)), 1e-5))
    d.C(r'\frac{\partial^2 L}{\partial z_j\,\partial z_k} = p_j\,\delta_{jk} - p_jp_k',
        hess_ok(Lz, lambda z: np.diag(softmax(z)) - np.outer(softmax(z), softmax(z)), pts))
    ok = True
    for z in pts:
        H1 = fd_hess(lambda v: -v[0] + lse(v), z)
        H2 = fd_hess(lambda v: -v[3] + lse(v), z)
        p = softmax(z)
        Hs = np.diag(p) - np.outer(p, p)
        ok &= close(H1, H2, 1e-4) and min(np.linalg.eigvalsh(Hs)) > -1e-12
        v = RNG.normal(size=K)
        ok &= abs(v @ Hs @ v - (np.sum(p * v * v) - np.sum(p * v) ** 2)) < 1e-12
    d.C(r'Matice nezávisí na $y$ a je pozitivně semidefinitní', ok)
    d.G(r'**Taylorův rozvoj 2. řádu** v bodě')
    ok = True
    for z0 in pts:
        p = softmax(z0)
        g, Hs = p - ey, np.diag(p) - np.outer(p, p)
        for t in (1e-2,):
            dl = t * RNG.normal(size=K)
            ok &= abs(Lz(z0 + dl) - (Lz(z0) + g @ dl + 0.5 * dl @ Hs @ dl)) < 5 * np.linalg.norm(dl) ** 3
    d.C(r'L(\mathbf z_0+\boldsymbol\delta) \approx q(\boldsymbol\delta) = L(\mathbf z_0)', ok)
    L3 = lambda z: -z[0] + lse(z)
    z0 = np.zeros(3)
    p = softmax(z0)
    d.N(r'Nechť $K=3$, $y=1$ a $\mathbf z_0 = \mathbf 0$.', (L3(z0), '1{,}0986'),
        extra=close(p, [1 / 3] * 3) and abs(L3(z0) - np.log(3)) < 1e-12)
    g = fd_grad(L3, z0)
    d.C(r'- Gradient: $\nabla L(\mathbf 0) = (\tfrac13 - 1', close(g, [-2 / 3, 1 / 3, 1 / 3], 1e-7))
    Hs = fd_hess(L3, z0)
    He = np.eye(3) / 3 - np.ones((3, 3)) / 9
    d.C(r'- Hessián: $\nabla^2 L(\mathbf 0) = \tfrac13 I - \tfrac19', close(Hs, He, 1e-5) and abs(He[0, 0] - 2 / 9) < 1e-12
        and abs(He[0, 1] + 1 / 9) < 1e-12)
    ev = np.linalg.eigvalsh(He)
    d.C(r'- Vlastní čísla: $\nabla^2L(\mathbf 0)\,\mathbf 1 = ', close(He @ np.ones(3), np.zeros(3)) and close(ev, [0, 1 / 3, 1 / 3])
        and close(np.ones(3) / 3 - 3 / 9 * np.ones(3), np.zeros(3)))
    dl = np.array([0.3, 0.0, -0.3])
    d.G(r'Zvolme $\boldsymbol\delta = (0{,}3;\ 0;\ -0{,}3)$')
    lin = g @ dl
    d.N(r'- Lineární člen: $\nabla L^{\mathsf T}\boldsymbol\delta', (-2 / 3 * 0.3, '-0{,}2'), (1 / 3 * 0.3, '0{,}1'), (lin, '-0{,}3'))
    qf = dl @ He @ dl
    d.N(r'- Kvadratická forma: jelikož $\boldsymbol\delta\perp\mathbf 1$', (dl @ dl, '0{,}18'), (qf, '0{,}06'),
        extra=abs(dl.sum()) < 1e-15 and abs(qf - dl @ dl / 3) < 1e-12)
    qv = L3(z0) + lin + 0.5 * qf
    d.N(r'- Model: $q(\boldsymbol\delta) = 1{,}0986 - 0{,}3 + 0{,}06', (L3(z0), '1{,}0986'), (0.5 * qf, '0{,}06'), (qv, '0{,}8586'))
    Lt = L3(dl)
    d.N(r'L(\boldsymbol\delta) = -0{,}3 + \ln\big(e^{0{,}3} + 1 + e^{-0{,}3}\big)', (np.exp(0.3), '1{,}3499'), (np.exp(-0.3), '0{,}7408'),
        (np.exp(0.3) + 1 + np.exp(-0.3), '3{,}0907'), (Lt, '0{,}8284'))
    d.N(r'Rozdíl $|L - q|\approx 0{,}030$', (abs(Lt - qv), '0{,}030'), (L3(z0) + lin, '0{,}7986'))
    ok = all(abs(L3(z + c) - L3(z)) < 1e-12 for z in rpts(3, 3) for c in (0.7, -1.3)) and abs(np.linalg.det(He)) < 1e-12
    d.C(r'**Poznámka.** Protože $\nabla^2 L$ je singulární', ok)
    d.C(r'Navíc $\nabla L(\mathbf 0)^{\mathsf T}\mathbf 1 = 0$', abs(g.sum()) < 1e-7 and abs(dl.sum()) < 1e-15)


# ======================================================================= main
def main():
    with open('expected.json', encoding='utf-8') as fh:
        expected = json.load(fh)
    files = sorted(f for f in os.listdir('.') if re.match(r'^\d\d_.*\.md$', f))
    bad = 0
    for f in files:
        d = Doc(f)
        if f not in CHECKS:
            print(f'{f}: MISMATCH (no checks registered)')
            bad += 1
            continue
        CHECKS[f](d)
        got = d.first_fail()
        exp = expected.get(f, 'missing')
        unc = d.uncovered()
        status = 'OK' if got == exp else 'MISMATCH'
        if status != 'OK':
            bad += 1
        extra = f'  [uncovered math lines: {unc}]' if unc else ''
        fails = sorted({n for n, ok, _ in d.results if not ok})
        print(f'{f}: {status} (first failing line {got}, expected {exp}; failing lines {fails}){extra}')
    if set(expected) != set(files):
        print('expected.json keys do not match files')
        bad += 1
    sys.exit(1 if bad else 0)


if __name__ == '__main__':
    main()
