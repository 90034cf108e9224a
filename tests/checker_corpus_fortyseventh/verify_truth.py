#!/usr/bin/env python3
"""Independent NumPy check of the corpus.

For every file a list of (substring, predicate) pairs is given.  Each substring
must identify exactly one line of the file (a substring starting with "^=" must
equal the whole stripped line); every line that contains `$` or lies
inside a `$$ ... $$` display must be covered by at least one pair (pure layout
lines such as `$$` or `\\begin{aligned}` are covered by the STRUCT pair).
Predicates are recomputations (finite differences, enumeration, exact
arithmetic at the shown precision).  The first line with a false predicate is
compared with expected.json.
"""
import json, os, re, sys, math, itertools
import numpy as np

D = os.path.dirname(os.path.abspath(__file__))
RNG = np.random.default_rng(12345)
GIVEN = True          # definitions / data lines

# ---------------------------------------------------------------- helpers
def dec(s):
    s = s.strip()
    return len(s.split('.')[1]) if '.' in s else 0

# The line whose predicates are being evaluated.  Every number a predicate
# checks must literally occur in that line, and every decimal number of a line
# with a non-trivial predicate must be checked (num) or declared as input (lit).
_CUR = {"line": None, "used": set()}

def _present(shown):
    line = _CUR["line"]
    if line is None:
        return True
    body = shown.lstrip("-")
    pat = r'(?<![\d.])' + ("-\\s*" if shown.startswith("-") else "") + re.escape(body) + r'(?![\d]|\.\d)'
    if shown.startswith("-"):
        ok = re.search(pat, line) is not None or re.search(r'(?<![\d.])\(-' + re.escape(body) + r'\)', line) is not None
    else:
        ok = re.search(pat, line) is not None
    if ok:
        _CUR["used"].add(body)
    return ok

def _conv(e):
    e = e.replace('\\cdot', '*').replace('\\times', '*').replace('\\,', '').replace('\\ ', ' ')
    for tok in ('\\big', '\\Big', '\\left', '\\right', '\\textstyle'):
        e = e.replace(tok, '')
    old = None
    while old != e:
        old = e
        e = re.sub(r'\\[td]?frac\{([^{}]*)\}\{([^{}]*)\}', r'((\1)/(\2))', e)
        e = re.sub(r'\\sqrt\{([^{}]*)\}', r'((\1)**0.5)', e)
    e = e.replace('{', '(').replace('}', ')').replace('^', '**')
    return re.sub(r'(?<=[\d)])\s*\(', '*(', e)      # implicit product 8(3 + 1)

def arith(expr):
    """expr (e.g. '0.5 - 2.0 - 0.25 = -1.75') occurs verbatim in the line and every
    side evaluates to the last (shown) value at its precision"""
    if _CUR["line"] is not None and expr not in _CUR["line"]:
        return False
    for t in re.findall(r'\d+\.\d+|\d+', expr):
        _CUR["used"].add(t)
    parts = expr.split('=')
    vals = [float(eval(_conv(p_))) for p_ in parts]
    d = dec(parts[-1])
    tol = 0.5 * 10 ** (-d) + 1e-9
    return all(abs(v - vals[-1]) <= tol for v in vals[:-1])

def lit(*strs):
    """declare input numbers that occur in the line (no claim about them)"""
    return all(_present(s) for s in strs)

def num(shown, *cands):
    """shown (a string as printed, and present in the line) agrees with one of
    the candidate values to the shown precision."""
    if not _present(shown):
        return False
    d = dec(shown)
    tol = 0.5 * 10 ** (-d) + 1e-9
    return any(abs(float(shown) - float(c)) <= tol for c in cands)

MAT_RE = re.compile(r'\\begin\{pmatrix\}(.*?)\\end\{pmatrix\}')

def matnum(k, truth):
    """the k-th pmatrix of the current line equals truth entry-wise, to the shown precision"""
    mats = MAT_RE.findall(_CUR["line"] or "")
    if k >= len(mats):
        return False
    rows = [r.split('&') for r in mats[k].split('\\\\')]
    toks = [t.strip() for r in rows for t in r]
    truth = np.asarray(truth, float)
    if len(toks) != truth.size or any(len(r) != (truth.shape[1] if truth.ndim == 2 else 1) for r in rows):
        return False
    return all(num(t.replace(' ', ''), v) for t, v in zip(toks, truth.ravel()))

def nums(shown_list, vals):
    vals = np.ravel(vals)
    return len(shown_list) == len(vals) and all(num(s, v) for s, v in zip(shown_list, vals))

def close(a, b, tol=1e-6):
    a = np.asarray(a, float); b = np.asarray(b, float)
    return a.shape == b.shape and np.allclose(a, b, atol=tol, rtol=1e-5)

def fd(f, x, h=1e-6):
    """central finite-difference gradient of scalar f at array x"""
    x = np.array(x, float)
    g = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        xp = x.copy(); xm = x.copy()
        xp[idx] += h; xm[idx] -= h
        g[idx] = (f(xp) - f(xm)) / (2 * h)
    return g

def fd_jac(f, x, h=1e-6):
    x = np.array(x, float)
    y0 = np.asarray(f(x), float)
    J = np.zeros(y0.shape + x.shape)
    for idx in np.ndindex(x.shape):
        xp = x.copy(); xm = x.copy()
        xp[idx] += h; xm[idx] -= h
        J[(Ellipsis,) + idx] = (np.asarray(f(xp)) - np.asarray(f(xm))) / (2 * h)
    return J

def sig(z):
    return 1 / (1 + np.exp(-z))

def softmax(z, axis=-1):
    z = np.asarray(z, float)
    e = np.exp(z - z.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)

def out_size_enum(n, k, s, p):
    """number of window positions, by enumeration over the padded input"""
    return sum(1 for start in range(0, n + 2 * p) if start % s == 0 and start + k <= n + 2 * p)

def ev(pred):
    try:
        r = pred() if callable(pred) else pred
        return bool(r)
    except Exception:
        return False

STRUCT_RE = re.compile(r'^(\$\$)?\s*((\\begin|\\end)\{[a-zA-Z*]+\})?\s*(\$\$)?\s*[.,]?$')

def math_lines(lines):
    out = []
    inside = False
    for i, ln in enumerate(lines, 1):
        c = ln.count('$$')
        if inside or '$' in ln:
            out.append(i)
        if c % 2 == 1:
            inside = not inside
    return out

# ================================================================ 01
def f01():
    th = np.array([0.5, -1.0, 0.25]); x = np.array([1, 2, -1.0]); y = 1.0; a = 0.1
    z = th @ x; h = sig(z)
    thn = th + a * (y - h) * x
    zn = thn @ x; hn = sig(zn)

    def ell(t, xx, yy):
        hh = sig(t @ xx)
        return yy * np.log(hh) + (1 - yy) * np.log(1 - hh)

    def grad_line(expr):
        # expr(t, x, y, j) must equal d ell / d theta_j for random instances
        def p():
            for _ in range(5):
                t = RNG.normal(size=3); xx = RNG.normal(size=3); yy = float(RNG.integers(0, 2))
                g = fd(lambda tt: ell(tt, xx, yy), t)
                for j in range(3):
                    if not np.isclose(expr(t, xx, yy, j), g[j], atol=1e-6):
                        return False
            return True
        return p
    zs = np.linspace(-4, 4, 9)
    gprime = lambda: close(fd_jac(lambda v: sig(v), zs).diagonal(), sig(zs) * (1 - sig(zs)))
    return [
        (r"Recall that for $y \in \{0, 1\}$", GIVEN),
        (r"where $g(z) = 1/(1+e^{-z})$", GIVEN),
        (r"A useful property of the sigmoid", gprime),
        (r"For a single training example", GIVEN),
        (r"$$\ell(\theta) = y^{(i)}", GIVEN),
        (r"Taking derivatives with respect to $\theta_j$", gprime),
        (r"\frac{\partial}{\partial \theta_j} \ell(\theta)", GIVEN),
        (r"&= \left( y \frac{1}{g(\theta^T x)}", grad_line(lambda t, xx, yy, j: (yy / sig(t @ xx) - (1 - yy) / (1 - sig(t @ xx))) * sig(t @ xx) * (1 - sig(t @ xx)) * xx[j])),
        (r"&= \big( y (1 - g(\theta^T x))", grad_line(lambda t, xx, yy, j: (yy * (1 - sig(t @ xx)) - (1 - yy) * sig(t @ xx)) * xx[j])),
        (r"&= \big( y - h_\theta(x) \big)\, x_j", grad_line(lambda t, xx, yy, j: (yy - sig(t @ xx)) * xx[j])),
        (r"$$\theta_j := \theta_j + \alpha", grad_line(lambda t, xx, yy, j: (yy - sig(t @ xx)) * xx[j])),   # ascent direction = gradient
        (r"**Worked example.**", GIVEN),
        (r"$$\theta^T x^{(i)} = 0.5 - 2.0 - 0.25", lambda: num("0.5", th[0] * x[0]) and num("2.0", -th[1] * x[1]) and num("0.25", -th[2] * x[2]) and num("-1.75", z) and num("-1.75", 0.5 - 2.0 - 0.25)
            and num("5.7546", np.exp(1.75)) and num("0.14805", 1 / (1 + 5.7546)) and num("0.14805", h)),
        (r"The error term is", lambda: num("0.14805", h) and num("0.85195", 1 - 0.14805) and num("0.85195", y - h)),
        (r"\theta_0 &:= 0.5 + 0.1", lambda: num("0.5", th[0]) and num("0.1", a) and num("0.85195", y - h) and num("0.5852", 0.5 + 0.1 * 0.85195) and num("0.5852", thn[0])),
        (r"\theta_1 &:= -1.0 + 0.1", lambda: num("-1.0", th[1]) and num("0.1", a) and num("0.85195", y - h) and num("-0.8296", -1 + 0.1 * 0.85195 * 2) and num("-0.8296", thn[1])),
        (r"\theta_2 &:= 0.25 + 0.1", lambda: num("0.25", th[2]) and num("0.1", a) and num("0.85195", y - h) and num("0.1648", 0.25 - 0.1 * 0.85195) and num("0.1648", thn[2])),
        (r"With the updated parameters", lambda: num("0.5852", thn[0]) and num("0.1648", -thn[2] * x[2]) and num("-1.6592", thn[1] * 2) and num("-1.2388", 0.5852 - 1.6592 - 0.1648)
            and num("-1.2388", zn) and num("0.22464", sig(-1.2388)) and num("0.22464", hn)),
        (r"of this example went from", lambda: num("0.14805", h) and num("0.22464", hn) and num("-1.9102", np.log(0.14805)) and num("-1.4933", np.log(0.22464)) and num("-1.9102", np.log(h)) and num("-1.4933", np.log(hn)) and np.log(hn) > np.log(h)),
        (r"$$\boxed{\theta := \theta + \alpha", grad_line(lambda t, xx, yy, j: (yy - sig(t @ xx)) * xx[j])),
        (r"since $h_\theta(x^{(i)})$ is now a non-linear", GIVEN),
    ]

# ================================================================ 02
def f02():
    m = 6
    n = [5, 4, 3, 1]
    W = {l: RNG.normal(size=(n[l], n[l - 1])) for l in (1, 2, 3)}
    b = {l: RNG.normal(size=(n[l], 1)) * 0.3 for l in (1, 2, 3)}
    X = RNG.normal(size=(5, m))
    Y = RNG.integers(0, 2, size=(1, m)).astype(float)
    relu = lambda z: np.maximum(z, 0)

    def fwd(Wd, bd, start=0, A_in=None, Z_in=None):
        # returns dict of Z, A; can start from a given Z^{[l]} or A^{[l]}
        Z, A = {}, {0: X}
        l0 = 1
        if A_in is not None:
            A[start] = A_in; l0 = start + 1
        if Z_in is not None:
            Z[start] = Z_in
            A[start] = sig(Z_in) if start == 3 else relu(Z_in)
            l0 = start + 1
        for l in range(l0, 4):
            Z[l] = Wd[l] @ A[l - 1] + bd[l]
            A[l] = sig(Z[l]) if l == 3 else relu(Z[l])
        return Z, A

    def cost(A3):
        return float(np.mean(-(Y * np.log(A3) + (1 - Y) * np.log(1 - A3))))

    Z, A = fwd(W, b)
    # true gradients by finite differences
    gW = {l: fd(lambda w, l=l: cost(fwd({**W, l: w}, b)[1][3]), W[l]) for l in (1, 2, 3)}
    gb = {l: fd(lambda v, l=l: cost(fwd(W, {**b, l: v})[1][3]), b[l]) for l in (1, 2, 3)}
    gZ = {l: fd(lambda z, l=l: cost(fwd(W, b, start=l, Z_in=z)[1][3]), Z[l]) for l in (1, 2, 3)}
    gA = {l: fd(lambda a, l=l: cost(fwd(W, b, start=l, A_in=a)[1][3]), A[l]) for l in (0, 1, 2)}
    dZ = {l: m * gZ[l] for l in (1, 2, 3)}      # convention of the notes
    dA = {l: m * gA[l] for l in (0, 1, 2)}
    gp = lambda z: (z > 0).astype(float)

    def line(expr, true, shape):
        def p():
            v = expr()
            return v.shape == shape and close(v, true, 1e-5)
        return p

    def scalar_dL():
        ok = True
        for z in np.linspace(-3, 3, 7):
            for y in (0.0, 1.0):
                a = sig(z)
                L = lambda zz: -(y * np.log(sig(zz)) + (1 - y) * np.log(1 - sig(zz)))
                La = lambda aa: -(y * np.log(aa) + (1 - y) * np.log(1 - aa))
                t = (L(z + 1e-6) - L(z - 1e-6)) / 2e-6
                ta = (La(a + 1e-7) - La(a - 1e-7)) / 2e-7
                ok &= np.isclose((-y / a + (1 - y) / (1 - a)), ta, atol=1e-5)
                ok &= np.isclose((-y / a + (1 - y) / (1 - a)) * a * (1 - a), t, atol=1e-6)
                ok &= np.isclose(-y * (1 - a) + (1 - y) * a, t, atol=1e-6)
                ok &= np.isclose(a - y, t, atol=1e-6)
        return ok

    def sigma_prime():
        zs = np.linspace(-3, 3, 7)
        return close(fd_jac(sig, zs).diagonal(), sig(zs) * (1 - sig(zs)))

    def relu_prime():
        zs = np.array([-2.0, -0.5, 0.3, 1.7])
        return close(fd_jac(relu, zs).diagonal(), (zs > 0).astype(float))

    def shapes():
        return all(W[l].shape == (n[l], n[l - 1]) and b[l].shape == (n[l], 1) and Z[l].shape == (n[l], m) and A[l].shape == (n[l], m)
                   for l in (1, 2, 3))

    def boxed():
        ok = True
        for l in (1, 2, 3):
            if l < 3:
                ok &= close(dA[l] * gp(Z[l]), dZ[l], 1e-5)
            ok &= close((1 / m) * dZ[l] @ A[l - 1].T, gW[l], 1e-5)
            ok &= close(W[l].T @ dZ[l], dA[l - 1], 1e-5)
        return ok

    return [
        (r"# Backward propagation for a 3-layer network", GIVEN),
        (r"We use the course notation", GIVEN),
        (r"$$Z^{[l]} = W^{[l]} A^{[l-1]} + b^{[l]}", GIVEN),
        (r"with $g^{[1]} = g^{[2]} = \mathrm{ReLU}$", GIVEN),
        (r"&W^{[1]} : (4, 5)", shapes),
        (r"&W^{[2]} : (3, 4)", shapes),
        (r"&W^{[3]} : (1, 3)", shapes),
        (r"The cost is the average of the cross-entropy", GIVEN),
        (r"$$J = \frac{1}{m} \sum_{i=1}^{m}", GIVEN),
        (r"Convention: $dZ^{[l]}$ and $dA^{[l]}$", GIVEN),
        (r"**Output layer.** For one example", lambda: scalar_dL() and sigma_prime()),
        (r"$$\frac{\partial \mathcal{L}}{\partial z^{[3]}} =", scalar_dL),
        (r"**Backward pass.** Stacking the columns", relu_prime),
        (r"dZ^{[3]} &= A^{[3]} - Y", line(lambda: A[3] - Y, dZ[3], (1, m))),
        (r"dW^{[3]} &= \tfrac{1}{m}", line(lambda: (1 / m) * dZ[3] @ A[2].T, gW[3], (1, 3))),
        (r"db^{[3]} &= \tfrac{1}{m}", line(lambda: (1 / m) * dZ[3].sum(1, keepdims=True), gb[3], (1, 1))),
        (r"dA^{[2]} &= W^{[3]T} dZ^{[3]}", line(lambda: W[3].T @ dZ[3], dA[2], (3, m))),
        (r"dZ^{[2]} &= dA^{[2]} * g^{[2]\prime}", line(lambda: dA[2] * gp(Z[2]), dZ[2], (3, m))),
        (r"dW^{[2]} &= \tfrac{1}{m}", line(lambda: (1 / m) * dZ[2] @ A[1].T, gW[2], (3, 4))),
        (r"db^{[2]} &= \tfrac{1}{m}", line(lambda: (1 / m) * dZ[2].sum(1, keepdims=True), gb[2], (3, 1))),
        (r"dA^{[1]} &= W^{[2]} dZ^{[2]}", line(lambda: W[2] @ dZ[2], dA[1], (4, m))),
        (r"dZ^{[1]} &= dA^{[1]} * g^{[1]\prime}", line(lambda: dA[1] * gp(Z[1]), dZ[1], (4, m))),
        (r"dW^{[1]} &= \tfrac{1}{m}", line(lambda: (1 / m) * dZ[1] @ X.T, gW[1], (4, 5))),
        (r"db^{[1]} &= \tfrac{1}{m}", line(lambda: (1 / m) * dZ[1].sum(1, keepdims=True), gb[1], (4, 1))),
        (r"Here $*$ is the element-wise product", GIVEN),
        (r"$$\boxed{dZ^{[l]} = dA^{[l]}", boxed),
        (r"Sanity check: $dW^{[l]}$ always", lambda: all(gW[l].shape == W[l].shape for l in (1, 2, 3)) and all(dA[l].shape == A[l].shape for l in (0, 1, 2))),
    ]

# ================================================================ 03
def f03():
    Z = np.array([[1, 2, 0], [0.5, 0.5, -1]]); Y = np.array([[0, 1, 0], [1, 0, 0.0]]); N = 2
    A = softmax(Z, 1)
    Lfun = lambda Zz, Yy: -np.sum(Yy * np.log(softmax(Zz, 1))) / Zz.shape[0]
    L = Lfun(Z, Y)
    G = fd(lambda z: Lfun(z, Y), Z)

    def loss_forms():
        Zr = RNG.normal(size=(4, 3)); Yr = np.eye(3)[RNG.integers(0, 3, 4)]
        Ar = softmax(Zr, 1)
        f1 = (np.ones(4) @ (-Yr * np.log(Ar)) @ np.ones(3)) / 4
        f2 = -np.sum(Yr * np.log(Ar)) / 4
        return np.isclose(f1, f2)

    def jac():
        z = RNG.normal(size=4); a = softmax(z)
        J = fd_jac(softmax, z)
        Jf = np.array([[a[c] * ((c == k) - a[k]) for k in range(4)] for c in range(4)])
        return close(J, Jf) and close(J, np.diag(a) - np.outer(a, a)) and J.shape == (4, 4)

    def row_line(expr):
        def p():
            for _ in range(4):
                z = RNG.normal(size=4); y = RNG.dirichlet(np.ones(4)); a = softmax(z)
                g = fd(lambda zz: -np.sum(y * np.log(softmax(zz))), z)
                Ja = fd_jac(softmax, z)
                if not close([expr(a, y, k, Ja) for k in range(4)], g):
                    return False
            return True
        return p

    def boxed():
        Zr = RNG.normal(size=(5, 4)); Yr = np.eye(4)[RNG.integers(0, 4, 5)]
        g = fd(lambda z: Lfun(z, Yr), Zr)
        return close((softmax(Zr, 1) - Yr) / 5, g) and g.shape == (5, 4)

    def linear():
        Nn, d, C = 5, 3, 4
        X = RNG.normal(size=(Nn, d)); Wm = RNG.normal(size=(d, C)); bv = RNG.normal(size=C)
        Yr = np.eye(C)[RNG.integers(0, C, Nn)]
        Lw = lambda w: Lfun(X @ w + np.outer(np.ones(Nn), bv), Yr)
        Lb = lambda bb: Lfun(X @ Wm + np.outer(np.ones(Nn), bb), Yr)
        dZ = (softmax(X @ Wm + bv, 1) - Yr) / Nn
        gw = fd(Lw, Wm); gb = fd(Lb, bv)
        return close(X.T @ dZ, gw) and (X.T @ dZ).shape == (d, C) and close(dZ.T @ np.ones(Nn), gb) and gb.reshape(C, 1).shape == (C, 1)

    e = np.exp
    return [
        (r"Setup (same as HW1P1)", GIVEN),
        (r"The softmax acts row-wise", GIVEN),
        (r"$$L = \frac{1}{N}\, \iota_N^T", loss_forms),
        (r"**Step 1: softmax Jacobian of one row.**", GIVEN),
        (r"$$\frac{\partial a_c}{\partial z_k} = a_c(\delta_{ck} - a_k)", jac),
        (r"**Step 2: chain rule for one row.**", GIVEN),
        (r"\frac{\partial \ell}{\partial z_k}", GIVEN),
        (r"&= -\sum_{c=1}^{C} \frac{y_c}{a_c}\, \frac{\partial a_c}{\partial z_k}", row_line(lambda a, y, k, Ja: -np.sum(y / a * Ja[:, k]))),
        (r"= -\sum_{c=1}^{C} \frac{y_c}{a_c}\, a_c (\delta_{ck} - a_k)", row_line(lambda a, y, k, Ja: -np.sum(y / a * a * ((np.arange(4) == k) - a[k])))),
        (r"&= -y_k + a_k \sum_{c=1}^{C} y_c", row_line(lambda a, y, k, Ja: -y[k] + a[k] * y.sum())),
        (r"= a_k - y_k ,", row_line(lambda a, y, k, Ja: a[k] - y[k])),
        (r"because a one-hot (or any probability) target", GIVEN),
        (r"**Step 3: the batch.**", GIVEN),
        (r"$$\boxed{\frac{\partial L}{\partial Z} = \frac{1}{N}", boxed),
        (r"**Numerical check** with $N = 2$", GIVEN),
        (r"$$Z = \begin{pmatrix} 1 & 2 & 0", GIVEN),
        (r"Row 1: $e^{1} = 2.71828$", lambda: num("2.71828", e(1)) and num("7.38906", e(2)) and num("11.10734", e(1) + e(2) + 1)
            and nums(["0.24473", "0.66524", "0.09003"], A[0])),
        (r"Row 2: $e^{0.5} = 1.64872$", lambda: num("0.5", Z[1, 0]) and num("1.64872", e(0.5)) and num("0.36788", e(-1)) and num("3.66532", 2 * e(0.5) + e(-1))
            and nums(["0.44982", "0.44982", "0.10037"], A[1])),
        (r"$$L = -\tfrac{1}{2}\big(\log A_{12}", lambda: num("0.4076", -np.log(A[0, 1])) and num("0.7989", -np.log(A[1, 0]))
            and num("0.603", L) and num("0.603", -0.5 * (np.log(A[0, 1]) + np.log(A[1, 0])))),
        (r"$$\frac{\partial L}{\partial Z} = \frac{1}{2}\begin{pmatrix}", lambda: matnum(0, A - Y) and matnum(1, G) and close(G, (A - Y) / N)),
        (r"Each row of $\partial L / \partial Z$ sums to zero", lambda: close(G.sum(1), [0, 0]) and abs(0.1224 - 0.1674 + 0.0450) < 1e-9 and abs(-0.2751 + 0.2249 + 0.0502) < 1e-9),
        (r"**Step 4: into the linear layer.**", GIVEN),
        (r"$$\frac{\partial L}{\partial W} = X^T", linear),
        (r"Note the $\frac{1}{N}$ already sits", linear),
    ]

# ================================================================ 04
def f04():
    z = np.array([0.6, -1.0, 2.0]); v = np.array([2.0, 0.5, -1.0]); u = np.ones(3)
    y = np.tanh(z); d = 1 - y ** 2
    J = fd_jac(np.tanh, z)
    relu = lambda t: np.maximum(t, 0)
    Jr = fd_jac(relu, z)
    zs = np.linspace(-2.5, 2.5, 11)
    dt = fd_jac(np.tanh, zs).diagonal()
    E = np.exp
    h = 1e-3
    fdv = (np.tanh(z + h * v) - np.tanh(z - h * v)) / (2 * h)
    def diag_j():
        zr = RNG.normal(size=4); Jn = fd_jac(np.tanh, zr)
        return close(Jn, np.diag(np.diag(Jn))) and Jn.shape == (4, 4)
    def jvp_forms():
        zr = RNG.normal(size=5); vr = RNG.normal(size=5); ur = RNG.normal(size=5); yr = np.tanh(zr)
        Jn = fd_jac(np.tanh, zr)
        return close(Jn @ vr, (1 - yr * yr) * vr) and close(Jn.T @ ur, (1 - yr * yr) * ur)
    return [
        (r"# Jacobi-Vektor-Produkt durch eine $\tanh$-Schicht", GIVEN),
        (r"Gegeben sei die elementweise Aktivierung", diag_j),
        (r"$$J = \frac{\partial y}{\partial z} = \operatorname{diag}", diag_j),
        (r"Mit $\tanh(z) = \frac{e^{z} - e^{-z}}", lambda: close(np.tanh(zs), (E(zs) - E(-zs)) / (E(zs) + E(-zs)))),
        (r"\tanh'(z) &= \frac{(e^{z} + e^{-z})^2", lambda: close(dt, ((E(zs) + E(-zs)) ** 2 - (E(zs) - E(-zs)) ** 2) / (E(zs) + E(-zs)) ** 2)),
        (r"&= 1 - \tanh^2(z) .", lambda: close(dt, 1 - np.tanh(zs) ** 2)),
        (r"braucht man daher keine $n \times n$-Matrix", GIVEN),
        (r"$$J v = (1 - y \odot y) \odot v, \qquad J^T u", jvp_forms),
        (r"denn $J$ ist symmetrisch. Der Aufwand ist", lambda: close(J, J.T)),
        (r"**Zahlenbeispiel.** Sei $z = (0.6, -1.0, 2.0)^T$", GIVEN),
        (r"y &= \tanh(z) = (0.5370", lambda: nums(["0.5370", "-0.7616", "0.9640"], y)),
        (r"1 - y \odot y &= (0.7116", lambda: nums(["0.7116", "0.4200", "0.0707"], d)),
        (r"J v &= (0.7116 \cdot 2.0", lambda: nums(["0.7116", "0.4200"], d[:2]) and nums(["2.0", "0.5", "-1.0"], v) and nums(["1.4232", "0.2100", "-0.0707"], J @ v)
            and nums(["1.4232", "0.2100", "-0.0707"], [0.7116 * 2.0, 0.4200 * 0.5, 0.0707 * -1.0])),
        (r"J^T u &= (0.7116", lambda: nums(["0.7116", "0.4200", "0.0707"], J.T @ u)),
        (r"Probe: $\langle u, Jv \rangle", lambda: nums(["1.4232", "0.2100", "0.0707"], [(J @ v)[0], (J @ v)[1], -(J @ v)[2]]) and num("1.5625", u @ (J @ v)) and num("1.5625", (J.T @ u) @ v)
            and num("1.5625", 1.4232 + 0.2100 - 0.0707)),
        (r"Zentrale Differenzen mit $h = 10^{-3}$", lambda: nums(["1.4232", "0.2100", "-0.0707"], fdv)),
        (r"**Bemerkung (ReLU).** Für $y = \operatorname{ReLU}(z)", lambda: close(Jr, np.diag(np.diag(Jr)))),
        (r"$$\operatorname{ReLU}'(z_i) = \max(0, z_i)", lambda: close(np.diag(Jr), relu(z)) and nums(["0.6", "0", "2.0"], np.diag(Jr))),
        (r"für das obige $z$, und damit", GIVEN),
        (r"$$J v = (0.6 \cdot 2.0", lambda: nums(["1.2", "0", "-2.0"], Jr @ v) and nums(["1.2", "0", "-2.0"], [0.6 * 2.0, 0, 2.0 * -1.0])),
        (r"$$\boxed{\;J_{\tanh}\, v", jvp_forms),
        (r"An der Stelle $z_i = 0$ ist ReLU nicht", GIVEN),
    ]

# ================================================================ 05
def f05():
    F = lambda v: (v[0] + v[1]) * v[2]
    p0 = np.array([-2.0, 5.0, -4.0])
    g = fd(F, p0)
    w = np.array([2, -3, -3.0]); x = np.array([-1, -2.0])
    fn = lambda ww, xx: sig(ww[0] * xx[0] + ww[1] * xx[1] + ww[2])
    f = fn(w, x)
    gw = fd(lambda ww: fn(ww, x), w); gx = fd(lambda xx: fn(w, xx), x)
    ts = np.linspace(-3, 3, 7)
    dsig = fd_jac(sig, ts).diagonal()
    E = np.exp
    hh = 1e-5
    ng = (fn(w + [hh, 0, 0], x) - fn(w - [hh, 0, 0], x)) / (2 * hh)
    def boxed():
        for _ in range(3):
            wr = RNG.normal(size=3); xr = RNG.normal(size=2); fr = fn(wr, xr)
            if not (close(fd(lambda ww: fn(ww, xr), wr), (1 - fr) * fr * np.array([xr[0], xr[1], 1]))
                    and close(fd(lambda xx: fn(wr, xx), xr), (1 - fr) * fr * wr[:2])):
                return False
        return True
    return [
        (r"Consider $f(x, y, z) = (x + y)\,z$", GIVEN),
        (r"Forward pass: $q = -2 + 5 = 3$", lambda: nums(["-2", "5"], p0[:2]) and num("3", p0[0] + p0[1]) and num("-12", F(p0)) and num("-4", p0[2])),
        (r"Local gradients: $\frac{\partial f}{\partial q} = z$", lambda: np.isclose(g[2], 3) and np.isclose(g[0], -4) and np.isclose(g[1], -4)),
        (r"\frac{\partial f}{\partial z} &= q = 3", lambda: num("3", g[2]) and num("-4", fd(lambda q: q[0] * p0[2], [3.0])[0]) and np.isclose(fd(lambda q: q[0] * p0[2], [3.0])[0], -4)),
        (r"\frac{\partial f}{\partial x} &= \frac{\partial f}{\partial q}", lambda: num("-4", g[0]) and lit("1")),
        (r"\frac{\partial f}{\partial y} = \frac{\partial f}{\partial q}", lambda: num("-4", g[1]) and lit("1")),
        (r"If we increase $x$ or $y$ a little", lambda: num("-4", g[0]) and num("3", g[2]) and np.isclose(g[0], -4) and np.isclose(g[1], -4) and np.isclose(g[2], 3)),
        (r"Now $f(w, x) = \sigma(w_0 x_0", GIVEN),
        (r"Forward: $\text{dot} = 2 \cdot (-1)", lambda: num("1", w[:2] @ x + w[2]) and num("0.7311", f)),
        (r"$$\frac{d\sigma(t)}{dt} = \frac{e^{-t}}{(1 + e^{-t})^2}", lambda: close(dsig, E(-ts) / (1 + E(-ts)) ** 2)
            and close(dsig, ((1 + E(-ts) - 1) / (1 + E(-ts))) * (1 / (1 + E(-ts)))) and close(dsig, (1 - sig(ts)) * sig(ts))),
        (r"so with `dout = 1` we get `ddot`", lambda: num("0.7311", f) and num("0.1966", (1 - 0.7311) * 0.7311) and num("0.1966", (1 - f) * f)),
        (r"dx &= [w_0, w_1] \cdot \texttt{ddot}", lambda: num("0.1966", (1 - f) * f) and nums(["0.3932", "-0.5898"], gx) and nums(["0.3932", "-0.5898"], [2 * 0.1966, -3 * 0.1966])),
        (r"dw &= [x_0, x_1, 1] \cdot \texttt{ddot}", lambda: nums(["-0.1966", "-0.3932", "0.1966"], gw)),
        (r"Numerical gradient check for $w_0$", lambda: num("-0.1966", ng) and num("-0.1966", gw[0])),
        (r"$$\boxed{\frac{\partial f}{\partial w} = (1 - f)", boxed),
        (r"Note how we never needed $\frac{d\sigma}{dt}$", GIVEN),
    ]

# ================================================================ 06
def getline(fname, sub):
    hits = [ln for ln in open(os.path.join(D, fname), encoding="utf-8").read().split("\n") if sub in ln]
    assert len(hits) == 1, sub
    return hits[0]

ARITH_RE = re.compile(r'((?:[0-9.+\-() ]|\\cdot)+)=\s*(-?[0-9.]+)')

def arith_segments(text):
    """[(value of the written expression, shown result)] for 'a\\cdot b + ... = r' segments"""
    out = []
    for expr, res in ARITH_RE.findall(text):
        if not re.search(r'\d', expr):
            continue
        out.append((eval(expr.replace('\\cdot', '*')), float(res)))
    return out

def f06():
    fn = "06_conv2d_forward_backward.md"
    X = np.array([[1, 2, 0, 1], [0, 1, 3, 2], [2, 1, 0, 1], [1, 0, 2, 3]], float)
    K = np.array([[1, 0, -1], [2, 1, 0], [0, -1, 1]], float)
    dl = np.array([[1, 2], [-1, 1]], float)

    def xcorr(A, B):
        kh, kw = B.shape
        H, W_ = A.shape[0] - kh + 1, A.shape[1] - kw + 1
        return np.array([[np.sum(A[i:i + kh, j:j + kw] * B) for j in range(W_)] for i in range(H)])

    conv = lambda k, x=X, b=0.0: xcorr(x, k) + b
    L = lambda k: np.sum(dl * conv(k))
    Y = conv(K)
    gK = fd(L, K)
    gX = fd(lambda x: np.sum(dl * xcorr(x, K)), X)
    gb = fd(lambda b: np.sum(dl * conv(K, X, b[0])), [0.0])[0]

    def yline(i, j, sub):
        def p():
            text = getline(fn, sub).split("&=", 1)[1]
            pairs = re.findall(r'(-?\d+|\(-\d+\))\\cdot\s*(\(-?\d+\)|-?\d+)', text)
            xs = [float(a.strip('()')) for a, _ in pairs]; ks = [float(b.strip('()')) for _, b in pairs]
            segs = arith_segments(text)
            return (xs == list(X[i:i + 3, j:j + 3].ravel()) and ks == list(K.ravel())
                    and len(segs) == 1 and segs[0][0] == segs[0][1] == Y[i, j])
        return p

    def krow(p_, sub):
        def p():
            segs = arith_segments(getline(fn, sub).split("&", 1)[1])
            return len(segs) == 3 and all(a == r and np.isclose(r, gK[p_, q]) for q, (a, r) in enumerate(segs))
        return p

    def formula_ok():
        Kr = RNG.normal(size=(3, 3)); Xr = RNG.normal(size=(4, 4)); dr = RNG.normal(size=(2, 2))
        g = fd(lambda k: np.sum(dr * xcorr(Xr, k)), Kr)
        f = np.array([[sum(dr[i, j] * Xr[i + p, j + q] for i in range(2) for j in range(2)) for q in range(3)] for p in range(3)])
        return close(g, f) and close(g, xcorr(Xr, dr)) and g.shape == (3, 3)

    def dx_note():
        full = xcorr(np.pad(dl, 2), np.rot90(K, 2))
        return full.shape == (4, 4) and close(full, gX)

    return [
        (r"**题目.** 输入 $X \in \mathbb{R}^{4 \times 4}$", GIVEN),
        (r"$$X = \begin{pmatrix} 1 & 2 & 0 & 1", GIVEN),
        (r"**解.** 输出尺寸为 $(4 - 3)/1 + 1 = 2$", lambda: out_size_enum(4, 3, 1, 0) == 2 and (4 - 3) / 1 + 1 == 2 and Y.shape == (2, 2)),
        (r"$$Y_{ij} = \sum_{p=1}^{3}", GIVEN),
        (r"Y_{11} &= 1\cdot 1", yline(0, 0, r"Y_{11} &= ")),
        (r"Y_{12} &= 2\cdot 1", yline(0, 1, r"Y_{12} &= ")),
        (r"Y_{21} &= 0\cdot 1", yline(1, 0, r"Y_{21} &= ")),
        (r"Y_{22} &= 1\cdot 1", yline(1, 1, r"Y_{22} &= ")),
        (r"所以 $Y = \begin{pmatrix} 1 & 7 \\ 4 & 2", lambda: close(Y, [[1, 7], [4, 2]])),
        (r"**反向传播.** 由链式法则", lambda: close(fd_jac(lambda k: conv(k), K), np.array([[[[X[i + p, j + q] for q in range(3)] for p in range(3)] for j in range(2)] for i in range(2)]))),
        (r"$$\frac{\partial L}{\partial K_{pq}} = \sum_{i=1}^{2}", formula_ok),
        (r"即 $\partial L / \partial K$ 等于 $X$ 与 $\delta$ 的互相关", lambda: close(xcorr(X, dl), gK) and gK.shape == K.shape),
        (r"\text{第一行:}", krow(0, r"\text{第一行:}")),
        (r"\text{第二行:}", krow(1, r"\text{第二行:}")),
        (r"\text{第三行:}", krow(2, r"\text{第三行:}")),
        (r"$$\boxed{\frac{\partial L}{\partial K} = \begin{pmatrix} 6 & 4 & 1", lambda: close(gK, [[6, 4, 1], [1, 5, 8], [3, 3, 3]]) and np.isclose(gb, 3) and dl.sum() == 3),
        (r"**注.** 对输入的梯度", dx_note),
    ]

# ================================================================ 07
def f07():
    # true pipeline by enumeration of window positions
    c1 = out_size_enum(32, 5, 1, 2)
    p1 = out_size_enum(c1, 2, 2, 0)
    c2 = out_size_enum(p1, 3, 1, 0)
    p2 = out_size_enum(c2, 2, 2, 0)
    flat = 16 * p2 * p2
    nparam = lambda *shapes: sum(int(np.prod(s)) for s in shapes)
    P1 = nparam((8, 3, 5, 5), (8,)); P2 = nparam((16, 8, 3, 3), (16,)); P3 = nparam((10, flat), (10,))
    def formula():
        return all(out_size_enum(n, k, s, p) == (n + 2 * p - k) // s + 1
                   for n in range(5, 20) for k in range(1, 6) for s in range(1, 4) for p in range(0, 3))
    def same():
        return all(out_size_enum(n, k, 1, (k - 1) // 2) == n for n in range(5, 40) for k in (1, 3, 5, 7))
    def pcount():
        return all(nparam((co, ci, k, k), (co,)) == co * (ci * k ** 2 + 1) for co in (1, 4, 7) for ci in (1, 3) for k in (1, 3, 5))
    return [
        (r"**Rappel.** Pour une entrée de taille spatiale", GIVEN),
        (r"$$n_{\text{out}} = \left\lfloor", formula),
        (r"Une couche de convolution à $C_{\text{in}}$", pcount),
        (r"Avec $s = 1$ et $p = (k - 1)/2$", same),
        (r"**Architecture.** L'entrée est une image", GIVEN),
        (r"- conv1 : $8$ filtres", GIVEN),
        (r"- pool1 : *max-pooling*", GIVEN),
        (r"- conv2 : $16$ filtres", GIVEN),
        (r"- pool2 : *max-pooling*", GIVEN),
        (r"puis une couche linéaire vers $10$ classes", GIVEN),
        (r"\text{conv1} &: \left\lfloor", lambda: (32 + 2 * 2 - 5) // 1 == 31 and c1 == 32 and 31 + 1 == 32),
        (r"\text{pool1} &: \left\lfloor", lambda: (c1 - 2) // 2 == 15 and p1 == 16 and c1 == 32),
        (r"\text{conv2} &: \left\lfloor", lambda: p1 == 16 and (16 + 0 - 3) // 1 == 13 and c2 == 13),
        (r"\text{pool2} &: \left\lfloor", lambda: c2 == 13 and (13 - 2) // 2 == 5 and p2 == 6),
        (r"\text{flatten} &: 16 \cdot 6 \cdot 6", lambda: p2 == 6 and flat == 576),
        (r"\text{conv1} &: 8\,(3 \cdot 5^2 + 1)", lambda: 3 * 5 ** 2 + 1 == 76 and P1 == 608 and 8 * 76 == 608),
        (r"\text{conv2} &: 16\,(8 \cdot 3^2 + 1)", lambda: 8 * 3 ** 2 + 1 == 73 and P2 == 1168 and 16 * 73 == 1168),
        (r"\text{linéaire} &: 576 \cdot 10 + 10", lambda: flat == 576 and P3 == 5770),
        (r"\text{total} &: 608 + 1168 + 5770", lambda: P1 + P2 + P3 == 7546),
        (r"**Remarque.** La couche linéaire concentre", lambda: num("76.5", 100 * P3 / (P1 + P2 + P3))),
    ]

# ================================================================ 08
def avgpool(x, k):
    H, W_ = x.shape
    return np.array([[x[i * k:(i + 1) * k, j * k:(j + 1) * k].mean() for j in range(W_ // k)] for i in range(H // k)])

def f08():
    x = np.array([[1, 3, 2, 0], [5, 7, 4, 2], [0, 2, 1, 1], [6, 4, 3, 3]], float)
    dl = np.array([[0.8, -0.4], [1.2, 0.2]])
    y = avgpool(x, 2)
    gx = fd(lambda xx: np.sum(dl * avgpool(xx, 2)), x)
    shown = np.array([[0.2, 0.2, -0.1, -0.1], [0.2, 0.2, -0.1, -0.1], [0.3, 0.3, 0.05, 0.05], [0.3, 0.3, 0.05, 0.05]])

    def pool_def():
        xr = RNG.normal(size=(6, 6))
        f = np.array([[0.25 * sum(xr[2 * i + a, 2 * j + b] for a in range(2) for b in range(2)) for j in range(3)] for i in range(3)])
        return close(f, avgpool(xr, 2))

    def pool_grad():
        xr = RNG.normal(size=(6, 6)); dr = RNG.normal(size=(3, 3))
        g = fd(lambda xx: np.sum(dr * avgpool(xx, 2)), xr)
        Jy = fd_jac(lambda xx: avgpool(xx, 2), xr)
        f1 = np.einsum('ij,ijuv->uv', dr, Jy)
        f2 = np.array([[0.25 * dr[u // 2, v // 2] for v in range(6)] for u in range(6)])
        return close(g, f1) and close(g, f2)

    def single():
        Jy = fd_jac(lambda xx: avgpool(xx, 2), RNG.normal(size=(6, 6)))
        nz = (np.abs(Jy) > 1e-9).sum(axis=(0, 1))
        return np.all(nz == 1) and all(abs(Jy[u // 2, v // 2, u, v] - 0.25) < 1e-6 for u in range(6) for v in range(6))

    def gap():
        C, H, W_ = 3, 4, 5
        Xr = RNG.normal(size=(C, H, W_)); dr = RNG.normal(size=C)
        gapf = lambda X_: X_.sum(axis=(1, 2)) / (H * W_)
        g = fd(lambda X_: np.sum(dr * gapf(X_)), Xr)
        return close(gapf(Xr), Xr.mean(axis=(1, 2))) and close(g, dr[:, None, None] / (H * W_) * np.ones((C, H, W_)))

    def boxed():
        ok = True
        for k in (2, 3):
            xr = RNG.normal(size=(2 * k, 3 * k)); dr = RNG.normal(size=(2, 3))
            g = fd(lambda xx: np.sum(dr * avgpool(xx, k)), xr)
            ok &= close(g, np.kron(dr, np.ones((k, k))) / k ** 2)
        return ok and gap()

    def indep():
        x2 = RNG.normal(size=(4, 4))
        return close(fd(lambda xx: np.sum(dl * avgpool(xx, 2)), x2), gx)

    return [
        (r"入力 $x \in \mathbb{R}^{H \times W}$（1 チャネル）", GIVEN),
        (r"$$y_{ij} = \frac{1}{4} \sum_{a=0}^{1}", pool_def),
        (r"で定義される。窓が重ならないので", single),
        (r"$$\frac{\partial L}{\partial x_{uv}} = \sum_{i,j}", pool_grad),
        (r"**数値例.** $H = W = 4$", GIVEN),
        (r"$$x = \begin{pmatrix} 1 & 3 & 2 & 0", GIVEN),
        (r"順伝播は $y_{00} = (1 + 3 + 5 + 7)/4 = 4$", lambda: all(re.search(r'\(' + ' \\+ '.join(str(int(t)) for t in x[2*i:2*i+2, 2*j:2*j+2].ravel()) + r'\)/4 = ' + str(int(y[i, j])) + r'(?!\d)', _CUR["line"]) for i in range(2) for j in range(2))
            and close(y, [[4, 2], [3, 2]]) and (1 + 3 + 5 + 7) / 4 == 4 and (2 + 0 + 4 + 2) / 4 == 2
            and (0 + 2 + 6 + 4) / 4 == 3 and (1 + 1 + 3 + 3) / 4 == 2),
        (r"逆伝播では各 $\delta_{ij}$ を $4$ で割り", pool_grad),
        (r"$$\frac{\partial L}{\partial x} = \begin{pmatrix} 0.2 & 0.2", lambda: matnum(0, gx) and close(np.kron(dl, np.ones((2, 2))) / 4, gx)),
        (r"検算：成分の総和は", lambda: nums(["0.2", "-0.1", "0.3", "0.05"], [gx[0, 0], gx[0, 2], gx[2, 0], gx[2, 2]]) and num("4", 4)
            and nums(["0.8", "-0.4", "1.2", "0.2"], dl.ravel()) and num("1.8", gx.sum()) and num("1.8", dl.sum())
            and np.isclose(4 * (0.2 - 0.1 + 0.3 + 0.05), 1.8) and np.isclose(0.8 - 0.4 + 1.2 + 0.2, 1.8)),
        (r"注意：最大プーリングと違い", indep),
        (r"**大域平均プーリング (GAP).**", GIVEN),
        (r"$$y_c = \frac{1}{HW} \sum_{h=1}^{H}", gap),
        (r"例えば ResNet の最終段のように", lambda: num("7", 7) and num("49", 7 * 7) and lit("0.98") and num("0.02", 0.98 / 49)),
        (r"$$\boxed{\frac{\partial L}{\partial x} = \frac{1}{k^2}", boxed),
        (r"ミニバッチ $N$ 枚で損失を平均する場合", GIVEN),
    ]

# ================================================================ 09
def f09():
    eps = 1e-5          # general formulas are checked with eps > 0
    eps_ex = 0.0        # the worked example sets eps = 0
    def ln(x, ga, be, e=None):
        e = eps if e is None else e
        mu = x.mean(); var = ((x - mu) ** 2).mean()
        return ga * (x - mu) / np.sqrt(var + e) + be
    x = np.array([1, 2, 4, 5.0]); ga = np.array([1.0, 0.5, 2.0, 1.0]); be = np.array([0, 0.1, 0, -0.1])
    N = 4
    mu = x.mean(); var = x.var(); sh = np.sqrt(var + eps_ex); xh = (x - mu) / sh
    y = ln(x, ga, be, eps_ex)
    dy = np.array([0.1, -0.2, 0.3, 0.0]); g = ga * dy
    gx = fd(lambda v: np.sum(dy * ln(v, ga, be, eps_ex)), x)
    gga = fd(lambda v: np.sum(dy * ln(x, v, be, eps_ex)), ga)
    gbe = fd(lambda v: np.sum(dy * ln(x, ga, v, eps_ex)), be)

    def rnd():
        xr = RNG.normal(size=5) * 2; gr = RNG.normal(size=5); br = RNG.normal(size=5); dr = RNG.normal(size=5)
        return xr, gr, br, dr

    def partials():
        xr = RNG.normal(size=5); n = 5
        m = lambda v: v.mean(); s2 = lambda v: ((v - v.mean()) ** 2).mean(); shf = lambda v: np.sqrt(s2(v) + eps)
        xhr = (xr - m(xr)) / shf(xr)
        return (close(fd(m, xr), np.ones(n) / n) and close(fd(s2, xr), 2 * (xr - m(xr)) / n)
                and close(fd(shf, xr), (xr - m(xr)) / (n * shf(xr))) and close(fd(shf, xr), xhr / n))

    def jac_xhat():
        xr = RNG.normal(size=5); n = 5
        f = lambda v: (v - v.mean()) / np.sqrt(((v - v.mean()) ** 2).mean() + eps)
        J = fd_jac(f, xr)          # J[j, i] = d xhat_j / d x_i
        s = np.sqrt(xr.var() + eps); xr_h = f(xr); I = np.eye(n)
        A = np.array([[(1 / s) * (I[i, j] - 1 / n) - (xr[j] - xr.mean()) / s ** 2 * xr_h[i] / n for i in range(n)] for j in range(n)])
        B = np.array([[(1 / s) * (I[i, j] - 1 / n - xr_h[i] * xr_h[j] / n) for i in range(n)] for j in range(n)])
        return close(J, A, 1e-5) and close(J, B, 1e-5)

    def dldx_forms(boxed=False):
        def p():
            xr, gr, br, dr = rnd(); n = 5
            gg = gr * dr
            s = np.sqrt(xr.var() + eps); xr_h = (xr - xr.mean()) / s
            t = fd(lambda v: np.sum(dr * ln(v, gr, br)), xr)
            f1 = (1 / s) * (gg - gg.mean() - xr_h * (gg * xr_h).mean())
            ok = close(t, f1, 1e-5)
            if boxed:
                f2 = (n * gg - gg.sum() - xr_h * (gg * xr_h).sum()) / (n * s)
                ok &= close(t, f2, 1e-5)
                ok &= close(fd(lambda v: np.sum(dr * ln(xr, v, br)), gr), dr * xr_h, 1e-5)
                ok &= close(fd(lambda v: np.sum(dr * ln(xr, gr, v)), br), dr, 1e-5)
            else:
                J = fd_jac(lambda v: (v - v.mean()) / np.sqrt(v.var() + eps), xr)
                ok &= close(t, J.T @ gg, 1e-5)
            return ok
        return p

    term = (xh * (g * xh).mean())
    return [
        (r"한 샘플의 은닉 벡터 $x \in \mathbb{R}^{N}$", GIVEN),
        (r"$$\mu = \frac{1}{N}\sum_{i=1}^{N} x_i", GIVEN),
        (r"**순전파 예제.** $x = (1, 2, 4, 5)$", GIVEN),
        (r"\mu &= \tfrac{1}{4}(1 + 2 + 4 + 5) = 3", lambda: num("3", mu) and num("2.5", var) and num("1.58114", sh) and np.isclose(var, 2.5) and (4 + 1 + 1 + 4) / 4 == 2.5 and num("1.58114", sh)),
        (r"\hat{x} &= (-2, -1, 1, 2) / 1.58114", lambda: num("1.58114", sh) and close(x - mu, [-2, -1, 1, 2]) and nums("-1.26491 -0.63246 0.63246 1.26491".split(), xh)
            and nums("-1.26491 -0.63246 0.63246 1.26491".split(), np.array([-2, -1, 1, 2]) / 1.58114)),
        (r"y &= \gamma \odot \hat{x} + \beta", lambda: nums("-1.2649 -0.2162 1.2649 1.1649".split(), y)),
        (r"확인: $\sum_i \hat{x}_i = 0$", lambda: abs(xh.sum()) < 1e-12 and np.isclose((xh ** 2).mean(), var / (var + eps_ex)) and abs((xh ** 2).mean() - 1) < 1e-4
            and np.isclose(2.5 / (2.5 + eps), 1, atol=1e-4)),
        (r"**역전파.** 상류 기울기", GIVEN),
        (r"$$\frac{\partial \mu}{\partial x_i} = \frac{1}{N}", partials),
        (r"\frac{\partial \hat{x}_j}{\partial x_i} &= \frac{1}{\hat\sigma}", jac_xhat),
        (r"\frac{\partial L}{\partial x_i} &= \sum_{j} g_j", dldx_forms()),
        (r"$$\boxed{\frac{\partial L}{\partial x} = \frac{1}{N\hat\sigma}", dldx_forms(True)),
        (r"**수치 예.** $\frac{\partial L}{\partial y} = (0.1, -0.2, 0.3, 0)$", lambda: nums(["0.1", "-0.2", "0.3"], dy[:3]) and nums(["0.1", "-0.1", "0.6"], g[:3])
            and num("0.15", g.mean()) and nums(["-0.2", "0.1", "0.6"], (g * (x - mu))[:3]) and num("0.5", np.sum(g * (x - mu)))
            and np.isclose(-0.2 + 0.1 + 0.6 + 0, 0.5)),
        (r"$\hat{x}_i \cdot \frac{1}{N}\sum_j g_j \hat{x}_j = (x_i - \mu)", lambda: num("0.5", np.sum(g * (x - mu))) and close(term, (x - mu) * 0.5 / (N * sh ** 2))
            and nums("-0.1000 -0.0500 0.0500 0.1000".split(), term)),
        (r"$$\frac{\partial L}{\partial x} = \frac{1}{1.58114}", lambda: num("1.58114", sh) and nums("0.0500 -0.2000 0.4000 -0.2500".split(), g - g.mean() - term)
            and nums("0.0316 -0.1265 0.2530 -0.1581".split(), gx) and nums("0.0316 -0.1265 0.2530 -0.1581".split(), np.array([0.05, -0.2, 0.4, -0.25]) / 1.58114)),
        (r"또한 $\frac{\partial L}{\partial \gamma} = (-0.1265", lambda: nums("-0.1265 0.1265 0.1897 0".split(), gga) and nums("0.1 -0.2 0.3 0".split(), gbe)),
        (r"검산: $\frac{\partial L}{\partial x}$ 의 성분 합은 $0$", lambda: abs(gx.sum()) < 1e-8 and abs(xh @ gx) < 1e-5),
    ]

# ================================================================ 10
def f10():
    def moments(hv, q):
        # exact expectation over m in {0, 1} with P(m = 1) = q
        vals = [(q, hv / q), (1 - q, 0.0)]
        E = sum(pr * v for pr, v in vals); E2 = sum(pr * v * v for pr, v in vals)
        return E, E2, E2 - E * E
    cases = [(hv, q) for hv in (2.0, -1.3, 0.7) for q in (0.5, 0.8, 0.9)]
    h = np.array([2.0, -1.0, 0.5, 3.0]); q = 0.8; m = np.array([1, 0, 1, 1.0])
    dht = np.array([0.4, 0.2, -0.8, 0.1])
    ht = m * h / q
    gh = fd(lambda v: np.sum(dht * (m * v / q)), h)
    E1, _, V1 = moments(2.0, 0.8)
    return [
        (r"Seja $h \in \mathbb{R}^d$ a ativação", GIVEN),
        (r"No treino sorteamos uma máscara", GIVEN),
        (r"$$\tilde{h}_i = \frac{m_i\, h_i}{q} \quad \text{(treino)}", GIVEN),
        (r"**Esperança.** Como $\mathbb{E}[m_i] = q$", lambda: np.isclose(q * 1 + (1 - q) * 0, q)),
        (r"$$\mathbb{E}[\tilde{h}_i] = \frac{\mathbb{E}[m_i]\, h_i}{q}", lambda: all(np.isclose(moments(hv, qq)[0], hv) and np.isclose(qq * hv / qq, hv) for hv, qq in cases)),
        (r"de modo que no teste não é preciso reescalar", lambda: all(np.isclose(qq * hv + (1 - qq) * 0, qq * hv) for hv, qq in cases)),
        (r"**Variância.** Como $m_i \in \{0, 1\}$", lambda: all(mm ** 2 == mm for mm in (0, 1))),
        (r"\mathbb{E}[\tilde{h}_i^2] &= \frac{\mathbb{E}[m_i^2]", lambda: all(np.isclose(moments(hv, qq)[1], qq * hv ** 2 / qq ** 2)
            and np.isclose(moments(hv, qq)[1], hv ** 2 / qq ** 2) for hv, qq in cases)),
        (r"\operatorname{Var}[\tilde{h}_i] &= \mathbb{E}[\tilde{h}_i^2]", lambda: all(np.isclose(moments(hv, qq)[2], moments(hv, qq)[1] - moments(hv, qq)[0] ** 2)
            and np.isclose(moments(hv, qq)[2], (1 - qq ** 2) * hv ** 2 / qq ** 2) for hv, qq in cases)),
        (r"**Retropropagação.** Para uma máscara fixa", lambda: all(close(fd_jac(lambda v: mm * v / 0.8, h), np.diag(mm / 0.8)) for mm in (m, 1 - m))),
        (r"$$\frac{\partial L}{\partial h_i} = \frac{m_i}{q}", lambda: close(gh, m / q * dht)),
        (r"isto é, usa-se a **mesma** máscara", lambda: close(fd_jac(lambda v: v, h), np.eye(4))),
        (r"**Exemplo numérico.** $h = (2.0, -1.0, 0.5, 3.0)$", lambda: nums(["2.0", "-1.0", "0.5", "3.0"], h) and num("0.2", 1 - q) and num("0.8", q)),
        (r"$$\tilde{h} = \frac{(1, 0, 1, 1) \odot", lambda: nums(["2.0", "-1.0", "0.5", "3.0"], h) and num("0.8", q) and nums(["2.5", "0", "0.625", "3.75"], ht)),
        (r"Com $\frac{\partial L}{\partial \tilde{h}} = (0.4, 0.2, -0.8, 0.1)$", GIVEN),
        (r"$$\frac{\partial L}{\partial h} = \frac{1}{0.8}\,(0.4", lambda: num("0.8", q) and nums(["0.4", "0", "-0.8", "0.1"], m * dht) and nums(["0.5", "0", "-1.0", "0.125"], gh)),
        (r"Para a primeira unidade ($h_1 = 2.0$)", GIVEN),
        (r"$$\mathbb{E}[\tilde h_1] = 2.0, \qquad", lambda: np.isclose(E1, 2.0) and np.isclose(V1, 2.25)
            and np.isclose((1 - 0.8 ** 2) * 2.0 ** 2 / 0.8 ** 2, 0.36 * 4 / 0.64) and np.isclose(0.36 * 4 / 0.64, 2.25)),
        (r"Observação: quanto menor $q$, maior o ruído", lambda: all(moments(1.5, a)[2] > moments(1.5, b)[2] for a, b in [(0.3, 0.5), (0.5, 0.9)])
            and moments(1.5, 1 - 1e-9)[2] < 1e-6),
        (r"$$\boxed{\text{treino: } \tilde h = \frac{m \odot h}{q}", lambda: close(gh, m / q * dht) and np.isclose(moments(1.7, 0.6)[0], 1.7)),
    ]

# ================================================================ 11
def adam_run(grad, w0, steps, eta=0.1, b1=0.9, b2=0.999, eps=1e-8, eps_inside=True, wd=0.0):
    w, m, v = float(w0), 0.0, 0.0
    hist = []
    for t in range(1, steps + 1):
        g = grad(w)
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g * g
        mh = m / (1 - b1 ** t); vh = v / (1 - b2 ** t)
        step = mh / np.sqrt(vh + eps) if eps_inside else mh / (np.sqrt(vh) + eps)
        w = w - eta * step - eta * wd * w
        hist.append(dict(g=g, m=m, v=v, mh=mh, vh=vh, w=w))
    return hist

def f11():
    J = lambda w: (w - 3) ** 2
    grad = lambda w: fd(lambda a: J(a[0]), [w])[0]
    H = adam_run(grad, 1.0, 2)
    s1, s2 = H
    def const_grad():
        gc = 1.7; m = 0.0
        for t in range(1, 8):
            m = 0.9 * m + 0.1 * gc
            if not (np.isclose(m, (1 - 0.9 ** t) * gc) and np.isclose(m / (1 - 0.9 ** t), gc)):
                return False
        return True
    def const_step():
        hist = adam_run(lambda w: -2.5, 0.0, 6)
        ws = [0.0] + [h["w"] for h in hist]
        return all(np.isclose(b - a, 0.1, atol=1e-6) for a, b in zip(ws, ws[1:]))
    return [
        (r"We minimize $J(w) = (w - 3)^2$", lambda: all(np.isclose(grad(w), 2 * (w - 3)) for w in (-1.0, 0.5, 2.2))),
        (r"m_t &= B_1 m_{t-1} + (1 - B_1)\, g_t", GIVEN),
        (r"\hat{m}_t &= \frac{m_t}{1 - B_1^t}", GIVEN),
        (r"w_t &= w_{t-1} - \frac{\eta}{\sqrt{\hat{v}_t + \epsilon}}", GIVEN),
        (r"The factors $1 - B^t$ undo the bias", const_grad),
        (r"We use $\eta = 0.1$, $B_1 = 0.9$", GIVEN),
        (r"**Step 1.** $g_1 = 2(1 - 3) = -4$", lambda: num("-4", s1["g"])),
        (r"m_1 &= 0.1 \cdot (-4) = -0.4", lambda: num("0.1", 1 - 0.9) and num("-4", s1["g"]) and num("-0.4", s1["m"]) and num("0.001", 1 - 0.999)
            and num("16", s1["g"] ** 2) and num("0.016", s1["v"])),
        (r"\hat m_1 &= -0.4 / 0.1 = -4", lambda: num("-0.4", s1["m"]) and num("0.1", 1 - 0.9) and num("-4", s1["mh"]) and num("0.016", s1["v"])
            and num("0.001", 1 - 0.999) and num("16", s1["vh"])),
        (r"w_1 &= 1 - \frac{0.1}{\sqrt{16}}", lambda: num("0.1", 0.1) and num("16", s1["vh"]) and num("-4", s1["mh"]) and num("1.1", s1["w"])
            and np.isclose(s1["w"], 1.1, atol=1e-6) and np.isclose(1 - 0.1 / 4 * -4, 1.1)),
        (r"So the first step has length $\eta$", lambda: np.isclose(abs(s1["w"] - 1.0), 0.1, atol=1e-6) and np.isclose(s1["mh"] / np.sqrt(s1["vh"]), np.sign(s1["g"]))),
        (r"**Step 2.** $g_2 = 2(1.1 - 3) = -3.8$", lambda: num("1.1", s1["w"]) and num("-3.8", s2["g"])),
        (r"m_2 &= 0.9 \cdot (-0.4) + 0.1 \cdot (-3.8)", lambda: num("0.9", 0.9) and num("-0.4", s1["m"]) and num("0.1", 0.1) and num("-3.8", s2["g"])
            and num("-0.74", s2["m"]) and np.isclose(s2["m"], -0.74, atol=1e-6)),
        (r"v_2 &= 0.999 \cdot 0.016 + 0.001 \cdot 14.44", lambda: num("0.999", 0.999) and num("0.016", s1["v"]) and num("0.001", 0.001)
            and num("14.44", s2["g"] ** 2) and num("0.030424", s2["v"]) and np.isclose(s2["v"], 0.030424, atol=1e-7)),
        (r"w_2 &= w_1 - \frac{\eta}{\sqrt{v_2 + \epsilon}}", lambda: num("1.1", s1["w"]) and num("0.1", 0.1) and num("-0.74", s2["m"])
            and num("0.1744", np.sqrt(s2["v"])) and num("1.5243", s2["w"])),
        (r"The objective went from $J(w_0) = 4$", lambda: num("4", J(1.0)) and num("3.61", J(s1["w"])) and num("2.1778", J(s2["w"]))),
        (r"$$\boxed{w_2 = 1.5243}$$", lambda: num("1.5243", s2["w"])),
        (r"Remark: with a constant gradient Adam moves", const_step),
    ]

# ================================================================ 12
def clip_norm(gs, c):
    n = np.sqrt(sum(np.sum(np.asarray(g, float) ** 2) for g in gs))
    f = min(1.0, c / n)
    return [f * np.asarray(g, float) for g in gs], n, f

def f12():
    def cases_vs_min():
        for _ in range(20):
            g = RNG.normal(size=5) * RNG.uniform(0.1, 3); c = RNG.uniform(0.5, 3); n = np.linalg.norm(g)
            a = g if n <= c else c / n * g
            if not close(a, min(1, c / n) * g):
                return False
        return True
    def props():
        for _ in range(20):
            g = RNG.normal(size=5) * RNG.uniform(0.1, 3); c = RNG.uniform(0.5, 3); n = np.linalg.norm(g)
            gt = min(1, c / n) * g
            if not (np.isclose(gt @ g / (np.linalg.norm(gt) * n), 1) and np.isclose(np.linalg.norm(gt), min(n, c))
                    and np.isclose(np.linalg.norm(gt), min(1, c / n) * n) and np.linalg.norm(0.1 * gt) <= 0.1 * c + 1e-12):
                return False
        return True
    g = np.array([3, -4, 12.0])
    (gt,), n, f = clip_norm([g], 5)
    GW = np.array([[1, 2], [2, -1.0]]); gb = np.array([0.5, -1.5])
    (tW, tb), n2, f2 = clip_norm([GW, gb], 1)
    sep = np.concatenate([(GW / np.linalg.norm(GW)).ravel(), gb / np.linalg.norm(gb)])
    full = np.concatenate([GW.ravel(), gb])
    gv = np.clip(g, -5, 5)
    cosv = gv @ g / (np.linalg.norm(gv) * np.linalg.norm(g))
    return [
        (r"Let $\mathbf{g} = \nabla_{\boldsymbol\theta} \mathcal{L}$", GIVEN),
        (r"^=\tilde{\mathbf{g}} =", GIVEN),
        (r"\mathbf{g}, & \|\mathbf{g}\|_2 \le c", GIVEN),
        (r"\dfrac{c}{\|\mathbf{g}\|_2}\, \mathbf{g}, & \|\mathbf{g}\|_2 > c", GIVEN),
        (r"or, in one line, $\tilde{\mathbf{g}} = \min", cases_vs_min),
        (r"**(a) Properties.** Since the factor", props),
        (r"$$\|\tilde{\mathbf{g}}\|_2 = \min\Big(1", props),
        (r"Hence an SGD step", props),
        (r"**(b) A single vector.**", lambda: nums(["9", "16", "144"], g ** 2) and num("169", n ** 2) and num("13", n) and n > 5),
        (r"$$\tilde{\mathbf{g}} = \frac{5}{13}\,(3, -4, 12)^T", lambda: close(gt, np.array([15, -20, 60]) / 13) and nums(["1.1538", "-1.5385", "4.6154"], gt)),
        (r"and indeed $\|\tilde{\mathbf{g}}\|_2 = \frac{5}{13} \cdot 13 = 5$", lambda: num("13", n) and num("5", np.linalg.norm(gt))),
        (r"**(c) Several parameter groups.**", GIVEN),
        (r"$$\|\mathbf{g}\|_2 = \sqrt{\|\nabla_W \mathcal{L}\|_F^2", lambda: num("10", np.sum(GW ** 2)) and num("2.5", gb @ gb) and num("12.5", n2 ** 2) and num("3.53553", n2)),
        (r"so every group is multiplied by the same factor", lambda: num("3.53553", n2) and num("0.28284", f2) and num("0.28284", 1 / 3.53553)),
        (r"$$\tilde{\nabla}_W = \begin{pmatrix} 0.2828", lambda: nums("0.2828 0.5657 0.5657 -0.2828".split(), tW) and nums("0.1414 -0.4243".split(), tb)),
        (r"Clipping the two groups separately", lambda: num("10", np.sum(GW ** 2)) and num("2.5", gb @ gb) and num("0.3162", 1 / np.sqrt(10)) and num("0.6325", 1 / np.sqrt(2.5))
            and abs(sep @ full / (np.linalg.norm(sep) * np.linalg.norm(full)) - 1) > 1e-3),
        (r"**(d) Contrast with clipping by value.**", lambda: close(gv, [3, -4, 5])),
        (r"$$\cos\angle = \frac{9 + 16 + 60}{13 \cdot \sqrt{50}}", lambda: nums(["9", "16", "60"], gv * g) and num("85", gv @ g) and num("13", np.linalg.norm(g)) and num("50", gv @ gv) and num("0.9247", cosv)),
        (r"$$\boxed{\tilde{\mathbf{g}} = \min\Big(1", lambda: cases_vs_min() and props()),
    ]

# ================================================================ 13
def f13():
    K, eps_, c = 4, 0.1, 1          # class c = 2 in 1-based notation
    z = np.array([1.0, 3.0, 0.5, -1.0])
    q = (1 - eps_) * (np.arange(K) == c) + eps_ / K
    p = softmax(z)
    Lf = lambda zz: -np.sum(q * np.log(softmax(zz)))
    g = fd(Lf, z)
    E = np.exp(z); lse = np.log(E.sum())

    def rand_case():
        Kr = 5; zr = RNG.normal(size=Kr) * 2; er = RNG.uniform(0, 0.3); cr = int(RNG.integers(0, Kr))
        qr = (1 - er) * (np.arange(Kr) == cr) + er / Kr
        return Kr, zr, qr

    def dlogp(expr):
        def pr():
            Kr, zr, qr = rand_case()
            J = fd_jac(lambda v: np.log(softmax(v)), zr)     # J[j, k]
            pp = softmax(zr)
            return all(np.isclose(J[j, k], expr(zr, pp, j, k), atol=1e-6) for j in range(Kr) for k in range(Kr))
        return pr
    def dL(expr):
        def pr():
            Kr, zr, qr = rand_case()
            t = fd(lambda v: -np.sum(qr * np.log(softmax(v))), zr)
            J = fd_jac(lambda v: np.log(softmax(v)), zr)
            return close(t, [expr(qr, softmax(zr), J, k) for k in range(Kr)])
        return pr
    def qsum():
        Kr, zr, qr = rand_case(); return np.isclose(qr.sum(), 1)
    def onehot():
        Kr = 4; zr = RNG.normal(size=Kr); y = np.eye(Kr)[2]
        return close(fd(lambda v: -np.sum(y * np.log(softmax(v))), zr), y - softmax(zr))
    def remark():
        zopt = np.log(q)                     # p = q at the optimum
        gap = zopt[c] - zopt[0]
        return (close(fd(lambda v: -np.sum(q * np.log(softmax(v))), zopt), np.zeros(K))
                and num("0.3488", -np.sum(q * np.log(q))) and Lf(z) >= -np.sum(q * np.log(q))
                and num("0.925", q[c]) and num("0.025", q[0]) and num("37", q[c] / q[0]) and num("3.6109", gap) and num("3.6109", np.log(37)))
    return [
        (r"Sea $z \in \mathbb{R}^K$ el vector de *logits*", GIVEN),
        (r"$$q_k = (1 - \varepsilon)\, \mathbb{1}[k = c]", qsum),
        (r"y la pérdida es $\mathcal{L} = -\sum_{k=1}^{K}", GIVEN),
        (r"**Derivada.** Como $\log p_j = z_j - \log", lambda: close(np.log(p), z - lse)),
        (r"$$\frac{\partial \log p_j}{\partial z_k} = \frac{e^{z_k}}", lambda: dlogp(lambda zr, pp, j, k: np.exp(zr[k]) / np.exp(zr).sum() - (j == k))()
            and dlogp(lambda zr, pp, j, k: pp[k] - (j == k))()),
        (r"^=\frac{\partial \mathcal{L}}{\partial z_k}", GIVEN),
        (r"&= -\sum_{j=1}^{K} q_j\, \frac{\partial \log p_j}{\partial z_k}", lambda: dL(lambda qr, pp, J, k: -np.sum(qr * J[:, k]))()
            and dL(lambda qr, pp, J, k: -np.sum(qr * (pp[k] - (np.arange(len(qr)) == k))))()),
        (r"&= q_k - p_k \sum_{j=1}^{K} q_j", lambda: dL(lambda qr, pp, J, k: qr[k] - pp[k] * qr.sum())() and dL(lambda qr, pp, J, k: qr[k] - pp[k])()),
        (r"Con $\varepsilon = 0$ el objetivo es *one-hot*", onehot),
        (r"**Ejemplo.** $K = 4$, clase correcta $c = 2$", GIVEN),
        (r"$$q = (0.025,\ 0.925,\ 0.025,\ 0.025)", lambda: nums("0.025 0.925 0.025 0.025".split(), q) and nums("2.7183 20.0855 1.6487 0.3679".split(), E)
            and num("24.8204", E.sum()) and num("24.8204", 2.7183 + 20.0855 + 1.6487 + 0.3679)),
        (r"$$\log 24.8204 = 3.2117", lambda: num("24.8204", E.sum()) and num("3.2117", lse) and nums("2.2117 0.2117 2.7117 4.2117".split(), -np.log(p))
            and nums("0.1095 0.8092 0.0664 0.0148".split(), p)),
        (r"$$\mathcal{L} = 0.025\,(2.2117 + 2.7117 + 4.2117)", lambda: num("0.025", q[0]) and num("0.925", q[c]) and nums(["2.2117", "0.2117", "2.7117", "4.2117"], -np.log(p)) and num("0.4242", Lf(z)) and num("0.4242", 0.025 * (2.2117 + 2.7117 + 4.2117) + 0.925 * 0.2117)),
        (r"frente a $-\log p_2 = 0.2117$ sin suavizado", lambda: num("0.2117", -np.log(p[c]))),
        (r"$$\frac{\partial \mathcal{L}}{\partial z} = q - p", lambda: close(g, q - p) and nums("-0.0845 0.1158 -0.0414 0.0102".split(), g)),
        (r"Observación: el gradiente se anula en $p = q$", remark),
        (r"$$\boxed{\frac{\partial \mathcal{L}}{\partial z_k} = q_k - p_k", lambda: dL(lambda qr, pp, J, k: qr[k] - pp[k])()),
    ]

# ================================================================ 14
def f14():
    Whh = np.array([[0.5, -0.3], [0.2, 0.4]]); Wxh = np.array([[1.0], [-0.5]]); b = np.zeros(2)
    hp = np.array([0.3, 0.1]); x = np.array([-0.7]); dt = np.array([1.0, -0.5])
    cell = lambda h_, x_, Wh, Wx, bb: np.tanh(Wh @ h_ + Wx @ x_ + bb)
    a = Whh @ hp + Wxh @ x + b; h = np.tanh(a); d = 1 - h ** 2
    J = fd_jac(lambda v: cell(v, x, Whh, Wxh, b), hp)
    L = lambda h_: dt @ h_
    g_a = fd(lambda v: L(np.tanh(v)), a)
    g_hp = fd(lambda v: L(cell(v, x, Whh, Wxh, b)), hp)
    g_Wh = fd(lambda v: L(cell(hp, x, v, Wxh, b)), Whh)
    g_Wx = fd(lambda v: L(cell(hp, x, Whh, v, b)), Wxh)
    g_b = fd(lambda v: L(cell(hp, x, Whh, Wxh, v)), b)

    def rand_check(which):
        def p():
            dd, n = 3, 2
            Wh = RNG.normal(size=(dd, dd)); Wx = RNG.normal(size=(dd, n)); bb = RNG.normal(size=dd)
            h_ = RNG.normal(size=dd); x_ = RNG.normal(size=n); de = RNG.normal(size=dd)
            ht = cell(h_, x_, Wh, Wx, bb); aa = Wh @ h_ + Wx @ x_ + bb
            Jn = fd_jac(lambda v: cell(v, x_, Wh, Wx, bb), h_)
            Lr = lambda hh: de @ hh
            if which == "a":
                return (close(fd_jac(np.tanh, aa), np.diag(1 - ht ** 2)) and close(fd_jac(lambda v: Wh @ v + Wx @ x_ + bb, h_), Wh))
            if which == "J":
                return close(Jn, np.diag(1 - ht ** 2) @ Wh) and Jn.shape == (dd, dd)
            if which == "da":
                return close(fd(lambda v: Lr(np.tanh(v)), aa), (1 - ht ** 2) * de)
            if which == "dh":
                t = fd(lambda v: Lr(cell(v, x_, Wh, Wx, bb)), h_)
                return close(t, Jn.T @ de) and close(t, Wh.T @ ((1 - ht ** 2) * de))
            if which == "dW":
                da = (1 - ht ** 2) * de
                return (close(fd(lambda v: Lr(cell(h_, x_, v, Wx, bb)), Wh), np.outer(da, h_))
                        and close(fd(lambda v: Lr(cell(h_, x_, Wh, v, bb)), Wx), np.outer(da, x_))
                        and close(fd(lambda v: Lr(cell(h_, x_, Wh, Wx, v)), bb), da))
        return p
    sv = np.linalg.svd(J)[1][0]
    return [
        (r"The recurrent cell maps the previous hidden state", GIVEN),
        (r"$$a_t = W_{hh} h_{t-1} + W_{xh} x_t + b", GIVEN),
        (r"with $W_{hh} \in \mathbb{R}^{d \times d}$", GIVEN),
        (r"**(a) Jacobian with respect to the previous state.**", rand_check("a")),
        (r"$$\frac{\partial h_t}{\partial h_{t-1}} = \operatorname{diag}", rand_check("J")),
        (r"**(b) Backward step.** Given the column vector", GIVEN),
        (r"\frac{\partial L}{\partial a_t} &= (1 - h_t^2) \odot \delta_t", rand_check("da")),
        (r"\frac{\partial L}{\partial h_{t-1}} &= \Big(", rand_check("dh")),
        (r"\frac{\partial L}{\partial W_{hh}} &= \frac{\partial L}{\partial a_t}", rand_check("dW")),
        (r"(Here $L$ depends on the weights only", GIVEN),
        (r"**(c) Numbers.** Let $d = 2$", GIVEN),
        (r"$$a_t = (0.15 - 0.03 - 0.7", lambda: nums(["0.15", "-0.03", "-0.7"], [Whh[0, 0] * hp[0], Whh[0, 1] * hp[1], Wxh[0, 0] * x[0]])
            and nums(["0.06", "0.04", "0.35"], [Whh[1, 0] * hp[0], Whh[1, 1] * hp[1], Wxh[1, 0] * x[0]]) and nums(["-0.58", "0.45"], a) and close(a, [-0.58, 0.45]) and close([0.15 - 0.03 - 0.7, 0.06 + 0.04 + 0.35], a)
            and close(Whh @ hp, [0.15 - 0.03, 0.06 + 0.04]) and nums(["-0.5227", "0.4219"], h) and nums(["0.7268", "0.8220"], d)),
        (r"$$\frac{\partial h_t}{\partial h_{t-1}} = \begin{pmatrix} 0.7268 \cdot 0.5", lambda: nums(["0.7268", "0.8220"], d) and nums(["0.5", "-0.3", "0.2", "0.4"], Whh)
            and matnum(1, J) and nums("0.3634 -0.2180 0.1644 0.3288".split(), J)
            and nums("0.3634 -0.2180 0.1644 0.3288".split(), np.array([0.7268 * 0.5, 0.7268 * -0.3, 0.8220 * 0.2, 0.8220 * 0.4]))),
        (r"$$\frac{\partial L}{\partial a_t} = (0.7268,\ -0.4110)^T", lambda: nums(["0.7268", "-0.4110"], g_a)
            and nums(["0.3634", "-0.0822", "-0.2180", "-0.1644"], [J[0, 0] * dt[0], J[1, 0] * dt[1], J[0, 1] * dt[0], J[1, 1] * dt[1]])
            and nums(["0.2812", "-0.3824"], g_hp) and matnum(1, g_hp) and nums(["0.2812", "-0.3824"], [0.3634 - 0.0822, -0.2180 - 0.1644])),
        (r"$$\frac{\partial L}{\partial W_{hh}} = \begin{pmatrix} 0.2180", lambda: matnum(0, g_Wh) and matnum(1, g_Wx[:, 0]) and close(g_b, g_a)),
        (r"The largest singular value of $\partial h_t / \partial h_{t-1}$", lambda: num("0.4273", sv) and sv < 1
            and all(np.linalg.norm(np.linalg.matrix_power(J, k), 2) <= sv ** k + 1e-12 for k in range(1, 12))),
        (r"$$\boxed{\frac{\partial L}{\partial h_{t-1}} = W_{hh}^T", rand_check("dh")),
    ]

# ================================================================ 15
def _dist_product(*dists):
    """joint distribution of independent discrete variables: list of (prob, values tuple)"""
    out = [(1.0, ())]
    for vals, probs in dists:
        out = [(p0 * p1, v0 + (v1,)) for p0, v0 in out for v1, p1 in zip(vals, probs)]
    return out

def _E(joint, f):
    return sum(p * f(v) for p, v in joint)

def f15():
    s = 0.7
    W1 = ([-s, s], [0.5, 0.5])
    W2 = ([-2 * s, 0.0, 2 * s], [1 / 8, 3 / 4, 1 / 8])
    X = ([0.5, 2.0], [0.3, 0.7])

    def step1():
        ok = True
        for Wd in (W1, W2):
            J_ = _dist_product(Wd, X)
            var = _E(J_, lambda v: (v[0] * v[1]) ** 2) - _E(J_, lambda v: v[0] * v[1]) ** 2
            Ew2 = _E(J_, lambda v: v[0] ** 2); Ex2 = _E(J_, lambda v: v[1] ** 2)
            Ew = _E(J_, lambda v: v[0]); Ex = _E(J_, lambda v: v[1])
            ok &= np.isclose(var, Ew2 * Ex2 - (Ew * Ex) ** 2) and np.isclose(var, s ** 2 * Ex2) and np.isclose(Ew2, s ** 2)
        return ok

    def sum_var(n, xs_fn, U):
        # z = sum_j w_j x_j with x = xs_fn(u), u ~ U (x components may be correlated)
        J_ = _dist_product(*([W1] * n), U)
        z = lambda v: sum(v[j] * xs_fn(v[n])[j] for j in range(n))
        varz = _E(J_, lambda v: z(v) ** 2) - _E(J_, z) ** 2
        terms = sum(_E(J_, lambda v, j=j: (v[j] * xs_fn(v[n])[j]) ** 2) - _E(J_, lambda v, j=j: v[j] * xs_fn(v[n])[j]) ** 2 for j in range(n))
        Ex2 = _E(J_, lambda v: xs_fn(v[n])[0] ** 2)
        return varz, terms, Ex2

    U = ([-1.0, 0.5, 2.0], [0.2, 0.5, 0.3])
    def step2():
        varz, terms, Ex2 = sum_var(3, lambda u: (u, u, u), U)
        return np.isclose(varz, terms) and np.isclose(varz, 3 * s ** 2 * Ex2)

    def xavier_claims():
        Us = ([-1.0, 1.0], [0.5, 0.5])
        varz, _, Ex2 = sum_var(3, lambda u: (u, u, u), Us)
        Ex = 0.0
        fwd_ok = np.isclose(Ex2 - Ex ** 2, 1.0) and np.isclose(varz, 3 * s ** 2 * 1.0) and (np.isclose(varz, 1.0) == np.isclose(3 * s ** 2, 1))
        # backward: dL/dx_j = sum_i w_ij dL/dz_i over n_out outputs
        varg, _, Eg2 = sum_var(4, lambda u: (u, u, u, u), Us)
        return fwd_ok and np.isclose(varg, 4 * s ** 2 * Eg2)

    def uniform():
        ok = True
        for a in (0.3, 1.0, 2.5):
            zz = np.linspace(-a, a, 200001)
            ok &= np.isclose(np.trapezoid(zz ** 2 / (2 * a), zz), a ** 2 / 3, rtol=1e-6)
        for ni, no in ((256, 128), (10, 30)):
            a = np.sqrt(6 / (ni + no)); ok &= np.isclose(a ** 2 / 3, 2 / (ni + no))
        return ok

    def relu_moment(claim):
        ok = True
        for sd in (0.5, 1.3):
            zz = np.linspace(0, 12 * sd, 400001)
            pz = np.exp(-zz ** 2 / (2 * sd ** 2)) / np.sqrt(2 * np.pi * sd ** 2)
            half = np.trapezoid(zz ** 2 * pz, zz)
            zf = np.linspace(-12 * sd, 12 * sd, 800001)
            pf = np.exp(-zf ** 2 / (2 * sd ** 2)) / np.sqrt(2 * np.pi * sd ** 2)
            ex2 = np.trapezoid(np.maximum(zf, 0) ** 2 * pf, zf)
            ok &= np.isclose(ex2, half, rtol=1e-6) and np.isclose(ex2, claim(sd ** 2), rtol=1e-6)
        return ok

    def he_chain():
        Us = ([-1.3, 1.3], [0.5, 0.5]); n = 3
        varz, _, _ = sum_var(n, lambda u: (max(u, 0.0),) * 3, Us)
        varprev = 1.3 ** 2
        return np.isclose(varz, n * s ** 2 * varprev) and np.isclose(n * (1 / n) * varprev, varprev)

    return [
        (r"Beschouw één laag $z_i = \sum_{j=1}^{n_{\text{in}}}", GIVEN),
        (r"**Stap 1: één product.**", GIVEN),
        (r"$$\operatorname{Var}[w x] = \mathbb{E}[w^2]", step1),
        (r"**Stap 2: de som.** De termen $w_{ij} x_j$", step2),
        (r"$$\operatorname{Var}[z_i] = \sum_{j=1}^{n_{\text{in}}}", step2),
        (r"**Xavier.** Bij een activatie die symmetrisch", xavier_claims),
        (r"$$\sigma_w^2 = \frac{2}{n_{\text{in}} + n_{\text{out}}}, \qquad \text{uniform", uniform),
        (r"**He.** Nu is $x_j = \max(0, z_j^{(l-1)})$", GIVEN),
        (r"$$\mathbb{E}[x_j^2] = \int_0^\infty z^2", lambda: relu_moment(lambda v: v)),
        (r"$$\operatorname{Var}[z^{(l)}] = n_{\text{in}}\, \sigma_w^2", he_chain),
        (r"**Getallen.** Voor een laag met $n_{\text{in}} = 256$", GIVEN),
        (r"\text{Xavier:}\quad & \sigma_w^2 = \frac{2}{384}", lambda: 256 + 128 == 384 and num("0.005208", 2 / 384) and num("0.0722", np.sqrt(2 / 384))
            and num("0.125", np.sqrt(6 / 384))),
        (r"\text{He:}\quad & \sigma_w^2 = \frac{1}{256}", lambda: num("0.003906", 2 / 256) and num("0.0625", np.sqrt(2 / 256))),
        (r"Waarom dit ertoe doet: een factor $c$", lambda: lit("1.1", "0.9", "50") and num("117.39", 1.1 ** 50) and num("0.0052", 0.9 ** 50)),
        (r"$$\boxed{\text{Xavier: } \sigma_w^2", lambda: uniform() and relu_moment(lambda v: v) and he_chain()),
    ]

# ================================================================ 16
def huber(r, d):
    r = np.asarray(r, float)
    return np.where(np.abs(r) <= d, 0.5 * r ** 2, d * (np.abs(r) - 0.5 * d))

def smooth_l1(r, beta):
    r = np.asarray(r, float)
    return np.where(np.abs(r) < beta, 0.5 * r ** 2 / beta, np.abs(r) - 0.5 * beta)

def f16():
    d = 1.0
    yh = np.array([2.5, 0.0, 3.0]); y = np.array([3.0, -2.0, 3.2])
    loss = lambda p: np.mean(huber(p - y, d))
    g = fd(loss, yh)
    mse_g = fd(lambda p: np.mean((p - y) ** 2), yh)
    rs_in = np.array([-0.9, -0.3, 0.2, 0.7]) * 1.5; rs_out = np.array([-4.0, -2.1, 1.8, 3.3]); dd = 1.5
    dH = lambda rs: np.array([fd(lambda v: float(huber(v[0], dd)), [r])[0] for r in rs])
    def pieces():
        return (close(fd_jac(lambda v: 0.5 * v ** 2, rs_in).diagonal(), rs_in)
                and close(fd_jac(lambda v: dd * (np.abs(v) - 0.5 * dd), rs_out).diagonal(), dd * np.sign(rs_out)))
    def glue():
        ok = True
        for s_ in (-1, 1):
            e = 1e-7
            a = huber(s_ * (dd - e), dd); b = huber(s_ * (dd + e), dd)
            ok &= np.isclose(0.5 * dd ** 2, s_ * 0 + 0.5 * (dd) ** 2) and abs(a - 0.5 * dd ** 2) < 1e-6 and abs(b - 0.5 * dd ** 2) < 1e-6
            sl_in = fd(lambda v: float(0.5 * v[0] ** 2), [s_ * dd])[0]
            sl_out = fd(lambda v: float(dd * (abs(v[0]) - 0.5 * dd)), [s_ * dd])[0]
            ok &= np.isclose(sl_in, s_ * dd) and np.isclose(sl_out, s_ * dd)
        # second derivative: 1 inside, 0 outside
        sec = lambda r: (huber(r + 1e-4, dd) - 2 * huber(r, dd) + huber(r - 1e-4, dd)) / 1e-8
        ok &= np.isclose(sec(0.5), 1, atol=1e-3) and np.isclose(sec(2.5), 0, atol=1e-3)
        return ok
    def torch_rel():
        rs = np.linspace(-3, 3, 61) + 0.013
        ok = True
        for beta in (0.5, 1.0, 2.0):
            ok &= close(smooth_l1(rs, beta), huber(rs, beta) / beta)
            gsl = np.array([fd(lambda v: float(smooth_l1(v[0], beta)), [r])[0] for r in rs])
            ok &= close(gsl, np.clip(rs / beta, -1, 1), 1e-5)
        return ok
    return [
        (r"MSE punishes big errors a lot", GIVEN),
        (r"^=L_\delta(r) =", GIVEN),
        (r"\frac{1}{2} r^2, & |r| \le \delta", GIVEN),
        (r"\delta\big(|r| - \frac{1}{2}\delta\big), & |r| > \delta", GIVEN),
        (r"Let's differentiate each piece.", pieces),
        (r"^=L_\delta'(r) =", GIVEN),
        (r"^=r, & |r| \le \delta, \\", lambda: close(dH(rs_in), rs_in)),
        (r"\delta\, \operatorname{sign}(r), & |r| > \delta,", lambda: close(dH(rs_out), dd * np.sign(rs_out))),
        (r"\qquad\text{i.e.}\qquad L_\delta'(r) = \operatorname{clip}", lambda: close(dH(np.concatenate([rs_in, rs_out])), np.clip(np.concatenate([rs_in, rs_out]), -dd, dd))),
        (r"The pieces glue together nicely", glue),
        (r"PyTorch's `smooth_l1_loss` with parameter", lambda: lit("0.5") and torch_rel()),
        (r"Let's try it on a mini-batch of three predictions", GIVEN),
        (r"$$r = (-0.5,\ 2.0,\ -0.2)", lambda: nums(["-0.5", "2.0", "-0.2"], yh - y) and nums(["0.125", "1.5", "0.02"], huber(yh - y, d))
            and num("0.5483", loss(yh)) and num("0.5483", (0.125 + 1.5 + 0.02) / 3)),
        (r"The gradient with respect to the predictions picks up", lambda: close(g, np.clip(yh - y, -d, d) / 3)),
        (r"$$\frac{\partial\, \text{loss}}{\partial \hat{y}} = \frac{1}{3}", lambda: nums(["-0.5", "1.0", "-0.2"], 3 * g) and nums("-0.1667 0.3333 -0.0667".split(), g)),
        (r"Compare MSE, $\frac{1}{3}\sum_i r_i^2$", lambda: nums("-0.3333 1.3333 -0.1333".split(), mse_g) and close(mse_g, 2 / 3 * (yh - y))
            and np.all(np.abs(g) <= d / 3 + 1e-9) and num("0.3333", d / 3)),
        (r"$$\boxed{L_\delta'(r) = \operatorname{clip}(r, -\delta, \delta)}$$", lambda: close(dH(np.concatenate([rs_in, rs_out])), np.clip(np.concatenate([rs_in, rs_out]), -dd, dd))),
    ]

FILES = {
    "01_logistic_regression_update.md": f01,
    "02_three_layer_mlp_backward.md": f02,
    "03_softmax_cross_entropy_batch.md": f03,
    "04_jvp_tanh.md": f04,
    "05_computational_graph_chain_rule.md": f05,
    "06_conv2d_forward_backward.md": f06,
    "07_cnn_output_sizes.md": f07,
    "08_average_pool_backward.md": f08,
    "09_layer_norm.md": f09,
    "10_dropout.md": f10,
    "11_adam_two_steps.md": f11,
    "12_gradient_clipping.md": f12,
    "13_label_smoothing.md": f13,
    "14_rnn_step_derivative.md": f14,
    "15_init_variance.md": f15,
    "16_huber_smooth_l1.md": f16,
}

# ================================================================ text-level arithmetic
# Second pass over the worked numbers: every written chain of arithmetic is
# re-evaluated from the text itself, and data lines are compared with the data
# used above.
def has(*subs):
    """the substrings occur verbatim in the line (their numbers count as checked)"""
    ok = all(_CUR["line"] is None or sub in _CUR["line"] for sub in subs)
    if ok:
        for sub in subs:
            for t in re.findall(r'\d+\.\d+|\d+', sub):
                _CUR["used"].add(t)
    return ok

A = arith
EXTRA = {
    "01_logistic_regression_update.md": lambda: [
        (r"**Worked example.**", lambda: nums(["0.5", "-1.0", "0.25"], [0.5, -1.0, 0.25]) and has("(1, 2, -1)^T") and num("0.1", 0.1)),
        (r"$$\theta^T x^{(i)} = 0.5 - 2.0 - 0.25", lambda: A("0.5 - 2.0 - 0.25 = -1.75") and A(r"\frac{1}{1 + 5.7546} = 0.14805")),
        (r"The error term is", lambda: A("1 - 0.14805 = 0.85195")),
        (r"\theta_0 &:= 0.5 + 0.1", lambda: A(r"0.5 + 0.1 \cdot 0.85195 \cdot 1 = 0.5852")),
        (r"\theta_1 &:= -1.0 + 0.1", lambda: A(r"-1.0 + 0.1 \cdot 0.85195 \cdot 2 = -0.8296")),
        (r"\theta_2 &:= 0.25 + 0.1", lambda: A(r"0.25 + 0.1 \cdot 0.85195 \cdot (-1) = 0.1648")),
        (r"With the updated parameters", lambda: A("0.5852 - 1.6592 - 0.1648 = -1.2388")),
    ],
    "03_softmax_cross_entropy_batch.md": lambda: [
        (r"$$Z = \begin{pmatrix} 1 & 2 & 0", lambda: matnum(0, [[1, 2, 0], [0.5, 0.5, -1]]) and matnum(1, [[0, 1, 0], [1, 0, 0]])),
        (r"Row 1: $e^{1} = 2.71828$", lambda: num("11.10734", 2.71828 + 7.38906 + 1)
            and all(num(t, v / 11.10734) for t, v in zip(["0.24473", "0.66524", "0.09003"], [2.71828, 7.38906, 1]))),
        (r"Row 2: $e^{0.5} = 1.64872$", lambda: num("3.66532", 2 * 1.64872 + 0.36788)
            and all(num(t, v / 3.66532) for t, v in zip(["0.44982", "0.10037"], [1.64872, 0.36788]))),
        (r"$$L = -\tfrac{1}{2}\big(\log A_{12}", lambda: num("0.4076", -np.log(0.66524)) and num("0.7989", -np.log(0.44982))
            and A(r"\tfrac{1}{2}(0.4076 + 0.7989) = 0.603")),
        (r"$$\frac{\partial L}{\partial Z} = \frac{1}{2}\begin{pmatrix}", lambda: all(num(t, float(u) / 2) for t, u in zip(
            "0.1224 -0.1674 0.0450 -0.2751 0.2249 0.0502".split(), "0.24473 -0.33476 0.09003 -0.55018 0.44982 0.10037".split()))
            and all(num(t, float(u) - yv) for t, u, yv in zip("0.24473 -0.33476 0.09003 -0.55018 0.44982 0.10037".split(),
                                                             "0.24473 0.66524 0.09003 0.44982 0.44982 0.10037".split(), [0, 1, 0, 1, 0, 0]))),
    ],
    "04_jvp_tanh.md": lambda: [
        (r"**Zahlenbeispiel.** Sei $z = (0.6, -1.0, 2.0)^T$", lambda: has("z = (0.6, -1.0, 2.0)^T", "v = (2.0, 0.5, -1.0)^T", "u = (1, 1, 1)^T")),
        (r"Probe: $\langle u, Jv \rangle", lambda: A("1.4232 + 0.2100 - 0.0707 = 1.5625")),
        (r"$$J v = (0.6 \cdot 2.0", lambda: has(r"(0.6 \cdot 2.0,\ 0 \cdot 0.5,\ 2.0 \cdot (-1.0))^T = (1.2,\ 0,\ -2.0)^T")
            and np.allclose([0.6 * 2.0, 0 * 0.5, 2.0 * -1.0], [1.2, 0, -2.0])),
    ],
    "05_computational_graph_chain_rule.md": lambda: [
        (r"Consider $f(x, y, z) = (x + y)\,z$", lambda: has("$x = -2$", "$y = 5$", "$z = -4$")),
        (r"Forward pass: $q = -2 + 5 = 3$", lambda: A("-2 + 5 = 3") and A(r"3 \cdot (-4) = -12")),
        (r"\frac{\partial f}{\partial x} &= \frac{\partial f}{\partial q}", lambda: A(r"-4 \cdot 1 = -4")),
        (r"\frac{\partial f}{\partial y} = \frac{\partial f}{\partial q}", lambda: A(r"-4 \cdot 1 = -4")),
        (r"Now $f(w, x) = \sigma(w_0 x_0", lambda: has("$w = [2, -3, -3]$", "$x = [-1, -2]$")),
        (r"Forward: $\text{dot} = 2 \cdot (-1)", lambda: A(r"2 \cdot (-1) + (-3) \cdot (-2) + (-3) = 1")),
        (r"so with `dout = 1` we get `ddot`", lambda: A(r"(1 - 0.7311) \cdot 0.7311 = 0.1966")),
        (r"dx &= [w_0, w_1] \cdot \texttt{ddot}", lambda: has(r"[2 \cdot 0.1966,\ -3 \cdot 0.1966] = [0.3932,\ -0.5898]")
            and num("0.3932", 2 * 0.1966) and num("-0.5898", -3 * 0.1966)),
    ],
    "06_conv2d_forward_backward.md": lambda: [
        (r"$$X = \begin{pmatrix} 1 & 2 & 0 & 1", lambda: matnum(0, [[1, 2, 0, 1], [0, 1, 3, 2], [2, 1, 0, 1], [1, 0, 2, 3]])
            and matnum(1, [[1, 0, -1], [2, 1, 0], [0, -1, 1]]) and matnum(2, [[1, 2], [-1, 1]])),
        (r"**解.** 输出尺寸为 $(4 - 3)/1 + 1 = 2$", lambda: A("(4 - 3)/1 + 1 = 2")),
        (r"所以 $Y = \begin{pmatrix} 1 & 7 \\ 4 & 2", lambda: matnum(0, [[1, 7], [4, 2]])),
    ],
    "07_cnn_output_sizes.md": lambda: [
        (r"**Architecture.** L'entrée est une image", lambda: has(r"$3 \times 32 \times 32$")),
        (r"- conv1 : $8$ filtres", lambda: has(r"$8$ filtres $5 \times 5$, $s = 1$, $p = 2$")),
        (r"- pool1 : *max-pooling*", lambda: has(r"$2 \times 2$, $s = 2$")),
        (r"- conv2 : $16$ filtres", lambda: has(r"$16$ filtres $3 \times 3$, $s = 1$, $p = 0$")),
        (r"- pool2 : *max-pooling*", lambda: has(r"$2 \times 2$, $s = 2$")),
        (r"puis une couche linéaire vers $10$ classes", lambda: has("$10$ classes")),
        (r"\text{conv1} &: \left\lfloor", lambda: (has(r"\left\lfloor \frac{32 + 2 \cdot 2 - 5}{1} \right\rfloor + 1 = 31 + 1 = 32", r"8 \times 32 \times 32")
                           and (32 + 2 * 2 - 5) // 1 == 31 and A("31 + 1 = 32"))),
        (r"\text{pool1} &: \left\lfloor", lambda: has(r"\left\lfloor \frac{32 - 2}{2} \right\rfloor + 1 = 15 + 1 = 16", r"8 \times 16 \times 16")
            and (32 - 2) // 2 == 15 and A("15 + 1 = 16")),
        (r"\text{conv2} &: \left\lfloor", lambda: has(r"\left\lfloor \frac{16 + 0 - 3}{1} \right\rfloor = 13", r"16 \times 13 \times 13") and (16 + 0 - 3) // 1 == 13),
        (r"\text{pool2} &: \left\lfloor", lambda: has(r"\left\lfloor \frac{13 - 2}{2} \right\rfloor + 1 = 5 + 1 = 6", r"16 \times 6 \times 6")
            and (13 - 2) // 2 == 5 and A("5 + 1 = 6")),
        (r"\text{flatten} &: 16 \cdot 6 \cdot 6", lambda: A(r"16 \cdot 6 \cdot 6 = 576")),
        (r"\text{conv1} &: 8\,(3 \cdot 5^2 + 1)", lambda: A(r"8\,(3 \cdot 5^2 + 1) = 8 \cdot 76 = 608")),
        (r"\text{conv2} &: 16\,(8 \cdot 3^2 + 1)", lambda: A(r"16\,(8 \cdot 3^2 + 1) = 16 \cdot 73 = 1168")),
        (r"\text{linéaire} &: 576 \cdot 10 + 10", lambda: A(r"576 \cdot 10 + 10 = 5770")),
        (r"\text{total} &: 608 + 1168 + 5770", lambda: has(r"608 + 1168 + 5770 = \boxed{7546}") and 608 + 1168 + 5770 == 7546),
        (r"**Remarque.** La couche linéaire concentre", lambda: has("5770 / 7546") and num("76.5", 100 * 5770 / 7546)),
    ],
    "08_average_pool_backward.md": lambda: [
        (r"$$x = \begin{pmatrix} 1 & 3 & 2 & 0", lambda: matnum(0, [[1, 3, 2, 0], [5, 7, 4, 2], [0, 2, 1, 1], [6, 4, 3, 3]]) and matnum(1, [[0.8, -0.4], [1.2, 0.2]])),
        (r"検算：成分の総和は", lambda: A(r"4 \cdot (0.2 - 0.1 + 0.3 + 0.05) = 1.8") and A("0.8 - 0.4 + 1.2 + 0.2 = 1.8")),
        (r"例えば ResNet の最終段のように", lambda: A("0.98 / 49 = 0.02")),
        (r"逆伝播では各 $\delta_{ij}$ を $4$ で割り", lambda: has("を $4$ で割り") and 2 * 2 == 4),
    ],
    "09_layer_norm.md": lambda: [
        (r"**순전파 예제.** $x = (1, 2, 4, 5)$", lambda: has("$x = (1, 2, 4, 5)$", r"$\epsilon = 0$", r"$\gamma = (1.0, 0.5, 2.0, 1.0)$", r"$\beta = (0, 0.1, 0, -0.1)$")),
        (r"\mu &= \tfrac{1}{4}(1 + 2 + 4 + 5) = 3", lambda: A(r"\tfrac{1}{4}(1 + 2 + 4 + 5) = 3") and A(r"\tfrac{1}{4}(4 + 1 + 1 + 4) = 2.5")),
        (r"\hat{x} &= (-2, -1, 1, 2) / 1.58114", lambda: has("(-2, -1, 1, 2) / 1.58114") and all(num(t, v / 1.58114) for t, v in zip("-1.26491 -0.63246 0.63246 1.26491".split(), [-2, -1, 1, 2]))),
        (r"y &= \gamma \odot \hat{x} + \beta", lambda: all(num(t, gm * xv + bv) for t, gm, xv, bv in zip("-1.2649 -0.2162 1.2649 1.1649".split(), [1.0, 0.5, 2.0, 1.0], [-1.26491, -0.63246, 0.63246, 1.26491], [0, 0.1, 0, -0.1]))),
        (r"또한 $\frac{\partial L}{\partial \gamma} = (-0.1265", lambda: all(num(t, dv * xv) for t, dv, xv in zip("-0.1265 0.1265 0.1897".split(), [0.1, -0.2, 0.3], [-1.26491, -0.63246, 0.63246]))),
        (r"**수치 예.** $\frac{\partial L}{\partial y} = (0.1, -0.2, 0.3, 0)$", lambda: A("-0.2 + 0.1 + 0.6 + 0 = 0.5")),
        (r"검산: $\frac{\partial L}{\partial x}$ 의 성분 합은 $0$", lambda: has("성분 합은 $0$", r"\approx 0$")),
        (r"$$\frac{\partial L}{\partial x} = \frac{1}{1.58114}", lambda: all(num(t, float(u) / 1.58114) for t, u in zip(
            "0.0316 -0.1265 0.2530 -0.1581".split(), "0.0500 -0.2000 0.4000 -0.2500".split()))),
    ],
    "10_dropout.md": lambda: [
        (r"**Exemplo numérico.** $h = (2.0, -1.0, 0.5, 3.0)$", lambda: (has("$m = (1, 0, 1, 1)$", "$p = 0.2$", "$q = 0.8$") and np.isclose(1 - 0.2, 0.8))),
        (r"$$\tilde{h} = \frac{(1, 0, 1, 1) \odot", lambda: has("(1, 0, 1, 1) \\odot (2.0, -1.0, 0.5, 3.0)}{0.8}")
            and close(np.array([1, 0, 1, 1]) * np.array([2.0, -1.0, 0.5, 3.0]) / 0.8, [2.5, 0, 0.625, 3.75])),
        (r"Com $\frac{\partial L}{\partial \tilde{h}} = (0.4, 0.2, -0.8, 0.1)$", lambda: has("(0.4, 0.2, -0.8, 0.1)")),
        (r"$$\frac{\partial L}{\partial h} = \frac{1}{0.8}\,(0.4", lambda: close(np.array([0.4, 0, -0.8, 0.1]) / 0.8, [0.5, 0, -1.0, 0.125])),
        (r"$$\mathbb{E}[\tilde h_1] = 2.0, \qquad", lambda: A(r"\frac{(1 - 0.8^2) \cdot 2.0^2}{0.8^2} = \frac{0.36 \cdot 4}{0.64} = 2.25")),
    ],
    "11_adam_two_steps.md": lambda: [
        (r"We use $\eta = 0.1$, $B_1 = 0.9$", lambda: has(r"$\eta = 0.1$", "$B_1 = 0.9$", "$B_2 = 0.999$", r"$\epsilon = 10^{-8}$", "$w_0 = 1$")),
        (r"**Step 1.** $g_1 = 2(1 - 3) = -4$", lambda: A("2(1 - 3) = -4")),
        (r"m_1 &= 0.1 \cdot (-4) = -0.4", lambda: A(r"0.1 \cdot (-4) = -0.4") and A(r"0.001 \cdot 16 = 0.016")),
        (r"\hat m_1 &= -0.4 / 0.1 = -4", lambda: A("-0.4 / 0.1 = -4") and A("0.016 / 0.001 = 16")),
        (r"w_1 &= 1 - \frac{0.1}{\sqrt{16}}", lambda: A(r"1 - \frac{0.1}{\sqrt{16}}\,(-4) = 1.1")),
        (r"**Step 2.** $g_2 = 2(1.1 - 3) = -3.8$", lambda: A("2(1.1 - 3) = -3.8")),
        (r"m_2 &= 0.9 \cdot (-0.4) + 0.1 \cdot (-3.8)", lambda: A(r"0.9 \cdot (-0.4) + 0.1 \cdot (-3.8) = -0.74")),
        (r"v_2 &= 0.999 \cdot 0.016 + 0.001 \cdot 14.44", lambda: A(r"0.999 \cdot 0.016 + 0.001 \cdot 14.44 = 0.030424")),
        (r"w_2 &= w_1 - \frac{\eta}{\sqrt{v_2 + \epsilon}}", lambda: A(r"1.1 - \frac{0.1}{0.1744}\,(-0.74) = 1.5243")),
    ],
    "12_gradient_clipping.md": lambda: [
        (r"**(b) A single vector.**", lambda: has(r"$\mathbf{g} = (3, -4, 12)^T$", "$c = 5$") and A(r"\sqrt{9 + 16 + 144} = \sqrt{169} = 13")),
        (r"$$\tilde{\mathbf{g}} = \frac{5}{13}\,(3, -4, 12)^T", lambda: (has(r"\Big(\frac{15}{13}, -\frac{20}{13}, \frac{60}{13}\Big)^T")
            and nums(["1.1538", "-1.5385", "4.6154"], np.array([15, -20, 60]) / 13) and close(5 / 13 * np.array([3, -4, 12]), np.array([15, -20, 60]) / 13))),
        (r"and indeed $\|\tilde{\mathbf{g}}\|_2 = \frac{5}{13} \cdot 13 = 5$", lambda: A(r"\frac{5}{13} \cdot 13 = 5")),
        (r"**(c) Several parameter groups.**", lambda: matnum(0, [[1, 2], [2, -1]]) and has(r"(0.5, -1.5)^T", "$c = 1$")),
        (r"$$\|\mathbf{g}\|_2 = \sqrt{\|\nabla_W \mathcal{L}\|_F^2", lambda: A(r"\sqrt{10 + 2.5} = \sqrt{12.5} = 3.53553")),
        (r"so every group is multiplied by the same factor", lambda: A("1 / 3.53553 = 0.28284")),
        (r"$$\tilde{\nabla}_W = \begin{pmatrix} 0.2828", lambda: matnum(0, 0.28284 * np.array([[1, 2], [2, -1]])) and nums(["0.1414", "-0.4243"], 0.28284 * np.array([0.5, -1.5]))),
        (r"Clipping the two groups separately", lambda: A(r"1/\sqrt{10} = 0.3162") and A(r"1/\sqrt{2.5} = 0.6325")),
        (r"**(d) Contrast with clipping by value.**", lambda: has(r"$(3, -4, 5)^T$", "$[-5, 5]$")),
        (r"$$\cos\angle = \frac{9 + 16 + 60}{13 \cdot \sqrt{50}}", lambda: A(r"\frac{9 + 16 + 60}{13 \cdot \sqrt{50}} = \frac{85}{13\sqrt{50}} = 0.9247")),
    ],
    "13_label_smoothing.md": lambda: [
        (r"**Ejemplo.** $K = 4$, clase correcta $c = 2$", lambda: has(r"$\varepsilon = 0.1$", r"$z = (1.0,\ 3.0,\ 0.5,\ -1.0)$", "$K = 4$", "$c = 2$")),
        (r"$$q = (0.025,\ 0.925,\ 0.025,\ 0.025)", lambda: A("2.7183 + 20.0855 + 1.6487 + 0.3679 = 24.8204")),
        (r"$$\log 24.8204 = 3.2117", lambda: all(num(t, 3.2117 - zz) for t, zz in zip("2.2117 0.2117 2.7117 4.2117".split(), [1.0, 3.0, 0.5, -1.0]))),
        (r"$$\mathcal{L} = 0.025\,(2.2117 + 2.7117 + 4.2117)", lambda: A(r"0.025\,(2.2117 + 2.7117 + 4.2117) + 0.925 \cdot 0.2117 = 0.4242")),
        (r"Observación: el gradiente se anula en $p = q$", lambda: has(r"\log(0.925 / 0.025) = \log 37 = 3.6109")),
    ],
    "14_rnn_step_derivative.md": lambda: [
        (r"**(c) Numbers.** Let $d = 2$", lambda: matnum(0, [[0.5, -0.3], [0.2, 0.4]]) and matnum(1, [1.0, -0.5])
            and has("$h_{t-1} = (0.3, 0.1)^T$", "$x_t = -0.7$", r"$\delta_t = (1.0, -0.5)^T$", "$b = 0$")),
        (r"$$a_t = (0.15 - 0.03 - 0.7", lambda: (has(r"(0.15 - 0.03 - 0.7,\ 0.06 + 0.04 + 0.35)^T = (-0.58,\ 0.45)^T") and np.isclose(0.15 - 0.03 - 0.7, -0.58) and np.isclose(0.06 + 0.04 + 0.35, 0.45))),
        (r"$$\frac{\partial h_t}{\partial h_{t-1}} = \begin{pmatrix} 0.7268 \cdot 0.5", lambda: has(r"0.7268 \cdot 0.5 & 0.7268 \cdot (-0.3) \\ 0.8220 \cdot 0.2 & 0.8220 \cdot 0.4")
            and matnum(1, [[0.7268 * 0.5, 0.7268 * -0.3], [0.8220 * 0.2, 0.8220 * 0.4]])),
        (r"$$\frac{\partial L}{\partial a_t} = (0.7268,\ -0.4110)^T", lambda: has(r"0.3634 - 0.0822 \\ -0.2180 - 0.1644")
            and matnum(1, [0.3634 - 0.0822, -0.2180 - 0.1644])),
    ],
    "15_init_variance.md": lambda: [
        (r"**Getallen.** Voor een laag met $n_{\text{in}} = 256$", lambda: has(r"$n_{\text{in}} = 256$", r"$n_{\text{out}} = 128$")),
        (r"\text{Xavier:}\quad & \sigma_w^2 = \frac{2}{384}", lambda: A(r"\frac{2}{384} = 0.005208") and A(r"\sqrt{6/384} = 0.125")),
        (r"\text{He:}\quad & \sigma_w^2 = \frac{1}{256}", lambda: A(r"\frac{1}{256} = 0.003906")),
        (r"Waarom dit ertoe doet: een factor $c$", lambda: A("1.1^{50} = 117.39") and A("0.9^{50} = 0.0052")),
    ],
    "16_huber_smooth_l1.md": lambda: [
        (r"Let's try it on a mini-batch of three predictions", lambda: has(r"$\hat{y} = (2.5, 0.0, 3.0)$", "$y = (3.0, -2.0, 3.2)$", r"$\delta = 1$")),
        (r"$$r = (-0.5,\ 2.0,\ -0.2)", lambda: A(r"\frac{0.125 + 1.5 + 0.02}{3} = 0.5483")
            and close(np.array([2.5, 0.0, 3.0]) - np.array([3.0, -2.0, 3.2]), [-0.5, 2.0, -0.2])),
        (r"$$\frac{\partial\, \text{loss}}{\partial \hat{y}} = \frac{1}{3}", lambda: all(num(t, float(u) / 3) for t, u in zip("-0.1667 0.3333 -0.0667".split(), "-0.5 1.0 -0.2".split()))),
        (r"PyTorch's `smooth_l1_loss` with parameter", lambda: has(r"$\operatorname{clip}(r / \beta, -1, 1)$", r"$0.5\, r^2 / \beta$", r"$|r| - 0.5\beta$")),
        (r"Compare MSE, $\frac{1}{3}\sum_i r_i^2$", lambda: all(num(t, 2 / 3 * u) for t, u in zip("-0.3333 1.3333 -0.1333".split(), [-0.5, 2.0, -0.2]))),
    ],
}


def main():
    expected = json.load(open(os.path.join(D, "expected.json")))
    allok = True
    for fname in sorted(expected):
        lines = open(os.path.join(D, fname), encoding="utf-8").read().split("\n")
        if lines and lines[-1] == "":
            lines = lines[:-1]
        mlines = math_lines(lines)
        if fname not in FILES:
            print(f"{fname}: NO CHECKS"); allok = False; continue
        pairs = FILES[fname]() + EXTRA.get(fname, lambda: [])()
        covered = {}
        problems = []
        for sub, pred in pairs:
            if sub.startswith("^="):      # whole-line match
                hits = [i for i, ln in enumerate(lines, 1) if ln.strip() == sub[2:]]
            else:
                hits = [i for i, ln in enumerate(lines, 1) if sub in ln]
            if len(hits) != 1:
                problems.append(f"substring matches {len(hits)} lines: {sub!r}")
                continue
            covered.setdefault(hits[0], []).append(pred)
        for i in mlines:
            if STRUCT_RE.match(lines[i - 1].strip()) and i not in covered:
                covered[i] = [GIVEN]
        missing = [i for i in mlines if i not in covered]
        extra = [i for i in covered if i not in mlines]
        if missing:
            problems.append(f"uncovered math lines {missing}")
        if extra:
            problems.append(f"pairs on non-math lines {extra}")
        first = None
        unverified = []
        for i in sorted(covered):
            _CUR["line"] = lines[i - 1]; _CUR["used"] = set()
            ok_line = all(ev(p) for p in covered[i])
            if not ok_line:
                first = i if first is None else first
                continue
            if any(p is not GIVEN for p in covered[i]):
                # a worked decimal number that no predicate checked: the line is not verified
                unchecked = [t for t in re.findall(r'\d+\.\d+', lines[i - 1]) if t not in _CUR["used"]]
                if unchecked:
                    unverified.append((i, unchecked))
                    first = i if first is None else first
        _CUR["line"] = None
        exp = expected[fname]
        if unverified and first is not None and any(i <= first for i, _ in unverified):
            problems.append("unchecked numbers " + ", ".join(f"line {i}: {u}" for i, u in unverified if i <= first))
        ok = (first == exp) and not problems
        allok &= ok
        print(f"{fname}: first false line = {first}, expected = {exp} -> {'OK' if ok else 'MISMATCH'}"
              + ("" if not problems else "  [" + "; ".join(problems) + "]"))
    if allok:
        print("ALL OK")
        sys.exit(0)
    sys.exit(1)

if __name__ == "__main__":
    main()
