#!/usr/bin/env python3
"""Independent NumPy check of corpus67 (automatic differentiation and matrix calculus).

For every file an ordered list of checks: (unique substring of one line, predicate,
optional declared tokens).  Every line that contains mathematics must be covered.
Givens / definitions are GIVEN.  Symbolic derivative claims are tested with central
finite differences at random points; worked numbers are recomputed and compared to
their printed precision (against the exact value or against the value recomputed
from the rounded numbers the author carried); sizes and counts are recomputed by
building arrays.  Every number printed on a checked line must be either a checked
value or a declared token ('*' = line not accounted, used for givens only).
The first line whose predicate is False must equal expected.json.
"""
import json, math, os, re, sys
from collections import Counter
import numpy as np

VERBOSE = '-v' in sys.argv
D = os.path.dirname(os.path.abspath(__file__))
RNG = np.random.default_rng(67)

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

def jac(F, x, h=1e-6):
    """Jacobian of vec F w.r.t. vec x (column-major vec, as in the texts)."""
    x = np.array(x, dtype=float)
    y0 = np.ravel(np.asarray(F(x), float), order='F')
    J = np.zeros((y0.size, x.size))
    xv = np.ravel(x, order='F')
    for k in range(x.size):
        e = np.zeros(x.size); e[k] = h
        xp = np.reshape(xv + e, x.shape, order='F'); xm = np.reshape(xv - e, x.shape, order='F')
        J[:, k] = (np.ravel(np.asarray(F(xp), float), order='F') - np.ravel(np.asarray(F(xm), float), order='F')) / (2 * h)
    return J

def vec(M):
    return np.ravel(np.asarray(M, float), order='F')

def near(a, b, tol=1e-6):
    a = np.asarray(a, float); b = np.asarray(b, float)
    return a.shape == b.shape and np.allclose(a, b, atol=tol, rtol=0)

def rand(*shape, lo=-2, hi=2):
    return RNG.uniform(lo, hi, size=shape)

def rand_inv(n):
    """a well conditioned, non-symmetric matrix with positive determinant"""
    while True:
        M = rand(n, n) + 3 * np.eye(n)
        if np.linalg.det(M) > 0.5 and np.linalg.cond(M) < 20 and not near(M, M.T, 1e-3):
            return M

sig = lambda z: 1.0 / (1.0 + np.exp(-np.clip(z, -500, 500)))
def softmax(z):
    z = np.asarray(z, float); e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)

def repeat(pred, n=4):
    return all(pred() for _ in range(n))

class Dual:
    """dual numbers a + b eps realised as 2x2 matrices [[a, b], [0, a]] (eps = [[0,1],[0,0]])"""
    @staticmethod
    def m(a, b):
        return np.array([[a, b], [0.0, a]])

FILES = {}
def register(name, comma=False):
    def deco(fn):
        FILES[name] = (fn, comma)
        return fn
    return deco


# ======================================================================= 01
@register('01_dual_numbers_by_hand.md')
def f01():
    M = Dual.m
    eps = M(0.0, 1.0)
    def arith():
        ok = near(eps @ eps, np.zeros((2, 2))) and not near(eps, np.zeros((2, 2)))
        for _ in range(5):
            a, b, c, d = rand(4); c = c + 3
            ok &= near(M(a, b) + M(c, d), M(a + c, b + d))
            ok &= near(M(a, b) @ M(c, d), M(a * c, a * d + b * c))
            ok &= near(np.linalg.inv(M(c, d)), M(1 / c, -d / c ** 2))
        return ok
    def taylor():
        ok = True
        for g, dg in [(np.sin, np.cos), (np.exp, np.exp), (np.tanh, lambda t: 1 - np.tanh(t) ** 2)]:
            a, b = rand(2); h = 1e-4
            ok &= abs(g(a + b * h) - (g(a) + dg(a) * b * h)) < 10 * h ** 2
        return ok
    lnD = lambda X: M(np.log(X[0, 0]), X[0, 1] / X[0, 0])          # the g-rule, checked above
    expD = lambda X: M(np.exp(X[0, 0]), np.exp(X[0, 0]) * X[0, 1])
    f = lambda x: x ** 2 / (1 + x) + x * np.log(x)
    fp = lambda x: (x ** 2 + 2 * x) / (1 + x) ** 2 + np.log(x) + 1
    x = M(2.0, 1.0); I = np.eye(2)
    v2 = x @ x; v3 = I + x; v4 = v2 @ np.linalg.inv(v3); v5 = lnD(x); v6 = x @ v5; v7 = v4 + v6
    def chain_rule():
        ok = True
        for _ in range(4):
            a = rand(lo=0.3, hi=3)
            X = M(a, 1.0); Y = (X @ X) @ np.linalg.inv(np.eye(2) + X) + X @ lnD(X)
            ok &= abs(Y[0, 0] - f(a)) < 1e-12 and abs(Y[0, 1] - fd(f, a)) < 1e-6
        return ok
    g = lambda x1, x2: x1 ** 2 * x2
    r1 = M(3.0, 1.0) @ M(3.0, 1.0) @ M(-1.0, 0.0); r2 = M(3.0, 0.0) @ M(3.0, 0.0) @ M(-1.0, 1.0)
    def directional():
        ok = True
        for _ in range(4):
            x0 = rand(3); xd = rand(3)
            G = lambda X1, X2, X3: X1 @ X2 + np.eye(2) * 0 + X3 @ X3 @ X1
            gg = lambda u: u[0] * u[1] + u[2] ** 2 * u[0]
            R = G(M(x0[0], xd[0]), M(x0[1], xd[1]), M(x0[2], xd[2]))
            ok &= abs(R[0, 1] - grad(gg, x0) @ xd) < 1e-6
        return ok
    return [
        ('A *dual number* is an expression', GIVEN, '2 0 0'),
        ('The arithmetic follows from', lambda: near(eps @ eps, np.zeros((2, 2))), '2 0'),
        ('$$(a + b\\varepsilon) + (c + d\\varepsilon) =', arith),
        ('$$\\frac{1}{c + d\\varepsilon}', lambda: arith() and taylor(), '1 1 2 0'),
        ('The last rule is just the Taylor series', taylor),
        ('$$f(x + \\varepsilon) = f(x)', chain_rule),
        ('So if we evaluate $f$ on the dual number', lambda: chain_rule(), '1 1'),
        ('**Example.** Let $f(x)', GIVEN, '2 1 2'),
        ('| step | primal $v_i$ |', GIVEN),
        ('| $v_1 = x$ |', lambda: E('2', x[0, 0]) and E('1', x[0, 1]) and near(x, M(2, 1)), '2'),
        ('| $v_2 = v_1^2$ |', lambda: E('2', 2) and E('4', v2[0, 0]) and E('2', 2) and E('4', 2 * 2 * 1) and E('4', v2[0, 0]) and E('4', v2[0, 1])),
        ('| $v_3 = 1 + v_1$ |', lambda: E('1', 1) and E('3', v3[0, 0]) and E('1', v3[0, 1]) and E('3', v3[0, 0])),
        ('| $v_4 = v_2 / v_3$ |', lambda: E('4', 4) and E('3', 3) and C('1.3333', v4[0, 0]) and E('2', 2)
            and E('8', 8) and E('9', 9) and abs(v4[0, 1] - 8 / 9) < 1e-12 and C('0.8889', v4[0, 1])
            and C('1.3333', v4[0, 0]) and C('0.8889', v4[0, 1])),
        ('| $v_5 = \\ln v_1$ |', lambda: E('2', 2) and C('0.6931', v5[0, 0]) and E('0.5', v5[0, 1]) and C('0.6931', v5[0, 0]) and E('0.5', v5[0, 1])),
        ('| $v_6 = v_1 v_5$ |', lambda: C('1.3863', v6[0, 0], 2 * 0.6931) and C('1.6931', v6[0, 1], 1 * 0.6931 + 2 * 0.5)
            and C('1.3863', v6[0, 0]) and C('1.6931', v6[0, 1])),
        ('| $v_7 = v_4 + v_6$ |', lambda: C('2.7196', v7[0, 0], 1.3333 + 1.3863) and C('0.8889', v4[0, 1]) and C('1.6931', v6[0, 1])
            and C('2.5820', v7[0, 1], 0.8889 + 1.6931) and C('2.7196', v7[0, 0]) and C('2.5820', v7[0, 1])),
        ('$$\\frac{4 + 4\\varepsilon}{3 + \\varepsilon}', lambda: near(M(4, 4) @ np.linalg.inv(M(3, 1)), M(4, 4) @ M(1 / 3, -1 / 9))
            and near(M(4, 4) @ M(1 / 3, -1 / 9), M(4 / 3, 4 / 3 - 4 / 9)) and abs(4 / 3 - 4 / 9 - 8 / 9) < 1e-15,
            '4 4 3 4 4 1 3 1 9 4 3 4 3 4 9 4 3 8 9'),
        ('Hence $f(2) \\approx', lambda: E('2', 2) and C('2.7196', f(2)) and E('2', 2) and C('2.5820', fp(2), fd(f, 2.0))),
        ("$$f'(x) = \\frac{2x(1 + x) - x^2}", lambda: repeat(lambda: (lambda a: abs(fd(f, a) - ((2 * a * (1 + a) - a ** 2) / (1 + a) ** 2 + np.log(a) + 1)) < 1e-6
            and abs(fp(a) - ((2 * a * (1 + a) - a ** 2) / (1 + a) ** 2 + np.log(a) + 1)) < 1e-12)(rand(lo=0.2, hi=4))),
            '2 1 2 1 2 1 2 2 1 2 1'),
        ('and at $x = 2$ this is', lambda: E('2', 2) and E('8', 8) and E('9', 9) and E('2', 2) and E('1', 1)
            and C('0.8889', 8 / 9) and C('0.6931', np.log(2)) and E('1', 1) and C('2.5820', fp(2), 0.8889 + 0.6931 + 1)),
        ('**Several inputs.**', lambda: directional() and E('3', 3) and E('-1', -1), '2'),
        ('- seed $\\dot{\\mathbf x} = (1, 0)$', lambda: EV(['1', '0'], [1, 0]) and E('3', 3) and E('2', 2) and E('-1', -1)
            and EV(['9', '6', '-1'], [9, 6, -1]) and near(M(3, 1) @ M(3, 1), M(9, 6)) and EV(['-9', '6'], [r1[0, 0], -r1[0, 1]])
            and E('2', 2) and E('-6', fd(lambda t: g(t, -1.0), 3.0))),
        ('- seed $\\dot{\\mathbf x} = (0, 1)$', lambda: EV(['0', '1'], [0, 1]) and E('3', 3) and E('2', 2) and E('-1', -1)
            and EV(['-9', '9'], [r2[0, 0], r2[0, 1]]) and E('2', 2) and E('9', fd(lambda t: g(3.0, t), -1.0))),
        ('One forward sweep gives one directional', lambda: directional()),
        ('**Exercise 3.2.**', lambda: E('1', 1) and E('0', (M(1, 1) @ expD(-M(1, 1)))[0, 1]), '3.2'),
    ]

# ======================================================================= 02
@register('02_reverse_mode_adjoint_table.md')
def f02():
    def trace(x1, x2, pert=None):
        """primal trace; pert = (node, h) adds h to that node right after it is computed"""
        p = pert or (None, 0.0)
        v = {}
        def put(k, val):
            v[k] = val + (p[1] if p[0] == k else 0.0)
        put(-1, x1); put(0, x2)
        put(1, v[-1] ** 2); put(2, v[1] + v[0]); put(3, np.log(v[2])); put(4, np.sin(v[0]))
        put(5, v[-1] * v[4]); put(6, v[3] + v[5])
        return v
    x = (1.5, 0.5); v = trace(*x)
    adj = {k: fd(lambda h: trace(*x, pert=(k, h))[6], 0.0) for k in range(-1, 7)}
    f = lambda a, b: np.log(a ** 2 + b) + a * np.sin(b)
    g_true = np.array([fd(lambda t: f(t, 0.5), 1.5), fd(lambda t: f(1.5, t), 0.5)])
    def adjoint_def():
        # the adjoint of a node is the sum over its children (checked on random inputs)
        ok = True
        for _ in range(3):
            a, b = rand(lo=0.5, hi=2), rand(lo=0.1, hi=2); w = trace(a, b)
            A = {k: fd(lambda h: trace(a, b, pert=(k, h))[6], 0.0) for k in range(-1, 7)}
            ok &= abs(A[0] - (A[2] * 1 + A[4] * np.cos(w[0]))) < 1e-6
            ok &= abs(A[-1] - (A[1] * 2 * w[-1] + A[5] * w[4])) < 1e-6
        return ok
    return [
        ('We follow the notation of Baydin et al.', GIVEN, '2018 3 1 1 0'),
        ('$$\\bar v_i = \\frac{\\partial y_j}', GIVEN),
        ('the sensitivity of the output $y_j$', GIVEN),
        ('$$y = f(x_1, x_2) = \\ln(x_1^2', GIVEN, '2 1.5 0.5'),
        ('| node | definition | value |', GIVEN),
        ('| $v_{-1}$ | $x_1$ |', lambda: E('1.5', v[-1])),
        ('| $v_0$ | $x_2$ |', lambda: E('0.5', v[0])),
        ('| $v_1$ | $v_{-1}^2$ |', lambda: E('2', 2) and E('2.25', v[1])),
        ('| $v_2$ | $v_1 + v_0$ |', lambda: E('2.75', v[2])),
        ('| $v_3$ | $\\ln v_2$ |', lambda: C('1.0116', v[3])),
        ('| $v_4$ | $\\sin v_0$ |', lambda: C('0.4794', v[4])),
        ('| $v_5$ | $v_{-1} \\times v_4$ |', lambda: C('0.7191', v[5], 1.5 * 0.4794)),
        ('| $v_6$ | $v_3 + v_5$ |', lambda: C('1.7307', v[6], 1.0116 + 0.7191)),
        ('| $y$ | $v_6$ |', lambda: C('1.7307', v[6])),
        ('The graph has two fan-outs', adjoint_def),
        ('**Reverse adjoint trace.** Seed', lambda: E('1', 1)),
        ('| adjoint | rule | value |', GIVEN),
        ('| $\\bar v_6$ | $\\bar y$ |', lambda: E('1', adj[6])),
        ('| $\\bar v_5$ |', lambda: E('1', adj[5])),
        ('| $\\bar v_4$ |', lambda: E('1.5', adj[4]) and abs(adj[4] - adj[5] * v[-1]) < 1e-6),
        ('| $\\bar v_3$ |', lambda: E('1', adj[3])),
        ('| $\\bar v_2$ |', lambda: abs(adj[2] - adj[3] / v[2]) < 1e-6 and E('1', 1) and E('2.75', v[2]) and C('0.3636', adj[2])),
        ('| $\\bar v_1$ |', lambda: abs(adj[1] - adj[2]) < 1e-6 and C('0.3636', adj[1])),
        ('| $\\bar v_0$ |', lambda: abs(adj[0] - (adj[2] + adj[4] * np.cos(v[0]))) < 1e-6
            and C('0.3636', adj[2]) and E('1.5', adj[4]) and C('0.8776', np.cos(0.5)) and C('0.3636', adj[2])
            and C('1.3164', 1.5 * np.cos(0.5), 1.5 * 0.8776) and C('1.6800', adj[0], 0.3636 + 1.3164)),
        ('| $\\bar v_{-1}$ |', lambda: abs(adj[-1] - adj[1] * 2 * v[-1]) < 1e-6 and E('2', 2)
            and C('0.3636', adj[1]) and E('3', 2 * v[-1]) and C('1.0909', adj[-1])),
        ('Reading off the inputs', lambda: True),
        ('$$\\nabla f(1.5,\\ 0.5)', lambda: E('1.5', 1.5) and E('0.5', 0.5) and CV(['1.0909', '1.6800'], g_true)),
        ('**Sanity check of the second component', lambda: E('2', 2) and abs(g_true[1] - (1 / 2.75 + 1.5 * np.cos(0.5))) < 1e-6
            and C('0.3636', 1 / 2.75) and C('1.3164', 1.5 * np.cos(0.5)) and C('1.6800', g_true[1], 0.3636 + 1.3164), '1'),
        ('**Cost.** Both partial derivatives', lambda: len(g_true) == 2 and EV(['1', '0', '0', '1'], np.eye(2))),
        ('2. Redo the adjoint table', lambda: E('2', 2) and all(
            abs(2 * adj[k] - fd(lambda h: 2 * trace(*x, pert=(k, h))[6], 0.0)) < 1e-6 for k in adj)),
    ]

# ======================================================================= 03
def _tape_program(n, L, seed):
    """a random straight-line program with n inputs and L elementary operations"""
    R = np.random.default_rng(seed); prog = []
    for k in range(L):
        op = R.choice(['add', 'mul', 'sin'])
        a, b = R.integers(0, n + k, size=2)
        prog.append((op, int(a), int(b)))
    return prog

def _run(prog, x, xdot=None, ubar_last=None):
    """primal, tangent (forward mode) and adjoint (reverse mode) sweeps, counting arithmetic ops"""
    v = list(x); vd = list(xdot) if xdot is not None else None; ops = {'f': 0, 'fwd': 0, 'rev': 0}
    for op, a, b in prog:
        if op == 'add':
            v.append(v[a] + v[b]); ops['f'] += 1
            if vd is not None: vd.append(vd[a] + vd[b]); ops['fwd'] += 1
        elif op == 'mul':
            v.append(v[a] * v[b]); ops['f'] += 1
            if vd is not None: vd.append(vd[a] * v[b] + v[a] * vd[b]); ops['fwd'] += 3
        else:
            v.append(np.sin(v[a])); ops['f'] += 1
            if vd is not None: vd.append(np.cos(v[a]) * vd[a]); ops['fwd'] += 2
    vb = None
    if ubar_last is not None:
        vb = [0.0] * len(v); vb[-1] = ubar_last
        for k in range(len(prog) - 1, -1, -1):
            op, a, b = prog[k]; i = len(x) + k
            if op == 'add':
                vb[a] += vb[i]; vb[b] += vb[i]; ops['rev'] += 2
            elif op == 'mul':
                vb[a] += vb[i] * v[b]; vb[b] += vb[i] * v[a]; ops['rev'] += 4
            else:
                vb[a] += vb[i] * np.cos(v[a]); ops['rev'] += 3
    return v, vd, vb, ops

@register('03_jvp_vjp_couts_fr.md', comma=True)
def f03():
    def modes_correct():
        ok = True
        for s in range(4):
            n = 3; prog = _tape_program(n, 25, 100 + s); x = rand(n); xd = rand(n)
            F = lambda z: _run(prog, z)[0][-1]
            v, vd, vb, _ = _run(prog, x, xd, 1.0)
            ok &= abs(vd[-1] - grad(F, x) @ xd) < 1e-5 and near(vb[:n], grad(F, x), 1e-5)
        return ok
    def cheap():
        ratios = []
        for L in (10, 100, 1000):
            _, _, _, ops = _run(_tape_program(5, L, L), rand(5), rand(5), 1.0)
            ratios.append((ops['fwd'] / ops['f'], ops['rev'] / ops['f']))
        return all(r1 <= 3 and r2 <= 4 for r1, r2 in ratios)
    def jvp_limit():
        ok = True
        for _ in range(3):
            A = rand(2, 3); F = lambda z: np.array([np.sin(z[0] * z[1]), z[2] ** 2 + z[0]]); x = rand(3); v = rand(3)
            J = np.stack([grad(lambda z: F(z)[i], x) for i in range(2)])
            t = 1e-6
            ok &= near((F(x + t * v) - F(x)) / t, J @ v, 1e-4)
        return ok
    def columns_rows():
        F = lambda z: np.array([z[0] * z[1] + z[2] ** 2, z[0] - z[1] * z[2], np.exp(z[0])])
        x = rand(3); J = np.stack([grad(lambda z: F(z)[i], x) for i in range(3)])
        cols = [grad(lambda t: F(x + t * np.eye(3)[j]), 0.0) if False else
                np.array([fd(lambda t: F(x + t * np.eye(3)[j])[i], 0.0) for i in range(3)]) for j in range(3)]
        rows = [grad(lambda z: np.eye(3)[i] @ F(z), x) for i in range(3)]
        return near(np.stack(cols, 1), J) and near(np.stack(rows), J)
    F = lambda z: np.array([z[0] * z[1] + z[2] ** 2, z[0] - z[1] * z[2]])
    x = np.array([1.0, 2.0, -0.5]); v = np.array([1.0, -1, 2]); u = np.array([2.0, 1])
    J = np.stack([grad(lambda z: F(z)[i], x) for i in range(2)])
    Jsym = lambda z: np.array([[z[1], z[0], 2 * z[2]], [1, -z[2], -z[1]]])
    M = Dual.m
    X1, X2, X3 = M(1, 1), M(2, -1), M(-0.5, 2)
    P12 = X1 @ X2; P33 = X3 @ X3; F1 = P12 + P33; P23 = X2 @ X3; F2 = X1 - P23
    # reverse sweep of the small program in the text
    ab = bb = u[0]; cb = -u[1]
    x1b = ab * x[1] + u[1]; x2b = ab * x[0] + cb * x[2]; x3b = bb * 2 * x[2] + cb * x[1]
    prog_ok = lambda: near(np.array([x1b, x2b, x3b]), grad(lambda z: u @ F(z), x))
    return [
        ('Soit $f : \\mathbb{R}^n \\to \\mathbb{R}^m$', GIVEN),
        ('- le **mode direct** (*forward*) calcule', lambda: modes_correct()),
        ('$$\\mathrm{JVP} : v \\mapsto', jvp_limit),
        ('- le **mode inverse** (*reverse*) calcule', lambda: modes_correct() and u.reshape(1, -1).shape[0] == 1, '1'),
        ('Chacun des deux produits coûte', cheap),
        ('- en mode direct, $n$ JVP', columns_rows),
        ('- en mode inverse, $m$ VJP', columns_rows),
        ('**Règle pratique.**', lambda: E('1', 1) and E('10', 10) and E('6', 6) and E('10', 10) and E('6', 6)
            and columns_rows() and modes_correct()),
        ('| un passage fournit |', columns_rows),
        ('| passages pour $J_f$ entière |', columns_rows),
        ('## 4.3 Exemple traité à la main', GIVEN, '4.3'),
        ('On prend $n = 3$, $m = 2$ et', lambda: E('3', x.size) and E('2', F(x).size)),
        ('$$f(x) = \\begin{pmatrix} x_1 x_2 + x_3^2', GIVEN, '2 1 2 -0.5'),
        ('Alors $f(x) = (2{,}25', lambda: CV(['2.25', '2'], F(x))),
        ('$$J_f(x) = \\begin{pmatrix} x_2 & x_1 & 2x_3', lambda: ALL(
            all(near(Jsym(z), np.stack([grad(lambda w: F(w)[i], z) for i in range(2)])) for z in rand(3, 3)),
            E('2', 2), E('1', 1), EV(['2', '1', '-1', '1', '0.5', '-2'], J.round(9)))),
        ('**JVP par nombres duaux.**', lambda: EV(['1', '-1', '2'], v) and EV(['1', '2', '-0.5', '2'], [1, 2, -0.5, 2])
            and near(X1, M(x[0], v[0])) and near(X2, M(x[1], v[1])) and near(X3, M(x[2], v[2])) and E('2', 2) and E('0', 0)),
        ('- $x_1 x_2 = 2 + \\varepsilon$', lambda: EV(['2'], [P12[0, 0]]) and P12[0, 1] == 1 and E('2', 2)
            and E('0.25', P33[0, 0]) and E('2', -P33[0, 1]) and E('2.25', F1[0, 0]) and F1[0, 1] == -1),
        ('- $x_2 x_3 = -1 + 4{,}5', lambda: E('-1', P23[0, 0]) and E('4.5', P23[0, 1]) and E('1', 1) and E('-1', -1) and E('4.5', 4.5)
            and E('2', F2[0, 0]) and E('3.5', -F2[0, 1])),
        ('Les parties en $\\varepsilon$ donnent', lambda: EV(['-1', '-3.5'], J @ v) and near([F1[0, 1], F2[0, 1]], J @ v)
            and E('2', J[0, 0] * v[0]) and E('1', -J[0, 1] * v[1]) and E('2', -J[0, 2] * v[2]) and E('-1', 2 - 1 - 2)
            and E('1', J[1, 0] * v[0]) and E('0.5', -J[1, 1] * v[1]) and E('4', -J[1, 2] * v[2]) and E('-3.5', 1 - 0.5 - 4)),
        ('**VJP par propagation des adjoints.**', lambda: E('2', 2) and EV(['2', '1'], u) and prog_ok()),
        ('- $\\bar a = \\bar b = \\bar f_1 = 2$', lambda: E('2', ab) and E('-1', cb)),
        ('- $\\bar x_1 = \\bar a\\, x_2', lambda: E('4', ab * x[1]) and E('1', u[1]) and E('5', x1b)),
        ('- $\\bar x_2 = \\bar a\\, x_1', lambda: E('2', ab * x[0]) and E('0.5', cb * x[2]) and E('2.5', x2b)),
        ('- $\\bar x_3 = \\bar b \\cdot 2x_3', lambda: E('2', 2) and E('-2', bb * 2 * x[2]) and E('2', -cb * x[1]) and E('-4', x3b)),
        ("D'où $u^\\top J_f(x) =", lambda: EV(['5', '2.5', '-4'], u @ J) and E('2', u[0]) and EV(['2', '1', '-1'], J[0].round(9))
            and E('1', u[1]) and EV(['1', '0.5', '-2'], J[1].round(9))),
        ('**Remarque.** Ici $m = 2 < n = 3$', lambda: E('2', 2) and E('3', 3) and columns_rows()),
    ]

# ======================================================================= 04
@register('04_elementwise_jacobian_zh.md')
def f04():
    x = np.array([-1.0, 0, 2]); g = np.array([1.0, -2, 0.5])
    s = sig(x); ds = s * (1 - s)
    sr = np.array([0.2689, 0.5, 0.8808]); dsr = np.array([0.1966, 0.25, 0.1050])
    L = lambda z: np.sum(sig(z) ** 2)
    dL_true = grad(L, x)
    dLdy_true = grad(lambda y: np.sum(y ** 2), s)
    def diag_jac():
        ok = True
        for f, df in [(sig, lambda z: sig(z) * (1 - sig(z))), (np.tanh, lambda z: 1 - np.tanh(z) ** 2)]:
            z = rand(5); J = jac(f, z)
            ok &= near(J, np.diag(df(z)))
        return ok
    def vjp():
        ok = True
        for _ in range(3):
            z = rand(6); up = rand(6)
            ok &= near(grad(lambda u: up @ sig(u), z), up * sig(z) * (1 - sig(z)))
            ok &= near(jac(np.tanh, z).T @ up, up * (1 - np.tanh(z) ** 2))
        return ok
    def matrix_case():
        Z = rand(3, 2); G = rand(3, 2); J = jac(sig, Z)
        return near(J, np.diag(vec(sig(Z) * (1 - sig(Z))))) and J.shape == (6, 6) and near(grad(lambda U: np.sum(G * sig(U)), Z), G * sig(Z) * (1 - sig(Z)))
    def derivs():
        z = rand(6)
        return near(grad(lambda u: np.sum(sig(u)), z), sig(z) * (1 - sig(z))) and near(grad(lambda u: np.sum(np.tanh(u)), z), 1 - np.tanh(z) ** 2)
    nbytes = np.zeros((4096, 4096), dtype=np.float32).nbytes
    return [
        ('先说结论', lambda: diag_jac() and vjp()),
        ('设 $x \\in \\mathbb{R}^n$', GIVEN, '1'),
        ('$y_i$ 只依赖 $x_i$', lambda: diag_jac()),
        ('$$\\frac{\\partial y_i}{\\partial x_j} = \\begin{cases}', lambda: diag_jac() and E('0', 0)),
        ('反向传播时，上游传来', GIVEN),
        ('$$\\frac{\\partial L}{\\partial x} = \\Big(', vjp),
        ('（对角阵转置还是自己', lambda: derivs() and near(np.diag(ds).T, np.diag(ds)), '1 1 2'),
        ('如果输入是矩阵', matrix_case),
        ('取 $x = (-1,\\ 0,\\ 2)^\\top$', lambda: EV(['-1', '0', '2'], x) and EV(['1', '-2', '0.5'], g)),
        ('- $\\sigma(x) = (0.2689', lambda: CV(['0.2689', '0.5', '0.8808'], s)),
        ("- $\\sigma'(x) = \\sigma(x)\\odot(1 - \\sigma(x))", lambda: E('1', 1) and C('0.2689', s[0]) and C('0.7311', 1 - s[0])
            and E('0.5', s[1]) and E('0.5', 1 - s[1]) and C('0.8808', s[2]) and C('0.1192', 1 - s[2])
            and CV(['0.1966', '0.25', '0.1050'], ds, sr * (1 - sr)) and near(grad(lambda u: np.sum(sig(u)), x), ds)),
        ('- $\\partial L/\\partial x = g \\odot', lambda: CV(['0.1966', '-0.5', '0.0525'], grad(lambda u: g @ sig(u), x), g * dsr)),
        ("x = torch.tensor([-1., 0., 2.])", lambda: EV(['-1', '0', '2'], x)),
        ('# tensor([[0.1966, 0.0000, 0.0000],', lambda: CV(['0.1966', '0.0000', '0.0000'], jac(sig, x)[0])),
        ('#         [0.0000, 0.2500, 0.0000],', lambda: CV(['0.0000', '0.2500', '0.0000'], jac(sig, x)[1])),
        ('#         [0.0000, 0.0000, 0.1050]])', lambda: CV(['0.0000', '0.0000', '0.1050'], jac(sig, x)[2])),
        ('划重点：显式构造', lambda: E('4096', 4096) and E('2', 2) and E('16777216', np.diag(np.ones(4096, np.float32)).size)
            and E('67108864', nbytes) and E('64', nbytes / 2 ** 20) and E('4096', np.count_nonzero(np.diag(np.ones(4096, np.float32))))),
        ('设 $L = \\lVert \\sigma(x) \\rVert^2', lambda: E('2', 2) and E('2', 2) and EV(['-1', '0', '2'], x)),
        ('- 先对 $y = \\sigma(x)$ 求导', lambda: CV(['0.2689', '0.5', '0.8808'], dLdy_true)),
        ('- 再乘对角雅可比', lambda: CV(['0.2689', '0.5', '0.8808'], dLdy_true) and CV(['0.1966', '0.25', '0.1050'], ds)
            and CV(['0.0529', '0.125', '0.0925'], dL_true, dLdy_true * ds)),
        ('可以看到，三个分量里', lambda: E('0', x[1]) and np.argmax(dL_true) == 1 and np.argmax(ds) == 1 and E('0', 0) and E('0', 0) and E('0.25', sig(0) * (1 - sig(0)))
            and np.argmax(sig(np.linspace(-5, 5, 1001)) * (1 - sig(np.linspace(-5, 5, 1001)))) == 500),
        ('**小结**', lambda: vjp()),
    ]

# ======================================================================= 05
@register('05_vec_kronecker_de.md', comma=True)
def f05():
    X = np.array([[1.0, 2], [0, 3]]); I2 = np.eye(2)
    Dtrue = jac(lambda Z: Z @ Z, X)
    Dcar = np.kron(X, I2) + np.kron(I2, X)                 # the matrix the author carries
    def kron_def():
        A = rand(2, 3); B = rand(4, 5); K = np.kron(A, B)
        blocks = np.block([[A[i, j] * B for j in range(3)] for i in range(2)])
        return near(K, blocks) and K.shape == (8, 15) and vec(A).size == 6 and near(vec(A)[:2], A[:, 0])
    def rules():
        A, B, Cc, Dd = rand(2, 3), rand(4, 2), rand(3, 2), rand(2, 3)
        P, Q = rand_inv(2), rand_inv(3)
        return (near(np.kron(A, B) @ np.kron(Cc, Dd), np.kron(A @ Cc, B @ Dd)) and near(np.kron(A, B).T, np.kron(A.T, B.T))
                and near(np.linalg.inv(np.kron(P, Q)), np.kron(np.linalg.inv(P), np.linalg.inv(Q))))
    def satz32():
        ok = True
        for _ in range(3):
            A, Xx, B = rand(2, 3), rand(3, 4), rand(4, 5)
            ok &= near(vec(A @ Xx @ B), np.kron(B.T, A) @ vec(Xx))
        return ok
    def proof_col():
        A, Xx, B = rand(2, 3), rand(3, 4), rand(4, 5); ok = True
        for k in range(5):
            ok &= near(A @ Xx @ B[:, k], sum(B[j, k] * A @ Xx[:, j] for j in range(4)))
            ok &= near(A @ Xx @ B[:, k], np.kron(B[:, k].reshape(1, -1), A) @ vec(Xx))
        return ok
    def blockrows():
        A, B = rand(2, 3), rand(4, 5); K = np.kron(B.T, A)
        return all(near(K[2 * k:2 * k + 2], np.kron(B[:, k].reshape(1, -1), A)) for k in range(5))
    def folg():
        A, Xx, B = rand(2, 3), rand(3, 4), rand(4, 5)
        return near(vec(A @ Xx), np.kron(np.eye(4), A) @ vec(Xx)) and near(vec(Xx @ B), np.kron(B.T, np.eye(3)) @ vec(Xx))
    def ident():
        A, B = rand(2, 3), rand(4, 5); Xx = rand(3, 4)
        return near(jac(lambda Z: A @ Z @ B, Xx), np.kron(B.T, A))
    def x2_true_form():
        ok = True
        for _ in range(3):
            Z = rand(3, 3); H = rand(3, 3)
            ok &= near(jac(lambda W: W @ W, Z) @ vec(H), vec(H @ Z + Z @ H))
        return ok
    def x2_claim():
        # the line claims  d vec F = (X kron I + I kron X) d vec X  and  DF = X kron I + I kron X
        ok = True
        for _ in range(3):
            Z = rand(3, 3)
            ok &= near(jac(lambda W: W @ W, Z), np.kron(Z, np.eye(3)) + np.kron(np.eye(3), Z))
        return ok
    def inv_rule():
        ok = True
        for _ in range(3):
            Z = rand_inv(3); H = rand(3, 3); Zi = np.linalg.inv(Z)
            ok &= near(jac(np.linalg.inv, Z), -np.kron(Zi.T, Zi), 1e-5)
            ok &= near(jac(np.linalg.inv, Z) @ vec(H), vec(-Zi @ H @ Zi), 1e-5)
        return ok
    return [
        ('**Definition 3.1.**', GIVEN, '3.1'),
        ('$$A \\otimes B = \\begin{pmatrix} a_{11}B', kron_def),
        ('Der Operator $\\operatorname{vec}$ stapelt', kron_def),
        ('Wir benutzen ohne Beweis', rules, '-1 -1 -1'),
        ('**Satz 3.2.** Seien', GIVEN, '3.2'),
        ("$$\\operatorname{vec}(AXB) = (B' \\otimes A)", satz32),
        ('*Beweis.* Bezeichne', GIVEN),
        ('$$AXb_k = \\sum_{j=1}^{p}', proof_col),
        ('Untereinanderschreiben für $k = 1', lambda: blockrows() and satz32(), '1'),
        ('**Folgerung 3.3.**', lambda: folg(), '3.3'),
        ('$$\\operatorname{vec}(AX) = (I_p \\otimes A)', folg),
        ('**Satz 3.4 (erstes Identifikationstheorem).**', lambda: ident(), '3.4'),
        ('**(a)** $F(X) = AXB$.', lambda: ident() and E('3.2', 3.2) and EV(['2', '3', '3', '4', '4', '5'], [2, 3, 3, 4, 4, 5])
            and EV(['2', '5'], (rand(2, 3) @ rand(3, 4) @ rand(4, 5)).shape) and EV(['10', '12'], np.kron(rand(4, 5).T, rand(2, 3)).shape)
            and E('10', 2 * 5) and E('2', 2) and E('5', 5) and E('12', 3 * 4) and E('3', 3) and E('4', 4)),
        ('**(b)** $F(X) = X^2$', lambda: E('2', 2)),
        ('$$\\mathrm{d}F = (\\mathrm{d}X)\\,X + X\\,(\\mathrm{d}X).$$', x2_true_form),
        ('Mit Folgerung 3.3 (einmal', lambda: folg(), '3.3'),
        ('$$\\mathrm{d}\\operatorname{vec} F = (X \\otimes I_n + I_n \\otimes X)', x2_claim),
        ('*Zahlenbeispiel.* Für $n = 2$', lambda: E('2', 2) and EV(['1', '2', '0', '3'], X) and EV(['1', '0', '2', '3'], vec(X))),
        ('$$\\mathsf{D}F(X) = \\begin{pmatrix}', lambda: near(Dcar, np.kron(X, I2) + np.kron(I2, X))),
        ('2 & 2 & 2 & 0 \\\\', lambda: EV(['2', '2', '2', '0'], Dtrue[0].round(6))),
        ('0 & 4 & 0 & 2 \\\\', lambda: EV(['0', '4', '0', '2'], Dtrue[1].round(6))),
        ('0 & 0 & 4 & 2 \\\\', lambda: EV(['0', '0', '4', '2'], Dtrue[2].round(6))),
        ('0 & 0 & 0 & 6', lambda: EV(['0', '0', '0', '6'], Dtrue[3].round(6))),
        ('\\end{pmatrix}.$$', lambda: near(Dcar, np.kron(X, I2) + np.kron(I2, X))),
        ('Beispielsweise liest man aus Zeile 1', lambda: E('1', 1) and E('3', 3) and E('2', 2)
            and E('2', fd(lambda t: ((X + t * np.array([[0, 1.0], [0, 0]])) @ (X + t * np.array([[0, 1.0], [0, 0]])))[0, 0], 0.0))),
        ('*Kontrolle:* $\\operatorname{tr}', lambda: EV(['2', '4', '4', '6'], np.diag(Dtrue).round(6)) and E('16', np.trace(Dtrue))
            and E('2', 2) and E('2', 2) and E('2', 2) and E('4', np.trace(X)) and all(
                abs(np.trace(jac(lambda W: W @ W, Z)) - 2 * 3 * np.trace(Z)) < 1e-6 for Z in [rand(3, 3)])),
        ('**(c)** $F(X) = X^{-1}$', lambda: inv_rule() and all(near(Z @ np.linalg.inv(Z), np.eye(3)) for Z in [rand_inv(3)]) and E('0', 0),
            '-1 -1 -1 -1'),
        ('$$\\mathrm{d}(X^{-1}) = -X^{-1}', inv_rule, '-1 -1 -1 -1 -1'),
        ('**Bemerkung.** Die Jacobi-Matrix in (b)', lambda: E('2', 2) and E('2', 2) and jac(lambda W: W @ W, rand(3, 3)).shape == (9, 9)
            and E('1000', 1000) and E('10', 10) and E('12', np.log10(1000 ** 4)) and x2_true_form() and E('3', 3)
            and (lambda Z, H: near(jac(lambda W: W @ W, Z) @ vec(H), vec(H @ Z + Z @ H)))(rand(4, 4), rand(4, 4))),
    ]

# ======================================================================= 06
def _dir(F, X, H, h=1e-6):
    """directional derivative (differential) of F at X in direction H"""
    return (np.asarray(F(X + h * H)) - np.asarray(F(X - h * H))) / (2 * h)

@register('06_trace_trick_cheatsheet.md')
def f06():
    inv = np.linalg.inv
    def diff_rule(F, dF, n=4, square=True, k=3):
        ok = True
        for _ in range(n):
            X = rand_inv(k) if square else rand(k, k); H = rand(k, k)
            ok &= near(_dir(F, X, H), dF(X, H), 1e-5)
        return ok
    A, B = rand(3, 3), rand(3, 3)
    def grad_rule(f, G, n=3, k=3):
        ok = True
        for _ in range(n):
            X = rand_inv(k)
            ok &= near(grad(f, X), G(X), 1e-5)
        return ok
    Xq = np.diag([2.0, 4.0])
    return [
        ('**Conventions.**', GIVEN),
        ('$$\\partial(\\mathbf{A}\\mathbf{X}\\mathbf{B}) = \\mathbf{A}(\\partial\\mathbf{X})\\mathbf{B} \\qquad (1)$$',
            lambda: diff_rule(lambda X: A @ X @ B, lambda X, H: A @ H @ B), '1'),
        ('$$\\partial(\\mathbf{X}\\mathbf{Y})', lambda: all(near(_dir(lambda t: (X + t * H) @ (Y + t * K), 0.0, 1.0), H @ Y + X @ K, 1e-5)
            for X, Y, H, K in [rand(4, 3, 3) for _ in range(3)]), '2'),
        ('$$\\partial(\\mathbf{X}^T) = (\\partial\\mathbf{X})^T', lambda: diff_rule(lambda X: X.T, lambda X, H: H.T)
            and diff_rule(np.trace, lambda X, H: np.trace(H)), '3'),
        ('$$\\partial(\\mathbf{X}^{-1}) =', lambda: diff_rule(inv, lambda X, H: inv(X) @ H @ inv(X)), '-1 -1 -1 4'),
        ('$$\\partial\\det(\\mathbf{X})', lambda: diff_rule(np.linalg.det, lambda X, H: np.linalg.det(X) * np.trace(inv(X) @ H))
            and diff_rule(lambda X: np.log(np.linalg.det(X)), lambda X, H: np.trace(inv(X) @ H)), '-1 -1 5'),
        ('A scalar can be written as its own trace', lambda: all(
            abs(np.trace(P @ Q @ R) - np.trace(R @ P @ Q)) < 1e-9 and abs(np.trace(P @ Q @ R) - np.trace(Q @ R @ P)) < 1e-9
            and abs(np.trace(P.T @ Q) - np.sum(P * Q)) < 1e-9 for P, Q, R in [rand(3, 3, 3) for _ in range(3)])),
        ('$$\\partial f = \\mathrm{Tr}(\\mathbf{G}^T \\partial\\mathbf{X})', lambda: all(
            near(grad(lambda X: np.trace(G.T @ X), X0), G) for G, X0 in [rand(2, 3, 3) for _ in range(3)]), '6'),
        ('Recipe: take the differential', lambda: grad_rule(lambda X: np.trace(A @ X @ B), lambda X: A.T @ B.T)),
        ('\\mathrm{Tr}(\\mathbf{A}\\mathbf{X}) = \\mathbf{A}^T \\qquad (7)', lambda: grad_rule(lambda X: np.trace(A @ X), lambda X: A.T), '7'),
        ('\\mathrm{Tr}(\\mathbf{A}\\mathbf{X}\\mathbf{B}) = \\mathbf{A}^T\\mathbf{B}^T \\qquad (8)', lambda: grad_rule(lambda X: np.trace(A @ X @ B), lambda X: A.T @ B.T), '8'),
        ('= (\\mathbf{A} + \\mathbf{A}^T)\\mathbf{X} \\qquad (9)', lambda: grad_rule(lambda X: np.trace(X.T @ A @ X), lambda X: (A + A.T) @ X), '9'),
        ('\\ln\\det(\\mathbf{X}) = (\\mathbf{X}^{-1})^T', lambda: grad_rule(lambda X: np.log(np.linalg.det(X)), lambda X: inv(X).T), '-1 10'),
        ('\\qquad (11)$$', lambda: grad_rule(lambda X: np.trace(A @ inv(X) @ B), lambda X: inv(X).T @ A.T @ B.T @ inv(X).T), '-1 11'),
        ('\\qquad (12)$$', lambda: (lambda a, b: grad_rule(lambda X: a @ inv(X) @ b, lambda X: inv(X).T @ np.outer(a, b) @ inv(X).T))(rand(3), rand(3)), '-1 12'),
        ('*(9):* by (2) and (3)', lambda: all(
            abs(_dir(lambda Z: np.trace(Z.T @ A @ Z), X, H) - (np.trace(H.T @ A @ X) + np.trace(X.T @ A @ H))) < 1e-6
            and abs(np.trace(H.T @ A @ X) - np.trace(X.T @ A.T @ H)) < 1e-9
            and near((X.T @ (A.T + A)).T, (A + A.T) @ X) for X, H in [rand(2, 3, 3) for _ in range(3)]) and grad_rule(lambda X: np.trace(X.T @ A @ X), lambda X: (A + A.T) @ X),
            '9 2 3'),
        ('*(11):* by (1) and (4)', lambda: all(
            abs(_dir(lambda Z: np.trace(A @ inv(Z) @ B), X, H) - np.trace(A @ inv(X) @ H @ inv(X) @ B)) < 1e-6
            for X, H in [(rand_inv(3), rand(3, 3)) for _ in range(3)]), '11 1 4 -1 -1 -1 -1 -1 -1 -1 12'),
        ('**Quick numbers**', lambda: EV(['2', '4'], np.diag(Xq))),
        ('- by (10), $\\partial \\ln\\det', lambda: CV(['0.5', '0.25'], np.diag(grad(lambda X: np.log(np.linalg.det(X)), Xq)))
            and near(grad(lambda X: np.log(np.linalg.det(X)), Xq), np.diag(np.diag(grad(lambda X: np.log(np.linalg.det(X)), Xq)))), '10'),
        ('- by (11), $\\partial\\,\\mathrm{Tr}(\\mathbf{X}^{-1})', lambda: near(grad(lambda X: np.trace(inv(X)), Xq), inv(Xq) @ inv(Xq))
            and CV(['0.25', '0.0625'], np.diag(grad(lambda X: np.trace(inv(X)), Xq))), '11 -1 -2'),
    ]

# ======================================================================= 07
@register('07_differentsialy_minka_ru.md', comma=True)
def f07():
    inv = np.linalg.inv
    X0 = np.array([[1.0, 0], [0, 1], [1, 1]])
    f3 = lambda X: np.log(np.linalg.det(X.T @ X))
    G3 = grad(f3, X0)
    Xp = X0.copy(); Xp[0, 0] = 1.01
    def ex3_form():
        ok = True
        for _ in range(3):
            X = rand(4, 2); H = rand(4, 2); S = X.T @ X
            d = _dir(f3, X, H)
            t1 = np.trace(inv(S) @ H.T @ X); t2 = np.trace(inv(S) @ X.T @ H)
            ok &= abs(d - np.trace(inv(S) @ (H.T @ X + X.T @ H))) < 1e-6 and abs(d - 2 * t2) < 1e-6 and abs(t1 - t2) < 1e-9
            ok &= near(grad(f3, X), 2 * X @ inv(S), 1e-5)
        return ok
    def logistic():
        ok = True
        for _ in range(3):
            X = rand(5, 3); w = rand(3); y = np.where(rand(5) > 0, 1.0, -1.0); dw = rand(3)
            ell = lambda v: -np.sum(np.log(sig(y * (X @ v))))
            s = y * (X @ w)
            ok &= abs(_dir(ell, w, dw) - (-(1 - sig(s)) @ (y * (X @ dw)))) < 1e-6
            ok &= abs(-(1 - sig(s)) @ (y * (X @ dw)) - (-(y * (1 - sig(s))) @ X @ dw)) < 1e-9
            ok &= near(grad(ell, w), -X.T @ (y * (1 - sig(s))))
            t = rand(); ok &= abs(fd(lambda u: np.log(sig(u)), t) - (1 - sig(t))) < 1e-6
            u, v = rand(5), rand(5); ok &= abs(u @ (y * v) - (y * u) @ v) < 1e-12
        return ok
    def rules():
        ok = True
        X, Y, H, K = rand(4, 3, 3); Xi = rand_inv(3); al = rand()
        ok &= near(_dir(lambda t: (X + t * H) @ (Y + t * K), 0.0, 1.0), H @ Y + X @ K, 1e-5)
        ok &= near(_dir(lambda t: (X + t * H) * (Y + t * K), 0.0, 1.0), H * Y + X * K, 1e-5)
        ok &= near(_dir(lambda t: al * (X + t * H), 0.0, 1.0), al * H, 1e-5) and near(_dir(lambda t: (X + t * H).T, 0.0, 1.0), H.T, 1e-5)
        ok &= abs(_dir(lambda t: np.trace(X + t * H), 0.0, 1.0) - np.trace(H)) < 1e-6
        return ok
    return [
        ('**Идея.** Вместо того', GIVEN),
        ('$$df = \\operatorname{tr}\\big(G^\\top dX\\big) \\quad', lambda: all(
            near(grad(lambda X: np.trace(G.T @ X), X0_), G) for G, X0_ in [(rand(3, 2), rand(3, 2)) for _ in range(3)])),
        ('поскольку $\\operatorname{tr}(G^\\top dX) = \\sum', lambda: all(abs(np.trace(G.T @ H) - np.sum(G * H)) < 1e-12 for G, H in [rand(2, 3, 2)])),
        ('**Правила** ($A$, $B$', GIVEN),
        ('- $dA = 0$, $\\ d(\\alpha X)', lambda: E('0', 0) and rules()),
        ('- $d(XY) = dX\\,Y + X\\,dY$', rules),
        ('- $d(X^{-1}) = -X^{-1}\\,dX\\,X^{-1}$', lambda: all(near(_dir(inv, X, H), -inv(X) @ H @ inv(X), 1e-5) for X, H in [(rand_inv(3), rand(3, 3))]),
            '-1 -1 -1 -1'),
        ('- $d\\det X = \\det X \\cdot', lambda: all(abs(_dir(np.linalg.det, X, H) - np.linalg.det(X) * np.trace(inv(X) @ H)) < 1e-6
            and abs(_dir(lambda Z: np.log(np.linalg.det(Z)), X, H) - np.trace(inv(X) @ H)) < 1e-6 for X, H in [(rand_inv(3), rand(3, 3))]), '-1 -1'),
        ('Главный приём — циклическая', lambda: all(abs(np.trace(P @ Q @ R) - np.trace(R @ P @ Q)) < 1e-9 and abs(np.trace(P.T) - np.trace(P)) < 1e-12
            for P, Q, R in [rand(3, 3, 3)])),
        ('## Пример 1. $f(X) = a^\\top X b$', GIVEN, '1'),
        ('$df = a^\\top dX\\, b = \\operatorname{tr}(a^\\top dX\\, b)', lambda: all(
            abs(a @ H @ b - np.trace(np.outer(b, a) @ H)) < 1e-12 and near(grad(lambda X: a @ X @ b, rand(3, 4)), np.outer(a, b))
            for a, b, H in [(rand(3), rand(4), rand(3, 4))])),
        ('## Пример 2. Наименьшие квадраты', GIVEN, '2 2'),
        ('Обозначим $r = Xw - y$.', lambda: all(
            abs(_dir(lambda v: np.sum((X @ v - y) ** 2), w, dw) - 2 * (X @ w - y) @ X @ dw) < 1e-6
            and near(grad(lambda v: np.sum((X @ v - y) ** 2), w), 2 * X.T @ (X @ w - y))
            for X, w, y, dw in [(rand(5, 3), rand(3), rand(5), rand(3))]), '2 2 2'),
        ('Если же дифференцировать по $X$', lambda: all(
            abs(_dir(lambda Z: np.sum((Z @ w - y) ** 2), X, H) - np.trace(2 * np.outer(w, X @ w - y) @ H)) < 1e-6
            and near(grad(lambda Z: np.sum((Z @ w - y) ** 2), X), 2 * np.outer(X @ w - y, w))
            for X, w, y, H in [(rand(5, 3), rand(3), rand(5), rand(5, 3))]), '2 2 2'),
        ('## Пример 3. $f(X) = \\ln\\det', lambda: ex3_form(), '3'),
        ('$$df = \\operatorname{tr}\\big((X^\\top X)^{-1} d(X^\\top X)\\big)', ex3_form, '-1 -1 2 -1'),
        ('Два слагаемых равны', ex3_form, '-1 2 -1'),
        ('$$\\nabla_X \\ln\\det(X^\\top X) = 2X(X^\\top X)^{-1}.$$', ex3_form, '2 -1'),
        ('$X = \\begin{pmatrix} 1 & 0 \\\\ 0 & 1 \\\\ 1 & 1 \\end{pmatrix}$.', lambda: EV(['1', '0', '0', '1', '1', '1'], X0)
            and EV(['2', '1', '1', '2'], X0.T @ X0) and E('3', round(np.linalg.det(X0.T @ X0), 9)) and E('3', 3) and C('1.0986', f3(X0))),
        ('$$\\nabla_X f = \\frac{2}{3}\\begin{pmatrix}', lambda: E('2', 2) and E('3', 3) and EV(['2', '-1', '-1', '2', '1', '1'], (1.5 * G3).round(5))
            and CV(['1.3333', '-0.6667', '-0.6667', '1.3333', '0.6667', '0.6667'], G3)),
        ('Проверка: если заменить $x_{11} = 1$', lambda: E('1', X0[0, 0]) and E('1.01', Xp[0, 0]) and C('1.0986', f3(X0)) and C('1.1119', f3(Xp))
            and C('0.0133', f3(Xp) - f3(X0), 1.1119 - 1.0986) and E('0.01', 0.01) and C('1.3333', G3[0, 0]) and abs(0.01 * 1.3333 - 0.0133) < 0.00005),
        ('$\\ell(w) = -\\sum_{i=1}^{N}', GIVEN, '-1 1 1'),
        ('$$d\\ell = -\\big(\\mathbf{1} - \\sigma(s)\\big)^\\top ds', logistic, '1 1 1'),
        ('так что $\\nabla_w \\ell = -X^\\top', logistic, '1'),
        ('**Домашнее задание.**', lambda: all(
            near(grad(lambda Z: np.trace(Z.T @ A @ Z), X), (A + A.T) @ X) and
            near(grad(lambda Z: np.trace(A @ inv(Z)), X), -inv(X).T @ A.T @ inv(X).T, 1e-5)
            for A, X in [(rand(3, 3), rand_inv(3)) for _ in range(3)]), '-1'),
    ]

# ======================================================================= 08
@register('08_pearlmutter_hvp.md')
def f08():
    f = lambda x: x[0] ** 3 + x[0] * x[1] ** 2
    gf = lambda x: np.array([3 * x[0] ** 2 + x[1] ** 2, 2 * x[0] * x[1]])
    x = np.array([1.0, 2]); v = np.array([1.0, -1])
    H = np.array([[grad(lambda z: grad(f, z, 1e-4)[i], x, 1e-4)[j] for j in range(2)] for i in range(2)]).round(6)
    Hv_true = fd(lambda r: gf(x + r * v), 0.0)
    R = lambda g, xx, vv: fd(lambda r: g(xx + r * vv), 0.0)
    def pearl():
        ok = True
        for _ in range(3):
            A = rand(4, 4); xx = rand(4); vv = rand(4)
            F = lambda z: np.sum(np.tanh(A @ z)) + 0.5 * z @ A @ z
            Hn = np.stack([grad(lambda z: grad(F, z, 1e-4)[i], xx, 1e-4) for i in range(4)])
            ok &= near(R(lambda z: grad(F, z, 1e-5), xx, vv), Hn @ vv, 1e-4)
        return ok
    def rrules():
        ok = True
        xx, vv = rand(3), rand(3); c = rand(3)
        a = lambda z: np.sin(z[0]) * z[1]; b = lambda z: z[2] ** 2 + z[0]
        ok &= abs(R(lambda z: c[0], xx, vv)) < 1e-12 and near(R(lambda z: z, xx, vv), vv)
        ok &= abs(R(lambda z: a(z) + b(z), xx, vv) - (R(a, xx, vv) + R(b, xx, vv))) < 1e-6
        ok &= abs(R(lambda z: a(z) * b(z), xx, vv) - (R(a, xx, vv) * b(xx) + a(xx) * R(b, xx, vv))) < 1e-6
        ok &= abs(R(lambda z: np.tanh(a(z)), xx, vv) - (1 - np.tanh(a(xx)) ** 2) * R(a, xx, vv)) < 1e-6
        return ok
    # logistic regression
    def logreg():
        ok = True
        for _ in range(3):
            X = rand(6, 3); y = np.where(rand(6) > 0, 1.0, -1.0); w = rand(3); vv = rand(3)
            F = lambda u: np.sum(np.log1p(np.exp(-y * (X @ u))))
            z = X @ w; Dd = np.diag(sig(z) * (1 - sig(z)))
            Hn = np.stack([grad(lambda u: grad(F, u, 1e-4)[i], w, 1e-4) for i in range(3)])
            ok &= near(Hn, X.T @ Dd @ X, 1e-5) and near(X.T @ (np.diag(Dd) * (X @ vv)), X.T @ Dd @ X @ vv)
        return ok
    gp, gm = gf(x + 0.1 * v), gf(x - 0.1 * v)
    return [
        ('Newton-CG, Lanczos estimates', lambda: E('2', 2) and E('2', 2) and E('10', 10) and E('7', 7) and E('10', 10) and E('14', np.log10((10.0 ** 7) ** 2))),
        ('Pearlmutter (1994) observed', GIVEN, '1994'),
        ('$$Hv = \\frac{\\partial}{\\partial r}', pearl),
        ('The operator $\\mathcal{R}_v\\{g(x)\\}', lambda: rrules() and E('0', 0)),
        ('Take $f(x) = x_1^3 + x_1 x_2^2$', lambda: E('3', 3) and E('2', 2) and EV(['1', '2'], x) and EV(['1', '-1'], v)),
        ('$$\\nabla f(x) = \\begin{pmatrix} 3x_1^2', lambda: all(near(grad(f, z), gf(z)) for z in rand(3, 2))
            and E('3', 3) and E('2', 2) and E('2', 2) and E('2', 2) and EV(['7', '4'], gf(x))),
        ('Apply $\\mathcal{R}_v$ to each component', lambda: E('1', R(lambda z: z[0], x, v)) and E('-1', R(lambda z: z[1], x, v))),
        ('- $\\mathcal{R}\\{3x_1^2 + x_2^2\\}', lambda: E('3', 3) and E('2', 2) and E('2', 2) and E('6', 6) and E('2', 2)
            and abs(R(lambda z: gf(z)[0], x, v) - (6 * x[0] * v[0] + 2 * x[1] * v[1])) < 1e-6
            and E('6', 6 * x[0] * v[0]) and E('4', -2 * x[1] * v[1]) and E('2', R(lambda z: gf(z)[0], x, v))),
        ('- $\\mathcal{R}\\{2x_1x_2\\}', lambda: E('2', 2) and E('2', 2)
            and abs(R(lambda z: gf(z)[1], x, v) - 2 * (v[0] * x[1] + x[0] * v[1])) < 1e-6
            and E('2', 2) and E('2', v[0] * x[1]) and E('1', -x[0] * v[1]) and E('2', R(lambda z: gf(z)[1], x, v))),
        ('so $Hv = (2, 2)$', lambda: EV(['2', '2'], Hv_true)),
        ('$$H = \\begin{pmatrix} 6x_1 & 2x_2', lambda: all(near(np.stack([grad(lambda u: grad(f, u, 1e-4)[i], z, 1e-4) for i in range(2)]),
            [[6 * z[0], 2 * z[1]], [2 * z[1], 2 * z[0]]], 1e-5) for z in rand(3, 2))
            and EV(['6', '2', '2', '2'], [6, 2, 2, 2]) and EV(['6', '4', '4', '2'], H.round(5))
            and E('6', H[0, 0] * v[0]) and E('4', -H[0, 1] * v[1]) and E('4', H[1, 0] * v[0]) and E('2', -H[1, 1] * v[1])
            and EV(['2', '2'], (H @ v).round(5))),
        ('You can also difference two gradients', lambda: E('2', 2) and E('0.1', 0.1) and EV(['1.1', '1.9'], x + 0.1 * v)
            and CV(['7.24', '4.18'], gp) and EV(['0.9', '2.1'], x - 0.1 * v) and CV(['6.84', '3.78'], gm)
            and CV(['0.4', '0.4'], gp - gm) and E('0.2', 0.2) and CV(['2', '2'], (gp - gm) / 0.2) and near((gp - gm) / 0.2, Hv_true)
            and E('2', 2)
            and (lambda xx, vv: all(abs(np.max(np.abs((grad(lambda z: np.sum(np.sin(z)), xx + e * vv) - grad(lambda z: np.sum(np.sin(z)), xx - e * vv)) / (2 * e)
                 - (-np.sin(xx) * vv))) / e ** 2 - 0) < 1.0 for e in (0.1, 0.05)))(rand(3), rand(3))),
        ('## Where it pays off: logistic regression', lambda: True),
        ('For $f(w) = \\sum_{i=1}^{N}', lambda: logreg() and EV(['-1', '1'], [-1, 1])
            and E('10', 10) and E('5', 5) and E('10', 10) and E('3', 3) and E('2', 2) and E('10', 10) and E('11', np.log10(1e5 * 1e3 ** 2))
            and E('2', 2) and E('2', 2) and E('10', 10) and E('8', np.log10(2 * 1e5 * 1e3 / 2)), '1 1'),
    ]

# ======================================================================= 09
@register('09_gauss_newton_ja.md')
def f09():
    t = np.array([0.0, 1, 2]); y = np.array([1.0, 2, 3])
    r = lambda a: np.exp(a * t) - y
    f = lambda a: 0.5 * np.sum(r(a) ** 2)
    Jf = lambda a: t * np.exp(a * t)
    a0 = 0.5; m0 = np.exp(a0 * t); r0 = r(a0); J0 = Jf(a0)
    Jr, rr = np.round(J0, 4), np.round(r0, 4)
    JTJ = J0 @ J0; JTr = J0 @ r0
    da = -JTr / JTJ; a1 = a0 + da                      # the true Gauss-Newton step
    S2 = np.sum(r0 * t ** 2 * np.exp(a0 * t))
    Htrue = fd(lambda a: fd(f, a, 1e-4), a0, 1e-4)
    def general():
        ok = True
        for _ in range(3):
            A = rand(5, 2); th = rand(2)
            R_ = lambda p: np.sin(A @ p) + (A @ p) ** 2 - 0.3
            F = lambda p: 0.5 * np.sum(R_(p) ** 2)
            J = np.stack([grad(lambda p: R_(p)[i], th) for i in range(5)])
            H = np.stack([grad(lambda p: grad(F, p, 1e-4)[i], th, 1e-4) for i in range(2)])
            Hr = sum(R_(th)[i] * np.stack([grad(lambda p: grad(lambda q: R_(q)[i], p, 1e-4)[k], th, 1e-4) for k in range(2)]) for i in range(5))
            ok &= near(grad(F, th), J.T @ R_(th)) and near(H, J.T @ J + Hr, 1e-4)
            ok &= np.all(np.linalg.eigvalsh(J.T @ J) >= -1e-12)
        return ok
    def zero_resid():
        # GN approximation exact when residuals vanish; gap is the dropped term otherwise
        A = rand(4, 2); th = rand(2); R_ = lambda p: np.tanh(A @ p) - np.tanh(A @ th)
        F = lambda p: 0.5 * np.sum(R_(p) ** 2)
        J = np.stack([grad(lambda p: R_(p)[i], th) for i in range(4)])
        H = np.stack([grad(lambda p: grad(F, p, 1e-4)[i], th, 1e-4) for i in range(2)])
        return near(H, J.T @ J, 1e-5)
    def gn_descent():
        ok = True
        for _ in range(3):
            A = rand(5, 2); th = rand(2); R_ = lambda p: np.sin(A @ p) + p.sum() - 1.0
            J = np.stack([grad(lambda p: R_(p)[i], th) for i in range(5)])
            d = np.linalg.solve(J.T @ J, -J.T @ R_(th)); lam = 0.7
            dl = np.linalg.solve(J.T @ J + lam * np.eye(2), -J.T @ R_(th))
            ok &= (J.T @ R_(th)) @ d < 0 and (J.T @ R_(th)) @ dl < 0
        return ok
    a1_next = a1 - (Jf(a1) @ r(a1)) / (Jf(a1) @ Jf(a1))
    return [
        ('パラメータ $\\theta \\in \\mathbb{R}^p$', GIVEN),
        ('$$f(\\theta) = \\frac{1}{2}\\lVert', GIVEN, '1 2 2 1 2 2'),
        ('とする．残差のヤコビ行列を', GIVEN),
        ('$$\\nabla f(\\theta) = J^\\top r, \\qquad \\nabla^2 f', general, '2 2'),
        ('$$\\nabla^2 f(\\theta) \\approx J^\\top J$$', lambda: zero_resid(), '2'),
        ('とする．残差が小さいとき', lambda: zero_resid() and general()),
        ('$$J^\\top J\\, \\Delta\\theta = -J^\\top r', gn_descent),
        ('（$J^\\top J$ が特異に近いときは', gn_descent),
        ('モデル $y \\approx e^{a t}$ をデータ', lambda: EV(['0', '1', '2'], t) and EV(['1.0', '2.0', '3.0'], y) and E('1', 1) and E('3', t.size)
            and all(abs(fd(lambda a: r(a)[i], a) - Jf(a)[i]) < 1e-6 for i in range(3) for a in rand(2)) and E('0.5', a0) and E('1', 1), '4'),
        ('- モデル値：', lambda: CV(['1', '1.6487', '2.7183'], m0)),
        ('- 残差：$r = (0', lambda: CV(['0', '-0.3513', '-0.2817'], r0) and E('1', 1) and E('2', 2)
            and CV(['0', '0.1234', '0.0794'], r0 ** 2) and C('0.1014', f(a0), 0.5 * (0.1234 + 0.0794))),
        ('- ヤコビ：', lambda: CV(['0', '1.6487', '5.4366'], J0)),
        ('- 勾配：', lambda: C('1.6487', J0[1]) and C('-0.3513', r0[1]) and C('5.4366', J0[2]) and C('-0.2817', r0[2])
            and C('-0.5792', J0[1] * r0[1], Jr[1] * rr[1]) and C('1.5315', -J0[2] * r0[2], -Jr[2] * rr[2])
            and C('-2.1107', JTr, -0.5792 - 1.5315) and near(grad(f, a0), JTr)),
        ('- 近似ヘッセ：', lambda: C('1.6487', J0[1]) and E('2', 2) and C('5.4366', J0[2]) and E('2', 2)
            and C('2.7182', J0[1] ** 2, Jr[1] ** 2) and C('29.5566', J0[2] ** 2, Jr[2] ** 2) and C('31.2748', JTJ, 2.7182 + 29.5566)),
        ('- ステップ：', lambda: C('2.1107', -JTr) and C('31.2748', JTJ) and C('0.0675', da, 2.1107 / 32.2748) and C('0.5675', a1, 0.5 + 0.0654)),
        ('$a_1$ での目的関数値は', lambda: CV(['1', '1.7639', '3.1112'], np.exp(a1 * t)) and CV(['0', '-0.2361', '0.1112'], r(a1))
            and C('0.0341', f(a1)) and C('0.1014', f(a0)) and f(a1) < f(a0)),
        ('**参考（捨てた項の大きさ）．**', lambda: all(abs(fd(lambda a: fd(lambda b: r(b)[i], a, 1e-4), 0.3, 1e-4) - t[i] ** 2 * np.exp(0.3 * t[i])) < 1e-5 for i in range(3)), '2 2'),
        ('$$\\sum_i r_i \\nabla^2 r_i', lambda: E('2', 2) and C('-0.3513', r0[1]) and C('1.6487', t[1] ** 2 * m0[1]) and C('-0.2817', r0[2])
            and E('4', t[2] ** 2) and C('2.7183', m0[2]) and C('-0.5792', r0[1] * m0[1], rr[1] * 1.6487)
            and C('3.0630', -r0[2] * 4 * m0[2], -rr[2] * 4 * 2.7183) and C('-3.6422', S2, -0.5792 - 3.0630)),
        ('真のヘッセは', lambda: C('31.2748', JTJ) and C('3.6422', -S2) and C('27.6326', Htrue, JTJ + S2, 31.2748 - 3.6422)
            and E('3', y[2]) and E('1', 1) and 0.10 < (JTJ - Htrue) / Htrue < 0.15),
        ('**演習．** $a_1$ から出発して', lambda: E('1', 1) and f(a1_next) < f(a1)),
    ]

# ======================================================================= 10
@register('10_punto_fijo_implicito_es.md', comma=True)
def f10():
    def fixed(w, x, z0=0.0, K=300):
        z = z0
        for _ in range(K):
            z = np.tanh(w * z + x)
        return z
    w, x = 0.5, 0.3
    its = [0.0]
    for _ in range(6):
        its.append(np.tanh(w * its[-1] + x))
    zs = fixed(w, x); s = 1 - zs ** 2
    dzdx = fd(lambda t: fixed(w, t), x); dzdw = fd(lambda t: fixed(t, x), w)
    def vec_fixed(W, xx, K=400):
        z = np.zeros(len(xx))
        for _ in range(K):
            z = np.tanh(W @ z + xx)
        return z
    def mkW(d=3):
        W = rand(d, d); return 0.8 * W / np.linalg.norm(W, 2)
    def ift_general():
        ok = True
        for _ in range(3):
            W = mkW(); xx = rand(3); z = vec_fixed(W, xx); Dd = np.diag(1 - z ** 2)
            dfdz = jac(lambda q: np.tanh(W @ q + xx), z); dfdx = jac(lambda q: np.tanh(W @ z + q), xx)
            ok &= near(jac(lambda q: vec_fixed(W, q), xx), np.linalg.solve(np.eye(3) - dfdz, dfdx), 1e-5)
            ok &= near(dfdz, Dd @ W) and near(dfdx, Dd)
        return ok
    def backward():
        ok = True
        for _ in range(3):
            W = mkW(); xx = rand(3); g = rand(3); z = vec_fixed(W, xx); Dd = np.diag(1 - z ** 2)
            L = lambda q: g @ vec_fixed(W, q); LW = lambda V: g @ vec_fixed(V, xx)
            u = np.linalg.solve(np.eye(3) - W.T @ Dd, g)
            ok &= near(grad(L, xx), Dd @ u, 1e-5) and near(grad(LW, W), np.outer(Dd @ u, z), 1e-5)
            uu = np.zeros(3)
            for _ in range(300):
                uu = (Dd @ W).T @ uu + g
            ok &= near(uu, u)
        return ok
    def contraction():
        ok = True
        for _ in range(3):
            W = mkW(); xx = rand(3); a, b = rand(3), rand(3)
            T = lambda q: np.tanh(W @ q + xx)
            ok &= np.linalg.norm(T(a) - T(b)) <= np.linalg.norm(W, 2) * np.linalg.norm(a - b) + 1e-12
            z1, z2 = vec_fixed(W, xx), vec_fixed(W, xx, K=401)
            ok &= near(z1, z2) and abs(np.linalg.det(np.eye(3) - np.diag(1 - z1 ** 2) @ W)) > 1e-3
        return ok
    return [
        ('Sea $f(z, \\theta)$ una aplicación', GIVEN),
        ('$$z^\\star = f(z^\\star, \\theta),$$', GIVEN),
        ('que en la práctica se obtiene iterando', GIVEN),
        ('Definimos $F(z, \\theta) = z - f(z, \\theta)$', lambda: abs(zs - fixed(w, x)) < 1e-15 and E('0', zs - np.tanh(w * zs + x))),
        ('$$\\Big(I - \\frac{\\partial f}{\\partial z}\\Big)\\frac{\\partial z^\\star}', ift_general, '0 -1'),
        ('con todas las derivadas evaluadas', ift_general),
        ('**Paso hacia atrás.**', GIVEN),
        ('$$\\Big(I - \\frac{\\partial f}{\\partial z}\\Big)^{\\!\\top} u = \\bar g', backward),
        ('El sistema se puede resolver a su vez', backward),
        ('Tomamos $f(z; w, x) = \\tanh(wz + x)$', lambda: E('0.5', w) and E('0.3', x) and E('0', its[0])),
        ('$$z_1 = 0{,}2913', lambda: CV(['0.2913', '0.4183', '0.4693', '0.4889', '0.4964', '0.4992'], its[1:])),
        ('y convergen a $z^\\star \\approx 0{,}5008$', lambda: C('0.5008', zs)),
        ('Con $s = 1 - (z^\\star)^2$', lambda: E('1', 1) and E('2', 2) and abs(fd(lambda z: np.tanh(w * z + x), zs) - w * s) < 1e-7
            and abs(fd(lambda t: np.tanh(w * zs + t), x) - s) < 1e-7 and abs(fd(lambda t: np.tanh(t * zs + x), w) - s * zs) < 1e-7),
        ('$$\\frac{\\partial z^\\star}{\\partial x} = \\frac{s}{1 - ws}', lambda: E('1', 1) and E('1', 1)
            and abs(dzdx - s / (1 - w * s)) < 1e-6 and abs(dzdw - s * zs / (1 - w * s)) < 1e-6
            and all(abs(fd(lambda t: fixed(ww, t), xx) - (1 - fixed(ww, xx) ** 2) / (1 - ww * (1 - fixed(ww, xx) ** 2))) < 1e-6
                    for ww, xx in [(0.3, -0.4), (-0.6, 0.9)])),
        ('- $s = 1 - 0{,}5008^2', lambda: E('1', 1) and C('0.5008', zs) and E('2', 2) and C('0.7492', s, 1 - 0.5008 ** 2)),
        ('- $1 - ws = 1 - 0{,}5', lambda: E('1', 1) and E('1', 1) and E('0.5', w) and C('0.7492', s) and C('0.6254', 1 - w * s, 1 - 0.5 * 0.7492)),
        ('- $\\partial z^\\star/\\partial x = 0{,}7492', lambda: C('0.7492', s) and C('0.6254', 1 - w * s) and C('1.1979', dzdx, 0.7492 / 0.6254)),
        ('- $\\partial z^\\star/\\partial w = 0{,}7492', lambda: C('0.7492', s) and C('0.5008', zs) and C('0.6254', 1 - w * s)
            and C('0.5999', dzdw, 0.7492 * 0.5008 / 0.6254)),
        ('*Comprobación.* Repitiendo', lambda: E('0.3', x) and E('10', 10) and E('-4', -4)
            and C('1.1979', (fixed(w, x + 1e-4) - fixed(w, x - 1e-4)) / 2e-4) and abs(fixed(w, x, z0=-0.9) - zs) < 1e-12),
        ('## 6.3 Caso vectorial', GIVEN, '6.3'),
        ('Para $z^\\star = \\tanh(Wz^\\star + x)$', lambda: ift_general() and E('1', 1)),
        ('$$(I - W^\\top D)\\,u = \\bar g', backward),
        ('**Observación.** Si $\\lVert W \\rVert_2 < 1$', lambda: contraction() and E('1', 1) and E('1', 1)
            and np.max(np.abs(1 - np.tanh(np.linspace(-5, 5, 1001)) ** 2)) <= 1 and C('0.37', w * s)
            and abs((its[6] - zs) / (its[5] - zs) - w * s) < 0.02),
    ]

# ======================================================================= 11
@register('11_uklad_liniowy_pl.md', comma=True)
def f11():
    inv = np.linalg.inv
    A = np.array([[2.0, 1], [0, 4]]); b = np.array([3.0, 8]); t = np.array([0.0, 1])
    x = np.linalg.solve(A, b); g = x - t
    Lb = lambda bb: 0.5 * np.sum((np.linalg.solve(A, bb) - t) ** 2)
    LA = lambda AA: 0.5 * np.sum((np.linalg.solve(AA, b) - t) ** 2)
    dLdb = grad(Lb, b); dLdA = grad(LA, A)
    lam_car = np.linalg.solve(A, g)                         # the author's lambda (carried)
    def dx_rule():
        ok = True
        for _ in range(3):
            AA = rand_inv(3); bb = rand(3); dA = rand(3, 3); db = rand(3)
            xx = np.linalg.solve(AA, bb)
            d = (np.linalg.solve(AA + 1e-6 * dA, bb + 1e-6 * db) - np.linalg.solve(AA - 1e-6 * dA, bb - 1e-6 * db)) / 2e-6
            ok &= near(dA @ xx + AA @ d, db, 1e-6) and near(d, inv(AA) @ (db - dA @ xx), 1e-6)
        return ok
    def adjoint_general(lam_rule):
        ok = True
        for _ in range(3):
            AA = rand_inv(3); bb = rand(3); tt = rand(3)
            L_ = lambda M, v: 0.5 * np.sum((np.linalg.solve(M, v) - tt) ** 2)
            xx = np.linalg.solve(AA, bb); gg = xx - tt; lam = lam_rule(AA, gg)
            ok &= near(grad(lambda v: L_(AA, v), bb), lam, 1e-5) and near(grad(lambda M: L_(M, bb), AA), -np.outer(lam, xx), 1e-5)
        return ok
    car = lambda AA, gg: np.linalg.solve(AA, gg)
    def dL_line():
        ok = True
        for _ in range(3):
            AA = rand_inv(3); bb = rand(3); tt = rand(3); dA = rand(3, 3); db = rand(3)
            L_ = lambda s: 0.5 * np.sum((np.linalg.solve(AA + s * dA, bb + s * db) - tt) ** 2)
            xx = np.linalg.solve(AA, bb); lam = car(AA, xx - tt)
            ok &= abs(fd(L_, 0.0) - (lam @ db - np.trace(np.outer(xx, lam) @ dA))) < 1e-6
        return ok
    return [
        ('# Ćwiczenia 8', GIVEN, '8'),
        ('**Zadanie.** Niech', GIVEN),
        ('**Rozwiązanie.** Różniczkujemy', lambda: dx_rule()),
        ('$$dA\\,x + A\\,dx = db', dx_rule, '-1'),
        ('$$dL = g^\\top dx = g^\\top A^{-1}', lambda: all(abs(fd(lambda s: 0.5 * np.sum((np.linalg.solve(AA + s * dA, bb + s * db) - tt) ** 2), 0.0)
            - (np.linalg.solve(AA, bb) - tt) @ inv(AA) @ (db - dA @ np.linalg.solve(AA, bb))) < 1e-6
            for AA, bb, tt, dA, db in [(rand_inv(3), rand(3), rand(3), rand(3, 3), rand(3)) for _ in range(3)]), '-1'),
        ('Wektor $g^\\top A^{-1}$ pojawia się', lambda: all(near(gg @ inv(AA), car(AA, gg)) for AA, gg in [(rand_inv(3), rand(3)) for _ in range(3)]),
            '-1 -1 -1'),
        ('$$dL = \\lambda^\\top db - \\lambda^\\top dA\\,x', dL_line),
        ('$$\\frac{\\partial L}{\\partial b} = \\lambda, \\qquad', lambda: adjoint_general(car)),
        ('Zauważmy, że $\\partial L/\\partial A$ jest macierzą rzędu', lambda: E('1', np.linalg.matrix_rank(-np.outer(car(A, g), x)))
            and E('2', 2) and E('3', 3) and E('3', 3) and E('2', 2)
            and np.linalg.matrix_rank(grad(LA, A), tol=1e-6) == 1),
        ('$$A = \\begin{pmatrix} 2 & 1 \\\\ 0 & 4', lambda: EV(['2', '1', '0', '4'], A) and EV(['3', '8'], b) and E('1', 1) and E('2', 2)
            and E('2', 2) and EV(['0', '1'], t)),
        ('1. Rozwiązanie (podstawianie wstecz)', lambda: E('4', A[1, 1]) and E('8', b[1]) and E('2', x[1]) and E('2', A[0, 0])
            and E('2', A[0, 1] * x[1]) and E('3', b[0]) and E('0.5', x[0]) and EV(['0.5', '2'], x)),
        ('2. Gradient straty', lambda: near(grad(lambda v: 0.5 * np.sum((v - t) ** 2), x), g) and EV(['0.5', '1'], g) and E('1', 1) and E('2', 2)
            and E('0.25', g[0] ** 2) and E('1', g[1] ** 2) and E('0.625', Lb(b))),
        ('3. Układ dla $\\lambda$', lambda: E('4', A[1, 1]) and E('1', g[1]) and E('0.25', dLdb[1]) and E('2', 2) and E('0.25', 0.25)
            and E('0.5', g[0]) and E('0.125', dLdb[0])),
        ('4. $\\partial L/\\partial b = \\lambda', lambda: CV(['0.125', '0.25'], dLdb)),
        ('5. $\\partial L/\\partial A = -\\lambda x^\\top', lambda: near(dLdA, -np.outer(lam_car, x)) and E('0.125', lam_car[0]) and E('0.5', x[0])
            and E('0.125', lam_car[0]) and E('2', x[1]) and E('0.25', lam_car[1]) and E('0.5', x[0]) and E('0.25', lam_car[1]) and E('2', x[1])
            and CV(['-0.0625', '-0.25', '-0.125', '-0.5'], dLdA)),
        ('**Interpretacja.** Największy co do modułu', lambda: np.unravel_index(np.argmax(np.abs(dLdA)), (2, 2)) == (1, 1)
            and EV(['2', '2'], [2, 2]) and E('4', A[1, 1]) and E('8', b[1]) and dLdA[1, 1] < 0 and E('1', t[1])),
        ('**Uwaga praktyczna.**', lambda: adjoint_general(lambda AA, gg: np.linalg.solve(AA.T, gg))),
    ]

# ======================================================================= 12
@register('12_logdet_inversa_it.md', comma=True)
def f12():
    inv = np.linalg.inv; det = np.linalg.det
    X = np.array([[3.0, 1], [2, 2]]); Xi = inv(X)
    lad = lambda Z: np.log(abs(det(Z)))
    def prop1():
        ok = True
        for _ in range(4):
            Z = rand(3, 3)
            if abs(det(Z)) < 0.2:
                continue
            ok &= near(grad(lad, Z), inv(Z).T, 1e-5)
        Zneg = np.array([[0.0, 1, 0], [1, 0, 0], [0, 0, 2]]) + 0.1 * rand(3, 3)
        ok &= det(Zneg) < 0 and near(grad(lad, Zneg), inv(Zneg).T, 1e-5)
        return ok
    def cof():
        Z = rand(3, 3); C = np.zeros((3, 3))
        for i in range(3):
            for j in range(3):
                C[i, j] = (-1) ** (i + j) * det(np.delete(np.delete(Z, i, 0), j, 1))
        ok = all(abs(det(Z) - sum(Z[i, j] * C[i, j] for j in range(3))) < 1e-9 for i in range(3))
        ok &= near(grad(det, Z), C) and near(inv(Z), C.T / det(Z)) and near(C, det(Z) * inv(Z).T)
        return ok
    def spd():
        M = rand(3, 3); S = M @ M.T + np.eye(3)
        return near(grad(lambda Z: np.log(det(Z)), S), inv(S), 1e-5)
    def inv_rule():
        ok = True
        for _ in range(3):
            Z = rand_inv(3); Zi = inv(Z)
            for i in range(3):
                for j in range(3):
                    Eij = np.zeros((3, 3)); Eij[i, j] = 1
                    d = _dir(inv, Z, Eij)
                    ok &= near(d, -Zi @ Eij @ Zi, 1e-5) and near(d, -np.outer(Zi[:, i], Zi[j, :]), 1e-5)
                    ok &= near(Eij @ Zi + Z @ d, np.zeros((3, 3)), 1e-5)
        return ok
    Xp = X.copy(); Xp[0, 1] = 1.01
    g11 = fd(lambda t: inv(np.array([[3.0, 1], [2, t]]))[0, 0], 2.0)
    def mle():
        R = np.random.default_rng(3); N = 50; mu = np.array([0.5, -1.0])
        xs = R.standard_normal((N, 2)) @ np.array([[1.0, 0.3], [0, 0.8]]) + mu
        S = (xs - mu).T @ (xs - mu)
        ell = lambda Sg: -N / 2 * np.log(det(Sg)) - 0.5 * np.trace(inv(Sg) @ S)
        Sg = np.array([[1.5, 0.2], [0.2, 0.9]])
        q = lambda Sg_: np.sum([(x - mu) @ inv(Sg_) @ (x - mu) for x in xs])
        ok = abs(q(Sg) - np.trace(inv(Sg) @ S)) < 1e-9
        ok &= near(grad(lambda Z: np.trace(inv(Z) @ S), Sg), -inv(Sg) @ S @ inv(Sg), 1e-4)
        ok &= near(grad(ell, Sg), -N / 2 * inv(Sg) + 0.5 * inv(Sg) @ S @ inv(Sg), 1e-4)
        ok &= near(grad(ell, S / N), np.zeros((2, 2)), 1e-4)
        return ok
    return [
        ('In tutta la sezione $X = (x_{ij})', GIVEN),
        ('**Proposizione 1.**', prop1, '1'),
        ('*Dimostrazione.* Sviluppando', cof, '-1'),
        ('$$\\frac{\\partial \\log\\lvert\\det X\\rvert}{\\partial x_{ij}}', lambda: cof() and prop1(), '1'),
        ('(Il valore assoluto permette', lambda: prop1() and E('0', 0)),
        ('Se $X = \\Sigma$ è simmetrica', spd, '-1'),
        ('Derivando $X X^{-1} = I$', lambda: inv_rule() and E('1', 1), '-1 -1 -1 0'),
        ('$$\\frac{\\partial X^{-1}}{\\partial x_{ij}} = -X^{-1}E_{ij}X^{-1}', inv_rule, '-1 -1 -1 -1 -1 -1'),
        ('Sia $X = \\begin{pmatrix} 3 & 1', lambda: EV(['3', '1', '2', '2'], X) and E('6', X[0, 0] * X[1, 1]) and E('2', X[0, 1] * X[1, 0])
            and E('4', round(det(X), 9))),
        ('$$X^{-1} = \\frac14\\begin{pmatrix}', lambda: E('1', 1) and E('4', round(det(X), 9)) and EV(['2', '-1', '-2', '3'], (4 * Xi).round(9))
            and EV(['0.5', '-0.25', '-0.5', '0.75'], Xi.round(9)) and EV(['0.5', '-0.5', '-0.25', '0.75'], Xi.T.round(9)), '-1'),
        ("- *Verifica della Proposizione 1 sull'elemento", lambda: E('1', 1) and EV(['1', '2'], [1, 2]) and E('1', X[0, 1]) and E('1.01', Xp[0, 1])
            and E('6', 6) and E('2.02', Xp[0, 1] * Xp[1, 0]) and E('3.98', round(det(Xp), 9)) and E('3.98', 3.98) and E('4', 4) and E('0.01', 0.01)
            and C('-0.5013', (lad(Xp) - lad(X)) / 0.01) and abs(grad(lad, X)[0, 1] - Xi.T[0, 1]) < 1e-8 and E('-0.5', Xi.T[0, 1])),
        ("- *Verifica della formula dell'inversa.*", lambda: E('-0.25', Xi[0, 1]) and E('-0.5', Xi[1, 0]) and E('-0.125', -Xi[0, 1] * Xi[1, 0])
            and abs(g11 + 0.125) < 1e-8 and all(abs(fd(lambda t: t / (3 * t - 2), s) - (-2 / (3 * s - 2) ** 2)) < 1e-6 for s in (1.5, 2.0, 4.0))
            and all(abs(inv(np.array([[3.0, 1], [2, s]]))[0, 0] - s / (3 * s - 2)) < 1e-12 for s in (1.5, 2.0))
            and E('3', 3) and E('2', 2) and E('-2', -2) and E('3', 3) and E('2', 2) and E('2', 2) and E('-2', -2) and E('16', (3 * 2 - 2) ** 2)
            and E('-0.125', g11.round(8)), '-1 -1 -1 -1'),
        ('Per $x_1, \\dots, x_N$ i.i.d.', GIVEN),
        ('$$\\ell(\\Sigma) = -\\frac{N}{2}', mle, '2 1 2 -1'),
        ('Usando la Proposizione 1 e', mle, '1 -1 -1 -1 2'),
        ('$$\\frac{\\partial \\ell}{\\partial \\Sigma} = -\\frac{N}{2}', mle, '2 -1 1 2 -1 -1 0'),
    ]

# ======================================================================= 13
def MAG(shown, val, factor=3.0):
    """round-off dominated quantity: shown agrees with the recomputed value within a factor"""
    _LITS.append(shown)
    v, _ = _num(shown)
    return v > 0 and val > 0 and 1 / factor <= v / val <= factor

def SCI(mant, expo, val, mag=False):
    """printed a.be-XX: mantissa and exponent token registered separately"""
    shown = f'{mant}e{expo}'
    _LITS.append(mant); _LITS.append(expo.lstrip('+-'))
    v, t = _num(shown)
    return (1 / 3 <= v / val <= 3) if mag else abs(v - val) <= t

@register('13_gradcheck_notebook.md')
def f13():
    import io, contextlib
    text = open(os.path.join(D, '13_gradcheck_notebook.md'), encoding='utf-8').read()
    cells = re.findall(r'```python\n(.*?)```', text, re.S)
    ns = {}
    outs = []
    for c in cells:
        buf = io.StringIO()
        with contextlib.redirect_stdout(buf):
            exec(c, ns)
        outs.append(buf.getvalue().splitlines())
    Xn, Yn, Wn, N = ns['X'], ns['Y'], ns['W'], ns['N']
    f = lambda W: 0.5 / N * np.sum((np.tanh(Xn @ W) - Yn) ** 2)
    Gtrue = grad(f, Wn)
    rel = lambda G1, G2: np.linalg.norm(G1 - G2) / np.linalg.norm(G1 + G2)
    Gbad = Xn.T @ ((np.tanh(Xn @ Wn) - Yn) / N)
    def formula():
        ok = True
        for _ in range(3):
            X, Y, W = rand(4, 3), rand(4, 2), rand(3, 2); n = 4
            F = lambda V: np.sum((np.tanh(X @ V) - Y) ** 2) / (2 * n)
            A = np.tanh(X @ W)
            ok &= near(grad(F, W), X.T @ ((A - Y) / n * (1 - A * A)))
        return ok
    def differentials():
        X, Y, W, H = rand(4, 3), rand(4, 2), rand(3, 2), rand(3, 2); n = 4
        A = np.tanh(X @ W); R = A - Y
        F = lambda V: np.sum((np.tanh(X @ V) - Y) ** 2) / (2 * n)
        dZ = X @ H; dA = _dir(lambda V: np.tanh(X @ V), W, H)
        return (abs(F(W) - np.trace(R.T @ R) / (2 * n)) < 1e-12 and near(dA, (1 - A * A) * dZ)
                and abs(_dir(F, W, H) - np.trace(R.T @ dA) / n) < 1e-7)
    def hadamard_trace():
        P, Q, S = rand(3, 4, 2)
        return abs(np.trace(P.T @ (Q * S)) - np.trace((P * Q).T @ S)) < 1e-12
    Gc = ns['grad_f'](Wn)
    sweep = {h: rel(Gc, ns['num_grad'](ns['f'], Wn, h)) for h in (1e-2, 1e-5, 1e-8, 1e-11)}
    errs = [sweep[h] for h in (1e-2, 1e-5, 1e-8, 1e-11)]
    return [
        ('We want the gradient of a one-layer', GIVEN),
        ('$$f(W) = \\frac{1}{2N}', GIVEN, '1 2 2'),
        ('**Derivation.** Write $Z = XW$', lambda: differentials(), '1 2'),
        ('$$df = \\frac{1}{N}\\operatorname{tr}(R^\\top dA)', differentials, '1 1'),
        ('With $\\operatorname{tr}\\big(P^\\top(Q\\odot S)\\big)', hadamard_trace),
        ('$$df = \\operatorname{tr}\\Big(\\big[\\tfrac{1}{N}', formula, '1 1 1 1'),
        ('Shape check: $X^\\top$ is', lambda: Gc.shape == Wn.shape and Xn.T.shape == (3, 5) and ((Xn @ Wn) - Yn).shape == (5, 2)),
        ('rng = np.random.default_rng(0)', GIVEN, '0'),
        ('N, D, M = 5, 3, 2', lambda: EV(['5', '3', '2'], [Xn.shape[0], Xn.shape[1], Yn.shape[1]])),
        ('dZ = (A - Y) / N * (1 - A**2)', lambda: near(Gc, Gtrue) and formula(), '1 2'),
        ('The check uses central differences', lambda: all(
            abs((f(Wn + h * E_) - f(Wn - h * E_)) / (2 * h) - Gtrue[1, 0]) < 50 * h ** 2
            for h in (1e-2, 3e-3) for E_ in [np.array([[0, 0], [1.0, 0], [0, 0]])]) and E('2', 2) and E('2', 2)),
        ('def num_grad(f, W, h=1e-5):', GIVEN, '1 5'),
        ('G[idx] = (f(W + E) - f(W - E)) / (2 * h)', lambda: E('2', 2) and near(ns['num_grad'](f, Wn), Gtrue, 1e-8)),
        ('print(f"f(W) = {f(W):.6f}")', lambda: outs[1][0].startswith('f(W) = ')),
        ('print(f"relative error = {rel:.1e}")', lambda: outs[1][1].startswith('relative error')),
        ('f(W) = 0.891656', lambda: C('0.891656', f(Wn)) and outs[1][0] == 'f(W) = 0.891656'),
        ('relative error = 8.9e-11', lambda: MAG('8.9e-11', rel(Gc, ns['num_grad'](ns['f'], Wn)))),
        ('Around $10^{-10}$ is what double precision', lambda: E('10', 10) and E('-10', -10) and 1e-11 < rel(Gc, ns['num_grad'](ns['f'], Wn)) < 1e-9
            and E('1', 1) and C('3.4', rel(Gbad, Gtrue) * 10) and E('10', 10) and E('-1', -1)),
        ('**In [3]:** (how the error depends', lambda: E('3', 3)),
        ('for h in [1e-2, 1e-5, 1e-8, 1e-11]:', GIVEN, '1 2 1 5 1 8 1 11'),
        ('print(f"h = {h:.0e}', lambda: len(outs[2]) == 4),
        ('h = 1e-02   rel. error', lambda: SCI('8.1', '-05', errs[0]), '1 02'),
        ('h = 1e-05   rel. error', lambda: SCI('8.9', '-11', errs[1], True), '1 05'),
        ('h = 1e-08   rel. error', lambda: SCI('1.8', '-08', errs[2], True), '1 08'),
        ('h = 1e-11   rel. error', lambda: SCI('1.9', '-05', errs[3], True), '1 11'),
        ('For large $h$ the $O(h^2)$ truncation', lambda: E('2', 2) and C('2.2', np.finfo(float).eps * 1e16) and E('-16', -16) and E('1', 1) and E('3', 3)
            and C('6', np.finfo(float).eps ** (1 / 3) * 1e6) and E('-6', -6) and E('10', 10) and E('-5', -5)
            and errs[0] > errs[1] < errs[2] < errs[3] and abs(errs[0] / 1e-4 - 1) < 1.0),
    ]

# ======================================================================= 14
@register('14_midterm_answer_key.md')
def f14():
    M = Dual.m
    x15 = M(1.5, 1.0); cube = x15 @ x15 @ x15; two = 2 * x15; fx = cube - two
    f = lambda x: x ** 3 - 2 * x
    A = np.array([[1.0, 2], [0, 3]]); x = np.array([1.0, -1]); u = np.array([1.0, 1])
    q = lambda z: z @ A @ z
    gq = grad(q, x)
    X5 = np.array([[2.0, 1], [1, 1]])
    pts = [5, 5, 6, 6, 6, 2]
    def modes(n, m):
        """build the full Jacobian of F: R^n -> R^m column by column (JVPs) and row by row (VJPs); count passes"""
        R = np.random.default_rng(n + m); B = R.standard_normal((m, n)) / np.sqrt(n); z = R.standard_normal(n)
        s = 1 - np.tanh(B @ z) ** 2
        jvp = lambda v: s * (B @ v); vjp = lambda w: (w * s) @ B
        cols = [jvp(e) for e in np.eye(n)]; rows = [vjp(e) for e in np.eye(m)]
        Jf, Jr = np.stack(cols, 1), np.stack(rows, 0)
        assert near(Jf, Jr) and abs(fd(lambda t: np.tanh(B @ (z + t * np.eye(n)[0]))[0], 0.0) - Jf[0, 0]) < 1e-6
        return len(cols), len(rows)
    return [
        ('*Total 30 points.', lambda: E('30', sum(pts))),
        ('**Q1 (5 pts).', lambda: E('5', pts[0]) and E('3', 3) and E('2', 2) and E('1.5', 1.5)),
        ('- ⇒ $(1.5 + \\varepsilon)^3', lambda: E('1.5', 1.5) and E('3', 3) and E('3.375', cube[0, 0]) and E('3', 3) and E('1.5', 1.5) and E('2', 2)
            and E('3.375', cube[0, 0]) and E('6.75', cube[0, 1]) and E('2', 2) and E('3', 3)),
        ('- ⇒ $2(1.5 + \\varepsilon) = 3 + 2\\varepsilon$', lambda: E('2', 2) and E('1.5', 1.5) and E('3', two[0, 0]) and E('2', two[0, 1])),
        ('- $f(1.5 + \\varepsilon) = 0.375', lambda: E('1.5', 1.5) and E('0.375', fx[0, 0]) and E('4.75', fx[0, 1]) and E('1.5', 1.5)
            and E('0.375', f(1.5)) and E('1.5', 1.5) and C('4.75', fd(f, 1.5)) and E('3', 3) and E('1.5', 1.5) and E('2', 2) and E('2', 2)
            and E('4.75', 3 * 1.5 ** 2 - 2)),
        ('*Grading:* 2 pts for the cube', lambda: E('2', 2) and E('2', 2) and E('1', 1) and 2 + 2 + 1 == pts[0]),
        ('**Q2 (5 pts). Which mode?**', lambda: E('5', pts[1]) and E('1000', 1000) and E('10', 10)),
        ('- Forward mode: one JVP per input', lambda: E('1000', modes(1000, 10)[0])),
        ('- Reverse mode: one VJP per output', lambda: E('10', modes(1000, 10)[1])),
        ('- (For $F:\\mathbb{R}^{10}', lambda: E('10', 10) and E('1000', 1000) and E('10', modes(10, 1000)[0]) and E('1000', modes(10, 1000)[1])),
        ('**Q3 (6 pts).', lambda: E('6', pts[2]) and EV(['1', '2', '0', '3'], A) and EV(['1', '-1'], x)),
        ('- $Ax = (-1, -3)^\\top$', lambda: EV(['-1', '-3'], A @ x) and E('-1', x[0] * (A @ x)[0]) and E('3', x[1] * (A @ x)[1]) and E('2', q(x))),
        ('- ⇒ $\\nabla q(x) = 2Ax$', lambda: E('2', 2) and near(gq, 2 * A @ x)),
        ('- $= 2\\,(-1, -3)^\\top', lambda: E('2', 2) and EV(['-1', '-3'], A @ x) and CV(['-2', '-6'], gq)),
        ('- Directional derivative along', lambda: EV(['1', '1'], u) and C('-2', gq[0] * u[0]) and C('6', -gq[1] * u[1]) and C('-8', fd(lambda t: q(x + t * u), 0.0))),
        ('*Grading:* 3 pts for the gradient formula', lambda: E('3', 3) and E('2', 2) and E('1', 1) and 3 + 2 + 1 == pts[2]),
        ('**Q4 (6 pts). Shapes.**', lambda: E('6', pts[3]) and EV(['3', '4', '4', '5', '5', '2'], [3, 4, 4, 5, 5, 2])),
        ('- $F(X) \\in \\mathbb{R}^{3\\times 2}$.', lambda: EV(['3', '2'], (rand(3, 4) @ rand(4, 5) @ rand(5, 2)).shape)),
        ('- ⇒ $\\operatorname{vec}F = (B^\\top \\otimes A)', lambda: (lambda Aa, Xx, Bb: near(vec(Aa @ Xx @ Bb), np.kron(Bb.T, Aa) @ vec(Xx))
            and near(jac(lambda Z: Aa @ Z @ Bb, Xx), np.kron(Bb.T, Aa)) and EV(['6', '20'], np.kron(Bb.T, Aa).shape))(rand(3, 4), rand(4, 5), rand(5, 2))),
        ('- It has $6 \\cdot 20 = 120$ entries', lambda: E('6', 6) and E('20', 20) and E('120', np.kron(rand(5, 2).T, rand(3, 4)).size)
            and E('3', 3) and E('2', 2) and E('6', 6) and E('4', 4) and E('5', 5) and E('20', 20)),
        ('**Q5 (6 pts). Log-determinant.**', lambda: E('6', pts[4]) and EV(['2', '1', '1', '1'], X5)),
        ('- ⇒ $\\partial \\log\\det X/\\partial X = X^{-\\top}$.', lambda: all(near(grad(lambda Z: np.log(np.linalg.det(Z)), Z0), np.linalg.inv(Z0).T, 1e-5)
            for Z0 in [rand_inv(3) for _ in range(3)])),
        ('- $\\det X = 2 - 1 = 1$', lambda: E('2', X5[0, 0] * X5[1, 1]) and E('1', X5[0, 1] * X5[1, 0]) and E('1', round(np.linalg.det(X5), 9))
            and EV(['1', '-1', '-1', '2'], np.linalg.inv(X5).round(9)) and near(X5, X5.T)
            and near(grad(lambda Z: np.log(np.linalg.det(Z)), X5), np.linalg.inv(X5), 1e-6), '-1 -1'),
        ('**Q6 (2 pts). Elementwise map.**', lambda: E('2', pts[5]) and EV(['-1', '2', '0.5'], [-1, 2, 0.5])
            and EV(['0', '1', '1'], np.diag(jac(lambda z: np.maximum(z, 0), np.array([-1.0, 2, 0.5]))).round(6))
            and near(jac(lambda z: np.maximum(z, 0), np.array([-1.0, 2, 0.5])), np.diag([0, 1.0, 1]))),
    ]

# ======================================================================= 15
@register('15_softmax_jacobian_se_answer.md')
def f15():
    z = np.array([2.0, 1, 0.1]); p = softmax(z); J = jac(softmax, z)
    y = np.array([0.0, 1, 0]); dLdz = grad(lambda u: -y @ np.log(softmax(u)), z)
    def form():
        ok = True
        for _ in range(3):
            zz = rand(4); pp = softmax(zz); JJ = jac(softmax, zz)
            ok &= near(JJ, np.diag(pp) - np.outer(pp, pp)) and np.count_nonzero(np.abs(JJ - np.diag(np.diag(JJ))) > 1e-6) > 0
        return ok
    def logform():
        zz = rand(4); pp = softmax(zz)
        return near(jac(lambda u: np.log(softmax(u)), zz), np.eye(4) - np.outer(np.ones(4), pp))
    def vjp():
        ok = True
        for _ in range(3):
            zz = rand(5); g = rand(5); pp = softmax(zz)
            ok &= near(jac(softmax, zz).T @ g, pp * (g - (pp @ g)))
        return ok
    def ce():
        ok = True
        for _ in range(3):
            zz = rand(4); yy = softmax(rand(4)); pp = softmax(zz); g = -yy / pp
            ok &= abs(pp @ g + 1) < 1e-12 and near(grad(lambda u: -yy @ np.log(softmax(u)), zz), pp - yy)
        return ok
    return [
        ('> Softmax is applied to every component', lambda: EV(['3', '3'], J.shape)),
        ('$$p_i = \\frac{e^{z_i}}{\\sum_{k=1}^{K}', GIVEN),
        ('depends on **every** $z_k$', lambda: form() and E('0', 0)),
        ('$$\\log p_i = z_i - \\log\\sum_k', logform),
        ('and since $\\partial p_i/\\partial z_j', lambda: all(near(jac(softmax, zz), np.diag(softmax(zz)) @ jac(lambda u: np.log(softmax(u)), zz)) for zz in rand(2, 3))),
        ('$$\\frac{\\partial p_i}{\\partial z_j} = p_i(\\delta_{ij} - p_j)', form),
        ('1. $J$ is symmetric.', lambda: near(J, J.T)),
        ('2. Every row sums to zero', lambda: near(J @ np.ones(3), np.zeros(3)) and E('1', 1) and E('1', 1) and E('0', 0)
            and near(softmax(z + 3.7), p) and E('1', 1) and np.linalg.matrix_rank(J, tol=1e-9) < 3),
        ('3. You never need to build $J$', vjp),
        ('$$J^\\top g = p \\odot', vjp, '1'),
        ('which is $O(K)$ instead of $O(K^2)$.', lambda: E('2', 2)),
        ('4. With cross-entropy', lambda: ce() and E('-1', -1) and E('3', 3)),
        ('**Numbers**, for $z = (2, 1, 0.1)$', lambda: EV(['2', '1', '0.1'], z) and CV(['0.6590', '0.2424', '0.0986'], p)),
        ('$$J \\approx \\begin{pmatrix} 0.2247', lambda: CV(['0.2247', '-0.1598', '-0.0650', '-0.1598', '0.1837', '-0.0239', '-0.0650', '-0.0239', '0.0889'], J)),
        ('Rows sum to zero up to rounding', lambda: C('-0.0650', J[2, 0]) and C('0.0239', -J[2, 1]) and C('0.0889', J[2, 2])
            and E('0', round(-0.0650 - 0.0239 + 0.0889, 9)) and EV(['0', '1', '0'], y) and CV(['0.6590', '-0.7576', '0.0986'], dLdz, p - y)),
        ('**Edit:** as a comment points out', lambda: E('2', 2) and all(abs(softmax(zz)[0] - sig(zz[0] - zz[1])) < 1e-12 for zz in rand(3, 2))
            and E('2', 2) and E('2', 2) and abs(jac(softmax, rand(2))[0, 1]) > 1e-6),
    ]

# ======================================================================= 16
@register('16_linear_layer_backward.md')
def f16():
    X = np.array([[1.0, 2], [-1, 0]]); W = np.array([[0.5], [-1.0]]); b = np.array([0.1]); T = np.array([[0.0], [0.5]]); N = 2
    fwd = lambda X_, W_, b_: X_ @ W_ + np.ones((X_.shape[0], 1)) @ b_.reshape(1, -1)
    Lf = lambda X_, W_, b_: 0.5 / X_.shape[0] * np.sum((fwd(X_, W_, b_) - T) ** 2)
    Y = fwd(X, W, b)
    dY = grad(lambda Y_: 0.5 / N * np.sum((Y_ - T) ** 2), Y)
    dW = grad(lambda W_: Lf(X, W_, b), W); db = grad(lambda b_: Lf(X, W, b_), b); dX = grad(lambda X_: Lf(X_, W, b), X)
    dYc = Y - T                                      # the author's carried upstream gradient
    def general():
        ok = True
        for _ in range(3):
            n, d, m = 4, 3, 2; Xx, Ww, bb, Tt = rand(n, d), rand(d, m), rand(m), rand(n, m)
            L_ = lambda A, B, c: 0.5 / n * np.sum((A @ B + c - Tt) ** 2)
            G = (Xx @ Ww + bb - Tt) / n
            ok &= near(grad(lambda A: L_(A, Ww, bb), Xx), G @ Ww.T) and near(grad(lambda B: L_(Xx, B, bb), Ww), Xx.T @ G)
            ok &= near(grad(lambda c: L_(Xx, Ww, c), bb), G.T @ np.ones(n))
            ok &= (G @ Ww.T).shape == (n, d) and (Xx.T @ G).shape == (d, m) and (G.T @ np.ones(n)).shape == (m,)
        return ok
    def sparsity():
        n, d, m = 3, 4, 2; Xx, Ww = rand(n, d), rand(d, m)
        J = jac(lambda A: A @ Ww, Xx)          # (n*m) x (n*d), column-major vec
        ok = J.shape == (n * m, n * d)
        for i in range(n * m):
            for k in range(n * d):
                if i % n != k % n:
                    ok &= abs(J[i, k]) < 1e-9
        return ok
    Jbytes = np.dtype(np.float32).itemsize * 32 * 512 * 32 * 1024
    return [
        ('**Setup.** A minibatch', GIVEN),
        ('$$Y = XW + \\mathbf{1}_N b^\\top', GIVEN, '1 1 2 2'),
        ('where $T$ holds the targets.', GIVEN),
        ('$\\partial Y/\\partial X$ relates every entry', lambda: sparsity() and EV(['32', '1024', '512'], [32, 1024, 512])
            and EV(['32', '512', '32', '1024'], [32, 512, 32, 1024]) and E('536870912', (32 * 512) * (32 * 1024))
            and E('2', Jbytes / 2 ** 30) and E('32768', np.zeros((32, 1024)).size)),
        ('Elementwise, $Y_{nm} = \\sum_{d}', lambda: all(abs(fwd(X, W, b)[n_, 0] - (sum(X[n_, d_] * W[d_, 0] for d_ in range(2)) + b[0])) < 1e-12 for n_ in range(2))),
        ('$$\\frac{\\partial L}{\\partial X_{nd}} = \\sum_{m}', general),
        ('$$dX = dY\\,W^\\top \\ (N\\times D)', general, '1'),
        ('**Dimension analysis** is a good way', general),
        ('$N = 2$, $D = 2$, $M = 1$:', lambda: EV(['2', '2', '1'], [X.shape[0], X.shape[1], W.shape[1]])),
        ('$$X = \\begin{pmatrix} 1 & 2', lambda: EV(['1', '2', '-1', '0'], X) and EV(['0.5', '-1'], W) and E('0.1', b[0]) and EV(['0', '0.5'], T)),
        ('1. Forward: $Y = XW + b', lambda: E('0.5', X[0, 0] * W[0, 0]) and E('2', -X[0, 1] * W[1, 0]) and E('0.1', b[0])
            and E('-0.5', X[1, 0] * W[0, 0]) and E('0', X[1, 1] * W[1, 0]) and E('0.1', b[0]) and EV(['-1.4', '-0.4'], Y.round(9))),
        ('2. Residual: $Y - T', lambda: EV(['-1.4', '-0.9'], (Y - T).round(9)) and E('1', 1) and E('4', 2 * N)
            and EV(['1.96', '0.81'], ((Y - T) ** 2).round(9)) and E('0.6925', round(Lf(X, W, b), 9))),
        ('3. Upstream: $dY', lambda: CV(['-1.4', '-0.9'], dY)),
        ('4. $dW = X^\\top dY', lambda: near(dW, X.T @ dY) and E('1', X[0, 0]) and E('-1.4', dYc[0, 0]) and E('-1', X[1, 0]) and E('-0.9', dYc[1, 0])
            and E('2', X[0, 1]) and E('-1.4', dYc[0, 0]) and E('0', X[1, 1]) and E('-0.9', dYc[1, 0]) and CV(['-0.5', '-2.8'], dW)),
        ('5. $db = -1.4 - 0.9 = -2.3$', lambda: near(db, dY.sum(0)) and E('-1.4', dYc[0, 0]) and E('0.9', -dYc[1, 0]) and C('-2.3', db[0])),
        ('6. $dX = dY\\,W^\\top', lambda: near(dX, dY @ W.T) and E('-1.4', dYc[0, 0]) and E('0.5', W[0, 0]) and E('-1.4', dYc[0, 0]) and E('-1', W[1, 0])
            and E('-0.9', dYc[1, 0]) and E('0.5', W[0, 0]) and E('-0.9', dYc[1, 0]) and E('-1', W[1, 0])
            and CV(['-0.7', '1.4', '-0.45', '0.9'], dX)),
        ('All three gradients have the shapes', lambda: dW.shape == W.shape and db.shape == b.shape and dX.shape == X.shape),
        ('**Exercise.** Add a ReLU after the layer', lambda: E('0', 0) and E('1', 1) and E('0', 0) and all(
            near(grad(lambda Y_: np.sum(G * np.maximum(0, Y_)), Yr), G * (Yr > 0)) for G, Yr in [(rand(3, 2), rand(3, 2)) for _ in range(3)])),
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
        s = re.sub(r'(?<=\d)[ \u00a0\u202f]+(?=\d{3}(?!\d))', '', s)
        s = re.sub(r'(?<=\d)\\,(?=\d{3}(?!\d))', '', s)
    else:
        s = s.replace('{,}', '')
        s = re.sub(r'(?<=\d),(?=\d{3}(?!\d))', '', s)
        s = re.sub(r'(?<=\d)\\,(?=\d{3}(?!\d))', '', s)
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
    s = re.sub(r'^\s*\d+\.\s', '', s)                                     # list enumerator
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
MATH_CHARS = set('$∂∑σ′∇√‖⊙∘⊗∈≤≥←→≈×·ε∞λ')
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
        print(f'{name:44s} lines={n:2d} first_false={ff!s:4s} expected={exp!s:4s} {"OK" if ok else "MISMATCH"}')
        for p in probs:
            print('    !', p)
    n_err = sum(v is not None for v in expected.values())
    if n_err != 8:
        print(f'expected.json should have 8 planted errors, has {n_err}')
        all_ok = False
    print('ALL OK' if all_ok else 'NOT OK')
    if not all_ok:
        sys.exit(1)
    return 0

if __name__ == '__main__':
    sys.exit(main())
