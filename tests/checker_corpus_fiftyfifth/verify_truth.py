#!/usr/bin/env python3
"""Independent NumPy check of corpus55.

Each file has a list of (substring identifying exactly one line, predicate[, declared tokens]).
* every line that contains math ($...$, or a digit together with = / ≈) must be covered;
* GIVEN marks data / definitions / conventions taken from the book;
* every other predicate recomputes the line's claim: worked numbers are compared at their
  printed precision (C: against the exact value or a value recomputed from the rounded
  carried inputs shown in the text; CA: against all candidates; E: exact), symbolic
  derivative claims are checked by central finite differences at random points;
* on every checked line, every printed decimal number must be either a checked value
  or a declared token (data re-used on that line), and every checked value must be printed.
The first line whose predicate is False must equal expected.json (null = no false line).
"""
import json, math, os, re, sys
from fractions import Fraction as Fr
import numpy as np

VERBOSE = '-v' in sys.argv
D = os.path.dirname(os.path.abspath(__file__))
RNG = np.random.default_rng(55)

# ------------------------------------------------------------------ helpers
def GIVEN():
    return True
GIVEN.is_given = True

_LITS = []
_SOFT = []   # operands of displayed arithmetic: accounted if printed, never required twice

def _tol(s):
    s = s.strip().replace('−', '-')
    m = re.fullmatch(r'[+-]?(\d+)(?:\.(\d+))?', s)
    assert m, f'bad number {s!r}'
    return float(s), 0.5 * 10.0 ** (-len(m.group(2) or '')) * (1 + 1e-9) + 1e-13

def C(shown, *cands):
    """printed value right to its printed digits for at least one candidate"""
    _LITS.append(shown)
    v, t = _tol(shown)
    return any(abs(v - float(c)) <= t for c in cands)

def CA(shown, *cands):
    """printed value right to its printed digits for every candidate (exact and carried)"""
    _LITS.append(shown)
    v, t = _tol(shown)
    return all(abs(v - float(c)) <= t for c in cands)

def E(shown, *cands):
    """printed value exactly equal (an '=' between exact decimals)"""
    _LITS.append(shown)
    v = float(shown.replace('−', '-'))
    return any(abs(v - float(c)) <= 1e-9 * max(1, abs(v)) for c in cands)

def V(fn, shown, *arrays):
    """element-wise fn over a list of printed strings"""
    arrays = [np.ravel(np.asarray(a, float)) for a in arrays]
    if any(a.size != len(shown) for a in arrays):
        _LITS.extend(shown)
        return False
    return all([fn(s, *[a[i] for a in arrays]) for i, s in enumerate(shown)])

_CUR = {'line': ''}

def _latex_to_py(frag):
    t = frag.replace('−', '-').replace('\\cdot', '*').replace('\\,', '*').replace('\\ ', ' ')
    t = re.sub(r'\\frac\{([^{}]*)\}\{([^{}]*)\}', r'((\1)/(\2))', t)
    t = t.replace('^', '**').replace('{', '(').replace('}', ')')
    return re.sub(r'\)\s*\(', ')*(', t)

def X(frag, shown, exact=False):
    """a displayed arithmetic fragment (must be on the line) evaluates to the printed result;
    its printed operands count as accounted for"""
    if frag not in _CUR['line']:
        _LITS.append('<fragment not on line: ' + frag + '>')
        return False
    _SOFT.extend(re.findall(r'(?<![\w.])\d+(?:\.\d+)?', frag))
    v = eval(_latex_to_py(frag), {'__builtins__': {}})
    t, tol = _tol(shown)
    return abs(v - t) <= (1e-9 * max(1, abs(t)) if exact else tol)

def fd(f, x, h=1e-6):
    return (f(x + h) - f(x - h)) / (2 * h)

def grad(f, x, h=1e-6):
    x = np.array(x, float); g = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        e = np.zeros_like(x); e[idx] = h
        g[idx] = (f(x + e) - f(x - e)) / (2 * h)
    return g

def jac(f, x, h=1e-6):
    x = np.array(x, float); cols = []
    for i in range(x.size):
        e = np.zeros_like(x); e.flat[i] = h
        cols.append((np.asarray(f(x + e), float) - np.asarray(f(x - e), float)).ravel() / (2 * h))
    return np.stack(cols, axis=1)

def near(a, b, tol=1e-6):
    a = np.asarray(a, float); b = np.asarray(b, float)
    return (a.shape == b.shape or b.ndim == 0) and np.allclose(a, b, atol=tol, rtol=0)

sig = lambda z: 1 / (1 + np.exp(-z))
def softmax(z):
    z = np.asarray(z, float); e = np.exp(z - z.max()); return e / e.sum()

def ALL(*bools):
    return all(bool(b) for b in bools)

FILES = {}
def register(name):
    def deco(fn):
        FILES[name] = fn; return fn
    return deco

# ======================================================================= 01
@register('01_mml_least_squares_gradient.md')
def f01():
    Phi = np.array([[1, 0.5], [1, 1.5], [1, 2.0]]); y = np.array([1, 2, 2.5]); th = np.array([0.2, 0.8])
    L = lambda t, P=Phi, yy=y: float(((yy - P @ t) ** 2).sum())
    e = y - Phi @ th
    g = grad(L, th)
    def rnd():
        P = RNG.normal(size=(4, 3)); yy = RNG.normal(size=4); t = RNG.normal(size=3)
        return P, yy, t
    def chain():
        ok = True
        for _ in range(3):
            P, yy, t = rnd(); ee = yy - P @ t
            dLde = grad(lambda q: (q ** 2).sum(), ee)
            dedt = jac(lambda q: yy - P @ q, t)
            ok &= near(grad(lambda q: L(q, P, yy), t), dLde @ dedt, 1e-6)
        return ok
    def parts():
        ok = True
        for _ in range(3):
            P, yy, t = rnd(); ee = yy - P @ t
            ok &= near(grad(lambda q: (q ** 2).sum(), ee), 2 * ee) and near(jac(lambda q: yy - P @ q, t), -P)
        return ok
    def closed():
        ok = True
        for _ in range(3):
            P, yy, t = rnd(); ee = yy - P @ t
            gg = grad(lambda q: L(q, P, yy), t)
            ok &= near(gg, -2 * ee @ P) and near(gg, -2 * (yy - t @ P.T) @ P)
        return ok
    def descent():
        gam = 1e-3; ok = True
        for _ in range(3):
            P, yy, t = rnd(); gg = grad(lambda q: L(q, P, yy), t)
            ok &= L(t - gam * gg, P, yy) < L(t, P, yy)
        return ok and L(th - 0.05 * g, ) < L(th)
    th1 = th - 0.05 * g; e1 = y - Phi @ th1
    def normal():
        ok = True
        for _ in range(3):
            P, yy, _t = rnd(); ts = np.linalg.solve(P.T @ P, P.T @ yy)
            ok &= near(grad(lambda q: L(q, P, yy), ts), 0, 1e-6)
        return ok
    ts = np.linalg.solve(Phi.T @ Phi, Phi.T @ y)
    return [
        ('# MML, Abschnitt 5.3', GIVEN),
        ('Lineares Modell', GIVEN),
        ('Wie im Buch', GIVEN),
        ('Zeilenvektoren', GIVEN),
        (r'\frac{\partial L}{\partial e}\,\frac{\partial e}{\partial \theta}', chain),
        ('Einzelteile', parts),
        (r'Also $\frac{\partial L}{\partial \theta} = -2e^\top\Phi', closed),
        ('**Zahlenbeispiel**', GIVEN),
        (r'$\Phi = \begin{bmatrix} 1 & 0.5', GIVEN),
        (r'$\Phi\theta = [0.6', lambda: V(E, ['0.6', '1.4', '1.8'], Phi @ th) and V(E, ['0.4', '0.6', '0.7'], e)),
        (r'$L = \|e\|^2 = 0.16', lambda: V(E, ['0.16', '0.36', '0.49'], e ** 2) and E('1.01', L(th))),
        (r'$e^\top\Phi = [0.4 + 0.6', lambda: V(E, ['0.4', '0.6', '0.7'], e * Phi[:, 0]) and V(E, ['0.2', '0.9', '1.4'], e * Phi[:, 1])
            and V(E, ['1.7', '2.5'], e @ Phi)),
        (r'= -2\,e^\top\Phi = [-3.4', lambda: near(g, -2 * e @ Phi) and C('-3.4', g[0]) and abs(g[1] + 5) < 1e-6),
        ('**Ein Gradientenschritt**', descent, '0.05 7.1'),
        (r'$\theta_1 = [0.2', lambda: V(E, ['0.37', '1.05'], th1) and E('0.2', th[0]) and E('0.8', th[1]) and E('0.05', 0.05) and E('3.4', -g[0])),
        ('Kontrolle:', lambda: V(E, ['0.895', '1.945', '2.47'], Phi @ th1) and V(E, ['0.105', '0.055', '0.03'], e1) and E('0.01495', L(th1))),
        ('**Nullstelle des Gradienten:**', normal),
        (r'Hier $\Phi^\top\Phi', lambda: near(Phi.T @ Phi, [[3, 4], [4, 6.5]], 1e-12) and E('6.5', 6.5) and V(E, ['5.5', '8.5'], Phi.T @ y)),
        ('Lösung:', lambda: near(ts, [0.5, 1], 1e-9) and E('0.5', ts[0]) and L(ts) < 1e-20),
    ]

# ======================================================================= 02
@register('02_geron_batch_gradient_descent.md')
def f02():
    X = np.array([[1, 1], [1, 2], [1, 3.0]]); y = np.array([3, 5, 6.0]); th = np.array([1, 1.0]); eta = 0.1; m = 3
    mse = lambda t, XX=X, yy=y: float(((XX @ t - yy) ** 2).mean())
    g = grad(mse, th)
    def rnd():
        XX = RNG.normal(size=(5, 3)); yy = RNG.normal(size=5); t = RNG.normal(size=3); return XX, yy, t
    def partial():
        ok = True
        for _ in range(3):
            XX, yy, t = rnd(); mm = len(yy)
            ok &= near(grad(lambda q: mse(q, XX, yy), t), [2 / mm * ((XX @ t - yy) * XX[:, j]).sum() for j in range(3)])
        return ok
    def vect():
        ok = True
        for _ in range(3):
            XX, yy, t = rnd(); ok &= near(grad(lambda q: mse(q, XX, yy), t), 2 / len(yy) * XX.T @ (XX @ t - yy))
        return ok
    th_gd = th - eta * g                      # what a gradient-descent step gives
    th_hat = np.linalg.solve(X.T @ X, X.T @ y)
    def normal_eq():
        XX, yy, _ = rnd(); th_ = np.linalg.inv(XX.T @ XX) @ XX.T @ yy
        return near(grad(lambda q: mse(q, XX, yy), th_), 0, 1e-6)
    return [
        ('# Géron ch. 4', GIVEN),
        ('Linear Regression model', GIVEN),
        ('Cost function (Equation 4-3)', GIVEN),
        ('Partial derivatives (Equation 4-5)', partial),
        ('Gradient vector (Equation 4-6)', vect),
        ('Toy data', GIVEN),
        (r'$\mathbf{X} = \begin{pmatrix}1 & 1', GIVEN),
        ('1. Predictions', lambda: near(X @ th, [2, 3, 4], 1e-12)),
        ('2. Errors', lambda: near(X @ th - y, [-1, -2, -2], 1e-12) and abs(mse(th) - 3) < 1e-12),
        ('3. $', lambda: near(X.T @ (X @ th - y), [-5, -11], 1e-12)),
        ('4. $', lambda: near(g, 2 / 3 * np.array([-5, -11])) and V(C, ['-3.3333', '-7.3333'], g)),
        ('5. Gradient Descent step', lambda: V(E, ['1', '1'], th) and E('0.1', eta) and V(C, ['-3.3333', '-7.3333'], g)
            and V(C, ['0.6667', '0.2667'], th_gd)),
        ('6. New predictions', lambda: V(C, ['0.9333', '1.2', '1.4667'], X @ th_gd) and V(C, ['-2.0667', '-3.8', '-4.5333'], X @ th_gd - y)),
        ('7. $', lambda: V(C, ['4.2711', '14.44', '20.5511'], (X @ th_gd - y) ** 2) and C('13.0874', mse(th_gd))),
        ('For comparison, the Normal Equation', normal_eq),
        (r'$\mathbf{X}^\top\mathbf{X} = \begin{pmatrix}3', lambda: near(X.T @ X, [[3, 6], [6, 14]], 1e-12) and near(X.T @ y, [14, 31], 1e-12)
            and near(th_hat, np.array([10, 9]) / 6, 1e-12) and V(C, ['1.6667', '1.5'], th_hat)),
        (r'where $\text{MSE}(\hat{\theta})', lambda: abs(mse(th_hat) - 1 / 18) < 1e-12 and C('0.0556', mse(th_hat))),
    ]

# ======================================================================= 03
@register('03_haykin_local_gradients.md')
def f03():
    phi = lambda v, a=1.0: 1 / (1 + np.exp(-a * v))
    y1 = np.array([0.6, 0.3]); W2 = np.array([[0.4, -0.3], [0.8, 0.2]]); d = np.array([1, 0.0]); x = np.array([1, -1.0]); eta = 0.5
    v2 = W2 @ y1; o = phi(v2); e = d - o; Eng = 0.5 * (e ** 2).sum(); dk = e * o * (1 - o)
    s_true = W2.T @ dk; dj = y1 * (1 - y1) * s_true
    def dphi():
        ok = True
        for a in (1.0, 0.7, 2.0):
            for v in RNG.normal(size=3):
                ok &= abs(fd(lambda t: phi(t, a), v) - a * phi(v, a) * (1 - phi(v, a))) < 1e-8
        return ok
    def net(W1, W2_, xx, dd):
        vj = W1 @ xx; yj = phi(vj); vk = W2_ @ yj; ok_ = phi(vk); return vj, yj, vk, ok_, 0.5 * ((dd - ok_) ** 2).sum()
    W1r = RNG.normal(size=(3, 2)); W2r = RNG.normal(size=(2, 3)); xr = RNG.normal(size=2); dr = RNG.random(2)
    vj, yj, vk, okr, _ = net(W1r, W2r, xr, dr)
    dk_r = (dr - okr) * okr * (1 - okr)
    def out_delta():
        Ev = lambda v: 0.5 * ((dr - phi(v)) ** 2).sum()
        return near(-grad(Ev, vk), dk_r, 1e-7)
    def hid_delta():
        Ev = lambda v: 0.5 * ((dr - phi(W2r @ phi(v))) ** 2).sum()
        return near(-grad(Ev, vj), yj * (1 - yj) * (W2r.T @ dk_r), 1e-7)
    def delta_rule():
        g1 = grad(lambda W: net(W, W2r, xr, dr)[4], W1r); g2 = grad(lambda W: net(W1r, W, xr, dr)[4], W2r)
        dj_r = yj * (1 - yj) * (W2r.T @ dk_r)
        return near(-0.3 * g1, 0.3 * np.outer(dj_r, xr), 1e-7) and near(-0.3 * g2, 0.3 * np.outer(dk_r, yj), 1e-7)
    return [
        ('# Haykin Kap. 4', GIVEN),
        ('Schichtnotation', GIVEN),
        ('Fehlersignal', GIVEN),
        ('Logistische Funktion', dphi),
        ('**Lokale Gradienten**', GIVEN),
        ('- Ausgabeneuron', out_delta),
        ('- verborgenes Neuron', hid_delta),
        ('- Delta-Regel', delta_rule),
        ('**Zahlen.**', GIVEN),
        ('Sollwerte', GIVEN),
        ('1. $v_1^{(2)}', lambda: V(E, ['0.15', '0.54'], v2) and X('0.4\\cdot 0.6 + (-0.3)\\cdot 0.3', '0.15', True)
            and X('0.8\\cdot 0.6 + 0.2\\cdot 0.3', '0.54', True)),
        ('2. $o_1', lambda: V(C, ['0.5374', '0.6318'], o), '0.15 0.54'),
        ('3. $e_1', lambda: CA('0.4626', e[0]) and X('1 - 0.5374', '0.4626', True) and CA('-0.6318', e[1]) and X('0 - 0.6318', '-0.6318', True)
            and CA('0.3066', Eng) and X('\\frac{1}{2}(0.4626^2 + 0.6318^2)', '0.3066'), '0.5374'),
        ('4. $\\delta_1^{(2)}', lambda: CA('0.1150', dk[0]) and X('0.4626\\cdot 0.5374\\cdot(1 - 0.5374)', '0.1150')
            and CA('-0.1470', dk[1]) and X('-0.6318\\cdot 0.6318\\cdot(1 - 0.6318)', '-0.1470')),
        ('5. Verborgenes Neuron', lambda: C('0.0901', s_true[0]), '0.1150 0.4 0.1470 0.3'),
        ('6. $\\delta_1^{(1)}', lambda: C('0.0216', dj[0]), '0.6 0.0901'),
        ('7. Neuron $j = 2$', lambda: C('0.0626', s_true[1]) and C('0.0131', dj[1]), '0.1150 0.8 0.1470 0.2 0.3 0.7'),
        ('8. Korrekturen', lambda: V(C, ['0.0108', '-0.0108'], eta * dj[0] * x), '0.5 0.0216'),
        ('9. $\\Delta w_{21}', lambda: V(C, ['0.0066', '-0.0066'], eta * dj[1] * x), '0.5 0.0131'),
    ]

# ======================================================================= 04
@register('04_d2l_mlp_backprop.md')
def f04():
    relu = lambda t: np.maximum(t, 0)
    def J_of(W1, W2, x, y, lam):
        z = W1 @ x; h = relu(z); o = W2 @ h
        return 0.5 * float(((o - y) ** 2).sum()) + lam / 2 * ((W1 ** 2).sum() + (W2 ** 2).sum())
    def rnd():
        while True:
            W1 = RNG.normal(size=(3, 2)); W2 = RNG.normal(size=(1, 3)); x = RNG.normal(size=2); y = RNG.normal(size=1)
            if np.min(np.abs(W1 @ x)) > 0.05:
                return W1, W2, x, y, 0.3
    def parts(W1, W2, x, y, lam):
        z = W1 @ x; h = relu(z); o = W2 @ h; dO = o - y
        dW2 = np.outer(dO, h) + lam * W2; dH = W2.T @ dO; dZ = dH * (z > 0); dW1 = np.outer(dZ, x) + lam * W1
        return z, h, o, dO, dW2, dH, dZ, dW1
    def chk(which):
        ok = True
        for _ in range(3):
            W1, W2, x, y, lam = rnd(); z, h, o, dO, dW2, dH, dZ, dW1 = parts(W1, W2, x, y, lam)
            if which == 'o':
                ok &= near(grad(lambda oo: 0.5 * ((oo - y) ** 2).sum(), o), dO)
            elif which == 'W2':
                ok &= near(grad(lambda W: J_of(W1, W, x, y, lam), W2), dW2)
            elif which == 'h':
                ok &= near(grad(lambda hh: 0.5 * ((W2 @ hh - y) ** 2).sum(), h), dH)
            elif which == 'z':
                ok &= near(grad(lambda zz: 0.5 * ((W2 @ relu(zz) - y) ** 2).sum(), z), dZ)
            elif which == 'W1':
                ok &= near(grad(lambda W: J_of(W, W2, x, y, lam), W1), dW1)
        return ok
    W1 = np.array([[0.5, -0.5], [0.25, 0.5]]); W2 = np.array([[1, -0.4]]); x = np.array([1, 2.0]); y = np.array([1.0]); lam = 0.1
    z, h, o, dO, dW2, dH, dZ, dW1 = parts(W1, W2, x, y, lam)
    L = 0.5 * float(((o - y) ** 2).sum()); s = lam / 2 * ((W1 ** 2).sum() + (W2 ** 2).sum())
    return [
        ('# D2L 5.3', GIVEN),
        ('Setup exactly as in the section', GIVEN),
        ('$L = l(\\mathbf{o}, y)$, $s =', GIVEN),
        ('Here $\\phi = \\mathrm{ReLU}$', GIVEN),
        ('Backward pass (the', GIVEN),
        ('- $\\frac{\\partial J}{\\partial \\mathbf{o}}', lambda: chk('o')),
        ('- $\\frac{\\partial J}{\\partial \\mathbf{W}^{(2)}}', lambda: chk('W2')),
        ('- $\\frac{\\partial J}{\\partial \\mathbf{h}}', lambda: chk('h')),
        ('- $\\frac{\\partial J}{\\partial \\mathbf{z}}', lambda: chk('z')),
        ('- $\\frac{\\partial J}{\\partial \\mathbf{W}^{(1)}}', lambda: chk('W1')),
        ('Worked numbers', GIVEN),
        ('Forward: $', lambda: X('0.5 - 1', '-0.5', True) and X('0.25 + 1', '1.25', True) and X('1\\cdot 0 - 0.4\\cdot 1.25', '-0.5', True)
            and near(z, [-0.5, 1.25], 1e-12) and near(h, [0, 1.25], 1e-12) and E('-0.5', o[0])
            and E('0.5', W1[0, 0] * x[0]) and E('0.25', W1[1, 0] * x[0]) and E('1.25', z[1]) and E('0.4', -W2[0, 1])
            and E('-0.5', z[0]) and E('1.25', h[1])),
        ('Loss: $L', lambda: X('\\frac{1}{2}(-0.5 - 1)^2', '1.125', True) and X('0.05\\,(0.8125 + 1.16)', '0.098625', True)
            and E('1.125', L) and np.isclose(lam / 2, 0.05) and np.isclose((W1 ** 2).sum(), 0.8125)
            and np.isclose((W2 ** 2).sum(), 1.16) and E('0.098625', s) and E('1.223625', L + s)),
        ('- $\\partial J/\\partial o', lambda: E('-1.5', dO[0]) and X('-0.5 - 1', '-1.5', True) and np.isclose(o[0], -0.5)),
        ('- $\\partial J/\\partial \\mathbf{W}^{(2)}', lambda: near(dW2, grad(lambda W: J_of(W1, W, x, y, lam), W2)) and V(E, ['0.1', '-1.915'], dW2)
            and E('1.5', -dO[0]) and E('1.25', h[1]) and E('0.4', -W2[0, 1]) and E('0.1', lam)),
        ('- $\\partial J/\\partial \\mathbf{h}', lambda: V(E, ['-1.5', '0.6'], dH) and E('0.4', -W2[0, 1]) and E('-1.5', dO[0])),
        ('- $\\phi\'(\\mathbf{z})', lambda: near(z > 0, [0, 1]) and near(dZ, [0, 0.6], 1e-12) and E('0.6', dZ[1])),
        ('- $\\partial J/\\partial \\mathbf{W}^{(1)}', lambda: near(dW1, grad(lambda W: J_of(W, W2, x, y, lam), W1))
            and V(E, ['0.05', '-0.05', '0.625', '1.25'], dW1) and E('0.6', dZ[1]) and E('0.1', lam)),
        ('Sanity check', lambda: z[0] == -0.5 and near(dW1[0], lam * W1[0], 1e-12) and E('0.5', -z[0])),
    ]

# ======================================================================= 05
@register('05_ssbd_hinge_subgradient_sgd.md')
def f05():
    w = np.array([0.5, -0.5]); x = np.array([1, 2.0]); y = 1.0; lam = 0.1; eta = 0.1
    hinge = lambda ww, xx=x, yy=y: max(0.0, 1 - yy * float(ww @ xx))
    f = lambda ww: lam / 2 * float(ww @ ww) + hinge(ww)
    def is_sub(fun, w0, v, n=400, scale=3.0):
        U = w0 + scale * RNG.normal(size=(n, len(w0)))
        return all(fun(u) >= fun(w0) + (u - w0) @ v - 1e-12 for u in U)
    v_true = -y * x; vt_true = lam * w + v_true; w1 = w - eta * vt_true
    def max_rule():
        ok = True
        for _ in range(3):
            c1, c2 = RNG.normal(size=2), RNG.normal(size=2); b2 = RNG.normal()
            g1 = lambda u: float((u - c1) @ (u - c1)); g2 = lambda u: float(c2 @ u) + b2
            gm = lambda u: max(g1(u), g2(u)); w0 = RNG.normal(size=2)
            gr = 2 * (w0 - c1) if g1(w0) >= g2(w0) else c2
            ok &= is_sub(gm, w0, gr)
        return ok
    wk = np.array([1.0, 0.0])                      # y<w,x> = 1 : the kink
    wi = np.array([1.0, 1.0])                      # y<w,x> = 3 > 1 : inactive
    def kink():
        return all(is_sub(lambda u: hinge(u), wk, a * y * x) for a in (0.0, 0.3, 1.0))
    def inactive():
        return (y * wi @ x > 1 and is_sub(lambda u: hinge(u), wi, np.zeros(2), scale=0.05)
                and not is_sub(lambda u: hinge(u), wi, 0.01 * x, scale=0.5)
                and near(grad(f, wi), lam * wi, 1e-6))
    return [
        ('# UML cap. 14–15', GIVEN),
        ('Pérdida bisagra:', GIVEN),
        ('Objetivo regularizado', GIVEN),
        ('Recordatorio', GIVEN),
        ('Para $g(\\mathbf{w}) = \\max_i', max_rule),
        ('Datos:', GIVEN),
        ('1. Margen', lambda: E('-0.5', y * w @ x) and X('0.5 - 1', '-0.5', True) and y * w @ x < 1 and X('1 - (-0.5)', '1.5', True) and E('1.5', hinge(w))),
        ('2. $f(', lambda: E('1.525', f(w)) and X('0.05\\cdot 0.5 + 1.5', '1.525', True) and np.isclose(lam / 2, 0.05) and np.isclose(w @ w, 0.5) and hinge(w) == 1.5),
        ('3. La función que alcanza', lambda: is_sub(lambda u: hinge(u), w, np.array([1, 2.0])) and V(E, ['1', '2'], y * x)),
        ('4. Subgradiente del objetivo', lambda: is_sub(f, w, np.array([1.05, 1.95])) and V(E, ['1.05', '1.95'], vt_true)
            and E('0.05', lam * w[0])),
        ('5. Paso de SGD', lambda: V(E, ['0.395', '-0.695'], w1) and E('0.5', w[0]) and E('0.105', eta * 1.05) and E('0.195', eta * 1.95)),
        ('6. Nuevo margen', lambda: E('-0.995', y * w1 @ x) and E('0.395', w1[0]) and E('1.39', -2 * w1[1]) and E('1.995', hinge(w1))),
        ('7. $f(', lambda: V(E, ['0.156025', '0.483025'], w1 ** 2) and E('0.0319525', lam / 2 * w1 @ w1) and E('1.995', hinge(w1))
            and E('2.0269525', f(w1)) and E('0.05', lam / 2)),
        ('En el vértice', kink),
        ('Caso inactivo', inactive),
    ]

# ======================================================================= 06
@register('06_kochenderfer_adam.md')
def f06():
    f = lambda x: x[0] ** 2 + 4 * x[1] ** 2; gf = lambda x: np.array([2 * x[0], 8 * x[1]])
    gv, gs, eps, a = 0.9, 0.999, 1e-8, 0.1
    hist = []; x = np.array([1, -0.5]); v = np.zeros(2); s = np.zeros(2)
    for k in (1, 2):
        g = gf(x); v = gv * v + (1 - gv) * g; s = gs * s + (1 - gs) * g * g
        vh = v / (1 - gv ** k); sh = s / (1 - gs ** k); r = vh / (eps + np.sqrt(sh)); xn = x - a * r
        hist.append(dict(x=x, g=g, v=v, s=s, vh=vh, sh=sh, r=r, xn=xn)); x = xn
    h1, h2 = hist
    def first_step():
        ok = True
        for _ in range(4):
            g = RNG.normal(size=3) * 5
            vv = (1 - gv) * g; ss = (1 - gs) * g * g
            ok &= near((vv / (1 - gv)) / np.sqrt(ss / (1 - gs)), g / np.abs(g), 1e-12)
        return ok
    return [
        ('# 《Algorithms for Optimization》', GIVEN),
        ('书中 Adam 的更新', GIVEN),
        ('$\\mathbf{v}^{(k+1)} = \\gamma_v', GIVEN),
        ('$\\hat{\\mathbf{v}}^{(k+1)} =', GIVEN),
        ('超参数', GIVEN),
        ('目标函数', lambda: all(near(grad(f, p), gf(p)) for p in RNG.normal(size=(3, 2))) and abs(f(h1['x']) - 2) < 1e-12, '0.5'),
        ('**第 1 步**', GIVEN),
        ('- $\\mathbf{g}^{(1)} =', lambda: near(h1['g'], [2, -4], 1e-12) and V(E, ['0.2', '-0.4'], h1['v']) and V(E, ['0.004', '0.016'], h1['s'])),
        ('- 偏差修正', lambda: E('0.1', 1 - gv) and E('0.001', 1 - gs) and near(h1['vh'], [2, -4], 1e-9) and near(h1['sh'], [4, 16], 1e-9)
            and near(np.sqrt(h1['sh']), [2, 4], 1e-9)),
        ('- $\\mathbf{x}^{(2)} =', lambda: V(E, ['0.9', '-0.4'], h1['x'] - a * np.sign(h1['g'])) and E('0.1', a) and E('0.5', -h1['x'][1])
            and np.max(np.abs(h1['xn'] - (h1['x'] - a * np.sign(h1['g'])))) < 1e-9),
        ('第一步每个坐标恰好移动', first_step),
        ('**第 2 步**', GIVEN),
        ('- $\\mathbf{g}^{(2)} =', lambda: V(C, ['1.8', '-3.2'], h2['g'])),
        ('- $\\mathbf{v}^{(3)} =', lambda: V(C, ['0.36', '-0.68'], h2['v']), '0.9 0.2 0.4 0.1 1.8 3.2'),
        ('- $\\mathbf{s}^{(3)} =', lambda: V(C, ['0.007236', '0.026224'], h2['s']) and V(C, ['3.24', '10.24'], h2['g'] ** 2), '0.999 0.004 0.016 0.001'),
        ('- $1 - \\gamma_v^2', lambda: C('0.19', 1 - gv ** 2) and C('0.001999', 1 - gs ** 2)),
        ('- $\\hat{\\mathbf{v}}^{(3)} \\approx', lambda: V(C, ['1.894737', '-3.578947'], h2['vh']) and V(C, ['3.619810', '13.118559'], h2['sh'])
            and V(C, ['1.902580', '3.621955'], np.sqrt(h2['sh']))),
        ('- $\\hat{\\mathbf{v}}^{(3)} \\oslash', lambda: V(CA, ['0.99588', '-0.98813'], h2['r'], np.array([1.894737 / 1.902580, -3.578947 / 3.621955]))),
        ('- $\\mathbf{x}^{(3)} \\approx', lambda: V(CA, ['0.80041', '-0.30119'], h2['xn'], np.array([0.9 - 0.099588, -0.4 + 0.098813])), '0.9 0.4 0.1 0.99588 0.98813'),
        ('函数值', lambda: abs(f(h1['x']) - 2) < 1e-12 and E('1.45', f(np.array([0.9, -0.4]))) and abs(f(h1['xn']) - 1.45) < 1e-8 and CA('1.0035', f(h2['xn']), f(np.array([0.80041, -0.30119])))),
    ]

# ======================================================================= 07
@register('07_mitchell_backpropagation.md')
def f07():
    x = np.array([1, 0.5]); t = 1.0; eta = 0.3
    W_h = np.array([[0.2, -0.1], [0.4, 0.3]]); w5 = np.array([0.5, -0.6])
    def fwd(Wh=W_h, w=w5):
        net_h = Wh @ x; o_h = sig(net_h); net5 = w @ o_h; o5 = sig(net5); return net_h, o_h, net5, o5, 0.5 * (t - o5) ** 2
    net_h, o_h, net5, o5, _ = fwd()
    d5 = o5 * (1 - o5) * (t - o5); dh = o_h * (1 - o_h) * w5 * d5
    def rules():
        ok = abs(-fd(lambda n: 0.5 * (t - sig(n)) ** 2, net5) - d5) < 1e-9
        ok &= near(-grad(lambda n: 0.5 * (t - sig(w5 @ sig(n))) ** 2, net_h), dh, 1e-9)
        return ok
    def dsig():
        return all(abs(fd(sig, q) - sig(q) * (1 - sig(q))) < 1e-9 for q in RNG.normal(size=4))
    def update_rule():
        gWh = grad(lambda W: fwd(W, w5)[4], W_h); gw = grad(lambda w: fwd(W_h, w)[4], w5)
        return near(-eta * gWh, eta * np.outer(dh, x), 1e-8) and near(-eta * gw, eta * d5 * o_h, 1e-8)
    dw5 = eta * d5 * o_h; dwh = eta * np.outer(dh, x)
    return [
        ('# Mitchell cap. 4', GIVEN),
        ('Notazione di Mitchell', GIVEN),
        ('$net_j = \\sum_i', dsig),
        ('- unità di uscita', rules),
        ('- unità nascosta', rules),
        ('- aggiornamento:', update_rule),
        ('Rete: ingressi', GIVEN),
        ('Pesi: $w_{31}', GIVEN),
        ('Esempio di addestramento', GIVEN),
        ('- $net_3', lambda: E('0.15', net_h[0]) and X('0.2\\cdot 1 - 0.1\\cdot 0.5', '0.15', True) and C('0.5374', o_h[0]), '0.15'),
        ('- $net_4', lambda: E('0.55', net_h[1]) and X('0.4\\cdot 1 + 0.3\\cdot 0.5', '0.55', True) and C('0.6341', o_h[1]), '0.55'),
        ('- $net_5', lambda: CA('-0.1118', net5) and X('0.5\\cdot 0.5374 - 0.6\\cdot 0.6341', '-0.1118') and CA('0.4721', o5, sig(-0.1118)), '0.1118'),
        ('- $\\delta_5', lambda: C('0.5279', 1 - o5) and C('0.2492', o5 * (1 - o5)) and C('0.1361', d5), '0.4721'),
        ('- $\\delta_3', lambda: C('0.2486', o_h[0] * (1 - o_h[0])) and C('0.01692', dh[0]), '0.5 0.1361'),
        ('- $\\delta_4', lambda: C('0.2320', o_h[1] * (1 - o_h[1])) and C('-0.01895', dh[1]), '0.6 0.1361'),
        ('**Aggiornamenti**', GIVEN),
        ('- $\\Delta w_{53}', lambda: V(C, ['0.02194', '0.02589'], dw5), '0.3 0.1361 0.5374 0.6341'),
        ('- $\\Delta w_{31}', lambda: V(C, ['0.005076', '0.002538'], dwh[0]), '0.3 0.01692 0.5'),
        ('- $\\Delta w_{41}', lambda: C('-0.005685', dwh[1, 0]) and C('-0.00284', dwh[1, 1]), '0.3 0.01895 0.5'),
        ('- Nuovi pesi', lambda: V(C, ['0.5219', '-0.5741', '0.2051', '0.3943'], [w5[0] + dw5[0], w5[1] + dw5[1], W_h[0, 0] + dwh[0, 0], W_h[1, 0] + dwh[1, 0]])),
    ]

# ======================================================================= 08
@register('08_strang_steepest_descent.md')
def f08():
    def sd(b, x0, n):
        S = np.diag([1.0, b]); xs = [np.array(x0, float)]
        for _ in range(n):
            g = S @ xs[-1]; s = g @ g / (g @ S @ g); xs.append(xs[-1] - s * g)
        return xs
    fS = lambda p, b: 0.5 * (p[0] ** 2 + b * p[1] ** 2)
    def grad_claim():
        ok = True
        for _ in range(3):
            b = RNG.uniform(0.1, 0.9); p = RNG.normal(size=2)
            ok &= near(grad(lambda q: fS(q, b), p), [p[0], b * p[1]])
            A = RNG.normal(size=(3, 3)); S = A @ A.T; q0 = RNG.normal(size=3)
            ok &= near(grad(lambda q: 0.5 * q @ S @ q, q0), S @ q0)
        return ok
    def line_search():
        ok = True
        for _ in range(3):
            b = RNG.uniform(0.1, 0.9); p = RNG.normal(size=2); S = np.diag([1, b]); g = S @ p
            sk = g @ g / (g @ S @ g)
            ok &= abs(fd(lambda s: fS(p - s * g, b), sk)) < 1e-8
        return ok
    def closed():
        ok = True
        for b in (0.2, 1 / 3, 0.6, 0.9):
            xs = sd(b, [b, 1], 6)
            for k, p in enumerate(xs):
                ok &= near(p, [b * ((b - 1) / (b + 1)) ** k, ((1 - b) / (1 + b)) ** k], 1e-12)
                ok &= abs(fS(p, b) - ((1 - b) / (1 + b)) ** (2 * k) * fS(xs[0], b)) < 1e-12
        return ok
    b = Fr(1, 3); r = (b - 1) / (b + 1)
    x0 = (Fr(1, 3), Fr(1)); g0 = (x0[0], b * x0[1]); gg = g0[0] ** 2 + g0[1] ** 2; gSg = g0[0] ** 2 + b * g0[1] ** 2
    s0 = gg / gSg; x1 = (x0[0] - s0 * g0[0], x0[1] - s0 * g0[1]); g1 = (x1[0], b * x1[1])
    fF = lambda p: Fr(1, 2) * (p[0] ** 2 + b * p[1] ** 2)
    x2 = (b * r ** 2, ((1 - b) / (1 + b)) ** 2)
    xs_num = sd(1 / 3, [1 / 3, 1], 10)
    return [
        ('# Strang VI.4', GIVEN),
        ('Notação do livro', grad_claim),
        ('Aqui $S = ', lambda: near(np.linalg.eigvalsh(np.diag([1, 0.4])), [0.4, 1]) and grad_claim()),
        ('Busca exata na reta', line_search),
        ('Fórmula fechada do livro', GIVEN),
        ('$$x_k = b', closed),
        ('**Exemplo com $b = 1/3$:**', lambda: r == Fr(-1, 2) and (b - 1) == Fr(-2, 3) and (b + 1) == Fr(4, 3)),
        ('Passo 1 feito à mão', GIVEN),
        ('- $\\nabla f_0 =', lambda: g0 == (Fr(1, 3), Fr(1, 3)) and gg == Fr(2, 9) and gSg == Fr(1, 9) + Fr(1, 27) == Fr(4, 27)),
        ('- $s_0 =', lambda: s0 == Fr(3, 2)),
        ('- $\\boldsymbol{x}_1 =', lambda: x1 == (Fr(-1, 6), Fr(1, 2)) and b * r == Fr(-1, 6) and near(xs_num[1], [-1 / 6, 0.5], 1e-12)),
        ('- $f(\\boldsymbol{x}_0) =', lambda: fF(x0) == Fr(2, 9) and fF(x1) == Fr(1, 18) and Fr(1, 2) * (Fr(1, 9) + Fr(1, 3)) == Fr(2, 9)
            and Fr(1, 2) * (Fr(1, 36) + Fr(1, 12)) == Fr(1, 18) and C('0.2222', 2 / 9) and C('0.0556', 1 / 18)),
        ('- O novo gradiente', lambda: g1 == (Fr(-1, 6), Fr(1, 6)) and g1[0] * g0[0] + g1[1] * g0[1] == 0),
        ('Razão $f(', lambda: fF(x1) / fF(x0) == Fr(1, 4) == ((1 - b) / (1 + b)) ** 2 and 1 / b == 3 and (Fr(2, 4)) ** 2 == Fr(1, 4)),
        ('Passo 2 pela fórmula', lambda: x2 == (Fr(1, 12), Fr(1, 4)) and fF(x2) == Fr(1, 72) and Fr(1, 2) * (Fr(1, 144) + Fr(1, 48)) == Fr(1, 72)
            and near(xs_num[2], [1 / 12, 1 / 4], 1e-12) and C('0.0139', 1 / 72)),
        ('Depois de $k$ passos', lambda: C('2.12', fS(xs_num[10], 1 / 3) * 1e7) and abs(fS(xs_num[10], 1 / 3) - 2 / 9 * 4.0 ** -10) < 1e-18),
    ]

# ======================================================================= 09
@register('09_mml_jacobian_tanh_layer.md')
def f09():
    A = np.array([[1, 2], [0, -1.0]]); b = np.array([1, -0.7]); x = np.array([0.5, -1.0]); y = np.array([0, 1.0])
    z = A @ x + b; f = np.tanh(z)
    Lf = lambda ff: float(((y - ff) ** 2).sum())
    L_x = lambda xx: Lf(np.tanh(A @ xx + b)); L_b = lambda bb: Lf(np.tanh(A @ x + bb))
    dLdf = grad(Lf, f); Jz = jac(np.tanh, z); Jx = jac(lambda xx: np.tanh(A @ xx + b), x)
    dLdb = grad(L_b, b); dLdx = grad(L_x, x)
    Jwrong = np.array([[0.78645, 0], [1.57290, -0.91514]])
    def col_grads():     # the column gradients of each f_i themselves
        return all(near(grad(lambda xx: np.tanh(A @ xx + b)[i], x), (1 - f[i] ** 2) * A[i]) for i in range(2))
    return [
        ('# MML 5章', GIVEN),
        ('MML の約束', GIVEN),
        ('ベクトル値関数', GIVEN),
        ('設定:', GIVEN),
        ('$A = \\begin{bmatrix}1 & 2', GIVEN),
        ('- $z = Ax + b', lambda: near(z, [-0.5, 0.3], 1e-12) and X('0.5 - 2 + 1', '-0.5', True) and X('1 - 0.7', '0.3', True)
            and E('-0.5', z[0]) and E('0.3', z[1])),
        ('- $f = \\tanh(z)', lambda: V(C, ['-0.46212', '0.29131'], f)),
        ('- $L = (0 + 0.46212)', lambda: CA('0.21355', f[0] ** 2) and X('(0 + 0.46212)^2', '0.21355') and CA('0.50224', (1 - f[1]) ** 2)
            and X('(1 - 0.29131)^2', '0.50224') and CA('0.7158', Lf(f)) and X('0.21355 + 0.50224', '0.7158')),
        ('- $\\frac{\\partial L}{\\partial f}', lambda: near(dLdf, -2 * (y - f)) and V(C, ['-0.92423', '-1.41737'], dLdf)),
        ('- $\\frac{\\partial f}{\\partial z}', lambda: near(Jz, np.diag(1 - f * f)) and V(C, ['0.78645', '0.91514'], 1 - f * f)
            and near(jac(lambda bb: A @ x + bb, b), np.eye(2))),
        ('- $\\frac{\\partial L}{\\partial b}', lambda: near(dLdb, dLdf @ Jz) and V(CA, ['-0.7269', '-1.2971'], dLdb)
            and X('-0.92423\\cdot 0.78645', '-0.7269') and X('-1.41737\\cdot 0.91514', '-1.2971')),
        ('を並べて', lambda: col_grads() and near(Jx, Jwrong, 1e-5) and V(C, ['0.78645', '1.57290', '0.91514'], [Jx[0, 0], Jx[1, 0], -Jx[1, 1]])),
        ('- 連鎖律', lambda: near(dLdx, dLdf @ Jx) and V(C, ['-2.9562', '1.2971'], dLdx), '0.92423 0.78645 1.41737 1.57290 0.91514'),
        ('**勾配降下 1 ステップ**', lambda: L_x(x - 1e-3 * dLdx) < L_x(x), '7.1 0.1'),
        ('- $x_{\\text{new}}', lambda: V(C, ['0.79562', '-1.12971'], x - 0.1 * dLdx), '0.5 0.1 2.9562 1.2971'),
    ]

# ======================================================================= 10
@register('10_chollet_linear_classifier_gradient.md')
def f10():
    I = np.array([[1, 2], [3, -1.0]]); T = np.array([1, 0.0]); W = np.array([0.5, 0.5]); b = 0.0; lr = 0.1
    loss = lambda W_, b_, I_=I, T_=T: float(((T_ - (I_ @ W_ + b_)) ** 2).mean())
    gW = grad(lambda q: loss(q, b), W); gb = fd(lambda q: loss(W, q), b)
    def sym():
        ok = True
        for _ in range(3):
            I_ = RNG.normal(size=(4, 3)); T_ = RNG.normal(size=4); W_ = RNG.normal(size=3); b_ = RNG.normal()
            r = T_ - (I_ @ W_ + b_)
            ok &= near(grad(lambda q: loss(q, b_, I_, T_), W_), -2 / 4 * I_.T @ r) and abs(fd(lambda q: loss(W_, q, I_, T_), b_) + 2 / 4 * r.sum()) < 1e-6
        return ok
    W1 = W - lr * gW; b1 = b - lr * gb; P1 = I @ W1 + b1
    return [
        ('# Chollet ch. 3', GIVEN),
        ('Forward pass as in the book', GIVEN),
        ('`loss = tf.reduce_mean', GIVEN),
        ('$\\text{loss} = \\frac{1}{N}', GIVEN),
        ('Chain rule (this is what', GIVEN),
        ('$\\text{grad\\_loss\\_wrt\\_W} = -\\frac{2}{N}', sym),
        ('Update step:', GIVEN),
        ('Batch of $N = 2$', GIVEN),
        ('$W = \\begin{pmatrix}0.5', GIVEN),
        ('1. $\\text{predictions}', lambda: near(I @ W + b, [1.5, 1], 1e-12) and X('0.5 + 1', '1.5', True) and X('1.5 - 0.5', '1', True)
            and E('1.5', (I @ W + b)[0])),
        ('2. $\\text{targets} - \\text{predictions}', lambda: V(E, ['-0.5', '-1'], T - I @ W - b) and X('\\frac{0.25 + 1}{2}', '0.625', True) and E('0.625', loss(W, b))),
        ('3. $\\text{inputs}^\\top', lambda: V(E, ['-3.5', '0'], I.T @ (T - I @ W - b)) and X('1\\cdot(-0.5) + 3\\cdot(-1)', '-3.5', True)
            and X('2\\cdot(-0.5) + (-1)\\cdot(-1)', '0', True)),
        ('4. $\\text{grad\\_loss\\_wrt\\_W}', lambda: near(gW, [3.5, 0]) and E('3.5', 3.5) and abs(gb - 1.5) < 1e-6 and X('-(-0.5 - 1)', '1.5', True) and E('1.5', gb), '3.5'),
        ('5. $W \\leftarrow', lambda: V(C, ['0.15', '0.5'], W1) and X('0.5 - 0.35', '0.15', True) and X('0.5 - 0', '0.5', True) and np.isclose(lr * gW[0], 0.35)
            and C('-0.15', b1) and X('0 - 0.15', '-0.15', True) and np.isclose(lr * gb, 0.15)),
        ('6. New predictions', lambda: V(C, ['1', '-0.2'], P1) and X('0.15 + 1 - 0.15', '1', True) and X('0.45 - 0.5 - 0.15', '-0.2', True)
            and X('\\frac{0^2 + 0.2^2}{2}', '0.02', True) and C('0.02', loss(W1, b1))),
        ('The second weight did not move', lambda: abs(gW[1]) < 1e-6 and 2 * -0.5 + (-1) * (-1) == 0 and E('0.5', 0.5)),
    ]

# ======================================================================= 11
@register('11_sutton_barto_reinforce_softmax.md')
def f11():
    th = np.array([0.2, -0.1]); X = np.array([[1, 0], [0, 1], [1, 1.0]]); gamma, alpha = 0.9, 0.1; R = {1: 1.0, 2: 2.0}; T = 2
    h = X @ th; pi = softmax(h)
    lnpi = lambda t, a: float(np.log(softmax(X @ t)[a]))
    elig = grad(lambda t: lnpi(t, 0), th)
    G = {t: sum(gamma ** (k - t - 1) * R[k] for k in range(t + 1, T + 1)) for t in range(T)}
    def elig_formula():
        ok = True
        for _ in range(3):
            XX = RNG.normal(size=(4, 3)); t = RNG.normal(size=3); p = softmax(XX @ t); a = int(RNG.integers(4))
            g = grad(lambda q: np.log(softmax(XX @ q)[a]), t)
            e_h = np.exp(XX @ t)
            ok &= near(g, XX[a] - (e_h[:, None] * XX).sum(0) / e_h.sum()) and near(g, XX[a] - p @ XX)
        return ok
    th_new = th + alpha * gamma ** 1 * G[1] * elig
    return [
        ('# S&B Ch. 13', GIVEN),
        ('Policy (13.2)', GIVEN),
        ('Eligibility vector (Exercise 13.3)', lambda: all(near(grad(lambda q: q @ X[a], th), X[a]) for a in range(3)), '13.3'),
        ('$\\nabla \\ln \\pi(a|s,\\boldsymbol{\\theta}) = \\mathbf{x}(s,a) -', elig_formula),
        ('REINFORCE (boxed algorithm)', GIVEN),
        ('Episode:', GIVEN),
        ('We do the $t = 1$ update', GIVEN),
        ('Features in $S_1$', GIVEN),
        ('1. Preferences', lambda: V(E, ['0.2', '-0.1', '0.1'], h)),
        ('2. $e^{h}', lambda: V(C, ['1.22140', '0.90484', '1.10517'], np.exp(h)) and C('3.23141', np.exp(h).sum())),
        ('3. $\\pi(\\cdot|S_1', lambda: V(C, ['0.3780', '0.2800', '0.3420'], pi)),
        ('4. $\\sum_b', lambda: V(CA, ['0.7200', '0.6220'], pi @ X, [0.3780 + 0.3420, 0.2800 + 0.3420]), '0.3780 0.2800 0.3420'),
        ('5. $\\nabla \\ln \\pi(a_1', lambda: near(elig, X[0] - pi @ X) and V(CA, ['0.2800', '-0.6220'], elig, [1 - 0.72, -0.622])
            and V(C, ['0.7200', '0.6220'], pi @ X)),
        ('6. Return:', lambda: E('2.8', G[1]) and E('0.9', gamma)),
        ('7. Scalar factor', lambda: E('0.252', alpha * gamma * G[1]) and E('0.1', alpha) and E('0.9', gamma) and E('2.8', G[1])),
        ('8. $\\boldsymbol{\\theta} \\leftarrow', lambda: V(C, ['0.2706', '-0.2567'], th_new), '0.2 0.1 0.252 0.2800 0.6220'),
        ('The step raises', lambda: softmax(X @ th_new)[0] > pi[0] and (X[0] - pi @ X) @ (th_new - th) > 0),
    ]

# ======================================================================= 12
@register('12_goodfellow_minibatch_sgd.md')
def f12():
    Xb = np.array([[1, 2], [1, -1.0]]); yb = np.array([1, 0.0]); th = np.array([0, 0.5]); epsk = 0.1
    Lz = lambda z, y: float(-y * np.log(sig(z)) - (1 - y) * np.log(1 - sig(z)))
    J = lambda t: np.mean([Lz(x @ t, y) for x, y in zip(Xb, yb)])
    z = Xb @ th; yh = sig(z); gi = (yh - yb)[:, None] * Xb; g = grad(J, th); th1 = th - epsk * g
    def deriv():
        ok = True
        for q in RNG.normal(size=3):
            ok &= abs(fd(sig, q) - sig(q) * (1 - sig(q))) < 1e-9
            for yy in (0.0, 1.0):
                ok &= abs(fd(lambda t: Lz(t, yy), q) - (sig(q) - yy)) < 1e-8
        xx = RNG.normal(size=3); tt = RNG.normal(size=3)
        ok &= near(grad(lambda t: Lz(xx @ t, 1.0), tt), (sig(xx @ tt) - 1) * xx)
        return ok
    def ghat():
        return near(g, gi.mean(0)) and V(CA, ['0.05430', '-0.45771'], g, [(-0.26894 + 0.37754) / 2, (-0.53788 - 0.37754) / 2])
    return [
        ('# 『深層学習』', GIVEN),
        ('アルゴリズム 8.1:ミニバッチ', GIVEN),
        ('勾配の推定量', GIVEN),
        ('モデル:', GIVEN),
        ('より $\\frac{\\partial L}{\\partial z}', deriv),
        ('データ($m = 2$)', GIVEN),
        ('1. $z^{(1)}', lambda: V(E, ['1', '-0.5'], z) and E('0.5', th[1]) and E('0.5', -z[1])),
        ('2. $\\hat{y}^{(1)}', lambda: V(C, ['0.73106', '0.37754'], yh) and E('0.5', -z[1])),
        ('3. $\\nabla_{\\boldsymbol{\\theta}} L^{(1)}', lambda: near(grad(lambda t: Lz(Xb[0] @ t, 1.0), th), gi[0]) and V(CA, ['-0.26894', '-0.53788'], gi[0], [0.73106 - 1, 2 * (0.73106 - 1)]), '0.73106'),
        ('4. $\\nabla_{\\boldsymbol{\\theta}} L^{(2)}', lambda: near(grad(lambda t: Lz(Xb[1] @ t, 0.0), th), gi[1]) and V(CA, ['0.37754', '-0.37754'], gi[1], [0.37754, -0.37754]), '0.37754'),
        ('5. $\\hat{\\boldsymbol{g}}', ghat, '0.26894 0.53788 0.37754'),
        ('6. $\\boldsymbol{\\theta} \\leftarrow', lambda: V(CA, ['-0.00543', '0.54577'], th1, [-0.1 * 0.05430, 0.5 + 0.1 * 0.45771]), '0.5 0.1 0.05430 0.45771'),
        ('確認:', lambda: C('0.3937', J(th)) and C('0.3729', J(th1)) and J(th1) < J(th)),
    ]

# ======================================================================= 13
@register('13_esl_backpropagation.md')
def f13():
    def fwd(a0, Al, b0, Bt, x):
        z = sig(a0 + Al @ x); T = b0 + Bt @ z; return z, T             # g_k = identity
    def Ri(a0, Al, b0, Bt, x, y):
        return float(((y - fwd(a0, Al, b0, Bt, x)[1]) ** 2).sum())
    def rnd():
        M, p, K = 3, 2, 2
        return RNG.normal(size=M), RNG.normal(size=(M, p)), RNG.normal(size=K), RNG.normal(size=(K, M)), RNG.normal(size=p), RNG.normal(size=K)
    def d_beta_claim():      # dR/dbeta_km = -(y_k - f_k) g'_k z_m   (as written)
        a0, Al, b0, Bt, x, y = rnd(); z, T = fwd(a0, Al, b0, Bt, x)
        g = grad(lambda B: Ri(a0, Al, b0, B, x, y), Bt)
        return near(g, -np.outer(y - T, z))
    def d_alpha_claim():
        a0, Al, b0, Bt, x, y = rnd(); z, T = fwd(a0, Al, b0, Bt, x)
        g = grad(lambda A: Ri(a0, A, b0, Bt, x, y), Al)
        return near(g, np.outer((-(y - T)) @ Bt * z * (1 - z), x))
    def delta_s_claim():     # with the deltas as defined, dR/dbeta = delta z and dR/dalpha = s x
        a0, Al, b0, Bt, x, y = rnd(); z, T = fwd(a0, Al, b0, Bt, x)
        dl = -(y - T); s = z * (1 - z) * (Bt.T @ dl)
        return (near(grad(lambda B: Ri(a0, Al, b0, B, x, y), Bt), np.outer(dl, z))
                and near(grad(lambda A: Ri(a0, A, b0, Bt, x, y), Al), np.outer(s, x)))
    x = np.array([1, -1.0]); y = np.array([0.5]); a0 = np.array([0, 0.5]); Al = np.array([[0.5, 0.25], [-0.5, 0.5]])
    b0 = np.array([0.1]); Bt = np.array([[1, -2.0]])
    z, T = fwd(a0, Al, b0, Bt, x); R = Ri(a0, Al, b0, Bt, x, y)
    dB = grad(lambda B: Ri(a0, Al, b0, B, x, y), Bt)[0]; db0 = grad(lambda q: Ri(a0, Al, q, Bt, x, y), b0)[0]
    dA = grad(lambda A: Ri(a0, A, b0, Bt, x, y), Al)
    delta = db0; s = z * (1 - z) * Bt[0] * delta
    return [
        ('# ESL §11.4', GIVEN),
        ('Модель ESL', GIVEN),
        ('Сигмоида', lambda: all(abs(fd(sig, q) - sig(q) * (1 - sig(q))) < 1e-9 for q in RNG.normal(size=3))),
        ('Сумма квадратов ошибок', GIVEN),
        ('Производные по весам', GIVEN),
        ('$$\\frac{\\partial R_i}{\\partial \\beta_{km}}', d_beta_claim),
        ('$$\\frac{\\partial R_i}{\\partial \\alpha_{m\\ell}}', d_alpha_claim),
        ('Записываем их как', GIVEN),
        ('$$\\delta_{ki} =', delta_s_claim),
        ('**Числовой пример**', GIVEN),
        ('$\\alpha_1 = (0.5', GIVEN),
        ('1. $\\alpha_{01}', lambda: V(E, ['0.25', '-0.5'], a0 + Al @ x) and X('0.5 - 0.25', '0.25', True) and X('0.5 - 0.5 - 0.5', '-0.5', True)),
        ('2. $z_{1i}', lambda: V(C, ['0.56218', '0.37754'], z), '0.25 0.5'),
        ('3. $f_1(x_i)', lambda: CA('-0.0929', T[0]) and X('0.1 + 0.56218 - 2\\cdot 0.37754', '-0.0929') and C('0.5929', y[0] - T[0]) and C('0.3515', R)),
        ('4. $\\delta_{1i}', lambda: C('-0.5929', delta)),
        ('5. $\\partial R_i/\\partial \\beta_{11}', lambda: V(C, ['-0.3333', '-0.2238'], dB) and C('-0.5929', db0)),
        ('6. $\\sigma\'$', lambda: V(C, ['0.2461', '0.2350'], z * (1 - z)) and X('0.56218\\cdot 0.43782', '0.2461') and X('0.37754\\cdot 0.62246', '0.2350')
            and np.allclose(1 - z, [0.43782, 0.62246], atol=5e-6)),
        ('7. $s_{1i}', lambda: V(C, ['-0.1459', '0.2787'], s), '0.2461 0.5929 0.2350'),
        ('8. $\\partial R_i/\\partial \\alpha_{1\\ell}', lambda: V(C, ['-0.1459', '0.1459', '0.2787', '-0.2787'], dA)),
        ('9. Шаг градиентного спуска', lambda: V(C, ['1.0333', '-1.9776'], Bt[0] - 0.1 * dB), '11.13 0.1 0.3333 0.2238'),
    ]

# ======================================================================= 14
@register('14_murphy_softmax_regression_hessian.md')
def f14():
    W = np.array([[0.2, 0.4], [0, 0], [-0.1, 0.3]]); X = np.array([[1, 0.5], [1, -1.0]]); Y = np.array([[1, 0, 0], [0, 0, 1.0]]); N = 2
    def nll(Wf, XX=X, YY=Y):
        Wm = Wf.reshape(-1, XX.shape[1]); return float(-np.mean([(yy * np.log(softmax(Wm @ xx))).sum() for xx, yy in zip(XX, YY)]))
    MU = np.array([softmax(W @ x) for x in X])
    G = grad(lambda w: nll(w), W.ravel()).reshape(3, 2)
    H = jac(lambda w: grad(lambda q: nll(q), w, 1e-5).ravel(), W.ravel(), 1e-4)   # rows/cols ordered (c, d)
    def rnd():
        C_, D_, N_ = 3, 2, 4
        XX = RNG.normal(size=(N_, D_)); YY = np.eye(C_)[RNG.integers(C_, size=N_)]; Wr = RNG.normal(size=(C_, D_)); return XX, YY, Wr
    def jac_sm():
        a = RNG.normal(size=4); m = softmax(a); return near(jac(softmax, a), np.diag(m) - np.outer(m, m), 1e-8)
    def grad_formula():
        XX, YY, Wr = rnd(); M = np.array([softmax(Wr @ x) for x in XX])
        return near(grad(lambda w: nll(w, XX, YY), Wr.ravel()).reshape(Wr.shape), (M - YY).T @ XX / len(XX))
    def hess_formula():
        XX, YY, Wr = rnd(); M = np.array([softmax(Wr @ x) for x in XX])
        Hf = sum(np.kron(np.diag(m) - np.outer(m, m), np.outer(x, x)) for m, x in zip(M, XX)) / len(XX)
        Hn = jac(lambda w: grad(lambda q: nll(q, XX, YY), w, 1e-5), Wr.ravel(), 1e-4)
        blocks = all(near(Hf[2*j:2*j+2, 2*k:2*k+2], sum(m[j] * ((j == k) - m[k]) * np.outer(x, x) for m, x in zip(M, XX)) / len(XX), 1e-12)
                     for j in range(3) for k in range(3))
        return near(Hn, Hf, 1e-5) and blocks
    return [
        ('# PML (Murphy)', GIVEN),
        ('Modelo: $p(y_n', GIVEN),
        ('NLL: $\\text{NLL}', GIVEN),
        ('Jacobiano del softmax', jac_sm),
        ('Gradiente: $\\nabla', grad_formula),
        ('Hessiano: $\\boldsymbol{H} =', hess_formula),
        ('**Ejemplo**', GIVEN),
        ('$\\boldsymbol{x}_1 = (1,\\ 0.5)$ con', GIVEN),
        ('1. $\\boldsymbol{a}_1', lambda: V(E, ['0.4', '0', '0.05'], W @ X[0]) and V(C, ['0.42105', '0.28224', '0.29671'], MU[0])),
        ('2. $\\boldsymbol{a}_2', lambda: V(E, ['-0.2', '0', '-0.4'], W @ X[1]) and V(C, ['0.32893', '0.40176', '0.26931'], MU[1])),
        ('3. $\\text{NLL} =', lambda: CA('1.08845', nll(W.ravel()), -0.5 * (np.log(0.42105) + np.log(0.26931))), '0.42105 0.26931'),
        ('4. $\\nabla_{\\boldsymbol{w}_1}', lambda: V(CA, ['-0.1250', '-0.3092'], G[0], [(0.42105 - 1 + 0.32893) / 2, ((0.42105 - 1) * 0.5 - 0.32893) / 2]), '0.42105 0.5 0.32893'),
        ('5. $\\nabla_{\\boldsymbol{w}_2}', lambda: V(CA, ['0.3420', '-0.1303'], G[1], [(0.28224 + 0.40176) / 2, (0.28224 * 0.5 - 0.40176) / 2]), '0.28224 0.5 0.40176'),
        ('6. $\\nabla_{\\boldsymbol{w}_3}', lambda: V(CA, ['-0.2170', '0.4395'], G[2], [(0.29671 + 0.26931 - 1) / 2, (0.29671 * 0.5 - (0.26931 - 1)) / 2]), '0.29671 0.5 0.26931'),
        ('7. Comprobación', lambda: near(G.sum(0), 0, 1e-7) and near((MU - Y).sum(1), 0, 1e-12)),
        ('8. Bloque $\\boldsymbol{H}_{11}', lambda: V(C, ['0.24377', '0.22074'], MU[:, 0] * (1 - MU[:, 0]))
            and V(CA, ['0.2323', '-0.0494', '-0.0494', '0.1408'], H[0:2, 0:2], np.array([[0.24377 + 0.22074, 0.24377 * 0.5 - 0.22074], [0.24377 * 0.5 - 0.22074, 0.24377 * 0.25 + 0.22074]]) / 2)),
        ('9. Bloque $\\boldsymbol{H}_{12}', lambda: V(C, ['0.11884', '0.13215'], MU[:, 0] * MU[:, 1])
            and V(CA, ['-0.1255', '0.0364', '0.0364', '-0.0809'], H[0:2, 2:4], -np.array([[0.11884 + 0.13215, 0.11884 * 0.5 - 0.13215], [0.11884 * 0.5 - 0.13215, 0.11884 * 0.25 + 0.13215]]) / 2)),
        ('es semidefinida positiva', lambda: np.linalg.eigvalsh((H + H.T) / 2).min() > -1e-6
            and all(np.linalg.eigvalsh(np.diag(m) - np.outer(m, m)).min() > -1e-12 for m in MU)),
    ]

# ======================================================================= 15
@register('15_bishop_tanh_backprop.md')
def f15():
    def fwd(W1, W2, x):
        a = W1 @ np.r_[1, x]; zz = np.tanh(a); yk = W2 @ np.r_[1, zz]; return a, zz, yk
    def En(W1, W2, x, t):
        return 0.5 * float(((fwd(W1, W2, x)[2] - t) ** 2).sum())
    def rnd():
        return RNG.normal(size=(3, 3)), RNG.normal(size=(2, 4)), RNG.normal(size=2), RNG.normal(size=2)
    def out_delta():
        W1, W2, x, t = rnd(); a, zz, yk = fwd(W1, W2, x)
        return near(grad(lambda q: 0.5 * ((q - t) ** 2).sum(), yk), yk - t)     # linear output: a_k = y_k
    def hid_delta():
        W1, W2, x, t = rnd(); a, zz, yk = fwd(W1, W2, x)
        dj = grad(lambda q: 0.5 * ((W2 @ np.r_[1, np.tanh(q)] - t) ** 2).sum(), a)
        hp = grad(lambda q: np.tanh(q).sum(), a)
        return near(dj, hp * (W2[:, 1:].T @ (yk - t)))
    def weight_derivs():
        W1, W2, x, t = rnd(); a, zz, yk = fwd(W1, W2, x); dk = yk - t; dj = (1 - zz ** 2) * (W2[:, 1:].T @ dk)
        return (near(grad(lambda W: En(W, W2, x, t), W1), np.outer(dj, np.r_[1, x]))
                and near(grad(lambda W: En(W1, W, x, t), W2), np.outer(dk, np.r_[1, zz])))
    W1 = np.array([[0.1, 0.4, 0.2], [-0.2, 0.3, -0.5]]); W2 = np.array([[0.05, 0.8, -0.6]]); x = np.array([0.5, -1.0]); t = np.array([0.5])
    a, z, yk = fwd(W1, W2, x); dk = yk - t
    hprime = np.array([fd(np.tanh, q) for q in a])
    dj = hprime * W2[0, 1:] * dk[0]
    g1 = grad(lambda W: En(W, W2, x, t), W1); g2 = grad(lambda W: En(W1, W, x, t), W2)
    return [
        ('# PRML 5.3', GIVEN),
        ('교재 5.3.2절과 같은 구조', GIVEN),
        ('패턴 $n$에 대한 오차', GIVEN),
        ('출력 유닛: $\\delta_k', lambda: out_delta() and hid_delta()),
        ('가중치에 대한 미분', weight_derivs),
        ('**수치 예**', GIVEN),
        ('$w_{10}^{(1)} = 0.1', GIVEN),
        ('$w_{10}^{(2)} = 0.05', GIVEN),
        ('1. $a_1 =', lambda: V(E, ['0.1', '0.45'], a) and X('0.1 + 0.4\\cdot 0.5 + 0.2\\cdot(-1)', '0.1', True) and X('-0.2 + 0.3\\cdot 0.5 - 0.5\\cdot(-1)', '0.45', True)),
        ('2. $z_1 =', lambda: V(C, ['0.09967', '0.42190'], z), '0.1 0.45'),
        ('3. $y_1 =', lambda: CA('-0.1234', yk[0]) and X('0.05 + 0.8\\cdot 0.09967 - 0.6\\cdot 0.42190', '-0.1234')),
        ('4. 출력 델타', lambda: CA('-0.6234', dk[0], -0.1234 - 0.5) and CA('0.1943', 0.5 * dk[0] ** 2) and X('\\frac{1}{2}(-0.6234)^2', '0.1943')),
        ('5. 은닉 유닛의 도함수', lambda: V(C, ['0.08974', '0.24390'], hprime) and V(C, ['0.90033', '0.57810'], 1 - z), '0.09967 0.42190'),
        ('6. $\\delta_1 =', lambda: V(C, ['-0.04476', '0.09123'], dj), '0.08974 0.8 0.6234 0.24390 0.6'),
        ('7. 1층 기울기', lambda: V(C, ['-0.04476', '-0.02238', '0.04476'], g1[0])),
        ('8. $\\partial E_n', lambda: V(C, ['0.09123', '0.04562', '-0.09123'], g1[1])),
        ('9. 2층 기울기', lambda: V(CA, ['-0.6234', '-0.06213', '-0.26301'], g2[0], [-0.6234, -0.6234 * 0.09967, -0.6234 * 0.42190])),
        ('10. 학습률', lambda: C('0.40224', W1[0, 1] - 0.1 * g1[0, 1]) and C('0.80621', W2[0, 1] - 0.1 * g2[0, 1]), '0.1 0.4 0.02238 0.8 0.06213'),
    ]

# ======================================================================= 16
@register('16_kochenderfer_nesterov.md')
def f16():
    f = lambda p: p[0] ** 2 + 2 * p[1] ** 2 - p[0] * p[1]; gf = lambda p: np.array([2 * p[0] - p[1], 4 * p[1] - p[0]])
    al, be = 0.1, 0.9; xs = [np.array([1, 1.0])]; vs = [np.zeros(2)]; las = []; gs = []
    for _ in range(3):
        la = xs[-1] + be * vs[-1]; g = gf(la); v = be * vs[-1] - al * g
        las.append(la); gs.append(g); vs.append(v); xs.append(xs[-1] + v)
    return [
        ('# Algorithms for Optimization, §5.4', GIVEN),
        ('Règle du livre', GIVEN),
        ('$$\\mathbf{v}^{(k+1)} = \\beta', GIVEN),
        ('Fonction test', lambda: all(near(grad(f, p), gf(p)) for p in RNG.normal(size=(3, 2)))),
        ('Paramètres :', lambda: f(xs[0]) == 2, '0.1 0.9'),
        ('- point projeté $= \\mathbf{x}^{(1)}', lambda: near(las[0], [1, 1], 1e-12) and near(gs[0], [1, 3], 1e-12)),
        ('- $\\mathbf{v}^{(2)} =', lambda: V(E, ['-0.1', '-0.3'], vs[1]) and V(E, ['0.9', '0.7'], xs[1]) and E('0.81', xs[1][0] ** 2)
            and E('0.98', 2 * xs[1][1] ** 2) and E('0.63', xs[1][0] * xs[1][1]) and E('1.16', f(xs[1])) and X('0.81 + 0.98 - 0.63', '1.16', True) and E('0.1', al)),
        ('- point projeté : $\\mathbf{x}^{(2)}', lambda: V(E, ['0.81', '0.43'], las[1]) and X('0.9 - 0.09', '0.81', True) and X('0.7 - 0.27', '0.43', True) and np.allclose(-be * vs[1], [0.09, 0.27]), '0.9'),
        ('- $\\nabla f(0.81', lambda: V(E, ['1.19', '0.91'], gs[1]) and X('1.62 - 0.43', '1.19', True) and X('1.72 - 0.81', '0.91', True)
            and np.allclose([2 * las[1][0], 4 * las[1][1]], [1.62, 1.72]), '0.81 0.43'),
        ('- $\\mathbf{v}^{(3)} =', lambda: V(E, ['-0.209', '-0.361'], vs[2]), '0.9 0.1 0.3 1.19 0.91'),
        ('- $\\mathbf{x}^{(3)} =', lambda: V(E, ['0.691', '0.339'], xs[2]) and E('0.477481', xs[2][0] ** 2) and E('0.229842', 2 * xs[2][1] ** 2)
            and E('0.234249', xs[2][0] * xs[2][1]) and E('0.473074', f(xs[2])) and X('0.477481 + 0.229842 - 0.234249', '0.473074', True), '0.9 0.7 0.209 0.361'),
        ('- point projeté : $(0.691', lambda: V(E, ['0.5029', '0.0141'], las[2]) and X('0.691 - 0.1881', '0.5029', True) and X('0.339 - 0.3249', '0.0141', True)
            and np.allclose(-be * vs[2], [0.1881, 0.3249])),
        ('- $\\nabla f(0.5029', lambda: V(E, ['0.9917', '-0.4465'], gs[2]) and X('1.0058 - 0.0141', '0.9917', True) and X('0.0564 - 0.5029', '-0.4465', True)
            and np.allclose([2 * las[2][0], 4 * las[2][1]], [1.0058, 0.0564]), '0.5029 0.0141'),
        ('- $\\mathbf{v}^{(4)} =', lambda: V(E, ['-0.28727', '-0.28025'], vs[3]) and X('-0.1881 - 0.09917', '-0.28727', True) and X('-0.3249 + 0.04465', '-0.28025', True)
            and np.allclose([-be * vs[2][0], -be * vs[2][1], al * gs[2][0], -al * gs[2][1]], [0.1881, 0.3249, 0.09917, 0.04465])),
        ('- $\\mathbf{x}^{(4)} =', lambda: V(E, ['0.40373', '0.05875'], xs[3]) and C('0.14618', f(xs[3])) and X('0.691 - 0.28727', '0.40373', True) and X('0.339 - 0.28025', '0.05875', True)),
        ('Le minimum est', lambda: near(jac(gf, RNG.normal(size=2)), [[2, -1], [-1, 4]]) and np.linalg.eigvalsh(np.array([[2, -1], [-1, 4.0]])).min() > 0
            and all(f(xs[i + 1]) < f(xs[i]) for i in range(3)) and E('1.16', f(xs[1])) and E('0.473074', f(xs[2])) and C('0.14618', f(xs[3]))),
    ]

# ------------------------------------------------------------------ driver
NUM_DEC = re.compile(r'(?<![\w.])\d+\.\d+')
NUM_ANY = re.compile(r'(?<![\w.])\d+(?:\.\d+)?(?![\w.]|\.\d)')

def math_lines(lines):
    out = set()
    for i, ln in enumerate(lines, 1):
        s = ln.strip()
        if i == 1 or s.startswith('<!--'):
            continue
        if '$' in s or (re.search(r'[=≈]', s) and re.search(r'\d', s)):
            out.add(i)
    return out

def account(text, lits, declared, soft=()):
    """multiset accounting: every checked value needs its own printed occurrence; every
    remaining printed decimal must be a declared token (data re-used on the line)."""
    from collections import Counter
    probs = []
    left = Counter(NUM_ANY.findall(text)) + Counter(t for t in NUM_DEC.findall(text) if t not in NUM_ANY.findall(text))
    for l in [l.strip().lstrip('+-−') for l in lits]:
        if left[l] > 0:
            left[l] -= 1
        elif l not in (NUM_ANY.findall(text) + NUM_DEC.findall(text)):
            probs.append(f'checked value {l!r} not printed on the line')
        else:
            probs.append(f'checked value {l!r} checked more often than printed')
    for l in soft:
        if left[l] > 0:
            left[l] -= 1
    for d in declared:
        if d not in text:
            probs.append(f'declared token {d!r} not on the line')
    rest = [t for t, c in left.items() if c > 0 and '.' in t and t not in declared]
    if rest:
        probs.append(f'unaccounted decimals {sorted(rest)}')
    return probs

def check_file(name, builder):
    lines = open(os.path.join(D, name), encoding='utf-8').read().split('\n')
    if lines and lines[-1] == '':
        lines = lines[:-1]
    problems, covered, first_false, prev = [], set(), None, 0
    if not (lines[0].startswith('<!-- style:') and lines[0].endswith('-->')):
        problems.append('first line is not a style comment')
    for entry in builder():
        sub, pred = entry[0], entry[1]
        declared = entry[2].split() if len(entry) > 2 else []
        hits = [i for i, ln in enumerate(lines, 1) if sub in ln and i > 1]
        if len(hits) != 1:
            problems.append(f'substring matches {len(hits)} lines: {sub!r}'); continue
        ln = hits[0]; text = lines[ln - 1]
        if ln <= prev:
            problems.append(f'check out of order at line {ln}: {sub!r}')
        prev = ln; covered.add(ln); _LITS.clear(); _SOFT.clear(); _CUR['line'] = text
        try:
            ok = bool(pred())
        except Exception as e:
            ok = False; problems.append(f'predicate error line {ln}: {e!r}')
        if ok and not getattr(pred, 'is_given', False):
            problems += [f'line {ln}: {p}' for p in account(text, list(_LITS), declared, list(_SOFT))]
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
    n_null = sum(v is None for v in expected.values())
    if n_null != 8:
        print('expected.json must have exactly 8 correct files, has', n_null); all_ok = False
    for name in sorted(FILES):
        ff, probs, n = check_file(name, FILES[name])
        exp = expected.get(name, 'missing')
        ok = (ff == exp) and not probs and 15 <= n <= 40
        all_ok &= ok
        print(f'{name:42s} lines={n:2d} first_false={ff!s:4s} expected={exp!s:4s} {"OK" if ok else "MISMATCH"}')
        for p in probs:
            print('    !', p)
    print('ALL OK' if all_ok else 'NOT OK')
    return 0 if all_ok else 1

if __name__ == '__main__':
    sys.exit(main())
