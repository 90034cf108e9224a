#!/usr/bin/env python3
"""Independent NumPy check of corpus81 (loss functions and output layers).

Every file gets an ordered list of checks: (unique substring of one line,
predicate[, declared structural tokens]).  Every line that carries mathematics
must be covered by a check.  Definitions / givens are GIVEN; symbolic
derivative claims are tested with central finite differences at random points;
worked numbers are recomputed and must agree to their printed precision with
the exact value or with the value recomputed from the rounded numbers the
author carried forward; sizes are recomputed by building arrays.
Every number printed on a checked line must be a checked value or a declared
structural token ('*' = not accounted; used for pure givens only).
The first line whose predicate is False must equal expected.json.
"""
import json, math, os, re, sys
from collections import Counter
import numpy as np

VERBOSE = '-v' in sys.argv
D = os.path.dirname(os.path.abspath(__file__))
RNG = np.random.default_rng(81)

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
    """shown agrees to its printed precision with at least one candidate."""
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
        for s in shown:
            _LITS.append(s)
        return False
    return all([C(s, *[a[i] for a in arrs]) for i, s in enumerate(shown)])

def EV(shown, arr):
    arr = np.ravel(np.asarray(arr, float))
    if arr.size != len(shown):
        for s in shown:
            _LITS.append(s)
        return False
    return all([E(s, arr[i]) for i, s in enumerate(shown)])

def ALL(*xs):
    """every argument is evaluated (so all literals are registered), then AND."""
    return all(bool(x) for x in xs)

def grad(f, x, h=1e-6):
    x = np.array(x, dtype=float)
    g = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        e = np.zeros_like(x); e[idx] = h
        g[idx] = (f(x + e) - f(x - e)) / (2 * h)
    return g

def d1(f, x, h=1e-6):
    return (f(x + h) - f(x - h)) / (2 * h)

def near(a, b, tol=1e-6):
    a = np.asarray(a, float); b = np.asarray(b, float)
    return a.shape == b.shape and np.allclose(a, b, atol=tol, rtol=1e-6)

def rand(*shape, lo=-2, hi=2):
    return RNG.uniform(lo, hi, size=shape)

def forall(test, n=5):
    """run a randomised test n times; all must hold."""
    return all(bool(test()) for _ in range(n))

sig = lambda z: 1.0 / (1.0 + np.exp(-np.clip(z, -500, 500)))
softplus = lambda z: np.logaddexp(0.0, z)
def softmax(z, axis=-1):
    z = np.asarray(z, float); e = np.exp(z - z.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)
def logsoftmax(z, axis=-1):
    z = np.asarray(z, float); m = z.max(axis=axis, keepdims=True)
    return z - m - np.log(np.exp(z - m).sum(axis=axis, keepdims=True))

FILES = {}
def register(name, comma=False):
    def deco(fn):
        FILES[name] = (fn, comma)
        return fn
    return deco

# ======================================================================= 01
@register('01_focal_loss_appendix.md')
def f01():
    def FL(x, y, a, g):
        pt = sig(y * x); at = a if y == 1 else 1 - a
        return -at * (1 - pt) ** g * np.log(pt)
    def CE(x, y, a):
        return FL(x, y, a, 0.0)
    alpha, gam = 0.25, 2.0
    anchors = [(2.0, 1), (-1.0, 1), (-3.0, -1)]
    true_g = [d1(lambda u: FL(u, y, alpha, gam), x) for x, y in anchors]
    ce_g = [d1(lambda u: CE(u, y, alpha), x) for x, y in anchors]
    pts = [sig(y * x) for x, y in anchors]
    def sym_pt():
        x = rand(1)[0]
        return abs((1 - sig(x)) - sig(-x)) < 1e-12
    def fl_gamma0():
        x = rand(1)[0]; y = RNG.choice([-1, 1]); a = RNG.uniform(0.1, 0.9)
        at = a if y == 1 else 1 - a
        return abs(FL(x, y, a, 0.0) + at * np.log(sig(y * x))) < 1e-12
    def dpt():
        x = rand(1)[0]; y = RNG.choice([-1, 1]); pt = sig(y * x)
        return (abs(d1(sig, y * x) - pt * (1 - pt)) < 1e-7 and abs(d1(lambda u: u * y, x) - y) < 1e-9)
    def b1():
        x = rand(1)[0]; y = RNG.choice([-1, 1]); a = RNG.uniform(0.1, 0.9)
        at = a if y == 1 else 1 - a; pt = sig(y * x)
        return abs(d1(lambda u: CE(u, y, a), x) - at * y * (pt - 1)) < 1e-7
    def b2():   # derivative of FL with respect to p_t as printed
        p = RNG.uniform(0.05, 0.95); g = RNG.uniform(0.5, 4.0); a = RNG.uniform(0.1, 0.9)
        f = lambda q: -a * (1 - q) ** g * np.log(q)
        printed = a * ((1 - p) ** (g - 1) * np.log(p) - (1 - p) ** g / p)
        return abs(d1(f, p) - printed) < 1e-6
    def chain():
        x = rand(1)[0]; y = RNG.choice([-1, 1]); pt = sig(y * x)
        return abs(d1(lambda u: sig(y * u), x) - y * pt * (1 - pt)) < 1e-7
    def b3():
        x = rand(1)[0]; y = RNG.choice([-1, 1]); g = RNG.uniform(0.5, 4.0); a = RNG.uniform(0.1, 0.9)
        at = a if y == 1 else 1 - a; pt = sig(y * x)
        printed = at * y * (1 - pt) ** g * (pt * np.log(pt) + pt - 1)
        return abs(d1(lambda u: FL(u, y, a, g), x) - printed) < 1e-6
    def sign_claim():
        p = np.linspace(1e-4, 1 - 1e-4, 2001)
        x = rand(1)[0]; y = RNG.choice([-1, 1]); g = RNG.uniform(0, 4)
        return (np.all(p * np.log(p) + p - 1 < 0)
                and np.sign(d1(lambda u: FL(u, y, 0.25, g), x)) == -y)
    def row(i, xs, ys, ps, ats, ces, fls, rat):
        x, y = anchors[i]; at = alpha if y == 1 else 1 - alpha
        pr = float(ps)
        ce_car = at * y * (pr - 1)
        return ALL(E(xs, x), E(ys, y), C(ps, pts[i]), E(ats, at),
                   C(ces, ce_g[i], ce_car), C(fls, true_g[i]), C(rat, true_g[i] / ce_g[i]))
    p_b = 0.2689; lp_b = -1.3133
    def near_one():
        ok = True
        for g in (0.5, 1.0, 2.0, 3.0):
            e1, e2 = 1e-3, 1e-4
            gr = lambda e: abs(d1(lambda u: FL(u, 1, 0.25, g), -np.log(1 / (1 - e) - 1)))
            slope = np.log(gr(e1) / gr(e2)) / np.log(e1 / e2)
            ok &= abs(slope - (g + 1)) < 0.02
        ce_slope = np.log(abs(ce_g[0]) / abs(ce_g[0])) if False else 1.0
        x1, x2 = np.log(1 / 1e-3 - 1), np.log(1 / 1e-4 - 1)
        cs = np.log(abs(d1(lambda u: CE(u, 1, 0.25), x1)) / abs(d1(lambda u: CE(u, 1, 0.25), x2))) / np.log(10)
        p = 1 - 1e-3
        return ok and abs(cs - 1) < 0.01 and abs(np.log(p) + (1 - p)) < 1e-6
    def softplus_id():
        xt = rand(7) * 20
        return near(np.log(sig(xt)), -softplus(-xt), 1e-9)
    return [
        ('For completeness we give the derivatives', GIVEN, '3 1'),
        ('$$x_t = y\\,x, \\qquad p_t', GIVEN, '1 1'),
        ('For $y = 1$ this is simply', lambda: forall(sym_pt), '1 -1 1'),
        ('$$\\mathrm{FL}(p_t) = -\\alpha_t', GIVEN, '1'),
        ('where $\\alpha_t = \\alpha$ for foreground', lambda: forall(fl_gamma0), '1 0'),
        ('**Cross entropy.** Using', lambda: forall(dpt), '1'),
        ('\\tag{B.1}', lambda: forall(b1), '1'),
        ('**Focal loss.** Applying the product rule', GIVEN),
        ('\\partial p_t} = \\alpha_t\\Big[', lambda: forall(b2), '1 1 1'),
        ('and multiplying by $dp_t/dx', lambda: forall(chain), '1'),
        ('\\tag{B.3}', lambda: forall(b3), '1 1'),
        ('The bracket in (B.3) is negative', lambda: forall(sign_claim), '0 1'),
        ('**Worked example.** We use the defaults', lambda: ALL(E('2', gam), E('0.25', alpha))),
        ('| anchor | $x$', GIVEN),
        ('| (a) easy foreground', lambda: row(0, '2', '1', '0.8808', '0.25', '-0.0298', '-0.00082', '0.0275')),
        ('| (b) hard foreground', lambda: row(1, '-1', '1', '0.2689', '0.25', '-0.1828', '-0.1449', '0.79')),
        ('| (c) easy background', lambda: row(2, '-3', '-1', '0.9526', '0.75', '0.0356', '0.000158', '0.0044')),
        ('For anchor (b) the intermediate quantities', lambda: ALL(
            E('2', gam), C('0.7311', 1 - pts[1]), E('2', gam), C('0.5345', (1 - pts[1]) ** 2, 0.7311 ** 2),
            C('0.2689', pts[1]), C('-1.3133', np.log(pts[1])), C('-0.3531', pts[1] * np.log(pts[1]), p_b * lp_b)), '1'),
        ('$$\\frac{\\partial\\,\\mathrm{FL}}{\\partial x} = 0.25', lambda: ALL(
            E('0.25', alpha), C('0.5345', (1 - pts[1]) ** 2),
            C('-0.3531', pts[1] * np.log(pts[1])), C('0.2689', pts[1]), E('1', 1),
            E('0.25', alpha), C('0.5345', (1 - pts[1]) ** 2),
            C('-1.0842', gam * pts[1] * np.log(pts[1]) + pts[1] - 1),
            C('-0.1449', true_g[1], 0.25 * 0.5345 * (gam * -0.3531 + 0.2689 - 1)))),
        ('The easy anchors (a) and (c)', lambda: ALL(
            C('0.0275', true_g[0] / ce_g[0]), C('36', ce_g[0] / true_g[0]),
            C('0.0044', true_g[2] / ce_g[2]), C('227', ce_g[2] / true_g[2], 1 / 0.0044),
            C('79', 100 * true_g[1] / ce_g[1])), '1 1 10 5'),
        ('**Behaviour near $p_t = 1$.**', near_one, '1 1 1 1 1 1 1'),
        ('In all experiments the logit', softplus_id),
    ]

# ======================================================================= 02
@register('02_huber_smooth_l1_de.md', comma=True)
def f02():
    def hub(r, d):
        r = np.asarray(r, float)
        return np.where(np.abs(r) <= d, 0.5 * r ** 2, d * (np.abs(r) - 0.5 * d))
    def sl1(r, b):
        r = np.asarray(r, float)
        return np.where(np.abs(r) < b, 0.5 * r ** 2 / b, np.abs(r) - 0.5 * b)
    yh = np.array([1.8, 0.4, -0.7, 3.0]); y = np.array([2.0, 0.0, 1.5, 0.5]); N = 4; dl = 1.0
    r = yh - y
    L = lambda u: hub(u - y, dl).mean()
    g = grad(L, yh)
    gm = grad(lambda u: ((u - y) ** 2).mean(), yh)
    def cont():
        d = RNG.uniform(0.2, 3)
        return abs(0.5 * d ** 2 - d * (d - 0.5 * d)) < 1e-12 and abs(hub(d - 1e-9, d) - hub(d + 1e-9, d)) < 1e-8
    def deriv():
        d = RNG.uniform(0.2, 2); rr = rand(9, lo=-4, hi=4)
        rr = rr[np.abs(np.abs(rr) - d) > 1e-3]
        num = np.array([d1(lambda u: hub(u, d), v) for v in rr])
        piece = np.where(np.abs(rr) <= d, rr, d * np.sign(rr))
        return near(num, piece) and near(num, np.clip(rr, -d, d))
    def c1():
        d = RNG.uniform(0.2, 2); h = 1e-5
        ok = True
        for s in (1, -1):
            left = (hub(s * d, d) - hub(s * d - h, d)) / h; right = (hub(s * d + h, d) - hub(s * d, d)) / h
            ok &= abs(left - s * d) < 1e-4 and abs(right - s * d) < 1e-4
        sd = lambda u: (hub(u + 1e-4, d) - 2 * hub(u, d) + hub(u - 1e-4, d)) / 1e-8
        ok &= abs(sd(0.5 * d) - 1) < 1e-3 and abs(sd(2 * d)) < 1e-3
        return ok
    def chain():
        yy = rand(1)[0]; v = rand(1)[0]; d = 1.0
        return abs(d1(lambda u: hub(u - yy, d), v) - d1(lambda u: hub(u, d), v - yy)) < 1e-7
    def mean_grad():
        n = 6; d = RNG.uniform(0.3, 1.5); yy = rand(n, lo=-3, hi=3); v = rand(n, lo=-3, hi=3)
        num = grad(lambda u: hub(u - yy, d).mean(), v)
        return near(num, np.clip(v - yy, -d, d) / n) and np.all(np.abs(num) <= d / n + 1e-9)
    def sl1_rel():
        b = RNG.uniform(0.2, 3); rr = rand(20, lo=-5, hi=5)
        return near(sl1(rr, b), hub(rr, b) / b, 1e-12) and near(sl1(rr, 1.0), hub(rr, 1.0), 1e-12) \
            and not near(sl1(rr, 2.0), hub(rr, 2.0))
    def sl1_deriv():
        b = RNG.uniform(0.2, 2); rr = rand(9, lo=-4, hi=4); rr = rr[np.abs(np.abs(rr) - b) > 1e-3]
        num = np.array([d1(lambda u: sl1(u, b), v) for v in rr])
        return near(num, np.where(np.abs(rr) < b, rr / b, np.sign(rr)))
    b = 0.5
    return [
        ('Beim quadratischen Fehler wächst', GIVEN, '0'),
        ('L_\\delta(r) = \\begin{cases}', GIVEN, '1 2 2 2 1 2'),
        ('**Stetigkeit.**', lambda: forall(cont), '1 2 2 1 2 1 2 2'),
        ("L_\\delta'(r) = \\begin{cases} r", lambda: forall(deriv)),
        ('\\qquad\\text{kurz}\\qquad', lambda: forall(deriv)),
        ('Bei $r = \\pm\\delta$ stimmen', lambda: forall(c1), '1 0 1 2'),
        ('Wegen $\\partial r/\\partial \\hat y = 1$', lambda: forall(chain), '1'),
        ('\\frac{\\partial}{\\partial \\hat y_i}\\,\\frac1N', lambda: forall(mean_grad)),
        ('Der Betrag des Gradienten ist also', lambda: forall(mean_grad)),
        ('**Smooth-L1.** In PyTorch', GIVEN, '1'),
        ('\\mathrm{SL1}_\\beta(r) = \\begin{cases}', GIVEN, '0.5 2 0.5'),
        ('Vergleich mit oben zeigt', lambda: forall(sl1_rel) and forall(sl1_deriv), '1 1 1'),
        ('**Rechenbeispiel**', lambda: ALL(E('1', dl), E('4', N), EV(['1.8', '0.4', '-0.7', '3.0'], yh), EV(['2.0', '0.0', '1.5', '0.5'], y))),
        ('1. Residuen:', lambda: CV(['-0.2', '0.4', '-2.2', '2.5'], r)),
        ('2. Die ersten beiden liegen innen', lambda: ALL(np.all(np.abs(r[:2]) <= dl), C('0.04', r[0] ** 2), C('0.02', hub(r[0], dl)),
            C('0.16', r[1] ** 2), C('0.08', hub(r[1], dl))), '1 2 1 2'),
        ('3. Die letzten beiden liegen außen', lambda: ALL(np.all(np.abs(r[2:]) > dl), E('1', dl), C('2.2', abs(r[2])), E('0.5', dl / 2), C('1.7', hub(r[2], dl)),
            E('1', dl), C('2.5', abs(r[3])), E('0.5', dl / 2), C('2.0', hub(r[3], dl)))),
        ('4. Mittelwert:', lambda: ALL(CV(['0.02', '0.08', '1.7', '2.0'], hub(r, dl)), E('4', N), C('3.8', hub(r, dl).sum()), E('4', N), C('0.95', L(yh)))),
        ('5. Gradient:', lambda: ALL(E('4', N), E('-1', -dl), E('1', dl), CV(['-0.05', '0.1', '-0.25', '0.25'], g)), '1'),
        ('Zum Vergleich der MSE', lambda: ALL(E('2', 2), E('2', 2), CV(['-0.1', '0.2', '-1.1', '1.25'], gm),
            C('98', 100 * (gm[2:] ** 2).sum() / (gm ** 2).sum()), C('2.7725', (gm[2:] ** 2).sum()), C('2.8225', (gm ** 2).sum()),
            C('91', 100 * (g[2:] ** 2).sum() / (g ** 2).sum()), C('0.125', (g[2:] ** 2).sum()), C('0.1375', (g ** 2).sum()),
            C('0.25', np.abs(g).max()))),
        ('**Smooth-L1 mit $\\beta = 0{,}5$**', lambda: ALL(E('0.5', b), C('0.4', r[1]), E('0.5', 0.5), C('0.16', r[1] ** 2), E('0.5', b), C('0.16', sl1(r[1], b)),
            C('0.4', r[1]), E('0.5', b), C('0.8', d1(lambda u: sl1(u, b), r[1])),
            C('2.5', r[3]), C('2.5', r[3]), E('0.25', b / 2), C('2.25', sl1(r[3], b)), C('1', d1(lambda u: sl1(u, b), r[3])))),
        ('yhat = torch.tensor([1.8', lambda: EV(['1.8', '0.4', '-0.7', '3.0'], yh)),
        ('y    = torch.tensor([2.0', lambda: EV(['2.0', '0.0', '1.5', '0.5'], y)),
        ('loss = F.huber_loss(yhat, y, delta=1.0)', lambda: E('1.0', dl)),
        ('loss.backward()', lambda: ALL(C('0.95', L(yh)), CV(['-0.05', '0.1', '-0.25', '0.25'], g))),
    ]

# ======================================================================= 03
@register('03_pinball_quantile_fr.md', comma=True)
def f03():
    rho = lambda u, t: np.where(np.asarray(u) >= 0, t * np.asarray(u), (t - 1) * np.asarray(u))
    tau = 0.9; y = np.array([2.0, 3, 5, 7, 10]); q = 4.0; N = 5; eta = 2.0
    u = y - q
    Lmean = lambda qq: rho(y - qq, tau).mean()
    g_true = d1(Lmean, q)                                  # = F_hat(q) - tau = -0.5
    subg = np.array([d1(lambda qq: rho(yy - qq, tau), q) for yy in y])
    def indicator_form():
        t = RNG.uniform(0.05, 0.95); uu = rand(50, lo=-3, hi=3)
        return near(uu * (t - (uu < 0)), rho(uu, t), 1e-12)
    def nonneg_max():
        t = RNG.uniform(0.05, 0.95); uu = rand(50, lo=-3, hi=3)
        return (np.all(rho(uu, t) >= 0) and near(np.maximum(t * uu, (t - 1) * uu), rho(uu, t), 1e-12)
                and near(rho(uu, 0.5), 0.5 * np.abs(uu), 1e-12))
    def subgrad_u():
        t = RNG.uniform(0.05, 0.95); uu = rand(8, lo=-3, hi=3); uu = uu[np.abs(uu) > 1e-3]
        num = np.array([d1(lambda v: rho(v, t), x) for x in uu])
        h = 1e-7; left = (rho(0.0, t) - rho(-h, t)) / h; right = (rho(h, t) - rho(0.0, t)) / h
        return near(num, np.where(uu > 0, t, t - 1)) and abs(left - (t - 1)) < 1e-6 and abs(right - t) < 1e-6
    def subgrad_q():   # as printed: tau - 1{y<q}
        t = RNG.uniform(0.05, 0.95); yy = rand(1)[0]; qq = yy + RNG.choice([-1, 1]) * RNG.uniform(0.1, 2)
        return abs(d1(lambda v: rho(yy - v, t), qq) - (t - float(yy < qq))) < 1e-6
    def subgrad_q_cases():
        t = RNG.uniform(0.05, 0.95); yy = rand(1)[0]
        above = d1(lambda v: rho(yy - v, t), yy - 0.5); below = d1(lambda v: rho(yy - v, t), yy + 0.5)
        return abs(above - t) < 1e-6 and abs(below - (t - 1)) < 1e-6
    def expect_deriv():   # Y ~ N(0,1) by quadrature: d/dq E[rho(Y-q)] vs printed tau - F(q)
        t = RNG.uniform(0.1, 0.9); qq = rand(1)[0]
        ys = np.linspace(-9, 9, 200001); w = np.exp(-ys ** 2 / 2) / np.sqrt(2 * np.pi); dy = ys[1] - ys[0]
        R = lambda v: np.sum(rho(ys - v, t) * w) * dy
        F = np.sum(w[ys <= qq]) * dy
        mid = t * (1 - F) + (t - 1) * F
        return abs(d1(R, qq, 1e-4) - (t - F)) < 1e-4 and abs(mid - (t - F)) < 1e-9
    def quantile_min():
        t = RNG.uniform(0.1, 0.9)
        ys = np.linspace(-9, 9, 40001); w = np.exp(-ys ** 2 / 2); w /= w.sum()
        F = np.cumsum(w); qs = ys[np.searchsorted(F, t)]
        cand = np.linspace(qs - 0.5, qs + 0.5, 201)
        vals = [np.sum(rho(ys - c, t) * w) for c in cand]
        return abs(cand[int(np.argmin(vals))] - qs) < 0.01
    qmin = 10.0
    grid = np.linspace(0, 12, 12001)
    return [
        ("On veut prédire non pas la moyenne", lambda: ALL(E('0.9', tau)), '1'),
        ('\\rho_\\tau(u) = u\\,\\big(\\tau', lambda: forall(indicator_form), '1'),
        ('\\tau\\,u & \\text{si } u \\ge 0', lambda: forall(indicator_form), '0'),
        ('(\\tau - 1)\\,u & \\text{si } u < 0', lambda: forall(indicator_form), '1 0'),
        ('Les deux branches sont positives', lambda: forall(nonneg_max) and E('0.5', 0.5), '1 1 2'),
        ('**Sous-gradient en $u$.**', lambda: forall(subgrad_u), '0'),
        ('\\partial_u \\rho_\\tau(u) = \\begin{cases}', lambda: forall(subgrad_u), '0 1 0 1 0'),
        ('**Sous-gradient en $q$.** Comme', GIVEN),
        ('\\frac{\\partial \\rho_\\tau(y - q)}{\\partial q}', lambda: forall(subgrad_q), '1'),
        ('\\quad\\text{soit } \\tau \\text{ si } y > q', lambda: forall(subgrad_q_cases), '1'),
        ('**Pourquoi le quantile ?**', GIVEN),
        ('\\frac{d}{dq}\\,\\mathbb{E}\\big[', lambda: forall(expect_deriv, 3), '1'),
        ("Cette dérivée s'annule pour", lambda: forall(quantile_min, 3), '-1'),
        ('**Exemple numérique.**', lambda: ALL(E('0.9', tau), EV(['2', '3', '5', '7', '10'], y), E('4', q))),
        ('- résidus $u = y - q', lambda: EV(['-2', '-1', '1', '3', '6'], u)),
        ('- pertes :', lambda: ALL(
            C('0.1', 1 - tau), E('2', -u[0]), C('0.2', rho(u[0], tau)),
            C('0.1', 1 - tau), E('1', -u[1]), C('0.1', rho(u[1], tau)),
            E('0.9', tau), E('1', u[2]), C('0.9', rho(u[2], tau)),
            E('0.9', tau), E('3', u[3]), C('2.7', rho(u[3], tau)),
            E('0.9', tau), E('6', u[4]), C('5.4', rho(u[4], tau)))),
        ('- perte moyenne :', lambda: ALL(CV(['0.2', '0.1', '0.9', '2.7', '5.4'], rho(u, tau)), E('5', N),
            C('9.3', rho(u, tau).sum()), E('5', N), C('1.86', Lmean(q)))),
        ('- sous-gradients :', lambda: ALL(CV(['-0.1', '-0.1', '0.9', '0.9', '0.9'], subg), C('2.5', subg.sum()), E('5', N), C('0.5', g_true))),
        ('- un pas de sous-gradient', lambda: ALL(E('2', eta), E('4', q), E('2', eta), C('0.5', g_true), C('3', q - eta * g_true))),
        ('La prédiction descend donc.', lambda: ALL(
            q - eta * g_true < q, abs(g_true - (tau - np.mean(y <= q))) < 1e-6,
            E('4', q), E('2', 2), E('5', N), C('0.9', tau), C('0.4', np.mean(y <= q)), C('0.5', tau - np.mean(y <= q)))),
        ("Sur l'échantillon, le minimiseur exact", lambda: ALL(
            E('10', grid[np.argmin([Lmean(c) for c in grid])]),
            np.mean(y < qmin) <= tau <= np.mean(y <= qmin), E('0.9', tau),
            C('0.1', 1 - tau), EV(['8', '7', '5', '3', '0'], qmin - y), E('5', N), C('0.46', Lmean(qmin)))),
        ('return np.mean(np.maximum(tau * u, (tau - 1) * u))', lambda: forall(nonneg_max), '1'),
    ]

# ======================================================================= 04
@register('04_poisson_regression_textbook.md')
def f04():
    lgf = lambda v: np.array([math.lgamma(t + 1) for t in np.ravel(v)])
    def nll(w, X, y):
        eta = X @ w
        return np.sum(np.exp(eta) - y * eta + lgf(y))
    def poi_logpmf(y, lam):
        return -lam + y * np.log(lam) - lgf(y)
    X = np.array([[1.0, 0], [1, 1], [1, 2]]); y = np.array([1.0, 2, 6]); w = np.array([0.0, 0.5]); x = X[:, 1]
    eta = X @ w; lam = np.exp(eta)
    terms = np.exp(eta) - y * eta + lgf(y)
    g = grad(lambda v: nll(v, X, y), w)
    H = np.array([grad(lambda v: grad(lambda u: nll(u, X, y), v)[i], w, 1e-4) for i in range(2)])
    Hx = X.T @ np.diag(lam) @ X
    wn = w - np.linalg.solve(Hx, X.T @ (lam - y))
    def rand_problem():
        n, d = 7, 3
        XX = rand(n, d, lo=-1, hi=1); yy = RNG.poisson(2.0, n).astype(float); ww = rand(d, lo=-0.5, hi=0.5)
        return XX, yy, ww
    def pmf_mean():
        lam_ = RNG.uniform(0.5, 4); k = np.arange(0, 80)
        p = np.exp(poi_logpmf(k, lam_))
        return abs(p.sum() - 1) < 1e-10 and abs((k * p).sum() - lam_) < 1e-9 and abs(((k - lam_) ** 2 * p).sum() - lam_) < 1e-8
    def nll_form():
        XX, yy, ww = rand_problem()
        return abs(-np.sum(poi_logpmf(yy, np.exp(XX @ ww))) - nll(ww, XX, yy)) < 1e-10
    def grad_pieces():
        e = rand(1)[0]; yy = float(RNG.poisson(3))
        XX, _, ww = rand_problem()
        return abs(d1(lambda v: np.exp(v) - yy * v, e) - (np.exp(e) - yy)) < 1e-6 and near(grad(lambda v: XX[0] @ v, ww), XX[0])
    def grad_form():
        XX, yy, ww = rand_problem()
        return near(grad(lambda v: nll(v, XX, yy), ww), XX.T @ (np.exp(XX @ ww) - yy), 1e-5)
    def hess_form():
        XX, yy, ww = rand_problem(); l = np.exp(XX @ ww)
        Hn = np.array([grad(lambda v: grad(lambda u: nll(u, XX, yy), v)[i], ww, 1e-4) for i in range(3)])
        return near(Hn, XX.T @ np.diag(l) @ XX, 1e-4) and near(XX.T @ np.diag(l) @ XX, sum(l[i] * np.outer(XX[i], XX[i]) for i in range(7)))
    def psd():
        XX, yy, ww = rand_problem(); l = np.exp(XX @ ww); v = rand(3)
        Hh = XX.T @ np.diag(l) @ XX
        return abs(v @ Hh @ v - np.sum(l * (XX @ v) ** 2)) < 1e-10 and np.all(np.linalg.eigvalsh(Hh) >= -1e-12)
    def mean_match():   # fit by Newton, check sum lam = sum y
        XX, yy, ww = rand_problem(); XX[:, 0] = 1.0; ww = np.zeros(3)
        for _ in range(50):
            l = np.exp(XX @ ww); ww = ww - np.linalg.solve(XX.T @ np.diag(l) @ XX, XX.T @ (l - yy))
        return abs(np.exp(XX @ ww).sum() - yy.sum()) < 1e-8
    return [
        ('Suppose the response is a count', lambda: forall(pmf_mean), '0 1 2 0'),
        ('The negative log likelihood of $N$', GIVEN),
        ('\\mathrm{NLL}(\\mathbf{w}) = -\\sum_{n=1}^{N}', lambda: forall(nll_form), '12.52'),
        ('The last term does not depend', lambda: forall(nll_form)),
        ('**Gradient.** Since', lambda: forall(grad_pieces)),
        ('\\nabla_{\\mathbf{w}}\\,\\mathrm{NLL}(\\mathbf{w}) = \\sum', lambda: forall(grad_form), '12.53'),
        ('design matrix with rows', lambda: forall(grad_form), '12.2'),
        ('\\mathbf{H} = \\nabla^2_{\\mathbf{w}}', lambda: forall(hess_form, 3), '2 12.54'),
        ('Since every $\\lambda_n > 0$', lambda: forall(psd), '0 2 0 10.2'),
        ('A useful consequence of (12.53)', lambda: forall(mean_match, 3), '12.53 1'),
        ('**Example.** Take $N = 3$', lambda: ALL(E('3', X.shape[0]), E('1', X[0, 0]), EV(['0', '1', '2'], x), EV(['1', '2', '6'], y), EV(['0', '0.5'], w))),
        ('- Linear predictor', lambda: ALL(EV(['0', '0.5', '1'], eta), CV(['1', '1.6487', '2.7183'], lam))),
        ('- Using $\\log 2! = 0.6931$', lambda: ALL(
            E('2', y[1]), C('0.6931', lgf(y[1])[0]), E('6', y[2]), E('720', math.factorial(6)), C('6.5793', lgf(y[2])[0]),
            E('1', lam[0]), E('0', y[0] * eta[0]), E('0', lgf(y[0])[0]), C('1', terms[0]),
            C('1.6487', lam[1]), E('1', y[1] * eta[1]), C('0.6931', lgf(y[1])[0]), C('1.3418', terms[1], 1.6487 - 1 + 0.6931),
            C('2.7183', lam[2]), E('6', y[2] * eta[2]), C('6.5793', lgf(y[2])[0]), C('3.2976', terms[2], 2.7183 - 6 + 6.5793),
            C('5.6394', nll(w, X, y)))),
        ('- Residuals', lambda: ALL(CV(['0', '-0.3513', '-3.2817'], lam - y), E('0', 0), C('0.3513', y[1] - lam[1]), C('3.2817', y[2] - lam[2]),
            E('0', x[0]), E('0', lam[0] - y[0]), E('1', x[1]), C('-0.3513', lam[1] - y[1]), E('2', x[2]), C('-3.2817', lam[2] - y[2]),
            CV(['-3.6330', '-6.9147'], g, X.T @ np.array([0, -0.3513, -3.2817])))),
        ('- The Hessian is', lambda: ALL(near(H, Hx, 1e-4), near(Hx, [[lam.sum(), lam @ x], [lam @ x, lam @ x ** 2]]),
            CV(['5.3670', '7.0853', '7.0853', '12.5218'], Hx)), '2'),
        ('- One Newton step', lambda: ALL(E('-1', -1), CV(['-0.2059', '1.1687'], wn))),
        ('Both components of the gradient are negative', lambda: ALL(
            np.all(g < 0), nll(w - 1e-3 * np.array([1, 0]) * -1, X, y) < nll(w, X, y), nll(w + np.array([0, 1e-3]), X, y) < nll(w, X, y),
            E('0.5', w[1]), C('1.17', wn[1]), wn[0] < 0 and wn[0] > -0.5, E('1', y[0]), E('6', y[2]))),
    ]

# ======================================================================= 05
@register('05_gaussian_nll_logvar_ru.md', comma=True)
def f05():
    def ell(y, mu, s):
        return 0.5 * (s + (y - mu) ** 2 / np.exp(s)) + 0.5 * np.log(2 * np.pi)
    def gauss_nll(y, mu, var):
        return -(-0.5 * np.log(2 * np.pi * var) - (y - mu) ** 2 / (2 * var))
    y = 3.0; mu = 2.2; s = 0.5; v = np.exp(s); r = y - mu
    mu2 = 0.2; r2 = y - mu2
    dmu = d1(lambda m: ell(y, m, s), mu); ds = d1(lambda t: ell(y, mu, t), s)
    dmu2 = d1(lambda m: ell(y, m, s), mu2); ds2 = d1(lambda t: ell(y, mu2, t), s)
    def pt():
        return rand(1)[0], rand(1)[0], rand(1, lo=-1.5, hi=1.5)[0]
    def def_ok():
        yy, m, ss = pt()
        return abs(ell(yy, m, ss) - gauss_nll(yy, m, np.exp(ss))) < 1e-12
    def dmu_ok():
        yy, m, ss = pt()
        return abs(d1(lambda u: ell(yy, u, ss), m) - (m - yy) / np.exp(ss)) < 1e-6 and abs(0.5 * 2 * (m - yy) / np.exp(ss) - (m - yy) / np.exp(ss)) < 1e-12
    def mse_scaled():
        yy, m, _ = pt(); s1, s2 = -1.0, 1.0
        g1 = abs(d1(lambda u: ell(yy, u, s1), m)); g2 = abs(d1(lambda u: ell(yy, u, s2), m))
        return g2 < g1 and abs(d1(lambda u: ell(yy, u, 0.0), m) - d1(lambda u: 0.5 * (yy - u) ** 2, m)) < 1e-6
    def dexp():
        t = rand(1)[0]
        return abs(d1(lambda u: np.exp(-u), t) + np.exp(-t)) < 1e-7
    def ds_ok():
        yy, m, ss = pt()
        return abs(d1(lambda u: ell(yy, m, u), ss) - 0.5 * (1 - (yy - m) ** 2 * np.exp(-ss))) < 1e-6
    def opt_ok():
        yy, m, _ = pt()
        sst = np.log((yy - m) ** 2)
        d2 = (ell(yy, m, sst + 1e-4) - 2 * ell(yy, m, sst) + ell(yy, m, sst - 1e-4)) / 1e-8
        sg = RNG.uniform(0.3, 2)
        lsig = lambda u: 0.5 * (2 * np.log(u) + (yy - m) ** 2 / u ** 2) + 0.5 * np.log(2 * np.pi)
        return (abs(d1(lambda u: ell(yy, m, u), sst)) < 1e-6 and abs(d2 - 0.5 * (yy - m) ** 2 * np.exp(-sst)) < 1e-3 and d2 > 0
                and abs(d1(lambda u: ell(yy, m, u), 0.3) - 0.5 * (1 - (yy - m) ** 2 * np.exp(-0.3))) < 1e-6
                and abs(d1(lsig, sg) - (1 - (yy - m) ** 2 / sg ** 2) / sg) < 1e-5)
    def trap():
        yy, m, ss = pt()
        return abs(d1(lambda u: ell(yy, u, ss), m)) < abs(d1(lambda u: ell(yy, u, ss - 1), m)) and abs(d1(lambda u: ell(yy, u, ss), m) * np.exp(ss) - (m - yy)) < 1e-5
    return [
        ('**Постановка.**', GIVEN, '2 2 2'),
        ('\\ell(\\mu, s) = -\\log \\mathcal N', lambda: forall(def_ok), '1 2 2 1 2 2'),
        ('Константу $\\tfrac12\\log 2\\pi', lambda: ALL(C('0.9189', 0.5 * np.log(2 * np.pi)), abs(d1(lambda m: ell(y, m, s) - 0.5 * np.log(2 * np.pi), mu) - d1(lambda m: ell(y, m, s), mu)) < 1e-9), '1 2 2'),
        ('**Градиент по $\\mu$.**', lambda: forall(dmu_ok)),
        ('\\frac{\\partial \\ell}{\\partial \\mu} = \\frac12 \\cdot', lambda: forall(dmu_ok), '1 2 2 2'),
        ('То есть это градиент MSE', lambda: forall(mse_scaled)),
        ('**Градиент по $s$.** Так как', lambda: forall(dexp)),
        ('\\frac{\\partial \\ell}{\\partial s} = \\frac12\\Big(1', lambda: forall(ds_ok), '1 2 1 2 1 2 1 2 2'),
        ('Он обращается в ноль при', lambda: forall(opt_ok), '2 2 2 2 2 1 2 2 0 1 2 2 1 2'),
        ('**Пример 1.**', lambda: ALL(E('3.0', y), E('2.2', mu), E('0.5', s)), '1'),
        ('- $\\sigma^2 = e^{0{,}5}', lambda: ALL(E('0.5', s), C('1.6487', v), C('0.8', r), C('0.64', r ** 2)), '2 2'),
        ('- $(y-\\mu)^2/\\sigma^2 = 0{,}64/1{,}6487', lambda: ALL(C('0.64', r ** 2), C('1.6487', v), C('0.3882', r ** 2 / v)), '2 2'),
        ('- $\\ell = \\frac12(0{,}5 + 0{,}3882)', lambda: ALL(E('0.5', s), C('0.3882', r ** 2 / v), C('0.9189', 0.5 * np.log(2 * np.pi)),
            C('0.4441', 0.5 * (s + r ** 2 / v)), C('0.9189', 0.5 * np.log(2 * np.pi)), C('1.3630', ell(y, mu, s))), '1 2'),
        ('- $\\partial\\ell/\\partial\\mu = (2{,}2 - 3{,}0)', lambda: ALL(E('2.2', mu), E('3.0', y), C('1.6487', v), C('-0.4852', dmu))),
        ('- $\\partial\\ell/\\partial s = \\frac12(1 - 0{,}3882)', lambda: ALL(C('0.3882', r ** 2 / v), C('0.3059', ds), ds > 0,
            ell(y, mu, s - 1e-3) < ell(y, mu, s), C('0.64', r ** 2), C('-0.4463', np.log(r ** 2)),
            abs(d1(lambda t: ell(y, mu, t), np.log(r ** 2))) < 1e-7), '1 2 1 0'),
        ('**Пример 2.**', lambda: ALL(E('0.2', mu2), E('0.5', s)), '2'),
        ('- $(y-\\mu)^2 = 2{,}8^2 = 7{,}84$', lambda: ALL(C('2.8', r2), C('7.84', r2 ** 2), C('7.84', r2 ** 2), C('1.6487', v), C('4.7553', r2 ** 2 / v, 7.84 / 1.6487)), '2 2'),
        ('- $\\partial\\ell/\\partial\\mu = -2{,}8/1{,}6487', lambda: ALL(C('-2.8', mu2 - y), C('1.6487', v), C('-1.6983', dmu2))),
        ('- $\\partial\\ell/\\partial s = \\frac12(1 - 4{,}7553)', lambda: ALL(C('4.7553', r2 ** 2 / v, 7.84 / 1.6487), C('-1.8776', ds2, 0.5 * (1 - 4.7553)), ds2 < 0,
            ell(y, mu2, s + 1e-3) < ell(y, mu2, s)), '1 2 1 0'),
        ('Здесь видна известная ловушка', lambda: forall(trap), '2 1 2'),
        ('**В PyTorch** `nn.GaussianNLLLoss`', lambda: forall(def_ok), '2 1 2 2'),
    ]

# ======================================================================= 06
@register('06_hinge_vs_squared_hinge_ja.md')
def f06():
    hinge = lambda z, y: np.maximum(0.0, 1 - y * z)
    sqh = lambda z, y: np.maximum(0.0, 1 - y * z) ** 2
    X = np.array([[1.0, 2], [3, -1]]); y = np.array([1.0, -1]); w = np.array([0.2, 0.1]); N = 2
    z = X @ w; m = y * z
    gh = np.array([d1(lambda u: hinge(u, y[i]), z[i]) for i in range(N)])
    gs = np.array([d1(lambda u: sqh(u, y[i]), z[i]) for i in range(N)])
    Gh = grad(lambda v: hinge(X @ v, y).mean(), w); Gs = grad(lambda v: sqh(X @ v, y).mean(), w)
    def hinge_sub():
        yy = RNG.choice([-1.0, 1.0]); zz = rand(1, lo=-3, hi=3)[0]
        if abs(yy * zz - 1) < 1e-3:
            return True
        return abs(d1(lambda u: hinge(u, yy), zz) - (-yy if yy * zz < 1 else 0.0)) < 1e-6
    def kink():
        yy = RNG.choice([-1.0, 1.0]); z0 = yy * 1.0; h = 1e-6
        l = (hinge(z0, yy) - hinge(z0 - h, yy)) / h; r = (hinge(z0 + h, yy) - hinge(z0, yy)) / h
        ls = (sqh(z0, yy) - sqh(z0 - h, yy)) / h; rs = (sqh(z0 + h, yy) - sqh(z0, yy)) / h
        return abs(l - r) > 0.5 and abs(ls) < 1e-5 and abs(rs) < 1e-5
    def sq_grad():
        yy = RNG.choice([-1.0, 1.0]); zz = rand(1, lo=-3, hi=3)[0]
        return abs(d1(lambda u: sqh(u, yy), zz) - (-2 * yy * max(0.0, 1 - yy * zz))) < 1e-5
    def magnitude():
        yy = RNG.choice([-1.0, 1.0]); mm = RNG.uniform(-3, 0.9); zz = mm * yy
        return abs(abs(d1(lambda u: hinge(u, yy), zz)) - 1) < 1e-6 and abs(abs(d1(lambda u: sqh(u, yy), zz)) - 2 * (1 - mm)) < 1e-5
    def mat_rule():   # printed: grad = (1/N) X g
        n = d = 3
        XX = rand(n, d); yy = RNG.choice([-1.0, 1.0], n); ww = rand(d)
        zz = XX @ ww; g = -2 * yy * np.maximum(0, 1 - yy * zz)
        return near(grad(lambda v: sqh(XX @ v, yy).mean(), ww), XX @ g / n, 1e-5)
    def second_deriv():
        yy = 1.0; h = 1e-4
        sd = lambda u: (sqh(u + h, yy) - 2 * sqh(u, yy) + sqh(u - h, yy)) / h ** 2
        return abs(sd(0.5) - 2) < 1e-4 and abs(sd(1.5)) < 1e-4
    return [
        ('線形SVMを自前で SGD 実装', GIVEN),
        ('- サンプル数を $N$', GIVEN),
        ('は各行が1サンプル', GIVEN, '1 -1 1'),
        ('- スコアは $z = Xw$', lambda: near(X @ w, [X[i] @ w for i in range(N)])),
        ('\\ell_{\\text{hinge}}(z_i) = \\max(0,\\ 1 - y_i z_i), \\qquad', GIVEN, '0 1 0 1 2'),
        ('ヒンジは $m_i = 1$ で折れている', lambda: forall(kink), '1 1 0'),
        ('\\frac{\\partial \\ell_{\\text{hinge}}}{\\partial z_i}', lambda: forall(hinge_sub, 20), '1 0 1'),
        ('二乗ヒンジは連鎖律でそのまま微分でき', lambda: forall(kink), '1 0'),
        ('\\frac{\\partial \\ell_{\\text{sq}}}{\\partial z_i}', lambda: forall(sq_grad, 10), '-2 0 1'),
        ('ヒンジは違反の大きさに関係なく', lambda: forall(magnitude), '1 1'),
        ('$L(w) = \\frac{1}{N}\\sum_i', GIVEN, '1'),
        ('\\nabla_w L = \\frac{1}{N}\\, X g', lambda: forall(mat_rule), '1'),
        ('$N = d = 2$', lambda: ALL(E('2', N), EV(['1', '2'], X[0]), E('1', y[0]), EV(['3', '-1'], X[1]), E('-1', y[1]), EV(['0.2', '0.1'], w))),
        ('- スコア：', lambda: ALL(CV(['0.4', '0.5'], z), CV(['0.4', '-0.5'], m), np.all(m < 1)), '1'),
        ('- ヒンジ損失：', lambda: ALL(CV(['0.6', '1.5'], hinge(z, y)), C('1.05', hinge(z, y).mean()))),
        ('- 二乗ヒンジ損失：', lambda: ALL(CV(['0.36', '2.25'], sqh(z, y)), C('1.305', sqh(z, y).mean()))),
        ('- ヒンジの $g = (-1, 1)$', lambda: ALL(EV(['-1', '1'], gh.round(6)), CV(['1', '-4'], X.T @ gh), CV(['0.5', '-2'], Gh)), '1 2 1 2'),
        ('- 二乗ヒンジの $g = (-1.2, 3)$', lambda: ALL(CV(['-1.2', '3'], gs), CV(['4.8', '-6.6'], X.T @ gs), CV(['2.4', '-3.3'], Gs)), '1 2 1 2'),
        ('二乗ヒンジでは、大きく間違えている', lambda: ALL(C('1.5', 1 - m[1]), C('2', np.linalg.norm(Gs) / np.linalg.norm(Gh)),
            C('4.08', np.linalg.norm(Gs)), C('2.06', np.linalg.norm(Gh))), '2'),
        ('X = np.array([[1., 2.]', lambda: ALL(EV(['1', '2', '3', '-1'], X), EV(['1', '-1'], y), EV(['0.2', '0.1'], w))),
        ('g_hinge = np.where(m < 1, -y, 0.0)', lambda: ALL(E('1', 1), E('0.0', 0), near(np.where(m < 1, -y, 0.0), gh))),
        ('g_sq = -2 * y * np.maximum(0, 1 - m)', lambda: ALL(E('-2', -2), E('0', 0), E('1', 1), near(-2 * y * np.maximum(0, 1 - m), gs))),
        ('print(X @ g_hinge / 2, X @ g_sq / 2)', lambda: ALL(E('2', N), E('2', N), CV(['0.5', '-2'], Gh), CV(['2.4', '-3.3'], Gs))),
        ('- ヒンジ：$m_i = 1$ で微分不可能', lambda: forall(kink), '1'),
        ('- 二乗ヒンジ：どこでも微分可能', lambda: forall(kink) and second_deriv(), '2 1'),
    ]

# ======================================================================= 07
@register('07_infonce_temperature_appendix.md')
def f07():
    def Lf(s, t):
        return -s[0] / t + np.log(np.sum(np.exp(np.asarray(s) / t)))
    def Lq(q, Kk, t):
        return Lf(Kk @ q, t)
    s = np.array([0.8, 0.6, 0.1, -0.2]); K = 3
    p1 = softmax(s / 0.1); p5 = softmax(s / 0.5)
    g1 = grad(lambda u: Lf(u, 0.1), s); g5 = grad(lambda u: Lf(u, 0.5), s)
    def rnd():
        k = int(RNG.integers(2, 7)); ss = rand(k + 1, lo=-1, hi=1); t = RNG.uniform(0.05, 1.0)
        return k, ss, t
    def c1():
        k, ss, t = rnd(); P = softmax(ss / t)
        return abs(Lf(ss, t) + np.log(P[0])) < 1e-10 and abs(-np.log(np.exp(ss[0] / t) / np.exp(ss / t).sum()) - Lf(ss, t)) < 1e-9
    def c2():
        k, ss, t = rnd(); P = softmax(ss / t); g = grad(lambda u: Lf(u, t), ss, 1e-7)
        e = np.zeros(k + 1); e[0] = 1
        return (near(g, (P - e) / t, 1e-5) and abs(g[0] + (1 - P[0]) / t) < 1e-5 and abs(g.sum()) < 1e-5
                and abs(P[1] / P[2] - np.exp((ss[1] - ss[2]) / t)) < 1e-9 * max(1, P[1] / P[2]))
    def c3():
        k, _, t = rnd(); d = 5; Kk = rand(k + 1, d); q = rand(d)
        P = softmax(Kk @ q / t)
        return near(grad(lambda v: Lq(v, Kk, t), q), (P @ Kk - Kk[0]) / t, 1e-5)
    def c4():
        k, ss, t = rnd(); P = softmax(ss / t)
        return abs(d1(lambda u: Lf(ss, u), t, 1e-7) - (ss[0] - P @ ss) / t ** 2) < 1e-4 * max(1, abs((ss[0] - P @ ss) / t ** 2))
    def c4sign():
        k, ss, t = rnd(); ss[0] = ss.max() + 0.01; P = softmax(ss / t)
        return ss[0] - P @ ss >= 0
    tg = (s[0] - p1 @ s) / 0.01
    share1 = g1[1] / (-g1[0]); share5 = g5[1] / (-g5[0])
    return [
        ('**C.1 Setup.**', lambda: ALL(np.all(np.abs(s) <= 1)), '-1 1 0 0'),
        ('\\mathcal{L} = -\\log \\frac{\\exp(s_0/\\tau)}', lambda: forall(c1)),
        ('We write $p_j = e^{s_j/\\tau}', GIVEN, '1'),
        ('\\frac{\\partial \\mathcal{L}}{\\partial s_0} = -\\frac{1}{\\tau}', lambda: forall(c2), '1 1 1 1'),
        ('or compactly $\\partial\\mathcal{L}/\\partial s_j', lambda: forall(c2), '1 0 0'),
        ('For unnormalized embeddings (plain dot product)', lambda: forall(lambda: (lambda kk, qq: near(grad(lambda v: v @ kk, qq), kk))(rand(5), rand(5)))),
        ('\\nabla_q \\mathcal{L} = \\frac{1}{\\tau}\\Big(', lambda: forall(c3), '1'),
        ('**C.3 Gradient w.r.t. the temperature.**', GIVEN),
        ('\\frac{\\partial \\mathcal{L}}{\\partial \\tau} = \\frac{1}{\\tau^2}', lambda: forall(c4), '1 2'),
        ('which is non-negative because', lambda: forall(c4sign, 10)),
        ('**C.4 Numerical illustration.**', lambda: ALL(E('3', K), EV(['0.8', '0.6', '0.1', '-0.2'], s), E('0.6', s[1:].max()))),
        ('| $\\tau$ | $p$ |', GIVEN),
        ('| 0.1 | (0.8801', lambda: ALL(E('0.1', 0.1), CV(['0.8801', '0.1191', '0.0008', '0.0000'], p1), C('0.1278', Lf(s, 0.1)),
            CV(['-1.1994', '1.1910', '0.0080', '0.0004'], g1))),
        ('| 0.5 | (0.4873', lambda: ALL(E('0.5', 0.5), CV(['0.4873', '0.3266', '0.1202', '0.0659'], p5), C('0.7189', Lf(s, 0.5)),
            CV(['-1.0255', '0.6533', '0.2403', '0.1319'], g5))),
        ('At $\\tau = 0.1$ the logits are', lambda: ALL(E('0.1', 0.1), EV(['8', '6', '1', '-2'], (s / 0.1).round(9)),
            C('1.1910', g1[1]), C('1.1994', -g1[0]), C('99.3', 100 * share1), E('0.5', 0.5), C('0.6533', g5[1]), C('1.0255', -g5[0]), C('63.7', 100 * share5),
            abs(g1.sum()) < 1e-6, abs(g5.sum()) < 1e-6, abs(sum([-1.1994, 1.1910, 0.0080, 0.0004])) < 1e-9, abs(sum([-1.0255, 0.6533, 0.2403, 0.1319])) < 1e-9,
            E('0.1', 0.1), E('0.8', s[0]), C('0.7756', p1 @ s), E('0.01', 0.1 ** 2), C('2.44', tg, d1(lambda u: Lf(s, u), 0.1, 1e-7)), C('0.7756', p1 @ s),
            Lf(s, 0.1 + 1e-3) > Lf(s, 0.1))),
        ('This matches the behaviour reported in Section 5.3', lambda: share1 > 0.95 and np.std(softmax(s[1:] / 10.0)) < 0.02, '5.3'),
    ]

# ======================================================================= 08
@register('08_dice_loss_grad_ko.md')
def f08():
    def dice(p, g):
        return 2 * np.sum(p * g) / (np.sum(p) + np.sum(g))
    p = np.array([0.9, 0.6, 0.2, 0.1]); g = np.array([1.0, 1, 0, 0])
    I = p @ g; U = p.sum() + g.sum(); D = dice(p, g)
    dLdp = grad(lambda u: 1 - dice(u, g), p)
    xl = np.log(p / (1 - p))
    dLdx = grad(lambda u: 1 - dice(sig(u), g), xl)
    def rnd():
        n = 6; pp = RNG.uniform(0.05, 0.95, n); gg = RNG.integers(0, 2, n).astype(float); gg[0] = 1
        return pp, gg
    def partials():
        pp, gg = rnd()
        return near(grad(lambda u: u @ gg, pp), gg) and near(grad(lambda u: u.sum() + gg.sum(), pp), np.ones(6))
    def quot():
        pp, gg = rnd(); II = pp @ gg; UU = pp.sum() + gg.sum()
        num = grad(lambda u: dice(u, gg), pp)
        return near(num, (2 * gg * UU - 2 * II * 1) / UU ** 2) and near(num, 2 * (gg * UU - II) / UU ** 2)
    def simp():   # printed: (2/U)(g - I/U) = 2(g - D)/U
        pp, gg = rnd(); II = pp @ gg; UU = pp.sum() + gg.sum(); DD = dice(pp, gg)
        num = grad(lambda u: dice(u, gg), pp)
        return near(num, 2 / UU * (gg - II / UU)) and near(num, 2 * (gg - DD) / UU)
    def lossgrad():
        pp, gg = rnd(); UU = pp.sum() + gg.sum(); DD = dice(pp, gg)
        return near(grad(lambda u: 1 - dice(u, gg), pp), -2 * (gg - DD) / UU)
    def nonlocal_same():
        pp, gg = rnd(); gg[:] = [1, 1, 0, 0, 1, 0]
        num = grad(lambda u: 1 - dice(u, gg), pp)
        pp2 = pp.copy(); pp2[5] += 0.03
        num2 = grad(lambda u: 1 - dice(u, gg), pp2)
        return abs(num2[0] - num[0]) > 1e-6 and abs(num[0] - num[1]) < 1e-7 and abs(num[2] - num[3]) < 1e-7
    bce_sum = lambda u: -np.sum(g * np.log(sig(u)) + (1 - g) * np.log(1 - sig(u)))
    gb = grad(bce_sum, xl)
    def perfect():
        gg = np.array([1.0, 0, 1, 1, 0])
        return abs(dice(gg, gg) - 1) < 1e-12 and abs((gg @ gg) - gg.sum()) < 1e-12
    return [
        ('픽셀 수를 $n$, 예측 확률을', GIVEN, '0 1 0 1 0'),
        ('I = \\sum_{i=1}^{n} p_i g_i', GIVEN, '2 1'),
        ('$p$ 가 정확히 $g$ 와 같으면', perfect, '2 1 0'),
        ('$\\partial I/\\partial p_j = g_j$', lambda: forall(partials), '1'),
        ('\\frac{2 g_j \\cdot U - 2I \\cdot 1}{U^2}', lambda: forall(quot), '2 2 1 2 2 2'),
        ('여기서 $D$ 를 이용해 정리하면', GIVEN),
        ('\\frac{\\partial D}{\\partial p_j} = \\frac{2}{U}\\Big(g_j', lambda: forall(simp), '2 2'),
        ('따라서 손실의 그래디언트는', lambda: forall(lossgrad) and forall(nonlocal_same), '2'),
        ('픽셀 4개,', lambda: ALL(E('4', p.size), EV(['0.9', '0.6', '0.2', '0.1'], p), EV(['1', '1', '0', '0'], g))),
        ('- $I = 0.9 + 0.6 = 1.5$', lambda: ALL(E('0.9', p[0] * g[0]), E('0.6', p[1] * g[1]), C('1.5', I))),
        ('- $U = (0.9 + 0.6 + 0.2 + 0.1) + 2 = 3.8$', lambda: ALL(EV(['0.9', '0.6', '0.2', '0.1'], p), E('2', g.sum()), C('3.8', U))),
        ('- $D = 3.0/3.8', lambda: ALL(C('3.0', 2 * I), C('3.8', U), C('0.7895', D), C('0.2105', 1 - D))),
        ('- 전경 픽셀($g_j = 1$)', lambda: ALL(E('1', g[0]), E('-2', -2), E('1', g[0]), C('0.7895', D), C('3.8', U), C('-0.1108', dLdp[0]))),
        ('- 배경 픽셀($g_j = 0$)', lambda: ALL(E('0', g[2]), E('-2', -2), E('0', g[2]), C('0.7895', D), C('3.8', U), C('0.4155', dLdp[2]))),
        ('그래서 $\\partial\\mathcal{L}/\\partial p = (-0.1108', lambda: ALL(CV(['-0.1108', '-0.1108', '0.4155', '0.4155'], dLdp))),
        ('로짓 $x_j$ 기준으로는', lambda: ALL(near(d1(sig, xl), p * (1 - p)), CV(['0.09', '0.24', '0.16', '0.09'], p * (1 - p))), '1'),
        ('\\frac{\\partial \\mathcal{L}}{\\partial x} \\approx (-0.0100', lambda: CV(['-0.0100', '-0.0266', '0.0665', '0.0374'], dLdx)),
        ('참고로 같은 예제에서 BCE', lambda: ALL(CV(['-0.1', '-0.4', '0.2', '0.1'], gb), E('0.9', p[0]), abs(gb[0]) < abs(gb[1]))),
        ('x = torch.logit(torch.tensor([0.9', lambda: EV(['0.9', '0.6', '0.2', '0.1'], p)),
        ('g = torch.tensor([1., 1., 0., 0.])', lambda: EV(['1', '1', '0', '0'], g)),
        ('loss = 1 - 2 * (p * g).sum()', lambda: ALL(E('1', 1), E('2', 2), abs(1 - 2 * (p * g).sum() / (p.sum() + g.sum()) - (1 - D)) < 1e-12)),
        ('print(loss.item(), x.grad)', lambda: ALL(C('0.2105', 1 - D), CV(['-0.0100', '-0.0266', '0.0665', '0.0374'], dLdx))),
    ]

# ======================================================================= 09
@register('09_kl_categorical_logits_zh.md')
def f09():
    kl = lambda a, b: np.sum(a * np.log(a / b))
    p = np.array([0.5, 0.3, 0.2]); z = np.array([1.0, 0, -1]); q = softmax(z)
    gf = grad(lambda u: kl(p, softmax(u)), z); gr = grad(lambda u: kl(softmax(u), p), z)
    def rnd():
        k = int(RNG.integers(3, 7)); pp = softmax(rand(k)); zz = rand(k)
        return pp, zz
    def ce_grad_onehot():
        pp, zz = rnd(); y = np.zeros_like(pp); y[1] = 1
        return near(grad(lambda u: -np.sum(y * logsoftmax(u)), zz), softmax(zz) - y)
    def decomp():
        pp, zz = rnd(); qq = softmax(zz)
        Hpq = -np.sum(pp * np.log(qq)); Hp = -np.sum(pp * np.log(pp))
        return abs(kl(pp, qq) - (Hpq - Hp)) < 1e-12
    def equiv():
        pp, zz = rnd()
        return near(grad(lambda u: kl(pp, softmax(u)), zz), grad(lambda u: -np.sum(pp * logsoftmax(u)), zz))
    def dlogq():
        pp, zz = rnd(); qq = softmax(zz); k = zz.size
        J = np.array([grad(lambda u: logsoftmax(u)[i], zz) for i in range(k)])
        return near(logsoftmax(zz), zz - np.log(np.exp(zz).sum()), 1e-12) and near(J, np.eye(k) - qq[None, :])
    def fwd():
        pp, zz = rnd(); qq = softmax(zz); k = zz.size
        g = grad(lambda u: kl(pp, softmax(u)), zz)
        mid = np.array([-np.sum(pp * ((np.arange(k) == j) - qq[j])) for j in range(k)])
        return near(g, mid) and near(g, -pp + qq * pp.sum()) and near(g, qq - pp) and abs(g.sum()) < 1e-6
    def rev_pieces():
        pp, zz = rnd(); qq = softmax(zz); k = zz.size
        J = np.array([grad(lambda u: softmax(u)[i], zz) for i in range(k)])
        return near(J, qq[:, None] * (np.eye(k) - qq[None, :])) and near(J.sum(axis=0), np.zeros(k))
    def rev():
        pp, zz = rnd(); qq = softmax(zz)
        g = grad(lambda u: kl(softmax(u), pp), zz)
        return near(g, qq * (np.log(qq / pp) - kl(qq, pp))) and abs(g.sum()) < 1e-6
    t = p * np.log(p / q)
    return [
        ('在 :numref:`sec_softmax` 中我们看到', lambda: forall(ce_grad_onehot)),
        ('设 $\\mathbf{p} = (p_1, \\ldots, p_K)$', GIVEN),
        ('$$D_{\\mathrm{KL}}(\\mathbf{p} \\,\\|\\, \\mathbf{q}) = \\sum_{j=1}^{K}', lambda: forall(decomp)),
        ('由于 $H(\\mathbf{p})$ 与 $\\mathbf{z}$ 无关', lambda: forall(equiv)),
        ('利用 $\\log q_k = z_k - \\log', lambda: forall(dlogq)),
        ('$$\\frac{\\partial D_{\\mathrm{KL}}(\\mathbf{p}\\,\\|\\,\\mathbf{q})}', lambda: forall(fwd)),
        ('这里用到了 $\\sum_k p_k = 1$', lambda: ALL(forall(fwd), E('1', p.sum()), E('0', 0))),
        ('**反向KL。**', lambda: forall(rev_pieces), '0'),
        ('$$\\frac{\\partial D_{\\mathrm{KL}}(\\mathbf{q}\\,\\|\\,\\mathbf{p})}', lambda: forall(rev)),
        ('取 $K = 3$', lambda: ALL(E('3', p.size), EV(['0.5', '0.3', '0.2'], p), EV(['1', '0', '-1'], z))),
        ('* $\\mathbf{q} = \\mathrm{softmax}(\\mathbf{z})', lambda: CV(['0.6652', '0.2447', '0.0900'], q)),
        ('* 正向KL的三项分别为', lambda: ALL(E('0.5', p[0]), E('0.5', p[0]), C('0.6652', q[0]), C('-0.1428', t[0]),
            E('0.3', p[1]), E('0.3', p[1]), C('0.2447', q[1]), C('0.0611', t[1]),
            E('0.2', p[2]), E('0.2', p[2]), C('0.0900', q[2]), C('0.1596', t[2]),
            C('0.078', kl(p, q), -0.1428 + 0.0611 + 0.1596))),
        ('* 梯度 $\\mathbf{q} - \\mathbf{p}', lambda: ALL(near(gf, q - p), CV(['0.1652', '-0.0553', '-0.1100'], gf), abs(gf.sum()) < 1e-6, E('0', 0))),
        ('* 反向KL：', lambda: ALL(CV(['0.2855', '-0.2036', '-0.7982'], np.log(q / p)), C('0.0683', kl(q, p)), CV(['0.1445', '-0.0665', '-0.0780'], gr))),
        ('可以看到两个方向的梯度符号相同', lambda: ALL(np.all(np.sign(gf) == np.sign(gr)), gf[0] > 0 and gr[0] > 0, E('1', 1),
            abs(gr[2]) < abs(gf[2]), E('3', 3), C('0.09', q[2]))),
        ("p = torch.tensor([0.5, 0.3, 0.2])", lambda: EV(['0.5', '0.3', '0.2'], p)),
        ("z = torch.tensor([1.0, 0.0, -1.0]", lambda: EV(['1.0', '0.0', '-1.0'], z)),
        ("loss = F.kl_div(F.log_softmax(z, dim=0), p, reduction='sum')", lambda: ALL(E('0', 0), abs(np.sum(p * (np.log(p) - logsoftmax(z))) - kl(p, q)) < 1e-12)),
        ('print(loss.item(), z.grad)', lambda: ALL(C('0.078', kl(p, q)), CV(['0.1652', '-0.0553', '-0.1100'], gf))),
        ('* 对固定的目标分布', lambda: forall(fwd)),
        ('* 反向KL的梯度多了一个因子', lambda: forall(rev)),
    ]

# ======================================================================= 10
@register('10_bce_with_logits_docs.md')
def f10():
    def bce(x, y, w=1.0):
        return -w * (y * np.log(sig(x)) + (1 - y) * np.log(1 - sig(x)))
    stable = lambda x, y: np.maximum(x, 0) - x * y + np.log1p(np.exp(-np.abs(x)))
    x = np.array([2.0, -1.0, 30.0]); y = np.array([1.0, 0, 0]); N = 3
    l = stable(x, y); g = grad(lambda u: stable(u, y).mean(), x)
    pw = 4.0
    lpw = lambda u, yy, p: (1 - yy) * u + (1 + (p - 1) * yy) * softplus(-u)
    def ids():
        xx = rand(20, lo=-8, hi=8)
        return (near(np.log(sig(xx)), -softplus(-xx), 1e-10) and near(np.log(1 - sig(xx)), -softplus(xx), 1e-9)
                and near(softplus(xx), xx + softplus(-xx), 1e-12))
    def stab():
        xx = rand(20, lo=-8, hi=8); yy = RNG.uniform(0, 1, 20)
        return near(bce(xx, yy), softplus(xx) - xx * yy, 1e-9) and near(stable(xx, yy), softplus(xx) - xx * yy, 1e-12)
    def noover():
        xx = np.array([-1e4, -50.0, 0.0, 50.0, 1e4])
        with np.errstate(over='raise'):
            v = np.exp(-np.abs(xx))
        return np.all(-np.abs(xx) <= 0) and np.all(np.isfinite(v))
    def gr():
        xx = rand(10, lo=-6, hi=6); yy = RNG.uniform(0, 1, 10)
        gg = np.array([d1(lambda u: stable(u, yy[i]), xx[i]) for i in range(10)])
        return near(gg, sig(xx) - yy) and np.all(np.abs(gg) <= 1)
    def meanred():
        xx = rand(5); yy = RNG.uniform(0, 1, 5)
        return near(grad(lambda u: stable(u, yy).mean(), xx), (sig(xx) - yy) / 5)
    def posw():
        xx = rand(10, lo=-6, hi=6); yy = RNG.uniform(0, 1, 10); p = RNG.uniform(0.5, 6)
        ref = -(p * yy * np.log(sig(xx)) + (1 - yy) * np.log(1 - sig(xx)))
        gg = np.array([d1(lambda u: lpw(u, yy[i], p), xx[i]) for i in range(10)])
        return near(ref, lpw(xx, yy, p), 1e-9) and near(gg, (1 + (p - 1) * yy) * sig(xx) - p * yy)
    def f32():
        s30 = np.float32(1) / (np.float32(1) + np.exp(np.float32(-30)))
        with np.errstate(divide='ignore'):
            lg = np.log(np.float32(1) - s30)
        return s30 == np.float32(1) and np.isneginf(lg) and -max(lg, -100) == 100
    return [
        ('`class torch.nn.BCEWithLogitsLoss', GIVEN),
        ('This loss combines a `Sigmoid` layer', lambda: forall(stab)),
        ('The unreduced loss (i.e. with', GIVEN, '0 1'),
        ('$$\\ell_n = -w_n\\big[', GIVEN, '1 1'),
        ("and with `reduction='mean'` the output", GIVEN, '1'),
        ('**Stable evaluation.** Since', lambda: forall(ids), '1 1'),
        ('$$\\ell_n = \\operatorname{softplus}(x_n) - x_n y_n = \\max', lambda: forall(stab), '0 1'),
        ('The exponent $-|x_n|$ is never positive', noover),
        ('$$\\frac{\\partial \\ell_n}{\\partial x_n} = \\sigma(x_n) - y_n', lambda: forall(gr)),
        ('which is bounded in $[-1, 1]$', lambda: forall(gr) and forall(meanred), '-1 1 0 1'),
        ('**Positive weights.**', GIVEN),
        ('$$\\ell_n = -\\big[\\,p\\,y_n', lambda: forall(posw), '1 1 1 1 1'),
        ('with gradient $\\partial\\ell_n/\\partial x_n', lambda: ALL(forall(posw), E('250', 250), E('1000', 1000), E('1000', 1000), E('250', 250),
            E('4', 1000 / 250), 250 * 4 == 1000), '1 1'),
        ('- **weight** (*Tensor, optional*)', GIVEN),
        ('- **reduction** (*str, optional*)', GIVEN),
        ('**Shape:** Input:', GIVEN),
        ('**Example.** Logits', lambda: ALL(EV(['2.0', '-1.0', '30.0'], x), EV(['1', '0', '0'], y))),
        ('- per-element losses', lambda: ALL(near(l[:2], bce(x[:2], y[:2]), 1e-9), CV(['0.1269', '0.3133', '30.0000'], l), C('10.1467', l.mean()))),
        ('- `x.grad` $= (\\sigma(x) - y)/3', lambda: ALL(E('3', N), CV(['-0.0397', '0.0896', '0.3333'], g))),
        ('- with `pos_weight=torch.tensor([4.])`', lambda: ALL(E('4', pw), E('4', pw), E('-2', -x[0]), C('0.5077', lpw(x[0], 1.0, pw)),
            E('4', pw), E('2', x[0]), E('4', pw), E('3', N), C('-0.1589', d1(lambda u: lpw(u, 1.0, pw), x[0]) / 3),
            near(lpw(x[1:], y[1:], pw), l[1:]))),
        ('In float32, `Sigmoid` followed by `BCELoss`', lambda: ALL(f32(), E('1', 1), E('30', x[2]), E('0', 0), E('0', 0), E('-100', -100), E('100', 100), C('30', l[2]))),
        ('>>> x = torch.tensor([2.0', lambda: EV(['2.0', '-1.0', '30.0'], x)),
        ('>>> y = torch.tensor([1.0', lambda: EV(['1.0', '0.0', '0.0'], y)),
        ('>>> out = loss(x, y)', lambda: C('10.1467', l.mean())),
        ('>>> out.backward()', lambda: CV(['-0.0397', '0.0896', '0.3333'], g)),
    ]

# ======================================================================= 11
@register('11_multilabel_sigmoid_vs_softmax_kaggle.md')
def f11():
    z = np.array([2.0, 1.0, -1.0, 0.5]); y = np.array([1.0, 1, 0, 0]); Cn = 4
    s = sig(z)
    per = -(y * np.log(s) + (1 - y) * np.log(1 - s))
    LA = lambda u: np.mean(-(y * np.log(sig(u)) + (1 - y) * np.log(1 - sig(u))))
    gA = grad(LA, z)
    t = y / y.sum(); p = softmax(z)
    LB = lambda u: -np.sum(t * logsoftmax(u))
    gB = grad(LB, z)
    def a_form():
        zz = rand(5); yy = RNG.integers(0, 2, 5).astype(float)
        f = lambda u: np.mean(-(yy * np.log(sig(u)) + (1 - yy) * np.log(1 - sig(u))))
        return near(grad(f, zz), (sig(zz) - yy) / 5)
    def b_form():
        zz = rand(5); tt = softmax(rand(5))
        return near(grad(lambda u: -np.sum(tt * logsoftmax(u)), zz), softmax(zz) - tt)
    def budget():
        # with two labels of weight 0.5, p1 = p2 = 0.5 is the infimum; p1 + p2 <= 1 always
        zz = rand(4, lo=-10, hi=10); pp = softmax(zz)
        return pp[0] + pp[1] <= 1 + 1e-12
    def thresholds():
        zz = rand(4); return np.all((sig(zz) > 0.5) == (zz > 0))
    def posw():
        zz = rand(4); yy = RNG.integers(0, 2, 4).astype(float); pw = 3.0
        lw = -(pw * yy * np.log(sig(zz)) + (1 - yy) * np.log(1 - sig(zz)))
        l1 = -(yy * np.log(sig(zz)) + (1 - yy) * np.log(1 - sig(zz)))
        return near(lw[yy == 0], l1[yy == 0]) and near(lw[yy == 1], pw * l1[yy == 1])
    return [
        ("Hi all, I've seen a few public notebooks", GIVEN),
        ('**Setup.** One image, $C = 4$', lambda: ALL(E('4', Cn), EV(['2.0', '1.0', '-1.0', '0.5'], z), E('1', 1), E('2', 2), EV(['1', '1', '0', '0'], y))),
        ('## Option A: sigmoid + BCE', GIVEN),
        ('Each class is its own yes/no problem', GIVEN),
        ('$$L_A = \\frac{1}{C}\\sum_{k=1}^{C}', lambda: forall(a_form), '1 1 1'),
        ('Numbers: $\\sigma(z) = (0.8808', lambda: CV(['0.8808', '0.7311', '0.2689', '0.6225'], s)),
        ('- class 1 (pos):', lambda: ALL(E('1', 1), C('0.8808', s[0]), C('0.1269', per[0]))),
        ('- class 2 (pos):', lambda: ALL(E('2', 2), C('0.7311', s[1]), C('0.3133', per[1]))),
        ('- class 3 (neg):', lambda: ALL(E('3', 3), E('1', 1), C('0.2689', s[2]), C('0.7311', 1 - s[2]), C('0.3133', per[2]))),
        ('- class 4 (neg):', lambda: ALL(E('4', 4), E('1', 1), C('0.6225', s[3]), C('0.3875', 1 - s[3]), C('0.9480', per[3]))),
        ('So $L_A = (0.1269', lambda: ALL(CV(['0.1269', '0.3133', '0.3133', '0.9480'], per), E('4', Cn), C('1.7015', per.sum()), E('4', Cn), C('0.4254', LA(z)),
            E('4', 4), np.argmax(per) == 3, C('0.62', s[3]))),
        ('Gradient before the $1/C$', lambda: ALL(E('1', 1), CV(['-0.1192', '-0.2689', '0.2689', '0.6225'], gA * Cn), np.all(np.sign(gA) == [-1, -1, 1, 1]))),
        ('## Option B: softmax + CE with target', GIVEN),
        ('Here the target becomes $t = (0.5', lambda: EV(['0.5', '0.5', '0', '0'], t)),
        ('$$L_B = -\\sum_k t_k \\log p_k', lambda: forall(b_form)),
        ('- $e^{z} = (7.3891', lambda: ALL(CV(['7.3891', '2.7183', '0.3679', '1.6487'], np.exp(z)), C('12.1239', np.exp(z).sum()))),
        ('- $p = (0.6095', lambda: CV(['0.6095', '0.2242', '0.0303', '0.1360'], p)),
        ('- $L_B = -0.5\\log 0.6095', lambda: ALL(E('-0.5', -t[0]), C('0.6095', p[0]), E('0.5', t[1]), C('0.2242', p[1]), E('0.5', 0.5),
            C('0.4951', -np.log(p[0]), -np.log(0.6095)), C('1.4952', -np.log(p[1]), -np.log(0.2242)), C('0.9952', LB(z)))),
        ('- gradient $p - t = (0.1095', lambda: CV(['0.1095', '-0.2758', '0.0303', '0.1360'], gB)),
        ('Look at class 1: it IS a correct label', lambda: ALL(E('1', 1), y[0] == 1 and gB[0] > 0, LB(z - 1e-3 * gB) < LB(z), E('2', 2), E('1', 1),
            C('0.5', t[0]), forall(budget), E('99', 99), 0.99 + 0.99 > 1)),
        ('1. Use `BCEWithLogitsLoss` (one sigmoid per class)', GIVEN),
        ('2. Threshold each $\\sigma(z_k)$ separately', lambda: forall(thresholds)),
        ('3. If you use `pos_weight`', lambda: forall(posw)),
        ('crit = nn.BCEWithLogitsLoss()', lambda: E('4', Cn)),
        ('z = torch.tensor([[2.0, 1.0, -1.0, 0.5]]', lambda: EV(['2.0', '1.0', '-1.0', '0.5'], z)),
        ('y = torch.tensor([[1., 1., 0., 0.]])', lambda: EV(['1', '1', '0', '0'], y)),
        ('loss = crit(z, y)', lambda: C('0.4254', LA(z))),
    ]

# ======================================================================= 12
@register('12_log_cosh_it.md', comma=True)
def f12():
    lc = lambda r: np.abs(r) + np.log1p(np.exp(-2 * np.abs(r))) - np.log(2)
    r = np.array([0.5, -1.0, 3.0]); N = 3
    L = lc(r); th = np.tanh(r)
    g = grad(lambda u: lc(u - np.zeros(3)).mean(), r)
    def defn():
        rr = rand(10, lo=-5, hi=5)
        return near(np.cosh(rr), (np.exp(rr) + np.exp(-rr)) / 2, 1e-12) and near(np.log(np.cosh(rr)), lc(rr), 1e-12)
    def basic():
        rr = rand(10, lo=-5, hi=5)
        return near(np.cosh(rr), np.cosh(-rr), 0) and np.all(np.cosh(rr) >= 1) and np.all(lc(rr) >= 0) and abs(lc(0.0)) < 1e-15
    def first():
        rr = rand(10, lo=-5, hi=5)
        num = np.array([d1(lc, v) for v in rr])
        return near(num, np.sinh(rr) / np.cosh(rr)) and near(num, np.tanh(rr)) and np.all(np.abs(num) < 1)
    def bounded_like_huber():
        rr = rand(10, lo=-8, hi=8)
        hub = lambda u: np.where(np.abs(u) <= 1, 0.5 * u ** 2, np.abs(u) - 0.5)
        hg = np.array([d1(hub, v) for v in rr if abs(abs(v) - 1) > 1e-3])
        return np.all(np.abs(hg) <= 1 + 1e-9) and np.all(np.abs(np.tanh(rr)) < 1)
    def second():
        rr = rand(10, lo=-5, hi=5); h = 1e-4
        num = (lc(rr + h) - 2 * lc(rr) + lc(rr - h)) / h ** 2
        return near(num, 1 - np.tanh(rr) ** 2, 1e-5) and near(1 - np.tanh(rr) ** 2, 1 / np.cosh(rr) ** 2, 1e-12) and np.all(num > 0)
    def small():
        rr = np.array([1e-2, 2e-2, -3e-2])
        err = np.log(np.cosh(rr)) - (rr ** 2 / 2 - rr ** 4 / 12)
        return np.all(np.abs(err) < 0.1 * np.abs(rr) ** 6)
    def large():
        rr = np.array([20.0, -25.0, 30.0])
        return near(np.cosh(rr), np.exp(np.abs(rr)) / 2, 1e-6 * np.exp(30)) and near(lc(rr), np.abs(rr) - np.log(2), 1e-12)
    def overflow():
        with np.errstate(over='ignore'):
            a = np.isinf(np.cosh(np.float64(710.6))) and np.isfinite(np.cosh(np.float64(710.3)))
            b = np.isinf(np.cosh(np.float32(89.5))) and np.isfinite(np.cosh(np.float32(88.9)))
        return a and b
    def stable():
        rr = rand(10, lo=-30, hi=30)
        return np.all(-2 * np.abs(rr) <= 0) and near(lc(rr), np.abs(rr) + np.log(1 + np.exp(-2 * np.abs(rr))) - np.log(2), 1e-12) \
            and near(rr + softplus(-2 * rr) - np.log(2), lc(rr), 1e-10)
    return [
        ("**Idea.** Vogliamo una loss", lambda: forall(second)),
        ('L(r) = \\log\\cosh(r), \\qquad', lambda: forall(defn), '2'),
        ('Osservazioni: $\\cosh$ è pari', lambda: forall(basic), '1 0 0 0'),
        ("L'(r) &= \\frac{1}{\\cosh(r)}\\cdot", lambda: forall(first) and forall(lambda: (lambda t: abs(d1(np.cosh, t) - np.sinh(t)) < 1e-6)(rand(1)[0])), '1'),
        ("&= \\tanh(r) \\in (-1,\\ 1).", lambda: forall(first), '-1 1'),
        ('Quindi il gradiente è limitato in modulo', lambda: forall(first) and forall(bounded_like_huber), '1 1'),
        ("L''(r) = 1 - \\tanh^2(r)", lambda: forall(second), '1 2 1 2 0'),
        ('per cui $L$ è strettamente convessa', lambda: forall(second)),
        ('- per $|r|$ piccolo:', small, '2 2 4 12 6'),
        ('- per $|r|$ grande:', large, '2 2'),
        ('**Implementazione stabile.**', lambda: ALL(overflow(), E('710', 710), E('89', 89))),
        ('\\log\\cosh(r) = |r| + \\log\\big(1 + e^{-2|r|}\\big)', lambda: forall(stable), '1 -2 2'),
        ("dove ora l'esponente è sempre", lambda: forall(stable), '0 -2 2'),
        ('**Esempio numerico**', lambda: C('4', 4), ''),
        ('| $r$ | $\\log\\cosh(r)$', GIVEN),
        ('| $0{,}5$ | $0{,}1201$', lambda: ALL(E('0.5', r[0]), C('0.1201', L[0]), C('0.125', r[0] ** 2 / 2), C('0.0052', r[0] ** 4 / 12),
            C('0.1198', r[0] ** 2 / 2 - r[0] ** 4 / 12), C('0.4621', th[0]), C('0.7864', 1 - th[0] ** 2))),
        ('| $-1{,}0$ | $0{,}4338$', lambda: ALL(E('-1.0', r[1]), C('0.4338', L[1]), C('-0.7616', th[1]), C('0.4200', 1 - th[1] ** 2))),
        ('| $3{,}0$ | $2{,}3093$', lambda: ALL(E('3.0', r[2]), C('2.3093', L[2]), E('3', r[2]), C('0.6931', np.log(2)), C('2.3069', abs(r[2]) - np.log(2)),
            C('0.9951', th[2]), C('0.0099', 1 - th[2] ** 2))),
        ('Con questi tre residui ($N = 3$)', lambda: ALL(E('3', N), CV(['0.1201', '0.4338', '2.3093'], L), E('3', N), C('2.8632', L.sum()), E('3', N), C('0.9544', L.mean()))),
        ('\\frac{\\partial}{\\partial \\hat y_i}\\,\\frac1N\\sum_{j} \\log\\cosh', lambda: ALL(near(g, th / N), CV(['0.1540', '-0.2539', '0.3317'], g))),
        ('Il residuo $r = 3$ pesa nel gradiente', lambda: ALL(E('3', r[2]), E('0.5', r[0]), C('0.9951', th[2]), C('0.4621', th[0]), C('2.15', th[2] / th[0]),
            2 < th[2] / th[0] < 2.5, E('6', (2 * r[2]) / (2 * r[0])))),
        ("**Nota d'esame.**", lambda: forall(lambda: (lambda yh, yy: abs(d1(lambda u: lc(yh - u), yy) + np.tanh(yh - yy)) < 1e-6)(rand(1)[0], rand(1)[0]))),
    ]

# ======================================================================= 13
@register('13_mae_median_stackexchange.md')
def f13():
    y = np.array([1.0, 2, 4, 7, 20]); n = 5
    f = lambda c, yy=y: np.sum(np.abs(yy - c))
    y6 = np.append(y, 30.0)
    grid = np.linspace(-5, 40, 45001)
    def slope_def():
        yy = rand(7, lo=-5, hi=5); c = rand(1, lo=-6, hi=6)[0]
        if np.min(np.abs(yy - c)) < 1e-3:
            return True
        fp = d1(lambda u: f(u, yy), c)
        return abs(fp - np.sum(np.sign(c - yy))) < 1e-6 and abs(fp - (np.sum(yy < c) - np.sum(yy > c))) < 1e-6
    def term_slopes():
        yi = rand(1)[0]
        return abs(d1(lambda u: abs(yi - u), yi - 0.5) + 1) < 1e-6 and abs(d1(lambda u: abs(yi - u), yi + 0.5) - 1) < 1e-6
    def median_min():
        k = int(RNG.integers(3, 10)); yy = np.round(rand(k, lo=-5, hi=5), 3)
        g = np.linspace(-6, 6, 12001); vals = np.array([f(c, yy) for c in g])
        cmin = g[np.argmin(vals)]
        return abs(f(np.median(yy), yy) - vals.min()) < 1e-9 and np.sum(yy < cmin - 1e-9) <= k / 2 and np.sum(yy > cmin + 1e-9) <= k / 2
    def kink():
        yj = rand(1)[0]; h = 1e-7
        l = (abs(yj - yj) - abs(yj - (yj - h))) / h; r = (abs(yj - (yj + h)) - abs(yj - yj)) / h
        return abs(l + 1) < 1e-6 and abs(r - 1) < 1e-6
    def opt_cond():
        k = int(RNG.integers(3, 9)); yy = RNG.integers(0, 5, k).astype(float)
        ok = True
        for c in np.unique(yy):
            cond = abs(np.sum(yy < c) - np.sum(yy > c)) <= np.sum(yy == c)
            ismin = f(c, yy) <= min(f(c - 1e-3, yy), f(c + 1e-3, yy)) + 1e-12
            ok &= (cond == ismin)
        return ok
    def pop():
        ys = np.linspace(-9, 9, 200001); w = np.exp(-(ys - 0.3) ** 2 / 2); w /= w.sum()
        c = rand(1)[0]; F = np.sum(w[ys < c])
        R = lambda u: np.sum(np.abs(ys - u) * w)
        return abs(d1(R, c, 1e-4) - (2 * F - 1)) < 1e-3 and abs((F - (1 - F)) - (2 * F - 1)) < 1e-12
    return [
        ('**A** (score 47)', GIVEN, '47'),
        ('$$f(c) = \\sum_{i=1}^{n} |y_i - c| .$$', GIVEN),
        ('Each term is piecewise linear in $c$', lambda: forall(term_slopes) and forall(slope_def, 10), '-1 1'),
        ("$$f'(c) = \\sum_{i=1}^{n} \\operatorname{sign}(c - y_i)", lambda: forall(slope_def, 20)),
        ('In words: the slope is', lambda: forall(median_min)),
        ('At a data point $c = y_j$', lambda: forall(kink), '-1 1 0'),
        ('$$\\Big|\\,\\#\\{i : y_i < c\\}', lambda: forall(opt_cond, 10)),
        ('**Small example.**', lambda: ALL(EV(['1', '2', '4', '7', '20'], y), E('5', n))),
        ('- for $c \\in (2, 4)$', lambda: ALL(E('2', y[1]), E('4', y[2]), E('2', np.sum(y < 3)), E('3', np.sum(y > 3)), C('-1', d1(f, 3.0)))),
        ('- for $c \\in (4, 7)$', lambda: ALL(E('4', y[2]), E('7', y[3]), E('3', np.sum(y < 5)), E('2', np.sum(y > 5)), C('1', d1(f, 5.0)))),
        ('- so the minimum is at $c = 4$', lambda: ALL(E('4', grid[np.argmin([f(c) for c in grid])]), E('4', np.median(y)),
            EV(['3', '2', '0', '3', '16'], np.abs(y - 4)), E('24', f(4.0)))),
        ('Compare with the mean', lambda: ALL(E('34', y.sum()), E('5', n), C('6.8', y.mean()), C('6.8', y.mean()),
            CV(['5.8', '4.8', '2.8', '0.2', '13.2'], np.abs(y - y.mean())), C('26.8', f(y.mean())), E('24', f(4.0)),
            E('2', 2), E('-2', -2), abs(d1(lambda c: np.sum((y - c) ** 2), 3.3) - (-2 * np.sum(y - 3.3))) < 1e-5, abs(np.sum(y - y.mean())) < 1e-12)),
        ('If you append $y_6 = 30$', lambda: ALL(E('30', y6[5]), E('6', y6.size), E('0', d1(lambda c: f(c, y6), 5.3)),
            E('4', y6[2]), E('7', y6[3]), E('4', 4), E('7', 7),
            abs(min(f(c, y6) for c in grid) - f(4.0, y6)) < 1e-9 and abs(f(7.0, y6) - f(4.0, y6)) < 1e-9 and f(3.9, y6) > f(4.0, y6) and f(7.1, y6) > f(4.0, y6),
            E('4', 4), E('5', 5), E('50', f(4.0, y6)), f(5.0, y6) == 50, C('5.5', np.median(y6)))),
        ('**Population version.**', GIVEN),
        ('\\frac{d}{dc}\\,\\mathbb{E}|Y - c| &=', lambda: forall(pop, 3)),
        ('&= F(c) - \\big(1 - F(c)\\big) = 2F(c) - 1,', lambda: forall(pop, 3), '1 2 1'),
        ('which is zero at $F(c) = 1/2$', lambda: ALL(E('1', 1), E('2', 2),
            forall(lambda: (lambda a, b: abs(d1(lambda u: abs(u - b), a) - np.sign(a - b)) < 1e-6)(rand(1)[0], rand(1)[0] + 5)),
            E('20', y[4]), E('2000', 2000), E('4', np.median(np.array([1.0, 2, 4, 7, 2000]))), C('402.8', np.mean([1.0, 2, 4, 7, 2000])))),
        ('(This is the $\\tau = 1/2$ case', lambda: forall(lambda: (lambda u: near(np.maximum(0.5 * u, -0.5 * u), 0.5 * np.abs(u)))(rand(9))), '1 2'),
    ]

# ======================================================================= 14
@register('14_weighted_cross_entropy_pt.md', comma=True)
def f14():
    w = np.array([1.0, 2.0, 5.0]); Z = np.array([[2.0, 0.5, -1.0], [0.0, 1.0, 0.5]]); y = np.array([0, 2]); Cn = 3
    P = softmax(Z); O = np.eye(3)[y]
    def Lw(ZZ, yy=y, ww=w):
        lp = logsoftmax(ZZ)
        return np.sum(-ww[yy] * lp[np.arange(len(yy)), yy]) / ww[yy].sum()
    G = grad(Lw, Z)
    nl = -np.log(P[np.arange(2), y])
    def rnd():
        n, c = 4, 3
        return rand(n, c), RNG.integers(0, c, n), RNG.uniform(0.5, 5, c)
    def li_form():   # per-example loss = -w_y log p_y and mean reduction divides by sum of used weights
        ZZ, yy, ww = rnd(); lp = logsoftmax(ZZ)
        li = -ww[yy] * lp[np.arange(4), yy]
        return abs(Lw(ZZ, yy, ww) - li.sum() / ww[yy].sum()) < 1e-12
    def unweighted():
        ZZ, yy, _ = rnd(); i = 1
        g = grad(lambda u: -logsoftmax(u)[yy[i]], ZZ[i])
        return near(g, softmax(ZZ[i]) - np.eye(3)[yy[i]])
    def weighted_printed():   # printed: d l_i / d z_ik = w_k (p_ik - 1[k=y_i])
        ZZ, yy, ww = rnd(); i = 0
        g = grad(lambda u: -ww[yy[i]] * logsoftmax(u)[yy[i]], ZZ[i])
        return near(g, ww * (softmax(ZZ[i]) - np.eye(3)[yy[i]]))
    def mean_printed():
        ZZ, yy, ww = rnd()
        return near(grad(lambda u: Lw(u, yy, ww), ZZ), ww[None, :] * (softmax(ZZ) - np.eye(3)[yy]) / ww[yy].sum())
    return [
        ('Nosso dataset tem 3 classes', lambda: ALL(E('3', Cn), E('2', np.argmax(w))), ''),
        ('**Notação.**', GIVEN, '0 1'),
        ('$$\\ell_i = -\\,w_{y_i}', lambda: forall(li_form)),
        ("e com `reduction='mean'` o PyTorch", lambda: forall(li_form)),
        ('$$L = \\frac{\\sum_i \\ell_i}{\\sum_i w_{y_i}}', lambda: forall(li_form)),
        ('**Gradiente.** Sem os pesos', lambda: forall(unweighted), '1'),
        ('$$\\frac{\\partial \\ell_i}{\\partial z_{ik}} = w_k', lambda: forall(weighted_printed), '1'),
        ('e, para a média, $\\partial L/\\partial z_{ik}', lambda: forall(mean_printed), '1'),
        ('**Exemplo.** $C = 3$', lambda: ALL(E('3', Cn), EV(['1', '2', '5'], w), EV(['2.0', '0.5', '-1.0'], Z[0]), E('0', y[0]),
            EV(['0.0', '1.0', '0.5'], Z[1]), E('2', y[1]))),
        ('w = np.array([1.0, 2.0, 5.0])', lambda: EV(['1.0', '2.0', '5.0'], w)),
        ('Z = np.array([[2.0, 0.5, -1.0]', lambda: EV(['2.0', '0.5', '-1.0', '0.0', '1.0', '0.5'], Z)),
        ('y = np.array([0, 2])', lambda: EV(['0', '2'], y)),
        ('P = np.exp(Z) / np.exp(Z).sum(axis=1', lambda: ALL(E('1', 1), near(np.exp(Z) / np.exp(Z).sum(axis=1, keepdims=True), P))),
        ('print(P.round(4))', lambda: E('4', 4)),
        ('[[0.7856 0.1753 0.0391]', lambda: CV(['0.7856', '0.1753', '0.0391'], P[0])),
        (' [0.1863 0.5065 0.3072]]', lambda: CV(['0.1863', '0.5065', '0.3072'], P[1])),
        ('Então $-\\log p_{1,0}', lambda: ALL(C('0.7856', P[0, 0]), C('0.2413', nl[0]), C('0.3072', P[1, 2]), C('1.1803', nl[1]),
            E('1', w[y[0]]), E('5', w[y[1]]))),
        ('$$L = \\frac{1 \\cdot 0{,}2413', lambda: ALL(E('1', w[y[0]]), C('0.2413', nl[0]), E('5', w[y[1]]), C('1.1803', nl[1]), E('1', w[y[0]]), E('5', w[y[1]]),
            C('6.1428', (w[y] * nl).sum(), 0.2413 + 5 * 1.1803), E('6', w[y].sum()), C('1.0238', Lw(Z)))),
        ('(Sem pesos, a média seria', lambda: ALL(C('0.2413', nl[0]), C('1.1803', nl[1]), E('2', 2), C('0.7108', nl.mean()),
            w[y[1]] * nl[1] / (w[y] * nl).sum() > 0.9)),
        ('onehot = np.eye(3)[y]', lambda: ALL(E('3', Cn), near(np.eye(3)[y], O))),
        ('G = w[None, :] * (P - onehot) / w[y].sum()', lambda: near(w[None, :] * (P - O) / w[y].sum(), G)),
        ('print(G.round(4))', lambda: E('4', 4)),
        ('[[-0.0357  0.0584  0.0326]', lambda: CV(['-0.0357', '0.0584', '0.0326'], G[0])),
        (' [ 0.0311  0.1688 -0.5773]]', lambda: CV(['0.0311', '0.1688', '-0.5773'], G[1])),
        ('O gradiente do logit verdadeiro do exemplo raro', lambda: ALL(C('-0.5773', G[1, 2]), E('16', 16), abs(G[1, 2]) > 16 * abs(G[0, 0]), C('-0.0357', G[0, 0]))),
    ]

# ======================================================================= 15
@register('15_softmax_ce_batch_hw.md')
def f15():
    X = np.array([[1.0, 2], [0, -1]]); W = np.array([[0.5, -0.5, 0], [0, 1, -1]]); b = np.zeros(3)
    y1 = np.array([2, 3]); y = y1 - 1; N, Dd, Cn = 2, 2, 3
    Y = np.eye(3)[y]
    def Lf(ZZ, yy=y):
        return -np.mean(logsoftmax(ZZ)[np.arange(ZZ.shape[0]), yy])
    Z = X @ W + b; P = softmax(Z)
    dZ = grad(Lf, Z); dW = grad(lambda V: Lf(X @ V + b), W); db = grad(lambda v: Lf(X @ W + v), b)
    def rnd():
        n, d, c = 4, 3, 5
        return rand(n, d), rand(d, c), rand(c), RNG.integers(0, c, n)
    def a1():
        z = rand(5); yy = 2; p = softmax(z)
        J = grad(lambda u: softmax(u)[yy], z)
        gl = grad(lambda u: -logsoftmax(u)[yy], z)
        return near(J, p[yy] * ((np.arange(5) == yy) - p)) and near(gl, p - (np.arange(5) == yy)) and near(-1 / p[yy] * J, gl)
    def a2():
        z = rand(5); return abs(np.sum(softmax(z) - np.eye(5)[1])) < 1e-12
    def rows_indep():
        XX, WW, bb, yy = rnd(); ZZ = XX @ WW + bb
        f = lambda r: -logsoftmax(r)[yy[1]]
        return near(grad(lambda u: Lf(np.vstack([ZZ[:1], u[None], ZZ[2:]]), yy), ZZ[1]), grad(f, ZZ[1]) / 4)
    def b_printed():   # printed: dL/dZ = P - Y
        XX, WW, bb, yy = rnd(); ZZ = XX @ WW + bb
        return near(grad(lambda u: Lf(u, yy), ZZ), softmax(ZZ) - np.eye(5)[yy])
    def c_rule():
        XX, WW, bb, yy = rnd(); ZZ = XX @ WW + bb
        G = grad(lambda u: Lf(u, yy), ZZ)
        gW = grad(lambda V: Lf(XX @ V + bb, yy), WW); gb = grad(lambda v: Lf(XX @ WW + v, yy), bb)
        return near(gW, XX.T @ G) and near(gb, G.sum(axis=0)) and (XX.T @ G).shape == WW.shape and gb.shape == bb.shape
    def c_elem():
        XX, WW, bb, yy = rnd()
        ZZ = XX @ WW + bb
        return near(ZZ[2, 3], sum(XX[2, d] * WW[d, 3] for d in range(3)) + bb[3])
    return [
        ('Setup: $N$ = batch size', lambda: (rand(N, Dd) @ rand(Dd, Cn) + rand(Cn)).shape == (N, Cn), '1'),
        ('$Z = XW + \\mathbf{1}b^\\top$', GIVEN, '1 1'),
        ('**(a)** one example', GIVEN),
        ('$\\partial p_y/\\partial z_c = p_y(', lambda: forall(a1), '1 1 1 1'),
        ('i.e. $\\nabla_z \\ell = p - e_y$', lambda: forall(a2) and forall(a1), '0'),
        ('**(b)** batch. Row $n$ of $Z$', lambda: forall(rows_indep)),
        ('$$\\frac{\\partial L}{\\partial Z} = P - Y \\qquad', lambda: forall(b_printed)),
        ('**(c)** $Z_{nc} = \\sum_d', lambda: forall(c_elem) and forall(c_rule)),
        ('$$\\frac{\\partial L}{\\partial W} = X^\\top', lambda: forall(c_rule), '1'),
        ('**(d)** numbers:', lambda: ALL(E('2', N), E('2', Dd), E('3', Cn), E('0', 0))),
        ('$X = \\begin{pmatrix} 1 & 2', lambda: ALL(EV(['1', '2', '0', '-1'], X), EV(['0.5', '-0.5', '0', '0', '1', '-1'], W), EV(['2', '3'], y1))),
        ('$Z = XW = \\begin{pmatrix}', lambda: EV(['0.5', '1.5', '-2', '0', '-1', '1'], Z)),
        ('$P \\approx \\begin{pmatrix}', lambda: ALL(CV(['0.2631', '0.7153', '0.0216', '0.2447', '0.0900', '0.6652'], P), near(P.sum(1), [1, 1]), E('1', 1))),
        ('$L = \\frac{1}{2}(-\\log 0.7153', lambda: ALL(E('1', 1), E('2', N), C('0.7153', P[0, 1]), C('0.6652', P[1, 2]), E('1', 1), E('2', N),
            C('0.3351', -np.log(P[0, 1])), C('0.4076', -np.log(P[1, 2])), C('0.3714', Lf(Z)))),
        ('$\\partial L/\\partial Z = P - Y \\approx', lambda: CV(['0.2631', '-0.2847', '0.0216', '0.2447', '0.0900', '-0.3348'], dZ)),
        ('$\\partial L/\\partial W = X^\\top(P - Y)', lambda: CV(['0.2631', '-0.2847', '0.0216', '0.2815', '-0.6595', '0.3780'], dW)),
        ('(2nd row $= 2\\cdot$row 1', lambda: ALL(E('2', 2), E('2', X[0, 1]), E('1', 1), E('2', 2), near((X.T @ (P - Y))[1], 2 * (P - Y)[0] - (P - Y)[1]))),
        ('$\\partial L/\\partial b \\approx', lambda: ALL(CV(['0.5079', '-0.1947', '-0.3132'], db), abs(db.sum()) < 1e-6, E('0', 0), near((P - Y).sum(1), [0, 0]))),
        ('**(e)** sign sanity:', lambda: ALL(dZ[0, 1] < 0 and dZ[1, 2] < 0, np.unravel_index(np.argmax(np.abs(dW)), dW.shape) == (1, 1),
            E('2', y1[0]), E('1', 1))),
    ]

# ======================================================================= 16
@register('16_exp_vs_logistic_loss_tr.md', comma=True)
def f16():
    lexp = lambda m: np.exp(-m)
    llog = lambda m: np.log1p(np.exp(-m))
    ms = np.array([-3.0, 0.0, 2.0])
    wexp = np.abs(d1(lexp, ms)); wlog = np.abs(d1(llog, ms))
    x = np.array([1.0, -2]); y = -1.0; w = np.array([0.5, 1.0]); f = w @ x; m = y * f
    gexp = grad(lambda v: lexp(y * (v @ x)), w); glog = grad(lambda v: llog(y * (v @ x)), w)
    def dec_conv():
        mm = rand(20, lo=-5, hi=5); h = 1e-4
        ok = np.all(d1(lexp, mm) < 0) and np.all(d1(llog, mm) < 0)
        ok &= np.all((lexp(mm + h) - 2 * lexp(mm) + lexp(mm - h)) / h ** 2 > 0) and np.all((llog(mm + h) - 2 * llog(mm) + llog(mm - h)) / h ** 2 > 0)
        u = np.exp(-mm)
        return ok and np.all(np.log1p(u) <= u) and np.all(llog(mm) <= lexp(mm))
    def large_m():
        mm = np.array([8.0, 12.0, 20.0])
        return np.all(np.abs(llog(mm) / lexp(mm) - 1) < 1e-3) and abs(lexp(-3.0) - llog(-3.0)) > 10
    def dexp():
        mm = rand(10, lo=-4, hi=4)
        return near(d1(lexp, mm), -np.exp(-mm)) and near(d1(lexp, mm), -lexp(mm))
    def dlog_printed():
        mm = rand(10, lo=-4, hi=4)
        return near(d1(llog, mm), -np.log1p(np.exp(-mm)))
    def growth():   # printed: logistic weight grows ~ linearly in |m|, exponential weight like e^{|m|}
        mm = np.array([-10.0, -20.0, -40.0])
        lw = np.abs(d1(llog, mm)); ew = np.abs(d1(lexp, mm))
        return near(ew / np.exp(np.abs(mm)), np.ones(3), 1e-5) and np.all(np.abs(lw / np.abs(mm) - 1) < 0.05)
    def chain():
        xx = rand(3); yy = RNG.choice([-1.0, 1.0]); ww = rand(3)
        ok = near(grad(lambda v: yy * (v @ xx), ww), yy * xx)
        for L in (lexp, llog):
            ok &= near(grad(lambda v: L(yy * (v @ xx)), ww), d1(L, yy * (ww @ xx)) * yy * xx)
        return ok
    return [
        ('**Soru 3 (20 puan).**', GIVEN, '3 20 -1 1 1'),
        ('**(a) (5 puan)**', dec_conv, '5 1 0'),
        ('| $m$ | $\\ell_{\\exp}(m)$', GIVEN),
        ('| $-3$ | $e^{3}', lambda: ALL(E('-3', ms[0]), E('3', -ms[0]), C('20.0855', lexp(ms[0])), E('1', 1), E('3', -ms[0]), C('3.0486', llog(ms[0])))),
        ('| $0$ | $1$ |', lambda: ALL(E('0', ms[1]), E('1', lexp(ms[1])), E('2', 2), C('0.6931', llog(ms[1])))),
        ('| $2$ | $e^{-2}', lambda: ALL(E('2', ms[2]), E('-2', -ms[2]), C('0.1353', lexp(ms[2])), E('1', 1), E('-2', -ms[2]), C('0.1269', llog(ms[2])))),
        ('Büyük pozitif $m$ için', large_m, '1'),
        ('**(b) (7 puan)** Marja göre türevler.', lambda: forall(dexp), '7'),
        ("$$\\ell_{\\exp}'(m) = -e^{-m}", lambda: forall(dexp)),
        ('Lojistik kayıp için de benzer şekilde', GIVEN),
        ("$$\\ell_{\\log}'(m) = -\\ln\\big(1 + e^{-m}\\big).$$", lambda: forall(dlog_printed), '1'),
        ('Gradyan inişinde bir örneğin', GIVEN),
        ('- $m = -3$: üstel', lambda: ALL(E('-3', ms[0]), C('20.0855', wexp[0]), C('3.0486', wlog[0]), C('6.59', wexp[0] / wlog[0]))),
        ('- $m = 0$: üstel', lambda: ALL(E('0', ms[1]), C('1', wexp[1]), C('0.6931', wlog[1]))),
        ('- $m = 2$: üstel', lambda: ALL(E('2', ms[2]), C('0.1353', wexp[2]), C('0.1269', wlog[2]))),
        ('*Yorum:* Yanlış sınıflanan örneklerde', growth),
        ('**(c) (8 puan)** Doğrusal model', lambda: forall(chain), '8'),
        ("$$\\nabla_w\\,\\ell(m) = \\ell'(m)\\,y\\,x .$$", lambda: forall(chain)),
        ('Sayısal örnek:', lambda: ALL(EV(['1', '-2'], x), E('-1', y), EV(['0.5', '1'], w), E('0.5', w[0] * x[0]), E('2', -w[1] * x[1]), E('-1.5', f),
            E('-1', y), E('-1.5', f), E('1.5', m), m > 0)),
        ('- Üstel: $\\ell_{\\exp}', lambda: ALL(E('1.5', m), E('-1.5', -m), C('-0.2231', d1(lexp, m)), C('-0.2231', d1(lexp, m)), E('-1', y),
            EV(['1', '-2'], x), CV(['0.2231', '-0.4463'], gexp))),
        ('- Lojistik: $\\ell_{\\log}', lambda: ALL(E('1.5', m), E('1', 1), E('-1.5', -m), C('-0.2014', d1(llog, m)), CV(['0.2014', '-0.4028'], glog))),
        ('Doğru sınıflanmış bu örnekte iki gradyan', lambda: ALL(np.linalg.norm(gexp - glog) / np.linalg.norm(gexp) < 0.25,
            np.all(np.sign(gexp) == [1, -1]), np.all(np.sign(glog) == [1, -1]))),
        ('*Puanlama notu:*', GIVEN, '4 4'),
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
MATH_CHARS = set('$∂∑σ′∇√‖⊙∈≤≥←→≈×·ε∞∘−±∝⁻²')
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
