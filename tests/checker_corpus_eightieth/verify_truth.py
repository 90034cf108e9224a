#!/usr/bin/env python3
"""Independent NumPy check of corpus80 (initialization, normalization, regularization).

For every file an ordered list of checks: (unique substring of one line, predicate[, declared tokens]).
Every line that contains mathematics (inline/display LaTeX, lines inside $$/align blocks, code with a
relation sign and a digit, Unicode math symbols) must be covered by a check.
  * definitions / givens              -> GIVEN
  * symbolic derivative claims        -> central finite differences at random points
  * distributional claims (variances) -> exact enumeration or large Monte Carlo samples
  * worked numbers                    -> recomputed, compared to the printed precision, either against the
                                         exact value or against the value recomputed from the rounded numbers
                                         the author carried
  * sizes / parameter counts          -> recomputed by building arrays
Every number printed on a checked line must be a checked value or a declared structural token
('*' = line not accounted; used for givens only).  The first line whose predicate is False must equal
expected.json (null when every predicate holds).
Usage: python3 verify_truth.py [-v] [--tokens] [file-substring ...]
"""
import json, math, os, re, sys
from collections import Counter
import numpy as np

VERBOSE = '-v' in sys.argv
TOKENS = '--tokens' in sys.argv
D = os.path.dirname(os.path.abspath(__file__))
RNG = np.random.default_rng(80)

# ------------------------------------------------------------------ helpers
def GIVEN():
    return True

def _num(s):
    s = s.strip().replace('−', '-').replace(',', '.').replace('\u202f', '').replace(' ', '')
    m = re.fullmatch(r'[+-]?(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?', s)
    assert m, f'bad number {s!r}'
    d = len(m.group(2) or '')
    e = int(m.group(3) or 0)
    return float(s), 0.5 * 10.0 ** (e - d) * (1 + 1e-9) + 1e-15

_LITS = []

def C(shown, *cands):
    """shown agrees, to its printed precision, with at least one candidate value."""
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
    """every argument has already been evaluated (so all literals are registered); AND them."""
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

def jac(f, x, h=1e-6):
    """J[a, b] = d f(x)[a] / d x[b] (f vector valued, x vector)"""
    x = np.array(x, dtype=float); f0 = np.ravel(f(x))
    J = np.zeros((f0.size, x.size))
    for b in range(x.size):
        e = np.zeros_like(x); e.flat[b] = h
        J[:, b] = (np.ravel(f(x + e)) - np.ravel(f(x - e))) / (2 * h)
    return J

def near(a, b, tol=1e-6):
    a = np.asarray(a, float); b = np.asarray(b, float)
    return a.shape == b.shape and np.allclose(a, b, atol=tol, rtol=0)

def rel(a, b, tol):
    return abs(a - b) <= tol * abs(b)

def rand(*shape, lo=-2, hi=2):
    return RNG.uniform(lo, hi, size=shape)

def softmax(z):
    z = np.asarray(z, float); e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)

def relu(z):
    return np.maximum(z, 0.0)

def sym_discrete(vals, probs=None):
    """a discrete distribution symmetric about 0 (support, probabilities)"""
    v = np.asarray(vals, float); v = np.concatenate([v, -v])
    p = np.ones_like(v) / v.size if probs is None else np.concatenate([probs, probs]) / (2 * np.sum(probs))
    return v, p

FILES = {}
def register(name, comma=False):
    def deco(fn):
        FILES[name] = (fn, comma)
        return fn
    return deco

# ======================================================================= 01
def _uniform_var(a, n=200001):
    """variance of U[-a, a] by numerical integration (midpoint rule)"""
    t = -a + (np.arange(n) + 0.5) * (2 * a / n)
    return np.mean(t ** 2)

def _linear_net_variances(widths, wvars, xvar, gvar, trials=400, batch=256, seed=1):
    """Monte Carlo: forward variance of the top activations and backward variance of the
    gradient w.r.t. the input, for z^{i+1} = W^i z^i with fresh i.i.d. Gaussian weights per trial"""
    R = np.random.default_rng(seed)
    fw, bw = [], []
    for _ in range(trials):
        Ws = [R.normal(0, np.sqrt(v), size=(widths[i + 1], widths[i])) for i, v in enumerate(wvars)]
        z = R.uniform(-1, 1, size=(widths[0], batch)) * np.sqrt(3 * xvar)
        for W in Ws:
            z = W @ z
        g = R.standard_normal((widths[-1], batch)) * np.sqrt(gvar)
        for W in Ws[::-1]:
            g = W.T @ g
        fw.append(np.mean(z ** 2)); bw.append(np.mean(g ** 2))
    return np.mean(fw), np.mean(bw)

@register('01_glorot_variance_course_notes.md')
def f01():
    nin, nout = 784, 256
    a = math.sqrt(6 / (nin + nout))
    def shapes():
        W = rand(5, 3); z = rand(3)
        return (W @ z).shape == (5,)
    def step1():
        wv, wp = sym_discrete([0.3, 1.1, 2.0], np.array([1.0, 2, 1]))
        xv, xp = sym_discrete([0.5, 1.7], np.array([3.0, 1]))
        P = np.outer(wp, xp); prod = np.outer(wv, xv)
        Ewx2 = (P * prod ** 2).sum(); Ewx = (P * prod).sum()
        Ew, Ex = wp @ wv, xp @ xv
        varw, varx = wp @ wv ** 2 - Ew ** 2, xp @ xv ** 2 - Ex ** 2
        return (abs((Ewx2 - Ewx ** 2) - (Ewx2 - (Ew * Ex) ** 2)) < 1e-12
                and abs(Ewx2 - (wp @ wv ** 2) * (xp @ xv ** 2)) < 1e-12 and abs(Ewx2 - varw * varx) < 1e-12)
    def step2():
        R = np.random.default_rng(2); n, S, v, vx = 6, 400000, 0.3, 2.0
        W = R.normal(0, np.sqrt(v), size=(S, n)); X = R.uniform(-1, 1, size=(S, n)) * np.sqrt(3 * vx)
        T = W * X
        cov = np.cov(T.T)
        off = np.abs(cov - np.diag(np.diag(cov))).max()
        return off < 0.02 and rel(np.var(T.sum(axis=1)), n * v * vx, 0.02)
    widths = [40, 60, 30, 50]; wv = [0.02, 0.04, 0.05]; xvar, gvar = 2.0, 1.5
    fwd, bwd = _linear_net_variances(widths, wv, xvar, gvar)
    def forward():
        pred = xvar * np.prod([widths[i] * wv[i] for i in range(3)])
        return rel(fwd, pred, 0.05)
    def backward_rule():
        ok = True
        for _ in range(3):
            W = rand(4, 3); zi = rand(3); g = rand(4)
            ok &= near(grad(lambda z: g @ (W @ z), zi), W.T @ g)
        return ok
    def backward():
        pred = gvar * np.prod([widths[i + 1] * wv[i] for i in range(3)])
        return rel(bwd, pred, 0.05)
    def wishes():
        ni, nj = 300, 120
        return E('1', ni * (1 / ni)) and E('1', nj * (1 / nj))
    def harmonic():
        ok = True
        for ni, nj in [(784, 256), (100, 100), (3, 1000)]:
            h = 2 / (ni + nj)
            ok &= abs(2 / (ni / 1 + nj / 1) - 2 * (1 / ni) * (1 / nj) / (1 / ni + 1 / nj)) < 1e-15
            ok &= abs(h - 2 * (1 / ni) * (1 / nj) / (1 / ni + 1 / nj)) < 1e-15
        return ok and (1 / 300 != 1 / 120)
    def uniform_var():
        ok = True
        for aa in (0.05, 0.7, 3.0):
            ok &= rel(_uniform_var(aa), (2 * aa) ** 2 / 12, 1e-6) and abs((2 * aa) ** 2 / 12 - aa ** 2 / 3) < 1e-15
        ni, nj = 784, 256
        aa = math.sqrt(3 * 2 / (ni + nj))
        return ok and rel(_uniform_var(aa), 2 / (ni + nj), 1e-6)
    def bound():
        ni, nj = 500, 300
        return abs(math.sqrt(6) / math.sqrt(ni + nj) - math.sqrt(3 * 2 / (ni + nj))) < 1e-15 and E('6', 3 * 2) and E('6', 3 * 2)
    def old():
        n = 400; b = 1 / math.sqrt(n); v = _uniform_var(b)
        shrink = 1 / 3                                    # n * Var, after checking v against 1/(3n)
        return ALL(E('-1', -1), E('1', 1), E('1', 1), E('3', 3), rel(v, 1 / (3 * n), 1e-6),
                   E('1', 1), E('3', 3), rel(n * v, shrink, 1e-6), E('3', 1 / shrink),
                   E('5', 5), E('3', 3), E('-5', -5), C('0.0041', shrink ** 5))
    Wsamp = np.random.default_rng(3).uniform(-a, a, size=(nout, nin))
    return [
        ('**Setting.** Let $n_i$', shapes, '1 0 1 1'),
        ('**Assumptions.**', GIVEN, '*'),
        ('**Step 1 (one product).**', GIVEN, '1'),
        ('$$\\mathrm{Var}[wx] =', step1, '2 2 2 2 2'),
        ('**Step 2 (a sum of $n$ products).**', step2, '2 1'),
        ('$$\\mathrm{Var}[z^{i+1}_k]', step2, '1'),
        ('$$\\mathrm{Var}[z^i] = \\mathrm{Var}[x]\\prod', forward, '1'),
        ('**Backward.** The same argument', backward_rule, '1'),
        ('\\prod_{i\'=i}^{d-1} n_{i\'+1}', backward, '1'),
        ('**Two wishes.**', GIVEN),
        ('$$n_i\\,\\mathrm{Var}[W^i] = 1 \\qquad', wishes),
        ('Both can hold only when', harmonic, '1 1'),
        ('$$\\mathrm{Var}[W^i] = \\frac{2}{n_i + n_{i+1}}.$$', harmonic, '2'),
        ('**Uniform version.**', uniform_var, '2 2 12 2 3 2 3 2'),
        ('$$W^i \\sim U\\Big[', bound),
        ('**Why not the old heuristic?**', old),
        ('**Worked example (first layer', lambda: E('784', nin) and E('256', nout)),
        ('- $n_{\\text{in}} + n_{\\text{out}} = 1040$', lambda: E('1040', nin + nout) and E('2', 2) and E('1040', nin + nout)
            and C('1.92e-3', 2 / 1040) and C('0.0439', math.sqrt(2 / 1040))),
        ('- Uniform bound:', lambda: E('6', 6) and E('1040', nin + nout) and C('0.005769', 6 / 1040) and C('0.0760', a)),
        ('- The old heuristic would have used', lambda: E('1', 1) and E('784', nin) and E('1', 1) and E('28', math.sqrt(nin))
            and C('0.0357', 1 / math.sqrt(nin))),
        ('- Per-layer factors with Glorot:', lambda: ALL(E('784', nin), E('2', 2), E('1040', nin + nout), C('1.51', nin * 2 / 1040),
            E('256', nout), E('2', 2), E('1040', nin + nout), C('0.49', nout * 2 / 1040),
            E('1', 1) and nin * 2 / 1040 != 1 and nout * 2 / 1040 != 1,
            C('1.51', nin * 2 / 1040), C('0.49', nout * 2 / 1040), E('2', 2), E('1', (nin * 2 / 1040 + nout * 2 / 1040) / 2))),
        ('layer = nn.Linear(784, 256)', lambda: E('784', nin) and E('256', nout) and E('256', Wsamp.shape[0]) and E('784', Wsamp.shape[1])
            and (Wsamp @ np.ones(nin)).shape == (nout,)),
        ('# bound = gain * sqrt(6 / (fan_in + fan_out)), gain = 1', lambda: E('6', 6) and E('1', 1) and abs(1 * math.sqrt(6 / (nin + nout)) - a) < 1e-15),
        ('# just below 0.0760', lambda: np.abs(Wsamp).max() < a and C('0.0760', a, np.abs(Wsamp).max())),
        ('# about 0.0439', lambda: abs(Wsamp.std() - 0.0439) < 5e-4 and C('0.0439', a / math.sqrt(3))),
    ]

# ======================================================================= 02
def _relu_net_ratio(widths, wvars, trials=300, batch=256, seed=4):
    """Monte Carlo Var[y_L] / Var[y_1] for y_1 = W_1 x, y_l = W_l relu(y_{l-1})"""
    R = np.random.default_rng(seed)
    v1, vL = [], []
    for _ in range(trials):
        x = R.standard_normal((widths[0], batch))
        y = R.normal(0, np.sqrt(1.0 / widths[0]), size=(widths[1], widths[0])) @ x
        v1.append(np.mean(y ** 2))
        for i, v in enumerate(wvars):
            y = R.normal(0, np.sqrt(v), size=(widths[i + 2], widths[i + 1])) @ relu(y)
        vL.append(np.mean(y ** 2))
    return np.mean(vL) / np.mean(v1)

@register('02_he_init_relu_ja.md')
def f02():
    k, c, d = 3, 64, 128
    Wconv = np.zeros((d, c, k, k))                        # PyTorch layout (out, in, kh, kw)
    fan_in, fan_out = Wconv[0].size, Wconv[:, 0].size
    yv, yp = sym_discrete([0.4, 1.3, 2.5], np.array([2.0, 1, 1]))      # symmetric, no atom at 0
    Ey2 = yp @ yv ** 2
    Ex2 = yp @ relu(yv) ** 2
    q_carried = 1 / 4                                     # the author's factor from line 35
    def conv_fanin():
        return Wconv[0].size == k * k * c and Wconv[0, :, 0, 0].size == c
    def mean_zero():
        wv, wp = sym_discrete([0.5, 1.0]); xv, xp = np.array([0.0, 1.0, 3.0]), np.array([0.5, 0.3, 0.2])
        return abs((np.outer(wp, xp) * np.outer(wv, xv)).sum()) < 1e-15
    def var_prod():
        wv, wp = sym_discrete([0.5, 1.0]); xv, xp = np.array([0.0, 1.0, 3.0]), np.array([0.5, 0.3, 0.2])
        P = np.outer(wp, xp); T = np.outer(wv, xv)
        var = (P * T ** 2).sum() - (P * T).sum() ** 2
        ok = abs(var - (wp @ wv ** 2) * (xp @ xv ** 2)) < 1e-14
        ok &= abs((xp @ xv ** 2) - ((xp @ xv ** 2) - (xp @ xv) ** 2)) > 0.1          # E[x^2] != Var[x] here
        R = np.random.default_rng(5); n, S = 8, 300000
        W = R.choice(wv, p=wp, size=(S, n)); X = R.choice(xv, p=xp, size=(S, n))
        return ok and rel(np.var((W * X).sum(axis=1)), n * (wp @ wv ** 2) * (xp @ xv ** 2), 0.02)
    def relu_not_centered():
        zz = np.linspace(-12, 12, 480001); phi = np.exp(-zz ** 2 / 2) / np.sqrt(2 * np.pi); dz = zz[1] - zz[0]
        m1 = np.sum(relu(zz) * phi) * dz; m2 = np.sum(relu(zz) ** 2 * phi) * dz
        return m1 > 0.39 and abs(m2 - (m2 - m1 ** 2)) > 0.15
    def half_half():
        return abs(yp[yv > 0].sum() - 0.5) < 1e-15 and abs(yp[yv < 0].sum() - 0.5) < 1e-15 and np.all(relu(yv[yv < 0]) == 0)
    def half_moment():
        return abs(Ex2 - 0.5 * Ey2) < 1e-15 and abs(yp @ yv) < 1e-15
    widths = [30, 60, 80, 50, 70]; wv = [0.03, 0.05, 0.02]
    def recursion():
        pred = np.prod([0.5 * widths[i + 1] * wv[i] for i in range(3)])
        return rel(_relu_net_ratio(widths, wv), pred, 0.05)
    def condition():
        ok = True
        for n in (9, 576, 4608):
            ok &= abs(0.5 * n * math.sqrt(2 / n) ** 2 - 1) < 1e-12
        return ok
    def xavier_30():
        f = _relu_net_ratio(widths, [1 / widths[i + 1] for i in range(3)], seed=6) ** (1 / 3)
        per = 0.5 * 60 * (1 / 60)
        return ALL(rel(f, 0.5, 0.05), E('1', 1), E('1', 1), E('2', 1 / per), E('30', 30), E('2', 1 / per),
                   E('-29', -(30 - 1)), C('1.9e-9', per ** (30 - 1)))
    def back_rule():
        ok = True
        for _ in range(3):
            W = rand(5, 4); xl = rand(4); gy = rand(5)
            ok &= near(grad(lambda u: gy @ (W @ u), xl), W.T @ gy)
        # the rearranged matrix of a conv has fan-out k^2 d rows per input unit
        return ok and Wconv[:, 0].size == k * k * d
    def back_var():
        wv2, wp2 = sym_discrete([0.2, 0.9]); gv, gp = np.array([-1.0, 0.0, 0.5, 2.0]), np.array([0.2, 0.4, 0.3, 0.1])
        P = np.outer(wp2, gp); T = np.outer(wv2, gv)
        return abs((P * T ** 2).sum() - (P * T).sum() ** 2 - (wp2 @ wv2 ** 2) * (gp @ gv ** 2)) < 1e-14
    def chain():
        ok = True
        for t in rand(6):
            up = rand()
            ok &= abs(fd(lambda u: up * relu(u), t) - (1.0 if t > 0 else 0.0) * up) < 1e-6
        Ef = yp @ (yv > 0)
        return ok and abs(Ef - 0.5) < 1e-15
    gv, gp = np.array([-1.5, -0.2, 0.3, 1.4]), np.array([0.25, 0.25, 0.25, 0.25])   # Delta x_{l+1}, mean 0
    P = np.outer(yp, gp); dy2 = (P * (np.outer(yv > 0, gv)) ** 2).sum()
    ratio = dy2 / (gp @ gv ** 2 - (gp @ gv) ** 2)
    def independent_zero_mean():
        return abs(gp @ gv) < 1e-15
    def carried_rec():
        return abs(q_carried - 1 / 4) < 1e-15
    def carried_cond():
        return all(abs(q_carried * n * (2 / math.sqrt(n)) ** 2 - 1) < 1e-12 for n in (9, 1152))
    std_f = math.sqrt(2 / fan_in); std_b_car = 1 / math.sqrt(q_carried * fan_out)
    Rw = np.random.default_rng(7).normal(0, std_f, size=Wconv.shape)
    return [
        ('第 $l$ 層の畳み込み', GIVEN),
        ('$$\\mathbf{y}_l = W_l\\,\\mathbf{x}_l', GIVEN, '*'),
        ('と書く。$n_l = k^2 c$', conv_fanin, '2 1 0 0'),
        ('が平均 0 なので', mean_zero, '0 0'),
        ('$$\\mathrm{Var}[y_l] = n_l\\,\\mathrm{Var}[w_l x_l]', var_prod, '2'),
        ('ここが Xavier との違い', relu_not_centered, '0 2'),
        ('が 0 を中心に対称な分布なら', half_half, '0 0'),
        ('$$E[x_l^2] = \\frac{1}{2}E[y_{l-1}^2]', half_moment, '2 1 2 2 1 2'),
        ('\\prod_{l=2}^{L}\\frac{1}{2}', recursion, '1 2 1 2'),
        ('$$\\frac{1}{2}\\,n_l\\,\\mathrm{Var}[w_l] = 1', condition, '1 2 1 2'),
        ('比較: Xavier（LeCun）型', xavier_30),
        ('逆向きは $\\Delta\\mathbf{x}_l', back_rule, '2'),
        ('$$\\mathrm{Var}[\\Delta x_l] = \\hat n_l', back_var, '2'),
        ('は確率 $1/2$ ずつで 0 か 1', lambda: chain() and FR('1', '2', yp @ (yv > 0)) and independent_zero_mean(), '1 2 0 1 0'),
        ('$$E[(\\Delta y_l)^2] = \\big(E[f\'(y_l)]\\big)^2', lambda: E('1', 1) and E('4', 1 / ratio), '2 2 2'),
        ('よって $\\mathrm{Var}[\\Delta x_l] = \\frac{1}{4}', lambda: E('1', 1) and E('4', 1 / q_carried) and carried_rec()),
        ('$$\\frac{1}{4}\\,\\hat n_l', lambda: E('1', 1) and E('4', 1 / q_carried) and carried_cond(), '1 2'),
        ('畳み込み、入力 64 ch', lambda: E('3', k) and E('64', c) and E('128', d)),
        ('- 順伝播版（fan_in）', lambda: E('3', k) and E('2', 2) and E('64', c) and E('576', fan_in) and E('2', 2) and E('576', fan_in)
            and C('0.0589', std_f)),
        ('- 逆伝播版（fan_out）', lambda: E('3', k) and E('2', 2) and E('128', d) and E('1152', fan_out)
            and E('2', 1 / math.sqrt(q_carried)) and E('1152', fan_out) and C('0.0589', std_b_car)),
        ('出力チャネルが入力のちょうど 2 倍', lambda: E('2', d / c) and E('2', d / c) and abs(std_f - std_b_car) < 1e-12 and E('2', 2)),
        ('w = torch.empty(128, 64, 3, 3)', lambda: EV(['128', '64', '3', '3'], Wconv.shape)),
        ("nn.init.kaiming_normal_(w, mode='fan_in'", lambda: E('2', 2) and E('576', fan_in)),
        ('print(w.std())  # ≈ 0.059', lambda: C('0.059', Rw.std()) and abs(round(std_f, 3) - 0.059) < 1e-12),
    ]

# ======================================================================= 03
@register('03_batchnorm_forward_d2l_zh.md')
def f03():
    X = np.array([[1.0, 0], [3, 2], [5, 2], [7, 4]]); m, nf = X.shape; eps = 1e-5
    g = np.array([2.0, 0.5]); b = np.array([1.0, 0.0])
    def bn_train(Z, XB=X):
        mu_ = XB.mean(axis=0); s2 = ((XB - mu_) ** 2).mean(axis=0) + eps
        return g * (Z - mu_) / np.sqrt(s2) + b
    mu = X.mean(axis=0); var = ((X - mu) ** 2).mean(axis=0); s2 = var + eps
    xh = (X - mu) / np.sqrt(s2); Y = g * xh + b
    momentum = 0.9
    mm = momentum * np.zeros(2) + (1 - momentum) * mu
    mv = momentum * np.ones(2) + (1 - momentum) * var
    xt = np.array([4.0, 2.0]); xth = (xt - mm) / np.sqrt(mv + eps)
    def stats_after_norm():
        Z = rand(6, 3) * 3 + 1; mu_ = Z.mean(0); v = ((Z - mu_) ** 2).mean(0); sh2 = v + eps
        Zh = (Z - mu_) / np.sqrt(sh2)
        return (np.abs(Zh.mean(0)).max() < 1e-12 and near(Zh.var(0), (sh2 - eps) / sh2, 1e-12)
                and np.all(np.abs(Zh.var(0) - 1) < 1e-3) and C('0', Zh.mean(0)[0]) and C('1', Zh.var(0)[0]))
    def ema():
        a = 5.0
        for _ in range(300):
            a = momentum * a + (1.0 - momentum) * 2.0
        return abs(a - 2.0) < 1e-10 and E('1.0', 1.0)
    return [
        ('表示一个来自小批量', GIVEN),
        ('$$\\mathrm{BN}(\\mathbf{x}) = \\boldsymbol{\\gamma} \\odot', GIVEN),
        ('其中 $\\hat{\\boldsymbol{\\mu}}_\\mathcal{B}$ 是小批量', GIVEN),
        ('$$\\hat{\\boldsymbol{\\mu}}_\\mathcal{B} = \\frac{1}{|\\mathcal{B}|}', GIVEN, '*'),
        ('\\hat{\\boldsymbol{\\sigma}}_\\mathcal{B}^2 = \\frac{1}{|\\mathcal{B}|}', GIVEN, '*'),
        ('注意方差用的是除以', stats_after_norm, '0 2 2'),
        ('**一个小例子。**', lambda: E('4', m) and E('2', nf) and abs(eps - 10.0 ** -5) < 1e-20, '10 -5'),
        ('$$\\mathbf{X} = \\begin{bmatrix}', lambda: EV(['1', '0', '3', '2', '5', '2', '7', '4'], X) and EV(['2', '0.5'], g) and EV(['1', '0'], b)),
        ('1. 均值：', lambda: EV(['1', '3', '5', '7'], X[:, 0]) and E('4', m) and EV(['0', '2', '2', '4'], X[:, 1]) and E('4', m)
            and EV(['4', '2'], mu)),
        ('2. 方差：', lambda: EV(['9', '1', '1', '9'], (X[:, 0] - mu[0]) ** 2) and E('4', m) and E('5', var[0])
            and EV(['4', '0', '0', '4'], (X[:, 1] - mu[1]) ** 2) and E('4', m) and E('2', var[1]) and CV(['5.00001', '2.00001'], s2), '2'),
        ('3. 规范化：', lambda: E('4', mu[0]) and C('5.00001', s2[0]) and CV(['-1.34164', '-0.44721', '0.44721', '1.34164'], xh[:, 0])
            and E('2', mu[1]) and C('2.00001', s2[1]) and CV(['-1.41421', '0', '0', '1.41421'], xh[:, 1])),
        ('4. 拉伸和偏移：', lambda: E('2', g[0]) and E('1', b[0]) and CV(['-1.6833', '0.1056', '1.8944', '3.6833'], Y[:, 0])
            and E('0.5', g[1]) and CV(['-0.7071', '0', '0', '0.7071'], Y[:, 1])),
        ('可以看到输出第一列的均值正好是', lambda: abs(Y[:, 0].mean() - b[0]) < 1e-12 and E('1', b[0]) and C('2', Y[:, 0].std()) and abs(Y[:, 0].std() - g[0]) < 1e-5),
        ('mean = X.mean(dim=0)', lambda: E('0', 0) and near(X.mean(axis=0), mu, 1e-15)),
        ('var = ((X - mean) ** 2).mean(dim=0)', lambda: E('2', 2) and E('0', 0) and near(((X - X.mean(0)) ** 2).mean(0), X.var(axis=0, ddof=0), 1e-15)),
        ('X_hat = (X - mean) / torch.sqrt(var + eps)', lambda: near((X - X.mean(0)) / np.sqrt(X.var(0) + eps), xh, 1e-15)),
        ('moving_mean = momentum * moving_mean + (1.0 - momentum) * mean', ema),
        ('moving_var = momentum * moving_var + (1.0 - momentum) * var', ema),
        ('类中把 `moving_mean` 初始化为 0', lambda: E('0', 0) and E('1', 1) and E('0.9', momentum)),
        ('- `moving_mean` $= 0.9', lambda: E('0.9', momentum) and EV(['0', '0'], np.zeros(2)) and E('0.1', 1 - momentum)
            and EV(['4', '2'], mu) and CV(['0.4', '0.2'], mm)),
        ('- `moving_var` $= 0.9', lambda: E('0.9', momentum) and EV(['1', '1'], np.ones(2)) and E('0.1', 1 - momentum)
            and EV(['5', '2'], var) and CV(['1.4', '1.1'], mv)),
        ('预测模式下用的是移动平均', lambda: EV(['4', '2'], xt) and near(xt, mu, 0) and EV(['1', '0'], bn_train(xt))
            and E('4', xt[0]) and C('0.4', mm[0]) and C('1.40001', mv[0] + eps) and C('3.04254', xth[0])
            and E('2', g[0]) and C('3.04254', xth[0]) and E('1', b[0]) and C('7.0851', g[0] * xth[0] + b[0], 2 * 3.04254 + 1)),
        ('**参数个数。**', lambda: E('2', nf) and E('2', 2) and E('2', nf) and E('4', g.size + b.size) and E('4', mm.size + mv.size)
            and E('6', 6) and E('4', X[None, None].ndim) and E('2', 2) and E('6', 6) and E('12', np.zeros((2, 6)).size)),
    ]

# ======================================================================= 04
def _bn(x, gam=1.0, bet=0.0, eps=0.0):
    mu = x.mean(axis=0); s2 = ((x - mu) ** 2).mean(axis=0)
    return gam * (x - mu) / np.sqrt(s2 + eps) + bet

@register('04_batchnorm_backward_kratzert.md')
def f04():
    eps_r = 1e-3
    def parts(x, dxh, eps=eps_r):
        N = x.size; mu = x.mean(); s2 = ((x - mu) ** 2).mean()
        dvar = np.sum(dxh * (x - mu)) * (-0.5) * (s2 + eps) ** -1.5
        dmu = -np.sum(dxh / np.sqrt(s2 + eps)) + dvar * np.sum(-2 * (x - mu)) / N
        return N, mu, s2, dvar, dmu
    def author_dx(x, dxh, eps=eps_r):        # the last line of the align block, as written
        N, mu, s2, dvar, dmu = parts(x, dxh, eps)
        return dxh / np.sqrt(s2 + eps) + dvar * (x - mu) / N + dmu / N
    def compact(x, dxh, eps=eps_r, half=0.5):
        N = x.size; sh = np.sqrt(((x - x.mean()) ** 2).mean() + eps); xh = (x - x.mean()) / sh
        return (N * dxh - dxh.sum() - half * xh * np.sum(dxh * xh)) / (N * sh)
    def dxhat():
        ok = True
        for _ in range(3):
            xh, up, gm, bt = rand(5), rand(5), rand(), rand()
            ok &= near(grad(lambda u: up @ (gm * u + bt), xh), up * gm)
        return ok
    def dsigma2():
        ok = True
        for _ in range(3):
            x, dxh = rand(5), rand(5); mu = x.mean(); s2 = ((x - mu) ** 2).mean()
            num = fd(lambda v: np.sum(dxh * (x - mu) / np.sqrt(v + eps_r)), s2)
            ok &= abs(num - parts(x, dxh)[3]) < 1e-6
        return ok
    def dmu():
        ok = True
        for _ in range(3):
            x, dxh = rand(5), rand(5); mu0 = x.mean()
            f = lambda m: np.sum(dxh * (x - m) / np.sqrt(((x - m) ** 2).mean() + eps_r))
            ok &= abs(fd(f, mu0) - parts(x, dxh)[4]) < 1e-6
        return ok
    def dx_true_vs_author():
        ok = True
        for _ in range(3):
            x, dxh = rand(5), rand(5)
            num = grad(lambda u: dxh @ _bn(u, eps=eps_r), x)
            ok &= near(num, author_dx(x, dxh))
        return ok
    def second_term_and_params():
        ok = True
        for _ in range(3):
            x, up, gm, bt = rand(6), rand(6), rand(), rand()
            ok &= abs(np.sum(-2 * (x - x.mean()))) < 1e-12
            xh = _bn(x, eps=eps_r)
            ok &= abs(fd(lambda G: up @ _bn(x, G, bt, eps_r), gm) - up @ xh) < 1e-6
            ok &= abs(fd(lambda B: up @ _bn(x, gm, B, eps_r), bt) - up.sum()) < 1e-6
        return ok
    def substitution():
        x = rand(5); sh = np.sqrt(((x - x.mean()) ** 2).mean() + eps_r)
        return near(x - x.mean(), sh * _bn(x, eps=eps_r), 1e-12)
    def compact_equals_author():
        ok = True
        for _ in range(3):
            x, dxh = rand(6), rand(6)
            ok &= near(compact(x, dxh), author_dx(x, dxh), 1e-9)
        return ok
    def code_dx(dout, xhat, gamma, ivar):
        N = dout.shape[0]; dxhat = dout * gamma
        return ivar / N * (N * dxhat - dxhat.sum(axis=0) - 0.5 * xhat * (dxhat * xhat).sum(axis=0))
    def vectorized():
        Xb, dout, gm = rand(5, 3), rand(5, 3), rand(3)
        var = Xb.var(axis=0); ivar = 1 / np.sqrt(var + eps_r); xhat = (Xb - Xb.mean(0)) * ivar
        V = code_dx(dout, xhat, gm, ivar)
        return all(near(V[:, j], compact(Xb[:, j], dout[:, j] * gm[j]), 1e-12) for j in range(3)) and V.shape == Xb.shape
    def code_params():
        Xb, dout, gm, bt = rand(5, 3), rand(5, 3), rand(3), rand(3)
        xhat = _bn(Xb, eps=eps_r)
        ok = near(grad(lambda G: np.sum(dout * _bn(Xb, G, bt, eps_r)), gm), (dout * xhat).sum(axis=0))
        return ok and near(grad(lambda B: np.sum(dout * _bn(Xb, gm, B, eps_r)), bt), dout.sum(axis=0))
    # worked example
    x = np.array([1.0, 2, 6]); gam = 2.0; dout = np.array([0.5, -1, 0.25]); N = 3
    mu = x.mean(); s2 = ((x - mu) ** 2).mean(); sh = np.sqrt(s2); xh = (x - mu) / sh
    dxh = gam * dout
    xhr = np.array([-0.9258, -0.4629, 1.3887]); S2r = 0.6944
    br_exact = N * dxh - dxh.sum() - 0.5 * xh * np.sum(dxh * xh)
    br_r = N * dxh - dxh.sum() - 0.5 * S2r * xhr
    br_shown = np.array([3.8214, -5.3393, 1.5178])
    dx_car = compact(x, dxh, eps=0.0)
    return [
        ("Everything happens per feature", GIVEN),
        ('$$\\mu = \\frac1N\\sum_{i=1}^N x_i', GIVEN, '*'),
        ('We get `dout`, i.e.', GIVEN),
        ('\\frac{\\partial L}{\\partial \\hat x_i} &=', dxhat),
        ('\\frac{\\partial L}{\\partial \\sigma^2} &=', dsigma2, '2 1 2 2 -3 2'),
        ('\\frac{\\partial L}{\\partial \\mu} &=', dmu, '1 2 2 -2'),
        ('\\frac{\\partial L}{\\partial x_i} &=', dx_true_vs_author, '1 2 2'),
        ('The second term of $\\partial L/\\partial\\mu$ is zero', second_term_and_params),
        ('Now plug $\\partial L/\\partial\\sigma^2$', substitution, '2 2 1'),
        ('$$\\frac{\\partial L}{\\partial x_i} = \\frac{1}{N\\hat\\sigma}', compact_equals_author, '1 1 2'),
        ('which vectorizes over all features', vectorized),
        ('xhat, gamma, ivar = cache', lambda: E('1', 1) and abs(1 / math.sqrt(4.0 + eps_r) - (4.0 + eps_r) ** -0.5) < 1e-15),
        ('N = dout.shape[0]', lambda: E('0', 0) and rand(7, 2).shape[0] == 7),
        ('dx = ivar / N * (N * dxhat', lambda: E('0', 0) and E('0.5', 0.5) and E('0', 0) and vectorized()),
        ('dgamma = (dout * xhat).sum(axis=0)', lambda: E('0', 0) and code_params()),
        ('dbeta = dout.sum(axis=0)', lambda: E('0', 0) and code_params()),
        ('One feature, $N = 3$', lambda: E('3', N) and EV(['1', '2', '6'], x) and E('2', gam) and E('0', 0)
            and EV(['0.5', '-1', '0.25'], dout) and E('0', 0)),
        ('- $\\mu = 3$, $\\sigma^2 = (4 + 1 + 9)/3', lambda: E('3', mu) and EV(['4', '1', '9'], (x - mu) ** 2) and E('3', N)
            and C('4.6667', s2) and C('2.1602', sh), '2'),
        ('- $\\hat x \\approx (-0.9258', lambda: CV(['-0.9258', '-0.4629', '1.3887'], xh)),
        ('- $\\partial L/\\partial\\hat x = \\gamma\\cdot$', lambda: EV(['1', '-2', '0.5'], dxh) and E('-0.5', dxh.sum())),
        ('- $\\sum_j \\frac{\\partial L}{\\partial \\hat x_j}\\hat x_j \\approx', lambda: CV(['-0.9258', '0.9258', '0.6944'], dxh * xh)
            and C('0.6944', np.sum(dxh * xh), np.sum(dxh * xhr))),
        ('- bracket: $3\\cdot(1, -2, 0.5)', lambda: E('3', N) and EV(['1', '-2', '0.5'], dxh) and E('0.5', -dxh.sum())
            and E('0.5', 0.5) and C('0.6944', np.sum(dxh * xh)) and CV(['3.8214', '-5.3393', '1.5178'], br_exact, br_r)),
        ('- $\\partial L/\\partial x \\approx (3.8214', lambda: CV(['3.8214', '-5.3393', '1.5178'], br_exact, br_r) and C('6.4807', N * sh)
            and CV(['0.5897', '-0.8239', '0.2342'], dx_car, br_shown / 6.4807)),
        ('- $\\partial L/\\partial\\gamma \\approx', lambda: CV(['-0.4629', '0.4629', '0.3472'], dout * xh)
            and C('0.3472', fd(lambda G: dout @ _bn(x, G), gam)) and E('-0.25', fd(lambda B: dout @ _bn(x, gam, B), 0.0).round(9))),
        ('Quick sanity check:', lambda: C('0.5897', dx_car[0]) and C('0.8239', -dx_car[1]) and C('0.2342', dx_car[2])
            and C('0', 0.5897 - 0.8239 + 0.2342) and abs(grad(lambda u: dout @ _bn(u, gam), x).sum()) < 1e-6
            and near(_bn(x + 1.7, gam), _bn(x, gam))),
    ]

# ======================================================================= 05
def _ln(x):
    return (x - x.mean()) / np.sqrt(((x - x.mean()) ** 2).mean())

def _rms(x):
    return x / np.sqrt(np.mean(x ** 2))

@register('05_layernorm_rmsnorm_de.md', comma=True)
def f05():
    def partials():
        ok = True
        for _ in range(3):
            x = rand(5); d = 5
            ok &= near(grad(lambda u: u.mean(), x), np.full(d, 1 / d))
            ok &= near(grad(lambda u: np.sqrt(((u - u.mean()) ** 2).mean()), x), _ln(x) / d)
            ok &= near(grad(lambda u: np.sqrt(np.mean(u ** 2)), x), _rms(x) / d)
        return ok
    def jacobians():
        ok = True
        for _ in range(3):
            x = rand(4); d = 4; one = np.ones((1, d))
            s = np.sqrt(x.var()); xh = _ln(x)[None, :]
            JL = (np.eye(d) - one.T @ one / d - xh.T @ xh / d) / s
            r = np.sqrt(np.mean(x ** 2)); xr = _rms(x)[None, :]
            JR = (np.eye(d) - xr.T @ xr / d) / r
            ok &= near(jac(_ln, x), JL) and near(jac(_rms, x), JR)
        return ok
    def symmetric_rowvec():
        x = rand(4); g = rand(4)[None, :]; xh = _ln(x)[None, :]
        outer = xh.T @ xh
        JL = jac(_ln, x); JR = jac(_rms, x)
        return (outer.shape == (4, 4) and near(JL, JL.T) and near(JR, JR.T)
                and near(grad(lambda u: g[0] @ _ln(u), x), (g @ JL)[0]) and near(g @ JL, g @ JL.T))
    def grads():
        ok = True
        for _ in range(4):
            x, g = rand(6), rand(6)
            s = np.sqrt(x.var()); xh = _ln(x); r = np.sqrt(np.mean(x ** 2)); xr = _rms(x)
            ok &= near(grad(lambda u: g @ _ln(u), x), (g - g.mean() - np.mean(g * xh) * xh) / s)
            ok &= near(grad(lambda u: g @ _rms(u), x), (g - np.mean(g * xr) * xr) / r)
        return ok
    def geometry():
        ok = True
        for _ in range(3):
            x, g = rand(5), rand(5)
            dL = grad(lambda u: g @ _ln(u), x); dR = grad(lambda u: g @ _rms(u), x)
            ok &= abs(dL.sum()) < 1e-6 and abs(dL @ _ln(x)) < 1e-6 and abs(dR @ x) < 1e-6
            ok &= near(_ln(x + 0.7), _ln(x)) and near(_ln(2.5 * x), _ln(x)) and near(_rms(2.5 * x), _rms(x))
            ok &= not near(_rms(x + 0.7), _rms(x))
        return ok
    x = np.array([3.0, -1, 1]); g = np.array([1.0, 0, -1]); d = 3
    mu = x.mean(); var = ((x - mu) ** 2).mean(); s = np.sqrt(var); xh = (x - mu) / s
    mL = np.mean(g * xh); brL = g - g.mean() - mL * xh; dxL = grad(lambda u: g @ _ln(u), x)
    r2 = np.mean(x ** 2); r = np.sqrt(r2); xr = x / r; mR = np.mean(g * xr); brR = g - mR * xr
    dxR = grad(lambda u: g @ _rms(u), x)
    return [
        ('Sei $\\mathbf{x}\\in\\mathbb{R}^{1\\times d}$', GIVEN, '*'),
        ('$$\\text{LN:}\\quad', GIVEN, '*'),
        ('$$\\text{RMSNorm:}\\quad', GIVEN, '*'),
        ('RMSNorm verzichtet also auf das Zentrieren', lambda: near(_rms(np.array([1.0, 2, 3])), np.array([1.0, 2, 3]) / np.sqrt(14 / 3))
            and not near(_rms(np.array([1.0, 2, 3])), _ln(np.array([1.0, 2, 3])))),
        ('**Jacobi-Matrizen.**', partials, '1'),
        ('$$J_{\\mathrm{LN}} =', jacobians, '1 1 1'),
        ('Da $\\mathbf x$ ein Zeilenvektor ist', symmetric_rowvec, '1 1'),
        ('$$\\frac{\\partial L}{\\partial \\mathbf{x}}\\Big|_{\\mathrm{LN}}', grads, '1'),
        ('mit $\\bar g = \\frac1d', GIVEN),
        ('**Geometrische Deutung.**', geometry, '1 1 0'),
        ('**Zahlenbeispiel.**', lambda: E('3', d) and EV(['3', '-1', '1'], x) and EV(['1', '0', '-1'], g)),
        ('- $\\mu = 1$', lambda: E('1', mu) and EV(['2', '-2', '0'], x - mu) and E('8', d * var) and E('3', d)
            and C('2.6667', var) and C('1.6330', s), '2'),
        ('- $\\hat{\\mathbf x} \\approx (1{,}2247', lambda: CV(['1.2247', '-1.2247', '0'], xh) and E('0', g.mean())
            and C('1.2247', np.sum(g * xh)) and E('3', d) and C('0.4082', mL)),
        ('- Klammer: $\\mathbf g - 0{,}4082', lambda: C('0.4082', mL) and CV(['0.5', '0.5', '-1'], brL)),
        ('- $\\partial L/\\partial\\mathbf x \\approx (0{,}3062', lambda: CV(['0.3062', '0.3062', '-0.6124'], dxL, brL / s)
            and E('0', np.round(dxL.sum(), 6)) and E('0', np.round(dxL @ xh, 6))),
        ('- $r^2 = (9+1+1)/3', lambda: EV(['9', '1', '1'], x ** 2) and E('3', d) and E('11', d * r2) and E('3', d)
            and C('1.9149', r) and CV(['1.5667', '-0.5222', '0.5222'], xr), '2'),
        ('- $\\overline{g\\hat x} \\approx (1{,}5667 - 0{,}5222)/3', lambda: C('1.5667', g[0] * xr[0]) and C('0.5222', -g[2] * xr[2])
            and E('3', d) and C('0.3482', mR) and CV(['0.5455', '-0.1818', '0.1818'], mR * xr)),
        ('- Klammer: $(0{,}4545', lambda: CV(['0.4545', '0.1818', '-1.1818'], brR)),
        ('Skalarprodukt mit $\\mathbf x$: $3', lambda: CV(['0.237', '0.095', '-0.617'], dxR, brR / r) and E('3', x[0])
            and C('0.237', dxR[0]) and C('0.095', -x[1] * dxR[1]) and C('0.617', -x[2] * dxR[2])
            and C('0', 3 * 0.237 - 0.095 - 0.617) and abs(dxR @ x) < 1e-6 and C('-0.285', dxR.sum()) and E('0', 0) and abs(dxR.sum()) > 0.1),
        ('Der letzte Punkt ist genau der Unterschied', lambda: abs(dxL.sum()) < 1e-6 and abs((x - 0.1 * dxR).mean() - x.mean()) > 1e-3
            and abs((x - 0.1 * dxL).mean() - x.mean()) < 1e-7),
    ]

# ======================================================================= 06
@register('06_inverted_dropout_d2l.md')
def f06():
    def dist(h, p):
        return np.array([0.0, h / (1 - p)]), np.array([p, 1 - p])      # support, probabilities of h'
    cases = [(2.0, 0.5), (-1.3, 0.2), (0.7, 0.9)]
    def expectation():
        return all(abs(dist(h, p)[1] @ dist(h, p)[0] - h) < 1e-12 and abs(p * 0 + (1 - p) * h / (1 - p) - h) < 1e-12 for h, p in cases)
    def second_moment():
        return all(abs(dist(h, p)[1] @ dist(h, p)[0] ** 2 - (1 - p) * h ** 2 / (1 - p) ** 2) < 1e-12
                   and abs((1 - p) * h ** 2 / (1 - p) ** 2 - h ** 2 / (1 - p)) < 1e-12 for h, p in cases)
    def variance():
        ok = True
        for h, p in cases:
            v, q = dist(h, p); var = q @ v ** 2 - (q @ v) ** 2
            ok &= abs(var - (h ** 2 / (1 - p) - h ** 2)) < 1e-12 and abs(var - p / (1 - p) * h ** 2) < 1e-12
        return ok
    def backprop():
        ok = True
        for m in (0.0, 1.0):
            for p in (0.2, 0.5):
                hh = rand()
                ok &= abs(fd(lambda t: m * t / (1 - p), hh) - m / (1 - p)) < 1e-8
        return ok
    def test_time():
        ok = expectation()
        for h, p in cases:        # non-inverted: E[m h] = (1-p) h, so test-time output must be scaled by 1-p
            ok &= abs((1 - p) * h - np.array([p, 1 - p]) @ np.array([0.0, h])) < 1e-12
        return ok
    def dropout_layer(X, dropout, R):
        if dropout == 1:
            return np.zeros_like(X)
        mask = (R.random(X.shape) > dropout).astype(float)
        return mask * X / (1.0 - dropout)
    R = np.random.default_rng(11)
    def survive():
        u = R.random(1_000_000)
        return all(abs(np.mean(u > p) - (1 - p)) < 3e-3 for p in (0.1, 0.5, 0.8)) and u.min() >= 0 and u.max() < 1
    X = np.array([2.0, 0.5, -1.0, 3.0]); m = np.array([1.0, 0, 0, 1]); p = 0.5
    out = m * X / (1 - p)
    gX = grad(lambda u: np.sum(m * u / (1 - p)), X)
    draws = np.stack([dropout_layer(X, 0.5, R) for _ in range(100000)]).mean(0)
    se = np.abs(X) * np.sqrt(p / (1 - p)) / np.sqrt(100000)
    shown = ['2.0043', '0.4992', '-0.9987', '2.9902']
    def printed():
        vals = [C(s, float(s)) for s in shown]
        return all(vals) and all(abs(float(s) - X[i]) < 4 * se[i] for i, s in enumerate(shown))
    return [
        ('Recall the MLP with a hidden layer', GIVEN, '*'),
        ("EXACT:h' =", GIVEN),
        ('0 & \\text{ with probability } p', GIVEN, '*'),
        ('\\dfrac{h}{1-p} & \\text{ otherwise.}', GIVEN, '*'),
        ("$$E[h'] = p\\cdot 0", expectation, '0 1 1'),
        ('The price is extra noise.', second_moment, '2 1 2 1 2 2 1'),
        ("$$\\mathrm{Var}[h'] = \\frac{h^2}{1-p}", variance, '2 1 2 1 2'),
        ('During backpropagation nothing new is needed.', backprop, '0 1 1 1 1 1'),
        ('At *test time*', test_time, '1'),
        ('assert 0 <= dropout <= 1', lambda: E('0', 0) and E('1', 1) and np.all(dropout_layer(X, 1, R) == 0)),
        ('if dropout == 1: return torch.zeros_like(X)', lambda: E('1', 1) and np.all(dropout_layer(X, 1, R) == 0)),
        ('mask = (torch.rand(X.shape) > dropout).float()', survive),
        ('return mask * X / (1.0 - dropout)', lambda: E('1.0', 1.0) and expectation()),
        ('Each entry of `torch.rand` is uniform on', lambda: E('0', 0) and E('1', 1) and survive() and E('1', 1)
            and EV(['2.0', '0.5', '-1.0', '3.0'], X) and E('0.5', p) and EV(['1', '0', '0', '1'], m)),
        ('- output: $m\\odot X/(1-0.5)', lambda: E('1', 1) and E('0.5', p) and EV(['4.0', '0.0', '0.0', '6.0'], out)),
        ('- gradient of the sum of the outputs', lambda: E('1', 1) and E('0.5', p) and EV(['2', '0', '0', '2'], gX.round(6))),
        ("- for the first unit, $\\mathrm{Var}[h']", lambda: E('0.5', p) and E('0.5', 1 - p) and E('2.0', X[0]) and E('2', 2)
            and E('4', dist(X[0], p)[1] @ dist(X[0], p)[0] ** 2 - X[0] ** 2) and E('2', math.sqrt(p / (1 - p) * X[0] ** 2))
            and E('2.0', dist(X[0], p)[1] @ dist(X[0], p)[0])),
        ('With the same mask and `dropout` $= 0.2$', lambda: E('0.2', 0.2) and E('1', 1) and E('0.8', 1 - 0.2) and E('1.25', 1 / 0.8)
            and EV(['2.5', '0.0', '0.0', '3.75'], m * X / 0.8)),
        ('Averaging many draws recovers the input', lambda: np.all(np.abs(draws - X) < 4 * se)),
        ('X = torch.tensor([2.0, 0.5, -1.0, 3.0])', lambda: EV(['2.0', '0.5', '-1.0', '3.0'], X)),
        ('print(torch.stack([dropout_layer(X, 0.5)', lambda: E('0.5', p) and E('100000', 100000) and E('0', 0) and np.all(np.abs(draws - X) < 4 * se)),
        ('# tensor([ 2.0043,', printed),
        ('In a layer of 256 hidden units', lambda: E('256', 256) and E('0.5', p) and E('256', 256) and E('1', 1) and E('0.5', p)
            and E('128', 256 * (1 - p)) and abs(np.mean((R.random((20000, 256)) > p).sum(1)) - 128) < 0.5),
    ]

# ======================================================================= 07
@register('07_weight_decay_goodfellow.md')
def f07():
    A = np.array([[1.0, 0.4, -0.3], [0.2, -0.7, 0.5], [0.9, 0.1, 0.3], [-0.4, 0.6, 0.8]])
    yv = np.array([0.5, -1.0, 0.3, 1.2])
    J = lambda w: np.sum(np.log(np.cosh(A @ w - yv))) + 0.05 * np.sum(w ** 4)     # smooth, non-quadratic
    def gradJ(w):
        return grad(J, w)
    def hessJ(w, h=1e-4):
        n = w.size; Hm = np.zeros((n, n))
        for i in range(n):
            e = np.zeros(n); e[i] = h
            Hm[:, i] = (gradJ(w + e) - gradJ(w - e)) / (2 * h)
        return (Hm + Hm.T) / 2
    wstar = np.zeros(3)
    for _ in range(30):                                                            # Newton
        wstar = wstar - np.linalg.solve(hessJ(wstar), gradJ(wstar))
    H = hessJ(wstar)
    def reg_grad():
        ok = True
        for _ in range(3):
            w = rand(3); al = RNG.uniform(0.01, 1)
            ok &= near(grad(lambda u: al / 2 * u @ u + J(u), w), al * w + gradJ(w), 1e-5)
        return ok
    def rewrite():
        w, g = rand(3), rand(3); eps, al = 0.1, 0.3
        return near(w - eps * (al * w + g), (1 - eps * al) * w - eps * g, 1e-14)
    eps, al = 0.1, 5e-4
    def numbers():
        return ALL(E('0.1', eps), C('5e-4', al), E('1', 1), E('0.99995', 1 - eps * al), E('10', 10), E('4', 4),
                   E('0.99995', 1 - eps * al), E('10', 10), E('4', 4), E('-0.5', -eps * al * 10 ** 4),
                   C('0.6065', (1 - eps * al) ** 10 ** 4), abs((1 - eps * al) ** 10 ** 4 - math.exp(-0.5)) < 5e-5, E('2', 2), adam_differs())
    def adam_differs():
        w = np.array([1.0, -2.0]); g = np.array([0.3, 0.01]); lr, a2, e = 1e-3, 0.1, 1e-8
        gt = g + a2 * w                                   # L2 inside the gradient: first Adam step = lr * sign
        step_l2 = -lr * gt / (np.abs(gt) + e)
        step_dec = -lr * g / (np.abs(g) + e) - lr * a2 * w
        step_sgd_l2 = -lr * gt; step_sgd_dec = -lr * g - lr * a2 * w
        return near(step_sgd_l2, step_sgd_dec, 1e-15) and not near(step_l2, step_dec, 1e-6)
    def quad():
        ok = np.linalg.norm(gradJ(wstar)) < 1e-6
        errs = []
        for t in (1e-1, 5e-2):
            dlt = t * np.array([0.6, -0.8, 0.5])
            errs.append(abs(J(wstar + dlt) - (J(wstar) + 0.5 * dlt @ H @ dlt)))
        return ok and errs[1] < errs[0] / 5
    def first_order():
        return np.linalg.norm(gradJ(wstar)) < 1e-6 and np.all(np.linalg.eigvalsh(H) >= -1e-9)
    Jhat = lambda w: J(wstar) + 0.5 * (w - wstar) @ H @ (w - wstar)
    def stationarity():
        ok = True
        for _ in range(3):
            w = rand(3); a3 = RNG.uniform(0.05, 2)
            ok &= near(grad(lambda u: a3 / 2 * u @ u + Jhat(u), w), a3 * w + H @ (w - wstar), 1e-5)
        return ok
    a_ = 0.4
    wt = np.linalg.solve(H + a_ * np.eye(3), H @ wstar)
    lam, Q = np.linalg.eigh(H)
    return [
        ('### 7.1.1 $L^2$ Parameter Regularization', GIVEN, '*'),
        ('Among the parameter norm penalties', GIVEN, '*'),
        ('$$\\tilde J(\\boldsymbol w;\\boldsymbol X,\\boldsymbol y) = \\frac{\\alpha}{2}', GIVEN, '*'),
        ('$$\\nabla_{\\boldsymbol w}\\tilde J', reg_grad, '7.3'),
        ('$$\\boldsymbol w \\leftarrow \\boldsymbol w - \\epsilon\\big(', GIVEN, '7.4'),
        ('$$\\boldsymbol w \\leftarrow (1-\\epsilon\\alpha)', rewrite, '1 7.5'),
        ('So the penalty changes the learning rule', numbers),
        ('That is the picture for one step.', GIVEN),
        ('$$\\hat J(\\boldsymbol\\theta) = J(\\boldsymbol w^*)', quad, '1 2 7.6'),
        ('where $\\boldsymbol H$ is the Hessian', first_order),
        ('$$\\alpha\\tilde{\\boldsymbol w} + \\boldsymbol H', stationarity, '0 7.7'),
        ('$$\\tilde{\\boldsymbol w} = (\\boldsymbol H + \\alpha\\boldsymbol I)^{-1}', lambda: near(a_ * wt + H @ (wt - wstar), np.zeros(3), 1e-10)
            and near(grad(lambda u: a_ / 2 * u @ u + Jhat(u), wt), np.zeros(3), 1e-5), '-1 7.9'),
        ('Because $\\boldsymbol H$ is real and symmetric', lambda: near(Q @ np.diag(lam) @ Q.T, H, 1e-10) and near(Q.T @ Q, np.eye(3), 1e-10)),
        ('$$\\tilde{\\boldsymbol w} = \\boldsymbol Q(\\boldsymbol\\Lambda', lambda: near(Q @ np.diag(1 / (lam + a_)) @ np.diag(lam) @ Q.T @ wstar, wt, 1e-10), '-1 7.13'),
        ('The effect of weight decay is to rescale', lambda: near(Q.T @ wt, lam / (lam + a_) * (Q.T @ wstar), 1e-10)
            and 100.0 / (100.0 + a_) > 0.99 and 0.001 / (0.001 + a_) < 0.01),
        ('As a small illustration', lambda: E('2', 2) and E('0.02', 0.02) and E('0.1', 0.1) and EV(['1', '1'], np.ones(2))
            and E('2', 2) and E('2.1', 2 + 0.1) and E('0.02', 0.02) and E('0.12', 0.02 + 0.1)
            and CV(['0.952', '0.167'], np.linalg.solve(np.diag([2, 0.02]) + 0.1 * np.eye(2), np.diag([2, 0.02]) @ np.ones(2)))
            and abs(0.02 / 0.12 - 1 / 6) < 1e-15),
    ]

# ======================================================================= 08
def _soft(v, t):
    return np.sign(v) * np.maximum(np.abs(v) - t, 0.0)

@register('08_l1_soft_threshold_fr.md', comma=True)
def f08():
    grid = np.linspace(-3, 3, 600001)
    def brute_prox(v, t):
        return grid[np.argmin(0.5 * (grid - v) ** 2 + t * np.abs(grid))]
    def nondiff():
        h = 1e-6
        return abs((abs(h) - abs(0.0)) / h - (abs(0.0) - abs(-h)) / h) > 1.9
    def subdiff():
        us = np.linspace(-2, 2, 401); ok = True
        for w in (-0.7, 0.0, 1.3):
            claimed = [np.sign(w)] if w != 0 else list(np.linspace(-1, 1, 9))
            for s in claimed:
                ok &= np.all(np.abs(us) >= abs(w) + s * (us - w) - 1e-12)
            for s in ([np.sign(w) + 0.1, np.sign(w) - 0.1] if w != 0 else [1.1, -1.1]):
                ok &= not np.all(np.abs(us) >= abs(w) + s * (us - w) - 1e-12)
        return ok and E('0', 0) and E('-1', -1) and E('1', 1) and E('0', 0)
    def optimality():
        ok = True; lam = 0.3
        for slope in (0.1, -0.25, 0.29, 0.35, -0.5):
            F = lambda u: slope * u + 0.5 * u ** 2 + lam * np.abs(u)
            umin = grid[np.argmin(F(grid))]
            ok &= (abs(umin) < 1e-5) == (abs(slope) <= lam)
        return ok and E('0', 0) and E('0', 0)
    def subgrad_oscillates():
        u, lam, eta, hits, signs = 0.37, 0.2, 0.1, 0, []
        for _ in range(200):
            u = u - eta * ((u - 0.05) + lam * np.sign(u))
            hits += (u == 0.0); signs.append(np.sign(u))
        return hits == 0 and len(set(signs[-20:])) == 2 and E('0', 0)
    def soft_formula():
        ok = True
        for v in (-1.7, -0.35, -0.05, 0.0, 0.08, 0.6, 2.2):
            for t in (0.1, 0.4):
                p = _soft(v, t)
                ok &= abs(p - brute_prox(v, t)) < 2e-5
                ok &= abs(p - (v - t if v > t else (v + t if v < -t else 0.0))) < 1e-15
        return ok
    def verif():
        return ALL(E('0.55', 0.55), E('0.1', 0.1), E('0.55', 0.55), E('0.1', 0.1),
                   abs(fd(lambda u: 0.5 * (u - 0.55) ** 2 + 0.1 * abs(u), 0.8) - (0.8 - 0.55 + 0.1)) < 1e-8,
                   E('0.55', 0.55), E('0.1', 0.1), E('0', 0), E('0.45', 0.55 - 0.1), abs(brute_prox(0.55, 0.1) - 0.45) < 1e-5)
    d, eta, lam = 4, 0.5, 0.2; thr = eta * lam
    w = np.array([0.8, -0.03, 0.3, -1.2]); gJ = np.array([0.5, 0.1, -0.4, -0.6])
    v = w - eta * gJ; wp = _soft(v, thr)
    w_car = np.array([0.45, 0.0, 0.4, -1.0])           # the author's result (line 33 carried)
    def retain():
        vv = rand(50); t = 0.3; p = _soft(vv, t)
        small = np.abs(vv) <= t
        return np.all(p[small] == 0) and near(np.abs(p[~small]), np.abs(vv[~small]) - t, 1e-12) and np.all(np.sign(p[~small]) == np.sign(vv[~small])) and E('0', 0)
    return [
        ('# Fiche 5', GIVEN, '*'),
        ('On minimise $F(w) = J(w)', GIVEN, '*'),
        ("n'est pas dérivable en $0$", lambda: nondiff() and E('0', 0)),
        ('$$\\partial|w_j| = \\begin{cases}', subdiff, '2'),
        ("Condition d'optimalité", optimality),
        ('Un pas de sous-gradient, $w \\leftarrow', subgrad_oscillates),
        ('On sépare les deux termes', GIVEN),
        ('$$w^+ = \\operatorname{prox}', GIVEN, '*'),
        ('$$w^+_j = \\operatorname{sign}(v_j)', soft_formula, '0 0'),
        ('Vérif. sur un cas', verif, '1 2 2'),
        ('$d = 4$, $\\eta = 0{,}5$', lambda: E('4', d) and E('0.5', eta) and E('0.2', lam) and E('0.1', thr)),
        ('$w = (0{,}8;', lambda: EV(['0.8', '-0.03', '0.3', '-1.2'], w) and EV(['0.5', '0.1', '-0.4', '-0.6'], gJ)),
        ('1. Pas de gradient :', lambda: EV(['0.25', '0.05', '-0.2', '-0.3'], eta * gJ) and EV(['0.55', '-0.08', '0.5', '-0.9'], v)),
        ('- $w_1^+ = 0{,}55', lambda: E('0.55', v[0]) and E('0.1', thr) and E('0.45', wp[0])),
        ('- $|v_2| = 0{,}08', lambda: E('0.08', abs(v[1])) and E('0.1', thr) and abs(v[1]) <= thr and E('0', wp[1])),
        ('- $w_3^+ = 0{,}5', lambda: E('0.5', v[2]) and E('0.1', thr) and E('0.4', wp[2])),
        ('- $w_4^+ = -0{,}9', lambda: E('-0.9', v[3]) and E('0.1', thr) and E('-1', wp[3])),
        ('3. Résultat :', lambda: EV(['0.45', '0', '0.4', '-1'], w_car) and E('1.85', np.abs(w_car).sum()) and E('0.37', lam * np.abs(w_car).sum())),
        ('À comparer : un pas de sous-gradient', lambda: E('2', 2) and E('-0.03', w[1]) and E('0.5', eta) and E('0.1', gJ[1]) and E('0.2', lam)
            and E('-1', np.sign(w[1])) and E('0.02', w[1] - eta * (gJ[1] + lam * np.sign(w[1]))) and E('0', 0)
            and np.sign(w[1] - eta * (gJ[1] + lam * np.sign(w[1]))) != np.sign(w[1])),
        ('**À retenir.**', retain),
    ]

# ======================================================================= 09
@register('09_label_smoothing_it.md', comma=True)
def f09():
    def target(K, eps, c):
        y = np.eye(K)[c]
        return (1 - eps) * y + eps / K * np.ones(K)
    def cases():
        ok = True
        for K, eps, c in [(4, 0.1, 0), (10, 0.3, 7), (3, 0.05, 2)]:
            q = target(K, eps, c)
            ok &= abs(q[c] - (1 - eps + eps / K)) < 1e-15 and np.all(np.abs(np.delete(q, c) - eps / K) < 1e-15)
        return ok
    def sums():
        return all(abs(target(K, e, 0).sum() - 1) < 1e-12 and abs((1 - e + e) - 1) < 1e-15 for K, e in [(4, 0.1), (7, 0.6)])
    def loss_split():
        ok = True
        for _ in range(3):
            K = 5; z = rand(K); c = 2; eps = 0.15; q = target(K, eps, c); lp = np.log(softmax(z))
            ok &= abs(-(q @ lp) - ((1 - eps) * (-lp[c]) + eps * (-lp.mean()))) < 1e-12
        return ok
    def dlogp():
        z = rand(4); p = softmax(z)
        return near(jac(lambda u: np.log(softmax(u)), z), np.eye(4) - p[None, :])
    def dL():
        ok = True
        for _ in range(3):
            z = rand(5); q = target(5, 0.2, 1)
            g = grad(lambda u: -(q @ np.log(softmax(u))), z)
            ok &= near(g, softmax(z) - q) and abs(g.sum()) < 1e-6
        return ok
    def onehot_limit():
        gaps = [1.0, 5.0, 20.0]
        vals = [softmax(np.array([g_, 0, 0, 0]))[0] - 1 for g_ in gaps]
        return all(v < 0 for v in vals) and abs(vals[-1]) < 1e-7 and vals[0] < vals[1] < vals[2]
    def opt_gap():
        K, eps = 4, 0.1; q = target(K, eps, 0); z = np.zeros(K)
        for _ in range(5000):
            z -= 1.0 * (softmax(z) - q)
        return abs((z[0] - z[1]) - math.log(q[0] / q[1])) < 1e-6 and abs(math.log(q[0] / q[1]) - math.log((1 - eps + eps / K) / (eps / K))) < 1e-12
    K, eps, c = 4, 0.1, 0
    z = np.array([2.0, 1, 0.5, -1]); q = target(K, eps, c); ez = np.exp(z); p = softmax(z); nl = -np.log(p)
    L = q @ nl; g = p - q
    return [
        ('Consideriamo un classificatore a $K$ classi', GIVEN),
        ('**Il target "ammorbidito".**', GIVEN, '*'),
        ('$$\\mathbf q = (1-\\varepsilon)\\,\\mathbf y', cases, '1 1 1'),
        ('Si noti che $\\sum_k q_k', sums, '1 1'),
        ('**La loss.** Si usa la cross-entropy', GIVEN),
        ('$$L = -\\sum_{k=1}^K q_k\\log p_k', loss_split, '1'),
        ('**Il gradiente.** Poiché', dlogp),
        ('$$\\frac{\\partial L}{\\partial z_j} = -\\sum_{k}', dL),
        ('È la stessa forma "predizione meno target"', dL),
        ('**Perché regolarizza.**', onehot_limit, '1'),
        ('$$z_c - z_k = \\log\\frac{q_c}{q_k}', opt_gap, '1'),
        ('**Esempio numerico.**', lambda: E('4', K) and E('0.1', eps) and E('1', c + 1) and EV(['2', '1', '0.5', '-1'], z)),
        ('1. Target:', lambda: E('0.9', 1 - eps) and E('0.025', eps / K) and EV(['0.025', '0.025', '0.025'], [eps / K] * 3)
            and EV(['0.925', '0.025', '0.025', '0.025'], q)),
        ('2. Esponenziali:', lambda: CV(['7.38906', '2.71828', '1.64872', '0.36788'], ez) and C('12.1239', ez.sum(), 7.38906 + 2.71828 + 1.64872 + 0.36788)),
        ('3. Probabilità:', lambda: CV(['0.6095', '0.2242', '0.1360', '0.0303'], p)),
        ('4. $-\\log\\mathbf p', lambda: CV(['0.49518', '1.49518', '1.99518', '3.49518'], nl)),
        ('5. Loss:', lambda: E('0.925', q[0]) and C('0.49518', nl[0]) and E('0.025', q[1]) and CV(['1.49518', '1.99518', '3.49518'], nl[1:])
            and C('0.4580', q[0] * nl[0]) and C('0.1746', q[1:] @ nl[1:], 0.025 * (1.49518 + 1.99518 + 3.49518)) and C('0.6327', L, 0.4580 + 0.1746)),
        ('6. Controllo con la scomposizione:', lambda: E('0.9', 1 - eps) and C('0.49518', nl[0]) and E('0.1', eps) and C('1.8702', nl.mean())
            and C('0.4457', (1 - eps) * nl[0]) and C('0.1870', eps * nl.mean()) and C('0.6327', L, 0.4457 + 0.1870) and C('1.8702', nl.mean())),
        ('7. Gradiente:', lambda: CV(['-0.3155', '0.1992', '0.1110', '0.0053'], g, grad(lambda u: -(q @ np.log(softmax(u))), z))
            and E('0', np.round(g.sum(), 12))),
        ('Senza smoothing avremmo', lambda: CV(['-0.3905', '0.2242', '0.1360', '0.0303'], p - np.eye(K)[0])
            and abs(p[0] - 1) > abs(g[0]) and 5.5 < p[3] / g[3] < 6.5),
        ('Con questi valori il divario ottimale', lambda: E('0.925', q[0]) and E('0.025', q[1]) and E('37', q[0] / q[1]) and C('3.61', math.log(37))
            and E('4', 4) and E('3', z[0] - z[3]) and E('2', 2) and E('1', z[0] - z[1])),
    ]

# ======================================================================= 10
@register('10_mixup_notebook.md')
def f10():
    ce = lambda p, t: -(t @ np.log(p))
    Rb = np.random.default_rng(12)
    lamb = Rb.beta(0.2, 0.2, size=400000)
    def beta_line():
        close = np.mean((lamb < 0.1) | (lamb > 0.9))
        a = 0.2; vb = 1 / (4 * (2 * a + 1))
        return ALL(E('0.2', a), E('0', 0), E('1', 1), close > 0.5, E('1', 1), E('4', 4), E('2', 2), E('1', 1),
                   C('0.179', vb), rel(lamb.var(), vb, 0.01), E('1', 1), E('12', 12),
                   rel(np.random.default_rng(13).random(400000).var(), 1 / 12, 0.01))
    def split():
        ok = True
        for _ in range(3):
            z = rand(4); p = softmax(z); lam = RNG.uniform(); yi, yj = np.eye(4)[1], np.eye(4)[3]
            yt = lam * yi + (1 - lam) * yj
            ok &= abs(ce(p, yt) - (lam * ce(p, yi) + (1 - lam) * ce(p, yj))) < 1e-12
        return ok
    def grad_z():
        ok = True
        for _ in range(3):
            z = rand(4); lam = RNG.uniform(); yt = lam * np.eye(4)[0] + (1 - lam) * np.eye(4)[2]
            ok &= abs(yt.sum() - 1) < 1e-12 and near(grad(lambda u: ce(softmax(u), yt), z), softmax(z) - yt)
        return ok
    def linear_model():
        ok = True
        for _ in range(3):
            W, b, x = rand(3, 2), rand(3), rand(2); yt = np.array([0.2, 0.5, 0.3])
            p = softmax(W @ x + b)
            ok &= near(grad(lambda M: ce(softmax(M @ x + b), yt), W), np.outer(p - yt, x))
            ok &= near(grad(lambda B: ce(softmax(W @ x + B), yt), b), p - yt)
        return ok
    lam = 0.7; xi = np.array([1.0, 2.0]); xj = np.array([3.0, -1.0]); yi_lab, yj_lab = 0, 2
    yi, yj = np.eye(3)[yi_lab], np.eye(3)[yj_lab]
    W = np.array([[0.5, -0.2], [0.1, 0.3], [-0.4, 0.2]])
    xt = lam * xi + (1 - lam) * xj
    yt = lam * yi + (1 - lam) * yj
    yt_car = np.array([0.3, 0.0, 0.7])                   # the author's target (line 33), carried
    z = W @ xt; p = softmax(z); nl = -np.log(p)
    loss_car = ce(p, yt_car); g_car = p - yt_car
    gW_car = grad(lambda M: ce(softmax(M @ xt), yt_car), W)
    return [
        ('$$\\tilde x = \\lambda x_i + (1-\\lambda)', GIVEN, '*'),
        ('With the usual $\\alpha = 0.2$', beta_line),
        ('Cross-entropy against the soft target', GIVEN),
        ('$$\\ell = -\\sum_k \\tilde y_k \\log p_k', split, '1'),
        ('The loss is linear in the target', split, '1'),
        ('Since $\\sum_k \\tilde y_k = 1$', grad_z, '1'),
        ('$$\\frac{\\partial \\ell}{\\partial z} = p - \\tilde y', grad_z),
        ('and for a linear model $z = Wx + b$', linear_model),
        ('Three classes, two input features.', lambda: E('0.7', lam) and EV(['1.0', '2.0'], xi) and E('0', yi_lab) and EV(['3.0', '-1.0'], xj)
            and E('2', yj_lab) and E('0', 0) and E('0', 0)),
        ('$$W = \\begin{pmatrix}', lambda: EV(['0.5', '-0.2', '0.1', '0.3', '-0.4', '0.2'], W)),
        ('- $\\tilde x = 0.7', lambda: E('0.7', lam) and EV(['1.0', '2.0'], xi) and E('0.3', 1 - lam) and EV(['3.0', '-1.0'], xj)
            and CV(['1.6', '1.1'], xt)),
        ('- $\\tilde y = 0.7', lambda: E('0.7', lam) and EV(['0', '0', '1'], yj) and E('0.3', 1 - lam) and EV(['1', '0', '0'], yi)
            and EV(['0.3', '0', '0.7'], yt)),
        ('- $z = W\\tilde x', lambda: CV(['0.58', '0.49', '-0.42'], z) and CV(['0.4382', '0.4005', '0.1612'], p)
            and CV(['0.8250', '0.9150', '1.8250'], nl)),
        ('- $\\ell \\approx 0.3', lambda: E('0.3', yt_car[0]) and C('0.8250', nl[0]) and E('0.7', yt_car[2]) and C('1.8250', nl[2])
            and C('1.5250', loss_car)),
        ('- $\\partial\\ell/\\partial z = p - \\tilde y \\approx', lambda: CV(['0.1382', '0.4005', '-0.5388'], g_car) and E('0', np.round(g_car.sum(), 12))),
        ('- first row of $\\partial\\ell/\\partial W$', lambda: C('0.1382', g_car[0]) and CV(['1.6', '1.1'], xt)
            and CV(['0.2212', '0.1521'], gW_car[0], 0.1382 * xt)),
        ('Checking with autograd', GIVEN),
        ('lam = 0.7', lambda: E('0.7', lam)),
        ('x_i, x_j = torch.tensor', lambda: EV(['1.0', '2.0', '3.0', '-1.0'], np.concatenate([xi, xj]))),
        ('x_mix = lam * x_i + (1 - lam) * x_j', lambda: E('1', 1) and near(lam * xi + (1 - lam) * xj, xt, 0)),
        ('y_mix = torch.tensor([0.3, 0.0, 0.7])', lambda: EV(['0.3', '0.0', '0.7'], yt_car)),
        ('W = torch.tensor([[0.5, -0.2]', lambda: EV(['0.5', '-0.2', '0.1', '0.3', '-0.4', '0.2'], W)),
        ('loss = -(y_mix * torch.log_softmax(W @ x_mix, dim=0)).sum()', lambda: E('0', 0)
            and abs(-(yt_car * (W @ xt - np.log(np.sum(np.exp(W @ xt))))).sum() - loss_car) < 1e-12),
        ('print(round(loss.item(), 4)); print(W.grad[0])', lambda: E('4', 4) and E('0', 0)),
        ('EXACT:1.525', lambda: E('1.525', round(loss_car, 4))),
        ('EXACT:tensor([0.2212, 0.1521])', lambda: CV(['0.2212', '0.1521'], gW_car[0])),
        ('Autograd agrees. One SGD step', lambda: E('0.1', 0.1) and CV(['-0.0138', '-0.0401', '0.0539'], -0.1 * g_car)
            and E('2', 2) and -0.1 * g_car[2] > 0 and np.all(-0.1 * g_car[:2] < 0)),
    ]

# ======================================================================= 11
@register('11_early_stopping_cv.md')
def f11():
    M = rand(3, 3); H = M @ M.T + 0.3 * np.eye(3); wstar = rand(3)
    lam, Q = np.linalg.eigh(H)
    J = lambda w: 0.5 * (w - wstar) @ H @ (w - wstar)
    eps = 0.9 / lam.max()
    def gd(tau, mom=0.0):
        w = np.zeros(3); v = np.zeros(3)
        for _ in range(tau):
            v = mom * v - eps * H @ (w - wstar); w = w + v
        return w
    def recursion():
        ok = True
        for tau in (1, 5, 17):
            w_prev, w_t = gd(tau - 1), gd(tau)
            ok &= near(w_t - wstar, (np.eye(3) - eps * H) @ (w_prev - wstar), 1e-12)
            ok &= near(w_t, (np.eye(3) - np.linalg.matrix_power(np.eye(3) - eps * H, tau)) @ wstar, 1e-12)
        return ok
    def eigen_gd():
        tau = 9
        return near(Q.T @ gd(tau), (1 - (1 - eps * lam) ** tau) * (Q.T @ wstar), 1e-12)
    a_ = 0.7
    wt = np.linalg.solve(H + a_ * np.eye(3), H @ wstar)
    def ridge():
        return near(grad(lambda u: J(u) + a_ / 2 * u @ u, wt), np.zeros(3), 1e-6)
    def ridge_eig():
        lhs = Q.T @ wt
        return near(lhs, lam / (lam + a_) * (Q.T @ wstar), 1e-12) and near(lam / (lam + a_), 1 - a_ / (lam + a_), 1e-15)
    def matching():
        l1, e1, tau = 0.4, 0.05, 12                      # one direction: pick alpha that satisfies the equation
        al = (1 - e1 * l1) ** tau * l1 / (1 - (1 - e1 * l1) ** tau)
        w_gd = 1 - (1 - e1 * l1) ** tau; w_r = l1 / (l1 + al)
        return abs(w_gd - w_r) < 1e-12 and abs((1 - e1 * l1) ** tau - al / (l1 + al)) < 1e-12
    def expansions():
        x, y = 1e-3, 1e-3
        return rel(math.log(1 - x), -x, 1e-2) and rel(-math.log(1 + y), -y, 1e-2)
    def tau_rule():
        e1, al = 1e-3, 2.0; tau = round(1 / (e1 * al))
        ok = abs(al - 1 / (tau * e1)) < 1e-12
        for l1 in (1e-3, 1e-2):
            ok &= rel((1 - e1 * l1) ** tau, al / (l1 + al), 1e-4)
        return ok
    def monotone():
        e1 = 0.01
        return all(1 / (t1 * e1) > 1 / (t2 * e1) for t1, t2 in [(10, 20), (50, 100)])
    def momentum_breaks():
        return not near(gd(10, mom=0.5), (np.eye(3) - np.linalg.matrix_power(np.eye(3) - eps * H, 10)) @ wstar, 1e-6)
    e2, t2 = 0.01, 100; al2 = 1 / (t2 * e2)
    return [
        ('**Setup.** Approximate the training loss', GIVEN),
        ('$$J(w) \\approx J(w^*) + \\tfrac12', GIVEN, '*'),
        ('with all $\\lambda_i > 0$', GIVEN, '0 0 0'),
        ('**Gradient descent.** Since', lambda: near(grad(J, rand(3)), np.zeros(3), 1e9) and all(near(grad(J, w), H @ (w - wstar)) for w in rand(3, 3))),
        ('$$w^{(\\tau)} - w^* = (I - \\epsilon H)', recursion, '1'),
        ('$$Q^\\top w^{(\\tau)} = ', eigen_gd),
        ('**Ridge.** Minimizing', ridge, '2 2 -1'),
        ('$$Q^\\top\\tilde w = (\\Lambda+\\alpha I)^{-1}', ridge_eig, '-1 -1'),
        ('$$(1-\\epsilon\\lambda_i)^\\tau = \\frac{\\alpha}', matching, '1'),
        ('Take logs and expand both sides', expansions, '1 1 1'),
        ('$$\\tau \\approx \\frac{1}{\\epsilon\\alpha}', tau_rule, '1 1'),
        ('That is the whole claim', monotone, '2'),
        ('**How good is "approximately"?**', lambda: E('0.01', e2) and E('100', t2) and E('1', 1) and E('100', t2) and E('0.01', e2) and E('1', al2)),
        ('| direction |', GIVEN, '1'),
        ('| flat, $\\lambda = 0.1$', lambda: E('0.1', 0.1) and E('0.999', 1 - e2 * 0.1) and E('100', t2) and C('0.905', (1 - e2 * 0.1) ** t2)
            and E('1', al2) and E('1.1', 0.1 + al2) and C('0.909', al2 / (0.1 + al2))),
        ('| stiff, $\\lambda = 5$', lambda: E('5', 5) and E('0.95', 1 - e2 * 5) and E('100', t2) and C('0.006', (1 - e2 * 5) ** t2)
            and E('1', al2) and E('6', 5 + al2) and C('0.167', al2 / (5 + al2))),
        ('(These are the fractions of $w^*$', lambda: abs((1 - e2 * 0.1) ** t2 - al2 / (0.1 + al2)) < 0.01
            and C('99', 100 * (1 - (1 - e2 * 5) ** t2)) and E('5', 5) and E('6', 6) and C('83', 100 * 5 / 6) and abs(5 / 6 - 5 / (5 + al2)) < 1e-15),
        ('Two caveats that the textbook treatment', momentum_breaks),
    ]

# ======================================================================= 12
@register('12_ridge_effective_params_ru.md', comma=True)
def f12():
    n, p = 7, 4
    X = rand(n, p); X = X - X.mean(0); y = rand(n)
    S = lambda a: X @ np.linalg.solve(X.T @ X + a * np.eye(p), X.T)
    U, dvals, Vt = np.linalg.svd(X, full_matrices=False)
    lamv = dvals ** 2
    def gradQ():
        ok = True
        for _ in range(3):
            w, a = rand(p), RNG.uniform(0.1, 2)
            Qf = lambda u: np.sum((y - X @ u) ** 2) + a * u @ u
            ok &= near(grad(Qf, w), -2 * X.T @ (y - X @ u_(w)) + 2 * a * w, 1e-5)
        return ok
    u_ = lambda w: w
    def solution():
        a = 0.8; wh = np.linalg.solve(X.T @ X + a * np.eye(p), X.T @ y)
        return near(-2 * X.T @ (y - X @ wh) + 2 * a * wh, np.zeros(p), 1e-10) and near(X @ wh, S(a) @ y, 1e-12)
    def linear_in_y():
        a = 0.8; y2 = rand(n)
        fit = lambda yy: X @ np.linalg.solve(X.T @ X + a * np.eye(p), X.T @ yy)
        return near(fit(2 * y - 3 * y2), 2 * fit(y) - 3 * fit(y2), 1e-12) and S(a).shape == (n, n)
    def trace_sens():
        a = 0.6
        fit = lambda yy: X @ np.linalg.solve(X.T @ X + a * np.eye(p), X.T @ yy)
        sens = sum(fd(lambda t: fit(y + t * np.eye(n)[i])[i], 0.0) for i in range(n))
        return abs(np.trace(S(a)) - sens) < 1e-6
    def ols():
        S0 = S(0.0)
        return near(S0 @ S0, S0, 1e-10) and abs(np.trace(S0) - p) < 1e-10 and np.linalg.matrix_rank(X) == p
    def svd():
        return near(U @ np.diag(dvals) @ Vt, X, 1e-12) and near(X.T @ X, Vt.T @ np.diag(dvals ** 2) @ Vt, 1e-12)
    def s_svd():
        a = 0.9
        S1 = U @ np.diag(dvals) @ np.diag(1 / (dvals ** 2 + a)) @ np.diag(dvals) @ U.T
        S2 = sum(np.outer(U[:, j], U[:, j]) * dvals[j] ** 2 / (dvals[j] ** 2 + a) for j in range(p))
        return near(S1, S(a), 1e-12) and near(S2, S(a), 1e-12)
    def df_formula():
        ok = True
        for a in (0.1, 1.0, 7.0):
            ok &= abs(np.trace(S(a)) - np.sum(dvals ** 2 / (dvals ** 2 + a))) < 1e-10
        return ok and near(np.sort(np.linalg.eigvalsh(X.T @ X)), np.sort(lamv), 1e-10)
    dft = lambda a, d=dvals: np.sum(d ** 2 / (d ** 2 + a))
    def limits():
        return abs(dft(0.0) - p) < 1e-12 and dft(1e12) < 1e-9 and E('0', 0) and E('0', 0)
    def deriv():
        ok = True
        for a in (0.3, 2.0):
            dd = fd(lambda t: np.trace(S(t)), a)
            ok &= abs(dd - (-np.sum(lamv / (lamv + a) ** 2))) < 1e-6 and dd < 0
        return ok and E('2', 2) and E('0', 0)
    def fractions():
        a = 1.0; fr = lamv / (lamv + a)
        return np.all((fr > 0) & (fr < 1)) and E('0', 0) and E('1', 1) and 1e4 / (1e4 + a) > 0.99 and 1e-4 / (1e-4 + a) < 0.01
    d = np.array([3.0, 2.0, 1.0, 0.5])
    df_true = lambda a: np.sum(d ** 2 / (d ** 2 + a))
    df_car = lambda a: np.sum(d / (d + a))              # the author's (carried) version
    lo, hi = 0.01, 100.0
    for _ in range(200):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if df_car(mid) > 2 else (lo, mid)
    a2_car = (lo + hi) / 2
    return [
        ('**Постановка.** Пусть', GIVEN),
        ('$$Q(w) = \\|y - Xw\\|^2', GIVEN, '*'),
        ('**Решение.** Приравниваем градиент к нулю', gradQ, '-2 2 0'),
        ('$$\\hat w_\\alpha = (X^\\top X + \\alpha I)^{-1}', solution, '-1 -1'),
        ('Прогноз линеен по $y$', linear_in_y),
        ('$$\\mathrm{df}(\\alpha) = \\operatorname{tr} S_\\alpha', trace_sens),
        ('Для обычного МНК', ols, '0 0'),
        ('**Через SVD.** Пусть', svd, '2'),
        ('$$S_\\alpha = UD(D^2+\\alpha I)^{-1}', s_svd, '2 -1 2 2'),
        ('$$\\mathrm{df}(\\alpha) = \\sum_{j=1}^p\\frac{d_j^2}', df_formula, '2 2 2'),
        ('- $\\mathrm{df}(0) = p$', limits),
        ('- $\\dfrac{d\\,\\mathrm{df}}{d\\alpha}', deriv),
        ('- каждое направление $u_j$', fractions),
        ('**Пример.** Пусть $p = 4$', lambda: E('4', d.size) and EV(['3', '2', '1', '0.5'], d)),
        ('- $\\alpha = 1$: $\\mathrm{df}(1)', lambda: E('1', 1) and E('1', 1) and C('2.25', df_true(1))),
        ('- $\\alpha = 4$: $\\mathrm{df}(4)', lambda: E('4', 4) and E('4', 4) and E('3', d[0]) and E('7', d[0] + 4) and E('2', d[1]) and E('6', d[1] + 4)
            and E('1', d[2]) and E('5', d[2] + 4) and E('0.5', d[3]) and E('4.5', d[3] + 4)
            and CV(['0.4286', '0.3333', '0.2', '0.1111'], d / (d + 4)) and C('1.0730', df_car(4))),
        ('То есть при $\\alpha = 1$ модель', lambda: E('1', 1) and C('2.25', df_car(1)) and E('4', d.size) and E('4', 4) and abs(df_car(4) - 1) < 0.1),
        ('d = np.array([3.0, 2.0, 1.0, 0.5])', lambda: EV(['3.0', '2.0', '1.0', '0.5'], d)),
        ('df = lambda a: np.sum(d / (d + a))', lambda: abs(df_car(1.0) - 2.25) < 1e-12),
        ('print(df(0), df(1), round(df(4), 4))', lambda: E('0', 0) and E('1', 1) and E('4', 4) and E('4', 4)
            and E('4.0', df_car(0)) and E('2.25', df_car(1)) and E('1.073', round(df_car(4), 4))),
        ('Обратная задача', lambda: E('2', 2) and C('1.32', a2_car) and all(df_car(t1) > df_car(t2) for t1, t2 in [(0.5, 1), (1, 3)])),
        ('**Замечание.**', GIVEN),
    ]

# ======================================================================= 13
def FR(a, b, val):
    """a printed fraction a/b equal to val (registers both printed integers)"""
    return ALL(E(a, val * float(b)), E(b, float(b)))

@register('13_max_norm_cs231n_ko.md')
def f13():
    P = lambda w, c: min(1.0, c / np.linalg.norm(w)) * w
    def bounded():
        R = np.random.default_rng(14); w = R.standard_normal(5); c = 3.0
        for _ in range(100):
            w = P(w - 50.0 * R.standard_normal(5), c)            # huge learning rate
            if np.linalg.norm(w) > c + 1e-12:
                return False
        return True
    def nearest():
        R = np.random.default_rng(15); ok = True
        for _ in range(3):
            w = R.standard_normal(3) * 4; c = 1.5
            if np.linalg.norm(w) <= c:
                continue
            pw = c * w / np.linalg.norm(w)
            U = R.standard_normal((200000, 3)); U = U / np.linalg.norm(U, axis=1, keepdims=True) * c * R.random((200000, 1)) ** (1 / 3)
            ok &= np.min(np.linalg.norm(U - w, axis=1)) >= np.linalg.norm(pw - w) - 1e-12 and abs(np.linalg.norm(pw) - c) < 1e-12
        return ok
    def inside():
        w = np.array([0.3, -0.2, 0.1]); c = 1.0
        ok = near(P(w, c), w, 0)
        for _ in range(3):
            w = rand(3) * 3
            ok &= near(P(w, c), w if np.linalg.norm(w) <= c else c * w / np.linalg.norm(w), 1e-15)
        return ok
    R16 = np.random.default_rng(16)
    Wm = R16.standard_normal((6, 4)) * 2; cc = 3.0
    def code():
        norms = np.linalg.norm(Wm, axis=1, keepdims=True)
        W2 = Wm * np.minimum(1.0, cc / norms)
        return norms.shape == (6, 1) and all(near(W2[i], P(Wm[i], cc), 1e-15) for i in range(6))
    c = 3.0; w = np.array([2.0, -4.0, 4.0]); w2 = np.array([1.0, 2.0, -1.0])
    reparam = lambda v: c * v / np.linalg.norm(v)
    def jac_grad():
        ok = True
        for _ in range(3):
            v = rand(3); vh = v / np.linalg.norm(v); gw = rand(3)
            Jm = c / np.linalg.norm(v) * (np.eye(3) - np.outer(vh, vh))
            ok &= near(jac(reparam, v), Jm) and near(grad(lambda u: gw @ reparam(u), v), Jm @ gw)
            ok &= abs(np.linalg.norm(reparam(v)) - c) < 1e-12
        return ok
    def symmetric_orth():
        ok = True
        for _ in range(3):
            v = rand(3); gw = rand(3); Jm = jac(reparam, v); gv = Jm.T @ gw
            ok &= near(Jm, Jm.T) and abs(gv @ v) < 1e-6
            n0 = np.linalg.norm(v)
            ok &= abs(np.linalg.norm(v - 1e-4 * gv) - n0) < 1e-6
        return ok
    v = w.copy(); gw = np.array([1.0, 0.0, 1.0]); vh = v / np.linalg.norm(v); s = vh @ gw
    r = gw - s * vh; dv = grad(lambda u: gw @ reparam(u), v); dvx = c / np.linalg.norm(v) * r
    return [
        ('또 다른 형태의 정규화로', lambda: bounded() and E('3', 3) and E('4', 4)),
        ('> **역자 주 1', lambda: E('1', 1) and nearest()),
        ('> $$P_c(w) = \\arg\\min', nearest),
        ('> 이고, $\\Vert w\\Vert_2\\le c$이면', lambda: E('1', 1) and inside()),
        ('# W: (뉴런 수, 입력 차원)', lambda: E('3.0', cc)),
        ('norms = np.linalg.norm(W, axis=1, keepdims=True)', lambda: E('1', 1) and code()),
        ('W *= np.minimum(1.0, c / norms)', lambda: E('1.0', 1.0) and code()),
        ('> **역자 주 2', lambda: E('2', 2) and E('3', c) and EV(['2.0', '-4.0', '4.0'], w)),
        ('> - $\\Vert w\\Vert_2 = \\sqrt{4 + 16 + 16}', lambda: EV(['4', '16', '16'], w ** 2) and E('6', np.linalg.norm(w)) and E('3', c)
            and E('3', c) and E('6', np.linalg.norm(w)) and E('0.5', c / np.linalg.norm(w))),
        ('> - 투영 결과:', lambda: EV(['1.0', '-2.0', '2.0'], P(w, c)) and E('3', np.linalg.norm(P(w, c)))),
        ("> - 다른 뉴런 $w' =", lambda: EV(['1.0', '2.0', '-1.0'], w2) and E('6', w2 @ w2) and C('2.449', np.linalg.norm(w2))
            and E('3', c) and near(P(w2, c), w2, 0)),
        ('> **역자 주 3', lambda: E('3', 3) and abs(np.linalg.norm(reparam(rand(3))) - c) < 1e-12),
        ('> $$\\frac{\\partial w}{\\partial v}', jac_grad),
        ('> 야코비안이 대칭이라', lambda: E('1', 1) and symmetric_orth()),
        ('> 예: $c = 3$', lambda: E('3', c) and EV(['2', '-4', '4'], v) and EV(['1', '0', '1'], gw)),
        ('> - $\\hat v = (1/3', lambda: FR('1', '3', vh[0]) and FR('-2', '3', vh[1]) and FR('2', '3', vh[2])
            and FR('1', '3', vh[0] * gw[0]) and FR('2', '3', vh[2] * gw[2]) and E('1', s)),
        ('> - $(I - \\hat v\\hat v^\\top)', lambda: E('1', gw[0]) and FR('1', '3', s * vh[0]) and E('0', gw[1]) and FR('2', '3', -s * vh[1])
            and E('1', gw[2]) and FR('2', '3', s * vh[2]) and FR('2', '3', r[0]) and FR('2', '3', r[1]) and FR('1', '3', r[2])),
        ('> - $\\partial L/\\partial v = 0.5', lambda: E('0.5', c / np.linalg.norm(v)) and FR('2', '3', r[0]) and FR('2', '3', r[1])
            and FR('1', '3', r[2]) and CV(['0.3333', '0.3333', '0.1667'], dv)),
        ('> - 확인:', lambda: E('2', v[0]) and FR('1', '3', dvx[0]) and E('4', -v[1]) and FR('1', '3', dvx[1]) and E('4', v[2])
            and FR('1', '6', dvx[2]) and near(dvx, dv) and E('0', round(2 / 3 - 4 / 3 + 4 / 6, 12)) and abs(v @ dv) < 1e-6),
    ]

# ======================================================================= 14
def _ws_rows(W):
    mu = W.mean(axis=1, keepdims=True); s = np.sqrt(((W - mu) ** 2).mean(axis=1, keepdims=True))
    return (W - mu) / s

@register('14_weight_standardization_pl.md', comma=True)
def f14():
    def shapes():
        Wc = rand(5, 3, 2, 2); Wm = Wc.reshape(5, -1)
        return Wm.shape == (5, 3 * 2 ** 2)
    def partials():
        ok = True
        Wm = rand(3, 5); n = 5; Wh = _ws_rows(Wm)
        for i in range(3):
            ok &= near(grad(lambda u: u[i].mean(), Wm)[i], np.full(n, 1 / n))
            ok &= near(grad(lambda u: np.sqrt(((u[i] - u[i].mean()) ** 2).mean()), Wm)[i], Wh[i] / n)
        G = rand(3, 5)
        gfull = grad(lambda u: np.sum(G[0] * _ws_rows(u)[0]), Wm)
        return ok and near(gfull[1:], np.zeros((2, 5)))                # rows do not interact
    def jac_row():
        w = rand(5); n = 5; s = np.sqrt(w.var()); wh = (w - w.mean()) / s
        Jm = jac(lambda u: _ws_rows(u[None, :])[0], w)                     # J[j, k]
        return near(Jm, (np.eye(n) - 1 / n - np.outer(wh, wh) / n) / s)
    def formula_as_written():
        ok = True
        for _ in range(3):
            w, G = rand(6), rand(6); n = 6; s = np.sqrt(w.var()); wh = (w - w.mean()) / s
            num = grad(lambda u: G @ _ws_rows(u[None, :])[0], w)
            ok &= near(num, (G - G.sum() - wh * np.mean(G * wh)) / s)
        return ok
    def structure():
        ok = True
        for _ in range(3):
            w, G = rand(6), rand(6); s = np.sqrt(w.var()); wh = (w - w.mean()) / s
            B = np.stack([np.ones(6), wh], axis=1)
            proj = G - B @ np.linalg.lstsq(B, G, rcond=None)[0]
            ok &= near(grad(lambda u: G @ _ws_rows(u[None, :])[0], w), proj / s)
        return ok
    Wc = np.zeros((128, 64, 3, 3)); Wm_big = Wc.reshape(128, -1)
    w = np.array([0.5, -1.0, 1.5, 0.0]); G = np.array([0.2, -0.1, 0.4, 0.3]); n = 4
    mu = w.mean(); cen = w - mu; var = (cen ** 2).mean(); s = np.sqrt(var); wh = cen / s
    whr = np.array([0.2774, -1.3868, 1.3868, -0.2774])
    m = np.mean(G * wh)
    br_car = G - G.sum() - m * wh; br_car_r = G - 0.8 - 0.1664 * whr
    dW_car = br_car / s
    return [
        ('**Oznaczenia.** Wagi warstwy splotowej', shapes, '2'),
        ('$$\\mu_i = \\frac1n\\sum_{j=1}^{n} W_{ij}', GIVEN, '*'),
        ('Splot liczymy z $\\hat W$ zamiast $W$', GIVEN),
        ('Przykład rozmiaru: splot', lambda: E('3', Wc.shape[2]) and E('64', Wc.shape[1]) and E('128', Wc.shape[0])
            and E('64', 64) and E('9', 9) and E('73728', Wc.size) and E('128', Wm_big.shape[0]) and E('64', 64) and E('9', 9)
            and E('576', Wm_big.shape[1])),
        ('**Gradient.** Niech $G', partials, '1'),
        ('$$\\frac{\\partial \\hat W_{ij}}{\\partial W_{ik}}', jac_row, '1'),
        ('Sumując po $j$ z wagami', GIVEN),
        ('$$\\frac{\\partial L}{\\partial W_{ij}} = \\frac{1}{\\sigma}', formula_as_written),
        ('Czyli: od gradientu odejmujemy', structure),
        ('**Przykład liczbowy**', lambda: E('4', n) and E('1', 1) and E('2', 2) and 1 * 2 ** 2 == n),
        ('$W = (0{,}5;', lambda: EV(['0.5', '-1', '1.5', '0'], w) and EV(['0.2', '-0.1', '0.4', '0.3'], G)),
        ('1. $\\mu = 1/4', lambda: E('1', w.sum()) and E('4', n) and E('0.25', mu) and EV(['0.25', '-1.25', '1.25', '-0.25'], cen)),
        ('2. $\\sigma^2 = (0{,}0625', lambda: EV(['0.0625', '1.5625', '1.5625', '0.0625'], cen ** 2) and E('4', n) and E('0.8125', var)
            and C('0.9014', s), '2'),
        ('3. $\\hat W \\approx', lambda: CV(['0.2774', '-1.3868', '1.3868', '-0.2774'], wh)),
        ('4. $\\sum_k G_k', lambda: E('0.8', G.sum())),
        ('5. $\\frac14\\sum_k', lambda: E('1', 1) and E('4', n) and CV(['0.0555', '0.1387', '0.5547', '0.0832'], G * wh * [1, 1, 1, -1])
            and E('4', n) and C('0.1664', m)),
        ('6. nawias:', lambda: E('0.8', G.sum()) and C('0.1664', m) and CV(['-0.6462', '-0.6692', '-0.6308', '-0.4538'], br_car, br_car_r)),
        ('7. $\\partial L/\\partial W \\approx', lambda: CV(['-0.7168', '-0.7424', '-0.6998', '-0.5035'], dW_car, br_car_r / 0.9014)),
        ('Kontrola: $\\hat W\\cdot$nawias', lambda: CV(['-0.1793', '0.9281', '0.8748', '0.1259'], wh * br_car * [1, 1, -1, 1], whr * np.array([-0.6462, -0.6692, -0.6308, -0.4538]) * [1, 1, -1, 1])
            and C('0', -0.1793 + 0.9281 - 0.8748 + 0.1259) and abs(wh @ br_car) < 1e-12
            and near(_ws_rows(3.3 * w[None, :]), _ws_rows(w[None, :]))),
    ]

# ======================================================================= 15
@register('15_dropout_variance_homework.md')
def f15():
    import itertools
    def enum_S(x, p):
        """exact distribution of S over all 2^n masks"""
        vals, probs = [], []
        for m in itertools.product([0, 1], repeat=len(x)):
            m = np.array(m, float)
            vals.append(np.sum(m / (1 - p) * x)); probs.append(np.prod(np.where(m == 1, 1 - p, p)))
        return np.array(vals), np.array(probs)
    def mean_a():
        ok = True
        for p in (0.2, 0.5, 0.7):
            ok &= abs((1 - p) * 1 / (1 - p) - 1) < 1e-15
            x = rand(4); v, q = enum_S(x, p)
            ok &= abs(q @ v - x.sum()) < 1e-12
        return ok and E('1', 1)
    def var_a():
        ok = True
        for p in (0.2, 0.5, 0.7):
            vm = (1 - p) - (1 - p) ** 2
            va = (1 - p) / (1 - p) ** 2 - 1
            ok &= abs(vm - p * (1 - p)) < 1e-15 and abs(va - p * (1 - p) / (1 - p) ** 2) < 1e-12 and abs(va - p / (1 - p)) < 1e-12
        return ok
    def var_S():
        ok = True
        for p in (0.2, 0.6):
            x = rand(5); v, q = enum_S(x, p)
            ok &= abs(q @ v ** 2 - (q @ v) ** 2 - p / (1 - p) * np.sum(x ** 2)) < 1e-12
        return ok
    x = np.array([1.0, 2, -1, 3]); p = 0.2
    vS, qS = enum_S(x, p); VarS = qS @ vS ** 2 - (qS @ vS) ** 2
    def limits():
        return p / (1 - p) > 0 and 1e-9 / (1 - 1e-9) < 1e-8 and 0.999999 / (1 - 0.999999) > 1e5 and E('0', 0) and E('0', 0) and E('1', 1)
    def product_var(pp, mu, s2):
        """exact Var[a x] for a = m/(1-p), x ~ two-point distribution with mean mu and variance s2"""
        xs = np.array([mu - math.sqrt(s2), mu + math.sqrt(s2)]); qx = np.array([0.5, 0.5])
        av = np.array([0.0, 1 / (1 - pp)]); qa = np.array([pp, 1 - pp])
        P = np.outer(qa, qx); T = np.outer(av, xs)
        return (P * T ** 2).sum() - (P * T).sum() ** 2
    def written_rule():
        ok = True
        for pp, mu, s2 in [(0.5, 0.5, 1.0), (0.2, -1.0, 0.3)]:
            va = pp / (1 - pp)
            claimed = va * s2 + s2 * 1.0 ** 2
            ok &= abs(claimed - s2 / (1 - pp)) < 1e-12 and abs(product_var(pp, mu, s2) - claimed) < 1e-9
        return ok
    per_term_car = lambda pp, s2: s2 / (1 - pp)           # the author's line 19, carried
    n, mu, s2, pd = 100, 0.5, 1.0, 0.5
    def independent_terms():
        R = np.random.default_rng(17); S = 400000; k = 5
        A = (R.random((S, k)) > pd) / (1 - pd); Xs = mu + np.sqrt(s2) * np.sign(R.random((S, k)) - 0.5)
        T = A * Xs
        return rel(np.var(T.sum(1)), k * np.var(T[:, 0]), 0.02) and abs(per_term_car(pd, s2) * n - n * s2 / (1 - pd)) < 1e-12
    def test_time():
        xs = np.array([mu - 1, mu + 1])
        return abs(n * (0.5 * xs @ xs - mu ** 2) - n * s2) < 1e-12 and E('1', 1)
    var_train_car = n * per_term_car(pd, s2); var_test = n * s2
    return [
        ('Setup: one unit with n inputs', GIVEN, '*'),
        ('$$S = \\sum_{i=1}^{n} \\frac{m_i}{1-p}', GIVEN, '*'),
        ('- $E[a_i] = (1-p)/(1-p) = 1$', mean_a, '1 1'),
        ('- $\\mathrm{Var}[m_i] = p(1-p)$', var_a, '1 1 1 2 1'),
        ('- $a_i$ indep. ⇒ variances add', var_S, '1 2'),
        ('- numbers: $x = (1, 2, -1, 3)$', lambda: EV(['1', '2', '-1', '3'], x) and E('0.2', p) and E('2', 2) and E('15', np.sum(x ** 2))
            and E('1', 1) and E('0.25', p / (1 - p)) and E('3.75', VarS) and C('1.94', math.sqrt(VarS))),
        ('(sanity: p → 0 gives Var → 0', limits),
        ('**(b)** now the $x_i$ are random too', GIVEN, '2'),
        ('$$\\mathrm{Var}[a_i x_i] = \\mathrm{Var}[a_i]', written_rule, '2 1 2 2 2 1'),
        ('- terms indep. ⇒', independent_terms, '2 1'),
        ('- test time (no dropout', test_time, '2'),
        ('- ⇒ ratio train/test', lambda: E('1', 1) and E('1', 1) and abs(var_train_car / var_test - 1 / (1 - pd)) < 1e-12),
        ('- numbers: $n = 100$', lambda: E('100', n) and E('0.5', mu) and E('1', s2) and E('0.5', pd) and E('100', n) and E('0.5', pd)
            and E('200', var_train_car) and C('14.1', math.sqrt(var_train_car)) and E('100', var_test) and E('2', var_train_car / var_test), '2'),
        ('**(c)** why we care', lambda: E('2019', 2019) and E('200', var_train_car) and E('100', var_test) and E('100', var_test)
            and E('200', var_train_car) and E('1', 1) and C('0.707', math.sqrt(var_test / var_train_car)) and abs(math.sqrt(1 - pd) - math.sqrt(var_test / var_train_car)) < 1e-12),
    ]

# ======================================================================= 16
def _conv_out(H, K, P, S):
    """number of valid window positions, counted by sliding the kernel over the padded input"""
    return len(range(0, H + 2 * P - K + 1, S))

@register('16_conv_init_bn_exam_key_es.md', comma=True)
def f16():
    H, Cin, Cout, K, P, S = 32, 32, 64, 3, 1, 2
    Wt = np.zeros((Cout, Cin, K, K)); bias = np.zeros(Cout)
    fan_in, fan_out = Wt[0].size, Wt[:, 0].size
    a = math.sqrt(6 / (fan_in + fan_out))
    Hout = _conv_out(H, K, P, S)
    Hc = 15                                               # the author's (carried) output size
    def bn_bias_redundant():
        Xb = rand(8, 5); Wl = rand(3, 5); b = rand(3)
        Y1 = Xb @ Wl.T + b; Y2 = Xb @ Wl.T
        return near(_bn(Y1), _bn(Y2), 1e-12)
    def uniform_std():
        return abs(np.random.default_rng(18).uniform(-a, a, 400000).std() - a / math.sqrt(3)) < 2e-4
    return [
        ('**Enunciado común.**', lambda: E('32', H) and E('32', Cin) and E('64', Cout) and E('3', K) and E('1', P) and E('2', S)),
        ('a) Número de parámetros de la convolución', lambda: E('3', K) and E('288', Wt[0].size)),
        ('$$N_{conv} = 3\\cdot 3\\cdot 32\\cdot 64 + 64', lambda: E('3', K) and E('3', K) and E('32', Cin) and E('64', Cout) and E('64', bias.size)
            and E('18432', Wt.size) and E('64', bias.size) and E('18496', Wt.size + bias.size)),
        ('b) Inicialización de He', lambda: E('288', fan_in)),
        ('$$\\sigma_W = \\sqrt{\\frac{2}{\\text{fan}_{in}}}', lambda: E('2', 2) and E('2', 2) and E('288', fan_in) and E('1', 1) and E('144', fan_in / 2)
            and E('1', 1) and E('12', math.sqrt(fan_in / 2)) and C('0.0833', math.sqrt(2 / fan_in))),
        ('c) Inicialización de Glorot uniforme', lambda: E('3', K) and E('576', fan_out)),
        ('$$a = \\sqrt{\\frac{6}{\\text{fan}_{in}+\\text{fan}_{out}}}', lambda: E('6', 6) and E('6', 6) and E('864', fan_in + fan_out)
            and E('1', 1) and E('12', 1 / a) and C('0.0833', a)),
        ('Coinciden por casualidad', lambda: E('6', 6) and E('864', fan_in + fan_out) and E('2', 2) and E('288', fan_in)
            and abs(6 / 864 - 2 / 288) < 1e-15 and C('0.0481', a / math.sqrt(3)) and uniform_std()),
        ('$$H_{out} = W_{out} = \\left\\lfloor', lambda: E('2', 2) and E('32', H) and E('3', K) and E('2', 2) and E('1', P) and E('2', S)
            and E('15.5', (H - K + 2 * P) / S) and E('15', Hout)),
        ('b) La salida tiene', lambda: E('15', Hc) and E('14400', np.zeros((Hc, Hc, Cout)).size) and E('14400', Hc * Hc * Cout) and E('4', 4)
            and E('57600', Hc * Hc * Cout * 4) and E('56.25', Hc * Hc * Cout * 4 / 1024)),
        ('c) Cada activación es una suma de', lambda: E('288', fan_in) and E('14400', Hc * Hc * Cout) and E('288', fan_in)
            and E('4147200', Hc * Hc * Cout * fan_in)),
        ('**Pregunta 3 (1 punto). BatchNorm.**', lambda: E('2', 2) and E('64', Cout) and E('128', 2 * Cout) and E('128', 2 * Cout)
            and E('18496', Wt.size + bias.size) and E('64', bias.size) and E('18432', Wt.size) and bn_bias_redundant(), '3 1'),
        ('**Pregunta 4 (1 punto). Dropout.**', lambda: E('0.25', 0.25) and E('2', 2), '4 1'),
        ('- número esperado de activaciones anuladas', lambda: E('0.25', 0.25) and E('14400', Hc * Hc * Cout) and E('3600', 0.25 * Hc * Hc * Cout)),
        ('- las supervivientes se multiplican por', lambda: E('1', 1) and E('1', 1) and E('0.25', 0.25) and E('4', 4) and E('3', 3)
            and abs(1 / (1 - 0.25) - 4 / 3) < 1e-15 and C('1.333', 1 / 0.75) and abs(0.75 * (1 / 0.75) - 1) < 1e-15),
    ]

# ------------------------------------------------------------ number accounting
def _skip_group(s, i):
    """index just after the sub/superscript argument starting at s[i]"""
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
    s = re.sub(r'\\[td]?frac(\d)\{', r'\\frac{\1}{', s)
    if comma:
        s = s.replace('{,}', '.')
        s = re.sub(r'(?<=\d),(?=\d)', '.', s)
        s = re.sub(r'(?<=\d)(?:[ \u00a0\u202f]|\\,)+(?=\d{3}(?!\d))', '', s)   # 73 728, 18\,496
    else:
        s = s.replace('{,}', '')
        s = re.sub(r'(?<=\d),(?=\d{3}(?!\d))', '', s)                           # 7,087,872
    out, i = [], 0
    while i < len(s):
        ch = s[i]
        if ch == '_' and not re.match(r'_[A-Za-z]*\(', s[i:]):       # subscripts are labels
            i = _skip_group(s, i + 1); continue
        out.append(ch); i += 1
    return ''.join(out)

def line_tokens(line, comma):
    s = re.sub(r'^\s*(>\s*)+', '', line)
    s = re.sub(r'^\s*\d+\.\s', '', s)                                 # list enumerator
    # a minus sign directly in front of a number (not a binary minus such as "a-5") belongs to it
    return re.findall(r'(?<![A-Za-z0-9_.)\]}])-?(?<![A-Za-z0-9_.])[0-9]+(?:\.[0-9]+)?', normalise(s, comma))

def lit_tokens(shown):
    s = shown.strip().replace('−', '-').replace(',', '.').replace(' ', '').lstrip('+')
    m = re.fullmatch(r'(-?[0-9.]+)e([+-]?\d+)', s)
    if m:
        return [m.group(1), str(int(m.group(2)))]
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
    for lit in lits:                      # checked values appear in the order in which they were checked
        for t in lit_tokens(lit):
            try:
                pos = toks.index(t, pos) + 1
            except ValueError:
                probs.append(f'checked value {t!r} out of order'); pos = len(toks) + 1
                break
    return probs

# ------------------------------------------------------------------ driver
MATH_CHARS = set('$∂∑σ′∇√‖⊙∈≤≥←→≈×·ε∞⇒⟂≠')
def math_lines(lines):
    out, in_disp, in_code = set(), False, False
    for i, ln in enumerate(lines, 1):
        raw = ln.strip()
        s = re.sub(r'^\s*(>\s*)+', '', raw).strip()
        if raw.startswith('```'):
            in_code = not in_code; continue
        if raw.startswith('<!--') or not s:
            continue
        if in_code:
            if re.search(r'[=≈<>]', s) and re.search(r'[0-9]', s):
                out.add(i)
            continue
        delim = s in ('$$', '\\[', '\\]') or re.fullmatch(r'\\(begin|end)\{[^}]*\}', s)
        is_math = in_disp or ('`' in s or '\\(' in s or re.search(r'\\[A-Za-z]+', s)
                               or any(ch in MATH_CHARS for ch in s)
                               or (re.search(r'[=≈<>]', s) and re.search(r'[0-9]', s)))
        if s.count('$$') % 2 == 1:
            in_disp = not in_disp
        if re.search(r'\\begin\{(align|equation|gather)', s):
            in_disp = True
        if re.search(r'\\end\{(align|equation|gather)', s):
            in_disp = False
        if is_math and not delim:
            out.add(i)
    return out

def check_file(name, builder, comma):
    lines = open(os.path.join(D, name), encoding='utf-8').read().split('\n')
    if lines and lines[-1] == '':
        lines = lines[:-1]
    problems, covered, first_false, prev = [], set(), None, 0
    if not (lines and re.fullmatch(r'<!-- style: .+ -->', lines[0])):
        problems.append('first line is not a style comment')
    if TOKENS:
        for i in sorted(math_lines(lines)):
            print(f'  L{i:2d} {line_tokens(lines[i-1], comma)}  {lines[i-1][:70]}')
    for entry in builder():
        sub, pred = entry[0], entry[1]
        ctx = entry[2] if len(entry) > 2 else ''
        if sub.startswith('EXACT:'):          # the whole (stripped) line, for lines too short to be unique
            hits = [i for i, ln in enumerate(lines, 1) if ln.strip() == sub[6:]]
        else:
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
    md = sorted(f for f in os.listdir(D) if f.endswith('.md'))
    all_ok = set(expected) == set(FILES) == set(md) and len(FILES) == 16
    if not all_ok and not only:
        print('file set mismatch:', sorted(set(expected) ^ set(FILES)), sorted(set(md) ^ set(FILES)))
    for name in names:
        fn, comma = FILES[name]
        if VERBOSE or TOKENS:
            print(name)
        ff, probs, n = check_file(name, fn, comma)
        exp = expected.get(name, 'missing')
        ok = (ff == exp) and not probs and 25 <= n <= 70
        all_ok &= ok
        print(f'{name:40s} lines={n:2d} first_false={ff!s:4s} expected={exp!s:4s} {"OK" if ok else "MISMATCH"}')
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
