#!/usr/bin/env python3
"""Independent NumPy check of corpus65 (the backpropagation algorithm as textbooks derive it).

For every file: an ordered list of checks (unique substring of one line,
predicate, declared structural tokens).  Every line that contains math
(LaTeX, inline code, code with a relation sign and a digit, Unicode math
symbols) must be covered.  Givens / definitions are GIVEN.  Worked numbers are
recomputed and must agree to their printed precision with the exact value or
with the value recomputed from the rounded numbers the author carried;
symbolic derivative claims are tested with central finite differences at
random points; sizes / parameter counts by building the tensors and counting.
Every number printed on a checked line must be a checked value or a declared
token ('*' = line not accounted, used for givens only).
The first line whose predicate is False must equal expected.json.
"""
import json, math, os, re, sys
from collections import Counter
import numpy as np

VERBOSE = '-v' in sys.argv
D = os.path.dirname(os.path.abspath(__file__))
RNG = np.random.default_rng(65)

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
    """evaluate every argument (so all literals get registered), then AND."""
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
    return a.shape == b.shape and np.allclose(a, b, atol=tol, rtol=0)

def rand(*shape, lo=-2, hi=2):
    return RNG.uniform(lo, hi, size=shape)

sig = lambda z: 1.0 / (1.0 + np.exp(-np.clip(z, -500, 500)))
def softmax(z):
    z = np.asarray(z, float); e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)

FILES = {}
def register(name, comma=False):
    def deco(fn):
        FILES[name] = (fn, comma)
        return fn
    return deco

tanh = np.tanh
relu = lambda z: np.maximum(z, 0.0)
def fwd_col(Ws, bs, x, acts):
    """column-vector MLP: z^l = W^l a^{l-1} + b^l, a^l = act_l(z^l); returns lists zs, as (as[0] = x)."""
    a = x; zs, As = [], [x]
    for W, b, f in zip(Ws, bs, acts):
        z = W @ a + b; a = f(z); zs.append(z); As.append(a)
    return zs, As

def rand_net(sizes, lo=-1.5, hi=1.5):
    Ws = [rand(sizes[i + 1], sizes[i], lo=lo, hi=hi) for i in range(len(sizes) - 1)]
    bs = [rand(sizes[i + 1], lo=lo, hi=hi) for i in range(len(sizes) - 1)]
    return Ws, bs

def z_grads(Ws, bs, x, acts, loss):
    """numerical dC/dz^l for every layer, by adding a perturbation e to z^l inside the forward pass."""
    out = []
    for l in range(len(Ws)):
        def C_of(e, l=l):
            a = x
            for k, (W, b, f) in enumerate(zip(Ws, bs, acts)):
                z = W @ a + b
                if k == l:
                    z = z + e
                a = f(z)
            return loss(a)
        out.append(grad(C_of, np.zeros(Ws[l].shape[0])))
    return out

def dsig(z):
    return sig(z) * (1 - sig(z))

# ======================================================================= 01
@register('01_nielsen_four_equations.md')
def f01():
    quad = lambda y: (lambda a: 0.5 * np.sum((y - a) ** 2))
    def nets(n=3):
        for _ in range(n):
            sizes = [3, 4, 5, 2]; Ws, bs = rand_net(sizes); x = rand(3); y = rand(2, lo=0, hi=1)
            acts = [sig] * 3
            zs, As = fwd_col(Ws, bs, x, acts)
            D = z_grads(Ws, bs, x, acts, quad(y))
            yield Ws, bs, x, y, zs, As, D
    def bp1():
        ok = True
        for Ws, bs, x, y, zs, As, D in nets():
            gradA = grad(quad(y), As[-1])
            ok &= near(D[-1], gradA * dsig(zs[-1])) and near(gradA, As[-1] - y)
        return ok
    def bp2():
        ok = True
        for Ws, bs, x, y, zs, As, D in nets():
            for l in range(len(Ws) - 1):
                ok &= near(D[l], (Ws[l + 1].T @ D[l + 1]) * dsig(zs[l]))
        return ok
    def loss_W(Ws, bs, x, y, l, W):
        W2 = list(Ws); W2[l] = W
        return quad(y)(fwd_col(W2, bs, x, [sig] * 3)[1][-1])
    def loss_b(Ws, bs, x, y, l, b):
        b2 = list(bs); b2[l] = b
        return quad(y)(fwd_col(Ws, b2, x, [sig] * 3)[1][-1])
    def bp3():
        return all(near(grad(lambda b: loss_b(Ws, bs, x, y, l, b), bs[l]), D[l])
                   for Ws, bs, x, y, zs, As, D in nets() for l in range(3))
    def bp4():
        return all(near(grad(lambda W: loss_W(Ws, bs, x, y, l, W), Ws[l]), np.outer(D[l], As[l]))
                   for Ws, bs, x, y, zs, As, D in nets() for l in range(3))
    def chain():
        ok = True
        for Ws, bs, x, y, zs, As, D in nets(2):
            for l in range(2):
                # Jacobian dz^{l+1}_k / dz^l_j by finite differences
                J = np.stack([grad(lambda u: (Ws[l + 1] @ sig(u) + bs[l + 1])[k], zs[l]) for k in range(Ws[l + 1].shape[0])])
                ok &= near(D[l], J.T @ D[l + 1], 1e-5) and near(J, Ws[l + 1] * dsig(zs[l])[None, :])
        return ok
    def transpose_sum():
        W = rand(3, 4); d = rand(3)
        return near(np.array([sum(W[k, j] * d[k] for k in range(3)) for j in range(4)]), W.T @ d, 1e-12)
    def sig_facts():
        zz = rand(50, lo=-6, hi=6)
        return (near(np.array([fd(sig, t) for t in zz]), sig(zz) * (1 - sig(zz)), 1e-8)
                and abs(dsig(0.0) - 0.25) < 1e-15 and np.all(dsig(zz) <= 0.25) and dsig(8.0) < 1e-3 and dsig(-8.0) < 1e-3)
    # numeric example
    x, w2, b2, w3, b3, y = 1.0, 0.5, 0.0, -1.0, 0.5, 0.0
    def Cf(w2=w2, b2=b2, w3=w3, b3=b3):
        return 0.5 * (y - sig(w3 * sig(w2 * x + b2) + b3)) ** 2
    z2 = w2 * x + b2; a2 = sig(z2); z3 = w3 * a2 + b3; a3 = sig(z3)
    d3 = (a3 - y) * dsig(z3); d2 = w3 * d3 * dsig(z2)
    g_w2 = fd(lambda t: Cf(w2=t), w2); g_w3 = fd(lambda t: Cf(w3=t), w3)
    g_b2 = fd(lambda t: Cf(b2=t), b2); g_b3 = fd(lambda t: Cf(b3=t), b3)
    return [
        ('**Notation (Nielsen\'s).**', GIVEN, '1'),
        ('$$a^l = \\sigma(z^l), \\qquad z^l', GIVEN, '1'),
        ('Cost for a single training example', GIVEN, '*'),
        ('The central object is the *error*', GIVEN),
        ('$$\\delta^l_j \\equiv', GIVEN),
        ('\\tag{BP1}', bp1),
        ('\\tag{BP2}', bp2, '1 1'),
        ('\\tag{BP3}', bp3),
        ('\\tag{BP4}', bp4, '1'),
        ('For the quadratic cost $\\nabla_a C = a^L - y$', bp1),
        ('**Proof of BP2**', GIVEN, '*'),
        ('$$\\delta^l_j = \\sum_k \\frac{\\partial C}', chain, '1 1 1 1'),
        ('Since $z^{l+1}_k = \\sum_j', chain, '1 1 1 1 1'),
        ('$$\\delta^l_j = \\sum_k w^{l+1}_{kj}', lambda: chain() and bp2(), '1 1'),
        ('This is BP2 in components', transpose_sum, '1'),
        ('BP4 in matrix form is the outer product', lambda: bp4() and np.outer(rand(3), rand(5)).shape == (3, 5), '1'),
        ('**Sigmoid facts.**', lambda: sig_facts() and E('1', 1) and E('0', 0) and E('1', 1) and E('4', 4)
            and E('0', 0) and E('1', 1) and E('0', 0)),
        ('1. Input $x$', GIVEN, '1'),
        ('2. Feedforward:', GIVEN, '2 3 1'),
        ('3. Output error:', bp1),
        ('4. Backpropagate:', lambda: bp2(), '1 2 2'),
        ('5. Output: the gradient', lambda: bp3() and bp4()),
        ('**Sanity check with one neuron per layer**', lambda: E('3', 3) and E('1', x) and E('0.5', w2) and E('0', b2)
            and E('-1', w3) and E('0.5', b3) and E('0', y), '2 2 3 3'),
        ('- $z^2 = 0.5$, $a^2', lambda: E('0.5', z2) and E('0.5', z2) and C('0.6225', a2), '2 2'),
        ('- $z^3 = -0.6225 + 0.5', lambda: C('-0.6225', w3 * a2) and E('0.5', b3) and C('-0.1225', z3, -0.6225 + 0.5)
            and C('-0.1225', z3) and C('0.4694', a3) and C('0.4694', a3) and C('0.1102', Cf(), 0.5 * 0.4694 ** 2), '3 3 1 2 2'),
        ('- $\\sigma\'(z^3) = 0.4694', lambda: C('0.4694', a3) and C('0.5306', 1 - a3) and C('0.2491', dsig(z3), 0.4694 * 0.5306)
            and C('0.4694', a3 - y) and C('0.2491', dsig(z3)) and C('0.1169', d3, 0.4694 * 0.2491), '3 3'),
        ('- $\\sigma\'(z^2) = 0.6225', lambda: C('0.6225', a2) and C('0.3775', 1 - a2) and C('0.2350', dsig(z2), 0.6225 * 0.3775)
            and E('-1', w3) and C('0.1169', d3) and C('0.2350', dsig(z2)) and C('-0.0275', d2, -0.1169 * 0.2350), '2 2'),
        ('- BP4: $\\partial C/\\partial w^3', lambda: C('0.6225', a2) and C('0.1169', d3) and C('0.0728', g_w3, 0.6225 * 0.1169)
            and E('1', x) and C('-0.0275', d2) and C('-0.0275', g_w2), '3 2 3 2 1 2'),
        ('- BP3: $\\partial C/\\partial b^3', lambda: C('0.1169', g_b3) and C('-0.0275', g_b2), '3 3 2 2'),
        ('A central difference', lambda: E('10', 10) and E('-4', -4) and C('-0.0275', (Cf(w2=w2 + 1e-4) - Cf(w2=w2 - 1e-4)) / 2e-4)
            and (Cf(w2=w2 + 1e-4) - Cf(w2=w2 - 1e-4)) / 2e-4 < 0, '2 2 2'),
    ]

# ======================================================================= 02
@register('02_bishop_prml_error_backprop.md')
def f02():
    def lin_check():
        ok = True
        for _ in range(3):
            W = rand(3, 4); x = rand(4); t = rand(3)
            En = lambda w: 0.5 * np.sum((w @ x - t) ** 2)
            ok &= near(grad(En, W), np.outer(W @ x - t, x))
        return ok
    # two-layer tanh network with biases absorbed as weights from z_0 = 1 (columns 0)
    def net(W1, W2, x):
        xt = np.concatenate([[1.0], x]); a = W1 @ xt; z = np.tanh(a); zt = np.concatenate([[1.0], z]); y = W2 @ zt
        return xt, a, z, zt, y
    def setups(n=3):
        for _ in range(n):
            D_, M_, K_ = 3, 4, 2
            W1 = rand(M_, D_ + 1); W2 = rand(K_, M_ + 1); x = rand(D_); t = rand(K_)
            En = lambda A, B: 0.5 * np.sum((net(A, B, x)[4] - t) ** 2)
            yield W1, W2, x, t, En
    def deltas(W1, W2, x, t):
        xt, a, z, zt, y = net(W1, W2, x)
        dk = y - t; dj = (1 - np.tanh(a) ** 2) * (W2[:, 1:].T @ dk)
        return xt, a, z, zt, y, dk, dj
    def num_dA(W1, W2, x, t):          # dE_n / d a_j by perturbing the hidden pre-activations
        def f(e):
            xt = np.concatenate([[1.0], x]); a = W1 @ xt + e
            return 0.5 * np.sum((W2 @ np.concatenate([[1.0], np.tanh(a)]) - t) ** 2)
        return grad(f, np.zeros(W1.shape[0]))
    def num_dY(W1, W2, x, t):
        y = net(W1, W2, x)[4]
        return grad(lambda u: 0.5 * np.sum((u - t) ** 2), y)
    def chain_w():
        return all(near(grad(lambda A: En(A, W2), W1), np.outer(num_dA(W1, W2, x, t), net(W1, W2, x)[0]))
                   for W1, W2, x, t, En in setups())
    def da_dw():
        W1 = rand(4, 3); xt = rand(3)
        return near(grad(lambda A: (A @ xt)[2], W1), np.outer(np.eye(4)[2], xt))
    def out_delta():
        return all(near(num_dY(W1, W2, x, t), net(W1, W2, x)[4] - t) for W1, W2, x, t, En in setups())
    def hidden_chain():
        ok = True
        for W1, W2, x, t, En in setups():
            xt, a, z, zt, y = net(W1, W2, x)
            J = np.stack([grad(lambda u: (W2 @ np.concatenate([[1.0], np.tanh(u)]))[k], a) for k in range(W2.shape[0])])
            ok &= near(num_dA(W1, W2, x, t), J.T @ num_dY(W1, W2, x, t), 1e-5)
        return ok
    def bp_formula():
        return all(near(num_dA(W1, W2, x, t), deltas(W1, W2, x, t)[6]) for W1, W2, x, t, En in setups())
    def sum_over_n():
        W1 = rand(3, 3); W2 = rand(2, 4); X = rand(5, 2); T = rand(5, 2)
        Efull = lambda A: sum(0.5 * np.sum((net(A, W2, X[n])[4] - T[n]) ** 2) for n in range(5))
        return near(grad(Efull, W1), sum(grad(lambda A: 0.5 * np.sum((net(A, W2, X[n])[4] - T[n]) ** 2), W1) for n in range(5)))
    def tanh_facts():
        aa = rand(20, lo=-3, hi=3)
        return (near((np.exp(aa) - np.exp(-aa)) / (np.exp(aa) + np.exp(-aa)), np.tanh(aa), 1e-12)
                and near(np.array([fd(np.tanh, u) for u in aa]), 1 - np.tanh(aa) ** 2, 1e-8))
    def grads_567():
        ok = True
        for W1, W2, x, t, En in setups():
            xt, a, z, zt, y, dk, dj = deltas(W1, W2, x, t)
            ok &= near(grad(lambda A: En(A, W2), W1), np.outer(dj, xt)) and near(grad(lambda B: En(W1, B), W2), np.outer(dk, zt))
        return ok
    def central_order():
        f = lambda w: np.exp(np.sin(3 * w)); w0 = 0.4; exact = 3 * np.cos(3 * w0) * f(w0)
        e1 = abs((f(w0 + 1e-2) - f(w0 - 1e-2)) / 2e-2 - exact); e2 = abs((f(w0 + 5e-3) - f(w0 - 5e-3)) / 1e-2 - exact)
        e3 = abs((f(w0 + 1e-2) - f(w0)) / 1e-2 - exact); e4 = abs((f(w0 + 5e-3) - f(w0)) / 5e-3 - exact)
        return 3.8 < e1 / e2 < 4.2 and 1.8 < e3 / e4 < 2.2
    def cost_count():
        # forward passes for one-sided differences: W perturbed passes (+1 unperturbed), each O(W)
        W1 = rand(4, 4); W2 = rand(2, 5); n_w = W1.size + W2.size
        return n_w == 26
    # hand check
    x1 = 2.0; W1h = np.array([[-0.1, -0.4]]); W2h = np.array([[0.1, 2.0]]); th = -0.5
    Eh = lambda A, B: 0.5 * np.sum((net(A, B, np.array([x1]))[4] - th) ** 2)
    xt, a, z, zt, y, dk, dj = deltas(W1h, W2h, np.array([x1]), np.array([th]))
    gW1 = grad(lambda A: Eh(A, W2h), W1h); gW2 = grad(lambda B: Eh(W1h, B), W2h)
    def fd3(which, i, eps=1e-3):
        if which == 1:
            f = lambda t_: Eh(W1h + t_ * np.eye(1, 2, i), W2h)
        else:
            f = lambda t_: Eh(W1h, W2h + t_ * np.eye(1, 2, i))
        return (f(eps) - f(-eps)) / (2 * eps)
    return [
        ('Most error functions of practical interest', lambda: sum_over_n()),
        ('**Linear warm-up.**', GIVEN, '1 2 2'),
        ('\\tag{5.47}', lin_check),
        ('a *local* product of an "error signal"', GIVEN),
        ('**General feed-forward network.**', GIVEN),
        ('$$a_j = \\sum_i w_{ji} z_i, \\qquad z_j = h(a_j), \\tag{5.48}$$', GIVEN),
        ('where $z_i$ is the activation of a unit', lambda: near(net(np.array([[0.3, 0.7]]), np.array([[0.0, 1.0]]), np.array([2.0]))[1], np.array([0.3 + 0.7 * 2.0])) and E('1', 1)),
        ('\\frac{\\partial a_j}{\\partial w_{ji}} .$$', chain_w),
        ('With the notation $\\delta_j \\equiv', lambda: da_dw(), '5.48'),
        ('\\tag{5.53}', chain_w),
        ('For linear output units with the sum-of-squares error', out_delta),
        ('$$\\delta_j \\equiv \\frac{\\partial E_n}{\\partial a_j} = \\sum_k', hidden_chain),
        ('and since $a_k = \\sum_j w_{kj}', GIVEN),
        ('\\tag{5.56}', bp_formula),
        ('The $\\delta$\'s flow backwards', lambda: bp_formula() and sum_over_n()),
        ('**§5.3.2 — a simple example.**', GIVEN, '5.3'),
        ('$$h(a) \\equiv \\tanh(a)', tanh_facts, '1 2'),
        ('For one pattern, $E_n', GIVEN, '1 2 2'),
        ('$$a_j = \\sum_{i=0}^{D}', GIVEN),
        ('\\delta_k &= y_k - t_k', out_delta),
        ('\\delta_j &= (1 - z_j^2)', bp_formula, '1 2'),
        ('\\tag{5.67}', grads_567),
        ('**§5.3.3 — efficiency.**', lambda: cost_count() and E('2', 2), '5.3'),
        ('\\tag{5.69}', central_order, '2 2'),
        ('**Hand check (mine', lambda: E('1', 1) and E('2', x1) and E('-0.1', W1h[0, 0]) and E('-0.4', W1h[0, 1]) and E('0.1', W2h[0, 0])
            and E('2', W2h[0, 1]) and E('-0.5', th)),
        ('- forward: $a_1 = -0.1', lambda: E('-0.1', W1h[0, 0]) and E('0.4', -W1h[0, 1]) and E('2', x1) and C('-0.9', a[0]) and C('-0.9', a[0])
            and C('-0.7163', z[0]) and E('0.1', W2h[0, 0]) and E('2', W2h[0, 1]) and C('-0.7163', z[0]) and C('-1.3326', y[0], 0.1 + 2 * -0.7163)
            and E('1', 1) and E('2', 2) and C('-1.3326', y[0]) and E('0.5', -th) and E('2', 2) and C('0.3466', Eh(W1h, W2h), 0.5 * (-1.3326 + 0.5) ** 2)),
        ('- output error:', lambda: C('-1.3326', y[0]) and E('-0.5', th) and C('-0.8326', dk[0], -1.3326 + 0.5)),
        ('- hidden error:', lambda: E('1', 1) and E('2', 2) and C('0.4869', 1 - z[0] ** 2, 1 - 0.7163 ** 2) and C('0.4869', 1 - z[0] ** 2) and E('2', W2h[0, 1])
            and C('-0.8326', dk[0]) and C('-0.8108', dj[0], 0.4869 * 2 * -0.8326)),
        ('- (5.67):', lambda: C('-0.8108', dj[0]) and E('2', x1) and C('-1.6216', gW1[0, 1], -0.8108 * 2) and C('-0.8326', dk[0])
            and C('-0.7163', z[0]) and C('0.5964', gW2[0, 1], -0.8326 * -0.7163) and C('-0.8108', gW1[0, 0]) and C('-0.8326', gW2[0, 0]), '5.67'),
        ('Central differences with $\\epsilon = 10^{-3}$', lambda: E('10', 10) and E('-3', -3)
            and all(abs(v - w) < 5e-5 for v, w in zip([fd3(1, 1), fd3(2, 1), fd3(1, 0), fd3(2, 0)], [-1.6216, 0.5964, -0.8108, -0.8326]))),
    ]

# ======================================================================= 03
@register('03_goodfellow_graph_chain_rule.md')
def f03():
    def scalar_chain():
        g = lambda x: np.sin(x) + x ** 2; f = lambda y: np.exp(0.3 * y)
        return all(abs(fd(lambda x: f(g(x)), x0) - fd(f, g(x0)) * fd(g, x0)) < 1e-6 for x0 in rand(4))
    def vec_chain():
        ok = True
        for _ in range(3):
            A = rand(4, 3); x0 = rand(3)
            g = lambda x: np.tanh(A @ x); f = lambda y: np.sum(np.sin(y) * np.arange(1, 5))
            Jac = np.stack([grad(lambda x: g(x)[j], x0) for j in range(4)])      # n x m
            gy = grad(f, g(x0))
            ok &= Jac.shape == (4, 3) and near(grad(lambda x: f(g(x)), x0), Jac.T @ gy)
            ok &= near(grad(lambda x: f(g(x)), x0), np.array([sum(gy[j] * Jac[j, i] for j in range(4)) for i in range(3)]))
        return ok
    def tensor_chain():
        X0 = rand(2, 3); Wt = rand(3, 2)
        Yf = lambda X: (X @ Wt) ** 2; zf = lambda Y: np.sum(np.cos(Y))
        Y0 = Yf(X0); dzdY = grad(zf, Y0)
        acc = sum(grad(lambda X: Yf(X)[idx], X0) * dzdY[idx] for idx in np.ndindex(Y0.shape))
        return near(grad(lambda X: zf(Yf(X)), X0), acc)
    def rep(fun):
        ok = True
        for w0 in rand(4):
            x = fun(w0); y = fun(x); fp = lambda u: fd(fun, u)
            num = fd(lambda w: fun(fun(fun(w))), w0)
            ok &= abs(num - fp(y) * fp(x) * fp(w0)) < 1e-6 and abs(num - fp(fun(fun(w0))) * fp(fun(w0)) * fp(w0)) < 1e-6
        return ok
    reps = lambda: rep(np.tanh) and rep(np.sin) and rep(sig)
    w = 0.45; x = np.tanh(w); y = np.tanh(x); z = np.tanh(y)
    dzdw = fd(lambda t: np.tanh(np.tanh(np.tanh(t))), w)
    # MLP with regulariser
    lam = 0.3
    def mlp_setups(fname):
        f, fp = {'tanh': (np.tanh, lambda a: 1 - np.tanh(a) ** 2), 'sig': (sig, dsig)}[fname]
        for _ in range(2):
            sizes = [3, 4, 3, 2]; Ws, bs = rand_net(sizes); xx = rand(3); yy = rand(2)
            def J(Ws_, bs_):
                h = xx
                for W_, b_ in zip(Ws_, bs_):
                    h = f(b_ + W_ @ h)
                return 0.5 * np.sum((h - yy) ** 2) + lam * 0.5 * sum(np.sum(W_ ** 2) for W_ in Ws_)
            yield f, fp, Ws, bs, xx, yy, J
    def alg64():
        ok = True
        for fname in ('tanh', 'sig'):
            for f, fp, Ws, bs, xx, yy, J in mlp_setups(fname):
                hs, As_ = [xx], []
                for W_, b_ in zip(Ws, bs):
                    As_.append(b_ + W_ @ hs[-1]); hs.append(f(As_[-1]))
                g = grad(lambda u: 0.5 * np.sum((u - yy) ** 2), hs[-1])      # = grad of J wrt y-hat
                for k in range(len(Ws) - 1, -1, -1):
                    # numerical gradient of J wrt a^(k) and h^(k-1) by perturbation inside the forward pass
                    def Jp(e, k=k, where='a'):
                        h = xx
                        for i, (W_, b_) in enumerate(zip(Ws, bs)):
                            if where == 'h' and i == k:
                                h = h + e
                            a = b_ + W_ @ h
                            if where == 'a' and i == k:
                                a = a + e
                            h = f(a)
                        return 0.5 * np.sum((h - yy) ** 2) + lam * 0.5 * sum(np.sum(W_ ** 2) for W_ in Ws)
                    g = g * fp(As_[k])
                    ok &= near(g, grad(lambda e: Jp(e, k, 'a'), np.zeros(len(As_[k]))))
                    Wk = lambda Wn, k=k: J([Wn if i == k else W_ for i, W_ in enumerate(Ws)], bs)
                    bk = lambda bn, k=k: J(Ws, [bn if i == k else b_ for i, b_ in enumerate(bs)])
                    ok &= near(grad(bk, bs[k]), g) and near(grad(Wk, Ws[k]), np.outer(g, hs[k]) + lam * Ws[k])
                    g = Ws[k].T @ g
                    ok &= near(g, grad(lambda e: Jp(e, k, 'h'), np.zeros(len(hs[k]))), 1e-5)
        return ok
    A64 = alg64()
    def paths():
        ok = True
        for n, l in [(3, 2), (3, 4), (5, 3), (2, 6)]:
            # adjacency: input unit -> n -> ... -> n -> output unit, l weight layers
            mats = [np.ones((1, n))] + [np.ones((n, n))] * (l - 2) + [np.ones((n, 1))]
            P = mats[0]
            for M_ in mats[1:]:
                P = P @ M_
            ok &= int(P[0, 0]) == n ** (l - 1)
        return ok
    def edge_cost():
        # forward: one multiply-add per edge; backward also visits each edge once (one use of W^T and one outer product)
        sizes = [5, 7, 3]; edges = sum(sizes[i] * sizes[i + 1] for i in range(2))
        return edges == 5 * 7 + 7 * 3
    return [
        ('**What back-prop is, and what it is not.**', GIVEN),
        ('**Computational graphs.**', GIVEN),
        ('**Chain rule of calculus.**', GIVEN),
        ('$$\\frac{dz}{dx} = \\frac{dz}{dy}', scalar_chain),
        ('For $\\boldsymbol x \\in \\mathbb{R}^m$', GIVEN),
        ('$$\\frac{\\partial z}{\\partial x_i} = \\sum_j', vec_chain),
        ('where $\\partial\\boldsymbol y/\\partial\\boldsymbol x$ is the $n \\times m$', lambda: vec_chain() and tensor_chain()),
        ('**Repeated subexpressions (Fig. 6.9).**', GIVEN, '6.9'),
        ('\\frac{\\partial z}{\\partial w} &=', reps),
        ('&= f\'(y)\\,f\'(x)\\,f\'(w) \\\\', reps),
        ('&= f\'(f(f(w)))', reps),
        ('The middle line stores', lambda: abs(np.tanh(w) - x) < 1e-15 and abs(np.tanh(x) - y) < 1e-15),
        ('Numbers, with $f = \\tanh$', lambda: E('0.45', w)),
        ('- forward: $x = \\tanh(0.45)', lambda: E('0.45', w) and C('0.4219', x) and C('0.4219', x) and C('0.3985', y, np.tanh(0.4219))
            and C('0.3985', y) and C('0.3787', z, np.tanh(0.3985))),
        ('- local derivatives from the *stored* outputs', lambda: E('1', 1) and E('2', 2) and E('1', 1) and E('2', 2)
            and C('0.8220', 1 - x ** 2, 1 - 0.4219 ** 2) and E('1', 1) and E('2', 2) and C('0.8412', 1 - y ** 2, 1 - 0.3985 ** 2)
            and E('1', 1) and E('2', 2) and C('0.8566', 1 - z ** 2, 1 - 0.3787 ** 2)
            and abs(fd(np.tanh, 0.37) - (1 - np.tanh(0.37) ** 2)) < 1e-9),
        ('- product: $\\partial z/\\partial w', lambda: C('0.8566', 1 - z ** 2) and C('0.8412', 1 - y ** 2) and C('0.8220', 1 - x ** 2)
            and C('0.5923', dzdw, 0.8566 * 0.8412 * 0.8220)),
        ('**Algorithms 6.3 / 6.4 for an MLP', GIVEN, '*'),
        ('Backward: start with $\\boldsymbol g', lambda: A64, '1 1'),
        ('1. Gradient on the pre-nonlinearity', lambda: A64),
        ('2. Gradients on the parameters:', lambda: A64),
        ('3. Propagate to the layer below:', lambda: A64),
        ('Note the $\\lambda\\boldsymbol W^{(k)}$ term', lambda: A64),
        ('**Cost.**', lambda: paths() and edge_cost(), '1 1'),
    ]

# ======================================================================= 04
@register('04_ng_dlai_shallow_network.md')
def f04():
    nx, nh, m = 3, 4, 5
    X = rand(nx, m); Y = (RNG.uniform(size=(1, m)) > 0.5).astype(float)
    P = dict(W1=rand(nh, nx), b1=rand(nh, 1), W2=rand(1, nh), b2=rand(1, 1))
    def fwd(p):
        Z1 = p['W1'] @ X + p['b1']; A1 = np.tanh(Z1); Z2 = p['W2'] @ A1 + p['b2']; A2 = sig(Z2)
        return Z1, A1, Z2, A2
    def J(p):
        A2 = fwd(p)[3]
        return -np.mean(Y * np.log(A2) + (1 - Y) * np.log(1 - A2))
    G = {k: grad(lambda v, k=k: J({**P, k: v}), P[k]) for k in P}
    Z1, A1, Z2, A2 = fwd(P)
    # per-example derivatives wrt z (m * dJ/dZ)
    def dJdZ(layer):
        def Jz(E):
            Z1_ = P['W1'] @ X + P['b1'] + (E if layer == 1 else 0)
            Z2_ = P['W2'] @ np.tanh(Z1_) + P['b2'] + (E if layer == 2 else 0)
            A2_ = sig(Z2_)
            return -np.mean(Y * np.log(A2_) + (1 - Y) * np.log(1 - A2_))
        return grad(Jz, np.zeros((nh, m) if layer == 1 else (1, m)))
    dZ2_true = m * dJdZ(2); dZ1_true = m * dJdZ(1)
    # the author's formulas
    dZ2 = A2 - Y
    dW2 = (1 / m) * dZ2 @ A1.T
    db2 = (1 / m) * np.sum(dZ2, axis=1, keepdims=True)
    dZ1 = (P['W2'].T @ dZ2) * (1 - A1 * A1)
    dW1 = dZ1 @ X.T                                  # as written (no 1/m)
    db1 = (1 / m) * np.sum(dZ1, axis=1, keepdims=True)
    def one_example():
        ok = True
        for z0, y0 in [(0.3, 1.0), (-1.2, 0.0), (2.0, 1.0)]:
            a0 = sig(z0); Lf = lambda a: -y0 * np.log(a) - (1 - y0) * np.log(1 - a)
            ok &= abs(fd(Lf, a0) - (-y0 / a0 + (1 - y0) / (1 - a0))) < 1e-6 and abs(fd(sig, z0) - a0 * (1 - a0)) < 1e-8
            ok &= abs(fd(lambda z: Lf(sig(z)), z0) - (a0 - y0)) < 1e-6
        return ok
    def tanh_d():
        zz = rand(10)
        return near(np.array([fd(np.tanh, t) for t in zz]), 1 - np.tanh(zz) ** 2, 1e-8) and near(1 - A1 ** 2, 1 - np.tanh(Z1) ** 2)
    def shapes():
        return ((P['W2'].T).shape == (nh, 1) and dZ2.shape == (1, m) and dZ1.shape == (nh, m) == Z1.shape
                and (dZ1 @ X.T).shape == (nh, nx) == P['W1'].shape and (dZ2 @ A1.T).shape == (1, nh) == P['W2'].shape
                and np.sum(dZ1, axis=1).shape == (nh,) and np.sum(dZ2, axis=1).shape == (1,))
    def symmetry():
        W1 = np.zeros((nh, nx)); b1 = np.zeros((nh, 1)); W2 = np.zeros((1, nh)); b2 = np.zeros((1, 1))
        ok = True
        for _ in range(5):
            p = dict(W1=W1, b1=b1, W2=W2, b2=b2)
            g = {k: grad(lambda v, k=k: J({**p, k: v}), p[k]) for k in p}
            Z1_, A1_, _, _ = fwd(p)
            ok &= np.allclose(A1_, A1_[0:1, :]) and np.allclose(g['W1'], g['W1'][0:1, :])
            W1, b1, W2, b2 = W1 - 1.2 * g['W1'], b1 - 1.2 * g['b1'], W2 - 1.2 * g['W2'], b2 - 1.2 * g['b2']
            ok &= np.allclose(W1, W1[0:1, :]) and np.allclose(W2, W2[:, 0:1])
        # and also with a common non-zero start value
        p = dict(W1=np.full((nh, nx), 0.3), b1=np.zeros((nh, 1)), W2=np.full((1, nh), -0.2), b2=np.zeros((1, 1)))
        g = {k: grad(lambda v, k=k: J({**p, k: v}), p[k]) for k in p}
        ok &= np.allclose(g['W1'], g['W1'][0:1, :]) and np.allclose(g['W2'], g['W2'][:, 0:1]) and np.abs(g['W1']).max() > 1e-4
        return ok
    def descent():
        q = {k: P[k] - 1e-3 * G[k] for k in P}
        return J(q) < J(P)
    return [
        ('**Setup.** $n_x$ input features', GIVEN, '1 1 1 1 1'),
        ('Forward propagation (broadcasting', lambda: near(Z1, np.stack([P['W1'] @ X[:, i] + P['b1'][:, 0] for i in range(m)], axis=1))),
        ('$$Z^{[1]} = W^{[1]}X + b^{[1]}', GIVEN),
        ('Cost = average of the logistic loss', GIVEN),
        ('$$J = -\\frac{1}{m}\\sum_{i=1}^{m}', GIVEN, '1 1 1'),
        ('**Shorthand.**', lambda: near(dZ2_true / m, dJdZ(2)), '1 1'),
        ('**One example first.**', GIVEN, '1 1'),
        ('$$da = -\\frac{y}{a}', one_example, '1 1 1 1'),
        ('**Vectorised over the $m$ columns**', GIVEN),
        ('dZ^{[2]} &= A^{[2]} - Y', lambda: near(dZ2, dZ2_true)),
        ('dW^{[2]} &= \\tfrac{1}{m}', lambda: near(dW2, G['W2']), '1'),
        ('db^{[2]} &= \\tfrac{1}{m}', lambda: near(db2, G['b2']), '1 1'),
        ('dZ^{[1]} &= W^{[2]T} dZ^{[2]}', lambda: near(dZ1, dZ1_true), '1'),
        ('dW^{[1]} &= dZ^{[1]} X^{T}', lambda: near(dW1, G['W1'])),
        ('db^{[1]} &= \\tfrac{1}{m}', lambda: near(db1, G['b1']), '1 1'),
        ('Here $*$ is element-wise', tanh_d, '1 2 1 2'),
        ('**Shape check, in words.**', shapes, '1 1 1 1 1'),
        ('m = X.shape[1]', lambda: X.shape[1] == m, '1'),
        ('W2 = parameters["W2"]', GIVEN),
        ('A1, A2 = cache["A1"], cache["A2"]', GIVEN),
        ('dZ2 = A2 - Y', lambda: near(dZ2, dZ2_true)),
        ('dW2 = (1 / m) * np.dot(dZ2, A1.T)', lambda: near(dW2, G['W2']), '1'),
        ('db2 = (1 / m) * np.sum(dZ2', lambda: near(db2, G['b2']), '1 1'),
        ('dZ1 = np.dot(W2.T, dZ2)', lambda: near(dZ1, dZ1_true), '1 2'),
        ('dW1 = np.dot(dZ1, X.T)', lambda: near(dW1, G['W1'])),
        ('db1 = (1 / m) * np.sum(dZ1', lambda: near(db1, G['b1']), '1 1'),
        ('**Update** with learning rate', lambda: descent() and E('1.2', 1.2), '1 2'),
        ('In the planar-data assignment', lambda: E('2', 2) and E('4', 4) and E('400', 400)
            and E('4', 4) and E('2', 2) and E('4', 4) and E('1', 1) and E('4', 4) and E('1', 1)
            and E('17', np.zeros((4, 2)).size + np.zeros((4, 1)).size + np.zeros((1, 4)).size + np.zeros((1, 1)).size)),
        ('**Why not initialise with zeros?**', lambda: symmetry() and E('0', 0) and E('0', 0)),
    ]

# ======================================================================= 05
@register('05_cs231n_twolayer_rowbatch.md')
def f05():
    N, D, Hh, Cc = 5, 4, 6, 3; reg = 0.1
    X = rand(N, D); y = RNG.integers(0, Cc, size=N)
    P0 = dict(W1=rand(D, Hh), b1=rand(Hh), W2=rand(Hh, Cc), b2=rand(Cc))
    Yoh = np.eye(Cc)[y]
    def fwd(p):
        z1 = X @ p['W1'] + p['b1']; h1 = np.maximum(0, z1); S = h1 @ p['W2'] + p['b2']
        return z1, h1, S, softmax(S)
    def Lf(p, reg=reg):
        P = fwd(p)[3]
        return -np.mean(np.log(P[np.arange(N), y])) + reg * (np.sum(p['W1'] ** 2) + np.sum(p['W2'] ** 2))
    G = {k: grad(lambda v, k=k: Lf({**P0, k: v}), P0[k]) for k in P0}
    z1, h1, S, P = fwd(P0)
    dS_num = grad(lambda s: -np.mean(np.log(softmax(s)[np.arange(N), y])), S)
    dH_num = grad(lambda h: -np.mean(np.log(softmax(h @ P0['W2'] + P0['b2'])[np.arange(N), y])), h1)
    dZ1_num = grad(lambda z: -np.mean(np.log(softmax(np.maximum(0, z) @ P0['W2'] + P0['b2'])[np.arange(N), y])), z1)
    dS = (P - Yoh) / N; dH = dS @ P0['W2'].T; dZ1 = dH * (z1 > 0)
    def code():
        W1, b1, W2, b2 = P0['W1'], P0['b1'], P0['W2'], P0['b2']
        zz1 = X.dot(W1) + b1; hh1 = np.maximum(0, zz1); scores = hh1.dot(W2) + b2
        shifted = scores - scores.max(axis=1, keepdims=True)
        probs = np.exp(shifted) / np.sum(np.exp(shifted), axis=1, keepdims=True)
        loss = -np.log(probs[np.arange(N), y]).mean() + reg * (np.sum(W1 * W1) + np.sum(W2 * W2))
        dscores = probs.copy(); dscores[np.arange(N), y] -= 1; dscores /= N
        g = {}
        g['W2'] = hh1.T.dot(dscores) + 2 * reg * W2; g['b2'] = dscores.sum(axis=0)
        dh1 = dscores.dot(W2.T); dh1[zz1 <= 0] = 0
        g['W1'] = X.T.dot(dh1) + 2 * reg * W1; g['b1'] = dh1.sum(axis=0)
        return dict(z1=zz1, h1=hh1, scores=scores, probs=probs, loss=loss, dscores=dscores, dh1=dh1, g=g)
    K = code()
    def row_rule():
        ok = True
        for _ in range(3):
            s = rand(4); yy = 2
            ok &= near(grad(lambda u: -np.log(softmax(u)[yy]), s), softmax(s) - np.eye(4)[yy])
        return ok
    Ssm = np.array([[-1.0, 1, 1.5], [2, 1.5, -0.5]]); ysm = np.array([1, 0])
    Psm = softmax(Ssm); lsm = -np.log(Psm[[0, 1], ysm])
    dSsm = grad(lambda s: -np.mean(np.log(softmax(s)[[0, 1], ysm])), Ssm)
    dSr = np.array([[0.0243, -0.3204, 0.2961], [-0.2039, 0.1796, 0.0243]])
    tiny = dict(W1=rand(D, Hh) * 1e-4, b1=np.zeros(Hh), W2=rand(Hh, Cc) * 1e-4, b2=np.zeros(Cc))
    return [
        ('# CS231n — backprop for the two-layer net', GIVEN, '1'),
        ('Conventions as in the course', lambda: X.shape == (N, D) and P0['W1'].shape == (D, Hh) and E('0', 0) and E('1', 1)),
        ('$$Z_1 = XW_1 + b_1, \\qquad H = \\max(0, Z_1)', GIVEN, '0'),
        ('$$L = \\underbrace', GIVEN, '1 2 2'),
        ('where $\\|\\cdot\\|$ is the Frobenius norm', lambda: abs(np.sum(P0['W1'] * P0['W1']) - np.linalg.norm(P0['W1'], 'fro') ** 2) < 1e-12, '1 2'),
        ('**Gradient on the scores.**', lambda: row_rule() and near(dS, dS_num) , '1 1'),
        ('$$\\frac{\\partial L}{\\partial S} = \\frac{1}{N}', lambda: near(dS, dS_num), '1'),
        ('**Second layer.**', lambda: all(near(grad(lambda W: np.sum(Gm * (Hm @ W)), Wm), Hm.T @ Gm) and near(grad(lambda Hx: np.sum(Gm * (Hx @ Wm)), Hm), Gm @ Wm.T)
            for Hm, Wm, Gm in [(rand(5, 4), rand(4, 3), rand(5, 3)) for _ in range(3)])),
        ('$$\\frac{\\partial L}{\\partial W_2} = H^{\\top}', lambda: near(h1.T @ dS + 2 * reg * P0['W2'], G['W2']) and G['W2'].shape == (Hh, Cc)
            and near(dS.sum(axis=0), G['b2']) and G['b2'].shape == (Cc,) and near(dS @ P0['W2'].T, dH_num) and dH.shape == (N, Hh) and E('2', 2)),
        ('**ReLU.**', lambda: near(dZ1, dZ1_num) and E('0', 0), '1'),
        ('$$\\frac{\\partial L}{\\partial W_1} = X^{\\top}', lambda: near(X.T @ dZ1 + 2 * reg * P0['W1'], G['W1']) and G['W1'].shape == (D, Hh)
            and near(dZ1.sum(axis=0), G['b1']) and G['b1'].shape == (Hh,) and E('2', 2)),
        ('z1 = X.dot(W1) + b1', lambda: K['z1'].shape == (N, Hh) and near(K['z1'], z1)),
        ('h1 = np.maximum(0, z1)', lambda: near(K['h1'], h1) and E('0', 0)),
        ('scores = h1.dot(W2) + b2', lambda: near(K['scores'], S)),
        ('shifted = scores - scores.max', lambda: near(np.exp(S - S.max(axis=1, keepdims=True)) / np.exp(S - S.max(axis=1, keepdims=True)).sum(axis=1, keepdims=True),
            np.exp(S) / np.exp(S).sum(axis=1, keepdims=True), 1e-12), '1'),
        ('probs = np.exp(shifted)', lambda: near(K['probs'], P), '1'),
        ('loss = -np.log(probs', lambda: abs(K['loss'] - Lf(P0)) < 1e-12),
        ('dscores[np.arange(N), y] -= 1', lambda: near(K['dscores'], dS), '1'),
        ('grads[\'W2\'] = h1.T.dot', lambda: near(K['g']['W2'], G['W2']), '2'),
        ('grads[\'b2\'] = dscores.sum', lambda: near(K['g']['b2'], G['b2']), '0'),
        ('dh1 = dscores.dot(W2.T)', lambda: near(dH, dH_num)),
        ('dh1[z1 <= 0] = 0', lambda: near(K['dh1'], dZ1_num), '0 0'),
        ('grads[\'W1\'] = X.T.dot', lambda: near(K['g']['W1'], G['W1']), '2'),
        ('grads[\'b1\'] = dh1.sum', lambda: near(K['g']['b1'], G['b1']), '0'),
        ('- With tiny weights, zero biases', lambda: E('0', 0) and E('0', 0) and E('1', 1)
            and abs(Lf(tiny, reg=0.0) - np.log(Cc)) < 1e-3 and E('10', 10) and C('2.303', np.log(10)), '10'),
        ('- Toy case $N = 2$', lambda: E('2', 2) and E('3', 3) and EV(['-1', '1', '1.5', '2', '1.5', '-0.5'], Ssm) and EV(['1', '0'], ysm)
            and CV(['0.0486', '0.3592', '0.5922', '0.5922', '0.3592', '0.0486'], Psm)
            and E('1', 1) and E('2', 2) and CV(['1.0239', '0.5239'], lsm) and C('0.7739', lsm.mean(), (1.0239 + 0.5239) / 2)),
        ('- Its score gradient:', lambda: CV(['0.0243', '-0.3204', '0.2961', '-0.2039', '0.1796', '0.0243'], dSsm, (np.round(Psm, 4) - np.eye(3)[ysm]) / 2)
            and CV(['-0.1796', '-0.1408', '0.3204'], dSsm.sum(axis=0), dSr.sum(axis=0))),
        ('- Each row of $\\partial L/\\partial S$ sums to $0$', lambda: E('0', 0) and near(dSsm.sum(axis=1), np.zeros(2))
            and near(softmax(Ssm + np.array([[0.7], [-1.3]])), Psm) and E('0', 0)
            and C('-0.1796', dSsm.sum(axis=0)[0], dSr.sum(axis=0)[0]) and C('0.1408', -dSsm.sum(axis=0)[1], -dSr.sum(axis=0)[1])
            and C('0.3204', dSsm.sum(axis=0)[2], dSr.sum(axis=0)[2]) and E('0', round(-0.1796 - 0.1408 + 0.3204, 12))),
    ]

# ======================================================================= 06
@register('06_mazur_221_worked_example.md')
def f06():
    i1, i2 = 0.15, 0.5; W = dict(w1=0.5, w2=0.55, w3=0.8, w4=0.5, b1=0.35, w5=0.6, w6=0.45, w7=-0.4, w8=0.45, b2=0.3)
    t1, t2 = 0.05, 0.95; eta = 0.5
    def fwd(p):
        oh1 = sig(p['w1'] * i1 + p['w2'] * i2 + p['b1']); oh2 = sig(p['w3'] * i1 + p['w4'] * i2 + p['b1'])
        oo1 = sig(p['w5'] * oh1 + p['w6'] * oh2 + p['b2']); oo2 = sig(p['w7'] * oh1 + p['w8'] * oh2 + p['b2'])
        return oh1, oh2, oo1, oo2
    def Et(p):
        _, _, oo1, oo2 = fwd(p)
        return 0.5 * (t1 - oo1) ** 2 + 0.5 * (t2 - oo2) ** 2
    g = {k: fd(lambda t, k=k: Et({**W, k: t}), W[k]) for k in W}
    oh1, oh2, oo1, oo2 = fwd(W)
    nh1 = W['w1'] * i1 + W['w2'] * i2 + W['b1']; nh2 = W['w3'] * i1 + W['w4'] * i2 + W['b1']
    no1 = W['w5'] * oh1 + W['w6'] * oh2 + W['b2']; no2 = W['w7'] * oh1 + W['w8'] * oh2 + W['b2']
    # carried (rounded) chain as on the page
    rh1, rh2 = 0.6682, 0.6726; ro1, ro2 = 0.7318, 0.5831
    dO1c = 0.1936                                   # as written on the page
    d1c = 0.6818 * dO1c; d2c = -0.3669 * 0.2431
    def chain_rule():
        dE = fd(lambda o: 0.5 * (t1 - o) ** 2 + 0.5 * (t2 - oo2) ** 2, oo1)
        dO = fd(sig, no1)
        dN = fd(lambda w: w * oh1 + W['w6'] * oh2 + W['b2'], W['w5'])
        return abs(g['w5'] - dE * dO * dN) < 1e-8
    def hidden_sum():
        f1 = lambda h: 0.5 * (t1 - sig(W['w5'] * h + W['w6'] * oh2 + W['b2'])) ** 2
        f2 = lambda h: 0.5 * (t2 - sig(W['w7'] * h + W['w8'] * oh2 + W['b2'])) ** 2
        d1 = (oo1 - t1) * oo1 * (1 - oo1); d2 = (oo2 - t2) * oo2 * (1 - oo2)
        return (abs(fd(lambda h: f1(h) + f2(h), oh1) - fd(f1, oh1) - fd(f2, oh1)) < 1e-8
                and abs(fd(f1, oh1) - d1 * W['w5']) < 1e-8 and abs(fd(f2, oh1) - d2 * W['w7']) < 1e-8)
    def converge():
        p = dict(W)
        for _ in range(3000):
            gg = {k: fd(lambda t, k=k: Et({**p, k: t}), p[k]) for k in p}
            p = {k: p[k] - eta * gg[k] for k in p}
        _, _, o1, o2 = fwd(p)
        return abs(o1 - t1) < abs(oo1 - t1) / 5 and abs(o2 - t2) < abs(oo2 - t2) / 5
    return [
        ('I kept getting lost in the indices', GIVEN),
        ('**Initial values.**', lambda: ALL(E('0.15', i1), E('0.5', i2), E('0.5', W['w1']), E('0.55', W['w2']), E('0.8', W['w3']), E('0.5', W['w4']),
            E('0.35', W['b1']), E('0.6', W['w5']), E('0.45', W['w6']), E('-0.4', W['w7']), E('0.45', W['w8']), E('0.3', W['b2']),
            E('0.05', t1), E('0.95', t2), E('0.5', eta))),
        ('$net_{h1} = w_1 i_1', lambda: E('0.5', W['w1']) and E('0.15', i1) and E('0.55', W['w2']) and E('0.5', i2) and E('0.35', W['b1'])
            and C('0.7', nh1) and E('1', 1) and E('1', 1) and C('-0.7', -nh1) and C('0.6682', oh1)),
        ('Same for $h_2$', lambda: E('0.8', W['w3']) and E('0.15', i1) and E('0.5', W['w4']) and E('0.5', i2) and E('0.35', W['b1'])
            and C('0.72', nh2) and C('0.6726', oh2)),
        ('$net_{o1} = w_5', lambda: E('0.6', W['w5']) and C('0.6682', oh1) and E('0.45', W['w6']) and C('0.6726', oh2) and E('0.3', W['b2'])
            and C('1.0036', no1, 0.6 * rh1 + 0.45 * rh2 + 0.3) and C('0.7318', oo1, sig(1.0036))),
        ('$net_{o2} = -0.4', lambda: E('-0.4', W['w7']) and C('0.6682', oh1) and E('0.45', W['w8']) and C('0.6726', oh2) and E('0.3', W['b2'])
            and C('0.3354', no2, -0.4 * rh1 + 0.45 * rh2 + 0.3) and C('0.5831', oo2, sig(0.3354))),
        ('**Total error**', lambda: E('1', 1) and E('2', 2) and E('2', 2)),
        ('$E_{o1} = \\frac{1}{2}(0.05', lambda: E('1', 1) and E('2', 2) and E('0.05', t1) and C('0.7318', oo1) and E('2', 2)
            and C('0.2324', 0.5 * (t1 - oo1) ** 2, 0.5 * (t1 - ro1) ** 2) and E('1', 1) and E('2', 2) and E('0.95', t2) and C('0.5831', oo2) and E('2', 2)
            and C('0.0673', 0.5 * (t2 - oo2) ** 2, 0.5 * (t2 - ro2) ** 2) and C('0.2324', 0.5 * (t1 - oo1) ** 2) and C('0.0673', 0.5 * (t2 - oo2) ** 2)
            and C('0.2997', Et(W), 0.2324 + 0.0673)),
        ('We want $\\frac{\\partial E_{total}}{\\partial w_5}$', GIVEN),
        ('$$\\frac{\\partial E_{total}}{\\partial w_5} = \\frac', chain_rule),
        ('- $\\frac{\\partial E_{total}}{\\partial out_{o1}} = -(target_{o1}', lambda: abs(fd(lambda o: 0.5 * (t1 - o) ** 2 + 0.5 * (t2 - oo2) ** 2, oo1) + (t1 - oo1)) < 1e-8
            and E('0.05', t1) and C('0.7318', oo1) and C('0.6818', oo1 - t1, ro1 - t1) and abs(fd(lambda o: 0.5 * (t2 - oo2) ** 2, oo1)) < 1e-12),
        ('- $\\frac{\\partial out_{o1}}{\\partial net_{o1}} = out_{o1}(1 - out_{o1})', lambda: abs(fd(sig, no1) - oo1 * (1 - oo1)) < 1e-8 and E('1', 1)
            and C('0.7318', oo1) and C('0.2682', 1 - oo1, 1 - ro1) and C('0.1936', oo1 * (1 - oo1), ro1 * (1 - ro1))),
        ('- $\\frac{\\partial net_{o1}}{\\partial w_5} = out_{h1}', lambda: abs(fd(lambda w: w * oh1 + W['w6'] * oh2 + W['b2'], W['w5']) - oh1) < 1e-9 and C('0.6682', oh1)),
        ('Putting it together:', lambda: C('0.6818', oo1 - t1) and C('0.1936', dO1c) and C('0.6682', oh1)
            and C('0.0882', g['w5'], 0.6818 * dO1c * 0.6682)),
        ('It is common to call the first two factors', lambda: C('0.6818', oo1 - t1) and C('0.1936', dO1c) and C('0.1320', d1c, (oo1 - t1) * oo1 * (1 - oo1))
            and abs(g['w5'] - (oo1 - t1) * oo1 * (1 - oo1) * oh1) < 1e-8),
        ('Gradient descent step: $w_5^+', lambda: E('0.6', W['w5']) and E('0.5', eta) and C('0.0882', g['w5'], 0.6818 * dO1c * 0.6682)
            and C('0.5559', W['w5'] - eta * g['w5'], 0.6 - 0.5 * 0.0882) and Et({**W, 'w5': W['w5'] - 1e-3 * g['w5']}) < Et(W)),
        ('The other three output weights go the same way', lambda: C('0.5831', oo2) and E('0.95', t2) and C('0.5831', oo2) and E('1', 1) and C('0.5831', oo2)
            and C('-0.3669', oo2 - t2, ro2 - t2) and C('0.2431', oo2 * (1 - oo2), ro2 * (1 - ro2)) and C('-0.0892', (oo2 - t2) * oo2 * (1 - oo2), -0.3669 * 0.2431)),
        ('- $w_6^+ = 0.45 - 0.5', lambda: E('0.45', W['w6']) and E('0.5', eta) and C('0.1320', d1c) and C('0.6726', oh2) and E('0.45', W['w6']) and E('0.5', eta)
            and C('0.0888', g['w6'], 0.1320 * 0.6726) and C('0.4056', W['w6'] - eta * g['w6'], 0.45 - 0.5 * 0.0888)),
        ('- $w_7^+ = -0.4 - 0.5', lambda: E('-0.4', W['w7']) and E('0.5', eta) and C('-0.0892', d2c) and C('0.6682', oh1) and E('-0.4', W['w7']) and E('0.5', eta)
            and C('-0.0596', g['w7'], -0.0892 * 0.6682) and C('-0.3702', W['w7'] - eta * g['w7'], -0.4 - 0.5 * -0.0596)),
        ('- $w_8^+ = 0.45 - 0.5', lambda: E('0.45', W['w8']) and E('0.5', eta) and C('-0.0892', d2c) and C('0.6726', oh2) and E('0.45', W['w8']) and E('0.5', eta)
            and C('-0.0600', g['w8'], -0.0892 * 0.6726) and C('0.4800', W['w8'] - eta * g['w8'], 0.45 + 0.5 * 0.0600)),
        ('(The *new* weights are only used', GIVEN),
        ('$out_{h1}$ feeds both outputs', lambda: hidden_sum()),
        ('$$\\frac{\\partial E_{total}}{\\partial out_{h1}} = ', lambda: hidden_sum() and C('0.1320', d1c) and E('0.6', W['w5']) and C('-0.0892', d2c) and E('-0.4', W['w7'])
            and C('0.0792', 0.1320 * 0.6, d1c * 0.6) and C('0.0357', (oo2 - t2) * oo2 * (1 - oo2) * W['w7'], -0.0892 * -0.4) and C('0.1149', 0.0792 + 0.0357)),
        ('Then $\\frac{\\partial out_{h1}}{\\partial net_{h1}}', lambda: C('0.6682', oh1) and C('0.3318', 1 - oh1) and C('0.2217', oh1 * (1 - oh1), 0.6682 * 0.3318)
            and abs(fd(lambda w: w * i1 + W['w2'] * i2 + W['b1'], W['w1']) - i1) < 1e-9 and E('0.15', i1)),
        ('$\\frac{\\partial E_{total}}{\\partial w_1} = 0.1149', lambda: E('0.1149', 0.0792 + 0.0357) and C('0.2217', oh1 * (1 - oh1)) and E('0.15', i1)
            and C('0.00382', g['w1'], 0.1149 * 0.2217 * 0.15) and E('0.5', W['w1']) and E('0.5', eta) and C('0.00382', 0.1149 * 0.2217 * 0.15)
            and C('0.49809', W['w1'] - eta * g['w1'], 0.5 - 0.5 * 0.00382)),
        ('For $w_2$ only the last factor changes', lambda: E('0.5', i2) and E('0.1149', 0.0792 + 0.0357) and C('0.2217', oh1 * (1 - oh1)) and E('0.5', i2)
            and C('0.01274', g['w2'], 0.1149 * 0.2217 * 0.5) and E('0.55', W['w2']) and E('0.5', eta) and C('0.01274', 0.1149 * 0.2217 * 0.5)
            and C('0.54363', W['w2'] - eta * g['w2'], 0.55 - 0.5 * 0.01274)),
        ('After updating all eight weights', lambda: E('0.05', t1) and E('0.95', t2) and converge()),
    ]

# ======================================================================= 07
@register('07_exam_answer_key_mlp.md')
def f07():
    W1 = np.array([[0.8, -1.0], [0.5, 2.0]]); b1 = np.array([0.0, -0.5]); W2 = np.array([[2.0, -1.0]]); b2 = np.array([0.0])
    x = np.array([1.0, 0.4]); y = 1.0; eta = 0.1
    def Lf(W1_=W1, b1_=b1, W2_=W2, b2_=b2):
        yh = sig(W2_ @ sig(W1_ @ x + b1_) + b2_)[0]
        return -(y * np.log(yh) + (1 - y) * np.log(1 - yh))
    z1 = W1 @ x + b1; a1 = sig(z1); z2 = (W2 @ a1 + b2)[0]; yh = sig(z2)
    gW1 = grad(lambda A: Lf(W1_=A), W1); gb1 = grad(lambda B: Lf(b1_=B), b1); gW2 = grad(lambda A: Lf(W2_=A), W2); gb2 = grad(lambda B: Lf(b2_=B), b2)
    d1_true = grad(lambda z: -np.log(sig(W2 @ sig(z) + b2)[0]), z1)
    # carried values
    a1r = np.array([0.5987, 0.6900]); d2r = -0.3758; up = np.array([-0.7516, 0.3758])
    d1c = np.array([-0.4500, 0.2593])            # as on the page
    gW1c = np.outer(d1c, x); gW2c = d2r * a1r
    def bce_parts():
        ok = True
        for yy in (0.0, 1.0, 0.3):
            for zz in rand(3):
                q = sig(zz); Lq = lambda p: -(yy * np.log(p) + (1 - yy) * np.log(1 - p))
                ok &= abs(fd(Lq, q) - (-yy / q + (1 - yy) / (1 - q))) < 1e-6 and abs(fd(sig, zz) - q * (1 - q)) < 1e-8
                ok &= abs(fd(lambda u: Lq(sig(u)), zz) - (q - yy)) < 1e-6 and abs((-yy * (1 - q) + (1 - yy) * q) - (q - yy)) < 1e-12
        return ok
    def hidden_rule():
        ok = True
        for _ in range(3):
            A = rand(2, 2); bb = rand(2); Bm = rand(1, 2); xx = rand(2)
            zz = A @ xx + bb
            num = grad(lambda z: -np.log(sig(Bm @ sig(z))[0]), zz)
            d2 = sig(Bm @ sig(zz))[0] - 1.0
            ok &= near(num, (Bm.T[:, 0] * d2) * sig(zz))       # the formula as written on the key
        return ok
    return [
        ('# CS 4780-style Final Exam', lambda: E('4780', 4780) and E('4', 4) and E('14', 3 + 3 + 5 + 3)),
        ('**Question.** A network with input', GIVEN, '2'),
        ('$$z^{(1)} = W^{(1)}x + b^{(1)}, \\quad a^{(1)}', GIVEN),
        ('and is trained with the binary cross-entropy', GIVEN, '1 1'),
        ('$W^{(1)} = \\begin{pmatrix} 0.8 & -1', lambda: EV(['0.8', '-1', '0.5', '2'], W1) and EV(['0', '-0.5'], b1) and EV(['2', '-1'], W2)
            and E('0', b2[0]) and EV(['1', '0.4'], x) and E('1', y) and E('0.1', eta) and E('4', 4)),
        ('**(a) Forward pass [3 pts].**', lambda: E('3', 3)),
        ('- $z^{(1)} = (0.8 - 0.4 + 0', lambda: C('0.8', W1[0, 0] * x[0]) and C('0.4', -W1[0, 1] * x[1]) and E('0', b1[0]) and E('0.5', W1[1, 0] * x[0])
            and C('0.8', W1[1, 1] * x[1]) and E('0.5', -b1[1]) and C('0.4', z1[0]) and C('0.8', z1[1])),
        ('- $a^{(1)} = (\\sigma(0.4)', lambda: C('0.4', z1[0]) and C('0.8', z1[1]) and CV(['0.5987', '0.6900'], a1)),
        ('- $z^{(2)} = 2(0.5987)', lambda: E('2', W2[0, 0]) and C('0.5987', a1[0]) and E('1', -W2[0, 1]) and C('0.6900', a1[1]) and E('0', b2[0])
            and C('0.5074', z2, 2 * 0.5987 - 0.6900 + 0) and C('0.5074', z2) and C('0.6242', yh, sig(0.5074))),
        ('- $L = -\\log(0.6242)', lambda: C('0.6242', yh) and C('0.4713', Lf(), -np.log(0.6242))),
        ('**(b) Output delta [3 pts].**', lambda: bce_parts() and E('3', 3), '1 1 1'),
        ('$$\\delta^{(2)} = \\frac{\\partial L}{\\partial z^{(2)}} = -y(1-\\hat y)', lambda: bce_parts(), '1 1'),
        ('The sigmoid derivative cancels', lambda: abs(fd(lambda u: -np.log(sig(u)), 0.7) * sig(0.7) * (1 - sig(0.7)) - (sig(0.7) - 1)) > 1e-3 and E('1', 1) and E('2', 2)),
        ('**(c) Backward pass [5 pts].**', lambda: E('5', 5)),
        ('- $\\delta^{(2)} = 0.6242 - 1', lambda: C('0.6242', yh) and E('1', y) and C('-0.3758', fd(lambda u: -np.log(sig(u)), z2), 0.6242 - 1)),
        ('- $\\partial L/\\partial W^{(2)} = \\delta^{(2)} a^{(1)\\top}', lambda: near(gW2, (yh - y) * a1[None, :]) and C('-0.3758', yh - y) and CV(['0.5987', '0.6900'], a1)
            and CV(['-0.2250', '-0.2593'], gW2, gW2c) and C('-0.3758', gb2[0])),
        ('- Hidden layer: $\\delta^{(1)}', hidden_rule),
        ('- $W^{(2)\\top}\\delta^{(2)} = (2(-0.3758)', lambda: E('2', W2[0, 0]) and C('-0.3758', yh - y) and E('-1', W2[0, 1]) and C('-0.3758', yh - y)
            and CV(['-0.7516', '0.3758'], W2[0] * (yh - y), W2[0] * d2r)),
        ('- $\\delta^{(1)} = (-0.7516 \\cdot 0.5987', lambda: E('-0.7516', up[0]) and C('0.5987', a1[0]) and E('0.3758', up[1]) and C('0.6900', a1[1])
            and CV(['-0.4500', '0.2593'], d1_true, up * a1r)),
        ('- $\\partial L/\\partial W^{(1)} = \\delta^{(1)} x^\\top', lambda: CV(['-0.4500', '-0.1800', '0.2593', '0.1037'], gW1, gW1c)
            and CV(['-0.4500', '0.2593'], gb1, d1c)),
        ('**(d) One SGD step [3 pts].**', lambda: E('3', 3) and Lf(W1 - 1e-3 * gW1, b1 - 1e-3 * gb1, W2 - 1e-3 * gW2, b2 - 1e-3 * gb2) < Lf()),
        ('- $W^{(1)} \\leftarrow \\begin{pmatrix} 0.8450', lambda: CV(['0.8450', '-0.9820', '0.4741', '1.9896'], W1 - eta * gW1, W1 - eta * np.round(gW1c, 4))
            and CV(['0.0450', '-0.5259'], b1 - eta * gb1, b1 - eta * d1c)),
        ('- $W^{(2)} \\leftarrow (2.0225', lambda: CV(['2.0225', '-0.9741'], W2 - eta * gW2, W2[0] - eta * np.round(gW2c, 4))
            and C('0.0376', b2[0] - eta * gb2[0], 0.0 - 0.1 * d2r)),
        ('**Grading notes.**', GIVEN),
        ('- Shapes: $\\partial L/\\partial W^{(1)}$ must be', lambda: gW1.shape == W1.shape == (2, 2) and gW2.shape == W2.shape == (1, 2)
            and np.outer(a1, [d2r]).shape == (2, 1) and E('2', 2) and E('2', 2) and E('1', 1) and E('2', 2) and E('2', 2) and E('1', 1)
            and E('1', 1) and E('2', 2)),
        ('- Sign: the output weights must move', lambda: gb2[0] < 0 and sig(W2 @ a1 + b2 - eta * gb2)[0] > yh and E('1', y) and E('0', 0)),
        ('- Accept answers that differ in the 4th decimal', GIVEN, '4'),
    ]

# ======================================================================= 08
@register('08_stackexchange_why_transpose.md')
def f08():
    def setups(n=3):
        for _ in range(n):
            nl, nl1 = 4, 3
            Wm = rand(nl1, nl); bm = rand(nl1); a = rand(nl); up = rand(nl1)
            f = lambda z: np.sum(up * np.tanh(z))           # some downstream loss of z^{(l+1)}
            yield Wm, bm, a, up, f
    def dLda():
        ok = True
        for Wm, bm, a, up, f in setups():
            dz = grad(f, Wm @ a + bm)
            num = grad(lambda u: f(Wm @ u + bm), a)
            ok &= near(num, np.array([sum(Wm[i, j] * dz[i] for i in range(3)) for j in range(4)])) and near(num, Wm.T @ dz)
        return ok
    def delta_rule():
        ok = True
        for Wm, bm, a, up, f in setups():
            zl = rand(4); fz = np.tanh
            num = grad(lambda u: f(Wm @ fz(u) + bm), zl)
            ok &= near(num, (Wm.T @ grad(f, Wm @ fz(zl) + bm)) * (1 - np.tanh(zl) ** 2))
        return ok
    def shapes():
        Wm = rand(2, 3); d = rand(2, 1)
        try:
            Wm @ d; bad = False
        except ValueError:
            bad = True
        return (Wm.T @ d).shape == (3, 1) and bad
    def jac():
        Wm = rand(2, 3); bm = rand(2); a0 = rand(3)
        J = np.stack([grad(lambda u: (Wm @ u + bm)[i], a0) for i in range(2)])
        gz = rand(2)
        return near(J, Wm) and near(grad(lambda u: gz @ (Wm @ u + bm), a0), J.T @ gz)
    Wx = np.array([[1.0, 0, -2], [3, 1, 0.5]]); dx = np.array([0.2, -0.1]); ax = np.array([1.0, 2, -1])
    Lx = lambda a: dx @ (Wx @ a)                     # linear surrogate with dL/dz = delta
    gA = grad(Lx, ax); gW = grad(lambda Wm: dx @ (Wm @ ax), Wx)
    def torch_rows():
        ok = True
        for _ in range(3):
            Xm = rand(5, 3); A = rand(2, 3); bb = rand(2); G = rand(5, 2)
            Lr = lambda X_, A_: np.sum(G * (X_ @ A_.T + bb))
            ok &= near(grad(lambda X_: Lr(X_, A), Xm), G @ A) and near(grad(lambda A_: Lr(Xm, A_), A), G.T @ Xm)
        return ok
    def comment():
        # a tall W has no inverse; the backward map is W^T, not a (pseudo) inverse
        Wm = rand(2, 3)
        return not near(Wm.T, np.linalg.pinv(Wm), 1e-3)
    return [
        ('*In every derivation I see', lambda: delta_rule()),
        ('Nothing is being inverted', GIVEN),
        ('Let layer $l$ have $n_l$ units', GIVEN),
        ('$$z^{(l+1)} = W^{(l+1)} a^{(l)} + b^{(l+1)}, \\qquad', GIVEN),
        ('i.e. $z^{(l+1)}_i = \\sum_j', GIVEN),
        ('$$\\frac{\\partial L}{\\partial a^{(l)}_j} = \\sum_{i=1}', dLda),
        ('Look at which index is summed', lambda: near(np.array([sum(Wx[i, j] * dx[i] for i in range(2)) for j in range(3)]), Wx.T @ dx, 1e-15)),
        ('$$\\frac{\\partial L}{\\partial a^{(l)}} = (W^{(l+1)})^\\top', lambda: dLda() and delta_rule()),
        ('1. **Shapes.**', lambda: shapes() and E('1', 1) and E('1', 1)),
        ('2. **Jacobians.**', lambda: jac() and comment(), '-1'),
        ('Tiny example with $n_l = 3$', lambda: E('3', Wx.shape[1]) and E('2', Wx.shape[0]) and EV(['1', '0', '-2', '3', '1', '0.5'], Wx) and EV(['0.2', '-0.1'], dx)),
        ('$$W^\\top\\delta^{(l+1)} = \\begin{pmatrix} 1\\cdot 0.2', lambda: EV(['1', '0.2', '3', '-0.1'], [Wx[0, 0], dx[0], Wx[1, 0], dx[1]])
            and EV(['0', '0.2', '1', '-0.1'], [Wx[0, 1], dx[0], Wx[1, 1], dx[1]]) and EV(['-2', '0.2', '0.5', '-0.1'], [Wx[0, 2], dx[0], Wx[1, 2], dx[1]])
            and CV(['-0.1', '-0.1', '-0.45'], Wx.T @ dx, gA)),
        ('Check the last entry by perturbation', lambda: E('-2', Wx[0, 2]) and E('0.5', Wx[1, 2]) and E('0.2', dx[0]) and E('-2', Wx[0, 2])
            and E('-0.1', dx[1]) and E('0.5', Wx[1, 2]) and C('-0.45', fd(lambda t: Lx(ax + t * np.eye(3)[2]), 0.0))),
        ('The weight gradient uses the same bookkeeping', lambda: near(gW, np.outer(dx, ax)) and gW.shape == Wx.shape and EV(['1', '2', '-1'], ax)
            and CV(['0.2', '0.4', '-0.2', '-0.1', '-0.2', '0.1'], gW)),
        ('**Edit:** if your framework stores examples', torch_rows),
        ('> **Comment:** The "multiply by $W^{-1}$"', lambda: comment(), '-1'),
    ]

# ======================================================================= 09
@register('09_notebook_gradient_check.md')
def f09():
    import io, contextlib
    text = open(os.path.join(D, '09_notebook_gradient_check.md'), encoding='utf-8').read()
    cells = re.findall(r'```python\n(.*?)```', text, flags=re.S)
    ns = {}; outs = []
    for c in cells:
        buf = io.StringIO()
        with contextlib.redirect_stdout(buf):
            exec(c, ns)
        outs.append(buf.getvalue().rstrip('\n').split('\n'))
    lines = text.split('\n')
    def printed(k, sub):
        """the indented output line containing `sub` equals what cell k really prints"""
        ln = [l for l in lines if sub in l and l.startswith('    ')][0]
        return ln[4:] in outs[k]
    X = np.array([[0.5, -1.0], [1.5, 0.0], [-0.5, 2.0]]); y = np.array([[1.0], [0.0], [0.5]])
    P0 = dict(W1=np.array([[0.1, -0.2, 0.3], [0.4, 0.0, -0.1]]), b1=np.zeros(3), W2=np.array([[0.5], [-0.4], [0.2]]), b2=np.array([0.1]))
    N = 3
    def fwd(p):
        A1 = sig(X @ p['W1'] + p['b1']); return A1, A1 @ p['W2'] + p['b2']
    Lf = lambda p: 0.5 * np.mean((fwd(p)[1] - y) ** 2)
    G = {k: grad(lambda v, k=k: Lf({**P0, k: v}), P0[k]) for k in P0}
    A1, yh = fwd(P0)
    dyh_num = grad(lambda u: 0.5 * np.mean((u - y) ** 2), yh)
    def rules():
        ok = True
        for _ in range(3):
            Xr = rand(4, 2); yr = rand(4, 1); W1r = rand(2, 3); b1r = rand(3); W2r = rand(3, 1); b2r = rand(1)
            L_ = lambda W1_=W1r, b1_=b1r, W2_=W2r, b2_=b2r: 0.5 * np.mean((sig(Xr @ W1_ + b1_) @ W2_ + b2_ - yr) ** 2)
            A = sig(Xr @ W1r + b1r); yhr = A @ W2r + b2r; n = 4
            dy = (yhr - yr) / n; dA = dy @ W2r.T; dZ = dA * A * (1 - A)
            dA_num = grad(lambda a: 0.5 * np.mean((a @ W2r + b2r - yr) ** 2), A)
            ok &= near(grad(lambda w: L_(W2_=w), W2r), A.T @ dy) and near(grad(lambda b: L_(b2_=b), b2r), dy.sum(axis=0))
            ok &= near(dA_num, dA) and near(grad(lambda w: L_(W1_=w), W1r), Xr.T @ dZ) and near(grad(lambda b: L_(b1_=b), b1r), np.ones(n) @ dZ)
            ok &= near(grad(lambda z: 0.5 * np.mean((sig(z) @ W2r + b2r - yr) ** 2), Xr @ W1r + b1r), dZ)
        return ok
    R = rules()
    newp = {k: P0[k] - 0.5 * G[k] for k in P0}
    return [
        ('# HW3 · Backprop by hand for a 2–3–1', lambda: E('2', X.shape[1]) and E('3', P0['W1'].shape[1]) and E('1', P0['W2'].shape[1])),
        ('We use a batch of $N = 3$', lambda: E('3', X.shape[0]) and E('3', P0['W1'].shape[1])),
        ('np.set_printoptions(precision=4', GIVEN, '4'),
        ('X  = np.array(', lambda: near(ns['X'], X) and EV(['0.5', '-1.0', '1.5', '0.0', '-0.5', '2.0'], X) and E('3', 3) and E('2', 2)),
        ('y  = np.array(', lambda: EV(['1.0', '0.0', '0.5'], y) and E('1', 1)),
        ('W1 = np.array(', lambda: EV(['0.1', '-0.2', '0.3', '0.4', '0.0', '-0.1'], P0['W1']) and E('2', 2) and E('3', 3)),
        ('b1 = np.zeros(3)', lambda: E('3', 3)),
        ('W2 = np.array(', lambda: EV(['0.5', '-0.4', '0.2'], P0['W2']) and E('1', 1)),
        ('b2 = np.array([0.1])', lambda: E('0.1', P0['b2'][0])),
        ('    Z1 = X @ W1 + b1', GIVEN),
        ('    A1 = 1 / (1 + np.exp(-Z1))', lambda: abs(1 / (1 + np.exp(-0.3)) - sig(0.3)) < 1e-15, '1 1'),
        ('loss_fn = lambda yhat, y:', lambda: abs(ns['loss_fn'](yh, y) - np.sum((yh - y) ** 2) / (2 * N)) < 1e-15, '0.5 2'),
        ('Z1, A1, yhat = forward(', GIVEN),
        ('print("yhat =", yhat.ravel()); print("loss ="', GIVEN, '6'),
        ('    yhat = [0.2291', lambda: printed(0, 'yhat = [') and CV(['0.2291', '0.3206', '0.3123'], yh)),
        ('    loss = 0.122049', lambda: printed(0, 'loss = 0.') and C('0.122049', Lf(P0))),
        ('With $L = \\frac{1}{2N}', lambda: near(dyh_num, (yh - y) / N) and E('1', 1) and E('2', 2) and E('2', 2) and E('1', 1)),
        ('$$\\frac{\\partial L}{\\partial W_2} = A_1^\\top', lambda: R),
        ('$$\\frac{\\partial L}{\\partial Z_1} = ', lambda: R, '1 1'),
        ('The $1/N$ is applied once', lambda: R, '1'),
        ('N = X.shape[0]', lambda: ns['N'] == 3, '0'),
        ('dyhat = (yhat - y) / N', lambda: near(ns['dyhat'], dyh_num), '1'),
        ('dW2 = A1.T @ dyhat', lambda: near(ns['dW2'], G['W2']) and ns['dW2'].shape == (3, 1), '1'),
        ('db2 = dyhat.sum(axis=0)', lambda: near(ns['db2'], G['b2']) and ns['db2'].shape == (1,), '0 1'),
        ('dA1 = dyhat @ W2.T', lambda: near(ns['dA1'], grad(lambda a: 0.5 * np.mean((a @ P0['W2'] + P0['b2'] - y) ** 2), A1))),
        ('dZ1 = dA1 * A1 * (1 - A1)', lambda: near(ns['dZ1'], grad(lambda z: 0.5 * np.mean((sig(z) @ P0['W2'] + P0['b2'] - y) ** 2), X @ P0['W1'] + P0['b1'])), '1'),
        ('dW1 = X.T @ dZ1', lambda: near(ns['dW1'], G['W1']) and ns['dW1'].shape == (2, 3)),
        ('db1 = dZ1.sum(axis=0)', lambda: near(ns['db1'], G['b1']), '0'),
        ('print("dW2 =", dW2.ravel());', GIVEN),
        ('    dW2 = [-0.0913', lambda: printed(1, 'dW2 = [') and CV(['-0.0913', '-0.1094', '-0.1051'], G['W2'])),
        ('    db2 = [-0.2127]', lambda: printed(1, 'db2 = [') and C('-0.2127', G['b2'][0])),
        ('    db1 = [-0.0247', lambda: printed(1, 'db1 = [') and CV(['-0.0247', '0.0214', '-0.0106'], G['b1'])),
        ('    dW1 =', lambda: printed(1, 'dW1 =')),
        ('     [[ 0.0078 -0.006   0.0028]', lambda: printed(1, '[[ 0.0078') and CV(['0.0078', '-0.006', '0.0028'], G['W1'][0])),
        ('     [ 0.0175 -0.0131  0.0066]]', lambda: printed(1, '[ 0.0175') and CV(['0.0175', '-0.0131', '0.0066'], G['W1'][1])),
        ('def num_grad(f, P, h=1e-5):', lambda: abs(ns['num_grad'](lambda: 0.0 + np.sum(np.sin(Pt) ** 2), Pt := rand(3)) .sum() - np.sum(np.sin(2 * Pt))) < 1e-8, '1 5'),
        ('P[idx] = old; G[idx] = (fp - fm) / (2 * h)', GIVEN, '2'),
        ('f = lambda: loss_fn(forward(', GIVEN, '2'),
        ('print({name: np.allclose(G, num_grad(f, P)', GIVEN, '1 5 1 8'),
        ("    {'W1': True, 'b1': True", lambda: printed(2, "{'W1'") and all(near(ns['num_grad'](ns['f'], ns[k]), G[k], 1e-7) for k in G)),
        ('All four agree.', lambda: E('0.5', 0.5) and C('0.122049', Lf(P0)) and C('0.100274', Lf(newp))),
    ]

# ======================================================================= 10
@register('10_ja_minibatch_affine_layers.md')
def f10():
    Nn, Dd, Hh, Cc = 4, 3, 5, 3
    X = rand(Nn, Dd); T = np.eye(Cc)[RNG.integers(0, Cc, size=Nn)]
    P0 = dict(W1=rand(Dd, Hh), b1=rand(Hh), W2=rand(Hh, Cc), b2=rand(Cc))
    def fwd(p, X_=X):
        A1 = X_ @ p['W1'] + p['b1']; Z1 = np.maximum(0, A1); A2 = Z1 @ p['W2'] + p['b2']
        return A1, Z1, A2, softmax(A2)
    def Lf(p, X_=X):
        return -np.sum(T * np.log(fwd(p, X_)[3])) / Nn
    G = {k: grad(lambda v, k=k: Lf({**P0, k: v}), P0[k]) for k in P0}
    A1, Z1, A2, Y = fwd(P0)
    dA2 = grad(lambda a: -np.sum(T * np.log(softmax(a))) / Nn, A2)
    dZ1 = grad(lambda z: -np.sum(T * np.log(softmax(z @ P0['W2'] + P0['b2']))) / Nn, Z1)
    dA1 = grad(lambda a: -np.sum(T * np.log(softmax(np.maximum(0, a) @ P0['W2'] + P0['b2']))) / Nn, A1)
    dX = grad(lambda x: Lf(P0, x), X)
    # numeric example
    Xe = np.array([[1.0, 2], [0, -1]]); dAe = np.array([[0.1, 0, -0.2], [0.3, 0.5, 0]])
    W1e = rand(2, 3); b1e = rand(3)
    Le = lambda W=W1e, b=b1e: np.sum(dAe * (Xe @ W + b))          # any loss with dL/dA_1 = dAe
    gWe = grad(lambda W: Le(W=W), W1e); gbe = grad(lambda b: Le(b=b), b1e)
    written = dAe.T @ Xe                                            # the page's (dL/dA_1)^T X, 3 x 2
    return [
        ('**設定.** バッチサイズを', lambda: X.shape == (Nn, Dd) and P0['W1'].shape == (Dd, Hh) and E('1', 1) and E('1', 1)),
        ('$$A_1 = XW_1 + b_1,\\qquad Z_1', GIVEN),
        ('損失はバッチ平均の交差エントロピー誤差', GIVEN, '1'),
        ('$$\\frac{\\partial L}{\\partial A_2} = \\frac{1}{N}', lambda: near(dA2, (Y - T) / Nn), '1'),
        ('本のコードの `dx = (self.y - self.t) / batch_size`', lambda: near((Y - T) / Nn, dA2) and dA2.shape == (Nn, Cc)),
        ('**Affine レイヤ（2 層目）.**', GIVEN, '2'),
        ('$$\\frac{\\partial L}{\\partial Z_1} = \\frac{\\partial L}{\\partial A_2}', lambda: near(dZ1, dA2 @ P0['W2'].T) and near(G['W2'], Z1.T @ dA2)
            and near(G['b2'], dA2.sum(axis=0))),
        ('形の確認：', lambda: (dA2 @ P0['W2'].T).shape == (Nn, Hh) == Z1.shape and (Z1.T @ dA2).shape == (Hh, Cc) == P0['W2'].shape
            and near(grad(lambda b: Lf({**P0, 'b2': b}), P0['b2']), dA2.sum(axis=0)) and E('0', 0)),
        ('**ReLU レイヤ.**', lambda: near(dA1, dZ1 * (A1 > 0)) and E('0', 0) and E('0', 0) and E('1', 1) and E('0', 0) and E('0', 0)),
        ('$$\\frac{\\partial L}{\\partial W_1} = \\Big(', lambda: (dA1.T @ X).shape == G['W1'].shape and near(dA1.T @ X, G['W1'])
            and near(G['b1'], dA1.sum(axis=0))),
        ('入力側への勾配は', lambda: near(dX, dA1 @ P0['W1'].T) and dX.shape == (Nn, Dd)),
        ('**数値例.**', lambda: E('2', Xe.shape[0]) and E('2', Xe.shape[1]) and E('3', dAe.shape[1])),
        ('$X = \\begin{pmatrix} 1 & 2', lambda: EV(['1', '2', '0', '-1'], Xe) and EV(['0.1', '0', '-0.2', '0.3', '0.5', '0'], dAe)),
        ('の 1 行目：', lambda: E('1', 1) and E('0.1', dAe[0, 0]) and EV(['1', '2'], Xe[0]) and E('0.3', dAe[1, 0]) and EV(['0', '-1'], Xe[1])
            and CV(['0.1', '-0.1'], written[0])),
        ('- 2 行目：', lambda: E('2', 2) and E('0', dAe[0, 1]) and EV(['1', '2'], Xe[0]) and E('0.5', dAe[1, 1]) and EV(['0', '-1'], Xe[1])
            and CV(['0', '-0.5'], written[1]) and E('3', 3) and E('-0.2', dAe[0, 2]) and EV(['1', '2'], Xe[0]) and E('0', dAe[1, 2]) and EV(['0', '-1'], Xe[1])
            and CV(['-0.2', '-0.4'], written[2])),
        ('- よって $\\dfrac{\\partial L}{\\partial W_1}', lambda: (CV(['0.1', '-0.1', '0', '-0.5', '-0.2', '-0.4'], written) and near(written, gWe.T)) and CV(['0.4', '0.5', '-0.2'], gbe)),
        ('実装（本の `Affine` クラス', GIVEN),
        ('self.dW = np.dot(dout.T, self.x)', lambda: (dA1.T @ X).shape == P0['W1'].shape),
        ('self.db = np.sum(dout, axis=0)', lambda: near(np.sum(dA1, axis=0), G['b1']) and np.sum(dA1, axis=0).shape == (Hh,), '0'),
        ('**注意.** $1/N$ は', lambda: near(G['W1'], X.T @ dA1) and not near(G['W1'], X.T @ dA1 / Nn, 1e-6) and E('1', 1) and E('1', 1)),
    ]

# ======================================================================= 11
@register('11_de_rojas_matrixform.md', comma=True)
def f11():
    ext = lambda v: np.append(v, 1.0)
    def fwd(W1b, W2b, oh):
        o1 = sig(oh @ W1b); o2 = sig(ext(o1) @ W2b)
        return o1, o2
    def E_(W1b, W2b, oh, t):
        return 0.5 * np.sum((fwd(W1b, W2b, oh)[1] - t) ** 2)
    def rojas(W1b, W2b, oh, t):
        o1, o2 = fwd(W1b, W2b, oh)
        D2 = np.diag(o2 * (1 - o2)); D1 = np.diag(o1 * (1 - o1)); e = (o2 - t)[:, None]
        d2 = D2 @ e; d1 = D1 @ W2b[:-1, :] @ d2
        return o1, o2, D1, D2, e, d2, d1
    def setups(n=3):
        for _ in range(n):
            nn, kk, mm = 3, 4, 2
            yield rand(nn + 1, kk), rand(kk + 1, mm), ext(rand(nn)), rand(mm, lo=0, hi=1), nn, kk, mm
    def matrix_rules(gam=0.7):
        ok = True
        for W1b, W2b, oh, t, nn, kk, mm in setups():
            o1, o2, D1, D2, e, d2, d1 = rojas(W1b, W2b, oh, t)
            g2 = grad(lambda A: E_(W1b, A, oh, t), W2b); g1 = grad(lambda A: E_(A, W2b, oh, t), W1b)
            # delta^(2) = dE/d(net2), delta^(1) = dE/d(net1)
            dnet2 = grad(lambda u: 0.5 * np.sum((sig(u) - t) ** 2), ext(o1) @ W2b)
            dnet1 = grad(lambda u: 0.5 * np.sum((sig(ext(sig(u)) @ W2b) - t) ** 2), oh @ W1b)
            ok &= near(d2[:, 0], dnet2) and near(d1[:, 0], dnet1)
            ok &= near(-gam * d2 @ ext(o1)[None, :], -gam * g2.T) and near(-gam * d1 @ oh[None, :], -gam * g1.T)
            ok &= (d2 @ ext(o1)[None, :]).shape == W2b.T.shape and (d1 @ oh[None, :]).shape == W1b.T.shape
            ok &= near(d1[:, 0], o1 * (1 - o1) * np.array([sum(W2b[j, q] * d2[q, 0] for q in range(mm)) for j in range(kk)]))
        return ok
    MR = matrix_rules()
    def bias_row():
        W1b, W2b, oh, t, nn, kk, mm = next(setups(1))
        o1 = sig(oh @ W1b)
        return near(oh @ W1b, oh[:-1] @ W1b[:-1] + W1b[-1]) and W1b.shape == (nn + 1, kk) and W2b.shape == (kk + 1, mm)
    # numeric example
    oh = np.array([0.6, 0.4, 1]); W1b = np.array([[0.3, 0.4], [0.4, 0.7], [0.6, 0.6]]); W2b = np.array([[1.0], [-0.6], [0.1]]); t = np.array([1.0]); gam = 0.2
    o1, o2, D1, D2, e, d2, d1 = rojas(W1b, W2b, oh, t)
    dW2T = -gam * grad(lambda A: E_(W1b, A, oh, t), W2b).T; dW1T = -gam * grad(lambda A: E_(A, W2b, oh, t), W1b).T
    o1r = np.array([0.7191, 0.7540]); o2r = 0.5907; d2r = -0.0990; d1r = np.array([-0.0200, 0.0110])
    return [
        ('**Netz.** Wir betrachten', lambda: abs(sig(0.37) - 1 / (1 + np.exp(-0.37))) < 1e-15 and E('1', 1) and E('1', 1)),
        ('Der Bias wird wie bei Rojas', lambda: bias_row() and E('1', 1) and E('1', 1) and E('1', 1) and E('1', 1)),
        ('$$o^{(1)} = s\\big(\\hat o\\,\\overline W_1\\big)', GIVEN),
        ('wobei $s$ komponentenweise wirkt', GIVEN, '1 1 2 2'),
        ('**Rückwärtsrechnung.**', lambda: all(abs(fd(sig, u) - sig(u) * (1 - sig(u))) < 1e-9 for u in rand(5)) and E('1', 1)),
        ('$$D_2 = \\mathrm{diag}', lambda: MR, '1 1 1 1'),
        ('Mit dem Fehlervektor als **Spaltenvektor**', lambda: MR),
        ('$$\\delta^{(2)} = D_2\\, e, \\qquad \\delta^{(1)} = D_1\\, W_2', lambda: MR),
        ('wobei $W_2$ aus $\\overline W_2$ durch Streichen', lambda: MR, '1'),
        ('Die Gewichtskorrekturen mit Lernrate', GIVEN),
        ('$$\\Delta \\overline W_2^{\\mathsf T} = -\\gamma', lambda: matrix_rules(0.3)),
        ('also äußere Produkte (Spalte mal Zeile)', lambda: MR),
        ('**Zahlenbeispiel**', lambda: E('2', 2) and E('2', 2) and E('1', 1) and E('0.2', gam) and E('1', t[0]) and EV(['0.6', '0.4', '1'], oh)),
        ('$$\\overline W_1 = \\begin{pmatrix}', lambda: EV(['0.3', '0.4', '0.4', '0.7', '0.6', '0.6'], W1b) and EV(['1.0', '-0.6', '0.1'], W2b)),
        ('1. $\\hat o\\,\\overline W_1 = ', lambda: CV(['0.94', '1.12'], oh @ W1b) and CV(['0.7191', '0.7540'], o1) and CV(['0.7191', '0.7540'], o1) and E('1', 1)),
        ('2. $\\hat o^{(1)}\\,\\overline W_2 = ', lambda: C('0.3667', (ext(o1) @ W2b)[0], (ext(o1r) @ W2b)[0]) and C('0.3667', (ext(o1) @ W2b)[0]) and C('0.5907', o2[0], sig(0.3667))
            and E('1', 1) and E('2', 2) and C('0.5907', o2[0]) and E('1', 1) and E('2', 2) and C('0.0838', E_(W1b, W2b, oh, t), 0.5 * (o2r - 1) ** 2)),
        ('3. $e = 0{,}5907 - 1', lambda: C('0.5907', o2[0]) and E('1', 1) and C('-0.4093', e[0, 0], o2r - 1) and C('0.5907', o2[0]) and C('0.4093', 1 - o2[0], 1 - o2r)
            and C('0.2418', D2[0, 0], o2r * (1 - o2r)) and C('0.2418', D2[0, 0]) and C('-0.4093', e[0, 0], o2r - 1) and C('-0.0990', d2[0, 0], 0.2418 * -0.4093)),
        ('4. $D_1 = \\mathrm{diag}', lambda: CV(['0.2020', '0.1855'], np.diag(D1), o1r * (1 - o1r)) and CV(['-0.0990', '0.0594'], W2b[:-1, 0] * d2[0, 0], W2b[:-1, 0] * d2r)
            and CV(['-0.0200', '0.0110'], d1[:, 0], np.array([0.2020, 0.1855]) * np.array([-0.0990, 0.0594]))),
        ('5. $\\Delta\\overline W_2^{\\mathsf T} = -0{,}2', lambda: E('-0.2', -gam) and C('-0.0990', d2[0, 0], d2r) and CV(['0.7191', '0.7540'], o1) and E('1', 1)
            and CV(['0.0142', '0.0149', '0.0198'], dW2T, -gam * d2r * ext(o1r))),
        ('6. $\\Delta\\overline W_1^{\\mathsf T} = -0{,}2', lambda: E('-0.2', -gam) and CV(['0.0024', '0.0016', '0.0040', '-0.0013', '-0.0009', '-0.0022'], dW1T, -gam * np.outer(d1r, oh))),
        ('**Kontrolle.** Alle Korrekturen der Ausgabeschicht', lambda: np.all(dW2T > 0) and C('0.5907', o2[0]) and E('1', t[0]) and np.all(ext(o1) > 0)
            and near(dW2T, -gam * d2[0, 0] * ext(o1)[None, :], 1e-6) and np.max(np.abs(dW1T - (-gam * np.outer(d1r, oh)))) < 1e-4
            and np.max(np.abs(dW2T - (-gam * d2r * ext(o1r)))) < 1e-4),
    ]

# ======================================================================= 12
@register('12_fr_cours_retropropagation.md', comma=True)
def f12():
    x, y, eta = 0.8, -0.2, 0.1
    P0 = dict(w1=np.array([0.4, -0.3]), b1=np.array([0.0, 0.2]), w2=np.array([0.8, -1.0]), b2=np.array([0.2]))
    def fwd(p, xx=x):
        a = p['w1'] * xx + p['b1']; h = np.tanh(a); return a, h, p['w2'] @ h + p['b2'][0]
    Ef = lambda p, xx=x, yy=y: 0.5 * (fwd(p, xx)[2] - yy) ** 2
    G = {k: grad(lambda v, k=k: Ef({**P0, k: v}), P0[k]) for k in P0}
    a, h, yh = fwd(P0)
    def rules():
        ok = True
        for _ in range(3):
            p = dict(w1=rand(2), b1=rand(2), w2=rand(2), b2=rand(1)); xx = rand(); yy = rand()
            g = {k: grad(lambda v, k=k: Ef({**p, k: v}, xx, yy), p[k]) for k in p}
            aa, hh, yy_h = fwd(p, xx); d = yy_h - yy
            dh_num = grad(lambda u: 0.5 * (p['w2'] @ np.tanh(u) + p['b2'][0] - yy) ** 2, aa)
            ok &= abs(fd(lambda t: 0.5 * (t - yy) ** 2, yy_h) - d) < 1e-8
            ok &= near(g['w2'], d * hh) and near(g['b2'], [d]) and near(dh_num, (1 - hh ** 2) * p['w2'] * d)
            ok &= near(g['w1'], dh_num * xx) and near(g['b1'], dh_num)
        return ok
    R = rules()
    hr = np.array([0.3095, -0.0400]); yhr = 0.4876; dr = 0.6876; qr = np.array([0.9042, 0.9984]); dhr = np.array([0.4974, -0.6865])
    gw2r = np.array([0.2128, -0.0275]); gw1r = np.array([0.3979, -0.5492])
    sgn = +1                                                     # the update as written on the page
    new = dict(w1=P0['w1'] + sgn * eta * gw1r, b1=P0['b1'] + sgn * eta * dhr, w2=P0['w2'] + sgn * eta * gw2r, b2=P0['b2'] + sgn * eta * dr)
    a2, h2, yh2 = fwd(new)
    def descent_rule():
        # a gradient-DESCENT step with the written sign must lower E for a small step
        ok = True
        for s_eta in (1e-3, 1e-2, eta):
            q = {k: P0[k] + s_eta * G[k] for k in P0}
            ok &= Ef(q) < Ef(P0)
        return ok
    return [
        ('**Le réseau.** Une entrée scalaire', GIVEN),
        ('$$a_j = w^{(1)}_j x + b^{(1)}_j', GIVEN, '1 2 2'),
        ('Pour un exemple $(x, y)$', GIVEN, '1 2 2'),
        ('**Règle de dérivation en chaîne.**', GIVEN),
        ('- Sortie : $\\delta = \\hat y - y$', lambda: R and E('1', 1) and E('2', 2) and E('2', 2)),
        ('- Poids de sortie :', lambda: R),
        ('- Neurones cachés :', lambda: R and all(abs(fd(np.tanh, u) - (1 - np.tanh(u) ** 2)) < 1e-9 for u in rand(4)), '1 2 1 2'),
        ('- Poids d\'entrée :', lambda: R),
        ('**Exemple chiffré.**', lambda: E('0.8', x) and E('-0.2', y) and EV(['0.4', '-0.3'], P0['w1']) and EV(['0', '0.2'], P0['b1'])
            and EV(['0.8', '-1'], P0['w2']) and E('0.2', P0['b2'][0]) and E('0.1', eta) and E('10', 10) and E('-4', -4)),
        ('- $a = (0{,}4 \\times 0{,}8', lambda: E('0.4', 0.4) and E('0.8', x) and E('0', 0) and E('-0.3', -0.3) and E('0.8', x) and E('0.2', 0.2)
            and CV(['0.32', '-0.04'], a)),
        ('- $h = (\\tanh 0{,}32', lambda: C('0.32', a[0]) and C('-0.04', a[1]) and CV(['0.3095', '-0.0400'], h)),
        ('- $\\hat y = 0{,}8 \\times 0{,}3095', lambda: E('0.8', 0.8) and C('0.3095', h[0]) and E('-1', -1) and C('-0.0400', h[1]) and E('0.2', 0.2)
            and C('0.2476', 0.8 * h[0], 0.8 * hr[0]) and C('0.0400', -h[1]) and E('0.2', 0.2) and C('0.4876', yh, 0.2476 + 0.0400 + 0.2)),
        ('- $E = \\frac{1}{2}\\big(0{,}4876', lambda: E('1', 1) and E('2', 2) and C('0.4876', yh) and E('-0.2', y) and E('2', 2) and E('1', 1) and E('2', 2)
            and C('0.6876', yh - y, yhr - y) and E('2', 2) and C('0.2364', Ef(P0), 0.5 * 0.6876 ** 2)),
        ('- $\\delta = 0{,}4876 - (-0{,}2)', lambda: C('0.4876', yh) and E('-0.2', y) and C('0.6876', fd(lambda t: 0.5 * (t - y) ** 2, yh), yhr - y)),
        ('- $\\partial E/\\partial w^{(2)} = 0{,}6876', lambda: C('0.6876', yh - y) and CV(['0.3095', '-0.0400'], h) and CV(['0.2128', '-0.0275'], G['w2'], dr * hr)
            and C('0.6876', G['b2'][0])),
        ('- $1 - h^2 = ', lambda: E('1', 1) and E('2', 2) and CV(['0.9042', '0.9984'], 1 - h ** 2, 1 - hr ** 2) and C('0.9042', 1 - h[0] ** 2) and E('0.8', P0['w2'][0])
            and C('0.6876', yh - y) and C('0.4974', grad(lambda u: 0.5 * (P0['w2'] @ np.tanh(u) + P0['b2'][0] - y) ** 2, a)[0], 0.9042 * 0.8 * 0.6876)
            and C('0.9984', 1 - h[1] ** 2) and E('-1', P0['w2'][1]) and C('0.6876', yh - y)
            and C('-0.6865', grad(lambda u: 0.5 * (P0['w2'] @ np.tanh(u) + P0['b2'][0] - y) ** 2, a)[1], -0.9984 * 0.6876)),
        ('- $\\partial E/\\partial w^{(1)} = (0{,}4974 \\times 0{,}8', lambda: C('0.4974', dhr[0]) and E('0.8', x) and C('-0.6865', dhr[1]) and E('0.8', x)
            and CV(['0.3979', '-0.5492'], G['w1'], dhr * x) and CV(['0.4974', '-0.6865'], G['b1'])),
        ('*Mise à jour.* Descente de gradient', descent_rule),
        ('- $w^{(2)} \\leftarrow (0{,}8 + 0{,}02128', lambda: E('0.8', P0['w2'][0]) and E('0.02128', eta * gw2r[0]) and E('-1', P0['w2'][1]) and E('0.00275', -eta * gw2r[1])
            and EV(['0.82128', '-1.00275'], new['w2']) and E('0.2', P0['b2'][0]) and E('0.06876', eta * dr) and E('0.26876', new['b2'][0])),
        ('- $w^{(1)} \\leftarrow (0{,}4 + 0{,}03979', lambda: E('0.4', P0['w1'][0]) and E('0.03979', eta * gw1r[0]) and E('-0.3', P0['w1'][1]) and E('0.05492', -eta * gw1r[1])
            and EV(['0.43979', '-0.35492'], new['w1']) and E('0', 0) and E('0.04974', eta * dhr[0]) and E('0.2', 0.2) and E('0.06865', -eta * dhr[1])
            and EV(['0.04974', '0.13135'], new['b1'])),
        ('*Nouvelle propagation avant*', lambda: CV(['0.4016', '-0.1526'], a2) and CV(['0.3813', '-0.1514'], h2)
            and C('0.7337', yh2, new['w2'] @ np.round(h2, 4) + new['b2'][0]) and C('0.436', Ef(new), 0.5 * (0.7337 - y) ** 2)),
        ('**À retenir.**', lambda: R),
    ]

# ======================================================================= 13
@register('13_es_apuntes_mse_relu.md', comma=True)
def f13():
    X = np.array([1.0, 2.0]); Y = np.array([1.0, 0.5]); Nn = 2; eta = 0.1
    P0 = dict(w1=np.array([1.0, -0.8]), b1=np.array([0.0, 1.0]), w2=np.array([0.8, 1.2]), b2=np.array([-0.1]))
    def fwd(p, X_=X):
        Z = np.outer(X_, p['w1']) + p['b1']; H = np.maximum(0, Z); return Z, H, H @ p['w2'] + p['b2'][0]
    Lf = lambda p, X_=X, Y_=Y: np.mean((fwd(p, X_)[2] - Y_) ** 2)
    G = {k: grad(lambda v, k=k: Lf({**P0, k: v}), P0[k]) for k in P0}
    Z, H, Yh = fwd(P0)
    g_true = grad(lambda u: np.mean((u - Y) ** 2), Yh)
    g_c = (Yh - Y) / Nn                                              # the page's g_i (factor 2 dropped)
    # carried gradients, computed with the page's g_i through the (correct) remaining rules
    gw2_c = g_c @ H; gb2_c = g_c.sum(); Dl = (g_c[:, None] * P0['w2'][None, :]) * (Z > 0)
    gw1_c = Dl.T @ X; gb1_c = Dl.sum(axis=0)
    def rules_given_g():
        # steps 2-4: correct chain rule from dL/dyhat_i to the parameters, for an arbitrary upstream g
        ok = True
        for _ in range(3):
            p = dict(w1=rand(2), b1=rand(2), w2=rand(2), b2=rand(1)); Xr = rand(3); gr_ = rand(3)
            Lg = lambda q: gr_ @ fwd(q, Xr)[2]
            g = {k: grad(lambda v, k=k: Lg({**p, k: v}), p[k]) for k in p}
            Zr, Hr, _ = fwd(p, Xr); Dr = (gr_[:, None] * p['w2'][None, :]) * (Zr > 0)
            ok &= near(g['w2'], gr_ @ Hr) and near(g['b2'], [gr_.sum()]) and near(g['w1'], Dr.T @ Xr) and near(g['b1'], Dr.sum(axis=0))
            dZ = grad(lambda z: gr_ @ (np.maximum(0, z) @ p['w2']), Zr)
            ok &= near(dZ, Dr)
        return ok
    RG = rules_given_g()
    def step1():
        ok = True
        for _ in range(3):
            yh = rand(4); yy = rand(4)
            ok &= near(grad(lambda u: np.mean((u - yy) ** 2), yh), (yh - yy) / 4)
        return ok
    upd = lambda v, gv: v - eta * gv
    return [
        ('**Planteamiento.** Red con una entrada', GIVEN),
        ('$$z_i = w^{[1]} x_i + b^{[1]} \\in', GIVEN, '2 0'),
        ('Función de coste: error cuadrático medio', GIVEN),
        ('$$L = \\frac{1}{N}\\sum_{i=1}^{N}', GIVEN, '1 2'),
        ('1. Respecto a la salida:', step1, '1'),
        ('2. Capa de salida:', lambda: RG),
        ('3. Hacia atrás por la ReLU:', lambda: RG and abs(fd(relu, 0.7) - 1) < 1e-9 and abs(fd(relu, -0.7)) < 1e-12, '1 0 1 0 0 0'),
        ('4. Capa oculta:', lambda: RG),
        ('**Ejemplo numérico.**', lambda: E('2', Nn) and EV(['1', '1', '2', '0.5'], [X[0], Y[0], X[1], Y[1]]) and EV(['1', '-0.8'], P0['w1'])
            and EV(['0', '1'], P0['b1']) and EV(['0.8', '1.2'], P0['w2']) and E('-0.1', P0['b2'][0])),
        ('- Ejemplo 1: $z_1', lambda: E('1', 1) and EV(['1', '0.2'], Z[0]) and EV(['1', '0.2'], H[0]) and E('0.8', 0.8 * H[0, 0]) and C('0.24', 1.2 * H[0, 1])
            and E('0.1', 0.1) and C('0.94', Yh[0])),
        ('- Ejemplo 2: $z_2', lambda: E('2', 2) and CV(['2', '-0.6'], Z[1]) and EV(['2', '0'], H[1]) and C('1.6', 0.8 * H[1, 0]) and E('0', 1.2 * H[1, 1])
            and E('0.1', 0.1) and C('1.5', Yh[1])),
        ('- Coste: $L = ', lambda: E('1', 1) and E('2', Nn) and C('0.94', Yh[0]) and E('1', Y[0]) and E('2', 2) and C('1.5', Yh[1]) and E('0.5', Y[1]) and E('2', 2)
            and E('1', 1) and E('2', Nn) and C('0.0036', (Yh[0] - Y[0]) ** 2) and C('1', (Yh[1] - Y[1]) ** 2) and C('0.5018', Lf(P0))),
        ('- $g_1 = \\frac{1}{2}(0{,}94 - 1)', lambda: E('1', 1) and E('2', Nn) and C('0.94', Yh[0]) and E('1', Y[0]) and C('-0.03', g_true[0], g_c[0])
            and E('1', 1) and E('2', Nn) and C('1.5', Yh[1]) and E('0.5', Y[1]) and C('0.5', g_true[1], g_c[1])),
        ('- $\\partial L/\\partial w^{[2]} = -0{,}03', lambda: C('-0.03', g_c[0]) and EV(['1', '0.2'], H[0]) and C('0.5', g_c[1]) and EV(['2', '0'], H[1])
            and CV(['0.97', '-0.006'], G['w2'], gw2_c) and C('-0.03', g_c[0]) and C('0.5', g_c[1]) and C('0.47', G['b2'][0], gb2_c)),
        ('- $\\delta_1 = -0{,}03', lambda: C('-0.03', g_c[0]) and EV(['0.8', '1.2'], P0['w2']) and EV(['1', '1'], Z[0] > 0) and CV(['-0.024', '-0.036'], Dl[0])
            and C('0.5', g_c[1]) and EV(['0.8', '1.2'], P0['w2']) and EV(['1', '0'], Z[1] > 0) and CV(['0.4', '0'], Dl[1]) and Z[1, 1] < 0),
        ('- $\\partial L/\\partial w^{[1]} = (-0{,}024', lambda: CV(['-0.024', '-0.036'], Dl[0]) and E('1', X[0]) and CV(['0.4', '0'], Dl[1]) and E('2', X[1])
            and CV(['0.776', '-0.036'], G['w1'], gw1_c) and CV(['0.376', '-0.036'], G['b1'], gb1_c)),
        ('*Actualización* con tasa de aprendizaje', lambda: E('0.1', eta) and Lf({k: P0[k] - 1e-3 * G[k] for k in P0}) < Lf(P0)),
        ('- $w^{[2]} \\leftarrow (0{,}8 - 0{,}097', lambda: E('0.8', P0['w2'][0]) and C('0.097', eta * gw2_c[0]) and E('1.2', P0['w2'][1]) and C('0.0006', -eta * gw2_c[1])
            and CV(['0.703', '1.2006'], upd(P0['w2'], gw2_c)) and E('-0.1', P0['b2'][0]) and C('0.047', eta * gb2_c) and C('-0.147', P0['b2'][0] - eta * gb2_c)),
        ('- $w^{[1]} \\leftarrow (1 - 0{,}0776', lambda: E('1', P0['w1'][0]) and C('0.0776', eta * gw1_c[0]) and E('-0.8', P0['w1'][1]) and C('0.0036', -eta * gw1_c[1])
            and CV(['0.9224', '-0.7964'], upd(P0['w1'], gw1_c)) and E('0', P0['b1'][0]) and C('0.0376', eta * gb1_c[0]) and E('1', P0['b1'][1])
            and C('0.0036', -eta * gb1_c[1]) and CV(['-0.0376', '1.0036'], upd(P0['b1'], gb1_c))),
        ('- La ReLU no es derivable en $z = 0$', lambda: abs(fd(relu, 0.0, 1e-6) - 0.5) < 1e-9 and E('0', 0) and E('0', 0) and not np.any(Z == 0) and E('0', 0)),
        ('- La segunda neurona oculta solo recibe gradiente', lambda: abs(Dl[1, 1]) == 0 and abs(Dl[0, 1]) > 0 and E('1', 1) and E('2', 2)),
    ]

# ======================================================================= 14
@register('14_ru_konspekt_backprop.md', comma=True)
def f14():
    def fwd(Win, wout, f):
        u = sig(f @ Win); uh = np.append(-1.0, u); a = sig(uh @ wout)
        return u, uh, a
    def Li(Win, wout, f, y):
        return 0.5 * np.sum((fwd(Win, wout, f)[2] - y) ** 2)
    def setups(n=3):
        for _ in range(n):
            nn, Hh, Mm = 3, 4, 2
            f = np.append(-1.0, rand(nn)); yield rand(nn + 1, Hh), rand(Hh + 1, Mm), f, rand(Mm, lo=0, hi=1), nn, Hh, Mm
    def errors():
        ok = True
        for Win, wout, f, y, nn, Hh, Mm in setups():
            u, uh, a = fwd(Win, wout, f)
            eps_m = grad(lambda aa: 0.5 * np.sum((aa - y) ** 2), a)
            ok &= near(eps_m, a - y)
            sp_m = a * (1 - a)
            eps_h = grad(lambda uu: 0.5 * np.sum((sig(np.append(-1.0, uu) @ wout) - y) ** 2), u)
            ok &= near(eps_h, np.array([sum(eps_m[m] * sp_m[m] * wout[h + 1, m] for m in range(Mm)) for h in range(Hh)]))
            gout = grad(lambda W: Li(Win, W, f, y), wout); gin = grad(lambda W: Li(W, wout, f, y), Win)
            ok &= near(gout, np.outer(uh, eps_m * sp_m)) and near(gin, np.outer(f, eps_h * u * (1 - u)))
            ok &= near(sp_m, np.array([fd(sig, t) for t in uh @ wout]), 1e-8)
        return ok
    ER = errors()
    def counts():
        ok = True
        for nn, Hh, Mm in [(2, 2, 1), (5, 3, 4), (10, 7, 3)]:
            ok &= np.zeros((nn + 1, Hh)).size + np.zeros((Hh + 1, Mm)).size == (nn + 1) * Hh + (Hh + 1) * Mm
            # multiply-adds of the forward pass vs the backward pass (same order Hn + HM)
            fwd_ops = (nn + 1) * Hh + (Hh + 1) * Mm; bwd_ops = Hh * Mm + (Hh + 1) * Mm + (nn + 1) * Hh
            ok &= bwd_ops <= 3 * fwd_ops
        return ok
    def sgd():
        Win, wout, f, y, nn, Hh, Mm = next(setups(1))
        gout = grad(lambda W: Li(Win, W, f, y), wout); gin = grad(lambda W: Li(W, wout, f, y), Win)
        return Li(Win - 1e-3 * gin, wout - 1e-3 * gout, f, y) < Li(Win, wout, f, y)
    f = np.array([-1.0, 1, 0.5]); Win = np.array([[0.1, -0.4], [-0.3, -0.2], [0.6, 0.3]]); wout = np.array([[-0.1], [0.7], [-0.7]]); y = np.array([1.0])
    u, uh, a = fwd(Win, wout, f)
    gout = grad(lambda W: Li(Win, W, f, y), wout)[:, 0]; gin = grad(lambda W: Li(W, wout, f, y), Win)
    ur = np.array([0.4750, 0.5866]); ar = 0.5055; esr = -0.1236; ehs = np.array([-0.0216, 0.0210])
    es_true = (a[0] - y[0]) * a[0] * (1 - a[0])
    return [
        ('**Постановка.** Пусть', lambda: E('-1', f[0])),
        ('$$u^h(x) = \\sigma_h\\Big(', GIVEN, '1 1'),
        ('где также $u^0 \\equiv -1$', GIVEN, '0 -1'),
        ('$$\\mathcal{L}_i(w) = \\frac{1}{2}', GIVEN, '1 2 2'),
        ('**Ошибки на выходах слоёв.**', GIVEN),
        ('$$\\varepsilon_i^m = \\frac{\\partial', lambda: ER),
        ('Выход $u^h$ скрытого нейрона', GIVEN),
        ('$$\\varepsilon_i^h = \\frac{\\partial', lambda: ER),
        ('где $\\sigma_m\'$ — производная функции активации', lambda: ER),
        ('**Градиент.** Теперь все производные', GIVEN),
        ('$$\\frac{\\partial \\mathcal{L}_i}{\\partial w_{hm}}', lambda: ER),
        ('Для сигмоиды $\\sigma\' = \\sigma(1 - \\sigma)$', lambda: ER and counts() and E('1', 1) and E('1', 1) and E('1', 1) and E('1', 1) and E('1', 1)),
        ('**Стохастический градиент.**', GIVEN),
        ('$$w_{hm} := w_{hm} - \\eta', lambda: ER and sgd()),
        ('**Пример** ($n = 2$', lambda: E('2', 2) and E('2', 2) and E('1', 1) and EV(['-1', '1', '0.5'], f) and E('1', y[0])
            and EV(['0.1', '-0.3', '0.6'], Win[:, 0]) and EV(['-0.4', '-0.2', '0.3'], Win[:, 1]) and E('0', 0) and E('1', 1) and E('2', 2)
            and EV(['-0.1', '0.7', '-0.7'], wout)),
        ('1. Прямой ход:', lambda: C('-0.1', f[0] * Win[0, 0]) and C('0.3', -(f[1] * Win[1, 0])) and C('0.3', f[2] * Win[2, 0]) and C('-0.1', (f @ Win)[0])
            and C('0.4', f[0] * Win[0, 1]) and C('0.2', -(f[1] * Win[1, 1])) and C('0.15', f[2] * Win[2, 1]) and C('0.35', (f @ Win)[1])
            and E('1', 1) and C('-0.1', (f @ Win)[0]) and C('0.4750', u[0]) and E('2', 2) and C('0.35', (f @ Win)[1]) and C('0.5866', u[1])),
        ('2. Выход:', lambda: C('0.1', -wout[0, 0]) and E('0.7', wout[1, 0]) and C('0.4750', u[0]) and E('0.7', -wout[2, 0]) and C('0.5866', u[1])
            and C('0.0219', (uh @ wout)[0], 0.1 + 0.7 * 0.4750 - 0.7 * 0.5866) and C('0.0219', (uh @ wout)[0]) and C('0.5055', a[0])
            and E('1', 1) and E('2', 2) and C('0.5055', a[0]) and E('1', y[0]) and E('2', 2) and C('0.1223', Li(Win, wout, f, y), 0.5 * (ar - 1) ** 2)),
        ('3. Ошибка на выходе:', lambda: E('1', 1) and C('0.5055', a[0]) and E('1', y[0]) and C('-0.4945', a[0] - y[0], ar - 1)
            and C('0.5055', a[0]) and C('0.4945', 1 - a[0], 1 - ar) and C('0.2500', a[0] * (1 - a[0]), ar * (1 - ar)) and E('1', 1)
            and C('-0.1236', es_true, -0.4945 * 0.2500)),
        ('4. Градиент по весам выходного нейрона:', lambda: C('-0.1236', es_true) and E('-1', uh[0]) and CV(['0.4750', '0.5866'], u)
            and CV(['0.1236', '-0.0587', '-0.0725'], gout, esr * np.append(-1, ur))),
        ('5. Ошибки скрытого слоя:', lambda: E('1', 1) and C('-0.1236', es_true) and E('0.7', wout[1, 0]) and C('-0.0865', es_true * 0.7, esr * 0.7)
            and E('2', 2) and C('-0.1236', es_true) and E('-0.7', wout[2, 0]) and C('0.0865', es_true * -0.7, esr * -0.7)
            and CV(['0.2494', '0.2425'], u * (1 - u), ur * (1 - ur))
            and CV(['-0.0216', '0.0210'], es_true * wout[1:, 0] * u * (1 - u), np.array([-0.0865, 0.0865]) * np.array([0.2494, 0.2425]))),
        ('6. Градиент по весам скрытого слоя:', lambda: E('1', 1) and C('-0.0216', ehs[0]) and EV(['-1', '1', '0.5'], f)
            and CV(['0.0216', '-0.0216', '-0.0108'], gin[:, 0], ehs[0] * f) and E('2', 2) and C('0.0210', ehs[1]) and EV(['-1', '1', '0.5'], f)
            and CV(['-0.0210', '0.0210', '0.0105'], gin[:, 1], ehs[1] * f)),
        ('Проверка конечными разностями', lambda: np.max(np.abs(gin - np.outer(f, ehs))) < 1e-4 and np.max(np.abs(gout - esr * np.append(-1, ur))) < 1e-4),
    ]

# ======================================================================= 15
@register('15_zh_nielsen_notes.md')
def f15():
    quad = lambda y: (lambda a: 0.5 * np.sum((y - a) ** 2))
    def nets(n=3):
        for _ in range(n):
            sizes = [3, 4, 5, 2]; Ws, bs = rand_net(sizes); x = rand(3); y = rand(2, lo=0, hi=1)
            zs, As = fwd_col(Ws, bs, x, [sig] * 3)
            yield Ws, bs, x, y, zs, As, z_grads(Ws, bs, x, [sig] * 3, quad(y))
    def bp1():
        return all(near(D[-1], (As[-1] - y) * dsig(zs[-1])) and near(grad(quad(y), As[-1]), As[-1] - y) for Ws, bs, x, y, zs, As, D in nets())
    def bp2_as_written():
        ok = True
        for Ws, bs, x, y, zs, As, D in nets():
            for l in range(len(Ws) - 1):
                W = Ws[l + 1]
                ok &= W.shape[1] == D[l + 1].shape[0] and near(D[l], (W @ D[l + 1]) * dsig(zs[l]))
        return ok
    def bp3():
        ok = True
        for Ws, bs, x, y, zs, As, D in nets(2):
            for l in range(3):
                ok &= near(grad(lambda b: quad(y)(fwd_col(Ws, [b if i == l else bb for i, bb in enumerate(bs)], x, [sig] * 3)[1][-1]), bs[l]), D[l])
        return ok
    def bp4():
        ok = True
        for Ws, bs, x, y, zs, As, D in nets(2):
            for l in range(3):
                ok &= near(grad(lambda W: quad(y)(fwd_col([W if i == l else WW for i, WW in enumerate(Ws)], bs, x, [sig] * 3)[1][-1]), Ws[l]), np.outer(D[l], As[l]))
        return ok
    # numeric example
    x = np.array([1.0, 0.5]); w2 = np.array([[0.3, -0.4], [0.5, 0.1]]); b2 = np.array([0.0, 0.1])
    w3 = np.array([[1.0, -1.0], [0.5, 2.0]]); b3 = np.array([0.0, -1.0]); y = np.array([0.0, 1.0])
    Cf = lambda W2=w2, B2=b2, W3=w3, B3=b3: quad(y)(sig(W3 @ sig(W2 @ x + B2) + B3))
    z2 = w2 @ x + b2; a2 = sig(z2); z3 = w3 @ a2 + b3; a3 = sig(z3)
    D2, D3 = z_grads([w2, w3], [b2, b3], x, [sig, sig], quad(y))
    a2r = np.array([0.5250, 0.6570]); a3r = np.array([0.4670, 0.6403]); s3r = np.array([0.2489, 0.2303]); d3r = np.array([0.1162, -0.0828])
    s2r = np.array([0.2494, 0.2254]); wd_c = np.array([0.1990, -0.1075]); d2c = np.array([0.0496, -0.0242])     # carried (page) values
    gw2 = grad(lambda W: Cf(W2=W), w2); gw3 = grad(lambda W: Cf(W3=W), w3); gb2 = grad(lambda B: Cf(B2=B), b2); gb3 = grad(lambda B: Cf(B3=B), b3)
    return [
        ('**记号.**', GIVEN, '1 1 1'),
        ('单个训练样本的二次代价函数', GIVEN, '1 2 2'),
        ('定义第 $l$ 层第 $j$ 个神经元上的', GIVEN),
        ('$$\\delta^l_j \\equiv', GIVEN),
        ('**四个基本方程**', lambda: near(np.array([1, 2]) * np.array([3, 4]), [3, 8])),
        ('\\tag{BP1}', bp1),
        ('\\tag{BP2}', bp2_as_written, '1 1'),
        ('\\tag{BP3}', bp3),
        ('\\tag{BP4}', bp4, '1'),
        ('直观理解：', lambda: E('1', 1) and E('1', 1) and E('1', 1) and E('4', 4) and np.all(dsig(rand(50, lo=-8, hi=8)) <= 0.25) and E('0', 0) and dsig(9.0) < 1e-3),
        ('**手算例子.**', lambda: E('3', 3)),
        ('$a^1 = x = (1,\\ 0.5)^T$', lambda: E('1', 1) and EV(['1', '0.5'], x) and E('2', 2) and EV(['0.3', '-0.4', '0.5', '0.1'], w2) and E('2', 2) and EV(['0', '0.1'], b2)
            and E('3', 3) and EV(['1', '-1', '0.5', '2'], w3) and E('3', 3) and EV(['0', '-1'], b3) and EV(['0', '1'], y) and E('4', 4)),
        ('- $z^2 = (0.1,\\ 0.65)^T$', lambda: E('2', 2) and CV(['0.1', '0.65'], z2) and E('2', 2) and E('2', 2) and CV(['0.5250', '0.6570'], a2)),
        ('- $z^3 = (0.5250 - 0.6570', lambda: E('3', 3) and C('0.5250', a2[0]) and C('0.6570', a2[1]) and C('0.2625', 0.5 * a2r[0]) and C('1.3140', 2 * a2r[1])
            and E('1', -b3[1]) and CV(['-0.1320', '0.5765'], z3, w3 @ a2r + b3) and E('3', 3) and CV(['0.4670', '0.6403'], a3, sig(np.round(w3 @ a2r + b3, 4)))),
        ('- $C = \\frac{1}{2}\\big(0.4670^2', lambda: E('1', 1) and E('2', 2) and C('0.4670', a3r[0]) and E('2', 2) and C('0.3597', y[1] - a3r[1]) and E('2', 2)
            and C('0.1737', Cf(), 0.5 * (0.4670 ** 2 + 0.3597 ** 2))),
        ('- BP1：$\\sigma\'(z^3)', lambda: E('3', 3) and C('0.4670', a3r[0]) and C('0.5330', 1 - a3r[0]) and C('0.6403', a3r[1]) and C('0.3597', 1 - a3r[1])
            and CV(['0.2489', '0.2303'], dsig(z3), a3r * (1 - a3r)) and E('3', 3) and C('0.4670', a3r[0]) and C('0.2489', s3r[0]) and C('-0.3597', a3r[1] - y[1])
            and C('0.2303', s3r[1]) and CV(['0.1162', '-0.0828'], D3, (a3r - y) * s3r)),
        ('- BP2：$w^3\\delta^3 = ', lambda: E('3', 3) and E('3', 3) and E('1', w3[0, 0]) and C('0.1162', d3r[0]) and E('-1', w3[0, 1]) and C('-0.0828', d3r[1])
            and E('0.5', w3[1, 0]) and C('0.1162', d3r[0]) and E('2', w3[1, 1]) and C('-0.0828', d3r[1]) and CV(['0.1990', '-0.1075'], w3 @ d3r)),
        ('- $\\sigma\'(z^2) = (0.5250 \\times 0.4750', lambda: E('2', 2) and C('0.5250', a2r[0]) and C('0.4750', 1 - a2r[0]) and C('0.6570', a2r[1]) and C('0.3430', 1 - a2r[1])
            and CV(['0.2494', '0.2254'], dsig(z2), a2r * (1 - a2r)) and E('2', 2) and C('0.1990', wd_c[0]) and C('0.2494', s2r[0]) and C('-0.1075', wd_c[1]) and C('0.2254', s2r[1])
            and CV(['0.0496', '-0.0242'], D2, wd_c * s2r)),
        ('- BP4：$\\dfrac{\\partial C}{\\partial w^3}', lambda: E('3', 3) and E('3', 3) and E('2', 2) and CV(['0.0610', '0.0763', '-0.0435', '-0.0544'], gw3, np.outer(d3r, a2r))
            and E('2', 2) and E('2', 2) and E('1', 1) and CV(['0.0496', '0.0248', '-0.0242', '-0.0121'], gw2, np.outer(d2c, x))),
        ('- BP3：$\\partial C/\\partial b^3', lambda: E('3', 3) and E('3', 3) and CV(['0.1162', '-0.0828'], gb3, d3r) and E('2', 2) and E('2', 2)
            and CV(['0.0496', '-0.0242'], gb2, d2c)),
        ('**小结.**', lambda: bp1() and E('1', 1) and E('2', 2)),
    ]

# ======================================================================= 16
@register('16_ko_ng_deep_network_blog.md')
def f16():
    def Jf(Ws, bs, X, Y):
        A = X
        for l, (W, b) in enumerate(zip(Ws, bs)):
            Z = W @ A + b; A = sig(Z) if l == len(Ws) - 1 else np.maximum(0, Z)
        return -np.mean(Y * np.log(A) + (1 - Y) * np.log(1 - A))
    def general():
        ok = True
        for _ in range(3):
            sizes = [3, 4, 3, 1]; m = 5
            Ws = [rand(sizes[i + 1], sizes[i]) for i in range(3)]; bs = [rand(sizes[i + 1], 1) for i in range(3)]
            X = rand(3, m); Y = (RNG.uniform(size=(1, m)) > 0.5).astype(float)
            As, Zs = [X], []
            for l in range(3):
                Zs.append(Ws[l] @ As[-1] + bs[l]); As.append(sig(Zs[-1]) if l == 2 else np.maximum(0, Zs[-1]))
            AL = As[-1]
            dA = -(Y / AL) + (1 - Y) / (1 - AL)                           # per-example dL/dA^[L]
            ok &= near(dA * AL * (1 - AL), AL - Y)
            dZ = AL - Y
            for l in range(2, -1, -1):
                gW = grad(lambda W: Jf([W if i == l else Ws[i] for i in range(3)], bs, X, Y), Ws[l])
                gb = grad(lambda b: Jf(Ws, [b if i == l else bs[i] for i in range(3)], X, Y), bs[l])
                ok &= near(gW, dZ @ As[l].T / m) and near(gb, np.sum(dZ, axis=1, keepdims=True) / m)
                # dA^[l-1] (per-example, i.e. m * dJ/dA) and the next dZ
                dAprev = Ws[l].T @ dZ
                if l > 0:
                    dZ = dAprev * (Zs[l - 1] > 0)
                    # check dZ^[l-1] against the numerical per-example derivative of J w.r.t. Z^[l-1]
                    def Jz(E, l=l):
                        A = X
                        for k in range(3):
                            Z = Ws[k] @ A + bs[k] + (E if k == l - 1 else 0)
                            A = sig(Z) if k == 2 else np.maximum(0, Z)
                        return -np.mean(Y * np.log(A) + (1 - Y) * np.log(1 - A))
                    ok &= near(m * grad(Jz, np.zeros_like(Zs[l - 1])), dZ, 1e-5)
        return ok
    GEN = general()
    X = np.array([[1.0, 2.0], [-2.0, 0.4]]); Y = np.array([[1.0, 0.0]]); m = 2; alpha = 0.1
    W1 = np.array([[0.5, -0.4], [0.8, 0.5]]); b1 = np.array([[0.0], [-1.0]]); W2 = np.array([[1.4, -1.2]]); b2 = np.array([[-0.2]])
    Z1 = W1 @ X + b1; A1 = np.maximum(0, Z1); Z2 = W2 @ A1 + b2; A2 = sig(Z2)
    J0 = Jf([W1, W2], [b1, b2], X, Y)
    gW1 = grad(lambda W: Jf([W, W2], [b1, b2], X, Y), W1); gb1 = grad(lambda b: Jf([W1, W2], [b, b2], X, Y), b1)
    gW2 = grad(lambda W: Jf([W1, W], [b1, b2], X, Y), W2); gb2 = grad(lambda b: Jf([W1, W2], [b1, b], X, Y), b2)
    A2r = np.array([0.8348, 0.5040]); dZ2r = A2r - Y[0]
    dA1r = W2.T * dZ2r[None, :]; dZ1r = np.round(dA1r, 4) * (Z1 > 0)
    dW1_page = dZ1r @ A1.T / m                                    # as written: A^[1] instead of A^[0] = X
    dW2r = np.array([0.1043, 0.2016]); db2r = 0.1694; db1r = np.array([0.2372, -0.3024]); dW1r = np.array([[0.1460, 0.2822], [-0.2540, -0.2419]])
    return [
        ('강의에서 나온 일반식을 정리하고', lambda: X.shape == (2, m) and W1.shape == (2, 2) and b1.shape == (2, 1) and E('1', b1.shape[1])),
        ('순전파: $Z^{[l]} = W^{[l]}A^{[l-1]}', GIVEN),
        ('비용 함수는 이진 교차 엔트로피의 평균', GIVEN, '1 1 1'),
        ('층 $l$의 역전파', GIVEN),
        ('dZ^{[l]} &= dA^{[l]} * g^{[l]\\prime}', lambda: GEN),
        ('dW^{[l]} &= \\tfrac{1}{m}', lambda: GEN, '1'),
        ('db^{[l]} &= \\tfrac{1}{m}', lambda: GEN, '1 1'),
        ('dA^{[l-1]} &= W^{[l]T} dZ^{[l]}', lambda: GEN),
        ('마지막 층이 시그모이드이면', lambda: GEN),
        ('$L = 2$, $n^{[0]} = 2$', lambda: E('2', 2) and E('2', X.shape[0]) and E('2', W1.shape[0]) and E('1', W2.shape[0]) and E('2', m)),
        ('$X = \\begin{pmatrix} 1 & 2', lambda: EV(['1', '2', '-2', '0.4'], X) and EV(['1', '0'], Y) and EV(['0.5', '-0.4', '0.8', '0.5'], W1)
            and EV(['0', '-1'], b1) and EV(['1.4', '-1.2'], W2) and E('-0.2', b2[0, 0]) and E('0.1', alpha)),
        ('- $Z^{[1]} = \\begin{pmatrix} 1.3', lambda: CV(['1.3', '0.84', '-1.2', '0.8'], Z1) and CV(['1.3', '0.84', '0', '0.8'], A1)),
        ('- $Z^{[2]} = (1.82 - 0.2', lambda: C('1.82', W2[0, 0] * A1[0, 0]) and E('0.2', -b2[0, 0]) and C('1.176', W2[0, 0] * A1[0, 1]) and C('0.96', -W2[0, 1] * A1[1, 1])
            and E('0.2', -b2[0, 0]) and CV(['1.62', '0.016'], Z2) and CV(['0.8348', '0.5040'], A2)),
        ('- $J = -\\frac{1}{2}\\big(\\log 0.8348', lambda: E('1', 1) and E('2', m) and C('0.8348', A2[0, 0]) and E('1', 1) and C('0.5040', A2[0, 1])
            and E('1', 1) and E('2', m) and C('0.1806', -np.log(A2[0, 0]), -np.log(0.8348)) and C('0.7012', -np.log(1 - A2[0, 1]), -np.log(1 - 0.5040))
            and C('0.4409', J0, (0.1806 + 0.7012) / 2)),
        ('- $dZ^{[2]} = A^{[2]} - Y', lambda: CV(['-0.1652', '0.5040'], m * grad(lambda z: -np.mean(Y * np.log(sig(z)) + (1 - Y) * np.log(1 - sig(z))), Z2), dZ2r)),
        ('- $dW^{[2]} = \\frac{1}{2}\\, dZ^{[2]} A^{[1]T}', lambda: E('1', 1) and E('2', m) and E('1', 1) and E('2', m) and C('-0.1652', dZ2r[0]) and E('1.3', A1[0, 0])
            and C('0.5040', dZ2r[1]) and C('0.84', A1[0, 1]) and C('0.5040', dZ2r[1]) and C('0.8', A1[1, 1]) and E('1', 1) and E('2', m)
            and CV(['0.2086', '0.4032'], m * gW2, dZ2r @ A1.T) and CV(['0.1043', '0.2016'], gW2, dZ2r @ A1.T / m)
            and E('1', 1) and E('2', m) and C('-0.1652', dZ2r[0]) and C('0.5040', dZ2r[1]) and C('0.1694', gb2[0, 0], dZ2r.sum() / m)),
        ('- $dA^{[1]} = W^{[2]T} dZ^{[2]}', lambda: CV(['-0.2313', '0.7056', '0.1982', '-0.6048'], W2.T @ (A2 - Y), dA1r)
            and near(m * grad(lambda a: Jf([W2], [b2], a, Y), A1), W2.T @ (A2 - Y))),
        ('- ReLU 미분은 $Z^{[1]} > 0$이면 1', lambda: E('0', 0) and E('1', 1) and E('0', 0) and CV(['-0.2313', '0.7056', '0', '-0.6048'], dZ1r)
            and near(m * grad(lambda z: Jf([W2], [b2], np.maximum(0, z), Y), Z1), W2.T @ (A2 - Y) * (Z1 > 0))),
        ('- $dW^{[1]} = \\frac{1}{2}\\, dZ^{[1]} A^{[1]T}', lambda: ALL(near(dZ1r @ A1.T / m, gW1, 1e-3), E('1', 1), E('2', m), E('1', 1), E('2', m),
            CV(['0.2920', '0.5645', '-0.5080', '-0.4838'], dZ1r @ A1.T), CV(['0.1460', '0.2822', '-0.2540', '-0.2419'], dW1_page))),
        ('- $db^{[1]} = \\frac{1}{2}\\begin{pmatrix}', lambda: E('1', 1) and E('2', m) and C('-0.2313', dZ1r[0, 0]) and C('0.7056', dZ1r[0, 1]) and E('0', dZ1r[1, 0])
            and C('0.6048', -dZ1r[1, 1]) and CV(['0.2372', '-0.3024'], gb1, dZ1r.sum(axis=1) / m)),
        ('**업데이트**', lambda: Jf([W1 - 1e-3 * gW1, W2 - 1e-3 * gW2], [b1 - 1e-3 * gb1, b2 - 1e-3 * gb2], X, Y) < J0),
        ('- $W^{[1]} := \\begin{pmatrix} 0.4854', lambda: CV(['0.4854', '-0.4282', '0.8254', '0.5242'], W1 - alpha * gW1, W1 - alpha * dW1r)
            and CV(['-0.0237', '-0.9698'], b1 - alpha * gb1, b1[:, 0] - alpha * db1r)),
        ('- $W^{[2]} := (1.3896', lambda: CV(['1.3896', '-1.2202'], W2 - alpha * gW2, W2[0] - alpha * dW2r) and C('-0.2169', b2[0, 0] - alpha * gb2[0, 0], -0.2 - alpha * db2r)),
        ('- $dW^{[l]}$의 모양은 항상', lambda: gW1.shape == W1.shape == (2, 2) and gW2.shape == W2.shape == (1, 2) and (dZ1r @ A1.T).shape == (2, 2)
            and E('2', 2) and E('2', 2) and E('1', 1) and E('2', 2)),
        ('- 첫 번째 샘플에서 은닉 유닛 2는', lambda: E('2', 2) and C('-1.2', Z1[1, 0]) and E('0', 0) and dZ1r[1, 0] == 0
            and abs(grad(lambda z: Jf([W2], [b2], np.maximum(0, z), Y), Z1)[1, 0]) < 1e-12),
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
        s = re.sub(r'(?<=\d)[ \u00a0\u202f\\,]+(?=\d{3}(?!\d))', '', s)   # 7 087 872
    else:
        s = s.replace('{,}', '')
        s = re.sub(r'(?<=\d),(?=\d{3}(?!\d))', '', s)                  # 7,087,872
    out, i = [], 0
    while i < len(s):
        ch = s[i]
        if ch == '_' and not re.match(r'_[A-Za-z]*\(', s[i:]):            # subscripts are labels
            i = _skip_group(s, i + 1); continue
        if ch == '^' and re.match(r'\^\{?[(\[][^)\]]*[)\]]\}?', s[i:]):   # layer / step labels ^{(1)}, ^{[l-1]}
            i = _skip_group(s, i + 1); continue
        if s.startswith('\\tag{', i):                                       # equation numbers
            i = _skip_group(s, i + 4); continue
        out.append(ch); i += 1
    return ''.join(out)

def line_tokens(line, comma):
    s = re.sub(r'^\s*(>\s*)+', '', line)
    s = re.sub(r'^\s*\d+\.\s', '', s)                                     # list enumerator
    # a minus sign directly in front of a number (not a binary minus such as "a-5") is part of the token
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
    # the checked values must appear on the line in the order in which they were checked
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
        print(f'{name:42s} lines={n:2d} first_false={ff!s:4s} expected={exp!s:4s} {"OK" if ok else "MISMATCH"}')
        for p in probs:
            print('    !', p)
    n_err = sum(v is not None for v in expected.values())
    if n_err != 8:
        print(f'expected.json should have 8 planted errors, has {n_err}')
        all_ok = False
    print('ALL OK' if all_ok else 'NOT OK')
    assert all_ok, 'first false line differs from expected.json (or a check problem)'
    return 0

if __name__ == '__main__':
    sys.exit(main())
