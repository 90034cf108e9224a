#!/usr/bin/env python3
"""Independent NumPy check of corpus73 (recurrent networks and sequence models).

Every file gets an ordered list of checks: (unique substring of one line,
predicate[, declared tokens]).  Each line of a file that contains mathematics
(LaTeX, inline code, Unicode math symbols, or a relation sign together with a
digit, also inside code blocks) must be covered by a check.

* definitions / givens -> GIVEN (declared token '*' = numbers not accounted);
* symbolic derivative claims -> central finite differences at random points;
* worked numbers -> recomputed; a printed number must agree to its printed
  precision with the exact value or with the value recomputed from the rounded
  numbers the author carried forward;
* sizes / parameter counts -> recomputed by building the arrays and counting.

Every number printed on a checked line must either be a value checked by the
predicate (E / C / CV / EV register it) or a declared structural token.  The
first line whose predicate is False must equal expected.json.
"""
import json, math, os, re, sys
from collections import Counter
import numpy as np

VERBOSE = '-v' in sys.argv
D = os.path.dirname(os.path.abspath(__file__))
RNG = np.random.default_rng(73)

# ---------------------------------------------------------------- helpers
def GIVEN():
    return True

def _num(s):
    s = s.strip().replace('−', '-').replace('{,}', '.').replace(',', '.')
    m = re.fullmatch(r'[+-]?(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?', s)
    assert m, f'bad number {s!r}'
    d = len(m.group(2) or '')
    e = int(m.group(3) or 0)
    return float(s), 0.5 * 10.0 ** (e - d) * (1 + 1e-9) + 1e-15

_LITS = []

def C(shown, *cands):
    """shown agrees to its printed precision with at least one candidate."""
    _LITS.append(shown)
    v, t = _num(shown)
    return any(abs(v - float(c)) <= t for c in cands)

def E(shown, val):
    """shown equals val exactly."""
    _LITS.append(shown)
    v, _ = _num(shown)
    return abs(v - float(val)) <= 1e-9 * max(1.0, abs(float(val)))

def CS(mant, exp, *cands):
    """scientific notation printed as  mant \cdot 10^{exp}  (tokens mant, 10, exp)."""
    _LITS.extend([mant, '10', exp])
    v, t = _num(mant)
    sc = 10.0 ** int(exp.replace('−', '-'))
    return any(abs(v * sc - float(c)) <= t * sc for c in cands)

def CV(shown, *cands):
    arrs = [np.ravel(np.asarray(a, float)) for a in cands]
    res = [C(s, *[a[i] for a in arrs if a.size == len(shown)]) for i, s in enumerate(shown)]
    return all(a.size == len(shown) for a in arrs) and all(res)

def EV(shown, arr):
    arr = np.ravel(np.asarray(arr, float))
    res = [E(s, arr[i]) if i < arr.size else E(s, np.nan) for i, s in enumerate(shown)]
    return arr.size == len(shown) and all(res)

def ALL(*xs):
    """all arguments are evaluated first (so every literal is registered)."""
    return all(bool(x) for x in xs)

def grad(f, x, h=1e-6):
    x = np.array(x, dtype=float)
    g = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        e = np.zeros_like(x); e[idx] = h
        g[idx] = (f(x + e) - f(x - e)) / (2 * h)
    return g

def jac(f, x, h=1e-6):
    """J[i, j] = d f_i / d x_j for vector-valued f of a vector x."""
    x = np.array(x, dtype=float)
    cols = []
    for j in range(x.size):
        e = np.zeros_like(x); e.flat[j] = h
        cols.append((np.ravel(f(x + e)) - np.ravel(f(x - e))) / (2 * h))
    return np.stack(cols, axis=1)

def near(a, b, tol=1e-6):
    a = np.asarray(a, float); b = np.asarray(b, float)
    return a.shape == b.shape and np.allclose(a, b, atol=tol, rtol=1e-6)

def rand(*shape, lo=-1.5, hi=1.5):
    return RNG.uniform(lo, hi, size=shape)

def repeat(fn, n=4):
    return all(fn() for _ in range(n))

sig = lambda z: 1.0 / (1.0 + np.exp(-z))
def softmax(z, axis=-1):
    z = np.asarray(z, float); e = np.exp(z - z.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)

FILES = {}
def register(name, comma=False):
    def deco(fn):
        FILES[name] = (fn, comma)
        return fn
    return deco

# ======================================================================= 01
def rnn_loss(P, xs, ys, h0, add_h=None, add_a=None):
    """GBC eq. 10.8-10.14; add_h / add_a = (t, vec) injects a perturbation."""
    h, L = h0, 0.0
    for t in range(1, len(xs) + 1):
        a = P['b'] + P['W'] @ h + P['U'] @ xs[t - 1]
        if add_a is not None and add_a[0] == t:
            a = a + add_a[1]
        h = np.tanh(a)
        if add_h is not None and add_h[0] == t:
            h = h + add_h[1]
        o = P['c'] + P['V'] @ h
        L += -np.log(softmax(o)[ys[t - 1]])
    return L

def rnn_fwd(P, xs, h0):
    hs, os_ = [h0], []
    for x in xs:
        hs.append(np.tanh(P['b'] + P['W'] @ hs[-1] + P['U'] @ x))
        os_.append(P['c'] + P['V'] @ hs[-1])
    return hs, os_

def rnn_case(n=3, m=2, K=4, tau=4):
    P = dict(U=rand(n, m), W=rand(n, n), V=rand(K, n), b=rand(n), c=rand(K))
    xs = [rand(m) for _ in range(tau)]; ys = list(RNG.integers(0, K, tau)); h0 = rand(n)
    hs, os_ = rnn_fwd(P, xs, h0)
    go = [softmax(o) - np.eye(K)[y] for o, y in zip(os_, ys)]
    # backward with the file's formulas (10.19, 10.21)
    gh = [None] * (tau + 1)
    gh[tau] = P['V'].T @ go[tau - 1]
    for t in range(tau - 1, 0, -1):
        gh[t] = P['W'].T @ np.diag(1 - hs[t + 1] ** 2) @ gh[t + 1] + P['V'].T @ go[t - 1]
    dl = [None] + [np.diag(1 - hs[t] ** 2) @ gh[t] for t in range(1, tau + 1)]
    return P, xs, ys, h0, hs, os_, go, gh, dl

@register('01_rnn_bptt_goodfellow.md')
def f01():
    def g_o():
        P, xs, ys, h0, hs, os_, go, gh, dl = rnn_case()
        ok = True
        for t in range(1, 5):
            num = grad(lambda o, t=t: -np.log(softmax(o)[ys[t - 1]]), os_[t - 1])
            ok &= near(num, go[t - 1])
        return ok
    def g_h_true(P, xs, ys, h0, t, n=3):
        return grad(lambda e: rnn_loss(P, xs, ys, h0, add_h=(t, e)), np.zeros(n))
    def eq19():
        P, xs, ys, h0, hs, os_, go, gh, dl = rnn_case()
        return near(g_h_true(P, xs, ys, h0, 4), P['V'].T @ go[3])
    def chain_general():
        P, xs, ys, h0, hs, os_, go, gh, dl = rnn_case()
        ok = True
        for t in range(1, 4):
            Jhh = jac(lambda hh: np.tanh(P['b'] + P['W'] @ hh + P['U'] @ xs[t]), hs[t])
            Joh = jac(lambda hh: P['c'] + P['V'] @ hh, hs[t])
            ok &= near(g_h_true(P, xs, ys, h0, t), Jhh.T @ g_h_true(P, xs, ys, h0, t + 1) + Joh.T @ go[t - 1], 1e-5)
        return ok
    def eq21():
        P, xs, ys, h0, hs, os_, go, gh, dl = rnn_case()
        return all(near(g_h_true(P, xs, ys, h0, t), gh[t], 1e-5) for t in range(1, 5))
    def tanh_jac():
        a = rand(5)
        return near(jac(np.tanh, a), np.diag(1 - np.tanh(a) ** 2))
    def delta_def():
        P, xs, ys, h0, hs, os_, go, gh, dl = rnn_case()
        return all(near(grad(lambda e: rnn_loss(P, xs, ys, h0, add_a=(t, e)), np.zeros(3)), dl[t], 1e-5)
                   for t in range(1, 5))
    def delta_rec():
        P, xs, ys, h0, hs, os_, go, gh, dl = rnn_case()
        d = [None] * 6; d[5] = np.zeros(3)
        for t in range(4, 0, -1):
            d[t] = np.diag(1 - hs[t] ** 2) @ (P['W'].T @ d[t + 1] + P['V'].T @ go[t - 1])
        return all(near(grad(lambda e: rnn_loss(P, xs, ys, h0, add_a=(t, e)), np.zeros(3)), d[t], 1e-5)
                   for t in range(1, 5))
    def pgrad(key, formula):
        def f():
            P, xs, ys, h0, hs, os_, go, gh, dl = rnn_case()
            def L(v):
                Q = dict(P); Q[key] = v
                return rnn_loss(Q, xs, ys, h0)
            num = grad(L, P[key])
            return near(num, formula(P, xs, hs, go, gh, dl), 1e-5)
        return f
    T = range(1, 5)
    gc = pgrad('c', lambda P, xs, hs, go, gh, dl: sum(go[t - 1] for t in T))
    gb = lambda: ALL(pgrad('b', lambda P, xs, hs, go, gh, dl: sum(np.diag(1 - hs[t] ** 2) @ gh[t] for t in T))(),
                     pgrad('b', lambda P, xs, hs, go, gh, dl: sum(dl[t] for t in T))())
    gV = pgrad('V', lambda P, xs, hs, go, gh, dl: sum(np.outer(go[t - 1], hs[t]) for t in T))
    def gW():
        # middle expression: per-copy contributions W^(t) summed
        P, xs, ys, h0, hs, os_, go, gh, dl = rnn_case()
        tot = np.zeros((3, 3))
        for t in T:
            # grad_{W^(t)} h_i^(t): W used only at step t, with h^(t-1) fixed
            for i in range(3):
                gi = grad(lambda Wt: np.tanh(P['b'] + Wt @ hs[t - 1] + P['U'] @ xs[t - 1])[i], P['W'])
                tot += gh[t][i] * gi
        ok = near(tot, sum(np.outer(dl[t], hs[t - 1]) for t in T), 1e-5)
        return ok and pgrad('W', lambda P, xs, hs, go, gh, dl: sum(np.outer(dl[t], hs[t - 1]) for t in T))()
    gU = pgrad('U', lambda P, xs, hs, go, gh, dl: sum(np.outer(dl[t], xs[t - 1]) for t in T))
    def shapes():
        n, m, K = 5, 3, 7
        d, h, x, go = rand(n), rand(n), rand(m), rand(K)
        return (np.outer(d, h).shape == (n, n) and np.outer(d, x).shape == (n, m)
                and np.outer(go, h).shape == (K, n))
    def uses_h0():
        P, xs, ys, h0, hs, os_, go, gh, dl = rnn_case()
        # first term of the W-gradient sum involves h^(0): changing h0 direction changes it
        return near(np.outer(dl[1], hs[0]), np.outer(dl[1], h0)) and np.abs(hs[0]).sum() > 0
    return [
        ('We consider the network that maps', shapes, '1'),
        ('$$\\boldsymbol{a}^{(t)} = \\boldsymbol{b} + \\boldsymbol{W}\\boldsymbol{h}^{(t-1)} + \\boldsymbol{U}\\boldsymbol{x}^{(t)}, \\qquad \\boldsymbol{h}^{(t)} = \\tanh(\\boldsymbol{a}^{(t)}), \\tag{10.8}$$', GIVEN, '*'),
        ('$$\\boldsymbol{o}^{(t)} = \\boldsymbol{c} + \\boldsymbol{V}\\boldsymbol{h}^{(t)}, \\qquad \\hat{\\boldsymbol{y}}^{(t)} = \\operatorname{softmax}(\\boldsymbol{o}^{(t)}), \\tag{10.10}$$', GIVEN, '*'),
        ('$$L = \\sum_t L^{(t)} = -\\sum_t \\log \\hat{y}^{(t)}_{y^{(t)}}, \\tag{10.14}$$', GIVEN, '*'),
        ('where $y^{(t)}$ is the index', GIVEN),
        ('For each node $\\mathbf{N}$', lambda: ALL(E('1', fd_sum())), ),
        ('$$(\\nabla_{\\boldsymbol{o}^{(t)}} L)_i = \\frac{\\partial L}{\\partial o^{(t)}_i} = \\hat{y}^{(t)}_i - \\mathbf{1}_{i = y^{(t)}}. \\tag{10.18}$$', lambda: repeat(g_o, 2), '1 10.18'),
        ('At the final time step $\\tau$', GIVEN),
        ('$$\\nabla_{\\boldsymbol{h}^{(\\tau)}} L = \\boldsymbol{V}^\\top \\nabla_{\\boldsymbol{o}^{(\\tau)}} L. \\tag{10.19}$$', lambda: repeat(eq19, 3), '10.19'),
        ('We can then iterate backward in time', chain_general, '1 1'),
        ('\\nabla_{\\boldsymbol{h}^{(t)}} L &= \\Big(\\frac{\\partial \\boldsymbol{h}^{(t+1)}}{\\partial \\boldsymbol{h}^{(t)}}\\Big)^{\\!\\top} (\\nabla_{\\boldsymbol{h}^{(t+1)}} L) + \\Big(\\frac{\\partial \\boldsymbol{o}^{(t)}}{\\partial \\boldsymbol{h}^{(t)}}\\Big)^{\\!\\top} (\\nabla_{\\boldsymbol{o}^{(t)}} L) \\\\', lambda: repeat(chain_general, 2)),
        ('&= \\boldsymbol{W}^\\top \\operatorname{diag}\\!\\Big(1 - \\big(\\boldsymbol{h}^{(t+1)}\\big)^2\\Big) (\\nabla_{\\boldsymbol{h}^{(t+1)}} L) + \\boldsymbol{V}^\\top (\\nabla_{\\boldsymbol{o}^{(t)}} L), \\tag{10.21}', lambda: repeat(eq21, 3), '1 2 10.21'),
        ('indicates the diagonal matrix', lambda: repeat(tanh_jac, 3), '1 2 1 2 1'),
        ('It is convenient to give a name', lambda: repeat(delta_def, 2), '1 2 10.19 10.21'),
        ("$$\\boldsymbol{\\delta}^{(t)} = \\operatorname{diag}\\!\\Big(1 - \\big(\\boldsymbol{h}^{(t)}\\big)^2\\Big)\\Big(\\boldsymbol{W}^\\top \\boldsymbol{\\delta}^{(t+1)} + \\boldsymbol{V}^\\top \\nabla_{\\boldsymbol{o}^{(t)}} L\\Big), \\qquad \\boldsymbol{\\delta}^{(\\tau+1)} = \\boldsymbol{0}. \\tag{10.21'}$$", lambda: repeat(delta_rec, 3), '1 2 0 10.21'),
        ('Once the gradients on the internal nodes', GIVEN),
        ('\\nabla_{\\boldsymbol{c}} L &= \\sum_t \\nabla_{\\boldsymbol{o}^{(t)}} L, \\\\', lambda: repeat(gc, 3)),
        ('\\nabla_{\\boldsymbol{b}} L &= \\sum_t \\operatorname{diag}\\!\\Big(1 - \\big(\\boldsymbol{h}^{(t)}\\big)^2\\Big) \\nabla_{\\boldsymbol{h}^{(t)}} L = \\sum_t \\boldsymbol{\\delta}^{(t)}, \\\\', lambda: repeat(gb, 3), '1 2'),
        ('\\nabla_{\\boldsymbol{V}} L &= \\sum_t (\\nabla_{\\boldsymbol{o}^{(t)}} L)\\, \\boldsymbol{h}^{(t)\\top}, \\\\', lambda: repeat(gV, 3)),
        ('\\nabla_{\\boldsymbol{W}} L &= \\sum_t \\sum_i \\Big(\\frac{\\partial L}{\\partial h_i^{(t)}}\\Big) \\nabla_{\\boldsymbol{W}^{(t)}} h_i^{(t)} = \\sum_t \\boldsymbol{\\delta}^{(t)}\\, \\boldsymbol{h}^{(t-1)\\top}, \\\\', lambda: repeat(gW, 2)),
        ('\\nabla_{\\boldsymbol{U}} L &= \\sum_t \\boldsymbol{\\delta}^{(t)}\\, \\boldsymbol{x}^{(t)\\top}. \\tag{10.28}', lambda: repeat(gU, 3), '10.28'),
        ('Each term of $\\nabla_{\\boldsymbol{W}} L$', lambda: ALL(shapes(), uses_h0()), '1'),
        ('We do not need to compute the gradient', GIVEN, '*'),
    ]

def fd_sum():
    """dL/dL^(t) for L = sum_t L^(t), by central differences."""
    Ls = rand(5)
    return float(grad(lambda v: v.sum(), Ls)[2])

# ======================================================================= 02
@register('02_truncated_bptt_d2l.md')
def f02():
    # a generic nonlinear scalar model for the symbolic claims
    def model(T=5):
        wx, wo = rand(1)[0], rand(1)[0]; xs = rand(T); ys = rand(T); h0 = rand(1)[0]
        f = lambda x, h, w: np.tanh(w * h + wx * x)
        g = lambda h, w: w * h
        l = lambda y, o: 0.5 * (o - y) ** 2
        def hs(w):
            out = [h0]
            for x in xs:
                out.append(f(x, out[-1], w))
            return out
        return f, g, l, hs, xs, ys, wo
    d = lambda fn, v, h=1e-6: (fn(v + h) - fn(v - h)) / (2 * h)
    def eq3():
        f, g, l, hs, xs, ys, wo = model(); w = rand(1)[0]; T = len(xs)
        L = lambda ww: np.mean([l(ys[t], g(hs(ww)[t + 1], wo)) for t in range(T)])
        H = hs(w)
        rhs = sum(d(lambda o: l(ys[t], o), g(H[t + 1], wo)) * d(lambda h: g(h, wo), H[t + 1])
                  * d(lambda ww: hs(ww)[t + 1], w) for t in range(T)) / T
        return abs(d(L, w) - rhs) < 1e-6
    def eq4():
        f, g, l, hs, xs, ys, wo = model(); w = rand(1)[0]; H = hs(w); ok = True
        for t in range(2, len(xs) + 1):
            lhs = d(lambda ww: hs(ww)[t], w)
            rhs = (d(lambda ww: f(xs[t - 1], H[t - 1], ww), w)
                   + d(lambda h: f(xs[t - 1], h, w), H[t - 1]) * d(lambda ww: hs(ww)[t - 1], w))
            ok &= abs(lhs - rhs) < 1e-6
        return ok
    def eq5():
        T = 6; b, c = rand(T + 1), rand(T + 1); a = [0.0]
        for t in range(1, T + 1):
            a.append(b[t] + c[t] * a[t - 1])
        return all(abs(a[t] - (b[t] + sum(np.prod(c[i + 1:t + 1]) * b[i] for i in range(1, t)))) < 1e-12
                   for t in range(1, T + 1))
    def unrolled(f, hs, xs, w):
        H = hs(w); out = {}
        bb = lambda i: d(lambda ww: f(xs[i - 1], H[i - 1], ww), w)
        cc = lambda j: d(lambda h: f(xs[j - 1], h, w), H[j - 1])
        for t in range(1, len(xs) + 1):
            out[t] = bb(t) + sum(np.prod([cc(j) for j in range(i + 1, t + 1)]) * bb(i) for i in range(1, t))
        return out, H
    def eq6():
        f, g, l, hs, xs, ys, wo = model(); w = rand(1)[0]
        u, H = unrolled(f, hs, xs, w)
        return all(abs(u[t] - d(lambda ww: hs(ww)[t], w)) < 1e-6 for t in u)
    def eq7_expect():
        f, g, l, hs, xs, ys, wo = model(); w = rand(1)[0]; H = hs(w); ok = True
        for t in range(2, len(xs) + 1):
            pi = RNG.uniform(0.05, 1.0)
            dfw = d(lambda ww: f(xs[t - 1], H[t - 1], ww), w); dfh = d(lambda h: f(xs[t - 1], h, w), H[t - 1])
            prev = d(lambda ww: hs(ww)[t - 1], w)
            Ez = (1 - pi) * (dfw + 0 * dfh * prev) + pi * (dfw + (1 / pi) * dfh * prev)
            ok &= abs(Ez - d(lambda ww: hs(ww)[t], w)) < 1e-6
        return ok
    def Exi():
        return all(abs((1 - p) * 0 + p * (1 / p) - 1) < 1e-12 for p in RNG.uniform(0.01, 1, 10))
    # the worked linear example
    w, xs = 0.5, [1.0, 2.0, -1.0, 1.0]
    def lin_h(ww):
        h = [0.0]
        for x in xs:
            h.append(ww * h[-1] + x)
        return h
    H = lin_h(w)
    dh4 = d(lambda ww: lin_h(ww)[4], w)
    true_terms = [w ** (4 - i) * H[i - 1] for i in range(1, 5)]
    def lin_partials():
        x, h, ww = rand(3)
        f = lambda x, h, w: w * h + x
        return abs(d(lambda v: f(x, h, v), ww) - h) < 1e-8 and abs(d(lambda v: f(x, v, ww), h) - ww) < 1e-8
    def planted_formula():
        ok = True
        for _ in range(3):
            ww = RNG.uniform(-1, 1); xx = rand(5)
            def hh(v):
                h = [rand(1)[0] * 0]
                for x in xx:
                    h.append(v * h[-1] + x)
                return h
            Hh = hh(ww)
            for t in range(1, 6):
                claim = sum(ww ** (t - i) * Hh[i] for i in range(1, t + 1))
                ok &= abs(claim - d(lambda v: hh(v)[t], ww)) < 1e-6
        return ok
    return [
        ('We denote by $h_t$ the hidden state', GIVEN),
        ('$$h_t = f(x_t, h_{t-1}, w_h), \\qquad o_t = g(h_t, w_o), \\tag{9.7.1}$$', GIVEN, '*'),
        ('where $f$ and $g$ are the transformations', GIVEN),
        ('$$L(x_1, \\ldots, x_T, y_1, \\ldots, y_T, w_h, w_o) = \\frac{1}{T}\\sum_{t=1}^T l(y_t, o_t). \\tag{9.7.2}$$', GIVEN, '*'),
        ('$$\\frac{\\partial L}{\\partial w_h} = \\frac{1}{T}\\sum_{t=1}^T \\frac{\\partial l(y_t, o_t)}{\\partial o_t} \\frac{\\partial g(h_t, w_o)}{\\partial h_t} \\frac{\\partial h_t}{\\partial w_h}. \\tag{9.7.3}$$', lambda: repeat(eq3, 3), '1 9.7'),
        ('The first and the second factors', GIVEN, '*'),
        ('$$\\frac{\\partial h_t}{\\partial w_h} = \\frac{\\partial f(x_t, h_{t-1}, w_h)}{\\partial w_h} + \\frac{\\partial f(x_t, h_{t-1}, w_h)}{\\partial h_{t-1}} \\frac{\\partial h_{t-1}}{\\partial w_h}. \\tag{9.7.4}$$', lambda: repeat(eq4, 3), '9.7'),
        ('To derive the above gradient', GIVEN, '*'),
        ('$$a_t = b_t + \\sum_{i=1}^{t-1} \\Big(\\prod_{j=i+1}^{t} c_j\\Big) b_i. \\tag{9.7.5}$$', lambda: repeat(eq5, 5), '1 9.7'),
        ('Substituting $a_t = ', GIVEN),
        ('$$\\frac{\\partial h_t}{\\partial w_h} = \\frac{\\partial f(x_t, h_{t-1}, w_h)}{\\partial w_h} + \\sum_{i=1}^{t-1} \\Big(\\prod_{j=i+1}^{t} \\frac{\\partial f(x_j, h_{j-1}, w_h)}{\\partial h_{j-1}}\\Big) \\frac{\\partial f(x_i, h_{i-1}, w_h)}{\\partial w_h}. \\tag{9.7.6}$$', lambda: repeat(eq6, 3), '1 9.7'),
        ('While we can use the chain rule', GIVEN),
        ('**Truncating time steps.**', GIVEN, '*'),
        ('**Randomized truncation.**', lambda: ALL(Exi(), E('1', 1)), '0 1 0 1 -1 9.7'),
        ('$$z_t = \\frac{\\partial f(x_t, h_{t-1}, w_h)}{\\partial w_h} + \\xi_t \\frac{\\partial f(x_t, h_{t-1}, w_h)}{\\partial h_{t-1}} \\frac{\\partial h_{t-1}}{\\partial w_h}. \\tag{9.7.7}$$', GIVEN, '*'),
        ('It follows from the definition of $\\xi_t$', lambda: repeat(eq7_expect, 3)),
        ('Let us make (9.7.6) concrete', lin_partials, '9.7 9.7'),
        ('$$\\frac{\\partial h_t}{\\partial w_h} = \\sum_{i=1}^{t} w_h^{\\,t-i}\\, h_i .$$', planted_formula, '1'),
        ('Take $w_h = 0.5$', lambda: ALL(E('0.5', w), E('0', H[0]), EV(['1', '2', '-1', '1'], xs),
                                         E('1', H[1]), E('0.5', w), E('1', H[1]), E('2', xs[1]), E('2.5', H[2]),
                                         E('0.5', w), E('2.5', H[2]), E('1', -xs[2]), E('0.25', H[3]),
                                         E('0.5', w), E('0.25', H[3]), E('1', xs[3]), E('1.125', H[4]))),
        ('For $t = 4$ the four terms', lambda: ALL(EV(['0.125', '0.625', '0.125', '1.125'], true_terms),
                                                  E('2', dh4)), '4 1 4 4'),
        ('Truncating after $\\tau = 2$', lambda: ALL(E('0.125', true_terms[2]), E('1.125', true_terms[3]),
                                                    E('1.25', true_terms[2] + true_terms[3]),
                                                    C('37.5', 100 * (1 - (true_terms[2] + true_terms[3]) / dh4))),
         '2 3 4'),
    ]

# ======================================================================= 03
@register('03_vanishing_gradients_de.md', comma=True)
def f03():
    def case(n=3, m=2, T=6):
        W, U, b = rand(n, n), rand(n, m), rand(n); xs = [rand(m) for _ in range(T + 1)]
        def run(hk, k):
            hs = {k: hk}
            for t in range(k + 1, T + 1):
                hs[t] = np.tanh(W @ hs[t - 1] + U @ xs[t] + b)
            return hs
        return W, U, b, xs, run
    def eq5():
        W, U, b, xs, run = case(); h = rand(3)
        step = lambda hh: np.tanh(W @ hh + U @ xs[1] + b)
        return near(jac(step, h), np.diag(1 - step(h) * step(h)) @ W)
    def proof5():
        a = rand(6); W, U, b, xs, run = case(); h = rand(3)
        ht = np.tanh(W @ h + U @ xs[1] + b)
        J = jac(lambda hh: np.tanh(W @ hh + U @ xs[1] + b), h)
        ok = near(grad(lambda v: np.sum(np.tanh(v)), a), 1 - np.tanh(a) ** 2)
        ok &= near(jac(lambda hh: W @ hh + U @ xs[1] + b, h), W)
        return ok and all(abs(J[i, j] - (1 - ht[i] ** 2) * W[i, j]) < 1e-6 for i in range(3) for j in range(3))
    def eq6(count_only=False):
        W, U, b, xs, run = case(); k, T = 1, 6; hk = rand(3)
        hs = run(hk, k)
        Js = [np.diag(1 - hs[t] * hs[t]) @ W for t in range(k + 1, T + 1)]
        if count_only:
            return len(Js) == T - k
        P = np.eye(3)
        for Jt in Js:                        # J_T ... J_{k+1}: later steps multiply from the left
            P = Jt @ P
        return near(jac(lambda h: run(h, k)[T], hk), P)
    def gamma():
        a = np.linspace(-10, 10, 200001)
        return abs(np.max(1 - np.tanh(a) ** 2) - 1) < 1e-9 and E('1', 1.0)
    def bound():
        ok = True
        for _ in range(20):
            W, U, b, xs, run = case(); W *= RNG.uniform(0.3, 2); k, T = 0, 6; hk = rand(3)
            hs = run(hk, k)
            Jn = np.linalg.norm(jac(lambda h: run(h, k)[T], hk), 2)
            mid = np.prod([np.linalg.norm(np.diag(1 - hs[t] ** 2), 2) * np.linalg.norm(W, 2) for t in range(k + 1, T + 1)])
            smax = np.linalg.svd(W, compute_uv=False)[0]
            ok &= Jn <= mid + 1e-6 and mid <= (1.0 * smax) ** (T - k) + 1e-12
        return ok
    def proof7():
        ok = True
        for _ in range(10):
            A, B, dd = rand(3, 3), rand(3, 3), rand(4)
            ok &= np.linalg.norm(A @ B, 2) <= np.linalg.norm(A, 2) * np.linalg.norm(B, 2) + 1e-12
            ok &= abs(np.linalg.norm(np.diag(dd), 2) - np.abs(dd).max()) < 1e-12
            ok &= abs(np.linalg.norm(A, 2) - np.linalg.svd(A, compute_uv=False)[0]) < 1e-12
        return ok
    Wn = np.array([[0.8, 0], [0, 0.5]]); smax = np.linalg.svd(Wn, compute_uv=False)[0]
    def exp_decay():
        q = RNG.uniform(0.5, 0.999, 5)               # gamma * sigma_max < 1
        return all(np.all(np.diff(qq ** np.arange(0, 200)) < 0) and qq ** 100000 < 1e-8 for qq in q)
    def not_explode():
        # sigma_max = 1.2 but saturated units: the Jacobian product still shrinks
        W = np.array([[1.2, 0], [0, 0.5]]); U = np.eye(2) * 3; h = np.zeros(2)
        P = np.eye(2)
        for t in range(20):
            h = np.tanh(W @ h + U @ np.array([1.0, 1.0]))
            P = np.diag(1 - h * h) @ W @ P
        return np.linalg.norm(P, 2) < 1 and np.linalg.svd(W, compute_uv=False)[0] > 1
    def sat():
        a = rand(5)
        return near(grad(lambda v: np.sum(np.tanh(v)), a), 1 - np.tanh(a) ** 2) and E('0.4', 0.5 * 0.8)
    def orth():
        Q, _ = np.linalg.qr(rand(4, 4))
        return abs(np.linalg.norm(Q, 2) - 1) < 1e-12 and E('1', np.linalg.svd(Q, compute_uv=False)[0]) \
            and E('1', np.linalg.norm(Q, 2))
    lnr = -6.9078 / -0.2231
    return [
        ('Wir betrachten ein einfaches rekurrentes Netz', GIVEN),
        ('$$\\mathbf{h}_t = \\tanh(\\mathbf{W}\\mathbf{h}_{t-1} + \\mathbf{U}\\mathbf{x}_t + \\mathbf{b}), \\qquad \\mathbf{W} \\in \\mathbb{R}^{n \\times n},\\ \\mathbf{U} \\in \\mathbb{R}^{n \\times m}. \\tag{7.4}$$', GIVEN, '*'),
        ('Beim Training durch BPTT', GIVEN),
        ('**Lemma 7.1', GIVEN, '7.1'),
        ('$$\\mathbf{J}_t := \\frac{\\partial \\mathbf{h}_t}{\\partial \\mathbf{h}_{t-1}} = \\operatorname{diag}\\big(1 - \\mathbf{h}_t \\odot \\mathbf{h}_t\\big)\\,\\mathbf{W}. \\tag{7.5}$$', lambda: repeat(eq5, 4), '1 7.5'),
        ('*Beweis.* Komponentenweise', lambda: repeat(proof5, 3), '1 2 1 2'),
        ('Durch wiederholte Anwendung der Kettenregel', lambda: eq6(True)),
        ('$$\\frac{\\partial \\mathbf{h}_T}{\\partial \\mathbf{h}_k} = \\mathbf{J}_T\\,\\mathbf{J}_{T-1} \\cdots \\mathbf{J}_{k+1} = \\prod_{t=k+1}^{T} \\operatorname{diag}\\big(1 - \\mathbf{h}_t \\odot \\mathbf{h}_t\\big)\\,\\mathbf{W}. \\tag{7.6}$$', lambda: repeat(eq6, 4), '1 7.6'),
        ('**Satz 7.2 (Schranke).**', gamma, '7.2'),
        ('$$\\Big\\| \\frac{\\partial \\mathbf{h}_T}{\\partial \\mathbf{h}_k} \\Big\\|_2 \\;\\le\\; \\prod_{t=k+1}^{T} \\big\\|\\operatorname{diag}(1 - \\mathbf{h}_t \\odot \\mathbf{h}_t)\\big\\|_2\\,\\|\\mathbf{W}\\|_2 \\;\\le\\; (\\gamma\\,\\sigma_{\\max})^{T-k}. \\tag{7.7}$$', bound, '1 7.7'),
        ('*Beweis.* Submultiplikativität', proof7),
        ('Ist also $\\gamma\\,\\sigma_{\\max} < 1$', exp_decay, '1'),
        ('**Zahlenbeispiel.**', lambda: ALL(E('0.8', smax)), '2 0,8 0 0 0,5'),
        ('- Abstand $T - k = 20$', lambda: C('0.0115', 0.8 ** 20), '20 0,8 20'),
        ('- Abstand $T - k = 50$', lambda: CS('1,43', '-5', 0.8 ** 50), '50 0,8 50'),
        ('- Ab welchem Abstand', lambda: ALL(0.8 ** 31 < 1e-3 < 0.8 ** 30, C('-6,9078', math.log(1e-3)),
                                             C('-0,2231', math.log(0.8)),
                                             C('30,96', math.log(1e-3) / math.log(0.8), lnr),
                                             E('31', math.ceil(math.log(1e-3) / math.log(0.8)))),
         '10 -3 0,8 10 -3 10 -3 0,8'),
        ('Die Schranke (7.7) ist nur eine', lambda: ALL(not_explode(), C('38,34', 1.2 ** 20)), '7.7 1 1,2 20 7.7 1,2 20'),
        ('**Sättigung verschärft das Problem.**', sat, '1 2 1 1 2 0,5 7.7 0,5 0,8'),
        ('- $0{,}4^{10} \\approx', lambda: CS('1,05', '-3', 0.4 ** 10), '0,4 10'),
        ('- $0{,}4^{20} = \\big(', lambda: ALL(abs((0.4 ** 10) ** 2 - 0.4 ** 20) < 1e-20, CS('1,10', '-6', 0.4 ** 20)),
         '0,4 20 0,4 10 2'),
        ('Gegenüber dem ungesättigten Fall', lambda: ALL(C('0,0115', 0.8 ** 20), C('0,0115', 0.8 ** 20),
                                                         CS('1,10', '-6', 0.4 ** 20),
                                                         CS('1,0', '4', 0.8 ** 20 / 0.4 ** 20)), '0,8 20'),
        ('2. Gegen verschwindende Gradienten', GIVEN, '8'),
        ('3. Eine orthogonale Initialisierung', orth),
    ]

# ======================================================================= 04
def clip_global(gs, theta):
    tot = math.sqrt(sum(float(np.sum(g ** 2)) for g in gs))
    return [min(1.0, theta / tot) * g for g in gs], tot

@register('04_ecretage_gradient_fr.md', comma=True)
def f04():
    gW = np.array([[3.0, -4], [0, 12]]); gU = np.array([[1.0, 2], [2, 0]]); gb = np.array([1.0, -1]); th = 5.0
    gs = [gW, gU, gb]
    (cW, cU, cb), tot = clip_global(gs, th)
    c = th / tot; cr = 5 / 13.416
    flat = lambda L: np.concatenate([np.ravel(x) for x in L])
    def concat_norm():
        L = [rand(3, 4), rand(5), rand(2, 2)]
        return abs(np.linalg.norm(flat(L)) - math.sqrt(sum(np.linalg.norm(x, 'fro' if x.ndim == 2 else None) ** 2 for x in L))) < 1e-12
    def prop():
        ok = True
        for _ in range(20):
            L = [rand(3, 3) * RNG.uniform(0.1, 5), rand(4)]; t = RNG.uniform(0.5, 5)
            C_, n0 = clip_global(L, t); g, gh = flat(L), flat(C_)
            if n0 > t:
                cos = g @ gh / (np.linalg.norm(g) * np.linalg.norm(gh))
                ok &= abs(cos - 1) < 1e-12 and abs(np.linalg.norm(gh) - t) < 1e-12
            else:
                ok &= near(g, gh)
        return ok
    def proof():
        L = [rand(3, 3) * 4, rand(4) * 4]; t = 1.0
        g = flat(L); cc = t / np.linalg.norm(g)
        return 0 < cc < 1 and abs(np.linalg.norm(cc * g) - cc * np.linalg.norm(g)) < 1e-12 \
            and abs(cc * np.linalg.norm(g) - t) < 1e-12
    # per-tensor variant
    pt = [min(1.0, th / np.linalg.norm(g)) * g for g in gs]
    pt_norm = np.linalg.norm(flat(pt))
    val = np.clip(flat(gs), -th, th)
    return [
        ('Nous avons vu au §4.4', GIVEN, '4.4 2013'),
        ('**Définition 4.3.**', GIVEN, '4.3'),
        ('$$\\|\\mathbf{g}\\| = \\Big(\\sum_{p=1}^{P} \\|\\mathbf{g}_p\\|_F^2\\Big)^{1/2},$$', GIVEN, '*'),
        ("c'est-à-dire la norme euclidienne", lambda: repeat(concat_norm, 3), '0'),
        ('$$\\hat{\\mathbf{g}}_p = \\min\\Big(1, \\frac{\\theta}{\\|\\mathbf{g}\\|}\\Big)\\, \\mathbf{g}_p, \\qquad p = 1, \\dots, P. \\tag{4.12}$$', GIVEN, '*'),
        ('**Proposition 4.4.**', prop, '4.4'),
        ('*Preuve.* Le facteur', proof, '0 1'),
        ('**Exemple.** Un petit RNN', lambda: ALL(gW.shape == (2, 2), gU.shape == (2, 2), gb.shape == (2,)), '2 2'),
        ('$$\\mathbf{g}_W = \\begin{pmatrix} 3 & -4 \\\\ 0 & 12 \\end{pmatrix}, \\qquad \\mathbf{g}_U = \\begin{pmatrix} 1 & 2 \\\\ 2 & 0 \\end{pmatrix}, \\qquad \\mathbf{g}_b = \\begin{pmatrix} 1 \\\\ -1 \\end{pmatrix},$$', GIVEN, '*'),
        ("et l'on prend $\\theta = 5$.", GIVEN, '5'),
        ('1. Normes par tenseur', lambda: ALL(EV(['9', '16', '0', '144'], (gW ** 2).ravel()),
                                              E('13', np.linalg.norm(gW)), EV(['1', '4', '4', '0'], (gU ** 2).ravel()),
                                              E('3', np.linalg.norm(gU)), E('2', gb @ gb), C('1,414', np.linalg.norm(gb)))),
        ('2. Norme globale', lambda: ALL(E('169', 13 ** 2), E('9', 3 ** 2), E('2', gb @ gb), E('180', tot ** 2),
                                         C('13,416', tot), tot > th)),
        ('3. Facteur', lambda: ALL(E('5', th), C('13,416', tot), C('0,3727', c, cr))),
        ('$$\\hat{\\mathbf{g}}_W \\approx \\begin{pmatrix} 1{,}118 & -1{,}491 \\\\ 0 & 4{,}472 \\end{pmatrix}, \\qquad \\hat{\\mathbf{g}}_U \\approx \\begin{pmatrix} 0{,}373 & 0{,}745 \\\\ 0{,}745 & 0 \\end{pmatrix}, \\qquad \\hat{\\mathbf{g}}_b \\approx \\begin{pmatrix} 0{,}373 \\\\ -0{,}373 \\end{pmatrix}.$$', lambda: ALL(CV(['1,118', '-1,491', '0', '4,472'], cW, cr * gW),
                                                     CV(['0,373', '0,745', '0,745', '0'], cU, cr * gU),
                                                     CV(['0,373', '-0,373'], cb, cr * gb))),
        ('5. Vérification', lambda: ALL(C('0,3727', c), C('13,416', tot), C('5,000', np.linalg.norm(flat([cW, cU, cb])), 0.3727 * 13.416))),
        ('**Remarque (écrêtage tenseur par tenseur).**', lambda: ALL(
            [np.linalg.norm(g) > th for g in gs] == [True, False, False],
            E('5', th), E('13', np.linalg.norm(gW)), C('0,385', th / np.linalg.norm(gW)),
            near(pt[1], gU), near(pt[2], gb)), '4.12'),
        ('Chaque tenseur ayant une norme au plus', lambda: ALL(all(np.linalg.norm(g) <= th + 1e-12 for g in pt),
                                                              E('5', pt_norm)), '4.12'),
        ("Par conséquent, avec un taux", lambda: ALL(E('0,1', 0.1), E('0,1', 0.1), E('5', pt_norm), E('0,5', 0.1 * pt_norm),
                                                     abs(0.1 * pt_norm - 0.1 * np.linalg.norm(flat([cW, cU, cb]))) < 1e-9)),
        ('**Remarque (écrêtage par valeur).**', lambda: ALL(E('-5', -th), E('5', th),
                                                           int(np.sum(val != flat(gs))) == 1, E('12', flat(gs)[val != flat(gs)][0]),
                                                           E('5', val[val != flat(gs)][0]),
                                                           E('61', val @ val), C('7,81', np.linalg.norm(val)),
                                                           np.linalg.norm(val) > th,
                                                           abs(val @ flat(gs) / (np.linalg.norm(val) * tot) - 1) > 1e-3)),
        ("En PyTorch, l'écrêtage par norme globale", GIVEN),
        ('total_norm = torch.nn.utils.clip_grad_norm_', lambda: E('5.0', th)),
        ('# total_norm vaut', lambda: C('13.416', tot)),
        ('La valeur renvoyée est utile', GIVEN),
    ]

# ======================================================================= 05
def lstm_rows(X, H, Cp, P):
    """d2l row-vector LSTM step (9.2.1-9.2.3)."""
    I = sig(X @ P['Wxi'] + H @ P['Whi'] + P['bi'])
    F = sig(X @ P['Wxf'] + H @ P['Whf'] + P['bf'])
    O = sig(X @ P['Wxo'] + H @ P['Who'] + P['bo'])
    Ct = np.tanh(X @ P['Wxc'] + H @ P['Whc'] + P['bc'])
    C = F * Cp + I * Ct
    return O * np.tanh(C), C, dict(I=I, F=F, O=O, Ct=Ct)

def lstm_params(d, h):
    P = {}
    for g in 'ifoc':
        P['Wx' + g] = rand(d, h); P['Wh' + g] = rand(h, h); P['b' + g] = rand(1, h)
    return P

@register('05_lstm_jiyiyuan_tidu_zh.md')
def f05():
    n, d, h = 3, 4, 5
    def shapes():
        P = lstm_params(d, h); X, H, Cp = rand(n, d), rand(n, h), rand(n, h)
        Hn, C, G = lstm_rows(X, H, Cp, P)
        return all(G[k].shape == (n, h) for k in G) and Hn.shape == C.shape == (n, h) and P['bi'].shape == (1, h)
    # gates treated as given inputs
    def cell(F, I, Ct, O, Cp):
        C = F * Cp + I * Ct
        return O * np.tanh(C), C
    def direct():
        F, I, Ct, Cp = sig(rand(h)), sig(rand(h)), np.tanh(rand(h)), rand(h)
        J = jac(lambda c: cell(F, I, Ct, 1.0, c)[1], Cp)
        ok = near(J, np.diag(F))
        # k steps with fixed gates
        k = 4; Fs = [sig(rand(h)) for _ in range(k)]; Is = [sig(rand(h)) for _ in range(k)]; Cs = [np.tanh(rand(h)) for _ in range(k)]
        def run(c):
            for j in range(k):
                c = Fs[j] * c + Is[j] * Cs[j]
            return c
        ok &= near(jac(run, Cp), np.diag(np.prod(Fs, axis=0)))
        return ok
    def upstream():
        F, I, Ct, O, Cp = sig(rand(n, h)), sig(rand(n, h)), np.tanh(rand(n, h)), sig(rand(n, h)), rand(n, h)
        dH, dCn = rand(n, h), rand(n, h)
        L = lambda F=F, I=I, Ct=Ct, O=O, Cp=Cp: np.sum(dH * cell(F, I, Ct, O, Cp)[0]) + np.sum(dCn * cell(F, I, Ct, O, Cp)[1])
        C = F * Cp + I * Ct
        dC = dH * O * (1 - np.tanh(C) ** 2) + dCn
        return dict(
            line1=near(grad(lambda C_: np.sum(dH * O * np.tanh(C_)) + np.sum(dCn * C_), C), dC)
                  and near(grad(lambda v: L(O=v), O), dH * np.tanh(C)),
            line2=near(grad(lambda v: L(F=v), F), dC * Cp) and near(grad(lambda v: L(I=v), I), dC * Ct)
                  and near(grad(lambda v: L(Ct=v), Ct), dC * I) and near(grad(lambda v: L(Cp=v), Cp), dC * F))
    def preact():
        z = rand(6); ok = near(grad(lambda v: np.sum(sig(v)), z), sig(z) * (1 - sig(z)))
        A, Cp, dC = rand(n, h), rand(n, h), rand(n, h)
        Fv = sig(A); dF = dC * Cp
        ok &= near(grad(lambda a: np.sum(dC * sig(a) * Cp), A), dF * Fv * (1 - Fv))
        return ok
    def wgrads():
        P = lstm_params(d, h); X, H, Cp = rand(n, d), rand(n, h), rand(n, h); GH, GC = rand(n, h), rand(n, h)
        def L(key, v):
            Q = dict(P); Q[key] = v
            Hn, C, _ = lstm_rows(X, H, Cp, Q)
            return np.sum(GH * Hn) + np.sum(GC * C)
        Hn, C, G = lstm_rows(X, H, Cp, P)
        dC = GH * G['O'] * (1 - np.tanh(C) ** 2) + GC
        dAf = dC * Cp * G['F'] * (1 - G['F'])
        gx, gh_, gb = grad(lambda v: L('Wxf', v), P['Wxf']), grad(lambda v: L('Whf', v), P['Whf']), grad(lambda v: L('bf', v), P['bf'])
        return (near(gx, X.T @ dAf) and near(gh_, H.T @ dAf) and near(gb, np.ones((1, n)) @ dAf)
                and gx.shape == (d, h) and gh_.shape == (h, h) and gb.shape == (1, h))
    # scalar example
    Cp, F, I, Ct, O = 0.5, 0.8, 0.6, -0.4, 0.7
    Cc = F * Cp + I * Ct; th = math.tanh(Cc); Hh = O * th
    dC = 1 * O * (1 - th ** 2); dCr = 0.7 * (1 - 0.1586 ** 2)
    Lsc = lambda F=F, I=I, Ct=Ct, O=O, Cp=Cp: O * math.tanh(F * Cp + I * Ct)
    dd = lambda f, x, e=1e-6: (f(x + e) - f(x - e)) / (2 * e)
    return [
        ('假设有 $h$ 个隐藏单元', shapes),
        ('\\mathbf{I}_t &= \\sigma(\\mathbf{X}_t \\mathbf{W}_{xi} + \\mathbf{H}_{t-1} \\mathbf{W}_{hi} + \\mathbf{b}_i),\\\\', GIVEN),
        ('\\mathbf{F}_t &= \\sigma(\\mathbf{X}_t \\mathbf{W}_{xf} + \\mathbf{H}_{t-1} \\mathbf{W}_{hf} + \\mathbf{b}_f),\\\\', GIVEN),
        ('\\mathbf{O}_t &= \\sigma(\\mathbf{X}_t \\mathbf{W}_{xo} + \\mathbf{H}_{t-1} \\mathbf{W}_{ho} + \\mathbf{b}_o),', GIVEN),
        ('其中 $\\mathbf{W}_{xi}', lambda: ALL(shapes(), E('1', 1))),
        ('$$\\tilde{\\mathbf{C}}_t = \\text{tanh}(\\mathbf{X}_t \\mathbf{W}_{xc} + \\mathbf{H}_{t-1} \\mathbf{W}_{hc} + \\mathbf{b}_c). \\tag{9.2.2}$$', GIVEN, '9.2'),
        ('输入门控制采用多少', GIVEN),
        ('$$\\mathbf{C}_t = \\mathbf{F}_t \\odot \\mathbf{C}_{t-1} + \\mathbf{I}_t \\odot \\tilde{\\mathbf{C}}_t, \\qquad \\mathbf{H}_t = \\mathbf{O}_t \\odot \\tanh(\\mathbf{C}_t). \\tag{9.2.3}$$', GIVEN, '9.2'),
        ('为什么 LSTM 能缓解梯度消失', lambda: ALL(repeat(direct, 1)), '9.2'),
        ('$$\\frac{\\partial \\mathbf{C}_t}{\\partial \\mathbf{C}_{t-1}} = \\mathbf{F}_t, \\qquad \\frac{\\partial \\mathbf{C}_t}{\\partial \\mathbf{C}_{t-k}} = \\mathbf{F}_t \\odot \\mathbf{F}_{t-1} \\odot \\cdots \\odot \\mathbf{F}_{t-k+1}. \\tag{9.2.4}$$', lambda: repeat(direct, 3), '9.2'),
        ('这里没有权重矩阵', lambda: ALL(E('0.99', 0.99), E('50', 50), C('0.605', 0.99 ** 50),
                                        E('0.95', 0.95), C('0.0769', 0.95 ** 50)), '1 0.99 50 0.95 50'),
        ('反向传播时，记', GIVEN),
        ('\\mathrm{d}\\mathbf{C}_t &= \\mathrm{d}\\mathbf{H}_t \\odot \\mathbf{O}_t \\odot \\big(1 - \\tanh^2(\\mathbf{C}_t)\\big) + \\mathrm{d}\\mathbf{C}_t^{\\text{next}}, \\qquad \\mathrm{d}\\mathbf{O}_t = \\mathrm{d}\\mathbf{H}_t \\odot \\tanh(\\mathbf{C}_t),\\\\', lambda: all(upstream()['line1'] for _ in range(3)), '1 2'),
        ('\\mathrm{d}\\mathbf{F}_t &= \\mathrm{d}\\mathbf{C}_t \\odot \\mathbf{C}_{t-1}, \\qquad \\mathrm{d}\\mathbf{I}_t = \\mathrm{d}\\mathbf{C}_t \\odot \\tilde{\\mathbf{C}}_t, \\qquad \\mathrm{d}\\tilde{\\mathbf{C}}_t = \\mathrm{d}\\mathbf{C}_t \\odot \\mathbf{I}_t, \\qquad \\mathrm{d}\\mathbf{C}_{t-1} = \\mathrm{d}\\mathbf{C}_t \\odot \\mathbf{F}_t.', lambda: all(upstream()['line2'] for _ in range(3))),
        ('再经过 sigmoid 的导数', lambda: repeat(preact, 3), '1 1'),
        ('$$\\frac{\\partial L}{\\partial \\mathbf{W}_{xf}} = \\mathbf{X}_t^\\top \\mathrm{d}\\mathbf{A}_f \\in \\mathbb{R}^{d \\times h}, \\qquad \\frac{\\partial L}{\\partial \\mathbf{W}_{hf}} = \\mathbf{H}_{t-1}^\\top \\mathrm{d}\\mathbf{A}_f \\in \\mathbb{R}^{h \\times h}, \\qquad \\frac{\\partial L}{\\partial \\mathbf{b}_f} = \\mathbf{1}_n^\\top \\mathrm{d}\\mathbf{A}_f \\in \\mathbb{R}^{1 \\times h}. \\tag{9.2.6}$$', lambda: repeat(wgrads, 2), '1 1 9.2'),
        ('（这里只写了当前时间步的贡献', GIVEN),
        ('取 $h = n = 1$', GIVEN, '*'),
        ('- 前向：', lambda: ALL(E('0.8', F), E('0.5', Cp), E('0.6', I), E('-0.4', Ct), E('0.16', Cc), E('0.16', Cc),
                               C('0.1586', th), E('0.7', O), C('0.1586', th), C('0.111', Hh, 0.7 * 0.1586))),
        ('- $\\mathrm{d}C_t = 1 \\times 0.7', lambda: ALL(abs(dd(lambda c: Lsc() * 0 + O * math.tanh(c), Cc) - dC) < 1e-8,
                                                        E('1', 1), E('0.7', O), C('0.1586', th), C('0.6824', dC, dCr),
                                                        abs(dd(lambda o: Lsc(O=o), O) - th) < 1e-8, C('0.1586', th)), '1 2'),
        ('- $\\mathrm{d}C_{t-1} = 0.6824', lambda: ALL(
            abs(dd(lambda c: Lsc(Cp=c), Cp) - dC * F) < 1e-8, C('0.6824', dC), E('0.8', F), C('0.5459', dC * F, 0.6824 * F),
            abs(dd(lambda f: Lsc(F=f), F) - dC * Cp) < 1e-8, C('0.6824', dC), E('0.5', Cp), C('0.3412', dC * Cp, 0.6824 * Cp),
            abs(dd(lambda i: Lsc(I=i), I) - dC * Ct) < 1e-8, C('0.6824', dC), E('-0.4', Ct), C('-0.2730', dC * Ct, 0.6824 * Ct),
            abs(dd(lambda c: Lsc(Ct=c), Ct) - dC * I) < 1e-8, C('0.6824', dC), E('0.6', I), C('0.4094', dC * I, 0.6824 * I))),
        ('- 遗忘门预激活', lambda: ALL(C('0.3412', dC * Cp), E('0.8', F), E('0.2', 1 - F),
                                      C('0.0546', dC * Cp * F * (1 - F), 0.3412 * 0.8 * 0.2))),
        ('可以看到，传回', lambda: ALL(C('0.5459', dC * F), E('80', 100 * F), E('0.8', F))),
        ('1. 如果 $\\mathbf{F}_t$ 恒等于', GIVEN, '*'),
        ('2. 上面的“直接通路”', GIVEN),
    ]

# ======================================================================= 06
def gru_col(x, h, P, az_shift=0.0):
    az = P['Wz'] @ x + P['Uz'] @ h + P['bz'] + az_shift
    z = sig(az)
    r = sig(P['Wr'] @ x + P['Ur'] @ h + P['br'])
    ht = np.tanh(P['Wh'] @ x + P['Uh'] @ (r * h) + P['bh'])
    return z * h + (1 - z) * ht, dict(z=z, r=r, ht=ht, az=az)

def gru_params(d, n):
    P = {}
    for g in 'zrh':
        P['W' + g] = rand(n, d); P['U' + g] = rand(n, n); P['b' + g] = rand(n)
    return P

@register('06_gru_puerta_actualizacion_es.md', comma=True)
def f06():
    d, n = 3, 4
    def shapes():
        P = gru_params(d, n); hn, G = gru_col(rand(d), rand(n), P)
        return hn.shape == (n,) and P['Wz'].shape == (n, d) and P['Uz'].shape == (n, n)
    comb = lambda z, hp, ht: z * hp + (1 - z) * ht
    def convex():
        z, hp, ht = sig(rand(n)), rand(n), rand(n); hn = comb(z, hp, ht)
        lo, hi = np.minimum(hp, ht), np.maximum(hp, ht)
        ok = np.all(lo - 1e-12 <= hn) and np.all(hn <= hi + 1e-12)
        ok &= near(comb(np.ones(n), hp, ht), hp) and near(comb(np.zeros(n), hp, ht), ht)
        ok &= near(jac(lambda v: comb(z, v, ht), hp), np.diag(z))
        return ok
    def dhdz_claim():          # (6.11) as printed: diag(h~ - h_{t-1})
        z, hp, ht = sig(rand(n)), rand(n), rand(n)
        return near(jac(lambda v: comb(v, hp, ht), z), np.diag(ht - hp))
    def eq12():
        z, hp, ht, dl = sig(rand(n)), rand(n), rand(n), rand(n); az = np.log(z / (1 - z))
        first = near(grad(lambda v: dl @ comb(v, hp, ht), z), dl * (ht - hp))
        dLdz = grad(lambda v: dl @ comb(v, hp, ht), z)
        second = near(grad(lambda a: dl @ comb(sig(a), hp, ht), az), dLdz * z * (1 - z))
        return first and second
    def eq13():
        P = gru_params(d, n); x, h, dl = rand(d), rand(n), rand(n)
        hn, G = gru_col(x, h, P)
        # gradient of L = dl . h_t with respect to the gate parameters through a_z only
        gaz = grad(lambda s: dl @ gru_col(x, h, P, s)[0], np.zeros(n))
        def L(key, v):
            Q = dict(P); Q[key] = v
            return dl @ gru_col(x, h, Q)[0]
        gU = grad(lambda v: L('Uz', v), P['Uz'])
        # U_z also enters nowhere else, so its full gradient is the gate term
        return (near(gU, np.outer(gaz, h)) and gU.shape == (n, n)
                and near(grad(lambda v: L('Wz', v), P['Wz']), np.outer(gaz, x))
                and near(grad(lambda v: L('bz', v), P['bz']), gaz))
    hp, ht, az, x, dl = 0.5, -0.2, 0.4, 2.0, 1.5
    z = sig(az); hn = z * hp + (1 - z) * ht
    dd = lambda f, v, e=1e-6: (f(v + e) - f(v - e)) / (2 * e)
    dhdz = dd(lambda v: v * hp + (1 - v) * ht, z)            # true value +0.7
    dLdz = dl * dhdz; sp = z * (1 - z); dLda = dLdz * sp
    return [
        ('En estos apuntes seguimos la convención', shapes, '2014'),
        ('\\mathbf{z}_t &= \\sigma(\\mathbf{W}_z \\mathbf{x}_t + \\mathbf{U}_z \\mathbf{h}_{t-1} + \\mathbf{b}_z) && \\text{(puerta de actualización)} \\tag{6.7}\\\\', GIVEN, '*'),
        ('\\mathbf{r}_t &= \\sigma(\\mathbf{W}_r \\mathbf{x}_t + \\mathbf{U}_r \\mathbf{h}_{t-1} + \\mathbf{b}_r) && \\text{(puerta de reinicio)} \\tag{6.8}\\\\', GIVEN, '*'),
        ('\\tilde{\\mathbf{h}}_t &= \\tanh\\big(\\mathbf{W}_h \\mathbf{x}_t + \\mathbf{U}_h (\\mathbf{r}_t \\odot \\mathbf{h}_{t-1}) + \\mathbf{b}_h\\big) && \\text{(estado candidato)} \\tag{6.9}\\\\', GIVEN, '*'),
        ('\\mathbf{h}_t &= \\mathbf{z}_t \\odot \\mathbf{h}_{t-1} + (\\mathbf{1} - \\mathbf{z}_t) \\odot \\tilde{\\mathbf{h}}_t && \\text{(nuevo estado)} \\tag{6.10}', GIVEN, '*'),
        ('Llamamos $\\mathbf{a}_z', GIVEN),
        ('**Interpretación.**', lambda: repeat(convex, 4), '6.10 1 0 1'),
        ('> **Ojo:**', GIVEN, '*'),
        ('Tomamos una sola unidad', GIVEN, '*'),
        ('- $z_t = \\sigma(0{,}4)', lambda: ALL(E('0,4', az), E('1', 1), E('1', 1), E('-0,4', -az), C('0,5987', z),
                                                E('1', 1), C('0,4013', 1 - z))),
        ('- $h_t = 0{,}5987 \\cdot 0{,}5', lambda: ALL(C('0,5987', z), E('0,5', hp), C('0,4013', 1 - z), E('-0,2', ht),
                                                      C('0,219', hn, 0.5987 * 0.5 + 0.4013 * -0.2))),
        ('## Derivadas respecto a', GIVEN),
        ('Sea $\\boldsymbol{\\delta}_t = \\partial L', GIVEN, '1 6.10'),
        ('$$\\frac{\\partial \\mathbf{h}_t}{\\partial \\mathbf{z}_t} = \\operatorname{diag}\\big(\\tilde{\\mathbf{h}}_t - \\mathbf{h}_{t-1}\\big). \\tag{6.11}$$', lambda: repeat(dhdz_claim, 3), '6.11'),
        ('$$\\frac{\\partial L}{\\partial \\mathbf{z}_t} = \\boldsymbol{\\delta}_t \\odot (\\tilde{\\mathbf{h}}_t - \\mathbf{h}_{t-1}), \\qquad \\frac{\\partial L}{\\partial \\mathbf{a}_z} = \\frac{\\partial L}{\\partial \\mathbf{z}_t} \\odot \\mathbf{z}_t \\odot (\\mathbf{1} - \\mathbf{z}_t), \\tag{6.12}$$', lambda: repeat(eq12, 3), '1 6.12'),
        ('$$\\frac{\\partial L}{\\partial \\mathbf{U}_z} = \\frac{\\partial L}{\\partial \\mathbf{a}_z}\\, \\mathbf{h}_{t-1}^\\top \\in \\mathbb{R}^{n \\times n}, \\qquad \\frac{\\partial L}{\\partial \\mathbf{W}_z} = \\frac{\\partial L}{\\partial \\mathbf{a}_z}\\, \\mathbf{x}_t^\\top \\in \\mathbb{R}^{n \\times d}, \\qquad \\frac{\\partial L}{\\partial \\mathbf{b}_z} = \\frac{\\partial L}{\\partial \\mathbf{a}_z}. \\tag{6.13}$$', lambda: repeat(eq13, 3), '6.13'),
        ('En BPTT estas contribuciones', GIVEN),
        ('Con los valores de antes', lambda: E('1,5', dl)),
        ('1. $\\partial h_t / \\partial z_t', lambda: ALL(E('-0,2', ht), E('0,5', hp), C('-0,7', dhdz))),
        ('2. $\\partial L / \\partial z_t', lambda: ALL(E('1,5', dl), C('-0,7', dhdz), C('-1,05', dLdz))),
        ("3. $\\sigma'(a_z)", lambda: ALL(abs(dd(sig, az) - sp) < 1e-9, E('1', 1), C('0,5987', z), C('0,4013', 1 - z),
                                          C('0,2403', sp, 0.5987 * 0.4013), C('-1,05', dLdz), C('0,2403', sp),
                                          C('-0,2523', dLda))),
        ('4. $\\partial L / \\partial U_z', lambda: ALL(C('-0,2523', dLda), E('0,5', hp), C('-0,1261', dLda * hp),
                                                       C('-0,2523', dLda), E('2', x), C('-0,5046', dLda * x))),
        ('Con descenso por gradiente', lambda: ALL(E('0,1', 0.1), E('0,1', 0.1), C('-0,1261', dLda * hp),
                                                   C('0,0126', -0.1 * dLda * hp))),
    ]

# ======================================================================= 07
def torch_rnn_params(kind, d, h, layers=1, bidir=False):
    """parameter tensors as torch.nn.LSTM / torch.nn.GRU lay them out (documented shapes)."""
    G = {'LSTM': 4, 'GRU': 3}[kind]; P = {}
    dirs = ['', '_reverse'] if bidir else ['']
    for l in range(layers):
        inp = d if l == 0 else h * len(dirs)
        for s in dirs:
            P[f'weight_ih_l{l}{s}'] = np.zeros((G * h, inp)); P[f'weight_hh_l{l}{s}'] = np.zeros((G * h, h))
            P[f'bias_ih_l{l}{s}'] = np.zeros(G * h); P[f'bias_hh_l{l}{s}'] = np.zeros(G * h)
    return P

def count(P):
    return sum(p.size for p in P.values())

def keras_lstm_count(d, h):
    kernel, rec, bias = np.zeros((d, 4 * h)), np.zeros((h, 4 * h)), np.zeros(4 * h)
    return kernel.size + rec.size + bias.size

@register('07_chislo_parametrov_lstm_ru.md', comma=True)
def f07():
    def block():
        d, h = 7, 5
        W, V, b = np.zeros((h, d)), np.zeros((h, h)), np.zeros(h)
        return W.size + V.size + b.size == h * d + h ** 2 + h
    def eq22():
        return all(4 * (h * d + h * h + h) == 4 * h * (d + h + 1) == keras_lstm_count(d, h)
                   for d in range(1, 30, 7) for h in range(1, 40, 9))
    def layout():
        d, h = 6, 5; P = torch_rnn_params('LSTM', d, h)
        return (P['weight_ih_l0'].shape == (4 * h, d) and P['weight_hh_l0'].shape == (4 * h, h)
                and P['bias_ih_l0'].shape == P['bias_hh_l0'].shape == (4 * h,))
    def eq23():
        return all(count(torch_rnn_params('LSTM', d, h)) == 4 * h * (d + h + 2) for d in (3, 10, 100) for h in (2, 17, 128))
    def lstm_bias_redundant():
        d, h = 3, 4; W, V = rand(4 * h, d), rand(4 * h, h); b1, b2 = rand(4 * h), rand(4 * h); s = rand(4 * h)
        x, hp = rand(d), rand(h)
        pre = lambda bi, bh: W @ x + V @ hp + bi + bh
        return near(pre(b1, b2), pre(b1 + s, b2 - s))
    def gru_bias_not_redundant():
        h = 4; r = sig(rand(h)); Wh = rand(h, h); hp = rand(h); bhn = rand(h); Wx = rand(h, 3); x = rand(3); bin_ = rand(h)
        n1 = np.tanh(Wx @ x + bin_ + r * (Wh @ hp + bhn))
        n2 = np.tanh(Wx @ x + (bin_ + bhn) + r * (Wh @ hp))     # folding b_hn into b_in changes the function
        return not near(n1, n2, 1e-3)
    def eq24():
        return all(count(torch_rnn_params('GRU', d, h)) == 3 * h * (d + h + 2) for d in (3, 10, 100) for h in (2, 17, 128))
    d, h = 100, 128
    P1 = torch_rnn_params('LSTM', d, h); PB = torch_rnn_params('LSTM', d, h, 1, True)
    P2 = torch_rnn_params('LSTM', d, h, 2, True)
    l1 = sum(v.size for k, v in P2.items() if '_l0' in k); l2 = sum(v.size for k, v in P2.items() if '_l1' in k)
    l2dir = sum(v.size for k, v in P2.items() if k.endswith('_l1'))
    out_dim = 2 * h                              # concatenated directions
    return [
        ('Пусть $d$ — размерность входного', GIVEN),
        ('$$\\mathbf{u}_t = \\varphi\\big(\\mathbf{W}_{u}\\mathbf{x}_t + \\mathbf{V}_{u}\\mathbf{h}_{t-1} + \\mathbf{b}_{u}\\big), \\qquad \\mathbf{W}_u \\in \\mathbb{R}^{h \\times d},\\ \\ \\mathbf{V}_u \\in \\mathbb{R}^{h \\times h},\\ \\ \\mathbf{b}_u \\in \\mathbb{R}^{h}, \\tag{8.21}$$', GIVEN, '*'),
        ('где $\\varphi$ — сигмоида', block, '2'),
        ('$$N_{\\text{LSTM}} = 4\\,(hd + h^2 + h) = 4h\\,(d + h + 1). \\tag{8.22}$$', eq22, '4 2 4 1 8.22'),
        ('**Двойное смещение в PyTorch.**', layout, '4 4 4'),
        ('$$N_{\\text{LSTM}}^{\\text{PyTorch}} = 4h\\,(d + h + 2). \\tag{8.23}$$', eq23, '4 2 8.23'),
        ('Для LSTM второе смещение избыточно', lambda: ALL(lstm_bias_redundant(), gru_bias_not_redundant())),
        ('$$N_{\\text{GRU}}^{\\text{PyTorch}} = 3h\\,(d + h + 2). \\tag{8.24}$$', eq24, '3 2 8.24'),
        ('**Пример 8.5.**', GIVEN, '*'),
        ('1. По формуле (8.22)', lambda: ALL(E('4', 4), E('128', h), E('100', d), E('128', h), E('1', 1), E('512', 4 * h),
                                             E('229', d + h + 1), E('117248', 4 * h * (d + h + 1)),
                                             keras_lstm_count(d, h) == 4 * h * (d + h + 1)), '8.22'),
        ('2. В PyTorch по (8.23)', lambda: ALL(E('512', 4 * h), E('230', d + h + 2), E('117760', count(P1)),
                                               E('512', count(P1) - keras_lstm_count(d, h)),
                                               C('0,44', 100 * (count(P1) - keras_lstm_count(d, h)) / keras_lstm_count(d, h))), '8.23'),
        ('3. GRU в PyTorch по (8.24)', lambda: ALL(E('3', 3), E('128', h), E('230', d + h + 2),
                                                   E('88320', count(torch_rnn_params('GRU', d, h)))), '8.24'),
        ('**Двунаправленные и многослойные сети.**', lambda: ALL(E('2', len(PB) // len(P1)), E('117760', count(P1)),
                                                                  E('235520', count(PB)), E('2', 2), E('256', out_dim)),
         '100 128'),
        ('Рассмотрим теперь `nn.LSTM(100, 128, num_layers=2', lambda: ALL(E('128', P2['weight_ih_l1'].shape[1]),
                                                                          E('512', P2['weight_ih_l1'].shape[0]),
                                                                          E('128', P2['weight_ih_l1'].shape[1])), '100 128 2'),
        ('Число параметров одного направления второго слоя', lambda: E('128', P2['weight_ih_l1'].shape[1]), '8.23'),
        ('$$4 \\cdot 128 \\cdot (128 + 128 + 2) = 512 \\cdot 258 = 132\\,096,$$', lambda: ALL(E('4', 4), E('128', h), E('128', P2['weight_ih_l1'].shape[1]),
                                                            E('128', h), E('2', 2), E('512', 4 * h),
                                                            E('258', P2['weight_ih_l1'].shape[1] + h + 2), E('132096', l2dir))),
        ('для двух направлений $2 \\cdot 132', lambda: ALL(E('2', 2), E('132096', l2dir), E('264192', l2))),
        ('$$N = 235\\,520 + 264\\,192 = 499\\,712. \\tag{8.25}$$', lambda: ALL(E('235520', l1), E('264192', l2), E('499712', count(P2))), '8.25'),
        ('sum(p.numel() for p in nn.LSTM', lambda: count(torch_rnn_params('LSTM', 100, 128, 2, True)) > 0, '100 128 2'),
        ('**Упражнение.**', GIVEN, '*'),
    ]

# ======================================================================= 08
@register('08_bahdanau_attention_ja.md')
def f08():
    s = np.array([1.0, 0.0]); Hs = np.array([[1.0, 0], [0, 1], [-1, 1]]); v = np.array([0.5, 1.0])
    Z = s + Hs; Tz = np.tanh(Z); e = Tz @ v; ex = np.exp(e); a = ex / ex.sum(); c = a @ Hs
    Tr = np.round(Tz, 4); er = Tr @ v; exr = np.round(np.exp(np.round(er, 4)), 4)
    ar = np.array([0.2348, 0.4546, 0.3106]); cr = ar @ Hs
    def bahdanau(sv, Wa, Ua, va, H):
        ee = np.array([va @ np.tanh(Wa @ sv + Ua @ hj) for hj in H])
        al = softmax(ee)
        return ee, al, al @ H
    def general_shapes():
        n, npr, T = 3, 4, 5
        Wa, Ua, va, sv, H = rand(npr, n), rand(npr, 2 * n), rand(npr), rand(n), rand(T, 2 * n)
        ee, al, cc = bahdanau(sv, Wa, Ua, va, H)
        return ee.shape == (T,) and cc.shape == (2 * n,) and abs(al.sum() - 1) < 1e-12
    def precompute():
        n, npr, T = 3, 4, 5
        Wa, Ua, va, H = rand(npr, n), rand(npr, 2 * n), rand(npr), rand(T, 2 * n)
        pre = H @ Ua.T                      # U_a h_j for every j, once
        return all(near(bahdanau(sv, Wa, Ua, va, H)[0], np.tanh(Wa @ sv + pre) @ va)
                   for sv in [rand(n) for _ in range(3)])
    def eq13():
        n, npr = 3, 4
        Wa, Ua, va, sv, hj = rand(npr, n), rand(npr, 2 * n), rand(npr), rand(n), rand(2 * n)
        z = Wa @ sv + Ua @ hj
        return near(grad(lambda x: va @ np.tanh(Wa @ x + Ua @ hj), sv), Wa.T @ (va * (1 - np.tanh(z) ** 2)))
    def sm_jac():
        ee = rand(5); al = softmax(ee)
        J = jac(softmax, ee)
        return near(J, al[:, None] * (np.eye(5) - al[None, :]))
    def eq14():
        H = rand(5, 4); ee = rand(5); al = softmax(ee); cc = al @ H
        J = jac(lambda x: softmax(x) @ H, ee)                     # J[:, j] = d c / d e_j
        mid = np.stack([sum(al[k] * ((k == j) - al[j]) * H[k] for k in range(5)) for j in range(5)], axis=1)
        right = np.stack([al[j] * (H[j] - cc) for j in range(5)], axis=1)
        return near(J, mid) and near(J, right)
    g13 = grad(lambda x: v @ np.tanh(np.eye(2) @ x + Hs[1]), s)
    d14 = jac(lambda x: softmax(x) @ Hs, e)[:, 1]
    return [
        ('エンコーダ・デコーダモデルでは', GIVEN, '1 2015'),
        ('デコーダの時刻 $i$ における', lambda: general_shapes(), '3 1 2'),
        ('$$e_{ij} = \\boldsymbol{v}_a^\\top \\tanh\\!\\big(\\boldsymbol{W}_a \\boldsymbol{s}_{i-1} + \\boldsymbol{U}_a \\boldsymbol{h}_j\\big), \\tag{8.10}$$', GIVEN, '8.10'),
        ('$$\\alpha_{ij} = \\frac{\\exp(e_{ij})}{\\sum_{k=1}^{T_x} \\exp(e_{ik})}, \\tag{8.11}$$', GIVEN, '8.11'),
        ('$$\\boldsymbol{c}_i = \\sum_{j=1}^{T_x} \\alpha_{ij}\\, \\boldsymbol{h}_j. \\tag{8.12}$$', GIVEN, '8.12'),
        ('注意の隠れ層の次元を', lambda: ALL(general_shapes(), precompute()), '2'),
        ('簡単のため、すべてのベクトルを', GIVEN, '*'),
        ('1. $\\tanh$ の引数', lambda: ALL(CV(['2', '0'], Z[0]), CV(['1', '1'], Z[1]), CV(['0', '1'], Z[2]))),
        ('2. $\\tanh$ をとると', lambda: CV(['0.9640', '0', '0.7616', '0.7616', '0', '0.7616'], Tz)),
        ('3. スコアは', lambda: ALL(E('0.5', v[0]), C('0.9640', Tz[0, 0]), C('0.4820', e[0], er[0]),
                                   E('0.5', v[0]), C('0.7616', Tz[1, 0]), C('0.7616', Tz[1, 1]), C('1.1424', e[1], er[1]),
                                   C('0.7616', e[2]))),
        ('4. 指数をとると', lambda: ALL(C('0.4820', e[0]), C('1.6193', ex[0], exr[0]), C('1.1424', e[1]),
                                       C('3.1343', ex[1], exr[1]), C('0.7616', e[2]), C('2.1417', ex[2], exr[2]),
                                       C('6.8953', ex.sum(), exr.sum()))),
        ('5. よって注意の重みは', lambda: ALL(CV(['0.2348', '0.4546', '0.3106'], a, exr / exr.sum()), E('1', a.sum()),
                                             abs(ar.sum() - 1) < 1e-12)),
        ('6. 文脈ベクトルは', lambda: ALL(C('0.2348', a[0]), EV(['1', '0'], Hs[0]), C('0.4546', a[1]), EV(['0', '1'], Hs[1]),
                                         C('0.3106', a[2]), EV(['-1', '1'], Hs[2]), CV(['-0.0758', '0.7652'], c, cr))),
        ('デコーダは位置 2 に最も強く', lambda: ALL(E('2', np.argmax(a) + 1), Hs[0, 0] * Hs[2, 0] < 0,
                                                  abs(c[0]) < 0.5 * min(a[0], a[2])), '1 1'),
        ('学習時には誤差がスコアを通って', GIVEN),
        ('$$\\frac{\\partial e_{ij}}{\\partial \\boldsymbol{s}_{i-1}} = \\boldsymbol{W}_a^\\top \\Big(\\boldsymbol{v}_a \\odot \\big(\\boldsymbol{1} - \\tanh^2(\\boldsymbol{z}_{ij})\\big)\\Big), \\tag{8.13}$$', lambda: repeat(eq13, 4), '1 2 8.13'),
        ('また、ソフトマックスの微分', lambda: repeat(sm_jac, 3), '8.12'),
        ('$$\\frac{\\partial \\boldsymbol{c}_i}{\\partial e_{ij}} = \\sum_k \\alpha_{ik}(\\delta_{kj} - \\alpha_{ij})\\,\\boldsymbol{h}_k = \\alpha_{ij}\\,(\\boldsymbol{h}_j - \\boldsymbol{c}_i) \\tag{8.14}$$', lambda: repeat(eq14, 3), '8.14'),
        ('を得る。数値例の $j = 2$ では', lambda: ALL(
            E('2', 2), EV(['1', '1'], Z[1]), E('1', 1), C('0.7616', Tz[1, 0]), E('2', 2), E('1', 1), C('0.7616', Tz[1, 1]), E('2', 2),
            CV(['0.4200', '0.4200'], 1 - Tz[1] ** 2, 1 - 0.7616 ** 2 * np.ones(2)), near(g13, v * (1 - Tz[1] ** 2)),
            CV(['0.2100', '0.4200'], g13, v * 0.4200),
            C('0.4546', a[1]), EV(['0', '1'], Hs[1]), CV(['-0.0758', '0.7652'], c, cr),
            CV(['0.034', '0.107'], d14, 0.4546 * (Hs[1] - np.array([-0.0758, 0.7652])))), '8.13 8.14'),
        ('式 (8.14) から分かるように', lambda: near(jac(lambda x: softmax(x) @ Hs, e)[:, 1], a[1] * (Hs[1] - c)), '8.14'),
    ]

# ======================================================================= 09
@register('09_luong_attention_ko.md')
def f09():
    h = np.array([1.0, 2.0]); Hb = np.array([[1.0, 0], [0, 1], [1, -1]])
    sc = Hb @ h; ex = np.exp(sc); a = ex / ex.sum(); c = a @ Hb
    ar = np.array([0.2595, 0.7054, 0.0351]); cr = ar @ Hb
    g = np.array([0.1, -0.3, 0.2]); u = g @ Hb
    gen = lambda W, hs: h @ W @ hs
    dW = grad(lambda W: g @ np.array([gen(W, hs) for hs in Hb]), np.eye(2))   # true dL/dW_a at W_a = I
    Wnew = np.eye(2) - 0.5 * dW
    def scores_def():
        d = 4; ht, hs, W, va, Wc = rand(d), rand(d), rand(d, d), rand(d), rand(d, 2 * d)
        return abs(ht @ hs - np.dot(ht, hs)) < 1e-12 and np.isscalar(float(va @ np.tanh(Wc @ np.concatenate([ht, hs]))))
    def luong_pipeline():
        d, S = 3, 5; ht, Hs, Wc = rand(d), rand(S, d), rand(d, 2 * d)
        al = softmax(Hs @ ht); ct = al @ Hs
        hti = np.tanh(Wc @ np.concatenate([ct, ht]))
        return abs(al.sum() - 1) < 1e-12 and ct.shape == (d,) and hti.shape == (d,)
    def bmm(A, B):
        return np.einsum('bij,bjk->bik', A, B)
    B, S, d = 4, 6, 3
    enc, dec = rand(B, S, d), rand(B, d)
    score_c = bmm(enc, dec[:, :, None])[:, :, 0]
    attn_c = softmax(score_c, axis=1)
    ctx_c = bmm(attn_c[:, None, :], enc)[:, 0, :]
    def code_ok():
        return (score_c.shape == (B, S) and near(score_c[1], enc[1] @ dec[1]) and attn_c.shape == (B, S)
                and near(attn_c.sum(axis=1), np.ones(B)) and ctx_c.shape == (B, d) and near(ctx_c[2], attn_c[2] @ enc[2]))
    def expand():
        d = 3; ht, hs, W = rand(d), rand(d), rand(d, d)
        return abs(ht @ W @ hs - sum(ht[i] * W[i, j] * hs[j] for i in range(d) for j in range(d))) < 1e-12
    def claim_dscore():        # printed: d score_s / d W_a = hbar_s h_t^T
        ok = True
        for _ in range(3):
            d = 3; ht, hs, W = rand(d), rand(d), rand(d, d)
            ok &= near(grad(lambda M: ht @ M @ hs, W), np.outer(hs, ht))
        return ok
    def shape_ok():
        d = 3; ht, hs = rand(d), rand(d)
        return np.outer(hs, ht).shape == (d, d) and grad(lambda M: ht @ M @ hs, rand(d, d)).shape == (d, d)
    def claim_sum():
        ok = True
        for _ in range(3):
            d, S = 3, 4; ht, Hs, gg, W = rand(d), rand(S, d), rand(S), rand(d, d)
            num = grad(lambda M: gg @ np.array([ht @ M @ hs for hs in Hs]), W)
            ok &= near(num, sum(gg[s] * np.outer(Hs[s], ht) for s in range(S))) and near(num, np.outer(gg @ Hs, ht))
        return ok
    return [
        ('안녕하세요! 지난 글에서', GIVEN, '2015'),
        ('$$\\operatorname{score}(\\mathbf{h}_t, \\bar{\\mathbf{h}}_s) = \\begin{cases} \\mathbf{h}_t^\\top \\bar{\\mathbf{h}}_s & \\text{dot} \\\\ \\mathbf{h}_t^\\top \\mathbf{W}_a \\bar{\\mathbf{h}}_s & \\text{general} \\\\ \\mathbf{v}_a^\\top \\tanh\\!\\big(\\mathbf{W}_a [\\mathbf{h}_t; \\bar{\\mathbf{h}}_s]\\big) & \\text{concat} \\end{cases}$$', scores_def),
        ('그다음 softmax로 정렬 가중치', luong_pipeline),
        ('$d = 2$, 소스 길이 3으로', GIVEN, '*'),
        ('- $\\mathbf{h}_t = (1, 2)^\\top$', GIVEN, '*'),
        ('- $\\bar{\\mathbf{h}}_1 = (1, 0)^\\top$', GIVEN, '*'),
        ('스코어는 내적이니까', lambda: EV(['1', '2', '-1'], sc)),
        ('softmax: $e^{1}', lambda: ALL(E('1', sc[0]), C('2.7183', ex[0]), E('2', sc[1]), C('7.3891', ex[1]), E('-1', sc[2]),
                                        C('0.3679', ex[2]), C('10.475', ex.sum(), 2.7183 + 7.3891 + 0.3679))),
        ('$$a_t \\approx (0.2595,\\ 0.7054,\\ 0.0351).$$', lambda: CV(['0.2595', '0.7054', '0.0351'], a)),
        ('컨텍스트 벡터:', lambda: ALL(C('0.2595', a[0]), EV(['1', '0'], Hb[0]), C('0.7054', a[1]), EV(['0', '1'], Hb[1]),
                                      C('0.0351', a[2]), EV(['1', '-1'], Hb[2]), CV(['0.2946', '0.6703'], c, cr))),
        ('PyTorch로는 배치까지 포함해서', lambda: ALL(code_ok(), enc.shape == (B, S, d), dec.shape == (B, d))),
        ('score = torch.bmm(enc_out, dec_h.unsqueeze(2))', code_ok, '2 2'),
        ('attn = torch.softmax(score, dim=1)', code_ok, '1'),
        ('context = torch.bmm(attn.unsqueeze(1), enc_out)', code_ok, '1 1'),
        ('general 스코어는 학습 가능한', expand),
        ('$$\\frac{\\partial\\, \\operatorname{score}_s}{\\partial \\mathbf{W}_a} = \\bar{\\mathbf{h}}_s\\, \\mathbf{h}_t^\\top$$', claim_dscore),
        ('가 됩니다 ($d \\times d$', shape_ok),
        ('$$\\frac{\\partial L}{\\partial \\mathbf{W}_a} = \\sum_s g_s\\, \\bar{\\mathbf{h}}_s\\, \\mathbf{h}_t^\\top = \\Big(\\sum_s g_s \\bar{\\mathbf{h}}_s\\Big) \\mathbf{h}_t^\\top.$$', claim_sum),
        ('**숫자로 확인.**', lambda: ALL(near(np.array([gen(np.eye(2), hs) for hs in Hb]), sc),
                                       EV(['0.1', '-0.3', '0.2'], g), E('0.1', g[0]), E('0.2', g[2]), E('-0.3', g[1]),
                                       E('0.2', g[2]), EV(['0.3', '-0.5'], u))),
        ('$$\\frac{\\partial L}{\\partial \\mathbf{W}_a} = \\begin{pmatrix} 0.3 \\\\ -0.5 \\end{pmatrix} \\begin{pmatrix} 1 & 2 \\end{pmatrix} = \\begin{pmatrix} 0.3 & 0.6 \\\\ -0.5 & -1.0 \\end{pmatrix}.$$', lambda: ALL(EV(['0.3', '-0.5'], u), EV(['1', '2'], h),
                                                                   EV(['0.3', '0.6', '-0.5', '-1.0'], dW.round(9)))),
        ('학습률 $\\eta = 0.5$로', lambda: ALL(E('0.5', 0.5), E('0.5', 0.5), EV(['0.85', '-0.3', '0.25', '1.5'], Wnew.round(9)),
                                              E('1', h[0]), C('-0.3', Wnew[0, 1]), E('2', h[1]), E('1.5', Wnew[1, 1]),
                                              E('2.7', h @ Wnew @ Hb[1]), E('2', sc[1]), g[1] < 0, E('0', 0))),
        ('다음 글에서는 local attention', GIVEN),
    ]

# ======================================================================= 10
@register('10_teacher_forcing_cs224n.md')
def f10():
    def ce_onehot():
        V = 6; th = rand(V); w = RNG.integers(V); y = np.eye(V)[w]; yh = softmax(th)
        return abs(-np.sum(y * np.log(yh)) - (-np.log(yh[w]))) < 1e-12
    def teacher_forcing_parallel():
        # with gold inputs every step's input is known: running step by step == scoring all at once
        V, n, T = 5, 3, 4; E_ = rand(V, n); W = rand(n, n); U = rand(V, n); gold = RNG.integers(0, V, T + 1)
        h = np.zeros(n); seq = []
        for t in range(1, T + 1):
            h = np.tanh(W @ h + E_[gold[t - 1]]); seq.append(-np.log(softmax(U @ h)[gold[t]]))
        hs = np.zeros(n); tot = 0.0
        inputs = E_[gold[:-1]]                                   # known in advance
        for t in range(T):
            hs = np.tanh(W @ hs + inputs[t]); tot += -np.log(softmax(U @ hs)[gold[t + 1]])
        return abs(tot - sum(seq)) < 1e-12
    P = np.array([[0.5, 0.25, 0.8], [0.1, 0.6, 0.4]]); Bn, Tn = P.shape
    Lt = -np.log(P); J = Lt.mean()
    Lr = np.round(Lt, 4)
    def mean_grad():
        ok = True
        for _ in range(3):
            B, T, V = 2, 3, 5; th = rand(B, T, V); gold = RNG.integers(0, V, (B, T))
            Jf = lambda x: np.mean(-np.log(np.take_along_axis(softmax(x), gold[..., None], -1)))
            G = grad(Jf, th)
            ok &= near(G, softmax(th) - np.eye(V)[gold])           # claim (4): no 1/(BT)
        return ok
    def single():
        V = 5; th = rand(V); w = RNG.integers(V)
        return near(grad(lambda x: -np.log(softmax(x)[w]), th), softmax(th) - np.eye(V)[w])
    # example gradient: logits consistent with the printed probabilities at (b=1,t=1)
    p11 = np.array([0.5, 0.3, 0.2]); th11 = np.log(p11)
    def ex_grad(k):
        return grad(lambda x: (-np.log(softmax(x)[0]) + Lt.sum() - Lt[0, 0]) / (Bn * Tn), th11)[k]
    def lr_claim():
        # gradient size independent of B*T?  compare B*T = 6 vs 12 (duplicate batch)
        V = 4; th = rand(2, 3, V); gold = RNG.integers(0, V, (2, 3))
        Jf = lambda x, g: np.mean(-np.log(np.take_along_axis(softmax(x), g[..., None], -1)))
        g1 = grad(lambda x: Jf(x, gold), th)[0, 0]
        th2 = np.concatenate([th, rand(2, 3, V)]); gold2 = np.concatenate([gold, RNG.integers(0, V, (2, 3))])
        g2 = grad(lambda x: Jf(x, gold2), th2)[0, 0]
        return near(g1, g2)
    m = np.ones((2, 3)); m[1, 2] = 0; N = m.sum(); Jm = (Lt * m).sum() / N
    def torch_mean():
        # reduction='mean' with ignore_index: sum over non-ignored targets / their count
        return abs(Jm - Lt[m == 1].mean()) < 1e-12
    return [
        ('Consider an RNN decoder', GIVEN),
        ('$$\\hat{y}^{(t)} = \\operatorname{softmax}(\\theta^{(t)}) \\in \\mathbb{R}^{|V|}, \\tag{1}$$', GIVEN, '1'),
        ('where $|V|$ is the vocabulary size', GIVEN),
        ('$$J^{(t)}(\\theta) = \\mathrm{CE}\\big(y^{(t)}, \\hat{y}^{(t)}\\big) = -\\sum_{w \\in V} y^{(t)}_w \\log \\hat{y}^{(t)}_w = -\\log \\hat{y}^{(t)}_{w^*_t}, \\tag{2}$$', lambda: repeat(ce_onehot, 5), '2'),
        ('with $w^*_t$ the gold word', lambda: repeat(ce_onehot, 2)),
        ('**Teacher forcing** means', GIVEN, '1'),
        ('1. All $T$ time steps', lambda: repeat(teacher_forcing_parallel, 2)),
        ('For a mini-batch of $B$ target sequences', GIVEN),
        ('$$J = \\frac{1}{B\\,T} \\sum_{b=1}^{B} \\sum_{t=1}^{T} J^{(t)}_b. \\tag{3}$$', GIVEN, '*'),
        ('**Example.** $B = 2$, $T = 3$.', GIVEN, '*'),
        ('| | $t = 1$ | $t = 2$ | $t = 3$ |', GIVEN, '*'),
        ('| $b = 1$ | 0.5', GIVEN, '*'),
        ('| $b = 2$ | 0.1', GIVEN, '*'),
        ('The per-step losses', lambda: ALL(CV(['0.6931', '1.3863', '0.2231'], Lt[0]), E('1', 1),
                                            CV(['2.3026', '0.5108', '0.9163'], Lt[1]), E('2', 2),
                                            C('6.032', Lt.sum(), Lr.sum()), C('6.032', Lt.sum()), E('6', Bn * Tn),
                                            C('1.005', J, 6.032 / 6), C('2.73', math.exp(J), math.exp(1.005)))),
        ('Recall the standard result', lambda: repeat(single, 4), '3'),
        ('$$\\frac{\\partial J}{\\partial \\theta^{(t)}_b} = \\hat{y}^{(t)}_b - y^{(t)}_b. \\tag{4}$$', mean_grad, '4'),
        ('In the example, the gradient on the gold logit', lambda: ALL(
            E('1', 1), E('1', 1), E('0.5', p11[0]), E('1', 1), C('-0.5', ex_grad(0)), E('0.3', p11[1]), C('0.3', ex_grad(1)))),
        ('> **Note:** Because of (4)', lr_claim, '4'),
        ('Real batches contain sequences', lambda: ALL(E('0', 0), E('1', 1), E('2', 2), E('5', N),
                                                       C('6.032', Lt.sum()), C('0.916', Lt[1, 2]),
                                                       C('5.116', (Lt * m).sum(), 6.032 - 0.916), C('5.116', (Lt * m).sum()),
                                                       E('5', N), C('1.023', Jm, 5.116 / 5))),
        ('In PyTorch, `F.cross_entropy', torch_mean),
    ]

# ======================================================================= 11
def _code_block(name, k=0):
    txt = open(os.path.join(D, name), encoding='utf-8').read()
    return re.findall(r'```python\n(.*?)```', txt, re.S)[k]

def run_min_char(code, P, hprev, inputs, targets, V):
    """execute the post's loop exactly as printed, with the gist's initialisations."""
    env = dict(np=np, vocab_size=V, inputs=inputs, targets=targets, **{k: v.copy() for k, v in P.items()})
    env.update(xs={}, hs={-1: hprev.copy()}, ys={}, ps={}, loss=0.0)
    for k in ('Wxh', 'Whh', 'Why', 'bh', 'by'):
        env['d' + k] = np.zeros_like(P[k])
    env['dhnext'] = np.zeros_like(hprev)
    exec(code, env)
    return env

@register('11_min_char_rnn_karpathy.md')
def f11():
    name = '11_min_char_rnn_karpathy.md'
    V, Hn, T = 5, 4, 6
    def case():
        P = dict(Wxh=rand(Hn, V), Whh=rand(Hn, Hn), Why=rand(V, Hn), bh=rand(Hn, 1), by=rand(V, 1))
        hprev = rand(Hn, 1); inputs = list(RNG.integers(0, V, T)); targets = list(RNG.integers(0, V, T))
        return P, hprev, inputs, targets
    def ref_loss(P, hprev, inputs, targets):
        h, L = hprev, 0.0
        for t in range(T):
            x = np.zeros((V, 1)); x[inputs[t]] = 1
            h = np.tanh(P['Wxh'] @ x + P['Whh'] @ h + P['bh'])
            L += -np.log(softmax((P['Why'] @ h + P['by']).ravel())[targets[t]])
        return L
    cache = {}
    def results():
        if 'r' not in cache:
            out = []
            for _ in range(2):
                P, hprev, inputs, targets = case()
                env = run_min_char(_code_block(name), P, hprev, inputs, targets, V)
                num = {}
                for k in P:
                    num[k] = grad(lambda v, k=k: ref_loss({**P, k: v}, hprev, inputs, targets), P[k])
                num['h'] = grad(lambda v: ref_loss(P, v, inputs, targets), hprev)
                out.append((env, num, ref_loss(P, hprev, inputs, targets)))
            cache['r'] = out
        return cache['r']
    ok_of = lambda keys: all(near(env['d' + k] if k != 'h' else env['dhnext'], num[k], 1e-5)
                             for env, num, _ in results() for k in keys)
    fwd_ok = lambda: all(abs(env['loss'] - L) < 1e-10 for env, num, L in results())
    onehot_ok = lambda: all(all(env['xs'][t].sum() == 1 and env['xs'][t].shape == (V, 1) for t in range(T)) for env, _, _ in results())
    def dy_formula():
        y = rand(6); k = RNG.integers(6)
        return near(grad(lambda v: -np.log(softmax(v)[k]), y), softmax(y) - np.eye(6)[k])
    def outer_shape():
        dy, h = rand(65, 1), rand(100, 1)
        return (dy @ h.T).shape == (65, 100)
    def tanh_d():
        a = rand(5); return near(grad(lambda v: np.sum(np.tanh(v)), a), 1 - np.tanh(a) ** 2)
    sizes = dict(Wxh=np.zeros((100, 65)), Whh=np.zeros((100, 100)), Why=np.zeros((65, 100)), bh=np.zeros((100, 1)), by=np.zeros((65, 1)))
    def init_uniform():
        y = (np.random.default_rng(0).standard_normal((65, 100)) * 0.01) @ (np.random.default_rng(1).standard_normal((100, 1)) * 0.01)
        p = softmax(y.ravel())
        return np.max(np.abs(p - 1 / 65)) < 1e-4
    def gradcheck():
        P, hprev, inputs, targets = case()
        env = run_min_char(_code_block(name), P, hprev, inputs, targets, V)
        worst = 0.0
        for k in P:
            for idx in list(np.ndindex(P[k].shape))[:6]:
                e = np.zeros_like(P[k]); e[idx] = 1e-5
                num = (ref_loss({**P, k: P[k] + e}, hprev, inputs, targets) - ref_loss({**P, k: P[k] - e}, hprev, inputs, targets)) / 2e-5
                ana = env['d' + k][idx]
                if abs(num) + abs(ana) > 1e-8:
                    worst = max(worst, abs(num - ana) / (abs(num) + abs(ana)))
        return worst < 1e-6
    return [
        ('People keep asking me about my tiny', GIVEN),
        ('The setup: the vocabulary has', lambda: ALL(
            E('65', 65), E('100', 100), E('25', 25), E('1', 1),
            EV(['100', '65'], sizes['Wxh'].shape), EV(['100', '100'], sizes['Whh'].shape), EV(['65', '100'], sizes['Why'].shape),
            EV(['100', '1'], sizes['bh'].shape), EV(['65', '1'], sizes['by'].shape),
            EV(['6500', '10000', '6500', '100', '65'], [sizes[k].size for k in ('Wxh', 'Whh', 'Why', 'bh', 'by')]),
            E('23165', sum(v.size for v in sizes.values())))),
        ('xs[t] = np.zeros((vocab_size, 1)); xs[t][inputs[t]] = 1', onehot_ok, '1 1'),
        ('hs[t] = np.tanh(np.dot(Wxh, xs[t])', fwd_ok, '1'),
        ('ys[t] = np.dot(Why, hs[t]) + by', fwd_ok),
        ('ps[t] = np.exp(ys[t]) / np.sum', fwd_ok),
        ('loss += -np.log(ps[t][targets[t], 0])', fwd_ok, '0'),
        ('    dy = np.copy(ps[t]); dy[targets[t]] -= 1', lambda: ok_of(['by']), '1'),
        ('    dWhy += np.dot(dy, hs[t].T); dby += dy', lambda: ok_of(['Why', 'by'])),
        ('    dh = np.dot(Why.T, dy) + dhnext', lambda: ok_of(['bh'])),
        ('    dhraw = (1 - hs[t] * hs[t]) * dh', lambda: ok_of(['bh']), '1'),
        ('    dbh += dhraw; dWxh += np.dot(dhraw, xs[t].T)', lambda: ok_of(['bh', 'Wxh', 'Whh']), '1'),
        ('    dhnext = np.dot(Whh.T, dhraw)', lambda: ok_of(['h'])),
        ('(`hs[-1]` is the hidden state carried over', lambda: ok_of(['h', 'Whh']), '-1 1 0'),
        ('**`dy[targets[t]] -= 1`.**', lambda: repeat(dy_formula, 3), '1'),
        ('$$\\frac{\\partial L_t}{\\partial y_t} = p_t - \\mathbf{1}_k,$$', lambda: repeat(dy_formula, 3), '1'),
        ('i.e. copy the probabilities', lambda: ALL(E('0.9', 0.9), C('-0.1', 0.9 - 1), E('0.01', 0.01), C('-0.99', 0.01 - 1))),
        ('**`dWhy += np.dot(dy, hs[t].T)`.**', lambda: ALL(ok_of(['Why']), outer_shape()), '65 1 1 100 65 100'),
        ('**`dh = np.dot(Why.T, dy) + dhnext`.**', lambda: ok_of(['h', 'bh']), '1'),
        ('**`dhraw = (1 - hs[t] * hs[t]) * dh`.**', lambda: ALL(repeat(tanh_d, 3), ok_of(['bh'])), '1 1 2 1 2'),
        ('**The `+=` lines.**', lambda: ok_of(['Wxh', 'Whh', 'bh']), '25'),
        ('**`dhnext = np.dot(Whh.T, dhraw)`.**', lambda: ok_of(['h'])),
        ('After the loop, the gist clips', lambda: near(np.clip(np.array([-7.0, 3, 9]), -5, 5), [-5, 3, 5]), '-5 5 -5 5'),
        ('**What loss to expect.**', lambda: ALL(
            init_uniform(), E('0.01', 0.01), E('65', 65), E('1', 1), E('65', 65), E('65', 65), C('4.174', -math.log(1 / 65)),
            E('1.0', 1.0), C('4.174', math.log(65)), E('25', 25), C('104.4', -math.log(1 / 65) * 25, 4.174 * 25),
            E('25', 25), E('40', 40), E('40', 40), E('25', 25), E('1.6', 40 / 25), E('1.6', 40 / 25), C('4.95', math.exp(1.6)),
            E('5', round(math.exp(1.6))))),
        ("And if you don't trust any of this", gradcheck, '10 -5 10 -7'),
    ]

# ======================================================================= 12
@register('12_perplexity_exam_key.md')
def f12():
    p = np.array([0.25, 0.5, 0.125, 0.1]); N = p.size
    nl = -np.log(p); H = nl.mean(); H2 = H / math.log(2); PP = math.exp(H)
    def sum_vs_mean():
        # "-1 for forgetting the minus sign, -1 for summing": both give different values than H
        return abs(-H - H) > 0 and abs(nl.sum() - H) > 0
    def torch_ce_is_nats():
        # nn.CrossEntropyLoss = mean of -log_softmax (natural log): check on random logits
        z = rand(7, 5); y = RNG.integers(0, 5, 7)
        ce = np.mean(-np.log(softmax(z)[np.arange(7), y]))
        return abs(ce - np.mean(-(z[np.arange(7), y] - np.log(np.exp(z).sum(1))))) < 1e-12
    val = 1.20
    return [
        ('*Setup (from the exam sheet).*', GIVEN, '*'),
        ('$$H = -\\frac{1}{N}\\sum_{i=1}^{N} \\ln p_i = \\tfrac{1}{4}\\,(1.386 + 0.693 + 2.079 + 2.303) = \\tfrac{1}{4}\\cdot 6.461 \\approx 1.615 \\text{ nats}.$$', lambda: ALL(
            E('4', N), CV(['1.386', '0.693', '2.079', '2.303'], nl), E('4', N),
            C('6.461', nl.sum(), 1.386 + 0.693 + 2.079 + 2.303), C('1.615', H, 6.461 / 4)), '1 1 1'),
        ('Rubric: $-1$ for forgetting', sum_vs_mean, '-1 -1'),
        ('**(b) [2 pts] The same in bits.**', lambda: ALL(C('1.615', H), C('0.693', math.log(2)), C('2.33', H2, 1.615 / 0.693)), '2 2'),
        ('**(c) [3 pts] Perplexity.**', lambda: abs(2 ** H2 - math.exp(H)) < 1e-12, '3'),
        ('$$\\mathrm{PP} = e^{H} = 2^{H_2} = \\Big(\\prod_{i=1}^{N} p_i\\Big)^{-1/N} = (0.0015625)^{-1/4} \\approx 5.030.$$', lambda: ALL(abs(math.exp(H) - 2 ** H2) < 1e-12,
                                                       abs(np.prod(p) ** (-1 / N) - PP) < 1e-12, E('0.0015625', np.prod(p)),
                                                       C('5.030', PP, math.exp(1.6154))), '2 -1 -1 4'),
        ('Interpretation (full credit needs it)', lambda: E('5', round(PP))),
        ('**(d) [2 pts] Uniform baseline.**', lambda: ALL(
            E('65', 65), E('65', 65), C('4.1744', -np.log(np.full(65, 1 / 65)).mean()), E('65', 65),
            E('65', math.exp(-np.log(np.full(65, 1 / 65)).mean())),
            all(abs(math.exp(math.log(V)) - V) < 1e-9 for V in (2, 28, 65, 50257))), '2'),
        ('**(e) [2 pts] Reading a training log.**', lambda: ALL(torch_ce_is_nats(), E('1.20', val)), '2'),
        ('$$\\mathrm{PP} = 2^{\\text{val loss}} = 2^{1.20} \\approx 2.30.$$', lambda: ALL(abs(2 ** val - math.exp(val)) < 1e-3, E('1.20', val),
                                                            C('2.30', math.exp(val))), '2 2'),
        ('**(f) [2 pts] Compared with the uniform baseline**', lambda: ALL(E('65', 65), C('2.30', math.exp(val)),
                                                                          C('28.3', 65 / math.exp(val))), '2'),
        ('*Common mistakes seen while grading:*', lambda: ALL(C('6.461', nl.sum()), C('640', math.exp(nl.sum()), math.exp(6.461)),
                                                              C('5.030', PP), E('4', N), abs(PP ** 4 - math.exp(nl.sum())) < 1e-9)),
    ]

# ======================================================================= 13
@register('13_lstm_cell_path_stackexchange.md')
def f13():
    def mk(wf, wi, wg, kf, ki, kg, o_prev):
        """c_t as a function of c_{t-1}; k_* = u_* x_t + b_* (constants)."""
        def ct(cp):
            h = o_prev * np.tanh(cp)
            f, i, g = sig(wf * h + kf), sig(wi * h + ki), np.tanh(wg * h + kg)
            return f * cp + i * g
        return ct
    def formula(wf, wi, wg, kf, ki, kg, o_prev, cp):
        h = o_prev * np.tanh(cp)
        af, ai, ag = wf * h + kf, wi * h + ki, wg * h + kg
        f, i, g = sig(af), sig(ai), np.tanh(ag)
        sp = lambda a: sig(a) * (1 - sig(a))
        dh = o_prev * (1 - np.tanh(cp) ** 2)
        return f + (cp * sp(af) * wf + g * sp(ai) * wi + i * (1 - g ** 2) * wg) * dh, f, dh
    dd = lambda fn, x, e=1e-6: (fn(x + e) - fn(x - e)) / (2 * e)
    def total():
        ok = True
        for _ in range(6):
            args = list(rand(6)) + [RNG.uniform(0, 1)]; cp = rand(1)[0]
            ok &= abs(dd(mk(*args), cp) - formula(*args, cp)[0]) < 1e-7
        return ok
    def dh_dc():
        o, cp = RNG.uniform(0, 1), rand(1)[0]
        return abs(dd(lambda c: o * np.tanh(c), cp) - o * (1 - np.tanh(cp) ** 2)) < 1e-8
    def partial_fixed_h():
        # holding h_{t-1} fixed (gates fixed) the derivative is f_t; with f = 1 it is exactly 1
        f, i, g, cp = sig(rand(1)[0]), sig(rand(1)[0]), np.tanh(rand(1)[0]), rand(1)[0]
        return abs(dd(lambda c: f * c + i * g, cp) - f) < 1e-8 and abs(dd(lambda c: 1.0 * c + i * g, cp) - 1) < 1e-8
    def bounds():
        a = np.linspace(-20, 20, 400001)
        return (np.max(sig(a) * (1 - sig(a))) <= 0.25 + 1e-15 and np.max(1 - np.tanh(a) ** 2) <= 1
                and all(o * (1 - np.tanh(c) ** 2) <= 1 for o in np.linspace(0, 1, 11) for c in np.linspace(-3, 3, 13)))
    # worked point
    wf = wi = wg = 0.5; o_prev = 0.5; cp = 1.0; af, ai, ag = 3.0, -1.0, 0.5
    hprev = o_prev * math.tanh(cp)
    kf, ki, kg = af - wf * hprev, ai - wi * hprev, ag - wg * hprev
    tot, f, dh = formula(wf, wi, wg, kf, ki, kg, o_prev, cp)
    fd_tot = dd(mk(wf, wi, wg, kf, ki, kg, o_prev), cp)
    i, g = sig(ai), math.tanh(ag)
    sf, si, dg = sig(af) * (1 - sig(af)), sig(ai) * (1 - sig(ai)), 1 - g * g
    br = cp * sf * wf + g * si * wi + i * dg * wg
    br_r = 0.0226 + 0.0454 + 0.1057
    def vanilla():
        w, u, x, hp = rand(4)
        ht = math.tanh(w * hp + u * x)
        return abs(dd(lambda h: math.tanh(w * h + u * x), hp) - w * (1 - ht ** 2)) < 1e-8
    def peephole():
        # with a peephole p*c_{t-1} inside the forget gate, the no-peephole formula misses a term
        args = list(rand(6)) + [0.7]; cp_ = 0.3; p = 0.8
        wf_, wi_, wg_, kf_, ki_, kg_, o_ = args
        def ct(c):
            h = o_ * np.tanh(c)
            return sig(wf_ * h + kf_ + p * c) * c + sig(wi_ * h + ki_) * np.tanh(wg_ * h + kg_)
        return abs(dd(ct, cp_) - formula(wf_, wi_, wg_, kf_ + p * cp_, ki_, kg_, o_, cp_)[0]) > 1e-4
    return [
        ('> **Q:** Every blog says', GIVEN),
        ('**TL;DR:**', lambda: ALL(total(), partial_fixed_h())),
        ('Take a scalar LSTM without peepholes', GIVEN),
        ('$$f_t = \\sigma(a_f),\\quad i_t = \\sigma(a_i),\\quad g_t = \\tanh(a_g),\\qquad a_\\ast = w_\\ast h_{t-1} + u_\\ast x_t + b_\\ast \\quad (\\ast \\in \\{f, i, g\\}),$$', GIVEN, '*'),
        ('$$c_t = f_t\\, c_{t-1} + i_t\\, g_t, \\qquad h_{t-1} = o_{t-1} \\tanh(c_{t-1}).$$', GIVEN, '*'),
        ('Note that $o_{t-1}$ is computed from', GIVEN),
        ("$$\\frac{\\mathrm{d} c_t}{\\mathrm{d} c_{t-1}} = \\underbrace{f_t}_{\\text{direct}} + \\Big[c_{t-1}\\,\\sigma'(a_f)\\, w_f + g_t\\, \\sigma'(a_i)\\, w_i + i_t\\,(1 - g_t^2)\\, w_g\\Big] \\cdot \\frac{\\partial h_{t-1}}{\\partial c_{t-1}},$$", total, '1 2'),
        ('$$\\frac{\\partial h_{t-1}}{\\partial c_{t-1}} = o_{t-1}\\,\\big(1 - \\tanh^2(c_{t-1})\\big).$$', lambda: repeat(dh_dc, 4), '1 2'),
        ('So the "$= f_t$" you see in blogs', partial_fixed_h, '1997'),
        ('**How big are the extra terms?**', lambda: ALL(
            bounds(), E('1', cp), E('0.5', o_prev), E('0.5', wf), E('3', af), E('-1', ai), E('0.5', ag),
            C('0.9526', sig(af)), C('0.2689', i), C('0.4621', g)), '1 4 1 2 1 1 2 1'),
        ("- $\\sigma'(3) \\approx 0.0452$", lambda: ALL(E('3', af), C('0.0452', sf), E('-1', ai), C('0.1966', si),
                                                       C('0.7864', dg)), '1 2'),
        ('- bracket $\\approx', lambda: ALL(E('1', cp), C('0.0452', sf), E('0.5', wf), C('0.4621', g), C('0.1966', si),
                                           E('0.5', wi), C('0.2689', i), C('0.7864', dg), E('0.5', wg),
                                           C('0.023', cp * sf * wf, 1 * 0.0452 * 0.5), C('0.045', g * si * wi, 0.4621 * 0.1966 * 0.5),
                                           C('0.106', i * dg * wg, 0.2689 * 0.7864 * 0.5),
                                           C('0.174', br, 0.023 + 0.045 + 0.106))),
        ('- $\\partial h_{t-1} / \\partial c_{t-1} = 0.5', lambda: ALL(E('0.5', o_prev), E('0.5', o_prev), C('0.4200', 1 - math.tanh(1) ** 2),
                                                                      C('0.2100', dh)), '1 2 1'),
        ('- total: $\\mathrm{d}c_t', lambda: ALL(abs(fd_tot - tot) < 1e-8, C('0.9526', f), C('0.174', br), C('0.2100', dh),
                                                C('0.9526', f), C('0.0365', br * dh, 0.174 * 0.2100), C('0.9891', tot, fd_tot))),
        ('The direct term dominates.', lambda: ALL(abs(round(fd_tot, 4) - 0.9891) < 1e-12, f > 10 * (tot - f)), '4'),
        ('**Why the direct term is what matters.**', lambda: ALL(
            vanilla(), C('0.9', 0.9), E('100', 100), E('0.9', 0.9), E('100', 100), CS('2.66', '-5', 0.9 ** 100),
            E('0.99', 0.99), E('0.99', 0.99), E('100', 100), C('0.366', 0.99 ** 100), E('100', 100),
            partial_fixed_h()), '1 2 1 1 2 1 1'),
        ('*Edit:* as a comment pointed out', peephole),
    ]

# ======================================================================= 14
def torch_gru_forward(X, P, h, layers, bidir):
    """PyTorch GRU semantics (r, z, n gate order; b_hn inside r*(...)); X: (T, B, d)."""
    T, B, _ = X.shape; dirs = ['', '_reverse'] if bidir else ['']
    inp, finals = X, []
    for l in range(layers):
        outs = []
        for s in dirs:
            Wih, Whh = P[f'weight_ih_l{l}{s}'], P[f'weight_hh_l{l}{s}']
            bih, bhh = P[f'bias_ih_l{l}{s}'], P[f'bias_hh_l{l}{s}']
            hs = np.zeros((B, h)); seq = [None] * T
            order = range(T) if s == '' else range(T - 1, -1, -1)
            for t in order:
                gi = inp[t] @ Wih.T + bih; gh = hs @ Whh.T + bhh
                r = sig(gi[:, :h] + gh[:, :h]); z = sig(gi[:, h:2 * h] + gh[:, h:2 * h])
                nn_ = np.tanh(gi[:, 2 * h:] + r * gh[:, 2 * h:])
                hs = (1 - z) * nn_ + z * hs; seq[t] = hs
            outs.append(np.stack(seq)); finals.append(hs)
        inp = np.concatenate(outs, axis=-1)
    return inp, np.stack(finals)

@register('14_deep_bidirectional_gru_d2l.md')
def f14():
    n, d, h, q = 3, 4, 5, 6
    def bidir_shapes():
        Wf, Wb, Uf, Ub, bf, bb = rand(d, h), rand(d, h), rand(h, h), rand(h, h), rand(1, h), rand(1, h)
        Xs = [rand(n, d) for _ in range(4)]
        Hf = [np.zeros((n, h))]; Hb = [np.zeros((n, h))]
        for X in Xs:
            Hf.append(np.tanh(X @ Wf + Hf[-1] @ Uf + bf))
        for X in reversed(Xs):
            Hb.append(np.tanh(X @ Wb + Hb[-1] @ Ub + bb))
        Hb = Hb[1:][::-1]
        H = np.concatenate([Hf[1], Hb[0]], axis=1)
        O = H @ rand(2 * h, q) + rand(1, q)
        return Hf[1].shape == (n, h) and Hb[0].shape == (n, h) and H.shape == (n, 2 * h) and O.shape == (n, q)
    def backward_depends_on_future():
        Wb, Ub = rand(d, h), rand(h, h); Xs = [rand(n, d) for _ in range(3)]
        def first_state(Xs):
            Hb = np.zeros((n, h))
            for X in reversed(Xs):
                Hb = np.tanh(X @ Wb + Hb @ Ub)
            return Hb
        X2 = [Xs[0], Xs[1], Xs[2] + 1.0]
        return not near(first_state(Xs), first_state(X2))
    din, hh, L = 28, 256, 2
    P = torch_rnn_params('GRU', din, hh, L, True)
    for k in P:
        P[k] = RNG.uniform(-1, 1, P[k].shape) / math.sqrt(hh)
    X = RNG.standard_normal((35, 32, din))
    out, Hn = torch_gru_forward(X, P, hh, L, True)
    per = lambda l: sum(v.size for k, v in P.items() if k.endswith(f'_l{l}'))
    both = lambda l: sum(v.size for k, v in P.items() if f'_l{l}' in k)
    lin = np.zeros((28, 512)).size + np.zeros(28).size
    def formula12():
        return all(count(torch_rnn_params('GRU', di, hd)) == 3 * (hd * di + hd * hd + 2 * hd) for di in (1, 7, 28) for hd in (2, 9, 256))
    return [
        ('For any time step $t$, consider a minibatch', bidir_shapes),
        ('\\overrightarrow{\\mathbf{H}}_t &= \\phi(\\mathbf{X}_t \\mathbf{W}_{xh}^{(f)} + \\overrightarrow{\\mathbf{H}}_{t-1} \\mathbf{W}_{hh}^{(f)} + \\mathbf{b}_h^{(f)}),\\\\', GIVEN),
        ('\\overleftarrow{\\mathbf{H}}_t &= \\phi(\\mathbf{X}_t \\mathbf{W}_{xh}^{(b)} + \\overleftarrow{\\mathbf{H}}_{t+1} \\mathbf{W}_{hh}^{(b)} + \\mathbf{b}_h^{(b)}),', backward_depends_on_future),
        ('where the weights $\\mathbf{W}_{xh}^{(f)}', bidir_shapes, '1 2'),
        ('$$\\mathbf{O}_t = \\mathbf{H}_t \\mathbf{W}_{hq} + \\mathbf{b}_q, \\tag{10.4.11}$$', GIVEN, '10.4'),
        ('where $\\mathbf{W}_{hq} \\in \\mathbb{R}^{2h', lambda: ALL(bidir_shapes(), E('2', P['weight_ih_l1'].shape[1] // hh)), '2 1'),
        ('With the high-level API we only need to set', lambda: ALL(E('28', din), E('256', hh), E('32', X.shape[1]), E('35', X.shape[0]))),
        ('num_inputs, num_hiddens, num_layers = 28, 256, 2', lambda: ALL(E('28', din), E('256', hh), E('2', L))),
        ('X = torch.randn(35, 32, num_inputs)', lambda: ALL(E('35', X.shape[0]), E('32', X.shape[1]))),
        ('(torch.Size([35, 32, 512]), torch.Size([4, 32, 256]))', lambda: ALL(EV(['35', '32', '512'], out.shape),
                                                                             EV(['4', '32', '256'], Hn.shape))),
        ('The output concatenates both directions', lambda: ALL(E('2', 2), E('256', hh), E('512', out.shape[2]),
                                                                EV(['32', '256'], Hn.shape[1:]), E('2', L), E('2', 2), E('4', Hn.shape[0]),
                                                                near(out[-1, :, :hh], Hn[2]), near(out[0, :, hh:], Hn[3]))),
        ('A GRU has three gated transformations', lambda: P['bias_ih_l0'].shape == P['bias_hh_l0'].shape == (3 * hh,)),
        ('$$3\\,(h\\,d_{\\text{in}} + h^2 + 2h) \\tag{10.4.12}$$', formula12, '3 2 2 10.4'),
        ('parameters. For our model', lambda: E('256', hh)),
        ('* layer 1, $d_{\\text{in}} = 28$', lambda: ALL(E('28', P['weight_ih_l0'].shape[1]), E('3', 3), E('7168', hh * din),
                                                        E('65536', hh * hh), E('512', 2 * hh), E('219648', per(0)), E('439296', both(0))), '1'),
        ('* layer 2, $d_{\\text{in}} = 2h = 512$', lambda: ALL(E('2', 2), E('512', P['weight_ih_l1'].shape[1]), E('3', 3),
                                                              E('131072', hh * P['weight_ih_l1'].shape[1]), E('65536', hh * hh),
                                                              E('512', 2 * hh), E('591360', per(1)), E('1182720', both(1))), '2'),
        ('* total for the GRU', lambda: ALL(E('439296', both(0)), E('1182720', both(1)), E('1622016', count(P)))),
        ('A final `nn.Linear(2 * num_hiddens, vocab_size)`', lambda: ALL(E('2', 2), E('512', 2 * hh), E('28', 28), E('28', 28),
                                                                          E('14364', lin), E('1636380', count(P) + lin))),
        ('* Bidirectional RNNs are mostly useful', backward_depends_on_future),
    ]

# ======================================================================= 15
@register('15_long_term_dependencies_gbc.md')
def f15():
    def sym_case(n=4):
        Q, _ = np.linalg.qr(rand(n, n)); lam = RNG.uniform(-1.3, 1.3, n)
        return Q, lam, Q @ np.diag(lam) @ Q.T
    def run(W, h0, t):
        h = h0.copy()
        for _ in range(t):
            h = W.T @ h
        return h
    def eq37():
        W, h0 = rand(3, 3), rand(3)
        return all(near(run(W, h0, t), np.linalg.matrix_power(W, t).T @ h0, 1e-9) for t in range(0, 8))
    def eq38():
        Q, lam, W = sym_case()
        return near(Q.T @ Q, np.eye(4), 1e-12) and near(W, W.T, 1e-12)
    def eq39():
        Q, lam, W = sym_case(); h0 = rand(4)
        return all(near(run(W, h0, t), Q @ np.diag(lam ** t) @ Q.T @ h0, 1e-9) for t in range(0, 10))
    def decay():
        Q, _ = np.linalg.qr(rand(3, 3)); lam = np.array([1.2, 0.7, -0.4]); W = Q @ np.diag(lam) @ Q.T; h0 = rand(3)
        coef = Q.T @ run(W, h0, 60)                    # components along eigenvectors
        c0 = Q.T @ h0
        return (abs(coef[1]) < 1e-8 * abs(c0[1]) + 1e-12 and abs(coef[2]) < 1e-12 + 1e-8 * abs(c0[2])
                and abs(coef[0]) > 1e4 * abs(c0[0]))
    W2 = np.array([[0.8, 0.3], [0.3, 0.8]]); h0 = np.array([1.0, 0.0])
    ev, evec = np.linalg.eigh(W2)
    u1, u2 = np.array([1.0, 1.0]) / math.sqrt(2), np.array([1.0, -1.0]) / math.sqrt(2)
    h10 = run(W2, h0, 10)
    def closed():
        return all(near(run(W2, h0, t), 0.5 * 1.1 ** t * np.array([1, 1]) + 0.5 * 0.5 ** t * np.array([1, -1]), 1e-12) for t in range(12))
    def var_prod():
        # zero-mean, variance v: w = +-sqrt(v) with prob 1/2 each (exact enumeration) and a Gaussian Monte Carlo
        ok = True
        for v, n in ((0.9, 6), (1.3, 5)):
            vals = np.array(np.meshgrid(*[[-math.sqrt(v), math.sqrt(v)]] * n)).reshape(n, -1)
            prods = vals.prod(axis=0)
            ok &= abs(prods.mean()) < 1e-12 and abs(np.mean(prods ** 2) - v ** n) < 1e-12
        return ok
    return [
        ('$$\\boldsymbol{h}^{(t)} = \\boldsymbol{W}^\\top \\boldsymbol{h}^{(t-1)} \\tag{10.36}$$', GIVEN, '10.36'),
        ('as a very simple recurrent neural network lacking', GIVEN),
        ('$$\\boldsymbol{h}^{(t)} = \\big(\\boldsymbol{W}^t\\big)^\\top \\boldsymbol{h}^{(0)}, \\tag{10.37}$$', lambda: repeat(eq37, 3), '10.37'),
        ('and if $\\boldsymbol{W}$ admits', GIVEN),
        ('$$\\boldsymbol{W} = \\boldsymbol{Q} \\boldsymbol{\\Lambda} \\boldsymbol{Q}^\\top, \\tag{10.38}$$', eq38, '10.38'),
        ('with orthogonal $\\boldsymbol{Q}$', eq38),
        ('$$\\boldsymbol{h}^{(t)} = \\boldsymbol{Q} \\boldsymbol{\\Lambda}^t \\boldsymbol{Q}^\\top \\boldsymbol{h}^{(0)}. \\tag{10.39}$$', lambda: repeat(eq39, 3), '10.39'),
        ('The eigenvalues are raised to the power', lambda: repeat(decay, 3)),
        ('To get a feeling for the speed', lambda: ALL(
            E('50', 50), E('0.9', 0.9), E('0.9', 0.9), E('50', 50), CS('5.15', '-3', 0.9 ** 50), E('1.1', 1.1), E('1.1', 1.1),
            E('50', 50), C('117.4', 1.1 ** 50), E('0.9', 0.9), E('2', 2), E('0.9', 0.9),
            C('6.58', math.log(2) / -math.log(0.9)), E('7', min(t for t in range(1, 50) if 0.9 ** t <= 0.5)))),
        ('$$\\boldsymbol{W} = \\begin{pmatrix} 0.8 & 0.3 \\\\ 0.3 & 0.8 \\end{pmatrix}, \\qquad \\boldsymbol{h}^{(0)} = \\begin{pmatrix} 1 \\\\ 0 \\end{pmatrix}.$$', GIVEN, '*'),
        ('is symmetric with eigenvalues $1.1$', lambda: ALL(
            near(W2, W2.T), CV(['1.1', '0.5'], sorted(ev, reverse=True)),
            near(W2 @ u1, 1.1 * u1), E('1', 1), E('2', 2), EV(['1', '1'], u1 * math.sqrt(2)),
            near(W2 @ u2, 0.5 * u2), E('1', 1), E('2', 2), EV(['1', '-1'], u2 * math.sqrt(2)),
            E('1', 1), E('2', 2), abs(h0 @ u1 - 1 / math.sqrt(2)) < 1e-12, abs(h0 @ u2 - 1 / math.sqrt(2)) < 1e-12), '10.39'),
        ('$$\\boldsymbol{h}^{(t)} = \\tfrac{1}{2}\\, 1.1^t \\begin{pmatrix} 1 \\\\ 1 \\end{pmatrix} + \\tfrac{1}{2}\\, 0.5^t \\begin{pmatrix} 1 \\\\ -1 \\end{pmatrix},$$', lambda: ALL(closed(), E('1', 1), E('2', 2), E('1.1', 1.1), EV(['1', '1'], [1, 1]),
                                                E('1', 1), E('2', 2), E('0.5', 0.5), EV(['1', '-1'], [1, -1]))),
        ('so that after ten steps', lambda: ALL(E('1.1', 1.1), E('10', 10), C('2.5937', 1.1 ** 10), E('0.5', 0.5), E('10', 10),
                                                C('0.000977', 0.5 ** 10), CV(['1.2974', '1.2964'], h10),
                                                abs(h10 @ u2) / np.linalg.norm(h10) < 1e-3), '1 1'),
        ('This problem is particular to recurrent networks', lambda: ALL(
            var_prod(), E('1', 1), E('50', 50), E('0.5', 0.5), E('0.5', 0.5), E('1', 1), E('50', 50),
            C('0.9862', 0.5 ** (1 / 50)), abs((0.5 ** (1 / 50)) ** 50 - 0.5) < 1e-12), '2014'),
    ]

# ======================================================================= 16
@register('16_bptt_a_mao_pt.md', comma=True)
def f16():
    w, u, h0, x, y = 0.5, 1.0, 0.0, [1.0, 0.5, -1.0], 0.5
    def fwd(w, u, y=y):
        h, a = [h0], [None]
        for t in range(3):
            a.append(w * h[-1] + u * x[t]); h.append(math.tanh(a[-1]))
        return a, h, 0.5 * (h[3] - y) ** 2
    a, h, L = fwd(w, u)
    r = lambda v: round(v, 4)
    # carried (4-decimal) chain
    H1 = r(math.tanh(1.0)); A2 = r(0.5 * H1 + 0.5); H2 = r(math.tanh(A2)); A3 = r(0.5 * H2 - 1); H3 = r(math.tanh(A3))
    dd = lambda f, v, e=1e-6: (f(v + e) - f(v - e)) / (2 * e)
    # exact deltas by finite differences of L with respect to the pre-activations
    def L_from_a(t, s):
        hh = h0
        for k in range(1, 4):
            ak = w * hh + u * x[k - 1] + (s if k == t else 0.0)
            hh = math.tanh(ak)
        return 0.5 * (hh - y) ** 2
    dl = {t: dd(lambda s, t=t: L_from_a(t, s), 0.0) for t in (1, 2, 3)}
    g3, g2, g1 = r(1 - r(H3 ** 2)), r(1 - r(H2 ** 2)), r(1 - r(H1 ** 2))
    D3 = r((H3 - y) * g3); D2 = r(D3 * w * g2); D1 = r(D2 * w * g1)
    dLw = dd(lambda v: fwd(v, u)[2], w); dLu = dd(lambda v: fwd(w, v)[2], u)
    def rec():
        ok = True
        for _ in range(4):
            ww, uu, yy = rand(3); xx = rand(3)
            def Lp(t, s):
                hh = 0.0; hs = [0.0]
                for k in range(1, 4):
                    hh = math.tanh(ww * hh + uu * xx[k - 1] + (s if k == t else 0.0)); hs.append(hh)
                return 0.5 * (hh - yy) ** 2, hs
            hs = Lp(0, 0)[1]
            d = {3: (hs[3] - yy) * (1 - hs[3] ** 2)}
            for t in (2, 1):
                d[t] = d[t + 1] * ww * (1 - hs[t] ** 2)
            ok &= all(abs(dd(lambda s, t=t: Lp(t, s)[0], 0.0) - d[t]) < 1e-7 for t in (1, 2, 3))
            gw = dd(lambda v: _L3(v, uu, xx, yy), ww)
            ok &= abs(gw - sum(d[t] * hs[t - 1] for t in (1, 2, 3))) < 1e-7
            gu = dd(lambda v: _L3(ww, v, xx, yy), uu)
            ok &= abs(gu - sum(d[t] * xx[t - 1] for t in (1, 2, 3))) < 1e-7
        return ok
    def _L3(ww, uu, xx, yy):
        hh = 0.0
        for k in range(3):
            hh = math.tanh(ww * hh + uu * xx[k])
        return 0.5 * (hh - yy) ** 2
    cache = {}
    def recc():
        if 'r' not in cache:
            cache['r'] = rec()
        return cache['r']
    tanh_d = lambda: all(abs(dd(math.tanh, v) - (1 - math.tanh(v) ** 2)) < 1e-8 for v in rand(5))
    def fd_eps():
        e = 1e-4
        return (C('-0,6485', (fwd(w + e, u)[2] - fwd(w - e, u)[2]) / (2 * e)),
                C('0,5943', (fwd(w, u + e)[2] - fwd(w, u - e)[2]) / (2 * e)))
    def exercise():
        a0, h_, L0 = fwd(w, u, 0.0)
        d3 = dd(lambda s: 0.5 * math.tanh(a0[3] + s) ** 2, 0.0)
        return abs(d3 - h_[3] * (1 - h_[3] ** 2)) < 1e-8
    return [
        ('$$a_t = w\\,h_{t-1} + u\\,x_t, \\qquad h_t = \\tanh(a_t), \\qquad t = 1, 2, 3, \\tag{9.1}$$', GIVEN, '*'),
        ('onde $h_t$ denota o estado oculto', GIVEN),
        ('$$L = \\tfrac{1}{2}\\,(h_3 - y)^2. \\tag{9.2}$$', GIVEN, '*'),
        ('**Dados:**', GIVEN, '*'),
        ('| $t$ | $a_t$ | $h_t$ |', GIVEN),
        ('| 1 | $0{,}5 \\cdot 0 + 1 = 1$', lambda: ALL(E('0,5', w), E('0', h0), E('1', u * x[0]), E('1', a[1]), E('1', a[1]),
                                                     C('0,7616', h[1])), '1'),
        ('| 2 | $0{,}5 \\cdot 0{,}7616', lambda: ALL(E('0,5', w), C('0,7616', h[1]), E('0,5', u * x[1]), C('0,8808', a[2], A2),
                                                   C('0,8808', a[2]), C('0,7068', h[2], math.tanh(A2))), '2'),
        ('| 3 | $0{,}5 \\cdot 0{,}7068 - 1', lambda: ALL(E('0,5', w), C('0,7068', h[2]), E('1', -u * x[2]), C('-0,6466', a[3], A3),
                                                        C('-0,6466', a[3], A3), C('-0,5694', h[3], math.tanh(A3))), '3'),
        ('Perda: $L = \\tfrac{1}{2}', lambda: ALL(C('-0,5694', h[3]), E('0,5', y), C('-1,0694', h[3] - y, H3 - y),
                                                  C('0,5718', L, 0.5 * (H3 - y) ** 2)), '1 2 2 1 2 2'),
        ('Definimos $\\delta_t = \\partial L', tanh_d, '1 2 1 2'),
        ('$$\\delta_3 = (h_3 - y)\\,(1 - h_3^2), \\qquad \\delta_t = \\delta_{t+1}\\, w\\, (1 - h_t^2) \\quad (t = 2, 1). \\tag{9.3}$$', recc, '1 2 1 2 2 1 9.3'),
        ('Note que o fator $w\\,(1 - h_t^2)$', lambda: ALL(recc(), abs(dl[1] / dl[2] - w * (1 - h[1] ** 2)) < 1e-6), '1 2'),
        ('- $1 - h_3^2 = 1 - 0{,}3242', lambda: ALL(C('0,3242', h[3] ** 2, H3 ** 2), C('0,6758', 1 - h[3] ** 2, g3),
                                                   C('-1,0694', h[3] - y), C('0,6758', 1 - h[3] ** 2), C('-0,7227', dl[3], D3)),
         '1 2 1'),
        ('- $1 - h_2^2 = 1 - 0{,}4996', lambda: ALL(C('0,4996', h[2] ** 2, H2 ** 2), C('0,5004', 1 - h[2] ** 2, g2),
                                                   C('-0,7227', dl[3]), E('0,5', w), C('0,5004', 1 - h[2] ** 2), C('-0,1808', dl[2], D2)),
         '1 2 1'),
        ('- $1 - h_1^2 = 1 - 0{,}5800', lambda: ALL(C('0,5800', h[1] ** 2, H1 ** 2), C('0,4200', 1 - h[1] ** 2, g1),
                                                   C('-0,1808', dl[2]), E('0,5', w), C('0,4200', 1 - h[1] ** 2),
                                                   C('-0,0380', dl[1], D1)), '1 2 1'),
        ('Como $w$ e $u$ são compartilhados', lambda: ALL(
            all(abs(dd(lambda v: v * h[t - 1] + u * x[t - 1], w) - h[t - 1]) < 1e-9 for t in (1, 2, 3)),
            all(abs(dd(lambda v: w * h[t - 1] + v * x[t - 1], u) - x[t - 1]) < 1e-9 for t in (1, 2, 3)))),
        ('$$\\frac{\\partial L}{\\partial w} = \\sum_{t=1}^{3} \\delta_t\\, h_{t-1}, \\qquad \\frac{\\partial L}{\\partial u} = \\sum_{t=1}^{3} \\delta_t\\, x_t. \\tag{9.4}$$', recc, '3 3 9.4'),
        ('- $\\partial L/\\partial w = (-0{,}7227)', lambda: ALL(
            C('-0,7227', dl[3]), C('0,7068', h[2]), C('-0,1808', dl[2]), C('0,7616', h[1]), C('-0,0380', dl[1]), E('0', h0),
            C('-0,5108', dl[3] * h[2], D3 * H2), C('0,1377', -dl[2] * h[1], -D2 * H1), E('0', dl[1] * h0),
            C('-0,6485', dLw, r(D3 * H2) + r(D2 * H1)))),
        ('- $\\partial L/\\partial u = (-0{,}7227)', lambda: ALL(
            C('-0,7227', dl[3]), E('-1', x[2]), C('-0,1808', dl[2]), E('0,5', x[1]), C('-0,0380', dl[1]), E('1', x[0]),
            C('0,7227', dl[3] * x[2]), C('0,0904', -dl[2] * x[1], -D2 * x[1]), C('0,0380', -dl[1] * x[0]),
            C('0,5943', dLu, r(D3 * x[2]) + r(D2 * x[1]) + r(D1 * x[0])))),
        ('**Conferência numérica.**', lambda: ALL(E('2', 2), E('10', 10), E('-4', -4), *fd_eps())),
        ('Com taxa de aprendizado $\\eta = 0{,}1$', lambda: E('0,1', 0.1)),
        ('$$w \\leftarrow 0{,}5 - 0{,}1 \\cdot (-0{,}6485) \\approx 0{,}5649, \\qquad u \\leftarrow 1{,}0 - 0{,}1 \\cdot 0{,}5943 \\approx 0{,}9406.$$', lambda: ALL(E('0,5', w), E('0,1', 0.1), C('-0,6485', dLw), C('0,5649', w - 0.1 * dLw),
                                                     E('1,0', u), E('0,1', 0.1), C('0,5943', dLu), C('0,9406', u - 0.1 * dLu))),
        ('**Exercício.**', exercise, '0 1 2'),
    ]

# ---------------------------------------------------------------- accounting
def _skip_group(s, i):
    if i < len(s) and s[i] == '{':
        depth = 0
        while i < len(s):
            if s[i] == '{': depth += 1
            elif s[i] == '}':
                depth -= 1
                if depth == 0: return i + 1
            i += 1
        return i
    if i < len(s) and s[i] == '\\':
        m = re.match(r'\\[A-Za-z]+', s[i:])
        return i + (len(m.group(0)) if m else 1)
    return i + 1

def normalise(s, comma):
    s = s.replace('−', '-').replace('\u2009', ' ')
    s = re.sub(r'\\[td]?frac(\d)(\d)', r'\\frac{\1}{\2}', s)
    if comma:
        s = s.replace('{,}', '.')
        s = re.sub(r'(?<=\d),(?=\d)', '.', s)
        s = re.sub(r'(?<=\d)(?:[ \u00a0\u202f]|\\,|\\;|~)+(?=\d{3}(?!\d))', '', s)    # 117 248
    else:
        s = s.replace('{,}', '')
        s = re.sub(r'(?<=\d),(?=\d{3}(?!\d))', '', s)                                   # 117,248
    out, i = [], 0
    while i < len(s):
        ch = s[i]
        if ch == '_' and not re.match(r'_[A-Za-z]*\(', s[i:]):              # subscripts are labels
            i = _skip_group(s, i + 1); continue
        if ch == '^' and re.match(r'\^\{?\(', s[i:]):                        # superscript labels ^{(t)}
            i = _skip_group(s, i + 1); continue
        out.append(ch); i += 1
    return ''.join(out)

def line_tokens(line, comma):
    s = re.sub(r'^\s*(>\s*)+', '', line)
    s = re.sub(r'^\s*(\d+\.|[-*])\s', '', s)                               # list enumerators
    s = re.sub(r'^\s*\((\d+|[a-z])\)\s', '', s)
    return re.findall(r'(?<![A-Za-z0-9_.)\]}])-?(?<![A-Za-z0-9_.])[0-9]+(?:\.[0-9]+)?', normalise(s, comma))

def lit_tokens(shown):
    s = shown.strip().replace('−', '-').replace('{,}', '.').replace(',', '.').lstrip('+')
    m = re.fullmatch(r'(-?[0-9.]+)e([+-]?\d+)', s)
    if m:
        return [m.group(1), m.group(2).lstrip('+')]
    return [s]

def account(line, lits, ctx, comma):
    toks = line_tokens(line, comma)
    left = Counter(toks); probs = []
    for lit in lits:
        for t in lit_tokens(lit):
            if left[t] > 0:
                left[t] -= 1
            elif left[t.lstrip('-')] > 0:            # a binary minus printed as "a - 0.5"
                left[t.lstrip('-')] -= 1
            else:
                probs.append(f'checked value {t!r} not (or not that often) on the line')
    for t in ctx.split():
        t = t.replace(',', '.')
        if left[t] > 0:
            left[t] -= 1
        else:
            probs.append(f'declared token {t!r} not (or not that often) on the line')
    if +left:
        probs.append(f'unaccounted numbers {list((+left).elements())}')
    return probs

# ---------------------------------------------------------------- driver
MATH_CHARS = set('$∂∑σ′∇√‖⊙∘∈≤≥←→≈×·ε∞∏δ')
def math_lines(lines):
    out, in_code = set(), False
    for i, ln in enumerate(lines, 1):
        s = re.sub(r'^\s*(>\s*)+', '', ln.strip())
        if s.startswith('```'):
            in_code = not in_code; continue
        if ln.strip().startswith('<!--') or not s or s in ('$$', '\\[', '\\]'):
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
        if ctx != '*':
            ps = account(text, list(_LITS), ctx, comma)
            if not ok:        # a false line must still print the values found false
                ps = [p for p in ps if p.startswith('checked')]
            problems += [f'line {ln}: {p}' for p in ps]
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
    if n_err != 8 and not only:
        print(f'expected.json should have 8 planted errors, has {n_err}')
        all_ok = False
    print('ALL OK' if all_ok else 'NOT OK')
    sys.exit(0 if all_ok else 1)

if __name__ == '__main__':
    main()
