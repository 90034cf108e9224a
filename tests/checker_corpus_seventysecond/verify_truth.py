#!/usr/bin/env python3
"""Independent NumPy check of corpus72 (core NN-calculus exercises in learners' notes).

Every file has an ordered list of checks: (unique substring of one line, predicate).
Every line that contains mathematics must be covered by a check.
Givens / definitions -> GIVEN.  Symbolic derivative claims -> central finite
differences at random points.  Worked numbers -> recomputed and compared to the
printed precision (against the exact value or the value recomputed from the
rounded numbers the author carried).  Sizes / parameter counts -> arrays are
built and counted.  The first line whose predicate is False must equal
expected.json (null = no false line).
"""
import json, math, os, re, sys
import numpy as np

VERBOSE = '-v' in sys.argv
D = os.path.dirname(os.path.abspath(__file__))
RNG = np.random.default_rng(72)

def GIVEN():
    return True

def _num(s):
    s = str(s).strip().replace('−', '-').replace(',', '.').replace(' ', '')
    m = re.fullmatch(r'[+-]?(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?', s)
    assert m, f'bad number {s!r}'
    d = len(m.group(2) or '')
    e = int(m.group(3) or 0)
    return float(s), 0.5 * 10.0 ** (e - d) * (1 + 1e-9) + 1e-15

def C(shown, *cands):
    """shown agrees with at least one candidate to its printed precision"""
    v, t = _num(shown)
    return any(abs(v - float(c)) <= t for c in cands)

def E(shown, val):
    v, _ = _num(shown)
    return abs(v - float(val)) <= 1e-9 * max(1.0, abs(float(val)))

def CV(shown, *cands):
    arrs = [np.ravel(np.asarray(a, float)) for a in cands]
    if any(a.size != len(shown) for a in arrs):
        return False
    return all(C(s, *[a[i] for a in arrs]) for i, s in enumerate(shown))

def EV(shown, arr):
    arr = np.ravel(np.asarray(arr, float))
    return arr.size == len(shown) and all(E(s, arr[i]) for i, s in enumerate(shown))

def ALL(*xs):
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
    if b.ndim == 0:
        b = np.full(a.shape, float(b))
    return a.shape == b.shape and np.allclose(a, b, atol=tol, rtol=0)

def rand(*shape, lo=-2, hi=2):
    return RNG.uniform(lo, hi, size=shape)

sig = lambda z: 1.0 / (1.0 + np.exp(-np.clip(z, -500, 500)))
def softmax(z):
    z = np.asarray(z, float); e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)

def conv_out(W, K, S=1, P=0):
    """output size by actually sliding a window over a padded array"""
    x = np.zeros(W + 2 * P)
    return len(range(0, len(x) - K + 1, S))

def conv_params(K, cin, cout, bias=True):
    w = np.zeros((cout, cin, K, K)); b = np.zeros(cout) if bias else np.zeros(0)
    return w.size + b.size

# --- generic symbolic facts (finite differences at random points) -------------
def softmax_jac_ok(n=3):
    ok = True
    for _ in range(n):
        K = int(RNG.integers(2, 6)); z = rand(K); p = softmax(z)
        J = np.stack([grad(lambda u: softmax(u)[i], z) for i in range(K)])
        ok &= near(J, np.diag(p) - np.outer(p, p))
    return ok

def ce_grad_ok(n=3):
    ok = True
    for _ in range(n):
        K = int(RNG.integers(2, 6)); z = rand(K); c = int(RNG.integers(K)); y = np.eye(K)[c]
        ok &= near(grad(lambda u: -np.log(softmax(u)[c]), z), softmax(z) - y)
    return ok

def bce(a, y):
    return -(y * np.log(a) + (1 - y) * np.log(1 - a))

def bce_grad_ok(n=4):
    ok = True
    for _ in range(n):
        z = rand()[()] if False else float(rand(1)[0]); y = float(RNG.integers(2))
        ok &= abs(fd(lambda t: bce(sig(t), y), z) - (sig(z) - y)) < 1e-6
    return ok

def sig_prime_ok(n=4):
    ok = True
    for _ in range(n):
        z = float(rand(1, lo=-4, hi=4)[0])
        ok &= abs(fd(sig, z) - sig(z) * (1 - sig(z))) < 1e-7
    return ok

FILES = {}
def register(name):
    def deco(fn):
        FILES[name] = fn
        return fn
    return deco

import io, contextlib
def run_cells(name):
    """execute the ```python cells of a file in order (shared namespace); return (namespace, [stdout per cell])"""
    text = open(os.path.join(D, name), encoding='utf-8').read()
    cells = re.findall(r'```python\n(.*?)```', text, flags=re.S)
    ns, outs = {}, []
    for c in cells:
        buf = io.StringIO()
        with contextlib.redirect_stdout(buf):
            exec(c, ns)
        outs.append(buf.getvalue().strip())
    return ns, outs

def same_output(shown, printed):
    return ' '.join(shown.split()) == ' '.join(printed.split())

def pool2d(X, k, s, mode):
    H, W = X.shape; Ho, Wo = (H - k) // s + 1, (W - k) // s + 1
    Y = np.zeros((Ho, Wo))
    for p in range(Ho):
        for q in range(Wo):
            win = X[p * s:p * s + k, q * s:q * s + k]
            Y[p, q] = win.max() if mode == 'max' else win.mean()
    return Y

def pool_backward_ref(X, G, k, s, mode):
    """the formulas (3)/(4) of the usual textbook statement, written out with loops"""
    dX = np.zeros_like(X)
    for p in range(G.shape[0]):
        for q in range(G.shape[1]):
            win = X[p * s:p * s + k, q * s:q * s + k]
            if mode == 'max':
                a, b = np.unravel_index(np.argmax(win), win.shape); dX[p * s + a, q * s + b] += G[p, q]
            else:
                dX[p * s:p * s + k, q * s:q * s + k] += G[p, q] / k ** 2
    return dX

def pool_grad_fd(X, G, k, s, mode):
    return grad(lambda U: np.sum(G * pool2d(U, k, s, mode)), X)

# ======================================================================= 01
@register('01_softmax_jacobian_hw.md')
def f01():
    z = np.array([1.0, 2.0, 0.0]); ez = np.exp(z); S = ez.sum(); p = softmax(z)
    pr = np.array([0.2447, 0.6652, 0.0900])
    J = np.diag(p) - np.outer(p, p)
    def quotient():
        ok = True
        for _ in range(3):
            zz = rand(4); e = np.exp(zz); SS = e.sum()
            for i in range(4):
                for j in range(4):
                    ok &= abs(fd(lambda t: np.exp(np.r_[zz[:j], t, zz[j+1:]])[i] / np.exp(np.r_[zz[:j], t, zz[j+1:]]).sum(), zz[j])
                              - ((i == j) * e[i] * SS - e[i] * e[j]) / SS ** 2) < 1e-7
        return ok
    def logp():
        zz = rand(4); return near(np.log(softmax(zz)), zz - np.log(np.exp(zz).sum()))
    def dlogS():
        zz = rand(4); return near(grad(lambda u: np.log(np.exp(u).sum()), zz), np.exp(zz) / np.exp(zz).sum())
    def dlogp():
        ok = True
        for _ in range(3):
            zz = rand(4); pp = softmax(zz)
            Jl = np.stack([grad(lambda u: np.log(softmax(u))[i], zz) for i in range(4)])
            ok &= near(Jl, np.eye(4) - pp[None, :])
        return ok
    def lhs3():
        zz = rand(4); pp = softmax(zz); i = 1
        return near(grad(lambda u: np.log(softmax(u)[i]), zz), grad(lambda u: softmax(u)[i], zz) / pp[i])
    def cases():
        zz = rand(4); pp = softmax(zz)
        return near(grad(lambda u: softmax(u)[2], zz)[2], pp[2] * (1 - pp[2])) and near(grad(lambda u: softmax(u)[2], zz)[0], -pp[2] * pp[0])
    def rowsum():
        zz = rand(5); pp = softmax(zz); JJ = np.diag(pp) - np.outer(pp, pp)
        return near(JJ.sum(1), 0) and near(softmax(zz + 3.7), pp)
    def diag_quarter():
        t = np.linspace(0, 1, 100001); f = t * (1 - t)
        ok = abs(f.max() - 0.25) < 1e-12 and abs(t[np.argmax(f)] - 0.5) < 1e-9
        for _ in range(5):
            pp = softmax(rand(4, lo=-4, hi=4)); ok &= bool(np.all(np.diag(np.diag(pp) - np.outer(pp, pp)) <= 0.25))
        return ok
    def vjp():
        ok = True
        for _ in range(3):
            zz = rand(5); pp = softmax(zz); g = rand(5)
            JJ = np.diag(pp) - np.outer(pp, pp)
            num = grad(lambda u: g @ softmax(u), zz)
            ok &= near(num, JJ.T @ g) and near(JJ.T @ g, JJ @ g)
        return ok
    def vjp2():
        ok = True
        for _ in range(3):
            zz = rand(5); pp = softmax(zz); g = rand(5)
            ok &= near(grad(lambda u: g @ softmax(u), zz), pp * (g - pp @ g))
        return ok
    fdJ12 = (softmax(z + 1e-4 * np.eye(3)[1])[0] - softmax(z - 1e-4 * np.eye(3)[1])[0]) / 2e-4
    return [
        ('Given: z ∈ R^K', GIVEN),
        ('Want: dp_i/dz_j', GIVEN),
        ('~~quotient rule', quotient),
        ('log p_i = z_i − log S', logp),
        ('d(log S)/dz_j = e^{z_j}/S = p_j', dlogS),
        ('⇒ d(log p_i)/dz_j', dlogp),
        ('LHS of (3)', lhs3),
        ('\\frac{\\partial p_i}{\\partial z_j} = p_i(\\delta_{ij} - p_j) \\tag{4}', softmax_jac_ok),
        ('cases: i = j', cases),
        ('Matrix form: J = diag(p)', softmax_jac_ok),
        ('- J = Jᵀ (symmetric)', lambda: near(J, J.T)),
        ('- each row sums to 0', rowsum),
        ('- diag entries ≤ 1/4', diag_quarter),
        ('Check w/ numbers, z = (1, 2, 0)', GIVEN),
        ('e^z ≈ (2.7183', lambda: CV(['2.7183', '7.3891', '1'], ez) and C('11.1073', S)),
        ('p ≈ (0.2447, 0.6652, 0.0900)', lambda: CV(['0.2447', '0.6652', '0.0900'], p)),
        ('diag: 0.2447·0.7553', lambda: ALL(E('0.7553', 1 - pr[0]), E('0.3348', 1 - pr[1]), E('0.9100', 1 - pr[2]),
                                           CV(['0.1848', '0.2227', '0.0819'], np.diag(J), pr * (1 - pr)))),
        ('off-diag: −0.2447·0.6652', lambda: CV(['-0.1628', '-0.0220', '-0.0599'], [J[0, 1], J[0, 2], J[1, 2]],
                                                [-pr[0] * pr[1], -pr[0] * pr[2], -pr[1] * pr[2]])),
        ('$$J \\approx \\begin{pmatrix} 0.1848', lambda: CV('0.1848 -0.1628 -0.0220 -0.1628 0.2227 -0.0599 -0.0220 -0.0599 0.0819'.split(), J)),
        ('row 1 sum: 0.1848', lambda: E('0', 0.1848 - 0.1628 - 0.0220) and abs(-0.1628 + 0.2227 - 0.0599) < 1e-12
                                      and abs(-0.0220 - 0.0599 + 0.0819) < 1e-12 and near(J.sum(1), 0)),
        ('Finite-diff check on J_12', lambda: C('-0.1628', fdJ12) and near(fdJ12, J[0, 1], 1e-7)),
        ('Q2(b) — if upstream grad', vjp),
        ('dL/dz_j = p_j (g_j − Σ_i p_i g_i)', vjp2),
    ]

# ======================================================================= 02
@register('02_softmax_ce_lerngruppe_de.md')
def f02():
    Z = np.array([[2.0, 1.0, 0.1], [0.5, 0.5, 1.0]]); cls = [1, 2]; Y = np.eye(3)[cls]; N = 2
    P = softmax(Z); Ln = -np.log(P[[0, 1], cls]); L = Ln.mean()
    Lf = lambda ZZ: np.mean(-np.log(softmax(ZZ)[[0, 1], cls]))
    dZ = grad(Lf, Z)
    def jac_sum():
        ok = True
        for _ in range(3):
            z = rand(4); p = softmax(z); y = np.eye(4)[int(RNG.integers(4))]
            mid = -(y / p) @ (p[:, None] * (np.eye(4) - p[None, :]))
            ok &= near(mid, -y + p * y.sum()) and near(mid, p - y) and near(grad(lambda u: -y @ np.log(softmax(u)), z), mid)
        return ok
    def lena():
        ok = True
        for _ in range(3):
            z = rand(4); c = int(RNG.integers(4))
            ok &= abs(-np.log(softmax(z)[c]) - (-z[c] + np.log(np.exp(z).sum()))) < 1e-12
            ok &= near(grad(lambda u: -u[c] + np.log(np.exp(u).sum()), z), -np.eye(4)[c] + softmax(z))
        return ok
    def batch_rule():
        ok = True
        for _ in range(3):
            ZZ = rand(3, 4); c = RNG.integers(4, size=3); YY = np.eye(4)[c]
            num = grad(lambda U: np.mean(-np.log(softmax(U)[np.arange(3), c])), ZZ)
            ok &= near(num, softmax(ZZ) - YY)
        return ok
    e1, e2 = np.exp(Z[0]), np.exp(Z[1])
    dZr = np.array([[0.6590, -0.7576, 0.0986], [0.2741, 0.2741, -0.5481]])
    def linear_next():
        ok = True
        for _ in range(2):
            X = rand(2, 3); W = rand(3, 3); b = rand(3)
            f = lambda WW, bb: Lf(X @ WW + bb)
            G = grad(lambda U: Lf(U), X @ W + b)
            ok &= near(grad(lambda WW: f(WW, b), W), X.T @ G) and near(grad(lambda bb: f(W, bb), b), G.sum(0))
        return ok
    return [
        ('Ich schreib mal den Einzelfall auf', GIVEN),
        ('$$L = -\\sum_{k=1}^{K} y_k \\log p_k .$$', GIVEN),
        ('Mit der Jacobi-Matrix von letzter Woche', softmax_jac_ok),
        ('= -y_j + p_j \\sum_k y_k = p_j - y_j', jac_sum),
        ('weil $\\sum_k y_k = 1$', ce_grad_ok),
        ('Geht auch ohne Jacobi-Matrix', lena),
        ('Jetzt der Minibatch.', GIVEN),
        ('L_n = -\\sum_k Y_{nk}\\log P_{nk}', GIVEN),
        ('Jede Zeile von $Z$ geht nur in ihr eigenes', lambda: near(grad(lambda U: -np.log(softmax(U)[0, cls[0]]), Z)[1], 0)),
        ('= P - Y \\quad (N\\times K)', batch_rule),
        ('Form stimmt jedenfalls', lambda: (softmax(Z) - Y).shape == Z.shape == (N, 3)),
        ('**Zahlenbeispiel** ($N = 2$, $K = 3$)', lambda: Z.shape == (2, 3)),
        ('richtige Klassen: Beispiel 1', GIVEN),
        ('- Zeile 1: $e^{z}', lambda: CV(['7,389', '2,718', '1,105'], e1) and C('11,213', e1.sum()) and CV(['0,6590', '0,2424', '0,0986'], P[0])),
        ('- Zeile 2: $e^{z}', lambda: CV(['1,649', '1,649', '2,718'], e2) and C('6,016', e2.sum()) and CV(['0,2741', '0,2741', '0,4519'], P[1])),
        ('- $L_1 = -\\ln 0{,}2424', lambda: C('1,4170', Ln[0], -np.log(0.2424)) and C('0,7944', Ln[1], -np.log(0.4519))
            and C('1,1057', L, (1.4170 + 0.7944) / 2)),
        ('\\frac{\\partial L}{\\partial Z} \\approx \\begin{pmatrix}', lambda: CV('0,6590 -0,7576 0,0986 0,2741 0,2741 -0,5481'.split(), dZ)),
        ('Zeilensummen:', lambda: abs(0.6590 - 0.7576 + 0.0986) < 1e-12 and C('0', 0.2741 + 0.2741 - 0.5481) and near(dZ.sum(1), 0)),
        ('Für die nächste Schicht', lambda: linear_next() and CV(['0,9331', '-0,4835', '-0,4495'], dZ.sum(0))),
    ]

# ======================================================================= 03
@register('03_sigmoid_bce_discord.md')
def f03():
    x = np.array([1.0, -2.0]); y = 1.0; w = np.array([0.5, 0.25]); b = 0.1; lr = 0.5
    Lf = lambda ww, bb: bce(sig(ww @ x + bb), y)
    z = w @ x + b; a = sig(z); gw = grad(lambda ww: Lf(ww, b), w); gb = fd(lambda bb: Lf(w, bb), b)
    w_new = w - lr * gw; b_new = b - lr * gb
    z_new = w_new @ x + b_new; a_new = sig(z_new); L_new = bce(a_new, y)
    def dLda():
        ok = True
        for _ in range(4):
            aa = float(RNG.uniform(0.05, 0.95)); yy = float(RNG.integers(2))
            ok &= abs(fd(lambda t: bce(t, yy), aa) - (-yy / aa + (1 - yy) / (1 - aa))) < 1e-6
        return ok
    def chain():
        ok = True
        for aa in RNG.uniform(0.05, 0.95, 4):
            for yy in (0.0, 1.0):
                ok &= abs((-yy / aa + (1 - yy) / (1 - aa)) * aa * (1 - aa) - (-yy * (1 - aa) + (1 - yy) * aa)) < 1e-12
                ok &= abs(-yy * (1 - aa) + (1 - yy) * aa - (aa - yy)) < 1e-12
        return ok and bce_grad_ok()
    def dw_rule():
        ok = True
        for _ in range(3):
            xx = rand(3); ww = rand(3); bb = float(rand(1)[0]); yy = float(RNG.integers(2))
            f = lambda W, B: bce(sig(W @ xx + B), yy); aa = sig(ww @ xx + bb)
            ok &= near(grad(lambda W: f(W, bb), ww), (aa - yy) * xx) and abs(fd(lambda B: f(ww, B), bb) - (aa - yy)) < 1e-6
        return ok
    return [
        ('setup: one example, x = (1, −2)', GIVEN),
        ('a = σ(z), z = wᵀx + b, loss is BCE', GIVEN),
        ('$$L = -\\big[y\\log a', GIVEN),
        ('- dL/da = −y/a + (1−y)/(1−a)', dLda),
        ('- da/dz = σ(z)(1 − σ(z))', sig_prime_ok),
        ('- chain rule: dL/dz', chain),
        ('- dL/dw = (a − y)·x, dL/db = a − y', dw_rule),
        ('- z = 0.5·1 + 0.25·(−2) + 0.1 = 0.1', lambda: E('0.1', z)),
        ('- a = σ(0.1) ≈ 0.5250', lambda: C('0.5250', a) and C('0.6444', bce(a, y), -np.log(0.5250))),
        ('- dL/dz = 0.5250 − 1 = −0.4750', lambda: C('-0.4750', fd(lambda t: bce(sig(t), y), z), 0.5250 - 1)),
        ('- dL/dw₁ = (−0.4750)(1) = −0.4750', lambda: C('-0.4750', gw[0])),
        ('- dL/dw₂ = (−0.4750)(−2) = −0.9500', lambda: C('-0.9500', gw[1])),
        ('- dL/db = −0.4750', lambda: C('-0.4750', gb)),
        ('update w ← w − η·grad', GIVEN),
        ('- w₁ = 0.5 − 0.5·(−0.4750) = 0.7375', lambda: C('0.7375', w_new[0], 0.5 + 0.5 * 0.4750)),
        ('- w₂ = 0.25 − 0.5·(−0.9500) = 0.7250', lambda: C('0.7250', w_new[1])),
        ('- b = 0.1 − 0.5·(−0.4750) = 0.3375', lambda: C('0.3375', b_new, 0.1 + 0.5 * 0.4750)),
        ('- z = 0.7375·1 + 0.7250·(−2) + 0.3375 = −0.375', lambda: C('-0.375', z_new)),
        ('- a = σ(−0.375) ≈ 0.4073', lambda: C('0.4073', a_new) and C('0.898', L_new)),
        ('so L went 0.6444 → 0.898', lambda: C('0.6444', bce(a, y)) and C('0.898', L_new) and fd(lambda t: bce(sig(t), y), z) < 0),
    ]

# ======================================================================= 04
@register('04_mse_linear_notebook.md')
def f04():
    ns, outs = run_cells('04_mse_linear_notebook.md')
    X = np.array([[1., 2.], [3., -1.], [0., 1.]]); y = np.array([-1., 2., 0.]); w = np.array([0.5, -1.0]); b = 0.2; N = 3
    Lf = lambda ww, bb: np.mean((X @ ww + bb - y) ** 2)
    yh = X @ w + b; r = yh - y; L = Lf(w, b)
    gw = grad(lambda ww: Lf(ww, b), w); gb = fd(lambda bb: Lf(w, bb), b)
    w2 = w - 0.1 * gw; b2 = b - 0.1 * gb
    def rule():
        ok = True
        for _ in range(3):
            XX = rand(5, 3); yy = rand(5); ww = rand(3); bb = float(rand(1)[0])
            f = lambda W, B: np.mean((XX @ W + bb * 0 + B - yy) ** 2); rr = XX @ ww + bb - yy
            ok &= near(grad(lambda W: f(W, bb), ww), 2 / 5 * XX.T @ rr) and abs(fd(lambda B: f(ww, B), bb) - 2 / 5 * rr.sum()) < 1e-6
            J = np.stack([grad(lambda W: (XX @ W + bb)[n], ww) for n in range(5)]); ok &= near(J, XX)
        return ok
    def half_sum():
        rr = lambda W: X @ W + b - y
        return near(grad(lambda W: 0.5 * np.sum(rr(W) ** 2), w), X.T @ r) and near(gw, 2 / N * X.T @ r)
    return [
        ('Convention for this notebook', GIVEN),
        ('$$\\hat y = Xw + b\\mathbf{1}', GIVEN),
        ('Write $r = \\hat y - y$', rule),
        ('\\nabla_w L = \\frac{2}{N}X^\\top r', rule),
        ('Shape check: $X^\\top$ is $(d, N)$', lambda: X.T.shape == (2, 3) and (X.T @ r).shape == w.shape),
        ('X = np.array([[1., 2.], [3., -1.], [0., 1.]])', lambda: X.shape == (3, 2) and near(ns['X'], X)),
        ('y = np.array([-1., 2., 0.])', GIVEN),
        ('w = np.array([0.5, -1.0]); b = 0.2', GIVEN),
        ('y_hat = X @ w + b', lambda: near(ns['y_hat'], yh)),
        ('r = y_hat - y', lambda: near(ns['r'], r)),
        ('L = np.mean(r**2)', lambda: abs(ns['L'] - L) < 1e-12),
        ('print(y_hat, r, round(L, 4))', lambda: len(outs) == 4),
        ('[-1.3  2.7 -0.8] [-0.3  0.7 -0.8] 0.4067', lambda: same_output('[-1.3  2.7 -0.8] [-0.3  0.7 -0.8] 0.4067', outs[0])
            and CV(['-1.3', '2.7', '-0.8'], yh) and CV(['-0.3', '0.7', '-0.8'], r) and C('0.4067', L)),
        ('By hand for the first row', lambda: C('-1.3', 1 * 0.5 + 2 * (-1) + 0.2) and E('-1.3', yh[0])
            and C('0.09', r[0] ** 2) and C('0.49', r[1] ** 2) and C('0.64', r[2] ** 2) and C('1.22', np.sum(r ** 2)) and C('0.4067', 1.22 / 3, L)),
        ('N = X.shape[0]', lambda: ns['N'] == 3),
        ('grad_w = 2 / N * X.T @ r', lambda: near(ns['grad_w'], gw)),
        ('grad_b = 2 / N * r.sum()', lambda: abs(ns['grad_b'] - gb) < 1e-6),
        ('print(grad_w, round(grad_b, 4))', GIVEN),
        ('[ 1.2 -1.4] -0.2667', lambda: same_output('[ 1.2 -1.4] -0.2667', outs[1]) and CV(['1.2', '-1.4'], gw) and C('-0.2667', gb)),
        ('Check one entry by hand', lambda: C('1.8', 1 * (-0.3) + 3 * 0.7 + 0 * (-0.8)) and C('1.2', 2 / 3 * 1.8, gw[0])
            and C('-0.4', -0.3 + 0.7 - 0.8) and C('-0.2667', 2 / 3 * (-0.4), gb)),
        ('def loss(w, b)', lambda: abs(ns['loss'](w, b) - L) < 1e-12),
        ('h = 1e-6', GIVEN),
        ('num_w = np.array', lambda: near(ns['num_w'], gw, 1e-5)),
        ('print(np.allclose(num_w, grad_w)', GIVEN),
        ('    True True', lambda: same_output('True True', outs[2])),
        ('One step of gradient descent', GIVEN),
        ('w2, b2 = w - 0.1 * grad_w', lambda: near(ns['w2'], w2) and abs(ns['b2'] - b2) < 1e-9),
        ('print(w2, round(b2, 4)', GIVEN),
        ('[ 0.38 -0.86] 0.2267 0.1551', lambda: same_output('[ 0.38 -0.86] 0.2267 0.1551', outs[3]) and CV(['0.38', '-0.86'], w2)
            and C('0.2267', b2) and C('0.1551', Lf(w2, b2))),
        ('Loss went from 0.4067 to 0.1551', lambda: C('0.4067', L) and C('0.1551', Lf(w2, b2)) and half_sum() and E('0.5', 0.5) and E('2', 2)),
    ]

# ======================================================================= 05
@register('05_mlp_backprop_tarea_es.md')
def f05():
    x = np.array([1.0, 0.5]); y = 1.0
    W1 = np.array([[0.4, 0.2], [-0.3, 0.8]]); b1 = np.array([0.1, 0.0]); w2 = np.array([0.7, -0.5]); b2 = 0.2
    def fwd(W1, b1, w2, b2):
        z1 = W1 @ x + b1; h = sig(z1); yh = w2 @ h + b2
        return z1, h, yh, 0.5 * (yh - y) ** 2
    z1, h, yh, L = fwd(W1, b1, w2, b2)
    Lf = lambda **kw: fwd(**{**dict(W1=W1, b1=b1, w2=w2, b2=b2), **kw})[3]
    dW1 = grad(lambda M: Lf(W1=M), W1); db1 = grad(lambda v: Lf(b1=v), b1)
    dw2 = grad(lambda v: Lf(w2=v), w2); db2 = fd(lambda t: Lf(b2=t), b2)
    dh = grad(lambda hh: 0.5 * (w2 @ hh + b2 - y) ** 2, h)
    dz1 = grad(lambda zz: 0.5 * (w2 @ sig(zz) + b2 - y) ** 2, z1)
    sp = grad(lambda zz: np.sum(sig(zz)), z1)
    hr = np.array([0.6457, 0.5250])
    eta = 0.1
    def rules3():
        ok = True
        for _ in range(3):
            hh = rand(2); ww = rand(2); bb = float(rand(1)[0]); yy = float(rand(1)[0]); d = ww @ hh + bb - yy
            f = lambda W, B, H: 0.5 * (W @ H + B - yy) ** 2
            ok &= near(grad(lambda W: f(W, bb, hh), ww), d * hh) and abs(fd(lambda B: f(ww, B, hh), bb) - d) < 1e-6 \
                  and near(grad(lambda H: f(ww, bb, H), hh), d * ww)
        return ok
    def rule1():
        ok = True
        for _ in range(3):
            xx = rand(2); WW = rand(2, 2); bb = rand(2); G = rand(2)
            ok &= near(grad(lambda M: G @ (M @ xx + bb), WW), np.outer(G, xx)) and near(grad(lambda v: G @ (WW @ xx + v), bb), G)
        return ok
    def rule_delta1():
        ok = True
        for _ in range(3):
            zz = rand(2); ww = rand(2); yy = float(rand(1)[0])
            f = lambda Z: 0.5 * (ww @ sig(Z) + 0.2 - yy) ** 2
            dH = (ww @ sig(zz) + 0.2 - yy) * ww
            ok &= near(grad(f, zz), dH * sig(zz) * (1 - sig(zz)))
        return ok
    return [
        ('Datos: x = (1; 0,5), y = 1.', GIVEN),
        ('W¹ = [[0,4  0,2], [−0,3  0,8]], b¹ = (0,1; 0)', GIVEN),
        ('Notación: z¹ = W¹x + b¹ (1)', GIVEN),
        ('- z¹₁ = 0,4·1 + 0,2·0,5 + 0,1 = 0,6', lambda: CV(['0,6', '0,1'], z1)),
        ('- h = σ(z¹) ≈ (0,6457; 0,5250)', lambda: CV(['0,6457', '0,5250'], h)),
        ('- ŷ = 0,7·0,6457', lambda: C('0,4520', 0.7 * 0.6457, w2[0] * h[0]) and C('-0,2625', -0.5 * 0.5250)
            and C('0,3895', yh, 0.4520 - 0.2625 + 0.2)),
        ('- L = ½(0,3895 − 1)²', lambda: C('0,3727', (yh - 1) ** 2, (0.3895 - 1) ** 2) and C('0,1864', L, 0.5 * 0.3727)),
        ('De L = ½(ŷ − y)²  ⇒  δ² = ŷ − y', lambda: abs(fd(lambda t: 0.5 * (t - y) ** 2, yh) - (yh - y)) < 1e-8 and C('-0,6105', yh - y)),
        ('por (3): ∂L/∂w² = δ² h', rules3),
        ('⇒ ∂L/∂w² ≈ −0,6105·(0,6457; 0,5250)', lambda: CV(['-0,3942', '-0,3205'], dw2, -0.6105 * hr) and C('-0,6105', db2)),
        ('por (3) otra vez: ∂L/∂h = δ² w²', lambda: rules3() and CV(['-0,4274', '0,3053'], dh)),
        ('por (2): σ\'(z) = σ(z)(1 − σ(z))', lambda: sig_prime_ok() and near(sp, h * (1 - h))),
        ("⇒ σ'(z¹) ≈ (0,6457·0,3543", lambda: E('0,3543', 1 - 0.6457) and E('0,4750', 1 - 0.5250)
            and CV(['0,2388', '0,2494'], sp, hr * (1 - hr))),
        ('δ¹ = ∂L/∂h ⊙ σ\'(z¹)', lambda: rule_delta1() and CV(['-0,1021', '0,0761'], dz1)),
        ('por (1): ∂L/∂W¹ = δ¹ xᵀ', rule1),
        ('\\frac{\\partial L}{\\partial W^1} \\approx', lambda: CV(['-0,1021', '-0,0510', '0,0761', '0,0381'], dW1)
            and CV(['-0,1021', '0,0761'], db1)),
        ('**Paso de SGD** con η = 0,1', GIVEN),
        ('- W¹ ≈ [[0,4102', lambda: CV(['0,4102', '0,2051', '-0,3076', '0,7962'], W1 - eta * dW1)),
        ('- b¹ ≈ (0,1102; −0,0076)', lambda: CV(['0,1102', '-0,0076'], b1 - eta * db1)),
        ('- w² ≈ (0,7394; −0,4679), b² ≈ 0,2611', lambda: CV(['0,7394', '-0,4679'], w2 - eta * dw2) and C('0,2611', b2 - eta * db2)),
        ('Obs.: el signo de δ¹₁ es negativo', lambda: dz1[0] < 0 and w2[0] > 0 and yh < y and dh[0] < 0),
    ]

# ======================================================================= 06
@register('06_conv_size_flashcards_zh.md')
def f06():
    def formula_ok():
        ok = True
        for W in range(5, 40):
            for K in (1, 2, 3, 5, 7):
                for S in (1, 2, 3):
                    for P in (0, 1, 2, 3):
                        if W + 2 * P >= K:
                            ok &= conv_out(W, K, S, P) == (W + 2 * P - K) // S + 1
        return ok
    stem = conv_out(224, 7, 2, 3); pool = conv_out(stem, 3, 2, 1)
    acts = np.zeros((stem, stem, 64)).size
    def same_pad():
        return all(conv_out(W, K, 1, (K - 1) // 2) == W for W in (8, 17, 32) for K in (1, 3, 5, 7)) and conv_out(20, 3, 1, 1) == 20
    return [
        ('**问 1：** 卷积层输出尺寸公式', GIVEN),
        ('\\left\\lfloor \\dfrac{W + 2P - K}{S}', formula_ok),
        ('**问 2：** 输入 32×32×3', GIVEN),
        ('$O = (32 - 5)/1 + 1 = 28$', lambda: E('28', conv_out(32, 5)) and np.zeros((conv_out(32, 5), conv_out(32, 5), 16)).shape == (28, 28, 16)),
        ('每个卷积核有 $5\\cdot5\\cdot3 = 75$', lambda: E('75', np.zeros((5, 5, 3)).size) and E('1216', conv_params(5, 3, 16))),
        ('**问 3：** $K=3$、$S=1$', GIVEN),
        ('$W + 2P - 3 + 1 = W \\Rightarrow P = 1$', same_pad),
        ('**问 4：**', GIVEN),
        ('每个输出元素 75 次', lambda: E('12544', np.zeros((28, 28, 16)).size) and E('940800', 75 * np.zeros((28, 28, 16)).size)),
        ('**问 5：** ResNet 的 stem', GIVEN),
        ('\\lfloor 111.5 \\rfloor = 111', lambda: E('111.5', (224 + 6 - 7) / 2) and E('111', stem)),
        ('参数量 $7\\cdot7\\cdot3\\cdot64 = 9408$', lambda: E('9408', conv_params(7, 3, 64, bias=False))),
        ('**问 6：** 接着 3×3 最大池化', GIVEN),
        ('\\lfloor (111 + 2 - 3)/2 \\rfloor + 1 = 56', lambda: E('56', pool) and (111 + 2 - 3) // 2 + 1 == 56),
        ('**问 7：**', GIVEN),
        ('= 788544$ 个', lambda: E('788544', acts) and E('3154176', 4 * acts) and C('3.0', 4 * acts / 2 ** 20)),
        ('**问 8：** 1×1 卷积', GIVEN),
        ('$256 \\cdot 64 + 64 = 16448$', lambda: E('16448', conv_params(1, 256, 64)) and
            near(np.einsum('chw,oc->ohw', (xx := rand(256, 3, 3)), (WW := rand(64, 256))), np.stack([WW @ xx[:, i, j] for i in range(3) for j in range(3)], 1).reshape(64, 3, 3))),
        ('**易错点：**', lambda: conv_params(3, 8, 4) == conv_params(3, 8, 4) and formula_ok()),
    ]

# ======================================================================= 07
@register('07_pooling_backward_matome_ja.md')
def f07():
    X = np.array([[1., 3, 2, 0], [4, 2, 1, 5], [0, 1, 3, 2], [2, 6, 1, 1]]); G = np.array([[0.5, -1.0], [2.0, 0.3]])
    def fd_rule(mode, cfgs=((2, 2), (3, 1), (2, 1), (3, 2))):
        ok = True
        for k, s in cfgs:
            XX = rand(6, 6); Ho = (6 - k) // s + 1; GG = rand(Ho, Ho)
            ok &= near(pool_grad_fd(XX, GG, k, s, mode), pool_backward_ref(XX, GG, k, s, mode))
        return ok
    def conserved():
        ok = True
        for k, s in ((2, 2), (3, 1), (2, 1)):
            for mode in ('max', 'avg'):
                XX = rand(6, 6); Ho = (6 - k) // s + 1; GG = rand(Ho, Ho)
                ok &= abs(pool_grad_fd(XX, GG, k, s, mode).sum() - GG.sum()) < 1e-6
        return ok
    def no_overlap():
        k = s = 2; cover = np.zeros((4, 4))
        for p in range(2):
            for q in range(2):
                cover[p * s:p * s + k, q * s:q * s + k] += 1
        cover2 = np.zeros(5)
        for p in range(4):
            cover2[p:p + 2] += 1
        return np.all(cover == 1) and cover2.max() == 2
    dXmax = pool_grad_fd(X + 1e-3 * 0, G, 2, 2, 'max'); dXavg = pool_grad_fd(X, G, 2, 2, 'avg')
    x1 = np.array([[1., 3, 2]]); g1 = np.array([[1., 2]])
    dx1 = grad(lambda U: np.sum(g1 * pool2d_1d(U)), x1) if False else grad(lambda U: g1[0, 0] * U[0, 0:2].max() + g1[0, 1] * U[0, 1:3].max(), x1)
    def impl():
        # implementation with '+=' matches finite differences on overlapping windows, '=' does not
        XX = rand(5, 5); GG = rand(4, 4); ref = pool_grad_fd(XX, GG, 2, 1, 'max')
        dX_eq = np.zeros_like(XX)
        for p in range(4):
            for q in range(4):
                win = XX[p:p + 2, q:q + 2]; a, b = np.unravel_index(np.argmax(win), win.shape); dX_eq[p + a, q + b] = GG[p, q]
        return near(pool_backward_ref(XX, GG, 2, 1, 'max'), ref) and not near(dX_eq, ref)
    return [
        ('**記号.** 入力 $X$', GIVEN),
        ('Y_{pq}^{\\max} &= \\max_{(i,j)\\in R_{pq}} X_{ij} \\tag{1}', GIVEN),
        ('Y_{pq}^{\\mathrm{avg}} &= \\frac{1}{k^2}', GIVEN),
        ('\\operatorname*{arg\\,max}_{R_{pq}} X\\big] \\tag{3}', lambda: fd_rule('max')),
        ('\\frac{G_{pq}}{k^2} \\tag{4}', lambda: fd_rule('avg')),
        ('- (3)：最大値の位置にだけ', lambda: fd_rule('max', ((2, 2),))),
        ('- (4)：窓内の全要素に', lambda: fd_rule('avg', ((2, 2),))),
        ('$s < k$ なら重なった位置で', lambda: no_overlap() and fd_rule('max', ((2, 1),)) and fd_rule('avg', ((3, 1),))),
        ('- どちらもパラメータなし。', conserved),
        ('**数値例**（$k = s = 2$）', GIVEN),
        ('$$X = \\begin{pmatrix} 1 & 3 & 2 & 0', GIVEN),
        ('max プーリング：$Y^{\\max}', lambda: EV(['4', '5', '6', '3'], pool2d(X, 2, 2, 'max'))
            and all(X[i, j] == pool2d(X, 2, 2, 'max')[i // 2, j // 2] for i, j in ((1, 0), (1, 3), (3, 1), (2, 2)))),
        ('\\Big|_{\\max} = \\begin{pmatrix}', lambda: CV('0 0 0 0 0.5 0 0 -1.0 0 0 0.3 0 0 2.0 0 0'.split(), dXmax)),
        ('avg プーリング：$Y^{\\mathrm{avg}}', lambda: EV(['2.5', '2', '2.25', '1.75'], pool2d(X, 2, 2, 'avg')) and E('4', 2 ** 2)),
        ('\\Big|_{\\mathrm{avg}} = \\begin{pmatrix}', lambda: CV(('0.125 0.125 -0.25 -0.25 ' * 2 + '0.5 0.5 0.075 0.075 ' * 2).split(), dXavg)),
        ('検算：どちらも総和', lambda: C('1.8', dXmax.sum(), 0.5 - 1.0 + 2.0 + 0.3) and C('1.8', dXavg.sum(), 4 * (0.125 - 0.25 + 0.5 + 0.075))),
        ('**重なりあり**（1 次元', lambda: EV(['3', '3'], [x1[0, 0:2].max(), x1[0, 1:3].max()]) and np.argmax(x1[0, 0:2]) == 1 and np.argmax(x1[0, 1:3]) == 0),
        ('(0,\\ 1 + 2,\\ 0) = (0,\\ 3,\\ 0) \\tag{5}', lambda: CV(['0', '3', '0'], dx1)),
        ('**出題パターン：**', impl),
    ]

# ======================================================================= 08
@register('08_rows_vs_columns_ta_ru.md')
def f08():
    X = np.array([[1., 2], [0, -1]]); W = np.array([[1., -1], [2, 0.5]]); Dl = np.array([[0.5, -1], [1, 0.5]]); b = np.zeros(2)
    Lrow = lambda XX, WW, bb: np.sum(Dl * (XX @ WW.T + bb))          # dL/dZ = Delta exactly
    dW = grad(lambda M: Lrow(X, M, b), W); dX = grad(lambda M: Lrow(M, W, b), X); db = grad(lambda v: Lrow(X, W, v), b)
    def col_rules():
        ok = True
        for _ in range(3):
            m, n = 3, 4; x = rand(n); WW = rand(m, n); bb = rand(m); d = rand(m)
            f = lambda M, v, u: d @ (M @ v + u)
            ok &= near(grad(lambda M: f(M, x, bb), WW), np.outer(d, x)) and np.outer(d, x).shape == (m, n)
            ok &= near(grad(lambda v: f(WW, v, bb), x), WW.T @ d) and near(grad(lambda u: f(WW, x, u), bb), d)
        return ok
    def row_W():
        ok = True
        for _ in range(3):
            B, m, n = 5, 3, 4; XX = rand(B, n); WW = rand(m, n); DD = rand(B, m)
            g = grad(lambda M: np.sum(DD * (XX @ M.T)), WW)
            ok &= near(g, DD.T @ XX) and near(g, sum(np.outer(DD[k], XX[k]) for k in range(B))) and g.shape == (m, n)
        return ok
    def row_X():
        ok = True
        for _ in range(3):
            B, m, n = 5, 3, 3; XX = rand(B, n); WW = rand(m, n); DD = rand(B, m)
            g = grad(lambda M: np.sum(DD * (M @ WW.T)), XX)
            ok &= near(g, DD @ WW.T)
        return ok
    def row_b():
        B, m, n = 5, 3, 4; XX = rand(B, n); WW = rand(m, n); DD = rand(B, m); bb = rand(m)
        return near(grad(lambda v: np.sum(DD * (XX @ WW.T + v)), bb), DD.T @ np.ones(B))
    def zdef():
        B, m, n = 5, 3, 4; XX = rand(B, n); WW = rand(m, n); bb = rand(m)
        Z = XX @ WW.T + np.outer(np.ones(B), bb)
        return Z.shape == (B, m) and near(Z[2, 1], sum(XX[2, j] * WW[1, j] for j in range(n)) + bb[1])
    def student_shape():
        B, m, n = 5, 3, 4; DD = rand(B, m); XX = rand(B, n)
        try:
            DD.T @ XX.T; bad = False
        except ValueError:
            bad = True
        return bad and (DD.T @ XX).shape == (m, n)
    return [
        ('**Вопрос (студент):**', lambda: row_W()),
        ('Обе формулы верны, просто соглашения разные.', student_shape),
        ('**1. Один пример, вектор-столбец', GIVEN),
        ('\\frac{\\partial L}{\\partial W_{ij}} = \\delta_i x_j', col_rules),
        ('**2. Батч по строкам', GIVEN),
        ('$$Z = XW^\\top + \\mathbf{1}b^\\top', zdef),
        ('Каждая строка — это п. 1', row_W),
        ('= \\sum_b \\Delta_{bi}X_{bj}', row_W),
        ('Это и есть `dZ.T @ X` из кода.', row_W),
        ('\\sum_i \\Delta_{bi}W_{ji}', row_X),
        ('и $\\partial L/\\partial b = \\Delta^\\top \\mathbf{1}$', row_b),
        ('**3. Проверим на числах** ($B = m = n = 2$)', lambda: X.shape == W.shape == Dl.shape == (2, 2)),
        ('$X = \\begin{pmatrix} 1 & 2\\\\ 0 & -1\\end{pmatrix}$, $W =', GIVEN),
        ('- $\\partial L/\\partial W = \\Delta^\\top X', lambda: EV(['0,5', '1', '-1', '0,5'], Dl.T) and EV(['0,5', '0', '-1', '-2,5'], dW)),
        ('- по-лекционному, пример за примером', lambda: EV(['0,5', '1', '-1', '-2'], np.outer(Dl[0], X[0]))
            and EV(['0', '-1', '0', '-0,5'], np.outer(Dl[1], X[1])) and EV(['0,5', '0', '-1', '-2,5'], dW)),
        ('- $\\partial L/\\partial X = \\Delta W^\\top', lambda: EV(['1,5', '0,5', '0,5', '2,25'], dX)),
        ('- $\\partial L/\\partial b = (0{,}5 + 1', lambda: EV(['1,5', '-0,5'], db)),
        ('**Итог:**', lambda: row_W() and (Dl.T @ X).shape == (2, 2)),
    ]

# ======================================================================= 09
@register('09_softmax_ce_tweet_thread.md')
def f09():
    z = np.array([2.0, 1.0, -1.0]); e = np.exp(z); p = softmax(z); y = np.eye(3)[0]; L = -np.log(p[0])
    g = grad(lambda u: -np.log(softmax(u)[0]), z)
    def lse():
        ok = True
        for _ in range(3):
            zz = rand(5); c = int(RNG.integers(5))
            ok &= abs(-np.log(softmax(zz)[c]) - (-zz[c] + np.log(np.exp(zz).sum()))) < 1e-12
            ok &= near(grad(lambda u: np.log(np.exp(u).sum()), zz), softmax(zz))
        return ok
    def push():
        ok = True
        for _ in range(3):
            zz = rand(4); c = int(RNG.integers(4)); gg = grad(lambda u: -np.log(softmax(u)[c]), zz); pp = softmax(zz)
            ok &= abs(-gg[c] - (1 - pp[c])) < 1e-6 and near(np.delete(gg, c), np.delete(pp, c))
        return ok
    def bound():
        ok = True
        for _ in range(20):
            zz = rand(5, lo=-10, hi=10); c = int(RNG.integers(5)); d = softmax(zz) - np.eye(5)[c]
            ok &= bool(np.all(np.abs(d) < 1))
        # MSE on probabilities, confidently wrong: gradient wrt logits is tiny
        zz = np.array([10.0, 0.0, 0.0]); yy = np.eye(3)[1]
        gm = grad(lambda u: np.sum((softmax(u) - yy) ** 2), zz); gc = grad(lambda u: -np.log(softmax(u)[1]), zz)
        return ok and np.abs(gm).max() < 1e-3 < np.abs(gc).max()
    def stable():
        zz = np.array([1000.0, 999.0, 997.0]); m = zz.max()
        lse_ = m + np.log(np.sum(np.exp(zz - m)))
        with np.errstate(over='ignore'):
            naive_overflows = not np.isfinite(np.exp(1000.0))
        return naive_overflows and near(zz - 998, z) and C('0.3490', -zz[0] + lse_, np.log(1 + np.exp(-1) + np.exp(-3))) \
            and E('1000', zz[0]) and E('1000', m)
    def fused():
        N, K = 4, 3; Z = rand(N, K); c = RNG.integers(K, size=N)
        gg = grad(lambda U: np.mean(-np.log(softmax(U)[np.arange(N), c])), Z)
        return near(gg, (softmax(Z) - np.eye(K)[c]) / N)
    return [
        ('the most satisfying derivation', ce_grad_ok),
        ('1/ setup. logits z ∈ ℝᴷ', GIVEN),
        ('L = −z_c + log Σ_k exp(z_k)', lse),
        ('3/ ∂/∂z_j of log Σ_k exp(z_k)', lse),
        ('∂/∂z_j of (−z_c) = −1 if j = c', lambda: near(grad(lambda u: -u[1], rand(3)), [0, -1, 0])),
        ('so ∂L/∂z_j = p_j − 1[j = c]', ce_grad_ok),
        ('4/ read it out loud', push),
        ('5/ tiny example. z = (2, 1, −1)', GIVEN),
        ('exp(z) ≈ (7.389, 2.718, 0.368)', lambda: CV(['7.389', '2.718', '0.368'], e) and C('10.475', e.sum())),
        ('p ≈ (0.7054, 0.2595, 0.0351)', lambda: CV(['0.7054', '0.2595', '0.0351'], p)),
        ('L = −log 0.7054 ≈ 0.3490', lambda: C('0.3490', L, -np.log(0.7054))),
        ('∇_z L = p − y ≈ (0.7054 − 1', lambda: CV(['-0.2946', '0.2595', '0.0351'], g, np.array([0.7054 - 1, 0.2595, 0.0351]))),
        ('components sum to 0', lambda: abs(-0.2946 + 0.2595 + 0.0351) < 1e-12 and abs(g.sum()) < 1e-6
            and near(softmax(z + 5.3), p)),
        ('7/ sanity bound', bound),
        ('8/ numerics: never compute exp(1000)', stable),
        ('9/ in code this is why frameworks fuse them', fused),
        ('10/ that\'s it. once you see L = −z_c + logsumexp(z)', lse),
    ]

# ======================================================================= 10
@register('10_mse_factor_two_ta_answer.md')
def f10():
    X = np.array([[2.0, 0.0], [-1.0, 3.0]]); y = np.array([1.0, 2.0]); w = np.array([1.0, 0.5]); b = 0.0; N = 2
    Lf = lambda ww, bb: np.mean((ww @ X + bb - y) ** 2)
    yh = w @ X + b; r = yh - y; L = Lf(w, b)
    gw = grad(lambda ww: Lf(ww, b), w); gb = fd(lambda bb: Lf(w, bb), b)
    def rule():
        ok = True
        for _ in range(3):
            d, n = 3, 5; XX = rand(d, n); yy = rand(n); ww = rand(d); bb = float(rand(1)[0])
            f = lambda W, B: np.mean((W @ XX + B - yy) ** 2); rr = (ww @ XX + bb - yy)[None, :]
            ok &= near(grad(lambda W: f(W, bb), ww), (2 / n * XX @ rr.T).ravel()) and abs(fd(lambda B: f(ww, B), bb) - 2 / n * rr.sum()) < 1e-6
            ok &= near((2 / n * XX @ rr.T).ravel(), 2 / n * sum(rr[0, k] * XX[:, k] for k in range(n)))
        return ok
    def power():
        xx = rand(3); ww = rand(3); yy = 0.7; rn = ww @ xx - yy
        return near(grad(lambda W: (W @ xx - yy) ** 2, ww), 2 * rn * xx)
    def half():
        return near(grad(lambda W: np.sum((W @ X + b - y) ** 2) / (2 * N), w), (X @ r[:, None]).ravel() / N)
    w_h = w + 0.01 * np.eye(2)[0]; r_h = w_h @ X + b - y; L_h = Lf(w_h, b)
    def fd_exact():
        ok = True
        for h in (0.01, 0.1, -0.3):
            ok &= abs(Lf(w + h * np.eye(2)[0], b) - (0.25 + h + 2 * h ** 2)) < 1e-12
        return ok
    return [
        ('Good catch noticing the mismatch', lambda: near(grad(lambda ww: Lf(ww, b), w) / 2, (X @ r) / N) and E('2', 2) and E('2', 2)),
        ('Conventions from the handout: examples are **columns**', lambda: yh.shape == (2,) and X.shape == (2, 2)),
        ('$$L(w,b) = \\frac{1}{N}', GIVEN),
        ('Let $r_n = w^\\top x^{(n)} + b - y_n$', power),
        ('$$\\nabla_w L = \\frac{2}{N}\\sum_{n=1}^{N} r_n', rule),
        ('where $r = \\hat y - y$ is $1\\times N$', lambda: (X @ r[None, :].T).shape == (2, 1)),
        ('Your test case from the homework', lambda: EV(['2', '-1'], X[:, 0]) and EV(['0', '3'], X[:, 1])),
        ('- $\\hat y_1 = 2 - 0.5 = 1.5$', lambda: EV(['1.5', '1.5'], yh) and EV(['0.5', '-0.5'], r) and E('0.25', L)),
        ('- $\\nabla_w L = \\frac{2}{2}', lambda: CV(['1', '-2'], gw) and near(0.5 * np.array([2, -1]), [1, -0.5]) and near(-0.5 * np.array([0, 3]), [0, -1.5])),
        ('- $\\partial L/\\partial b = \\frac{2}{2}(0.5 - 0.5) = 0$', lambda: C('0', gb)),
        ('Quick hand check of the first component', lambda: EV(['0.52', '-0.5'], r_h) and C('0.2602', L_h) and C('1.02', (L_h - L) / 0.01)
            and fd_exact() and C('1', gw[0])),
        ('If you prefer $L = \\frac{1}{2N}', half),
        ('Regrade: submit a regrade request', GIVEN),
    ]

# ======================================================================= 11
@register('11_conv_params_watek_pl.md')
def f11():
    # build the network's parameter arrays and count
    c1 = [np.zeros((32, 1, 3, 3)), np.zeros(32)]
    s1 = conv_out(28, 3, 1, 1)
    c2 = [np.zeros((64, 32, 3, 3)), np.zeros(64)]
    s2 = conv_out(s1, 3, 1, 0)
    s3 = conv_out(s2, 2, 2, 0)
    flat = np.zeros((s3, s3, 64)).size
    d1 = [np.zeros((128, flat)), np.zeros(128)]
    d2 = [np.zeros((10, 128)), np.zeros(10)]
    n = lambda ps: sum(p.size for p in ps)
    total = n(c1) + n(c2) + n(d1) + n(d2)
    gap = [np.zeros((128, 64)), np.zeros(128)]
    total_gap = n(c1) + n(c2) + n(gap) + n(d2)
    def formulas():
        ok = all(conv_out(W, K, S, P) == (W + 2 * P - K) // S + 1 for W in range(6, 30) for K in (1, 3, 5) for S in (1, 2) for P in (0, 1, 2))
        return ok and all(conv_params(K, ci, co) == (K * K * ci + 1) * co for K in (1, 3, 5) for ci in (1, 3, 8) for co in (2, 7))
    return [
        ('1/ Wzór na rozmiar wyjścia konwolucji', GIVEN),
        ('O = ⌊(W + 2P − K)/S⌋ + 1', formulas),
        ('Parametry warstwy conv: (K·K·C_in + 1)·C_out', formulas),
        ('2/ Wejście: 28×28×1', GIVEN),
        ('3/ conv1: 32 filtry 3×3', GIVEN),
        ('Rozmiar: (28 + 2 − 3)/1 + 1 = 28', lambda: E('28', s1)),
        ('Parametry: (3·3·1 + 1)·32 = 320.', lambda: E('320', n(c1))),
        ('4/ conv2: 64 filtry 3×3', GIVEN),
        ('Rozmiar: (28 − 3)/1 + 1 = 26', lambda: E('26', s2)),
        ('Parametry: (3·3·32 + 1)·64 = 289·64 = 18 496.', lambda: E('289', 3 * 3 * 32 + 1) and E('18 496', n(c2))),
        ('5/ MaxPool 2×2, stride 2: 26/2 = 13', lambda: E('13', s3)),
        ('6/ Flatten: 13·13·64 = 10 816', lambda: E('10 816', flat)),
        ('7/ Dense 10 816 → 128', lambda: E('1 384 576', n(d1))),
        ('8/ Dense 128 → 10: 128·10 + 10 = 1290.', lambda: E('1290', n(d2))),
        ('9/ Razem: 320 + 18 496 + 1 384 576 + 1290 = 1 404 682', lambda: E('1 404 682', total)),
        ('10/ I tu jest puenta', lambda: C('98,6', 100 * n(d1) / total) and (n(c1) + n(c2)) / total < 0.014),
        ('11/ Jeśli zamiast Flatten dać Global Average Pooling', lambda: E('8320', n(gap)) and E('28 426', total_gap) and 45 < total / total_gap < 50),
        ('12/ Sprawdziłem w PyTorch', lambda: E('1404682', total)),
    ]

# ======================================================================= 12
@register('12_sigmoid_bce_flashcards_vi.md')
def f12():
    zs = np.linspace(-8, 8, 16001); sp = sig(zs) * (1 - sig(zs)); spmax = sp.max()
    def card1():
        ok = sig_prime_ok()
        for z in rand(4):
            ok &= abs(fd(sig, z) - np.exp(-z) / (1 + np.exp(-z)) ** 2) < 1e-7
        return ok
    def card2():
        z = rand(5); return near(sig(-z), 1 - sig(z)) and all(abs(fd(sig, -t) - fd(sig, t)) < 1e-8 for t in z)
    a = sig(-1.0)
    def card8():
        ok = True
        for _ in range(3):
            m, n = 5, 3; X = rand(m, n); w = rand(n); b = float(rand(1)[0]); y = RNG.integers(2, size=m).astype(float)
            f = lambda W, B: np.mean(bce(sig(X @ W + B), y)); aa = sig(X @ w + b)
            gw = grad(lambda W: f(W, b), w)
            ok &= near(gw, X.T @ (aa - y) / m) and gw.shape == (n,) and abs(fd(lambda B: f(w, B), b) - np.mean(aa - y)) < 1e-6
        return ok
    def card9():
        ok = True
        for z in rand(4):
            for y in (0.0, 1.0):
                ok &= abs(fd(lambda t: 0.5 * (sig(t) - y) ** 2, z) - (sig(z) - y) * sig(z) * (1 - sig(z))) < 1e-7
        # confidently wrong: MSE gradient ~0, BCE gradient ~ -1
        z = -10.0; y = 1.0
        ok &= abs(fd(lambda t: 0.5 * (sig(t) - y) ** 2, z)) < 1e-3 and abs(fd(lambda t: bce(sig(t), y), z) + 1) < 1e-3
        return ok and spmax <= 0.5
    def card10():
        z = rand(5, lo=-30, hi=30)
        return near(-np.log(sig(z)), np.logaddexp(0, -z), 1e-9)
    return [
        ('**Thẻ 1.** Định nghĩa sigmoid', GIVEN),
        ('\\sigma\'(z) = \\dfrac{e^{-z}}{(1+e^{-z})^2}', card1),
        ('**Thẻ 2.** Liên hệ giữa', GIVEN),
        ('→ $\\sigma(-z) = 1 - \\sigma(z)$', card2),
        ('**Thẻ 3.** $\\sigma\'$ lớn nhất', GIVEN),
        ('→ Tại $z = 0$: $\\sigma(0) = 0{,}5$', lambda: abs(zs[np.argmax(sp)]) < 1e-9 and E('0,5', sig(0.0)) and C('0,5', fd(sig, 0.0))),
        ('→ Mỗi lớp nhân gradient với', lambda: spmax <= 0.5 and C('0,00098', 0.5 ** 10) and E('10', 10)
            and C('1000', 1 / spmax ** 10) and C('0,5', spmax)),
        ('**Thẻ 5.** Binary cross-entropy', GIVEN),
        ('→ $L = -\\big[y\\ln a', GIVEN),
        ('**Thẻ 6.** $\\partial L/\\partial z$ = ?', GIVEN),
        ('\\dfrac{\\partial L}{\\partial a} = -\\dfrac{y}{a}', lambda: all(abs(fd(lambda t: bce(t, y), a0) - (-y / a0 + (1 - y) / (1 - a0))) < 1e-6
                                                                   for a0 in (0.2, 0.7) for y in (0.0, 1.0)) and sig_prime_ok()),
        ('= -y(1-a) + (1-y)a = a - y$', bce_grad_ok),
        ('**Thẻ 7.** Ví dụ số: $z = -1$, $y = 1$.', GIVEN),
        ('→ $a = \\sigma(-1) \\approx 0{,}2689$', lambda: C('0,2689', a) and C('1,3133', bce(a, 1.0), -np.log(0.2689))
            and C('-0,7311', fd(lambda t: bce(sig(t), 1.0), -1.0), 0.2689 - 1)),
        ('**Thẻ 8.** Cả batch $m$ mẫu', GIVEN),
        ('→ $\\nabla_w L = \\dfrac{1}{m}X^\\top(a - y)$', card8),
        ('**Thẻ 9.** Nếu dùng MSE', GIVEN),
        ('→ $\\partial L/\\partial z = (a-y)\\,a(1-a)$', card9),
        ('**Thẻ 10.** Khi code', card10),
    ]

# ======================================================================= 13
@register('13_mlp_relu_bce_calisma_tr.md')
def f13():
    x = np.array([[1.0, -1.0]]); y = 1.0
    W1 = np.array([[1, 0.5, -1], [0.5, -1, 0]]); b1 = np.array([[0, 0, 0.5]]); w2 = np.array([[1], [-0.5], [2]]); b2 = 0.25
    relu = lambda t: np.maximum(t, 0)
    def fwd(x=x, W1=W1, b1=b1, w2=w2, b2=b2):
        z1 = x @ W1 + b1; h = relu(z1); z2 = (h @ w2 + b2)[0, 0]; a = sig(z2)
        return z1, h, z2, a, bce(a, y)
    z1, h, z2, a, L = fwd()
    Lf = lambda **kw: fwd(**kw)[4]
    dW1 = grad(lambda M: Lf(W1=M), W1); db1 = grad(lambda v: Lf(b1=v), b1); dw2 = grad(lambda v: Lf(w2=v), w2)
    db2 = fd(lambda t: Lf(b2=t), b2); dh = grad(lambda H: bce(sig((H @ w2 + b2)[0, 0]), y), h)
    dz1 = grad(lambda Z: bce(sig((relu(Z) @ w2 + b2)[0, 0]), y), z1); dz2 = fd(lambda t: bce(sig(t), y), z2)
    def rules_out():
        ok = bce_grad_ok()
        for _ in range(3):
            hh = rand(1, 3); ww = rand(3, 1); bb = float(rand(1)[0]); yy = float(RNG.integers(2))
            f = lambda H, W: bce(sig((H @ W + bb)[0, 0]), yy); d = sig((hh @ ww + bb)[0, 0]) - yy
            gw = grad(lambda W: f(hh, W), ww); gh = grad(lambda H: f(H, ww), hh)
            ok &= near(gw, hh.T * d) and gw.shape == (3, 1) and near(gh, d * ww.T) and gh.shape == (1, 3)
        return ok
    def rules_hidden():
        ok = True
        for _ in range(3):
            xx = rand(1, 2); WW = rand(2, 3); bb = rand(1, 3); G = rand(1, 3)
            f = lambda Z: np.sum(G * relu(Z)); zz = xx @ WW + bb
            ok &= near(grad(f, zz), G * (zz > 0))
            gW = grad(lambda M: np.sum(G * (xx @ M + bb)), WW)
            ok &= near(gW, xx.T @ G) and gW.shape == (2, 3) and near(grad(lambda v: np.sum(G * (xx @ WW + v)), bb), G)
        return ok
    def mert1():
        xx = rand(2); WW = rand(3, 2); d = rand(3)
        g_col = grad(lambda M: d @ (M @ xx), WW)
        return near(g_col, np.outer(d, xx)) and near(g_col.T, xx[:, None] @ d[None, :])
    xp = 0.01
    z1p, hp, z2p, ap, Lp = fwd(W1=W1 + xp * np.eye(2, 3)[[0]].reshape(1, 3).repeat(2, 0) * np.array([[1], [0]]))
    return [
        ('**Ayşe:** Satır vektörü gösterimi', lambda: x.shape == (1, 2) and W1.shape == (2, 3) and w2.shape == (3, 1)),
        ('$$z_1 = xW_1 + b_1', GIVEN),
        ('\\frac{\\partial L}{\\partial z_2} = a - y,', rules_out),
        ('\\odot \\mathbb{1}[z_1 > 0]', rules_hidden),
        ('> **Yorum (Mert):** Satır gösteriminde', mert1),
        ('**Sayısal örnek:** $x = (1,\\ -1)$', GIVEN),
        ('$W_1 = \\begin{pmatrix} 1 & 0{,}5 & -1', GIVEN),
        ('- $xW_1 = (1 - 0{,}5', lambda: EV(['0,5', '1,5', '-1'], x @ W1) and EV(['0,5', '1,5', '-0,5'], z1)),
        ('- $h = (0{,}5;\\ 1{,}5;\\ 0)$', lambda: EV(['0,5', '1,5', '0'], h)),
        ('- $z_2 = 0{,}5 - 0{,}75 + 0 + 0{,}25 = 0$', lambda: E('0', z2) and E('0,5', a) and abs(L - np.log(2)) < 1e-12 and C('0,6931', L)),
        ('- $\\partial L/\\partial z_2 = 0{,}5 - 1 = -0{,}5$', lambda: C('-0,5', dz2)),
        ('- $\\partial L/\\partial w_2 = -0{,}5', lambda: CV(['-0,25', '-0,75', '0'], dw2) and C('-0,5', db2)),
        ('- $\\partial L/\\partial h = -0{,}5', lambda: CV(['-0,5', '0,25', '-1'], dh)),
        ('- $\\partial L/\\partial z_1 = (-0{,}5', lambda: EV(['1', '1', '0'], (z1 > 0)) and CV(['-0,5', '0,25', '0'], dz1)),
        ('- $\\partial L/\\partial W_1 = x^\\top', lambda: CV(['-0,5', '0,25', '0', '0,5', '-0,25', '0'], dW1) and CV(['-0,5', '0,25', '0'], db1)),
        ('Üçüncü nöron ölü', lambda: z1[0, 2] < 0 and near(dW1[:, 2], 0) and C('-1', dh[0, 2]) and np.all(z1 != 0)),
        ('**Ayşe – sonlu fark kontrolü:**', lambda: C('0,51', z1p[0, 0]) and C('0,01', z2p) and C('0,5025', ap) and C('0,6882', Lp)
            and C('-0,49', (0.6882 - 0.6931) / 0.01) and C('-0,5', (Lp - L) / 0.01, dW1[0, 0])),
    ]

# ======================================================================= 14
@register('14_avgpool_backward_forum_fr.md')
def f14():
    X = np.array([[2., 4, 1, 3], [0, 2, 5, -1], [1, 1, 0, 2], [3, -1, 2, 4]]); G = np.array([[0.4, -0.8], [1.2, 0.2]])
    Y = pool2d(X, 2, 2, 'avg'); dX = pool_grad_fd(X, G, 2, 2, 'avg')
    def fwd_formula():
        XX = rand(4, 4)
        YY = np.array([[0.25 * sum(XX[2 * p + a, 2 * q + b] for a in range(2) for b in range(2)) for q in range(2)] for p in range(2)])
        return near(YY, pool2d(XX, 2, 2, 'avg'))
    def one_window_coeff1():
        cover = np.zeros((4, 4))
        for p in range(2):
            for q in range(2):
                for a in range(2):
                    for b in range(2):
                        cover[2 * p + a, 2 * q + b] += 1
        return np.all(cover == 1)
    def dY_dX():
        XX = rand(4, 4); ok = True
        for p in range(2):
            for q in range(2):
                J = grad(lambda U: pool2d(U, 2, 2, 'avg')[p, q], XX)
                mask = np.zeros((4, 4)); mask[2 * p:2 * p + 2, 2 * q:2 * q + 2] = 1
                ok &= near(J, mask)
        return ok
    return [
        ('Je code un petit CNN en NumPy', GIVEN),
        ('**Notations.** Entrée $X$ de taille $4\\times4$', lambda: pool2d(X, 2, 2, 'avg').shape == (2, 2)),
        ('**Forward.** Pour la fenêtre', GIVEN),
        ('$$Y_{pq} = \\frac{1}{4}\\sum_{a=0}^{1}', fwd_formula),
        ('\\quad\\Rightarrow\\quad Y = \\begin{pmatrix} 2 & 2\\\\ 1 & 2', lambda: EV(['2', '2', '1', '2'], Y)),
        ('(par ex. $Y_{00} = (2 + 4 + 0 + 2)/4 = 2$', lambda: E('2', Y[0, 0]) and E('1', Y[1, 0])),
        ('**Backward.** Chaque $X_{ij}$ appartient', one_window_coeff1),
        ('\\begin{cases} 1 & \\text{si }', dY_dX),
        ('et par la règle de la chaîne', lambda: near(dX, np.repeat(np.repeat(G, 2, 0), 2, 1))),
        ('Avec $G = \\begin{pmatrix} 0{,}4', GIVEN),
        ('$$\\frac{\\partial L}{\\partial X} = \\begin{pmatrix} 0{,}4', lambda: CV(('0,4 0,4 -0,8 -0,8 ' * 2 + '1,2 1,2 0,2 0,2 ' * 2).split(), dX)),
        ('dX = np.repeat(np.repeat(G, 2, axis=0), 2, axis=1)', lambda: near(np.repeat(np.repeat(G, 2, axis=0), 2, axis=1), dX)),
        ('Ce qui me trouble', lambda: C('1,0', 0.4 - 0.8 + 1.2 + 0.2) and C('4,0', dX.sum()) and C('1,0', G.sum())),
    ]

# ======================================================================= 15
@register('15_softmax_vjp_examprep.md')
def f15():
    p = np.array([0.5, 0.3, 0.2]); z = np.log(p); g = np.array([1.0, -1.0, 2.0])
    dz = grad(lambda u: g @ softmax(u), z)
    def J_props():
        ok = softmax_jac_ok()
        for _ in range(3):
            pp = softmax(rand(4)); J = np.diag(pp) - np.outer(pp, pp)
            ok &= near(J, J.T) and near(J @ np.ones(4), pp - pp * (pp @ np.ones(4))) and near(J @ np.ones(4), 0)
        return ok
    def singular():
        ok = True
        for _ in range(3):
            zz = rand(4); pp = softmax(zz); J = np.diag(pp) - np.outer(pp, pp)
            ok &= np.linalg.matrix_rank(J) <= 3 and near(softmax(zz + 2.5), pp)
        return ok
    def ce4():
        ok = True
        for _ in range(3):
            zz = rand(4); pp = softmax(zz); yy = softmax(rand(4))   # any distribution
            mid = -(yy / pp) @ (pp[:, None] * (np.eye(4) - pp[None, :]))
            ok &= near(mid, -yy + pp * yy.sum()) and near(grad(lambda u: -yy @ np.log(softmax(u)), zz), mid)
        return ok
    def ce5():
        ok = ce_grad_ok()
        zz = rand(4); yy = softmax(rand(4))
        return ok and near(grad(lambda u: -yy @ np.log(softmax(u)), zz), softmax(zz) - yy)
    def vjp_rule(form):
        ok = True
        for _ in range(3):
            zz = rand(5); pp = softmax(zz); gg = rand(5)
            ok &= near(grad(lambda u: gg @ softmax(u), zz), form(pp, gg))
        return ok
    def plug():
        zz = rand(4); pp = softmax(zz); yy = np.eye(4)[2]; gg = -yy / pp
        six = np.array([sum(gg[i] * pp[i] * ((i == j) - pp[j]) for i in range(4)) for j in range(4)])
        return near(six, pp - yy)
    def diag_max():
        ok = True
        for _ in range(20):
            pp = softmax(rand(4, lo=-3, hi=3)); ok &= np.max(pp * (1 - pp)) <= 0.25
        pp = np.array([0.5, 0.25, 0.25]); return ok and abs(np.max(np.diag(np.diag(pp) - np.outer(pp, pp))) - 0.25) < 1e-15
    return [
        ('**Setup.** $z \\in \\mathbb{R}^K$', GIVEN),
        ('p_i &= \\frac{e^{z_i}}{\\sum_{k=1}^{K} e^{z_k}} \\tag{1}', GIVEN),
        ('&= p_i(\\delta_{ij} - p_j) \\tag{2}', softmax_jac_ok),
        ('J &= \\operatorname{diag}(p) - pp^\\top \\in', J_props),
        ('(3) says shifting all logits', singular),
        ('**Cross-entropy.** $L = -\\sum_i y_i \\log p_i$', GIVEN),
        ('= -y_j + p_j\\sum_i y_i \\tag{4}', ce4),
        ('\\Aboxed{\\nabla_z L &= p - y} \\tag{5}', ce5),
        ('**Backprop through softmax alone**', lambda: vjp_rule(lambda pp, gg: (np.diag(pp) - np.outer(pp, pp)).T @ gg)),
        ('(Jg)_j &= \\sum_i g_i\\,p_i(\\delta_{ij} - p_j) \\tag{6}', lambda: vjp_rule(lambda pp, gg: np.array([sum(gg[i] * pp[i] * ((i == j) - pp[j]) for i in range(5)) for j in range(5)]))),
        ('&= p_j g_j - p_j \\sum_i g_i \\tag{7}', lambda: vjp_rule(lambda pp, gg: pp * gg - pp * gg.sum())),
        ('&= p_j\\Big(g_j - \\sum_i g_i\\Big) \\tag{8}', lambda: vjp_rule(lambda pp, gg: pp * (gg - gg.sum()))),
        ('In code: `dz = p * (g - g.sum())`', lambda: vjp_rule(lambda pp, gg: pp * (gg - gg.sum()))),
        ('**Worked example** (typical exam question)', lambda: abs(softmax(z) - p).max() < 1e-12),
        ('\\textstyle\\sum_i g_i &= 1 - 1 + 2 = 2', lambda: E('2', g.sum())),
        ('\\partial L/\\partial z &= \\big(0.5(1 - 2)', lambda: CV(['-0.5', '-0.9', '0'], dz)),
        ('- Plug $g = -y/p$', plug),
        ('- $\\max_i J_{ii}', diag_max),
        ('**To memorize:**', lambda: softmax_jac_ok() and ce_grad_ok() and vjp_rule(lambda pp, gg: pp * (gg - gg.sum()))),
    ]

# ======================================================================= 16
@register('16_bce_logistica_notebook_it.md')
def f16():
    ns, outs = run_cells('16_bce_logistica_notebook_it.md')
    X = np.array([[1., 0.], [0., 1.], [1., 1.], [2., -1.]]); y = np.array([1., 0., 1., 0.]); w = np.array([0.5, -0.5]); b = 0.0; N = 4
    Lf = lambda ww, bb: np.mean(bce(sig(X @ ww + bb), y))
    z = X @ w + b; a = sig(z); L = Lf(w, b)
    gw = grad(lambda ww: Lf(ww, b), w); gb = fd(lambda bb: Lf(w, bb), b)
    Ln = bce(a, y)
    def rule():
        ok = bce_grad_ok()
        for _ in range(3):
            XX = rand(5, 3); yy = RNG.integers(2, size=5).astype(float); ww = rand(3); bb = float(rand(1)[0])
            f = lambda W, B: np.mean(bce(sig(XX @ W + B), yy)); aa = sig(XX @ ww + bb)
            ok &= near(grad(lambda W: f(W, bb), ww), XX.T @ (aa - yy) / 5) and abs(fd(lambda B: f(ww, B), bb) - np.mean(aa - yy)) < 1e-6
            zz = XX @ ww + bb
            ok &= near(grad(lambda Z: np.mean(bce(sig(Z), yy)), zz), (aa - yy) / 5)
        return ok
    def softplus_ok():
        zz = rand(6, lo=-20, hi=20)
        return near(-np.log(sig(zz)), np.logaddexp(0, -zz), 1e-9) and near(-np.log(1 - sig(zz)), np.logaddexp(0, zz), 1e-8)
    return [
        ('Convenzione: un esempio per **riga**', GIVEN),
        ('$$z = Xw + b, \\qquad a = \\sigma(z)', GIVEN),
        ('Per un singolo termine si sa già', bce_grad_ok),
        ('\\frac{\\partial L}{\\partial z_n} = \\frac{a_n - y_n}{N}', rule),
        ('np.set_printoptions(precision=4)', lambda: len(outs) == 3),
        ('X = np.array([[1., 0.], [0., 1.], [1., 1.], [2., -1.]])', lambda: near(ns['X'], X) and X.shape == (4, 2)),
        ('y = np.array([1., 0., 1., 0.])', GIVEN),
        ('w = np.array([0.5, -0.5]); b = 0.0', GIVEN),
        ('sigmoid = lambda t', lambda: near(ns['sigmoid'](np.linspace(-5, 5, 11)), sig(np.linspace(-5, 5, 11)), 1e-15)),
        ('z = X @ w + b', lambda: near(ns['z'], z)),
        ('a = sigmoid(z)', lambda: near(ns['a'], a)),
        ('L = -np.mean(y * np.log(a)', lambda: abs(ns['L'] - L) < 1e-12),
        ('print(z, a, round(L, 4))', GIVEN),
        ('[ 0.5 -0.5  0.   1.5] [0.6225', lambda: same_output('[ 0.5 -0.5  0.   1.5] [0.6225 0.3775 0.5    0.8176] 0.8357', outs[0])
            and CV(['0.5', '-0.5', '0', '1.5'], z) and CV(['0.6225', '0.3775', '0.5', '0.8176'], a) and C('0.8357', L)),
        ('N = X.shape[0]', lambda: ns['N'] == N),
        ('grad_w = X.T @ (a - y) / N', lambda: near(ns['grad_w'], gw)),
        ('grad_b = np.mean(a - y)', lambda: abs(ns['grad_b'] - gb) < 1e-6),
        ('print(a - y, grad_w, round(grad_b, 4))', GIVEN),
        ('[-0.3775  0.3775 -0.5     0.8176]', lambda: same_output('[-0.3775  0.3775 -0.5     0.8176] [ 0.1894 -0.235 ] 0.0794', outs[1])
            and CV(['-0.3775', '0.3775', '-0.5', '0.8176'], a - y) and CV(['0.1894', '-0.235'], gw) and C('0.0794', gb)),
        ('Controllo a mano della prima componente', lambda: C('0,7577', -0.3775 - 0.5 + 2 * 0.8176) and C('0,1894', 0.7577 / 4, gw[0])
            and C('-0,9401', 0.3775 - 0.5 - 0.8176) and C('-0,2350', -0.9401 / 4, gw[1])
            and C('0,3176', -0.3775 + 0.3775 - 0.5 + 0.8176) and C('0,0794', 0.3176 / 4, gb)),
        ('Versione numericamente stabile della loss', softplus_ok),
        ('Ln = y * np.logaddexp(0, -z)', lambda: near(ns['Ln'], Ln, 1e-12)),
        ('print(Ln, round(Ln.mean(), 4))', GIVEN),
        ('[0.4741 0.4741 0.6931 1.7014] 0.8357', lambda: same_output('[0.4741 0.4741 0.6931 1.7014] 0.8357', outs[2])
            and CV(['0.4741', '0.4741', '0.6931', '1.7014'], Ln) and C('0.8357', Ln.mean())),
        ('Stesso valore:', lambda: C('3,3427', 0.4741 * 2 + 0.6931 + 1.7014) and C('0,8357', 3.3427 / 4, L) and C('0,82', a[3])
            and np.argmax(Ln) == 3 and np.argmax(np.abs(a - y)) == 3 and C('0,8176', a[3] - y[3])),
    ]

# ------------------------------------------------------------------ driver
MATH_CHARS = set('$`∂∑Σσ′∇√‖⊙∈≤≥←→⇒≈×·ε∞ᵀ⌊⌋=²₁₂¹')
def math_lines(lines):
    out, in_code = set(), False
    for i, ln in enumerate(lines, 1):
        s = re.sub(r'^\s*(>\s*)+', '', ln.strip())
        if s.startswith('```'):
            in_code = not in_code; continue
        if ln.strip().startswith('<!--') or not s or s in ('$$', '\\[', '\\]', '---'):
            continue
        if s.startswith('\\begin{') or s.startswith('\\end{'):
            continue
        indented_output = ln.startswith('    ') and not in_code and re.search(r'\d', s)
        if (in_code and (re.search(r'\d', s) or '=' in s)) or indented_output \
                or any(ch in MATH_CHARS for ch in s) or (re.search(r'[<>]', s) and re.search(r'\d', s)):
            out.add(i)
    return out

def check_file(name, builder):
    lines = open(os.path.join(D, name), encoding='utf-8').read().split('\n')
    if lines and lines[-1] == '':
        lines = lines[:-1]
    problems, covered, first_false, prev = [], set(), None, 0
    if not (lines and re.fullmatch(r'<!-- style: .+ -->', lines[0])):
        problems.append('first line is not a style comment')
    for sub, pred in builder():
        hits = [i for i, ln in enumerate(lines, 1) if sub in ln]
        if len(hits) != 1:
            problems.append(f'substring matches {len(hits)} lines: {sub!r}')
            continue
        ln = hits[0]
        if ln <= prev:
            problems.append(f'check out of order at line {ln}: {sub!r}')
        prev = ln
        covered.add(ln)
        try:
            ok = bool(pred())
        except Exception as e:
            ok = False
            problems.append(f'predicate error line {ln}: {e!r}')
        if VERBOSE:
            print(f'      L{ln:2d} {"T" if ok else "F"}  {lines[ln - 1][:100]}')
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
        if VERBOSE:
            print(name)
        ff, probs, n = check_file(name, FILES[name])
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
    return 0 if all_ok else 1

if __name__ == '__main__':
    sys.exit(main())
