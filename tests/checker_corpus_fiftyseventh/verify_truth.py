#!/usr/bin/env python3
"""Independent NumPy check of corpus57 (lecture handouts / scribe notes on
matrix calculus for neural networks).

For every file there is an ordered list of checks
    (substring identifying exactly one line, predicate, declared tokens).
Every line that contains math must be covered by a check.

* Definitions, data and conventions are GIVEN.
* Symbolic claims (index-notation identities, Jacobians, gradients, Hessians,
  closed forms) are tested numerically: the claimed expression is evaluated
  on random instances (non-square shapes where the statement allows it) and
  compared with central finite differences of the defining function, or with
  a direct evaluation of the definition.
* Worked numbers are recomputed; a printed value must agree with the exact
  value to its printed precision, or with the value recomputed from the
  rounded numbers the author carried (both candidates are passed to C()).
  Integers and exact decimals are checked exactly (E()).
* Number accounting: every number printed inside math on a checked line must
  be either a value checked by the predicate or a declared data/structure
  token (indices, exponents, given data, constants inside formulas).
  Subscripts are treated as labels and ignored.

The first line whose predicate is False is compared with expected.json.
Run:  python3 verify_truth.py [-v]
"""
import json, math, os, re, sys
from collections import Counter
import numpy as np

VERBOSE = '-v' in sys.argv
DEBUG = '-d' in sys.argv
D = os.path.dirname(os.path.abspath(__file__))
RNG = np.random.default_rng(57)

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
    """printed `shown` is right to its printed precision for at least one
    candidate (exact value, or value from the author's rounded carried inputs)."""
    _LITS.append(shown)
    v, t = _tol(shown)
    return any(abs(v - float(c)) <= t for c in cands)

def E(shown, val):
    """printed `shown` equals val exactly (integers, exact decimals)."""
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
    if arr.size != len(shown_list):
        _LITS.extend(shown_list)
        return False
    return all([E(s, arr[i]) for i, s in enumerate(shown_list)])

def ngrad(f, X, h=1e-6):
    """central-difference gradient of scalar f at array X (same shape as X)"""
    X = np.array(X, dtype=float)
    G = np.zeros_like(X)
    for idx in np.ndindex(X.shape):
        E_ = np.zeros_like(X); E_[idx] = h
        G[idx] = (f(X + E_) - f(X - E_)) / (2 * h)
    return G

def njac(f, X, h=1e-6):
    """central-difference Jacobian: shape out.shape + X.shape"""
    X = np.array(X, dtype=float)
    out = np.asarray(f(X), float)
    Jm = np.zeros(out.shape + X.shape)
    for idx in np.ndindex(X.shape):
        E_ = np.zeros_like(X); E_[idx] = h
        Jm[(Ellipsis,) + idx] = (np.asarray(f(X + E_)) - np.asarray(f(X - E_))) / (2 * h)
    return Jm

def close(a, b, tol=1e-6):
    a = np.asarray(a, float); b = np.asarray(b, float)
    if b.ndim == 0:
        b = np.broadcast_to(b, a.shape)
    return a.shape == b.shape and np.allclose(a, b, atol=tol, rtol=tol)

def R(*shape):
    return RNG.normal(size=shape)

def trials(fn, n=4):
    return all(fn() for _ in range(n))

sig = lambda z: 1.0 / (1.0 + np.exp(-z))
dsig = lambda z: sig(z) * (1 - sig(z))
def softmax(z, axis=-1):
    z = np.asarray(z, float)
    e = np.exp(z - z.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)

FILES = {}
def register(name):
    def deco(fn):
        FILES[name] = fn
        return fn
    return deco

# ======================================================================= 01
@register('01_cs229_scribe_quadratic_form.md')
def f01():
    A = np.array([[1, 2], [0, 3.]]); b = np.array([1, -1.]); x = np.array([1, 2.])
    f = lambda x_, A_=A, b_=b: x_ @ A_ @ x_ + b_ @ x_
    g = np.round(ngrad(f, x), 7)
    Hs = njac(lambda t: ngrad(f, t, 1e-4), x, 1e-4)
    def rnd():
        n = 4; A_ = R(n, n); b_ = R(n); x_ = R(n); I = np.eye(n)
        fx = lambda t: f(t, A_, b_)
        gn = ngrad(fx, x_)
        return A_, b_, x_, I, fx, gn
    def l9():
        A_, b_, x_, I, fx, gn = rnd()
        return abs(x_ @ A_ @ x_ + b_ @ x_ - (np.einsum('k,kl,l->', x_, A_, x_) + np.einsum('k,k->', b_, x_))) < 1e-12
    def l12():
        A_, b_, x_, I, fx, gn = rnd()
        claim = np.einsum('ki,kl,l->i', I, A_, x_) + np.einsum('k,kl,li->i', x_, A_, I) + np.einsum('k,ki->i', b_, I)
        return close(claim, gn)
    def l14():
        A_, b_, x_, I, fx, gn = rnd()
        c1 = np.einsum('il,l->i', A_, x_) + np.einsum('k,ki->i', x_, A_) + b_
        c2 = A_ @ x_ + A_.T @ x_ + b_
        return close(c1, gn) and close(c2, gn)
    def l16():
        A_, b_, x_, I, fx, gn = rnd()
        S = A_ + A_.T
        gs = ngrad(lambda t: f(t, S, b_), x_)
        return close((A_ + A_.T) @ x_ + b_, gn) and close(2 * S @ x_ + b_, gs)
    def l17():
        A_, b_, x_, I, fx, gn = rnd()
        H1 = njac(lambda t: ngrad(fx, t, 1e-4), x_, 1e-4)
        x2 = R(4)
        H2 = njac(lambda t: ngrad(fx, t, 1e-4), x2, 1e-4)
        return close(H1, A_ + A_.T, 1e-5) and close(H2, A_ + A_.T, 1e-5)
    h = 0.01
    fp, fm = f(x + [h, 0]), f(x - [h, 0])
    return [
        ('**Convention.**', GIVEN, '1'),
        ('Let $A \\in', GIVEN),
        ('$$f(x) = x^\\top A x', lambda: trials(l9)),
        ('\\delta_{ki} A_{kl} x_l + x_k A_{kl} \\delta_{li}', lambda: trials(l12)),
        ('A_{il} x_l + x_k A_{ki} + b_i', lambda: trials(l14)),
        ('$$\\nabla_x f = (A + A^\\top)', lambda: trials(l16), '2'),
        ('Differentiating once more', lambda: trials(l17, 2), '2 2'),
        ('$$A = \\begin{pmatrix} 1 & 2', GIVEN, '*'),
        ('Then $Ax = (5,', lambda: EV(['5', '6'], A @ x) and E('5', x[0] * (A @ x)[0]) and E('12', x[1] * (A @ x)[1])
            and E('17', x @ A @ x) and E('-1', b @ x) and E('16', f(x))),
        ('$A + A^\\top = \\begin{pmatrix} 2', lambda: EV(['2', '2', '2', '6'], A + A.T) and EV(['6', '14'], (A + A.T) @ x)
            and EV(['7', '13'], np.round(g, 6)) and close(g, (A + A.T) @ x + b)),
        ('Finite differences in the first coordinate', lambda: E('0.01', h)),
        ('$$f(1.01,\\ 2) = 16.0701', lambda: E('16.0701', fp) and E('15.9301', fm), '1.01 2 0.99 2'),
        ('$$\\frac{16.0701 - 15.9301}{0.02} = 7', lambda: E('7', (16.0701 - 15.9301) / 0.02) and E('0.02', 2 * h)
            and abs((fp - fm) / (2 * h) - g[0]) < 1e-7, '16.0701 15.9301'),
        ('The one-sided quotient is', lambda: E('7.01', (16.0701 - 16) / 0.01) and abs((fp - f(x)) / h - 7.01) < 1e-9
            and E('0.01', (fp - f(x)) / h - g[0]) and E('0.01', h) and abs(Hs[0, 0] - 2) < 1e-5
            and abs(h * Hs[0, 0] / 2 - 0.01) < 1e-7, '16.0701 16 0.01 2 2 2 2'),
        ('**Remark.** A common slip', lambda: EV(['11', '11'], 2 * A @ x + b) and not close(2 * A @ x + b, g, 1e-3), '2'),
    ]

# ======================================================================= 02
@register('02_uebung_spurtrick_de.md')
def f02():
    A = np.array([[1, 2], [0, 1.]]); B = np.array([[2, 0], [1, 1.]]); X = np.array([[1, 0], [2, 1.]])
    tr = lambda X_, A_=A, B_=B: np.trace(A_ @ X_ @ B_)
    G = ngrad(tr, X)
    def l5():
        Xr = R(2, 3)
        Jm = njac(lambda t: t, Xr)                      # d X_kl / d X_ij
        return close(Jm, np.einsum('ki,lj->klij', np.eye(2), np.eye(3)))
    def l8():
        n, m = 3, 2; A_ = R(n, m); X_ = R(m, n)
        return abs(np.trace(A_ @ X_) - np.einsum('pk,kp->', A_, X_)) < 1e-12
    def l9():
        n, m = 3, 2; A_ = R(n, m); X_ = R(m, n)
        gn = ngrad(lambda t: np.trace(A_ @ t), X_)
        claim = np.einsum('pk,ki,pj->ij', A_, np.eye(m), np.eye(n))
        return close(claim, A_.T) and close(gn, A_.T)
    def shapes():
        p, m, n = 2, 3, 4
        return R(p, m), R(m, n), R(n, p)
    def l12():
        A_, X_, B_ = shapes()
        return abs(np.trace(A_ @ X_ @ B_) - np.einsum('rk,kl,lr->', A_, X_, B_)) < 1e-12
    def l14():
        A_, X_, B_ = shapes(); m, n = X_.shape
        gn = ngrad(lambda t: np.trace(A_ @ t @ B_), X_)
        c1 = np.einsum('rk,ki,lj,lr->ij', A_, np.eye(m), np.eye(n), B_)
        c2 = np.einsum('ri,jr->ij', A_, B_)
        c3 = (B_ @ A_).T                               # (BA)_{ji}
        return close(c1, gn) and close(c2, gn) and close(c3, gn)
    def l16():
        A_, X_, B_ = shapes()
        gn = ngrad(lambda t: np.trace(A_ @ t @ B_), X_)
        claim = B_ @ A_
        return claim.shape == X_.shape and close(claim, gn) and gn.shape == X_.shape
    def linear():
        Dm = R(2, 2)
        return abs(tr(X + Dm) - tr(X) - np.sum(G * Dm)) < 1e-8
    h = 0.1
    X11 = X.copy(); X11[0, 0] += h
    X22 = X.copy(); X22[1, 1] += h
    return [
        ('**Vereinbarung.**', GIVEN),
        ('$$\\frac{\\partial X_{kl}}{\\partial X_{ij}} = \\delta_{ki}', l5),
        ('Der Gradient $\\partial f / \\partial X$', GIVEN),
        ('**(a)** Für', lambda: trials(l8)),
        ('$$\\frac{\\partial \\operatorname{tr}(AX)}{\\partial X_{ij}}', lambda: trials(l9)),
        ('**(b)** Nun', GIVEN),
        ('$$\\operatorname{tr}(AXB) = A_{rk}', lambda: trials(l12)),
        ('Ableiten nach $X_{ij}$', GIVEN),
        ('$$\\frac{\\partial \\operatorname{tr}(AXB)}{\\partial X_{ij}} =', lambda: trials(l14)),
        ('$$\\frac{\\partial \\operatorname{tr}(AXB)}{\\partial X} = BA', lambda: trials(l16)),
        ('**(c) Zahlenbeispiel.**', GIVEN, '2'),
        ('$$A = \\begin{pmatrix} 1 & 2 \\\\ 0 & 1', GIVEN, '*'),
        ('Dann ist $AX = ', lambda: EV(['5', '2', '2', '1'], A @ X) and EV(['12', '2', '5', '1'], A @ X @ B) and E('13', tr(X))),
        ('Nach (b): $BA =', lambda: EV(['2', '4', '1', '3'], B @ A)),
        ('Kontrolle am Eintrag $(1,1)$', lambda: E('0.1', h) and E('1.1', X11[0, 0]) and E('13.2', tr(X11))
            and E('2', (13.2 - 13) / 0.1) and abs(G[0, 0] - 2) < 1e-6, '1 1 13.2 13 0.1'),
        ('ebenso liefert $X_{22} \\to 1.1$', lambda: E('1.1', X22[1, 1]) and E('13.3', tr(X22))
            and E('3', (tr(X22) - tr(X)) / h) and abs(G[1, 1] - 3) < 1e-6
            and linear()),
        ('**Bemerkung.** Spezialfälle von (b)', GIVEN),
    ]

# ======================================================================= 03
@register('03_cs231n_linear_layer_jacobian.md')
def f03():
    W = np.array([[1, 0, -1], [2, 1, 0.]]); x = np.array([1, 2, 3.]); b = np.array([0, 1.])
    Lf = lambda W_, x_=x: 0.5 * np.sum((W_ @ x_ + b) ** 2)
    y = W @ x + b
    GW = ngrad(Lf, W); Gx = ngrad(lambda t: Lf(W, t), x)
    def rnd():
        m, n = 2, 3
        W_ = R(m, n); x_ = R(n); b_ = R(m); c = R(m)
        loss = lambda y_: np.sum(np.sin(y_) * c)          # generic downstream loss
        g = np.cos(W_ @ x_ + b_) * c                      # dL/dy
        return m, n, W_, x_, b_, loss, g
    def l8():
        m, n, W_, x_, b_, loss, g = rnd()
        Jx = njac(lambda t: W_ @ t + b_, x_)
        return close(Jx, W_) and Jx.shape == (m, n) and close(np.einsum('ik,k->i', W_, x_) + b_, W_ @ x_ + b_)
    def l10():
        m, n, W_, x_, b_, loss, g = rnd()
        gn = ngrad(lambda t: loss(W_ @ t + b_), x_)
        return close(np.einsum('i,ij->j', g, W_), gn) and close(W_.T @ g, gn) and (W_.T @ g).shape == (n,)
    def l14():
        m, n, W_, x_, b_, loss, g = rnd()
        Jw = njac(lambda t: t @ x_ + b_, W_)              # shape m x m x n
        return Jw.shape == (m, m, n) and close(Jw, np.einsum('ij,k->ijk', np.eye(m), x_))
    def l15():
        ok = True
        for m, n in ((2, 3), (3, 2), (4, 5)):
            W_ = R(m, n); x_ = R(n)
            Jw = njac(lambda t: t @ x_, W_)
            ok &= Jw.size == m * m * n and np.count_nonzero(np.abs(Jw) > 1e-9) == m * n
        return ok
    def l16():
        m, n, W_, x_, b_, loss, g = rnd()
        gn = ngrad(lambda t: loss(t @ x_ + b_), W_)
        return close(np.einsum('i,ij,k->jk', g, np.eye(m), x_), gn) and close(np.outer(g, x_), gn) and gn.shape == (m, n)
    def l17():
        m, n, W_, x_, b_, loss, g = rnd()
        gb = ngrad(lambda t: loss(W_ @ x_ + t), b_)
        return np.outer(g, x_).shape == W_.shape and g.reshape(m, 1).shape == (m, 1) and x_.reshape(1, n).shape == (1, n) and close(gb, g)
    h = 0.01
    W2 = W.copy(); W2[1, 2] += h
    return [
        ('$$y = Wx + b, \\qquad x \\in', GIVEN),
        ('and a scalar loss $L$ downstream', GIVEN),
        ('**Jacobian with respect to the input.**', lambda: trials(l8)),
        ('By the chain rule $\\partial L/\\partial x_j', lambda: trials(l10)),
        ('$$\\frac{\\partial L}{\\partial x} = W^\\top g \\in', lambda: trials(l10)),
        ('$$\\frac{\\partial y_i}{\\partial W_{jk}} = \\delta_{ij}', lambda: trials(l14)),
        ('It has $m \\cdot m \\cdot n$ entries', l15),
        ('$$\\frac{\\partial L}{\\partial W_{jk}} = \\sum_i', lambda: trials(l16)),
        ('Shape check: $(m\\times 1)(1\\times n)', lambda: trials(l17), '1 1'),
        ('**Worked example** ($m = 2$', lambda: trials(lambda: (lambda yy: close(ngrad(lambda t: 0.5 * np.sum(t ** 2), yy), yy))(R(2))),
            '2 3 1 2 2'),
        ('$$W = \\begin{pmatrix} 1 & 0 & -1', GIVEN, '*'),
        ('Forward: $y = (1 - 3,', lambda: E('1', W[0, 0] * x[0]) and E('3', -W[0, 2] * x[2]) and EV(['2', '2', '1'], [W[1, 0] * x[0], W[1, 1] * x[1], b[1]])
            and EV(['-2', '5'], y) and EV(['4', '25'], y ** 2) and E('14.5', Lf(W)), '1 2'),
        ('$$\\frac{\\partial L}{\\partial W} = g\\,x^\\top =', lambda: EV(['-2', '-4', '-6', '5', '10', '15'], np.round(GW, 6))
            and EV(['8', '5', '2'], np.round(Gx, 6))),
        ('For these sizes the full weight Jacobian', lambda: E('12', 2 * 2 * 3) and E('6', np.count_nonzero(np.abs(njac(lambda t: t @ x + b, W)) > 1e-9))),
        ('**Gradient check.** Bump $W_{23}$', lambda: E('0', W[1, 2]) and E('0.01', h) and E('5.03', (W2 @ x + b)[1])
            and E('25.3009', (W2 @ x + b)[1] ** 2) and E('14.65045', Lf(W2)), '1 2 4'),
        ('$$\\frac{14.65045 - 14.5}{0.01} = 15.045', lambda: E('15.045', (Lf(W2) - Lf(W)) / h) and C('15', GW[1, 2], 15.045),
            '14.65045 14.5 0.01'),
        ('The leftover $0.045$', lambda: E('0.045', 15.045 - GW[1, 2]) and E('0.005', 0.5 * h)
            and abs(0.5 * h * x[2] ** 2 - 0.045) < 1e-12 and E('9', x[2] ** 2), '1 2 2'),
    ]

# ======================================================================= 04
@register('04_6036_logreg_batch_gradient.md')
def f04():
    X = np.array([[1, 2], [1, -1.]]); y = np.array([1, 0.]); th = np.array([0, 0.5]); eta = 0.5
    nll = lambda p_, y_: -y_ * np.log(p_) - (1 - y_) * np.log(1 - p_)
    J = lambda t, X_=X, y_=y: np.mean(nll(sig(X_ @ t), y_))
    z = X @ th; p = sig(z); g = ngrad(J, th)
    th1 = th - eta * g
    def l7():
        return all(abs(ngrad(sig, np.array(t)) - sig(t) * (1 - sig(t))) < 1e-8 for t in R(5))
    def l8():
        ok = True
        for yy in (0.0, 1.0, 0.3):
            for zz in R(3):
                d = ngrad(lambda t: nll(sig(t), yy), np.array(zz))
                pp = sig(zz)
                ok &= abs(d - (-yy * (1 - pp) + (1 - yy) * pp)) < 1e-7 and abs(d - (pp - yy)) < 1e-7
        return ok
    def rnd():
        N, d = 5, 3
        return R(N, d), (RNG.uniform(size=5) > 0.5).astype(float), R(d)
    def l9():
        X_, y_, t_ = rnd()
        return close(njac(lambda t: X_ @ t, t_), X_)
    def l10():
        X_, y_, t_ = rnd(); N = X_.shape[0]
        gn = ngrad(lambda t: J(t, X_, y_), t_)
        p_ = sig(X_ @ t_)
        return close(np.einsum('nj,n->j', X_, p_ - y_) / N, gn) and close(X_.T @ (p_ - y_) / N, gn)
    def l11():
        X_, y_, t_ = rnd(); N, d = X_.shape
        return X_.T.shape == (d, N) and (sig(X_ @ t_) - y_).reshape(N, 1).shape == (N, 1) and (X_.T @ (sig(X_ @ t_) - y_)).shape == t_.shape
    def check_yourself():
        X_, y_, t_ = rnd(); X_[:, 0] = 1
        return abs(ngrad(lambda t: J(t, X_, y_), t_)[0] - np.mean(sig(X_ @ t_) - y_)) < 1e-7
    return [
        ('**Setup.** Data matrix', GIVEN, '0 1'),
        ('$$J(\\theta) = \\frac{1}{N}\\sum_{n=1}^{N}', GIVEN, '*'),
        ('**One example.** With $z_n', l7, '1'),
        ('$$\\frac{\\partial}{\\partial z_n}\\Big[', l8, '1 1 1 1'),
        ('Since $\\partial z_n/\\partial \\theta_j = X_{nj}$', lambda: trials(l9)),
        ('$$\\frac{\\partial J}{\\partial \\theta_j} = \\frac{1}{N}', lambda: trials(l10), '1 1'),
        ('Shapes: $X^\\top$ is', lambda: trials(l11), '1 1'),
        ('**Worked example** ($N = 2$', GIVEN, '2 2'),
        ('$$X = \\begin{pmatrix} 1 & 2 \\\\ 1 & -1', GIVEN, '*'),
        ('- $X\\theta = (1,\\ -0.5)$', lambda: EV(['1', '-0.5'], z) and CV(['0.7311', '0.3775'], p), '1 0.5'),
        ('- $J(\\theta) = \\tfrac12\\big(', lambda: C('0.6225', 1 - p[1], 1 - 0.3775) and C('0.3937', J(th), 0.5 * (-np.log(0.7311) - np.log(0.6225))),
            '1 2 0.7311'),
        ('- Residuals $p - y', lambda: CV(['-0.2689', '0.3775'], p - y, np.array([0.7311, 0.3775]) - y)),
        ('- $X^\\top(p - y) \\approx', lambda: CV(['0.1086', '-0.9154'], X.T @ (p - y)), ''),
        ('- Gradient: $\\nabla_\\theta J \\approx', lambda: CV(['0.1086', '-0.9154'], g)),
        ('**One step of gradient descent** with', GIVEN, '0.5'),
        ('$$\\theta \\leftarrow \\theta - \\eta \\nabla_\\theta J \\approx (0 - 0.0543', lambda: E('0', th[0]) and E('0.5', th[1])
            and CV(['0.0543', '0.4577'], eta * np.abs(g)) and CV(['-0.0543', '0.9577'], th1)),
        ('At the new point $X\\theta \\approx', lambda: CV(['1.8611', '-1.0120'], X @ th1) and C('0.2273', J(th1)) and J(th1) < J(th)),
        ('*Check yourself:*', lambda: trials(check_yourself)),
    ]

# ======================================================================= 05
@register('05_poly_regression_softmax_fr.md')
def f05():
    X = np.array([[1, 0], [1, 1.]]); W = np.array([[0, 0], [1, -1.]]); Y = np.eye(2)
    Lf = lambda W_, X_=X, Y_=Y: -np.mean(np.sum(Y_ * np.log(softmax(X_ @ W_, axis=1)), axis=1))
    Z = X @ W; P = softmax(Z, axis=1); G = ngrad(Lf, W)
    def rnd():
        N, d, K = 4, 3, 5
        X_ = R(N, d); W_ = R(d, K); Y_ = np.eye(K)[RNG.integers(0, K, size=N)]
        return N, d, K, X_, W_, Y_
    def l8():
        N, d, K, X_, W_, Y_ = rnd(); z = R(K)
        Jl = njac(lambda t: np.log(softmax(t)), z)          # d log P_k / d Z_j
        return close(Jl, np.eye(K) - softmax(z)[None, :])
    def l9():
        N, d, K, X_, W_, Y_ = rnd(); Z_ = X_ @ W_; P_ = softmax(Z_, axis=1)
        gZ = ngrad(lambda t: -np.mean(np.sum(Y_ * np.log(softmax(t, axis=1)), axis=1)), Z_)
        c1 = -np.einsum('nk,nkj->nj', Y_, np.eye(K)[None, :, :] - P_[:, None, :]) / N
        c2 = (P_ * Y_.sum(1, keepdims=True) - Y_) / N
        c3 = (P_ - Y_) / N
        return close(c1, gZ) and close(c2, gZ) and close(c3, gZ)
    def l12():
        N, d, K, X_, W_, Y_ = rnd()
        Jz = njac(lambda t: X_ @ t, W_)                     # n k i j
        return close(np.einsum('ni,ik->nk', X_, W_), X_ @ W_) and close(Jz, np.einsum('ni,kj->nkij', X_, np.eye(K)))
    def l13():
        N, d, K, X_, W_, Y_ = rnd(); P_ = softmax(X_ @ W_, axis=1)
        gn = ngrad(lambda t: Lf(t, X_, Y_), W_)
        c1 = np.einsum('nk,ni,kj->ij', P_ - Y_, X_, np.eye(K)) / N
        c2 = np.einsum('ni,nj->ij', X_, P_ - Y_) / N
        return close(c1, gn) and close(c2, gn) and close(X_.T @ (P_ - Y_) / N, gn)
    def l14():
        N, d, K, X_, W_, Y_ = rnd()
        return (X_.T @ (softmax(X_ @ W_, axis=1) - Y_)).shape == W_.shape == (d, K)
    def remark():
        N, d, K, X_, W_, Y_ = rnd()
        gn = ngrad(lambda t: Lf(t, X_, Y_), W_)
        c = R(d, 1)
        return close(gn.sum(1), 0) and abs(Lf(W_ + c, X_, Y_) - Lf(W_, X_, Y_)) < 1e-12 and close(G.sum(1), 0)
    return [
        ('**Notations.** On dispose', GIVEN, '0 1'),
        ('$$Z = XW \\in', GIVEN, '*'),
        ('**Étape 1 : dérivée par rapport aux scores.**', lambda: trials(l8)),
        ('$$\\frac{\\partial \\mathcal{L}}{\\partial Z_{nj}} =', lambda: trials(l9), '1 1 1'),
        ('car chaque ligne de $Y$ somme', lambda: np.all(Y.sum(1) == 1) and trials(l9), '1'),
        ('**Étape 2 : règle de la chaîne.**', lambda: trials(l12)),
        ('$$\\frac{\\partial \\mathcal{L}}{\\partial W_{ij}} =', lambda: trials(l13), '1 1 1'),
        ('Vérification des dimensions', lambda: trials(l14)),
        ('**Exemple numérique** ($N = d = K = 2$)', GIVEN, '2'),
        ('$$X = \\begin{pmatrix} 1 & 0 \\\\ 1 & 1', GIVEN, '*'),
        ('- Scores : $Z = XW =', lambda: EV(['0', '0', '1', '-1'], Z)),
        ('- Probabilités : ligne 1', lambda: EV(['0.5', '0.5'], P[0]) and CV(['0.8808', '0.1192'], P[1])
            and close(P[1], [np.e / (np.e + 1 / np.e), (1 / np.e) / (np.e + 1 / np.e)]), '1 1 1'),
        ('- Perte : $\\mathcal{L} =', lambda: E('0.5', P[0, 0]) and C('0.1192', P[1, 1]) and C('1.4100', Lf(W), -0.5 * (np.log(0.5) + np.log(0.1192))),
            '1 2'),
        ('- Résidus : $P - Y \\approx', lambda: CV(['-0.5', '0.5', '0.8808', '-0.8808'], P - Y)),
        ('$$\\nabla_W \\mathcal{L} = \\frac12 X^\\top(P - Y)', lambda: CV(['0.3808', '-0.3808', '0.8808', '-0.8808'], X.T @ (P - Y))
            and CV(['0.1904', '-0.1904', '0.4404', '-0.4404'], G, X.T @ (P - Y) / 2), '1 2 1 2'),
        ('**Remarque.** Chaque ligne du gradient', lambda: trials(remark)),
    ]

# ======================================================================= 06
@register('06_cs229_normal_equations.md')
def f06():
    X = np.array([[1, 0], [1, 1], [1, 2.]]); y = np.array([1, 3, 4.])
    J = lambda t, X_=X, y_=y: 0.5 * np.sum((X_ @ t - y_) ** 2)
    M = X.T @ X; v = X.T @ y
    th = np.linalg.solve(M, v)
    def rnd():
        N, d = 6, 3
        return R(N, d), R(N), R(d)
    def l5():
        X_, y_, t_ = rnd()
        s = sum((sum(X_[n, j] * t_[j] for j in range(3)) - y_[n]) ** 2 for n in range(6))
        return abs(J(t_, X_, y_) - 0.5 * s) < 1e-12 and abs(0.5 * np.linalg.norm(X_ @ t_ - y_) ** 2 - 0.5 * s) < 1e-12
    def l8():
        X_, y_, t_ = rnd()
        gn = ngrad(lambda t: J(t, X_, y_), t_)
        r = X_ @ t_ - y_
        c1 = np.einsum('n,nj,jk->k', r, X_, np.eye(3))
        c2 = np.einsum('nk,n->k', X_, r)
        return close(c1, gn) and close(c2, gn)
    def l9():
        X_, y_, t_ = rnd()
        return close(X_.T @ (X_ @ t_ - y_), ngrad(lambda t: J(t, X_, y_), t_))
    def l11():
        X_, y_, t_ = rnd(); Mm = R(3, 3); a = R(3)
        ok = abs(J(t_, X_, y_) - 0.5 * np.trace(np.atleast_2d(t_ @ X_.T @ X_ @ t_ - 2 * y_ @ X_ @ t_ + y_ @ y_))) < 1e-10
        ok &= close(ngrad(lambda t: np.trace(np.atleast_2d(t @ Mm @ t)), t_), (Mm + Mm.T) @ t_)
        ok &= close(ngrad(lambda t: np.trace(np.atleast_2d(a @ t)), t_), a)
        return ok
    def l12():
        X_, y_, t_ = rnd()
        gn = ngrad(lambda t: J(t, X_, y_), t_)
        return close(0.5 * (2 * X_.T @ X_ @ t_ - 2 * X_.T @ y_), gn) and close(X_.T @ X_ @ t_ - X_.T @ y_, gn)
    def l15():
        X_, y_, t_ = rnd()
        ts = np.linalg.inv(X_.T @ X_) @ X_.T @ y_
        return close(ngrad(lambda t: J(t, X_, y_), ts), 0) and all(J(ts + 0.1 * R(3), X_, y_) > J(ts, X_, y_) for _ in range(5))
    def l16():
        X_, y_, t_ = rnd()
        H = njac(lambda t: ngrad(lambda s: J(s, X_, y_), t, 1e-4), t_, 1e-4)
        return close(H, X_.T @ X_, 1e-5) and np.all(np.linalg.eigvalsh(X_.T @ X_) >= -1e-12)
    def exercise():
        X4 = np.vstack([X, [1, 3]]); y4 = np.append(y, 6)
        return np.linalg.solve(X4.T @ X4, X4.T @ y4)[1] > th[1]
    return [
        ('Given a design matrix', GIVEN),
        ('$$J(\\theta) = \\tfrac12 \\lVert X\\theta - y\\rVert^2', lambda: trials(l5), '1 2 2 1 2 2'),
        ('**Gradient, index by index.**', GIVEN),
        ('$$\\frac{\\partial J}{\\partial \\theta_k} = \\sum_n', lambda: trials(l8)),
        ('so $\\nabla_\\theta J = X^\\top (X\\theta - y)$', lambda: trials(l9)),
        ('**Same thing with the trace trick.**', lambda: trials(l11), '1 2 2'),
        ('$$\\nabla_\\theta J = \\tfrac12\\big(2X^\\top X\\theta', lambda: trials(l12), '1 2 2 2'),
        ('$$X^\\top X\\,\\theta = X^\\top y \\quad', lambda: trials(l15), '1'),
        ('The Hessian is $X^\\top X$', lambda: trials(l16)),
        ('**Example.** Fit $y \\approx', GIVEN, '*'),
        ('$$X = \\begin{pmatrix} 1 & 0 \\\\ 1 & 1 \\\\ 1 & 2', GIVEN, '*'),
        ('$$X^\\top X = \\begin{pmatrix} 3 & 3', lambda: EV(['3', '3', '3', '5'], M) and EV(['1', '3', '4'], X[:, 0] * y)
            and EV(['0', '3', '8'], X[:, 1] * y) and EV(['8', '11'], v)),
        ('$\\det(X^\\top X) = 15 - 9 = 6$', lambda: E('15', M[0, 0] * M[1, 1]) and E('9', M[0, 1] * M[1, 0]) and E('6', np.linalg.det(M))),
        ('$$(X^\\top X)^{-1} = \\frac16', lambda: EV(['5', '-3', '-3', '3'], np.round(6 * np.linalg.inv(M), 9)), '1 1 6'),
        ('$$\\theta^\\star = \\frac16 \\begin{pmatrix} 5\\cdot 8', lambda: EV(['6', '9'], np.round(6 * th, 9))
            and EV(['1', '1.5'], th), '1 6 5 8 3 11 3 8 3 11 1 6'),
        ('The fitted line is $\\hat y = 1 + 1.5\\,t$', lambda: E('1', th[0]) and E('1.5', th[1]) and E('5.5', th[0] + 3 * th[1]), '3'),
        ('*Exercise:* redo the example', exercise, '3 6'),
    ]

# ======================================================================= 07
@register('07_cs224n_sgns_gradients.md')
def f07():
    vc = np.array([1, 0.5]); uo = np.array([0.5, 1]); U = np.array([[-1, 0], [0, 1.]])
    def Jf(vc_, uo_, U_):
        return -np.log(sig(uo_ @ vc_)) - np.sum(np.log(sig(-U_ @ vc_)))
    gv = ngrad(lambda t: Jf(t, uo, U), vc); guo = ngrad(lambda t: Jf(vc, t, U), uo); gU = ngrad(lambda t: Jf(vc, uo, t), U)
    def rnd():
        d, K = 4, 3
        return R(d), R(d), R(K, d)
    def l7():
        zs = R(5)
        return all(abs(ngrad(sig, np.array(t)) - sig(t) * (1 - sig(t))) < 1e-8 and abs(sig(-t) - (1 - sig(t))) < 1e-12 for t in zs)
    def l8():
        zs = R(5)
        return all(abs(ngrad(lambda s: np.log(sig(s)), np.array(t)) - (1 - sig(t))) < 1e-8
                   and abs(ngrad(lambda s: np.log(sig(-s)), np.array(t)) + (1 - sig(-t))) < 1e-8
                   and abs((1 - sig(-t)) - sig(t)) < 1e-12 for t in zs)
    def l10():
        u = R(4); v = R(4)
        return close(ngrad(lambda t: u @ t, v), u)
    def l11():
        v_, o_, U_ = rnd()
        gn = ngrad(lambda t: Jf(t, o_, U_), v_)
        return close(-(1 - sig(o_ @ v_)) * o_ + sig(U_ @ v_) @ U_, gn)
    def l13():
        v_, o_, U_ = rnd()
        return close(ngrad(lambda t: np.sum(np.log(sig(-U_ @ v_))) + 0 * t.sum(), o_), 0)
    def l14():
        v_, o_, U_ = rnd()
        gn = ngrad(lambda t: Jf(v_, t, U_), o_)
        return close(-(1 - sig(o_ @ v_)) * v_, gn) and close((sig(o_ @ v_) - 1) * v_, gn)
    def l17():
        v_, o_, U_ = rnd()
        gn = ngrad(lambda t: Jf(v_, o_, t), U_)
        return close(-np.outer(sig(U_ @ v_), v_), gn)
    def interp():
        v_, o_, U_ = rnd(); a = 0.05
        uo2 = o_ - a * ngrad(lambda t: Jf(v_, t, U_), o_)
        U2 = U_ - a * ngrad(lambda t: Jf(v_, o_, t), U_)
        w = np.linalg.norm(ngrad(lambda t: Jf(v_, o_, t), U_), axis=1) / np.linalg.norm(v_)
        return uo2 @ v_ > o_ @ v_ and np.all(U2 @ v_ < U_ @ v_) and close(w, sig(U_ @ v_))
    s = np.array([sig(uo @ vc), sig(U[0] @ vc), sig(U[1] @ vc)])
    return [
        ('For a center word $c$', GIVEN),
        ('$$J(v_c, o, U) = -\\log', GIVEN, '*'),
        ('**Two scalar facts.**', l7, '1 1'),
        ('$$\\frac{d}{dz}\\log\\sigma(z) = 1 - \\sigma(z)', l8, '1 1'),
        ('**(a) Center vector.**', lambda: trials(l10)),
        ('$$\\frac{\\partial J}{\\partial v_c} = -\\big(1', lambda: trials(l11), '1'),
        ('**(b) True outside vector.**', lambda: trials(l13)),
        ('$$\\frac{\\partial J}{\\partial u_o} = -\\big(1', lambda: trials(l14), '1 1'),
        ('**(c) Negative samples.**', GIVEN),
        ('$$\\frac{\\partial J}{\\partial u_k} = -\\sigma(u_k^\\top v_c)', lambda: trials(l17), '1'),
        ('**Numeric example** ($d = 2$, $K = 2$)', GIVEN, '2 2'),
        ('$$v_c = (1,\\ 0.5), \\quad u_o', GIVEN, '*'),
        ('- Dot products:', lambda: E('1', uo @ vc) and E('-1', U[0] @ vc) and E('0.5', U[1] @ vc)),
        ('- Sigmoids:', lambda: CV(['0.7311', '0.2689', '0.6225'], s), '1 1 0.5'),
        ('- Loss: $J \\approx 0.31326', lambda: CV(['0.31326', '0.31326', '0.97408'], [-np.log(s[0]), -np.log(1 - s[1]), -np.log(1 - s[2])])
            and C('1.60060', Jf(vc, uo, U), 0.31326 + 0.31326 + 0.97408)),
        ('- $\\partial J/\\partial v_c \\approx -0.2689', lambda: C('0.2689', 1 - s[0]) and C('0.2689', s[1]) and C('0.6225', s[2])
            and CV(['-0.4034', '0.3535'], gv), '0.5 1 1 0 0 1'),
        ('- $\\partial J/\\partial u_o \\approx -0.2689', lambda: C('0.2689', 1 - s[0]) and CV(['-0.2689', '-0.1345'], guo), '1 0.5'),
        ('- $\\partial J/\\partial u_1 \\approx', lambda: CV(['-0.2689', '-0.1345'], gU[0]) and CV(['-0.2689', '-0.1345'], -s[1] * vc)
            and CV(['-0.6225', '-0.3112'], gU[1]), '0.2689 1 0.5 1 0.5 0.6225 1 0.5'),
        ('**Interpretation.** An SGD step', lambda: trials(interp)),
    ]

# ======================================================================= 08
@register('08_attention_single_query_zh.md')
def f08():
    q = np.array([1, 1.]); K = np.array([[1, 0], [0, -1.]]); V = np.array([[1, 2], [3, 0.]]); g = np.array([1, 0.])
    def fwd(q_, K_, V_):
        d = q_.size
        s_ = K_ @ q_ / np.sqrt(d); a_ = softmax(s_); return s_, a_, V_.T @ a_
    s, a, o = fwd(q, K, V)
    Lq = lambda t: g @ fwd(t, K, V)[2]
    gq = ngrad(Lq, q)
    gs = ngrad(lambda t: g @ (V.T @ softmax(t)), s)
    def rnd():
        n, d, dv = 4, 3, 2
        return R(d), R(n, d), R(n, dv), R(dv)
    def l8():
        q_, K_, V_, g_ = rnd(); a_ = fwd(q_, K_, V_)[1]
        ga = ngrad(lambda t: g_ @ (V_.T @ t), a_)
        return close(np.einsum('jm,j->m', V_, a_), V_.T @ a_) and close(np.einsum('jm,m->j', V_, g_), ga) and close(V_ @ g_, ga)
    def l10():
        z = R(4); p = softmax(z)
        Jn = njac(softmax, z)
        return close(Jn, p[:, None] * (np.eye(4) - p[None, :])) and close(Jn, np.diag(p) - np.outer(p, p))
    def l11():
        q_, K_, V_, g_ = rnd(); s_, a_, _ = fwd(q_, K_, V_)
        gs_ = ngrad(lambda t: g_ @ (V_.T @ softmax(t)), s_)
        ga = V_ @ g_
        c1 = np.einsum('i,i,ij->j', ga, a_, np.eye(4) - a_[None, :])
        c2 = a_ * (ga - a_ @ ga)
        return close(c1, gs_) and close(c2, gs_)
    def l13():
        q_, K_, V_, g_ = rnd(); d = q_.size
        return close(njac(lambda t: fwd(t, K_, V_)[0], q_), K_ / np.sqrt(d)) and close(np.einsum('jl,l->j', K_, q_) / np.sqrt(d), fwd(q_, K_, V_)[0])
    def l14():
        q_, K_, V_, g_ = rnd(); s_, a_, _ = fwd(q_, K_, V_); d = q_.size
        gs_ = a_ * (V_ @ g_ - a_ @ V_ @ g_)
        return close(K_.T @ gs_ / np.sqrt(d), ngrad(lambda t: g_ @ fwd(t, K_, V_)[2], q_))
    def l15():
        q_, K_, V_, g_ = rnd(); s_, a_, _ = fwd(q_, K_, V_); d = q_.size
        gs_ = a_ * (V_ @ g_ - a_ @ V_ @ g_)
        gK = ngrad(lambda t: g_ @ fwd(q_, t, V_)[2], K_)
        return close(np.outer(gs_, q_) / np.sqrt(d), gK) and gK.shape == K_.shape
    hq = 1e-4
    cd = (Lq(q + [hq, 0]) - Lq(q - [hq, 0])) / (2 * hq)
    return [
        ('**记号.** 查询', GIVEN),
        ('$$s = \\frac{Kq}{\\sqrt{d}}', GIVEN),
        ('设上游梯度', GIVEN),
        ('**第一步：对 $a$ 求导.**', lambda: trials(l8)),
        ('**第二步：softmax 的雅可比矩阵.**', lambda: trials(l10)),
        ('$$\\frac{\\partial L}{\\partial s_j} = \\frac{\\partial L}{\\partial a_i}', lambda: trials(l11)),
        ('**第三步：对 $q$ 求导.**', lambda: trials(l13)),
        ('$$\\frac{\\partial L}{\\partial q} = \\frac{1}{\\sqrt{d}}', lambda: trials(l14), '1'),
        ('同理 $\\partial L/\\partial K', lambda: trials(l15), '1'),
        ('**数值例子**', GIVEN, '2'),
        ('$$q = \\begin{pmatrix} 1 \\\\ 1', GIVEN, '*'),
        ('1. 分数：$Kq = (1,\\ -1)$', lambda: EV(['1', '-1'], K @ q) and CV(['0.7071', '-0.7071'], s), '1 1 2'),
        ('2. 权重：$a = ', lambda: CV(['0.80443', '0.19557'], a) and CV(['1.39114', '1.60886'], o)),
        ('3. 雅可比：$a_1 a_2 \\approx 0.1573$', lambda: C('0.1573', a[0] * a[1]) and CV(['0.1573', '-0.1573', '-0.1573', '0.1573'], njac(softmax, s))),
        ('4. $\\partial L/\\partial a = Vg = (1,\\ 3)$', lambda: EV(['1', '3'], V @ g) and C('1.39114', a @ V @ g)),
        ('5. $\\partial L/\\partial s \\approx', lambda: C('0.80443', a[0]) and C('-0.39114', 1 - a @ V @ g) and C('0.19557', a[1])
            and C('1.60886', 3 - a @ V @ g) and CV(['-0.3146', '0.3146'], gs) and abs(gs.sum()) < 1e-9 and E('0', 0), ''),
        ('6. $\\partial L/\\partial q = K^\\top', lambda: CV(['-0.3146', '-0.3146'], K.T @ gs) and C('1.4142', np.sqrt(2))
            and CV(['-0.2225', '-0.2225'], gq), '2'),
        ('**检验.** 用中心差分', lambda: C('-0.2225', cd) and C('-0.3146', (K.T @ gs)[0]) and abs(cd * np.sqrt(2) - (K.T @ gs)[0]) < 1e-7,
            '10 4 1 2'),
    ]

# ======================================================================= 09
@register('09_apuntes_jacobiano_tanh_es.md')
def f09():
    W = np.array([[1, -1], [0.5, 2.]]); x = np.array([1, 0.5])
    z = W @ x; h = np.tanh(z)
    Jx = njac(lambda t: np.tanh(W @ t), x)
    dt = ngrad(lambda t: np.sum(np.tanh(t)), z)       # tanh'(z), elementwise
    def rnd():
        m, n = 3, 4
        return R(m, n), R(n), R(m)
    def l9():
        W_, x_, b_ = rnd(); z_ = W_ @ x_ + b_
        Jn = njac(lambda t: np.tanh(W_ @ t + b_), x_)
        Jhz = njac(np.tanh, z_); Jzx = njac(lambda t: W_ @ t + b_, x_)
        d_ = ngrad(lambda t: np.sum(np.tanh(t)), z_)
        c1 = np.einsum('ik,kj->ij', Jhz, Jzx)
        c2 = np.einsum('ik,i,kj->ij', np.eye(3), d_, W_)
        c3 = d_[:, None] * W_
        return close(c1, Jn) and close(c2, Jn) and close(c3, Jn) and close(Jhz, np.diag(d_))
    def l10():
        W_, x_, b_ = rnd(); z_ = W_ @ x_ + b_
        d_ = ngrad(lambda t: np.sum(np.tanh(t)), z_)
        return close(np.diag(d_) @ W_, njac(lambda t: np.tanh(W_ @ t + b_), x_))
    def l12():
        zs = R(6); hs = np.tanh(zs)
        return close(ngrad(lambda t: np.sum(np.tanh(t)), zs), hs * (1 - hs))
    def l22():
        W_, x_, b_ = rnd(); g_ = R(3); z_ = W_ @ x_ + b_
        d_ = ngrad(lambda t: np.sum(np.tanh(t)), z_)
        return close(W_.T @ (d_ * g_), ngrad(lambda t: g_ @ np.tanh(W_ @ t + b_), x_))
    def obs():
        big = np.array([5.0, -6.0, 8.0])
        return np.all(np.abs(np.abs(np.tanh(big)) - 1) < 1e-4) and np.all(np.abs(ngrad(lambda t: np.sum(np.tanh(t)), big)) < 1e-4)
    gx = ngrad(lambda t: np.ones(2) @ np.tanh(W @ t), x)
    return [
        ('# Aprendizaje Profundo', GIVEN),
        ('$$z = Wx + b, \\qquad h = \\tanh(z)', GIVEN),
        ('con $\\tanh$ aplicada componente a componente', GIVEN),
        ('**Regla de la cadena por componentes.**', GIVEN),
        ('$$\\frac{\\partial h_i}{\\partial x_j} = \\sum_{k=1}^{m}', lambda: trials(l9)),
        ('En forma matricial:', lambda: trials(l10)),
        ('**Derivada de la activación.**', lambda: trials(l12), '1'),
        ('**Ejemplo numérico** ($m = n = 2$, $b = 0$)', GIVEN, '2 0'),
        ('$$W = \\begin{pmatrix} 1 & -1 \\\\ 0.5 & 2', GIVEN, '*'),
        ('- $z = Wx = (1 - 0.5,', lambda: EV(['1', '0.5'], [W[0, 0] * x[0], -W[0, 1] * x[1]]) and EV(['0.5', '1'], [W[1, 0] * x[0], W[1, 1] * x[1]])
            and EV(['0.5', '1.5'], z)),
        ('- $h = \\tanh(z) \\approx', lambda: CV(['0.4621', '0.9051'], h)),
        ("- $\\tanh'(z) \\approx (0.4621", lambda: C('0.4621', h[0]) and C('0.5379', 1 - h[0]) and C('0.9051', h[1]) and C('0.0949', 1 - h[1])
            and CV(['0.2486', '0.0859'], dt)),
        ('$$\\frac{\\partial h}{\\partial x} \\approx \\begin{pmatrix} 0.2486', lambda: CV(['0.2486', '-0.2486', '0.0429', '0.1717'], Jx)),
        ('**Producto vector-jacobiano.**', lambda: trials(l22) and E('1', 1) and E('1', 1)),
        ('$$\\frac{\\partial L}{\\partial x} \\approx W^\\top (0.2486', lambda: CV(['0.2486', '0.0859'], dt) and CV(['0.2915', '-0.0769'], gx)),
        ('**Observación.** Cuando $|z_i|$ es grande', obs, '1'),
    ]

# ======================================================================= 10
@register('10_oxford_frobenius_matrix_ls.md')
def f10():
    A = np.array([[1, 0], [1, 1.]]); B = np.array([[1, 1], [0, 2.]]); C_ = np.array([[1, 1], [1, 2.]]); X = np.eye(2)
    f = lambda X_, A_=A, B_=B, C__=C_: np.sum((A_ @ X_ @ B_ - C__) ** 2)
    G = ngrad(f, X)
    def rnd():
        p, m, n, q = 2, 3, 4, 5
        return R(p, m), R(m, n), R(n, q), R(p, q)
    def l9():
        A_, X_, B_, Cc = rnd(); Rm = A_ @ X_ @ B_ - Cc
        return close(np.einsum('ik,kl,lj->ij', A_, X_, B_) - Cc, Rm) and abs(np.einsum('ij,ij->', Rm, Rm) - np.linalg.norm(Rm, 'fro') ** 2) < 1e-9
    def l10():
        Xr = R(3, 4)
        return close(njac(lambda t: t, Xr), np.einsum('kr,ls->klrs', np.eye(3), np.eye(4)))
    def l11():
        A_, X_, B_, Cc = rnd(); m, n = X_.shape
        Jn = njac(lambda t: A_ @ t @ B_ - Cc, X_)       # i j r s
        c1 = np.einsum('ik,kr,ls,lj->ijrs', A_, np.eye(m), np.eye(n), B_)
        c2 = np.einsum('ir,sj->ijrs', A_, B_)
        return close(c1, Jn) and close(c2, Jn)
    def l13():
        A_, X_, B_, Cc = rnd(); Rm = A_ @ X_ @ B_ - Cc
        gn = ngrad(lambda t: f(t, A_, B_, Cc), X_)
        c1 = 2 * np.einsum('ij,ir,sj->rs', Rm, A_, B_)
        return close(c1, gn) and close(2 * A_.T @ Rm @ B_.T, gn)
    def l15():
        A_, X_, B_, Cc = rnd()
        gn = ngrad(lambda t: f(t, A_, B_, Cc), X_)
        return close(2 * A_.T @ (A_ @ X_ @ B_ - Cc) @ B_.T, gn) and gn.shape == X_.shape
    def l16():
        A_ = R(4, 3); x_ = R(3, 1); y_ = R(4, 1); B1 = np.ones((1, 1))
        gn = ngrad(lambda t: f(t, A_, B1, y_), x_)
        return (A_.T.shape[1] == (A_ @ x_ @ B1 - y_).shape[0]) and close(2 * A_.T @ (A_ @ x_ - y_), gn)
    h = 0.1
    E12 = np.zeros((2, 2)); E12[0, 1] = 1
    poly = lambda t: (2 * t) ** 2 + (1 + 2 * t) ** 2
    return [
        ('*Summation convention:*', GIVEN),
        ('**Problem.** Compute the gradient', GIVEN, '2'),
        ('**Solution.** Put $R = AXB - C$', GIVEN),
        ('$$R_{ij} = A_{ik} X_{kl} B_{lj} - C_{ij}', lambda: trials(l9)),
        ('Since $\\partial X_{kl}/\\partial X_{rs}', l10),
        ('$$\\frac{\\partial R_{ij}}{\\partial X_{rs}} = A_{ik}', lambda: trials(l11)),
        ('$$\\frac{\\partial f}{\\partial X_{rs}} = 2 R_{ij}', lambda: trials(l13), '2 2 2'),
        ('$$\\nabla_X f = 2A^\\top (AXB - C) B^\\top \\in', lambda: trials(l15), '2'),
        ('The shapes agree:', lambda: trials(l16), '1 1 2'),
        ('**Numerical check.** Take $m = n = p = q = 2$', GIVEN, '2'),
        ('$$A = \\begin{pmatrix} 1 & 0 \\\\ 1 & 1', GIVEN, '*'),
        ('Then $AXB = AB =', lambda: EV(['1', '1', '1', '3'], A @ X @ B) and close(A @ B, A @ X @ B) and EV(['0', '0', '0', '1'], A @ X @ B - C_)
            and E('1', f(X))),
        ('$RB^\\top = \\begin{pmatrix} 0 & 0', lambda: EV(['0', '0', '1', '2'], (A @ X @ B - C_) @ B.T)
            and EV(['1', '2', '1', '2'], A.T @ (A @ X @ B - C_) @ B.T) and EV(['2', '4', '2', '4'], np.round(G, 6)), '2 2'),
        ('Perturb the $(1,2)$ entry:', lambda: close(A @ (X + h * E12) @ B - A @ X @ B, h * np.outer(A[:, 0], B[1]))
            and EV(['0', '2', '0', '2'], np.outer(A[:, 0], B[1])), '1 2'),
        ('$$f(I + hE_{12}) = (2h)^2', lambda: all(abs(f(X + t * E12) - poly(t)) < 1e-12 and abs(poly(t) - (1 + 4 * t + 8 * t * t)) < 1e-12
                                                   for t in (-0.3, 0.1, 0.7, 2.0)), '2 2 1 2 2 1 4 8 2'),
        ('With $h = 0.1$: $f = 1.48$', lambda: E('0.1', h) and E('1.48', f(X + h * E12)) and E('0.68', f(X - h * E12))
            and E('4', (1.48 - 0.68) / 0.2) and E('0.2', 2 * h) and abs(G[0, 1] - 4) < 1e-6
            and E('4.8', (1.48 - 1) / 0.1) and E('0.8', 4.8 - G[0, 1]) and abs(8 * h - 0.8) < 1e-12,
            '1.48 0.68 1 2 1.48 1 0.1 8'),
    ]

# ======================================================================= 11
@register('11_notas_jacobiano_softmax_pt.md')
def f11():
    z = np.array([2, 0.]); p = softmax(z); y = np.array([0, 1.])
    L = lambda t: -np.sum(y * np.log(softmax(t)))
    Jz = njac(softmax, z); gz = ngrad(L, z)
    def l8():
        t = R(5)
        return close(np.log(softmax(t)), t - np.log(np.sum(np.exp(t))))
    def l9():
        t = R(5); pp = softmax(t)
        Jl = njac(lambda s: np.log(softmax(s)), t)
        return close(Jl, np.eye(5) - (np.exp(t) / np.exp(t).sum())[None, :]) and close(Jl, np.eye(5) - pp[None, :])
    def l11():
        t = R(5); pp = softmax(t); Jn = njac(softmax, t)
        return close(Jn, pp[:, None] * (np.eye(5) - pp[None, :])) and close(Jn, np.diag(pp) - np.outer(pp, pp))
    def l12():
        t = R(5); Jn = njac(softmax, t)
        return close(Jn, Jn.T) and close(Jn.sum(1), 0) and abs(softmax(t).sum() - 1) < 1e-12
    def l15():
        t = R(5); pp = softmax(t); yy = softmax(R(5))      # any probability vector
        gn = ngrad(lambda s: -np.sum(yy * np.log(softmax(s))), t)
        c1 = -np.einsum('i,ij->j', yy, np.eye(5) - pp[None, :])
        c2 = -yy + pp * yy.sum()
        return close(c1, gn) and close(c2, gn) and close(pp - yy, gn)
    h = 0.001
    Lz1 = lambda t1: L(np.array([t1, 0.]))
    return [
        ('**Definição.** Para', GIVEN),
        ('$$p_i = \\frac{e^{z_i}}', GIVEN, '1'),
        ('**Jacobiano.** Derivando', lambda: trials(l8)),
        ('$$\\frac{\\partial \\log p_i}{\\partial z_j} = \\delta_{ij}', lambda: trials(l9)),
        ('e multiplicando por $p_i$', GIVEN),
        ('$$\\frac{\\partial p_i}{\\partial z_j} = p_i(\\delta_{ij} - p_j)', lambda: trials(l11)),
        ('O jacobiano é simétrico', lambda: trials(l12), '1'),
        ('**Entropia cruzada.**', GIVEN),
        ('$$\\frac{\\partial L}{\\partial z_j} = -y_i(\\delta_{ij} - p_j)', lambda: trials(l15)),
        ('usando $\\sum_i y_i = 1$', lambda: trials(l15), '1'),
        ('**Verificação numérica com $K = 2$.**', GIVEN, '2 2 0'),
        ('- $p_1 = \\dfrac{e^2}{e^2 + 1}', lambda: abs(p[0] - np.e ** 2 / (np.e ** 2 + 1)) < 1e-12 and abs(p[0] - sig(2)) < 1e-12
            and C('0.8808', p[0]) and C('0.1192', p[1]), '2 2 1 2'),
        ('$$\\frac{\\partial p}{\\partial z} \\approx \\begin{pmatrix} 0.8808 \\cdot 0.1192', lambda: CV(['0.1050', '-0.1050', '-0.1050', '0.1050'], Jz)
            and close(Jz, np.array([[p[0] * p[1], -p[0] * p[1]], [-p[1] * p[0], p[1] * p[0]]])),
            '0.8808 0.1192 0.8808 0.1192 0.1192 0.8808 0.1192 0.8808'),
        ('- Conferência: para $K = 2$', lambda: all(abs(softmax(t)[0] - sig(t[0] - t[1])) < 1e-12 for t in R(4, 2))
            and abs(ngrad(sig, np.array(2.0)) - sig(2) * (1 - sig(2))) < 1e-9 and C('0.1050', Jz[0, 0]), '2 2 2 1 2'),
        ('- Com $y = (0,\\ 1)$', lambda: C('0.1192', p[1]) and C('2.1269', L(z), -np.log(0.1192)) and CV(['0.8808', '-0.8808'], gz), '0 1'),
        ('- Diferença central em $z_1$', lambda: E('0.001', h) and C('2.12780886', Lz1(2.001)) and C('2.12604727', Lz1(1.999))
            and C('0.8808', (Lz1(2.001) - Lz1(1.999)) / (2 * h), (2.12780886 - 2.12604727) / 0.002), '2.001 0 1.999 0'),
        ('**Moral.**', lambda: close(gz, p - y)),
    ]

# ======================================================================= 12
@register('12_eth_logdet_inverse.md')
def f12():
    X = np.array([[2, 1], [0, 1.]]); Xi = np.linalg.inv(X)
    ld = lambda t: np.log(np.linalg.det(t))
    def rX(n=3):
        while True:                                       # well-conditioned, det > 0, non-symmetric
            M_ = 0.5 * R(n, n) + 2 * np.eye(n)
            if np.linalg.det(M_) > 1 and np.linalg.cond(M_) < 10:
                return M_
    def l4():
        Xr = rX(); Gm = R(3, 3)
        fl = lambda t: np.trace(Gm.T @ t)
        return close(ngrad(fl, Xr), Gm)
    def l6():
        Xr = rX(); dX = 1e-6 * R(3, 3)
        lhs = np.linalg.det(Xr + dX) - np.linalg.det(Xr - dX)
        return abs(lhs / 2 - np.linalg.det(Xr) * np.trace(np.linalg.inv(Xr) @ dX)) < 1e-10
    def l7():
        Xr = rX(); dX = 1e-6 * R(3, 3)
        ok = abs((ld(Xr + dX) - ld(Xr - dX)) / 2 - np.trace(np.linalg.inv(Xr) @ dX)) < 1e-12
        return ok and close(ngrad(ld, Xr), np.linalg.inv(Xr).T)
    def l8():
        Xr = rX(); g = ngrad(ld, Xr); Xinv = np.linalg.inv(Xr)
        return all(abs(g[i, j] - Xinv[j, i]) < 1e-6 for i in range(3) for j in range(3))
    def l10():
        Xr = rX(); dX = 1e-6 * R(3, 3)
        dinv = (np.linalg.inv(Xr + dX) - np.linalg.inv(Xr - dX)) / 2
        return close(dX @ np.linalg.inv(Xr) + Xr @ dinv, 0, 1e-10)
    def l11():
        Xr = rX(); Xinv = np.linalg.inv(Xr); dX = 1e-6 * R(3, 3)
        dinv = (np.linalg.inv(Xr + dX) - np.linalg.inv(Xr - dX)) / 2
        Jn = njac(np.linalg.inv, Xr)                      # k l i j
        return close(dinv, -Xinv @ dX @ Xinv, 1e-10) and close(Jn, -np.einsum('ki,jl->klij', Xinv, Xinv))
    def l13():
        Xr = rX(); Xinv = np.linalg.inv(Xr); a = R(3); b = R(3); dX = 1e-6 * R(3, 3)
        lhs = (a @ np.linalg.inv(Xr + dX) @ b - a @ np.linalg.inv(Xr - dX) @ b) / 2
        m1 = -a @ Xinv @ dX @ Xinv @ b; m2 = -np.trace(Xinv @ np.outer(b, a) @ Xinv @ dX)
        return abs(lhs - m1) < 1e-12 and abs(m1 - m2) < 1e-15
    def l14():
        Xr = rX(); Xit = np.linalg.inv(Xr).T; a = R(3); b = R(3)
        return close(ngrad(lambda t: a @ np.linalg.inv(t) @ b, Xr), -Xit @ np.outer(a, b) @ Xit)
    def spd(n=3):
        M_ = R(n, n); return M_ @ M_.T + n * np.eye(n)
    ell = lambda S, x_: -0.5 * np.log(np.linalg.det(S)) - 0.5 * x_ @ np.linalg.solve(S, x_)
    def l16():
        x_ = R(3); S1 = spd(); S2 = spd()
        logpdf = lambda S: -0.5 * x_ @ np.linalg.solve(S, x_) - 0.5 * np.log(np.linalg.det(2 * np.pi * S))
        return abs((logpdf(S1) - ell(S1, x_)) - (logpdf(S2) - ell(S2, x_))) < 1e-10
    def l17():
        x_ = R(3); S = spd(); Si = np.linalg.inv(S)
        return close(ngrad(lambda t: ell(t, x_), S), -0.5 * Si + 0.5 * Si @ np.outer(x_, x_) @ Si)
    def l18():
        n = 3; x_ = R(n)
        ok = np.linalg.matrix_rank(np.outer(x_, x_)) == 1 < n
        Xs = R(10, n); Sh = Xs.T @ Xs / 10                      # N = 10 >= n samples
        Shi = np.linalg.inv(Sh)
        gavg = np.mean([-0.5 * Shi + 0.5 * Shi @ np.outer(xx, xx) @ Shi for xx in Xs], axis=0)
        return ok and close(gavg, 0, 1e-9)
    g = ngrad(ld, X)
    E21 = np.zeros((2, 2)); E21[1, 0] = 1; E12 = np.zeros((2, 2)); E12[0, 1] = 1; E11 = np.zeros((2, 2)); E11[0, 0] = 1
    gb = ngrad(lambda t: np.linalg.inv(t)[0, 1], X)
    return [
        ('We use differentials:', lambda: trials(l4)),
        ('**1. Log-determinant.**', lambda: trials(l6), '1'),
        ('$$d \\log\\det X = \\operatorname{tr}(X^{-1}\\, dX)', lambda: trials(l7), '1'),
        ('In indices: $\\partial \\log\\det X', lambda: trials(l8), '1'),
        ('**2. Inverse.** Differentiating', lambda: trials(l10), '1 1 1 0'),
        ('$$d(X^{-1}) = -X^{-1}\\,(dX)\\,X^{-1}', lambda: trials(l11), '1 1 1 1 1 1'),
        ('**3. A bilinear form.**', lambda: trials(l13), '1 1 1 1 1'),
        ('$$\\frac{\\partial\\, a^\\top X^{-1} b}{\\partial X}', lambda: trials(l14), '1'),
        ('**4. Application.**', lambda: trials(l16), '0 1 2 1 2 1'),
        ('$$\\frac{\\partial \\ell}{\\partial \\Sigma} = -\\tfrac12', lambda: trials(l17), '1 2 1 1 2 1 1'),
        ('which vanishes at $\\Sigma = x x^\\top$', lambda: trials(l18)),
        ('$$X = \\begin{pmatrix} 2 & 1 \\\\ 0 & 1', lambda: E('2', np.linalg.det(X)) and EV(['0.5', '-0.5', '0', '1'], np.round(Xi, 12))
            and EV(['0.5', '0', '-0.5', '1'], np.round(Xi.T, 12)), '2 1 0 1 1'),
        ('- Entry $(2,1)$:', lambda: all(abs(np.linalg.det(X + t * E21) - (2 - t)) < 1e-12 for t in (0.1, 0.5, -1))
            and E('-0.5', ngrad(lambda t: np.log(2 - t), np.array(0.0))) and abs(Xi.T[1, 0] + 0.5) < 1e-12 and abs(g[1, 0] + 0.5) < 1e-8,
            '2 1 2 2'),
        ('- Entry $(1,2)$:', lambda: all(abs(np.linalg.det(X + t * E12) - 2) < 1e-12 for t in (0.1, 0.5, -1))
            and E('0', np.round(Xi.T[0, 1], 12)) and abs(g[0, 1]) < 1e-8 and E('-0.5', Xi[0, 1]), '1 2 2'),
        ('- Bilinear form with $a = e_1$', lambda: E('-0.5', np.round(Xi[0, 1], 12)), '1 1'),
        ('$$-X^{-\\top} e_1\\, e_2^\\top X^{-\\top} =', lambda: EV(['0.5', '-0.5'], Xi.T[:, 0]) and EV(['-0.5', '1'], Xi.T[1, :])
            and EV(['0.25', '-0.5', '-0.25', '0.5'], np.round(gb, 6)), ''),
        ('- Direct check of entry $(1,1)$:', lambda: all(abs(np.linalg.inv(X + t * E11)[0, 1] + 1 / (2 + t)) < 1e-12 for t in (0.1, 0.5, -1))
            and E('0.25', np.round(ngrad(lambda t: -1 / (2 + t), np.array(0.0)), 8)) and abs(gb[0, 0] - 0.25) < 1e-8, '1 1 1 1 2 1 2 0 1 4'),
    ]

# ======================================================================= 13
@register('13_cmu10301_batch_mlp_backprop.md')
def f13():
    X = np.array([[1, 2], [-1, 1.]]); W1 = np.array([[1, -1], [0.5, 1.]]); w2 = np.array([1, -2.]); y = np.array([1, -3.])
    eta = 0.1
    def fwd(X_, W1_, w2_, y_):
        A_ = X_ @ W1_; H_ = np.maximum(A_, 0); yh = H_ @ w2_
        return A_, H_, yh, np.sum((yh - y_) ** 2) / (2 * len(y_))
    A, H, yh, L = fwd(X, W1, w2, y)
    gw2 = ngrad(lambda t: fwd(X, W1, t, y)[3], w2); gW1 = ngrad(lambda t: fwd(X, t, w2, y)[3], W1)
    def rnd():
        N, d, h = 5, 3, 4
        return R(N, d), R(d, h), R(h), R(N)
    def l8():
        X_, W1_, w2_, y_ = rnd(); _, _, yh_, _ = fwd(X_, W1_, w2_, y_); N = len(y_)
        return close(ngrad(lambda t: np.sum((t - y_) ** 2) / (2 * N), yh_), (yh_ - y_) / N)
    def l9():
        X_, W1_, w2_, y_ = rnd(); A_, H_, yh_, _ = fwd(X_, W1_, w2_, y_); N = len(y_); g = (yh_ - y_) / N
        Lw = lambda t: np.sum((H_ @ t - y_) ** 2) / (2 * N)
        LH = lambda t: np.sum((t @ w2_ - y_) ** 2) / (2 * N)
        return (close(np.einsum('nj,j->n', H_, w2_), yh_) and close(ngrad(Lw, w2_), H_.T @ g)
                and close(ngrad(LH, H_), np.outer(g, w2_)) and np.outer(g, w2_).shape == H_.shape)
    def l10():
        X_, W1_, w2_, y_ = rnd(); A_, H_, yh_, _ = fwd(X_, W1_, w2_, y_); N = len(y_); g = (yh_ - y_) / N
        LA = lambda t: np.sum((np.maximum(t, 0) @ w2_ - y_) ** 2) / (2 * N)
        return close(ngrad(LA, A_), np.outer(g, w2_) * (A_ > 0))
    def l11():
        X_, W1_, w2_, y_ = rnd(); A_, H_, yh_, _ = fwd(X_, W1_, w2_, y_); N = len(y_); g = (yh_ - y_) / N
        dA = np.outer(g, w2_) * (A_ > 0)
        gn = ngrad(lambda t: fwd(X_, t, w2_, y_)[3], W1_)
        return (close(np.einsum('ni,ij->nj', X_, W1_), A_) and close(np.einsum('ni,nj->ij', X_, dA), gn)
                and close(X_.T @ dA, gn) and gn.shape == W1_.shape)
    g = (yh - y) / 2
    dH = np.outer(g, w2); mask = (A > 0).astype(float); dA = dH * mask
    w2n = w2 - eta * gw2; W1n = W1 - eta * gW1
    return [
        ('**Model.** Mini-batch', GIVEN),
        ('$$A = XW_1 \\in', GIVEN, '1 2 2'),
        ('1. $\\partial L/\\partial \\hat y = \\frac1N', lambda: trials(l8)),
        ('2. $\\hat y_n = H_{nj} (w_2)_j$', lambda: trials(l9)),
        ('3. ReLU acts elementwise:', lambda: trials(l10), '1 0'),
        ('4. $A_{nj} = X_{ni} (W_1)_{ij}$', lambda: trials(l11)),
        ('**Worked example** ($N = d = h = 2$)', GIVEN, '2'),
        ('$$X = \\begin{pmatrix} 1 & 2 \\\\ -1 & 1', GIVEN, '*'),
        ('- $A = XW_1 = \\begin{pmatrix} 2 & 1', lambda: EV(['2', '1', '-0.5', '2'], A) and EV(['2', '1', '0', '2'], H)),
        ('- $\\hat y = Hw_2 = (2 - 2,', lambda: EV(['2', '-2'], H[0] * w2) and EV(['0', '-4'], H[1] * w2) and EV(['0', '-4'], yh)
            and EV(['-1', '-1'], yh - y) and E('0.5', L) and abs(L - 0.25 * (1 + 1)) < 1e-12, '1 4 1 1'),
        ('- $g = (-0.5,\\ -0.5)$', lambda: EV(['-0.5', '-0.5'], g)),
        ('- $\\partial L/\\partial w_2 = H^\\top g = (2(-0.5)', lambda: EV(['-1', '-1.5'], np.round(gw2, 8)) and close(H.T @ g, gw2),
            '2 0.5 0 1 0.5 2 0.5'),
        ('- $\\partial L/\\partial H = g\\,w_2^\\top', lambda: EV(['-0.5', '1', '-0.5', '1'], dH) and EV(['1', '1', '0', '1'], mask)
            and EV(['-0.5', '1', '0', '1'], dA), '1 0'),
        ('- $\\partial L/\\partial W_1 = X^\\top', lambda: EV(['1', '-1', '2', '1'], X.T) and EV(['-0.5', '0', '-1', '3'], np.round(gW1, 8)),
            '0.5 1 0 1'),
        ('*One SGD step* with learning rate', GIVEN, '0.1'),
        ('$$w_2 \\leftarrow w_2 - \\frac{\\eta}{N}', lambda: CV(['0.05', '0.075'], -eta * gw2 * [1, -1]) and EV(['1.05', '-1.925'], np.round(w2n, 9)),
            '2 1 2 2'),
        ('$$W_1 \\leftarrow W_1 - \\frac{\\eta}{N}', lambda: EV(['1.025', '-1', '0.55', '0.85'], np.round(W1n, 9)), '1 1 1'),
        ('*Sanity check:* a gradient entry of $0$', lambda: abs(gW1[0, 1]) < 1e-9 and W1n[0, 1] == W1[0, 1] and E('0', 0), '1'),
    ]

# ======================================================================= 14
@register('14_cmu_ridge_index_notation.md')
def f14():
    X = np.array([[1, 0], [0, 1], [1, 1.]]); y = np.array([1, 2, 2.]); lam = 1.0
    J = lambda w_, X_=X, y_=y, l_=lam: np.sum((X_ @ w_ - y_) ** 2) + l_ * np.sum(w_ ** 2)
    M = X.T @ X; v = X.T @ y
    w_true = np.linalg.solve(M + lam * np.eye(2), v)
    w_ols = np.linalg.solve(M, v)
    def rnd():
        return R(5, 3), R(5), R(3), RNG.uniform(0.1, 2)
    def l5():
        X_, y_, w_, l_ = rnd(); r = X_ @ w_ - y_
        return abs(J(w_, X_, y_, l_) - (np.einsum('n,n->', r, r) + l_ * np.einsum('j,j->', w_, w_))) < 1e-10
    def l9():
        X_, y_, w_, l_ = rnd(); r = X_ @ w_ - y_
        gn = ngrad(lambda t: np.sum((X_ @ t - y_) ** 2), w_)
        return (close(2 * np.einsum('nj,jk,n->k', X_, np.eye(3), r), gn) and close(2 * np.einsum('nk,n->k', X_, r), gn)
                and close(2 * X_.T @ r, gn))
    def l12():
        X_, y_, w_, l_ = rnd()
        gn = ngrad(lambda t: l_ * np.sum(t * t), w_)
        return close(l_ * np.einsum('jk,j->k', np.eye(3), w_), gn) and close(l_ * w_, gn)
    def l15():
        X_, y_, w_, l_ = rnd()
        gn = ngrad(lambda t: J(t, X_, y_, l_), w_)
        ok = close(2 * X_.T @ (X_ @ w_ - y_) + l_ * w_, gn)
        ws = np.linalg.solve(X_.T @ X_ + l_ / 2 * np.eye(3), X_.T @ y_)
        return ok and close(ngrad(lambda t: J(t, X_, y_, l_), ws), 0)
    def l16():
        ok = True
        for l_ in (0.01, 0.5, 3.0):
            Xs = R(2, 4)                                   # N < d: X^T X singular
            ok &= np.linalg.matrix_rank(Xs.T @ Xs) < 4 and np.all(np.linalg.eigvalsh(Xs.T @ Xs + l_ * np.eye(4)) > 0)
            ok &= np.all(np.linalg.eigvalsh(Xs.T @ Xs + l_ / 2 * np.eye(4)) > 0)
        return ok
    Msys = M + lam * np.eye(2)
    return [
        ('**Objective.** With', GIVEN, '0'),
        ('$$J(w) = \\lVert Xw - y\\rVert^2', lambda: trials(l5), '2 2'),
        ('where repeated indices are summed', GIVEN),
        ('**Data term.** Both factors', GIVEN),
        ('$$\\frac{\\partial}{\\partial w_k}(X_{nj}w_j - y_n)', lambda: trials(l9), '2 2 2'),
        ('$$\\frac{\\partial}{\\partial w_k}\\big(\\lambda\\, w_j w_j\\big)', lambda: trials(l12)),
        ('$$\\nabla_w J = 2X^\\top(Xw - y)', lambda: trials(l15), '2 0 2'),
        ('The matrix on the left is positive definite', l16, '0'),
        ('**Example.** $N = 3$', GIVEN, '3 2 1'),
        ('$$X = \\begin{pmatrix} 1 & 0 \\\\ 0 & 1 \\\\ 1 & 1', GIVEN, '*'),
        ('- $X^\\top X = \\begin{pmatrix} 2 & 1', lambda: EV(['2', '1', '1', '2'], M) and EV(['1', '2'], X[[0, 2], 0] * y[[0, 2]])
            and EV(['2', '2'], X[[1, 2], 1] * y[[1, 2]]) and EV(['3', '4'], v)),
        ('- $X^\\top X + \\tfrac{\\lambda}{2} I', lambda: EV(['2.5', '1', '1', '2.5'], Msys) and E('6.25', Msys[0, 0] * Msys[1, 1])
            and E('1', Msys[0, 1] * Msys[1, 0]) and E('5.25', np.linalg.det(Msys)), '2'),
        ('- Solve: $w = \\frac{1}{5.25}', lambda: CV(['0.6667', '1.3333'], w_true), '1 5.25 2.5 1 1 2.5 3 4 1 5.25 3.5 7'),
        ('- For comparison, the unregularized solution', lambda: EV(['2', '-1', '-1', '2'], np.round(3 * np.linalg.inv(M), 9))
            and CV(['0.6667', '1.6667'], w_ols), '1 1 3 3 4'),
        ('The ridge solution has a smaller norm', lambda: C('1.4907', np.linalg.norm(w_true)) and C('1.7951', np.linalg.norm(w_ols))
            and np.linalg.norm(w_true) < np.linalg.norm(w_ols)),
    ]

# ======================================================================= 15
@register('15_attention_backward_matrix.md')
def f15():
    Q = np.array([[1, 0], [0, 2.]]); K = np.array([[1, 1], [1, -1.]]); V = np.array([[1, 2], [0, 1.]]); dO = np.eye(2)
    def fwd(Q_, K_, V_):
        d = Q_.shape[1]; S_ = Q_ @ K_.T / np.sqrt(d); A_ = softmax(S_, axis=1); return S_, A_, A_ @ V_
    S, A, O = fwd(Q, K, V)
    Lq = lambda t: np.sum(dO * fwd(t, K, V)[2]); Lk = lambda t: np.sum(dO * fwd(Q, t, V)[2])
    gQ = ngrad(Lq, Q); gK = ngrad(Lk, K); gV = ngrad(lambda t: np.sum(dO * fwd(Q, K, t)[2]), V)
    dA = dO @ V.T; rs = np.sum(A * dA, axis=1); dS = A * (dA - rs[:, None])
    def rnd():
        n, d, dv = 3, 4, 2
        return R(n, d), R(n, d), R(n, dv), R(n, dv)
    def l8():
        Q_, K_, V_, dO_ = rnd(); A_ = fwd(Q_, K_, V_)[1]
        gV_ = ngrad(lambda t: np.sum(dO_ * (A_ @ t)), V_); gA = ngrad(lambda t: np.sum(dO_ * (t @ V_)), A_)
        return close(A_.T @ dO_, gV_) and gV_.shape == V_.shape and close(dO_ @ V_.T, gA) and gA.shape == (3, 3)
    def l10():
        Q_, K_, V_, dO_ = rnd(); S_ = fwd(Q_, K_, V_)[0]
        Jn = njac(lambda t: softmax(t, axis=1), S_)          # i j i' k
        A_ = softmax(S_, axis=1)
        claim = np.zeros_like(Jn)
        for i in range(3):
            claim[i, :, i, :] = A_[i][:, None] * (np.eye(3) - A_[i][None, :])
        return close(Jn, claim)
    def l11():
        Q_, K_, V_, dO_ = rnd(); S_, A_, _ = fwd(Q_, K_, V_); dA_ = dO_ @ V_.T
        gS = ngrad(lambda t: np.sum(dO_ * (softmax(t, axis=1) @ V_)), S_)
        c1 = np.einsum('ij,ij,jk->ik', dA_, A_, np.eye(3)) - np.einsum('ij,ij,ik->ik', dA_, A_, A_)
        c2 = A_ * (dA_ - np.sum(A_ * dA_, axis=1, keepdims=True))
        return close(c1, gS) and close(c2, gS)
    def l13():
        Q_, K_, V_, dO_ = rnd(); d = Q_.shape[1]
        return close(np.einsum('il,jl->ij', Q_, K_) / np.sqrt(d), fwd(Q_, K_, V_)[0])
    def l14():
        Q_, K_, V_, dO_ = rnd(); S_, A_, _ = fwd(Q_, K_, V_); dA_ = dO_ @ V_.T
        dS_ = A_ * (dA_ - np.sum(A_ * dA_, axis=1, keepdims=True))
        gQ_ = ngrad(lambda t: np.sum(dO_ * fwd(t, K_, V_)[2]), Q_); gK_ = ngrad(lambda t: np.sum(dO_ * fwd(Q_, t, V_)[2]), K_)
        return close(dS_ @ K_, gQ_) and close(dS_.T @ Q_, gK_)
    def remarks():
        Q_, K_, V_, dO_ = rnd(); S_, A_, _ = fwd(Q_, K_, V_); dA_ = dO_ @ V_.T
        dS_ = A_ * (dA_ - np.sum(A_ * dA_, axis=1, keepdims=True))
        gK_ = ngrad(lambda t: np.sum(dO_ * fwd(Q_, t, V_)[2]), K_)
        c = R(4)
        return (close(dS_.sum(1), 0) and close(gK_.sum(0), 0) and close(fwd(Q_, K_ + c, V_)[1], A_)
                and close(gQ[:, 0], 0) and close(dS.sum(1), 0) and np.all(K[:, 0] == 1))
    return [
        ('**Forward.** For $n$ tokens', GIVEN),
        ('$$S = \\frac{QK^\\top}{\\sqrt{d}} \\in', GIVEN),
        ('We are handed $dO', GIVEN),
        ('**Step 1 (matrix product).**', lambda: trials(l8)),
        ('**Step 2 (row softmax).**', lambda: trials(l10)),
        ('$$dS_{ik} = \\sum_j dA_{ij}', lambda: trials(l11)),
        ('**Step 3 (scores).** Since', lambda: trials(l13), '1'),
        ('$$dQ = dS\\,K, \\qquad dK = dS^\\top Q .$$', lambda: trials(l14)),
        ('**Example** ($n = d = d_v = 2$)', GIVEN, '2'),
        ('$$Q = \\begin{pmatrix} 1 & 0 \\\\ 0 & 2', GIVEN, '*'),
        ('- $QK^\\top = \\begin{pmatrix} 1 & 1', lambda: EV(['1', '1', '2', '-2'], Q @ K.T) and CV(['0.7071', '0.7071', '1.4142', '-1.4142'], S)),
        ('- Row 1 of $A$ is', lambda: EV(['0.5', '0.5'], A[0]) and C('2.8284', S[1, 0] - S[1, 1]) and C('-2.8284', S[1, 1] - S[1, 0])
            and close(A[1], [sig(S[1, 0] - S[1, 1]), sig(S[1, 1] - S[1, 0])]) and CV(['0.9442', '0.0558'], A[1])),
        ('- $dV = A^\\top dO = A^\\top \\approx', lambda: CV(['0.5', '0.9442', '0.5', '0.0558'], gV) and EV(['1', '0', '2', '1'], dA)),
        ('- Row sums $\\sum_j A_{ij}', lambda: E('0.5', rs[0]) and C('1.9442', rs[1], 2 * 0.9442 + 0.0558) and E('2', dA[1, 0])
            and C('0.9442', A[1, 0]) and C('0.0558', A[1, 1])),
        ('- $dS \\approx \\begin{pmatrix} 0.5(0.5)', lambda: close(dS, ngrad(lambda t: np.sum(dO * (softmax(t, axis=1) @ V)), S))
            and CV(['0.25', '-0.25', '0.0527', '-0.0527'], dS), '0.5 0.5 0.5 0.5 0.9442 0.0558 0.0558 0.9442'),
        ('- $dQ = dS\\,K \\approx', lambda: CV(['0', '0.5', '0', '0.1054'], gQ) and CV(['0.25', '0.1054', '-0.25', '-0.1054'], gK)),
        ('**Remarks.** Every row of $dS$', lambda: trials(remarks)),
    ]

# ======================================================================= 16
@register('16_6036_newton_logreg_hessian.md')
def f16():
    X = np.array([[1, 2], [1, 0.]]); y = np.array([1, 0.]); th0 = np.zeros(2)
    nll = lambda p_, y_: -(y_ * np.log(p_) + (1 - y_) * np.log(1 - p_))
    J = lambda t, X_=X, y_=y: np.mean(nll(sig(X_ @ t), y_))
    p0 = sig(X @ th0); g0 = ngrad(J, th0)
    H0 = njac(lambda t: ngrad(J, t, 1e-4), th0, 1e-4)
    Hex = X.T @ np.diag(p0 * (1 - p0)) @ X / 2
    th1 = th0 - np.linalg.solve(Hex, g0)
    def rnd():
        return R(6, 3), (RNG.uniform(size=6) > 0.5).astype(float), R(3)
    def l5():
        X_, y_, t_ = rnd()
        return close(ngrad(lambda t: J(t, X_, y_), t_), np.einsum('nj,n->j', X_, sig(X_ @ t_) - y_) / 6)
    def l7():
        X_, y_, t_ = rnd(); p_ = sig(X_ @ t_)
        return close(njac(lambda t: sig(X_ @ t), t_), (p_ * (1 - p_))[:, None] * X_)
    def l8():
        X_, y_, t_ = rnd(); p_ = sig(X_ @ t_)
        Hn = njac(lambda t: ngrad(lambda s: J(s, X_, y_), t, 1e-4), t_, 1e-4)
        c1 = np.einsum('nj,n,nk->jk', X_, p_ * (1 - p_), X_) / 6
        c2 = X_.T @ np.diag(p_ * (1 - p_)) @ X_ / 6
        return close(Hn, c1, 1e-4) and close(c1, c2)
    def l9():
        X_, y_, t_ = rnd(); p_ = sig(X_ @ t_); Hm = X_.T @ np.diag(p_ * (1 - p_)) @ X_ / 6
        ok = True
        for _ in range(5):
            v_ = R(3)
            ok &= abs(v_ @ Hm @ v_ - np.sum(p_ * (1 - p_) * (X_ @ v_) ** 2) / 6) < 1e-12 and v_ @ Hm @ v_ >= 0
        return ok
    def gd():
        t = th0 - 1.0 * g0
        return EV(['0', '0.5'], np.round(t, 8)) and C('0.5032', J(t))
    return [
        ('**Objective and gradient.**', GIVEN, '0 1'),
        ('$$J(\\theta) = -\\frac1N \\sum_{n=1}^N', lambda: trials(l5), '1 1'),
        ('**Hessian.** Only $p_n$ depends', lambda: trials(l7), '1'),
        ('$$H_{jk} = \\frac{\\partial^2 J}', lambda: trials(l8), '2 1 1'),
        ('For any $v$, $v^\\top H v', lambda: trials(l9), '1 2 0'),
        ('**Newton step.**', lambda: abs(H0[0, 0] - Hex[0, 0]) < 1e-4 and close(th1, [-2, 2], 1e-6), '1'),
        ('**Example** ($N = d = 2$', GIVEN, '2 0'),
        ('$$X = \\begin{pmatrix} 1 & 2 \\\\ 1 & 0', GIVEN, '*'),
        ('- At $\\theta = 0$: $p = (0.5,\\ 0.5)$', lambda: EV(['0.5', '0.5'], p0) and abs(J(th0) - np.log(2)) < 1e-12 and C('0.6931', J(th0))
            and E('0.25', p0[0] * (1 - p0[0])) and abs(p0[1] * (1 - p0[1]) - 0.25) < 1e-12, '0 2'),
        ('- Gradient: $\\nabla_\\theta J = \\frac12 X^\\top (p - y)', lambda: EV(['-0.5', '0.5'], p0 - y) and EV(['0', '-1'], X.T @ (p0 - y))
            and EV(['0', '-0.5'], np.round(g0, 8)), '1 2 1 2 1 2'),
        ('- Hessian: $X^\\top X = ', lambda: EV(['2', '2', '2', '4'], X.T @ X) and E('0.25', p0[0] * (1 - p0[0]))
            and EV(['0.25', '0.25', '0.25', '0.5'], Hex) and close(H0, Hex, 1e-5), '1 2'),
        ('- $\\det H = 0.125 - 0.0625 = 0.0625$', lambda: E('0.125', Hex[0, 0] * Hex[1, 1]) and E('0.0625', Hex[0, 1] * Hex[1, 0])
            and E('0.0625', np.linalg.det(Hex)) and E('16', 1 / np.linalg.det(Hex))
            and EV(['0.5', '-0.25', '-0.25', '0.25'], [Hex[1, 1], -Hex[0, 1], -Hex[1, 0], Hex[0, 0]])
            and EV(['8', '-4', '-4', '4'], np.round(np.linalg.inv(Hex), 9)), '1'),
        ('- Step: $H^{-1}\\nabla_\\theta J = (8', lambda: EV(['2', '-2'], np.round(np.linalg.solve(Hex, g0), 8)) and EV(['-2', '2'], np.round(th1, 8)),
            '1 8 0 4 0.5 4 0 4 0.5'),
        ('**After one step.** $X\\theta_{\\text{new}}', lambda: EV(['2', '-2'], np.round(X @ th1, 8)) and CV(['0.8808', '0.1192'], sig(X @ th1))),
        ('$$J(\\theta_{\\text{new}}) = -\\tfrac12', lambda: C('0.8808', sig(X @ th1)[0]) and C('0.8808', 1 - sig(X @ th1)[1])
            and C('0.1269', J(th1), -0.5 * 2 * np.log(0.8808)), '1 2'),
        ('down from $0.6931$ in a single step', lambda: C('0.6931', J(th0)) and J(th1) < J(th0) and E('1', 1.0) and gd()),
    ]

# ------------------------------------------------------------ number accounting
SPAN = re.compile(r'\$\$(.+?)\$\$|\$(.+?)\$|\\\((.+?)\\\)|\\\[(.+?)\\\]')

def _skip_group(s, i):
    """index after a balanced {...} group starting at s[i] (or after one token)"""
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
    out, i = [], 0
    while i < len(s):
        if s[i] == '_':                       # subscripts are labels
            i = _skip_group(s, i + 1)
            continue
        out.append(s[i]); i += 1
    return ''.join(out)

def line_tokens(line):
    s = line.strip()
    spans = [next(g for g in m.groups() if g is not None) for m in SPAN.finditer(s)]
    if not spans:
        spans = [s]
    toks = []
    for sp in spans:
        toks += re.findall(r'(?<![A-Za-z0-9.])[0-9]+(?:\.[0-9]+)?', normalise(sp))
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
    rest = list((+left).elements())
    if rest:
        probs.append(f'unaccounted numbers {rest}')
    return probs

# ------------------------------------------------------------------ driver
def math_lines(lines):
    out = set()
    for i, ln in enumerate(lines, 1):
        s = ln.strip()
        if s.startswith('<!--') or not s:
            continue
        if '$' in s or '\\(' in s or '\\[' in s or (re.search(r'[=≈]', s) and re.search(r'[0-9]', s)):
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
        if ctx != '*' and (ok or DEBUG):
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
    print('ALL OK' if all_ok else 'NOT OK')
    return 0 if all_ok else 1

if __name__ == '__main__':
    sys.exit(main())
