#!/usr/bin/env python3
"""Independent NumPy check of corpus49.

For every file a list of (substring that identifies exactly one line, predicate).
Every line containing math must be covered by an entry.  Definitions / data get
GIVEN; every claim is recomputed: finite differences for derivatives, gradients,
Jacobians and differentials (at the given point and at random points), numerical
quadrature / Monte-Carlo for expectations, window enumeration for sizes, and exact
recomputation of worked numbers at their shown precision (a rounded number is
accepted if it is right from the exact value or from the rounded carried values).
Number accounting: every number printed in the math of a checked line (index
subscripts, \tag and \label excluded) must be matched, with multiplicity, by a
checked value (C/CV/EX/A, whose text must occur on the line) or by a declared
data/structure token of that entry.
The first line whose predicate is False is compared with expected.json.
"""
import json, os, re, sys
import numpy as np

VERBOSE = '-v' in sys.argv
D = os.path.dirname(os.path.abspath(__file__))
RNG = np.random.default_rng(49)

# ------------------------------------------------------------------ helpers
def GIVEN():
    return True

_LITS = []

def _tol(s):
    m = re.fullmatch(r'[+-]?\d+(?:\.(\d+))?', s.strip())
    assert m, f'bad literal {s!r}'
    d = len(m.group(1) or '')
    return float(s), 0.5 * 10.0 ** (-d) * (1 + 1e-9) + 1e-12

def C(shown, *cands):
    """`shown` (as printed) is right to its printed precision for at least one
    candidate value (exact, or recomputed from the rounded carried values)."""
    _LITS.append(shown)
    v, t = _tol(shown)
    return any(abs(v - float(c)) <= t for c in cands)

def EX(shown, value):
    """an exactly printed number (integer or exact decimal) equals `value`"""
    _LITS.append(shown)
    return abs(float(shown.replace('{,}', '')) - float(value)) <= 1e-9 * max(1.0, abs(float(value)))

def A(sub, got, want, tol=1e-9):
    """a printed piece of arithmetic `sub` (must occur verbatim on the line) whose
    value, transcribed as the Python value `got`, equals the independently computed `want`"""
    _LITS.append(sub)
    return near(got, want, tol)

def CV(shown, *cands):
    """element-wise C for a printed vector/matrix (row-major)."""
    cands = [np.ravel(np.asarray(c, float)) for c in cands]
    if any(c.size != len(shown) for c in cands):
        _LITS.extend(shown); return False
    res = [C(s, *[c[i] for c in cands]) for i, s in enumerate(shown)]   # no short-circuit
    return all(res)

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
        cols.append((np.ravel(f(x + e)) - np.ravel(f(x - e))) / (2 * h))
    return np.stack(cols, axis=1)

def dirder(f, X, D_, h=1e-6):
    """directional derivative (the differential) of f at X along D_"""
    return (np.asarray(f(X + h * D_)) - np.asarray(f(X - h * D_))) / (2 * h)

def near(a, b, tol=1e-6):
    a = np.asarray(a, float); b = np.asarray(b, float)
    return a.shape == b.shape and np.allclose(a, b, atol=tol, rtol=0)

def ALL(*xs):
    return all(bool(x) for x in xs)

sig = lambda z: 1 / (1 + np.exp(-z))

def softmax(z):
    z = np.asarray(z, float); e = np.exp(z - z.max()); return e / e.sum()

def rowsoftmax(Z):
    return np.apply_along_axis(softmax, -1, np.atleast_2d(Z))

def spd(n):
    A = RNG.normal(size=(n, n)); return A @ A.T + n * np.eye(n)

def gauss_expect(f, mu=0.0, s=1.0, n=80):
    """E[f(X)], X ~ N(mu, s^2), by Gauss-Hermite quadrature (exact for polynomials)"""
    t, w = np.polynomial.hermite_e.hermegauss(n)
    return float(np.sum(w * f(mu + s * t)) / np.sqrt(2 * np.pi))

FILES = {}
def register(name):
    def deco(fn):
        FILES[name] = fn; return fn
    return deco

# ======================================================================= 01
@register('01_attention_backward.md')
def f01():
    Q = np.array([[1, 0, 1, 0.]]); K = np.array([[1, 1, 1, 0], [0, 0, 1, 1.]])
    V = np.array([[1, 2], [3, -1.]]); dk = 4
    def fwd(Q, K, V):
        S = Q @ K.T / np.sqrt(dk); P = rowsoftmax(S); return S, P, P @ V
    L = lambda Q, K, V: fwd(Q, K, V)[2][0, 0]
    S, P, O = fwd(Q, K, V); p = P[0]
    G = grad(lambda O_: O_[0, 0], O)
    dV = grad(lambda V_: L(Q, K, V_), V)
    dP = grad(lambda P_: (P_ @ V)[0, 0], P)
    dS = grad(lambda S_: (rowsoftmax(S_) @ V)[0, 0], S)
    dQ = grad(lambda Q_: L(Q_, K, V), Q)
    dK = grad(lambda K_: L(Q, K_, V), K)
    def softmax_jac():
        ok = True
        for _ in range(3):
            z = RNG.normal(size=4); s = softmax(z)
            ok &= near(jac(softmax, z), np.diag(s) - np.outer(s, s), 1e-7)
        return ok
    def dS_formula():
        ok = True
        for _ in range(3):
            z = RNG.normal(size=(1, 3)); U = RNG.normal(size=(1, 3)); Pz = rowsoftmax(z)
            f = lambda z_: np.sum(U * rowsoftmax(z_))
            ok &= near(grad(f, z), Pz * (U - (U @ Pz.T) @ np.ones((1, 3))), 1e-7)
        return ok and near(dP, [[1, 3]]) and C('1.7551', dP[0] @ p, p[0] + 3 * p[1])
    def bilinear():   # dQ = dS K / sqrt(dk), dK = dS^T Q / sqrt(dk) at random points
        ok = True
        for _ in range(2):
            Qr = RNG.normal(size=(2, 4)); Kr = RNG.normal(size=(3, 4)); Vr = RNG.normal(size=(3, 2))
            U = RNG.normal(size=(2, 2))
            f = lambda Q_, K_: np.sum(U * (rowsoftmax(Q_ @ K_.T / 2) @ Vr))
            Sr = Qr @ Kr.T / 2
            dSr = grad(lambda S_: np.sum(U * (rowsoftmax(S_) @ Vr)), Sr)
            ok &= near(grad(lambda q: f(q, Kr), Qr), dSr @ Kr / 2, 1e-6)
            ok &= near(grad(lambda k: f(Qr, k), Kr), dSr.T @ Qr / 2, 1e-6)
        return ok
    def check36():
        h = 1e-4; e = np.zeros_like(Q); e[0, 3] = h
        v = (L(Q + e, K, V) - L(Q - e, K, V)) / (2 * h)
        return C('0.2350', v, dQ[0, 3]) and abs(dQ[0, 2]) < 1e-8 and K[0, 2] == K[1, 2]
    return [
        ('backward pass through $\\mathrm{Attention}(Q,K,V)$', GIVEN),
        ('One query, two keys', lambda: ALL(EX('4', dk), EX('2', V.shape[1]), Q.shape[0] == 1, K.shape == (2, dk))),
        ('$$Q = \\begin{pmatrix}1 & 0 & 1 & 0', GIVEN, '1*8 0*5 2 3 -1'),
        ('The loss is $L = O_{11}$', lambda: CV(['1', '0'], G)),
        ('With $\\sqrt{d_k} = 2$', lambda: EX('2', np.sqrt(dk))),
        ('S &= \\frac{QK^\\top}', lambda: ALL(A('\\tfrac12', 0.5, 1 / np.sqrt(dk)), CV(['2', '1'], Q @ K.T),
            CV(['1', '0.5'], S))),
        ('P &= \\text{softmax}(S)', lambda: CV(['0.6225', '0.3775'], P)),
        ('O &= PV', lambda: CV(['1.7551', '0.8674'], O)),
        ('&= P^\\top G', lambda: ALL(near(dV, P.T @ G), CV(['0.6225', '0', '0.3775', '0'], dV))),
        ('&= G V^\\top', lambda: ALL(near(dP, G @ V.T), CV(['1', '3'], dP))),
        ('the Jacobian is $\\operatorname{diag}', softmax_jac),
        ('\\frac{\\partial L}{\\partial S} = P \\odot', lambda: ALL(dS_formula(), A('p_1 + 3p_2', [1, 3], dP[0])), '1'),
        ('Numerically $\\partial L/\\partial S', lambda: ALL(
            C('0.6225', p[0]), C('-0.7551', dP[0, 0] - dP[0] @ p), C('0.3775', p[1]),
            C('1.2449', dP[0, 1] - dP[0] @ p), CV(['-0.4700', '0.4700'], dS),
            abs(dS.sum()) < 1e-8)),
        ('is bilinear in $Q$ and $K$', GIVEN),
        ('\\frac{\\partial L}{\\partial Q} &=', lambda: ALL(
            bilinear(), near(dQ, dS @ K / 2), C('0.2350', dQ[0, 3]),
            CV(['-1', '-1', '0', '1'], dQ[0] / dQ[0, 3])), '1'),
        ('\\frac{\\partial L}{\\partial K} &=', lambda: ALL(near(dK, dS.T @ Q / 2), CV(
            ['-0.2350', '0', '-0.2350', '0', '0.2350', '0', '0.2350', '0'], dK)), '1'),
        ('A central difference on $Q_{14}$', check36, '10 -4 0'),
    ]

# ======================================================================= 02
@register('02_lstm_forget_gate.md')
def f02():
    af, cp, i, g, o, hp, x = 0.5, 2.0, 0.5, 0.4, 0.8, 1.0, -1.0
    h_of = lambda a: o * np.tanh(sig(a) * cp + i * g)
    f = sig(af); c = f * cp + i * g; t = np.tanh(c); h = o * t
    Wf = np.array([0.3, -0.2]); bf = af - Wf @ np.array([hp, x])   # any W_f, b_f with a_f = 0.5
    hW = lambda W, b: o * np.tanh(sig(W @ np.array([hp, x]) + b) * cp + i * g)
    def chain():
        ok = True
        for _ in range(5):
            a, c0, ii, gg, oo = RNG.normal(size=5)
            hh = lambda a_: oo * np.tanh(sig(a_) * c0 + ii * gg)
            cc = sig(a) * c0 + ii * gg
            ok &= abs(fd(hh, a) - oo * (1 - np.tanh(cc) ** 2) * c0 * sig(a) * (1 - sig(a))) < 1e-7
            ok &= abs(fd(sig, a) - sig(a) * (1 - sig(a))) < 1e-8
        return ok
    return [
        ('$$f_t = \\sigma(a_f)', GIVEN),
        ('$$c_t = f_t\\, c_{t-1}', GIVEN),
        ('Gegeben: $a_f = 0.5$', GIVEN, '0.5*2 2 0.4 0.8 1 -1'),
        ('$f_t = \\sigma(0.5) \\approx 0.6225$', lambda: C('0.6225', f), '0.5'),
        ('$$c_t = 2 f_t + 0.5', lambda: ALL(abs(c - (2 * f + 0.5 * 0.4)) < 1e-12, C('1.4449', c),
            C('0.8947', t), C('0.8947', t), C('0.7157', h, 0.8 * 0.8947)), '2 0.5 0.4 0.8'),
        ('Da $a_f$ nur über $f_t$', lambda: abs(h_of(af) - h) < 1e-12),
        ('\\underbrace{o_t', chain, '1*2 2'),
        ("$$\\sigma'(0.5)", lambda: ALL(C('0.6225', f), C('0.3775', 1 - f),
            C('0.2350', fd(sig, af), 0.6225 * 0.3775)), '0.5'),
        ('$$1 - \\tanh^2(c_t)', lambda: ALL(C('0.8947', t), C('0.1053', 1 - t ** 2)), '1*2 2'),
        ('\\frac{\\partial h_t}{\\partial c_t} = 0.8', lambda: ALL(C('0.1053', 1 - t ** 2),
            C('0.0842', fd(lambda c_: o * np.tanh(c_), c))), '0.8'),
        ('$$\\delta_f :=', lambda: ALL(C('0.0842', fd(lambda c_: o * np.tanh(c_), c)), EX('2', cp),
            C('0.2350', fd(sig, af)), C('0.0396', fd(h_of, af)))),
        ('Wegen (1) ist', lambda: ALL(near(grad(lambda W: W @ np.array([hp, x]) + bf, Wf), [hp, x]),
            abs(fd(lambda b: Wf @ np.array([hp, x]) + b, bf) - 1) < 1e-8), '1'),
        ('= \\delta_f\\,[h_{t-1}, x_t]', lambda: ALL(CV(['0.0396', '-0.0396'], grad(lambda W: hW(W, bf), Wf)),
            C('0.0396', fd(lambda b: hW(Wf, b), bf)))),
        ('Interpretation: Ein größeres $a_f$', lambda: cp > 0 and fd(h_of, af) > 0, '0'),
    ]

# ======================================================================= 03
@register('03_embedding_gradient.md')
def f03():
    E = np.array([[0.5, -1], [1, 0], [2, 1], [-1, 3.]]); ids = [2, 0, 2]
    u = np.array([1, -2.]); y = 1.0; eta = 0.3
    hf = lambda E_: E_[ids].mean(axis=0)
    Lf = lambda E_: 0.5 * (u @ hf(E_) - y) ** 2
    h = hf(E); s = u @ h; L = Lf(E)
    gh = grad(lambda h_: 0.5 * (u @ h_ - y) ** 2, h)
    gE = grad(Lf, E)
    def delta_form():
        hj = np.array([sum((v == w) * E[v, j] for w in ids for v in range(4)) / 3 for j in range(2)])
        return near(hj, h, 1e-12)
    def general():
        ok = True
        for E_ in (E, RNG.normal(size=(4, 2))):
            g_ = grad(lambda hh: 0.5 * (u @ hh - y) ** 2, hf(E_))
            form = np.array([[sum(v == w for w in ids) / 3 * g_[j] for j in range(2)] for v in range(4)])
            ok &= near(grad(Lf, E_), form, 1e-7)
        return ok
    E_new = E - eta * gE
    return [
        ('Vocabulary size $|V| = 4$', lambda: ALL(EX('4', E.shape[0]), EX('2', E.shape[1]))),
        ('$$\\mathbf{E} = \\begin{bmatrix}', GIVEN, '0.5 -1*2 1*2 0*2 2 3*2'),
        ('The sentence has token ids', GIVEN, '2*2 0'),
        ('$$\\mathbf{h} = \\frac{1}{3}\\sum', GIVEN, '1*4 3*2 2*2 -2'),
        ('**Forward.**', lambda: ALL(A('\\frac13\\big((2,1) + (0.5,-1) + (2,1)\\big)', (np.array([2, 1]) + np.array([0.5, -1]) + np.array([2, 1])) / 3,
                                      hf(E)),
            A('\\frac13(4.5,\\ 1)', np.array([4.5, 1]) / 3, h), CV(['1.5', '0.3333'], h),
            C('1.5', u[0] * h[0]), C('0.6667', -u[1] * h[1]), C('0.8333', s, 1.5 - 0.6667), A('\\tfrac12(-0.1667)^2', 0.5 * 0.1667 ** 2, L, 5e-5),
            C('-0.1667', s - y), C('0.0139', L, 0.5 * 0.1667 ** 2))),
        ('**Backward to $\\mathbf h$.**', lambda: ALL(near(gh, (s - y) * u), C('-0.1667', s - y),
            CV(['-0.1667', '0.3333'], gh)), '1 -2'),
        ('Write the lookup with a Kronecker delta', delta_form, '1 3'),
        ('\\frac{\\partial L}{\\partial E_{vj}} = \\sum_{k}', general, '1 3*2'),
        ('- row 0 (token at $t=2$)', lambda: ALL(ids[1] == 0, near(gE[0], gh / 3), CV(['-0.0556', '0.1111'], gE[0])), '2 1 3'),
        ('- row 2 (tokens at', lambda: ALL(ids[0] == 2 == ids[2], CV(['-0.0556', '0.1111'], gE[2])), '1*2 3*2'),
        ('- rows 1 and 3', lambda: near(gE[[1, 3]], np.zeros((2, 2)), 1e-9), '0*2'),
        ('**Sparse SGD step** with $\\eta = 0.3$', lambda: near(gE[[1, 3]], np.zeros((2, 2)), 1e-9), '0.3'),
        ('$$\\mathbf E_{[0]} \\leftarrow', lambda: ALL(CV(['-0.0556', '0.1111'], gE[0]),
            CV(['0.5167', '-1.0333'], E_new[0])), '0.5 -1 0.3'),
        ('$$\\mathbf E_{[2]} \\leftarrow', lambda: ALL(CV(['-0.0556', '0.1111'], gE[2]),
            CV(['2.0167', '0.9667'], E_new[2])), '2 1 0.3'),
        ('After the step the new score', lambda: ALL(near(hf(E_new), (2 * E_new[2] + E_new[0]) / 3, 1e-12),
            C('0.9167', u @ hf(E_new)), abs(u @ hf(E_new) - y) < abs(s - y)), '1*2 3 2'),
    ]

# ======================================================================= 04
@register('04_weight_decay_adamw.md')
def f04():
    th0, g, a, lp = 2.0, 0.5, 0.01, 0.1
    lam = a * lp
    def adam1(theta, gr, alpha, b1=0.9, b2=0.999, eps=0.0, wd=0.0):
        m = (1 - b1) * gr; v = (1 - b2) * gr ** 2
        mh = m / (1 - b1); vh = v / (1 - b2)
        return theta - (alpha * mh / (np.sqrt(vh) + eps) + wd * theta), mh, vh
    def sgd_identity():
        ok = True
        for _ in range(5):
            th, gg, al, l2 = RNG.normal(size=4)
            ok &= abs((th - al * (gg + l2 * th)) - ((1 - al * l2) * th - al * gg)) < 1e-12
        return ok
    def equiv():
        ok = True
        for _ in range(5):
            th, gg = RNG.normal(size=2); al, l2 = RNG.uniform(0.001, 0.1, 2); la = al * l2
            ok &= abs((th - al * (gg + l2 * th)) - ((1 - la) * th - al * gg)) < 1e-12
            ok &= abs(l2 - la / al) < 1e-12
        return ok
    def bias_corr():
        ok = True
        for gg in RNG.normal(size=4):
            _, mh, vh = adam1(0.0, gg, 0.01)
            ok &= abs(mh - gg) < 1e-12 and abs(vh - gg ** 2) < 1e-12
        return ok
    def sign_step():
        ok = True
        for gg in RNG.normal(size=4):
            ok &= abs(adam1(1.0, gg, 0.01)[0] - (1.0 - 0.01 * np.sign(gg))) < 1e-12
        return ok
    return [
        ('régularisation $L_2$ ou *weight decay*', GIVEN),
        ('**Énoncé.** On note $f_t', GIVEN),
        ('$$f_t^{\\text{reg}}', GIVEN, '2*2'),
        ('**1. SGD.** Comme', lambda: all(near(grad(lambda t: lp / 2 * t @ t, t0), lp * t0)
                                          for t0 in RNG.normal(size=(3, 4))), '2*2'),
        ('$$\\boldsymbol\\theta_{t} = \\boldsymbol\\theta_{t-1} - \\alpha\\big(', sgd_identity, '1'),
        ("C'est exactement le *weight decay*", equiv, '1'),
        ('**Application numérique** (cas scalaire)', GIVEN, '2 0.5 0.01 0.1'),
        ('- $L_2$ : $\\theta_1', lambda: ALL(EX('0.007', a * (g + lp * th0)),
            EX('1.993', th0 - a * (g + lp * th0))), '2*3 0.01 0.5 0.1'),
        ('- *weight decay* avec', lambda: ALL(EX('0.001', lam), EX('0.999', 1 - lam),
            EX('1.993', (1 - lam) * th0 - a * g)), '2 0.01 0.5'),
        ('**2. Adam avec $L_2$.**', bias_corr, '0.9 0.999 2'),
        ('\\frac{\\hat m_1}{\\sqrt{\\hat v_1}} = \\theta_0', sign_step),
        ('Ici $g_1 = 0.5 + 0.1\\cdot 2 = 0.7$', lambda: ALL(EX('0.7', g + lp * th0),
            A('2 - 0.01', 2 - 0.01, adam1(th0, g + lp * th0, a)[0]), EX('1.99', adam1(th0, g + lp * th0, a)[0]),
            EX('1.99', adam1(th0, g, a)[0])), '0.5*2 0.1 2'),
        ('**3. AdamW**', GIVEN, '1'),
        ('\\lambda\\,\\boldsymbol\\theta_{t-1}\\Big)', GIVEN),
        ('Avec $\\lambda = 0.001$ et $g_1 = 0.5$', lambda: ALL(EX('0.012', a * 1 + lam * th0),
            EX('1.988', adam1(th0, g, a, wd=lam)[0])), '0.001*2 0.5 2*3 0.01 1'),
        ('**Conclusion.**', lambda: ALL(EX('0.002', lam * th0),
            abs(adam1(th0, g + lp * th0, a)[0] - adam1(th0, g, a)[0]) < 1e-12,
            abs(adam1(th0, g, a, wd=lam)[0] - adam1(th0, g, a)[0] + 0.002) < 1e-12)),
    ]

# ======================================================================= 05
@register('05_focal_loss.md')
def f05():
    FLp = lambda p, al, ga: -al * (1 - p) ** ga * np.log(p)
    FLx = lambda x, al, ga: FLp(sig(x), al, ga)
    form2 = lambda x, al, ga: al * (1 - sig(x)) ** ga * (ga * sig(x) * np.log(sig(x)) + sig(x) - 1)
    def step1():
        ok = True
        for _ in range(5):
            p = RNG.uniform(0.05, 0.95); al = RNG.uniform(0.1, 1); ga = RNG.uniform(0.5, 3)
            ok &= abs(fd(lambda q: FLp(q, al, ga), p) - al * (ga * (1 - p) ** (ga - 1) * np.log(p) - (1 - p) ** ga / p)) < 1e-7
        return ok
    def step2():
        ok = True
        for _ in range(5):
            x = RNG.normal(); al = RNG.uniform(0.1, 1); ga = RNG.uniform(0, 3)
            ok &= abs(fd(lambda t: FLx(t, al, ga), x) - form2(x, al, ga)) < 1e-7
            ok &= abs(fd(sig, x) - sig(x) * (1 - sig(x))) < 1e-8
        return ok
    def gamma0():
        ok = True
        for x in RNG.normal(size=4):
            ok &= abs(form2(x, 0.25, 0) - 0.25 * (sig(x) - 1)) < 1e-12
            ok &= abs(fd(lambda t: -0.25 * np.log(sig(t)), x) - 0.25 * (sig(x) - 1)) < 1e-8
        return ok
    p = sig(1.0); gx = fd(lambda t: FLx(t, 0.25, 2), 1.0); ce = 0.25 * (p - 1)
    pm = sig(-1.0); gm = fd(lambda t: FLx(t, 0.25, 2), -1.0); cem = 0.25 * (pm - 1)
    return [
        ('**Planteamiento.**', GIVEN, '1'),
        ('$$p_t \\triangleq', GIVEN, '1*3'),
        ('Tomamos $y = 1$', GIVEN, '1'),
        ('**Paso 1.** Derivamos (1)', GIVEN),
        ('$$\\frac{\\partial\\,\\mathrm{FL}}{\\partial p} =', step1, '1*3'),
        ("**Paso 2.** Como $\\sigma'(x) = p(1-p)$", lambda: all(abs(fd(sig, x) - sig(x) * (1 - sig(x))) < 1e-8 for x in RNG.normal(size=4)), '1'),
        ('\\frac{\\partial\\,\\mathrm{FL}}{\\partial p}\\,p(1-p) =', step2, '1*3'),
        ('que coincide con la expresión', gamma0, '0 1'),
        ('**Paso 3 (ejemplo fácil).**', GIVEN, '1 2 0.25'),
        ('$$p = \\sigma(1) \\approx 0.7311', lambda: ALL(C('0.7311', p), C('0.2689', 1 - p),
            C('0.0723', (1 - p) ** 2, 0.2689 ** 2), C('-0.3133', np.log(p))), '1*2 2*2'),
        ('Entonces $\\gamma p \\log p', lambda: ALL(C('-0.4580', 2 * p * np.log(p)), C('-0.4580', 2 * p * np.log(p)),
            C('0.7311', p), C('-0.7269', 2 * p * np.log(p) + p - 1, -0.4580 + 0.7311 - 1)), '1'),
        ('\\approx 0.25 \\cdot 0.0723 \\cdot (-0.7269)', lambda: ALL(abs(gx - form2(1.0, 0.25, 2)) < 1e-7,
            C('-0.0131', gx, 0.25 * 0.0723 * -0.7269), C('0.0057', FLx(1.0, 0.25, 2), 0.25 * 0.0723 * 0.3133),
            C('0.0723', (1 - p) ** 2), C('0.0723', (1 - p) ** 2), C('-0.7269', 2 * p * np.log(p) + p - 1, -0.7269),
            C('0.3133', -np.log(p))), '0.25*2'),
        ('La entropía cruzada ponderada daría', lambda: ALL(C('0.7311', p), C('-0.0672', ce),
            4.5 <= ce / gx <= 5.5), '0.25 1 5'),
        ('**Paso 4 (ejemplo difícil).**', lambda: C('0.2689', pm), '-1'),
        ('\\approx 0.25\\cdot 0.7311^2', lambda: ALL(C('0.7311', 1 - pm), C('0.2689', pm), C('0.2689', pm),
            C('-1.3133', np.log(pm)), C('-0.1921', gm), abs(gm - form2(-1.0, 0.25, 2)) < 1e-7), '0.25 2*2 1'),
        ('frente a $0.25\\,(0.2689 - 1)', lambda: ALL(C('0.2689', pm), C('-0.1828', cem), abs(gm) > abs(cem)), '0.25 1'),
    ]

# ======================================================================= 06
@register('06_kl_gaussians.md')
def f06():
    m1, s1, m2, s2 = 1.0, 0.5, 0.0, 2.0
    KL = lambda m1, s1, m2, s2: np.log(s2 / s1) + (s1 ** 2 + (m1 - m2) ** 2) / (2 * s2 ** 2) - 0.5
    def logn(x, m, s): return -0.5 * np.log(2 * np.pi * s * s) - (x - m) ** 2 / (2 * s * s)
    def kl_quad(m1, s1, m2, s2):
        return gauss_expect(lambda x: logn(x, m1, s1) - logn(x, m2, s2), m1, s1)
    def moments():
        return (abs(gauss_expect(lambda x: (x - m1) ** 2, m1, s1) - s1 ** 2) < 1e-10 and
                abs(gauss_expect(lambda x: (x - m2) ** 2, m1, s1) - (s1 ** 2 + (m1 - m2) ** 2)) < 1e-10)
    def formula1():
        ok = abs(kl_quad(m1, s1, m2, s2) - KL(m1, s1, m2, s2)) < 1e-9
        for _ in range(4):
            a, c = RNG.normal(size=2); b, d = RNG.uniform(0.3, 2, 2)
            ok &= abs(kl_quad(a, b, c, d) - KL(a, b, c, d)) < 1e-8
        return ok
    k = KL(m1, s1, m2, s2)
    gmu = fd(lambda t: KL(t, s1, m2, s2), m1)
    gsd = fd(lambda t: KL(m1, t, m2, s2), s1)
    term2 = lambda t: t ** 2 / (2 * s2 ** 2)
    return [
        ('**题目.**', GIVEN, '1 0.5 0 2*3'),
        ('**解.** 由定义', GIVEN),
        ('$$\\mathbb E_q\\big[(x-\\mu_1)^2\\big]', moments, '2*5'),
        ('$$D_{\\mathrm{KL}}(q\\|p) = \\log\\frac', formula1, '2*5 1'),
        ('$$D_{\\mathrm{KL}} = \\log 4', lambda: ALL(abs(s2 / s1 - 4) < 1e-12, s1 ** 2 == 0.25, (m1 - m2) ** 2 == 1,
            2 * s2 ** 2 == 8, EX('0.15625', (0.25 + 1) / 8), C('1.3863', np.log(4)), C('1.0425', k)), '4 0.25 1 8 0.5*2'),
        ('**对 $\\mu_1$ 求偏导.**', lambda: abs(gmu - fd(lambda t: (t - m2) ** 2 / (2 * s2 ** 2), m1)) < 1e-9),
        ('\\frac{\\mu_1 - \\mu_2}{\\sigma_2^2} = \\frac{1}{4} = 0.25', lambda: ALL(s2 ** 2 == 4, EX('0.25', gmu)), '1 4 2'),
        ('**对 $\\sigma_1$ 求偏导.**', lambda: abs(fd(lambda t: np.log(s2) - np.log(t), s1) + 1 / s1) < 1e-8, '-1'),
        ('$$\\frac{\\partial}{\\partial\\sigma_1}\\,\\frac{\\sigma_1^2}', lambda: abs(fd(term2, s1) - s1 / (2 * s2 ** 2)) < 1e-8, '2*5'),
        ('= -2 + \\frac{0.5}{8} = -1.9375', lambda: ALL(EX('-2', -1 / s1), EX('-1.9375', gsd)), '1 2*2 0.5 8'),
        ('**换成对数标准差.**', lambda: abs(fd(np.exp, np.log(s1)) - s1) < 1e-9),
        ('= 0.5\\cdot(-1.9375) = -0.96875', lambda: ALL(EX('-1.9375', gsd),
            EX('-0.96875', fd(lambda t: KL(m1, np.exp(t), m2, s2), np.log(s1)))), '0.5'),
        ('**梯度下降一步**', GIVEN, '0.1'),
        ('$$\\mu_1 \\leftarrow 1 - 0.1', lambda: ALL(EX('0.25', gmu), EX('0.975', m1 - 0.1 * gmu),
            EX('1.9375', -gsd), EX('0.69375', s1 - 0.1 * gsd)), '1 0.1*2 0.5'),
        ('两者都使 $q$ 向 $p$ 靠拢', lambda: gmu > 0 and m1 > m2 and gsd < 0 and s1 < s2, '0 2'),
    ]

# ======================================================================= 07
@register('07_vae_reparameterization.md')
def f07():
    mu, sd, eps = 1.0, 0.8, 0.5
    lv = 2 * np.log(sd)
    fz = lambda mu_, lv_, e: (mu_ + np.exp(0.5 * lv_) * e) ** 2
    Ez2 = lambda mu_, lv_: gauss_expect(lambda e: fz(mu_, lv_, e))
    def reparam_identity():
        # gradient of the expectation (finite differences of the quadrature value) equals the
        # expectation of the pathwise gradient and its Monte-Carlo average
        ok = True
        for m_, l_ in [(mu, lv)] + [tuple(RNG.normal(size=2)) for _ in range(2)]:
            gE = np.array([fd(lambda t: Ez2(t, l_), m_, 1e-5), fd(lambda t: Ez2(m_, t), l_, 1e-5)])
            path = lambda e: np.array([fd(lambda t: fz(t, l_, e), m_), fd(lambda t: fz(m_, t, e), l_)])
            t, w = np.polynomial.hermite_e.hermegauss(40)
            Ep = sum(wi * path(ti) for ti, wi in zip(t, w)) / np.sqrt(2 * np.pi)
            es = RNG.normal(size=200000); s_ = np.exp(0.5 * l_); z = m_ + s_ * es
            mc = np.array([np.mean(2 * z), np.mean(z * es * s_)])
            ok &= near(gE, Ep, 1e-5) and near(mc, gE, 0.02 * (1 + np.abs(gE).max()))
        return ok
    def step2_facts():
        ok = True
        for z0, m_, s_, e in RNG.normal(size=(3, 4)):
            ok &= abs(fd(lambda t: t * t, z0) - 2 * z0) < 1e-8
            ok &= abs(fd(lambda t: t + abs(s_) * e, m_) - 1) < 1e-8
            ok &= abs(fd(lambda t: m_ + t * e, abs(s_)) - e) < 1e-8
            ok &= abs(fd(lambda l: np.exp(0.5 * l), 2 * np.log(abs(s_))) - abs(s_) / 2) < 1e-8
        return ok
    def line12():
        return all(abs(fd(lambda t: fz(t, l_, e), m_) - 2 * (m_ + np.exp(0.5 * l_) * e)) < 1e-7
                   for m_, l_, e in RNG.normal(size=(3, 3)))
    def line13():
        return all(abs(fd(lambda t: fz(m_, t, e), l_) - (m_ + np.exp(0.5 * l_) * e) * e * np.exp(0.5 * l_)) < 1e-7
                   for m_, l_, e in RNG.normal(size=(3, 3)))
    z = mu + sd * eps
    def kl_closed():
        ok = True
        for m_, s_ in [(mu, sd), (0.3, 1.7), (-1.2, 0.4)]:
            kl = gauss_expect(lambda x: (-0.5 * np.log(2 * np.pi * s_ ** 2) - (x - m_) ** 2 / (2 * s_ ** 2))
                              - (-0.5 * np.log(2 * np.pi) - x ** 2 / 2), m_, s_)
            ok &= abs(-kl - 0.5 * (1 + np.log(s_ ** 2) - m_ ** 2 - s_ ** 2)) < 1e-9
        return ok
    negkl = lambda m_, l_: 0.5 * (1 + l_ - m_ ** 2 - np.exp(l_))
    return [
        ('Let $q_{\\boldsymbol\\phi}(z)', GIVEN, '2*3'),
        ('**Step 1 (reparameterize).**', lambda: abs(np.exp(0.5 * np.log(sd ** 2)) - sd) < 1e-12, '0 1*2 2*2'),
        ('\\approx \\frac1L\\sum_{l=1}^{L}', reparam_identity, '1'),
        ('**Step 2 (chain rule).**', step2_facts, '2*3 1'),
        ('\\frac{\\partial f}{\\partial \\mu} &= 2z', line12, '2'),
        ('\\frac{\\partial f}{\\partial \\log\\sigma^2} &=', line13, '2*3'),
        ('**Step 3 (one sample).**', lambda: C('-0.4463', lv), '1*3 0.8*2 2*2 0.5'),
        ('$$z = 1 + 0.8\\cdot 0.5 = 1.4', lambda: ALL(EX('1.4', z),
            EX('2.8', fd(lambda t: fz(t, lv, eps), mu)), EX('0.56', fd(lambda t: fz(mu, t, eps), lv)),
            A('1.4\\cdot 0.5\\cdot 0.8', 1.4 * 0.5 * 0.8, z * eps * sd)), '1 0.8 0.5 2'),
        ('**Step 4 (exact answer for comparison).**', lambda: abs(Ez2(mu, lv) - (mu ** 2 + sd ** 2)) < 1e-10
            and abs(np.exp(lv) - sd ** 2) < 1e-12, '2*5'),
        ('\\mathbb E_q[z^2] = 2\\mu = 2', lambda: ALL(EX('2', fd(lambda t: Ez2(t, lv), mu, 1e-5)),
            EX('0.64', fd(lambda t: Ez2(mu, t), lv, 1e-5))), '2*5'),
        ('Averaging Step 2 over $\\epsilon$', lambda: ALL(
            abs(gauss_expect(lambda e: 2 * (mu + sd * e)) - 2 * mu) < 1e-10,
            abs(gauss_expect(lambda e: (mu + sd * e) * e * sd) - sd ** 2) < 1e-10,
            abs(gauss_expect(lambda e: e ** 2) - 1) < 1e-10, eps == 0.5,
            EX('2.8', fd(lambda t: fz(t, lv, eps), mu)), EX('2', 2 * mu), EX('0.56', fd(lambda t: fz(mu, t, eps), lv)),
            EX('0.64', sd ** 2), 2.8 > 2, 0.56 < 0.64), '2*5 0.5'),
        ('**Step 5 (the KL term of the ELBO).**', kl_closed, '0 1*3 2*4'),
        ('$$\\nabla_{\\boldsymbol\\phi}\\big(-D_{KL}\\big)', lambda: ALL(near(
            [fd(lambda t: negkl(t, lv), mu), fd(lambda t: negkl(mu, t), lv)], [-mu, 0.5 * (1 - sd ** 2)], 1e-8),
            EX('-1', fd(lambda t: negkl(t, lv), mu)), EX('0.18', fd(lambda t: negkl(mu, t), lv))), '1*2 2*2'),
    ]

# ======================================================================= 08
@register('08_infonce_gradient.md')
def f08():
    q = np.array([1, 0.5]); Kx = np.array([[1, 0], [0, 1], [-1, 0.]]); tau = 0.5
    Lq = lambda q_, K_=Kx, t_=tau: -np.log(softmax(K_ @ q_ / t_)[0])
    sv = Kx @ q / tau; p = softmax(sv); gq = grad(Lq, q)
    def ds_form():
        ok = True
        for _ in range(3):
            s_ = RNG.normal(size=4)
            f = lambda z: -np.log(softmax(z)[0])
            ok &= near(grad(f, s_), softmax(s_) - np.eye(4)[0], 1e-7)
            ok &= abs(f(s_) - (-s_[0] + np.log(np.exp(s_).sum()))) < 1e-12
        return ok
    def eq2():
        ok = True
        for _ in range(3):
            K_ = RNG.normal(size=(4, 3)); q_ = RNG.normal(size=3); t_ = RNG.uniform(0.1, 1)
            pp = softmax(K_ @ q_ / t_)
            form_a = sum((pp[i] - (i == 0)) * K_[i] for i in range(4)) / t_
            form_b = (pp @ K_ - K_[0]) / t_
            ok &= near(grad(lambda z: Lq(z, K_, t_), q_), form_a, 1e-6) and near(form_a, form_b, 1e-12)
        return ok
    pk = p @ Kx; qn = q - 0.1 * gq
    return [
        ('$$\\mathcal L_q = -\\log\\frac', GIVEN),
        ('где $k_0 \\equiv k_+$', GIVEN, '2 1*3 0.5*2 0*3 -1'),
        ('**Шаг 1. Вывод формулы.**', lambda: abs(Lq(q) - (-sv[0] + np.log(np.exp(sv).sum()))) < 1e-12),
        ('$$\\frac{\\partial\\mathcal L_q}{\\partial s_i} = p_i - \\delta_{i0}', ds_form),
        ('Поскольку $\\partial s_i/\\partial q = k_i/\\tau$', lambda: near(jac(lambda z: Kx @ z / tau, q), Kx / tau)),
        ('$$\\nabla_q\\mathcal L_q = \\frac{1}{\\tau}\\sum', eq2, '1*2'),
        ('То есть градиент', eq2, '1'),
        ('**Шаг 2. Прямой проход.**', lambda: ALL(CV(['1', '0.5', '-1'], Kx @ q), CV(['2', '1', '-2'], sv))),
        ('$$e^{s} \\approx', lambda: ALL(CV(['7.3891', '2.7183', '0.1353'], np.exp(sv)), C('10.2427', np.exp(sv).sum()))),
        ('$$p \\approx (0.7214', lambda: ALL(CV(['0.7214', '0.2654', '0.0132'], p), C('0.3266', Lq(q), -np.log(0.7214)))),
        ('**Шаг 3. Градиент.**', lambda: ALL(C('0.7214', p[0]), C('0.0132', p[2]), C('0.7082', pk[0], 0.7214 - 0.0132),
            C('0.2654', pk[1]), C('0.2654', pk[1]))),
        ('$$\\nabla_q\\mathcal L_q \\approx 2', lambda: ALL(EX('2', 1 / tau), EX('2', 1 / tau), C('0.7082', pk[0]),
            C('0.2654', pk[1]), C('0.2654', pk[1]),
            CV(['1', '0'], Kx[0]), C('-0.2918', pk[0] - 1), CV(['-0.5836', '0.5308'], gq))),
        ('**Шаг 4. Проверка.**', lambda: ALL(CV(['-0.2786', '0.2654', '0.0132'], grad(lambda z: -np.log(softmax(z)[0]), sv)),
            abs(np.sum(p - np.eye(3)[0])) < 1e-12)),
        ('$$q \\leftarrow q - 0.1', lambda: CV(['1.0584', '0.4469'], qn), '0.1'),
        ('увеличивает сходство', lambda: ALL(EX('1', q @ Kx[0]), C('1.0584', qn @ Kx[0]),
            EX('0.5', q @ Kx[1]), C('0.4469', qn @ Kx[1]), Lq(qn) < Lq(q))),
    ]

# ======================================================================= 09
def conv1d(z, w, s, p):
    """direct (cross-correlation) convolution, zero padding p, stride s"""
    zp = np.concatenate([np.zeros(p), z, np.zeros(p)]); k = len(w)
    return np.array([zp[j * s: j * s + k] @ w for j in range((len(zp) - k) // s + 1)])

def convT_size_by_windows(i_, k, s, p):
    """smallest o such that the direct conv (k, s, p) maps length o to length i_,
    found by enumerating the windows that fit into the padded input"""
    for o in range(1, 500):
        n_windows = sum(1 for j in range(1000) if j * s + k <= o + 2 * p)
        if n_windows == i_:
            return o

@register('09_transposed_conv.md')
def f09():
    x = np.array([1, 2, 3.]); w = np.array([1, -1, 2.]); s, k, p = 2, 3, 1
    full = np.zeros(s * (len(x) - 1) + k); rows = []
    for m in range(3):
        r = np.zeros_like(full); r[s * m: s * m + k] = x[m] * w; rows.append(r); full += r
    def adjoint_y():
        y = full[p: len(full) - p]
        ok = True
        for _ in range(4):
            z = RNG.normal(size=len(y))
            ok &= len(conv1d(z, w, s, p)) == 3 and abs(conv1d(z, w, s, p) @ x - z @ y) < 1e-12
        return ok and near(y, [-1, 4, -2, 7, -3], 0)
    def rel1():
        ok = True
        for _ in range(30):
            i_, k_, s_ = RNG.integers(2, 9), RNG.integers(1, 6), RNG.integers(1, 4); p_ = RNG.integers(0, k_)
            o = s_ * (i_ - 1) + k_ - 2 * p_
            if o < 1: continue
            ok &= convT_size_by_windows(i_, k_, s_, p_) == o
        return ok
    y = full[p: len(full) - p]
    pairs = [(m, j) for m in range(3) for j in range(3) if s * m + j - p == 3]
    o2 = convT_size_by_windows(4, 4, 2, 1)
    return [
        ('**Relação de tamanho.**', GIVEN, '0'),
        ("$$o' = s\\,(i' - 1) + k - 2p. \\tag{1}$$", rel1, '1 2'),
        ('**(a) Tamanho, caso 1D.**', lambda: ALL(A('2\\cdot 2 + 3 - 2', 2 * 2 + 3 - 2, s * (3 - 1) + k - 2 * p),
            EX('5', convT_size_by_windows(3, 3, 2, 1))), '3*2 2 1'),
        ('**(b) Saída calculada à mão.**', lambda: ALL(EX('7', len(full)), s * (3 - 1) + k == 7), '1*3 2*3 3 -1*2 0'),
        ('m=0:&', lambda: CV(['1', '-1', '2', '0', '0', '0', '0'], rows[0]), '0'),
        ('m=1:&', lambda: CV(['0', '0', '2', '-2', '4', '0', '0'], rows[1]), '1'),
        ('m=2:&', lambda: CV(['0', '0', '0', '0', '3', '-3', '6'], rows[2]), '2'),
        ('\\tilde{\\mathbf y} &=', lambda: CV(['1', '-1', '4', '-2', '7', '-3', '6'], full)),
        ('O padding $p = 1$ remove', lambda: ALL(adjoint_y(), CV(['-1', '4', '-2', '7', '-3'], y), EX('5', len(y))), '1'),
        ('**(c) Conferência de uma saída.**', lambda: ALL(A('2m + j = 4', [s, 3 + p], [2, 4]),
            A('(m,j) = (1,2)', [1, 2], pairs[0]), A('(2,0)', [2, 0], pairs[1]), len(pairs) == 2,
            A('2\\cdot 2 + 3\\cdot 1', 2 * 2 + 3 * 1, sum(x[m] * w[j] for m, j in pairs)), EX('7', y[3])), '3'),
        ('**(d) Caso 2D (gerador estilo DCGAN).**', GIVEN, '4*3 2 1'),
        ("$$o' = 2\\,(4 - 1) + 4 - 1 = 9", lambda: EX('9', o2), '2 4*2 1*2'),
        ('e a saída é um mapa $9\\times 9$', lambda: ALL(EX('9', o2), EX('9', o2), EX('81', o2 ** 2), EX('16', 4 ** 2),
            EX('16', 4 ** 2), EX('256', 4 * 4 * 16)), '2 4*2'),
    ]

# ======================================================================= 10
def conv_out(n, k, s, p):
    """output length by enumerating window start positions in the padded input"""
    return sum(1 for st in range(0, n + 2 * p, s) if st + k <= n + 2 * p)

@register('10_depthwise_separable.md')
def f10():
    DK, M, N, DF = 3, 32, 64, 112
    std = np.zeros((DK, DK, M, N)).size; dw = np.zeros((DK, DK, M)).size; pw = np.zeros((M, N)).size
    DFo = conv_out(DF, 3, 1, 1)
    cost_std = std * DFo * DFo; cost_dw = dw * DFo * DFo; cost_pw = pw * DFo * DFo
    def ratio():
        ok = True
        for _ in range(5):
            a, b, c, d = RNG.integers(1, 50, 4)
            ok &= abs((a * a * b * d * d + b * c * d * d) / (a * a * b * c * d * d) - (1 / c + 1 / a ** 2)) < 1e-12
        return ok and C('0.1267', (cost_dw + cost_pw) / cost_std, 1 / 64 + 1 / 9)
    D2 = conv_out(112, 3, 2, 1)
    return [
        ('**Given.** Kernel size $D_K = 3$', lambda: DFo == DF, '3 32 64 112'),
        ('**Step 1. Standard convolution.**', GIVEN),
        ('$$\\#\\text{params}_{\\text{std}}', lambda: ALL(EX('9', DK ** 2), EX('18432', std)), '2 32 64'),
        ('**Step 2. Depthwise + pointwise.**', GIVEN, '1'),
        ('$$\\#\\text{params}_{\\text{dw}}', lambda: ALL(EX('288', dw), EX('2048', pw), EX('2336', dw + pw)), '2'),
        ('**Step 3. Computational cost**', lambda: EX('12544', DFo ** 2), '2'),
        ('\\text{standard}&:', lambda: ALL(EX('18432', std), EX('12544', DFo ** 2), EX('231{,}211{,}008', cost_std))),
        ('\\text{separable}&:', lambda: ALL(EX('3{,}612{,}672', cost_dw), EX('25{,}690{,}112', cost_pw),
            EX('29{,}302{,}784', cost_dw + cost_pw))),
        ('$$\\frac{D_K^2 M D_F^2 + M N D_F^2}', lambda: ALL(ratio(), A('\\frac1{64} + \\frac19', 1 / 64 + 1 / 9, 1 / N + 1 / DK ** 2)), '1*2 2*6'),
        ('so the separable layer needs about $7.9\\times$', lambda: ALL(C('7.9', cost_std / (cost_dw + cost_pw)),
            EX('2336', dw + pw), EX('18432', std), C('0.1267', 2336 / 18432),
            abs(2336 / 18432 - (cost_dw + cost_pw) / cost_std) < 1e-15), '2'),
        ('**Step 5. The next layer has stride 2.**', GIVEN, '3 1 2 112'),
        ("$$D_F' = \\Big\\lfloor", lambda: EX('55', D2), '112 2*2 1 3'),
        ('so the depthwise part of that layer', lambda: ALL(EX('3025', D2 ** 2), EX('3025', D2 ** 2),
            EX('1{,}742{,}400', 9 * 64 * D2 ** 2), EX('24{,}780{,}800', 64 * 128 * D2 ** 2)), '2*2 9 64*4 1*2 128*2'),
    ]

# ======================================================================= 11
@register('11_residual_block.md')
def f11():
    x = np.array([1, -1.]); W1 = np.array([[2, 1], [1, 3.]]); W2 = np.array([[1, 2], [-1, 1.]])
    def unit(x_, W1_=W1, W2_=W2):
        a = W1_ @ x_; h = np.maximum(a, 0); F = W2_ @ h; return a, h, F, x_ + F
    Ef = lambda x_, W1_=W1, W2_=W2: 0.5 * np.sum(unit(x_, W1_, W2_)[3] ** 2)
    a, h, F, xo = unit(x); E = Ef(x)
    g = grad(lambda z: 0.5 * z @ z, xo)
    dW2 = grad(lambda W: Ef(x, W1, W), W2); dW1 = grad(lambda W: Ef(x, W, W2), W1); dx = grad(Ef, x)
    da = grad(lambda a_: 0.5 * np.sum((x + W2 @ np.maximum(a_, 0)) ** 2), a)
    def rnd(check):
        ok = True
        for _ in range(4):
            x_ = RNG.normal(size=3); A = RNG.normal(size=(3, 3)); B = RNG.normal(size=(3, 3))
            ok &= check(x_, A, B)
        return ok
    def c_dW2(x_, A, B):
        a_, h_, _, xo_ = unit(x_, A, B)
        return near(grad(lambda W: Ef(x_, A, W), B), np.einsum('i,j->ij', xo_, h_), 1e-6)
    def c_delta(x_, A, B):
        a_, h_, _, xo_ = unit(x_, A, B)
        num = grad(lambda z: 0.5 * np.sum((x_ + B @ np.maximum(z, 0)) ** 2), a_)
        return near(num, (a_ > 0) * np.einsum('ij,i->j', B, xo_), 1e-6)
    def c_dW1(x_, A, B):
        a_, h_, _, xo_ = unit(x_, A, B); dl = (a_ > 0) * (B.T @ xo_)
        return near(grad(lambda W: Ef(x_, W, B), A), np.einsum('j,k->jk', dl, x_), 1e-6)
    def c_dx(x_, A, B):
        a_, h_, _, xo_ = unit(x_, A, B); dl = (a_ > 0) * (B.T @ xo_)
        return near(grad(lambda z: Ef(z, A, B), x_), xo_ + np.einsum('jk,j->k', A, dl), 1e-6)
    def c_jac(x_, A, B):
        Jo = jac(lambda z: unit(z, A, B)[3], x_); JF = jac(lambda z: unit(z, A, B)[2], x_)
        return near(Jo, np.eye(3) + JF, 1e-7)
    J = jac(lambda z: unit(z)[3], x)
    return [
        ('\\mathbf a &= W_1\\mathbf x_l', GIVEN, '0'),
        ('\\mathbf x_{l+1} &= \\mathbf x_l + \\mathcal F', GIVEN, '1 2*2'),
        ('Data: $\\mathbf x_l = (1, -1)^\\top$', GIVEN, '1*5 -1*2 2*2 3'),
        ('**Forward.** $\\mathbf a = (1, -2)^\\top$', lambda: ALL(CV(['1', '-2'], a), CV(['1', '0'], h),
            CV(['1', '-1'], F), CV(['2', '-2'], xo), EX('4', E))),
        ('**Backward in index notation**', lambda: ALL(near(g, xo), CV(['2', '-2'], g))),
        ('\\frac{\\partial E}{\\partial (W_2)_{ij}} &= g_i\\,h_j', lambda: rnd(c_dW2)),
        ('\\delta_j &:= \\frac{\\partial E}{\\partial a_j}', lambda: rnd(c_delta), '1 0'),
        ('\\frac{\\partial E}{\\partial (W_1)_{jk}} &=', lambda: rnd(c_dW1)),
        ('\\frac{\\partial E}{\\partial (x_l)_k} &= g_k', lambda: rnd(c_dx)),
        ('The lone $g_k$ in (4) is the shortcut', lambda: rnd(c_jac)),
        ('- $W_2^\\top\\mathbf g = (2+2,\\ 4-2)', lambda: ALL(A('(2+2,\\ 4-2)', [2 + 2, 4 - 2], W2.T @ g, 1e-6),
            CV(['4', '2'], W2.T @ g), CV(['1', '0'], (a > 0) * 1.0), CV(['4', '0'], da)), '1 0'),
        ('\\mathbf g\\,\\mathbf h^\\top = \\begin{pmatrix}2 & 0', lambda: ALL(CV(['2', '0', '-2', '0'], dW2),
            CV(['4', '-4', '0', '0'], dW1))),
        ('\\mathbf g + W_1^\\top\\boldsymbol\\delta = (2,\\ -2) + (8,\\ 4)', lambda: ALL(CV(['2', '-2'], g),
            CV(['8', '4'], W1.T @ da), CV(['10', '2'], dx))),
        ('**Jacobian view.**', GIVEN),
        ('I + W_2\\operatorname{diag}(1, 0)\\,W_1', lambda: ALL(CV(['1', '0'], (a > 0) * 1.0),
            CV(['2', '1', '-2', '-1'], W2 @ np.diag((a > 0) * 1.0) @ W1), CV(['3', '1', '-2', '0'], J)), '1*2 0*2'),
        ('\\big(\\partial\\mathbf x_{l+1}/\\partial\\mathbf x_l\\big)^\\top\\mathbf g = (6+4', lambda: ALL(
            A('(6+4,\\ 2+0)', [6 + 4, 2 + 0], J.T @ g, 1e-6), CV(['10', '2'], J.T @ g), near(np.eye(2).T @ g, g))),
    ]

# ======================================================================= 12
@register('12_softplus_swish_elu.md')
def f12():
    zeta = lambda x: np.log1p(np.exp(x))
    swish = lambda x, b=1.0: x * sig(b * x)
    elu = lambda x, al=1.0: np.where(x > 0, x, al * (np.exp(x) - 1))
    def c7():
        return all(abs(fd(zeta, x) - sig(x)) < 1e-8 and abs(np.exp(x) / (1 + np.exp(x)) - 1 / (1 + np.exp(-x))) < 1e-12
                   for x in RNG.normal(size=5) * 2)
    def c11():
        ok = True
        for x, b in zip(RNG.normal(size=5) * 2, RNG.uniform(0.3, 2, 5)):
            d = fd(lambda t: swish(t, b), x); sb = sig(b * x)
            ok &= abs(d - (sb + b * x * sb * (1 - sb))) < 1e-8
            ok &= abs(d - (b * swish(x, b) + sb * (1 - b * swish(x, b)))) < 1e-8
        return ok
    def c17():
        ok = True
        for x in np.concatenate([RNG.uniform(0.2, 3, 3), -RNG.uniform(0.2, 3, 3)]):
            for al in (1.0, 0.7):
                d = fd(lambda t: float(elu(t, al)), x)
                ok &= abs(d - (1.0 if x > 0 else al * np.exp(x))) < 1e-8
                if x <= 0: ok &= abs(al * np.exp(x) - (elu(x, al) + al)) < 1e-12
        return ok
    ds1 = fd(swish, 1.0); dsm2 = fd(swish, -2.0); dsm1 = fd(swish, -1.0)
    return [
        ('Für jede Funktion leiten wir $\\partial_x$ her', GIVEN),
        ('**(a) Softplus**', GIVEN, '1'),
        ("$$\\zeta'(x) = \\frac{e^x}{1+e^x}", c7, '1*3'),
        ('Bei $x = -1$: $\\zeta(-1)', lambda: ALL(C('0.3133', zeta(-1.0)), C('0.2689', fd(zeta, -1.0))), '-1*5 1'),
        ('**(b) Swish**', lambda: all(abs(fd(sig, x) - sig(x) * (1 - sig(x))) < 1e-8 for x in RNG.normal(size=4)), '1'),
        ('$$\\frac{\\partial}{\\partial x}\\,x\\,\\sigma(\\beta x)', c11, '1*2'),
        ('Bei $\\beta = 1$, $x = 1$', lambda: ALL(C('0.7311', sig(1.0)), C('0.7311', swish(1.0))), '1*4'),
        ("$$\\operatorname{swish}_1'(1)", lambda: ALL(C('0.7311', sig(1.0)), C('0.7311', sig(1.0)), C('0.2689', 1 - sig(1.0)),
            C('0.9277', ds1, 0.7311 + 0.7311 * 0.2689)), '1'),
        ('Bei $\\beta = 1$, $x = -2$', lambda: ALL(C('0.1192', sig(-2.0)), C('0.1192', sig(-2.0)), C('0.1192', sig(-2.0)),
            C('-0.2384', swish(-2.0)),
            C('0.8808', 1 - sig(-2.0)), C('-0.0908', dsm2, 0.1192 - 2 * 0.1192 * 0.8808), dsm2 < 0 < ds1), '1 -2*4 2'),
        ('**(c) ELU** mit $\\alpha = 1$', GIVEN, '1*2 0'),
        ("$$\\operatorname{elu}'(x) = \\begin{cases}", c17, '1 0*2'),
        ('Bei $x = -1$: $\\operatorname{elu}(-1)', lambda: ALL(C('-0.6321', elu(-1.0)), C('-0.6321', elu(-1.0)),
            C('0.3679', fd(lambda t: float(elu(t)), -1.0)), abs(-0.6321 + 1 - 0.3679) < 1e-12,
            elu(2.0) == 2, abs(fd(lambda t: float(elu(t)), 2.0) - 1) < 1e-8), '-1*5 1*3 2*4'),
        ('**Zusammenfassung**', lambda: ALL(C('0.2689', fd(zeta, -1.0)), C('0.3679', fd(lambda t: float(elu(t)), -1.0))), '-1*3'),
        ("$$\\operatorname{swish}_1'(-1) = \\sigma(-1)", lambda: ALL(
            abs(dsm1 - sig(-1.0) * (1 + (-1) * (1 - sig(-1.0)))) < 1e-8, abs(dsm1 - sig(-1.0) ** 2) < 1e-8,
            C('0.2689', sig(-1.0)), C('0.0723', dsm1, 0.2689 ** 2)), '-1*5 1*2 2*2'),
    ]

# ======================================================================= 13
@register('13_cosine_similarity.md')
def f13():
    x = np.array([3, 4.]); y = np.array([4, 3.])
    cos = lambda x_, y_=y: x_ @ y_ / (np.linalg.norm(x_) * np.linalg.norm(y_))
    nrm = np.linalg.norm
    def rand_pairs(n=4):
        return [(RNG.normal(size=3), RNG.normal(size=3), RNG.normal(size=3)) for _ in range(n)]
    def c8():
        return all(abs(dirder(lambda t: t @ y_, x_, v) - y_ @ v) < 1e-8 and
                   abs(2 * nrm(x_) * dirder(nrm, x_, v) - 2 * x_ @ v) < 1e-7 for x_, y_, v in rand_pairs())
    def c9():
        return all(abs(dirder(nrm, x_, v) - x_ @ v / nrm(x_)) < 1e-8 for x_, _, v in rand_pairs())
    def c12():
        inv = lambda t: 1 / nrm(t)
        return all(abs(dirder(inv, x_, v) - (-nrm(x_) ** -2 * dirder(nrm, x_, v))) < 1e-7 and
                   abs(dirder(inv, x_, v) - (-(x_ @ v) / nrm(x_) ** 2)) < 1e-7 for x_, _, v in rand_pairs())
    def c14():
        return all(abs(cos(x_, y_) - (x_ @ y_) / nrm(x_) / nrm(y_)) < 1e-12 for x_, y_, _ in rand_pairs())
    def c15():
        ok = True
        for x_, y_, v in rand_pairs():
            c_ = cos(x_, y_); dc = dirder(lambda t: cos(t, y_), x_, v)
            e1 = y_ @ v / (nrm(x_) * nrm(y_)) - (x_ @ y_) / nrm(y_) * (x_ @ v) / nrm(x_) ** 2
            e2 = (y_ / (nrm(x_) * nrm(y_)) - c_ * x_ / nrm(x_)) @ v
            ok &= abs(dc - e1) < 1e-7 and abs(dc - e2) < 1e-7
        return ok
    def c18():
        return all(near(grad(lambda t: cos(t, y_), x_), y_ / (nrm(x_) * nrm(y_)) - cos(x_, y_) / nrm(x_) * x_, 1e-7)
                   for x_, y_, _ in rand_pairs())
    gx = grad(cos, x)
    return [
        ('**Énoncé.** Pour $\\mathbf x, \\mathbf y', GIVEN),
        ('$$c(\\mathbf x) \\triangleq', GIVEN),
        ('Calculer $\\nabla_{\\mathbf x} c$', GIVEN, '3*2 4*2'),
        ('**Étape 1 : différentielles élémentaires.**', c8, '2*3'),
        ('$$d\\|\\mathbf x\\| = \\frac', c9),
        ('$$d\\big(\\|\\mathbf x\\|^{-1}\\big)', c12, '-1 -2 2'),
        ('**Étape 3 : règle du produit.**', c14, '-1*2'),
        ('$$dc = \\frac{\\mathbf y^\\top d\\mathbf x}', c15, '2'),
        ('**Étape 4 : identification.**', GIVEN),
        ('$$\\nabla_{\\mathbf x} c = \\frac{\\mathbf y}{\\|\\mathbf x\\|\\,\\|\\mathbf y\\|} - \\frac{c}', c18),
        ('**Application numérique.**', lambda: ALL(EX('5', nrm(x)), EX('5', nrm(y)), EX('24', x @ y), EX('24', x @ y),
            EX('25', nrm(x) * nrm(y)), EX('0.96', cos(x)))),
        ('$$\\nabla_{\\mathbf x} c = \\frac{(4,\\ 3)}{25}', lambda: ALL(EX('0.96', cos(x)), CV(['0.16', '0.12'], y / (nrm(x) * nrm(y))),
            CV(['0.576', '0.768'], cos(x) * x / nrm(x) ** 2), CV(['-0.416', '-0.648'], gx)), '4*2 3*2 25 5'),
        ('Un pas de montée de gradient', lambda: CV(['2.792', '3.676'], x + 0.5 * gx), '0.5'),
    ]

# ======================================================================= 14
@register('14_gaussian_logdet.md')
def f14():
    def ell(S, x):
        d = len(x); return -d / 2 * np.log(2 * np.pi) - 0.5 * np.log(np.linalg.det(S)) - 0.5 * x @ np.linalg.solve(S, x)
    def logpdf(S, x):   # independent: via Cholesky
        Lc = np.linalg.cholesky(S); z = np.linalg.solve(Lc, x); d = len(x)
        return -0.5 * z @ z - np.sum(np.log(np.diag(Lc))) - d / 2 * np.log(2 * np.pi)
    def cases(n=4):
        out = []
        for _ in range(n):
            d = RNG.integers(2, 5); S = spd(d); x = RNG.normal(size=d); Dm = RNG.normal(size=(d, d))
            out.append((S, x, Dm + Dm.T))
        return out
    inv = np.linalg.inv
    def c5():
        return all(abs(ell(S, x) - logpdf(S, x)) < 1e-10 for S, x, _ in cases())
    def c8():
        return all(abs(dirder(lambda M: np.log(np.linalg.det(M)), S, Dm) - np.trace(inv(S) @ Dm)) < 1e-6 and
                   near(dirder(inv, S, Dm), -inv(S) @ Dm @ inv(S), 1e-6) for S, x, Dm in cases())
    def c9():
        return all(near(Dm @ inv(S) + S @ dirder(inv, S, Dm), np.zeros_like(S), 1e-6) for S, x, Dm in cases())
    def c11():
        ok = True
        for S, x, Dm in cases():
            Mx = dirder(inv, S, Dm)
            ok &= abs(x @ Mx @ x - np.trace(np.outer(x, x) @ Mx)) < 1e-9
            A = RNG.normal(size=S.shape); B = RNG.normal(size=S.shape)
            ok &= abs(np.trace(A @ B) - np.trace(B @ A)) < 1e-9
        return ok
    def c14():
        return all(abs(dirder(lambda M: ell(M, x), S, Dm) -
                       (-0.5 * np.trace(inv(S) @ Dm) - 0.5 * x @ dirder(inv, S, Dm) @ x)) < 1e-6 for S, x, Dm in cases())
    def c15():
        return all(abs(dirder(lambda M: ell(M, x), S, Dm) -
                       (-0.5 * np.trace(inv(S) @ Dm) - 0.5 * np.trace(inv(S) @ np.outer(x, x) @ inv(S) @ Dm))) < 1e-6
                   for S, x, Dm in cases())
    def c16():
        return all(abs(dirder(lambda M: ell(M, x), S, Dm) -
                       (-0.5 * np.trace((inv(S) + inv(S) @ np.outer(x, x) @ inv(S)) @ Dm))) < 1e-6
                   for S, x, Dm in cases())
    def c20():
        ok = True
        for _ in range(3):
            A = RNG.normal(size=(3, 3)); S0 = RNG.normal(size=(3, 3))
            ok &= near(grad(lambda M: np.trace(A.T @ M), S0), A, 1e-7)
        S, x, _ = cases(1)[0]
        A = -0.5 * (inv(S) + inv(S) @ np.outer(x, x) @ inv(S))
        return ok and near(A, A.T, 1e-12)
    def c21():
        return all(near(grad(lambda M: ell(M, x), S), -0.5 * (inv(S) + inv(S) @ np.outer(x, x) @ inv(S)), 1e-5)
                   for S, x, _ in cases())
    S = np.array([[2, 1], [1, 2.]]); x = np.array([1, 1.])
    Si = inv(S); G = grad(lambda M: ell(M, x), S)
    return [
        ('gradient of a Gaussian log-likelihood with respect to $\\Sigma$', GIVEN),
        ('For one observation $\\mathbf x', GIVEN, '0*2'),
        ('$$\\ell(\\Sigma) = -\\tfrac d2', c5, '2*3 1*2 -1'),
        ('$$d\\log\\det\\Sigma =', c8, '-1*4'),
        ('(The second follows from differentiating', c9, '-1*3 0'),
        ('**Differential of (1).**', c11, '-1'),
        ('d\\ell &= -\\tfrac12', c14, '1*2 2*2 -1*2'),
        ('&= -\\tfrac12\\operatorname{tr}\\!\\big(\\Sigma^{-1}d\\Sigma\\big) - \\tfrac12\\operatorname{tr}', c15, '1*2 2*2 -1*3'),
        ('&= -\\tfrac12\\operatorname{tr}\\!\\Big(', c16, '1 2 -1*3'),
        ('**Identification.**', c20),
        ('$$\\frac{\\partial\\ell}{\\partial\\Sigma} = -\\tfrac12\\big(', c21, '1 2 -1*3'),
        ('**Numbers.** Take $d = 2$', lambda: EX('3', np.linalg.det(S)), '2*3 1*4'),
        ('$$\\Sigma^{-1} = \\frac13', lambda: ALL(near(3 * Si, [[2, -1], [-1, 2]], 1e-12), near(3 * Si @ x, [1, 1], 1e-12),
            near(9 * Si @ np.outer(x, x) @ Si, np.ones((2, 2)), 1e-12)), '-1*6 1*9 3*2 2*2 9'),
        ('$$\\frac{\\partial\\ell}{\\partial\\Sigma} = -\\frac12\\cdot\\frac19', lambda: ALL(
            near(G, -np.array([[7, -2], [-2, 7]]) / 18, 1e-6), CV(['-0.3889', '0.1111', '0.1111', '-0.3889'], G)), '1*2 2 9 7*2 -2*2'),
        ('The log-likelihood itself is', lambda: ALL(abs(ell(S, x) - (-np.log(2 * np.pi) - 0.5 * np.log(3) - 0.5 * 2 / 3)) < 1e-12,
            abs(x @ Si @ x - 2 / 3) < 1e-12, C('-2.7205', ell(S, x))), '2*4 1*2 3*2'),
    ]

# ======================================================================= 15
@register('15_normal_equations.md')
def f15():
    L = lambda w, X, y: np.sum((X @ w - y) ** 2)
    def cases(n=4):
        return [(RNG.normal(size=(5, 3)), RNG.normal(size=5), RNG.normal(size=3), RNG.normal(size=3)) for _ in range(n)]
    def c5():
        ok = True
        for X, y, w, v in cases():
            r = X @ w - y; dr = X @ v
            ok &= abs(dirder(lambda t: L(t, X, y), w, v) - (dr @ r + r @ dr)) < 1e-6
            ok &= abs(dr @ r + r @ dr - 2 * r @ X @ v) < 1e-10
        return ok
    def c7():
        return all(near(grad(lambda t: L(t, X, y), w), 2 * X.T @ (X @ w - y), 1e-6) for X, y, w, _ in cases())
    def c8():
        ok = True
        for X, y, w, _ in cases():
            Li = np.einsum('ij,j->i', X, w) - y
            ok &= abs(np.einsum('i,i->', Li, Li) - L(w, X, y)) < 1e-10
            ok &= near(grad(lambda t: L(t, X, y), w), 2 * np.einsum('i,im->m', Li, X), 1e-6)
        return ok
    def c10():
        ok = True
        for X, y, w, v in cases():
            Hn = jac(lambda t: 2 * X.T @ (X @ t - y), w)
            ok &= near(Hn, 2 * X.T @ X, 1e-6) and np.linalg.eigvalsh(2 * X.T @ X).min() >= -1e-12
            ws = np.linalg.lstsq(X, y, rcond=None)[0]
            ok &= all(L(ws + 0.1 * d, X, y) >= L(ws, X, y) for d in RNG.normal(size=(5, 3)))
        return ok
    def c11():
        return all(near(X.T @ X @ np.linalg.lstsq(X, y, rcond=None)[0], X.T @ y, 1e-9) for X, y, _, _ in cases())
    X = np.array([[1, 0], [1, 1], [1, 2.]]); y = np.array([1, 2, 2.])
    wh = np.linalg.lstsq(X, y, rcond=None)[0]; r = X @ wh - y
    lam = 1.0; R = lambda w: L(w, X, y) + lam * w @ w
    wr = np.linalg.solve(X.T @ X + lam * np.eye(2), X.T @ y)
    return [
        ('**Answer.** The cleanest route', GIVEN),
        ('$$L(\\mathbf w) = \\|X\\mathbf w - \\mathbf y\\|^2', GIVEN, '2'),
        ('Since $d\\mathbf r = X\\,d\\mathbf w$', lambda: all(near(dirder(lambda t: X_ @ t - y_, w_, v), X_ @ v, 1e-8)
                                                         for X_, y_, w_, v in cases())),
        ('$$dL = d\\mathbf r^T\\,\\mathbf r', c5, '2*2'),
        ('and comparing with $dL = (\\nabla_{\\mathbf w}L)^T', GIVEN),
        ('$$\\nabla_{\\mathbf w}L = 2X^T(X\\mathbf w - \\mathbf y). \\tag{1}$$', c7, '2'),
        ('If you prefer indices', c8, '2'),
        ('Differentiating (1) once more', c10, '2*2 0'),
        ('$$X^TX\\,\\mathbf w = X^T\\mathbf y. \\tag{2}$$', c11),
        ('**Example.** Fit a line', GIVEN, '0 1*2 2*3'),
        ('$$X = \\begin{pmatrix}1&0\\\\1&1\\\\1&2', lambda: ALL(CV(['3', '3', '3', '5'], X.T @ X), CV(['5', '6'], X.T @ y)), '1*4 0 2'),
        ('With $\\det(X^TX) = 6$', lambda: EX('6', np.linalg.det(X.T @ X))),
        ('$$\\hat{\\mathbf w} = \\frac16', lambda: ALL(near(6 * np.linalg.inv(X.T @ X), [[5, -3], [-3, 3]], 1e-12),
            near(6 * wh, [7, 3], 1e-12), CV(['1.1667', '0.5'], wh)), '1*2 6*3 5*2 -3*2 3*2 7'),
        ('Check: the residual is', lambda: ALL(near(r, [1 / 6, -1 / 3, 1 / 6], 1e-12), near(X.T @ r, [0, 0], 1e-12),
            abs(L(wh, X, y) - 1 / 6) < 1e-12, abs(1 / 36 + 1 / 9 + 1 / 36 - 1 / 6) < 1e-15), '1*7 6*3 3 0*2 36*2 9'),
        ('With a ridge penalty', lambda: ALL(near(grad(lambda w: lam * w @ w, np.array([0.3, -1.2])), 2 * lam * np.array([0.3, -1.2])),
            near(grad(R, wr), [0, 0], 1e-6), near(15 * wr, [12, 9], 1e-12), EX('0.8', wr[0]), EX('0.6', wr[1])), '2*2 1*2 15 12 9'),
    ]

# ======================================================================= 16
@register('16_logistic_hessian.md')
def f16():
    def E(w, Phi, t):
        yv = sig(Phi @ w); return -np.sum(t * np.log(yv) + (1 - t) * np.log(1 - yv))
    def cases(n=4):
        return [(RNG.normal(size=(6, 3)), RNG.integers(0, 2, 6).astype(float), RNG.normal(size=3)) for _ in range(n)]
    def c7():
        ok = True
        for a in RNG.normal(size=4):
            ok &= abs(fd(sig, a) - sig(a) * (1 - sig(a))) < 1e-8
            for tt in (0.0, 1.0):
                ok &= abs(fd(lambda z: -(tt * np.log(sig(z)) + (1 - tt) * np.log(1 - sig(z))), a) - (sig(a) - tt)) < 1e-8
        return ok
    def c8():
        return all(near(grad(lambda z: E(z, P, t), w), P.T @ (sig(P @ w) - t), 1e-6) for P, t, w in cases())
    def c10():
        return all(near(jac(lambda z: sig(P @ z), w), np.diag(sig(P @ w) * (1 - sig(P @ w))) @ P, 1e-7) for P, t, w in cases())
    def c11():
        ok = True
        for P, t, w in cases():
            yv = sig(P @ w); H = P.T @ np.diag(yv * (1 - yv)) @ P
            ok &= near(jac(lambda z: P.T @ (sig(P @ z) - t), w), H, 1e-6)
        return ok
    def c12():
        ok = True
        for P, t, w in cases():
            yv = sig(P @ w); Rd = yv * (1 - yv); H = P.T @ np.diag(Rd) @ P
            for u in RNG.normal(size=(3, 3)):
                ok &= abs(u @ H @ u - np.sum(Rd * (P @ u) ** 2)) < 1e-10 and u @ H @ u >= 0
            ok &= np.all(Rd > 0)
        return ok
    Phi = np.array([[1, 1], [1, -1], [1, 0.]]); t = np.array([1, 0, 1.]); w = np.array([0, 1.])
    a = Phi @ w; yv = sig(a); Rd = yv * (1 - yv)
    g = grad(lambda z: E(z, Phi, t), w); H = jac(lambda z: grad(lambda u: E(u, Phi, t), z, 1e-5), w, 1e-4)
    wn = w - np.linalg.solve(H, g)
    wn_r = np.array([0 - (-0.5) / 0.6432, 1 - (-0.5379) / 0.3932])
    return [
        ('**记号.**', GIVEN, '0 1'),
        ('$$E(\\mathbf w) = -\\sum_{n=1}^{N}', GIVEN, '1*2'),
        ('**梯度.** 由', c7, '1'),
        ('$$\\nabla E(\\mathbf w) = \\sum_{n}', c8),
        ('**Hessian（用微分求）.**', c10, '1'),
        ('$$d(\\nabla E) = \\boldsymbol\\Phi^{\\mathrm T}', c11),
        ('由于 $R_{nn} > 0$', c12, '0*2 2'),
        ('**数值.** 取', GIVEN, '1*7 -1 0*3'),
        ('$$\\mathbf a = \\boldsymbol\\Phi\\mathbf w = (1,\\ -1,\\ 0)', lambda: ALL(CV(['1', '-1', '0'], a),
            CV(['0.7311', '0.2689', '0.5'], yv), CV(['0.1966', '0.1966', '0.25'], Rd))),
        ('由 (2)，$\\mathbf y - \\mathbf t', lambda: CV(['-0.2689', '0.2689', '-0.5'], yv - t)),
        ('$$\\nabla E \\approx (-0.2689 + 0.2689 - 0.5', lambda: ALL(C('-0.2689', yv[0] - 1), C('0.2689', yv[1]),
            C('-0.2689', yv[0] - 1), C('0.2689', yv[1]),
            C('0.5', t[2] - yv[2]), CV(['-0.5', '-0.5379'], g))),
        ('$$\\mathbf H \\approx \\begin{pmatrix}0.1966', lambda: ALL(*[C('0.1966', Rd[i]) for i in (0, 0, 0, 1, 0, 1, 0, 1)],
            C('0.25', Rd[2]),
            CV(['0.6432', '0', '0', '0.3932'], H))),
        ('**牛顿步（IRLS）.**', lambda: abs(H[0, 1]) < 1e-6 and near(np.linalg.inv(H), np.diag(1 / np.diag(H)), 1e-5)),
        ('$$\\mathbf w^{\\text{new}} = \\mathbf w', lambda: ALL(CV(['0', '1'], w), C('-0.5', g[0]), C('0.6432', H[0, 0]),
            C('-0.5379', g[1]), C('0.3932', H[1, 1]), CV(['-0.7774', '-0.3680'], wn, wn_r)), '-1'),
        ('于是新的激活为', lambda: CV(['-1.1454', '-0.4094', '-0.7774'], Phi @ wn, Phi @ np.round(wn_r, 4))),
    ]

# ------------------------------------------------------------------ driver
STRUCT = re.compile(r'^(\$\$)?(\\(begin|end)\{[a-zA-Z*]+\})?(\$\$)?$')

def scan(lines):
    """per line: (is_math_line, list of math spans).  Math = inline $...$, or the
    body of a display block ($$...$$ or a bare \begin{align}...\end{align});
    pure delimiter lines are not math lines."""
    out, in_dd, in_env = [], False, False
    for ln in lines:
        s = ln.strip()
        if s.startswith('<!--'):
            out.append((False, [])); continue
        structural = bool(STRUCT.match(s)) and s != ''
        was_in = in_dd or in_env
        cnt = s.count('$$')
        if not in_dd and not in_env and re.match(r'^\\begin\{', s) and cnt == 0:
            in_env = True
        elif in_env and re.match(r'^\\end\{', s):
            in_env = False
        if cnt % 2 == 1:
            in_dd = not in_dd
        if structural:
            out.append((False, [])); continue
        if was_in or in_dd or in_env or s.startswith('$$'):
            out.append((True, [s.replace('$$', ' ')]))
        elif '$' in s:
            out.append((True, re.findall(r'\$([^$]+)\$', s)))
        else:
            out.append((False, []))
    return out

def math_lines(lines):
    return {n for n, (m, _) in enumerate(scan(lines), 1) if m}

def _strip_sub(t):
    """drop subscripts (indices are labels, not numeric claims), \tag and \label"""
    t = re.sub(r'\\(tag|label)\{[^{}]*\}', ' ', t)
    out, i = [], 0
    while i < len(t):
        if t[i] == '_' and i + 1 < len(t):
            j = i + 1
            if t[j] == '{':
                depth = 0
                while j < len(t):
                    depth += (t[j] == '{') - (t[j] == '}')
                    j += 1
                    if depth == 0: break
            elif t[j] == '\\':
                j += 1
                while j < len(t) and t[j].isalpha(): j += 1
            else:
                j += 1
            out.append(' '); i = j
        else:
            out.append(t[i]); i += 1
    return ''.join(out)

def tokens(text):
    t = text.replace('{,}', '').replace('\\\\', ' ; ')      # thousands separators, LaTeX row breaks
    t = re.sub(r'\\[td]?frac(\d)(\d)', r' \1 / \2 ', t)
    t = re.sub(r'\\[td]?frac(\d)', r' \1 / ', t)
    t = _strip_sub(t)
    return re.findall(r'(?<![\w.\\])-?\d+(?:\.\d+)?', t)

def account(spans, lits, declared):
    """every number occurrence printed in the math of the line must be matched by a
    checked literal (C/CV/EX/A) or by a declared data/structure token (with
    multiplicity); every declared token occurrence must be present."""
    from collections import Counter
    left = Counter(t for sp in spans for t in tokens(sp))
    for l in lits:
        for t in tokens(l):
            if left[t] > 0:
                left[t] -= 1
    probs = []
    decl = []
    for d in declared.split():                      # 'tok*k' = k occurrences of tok
        tok, _, k = d.partition('*')
        decl += [tok] * int(k or 1)
    for d, k in Counter(decl).items():
        if left[d] < k:
            probs.append(f'declared token {d!r} x{k} not (that often) on the line')
        left[d] -= min(k, left[d])
    rest = sorted(t for t, k in left.items() for _ in range(k))
    if rest:
        probs.append(f'unaccounted numbers {rest}')
    return probs

def check_file(name, builder):
    lines = open(os.path.join(D, name), encoding='utf-8').read().split('\n')
    if lines and lines[-1] == '':
        lines = lines[:-1]
    sc = scan(lines)
    probs, covered, first_false, prev = [], set(), None, 0
    for entry in builder():
        sub, pred = entry[0], entry[1]
        declared = entry[2] if len(entry) > 2 else ''
        hits = [i for i, ln in enumerate(lines, 1) if sub in ln]
        if len(hits) != 1:
            probs.append(f'substring matches {len(hits)} lines: {sub!r}'); continue
        n = hits[0]
        if n <= prev:
            probs.append(f'entry out of order at line {n}: {sub!r}')
        prev = n; covered.add(n)
        _LITS.clear()
        try:
            ok = bool(pred())
        except Exception as e:
            ok = False; probs.append(f'predicate error at line {n}: {e!r}')
        for lit in _LITS:
            if lit not in lines[n - 1]:
                probs.append(f'line {n}: checked text {lit!r} is not printed on the line')
        probs += [f'line {n}: {p}' for p in account(sc[n - 1][1], list(_LITS), declared)]
        if VERBOSE:
            print(f'    {name} L{n:2d} {"T" if ok else "F"}  {lines[n - 1][:80]}')
        if not ok and first_false is None:
            first_false = n
    missing = sorted(math_lines(lines) - covered)
    if missing:
        probs.append(f'math lines without a check: {missing}')
    return first_false, probs, len(lines)

def main():
    expected = json.load(open(os.path.join(D, 'expected.json')))
    all_ok = set(expected) == set(FILES) and len(FILES) == 16
    if not all_ok:
        print('file set mismatch:', sorted(set(expected) ^ set(FILES)))
    for name in sorted(FILES):
        ff, probs, n = check_file(name, FILES[name])
        exp = expected.get(name, 'missing')
        ok = ff == exp and not probs and 12 <= n <= 40
        all_ok &= ok
        print(f'{name:34s} lines={n:2d} first_false={ff!s:4s} expected={exp!s:4s} {"OK" if ok else "MISMATCH"}')
        for p in probs:
            print('    !', p)
    print('ALL OK' if all_ok else 'NOT OK')
    return 0 if all_ok else 1

if __name__ == '__main__':
    sys.exit(main())
