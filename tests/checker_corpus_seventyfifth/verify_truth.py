#!/usr/bin/env python3
"""Independent NumPy check of corpus75 (transformers and large models at scale).

For every file there is an ordered list of checks: (unique substring of one
line, predicate, declared tokens).  Every line that contains mathematics
(inline/display LaTeX, lines inside display-math environments, inline code,
table rows with numbers, code lines with a relation sign and a digit, Unicode
math symbols) must be covered by a check.

* Givens / definitions are GIVEN (and declare their numbers with '*').
* Symbolic derivative claims are tested with central finite differences at
  random points.
* Worked numbers are recomputed and must agree to their printed precision,
  either with the exact value or with the value recomputed from the rounded
  numbers the author carried forward.
* Sizes, byte counts and parameter counts are recomputed by building arrays
  (np.empty / np.zeros of the stated shapes) and counting elements / bytes.
* Every number printed on a checked line must either be a checked value or a
  declared token (labels such as equation tags, list numbers, model names).

The first line whose predicate is False must equal expected.json.
"""
import json, math, os, re, sys
from collections import Counter
import numpy as np

VERBOSE = '-v' in sys.argv
D = os.path.dirname(os.path.abspath(__file__))
RNG = np.random.default_rng(75)

# ------------------------------------------------------------------ helpers
def GIVEN():
    return True

_LITS = []

def _num(s):
    s = s.strip().replace('−', '-').replace(',', '.')
    m = re.fullmatch(r'[+-]?(\d+)(?:\.(\d+))?', s)
    assert m, f'bad number {s!r}'
    d = len(m.group(2) or '')
    return float(s), 0.5 * 10.0 ** (-d) * (1 + 1e-9) + 1e-15

def _tok(s):
    return s.strip().replace('−', '-').replace(',', '.').lstrip('+')

def C(shown, *cands):
    """shown agrees, to its printed precision, with at least one candidate."""
    _LITS.append(_tok(shown))
    v, t = _num(shown)
    return any(abs(v - float(c)) <= t for c in cands)

def E(shown, val):
    """shown is exactly val."""
    _LITS.append(_tok(shown))
    v, _ = _num(shown)
    return abs(v - float(val)) <= 1e-9 * max(1.0, abs(float(val)))

def SCI(mant, exp, *cands):
    """mant x 10^exp, correct to the printed digits of the mantissa."""
    _LITS.extend([_tok(mant), '10', _tok(exp)])
    v, t = _num(mant)
    e = int(_tok(exp))
    return any(abs(v - float(c) / 10.0 ** e) <= t for c in cands)

def REL(shown, val, rel):
    """a rounded figure such as '~10%' or '≈ 30x' within a relative tolerance."""
    _LITS.append(_tok(shown))
    v, _ = _num(shown)
    return abs(v - val) <= rel * abs(val)

def CV(shown, *cands):
    arrs = [np.ravel(np.asarray(a, float)) for a in cands]
    if any(a.size != len(shown) for a in arrs):
        return False
    return all([C(s, *[a[i] for a in arrs]) for i, s in enumerate(shown)])

def EV(shown, arr):
    arr = np.ravel(np.asarray(arr, float))
    return arr.size == len(shown) and all([E(s, arr[i]) for i, s in enumerate(shown)])

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
    return a.shape == b.shape and np.allclose(a, b, atol=tol, rtol=1e-7)

def rand(*shape, lo=-2, hi=2):
    return RNG.uniform(lo, hi, size=shape)

def softmax(z, axis=-1):
    z = np.asarray(z, float); e = np.exp(z - z.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)

def nbytes(shape, dtype):
    """bytes of a tensor of this shape, by building it"""
    return np.empty(shape, dtype=dtype).nbytes

def numel(*shapes):
    return sum(np.zeros(s, dtype=np.int8).size for s in shapes)

KiB, MiB, GiB = 2 ** 10, 2 ** 20, 2 ** 30

FILES = {}
def register(name, comma=False):
    def deco(fn):
        FILES[name] = (fn, comma)
        return fn
    return deco

def CR(shown, *cands):
    """a rounded figure: trailing zeros of an integer are not significant (40,700 = 3 s.f.)."""
    _LITS.append(_tok(shown))
    s = _tok(shown)
    if re.fullmatch(r'-?\d+', s) and s.rstrip('0') != s and len(s.lstrip('-')) > 1:
        z = len(s) - len(s.rstrip('0'))
        t = 0.5 * 10 ** z * (1 + 1e-9)
    else:
        t = _num(s)[1]
    v = float(s)
    return any(abs(v - float(c)) <= t for c in cands)

# ======================================================================= 01
@register('01_rope_relative_zhihu.md')
def f01():
    R = lambda a: np.array([[np.cos(a), -np.sin(a)], [np.sin(a), np.cos(a)]])
    def RT(d, m, base=10000.0):                    # block-diagonal R_{Theta,m}, pairs (2i, 2i+1)
        th = base ** (-2 * np.arange(d // 2) / d)
        M = np.zeros((d, d))
        for i, t in enumerate(th):
            M[2 * i:2 * i + 2, 2 * i:2 * i + 2] = R(m * t)
        return M
    def rope_code(x, m, base=10000.0):             # literal transliteration of the snippet
        d = x.shape[-1]
        theta = base ** (-np.arange(0, d, 2).astype(float) / d)
        cos, sin = np.cos(m * theta), np.sin(m * theta)
        x0, x1 = x[..., 0::2], x[..., 1::2]
        out = np.empty_like(x)
        out[..., 0::2] = x0 * cos - x1 * sin
        out[..., 1::2] = x0 * sin + x1 * cos
        return out
    def props():
        ok = True
        for _ in range(5):
            a, b = rand(2, lo=-7, hi=7)
            ok &= near(R(a).T, R(-a)) and near(R(a) @ R(b), R(a + b))
        return ok
    def eq1():
        ok = True
        for _ in range(5):
            q, k = rand(2), rand(2); th = rand(lo=0.01, hi=2); m, n = RNG.integers(0, 50, 2)
            lhs = (R(m * th) @ q) @ (R(n * th) @ k)
            ok &= abs(lhs - q @ R(m * th).T @ R(n * th) @ k) < 1e-9 and abs(lhs - q @ R((n - m) * th) @ k) < 1e-9
        return ok
    def shift_inv():
        ok = True
        for _ in range(5):
            q, k = rand(2), rand(2); th = rand(lo=0.01, hi=2); m, n, t = RNG.integers(0, 50, 3)
            ok &= abs((R(m * th) @ q) @ (R(n * th) @ k) - (R((m + t) * th) @ q) @ (R((n + t) * th) @ k)) < 1e-9
        return ok
    def cplx():
        ok = True
        for _ in range(5):
            q, k = rand(2), rand(2); th = rand(lo=0.01, hi=2); m, n = RNG.integers(0, 50, 2)
            qc, kc = complex(*q), complex(*k)
            rot = qc * np.exp(1j * m * th); ok &= near([rot.real, rot.imag], R(m * th) @ q)
            inner = (R(m * th) @ q) @ (R(n * th) @ k)
            ok &= abs(inner - (rot * np.conj(kc * np.exp(1j * n * th))).real) < 1e-9
            ok &= abs(inner - (qc * np.conj(kc) * np.exp(1j * (m - n) * th)).real) < 1e-9
        return ok
    def dim_d():
        ok = True
        for d in (4, 8, 16):
            q, k = rand(d), rand(d); m, n = RNG.integers(0, 200, 2)
            Rm = RT(d, m); ok &= near(Rm.T @ Rm, np.eye(d))
            ok &= abs((Rm @ q) @ (RT(d, n) @ k) - q @ RT(d, n - m) @ k) < 1e-9
            ok &= abs(np.linalg.norm(Rm @ q) - np.linalg.norm(q)) < 1e-12
        return ok
    th8 = 10000.0 ** (-2 * np.arange(4) / 8)
    def code_ok():
        ok = True
        for d in (2, 8, 64):
            x = rand(3, d); m = int(RNG.integers(0, 500))
            ok &= near(rope_code(x, m), x @ RT(d, m).T)
        return ok
    CODE = code_ok()
    q = np.array([1.0, 0.0]); k = np.array([1.0, 1.0])
    a3, b1 = R(3) @ q, R(1) @ k
    a2 = R(2) @ q
    return [
        ('最简单的情形是 $d=2$', lambda: E('2', q.size)),
        ('$$R(\\alpha)=\\begin{pmatrix}', GIVEN),
        ('旋转矩阵有两个众所周知的性质', props),
        ('\\langle f(q,m),\\,f(k,n)\\rangle', eq1, '1'),
        ('式 (1) 右边只和相对位置', shift_inv, '1'),
        ('用复数写更简洁', cplx),
        ('## 2. 推广到 $d$ 维', GIVEN),
        ('维向量（$d$ 为偶数）', GIVEN, '*'),
        ('$$\\theta_i = 10000^{-2i/d}', GIVEN, '*'),
        ('分块对角矩阵的每一块都满足式 (1)', dim_d, '1'),
        ('举个例子，$d=8$', lambda: ALL(E('8', 8), E('2', 2), E('4', 8 / 2), near(th8, 10000.0 ** (-np.arange(4) / 4)),
            E('10000', 10000), E('4', 4), E('10', 10), near(th8, 10.0 ** -np.arange(4)),
            EV(['1', '0.1', '0.01', '0.001'], th8), E('0', 0), E('2', 2), C('6.28', 2 * np.pi / th8[0]),
            E('2', 2), C('6283', 2 * np.pi / th8[3]))),
        ('def rope(x, m, base=10000.0)', lambda: CODE and E('10000.0', 10000)),
        ('d = x.shape[-1]', lambda: CODE and E('-1', -1)),
        ('theta = base ** (-torch.arange(0, d, 2)', lambda: CODE and E('0', 0) and E('2', 2) and near(th8, 10000.0 ** (-np.arange(0, 8, 2) / 8)), '2'),
        ('x0, x1 = x[..., 0::2], x[..., 1::2]', lambda: CODE, '0 2 1 2'),
        ('out[..., 0::2] = x0 * cos - x1 * sin', lambda: CODE, '0 2'),
        ('out[..., 1::2] = x0 * sin + x1 * cos', lambda: CODE, '1 2'),
        ('取 $d=2$、$\\theta=1$', lambda: ALL(E('2', 2), E('1', 1), EV(['1', '0'], q), EV(['1', '1'], k), E('3', 3), E('1', 1))),
        ('- $R(3)q=(\\cos 3,\\ \\sin 3)', lambda: near(a3, [np.cos(3), np.sin(3)]) and CV(['-0.9900', '0.1411'], a3), '3 3 3'),
        ('- $R(1)k=(\\cos 1-\\sin 1', lambda: near(b1, [np.cos(1) - np.sin(1), np.sin(1) + np.cos(1)])
            and CV(['0.5403', '0.8415', '0.8415', '0.5403'], [np.cos(1), np.sin(1), np.sin(1), np.cos(1)])
            and CV(['-0.3012', '1.3818'], b1), '1 1 1 1 1'),
        ('- 内积 $\\approx(-0.9900)', lambda: ALL(C('-0.9900', a3[0]), C('-0.3012', b1[0]), C('0.1411', a3[1]), C('1.3818', b1[1]),
            C('0.2982', a3[0] * b1[0], -0.99 * -0.3012), C('0.1950', a3[1] * b1[1], 0.1411 * 1.3818), C('0.4932', a3 @ b1, 0.2982 + 0.1950))),
        ('再取 $m=2,\\ n=0$', lambda: E('2', 2) and E('0', 0) and E('-2', 0 - 2) and (3 - 1) == (2 - 0) * 1 and 1 - 3 == -2),
        ('- $R(2)q\\approx(-0.4161', lambda: CV(['-0.4161', '0.9093'], a2) and near(R(0) @ k, k) and EV(['1', '1'], k), '2 0'),
        ('- 内积 $\\approx -0.4161+0.9093', lambda: C('-0.4161', a2[0]) and C('0.9093', a2[1]) and C('0.4932', a2 @ k, -0.4161 + 0.9093)),
        ('两次结果一样', lambda: abs(a3 @ b1 - a2 @ k) < 1e-12 and abs(q @ R(-2) @ k - (np.cos(2) + np.sin(2))) < 1e-12
            and C('0.4932', q @ R(-2) @ k), '1 -2 2 2'),
        ('RoPE 只作用在 $q$、$k$ 上', lambda: shift_inv() and dim_d()),
    ]

# ======================================================================= 02
@register('02_kv_cache_hf_blog.md')
def f02():
    f16 = np.float16
    def cache_bytes(n_layers, n_kv, d_head, s, b, dtype=f16):
        # build the cache as it is stored: per layer one K and one V tensor of shape (b, n_kv, s, d_head)
        return sum(nbytes((b, n_kv, s, d_head), dtype) for _ in range(n_layers) for _kv in ('K', 'V'))
    def helper(L, H, n_kv, hidden, seq_len, batch_size=1, bytes_per_elem=2):   # the snippet, transliterated
        head_dim = hidden // H
        return 2 * L * n_kv * head_dim * seq_len * batch_size * bytes_per_elem
    def formula_ok():
        ok = True
        for _ in range(4):
            L, kv, dh, s, b = (int(v) for v in RNG.integers(1, 9, 5))
            ok &= cache_bytes(L, kv, dh, s, b) == 2 * L * kv * dh * s * b * 2
            ok &= cache_bytes(L, kv, dh, s, b, np.int8) == 2 * L * kv * dh * s * b * 1
            ok &= helper(L, kv * 2, kv, kv * 2 * dh, s, b) == cache_bytes(L, kv, dh, s, b)
        return ok
    FORM = formula_ok()
    def llama_params(V, d, L, ff, n_kv_dim):
        shapes = [(V, d), (V, d), (d,)]                                   # embed, untied lm_head, final norm
        for _ in range(L):
            shapes += [(d, d), (n_kv_dim, d), (n_kv_dim, d), (d, d), (ff, d), (ff, d), (d, ff), (d,), (d,)]
        return numel(*shapes)
    N7 = llama_params(32000, 4096, 32, 11008, 4096)
    tok = cache_bytes(32, 32, 128, 1, 1)              # true bytes per token (524,288)
    seq4k = cache_bytes(32, 32, 128, 4096, 1)
    w_bytes = N7 * 2
    card = 24e9 / GiB
    mis_tok = cache_bytes(32, 8, 128, 1, 1)
    return [
        ('When you call `model.generate()`', GIVEN),
        ('At every layer, each key/value head', GIVEN),
        ('$$\\text{KV bytes} = 2 \\times n_\\text{layers}', lambda: FORM and E('2', 2)),
        ('where the leading 2 accounts for keys', lambda: FORM and E('2', 2) and E('2', nbytes((1,), f16)) and nbytes((1,), np.dtype('bfloat16') if hasattr(np, 'bfloat16') else f16) == 2),
        ('def kv_cache_bytes(cfg, seq_len, batch_size=1', lambda: FORM and E('1', 1) and E('2', nbytes((1,), f16))),
        ('    return 2 * cfg.num_hidden_layers', lambda: FORM and E('2', 2)),
        ('cfg = AutoConfig.from_pretrained', GIVEN, '*'),
        ('The config gives `num_hidden_layers=32`', lambda: ALL(E('32', 32), E('32', 32), E('32', 32), E('4096', 4096),
            E('4096', 4096), E('32', 32), E('128', 4096 // 32)), '7'),
        ('Per token, summed over all 32 layers', lambda: ALL(E('32', 32), E('32', 32), E('32', 32), E('128', 128), E('2', 2),
            E('262144', tok), E('256', tok / KiB))),
        ('- a 4,096-token context:', lambda: ALL(E('4096', 4096), E('262144', tok), E('4096', 4096),
            E('1073741824', seq4k), E('1', seq4k / GiB))),
        ('- a batch of 8 such sequences', lambda: ALL(E('8', 8), E('8', 8), E('1', seq4k / GiB), E('8', 8 * seq4k / GiB))),
        ('- the weights themselves in fp16', lambda: ALL(SCI('6.74', '9', N7), E('2', nbytes((1,), f16)),
            C('13.5', w_bytes / 1e9), C('12.55', w_bytes / GiB))),
        ('A 24 GB card is', lambda: ALL(E('24', 24), E('10', 10), E('9', 9), E('2', 2), E('30', 30), C('22.35', card),
            E('1', 1), C('22.35', card), C('12.55', w_bytes / GiB), E('1', 1), C('8.8', 22.35 - 12.55 - 1),
            8 * seq4k / GiB <= 22.35 - 12.55 - 1), '8 4'),
        ('Every generated token appends another 256 KiB', lambda: E('256', tok / KiB)),
        ('Mistral-7B also has 32 layers', lambda: ALL(E('32', 32), E('128', 128), E('8', 8), E('32', 32), E('8', 8),
            E('4', tok / mis_tok), E('32', 32), E('8', 8), E('128', 128), E('2', 2), E('65536', mis_tok), E('64', mis_tok / KiB),
            E('65536', mis_tok), E('4096', 4096), E('268435456', mis_tok * 4096), E('256', mis_tok * 4096 / MiB)), '7 4'),
        ('If you quantize the cache to 8 bits', lambda: ALL(E('8', 8), E('1', nbytes((1,), np.int8)),
            E('0.5', cache_bytes(32, 32, 128, 4096, 1, np.int8) / GiB), E('4', 4096 // 1024), E('2', 2), E('7', 7),
            E('4', cache_bytes(32, 32, 128, 4096, 8, np.int8) / GiB), E('8', 8))),
        ('kv_cache_bytes(cfg, seq_len=4096, batch_size=8, bytes_per_elem=1) / 2**30',
            lambda: helper(32, 32, 32, 4096, 4096, 8, 1) == cache_bytes(32, 32, 128, 4096, 8, np.int8), '4096 8 1 2 30'),
        ('TL;DR: multiply layers', lambda: 32 * 32 * 128 * 2 == tok),
    ]

# ======================================================================= 03
@register('03_training_compute_model_card.md')
def f03():
    N, Dt = 6.9e9, 1.4e12
    Cx = 6 * N * Dt
    def mm_flops(a, b):                     # (m x k)(k x n)
        assert a[1] == b[0]
        return 2 * a[0] * a[1] * b[1]
    def linear_rule():
        ok = True
        for _ in range(3):
            din, dout, T = (int(v) for v in RNG.integers(2, 7, 3))
            W, X, G = rand(dout, din), rand(din, T), rand(dout, T)
            Lf = lambda W_, X_: np.sum(G * (W_ @ X_))
            ok &= near(grad(lambda u: Lf(W, u), X), W.T @ G) and near(grad(lambda u: Lf(u, X), W), G @ X.T)
            P = W.size
            fwd = mm_flops((dout, din), (din, T)); bwd = mm_flops((din, dout), (dout, T)) + mm_flops((dout, T), (T, din))
            ok &= fwd == 2 * P * T and bwd == 4 * P * T and fwd + bwd == 6 * P * T
        return ok
    def attn_extra(L, n, d):
        mask = np.tril(np.ones((n, n), dtype=bool))
        pairs = int(mask.sum())
        fwd = 2 * (2 * pairs * d)           # QK^T and PV, only unmasked pairs, summed over heads (H*dh = d)
        return L * 3 * fwd / n              # training = fwd + 2x bwd, per token
    A = attn_extra(32, 4096, 4096)
    eff = 0.4 * 989e12
    gs = Cx / eff; gh = gs / 3600
    Nopt = math.sqrt(5.8e22 / 120)
    def chin():
        ok = True
        for _ in range(3):
            n = rand(lo=1e8, hi=1e11); ok &= abs(6 * n * (20 * n) - 120 * n ** 2) < 1e-6 * 120 * n ** 2
            ok &= abs(math.sqrt(120 * n ** 2 / 120) - n) < 1e-6 * n
        return ok
    return [
        ('| Parameters ($N$)', GIVEN, '*'),
        ('| Training tokens ($D$)', GIVEN, '*'),
        ('| Hardware | 512', GIVEN, '*'),
        ('| Precision | bf16', GIVEN, '*'),
        ('| Achieved MFU', GIVEN, '*'),
        ('**Estimated training compute.**', lambda: linear_rule() and E('2', 2) and E('4', 4) and E('6', 6)),
        ('$$C \\approx 6 \\times 6.9\\times10^{9}', lambda: ALL(E('6', 6), SCI('6.9', '9', N), SCI('1.4', '12', Dt),
            SCI('5.796', '22', Cx), SCI('5.8', '22', Cx))),
        ('The $6ND$ rule ignores', lambda: ALL(abs(A / (6 * 32 * 4096 * 4096) - 1) < 1e-3, E('6', 6), E('6', 6), E('32', 32), E('4096', 4096), E('4096', 4096),
            E('6', 6), E('32', 32), E('4096', 4096), E('4096', 4096), SCI('3.22', '9', 6 * 32 * 4096 * 4096, A),
            E('6', 6), SCI('4.14', '10', 6 * N), REL('8', 100 * A / (6 * N), 0.07))),
        ('**GPU-hours.** At 40% MFU', lambda: ALL(E('40', 40), E('0.4', 0.4), E('989', 989), C('395.6', eff / 1e12))),
        ('$$\\frac{5.796\\times10^{22}}{3.956', lambda: ALL(SCI('5.796', '22', Cx), SCI('3.956', '14', eff), SCI('1.465', '8', gs),
            CR('40700', gh))),
        ('which on 512 GPUs is', lambda: ALL(E('512', 512), CR('40700', gh), E('512', 512), C('79.5', gh / 512, 40700 / 512),
            C('3.3', gh / 512 / 24))),
        ('**Energy and emissions.**', lambda: ALL(E('700', 700), CR('40700', gh), E('0.7', 700 / 1000), CR('28490', gh * 0.7, 40700 * 0.7),
            C('28.5', gh * 0.7 / 1000), E('0.4', 0.4), CR('28490', gh * 0.7), E('0.4', 0.4), CR('11400', gh * 0.7 * 0.4, 28490 * 0.4),
            C('11.4', gh * 0.7 * 0.4 / 1000))),
        ('$$D/N = 1.4\\times10^{12}', lambda: ALL(SCI('1.4', '12', Dt), SCI('6.9', '9', N), C('203', Dt / N))),
        ('about ten times the', lambda: ALL(abs(Dt / N / 20 - 10) < 0.5, E('20', 20), E('2022', 2022), E('20', 20), chin(),
            E('6', 6), E('20', 20), E('120', 120), E('2', 2))),
        ('$$N_\\text{opt} = \\sqrt{C/120}', lambda: ALL(chin(), E('120', 120), SCI('5.8', '22', Cx), E('120', 120),
            SCI('4.83', '20', 5.8e22 / 120), SCI('2.2', '10', Nopt), E('20', 20), SCI('4.4', '11', 20 * Nopt))),
        ('i.e. roughly a 22B-parameter model', lambda: ALL(E('22', round(Nopt / 1e9)), E('440', round(20 * Nopt / 1e9, -1)),
            C('22', 22), C('6.9', N / 1e9), C('3.2', 22 / 6.9, (2 * Nopt) / (2 * N)))),
        ('Generating one token costs about', lambda: ALL(E('2', 2), SCI('1.38', '10', 2 * N), C('13.8', 2 * N / 1e9))),
    ]

# ======================================================================= 04
@register('04_scaling_law_appendix.md')
def f04():
    aK, Nc = 0.076, 8.8e13
    Lk = lambda N, a=aK, nc=Nc: (nc / N) ** a
    l10 = math.log10
    a_true = -(math.log(2.61) - math.log(3.10)) / (math.log(1e9) - math.log(1e8))     # slope on log-log axes
    def logform():
        ok = True
        for base in (math.e, 10.0, 2.0):
            for _ in range(3):
                a, nc, N = rand(lo=0.01, hi=0.5), rand(lo=1e10, hi=1e14), rand(lo=1e6, hi=1e12)
                lg = lambda x: math.log(x) / math.log(base)
                ok &= abs(lg(Lk(N, a, nc)) - (a * lg(nc) - a * lg(N))) < 1e-9
        return ok
    def elastic():
        ok = True
        for _ in range(3):
            a, nc, N = rand(lo=0.01, hi=0.5), rand(lo=1e10, hi=1e14), rand(lo=1e6, hi=1e12)
            g = fd(lambda t: math.log(Lk(math.exp(t), a, nc)), math.log(N), 1e-5)
            ok &= abs(g + a) < 1e-6
            dLdN = fd(lambda n: Lk(n, a, nc), N, N * 1e-6)
            ok &= abs(dLdN - (-a * Lk(N, a, nc) / N)) < 1e-6 * abs(dLdN)
        return ok
    L9 = Lk(1e9)
    return [
        ('Throughout this appendix $N$ denotes', GIVEN, '*'),
        ('$$L(N) = \\left(\\frac{N_c}{N}\\right)^{\\alpha_N}', GIVEN),
        ('**B.1 Log-linear form.**', logform),
        ('\\log L &= \\alpha_N \\log N_c', logform),
        ('\\frac{\\mathrm{d}\\log L}{\\mathrm{d}\\log N} &= -\\alpha_N', elastic),
        ('so the law is a straight line of slope', elastic),
        ('**B.2 Reference values.**', lambda: ALL(E('0.076', aK), SCI('8.8', '13', Nc), E('10', 10), E('9', 9))),
        ('\\log_{10} L &= 0.076\\,(\\log_{10} 8.8', lambda: ALL(E('0.076', aK), SCI('8.8', '13', Nc), E('9', 9), abs(l10(L9) - aK * (l10(Nc) - 9)) < 1e-12,
            E('0.076', aK), C('13.9445', l10(Nc)), E('9', 9), E('0.076', aK), C('4.9445', l10(Nc) - 9), C('0.3758', l10(L9), 0.076 * 4.9445))),
        ('L &\\approx 10^{0.3758}', lambda: ALL(E('10', 10), C('0.3758', l10(L9)), C('2.376', L9, 10 ** 0.3758))),
        ('Each tenfold increase in $N$', lambda: ALL(E('10', 10), E('-0.076', -aK), C('0.8395', Lk(1e10) / Lk(1e9)), E('2', 2), E('-0.076', -aK),
            C('0.9487', Lk(2e9) / Lk(1e9)), C('5.1', 100 * (1 - Lk(2e9) / Lk(1e9))))),
        ('**B.3 Our fit.** Table 6', lambda: ALL(E('3.10', 3.10), E('10', 10), E('8', 8), E('2.61', 2.61), E('10', 10), E('9', 9)), '6'),
        ('$$\\hat\\alpha_N = -\\frac{\\Delta \\log L}', lambda: ALL(E('3.10', 3.10), E('2.61', 2.61), E('10', 10), E('9', 9),
            E('10', 10), E('8', 8), C('1.1314', math.log(3.10)), C('0.9594', math.log(2.61)), E('1', l10(1e9) - l10(1e8)),
            C('0.172', a_true))),
        ('This is noticeably steeper than the 0.076', lambda: E('0.076', aK) and a_true > aK + 0.02, '4.2'),
        ('**B.4 Extrapolation.** Anchoring', lambda: E('10', 10) and E('9', 9)),
        ('L(10^{10}) &\\approx 2.61', lambda: ALL(E('10', 10), E('10', 10), E('2.61', 2.61), E('10', 10), C('-0.172', -a_true),
            E('2.61', 2.61), C('0.6730', 10 ** -a_true), C('1.76', 2.61 * 10 ** -a_true))),
        ('N\\big(L = 2.0\\big) &= 10^{9}', lambda: ALL(E('2.0', 2), E('10', 10), E('9', 9), E('2.61', 2.61), E('2.0', 2), E('1', 1),
            C('0.172', a_true), E('10', 10), E('9', 9), C('1.305', 2.61 / 2), C('5.814', 1 / a_true), SCI('4.7', '9', 1e9 * (2.61 / 2) ** (1 / a_true)))),
        ('The marginal value of one extra parameter', lambda: ALL(E('10', 10), E('9', 9), C('-0.172', -a_true))),
    ]

# ======================================================================= 05
@register('05_moe_topk_gate_zenn.md')
def f05():
    def topk_set(h, k):
        return set(np.argsort(-h, kind='stable')[:k].tolist())
    def gate(h, k, T=None):
        T = topk_set(h, k) if T is None else T
        g = np.zeros_like(h); idx = sorted(T)
        g[idx] = softmax(h[idx]); return g
    def stable_set():
        ok = True
        for _ in range(5):
            h = rand(6); T = topk_set(h, 2)
            ok &= all(topk_set(h + 1e-7 * rand(6), 2) == T for _ in range(5))
        return ok
    def jac():
        ok = True
        for _ in range(4):
            h = rand(6); k = 3; T = topk_set(h, k); g = gate(h, k)
            J = np.stack([grad(lambda u: gate(u, k)[i], h) for i in range(6)])
            for i in range(6):
                for j in range(6):
                    if i in T and j in T:
                        ok &= abs(J[i, j] - g[i] * ((i == j) - g[j])) < 1e-6
                    elif j not in T:
                        ok &= abs(J[i, j]) < 1e-9
        return ok
    def setup(E_=5, k=2, d=3, dout=4):
        W, x, Ex, yb = rand(E_, d), rand(d), rand(E_, dout), rand(dout)
        Lf = lambda Wr: yb @ (gate(Wr @ x, k) @ Ex)
        return W, x, Ex, yb, Lf, k
    def dLdg():
        ok = True
        for _ in range(3):
            W, x, Ex, yb, Lf, k = setup(); h = W @ x; T = topk_set(h, k)
            gL = grad(lambda g: yb @ (g @ Ex), gate(h, k))
            ok &= near(gL, Ex @ yb)
        return ok
    def true_dh(h, k, u):
        return grad(lambda hh: u @ gate(hh, k, topk_set(h, k)), h)
    def planted_formula():
        ok = True
        for _ in range(4):
            h = rand(5); k = 2; u = rand(5); T = topk_set(h, k); g = gate(h, k)
            num = true_dh(h, k, u)
            first = np.array([sum(u[i] * g[i] * ((i == j) - g[j]) for i in T) if j in T else 0 for j in range(5)])
            claim = np.array([g[j] * (u[j] - sum(u[i] for i in T)) if j in T else 0 for j in range(5)])
            ok &= near(num, first) and near(num, claim)
        return ok
    def wr_rule():
        ok = True
        for _ in range(3):
            W, x, Ex, yb, Lf, k = setup(); h = W @ x; T = topk_set(h, k)
            gW = grad(lambda Wr: yb @ (gate(Wr @ x, k, T) @ Ex), W)
            dh = true_dh(h, k, Ex @ yb)
            ok &= near(gW, np.outer(dh, x)) and all(abs(dh[j]) < 1e-9 for j in range(5) if j not in T)
        return ok
    h = np.array([1.0, 2.0, 0.5, -1.0]); x = np.array([1.0, -2.0]); k = 2
    g = gate(h, k); u = np.array([-0.5, 1.5, 0.0, 0.0])
    dh = true_dh(h, k, u)
    # ---- aux loss
    def code_aux(logits, E_, alpha):       # transliteration of the snippet (numpy)
        probs = softmax(logits)
        topk_idx = np.argsort(-logits, axis=-1, kind='stable')[:, :2]
        mask = np.eye(E_)[topk_idx].sum(axis=1)
        f = mask.mean(axis=0) / 2
        P = probs.mean(axis=0)
        return alpha * E_ * (f * P).sum(), f, P
    def def_aux(logits, E_, alpha, k=2):   # the displayed definition
        T_ = logits.shape[0]
        f = np.array([sum(i in topk_set(logits[t], k) for t in range(T_)) / (k * T_) for i in range(E_)])
        P = np.array([sum(softmax(logits[t])[i] for t in range(T_)) / T_ for i in range(E_)])
        return alpha * E_ * np.sum(f * P), f, P
    def code_ok():
        ok = True
        for _ in range(4):
            lg = rand(6, 5); a1, f1, P1 = code_aux(lg, 5, 0.01); a2, f2, P2 = def_aux(lg, 5, 0.01)
            ok &= abs(a1 - a2) < 1e-12 and near(f1, f2) and near(P1, P2)
            tw = softmax(np.sort(lg, axis=-1)[:, ::-1][:, :2])
            ok &= all(near(tw[t], gate(lg[t], 2)[sorted(topk_set(lg[t], 2), key=lambda i: -lg[t][i])]) for t in range(6))
        return ok
    CODE = code_ok()
    cnt = np.array([4, 2, 2, 0]); f = cnt / 8; P = np.array([0.40, 0.30, 0.20, 0.10]); al = 0.01; E_ = 4
    Laux = lambda PP: al * E_ * np.sum(f * PP)
    def dP_ok():
        return near(grad(Laux, P), al * E_ * f)
    def chain():
        ok = True
        for _ in range(3):
            lg = rand(4, 5); ff = rand(5, lo=0, hi=1); a_ = 0.03; E5 = 5; T_ = 4
            L_ = lambda Z: a_ * E5 * np.sum(ff * softmax(Z).mean(axis=0))
            G = grad(L_, lg); p = softmax(lg)
            ok &= near(G, a_ * E5 / T_ * p * (ff - (p * ff).sum(axis=1, keepdims=True)))
        return ok
    p = softmax(h); pf = p @ f
    gtok = al * E_ / 4 * p * (f - pf)
    return [
        ('エキスパート数を $E$、トークンの隠れ状態', GIVEN),
        ('$$g_i = \\begin{cases}', GIVEN, '0'),
        ('の選び方は離散的なので', stable_set),
        ('$$\\frac{\\partial g_i}{\\partial h_j} = g_i(\\delta_{ij} - g_j)', lambda: jac() and E('0', 0)),
        ('上流勾配を $\\bar y', dLdg),
        ('$$\\frac{\\partial L}{\\partial h_j} = \\sum_{i\\in\\mathcal T}', planted_formula),
        ('となります。選ばれなかったエキスパート', wr_rule),
        ('$E = 4$、$k = 2$、$d = 2$', lambda: ALL(E('4', h.size), E('2', k), E('2', x.size), EV(['1', '-2'], x),
            EV(['1.0', '2.0', '0.5', '-1.0'], h), E('1', 1))),
        ('- 上位 2 個は', lambda: ALL(E('2', k), topk_set(h, 2) == {1, 0}, E('2', 2), E('1', 1), E('2', 2), E('2', 2), E('1', 1),
            abs(g[1] - np.exp(2) / (np.exp(2) + np.exp(1))) < 1e-12, abs(g[1] - 1 / (1 + np.exp(-1))) < 1e-12, E('1', 1), E('1', 1),
            E('-1', -1), C('0.7311', g[1]), C('0.2689', g[0]))),
        ('- ヤコビアンの対角', lambda: ALL(abs(fd(lambda t: gate(np.array([1.0, t, 0.5, -1.0]), 2)[1], 2.0) - g[1] * g[0]) < 1e-6,
            C('0.7311', g[1]), C('0.2689', g[0]), C('0.1966', g[1] * g[0], 0.7311 * 0.2689),
            C('-0.1966', fd(lambda t: gate(np.array([t, 2.0, 0.5, -1.0]), 2)[1], 1.0)))),
        ('- 上流から $u_1 = -0.5$', lambda: ALL(E('-0.5', u[0]), E('1.5', u[1]), E('1.0', u[0] + u[1]))),
        ('  - $\\partial L/\\partial h_2 = 0.7311', lambda: ALL(C('0.7311', g[1]), E('1.5', u[1]), E('1.0', 1.0), C('0.3655', dh[1]))),
        ('  - $\\partial L/\\partial h_1 = 0.2689', lambda: ALL(C('0.2689', g[0]), E('-0.5', u[0]), E('1.0', 1.0), C('-0.4034', dh[0]))),
        ('  - $\\partial L/\\partial h_3 = \\partial L/\\partial h_4 = 0$', lambda: E('0', dh[2]) and abs(dh[3]) < 1e-12),
        ('- $W_r$ の勾配は行 2 が', lambda: ALL(E('2', 2), C('0.3655', dh[1]), EV(['1', '-2'], x), CV(['0.3655', '-0.7311'], dh[1] * x),
            E('1', 1), CV(['-0.4034', '0.8068'], dh[0] * x)), '3 4'),
        ('このままだと一部のエキスパートに', GIVEN),
        ('$$\\mathcal L_\\text{aux} = \\alpha\\, E \\sum', GIVEN, '*'),
        ('ここで $p(x_t) = \\mathrm{softmax}(h_t)$', GIVEN),
        ('probs = torch.softmax(router_logits, dim=-1)', lambda: CODE and E('-1', -1)),
        ('topk_w, topk_idx = torch.topk(router_logits, k=2, dim=-1)', lambda: CODE and E('2', 2) and E('-1', -1)),
        ('topk_w = torch.softmax(topk_w, dim=-1)', lambda: CODE and E('-1', -1)),
        ('mask = F.one_hot(topk_idx, num_classes=E).sum(dim=1)', lambda: CODE and E('1', 1)),
        ('f = mask.float().mean(dim=0) / 2', lambda: CODE and E('0', 0) and E('2', 2) and E('2', 2)),
        ('P = probs.mean(dim=0)', lambda: CODE and E('0', 0)),
        ('$T = 4$ トークン、割り当て回数が', lambda: ALL(E('4', 4), EV(['4', '2', '2', '0'], cnt), E('8', cnt.sum()) and cnt.sum() == 2 * 4,
            EV(['0.5', '0.25', '0.25', '0'], f), EV(['0.40', '0.30', '0.20', '0.10'], P), E('0.01', al))),
        ('- $\\sum_i f_i P_i = 0.2', lambda: ALL(EV(['0.2', '0.075', '0.05', '0'], f * P), E('0.325', np.sum(f * P)),
            E('0.01', al), E('4', E_), E('0.325', np.sum(f * P)), E('0.013', Laux(P)))),
        ('- 完全に均等', lambda: ALL(E('1', 1), E('4', 4), E('4', 4), E('1', 1), E('16', 16), E('0.25', 4 * (1 / 16)),
            E('0.01', al * E_ * 0.25))),
        ('は個数なので微分できず', lambda: dP_ok() and EV(['0.02', '0.01', '0.01', '0'], al * E_ * f)),
        ('$$\\frac{\\partial \\mathcal L_\\text{aux}}{\\partial h_{t,j}}', chain),
        ('上の $h$ のトークンなら', lambda: ALL(CV(['0.2242', '0.6095', '0.1360', '0.0303'], p), C('0.2985', pf),
            E('0.01', al * E_ / 4), CV(['4.5', '-3.0', '-0.66', '-0.91'], gtok * 1e4), E('10', 10), E('-4', -4),
            gtok[0] > 0 and all(gtok[1:] < 0)), '1'),
    ]

# ======================================================================= 06
@register('06_flash_online_softmax_velog.md')
def f06():
    def online(x, v=None):
        m, l, o = -np.inf, 0.0, 0.0
        ms, ls, os_ = [], [], []
        for j in range(len(x)):
            mn = max(m, x[j])
            l = l * np.exp(m - mn) + np.exp(x[j] - mn)
            if v is not None:
                o = o * np.exp(m - mn) + np.exp(x[j] - mn) * v[j]
            m = mn; ms.append(m); ls.append(l); os_.append(o)
        return np.array(ms), np.array(ls), np.array(os_)
    def safe():
        ok = True
        for _ in range(5):
            x = rand(6, lo=-30, hi=30); m = x.max()
            ok &= near(np.exp(x - m) / np.exp(x - m).sum(), np.exp(x) / np.exp(x).sum(), 1e-12)
        return ok
    def bounded():
        x = rand(50, lo=-500, hi=700); m = x.max()
        return np.all(x - m <= 0) and np.all(np.exp(x - m) <= 1) and np.isfinite(np.exp(x - m).sum())
    def invariant():
        ok = True
        for _ in range(5):
            x = rand(7, lo=-5, hi=5); ms, ls, _ = online(x)
            ok &= all(abs(ls[j] - np.exp(x[:j + 1] - ms[j]).sum()) < 1e-12 for j in range(7))
        return ok
    def step():
        ok = True
        for _ in range(5):
            x = rand(7, lo=-5, hi=5); ms, ls, _ = online(x)
            for j in range(1, 7):
                a = np.exp(ms[j - 1] - ms[j]) * np.exp(x[:j] - ms[j - 1]).sum() + np.exp(x[j] - ms[j])
                b = np.exp(x[:j] - ms[j]).sum() + np.exp(x[j] - ms[j])
                c = np.exp(x[:j + 1] - ms[j]).sum()
                ok &= abs(a - b) < 1e-12 and abs(b - c) < 1e-12
        return ok
    def final():
        ok = True
        for _ in range(5):
            x = rand(7, lo=-5, hi=5); v = rand(7); ms, ls, os_ = online(x, v)
            ok &= near(np.exp(x - ms[-1]) / ls[-1], softmax(x)) and abs(os_[-1] / ls[-1] - softmax(x) @ v) < 1e-12
        return ok
    def merge(m1, l1, m2, l2):
        m = max(m1, m2); return m, np.exp(m1 - m) * l1 + np.exp(m2 - m) * l2
    def merge_ok():
        ok = True
        for _ in range(5):
            x = rand(9, lo=-5, hi=5); c = int(RNG.integers(1, 8))
            m1, l1 = x[:c].max(), np.exp(x[:c] - x[:c].max()).sum()
            m2, l2 = x[c:].max(), np.exp(x[c:] - x[c:].max()).sum()
            m, l = merge(m1, l1, m2, l2)
            ok &= abs(m - x.max()) < 1e-15 and abs(l - np.exp(x - x.max()).sum()) < 1e-12
        return ok
    x = np.array([1.0, 3.0, 2.0]); v = np.array([10.0, 20.0, 30.0])
    ms, ls, os_ = online(x, v)
    p = softmax(x); o = p @ v
    e2, e1 = np.exp(-2), np.exp(-1)
    def recompute():
        S = rand(5, 8); m = S.max(axis=1, keepdims=True); l = np.exp(S - m).sum(axis=1, keepdims=True)
        return near(np.exp(S - m) / l, softmax(S))
    return [
        ('길이 $N$인 점수 벡터', GIVEN),
        ('$$\\mathrm{softmax}(x)_i = \\frac{e^{x_i - m}}', lambda: safe()),
        ('분자·분모에 똑같이', lambda: safe() and bounded() and E('0', 0) and E('1', 1), '3'),
        ('원소를 하나씩 보면서', GIVEN),
        ('$$m_j = \\max(m_{j-1},\\, x_j)', GIVEN, '0'),
        ('최댓값이 바뀌면 예전 합은', invariant),
        ('$$\\ell_j = e^{m_{j-1}-m_j}\\sum_{i<j}', step),
        ('따라서 마지막에', final),
        ('$x = (1, 3, 2)$, 값은 스칼라로', lambda: EV(['1', '3', '2'], x) and EV(['10', '20', '30'], v)),
        ('| $j$ | $x_j$ | $m_j$ |', GIVEN),
        ('| 1 | 1 | 1 | $e^{0} = 1$', lambda: ALL(E('1', 1), E('1', x[0]), E('1', ms[0]), E('0', x[0] - ms[0]), E('1', ls[0]),
            E('1', 1), E('10', v[0]), E('10', os_[0]))),
        ('| 2 | 3 | 3 | $1 \\cdot e^{-2}', lambda: ALL(E('2', 2), E('3', x[1]), E('3', ms[1]), E('1', ls[0]), E('-2', ms[0] - ms[1]),
            E('0', x[1] - ms[1]), C('0.1353', e2), E('1', 1), C('1.1353', ls[1], 0.1353 + 1), E('10', os_[0]), C('0.1353', e2),
            E('20', v[1]), C('21.353', os_[1], 10 * 0.1353 + 20))),
        ('| 3 | 2 | 3 | $1.1353', lambda: ALL(E('3', 3), E('2', x[2]), E('3', ms[2]), C('1.1353', ls[1]), E('0', ms[1] - ms[2]),
            E('-1', x[2] - ms[2]), C('1.1353', ls[1]), C('0.3679', e1), C('1.5032', ls[2], 1.1353 + 0.3679),
            C('21.353', os_[1]), C('0.3679', e1), E('30', v[2]), C('32.390', os_[2], 21.353 + 0.3679 * 30))),
        ('- $\\mathrm{softmax}(x) \\approx (0.1353', lambda: ALL(CV(['0.1353', '1', '0.3679'], np.exp(x - ms[-1])), C('1.5032', ls[-1]),
            CV(['0.0900', '0.6652', '0.2447'], np.exp(x - ms[-1]) / ls[-1], np.array([0.1353, 1, 0.3679]) / 1.5032))),
        ('- $o = \\tilde o_3/\\ell_3', lambda: ALL(C('32.390', os_[-1]), C('1.5032', ls[-1]),
            C('21.547', os_[-1] / ls[-1], 32.390 / 1.5032))),
        ('그냥 softmax를 직접 계산해도', lambda: ALL(CV(['0.0900', '0.6652', '0.2447'], p), C('21.547', o), abs(o - os_[-1] / ls[-1]) < 1e-12)),
        ('FlashAttention은 원소 하나가 아니라', GIVEN),
        ('$$m = \\max(m^{(1)}, m^{(2)})', merge_ok),
        ('위 예시를 블록 $(1, 3)$', lambda: ALL(EV(['1', '3'], x[:2]), E('2', x[2]), E('3', x[:2].max()), E('-2', 1 - 3), E('1', 1),
            C('1.1353', np.exp(x[:2] - 3).sum()), E('2', x[2:].max()), E('1', np.exp(x[2:] - 2).sum()),
            E('3', merge(3, 1.1353, 2, 1)[0]), C('1.1353', np.exp(x[:2] - 3).sum()), E('-1', 2 - 3), E('1', 1),
            C('1.5032', merge(3.0, np.exp(x[:2] - 3).sum(), 2.0, 1.0)[1], 1.1353 + 0.3679))),
        ('덕분에 $N \\times N$ 어텐션 행렬을', recompute),
    ]

# ======================================================================= 07
@register('07_gqa_counts_github_issue.md')
def f07():
    d, H, Hkv, L, dh = 8192, 64, 8, 80, 8192 // 64
    f16 = np.float16
    def cache_tok(n_kv):
        return sum(nbytes((n_kv, 1, dh), f16) for _ in range(L) for _kv in 'KV')
    def attn_params(n_kv):
        return numel((H * dh, d), (n_kv * dh, d), (n_kv * dh, d), (d, H * dh))     # q, k, v, o (no bias)
    def llama70b():
        shapes = [(32000, d), (32000, d), (d,)]
        for _ in range(L):
            shapes += [(d, d), (1024, d), (1024, d), (d, d), (28672, d), (28672, d), (d, 28672), (d,), (d,)]
        return numel(*shapes)
    gqa, mha, mqa = cache_tok(Hkv), cache_tok(H), cache_tok(1)
    pg, pm = attn_params(Hkv), attn_params(H)
    total = llama70b()
    def repeat_kv(x, n_rep):
        b, h_kv, s, dd = x.shape
        if n_rep == 1:
            return x
        x = np.broadcast_to(x[:, :, None, :, :], (b, h_kv, n_rep, s, dd))
        return x.reshape(b, h_kv * n_rep, s, dd)
    xk = rand(2, Hkv, 3, dh)
    rk = repeat_kv(xk, H // Hkv)
    mapping = all(np.array_equal(rk[:, h], xk[:, h // (H // Hkv)]) for h in range(H))
    return [
        ('opened this issue', GIVEN, '*'),
        ('The attention docs explain `num_key_value_heads`', GIVEN, '*'),
        ('- head dim: $8192/64 = 128$', lambda: ALL(E('8192', d), E('64', H), E('128', dh), E('64', H), E('8', Hkv), E('8', H // Hkv), E('8', H // Hkv))),
        ('- KV cache per token, K and V, all layers', lambda: ALL(E('2', 2), E('80', L), E('8', Hkv), E('128', dh), E('2', nbytes((1,), f16)),
            E('327680', gqa), E('320', gqa / KiB))),
        ('- the same model with plain MHA', lambda: ALL(E('2', 2), E('80', L), E('64', H), E('128', dh), E('2', 2),
            E('2621440', mha), E('2.5', mha / MiB), E('8', mha / gqa))),
        ("Yes, that's right. For batch 1", lambda: ALL(E('1', 1), E('4096', 4096), E('327680', gqa), E('4096', 4096),
            E('1342177280', gqa * 4096), E('1.25', gqa * 4096 / GiB), E('10', mha * 4096 / GiB), E('1', 1), E('8', gqa / mqa),
            E('40', mqa / KiB))),
        ('Could you add the parameter side too?', GIVEN),
        ('q_proj           8192 x 8192 = 67,108,864', lambda: E('8192', d) and E('8192', H * dh) and E('67108864', numel((H * dh, d)))),
        ('k_proj, v_proj   8192 x 1024 =', lambda: E('8192', d) and E('1024', Hkv * dh) and E('8388608', numel((Hkv * dh, d)))),
        ('o_proj           8192 x 8192 = 67,108,864', lambda: E('8192', d) and E('8192', H * dh) and E('67108864', numel((d, H * dh)))),
        ('so the attention block has', lambda: ALL(E('2', 2), E('67108864', numel((d, d))), E('8388608', numel((1024, d))),
            E('142606336', pg), E('142606336', pg), E('80', L), E('11408506880', pg * L), C('11.4', pg * L / 1e9), E('80', L))),
        ('MHA would be $4 \\times 67{,}108{,}864', lambda: ALL(E('4', 4), E('67108864', numel((d, d))), E('268435456', pm),
            E('268435456', pm), E('142606336', pg), E('125829120', pm - pg))),
        ('LGTM 👍 One more row', lambda: ALL(C('11.4', pg * L / 1e9), C('69', total / 1e9), C('16.5', 100 * pg * L / total))),
        ('And the grouping, for the docstring', lambda: mapping and ALL(E('0', 0), E('0', 0), E('7', 7), E('0', 7 // 8), E('8', 8), E('15', 15),
            E('1', 15 // 8), E('56', 56), E('63', 63), E('7', 63 // 8), 8 // 8 == 1 and 56 // 8 == 7 and 0 // 8 == 0)),
        ('    if n_rep == 1:', lambda: near(repeat_kv(xk, 1), xk) and E('1', 1)),
        ('With `n_rep = 64 // 8 = 8`', lambda: ALL(E('64', H), E('8', Hkv), E('8', H // Hkv), rk.shape[1:] == (64, 3, 128),
            E('64', rk.shape[1]), E('128', rk.shape[3]), E('8', Hkv))),
    ]

# ======================================================================= 08
@register('08_grad_checkpointing_habr.md', comma=True)
def f08():
    f = lambda k, n, a, b: n / k * a + k * b
    def simulate(n, k, a, b):
        """peak live memory and layer-forward count of segment checkpointing on a chain"""
        live, peak, fwd = 0.0, 0.0, 0
        segs = [list(range(i, min(i + k, n))) for i in range(0, n, k)]
        for sgm in segs:                      # forward: keep only the segment inputs
            live += a; fwd += len(sgm); peak = max(peak, live)
        for sgm in reversed(segs):            # backward: recompute one segment, keep its activations
            live += len(sgm) * b; fwd += len(sgm); peak = max(peak, live)
            live -= len(sgm) * b + a
        return peak, fwd
    def model_ok():
        ok = True
        for n, k in ((64, 8), (64, 1), (60, 6), (96, 12)):
            a, b = rand(lo=1, hi=10), rand(lo=1, hi=100)
            pk, fw = simulate(n, k, a, b)
            ok &= abs(pk - f(k, n, a, b)) < 1e-9 and fw == 2 * n
        return ok
    def optimum():
        ok = True
        for _ in range(4):
            n, a, b = rand(lo=10, hi=200), rand(lo=1, hi=10), rand(lo=1, hi=100)
            ks = np.linspace(0.05, 60, 200001); kmin = ks[np.argmin(f(ks, n, a, b))]
            kst = math.sqrt(n * a / b)
            ok &= abs(kmin - kst) < 1e-3 and abs(fd(lambda k: f(k, n, a, b), kst, 1e-5)) < 1e-5
            ok &= abs(fd(lambda k: f(k, n, a, b), 3.0, 1e-6) - (-n * a / 9 + b)) < 1e-5
            ok &= abs(f(kst, n, a, b) - 2 * math.sqrt(n * a * b)) < 1e-9
        return ok
    def second():
        ok = True
        for _ in range(4):
            n, a, b, k = rand(lo=10, hi=200), rand(lo=1, hi=10), rand(lo=1, hi=100), rand(lo=0.5, hi=20)
            d2 = (f(k + 1e-3, n, a, b) - 2 * f(k, n, a, b) + f(k - 1e-3, n, a, b)) / 1e-6
            ok &= abs(d2 - 2 * n * a / k ** 3) < 1e-3 * (2 * n * a / k ** 3) and d2 > 0
        return ok
    def flops_2x():
        ok = True
        for _ in range(3):
            din, dout, T = (int(v) for v in RNG.integers(2, 9, 3))
            fwd = 2 * dout * din * T; bwd = 2 * din * dout * T + 2 * dout * T * din
            W, X, G = rand(dout, din), rand(din, T), rand(dout, T)
            ok &= near(grad(lambda u: np.sum(G * (W @ u)), X), W.T @ G) and near(grad(lambda u: np.sum(G * (u @ X)), W), G @ X.T)
            ok &= bwd == 2 * fwd
        return ok
    def korthikanti(s, B, h, a_):
        f2, u8 = np.float16, np.uint8
        attn = [((s, B, h), f2), ((s, B, h), f2), ((s, B, h), f2), ((a_, B, s, s), f2), ((a_, B, s, s), u8), ((a_, B, s, s), f2),
                ((s, B, h), f2), ((s, B, h), f2), ((s, B, h), u8)]          # QKV in, Q, K, softmax, mask, dropout out, V, proj in, mask
        mlp = [((s, B, h), f2), ((s, B, 4 * h), f2), ((s, B, 4 * h), f2), ((s, B, h), u8)]
        ln = [((s, B, h), f2), ((s, B, h), f2)]
        return sum(nbytes(sh, dt) for sh, dt in attn + mlp + ln)
    def kor_ok():
        ok = True
        for s_, B_, h_, a_ in ((8, 2, 16, 4), (16, 1, 32, 8), (12, 3, 24, 2)):
            ok &= korthikanti(s_, B_, h_, a_) == s_ * B_ * h_ * (34 + 5 * a_ * s_ / h_)
        return ok
    MOD, OPT = model_ok(), optimum()
    s, B, h, A, n = 2048, 1, 4096, 32, 64
    b = s * B * h * (34 + 5 * A * s / h); a = nbytes((s, B, h), np.float16)
    fk = lambda k: f(k, n, a, b)
    return [
        ('# Gradient checkpointing: откуда берётся', GIVEN),
        ('Привет, Хабр!', lambda: OPT and MOD and REL('30', 100 * (4 - 3) / 3, 0.15)),
        ('Пусть сеть — это цепочка', GIVEN),
        ('Без чекпоинтинга храним всё', lambda: flops_2x() and simulate(64, 64, 0.0, 1.0)[0] == 64 * 1.0 and E('2', 2) and E('3', 1 + 2)),
        ('С чекпоинтингом делим цепочку', lambda: MOD),
        ('$$f(k) = \\frac{n}{k}\\,a + k\\,b.$$', lambda: MOD),
        ('Минимизируем по $k$', GIVEN),
        ("f'(k) &= -\\frac{n a}{k^2} + b = 0", lambda: OPT and E('2', 2) and E('0', 0)),
        ('f(k^*) &= \\sqrt{n a b} + \\sqrt{n a b}', lambda: OPT and E('2', 2)),
        ("Вторая производная $f''(k) = 2na/k^3 > 0$", lambda: ALL(second(), E('2', 2), E('3', 3), E('0', 0), E('2016', 2016),
            abs(math.sqrt(64 * 1 / 1) - 8) < 1e-12, E('2', 2), E('64', 64), E('8', math.sqrt(64)), E('16', f(8, 64, 1, 1)),
            E('64', simulate(64, 64, 0, 1)[0]), E('4', 64 / f(8, 64, 1, 1)), abs(simulate(64, 8, 1, 1)[0] - 16) < 1e-12)),
        ('Цена — каждый слой на backward', lambda: ALL(simulate(64, 8, 1, 1)[1] == 2 * 64, flops_2x(), E('4', 2 + 2), E('3', 1 + 2),
            REL('33', 100 * (4 - 3) / 3, 0.02))),
        ('Для слоя трансформера возьмём оценку', lambda: kor_ok() and E('2022', 2022) and E('34', 34) and E('5', 5), '2048 1 4096 32 64'),
        ('- $34 + 5 \\cdot 32 \\cdot 2048/4096', lambda: ALL(E('34', 34), E('5', 5), E('32', A), E('2048', s), E('4096', h),
            E('34', 34), E('80', 5 * A * s / h), E('114', 34 + 5 * A * s / h), E('2048', s), E('4096', h), E('114', 114),
            E('956301312', b), E('912', b / MiB))),
        ('- вход слоя в fp16: $a = 2\\,s\\,B\\,h', lambda: ALL(E('2', 2), E('2', 2), E('2048', s), E('4096', h), E('16', a / MiB))),
        ('- без чекпоинтинга: $64 \\cdot 912', lambda: ALL(E('64', n), E('912', b / MiB), E('58368', n * b / MiB), E('57', n * b / GiB),
            n * b + 16 * 12 * n * h * h > 80e9, n * b > 0.7 * 80e9, E('80', 80))),
        ('Теперь оптимум:', lambda: ALL(E('64', n), E('16', a / MiB), E('912', b / MiB), C('1.1228', n * a / b), C('1.06', math.sqrt(n * a / b)),
            E('1', min(range(1, 65), key=fk)), E('1', 1), E('64', n), E('16', a / MiB), E('1', 1), E('912', b / MiB), E('1936', fk(1) / MiB),
            C('1.89', fk(1) / GiB), E('30', round(n * b / fk(1))), E('8', math.sqrt(n)), E('8', 8), E('8', n / 8), E('16', a / MiB),
            E('8', 8), E('912', b / MiB), E('7424', fk(8) / MiB), E('7.25', fk(8) / GiB), 3.5 < fk(8) / fk(1) < 4,
            abs(a / b - 2 / 114) < 1e-15, E('2', 2), E('114', 114))),
        ('segments = int(math.sqrt(len(model.layers)))', lambda: E('8', int(math.sqrt(64))) and E('64', 64)),
        ('а для «каждого слоя» проще обернуть', lambda: simulate(64, 1, 1, 1)[1] == 2 * 64 and REL('33', 100 / 3, 0.02)),
    ]

# ======================================================================= 09
@register('09_zero_adam_memory_transformer_math.md')
def f09():
    f16, f32 = np.float16, np.float32
    def states(n):                                    # what mixed-precision Adam keeps for n parameters
        return {'w16': np.empty(n, f16), 'g16': np.empty(n, f16), 'master': np.empty(n, f32),
                'm': np.empty(n, f32), 'v': np.empty(n, f32)}
    def per_rank_bytes(n, nd, stage):
        """bytes held by one data-parallel rank: sharded states hold n/nd elements"""
        shard = {0: (), 1: ('master', 'm', 'v'), 2: ('master', 'm', 'v', 'g16'), 3: ('master', 'm', 'v', 'g16', 'w16')}[stage]
        st = states(n)
        return sum(a[: n // nd].nbytes if k in shard else a.nbytes for k, a in st.items())
    def formula(n, nd, stage):
        return {0: 16 * n, 1: 2 * n + 2 * n + 12 * n / nd, 2: 2 * n + 14 * n / nd, 3: 16 * n / nd}[stage]
    def zero_ok():
        ok = True
        for n, nd in ((6400, 64), (1200, 8), (4096, 16)):
            ok &= all(per_rank_bytes(n, nd, st) == formula(n, nd, st) for st in range(4))
        return ok
    Z = zero_ok()
    bpp = sum(a.nbytes for a in states(1000).values()) / 1000
    def code(n_params, n_gpus, stage):                 # the snippet
        per_param = {0: 16, 1: 4 + 12 / n_gpus, 2: 2 + 14 / n_gpus, 3: 16 / n_gpus}[stage]
        return per_param * n_params / 1e9
    N1, nd1 = 7.5e9, 64
    g = lambda st, n=N1, nd=nd1: formula(n, nd, st) / 1e9
    N2 = 70e9
    def ring(nd):          # per-GPU elements sent by ring collectives on N elements (N = 1)
        return {'reduce_scatter': (nd - 1) / nd, 'all_gather': (nd - 1) / nd, 'all_reduce': 2 * (nd - 1) / nd}
    def comm(nd):
        r = ring(nd)
        ddp = r['all_reduce']
        z12 = r['reduce_scatter'] + r['all_gather']
        z3 = r['all_gather'] + r['all_gather'] + r['reduce_scatter']
        return ddp, z12, z3
    return [
        ('This part is about the question people actually ask', GIVEN, '1'),
        ('## Mixed-precision Adam: 16 bytes per parameter', lambda: E('16', bpp)),
        ('- 2 bytes for the fp16/bf16 copy', lambda: E('2', states(1)['w16'].nbytes)),
        ('- 2 bytes for its fp16/bf16 gradient', lambda: E('2', states(1)['g16'].nbytes)),
        ('- 12 bytes of optimizer state in fp32', lambda: ALL(E('12', sum(states(1)[k].nbytes for k in ('master', 'm', 'v'))),
            E('4', states(1)['master'].nbytes), E('4', states(1)['m'].nbytes), E('4', states(1)['v'].nbytes))),
        ('$$\\text{memory}_\\text{states} = (2 + 2 + 12)', lambda: ALL(E('2', 2), E('2', 2), E('12', 12), E('16', bpp))),
        ('Note that the optimizer alone is $12/16 = 75\\%$', lambda: E('12', 12) and E('16', bpp) and E('75', 100 * 12 / bpp)),
        ('Let $N_d$ be the number of data-parallel GPUs.', lambda: Z and E('16', per_rank_bytes(100, 4, 0) / 100) and E('2020', 2020)),
        ('\\text{DDP:}\\quad & 16N', lambda: Z and E('16', 16)),
        ('\\text{ZeRO-1 (optimizer states):}', lambda: Z and E('1', 1) and E('2', 2) and E('2', 2) and E('12', 12)),
        ('\\text{ZeRO-2 (+ gradients):}', lambda: Z and E('2', 2) and E('2', 2) and E('14', 14)),
        ('\\text{ZeRO-3 (+ parameters):}', lambda: Z and E('3', 3) and E('16', 16)),
        ('With $N = 7.5\\times10^9$ and $N_d = 64$', lambda: ALL(SCI('7.5', '9', N1), E('64', nd1), E('10', 10), E('9', 9))),
        ('- DDP: $16 \\times 7.5 = 120$ GB per GPU', lambda: ALL(E('16', 16), E('7.5', 7.5), E('120', g(0)))),
        ('- ZeRO-1: $4 \\times 7.5 + 12', lambda: ALL(E('1', 1), E('4', 4), E('7.5', 7.5), E('12', 12), E('7.5', 7.5), E('64', nd1),
            E('30', 4 * 7.5), C('1.41', 12 * 7.5 / 64), C('31.4', g(1)))),
        ('- ZeRO-2: $2 \\times 7.5 + 14', lambda: ALL(E('2', 2), E('2', 2), E('7.5', 7.5), E('14', 14), E('7.5', 7.5), E('64', nd1),
            E('15', 2 * 7.5), C('1.64', 14 * 7.5 / 64), C('16.6', g(2)))),
        ('- ZeRO-3: $16 \\times 7.5/64', lambda: ALL(E('3', 3), E('16', 16), E('7.5', 7.5), E('64', nd1), E('1.875', g(3)), C('1.9', g(3)))),
        ('These are exactly the 120 / 31.4 / 16.6 / 1.9 GB', lambda: ALL(E('120', g(0)), C('31.4', g(1)), C('16.6', g(2)), C('1.9', g(3)),
            E('1', 1), E('1', 1), E('2', 2), C('3.8', g(0) / g(1)), C('7.2', g(0) / g(2)))),
        ('$N = 70\\times10^9$: the states are', lambda: ALL(E('70', N2 / 1e9), E('10', 10), E('9', 9), E('16', 16), E('70', 70),
            E('1120', g(0, N2)), E('3', 3), E('8', 8), E('1120', g(0, N2)), E('8', 8), E('140', g(3, N2, 8)), g(3, N2, 8) > 80,
            E('80', 80), E('1120', g(0, N2)), E('80', 80), E('14', math.ceil(g(0, N2) / 80)), E('16', 16), E('3', 3),
            E('1120', g(0, N2)), E('16', 16), E('70', g(3, N2, 16)), E('10', 80 - g(3, N2, 16)))),
        ('    per_param = {0: 16, 1: 4 + 12 / n_gpus', lambda: all(abs(code(N1, nd1, st) - g(st)) < 1e-9 for st in range(4))
            and all(abs(code(N2, 16, st) - g(st, N2, 16)) < 1e-9 for st in range(4)), '0 16 1 4 12 2 2 14 3 16'),
        ('    return per_param * n_params / 1e9', lambda: abs(code(1e9, 1, 0) - 16) < 1e-12 and E('1', 1)),
        ('DDP all-reduces the gradients', lambda: ALL(all(abs(comm(nd)[0] - 2 * (nd - 1) / nd) < 1e-12 for nd in (8, 64)),
            abs(comm(10 ** 6)[0] - 2) < 1e-5, E('2', 2), E('1', 1), E('2', 2), all(abs(comm(nd)[1] - comm(nd)[0]) < 1e-12 for nd in (8, 64)),
            E('3', 3), E('3', 3), abs(comm(10 ** 6)[2] - 3) < 1e-5, E('3', 3), E('2', 2), E('1.5', comm(64)[2] / comm(64)[0]),
            E('16', g(0, N2) / g(3, N2, 16)), E('16', 16))),
    ]

# ======================================================================= 10
@register('10_attention_scaling_seminar_de.md', comma=True)
def f10():
    R = np.random.default_rng(310)
    n = 400000
    def dists(size):
        g = R.standard_normal(size)
        u = R.uniform(-math.sqrt(3), math.sqrt(3), size)
        r = R.choice([-1.0, 1.0], size)
        return [g, u, r]
    def moments():
        ok = True
        for q, k in zip(dists(n), dists(n)):
            prod = q * k
            ok &= abs(prod.mean()) < 5 / math.sqrt(n) and abs(prod.var() - 1) < 0.02
            ok &= abs(np.mean(q ** 2 * k ** 2) - np.mean(q ** 2) * np.mean(k ** 2)) < 0.02
        return ok
    def var_s(dk=64, m=60000):
        ok = True
        for q, k in zip(dists((m, dk)), dists((m, dk))):
            s = (q * k).sum(axis=1)
            ok &= abs(s.var() / dk - 1) < 0.03
        return ok
    VS = var_s()
    std_true = math.sqrt(64)                    # Std(s) for d_k = 64
    def jac():
        ok = True
        for _ in range(3):
            ss = rand(5); a = softmax(ss)
            J = np.stack([grad(lambda u: softmax(u)[i], ss) for i in range(5)])
            ok &= near(J, a[:, None] * (np.eye(5) - a[None, :]))
        return ok
    sig = lambda z: 1 / (1 + np.exp(-z))
    a_unscaled = sig(std_true)                  # two keys one standard deviation apart
    g_unscaled = a_unscaled * (1 - a_unscaled)
    a1 = sig(1.0); g1 = a1 * (1 - a1)
    def scaled():
        ok = True
        for q, k in zip(dists((60000, 64)), dists((60000, 64))):
            s = (q * k).sum(axis=1)
            ok &= abs((s / math.sqrt(64)).var() - 1) < 0.03
        return ok
    def listing():
        rng = np.random.default_rng(0)
        q, k = rng.standard_normal((2, 100_000, 64))
        s = (q * k).sum(axis=1)
        return abs(s.var() - 64) < 1.5 and abs((s / np.sqrt(64)).var() - 1) < 0.03
    LST = listing()
    return [
        ('### 3.2 Skalierung der Aufmerksamkeitswerte', GIVEN, '1'),
        ('$$\\mathrm{Attention}(Q,K,V) = \\mathrm{softmax}', GIVEN, '3.4'),
        ('Vaswani et al. (2017) begründen den Faktor', GIVEN, '2017 1'),
        ('**Annahme.** Die Komponenten', GIVEN, '*'),
        ('**Varianz des Skalarprodukts.**', GIVEN),
        ('\\mathbb{E}[q_i k_i] &= \\mathbb{E}[q_i]', lambda: moments() and E('0', 0)),
        ('\\mathrm{Var}(q_i k_i) &= \\mathbb{E}[q_i^2 k_i^2]', lambda: moments() and E('2', 2) and E('2', 2) and E('2', 2) and E('2', 2)
            and E('2', 2) and E('1', 1)),
        ('\\mathrm{Var}(s) &= \\sum_{i=1}^{d_k}', lambda: VS, '3.5'),
        ('Die Streuung der Scores wächst somit linear', lambda: ALL(VS, E('64', 64), E('64', std_true))),
        ('**Auswirkung auf die Softmax.**', GIVEN),
        ('$$\\frac{\\partial a_i}{\\partial s_j} = a_i\\,(\\delta_{ij} - a_j)', jac, '3.6'),
        ('Zur Veranschaulichung betrachte man nur zwei Keys', lambda: ALL(E('64', std_true), E('1', 1), E('1', 1), E('-64', -std_true),
            E('1', 1), SCI('1.6', '-28', 1 - a_unscaled)), '3.6'),
        ('$$\\frac{\\partial a_1}{\\partial s_1} = a_1 (1 - a_1)', lambda: ALL(E('1', 1),
            abs(fd(lambda t: softmax(np.array([t, 0.0]))[0], std_true) - g_unscaled) < 1e-7, SCI('1.6', '-28', g_unscaled))),
        ('**Wirkung der Skalierung.**', lambda: all(abs(np.var(c * x) - c ** 2 * np.var(x)) < 1e-9 * np.var(x) * c ** 2
            for c, x in ((0.125, R.standard_normal(100)), (-3.0, R.uniform(size=50)))) and E('2', 2), '3.5'),
        ('$$\\mathrm{Var}\\!\\left(\\frac{s}{\\sqrt{d_k}}\\right)', lambda: scaled() and E('1', 1)),
        ('unabhängig von $d_k$. Im obigen Zwei-Key-Beispiel', lambda: ALL(E('1', std_true / math.sqrt(64)), E('1', 1), E('-1', -1),
            C('0.7311', a1), C('0.7311', a1), C('0.2689', 1 - a1), C('0.1966', g1, 0.7311 * 0.2689),
            C('0.1966', g1), SCI('1.6', '-28', g_unscaled), SCI('1.2', '27', g1 / g_unscaled))),
        ('Eine kleine Simulation bestätigt (3.5)', lambda: LST, '3.5 3.1'),
        ('rng = np.random.default_rng(0)', lambda: LST and E('0', 0)),
        ('q, k = rng.standard_normal((2, 100_000, 64))', lambda: LST and E('2', 2) and E('100000', 100000) and E('64', 64)),
        ('s = (q * k).sum(axis=1)', lambda: LST and E('1', 1)),
        ('print(s.var(), (s / np.sqrt(64)).var())', lambda: LST and E('64', 64) and E('64', 64) and E('1', 1)),
    ]

# ======================================================================= 11
@register('11_alibi_billet_fr.md', comma=True)
def f11():
    def alibi_attn(Q, K, m):
        n, d = Q.shape
        i, j = np.indices((n, n))
        S = Q @ K.T / math.sqrt(d) - m * (i - j)
        S = np.where(j <= i, S, -np.inf)
        return softmax(S)
    def bias(n, m):
        i, j = np.indices((n, n))
        return np.where(j <= i, -m * (i - j), -np.inf)
    def slopes(H):
        return np.array([2.0 ** (-8 * h / H) for h in range(1, H + 1)])
    def trans_inv():
        ok = True
        for _ in range(4):
            Q, K = rand(6, 4), rand(6, 4); m = rand(lo=0.01, hi=1)
            n = 6; i, j = np.indices((n, n))
            S = Q @ K.T / 2.0
            A1 = alibi_attn(Q, K, m)
            A2 = softmax(np.where(j <= i, S + m * j, -np.inf))
            ok &= near(A1, A2, 1e-12)
            x, c = rand(5), rand()
            ok &= near(softmax(x + c), softmax(x), 1e-12)
            ok &= all(abs(-m * (ii - jj) - (-m * ii + m * jj)) < 1e-12 for ii in range(4) for jj in range(4))
        return ok
    B = bias(4, 0.5)
    w = np.exp(B[2, :3]); a = softmax(B[2, :3])
    dist = 2 - np.arange(3); dbar = a @ dist
    ar = np.round(a, 4)
    def deriv():
        ok = True
        for _ in range(4):
            Q, K = rand(5, 3), rand(5, 3); m = rand(lo=0.05, hi=1.0); i = 4
            A = lambda mm: alibi_attn(Q, K, mm)[i]
            g = fd(A, m); aa = A(m); dd = i - np.arange(5)
            ok &= near(g, aa * (aa @ dd - dd))
        return ok
    dA = lambda mm: softmax(bias(4, mm)[2, :3])
    g_true = fd(dA, 0.5)
    return [
        ('On ne touche ni aux embeddings', GIVEN),
        ('$$a_{ij} = \\mathrm{softmax}_j', GIVEN, '0'),
        ('où $m > 0$ est une pente fixée', lambda: ALL(E('0', 0), E('2', 2), E('2', 2), E('-8', -8), E('1', 1),
            E('8', 8), EV(['1', '2', '1', '4', '1', '256'], [1, 1 / slopes(8)[0], 1, 1 / slopes(8)[1], 1, 1 / slopes(8)[-1]]),
            np.allclose(slopes(8), 0.5 ** np.arange(1, 9)), E('16', 16), E('2', 2), E('2', 2), np.allclose(slopes(16), 2.0 ** (-np.arange(1, 17) / 2)),
            CV(['0.7071', '0.5', '0.3536'], slopes(16)[:3]))),
        ('Pour 4 tokens (indices à partir de 0)', lambda: E('4', B.shape[0]) and E('0', 0) and E('1', 1) and E('2', 2)),
        ('$$B = -m\\,(i - j)_{j \\le i}', lambda: EV(['0', '-0.5', '0', '-1', '-0.5', '0', '-1.5', '-1', '-0.5', '0'], B[np.tril_indices(4)])),
        ('(les cases vides sont masquées', lambda: np.all(np.isneginf(B[np.triu_indices(4, 1)]))),
        ('La softmax est invariante par translation', trans_inv),
        ('Supposons que le contenu ne discrimine rien', lambda: ALL(E('0', 0), E('2', 2), E('1', 1), E('2', 2),
            EV(['-1', '-0.5', '0'], B[2, :3]), CV(['0.3679', '0.6065', '1'], w), C('1.9744', w.sum(), 0.3679 + 0.6065 + 1))),
        ('$$a_{2,\\cdot} \\approx (0{,}1863', lambda: CV(['0.1863', '0.3072', '0.5065'], a, w / 1.9744) and near(softmax(bias(4, 0.5))[2], list(a) + [0])),
        ('La distance moyenne « regardée »', lambda: ALL(E('2', 2), E('2', dist[0]), C('0.1863', a[0]),
            C('0.3072', a[1]), C('0.3726', 2 * a[0], 2 * 0.1863), C('0.3072', a[1]), C('0.6798', dbar, 0.3726 + 0.3072))),
        ('Chaque pas en arrière multiplie le poids', lambda: ALL(all(abs(a[j] / a[j + 1] - math.exp(-0.5)) < 1e-12 for j in range(2)),
            E('2', 2), E('2', 2), E('0.5', 0.5), C('1.39', math.log(2) / 0.5), E('256', 256), E('2', 2), C('177', 256 * math.log(2)),
            abs(math.exp(-slopes(8)[-1] * 256 * math.log(2)) - 0.5) < 1e-12, E('1', 1), E('256', 1 / slopes(8)[-1]))),
        ("## Et si l'on dérivait par rapport à $m$ ?", GIVEN),
        ('La pente n\'est pas apprise', GIVEN),
        ('$$\\frac{\\partial a_{ij}}{\\partial m} = a_{ij}', deriv),
        ('Augmenter $m$ retire de la masse', lambda: ALL(deriv(), E('2', 2), C('0.5065', a[2]), C('0.6798', dbar), C('0.3443', g_true[2], 0.5065 * 0.6798),
            E('0', 0), C('0.1863', a[0]), C('0.6798', dbar), E('2', dist[0]), C('-0.2460', g_true[0], 0.1863 * (0.6798 - 2)),
            abs(g_true.sum()) < 1e-7, g_true.size == 3, E('1', a.sum()), np.all(np.sign(g_true) == np.sign(dbar - dist)))),
    ]

# ======================================================================= 12
@register('12_perplejidad_bpb_apuntes_es.md', comma=True)
def f12():
    LN2 = math.log(2)
    def synth(T=200):
        p = rand(T, lo=0.01, hi=0.99); B = int(RNG.integers(3 * T, 5 * T))
        L = -np.mean(np.log(p)); return p, B, L
    def bits_total_ok():
        ok = True
        for _ in range(4):
            p, B, L = synth(); T = p.size
            ok &= abs(T * L - (-np.sum(np.log(p)))) < 1e-9
            bpb = T / B * L / LN2
            ok &= abs(bpb - (-np.sum(np.log2(p))) / B) < 1e-12
        return ok
    def ppl_ok():
        ok = True
        for _ in range(4):
            p, B, L = synth()
            ok &= abs(math.exp(L) - 2 ** (L / LN2)) < 1e-9 * math.exp(L)
            ok &= abs(math.exp(L) - np.prod(p ** (-1 / p.size))) < 1e-6 * math.exp(L)
        return ok
    LA, rA, LB, rB = 2.30, 4.2, 1.95, 3.1
    bitsA, bitsB = LA / LN2, LB / LN2          # true bits per token
    bpbA, bpbB = bitsA / rA, bitsB / rB
    return [
        ('Sea $x_1, \\dots, x_T$ un texto', GIVEN, '8'),
        ('$$\\mathcal L = -\\frac{1}{T}', GIVEN, '1'),
        ('$$\\mathrm{PPL} = e^{\\mathcal L} = 2^{\\mathcal L/\\ln 2}.$$', lambda: ppl_ok() and E('2', 2) and E('2', 2)),
        ('Se interpreta como el número efectivo', GIVEN),
        ('$$\\mathrm{bpb} = \\frac{T}{B}', lambda: bits_total_ok() and E('2', 2)),
        ('El producto $T\\mathcal L$ es la información total', bits_total_ok),
        ('**Modelo A**: $\\mathcal L_A = 2{,}30$', lambda: E('2.30', LA) and E('4.2', rA)),
        ('- $\\mathrm{PPL}_A = e^{2{,}30}', lambda: E('2.30', LA) and C('9.97', math.exp(LA))),
        ('- bits por token: $2{,}30 \\cdot \\ln 2', lambda: ALL(E('2.30', LA), E('2', 2), E('2.30', LA), C('0.6931', LN2), C('1.594', bitsA))),
        ('- $\\mathrm{bpb}_A = 1{,}594 / 4{,}2', lambda: ALL(C('1.594', bitsA), E('4.2', rA), C('0.380', bpbA))),
        ('**Modelo B**: $\\mathcal L_B = 1{,}95$', lambda: E('1.95', LB) and E('3.1', rB)),
        ('- $\\mathrm{PPL}_B = e^{1{,}95}', lambda: E('1.95', LB) and C('7.03', math.exp(LB))),
        ('- bits por token: $1{,}95 \\cdot 0{,}6931', lambda: ALL(E('1.95', LB), C('0.6931', LN2), C('1.352', bitsB))),
        ('- $\\mathrm{bpb}_B = 1{,}352 / 3{,}1', lambda: ALL(C('1.352', bitsB), E('3.1', rB), C('0.436', bpbB))),
        ('**Conclusión.** B tiene *menor* perplejidad', lambda: ALL(C('7.03', math.exp(LB)), C('9.97', math.exp(LA)), math.exp(LB) < math.exp(LA),
            C('0.436', bpbB), C('0.380', bpbA), bpbB > bpbA, 1 / rB < 1 / rA)),
        ('Como $\\mathrm{d}\\,\\mathrm{PPL}/\\mathrm{d}\\mathcal L', lambda: ALL(abs(fd(math.exp, LA) - math.exp(LA)) < 1e-6,
            E('0.01', 0.01), C('9.97', math.exp(LA)), E('0.01', 0.01), C('0.10', math.exp(LA) - math.exp(LA - 0.01), 9.97 * 0.01),
            abs((math.exp(LA) - math.exp(LA - 0.01)) / math.exp(LA) - 0.01) < 1e-4, E('1', 1))),
    ]

# ======================================================================= 13
@register('13_sdpa_backward_cs336_notes.md')
def f13():
    def fwd(Q, K, V):
        d = Q.shape[-1]; S = Q @ K.T / math.sqrt(d); P = softmax(S); return S, P, P @ V
    def problem(n=4, d=3):
        Q, K, V, G = rand(n, d), rand(n, d), rand(n, d), rand(n, d)
        Lf = lambda Q_, K_, V_: np.sum(G * fwd(Q_, K_, V_)[2])
        return Q, K, V, G, Lf
    probs = [problem() for _ in range(3)]
    def true_grads(Q, K, V, G, Lf):
        return (grad(lambda u: Lf(u, K, V), Q), grad(lambda u: Lf(Q, u, V), K), grad(lambda u: Lf(Q, K, u), V))
    TG = [true_grads(*p) for p in probs]
    def shapes_fwd():
        Q, K, V = rand(5, 3), rand(5, 3), rand(5, 3); S, P, O = fwd(Q, K, V)
        return S.shape == (5, 5) and P.shape == (5, 5) and O.shape == (5, 3) and near(P.sum(1), np.ones(5))
    def matmul_rule():
        ok = True
        for _ in range(3):
            A, B, G = rand(3, 4), rand(4, 2), rand(3, 2)
            ok &= near(grad(lambda u: np.sum(G * (u @ B)), A), G @ B.T) and near(grad(lambda u: np.sum(G * (A @ u)), B), A.T @ G)
        return ok
    def step1():
        ok = True
        for (Q, K, V, G, Lf), (gQ, gK, gV) in zip(probs, TG):
            S, P, O = fwd(Q, K, V)
            ok &= near(gV, P.T @ G) and gV.shape == V.shape
            gP = grad(lambda u: np.sum(G * (u @ V)), P)
            ok &= near(gP, G @ V.T) and gP.shape == (4, 4)
        return ok
    def softmax_step():
        ok = True
        for _ in range(3):
            S, dP = rand(4, 5), rand(4, 5); P = softmax(S)
            for i in range(4):
                J = np.stack([grad(lambda u: softmax(u)[j], S[i]) for j in range(5)])
                ok &= near(J, P[i][:, None] * (np.eye(5) - P[i][None, :]))
            dS_num = grad(lambda u: np.sum(dP * softmax(u)), S)
            Dv = (P * dP).sum(1, keepdims=True)
            elem = np.array([[P[i, j] * (dP[i, j] - sum(P[i, l] * dP[i, l] for l in range(5))) for j in range(5)] for i in range(4)])
            ok &= near(dS_num, elem) and near(dS_num, P * (dP - Dv @ np.ones((1, 5))))
        return ok
    def trick():
        ok = True
        for (Q, K, V, G, Lf) in probs:
            S, P, O = fwd(Q, K, V); dP = G @ V.T
            ok &= near((P * dP).sum(1), (G * O).sum(1), 1e-12) and (G * O).sum(1).shape == (4,)
        return ok
    def dQ_ok():
        return all(near(gQ, ((fwd(Q, K, V)[1] * ((G @ V.T) - (G * fwd(Q, K, V)[2]).sum(1, keepdims=True))) @ K) / math.sqrt(3))
                   for (Q, K, V, G, Lf), (gQ, gK, gV) in zip(probs, TG))
    def dK_claim():
        return all(near(gK, ((fwd(Q, K, V)[1] * ((G @ V.T) - (G * fwd(Q, K, V)[2]).sum(1, keepdims=True))) @ Q) / math.sqrt(3))
                   for (Q, K, V, G, Lf), (gQ, gK, gV) in zip(probs, TG))
    def causal():
        Q, K, V, G = rand(4, 3), rand(4, 3), rand(4, 3), rand(4, 3)
        mask = np.tril(np.ones((4, 4), bool))
        P = softmax(np.where(mask, Q @ K.T / math.sqrt(3), -np.inf)); dP = G @ V.T
        dS = P * (dP - (P * dP).sum(1, keepdims=True))
        return np.all(P[~mask] == 0) and np.all(dS[~mask] == 0)
    def code(Q, K, V, dO):                      # transliteration of the snippet
        d = Q.shape[-1]
        S = Q @ K.T / math.sqrt(d)
        P = softmax(S)
        O = P @ V
        dV = P.T @ dO
        dP = dO @ V.T
        Dv = (dO * O).sum(axis=-1, keepdims=True)
        dS = P * (dP - Dv)
        dQ = dS @ K / math.sqrt(d)
        dK = dS @ Q / math.sqrt(d)
        return dQ, dK, dV, Dv
    CG = [code(Q, K, V, G) for (Q, K, V, G, Lf) in probs]
    def mm(a, b):
        assert a[1] == b[0]; return 2 * a[0] * a[1] * b[1]
    def flops(n, d):
        f = mm((n, d), (d, n)) + mm((n, n), (n, d))
        b = mm((n, n), (n, d)) + mm((n, d), (d, n)) + mm((n, n), (n, d)) + mm((n, n), (n, d))   # dV, dP, dQ, dK
        return f, b
    fw, bw = flops(4096, 128)
    return [
        ('**Setup.** One head, one sequence', GIVEN),
        ('S &= QK^\\top/\\sqrt{d} && (n\\times n)', shapes_fwd),
        ('P &= \\mathrm{softmax}(S) \\text{ row-wise}', shapes_fwd),
        ('O &= PV && (n\\times d)', shapes_fwd),
        ('We get $\\mathrm{d}O = \\partial L/\\partial O', lambda: all(g.shape == x.shape for (Q, K, V, G, Lf), gs in zip(probs, TG) for g, x in zip(gs, (Q, K, V)))),
        ('**Step 1 — the matmul $O = PV$.**', matmul_rule, '1'),
        ('$$\\mathrm{d}V = P^\\top \\mathrm{d}O \\quad (n\\times d)', step1),
        ('**Step 2 — row-wise softmax.**', softmax_step, '2'),
        ('$$\\mathrm{d}S_{ij} = P_{ij}\\Big(\\mathrm{d}P_{ij}', lambda: softmax_step() and E('1', 1)),
        ('Trick used by FlashAttention-2', trick, '2'),
        ('$$D_i = \\sum_l P_{il} \\sum_c', trick),
        ("That's one $n$-vector computed", trick),
        ('**Step 3 — the scaled product', lambda: dQ_ok() and E('1', 1), '3'),
        ('$$\\mathrm{d}Q = \\mathrm{d}S\\,K/\\sqrt{d} \\quad (n\\times d)$$', dQ_ok),
        ('$$\\mathrm{d}K = \\mathrm{d}S\\,Q/\\sqrt{d} \\quad (n\\times d)$$', dK_claim),
        ('Shape check: $(n\\times n)(n\\times d) = n\\times d$ for both.', lambda: (rand(5, 5) @ rand(5, 3)).shape == (5, 3)
            and all(gK.shape == K.shape and gQ.shape == Q.shape for (Q, K, V, G, Lf), (gQ, gK, gV) in zip(probs, TG))
            and causal() and E('0', 0) and E('0', 0)),
        ('    d = Q.shape[-1]', lambda: E('-1', -1) and all(near(c[0], t[0]) for c, t in zip(CG, TG))),
        ('    P = torch.softmax(S, dim=-1)', lambda: E('-1', -1) and all(near(c[2], t[2]) for c, t in zip(CG, TG))),
        ('    D = (dO * O).sum(dim=-1, keepdim=True)', lambda: E('-1', -1) and E('1', CG[0][3].shape[1]) and trick()),
        ('    dQ = dS @ K / math.sqrt(d)', lambda: all(near(c[0], t[0]) for c, t in zip(CG, TG))),
        ('    dK = dS @ Q / math.sqrt(d)', lambda: all(near(c[1], t[1]) for c, t in zip(CG, TG))),
        ('**FLOPs.** A matmul of', lambda: ALL(mm((3, 4), (4, 5)) == 2 * 3 * 4 * 5 and E('2', 2), E('2', 2), E('2', 2),
            fw == 4 * 4096 ** 2 * 128, E('4', 4), E('2', 2), E('2', 2), E('2', 2), bw == 8 * 4096 ** 2 * 128, E('8', 8), E('2', 2),
            E('2', bw / fw), E('4096', 4096), E('128', 128), E('4', 4), E('4096', 4096), E('2', 2), E('128', 128), SCI('8.59', '9', fw))),
        ('**Memory, and why FlashAttention recomputes.**', lambda: ALL(E('2', 2), E('2', 2), E('4096', 4096), E('2', 2),
            E('32', nbytes((4096, 4096), np.float16) / MiB), E('4096', 4096), E('4', nbytes((1,), np.float32)),
            E('16', nbytes((4096,), np.float32) / KiB), E('2', 2), E('2', 2), E('12', (fw + bw) / (4096 ** 2 * 128)), E('2', 2),
            E('14', (fw + bw + mm((4096, 128), (128, 4096))) / (4096 ** 2 * 128)), E('2', 2), REL('17', 100 * (14 / 12 - 1), 0.03))),
    ]

# ======================================================================= 14
@register('14_gpt2_parametry_notatki_pl.md', comma=True)
def f14():
    def gpt2_params(V, n_ctx, d, L):
        P = {}
        P['wte.weight'] = np.zeros((V, d), np.int8); P['wpe.weight'] = np.zeros((n_ctx, d), np.int8)
        for i in range(L):
            for ln in ('ln_1', 'ln_2'):
                P[f'h.{i}.{ln}.weight'] = np.zeros(d, np.int8); P[f'h.{i}.{ln}.bias'] = np.zeros(d, np.int8)
            P[f'h.{i}.attn.c_attn.weight'] = np.zeros((d, 3 * d), np.int8); P[f'h.{i}.attn.c_attn.bias'] = np.zeros(3 * d, np.int8)
            P[f'h.{i}.attn.c_proj.weight'] = np.zeros((d, d), np.int8); P[f'h.{i}.attn.c_proj.bias'] = np.zeros(d, np.int8)
            P[f'h.{i}.mlp.c_fc.weight'] = np.zeros((d, 4 * d), np.int8); P[f'h.{i}.mlp.c_fc.bias'] = np.zeros(4 * d, np.int8)
            P[f'h.{i}.mlp.c_proj.weight'] = np.zeros((4 * d, d), np.int8); P[f'h.{i}.mlp.c_proj.bias'] = np.zeros(d, np.int8)
        P['ln_f.weight'] = np.zeros(d, np.int8); P['ln_f.bias'] = np.zeros(d, np.int8)
        P['lm_head.weight'] = P['wte.weight']                          # tied
        uniq = {id(a): a for a in P.values()}
        return P, sum(a.size for a in uniq.values())
    V, nc, d, L = 50257, 1024, 768, 12
    P, total = gpt2_params(V, nc, d, L)
    sz = lambda k: P[k].size
    blk = lambda i=0: sum(a.size for k, a in P.items() if k.startswith(f'h.{i}.'))
    PX, totX = gpt2_params(V, nc, 1600, 48)
    blkX = sum(a.size for k, a in PX.items() if k.startswith('h.0.'))
    emb = sz('wte.weight') + sz('wpe.weight')
    def poly_ok():
        ok = True
        for dd in (8, 64, 768, 1600):
            Pd, _ = gpt2_params(11, 5, dd, 1)
            attn = sum(a.size for k, a in Pd.items() if '.attn.' in k)
            mlp = sum(a.size for k, a in Pd.items() if '.mlp.' in k)
            lns = sum(a.size for k, a in Pd.items() if '.ln_' in k)
            ok &= attn == 4 * dd ** 2 + 4 * dd and mlp == 8 * dd ** 2 + 5 * dd and lns == 4 * dd
            ok &= attn + mlp + lns == 12 * dd ** 2 + 13 * dd
        return ok
    return [
        ('**Konfiguracja GPT-2 small:**', lambda: ALL(E('50257', sz('wte.weight') // d), E('1024', sz('wpe.weight') // d), E('768', d),
            E('12', L), E('4', 4), E('3072', sz('h.0.mlp.c_fc.bias'))), '2'),
        ('- tokeny (`wte`)', lambda: E('50257', V) and E('768', d) and E('38597376', sz('wte.weight'))),
        ('- pozycje (`wpe`', lambda: E('1024', nc) and E('768', d) and E('786432', sz('wpe.weight'))),
        ('| warstwa | wzór | liczba |', GIVEN),
        ('| `ln_1` | $2d$ | 1536 |', lambda: E('2', 2) and E('1536', sz('h.0.ln_1.weight') + sz('h.0.ln_1.bias'))),
        ('| `attn.c_attn` (Q, K, V razem)', lambda: ALL(E('3', 3), E('3', 3), E('1769472', sz('h.0.attn.c_attn.weight')),
            E('2304', sz('h.0.attn.c_attn.bias')), E('1771776', sz('h.0.attn.c_attn.weight') + sz('h.0.attn.c_attn.bias')))),
        ('| `attn.c_proj` | $d \\cdot d + d$', lambda: ALL(E('589824', sz('h.0.attn.c_proj.weight')), E('768', sz('h.0.attn.c_proj.bias')),
            E('590592', sz('h.0.attn.c_proj.weight') + sz('h.0.attn.c_proj.bias')))),
        ('| `ln_2` | $2d$ | 1536 |', lambda: E('2', 2) and E('1536', sz('h.0.ln_2.weight') + sz('h.0.ln_2.bias'))),
        ('| `mlp.c_fc` | $d \\cdot 4d + 4d$', lambda: ALL(E('4', 4), E('4', 4), E('2359296', sz('h.0.mlp.c_fc.weight')),
            E('3072', sz('h.0.mlp.c_fc.bias')), E('2362368', sz('h.0.mlp.c_fc.weight') + sz('h.0.mlp.c_fc.bias')))),
        ('| `mlp.c_proj` | $4d \\cdot d + d$', lambda: ALL(E('4', 4), E('2359296', sz('h.0.mlp.c_proj.weight')), E('768', sz('h.0.mlp.c_proj.bias')),
            E('2360064', sz('h.0.mlp.c_proj.weight') + sz('h.0.mlp.c_proj.bias')))),
        ('Razem na blok:', lambda: ALL(E('1536', 1536), E('1771776', 1771776), E('590592', 590592), E('1536', 1536), E('2362368', 2362368),
            E('2360064', 2360064), 1536 + 1771776 + 590592 + 1536 + 2362368 + 2360064 == blk(), E('7087872', blk()))),
        ('Ogólnie: uwaga daje', lambda: poly_ok() and ALL(E('4', 4), E('2', 2), E('4', 4), E('8', 8), E('2', 2), E('5', 5), E('4', 4))),
        ('$$P_\\text{blok} = 12d^2 + 13d', lambda: poly_ok() and ALL(E('12', 12), E('2', 2), E('13', 13), E('12', 12), E('589824', d * d),
            E('13', 13), E('768', d), E('7077888', 12 * d * d), E('9984', 13 * d), E('7087872', blk()))),
        ('- 12 bloków: $12 \\cdot 7\\,087\\,872', lambda: ALL(E('12', L), E('12', L), E('7087872', blk()),
            E('85054464', sum(blk(i) for i in range(L))))),
        ('- końcowy `ln_f`: $2d = 1536$', lambda: E('2', 2) and E('1536', sz('ln_f.weight') + sz('ln_f.bias'))),
        ('- `lm_head` jest współdzielony z `wte`', lambda: P['lm_head.weight'] is P['wte.weight']),
        ('$$P = 38\\,597\\,376 + 786\\,432', lambda: ALL(E('38597376', sz('wte.weight')), E('786432', sz('wpe.weight')),
            E('85054464', sum(blk(i) for i in range(L))), E('1536', 1536), E('124439808', total), C('124', total / 1e6))),
        ('Zgadza się z tym, co wypisuje', lambda: E('124439808', total)),
        ('**Uwaga na przybliżenie $12Ld^2$:**', lambda: ALL(E('12', 12), E('2', 2), E('12', 12), E('12', L), E('768', d), E('2', 2),
            E('84934656', 12 * L * d * d), C('68.3', 100 * 12 * L * d * d / total), E('38597376', sz('wte.weight')), E('786432', sz('wpe.weight')),
            E('124439808', total), C('31.6', 100 * emb / total), E('12', 12), E('2', 2), 12 * L * d * d < total,
            (PX['wte.weight'].size + PX['wpe.weight'].size) / totX < emb / total)),
        ('$d = 1600$, $L = 48$, ten sam słownik', lambda: E('1600', 1600) and E('48', 48)),
        ('- bloki: $48 \\cdot (12 \\cdot 1600^2', lambda: ALL(E('48', 48), E('12', 12), E('1600', 1600), E('2', 2), E('13', 13), E('1600', 1600),
            E('48', 48), E('30720000', 12 * 1600 ** 2), E('20800', 13 * 1600), E('48', 48), E('30740800', blkX),
            E('1475558400', sum(a.size for k, a in PX.items() if k.startswith('h.'))))),
        ('- embeddingi: $50\\,257 \\cdot 1600', lambda: ALL(E('50257', V), E('1600', 1600), E('1024', nc), E('1600', 1600),
            E('80411200', PX['wte.weight'].size), E('1638400', PX['wpe.weight'].size), E('3200', PX['ln_f.weight'].size + PX['ln_f.bias'].size))),
        ('- razem: $1\\,475\\,558\\,400', lambda: ALL(E('1475558400', 1475558400), E('80411200', 80411200), E('1638400', 1638400), E('3200', 3200),
            1475558400 + 80411200 + 1638400 + 3200 == totX, E('1557611200', totX), C('1.56', totX / 1e9)), '1.5'),
    ]

# ======================================================================= 15
@register('15_softcap_exam_key.md')
def f15():
    cap = lambda z, c: c * np.tanh(z / c)
    def deriv_ok():
        ok = True
        for _ in range(5):
            z, c = rand(lo=-80, hi=80), rand(lo=1, hi=60)
            ok &= abs(fd(lambda t: cap(t, c), z) - (1 - np.tanh(z / c) ** 2)) < 1e-7
            ok &= abs((1 - np.tanh(z / c) ** 2) - 1 / np.cosh(z / c) ** 2) < 1e-12
            ok &= abs(fd(np.tanh, z / c) - (1 - np.tanh(z / c) ** 2)) < 1e-7
            ok &= abs(fd(lambda t: t / c, z) - 1 / c) < 1e-7
        return ok
    def limits():
        c = 30.0
        zs = rand(1000, lo=-1e4, hi=1e4)
        return (abs((1 - np.tanh(0.001)) ** 0 - 1) < 1e-12 and abs(fd(lambda t: cap(t, c), 0.001 * c) - 1) < 1e-5
                and fd(lambda t: cap(t, c), 20 * c) < 1e-15 + 1e-16 and np.all(np.abs(cap(zs, c)) <= c)
                and np.all(np.abs(cap(rand(100, lo=-50, hi=50), c)) < c))
    def series():
        ok = True
        for u in (1e-2, 2e-2, 5e-2):
            r = (np.tanh(u) - (u - u ** 3 / 3)) / u ** 5
            ok &= abs(r - 2 / 15) < 1e-2
        for c in (5.0, 30.0):
            for z in (0.01 * c, 0.02 * c):
                ok &= abs(cap(z, c) - (z - z ** 3 / (3 * c ** 2))) / (z ** 5 / c ** 4) < 0.2
                ok &= abs(c * (z / c - z ** 3 / (3 * c ** 3)) - (z - z ** 3 / (3 * c ** 2))) < 1e-12
        return ok
    c = 8.0; z = np.array([8.0, 5.0, 0.0]); y = np.array([0.0, 1.0, 0.0])
    t = np.tanh(z / c); u = c * t; loc = 1 - t ** 2
    p = softmax(u); dL_du = p - y
    Lz = lambda zz: -np.log(softmax(cap(zz, c))[1])
    dL_dz = grad(Lz, z)
    tr = np.array([0.7616, 0.5546, 0.0]); ur = np.array([6.0928, 4.4368, 0.0]); locr = np.array([0.4200, 0.6924, 1.0])
    pr = np.array([0.8381, 0.1600, 0.0019])
    row = lambda i: lambda: ALL(E(['8', '5', '0'][i], z[i]), C(['1', '0.625', '0'][i], z[i] / c), C(['0.7616', '0.5546', '0'][i], t[i]),
                                C(['6.0928', '4.4368', '0'][i], u[i], c * tr[i]), C(['0.4200', '0.6924', '1'][i], loc[i], 1 - tr[i] ** 2))
    return [
        ('**Problem statement (recap).**', GIVEN, '*'),
        ('**(a) [3 pts]** By the chain rule', lambda: deriv_ok() and E('3', 3) and E('1', 1) and E('2', 2) and E('1', 1)),
        ('$$\\frac{\\mathrm{d}\\tilde z}{\\mathrm{d}z} = c \\cdot', lambda: deriv_ok() and E('1', 1) and E('1', 1) and E('2', 2) and E('1', 1)
            and E('2', 2) and E('2', 2)),
        ('The factor $c$ cancels. Limits:', lambda: deriv_ok() and limits() and E('1', 1) and E('0', 0) and E('-1', -1) and E('1', 1)
            and E('1', 1) and E('2', 2)),
        ('**(b) [2 pts]** From $\\tanh u', lambda: series() and ALL(E('2', 2), E('3', 3), E('3', 3), E('5', 5))),
        ('$$\\tilde z = c\\left(\\frac{z}{c} - \\frac{z^3}{3c^3}\\right)', lambda: series(), '3 3 3 5 4 3 3 2 5 4'),
        ('E.g. $c = 8$, $z = 2$:', lambda: ALL(E('8', c), E('2', 2), E('2', 2), E('8', 2 ** 3), E('192', 3 * c ** 2), C('1.9583', 2 - 8 / 192),
            E('8', c), E('0.25', 2 / c), C('1.9593', cap(2.0, c)))),
        ('**(c) [4 pts]** With $c = 8$:', lambda: E('4', 4) and E('8', c)),
        ('| $z_i$ | $z_i/c$ |', GIVEN, '1 2'),
        ('| 8 | 1 | 0.7616', row(0)),
        ('| 5 | 0.625 | 0.5546', row(1)),
        ('| 0 | 0 | 0 | 0 | 1 |', row(2)),
        ('Softmax of the capped logits, shifting by the max', lambda: ALL(C('6.0928', u.max()), E('0', 0), E('1', 1),
            C('-1.6560', u[1] - u[0]), abs(-1.6560 - (ur[1] - ur[0])) < 1e-12, C('0.1909', np.exp(u[1] - u[0])) and abs(np.exp(-1.6560) - 0.1909) < 5e-5,
            C('-6.0928', u[2] - u[0]), C('0.0023', np.exp(u[2] - u[0])) and abs(np.exp(-6.0928) - 0.0023) < 5e-5,
            C('1.1932', np.exp(u - u.max()).sum()) and abs(1 + 0.1909 + 0.0023 - 1.1932) < 5e-5)),
        ('$$p \\approx (0.8381,\\ 0.1600,\\ 0.0019).$$', lambda: CV(['0.8381', '0.1600', '0.0019'], p) and near(np.round(np.array([1, 0.1909, 0.0023]) / 1.1932, 4), [0.8381, 0.1600, 0.0019])),
        ('Cross-entropy with the softmax gives', lambda: near(grad(lambda uu: -np.log(softmax(uu)[1]), u), p - y) and EV(['0', '1', '0'], y)),
        ('$$\\frac{\\partial L}{\\partial \\tilde z} \\approx (0.8381', lambda: CV(['0.8381', '-0.8400', '0.0019'], dL_du) and near(pr - y, [0.8381, -0.8400, 0.0019])),
        ('Multiplying elementwise by the local derivative', lambda: near(dL_dz, dL_du * loc)),
        ('$$\\frac{\\partial L}{\\partial z} = (p - y) \\odot', lambda: near(dL_dz, dL_du * loc) and ALL(E('1', 1), E('2', 2),
            C('0.8381', dL_du[0]), C('0.4200', loc[0]), C('-0.8400', dL_du[1]), C('0.6924', loc[1]), C('0.0019', dL_du[2]), E('1', loc[2]),
            CV(['0.3520', '-0.5816', '0.0019'], dL_dz), near(np.round((pr - y) * locr, 4), [0.3520, -0.5816, 0.0019]))),
        ('*Grading: full marks for any answer within', lambda: E('0.001', 0.001) and E('-2', -2)),
        ('**(d) [1 pt]** The largest logit', lambda: ALL(E('1', 1), C('0.4200', loc[0]), 55 < 100 * (1 - loc[0]) < 60, E('60', 60),
            E('3', 3), E('1', 1), E('2', 2), E('3', 3), C('0.0099', 1 - np.tanh(3.0) ** 2), abs(fd(lambda tt: cap(tt, 30.0), 90.0) - (1 - np.tanh(3.0) ** 2)) < 1e-7,
            C('0.3520', dL_dz[0]), C('0.5816', -dL_dz[1]), C('0.0019', dL_dz[2]), abs(dL_dz.sum()) > 0.2, E('0', 0), abs(dL_du.sum()) < 1e-12)),
    ]

# ======================================================================= 16
@register('16_pipeline_bubble_notebook.md')
def f16():
    def schedule(p, m, order, tf=1.0, tb=2.0):
        """list-schedule a pipeline; order(s) gives the op sequence of stage s. Returns makespan, max in-flight."""
        ops = {s: list(order(s)) for s in range(p)}
        done, free, pos = {}, [0.0] * p, [0] * p
        inflight, peak = [0] * p, 0
        remaining = sum(len(v) for v in ops.values())
        while remaining:
            progressed = False
            for s in range(p):
                if pos[s] >= len(ops[s]):
                    continue
                kind, j = ops[s][pos[s]]
                dep = (('F', j, s - 1) if s > 0 else None) if kind == 'F' else (('B', j, s + 1) if s < p - 1 else ('F', j, s))
                if dep is not None and dep not in done:
                    continue
                start = max(free[s], done[dep] if dep else 0.0)
                end = start + (tf if kind == 'F' else tb)
                done[(kind, j, s)] = end; free[s] = end; pos[s] += 1; remaining -= 1; progressed = True
                inflight[s] += 1 if kind == 'F' else -1; peak = max(peak, max(inflight))
            assert progressed
        return max(done.values()), peak
    gpipe = lambda m: (lambda s: [('F', j) for j in range(m)] + [('B', j) for j in range(m)])
    def onef1b(p, m):
        def order(s):
            w = min(p - s - 1, m); seq = [('F', j) for j in range(w)]
            f, b = w, 0
            while b < m:
                if f < m:
                    seq.append(('F', f)); f += 1
                seq.append(('B', b)); b += 1
            return seq
        return order
    def gp(p, m, tf=1.0, tb=2.0):
        return schedule(p, m, gpipe(m), tf, tb)
    def fwd_slots(p, m):
        T, _ = schedule(p, m, lambda s: [('F', j) for j in range(m)], 1.0, 1.0)   # forward phase alone, unit slots
        return T
    bub = lambda p, m: (gp(p, m)[0] - m * 3.0) / gp(p, m)[0]
    def flops_bwd_2x():
        din, dout, T = 5, 4, 3
        return 2 * din * dout * T + 2 * dout * T * din == 2 * (2 * dout * din * T)
    code = lambda p, m: p / (m + p)
    return [
        ('We cut a model into $p$ consecutive stages', lambda: flops_bwd_2x() and E('2', 2)),
        ('$$T_\\text{ideal} = m\\,(t_f + t_b).$$', lambda: schedule(1, 7, gpipe(7))[0] == 7 * 3.0),
        ('**GPipe schedule.** All forwards first', lambda: ALL(E('1', 1), E('1', 1), E('1', 1), fwd_slots(8, 32) == 32 + 8,
            fwd_slots(4, 5) == 5 + 4, E('1', 1))),
        ('T_\\text{GPipe} &= (m + p)\\,(t_f + t_b)', lambda: all(gp(p, m, tf, tb)[0] == (m + p) * (tf + tb)
            for p, m, tf, tb in ((8, 32, 1.0, 2.0), (4, 6, 1.0, 3.0)))),
        ('T_\\text{bubble} &= T_\\text{GPipe} - T_\\text{ideal}', lambda: all(gp(p, m)[0] - m * 3.0 == p * 3.0 for p, m in ((8, 32), (4, 6)))),
        ('\\text{bubble fraction} &= \\frac{T_\\text{bubble}}', lambda: all(abs(bub(p, m) - p / (m + p)) < 1e-12 for p, m in ((8, 32), (4, 6)))),
        ('**[markdown]** Concretely, for $p = 8$ stages', lambda: ALL(E('8', 8), E('32', 32), E('10', 10), E('20', 20), E('32', 32),
            E('30', 10 + 20), E('960', 32 * 30), E('40', gp(8, 32)[0] / 3), E('30', 30), E('1200', gp(8, 32, 10, 20)[0]),
            E('8', 8), E('40', 40), E('20', 100 * bub(8, 32)))),
        ('    return p / (m + p)', lambda: all(abs(code(p, m) - bub(p, m)) < 1e-12 for p, m in ((8, 32), (4, 6)))),
        ('for m in [8, 32, 128, 153]:', GIVEN, '*'),
        ('    print(m, round(bubble_fraction(8, m), 4))', lambda: E('8', 8) and E('4', 4)),
        ('8 0.5', lambda: E('8', 8) and E('0.5', round(code(8, 8), 4))),
        ('32 0.2', lambda: E('32', 32) and E('0.2', round(code(8, 32), 4))),
        ('128 0.0588', lambda: E('128', 128) and E('0.0588', round(code(8, 128), 4))),
        ('153 0.0497', lambda: E('153', 153) and E('0.0497', round(code(8, 153), 4))),
        ('How many micro-batches do we need', lambda: E('5', 5)),
        ('$$\\frac{p}{m + p} < 0.05 \\iff 20p', lambda: all(((p / (m + p) < 0.05) == (20 * p < m + p) == (m > 19 * p))
            for p in range(1, 20) for m in range(1, 600)) and E('0.05', 0.05) and E('20', 20) and E('19', 19)),
        ('so with $p = 8$ we need $m > 152$', lambda: ALL(E('8', 8), E('152', max(m for m in range(1, 400) if bub(8, m) >= 0.05)),
            E('153', min(m for m in range(1, 400) if bub(8, m) < 0.05)), E('8', 8), E('32', 32),
            E('25', 100 * (gp(8, 32)[0] - 32 * 3.0) / (32 * 3.0)))),
        ('**[markdown]** **1F1B (PipeDream-Flush).**', lambda: ALL(E('1', 1), schedule(8, 32, onef1b(8, 32))[0] == gp(8, 32)[0],
            schedule(8, 32, onef1b(8, 32))[1] == 8, gp(8, 32)[1] == 32, E('8', 8), E('32', 32), E('32', 32), E('8', 8),
            E('4', gp(8, 32)[1] / schedule(8, 32, onef1b(8, 32))[1]))),
        ('**[markdown]** **Interleaved 1F1B (Megatron-LM).**', lambda: ALL(E('1', 1), E('2', 2),
            E('25', 100 * (8 - 1) / 32), E('8', 8), E('64', 2 * 32), E('12.5', 100 * (8 - 1) / (2 * 32)))),   # (p-1)/(v m), Narayanan et al. 2021
        ('interleaved_overhead(8, 32, 2)   # 0.125', lambda: E('8', 8) and E('32', 32) and E('2', 2) and E('0.125', 8 / (2 * 32))),
    ]

# ------------------------------------------------------------ number accounting
def _skip_group(s, i):
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
    s = re.sub(r'(?<=\d)_(?=\d)', '', s)                                   # 100_000
    s = re.sub(r'(\\[A-Za-z]+)(?=\d)', r'\1 ', s)                         # \times10 -> \times 10
    if comma:
        s = s.replace('{,}', '.')
        s = re.sub(r'(?<=\d),(?=\d)', '.', s)
        s = re.sub(r'(?<=\d)(?:\\,|[ \u00a0\u202f])+(?=\d{3}(?!\d))', '', s)  # 7\,087\,872 / 58 368
    else:
        s = s.replace('{,}', '')
        s = re.sub(r'(?<=\d),(?=\d{3}(?!\d))', '', s)                     # 1,342,177,280
        s = re.sub(r'(?<=\d)\\,(?=\d{3}(?!\d))', '', s)
    out, i = [], 0
    while i < len(s):
        ch = s[i]
        if ch == '_' and not re.match(r'_[A-Za-z]*\(', s[i:]):              # subscripts are labels
            i = _skip_group(s, i + 1); continue
        if ch == '^' and re.match(r'\^\{?\(\d+\)', s[i:]):                # block labels ^{(1)}
            i = _skip_group(s, i + 1); continue
        out.append(ch); i += 1
    return ''.join(out)

def line_tokens(line, comma):
    s = re.sub(r'^\s*(>\s*)+', '', line)
    s = re.sub(r'^\s*#+\s*\d+(?:\.\d+)*\.?\s', '', s)                   # numbered heading
    s = re.sub(r'^\s*\d+\.\s', '', s)                                     # list enumerator
    return re.findall(r'(?<![A-Za-z0-9_.)\]}])-?(?<![A-Za-z0-9_.])[0-9]+(?:\.[0-9]+)?', normalise(s, comma))

def account(line, lits, ctx, comma):
    toks = line_tokens(line, comma)
    left = Counter(toks); probs = []
    for t in lits:
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
    pos = 0
    for t in lits:
        try:
            pos = toks.index(t, pos) + 1
        except ValueError:
            probs.append(f'checked value {t!r} out of order'); pos = len(toks) + 1
            break
    return probs

# ------------------------------------------------------------------ driver
MATH_CHARS = set('$∂∑σ′∇√‖⊙∘∈≤≥←→≈×·ε∞≠⌊⌋')
STRUCT = re.compile(r'^(\$\$|\\\[|\\\]|\\begin\{[a-z*]+\}|\\end\{[a-z*]+\}|```.*)$')

def math_lines(lines):
    out, in_disp, in_code = set(), False, False
    for i, ln in enumerate(lines, 1):
        raw = ln.strip()
        s = re.sub(r'^\s*(>\s*)+', '', raw)
        if raw.startswith('```'):
            in_code = not in_code; continue
        if raw.startswith('<!--') or not s:
            continue
        if not in_code:
            if s == '$$':
                in_disp = not in_disp; continue
            if s == '\\[' or re.fullmatch(r'\\begin\{[a-z*]+\}', s):
                in_disp = True; continue
            if s == '\\]' or re.fullmatch(r'\\end\{[a-z*]+\}', s):
                in_disp = False; continue
        if STRUCT.match(s):
            continue
        if (in_disp or '`' in s or '\\(' in s or any(ch in MATH_CHARS for ch in s)
                or (s.startswith('|') and re.search(r'[0-9]', s) and not re.fullmatch(r'[|\-: ]+', s))
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
        elif not ok:
            problems += [f'line {ln}: {p}' for p in account(text, list(_LITS), '', comma) if p.startswith('checked')]
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
