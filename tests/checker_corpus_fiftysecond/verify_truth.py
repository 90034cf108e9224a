#!/usr/bin/env python3
"""Independent NumPy re-check of corpus52.

Each file gets a list of checks (line-substring, predicate, declared-tokens).
* Every line that contains math must be covered by exactly one check.
* GIVEN marks problem data, definitions, prompts and multiple-choice options.
* Every other predicate recomputes what the line asserts: finite differences for
  derivatives, exact recomputation of worked numbers at their printed precision
  (C / CV), window enumeration for conv sizes, index-set composition for
  receptive fields.
* Number accounting: on a checked line every number printed inside math must be
  either a value verified by C/CV or a declared input/structure token, and every
  verified or declared token must actually be printed on that line.
The first line with a false predicate is compared with expected.json.
Run with -v to print every checked line.
"""
import json, math, os, re, sys
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
VERBOSE = '-v' in sys.argv
RNG = np.random.default_rng(52)

# ------------------------------------------------------------------ helpers
def GIVEN():
    return True
GIVEN.is_given = True

_SEEN = []   # literals verified by the current predicate

def _tol(shown):
    s = shown.replace('−', '-').strip()
    m = re.fullmatch(r'[+-]?(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?', s)
    if not m:
        raise ValueError('bad literal %r' % shown)
    dec = len(m.group(2) or '')
    ex = int(m.group(3) or 0)
    return float(s), 0.5 * 10.0 ** (ex - dec) * (1 + 1e-9) + 1e-15

def C(shown, *cands):
    """printed value `shown` is right to its printed digits for at least one
    candidate (the exact value, or the value recomputed from rounded carries)."""
    _SEEN.append(shown)
    v, t = _tol(shown)
    return any(abs(v - float(c)) <= t for c in cands)

_RUNS = []   # tuples/matrices verified by CV: must be printed in this order

def CV(shown, *arrays):
    _RUNS.append(list(shown))
    arrs = [np.ravel(np.asarray(a, float)) for a in arrays]
    if any(a.size != len(shown) for a in arrs):
        _SEEN.extend(shown)
        return False
    return all([C(s, *[a[i] for a in arrs]) for i, s in enumerate(shown)])

def EX(a, b, tol=1e-9):
    """exact equality of a printed exact relation"""
    return bool(np.allclose(np.asarray(a, float), np.asarray(b, float), atol=tol, rtol=0))

def fd(f, x, h=1e-6):
    return (f(x + h) - f(x - h)) / (2 * h)

def grad(f, x, h=1e-6):
    x = np.array(x, float)
    g = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        e = np.zeros_like(x); e[idx] = h
        g[idx] = (f(x + e) - f(x - e)) / (2 * h)
    return g

def sig(z):
    return 1.0 / (1.0 + np.exp(-np.asarray(z, float)))

def softmax(z):
    z = np.asarray(z, float); e = np.exp(z - z.max()); return e / e.sum()

def pts(n=7, lo=-3, hi=3):
    return RNG.uniform(lo, hi, size=n)

def conv_out_enum(n, k, s, p, d):
    """count window positions by enumeration on the padded input"""
    span = d * (k - 1)
    return sum(1 for st in range(0, n + 2 * p, s) if st + span <= n + 2 * p - 1)

def rf_enum(layers):
    """receptive field of one top unit: compose index sets layer by layer.
    layers = list of (k, s, d) from input to output."""
    idx = {0}
    for k, s, d in reversed(layers):
        idx = {u * s + d * t for u in idx for t in range(k)}
    return max(idx) - min(idx) + 1

FILES = {}
def register(name):
    def deco(fn):
        FILES[name] = fn; return fn
    return deco

# ====================================================================== 01
@register('01_sigmoid_derivative.md')
def f01():
    ds = lambda z: fd(sig, z)
    z = 1.5
    def identity():
        return all(abs(ds(t) - sig(t) * (1 - sig(t))) < 1e-8 for t in pts())
    def chain_forms():
        ok = True
        for t in pts():
            e = math.exp(-t)
            forms = [-(1 + e) ** -2 * (-e), e / (1 + e) ** 2, (1 / (1 + e)) * (e / (1 + e))]
            ok &= all(abs(f - ds(t)) < 1e-8 for f in forms)
        return ok
    def second_factor():
        return all(abs(math.exp(-t) / (1 + math.exp(-t)) - (1 - 1 / (1 + math.exp(-t)))) < 1e-12
                   and abs(math.exp(-t) / (1 + math.exp(-t)) - (1 - sig(t))) < 1e-12 for t in pts()) and identity()
    s2 = lambda t: fd(ds, t, 1e-4)
    return [
        ('Show that $\\sigma\'(z) = \\sigma(z)', identity, '1 1.5'),
        ('Write $\\sigma(z) = (1+e^{-z})^{-1}$', lambda: all(abs((1 + math.exp(-t)) ** -1 - sig(t)) < 1e-12 for t in pts()), '1 1'),
        ('$$\\sigma\'(z) = -(1+e^{-z})^{-2}', chain_forms, '1 2'),
        ('The second factor is', second_factor, '1'),
        ('**Numbers at $z = 1.5$:**', GIVEN),
        ('$e^{-1.5} \\approx 0.2231$', lambda: C('0.2231', math.exp(-1.5)), '1.5'),
        ('$\\sigma(1.5) = 1/1.2231', lambda: C('1.2231', 1 + math.exp(-1.5)) and C('0.8176', sig(z), 1 / 1.2231), '1.5 1'),
        ('$1 - \\sigma(1.5) \\approx 0.1824$', lambda: C('0.1824', 1 - sig(z), 1 - 0.8176), '1 1.5'),
        ('$\\sigma\'(1.5) \\approx 0.8176 \\times 0.1824', lambda: C('0.8176', sig(z)) and C('0.1824', 1 - sig(z))
            and C('0.1491', ds(z), 0.8176 * 0.1824), '1.5'),
        ('*Where is $\\sigma\'$ largest?*', lambda: abs(pts(1001, -8, 8)[np.argmax([ds(t) for t in np.linspace(-8, 8, 1601)])] * 0) == 0
            and np.linspace(-8, 8, 1601)[np.argmax([ds(t) for t in np.linspace(-8, 8, 1601)])] == 0
            and C('0.5', sig(0)) and C('0.25', ds(0), 0.5 * 0.5)
            and all(s * (1 - s) <= 0.25 for s in np.linspace(1e-6, 1 - 1e-6, 999)), '0 0.5 1 0.25'),
        ('*Is it symmetric?*', lambda: all(abs(sig(-t) - (1 - sig(t))) < 1e-12 and abs(ds(-t) - ds(t)) < 1e-8 for t in pts())
            and C('0.1491', ds(-1.5)), '1 1.5'),
        ('*Why do frameworks like this form?*', lambda: all(abs(sig(t) * (1 - sig(t)) - ds(t)) < 1e-8 for t in pts()), '1'),
        ('*Second derivative?*', lambda: all(abs(s2(t) - ds(t) * (1 - 2 * sig(t))) < 1e-6 for t in pts()), '1 2'),
        ('So $\\sigma\'\'(1.5) \\approx 0.1491', lambda: C('0.1491', ds(z)) and C('1.6352', 2 * sig(z), 2 * 0.8176)
            and C('-0.0947', s2(z), 0.1491 * (1 - 1.6352)) and all(s2(t) < 0 for t in pts(7, 0.01, 5)), '1 1.5 0'),
        ('**One-liner to remember:**', lambda: max(sig(t) * (1 - sig(t)) for t in np.linspace(-10, 10, 2001)) <= 0.25 + 1e-15
            and max(ds(t) for t in np.linspace(-10, 10, 2001)) <= 0.25 + 1e-8, '1 4'),
    ]

# ====================================================================== 02
@register('02_chain_rule_graph.md')
def f02():
    x, y, z = 3.0, -2.0, 4.0
    f = lambda x, y, z: (x * y + z) ** 2
    u = x * y; v = u + z
    dx = fd(lambda t: f(t, y, z), x); dy = fd(lambda t: f(x, t, z), y); dz = fd(lambda t: f(x, y, t), z)
    dv = fd(lambda t: t ** 2, v); du = fd(lambda t: (t + z) ** 2, u)
    return [
        ('**문제.**', GIVEN),
        ('$u = 3 \\cdot (-2) = -6$', lambda: C('-6', u), '3 2'),
        ('$v = -6 + 4 = -2$', lambda: C('-2', v) and C('-6', u), '4'),
        ('$f = (-2)^2 = 4$', lambda: C('4', f(x, y, z)) and C('-2', v), '2'),
        ('제곱 노드:', lambda: C('-4', dv, 2 * -2) and C('-2', v), '2 2'),
        ('덧셈 노드:', lambda: C('1', fd(lambda t: t + z, u)) and fd(lambda t: u + t, z) == fd(lambda t: t + z, u), '1'),
        ('곱셈 노드:', lambda: C('-2', fd(lambda t: t * y, x)) and C('3', fd(lambda t: x * t, y)), ''),
        ('\\frac{\\partial v}{\\partial u} = -4 \\cdot 1 = -4', lambda: C('-4', du, -4 * 1), '4 1'),
        ('\\frac{\\partial v}{\\partial z} = -4 \\cdot 1 = -4', lambda: C('-4', dz, -4 * 1), '4 1'),
        ('\\frac{\\partial f}{\\partial x} = \\frac{\\partial f}{\\partial u}\\cdot x', lambda: C('-12', dx)
            and EX(dx, du * x, 1e-6), '4 3'),
        ('\\frac{\\partial f}{\\partial y} = \\frac{\\partial f}{\\partial u}\\cdot x', lambda: C('-12', dy, -4 * 3)
            and abs(dy - du * x) < 1e-6, '4 3'),
        ('따라서 $\\nabla f', lambda: CV(['-12', '-12', '-4'], [dx, dy, dz]), ''),
        ('**(d) 한 걸음 갱신 (1점)**', lambda: C('3.6', x - 0.05 * dx), '0.05 3 12'),
    ]

# ====================================================================== 03
@register('03_vanishing_gradient.md')
def f03():
    def chain(a0, w):
        a = a0; prod = 1.0; acts = []; facts = []
        for _ in range(5):
            zz = w * a; fac = w * sig(zz) * (1 - sig(zz))
            prod *= fac; facts.append(sig(zz) * (1 - sig(zz))); a = sig(zz); acts.append(a)
        return prod, acts, facts
    def grad_fd(a0, w):
        def out(t):
            a = t
            for _ in range(5):
                a = sig(w * a)
            return a
        return fd(out, a0)
    p0, acts, facts = chain(0.0, 1.0)
    ds = lambda t: sig(t) * (1 - sig(t))
    bound3 = 3.0 ** 5 * 0.25 ** 5
    return [
        ('Setup for every item:', GIVEN),
        ('$$\\frac{\\partial a_5}{\\partial a_0} = \\prod_{k=1}^{5}', lambda: all(abs(chain(a0, w)[0] - grad_fd(a0, w)) < 1e-7
            for a0, w in zip(pts(4), pts(4, -2, 3))), '5'),
        ('**1. T/F: $\\sigma\'(z) \\le 0.25$', GIVEN),
        ('TRUE — $\\sigma\' = \\sigma(1-\\sigma)$ and $s(1-s) = 0.25', lambda: all(abs(s * (1 - s) - (0.25 - (s - 0.5) ** 2)) < 1e-12
            for s in np.linspace(0, 1, 101)) and max(fd(sig, t) for t in np.linspace(-9, 9, 1801)) <= 0.25 + 1e-9, '1 1 0.25 0.5 2 0.25'),
        ('**2. T/F: If all $w_k = 1$', GIVEN),
        ('TRUE — each factor is at most $0.25$', lambda: C('0.0009765625', 0.25 ** 5) and 0.25 ** 5 < 1e-3
            and max(abs(grad_fd(a0, 1.0)) for a0 in np.linspace(-20, 20, 81)) < 1e-3, '0.25 5 10 3'),
        ('**3. T/F: With $a_0 = 0$', GIVEN),
        ('FALSE — only the first unit sits at $z = 0$.', lambda: abs(p0 - 0.25 ** 5) > 1e-6 and C('0.5', acts[0])
            and CV(['0.6225', '0.6508', '0.6572'], acts[1:4]), '0'),
        ('The factors are $\\sigma\'(0) = 0.25$', lambda: C('0.25', ds(0)) and C('0.5', 0.5) and C('0.6225', acts[1])
            and C('0.6508', acts[2]) and C('0.6572', acts[3])
            and all([C(sh, facts[i + 1], ds(arg)) for i, (sh, arg) in enumerate(zip(['0.2350', '0.2273', '0.2253', '0.2248'],
            [0.5, 0.6225, 0.6508, 0.6572]))]), '0'),
        ('Product: $\\partial a_5/\\partial a_0 \\approx 6.76', lambda: C('6.76e-4', grad_fd(0.0, 1.0), p0) and p0 < 0.25 ** 5,
            '0.25 5'),
        ('**4. T/F: With all $w_k = 3$', GIVEN),
        ('TRUE — $\\prod_{k=1}^{5} |w_k| \\cdot 0.25^5 = 3', lambda: C('0.00293', bound3) and bound3 < 1e-2, '5 0.25 3 10 2'),
        ('**5. T/F: A common weight', GIVEN),
        ('FALSE — from item 4 the bound is', lambda: C('0.0039', 4.0 ** 5 * 0.25 ** 5) and (4 * 0.25) ** 5 < 1, '4 0.25 5 1 1024'),
        ('**6. T/F: Replacing sigmoid', GIVEN),
        ("TRUE — $\\tanh'(z) = 1 - \\tanh^2(z)", lambda: all(abs(fd(np.tanh, t) - (1 - np.tanh(t) ** 2)) < 1e-8 for t in pts())
            and max(fd(np.tanh, t) for t in np.linspace(-5, 5, 1001)) <= 1 + 1e-9 and abs(fd(np.tanh, 0.0) - 1) < 1e-9
            and 1 / 0.25 == 4, '1 2 1 0 0.25'),
    ]

# ====================================================================== 04
@register('04_conv_output_dilation.md')
def f04():
    formula = lambda n, k, s, p, d: (n + 2 * p - d * (k - 1) - 1) // s + 1
    def formula_ok():
        return all(formula(n, k, s, p, d) == conv_out_enum(n, k, s, p, d)
                   for n in range(5, 40) for k in (1, 2, 3, 5) for s in (1, 2, 3) for p in (0, 1, 2, 4) for d in (1, 2, 3, 4)
                   if n + 2 * p >= d * (k - 1) + 1)
    def keff_ok():  # taps of a dilated kernel span d(k-1)+1 positions
        return all(max(d * t for t in range(k)) + 1 == d * (k - 1) + 1 for k in range(1, 8) for d in range(1, 6))
    E = conv_out_enum
    a1 = E(32, 3, 1, 1, 1); a2 = E(a1, 3, 1, 2, 2); a3 = E(a2, 3, 2, 1, 1)
    b1 = E(28, 3, 1, 1, 1); b2 = E(b1, 3, 1, 1, 3); b3 = E(b2, 3, 2, 1, 1)
    return [
        ('$$n_{\\text{out}} = \\left\\lfloor', formula_ok, '2 1 1 1'),
        ('Dilatované jádro pokrývá', keff_ok, '1 1'),
        ('**(a)** Vstup má $n = 32$', GIVEN),
        ('vrstva 1: $k = 3, s = 1, p = 1, d = 1$; vrstva 2', GIVEN),
        ('- vrstva 1: $\\lfloor (32 + 2 - 2 - 1)/1', lambda: C('32', a1) and EX((32 + 2 - 2 - 1) // 1 + 1, a1), '32 2 2 1 1 1'),
        ('- vrstva 2: $k_{\\text{eff}} = 2 \\cdot 2 + 1 = 5$', lambda: C('5', 2 * 2 + 1) and C('32', a2)
            and EX((32 + 4 - 4 - 1) // 1 + 1, a2), '2 2 1 32 4 4 1 1 1'),
        ('- vrstva 3: $\\lfloor (32 + 2 - 2 - 1)/2', lambda: C('15.5', (32 + 2 - 2 - 1) / 2) and C('16', a3), '32 2 2 1 2 1 1'),
        ('Výsledek (a):', lambda: CV(['32', '32', '32', '16'], [32, a1, a2, a3]), ''),
        ('**(b)** V části (b)', GIVEN),
        ('- vrstva 1: $\\lfloor (28 + 2 - 2 - 1)/1', lambda: C('28', b1) and EX((28 + 2 - 2 - 1) // 1 + 1, b1), '28 2 2 1 1 1'),
        ('- vrstva 2: $k_{\\text{eff}} = 3 \\cdot 2 + 1 = 7$', lambda: C('7', 3 * 2 + 1) and C('24', b2)
            and EX((28 + 2 - 6 - 1) // 1 + 1, b2), '3 2 1 28 2 6 1 1 1'),
        ('- vrstva 3: $\\lfloor (24 + 2 - 2 - 1)/2', lambda: C('11.5', (24 + 2 - 2 - 1) / 2) and C('12', b3), '24 2 2 1 2 1'),
        ('Výsledek (b):', lambda: CV(['28', '28', '24', '12'], [28, b1, b2, b3]) and C('4', b1 - b2, 7 - 1 - 2 * 1)
            and C('6', 7 - 1) and C('2', 2 * 1), '1 2'),
        ('**(c)** Jaký padding', GIVEN),
        ('Potřebujeme $2p = d(k-1)$', lambda: all(E(n, 3, 1, 4, 4) == n for n in range(9, 50)) and C('4', 4 * 2 / 2)
            and C('9', 4 * (3 - 1) + 1) and all(E(n, 3, 1, p, 4) != n for n in range(12, 40) for p in (2, 3, 5)), '2 1 2 2'),
        ('Kontrola pro $n = 28$', lambda: C('28', E(28, 3, 1, 4, 4)) and EX((28 + 8 - 8 - 1) // 1 + 1, 28), '28 8 8 1 1 1'),
        ('*Poznámka opravujícího:*', lambda: all((n + 2 * p - d * (k - 1)) // 1 == E(n, k, 1, p, d)
            for n in range(9, 30) for k in (1, 3, 5) for p in (0, 1, 2) for d in (1, 2))
            and C('16', (32 + 2 - 2) // 2) and (32 + 2 - 2) // 2 == a3
            and any((n + 2 - 2) // 2 != E(n, 3, 2, 1, 1) for n in range(10, 40)), '1 2 32'),
    ]

# ====================================================================== 05
@register('05_conv_params_flops.md')
def f05():
    Cin, Cout, k, H = 64, 128, 3, 56
    W = np.zeros((Cout, Cin, k, k)); b = np.zeros(Cout)
    params = W.size + b.size
    Hout = conv_out_enum(H, k, 1, 1, 1)
    macs = Hout * Hout * Cout * (k * k * Cin)
    dw = k * k * Cin; pw = Cin * Cout
    return [
        ('Layer: input $56 \\times 56 \\times 64$', GIVEN),
        ('(A) 73,728  (B) 73,856', GIVEN),
        ('Each filter has $3 \\cdot 3 \\cdot 64 = 576$', lambda: C('576', W[0].size), '3 3 64'),
        ('Total: $128 \\cdot 576 + 128', lambda: C('73728', W.size) and C('73856', params) and W.size == 73728
            and W.size + Cin == 73792, '128 576 128 128'),
        ('(A) $54 \\times 54 \\times 128$', GIVEN),
        ('$\\lfloor (56 + 2 - 3)/1 \\rfloor + 1 = 56$', lambda: C('56', Hout) and (56 + 2 - 3) // 1 + 1 == Hout, '56 2 3 1 1 128'),
        ('(A) 1.8 M  (B) 25.7 M', GIVEN),
        ('Each of the $56 \\cdot 56 \\cdot 128$ outputs', lambda: Hout * Hout * Cout == 56 * 56 * 128 and C('576', k * k * Cin), '56 56 128'),
        ('$56 \\cdot 56 \\cdot 128 \\cdot 576 = 3136', lambda: C('3136', 56 * 56) and C('231211008', macs) and C('231.2', macs / 1e6),
            '56 56 128 576 128 576'),
        ('Counting a MAC as 2 FLOPs', lambda: C('462422016', 2 * macs) and C('462.4', 2 * macs / 1e6), ''),
        ('**Q4. Replace it by a depthwise-separable block', GIVEN),
        ('(A) about 0.12  (B) about 0.5', GIVEN),
        ('Depthwise: $3 \\cdot 3 \\cdot 64 = 576$', lambda: C('576', dw) and C('8192', pw) and C('8768', dw + pw), '3 3 64 64 128'),
        ('Ratio: $8768 / 73728 \\approx 0.1189$', lambda: C('0.1189', (dw + pw) / W.size) and EX((dw + pw) / W.size, 1 / 128 + 1 / 9, 1e-15)
            and abs((dw + pw) / W.size - 0.12) < 0.005, '8768 73728 1 1 2 1 128 1 9'),
        ('MAC check for the same block:', lambda: C('1806336', Hout * Hout * Cin * 9) and C('25690112', Hout * Hout * Cin * Cout)
            and C('27496448', Hout * Hout * Cin * (9 + Cout)) and C('0.1189', Hout * Hout * Cin * (9 + Cout) / macs)
            and C('231211008', macs), '56 56 64 9 56 56 64 128'),
    ]

# ====================================================================== 06
@register('06_batchnorm_inference.md')
def f06():
    mu, var, gam, bet = 2.0, 0.25, 1.5, -0.5
    bn = lambda x: gam * (x - mu) / math.sqrt(var + 0.0) + bet
    a_true = fd(bn, 0.3); b_true = bn(0.0)
    return [
        ('Vid träning normaliseras', lambda: (lambda b1, b2: abs(bn(b1[0]) - bn(b2[0])) < 1e-15                # eval mode: batch-independent
            and abs((b1[0] - b1.mean()) / b1.std() - (b2[0] - b2.mean()) / b2.std()) > 1e-3)(              # train mode: depends on batch
            np.array([3.0, 1.0, 2.5]), np.array([3.0, 4.0, 0.5])), '2'),
        ('Ta momentum $0.1$', GIVEN),
        ('$\\mu_{\\text{run}} \\leftarrow 0.9', lambda: C('1.764', 0.9 * 1.96) and C('0.236', 0.1 * 2.36) and C('2.0', 0.9 * 1.96 + 0.1 * 2.36)
            and abs((1 - 0.1) - 0.9) < 1e-12, '0.9 0.1 0.9 1.96 0.1 2.36'),
        ('På samma sätt med', lambda: C('0.216', 0.9 * 0.24) and C('0.034', 0.1 * 0.34) and C('0.25', 0.9 * 0.24 + 0.1 * 0.34),
            '2 0.24 0.34 0.9 0.24 0.1 0.34'),
        ('Låt nu $\\gamma = 1.5$', GIVEN),
        ('**A:** $\\hat{x} = \\dfrac{x - \\mu', lambda: C('1.0', 3.0 - mu) and C('0.5', math.sqrt(var)) and C('2.0', (3.0 - mu) / math.sqrt(var)),
            '2 2 3.0 2.0 0.25'),
        ('och $y = \\gamma \\hat{x} + \\beta', lambda: C('2.5', bn(3.0), 1.5 * 2.0 - 0.5), '1.5 2.0 0.5'),
        ('Skriv det som $y = a x + b$', GIVEN),
        ('Vi har $y = \\gamma \\dfrac', lambda: all(abs(bn(x) - (gam * (x - mu) / math.sqrt(var) + bet)) < 1e-12 for x in pts())
            and C('3', a_true, 1.5 / 0.5), '2 2 1.5 0.5'),
        ('Konstanttermen blir $b', lambda: C('-3.5', b_true), '0.5 1.5 2.0'),
        ('ett nytt exempel $x = 1.2$', GIVEN),
        ('Med det hopslagna lagret', lambda: C('0.1', bn(1.2)), '3 1.2 3.5'),
        ('Vad är $\\partial y / \\partial x$ vid inferens?', GIVEN),
        ('Bara lutningen, $a = 3$', lambda: C('3', fd(bn, 1.2)), '2'),
    ]

# ====================================================================== 07
@register('07_dropout_expectation.md')
def f07():
    h, p = 5.0, 0.2; q = 1 - p
    vals = lambda hh, scale: np.array([hh * scale, 0.0]); probs = np.array([q, p])
    E = lambda v: probs @ v
    inv = vals(h, 1 / q)
    hv = np.array([2, -1, 3, 0.5]); w = np.array([0.5, 1, -1, 2])
    # exact distribution of s over all 16 masks
    def s_moments():
        m1 = m2 = 0.0
        for mask in np.ndindex(2, 2, 2, 2):
            mk = np.array(mask, float); pr = np.prod(np.where(mk == 1, q, p))
            s = w @ (mk * hv / q); m1 += pr * s; m2 += pr * s * s
        return m1, m2 - m1 ** 2
    Es, Vs = s_moments()
    return [
        ('**Given.** One hidden activation $h = 5$', lambda: C('0.8', 1 - 0.2), '5 0.2 1'),
        ('> "At training time I keep the unit', lambda: C('3.2', E(vals(h, q)), 0.8 * 0.8 * 5) and abs(E(vals(h, q)) - h) > 1e-9,
            '0.8 0.8 5'),   # exhibited (wrong) student work: verified to be what that rule gives, and to be wrong
        ('**Where is the error?**', lambda: abs(E(inv) - h) < 1e-12 and C('3.2', E(vals(h, q))) and C('5', h) and E(vals(h, q)) != h,
            '1'),
        ('Training: $\\tilde h = \\dfrac{m\\,h}{q}$', lambda: C('6.25', inv[0], 5 / 0.8) and inv[1] == 0, '5 0.8 0'),
        ('Mean: $\\mathbb{E}[\\tilde h] = 0.8', lambda: C('5', E(inv), 0.8 * 6.25) and EX(E(inv), h), '0.8 6.25 0.2 0'),
        ('Second moment:', lambda: C('39.0625', 6.25 ** 2) and C('31.25', E(inv ** 2), 0.8 * 39.0625), '2 0.8 6.25 2 0.8'),
        ('Variance: $\\operatorname{Var}[\\tilde h] = 31.25', lambda: C('6.25', E(inv ** 2) - E(inv) ** 2, 31.25 - 25)
            and C('25', h ** 2) and EX(h ** 2 * (1 - q) / q, E(inv ** 2) - E(inv) ** 2) and C('6.25', 25 * 0.2 / 0.8),
            '31.25 5 2 2 1 0.2 0.8'),
        ('**Extension (same layer, four units).**', GIVEN),
        ('$\\mathbb{E}[s] = \\sum_i w_i h_i = 1 - 1 - 3 + 1', lambda: CV(['1', '-1', '-3', '1'], w * hv) and C('-2', Es, w @ hv)
            and EX(w @ hv, Es), ''),
        ('$\\sum_i w_i^2 h_i^2 = 1 + 1 + 9 + 1 = 12$', lambda: CV(['1', '1', '9', '1'], w ** 2 * hv ** 2) and C('12', (w ** 2 * hv ** 2).sum()),
            '2 2'),
        ('$\\operatorname{Var}[s] = \\sum_i w_i^2', lambda: all([abs(Vs - q * (1 - q) * 12) < 1e-9, C('0.16', q * (1 - q)), C('1.92', Vs)]), '2 1 2 2 12'),
        ('Standard deviation: $\\sqrt{1.92}', lambda: all([C('1.386', math.sqrt(Vs)), C('-2', Es), C('1.39', math.sqrt(Vs))]), '1.92'),
        ('**Take-away.**', lambda: all(abs(vals(hh, 1 / qq) @ np.array([qq, 1 - qq]) - hh) < 1e-12 for hh in pts(3) for qq in (0.3, 0.6, 0.9))
            and all(((1 - a) / a) > ((1 - b_) / b_) for a, b_ in [(0.3, 0.6), (0.6, 0.9)]), ''),
    ]

# ====================================================================== 08
@register('08_elastic_net_gradient.md')
def f08():
    l1, l2 = 0.3, 0.2
    w = np.array([1.2, -0.5, 2.0]); g = np.array([0.1, -0.2, 0.05]); eta = 0.5
    R = lambda v: l1 * np.abs(v).sum() + l2 / 2 * (v ** 2).sum()
    gR = grad(R, w); tot = g + gR; w1 = w - eta * tot
    terms = lambda i: (l1 * np.sign(w[i]), l2 * w[i])
    def formula():
        ok = True
        for _ in range(4):
            v = RNG.normal(size=3)
            ok &= np.allclose(grad(R, v), l1 * np.sign(v) + l2 * v, atol=1e-7)
        return ok
    return [
        ('**Đề bài.**', GIVEN),
        ('**Bước 1 — công thức (2 điểm).** Với $w_i \\neq 0$', GIVEN),
        ('$$\\frac{\\partial R}{\\partial w_i} = \\lambda_1', formula, ''),
        ('(hệ số $\\tfrac{1}{2}$ triệt tiêu', lambda: all(abs(fd(lambda t: 0.5 * t * t, x) - x) < 1e-8 for x in pts())
            and all(abs(fd(lambda t: t * t, x) - 2 * x) < 1e-8 for x in pts()), '1 2 2 2'),
        ('- $i = 1$:', lambda: CV(['0.3', '0.24'], terms(0)) and C('0.54', gR[0]), '1 0.3 1 0.2 1.2'),
        ('- $i = 2$:', lambda: CV(['-0.3', '-0.1'], terms(1)) and C('-0.40', gR[1]), '2 0.3 1 0.2 0.5'),
        ('- $i = 3$:', lambda: CV(['0.3', '0.4'], terms(2)) and C('0.70', gR[2]), '3 0.3 1 0.2 2.0'),
        ('Vậy $\\nabla R = (0.54', lambda: CV(['0.54', '-0.40', '0.70'], gR), ''),
        ('**Bước 3 — gradient tổng (1 điểm).**', lambda: CV(['0.64', '-0.60', '0.75'], tot), '0.1 0.54 0.2 0.40 0.05 0.70'),
        ('**Bước 4 — cập nhật (2 điểm).**', lambda: C('0.32', eta * tot[0]) and C('0.30', -eta * tot[1]) and C('0.375', eta * tot[2])
            and CV(['0.88', '-0.20', '1.625'], w1), '0.5 0.64 0.60 0.75 1.2 0.5 2.0'),
        ('**Bước 5 — giá trị phạt (1 điểm).**', lambda: C('1.11', l1 * np.abs(w).sum()) and CV(['1.44', '0.25', '4.0'], w ** 2)
            and C('0.569', l2 / 2 * (w ** 2).sum()) and C('1.679', R(w)) and C('0.1', l2 / 2), '0.3 1.2 0.5 2.0'),
        ('**Ghi chú chấm điểm từng phần.**', GIVEN),
        # exhibited wrong result (announced as wrong): verify it is what the described slip gives and that it differs
        ('- Quên hệ số $\\tfrac{1}{2}$', lambda: CV(['0.78', '-0.50', '1.10'], l1 * np.sign(w) + 2 * l2 * w)
            and not np.allclose(l1 * np.sign(w) + 2 * l2 * w, gR), '1 2 2 2'),
        ('- Viết $\\operatorname{sign}(w_i)$ thành $|w_i|$', lambda: not np.allclose(l1 * np.abs(w) + l2 * w, gR), ''),
        ('- Nếu có thành phần $w_4 = 0$', lambda: (0.05 - l1 <= 0 <= 0.05 + l1)
            and C('0.3', l1)
            and abs(R(np.array([1e-7])) - R(np.array([-1e-7]))) < 1e-12   # kink at 0: subgradient interval [-l1, l1]
            and abs(fd(lambda t: l1 * abs(t), 1e-3, 1e-5) - l1) < 1e-9, '0 0.05'),
    ]

# ====================================================================== 09
@register('09_momentum_two_steps.md')
def f09():
    f = lambda w: (w - 3) ** 2; df = lambda w: fd(f, w)
    eta, beta = 0.1, 0.9
    w0, v0 = 0.0, 0.0
    g0 = df(w0); v1 = beta * v0 + g0; w1 = w0 - eta * v1
    g1 = df(w1); v2 = beta * v1 + g1; w2 = w1 - eta * v2
    p1 = w0 - eta * df(w0); p2 = p1 - eta * df(p1)
    u1 = beta * 0 + eta * g0; u2 = beta * u1 + eta * df(w0 - u1); ww2 = (w0 - u1) - u2
    return [
        ('**Εκφώνηση.**', GIVEN),
        ('$$v_{t+1} = \\beta v_t + \\nabla f(w_t)', GIVEN),
        ('**Παράγωγος.** $\\nabla f(w) = 2(w - 3)$', lambda: all(abs(df(x) - 2 * (x - 3)) < 1e-7 for x in pts()), '2 3'),
        ('- $\\nabla f(w_0) = 2(0 - 3) = -6$', lambda: C('-6', g0), '0 2 0 3'),
        ('- $v_1 = 0.9 \\cdot 0 + (-6) = -6$', lambda: C('-6', v1), '0.9 0 6'),
        ('- $w_1 = 0 - 0.1 \\cdot (-6) = 0.6$', lambda: C('0.6', w1), '0 0.1 6'),
        ('- $\\nabla f(w_1) = 2(0.6 - 3) = -4.8$', lambda: C('-4.8', g1), '2 0.6 3'),
        ('- $v_2 = 0.9 \\cdot (-6) + (-4.8)', lambda: C('-5.4', beta * v1) and C('-10.2', v2), '0.9 6 4.8'),
        ('- $w_2 = 0.6 - 0.1 \\cdot (-10.2)', lambda: C('1.02', -eta * v2) and C('1.62', w2), '0.6 0.1 10.2'),
        ('**Σύγκριση με απλό SGD**', lambda: C('0.6', p1) and C('1.08', p2), '0.6 0.1 4.8'),
        ('Τιμές συνάρτησης μετά από δύο βήματα', lambda: C('-1.38', w2 - 3) and C('1.9044', f(w2)) and C('-1.92', p2 - 3)
            and C('3.6864', f(p2)), '1.62 2 1.08 2'),
        ('**Παρατήρηση για τη σύμβαση.**', lambda: C('-0.6', u1) and C('-0.48', eta * df(w0 - u1)) and C('-1.02', u2)
            and C('1.62', ww2) and abs(ww2 - w2) < 1e-9, '0.9 0.6'),
        ('**Βαθμολόγηση.**', GIVEN),
    ]

# ====================================================================== 10
@register('10_adam_bias_correction.md')
def f10():
    b1, b2, eta, th0 = 0.9, 0.999, 0.01, 1.0
    gs = [0.5, -0.2]
    m = v = 0.0; th = th0; hist = []
    for t, g in enumerate(gs, 1):
        m = b1 * m + (1 - b1) * g; v = b2 * v + (1 - b2) * g * g
        mh = m / (1 - b1 ** t); vh = v / (1 - b2 ** t); step = eta * mh / math.sqrt(vh)
        th -= step; hist.append((m, v, mh, vh, step, th))
    m1, v1, mh1, vh1, s1, th1 = hist[0]; m2, v2, mh2, vh2, s2, th2 = hist[1]
    wrong_mh = m2 / (1 - b1); wrong_vh = v2 / (1 - b2); wrong_step = eta * wrong_mh / math.sqrt(wrong_vh)
    return [
        ('**Setup.** One scalar parameter', GIVEN),
        ('Rules: $m_t = \\beta_1 m_{t-1}', GIVEN),
        ('$m_1 = 0.1 \\cdot 0.5 = 0.05$', lambda: C('0.05', m1) and C('0.00025', v1) and C('0.5', mh1) and C('0.25', vh1)
            and C('0.25', 0.5 ** 2), '0.1 0.5 0.001 0.05 0.00025'),
        ('Update: $0.01 \\cdot 0.5/\\sqrt{0.25} = 0.01$', lambda: C('0.01', s1) and C('0.99', th1)
            and all(abs(eta * ((1 - b1) * g / (1 - b1)) / math.sqrt((1 - b2) * g * g / (1 - b2)) - eta * np.sign(g)) < 1e-12
                    for g in pts()), '0.01 0.5 0.25 1 1 1'),
        # exhibited mistaken work: check it is what the described wrong rule gives, and that it differs from the truth
        ('> $m_2 = 0.025$, $v_2 = 0.00028975$', lambda: C('0.025', m2) and C('0.00028975', v2) and C('0.25', wrong_mh)
            and C('0.28975', wrong_vh) and C('0.00464', wrong_step) and abs(wrong_step - s2) > 1e-4,
            '0.025 0.1 0.00028975 0.001 0.01 0.25 0.28975'),
        ('**The mistake.**', lambda: C('0.19', 1 - b1 ** 2) and C('0.001999', 1 - b2 ** 2) and C('0.81', b1 ** 2)
            and C('0.998001', b2 ** 2) and abs(wrong_mh - mh2) > 1e-3, '1 2'),
        ('- $m_2 = 0.9 \\cdot 0.05', lambda: C('0.045', b1 * m1) and C('0.02', (1 - b1) * 0.2) and C('0.025', m2), '0.9 0.05 0.1 0.2'),
        ('- $v_2 = 0.999 \\cdot 0.00025', lambda: C('0.00024975', b2 * v1) and C('0.00004', (1 - b2) * 0.04) and C('0.00028975', v2)
            and C('0.04', 0.2 ** 2), '0.999 0.00025 0.001'),
        ('- $\\hat m_2 = 0.025 / 0.19', lambda: C('0.1316', mh2), '0.025 0.19'),
        ('- $\\hat v_2 = 0.00028975 / 0.001999', lambda: C('0.1449', vh2) and C('0.3807', math.sqrt(vh2), math.sqrt(0.1449)),
            '0.00028975 0.001999'),
        ('- step $= 0.01 \\cdot 0.1316 / 0.3807', lambda: C('0.00346', s2, 0.01 * 0.1316 / 0.3807), '0.01 0.1316 0.3807'),
        ('- $\\theta_2 \\approx 0.99 - 0.00346', lambda: C('0.9865', th2, 0.99 - 0.00346), '0.99 0.00346'),
        ('**Why it matters.**', lambda: C('1.9', wrong_mh / mh2) and C('2', wrong_vh / vh2) and C('1.41', math.sqrt(wrong_vh / vh2))
            and C('1.34', wrong_step / s2, 0.00464 / 0.00346) and 1 - b1 ** 50 > 0.99, '0.00464 0.00346 0'),
    ]

# ====================================================================== 11
@register('11_gradient_clipping.md')
def f11():
    def clip(g, c):
        g = np.asarray(g, float); n = np.linalg.norm(g)
        return g * c / n if n > c else g
    ga = np.array([3, -4, 12.]); gb = np.array([6, 8, 0, 24.])
    ca = clip(ga, 5); cb = clip(gb, 13)
    def rnn_grad(w, T=20):
        return fd(lambda h0: w ** T * h0, 1.0)
    vclip = np.clip(ga, -1, 1)
    cos = ga @ vclip / (np.linalg.norm(ga) * np.linalg.norm(vclip))
    return [
        ('Clipping by global norm with threshold $c$', GIVEN),
        ('**(a)** Let $g = (3, -4, 12)$', GIVEN),
        ('$\\lVert g \\rVert_2 = \\sqrt{9 + 16 + 144}', lambda: CV(['9', '16', '144'], ga ** 2) and C('169', (ga ** 2).sum())
            and C('13', np.linalg.norm(ga)) and np.linalg.norm(ga) > 5, '5'),
        ('- Scale factor $c/\\lVert g \\rVert_2 = 5/13', lambda: C('0.3846', 5 / np.linalg.norm(ga)), '5 13'),
        ('- Clipped gradient: $g\' \\approx (1.154', lambda: CV(['1.154', '-1.538', '4.615'], ca) and C('5', np.linalg.norm(ca))
            and abs(ca @ ga / (np.linalg.norm(ca) * np.linalg.norm(ga)) - 1) < 1e-12, ''),
        ('**(b)** In part (b) let', GIVEN),
        ('- $\\lVert g \\rVert_2^2 = 36 + 64 + 0 + 576', lambda: CV(['36', '64', '0', '576'], gb ** 2) and C('686', (gb ** 2).sum()), '2 2'),
        ('- $\\lVert g \\rVert_2 = \\sqrt{686}', lambda: C('26.19', np.linalg.norm(gb)) and np.linalg.norm(gb) > 13,
            '686 13'),
        ('- Scale factor $13/26.19', lambda: C('0.4963', 13 / np.linalg.norm(gb)), '13 26.19'),
        ('- Clipped gradient: $g\' \\approx (2.978', lambda: CV(['2.978', '3.971', '0', '11.91'], cb), ''),
        ('**(c)** Where do huge gradients come from?', GIVEN),
        ('$\\partial h_{20}/\\partial h_0 = w^{20}', lambda: abs(rnn_grad(1.5) - 1.5 ** 20) < 1e-3 * 1.5 ** 20 and C('3325.3', 1.5 ** 20),
            '20 1.5 20'),
        ('- With an upstream gradient of $0.01$', lambda: C('33.25', 0.01 * 1.5 ** 20, 0.01 * 3325.3)
            and C('5', clip([0.01 * 1.5 ** 20], 5)[0]), '0.01 0.01 3325.3'),
        ('- With $w = 0.5$ instead', lambda: C('9.54e-7', 0.5 ** 20) and all(np.linalg.norm(clip(v, 5)) <= np.linalg.norm(v) + 1e-12
            for v in RNG.normal(size=(5, 3)) * 10), '0.5 0.5 20'),
        ('- Clipping *by value* to $[-1, 1]$', lambda: CV(['1', '-1', '1'], vclip) and abs(cos - 1) > 1e-3, '1 1'),
        ('- Cosine between $g$ from part (a)', lambda: C('19', ga @ vclip) and CV(['3', '4', '12'], ga * vclip)
            and C('13', np.linalg.norm(ga)) and C('3', 3) and C('22.517', 13 * math.sqrt(3)) and C('0.8438', cos, 19 / 22.517)
            and C('32.5', math.degrees(math.acos(cos))), '1 1 1'),
    ]

# ====================================================================== 12
@register('12_logistic_regression_sgd.md')
def f12():
    X = np.array([[1, 2], [2, -1.]]); y = np.array([1, 0.]); w = np.array([0.5, -0.5]); b = 0.0; eta = 0.1
    def L(wb):
        p = sig(X @ wb[:2] + wb[2]); return np.mean(-(y * np.log(p) + (1 - y) * np.log(1 - p)))
    z = X @ w + b; p = sig(z)
    gwb = grad(L, np.r_[w, b]); new = np.r_[w, b] - eta * gwb
    bce = lambda pp, yy: -(yy * np.log(pp) + (1 - yy) * np.log(1 - pp))
    dz = lambda zz, yy: fd(lambda t: bce(sig(t), yy), zz)
    def dldp():
        return all(abs(fd(lambda t: bce(t, yy), pp) - (-yy / pp + (1 - yy) / (1 - pp))) < 1e-6
                   for yy in (0., 1., 0.3) for pp in (0.2, 0.5, 0.85)) and all(abs(fd(sig, t) - sig(t) * (1 - sig(t))) < 1e-8 for t in pts())
    return [
        ('**Умова.** Логістична регресія', GIVEN),
        ('$x_1 = (1, 2)$, $y_1 = 1$', GIVEN),
        ('- $z_1 = 0.5 \\cdot 1', lambda: C('-0.5', z[0]) and C('0.3775', p[0]), '1 0.5 1 0.5 2 0 1 0.5'),
        ('- $z_2 = 0.5 \\cdot 2', lambda: C('1.5', z[1]) and C('0.8176', p[1]), '2 0.5 2 0.5 1 0 2 1.5'),
        ('$L = \\frac{1}{2}\\left[-\\ln 0.3775', lambda: C('0.9741', -np.log(p[0]), -np.log(0.3775)) and C('1.7014', -np.log(1 - p[1]))
            and C('1.3378', L(np.r_[w, b]), (0.9741 + 1.7014) / 2), '1 2 0.3775 1 0.8176 1 2'),
        ('**3. Похідна за $z$ (2 бали).**', dldp, '1'),
        ('$$\\frac{\\partial \\ell}{\\partial z} = \\left(', lambda: all(abs(dz(t, yy) - (yy - sig(t))) < 1e-6
            for t in pts(4) for yy in (0., 1.)), '1 1'),
        ('- $\\delta_1 = y_1 - p_1', lambda: all([C('0.6225', dz(z[0], 1.0)), C('-0.8176', dz(z[1], 0.0))]),
            '1 0.3775'),
        ('- $\\frac{\\partial L}{\\partial w} = \\frac{1}{2}', lambda: all([CV(['-1.0127', '2.0625'], 2 * gwb[:2]), CV(['-0.5063', '1.0312'], gwb[:2])]), '1 2 1 1 2 2 1 2'),
        ('- $\\frac{\\partial L}{\\partial b} = \\frac{1}{2}', lambda: C('-0.0976', gwb[2]), '1 2 1 2'),
        ('- $w \\leftarrow w - 0.1 \\cdot (-0.5063', lambda: all([CV(['-0.5063', '1.0312'], gwb[:2]), CV(['0.5506', '-0.6031'], new[:2])]), '0.1'),
        ('- $b \\leftarrow 0 - 0.1 \\cdot (-0.0976)', lambda: all([C('-0.0976', gwb[2]), C('0.0098', new[2])]), '0 0.1'),
        ('**Примітки для перевіряючих.**', lambda: abs(np.sum([fd(lambda t: bce(sig(t), yy), zz) * X[i]
            for i, (zz, yy) in enumerate(zip(z, y))], axis=0) @ np.ones(2) - 2 * gwb[:2].sum()) < 1e-6, '1 2'),
    ]

# ====================================================================== 13
@register('13_attention_two_tokens.md')
def f13():
    Q = np.array([[1, 2], [0, 1.]]); K = np.array([[1, 0], [1, 1.]]); V = np.array([[1, 0], [0, 2.]])
    S0 = Q @ K.T; S = S0 / math.sqrt(2)
    A = np.array([softmax(r) for r in S]); O = A @ V
    def var_check():
        # exact: Var(q.k) = sum_i E[q_i^2] E[k_i^2] = d for independent zero-mean unit-variance entries;
        # confirm with an exact discrete distribution (Rademacher entries) enumerated over all sign patterns
        ok = True
        for d in (1, 2, 3, 4):
            vals = [np.dot(np.array(s[:d]), np.array(s[d:])) for s in np.ndindex(*([2] * (2 * d)))]
            vals = [sum((2 * a - 1) * (2 * b - 1) for a, b in zip(s[:d], s[d:])) for s in np.ndindex(*([2] * (2 * d)))]
            ok &= abs(np.var(vals) - d) < 1e-12 and abs(np.var(np.array(vals) / math.sqrt(d)) - 1) < 1e-12
        return ok
    return [
        ('# Interview prep', lambda: Q.shape == (2, 2) and K.shape[1] == 2, '2 2'),
        ('**Prompt I was given:**', GIVEN),
        ('1. Scores: $QK^\\top', lambda: CV(['1', '3', '0', '1'], S0) and C('3', Q[0] @ K[1], 1 + 2) and CV(['1', '2'], Q[0] * K[1]), '1 2'),
        ('2. Scale by $1/\\sqrt{2}', lambda: C('0.7071', 1 / math.sqrt(2)) and CV(['0.7071', '2.1213', '0', '0.7071'], S), '1 2'),
        ('3. Row softmax, using', lambda: all(abs(softmax([a, b_])[0] - 1 / (1 + math.exp(b_ - a))) < 1e-12
            for a, b_ in RNG.normal(size=(5, 2))), '1 1'),
        ('- row 1: $e^{1.4142}', lambda: C('1.4142', S[0, 1] - S[0, 0]) and C('4.1133', math.exp(S[0, 1] - S[0, 0]))
            and C('5.1133', 1 + math.exp(S[0, 1] - S[0, 0])) and CV(['0.1956', '0.8044'], A[0]), '1'),
        ('- row 2: $e^{0.7071}', lambda: C('0.7071', S[1, 1] - S[1, 0]) and C('2.0281', math.exp(S[1, 1] - S[1, 0]))
            and C('3.0281', 1 + math.exp(S[1, 1] - S[1, 0])) and CV(['0.3302', '0.6698'], A[1]), '1'),
        ('4. Output $O = AV$', lambda: np.allclose(O, A * np.diag(V)[None, :]) and np.allclose(V, np.diag(np.diag(V))), '1 1 2 2'),
        ('- $o_1 \\approx (0.1956', lambda: CV(['0.1956', '1.6089'], O[0], [0.1956, 0.8044 * 2]), ''),
        ('- $o_2 \\approx (0.3302', lambda: CV(['0.3302', '1.3395'], O[1], [0.3302, 0.6698 * 2]), ''),
        ('- *Why divide by $\\sqrt{d_k}$?*', var_check, '0 1 1'),
        ('- *What changes without scaling here?*', lambda: CV(['0.1192', '0.8808'], softmax(S0[0])) and S0[0, 0] == 1 and S0[0, 1] == 3
            and softmax(S0[0])[1] > A[0, 1], '1 1 3'),
        ('- *Sanity check:*', lambda: np.allclose(A.sum(1), 1) and C('1', 0.1956 + 0.8044) and np.all(A >= 0), '1 0.1956 0.8044'),
        ('- *Causal mask?*', lambda: (lambda Am: CV(['1', '0'], Am[0]) and CV(['1', '0'], (Am @ V)[0]))(
            np.array([softmax(np.where(np.arange(2) <= i, S[i], -np.inf)) for i in range(2)])), ''),
    ]

# ====================================================================== 14
@register('14_mse_linear_batch.md')
def f14():
    X = np.array([[1, 2], [0, 1], [2, -1.]]); W = np.array([[1, -1], [0, 2.]]); T = np.array([[0, 2], [1, 1], [2, -3.]])
    N = 3
    L = lambda X_, W_: ((X_ @ W_ - T) ** 2).sum() / N
    Y = X @ W; R = Y - T
    gY = grad(lambda Y_: ((Y_ - T) ** 2).sum() / N, Y)
    gW = grad(lambda W_: L(X, W_), W); gX = grad(lambda X_: L(X_, W), X)
    return [
        ('**Q:** נתונה שכבה לינארית', GIVEN),
        ('$X = \\begin{pmatrix} 1 & 2', GIVEN),
        ('ההפסד הוא $L', GIVEN),
        ('**A:** $Y = XW', lambda: CV(['1', '3', '0', '2', '2', '-4'], Y) and CV(['1', '1', '-1', '1', '0', '-1'], R), ''),
        ('ההפסד: $L = \\frac{1}{3}(2 + 2 + 1)', lambda: CV(['2', '2', '1'], (R ** 2).sum(1)) and C('1.6667', L(X, W))
            and EX(L(X, W), 5 / 3), '1 3 5 3'),
        ('**Q:** מה הגרדיאנט לפי $Y$?', GIVEN),
        ('גוזרים את הריבוע ומקבלים פקטור', lambda: np.allclose(gY, 2 / N * R, atol=1e-7), '2 2 2 3'),
        ('**Q:** ולפי $W$?', GIVEN),
        ('לפי כלל השרשרת', lambda: np.allclose(gW, X.T @ gY, atol=1e-7) and CV(['1', '-1', '1', '4'], X.T @ R), ''),
        ('ולכן $\\frac{\\partial L}{\\partial W} = \\frac{2}{3}', lambda: CV(['0.6667', '-0.6667', '0.6667', '2.6667'], gW)
            and np.allclose(gW, 2 / 3 * (X.T @ R), atol=1e-7), '2 3 1 1 1 4'),
        ('צעד SGD אחד עם', GIVEN),
        ('**A:** $W \\leftarrow W - 0.3', lambda: CV(['0.8', '-0.8', '-0.2', '1.2'], W - 0.3 * gW), '0.3 2 3 1 1 1 4'),
        ('ועכשיו את הגרדיאנט לפי הקלט', GIVEN),
        ('**A:** $\\frac{\\partial L}{\\partial X} = \\frac{\\partial L}{\\partial Y} W', lambda: all([np.allclose(gX, gY @ W, atol=1e-6), CV(['0.6667', '0.6667', '-0.6667', '2', '0', '-1.3333'], gX)]), '2 3 1 1 1 3 0 2'),
        ('כלומר הרכיב השני של הדוגמה השנייה', lambda: C('2', gX[1, 1]) and np.argmax(np.abs(gX)) == 3, ''),
        ('**A:** $\\partial L/\\partial Y$ בגודל', lambda: gY.shape == (3, 2) and X.shape == (3, 2) and gX.shape == (3, 2), '3 2 3 2 3 2'),
        ('*הערת הבוחן:*', lambda: np.allclose(gW, 2 / 3 * (X.T @ R), atol=1e-7)
            and np.allclose(W - 0.3 * gW, [[0.8, -0.8], [-0.2, 1.2]], atol=1e-6), ''),
    ]

# ====================================================================== 15
@register('15_perplexity_cross_entropy.md')
def f15():
    p = np.array([0.5, 0.25, 0.125, 0.5])
    H = -np.mean(np.log(p)); ppl = math.exp(H)
    return [
        ('**سؤال ۱.**', GIVEN),
        ('(الف) $3.36$', GIVEN),
        ('$$H = -\\frac{1}{4}\\sum_{t=1}^{4}', lambda: EX(H, (math.log(2) + math.log(4) + math.log(8) + math.log(2)) / 4)
            and EX(H, 7 * math.log(2) / 4) and C('1.2130', H), '1 4 1 4 2 4 8 2 4 7 2 4'),
        ('و سرگشتگی $\\mathrm{PPL} = e^{H}', lambda: C('1.2130', H) and C('3.3636', ppl, math.exp(1.2130)) and abs(ppl - 3.36) < 0.005, ''),
        ('بر حسب بیت همان مقدار', lambda: C('1.75', -np.mean(np.log2(p)), 7 / 4) and C('3.3636', 2 ** 1.75) and EX(2 ** 1.75, ppl)
            and C('1.75', 1.75), '2 7 4 2'),
        ('گزینهٔ (ب) خودِ آنتروپی', lambda: C('2.83', math.sqrt(8)) and abs(math.sqrt(8) - ppl) > 0.1
            and abs(-np.mean(np.log2(p)) - 1.75) < 1e-12, '8'),
        ('سرگشتگی همان میانگین هندسیِ', lambda: CV(['2', '4', '8', '2'], 1 / p) and C('128', np.prod(1 / p)) and C('3.3636', 128 ** 0.25)
            and EX(np.prod(1 / p) ** 0.25, ppl), '1 4 1 4'),
        ('**سؤال ۲.**', GIVEN),
        ('(الف) $4.92$', GIVEN),
        ('**پاسخ: (ب).** $\\mathrm{PPL} = e^{2.3}', lambda: C('9.97', math.exp(2.3)) and round(math.exp(2.3)) == 10, '2.3'),
        # exhibited wrong option, labelled as the base mistake: check the number is what that mistake gives and that it differs
        ('گزینهٔ (الف) از پایهٔ اشتباه', lambda: C('4.92', 2 ** 2.3) and abs(2 ** 2.3 - math.exp(2.3)) > 1, '2 2.3'),
        ('**سؤال ۳.**', GIVEN),
        ('**پاسخ:** $H = \\ln 50000', lambda: C('10.82', -np.log(np.full(50000, 1 / 50000)).mean()) and C('50000', math.exp(math.log(50000))),
            '50000'),
    ]

# ====================================================================== 16
@register('16_receptive_field_3x3.md')
def f16():
    def rec(layers):
        r, j = 1, 1
        for k, s, d in layers:
            r += d * (k - 1) * j; j *= s
        return r
    def rec_ok():
        for _ in range(30):
            n = RNG.integers(1, 6)
            layers = [(int(RNG.choice([1, 2, 3, 5])), int(RNG.choice([1, 2, 3])), 1) for _ in range(n)]
            if rec(layers) != rf_enum(layers):
                return False
        return True
    st = [(3, 1, 1), (3, 2, 1), (3, 1, 1), (3, 1, 1)]
    pre = lambda n: rf_enum(st[:n])
    jumps = [1, 1, 2, 2, 2]
    return [
        ('# Exam review — receptive fields', GIVEN),
        ('Recurrence used throughout', GIVEN),
        ('$$r_l = r_{l-1} + (k_l - 1)\\,j_{l-1}', rec_ok, '1'),
        ('where $j$ is the distance', lambda: all(rf_enum(st[:n] + [(2, 1, 1)]) - rf_enum(st[:n]) == jumps[n] for n in range(4)), ''),
        ('**1. T/F: Two stacked', GIVEN),
        ('TRUE — $r_2 = 1 + 2 + 2 = 5$', lambda: C('5', rf_enum([(3, 1, 1)] * 2)) and rf_enum([(5, 1, 1)]) == 5
            and C('73728', 2 * 9 * 64 ** 2) and C('102400', 25 * 64 ** 2), '2 1 2 2 64 2 9 64 2 25 64 2'),
        ('**2. T/F: $n$ stacked', GIVEN),
        ('TRUE — each layer adds $(3 - 1) \\cdot 1 = 2$', lambda: all(rf_enum([(3, 1, 1)] * n) == 2 * n + 1 for n in range(1, 12))
            and C('2', (3 - 1) * 1) and C('7', rf_enum([(3, 1, 1)] * 3)), '3 1 1 1 2 3'),
        ('**3. T/F: The stack', GIVEN),
        ('Work it out layer by layer', GIVEN),
        ('- layer 1: $r_1 = 1 + 2 \\cdot 1 = 3$', lambda: C('3', pre(1)) and C('1', 1), '1 1 2 1'),
        ('- layer 2 (stride 2): $j_2', lambda: C('2', 1 * 2) and C('7', pre(2)), '2 1 2 1 1 2 3 2 2'),
        ('- layer 3: $r_3 = 7 + 2 \\cdot 2 = 11$', lambda: C('11', pre(3)), '7 2'),
        ('- layer 4: $r_4 = 11 + 2 \\cdot 2 = 15$', lambda: C('15', pre(4)), '11 2'),
        ('FALSE — the receptive field is $15$', lambda: C('15', pre(4)) and pre(4) != 13, '13'),
        ('**4. T/F: Three', GIVEN),
        ('TRUE — a dilated $3\\times3$ acts like', lambda: all(rf_enum([(3, 1, d)]) == 2 * d + 1 for d in range(1, 7))
            and CV(['2', '4', '8'], [2 * d for d in (1, 2, 4)]) and C('15', rf_enum([(3, 1, 1), (3, 1, 2), (3, 1, 4)])), '3 3 2 1 2 1'),
        ('**5. T/F: To cover', GIVEN),
        ('TRUE — $2n + 1 \\ge 32$', lambda: C('15.5', (32 - 1) / 2) and C('31', rf_enum([(3, 1, 1)] * 15))
            and C('33', rf_enum([(3, 1, 1)] * 16)) and min(n for n in range(1, 40) if rf_enum([(3, 1, 1)] * n) >= 32) == 16,
            '2 1 32 15 16'),
    ]

# ------------------------------------------------------------------ driver
def math_spans(line):
    spans = []
    rest = line
    for m in re.finditer(r'\$\$(.+?)\$\$', line):
        spans.append(m.group(1))
    rest = re.sub(r'\$\$(.+?)\$\$', ' ', line)
    spans += re.findall(r'\$(.+?)\$', rest)
    return spans

def number_tokens(line):
    toks = []
    for sp in math_spans(line):
        s = re.sub(r'_\{[^{}]*\}', ' ', sp)        # subscripts are indices, not claims
        s = re.sub(r'_\d', ' ', s)
        s = s.replace('^\\top', ' ').replace('^\\circ', ' ')
        toks += re.findall(r'\d+(?:\.\d+)?', s)
    return toks

def lit_tokens(lit):
    s = lit.replace('−', '-').lstrip('+-')
    m = re.fullmatch(r'([\d.]+)e([+-]?\d+)', s)
    if m:
        return [m.group(1), '10', str(abs(int(m.group(2))))]
    return [s]

def account(line, lits, ctx, runs=()):
    toks = number_tokens(line)
    allowed = set(ctx.split())
    probs = []
    for run in runs:   # a verified tuple/matrix must appear as a contiguous run, in order
        rt = [t for lit in run for t in lit_tokens(lit)]
        if not any(toks[i:i + len(rt)] == rt for i in range(len(toks) - len(rt) + 1)):
            probs.append('verified tuple %s not printed in this order' % run)
    for lit in lits:
        lt = lit_tokens(lit)
        if not all(t in toks for t in lt):
            probs.append('verified value %r not printed on the line' % lit)
        allowed.update(lt)
    for t in ctx.split():
        if t not in toks:
            probs.append('declared token %r not on the line' % t)
    extra = sorted(set(t for t in toks if t not in allowed))
    if extra:
        probs.append('unaccounted numbers %s' % extra)
    return probs

def is_math_line(s):
    st = s.strip()
    if not st or st.startswith('<!--'):
        return False
    return '$' in st or (bool(re.search(r'[=≈]', st)) and bool(re.search(r'\d', st)))

def check_file(name, builder):
    lines = open(os.path.join(HERE, name), encoding='utf-8').read().split('\n')
    if lines and lines[-1] == '':
        lines = lines[:-1]
    problems, covered, first_false = [], set(), None
    prev = 0
    for entry in builder():
        sub, pred = entry[0], entry[1]
        ctx = entry[2] if len(entry) > 2 else ''
        hits = [i for i, ln in enumerate(lines, 1) if sub in ln]
        if len(hits) != 1:
            problems.append('substring matches %d lines: %r' % (len(hits), sub)); continue
        ln = hits[0]
        if ln in covered:
            problems.append('line %d covered twice' % ln)
        if ln <= prev:
            problems.append('checks out of order at line %d' % ln)
        prev = ln; covered.add(ln)
        del _SEEN[:]; del _RUNS[:]
        try:
            ok = bool(pred())
        except Exception as e:
            ok = False; problems.append('predicate error line %d: %r' % (ln, e))
        if not getattr(pred, 'is_given', False):
            problems += ['line %d: %s' % (ln, p) for p in account(lines[ln - 1], list(_SEEN), ctx, [list(r) for r in _RUNS])]
        if VERBOSE:
            print('   %s L%-3d %s  %s' % (name[:2], ln, 'T' if ok else 'F', lines[ln - 1][:80]))
        if not ok and first_false is None:
            first_false = ln
    missing = sorted(i for i, ln in enumerate(lines, 1) if is_math_line(ln) and i not in covered)
    if missing:
        problems.append('math lines without a check: %s' % missing)
    return first_false, problems, len(lines)

def main():
    expected = json.load(open(os.path.join(HERE, 'expected.json'), encoding='utf-8'))
    md = sorted(f for f in os.listdir(HERE) if f.endswith('.md'))
    all_ok = set(expected) == set(FILES) == set(md) and len(md) == 16
    if not all_ok:
        print('file set mismatch:', sorted(set(expected) ^ set(FILES)), sorted(set(md) ^ set(FILES)))
    for name in sorted(FILES):
        ff, probs, n = check_file(name, FILES[name])
        exp = expected.get(name, 'missing')
        ok = ff == exp and not probs and 12 <= n <= 40
        all_ok &= ok
        print('%-32s lines=%2d first_false=%-4s expected=%-4s %s' % (name, n, ff, exp, 'OK' if ok else 'MISMATCH'))
        for p in probs:
            print('    !', p)
    n_planted = sum(v is not None for v in expected.values())
    if n_planted != 8:
        print('expected.json should have 8 planted files, has', n_planted); all_ok = False
    print('ALL OK' if all_ok else 'NOT OK')
    return 0 if all_ok else 1

if __name__ == '__main__':
    sys.exit(main())
