#!/usr/bin/env python3
"""Independent NumPy check of the corpus.  For every file: (key, predicate) pairs.
The key is a substring identifying exactly one line; the predicate gets that line
and recomputes what it claims.  Every line containing `$` or lying inside a $$..$$
display must be covered (pure structural lines such as `$$`, `\\begin{aligned}` excepted)."""
import json, os, re, sys
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
CHECKS = {}

class CheckBug(Exception):
    pass

# ---------------------------------------------------------------- helpers
def num(s):
    return float(s.replace('{,}', '.').replace(',', '.'))

def ndec(s):
    t = s.replace('{,}', '.').replace(',', '.')
    return len(t.split('.')[1]) if '.' in t else 0

def close(s, v, *alts):
    """shown string s equals value v (or an alternative carried-forward value) to its shown precision"""
    d = ndec(s)
    tol = 0.5 * 10 ** (-d) + 1e-9 if d > 0 else 1e-9
    return any(abs(num(s) - float(x)) <= tol for x in (v,) + alts)

def cl(L, s, v, *alts):
    has(L, s)
    return close(s, v, *alts)

SPANS = []   # character spans of the current line that a predicate has read and checked

def mark(a, b):
    SPANS.append((a, b))

def has(L, *subs):
    """the literal text must occur in the line; every occurrence is marked as checked"""
    for t in subs:
        if t not in L:
            raise CheckBug("%r not found in line %r" % (t, L))
        k = L.find(t)
        while k >= 0:
            mark(k, k + len(t)); k = L.find(t, k + 1)
    return True

def cls(L, *pairs):
    return all([cl(L, p[0], *p[1:]) for p in pairs])

def bm(L, k=0):
    """entries (as strings) of the k-th single-line bmatrix of the line"""
    ms = list(re.finditer(r'\\begin\{bmatrix\}(.*?)\\end\{bmatrix\}', L))
    if len(ms) <= k:
        raise CheckBug("no bmatrix #%d in %r" % (k, L))
    mark(*ms[k].span())
    rows = [r for r in ms[k].group(1).split('\\\\')]
    return [[e.strip() for e in r.split('&')] for r in rows]

def bm_ok(L, k, M):
    ent = bm(L, k)
    M = np.atleast_2d(np.asarray(M, float))
    if len(ent) != M.shape[0] or any(len(r) != M.shape[1] for r in ent):
        return False
    return all(close(ent[i][j], M[i, j]) for i in range(M.shape[0]) for j in range(M.shape[1]))

def row_ok(L, vals):
    mark(0, len(L))
    ent = [e.strip() for e in L.replace('\\\\', '').split('&')]
    return len(ent) == len(vals) and all(close(e, v) for e, v in zip(ent, vals))

def fd(f, x, h=1e-6):
    """central-difference gradient of scalar f at x (scalar or array)"""
    x = np.array(x, float)
    if x.ndim == 0:
        return (f(x + h) - f(x - h)) / (2 * h)
    g = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        e = np.zeros_like(x); e[idx] = h
        g[idx] = (f(x + e) - f(x - e)) / (2 * h)
    return g

def fd_jac(f, x, h=1e-6):
    x = np.array(x, float)
    cols = []
    for j in range(x.size):
        e = np.zeros_like(x); e.flat[j] = h
        cols.append((np.asarray(f(x + e)) - np.asarray(f(x - e))).ravel() / (2 * h))
    return np.stack(cols, axis=1)

def near(a, b, tol=1e-5):
    return np.allclose(np.asarray(a, float), np.asarray(b, float), atol=tol, rtol=1e-5)

RNG = np.random.default_rng(46)
PTS = np.array([-2.3, -0.7, 0.0, 0.4, 1.1, 2.9])
G = lambda L: True          # GIVEN: definitions, data, notation

sig = lambda x: 1.0 / (1.0 + np.exp(-x))
softmax = lambda z: np.exp(z - np.max(z)) / np.exp(z - np.max(z)).sum()

def forall(pred, pts=PTS):
    return all(pred(x) for x in pts)

# ---------------------------------------------------------------- evaluating the arithmetic a line shows
def _frac_to_py(t):
    """\\frac{a}{b} / \\tfrac{a}{b} (with nested braces) -> ((a)/(b))"""
    while True:
        m = re.search(r'\\t?frac\s*\{', t)
        if not m:
            return t
        i = m.end() - 1; depth = 0; j = i
        while True:
            depth += {'{': 1, '}': -1}.get(t[j], 0)
            if depth == 0:
                break
            j += 1
        num_ = t[i + 1:j]
        k = j + 1
        assert t[k] == '{', t
        depth = 0; l = k
        while True:
            depth += {'{': 1, '}': -1}.get(t[l], 0)
            if depth == 0:
                break
            l += 1
        den = t[k + 1:l]
        t = t[:m.start()] + '((' + num_ + ')/(' + den + '))' + t[l + 1:]

def tex2py(t):
    t = t.replace('{,}', '.')
    t = re.sub(r'\\cos\s*([\d.]+)\s*\\pi', r'cos(\1*pi)', t)
    t = re.sub(r'\\t?frac\s*(\d)(\d)', r'(\1/\2)', t)
    t = _frac_to_py(t)
    t = re.sub(r'\\(?:left|right|bigl|bigr|Bigl|Bigr|textstyle)', ' ', t)
    t = t.replace('\\,', ' ').replace('\\;', ' ').replace('\\ ', ' ')
    t = re.sub(r'\\sqrt\s*(\d+(?:\.\d+)?)', r'sqrt(\1)', t)
    t = t.replace('\\cdot', '*').replace('\\times', '*')
    t = t.replace('\\lfloor', 'floor(').replace('\\rfloor', ')')
    for f in ('tanh', 'sqrt', 'cos', 'log', 'ln', 'pi', 'exp'):
        t = t.replace('\\' + f, f)
    t = t.replace('{', '(').replace('}', ')').replace('[', '(').replace(']', ')').replace('^', '**')
    t = re.sub(r'\b(log|ln|cos|sqrt|tanh)\s+([\d.]+)', r'\1(\2)', t)
    t = re.sub(r'(?<=[\d)])\s*(?=\(|sqrt|cos|log|ln|pi|floor|e\*\*)', '*', t)
    return t

EVAL_NS = dict(tanh=np.tanh, sqrt=np.sqrt, cos=np.cos, log=np.log, ln=np.log, pi=np.pi, floor=np.floor, exp=np.exp, e=np.e)

def ev(t):
    return float(eval(tex2py(t), {'__builtins__': {}}, dict(EVAL_NS)))

def half_ulps(t):
    return sum(0.5 * 10 ** (-ndec(x)) for x in re.findall(r'\d+(?:\{,\}\d+|\.\d+)', t))

def chain(L, seg):
    """the shown chain `A = B \\approx C ...` must hold: '=' exactly, '\\approx' up to the rounding of the shown literals"""
    has(L, seg)
    parts = re.split(r'\s*(=|\\approx)\s*', seg)
    vals = [ev(p) for p in parts[0::2]]
    for k, op in enumerate(parts[1::2]):
        a, b = vals[k], vals[k + 1]
        hu = half_ulps(parts[2 * k]) + half_ulps(parts[2 * k + 2])
        if op == '=':      # exact, except for literals that are themselves rounded
            tol = hu * max(1.0, abs(a)) + 1e-9 * max(1.0, abs(a))
        else:
            tol = 2 * hu * max(1.0, abs(a)) + 1e-9
        if abs(a - b) > tol:
            return False
    return True

def lst(s):
    """a bracketed list literal such as [1, -1, 2]"""
    return np.array([float(v) for v in s.strip('[]').split(',')])

def vec_ok(L, s, vals):
    """a tuple written like (0{,}3;\\ 0{,}6) must be in the line and match vals to its shown precision"""
    has(L, s)
    parts = [p.strip().replace('\\ ', '') for p in s.strip('()').split(';')]
    return len(parts) == len(vals) and all(close(p, v) for p, v in zip(parts, vals))

def sym_eq(L, seg, subs, points, ref=None):
    """A symbolic chain `A = B = C` on the line: evaluate every side (after the given LaTeX -> Python
    substitutions) at the sample points; all sides must agree, and with the reference if one is given."""
    has(L, seg)
    t = seg.replace('&', '')
    for a, b in subs:
        t = t.replace(a, b)
    sides = [tex2py(p) for p in re.split(r'(?<![<>!])=(?!=)', t) if p.strip()]
    fixed = []
    for p in sides:
        p = re.sub(r'(?<=\d)(?=[A-Za-z_(])', '*', p)          # 2x -> 2*x
        p = re.sub(r'(?<=[\w)])\s+(?=[\w(])', '*', p)         # juxtaposition -> product
        p = re.sub(r'\)\s*\(', ')*(', p)
        p = re.sub(r'\b([a-z])\s*\(', r'\1*(', p)             # single-letter variables are never functions
        fixed.append(p)
    for pt in points:
        ns = dict(EVAL_NS); ns.update(SYMNS); ns.update(pt)
        vals = [float(eval(p, {'__builtins__': {}}, ns)) for p in fixed]
        if ref is not None:
            vals.append(float(ref(**pt)))
        if max(vals) - min(vals) > 1e-6 * max(1.0, max(abs(v) for v in vals)):
            return False
    return True

SYMNS = {}

# ======================================================== 01 activations
s5 = sig(0.5)
softplus = lambda x: np.log1p(np.exp(x))
swish = lambda x: x * sig(x)
SYMNS.update(SIG=sig, DSIG=lambda x: fd(sig, x), TANH=np.tanh, DTANH=lambda x: fd(np.tanh, x),
             SOFTPLUS=softplus, DSOFTPLUS=lambda x: fd(softplus, x), SWISH=swish, DSWISH=lambda x: fd(swish, x))
PX = [dict(x=v) for v in PTS]
CHECKS['01_activation_derivatives.md'] = [
    ("Let me write", lambda L: sym_eq(L, "\\sigma(x) = \\frac{1}{1+e^{-x}}", [("\\sigma(x)", "SIG(x)")], PX), 'sym'),
    ("\\sigma'(x) &= \\frac{e^{-x}}{(1+e^{-x})^2}",
     lambda L: sym_eq(L, "\\sigma'(x) &= \\frac{e^{-x}}{(1+e^{-x})^2}", [("\\sigma'(x)", "DSIG(x)")], PX), 'sym'),
    ("\\cdot\\frac{e^{-x}}{1+e^{-x}}",
     lambda L: sym_eq(L, "&= \\frac{1}{1+e^{-x}}\\cdot\\frac{e^{-x}}{1+e^{-x}}", [], PX, ref=lambda x: fd(sig, x)), 'sym'),
    ("&= \\sigma(x)\\bigl(1-\\sigma(x)\\bigr).",
     lambda L: sym_eq(L, "&= \\sigma(x)\\bigl(1-\\sigma(x)\\bigr)", [("\\sigma", "SIG")], PX, ref=lambda x: fd(sig, x)), 'sym'),
    ("we have $\\sigma(0.5)",
     lambda L: has(L, "At $x = 0.5$", "\\sigma(0.5)", "\\sigma'(0.5)") and cl(L, "0.6225", s5)
               and chain(L, "0.6225 \\cdot 0.3775 \\approx 0.2350") and close("0.3775", 1 - s5) and close("0.2350", fd(sig, 0.5))),
    ("Since $\\tanh x = 2\\sigma(2x) - 1$",
     lambda L: sym_eq(L, "\\tanh x = 2\\sigma(2x) - 1", [("\\tanh x", "TANH(x)"), ("\\sigma", "SIG")], PX)
               and sym_eq(L, "\\tanh'(x) = 4\\sigma(2x)\\bigl(1-\\sigma(2x)\\bigr) = 1 - \\tanh^2 x",
                          [("\\tanh'(x)", "DTANH(x)"), ("\\tanh^2 x", "TANH(x)**2"), ("\\sigma", "SIG")], PX), 'sym'),
    ("\\tanh(0.5) \\approx 0.4621",
     lambda L: has(L, "At $x = 0.5$", "\\tanh(0.5)", "\\tanh'(0.5)") and cl(L, "0.4621", np.tanh(0.5))
               and chain(L, "1 - 0.2136 = 0.7864") and close("0.2136", np.tanh(0.5)**2) and close("0.7864", fd(np.tanh, 0.5))),
    ("**Softplus.**", lambda L: sym_eq(L, "\\operatorname{softplus}(x) = \\ln(1+e^x)", [("\\operatorname{softplus}(x)", "SOFTPLUS(x)")], PX)
                                and forall(lambda x: abs(fd(softplus, x) - sig(x)) < 1e-7), 'sym'),
    ("\\frac{d}{dx}\\ln(1+e^{x})",
     lambda L: sym_eq(L, "\\frac{d}{dx}\\ln(1+e^{x}) = \\frac{e^{x}}{1+e^{x}} = \\sigma(x)",
                      [("\\frac{d}{dx}\\ln(1+e^{x})", "DSOFTPLUS(x)"), ("\\sigma", "SIG")], PX), 'sym'),
    ("the slope is",
     lambda L: has(L, "at $x = 0.5$") and cl(L, "0.6225", fd(softplus, 0.5))
               and chain(L, "\\ln(1+e^{0.5}) \\approx 0.9741") and close("0.9741", softplus(0.5))),
    ("**Swish.**", lambda L: sym_eq(L, "\\operatorname{swish}(x) = x\\,\\sigma(x)", [("\\operatorname{swish}(x)", "SWISH(x)"), ("\\sigma", "SIG")], PX), 'sym'),
    ("\\operatorname{swish}'(x) = \\sigma(x) +",
     lambda L: sym_eq(L, "\\operatorname{swish}'(x) = \\sigma(x) + x\\,\\sigma(x)\\bigl(1-\\sigma(x)\\bigr) = \\sigma(x)\\bigl(1 + x(1-\\sigma(x))\\bigr)",
                      [("\\operatorname{swish}'(x)", "DSWISH(x)"), ("\\sigma", "SIG")], PX), 'sym'),
    ("Plugging in",
     lambda L: has(L, "$x = 0.5$", "\\operatorname{swish}'(0.5)")
               and chain(L, "0.6225\\,(1 + 0.5\\cdot 0.3775) \\approx 0.6225 \\cdot 1.1888 \\approx 0.7400")
               and close("0.6225", s5) and close("0.3775", 1 - s5) and close("1.1888", 1 + 0.5*(1-s5))
               and close("0.7400", fd(swish, 0.5))),
    ("A quick sanity check",
     lambda L: has(L, "at $x = 0.5$", "\\tanh'(0) = 1", "\\sigma'(0) = \\tfrac14", "4\\sigma'(2x)")
               and fd(sig, 0.5) > 0 and fd(np.tanh, 0.5) > 0 and fd(softplus, 0.5) > 0 and fd(swish, 0.5) > 0
               and abs(fd(np.tanh, 0.0) - 1) < 1e-7 and abs(fd(sig, 0.0) - 0.25) < 1e-7
               and sym_eq(L, "\\tanh'(x) = 4\\sigma'(2x)", [("\\tanh'(x)", "DTANH(x)"), ("\\sigma'", "DSIG")], PX)),
]

# ======================================================== 02 BCE single neuron
x2 = np.array([2., 1.]); w2 = np.array([0.5, -0.3]); b2 = 0.1; y2 = 1.0
z2 = w2 @ x2 + b2; a2 = sig(z2)
bce = lambda a, y: -(y*np.log(a) + (1-y)*np.log(1-a))
gwb = fd(lambda p: bce(sig(p[:2] @ x2 + p[2]), y2), np.r_[w2, b2])
ZY = [(z, y) for z in PTS for y in (0.0, 0.3, 1.0)]
dLdz = lambda z, y: fd(lambda t: bce(sig(t), y), z)
SYMNS.update(DLDA=lambda a, y: fd(lambda t: bce(t, y), a), DLDZ=dLdz)
PZYA = [dict(z=z, y=y, a=sig(z)) for z, y in ZY]
CHECKS['02_bce_single_neuron.md'] = [
    ("**Datos.**",
     lambda L: has(L, "$x = (2,\\ 1)$", "$w = (0{,}5,\\ -0{,}3)$", "$b = 0{,}1$", "$y = 1$")
               and near(x2, [2, 1], 0) and near(w2, [num("0{,}5"), num("-0{,}3")], 0) and b2 == num("0{,}1") and y2 == 1),
    ("$$z = w^\\top x + b = ",
     lambda L: chain(L, "0{,}5\\cdot 2 + (-0{,}3)\\cdot 1 + 0{,}1 = 0{,}8") and close("0,8", z2)),
    ("$$a = \\sigma(z) = ", lambda L: chain(L, "\\frac{1}{1+e^{-0{,}8}} \\approx 0{,}6900") and close("0,6900", sig(z2))),
    ("La pérdida, donde $a$", G),
    ("$$L = -\\bigl[",
     lambda L: has(L, "-\\bigl[y\\ln a + (1-y)\\ln(1-a)\\bigr]") and abs(bce(0.69, 1.0) + np.log(0.69)) < 1e-12
               and chain(L, "-\\ln(0{,}6900) \\approx 0{,}3711") and close("0,3711", bce(a2, y2))),
    ("Usando $\\sigma'(z) = a(1-a)$", lambda L: sym_eq(L, "\\sigma'(z) = a(1-a)", [("\\sigma'(z)", "DSIG(z)")], PZYA), 'sym'),
    ("\\frac{\\partial L}{\\partial a} &= -\\frac{y}{a}",
     lambda L: sym_eq(L, "\\frac{\\partial L}{\\partial a} &= -\\frac{y}{a} + \\frac{1-y}{1-a}",
                      [("\\frac{\\partial L}{\\partial a}", "DLDA(a,y)")], PZYA), 'sym'),
    ("= -y(1-a) + (1-y)\\,a",
     lambda L: sym_eq(L, "\\frac{\\partial L}{\\partial z} &= \\frac{\\partial L}{\\partial a}\\, a(1-a) = -y(1-a) + (1-y)\\,a",
                      [("\\frac{\\partial L}{\\partial z}", "DLDZ(z,y)"), ("\\frac{\\partial L}{\\partial a}", "DLDA(a,y)")], PZYA), 'sym'),
    ("&= y - a", lambda L: sym_eq(L, "&= y - a", [], PZYA, ref=lambda z, y, a: dLdz(z, y)), 'sym'),
    ("**3. Números.**", lambda L: chain(L, "1 - 0{,}6900 = 0{,}3100") and close("0,3100", dLdz(z2, y2))),
    ("\\frac{\\partial L}{\\partial w} = \\frac{\\partial L}{\\partial z}\\,x",
     lambda L: has(L, "(0{,}6200,\\ 0{,}3100)", "= 0{,}3100$$") and close("0,6200", gwb[0])
               and close("0,3100", gwb[1]) and close("0,3100", gwb[2])),
    ("con $\\eta = 0{,}1$", G),
    ("$$w \\leftarrow w - \\eta",
     lambda L: has(L, "(0{,}5 - 0{,}062,\\ -0{,}3 - 0{,}031) = (0{,}438,\\ -0{,}331)")
               and abs(ev("0{,}5 - 0{,}062") - 0.438) < 1e-12 and abs(ev("-0{,}3 - 0{,}031") + 0.331) < 1e-12
               and close("0,062", 0.1*gwb[0]) and close("0,031", 0.1*gwb[1])
               and close("0,438", w2[0] - 0.1*gwb[0]) and close("-0,331", w2[1] - 0.1*gwb[1])),
    ("$$b \\leftarrow", lambda L: chain(L, "0{,}1 - 0{,}031 = 0{,}069") and close("0,069", b2 - 0.1*gwb[2])),
]

# ======================================================== 03 softmax + CE
def ce(z, y):
    return -(y * np.log(softmax(z))).sum()
ZS = [RNG.normal(size=4) for _ in range(4)]
ONEHOT = [np.eye(4)[k] for k in range(4)]
PROBY = [v / v.sum() for v in (RNG.random(4) for _ in range(3))]
z3 = np.array([2.0, 1.0, 0.1]); y3 = np.array([1., 0., 0.]); p3 = softmax(z3)
g3 = fd(lambda z: ce(z, y3), z3)
CHECKS['03_softmax_cross_entropy.md'] = [
    ("Setup: logits", G),
    ("First, $\\frac{\\partial p_i}{\\partial z_k}",
     lambda L: all(near(fd_jac(softmax, z), np.diag(softmax(z)) - np.outer(softmax(z), softmax(z)), 1e-7) for z in ZS), 'sym'),
    ("&= -\\sum_i \\frac{y_i}{p_i}\\, p_i(\\delta_{ik} - p_k)",
     lambda L: all(near(fd(lambda t: ce(t, y), z),
                        [-(y / softmax(z) * softmax(z) * ((np.arange(4) == k) - softmax(z)[k])).sum() for k in range(4)], 1e-6)
                   for z in ZS for y in ONEHOT + PROBY), 'sym'),
    ("&= -y_k + p_k \\sum_i y_i",
     lambda L: all(near([-(y * ((np.arange(4) == k) - softmax(z)[k])).sum() for k in range(4)],
                        -y + softmax(z) * y.sum(), 1e-12)
                   for z in ZS for y in [RNG.random(4) * 3 for _ in range(3)]), 'sym'),
    ("&= p_k - y_k", lambda L: all(near(fd(lambda t: ce(t, y), z), softmax(z) - y, 1e-6) for z in ZS for y in ONEHOT + PROBY), 'sym'),
    ("So in vector form", lambda L: all(near(fd(lambda t: ce(t, y), z), softmax(z) - y, 1e-6) for z in ZS for y in ONEHOT), 'sym'),
    ("Take $z = (2.0",
     lambda L: has(L, "$z = (2.0,\\ 1.0,\\ 0.1)$", "$y = (1, 0, 0)$") and near(z3, [2.0, 1.0, 0.1], 0) and near(y3, [1, 0, 0], 0)),
    ("- exponentials",
     lambda L: chain(L, "e^{2} \\approx 7.3891") and chain(L, "e^{1} \\approx 2.7183") and chain(L, "e^{0.1} \\approx 1.1052")
               and cl(L, "11.2125", np.exp(z3).sum())),
    ("- probabilities", lambda L: cls(L, ("0.6590", p3[0]), ("0.2424", p3[1]), ("0.0986", p3[2]))),
    ("- loss:", lambda L: chain(L, "-\\log 0.6590 \\approx 0.4170") and close("0.4170", ce(z3, y3))),
    ("- gradient:", lambda L: cls(L, ("-0.3410", g3[0]), ("0.2424", g3[1]), ("0.0986", g3[2]))),
    ("Sanity check: the gradient entries",
     lambda L: chain(L, "-0.3410 + 0.2424 + 0.0986 = 0") and has(L, "\\sum_k p_k = \\sum_k y_k = 1")
               and abs(g3.sum()) < 1e-6 and abs(p3.sum() - 1) < 1e-12 and y3.sum() == 1),
]

# ======================================================== 04 softmax Jacobian
z4 = np.array([0.0, np.log(2), np.log(5)]); s4 = softmax(z4)
J4 = fd_jac(softmax, z4, 1e-6)
CHECKS['04_softmax_jacobian.md'] = [
    ("Sei $s = \\operatorname{softmax}(z)$", G),
    ("\\frac{\\partial s_i}{\\partial z_j} =", G),   # left-hand side of the cases display; the cases are checked below
    ("s_i(1 - s_i), & i = j", lambda L: all(near(np.diag(fd_jac(softmax, z)), softmax(z) * (1 - softmax(z)), 1e-7) for z in ZS), 'sym'),
    ("-s_i s_j, & i \\neq j",
     lambda L: all(near((fd_jac(softmax, z) + np.outer(softmax(z), softmax(z)))[~np.eye(4, dtype=bool)], 0, 1e-7) for z in ZS), 'sym'),
    ("kompakt also", lambda L: all(near(fd_jac(softmax, z), np.diag(softmax(z)) - np.outer(softmax(z), softmax(z)), 1e-7) for z in ZS), 'sym'),
    ("Nimm $z = (0,",
     lambda L: has(L, "z = (0,\\ \\ln 2,\\ \\ln 5)") and chain(L, "1 + 2 + 5 = 8") and near(np.exp(z4), [1, 2, 5], 1e-12)
               and abs(np.exp(z4).sum() - 8) < 1e-12),
    ("\\tfrac18,\\ \\tfrac28",
     lambda L: has(L, "\\left(\\tfrac18,\\ \\tfrac28,\\ \\tfrac58\\right)") and near(s4, [1/8, 2/8, 5/8], 1e-12)
               and cls(L, ("0{,}125", s4[0]), ("0{,}25", s4[1]), ("0{,}625", s4[2]))),
    ("Diagonale:",
     lambda L: chain(L, "0{,}125\\cdot 0{,}875 = 0{,}109375") and chain(L, "0{,}25\\cdot 0{,}75 = 0{,}1875")
               and chain(L, "0{,}625\\cdot 0{,}375 = 0{,}234375") and near(1 - s4, [0.875, 0.75, 0.375], 1e-12)
               and near(np.diag(J4), [0.109375, 0.1875, 0.234375], 1e-8)),
    ("Nebendiagonale:",
     lambda L: cls(L, ("0{,}03125", s4[0]*s4[1]), ("0{,}078125", s4[0]*s4[2]), ("0{,}15625", s4[1]*s4[2]))
               and has(L, "s_1s_2 = 0{,}03125", "s_1s_3 = 0{,}078125", "s_2s_3 = 0{,}15625")),
    ("J = \\begin{bmatrix}", G),
    ("0{,}109375 & -0{,}03125 & -0{,}078125", lambda L: row_ok(L, J4[0])),
    ("-0{,}03125 & 0{,}1875 & -0{,}15625", lambda L: row_ok(L, J4[1])),
    ("-0{,}078125 & -0{,}15625 & 0{,}234375", lambda L: row_ok(L, J4[2])),
    ("Kontrolle: jede Zeile",
     lambda L: has(L, "zu $0$", "\\sum_i s_i = 1$", "\\sum_i \\partial s_i/\\partial z_j = 0$")
               and chain(L, "0{,}109375 - 0{,}03125 - 0{,}078125 = 0")
               and near(J4.sum(axis=1), 0, 1e-7) and near(J4.sum(axis=0), 0, 1e-7) and near(J4, J4.T, 1e-7)),
    ("Außerdem folgt", lambda L: has(L, "J\\mathbf{1} = 0$", "(Rang $2$)")
                                 and near(J4 @ np.ones(3), 0, 1e-7) and np.linalg.matrix_rank(J4, tol=1e-6) == 2),
]

# ======================================================== 05 MSE / normal equations
X5 = np.array([[1, 1], [1, 2], [1, 3.]]); y5 = np.array([1, 2, 2.]); m5 = 3
mse = lambda w, X=X5, y=y5: ((X @ w - y) ** 2).mean()
RX = [(RNG.normal(size=(5, 3)), RNG.normal(size=5), RNG.normal(size=3)) for _ in range(3)]
g5 = fd(mse, np.zeros(2))
wstar = np.linalg.lstsq(X5, y5, rcond=None)[0]
CHECKS['05_mse_linear_regression.md'] = [
    ("We fit $\\hat y = Xw$", G),
    ("$$L(w) = \\frac{1}{m}\\lVert Xw - y\\rVert^2",
     lambda L: all(abs(np.sum((X @ w - y) ** 2) / 5 - (X @ w - y) @ (X @ w - y) / 5) < 1e-12 for X, y, w in RX), 'sym'),
    ("$$L(w) = \\frac{1}{m}\\left(w^\\top X^\\top X w",
     lambda L: all(abs(mse(w, X, y) - (w @ X.T @ X @ w - 2 * y @ X @ w + y @ y) / 5) < 1e-12 for X, y, w in RX), 'sym'),
    ("and using $\\nabla_w (w^\\top A w) = 2Aw$",
     lambda L: all(near(fd(lambda v: v @ (A + A.T) @ v, w), 2 * (A + A.T) @ w, 1e-6) and near(fd(lambda v: c @ v, w), c, 1e-8)
                   for A, c, w in [(RNG.normal(size=(3, 3)), RNG.normal(size=3), RNG.normal(size=3)) for _ in range(3)]), 'sym'),
    ("$$\\nabla_w L = \\frac{1}{m}\\left(2X^\\top X w",
     lambda L: all(near(fd(lambda v: mse(v, X, y), w), (2 * X.T @ X @ w - 2 * X.T @ y) / 5, 1e-6)
                   and near(fd(lambda v: mse(v, X, y), w), X.T @ (X @ w - y) / 5, 1e-6) for X, y, w in RX), 'sym'),
    ("$$X = \\begin{bmatrix} 1 & 1", lambda L: bm_ok(L, 0, X5) and bm_ok(L, 1, y5[:, None]) and has(L, "m = 3.") and len(y5) == m5),
    ("At $w_0 = (0, 0)^\\top$",
     lambda L: has(L, "w_0 = (0, 0)^\\top", "(-1, -2, -2)^\\top", "(-5, -11)^\\top") and near(X5 @ np.zeros(2) - y5, [-1, -2, -2], 0)
               and near(X5.T @ (X5 @ np.zeros(2) - y5), [-5, -11], 0)),
    ("$$\\nabla_w L(w_0) = \\tfrac{1}{3}(-5, -11)^\\top",
     lambda L: has(L, "\\tfrac{1}{3}(-5, -11)^\\top") and near(g5, np.array([-5, -11]) / 3, 1e-6)
               and cls(L, ("-1.6667", g5[0]), ("-3.6667", g5[1])) and close("-1.6667", -5 / 3) and close("-3.6667", -11 / 3)),
    ("One gradient step", lambda L: has(L, "\\eta = 0.1$") and cls(L, ("0.1667", -0.1 * g5[0]), ("0.3667", -0.1 * g5[1]))),
    ("**(c) Normal equations.**",
     lambda L: has(L, "\\nabla_w L = 0$")
               and all(near(fd(lambda v: mse(v, X, y), np.linalg.solve(X.T @ X, X.T @ y)), 0, 1e-6) for X, y, _ in RX)),
    ("$$X^\\top X = \\begin{bmatrix} 3 & 6", lambda L: bm_ok(L, 0, X5.T @ X5) and bm_ok(L, 1, (X5.T @ y5)[:, None])),
    ("Since $\\det(X^\\top X) = 42 - 36 = 6$",
     lambda L: chain(L, "42 - 36 = 6") and abs(np.linalg.det(X5.T @ X5) - 6) < 1e-9 and 3 * 14 == 42 and 6 * 6 == 36),
    ("$$w^\\ast = \\frac{1}{6}\\begin{bmatrix} 14 & -6",
     lambda L: has(L, "\\frac{1}{6}") and near(np.linalg.inv(X5.T @ X5), np.array([[14, -6], [-6, 3]]) / 6, 1e-12)
               and bm_ok(L, 0, [[14, -6], [-6, 3]]) and bm_ok(L, 1, [[5], [11]])
               and near(np.array([[14, -6], [-6, 3]]) @ [5, 11], [4, 3], 0) and bm_ok(L, 2, [[4], [3]])
               and bm_ok(L, 3, wstar[:, None]) and near(wstar, [4 / 6, 3 / 6], 1e-12)),
    ("Check: $Xw^\\ast - y",
     lambda L: has(L, "\\left(\\tfrac16,\\ -\\tfrac13,\\ \\tfrac16\\right)^\\top",
                   "\\left(0,\\ \\tfrac16 - \\tfrac23 + \\tfrac12\\right)^\\top = (0, 0)^\\top")
               and near(X5 @ wstar - y5, [1 / 6, -1 / 3, 1 / 6], 1e-12) and abs(ev("\\tfrac16 - \\tfrac23 + \\tfrac12")) < 1e-12
               and near(X5.T @ (X5 @ wstar - y5), [0, ev("\\tfrac16 - \\tfrac23 + \\tfrac12")], 1e-12) and near(fd(mse, wstar), 0, 1e-7)),
    ("The minimum loss",
     lambda L: chain(L, "\\frac{1}{3}\\left(\\frac{1}{36} + \\frac{1}{9} + \\frac{1}{36}\\right) = \\frac{1}{18}")
               and abs(mse(wstar) - 1 / 18) < 1e-12 and near(np.sort((X5 @ wstar - y5) ** 2), np.sort([1 / 36, 1 / 9, 1 / 36]), 1e-12)),
]

# ======================================================== 06 two-layer network (Coursera notation)
X6 = np.array([[1, 2], [0, -1.]]); Y6 = np.array([[1, 0.]])
W1_6 = np.array([[0.5, -0.5], [1, 2.]]); b1_6 = np.array([[0], [-0.5]]); W2_6 = np.array([[1, -1.]]); b2_6 = 0.0
m6 = X6.shape[1]
def cost6(W1=W1_6, b1=b1_6, W2=W2_6, b2=b2_6):
    A1 = np.maximum(W1 @ X6 + b1, 0); A2 = sig(W2 @ A1 + b2)
    return -np.mean(Y6 * np.log(A2) + (1 - Y6) * np.log(1 - A2))
Z1_6 = W1_6 @ X6 + b1_6; A1_6 = np.maximum(Z1_6, 0); Z2_6 = W2_6 @ A1_6 + b2_6; A2_6 = sig(Z2_6)
def cost_from_Z2(Z2):
    A2 = sig(Z2); return -np.mean(Y6 * np.log(A2) + (1 - Y6) * np.log(1 - A2))
def cost_from_Z1(Z1):
    return cost_from_Z2(W2_6 @ np.maximum(Z1, 0) + b2_6)
dZ2_fd = m6 * fd(cost_from_Z2, Z2_6)           # course convention: dZ = m * dJ/dZ
dW2_fd = fd(lambda W: cost6(W2=W), W2_6)
db2_fd = fd(lambda b: cost6(b2=b), b2_6)
dZ1_fd = m6 * fd(cost_from_Z1, Z1_6)
dW1_fd = fd(lambda W: cost6(W1=W), W1_6)
db1_fd = fd(lambda b: cost6(b1=b), b1_6)
dZ1_formula = (W2_6.T @ (A2_6 - Y6)) * (Z1_6 > 0)
CHECKS['06_two_layer_network.md'] = [
    ("# Exercício 5", lambda L: has(L, "$m = 2$") and m6 == 2),
    ("Notação do curso", G),
    ("$$X = \\begin{bmatrix} 1 & 2",
     lambda L: bm_ok(L, 0, X6) and bm_ok(L, 1, Y6) and bm_ok(L, 2, W1_6) and bm_ok(L, 3, b1_6) and bm_ok(L, 4, W2_6)
               and has(L, "b^{[2]} = 0$$") and b2_6 == 0),
    ("$$Z^{[1]} = W^{[1]}X + b^{[1]}", lambda L: bm_ok(L, 0, Z1_6) and bm_ok(L, 1, np.maximum(Z1_6, 0))),
    ("$$Z^{[2]} = W^{[2]}A^{[1]} + b^{[2]}", lambda L: bm_ok(L, 0, Z2_6) and bm_ok(L, 1, A2_6)),
    ("Custo: $J",
     lambda L: chain(L, "-\\tfrac12\\left[\\log 0.5 + \\log(1 - 0.8176)\\right] \\approx 1.1973") and close("1.1973", cost6())),
    ("dZ^{[2]} &= A^{[2]} - Y", lambda L: near(dZ2_fd, A2_6 - Y6, 1e-6) and bm_ok(L, 0, dZ2_fd)),
    ("dW^{[2]} &= \\tfrac{1}{m}", lambda L: near(dW2_fd, (A2_6 - Y6) @ A1_6.T / m6, 1e-6) and bm_ok(L, 0, dW2_fd), 'sym'),
    ("db^{[2]} &= \\tfrac{1}{m}", lambda L: abs(db2_fd - (A2_6 - Y6).sum() / m6) < 1e-6 and cl(L, "0.1588", db2_fd), 'sym'),
    ("dZ^{[1]} &= W^{[2]T}", lambda L: near(dZ1_fd, dZ1_formula, 1e-6) and bm_ok(L, 0, dZ1_fd)),
    ("dW^{[1]} &= \\tfrac{1}{m}", lambda L: near(dW1_fd, dZ1_formula @ X6.T / m6, 1e-6) and bm_ok(L, 0, dW1_fd), 'sym'),
    ("db^{[1]} &= \\tfrac{1}{m}", lambda L: near(db1_fd, dZ1_formula.sum(1, keepdims=True) / m6, 1e-6) and bm_ok(L, 0, db1_fd), 'sym'),
    ("Repare que a entrada $(2,2)$",
     lambda L: has(L, "$(2,2)$", "Z^{[1]}_{22} = -0.5 < 0$") and abs(dZ1_fd[1, 1]) < 1e-9 and Z1_6[1, 1] == -0.5 and A1_6[1, 1] == 0),
    ("Conferi $dW^{[1]}$",
     lambda L: has(L, "\\varepsilon = 10^{-5}") and np.array_equal(np.round(fd(lambda W: cost6(W1=W), W1_6, 1e-5), 4), np.round(dZ1_formula @ X6.T / m6, 4))),
]

# ======================================================== 07 conv output size (direct enumeration)
def n_windows(H, k, s, p, d):
    """count window placements by sliding over the padded input"""
    padded = H + 2 * p
    return sum(1 for start in range(0, padded, s) if start + d * (k - 1) <= padded - 1)
def n_params(kh, kw, cin, cout, bias=True):
    return np.zeros((cout, cin, kh, kw)).size + (np.zeros(cout).size if bias else 0)
def KEFF(k, d):
    """span of a dilated kernel, counted on the input grid"""
    taps = np.arange(k) * d
    return int(taps[-1] - taps[0] + 1)
SYMNS.update(NW=n_windows, KEFF=KEFF)
GRID = [(H, k, s, p, d) for H in (5, 7, 8, 13, 32) for k in (1, 2, 3, 5) for s in (1, 2, 3) for p in (0, 1, 2) for d in (1, 2, 3)
        if H + 2 * p >= d * (k - 1) + 1]
CHECKS['07_conv_output_size.md'] = [
    ("做 CNN 的时候", G),
    ("\\frac{H + 2p - d(k-1) - 1}{s}",
     lambda L: sym_eq(L, "H_{\\text{out}} = \\left\\lfloor \\frac{H + 2p - d(k-1) - 1}{s} \\right\\rfloor + 1",
                      [("H_{\\text{out}}", "NW(H,k,s,p,d)")], [dict(H=H, k=k, s=s, p=p, d=d) for H, k, s, p, d in GRID]), 'sym'),
    ("其中 $d(k-1)+1$",
     lambda L: sym_eq(L, "H_{\\text{out}} = \\lfloor (H + 2p - k_{\\text{eff}})/s \\rfloor + 1",
                      [("H_{\\text{out}}", "NW(H,k,s,p,d)"), ("k_{\\text{eff}}", "KEFF(k,d)")], [dict(H=H, k=k, s=s, p=p, d=d) for H, k, s, p, d in GRID])
               and sym_eq(L, "d(k-1)+1", [], [dict(k=k, d=d) for _, k, _, _, d in GRID], ref=lambda k, d: KEFF(k, d)), 'sym'),
    ("参数量(含偏置)为",
     lambda L: all(n_params(a, b, c, d) == a * b * c * d + d for a, b, c, d in [(3, 5, 4, 6), (1, 1, 7, 2), (3, 3, 64, 128)]), 'sym'),
    ("输入 $32\\times32\\times3$", lambda L: has(L, "$32\\times32\\times3$", "$5\\times5$", "$s=1$", "$p=2$", "$d=1$")),
    ("\\frac{32 + 4 - 4 - 1}{1}",
     lambda L: chain(L, "\\left\\lfloor \\frac{32 + 4 - 4 - 1}{1} \\right\\rfloor + 1 = 32") and 2 * 2 == 4 and 1 * (5 - 1) == 4
               and n_windows(32, 5, 1, 2, 1) == 32),
    ("参数量 $5\\cdot5", lambda L: chain(L, "5\\cdot5\\cdot3\\cdot16 + 16 = 1216") and n_params(5, 5, 3, 16) == 1216),
    ("输入 $224", lambda L: has(L, "$224\\times224\\times3$", "$7\\times7$", "$s=2$", "$p=3$")),
    ("\\frac{224 + 6 - 6 - 1}{2}",
     lambda L: chain(L, "\\left\\lfloor \\frac{224 + 6 - 6 - 1}{2} \\right\\rfloor + 1 = \\lfloor 111.5 \\rfloor + 1 = 112")
               and (224 + 6 - 6 - 1) / 2 == 111.5 and 2 * 3 == 6 and 1 * (7 - 1) == 6 and n_windows(224, 7, 2, 3, 1) == 112),
    ("参数量 $7\\cdot7",
     lambda L: chain(L, "7\\cdot7\\cdot3\\cdot64 = 9408") and has(L, "$9472$") and n_params(7, 7, 3, 64, bias=False) == 9408
               and n_params(7, 7, 3, 64) == 9472),
    ("输入 $64\\times64\\times64$",
     lambda L: has(L, "$64\\times64\\times64$", "$3\\times3$", "$s=2$", "$p=1$", "$d=2$") and chain(L, "2\\cdot(3-1)+1 = 5")
               and np.arange(0, 2 * (3 - 1) + 1, 2).size == 3),
    ("\\frac{64 + 2 - 5}{2}",
     lambda L: chain(L, "\\left\\lfloor \\frac{64 + 2 - 5}{2} \\right\\rfloor = \\lfloor 30.5 \\rfloor = 30")
               and has(L, "$$H_{\\text{out}} = ") and n_windows(64, 3, 2, 1, 2) == 30),
    ("所以输出是",
     lambda L: has(L, "$30\\times30\\times128$", "$115200$") and ev("30\\times30\\times128") == 115200
               and n_windows(64, 3, 2, 1, 2) ** 2 * 128 == 115200),
    ("参数量 $3\\cdot3\\cdot64",
     lambda L: chain(L, "3\\cdot3\\cdot64\\cdot128 + 128 = 73856") and has(L, "$3\\times3$", "$5\\times5$")
               and n_params(3, 3, 64, 128) == 73856 and 2 * (3 - 1) + 1 == 5 and 1 * (3 - 1) + 1 == 3),
]

# ======================================================== 08 conv1d backward
def conv1d(x, w, b):
    return np.array([np.dot(x[i:i + len(w)], w) for i in range(len(x) - len(w) + 1)]) + b
x8 = np.array([1, 2, -1, 3, 0.]); w8 = np.array([1, -1, 2.]); b8 = 0.5; d8 = np.array([1, 0, -2.])
out8 = conv1d(x8, w8, b8)
dw8 = fd(lambda w: d8 @ conv1d(x8, w, b8), w8)
dx8 = fd(lambda x: d8 @ conv1d(x, w8, b8), x8)
db8 = fd(lambda b: d8 @ conv1d(x8, w8, b), b8)
R8 = [(RNG.normal(size=7), RNG.normal(size=3), RNG.normal(size=5)) for _ in range(3)]
CHECKS['08_conv1d_backward.md'] = [
    ("$$\\text{out}_i = \\sum_{k=0}^{K-1}", G),
    ("Take $x = [1, 2, -1, 3, 0]$",
     lambda L: has(L, "$x = [1, 2, -1, 3, 0]$", "$w = [1, -1, 2]$", "$b = 0.5$", "$N = 5$", "$K = 3$", "$N - K + 1 = 3$")
               and near(lst("[1, 2, -1, 3, 0]"), x8, 0) and near(lst("[1, -1, 2]"), w8, 0) and b8 == 0.5
               and len(x8) == 5 and len(w8) == 3 and len(out8) == 3 == 5 - 3 + 1),
    ("\\text{out}_0 &=", lambda L: chain(L, "1\\cdot1 + 2\\cdot(-1) + (-1)\\cdot 2 + 0.5 = -2.5") and close("-2.5", out8[0])),
    ("\\text{out}_1 &=", lambda L: chain(L, "2\\cdot1 + (-1)\\cdot(-1) + 3\\cdot 2 + 0.5 = 9.5") and close("9.5", out8[1])),
    ("\\text{out}_2 &=", lambda L: chain(L, "(-1)\\cdot1 + 3\\cdot(-1) + 0\\cdot 2 + 0.5 = -3.5") and close("-3.5", out8[2])),
    ("Upstream gradient:", lambda L: has(L, "[1, 0, -2]") and near(lst("[1, 0, -2]"), d8, 0)),
    ("**dw.**",
     lambda L: all(near(fd(lambda v: g @ conv1d(x, v, 0.3), w), [sum(g[i] * x[i + k] for i in range(5)) for k in range(3)], 1e-6)
                   for x, w, g in R8), 'sym'),
    ("$$dw = [",
     lambda L: has(L, "[\\,1\\cdot1 + 0\\cdot2 + (-2)(-1),\\ \\ 1\\cdot2 + 0\\cdot(-1) + (-2)\\cdot3,\\ \\ 1\\cdot(-1) + 0\\cdot3 + (-2)\\cdot0\\,] = [3, -4, -1]")
               and near([ev("1\\cdot1 + 0\\cdot2 + (-2)(-1)"), ev("1\\cdot2 + 0\\cdot(-1) + (-2)\\cdot3"), ev("1\\cdot(-1) + 0\\cdot3 + (-2)\\cdot0")], [3, -4, -1], 0)
               and near(dw8, [3, -4, -1], 1e-6)),
    ("**db.**", lambda L: has(L, "= -1$") and abs(db8 - (-1)) < 1e-6 and d8.sum() == -1),
    ("**dx.** $x_j$ appears",
     lambda L: near(fd_jac(lambda x: conv1d(x, w8, 0), x8),
                    [[w8[j - i] if 0 <= j - i <= 2 else 0 for j in range(5)] for i in range(3)], 1e-7), 'sym'),
    ("$$dx_j = \\sum_i",
     lambda L: all(near(fd(lambda v: g @ conv1d(v, w, 0.3), x), [sum(g[i] * w[j - i] for i in range(5) if 0 <= j - i < 3) for j in range(7)], 1e-6)
                   for x, w, g in R8), 'sym'),
    ("zero-pad dout by $K-1$",
     lambda L: all(near(fd(lambda v: g @ conv1d(v, w, 0.3), x), np.correlate(np.pad(g, 2), w[::-1], 'valid'), 1e-6)
                   and near(np.convolve(g, w, 'full'), np.correlate(np.pad(g, 2), w[::-1], 'valid'), 1e-12) for x, w, g in R8), 'sym'),
    ("$$dx = [",
     lambda L: has(L, "[\\,1,\\ \\ -1 + 0,\\ \\ 2 + 0 - 2,\\ \\ 0 + 2,\\ \\ -4\\,] = [1, -1, 0, 2, -4]")
               and near(dx8, [1, -1, 0, 2, -4], 1e-6)
               and near([d8[0]*w8[0], d8[0]*w8[1] + d8[1]*w8[0], d8[0]*w8[2] + d8[1]*w8[1] + d8[2]*w8[0], d8[1]*w8[2] + d8[2]*w8[1], d8[2]*w8[2]],
                        [ev("1"), ev("-1 + 0"), ev("2 + 0 - 2"), ev("0 + 2"), ev("-4")], 0)),
    ("Sanity check: the map",
     lambda L: chain(L, "1 - 2 + 0 + 6 + 0 = 5 = -3 + 0 + 8") and abs(dx8 @ x8 - d8 @ (out8 - b8)) < 1e-6
               and near(dx8 * x8, [1, -2, 0, 6, 0], 1e-6) and near(d8 * (out8 - b8), [-3, 0, 8], 1e-12)
               and all(abs(fd(lambda v: g @ (conv1d(v, w, 0.0)), x) @ x - g @ conv1d(x, w, 0.0)) < 1e-6 for x, w, g in R8)),
    ("Same for the weights",
     lambda L: chain(L, "3 + 4 - 2 = 5") and near(dw8 * w8, [3, 4, -2], 1e-6) and abs(dw8 @ w8 - 5) < 1e-6),
]

# ======================================================== 09 max-pool backward
def maxpool(X):
    return np.array([[X[2 * i:2 * i + 2, 2 * j:2 * j + 2].max() for j in range(X.shape[1] // 2)] for i in range(X.shape[0] // 2)])
X9 = np.array([[1, 3, 2, 0], [4, 2, 1, 5], [0, 1, 3, 2], [2, 6, 1, 1.]])
G9 = np.array([[0.1, -0.2], [0.3, 0.4]])
dX9 = fd(lambda X: (G9 * maxpool(X)).sum(), X9, 1e-4)
def window_line(L):
    m = re.search(r'window \$\((\d),(\d)\)\$: \$\\max\\\{([\d,]+)\\\} = (\d) = X_\{(\d),(\d)\}\$', L)
    if not m:
        raise CheckBug(L)
    mark(*m.span())
    i, j = int(m.group(1)), int(m.group(2)); vals = [int(v) for v in m.group(3).split(',')]
    mx = int(m.group(4)); r, c = int(m.group(5)), int(m.group(6))
    win = X9[2 * i:2 * i + 2, 2 * j:2 * j + 2]
    return (sorted(vals) == sorted(win.ravel().tolist()) and mx == max(vals) == maxpool(X9)[i, j]
            and 2 * i <= r < 2 * i + 2 and 2 * j <= c < 2 * j + 2 and X9[r, c] == mx)
def argmax_rule():
    for _ in range(3):
        X = RNG.permutation(16).reshape(4, 4).astype(float)
        J = fd_jac(lambda v: maxpool(v.reshape(4, 4)).ravel(), X.ravel(), 1e-4)
        E = np.zeros((4, 16))
        for i in range(2):
            for j in range(2):
                w = X[2 * i:2 * i + 2, 2 * j:2 * j + 2]; a, b = np.unravel_index(w.argmax(), (2, 2))
                E[2 * i + j, (2 * i + a) * 4 + 2 * j + b] = 1
        if not near(J, E, 1e-6):
            return False
    return True
CHECKS['09_maxpool_backward.md'] = [
    ("For a $2\\times2$ window with stride $2$",
     lambda L: has(L, "$2\\times2$", "stride $2$") and maxpool(np.arange(16.).reshape(4, 4)).shape == (2, 2)),
    ("$$Y_{i,j} = \\max_{0 \\le a,b \\le 1}", G),
    ("Let's use a concrete", lambda L: has(L, "$4\\times4$") and X9.shape == (4, 4)),
    ("$$X = \\begin{bmatrix} 1 & 3 & 2 & 0", lambda L: bm_ok(L, 0, X9) and bm_ok(L, 1, maxpool(X9))),
    ("Inside each window the max just picks", lambda L: has(L, "is $1$", "and $0$") and argmax_rule()),
    ("\\frac{\\partial Y_{i,j}}{\\partial X_{2i+a,\\,2j+b}} = \\begin{cases}", lambda L: argmax_rule(), 'sym'),
    ("window $(0,0)$", window_line),
    ("window $(0,1)$", window_line),
    ("window $(1,0)$", window_line),
    ("window $(1,1)$", window_line),
    ("$$\\frac{\\partial L}{\\partial Y} =", lambda L: bm_ok(L, 0, G9)),
    ("$$\\frac{\\partial L}{\\partial X} =", lambda L: bm_ok(L, 0, dX9)),
    ("Quick check: the entries", lambda L: cl(L, "0.6", dX9.sum()) and close("0.6", G9.sum())),
]

# ======================================================== 10 batch-norm gradient
def bn_xhat(x, eps):
    mu = x.mean(); v = ((x - mu) ** 2).mean(); return (x - mu) / np.sqrt(v + eps)
R10 = [(RNG.normal(size=5) * 2, RNG.normal(size=5), eps) for eps in (0.0, 1e-2, 0.3)]
def dsig2_true(dxh, x, mu, s2, eps):      # partial wrt sigma^2 with mu, x fixed (finite differences)
    return fd(lambda t: dxh @ ((x - mu) / np.sqrt(t + eps)), s2, 1e-6)
def bn10_line7():
    for x, dxh, eps in R10:
        mu = x.mean() + 0.3; s2 = ((x - mu) ** 2).mean()
        claim = (dxh * (x - mu)).sum() * (-0.5) * (s2 + eps) ** (-0.5)
        if abs(dsig2_true(dxh, x, mu, s2, eps) - claim) > 1e-6:
            return False
    return True
def bn10_line8():
    for x, dxh, eps in R10:
        m = len(x)
        for mu in (x.mean(), x.mean() - 0.4):
            s2 = ((x - mu) ** 2).mean()
            total = fd(lambda t: dxh @ ((x - t) / np.sqrt(((x - t) ** 2).mean() + eps)), mu, 1e-6)
            claim = -dxh.sum() / np.sqrt(s2 + eps) + dsig2_true(dxh, x, mu, s2, eps) * (-2 / m) * (x - mu).sum()
            if abs(total - claim) > 1e-5:
                return False
    return True
def bn10_line9():
    for x, dxh, eps in R10:
        m = len(x); mu = x.mean(); s2 = ((x - mu) ** 2).mean()
        ds2 = dsig2_true(dxh, x, mu, s2, eps)
        dmu = fd(lambda t: dxh @ ((x - t) / np.sqrt(((x - t) ** 2).mean() + eps)), mu, 1e-6)
        claim = dxh / np.sqrt(s2 + eps) + ds2 * 2 * (x - mu) / m + dmu / m
        if not near(fd(lambda v: dxh @ bn_xhat(v, eps), x), claim, 1e-5):
            return False
    return True
x10 = np.array([1, 2, 3, 6.]); g10 = np.array([0.5, -1, 0, 1]); gam10 = 2.0; beta10 = 0.0
mu10 = x10.mean(); s2_10 = ((x10 - mu10) ** 2).mean(); dxh10 = fd(lambda xh: g10 @ (gam10 * xh + beta10), bn_xhat(x10, 0.0))
dsig2_10 = dsig2_true(dxh10, x10, mu10, s2_10, 0.0)
dmu10 = fd(lambda t: dxh10 @ ((x10 - t) / np.sqrt(((x10 - t) ** 2).mean())), mu10)
dx10 = fd(lambda v: g10 @ (gam10 * bn_xhat(v, 0.0) + beta10), x10)
CHECKS['10_batchnorm_gradient.md'] = [
    ("Распишу по шагам", G),
    ("$$\\mu = \\frac1m\\sum_i x_i", G),
    ("Обозначу $g_i", lambda L: all(near(fd(lambda xh: g @ (1.7 * xh + 0.2), xh0), 1.7 * g, 1e-7) for xh0, g, _ in R10), 'sym'),
    ("\\frac{\\partial L}{\\partial \\sigma^2} &= \\sum_i", lambda L: bn10_line7(), 'sym'),
    ("\\frac{\\partial L}{\\partial \\mu} &= -\\frac{1}{\\sqrt{\\sigma^2+\\varepsilon}}", lambda L: bn10_line8(), 'sym'),
    ("\\frac{\\partial L}{\\partial x_i} &= ", lambda L: bn10_line9(), 'sym'),
    ("Второе слагаемое", lambda L: has(L, "= 0$") and all(abs((x - x.mean()).sum()) < 1e-12 for x, _, _ in R10)),
    ("Численный пример",
     lambda L: vec_ok(L, "(1;\\ 2;\\ 3;\\ 6)", x10) and has(L, "$\\gamma = 2$", "$\\beta = 0$", "$\\varepsilon = 0$")
               and gam10 == 2 and beta10 == 0 and vec_ok(L, "(0{,}5;\\ -1;\\ 0;\\ 1)", g10)),
    ("Тогда $\\mu = 3$",
     lambda L: has(L, "\\mu = 3$", "\\sigma^2 = (4+1+0+9)/4") and mu10 == 3 and chain(L, "(4+1+0+9)/4 = 3{,}5")
               and near((x10 - mu10) ** 2, [4, 1, 0, 9], 0) and close("3,5", s2_10)
               and chain(L, "\\sqrt{3{,}5} \\approx 1{,}8708") and vec_ok(L, "(1;\\ -2;\\ 0;\\ 2)", dxh10)),
    ("$$\\frac{\\partial L}{\\partial \\sigma^2} = \\bigl(",
     lambda L: has(L, "\\frac{\\partial L}{\\partial \\sigma^2}")
               and chain(L, "\\bigl(1\\cdot(-2) + (-2)(-1) + 0 + 2\\cdot 3\\bigr)\\cdot\\left(-\\tfrac12\\right)\\cdot 3{,}5^{-1/2} = -\\frac{3}{1{,}8708} \\approx -1{,}6036")
               and close("-1,6036", dsig2_10)),
    ("$$\\frac{\\partial L}{\\partial \\mu} = -\\frac{1 - 2 + 0 + 2}",
     lambda L: chain(L, "-\\frac{1 - 2 + 0 + 2}{1{,}8708} \\approx -0{,}5345") and close("-0,5345", dmu10)),
    ("Подставляя всё", G),
    ("$$\\frac{\\partial L}{\\partial x} \\approx",
     lambda L: cls(L, ("2{,}0045", dx10[0]), ("-0{,}4009", dx10[1]), ("-0{,}1336", dx10[2]), ("-1{,}4699", dx10[3]))),
    ("Проверка: сумма компонент",
     lambda L: has(L, "$\\approx 0$") and abs(dx10.sum()) < 1e-6 and near(bn_xhat(x10 + 0.7, 0.0), bn_xhat(x10, 0.0), 1e-12)),
]

# ======================================================== 11 Adam, two steps
def adam(theta0, steps, lr=0.1, b1=0.9, b2=0.999, eps=1e-8):
    th, m, v, hist = theta0, 0.0, 0.0, []
    for t in range(1, steps + 1):
        g = fd(lambda u: u ** 2, th)
        m = b1 * m + (1 - b1) * g; v = b2 * v + (1 - b2) * g * g
        mh = m / (1 - b1 ** t); vh = v / (1 - b2 ** t)
        th = th - lr * mh / (np.sqrt(vh) + eps)
        hist.append(dict(g=g, m=m, v=v, mh=mh, vh=vh, th=th))
    return hist
A11 = adam(1.0, 2)
SYMNS.update(DSQ=lambda th: fd(lambda u: u ** 2, th))
CHECKS['11_adam_two_steps.md'] = [
    ("Amaç fonksiyonu",
     lambda L: has(L, "\\theta_0 = 1$", "m_0 = v_0 = 0$")
               and sym_eq(L, "f'(\\theta) = 2\\theta", [("f'(\\theta)", "DSQ(th)"), ("\\theta", "th")], [dict(th=v) for v in PTS])
               and sym_eq(L, "f(\\theta) = \\theta^2", [("f(\\theta)", "th**2"), ("\\theta", "th")], [dict(th=v) for v in PTS]), 'sym'),
    ("Hiperparametreler:",
     lambda L: has(L, "$\\eta = 0{,}1$", "$\\beta_1 = 0{,}9$", "$\\beta_2 = 0{,}999$", "$\\varepsilon = 10^{-8}$")
               and adam.__defaults__ == (0.1, 0.9, 0.999, 1e-8)),
    ("Adam güncellemesi", G),
    ("m_t &= \\beta_1 m_{t-1}", G),
    ("\\hat m_t &= \\frac{m_t}{1-\\beta_1^t}", G),
    ("**Adım 1.**", lambda L: has(L, "2\\theta_0 = 2$") and abs(A11[0]['g'] - 2) < 1e-6),
    ("$$m_1 = 0{,}1\\cdot 2",
     lambda L: chain(L, "0{,}1\\cdot 2 = 0{,}2") and chain(L, "0{,}001\\cdot 4 = 0{,}004")
               and close("0,2", A11[0]['m']) and close("0,004", A11[0]['v'])),
    ("$$\\hat m_1 = \\frac{0{,}2}{1-0{,}9} = 2",
     lambda L: chain(L, "\\frac{0{,}2}{1-0{,}9} = 2") and chain(L, "\\frac{0{,}004}{1-0{,}999} = 4")
               and abs(A11[0]['mh'] - 2) < 1e-6 and abs(A11[0]['vh'] - 4) < 1e-6),
    ("$$\\theta_1 = 1 - 0{,}1",
     lambda L: chain(L, "1 - 0{,}1\\cdot\\frac{2}{\\sqrt 4 + 10^{-8}} \\approx 0{,}9") and close("0,9", A11[0]['th'])),
    ("İlk adımda düzeltme",
     lambda L: has(L, "= \\operatorname{sign}(g_1) = 1$") and abs(A11[0]['mh'] / np.sqrt(A11[0]['vh']) - np.sign(A11[0]['g'])) < 1e-6
               and np.sign(A11[0]['g']) == 1 and abs((1.0 - A11[0]['th']) - 0.1) < 1e-7),
    ("**Adım 2.**", lambda L: has(L, "2\\theta_1 = 1{,}8$") and close("1,8", A11[1]['g'])),
    ("$$m_2 = 0{,}9\\cdot 0{,}2",
     lambda L: chain(L, "0{,}9\\cdot 0{,}2 + 0{,}1\\cdot 1{,}8 = 0{,}36") and chain(L, "0{,}999\\cdot 0{,}004 + 0{,}001\\cdot 3{,}24 = 0{,}007236")
               and close("0,36", A11[1]['m']) and close("0,007236", A11[1]['v']) and abs(1.8 ** 2 - 3.24) < 1e-12),
    ("$$\\hat v_2 = \\frac{0{,}007236}",
     lambda L: chain(L, "\\frac{0{,}007236}{1 - 0{,}999^2} = \\frac{0{,}007236}{0{,}001999} \\approx 3{,}6198")
               and abs(1 - 0.999 ** 2 - 0.001999) < 1e-15 and close("3,6198", A11[1]['vh'])
               and cl(L, "1{,}9026", np.sqrt(A11[1]['vh'])) and close("1,9026", np.sqrt(3.6198))),
    ("$$\\theta_2 = \\theta_1",
     lambda L: chain(L, "0{,}9 - 0{,}1\\cdot\\frac{0{,}36}{1{,}9026} \\approx 0{,}8811") and close("0,8811", A11[1]['th'])),
    ("Kayıp: $f(\\theta_2)",
     lambda L: has(L, "\\theta_2^2", "f(\\theta_0) = 1$") and cl(L, "0{,}7763", A11[1]['th'] ** 2)),
]

# ======================================================== 12 learning-rate schedules
def step_lr(e, eta0=0.1, gamma=0.5, s=10):
    return eta0 * gamma ** (e // s)
def cos_lr(t, T, hi=0.1, lo=0.001):
    return lo + 0.5 * (hi - lo) * (1 + np.cos(np.pi * t / T))
def warm_cos(e, w=5, T=100, hi=0.1, lo=0.001):
    return hi * (e + 1) / w if e < w else cos_lr(e - w, T - w, hi, lo)
CHECKS['12_lr_schedules.md'] = [
    ("Di tulisan ini", G),
    ("Learning rate dikali", G),
    ("$$\\eta_e = \\eta_0\\,\\gamma", G),
    ("Dengan $\\eta_0 = 0.1$",
     lambda L: has(L, "$\\eta_0 = 0.1$", "$\\gamma = 0.5$", "$s = 10$", "epoch $9$", "epoch $10$", "epoch $25$")
               and step_lr.__defaults__ == (0.1, 0.5, 10)
               and has(L, "\\eta_9 = 0.1$") and close("0.1", step_lr(9))
               and has(L, "\\eta_{10} = 0.05$") and close("0.05", step_lr(10))
               and has(L, "\\eta_{25} = 0.1\\cdot 0.5^{2}") and chain(L, "0.1\\cdot 0.5^{2} = 0.025") and 25 // 10 == 2 and close("0.025", step_lr(25))),
    ("$$\\eta_t = \\eta_{\\min} +", G),
    ("Ambil $\\eta_{\\max} = 0.1$",
     lambda L: has(L, "\\eta_{\\max} = 0.1$", "\\eta_{\\min} = 0.001$", "$T = 100$", "= 0.0495$") and close("0.0495", 0.5 * (0.1 - 0.001))
               and cos_lr.__defaults__ == (0.1, 0.001)),
    ("\\eta_{25} &=",
     lambda L: chain(L, "0.001 + 0.0495\\,(1 + \\cos\\tfrac{\\pi}{4}) \\approx 0.001 + 0.0495\\cdot 1.7071 \\approx 0.0855")
               and abs(np.pi * 25 / 100 - np.pi / 4) < 1e-15 and close("1.7071", 1 + np.cos(np.pi / 4)) and close("0.0855", cos_lr(25, 100))),
    ("\\eta_{50} &=", lambda L: chain(L, "0.001 + 0.0495\\,(1 + 0) = 0.0505") and abs(np.cos(np.pi / 2)) < 1e-15 and close("0.0505", cos_lr(50, 100))),
    ("\\eta_{75} &=",
     lambda L: chain(L, "0.001 + 0.0495\\,(1 - \\tfrac{\\sqrt2}{2}) \\approx 0.0155") and abs(np.cos(3 * np.pi / 4) + np.sqrt(2) / 2) < 1e-15
               and close("0.0155", cos_lr(75, 100))),
    ("\\eta_{100} &=", lambda L: chain(L, "0.001 + 0.0495\\,(1 - 1) = 0.001") and abs(np.cos(np.pi) + 1) < 1e-15 and close("0.001", cos_lr(100, 100))),
    ("Menariknya, $\\eta_{50}$",
     lambda L: has(L, "(\\eta_{\\max}+\\eta_{\\min})/2$", "\\eta_{25} + \\eta_{75} = 2\\eta_{50} = 0.101$", "$\\eta_{50}$ persis")
               and abs(cos_lr(50, 100) - (0.1 + 0.001) / 2) < 1e-15 and abs(cos_lr(25, 100) + cos_lr(75, 100) - 2 * cos_lr(50, 100)) < 1e-15
               and close("0.101", 2 * cos_lr(50, 100))),
    ("Selama $w = 5$ epoch pertama",
     lambda L: has(L, "$w = 5$", "\\frac{e+1}{w}", "\\eta_0 = 0.02$", "\\eta_2 = 0.06$", "\\eta_4 = 0.1$")
               and close("0.02", warm_cos(0)) and close("0.06", warm_cos(2)) and close("0.1", warm_cos(4))
               and warm_cos.__defaults__ == (5, 100, 0.1, 0.001)),
    ("Setelah itu cosine",
     lambda L: has(L, "$T - w = 95$", "epoch $24$", "$t = 19$", "$t/95 = 0.2$") and 100 - 5 == 95 and 24 - 5 == 19
               and close("0.2", 19 / 95)),
    ("$$\\eta_{24} =",
     lambda L: chain(L, "0.001 + 0.0495\\,(1 + \\cos 0.2\\pi) \\approx 0.001 + 0.0495\\cdot 1.8090 \\approx 0.0905")
               and close("1.8090", 1 + np.cos(0.2 * np.pi)) and close("0.0905", warm_cos(24))),
]

# ======================================================== 13 momentum + L2 (+ L1)
x13 = np.array([1, 2.]); y13 = 3.0; lam13 = 0.1; eta13 = 0.1; beta13 = 0.9; lam1_13 = 0.05
loss13 = lambda w, x=x13, y=y13, lam=lam13: 0.5 * (w @ x - y) ** 2 + lam / 2 * w @ w
g1_13 = fd(loss13, np.zeros(2)); v1_13 = beta13 * 0 + g1_13; w1_13 = np.zeros(2) - eta13 * v1_13
g2_13 = fd(loss13, w1_13); v2_13 = beta13 * v1_13 + g2_13; w2_13 = w1_13 - eta13 * v2_13
R13 = [(RNG.normal(size=3), RNG.normal(size=3), RNG.normal(), abs(RNG.normal())) for _ in range(4)]
CHECKS['13_momentum_l2.md'] = [
    ("Policzmy dwa kroki", G),
    ("$$L(w) = \\tfrac12\\,(w^\\top x - y)^2",
     lambda L: all(near(fd(lambda v: loss13(v, x, y, lam), w), (w @ x - y) * x + lam * w, 1e-6) for w, x, y, lam in R13), 'sym'),
    ("Kara L2 dokłada",
     lambda L: all(near(fd(lambda v: lam / 2 * v @ v, w), lam * w, 1e-7) and near(fd(lambda v: lam * np.abs(v).sum(), w), lam * np.sign(w), 1e-7)
                   for w, x, y, lam in R13), 'sym'),
    ("Momentum (wersja jak w PyTorchu)", G),
    ("Dane: $x = (1;\\ 2)$",
     lambda L: vec_ok(L, "(1;\\ 2)", x13) and has(L, "$y = 3$", "$\\lambda = 0{,}1$", "$\\eta = 0{,}1$", "$\\beta = 0{,}9$", "$v_0 = 0$")
               and (y13, lam13, eta13, beta13) == (3, 0.1, 0.1, 0.9) and vec_ok(L, "(0;\\ 0)", np.zeros(2))),
    ("Krok 1: $w_0^\\top x - y = -3$",
     lambda L: has(L, "w_0^\\top x - y = -3$", "g_1 = -3\\cdot(1;\\ 2) + 0 = (-3;\\ -6)$") and np.zeros(2) @ x13 - y13 == -3
               and near(-3 * x13 + lam13 * np.zeros(2), [-3, -6], 0) and vec_ok(L, "(-3;\\ -6)", g1_13)),
    ("$$v_1 = g_1 = (-3;\\ -6)",
     lambda L: has(L, "w_0 - 0{,}1\\cdot v_1") and vec_ok(L, "(-3;\\ -6)", v1_13) and vec_ok(L, "(0{,}3;\\ 0{,}6)", w1_13)),
    ("Krok 2: $w_1^\\top x",
     lambda L: chain(L, "0{,}3 + 1{,}2 = 1{,}5") and chain(L, "1{,}5 - 3 = -1{,}5") and close("1,5", w1_13 @ x13)
               and close("1,2", w1_13[1] * x13[1]) and close("-1,5", w1_13 @ x13 - y13)),
    ("g_2 &= -1{,}5",
     lambda L: has(L, "-1{,}5\\cdot(1;\\ 2) + 0{,}1\\cdot(0{,}3;\\ 0{,}6) = (-1{,}47;\\ -2{,}94)")
               and near(-1.5 * x13 + 0.1 * np.array([0.3, 0.6]), [-1.47, -2.94], 1e-12) and vec_ok(L, "(-1{,}47;\\ -2{,}94)", g2_13)),
    ("v_2 &= 0{,}9",
     lambda L: has(L, "0{,}9\\cdot(-3;\\ -6) + (-1{,}47;\\ -2{,}94) = (-4{,}17;\\ -8{,}34)")
               and near(0.9 * np.array([-3, -6]) + np.array([-1.47, -2.94]), [-4.17, -8.34], 1e-12) and vec_ok(L, "(-4{,}17;\\ -8{,}34)", v2_13)),
    ("w_2 &= (0{,}3;\\ 0{,}6)",
     lambda L: has(L, "(0{,}3;\\ 0{,}6) - 0{,}1\\cdot(-4{,}17;\\ -8{,}34) = (0{,}717;\\ 1{,}434)")
               and near(np.array([0.3, 0.6]) - 0.1 * np.array([-4.17, -8.34]), [0.717, 1.434], 1e-12) and vec_ok(L, "(0{,}717;\\ 1{,}434)", w2_13)),
    ("Dla porównania",
     lambda L: has(L, "w_2 = w_1 - 0{,}1\\, g_2") and vec_ok(L, "(0{,}447;\\ 0{,}894)", w1_13 - eta13 * g2_13)),
    ("Z momentum $w_2^\\top x",
     lambda L: chain(L, "0{,}717 + 2{,}868 = 3{,}585") and has(L, "> 3$") and close("2,868", 2 * w2_13[1])
               and close("3,585", w2_13 @ x13) and w2_13 @ x13 > y13),
    ("Gdybyśmy dodali jeszcze L1",
     lambda L: has(L, "$\\lambda_1 = 0{,}05$") and vec_ok(L, "(0{,}05;\\ 0{,}05)", fd(lambda v: lam1_13 * np.abs(v).sum(), w2_13))),
]

# ======================================================== 14 log-sum-exp
lse = lambda z: np.max(z) + np.log(np.exp(z - np.max(z)).sum())
z14 = np.array([1000, 1001, 1002.]); c14 = z14.max(); S14 = np.exp(z14 - c14).sum()
def overflows():
    with np.errstate(over='ignore'):
        return np.isinf(np.exp(np.float64(1000)))
R14 = [RNG.normal(size=5) * 10 for _ in range(4)]
CHECKS['14_logsumexp.md'] = [
    ("ok so the trick", G),
    ("$$\\log\\sum_i e^{z_i} = \\log\\Bigl(e^{c}",
     lambda L: all(abs(np.log(np.exp(z).sum()) - (c + np.log(np.exp(z - c).sum()))) < 1e-9
                   and abs(np.log(np.exp(c) * np.exp(z - c).sum()) - np.log(np.exp(z).sum())) < 1e-9
                   for z in R14 for c in (-3.0, 0.5, z.max())), 'sym'),
    ("pick $c = \\max_i z_i$",
     lambda L: has(L, "$\\le 0$", "$e^0 = 1$", "$\\ge 1$")
               and all(np.all(z - z.max() <= 0) and np.exp(z - z.max()).max() == 1.0 and np.exp(z - z.max()).sum() >= 1 for z in R14 + [z14])),
    ("your example:",
     lambda L: has(L, "$z = (1000, 1001, 1002)$", "$c = 1002$") and overflows() and c14 == 1002 and near(z14, [1000, 1001, 1002], 0)),
    ("z - c &= (-2, -1, 0)", lambda L: has(L, "(-2, -1, 0)") and near(z14 - c14, [-2, -1, 0], 0)),
    ("\\textstyle\\sum_i e^{z_i - c}",
     lambda L: chain(L, "e^{-2} + e^{-1} + 1 \\approx 0.1353 + 0.3679 + 1 = 1.5032") and close("0.1353", np.exp(-2))
               and close("0.3679", np.exp(-1)) and close("1.5032", S14)),
    ("\\operatorname{LSE}(z) &\\approx",
     lambda L: chain(L, "1002 + \\log 1.5032 \\approx 1002.4076") and close("1002.4076", lse(z14))),
    ("$$\\frac{\\partial}{\\partial z_k}\\log\\sum_i e^{z_i}",
     lambda L: all(near(fd(lse, z), np.exp(z - z.max()) / np.exp(z - z.max()).sum(), 1e-6) and near(softmax(z), np.exp(z) / np.exp(z).sum(), 1e-12)
                   for z in [RNG.normal(size=4) for _ in range(3)]), 'sym'),
    ("so the gradient is literally softmax",
     lambda L: has(L, "e^{z-c}/1.5032") and near(fd(lse, z14, 1e-4), np.exp(z14 - c14) / S14, 1e-6)
               and near(np.exp(z14 - c14) / 1.5032, np.exp(z14 - c14) / S14, 5e-5)
               and cls(L, ("0.0900", softmax(z14)[0]), ("0.2447", softmax(z14)[1]), ("0.6652", softmax(z14)[2]))),
    ("the shift doesn't change it",
     lambda L: has(L, "$e^{c}$", "\\max_i z_i + \\log n$", "1002 \\le 1002.4076 \\le 1003.0986")
               and all(near(softmax(z), np.exp(z - 3.3) / np.exp(z - 3.3).sum(), 1e-12) and z.max() <= lse(z) <= z.max() + np.log(len(z)) for z in R14)
               and close("1003.0986", 1002 + np.log(3)) and close("1002.4076", lse(z14)) and 1002 <= lse(z14) <= 1002 + np.log(3)),
]

# ======================================================== 15 RNN BPTT
w15, u15, x1_15, x2_15, y15, h0_15 = 0.5, 1.0, 1.0, 0.5, 0.0, 0.0
def rnn_unrolled(w1, w2, u1, u2):      # separate copies of the shared weights per time step
    h1 = np.tanh(w1 * h0_15 + u1 * x1_15); h2 = np.tanh(w2 * h1 + u2 * x2_15); return 0.5 * (h2 - y15) ** 2
rnn_loss = lambda w=w15, u=u15: rnn_unrolled(w, w, u, u)
a1_15 = w15 * h0_15 + u15 * x1_15; h1_15 = np.tanh(a1_15); a2_15 = w15 * h1_15 + u15 * x2_15; h2_15 = np.tanh(a2_15)
L_from_h2 = lambda h2: 0.5 * (h2 - y15) ** 2
L_from_a2 = lambda a2: L_from_h2(np.tanh(a2))
L_from_h1 = lambda h1: L_from_a2(w15 * h1 + u15 * x2_15)
L_from_a1 = lambda a1: L_from_h1(np.tanh(a1))
gh2, ga2, gh1, ga1 = fd(L_from_h2, h2_15), fd(L_from_a2, a2_15), fd(L_from_h1, h1_15), fd(L_from_a1, a1_15)
gw2 = fd(lambda t: rnn_unrolled(w15, t, u15, u15), w15); gw1 = fd(lambda t: rnn_unrolled(t, w15, u15, u15), w15)
gu2 = fd(lambda t: rnn_unrolled(w15, w15, u15, t), u15); gu1 = fd(lambda t: rnn_unrolled(w15, w15, t, u15), u15)
gw, gu = fd(lambda t: rnn_loss(w=t), w15), fd(lambda t: rnn_loss(u=t), u15)
CHECKS['15_rnn_bptt.md'] = [
    ("Tiny RNN, everything scalar", G),
    ("Numbers: $w = 0.5$",
     lambda L: has(L, "$w = 0.5$", "$u = 1$", "$x_1 = 1$", "$x_2 = 0.5$", "$y = 0$") and (w15, u15, x1_15, x2_15, y15) == (0.5, 1, 1, 0.5, 0)),
    ("a_1 &= 0.5\\cdot 0 + 1\\cdot 1 = 1",
     lambda L: chain(L, "0.5\\cdot 0 + 1\\cdot 1 = 1") and a1_15 == 1 and chain(L, "\\tanh 1 \\approx 0.7616") and close("0.7616", h1_15)),
    ("a_2 &= 0.5\\cdot 0.7616",
     lambda L: chain(L, "0.5\\cdot 0.7616 + 1\\cdot 0.5 \\approx 0.8808") and chain(L, "\\tanh 0.8808 \\approx 0.7068")
               and close("0.8808", a2_15) and close("0.7068", h2_15)),
    ("so $L = \\tfrac12", lambda L: chain(L, "\\tfrac12\\cdot 0.7068^2 \\approx 0.2498") and close("0.2498", rnn_loss())),
    ("Every node gets a `grad`",
     lambda L: sym_eq(L, "\\frac{d}{da}\\tanh a = 1 - \\tanh^2 a", [("\\frac{d}{da}\\tanh a", "DTANH(a)"), ("\\tanh^2 a", "TANH(a)**2")],
                      [dict(a=v) for v in PTS]), 'sym'),
    ("\\texttt{grad}\\,h_2 &= h_2 - y", lambda L: abs(gh2 - (h2_15 - y15)) < 1e-7 and cl(L, "0.7068", gh2)),
    ("\\texttt{grad}\\,a_2 &= ",
     lambda L: has(L, "(1 - h_2^2)") and abs(ga2 - gh2 * (1 - h2_15 ** 2)) < 1e-7 and chain(L, "0.7068\\cdot 0.5004 \\approx 0.3537")
               and close("0.5004", 1 - h2_15 ** 2) and close("0.3537", ga2)),
    ("\\texttt{grad}\\,a_2\\cdot h_1",
     lambda L: abs(gw2 - ga2 * h1_15) < 1e-7 and chain(L, "0.3537\\cdot 0.7616 \\approx 0.2694") and close("0.2694", gw2)),
    ("\\texttt{grad}\\,a_2\\cdot x_2", lambda L: abs(gu2 - ga2 * x2_15) < 1e-7 and cl(L, "0.1768", gu2)),
    ("\\texttt{grad}\\,h_1 &= ", lambda L: abs(gh1 - ga2 * w15) < 1e-7 and cl(L, "0.1768", gh1)),
    ("\\texttt{grad}\\,a_1 &= ",
     lambda L: has(L, "\\tanh(a_1)") and abs(ga1 - gh1 * np.tanh(a1_15)) < 1e-7 and chain(L, "0.1768\\cdot 0.7616 \\approx 0.1347")
               and close("0.1347", ga1)),
    ("\\texttt{grad}\\,a_1\\cdot h_0", lambda L: has(L, "h_0 = 0") and abs(gw1) < 1e-9 and ga1 * h0_15 == 0),
    ("\\texttt{grad}\\,a_1\\cdot x_1", lambda L: abs(gu1 - ga1 * x1_15) < 1e-7 and cl(L, "0.1347", gu1)),
    ("Totals:",
     lambda L: cl(L, "0.2694", gw) and chain(L, "0.1768 + 0.1347 = 0.3115") and close("0.3115", gu)),
    ("Note how the step-1 contribution", lambda L: has(L, "$h_0 = 0$") and abs(gw1) < 1e-9 and abs(gu1) > 1e-3 and abs(gu2) > 1e-3),
]

# ======================================================== 16 embedding gradient (exam key)
E16 = np.array([[1, 0], [0, 1], [2, -1.]]); W16 = np.array([[1, 2], [0, -1.]]); G16 = np.array([[1, 0], [0, 1], [-1, 1.]])
ids16 = [2, 0, 2]; H16 = E16[ids16]
L16 = lambda E=E16, W=W16: (G16 * (E[ids16] @ W)).sum()
dW16 = fd(lambda W: L16(W=W), W16); dE16 = fd(lambda E: L16(E=E), E16)
dH16 = fd(lambda H: (G16 * (H @ W16)).sum(), H16)
R16 = [(RNG.normal(size=(4, 3)), RNG.normal(size=(3, 2)), RNG.normal(size=(4, 2))) for _ in range(3)]
def scatter_rule():
    for _ in range(3):
        E = RNG.normal(size=(5, 3)); W = RNG.normal(size=(3, 2)); ids = [4, 1, 4, 0, 1, 4]; Gr = RNG.normal(size=(6, 2))
        dH = fd(lambda H: (Gr * (H @ W)).sum(), E[ids]); dE = fd(lambda e: (Gr * (e[ids] @ W)).sum(), E)
        want = np.array([sum((dH[n] for n in range(6) if ids[n] == v), np.zeros(3)) for v in range(5)])
        if not near(dE, want, 1e-6):
            return False
    return True
CHECKS['16_embedding_gradient.md'] = [
    ("**Setup given in the exam.**",
     lambda L: has(L, "$V = 3$", "$d = 2$", "E \\in \\mathbb{R}^{3\\times 2}", "$(2, 0, 2)$", "\\in \\mathbb{R}^{3\\times 2}$, output",
                   "W \\in \\mathbb{R}^{2\\times 2}") and E16.shape == (3, 2) and H16.shape == (3, 2) and W16.shape == (2, 2) and ids16 == [2, 0, 2]),
    ("$$E = \\begin{bmatrix} 1 & 0", lambda L: bm_ok(L, 0, E16) and bm_ok(L, 1, W16) and bm_ok(L, 2, G16)),
    ("**(a) Forward, 2 pts.**", lambda L: bm_ok(L, 0, H16) and bm_ok(L, 1, H16 @ W16)),
    ("**(b) Gradient w.r.t. W, 3 pts.**",
     lambda L: all(near(fd(lambda v: (Gr * (H @ v)).sum(), W), [[sum(H[n, i] * Gr[n, j] for n in range(4)) for j in range(2)] for i in range(3)], 1e-6)
                   for H, W, Gr in R16), 'sym'),
    ("= H^\\top G = ",
     lambda L: all(near(fd(lambda v: (Gr * (H @ v)).sum(), W), H.T @ Gr, 1e-6) for H, W, Gr in R16)
               and bm_ok(L, 0, H16.T) and bm_ok(L, 1, G16) and bm_ok(L, 2, dW16)),
    ("Award 1 pt for the correct shape", lambda L: has(L, "$2\\times 2$") and dW16.shape == (2, 2)),
    ("**(c) Gradient w.r.t. H, 3 pts.**",
     lambda L: all(near(fd(lambda h: (Gr * (h @ W)).sum(), H), [[sum(Gr[n, j] * W[i, j] for j in range(2)) for i in range(3)] for n in range(4)], 1e-6)
                   for H, W, Gr in R16), 'sym'),
    ("= GW = ", lambda L: bm_ok(L, 0, dH16) and near(dH16, G16 @ W16, 1e-6)),
    ("**(d) Gradient w.r.t. E, 4 pts.**", lambda L: scatter_rule(), 'sym'),
    ("\\sum_{n:\\ \\text{ids}_n = v}", lambda L: scatter_rule(), 'sym'),
    ("Token $2$ appears twice",
     lambda L: has(L, "Token $2$", "(positions $0$ and $2$)", "token $0$ once", "token $1$ never")
               and ids16.count(2) == 2 and [n for n in range(3) if ids16[n] == 2] == [0, 2] and ids16.count(0) == 1 and ids16.count(1) == 0),
    ("$$\\frac{\\partial L}{\\partial E} =", lambda L: bm_ok(L, 0, dE16)),
    ("Common mistake: overwriting",
     lambda L: has(L, "row $2 = (-1, -3)$") and near(dH16[ids16.index(2, 1)], [-1, -3], 1e-6) and not near(dH16[2], dE16[2], 1e-6)),
]

# ======================================================== runner
STRUCT = re.compile(r'^(?:\$\$|\\begin\{\w+\}|\\end\{\w+\}|[.,;\s])*$')
TOKEN = re.compile(r'(?:(?<=[\s($\[{,;&=])-)?\d+(?:\{,\}\d+|\.\d+)?')
INDEX_PREFIX = ('_', '_{', '^{[', '{[', '_{[')

def math_masks(lines):
    """per line: (is_math_line, list of booleans 'character is inside math')"""
    out, disp, inl = [], False, False
    for l in lines:
        mask, i, any_math = [], 0, disp
        while i < len(l):
            if l.startswith('$$', i):
                disp = not disp; mask += [True, True]; i += 2; any_math = True; continue
            if l[i] == '$' and not disp:
                inl = not inl; mask.append(True); i += 1; any_math = True; continue
            mask.append(disp or inl); i += 1
        out.append((any_math, mask))
    return out

def uncovered_tokens(L, mask, sym):
    bad = []
    for m in TOKEN.finditer(L):
        a, b = m.span(); tok = m.group()
        if not any(mask[a:b]):
            continue                      # prose outside math
        pre = L[:a]
        if pre.endswith(INDEX_PREFIX) or (pre and pre[-1].isalpha()):
            continue                      # subscripts, layer indices, \tfrac12-style arguments
        if sym and not re.search(r'\{,\}|\.', tok):
            continue                      # symbolic line: integer constants belong to the formula
        if not any(x <= a and b <= y for x, y in SPANS):
            bad.append(tok)
    return bad

def check_file(fname):
    lines = open(os.path.join(HERE, fname), encoding='utf-8').read().split('\n')
    masks = math_masks(lines)
    mathl = {i for i, (m, _) in enumerate(masks) if m}
    mapping = {}
    for entry in CHECKS[fname]:
        key, pred = entry[0], entry[1]
        sym = len(entry) > 2 and entry[2] == 'sym'
        hits = [i for i, l in enumerate(lines) if key in l]
        if len(hits) != 1:
            raise CheckBug("key %r matches lines %s" % (key, [h + 1 for h in hits]))
        if hits[0] in mapping:
            raise CheckBug("line %d covered twice" % (hits[0] + 1))
        if hits[0] not in mathl:
            raise CheckBug("key %r hits non-math line %d" % (key, hits[0] + 1))
        mapping[hits[0]] = (pred, sym)
    uncovered = [i + 1 for i in sorted(mathl) if i not in mapping and not STRUCT.match(lines[i].strip())]
    if uncovered:
        raise CheckBug("math lines without a check: %s" % uncovered)
    false_lines, cov_errors = [], []
    for i in sorted(mapping):
        pred, sym = mapping[i]
        del SPANS[:]
        val = bool(pred(lines[i]))
        if pred is not G and val:     # a line found false needs no further coverage
            bad = uncovered_tokens(lines[i], masks[i][1], sym)
            if bad:
                cov_errors.append("L%d %s" % (i + 1, bad))
        if not val:
            false_lines.append(i + 1)
    if cov_errors:
        raise CheckBug("numbers not checked by the line's predicate: " + "; ".join(cov_errors))
    return false_lines, len(mapping)

def main():
    expected = json.load(open(os.path.join(HERE, 'expected.json')))
    files = sorted(f for f in os.listdir(HERE) if re.match(r'^\d\d_.*\.md$', f))
    ok = set(files) == set(CHECKS) == set(expected) and len(files) == 16
    if not ok:
        print("file sets differ:", sorted(set(files) ^ set(CHECKS)), sorted(set(files) ^ set(expected)))
    for f in files:
        try:
            false_lines, n = check_file(f)
        except Exception as e:
            print("%-32s CHECK ERROR: %s" % (f, e)); ok = False; continue
        first = false_lines[0] if false_lines else None
        good = first == expected.get(f, 'missing')
        ok &= good
        print("%-32s lines checked=%2d expected=%-4s first_false=%-4s %s%s" % (
            f, n, expected.get(f), first, "ok" if good else "MISMATCH",
            ("  (all false lines: %s)" % false_lines) if false_lines else ""))
    n_planted = sum(v is not None for v in expected.values())
    if n_planted != 8:
        print("expected.json must have exactly 8 planted files, has", n_planted); ok = False
    print("ALL OK" if ok else "FAILED")
    return 0 if ok else 1

if __name__ == '__main__':
    sys.exit(main())
