#!/usr/bin/env python3
"""Independent NumPy check of corpus77 (numerics of training and gradient checking).

For every file: an ordered list of checks (unique substring of one line,
predicate, declared structural tokens).  Every line that contains math
(LaTeX, inline code, code with a relation sign and a digit, Unicode math
symbols) must be covered.  Givens / definitions / stated conventions are GIVEN.
Worked numbers are recomputed (in the floating-point format the text talks
about, where it matters) and must agree to their printed precision with the
exact value or with the value recomputed from the rounded numbers the author
carried; symbolic derivative claims are tested with central finite
differences at random points; bit layouts / ranges are recomputed from the
bit patterns with NumPy.  Every number printed on a checked line must be a
checked value or a declared token ('*' = line not accounted, givens only).
The first line whose predicate is False must equal expected.json.
"""
import json, math, os, re, sys
from collections import Counter
import numpy as np
np.seterr(all="ignore")

VERBOSE = '-v' in sys.argv
D = os.path.dirname(os.path.abspath(__file__))
RNG = np.random.default_rng(int(os.environ.get('VT_SEED', '77')))

# ------------------------------------------------------------------ helpers
def GIVEN():
    return True

def _num(s):
    s = s.strip().replace('−', '-').replace(',', '.')
    m = re.fullmatch(r'[+-]?(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?', s)
    assert m, f'bad number {s!r}'
    d = len(m.group(2) or '')
    e = int(m.group(3) or 0)
    return float(s), 0.5 * 10.0 ** (e - d) * (1 + 1e-9) + 1e-300

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
    return abs(v - float(val)) <= 1e-12 * max(1.0, abs(float(val)))

def CV(shown, *cands):
    arrs = [np.ravel(np.asarray(a, float)) for a in cands]
    if any(a.size != len(shown) for a in arrs):
        return False
    return all([C(s, *[a[i] for a in arrs]) for i, s in enumerate(shown)])

def EV(shown, arr):
    arr = np.ravel(np.asarray(arr, float))
    return arr.size == len(shown) and all([E(s, arr[i]) for i, s in enumerate(shown)])

def P10(exp, val, base='10'):
    """the line shows base^{exp}; it equals val exactly (or to 1e-12 relative)."""
    _LITS.append(base); _LITS.append(exp)
    v = float(base) ** float(exp)
    return abs(v - float(val)) <= 1e-12 * abs(float(val))

def SCI(mant, exp, *cands):
    """the line shows mant * 10^{exp} (mantissa rounded to its printed digits)."""
    _LITS.append(mant); _LITS.append('10'); _LITS.append(exp)
    v, t = _num(mant)
    e = 10.0 ** int(exp)
    return any(abs(v - float(c) / e) <= t for c in cands)

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

def rel(a, b):
    return 0.0 if a == 0 and b == 0 else abs(a - b) / max(abs(a), abs(b))

FILES = {}
def register(name, comma=False):
    def deco(fn):
        FILES[name] = (fn, comma)
        return fn
    return deco

# ======================================================================= 01
@register('01_gradcheck_twolayer_cs231n.md')
def f01():
    def net(dt):
        x = np.array([[1.0, -2.0]], dt)
        W1 = np.array([[0.2, -0.5, 0.1], [0.4, 0.3, -0.2]], dt)
        W2 = np.array([[0.3, -0.1], [0.2, 0.4], [-0.6, 0.5]], dt)
        return x, W1, W2
    def loss(x, W1, W2):
        z = x @ W1; h = np.maximum(z, 0); s = h @ W2; s = s - s.max()
        p = np.exp(s) / np.exp(s).sum(); return -np.log(p[0, 1])
    def backward(x, W1, W2):
        z = x @ W1; h = np.maximum(z, 0); s = h @ W2; p = np.exp(s - s.max()); p = p / p.sum()
        ds = p.copy(); ds[0, 1] -= 1
        dW2 = h.T @ ds; dh = ds @ W2.T; dz = dh * (z > 0); dW1 = x.T @ dz
        return z, h, s, p, ds, dh, dz, dW1, dW2
    x, W1, W2 = net(float)
    z, h, s, p, ds, dh, dz, dW1, dW2 = backward(x, W1, W2)
    L0 = loss(x, W1, W2)
    def check_all(dt, hh):
        xx, A, B = net(dt); out = backward(xx, A, B); dA, dB = out[7], out[8]; rs = []; zeros = 0
        for W, dW in ((A, dA), (B, dB)):
            for idx in np.ndindex(W.shape):
                old = W[idx]; W[idx] = old + dt(hh); Lp = loss(xx, A, B); W[idx] = old - dt(hh); Lm = loss(xx, A, B); W[idx] = old
                n = (Lp - Lm) / (2 * dt(hh)); a = dW[idx]
                if a == 0 and n == 0:
                    zeros += 1
                else:
                    rs.append(rel(float(a), float(n)))
        return rs, zeros
    rs64, z64 = check_all(np.float64, 1e-5)
    rs32, z32 = check_all(np.float32, 1e-5)
    def Lpm(hh):
        A = W1.copy(); A[1, 2] += hh; Lp = loss(x, A, W2); A[1, 2] -= 2 * hh; Lm = loss(x, A, W2); return Lp, Lm
    Lp3, Lm3 = Lpm(1e-3); num3 = (Lp3 - Lm3) / 2e-3
    def forward_O_h():
        ok = True
        for _ in range(3):
            x0 = rand(1)[0]; f = lambda t: np.sin(t) + np.exp(0.5 * t)
            d = np.cos(x0) + 0.5 * np.exp(0.5 * x0)
            d2 = -np.sin(x0) + 0.25 * np.exp(0.5 * x0)
            e1 = (f(x0 + 1e-3) - f(x0)) / 1e-3 - d
            ok &= abs(e1 / 1e-3 - d2 / 2) < 5e-4                 # error = h f''/2 + O(h^2): first order
        ok &= abs(-np.sin(1.5) + 0.25 * np.exp(0.75)) > 0.1     # and f'' does not vanish in general
        return ok
    def central():
        ok = True
        for _ in range(3):
            x0 = rand(1)[0]; f = lambda t: np.sin(t) + np.exp(0.5 * t)
            d = np.cos(x0) + 0.5 * np.exp(0.5 * x0)
            ok &= abs((f(x0 + 1e-4) - f(x0 - 1e-4)) / 2e-4 - d) < 1e-7
        return ok
    def central_taylor():
        ok = True
        for _ in range(3):
            x0 = rand(1)[0]; f = lambda t: np.sin(t) + np.exp(0.5 * t)
            d = np.cos(x0) + 0.5 * np.exp(0.5 * x0); d2 = -np.sin(x0) + 0.25 * np.exp(0.5 * x0)
            c = lambda hh: (f(x0 + hh) - f(x0 - hh)) / (2 * hh) - d
            ok &= abs(c(2e-3) / c(1e-3) - 4) < 0.01
            # forward = f' + h/2 f'' + ..., backward = f' - h/2 f'' + ...: the h^2/2 f'' terms cancel in the sum
            hh = 1e-3
            ok &= abs((f(x0 + hh) - f(x0) - hh * d) - hh ** 2 / 2 * d2) < hh ** 3
            ok &= abs((f(x0 - hh) - f(x0) + hh * d) - hh ** 2 / 2 * d2) < hh ** 3
            ok &= abs(fd(f, x0, 1e-5) - d) < 1e-9
        return ok
    return [
        ('**Use the centered difference.**', forward_O_h),
        ('$$\\frac{\\partial f}{\\partial x} \\approx \\frac{f(x+h) - f(x-h)}{2h},$$', central, '2'),
        ('whose error is $O(h^2)$', lambda: ALL(central_taylor(), P10('-5', 1e-5)), '2 2 2'),
        ('**Compare with the relative error.**', lambda: ALL(P10('-4', 1e-4), P10('3', 1e3), P10('-4', 1e-4),
            rel(1e3, 1e3 + 1e-4) < 1e-6, rel(1e-4, 2e-4) >= 0.5)),
        ('$$\\text{rel} = \\frac{|f', GIVEN),
        ('For example $f\'_a = 1000.0001$', lambda: ALL(E('1000.0001', 1000.0001), E('1000.0002', 1000.0002),
            P10('-7', 1e-7) and 0.5e-7 < rel(1000.0001, 1000.0002) < 1.5e-7,
            E('2', 2), P10('-4', 1e-4), P10('-4', 1e-4), E('0.5', rel(2e-4, 1e-4)))),
        ('- rel $> 10^{-2}$', GIVEN, '*'),
        ('- $10^{-2} >$ rel $> 10^{-4}$', GIVEN, '*'),
        ('- $10^{-4} >$ rel: usually fine', GIVEN, '*'),
        ('- $10^{-7} >$ rel', GIVEN, '*'),
        ('One input row $x = [1,\\ -2]$', lambda: ALL(EV(['1', '-2'], x), E('1', x.shape[0]), E('2', x.shape[1]),
            E('2', W1.shape[0]), E('3', W1.shape[1]), E('3', W2.shape[0]), E('2', W2.shape[1]), E('1', 1), E('0', 0))),
        ('$$W_1 = \\begin{bmatrix}', lambda: ALL(EV(['0.2', '-0.5', '0.1', '0.4', '0.3', '-0.2'], W1),
            EV(['0.3', '-0.1', '0.2', '0.4', '-0.6', '0.5'], W2))),
        ('- $z_1 = xW_1 =', lambda: ALL(CV(['-0.6', '-1.1', '0.5'], z), E('0', 0), EV(['0', '0', '0.5'], h)) and near(h, [[0, 0, 0.5]])),
        ('- scores $s = hW_2', lambda: ALL(CV(['-0.3', '0.25'], s), CV(['0.36586', '0.63414'], p), C('0.45549', L0)) and abs(L0 + np.log(p[0, 1])) < 1e-15),
        ('Backward pass (`dscores` is', GIVEN),
        ('- `dscores` $= p - \\mathbb{1}_y', lambda: near(grad(lambda ss: -np.log(softmax(ss)[0, 1]), s), ds)
            and CV(['0.36586', '-0.36586'], ds), '1'),
        ('- $dW_2 = h^\\top', lambda: near(grad(lambda B: loss(x, W1, B), W2), dW2) and near(dW2[:2], np.zeros((2, 2)))
            and CV(['0.18293', '-0.18293'], dW2[2])),
        ('- $dh = $ `dscores`', lambda: near(grad(lambda hh: -np.log(softmax(hh @ W2)[0, 1]), h), dh)
            and CV(['0.14635', '-0.07317', '-0.40245'], dh)),
        ('- $dz_1 = dh \\odot', lambda: near(grad(lambda zz: -np.log(softmax(np.maximum(zz, 0) @ W2)[0, 1]), z), dz)
            and near(grad(lambda A: loss(x, A, W2), W1), dW1) and ALL(E('1', 1), E('0', 0), E('0', 0), E('0', 0), E('-0.40245', round(dz[0, 2], 5)))),
        ('- in particular $dW_1[1,2]', lambda: ALL(E('1', 1), E('2', 2), E('2', 2), E('-2', x[0, 1]), C('-0.40245', dz[0, 2]),
            C('0.80490', dW1[1, 2], -2 * -0.40245))),
        ('so the digits are readable', lambda: P10('-3', 1e-3)),
        ('L(W1[1,2] + h) =', lambda: ALL(E('1', 1), E('2', 2), C('0.456297944732', Lp3))),
        ('L(W1[1,2] - h) =', lambda: ALL(E('1', 1), E('2', 2), C('0.454688141112', Lm3))),
        ('numerical: 0.80490181', lambda: ALL(C('0.80490181', num3), C('0.80490170', dW1[1, 2]))),
        ('The relative error is $|0.80490170', lambda: ALL(C('0.80490170', dW1[1, 2]), C('0.80490181', num3), C('0.80490181', num3),
            SCI('1.4', '-7', rel(dW1[1, 2], num3), rel(0.80490170, 0.80490181)),
            P10('-5', 1e-5), P10('-10', 1e-10)) and max(rs64) < 1e-10 and len(rs64) == 4, '2'),
        ('- **Dead units give exact zeros.**', lambda: ALL(E('0', 0), E('1', 1), E('0', 0), E('8', z64), E('12', W1.size + W2.size),
            E('0', 0), E('0.0', 0.0)) and (z[0, :2] < 0).all() and z64 == 8),
        ('- **Use double precision.**', lambda: ALL(P10('-5', 1e-5), P10('-3', 1e-3), P10('-2', 1e-2), E('4', len(rs32)),
            E('7', math.floor(-math.log10(np.finfo(np.float32).eps)) + 1))
            and all(1e-3 < r < 1e-2 for r in rs32), '2'),
        ('- **Watch out for kinks.**', lambda: ALL(E('0.5', np.abs(z).min())) and np.abs(z).min() > 1e-3),
    ]

# ======================================================================= 02
@register('02_softmax_overflow_goodfellow.md')
def f02():
    import warnings
    warnings.filterwarnings('ignore')
    def naive(x):
        x = np.asarray(x, float); e = np.exp(x); return e / e.sum()
    x1 = np.array([1000.0, 1001.0, 1002.0]); z1 = x1 - x1.max()
    x2 = np.array([-1000.0, -1001.0, -1002.0]); z2 = x2 - x2.max()
    lse1 = x1.max() + np.log(np.exp(z1).sum())
    def under_over():
        tiny = np.float64(1e-300) * np.float64(1e-300)
        big = np.float64(1e300) * np.float64(1e300)
        return tiny == 0.0 and np.isinf(big) and np.isnan(big - big) and np.isinf(-big)
    def const_case():
        ok = True
        for n in (2, 3, 5):
            ok &= near(naive(np.full(n, 0.7)), np.full(n, 1.0 / n))
            ok &= np.isnan(naive(np.full(n, -800.0))).all() and np.exp(-800.0) == 0
            ok &= np.isinf(np.exp(np.full(n, 800.0))).all()
        fmax = np.finfo(np.float64).max
        ok &= np.isinf(np.exp(709.79)) and np.isfinite(np.exp(709.78))
        ok &= np.isinf(np.exp(np.float32(88.73))) and np.isfinite(np.exp(np.float32(88.72)))
        return ok and ALL(E('1', 1), E('0', 0), SCI('1.8', '308', fmax), SCI('1.8', '308', fmax), C('709.78', math.log(fmax)),
                          C('88.72', math.log(float(np.finfo(np.float32).max))))
    def shift_inv():
        ok = True
        for _ in range(5):
            xx = rand(4) * 3; c = rand(1)[0] * 50
            ok &= near(np.exp(xx - c) / np.exp(xx - c).sum(), naive(xx), 1e-12)
        return ok
    def after_shift():
        ok = True
        for _ in range(5):
            xx = rand(6) * 1000; zz = xx - xx.max()
            ok &= zz.max() == 0 and np.exp(zz).sum() >= 1 and np.isfinite(softmax(xx)).all()
        return ok and ALL(E('0', 0), E('1', 1))
    def log_forms():
        ok = True
        for _ in range(5):
            xx = rand(4) * 5; zz = xx - xx.max()
            ok &= near(zz - np.log(np.exp(zz).sum()), np.log(naive(xx)), 1e-12)
            ok &= abs(xx.max() + np.log(np.exp(zz).sum()) - np.log(np.exp(xx).sum())) < 1e-12
        return ok
    return [
        ('A computer stores each real number', under_over),
        ('$$\\operatorname{softmax}(\\boldsymbol{x})_i = \\frac{\\exp(x_i)}', GIVEN, '4.1'),
        ('Consider what happens when all of the $x_i$', const_case),
        ('The standard remedy is to evaluate', GIVEN),
        ('$$\\frac{\\exp(x_i - c)}', shift_inv),
        ('After the shift the largest argument', after_shift),
        ('**A worked example.**', lambda: ALL(EV(['1000', '1001', '1002'], x1), E('1000', 1000)) and np.isinf(np.exp(1000.0))
            and np.isnan(naive(x1)).all() and EV(['-2', '-1', '0'], z1)),
        ('$$\\exp(\\boldsymbol{z}) \\approx', lambda: ALL(CV(['0.1353', '0.3679', '1'], np.exp(z1)), C('1.5032', np.exp(z1).sum()))),
        ('$$\\operatorname{softmax}(\\boldsymbol{x}) \\approx', lambda: CV(['0.0900', '0.2447', '0.6652'], softmax(x1), np.array([0.1353, 0.3679, 1]) / 1.5032)),
        ('exactly what one obtains for', lambda: ALL(EV(['0', '1', '2'], [0, 1, 2]), EV(['-1000', '-1001', '-1002'], x2), E('0', 0), E('0', 0), E('0', 0),
            EV(['0', '-1', '-2'], z2), CV(['0.6652', '0.2447', '0.0900'], softmax(x2)))
            and near(softmax(np.array([0.0, 1, 2])), softmax(x1), 1e-12) and (np.exp(x2) == 0).all() and np.isnan(naive(x2)).all()),
        ('One difficulty remains', lambda: np.log(naive(np.array([0.0, -800.0])))[1] == -np.inf),
        ('$$\\log \\operatorname{softmax}(\\boldsymbol{x})_i = z_i', log_forms),
        ('For the first example this gives', lambda: ALL(E('1002', x1.max()), C('0.4076', np.log(np.exp(z1).sum())), C('1002.4076', lse1),
            CV(['-2.4076', '-1.4076', '-0.4076'], x1 - lse1), EV(['0', '-800'], [0, -800]), E('-800', -800), E('0', 0), E('0', 0),
            E('-800', -800), E('1', 1), E('-800', -800), C('-800', -800 - np.log1p(np.exp(-800.0))))
            and np.log(naive(np.array([0.0, -800.0])))[1] == -np.inf),
        ('In the remainder of the book', GIVEN),
    ]

# ======================================================================= 03
@register('03_kahan_summation_higham.md')
def f03():
    from decimal import Decimal, Context, ROUND_HALF_EVEN
    ctx = Context(prec=3, rounding=ROUND_HALF_EVEN)
    fl = lambda v: float(ctx.plus(Decimal(repr(float(v)))))             # round a (decimal-exact) value to 3 digits
    add = lambda a, b: float(ctx.add(Decimal(repr(a)), Decimal(repr(b))))
    sub = lambda a, b: float(ctx.subtract(Decimal(repr(a)), Decimal(repr(b))))
    xs = [1.00] + [0.004] * 5
    # true Kahan run and recursive run in the toy system
    s, c, true_rows = xs[0], 0.0, []
    for x in xs[1:]:
        y = sub(x, c); t = add(s, y); c = sub(sub(t, s), y); s = t; true_rows.append((y, t, c, s))
    rec = xs[0]
    for x in xs[1:]:
        rec = add(rec, x)
    u = 0.5 * 10.0 ** (1 - 3)
    g = lambda k, uu=u: k * uu / (1 - k * uu)
    state = {'s': xs[0], 'c': 0.0}
    def row(i, ys, ts, cs, ss):
        # the author's row i, recomputed from the author's previous (printed) state
        s0, c0 = state['s'], state['c']; x = xs[i - 1]
        y = sub(x, c0); t = add(s0, y); cc = sub(sub(t, s0), y)
        ok = ALL(E(str(i), i), C(ys, y), C(ts, t), C(cs, cc), C(ss, t))
        state['s'], state['c'] = float(ss), float(cs)
        return ok
    def model():
        ok = True
        for dt, uu in ((np.float16, 2.0 ** -11), (np.float32, 2.0 ** -24)):
            a = dt(rand(200, lo=0.5, hi=2) * RNG.choice([-1, 1], 200)); b = dt(rand(200, lo=0.5, hi=2) * RNG.choice([-1, 1], 200))
            for op in (np.add, np.subtract, np.multiply, np.divide):
                ex = op(a.astype(float), b.astype(float)); fl_ = op(a, b).astype(float)
                ok &= bool(np.all(np.abs(fl_ - ex) <= uu * np.abs(ex) * (1 + 1e-12)))
        return ok
    def bound71():
        ok = True
        for _ in range(5):
            x16 = np.float16(rand(300, lo=0, hi=1)); ex = float(np.sum(x16.astype(float)))
            sh = np.float16(0)
            for v in x16:
                sh = np.float16(sh + v)
            n = len(x16); ok &= abs(ex - float(sh)) <= g(n - 1, 2.0 ** -11) * np.sum(np.abs(x16.astype(float)))
        return ok
    def kahan32(x):
        s = np.float32(x[0]); c = np.float32(0)
        for v in x[1:]:
            y = np.float32(v - c); t = np.float32(s + y); c = np.float32(np.float32(t - s) - y); s = t
        return s
    def algo():
        ok = True
        for _ in range(5):
            x = np.float32(RNG.uniform(0, 1, 5000)); ex = np.sum(x.astype(float))
            ok &= abs(float(kahan32(x)) - ex) <= 2.2 * 2.0 ** -24 * np.sum(np.abs(x.astype(float)))
        return ok and ALL(E('1', 1), E('0', 0))
    def c_is_error():
        ok = True
        for _ in range(200):
            s_, y_ = np.float32(RNG.uniform(1, 2)), np.float32(RNG.uniform(-1e-3, 1e-3))
            t_ = np.float32(s_ + y_); c_ = np.float32(np.float32(t_ - s_) - y_)
            ok &= float(c_) == (float(t_) - (float(s_) + float(y_)))
        return ok and E('0', 0)
    def bound72():
        ok = True
        for _ in range(5):
            x = np.float32(RNG.uniform(0, 1, 20000)); ex = np.sum(x.astype(float)); S = np.sum(np.abs(x.astype(float)))
            n = len(x); uu = 2.0 ** -24
            ok &= abs(float(kahan32(x)) - ex) <= (2 * uu + n * uu ** 2) * S
            rs = np.float32(0)
            for v in x[:3000]:
                rs = np.float32(rs + v)
        return ok and ALL(E('2', 2))
    return [
        ('**Model of arithmetic.**', GIVEN),
        ('$$\\mathrm{fl}(x \\mathbin{\\mathrm{op}} y)', lambda: model() and E('1', 1)),
        ('where $u = \\tfrac12 \\beta^{1-t}$', lambda: ALL(E('1', 1), E('10', 10), E('3', 3), E('1', 1), E('2', 2), P10('-2', 1e-2), E('0.005', u),
            E('1', 1)) and fl(1.0049) == 1.0 and abs(fl(1.0051) - 1.01) < 1e-12 and abs(fl(1.0049) - 1.0049) <= u * 1.0049, '1 2'),
        ('**Recursive summation.**', GIVEN),
        ('$$|s_n - \\widehat s_n| \\le \\gamma_{n-1}', bound71, '7.1'),
        ('The error is dominated by the additions', lambda: add(1.00, 0.004) == 1.00),
        ('s = x(1); c = 0', algo),
        ('for i = 2:n', lambda: E('2', 2)),
        ('Algebraically $c = 0$ throughout', c_is_error),
        ('\\bigl(2u + O(nu^2)\\bigr)', bound72, '2 7.2'),
        ('independent of $n$ to first order', lambda: ALL(E('1', 1), E('7.1', 7.1)) and abs(g(49, 1e-6) / 49e-6 - 1) < 1e-3),
        ('**Example.** In the toy system', lambda: ALL(E('1.00', xs[0]), E('0.00400', xs[1]), E('1.02', sum(xs)),
            E('1.00', 1.00), E('0.00400', 0.004), E('1.00', add(1.00, 0.004)), E('1.00', rec))),
        ('| $i$ | $y = x_i - c$', GIVEN),
        ('| 2 | $0.00400$', lambda: row(2, '0.00400', '1.00', '-0.00400', '1.00')),
        ('| 3 | $0.00800$', lambda: row(3, '0.00800', '1.00', '-0.00800', '1.00')),
        ('| 4 | $0.0120$', lambda: row(4, '0.0120', '1.01', '-0.00200', '1.01')),
        ('| 5 | $0.00600$', lambda: row(5, '0.00600', '1.02', '0.00400', '1.02')),
        ('| 6 | $0$', lambda: row(6, '0', '1.02', '0', '1.02')),
        ('So compensated summation returns', lambda: ALL(E('1.02', state['s'])) and abs(true_rows[-1][3] - sum(xs)) < 1e-12 and true_rows[-1][3] == state['s'], '3'),
        ('**Comparison with the bounds.**', lambda: ALL(E('1.02', sum(abs(v) for v in xs)), E('6', len(xs)))),
        ('\\text{(7.1):}\\quad', lambda: ALL(E('7.1', 7.1), C('0.02', abs(sum(xs) - rec)), E('1.02', 1.02), C('0.025', 5 * u), C('0.975', 1 - 5 * u),
            E('1.02', 1.02), C('0.0262', g(5) * 1.02)) and abs(sum(xs) - rec) <= g(5) * 1.02 and xs[1:] == [0.004] * 5),
        ('\\text{(7.2):}\\quad', lambda: ALL(E('7.2', 7.2), E('0', abs(state['s'] - sum(xs)) if abs(state['s'] - sum(xs)) > 1e-12 else 0),
            E('2', 2), E('1.02', 1.02), C('0.0102', 2 * u * 1.02))),
        ('The recursive sum has relative error', lambda: ALL(C('0.02', sum(xs) - rec), E('1.02', 1.02), C('2.0', 100 * (sum(xs) - rec) / sum(xs)),
            E('7.1', 7.1), E('1', 1), E('5', len(xs) - 1)) and 3.5 < (sum(xs) - rec) / sum(xs) / u < 4.5
            and all(add(1.00, 0.004) == 1.00 for _ in range(1))),
        ('**Remark (deep learning).**', lambda: ALL(P10('-11', 2.0 ** -11, '2'), E('1024', 1024), E('1', float(np.spacing(np.float16(1024)))),
            E('0.5', 0.5)) and float(np.float16(1024) + np.float16(0.4995)) == 1024 and float(np.float16(1024) + np.float16(0.5)) == 1024
            and float(np.float32(1024) + np.float32(0.4)) != 1024),
    ]

# ======================================================================= 04
@register('04_bce_with_logits_pytorch_forum.md')
def f04():
    f32 = np.float32
    def sig32(x):
        x = f32(x); return f32(f32(1) / f32(f32(1) + np.exp(-x)))
    def bce(x, y):
        s = sig(x); return -(y * np.log(s) + (1 - y) * np.log(1 - s))
    sp = lambda x: np.log1p(np.exp(-np.abs(x))) + np.maximum(x, 0)
    def forms_eq(form):
        ok = True
        for x in np.concatenate([rand(6, lo=-8, hi=8), [0.0, 5.5, -5.5]]):
            for y in (0.0, 1.0, 0.3):
                ok &= abs(form(x, y) - bce(x, y)) < 1e-10
        return ok
    def logs():
        x = rand(6, lo=-8, hi=8)
        return (near(np.log(sig(x)), -np.log1p(np.exp(-x)), 1e-12) and near(np.log(1 - sig(x)), np.log(np.exp(-x) / (1 + np.exp(-x))), 1e-12)
                and near(np.log(1 - sig(x)), -x - np.log1p(np.exp(-x)), 1e-12))
    def stable():
        with np.errstate(over='ignore'):
            big = np.isinf(np.exp(-np.float64(-1000.0)))
        xs = np.array([-1000.0, -30.0, 0.0, 30.0, 1000.0])
        ok = big and np.all(np.isfinite(np.maximum(xs, 0) - xs * 1 + np.log1p(np.exp(-np.abs(xs)))))
        xm = np.concatenate([rand(50, lo=-700, hi=700), [0.0]])
        ok &= bool(np.all((np.exp(-np.abs(xm)) > 0) & (np.exp(-np.abs(xm)) <= 1)))
        for x in rand(5, lo=-6, hi=-0.01):
            ok &= abs(x + np.log(1 + np.exp(-x)) - np.log(np.exp(x) + 1)) < 1e-12 and abs(np.log(np.exp(x) + 1) - np.log1p(np.exp(-abs(x)))) < 1e-12
        return ok and ALL(E('0', 0), E('1', 1))
    def gradient():
        ok = True
        for x in rand(6, lo=-6, hi=6):
            for y in (0.0, 1.0, 0.25):
                f = lambda t: (1 - y) * t + np.log1p(np.exp(-t))
                ok &= abs(fd(f, x) - (sig(x) - y)) < 1e-7 and abs(fd(lambda t: bce(t, y), x) - (sig(x) - y)) < 1e-7
                ok &= abs((1 - y) - np.exp(-x) / (1 + np.exp(-x)) - ((1 - y) - (1 - sig(x)))) < 1e-12
        return ok
    l1 = 20 - 0 + np.log1p(np.exp(-20.0)); l2 = 0 + 3 + np.log1p(np.exp(-3.0))
    def torch_like():
        # what float32 BCE(sigmoid(x)) and BCE-with-logits produce, recomputed in numpy float32
        p = np.array([sig32(20.0), sig32(-3.0)]); y = np.array([0.0, 1.0], np.float32)
        with np.errstate(divide='ignore'):
            lg1 = np.maximum(np.log(p), -100); lg0 = np.maximum(np.log(f32(1) - p), -100)
        return -(y * lg1 + (1 - y) * lg0)
    bl = torch_like()
    return [
        ("That's expected with this combination", GIVEN),
        ('Your model outputs a logit $x$', lambda: ALL(E('20', 20), E('0', 0), E('20', 20), E('1', 1), E('1', 1), E('-20', -20), E('1', 1), E('1', 1),
            SCI('2.06', '-9', np.exp(-20.0)), E('1', 1), P10('-24', 1 - np.nextafter(f32(1), f32(0)), '2'), SCI('5.96', '-8', 2.0 ** -24),
            E('20', 20), E('1.0', sig32(20.0)), E('1', 1), E('0', 1 - sig32(20.0)), E('-100', -100), E('100.0', bl[0]), E('1', 1), E('0', sig32(20.0) * (f32(1) - sig32(20.0))))),
        ('`BCEWithLogitsLoss` takes the logit directly', GIVEN),
        ('$$\\ell(x, y) = -\\bigl[', GIVEN, '1 1'),
        ('$$\\log\\sigma(x) = -\\log(1+e^{-x})', logs, '1 1 1 1'),
        ('$$\\ell(x, y) = (1-y)\\,x + \\log(1+e^{-x}).$$', lambda: forms_eq(lambda x, y: (1 - y) * x + np.log1p(np.exp(-x))), '1 1'),
        ('That is still not safe for large negative $x$', lambda: bool(np.isinf(np.exp(np.float64(1000.0)))) and np.isinf(np.log1p(np.exp(-np.float64(-1000.0))))),
        ('$$\\ell(x, y) = \\max(x, 0) - x\\,y', lambda: forms_eq(lambda x, y: np.maximum(x, 0) - x * y + np.log1p(np.exp(-abs(x)))), '0 1'),
        ('where the argument of `log1p` is always in', stable, '0 1 1 1'),
        ('The gradient is the nice part.', lambda: gradient(), '1 1'),
        ('$$\\frac{\\partial \\ell}{\\partial x} = (1 - y)', gradient, '1 1 1 1'),
        ('bounded in $[-1, 1]$ and never $0/0$', lambda: ALL(E('-1', -1), E('1', 1)) and all(-1 <= sig(x) - y <= 1 for x in rand(20, lo=-50, hi=50) for y in (0, 1))
            and np.isfinite(sig(np.array([-800.0, 800.0]))).all(), '0 0'),
        ('- $x = 20,\\ y = 0$:', lambda: ALL(E('20', 20), E('0', 0), E('20', 20), E('0', 0), E('1', 1), E('-20', -20), E('20', 20), SCI('2.06', '-9', np.exp(-20.0)),
            C('20.0000', l1, sp(20.0)), E('20', 20), E('0', 0), C('1.0000', sig(20.0)))),
        ('- $x = -3,\\ y = 1$:', lambda: ALL(E('-3', -3), E('1', 1), E('0', max(-3, 0)), E('3', -(-3) * 1), E('1', 1), E('-3', -3), E('3', 3), C('0.0486', np.log1p(np.exp(-3.0))),
            C('3.0486', l2, sp(-3.0) + 3 - 3 * 0, bce(-3.0, 1.0)), E('-3', -3), E('1', 1), C('0.0474', sig(-3.0)), E('1', 1), C('-0.9526', sig(-3.0) - 1))),
        ('x = torch.tensor([20.0, -3.0]', lambda: EV(['20.0', '-3.0'], [20, -3])),
        ('y = torch.tensor([0.0, 1.0])', lambda: EV(['0.0', '1.0'], [0, 1])),
        ("F.binary_cross_entropy(torch.sigmoid(x)", lambda: CV(['100.0000', '3.0486'], bl)),
        ('# backward -> x.grad = tensor([0.0000, -0.9526])', lambda: ALL(E('0.0000', float(sig32(20.0) * (f32(1) - sig32(20.0)))), C('-0.9526', sig(-3.0) - 1))),
        ("F.binary_cross_entropy_with_logits(x, y", lambda: CV(['20.0000', '3.0486'], [np.float32(l1), np.float32(l2)])),
        ('# backward -> x.grad = tensor([1.0000, -0.9526])', lambda: CV(['1.0000', '-0.9526'], [sig32(20.0) - 0, sig32(-3.0) - 1])),
        ('So: remove the `sigmoid`', GIVEN),
    ]

# ======================================================================= 05
@register('05_float32_ulp_stackoverflow.md')
def f05():
    f32 = np.float32
    ulp32 = lambda v: float(np.spacing(f32(abs(v))))
    expo = lambda v: int(math.floor(math.log2(abs(v))))
    ulp_c = 2.0 ** (10 - 23)                     # the value the answer carries for ulp(1000)
    def rounds_back():
        w = f32(1000); return f32(w - f32(1e-3) * f32(1e-2)) == w
    def ulp_formula():
        ok = True
        for v in np.concatenate([rand(30, lo=-30, hi=30), [1.0, 0.1, 1000.0, 3e5, 1e-7]]):
            if v == 0: continue
            ok &= ulp32(v) == 2.0 ** (expo(v) - 23)
        return ok
    def half_rule():
        ok = True
        for v in rand(20, lo=1, hi=1e4):
            w = f32(v); u = ulp32(w)
            ok &= f32(w + f32(0.49 * u)) == w and f32(w + f32(0.51 * u)) != w
        return ok
    def no_drift():
        w = f32(1000); d = f32(1e-3) * f32(1e-2)
        for _ in range(10 ** 4):
            w = f32(w - d)
        return w == f32(1000)
    return [
        ('Nothing is wrong with your optimizer.', rounds_back),
        ('A `float32` has a 24-bit significand', lambda: ALL(E('24', np.finfo(f32).nmant + 1), E('23', np.finfo(f32).nmant), E('1', 1))
            and ulp_formula(), '2 2 1'),
        ('$$\\operatorname{ulp}(w) = 2^{e-23}.$$', lambda: ulp_formula(), '2 23'),
        ('Addition rounds to nearest, so', half_rule, '1 2'),
        ('- $w = 1$ ($e = 0$)', lambda: ALL(E('1', 1), E('0', expo(1.0)), E('1', 1), P10('-23', ulp32(1.0), '2'), SCI('1.19', '-7', ulp32(1.0)))
            and float(np.finfo(f32).eps) == ulp32(1.0)),
        ('- $w = 0.1$:', lambda: ALL(E('0.1', 0.1), P10('-4', 0.0625, '2'), E('0.0625', 2.0 ** -4), E('0.1', 0.1), E('0.125', 2.0 ** -3), P10('-3', 0.125, '2'),
            E('-4', expo(0.1)), E('0.1', 0.1), P10('-27', ulp32(0.1), '2'), SCI('7.45', '-9', ulp32(0.1)))),
        ('1.1920929e-07', lambda: C('1.1920929e-07', float(np.finfo(f32).eps))),
        ('7.450581e-09', lambda: C('7.450581e-09', ulp32(0.1))),
        ('Now your weights.', lambda: ALL(E('1000', 1000), P10('10', 1024, '2'), E('1024', 1024), E('10', expo(1000.0)))),
        ('$$\\operatorname{ulp}(1000) = 2^{10-23}', lambda: ALL(E('1000', 1000), E('2', 2), E('10', 10), E('23', 23), P10('-13', 2.0 ** (10 - 23), '2'),
            SCI('1.22', '-4', ulp32(1000.0), ulp_c))),
        ('Half of that is about', lambda: ALL(SCI('6.1', '-5', ulp32(1000.0) / 2, ulp_c / 2), P10('-3', 1e-3), P10('-2', 1e-2), P10('-5', 1e-5),
            SCI('6.1', '-5', ulp32(1000.0) / 2, ulp_c / 2), SCI('5', '-5', 5e-5)) and 1e-5 < ulp32(1000.0) / 2
            and (f32(1000) + f32(5e-5) == f32(1000) or 5e-5 < ulp_c / 2)
            and ALL(P10('4', 1e4), P10('4', 1e4), P10('-5', 1e-5), C('0.1', 1e4 * 1e-5)) and no_drift()),
        ('>>> print(np.float32(16777216) + np.float32(1))', lambda: ALL(E('16777216', 16777216), E('1', 1)) and f32(16777216) + f32(1) == f32(16777216)),
        ('1.6777216e+07', lambda: E('1.6777216e+07', float(f32(16777216) + f32(1)))),
        ('$16777216 = 2^{24}$', lambda: ALL(E('16777216', 2 ** 24), P10('24', 2 ** 24, '2'), E('24', expo(2 ** 24)), E('2', 2), E('24', 24), E('23', 23),
            E('2', ulp32(2.0 ** 24)), P10('24', 2 ** 24, '2'), E('1', 1), P10('24', 2 ** 24, '2'), P10('24', 2 ** 24, '2'), E('2', 2), P10('24', 2 ** 24, '2'))
            and (2 ** 24 + 1) - 2 ** 24 == (2 ** 24 + 2) - (2 ** 24 + 1) and f32(2 ** 24 + 1) == f32(2 ** 24)
            and int(np.array(2 ** 24, f32).view(np.uint32)) % 2 == 0),
        ('1. Rescale the parameter so it lives near 1', GIVEN, '1'),
        ('2. Keep that parameter (or all master weights)', lambda: ALL(E('1000', 1000), SCI('1.1', '-13', float(np.spacing(1000.0))))),
    ]

# ======================================================================= 06
@register('06_welford_variance_numpy_blog.md')
def f06():
    f32 = np.float32
    x = np.array([10001, 10002, 10003, 10004], dtype=f32)
    naive = np.mean(x * x) - np.mean(x) ** 2
    xd = x.astype(float); Ex2 = np.mean(xd * xd); m = xd.mean(); V = np.var(xd)
    def welford(xs):
        n, mean, m2 = 0, f32(0), f32(0); rows = []
        for v in xs:
            n += 1
            delta = v - mean
            mean += delta / n
            m2 += delta * (v - mean)
            rows.append((n, float(v), float(delta), float(mean), float(m2)))
        return mean, m2 / n, rows
    wm, wv, rows = welford(x)
    def welford_identity():
        ok = True
        for _ in range(5):
            data = rand(7, lo=-3, hi=5); mean = 0.0; M2 = 0.0
            for n, v in enumerate(data, 1):
                d = v - mean; mean += d / n; M2 += d * (v - mean)
                ok &= abs(mean - data[:n].mean()) < 1e-12 and abs(M2 - np.sum((data[:n] - data[:n].mean()) ** 2)) < 1e-10
        return ok
    def chan():
        ok = True
        for _ in range(5):
            a = rand(5); b = rand(8, lo=0, hi=4)
            na, nb = len(a), len(b); n = na + nb; d = b.mean() - a.mean()
            M2a = np.sum((a - a.mean()) ** 2); M2b = np.sum((b - b.mean()) ** 2); allx = np.concatenate([a, b])
            ok &= abs(a.mean() + d * nb / n - allx.mean()) < 1e-12
            ok &= abs(M2a + M2b + d ** 2 * na * nb / n - np.sum((allx - allx.mean()) ** 2)) < 1e-10
        return ok
    def row(i, *shown):
        r = rows[i - 1]
        return ALL(E(shown[0], r[0]), E(shown[1], r[1]), E(shown[2], r[2]), E(shown[3], r[3]), E(shown[4], r[4]))
    kap = Ex2 / V
    return [
        ('We track activation statistics', lambda: np.isnan(np.sqrt(f32(-8.0)))),
        ('$$\\operatorname{Var}[x] = \\mathbb{E}[x^2] - \\mathbb{E}[x]^2 .$$', lambda: all(abs(np.mean(d * d) - d.mean() ** 2 - np.var(d)) < 1e-12 for d in [rand(5) for _ in range(3)]), '2 2'),
        ('Algebraically it is fine.', lambda: f32(10001) * f32(10001) > 1e8 and abs(np.mean(x * x) - np.mean(x) ** 2) < 1e-3 * np.mean(x * x)),
        ('x = np.array([10001, 10002, 10003, 10004]', lambda: EV(['10001', '10002', '10003', '10004'], x)),
        ('naive = np.mean(x * x) - np.mean(x) ** 2', lambda: True, '2'),
        ('print(naive)      # -8.0', lambda: E('-8.0', naive)),
        ('print(np.var(x))  # 1.25', lambda: E('1.25', np.var(x))),
        ('The true population variance is $1.25$.', lambda: ALL(E('1.25', V), P10('8', 1e8), P10('26', 2 ** 26, '2'), P10('8', 1e8), P10('27', 2 ** 27, '2'),
            E('2', 2), E('26', 26), E('23', 23), E('8', float(np.spacing(f32(1e8)))), E('100050007.5', Ex2), E('10002.5', m), E('2', 2), E('100050006.25', m * m),
            E('1.25', Ex2 - m * m), E('-8', naive)) and 2 ** 26 <= 1e8 < 2 ** 27 and Ex2 - m * m < float(np.spacing(f32(1e8))), '2 2'),
        ('A useful rule of thumb is the condition number', lambda: ALL(E('2', 2), E('1', 1), E('2', 2), E('100050007.5', Ex2), E('1.25', V), SCI('8.0', '7', kap),
            P10('-24', 2.0 ** -24, '2'), SCI('5.96', '-8', 2.0 ** -24), C('4.8', kap * 2.0 ** -24, 8.0e7 * 5.96e-8), E('0', 0), E('255', 255))
            and abs(kap - (1 + m * m / V)) < 1e-6 and 2 < kap * 2.0 ** -24 < 10),
        ('Welford (1962) keeps the running mean', lambda: ALL(E('1962', 1962), E('2', 2), E('0', 0), E('0', 0)), ''),
        ('$$\\delta_n = x_n - \\bar x_{n-1}', welford_identity),
        ('and at the end $\\operatorname{Var} = M_2/n$', lambda: ALL(E('1', 1)) and abs(np.sum((xd - m) ** 2) / 3 - np.var(xd, ddof=1)) < 1e-12),
        ('n, mean, m2 = 0, np.float32(0), np.float32(0)', lambda: ALL(E('0', 0), E('0', 0), E('0', 0))),
        ('n += 1', lambda: E('1', 1)),
        ('m2 += delta * (v - mean)', welford_identity),
        ('print(welford(x))  # mean 10002.5', lambda: ALL(E('10002.5', wm), E('1.25', wv))),
        ('| $n$ | $x_n$ | $\\delta_n$', GIVEN),
        ('| 1 | 10001 |', lambda: row(1, '1', '10001', '10001', '10001', '0')),
        ('| 2 | 10002 |', lambda: row(2, '2', '10002', '1', '10001.5', '0.5')),
        ('| 3 | 10003 |', lambda: row(3, '3', '10003', '1.5', '10002', '2')),
        ('| 4 | 10004 |', lambda: row(4, '4', '10004', '2', '10002.5', '5')),
        ('so $\\operatorname{Var} = 5/4 = 1.25$', lambda: ALL(E('5', rows[-1][4]), E('4', 4), E('1.25', 5 / 4), E('5', 5), E('3', 3), C('1.6667', np.var(xd, ddof=1)))),
        ('For data-parallel training you compute', GIVEN),
        ('$$n = n_a + n_b,\\qquad', chan, '2'),
        ('Splitting our data into', lambda: ALL(EV(['10001', '10002'], x[:2]), EV(['10003', '10004'], x[2:]), E('0.5', np.sum((xd[:2] - xd[:2].mean()) ** 2)) and np.sum((xd[2:] - xd[2:].mean()) ** 2) == 0.5, E('10003.5', xd[2:].mean()), E('10001.5', xd[:2].mean()), E('2', 2.0),
            E('0.5', 0.5), E('0.5', 0.5), E('4', 2.0 ** 2), E('2', 2), E('2', 2), E('4', 4), E('5', 0.5 + 0.5 + 4 * 2 * 2 / 4)) and rows[-1][4] == 5),
        ('**TL;DR:** never compute a variance', GIVEN, '2 2'),
    ]

# ======================================================================= 07
@register('07_finite_difference_exam_key.md')
def f07():
    f = math.sin; x0 = 1.0; d1 = math.cos(1); d2 = -math.sin(1); d3 = -math.cos(1)
    Dp = lambda h: (f(x0 + h) - f(x0)) / h
    D0 = lambda h: (f(x0 + h) - f(x0 - h)) / (2 * h)
    sv = {1.1: 0.8912074, 1.0: 0.8414710, 0.9: 0.7833269, 1.05: 0.8674232, 0.95: 0.8134155}
    Dpr = lambda h: (sv[round(1 + h, 2)] - sv[1.0]) / h
    D0r = lambda h: (sv[round(1 + h, 2)] - sv[round(1 - h, 2)]) / (2 * h)
    tol = 1e-8
    def taylor():
        ok = True
        for _ in range(3):
            a = rand(1)[0]; g = lambda t: np.exp(0.3 * t) + np.sin(2 * t)
            g1 = 0.3 * np.exp(0.3 * a) + 2 * np.cos(2 * a); g2 = 0.09 * np.exp(0.3 * a) - 4 * np.sin(2 * a); g3 = 0.027 * np.exp(0.3 * a) - 8 * np.cos(2 * a)
            for s in (1, -1):
                r = lambda h: g(a + s * h) - (g(a) + s * h * g1 + h ** 2 / 2 * g2 + s * h ** 3 / 6 * g3)
                ok &= abs(r(1e-2)) <= 0.7 * 1e-2 ** 4 and abs(r(5e-2)) <= 0.7 * 5e-2 ** 4          # |f''''| / 24 <= 0.7 here
                ok &= abs(r(5e-2) - s * 5e-2 ** 3 / 6 * g3) > 0.7 * 5e-2 ** 4 or abs(g3) < 0.5       # the cubic term is needed
        return ok
    def fwd():
        ok = True
        for _ in range(3):
            a = rand(1)[0]; g = np.exp; e = lambda h: (g(a + h) - g(a)) / h - g(a) - h / 2 * g(a)
            ok &= abs(e(2e-3) / e(1e-3) - 4) < 0.05
        return ok
    def cen():
        ok = True
        for _ in range(3):
            a = rand(1)[0]; g = np.exp
            r1 = lambda h: g(a + h) - g(a - h) - 2 * h * g(a) - h ** 3 / 3 * g(a)
            r2 = lambda h: (g(a + h) - g(a - h)) / (2 * h) - g(a) - h ** 2 / 6 * g(a)
            ok &= abs(r1(2e-2) / r1(1e-2) - 32) < 0.5 and abs(r2(2e-2) / r2(1e-2) - 16) < 0.5
        return ok
    def row(h, hs, a, b, c, dd, e, g_):
        return ALL(E(hs, h), C(a, Dp(h), Dpr(h)), C(b, Dp(h) - d1, float(a) - 0.540302), C(c, h / 2 * d2),
                   C(dd, D0(h), D0r(h)), C(e, D0(h) - d1, float(dd) - 0.540302), C(g_, h * h / 6 * d3))
    R = (4 * D0(0.05) - D0(0.1)) / 3
    hb_true = math.sqrt(6 * tol / abs(d3))
    hb_car = math.sqrt(tol / (6 * abs(d3)))
    return [
        ('*Problem.* Let $f(x) = \\sin x$', lambda: ALL(E('1', x0), E('0.1', 0.1), E('0.05', 0.05), P10('-8', tol)), '2'),
        ('**(a) [4 pts]**', GIVEN, '4'),
        ('$$f(x_0 \\pm h) = f(x_0)', taylor, '2 2 3 6 4'),
        ('Forward difference: subtract $f(x_0)$', GIVEN),
        ('$$D_+(h) = f\'(x_0) + \\frac{h}{2}', fwd, '2 2'),
        ('so the error is first order. Central difference', lambda: all(abs((Dp(h) - d1) / h - d2 / 2) < 0.3 * h for h in (1e-2, 1e-3))
            and abs((f(x0 + 0.02) - f(x0 - 0.02) - 0.04 * d1) / (f(x0 + 0.01) - f(x0 - 0.01) - 0.02 * d1) - 8) < 0.01
            and abs((f(x0 + 0.01) + f(x0 - 0.01) - 2 * f(x0)) - 0.01 ** 2 * d2) < 1e-8),
        ('$$f(x_0+h) - f(x_0-h) = 2h', cen, '2 3 3 5 2 6 4'),
        ('so the error is second order. For $f = \\sin$', lambda: ALL(E('1', 1), E('1', 1), C('0.540302', d1), E('1', 1), E('1', 1), C('-0.841471', d2),
            E('1', 1), E('1', 1), C('-0.540302', d3)) and abs(fd(np.sin, 1.0) - d1) < 1e-9 and abs(fd(np.cos, 1.0) - d2) < 1e-9 and abs(fd(lambda t: -np.sin(t), 1.0) - d3) < 1e-9),
        ('**(b) [4 pts]** Function values:', lambda: ALL(E('4', 4), E('1.1', 1.1), C('0.8912074', f(1.1)), E('1', 1), C('0.8414710', f(1)), E('0.9', 0.9), C('0.7833269', f(0.9)),
            E('1.05', 1.05), C('0.8674232', f(1.05)), E('0.95', 0.95), C('0.8134155', f(0.95)))),
        ('| $h$ | $D_+(h)$ |', GIVEN, '2 2 6'),
        ('| 0.1 | 0.497364', lambda: row(0.1, '0.1', '0.497364', '-0.04294', '-0.04207', '0.539402', '-0.000900', '-0.000901')),
        ('| 0.05 | 0.519045', lambda: row(0.05, '0.05', '0.519045', '-0.02126', '-0.02104', '0.540077', '-0.000225', '-0.000225')),
        ('Both errors are negative and match', lambda: Dp(0.1) < d1 and D0(0.1) < d1 and abs((Dp(0.1) - d1 - 0.05 * d2) - 0.01 / 6 * d3) < 2e-4, '2 6'),
        ('**(c) [2 pts]** Halving $h$', lambda: ALL(E('2', 2), C('0.04294', d1 - Dp(0.1)), C('0.02126', d1 - Dp(0.05)), C('2.02', (Dp(0.1) - d1) / (Dp(0.05) - d1), 0.04294 / 0.02126),
            C('0.000900', d1 - D0(0.1)), C('0.000225', d1 - D0(0.05)), C('4.00', (D0(0.1) - d1) / (D0(0.05) - d1), 0.000900 / 0.000225)), '2 2 4'),
        ('$$R = \\frac{4 D_0(h/2) - D_0(h)}{3}', lambda: ALL(E('4', 4), E('2', 2), E('3', 3), E('4', 4), C('0.540077', D0(0.05)), C('0.539402', D0(0.1)), E('3', 3),
            C('0.540302', R, (4 * 0.540077 - 0.539402) / 3))),
        ('cancels the $h^2$ term', lambda: abs(R - d1) < 5e-7 and abs(((4 * D0(0.025) - D0(0.05)) / 3 - d1) / (R - d1) - 1 / 16) < 0.01, '2 1 4'),
        ('**(d) [2 pts]** We need', lambda: ALL(E('2', 2), E('2', 2), E('6', 6), E('1', 1), P10('-8', tol), E('1', 1), C('0.540302', abs(d3)))),
        ('$$h^2 \\le \\frac{10^{-8}}{6 \\cdot 0.540302}', lambda: ALL(E('2', 2), P10('-8', tol), E('6', 6), C('0.540302', abs(d3)),
            SCI('3.085', '-9', 6 * tol / abs(d3), tol / (6 * 0.540302)), SCI('5.55', '-5', hb_true, hb_car))
            and abs(tol / (6 * 0.540302) - 6 * tol / abs(d3)) < 1e-12),
        ('So $h = 5 \\cdot 10^{-5}$ is enough.', lambda: ALL(SCI('5', '-5', 5e-5)) and 5e-5 <= hb_true and (5e-5) ** 2 / 6 * abs(d3) <= tol
            and ALL(E('1', 1), SCI('2.2', '-16', np.finfo(float).eps), C('0.84', f(1)), SCI('5', '-5', 5e-5), SCI('3.7', '-12', 2.2e-16 * 0.84 / 5e-5), P10('-8', tol))),
        ('*Grading notes.*', GIVEN, '2 1 1'),
    ]

# ======================================================================= 08
@register('08_step_size_notebook.md')
def f08():
    eps = np.finfo(np.float64).eps; e1 = math.e
    f, x, exact = math.exp, 1.0, math.exp(1.0)
    tab = {}
    for k in range(1, 14):
        h = 10.0 ** (-k)
        tab[k] = (abs((f(x + h) - f(x)) / h - exact), abs((f(x + h) - f(x - h)) / (2 * h) - exact))
    h_fwd = 2 * math.sqrt(eps); h_cen = (3 * eps) ** (1 / 3)
    Ef = 2 * math.sqrt(eps) * exact; Ec = h_cen ** 2 / 6 * exact + eps * exact / h_cen
    def trunc():
        ok = True
        for _ in range(3):
            a = rand(1)[0]; g = lambda t: np.sin(t) + t ** 3 / 5
            g1 = np.cos(a) + 3 * a ** 2 / 5; g2 = -np.sin(a) + 6 * a / 5; g3 = -np.cos(a) + 6 / 5
            h = 1e-3
            ok &= abs(((g(a + h) - g(a)) / h - g1) - h / 2 * g2) <= h * h / 6 * 2.2 * 1.01          # |g'''| <= 2.2
            ok &= abs(((g(a + h) - g(a - h)) / (2 * h) - g1) - h * h / 6 * g3) <= h ** 4 / 120 * 1.01 + 1e-12   # |g^(5)| <= 1
        return ok
    def opt(E, hstar, Estar=None):
        hs = np.logspace(-12, -1, 20001); v = E(hs); i = np.argmin(v)
        ok = abs(hs[i] / hstar - 1) < 2e-3
        return ok and (Estar is None or abs(v[i] / Estar - 1) < 1e-6)
    def fwd_model():
        ok = True
        for F, F2 in ((1.0, 1.0), (2.0, 0.5), (e1, e1)):
            E = lambda h: h / 2 * F2 + 2 * eps * F / h
            ok &= abs(fd(E, 1e-7, 1e-12) - (F2 / 2 - 2 * eps * F / 1e-14)) < 1e-6 * abs(F2 / 2 - 2 * eps * F / 1e-14)
            ok &= opt(E, 2 * math.sqrt(eps * F / F2), 2 * math.sqrt(eps * F * F2))
        return ok
    def cen_model():
        ok = True
        for F, F3 in ((1.0, 1.0), (2.0, 0.5), (e1, e1)):
            E = lambda h: h * h / 6 * F3 + eps * F / h
            ok &= abs(fd(E, 1e-5, 1e-9) - (1e-5 / 3 * F3 - eps * F / 1e-10)) < 1e-6 * abs(1e-5 / 3 * F3 - eps * F / 1e-10) + 1e-12
            ok &= opt(E, (3 * eps * F / F3) ** (1 / 3))
        ok &= abs((2 * eps * 1.0) / (2 * 1e-5) - eps * 1.0 / 1e-5) < 1e-30
        return ok
    def row(k, sh, sf, sc):
        return ALL(C(sh, 10.0 ** (-k)), C(sf, tab[k][0]), C(sc, tab[k][1]))
    rows = [(1, '1e-01', '1.4e-01', '4.5e-03'), (2, '1e-02', '1.4e-02', '4.5e-05'), (3, '1e-03', '1.4e-03', '4.5e-07'),
            (4, '1e-04', '1.4e-04', '4.5e-09'), (5, '1e-05', '1.4e-05', '5.9e-11'), (6, '1e-06', '1.4e-06', '1.6e-10'),
            (7, '1e-07', '1.4e-07', '5.9e-11'), (8, '1e-08', '6.6e-09', '6.6e-09'), (9, '1e-09', '2.2e-07', '6.6e-09'),
            (10, '1e-10', '1.5e-06', '6.7e-07'), (11, '1e-11', '3.3e-05', '1.0e-05'), (12, '1e-12', '4.3e-04', '2.1e-04'),
            (13, '1e-13', '4.6e-04', '4.6e-04')]
    checks = [
        ('## Lab 2, part 3', GIVEN, '2 3'),
        ('In part 2 we saw that the truncation error', lambda: trunc() and ALL(E('2', 2), E('2', 2), E('2', 2), E('6', 6), E('0', 0), P10('-15', 1e-15),
            P10('-52', eps, '2'), SCI('2.22', '-16', eps)) and abs(float(np.float64(1.0) + eps) - 1.0) == eps, '2'),
        ('$$E_+(h) = \\frac{h}{2}', fwd_model, '2 2 2 2 2 0 2 2'),
        ('**Central difference.** The numerator error', lambda: ALL(E('2', 2), E('2', 2)), ''),
        ('$$E_0(h) = \\frac{h^2}{6}', cen_model, '2 6 3 2 0 3 1 3'),
        ('So, up to constants, $h \\approx \\sqrt{\\varepsilon}$', lambda: ALL(E('1', 1), E('3', 3), E('1', 1)) and abs(fd(np.exp, 1.0) - e1) < 1e-8
            and abs(2 * math.sqrt(eps * e1 / e1) - 2 * math.sqrt(eps)) < 1e-20 and abs((3 * eps * e1 / e1) ** (1 / 3) - (3 * eps) ** (1 / 3)) < 1e-18, '2 3 1 3'),
        ('f, x, exact = math.exp, 1.0, math.exp(1.0)', lambda: ALL(E('1.0', 1.0), E('1.0', 1.0))),
        ('h = 10.0 ** (-k)', lambda: E('10.0', 10.0)),
        ('err_cen = abs((f(x + h) - f(x - h)) / (2 * h) - exact)', lambda: True, '2'),
    ]
    for k, sh, sf, sc in rows:
        checks.append((sh + '  ' + sf, (lambda k=k, sh=sh, sf=sf, sc=sc: row(k, sh, sf, sc))))
    checks += [
        ('For large $h$ the forward error drops by a factor $10$', lambda: ALL(E('10', 10), E('100', 100), E('1', 1))
            and all(abs(tab[k][0] / tab[k + 1][0] - 10) < 0.5 for k in (1, 2, 3)) and all(abs(tab[k][1] / tab[k + 1][1] - 100) < 2 for k in (1, 2, 3))
            and tab[13][0] > tab[11][0] > tab[9][0] > tab[8][0]),
        ('eps = np.finfo(np.float64).eps', lambda: eps == 2.0 ** -52),
        ('h_fwd = 2 * math.sqrt(eps)', lambda: E('2', 2)),
        ('h_cen = (3 * eps) ** (1 / 3)', lambda: ALL(E('3', 3), E('1', 1), E('3', 3))),
        ('print(2 * math.sqrt(eps) * exact', lambda: ALL(E('2', 2), E('2', 2), E('6', 6))),
        ('2.9802322387695312e-08 8.733476581980381e-06', lambda: ALL(C('2.9802322387695312e-08', h_fwd), C('8.733476581980381e-06', h_cen))),
        ('8.101111139235035e-08 1.036665883871096e-10', lambda: ALL(C('8.101111139235035e-08', Ef), C('1.036665883871096e-10', Ec))),
        ('The predicted optima, $h_+^\\ast \\approx 3.0', lambda: ALL(SCI('3.0', '-8', h_fwd), SCI('8.7', '-6', h_cen), P10('-8', 1e-8), P10('-5', 1e-5), P10('-7', 1e-7),
            SCI('8.1', '-8', Ef), SCI('1.0', '-10', Ec), SCI('6.6', '-9', tab[8][0]), SCI('5.9', '-11', tab[5][1]), E('100', 100))
            and min(tab, key=lambda k: tab[k][0]) == 8 and min(tab, key=lambda k: tab[k][1]) == 5 and f'{tab[7][1]:.1e}' == f'{tab[5][1]:.1e}'
            and min(v[0] for v in tab.values()) <= Ef and min(v[1] for v in tab.values()) <= Ec
            and 50 < min(v[0] for v in tab.values()) / min(v[1] for v in tab.values()) < 200),
        ('**Take-away for gradient checking.**', lambda: ALL(P10('-5', 1e-5), P10('-6', 1e-6), E('1', 1), P10('-23', float(np.finfo(np.float32).eps), '2'),
            SCI('1.19', '-7', float(np.finfo(np.float32).eps)), E('3', 3), E('1', 1), E('3', 3), SCI('7.1', '-3', (3 * 2.0 ** -23) ** (1 / 3)), P10('-5', 1e-5))
            and round(math.log10((3 * 2.0 ** -23) ** (2 / 3) / 6 + 2.0 ** -23 / (3 * 2.0 ** -23) ** (1 / 3))) == -5),
    ]
    return checks

# ======================================================================= 09
@register('09_konditionszahl_de.md', comma=True)
def f09():
    A = np.array([[1, 1], [1, 1.001]]); b = np.array([2, 2.001]); Ai = np.linalg.inv(A)
    x = np.linalg.solve(A, b); bt = np.array([2, 2.002]); xt = np.linalg.solve(A, bt)
    nA = np.linalg.norm(A, np.inf); nAi = np.linalg.norm(Ai, np.inf); kinf = nA * nAi
    lam = np.linalg.eigvalsh(A); k2 = lam[-1] / lam[0]
    def kappa_ge1():
        ok = True
        for _ in range(5):
            M = rand(3, 3) + 3 * np.eye(3)
            for o in (1, 2, np.inf):
                ok &= np.linalg.norm(M, o) * np.linalg.norm(np.linalg.inv(M), o) >= 1 - 1e-12
                ok &= abs(np.linalg.norm(M @ np.linalg.inv(M), o) - 1) < 1e-10
        return ok
    def satz():
        ok = True
        for _ in range(20):
            M = rand(3, 3) + 2 * np.eye(3); xx = rand(3); bb = M @ xx; db = rand(3) * 1e-3; dx = np.linalg.solve(M, db)
            for o in (1, 2, np.inf):
                kap = np.linalg.norm(M, o) * np.linalg.norm(np.linalg.inv(M), o)
                ok &= np.linalg.norm(dx, o) / np.linalg.norm(xx, o) <= kap * np.linalg.norm(db, o) / np.linalg.norm(bb, o) * (1 + 1e-10)
        return ok
    def beweis():
        ok = True
        for _ in range(10):
            M = rand(3, 3) + 2 * np.eye(3); xx = rand(3); bb = M @ xx; db = rand(3); dx = np.linalg.solve(M, db)
            ok &= near(dx, np.linalg.inv(M) @ db, 1e-10)
            ok &= np.linalg.norm(dx, np.inf) <= np.linalg.norm(np.linalg.inv(M), np.inf) * np.linalg.norm(db, np.inf) * (1 + 1e-12)
            ok &= np.linalg.norm(bb, np.inf) <= np.linalg.norm(M, np.inf) * np.linalg.norm(xx, np.inf) * (1 + 1e-12)
        return ok
    def normal_eq():
        ok = True
        for _ in range(5):
            X = rand(8, 3); X[:, 2] = X[:, 1] + 0.01 * X[:, 2]
            ok &= abs(np.linalg.cond(X.T @ X) / np.linalg.cond(X) ** 2 - 1) < 1e-6
        return ok
    def gd():
        lmin, lmax = lam[0], lam[-1]; eta = 2 / (lmax + lmin); q = (k2 - 1) / (k2 + 1)
        M = np.eye(2) - eta * A
        ok = abs(np.max(np.abs(np.linalg.eigvalsh(M))) - q) < 1e-9
        w = np.array([1.0, -1.0]); ws = np.linalg.solve(A, b); e0 = np.linalg.norm(w - ws)
        for _ in range(50):
            w = w - eta * (A @ w - b)
        return ok and np.linalg.norm(w - ws) <= q ** 50 * e0 * (1 + 1e-9)
    q = (k2 - 1) / (k2 + 1)
    return [
        ('Beim Lösen von $Ax = b$', GIVEN),
        ('**Definition 3.7.**', GIVEN, '3.7'),
        ('$$\\kappa(A) = \\|A\\|\\,\\|A^{-1}\\|$$', GIVEN, '-1'),
        ('Es gilt stets $\\kappa(A) \\ge', lambda: kappa_ge1() and E('1', 1), '-1'),
        ('**Satz 3.8 (Störung der rechten Seite).**', GIVEN, '3.8 0'),
        ('$$\\frac{\\|\\delta x\\|}{\\|x\\|} \\;\\le\\;', satz),
        ('*Beweis.* Aus $\\delta x = A^{-1}', lambda: beweis() and E('1', 1), '-1 -1'),
        ('$$A = \\begin{pmatrix} 1 & 1', lambda: ALL(EV(['1', '1', '1', '1.001'], A), EV(['2', '2.001'], b), CV(['1', '1'], x)) and near(A @ np.array([1, 1]), b, 1e-15)),
        ('Mit $\\det A = 1{,}001 - 1 = 0{,}001$', lambda: ALL(E('1.001', 1.001), E('1', 1), C('0.001', np.linalg.det(A)))),
        ('$$A^{-1} = \\frac{1}{0{,}001}', lambda: ALL(E('1', 1), E('0.001', 0.001), CV(['1.001', '-1', '-1', '1'], Ai * np.linalg.det(A)),
            CV(['1001', '-1000', '-1000', '1000'], Ai)), '-1'),
        ('In der Zeilensummennorm ist', lambda: ALL(C('2', np.abs(A).sum(1)[0]), C('2.001', np.abs(A).sum(1)[1]), C('2.001', nA),
            C('2001', np.abs(Ai).sum(1)[0]), C('2000', np.abs(Ai).sum(1)[1]), C('2001', nAi)), '-1'),
        ('$$\\kappa_\\infty(A) = 2{,}001 \\cdot 2001', lambda: ALL(E('2.001', nA), C('2001', nAi), C('4004.001', kinf), C('4004', kinf)) and abs(np.linalg.cond(A, np.inf) - kinf) < 1e-6),
        ('Nun stören wir die zweite Komponente', lambda: ALL(EV(['2', '2.002'], bt), C('0', (bt - b)[0]), C('0.001', (bt - b)[1]), E('-1', -1),
            CV(['-1', '1'], Ai @ (bt - b)), CV(['0', '2'], xt))),
        ('$$\\frac{\\|\\delta b\\|_\\infty}{\\|b\\|_\\infty}', lambda: ALL(C('0.001', np.linalg.norm(bt - b, np.inf)), E('2.001', np.linalg.norm(b, np.inf)),
            SCI('5.0', '-4', np.linalg.norm(bt - b, np.inf) / np.linalg.norm(b, np.inf)), C('1', np.linalg.norm(xt - x, np.inf)), C('1', np.linalg.norm(x, np.inf)),
            C('1', np.linalg.norm(xt - x, np.inf) / np.linalg.norm(x, np.inf)))),
        ('Der Fehler wird also um den Faktor', lambda: ALL(E('1', 1), SCI('5.0', '-4', 0.001 / 2.001), C('2001', (np.linalg.norm(xt - x, np.inf) / 1) / (0.001 / 2.001)),
            E('3.8', 3.8), C('2001', 2001.0), C('4004', kinf)) and 0.4 < 2001 / kinf < 0.6),
        ('**Bemerkung (Spektralnorm).**', lambda: ALL(E('2', 2), C('2.001', np.trace(A)), C('0.001', np.linalg.det(A)), E('0', 0), C('2.0005', lam[-1]),
            SCI('4.999', '-4', lam[0]), C('4002', k2), C('3.6', math.log10(kinf), math.log10(k2)), E('7', round(-math.log10(np.finfo(np.float32).eps) - 0.4)),
            E('3', 3), E('4', 4)) and np.all(lam > 0) and near(A, A.T) and abs(np.linalg.cond(A) - k2) < 1e-6
            and 3 <= 7.2 - math.log10(k2) <= 4),
        ('- *Normalgleichungen.*', normal_eq, '2'),
        ('- *Gradientenverfahren.*', lambda: gd() and ALL(E('1', 1), E('2', 2), E('2', 2), E('1', 1), E('1', 1), C('0.9995', q), P10('-6', 1e-6), P10('-6', 1e-6),
            SCI('2.8', '4', math.log(1e-6) / math.log(q)))),
    ]

# ======================================================================= 10
@register('10_softplus_log1p_fr.md', comma=True)
def f10():
    zeta = lambda x: np.logaddexp(0.0, x)
    def stable(x):
        return np.maximum(x, 0) + np.log1p(np.exp(-np.abs(x)))
    def grad_carried(x):                               # what the text's code computes (branch x > 0 as derived in the text)
        t = np.exp(-np.abs(x)); return np.where(x > 0, 1 + t / (1 + t), t / (1 + t))
    def derivs():
        ok = True
        for x in rand(6, lo=-6, hi=6):
            ok &= abs(fd(zeta, x) - sig(x)) < 1e-8 and abs(np.exp(x) / (1 + np.exp(x)) - 1 / (1 + np.exp(-x))) < 1e-14
            ok &= abs(fd(sig, x) - sig(x) * (1 - sig(x))) < 1e-8
        return ok
    def props():
        xs = rand(200, lo=-30, hi=30)
        return bool(np.all((sig(xs) > 0) & (sig(xs) < 1))) and near(zeta(xs) - zeta(-xs), xs, 1e-12)
    def branch_pos():
        ok = True
        for x in rand(6, lo=0.1, hi=6):
            f = lambda t: t + np.log(1 + np.exp(-t))
            ok &= abs(fd(f, x) - (1 + np.exp(-x) / (1 + np.exp(-x)))) < 1e-8      # the text's claim
            ok &= abs(np.exp(-x) / (1 + np.exp(-x)) - sig(-x)) < 1e-14
            ok &= abs(fd(lambda t: np.log(1 + np.exp(-t)), x) - np.exp(-x) / (1 + np.exp(-x))) < 1e-8
        return ok
    return [
        ('## 5.3 La fonction softplus et `log1p`', GIVEN, '5.3'),
        ('On note $\\zeta(x) = \\ln(1 + e^{x})$', lambda: near(zeta(np.array([-50.0, 50.0])), [0, 50], 1e-12) and E('1', 1) and E('0', 0)),
        ('**Dérivées.** Par dérivation composée', GIVEN),
        ('$$\\zeta\'(x) = \\frac{e^{x}}{1 + e^{x}}', derivs, '1 1 1 1'),
        ('La dérivée de softplus est donc la sigmoïde logistique', lambda: props() and ALL(E('0', 0), E('1', 1))),
        ('*Application numérique.* Pour $x = 2$', lambda: ALL(E('2', 2), E('1', 1), E('2', 2), C('8.3891', 1 + np.exp(2)), E('2', 2), C('2.1269', zeta(2.0)),
            E('2', 2), E('2', 2), C('0.8808', sig(2.0)), E('-2', -2), E('1', 1), E('-2', -2), C('0.1269', zeta(-2.0)), E('2', 2), E('-2', -2),
            C('2', zeta(2.0) - zeta(-2.0), 2.1269 - 0.1269)) and abs(fd(zeta, 2.0) - sig(2.0)) < 1e-9),
        ('**Premier écueil : $x$ très négatif.**', lambda: ALL(E('-40', -40), E('-40', -40), SCI('4.248', '-18', np.exp(-40.0)), E('2', 2),
            SCI('1.11', '-16', np.finfo(float).eps / 2), E('1', 1), E('-40', -40), E('1', float(1.0 + np.exp(-40.0))), E('1', 1), E('0', np.log(1 + np.exp(-40.0))),
            E('100', 100 * abs(np.log(1 + np.exp(-40.0)) - zeta(-40.0)) / zeta(-40.0)), E('-40', -40), SCI('4.248', '-18', zeta(-40.0)),
            E('1', 1), E('1', 1), E('1', 1)) and zeta(-40.0) > 0 and np.log1p(np.exp(-40.0)) == np.exp(-40.0) * (1 - np.exp(-40.0) / 2)
            and abs(np.log1p(1e-3) - (1e-3 - 1e-6 / 2)) < 1e-9, '2 2 3'),
        ('>>> np.log(1 + np.exp(-40.0)), np.log1p', lambda: ALL(E('1', 1), E('-40.0', -40), E('-40.0', -40))),
        ('(0.0, 4.248354255291589e-18)', lambda: ALL(E('0.0', np.log(1 + np.exp(-40.0))), C('4.248354255291589e-18', np.log1p(np.exp(-40.0))))),
        ('**Second écueil : $x$ très positif.**', lambda: ALL(C('709.78', math.log(np.finfo(float).max)), E('800', 800), E('800', 800), E('800', 800), E('1', 1),
            E('-800', -800), E('800', stable(800.0))) and np.isinf(np.log(1 + np.exp(800.0))) and np.isinf(np.exp(709.79)) and not np.isinf(np.exp(709.78))),
        ('**Forme stable.**', GIVEN),
        ('$$\\zeta(x) = \\max(x, 0) + \\operatorname{log1p}', lambda: all(abs(stable(x) - zeta(x)) < 1e-12 * max(1, abs(x)) for x in rand(50, lo=-40, hi=40)), '0'),
        ("où l'argument de l'exponentielle est toujours négatif", lambda: ALL(E('0', 0), E('1', 1), E('1', 1))
            and all(-abs(x) <= 0 for x in rand(20)) and all(abs(x + np.log(1 + np.exp(-x)) - np.log(np.exp(x) * (1 + np.exp(-x)))) < 1e-12 for x in rand(10, lo=0, hi=5))),
        ('**Gradient de la forme stable.**', lambda: ALL(E('0', 0), E('1', 1), E('1', 1), E('0', 0)) and all(abs(fd(lambda t: np.log(1 + np.exp(t)), x) - np.exp(x) / (1 + np.exp(x))) < 1e-8 for x in rand(5, lo=-5, hi=-0.1))),
        ("$$\\zeta'(x) = 1 + \\frac{d}{dx}", branch_pos, '1 1 1 1 1'),
        ("Chaque branche n'évalue que", lambda: ALL(E('1', 1), E('40', 40), E('40', 40), E('1', 1), E('-40', -40), E('1', 1), SCI('4.248', '-18', sig(-40.0)),
            E('1.0', float(1.0 + sig(-40.0)))) and float(sig(40.0)) == 1.0),
        ('return np.maximum(x, 0) + np.log1p(np.exp(-np.abs(x)))', lambda: all(abs(stable(x) - zeta(x)) < 1e-12 * max(1, abs(x)) for x in rand(20, lo=-50, hi=50)) and E('0', 0)),
        ('t = np.exp(-np.abs(x))              # toujours dans ]0, 1]', lambda: ALL(E('1', 1)) and all(0 < np.exp(-abs(x)) <= 1 for x in rand(20, lo=-30, hi=30))),
        ('return np.where(x > 0, 1 + t / (1 + t), t / (1 + t))', lambda: ALL(E('0', 0), E('1', 1), E('1', 1), E('1', 1))
            and all(abs(grad_carried(x) - (1 + sig(-x) if x > 0 else sig(x))) < 1e-12 for x in rand(20, lo=-20, hi=20))),
        ('*À retenir.* Ne jamais écrire', lambda: ALL(E('1', 1), E('0', 0)) and all(abs(np.logaddexp(0, x) - zeta(x)) < 1e-12 * max(1, abs(x)) for x in rand(10, lo=-50, hi=50))),
    ]

# ======================================================================= 11
@register('11_fp16_rango_loss_scaling_es.md', comma=True)
def f11():
    f16 = np.float16
    def decode(bits):
        return float(np.array(bits, np.uint16).view(f16))
    def fields(v):
        b = int(np.array(v, f16).view(np.uint16)); return b >> 15, (b >> 10) & 31, b & 1023
    def normal_formula():
        ok = True
        for _ in range(300):
            s, Ee, fr = int(RNG.integers(2)), int(RNG.integers(1, 31)), int(RNG.integers(1024))
            ok &= decode((s << 15) | (Ee << 10) | fr) == (-1) ** s * 2.0 ** (Ee - 15) * (1 + fr / 1024)
        return ok
    def sub_formula():
        ok = True
        for fr in range(0, 1024, 7):
            for s in (0, 1):
                ok &= decode((s << 15) | fr) == (-1) ** s * 2.0 ** -14 * fr / 1024
        return ok
    def special():
        return all(np.isinf(decode((s << 15) | (31 << 10))) for s in (0, 1)) and np.isnan(decode((31 << 10) | 5))
    xmax = float(np.finfo(f16).max); tiny = float(np.finfo(f16).tiny); sub = float(np.finfo(f16).smallest_subnormal)
    carried_min = 2.0 ** -15; carried_sub = 2.0 ** -25
    return [
        ('Un número fp16 ocupa 16 bits', lambda: ALL(E('16', 8 * np.dtype(f16).itemsize), E('1', 1), E('5', 5), E('10', np.finfo(f16).nmant), E('15', 15),
            E('2', 2), E('5', 5), E('1', 1), E('1', 1)) and 2 ** (5 - 1) - 1 == 15 and decode(15 << 10) == 1.0),
        ('Sea $E$ el valor del campo de exponente', lambda: ALL(E('0', 0), E('31', 2 ** 5 - 1), E('0', 0), E('1023', 2 ** 10 - 1))),
        ('(-1)^s \\cdot 2^{E-15}\\cdot\\left(1 + \\dfrac{f}{1024}\\right)', lambda: normal_formula() and ALL(E('-1', -1), E('2', 2), E('15', 15), E('1', 1), E('1024', 1024),
            E('1', 1), E('30', 30), E('6', 6))),
        ('(-1)^s \\cdot 2^{-14}\\cdot \\dfrac{f}{1024}', lambda: sub_formula() and ALL(E('-1', -1), P10('-14', 2.0 ** -14, '2'), E('1024', 1024), E('0', 0), E('6', 6))),
        ('\\pm\\infty \\text{ o NaN}', lambda: special() and E('31', 31)),
        ('**Mayor valor finito.**', lambda: ALL(E('30', 30), E('1023', 1023)) and fields(xmax)[1:] == (30, 1023)),
        ('$$x_{\\max} = 2^{30-15}', lambda: ALL(E('2', 2), E('30', 30), E('15', 15), E('1', 1), E('1023', 1023), E('1024', 1024), P10('15', 2 ** 15, '2'),
            E('2', 2), P10('-10', 2.0 ** -10, '2'), E('65504', xmax)) and 2 ** 15 * (1 + 1023 / 1024) == xmax == 2 ** 15 * (2 - 2 ** -10)),
        ('El siguiente valor "natural" sería', lambda: ALL(P10('16', 65536, '2'), E('65536', 2 ** 16), E('65520', (65504 + 65536) / 2), E('65504', xmax), E('65536', 65536))
            and np.isinf(f16(65520.0)) and f16(65519.0) == xmax and np.isinf(f16(65536.0))),
        ('**Menor valor normal.** Se toma el menor exponente', lambda: E('0', fields(tiny)[1])),
        ('$$x_{\\min,\\text{normal}} = 2^{0-15}', lambda: ALL(E('2', 2), E('0', 0), E('15', 15), P10('-15', tiny, '2'), SCI('3.05', '-5', tiny, carried_min))),
        ('**Subnormales.** Por debajo de', lambda: E('1', 1) and np.all(np.diff(np.arange(1, 1024, dtype=np.uint16).view(f16).astype(float)) == sub)),
        ('$$x_{\\min,\\text{sub}} = 2^{-15}\\cdot 2^{-10}', lambda: ALL(P10('-15', tiny, '2'), P10('-10', 2.0 ** -10, '2'), P10('-25', sub, '2'),
            SCI('2.98', '-8', sub, carried_sub)) or (carried_min * 2.0 ** -10 == carried_sub and False)),
        ('**Épsilon de máquina.**', lambda: ALL(E('1', 1), P10('-10', float(np.finfo(f16).eps), '2'), SCI('9.77', '-4', 2.0 ** -10), E('3', round(-math.log10(2.0 ** -11) - 0.3)))
            and float(f16(1) + f16(2.0 ** -10)) == 1 + 2.0 ** -10),
        ('Muchos gradientes de las capas profundas', lambda: ALL(P10('-8', 1e-8), P10('-8', 1e-8), SCI('2.98', '-8', sub, carried_sub), E('0', float(f16(1e-8))))),
        ('Idea (*loss scaling*)', lambda: all(abs(fd(lambda t: 1024 * np.sin(t) ** 2, x) - 1024 * fd(lambda t: np.sin(t) ** 2, x)) < 1e-5 for x in rand(3))),
        ('- Con $S = 2^{10} = 1024$', lambda: ALL(P10('10', 1024, '2'), E('1024', 1024), P10('-8', 1e-8), E('1024', 1024), SCI('1.024', '-5', 1e-8 * 1024),
            SCI('3.05', '-5', tiny, carried_min)) and 0 < float(f16(1e-8 * 1024)) < tiny and abs(float(f16(1.024e-5)) / 1.024e-5 - 1) < 0.01),
        ('- Con $S = 2^{16} = 65\\,536$', lambda: ALL(P10('16', 65536, '2'), E('65536', 65536), P10('-8', 1e-8), E('65536', 65536), SCI('6.55', '-4', 1e-8 * 65536))
            and float(f16(1e-8 * 65536)) >= tiny),
        ('Pero el factor no puede crecer sin límite', lambda: ALL(E('2', 2), E('65536', 65536), E('131072', 2 * 65536), E('65504', xmax), E('2', 2), E('2000', 2000), E('2', 2))
            and np.isinf(f16(2 * 65536.0))),
        ('> **Ojo:**', lambda: E('8', np.finfo(np.float32).nexp)),
    ]

# ======================================================================= 12
@register('12_logsumexp_cross_entropy_ru.md', comma=True)
def f12():
    Z = np.array([[800.0, 798, 795], [1, 2, 3]]); y = np.array([2, 3]); N, Cc = Z.shape; Y = np.eye(Cc)[y - 1]
    m = Z.max(1); e = np.exp(Z - m[:, None]); s = e.sum(1); lse = m + np.log(s); P = e / s[:, None]
    ell = lse - Z[np.arange(N), y - 1]; L = ell.mean()
    Lf = lambda ZZ: np.mean(np.log(np.exp(ZZ - ZZ.max(1, keepdims=True)).sum(1)) + ZZ.max(1) - ZZ[np.arange(N), y - 1])
    G_true = grad(Lf, Z); G_car = P - Y
    lse_f = lambda z: np.log(np.sum(np.exp(z)))
    def lse_any_m():
        ok = True
        for _ in range(5):
            z = rand(4) * 3
            for mm in (z.max(), 0.0, rand(1)[0] * 5):
                ok &= abs(mm + np.log(np.sum(np.exp(z - mm))) - lse_f(z)) < 1e-12
        return ok
    def lse_grad():
        ok = True
        for _ in range(5):
            z = rand(4) * 3; ok &= near(grad(lse_f, z), softmax(z)) and near(np.exp(z) / np.exp(z).sum(), softmax(z), 1e-14)
        return ok
    def m_indep():
        ok = True
        for _ in range(3):
            z = rand(4) * 3; g = lambda mm: mm + np.log(np.sum(np.exp(z - mm)))
            ok &= abs(fd(g, 0.7)) < 1e-9
            ok &= near(grad(lambda u: u.max() + np.log(np.sum(np.exp(u - u.max()))), z), softmax(z))
        return ok
    def ce_single():
        ok = True
        for _ in range(5):
            z = rand(4) * 3; k = int(RNG.integers(4)); ek = np.eye(4)[k]
            ok &= abs(-np.log(softmax(z)[k]) - (lse_f(z) - z[k])) < 1e-12
            ok &= near(grad(lambda u: lse_f(u) - u[k], z), softmax(z) - ek)
        return ok
    def batch_rule():
        ok = True
        for _ in range(3):
            ZZ = rand(3, 4) * 2; yy = RNG.integers(0, 4, 3); YY = np.eye(4)[yy]
            f = lambda U: np.mean([lse_f(U[n]) - U[n, yy[n]] for n in range(3)])
            ok &= near(grad(f, ZZ), softmax(ZZ) - YY)                      # the text's claim
        return ok
    return [
        ('**Обозначения.**', GIVEN, '1'),
        ('$$\\operatorname{LSE}(z) = \\log\\sum_{j=1}^{C}', lse_any_m),
        ('Равенство верно при любом $m$', lambda: lse_any_m() and ALL(E('0', 0), E('0', 0), E('1', np.exp(0)))
            and all((u - u.max() <= 0).all() for u in [rand(5) * 100 for _ in range(5)])
            and all(np.exp(u - u.max()).sum() >= 1 for u in [rand(5) * 100 for _ in range(5)])),
        ('**2. Градиент LSE.**', GIVEN, '2'),
        ('$$\\frac{\\partial\\,\\operatorname{LSE}(z)}{\\partial z_i}', lse_grad),
        ('Замечание: то, что $m$ зависит от $z$', m_indep),
        ('**3. Кросс-энтропия.**', ce_single, '3'),
        ('$$\\frac{\\partial \\ell}{\\partial z} = p - e_{y},$$', ce_single),
        ('где $e_y$ — единичный вектор.', lambda: E('1', 1) and abs(np.mean(ell) - L) < 1e-15),
        ('$$\\frac{\\partial L}{\\partial Z} = P - Y,$$', batch_rule),
        ('где $P = \\operatorname{softmax}(Z)$ по строкам', lambda: P.shape == Z.shape and near(P.sum(1), np.ones(N), 1e-12)),
        ('**4. Пример.** $N = 2$, $C = 3$', lambda: ALL(E('4', 4), E('2', N), E('3', Cc))),
        ('$$Z = \\begin{pmatrix} 800', lambda: ALL(EV(['800', '798', '795', '1', '2', '3'], Z), E('2', y[0]), E('3', y[1]))),
        ('Наивно $e^{800} = \\infty$', lambda: ALL(E('800', 800), C('709.78', math.log(np.finfo(float).max))) and np.isinf(np.exp(800.0))),
        ('- Строка 1:', lambda: ALL(E('1', 1), E('800', m[0]), EV(['0', '-2', '-5'], Z[0] - m[0]), CV(['1', '0.1353', '0.0067'], e[0]), C('1.1421', s[0]),
            C('1.1421', s[0]), C('0.1328', np.log(s[0])), C('800.1328', lse[0]), CV(['0.8756', '0.1185', '0.0059'], P[0]))),
        ('- Строка 2:', lambda: ALL(E('2', 2), E('3', m[1]), EV(['-2', '-1', '0'], Z[1] - m[1]), C('1.5032', s[1]), C('3.4076', lse[1]), CV(['0.0900', '0.2447', '0.6652'], P[1]))),
        ('- Потери:', lambda: ALL(C('800.1328', lse[0]), E('798', Z[0, y[0] - 1]), C('2.1328', ell[0]), C('3.4076', lse[1]), E('3', Z[1, y[1] - 1]), C('0.4076', ell[1]),
            C('2.1328', ell[0]), C('0.4076', ell[1]), E('2', N), C('1.2702', L, (2.1328 + 0.4076) / 2)) and abs(Lf(Z) - L) < 1e-12),
        ('Градиент по формуле из п. 3', lambda: E('3', 3)),
        ('$$\\frac{\\partial L}{\\partial Z} \\approx \\begin{pmatrix}', lambda: CV(['0.8756', '-0.8815', '0.0059', '0.0900', '0.2447', '-0.3348'], G_true, G_car)),
        ('Проверка: сумма каждой строки равна нулю', lambda: ALL(C('0.8756', G_true[0, 0], G_car[0, 0]), C('0.8815', -G_true[0, 1], -G_car[0, 1]),
            C('0.0059', G_true[0, 2], G_car[0, 2]), C('0', 0.8756 - 0.8815 + 0.0059), C('0.0900', G_true[1, 0], G_car[1, 0]), C('0.2447', G_true[1, 1], G_car[1, 1]),
            C('0.3348', -G_true[1, 2], -G_car[1, 2]), C('0', 0.0900 + 0.2447 - 0.3348)) and near(G_true.sum(1), np.zeros(2)) and near(softmax(Z + 3.7), P, 1e-12)),
        ('**5. Что делают библиотеки.**', lambda: E('5', 5) and np.log(softmax(np.array([0.0, -800.0])))[1] == -np.inf
            and near((lambda z: z - (z.max() + np.log(np.exp(z - z.max()).sum())))(np.array([0.0, -800.0])), [0, -800], 1e-12)),
    ]

# ======================================================================= 13
@register('13_bf16_vs_fp16_zhihu.md')
def f13():
    f32, f16 = np.float32, np.float16
    def bf_from_bits(b16):
        return float(np.array(int(b16) << 16, dtype=np.uint32).view(f32))
    def to_bf16(x):
        b = np.array(x, dtype=f32).view(np.uint32).item()
        b = (b + 0x7FFF + ((b >> 16) & 1)) >> 16
        return np.array(b << 16, dtype=np.uint32).view(f32).item()
    bf_max = bf_from_bits(0x7F7F); bf_tiny = bf_from_bits(0x0080); bf_eps = bf_from_bits(0x3F81) - 1.0
    f32max = float(np.finfo(f32).max); f32tiny = float(np.finfo(f32).tiny); f32eps = float(np.finfo(f32).eps)
    f16max = float(np.finfo(f16).max); f16tiny = float(np.finfo(f16).tiny); f16eps = float(np.finfo(f16).eps)
    def layout(dt, s, e, m):
        fi = np.finfo(dt); return fi.nexp == e and fi.nmant == m and 8 * np.dtype(dt).itemsize == s + e + m
    def bf_layout():
        # BF16 = top 16 bits of FP32: 1 sign, 8 exponent, 7 mantissa; bias 127 (1.0 = 0x3F80)
        return bf_from_bits(0x3F80) == 1.0 and bf_from_bits(0xBF80) == -1.0 and bf_from_bits(0x4000) == 2.0 and np.isinf(bf_from_bits(0x7F80))
    rb = abs(to_bf16(1 / 3) - 1 / 3) / (1 / 3); rf = abs(float(f16(1 / 3)) - 1 / 3) / (1 / 3)
    def bf_round_all():
        # to_bf16 really is round-to-nearest(-even) to the BF16 grid
        ok = True
        for x in RNG.uniform(-100, 100, 300):
            r = to_bf16(x); b = np.array(r, f32).view(np.uint32).item() >> 16
            lo, hi = bf_from_bits(b - 1) if r > 0 else None, bf_from_bits(b + 1)
            ok &= abs(float(f32(x)) - r) <= abs(hi - r) / 2 + 1e-30
        return ok
    return [
        ('| 格式 | 符号 | 指数 | 尾数 |', GIVEN),
        ('| FP32 | 1 | 8 | 23 | 127 |', lambda: layout(f32, 1, 8, 23) and ALL(E('1', 1), E('8', 8), E('23', 23), E('127', 127), SCI('3.40', '38', f32max),
            P10('-126', f32tiny, '2'), SCI('1.18', '-38', f32tiny), P10('-23', f32eps, '2'), SCI('1.19', '-7', f32eps)) and float(np.array(0x3F800000, np.uint32).view(f32)) == 1.0),
        ('| FP16 | 1 | 5 | 10 | 15 |', lambda: layout(f16, 1, 5, 10) and ALL(E('1', 1), E('5', 5), E('10', 10), E('15', 15), E('65504', f16max),
            P10('-14', f16tiny, '2'), SCI('6.10', '-5', f16tiny), P10('-10', f16eps, '2'), SCI('9.77', '-4', f16eps)) and float(np.array(0x3C00, np.uint16).view(f16)) == 1.0),
        ('| BF16 | 1 | 8 | 7 | 127 |', lambda: bf_layout() and ALL(E('1', 1), E('8', 8), E('7', 7), E('127', 127), SCI('3.39', '38', bf_max),
            P10('-126', bf_tiny, '2'), SCI('1.18', '-38', bf_tiny), P10('-7', bf_eps, '2'), E('0.0078125', bf_eps))),
        ('划重点：**BF16 的指数位和 FP32 一样是 8 位**', lambda: ALL(E('8', 8), E('7', 7), E('10', 10), E('5', 5)) and abs(bf_max / f32max - 1) < 0.01),
        ('最大有限值 = 最大的非保留指数', lambda: bf_max == (2 - 2 ** -7) * 2.0 ** 127 and f16max == (2 - 2 ** -10) * 2 ** 15),
        ('$$\\text{BF16}_{\\max} = (2 - 2^{-7})', lambda: ALL(E('2', 2), P10('-7', 2 ** -7, '2'), P10('127', 2.0 ** 127, '2'), SCI('3.3895', '38', bf_max),
            E('2', 2), P10('-23', 2 ** -23, '2'), P10('127', 2.0 ** 127, '2'), SCI('3.4028', '38', f32max)) and bf_max == (2 - 2 ** -7) * 2.0 ** 127 and f32max == (2 - 2 ** -23) * 2.0 ** 127),
        ('$$\\text{FP16}_{\\max} = (2 - 2^{-10})', lambda: ALL(E('2', 2), P10('-10', 2 ** -10, '2'), P10('15', 2 ** 15, '2'), E('65504', f16max)) and (2 - 2 ** -10) * 2 ** 15 == f16max),
        ('也就是说 BF16 的上限只比 FP32 小不到 0.4%', lambda: ALL(E('0.4', 0.4), E('65504', f16max), SCI('6.1', '-5', f16tiny), E('0', float(f16(1e-8)))) and 0.003 < 1 - bf_max / f32max < 0.004
            and np.isinf(f16(66000.0)) and to_bf16(1e-8) > 0 and to_bf16(1e5) < 1e38),
        ('含隐含位后，尾数精度分别是', lambda: ALL(E('24', np.finfo(f32).nmant + 1), E('11', np.finfo(f16).nmant + 1), E('8', 7 + 1), E('24', 24), C('7.2', 24 * math.log10(2)),
            E('11', 11), C('3.3', 11 * math.log10(2)), E('8', 8), C('2.4', 8 * math.log10(2)), E('3', 3)) and 8 * math.log10(2) < 3),
        ('用 $1/3$ 做个实验', lambda: ALL(E('1', 1), E('3', 3), E('16', 16)) and bf_round_all()),
        ('b = np.array(x, dtype=np.float32).view(np.uint32).item()', lambda: np.array(1.5, dtype=f32).view(np.uint32).item() == 0x3FC00000),
        ('b = (b + 0x7FFF + ((b >> 16) & 1)) >> 16', lambda: bf_round_all() and to_bf16(bf_from_bits(0x3F80) + 2 ** -8) == 1.0 and to_bf16(1 + 3 * 2 ** -8) == 1 + 2 ** -6,
            '0 16 1 16'),
        ('return np.array(b << 16, dtype=np.uint32)', lambda: to_bf16(2.0) == 2.0, '16'),
        ('print(hex(np.array(1/3, dtype=np.float32)', lambda: hex(np.array(1 / 3, dtype=f32).view(np.uint32).item()) == '0x3eaaaaab', '1 3 0'),
        ('print(to_bf16(1/3), float(np.float16(1/3)))', lambda: ALL(E('0.333984375', to_bf16(1 / 3)), E('0.333251953125', float(f16(1 / 3)))), '1 3 1 3'),
        ('BF16 的相对误差约', lambda: ALL(SCI('1.95', '-3', rb), SCI('2.44', '-4', rf), P10('3', 8, '2'), E('8', rb / rf), E('3', 10 - 7))),
        ('- **大数**：$70000$', lambda: ALL(E('70000', 70000), E('70144', to_bf16(70000.0)), P10('16', 2 ** 16, '2'), P10('17', 2 ** 17, '2'), E('2', 2), E('16', 16), E('7', 7),
            E('512', bf_from_bits(0x4781) - bf_from_bits(0x4780))) and np.isinf(f16(70000.0)) and bf_from_bits(0x4780) == 2 ** 16 and 2 ** 16 <= 70144 < 2 ** 17),
        ('- **小数**：$10^{-6}$', lambda: ALL(P10('-6', 1e-6), SCI('1.0133', '-6', float(f16(1e-6))), C('1.3', 100 * abs(float(f16(1e-6)) - 1e-6) / 1e-6),
            SCI('9.984', '-7', to_bf16(1e-6)), C('0.16', 100 * abs(to_bf16(1e-6) - 1e-6) / 1e-6)) and 1e-6 < f16tiny and abs(to_bf16(1e-6) - 1e-6) < abs(float(f16(1e-6)) - 1e-6)),
        ('**结论**：BF16 牺牲精度换范围', lambda: P10('-7', bf_eps, '2') and to_bf16(256.0 + 1.0) == 256.0),
        ('（评论区有人问 TF32', lambda: ALL(E('1', 1), E('8', 8), E('10', 10))),
    ]

# ======================================================================= 14
@register('14_numerical_diff_float32_qiita_ja.md')
def f14():
    def f(x):
        return x ** 3
    def forward_diff(f, x, h):
        return (f(x + h) - f(x)) / h
    def central_diff(f, x, h):
        return (f(x + h) - f(x - h)) / (2 * h)
    out = {dt.__name__: (forward_diff(f, dt(2.0), dt(1e-4)), central_diff(f, dt(2.0), dt(1e-4))) for dt in (np.float64, np.float32)}
    tab = {}
    for h in (1e-2, 1e-3, 1e-4, 1e-5, 1e-6):
        x, hh = np.float32(2.0), np.float32(h)
        tab[h] = (abs(forward_diff(f, x, hh) - 12), abs(central_diff(f, x, hh) - 12))
    eps32 = float(np.finfo(np.float32).eps)
    def poly_fwd():
        ok = True
        for _ in range(5):
            x, h = rand(1)[0], RNG.uniform(0.01, 1)
            ok &= abs((((x + h) ** 3 - x ** 3) / h) - (3 * x * x * h + 3 * x * h * h + h ** 3) / h) < 1e-10
            ok &= abs((3 * x * x * h + 3 * x * h * h + h ** 3) / h - (3 * x * x + 3 * x * h + h * h)) < 1e-10
        return ok
    def poly_cen():
        ok = True
        for _ in range(5):
            x, h = rand(1)[0], RNG.uniform(0.01, 1)
            ok &= abs((((x + h) ** 3 - (x - h) ** 3) / (2 * h)) - (6 * x * x * h + 2 * h ** 3) / (2 * h)) < 1e-10
            ok &= abs((6 * x * x * h + 2 * h ** 3) / (2 * h) - (3 * x * x + h * h)) < 1e-10
        return ok
    hstar = (3 * eps32 * 8 / 6) ** (1 / 3)
    def emodel():
        E = lambda h: h * h / 6 * 6 + eps32 * 8 / h
        hs = np.logspace(-5, -1, 40001); return abs(hs[np.argmin(E(hs))] / hstar - 1) < 1e-3
    rows = [(1e-2, '1e-02', '6.0e-02', '8.4e-05'), (1e-3, '1e-03', '4.9e-03', '3.9e-04'), (1e-4, '1e-04', '1.2e-02', '5.2e-03'),
            (1e-5, '1e-05', '1.6e-02', '1.6e-02'), (1e-6, '1e-06', '5.6e-01', '5.6e-01')]
    checks = [
        ('誤差逆伝播の実装を確認するときに使う数値微分', lambda: ALL(C('1e-4', 1e-4), E('3', 3))),
        ('の場合、展開は有限項で終わるので', GIVEN, '3'),
        ('$$\\frac{f(x+h) - f(x)}{h} = \\frac{3x^2 h', poly_fwd, '3 2 3 2 3 3 2 3 2'),
        ('$$\\frac{f(x+h) - f(x-h)}{2h} = \\frac{6x^2 h', poly_cen, '2 6 2 2 3 2 3 2 2'),
        ('では真の値は $f\'(2) = 12$', lambda: ALL(E('2', 2), E('2', 2), E('12', 3 * 4), E('6', 3 * 2), E('2', 2), E('2', 2), E('2', 2), P10('-4', 1e-4),
            C('12.00060001', 12 + 6e-4 + 1e-8), C('12.00000001', 12 + 1e-8)) and abs(fd(f, 2.0) - 12) < 1e-8),
        ('x, h = dtype(2.0), dtype(1e-4)', lambda: ALL(E('2.0', 2.0), C('1e-4', 1e-4))),
        ('float64 12.000600010022566', lambda: ALL(C('12.000600010022566', out['float64'][0]), C('12.00000001000845', out['float64'][1]))),
        ('float32 11.987686 11.994839', lambda: ALL(C('11.987686', out['float32'][0]), C('11.994839', out['float32'][1]))),
        ('float64 は理論値どおりです', lambda: ALL(P10('-11', 1e-11), SCI('1.2', '-2', abs(out['float32'][0] - 12)), SCI('5.2', '-3', abs(out['float32'][1] - 12)))
            and all(3e-12 < abs(a - b) < 3e-11 for a, b in zip(out['float64'], (12.00060001, 12.00000001)))),
        ('原因は丸め誤差です。', lambda: ALL(SCI('1.19', '-7', eps32), E('2', 2), E('8', f(2.0)), E('8', 8), SCI('9.5', '-7', eps32 * 8), P10('-4', 1e-4),
            SCI('9.5', '-3', eps32 * 8 / 1e-4), P10('-8', (1e-4) ** 2))),
        ('x, hh = np.float32(2.0), np.float32(h)', lambda: E('2.0', 2.0)),
    ]
    for h, sh, sf, sc in rows:
        checks.append((sh + '  ' + sf, (lambda h=h, sh=sh, sf=sf, sc=sc: ALL(C(sh, h), C(sf, tab[h][0]), C(sc, tab[h][1])))))
    checks += [
        ('中心差分の誤差が最小になるのは', lambda: emodel() and min(tab, key=lambda k: tab[k][1]) == 1e-2 and ALL(P10('-2', 1e-2), E('2', 2), E('6', 6), E('3', 3), E('1', 1), E('3', 3),
            E('8', abs(f(2.0))), E('6', 6), SCI('7.8', '-3', hstar)) and abs(fd(lambda t: fd(lambda u: fd(f, u, 1e-3), t, 1e-3), 2.0, 1e-3) - 6) < 1e-4),
        ('ちなみに「h は小さいほどよい」', lambda: ALL(C('1e-50', 1e-50), C('1e-50', 1e-50), E('0.0', float(np.float32(1e-50)))) and np.float32(1e-50) == 0
            and np.isnan(np.float32(0) / np.float32(0)) and np.isinf(np.float32(1) / np.float32(0))),
        ('- 打ち切り誤差：前方差分', lambda: abs((forward_diff(f, 2.0, 2e-3) - 12) / (forward_diff(f, 2.0, 1e-3) - 12) - 2) < 0.01
            and abs((central_diff(f, 2.0, 2e-3) - 12) / (central_diff(f, 2.0, 1e-3) - 12) - 4) < 0.01, '2'),
        ('- 丸め誤差：', lambda: tab[1e-6][1] > tab[1e-5][1] > tab[1e-4][1]),
        ('- 勾配確認は **float64 + 中心差分', lambda: ALL(P10('-4', 1e-4), P10('-6', 1e-6)) and all(abs(central_diff(f, 2.0, h) - 12) < 1e-7 for h in (1e-4, 1e-5, 1e-6))),
    ]
    return checks

# ======================================================================= 15
@register('15_stable_sigmoid_ko.md')
def f15():
    f32 = np.float32
    def stable_sigmoid(x):
        out = np.empty_like(x)
        pos = x >= 0
        out[pos] = 1.0 / (1.0 + np.exp(-x[pos]))
        e = np.exp(x[~pos])
        out[~pos] = e / (1.0 + e)
        return out
    s32 = lambda x: stable_sigmoid(np.array([x], f32))[0]
    def props():
        ok = True
        for x in rand(10, lo=-8, hi=8):
            ok &= abs(sig(-x) - (1 - sig(x))) < 1e-14
        return ok
    def deriv():
        ok = True
        for x in rand(10, lo=-8, hi=8):
            d = fd(sig, x)
            ok &= abs(d - np.exp(-x) / (1 + np.exp(-x)) ** 2) < 1e-9 and abs(d - sig(x) * (1 - sig(x))) < 1e-9 and abs(d - sig(x) * sig(-x)) < 1e-9
        return ok
    def stable_ok():
        xs = np.array([-1000.0, -50, -3, -0.5, 0, 0.5, 3, 50, 1000])
        r = stable_sigmoid(xs)
        return np.all(np.isfinite(r)) and near(r[1:-1], sig(xs[1:-1]), 1e-15) and r[0] == 0.0 and r[-1] == 1.0
    return [
        ('> 이번 주 스터디 주제', GIVEN),
        ('$$\\sigma(x) = \\frac{1}{1 + e^{-x}}$$', lambda: abs(sig(0.3) - 1 / (1 + math.exp(-0.3))) < 1e-15, '1 1'),
        ('- 대칭성:', props, '1'),
        ('- 도함수:', deriv, '1 2 1'),
        ('- $x = -1000$:', lambda: ALL(E('-1000', -1000), E('1', 1), E('1', 1), E('1000', 1000), E('1', 1), E('0', 1.0 / (1.0 + np.exp(1000.0)))) and np.isinf(np.exp(1000.0))),
        ('- 같은 식을 $e^{x}/(1 + e^{x})$ 꼴로', lambda: ALL(E('1', 1), E('1000', 1000)) and np.isnan(np.exp(1000.0) / (1 + np.exp(1000.0)))),
        ('pos = x >= 0', lambda: E('0', 0) and stable_ok()),
        ('out[pos] = 1.0 / (1.0 + np.exp(-x[pos]))', lambda: ALL(E('1.0', 1.0), E('1.0', 1.0), E('0', 0), E('1', 1)) and all(np.exp(-x) <= 1 for x in rand(20, lo=0, hi=50))),
        ('e = np.exp(x[~pos])', lambda: ALL(E('0', 0), E('1', 1)) and all(np.exp(x) < 1 for x in rand(20, lo=-50, hi=-1e-9))),
        ('out[~pos] = e / (1.0 + e)', lambda: E('1.0', 1.0) and all(abs(np.exp(x) / (1 + np.exp(x)) - sig(x)) < 1e-15 for x in rand(10, lo=-30, hi=-0.01))),
        ('$x = 3$일 때', lambda: ALL(E('3', 3), E('3', 3), C('0.9526', sig(3.0)), E('-3', -3), C('0.0474', sig(-3.0)))),
        ('$$\\sigma\'(3) = \\sigma(3)\\,\\sigma(-3)', lambda: ALL(E('3', 3), E('3', 3), E('-3', -3), C('0.9526', sig(3.0)), C('0.0474', sig(-3.0)),
            C('0.0452', fd(sig, 3.0), 0.9526 * 0.0474))),
        ('**float32 함정.**', lambda: ALL(E('20', 20), E('-20', -20), SCI('2.06', '-9', math.exp(-20)), E('1', 1), P10('-23', float(np.spacing(f32(1))), '2'),
            SCI('1.19', '-7', 2.0 ** -23), E('20', 20), E('1.0', s32(20.0)), E('1', 1), E('1.0', s32(20.0)), E('0', f32(1) - s32(20.0)), E('0', s32(20.0) * (f32(1) - s32(20.0))),
            E('20', 20), E('-20', -20), E('1', s32(20.0)), SCI('2.06', '-9', s32(-20.0)), E('1', 1))
            and abs(float(s32(20.0) * s32(-20.0)) / fd(sig, 20.0, 1e-3) - 1) < 1e-3),
        ('$\\sigma\'(x)$가 가장 큰 곳은', lambda: ALL(E('0', float(np.linspace(-5, 5, 10001)[np.argmax(sig(np.linspace(-5, 5, 10001)) * sig(-np.linspace(-5, 5, 10001)))])),
            E('0', 0), E('0.5', sig(0.0)), E('0', 0), E('0.5', fd(sig, 0.0))), ''),
        ('따라서 시그모이드 층을 $n$개 쌓으면', lambda: ALL(E('0.5', 0.5), E('10', 10), E('0.5', 0.5), E('10', 10), SCI('9.8', '-4', 0.5 ** 10))),
        ('이게 깊은 네트워크의 은닉층에서', lambda: C('1', fd(lambda t: max(t, 0.0), 1.3)) and abs(fd(lambda t: max(t, 0.0), 1.3) - 1) < 1e-9),
        ('**오늘의 교훈:**', lambda: near(stable_sigmoid(np.array([-40.0, 40.0])) * stable_sigmoid(np.array([40.0, -40.0])), [sig(40.0) * sig(-40.0)] * 2, 1e-30)),
    ]

# ======================================================================= 16
@register('16_welford_bai_giang_vi.md', comma=True)
def f16():
    f32 = np.float32
    x = np.array([50000, 50001, 50002], dtype=f32); xd = x.astype(float)
    sq = x * x; Ex2 = np.mean(sq); m2 = np.mean(x) ** 2
    def carried(xs):                                  # the update exactly as printed in the text
        n, mean, M = 1, xs[0], 0.0; rows = [(1, float(xs[0]), None, float(mean), 0.0)]
        for v in xs[1:]:
            n += 1; delta = v - mean; M += delta * (v - mean); mean += delta / n
            rows.append((n, float(v), float(delta), float(mean), float(M)))
        return mean, M / n, rows
    cm, cv, crow = carried(x)
    def true_rows(xs):
        out = []
        for n in range(1, len(xs) + 1):
            a = np.asarray(xs[:n], float); out.append((n, float(xs[n - 1]), None if n == 1 else float(xs[n - 1] - np.mean(xs[:n - 1])), a.mean(), np.sum((a - a.mean()) ** 2)))
        return out
    trow = true_rows(xd)
    def update_rule():
        ok = True
        for _ in range(5):
            d = rand(6, lo=-3, hi=5); mean = d[0]; M = 0.0
            for n in range(2, 7):
                delta = d[n - 1] - mean; new_mean = mean + delta / n
                M = M + delta * (d[n - 1] - mean)                          # as printed: uses the previous mean
                mean = new_mean
                ok &= abs(mean - d[:n].mean()) < 1e-12 and abs(M - np.sum((d[:n] - d[:n].mean()) ** 2)) < 1e-9
        return ok
    def row(i, shown):
        c = crow[i - 1]; t = trow[i - 1]
        vals = [E(shown[0], i), E(shown[1], c[1])]
        if shown[2] is not None:
            vals.append(C(shown[2], c[2], t[2]))
        vals += [C(shown[3], c[3], t[3]), C(shown[4], c[4], t[4])]
        return all(vals)
    return [
        ('Khi cần phương sai của một dòng dữ liệu', GIVEN, '2'),
        ('$$\\operatorname{Var}(x) = \\mathbb{E}[x^2]', lambda: all(abs(np.mean(d * d) - np.mean(d) ** 2 - np.var(d)) < 1e-12 for d in [rand(5) for _ in range(3)]), '2 2'),
        ('Về mặt đại số công thức này đúng', lambda: abs(Ex2 - m2) < 1e-6 * Ex2),
        ('**Ví dụ.** Xét ba giá trị float32', lambda: ALL(EV(['50000', '50001', '50002'], x), SCI('2.5', '9', Ex2), P10('31', 2 ** 31, '2'), P10('32', 2 ** 32, '2'),
            E('2', 2), E('31', 31), E('23', 23), E('256', float(np.spacing(f32(2.5e9))))) and all(2 ** 31 <= v < 2 ** 32 for v in sq.astype(float))),
        ('- $50001^2 = 2\\,500\\,100\\,001$', lambda: ALL(E('50001', 50001), E('2', 2), E('2500100001', 50001 ** 2), E('2500100096', sq[1]), E('50002', 50002), E('2', 2),
            E('2500200004', 50002 ** 2), E('2500199936', sq[2]))),
        ('tính trong float32 cho', lambda: ALL(E('2', 2), E('2500099840', Ex2), E('2', 2), E('50001', np.mean(x)), E('2', 2), E('2500100096', m2))),
        ('- hiệu là $2\\,500\\,099\\,840', lambda: ALL(E('2500099840', Ex2), E('2500100096', m2), E('-256', Ex2 - m2))),
        ('x = np.array([50000, 50001, 50002], dtype=np.float32)', lambda: EV(['50000', '50001', '50002'], x)),
        ('print(np.mean(x * x) - np.mean(x) ** 2)   # -256.0', lambda: ALL(E('2', 2), E('-256.0', np.mean(x * x) - np.mean(x) ** 2))),
        ('Phương sai **âm** là vô lý.', lambda: ALL(E('128', float(np.spacing(f32(2.5e9))) / 2), E('1', 1)) and np.var(xd) < 1 and max(abs(float(s) - v ** 2) for s, v in zip(sq, xd)) <= 128),
        ('Ý tưởng: không bao giờ bình phương giá trị thô', GIVEN),
        ('$$M_n = \\sum_{i=1}^{n} (x_i - \\bar x_n)^2', GIVEN, '2'),
        ('Khởi tạo $\\bar x_1 = x_1$, $M_1 = 0$.', lambda: ALL(E('0', 0), E('2', 2)) and np.sum((xd[:1] - xd[:1].mean()) ** 2) == 0),
        ('$$\\bar x_n = \\bar x_{n-1} + \\frac{\\delta_n}{n}', update_rule),
        ('Mọi phép trừ ở đây đều giữa các số gần nhau', lambda: all(abs(r[2]) < 10 for r in trow[1:])),
        ('| $n$ | $x_n$ | $\\delta_n$', GIVEN),
        ('| 1 | 50000 |', lambda: row(1, ['1', '50000', None, '50000', '0'])),
        ('| 2 | 50001 |', lambda: row(2, ['2', '50001', '1', '50000.5', '1'])),
        ('| 3 | 50002 |', lambda: row(3, ['3', '50002', '1.5', '50001', '3.25'])),
        ('Suy ra $\\operatorname{Var} = M_3/3', lambda: ALL(E('3', 3), C('3.25', crow[-1][4], trow[-1][4]), E('3', 3), C('1.0833', cv, trow[-1][4] / 3, 3.25 / 3)) and cv > 0),
        ('n, mean, M = 1, xs[0], 0.0', lambda: ALL(E('1', 1), E('0', 0), E('0.0', 0.0))),
        ('n += 1', lambda: E('1', 1)),
        ('print(welford(x)[1])   # 1.0833334', lambda: ALL(E('1', 1), C('1.0833334', cv, np.var(xd)))),
        ('**Ghi nhớ.** Khi đã có toàn bộ dữ liệu', lambda: abs(float(np.var(x)) - 2 / 3) < 1e-6),
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
        if ch == '^' and re.match(r'\^\{?\(\d+\)', s[i:]):                # layer / step labels ^{(1)}
            i = _skip_group(s, i + 1); continue
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
        return [m.group(1), m.group(2).lstrip('+-')]            # 1.4e-01 -> '1.4', '01' (as printed)
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
        print(f'{name:40s} lines={n:2d} first_false={ff!s:4s} expected={exp!s:4s} {"OK" if ok else "MISMATCH"}')
        for p in probs:
            print('    !', p)
    if not only:
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
