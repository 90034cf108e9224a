#!/usr/bin/env python3
"""Independent NumPy truth check for corpus53.

For every file there is an ordered list of checks (substring that identifies
exactly one line, predicate[, extra allowed number tokens]).  Definitions and
data are GIVEN; every claim is recomputed: worked numbers against the exact
value (or against the value recomputed from the rounded numbers that the line
itself carries) to the printed precision, derivative formulas by central finite
differences at random points, sizes by enumeration.  In addition, every pure
arithmetic chain `a = b = c` inside the math of a checked line is re-evaluated
with an error bound that allows for rounded inputs, and every multi-digit or
decimal number on a checked line must be either a checked value or a declared
given; checked values must be printed on the line with the same sign, and a
checked vector/matrix must appear there in the same order.  The symbolic text of
each checked line (decimals masked) must match the transcription in FORMULAS
that the predicates were written from.  Every line that contains math must be
covered by a check.  The first false line must equal expected.json (null = no
false line); correct files must have none.

Run:  python3 verify_truth.py [-v]
"""
import json, math, os, re, sys
from collections import OrderedDict
import numpy as np

VERBOSE = '-v' in sys.argv
HERE = os.path.dirname(os.path.abspath(__file__))
RNG = np.random.default_rng(53)

# ------------------------------------------------------------------ helpers
def GIVEN():
    return True

def _parse(shown):
    s = shown.strip().replace('−', '-')
    m = re.fullmatch(r'[+-]?(\d+)(?:\.(\d+))?', s)
    assert m, f'bad number {shown!r}'
    d = len(m.group(2) or '')
    return float(s), 0.5 * 10.0 ** (-d) * (1 + 1e-9) + 1e-12

_LITS = []          # literals checked by the current predicate

def C(shown, *cands):
    """`shown` (as printed) is right to its printed precision for at least
    one candidate value (the exact value, or one recomputed from the rounded
    numbers carried on the line)."""
    _LITS.append(shown.replace('−', '-').lstrip('+'))
    v, t = _parse(shown)
    return len(cands) > 0 and any(abs(v - float(c)) <= t for c in cands)

_SEQS = []          # printed vectors/matrices that must occur contiguously on the line

def CV(shown, *cands):
    """element-wise C for a printed vector or matrix (list of strings, row-major);
    the entries must also appear on the line in this order, next to each other."""
    _SEQS.append([s.replace('−', '-').lstrip('+') for s in shown])
    arrs = [np.ravel(np.asarray(c, dtype=float)) for c in cands]
    ok = True
    for i, s in enumerate(shown):
        ok &= C(s, *[a[i] for a in arrs if a.size == len(shown)])
    return ok and all(a.size == len(shown) for a in arrs)

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
    return a.shape == b.shape and bool(np.allclose(a, b, atol=tol, rtol=0))

def sig(z):
    return 1.0 / (1.0 + np.exp(-np.asarray(z, float)))

def softmax(z):
    z = np.asarray(z, float); e = np.exp(z - z.max()); return e / e.sum()

def R(v, d=4):
    """value rounded as an author would carry it"""
    return np.round(np.asarray(v, float), d)

FILES = OrderedDict()
def register(name):
    def deco(fn):
        FILES[name] = fn
        return fn
    return deco

# ======================================================================= 01
def layernorm(x, gam, bet, eps=0.0):
    mu = x.mean(); var = ((x - mu) ** 2).mean(); s = np.sqrt(var + eps)
    return gam * (x - mu) / s + bet

@register('01_layernorm_backward.md')
def f01():
    x = np.array([2, 0, 1.]); gam = np.array([1, 2, .5]); g = np.array([.5, -1, 2.])
    mu = x.mean(); var = ((x - mu) ** 2).mean(); s = np.sqrt(var); xh = (x - mu) / s
    gh = gam * g
    dx = grad(lambda t: g @ layernorm(t, gam, 0 * gam), x)
    def param_grads():
        ok = True
        for _ in range(3):
            xx, gg, bb, up = RNG.normal(size=(4, 5))
            xhh = (xx - xx.mean()) / xx.std()
            ok &= near(grad(lambda t: up @ layernorm(xx, t, bb), gg), up * xhh)
            ok &= near(grad(lambda t: up @ layernorm(xx, gg, t), bb), up)
        return ok
    def formula():
        ok = True
        for eps in (0.0, 0.1):
            for _ in range(3):
                xx, gg, up = RNG.normal(size=(3, 6))
                ss = np.sqrt(xx.var() + eps); xhh = (xx - xx.mean()) / ss; ghh = gg * up
                f = (ghh - ghh.mean() - xhh * (ghh * xhh).mean()) / ss
                ok &= near(grad(lambda t: up @ layernorm(t, gg, 0 * gg, eps), xx), f, 1e-5)
        return ok
    def control():
        sh = all(near(layernorm(x + c, gam, 0 * gam), layernorm(x, gam, 0 * gam)) for c in (-1.3, 2.0))
        sc = all(near(layernorm(a * x, gam, 0 * gam), layernorm(x, gam, 0 * gam)) for a in (0.5, 3.0))
        printed = np.array([-0.7144, -0.7144, 1.4289])
        return (abs(dx.sum()) < 1e-8 and abs(xh @ dx) < 1e-8 and sh and sc
                and abs(printed.sum()) <= 3 * 0.00005 + 1e-12 and C('0', dx.sum()))
    return [
        (r'Vektor $x \in \mathbb{R}^N$', GIVEN),
        (r'Mit $s = \sqrt{\sigma^2 + \epsilon}$ gilt', GIVEN),
        (r'\mu &= \tfrac{1}{N}', GIVEN),
        (r'\hat x_i &= (x_i - \mu)/s', GIVEN),
        (r'Der Upstream-Gradient heißt', param_grads),
        (r'Mit $\hat g = \gamma \odot g$', GIVEN),
        (r'\frac{\partial L}{\partial x_i} = \frac{1}{s}\Big(', formula),
        (r'Probe mit Zahlen', lambda: C('3', x.size) and C('0', 0.0) and CV(['2', '0', '1'], x) and CV(['1', '2', '0.5'], gam)
            and CV(['0.5', '-1', '2'], g)),
        (r'- $\mu = 1$', lambda: C('1', mu) and C('0.6667', var) and abs((1 + 1 + 0) / 3 - var) < 1e-12
            and C('0.8165', s)),
        (r'- $\hat x = (1.2247', lambda: CV(['1.2247', '-1.2247', '0'], xh)),
        (r'\partial L/\partial\gamma = g \odot \hat x = (', lambda: CV(['0.6124', '1.2247', '0'], g * xh)),
        (r'- $\hat g = (0.5', lambda: CV(['0.5', '-2', '1'], gh) and C('-0.1667', gh.mean())),
        (r'\hat g_j \hat x_j = (0.6124', lambda: C('0.6124', gh[0] * xh[0]) and C('2.4495', gh[1] * xh[1])
            and C('1.0206', (gh * xh).mean(), (0.6124 + 2.4495) / 3)),
        (r'Einsetzen (beachte', lambda: C('1.0206', (gh * xh).mean()) and C('1.25', xh[0] * (gh * xh).mean())),
        (r'\partial L/\partial x_1 &=', lambda: C('0.5', gh[0]) and C('0.1667', -gh.mean()) and C('1.25', xh[0] * (gh * xh).mean())
            and C('0.8165', s) and C('-0.7144', dx[0])),
        (r'\partial L/\partial x_2 &=', lambda: C('0.1667', -gh.mean()) and C('1.25', -xh[1] * (gh * xh).mean())
            and C('0.8165', s) and C('-0.7144', dx[1])),
        (r'\partial L/\partial x_3 &=', lambda: C('0.1667', -gh.mean()) and C('0.8165', s) and C('1.4289', dx[2])),
        (r'Kontrolle: Die Summe', control),
    ]

# ======================================================================= 02
def rmsnorm(x, w, eps=0.0):
    return w * x / np.sqrt((x ** 2).mean() + eps)

@register('02_rmsnorm_backward.md')
def f02():
    x = np.array([1, -2, 2.]); w = np.array([1, .5, 2]); g = np.array([1, 1, -1.]); N = 3
    r = np.sqrt((x ** 2).mean()); y = rmsnorm(x, w)
    gh = w * g
    dx = grad(lambda t: g @ rmsnorm(t, w), x)
    rms = lambda t: np.sqrt((t ** 2).mean())
    def dr_claim():              # d rms / d x_j = x_j / r ?
        ok = True
        for _ in range(3):
            xx = RNG.normal(size=4)
            ok &= near(grad(rms, xx), xx / rms(xx))
        return ok
    def jac_claim():
        ok = True
        for _ in range(3):
            xx, ww = RNG.normal(size=(2, 4)); rr = rms(xx)
            J = np.stack([grad(lambda t: rmsnorm(t, ww)[i], xx) for i in range(4)])
            ok &= near(J, (ww / rr)[:, None] * (np.eye(4) - np.outer(xx, xx) / rr ** 2))
        return ok
    def dx_claim():
        ok = True
        for _ in range(3):
            xx, ww, up = RNG.normal(size=(3, 4)); rr = rms(xx); ghh = ww * up
            ok &= near(grad(lambda t: up @ rmsnorm(t, ww), xx), (ghh - xx * (ghh @ xx) / rr ** 2) / rr)
        return ok
    def projection_only():
        ok = True
        for _ in range(3):
            xx, ww, up = RNG.normal(size=(3, 5)); rr = rms(xx); ghh = ww * up; n = xx.size
            ok &= near(grad(lambda t: up @ rmsnorm(t, ww), xx), (ghh - xx * (ghh @ xx) / (n * rr ** 2)) / rr)
        return ok
    return [
        (r'For $x \in \mathbb{R}^N$ and a learned gain', GIVEN),
        (r'$$\operatorname{rms}(x) = \sqrt', GIVEN),
        (r"I'll write $r = \operatorname{rms}(x)$", GIVEN),
        (r'**Forward at a concrete point.**', lambda: CV(['1', '-2', '2'], x) and CV(['1', '0.5', '2'], w) and C('9', (x ** 2).sum()) and C('3', (x ** 2).mean())
            and C('1.7321', r) and CV(['0.5774', '-0.5774', '2.3094'], y)),
        (r'**Gain gradient first**', lambda: CV(['1', '1', '-1'], g)),
        (r'\frac{\partial L}{\partial w} = g \odot x / r', lambda: near(grad(lambda t: g @ rmsnorm(x, t), w), g * x / r)
            and CV(['0.5774', '-1.1547', '-1.1547'], g * x / r)),
        (r'\frac{\partial r}{\partial x_j} = \frac{1}{2r}', dr_claim),
        (r'depends on $x_j$ directly', lambda: True),
        (r'\frac{\partial y_i}{\partial x_j} = \frac{w_i}{r}', jac_claim),
        (r'Contracting with $g$ and writing', GIVEN),
        (r'$$\frac{\partial L}{\partial x} = \frac{1}{r}\Big(', dx_claim),
        (r'**Numbers.** Here', lambda: CV(['1', '0.5', '-2'], gh) and C('-4', gh @ x) and C('-1.3333', gh @ x / r ** 2)),
        (r'\frac{1}{1.7321}\begin{pmatrix}', lambda: C('1.7321', r) and C('1.3333', -x[0] * (gh @ x) / (N * r * r))
            and C('2.6667', -x[1] * (gh @ x) / (N * r * r)) and C('2.6667', -x[2] * (gh @ x) / (N * r * r))
            and CV(['1.3472', '-1.2509', '0.3849'], dx), '0.5'),
        (r'Compared with LayerNorm there is no', projection_only),
    ]

# ======================================================================= 03
@register('03_attention_backward.md')
def f03():
    q = np.array([1, 0, 1, 0.]); K = np.array([[1, 1, 1, 1], [0, 1, 0, 1], [-1, 0, -1, 0.]])
    V = np.array([[1, 0], [0, 1], [2, 2.]]); d = 4; delta = np.array([1, -1.])
    def attn(q_, K_, V_):
        return softmax(K_ @ q_ / np.sqrt(d)) @ V_
    s = K @ q / 2; p = softmax(s); o = p @ V
    dp = V @ delta; m = p @ dp; ds = p * (dp - m)
    dq = grad(lambda t: delta @ attn(t, K, V), q)
    pR = R(p)
    def softmax_back():
        ok = True
        for _ in range(3):
            ss = RNG.normal(size=4); pp = softmax(ss); up = RNG.normal(size=4)
            J = np.stack([grad(lambda t: softmax(t)[j], ss) for j in range(4)])
            ok &= near(J, pp[:, None] * (np.eye(4) - pp[None, :]))
            ok &= near(grad(lambda t: up @ softmax(t), ss), pp * (up - pp @ up))
        return ok
    def remark():
        ok = True
        for _ in range(2):
            qq = RNG.normal(size=4); KK = RNG.normal(size=(3, 4)); VV = RNG.normal(size=(3, 2)); dd = RNG.normal(size=2)
            pp = softmax(KK @ qq / 2); dss = pp * (VV @ dd - pp @ (VV @ dd))
            ok &= near(grad(lambda t: dd @ attn(t, KK, VV), qq), KK.T @ dss / 2)
            ok &= near(grad(lambda t: dd @ attn(qq, t, VV), KK), np.outer(dss, qq) / 2)
        return ok
    return [
        (r'**Données.** Une requête', lambda: C('4', d)),
        (r'$$q = \begin{pmatrix}1 & 0 & 1 & 0', lambda: CV(['1', '0', '1', '0'], q) and CV(list(map(lambda v: str(int(v)), K.ravel())), K)
            and CV(['1', '0', '0', '1', '2', '2'], V)),
        (r'On note $s = qK^\top/\sqrt{d_k}$', GIVEN),
        (r'Produits scalaires', lambda: CV(['2', '0', '-2'], K @ q) and CV(['1', '0', '-1'], s)),
        (r'Exponentielles', lambda: CV(['2.7183', '1', '0.1353'], np.exp(s)) and C('3.8536', np.exp(s).sum())),
        (r"Poids d'attention", lambda: CV(['0.7054', '0.2595', '0.0351'], p)),
        (r'Sortie : $o =', lambda: C('0.7054', p[0]) and C('0.2595', p[1]) and C('0.0351', p[2])
            and CV(['0.7756', '0.3297'], o, pR @ V)),
        (r'Soit $\delta = \partial L/\partial o', lambda: CV(['1', '-1'], delta)),
        (r'\partial L/\partial V = p^\top \delta', lambda: near(grad(lambda t: delta @ attn(q, K, t), V), np.outer(p, delta))),
        (r'\partial L/\partial p_j = \delta \cdot v_j', lambda: CV(['1', '-1', '0'], dp)),
        (r'Jacobienne du softmax', softmax_back),
        (r'\frac{\partial L}{\partial s_k} = p_k\Big(', softmax_back),
        (r'- Ici $\sum_j p_j', lambda: C('0.7054', p[0]) and C('0.2595', p[1]) and C('0.4459', m, pR @ dp)),
        (r'\frac{\partial L}{\partial s} = \big(0.7054', lambda: C('0.7054', p[0]) and C('0.5541', 1 - m)
            and C('0.2595', p[1]) and C('-1.4459', -1 - m) and C('0.0351', p[2]) and C('-0.4459', -m)
            and CV(['0.3909', '-0.3752', '-0.0157'], ds)),
        (r'Vérification : la somme', lambda: abs(ds.sum()) < 1e-12 and C('0', ds.sum())),
        (r'Enfin $\partial L/\partial q', lambda: near(dq, K.T @ ds / 2)
            and CV(['0.4066', '0.0157', '0.4066', '0.0157'], K.T @ ds)
            and CV(['0.2033', '0.0078', '0.2033', '0.0078'], dq)),
        (r'*Remarque.* Le facteur', remark),
    ]

# ======================================================================= 04
@register('04_lstm_gate_backward.md')
def f04():
    ai, af, ao, ag, cp = 0.5, 1.0, -0.5, 0.8, 0.6
    def step(a_i, a_f, a_o, a_g, c_prev):
        c = sig(a_f) * c_prev + sig(a_i) * np.tanh(a_g)
        return sig(a_o) * np.tanh(c), c
    i, f, o, g = sig(ai), sig(af), sig(ao), np.tanh(ag)
    h, c = step(ai, af, ao, ag, cp); tc = np.tanh(c)
    H = lambda *a: step(*a)[0]
    d_ai = fd(lambda t: H(t, af, ao, ag, cp), ai); d_af = fd(lambda t: H(ai, t, ao, ag, cp), af)
    d_ao = fd(lambda t: H(ai, af, t, ag, cp), ao); d_ag = fd(lambda t: H(ai, af, ao, t, cp), ag)
    d_cp = fd(lambda t: H(ai, af, ao, ag, t), cp)
    d_c = fd(lambda t: sig(ao) * np.tanh(t), c)
    return [
        (r'记号：输入门', GIVEN),
        (r'c_t = f\,c_{t-1} + i\,g', GIVEN),
        (r'已知预激活', lambda: C('0.5', ai) and C('1.0', af) and C('-0.5', ao) and C('0.8', ag) and C('0.6', cp)),
        (r'$i = σ(0.5) = 0.6225$', lambda: C('0.6225', i) and C('0.7311', f) and C('0.3775', o) and C('0.6640', g),
            '0.5 0.5 0.8'),
        (r'$c_t = 0.7311 \times 0.6', lambda: C('0.7311', f) and C('0.6225', i) and C('0.6640', g)
            and C('0.4386', f * cp) and C('0.4133', i * g) and C('0.8520', c), '0.6'),
        (r'\tanh(c_t) = 0.6921', lambda: C('0.6921', tc) and C('0.3775', o) and C('0.2613', h)),
        (r'**反向：** 先求记忆单元的梯度', lambda: abs(fd(lambda t: sig(ao) * np.tanh(t), c) - o * (1 - tc ** 2)) < 1e-8),
        (r'\frac{\partial L}{\partial c_t} = \frac{\partial L}{\partial h_t}', lambda: C('0.3775', o)
            and C('0.5210', 1 - tc ** 2) and C('0.1967', d_c) and abs(d_c - o * (1 - tc ** 2)) < 1e-8),
        (r'候选：', lambda: abs(fd(np.tanh, ag) - g * (1 - g)) < 1e-6 and C('0.6640', g) and C('0.3360', 1 - g)
            and C('0.2231', fd(np.tanh, ag)) and C('0.1967', d_c) and C('0.6225', i) and C('0.0273', d_ag)),
        (r'输入门：', lambda: abs(d_ai - d_c * g * i * (1 - i)) < 1e-8 and C('0.1967', d_c) and C('0.6640', g)
            and C('0.2350', i * (1 - i)) and C('0.0307', d_ai)),
        (r'遗忘门：', lambda: abs(d_af - d_c * cp * f * (1 - f)) < 1e-8 and C('0.1967', d_c)
            and C('0.1966', f * (1 - f)) and C('0.0232', d_af), '0.6'),
        (r'输出门：', lambda: abs(d_ao - tc * o * (1 - o)) < 1e-8 and C('0.6921', tc) and C('0.2350', o * (1 - o))
            and C('0.1626', d_ao)),
        (r'传回上一步', lambda: abs(d_cp - d_c * f) < 1e-8 and C('0.1967', d_c) and C('0.1438', d_cp)),
        (r'把四个门拼成一个向量', lambda: True),   # torch.nn.LSTM weight_ih_l0 = (W_ii|W_if|W_ig|W_io)
        (r'\delta_a = (0.0307', lambda: CV(['0.0307', '0.0232', '0.0273', '0.1626'], [d_ai, d_af, d_ag, d_ao])),
        (r'\partial L/\partial W_{hh} = \delta_a', lambda: True),
    ]

# ======================================================================= 05
@register('05_gru_step_backward.md')
def f05():
    x, hp = 1.0, 0.5
    P0 = dict(wz=0.4, uz=0.2, wr=-0.3, ur=0.6, wh=0.7, uh=1.2)
    def gru(hp_, **P):
        z = sig(P['wz'] * x + P['uz'] * hp_); r = sig(P['wr'] * x + P['ur'] * hp_)
        ht = np.tanh(P['wh'] * x + P['uh'] * (r * hp_))
        return (1 - z) * hp_ + z * ht
    az = 0.4 + 0.2 * hp; ar = -0.3 + 0.6 * hp; z = sig(az); r = sig(ar)
    ah = 0.7 + 1.2 * r * hp; ht = np.tanh(ah); h = gru(hp, **P0)
    def dP(k):
        return fd(lambda t: gru(hp, **{**P0, k: t}), P0[k])
    d_az = dP('wz') / x; d_ar = dP('wr') / x; d_ah = dP('wh') / x; d_uh = dP('uh')
    d_z = ht - hp
    d_r = d_ah * 1.2 * hp
    d_hp = fd(lambda t: gru(t, **P0), hp)
    paths = [1 - z, d_ah * 1.2 * r, d_az * 0.2, d_ar * 0.6]
    return [
        (r'今回は次の定式化を使う', GIVEN),
        (r'z &= \sigma(w_z x + u_z h_{t-1})', GIVEN),
        (r'\tilde h &= \tanh\big(', GIVEN),
        (r'| $x,\ h_{t-1}$ |', lambda: CV(['1', '0.5'], [x, hp])),
        (r'| $w_z,\ u_z$ |', lambda: CV(['0.4', '0.2'], [P0['wz'], P0['uz']])),
        (r'| $w_r,\ u_r$ |', lambda: CV(['-0.3', '0.6'], [P0['wr'], P0['ur']])),
        (r'| $w_h,\ u_h$ |', lambda: CV(['0.7', '1.2'], [P0['wh'], P0['uh']])),
        (r'- $a_z = 0.4 + 0.2', lambda: C('0.5', az) and C('0.6225', z), '0.4 0.2 0.5 0.5'),
        (r'- $a_r = -0.3 + 0.6', lambda: C('0', ar) and C('0.5', r), '0.3 0.6 0.5'),
        (r'- $a_h = 0.7 + 1.2', lambda: C('1.0', ah) and C('0.7616', ht), '0.7 1.2 0.5 0.5'),
        (r'- $h_t = 0.3775', lambda: C('0.3775', 1 - z) and C('0.6225', z) and C('0.7616', ht) and C('0.6628', h), '0.5'),
        (r'上流から $\partial L/\partial h_t = 1$', GIVEN),
        (r'更新ゲート', lambda: abs(fd(lambda t: (1 - t) * hp + t * ht, z) - d_z) < 1e-8 and C('0.2616', d_z)
            and abs(d_az - d_z * z * (1 - z)) < 1e-8 and C('0.2350', z * (1 - z)) and C('0.0615', d_az)),
        (r'候補：', lambda: abs(d_ah - z * (1 - ht ** 2)) < 1e-8 and C('0.6225', z) and C('0.4200', 1 - ht ** 2)
            and C('0.2614', d_ah)),
        (r'\partial L/\partial u_h = \partial L/\partial a_h', lambda: abs(d_uh - d_ah * r * hp) < 1e-8
            and C('0.2614', d_ah) and C('0.25', r * hp) and C('0.0654', d_uh)),
        (r'リセットゲート', lambda: abs(fd(lambda t: z * np.tanh(0.7 + 1.2 * t * hp) + (1 - z) * hp, r) - d_r) < 1e-8
            and C('0.2614', d_ah) and C('0.6', 1.2 * hp) and C('0.1569', d_r)
            and abs(d_ar - d_r * r * (1 - r)) < 1e-8 and C('0.25', r * (1 - r)) and C('0.0392', d_ar)),
        (r'への勾配は 4 つの経路の和になる', lambda: abs(sum(paths) - d_hp) < 1e-8),
        (r'\frac{\partial L}{\partial h_{t-1}} = \underbrace', lambda: C('0.2614', d_ah) and C('0.0615', d_az)
            and C('0.0392', d_ar) and CV(['0.3775', '0.1569', '0.0123', '0.0235'], paths)
            and C('0.5702', d_hp)),
        (r'数値微分（中心差分', lambda: C('0.5702', d_hp, fd(lambda t: gru(t, **P0), hp, 1e-6)), '10'),
    ]

# ======================================================================= 06
@register('06_embedding_gradient.md')
def f06():
    V_, d_ = 5, 2
    idx = np.array([3, 1, 3])
    G = np.array([[0.1, -0.2], [0.5, 0.3], [-0.4, 0.6]])
    E0 = RNG.normal(size=(V_, d_)); E0[3] = [0.2, -0.1]
    X = np.eye(V_)[idx]
    L = lambda E: np.sum(G * E[idx])                 # a loss whose dL/dY is G
    dE = grad(L, E0)
    def general():
        ok = True
        for _ in range(3):
            ii = RNG.integers(0, 6, size=7); XX = np.eye(6)[ii]; GG = RNG.normal(size=(7, 3)); EE = RNG.normal(size=(6, 3))
            dd = grad(lambda E: np.sum(GG * (XX @ E)), EE)
            ok &= near(XX @ EE, EE[ii]) and near(dd, XX.T @ GG)
            ok &= all(near(dd[v], GG[ii == v].sum(0)) for v in range(6))
        return ok
    def numpy_pitfall():
        a = np.zeros((V_, d_)); a[idx] += G
        b = np.zeros((V_, d_)); np.add.at(b, idx, G)
        return near(a[3], [-0.4, 0.6]) and near(b, dE) and near(b[3], [-0.3, 0.4]) and not near(a, b)
    E1 = E0 - 0.1 * dE
    return [
        (r'Sea $E \in \mathbb{R}^{V \times d}$', GIVEN),
        (r'$$Y = X E, \qquad', general),
        (r'Es decir: la fila $v$ del gradiente', general),
        (r'**Ejemplo.** Frase con índices', lambda: CV(['3', '1', '3', '0'], list(idx) + [0])),
        (r'$$G = \frac{\partial L}{\partial Y}', lambda: CV(['0.1', '-0.2', '0.5', '0.3', '-0.4', '0.6'], G)),
        (r'Como el token 3 aparece dos veces', lambda: CV(['3', '1', '3'], [3] + list(np.where(idx == 3)[0] + 1))),
        (r'\frac{\partial L}{\partial e_3} = (0.1 - 0.4', lambda: CV(['-0.3', '0.4'], dE[3]) and CV(['0.5', '0.3'], dE[1])
            and C('0.1', G[0, 0]) and C('0.4', -G[2, 0]) and C('-0.2', G[0, 1]) and C('0.6', G[2, 1])),
        (r'El gradiente completo, fila por fila', GIVEN),
        (r'= X^T G = \begin{bmatrix}', lambda: near(X.T @ G, dE) and CV(['0', '0', '0.5', '0.3', '0', '0', '-0.3', '0.4', '0', '0'], dE)),
        (r'**Paso de SGD** con', lambda: C('0.1', 0.1) and CV(['0.2', '-0.1'], E0[3])),
        (r'e_3 \leftarrow e_3 - \eta', lambda: C('0.2', E0[3, 0]) and C('0.03', -0.1 * dE[3, 0]) and C('-0.1', E0[3, 1])
            and C('0.04', 0.1 * dE[3, 1]) and CV(['0.23', '-0.14'], E1[3])),
        (r'Las filas 0, 2 y 4 no cambian', lambda: near(E1[[0, 2, 4]], E0[[0, 2, 4]])),
        (r'Ojo al implementarlo en NumPy', lambda: numpy_pitfall() and C('3', idx[0]) and CV(['-0.4', '0.6'], G[2]) and CV(['-0.3', '0.4'], dE[3])),
    ]

# ======================================================================= 07
@register('07_residual_block_backward.md')
def f07():
    x = np.array([1, -1.]); W1 = np.array([[1, 2], [.5, -1]]); W2 = np.array([[2, -1], [1, 3.]]); dl = np.array([1, 2.])
    relu = lambda t: np.maximum(t, 0)
    block = lambda x_, A, B: x_ + B @ relu(A @ x_)
    u = W1 @ x; a = relu(u); y = block(x, W1, W2)
    L = lambda x_, A, B: dl @ block(x_, A, B)
    da = grad(lambda t: dl @ (x + W2 @ t), a)
    du = grad(lambda t: dl @ (x + W2 @ relu(t)), u)
    dW1 = grad(lambda t: L(x, t, W2), W1); dW2 = grad(lambda t: L(x, W1, t), W2); dx = grad(lambda t: L(t, W1, W2), x)
    def shortcut():
        ok = True
        for _ in range(3):
            xx = RNG.normal(size=3); A, B = RNG.normal(size=(2, 3, 3))
            J = np.stack([grad(lambda t: block(t, A, B)[i], xx) for i in range(3)])
            JF = np.stack([grad(lambda t: (B @ relu(A @ t))[i], xx) for i in range(3)])
            ok &= near(J, np.eye(3) + JF)
        return ok
    return [
        (r'O bloco é $y = x + F(x)$', GIVEN),
        (r'A graça do atalho', shortcut),
        (r'$$x = \begin{bmatrix}1\\-1\end{bmatrix}', lambda: CV(['1', '-1'], x) and CV(['1', '2', '0.5', '-1'], W1)
            and CV(['2', '-1', '1', '3'], W2) and CV(['1', '2'], dl)),
        (r'**Ida.** $u = W_1 x', lambda: CV(['-1', '1.5'], u) and CV(['0', '1.5'], a) and CV(['-1.5', '4.5'], W2 @ a)
            and CV(['-0.5', '3.5'], y)),
        (r'1. Gradiente de $W_2$', lambda: near(dW2, np.outer(dl, a)) and CV(['0', '1.5', '0', '3'], dW2)),
        (r'2. Gradiente em $a$', lambda: near(da, W2 @ dl) and CV(['0', '7'], da)),
        (r'3. ReLU: máscara', lambda: CV(['0', '1'], (u > 0).astype(float)) and CV(['0', '7'], du)),
        (r'4. Gradiente de $W_1$', lambda: near(dW1, np.outer(du, x)) and CV(['0', '0', '7', '-7'], dW1)),
        (r'5. Ramo de $F$ em $x$', lambda: CV(['1', '0.5', '2', '-1'], W1.T) and CV(['0', '7'], du)
            and CV(['3.5', '-7'], W1.T @ du)),
        (r'\boxed{\frac{\partial L}{\partial x} = \delta + W_1^\top', lambda: near(dx, dl + W1.T @ du)
            and C('3.5', (W1.T @ du)[0]) and C('7', -(W1.T @ du)[1]) and CV(['4.5', '-5'], dx)),
        (r'Repare que mesmo se a ReLU zerasse tudo', lambda: all(
            near(grad(lambda t: L(t, A, W2), xx), dl) for A, xx in
            [(np.array([[-1, 0], [-2, 0.]]), np.array([1, 0.2])), (np.array([[0, 3], [1, 1.]]), np.array([0.5, -2.]))])),
    ]

# ======================================================================= 08
def adam_step(w, g_fn, lr, b1, b2, lam, decoupled, t=1, m=0.0, v=0.0, eps=0.0):
    g = g_fn(w) + (0 if decoupled else lam * w)
    m = b1 * m + (1 - b1) * g; v = b2 * v + (1 - b2) * g * g
    mh = m / (1 - b1 ** t); vh = v / (1 - b2 ** t)
    return w - lr * mh / (np.sqrt(vh) + eps) - (lr * lam * w if decoupled else 0), m, v

@register('08_weight_decay_adamw.md')
def f08():
    w0, g, lr, lam, b1, b2 = 1.0, 0.2, 0.1, 0.1, 0.9, 0.99
    gfn = lambda w: g                                  # gradient of the data loss at w0
    sgd_l2 = w0 - lr * fd(lambda w: 0.0 + g * w + lam / 2 * w * w, w0)
    sgd_dec = (1 - lr * lam) * w0 - lr * g
    adam_l2 = adam_step(w0, gfn, lr, b1, b2, lam, False)[0]
    adamw = adam_step(w0, gfn, lr, b1, b2, lam, True)[0]
    def adamw_formula():
        ok = True
        for t in (1, 3):
            for _ in range(3):
                w, gg, m, v = RNG.normal(size=4); v = abs(v)
                w1, m1, v1 = adam_step(w, lambda _: gg, 0.01, 0.9, 0.999, 0.05, True, t, m, v, 1e-8)
                vh = v1 / (1 - 0.999 ** t)
                ok &= abs(w1 - (w - 0.01 * (m1 / (np.sqrt(vh) + 1e-8) + 0.05 * w))) < 1e-9
        return ok
    def decay_less():
        # Adam+L2: effective shrink of the lam*w part is divided by sqrt(vhat); AdamW: fixed lr*lam
        w = 1.0; out = []
        for gg in (0.01, 10.0):
            s_with = adam_step(w, lambda _: gg, lr, b1, b2, lam, False, t=5, m=gg, v=gg * gg)[0]
            s_without = adam_step(w, lambda _: gg, lr, b1, b2, 0.0, False, t=5, m=gg, v=gg * gg)[0]
            out.append(s_without - s_with)
        return out[0] > out[1] > 0 and C('0.01', lr * lam)
    return [
        (r'- one scalar weight $w_0 = 1$', lambda: C('1', w0) and C('0.2', g)),
        (r'- learning rate $\eta = 0.1$', lambda: C('0.1', lr) and C('0.1', lam)),
        (r'- Adam: $\beta_1 = 0.9$', lambda: C('0.9', b1) and C('0.99', b2)),
        (r'**(a) Plain SGD.** L2 adds', lambda: abs(fd(lambda w: lam / 2 * w * w, 0.7) - lam * 0.7) < 1e-8),
        (r'$$w_1 = w_0 - \eta\,(g + \lambda w_0)', lambda: C('0.97', sgd_l2), '0.1 0.2 0.1'),
        (r'Decoupled decay shrinks the weight separately', lambda: C('0.99', (1 - lr * lam) * w0) and C('0.02', lr * g)
            and C('0.97', sgd_dec) and abs(sgd_dec - sgd_l2) < 1e-9),
        (r'**(b) Adam + L2**', lambda: C('0.3', g + lam * w0)),
        (r'm_1 &= (1-\beta_1)\,\tilde g = 0.03', lambda: C('0.03', (1 - b1) * 0.3) and C('0.3', 0.03 / (1 - b1))
            and C('0.0009', (1 - b2) * 0.09) and C('0.09', 0.0009 / (1 - b2))),
        (r'\frac{\hat m_1}{\sqrt{\hat v_1}+\epsilon} = 1 - 0.1', lambda: C('0.9', adam_l2), '0.1 0.3 0.3'),
        (r'**(c) AdamW.** The moments only see', lambda: True),
        (r'$$w_t = w_{t-1} - \eta\,\Big(\frac{m_t}', adamw_formula),
        (r'Here $m_1 = 0.1 \cdot 0.2 = 0.02$', lambda: C('0.02', (1 - b1) * g) and C('0.0004', (1 - b2) * g * g)
            and C('0.04', (1 - b2) * g * g / (1 - b2)) and C('0.2', np.sqrt(g * g)), '0.1 0.2 0.01 0.04'),
        (r'$$w_1 = 1 - 0.1\,\Big(\frac{0.02}{0.2}', lambda: C('0.98', adamw), '0.1 0.02 0.2 0.1 0.1 0.2'),
        (r'**Take-away.** Adam+L2 moved the weight by', lambda: C('0.1', w0 - adam_l2) and C('0.02', w0 - adamw)),
        (r'In Adam+L2 the decay term is divided by', decay_less),
    ]

# ======================================================================= 09
@register('09_label_smoothing_ce.md')
def f09():
    K, eps, y = 3, 0.1, 0
    z = np.array([2, 1, 0.])
    def target(K_, y_, e_):
        q = np.full(K_, e_ / K_); q[y_] += 1 - e_; return q
    Lfn = lambda zz, q: -(q * np.log(softmax(zz))).sum()
    q = target(K, y, eps); p = softmax(z); lp = np.log(p)
    L = Lfn(z, q); dz = grad(lambda t: Lfn(t, q), z)
    def equiv():
        ok = True
        for _ in range(3):
            KK = 5; zz = RNG.normal(size=KK); yy = int(RNG.integers(KK)); ee = RNG.uniform(0, .3)
            pp = softmax(zz)
            ok &= abs(Lfn(zz, target(KK, yy, ee)) - ((1 - ee) * -np.log(pp[yy]) + ee * np.mean(-np.log(pp)))) < 1e-12
        return ok
    def grad_claim():
        ok = True
        for _ in range(3):
            KK = 4; zz = RNG.normal(size=KK); yy = int(RNG.integers(KK)); ee = RNG.uniform(0, .3)
            qq = target(KK, yy, ee); pp = softmax(zz)
            ok &= abs(qq.sum() - 1) < 1e-12
            for k in range(KK):
                ok &= near(grad(lambda t: -np.log(softmax(t))[k], zz), pp - np.eye(KK)[k])
            ok &= near(grad(lambda t: Lfn(t, qq), zz), pp - qq)
        return ok
    def optimum():
        # minimiser of L over logits: softmax(z*) = q, so z*_y - z*_k = ln(q_y/q_k)
        zs = np.log(q); ok = near(grad(lambda t: Lfn(t, q), zs), np.zeros(K))
        return ok and near(p - q, dz) and C('28', q[0] / q[1]) and C('3.33', np.log(q[0] / q[1]), zs[0] - zs[1])
    return [
        (r'Пусть $K$ классов', GIVEN),
        (r'$$q_k = (1-\varepsilon)\,[k = y]', GIVEN),
        (r'Эквивалентная запись', equiv),
        (r'Так как $\sum_k q_k = 1$', grad_claim),
        (r'\frac{\partial L}{\partial z_j} = \sum_k q_k', grad_claim),
        (r'**Пример.** $K = 3$', lambda: C('3', K) and C('0.1', eps) and C('1', y + 1) and CV(['2', '1', '0'], z)),
        (r'q &= (0.9 + 0.0333', lambda: C('0.9', 1 - eps) and C('0.0333', eps / K) and CV(['0.9333', '0.0333', '0.0333'], q)),
        (r'p &= \operatorname{softmax}(z) =', lambda: CV(['0.6652', '0.2447', '0.0900'], p)),
        (r'\log p &= (-0.4076', lambda: CV(['-0.4076', '-1.4076', '-2.4076'], lp)),
        (r'Потеря: $L = 0.9', lambda: C('0.9', 1 - eps) and C('0.1', eps) and CV(['0.4076', '1.4076', '2.4076'], -lp)
            and C('0.3668', (1 - eps) * -lp[0]) and C('0.1408', eps * np.mean(-lp)) and C('0.5076', L)
            and C('0.4076', -lp[0])),
        (r'$$\nabla_z L = p - q', lambda: near(dz, p - q) and CV(['-0.2681', '0.2114', '0.0567'], dz)),
        (r'сумма компонент равна нулю', lambda: abs(dz.sum()) < 1e-8 and abs(Lfn(z + 1.7, q) - L) < 1e-12),
        (r'Главное отличие от обычной CE', optimum),
    ]

# ======================================================================= 10
@register('10_focal_loss_derivative.md')
def f10():
    a, gam, z = 0.25, 2, 1.0
    FLp = lambda p: -a * (1 - p) ** gam * np.log(p)
    FLz = lambda t: FLp(sig(t))
    p = sig(z); lp = np.log(p)
    dz = fd(FLz, z); bracket = dz / (-a * (1 - p) ** gam)       # the true [ ... ] in the printed form
    def inner():
        return all(abs(fd(lambda t: (1 - t) ** gm, pp) - gm * (1 - pp) ** (gm - 1)) < 1e-6
                   for gm in (2, 0.5, 3) for pp in (0.2, 0.7))
    def dFLdp():
        return all(abs(fd(lambda t: -aa * (1 - t) ** gm * np.log(t), pp)
                       - (-aa * (gm * (1 - pp) ** (gm - 1) * np.log(pp) + (1 - pp) ** gm / pp))) < 1e-6
                   for aa in (0.25, 1.0) for gm in (2, 3) for pp in (0.3, 0.8))
    def dFLdz():
        return all(abs(fd(lambda t: -aa * (1 - sig(t)) ** gm * np.log(sig(t)), zz)
                       - (-aa * (1 - sig(zz)) ** gm * (gm * sig(zz) * np.log(sig(zz)) + (1 - sig(zz))))) < 1e-6
                   for aa in (0.25, 1.0) for gm in (2, 3) for zz in (-0.4, 1.3))
    return [
        (r'RetinaNet 논문의 focal loss', GIVEN),
        (r'$$\mathrm{FL}(p) = -\alpha', GIVEN),
        (r'논문 기본값 $\alpha = 0.25$', lambda: C('0.25', a) and C('2', gam) and C('1', z)),
        (r'- $p = σ(1) = 0.7311$', lambda: C('0.7311', p) and C('0.2689', 1 - p) and C('-0.3133', lp)),
        (r'- $(1-p)^2 = 0.0723$', lambda: C('0.0723', (1 - p) ** 2)),
        (r'\mathrm{FL} = -0.25 \times 0.0723', lambda: C('0.0723', (1 - p) ** 2) and C('-0.3133', lp)
            and C('0.00566', FLz(z)) and C('0.3133', -lp), '0.25'),
        (r'샘플의 손실은 CE 대비 약', lambda: C('55', -lp / FLz(z))),
        (r'\frac{d}{dp}(1-p)^{\gamma} = ', inner),
        (r'\frac{d\,\mathrm{FL}}{dp} = -\alpha\Big[', dFLdp),
        (r'이고, $dp/dz = p(1-p)$', lambda: abs(fd(sig, 0.3) - sig(0.3) * (1 - sig(0.3))) < 1e-8),
        (r'\frac{\partial\,\mathrm{FL}}{\partial z} = -\alpha', dFLdz),
        (r'- 대괄호 안:', lambda: C('0.7311', p) and C('-0.3133', lp) and C('-0.4581', gam * p * lp)
            and C('0.2689', 1 - p) and C('-0.1892', bracket)),
        (r'\partial\mathrm{FL}/\partial z = -0.25', lambda: C('0.0723', (1 - p) ** 2) and C('-0.1892', bracket)
            and C('0.00342', dz), '0.25'),
        (r'CE의 기울기는', lambda: abs(fd(lambda t: -np.log(sig(t)), z) - (p - 1)) < 1e-8 and C('-0.2689', p - 1)),
    ]

# ======================================================================= 11
def huber(r, d):
    r = np.asarray(r, float)
    return np.where(np.abs(r) <= d, 0.5 * r * r, d * (np.abs(r) - 0.5 * d))

def smooth_l1(r, b):
    r = np.asarray(r, float)
    return np.where(np.abs(r) < b, 0.5 * r * r / b, np.abs(r) - 0.5 * b)

@register('11_huber_smooth_l1.md')
def f11():
    yh = np.array([2.5, 0.3, -1]); y = np.array([0, 0, 0.5]); r = yh - y; N = 3
    loss = lambda t, d: huber(t - y, d).mean()
    g1 = grad(lambda t: loss(t, 1.0), yh)
    S2 = smooth_l1(r, 2.0); dS2 = np.array([fd(lambda t: smooth_l1(t, 2.0), ri) for ri in r])
    pts = RNG.uniform(-3, 3, size=12)
    def dhuber():
        ok = True
        for d in (0.5, 1.0, 2.0):
            for t in pts:
                if abs(abs(t) - d) < 1e-3: continue
                ok &= abs(fd(lambda s: huber(s, d), t) - np.clip(t, -d, d)) < 1e-6
        return ok
    def junction():
        ok = True
        for d in (0.5, 1.0, 2.0):
            for sgn in (1, -1):
                r0 = sgn * d
                ok &= abs(0.5 * r0 ** 2 - d * (abs(r0) - 0.5 * d)) < 1e-12 and abs(0.5 * r0 ** 2 - 0.5 * d * d) < 1e-12
                ok &= abs(fd(lambda s: huber(s, d), r0, 1e-7) - sgn * d) < 1e-5
                left = fd(lambda s: 0.5 * s * s, r0); right = fd(lambda s: d * (abs(s) - 0.5 * d), r0)
                ok &= abs(left - right) < 1e-6
        return ok
    def relation():
        ok = all(near(huber(pts, d), d * smooth_l1(pts, d)) for d in (0.5, 1.0, 2.0))
        ok &= near(huber(pts, 1.0), smooth_l1(pts, 1.0))
        ok &= not near(huber(pts, 2.0), smooth_l1(pts, 2.0)) and not near(huber(pts, 0.5), smooth_l1(pts, 0.5))
        return ok
    def robust():
        big = np.array([10., 100., -1000.])
        return (all(abs(fd(lambda s: huber(s, 1.5), b)) <= 1.5 + 1e-5 for b in big)
                and all(abs(fd(lambda s: 0.5 * s * s, b, 1e-3) - b) < 1e-6 for b in big))
    return [
        (r'Dato il residuo $r = \hat y - y$', GIVEN),
        (r'H_\delta(r) = \begin{cases}', GIVEN),
        (r"H_\delta'(r) = \begin{cases}", dhuber),
        (r"cioè $H'_\delta(r) = \operatorname{clip}", lambda: dhuber() and junction()),
        (r'La Smooth-L1 di PyTorch con parametro', relation),
        (r'**Esempio numerico.**', lambda: CV(['2.5', '0.3', '-1'], yh) and CV(['0', '0', '0.5'], y) and CV(['2.5', '0.3', '-1.5'], r)
            and C('3', N)),
        (r'Con $\delta = 1$:', GIVEN),
        (r'- termini: $H_1(2.5)', lambda: C('2', huber(2.5, 1)) and C('0.045', huber(0.3, 1)) and C('1', huber(-1.5, 1))
            and C('2.5', r[0]) and C('0.3', r[1]) and C('1.5', -r[2]) and C('0.5', 0.5 * 1 ** 2)),
        (r'- perdita media:', lambda: C('0.045', huber(0.3, 1)) and C('1.015', loss(yh, 1.0))),
        (r'- gradiente rispetto a $\hat y$', lambda: near(g1, np.clip(r, -1, 1) / N) and CV(['0.3333', '0.1', '-0.3333'], g1)),
        (r'Con $\beta = 2$ (Smooth-L1)', GIVEN),
        (r'- $S_2(2.5) = 2.5 - 1', lambda: C('1.5', S2[0]) and C('0.0225', S2[1]) and C('0.5625', S2[2]) and C('2.5', r[0]) and C('0.3', r[1]) and C('0.09', r[1] ** 2)
            and C('2.25', r[2] ** 2)),
        (r"- derivate: $S_2'(r) =", lambda: CV(['1', '0.15', '-0.75'], dS2)),
        (r'- verifica della relazione', lambda: CV(['3', '0.045', '1.125'], 2 * S2, huber(r, 2.0)) and C('2.5', r[0])
            and C('3', huber(2.5, 2.0))),
        (r'Osservazione: per $|r|$ grande', robust),
    ]

# ======================================================================= 12
def gelu_tanh(x):
    return 0.5 * x * (1 + np.tanh(np.sqrt(2 / np.pi) * (x + 0.044715 * x ** 3)))

def gelu_erf(x):
    return x * 0.5 * (1 + math.erf(x / math.sqrt(2)))

@register('12_silu_gelu_derivatives.md')
def f12():
    x = 1.0; s = sig(x)
    silu = lambda t: t * sig(t)
    c = np.sqrt(2 / np.pi); u = c * (x + 0.044715 * x ** 3); th = np.tanh(u)
    dudx = c * (1 + 3 * 0.044715 * x ** 2); dg = fd(gelu_tanh, x)
    # minimum of SiLU by bisection of 1 + x(1 - sig(x)) = 0
    lo, hi = -3.0, -0.5
    for _ in range(200):
        mid = (lo + hi) / 2
        if (1 + lo * (1 - sig(lo))) * (1 + mid * (1 - sig(mid))) <= 0: hi = mid
        else: lo = mid
    xm = (lo + hi) / 2
    def silu_d():
        return all(abs(fd(silu, t) - sig(t) * (1 + t * (1 - sig(t)))) < 1e-8
                   and abs(sig(t) + t * sig(t) * (1 - sig(t)) - sig(t) * (1 + t * (1 - sig(t)))) < 1e-12
                   for t in RNG.normal(size=5) * 2)
    def gelu_d():
        return all(abs(fd(gelu_tanh, t) - (0.5 * (1 + np.tanh(c * (t + 0.044715 * t ** 3)))
                   + 0.5 * t * (1 - np.tanh(c * (t + 0.044715 * t ** 3)) ** 2) * c * (1 + 0.134145 * t * t))) < 1e-8
                   for t in RNG.normal(size=5) * 2) and abs(3 * 0.044715 - 0.134145) < 1e-15
    return [
        (r'against hand values at $x = 1$', GIVEN),
        (r'**SiLU / Swish.**', lambda: abs(fd(sig, 0.4) - sig(0.4) * (1 - sig(0.4))) < 1e-8),
        (r"$$\mathrm{silu}'(x) = \sigma(x) + x", silu_d),
        (r'At $x = 1$: $\sigma(1) = 0.7311$', lambda: C('0.7311', s) and C('0.7311', silu(1.0)) and C('0.2689', 1 - s)
            and C('0.9277', fd(silu, 1.0))),
        (r'SiLU is not monotone', lambda: abs(fd(silu, xm)) < 1e-8 and C('-1.2785', xm) and abs(silu(xm) - (xm + 1)) < 1e-9
            and C('-0.2785', silu(xm)) and fd(silu, -3) < 0 < fd(silu, 0)),
        (r'**GELU, tanh form**', lambda: True),
        (r'$$\mathrm{gelu}(x) \approx \tfrac12 x', lambda: max(abs(gelu_tanh(t) - gelu_erf(t)) for t in np.linspace(-5, 5, 201)) < 1e-3,
            '0.044715'),
        (r'Product rule plus the chain rule through $u$', lambda: all(abs(fd(lambda t: c * (t + 0.044715 * t ** 3), t)
            - c * (1 + 3 * 0.044715 * t * t)) < 1e-8 for t in (0.3, -1.2, 2.0)), '0.044715'),
        (r"$$\mathrm{gelu}'(x) \approx \tfrac12\big(", gelu_d, '0.134145'),
        (r'Plugging in $x = 1$, with $\sqrt{2/\pi} = 0.7979$', lambda: C('0.7979', c)),
        (r'- $u = 0.7979 \times 1.0447', lambda: C('0.7979', c) and C('1.0447', 1 + 0.044715) and C('0.8236', u)),
        (r'- $\tanh u = 0.6770$', lambda: C('0.6770', th) and C('1.6770', 1 + th) and C('0.8385', gelu_tanh(1.0)), '0.5'),
        (r'- $1 - \tanh^2 u = 0.5416$', lambda: C('0.5416', 1 - th ** 2) and C('0.7979', c) and C('1.1341', 1 + 0.134145)
            and C('0.9049', dudx)),
        (r"- $\mathrm{gelu}'(1) = 0.8385", lambda: C('0.8385', gelu_tanh(1.0)) and C('0.5416', 1 - th ** 2)
            and C('0.9049', dudx) and C('0.2450', 0.5 * (1 - th ** 2) * dudx) and C('1.0835', dg), '0.5'),
        (r'Compared with the exact (erf) GELU', lambda: C('0.8413', gelu_erf(1.0)) and C('0.003', gelu_erf(1.0) - gelu_tanh(1.0))),
    ]

# ======================================================================= 13
def conv_out(H, k, s, p):
    """enumerate window start positions over the zero-padded input"""
    L = H + 2 * p
    return sum(1 for t in range(0, L, s) if t + k <= L)

def tconv_full(H, k, s):
    """scatter: input pixel i writes to i*s + j, j = 0..k-1; return touched positions"""
    return sorted({i * s + j for i in range(H) for j in range(k)})

def tconv_out(H, k, s, p, op=0):
    full = tconv_full(H, k, s)
    n = max(full) + 1 + op
    return len([t for t in range(n) if p <= t < n - p])

def tconv_adjoint_ok(H, k, s, p, op):
    """the transposed conv really is the adjoint of conv on the output size it produces"""
    Hout = tconv_out(H, k, s, p, op)
    return conv_out(Hout, k, s, p) == H

@register('13_transposed_conv_size.md')
def f13():
    def formula_conv():
        return all(conv_out(H, k, s, p) == (H + 2 * p - k) // s + 1
                   for H in range(5, 20) for k in (1, 2, 3, 4, 5) for s in (1, 2, 3) for p in (0, 1, 2) if H + 2 * p >= k)
    def scatter():
        ok = True
        for H in (3, 5):
            for k in (2, 3):
                for s in (1, 2, 3):
                    x = np.zeros(H); w = np.ones(k)
                    for i in range(H):
                        x[:] = 0; x[i] = 1
                        out = np.zeros((H - 1) * s + k)
                        for ii in range(H):
                            out[ii * s: ii * s + k] += x[ii] * w
                        ok &= sorted(np.nonzero(out)[0]) == [i * s + j for j in range(k)]
        return ok
    def last_pixel_and_full():
        ok_last, ok_len = True, True
        for H in range(2, 9):
            for k in (2, 3, 4):
                for s in (1, 2, 3):
                    pos = tconv_full(H, k, s)
                    ok_last &= max(j for j in pos if j >= (H - 1) * s) == (H - 1) * s + k - 1
                    ok_len &= max(pos) + 1 == (H - 1) * s + k - 1      # claimed length of the full output
        return ok_last and ok_len
    def general_formula():
        return all(tconv_out(H, k, s, p, op) == (H - 1) * s - 2 * p + k - 1 + op
                   for H in range(2, 9) for k in (2, 3, 4) for s in (1, 2) for p in (0, 1) for op in (0, 1))
    def crop():
        return all(tconv_out(H, k, s, p) == len(tconv_full(H, k, s)) - 2 * p
                   for H in (3, 6) for k in (3, 4) for s in (1, 2) for p in (0, 1))
    def ex1():
        h = tconv_out(4, 3, 2, 1)
        return C('6', h) and C('2', 8 - h) and tconv_adjoint_ok(4, 3, 2, 1, 8 - h)
    def many_to_one():
        return conv_out(7, 3, 2, 1) == conv_out(8, 3, 2, 1) == 4 and len({conv_out(H, 4, 3, 0) for H in (10, 11, 12)}) == 1
    return [
        (r'**Oznaczenia:** $H_{in}$', GIVEN),
        (r'$$H_{out} = \left\lfloor', formula_conv),
        (r'Np. dla $H_{in} = 8$', lambda: C('4', conv_out(8, 3, 2, 1)) and C('7', 8 + 2 * 1 - 3)),
        (r'Splot transponowany (`ConvTranspose2d`)', scatter),
        (r'Ostatni piksel, $i = H_{in}-1$', last_pixel_and_full),
        (r'Padding $p$ w splocie transponowanym', crop),
        (r'$$H_{out} = (H_{in} - 1)\,s - 2p + k - 1', general_formula),
        (r'**Przykład 1** (odwrócenie', lambda: CV(['4', '3', '2', '1'], [4, 3, 2, 1])),
        (r'$H_{out} = 3 \cdot 2 - 2 + 3 - 1 = 6$', ex1),
        (r'**Przykład 2** (typowy blok', lambda: CV(['4', '2', '1', '16'], [4, 2, 1, 16])),
        (r'$H_{out} = 15 \cdot 2 - 2 + 4 - 1 = 31$', lambda: C('15', 16 - 1) and C('31', tconv_out(16, 4, 2, 1))),
        (r'**Przykład 3**', lambda: C('9', tconv_out(5, 2, 2, 0))),
        (r'Wniosek: przy $s > 1$', many_to_one),
    ]

# ======================================================================= 14
@register('14_depthwise_separable_params.md')
def f14():
    k, Ci, Co, H, W = 3, 32, 64, 56, 56
    def count(shape):
        return int(np.ones(shape, dtype=np.int64).sum())
    std_w = count((Co, Ci, k, k)); dw_w = count((Ci, 1, k, k)); pw_w = count((Co, Ci, 1, 1))
    def macs(Cout, Cin_per_group, kk):          # stride 1, same padding: one MAC per weight per output position
        return count((H, W)) * Cout * Cin_per_group * kk * kk
    def ratio_identity():
        return all(abs((kk * kk * ci + ci * co) / (kk * kk * ci * co) - (1 / co + 1 / (kk * kk))) < 1e-15
                   for kk in (1, 3, 5) for ci in (3, 16) for co in (8, 64))
    def same_padding_uses():
        # every weight of a 3x3 stride-1 'same' conv on a 6x6 map is applied at each of the 36 output positions
        Hs = 6; uses = np.zeros((k, k), int)
        for i in range(Hs):
            for j in range(Hs):
                for a in range(k):
                    for b in range(k):
                        uses[a, b] += 1
        return np.all(uses == Hs * Hs)
    ratio = (dw_w + pw_w) / std_w
    return [
        (r'| $k$ | kernel side |', lambda: C('3', k)),
        (r'| $C_{in}$ | input channels |', lambda: C('32', Ci)),
        (r'| $C_{out}$ | output channels |', lambda: C('64', Co)),
        (r'| $H \times W$ | output spatial size |', lambda: CV(['56', '56'], [H, W])),
        (r'**Standard convolution.** Every output channel', lambda: True),
        (r'$$P_{std} = k^2 C_{in} C_{out}', lambda: C('9', k * k) and C('32', Ci) and C('64', Co) and C('18432', std_w)
            and C('18496', std_w + Co)),
        (r'**Depthwise-separable** = depthwise', lambda: True),
        (r'$$P_{dw} = k^2 C_{in} = 288', lambda: C('288', dw_w) and C('2048', pw_w) and C('2336', dw_w + pw_w)),
        (r'With biases: $288 + 32', lambda: C('288', dw_w) and C('32', Ci) and C('2048', pw_w) and C('64', Co)
            and C('2432', dw_w + Ci + pw_w + Co)),
        (r'\frac{P_{sep}}{P_{std}} = \frac{k^2 C_{in}', lambda: ratio_identity() and C('0.015625', 1 / Co)
            and C('0.1111', 1 / k ** 2) and C('0.1267', ratio)),
        (r'i.e. about $7.9\times$ fewer', lambda: C('7.9', 1 / ratio)),
        (r'**Multiply-accumulates.** With stride 1', lambda: same_padding_uses() and C('3136', H * W)),
        (r'- standard: $18432 \times 3136', lambda: C('18432', std_w) and C('3136', H * W) and C('57802752', macs(Co, Ci, k))
            and C('57.8', macs(Co, Ci, k) / 1e6)),
        (r'- separable: $2336 \times 3136', lambda: C('2336', dw_w + pw_w) and C('3136', H * W)
            and C('7325696', macs(Ci, 1, k) + macs(Co, Ci, 1)) and C('7.3', (macs(Ci, 1, k) + macs(Co, Ci, 1)) / 1e6)),
        (r'**Check in PyTorch.**', lambda: C('288', count((32, 1, 3, 3))) and C('2048', count((64, 32, 1, 1)))
            and dw_w == count((32, 1, 3, 3)) and pw_w == count((64, 32, 1, 1))
            and CV(['32', '32', '3', '32', '32', '1', '3', '3', '288', '32', '64', '1', '64', '32', '1', '1', '2048'],
                   [Ci, Ci, k, Ci, Ci, 1, k, k, dw_w, Ci, Co, 1, Co, Ci, 1, 1, pw_w])),
    ]

# ======================================================================= 15
@register('15_maxpool_backward.md')
def f15():
    x = np.array([[1, 3, 2, 0], [4, 2, 1, 5], [0, 1, 3, 2], [2, 6, 1, 1.]])
    gy = np.array([[0.5, -1], [2, 0.25]])
    def pool(t):
        return np.array([[t[2 * i:2 * i + 2, 2 * j:2 * j + 2].max() for j in range(2)] for i in range(2)])
    y = pool(x); gx = grad(lambda t: np.sum(gy * pool(t)), x)
    def win(i, j):
        w = x[2 * i:2 * i + 2, 2 * j:2 * j + 2]; a, b = np.unravel_index(np.argmax(w), w.shape)
        return sorted(w.ravel().tolist()), w.max(), (2 * i + a + 1, 2 * j + b + 1), (w == w.max()).sum()
    def check_win(i, j, vals, m, pos):
        ws, wm, wp, nties = win(i, j)
        return ws == sorted(vals) and wm == m and wp == pos and nties == 1
    def routing_rule():
        ok = True
        for _ in range(3):
            t = RNG.normal(size=(4, 4)); up = RNG.normal(size=(2, 2))
            g = grad(lambda s: np.sum(up * pool(s)), t)
            exp = np.zeros_like(t)
            for i in range(2):
                for j in range(2):
                    w = t[2 * i:2 * i + 2, 2 * j:2 * j + 2]; a, b = np.unravel_index(np.argmax(w), w.shape)
                    exp[2 * i + a, 2 * j + b] += up[i, j]
            ok &= near(g, exp)
        return ok
    x1 = np.array([1, 3, 2, 0, 4.]); g1 = np.array([0.1, 0.2, 0.3, 0.4])
    pool1 = lambda t: np.array([t[i:i + 2].max() for i in range(4)])
    gx1 = grad(lambda t: g1 @ pool1(t), x1)
    return [
        (r'Forward: $y_{ij} = \max_', lambda: routing_rule() and CV(['2', '2', '0'], [2, 2, 0])),
        (r'\frac{\partial L}{\partial x_{ab}} = \sum_{(i,j)', routing_rule),
        (r'$$x = \begin{pmatrix} 1 & 3 & 2 & 0', lambda: CV([str(int(v)) for v in x.ravel()], x)
            and CV(['0.5', '-1', '2', '0.25'], gy)),
        (r'Window by window (rows/cols', lambda: C('1', 1)),      # 1-indexed convention (given)
        (r'- top-left $\{1, 3, 4, 2\}$', lambda: check_win(0, 0, [1, 3, 4, 2], 4, (2, 1))),
        (r'- top-right $\{2, 0, 1, 5\}$', lambda: check_win(0, 1, [2, 0, 1, 5], 5, (2, 4))),
        (r'- bottom-left $\{0, 1, 2, 6\}$', lambda: check_win(1, 0, [0, 1, 2, 6], 6, (4, 2))),
        (r'- bottom-right $\{3, 2, 1, 1\}$', lambda: check_win(1, 1, [3, 2, 1, 1], 3, (3, 3))),
        (r'So $y = \begin{pmatrix}4 & 5', lambda: CV(['4', '5', '6', '3'], y)),
        (r'$$\frac{\partial L}{\partial x} = \begin{pmatrix} 0 & 0 & 0 & 0', lambda: CV(
            ['0', '0', '0', '0', '0.5', '0', '0', '-1', '0', '0', '0.25', '0', '0', '2', '0', '0'], gx)),
        (r'Sanity check: the entries of', lambda: C('0.5', gx[1, 0]) and C('0.25', gx[2, 2]) and C('1.75', gx.sum())
            and abs(gx.sum() - gy.sum()) < 1e-9),
        (r'**Overlapping windows accumulate.**', lambda: CV(['1', '2', '1', '1', '3', '2', '0', '4', '2', '2', '3', '5', '1', '0.1', '0.2', '0.3', '0.4', '2', '0.1', '0.2', '0.3'],
            [1, 2, 1] + list(x1) + [int(np.argmax(x1[i:i + 2])) + i + 1 for i in range(4)] + [1] + list(g1) + [2, g1[0], g1[1], gx1[1]])
            and CV(['1', '3', '2', '0', '4'], x1)
            and CV(['2', '2', '3', '5'], [int(np.argmax(x1[i:i + 2])) + i + 1 for i in range(4)])
            and CV(['0.1', '0.2', '0.3', '0.4'], g1) and C('2', 2) and C('0.1', g1[0]) and C('0.2', g1[1])
            and abs(gx1[1] - (g1[0] + g1[1])) < 1e-9 and C('0.3', gx1[1])),
        (r'$$\partial L/\partial x = (0,\ 0.3', lambda: CV(['0', '0.3', '0.3', '0', '0.4'], gx1)),
    ]

# ======================================================================= 16
def softplus(x):
    return np.log1p(np.exp(x))

@register('16_dropout_softplus.md')
def f16():
    q = 0.8; x = np.array([2, -1, 0.5, 3]); m = np.array([1, 0, 1, 1.])
    drop = lambda t, mm: mm * t / q
    y = drop(x, m); gx = grad(lambda t: np.ones(4) @ drop(t, m), x)
    def expectation_and_backward():
        ok = True
        for qq in (0.5, 0.8):
            xx = RNG.normal(size=3)
            E = sum((qq if mm else 1 - qq) * (mm * xx / qq) for mm in (0, 1))
            ok &= near(E, xx)
        for _ in range(3):
            mm = (RNG.uniform(size=5) < q).astype(float); xx, up = RNG.normal(size=(2, 5))
            ok &= near(grad(lambda t: up @ drop(t, mm), xx), mm * up / q)
        return ok
    def variance():
        ok = True
        for qq in (0.3, 0.8):
            for xi in (2.0, -0.7):
                E = xi; E2 = qq * (xi / qq) ** 2
                ok &= abs((E2 - E * E) - xi * xi * (1 - qq) / qq) < 1e-12
        return ok and C('1', 2.0 ** 2 * (1 - q) / q) and CV(['2', '4', '0.2', '0.8', '1'], [2, 2.0 ** 2, 1 - q, q, 2.0 ** 2 * (1 - q) / q])
    def sp_derivs():
        return all(abs(fd(softplus, t) - sig(t)) < 1e-8 and abs(fd(lambda s: sig(s), t) - sig(t) * (1 - sig(t))) < 1e-8
                   and abs(np.exp(t) / (1 + np.exp(t)) - sig(t)) < 1e-12 for t in RNG.normal(size=5) * 3)
    def identity():
        return all(abs(softplus(t) - softplus(-t) - t) < 1e-12 and
                   abs(np.log((1 + np.exp(t)) / (1 + np.exp(-t))) - t) < 1e-12 for t in RNG.normal(size=5) * 3)
    stable = lambda t: np.maximum(t, 0) + np.log1p(np.exp(-abs(t)))
    return [
        (r'Keep probability $q$ (drop rate', expectation_and_backward),
        (r'Backward uses the same mask', expectation_and_backward),
        (r'Example, q = 0.8, x = (2', lambda: C('0.8', q) and CV(['2', '-1', '0.5', '3'], x) and CV(['1', '0', '1', '1'], m)),
        (r'- y = (2, 0, 0.5, 3)/0.8', lambda: CV(['2', '0', '0.5', '3'], m * x) and C('0.8', q)
            and CV(['2.5', '0', '0.625', '3.75'], y)),
        (r'- with upstream ∂L/∂y = (1, 1, 1, 1)', lambda: CV(['1.25', '0', '1.25', '1.25'], gx)),
        (r'Variance for one unit', variance),
        (r'$\operatorname{softplus}(x) = \log(1 + e^x)$, a smooth ReLU', sp_derivs),
        (r'$$\frac{d}{dx}\log(1+e^x) = \frac{e^x}{1+e^x}', sp_derivs),
        (r'Handy identity: softplus(x)', identity),
        (r'At $x = 2$:', lambda: C('2', 2)),
        (r'- softplus(2) = log(1 + 7.3891)', lambda: C('7.3891', np.exp(2)) and C('8.3891', 1 + np.exp(2))
            and C('2.1269', softplus(2.0))),
        (r'- softplus(−2) = log 1.1353', lambda: CV(['-2', '1.1353', '0.1269'], [-2, 1 + np.exp(-2), softplus(-2.0)]) and C('1.1353', 1 + np.exp(-2)) and C('0.1269', softplus(-2.0))
            and C('2.1269', softplus(2.0)) and C('2', softplus(2.0) - softplus(-2.0))),
        (r'- σ(2) = 0.8808, second derivative', lambda: CV(['2', '0.8808', '0.8808', '0.1192', '0.1050'], [2, sig(2), sig(2), 1 - sig(2), fd(lambda s: sig(s), 2.0)]) and C('0.8808', sig(2)) and C('0.1192', 1 - sig(2))
            and C('0.1050', fd(lambda s: sig(s), 2.0))),
        (r'For numerical stability implement it as', lambda: all(abs(stable(t) - softplus(t)) < 1e-12 for t in (-3, 0.4, 2, 7))
            and C('1.1353', 1 + np.exp(-2)) and C('2.1269', stable(2.0))),
    ]

# ============================================================ transcribed formulas
# The symbolic content of each checked line (decimal numbers shown as #; those are
# recomputed by the predicates), as transcribed when the predicates
# above were written: a check only applies to a line that still reads this way.
FORMULAS = {
    '01_layernorm_backward.md': {
        'Vektor $x \\in \\mathbb{R}^N$':
            ['x \\in \\mathbb{R}^N'],
        'Mit $s = \\sqrt{\\sigma^2 + \\epsilon}$ gilt':
            ['s = \\sqrt{\\sigma^2 + \\epsilon}'],
        '\\mu &= \\tfrac{1}{N}':
            ['\\mu &= \\tfrac{1}{N}\\textstyle\\sum_i x_i, \\qquad \\sigma^2 = \\tfrac{1}{N}\\textstyle\\sum_i (x_i-\\mu)^2,\\\\'],
        '\\hat x_i &= (x_i - \\mu)/s':
            ['\\hat x_i &= (x_i - \\mu)/s, \\qquad y_i = \\gamma_i \\hat x_i + \\beta_i .'],
        'Der Upstream-Gradient heißt':
            ['g = \\partial L/\\partial y', '\\partial L/\\partial \\gamma = g \\odot \\hat x', '\\partial L/\\partial \\beta = g'],
        'Mit $\\hat g = \\gamma \\odot g$':
            ['\\hat g = \\gamma \\odot g', '\\mu', '\\sigma^2'],
        '\\frac{\\partial L}{\\partial x_i} = \\frac{1}{s}\\Big(':
            ['\\frac{\\partial L}{\\partial x_i} = \\frac{1}{s}\\Big(\\hat g_i - \\frac{1}{N}\\sum_j \\hat g_j - \\hat x_i \\cdot \\frac{1}{N}\\sum_j \\hat g_j \\hat x_j\\Big)'],
        'Probe mit Zahlen':
            ['N = 3', '\\epsilon = 0', 'x = (2,\\ 0,\\ 1)', '\\gamma = (1,\\ 2,\\ #)', 'g = (#,\\ -1,\\ 2)'],
        '- $\\mu = 1$':
            ['\\mu = 1', '\\sigma^2 = (1 + 1 + 0)/3 = #', 's = #'],
        '- $\\hat x = (1.2247':
            ['\\hat x = (#,\\ -#,\\ 0)'],
        '\\partial L/\\partial\\gamma = g \\odot \\hat x = (':
            ['\\partial L/\\partial\\gamma = g \\odot \\hat x = (#,\\ #,\\ 0)'],
        '- $\\hat g = (0.5':
            ['\\hat g = (#,\\ -2,\\ 1)', '\\frac{1}{N}\\sum_j \\hat g_j = -#'],
        '\\hat g_j \\hat x_j = (0.6124':
            ['\\frac{1}{N}\\sum_j \\hat g_j \\hat x_j = (# + # + 0)/3 = #'],
        'Einsetzen (beachte':
            ['\\hat x_1 \\cdot # = #'],
        '\\partial L/\\partial x_1 &=':
            ['\\partial L/\\partial x_1 &= (# + # - #)/# = -#\\\\'],
        '\\partial L/\\partial x_2 &=':
            ['\\partial L/\\partial x_2 &= (-2 + # + #)/# = -#\\\\'],
        '\\partial L/\\partial x_3 &=':
            ['\\partial L/\\partial x_3 &= (1 + # - 0)/# = #'],
        'Kontrolle: Die Summe':
            ['0', '\\hat x \\cdot \\partial L/\\partial x = 0', '\\hat x', 'x \\mapsto x + c', 'x \\mapsto a x', 'a>0'],
    },
    '02_rmsnorm_backward.md': {
        'For $x \\in \\mathbb{R}^N$ and a learned gain':
            ['x \\in \\mathbb{R}^N', 'w'],
        '$$\\operatorname{rms}(x) = \\sqrt':
            ['\\operatorname{rms}(x) = \\sqrt{\\tfrac{1}{N}\\textstyle\\sum_{i=1}^{N} x_i^2 + \\epsilon}, \\qquad y_i = w_i \\, \\frac{x_i}{\\operatorname{rms}(x)}.'],
        "I'll write $r = \\operatorname{rms}(x)$":
            ['r = \\operatorname{rms}(x)', 'g = \\partial L / \\partial y', '\\epsilon = 0'],
        '**Forward at a concrete point.**':
            ['x = (1, -2, 2)', 'w = (1, #, 2)', '\\frac{1}{N}\\sum_i x_i^2 = 9/3 = 3', 'r = \\sqrt{3} \\approx #', 'y = (#,\\ -#,\\ #)'],
        '**Gain gradient first**':
            ['r', 'g = (1, 1, -1)'],
        '\\frac{\\partial L}{\\partial w} = g \\odot x / r':
            ['\\frac{\\partial L}{\\partial w} = g \\odot x / r = (#,\\ -#,\\ -#).'],
        '\\frac{\\partial r}{\\partial x_j} = \\frac{1}{2r}':
            ['\\frac{\\partial r}{\\partial x_j} = \\frac{1}{2r}\\cdot 2x_j = \\frac{x_j}{r}.'],
        'depends on $x_j$ directly':
            ['y_i = w_i x_i r^{-1}', 'x_j', 'i = j', 'r'],
        '\\frac{\\partial y_i}{\\partial x_j} = \\frac{w_i}{r}':
            ['\\frac{\\partial y_i}{\\partial x_j} = \\frac{w_i}{r}\\Big(\\delta_{ij} - \\frac{x_i x_j}{r^2}\\Big).'],
        'Contracting with $g$ and writing':
            ['g', '\\hat g = w \\odot g'],
        '$$\\frac{\\partial L}{\\partial x} = \\frac{1}{r}\\Big(':
            ['\\frac{\\partial L}{\\partial x} = \\frac{1}{r}\\Big(\\hat g - x\\,\\frac{\\hat g^{T} x}{r^{2}}\\Big).'],
        '**Numbers.** Here':
            ['\\hat g = (1, #, -2)', '\\hat g^{T} x = 1 - 1 - 4 = -4', '\\hat g^{T} x / r^2 = -4/3 = -#'],
        '\\frac{1}{1.7321}\\begin{pmatrix}':
            ['\\frac{\\partial L}{\\partial x} = \\frac{1}{#}\\begin{pmatrix} 1 + # \\\\ # - # \\\\ -2 + # \\end{pmatrix} = \\begin{pmatrix} # \\\\ -# \\\\ # \\end{pmatrix}.'],
        'Compared with LayerNorm there is no':
            ['x'],
    },
    '03_attention_backward.md': {
        '**Données.** Une requête':
            ['q', 'd_k = 4'],
        '$$q = \\begin{pmatrix}1 & 0 & 1 & 0':
            ['q = \\begin{pmatrix}1 & 0 & 1 & 0\\end{pmatrix},\\quad K = \\begin{pmatrix}1&1&1&1\\\\0&1&0&1\\\\-1&0&-1&0\\end{pmatrix},\\quad V = \\begin{pmatrix}1&0\\\\0&1\\\\2&2\\end{pmatrix}.'],
        'On note $s = qK^\\top/\\sqrt{d_k}$':
            ['s = qK^\\top/\\sqrt{d_k}', 'p = \\mathrm{softmax}(s)', 'o = pV', 'k_j', 'v_j', 'K', 'V'],
        'Produits scalaires':
            ['qK^\\top = (2,\\ 0,\\ -2)', 's = (2,\\ 0,\\ -2)/2 = (1,\\ 0,\\ -1)'],
        'Exponentielles':
            ['\\exp(s) = (#,\\ 1,\\ #)', '#'],
        "Poids d'attention":
            ['p = (#,\\ #,\\ #)'],
        'Sortie : $o =':
            ['o = #\\,v_1 + #\\,v_2 + #\\,v_3 = (#,\\ #)'],
        'Soit $\\delta = \\partial L/\\partial o':
            ['\\delta = \\partial L/\\partial o = (1,\\ -1)'],
        '\\partial L/\\partial V = p^\\top \\delta':
            ['\\partial L/\\partial V = p^\\top \\delta', 'j', 'p_j\\,\\delta'],
        '\\partial L/\\partial p_j = \\delta \\cdot v_j':
            ['\\partial L/\\partial p_j = \\delta \\cdot v_j', '\\partial L/\\partial p = (1,\\ -1,\\ 0)'],
        'Jacobienne du softmax':
            ['\\partial p_j / \\partial s_k = p_j(\\mathbb{1}[j=k] - p_k)'],
        '\\frac{\\partial L}{\\partial s_k} = p_k\\Big(':
            ['\\frac{\\partial L}{\\partial s_k} = p_k\\Big(\\frac{\\partial L}{\\partial p_k} - \\sum_j p_j \\frac{\\partial L}{\\partial p_j}\\Big).'],
        '- Ici $\\sum_j p_j':
            ['\\sum_j p_j\\,\\partial L/\\partial p_j = # - # = #'],
        '\\frac{\\partial L}{\\partial s} = \\big(0.7054':
            ['\\frac{\\partial L}{\\partial s} = \\big(# \\times #,\\ # \\times (-#),\\ # \\times (-#)\\big) = (#,\\ -#,\\ -#).'],
        'Vérification : la somme':
            ['0'],
        'Enfin $\\partial L/\\partial q':
            ['\\partial L/\\partial q = \\frac{1}{\\sqrt{d_k}}\\sum_k \\frac{\\partial L}{\\partial s_k}\\,k_k = \\frac12\\,(#,\\ #,\\ #,\\ #) = (#,\\ #,\\ #,\\ #)'],
        '*Remarque.* Le facteur':
            ['1/\\sqrt{d_k}', '\\partial L/\\partial q', '\\partial L/\\partial K'],
    },
    '04_lstm_gate_backward.md': {
        '记号：输入门':
            ['i', 'f', 'o', 'g = \\tanh(a_g)'],
        'c_t = f\\,c_{t-1} + i\\,g':
            ['c_t = f\\,c_{t-1} + i\\,g,\\qquad h_t = o\\cdot\\tanh(c_t)'],
        '已知预激活':
            ['a_i = #,\\ a_f = #,\\ a_o = -#,\\ a_g = #', 'c_{t-1} = #', '\\partial L/\\partial h_t = 1'],
        '$i = σ(0.5) = 0.6225$':
            ['i = σ(#) = #', 'f = σ(1) = #', 'o = σ(-#) = #', 'g = \\tanh(#) = #'],
        '$c_t = 0.7311 \\times 0.6':
            ['c_t = # \\times # + # \\times # = # + # = #'],
        '\\tanh(c_t) = 0.6921':
            ['\\tanh(c_t) = #', 'h_t = # \\times # = #'],
        '**反向：** 先求记忆单元的梯度':
            ['h_t', '\\tanh', 'c_t'],
        '\\frac{\\partial L}{\\partial c_t} = \\frac{\\partial L}{\\partial h_t}':
            ['\\frac{\\partial L}{\\partial c_t} = \\frac{\\partial L}{\\partial h_t}\\, o\\,\\big(1-\\tanh^2 c_t\\big) = # \\times # = #'],
        '候选：':
            ['\\partial g/\\partial a_g = g(1-g) = # \\times # = #', '\\partial L/\\partial a_g = # \\times # \\times # = #'],
        '输入门：':
            ['\\partial L/\\partial a_i = # \\times g \\times i(1-i) = # \\times # \\times # = #'],
        '遗忘门：':
            ['\\partial L/\\partial a_f = # \\times c_{t-1} \\times f(1-f) = # \\times # \\times # = #'],
        '输出门：':
            ['\\partial L/\\partial a_o = \\tanh(c_t) \\times o(1-o) = # \\times # = #'],
        '传回上一步':
            ['\\partial L/\\partial c_{t-1} = # \\times f = #'],
        '把四个门拼成一个向量':
            ['i, f, g, o'],
        '\\delta_a = (0.0307':
            ['\\delta_a = (#,\\ #,\\ #,\\ #)'],
        '\\partial L/\\partial W_{hh} = \\delta_a':
            ['\\partial L/\\partial W_{hh} = \\delta_a\\, h_{t-1}^{\\top}'],
    },
    '05_gru_step_backward.md': {
        '今回は次の定式化を使う':
            ['z'],
        'z &= \\sigma(w_z x + u_z h_{t-1})':
            ['z &= \\sigma(w_z x + u_z h_{t-1}), \\quad r = \\sigma(w_r x + u_r h_{t-1}),\\\\'],
        '\\tilde h &= \\tanh\\big(':
            ['\\tilde h &= \\tanh\\big(w_h x + u_h\\,(r \\circ h_{t-1})\\big), \\quad h_t = (1 - z)\\circ h_{t-1} + z \\circ \\tilde h .'],
        '| $x,\\ h_{t-1}$ |':
            ['x,\\ h_{t-1}', '1,\\ #'],
        '| $w_z,\\ u_z$ |':
            ['w_z,\\ u_z', '#,\\ #'],
        '| $w_r,\\ u_r$ |':
            ['w_r,\\ u_r', '-#,\\ #'],
        '| $w_h,\\ u_h$ |':
            ['w_h,\\ u_h', '#,\\ #'],
        '- $a_z = 0.4 + 0.2':
            ['a_z = # + # \\cdot # = #', 'z = \\sigma(#) = #'],
        '- $a_r = -0.3 + 0.6':
            ['a_r = -# + # \\cdot # = 0', 'r = #'],
        '- $a_h = 0.7 + 1.2':
            ['a_h = # + # \\cdot (# \\cdot #) = #', '\\tilde h = \\tanh 1 = #'],
        '- $h_t = 0.3775':
            ['h_t = # \\cdot # + # \\cdot # = #'],
        '上流から $\\partial L/\\partial h_t = 1$':
            ['\\partial L/\\partial h_t = 1'],
        '更新ゲート':
            ['\\partial h_t/\\partial z = \\tilde h - h_{t-1} = #', '\\partial L/\\partial a_z = # \\cdot z(1-z) = # \\cdot # = #'],
        '候補：':
            ['\\partial L/\\partial a_h = z\\,(1 - \\tilde h^2) = # \\cdot # = #'],
        '\\partial L/\\partial u_h = \\partial L/\\partial a_h':
            ['\\partial L/\\partial u_h = \\partial L/\\partial a_h \\cdot r\\,h_{t-1} = # \\cdot # = #'],
        'リセットゲート':
            ['\\partial L/\\partial r = # \\cdot u_h h_{t-1} = # \\cdot # = #', '\\partial L/\\partial a_r = # \\cdot # = #'],
        'への勾配は 4 つの経路の和になる':
            ['h_{t-1}'],
        '\\frac{\\partial L}{\\partial h_{t-1}} = \\underbrace':
            ['\\frac{\\partial L}{\\partial h_{t-1}} = \\underbrace{(1-z)}_{\\text{直接}} + \\underbrace{#\\,u_h r}_{\\text{候補経由}} + \\underbrace{#\\,u_z}_{z\\ \\text{経由}} + \\underbrace{#\\,u_r}_{r\\ \\text{経由}} = # + # + # + # = #'],
        '数値微分（中心差分':
            ['h = 10^{-6}', '#'],
    },
    '06_embedding_gradient.md': {
        'Sea $E \\in \\mathbb{R}^{V \\times d}$':
            ['E \\in \\mathbb{R}^{V \\times d}', 'V = 5', 'd = 2', 'T', 't_1,\\dots,t_T', 'e_{t_1},\\dots,e_{t_T}', 'X \\in \\{0,1\\}^{T\\times V}'],
        '$$Y = X E, \\qquad':
            ['Y = X E, \\qquad \\frac{\\partial L}{\\partial E} = X^T \\frac{\\partial L}{\\partial Y}.'],
        'Es decir: la fila $v$ del gradiente':
            ['v', 'v'],
        '**Ejemplo.** Frase con índices':
            ['(3, 1, 3)'],
        '$$G = \\frac{\\partial L}{\\partial Y}':
            ['G = \\frac{\\partial L}{\\partial Y} = \\begin{bmatrix} # & -# \\\\ # & # \\\\ -# & # \\end{bmatrix}.'],
        '\\frac{\\partial L}{\\partial e_3} = (0.1 - 0.4':
            ['\\frac{\\partial L}{\\partial e_3} = (# - #,\\ -# + #) = (-#,\\ #), \\qquad \\frac{\\partial L}{\\partial e_1} = (#,\\ #).'],
        'El gradiente completo, fila por fila':
            ['v = 0,\\dots,4'],
        '= X^T G = \\begin{bmatrix}':
            ['\\frac{\\partial L}{\\partial E} = X^T G = \\begin{bmatrix} 0 & 0 \\\\ # & # \\\\ 0 & 0 \\\\ -# & # \\\\ 0 & 0 \\end{bmatrix}.'],
        '**Paso de SGD** con':
            ['\\eta = #', 'e_3 = (#,\\ -#)'],
        'e_3 \\leftarrow e_3 - \\eta':
            ['e_3 \\leftarrow e_3 - \\eta\\,\\frac{\\partial L}{\\partial e_3} = (# + #,\\ -# - #) = (#,\\ -#).'],
        'Ojo al implementarlo en NumPy':
            ['(-#,\\ #)', '(-#,\\ #)'],
    },
    '07_residual_block_backward.md': {
        'O bloco é $y = x + F(x)$':
            ['y = x + F(x)', 'F(x) = W_2\\,\\mathrm{ReLU}(W_1 x)', 'u = W_1 x', 'a = \\mathrm{ReLU}(u)', '\\delta = \\partial L/\\partial y'],
        'A graça do atalho':
            ['\\partial y/\\partial x = I + \\partial F/\\partial x', 'F', '\\delta'],
        '$$x = \\begin{bmatrix}1\\\\-1\\end{bmatrix}':
            ['x = \\begin{bmatrix}1\\\\-1\\end{bmatrix},\\quad W_1 = \\begin{bmatrix}1 & 2\\\\# & -1\\end{bmatrix},\\quad W_2 = \\begin{bmatrix}2 & -1\\\\1 & 3\\end{bmatrix},\\quad \\delta = \\begin{bmatrix}1\\\\2\\end{bmatrix}.'],
        '**Ida.** $u = W_1 x':
            ['u = W_1 x = (-1,\\ #)^\\top', 'a = (0,\\ #)^\\top', 'W_2 a = (-#,\\ #)^\\top', 'y = (-#,\\ #)^\\top'],
        '1. Gradiente de $W_2$':
            ['W_2', '\\dfrac{\\partial L}{\\partial W_2} = \\delta\\, a^\\top = \\begin{bmatrix}0 & #\\\\0 & 3\\end{bmatrix}'],
        '2. Gradiente em $a$':
            ['a', '\\dfrac{\\partial L}{\\partial a} = W_2\\,\\delta = \\begin{bmatrix}2\\cdot 1 - 1\\cdot 2\\\\ 1\\cdot 1 + 3\\cdot 2\\end{bmatrix} = \\begin{bmatrix}0\\\\7\\end{bmatrix}'],
        '3. ReLU: máscara':
            ['\\mathbb{1}[u>0] = (0,\\ 1)', '\\partial L/\\partial u = (0,\\ 7)^\\top'],
        '4. Gradiente de $W_1$':
            ['W_1', '\\dfrac{\\partial L}{\\partial W_1} = \\dfrac{\\partial L}{\\partial u}\\,x^\\top = \\begin{bmatrix}0 & 0\\\\7 & -7\\end{bmatrix}'],
        '5. Ramo de $F$ em $x$':
            ['F', 'x', 'W_1^\\top \\dfrac{\\partial L}{\\partial u} = \\begin{bmatrix}1 & #\\\\2 & -1\\end{bmatrix}\\begin{bmatrix}0\\\\7\\end{bmatrix} = \\begin{bmatrix}#\\\\-7\\end{bmatrix}'],
        '\\boxed{\\frac{\\partial L}{\\partial x} = \\delta + W_1^\\top':
            ['\\boxed{\\frac{\\partial L}{\\partial x} = \\delta + W_1^\\top \\frac{\\partial L}{\\partial u} = \\begin{bmatrix}1 + #\\\\ 2 - 7\\end{bmatrix} = \\begin{bmatrix}#\\\\-5\\end{bmatrix}}'],
        'Repare que mesmo se a ReLU zerasse tudo':
            ['\\partial L/\\partial u = 0', '\\partial L/\\partial x = \\delta'],
    },
    '08_weight_decay_adamw.md': {
        '- one scalar weight $w_0 = 1$':
            ['w_0 = 1', 'g = \\nabla_w \\ell(w_0) = #'],
        '- learning rate $\\eta = 0.1$':
            ['\\eta = #', '\\lambda = #'],
        '- Adam: $\\beta_1 = 0.9$':
            ['\\beta_1 = #', '\\beta_2 = #', '\\epsilon \\approx 0', 't = 1', 'm_0 = v_0 = 0'],
        '**(a) Plain SGD.** L2 adds':
            ['\\tfrac{\\lambda}{2}w^2', 'g + \\lambda w'],
        '$$w_1 = w_0 - \\eta\\,(g + \\lambda w_0)':
            ['w_1 = w_0 - \\eta\\,(g + \\lambda w_0) = 1 - #\\,(# + #) = #.'],
        'Decoupled decay shrinks the weight separately':
            ['w_1 = (1 - \\eta\\lambda)\\,w_0 - \\eta g = # - # = #'],
        '**(b) Adam + L2**':
            ['\\tilde g = g + \\lambda w_0 = #'],
        'm_1 &= (1-\\beta_1)\\,\\tilde g = 0.03':
            ['\\begin{aligned} m_1 &= (1-\\beta_1)\\,\\tilde g = #, & \\hat m_1 &= m_1/(1-\\beta_1^1) = #,\\\\ v_1 &= (1-\\beta_2)\\,\\tilde g^2 = #, & \\hat v_1 &= v_1/(1-\\beta_2^1) = #,\\end{aligned}'],
        '\\frac{\\hat m_1}{\\sqrt{\\hat v_1}+\\epsilon} = 1 - 0.1':
            ['w_1 = w_0 - \\eta\\,\\frac{\\hat m_1}{\\sqrt{\\hat v_1}+\\epsilon} = 1 - # \\cdot \\frac{#}{#} = #.'],
        '**(c) AdamW.** The moments only see':
            ['g'],
        '$$w_t = w_{t-1} - \\eta\\,\\Big(\\frac{m_t}':
            ['w_t = w_{t-1} - \\eta\\,\\Big(\\frac{m_t}{\\sqrt{\\hat v_t}+\\epsilon} + \\lambda\\, w_{t-1}\\Big).'],
        'Here $m_1 = 0.1 \\cdot 0.2 = 0.02$':
            ['m_1 = # \\cdot # = #', 'v_1 = # \\cdot # = #', '\\hat v_1 = #', '\\sqrt{\\hat v_1} = #'],
        '$$w_1 = 1 - 0.1\\,\\Big(\\frac{0.02}{0.2}':
            ['w_1 = 1 - #\\,\\Big(\\frac{#}{#} + # \\cdot 1\\Big) = 1 - # \\cdot # = \\boxed{#}.'],
        '**Take-away.** Adam+L2 moved the weight by':
            ['#', '#'],
        'In Adam+L2 the decay term is divided by':
            ['\\sqrt{\\hat v}', '\\eta\\lambda = #'],
    },
    '09_label_smoothing_ce.md': {
        'Пусть $K$ классов':
            ['K', 'z \\in \\mathbb{R}^K', 'p = \\operatorname{softmax}(z)', 'y'],
        '$$q_k = (1-\\varepsilon)\\,[k = y]':
            ['q_k = (1-\\varepsilon)\\,[k = y] + \\frac{\\varepsilon}{K}, \\qquad L = -\\sum_{k} q_k \\log p_k .'],
        'Эквивалентная запись':
            ['L = (1-\\varepsilon)\\,(-\\log p_y) + \\varepsilon \\cdot \\frac1K \\sum_k (-\\log p_k)'],
        'Так как $\\sum_k q_k = 1$':
            ['\\sum_k q_k = 1', '\\partial(-\\log p_k)/\\partial z_j = p_j - [j=k]'],
        '\\frac{\\partial L}{\\partial z_j} = \\sum_k q_k':
            ['\\frac{\\partial L}{\\partial z_j} = \\sum_k q_k\\,(p_j - [j=k]) = p_j - q_j .'],
        '**Пример.** $K = 3$':
            ['K = 3', '\\varepsilon = #', 'y = 1', 'z = (2,\\ 1,\\ 0)'],
        'q &= (0.9 + 0.0333':
            ['q &= (# + #,\\ #,\\ #) = (#,\\ #,\\ #),\\\\'],
        'p &= \\operatorname{softmax}(z) =':
            ['p &= \\operatorname{softmax}(z) = (#,\\ #,\\ #),\\\\'],
        '\\log p &= (-0.4076':
            ['\\log p &= (-#,\\ -#,\\ -#).'],
        'Потеря: $L = 0.9':
            ['L = # \\cdot # + # \\cdot \\frac{# + # + #}{3} = # + # = #', '#'],
        '$$\\nabla_z L = p - q':
            ['\\nabla_z L = p - q = (-#,\\ #,\\ #),'],
        'Главное отличие от обычной CE':
            ['p = q', 'p_y \\to 1', 'z_y - z_k = \\ln\\frac{q_y}{q_k} = \\ln 28 \\approx #', 'k \\ne y'],
    },
    '10_focal_loss_derivative.md': {
        'RetinaNet 논문의 focal loss':
            ['(1-p_t)^\\gamma', 'y=1', 'p_t = p = \\sigma(z)'],
        '$$\\mathrm{FL}(p) = -\\alpha':
            ['\\mathrm{FL}(p) = -\\alpha\\,(1-p)^{\\gamma}\\log p'],
        '논문 기본값 $\\alpha = 0.25$':
            ['\\alpha = #', '\\gamma = 2', 'z = 1'],
        '- $p = σ(1) = 0.7311$':
            ['p = σ(1) = #', '1-p = #', '\\log p = -#'],
        '- $(1-p)^2 = 0.0723$':
            ['(1-p)^2 = #'],
        '\\mathrm{FL} = -0.25 \\times 0.0723':
            ['\\mathrm{FL} = -# \\times # \\times (-#) = #', '-\\log p = #'],
        '샘플의 손실은 CE 대비 약':
            ['55'],
        '\\frac{d}{dp}(1-p)^{\\gamma} = ':
            ['\\frac{d}{dp}(1-p)^{\\gamma} = \\gamma\\,(1-p)^{\\gamma-1}'],
        '\\frac{d\\,\\mathrm{FL}}{dp} = -\\alpha\\Big[':
            ['\\frac{d\\,\\mathrm{FL}}{dp} = -\\alpha\\Big[\\gamma(1-p)^{\\gamma-1}\\log p + \\frac{(1-p)^{\\gamma}}{p}\\Big]'],
        '이고, $dp/dz = p(1-p)$':
            ['dp/dz = p(1-p)'],
        '\\frac{\\partial\\,\\mathrm{FL}}{\\partial z} = -\\alpha':
            ['\\frac{\\partial\\,\\mathrm{FL}}{\\partial z} = -\\alpha\\,(1-p)^{\\gamma}\\,\\big[\\gamma\\,p\\log p + (1-p)\\big].'],
        '- 대괄호 안:':
            ['2 \\times # \\times (-#) + # = -# + # = -#'],
        '\\partial\\mathrm{FL}/\\partial z = -0.25':
            ['\\partial\\mathrm{FL}/\\partial z = -# \\times # \\times (-#) = #'],
        'CE의 기울기는':
            ['p - 1 = -#'],
    },
    '11_huber_smooth_l1.md': {
        'Dato il residuo $r = \\hat y - y$':
            ['r = \\hat y - y', '\\delta > 0'],
        'H_\\delta(r) = \\begin{cases}':
            ['H_\\delta(r) = \\begin{cases} \\tfrac12 r^2 & |r| \\le \\delta \\\\ \\delta\\,\\big(|r| - \\tfrac12\\delta\\big) & |r| > \\delta \\end{cases}'],
        "H_\\delta'(r) = \\begin{cases}":
            ["H_\\delta'(r) = \\begin{cases} r & |r| \\le \\delta \\\\ \\delta\\,\\operatorname{sign}(r) & |r| > \\delta \\end{cases}"],
        "cioè $H'_\\delta(r) = \\operatorname{clip}":
            ["H'_\\delta(r) = \\operatorname{clip}(r, -\\delta, \\delta)", '|r| = \\delta', '\\tfrac12\\delta^2', '\\pm\\delta', 'C^1'],
        'La Smooth-L1 di PyTorch con parametro':
            ['\\beta', 'S_\\beta(r) = \\tfrac{1}{2\\beta}r^2', '|r| < \\beta', '|r| - \\tfrac12\\beta', 'H_\\delta = \\delta\\, S_{\\beta=\\delta}', '\\delta = 1'],
        '**Esempio numerico.**':
            ['\\hat y = (#,\\ #,\\ -1)', 'y = (0,\\ 0,\\ #)', 'r = (#,\\ #,\\ -#)', 'N = 3'],
        'Con $\\delta = 1$:':
            ['\\delta = 1'],
        '- termini: $H_1(2.5)':
            ['H_1(#) = # - # = 2', 'H_1(#) = #', 'H_1(-#) = # - # = 1'],
        '- perdita media:':
            ['(2 + # + 1)/3 = #'],
        '- gradiente rispetto a $\\hat y$':
            ['\\hat y', '\\frac{1}{N}\\operatorname{clip}(r,-1,1) = (#,\\ #,\\ -#)'],
        'Con $\\beta = 2$ (Smooth-L1)':
            ['\\beta = 2'],
        '- $S_2(2.5) = 2.5 - 1':
            ['S_2(#) = # - 1 = #', 'S_2(#) = #/4 = #', 'S_2(-#) = #/4 = #'],
        "- derivate: $S_2'(r) =":
            ["S_2'(r) = (1,\\ #,\\ -#)"],
        '- verifica della relazione':
            ['2\\,S_2(r) = (3,\\ #,\\ #) = H_2(r)', 'H_2(#) = 2\\,(# - 1) = 3'],
        'Osservazione: per $|r|$ grande':
            ['|r|', '\\delta', 'r'],
    },
    '12_silu_gelu_derivatives.md': {
        'against hand values at $x = 1$':
            ['x = 1'],
        '**SiLU / Swish.**':
            ['\\mathrm{silu}(x) = x\\,\\sigma(x)', "\\sigma' = \\sigma(1-\\sigma)"],
        "$$\\mathrm{silu}'(x) = \\sigma(x) + x":
            ["\\mathrm{silu}'(x) = \\sigma(x) + x\\,\\sigma(x)(1-\\sigma(x)) = \\sigma(x)\\big(1 + x(1-\\sigma(x))\\big)"],
        'At $x = 1$: $\\sigma(1) = 0.7311$':
            ['x = 1', '\\sigma(1) = #', '\\mathrm{silu}(1) = #', "\\mathrm{silu}'(1) = # \\times (1 + #) = #"],
        'SiLU is not monotone':
            ["\\mathrm{silu}'(x) = 0", '1 + x(1-\\sigma(x)) = 0', 'x \\approx -#', '\\mathrm{silu}(x) = x + 1 \\approx -#'],
        '$$\\mathrm{gelu}(x) \\approx \\tfrac12 x':
            ['\\mathrm{gelu}(x) \\approx \\tfrac12 x\\,\\big(1 + \\tanh u\\big), \\qquad u = \\sqrt{2/\\pi}\\,\\big(x + #\\,x^3\\big)'],
        'Product rule plus the chain rule through $u$':
            ['u', 'du/dx = \\sqrt{2/\\pi}\\,(1 + 3 \\cdot #\\,x^2)'],
        "$$\\mathrm{gelu}'(x) \\approx \\tfrac12\\big(":
            ["\\mathrm{gelu}'(x) \\approx \\tfrac12\\big(1 + \\tanh u\\big) + \\tfrac12 x\\,\\big(1 - \\tanh^2 u\\big)\\,\\sqrt{2/\\pi}\\,\\big(1 + #\\,x^2\\big)"],
        'Plugging in $x = 1$, with $\\sqrt{2/\\pi} = 0.7979$':
            ['x = 1', '\\sqrt{2/\\pi} = #'],
        '- $u = 0.7979 \\times 1.0447':
            ['u = # \\times # = #'],
        '- $\\tanh u = 0.6770$':
            ['\\tanh u = #', '\\mathrm{gelu}(1) = # \\times # = #'],
        '- $1 - \\tanh^2 u = 0.5416$':
            ['1 - \\tanh^2 u = #', 'du/dx = # \\times # = #'],
        "- $\\mathrm{gelu}'(1) = 0.8385":
            ["\\mathrm{gelu}'(1) = # + # \\times # \\times # = # + # = #"],
        'Compared with the exact (erf) GELU':
            ['\\mathrm{gelu}(1) = \\Phi(1) = #', '#'],
    },
    '13_transposed_conv_size.md': {
        '**Oznaczenia:** $H_{in}$':
            ['H_{in}', 'k', 's', 'p', '= 1'],
        '$$H_{out} = \\left\\lfloor':
            ['H_{out} = \\left\\lfloor \\frac{H_{in} + 2p - k}{s} \\right\\rfloor + 1 .'],
        'Np. dla $H_{in} = 8$':
            ['H_{in} = 8', 'k = 3', 's = 2', 'p = 1', '\\lfloor 7/2 \\rfloor + 1 = 4'],
        'Splot transponowany (`ConvTranspose2d`)':
            ['k', 'i', 'i\\cdot s + j', 'j = 0,\\dots,k-1'],
        'Ostatni piksel, $i = H_{in}-1$':
            ['i = H_{in}-1', '(H_{in}-1)s + k - 1', '(H_{in}-1)s + k - 1'],
        'Padding $p$ w splocie transponowanym':
            ['p', 'p'],
        '$$H_{out} = (H_{in} - 1)\\,s - 2p + k - 1':
            ['H_{out} = (H_{in} - 1)\\,s - 2p + k - 1 \\;+\\; \\text{output\\_padding}.'],
        '**Przykład 1** (odwrócenie':
            ['H_{in} = 4', 'k = 3', 's = 2', 'p = 1'],
        '$H_{out} = 3 \\cdot 2 - 2 + 3 - 1 = 6$':
            ['H_{out} = 3 \\cdot 2 - 2 + 3 - 1 = 6', '8', '= 2'],
        '**Przykład 2** (typowy blok':
            ['k = 4', 's = 2', 'p = 1', 'H_{in} = 16'],
        '$H_{out} = 15 \\cdot 2 - 2 + 4 - 1 = 31$':
            ['H_{out} = 15 \\cdot 2 - 2 + 4 - 1 = 31'],
        '**Przykład 3**':
            ['k = 2', 's = 2', 'p = 0', 'H_{in} = 5', 'H_{out} = 4 \\cdot 2 + 2 - 1 = 9'],
        'Wniosek: przy $s > 1$':
            ['s > 1', 'H_{in}', 'H_{out}'],
    },
    '14_depthwise_separable_params.md': {
        '| $k$ | kernel side |':
            ['k', '3'],
        '| $C_{in}$ | input channels |':
            ['C_{in}', '32'],
        '| $C_{out}$ | output channels |':
            ['C_{out}', '64'],
        '| $H \\times W$ | output spatial size |':
            ['H \\times W', '56 \\times 56'],
        '**Standard convolution.** Every output channel':
            ['k \\times k \\times C_{in}'],
        '$$P_{std} = k^2 C_{in} C_{out}':
            ['P_{std} = k^2 C_{in} C_{out} = 9 \\times 32 \\times 64 = 18432 \\quad (+\\,C_{out} = 64 \\text{ biases} \\Rightarrow 18496).'],
        '**Depthwise-separable** = depthwise':
            ['k\\times k', '= C_{in}', '1\\times1'],
        '$$P_{dw} = k^2 C_{in} = 288':
            ['P_{dw} = k^2 C_{in} = 288, \\qquad P_{pw} = C_{in} C_{out} = 2048, \\qquad P_{sep} = 288 + 2048 = 2336.'],
        'With biases: $288 + 32':
            ['288 + 32 + 2048 + 64 = 2432'],
        '\\frac{P_{sep}}{P_{std}} = \\frac{k^2 C_{in}':
            ['\\frac{P_{sep}}{P_{std}} = \\frac{k^2 C_{in} + C_{in} C_{out}}{k^2 C_{in} C_{out}} = \\frac{1}{C_{out}} + \\frac{1}{k^2} = # + # = #'],
        'i.e. about $7.9\\times$ fewer':
            ['#\\times'],
        '**Multiply-accumulates.** With stride 1':
            ['= P \\times HW', 'HW = 3136'],
        '- standard: $18432 \\times 3136':
            ['18432 \\times 3136 = 57802752 \\approx #\\,\\text{M}'],
        '- separable: $2336 \\times 3136':
            ['2336 \\times 3136 = 7325696 \\approx #\\,\\text{M}'],
        '**Check in PyTorch.**':
            ['(32, 1, 3, 3)', '288', '(64, 32, 1, 1)', '2048'],
    },
    '15_maxpool_backward.md': {
        'Forward: $y_{ij} = \\max_':
            ['y_{ij} = \\max_{(a,b)\\in R_{ij}} x_{ab}', '2\\times2', 'R_{ij}', '\\partial L/\\partial y_{ij}', '0'],
        '\\frac{\\partial L}{\\partial x_{ab}} = \\sum_{(i,j)':
            ['\\frac{\\partial L}{\\partial x_{ab}} = \\sum_{(i,j):\\ (a,b) = \\arg\\max R_{ij}} \\frac{\\partial L}{\\partial y_{ij}}'],
        '$$x = \\begin{pmatrix} 1 & 3 & 2 & 0':
            ['x = \\begin{pmatrix} 1 & 3 & 2 & 0\\\\ 4 & 2 & 1 & 5\\\\ 0 & 1 & 3 & 2\\\\ 2 & 6 & 1 & 1 \\end{pmatrix}, \\qquad \\frac{\\partial L}{\\partial y} = \\begin{pmatrix} # & -1 \\\\ 2 & # \\end{pmatrix}'],
        '- top-left $\\{1, 3, 4, 2\\}$':
            ['\\{1, 3, 4, 2\\}', '4', '(2,1)'],
        '- top-right $\\{2, 0, 1, 5\\}$':
            ['\\{2, 0, 1, 5\\}', '5', '(2,4)'],
        '- bottom-left $\\{0, 1, 2, 6\\}$':
            ['\\{0, 1, 2, 6\\}', '6', '(4,2)'],
        '- bottom-right $\\{3, 2, 1, 1\\}$':
            ['\\{3, 2, 1, 1\\}', '3', '(3,3)'],
        'So $y = \\begin{pmatrix}4 & 5':
            ['y = \\begin{pmatrix}4 & 5\\\\ 6 & 3\\end{pmatrix}'],
        '$$\\frac{\\partial L}{\\partial x} = \\begin{pmatrix} 0 & 0 & 0 & 0':
            ['\\frac{\\partial L}{\\partial x} = \\begin{pmatrix} 0 & 0 & 0 & 0\\\\ # & 0 & 0 & -1\\\\ 0 & 0 & # & 0\\\\ 0 & 2 & 0 & 0 \\end{pmatrix}'],
        'Sanity check: the entries of':
            ['\\partial L/\\partial x', '# - 1 + 2 + # = #', '\\partial L/\\partial y'],
        '**Overlapping windows accumulate.**':
            ['x = (1, 3, 2, 0, 4)', '2, 2, 3, 5', '(#, #, #, #)', '# + # = #'],
        '$$\\partial L/\\partial x = (0,\\ 0.3':
            ['\\partial L/\\partial x = (0,\\ #,\\ #,\\ 0,\\ #).'],
    },
    '16_dropout_softplus.md': {
        'Keep probability $q$ (drop rate':
            ['q', '1-q', 'm_i \\sim \\mathrm{Bernoulli}(q)', 'y = m \\odot x / q', '\\mathbb{E}[y_i] = q \\cdot x_i/q = x_i'],
        'Backward uses the same mask':
            ['\\partial L/\\partial x = m \\odot (\\partial L/\\partial y)/q'],
        'Example, q = 0.8, x = (2':
            ['Example, q = #, x = (2, −1, #, 3), drawn mask m = (1, 0, 1, 1):'],
        '- y = (2, 0, 0.5, 3)/0.8':
            ['y = (2, 0, #, 3)/# = (#, 0, #, #)'],
        '- with upstream ∂L/∂y = (1, 1, 1, 1)':
            ['with upstream ∂L/∂y = (1, 1, 1, 1): ∂L/∂x = (#, 0, #, #)'],
        'Variance for one unit':
            ['\\operatorname{Var}[y_i] = x_i^2\\,(1-q)/q', 'x_i = 2', '4 \\cdot #/# = 1'],
        '$\\operatorname{softplus}(x) = \\log(1 + e^x)$, a smooth ReLU':
            ['\\operatorname{softplus}(x) = \\log(1 + e^x)'],
        '$$\\frac{d}{dx}\\log(1+e^x) = \\frac{e^x}{1+e^x}':
            ['\\frac{d}{dx}\\log(1+e^x) = \\frac{e^x}{1+e^x} = σ(x), \\qquad \\frac{d^2}{dx^2}\\operatorname{softplus}(x) = σ(x)\\,(1-σ(x)).'],
        'Handy identity: softplus(x)':
            ['\\log\\frac{1+e^x}{1+e^{-x}} = \\log e^x'],
        'At $x = 2$:':
            ['x = 2'],
        '- softplus(2) = log(1 + 7.3891)':
            ['softplus(2) = log(1 + #) = log # = #'],
        '- softplus(−2) = log 1.1353':
            ['# - # = 2'],
        '- σ(2) = 0.8808, second derivative':
            ['σ(2) = #, second derivative # × # = #'],
        'For numerical stability implement it as':
            ['\\max(x, 0) + \\log(1 + e^{-|x|})', 'x = 2', '2 + \\log # = #'],
    },
}

# ================================================================ machinery
# --- splitting a line into math spans ------------------------------------
def strip_line(text):
    t = re.sub(r'`[^`]*`', ' ', text)                 # inline code is not math
    t = re.sub(r'^\s*(?:[-*]|\d+\.)\s+', '', t)         # list bullets
    return t

def math_spans(text, in_disp):
    t = strip_line(text)
    if in_disp:
        return [t]
    spans = re.findall(r'\$\$(.+?)\$\$', t)
    t2 = re.sub(r'\$\$(.+?)\$\$', ' ', t)
    spans += re.findall(r'\$(.+?)\$', t2)
    if not spans and '$' not in t and re.search(r'[=≈]', t) and re.search(r'\d', t):
        spans = [t]                                   # plain-text / Unicode math line
    return spans

_REL = [r'\approx', r'\Rightarrow', r'\rightarrow', r'\mapsto', r'\leftarrow', r'\qquad',
        r'\quad', r'\le', r'\ge', r'\ne', r'\to', r'\in', '≈', '=', '<', '>', ':', '⇒', '→', ',']

def skeleton(span):
    """a math span with its decimal numbers replaced by '#'"""
    return re.sub(r'\d+\.\d+', '#', span.strip())

def split_rel(span):
    """top-level split at relations; returns [(segment, relation_before)]"""
    s = span.replace('&', ' ').replace('\\\\', ' ')
    for sp in (r'\,', r'\;', r'\!', r'\:'):
        s = s.replace(sp, ' ')
    out, depth, cur, rel, i = [], 0, '', None, 0
    while i < len(s):
        ch = s[i]
        if ch in '{([':
            depth += 1
        elif ch in '})]':
            depth -= 1
        if depth == 0:
            hit = None
            for r in _REL:
                if s.startswith(r, i):
                    if r.startswith('\\') and i + len(r) < len(s) and s[i + len(r)].isalpha():
                        continue
                    hit = r; break
            if hit:
                out.append((cur, rel)); cur, rel = '', hit; i += len(hit); continue
        cur += ch; i += 1
    out.append((cur, rel))
    return out

# --- converting a segment to a numeric python expression ----------------
def _brace(s, i):
    """s[i] == '{'; return (content, index after closing brace)"""
    d = 0
    for j in range(i, len(s)):
        if s[j] == '{': d += 1
        elif s[j] == '}':
            d -= 1
            if d == 0:
                return s[i + 1:j], j + 1
    raise ValueError('unbalanced')

def _macros(s):
    out, i = '', 0
    while i < len(s):
        m = re.match(r'\\[td]?frac(\d)(\d)', s[i:])
        if m:
            out += '((' + m.group(1) + ')/(' + m.group(2) + '))'; i += m.end(); continue
        m = re.match(r'\\[td]?frac\s*', s[i:])
        if m:
            j = i + m.end()
            a, j = _brace(s, j); b, j = _brace(s, j)
            out += '((' + _macros(a) + ')/(' + _macros(b) + '))'; i = j; continue
        m = re.match(r'\\sqrt\s*', s[i:])
        if m and i + m.end() < len(s) and s[i + m.end()] == '{':
            a, j = _brace(s, i + m.end())
            out += 'sqrt((' + _macros(a) + '))'; i = j; continue
        out += s[i]; i += 1
    return out

def to_py(seg):
    s = seg.strip()
    for junk in [r'\left', r'\right', r'\bigl', r'\bigr', r'\Bigl', r'\Bigr', r'\big', r'\Big',
                 r'\displaystyle', r'\textstyle', r'\,', r'\;', r'\!', '\\ ', '~']:
        s = s.replace(junk, ' ')
    s = s.strip().rstrip('.,;').strip()
    s = s.replace(r'\cdot', '*').replace(r'\times', '*').replace('·', '*').replace('×', '*')
    s = s.replace('−', '-').replace(r'\lfloor', ' floor(').replace(r'\rfloor', ')')
    try:
        s = _macros(s)
    except ValueError:
        return None
    s = re.sub(r'\\(ln|log)\b|\bln\b', 'log', s)
    s = s.replace(r'\exp', 'exp').replace(r'\tanh', 'tanh').replace(r'\sigma', 'sig').replace('σ', 'sig')
    s = re.sub(r'\b(log|exp|tanh|sig|sqrt)\s+(-?\d+(?:\.\d+)?)', r'\1(\2)', s)
    s = re.sub(r'\^\{([^{}]*)\}', r'**(\1)', s)
    s = re.sub(r'\^(\d)', r'**\1', s)
    s = s.replace('{', '(').replace('}', ')')
    s = re.sub(r'(\d|\))\s*\(', r'\1*(', s)
    s = re.sub(r'\)\s*(\d)', r')*\1', s)
    s = re.sub(r'(\d)\s*(sqrt|log|exp|tanh|sig)\(', r'\1*\2(', s)
    # parenthesised comma lists are vectors
    res, stack = list(s), []
    for i, ch in enumerate(s):
        if ch == '(':
            stack.append([i, False])
        elif ch == ',' and stack:
            stack[-1][1] = True
        elif ch == ')' and stack:
            j, comma = stack.pop()
            if comma:
                res[j] = 'V('
    s = ''.join(res)
    bare = re.sub(r'\b(sqrt|log|exp|tanh|sig|floor|V)\(', '(', s)
    if not re.search(r'\d', bare) or re.search(r'[^0-9.+\-*/(), ]', bare):
        return None
    if re.search(r'\(\s*\)', bare):
        return None
    return s

_NS = {'sqrt': np.sqrt, 'log': np.log, 'exp': np.exp, 'tanh': np.tanh, 'sig': sig,
       'floor': np.floor, 'V': lambda *a: np.array(a, dtype=float), '__builtins__': {}}

def _ev(expr):
    try:
        with np.errstate(all='ignore'):
            v = eval(expr, dict(_NS))
        v = np.asarray(v, dtype=float)
        return v if np.all(np.isfinite(v)) else None
    except Exception:
        return None

_NUM = r'(?<![\w.])\d+\.\d+'

def ev_err(expr, loose_int=False):
    """value and an error bound that allows every decimal literal in the
    expression to be a rounded carried value (+- half a unit in its last digit)"""
    v = _ev(expr)
    if v is None:
        return None, None
    errs = np.zeros_like(v)
    for m in re.finditer(_NUM, expr):
        d = len(m.group().split('.')[1]); h = 0.5 * 10.0 ** (-d)
        w1 = _ev(expr[:m.start()] + repr(float(m.group()) + h) + expr[m.end():])
        w2 = _ev(expr[:m.start()] + repr(float(m.group()) - h) + expr[m.end():])
        if w1 is None or w2 is None or w1.shape != v.shape or w2.shape != v.shape:
            return None, None
        errs = errs + np.maximum(np.abs(w1 - v), np.abs(w2 - v))
    if loose_int and re.fullmatch(r'\s*\d+\s*', expr):
        errs = errs + 0.5
    return v, errs

def chains_ok(span):
    segs = split_rel(span)
    vals = []
    for seg, rel in segs:
        py = to_py(seg)
        v, e = ev_err(py, loose_int=(rel in ('≈', r'\approx'))) if py else (None, None)
        vals.append((v, e, rel, seg))
    ok, n = True, 0
    for (v1, e1, _, s1), (v2, e2, rel, s2) in zip(vals, vals[1:]):
        if rel not in ('=', '≈', r'\approx') or v1 is None or v2 is None or v1.shape != v2.shape:
            continue
        n += 1
        tol = e1 + e2 + 1e-9 * np.maximum(1, np.abs(v1))
        if np.any(np.abs(v1 - v2) > tol):
            ok = False
            if VERBOSE:
                print(f'         chain fails: {s1.strip()!r} = {v1} vs {s2.strip()!r} = {v2}')
    return ok, n

# --- every number on a checked line must be accounted for ---------------
def account(text, lits, ctx):
    toks = [k.lstrip('-') for k in signed_tokens(text)]
    known = set(l.lstrip('+-') for l in lits) | set(ctx.split())
    bad = [k for k in toks if ('.' in k or len(k) > 1) and k not in known]
    return [f'unaccounted number {k!r}' for k in dict.fromkeys(bad)]

def signed_tokens(text):
    """numbers on the line in order, with a minus sign glued to them when it is
    a sign (not the minus of an index such as t-1)"""
    t = re.sub(r'<!--.*?-->', ' ', text).replace('−', '-').replace('\\\\', ' ; ')
    out = []
    for m in re.finditer(r'(?<![\w.\\])\d+(?:\.\d+)?', t):
        i = m.start(); tok = m.group()
        if i >= 1 and t[i - 1] == '-' and (i < 2 or not re.match(r'[\w})\]]', t[i - 2])):
            tok = '-' + tok
        out.append(tok)
    return out

def contiguous(seq, toks):
    n = len(seq)
    return any(toks[i:i + n] == seq for i in range(len(toks) - n + 1))

# --- driver ----------------------------------------------------------------
def _structural(s):
    return re.fullmatch(r'(?:\\[A-Za-z]+(?:\{[A-Za-z*]*\})?|[\s&{}]|\\\\)*', s) is not None

def scan(lines):
    """set of math lines, and for each line whether it is inside a display block"""
    out, disp, in_disp = set(), {}, False
    for i, ln in enumerate(lines, 1):
        s = ln.strip()
        disp[i] = False
        if i == 1 and s.startswith('<!--'):
            continue
        if s == '$$':
            in_disp = not in_disp
            continue
        disp[i] = in_disp
        if in_disp:
            if s and not _structural(s):
                out.add(i)
        elif '$' in s or (re.search(r'[=≈]', s) and re.search(r'\d', s)):
            out.add(i)
    return out, disp

def check_file(name, builder):
    text = open(os.path.join(HERE, name), encoding='utf-8').read()
    lines = text.split('\n')
    if lines and lines[-1] == '':
        lines = lines[:-1]
    mlines, disp = scan(lines)
    problems, covered, first_false, prev = [], set(), None, 0
    for entry in builder():
        sub, pred = entry[0], entry[1]
        ctx = entry[2] if len(entry) > 2 else ''
        subs = sub if isinstance(sub, tuple) else (sub,)
        hits = [i for i, ln in enumerate(lines, 1) if all(x in ln for x in subs)]
        if len(hits) != 1:
            problems.append(f'substring matches {len(hits)} lines: {sub!r}')
            continue
        ln = hits[0]; line = lines[ln - 1]
        if ln <= prev:
            problems.append(f'check out of order at line {ln}: {sub!r}')
        prev = ln
        covered.add(ln)
        _LITS.clear(); _SEQS.clear()
        try:
            ok = bool(pred())
        except Exception as e:                      # a crashing predicate is a false line
            ok = False
            problems.append(f'predicate error line {ln}: {e!r}')
        toks = signed_tokens(line)
        missing_lits = [l for l in _LITS if l not in toks]        # sign-aware
        for sq in _SEQS:
            if not contiguous(sq, toks):
                problems.append(f'line {ln}: printed sequence {sq} not found in this order on the line')
        if missing_lits:
            problems.append(f'line {ln}: checked value(s) {missing_lits} not printed on the line')
        spans_here = [skeleton(x) for x in math_spans(line, disp.get(ln, False))]
        for f in globals().get('FORMULAS', {}).get(name, {}).get(sub, []):
            if f not in spans_here:
                problems.append(f'line {ln}: transcribed formula {f!r} not on the line as written')
        cok, ncmp = True, 0
        for sp in math_spans(line, disp.get(ln, False)):
            c, n = chains_ok(sp); cok &= c; ncmp += n
        if ok and cok:
            problems += [f'line {ln}: {p}' for p in account(line, list(_LITS), ctx)]
        res = ok and cok
        if VERBOSE:
            tag = 'T' if res else ('F' if not ok else 'F(chain)')
            print(f'    L{ln:2d} {tag:8s} [{ncmp} cmp] {line[:80]}')
        if not res and first_false is None:
            first_false = ln
    missing = sorted(mlines - covered)
    if missing:
        problems.append(f'math lines without a check: {missing}')
    return first_false, problems, len(lines)

def main():
    expected = json.load(open(os.path.join(HERE, 'expected.json'), encoding='utf-8'))
    on_disk = sorted(f for f in os.listdir(HERE) if f.endswith('.md'))
    all_ok = set(expected) == set(FILES) == set(on_disk)
    if not all_ok:
        print('file set mismatch:', sorted(set(expected) ^ set(FILES)), sorted(set(on_disk) ^ set(FILES)))
    n_correct = 0
    for name in FILES:
        if VERBOSE:
            print(name)
        ff, probs, n = check_file(name, FILES[name])
        exp = expected.get(name, 'missing')
        ok = (ff == exp) and not probs and 15 <= n <= 40
        n_correct += exp is None
        all_ok &= ok
        print(f'{name:36s} lines={n:2d} first_false={ff!s:4s} expected={exp!s:4s} {"OK" if ok else "MISMATCH"}')
        for p in probs:
            print('    !', p)
    if n_correct != 8 or len(expected) != 16:
        all_ok = False
        print(f'expected.json must list 16 files, 8 of them null (has {len(expected)}, {n_correct} null)')
    print('ALL OK' if all_ok else 'NOT OK')
    return 0 if all_ok else 1

if __name__ == '__main__':
    sys.exit(main())
