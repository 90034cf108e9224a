#!/usr/bin/env python
"""Independent NumPy check of the blind corpus (corpus90).

For every file: a list of (unique substring of a line, check).  A check is
GIVEN (definitions / data stated by the author) or a callable returning True
when every math claim on that line holds (worked numbers recomputed and
compared to printed precision, derivative claims tested by central finite
differences at random points, identities tested at random points, sizes by
building arrays).  The first failing line must equal expected.json.
Run:  python verify_truth.py        (add --cov to list math lines without a check)
"""
import json, math, os, sys
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(12345)
GIVEN = "GIVEN"


# ----------------------------------------------------------------- helpers
def A(printed, value):
    """printed number (string, as in the text) agrees with value to its printed precision."""
    s = (printed.replace("{,}", ".").replace("\\,", "").replace(" ", "")
         .replace("\u2212", "-").replace("\u00a0", ""))
    if s.count(",") == 1 and "." not in s:
        s = s.replace(",", ".")
    if "e" in s:
        mant, ex = s.split("e")
        ex = int(ex)
    else:
        mant, ex = s, 0
    dec = len(mant.split(".")[1]) if "." in mant else 0
    tol = 0.5 * 10.0 ** (ex - dec) * (1 + 1e-9) + 1e-300
    ok = abs(float(mant) * 10.0 ** ex - value) <= tol
    if not ok and VERBOSE:
        print(f"      A({printed!r}) vs {value!r}")
    return ok


def AV(printed_list, values):
    values = np.asarray(values, dtype=float).ravel()
    return len(printed_list) == len(values) and all(A(p, v) for p, v in zip(printed_list, values))


def fd(f, x, h=1e-6):
    """central finite difference of scalar f at scalar x"""
    return (f(x + h) - f(x - h)) / (2 * h)


def fd_grad(f, X, h=1e-6):
    X = np.asarray(X, dtype=float)
    G = np.zeros_like(X)
    for idx in np.ndindex(X.shape):
        E = np.zeros_like(X)
        E[idx] = h
        G[idx] = (f(X + E) - f(X - E)) / (2 * h)
    return G


def close(a, b, rtol=1e-5, atol=1e-7):
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    return a.shape == b.shape and np.allclose(a, b, rtol=rtol, atol=atol)


def ste_round(u, u0):
    """surrogate with value round(u0) at u0 and derivative 1 (straight-through)"""
    return np.round(u0) + (u - u0)


def all_(*conds):
    return all(bool(c) for c in conds)


def bf16(x):
    """round float32 -> bfloat16 (round to nearest even), returned as float"""
    a = np.array(np.atleast_1d(x), dtype=np.float32).view(np.uint32).astype(np.uint64)
    r = ((a + 0x7FFF + ((a >> 16) & 1)) >> 16) << 16
    out = r.astype(np.uint32).view(np.float32).astype(float)
    return out if np.ndim(x) else float(out[0])


def f16(x):
    with np.errstate(over="ignore"):
        return float(np.float16(x))


VERBOSE = "--cov" in sys.argv or "-v" in sys.argv
FILES = {}


def register(name):
    def deco(fn):
        FILES[name] = fn
        return fn
    return deco


# ====================================================================== 01
@register("01_affine_quant_minmax_en.md")
def f01():
    s = 5.2 / 255
    z = 88

    def quant(r):
        return int(np.clip(np.round(r / s) + z, 0, 255))

    def c_solve():
        ok = True
        for _ in range(20):
            rmin, rmax = -rng.uniform(0.1, 5), rng.uniform(0.1, 5)
            qmin, qmax = sorted(rng.integers(-200, 300, 2))
            if qmax == qmin:
                continue
            ss = (rmax - rmin) / (qmax - qmin)
            zr = qmin - rmin / ss          # exact (unrounded) solution
            ok &= np.isclose(rmin, ss * (qmin - zr)) and np.isclose(rmax, ss * (qmax - zr))
        return ok

    def c_sub():
        rmin, rmax, ss, zz = -1.3, 2.1, 0.7, 3.3
        return np.isclose((ss * (5 - zz)) - (ss * (-2 - zz)), ss * (5 - (-2)))

    def c_zero():
        ok = True
        for _ in range(20):
            ss = rng.uniform(0.001, 1)
            zz = int(rng.integers(-100, 100))
            q = np.round(0.0 / ss) + zz
            ok &= (q == zz) and ss * (q - zz) == 0
        return ok

    def c_err():
        r = rng.uniform(-1.7945, 3.4054, 10000)
        q = np.clip(np.round(r / s) + z, 0, 255)
        return np.all(np.abs(r - s * (q - z)) <= s / 2 + 1e-12)

    def row(r, p_ratio, p_rz, p_q, p_rh):
        u = r / s
        return all_(A(p_ratio, u), int(np.round(u)) + z == p_rz, quant(r) == p_q,
                    A(p_rh, s * (quant(r) - z)))

    def c46():
        return all_(A("0.00078", 1.0 - 0.99922), A("0.00078", 1.0 - s * 49),
                    A("0.010196", s / 2), 255 - z == 167, A("3.4055", 167 * s),
                    A("-1.7945", -88 * s), quant(4.0) == 255, quant(-2.5) == 0,
                    abs(-88 * s + 1.8) < s / 2, abs(167 * s - 3.4) < s / 2)

    def c50():
        err = 4.0 - 167 * s
        # s increases with the width of the range
        ds = fd(lambda rmax: (rmax + 1.8) / 255, 3.4)
        return all_(A("0.5945", err), A("0.5945", 4.0 - 3.4055), A("58", err / (s / 2)), ds > 0)

    def c51():
        ok = True
        for r in rng.uniform(-1.7, 3.3, 50):
            if abs(r / s - np.round(r / s)) > 0.45 or True:
                k = r / s
                if abs(abs(k - np.floor(k)) - 0.5) < 1e-3:
                    continue
                ok &= abs(fd(lambda x: s * (quant(x) - z), r, 1e-7)) < 1e-9
        return ok

    return [
        ("A real value $r$ is represented", GIVEN),
        ("r \\approx \\hat r = s\\,(q - z)", GIVEN),
        ("where $s>0$ is the **scale**", GIVEN),
        ("r_{\\min} &= s\\,(q_{\\min} - z)", GIVEN),
        ("r_{\\max} &= s\\,(q_{\\max} - z)", GIVEN),
        ("Subtracting the first line", c_sub),
        ("s = \\frac{r_{\\max} - r_{\\min}}{q_{\\max} - q_{\\min}}", c_solve),
        ("The rounding of $z$ is what guarantees", c_zero),
        ("q = \\operatorname{clamp}", GIVEN),
        ("inside the range the error satisfies", c_err),
        ("Take $q_{\\min}=0$", GIVEN),
        ("- Scale: $s =", lambda: all_(np.isclose(3.4 - (-1.8), 5.2), A("0.020392", s))),
        ("- Zero-point:", lambda: all_(A("88.27", 1.8 / s), A("88.27", 1.8 / 0.020392),
                                      round(88.27) == 88, round(0 - (-1.8) / s) == 88)),
        ("| $r$ | $r/s$ |", GIVEN),
        ("| $1.0$ |", lambda: row(1.0, "49.04", 137, 137, "0.99922")),
        ("| $0.37$ |", lambda: row(0.37, "18.14", 106, 106, "0.36706")),
        ("| $-1.23$ |", lambda: row(-1.23, "-60.32", 28, 28, "-1.22353")),
        ("| $4.0$ |", lambda: row(4.0, "196.15", 284, 255, "3.40549")),
        ("| $-2.5$ |", lambda: row(-2.5, "-122.60", -35, 0, "-1.79451")),
        ("For $r=1.0$ the error is", c46),
        ("The clamping error for $r=4.0$", c50),
        ("piecewise constant in $r$", c51),
    ]


# ====================================================================== 02
@register("02_ste_gradient_de.md")
def f02():
    def Q(w, s):
        return s * np.round(w / s)

    def c8():
        s = 0.1
        ok = True
        for w in rng.uniform(-1, 1, 40):
            k = w / s
            if abs(abs(k - np.floor(k)) - 0.5) < 1e-3:
                continue
            ok &= abs(fd(lambda x: Q(x, s), w, 1e-7)) < 1e-9
        for k in range(-3, 4):             # jumps at s(k+1/2)
            b = s * (k + 0.5)
            ok &= Q(b + 1e-6, s) - Q(b - 1e-6, s) > s / 2
        # chain rule with zero inner derivative
        ok &= 3.7 * 0 == 0
        return ok

    def c12():   # STE surrogate: derivative of round treated as 1
        u0 = rng.uniform(-5, 5)
        return np.isclose(fd(lambda u: ste_round(u, u0), u0), 1.0)

    def c14():
        ok = True
        for _ in range(10):
            s = rng.uniform(0.01, 1); w0 = rng.uniform(-2, 2)
            d = fd(lambda w: s * ste_round(w / s, w0 / s), w0)
            ok &= np.isclose(d, s * 1 * (1 / s)) and np.isclose(d, 1)
        return ok

    def c16():
        ok = True
        for _ in range(10):
            s = 0.1; w0 = rng.uniform(-2, 2); a, t = rng.normal(size=2)
            Lh = lambda wh: 0.5 * (wh * a - t) ** 2
            dL_dwh = fd(Lh, Q(w0, s))
            dL_dw = fd(lambda w: Lh(s * ste_round(w / s, w0 / s)), w0)
            ok &= np.isclose(dL_dw, dL_dwh)
        return ok

    a, t, s, w = 2.0, 0.5, 0.1, 0.37
    wh = Q(w, s)

    def c21():
        return all_(A("3.7", w / s), A("0.4", wh), A("0.8", wh * a),
                    A("0.045", 0.5 * (wh * a - t) ** 2), A("0.045", 0.5 * (0.8 - 0.5) ** 2))

    def c22():
        g = fd(lambda x: 0.5 * (s * ste_round(x / s, w / s) * a - t) ** 2, w)
        return all_(np.isclose(g, (wh * a - t) * a), A("0.3", wh * a - t), A("0.6", g), A("0.6", 0.3 * 2))

    w2 = w - 0.1 * 0.6

    def c23():
        return A("0.31", w2) and A("0.31", 0.37 - 0.1 * 0.6)

    def c24():
        wh2 = Q(w2, s)
        return all_(A("3.1", w2 / s), A("0.3", wh2), A("0.6", wh2 * a),
                    A("0.005", 0.5 * (wh2 * a - t) ** 2), A("0.005", 0.5 * (0.6 - 0.5) ** 2))

    def c26():
        # loss fell from 0.045 to 0.005; a step |dw| < s/2 can leave w_hat unchanged
        return all_(0.5 * (Q(w2, s) * a - t) ** 2 < 0.5 * (wh * a - t) ** 2,
                    Q(0.37 + 0.02, s) == Q(0.37, s))

    def ste_grad_W(W, av, tv, s):
        W0 = W.copy()
        f = lambda X: 0.5 * np.sum((s * ste_round(X / s, W0 / s) @ av - tv) ** 2)
        return fd_grad(f, W0)

    def c32():
        m, n = 2, 3
        W = rng.normal(size=(m, n)); av = rng.normal(size=n); tv = rng.normal(size=m)
        r = Q(W, 0.25) @ av - tv
        return r.shape == (m,)

    def c34():
        ok = True
        for (m, n) in [(2, 3), (4, 2), (3, 3)]:
            W = rng.normal(size=(m, n)); av = rng.normal(size=n); tv = rng.normal(size=m)
            G = ste_grad_W(W, av, tv, 0.25)
            r = Q(W, 0.25) @ av - tv
            ok &= close(G, np.outer(av, r))     # claim: a r^T
        return ok

    W = np.array([[0.3, -0.6, 0.1], [0.9, 0.2, -0.35]])
    Wh = Q(W, 0.25)
    av = np.array([1.0, 2.0, -1.0]); tv = np.array([0.0, 1.0])

    def c40():
        return close(Wh, [[0.25, -0.5, 0], [1, 0.25, -0.25]])

    def c42():
        return all_(close(Wh @ av, [-0.75, 1.75]), close(Wh @ av - tv, [-0.75, 0.75]))

    def c44():
        G = ste_grad_W(W, av, tv, 0.25)
        return close(G, [[-0.75, 0.75], [-1.5, 1.5], [0.75, -0.75]])

    def c46():
        ok = True
        s = 0.25
        for _ in range(200):
            w0 = rng.uniform(-2, 2); e = w0 - Q(w0, s); g = rng.normal()
            if np.sign(g) == np.sign(e) or abs(e) > s / 2 - 0.01:
                continue
            w1 = w0 - 1e-3 * g
            # moves towards the rounding boundary: |rounding error| grows
            ok &= abs(w1 - Q(w0, s)) > abs(e)
        return ok

    return [
        ("Wir quantisieren ein Gewicht", GIVEN),
        ("\\hat w = Q(w) = s\\cdot", GIVEN),
        ("**Bemerkung 4.3.**", c8),
        ("**Definition 4.4 (STE).**", GIVEN),
        ("\\frac{\\partial\\,\\mathrm{round}(u)}{\\partial u} :\\approx 1", c12),
        ("\\frac{\\partial \\hat w}{\\partial w} \\approx s\\cdot 1", c14),
        ("\\frac{\\partial L}{\\partial w} \\approx \\frac{\\partial L}{\\partial \\hat w}.", c16),
        ("**Beispiel 4.5 (skalar).**", GIVEN),
        ("* Vorwärts:", c21),
        ("* Rückwärts (STE):", c22),
        ("* Schritt mit Lernrate", c23),
        ("* Neu:", c24),
        ("Der Verlust ist also von", c26),
        ("**Beispiel 4.6 (Matrixform).**", GIVEN),
        ("L(W) = \\tfrac12\\,\\lVert", GIVEN),
        ("ergibt der STE mit dem Residuum", c32),
        ("\\nabla_W L \\approx a\\, r^{\\top}.", c34),
        ("Zahlenbeispiel mit $s = 0{,}25$", GIVEN),
        ("W = \\begin{pmatrix} 0{,}3", GIVEN),
        ("\\hat W = \\begin{pmatrix} 0{,}25", c40),
        ("Mit $a = (1,\\,2,\\,-1)^\\top$", c42),
        ("\\nabla_W L \\approx \\begin{pmatrix} -0{,}75", c44),
        ("Gewichte, deren Gradient", c46),
    ]


# ====================================================================== 03
@register("03_fakequant_clipping_fr.md")
def f03():
    s = 0.05

    def fq(x, s=s):
        return s * np.clip(np.round(x / s), -128, 127)

    def fq_sur(x, x0, s=s):
        # rounding replaced by the identity (STE), clamp kept exact
        return fq(x0, s) + s * (np.clip(x / s, -128, 127) - np.clip(x0 / s, -128, 127))

    def away_from_edges(x, s=s):
        k = x / s
        return abs(abs(k - np.floor(k)) - 0.5) > 1e-3 and abs(k + 128) > 1e-3 and abs(k - 127) > 1e-3

    def c10():
        ok = True
        for x in rng.uniform(-8, 8, 60):
            if away_from_edges(x):
                ok &= abs(fd(fq, x, 1e-7)) < 1e-9
        return ok

    def c12():
        ok = True
        for x0 in rng.uniform(-8, 8, 80):
            if not away_from_edges(x0):
                continue
            d = fd(lambda x: fq_sur(x, x0), x0, 1e-7)
            ind1 = float(-128 <= x0 / s <= 127)
            ind2 = float(-128 * s <= x0 <= 127 * s)
            ok &= np.isclose(d, s * (1 / s) * ind1, atol=1e-6) and ind1 == ind2
        return ok

    def c16():
        ok = True
        for _ in range(5):
            x0 = np.array([v for v in rng.uniform(-8, 8, 20) if away_from_edges(v)][:6])
            g = rng.normal(size=6)
            G = fd_grad(lambda x: np.sum(g * fq_sur(x, x0)), x0, 1e-7)
            ok &= close(G, g * ((x0 >= -128 * s) & (x0 <= 127 * s)), atol=1e-6)
        return ok

    x = np.array([-7.0, 2.31, 6.3, -6.4, 6.36])
    g = np.array([0.2, -0.5, 1.1, 0.3, -0.8])
    mask = ((x >= -128 * s - 1e-12) & (x <= 127 * s + 1e-12)).astype(float)

    def c23():
        return all_(A("-6.4", -128 * s), A("6.25", 127 * s))

    def c30():
        ints = np.clip(np.round(x / s), -128, 127)
        return all_(AV(["-140", "46.2", "126", "-128", "127.2"], x / s),
                    np.array_equal(ints, [-128, 46, 126, -128, 127]))

    def c32():
        return AV(["-6.4", "2.3", "6.3", "-6.4", "6.35"], fq(x))

    def c34():
        return np.array_equal(mask, [0, 1, 0, 1, 0]) and np.isclose(x[3], -128 * s)

    def c36():
        G = fd_grad(lambda xx: np.sum(g * fq_sur(xx, x)), x + np.array([0, 0, 0, 1e-4, 0]), 1e-7)
        # (x_4 sits exactly on the bound, which the text includes; test just inside it)
        return close(g * mask, [0, -0.5, 0, 0.3, 0]) and close(G, g * mask, atol=1e-6)

    def c39():
        ok = True
        for xx in np.concatenate([rng.uniform(-9, -6.5, 10), rng.uniform(6.4, 9, 10)]):
            ok &= abs(fd(fq, xx, 1e-7)) < 1e-9
        return ok

    def c41():
        ok = True
        for xx in np.concatenate([rng.uniform(-9, -6.5, 10), rng.uniform(6.4, 9, 10)]):
            e = lambda y: (y - fq(y)) ** 2
            dq = fd(fq, xx, 1e-7)
            ok &= np.isclose(fd(e, xx), 2 * (xx - fq(xx)) * (1 - dq)) and np.isclose(fd(e, xx), 2 * (xx - fq(xx)))
        return ok

    def c43():
        e = lambda y: (y - fq(y)) ** 2
        return all_(A("-1.2", 2 * (-7.0 + 6.4)), A("-1.2", fd(e, -7.0)),
                    A("0.01", 6.36 - fq(6.36)), A("0.02", fd(e, 6.36, 1e-5)), A("0.02", 2 * 0.01))

    return [
        ("En entraînement conscient", GIVEN),
        ("\\tilde x \\;=\\; s\\cdot \\operatorname{clamp}", GIVEN),
        ("désigne l'arrondi au plus proche", GIVEN),
        ("**Rétropropagation.**", c10),
        ("\\frac{\\partial \\tilde x}{\\partial x} \\;\\approx\\; s\\cdot", c12),
        ("Autrement dit, pour une perte", GIVEN),
        ("\\frac{\\partial\\mathcal{L}}{\\partial x_i} \\;\\approx\\; g_i", c16),
        ("\\qquad x_{\\min} = -128\\,s,\\quad x_{\\max}=127\\,s .", GIVEN),
        ("Le gradient passe tel quel", c16),
        ("**Exemple numérique.** Prenons", GIVEN),
        ("x_{\\min} = -128\\times 0{,}05", c23),
        ("x = (-7{,}0\\,;", GIVEN),
        ("g = (0{,}2\\,;", GIVEN),
        ("*Passe avant :*", c30),
        ("\\tilde x = (-6{,}4", c32),
        ("*Passe arrière :*", c34),
        ("\\approx g\\odot m =", c36),
        ("**Remarque (erreur d'écrêtage).**", c39),
        ("e'(x) = 2\\,(x - \\tilde x)", c41),
        ("Pour $x_1 = -7{,}0$", c43),
    ]


# ====================================================================== 04
@register("04_lsq_step_gradient_es.md")
def f04():
    QN, QP = 8, 7

    def vhat(v, s):
        return np.round(np.clip(v / s, -QN, QP)) * s

    def vhat_sur(v, s, s0):
        """round_pass(clamp(v/s)) * s with round_pass = identity-gradient round around s0"""
        u0 = np.clip(v / s0, -QN, QP)
        return ste_round(np.clip(v / s, -QN, QP), u0) * s

    def d_cases(v, s):
        u = v / s
        if u <= -QN:
            return -QN
        if u >= QP:
            return QP
        return -u + np.round(u)

    def sample(kind):
        while True:
            s = rng.uniform(0.05, 1.0)
            u = {"in": rng.uniform(-QN + 0.01, QP - 0.01), "lo": rng.uniform(-20, -QN - 0.01),
                 "hi": rng.uniform(QP + 0.01, 20)}[kind]
            if abs(abs(u - np.floor(u)) - 0.5) > 1e-3:
                return u * s, s

    def c_case(kind, n=15):
        ok = True
        for _ in range(n):
            v, s = sample(kind)
            d = fd(lambda ss: vhat_sur(v, ss, s), s, 1e-7)
            ok &= np.isclose(d, d_cases(v, s), atol=1e-6)
        return ok

    def c17():   # product rule identity
        ok = True
        for _ in range(10):
            v, s0 = sample("in")
            R = lambda ss: ste_round(v / ss, v / s0)
            lhs = fd(lambda ss: ss * R(ss), s0, 1e-7)
            rhs = np.round(v / s0) + s0 * fd(R, s0, 1e-7)
            ok &= np.isclose(lhs, rhs, atol=1e-6)
        return ok

    def c18():
        ok = True
        for _ in range(10):
            v, s0 = sample("in")
            R = lambda ss: ste_round(v / ss, v / s0)
            ok &= np.isclose(fd(R, s0, 1e-7), -v / s0 ** 2, rtol=1e-4)
            ok &= np.isclose(np.round(v / s0) + s0 * (-v / s0 ** 2), -v / s0 + np.round(v / s0))
        return ok

    def c21():
        ok = True
        for kind, val in (("lo", -QN), ("hi", QP)):
            for _ in range(5):
                v, s = sample(kind)
                ok &= np.isclose(fd(lambda ss: vhat(v, ss), s, 1e-7), val, atol=1e-6)
        return ok

    def c14():
        ok = True
        for _ in range(10):
            v, s = sample("in")
            ok &= np.clip(v / s, -QN, QP) == v / s
        return ok

    def c32():
        u = rng.uniform(-QN, QP, 1000)
        r = np.round(u) - u
        return all_(np.all(np.abs(r) <= 0.5 + 1e-12), A("-0.49", 2 - 2.49), A("0.49", 3 - 2.51),
                    np.round(2.49) == 2, np.round(2.51) == 3,
                    np.isclose(d_cases(2.49 * 0.3, 0.3), -0.49), np.isclose(d_cases(2.51 * 0.3, 0.3), 0.49))

    s = 0.25
    v = np.array([0.6, -0.9, 2.1, -2.5]); g = np.array([0.5, -1.0, 0.2, 0.3])
    d = np.array([fd(lambda ss: vhat_sur(vi, ss, s), s, 1e-7) for vi in v])

    def row(i, p_u, p_expr, p_d, p_gd, case):
        u = v[i] / s
        kind = "in" if -QN < u < QP else ("hi" if u >= QP else "lo")
        return all_(A(p_u, u), kind == case, A(p_d, d[i]), A(p_d, p_expr), A(p_gd, g[i] * d[i]))

    def c48():
        return all_(A("-0.8", np.sum(g * d)), A("-0.8", -0.2 + 0.4 + 1.4 - 2.4),
                    A("-0.8", fd(lambda ss: np.sum(g * vhat_sur(v, ss, s)), s, 1e-7)))

    def c51():
        vh = vhat(v, s)
        err = lambda ss: abs(vhat(-2.5, ss) + 2.5)
        return all_(AV(["0.5", "-1.0", "1.75", "-2.0"], vh), A("0.258", s - 0.01 * (-0.8)),
                    A("0.258", 0.25 - 0.01 * (-0.8)), np.isclose(vh[3], -8 * s),
                    err(0.26) < err(0.25), np.isclose(-QN * s, -8 * s) and np.isclose(QP * s, 7 * s),
                    abs(g[3] * d[3]) == max(abs(g * d)))

    def c_code():
        return c_case("in", 5) and c_case("lo", 5) and c_case("hi", 5)

    def c57():
        ok = True
        for x0 in rng.uniform(-5, 5, 10):
            ok &= ste_round(x0, x0) == np.round(x0) and np.isclose(fd(lambda x: ste_round(x, x0), x0), 1)
        return ok

    return [
        ("En *Learned Step Size Quantization*", GIVEN),
        ("\\bar v = \\mathrm{clip}", GIVEN),
        ("donde, para enteros con signo de $b$ bits",
         lambda: 2 ** (4 - 1) == 8 and 2 ** (4 - 1) - 1 == 7 and QN == 8 and QP == 7),
        ("Dentro del rango ($-Q_N < v/s < Q_P$)", c14),
        ("\\frac{\\partial \\hat v}{\\partial s} = \\lfloor v/s \\rceil + s", c17),
        ("\\;\\overset{\\text{STE}}{\\approx}\\;", c18),
        ("Fuera del rango el entero queda fijo", c21),
        
        ("=LINE=\\frac{\\partial \\hat v}{\\partial s} =", lambda: c_case("in", 5) and c_case("lo", 5) and c_case("hi", 5)),
        ("-v/s + \\lfloor v/s \\rceil, & \\text{si }", lambda: c_case("in")),
        ("-Q_N, & \\text{si } v/s \\le -Q_N", lambda: c_case("lo")),
        ("Q_P, & \\text{si } v/s \\ge Q_P", lambda: c_case("hi")),
        ("Lo interesante es el primer caso", c32),
        ("Tomemos $s = 0.25$, $b = 4$", GIVEN),
        ("| $i$ | $v_i$ |", GIVEN),
        ("| 1 | 0.6 | 2.4 |", lambda: row(0, "2.4", 2 - 2.4, "-0.4", "-0.2", "in")),
        ("| 2 | −0.9 | −3.6 |", lambda: row(1, "-3.6", -4 + 3.6, "-0.4", "0.4", "in")),
        ("| 3 | 2.1 | 8.4 |", lambda: row(2, "8.4", 7, "7", "1.4", "hi")),
        ("| 4 | −2.5 | −10 |", lambda: row(3, "-10", -8, "-8", "-2.4", "lo")),
        ("\\frac{\\partial L}{\\partial s} = \\sum_i g_i", c48),
        ("Los valores cuantizados son", c51),
        ("return (x.round() - x).detach() + x", c57),
        ("v_hat = round_pass(torch.clamp(v / s, -Q_N, Q_P)) * s", c_code),
        ("y autograd reproduce automáticamente", c_code),
    ]


# ====================================================================== 05
@register("05_rounding_variance_pt.md")
def f05():
    def quad(f, a, b, n=200001):
        x = np.linspace(a, b, n)
        return np.trapezoid(f(x), x) if hasattr(np, "trapezoid") else np.trapz(f(x), x)

    Ds = rng.uniform(0.01, 3, 6)

    def c8():
        return all(np.isclose(quad(lambda e: np.full_like(e, 1 / D), -D / 2, D / 2), 1) for D in Ds)

    def c10():
        return all(abs(quad(lambda e: e / D, -D / 2, D / 2)) < 1e-10
                   and np.isclose((1 / D) * ((D / 2) ** 2 / 2 - (-D / 2) ** 2 / 2), 0) for D in Ds)

    def c12():
        e = rng.normal(size=10)
        return np.allclose(-e, (lambda x: x)(-e))

    def I2(D):
        return quad(lambda e: e ** 2 / D, -D / 2, D / 2)

    def c16():   # E[e^2] for U(-D/2, D/2) equals (1/D) * integral: compare with sample moments
        ok = True
        for D in Ds[:3]:
            smp = rng.uniform(-D / 2, D / 2, 2_000_000)
            ok &= np.isclose(np.mean(smp ** 2), I2(D), rtol=5e-3)
        return ok

    def c17():
        return all(np.isclose(I2(D), (1 / D) * ((D / 2) ** 3 / 3 - (-D / 2) ** 3 / 3)) for D in Ds)

    def c18():
        return all(np.isclose((1 / D) * ((D / 2) ** 3 / 3 - (-D / 2) ** 3 / 3), (1 / D) * (2 / 3) * (D / 2) ** 3) for D in Ds)

    def c19():
        return all(np.isclose((1 / D) * (2 / 3) * (D / 2) ** 3, (1 / D) * D ** 3 / 12) for D in Ds)

    def c20():
        return all(np.isclose((1 / D) * D ** 3 / 12, D ** 2 / 12) and np.isclose(I2(D), D ** 2 / 12) for D in Ds)

    def c24():
        return all_(*[np.isclose(I2(D) - 0 ** 2, D ** 2 / 12) for D in Ds],
                    np.isclose(np.sqrt(Ds[0] ** 2 / 12), Ds[0] / np.sqrt(12)), A("0.2887", 1 / np.sqrt(12)))

    b = 8
    levels = np.linspace(-1, 1, 2 ** b)
    D = np.diff(levels)[0]          # the true step for 2^b levels including the end points

    def c30():
        return len(levels) == 2 ** b and len(np.diff(levels)) == 2 ** b - 1

    def c32():
        return np.allclose(np.diff(levels), (1 - (-1)) / (2 ** b - 1))

    def c36():
        return A("0.0078125", D) and np.isclose(2 / 2 ** 8, 0.0078125)

    def c38():
        return all_(A("6.1035e-5", D ** 2), A("5.086e-6", D ** 2 / 12), A("0.002255", D / np.sqrt(12)))

    def c40():
        smp = rng.uniform(-1, 1, 2_000_000)
        return np.isclose((1 - (-1)) ** 2 / 12, 1 / 3) and np.isclose(np.var(smp), 1 / 3, rtol=5e-3)

    def c42():
        sx, se = 1 / 3, D ** 2 / 12
        return all_(np.isclose(sx / se, (1 / 3) / (D ** 2 / 12)), np.isclose(sx / se, 4 / D ** 2),
                    A("65536", 4 / D ** 2), A("48.16", 10 * np.log10(4 / D ** 2)), A("48.16", 10 * np.log10(65536)))

    def c48():
        lv = np.linspace(-1, 1, 2 ** 4)
        D4 = np.diff(lv)[0]
        return all_(np.isclose(D4, 2 / 15), A("0.1333", D4), A("1.481e-3", D4 ** 2 / 12),
                    A("225", 4 / D4 ** 2), A("23.52", 10 * np.log10(4 / D4 ** 2)))

    def c50():
        ratios = [(2 / (2 ** (k + 1) - 1)) / (2 / (2 ** k - 1)) for k in range(4, 17)]
        return all_(all(0.48 < r < 0.5 for r in ratios), A("6.02", 10 * np.log10(4)))

    return [
        ("**Exercício 1.** Suponha", GIVEN),
        ("*Resolução.* A densidade é", c8),
        ("$$\\mathbb{E}[e] = \\frac{1}{\\Delta}\\int", c10),
        ("pois o integrando é ímpar", c12),
        ("\\mathbb{E}[e^2] &= \\frac{1}{\\Delta}\\int", c16),
        ("= \\frac{1}{\\Delta}\\left[\\frac{e^3}{3}\\right]", c17),
        ("&= \\frac{1}{\\Delta}\\cdot\\frac{2}{3}", c18),
        ("= \\frac{1}{\\Delta}\\cdot\\frac{\\Delta^3}{12}", c19),
        ("= \\frac{\\Delta^2}{12}.", c20),
        ("Como a média é zero", c24),
        ("**Exercício 2.** Um tensor", GIVEN),
        ("*Resolução.* Com $2^b$ níveis", c30),
        ("$$\\Delta = \\frac{x_{\\max} - x_{\\min}}{2^b - 1}.$$", c32),
        ("Para $b = 8$:", GIVEN),
        ("$$\\Delta = \\frac{2}{2^8} = 0{,}0078125.$$", c36),
        ("Variância do ruído:", c38),
        ("Potência do sinal:", c40),
        ("$$\\mathrm{SQNR} = \\frac{\\sigma_x^2}{\\sigma_e^2}", c42),
        ("**Exercício 3.** Repita", GIVEN),
        ("*Resolução.* $\\Delta = 2/15", c48),
        ("Comentário: cada bit a mais", c50),
    ]


# ====================================================================== 06
@register("06_sym_vs_asym_int8_it.md")
def f06():
    def q_sym(x, s):
        return np.clip(np.round(x / s), -127, 127)

    def params_asym(xmin, xmax):
        s = (xmax - xmin) / 255
        return s, int(-128 - np.round(xmin / s))

    def q_asym(x, s, z):
        return np.clip(np.round(x / s) + z, -128, 127)

    def c8():
        x = rng.normal(size=1000)
        s = np.max(np.abs(x)) / 127
        q = q_sym(x, s)
        return q.max() <= 127 and q.min() >= -127 and np.max(np.abs(q)) == 127

    def c10():
        lv = np.arange(-127, 128)
        s = 0.01
        return len(lv) == 255 and np.allclose(s * (-lv), -(s * lv))

    def c14():
        ok = True
        for _ in range(20):
            xmin, xmax = -rng.uniform(0, 3), rng.uniform(0.1, 3)
            s, z = params_asym(xmin, xmax)
            ok &= np.round(xmin / s) + z == -128 and abs(np.round(xmax / s) + z - 127) <= 1
        return ok

    def c16():
        ok = True
        for _ in range(20):
            xmin, xmax = -rng.uniform(0, 3), rng.uniform(0.1, 3)
            s, z = params_asym(xmin, xmax)
            ok &= np.isclose((xmax - xmin) / s, 255)
        return ok and -128 + 255 == 127 and c14()

    ss1, sa1 = 6 / 127, 6 / 255

    def c20():
        x = rng.uniform(0, 6, 10000)
        q = q_sym(x, ss1)
        return A("0.047244", ss1) and q.min() >= 0 and len(np.arange(0, 128)) == 128

    def c21():
        s, z = params_asym(0.0, 6.0)
        return A("0.023529", sa1) and np.isclose(s, sa1) and z == -128

    def c23():
        ok = True
        for s in (ss1, sa1):
            x = rng.uniform(0, 5.9, 1_000_000)
            ok &= np.isclose(np.var(x - s * np.round(x / s)), s ** 2 / 12, rtol=1e-2)
        return ok

    def c25():
        r = (ss1 ** 2 / 12) / (sa1 ** 2 / 12)
        return np.isclose(r, (255 / 127) ** 2) and A("4.0316", r)

    def c27():
        return A("6.05", 10 * np.log10(4.0316)) and abs(10 * np.log10(4.0316) - 6.02) < 0.1

    ss2 = 0.52 / 127
    sa2, z2 = params_asym(-0.52, 0.38)

    def c31():
        x = np.linspace(-0.52, 0.38, 100001)
        used = set(q_sym(x, ss2).astype(int))
        unused = [k for k in range(94, 128) if k not in used]
        return all_(A("0.0040945", ss2), A("92.81", 0.38 / ss2), np.round(0.38 / ss2) == 93,
                    len(unused) == 34 == len(range(94, 128)))

    def c32():
        return all_(A("0.0035294", sa2), np.isclose(0.38 - (-0.52), 0.9), A("-147.33", -0.52 / sa2),
                    z2 == 19, -128 - (-147) == 19)

    def c34():
        return all_(np.round(-0.52 / sa2) == -147, q_asym(-0.52, sa2, z2) == -128, A("107.67", 0.38 / sa2),
                    np.round(0.38 / sa2) == 108, q_asym(0.38, sa2, z2) == 127)

    def c39():
        return all_(A("24.42", 0.1 / ss2), q_sym(0.1, ss2) == 24, A("0.09827", 24 * ss2), A("0.09827", 24 * 0.0040945))

    def c40():
        return all_(A("28.33", 0.1 / sa2), q_asym(0.1, sa2, z2) == 47,
                    A("0.09882", (47 - 19) * sa2), A("0.09882", 28 * 0.0035294))

    def c43():
        return A("1.3458", (ss2 / sa2) ** 2)

    def c45():
        x = rng.uniform(0, 6, 1000)
        s, z = params_asym(0.0, 6.0)
        qi8 = q_asym(x, s, z)
        qu8 = np.clip(np.round(x / s) + 0, 0, 255)
        # symmetric weights (z_w = 0): the cross terms with z_w vanish
        X = rng.integers(0, 255, (3, 5)); W = rng.integers(-127, 128, (5, 4)); zx = 7; zw = 0
        lhs = (X - zx) @ (W - zw)
        rhs = X @ W - zx * W.sum(0)[None, :]
        return np.array_equal(qi8 + 128, qu8) and np.array_equal(lhs, rhs)

    return [
        ("Ricordiamo la forma generale", GIVEN),
        ("**Schema simmetrico** ($z = 0$)", GIVEN),
        ("s_{\\mathrm{sim}} = \\frac{\\max_i |x_i|}{127}", c8),
        ("Si usa di solito l'intervallo *ristretto*", c10),
        ("**Schema asimmetrico**", GIVEN),
        ("s_{\\mathrm{asim}} = \\frac{x_{\\max}-x_{\\min}}{255}", c14),
        ("Infatti $q(x_{\\min})", c16),
        ("### Esempio 1: attivazioni dopo ReLU", GIVEN),
        ("- Simmetrico: $s_{\\mathrm{sim}} = 6/127", c20),
        ("- Asimmetrico: $s_{\\mathrm{asim}} = 6/255", c21),
        ("Poiché la varianza dell'errore", c23),
        ("\\frac{s_{\\mathrm{sim}}^2/12}{s_{\\mathrm{asim}}^2/12}", c25),
        ("cioè circa $10\\log_{10}4{,}0316", c27),
        ("### Esempio 2: pesi in", GIVEN),
        ("- Simmetrico: $s_{\\mathrm{sim}} = 0{,}52/127", c31),
        ("- Asimmetrico: $s_{\\mathrm{asim}} = 0{,}9/255", c32),
        ("Verifica degli estremi:", c34),
        ("Quantizziamo $x = 0{,}1$", GIVEN),
        ("\\text{sim.:}\\quad & q =", c39),
        ("\\text{asim.:}\\quad & q =", c40),
        ("Il guadagno in varianza dell'asimmetrico", c43),
        ("**Morale.**", c45),
    ]


# ====================================================================== 07
@register("07_int8_accumulator_bits_ru.md")
def f07():
    a = np.arange(-128, 128, dtype=np.int64)
    P = np.outer(a, a)

    def bits_needed(lo, hi):
        n = 1
        while not (-(2 ** (n - 1)) <= lo and hi <= 2 ** (n - 1) - 1):
            n += 1
        return n

    def c7():
        A_ = rng.integers(-128, 128, (3, 7)); B_ = rng.integers(-128, 128, (7, 2))
        C = A_ @ B_
        return C[1, 0] == sum(A_[1, k] * B_[k, 0] for k in range(7))

    def c10():
        return P.max() > 127 and P.min() < -128

    def c20():
        return all_(P.min() == -16256, P.max() == 16384, 2 ** 14 - 1 == 16383, 16384 - 16383 == 1,
                    bits_needed(P.min(), P.max()) == 16 == 2 * 8)

    def c26():
        ok = True
        for K in (1, 5, 64):
            A_ = rng.integers(-128, 128, (50, K)); B_ = rng.integers(-128, 128, (K, 50))
            ok &= np.abs(A_ @ B_).max() <= K * 2 ** 14
            ok &= (np.full((1, K), -128) @ np.full((K, 1), -128))[0, 0] == K * 2 ** 14
        return ok

    def c28():
        ok = True
        for m in range(0, 18):
            n = bits_needed(-(2 ** (14 + m)), 2 ** (14 + m))
            nmin = min(nn for nn in range(1, 64) if 2 ** (14 + m) <= 2 ** (nn - 1) - 1)
            ok &= n == nmin == 16 + m and (nmin - 1 >= 15 + m) and not (nmin - 2 >= 15 + m)
        return ok

    def c30():
        return all(2 * 8 + m == bits_needed(-(2 ** (14 + m)), 2 ** (14 + m)) for m in range(0, 18))

    def c37():
        return all_(512 == 2 ** 9, 512 * 2 ** 14 == 8388608 == 2 ** 23,
                    bits_needed(-512 * 16256, 512 * 16384) == 25 == 16 + 9)

    def c38():
        return all_(4096 == 2 ** 12, 4096 * 2 ** 14 == 67108864 == 2 ** 26,
                    bits_needed(-4096 * 16256, 4096 * 16384) == 28 == 16 + 12)

    def c40():
        return 28 <= 32 and 25 <= 32

    def c42():
        K = (2 ** 31 - 1) // 2 ** 14
        return all_(2 ** 31 - 1 == 2147483647, 2 ** 14 == 16384, K == 131071,
                    K * 16384 <= 2 ** 31 - 1, (K + 1) * 16384 > 2 ** 31 - 1)

    def c44():
        b = np.arange(-127, 128)
        Pr = np.outer(b, b)
        worst = max(abs(int(Pr.min())), int(Pr.max()))
        return all_(worst == 127 ** 2 == 16129, 2147483647 // 16129 == 133144,
                    2 * 16384 == 32768 > 32767)

    def c48():
        x = np.arange(0, 256); w = np.arange(-128, 128)
        prods = np.outer(x, w)
        return prods.min() * 2 == 2 * 255 * (-128) and prods.max() * 2 == 2 * 255 * 127

    def c50():
        return 2 * 255 * (-128) == -65280 and 2 * 255 * 127 == 64770

    def c52():
        return -65280 < -32768 and 64770 > 32767 and 2 ** 6 == 64

    def c54():
        return 2 * 255 * (-64) == -32640 >= -32768 and 2 * 255 * 63 == 32130 <= 32767

    def c56():
        x = np.arange(0, 256); w = np.arange(-64, 64)
        pr = np.outer(x, w)
        return 2 * pr.min() >= -32768 and 2 * pr.max() <= 32767

    return [
        ("Когда мы умножаем квантованные матрицы", GIVEN),
        ("c_{ij} = \\sum_{k=1}^{K} a_{ik}", c7),
        ("Складывать в int8 нельзя", c10),
        ("- $127 \\cdot 127 = 16\\,129$", lambda: 127 * 127 == 16129),
        ("- $127 \\cdot (-128) = -16\\,256$", lambda: 127 * -128 == -16256),
        ("- $(-128)\\cdot(-128) = 16\\,384 = 2^{14}$", lambda: (-128) * (-128) == 16384 == 2 ** 14),
        ("Итого $a\\,b \\in", c20),
        ("В худшем случае все слагаемые равны", lambda: np.abs(P).max() == 2 ** 14),
        ("|c_{ij}| \\le K\\cdot 2^{14}.", c26),
        ("Требуем $K\\cdot 2^{14}", c28),
        ("n_{\\text{acc}} = 2b + \\log_2 K .", c30),
        ("| $K$ | максимум", GIVEN),
        ("| $512 = 2^9$ |", c37),
        ("| $4096 = 2^{12}$ |", c38),
        ("Так что стандартного int32 хватает", c40),
        ("K_{\\max} = \\left\\lfloor", c42),
        ("Если оба операнда (и веса, и активации)", c44),
        ("Инструкция AVX2 `vpmaddubsw`", c48),
        ("x_1 w_1 + x_2 w_2 \\in", c50),
        ("что далеко выходит за", c52),
        ("2\\cdot255\\cdot(-64) = -32\\,640", c54),
        ("и пара гарантированно помещается в int16", c56),
    ]


# ====================================================================== 08
@register("08_model_size_bytes_pl.md")
def f08():
    dims = [784, 512, 256, 10]
    Ws = [np.zeros((dims[i], dims[i + 1]), dtype=np.float32) for i in range(3)]
    bs = [np.zeros(dims[i + 1], dtype=np.float32) for i in range(3)]
    NW = sum(W.size for W in Ws)
    Nb = sum(b.size for b in bs)
    N = NW + Nb
    fp32 = sum(W.nbytes for W in Ws) + sum(b.nbytes for b in bs)
    fp16 = sum(W.astype(np.float16).nbytes for W in Ws) + sum(b.astype(np.float16).nbytes for b in bs)
    w8 = sum(W.astype(np.int8).nbytes for W in Ws)
    b32 = sum(b.astype(np.int32).nbytes for b in bs)
    scales = sum(np.zeros(W.shape[1], dtype=np.float32).nbytes for W in Ws)
    int8 = w8 + b32 + scales
    w4_bits = NW * 4
    w4 = sum(np.zeros((W.size + 1) // 2, dtype=np.uint8).nbytes for W in Ws)   # two weights per byte
    int4 = w4 + b32 + scales

    def c6():
        return [W.size for W in Ws] == [dims[i] * dims[i + 1] for i in range(3)] and [b.size for b in bs] == dims[1:]

    def c20():
        return all_(N * 32 == 17146496, fp32 == N * 4 == 2143312, A("2.04", fp32 / 2 ** 20))

    def c21():
        return 2 ** 20 == 1048576 and A("2.14", fp32 / 1e6)

    def c23():
        return all_(fp16 == 1071656, A("1.02", fp16 / 2 ** 20), fp16 * 2 == fp32)

    def c25():
        return scales // 4 == Nb and np.zeros(1, np.int32).nbytes == 4

    def c27():
        return all_(w8 == 535040, b32 == 788 * 4 == 3152, scales == 3152, int8 == 541344)

    def c29():
        return A("3.96", fp32 / int8) and fp32 / int8 < 4 and fp32 / 2143312 == 1 and int8 == 541344

    def c33():
        return w4_bits == 2140160 and w4 == 267520 == w4_bits // 8

    def c35():
        return int4 == 273824 and A("267.4", int4 / 1024)

    def c36():
        return fp32 == 2143312 and int4 == 273824 and A("7.83", fp32 / int4)

    def c38():
        return all_(A("2.04", fp32 / 2 ** 20), A("1.02", fp16 / 2 ** 20), A("541", int8 / 1e3), A("274", int4 / 1e3),
                    b32 + scales == 6304, int4 == 273824, A("2.3", 100 * (b32 + scales) / int4))

    return [
        ("**Zad. 2.** Sieć MLP", GIVEN),
        ("Liczba wag w warstwie", c6),
        ("- warstwa 1: $784 \\cdot 512 = 401\\,408$", lambda: Ws[0].size == 401408),
        ("- warstwa 2: $512 \\cdot 256 = 131\\,072$", lambda: Ws[1].size == 131072),
        ("- warstwa 3: $256 \\cdot 10 = 2\\,560$", lambda: Ws[2].size == 2560),
        ("razem $N_W =", lambda: NW == 535040),
        ("Biasy: $N_b = 512 + 256 + 10 = 788$", lambda: Nb == 788),
        ("Wszystkich parametrów:", lambda: NW == 535040 and Nb == 788 and N == 535828),
        ("**a) FP32** (32 bity = 4 B na parametr)", lambda: np.zeros(1, np.float32).nbytes == 4),
        ("$$ 535\\,828 \\cdot 32 = 17\\,146\\,496", c20),
        ("(Uwaga: $1\\text{ MiB}", c21),
        ("**b) FP16** (2 B):", c23),
        ("**c) INT8.** Wagi po 1 B", c25),
        ("\\underbrace{535\\,040}_{\\text{wagi}}", c27),
        ("Współczynnik kompresji względem FP32", c29),
        ("**d) INT4.** Wagi po 4 bity", lambda: w4 * 2 == NW),
        ("535\\,040 \\cdot 4 = 2\\,140\\,160", c33),
        ("Z biasami i skalami:", c35),
        ("Kompresja: $2\\,143\\,312 / 273\\,824", c36),
        ("**Odp.** FP32", c38),
    ]


# ====================================================================== 09
@register("09_fp16_loss_scaling_zh.md")
def f09():
    fi = np.finfo(np.float16)

    def c6():
        return fi.nexp == 5 and fi.nmant == 10 and fi.maxexp - 1 == 15

    def c12():
        ok = f16(2.0 ** -25 * 0.999) == 0.0 and f16(2.0 ** -25 * 1.001) == 2.0 ** -24
        return ok and A("2.98e-8", 2.0 ** -25) and np.isclose(2.0 ** -25, 2.0 ** -24 / 2)

    def c19():
        ok = True
        for _ in range(5):
            S = rng.uniform(1, 1e4); w0 = rng.normal(size=3); c = rng.normal(size=3)
            L = lambda w: np.sum(np.sin(c * w)) ** 2
            gs = fd_grad(lambda w: S * L(w), w0, 1e-6)
            g = fd_grad(L, w0, 1e-6)
            ok &= close(gs, S * g, rtol=1e-5, atol=1e-6)
        return ok

    def c22():
        g = rng.normal(size=5) * 1e-3; S = 1024.0
        return close((S * g) / S, g)

    g = 1e-8
    S = 1024.0
    gh = g * S
    gh16 = f16(gh)

    def c28():
        return g < 2.98e-8 and f16(g) == 0.0

    def c29():
        return 1024 == 2 ** 10 and A("1.024e-6", gh)

    def c31():
        return 2.0 ** -24 < gh < 2.0 ** -14 and np.isclose(gh16 / 2.0 ** -24, round(gh16 / 2.0 ** -24))

    def c33():
        k = gh / 2.0 ** -24
        return all_(A("17.18", k), round(k) == 17, gh16 == 17 * 2.0 ** -24, A("1.0133e-6", gh16))

    def c35():
        return all_(A("1.05", 100 * abs(gh16 - gh) / gh), A("1.0133e-6", gh16), A("9.895e-10", gh16 / S))

    def c41():
        return 2 * 65536 == 131072 > 65504 and np.isinf(f16(2.0 * 65536))

    def c42():
        return all_(65536 / 2 == 32768, 2 * 32768 == 65536 > 65504, np.isinf(f16(65536.0)),
                    np.isinf(f16(65520.0)), f16(65519.9) == 65504.0)

    def c43():
        return 32768 / 2 == 16384 and 2 * 16384 == 32768 and f16(32768.0) == 32768.0

    def c49():
        return all_(A("5.96", 2.0 ** -24 / 1e-8), 65504 / 2 == 32752, f16(5.97 * 1e-8) != 0)

    def c51():
        pw = [2 ** k for k in range(0, 20) if 2 ** k * 1e-8 >= 2.0 ** -24 and 2 ** k * 2 <= 65504]
        return pw[0] == 8 and pw[1] == 16 and pw[-1] == 16384 and 2 ** 16 == 65536

    return [
        ("谢邀。一句话", GIVEN),
        ("fp16 = 1 位符号 + 5 位指数", c6),
        ("- 最大有限值：$(2-2^{-10})\\times 2^{15} = 65504$",
         lambda: (2 - 2 ** -10) * 2 ** 15 == 65504 == float(fi.max)),
        ("- 最小正规数：$2^{-14}\\approx 6.10\\times10^{-5}$",
         lambda: A("6.10e-5", 2.0 ** -14) and float(fi.tiny) == 2.0 ** -14),
        ("- 最小次正规数：$2^{-24}\\approx 5.96\\times10^{-8}$",
         lambda: A("5.96e-8", 2.0 ** -24) and f16(2.0 ** -24) == 2.0 ** -24 and f16(2.0 ** -24) / 2 == 2.0 ** -25),
        ("比 $2^{-25}\\approx 2.98", c12),
        ("设损失为 $L$，我们反向传播的是", c19),
        ("\\frac{\\partial (S L)}{\\partial w} = S\\,\\frac{\\partial L}{\\partial w}.", c19),
        ("所以更新之前要在 fp32 里除回去", c22),
        ("假设某个参数的真实梯度", GIVEN),
        ("- 不做缩放：", c28),
        ("- 取 $S = 1024 = 2^{10}$", c29),
        ("它落在 $2^{-24}$ 和 $2^{-14}$ 之间", c31),
        ("\\frac{1.024\\times10^{-6}}{2^{-24}}", c33),
        ("相对误差约", c35),
        ("同一个网络里最后一层有个梯度", GIVEN),
        ("- $S = 65536$：", c41),
        ("- 动态 loss scaling 把 $S$ 减半到", c42),
        ("- 再减半到 $16384$", c43),
        ("要同时满足", GIVEN),
        ("S \\cdot 10^{-8} \\ge 2^{-24}", c49),
        ("取 2 的幂就是", c51),
    ]


# ====================================================================== 10
@register("10_bf16_vs_fp16_ja.md")
def f10():
    f16i, f32i = np.finfo(np.float16), np.finfo(np.float32)

    def next_after_one(p):
        return 1 + 2.0 ** -p

    def c14():
        x = rng.normal(size=100).astype(np.float32)
        bits = x.view(np.uint32)
        top = (bits >> 16).astype(np.uint16)
        # truncated top half reinterpreted, exponent field identical to fp32
        back = (top.astype(np.uint32) << 16).view(np.float32)
        return np.array_equal((bits >> 23) & 0xFF, (back.view(np.uint32) >> 23) & 0xFF)

    def max_rel_err(rounder, n=20000):
        x = rng.uniform(1, 2, n)
        return np.max(np.abs(rounder(x) - x) / x)

    def c18():
        # epsilon = gap after 1, u = eps/2 bounds the relative rounding error
        e16 = float(np.nextafter(np.float16(1), np.float16(2))) - 1
        e32 = float(np.nextafter(np.float32(1), np.float32(2))) - 1
        ebf = bf16(1 + 2.0 ** -7) - 1
        ok = e16 == 2.0 ** -10 and e32 == 2.0 ** -23 and ebf == 2.0 ** -7 and bf16(1 + 2.0 ** -9) == 1.0
        r16 = max_rel_err(lambda x: np.array([f16(v) for v in x]))
        rbf = max_rel_err(lambda x: bf16(x.astype(np.float32)))
        return ok and r16 <= 2.0 ** -11 and r16 > 0.9 * 2.0 ** -11 and rbf <= 2.0 ** -8 and rbf > 0.9 * 2.0 ** -8

    def c20():
        return A("9.77e-4", 2.0 ** -10) and A("4.88e-4", 2.0 ** -11) and float(f16i.eps) == 2.0 ** -10

    def c21():
        return 2.0 ** -7 == 7.8125e-3 and A("3.91e-3", 2.0 ** -8)

    def c22():
        return A("1.19e-7", 2.0 ** -23) and float(f32i.eps) == 2.0 ** -23

    def c24():
        return A("3.31", math.log10(2 ** 11)) and A("2.41", math.log10(2 ** 8))

    def c30():
        return 1 - 15 == -14 and 30 - 15 == 15 and f16i.minexp == -14 and f16i.maxexp - 1 == 15

    def c31():
        return 1 - 127 == -126 and 254 - 127 == 127 and f32i.minexp == -126 and f32i.maxexp - 1 == 127

    def c37():
        return all_((2 - 2 ** -10) * 2 ** 15 == 65504 == float(f16i.max), 2.0 ** -14 == float(f16i.tiny),
                    A("6.10e-5", 2.0 ** -14))

    def c38():
        mx = (2 - 2.0 ** -7) * 2.0 ** 127
        # largest finite bf16: exponent 254, mantissa all ones
        bits = np.array([(254 << 7 | 0x7F) << 16], dtype=np.uint32).view(np.float32)[0]
        tiny = np.array([(1 << 7) << 16], dtype=np.uint32).view(np.float32)[0]
        return all_(float(bits) == mx, A("3.39e38", mx), float(tiny) == 2.0 ** -126, A("1.18e-38", 2.0 ** -126))

    def c42():
        return abs((2 - 2.0 ** -7) * 2.0 ** 127 / float(f32i.max) - 1) < 0.01 and 2.0 ** -126 == float(f32i.tiny)

    def c47():
        return all_(0.001 > 2.0 ** -11, f16(1.001) == 1 + 2 ** -10 == 1.0009765625,
                    0.001 < 2.0 ** -8, bf16(np.float32(1.001)) == 1.0)

    def c50():
        return 2.0 ** -4 <= 0.1 < 2.0 ** -3 and 2.0 ** -4 * 2.0 ** -10 == 2.0 ** -14 and 2.0 ** -4 * 2.0 ** -7 == 2.0 ** -11 \
            and float(np.nextafter(np.float16(0.1), np.float16(1))) - f16(0.1) == 2.0 ** -14

    def c52():
        return all_(A("1638.4", 0.1 * 2 ** 14), round(0.1 * 2 ** 14) == 1638, 1638 * 2.0 ** -14 == 0.0999755859375,
                    f16(0.1) == 0.0999755859375, A("2.44e-4", abs(f16(0.1) - 0.1) / 0.1))

    def c53():
        return all_(A("204.8", 0.1 * 2 ** 11), round(0.1 * 2 ** 11) == 205, 205 * 2.0 ** -11 == 0.10009765625,
                    bf16(np.float32(0.1)) == 0.10009765625, A("9.77e-4", abs(0.10009765625 - 0.1) / 0.1))

    def c55():
        return abs(f16(0.1) - 0.1) / 0.1 <= 2.0 ** -11 and abs(0.10009765625 - 0.1) / 0.1 <= 2.0 ** -8

    def c58():
        return all_(70000 > 65504, np.isinf(f16(70000.0)), 2 ** (16 - 7) == 512,
                    A("136.72", 70000 / 512), round(70000 / 512) == 137, 137 * 512 == 70144,
                    bf16(np.float32(70000.0)) == 70144.0)

    def c62():
        return 2 ** 3 == 8 and 2.0 ** -7 / 2.0 ** -10 == 8

    return [
        ("混合精度学習でよく", GIVEN),
        ("| 形式 | 符号 |", GIVEN),
        ("| float16 (fp16) | 1 | 5 | 10 | 15 |", lambda: f16i.nexp == 5 and f16i.nmant == 10),
        ("| bfloat16 (bf16) | 1 | 8 | 7 | 127 |", lambda: 1 + 8 + 7 == 16 and 2 ** (8 - 1) - 1 == 127),
        ("| float32 (fp32) | 1 | 8 | 23 | 127 |", lambda: f32i.nexp == 8 and f32i.nmant == 23),
        ("bf16 は fp32 の上位 16 ビット", c14),
        ("仮数部が $p$ ビットのとき", c18),
        ("- fp16: $\\varepsilon = 2^{-10}", c20),
        ("- bf16: $\\varepsilon = 2^{-7}", c21),
        ("- fp32: $\\varepsilon = 2^{-23}", c22),
        ("10 進の有効桁数に直すと", c24),
        ("指数フィールドが全 0・全 1", GIVEN),
        ("- fp16: $e \\in [1-15", c30),
        ("- bf16: $e \\in [1-127", c31),
        ("\\text{fp16:}\\quad & x_{\\max}", c37),
        ("\\text{bf16:}\\quad & x_{\\max}", c38),
        ("bf16 の範囲は fp32 とほぼ同じ", c42),
        ("**例 1: $1 + 0.001$**", GIVEN),
        ("**例 2: $0.1$**", GIVEN),
        ("**例 3: $70000$**", GIVEN),
        ("fp16 では $0.001 > u", c47),
        ("$0.1 \\in [2^{-4},\\ 2^{-3})$", c50),
        ("- fp16: $0.1 \\times 2^{14}", c52),
        ("- bf16: $0.1 \\times 2^{11}", c53),
        ("どちらもそれぞれの $u$ 以下", c55),
        ("fp16 では $70000 > 65504$", c58),
        ("精度は fp16 が約 $2^{3} = 8$ 倍良く", c62),
    ]


# ====================================================================== 11
@register("11_lsq_grad_scale_ko.md")
def f11():
    QN, QP = 4, 3

    def vhat(v, s):
        return np.round(np.clip(v / s, -QN, QP)) * s

    def vhat_sur(v, s, s0):
        u0 = np.clip(v / s0, -QN, QP)
        return ste_round(np.clip(v / s, -QN, QP), u0) * s

    def true_d(v, s):
        return fd(lambda ss: vhat_sur(v, ss, s), s, 1e-7)

    def sample(kind):
        while True:
            s = rng.uniform(0.05, 1.0)
            u = {"in": rng.uniform(-QN + 0.01, QP - 0.01), "lo": rng.uniform(-10, -QN - 0.01),
                 "hi": rng.uniform(QP + 0.01, 10)}[kind]
            if abs(abs(u - np.floor(u)) - 0.5) > 1e-3 and abs(u - np.round(u)) > 1e-3:
                return u * s, s

    def c10():
        return all_(2 ** (3 - 1) == QN, 2 ** (3 - 1) - 1 == QP, 2 ** 4 - 1 == 15, 2 ** (4 - 1) - 1 == 7)

    def c14():
        ok = True
        for _ in range(10):
            v, s = sample("in")
            ok &= np.isclose(vhat(v, s), s * np.round(v / s))
        return ok

    def c17():
        ok = True
        for _ in range(10):
            v, s = sample("in")
            ok &= np.isclose(true_d(v, s), -v / s, atol=1e-6)
        return ok

    def c_case(kind, formula):
        ok = True
        for _ in range(10):
            v, s = sample(kind)
            ok &= np.isclose(true_d(v, s), formula(v, s), atol=1e-6)
        return ok

    def c20():
        return c_case("lo", lambda v, s: -QN) and c_case("hi", lambda v, s: QP)

    s = 0.1
    v = np.array([0.13, -0.27, 0.45]); gu = np.array([0.4, 0.2, -0.1])
    d = np.array([true_d(vi, s) for vi in v])

    def row(i, p_u, kind, p_d):
        u = v[i] / s
        k = "in" if -QN < u < QP else ("hi" if u >= QP else "lo")
        return A(p_u, u) and k == kind and A(p_d, d[i])

    dLds = float(np.sum(gu * d))

    def c42():
        return all_(A("-0.28", dLds), A("-0.52", gu[0] * d[0]), A("0.54", gu[1] * d[1]), A("-0.30", gu[2] * d[2]),
                    A("-0.28", fd(lambda ss: np.sum(gu * vhat_sur(v, ss, s)), s, 1e-7)))

    def gs_sur(x, x0, g):
        """grad_scale: (x - x*g).detach() + x*g"""
        return (x0 - x0 * g) + x * g

    def c58():
        ok = True
        for _ in range(5):
            x0, g = rng.normal(), rng.uniform(0.001, 1)
            ok &= np.isclose(gs_sur(x0, x0, g), x0) and np.isclose(fd(lambda x: gs_sur(x, x0, g), x0), g)
        return ok

    def c63():
        g = 1 / np.sqrt(3 * 3)
        return all_(np.isclose(g, 1 / 3), v.size == 3, A("-0.0933", dLds * g))

    def c64():
        W = np.zeros((64, 64, 3, 3))
        NW = W.size
        g = 1 / np.sqrt(NW * 7)
        return all_(NW == 36864, NW * 7 == 258048, A("507.98", np.sqrt(258048)), A("1.969e-3", g))

    def c65():
        F = np.zeros((64, 28, 28))
        NF = F.size
        g = 1 / np.sqrt(NF * 15)
        return all_(NF == 50176, NF * 15 == 752640, A("867.55", np.sqrt(752640)), A("1.153e-3", g), 2 ** 4 - 1 == 15)

    def c67():
        # a sum of N roughly independent per-weight terms grows like sqrt(N)
        stds = [np.std(rng.normal(size=(4000, N)).sum(1)) for N in (100, 400)]
        return 1.8 < stds[1] / stds[0] < 2.2

    return [
        ("지난 글에서 LSQ 양자화기를 정의했다", GIVEN),
        ("\\hat v = \\left\\lfloor \\operatorname{clip}", GIVEN),
        ("부호 있는 $b$비트 가중치는", c10),
        ("클리핑 범위 안쪽에서는", c14),
        ("\\frac{\\partial \\hat v}{\\partial s} \\approx s\\cdot\\frac{\\partial (v/s)}{\\partial s}", c17),
        ("이 된다. 범위 밖에서는", c20),
        ("=LINE=\\frac{\\partial \\hat v}{\\partial s} =", lambda: c_case("in", lambda v, s: -v / s)),
        ("-v/s, & -Q_N < v/s < Q_P", lambda: c_case("in", lambda v, s: -v / s)),
        ("-Q_N, & v/s \\le -Q_N", lambda: c_case("lo", lambda v, s: -QN)),
        ("Q_P, & v/s \\ge Q_P", lambda: c_case("hi", lambda v, s: QP)),
        ("3비트 가중치($Q_N = 4,\\ Q_P = 3$)", lambda: QN == 2 ** 2 and QP == 2 ** 2 - 1),
        ("| $i$ | $v_i$ |", GIVEN),
        ("| 1 | 0.13 | 1.3 |", lambda: row(0, "1.3", "in", "-1.3")),
        ("| 2 | −0.27 | −2.7 |", lambda: row(1, "-2.7", "in", "2.7")),
        ("| 3 | 0.45 | 4.5 |", lambda: row(2, "4.5", "hi", "3")),
        ("\\frac{\\partial L}{\\partial s} = 0.4\\cdot(-1.3)", c42),
        ("## 3. Gradient scale $g$", GIVEN),
        ("문제는 $s$ 하나가 레이어의 모든 가중치", GIVEN),
        ("g = \\frac{1}{\\sqrt{N_W\\, Q_P}}", GIVEN),
        ("를 곱한다. 구현은 값은 그대로", c58),
        ("y_grad = x * g", c58),
        ("return (x - y_grad).detach() + y_grad", c58),
        ("즉 $y = x$ 이면서", c58),
        ("- 예시의 3개 가중치라면", c63),
        ("- 3×3 conv, 64→64 채널", c64),
        ("- 같은 레이어의 4비트 activation", c65),
        ("$g$ 없이 학습하면", c67),
    ]


# ====================================================================== 12
@register("12_int_matmul_zero_point_vi.md")
def f12():
    def rand_case(M=3, K=5, N=4):
        X = rng.integers(0, 256, (M, K)); W = rng.integers(-128, 128, (K, N))
        zx, zw = int(rng.integers(0, 256)), int(rng.integers(-10, 10))
        sx, sw = rng.uniform(0.001, 0.1), rng.uniform(0.001, 0.1)
        return X, W, zx, zw, sx, sw

    def c8():
        X, W, zx, zw, sx, sw = rand_case()
        Y = (sx * (X - zx)) @ (sw * (W - zw))
        y = sum(sx * (X[1, j] - zx) * sw * (W[j, 2] - zw) for j in range(X.shape[1]))
        return np.isclose(Y[1, 2], y)

    def c9():
        X, W, zx, zw, sx, sw = rand_case()
        return np.allclose((sx * (X - zx)) @ (sw * (W - zw)), sx * sw * ((X - zx) @ (W - zw)))

    def c14():
        ok = True
        for _ in range(5):
            X, W, zx, zw, sx, sw = rand_case()
            K = X.shape[1]
            lhs = (X - zx) @ (W - zw)
            rhs = X @ W - zw * X.sum(1)[:, None] - zx * W.sum(0)[None, :] + K * zx * zw
            ok &= np.array_equal(lhs, rhs)
        return ok

    def c17():
        M, K, N = 3, 5, 4
        cnt = sum(1 for i in range(M) for k in range(N) for j in range(K))
        return cnt == M * N * K

    def c18():
        X, W, zx, zw, sx, sw = rand_case()
        # depends on W only and yields N numbers
        return W.sum(0).shape == (W.shape[1],) and np.array_equal(W.sum(0), W.sum(0))

    def c19():
        M, K = 3, 5
        X = rng.integers(0, 256, (M, K))
        return X.sum(1).shape == (M,) and M * (K - 1) <= M * K

    def c20():
        X, W, zx, _, sx, sw = rand_case()
        lhs = (X - zx) @ (W - 0)
        return np.array_equal(lhs, X @ W - zx * W.sum(0)[None, :])

    x = np.array([12, 200, 37]); w = np.array([-5, 17, 100]); zx, zw = 128, 3
    acc = int(np.dot(x - zx, w - zw))

    def c28():
        return np.array_equal(x - zx, [-116, 72, -91]) and np.array_equal(w - zw, [-8, 14, 97])

    def c30():
        return list((x - zx) * (w - zw)) == [928, 1008, -8827] and 928 + 1008 - 8827 == -6891 == acc

    def c32():
        return list(x * w) == [-60, 3400, 3700] and int(np.dot(x, w)) == 7040 and x.sum() == 249 and w.sum() == 112

    def c34():
        return all_(3 * 249 == 747, 128 * 112 == 14336, 3 * 128 * 3 == 1152, 7040 - 747 - 14336 + 1152 == -6891,
                    int(np.dot(x, w)) - zw * x.sum() - zx * w.sum() + 3 * zx * zw == acc)

    sx, sw, sy, zy = 0.02, 0.005, 0.15, 10
    Mm = sx * sw / sy

    def c39():
        return np.isclose(sx * sw, 1e-4) and A("-0.6891", sx * sw * acc)

    def c43():
        return np.isclose(Mm, 1e-4 / 0.15) and A("6.6667e-4", Mm)

    def c45():
        qy = zy + int(np.round(Mm * acc))
        yhat = (qy - zy) * sy
        return all_(A("-4.594", Mm * acc), np.round(Mm * acc) == -5, qy == 5, A("-0.75", yhat),
                    A("0.0609", abs(yhat - sx * sw * acc)), abs(yhat - sx * sw * acc) < sy / 2, A("0.075", sy / 2))

    def c47():
        n = 10
        M0 = Mm * 2 ** n
        q31 = int(np.round(M0 * 2 ** 31))
        prod = q31 * acc                                   # int32 x int32 -> int64
        shifted = np.round(prod / 2 ** (31 + n))
        return all_(0.5 <= M0 < 1, A("0.68267", M0), np.isclose(M0, 1024 / 1500), q31 == 1466015504,
                    abs(q31) < 2 ** 31, abs(prod) < 2 ** 63, shifted == np.round(Mm * acc))

    return [
        ("Với lượng tử hoá affine, mỗi số thực", GIVEN),
        ("y_{ik} = \\sum_{j=1}^{K} s_x (x_{ij}-z_x)", c8),
        ("= s_x s_w \\sum_{j=1}^{K} (x_{ij}-z_x)(w_{jk}-z_w).", c9),
        ("\\sum_{j}(x_{ij}-z_x)(w_{jk}-z_w)", c14),
        ("= \\sum_j x_{ij}w_{jk} \\;-\\; z_w", c14),
        ("- Số hạng đầu là phép GEMM", c17),
        ("chỉ phụ thuộc trọng số", c18),
        ("phải tính lúc chạy", c19),
        ("- Nếu trọng số đối xứng", c20),
        ("### 6.2. Ví dụ số ($K = 3$)", GIVEN),
        ("Cho một hàng của $X$ (uint8", GIVEN),
        ("x = (12,\\ 200,\\ 37)", GIVEN),
        ("Cách 1 — trừ zero-point trước", c28),
        ("\\text{acc} = 928 + 1008 - 8827", c30),
        ("Cách 2 — dùng khai triển", c32),
        ("\\text{acc} = 7040 - 3\\cdot 249", c34),
        ("Với $s_x = 0{,}02$", c39),
        ("Đầu ra được lưu với", GIVEN),
        ("q_y = z_y + \\operatorname{round}", c43),
        ("$M\\cdot\\text{acc} \\approx -4{,}594", c45),
        ("Trên phần cứng không có số thực", c47),
    ]


# ====================================================================== 13
@register("13_pact_alpha_gradient_tr.md")
def f13():
    def pact(x, a):
        return np.clip(x, 0, a)

    def yq(x, a, k=2):
        L = 2 ** k - 1
        return np.round(pact(x, a) * L / a) * a / L

    def yq_sur(x, a, x0, a0):
        """STE of the PACT paper: quantizer treated as identity in the backward pass"""
        return yq(x0, a0) + (pact(x, a) - pact(x0, a0))

    def c6():
        x = rng.uniform(-5, 10, 1000); a = rng.uniform(0.5, 6)
        return np.allclose(0.5 * (np.abs(x) - np.abs(x - a) + a), pact(x, a))

    def c7():
        a = 3.0
        x = np.array([-2.0, -0.1, 0.0, 1.5, 2.99, 3.0, 7.0])
        cases = np.where(x < 0, 0, np.where(x < a, x, a))
        return np.allclose(cases, 0.5 * (np.abs(x) - np.abs(x - a) + a))

    def c12():
        a = 4.0; y = rng.uniform(0, a, 100)
        q = yq(y, a)
        lv = np.arange(4) * a / 3
        return np.all(np.min(np.abs(q[:, None] - lv[None, :]), 1) < 1e-12)

    def pts():
        out = []
        while len(out) < 20:
            x0, a0 = rng.uniform(-3, 8), rng.uniform(1, 6)
            if abs(x0) > 1e-3 and abs(x0 - a0) > 1e-3:
                out.append((x0, a0))
        return out

    def c15():
        ok = True
        for x0, a0 in pts():
            ok &= np.isclose(fd(lambda y: y, 1.0), 1.0) and np.isclose(yq_sur(x0, a0, x0, a0), yq(x0, a0))
        return ok

    def c17():
        ok = True
        for x0, a0 in pts():
            d = fd(lambda a: yq_sur(x0, a, x0, a0), a0, 1e-7)
            ok &= np.isclose(d, fd(lambda a: pact(x0, a), a0, 1e-7)) and np.isclose(d, float(x0 >= a0), atol=1e-6)
        return ok

    def c19():
        ok = True
        for x0, a0 in pts():
            d = fd(lambda x: yq_sur(x, a0, x0, a0), x0, 1e-7)
            ok &= np.isclose(d, float(0 <= x0 < a0), atol=1e-6)
        return ok

    def c23():
        ok = True
        for _ in range(5):
            x0 = rng.uniform(-3, 8, 7); a0 = rng.uniform(1, 6); gq = rng.normal(size=7); lam = rng.uniform(0, 0.1)
            if np.min(np.abs(x0 - a0)) < 1e-3:
                continue
            Ltot = lambda a: np.sum(gq * yq_sur(x0, a, x0, a0)) + lam * a ** 2
            ok &= np.isclose(fd(Ltot, a0, 1e-7), gq[x0 >= a0].sum() + 2 * lam * a0, atol=1e-6)
        return ok

    a, k, lam, eta = 4.0, 2, 0.01, 0.1
    x = np.array([-1, 2.5, 4.7, 6.0, 3.9]); gq = np.array([0.3, -0.2, 0.1, -0.4, 0.5])
    dA = fd(lambda aa: np.sum(gq * yq_sur(x, aa, x, a)) + lam * aa ** 2, a, 1e-7)

    def c26():
        return 2 ** k - 1 == 3 and A("1.3333", a / 3)

    def c33():
        y = pact(x, a)
        return all_(AV(["0", "2.5", "4", "4", "3.9"], y), AV(["0", "1.875", "3", "3", "2.925"], y * 3 / 4),
                    np.array_equal(np.round(y * 3 / 4), [0, 2, 3, 3, 3]))

    def c35():
        return AV(["0", "2.6667", "4", "4", "4"], yq(x, a))

    def c37():
        return x[4] < a and yq(x[4], a) == 4

    def c39():
        return list(np.where(x >= a)[0] + 1) == [3, 4]

    def c41():
        return A("-0.3", gq[x >= a].sum()) and A("-0.3", 0.1 + (-0.4))

    def c42():
        return A("0.08", 2 * lam * a)

    def c45():
        return A("-0.22", dA) and A("-0.22", -0.3 + 0.08)

    def c48():
        G = fd_grad(lambda xx: np.sum(gq * yq_sur(xx, a, x, a)), x, 1e-7)
        return np.array_equal(((x >= 0) & (x < a)).astype(int), [0, 1, 0, 0, 1]) and close(G, [0, -0.2, 0, 0, 0.5], atol=1e-6)

    def c52():
        return A("3.978", a - eta * dA) and A("3.978", 4 - 0.1 * (-0.22))

    def c54():
        a_new = a - eta * dA
        return gq[x >= a].sum() < 0 and 2 * lam * a > 0 and a_new > a

    return [
        ("**Tanım.** PACT aktivasyon fonksiyonu", GIVEN),
        ("y = \\mathrm{PACT}(x) = \\tfrac12", c6),
        ("\\begin{cases} 0, & x < 0\\\\ x, & 0 \\le x < \\alpha", c7),
        ("\\qquad (\\alpha > 0).", GIVEN),
        ("Ardından $k$ bit ile düzgün nicemleme", GIVEN),
        ("y_q = \\mathrm{round}\\!\\left(y\\cdot\\frac{2^k-1}{\\alpha}\\right)", c12),
        ("**Gradyanlar (STE ile).**", c15),
        ("\\frac{\\partial y_q}{\\partial \\alpha} \\approx \\frac{\\partial y}{\\partial \\alpha}", c17),
        ("\\frac{\\partial y_q}{\\partial x} \\approx \\frac{\\partial y}{\\partial x}", c19),
        ("Yani $\\alpha$ yalnızca **kırpılan**", lambda: c17() and c19()),
        ("\\frac{\\partial \\mathcal{L}_{\\text{top}}}{\\partial \\alpha} = \\sum_{i:\\ x_i \\ge \\alpha}", c23),
        ("**Sayısal örnek.**", c26),
        ("x = (-1;\\ 2{,}5;", GIVEN),
        ("*İleri geçiş:*", c33),
        ("y_q = (0;\\ 2{,}6667;", c35),
        ("Dikkat: $x_5 = 3{,}9$", c37),
        ("*Geri geçiş ($\\alpha$):*", c39),
        ("\\sum_{x_i\\ge\\alpha} \\frac{\\partial\\mathcal{L}}{\\partial y_{q,i}} = 0{,}1", c41),
        ("\\qquad 2\\lambda\\alpha = 2\\cdot 0{,}01\\cdot 4", c42),
        ("\\frac{\\partial \\mathcal{L}_{\\text{top}}}{\\partial\\alpha} = -0{,}3 + 0{,}08", c45),
        ("*Geri geçiş ($x$):*", c48),
        ("\\alpha \\leftarrow \\alpha - \\eta", c52),
        ("Kırpılan örneklerin gradyanı negatif", c54),
    ]


# ====================================================================== 14
@register("14_sqnr_6db_per_bit_nl.md")
def f14():
    def Delta(A_, b):
        return 2 * A_ / 2 ** b

    def quant(x, A_, b):                      # mid-rise, 2^b levels on [-A, A]
        D = Delta(A_, b)
        k = np.clip(np.floor(x / D), -(2 ** (b - 1)), 2 ** (b - 1) - 1)
        return (k + 0.5) * D

    def c4():
        A_, b = 1.7, 4
        x = np.linspace(-A_, A_ - 1e-9, 100001)
        lv = np.unique(quant(x, A_, b))
        return len(lv) == 2 ** b and np.allclose(np.diff(lv), Delta(A_, b))

    def c8():
        A_, b = 1.0, 8
        x = A_ * np.sin(rng.uniform(0, 2 * np.pi, 1_000_000)) * 0.999999
        e = quant(x, A_, b) - x
        D = Delta(A_, b)
        return np.isclose(np.mean(e ** 2), D ** 2 / 12, rtol=0.05) and np.max(np.abs(e)) <= D / 2 + 1e-12

    def c12():
        ok = True
        for _ in range(10):
            A_, b = rng.uniform(0.1, 5), int(rng.integers(1, 17))
            v1 = Delta(A_, b) ** 2 / 12
            ok &= np.isclose(v1, (1 / 12) * (2 * A_ / 2 ** b) ** 2) and np.isclose(v1, 4 * A_ ** 2 / (12 * 4.0 ** b)) \
                and np.isclose(v1, A_ ** 2 / (3 * 4.0 ** b))
        return ok

    def c15():
        A_, w = 2.3, 5.0
        T = 2 * np.pi / w
        t = np.linspace(0, T, 200001)
        f = A_ ** 2 * np.sin(w * t) ** 2
        I = np.trapezoid(f, t) if hasattr(np, "trapezoid") else np.trapz(f, t)
        return np.isclose(I / T, A_ ** 2 / 2)

    def sqnr(A_, b):
        return (A_ ** 2 / 2) / (A_ ** 2 / (3 * 4.0 ** b))

    def c19():
        return all(np.isclose(sqnr(A_, b), 1.5 * 4.0 ** b) for A_ in (0.3, 2.0) for b in (2, 8, 12))

    def c21():
        return np.isclose(sqnr(0.3, 8), sqnr(17.0, 8))

    dB = lambda b: 10 * np.log10(1.5 * 4.0 ** b)

    def c25():
        b = rng.uniform(1, 16)
        return all_(np.isclose(dB(b), 10 * np.log10(1.5) + b * 10 * np.log10(4)), A("1.76", 10 * np.log10(1.5)),
                    A("6.02", 10 * np.log10(4)))

    def c27():
        b = rng.uniform(1, 16)
        return all_(np.isclose(fd(dB, b), 20 * np.log10(2)), A("6.02", 20 * np.log10(2)),
                    np.isclose(Delta(1, b + 1), Delta(1, b) / 2), np.isclose(Delta(1, b) ** 2 / Delta(1, b + 1) ** 2, 4))

    def row(b, p1, p2, p3):
        return all_(A(p1, 10 * np.log10(1.5)), A(p2, b * 10 * np.log10(4)), A(p3, dB(b)),
                    A(p3, float(p1.replace(",", ".")) + float(p2.replace(",", "."))))

    def c37():
        x = rng.uniform(-1.5, 1.5, 1_000_000)
        return np.isclose(np.var(x), 1.5 ** 2 / 3, rtol=0.01)

    def c39():
        A_, b = 1.3, 8
        return all_(np.isclose((A_ ** 2 / 3) / (A_ ** 2 / (3 * 4.0 ** b)), 4.0 ** b), A("6.02", 10 * np.log10(4.0 ** b) / b))

    def c41():
        return A("48.16", 10 * np.log10(4.0 ** 8))

    def c45():
        s, b = 0.7, 8
        Pe = Delta(3 * s, b) ** 2 / 12
        return all_(np.isclose(Pe, 9 * s ** 2 / (3 * 4.0 ** b)), np.isclose(Pe, 3 * s ** 2 / 4.0 ** b),
                    np.isclose(s ** 2 / Pe, 4.0 ** b / 3), A("4.77", 10 * np.log10(3)),
                    np.isclose(10 * np.log10(4.0 ** b / 3), b * 10 * np.log10(4) - 10 * np.log10(3)))

    def c47():
        sq = lambda c, b=8: 1.0 / (Delta(c, b) ** 2 / 12)      # sigma = 1, clip at +-c
        return all_(A("43.39", 10 * np.log10(4.0 ** 8 / 3)), A("43.39", 48.16 - 4.77), sq(4.0) < sq(3.0))

    return [
        ("We kwantiseren een signaal met een uniforme kwantisator", c4),
        ("\\Delta = \\frac{2A}{2^b}.", c4),
        ("Zoals in het college afgeleid", c8),
        ("**Stap 1 — ruisvermogen.** Invullen geeft", GIVEN),
        ("P_e = \\frac{1}{12}\\left(\\frac{2A}{2^b}\\right)^2", c12),
        ("**Stap 3 — verhouding.**", GIVEN),
        ("**Stap 4 — in decibel.**", GIVEN),
        ("**Stap 2 — signaalvermogen.**", c15),
        ("\\mathrm{SQNR} = \\frac{P_x}{P_e}", c19),
        ("Merk op dat $A$ wegvalt", c21),
        ("\\mathrm{SQNR}_{\\mathrm{dB}} = 10\\log_{10}\\tfrac32", c25),
        ("De afgeleide naar $b$ is", c27),
        ("| $b$ | $\\mathrm{SQNR}_{\\mathrm{dB}}$ |", GIVEN),
        ("| 4 | $1{,}761", lambda: row(4, "1,761", "24,082", "25,843")),
        ("| 8 | $1{,}761", lambda: row(8, "1,761", "48,165", "49,926")),
        ("| 16 | $1{,}761", lambda: row(16, "1,761", "96,330", "98,091")),
        ("**Variant a — uniform verdeeld signaal.**", c37),
        ("\\mathrm{SQNR} = \\frac{A^2/3}{A^2/(3\\cdot 4^b)}", c39),
        ("voor $b = 8$ is dat $48{,}16$ dB", c41),
        ("**Variant b — Gaussische gewichten", GIVEN),
        ("P_e = \\frac{9\\sigma^2}{3\\cdot 4^b}", c45),
        ("Voor int8-gewichten ($b = 8$)", c47),
    ]


# ====================================================================== 15
@register("15_unscale_clip_adam_cs.md")
def f15():
    def c6():
        ok = True
        for _ in range(5):
            S = rng.uniform(1, 5000); th = rng.normal(size=3); c = rng.normal(size=3)
            L = lambda t: np.log(1 + np.sum((c * t) ** 2))
            gt = fd_grad(lambda t: S * L(t), th)
            g = fd_grad(L, th)
            ok &= close(gt, S * g, rtol=1e-5, atol=1e-6)
        return ok

    def c8():
        g = rng.normal(size=4); S = 512.0
        return close((S * g) / S, g)

    def c10():
        g = rng.normal(size=6); S = 300.0
        return np.isclose(np.linalg.norm(S * g), S * np.linalg.norm(g))

    S = 1024.0
    gh = np.array([3072.0, -1536.0, 4096.0])
    g = gh / S
    n = np.linalg.norm(g)

    def c12():
        return np.all(np.abs(gh) <= 65504) and np.all(np.isfinite(gh.astype(np.float16)))

    def c14():
        return close(g, [3, -1.5, 4])

    def c15():
        return all_(np.isclose(9 + 2.25 + 16, 27.25), np.isclose(np.sum(g ** 2), 27.25), A("5.2202", n))

    def c16():
        return A("0.19157", 1 / n) and n > 1

    def c17():
        return AV(["0.5747", "-0.2873", "0.7663"], g / n)

    def c19():
        nh = np.linalg.norm(gh)
        return A("5345.4", nh) and A("1.8708e-4", 1 / nh)

    def c20():
        v = gh / (np.linalg.norm(gh) * S)
        return AV(["5.612e-4", "-2.806e-4", "7.483e-4"], v)

    def c21():
        v = gh / (np.linalg.norm(gh) * S)
        return np.isclose(np.linalg.norm(v), 1 / S) and A("9.77e-4", 1 / S)

    def adam(grads, b1=0.9, b2=0.999, eps=0.0):
        m = v = 0.0
        steps = []
        for gg in grads:
            m = b1 * m + (1 - b1) * gg
            v = b2 * v + (1 - b2) * gg ** 2
            steps.append((m, v, m / (np.sqrt(v) + eps)))
        return steps

    grads = rng.normal(size=(6, 4))

    def c23():
        Sc = 2048.0
        a = adam(grads); b = adam(Sc * grads)
        return all(close(x[2], y[2]) for x, y in zip(a, b))

    def c27():
        Sc = 777.0
        return all(close(y[0], Sc * x[0]) for x, y in zip(adam(grads), adam(Sc * grads)))

    def c28():
        Sc = 777.0
        return all(close(y[1], Sc ** 2 * x[1]) for x, y in zip(adam(grads), adam(Sc * grads)))

    def c32():
        Sc = 31.0
        m, v = rng.normal(size=4), rng.uniform(0.1, 2, 4)
        return close((Sc * m) / np.sqrt(Sc ** 2 * v), (Sc * m) / (Sc * np.sqrt(v))) and close((Sc * m) / (Sc * np.sqrt(v)), m / np.sqrt(v))

    def c34():
        Sc, eps = 1024.0, 1e-3
        m, v = rng.normal(size=4), rng.uniform(0.01, 2, 4)
        id_ok = close((Sc * m) / (np.sqrt(Sc ** 2 * v) + eps), m / (np.sqrt(v) + eps / Sc))
        # dynamic scale: invariance lost
        Ss = np.array([1024.0, 512, 512, 2048, 1024, 1024])
        a = adam(grads); b = adam(Ss[:, None] * grads)
        return id_ok and not all(close(x[2], y[2]) for x, y in zip(a, b))

    def c36():
        Sx, skipped = 2 ** 16, 0
        hist = [Sx]
        overflow = {1: True, 2: True}
        good = 0
        for step in range(1, 2 + 2000 + 1):
            if overflow.get(step, False):
                Sx //= 2; skipped += 1; good = 0; hist.append(Sx)
            else:
                good += 1
                if good == 2000:
                    Sx *= 2; good = 0; hist.append(Sx)
        return 2 ** 16 == 65536 and hist == [65536, 32768, 16384, 32768] and skipped == 2

    return [
        ("Při trénování ve smíšené přesnosti zpětně šíříme", GIVEN),
        ("\\hat g \\;=\\; \\nabla_\\theta \\tilde{\\mathcal L}", c6),
        ("takže skutečný gradient získáme jako", c8),
        ("**Pozor na pořadí operací.**", c10),
        ("**Příklad 5.6.** Nechť $S = 1024$", c12),
        ("1. Odškálování:", c14),
        ("2. Norma:", c15),
        ("3. Ořez na $\\tau = 1$", c16),
        ("g_{\\text{clip}} \\approx", c17),
        ("Kdybychom chybně ořezali už", c19),
        ("\\frac{\\hat g}{\\lVert\\hat g\\rVert\\cdot S} \\approx", c20),
        ("tj. gradient o normě $1/S", c21),
        ("**Tvrzení 5.7 (Adam a konstantní škála).**", c23),
        ("*Důkaz.* Momenty jsou lineární", lambda: c27() and c28()),
        ("\\hat m_t = \\beta_1 \\hat m_{t-1}", c27),
        ("\\hat v_t = \\beta_2 \\hat v_{t-1}", c28),
        ("(indukcí, $\\hat m_0 = m_0 = 0$", lambda: c27() and c28()),
        ("\\frac{\\hat m_t}{\\sqrt{\\hat v_t}} = \\frac{S\\,m_t}{S\\sqrt{v_t}}", c32),
        ("S $\\varepsilon > 0$ platí", c34),
        ("**Příklad 5.8 (dynamická škála).**", c36),
    ]


# ====================================================================== 16
@register("16_lowprec_accumulation_en.md")
def f16_file():
    def run_sum(rounder, inc, n=10000):
        s = 0.0
        hist = []
        for _ in range(n):
            s = rounder(s + inc)
            hist.append(s)
        return np.array(hist)

    r16 = lambda v: f16(v)
    rbf = lambda v: bf16(np.float32(v))
    inc16 = f16(0.01)
    incbf = bf16(np.float32(0.01))
    H16 = run_sum(r16, inc16)
    Hbf = run_sum(rbf, incbf)

    def ulp16(x):
        x = np.float16(x)
        return float(np.nextafter(x, np.float16(np.inf))) - float(x)

    def ulpbf(x):
        xb = np.array([bf16(np.float32(x))], np.float32)
        nxt = (xb.view(np.uint32) + (1 << 16)).astype(np.uint32).view(np.float32)
        return float(nxt[0]) - float(xb[0])

    def c2():
        return H16[-1] == H16[-2] and Hbf[-1] == Hbf[-2] and r16(32.0 + 0.01) == 32.0 \
            and np.argmax(Hbf >= Hbf[-1]) < np.argmax(H16 >= H16[-1]) and np.finfo(np.float32).nmant - 16 == 7

    def c6():
        ok = True
        for x in rng.uniform(0.01, 1000, 50):
            e = np.floor(np.log2(x))
            ok &= ulp16(x) == 2.0 ** (e - 10)
            xb = bf16(np.float32(x))
            eb = np.floor(np.log2(xb))
            nxt = np.array([np.array([xb], np.float32).view(np.uint32)[0] + (1 << 16)], np.uint32).view(np.float32)[0]
            ok &= float(nxt) - xb == 2.0 ** (eb - 7)
        return ok

    def c8():
        ok = True
        for x in (1.0, 2.0, 16.0, 32.0, 40.0, 1000.0):
            e = np.floor(np.log2(x))
            half = 2.0 ** (e - 10 - 1)
            ok &= np.isclose(half, ulp16(x) / 2)
            for d in (0.3 * half, 0.9 * half):
                ok &= r16(x + d) == x
        # the running sum stops at T and never leaves it
        ok &= np.all(H16[np.argmax(H16 >= 32):] == 32.0)
        return ok

    def c10():
        ok = True
        for _ in range(20):
            e, p, d = int(rng.integers(-5, 10)), int(rng.integers(3, 24)), rng.uniform(1e-4, 1)
            ok &= ((e - p - 1) > np.log2(d)) == (e > p + 1 + np.log2(d)) and ((2.0 ** (e - p - 1) > d) == (e - p - 1 > np.log2(d)))
        return ok

    def c12():
        return A("-6.64", math.log2(0.01))

    def c14():
        e = min(k for k in range(-10, 20) if k > 11 + math.log2(0.01))
        return all_(A("4.36", 11 + math.log2(0.01)), e == 5, 2 ** e == 32, ulp16(32.0) == 2.0 ** (5 - 10) == 0.03125,
                    0.03125 / 2 == 0.015625 > 0.01, H16[-1] == 32.0)

    def c15():
        e = min(k for k in range(-10, 20) if k > 8 + math.log2(0.01))
        return all_(A("1.36", 8 + math.log2(0.01)), e == 2, 2 ** e == 4, ulpbf(4.0) == 2.0 ** (2 - 7) == 0.03125,
                    Hbf[-1] == 4.0)

    def c17():
        i16, i32 = np.argmax(H16 >= 16), np.argmax(H16 >= 32)
        seg = np.diff(H16[i16:i32 + 1])
        return all_(ulp16(20.0) == 2.0 ** -6 == 0.015625, abs(0.01 - 0.015625) < 0.01, np.allclose(seg, 0.015625),
                    16 / 0.015625 == 1024, i32 - i16 == 1024, np.isclose(16 / 0.01, 1600))

    def c19():
        return len(H16) == 10000

    def c23():
        stop = np.argmax(H16 >= H16[-1]) + 1
        return all_(A("0.01000213623", inc16), H16[-1] == 32.0, stop == 2798)

    def c24():
        stop = np.argmax(Hbf >= Hbf[-1]) + 1
        return all_(incbf == 0.010009765625, Hbf[-1] == 4.0, stop == 350)

    def c25():
        s = np.float32(0)
        inc = np.float32(inc16)
        for _ in range(10000):
            s = np.float32(s + inc)
        return A("100.02136", float(s))

    def c27():
        ex = 1e4 * inc16
        exb = 1e4 * incbf
        return all_(ex == 100.0213623046875, 10 ** 4 * 0.01000213623046875 == ex,
                    A("68", 100 * (ex - 32) / ex), A("96", 100 * (exb - 4) / exb),
                    np.argmax(Hbf >= 4.0) + 1 == 350, A("3.503", 350 * incbf), A("1.14", 4.0 / (350 * incbf)))

    def c29():
        mx = (2 - 2.0 ** -7) * 2.0 ** 127
        return all_(A("1.70e38", mx), np.finfo(np.float32).nexp == 8, float(np.finfo(np.float16).max) == 65504)

    def c32():
        s = np.float16(0); c = np.float16(0)
        x = np.float16(0.01)
        for _ in range(10000):
            y = np.float16(x - c)
            t = np.float16(s + y)
            c = np.float16(np.float16(t - s) - y)
            s = t
        return abs(float(s) - 1e4 * inc16) < 0.1

    def c34():
        ok = A("0.0039", 2.0 ** -8) and A("4.9e-4", 2.0 ** -11) and 2.0 ** -(7 + 1) == 2.0 ** -8 and 2.0 ** -(10 + 1) == 2.0 ** -11
        for _ in range(20):
            n = int(rng.integers(2, 300))
            xs = np.float16(rng.uniform(0, 1, n)).astype(float)
            s = 0.0
            for v in xs:
                s = f16(s + v)
            ok &= abs(s - xs.sum()) <= (n - 1) * 2.0 ** -11 * np.abs(xs).sum() * 1.01
        ok &= (10 ** 4 - 1) * 2.0 ** -11 > 1 and (10 ** 4 - 1) * 2.0 ** -8 > 1
        return ok

    return [
        ("**Short answer:**", c2),
        ("**Longer answer.** With $p$ explicit mantissa bits", GIVEN),
        ("$$\\operatorname{ulp}(x) = 2^{e-p}", c6),
        ("Round-to-nearest returns $x$ itself", c8),
        ("$$e - p - 1 > \\log_2 \\delta", c10),
        ("For $\\delta = 0.01$ we have", c12),
        ("* **fp16** ($p = 10$)", c14),
        ("* **bf16** ($p = 7$)", c15),
        ("It's actually worse than", c17),
        ("I ran it (adding `0.01` 10 000 times", c19),
        ("| accumulator | stored increment |", GIVEN),
        ("| fp16 | $0.01000213623$ |", c23),
        ("| bf16 | $0.010009765625$ |", c24),
        ("| fp32 (adding the fp16 value) |", c25),
        ("The exact sum of the fp16 increments", c27),
        ("**Why people still use bf16:**", c29),
        ("1. keep the *accumulator* in fp32", GIVEN),
        ("2. use compensated (Kahan) summation", c32),
        ("For a recursive sum of $n$ terms", c34),
    ]


# ----------------------------------------------------------------- runner
def run_file(name, checks, cov=False):
    lines = open(os.path.join(HERE, name), encoding="utf-8").read().split("\n")
    results = []
    covered = set()
    for sub, chk in checks:
        if sub.startswith("=LINE="):     # whole-line match
            idx = [i for i, l in enumerate(lines) if l.strip() == sub[6:]]
        else:
            idx = [i for i, l in enumerate(lines) if sub in l]
        if len(idx) != 1:
            raise RuntimeError(f"{name}: substring {sub!r} matches lines {[i + 1 for i in idx]}")
        ln = idx[0] + 1
        covered.add(ln)
        if chk is GIVEN:
            ok = True
        else:
            try:
                ok = bool(chk())
            except Exception as e:  # a crashing check is a failing check
                print(f"   [{name}:{ln}] exception {type(e).__name__}: {e}")
                ok = False
        if VERBOSE and not ok:
            print(f"   [{name}:{ln}] FAILS: {lines[ln - 1][:90]}")
        results.append((ln, ok))
    if cov:
        for i, l in enumerate(lines):
            st = l.strip()
            if i == 0 or i + 1 in covered or st in ("$$", "") or st.startswith("#") and "$" not in st:
                continue
            if st.startswith(("\\begin{", "\\end{", "```", "|---")) or st in ("\\quad\\Longrightarrow\\quad", "\\qquad", "\\;\\Rightarrow\\;"):
                continue
            if any(c in st for c in "$=\\") or any(ch.isdigit() for ch in st):
                print(f"   uncovered {name}:{i + 1}: {st[:100]}")
    fails = sorted(ln for ln, ok in results if not ok)
    return fails[0] if fails else None


def main():
    cov = "--cov" in sys.argv
    expected = json.load(open(os.path.join(HERE, "expected.json"), encoding="utf-8"))
    bad = 0
    for name in sorted(set(expected) | set(FILES)):
        if name not in FILES or name not in expected:
            print(f"{name}: MISMATCH (missing checks or expectation)")
            bad += 1
            continue
        first = run_file(name, FILES[name](), cov)
        exp = expected[name]
        status = "OK" if first == exp else "MISMATCH"
        bad += status != "OK"
        print(f"{name}: {status} (first failing line {first}, expected {exp})")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
