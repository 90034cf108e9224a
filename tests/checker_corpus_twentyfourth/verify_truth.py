#!/usr/bin/env python3
"""verify_truth.py -- independent numerical verification of every claim in the
corpus files (NumPy only).

For each Markdown file a list of claims is registered.  A claim is tied to its
source line by a substring that must occur on exactly one line of the file.
Each claim is tested against an independent computation (central finite
differences at random points for derivatives, brute force / enumeration /
quadrature for identities, direct evaluation for worked numbers with a
tolerance derived from the digits shown).  Numbers quoted in a claim are
also checked to literally appear on the tied line.

The first failing claim (in line order) gives the file's first wrong line
(None if all claims hold).  This is compared with expected.json.
Exit status 0 iff every file agrees.
"""
import json
import os
import sys
import math
import traceback

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
RNG = np.random.default_rng(20240624)

# ----------------------------------------------------------------------------
# registry and helpers
# ----------------------------------------------------------------------------
CLAIMS = {}
_SHOWN = []


def claim(fname, sub):
    def deco(fn):
        CLAIMS.setdefault(fname, []).append((sub, fn))
        return fn
    return deco


def parse_shown(s):
    t = s.replace('{,}', '.').replace(',', '.').replace('\u2212', '-')
    t = t.replace(' ', '').replace('\\,', '').replace('\\', '')
    dec = len(t.split('.')[1]) if '.' in t else 0
    return float(t), dec


def approx(shown, true, exp10=0, units=0.5):
    """`shown` is the literal text in the file (e.g. '0{,}2447').  It holds iff
    |shown - true| <= units * 10^-decimals (times 10^exp10 for scientific)."""
    _SHOWN.append(shown)
    val, dec = parse_shown(shown)
    val *= 10.0 ** exp10
    tol = units * 10.0 ** (-dec) * 10.0 ** exp10
    return abs(val - true) <= tol * (1 + 1e-9) + 1e-12


def exact(shown, true):
    """number written without rounding: must equal true to 1e-9."""
    _SHOWN.append(shown)
    val, _ = parse_shown(shown)
    return abs(val - true) <= 1e-9 * max(1.0, abs(true))


def lit(*strings):
    """literal text that must be on the line (used for formulas)."""
    _SHOWN.extend(strings)
    return True


def close(a, b, tol=1e-5):
    a = np.asarray(a, float)
    b = np.asarray(b, float)
    if a.shape != b.shape:
        return False
    return bool(np.allclose(a, b, rtol=tol, atol=tol))


def num_grad(f, x, h=1e-6):
    x = np.array(x, dtype=float)
    g = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        e = np.zeros_like(x)
        e[idx] = h
        g[idx] = (f(x + e) - f(x - e)) / (2 * h)
    return g


def num_jac(F, x, h=1e-6):
    """J[out..., in...] = dF_out / dx_in."""
    x = np.array(x, dtype=float)
    y0 = np.asarray(F(x), float)
    J = np.zeros(y0.shape + x.shape)
    for idx in np.ndindex(x.shape):
        e = np.zeros_like(x)
        e[idx] = h
        J[(Ellipsis,) + idx] = (np.asarray(F(x + e)) - np.asarray(F(x - e))) / (2 * h)
    return J


def num_d(f, x, h=1e-6):
    return (f(x + h) - f(x - h)) / (2 * h)


def allof(*conds):
    return all(bool(c) for c in conds)


def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


def softmax(z, axis=-1):
    z = np.asarray(z, float)
    e = np.exp(z - z.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def gh(n=80):
    """Gauss-Hermite (probabilists') nodes/weights for E over N(0,1)."""
    x, w = np.polynomial.hermite_e.hermegauss(n)
    return x, w / np.sqrt(2 * np.pi)

# ============================================================================
# 01 softmax Jacobian (German exam)
# ============================================================================
F = "01_softmax_jacobi_klausur.md"
Z01 = np.array([1.0, 2.0, 0.0])
Y01 = np.array([0.0, 1.0, 0.0])
P01 = softmax(Z01)


def _rand_logits(K=5):
    return RNG.normal(size=K) * 1.5


@claim(F, r"$$p_i = \operatorname{softmax}(z)_i = \frac{e^{z_i}}")
def _():
    z = _rand_logits()
    return close(np.exp(z) / np.exp(z).sum(), softmax(z), 1e-12)


@claim(F, r"Zeigen Sie $\nabla_z L = p - y$")
def _():
    z = _rand_logits()
    y = np.eye(5)[2]
    g = num_grad(lambda t: -np.sum(y * np.log(softmax(t))), z)
    return close(g, softmax(z) - y)


@claim(F, r"Dann ist $\partial S/\partial z_j = e^{z_j}$")
def _():
    z = _rand_logits()
    dS = num_grad(lambda t: np.exp(t).sum(), z)
    J = num_jac(lambda t: np.exp(t), z)
    # quotient rule on random smooth u, v
    u, du = np.sin, np.cos
    v = lambda t: 2 + np.cos(t)
    dv = lambda t: -np.sin(t)
    t0 = RNG.normal()
    lhs = num_d(lambda t: u(t) / v(t), t0)
    rhs = (du(t0) * v(t0) - u(t0) * dv(t0)) / v(t0) ** 2
    return allof(close(dS, np.exp(z)), close(J, np.diag(np.exp(z))), close(lhs, rhs))


def _softmax_jac(z):
    return num_jac(softmax, z)


@claim(F, r"= \frac{\delta_{ij}\, e^{z_i} \cdot S - e^{z_i} \cdot e^{z_j}}{S^2}")
def _():
    z = _rand_logits()
    e = np.exp(z)
    S = e.sum()
    M = (np.diag(e) * S - np.outer(e, e)) / S ** 2
    return close(M, _softmax_jac(z))


@claim(F, r"\left(\delta_{ij} - \frac{e^{z_j}}{S}\right) = p_i\,(\delta_{ij} - p_j)")
def _():
    z = _rand_logits()
    e = np.exp(z)
    S = e.sum()
    p = softmax(z)
    K = len(z)
    M1 = (e / S)[:, None] * (np.eye(K) - (e / S)[None, :])
    M2 = p[:, None] * (np.eye(K) - p[None, :])
    J = _softmax_jac(z)
    return allof(close(M1, J), close(M2, J))


@claim(F, r"p_i\,(1 - p_i), & i = j")
def _():
    z = _rand_logits()
    p = softmax(z)
    return close(np.diag(_softmax_jac(z)), p * (1 - p))


@claim(F, r"-\,p_i\, p_j, & i \neq j")
def _():
    z = _rand_logits()
    p = softmax(z)
    J = _softmax_jac(z)
    off = ~np.eye(len(z), dtype=bool)
    return close(J[off], (-np.outer(p, p))[off])


@claim(F, r"In Matrixschreibweise: $J = \dfrac{\partial p}{\partial z} = \operatorname{diag}(p) - p\,p^\top$")
def _():
    z = _rand_logits()
    p = softmax(z)
    J = _softmax_jac(z)
    A = np.diag(p) - np.outer(p, p)
    rows = J.sum(axis=1)
    return allof(close(J, A), close(A, A.T, 1e-12), close(rows, p - p * p.sum()), close(rows, 0 * rows))


@claim(F, r"\frac{1}{p_i}\,\partial p_i/\partial z_j = \delta_{ij} - p_j")
def _():
    z = _rand_logits()
    p = softmax(z)
    Jlog = num_jac(lambda t: np.log(softmax(t)), z)
    J = _softmax_jac(z)
    return allof(close(Jlog, J / p[:, None]), close(Jlog, np.eye(len(z)) - p[None, :]))


@claim(F, r"= -y_j + p_j \sum_i y_i = p_j - y_j")
def _():
    z = _rand_logits()
    K = len(z)
    y = np.eye(K)[1]
    p = softmax(z)
    g = num_grad(lambda t: -np.sum(y * np.log(softmax(t))), z)
    e1 = -(y[:, None] * (np.eye(K) - p[None, :])).sum(axis=0)
    e2 = -y + p * y.sum()
    e3 = p - y
    return allof(close(g, e1), close(g, e2), close(g, e3))


@claim(F, r"denn für einen One-Hot-Vektor gilt $\sum_i y_i = 1$. Also $\nabla_z L = p - y$")
def _():
    z = _rand_logits()
    y = np.eye(5)[4]
    g = num_grad(lambda t: -np.sum(y * np.log(softmax(t))), z)
    return allof(y.sum() == 1, close(g, softmax(z) - y))


@claim(F, r"$e^{1} \approx 2{,}7183$")
def _():
    e = np.exp(Z01)
    return allof(approx("2{,}7183", e[0]), approx("7{,}3891", e[1]), e[2] == 1,
                 approx("11{,}1073", e.sum()))


@claim(F, r"$$p \approx (0{,}2447;\ 0{,}6652;\ 0{,}0900)^\top .$$")
def _():
    return allof(approx("0{,}2447", P01[0]), approx("0{,}6652", P01[1]), approx("0{,}0900", P01[2]))


@claim(F, r"Verlust: $L = -\log p_2 = -\log 0{,}6652")
def _():
    L = -np.sum(Y01 * np.log(P01))
    return allof(close(L, -np.log(P01[1]), 1e-12), approx("0{,}6652", P01[1]), approx("0{,}4076", L))


@claim(F, r"Gradient: $\nabla_z L = p - y \approx")
def _():
    g = num_grad(lambda t: -np.sum(Y01 * np.log(softmax(t))), Z01)
    return allof(close(g, P01 - Y01), approx("0{,}2447", g[0]), approx("-0{,}3348", g[1]),
                 approx("0{,}0900", g[2]))


@claim(F, r"$J_{11} = p_1(1-p_1) \approx 0{,}1848$")
def _():
    J = _softmax_jac(Z01)
    return allof(close(J[0, 0], P01[0] * (1 - P01[0])), approx("0{,}1848", J[0, 0]),
                 close(J[0, 1], -P01[0] * P01[1]), approx("-0{,}1628", J[0, 1]))


# ============================================================================
# 02 logistic regression BCE gradient (English problem set)
# ============================================================================
F = "02_logreg_bce_pset.md"
X02 = np.array([[1.0, 2.0], [-1.0, 0.0], [0.5, -1.0]])
Y02 = np.array([1.0, 0.0, 1.0])
W02 = np.array([0.5, -0.25])
B02 = 0.1


def J02(w, b, X=X02, y=Y02):
    yh = sigmoid(X @ w + b)
    return -np.mean(y * np.log(yh) + (1 - y) * np.log(1 - yh))


@claim(F, r"$\sigma'(z) = \dfrac{e^{-z}}{(1+e^{-z})^2} = \sigma(z)\,\big(1-\sigma(z)\big)$")
def _():
    z = RNG.normal(size=7) * 2
    d = num_d(sigmoid, z)
    return allof(close(d, np.exp(-z) / (1 + np.exp(-z)) ** 2), close(d, sigmoid(z) * (1 - sigmoid(z))))


@claim(F, r"= \frac{\hat y - y}{\hat y(1-\hat y)}$$")
def _():
    yh = RNG.uniform(0.05, 0.95, size=6)
    y = RNG.uniform(0, 1, size=6)
    ell = lambda t: -(y * np.log(t) + (1 - y) * np.log(1 - t))
    d = num_d(ell, yh)
    return allof(close(d, -y / yh + (1 - y) / (1 - yh)), close(d, (yh - y) / (yh * (1 - yh))))


@claim(F, r"\cdot \hat y(1-\hat y) = \hat y - y$$")
def _():
    z = RNG.normal(size=6)
    y = RNG.integers(0, 2, size=6).astype(float)
    ell = lambda t: -(y * np.log(sigmoid(t)) + (1 - y) * np.log(1 - sigmoid(t)))
    d = num_d(ell, z)
    yh = sigmoid(z)
    return allof(close(d, (yh - y) / (yh * (1 - yh)) * yh * (1 - yh)), close(d, yh - y))


@claim(F, r"Step 4: since $\partial z/\partial w = x$")
def _():
    x = RNG.normal(size=3)
    w = RNG.normal(size=3)
    b = 0.3
    gw = num_grad(lambda t: t @ x + b, w)
    gb = num_d(lambda t: w @ x + t, b)
    return allof(close(gw, x), close(gb, 1.0))


@claim(F, r"$$\nabla_w J = \frac{1}{N}\sum_{n=1}^{N}")
def _():
    N, D = 6, 3
    X = RNG.normal(size=(N, D))
    y = RNG.integers(0, 2, size=N).astype(float)
    w = RNG.normal(size=D)
    b = 0.2
    g = num_grad(lambda t: J02(t, b, X, y), w)
    r = sigmoid(X @ w + b) - y
    return allof(close(g, (r[:, None] * X).sum(0) / N), close(g, X.T @ r / N))


@claim(F, r"$$\frac{\partial J}{\partial b} = \frac{1}{N}\sum_{n=1}^{N}")
def _():
    N, D = 6, 3
    X = RNG.normal(size=(N, D))
    y = RNG.integers(0, 2, size=N).astype(float)
    w = RNG.normal(size=D)
    g = num_d(lambda t: J02(w, t, X, y), -0.4)
    r = sigmoid(X @ w - 0.4) - y
    return close(g, r.mean())


@claim(F, r"Logits: $z = Xw + b = (0.5 - 0.5 + 0.1")
def _():
    z = X02 @ W02 + B02
    terms = X02 * W02[None, :]
    return allof(close(terms[0], [0.5, -0.5]), close(terms[1], [-0.5, 0.0]), close(terms[2], [0.25, 0.25]),
                 close(z, [0.1, -0.4, 0.6], 1e-12),
                 lit("(0.1,\\ -0.4,\\ 0.6)"))


_YH02 = sigmoid(X02 @ W02 + B02)
_R02 = _YH02 - Y02


@claim(F, r"Predictions: $\hat{\mathbf y} = \sigma(z) \approx")
def _():
    return allof(approx("0.5250", _YH02[0]), approx("0.4013", _YH02[1]), approx("0.6457", _YH02[2]))


@claim(F, r"Residual: $\hat{\mathbf y} - \mathbf y \approx")
def _():
    return allof(approx("-0.4750", _R02[0]), approx("0.4013", _R02[1]), approx("-0.3543", _R02[2]))


@claim(F, r"$X^\top(\hat{\mathbf y} - \mathbf y) \approx (-0.4750 - 0.4013 - 0.1772")
def _():
    t = X02 * _R02[:, None]
    s = X02.T @ _R02
    return allof(approx("-0.4750", t[0, 0]), approx("0.4013", -t[1, 0]), approx("0.1772", -t[2, 0]),
                 approx("-0.9500", t[0, 1]), t[1, 1] == 0, approx("0.3543", t[2, 1]),
                 approx("-1.0535", s[0]), approx("-0.5957", s[1]))


@claim(F, r"so $\nabla_w J \approx \tfrac13(-1.0535,\ -0.5957) = (-0.3512,\ -0.1986)$")
def _():
    g = num_grad(lambda t: J02(t, B02), W02)
    return allof(approx("-1.0535", 3 * g[0]), approx("-0.5957", 3 * g[1]),
                 approx("-0.3512", g[0]), approx("-0.1986", g[1]))


@claim(F, r"and $\partial J/\partial b \approx \tfrac13(-0.4750 + 0.4013 - 0.3543) = -0.1427$")
def _():
    g = num_d(lambda t: J02(W02, t), B02)
    return allof(approx("-0.4750", _R02[0]), approx("0.4013", _R02[1]), approx("0.3543", -_R02[2]),
                 approx("-0.1427", g))


@claim(F, r"Loss value for reference: $J \approx \tfrac13(0.6444 + 0.5130 + 0.4375) = 0.5316$")
def _():
    l = -(Y02 * np.log(_YH02) + (1 - Y02) * np.log(1 - _YH02))
    return allof(approx("0.6444", l[0]), approx("0.5130", l[1]), approx("0.4375", l[2]),
                 approx("0.5316", J02(W02, B02)))

# ============================================================================
# 03 conv / pooling / transposed-conv sizes (French lecture notes)
# ============================================================================
F = "03_tailles_convolution_cours.md"


def conv_out_brute(H, k, p, s, d):
    """count window placements in the padded input (brute force)."""
    L = H + 2 * p
    span = max(j * d for j in range(k)) + 1
    return sum(1 for st in range(0, L, s) if st + span <= L)


def tconv_out_brute(H, k, p, s, d, pout):
    """transposed conv by scattering each input pixel's kernel taps, then
    cropping p on both sides and appending output_padding."""
    taps = {i * s + j * d for i in range(H) for j in range(k)}
    full = max(taps) + 1
    return full - 2 * p + pout


def nparams_conv(cin, cout, k):
    return np.zeros((cout, cin, k, k)).size + np.zeros(cout).size


def _rand_cfgs(n=200):
    out = []
    for _ in range(n):
        out.append((int(RNG.integers(5, 40)), int(RNG.integers(1, 6)), int(RNG.integers(0, 3)),
                    int(RNG.integers(1, 4)), int(RNG.integers(1, 3))))
    return [c for c in out if conv_out_brute(*c) > 0]


@claim(F, r"$k_{\text{eff}} = d(k-1) + 1$ pixels")
def _():
    ok = True
    for k in range(1, 7):
        for d in range(1, 4):
            span = max(j * d for j in range(k)) - min(j * d for j in range(k)) + 1
            ok &= span == d * (k - 1) + 1
    return ok


@claim(F, r"$H_{out} = \left\lfloor \dfrac{H_{in} + 2p - d(k-1) - 1}{s} \right\rfloor + 1$")
def _():
    return all(conv_out_brute(H, k, p, s, d) == (H + 2 * p - d * (k - 1) - 1) // s + 1
               for (H, k, p, s, d) in _rand_cfgs())


@claim(F, r"$H_{out} = \lfloor (32 + 2 - 2 - 1)/1 \rfloor + 1 = 32$")
def _():
    H, k, p, s, d = 32, 3, 1, 1, 1
    return allof(32 + 2 - 2 - 1 == H + 2 * p - d * (k - 1) - 1, conv_out_brute(H, k, p, s, d) == 32)


@claim(F, r"$H_{out} = \lfloor 27/2 \rfloor + 1 = 14$")
def _():
    H, k, p, s, d = 32, 5, 0, 2, 1
    return allof(27 == H + 2 * p - d * (k - 1) - 1, conv_out_brute(H, k, p, s, d) == 14)


@claim(F, r"$k_{\text{eff}} = 5$ et $H_{out} = \lfloor (28 + 4 - 4 - 1)/1 \rfloor + 1 = 28$")
def _():
    H, k, p, s, d = 28, 3, 2, 1, 2
    return allof(max(j * d for j in range(k)) + 1 == 5, 28 + 4 - 4 - 1 == H + 2 * p - d * (k - 1) - 1,
                 conv_out_brute(H, k, p, s, d) == 28)


@claim(F, r"$p = (k-1)/2$ conserve la taille")
def _():
    return all(conv_out_brute(H, k, (k - 1) // 2, 1, 1) == H for H in range(3, 40) for k in (1, 3, 5, 7))


@claim(F, r"$H_{out} = \lfloor (28 - 2)/2 \rfloor + 1 = 14$")
def _():
    return allof(28 - 2 == 28 + 0 - 1 * (2 - 1) - 1, conv_out_brute(28, 2, 0, 2, 1) == 14)


@claim(F, r"$\partial L/\partial x = \begin{pmatrix} 0 & 0{,}5 \\ 0 & 0 \end{pmatrix}$")
def _():
    x = np.array([[1.0, 3.0], [2.0, 0.0]])
    g = 0.5
    G = num_grad(lambda t: g * t.max(), x)
    return allof(close(G, [[0, 0.5], [0, 0]]), lit("0{,}5"))


@claim(F, r"chaque entrée reçoit $g/4 = 0{,}125$")
def _():
    x = RNG.normal(size=(2, 2))
    G = num_grad(lambda t: 0.5 * t.mean(), x)
    return allof(close(G, np.full((2, 2), 0.5 / 4)), exact("0{,}125", 0.5 / 4))


@claim(F, r"$16 \cdot (3 \cdot 3 \cdot 3) + 16 = 448$ paramètres ; sortie $16 \times 32 \times 32$")
def _():
    return allof(nparams_conv(3, 16, 3) == 448, 16 * (3 * 3 * 3) + 16 == 448, conv_out_brute(32, 3, 1, 1, 1) == 32)


@claim(F, r"- maxpool $2\times2$ : sortie $16 \times 16 \times 16$.")
def _():
    return conv_out_brute(32, 2, 0, 2, 1) == 16


@claim(F, r"$32 \cdot (16 \cdot 3 \cdot 3) + 32 = 4640$")
def _():
    return allof(nparams_conv(16, 32, 3) == 4640, 32 * (16 * 9) + 32 == 4640, conv_out_brute(16, 3, 1, 1, 1) == 16)


@claim(F, r"$32 \cdot 8 \cdot 8 = 2048$")
def _():
    h = conv_out_brute(16, 2, 0, 2, 1)
    return allof(h == 8, np.zeros((32, h, h)).size == 2048)


@claim(F, r"$2048 \cdot 10 + 10 = 20490$")
def _():
    return np.zeros((10, 2048)).size + np.zeros(10).size == 20490


@claim(F, r"$448 + 4640 + 20490 = 25578$")
def _():
    tot = nparams_conv(3, 16, 3) + nparams_conv(16, 32, 3) + (np.zeros((10, 2048)).size + 10)
    return tot == 25578


@claim(F, r"$H_{out} = (H_{in} - 1)\,s - 2p + d(k-1) + p_{out}$")
def _():
    ok = True
    for (H, k, p, s, d) in _rand_cfgs(100):
        for pout in range(0, max(s, d)):
            if pout >= s and pout >= d:
                continue
            true = tconv_out_brute(H, k, p, s, d, pout)
            if true <= 0:
                continue
            ok &= true == (H - 1) * s - 2 * p + d * (k - 1) + pout
    return ok


@claim(F, r"$H_{out} = 2(H_{in} - 1) - 2 + 3 = 2H_{in} - 1$")
def _():
    return all(tconv_out_brute(H, 4, 1, 2, 1, 0) == 2 * (H - 1) - 2 + 3 for H in range(2, 40)) and \
        all(2 * (H - 1) - 2 + 3 == 2 * H - 1 for H in range(2, 40))


@claim(F, r"$H_{in} = 16$ donne $H_{out} = 15 \cdot 2 - 2 + 3 = 31$")
def _():
    return allof(tconv_out_brute(16, 4, 1, 2, 1, 0) == 15 * 2 - 2 + 3, 15 * 2 - 2 + 3 == 31)


@claim(F, r"$H_{out} = 31 + 1 = 32$")
def _():
    return tconv_out_brute(16, 4, 1, 2, 1, 1) == 31 + 1 == 32


@claim(F, r"$64 \cdot 32 \cdot 4 \cdot 4 + 32 = 32800$")
def _():
    # ConvTranspose2d weight has shape (C_in, C_out, k, k), bias C_out
    return np.zeros((64, 32, 4, 4)).size + np.zeros(32).size == 32800


# ============================================================================
# 04 batch-norm backward (English textbook)
# ============================================================================
F = "04_batchnorm_backward_textbook.md"
M04 = 5
X04 = RNG.normal(size=M04) * 1.3 + 0.4
GAM04, BET04, EPS04 = 1.7, -0.3, 0.05
C04 = RNG.normal(size=M04)
D04 = RNG.uniform(0.5, 1.5, size=M04)


def E04(y):
    return np.sum(C04 * y) + 0.5 * np.sum(D04 * y ** 2)


def dE04(y):
    return C04 + D04 * y


def bn(x, gam=GAM04, bet=BET04, mu=None, var=None, eps=EPS04):
    if mu is None:
        mu = x.mean()
    if var is None:
        var = np.mean((x - mu) ** 2)
    xh = (x - mu) / np.sqrt(var + eps)
    return gam * xh + bet, xh, mu, var


_Y04, _XH04, _MU04, _VAR04 = bn(X04)
_G04 = GAM04 * dE04(_Y04)     # g_i = dE/dxhat_i
_S04 = np.sqrt(_VAR04 + EPS04)


def dE_dvar04(mu=_MU04, var=_VAR04):
    return num_d(lambda v: E04(bn(X04, mu=mu, var=v)[0]), var)


@claim(F, r"$$g_i = \frac{\partial E}{\partial \hat{x}_i} = \gamma\,\frac{\partial E}{\partial y_i}")
def _():
    g = num_grad(lambda xh: E04(GAM04 * xh + BET04), _XH04)
    dgam = num_d(lambda t: E04(bn(X04, gam=t)[0]), GAM04)
    dbet = num_d(lambda t: E04(bn(X04, bet=t)[0]), BET04)
    dy = dE04(_Y04)
    return allof(close(g, _G04), close(dgam, np.sum(dy * _XH04)), close(dbet, np.sum(dy)))


@claim(F, r"$\partial \hat x_i/\partial \sigma^2 = -\tfrac12 (x_i-\mu)(\sigma^2+\epsilon)^{-3/2}$")
def _():
    d = num_d(lambda v: bn(X04, mu=_MU04, var=v)[1], _VAR04)
    return close(d, -0.5 * (X04 - _MU04) * (_VAR04 + EPS04) ** -1.5)


@claim(F, r"\tag{5.76}$$")
def _():
    rhs = -0.5 * (_VAR04 + EPS04) ** -1.5 * np.sum(_G04 * (X04 - _MU04))
    return close(dE_dvar04(), rhs)


@claim(F, r"Using $\partial\sigma^2/\partial\mu = -\frac{2}{m}\sum_i (x_i-\mu)$")
def _():
    ok = True
    for mu in (_MU04, _MU04 + 0.37, _MU04 - 1.1):
        d = num_d(lambda t: np.mean((X04 - t) ** 2), mu)
        ok &= close(d, -2.0 / M04 * np.sum(X04 - mu))
    return ok


@claim(F, r"\tag{5.77}$$")
def _():
    ok = True
    for mu in (_MU04, _MU04 + 0.37):
        var = np.mean((X04 - mu) ** 2)
        xh = (X04 - mu) / np.sqrt(var + EPS04)
        g = GAM04 * dE04(GAM04 * xh + BET04)
        lhs = num_d(lambda t: E04(bn(X04, mu=t, var=np.mean((X04 - t) ** 2))[0]), mu)
        dvar = dE_dvar04(mu, var)
        rhs = -np.sum(g) / np.sqrt(var + EPS04) - 2.0 / M04 * dvar * np.sum(X04 - mu)
        ok &= close(lhs, rhs)
    return ok


@claim(F, r"Because $\sum_i (x_i - \mu) = 0$ by (5.71)")
def _():
    x = RNG.normal(size=9)
    return abs(np.sum(x - x.mean())) < 1e-12


@claim(F, r"\tag{5.78}$$")
def _():
    lhs = num_d(lambda t: E04(bn(X04, mu=t, var=np.mean((X04 - t) ** 2))[0]), _MU04)
    return close(lhs, -np.sum(_G04) / _S04)


@claim(F, r"(with $\partial \sigma^2/\partial x_i = 2(x_i - \mu)/m$)")
def _():
    dvar = num_grad(lambda x: np.mean((x - _MU04) ** 2), X04)       # mu held fixed
    dmu = num_grad(lambda x: np.mean(x), X04)
    return allof(close(dvar, 2 * (X04 - _MU04) / M04), close(dmu, np.full(M04, 1.0 / M04)))


def _full_grad04():
    return num_grad(lambda x: E04(bn(x)[0]), X04)


@claim(F, r"\tag{5.79}$$")
def _():
    dvar = dE_dvar04()
    dmu = num_d(lambda t: E04(bn(X04, mu=t, var=np.mean((X04 - t) ** 2))[0]), _MU04)
    rhs = _G04 / _S04 + dvar * 2 * (X04 - _MU04) / M04 + dmu / M04
    return close(_full_grad04(), rhs)


@claim(F, r"using $x_i - \mu = \sqrt{\sigma^2+\epsilon}\;\hat{x}_i$")
def _():
    return close(X04 - _MU04, _S04 * _XH04, 1e-12)


@claim(F, r"\tag{5.80}$$")
def _():
    rhs = (M04 * _G04 - _G04.sum() - _XH04 * np.sum(_G04 * _XH04)) / (M04 * _S04)
    return close(_full_grad04(), rhs)


@claim(F, r"using $\sum_i \hat x_i = 0$ together with")
def _():
    return allof(abs(_XH04.sum()) < 1e-12, close(np.sum(_XH04 ** 2), M04 * _VAR04 / (_VAR04 + EPS04), 1e-12))


@claim(F, r"\tag{5.81}$$")
def _():
    return abs(_full_grad04().sum()) < 1e-6



# --- additional claims (03 / 04) -------------------------------------------
F = "03_tailles_convolution_cours.md"


@claim(F, r"la couche dense représente environ 80 % des paramètres")
def _():
    fc = np.zeros((10, 2048)).size + 10
    tot = nparams_conv(3, 16, 3) + nparams_conv(16, 32, 3) + fc
    return abs(fc / tot - 0.80) < 0.005


F = "04_batchnorm_backward_textbook.md"


@claim(F, r"In the limit $\epsilon \to 0$ it is also orthogonal to $\hat{x}$")
def _():
    # shift invariance: gradient sums to zero; scale invariance as eps -> 0
    vals = []
    for eps in (1e-1, 1e-3, 1e-6):
        grad = num_grad(lambda x: E04(bn(x, eps=eps)[0]), X04, 1e-7)
        xh = bn(X04, eps=eps)[1]
        vals.append(abs(grad @ xh))
    y0 = bn(X04, eps=0.0)[0]
    return allof(vals[2] < 1e-4, vals[0] > vals[2], close(bn(X04 + 2.5, eps=0.0)[0], y0, 1e-9),
                 close(bn(3.0 * X04, eps=0.0)[0], y0, 1e-9))


@claim(F, r"$$\delta_j = h'(a_j)\sum_{k} w_{kj}\,\delta_k , \tag{5.82}$$")
def _():
    W1 = RNG.normal(size=(4, 3))
    W2 = RNG.normal(size=(2, 4))
    x = RNG.normal(size=3)
    h, dh = np.tanh, (lambda a: 1 - np.tanh(a) ** 2)
    Eout = lambda ak: np.sum(np.sin(ak)) + 0.5 * np.sum(ak ** 2)
    aj = W1 @ x
    ak = W2 @ h(aj)
    dk = num_grad(Eout, ak)
    dj = num_grad(lambda a: Eout(W2 @ h(a)), aj)
    return close(dj, dh(aj) * (W2.T @ dk))
# ============================================================================
# 05 LSTM gradient through the cell state (math.SE answer)
# ============================================================================
F = "05_lstm_cell_state_mse.md"
NH05, NX05 = 3, 2
P05 = {k: (RNG.normal(size=(NH05, NX05)) * 0.8, RNG.normal(size=(NH05, NH05)) * 0.8,
           RNG.normal(size=NH05) * 0.5) for k in "fiog"}
X05 = [RNG.normal(size=NX05), RNG.normal(size=NX05)]
HPREV05 = RNG.normal(size=NH05) * 0.5
CPREV05 = RNG.normal(size=NH05)
R05 = [RNG.normal(size=NH05), RNG.normal(size=NH05)]
Q05 = RNG.normal(size=NH05)


def lstm05(ov=None):
    """two LSTM steps (t and t+1) with a nonlinear loss; `ov` overrides nodes."""
    ov = ov or {}
    nodes = {}
    a = {k: P05[k][0] @ X05[0] + P05[k][1] @ ov.get("h_prev", HPREV05) + P05[k][2] for k in "fiog"}
    for k in "fiog":
        if "a_" + k in ov:
            a[k] = ov["a_" + k]
    f, i, o, g = sigmoid(a["f"]), sigmoid(a["i"]), sigmoid(a["o"]), np.tanh(a["g"])
    if "i" in ov:
        i = ov["i"]
    if "f" in ov:
        f = ov["f"]
    if "g" in ov:
        g = ov["g"]
    cp = ov.get("c_prev", CPREV05)
    c = f * cp + i * g
    if "c" in ov:
        c = ov["c"]
    h = o * np.tanh(c)
    if "h" in ov:
        h = ov["h"]
    a2 = {k: P05[k][0] @ X05[1] + P05[k][1] @ h + P05[k][2] for k in "fiog"}
    f2, i2, o2, g2 = sigmoid(a2["f"]), sigmoid(a2["i"]), sigmoid(a2["o"]), np.tanh(a2["g"])
    c2 = f2 * c + i2 * g2
    if "c2" in ov:
        c2 = ov["c2"]
    h2 = o2 * np.tanh(c2)
    L = R05[0] @ h + R05[1] @ h2 + 0.5 * np.sum(Q05 * c2 ** 2) + 0.1 * np.sum(h * h2)
    nodes.update(a=a, f=f, i=i, o=o, g=g, c=c, h=h, f2=f2, c2=c2, h2=h2, cp=cp)
    return L, nodes


_L05, _N05 = lstm05()


def _fd05(key, base):
    return num_grad(lambda t: lstm05({key: t})[0], base)


_DH05 = _fd05("h", _N05["h"])            # total dL/dh_t
_DC2_05 = _fd05("c2", _N05["c2"])        # total dL/dc_{t+1}
_DC05 = _fd05("c", _N05["c"])            # total dL/dc_t


@claim(F, r"$$\delta c_t := \frac{\partial L}{\partial c_t} = \delta h_t \odot o_t")
def _():
    n = _N05
    rhs = _DH05 * n["o"] * (1 - np.tanh(n["c"]) ** 2) + _DC2_05 * n["f2"]
    return close(_DC05, rhs)


@claim(F, r"$$\frac{\partial L}{\partial a_o} = \delta h_t \odot \tanh(c_t) \odot o_t \odot (1 - o_t).$$")
def _():
    n = _N05
    d = _fd05("a_o", n["a"]["o"])
    return close(d, _DH05 * np.tanh(n["c"]) * n["o"] * (1 - n["o"]))


@claim(F, r"*Forget gate.* $\partial c_t/\partial f_t = c_{t-1}$")
def _():
    n = _N05
    J = num_jac(lambda t: lstm05({"f": t})[1]["c"], n["f"])
    x = RNG.normal(size=5)
    return allof(close(J, np.diag(n["cp"])), close(num_d(sigmoid, x), sigmoid(x) * (1 - sigmoid(x))))


@claim(F, r"$$\frac{\partial L}{\partial a_f} = \delta c_t \odot c_{t-1} \odot f_t \odot (1 - f_t).$$")
def _():
    n = _N05
    d = _fd05("a_f", n["a"]["f"])
    return close(d, _DC05 * n["cp"] * n["f"] * (1 - n["f"]))


@claim(F, r"with $\partial c_t/\partial i_t = g_t$ and $\partial c_t/\partial g_t = i_t$")
def _():
    n = _N05
    Ji = num_jac(lambda t: lstm05({"i": t})[1]["c"], n["i"])
    Jg = num_jac(lambda t: lstm05({"g": t})[1]["c"], n["g"])
    return allof(close(Ji, np.diag(n["g"])), close(Jg, np.diag(n["i"])))


@claim(F, r"$$\frac{\partial L}{\partial a_i} = \delta c_t \odot g_t \odot i_t,$$")
def _():
    n = _N05
    d = _fd05("a_i", n["a"]["i"])
    return close(d, _DC05 * n["g"] * n["i"])


@claim(F, r"$$\frac{\partial L}{\partial a_g} = \delta c_t \odot i_t \odot (1 - g_t^2).$$")
def _():
    n = _N05
    d = _fd05("a_g", n["a"]["g"])
    return close(d, _DC05 * n["i"] * (1 - n["g"] ** 2))


@claim(F, r"The weight gradients are outer products, e.g. $\partial L/\partial W_i")
def _():
    # dL/dW_i restricted to step t: perturb W_i in the a_i of step t only
    n = _N05
    base_a = n["a"]["i"]

    def LW(W):
        a_i = W @ X05[0] + P05["i"][1] @ HPREV05 + P05["i"][2]
        return lstm05({"a_i": a_i})[0]

    def LU(U):
        a_i = P05["i"][0] @ X05[0] + U @ HPREV05 + P05["i"][2]
        return lstm05({"a_i": a_i})[0]
    dW = num_grad(LW, P05["i"][0])
    dU = num_grad(LU, P05["i"][1])
    v = _DC05 * n["g"] * n["i"]
    return allof(close(dW, np.outer(v, X05[0])), close(dU, np.outer(v, HPREV05)))


@claim(F, r"$$\frac{\partial c_t}{\partial c_{t-1}} = \operatorname{diag}(f_t)")
def _():
    n = _N05
    J = num_jac(lambda t: lstm05({"c_prev": t})[1]["c"], CPREV05)
    d = _fd05("c_prev", CPREV05)    # h_{t-1} held fixed: only the direct path
    return allof(close(J, np.diag(n["f"])), close(d, _DC05 * n["f"]))


@claim(F, r"after 50 steps the factor is $0.95^{50} \approx 0.0769$")
def _():
    return allof(approx("0.0769", 0.95 ** 50), approx("8.9", 0.5 ** 50 * 1e16), lit("10^{-16}"))


# ============================================================================
# 06 Adam + L2 vs AdamW (Spanish notebook)
# ============================================================================
F = "06_adam_l2_vs_adamw_cuaderno.md"


def adam06(decoupled, steps=2, th0=1.0, lr=0.1, wd=0.1, b1=0.9, b2=0.999, eps=1e-8):
    th, m, v = th0, 0.0, 0.0
    rec = []
    for t in range(1, steps + 1):
        gf = th - 3.0
        g = gf if decoupled else gf + wd * th
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g * g
        mh = m / (1 - b1 ** t)
        vh = v / (1 - b2 ** t)
        r = mh / (np.sqrt(vh) + eps)
        new = th - lr * (r + wd * th) if decoupled else th - lr * r
        rec.append(dict(th_prev=th, gf=gf, g=g, m=m, v=v, mh=mh, vh=vh, sq=np.sqrt(vh), r=r, th=new))
        th = new
    return rec


A06 = adam06(False)
W06 = adam06(True)


@claim(F, r"así que $\nabla f(\theta) = \theta - 3$")
def _():
    th = RNG.normal(size=4)
    return close(num_d(lambda t: 0.5 * (t - 3) ** 2, th), th - 3)


@claim(F, r"$\tilde g_1 = (1 - 3) + 0.1\cdot 1 = -1.9$")
def _():
    return exact("-1.9", A06[0]["g"])


@claim(F, r"$m_1 = 0.1 \cdot (-1.9) = -0.19$")
def _():
    s = A06[0]
    return allof(exact("-0.19", s["m"]), exact("0.00361", s["v"]))


@claim(F, r"$\hat m_1 = -0.19/0.1 = -1.9$")
def _():
    s = A06[0]
    return allof(exact("-1.9", s["mh"]), exact("3.61", s["vh"]))


@claim(F, r"$\theta_1 = 1 - 0.1 \cdot \dfrac{-1.9}{\sqrt{3.61}} = 1 + 0.1 = 1.1$")
def _():
    return close(A06[0]["th"], 1.1, 1e-7)


@claim(F, r"$\hat m_1/\sqrt{\hat v_1} = \pm 1$")
def _():
    ok = True
    for g in RNG.normal(size=10) * 5:
        m = 0.1 * g
        v = 0.001 * g * g
        ok &= close(abs((m / 0.1) / np.sqrt(v / 0.001)), 1.0, 1e-9)
    return ok


@claim(F, r"$\tilde g_2 = (1.1 - 3) + 0.1 \cdot 1.1 = -1.79$")
def _():
    return approx("-1.79", A06[1]["g"], units=1e-6)


@claim(F, r"$m_2 = 0.9\cdot(-0.19) + 0.1\cdot(-1.79) = -0.35$")
def _():
    return close(A06[1]["m"], -0.35, 1e-9)


@claim(F, r"$v_2 = 0.999 \cdot 0.00361 + 0.001 \cdot 3.2041 = 0.00681049$")
def _():
    return allof(close(1.79 ** 2, 3.2041, 1e-12), close(A06[1]["v"], 0.00681049, 1e-9))


@claim(F, r"$\hat m_2 = \dfrac{-0.35}{1 - 0.9^2} = \dfrac{-0.35}{0.19} = -1.8421$")
def _():
    return allof(close(1 - 0.9 ** 2, 0.19, 1e-12), approx("-1.8421", A06[1]["mh"]))


@claim(F, r"$\hat v_2 = \dfrac{0.00681049}{1 - 0.999} = 6.81049$")
def _():
    true = A06[1]["vh"]
    return allof(close(0.00681049 / (1 - 0.999), true, 1e-6), approx("6.81049", true))


@claim(F, r"$\sqrt{\hat v_2} = 2.6097$")
def _():
    s = A06[1]
    return allof(approx("2.6097", s["sq"]), approx("-0.7059", s["r"]))


@claim(F, r"$\theta_2 = 1.1 + 0.1 \cdot 0.7059 = 1.1706$")
def _():
    return allof(approx("0.7059", -A06[1]["r"]), approx("1.1706", A06[1]["th"]))


@claim(F, r"**Paso 1.** $g_1 = 1 - 3 = -2$")
def _():
    s = W06[0]
    return allof(s["g"] == -2, close(s["m"], -0.2, 1e-12), close(s["v"], 0.004, 1e-12),
                 close(s["mh"], -2, 1e-12), close(s["vh"], 4, 1e-12))


@claim(F, r"$\theta_1 = 1 - 0.1\,\big(-2/\sqrt{4} + 0.1\cdot 1\big) = 1 - 0.1\cdot(-0.9) = 1.09$")
def _():
    return allof(close(-1 + 0.1, -0.9, 1e-12), close(W06[0]["th"], 1.09, 1e-7))


@claim(F, r"**Paso 2.** $g_2 = 1.09 - 3 = -1.91$")
def _():
    return close(W06[1]["g"], -1.91, 1e-7)


@claim(F, r"$m_2 = 0.9 \cdot (-0.2) + 0.1 \cdot (-1.91) = -0.371$")
def _():
    s = W06[1]
    return allof(close(s["m"], -0.371, 1e-7), approx("-1.9526", s["mh"]))


@claim(F, r"$v_2 = 0.999\cdot 0.004 + 0.001\cdot 3.6481 = 0.0076441$")
def _():
    s = W06[1]
    return allof(close(s["v"], 0.0076441, 1e-7), approx("7.6441", s["vh"]))


@claim(F, r"$\hat m_2/\sqrt{\hat v_2} = -1.9526/2.7648 = -0.7062$")
def _():
    s = W06[1]
    return allof(approx("-1.9526", s["mh"]), approx("2.7648", s["sq"]), approx("-0.7062", s["r"]))


@claim(F, r"$\theta_2 = 1.09 - 0.1\,(-0.7062 + 0.109) = 1.09 + 0.0597 = 1.1497$")
def _():
    s = W06[1]
    return allof(approx("-0.7062", s["r"]), approx("0.0597", s["th"] - 1.09), approx("1.1497", s["th"]))


@claim(F, r"| Adam + L2 | 1.1 | 1.1706 |")
def _():
    return allof(close(A06[0]["th"], 1.1, 1e-7), approx("1.1706", A06[1]["th"]))


@claim(F, r"| AdamW | 1.09 | 1.1497 |")
def _():
    return allof(close(W06[0]["th"], 1.09, 1e-7), approx("1.1497", W06[1]["th"]))


@claim(F, r"$\theta_2^{\text{AdamW}} - \theta_2^{\text{L2}} = 1.1497 - 1.1706 = -0.0209$")
def _():
    return allof(approx("1.1497", W06[1]["th"]), approx("1.1706", A06[1]["th"]),
                 approx("-0.0209", W06[1]["th"] - A06[1]["th"]))

# ============================================================================
# 07 scaled dot-product attention (English blog post)
# ============================================================================
F = "07_attention_scaling_blog.md"
Q07 = np.array([1.0, 0, 1, 0])
K07 = np.array([[1.0, 1, 0, 0], [0, 1, 1, 1], [1, 0, 1, 1]])
V07 = np.array([[1.0, 0], [0, 2], [-1, 1]])


def attn07(q, K=K07, V=V07):
    d = K.shape[1]
    s = K @ q / np.sqrt(d)
    a = softmax(s)
    return a @ V


def _enum_var(d, scale=1.0):
    """exact Var and mean of scale*q.k for iid components uniform on
    {-sqrt(1.5), 0, sqrt(1.5)} (mean 0, variance 1), by enumeration."""
    vals = np.array([-np.sqrt(1.5), 0.0, np.sqrt(1.5)])
    import itertools
    vecs = np.array(list(itertools.product(vals, repeat=d)))
    dots = (vecs @ vecs.T).ravel() * scale
    return dots.mean(), dots.var(), vecs


@claim(F, r"Then each product $q_i k_i$ has mean $0$ and variance")
def _():
    m, v, _ = _enum_var(1)
    return allof(abs(m) < 1e-12, close(v, 1.0, 1e-12))


@claim(F, r"$$\operatorname{Var}\big(q^\top k\big) = \sum_{i=1}^{d} \operatorname{Var}(q_i k_i) = d .$$")
def _():
    return all(close(_enum_var(d)[1], d * _enum_var(1)[1], 1e-12) and close(_enum_var(d)[1], d, 1e-12)
               for d in (1, 2, 3, 4))


@claim(F, r"For $d = 512$ that's $\sqrt{512} \approx 22.63$")
def _():
    return approx("22.63", np.sqrt(512))


@claim(F, r"= \frac{1}{d}\cdot d = 1 .$$")
def _():
    return all(close(_enum_var(d, 1 / np.sqrt(d))[1], 1.0, 1e-12) for d in (1, 2, 3, 4))


@claim(F, r"the softmax Jacobian, $\partial \alpha_j/\partial s_l = \alpha_j(\delta_{jl} - \alpha_l)$")
def _():
    s = RNG.normal(size=4)
    a = softmax(s)
    return close(num_jac(softmax, s), a[:, None] * (np.eye(4) - a[None, :]))


@claim(F, r"= \alpha_l\,(v_l - o).$$")
def _():
    s = RNG.normal(size=4)
    V = RNG.normal(size=(4, 3))
    a = softmax(s)
    o = a @ V
    J = num_jac(lambda t: softmax(t) @ V, s)        # J[:, l] = do/ds_l
    e1 = np.stack([sum(V[j] * a[j] * ((j == l) - a[l]) for j in range(4)) for l in range(4)], axis=1)
    e2 = np.stack([a[l] * (V[l] - o) for l in range(4)], axis=1)
    return allof(close(J, e1), close(J, e2))


@claim(F, r"Since $\partial s_l / \partial q = k_l/\sqrt d$")
def _():
    K = RNG.normal(size=(3, 5))
    q = RNG.normal(size=5)
    J = num_jac(lambda t: K @ t / np.sqrt(5), q)
    return close(J, K / np.sqrt(5))


@claim(F, r"$$\frac{\partial o}{\partial q} = \frac{1}{\sqrt d}\sum_{l=1}^{n}")
def _():
    d, n = 5, 4
    K = RNG.normal(size=(n, d))
    V = RNG.normal(size=(n, 3))
    q = RNG.normal(size=d)
    a = softmax(K @ q / np.sqrt(d))
    o = a @ V
    J = num_jac(lambda t: attn07(t, K, V), q)
    rhs = sum(a[l] * np.outer(V[l] - o, K[l]) for l in range(n)) / np.sqrt(d)
    return close(J, rhs)


@claim(F, r"Take $d = 4$, so $\sqrt d = 2$")
def _():
    return np.sqrt(4) == 2


@claim(F, r"Raw dot products: $q^\top k_1 = 1$")
def _():
    return allof(close(K07 @ Q07, [1, 1, 2], 1e-12), close(K07 @ Q07 / 2, [0.5, 0.5, 1.0], 1e-12))


_S07 = K07 @ Q07 / 2
_A07 = softmax(_S07)
_O07 = _A07 @ V07


@claim(F, r"Exponentials: $e^{0.5} \approx 1.6487$")
def _():
    return allof(approx("1.6487", np.exp(0.5)), approx("2.7183", np.exp(1)), approx("6.0157", np.exp(_S07).sum()))


@claim(F, r"Weights: $\alpha \approx (0.2741,\ 0.2741,\ 0.4519)$")
def _():
    return allof(approx("0.2741", _A07[0]), approx("0.2741", _A07[1]), approx("0.4519", _A07[2]))


@claim(F, r"Output: $o = 0.2741\,(1,0) + 0.2741\,(0,2) + 0.4519\,(-1,1)")
def _():
    return allof(approx("0.2741", _A07[0]), approx("0.4519", _A07[2]),
                 approx("-0.1778", _O07[0]), approx("1.0000", _O07[1]))


@claim(F, r"$\partial o/\partial s_3 = \alpha_3 (v_3 - o) \approx 0.4519 \cdot (-0.8222,\ 0)")
def _():
    J = num_jac(lambda t: softmax(t) @ V07, _S07)
    col = J[:, 2]
    d = V07[2] - _O07
    return allof(approx("0.4519", _A07[2]), approx("-0.8222", d[0]), abs(d[1]) < 0.5e-4,
                 approx("-0.3715", col[0]), abs(col[1]) < 0.5e-4)


@claim(F, r"Without the scaling the logits would have been $(1, 1, 2)$")
def _():
    a = softmax(K07 @ Q07)
    return allof(approx("0.2119", a[0]), approx("0.2119", a[1]), approx("0.5761", a[2]))


# ============================================================================
# 08 sigmoid / tanh / softplus cheat sheet (Russian)
# ============================================================================
F = "08_shpargalka_sigmoid_tanh.md"
XS08 = np.linspace(-4, 4, 33) + 0.0137
sp = lambda x: np.log1p(np.exp(x))


def _ident(lhs, rhs):
    return close(lhs(XS08), rhs(XS08), 1e-9)


@claim(F, r"$\sigma(x) = \dfrac{1}{1+e^{-x}}$")
def _():
    return _ident(lambda x: 1 / (1 + np.exp(-x)), lambda x: 0.5 * (1 + np.tanh(x / 2)))


@claim(F, r"$\tanh(x) = \dfrac{e^{x}-e^{-x}}{e^{x}+e^{-x}}$")
def _():
    return _ident(np.tanh, lambda x: (np.exp(x) - np.exp(-x)) / (np.exp(x) + np.exp(-x)))


@claim(F, r"$\zeta(x) = \ln(1+e^{x})$")
def _():
    return _ident(sp, lambda x: np.log(1 + np.exp(x)))


@claim(F, r"$\sigma^{-1}(p) = \ln\dfrac{p}{1-p}$")
def _():
    p = np.linspace(0.02, 0.98, 25)
    return allof(close(sigmoid(np.log(p / (1 - p))), p, 1e-12), _ident(lambda x: np.log(sigmoid(x) / (1 - sigmoid(x))), lambda x: x))


@claim(F, r"- $\sigma(-x) = 1 - \sigma(x)$")
def _():
    return _ident(lambda x: sigmoid(-x), lambda x: 1 - sigmoid(x))


@claim(F, r"- $\tanh(x) = 2\sigma(2x) - 1$")
def _():
    return _ident(np.tanh, lambda x: 2 * sigmoid(2 * x) - 1)


@claim(F, r"- $\sigma(x) = \tfrac12\big(1 + \tanh(x/2)\big)$")
def _():
    return _ident(sigmoid, lambda x: 0.5 * (1 + np.tanh(x / 2)))


@claim(F, r"- $\zeta(x) - \zeta(-x) = x$")
def _():
    return _ident(lambda x: sp(x) - sp(-x), lambda x: x)


@claim(F, r"- $\ln \sigma(x) = -\zeta(-x)$")
def _():
    return _ident(lambda x: np.log(sigmoid(x)), lambda x: -sp(-x))


@claim(F, r"- $\sigma(x) = e^{x}/(1+e^{x})$")
def _():
    return _ident(sigmoid, lambda x: np.exp(x) / (1 + np.exp(x)))


@claim(F, r"- $\sigma'(x) = \sigma(x)\,\big(1-\sigma(x)\big)$")
def _():
    return _ident(lambda x: num_d(sigmoid, x), lambda x: sigmoid(x) * (1 - sigmoid(x)))


@claim(F, r"- $\tanh'(x) = 1 - \tanh^2(x)$")
def _():
    return close(num_d(np.tanh, XS08), 1 - np.tanh(XS08) ** 2, 1e-7)


@claim(F, r"- $\zeta'(x) = \sigma(x)$")
def _():
    return close(num_d(sp, XS08), sigmoid(XS08), 1e-7)


@claim(F, r"- $\dfrac{d}{dx}\ln\sigma(x) = 1 - \sigma(x)$")
def _():
    return close(num_d(lambda x: np.log(sigmoid(x)), XS08), 1 - sigmoid(XS08), 1e-7)


@claim(F, r"- $\dfrac{d}{dx}\ln\big(1-\sigma(x)\big) = -\sigma(x)$")
def _():
    return close(num_d(lambda x: np.log(1 - sigmoid(x)), XS08), -sigmoid(XS08), 1e-7)


@claim(F, r"- $\sigma''(x) = \sigma(x)\big(1-\sigma(x)\big)\big(1-2\sigma(x)\big)$")
def _():
    s = sigmoid(XS08)
    return close(num_d(lambda x: num_d(sigmoid, x, 1e-4), XS08, 1e-4), s * (1 - s) * (1 - 2 * s), 1e-6)


@claim(F, r"- $\tanh''(x) = -2\tanh(x)\big(1-\tanh^2(x)\big)$")
def _():
    t = np.tanh(XS08)
    return close(num_d(lambda x: num_d(np.tanh, x, 1e-4), XS08, 1e-4), -2 * t * (1 - t ** 2), 1e-6)


@claim(F, r"- Swish/SiLU: $\dfrac{d}{dx}\big[x\,\sigma(x)\big]")
def _():
    s = sigmoid(XS08)
    return close(num_d(lambda x: x * sigmoid(x), XS08), s + XS08 * s * (1 - s), 1e-7)


@claim(F, r"- логит: $\dfrac{d}{dp}\ln\dfrac{p}{1-p} = \dfrac{1}{p(1-p)}$")
def _():
    p = np.linspace(0.05, 0.95, 19)
    return close(num_d(lambda t: np.log(t / (1 - t)), p, 1e-7), 1 / (p * (1 - p)), 1e-6)


@claim(F, r"- $\sigma(0) = 0.5$, $\sigma'(0) = 0.25$")
def _():
    xs = np.linspace(-10, 10, 20001)
    ds = sigmoid(xs) * (1 - sigmoid(xs))
    return allof(sigmoid(0.0) == 0.5, close(num_d(sigmoid, 0.0), 0.25, 1e-9), abs(xs[np.argmax(ds)]) < 1e-9,
                 ds.max() <= 0.25 + 1e-15)


@claim(F, r"- $\tanh(0) = 0$, $\tanh'(0) = 1$")
def _():
    xs = np.linspace(-10, 10, 20001)
    return allof(np.tanh(0.0) == 0, close(num_d(np.tanh, 0.0), 1.0, 1e-9), (1 - np.tanh(xs) ** 2).max() <= 1.0)


@claim(F, r"- $\sigma(1) \approx 0.7311$")
def _():
    return allof(approx("0.7311", sigmoid(1.0)), approx("0.8808", sigmoid(2.0)), approx("0.1192", sigmoid(-2.0)))


@claim(F, r"- $\tanh(1) \approx 0.7616$")
def _():
    return allof(approx("0.7616", np.tanh(1.0)), approx("0.4200", num_d(np.tanh, 1.0)))


@claim(F, r"- $\zeta(0) = \ln 2 \approx 0.6931$")
def _():
    return allof(close(sp(0.0), np.log(2), 1e-12), approx("0.6931", sp(0.0)))


@claim(F, r"- $\sigma'(x) = \tfrac14\,\tanh'(x/2)$")
def _():
    return close(num_d(sigmoid, XS08), 0.25 * num_d(np.tanh, XS08 / 2), 1e-7)


# ============================================================================
# 09 gradient clipping by global norm (Portuguese forum)
# ============================================================================
F = "09_clipping_norma_forum.md"
G1_09 = np.array([3.0, -4.0])
G2_09 = np.array([[1.0, 2.0], [2.0, 0.0]])
NORM09 = np.linalg.norm(np.concatenate([G1_09.ravel(), G2_09.ravel()]))


def clip_global(gs, c):
    n = np.linalg.norm(np.concatenate([g.ravel() for g in gs]))
    f = min(1.0, c / n)
    return [g * f for g in gs]


@claim(F, r"$$\|g\| = \sqrt{\sum_{p} \|g_p\|_2^2}$$")
def _():
    gs = [RNG.normal(size=3), RNG.normal(size=(2, 4)), RNG.normal(size=5)]
    flat = np.concatenate([g.ravel() for g in gs])
    return close(np.sqrt(sum(np.sum(g ** 2) for g in gs)), np.linalg.norm(flat), 1e-12)


@claim(F, r"Como é o mesmo escalar positivo para tudo")
def _():
    gs = [RNG.normal(size=3) * 4, RNG.normal(size=(2, 4)) * 4]
    out = clip_global(gs, 1.3)
    a = np.concatenate([g.ravel() for g in gs])
    b = np.concatenate([g.ravel() for g in out])
    cos = a @ b / np.linalg.norm(a) / np.linalg.norm(b)
    return allof(close(np.linalg.norm(b), 1.3, 1e-12), close(cos, 1.0, 1e-12))


@claim(F, r"Então $\|g_1\|^2 = 9 + 16 = 25$")
def _():
    return allof(np.sum(G1_09 ** 2) == 25, np.sum(G2_09 ** 2) == 9)


@claim(F, r"$$\|g\| = \sqrt{25 + 9} = \sqrt{34} \approx 5{,}831.$$")
def _():
    return allof(close(NORM09, np.sqrt(34), 1e-12), approx("5{,}831", NORM09))


@claim(F, r"Com $c = 1$ o fator é $1/5{,}831 \approx 0{,}1715$")
def _():
    return allof(approx("5{,}831", NORM09), approx("0{,}1715", 1 / NORM09))


@claim(F, r"$$g_1 \approx \begin{pmatrix} 0{,}5145 \\ -0{,}6860 \end{pmatrix}")
def _():
    a, b = clip_global([G1_09, G2_09], 1.0)
    return allof(approx("0{,}5145", a[0]), approx("-0{,}6860", a[1]), approx("0{,}1715", b[0, 0]),
                 approx("0{,}3430", b[0, 1]), approx("0{,}3430", b[1, 0]), b[1, 1] == 0, lit("0 \\end{pmatrix}"))


@claim(F, r"Conferindo: $0{,}5145^2 + 0{,}6860^2")
def _():
    v = 0.5145 ** 2 + 0.6860 ** 2 + 0.1715 ** 2 + 2 * 0.3430 ** 2
    a, b = clip_global([G1_09, G2_09], 1.0)
    n = np.sqrt(np.sum(a ** 2) + np.sum(b ** 2))
    return allof(approx("1{,}000", v), approx("1{,}000", n))


@claim(F, r"$g_1 \to (1, -1)$, e aí a direção mudou")
def _():
    c = np.clip(G1_09, -1, 1)
    return allof(close(c, [1, -1], 1e-12), close(G1_09[1] / G1_09[0], -4 / 3, 1e-12), c[1] / c[0] == -1)


@claim(F, r"$g_1 \to (0{,}6; -0{,}8)$ e $g_2 \to g_2/3$")
def _():
    a = G1_09 / np.linalg.norm(G1_09)
    b = G2_09 / np.linalg.norm(G2_09)
    n = np.sqrt(np.sum(a ** 2) + np.sum(b ** 2))
    return allof(exact("0{,}6", a[0]), exact("-0{,}8", a[1]), close(b, G2_09 / 3, 1e-12),
                 close(n, np.sqrt(2), 1e-12), approx("1{,}4142", n),
                 close(np.linalg.norm(G1_09) / np.linalg.norm(G2_09), 5 / 3, 1e-12),
                 close(np.linalg.norm(a) / np.linalg.norm(b), 1, 1e-12))


# ============================================================================
# 10 ReLU network by hand (OCR handwriting)
# ============================================================================
F = "10_relu_net_by_hand_ocr.md"
X10 = np.array([1.0, -2.0])
Y10 = 2.0
W1_10 = np.array([[1.0, -1.0], [2.0, 1.0], [-1.0, 0.5]])
B1_10 = np.array([0.0, 1.0, 0.5])
W2_10 = np.array([1.0, -2.0, 3.0])
B2_10 = 0.5


def fwd10(W1, b1, W2, b2, x=X10):
    z1 = W1 @ x + b1
    h = np.maximum(z1, 0)
    yh = W2 @ h + b2
    return 0.5 * (yh - Y10) ** 2, z1, h, yh


_L10, _Z10, _H10, _YH10 = fwd10(W1_10, B1_10, W2_10, B2_10)
_dW2 = num_grad(lambda t: fwd10(W1_10, B1_10, t, B2_10)[0], W2_10)
_db2 = num_d(lambda t: fwd10(W1_10, B1_10, W2_10, t)[0], B2_10)
_dW1 = num_grad(lambda t: fwd10(t, B1_10, W2_10, B2_10)[0], W1_10)
_db1 = num_grad(lambda t: fwd10(W1_10, t, W2_10, B2_10)[0], B1_10)
_dx10 = num_grad(lambda t: fwd10(W1_10, B1_10, W2_10, B2_10, t)[0], X10)
_dh10 = num_grad(lambda h: 0.5 * (W2_10 @ h + B2_10 - Y10) ** 2, _H10)
_dz10 = num_grad(lambda z: 0.5 * (W2_10 @ np.maximum(z, 0) + B2_10 - Y10) ** 2, _Z10)


@claim(F, r"= (1·1 + (-1)(-2) + 0 ,  2·1 + 1·(-2) + 1 ,  (-1)·1 + 0.5·(-2) + 0.5)")
def _():
    rows = [[W1_10[r, 0] * X10[0], W1_10[r, 1] * X10[1], B1_10[r]] for r in range(3)]
    return close(rows, [[1 * 1, -1 * -2, 0], [2 * 1, 1 * -2, 1], [-1 * 1, 0.5 * -2, 0.5]], 1e-12)


@claim(F, r"     = (3, 1, -1.5)")
def _():
    return close(_Z10, [3, 1, -1.5], 1e-12)


@claim(F, r"h = ReLU(z1) = (3, 1, 0)")
def _():
    return close(_H10, [3, 1, 0], 1e-12)


@claim(F, r"y_hat = W2 h + b2 = 3 - 2 + 0 + 0.5 = 1.5")
def _():
    return allof(close(W2_10 * _H10, [3, -2, 0], 1e-12), close(_YH10, 1.5, 1e-12))


@claim(F, r"L = 1/2 (1.5 - 2)^2 = 0.125")
def _():
    return close(_L10, 0.125, 1e-12)


@claim(F, r"dy_hat = y_hat - y = -0.5")
def _():
    return close(num_d(lambda t: 0.5 * (t - Y10) ** 2, _YH10), -0.5, 1e-8)


@claim(F, r"dW2 = dy_hat · h^T = -0.5 (3, 1, 0) = (-1.5, -0.5, 0)")
def _():
    return allof(close(_dW2, -0.5 * _H10, 1e-7), close(_dW2, [-1.5, -0.5, 0], 1e-7))


@claim(F, r"  db2 = -0.5")
def _():
    return close(_db2, -0.5, 1e-7)


@claim(F, r"dh  = W2^T dy_hat = (1, -2, 3)^T (-0.5) = (-0.5, 1, -1.5)")
def _():
    return allof(close(_dh10, W2_10 * -0.5, 1e-7), close(_dh10, [-0.5, 1, -1.5], 1e-7))


@claim(F, r"dz1 = dh ⊙ 1[z1 > 0] = (-0.5, 1, 0)")
def _():
    return allof(close(_dz10, _dh10 * (_Z10 > 0), 1e-7), close(_dz10, [-0.5, 1, 0], 1e-7))


@claim(F, r"dW1 = dz1 x^T = [ -0.5   1 ]")
def _():
    return allof(close(_dW1, np.outer(_dz10, X10), 1e-7), close(_dW1, [[-0.5, 1], [1, -2], [0, 0]], 1e-7))


@claim(F, r"db1 = dz1 = (-0.5, 1, 0)")
def _():
    return allof(close(_db1, _dz10, 1e-7), close(_db1, [-0.5, 1, 0], 1e-7))


@claim(F, r"dx  = W1^T dz1 = (1·(-0.5) + 2·1 + (-1)·0 ,")
def _():
    return allof(close(_dx10, W1_10.T @ _dz10, 1e-7), close(_dx10, [1.5, 1.5], 1e-7),
                 close(W1_10.T @ _dz10, [1 * -0.5 + 2 * 1 + -1 * 0, -1 * -0.5 + 1 * 1 + 0.5 * 0], 1e-6))


_eta10 = 0.1
_W2n = W2_10 - _eta10 * _dW2
_b2n = B2_10 - _eta10 * _db2
_W1n = W1_10 - _eta10 * _dW1
_b1n = B1_10 - _eta10 * _db1


@claim(F, r"W2 <- W2 - η dW2 = (1 + 0.15, -2 + 0.05, 3 - 0) = (1.15, -1.95, 3)")
def _():
    return allof(close(-_eta10 * _dW2, [0.15, 0.05, 0], 1e-6), close(_W2n, [1.15, -1.95, 3], 1e-6))


@claim(F, r"b2 <- 0.5 + 0.05 = 0.55")
def _():
    return close(_b2n, 0.55, 1e-6)


@claim(F, r"W1 row 1 <- (1 + 0.05, -1 - 0.1) = (1.05, -1.1)")
def _():
    return close(_W1n[0], [1.05, -1.1], 1e-6)


@claim(F, r"W1 row 2 <- (2 - 0.1, 1 + 0.2) = (1.9, 1.2)")
def _():
    return close(_W1n[1], [1.9, 1.2], 1e-6)


@claim(F, r"W1 row 3 unchanged")
def _():
    return close(_W1n[2], W1_10[2], 1e-6)


@claim(F, r"b1 <- (0.05, 0.9, 0.5)")
def _():
    return close(_b1n, [0.05, 0.9, 0.5], 1e-6)


_Ln10, _Zn10, _Hn10, _YHn10 = fwd10(_W1n, _b1n, _W2n, _b2n)


@claim(F, r"z1 = (1.05 + 2.2 + 0.05 ,  1.9 - 2.4 + 0.9 ,  -1.5) = (3.3, 0.4, -1.5)")
def _():
    return allof(close(_W1n[:, 0] * X10[0], [1.05, 1.9, -1], 1e-6), close(_W1n[:, 1] * X10[1], [2.2, -2.4, -1], 1e-6),
                 close(_Zn10, [3.3, 0.4, -1.5], 1e-6))


@claim(F, r"h  = (3.3, 0.4, 0)")
def _():
    return close(_Hn10, [3.3, 0.4, 0], 1e-6)


@claim(F, r"y_hat = 1.15·3.3 - 1.95·0.4 + 0.55 = 3.795 - 0.78 + 0.55 = 3.565")
def _():
    return allof(close(_W2n * _Hn10, [3.795, -0.78, 0], 1e-6), close(_YHn10, 3.565, 1e-6))


@claim(F, r"new L = 1/2 (1.565)^2 ≈ 1.2246")
def _():
    return allof(close(_YHn10 - Y10, 1.565, 1e-6), approx("1.2246", _Ln10), lit("3.565 vs target 2"), _Ln10 > _L10)

# ============================================================================
# 11 KL between Gaussians + reparameterisation (Italian textbook)
# ============================================================================
F = "11_kl_gaussiane_riparametrizzazione.md"
MU1, S1, MU2, S2 = 0.7, 0.8, -0.4, 1.6


def logN(z, mu, s):
    return -0.5 * np.log(2 * np.pi * s ** 2) - (z - mu) ** 2 / (2 * s ** 2)


def Eq(fun, mu=MU1, s=S1, n=120):
    x, w = gh(n)
    return np.sum(w * fun(mu + s * x))


def kl_numeric(mu1, s1, mu2, s2):
    z = np.linspace(mu1 - 14 * s1, mu1 + 14 * s1, 400001)
    q = np.exp(logN(z, mu1, s1))
    f = q * (logN(z, mu1, s1) - logN(z, mu2, s2))
    return np.sum((f[1:] + f[:-1]) / 2 * np.diff(z))


def elbo11(mu, s, x):
    # E_q[log p(x|z)] (up to const) - KL(q || N(0,1)), computed by quadrature
    rec = Eq(lambda z: -0.5 * (x - z) ** 2, mu, s)
    return rec - kl_numeric(mu, s, 0.0, 1.0)


@claim(F, r"$$\log q(z) = -\tfrac12 \log\!\left(2\pi\sigma_1^2\right)")
def _():
    z = RNG.normal(size=6) * 2
    dens = np.exp(-(z - MU1) ** 2 / (2 * S1 ** 2)) / (S1 * np.sqrt(2 * np.pi))
    return close(np.log(dens), logN(z, MU1, S1), 1e-12)


@claim(F, r"Sotto $q$ valgono $\mathbb{E}_q\!\left[(z-\mu_1)^2\right] = \sigma_1^2$")
def _():
    return close(Eq(lambda z: (z - MU1) ** 2), S1 ** 2, 1e-10)


@claim(F, r"= \sigma_1^2 + (\mu_1 - \mu_2)^2, \qquad (20.72)$$")
def _():
    return close(Eq(lambda z: (z - MU2) ** 2), S1 ** 2 + (MU1 - MU2) ** 2, 1e-10)


@claim(F, r"poiché $z - \mu_2 = (z-\mu_1) + (\mu_1 - \mu_2)$")
def _():
    return allof(close(Eq(lambda z: (z - MU1) * (MU1 - MU2)), 0.0, 1e-10),
                 close(kl_numeric(MU1, S1, MU2, S2), Eq(lambda z: logN(z, MU1, S1) - logN(z, MU2, S2)), 1e-7))


@claim(F, r"\frac{\sigma_1^2 + (\mu_1-\mu_2)^2}{2\sigma_2^2} - \frac12. \qquad (20.73)$$")
def _():
    ok = True
    for (m1, s1, m2, s2) in [(MU1, S1, MU2, S2), (-1.2, 2.1, 0.3, 0.9), (0.0, 0.5, 0.0, 1.0)]:
        rhs = np.log(s2 / s1) + (s1 ** 2 + (m1 - m2) ** 2) / (2 * s2 ** 2) - 0.5
        ok &= close(kl_numeric(m1, s1, m2, s2), rhs, 1e-7)
    return ok


def kl_std(mu, s):
    return kl_numeric(mu, s, 0.0, 1.0)


@claim(F, r"= \tfrac12\left(\mu^2 + \sigma^2 - 1 - \log\sigma^2\right). \qquad (20.74)$$")
def _():
    ok = True
    for (mu, s) in [(0.3, 0.7), (-1.1, 1.9), (0.0, 1.0)]:
        ok &= close(kl_std(mu, s), 0.5 * (mu ** 2 + s ** 2 - 1 - np.log(s ** 2)), 1e-7)
    return ok


@claim(F, r"$$\frac{\partial D_{\mathrm{KL}}}{\partial \mu} = \mu, \qquad (20.75)$$")
def _():
    mu, s = 0.45, 0.8
    return close(num_d(lambda t: kl_std(t, s), mu, 1e-4), mu, 1e-5)


@claim(F, r"$$\frac{\partial D_{\mathrm{KL}}}{\partial \sigma} = \frac{\sigma}{2} - \frac{1}{\sigma}. \qquad (20.76)$$")
def _():
    ok = True
    for s in (0.6, 1.3):
        ok &= close(num_d(lambda t: kl_std(0.45, t), s, 1e-4), s / 2 - 1 / s, 1e-5)
    return ok


@claim(F, r"$\nabla_{\mu,\sigma}\,\mathbb{E}_{\epsilon}[f(\mu+\sigma\epsilon)] = ")
def _():
    f, df = (lambda z: np.sin(z) + 0.3 * z ** 3), (lambda z: np.cos(z) + 0.9 * z ** 2)
    mu, s = 0.3, 0.9
    x, w = gh(100)
    gmu = num_d(lambda t: Eq(f, t, s), mu, 1e-5)
    gs = num_d(lambda t: Eq(f, mu, t), s, 1e-5)
    return allof(close(gmu, np.sum(w * df(mu + s * x)), 1e-6), close(gs, np.sum(w * df(mu + s * x) * x), 1e-6))


def logp11(x, z):
    return -0.5 * (x - z) ** 2


@claim(F, r"\log p(x \mid \mu + \sigma\epsilon) = x - \mu - \sigma\epsilon, \qquad (20.78)$$")
def _():
    x, mu, s, e = 1.3, 0.2, 0.7, -0.45
    return close(num_d(lambda t: logp11(x, t + s * e), mu), x - mu - s * e, 1e-7)


@claim(F, r"= (x - \mu - \sigma\epsilon)\,\epsilon. \qquad (20.79)$$")
def _():
    x, mu, s, e = 1.3, 0.2, 0.7, -0.45
    return close(num_d(lambda t: logp11(x, mu + t * e), s), (x - mu - s * e) * e, 1e-7)


@claim(F, r"con $\mathbb{E}[\epsilon] = 0$ e $\mathbb{E}[\epsilon^2] = 1$, la 20.78 dà $x - \mu$")
def _():
    x, w = gh()
    X, mu, s = 1.3, 0.2, 0.7
    return allof(close(np.sum(w * x), 0, 1e-12), close(np.sum(w * x ** 2), 1, 1e-12),
                 close(np.sum(w * (X - mu - s * x)), X - mu, 1e-12))


@claim(F, r"$$\mathbb{E}_\epsilon\big[(x - \mu - \sigma\epsilon)\,\epsilon\big] = -\sigma. \qquad (20.80)$$")
def _():
    x, w = gh()
    X, mu, s = 1.3, 0.2, 0.7
    return close(np.sum(w * (X - mu - s * x) * x), -s, 1e-12)


@claim(F, r"$$\nabla_\mu \mathcal{L} = (x - \mu) - \mu = x - 2\mu, \qquad (20.81)$$")
def _():
    X, mu, s = 1.3, 0.2, 0.7
    return close(num_d(lambda t: elbo11(t, s, X), mu, 1e-4), X - 2 * mu, 1e-5)


@claim(F, r"$$\nabla_\sigma \mathcal{L} = -\sigma - \frac{\sigma}{2} + \frac{1}{\sigma} = \frac{1}{\sigma} - \frac{3\sigma}{2}.")
def _():
    X, mu, s = 1.3, 0.2, 0.7
    return close(num_d(lambda t: elbo11(mu, t, X), s, 1e-4), 1 / s - 1.5 * s, 1e-5)


@claim(F, r"Annullando entrambe le componenti si trovano i parametri variazionali ottimi")
def _():
    # brute-force maximisation of the ELBO over a grid (x = 1.2)
    X = 1.2
    mus = np.linspace(0.3, 0.9, 61)
    ss = np.linspace(0.5, 1.0, 101)
    # closed-form ELBO from independent quadrature evaluations is slow; use
    # E[-(x-z)^2/2] = -((x-mu)^2 + s^2)/2 computed by quadrature once per point
    xg, wg = gh(40)
    best = None
    for mu in mus:
        for s in ss:
            rec = np.sum(wg * -0.5 * (X - mu - s * xg) ** 2)
            kl = np.sum(wg * (logN(mu + s * xg, mu, s) - logN(mu + s * xg, 0, 1)))
            v = rec - kl
            if best is None or v > best[0]:
                best = (v, mu, s)
    _, mu_b, s_b = best
    return allof(abs(mu_b - X / 2) < 0.011, abs(s_b ** 2 - 2 / 3) < 0.01,
                 lit("0{,}6"), abs(mu_b - 0.6) < 0.011, approx("0{,}8165", np.sqrt(2 / 3)),
                 abs(s_b - 0.8165) < 0.006)


# ============================================================================
# 12 two-layer MLP backward, batch matrix form (Chinese lecture notes)
# ============================================================================
F = "12_mlp_fanxiang_chuanbo_jiangyi.md"
N12 = 5
X12 = RNG.normal(size=(2, N12))
Y12 = RNG.uniform(0, 1, size=(3, N12))
W1_12 = RNG.normal(size=(3, 2))
b1_12 = RNG.normal(size=3)
W2_12 = RNG.normal(size=(3, 3))
b2_12 = RNG.normal(size=3)
ONE12 = np.ones(N12)
dsig = lambda z: sigmoid(z) * (1 - sigmoid(z))


def fwd12(W1=W1_12, b1=b1_12, W2=W2_12, b2=b2_12, X=X12, Z1o=None, Z2o=None, A2o=None):
    Z1 = W1 @ X + np.outer(b1, ONE12) if Z1o is None else Z1o
    A1 = sigmoid(Z1)
    Z2 = W2 @ A1 + np.outer(b2, ONE12) if Z2o is None else Z2o
    A2 = sigmoid(Z2) if A2o is None else A2o
    C = np.sum((A2 - Y12) ** 2) / (2 * N12)
    return C, Z1, A1, Z2, A2


_C12, _Z1_12, _A1_12, _Z2_12, _A2_12 = fwd12()
# Delta's as written in the file
_D2_12 = (_A2_12 - Y12) / N12 * dsig(_Z2_12)
_D1_12_file = (W2_12 @ _D2_12) * dsig(_Z1_12)


def _single12():
    x = RNG.normal(size=2)
    y = RNG.uniform(size=3)
    W1, b1, W2, b2 = RNG.normal(size=(3, 2)), RNG.normal(size=3), RNG.normal(size=(3, 3)), RNG.normal(size=3)

    def C(W1=W1, b1=b1, W2=W2, b2=b2, z1=None, z2=None, a2=None):
        zz1 = W1 @ x + b1 if z1 is None else z1
        a1 = sigmoid(zz1)
        zz2 = W2 @ a1 + b2 if z2 is None else z2
        aa2 = sigmoid(zz2) if a2 is None else a2
        return 0.5 * np.sum((aa2 - y) ** 2)
    z1 = W1 @ x + b1
    a1 = sigmoid(z1)
    z2 = W2 @ a1 + b2
    a2 = sigmoid(z2)
    return dict(x=x, y=y, W1=W1, b1=b1, W2=W2, b2=b2, C=C, z1=z1, a1=a1, z2=z2, a2=a2)


@claim(F, r"（输出层误差）：$\delta^L = \nabla_a C \odot \sigma'(z^L)$")
def _():
    s = _single12()
    d2 = num_grad(lambda t: s["C"](z2=t), s["z2"])
    grad_a = num_grad(lambda t: s["C"](a2=t), s["a2"])
    return close(d2, grad_a * dsig(s["z2"]))


@claim(F, r"（误差向后传）：$\delta^l = \big((W^{l+1})^\top \delta^{l+1}\big) \odot \sigma'(z^l)$")
def _():
    s = _single12()
    d2 = num_grad(lambda t: s["C"](z2=t), s["z2"])
    d1 = num_grad(lambda t: s["C"](z1=t), s["z1"])
    return close(d1, (s["W2"].T @ d2) * dsig(s["z1"]))


@claim(F, r"（偏置）：$\dfrac{\partial C}{\partial b^l_j} = \delta^l_j$")
def _():
    s = _single12()
    d2 = num_grad(lambda t: s["C"](z2=t), s["z2"])
    d1 = num_grad(lambda t: s["C"](z1=t), s["z1"])
    return allof(close(num_grad(lambda t: s["C"](b2=t), s["b2"]), d2),
                 close(num_grad(lambda t: s["C"](b1=t), s["b1"]), d1))


@claim(F, r"（权重）：$\dfrac{\partial C}{\partial w^l_{jk}} = a^{l-1}_k\, \delta^l_j$")
def _():
    s = _single12()
    d2 = num_grad(lambda t: s["C"](z2=t), s["z2"])
    d1 = num_grad(lambda t: s["C"](z1=t), s["z1"])
    gW2 = num_grad(lambda t: s["C"](W2=t), s["W2"])
    gW1 = num_grad(lambda t: s["C"](W1=t), s["W1"])
    e2 = np.array([[s["a1"][k] * d2[j] for k in range(3)] for j in range(3)])
    e1 = np.array([[s["x"][k] * d1[j] for k in range(2)] for j in range(3)])
    return allof(close(gW2, e2), close(gW1, e1))


@claim(F, r"$\sigma'(z) = \sigma(z)\big(1 - \sigma(z)\big)$")
def _():
    z = RNG.normal(size=6) * 2
    return close(num_d(sigmoid, z), sigmoid(z) * (1 - sigmoid(z)))


@claim(F, r"= \dfrac{1}{2N}\,\|A^2 - Y\|_F^2$")
def _():
    s = sum(np.sum((_A2_12[:, n] - Y12[:, n]) ** 2) for n in range(N12)) / (2 * N12)
    return allof(close(s, _C12, 1e-12), close(np.linalg.norm(_A2_12 - Y12, 'fro') ** 2 / (2 * N12), _C12, 1e-12))


@claim(F, r"- BP1 的批量版本：$\nabla_{A^2} C = \frac1N (A^2 - Y)$")
def _():
    g = num_grad(lambda t: fwd12(A2o=t)[0], _A2_12)
    return close(g, (_A2_12 - Y12) / N12)


@claim(F, r"$\Delta^2 = \frac{1}{N}(A^2 - Y) \odot \sigma'(Z^2)$")
def _():
    g = num_grad(lambda t: fwd12(Z2o=t)[0], _Z2_12)
    return close(g, _D2_12)


@claim(F, r"$\Delta^1 = \big(W^2 \Delta^2\big) \odot \sigma'(Z^1)$")
def _():
    g = num_grad(lambda t: fwd12(Z1o=t)[0], _Z1_12)
    return close(g, _D1_12_file)


@claim(F, r"$\dfrac{\partial C}{\partial b^2} = \Delta^2 \mathbf{1}$")
def _():
    g2 = num_grad(lambda t: fwd12(b2=t)[0], b2_12)
    g1 = num_grad(lambda t: fwd12(b1=t)[0], b1_12)
    return allof(close(g2, _D2_12 @ ONE12), close(g1, _D1_12_file @ ONE12))


@claim(F, r"- BP4：$\dfrac{\partial C}{\partial w_{jk}} = \sum_n a_k^{(n)} \delta_j^{(n)}$")
def _():
    gW2 = num_grad(lambda t: fwd12(W2=t)[0], W2_12)
    e = np.array([[sum(_A1_12[k, n] * _D2_12[j, n] for n in range(N12)) for k in range(3)] for j in range(3)])
    return close(gW2, e)


@claim(F, r"$\dfrac{\partial C}{\partial W^2} = \Delta^2 (A^1)^\top$")
def _():
    gW2 = num_grad(lambda t: fwd12(W2=t)[0], W2_12)
    gW1 = num_grad(lambda t: fwd12(W1=t)[0], W1_12)
    return allof(close(gW2, _D2_12 @ _A1_12.T), close(gW1, _D1_12_file @ X12.T))


@claim(F, r"$\sigma'(Z^l) = A^l \odot (1 - A^l)$")
def _():
    return close(num_d(sigmoid, _Z1_12), _A1_12 * (1 - _A1_12))


@claim(F, r"BP1 简化为 $\Delta^2 = \frac{1}{N}(A^2 - Y)$")
def _():
    Yoh = np.eye(3)[:, RNG.integers(0, 3, size=N12)]

    def C(Z2):
        A2 = softmax(Z2, axis=0)
        return -np.sum(Yoh * np.log(A2)) / N12
    g = num_grad(C, _Z2_12)
    return close(g, (softmax(_Z2_12, axis=0) - Yoh) / N12)


# ============================================================================
# 13 SGD with Nesterov momentum by hand (Polish problem set)
# ============================================================================
F = "13_nesterov_lista_zadan.md"


def run13(nesterov, steps=3, th=1.0, eta=0.1, mu=0.9):
    v = 0.0
    rec = []
    for _ in range(steps):
        la = th + mu * v if nesterov else th
        g = num_d(lambda t: 2 * t ** 2, la)
        v = mu * v - eta * g
        th = th + v
        rec.append(dict(la=la, g=g, v=v, th=th, f=2 * th ** 2))
    return rec


NE13 = run13(True)
CL13 = run13(False)


@claim(F, r"Gradient: $\nabla f(\theta) = 4\theta$. Minimum jest w $\theta^\ast = 0$.")
def _():
    t = RNG.normal(size=5)
    grid = np.linspace(-3, 3, 6001)
    return allof(close(num_d(lambda x: 2 * x ** 2, t), 4 * t), abs(grid[np.argmin(2 * grid ** 2)]) < 1e-9)


@claim(F, r"*Krok 1.* $\tilde\theta_0 = 1 + 0{,}9 \cdot 0 = 1$")
def _():
    return allof(close(NE13[0]["la"], 1, 1e-12), close(NE13[0]["g"], 4, 1e-7))


@claim(F, r"$v_1 = 0{,}9\cdot 0 - 0{,}1 \cdot 4 = -0{,}4$")
def _():
    return allof(approx("-0{,}4", NE13[0]["v"]), approx("0{,}6", NE13[0]["th"]))


@claim(F, r"*Krok 2.* $\tilde\theta_1 = 0{,}6 + 0{,}9\cdot(-0{,}4) = 0{,}6 - 0{,}36 = 0{,}24$")
def _():
    return allof(approx("0{,}36", -0.9 * NE13[0]["v"]), approx("0{,}24", NE13[1]["la"]), approx("0{,}96", NE13[1]["g"]))


@claim(F, r"$v_2 = 0{,}9\cdot(-0{,}4) - 0{,}1\cdot 0{,}96 = -0{,}36 - 0{,}096 = -0{,}456$")
def _():
    return allof(approx("0{,}096", 0.1 * NE13[1]["g"]), approx("-0{,}456", NE13[1]["v"]))


@claim(F, r"$\theta_2 = 0{,}6 - 0{,}456 = 0{,}144$")
def _():
    return approx("0{,}144", NE13[1]["th"])


@claim(F, r"*Krok 3.* $\tilde\theta_2 = 0{,}144 + 0{,}9\cdot(-0{,}456)")
def _():
    return allof(approx("0{,}4104", -0.9 * NE13[1]["v"]), approx("-0{,}2564", NE13[2]["la"]))


@claim(F, r"$\nabla f(\tilde\theta_2) = 4\cdot(-0{,}2564) = -1{,}0256$")
def _():
    return allof(approx("-0{,}2564", NE13[2]["la"]), approx("-1{,}0256", NE13[2]["g"]))


@claim(F, r"$v_3 = 0{,}9 \cdot (-0{,}456) - 0{,}1\cdot(-1{,}0256)")
def _():
    return allof(approx("0{,}10256", -0.1 * NE13[2]["g"]), approx("-0{,}30784", NE13[2]["v"]))


@claim(F, r"$\theta_3 = 0{,}144 - 0{,}30784 = -0{,}16384$")
def _():
    return approx("-0{,}16384", NE13[2]["th"])


@claim(F, r"Wartość funkcji: $f(\theta_3) = 2 \cdot 0{,}16384^2 \approx 0{,}0537$")
def _():
    return allof(approx("0{,}16384", abs(NE13[2]["th"])), approx("0{,}0537", NE13[2]["f"]))


@claim(F, r"*Krok 1.* $v_1 = -0{,}1\cdot 4 \cdot 1 = -0{,}4$")
def _():
    return allof(approx("-0{,}4", CL13[0]["v"]), approx("0{,}6", CL13[0]["th"]))


@claim(F, r"*Krok 2.* $v_2 = 0{,}9\cdot(-0{,}4) - 0{,}1 \cdot 4 \cdot 0{,}6")
def _():
    return allof(approx("0{,}24", 0.1 * CL13[1]["g"]), approx("-0{,}6", CL13[1]["v"]), abs(CL13[1]["th"]) < 1e-9)


@claim(F, r"*Krok 3.* $v_3 = 0{,}9 \cdot (-0{,}6) - 0{,}1\cdot 4 \cdot 0 = -0{,}54$")
def _():
    return allof(approx("-0{,}54", CL13[2]["v"]), approx("-0{,}54", CL13[2]["th"]))


@claim(F, r"Wartość funkcji: $f(\theta_3) = 2\cdot 0{,}54^2 = 0{,}5832$")
def _():
    return approx("0{,}5832", CL13[2]["f"], units=1e-4)


@claim(F, r"| 1 | 0,6 | 0,6 |")
def _():
    return allof(approx("0,6", NE13[0]["th"]), approx("0,6", CL13[0]["th"]))


@claim(F, r"| 2 | 0,144 | 0 |")
def _():
    return allof(approx("0,144", NE13[1]["th"]), abs(CL13[1]["th"]) < 1e-9)


@claim(F, r"| 3 | −0,16384 | −0,54 |")
def _():
    return allof(approx("−0,16384", NE13[2]["th"]), approx("−0,54", CL13[2]["th"]))


@claim(F, r"Klasyczny moment trafia w kroku 2 dokładnie w minimum")
def _():
    return allof(abs(CL13[1]["th"]) < 1e-9, approx("-0{,}6", CL13[1]["v"]), approx("-0{,}54", CL13[2]["th"]),
                 approx("0{,}164", abs(NE13[2]["th"])), approx("0{,}0537", NE13[2]["f"]),
                 approx("0{,}5832", CL13[2]["f"], units=1e-4))



F = "11_kl_gaussiane_riparametrizzazione.md"


@claim(F, r"- $g \leftarrow \nabla_z \log p(x \mid z) = x - z$")
def _():
    x, z = 1.3, RNG.normal(size=5)
    return close(num_d(lambda t: logp11(x, t), z), x - z, 1e-7)
# ============================================================================
# 14 label smoothing + focal loss (Japanese exam)
# ============================================================================
F = "14_label_smoothing_focal_shiken.md"
Z14 = np.array([2.0, 1.0, 0.0])
EPS14, K14 = 0.1, 3
Y14 = np.eye(3)[0]
Q14 = (1 - EPS14) * Y14 + EPS14 / K14
P14 = softmax(Z14)


def L14(z, q=Q14):
    return -np.sum(q * np.log(softmax(z)))


@claim(F, r"**(1)** $\log p_k = z_k - \log\sum_l e^{z_l}$")
def _():
    z = RNG.normal(size=4)
    p = softmax(z)
    J = num_jac(lambda t: np.log(softmax(t)), z)
    return allof(close(np.log(p), z - np.log(np.exp(z).sum()), 1e-12), close(J, np.eye(4) - p[None, :]))


@claim(F, r"= -q_j + p_j\sum_k q_k = p_j - q_j .")
def _():
    K, eps = 5, 0.2
    z = RNG.normal(size=K)
    q = (1 - eps) * np.eye(K)[3] + eps / K
    p = softmax(z)
    g = num_grad(lambda t: L14(t, q), z)
    e1 = -(q[:, None] * (np.eye(K) - p[None, :])).sum(0)
    return allof(close(g, e1), close(g, -q + p * q.sum()), close(g, p - q))


@claim(F, r"ここで $\sum_k q_k = (1-\varepsilon) + K\cdot\varepsilon/K = 1$")
def _():
    K, eps = 7, 0.15
    q = (1 - eps) * np.eye(K)[2] + eps / K
    z = RNG.normal(size=K)
    return allof(close(q.sum(), 1.0, 1e-12), close(num_grad(lambda t: L14(t, q), z), softmax(z) - q))


@claim(F, r"**(2)** $q = (0.9 + 0.1/3,\ 0.1/3,\ 0.1/3)")
def _():
    return allof(close(Q14, [0.9 + 0.1 / 3, 0.1 / 3, 0.1 / 3], 1e-12), approx("0.9333", Q14[0]),
                 approx("0.0333", Q14[1]), approx("0.0333", Q14[2]))


@claim(F, r"$e^2 \approx 7.3891$，$e^1 \approx 2.7183$")
def _():
    return allof(approx("7.3891", np.exp(2)), approx("2.7183", np.exp(1)), approx("0.6652", P14[0]),
                 approx("0.2447", P14[1]), approx("0.0900", P14[2]))


@claim(F, r"$L = -(0.9333\log 0.6652 + 0.0333\log 0.2447 + 0.0333\log 0.0900) \approx 0.5076$")
def _():
    return approx("0.5076", L14(Z14))


@claim(F, r"$\nabla_z L = p - q \approx (-0.2681,\ 0.2114,\ 0.0567)$")
def _():
    g = num_grad(L14, Z14)
    return allof(approx("-0.2681", g[0]), approx("0.2114", g[1]), approx("0.0567", g[2]))


@claim(F, r"参考：平滑化なしでは $L = -\log 0.6652 \approx 0.4076$")
def _():
    g0 = num_grad(lambda t: L14(t, Y14), Z14)
    g = num_grad(L14, Z14)
    return allof(approx("0.4076", L14(Z14, Y14)), approx("0.3348", abs(g0[0])), approx("0.2681", abs(g[0])))


def FL(p, gam):
    return -(1 - p) ** gam * np.log(p)


@claim(F, r"$$\frac{d}{dp}(1-p)^{\gamma} = \gamma\,(1-p)^{\gamma-1}$$")
def _():
    p = np.linspace(0.05, 0.95, 10)
    ok = True
    for gam in (0.5, 2.0, 3.0):
        ok &= close(num_d(lambda t: (1 - t) ** gam, p), gam * (1 - p) ** (gam - 1))
    return ok


@claim(F, r"$$\frac{d\,\mathrm{FL}}{dp} = -\gamma\,(1-p)^{\gamma-1}\log p - \frac{(1-p)^{\gamma}}{p}.$$")
def _():
    p = np.linspace(0.05, 0.95, 10)
    gam = 2.0
    return close(num_d(lambda t: FL(t, gam), p), -gam * (1 - p) ** (gam - 1) * np.log(p) - (1 - p) ** gam / p)


@claim(F, r"さらに $dp/dz = p(1-p)$ を掛けて")
def _():
    z = RNG.normal(size=5)
    return close(num_d(sigmoid, z), sigmoid(z) * (1 - sigmoid(z)))


@claim(F, r"= -\gamma\,p\,(1-p)^{\gamma}\log p - (1-p)^{\gamma+1}.$$")
def _():
    z = np.linspace(-3, 3, 9)
    p = sigmoid(z)
    gam = 2.0
    return close(num_d(lambda t: FL(sigmoid(t), gam), z), -gam * p * (1 - p) ** gam * np.log(p) - (1 - p) ** (gam + 1))


@claim(F, r"確認：$\gamma = 0$ とおくと")
def _():
    z = np.linspace(-3, 3, 9)
    p = sigmoid(z)
    d = num_d(lambda t: FL(sigmoid(t), 0.0), z)
    dce = num_d(lambda t: -np.log(sigmoid(t)), z)
    return allof(close(d, -(1 - p)), close(d, p - 1), close(d, dce))


_P14f = sigmoid(1.0)


@claim(F, r"数値：$z = 1$ のとき $p = \sigma(1) \approx 0.7311$")
def _():
    return allof(approx("0.7311", _P14f), approx("0.2689", 1 - _P14f), approx("-0.3133", np.log(_P14f)))


@claim(F, r"$\mathrm{FL} = -(0.2689)^2 \cdot (-0.3133) \approx 0.0227$")
def _():
    return allof(approx("0.0227", FL(_P14f, 2.0)), approx("0.3133", -np.log(_P14f)),
                 abs(FL(_P14f, 2.0) / -np.log(_P14f) - 0.07) < 0.005, lit("約 7%"))


@claim(F, r"$\partial\,\mathrm{FL}/\partial z \approx -2 \cdot 0.7311 \cdot 0.0723")
def _():
    d = num_d(lambda t: FL(sigmoid(t), 2.0), 1.0)
    return allof(approx("0.0723", (1 - _P14f) ** 2), approx("0.0195", (1 - _P14f) ** 3), approx("0.0137", d))


# ============================================================================
# 15 vanilla RNN vanishing gradient (Korean forum)
# ============================================================================
F = "15_rnn_gradient_sosil_forum.md"
NH15 = 3
W15 = RNG.normal(size=(NH15, NH15)) * 0.7
U15 = RNG.normal(size=(NH15, 2))
B15 = RNG.normal(size=NH15) * 0.3
XS15 = [RNG.normal(size=2) for _ in range(6)]
H0_15 = RNG.normal(size=NH15) * 0.5


def step15(h, x, W=W15):
    return np.tanh(W @ h + U15 @ x + B15)


def roll15(h_k, k, T, W=W15):
    h = h_k
    for t in range(k + 1, T + 1):
        h = step15(h, XS15[t - 1], W)
    return h


def hs15():
    hs = [H0_15]
    for t in range(1, 6):
        hs.append(step15(hs[-1], XS15[t - 1]))
    return hs


_HS15 = hs15()


def J_file15(h_t, W=W15):
    return W @ np.diag(1 - h_t ** 2)


@claim(F, r"= \left(\frac{\partial h_T}{\partial h_k}\right)^{\!\top} \frac{\partial L}{\partial h_T}$$")
def _():
    r = RNG.normal(size=NH15)
    k, T = 1, 5
    Lk = lambda h: r @ np.sin(roll15(h, k, T))
    g = num_grad(Lk, _HS15[k])
    J = num_jac(lambda h: roll15(h, k, T), _HS15[k])
    dLdhT = num_grad(lambda h: r @ np.sin(h), _HS15[T])
    return close(g, J.T @ dLdhT)


@claim(F, r"tanh는 원소별 함수라서 $\partial h_{t,i}/\partial a_{t,i} = 1 - h_{t,i}^2$")
def _():
    a = RNG.normal(size=NH15)
    Ja = num_jac(np.tanh, a)
    h = RNG.normal(size=NH15)
    x = XS15[0]
    Jh = num_jac(lambda t: W15 @ t + U15 @ x + B15, h)
    return allof(close(Ja, np.diag(1 - np.tanh(a) ** 2)), close(Jh, W15))


@claim(F, r"$$[J_t]_{ij} = \frac{\partial h_{t,i}}{\partial h_{t-1,j}} = \big(1 - h_{t,j}^2\big)\, W_{ij},$$")
def _():
    t = 3
    J = num_jac(lambda h: step15(h, XS15[t - 1]), _HS15[t - 1])
    ht = _HS15[t]
    E = np.array([[(1 - ht[j] ** 2) * W15[i, j] for j in range(NH15)] for i in range(NH15)])
    return close(J, E)


@claim(F, r"$$J_t = W \,\operatorname{diag}\!\big(1 - h_t^2\big).$$")
def _():
    t = 3
    J = num_jac(lambda h: step15(h, XS15[t - 1]), _HS15[t - 1])
    return close(J, J_file15(_HS15[t]))


@claim(F, r"= J_T\, J_{T-1} \cdots J_{k+1} = \prod_{t=k+1}^{T} J_t")
def _():
    k, T = 1, 5
    J = num_jac(lambda h: roll15(h, k, T), _HS15[k])
    P = np.eye(NH15)
    for t in range(T, k, -1):
        P = P @ J_file15(_HS15[t])
    return close(J, P)


_W15ex = np.array([[0.5, -0.3], [0.2, 0.4]])
_h15ex = np.array([0.6, -0.2])


@claim(F, r"라고 하면 $1 - h_t^2 = (0.64,\ 0.96)$")
def _():
    return close(1 - _h15ex ** 2, [0.64, 0.96], 1e-12)


def _true_J15ex():
    # build a pre-activation that yields h_t = (0.6, -0.2) and differentiate
    a_t = np.arctanh(_h15ex)
    hprev = np.array([0.3, -0.7])
    c = a_t - _W15ex @ hprev
    return num_jac(lambda h: np.tanh(_W15ex @ h + c), hprev)


@claim(F, r"= \begin{pmatrix} 0.32 & -0.288 \\ 0.128 & 0.384 \end{pmatrix},$$")
def _():
    return close(_true_J15ex(), [[0.32, -0.288], [0.128, 0.384]])


@claim(F, r"$\|J_t\|_2 \approx 0.4950$")
def _():
    J = _true_J15ex()
    sW = np.linalg.norm(_W15ex, 2)
    return allof(approx("0.4950", np.linalg.norm(J, 2)), approx("0.5855", sW),
                 approx("2.24", sW ** 20 * 1e5), lit("10^{-5}"))


@claim(F, r"$0.8^{30} \approx 0.00124$")
def _():
    return approx("0.00124", 0.8 ** 30)


# ============================================================================
# 16 log-sum-exp trick and log-softmax gradient (Turkish notebook)
# ============================================================================
F = "16_logsumexp_defter.md"
Z16 = np.array([1000.0, 1001.0, 1002.0])
M16 = Z16.max()
# independent high-precision reference via Python's math.fsum on shifted terms
_S16 = math.fsum(math.exp(z - M16) for z in Z16)
LSE16 = M16 + math.log(_S16)
P16 = np.exp(Z16 - LSE16)


def lse(z):
    z = np.asarray(z, float)
    m = z.max()
    return m + np.log(np.sum(np.exp(z - m)))


@claim(F, r"`float64` için $e^{x}$ yaklaşık $x > 709{,}78$")
def _():
    with np.errstate(over="ignore"):
        return allof(approx("709{,}78", np.log(np.finfo(np.float64).max)), np.isfinite(np.exp(709.7)),
                     not np.isfinite(np.exp(np.float64(709.8))))


@claim(F, r"Herhangi bir sabit $m$ için $e^{z_i} = e^{m}\,e^{z_i - m}$")
def _():
    z = RNG.normal(size=5)
    m = 1.7
    return close(np.exp(z), np.exp(m) * np.exp(z - m), 1e-12)


@claim(F, r"$$\operatorname{LSE}(z) = \log\sum_{i=1}^{n} e^{z_i} = m + \log\sum_{i=1}^{n} e^{z_i - m}.$$")
def _():
    z = RNG.normal(size=6) * 3
    ok = True
    for m in (0.0, 2.5, z.max(), -4.0):
        ok &= close(np.log(np.sum(np.exp(z))), m + np.log(np.sum(np.exp(z - m))), 1e-12)
    return ok


@claim(F, r"ve toplamda en az bir terim $e^0 = 1$ olduğu için")
def _():
    return np.exp(0.0) == 1


@claim(F, r"$$\sum_i e^{z_i - m} = e^{-2} + e^{-1} + e^{0} \approx 0.1353 + 0.3679 + 1 = 1.5032,$$")
def _():
    return allof(close(Z16 - M16, [-2, -1, 0], 1e-12), approx("0.1353", np.exp(-2)), approx("0.3679", np.exp(-1)),
                 approx("1.5032", _S16))


@claim(F, r"\approx 1002 + 0.4076 = 1002.4076.$$")
def _():
    return allof(approx("1.5032", _S16), approx("0.4076", math.log(_S16)), approx("1002.4076", LSE16))


@claim(F, r"ve burada $1002 + \log 3 \approx 1003.0986$")
def _():
    return allof(approx("1003.0986", 1002 + np.log(3)), M16 <= LSE16 <= M16 + np.log(3))


@claim(F, r"1002.4076059644444")
def _():
    return approx("1002.4076059644444", LSE16, units=2)


@claim(F, r"= z_i - \operatorname{LSE}(z).$$")
def _():
    z = RNG.normal(size=5) * 2
    return allof(close(np.log(np.exp(z) / np.exp(z).sum()), z - lse(z), 1e-12))


@claim(F, r"Sayısal olarak: $\log p \approx (1000 - 1002.4076")
def _():
    lp = Z16 - LSE16
    return allof(approx("-2.4076", lp[0]), approx("-1.4076", lp[1]), approx("-0.4076", lp[2]),
                 approx("0.0900", P16[0]), approx("0.2447", P16[1]), approx("0.6652", P16[2]))


@claim(F, r"= \frac{e^{z_j}}{\sum_k e^{z_k}} = p_j .$$")
def _():
    z = RNG.normal(size=5)
    return close(num_grad(lse, z), softmax(z))


@claim(F, r"$$\frac{\partial \log p_i}{\partial z_j} = \delta_{ij} - p_j .$$")
def _():
    z = RNG.normal(size=5)
    return close(num_jac(lambda t: t - lse(t), z), np.eye(5) - softmax(z)[None, :])


@claim(F, r"= -(\delta_{cj} - p_j) = p_j - y_j, \qquad y = e_c,$$")
def _():
    z = RNG.normal(size=5)
    c = 2
    y = np.eye(5)[c]
    g = num_grad(lambda t: -(t[c] - lse(t)), z)
    return allof(close(g, -(y - softmax(z))), close(g, softmax(z) - y))


@claim(F, r"Örneğimizde $c = 3$ için $\ell \approx 0.4076$")
def _():
    g = num_grad(lambda t: -(t[2] - lse(t)), Z16, 1e-5)
    return allof(approx("0.4076", -(Z16[2] - LSE16)), approx("0.0900", g[0]), approx("0.2447", g[1]),
                 approx("-0.3348", g[2]))


@claim(F, r"LSE'nin Hessian'ı $\nabla^2 \operatorname{LSE}(z) = \operatorname{diag}(p) - p p^\top$")
def _():
    z = RNG.normal(size=4)
    p = softmax(z)
    H = num_jac(lambda t: num_grad(lse, t, 1e-5), z, 1e-4)
    Hc = np.diag(p) - np.outer(p, p)
    return allof(close(H, Hc, 1e-5), np.linalg.eigvalsh(Hc).min() > -1e-12)


@claim(F, r"`log(0) = -inf`")
def _():
    with np.errstate(divide="ignore"):
        return np.log(0.0) == -np.inf

# ============================================================================
# driver
# ============================================================================
def evaluate(fname):
    path = os.path.join(HERE, fname)
    with open(path, encoding="utf-8") as fh:
        lines = fh.read().split("\n")
    results = []
    problems = []
    for sub, fn in CLAIMS.get(fname, []):
        hits = [i + 1 for i, ln in enumerate(lines) if sub in ln]
        if len(hits) != 1:
            problems.append("substring on %d lines: %r" % (len(hits), sub))
            continue
        line_no = hits[0]
        del _SHOWN[:]
        try:
            ok = bool(fn())
        except Exception as exc:  # a claim that cannot even be evaluated is false
            ok = False
            problems.append("line %d raised %s: %s" % (line_no, type(exc).__name__, exc))
        for s in _SHOWN:
            if s not in lines[line_no - 1]:
                problems.append("line %d: quoted value %r not on the line" % (line_no, s))
        results.append((line_no, ok, sub))
    results.sort()
    first_bad = next((ln for ln, ok, _ in results if not ok), None)
    return first_bad, results, problems


def main():
    with open(os.path.join(HERE, "expected.json"), encoding="utf-8") as fh:
        expected = json.load(fh)
    md_files = sorted(f for f in os.listdir(HERE) if f.endswith(".md"))
    all_ok = True
    if sorted(expected) != md_files:
        print("expected.json keys do not match the Markdown files")
        all_ok = False
    if sorted(CLAIMS) != md_files:
        print("claim registry does not match the Markdown files")
        all_ok = False
    verbose = "-v" in sys.argv
    for fname in md_files:
        first_bad, results, problems = evaluate(fname)
        exp = expected.get(fname, "missing")
        agree = (first_bad == exp) and not problems
        all_ok &= agree
        n_fail = sum(1 for _, ok, _ in results if not ok)
        print("%-44s claims=%3d failing=%2d first_wrong=%-4s expected=%-4s %s"
              % (fname, len(results), n_fail, first_bad, exp, "OK" if agree else "MISMATCH"))
        for p in problems:
            print("    !! " + p)
        if verbose:
            for ln, ok, sub in results:
                print("      %4d %s  %s" % (ln, "pass" if ok else "FAIL", sub[:70]))
    print("ALL FILES AGREE" if all_ok else "SOME FILES DISAGREE")
    return 0 if all_ok else 1


if __name__ == "__main__":
    sys.exit(main())
