#!/usr/bin/env python3
"""Independent NumPy truth check for corpus61 (matrix calculus: differentials,
trace tricks, log-det, vec/Kronecker, Hadamard, layouts, worked 2x2 numbers).

For every file an ordered list of checks is given: (unique substring of a line,
predicate, declared structural number tokens).  Every line that contains math
($...$, inline code, Unicode math symbols, or a relation next to a digit) must be
covered.  Definitions / conventions / given data are GIVEN.  Symbolic claims
(differentials, gradients, Jacobians, identities) are tested numerically at
random points (central finite differences, or exact evaluation for identities
and linear maps); worked numbers are recomputed from the givens and must agree
to their printed precision (with the exact value, or with the value recomputed
from the author's rounded carried numbers); sizes by enumeration/formula.
Every number printed on a checked line must be a checked value or a declared
structural token (exponents, summation bounds, equation tags, labels).
The first line whose predicate is False must equal expected.json.
Usage: python3 verify_truth.py [-v]
"""
import json, os, re, sys
from collections import Counter
import numpy as np

VERBOSE = '-v' in sys.argv
D = os.path.dirname(os.path.abspath(__file__))
RNG = np.random.default_rng(61)
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
    """printed value agrees to its printed precision with at least one candidate
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

def CV(shown, *cands):
    shown = shown.split() if isinstance(shown, str) else shown
    arrs = [np.ravel(np.asarray(a, float)) for a in cands]
    if any(a.size != len(shown) for a in arrs):
        return False
    return all([C(s, *[a[i] for a in arrs]) for i, s in enumerate(shown)])

def EV(shown, arr):
    shown = shown.split() if isinstance(shown, str) else shown
    arr = np.ravel(np.asarray(arr, float))
    return len(arr) == len(shown) and all([E(s, arr[i]) for i, s in enumerate(shown)])

def grad(f, x, h=1e-6):
    x = np.array(x, dtype=float)
    g = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        e = np.zeros_like(x); e[idx] = h
        g[idx] = (f(x + e) - f(x - e)) / (2 * h)
    return g

def jac(F, x, h=1e-6):
    """numerator-layout Jacobian of vec F w.r.t. vec x (column-major vec)."""
    x = np.array(x, dtype=float)
    cols = []
    for j in range(x.size):
        e = np.zeros(x.size); e[j] = h
        E_ = e.reshape(x.shape, order='F')
        cols.append((np.ravel(F(x + E_), order='F') - np.ravel(F(x - E_), order='F')) / (2 * h))
    return np.stack(cols, axis=1)

def dirder(f, x, dx, h=1e-6):
    return (f(x + h * dx) - f(x - h * dx)) / (2 * h)

def near(a, b, tol=1e-6):
    a = np.asarray(a, float); b = np.asarray(b, float)
    return a.shape == b.shape and np.allclose(a, b, atol=tol, rtol=1e-6)

def rand(*shape, lo=-2.0, hi=2.0):
    return RNG.uniform(lo, hi, size=shape)

def spd(n):
    M = rand(n, n); return M @ M.T + n * np.eye(n)

def vec(M):
    return np.ravel(M, order='F')

def unvec(v, shape):
    return np.reshape(v, shape, order='F')

def forall(pred, n=4):
    return all(bool(pred()) for _ in range(n))

sig = lambda z: 1.0 / (1.0 + np.exp(-z))
def softmax_rows(Z):
    Z = np.asarray(Z, float); e = np.exp(Z - Z.max(axis=1, keepdims=True)); return e / e.sum(axis=1, keepdims=True)

FILES = {}
def register(name):
    def deco(fn):
        FILES[name] = fn
        return fn
    return deco

# ======================================================================= 01
@register('01_linear_layer_batch_cs231n.md')
def f01():
    X = np.array([[1., 2], [-1, 0]]); W = np.array([[0.5, -1, 2], [1, 0, -0.5]]); b = np.array([0.1, 0.2, 0.3])
    G = np.array([[1., 0, -1], [2, 1, 0]])
    fwd = lambda X_, W_, b_: X_ @ W_ + b_[None, :]
    Lf = lambda X_, W_, b_: np.sum(G * fwd(X_, W_, b_))
    Y = fwd(X, W, b)
    gX = grad(lambda M: Lf(M, W, b), X); gW = grad(lambda M: Lf(X, M, b), W); gb = grad(lambda v: Lf(X, W, v), b)
    gY = grad(lambda M: np.sum(G * M), Y)
    N_, D_, M_ = 3, 4, 2
    def rnd():
        return rand(N_, D_), rand(D_, M_), rand(M_), rand(N_, M_)
    def elem():
        Xr, Wr, br, _ = rnd(); Yr = fwd(Xr, Wr, br)
        return all(abs(Yr[n, m] - (sum(Xr[n, d] * Wr[d, m] for d in range(D_)) + br[m])) < 1e-12
                   for n in range(N_) for m in range(M_))
    def jacX():
        Xr, Wr, br, _ = rnd(); ok = True
        for n in range(N_):
            for m in range(M_):
                ex = np.zeros((N_, D_)); ex[n, :] = Wr[:, m]
                ok &= near(grad(lambda Mx: fwd(Mx, Wr, br)[n, m], Xr), ex)
        return ok
    def jacW():
        Xr, Wr, br, _ = rnd(); ok = True
        for n in range(N_):
            for m in range(M_):
                ex = np.zeros((D_, M_)); ex[:, m] = Xr[n, :]
                ok &= near(grad(lambda Mw: fwd(Xr, Mw, br)[n, m], Wr), ex)
        return ok
    def rule(which):
        def p():
            Xr, Wr, br, Gr = rnd()
            L_ = lambda X_, W_, b_: np.sum(Gr * fwd(X_, W_, b_))
            if which == 'X':
                g = grad(lambda M: L_(M, Wr, br), Xr)
                el = np.array([[sum(Gr[n, m] * Wr[d, m] for m in range(M_)) for d in range(D_)] for n in range(N_)])
                return near(g, Gr @ Wr.T) and near(g, el)
            if which == 'W':
                g = grad(lambda M: L_(Xr, M, br), Wr)
                el = np.array([[sum(Xr[n, d] * Gr[n, m] for n in range(N_)) for m in range(M_)] for d in range(D_)])
                return near(g, Xr.T @ Gr) and near(g, el)
            g = grad(lambda v: L_(Xr, Wr, v), br)
            return near(g, Gr.T @ np.ones(N_)) and near(g, Gr.sum(axis=0))
        return lambda: forall(p, 3)
    def shapes():
        Xr, Wr, br, Gr = rnd()
        return (Gr @ Wr.T).shape == Xr.shape == (N_, D_) and (Xr.T @ Gr).shape == Wr.shape == (D_, M_)
    Wp = W.copy(); Wp[1, 0] += 0.01; dY = fwd(X, Wp, b) - Y
    def code():
        dY_ = G
        dX = dY_.dot(W.T); dW = X.T.dot(dY_); db = dY_.sum(axis=0)
        return near(dX, gX) and near(dW, gW) and near(db, gb)
    return [
        ('Stack a minibatch of $N$ inputs', GIVEN, '*'),
        ('$$Y = XW + \\mathbf{1}_N b^T', GIVEN, '*'),
        ('During backprop we receive the upstream gradient', GIVEN, '*'),
        ('$$Y_{n,m} = \\sum_{d=1}^{D}', elem),
        ('So $\\frac{\\partial Y_{n,m}}{\\partial X_{n\',d}}', jacX, '0'),
        ('$$\\frac{\\partial L}{\\partial X_{n,d}} = \\sum', rule('X')),
        ('Similarly $\\frac{\\partial Y_{n,m}}{\\partial W_{d,m\'}}', jacW),
        ('$$\\frac{\\partial L}{\\partial W_{d,m}} = \\sum', rule('W')),
        ('The bias is broadcast to all $N$ rows', rule('b'), '1'),
        ('Shape check:', shapes),
        ('**Worked example** with', lambda: E('2', X.shape[0]) and E('2', X.shape[1]) and E('3', W.shape[1])),
        ('$$X = \\begin{bmatrix} 1 & 2', GIVEN, '*'),
        ('$$Y = \\begin{bmatrix} 2.5', lambda: EV('2.5 -1 1 -0.5 1 -2', X @ W) and EV('0.1 0.2 0.3 0.1 0.2 0.3', np.tile(b, (2, 1)))
            and CV('2.6 -0.8 1.3 -0.4 1.2 -1.7', Y)),
        ('Take the loss $L = \\sum_{n,m} G_{n,m} Y_{n,m}$', lambda: near(gY, G) and C('2.6', (G * Y)[0, 0])
            and C('-1.3', (G * Y)[0, 2]) and C('-0.8', (G * Y)[1, 0]) and C('1.2', (G * Y)[1, 1]) and C('1.7', Lf(X, W, b)),
            '1 0 1 2 1 0'),
        ('$$\\frac{\\partial L}{\\partial X} = G W^T = ', lambda: EV('1 0 -1 2 1 0', G) and EV('0.5 1 -1 0 2 -0.5', W.T)
            and CV('-1.5 1.5 0 2', gX) and near(G @ W.T, gX)),
        ('$$\\frac{\\partial L}{\\partial W} = X^T G = ', lambda: EV('1 -1 2 0', X.T) and EV('1 0 -1 2 1 0', G)
            and CV('-1 -1 -1 2 0 -2', gW) and near(X.T @ G, gW) and CV('3 1 -1', gb)),
        ('Sanity check: bumping $W_{2,1}$', lambda: E('1', W[1, 0]) and E('1.01', Wp[1, 0]) and C('0.02', dY[0, 0])
            and C('0', dY[1, 0]) and C('1.7', Lf(X, W, b)) and C('1.72', Lf(X, Wp, b)) and near(gW, X.T @ G)
            and E('2', (X.T @ G)[1, 0])),
        ('In numpy this is just', code, '0'),
    ]

# ======================================================================= 02
@register('02_kleinste_quadrate_frobenius_de.md')
def f02():
    X = np.array([[1., 2], [0, 1]]); W = np.array([[1., -1], [0, 2]]); Y = np.array([[2., 1], [1, 1]]); eta = 0.1
    phi = lambda W_, X_=X, Y_=Y: np.sum((X_ @ W_ - Y_) ** 2)
    E_ = X @ W - Y
    gW = grad(phi, W)
    def norm_trace():
        return forall(lambda: (lambda Xr, Wr, Yr: abs(phi(Wr, Xr, Yr) - np.trace((Xr @ Wr - Yr).T @ (Xr @ Wr - Yr))) < 1e-9)(
            rand(4, 3), rand(3, 2), rand(4, 2)))
    def ident():
        def p():
            Cm = rand(3, 2); f = lambda W_: np.trace(Cm.T @ W_)
            return near(grad(f, rand(3, 2)), Cm)
        return forall(p)
    def dE():
        def p():
            Xr, Wr, Yr, dW = rand(4, 3), rand(3, 2), rand(4, 2), rand(3, 2)
            return near((Xr @ (Wr + dW) - Yr) - (Xr @ Wr - Yr), Xr @ dW)
        return forall(p)
    def product_rule():
        def p():
            Er, dEr = rand(4, 2), rand(4, 2)
            dd = dirder(lambda M: np.sum(M ** 2), Er, dEr)
            a = np.trace(dEr.T @ Er) + np.trace(Er.T @ dEr)
            return abs(dd - a) < 1e-6 and abs(a - 2 * np.trace(Er.T @ dEr)) < 1e-9
        return forall(p)
    def tr_T():
        return forall(lambda: (lambda A: abs(np.trace(A.T) - np.trace(A)) < 1e-12)(rand(3, 3)))
    def subst():
        def p():
            Xr, Wr, Yr, dW = rand(4, 3), rand(3, 2), rand(4, 2), rand(3, 2)
            Er = Xr @ Wr - Yr
            dd = dirder(lambda M: phi(M, Xr, Yr), Wr, dW)
            return abs(dd - 2 * np.trace(Er.T @ Xr @ dW)) < 1e-6 and abs(dd - np.trace((2 * Xr.T @ Er).T @ dW)) < 1e-6
        return forall(p)
    def gradrule():
        def p():
            Xr, Wr, Yr = rand(4, 3), rand(3, 2), rand(4, 2)
            g = 2 * Xr.T @ (Xr @ Wr - Yr)
            return near(grad(lambda M: phi(M, Xr, Yr), Wr), g) and g.shape == Wr.shape
        return forall(p)
    def normal_eq():
        def p():
            Xr, Yr = rand(5, 3), rand(5, 2)
            Wh = np.linalg.inv(Xr.T @ Xr) @ Xr.T @ Yr
            return near(grad(lambda M: phi(M, Xr, Yr), Wh), np.zeros((3, 2)), 1e-5) and near(Xr.T @ Xr @ Wh, Xr.T @ Yr)
        return forall(p)
    Wp_true = W - eta * gW
    dW_dir = np.zeros((2, 2)); dW_dir[1, 0] = 1.0
    Xinv = np.linalg.inv(X); Wh = Xinv @ Y
    return [
        ('Gegeben seien $X', GIVEN, '*'),
        ('$$\\varphi(W) = \\lVert XW - Y \\rVert_F^2', norm_trace, '2'),
        ('Wie bei Magnus/Neudecker', GIVEN, '*'),
        ('$$\\mathrm{d}\\varphi = \\operatorname{tr}(C\'', ident),
        ('Mit dem Residuum', dE, '1'),
        ('$$\\mathrm{d}\\varphi = \\operatorname{tr}\\big((\\mathrm{d}E)\'E', product_rule, '2'),
        ('denn $\\operatorname{tr}(A\')', tr_T),
        ('$$\\mathrm{d}\\varphi = 2\\operatorname{tr}\\big(E\'X', subst, '2 2'),
        ('$$\\frac{\\partial \\varphi}{\\partial W} = 2X\'(XW - Y)', gradrule, '2'),
        ('Nullsetzen liefert die Normalgleichungen', normal_eq, '1'),
        ('$$X = \\begin{pmatrix} 1 & 2', GIVEN, '*'),
        ('$$XW = \\begin{pmatrix}', lambda: EV('1 3 0 2', X @ W) and EV('-1 2 -1 1', E_) and EV('1 4 1 1', (E_ ** 2).ravel())
            and E('7', phi(W))),
        ('Weiter ist $X\' = ', lambda: EV('1 0 2 1', X.T)),
        ('$$X\'E = \\begin{pmatrix}', lambda: EV('-1 2 -1 5', X.T @ E_) and CV('-2 4 -2 10', gW) and EV('2', 2)),
        ('Ein Gradientenschritt mit Schrittweite', lambda: E('0.1', eta)),
        ('$$W^{+} = W - \\eta', lambda: CV('1.2 -1.4 0.2 1', Wp_true)),
        ('Die Richtungsableitung in Richtung', lambda: near(grad(phi, W), gW) and E('2', 2)
            and C('-2', dirder(phi, W, dW_dir)) and abs(np.trace(gW.T @ dW_dir) - dirder(phi, W, dW_dir)) < 1e-6),
        ('Zum Vergleich die exakte Lösung', lambda: EV('1 -2 0 1', Xinv) and EV('0 -1 1 1', Wh) and E('0', phi(Wh)), '1 1'),
    ]

# ======================================================================= 03
@register('03_trace_derivatives_cookbook.md')
def f03():
    A = np.array([[1., 2], [0, 1]]); B = np.array([[0., 1], [2, -1]]); X = np.array([[1., 0], [2, -1]])
    def G(f, n=3, m=3):
        return grad(f, rand(n, m))
    def ident_rule():
        def p():
            M = rand(3, 3); f = lambda X_: np.trace(M @ X_)
            Xr = rand(3, 3); dX = rand(3, 3)
            g = grad(f, Xr)
            return near(g, M.T) and abs(dirder(f, Xr, dX) - np.trace(g.T @ dX)) < 1e-6
        return forall(p)
    def conv():
        def p():
            f = lambda X_: np.sum(np.sin(X_) * np.arange(9).reshape(3, 3))
            Xr, dX = rand(3, 3), rand(3, 3); g = grad(f, Xr)
            return g.shape == Xr.shape and abs(dirder(f, Xr, dX) - np.trace(g.T @ dX)) < 1e-6
        return forall(p)
    def tools():
        def p():
            A_, B_, C_ = rand(3, 3), rand(3, 3), rand(3, 3)
            t = np.trace(A_ @ B_ @ C_)
            return (abs(np.trace(A_ @ B_) - np.trace(B_ @ A_)) < 1e-9 and abs(t - np.trace(C_ @ A_ @ B_)) < 1e-9
                    and abs(t - np.trace(B_ @ C_ @ A_)) < 1e-9 and abs(np.trace(A_.T) - np.trace(A_)) < 1e-12
                    and abs(dirder(lambda X_: np.trace(X_ @ X_), A_, B_) - np.trace(A_ @ B_ + B_ @ A_)) < 1e-6)
        return forall(p)
    def t2():
        Xr = rand(3, 3); return near(grad(np.trace, Xr), np.eye(3))
    def t3():
        def p():
            A_, Xr, dX = rand(3, 3), rand(3, 3), rand(3, 3)
            return abs(dirder(lambda X_: np.trace(X_ @ A_), Xr, dX) - np.trace(A_ @ dX)) < 1e-6 and near(grad(lambda X_: np.trace(X_ @ A_), Xr), A_.T)
        return forall(p)
    def t4():
        def p():
            A_, Xr, dX = rand(3, 3), rand(3, 3), rand(3, 3)
            f = lambda X_: np.trace(X_.T @ A_)
            return (abs(dirder(f, Xr, dX) - np.trace(dX.T @ A_)) < 1e-6 and abs(np.trace(dX.T @ A_) - np.trace(A_.T @ dX)) < 1e-9
                    and near(grad(f, Xr), A_))
        return forall(p)
    def t5():
        def p():
            Xr, dX = rand(3, 3), rand(3, 3); f = lambda X_: np.trace(X_.T @ X_)
            a = np.trace(dX.T @ Xr) + np.trace(Xr.T @ dX)
            return (abs(dirder(f, Xr, dX) - a) < 1e-6 and abs(a - 2 * np.trace(Xr.T @ dX)) < 1e-9
                    and near(grad(lambda X_: np.sum(X_ ** 2), Xr), 2 * Xr))
        return forall(p)
    def t6():
        def p():
            A_, B_, Xr, dX = rand(3, 3), rand(3, 3), rand(3, 3), rand(3, 3)
            d = dirder(lambda X_: np.trace(A_ @ X_ @ B_), Xr, dX)
            return abs(d - np.trace(A_ @ dX @ B_)) < 1e-6 and abs(np.trace(A_ @ dX @ B_) - np.trace(B_ @ A_ @ dX)) < 1e-9
        return forall(p)
    def t7():
        def p():
            A_, B_, Xr = rand(3, 3), rand(3, 3), rand(3, 3)
            return near(grad(lambda X_: np.trace(A_ @ X_ @ B_), Xr), B_ @ A_)
        return forall(p)
    def t8():
        def p():
            A_, Xr, dX = rand(3, 3), rand(3, 3), rand(3, 3)
            f = lambda X_: np.trace(X_.T @ A_ @ X_)
            a = np.trace(dX.T @ A_ @ Xr) + np.trace(Xr.T @ A_ @ dX)
            return (abs(dirder(f, Xr, dX) - a) < 1e-6 and abs(a - np.trace(Xr.T @ (A_.T + A_) @ dX)) < 1e-9
                    and near(grad(f, Xr), (A_ + A_.T) @ Xr))
        return forall(p)
    gAXB = grad(lambda X_: np.trace(A @ X_ @ B), X)
    Xp = X.copy(); Xp[0, 1] += 0.1
    gq = grad(lambda X_: np.trace(X_.T @ A @ X_), X)
    return [
        ('Convention (as in the Cookbook)', conv),
        ('$$df = \\text{Tr}(\\mathbf{M}\\, d\\mathbf{X})', ident_rule, '1'),
        ('Tools: $\\text{Tr}', tools),
        ('\\text{Tr}(\\mathbf{X}) = \\mathbf{I}', t2, '2'),
        ('$$d\\,\\text{Tr}(\\mathbf{X}\\mathbf{A})', t3, '3'),
        ('$$d\\,\\text{Tr}(\\mathbf{X}^T\\mathbf{A})', t4, '4'),
        ('$$d\\,\\text{Tr}(\\mathbf{X}^T\\mathbf{X})', t5, '2 2 2 5'),
        ('For a constant sandwich', GIVEN, ''),
        ('$$d\\,\\text{Tr}(\\mathbf{A}\\mathbf{X}\\mathbf{B})', t6, '6'),
        ('\\text{Tr}(\\mathbf{A}\\mathbf{X}\\mathbf{B}) = \\mathbf{B}\\mathbf{A} \\tag{7}', t7, '7'),
        ('For the quadratic form, two terms', GIVEN, ''),
        ('$$d\\,\\text{Tr}(\\mathbf{X}^T\\mathbf{A}\\mathbf{X})', t8, '8'),
        ('**Check with numbers.**', GIVEN, '*'),
        ('- $\\text{Tr}(\\mathbf{A}\\mathbf{X}\\mathbf{B}) = -1$', lambda: E('-1', np.trace(A @ X @ B)) and E('7', 7)
            and CV('0 1 2 3', gAXB) and near(gAXB, grad(lambda X_: np.trace(A @ X_ @ B), rand(2, 2)))),
        ('- So raising $X_{12}$', lambda: E('0', X[0, 1]) and E('0.1', Xp[0, 1]) and E('0.1', 0.1) and C('1', gAXB[0, 1])
            and C('0.1', np.trace(A @ Xp @ B) - np.trace(A @ X @ B)) and C('-0.9', np.trace(A @ Xp @ B))),
        ('- $\\text{Tr}(\\mathbf{X}^T\\mathbf{A}\\mathbf{X}) = 10$', lambda: E('10', np.trace(X.T @ A @ X)) and EV('2 2 2 2', A + A.T)
            and E('8', 8) and CV('6 -2 6 -2', gq) and not near(gq, 2 * A @ X, 1e-3), '2'),
        ('- $\\|\\mathbf{X}\\|_F^2 = ', lambda: E('6', np.trace(X.T @ X)) and CV('2 0 4 -2', grad(lambda X_: np.sum(X_ ** 2), X))
            and E('5', 5), '2 2'),
    ]

# ======================================================================= 04
@register('04_logdet_inverse_minka.md')
def f04():
    X = np.array([[2., 1], [0, 1]]); h = 0.01
    Xi = np.linalg.inv(X)
    det = np.linalg.det; inv = np.linalg.inv
    def pd(n=3):
        return rand(n, n) + 4 * np.eye(n)       # non-symmetric, det > 0
    def inv_rule():
        def p():
            Xr, dX = pd(), rand(3, 3)
            d = (inv(Xr + 1e-6 * dX) - inv(Xr - 1e-6 * dX)) / 2e-6
            return near(d, -Xi_(Xr) @ dX @ Xi_(Xr), 1e-5) and near(dX @ Xi_(Xr) + Xr @ d, np.zeros((3, 3)), 1e-5)
        return forall(p)
    Xi_ = inv
    def cof():
        def p():
            Xr = pd(); g = grad(det, Xr)
            cofm = np.array([[(-1) ** (i + j) * det(np.delete(np.delete(Xr, i, 0), j, 1)) for j in range(3)] for i in range(3)])
            return near(g, cofm, 1e-5) and near(cofm, det(Xr) * inv(Xr).T)
        return forall(p)
    def ddet():
        def p():
            Xr, dX = pd(), rand(3, 3)
            return (abs(dirder(det, Xr, dX) - det(Xr) * np.trace(inv(Xr) @ dX)) < 1e-4
                    and near(grad(det, Xr), det(Xr) * inv(Xr).T, 1e-4))
        return forall(p)
    def dlogdet():
        def p():
            Xr, dX = pd(), rand(3, 3); f = lambda M: np.log(det(M))
            return abs(dirder(f, Xr, dX) - np.trace(inv(Xr) @ dX)) < 1e-6 and near(grad(f, Xr), inv(Xr).T)
        return forall(p)
    def trAXB():
        def p():
            Xr, dX, A_, B_ = pd(), rand(3, 3), rand(3, 3), rand(3, 3)
            f = lambda M: np.trace(A_ @ inv(M) @ B_); Xi2 = inv(Xr)
            a = -np.trace(A_ @ Xi2 @ dX @ Xi2 @ B_)
            return (abs(dirder(f, Xr, dX) - a) < 1e-6 and abs(a + np.trace(Xi2 @ B_ @ A_ @ Xi2 @ dX)) < 1e-9
                    and near(grad(f, Xr), -Xi2.T @ A_.T @ B_.T @ Xi2.T))
        return forall(p)
    def trinv():
        def p():
            Xr = pd(); return near(grad(lambda M: np.trace(inv(M)), Xr), -(inv(Xr) @ inv(Xr)).T)
        return forall(p)
    def canon():
        def p():
            Am = rand(3, 3); return near(grad(lambda M: np.trace(Am @ M), rand(3, 3)), Am.T)
        return forall(p)
    Xp = X.copy(); Xp[1, 0] += h
    Xq = X.copy(); Xq[0, 1] += h
    E21 = np.zeros((2, 2)); E21[1, 0] = 1
    pred_dinv = -h * Xi @ E21 @ Xi
    return [
        ('Notation follows Minka', canon, '1'),
        ('*Inverse.* Differentiate', lambda: near(X @ Xi, np.eye(2)), '1'),
        ('$$(d\\mathbf{X})\\mathbf{X}^{-1} + ', inv_rule, '1 1 0 1 1 1'),
        ('*Determinant.* Expanding', cof, '1'),
        ('$$d|\\mathbf{X}| = \\sum_{ij}', ddet, '1'),
        ('*Log-determinant.* Dividing', lambda: det(X) > 0, '0'),
        ('$$d\\log|\\mathbf{X}| = \\text{tr}', dlogdet, '1'),
        ('$$d\\,\\text{tr}(\\mathbf{A}\\mathbf{X}^{-1}\\mathbf{B})', trAXB, '1 1 1 1 1 1'),
        ('and with $\\mathbf{A} = \\mathbf{B} = \\mathbf{I}$', trinv, '1 2'),
        ('$$\\mathbf{X} = \\begin{pmatrix} 2 & 1', lambda: EV('2 1 0 1', X) and E('2', det(X)) and EV('0.5 -0.5 0 1', Xi)
            and EV('0.5 0 -0.5 1', Xi.T), '1'),
        ('Perturb only $x_{21}$', lambda: E('0.01', h) and near(Xp - X, h * E21)),
        ('- Exact: $|\\mathbf{X} + d\\mathbf{X}|', lambda: E('2', X[0, 0]) and E('1', X[1, 1]) and E('1', X[0, 1])
            and E('0.01', Xp[1, 0]) and C('1.99', det(Xp)) and E('1.99', 1.99) and E('2', 2)
            and C('-0.0050125', np.log(det(Xp)) - np.log(det(X)))),
        ('- Differential: $\\text{tr}', lambda: C('0.01', h) and E('-0.5', Xi[0, 1]) and C('-0.005', np.trace(Xi @ (Xp - X)))
            and abs(np.trace(Xi @ (Xp - X)) - (np.log(det(Xp)) - np.log(det(X)))) < h ** 2, '1 1'),
        ('- Perturbing $x_{12}$ instead', lambda: E('2', X[0, 0]) and E('1', X[1, 1]) and E('1.01', Xq[0, 1]) and E('0', X[1, 0])
            and C('2', det(Xq)) and E('0', (Xi.T)[0, 1])),
        ('For the inverse, the rule predicts', GIVEN, ''),
        ('$$d(\\mathbf{X}^{-1}) = -h', lambda: E('0.01', h) and EV('-0.5 1', Xi[:, 1]) and EV('0.5 -0.5', Xi[0, :])
            and CV('0.0025 -0.0025 -0.005 0.005', pred_dinv), '1 1 1'),
        ('while the exact difference', lambda: CV('0.0025126 -0.0025126 -0.0050251 0.0050251', inv(Xp) - Xi)
            and near(inv(Xp) - Xi, pred_dinv, 1e-4), '1 1'),
        ('Finally $\\text{tr}(\\mathbf{X}^{-1}) = 1.5$', lambda: E('1.5', np.trace(Xi)) and CV('-0.25 0 0.75 -1', -(Xi @ Xi).T)
            and near(grad(lambda M: np.trace(inv(M)), X), -(Xi @ Xi).T), '1 2'),
    ]

# ======================================================================= 05
@register('05_softmax_entropie_croisee_fr.md')
def f05():
    X = np.array([[1., 0], [1, 1]]); W = np.array([[1., 0, 0], [-1, 2, 0]]); Y = np.array([[1., 0, 0], [0, 0, 1]])
    N = 2; eta = 0.5
    Lf = lambda W_, X_=X, Y_=Y: -np.mean(np.sum(Y_ * np.log(softmax_rows(X_ @ W_)), axis=1))
    Z = X @ W; P = softmax_rows(Z); ez = np.exp(Z)
    gZ = grad(lambda Z_: -np.mean(np.sum(Y * np.log(softmax_rows(Z_)), axis=1)), Z)
    gW = grad(Lf, W)
    def onehot(n, k):
        return np.eye(k)[RNG.integers(0, k, size=n)]
    def loss_forms():
        def p():
            Zr, Yr = rand(4, 3), onehot(4, 3); Pr = softmax_rows(Zr)
            a = -np.sum(Yr * np.log(Pr)) / 4; b = -np.trace(Yr.T @ np.log(Pr)) / 4
            return abs(a - b) < 1e-12
        return forall(p)
    def logp():
        z = rand(4); p = softmax_rows(z[None])[0]
        return near(np.log(p), z - np.ones(4) * np.log(np.ones(4) @ np.exp(z)))
    def dlogp():
        def p():
            z, dz = rand(4), rand(4); pv = softmax_rows(z[None])[0]
            d = dirder(lambda v: np.log(softmax_rows(v[None])[0]), z, dz)
            a = dz - np.ones(4) * (np.exp(z) @ dz) / (np.ones(4) @ np.exp(z))
            return near(d, a) and near(a, dz - np.ones(4) * (pv @ dz))
        return forall(p)
    def yrow():
        def p():
            z, dz, y = rand(4), rand(4), onehot(1, 4)[0]; pv = softmax_rows(z[None])[0]
            d = dirder(lambda v: -y @ np.log(softmax_rows(v[None])[0]), z, dz)
            return abs(y @ np.ones(4) - 1) < 1e-12 and abs(d - (-y @ dz + pv @ dz)) < 1e-6 and abs(d - (pv - y) @ dz) < 1e-6
        return forall(p)
    def batchZ():
        def p():
            Zr, Yr, dZ = rand(4, 3), onehot(4, 3), rand(4, 3)
            f = lambda Z_: -np.mean(np.sum(Yr * np.log(softmax_rows(Z_)), axis=1))
            Pr = softmax_rows(Zr)
            return abs(dirder(f, Zr, dZ) - np.trace((Pr - Yr).T @ dZ) / 4) < 1e-6 and near(grad(f, Zr), (Pr - Yr) / 4)
        return forall(p)
    def dZ_XdW():
        def p():
            Xr, Wr, Dr, dW = rand(4, 2), rand(2, 3), rand(4, 3), rand(2, 3)
            return near(Xr @ (Wr + dW) - Xr @ Wr, Xr @ dW) and abs(np.trace(Dr.T @ Xr @ dW) - np.trace((Xr.T @ Dr).T @ dW)) < 1e-9
        return forall(p)
    def batchW():
        def p():
            Xr, Wr, Yr = rand(4, 2), rand(2, 3), onehot(4, 3)
            g = grad(lambda M: Lf(M, Xr, Yr), Wr)
            return near(g, Xr.T @ (softmax_rows(Xr @ Wr) - Yr) / 4) and g.shape == Wr.shape
        return forall(p)
    r1, r2 = np.round(P, 4)
    return [
        ('**Notations.** Un lot de $N$', GIVEN, '*'),
        ('$$\\mathcal{L}(W) = -\\frac{1}{N}\\sum', loss_forms, '1 1'),
        ('**Différentielle d\'une ligne.**', logp, '1 1'),
        ('$$\\mathrm{d}\\log p = \\mathrm{d}z - \\mathbf{1}', dlogp, '1 1 1'),
        ('Comme $y^\\top\\mathbf{1} = 1$', yrow, '1 1'),
        ('$$\\mathrm{d}\\mathcal{L} = \\frac{1}{N}', batchZ, '1 1'),
        ('Puis $\\mathrm{d}Z = X\\,\\mathrm{d}W$', dZ_XdW),
        ('$$\\frac{\\partial \\mathcal{L}}{\\partial W} = \\frac{1}{N}\\,X^\\top (P - Y)', batchW, '1'),
        ('**Application numérique.**', lambda: E('2', X.shape[0]) and E('2', W.shape[0]) and E('3', W.shape[1])),
        ('$$X = \\begin{pmatrix} 1 & 0 \\\\ 1 & 1', GIVEN, '*'),
        ('On obtient $Z = XW', lambda: EV('1 0 0 0 2 0', Z)),
        ('- Ligne 1 :', lambda: E('1', ez[0, 1]) and E('1', ez[0, 2]) and C('4.7183', ez[0].sum()) and CV('0.5761 0.2119 0.2119', P[0]), '1'),
        ('- Ligne 2 :', lambda: E('1', ez[1, 0]) and E('2', Z[1, 1]) and E('1', ez[1, 2]) and C('9.3891', ez[1].sum())
            and CV('0.1065 0.7870 0.1065', P[1]), '2'),
        ('- Perte :', lambda: E('0.5761', r1[0]) and E('0.1065', r2[2]) and C('0.5514', -np.log(P[0, 0]), -np.log(0.5761))
            and C('2.2395', -np.log(P[1, 2]), -np.log(0.1065)) and C('1.3955', Lf(W), (0.5514 + 2.2395) / 2), '1 2 1 2'),
        ('Le gradient par rapport aux scores', GIVEN, ''),
        ('$$\\frac{\\partial \\mathcal{L}}{\\partial Z} = \\frac{1}{2}', lambda: E('2', N) and CV('-0.4239 0.2119 0.2119 0.1065 0.7870 -0.8935', P - Y)
            and CV('-0.2119 0.1060 0.1060 0.0533 0.3935 -0.4467', gZ, np.array([-0.4239, 0.2119, 0.2119, 0.1065, 0.7870, -0.8935]) / 2), '1'),
        ('Chaque ligne de $P - Y$ somme à $0$', lambda: near((P - Y).sum(axis=1), [0, 0]) and E('0', 0)),
        ('Pour les poids, $X^\\top = ', lambda: EV('1 1 0 1', X.T) and near((X.T @ (P - Y))[0], (P - Y).sum(axis=0))),
        ('$$\\frac{\\partial \\mathcal{L}}{\\partial W} = X^\\top (P - Y) = ', lambda: CV('-0.3174 0.9989 -0.6816 0.1065 0.7870 -0.8935', gW)),
        ('Un pas de descente avec', lambda: E('0.5', eta)),
        ('$$W \\leftarrow W - \\eta', lambda: CV('1.1587 -0.4995 0.3408 -1.0533 1.6065 0.4467', W - eta * gW)),
        ('Remarque : dans $\\partial', lambda: np.all((gZ < 0) == (Y == 1)) and near(gZ[Y == 0], P[Y == 0] / N)
            and E('1', 1) and E('0', 0) and E('0', 0)),
    ]

# ======================================================================= 06
@register('06_vec_kronecker_jacobian_magnus.md')
def f06():
    A = np.array([[1., 2], [0, 1]]); X = np.array([[1., 0], [1, 1]]); B = np.array([[0., 1], [2, -1]])
    F = A @ X @ B; K = np.kron(B.T, A); JF = jac(lambda M: A @ M @ B, X)
    def Dshape():
        m, n, q, p_ = 2, 3, 4, 5
        A_, B_ = rand(m, n), rand(q, p_)
        return jac(lambda M: A_ @ M @ B_, rand(n, q)).shape == (m * p_, n * q)
    def ident_thm():
        Xr = rand(3, 3); A_, B_ = rand(2, 3), rand(3, 4)
        J = jac(lambda M: A_ @ M @ B_, rand(3, 3))
        dX = rand(3, 3)
        return (near(vec(A_ @ dX @ B_), J @ vec(dX)) and near(jac(lambda M: M @ M, Xr), np.kron(Xr.T, np.eye(3)) + np.kron(np.eye(3), Xr)))
    def vecABC():
        def p():
            A_, B_, C_ = rand(2, 3), rand(3, 4), rand(4, 5)
            return near(vec(A_ @ B_ @ C_), np.kron(C_.T, A_) @ vec(B_))
        return forall(p)
    def proof():
        A_, B_, C_ = rand(2, 3), rand(3, 4), rand(4, 5); Kr = np.kron(C_.T, A_); ok = True
        for j in range(5):
            ok &= near((A_ @ B_ @ C_)[:, j], sum(C_[k, j] * A_ @ B_[:, k] for k in range(4)))
            for k in range(4):
                ok &= near(Kr[2 * j:2 * j + 2, 3 * k:3 * k + 3], C_[k, j] * A_)
        return ok
    def dF():
        A_, B_, Xr, dX = rand(2, 3), rand(4, 5), rand(3, 4), rand(3, 4)
        return near(A_ @ (Xr + dX) @ B_ - A_ @ Xr @ B_, A_ @ dX @ B_)
    def DAXB():
        def p():
            A_, B_ = rand(2, 3), rand(4, 5)
            return near(jac(lambda M: A_ @ M @ B_, rand(3, 4)), np.kron(B_.T, A_))
        return forall(p, 3)
    def special():
        A_, B_ = rand(2, 3), rand(4, 5); n, q = 3, 4
        J1 = jac(lambda M: A_ @ M, rand(n, q)); J2 = jac(lambda M: M @ B_, rand(n, q))
        Js = jac(lambda M: rand_A32 @ M @ rand_B45, rand(2, 4))
        return (np.kron(B_.T, A_).shape == (5 * 2, 4 * 3) and near(J1, np.kron(np.eye(q), A_)) and near(J2, np.kron(B_.T, np.eye(n)))
                and Js.shape == (15, 8) and E('3', 3) and E('2', 2) and E('2', 2) and E('4', 4) and E('4', 4) and E('5', 5)
                and E('15', Js.shape[0]) and E('8', Js.shape[1]))
    rand_A32, rand_B45 = rand(3, 2), rand(4, 5)
    def prod_rule():
        U, V, dU, dV = rand(2, 3), rand(3, 4), rand(2, 3), rand(3, 4)
        d = (((U + 1e-6 * dU) @ (V + 1e-6 * dV)) - ((U - 1e-6 * dU) @ (V - 1e-6 * dV))) / 2e-6
        return near(d, dU @ V + U @ dV)
    def prod_vec():
        U, V = rand(2, 3), rand(3, 4); m, p_ = 2, 4
        return (near(jac(lambda M: M @ V, U), np.kron(V.T, np.eye(m))) and near(jac(lambda M: U @ M, V), np.kron(np.eye(p_), U)))
    def square():
        Xr = rand(3, 3)
        return near(jac(lambda M: M @ M, Xr), np.kron(Xr.T, np.eye(3)) + np.kron(np.eye(3), Xr))
    S = np.kron(X.T, np.eye(2)) + np.kron(np.eye(2), X); JS = jac(lambda M: M @ M, X)
    return [
        ('**Jacobian matrices of matrix functions via vec', GIVEN, ''),
        ('Following Magnus and Neudecker, a prime', GIVEN, '*'),
        ('$$\\mathsf{D}F(X) = \\frac{\\partial', Dshape),
        ('(numerator layout: one row per element', ident_thm),
        ('$$\\operatorname{vec}(ABC) = (C\' \\otimes A)', vecABC, '1'),
        ('Proof: the $j$-th column', proof, '1'),
        ('**Product with constant matrices.**', dF, '1'),
        ('$$\\mathrm{d}\\operatorname{vec} F = (B\' \\otimes A)', DAXB),
        ('of order $pm \\times qn$, as required.', special),
        ('**Product of two matrix functions.**', prod_rule),
        ('$$\\mathrm{d}\\operatorname{vec} F = (V\' \\otimes I_m)', prod_vec),
        ('In particular for square $X$', square, '2'),
        ('$$A = \\begin{pmatrix} 1 & 2', lambda: EV('4 1 2 0', F), '1 2 0 1 1 0 1 1 0 1 2 1'),
        ('With $B\' = ', lambda: EV('0 2 1 -1', B.T)),
        ('$$B\' \\otimes A = ', lambda: EV('0 2 1', [B.T[0, 0], B.T[0, 1], B.T[1, 0]]) and B.T[1, 1] == -1 and EV('0 0 2 4 0 0 0 2 1 2 -1 -2 0 1 0 -1', K) and near(JF, K)),
        ('Since $F$ is linear in $X$', lambda: EV('1 1 0 1', vec(X)) and EV('0 0 0 4 0 0 0 2 1 2 0 -2 0 1 0 -1', K * vec(X)[None, :])
            and EV('4 2 1 0', K @ vec(X)) and near(K @ vec(X), vec(F))),
        ('Reading off a column: the third column', lambda: EV('2 0 -1 0', JF[:, 2])
            and np.argmax(vec(np.array([[0, 1], [0, 0]]))) == 2),
        ('For the square, $X^2 = ', lambda: EV('1 0 2 1', X @ X), '2'),
        ('$$X\' \\otimes I_2 + I_2 \\otimes X', lambda: EV('2 0 1 0 1 2 0 1 0 0 2 0 0 0 1 2', S) and near(JS, S)),
        ('e.g. its first column', lambda: EV('2 1 0 0', S[:, 0]) and EV('2 0 1 0', unvec(JS[:, 0], (2, 2))), '2'),
    ]

# ======================================================================= 07
@register('07_hadamard_activation_parr_howard.md')
def f07():
    X = np.array([[1., -1], [2, 0]]); W = np.array([[1., 0], [1, 0.5]]); G = np.array([[1., -2], [0.5, 1]])
    A = X @ W; H = sig(A); S = H * (1 - H)
    Lf = lambda W_: np.sum(G * sig(X @ W_))
    gA = grad(lambda A_: np.sum(G * sig(A_)), A); gW = grad(Lf, W)
    def rowform():
        Xr, Wr = rand(3, 4), rand(4, 2)
        return all(near((Xr @ Wr)[i], Wr.T @ Xr[i]) for i in range(3))
    def diagjac():
        a = rand(4); J = jac(lambda v: sig(v), a)
        return near(J, np.diag(sig(a) * (1 - sig(a)))) and all(abs(fdv - sig(t) * (1 - sig(t))) < 1e-8
                                                               for t in rand(5) for fdv in [(sig(t + 1e-6) - sig(t - 1e-6)) / 2e-6])
    def chain():
        def p():
            a, g = rand(4), rand(4)
            gr = grad(lambda v: g @ sig(v), a)
            s = sig(a) * (1 - sig(a))
            return near(gr, g @ np.diag(s)) and near(gr, g * s)
        return forall(p)
    def diffform():
        a, da = rand(4), rand(4)
        return near(dirder(sig, a, da), sig(a) * (1 - sig(a)) * da)
    def rowwise():
        return all(near(gA[i], G[i] @ np.diag(S[i])) for i in range(2))
    def linrule():
        def p():
            Xr, Wr, Gr = rand(3, 2), rand(2, 2), rand(3, 2)
            return near(grad(lambda M: np.sum(Gr * (Xr @ M)), Wr), Xr.T @ Gr)
        return forall(p)
    return [
        ('Throughout we use the numerator layout', GIVEN, '*'),
        ('Take one row of a layer', lambda: rowform() and diagjac()),
        ('$$\\frac{\\partial \\mathbf{h}}{\\partial \\mathbf{a}} = \\operatorname{diag}', diagjac, '1'),
        ('If the next layer hands back', GIVEN, ''),
        ('$$\\frac{\\partial L}{\\partial \\mathbf{a}} = ', chain),
        ('where $\\otimes$ is element-wise multiplication', diffform),
        ('**A batch of two.**', GIVEN, ''),
        ('$$X = \\begin{bmatrix} 1 & -1', GIVEN, '*'),
        ('$$A = XW = \\begin{bmatrix}', lambda: EV('0 -0.5 2 0', A) and CV('0.5 0.3775 0.8808 0.5', H) and CV('0.25 0.2350 0.1050 0.25', S), '1'),
        ('Backward. Each row of $G$', rowwise),
        ('$$\\frac{\\partial L}{\\partial A} = G\\,\\sigma\'(A)', lambda: EV('1 -2 0.5 1', G) and CV('0.25 0.2350 0.1050 0.25', S)
            and CV('0.04 -0.265 0.23 0.3675', gA)),
        ('Then, exactly as for any linear layer', linrule),
        ('$$\\frac{\\partial L}{\\partial W} = \\begin{bmatrix} 1 & 2', lambda: EV('1 2 -1 0', X.T) and CV('0.04 -0.265 0.23 0.3675', gA)
            and CV('0.5 0.47 -0.04 0.265', gW)),
        ('Note where the sigmoid saturates', lambda: E('2', A[1, 0]) and E('2', A[1, 0]) and C('0.1050', S[1, 0]) and E('0', 0)
            and C('0.25', sig(0) * (1 - sig(0))) and S[1, 0] < 0.25 / 2),
    ]

# ======================================================================= 08
@register('08_disposicion_numerador_denominador_es.md')
def f08():
    A = np.array([[1., 0, 2], [-1, 3, 1]]); x = np.array([1., 2, -1]); y = A @ x
    u = np.array([2., -1]); v = np.array([1., 0, 3]); Wm = A.copy()
    def chain_layouts():
        def p():
            M = rand(2, 3); x0 = rand(3)
            yf = lambda t: np.tanh(M @ t); fy = lambda yy: np.sum(yy ** 3)
            Jyx = jac(yf, x0)                         # numerator: m x n
            gy = grad(fy, yf(x0))
            num = gy[None, :] @ Jyx                   # (1 x m)(m x n)
            den = Jyx.T @ gy[:, None]                 # (n x m)(m x 1)
            gx = grad(lambda t: fy(yf(t)), x0)
            return num.shape == (1, 3) and den.shape == (3, 1) and near(num[0], gx) and near(den[:, 0], gx)
        return forall(p)
    def ex1():
        J = jac(lambda t: A @ t, rand(3))
        return near(J, A) and all(abs(J[i, j] - A[i, j]) < 1e-8 for i in range(2) for j in range(3))
    def ex1b():
        J = jac(lambda t: A @ t, rand(3))
        return near(J, A) and A.shape == (2, 3) and A.T.shape == (3, 2) and E('2', 2) and E('3', 3) and E('3', 3) and E('2', 2)
    def ex2():
        yy = rand(2); return near(grad(lambda t: 0.5 * t @ t, yy), yy)
    def ex2b():
        def p():
            x0 = rand(3); g = grad(lambda t: 0.5 * np.sum((A @ t) ** 2), x0); yy = A @ x0
            return near((yy[None, :] @ A)[0], g) and near(A.T @ yy, g) and (yy[None, :] @ A).shape == (1, 3) and (A.T @ yy[:, None]).shape == (3, 1)
        return forall(p)
    def incompatible():
        try:
            A @ y; return False
        except ValueError:
            return True
    def ex3():
        def p():
            uu, vv, W0 = rand(2), rand(3), rand(2, 3)
            g = grad(lambda M: uu @ M @ vv, W0)
            return near(g, np.outer(uu, vv)) and np.outer(uu, vv).shape == (2, 3) and np.outer(vv, uu).shape == (3, 2)
        return forall(p)
    return [
        ('Antes de derivar nada', GIVEN, '*'),
        ('| $\\partial \\mathbf{y}/\\partial \\mathbf{x}$ (vector respecto a vector)', GIVEN, ''),
        ('| $\\partial f/\\partial \\mathbf{x}$ ($f$ escalar)', GIVEN, '1 1'),
        ('| $\\partial f/\\partial W$, con', GIVEN, ''),
        ('La regla de la cadena se escribe', chain_layouts),
        ('**Ejemplo 1: $\\mathbf{y} = A\\mathbf{x}$**', ex1, '1 2 3'),
        ('$$\\text{numerador: } \\frac{\\partial \\mathbf{y}}{\\partial \\mathbf{x}} = A', ex1b),
        ('**Ejemplo 2:', ex2, '2 1 2 2'),
        ('$$\\text{numerador: } \\frac{\\partial f}{\\partial \\mathbf{x}} = \\mathbf{y}^\\top A', lambda: ex2b() and E('1', 1) and E('3', 3)
            and E('3', 3) and E('1', 1)),
        ('Son el mismo vector', incompatible),
        ('Con números: $A = ', GIVEN, '*'),
        ('- $\\mathbf{y} = A\\mathbf{x} = (1 + 0 - 2', lambda: EV('1 0 -2', A[0] * x) and EV('-1 6 -1', A[1] * x) and EV('-1 4', y)
            and E('1', y[0] ** 2) and E('16', y[1] ** 2) and E('8.5', 0.5 * y @ y), '1 2'),
        ('- Denominador: $A^\\top \\mathbf{y} = ', lambda: E('1', A[0, 0]) and E('-1', y[0]) and E('-1', A[1, 0]) and E('4', y[1])
            and E('0', A[0, 1]) and E('-1', y[0]) and E('3', A[1, 1]) and E('4', y[1]) and E('2', A[0, 2]) and E('-1', y[0])
            and E('1', A[1, 2]) and E('4', y[1]) and EV('-5 12 2', A.T @ y)
            and near(A.T @ y, grad(lambda t: 0.5 * np.sum((A @ t) ** 2), x))),
        ('- Numerador: $\\mathbf{y}^\\top A = ', lambda: EV('-5 12 2', y @ A)),
        ('**Ejemplo 3: escalar respecto a matriz**', ex3, '3 2 3 2 3 3 2'),
        ('Con $W = A$, $\\mathbf{u} = ', lambda: EV('2 -1', u) and EV('1 0 3', v) and EV('7 2', Wm @ v) and E('14', u[0] * (Wm @ v)[0])
            and E('-2', u[1] * (Wm @ v)[1]) and E('12', u @ Wm @ v) and near(grad(lambda M: u @ M @ v, Wm), np.outer(u, v))),
        ('$$\\mathbf{u}\\mathbf{v}^\\top = \\begin{pmatrix}', lambda: EV('2 0 6 -1 0 -3', np.outer(u, v)) and EV('2 -1 0 0 6 -3', np.outer(v, u))),
    ]

# ======================================================================= 09
@register('09_weight_decay_forum.md')
def f09():
    lam, eta = 0.1, 0.5
    W = np.array([[0.5, -1.2], [2.0, 0.3]]); gd = np.array([[0.2, -0.1], [0.0, 0.4]])
    R = lambda W_, l=lam: l / 2 * np.sum(W_ ** 2)
    gR = grad(R, W); tot = gd + gR; Wn = W - eta * tot
    def regrad():
        def p():
            l = RNG.uniform(0.01, 1); Wr = rand(3, 2)
            return near(grad(lambda M: R(M, l), Wr), l * Wr)
        return forall(p)
    def fro_tr():
        Wr = rand(3, 2); return abs(np.sum(Wr ** 2) - np.trace(Wr.T @ Wr)) < 1e-12
    def diffl():
        def p():
            l = RNG.uniform(0.01, 1); Wr, dW = rand(3, 2), rand(3, 2)
            d = dirder(lambda M: l / 2 * np.trace(M.T @ M), Wr, dW)
            a = l / 2 * (np.trace(dW.T @ Wr) + np.trace(Wr.T @ dW))
            return abs(d - a) < 1e-6 and abs(a - l / 2 * 2 * np.trace(Wr.T @ dW)) < 1e-9 and abs(a - l * np.trace(Wr.T @ dW)) < 1e-9
        return forall(p)
    def equal_terms():
        Wr, dW = rand(3, 2), rand(3, 2)
        Gr = rand(3, 2)
        return (abs(np.trace(dW.T @ Wr) - np.trace(Wr.T @ dW)) < 1e-12 and abs(np.trace(Gr.T) - np.trace(Gr.T.T)) < 1e-12
                and near(grad(lambda M: np.trace(Gr.T @ M), Wr), Gr))
    def elementwise():
        l, w = 0.3, 1.7
        return abs((l / 2 * (w + 1e-6) ** 2 - l / 2 * (w - 1e-6) ** 2) / 2e-6 - l * w) < 1e-8 and regrad()
    def sgd_id():
        def p():
            l, e = RNG.uniform(0, 1, 2); Wr, Gd = rand(2, 2), rand(2, 2)
            return near(Wr - e * (Gd + l * Wr), (1 - e * l) * Wr - e * Gd)
        return forall(p)
    return [
        ('**Q (anonymous):** In lecture', lambda: regrad(), '2 2 1 2'),
        ('**A (instructor):** Write the squared Frobenius norm', fro_tr, '2 2'),
        ('$$d\\,\\tfrac{\\lambda}{2}\\operatorname{tr}(W^T W)', diffl, '2 2 2 2'),
        ('The two terms are equal because', equal_terms),
        ('$$\\nabla_W \\left(\\tfrac{\\lambda}{2}', regrad, '2 2'),
        ('So the $\\frac{1}{2}$ is there precisely', elementwise, '1 2 2 2 2'),
        ('$$W \\leftarrow W - \\eta\\left(', sgd_id, '1'),
        ('i.e. before the usual data step', sgd_id, '1'),
        ('Small example. Let $\\lambda = 0.1$', lambda: E('0.1', lam) and E('0.5', eta)),
        ('$$W = \\begin{bmatrix} 0.5 & -1.2', GIVEN, '*'),
        ('- $\\|W\\|_F^2 = 0.25', lambda: EV('0.25 1.44 4 0.09', W ** 2) and C('5.78', np.sum(W ** 2)) and E('0.1', lam)
            and C('5.78', np.sum(W ** 2)) and C('0.289', R(W)), '2 2'),
        ('- $\\lambda W = \\begin{bmatrix} 0.05', lambda: CV('0.05 -0.12 0.2 0.03', gR) and CV('0.25 -0.22 0.2 0.43', tot)),
        ('- Step: $W - 0.5', lambda: E('0.5', eta) and CV('0.25 -0.22 0.2 0.43', tot) and CV('0.375 -1.09 1.9 0.085', Wn)),
        ('- Same thing via decay', lambda: C('0.95', 1 - eta * lam) and C('0.95', 1 - eta * lam) and E('0.5', eta)
            and CV('0.475 -1.14 1.9 0.285', (1 - eta * lam) * W) and CV('-0.1 0.05 -0 -0.2', -eta * gd)
            and CV('0.375 -1.09 1.9 0.085', (1 - eta * lam) * W - eta * gd) and near(Wn, (1 - eta * lam) * W - eta * gd), '1'),
        ('Two practical remarks.', lambda: near(grad(lambda M: 0.7 * np.sum(M * M), W), 2 * 0.7 * W), '1 1 2 2 0 2'),
    ]

# ======================================================================= 10
@register('10_erci_xing_feiduichen_zh.md')
def f10():
    A = np.array([[1., 2], [0, 3]]); x = np.array([1., -1])
    f = lambda v, A_=A: v @ A_ @ v
    g = grad(f, x); Hs = np.array([grad(lambda v: grad(f, v, 1e-4)[i], x, 1e-4) for i in range(2)])
    xp = x - 0.1 * g
    def conv():
        def p():
            Ar, xr, dx = rand(3, 3), rand(3), rand(3)
            return abs(dirder(lambda v: f(v, Ar), xr, dx) - grad(lambda v: f(v, Ar), xr) @ dx) < 1e-6
        return forall(p)
    def prod():
        Xr, Yr, dX, dY = rand(2, 3), rand(3, 2), rand(2, 3), rand(3, 2)
        d = ((Xr + 1e-6 * dX) @ (Yr + 1e-6 * dY) - (Xr - 1e-6 * dX) @ (Yr - 1e-6 * dY)) / 2e-6
        return near(d, dX @ Yr + Xr @ dY)
    def transp():
        Xr, Yr, Zr = rand(2, 3), rand(3, 4), rand(4, 2); a = rand()
        return near((Xr @ Yr @ Zr).T, Zr.T @ Yr.T @ Xr.T) and np.asarray(a).T == a
    def df_split():
        def p():
            Ar, xr, dx = rand(3, 3), rand(3), rand(3)
            return abs(dirder(lambda v: f(v, Ar), xr, dx) - (dx @ Ar @ xr + xr @ Ar @ dx)) < 1e-6
        return forall(p)
    def swap():
        def p():
            Ar, xr, dx = rand(3, 3), rand(3), rand(3)
            return abs(dx @ Ar @ xr - xr @ Ar @ dx) < 1e-9
        return forall(p)
    def df2():
        def p():
            Ar, xr, dx = rand(3, 3), rand(3), rand(3)
            d = dirder(lambda v: f(v, Ar), xr, dx)
            return abs(d - 2 * xr @ Ar @ dx) < 1e-6 and abs(2 * xr @ Ar @ dx - (2 * Ar.T @ xr) @ dx) < 1e-9
        return forall(p)
    def gradH():
        def p():
            Ar, xr = rand(3, 3), rand(3)
            gg = grad(lambda v: f(v, Ar), xr)
            Hr = np.array([grad(lambda v: grad(lambda u: f(u, Ar), v, 1e-4)[i], xr, 1e-4) for i in range(3)])
            return near(gg, 2 * Ar.T @ xr) and near(Hr, 2 * Ar.T, 1e-4)
        return forall(p)
    return [
        ('**问题：$f(\\boldsymbol{x})', GIVEN, '*'),
        ('$$\\mathrm{d}f = \\left(\\frac{\\partial f}{\\partial \\boldsymbol{x}}\\right)', conv),
        ('所以只要把', conv),
        ('乘积法则：', prod),
        ('常量矩阵的微分为零', lambda: E('0', 0)),
        ('标量等于自身的转置', transp),
        ('$$\\mathrm{d}f = (\\mathrm{d}\\boldsymbol{x})^\\top A\\boldsymbol{x} + ', df_split),
        ('$$(\\mathrm{d}\\boldsymbol{x})^\\top A\\boldsymbol{x} = \\boldsymbol{x}^\\top A\\,\\mathrm{d}\\boldsymbol{x}.$$', swap),
        ('$$\\mathrm{d}f = 2\\,\\boldsymbol{x}^\\top A', df2, '2 2'),
        ('Hessian } \\frac{\\partial^2 f}', gradH, '2 2 2'),
        ('$$A = \\begin{pmatrix} 1 & 2', GIVEN, '*'),
        ('- $A\\boldsymbol{x} = (1 - 2', lambda: EV('1 -2', A[0] * x) and EV('0 -3', A[1] * x) and EV('-1 -3', A @ x)
            and EV('-1 3', x * (A @ x)) and E('2', f(x))),
        ('- $A^\\top = \\begin{pmatrix}', lambda: EV('1 0 2 3', A.T) and EV('1 -1', A.T @ x) and CV('2 -2', g), '2'),
        ('- 沿梯度反方向走一步', lambda: E('0.1', 0.1) and E('0.1', 0.1) and CV('0.8 -0.8', xp)),
        ('- 这时 $\\boldsymbol{x}^{+} = 0.8', lambda: near(xp, 0.8 * x) and E('0.8', 0.8) and E('0.64', 0.8 ** 2) and E('2', f(x))
            and C('1.28', f(xp))),
        ('**小结。**', lambda: near(g, 2 * A.T @ x) and gradH() and E('2', 2), '2 1 2'),
    ]

# ======================================================================= 11
@register('11_gaussian_covariance_minka.md')
def f11():
    N, d = 4, 2; S = np.array([[4., 2], [2, 8]]); inv = np.linalg.inv; det = np.linalg.det
    ell = lambda Sig, S_=S, N_=N, d_=d: -N_ * d_ / 2 * np.log(2 * np.pi) - N_ / 2 * np.log(det(Sig)) - 0.5 * np.trace(inv(Sig) @ S_)
    I2 = np.eye(2); gI = grad(ell, I2); Sp = I2 + 0.1 * gI
    def scatter():
        xs, m = rand(5, 3), rand(3); Sig = spd(3); Si = inv(Sig)
        return all(abs((xv - m) @ Si @ (xv - m) - np.trace(Si @ np.outer(xv - m, xv - m))) < 1e-9 for xv in xs)
    def loglik():
        xs, m = rand(5, 3), rand(3); Sig = spd(3); Ss = sum(np.outer(xv - m, xv - m) for xv in xs)
        direct = sum(-0.5 * (3 * np.log(2 * np.pi) + np.log(det(Sig)) + (xv - m) @ inv(Sig) @ (xv - m)) for xv in xs)
        return abs(direct - ell(Sig, Ss, 5, 3)) < 1e-9
    def canon():
        Am = rand(3, 3); return near(grad(lambda M: np.trace(Am @ M), rand(3, 3)), Am.T)
    def rules():
        Sig, dS = spd(3), rand(3, 3)
        return (abs(dirder(lambda M: np.log(det(M)), Sig, dS) - np.trace(inv(Sig) @ dS)) < 1e-6
                and near(dirder(inv, Sig, dS), -inv(Sig) @ dS @ inv(Sig), 1e-6))
    def rnd():
        m = rand(6, 3); Ss = m.T @ m; return spd(3), rand(3, 3), Ss
    def dl():
        def p():
            Sig, dS, Ss = rnd()
            a = -6 / 2 * np.trace(inv(Sig) @ dS) - 0.5 * np.trace(dirder(inv, Sig, dS) @ Ss)
            return abs(dirder(lambda M: ell(M, Ss, 6, 3), Sig, dS) - a) < 1e-6
        return forall(p)
    def second():
        def p():
            Sig, dS, Ss = rnd(); Si = inv(Sig)
            lhs = -0.5 * np.trace(dirder(inv, Sig, dS) @ Ss)
            return abs(lhs - (-0.5 * np.trace(Si @ dS @ Si @ Ss))) < 1e-6 and abs(np.trace(Si @ dS @ Si @ Ss) - np.trace(Si @ Ss @ Si @ dS)) < 1e-9
        return forall(p)
    def combined():
        def p():
            Sig, dS, Ss = rnd(); Si = inv(Sig)
            M = 6 * Si + Si @ Ss @ Si
            return (abs(dirder(lambda X_: ell(X_, Ss, 6, 3), Sig, dS) + 0.5 * np.trace(M @ dS)) < 1e-6
                    and near(grad(lambda X_: ell(X_, Ss, 6, 3), Sig), -0.5 * M))
        return forall(p)
    def symm():
        Sig, _, Ss = rnd(); Si = inv(Sig); M = 6 * Si - Si @ Ss @ Si; M2 = 6 * Si + Si @ Ss @ Si
        return near(M, M.T) and near(M2, M2.T)
    return [
        ('**Gradient of a Gaussian log-likelihood', GIVEN, ''),
        ('Let $\\mathbf{x}_1, \\dots', scatter, '1 1'),
        ('$$\\ell(\\Sigma) = -\\frac{Nd}{2}\\log 2\\pi', loglik, '2 2 2 1 2 1'),
        ('We treat the entries of $\\Sigma$ as unconstrained', canon),
        ('$$d\\log|\\Sigma| = \\text{tr}(\\Sigma^{-1} d\\Sigma), \\qquad', rules, '1 1 1 1'),
        ('$$d\\ell = -\\frac{N}{2}\\,\\text{tr}(\\Sigma^{-1} d\\Sigma) - \\frac{1}{2}', dl, '2 1 1 2 1'),
        ('$$-\\frac{1}{2}\\,\\text{tr}\\big(d(\\Sigma^{-1})\\,S\\big) = ', second, '1 2 1 1 2 1 1 1 2 1 1'),
        ('$$d\\ell = -\\frac{1}{2}\\,\\text{tr}\\Big(', combined, '1 2 1 1 1 1 2 1 1 1'),
        ('where the transpose could be dropped', symm),
        ('**Example.** $d = 2$, $N = 4$', GIVEN, '*'),
        ('$$S = \\begin{pmatrix} 4 & 2', GIVEN, '*'),
        ('At $\\Sigma = \\mathbf{I}$: $\\log|\\mathbf{I}| = 0$', lambda: E('0', np.log(det(I2))) and E('12', np.trace(S))
            and E('4', N * d / 2) and E('2', 2) and E('6', np.trace(S) / 2) and C('-13.352', ell(I2))),
        ('$$\\frac{d\\ell}{d\\Sigma}\\Big|_{\\Sigma = \\mathbf{I}}', lambda: E('4', N) and EV('8 2 2 12', N * I2 + S)
            and CV('-4 -1 -1 -6', gI), '1 2 1 2'),
        ('One gradient-ascent step with step size', lambda: E('0.1', 0.1)),
        ('$$\\Sigma^{+} = \\mathbf{I} + 0.1', lambda: E('0.1', 0.1) and CV('-4 -1 -1 -6', gI) and CV('0.6 -0.1 -0.1 0.4', Sp)),
        ('which is still symmetric with', lambda: near(Sp, Sp.T, 1e-6) and C('0.24', Sp[0, 0] * Sp[1, 1]) and C('0.01', Sp[0, 1] * Sp[1, 0])
            and C('0.23', det(Sp)) and E('0', 0) and np.all(np.linalg.eigvalsh((Sp + Sp.T) / 2) > 0)),
    ]

# ======================================================================= 12
@register('12_affine_relu_gyakudenpa_ja.md')
def f12():
    X = np.array([[1., 2], [-1, 1]]); W = np.array([[0.5, -1], [0.25, 0.5]]); b = np.array([0., 0.5]); T = np.array([[0., 1], [1, 1]])
    relu = lambda z: np.maximum(0, z)
    fwd = lambda X_, W_, b_: X_ @ W_ + b_[None, :]
    Lf = lambda X_, W_, b_, T_=T: 0.5 * np.sum((relu(fwd(X_, W_, b_)) - T_) ** 2)
    A = fwd(X, W, b); H = relu(A); mask = (A > 0).astype(float)
    gA = grad(lambda A_: 0.5 * np.sum((relu(A_) - T) ** 2), A)
    gW = grad(lambda M: Lf(X, M, b), W); gb = grad(lambda v: Lf(X, W, v), b); gX = grad(lambda M: Lf(M, W, b), X)
    def rnd():
        while True:
            Xr, Wr, br, Tr = rand(3, 4), rand(4, 2), rand(2), rand(3, 2)
            if np.min(np.abs(fwd(Xr, Wr, br))) > 1e-3:
                return Xr, Wr, br, Tr
    def dH():
        Hr, Tr = rand(3, 2), rand(3, 2)
        return near(grad(lambda M: 0.5 * np.sum((M - Tr) ** 2), Hr), Hr - Tr)
    def relu_rule():
        def p():
            Xr, Wr, br, Tr = rnd(); Ar = fwd(Xr, Wr, br); dA = rand(3, 2)
            g = grad(lambda M: 0.5 * np.sum((relu(M) - Tr) ** 2), Ar, 1e-7)
            return near(dirder(relu, Ar, dA, 1e-7), (Ar > 0) * dA) and near(g, (relu(Ar) - Tr) * (Ar > 0))
        return forall(p)
    def affine():
        def p():
            Xr, Wr, br, Tr = rnd(); Ar = fwd(Xr, Wr, br); D_ = (relu(Ar) - Tr) * (Ar > 0)
            return (near(grad(lambda M: Lf(Xr, M, br, Tr), Wr, 1e-7), Xr.T @ D_) and near(grad(lambda M: Lf(M, Wr, br, Tr), Xr, 1e-7), D_ @ Wr.T)
                    and near(grad(lambda v: Lf(Xr, Wr, v, Tr), br, 1e-7), D_.sum(axis=0)))
        return forall(p)
    def shapes():
        Xr, Wr, br, Tr = rnd(); return Xr.T.shape == (4, 3) and (Xr.T @ Tr).shape == Wr.shape
    def code():
        dout = H - T; m = (A <= 0); dout = dout.copy(); dout[m] = 0
        return near(dout, gA)
    return [
        ('**設定.** 入力', GIVEN, '*'),
        ('$$\\boldsymbol{A} = \\boldsymbol{X}\\boldsymbol{W} + \\boldsymbol{b}, \\qquad', GIVEN, '*'),
        ('は各行にブロードキャスト', GIVEN, ''),
        ('損失から：', dH),
        ('ReLU は要素ごとの関数なので', relu_rule, '1 0 1 0'),
        ('Affine：', affine),
        ('形状の確認：', shapes),
        ('**数値例**（$N = D = M = 2$）', lambda: E('2', X.shape[0]) and X.shape == W.shape == (2, 2)),
        ('$$\\boldsymbol{X} = \\begin{pmatrix} 1 & 2', GIVEN, '*'),
        ('$$\\boldsymbol{X}\\boldsymbol{W} = ', lambda: EV('1 0 -0.25 1.5', X @ W) and EV('1 0.5 -0.25 2', A) and EV('1 0.5 0 2', H)),
        ('$$\\boldsymbol{H} - \\boldsymbol{T} = ', lambda: EV('1 -0.5 -1 1', H - T) and EV('1 0.25 1 1', ((H - T) ** 2).ravel())
            and E('1.625', Lf(X, W, b)), '1 2'),
        ('逆伝播：$\\boldsymbol{A}$ の負の要素は', lambda: list(zip(*np.where(A < 0))) == [(1, 0)] and EV('1 1 0 1', mask), '2 1 1 0'),
        ('$$\\frac{\\partial L}{\\partial \\boldsymbol{A}} = ', lambda: EV('1 -0.5 -1 1', H - T) and EV('1 1 0 1', mask) and CV('1 -0.5 0 1', gA)),
        ('$$\\frac{\\partial L}{\\partial \\boldsymbol{W}} = ', lambda: EV('1 -1 2 1', X.T) and CV('1 -0.5 0 1', gA) and CV('1 -1.5 2 0', gW)
            and CV('1 0.5', gb)),
        ('$$\\frac{\\partial L}{\\partial \\boldsymbol{X}} = ', lambda: CV('1 -0.5 0 1', gA) and EV('0.5 0.25 -1 0.5', W.T) and CV('1 0 -1 0.5', gX)),
        ('**注意.**', lambda: E('-1', (H - T)[1, 0]) and C('0', gA[1, 0]) and code(), '2 1 0 0'),
    ]

# ======================================================================= 13
@register('13_ridge_closed_form_forum.md')
def f13():
    X = np.array([[1., 0], [1, 1], [0, 1]]); y = np.array([1., 2, 0]); lam = 2.0
    L = lambda w, X_=X, y_=y, l=lam: np.sum((X_ @ w - y_) ** 2) + l * np.sum(w ** 2)
    XtX = X.T @ X; Xty = X.T @ y
    w_ols = np.linalg.solve(XtX, Xty)
    w_true = np.linalg.solve(XtX + lam * np.eye(2), Xty)
    def rnd():
        return rand(5, 3), rand(5), rand(3), RNG.uniform(0.1, 3)
    def data_term():
        def p():
            Xr, yr, w, _ = rnd(); dw = rand(3); r = Xr @ w - yr; dr = Xr @ dw
            d = dirder(lambda v: np.sum((Xr @ v - yr) ** 2), w, dw)
            return near(Xr @ (w + dw) - yr - r, dr) and abs(d - 2 * r @ dr) < 1e-6 and abs(2 * r @ dr - (dr @ r + r @ dr)) < 1e-9
        return forall(p)
    def data_grad():
        def p():
            Xr, yr, w, _ = rnd(); dw = rand(3)
            f = lambda v: np.sum((Xr @ v - yr) ** 2)
            return abs(dirder(f, w, dw) - 2 * (Xr @ w - yr) @ Xr @ dw) < 1e-6 and near(grad(f, w), 2 * Xr.T @ (Xr @ w - yr))
        return forall(p)
    def normal_eq():
        Xr, yr, _, _ = rnd(); w = np.linalg.solve(Xr.T @ Xr, Xr.T @ yr)
        return near(grad(lambda v: L(v, Xr, yr, 0.0), w), np.zeros(3), 1e-5)
    def pen():
        w = rand(3); return abs(np.sum(w ** 2) - w @ w) < 1e-12
    def pen_diff():
        def p():
            w, dw, l = rand(3), rand(3), RNG.uniform(0.1, 3)
            return abs(dirder(lambda v: v @ v, w, dw) - w @ dw) < 1e-6 and near(grad(lambda v: l * v @ v, w), l * w)
        return forall(p)
    def full():
        def p():
            Xr, yr, w, l = rnd()
            g = grad(lambda v: L(v, Xr, yr, l), w)
            ws = np.linalg.solve(Xr.T @ Xr + l / 2 * np.eye(3), Xr.T @ yr)
            return near(g, 2 * Xr.T @ (Xr @ w - yr) + l * w) and near(grad(lambda v: L(v, Xr, yr, l), ws), np.zeros(3), 1e-5)
        return forall(p)
    def closed():
        Xr, yr, _, l = rnd()
        ws = np.linalg.solve(Xr.T @ Xr + l / 2 * np.eye(3), Xr.T @ yr)
        return near(grad(lambda v: L(v, Xr, yr, l), ws), np.zeros(3), 1e-5) and np.all(np.linalg.eigvalsh(Xr.T @ Xr + l / 2 * np.eye(3)) > 0)
    M1 = XtX + np.eye(2)
    return [
        ('Posting my write-up since', GIVEN, '*'),
        ('$$L(\\mathbf{w}) = \\|X\\mathbf{w} - \\mathbf{y}\\|_2^2', GIVEN, '*'),
        ('Find $\\nabla L$, the minimizer', GIVEN, ''),
        ('**Convention.** Gradient is a column vector', GIVEN, ''),
        ('**Data term.** With', data_term, '2'),
        ('$$d\\,\\|X\\mathbf{w} - \\mathbf{y}\\|_2^2 = 2(X', data_grad, '2 2 2 2'),
        ('Sanity check, $\\lambda = 0$', normal_eq, '0'),
        ('$$X = \\begin{bmatrix} 1 & 0', lambda: EV('2 1 1 2', XtX) and EV('3 2', Xty), '1 0 1 1 0 1 1 2 0'),
        ('the OLS solution is', lambda: E('3', np.linalg.det(XtX)) and EV('2 -1 -1 2', 3 * np.linalg.inv(XtX)) and EV('3 2', Xty)
            and near(w_ols, [4 / 3, 1 / 3]), '1 4 3 1 3'),
        ('**Penalty term.**', pen, '2'),
        ('$$d(\\mathbf{w}^T\\mathbf{w}) = \\mathbf{w}^T d\\mathbf{w}', pen_diff, '2'),
        ('$$\\nabla L(\\mathbf{w}) = 2X^T', full, '2 0 2'),
        ('so $\\mathbf{w}^\\star = ', closed, '2 1 0'),
        ('**Numbers with $\\lambda = 2$.**', lambda: E('2', lam) and EV('3 1 1 3', M1) and C('8', np.linalg.det(M1))),
        ('$$\\mathbf{w}^\\star = \\frac{1}{8}', lambda: CV('0.875 0.375', w_true) and EV('3 -1 -1 3', 8 * np.linalg.inv(M1))
            and EV('3 2', Xty) and EV('7 3', 8 * np.linalg.inv(M1) @ Xty), '1 8 1 8'),
        ('As expected the penalty shrinks the weights', lambda: C('0.90625', w_true @ w_true) and E('17', 9 * w_ols @ w_ols)
            and E('9', 9) and C('1.889', w_ols @ w_ols), '2 2'),
    ]

# ======================================================================= 14
@register('14_malorangovoe_razlozhenie_ru.md')
def f14():
    M = np.array([[3., 1], [1, 2]]); U = np.array([[1.], [1]]); V = np.array([[2.], [1]]); eta = 0.1
    f = lambda U_, V_, M_=M: np.sum((M_ - U_ @ V_.T) ** 2)
    R = M - U @ V.T
    gU = grad(lambda A_: f(A_, V), U); gV = grad(lambda B_: f(U, B_), V)
    Up, Vp = U - eta * gU, V - eta * gV; Rp = M - Up @ Vp.T
    def rnd():
        return rand(4, 3), rand(4, 2), rand(3, 2)
    def ftr():
        Mr, Ur, Vr = rnd(); Rr = Mr - Ur @ Vr.T
        return abs(f(Ur, Vr, Mr) - np.trace(Rr.T @ Rr)) < 1e-9
    def ident2():
        A_, B_ = rand(3, 4), rand(4, 3); Gm = rand(4, 2); Sq = rand(3, 3)
        return (near(grad(lambda A2: np.trace(Gm.T @ A2), rand(4, 2)), Gm) and abs(np.trace(A_ @ B_) - np.trace(B_ @ A_)) < 1e-9
                and abs(np.trace(Sq.T) - np.trace(Sq)) < 1e-12)
    def diff():
        def p():
            Mr, Ur, Vr = rnd(); dU, dV = rand(4, 2), rand(3, 2); Rr = Mr - Ur @ Vr.T
            dR = dirder(lambda t: Mr - (Ur + t * dU) @ (Vr + t * dV).T, 0.0, 1.0)
            d = dirder(lambda t: f(Ur + t * dU, Vr + t * dV, Mr), 0.0, 1.0)
            return (near(dR, -dU @ Vr.T - Ur @ dV.T) and abs(d - 2 * np.trace(Rr.T @ dR)) < 1e-6
                    and abs(2 * np.trace(Rr.T @ (-dU @ Vr.T - Ur @ dV.T)) - (-2 * np.trace(Rr.T @ dU @ Vr.T) - 2 * np.trace(Rr.T @ Ur @ dV.T))) < 1e-9)
        return forall(p)
    def cycU():
        Mr, Ur, Vr = rnd(); dU = rand(4, 2); Rr = Mr - Ur @ Vr.T
        a = np.trace(Rr.T @ dU @ Vr.T)
        return abs(a - np.trace(Vr.T @ Rr.T @ dU)) < 1e-9 and abs(a - np.trace((Rr @ Vr).T @ dU)) < 1e-9
    def gradU():
        def p():
            Mr, Ur, Vr = rnd(); g = grad(lambda A_: f(A_, Vr, Mr), Ur)
            return near(g, -2 * (Mr - Ur @ Vr.T) @ Vr) and g.shape == Ur.shape
        return forall(p)
    def cycV():
        Mr, Ur, Vr = rnd(); dV = rand(3, 2); Rr = Mr - Ur @ Vr.T
        a = np.trace(Rr.T @ Ur @ dV.T)
        return abs(a - np.trace(dV @ Ur.T @ Rr)) < 1e-9 and abs(a - np.trace((Rr.T @ Ur).T @ dV)) < 1e-9
    def gradV():
        def p():
            Mr, Ur, Vr = rnd(); g = grad(lambda B_: f(Ur, B_, Mr), Vr)
            return near(g, -2 * (Mr - Ur @ Vr.T).T @ Ur) and g.shape == Vr.shape
        return forall(p)
    def dims():
        Mr, Ur, Vr = rnd(); Rr = Mr - Ur @ Vr.T
        return Rr.T.shape == (3, 4) and (Rr.T @ Ur).shape == Vr.shape
    return [
        ('# Семинар 5.', GIVEN, '5'),
        ('**Постановка.** Дана матрица', GIVEN, '*'),
        ('$$f(U, V) = \\lVert M - UV^\\top \\rVert_F^2', ftr, '2'),
        ('**Правило идентификации.**', ident2),
        ('**Дифференциал.** Поскольку', diff),
        ('$$\\mathrm{d}f = 2\\operatorname{tr}\\big(R^\\top \\mathrm{d}R\\big)', diff, '2 2 2'),
        ('**Градиент по $U$.**', cycU),
        ('$$\\frac{\\partial f}{\\partial U} = -2\\,RV', gradU, '2 2'),
        ('**Градиент по $V$.**', cycV),
        ('$$\\frac{\\partial f}{\\partial V} = -2\\,R^\\top U', gradV, '2 2'),
        ('Проверка размеров:', dims),
        ('**Пример** ($m = n = 2$, $r = 1$)', lambda: E('2', M.shape[0]) and E('1', U.shape[1])),
        ('$$M = \\begin{pmatrix} 3 & 1', GIVEN, '*'),
        ('Тогда $UV^\\top = ', lambda: EV('2 1 2 1', U @ V.T) and EV('1 0 -1 1', R) and EV('1 0 1 1', (R ** 2).ravel()) and E('3', f(U, V))),
        ('- $RV = \\begin{pmatrix} 2', lambda: EV('2 -1', R @ V) and CV('-4 2', gU)),
        ('- $R^\\top U = \\begin{pmatrix} 0', lambda: EV('0 1', R.T @ U) and CV('0 -2', gV)),
        ('Один шаг градиентного спуска', lambda: E('0.1', eta)),
        ('$$U^{+} = \\begin{pmatrix} 1{,}4', lambda: CV('1.4 0.8', Up) and CV('2 1.2', Vp) and CV('2.8 1.68 1.6 0.96', Up @ Vp.T)),
        ('Новая невязка $R^{+}', lambda: CV('0.2 -0.68 -0.6 1.04', Rp) and CV('0.04 0.4624 0.36 1.0816', (Rp ** 2).ravel())
            and C('1.944', f(Up, Vp)) and E('3', f(U, V)) and f(Up, Vp) < f(U, V)),
    ]

# ======================================================================= 15
@register('15_jacobian_sizes_cs231n.md')
def f15():
    N, Dd, Mm = 64, 4096, 4096
    def small():
        n, d, m = 3, 4, 2
        X, W = rand(n, d), rand(d, m)
        return n, d, m, X, W
    def shapes():
        n, d, m, X, W = small()
        return jac(lambda M_: M_ @ W, X).shape == (n * m, n * d) and jac(lambda M_: X @ M_, W).shape == (n * m, d * m)
    def elem():
        n, d, m, X, W = small()
        return all(abs((X @ W)[i, j] - sum(X[i, k] * W[k, j] for k in range(d))) < 1e-12 for i in range(n) for j in range(m))
    def cases():
        n, d, m, X, W = small(); ok = True
        for i in range(n):
            for j in range(m):
                g = grad(lambda M_: (M_ @ W)[i, j], X)
                for i2 in range(n):
                    for k in range(d):
                        ok &= abs(g[i2, k] - (W[k, j] if i2 == i else 0.0)) < 1e-8
        return ok
    def nnz_small(n, d, m):
        X, W = rand(n, d), rand(d, m)
        J = jac(lambda M_: M_ @ W, X)
        return int(np.sum(np.abs(J) > 1e-9)), J.size
    def nnz():
        nz, tot = nnz_small(3, 4, 2)
        return (nz == 3 * 2 * 4 and abs(nz / tot - 1 / 3) < 1e-12 and E('2', 2) and E('30', 30) and N * Mm * Dd == 2 ** 30
                and C('1.07e9', N * Mm * Dd) and E('1', 1) and E('1', 1) and E('64', N) and C('1.6', 100 / N))
    def vecform():
        n, d, m, X, W = small()
        return (near(vec(X @ W), np.kron(W.T, np.eye(n)) @ vec(X)) and near(vec(X @ W), np.kron(np.eye(m), X) @ vec(W))
                and np.kron(W.T, np.eye(n)).shape == (n * m, n * d) and np.kron(np.eye(m), X).shape == (n * m, d * m)
                and near(jac(lambda M_: M_ @ W, X), np.kron(W.T, np.eye(n))) and near(jac(lambda M_: X @ M_, W), np.kron(np.eye(m), X)))
    def instead():
        n, d, m, X, W = small(); Gr = rand(n, m)
        L = lambda X_, W_: np.sum(Gr * (X_ @ W_))
        gX = grad(lambda M_: L(M_, W), X); gW = grad(lambda M_: L(X, M_), W)
        J = jac(lambda M_: M_ @ W, X)
        return near(gX, Gr @ W.T) and near(gW, X.T @ Gr) and near(vec(gX), J.T @ vec(Gr)) and gX.shape == (n, d) and gW.shape == (d, m)
    def costs():
        return (E('2', 2) and E('30', np.log2(N * Dd * Mm)) and E('2', 2) and E('18', np.log2(N * Dd)) and E('2', 2)
                and E('24', np.log2(Dd * Mm)) and E('1', N * Dd * 4 / 2 ** 20) and E('64', Dd * Mm * 4 / 2 ** 20))
    def tiny():
        nz, tot = nnz_small(2, 2, 3)
        return (E('2', 2) and E('2', 2) and E('3', 3) and E('6', 2 * 3) and E('4', 2 * 2) and E('24', tot) and E('12', nz)
                and nz == 2 * 3 * 2 and nz / tot == 1 / 2 and E('1', 1) and E('1', 1) and E('2', 2))
    return [
        ('Consider $Y = XW$ with', GIVEN, '*'),
        ('$$\\frac{\\partial Y}{\\partial X} \\in \\mathbb{R}^{(N \\times M)', shapes),
        ('**How big is that?**', lambda: E('64', N) and E('4096', Dd) and Dd == Mm),
        ('$$N \\cdot M \\cdot N \\cdot D = 64', lambda: E('64', N) and E('4096', Mm) and E('64', N) and E('4096', Dd)
            and N * Mm * N * Dd == 2 ** 36 and E('2', 2) and E('36', 36) and C('6.87e10', N * Mm * N * Dd), '10'),
        ('scalars. In 32-bit floats', lambda: E('32', 32) and E('4', 4) and 4 * N * Mm * N * Dd == 2 ** 38 and E('2', 2) and E('38', 38)
            and E('256', 2 ** 38 / 2 ** 30) and N * Mm * Dd * Mm == 2 ** 42 and E('2', 2) and E('42', 42) and C('4.40e12', N * Mm * Dd * Mm), '10'),
        ('**Most of it is zero.** Element-wise', elem),
        ('$$\\frac{\\partial Y_{n,m}}{\\partial X_{n\',d}} = \\begin{cases}', cases, '0'),
        ('Only the entries with $n = n\'$ can be nonzero', nnz, '10'),
        ('**The same structure in vec form.**', vecform),
        ('$$\\frac{\\partial L}{\\partial X} = \\frac{\\partial L}{\\partial Y} W^T \\;(N \\times D)', instead),
        ('each costing $N \\cdot D \\cdot M = 2^{30}$', costs),
        ('**Tiny case to see it explicitly.**', tiny),
    ]

# ======================================================================= 16
@register('16_index_notation_forum.md')
def f16():
    W = np.array([[1., 2], [0, -1]]); x = np.array([3., 1]); t = np.array([4., 0]); eta = 0.1
    L = lambda W_, x_=x, t_=t: 0.5 * np.sum((W_ @ x_ - t_) ** 2)
    y = W @ x; e = y - t
    gx = grad(lambda v: L(W, v), x); gW = grad(L, W)
    Wn = W - eta * gW; ynew = Wn @ x; Lnew = L(Wn)
    def delta():
        Ar = rand(2, 3); g = [grad(lambda M: M[k, l], Ar) for k in range(2) for l in range(3)]
        return all(near(g[k * 3 + l], np.outer(np.eye(2)[k], np.eye(3)[l])) for k in range(2) for l in range(3))
    def dLdy():
        yy, tt = rand(3), rand(3); return near(grad(lambda v: 0.5 * np.sum((v - tt) ** 2), yy), yy - tt)
    def dydx():
        Wr = rand(2, 2); return near(jac(lambda v: Wr @ v, rand(2)), Wr)
    def gradx():
        def p():
            Wr, xr, tr = rand(2, 2), rand(2), rand(2); er = Wr @ xr - tr
            return near(grad(lambda v: L(Wr, v, tr), xr), Wr.T @ er) and near(Wr.T @ er, np.array([sum(er[i] * Wr[i, l] for i in range(2)) for l in range(2)]))
        return forall(p)
    def dydW():
        Wr, xr = rand(2, 2), rand(2); ok = True
        for i in range(2):
            g = grad(lambda M: (M @ xr)[i], Wr)
            for k in range(2):
                for l in range(2):
                    ok &= abs(g[k, l] - (1.0 if i == l else 0.0) * xr[k]) < 1e-8
        return ok
    def gradW():
        def p():
            Wr, xr, tr = rand(2, 2), rand(2), rand(2); er = Wr @ xr - tr
            return near(grad(lambda M: L(M, xr, tr), Wr), np.outer(xr, er))
        return forall(p)
    return [
        ('Whenever I\'m unsure about a matrix derivative', delta),
        ('Setup: $W \\in', GIVEN, '*'),
        ('$$y_i = W_{ij} x_j, \\qquad e_i', GIVEN, '*'),
        ('Then $\\frac{\\partial L}{\\partial y_i} = e_i$', dLdy, '1 2 2'),
        ('**Gradient w.r.t. the input.**', dydx),
        ('$$\\frac{\\partial L}{\\partial x_l} = e_i W_{il}', gradx),
        ('The summed index $i$ sits in the *first* slot', gradx),
        ('**Gradient w.r.t. the weights.** Differentiate', GIVEN, ''),
        ('$$\\frac{\\partial y_i}{\\partial W_{kl}} = \\delta_{il}\\, x_k ,$$', dydW),
        ('and contract with $e_i$:', GIVEN, ''),
        ('$$\\frac{\\partial L}{\\partial W_{kl}} = e_i\\,\\delta_{il}', gradW),
        ('Both indices are free', lambda: gW.shape == (2, 2) and np.linalg.matrix_rank(gW, tol=1e-6) == 1, '2 2'),
        ('**Numbers.** $W = ', GIVEN, '*'),
        ('- $\\mathbf{y} = W\\mathbf{x} = (3 + 2', lambda: EV('3 2', W[0] * x) and EV('0 -1', W[1] * x) and EV('5 -1', y)
            and EV('1 -1', e) and EV('1 1', e ** 2) and E('1', L(W)), '1 2'),
        ('- $\\nabla_{\\mathbf{x}} L = W^T\\mathbf{e} = (1\\cdot 1', lambda: EV('1 1 0 -1 2 1 -1 -1', [W[0, 0], e[0], W[1, 0], e[1], W[0, 1], e[0], W[1, 1], e[1]])
            and CV('1 3', gx)),
        ('- $\\nabla_W L = \\mathbf{x}\\mathbf{e}^T = ', lambda: CV('3 -3 1 -1', gW)),
        ('One SGD step on $W$ with', lambda: E('0.1', eta)),
        ('$$W - 0.1\\,\\nabla_W L = ', lambda: E('0.1', eta) and CV('0.7 2.3 -0.1 -0.9', Wn) and CV('4.4 -1.2', ynew)
            and C('0.16', (ynew - t)[0] ** 2) and C('1.44', (ynew - t)[1] ** 2) and C('0.8', Lnew), '1 2'),
        ('The loss went down from $1$ to $0.8$', lambda: E('1', L(W)) and C('0.8', Lnew)),
    ]

# ------------------------------------------------------------ number accounting
def _strip_group(s, i):
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
    s = s.replace('{,}', '.').replace('−', '-')          # decimal commas 0{,}5 -> 0.5
    s = re.sub(r'\\[td]?frac(\d)(\d)', r'\\frac{\1}{\2}', s)
    out, i = [], 0
    while i < len(s):
        if s[i] == '_':                                    # subscripts are labels
            i = _strip_group(s, i + 1); continue
        out.append(s[i]); i += 1
    return ''.join(out)

def line_tokens(line):
    s = re.sub(r'^\s*(>\s*)+', '', line)
    s = re.sub(r'^\s*\d+\.\s', '', s)                   # ordered-list enumerator
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
MATH_CHARS = set('$`∂∑σ′∇√‖⊙⊗∈≤≥←→≈×')
def math_lines(lines):
    out = set()
    for i, ln in enumerate(lines, 1):
        s = ln.strip()
        if s.startswith('<!--') or not s or s.startswith('```') or re.fullmatch(r'\|?[-|: ]+\|?', s):
            continue
        if any(ch in MATH_CHARS for ch in s) or (re.search(r'[=≈<>]', s) and re.search(r'[0-9]', s)):
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
        except Exception as e:
            ok = False
            problems.append(f'predicate error line {ln}: {e!r}')
        if ok and ctx != '*':
            problems += [f'line {ln}: {p}' for p in account(text, list(_LITS), ctx)]
        if VERBOSE:
            print(f'      {name} L{ln:2d} {"T" if ok else "F"}  {text[:90]}')
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
        ok = (ff == exp) and not probs and 20 <= n <= 45
        all_ok &= ok
        print(f'{name:44s} lines={n:2d} first_false={ff!s:4s} expected={exp!s:4s} {"OK" if ok else "MISMATCH"}')
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
