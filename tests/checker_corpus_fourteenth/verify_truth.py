#!/usr/bin/env python3
"""Independent NumPy truth checks for the 'fourteenth' corpus.

For every Markdown file the script
  * recomputes the mathematical claims (finite differences for gradients,
    direct evaluation for worked numbers, brute-force enumeration for sizes),
  * ties each check to the text by locating the line that states the claim,
  * for correct files: asserts every checked claim is true,
  * for files with a planted error: asserts the claims before the error line are
    true, that the claim on the error line (expected.json) is false, and, where
    useful, that later lines consistently carry the error.
Run:  python verify_truth.py
"""
import json
import math
import os
import sys

import numpy as np

D = os.path.dirname(os.path.abspath(__file__))
EXPECTED = json.load(open(os.path.join(D, "expected.json"), encoding="utf-8"))
rng = np.random.default_rng(1234)
_cache = {}
N_CHECKS = [0]


def lines(f):
    if f not in _cache:
        _cache[f] = open(os.path.join(D, f), encoding="utf-8").read().split("\n")
    return _cache[f]


def find(f, sub):
    hits = [i + 1 for i, l in enumerate(lines(f)) if sub in l]
    assert len(hits) == 1, f"{f}: substring {sub!r} found on lines {hits}"
    return hits[0]


def err(f):
    return EXPECTED[f]


def pre(f, *subs):
    """Claims that must be located strictly before the error line (or anywhere in a correct file)."""
    for s in subs:
        n = find(f, s)
        e = err(f)
        assert e is None or n < e, f"{f}: claim {s!r} on line {n} is not before error line {e}"
        N_CHECKS[0] += 1


def at_err(f, *subs):
    e = err(f)
    assert e is not None, f"{f} has no error line"
    for s in subs:
        assert s in lines(f)[e - 1], f"{f}: {s!r} not on error line {e}: {lines(f)[e - 1]}"


def post(f, *subs):
    e = err(f)
    for s in subs:
        n = find(f, s)
        assert n > e, f"{f}: {s!r} on line {n} not after error line {e}"


def ok(cond, msg):
    assert cond, msg
    N_CHECKS[0] += 1


def close(a, b, tol=1e-6):
    return np.allclose(np.asarray(a, float), np.asarray(b, float), atol=tol, rtol=tol)


def fmt(x, d, comma=False):
    s = f"{x:.{d}f}"
    if s.startswith("-0") and float(s) == 0:
        s = s[1:]
    return s.replace(".", "{,}") if comma else s


def fd_grad(f, x, h=1e-6):
    x = np.array(x, float)
    g = np.zeros_like(x)
    it = np.nditer(x, flags=["multi_index"])
    for _ in it:
        i = it.multi_index
        xp = x.copy(); xp[i] += h
        xm = x.copy(); xm[i] -= h
        g[i] = (f(xp) - f(xm)) / (2 * h)
    return g


def fd_jac(f, x, h=1e-6):
    x = np.array(x, float)
    cols = []
    for i in range(x.size):
        e = np.zeros_like(x); e.flat[i] = h
        cols.append((np.asarray(f(x + e)) - np.asarray(f(x - e))).ravel() / (2 * h))
    return np.stack(cols, axis=1)


sig = lambda u: 1.0 / (1.0 + np.exp(-u))
softmax = lambda z: np.exp(z - np.max(z)) / np.exp(z - np.max(z)).sum()
Phi = lambda x: 0.5 * (1 + math.erf(x / math.sqrt(2)))
phi = lambda x: math.exp(-x * x / 2) / math.sqrt(2 * math.pi)

CHECKS = {}


def check(name):
    def deco(fn):
        CHECKS[name] = fn
        return fn
    return deco


# ---------------------------------------------------------------- 01
@check("01_affine_layer_backward.md")
def c01(f):
    N, Din, M = 4, 3, 5
    X = rng.normal(size=(N, Din)); W = rng.normal(size=(Din, M)); b = rng.normal(size=M)
    G = rng.normal(size=(N, M))
    Lf = lambda X, W, b: np.sum(G * (X @ W + b))
    pre(f, r"\frac{\partial L}{\partial W} = X^\top G \in \mathbb{R}^{D \times M}",
        r"\frac{\partial L}{\partial X} = G W^\top \in \mathbb{R}^{N \times D}",
        r"\frac{\partial L}{\partial b} = G^\top \mathbf{1}_N \in \mathbb{R}^{M}")
    ok(close(fd_grad(lambda w: Lf(X, w, b), W), X.T @ G), "dW")
    ok(close(fd_grad(lambda x: Lf(x, W, b), X), G @ W.T), "dX")
    ok(close(fd_grad(lambda bb: Lf(X, W, bb), b), G.T @ np.ones(N)), "db")
    pre(f, r"\( (128 \times 32)(32 \times 10) \to 128 \times 10 \)", r"\( (32 \times 10)(10 \times 128) \to 32 \times 128 \)")
    ok((np.zeros((32, 128)).T @ np.zeros((32, 10))).shape == (128, 10), "shape XtG")
    ok((np.zeros((32, 10)) @ np.zeros((128, 10)).T).shape == (32, 128), "shape GWt")


# ---------------------------------------------------------------- 02
@check("02_softmax_jacobian.md")
def c02(f):
    z = rng.normal(size=4)
    s = softmax(z)
    J = fd_jac(softmax, z)
    Zs = np.exp(z).sum()
    ok(close(fd_grad(lambda v: np.exp(v).sum(), z), np.exp(z)), "dZ/dz")
    pre(f, r"\partial Z / \partial z_j = e^{z_j}")
    at_err(f, r"Z + e^{z_i} e^{z_j}")
    claimed = (np.diag(np.exp(z)) * Zs + np.outer(np.exp(z), np.exp(z))) / Zs**2
    truth = (np.diag(np.exp(z)) * Zs - np.outer(np.exp(z), np.exp(z))) / Zs**2
    ok(close(J, truth) and not close(J, claimed), "quotient rule line is wrong")
    post(f, r"\mathbf{J} = \operatorname{diag}(\mathbf{s}) + \mathbf{s}\mathbf{s}^\top")
    ok(close(claimed, np.diag(s) + np.outer(s, s)), "A.3 carries the error")
    ok(close(J.T @ np.ones(4), 0) and close((np.diag(s) + np.outer(s, s)).T @ np.ones(4), 2 * s), "J^T 1")


# ---------------------------------------------------------------- 03
@check("03_softmax_cross_entropy.md")
def c03(f):
    z = rng.normal(size=3); y = np.array([0, 1.0, 0])
    Lf = lambda v: -np.sum(y * np.log(softmax(v)))
    pre(f, r"= p_i - y_i \]")
    ok(close(fd_grad(Lf, z), softmax(z) - y), "p - y")
    e = err(f); line = lines(f)[e - 1]
    ok(fmt(math.exp(2), 4, True) in line and fmt(math.exp(1), 4, True) in line, "e^2, e^1")
    at_err(f, r"e^{0{,}1} = 1{,}1105")
    ok(fmt(math.exp(0.1), 4, True) == "1{,}1052", "true e^0.1 is 1.1052, not 1.1105")
    # later lines consistently use 1.1105
    ev = np.array([7.3891, 2.7183, 1.1105]); S = ev.sum(); p = ev / S
    post(f, r"= 11{,}2179", r"p = (0{,}6587;\ 0{,}2423;\ 0{,}0990)", r"-\ln 0{,}6587 = 0{,}4175")
    ok(fmt(S, 4, True) == "11{,}2179" and [fmt(v, 4, True) for v in p] == ["0{,}6587", "0{,}2423", "0{,}0990"], "carry")
    ok(fmt(-math.log(0.6587), 4, True) == "0{,}4175", "carry loss")
    true_p = softmax(np.array([2, 1, 0.1]))
    ok(fmt(true_p[0], 4) == "0.6590", "true p0 differs")


# ---------------------------------------------------------------- 04
@check("04_label_smoothing.md")
def c04(f):
    K, eps, c = 5, 0.1, 2
    q = (1 - eps) * (np.arange(K) == c) + eps / K
    ok(close(q.sum(), 1), "sum q")
    z = rng.normal(size=K)
    Lf = lambda v: -np.sum(q * np.log(softmax(v)))
    g = fd_grad(Lf, z); p = softmax(z)
    pre(f, r"&= p_j - q_j,", r"p_c - \left(1 - \varepsilon + \dfrac{\varepsilon}{K}\right)", r"p_j - \dfrac{\varepsilon}{K}")
    ok(close(g, p - q), "grad p - q")
    ok(close(g[c], p[c] - (1 - eps + eps / K)) and close(np.delete(g, c), np.delete(p, c) - eps / K), "B.2")
    ok(close(fd_grad(lambda v: np.log(softmax(v))[1], z), (np.arange(K) == 1) - p), "dlogp")
    # B.3: logits with this gap give p = q and zero gradient
    gap = math.log(1 + K * (1 - eps) / eps)
    ok(close(gap, math.log((1 - eps + eps / K) / (eps / K))), "B.3 algebra")
    zz = np.zeros(K); zz[c] = gap
    ok(close(fd_grad(Lf, zz), 0, 1e-6), "zero gradient at gap")
    pre(f, r"$z_c - z_j = \log 91 \approx 4.5109$")
    ok(close(math.log(1 + 10 * 0.9 / 0.1), math.log(91)) and fmt(math.log(91), 4) == "4.5109", "log 91")


# ---------------------------------------------------------------- 05
@check("05_focal_loss.md")
def c05(f):
    def FL(z, g):
        p = sig(z); return -(1 - p) ** g * np.log(p)
    for g in (0.0, 1.0, 2.0, 3.5):
        for z in (-1.3, 0.2, 1.0, 2.7):
            p = sig(z)
            dp = g * (1 - p) ** (g - 1) * np.log(p) - (1 - p) ** g / p if g > 0 else -1 / p
            ok(close(fd_grad(lambda v: -(1 - v[0]) ** g * np.log(v[0]), [p])[0], dp), "dFL/dp")
            d = fd_grad(lambda v: FL(v[0], g), [z])[0]
            ok(close(d, g * p * (1 - p) ** g * np.log(p) - (1 - p) ** (g + 1)), "step 3")
            ok(close(d, (1 - p) ** g * (g * p * np.log(p) - (1 - p))), "step 4")
    pre(f, r"\gamma (1 - p)^{\gamma - 1} \log p - \frac{(1 - p)^{\gamma}}{p} \]",
        r"= \gamma\, p\, (1 - p)^{\gamma} \log p - (1 - p)^{\gamma + 1} \]")
    p = sig(1.0)
    pre(f, r"0.73106 \), \( 1 - p = 0.26894 \), \( (1 - p)^2 = 0.07233")
    ok([fmt(p, 5), fmt(1 - p, 5), fmt((1 - p) ** 2, 5)] == ["0.73106", "0.26894", "0.07233"], "p values")
    pre(f, r"2 \cdot 0.73106 \cdot (-0.31326) \approx -0.4580", r"0.07233 \cdot (-0.4580 - 0.26894) = -0.05258")
    ok(fmt(math.log(p), 5) == "-0.31326" and fmt(2 * p * math.log(p), 4) == "-0.4580" and fmt(2 * 0.73106 * -0.31326, 4) == "-0.4580", "gamma p log p")
    ok(fmt(fd_grad(lambda v: FL(v[0], 2.0), [1.0])[0], 5) == "-0.05258", "focal grad value")
    ok(fmt(0.07233 * (-0.4580 - 0.26894), 5) == "-0.05258", "displayed arithmetic")


# ---------------------------------------------------------------- 06
@check("06_bce_with_logits.md")
def c06(f):
    sp = lambda u: np.log1p(np.exp(u))
    ell = lambda z, y: -(y * np.log(sig(z)) + (1 - y) * np.log(1 - sig(z)))
    for z in (-2.0, -0.3, 0.5, 1.7):
        ok(close(np.log(sig(z)), -sp(-z)) and close(np.log(1 - sig(z)), -sp(z)), "Lemma B.1")
        for y in (0.0, 1.0):
            ok(close(ell(z, y), y * sp(-z) + (1 - y) * sp(z)), "B.2a")
            ok(close(ell(z, y), max(z, 0) - z * y + np.log1p(np.exp(-abs(z)))), "B.2b")
        ok(close(fd_grad(lambda v: sp(v[0]), [z])[0], sig(z)), "sp'")
        true_d = fd_grad(lambda v: sp(-v[0]), [z])[0]
        ok(close(true_d, -sig(-z)) and not close(true_d, sig(-z)), "d sp(-z)/dz = -sigma(-z)")
    pre(f, r"\operatorname{sp}(z) &= \sigma(z), \\", r"\max(z, 0) - z y + \log\!\left(1 + e^{-|z|}\right)")
    at_err(f, r"\operatorname{sp}(-z) &= \sigma(-z)")
    post(f, r"&= y + \sigma(z) - 2 y\, \sigma(z). \tag{B.3}", r"2 \cdot 0{,}6225 = 0{,}3775")
    true_grad = fd_grad(lambda v: ell(v[0], 1.0), [0.5])[0]
    ok(fmt(sig(0.5), 4, True) == "0{,}6225", "sigma(0.5)")
    ok(fmt(1 + sig(0.5) - 2 * sig(0.5), 4, True) == "0{,}3775" and fmt(true_grad, 4) == "-0.3775", "carried value has wrong sign")


# ---------------------------------------------------------------- 07
@check("07_multiclass_svm_hinge.md")
def c07(f):
    def Lsvm(s, y, delta=1.0):
        return sum(max(0.0, s[j] - s[y] + delta) for j in range(len(s)) if j != y)
    s0 = np.array([0.3, 1.9, -0.8, 1.1]); y = 0
    g = fd_grad(lambda v: Lsvm(v, y), s0)
    ind = np.array([float(s0[j] - s0[y] + 1 > 0) if j != y else 0 for j in range(4)])
    ok(close(g, ind - (np.arange(4) == y) * ind.sum()), "score gradient")
    pre(f, r"\frac{\partial L}{\partial s_y} = -\sum_{j \neq y}")
    s = np.array([2.0, 1.5, 2.4, -0.3])
    pre(f, r"1.5 - 2.0 + 1 = 0.5 > 0", r"2.4 - 2.0 + 1 = 1.4 > 0")
    ok(close(s[1] - s[0] + 1, 0.5) and close(s[2] - s[0] + 1, 1.4), "margins 2,3")
    at_err(f, r"-0.3 - 2.0 + 1 = 1.3 > 0")
    ok(close(s[3] - s[0] + 1, -1.3), "margin 4 is -1.3, not 1.3")
    ok(close(Lsvm(s, 0), 1.9), "true loss 1.9")
    post(f, r"L = 0.5 + 1.4 + 1.3 = 3.2", r"(-3,\ 1,\ 1,\ 1)", r"-3 & 6 \\ 1 & -2 \\ 1 & -2 \\ 1 & -2")
    x = np.array([1.0, -2.0])
    ok(close(np.outer([-3, 1, 1, 1], x), [[-3, 6], [1, -2], [1, -2], [1, -2]]), "carried dW")
    ok(close(fd_grad(lambda v: Lsvm(v, 0), s), [-2, 1, 1, 0]), "true score gradient differs")


# ---------------------------------------------------------------- 08
@check("08_huber_loss.md")
def c08(f):
    def H(r, d):
        return 0.5 * r * r if abs(r) <= d else d * (abs(r) - 0.5 * d)
    for d in (0.5, 1.0, 2.0):
        for r in (-3.1, -0.7, 0.2, 0.45, 1.3, 4.0):
            ok(close(fd_grad(lambda v: H(v[0], d), [r])[0], np.clip(r, -d, d)), "C.2")
        ok(close(H(d, d), 0.5 * d * d) and close(d * (d - 0.5 * d), 0.5 * d * d), "continuity")
        ok(close(fd_grad(lambda v: H(v[0], d), [d + 1e-4])[0], d, 1e-3), "C1 at delta")
    pre(f, r"\operatorname{clip}(r, -\delta, \delta). \tag{C.2}")
    r = np.array([0.4, -2.5, 1.0])
    vals = [H(v, 1.0) for v in r]
    ok(close(vals, [0.08, 2.0, 0.5]), "H values")
    ok(close(np.mean(vals), 0.86), "mean")
    g = fd_grad(lambda v: np.mean([H(t, 1.0) for t in v]), r)
    # r3 = 1.0 sits on the branch boundary where H is C^1 with derivative 1
    ok(close(g, np.clip(r, -1, 1) / 3, 1e-5), "C.3")
    ok([fmt(v, 4, True) for v in np.clip(r, -1, 1) / 3] == ["0{,}1333", "-0{,}3333", "0{,}3333"], "grad values")
    pre(f, r"(0{,}08;\ 2{,}0;\ 0{,}5)", r"= 0{,}86", r"(0{,}1333;\ -0{,}3333;\ 0{,}3333)")


# ---------------------------------------------------------------- 09
@check("09_gelu_derivative.md")
def c09(f):
    gelu = lambda x: x * Phi(x)
    for x in (-2.0, -0.4, 0.5, 1.0, 2.2):
        ok(close(fd_grad(lambda v: gelu(v[0]), [x])[0], Phi(x) + x * phi(x)), "GELU'")
    pre(f, r"\mathrm{GELU}'(x) = \Phi(x) + x\,\varphi(x) \]", r"0.8413 + 0.2420 = 1.0833")
    ok(fmt(Phi(1), 4) == "0.8413" and fmt(phi(1), 4) == "0.2420" and fmt(Phi(1) + phi(1), 4) == "1.0833", "x=1")
    at_err(f, r"\varphi'(x) = x\,\varphi(x)")
    d = fd_grad(lambda v: phi(v[0]), [1.3])[0]
    ok(close(d, -1.3 * phi(1.3)) and not close(d, 1.3 * phi(1.3)), "phi' = -x phi")
    post(f, r"= (2 + x^2)\,\varphi(x) \]", r"6 \cdot 0.05399 = 0.3239")
    g2 = fd_grad(lambda v: Phi(v[0]) + v[0] * phi(v[0]), [2.0])[0]
    ok(close(g2, (2 - 4) * phi(2)) and fmt(phi(2), 5) == "0.05399" and fmt(6 * 0.05399, 4) == "0.3239", "carry")


# ---------------------------------------------------------------- 10
@check("10_swish_silu.md")
def c10(f):
    for beta in (0.5, 1.0, 1.7):
        fb = lambda x: x * sig(beta * x)
        for x in (-2.5, -0.3, 0.0, 1.0, 3.0):
            d = fd_grad(lambda v: fb(v[0]), [x])[0]
            s = sig(beta * x)
            ok(close(d, s + beta * x * s * (1 - s)), "C.2 first")
            ok(close(d, beta * fb(x) + s * (1 - beta * fb(x))), "C.2 second")
            ok(close(fd_grad(lambda v: sig(beta * v[0]), [x])[0], beta * s * (1 - s)), "dsigma")
    pre(f, r"f_1'(0) = \tfrac{1}{2}", r"\sigma(1)\,(2 - \sigma(1)) \approx 0.9277", r"\sigma(1) \approx 0.7311")
    ok(close(sig(0.0), 0.5) and fmt(sig(1) * (2 - sig(1)), 4) == "0.9277" and fmt(sig(1), 4) == "0.7311", "values")
    xs = np.linspace(-6, 6, 1200001)
    fs = xs * sig(xs)
    xm = xs[np.argmin(fs)]
    pre(f, r"x^\ast \approx -1.2785", r"= x^\ast + 1 \approx -0.2785")
    ok(fmt(xm, 4) == "-1.2785" and fmt(fs.min(), 4) == "-0.2785", "SiLU min")
    ok(close(xm * sig(xm), xm + 1, 1e-4), "identity at min")
    d = np.gradient(fs, xs)
    ok(np.sum(np.diff(np.sign(d)) != 0) == 1, "unique critical point")


# ---------------------------------------------------------------- 11
@check("11_elu_leakyrelu.md")
def c11(f):
    a = 0.3
    lrelu = lambda x: x if x > 0 else a * x
    elu = lambda x: x if x > 0 else a * (math.exp(x) - 1)
    for x in (-2.0, -0.5, 0.7, 2.0):
        ok(close(fd_grad(lambda v: lrelu(v[0]), [x])[0], 1 if x > 0 else a), "lrelu'")
        ok(close(fd_grad(lambda v: elu(v[0]), [x])[0], 1 if x > 0 else a * math.exp(x)), "elu'")
        if x < 0:
            ok(close(a * math.exp(x), elu(x) + a), "identity")
    pre(f, r"\( g'(-0.5) = e^{-0.5} = 0.6065 = -0.3935 + 1 \)")
    ok(fmt(math.exp(-0.5) - 1, 4) == "-0.3935" and fmt(math.exp(-0.5), 4) == "0.6065", "ELU numbers")
    x = np.array([1.5, -0.2, -3.0]); dl = np.array([0.3, -1.2, 0.5])
    g = dl * np.where(x > 0, 1, 0.01)
    ok(close(g, [0.3, -0.012, 0.005]), "lrelu backward")
    pre(f, r"= (0.3,\ -0.012,\ 0.005) \]")


# ---------------------------------------------------------------- 12
@check("12_tanh_sigmoid_identities.md")
def c12(f):
    xs = np.linspace(-3, 3, 13)
    ok(close(np.tanh(xs), 2 * sig(2 * xs) - 1), "D.1")
    ok(close((1 - np.exp(-2 * xs)) / (1 + np.exp(-2 * xs)), np.tanh(xs)), "proof line")
    t = np.tanh(xs)
    ok(close(sig(2 * xs), (1 + t) / 2) and close(1 - sig(2 * xs), (1 - t) / 2), "D.2")
    pre(f, r"\tanh x = 2\sigma(2x) - 1. \tag{D.1}", r"\sigma(2x) = \frac{1 + t}{2}")
    at_err(f, r"&= 2\,\sigma'(2x)")
    x = 0.7
    d = fd_grad(lambda v: np.tanh(v[0]), [x])[0]
    sp = sig(2 * x) * (1 - sig(2 * x))
    ok(close(d, 4 * sp) and not close(d, 2 * sp), "tanh' = 4 sigma'(2x)")
    post(f, r"= \frac{1 - t^2}{2}. \tag{D.3}", r"$\tanh'(0) = \tfrac{1}{2}$")
    ok(close(2 * sp, (1 - np.tanh(x) ** 2) / 2), "D.3 carries the factor")


# ---------------------------------------------------------------- 13
@check("13_batchnorm_backward.md")
def c13(f):
    N, eps = 6, 1e-3
    x = rng.normal(size=N) * 2 + 1; gam, bet = 1.7, -0.4; g = rng.normal(size=N)

    def stats(x):
        mu = x.mean(); v = ((x - mu) ** 2).mean(); s = math.sqrt(v + eps); return mu, v, s

    def xhat(x):
        mu, v, s = stats(x); return (x - mu) / s
    Lf = lambda x: np.sum(g * (gam * xhat(x) + bet))
    mu, v, s = stats(x); xh = xhat(x)
    ok(close(fd_grad(lambda t: stats(t)[0], x), np.ones(N) / N), "dmu")
    ok(close(fd_grad(lambda t: stats(t)[1], x), 2 / N * (x - mu)), "dv")
    ok(close(fd_grad(lambda t: stats(t)[2], x), xh / N), "ds")
    J = fd_jac(xhat, x)  # J[j, i] = d xhat_j / d x_i
    ok(close(J, (np.eye(N) - 1 / N - np.outer(xh, xh) / N) / s), "Jacobian")
    dx = fd_grad(Lf, x)
    ok(close(dx, gam / s * (g - g.mean() - xh / N * np.sum(g * xh))), "step 4")
    ok(close(dx, gam / (N * s) * (N * g - g.sum() - xh * np.sum(g * xh))), "boxed")
    ok(close(dx.sum(), 0), "sum zero")
    ok(close(fd_grad(lambda p: np.sum(g * (p[0] * xh + p[1])), [gam, bet]), [np.sum(g * xh), g.sum()]), "dgamma dbeta")
    pre(f, r"\dfrac{\partial v}{\partial x_i} = \dfrac{2}{N}(x_i - \mu)", r"= \dfrac{\hat{x}_i}{N} \)",
        r"\frac{1}{s}\left( \delta_{ij} - \frac{1}{N} - \frac{\hat{x}_i \hat{x}_j}{N} \right)",
        r"N g_i - \sum_{j} g_j - \hat{x}_i \sum_{j} g_j \hat{x}_j")


# ---------------------------------------------------------------- 14
@check("14_layernorm_backward.md")
def c14(f):
    Dd, eps = 5, 1e-3
    x = rng.normal(size=Dd); gam = rng.normal(size=Dd); bet = rng.normal(size=Dd); g = rng.normal(size=Dd)

    def parts(x):
        mu = x.mean(); v = ((x - mu) ** 2).mean(); s = math.sqrt(v + eps); return mu, v, s, (x - mu) / s
    mu, v, s, xh = parts(x); gh = gam * g
    ok(close(fd_grad(lambda t: parts(t)[0], x), np.ones(Dd) / Dd), "E.2")
    pre(f, r"\frac{\partial \mu}{\partial x_k} &= \frac{1}{D}, \tag{E.2}")
    at_err(f, r"&= 2\,(x_k - \mu)")
    dv = fd_grad(lambda t: parts(t)[1], x)
    ok(close(dv, 2 / Dd * (x - mu)) and not close(dv, 2 * (x - mu)), "E.3 is missing 1/D")
    dx = fd_grad(lambda t: np.sum(g * (gam * parts(t)[3] + bet)), x)
    claimed = (gh - gh.sum() / Dd - np.dot(xh, gh) * xh) / s
    ok(close(dx, (gh - gh.sum() / Dd - np.dot(xh, gh) * xh / Dd) / s) and not close(dx, claimed), "E.5 carries error")
    post(f, r"- (\hat{\mathbf{x}}^\top \hat{\mathbf{g}})\,\hat{\mathbf{x}} \right). \tag{E.5}")
    ok(close(claimed.sum(), 0) and close(dx.sum(), 0), "1^T dx = 0 holds for both")


# ---------------------------------------------------------------- 15
@check("15_dropout_expectation.md")
def c15(f):
    q, x = 0.8, 3.0
    ys = np.array([0.0, x / q]); pr = np.array([1 - q, q])
    Ey = np.sum(pr * ys); Vy = np.sum(pr * ys ** 2) - Ey ** 2
    ok(close(Ey, x), "E[y] = x")
    pre(f, r"= \frac{x_i}{q}\, q = x_i \]", r"(0{,}625;\ 0;\ 2{,}5)")
    ok(close(np.array([0.5, -1.0, 2.0]) * np.array([1, 0, 1]) / q, [0.625, 0, 2.5]), "backward numbers")
    ok(close(fd_grad(lambda v: np.sum(np.array([0.5, -1.0, 2.0]) * np.array([1, 0, 1]) * v / q), [1.0, 2.0, 3.0]),
             [0.625, 0, 2.5]), "backward FD")
    ok(close(q * (1 - q), 0.16) and close(Vy, x ** 2 / q ** 2 * q * (1 - q)), "first equality of Var line")
    at_err(f, r"= \frac{x_i^2 (1 - q)}{q^2} \]")
    ok(close(Vy, x ** 2 * (1 - q) / q) and not close(Vy, x ** 2 * (1 - q) / q ** 2), "Var exponent")
    post(f, r"= 2{,}8125", r"\approx 1{,}6771")
    ok(close(9 * 0.2 / 0.64, 2.8125) and fmt(math.sqrt(2.8125), 4) == "1.6771" and close(Vy, 2.25), "carry")


# ---------------------------------------------------------------- 16
@check("16_weight_init_variance.md")
def c16(f):
    nin, nout, sw, sx, T = 64, 32, 0.3, 1.5, 4000
    W = rng.normal(0, sw, size=(T, nin)); X = rng.normal(0, sx, size=(T, nin))
    y = np.sum(W * X, axis=1)
    ok(abs(y.var() / (nin * sw ** 2 * sx ** 2) - 1) < 0.08, "B.1 Monte Carlo")
    Wb = rng.normal(0, sw, size=(T, nout)); G = rng.normal(0, 0.7, size=(T, nout))
    ok(abs(np.sum(Wb * G, axis=1).var() / (nout * sw ** 2 * 0.49) - 1) < 0.08, "B.2 Monte Carlo")
    ok(close(2 / (1 / (1 / nin) + 1 / (1 / nout)), 2 / (nin + nout)), "harmonic mean")
    a = 0.37; u = rng.uniform(-a, a, size=400000)
    ok(abs(u.var() / (a * a / 3) - 1) < 0.01, "uniform variance")
    h = rng.normal(0, 2.0, size=400000)
    ok(abs(np.mean(np.maximum(h, 0) ** 2) / (0.5 * 4.0) - 1) < 0.02, "ReLU second moment")
    pre(f, r"\sigma_w^2 = 2/384 \approx 0.005208", r"a = \sqrt{6/384} = 0.125", r"\sigma_w = \sqrt{2/256} \approx 0.08839")
    ok(fmt(2 / 384, 6) == "0.005208" and close(math.sqrt(6 / 384), 0.125) and fmt(math.sqrt(2 / 256), 5) == "0.08839", "numbers")


# ---------------------------------------------------------------- 17
def conv_out_brute(H, K, S, P, Dl):
    extent = Dl * (K - 1) + 1
    return len([s for s in range(0, H + 2 * P, S) if s + extent <= H + 2 * P])


@check("17_conv_output_size.md")
def c17(f):
    for H in range(5, 40):
        for K in (1, 2, 3, 5):
            for S in (1, 2, 3):
                for P in (0, 1, 2):
                    if H + 2 * P >= K:
                        ok(conv_out_brute(H, K, S, P, 1) == (H + 2 * P - K) // S + 1, "no-dilation formula")
    pre(f, r"\lfloor 111.5 \rfloor + 1 = 112")
    ok(conv_out_brute(224, 7, 2, 3, 1) == 112, "stem")
    at_err(f, r"K_{\text{eff}} = D\,(K - 1)")
    taps = [k * 2 for k in range(3)]
    ok(max(taps) - min(taps) + 1 == 5 != 2 * (3 - 1), "effective extent is D(K-1)+1")
    post(f, r"= 33 \)", r"= 31 \)")
    ok((32 + 4 - 4) // 1 + 1 == 33 and conv_out_brute(32, 3, 1, 2, 2) == 32, "carry ex1")
    ok((64 + 2 - 6) // 2 + 1 == 31 and conv_out_brute(64, 3, 2, 1, 3) == 30, "carry ex2")


# ---------------------------------------------------------------- 18
def tconv_len(Hin, K, S, P, Dl, A):
    touched = [i * S + k * Dl for i in range(Hin) for k in range(K)]
    unc = max(touched) + 1
    return unc - 2 * P + A


@check("18_transposed_conv_size.md")
def c18(f):
    for Hin in range(1, 12):
        for K in (1, 2, 3, 4):
            for S in (1, 2, 3):
                for P in (0, 1):
                    for Dl in (1, 2):
                        for A in range(S):
                            Ho = tconv_len(Hin, K, S, P, Dl, A)
                            ok(Ho == (Hin - 1) * S - 2 * P + Dl * (K - 1) + A + 1, "F.1")
                            H0 = Ho - A
                            if H0 > 0 and H0 + 2 * P >= Dl * (K - 1) + 1:
                                for j in range(S):
                                    ok(conv_out_brute(H0 + j, K, S, P, Dl) == Hin, "Remark F.2")
    # adjointness check of the scatter for one case: <conv(u), v> = <u, tconv(v)>
    Hin, K, S, P, Dl = 7, 3, 2, 1, 1
    Ho = (Hin - 1) * S - 2 * P + Dl * (K - 1) + 1
    w = rng.normal(size=K); v = rng.normal(size=Hin); u = rng.normal(size=Ho)
    t = np.zeros(Ho + 2 * P)
    for i in range(Hin):
        for k in range(K):
            t[i * S + k * Dl] += w[k] * v[i]
    t = t[P:P + Ho]
    up = np.pad(u, P)
    c = np.array([sum(w[k] * up[i * S + k * Dl] for k in range(K)) for i in range(Hin)])
    ok(close(np.dot(c, v), np.dot(u, t)), "adjoint")
    pre(f, r"15 \cdot 2 - 2 + 3 + 0 + 1 = 32", r"6 \cdot 2 - 2 + 2 + 1 + 1 = 14", r"9 - 4 + 4 + 0 + 1 = 10")
    ok(tconv_len(16, 4, 2, 1, 1, 0) == 32 and tconv_len(7, 3, 2, 1, 1, 1) == 14 and tconv_len(10, 3, 1, 2, 2, 0) == 10, "examples")
    pre(f, r"\lfloor 12/2 \rfloor + 1 = \lfloor 13/2 \rfloor + 1 = 7")
    ok(conv_out_brute(13, 3, 2, 1, 1) == 7 and conv_out_brute(14, 3, 2, 1, 1) == 7, "13 and 14 -> 7")


# ---------------------------------------------------------------- 19
@check("19_depthwise_separable_params.md")
def c19(f):
    K, Ci, Co = 3, 4, 6
    ok(np.zeros((Co, Ci, K, K)).size == K * K * Ci * Co and np.zeros((Ci, 1, K, K)).size + np.zeros((Co, Ci)).size == K * K * Ci + Ci * Co, "shapes")
    for K, Ci, Co in ((3, 128, 256), (5, 32, 64), (7, 3, 10)):
        ok(close((K * K * Ci + Ci * Co) / (K * K * Ci * Co), 1 / Co + 1 / K ** 2), "ratio")
    pre(f, r"294\,912 \)", r"9 \cdot 128 = 1\,152", r"128 \cdot 256 = 32\,768", r"合计 \( 33\,920 \)",
        r"\approx 0.1150 \)", r"0.0039 + 0.1111 = 0.1150", r"= 924\,844\,032", r"= 106\,373\,120")
    ok(9 * 128 * 256 == 294912 and 9 * 128 == 1152 and 128 * 256 == 32768 and 1152 + 32768 == 33920, "counts")
    ok(fmt(33920 / 294912, 4) == "0.1150" and fmt(1 / 256, 4) == "0.0039" and fmt(1 / 9, 4) == "0.1111", "ratio values")
    ok(294912 * 3136 == 924844032 and 33920 * 3136 == 106373120 and 56 * 56 == 3136, "MACs")


# ---------------------------------------------------------------- 20
@check("20_attention_param_count.md")
def c20(f):
    d, h, dff, n = 512, 8, 2048, 1024
    ok(4 * (d * d + d) == 1050624 and d * d == 262144, "G.1")
    ok(h * d * (d // h) == d * d, "heads")
    pre(f, r"= 1\,050\,624. \tag{G.1}", r"P_{\mathrm{ff}} &= 2\,d\,d_{\mathrm{ff}} + d_{\mathrm{ff}} + d \\")
    ok((d * dff + dff) + (dff * d + d) == 2 * d * dff + dff + d, "FFN formula")
    at_err(f, r"1\,048\,576 + 2048 + 512")
    ok(2 * d * dff == 2097152 != 1048576, "2 d dff = 2,097,152")
    post(f, r"&= 1\,051\,136. \tag{G.2}", r"= 2\,103\,808", r"6\,P_{\mathrm{block}} &= 12\,622\,848")
    ok(1048576 + 2048 + 512 == 1051136 and 1050624 + 1051136 + 2048 == 2103808 and 6 * 2103808 == 12622848, "carry")
    ok(4 * d == 2048, "LN")
    ok(2 * n * n * d == 1073741824 and h * n * n * (d // h) == n * n * d, "G.4")
    ok(close(2 * 1073741824 / 1e9, 2.147, 1e-3), "2.15e9")


# ---------------------------------------------------------------- 21
@check("21_attention_score_gradient.md")
def c21(f):
    n, dk, dv = 4, 3, 2
    Q = rng.normal(size=(n, dk)); K = rng.normal(size=(n, dk)); V = rng.normal(size=(n, dv)); dO = rng.normal(size=(n, dv))

    def rowsm(S):
        E = np.exp(S - S.max(axis=1, keepdims=True)); return E / E.sum(axis=1, keepdims=True)

    def fwd(Q, K, V):
        return rowsm(Q @ K.T / math.sqrt(dk)) @ V
    S = Q @ K.T / math.sqrt(dk); P = rowsm(S)
    ok(close(fd_grad(lambda v: np.sum(dO * fwd(Q, K, v)), V), P.T @ dO), "dV")
    ok(close(fd_grad(lambda p: np.sum(dO * (p @ V)), P), dO @ V.T), "dP")
    dP = dO @ V.T
    dS_fd = fd_grad(lambda s: np.sum(dP * rowsm(s)), S)
    dS = P * (dP - np.sum(P * dP, axis=1, keepdims=True))
    ok(close(dS_fd, dS), "dS")
    ok(close(dS.sum(axis=1), 0), "zero row sums")
    pre(f, r"dV = P^\top dO \in", r"= P_{il}\Big( dP_{il} - \sum_{j} P_{ij}\, dP_{ij} \Big)", r"\[ dS = P \odot \left( dP - r\,\mathbf{1}^\top \right) \]")
    dQ = fd_grad(lambda q: np.sum(dO * fwd(q, K, V)), Q)
    dK = fd_grad(lambda k: np.sum(dO * fwd(Q, k, V)), K)
    ok(close(dQ, dS @ K / math.sqrt(dk)), "dQ")
    at_err(f, r"dK = \frac{1}{\sqrt{d_k}}\, dS\, Q")
    ok(close(dK, dS.T @ Q / math.sqrt(dk)) and not close(dK, dS @ Q / math.sqrt(dk)), "dK needs transpose")
    post(f, r"dK = \tfrac{1}{\sqrt{d_k}}\, dS\, Q")


# ---------------------------------------------------------------- 22
@check("22_rnn_bptt_numbers.md")
def c22(f):
    w, u, x1, x2, y = 1.0, 1.0, 1.0, -0.5, -0.2

    def run(w, u):
        h1 = math.tanh(u * x1); a2 = w * h1 + u * x2; h2 = math.tanh(a2); return h1, a2, h2, 0.5 * (h2 - y) ** 2
    h1, a2, h2, L = run(w, u)
    d2 = (h2 - y) * (1 - h2 ** 2); d1 = d2 * w * (1 - h1 ** 2)
    gw = fd_grad(lambda p: run(p[0], p[1])[3], [w, u])
    ok(close(gw, [d2 * h1, d2 * x2 + d1 * x1]), "BPTT formulas")
    vals = {"0.7616": h1, "0.2616": a2, "0.2558": h2, "0.1039": L, "0.4558": h2 - y, "0.9346": 1 - h2 ** 2,
            "0.4260": d2, "0.4200": 1 - h1 ** 2, "0.1789": d1, "0.3244": gw[0], "-0.0341": gw[1], "-0.2130": d2 * x2}
    for s, v in vals.items():
        ok(fmt(v, 4) == s, f"value {s}")
    pre(f, r"\tanh(1) = 0.7616", r"= 0.2616, \qquad h_2 = \tanh(0.2616) = 0.2558", r"\tfrac{1}{2}(0.4558)^2 = 0.1039",
        r"0.4558 \cdot 0.9346 = 0.4260", r"0.4260 \cdot 1.0 \cdot 0.4200 = 0.1789", r"0.4260 \cdot 0.7616 + 0 = 0.3244",
        r"-0.2130 + 0.1789 = -0.0341")
    ok(fmt(0.4558 * 0.9346, 4) == "0.4260" and fmt(0.4260 * 0.42, 4) == "0.1789" and fmt(0.4260 * 0.7616, 4) == "0.3244", "display chain")


# ---------------------------------------------------------------- 23
@check("23_lstm_cell_state_gradient.md")
def c23(f):
    # vector check of the recursion with a two-step toy loss
    d = 3
    cp = rng.normal(size=d); f1, i1, o1 = sig(rng.normal(size=(3, d))); g1 = np.tanh(rng.normal(size=d))
    f2, i2, o2 = sig(rng.normal(size=(3, d))); g2 = np.tanh(rng.normal(size=d))
    wh1 = rng.normal(size=d); wh2 = rng.normal(size=d)

    def loss(c_prev, f1=f1, i1=i1, g1=g1, o1=o1):
        c1 = f1 * c_prev + i1 * g1; h1 = o1 * np.tanh(c1)
        c2 = f2 * c1 + i2 * g2; h2 = o2 * np.tanh(c2)
        return np.dot(wh1, h1) + np.dot(wh2, h2), c1, c2
    _, c1, c2 = loss(cp)
    dc2 = wh2 * o2 * (1 - np.tanh(c2) ** 2)
    dc1 = wh1 * o1 * (1 - np.tanh(c1) ** 2) + dc2 * f2
    ok(close(fd_grad(lambda c: loss(c)[0], cp), dc1 * f1), "delta c_{t-1} = delta c_t * f_t")
    ok(close(fd_grad(lambda v: loss(cp, f1=v)[0], f1), dc1 * cp), "df")
    ok(close(fd_grad(lambda v: loss(cp, i1=v)[0], i1), dc1 * g1), "di")
    ok(close(fd_grad(lambda v: loss(cp, g1=v)[0], g1), dc1 * i1), "dg")
    ok(close(fd_grad(lambda v: loss(cp, o1=v)[0], o1), wh1 * np.tanh(c1)), "do")
    pre(f, r"\delta h_t \odot o_t \odot \big(1 - \tanh^2(c_t)\big) + \delta c_{t+1} \odot f_{t+1} \]")
    c = 0.9 * 0.8 + 0.5 * (-0.5); T = math.tanh(c); dc = 0.7 * (1 - T * T)
    vals = [("0{,}47", c, 2), ("0{,}4382", T, 4), ("0{,}8080", 1 - T * T, 4), ("0{,}3067", 0.7 * T, 4), ("0{,}5656", dc, 4),
            ("0{,}5090", 0.9 * dc, 4), ("0{,}4525", 0.8 * dc, 4), ("-0{,}2828", -0.5 * dc, 4), ("0{,}2828", 0.5 * dc, 4)]
    for s, v, k in vals:
        ok(fmt(v, k, True) == s, f"value {s}")
    pre(f, r"= 0{,}72 - 0{,}25 = 0{,}47", r"\tanh(0{,}47) = 0{,}4382", r"= 0{,}8080", r"= 0{,}3067", r"= 0{,}5656 \)",
        r"0{,}5656 \cdot 0{,}9 = 0{,}5090", r"0{,}5656 \cdot 0{,}8 = 0{,}4525", r"\( \delta o_t = 0{,}4382 \)")
    ok(fmt(0.7 * 0.8080, 4) == "0.5656" and fmt(0.5656 * 0.9, 4) == "0.5090" and fmt(0.5656 * 0.8, 4) == "0.4525", "display chain")
    ok(close(fd_grad(lambda v: loss(cp, f1=sig(v))[0], np.zeros(d)), 0.25 * fd_grad(lambda v: loss(cp, f1=v)[0], np.full(d, 0.5))), "sigma' note")


# ---------------------------------------------------------------- 24
@check("24_gru_gradient.md")
def c24(f):
    hp, ht, z = 0.5, -0.2, 0.3
    H = lambda z, ht, hp: (1 - z) * hp + z * ht
    dz = fd_grad(lambda v: H(v[0], ht, hp), [z])[0]
    at_err(f, r"\operatorname{diag}\big(\mathbf{h}_{t-1} - \tilde{\mathbf{h}}_t\big)")
    ok(close(dz, ht - hp) and not close(dz, hp - ht), "dh/dz = htilde - hprev")
    ok(close(fd_grad(lambda v: H(z, v[0], hp), [ht])[0], z) and close(fd_grad(lambda v: H(z, ht, v[0]), [hp])[0], 1 - z), "C.6")
    post(f, r"\operatorname{diag}(\mathbf{z}_t), \qquad", r"(\mathbf{h}_{t-1} - \tilde{\mathbf{h}}_t) \odot \mathbf{z}_t",
         r"= 1 \cdot (0.5 + 0.2) \cdot 0.3 \cdot 0.7 = 0.147")
    ok(close(H(z, ht, hp), 0.29), "h_t = 0.29")
    true = fd_grad(lambda a: H(sig(a[0]), ht, hp), [math.log(z / (1 - z))])[0]
    ok(close(true, -0.147) and close((0.5 + 0.2) * 0.3 * 0.7, 0.147), "carried sign")


# ---------------------------------------------------------------- 25
@check("25_embedding_gradient.md")
def c25(f):
    V, d = 5, 2
    ids = [2, 0, 2, 3]
    G = np.array([[0.1, -0.2], [0.3, 0.0], [-0.5, 0.4], [0.2, 0.1]])
    E = rng.normal(size=(V, d))
    O = np.zeros((4, V)); O[np.arange(4), ids] = 1
    ok(close(O @ E, E[ids]), "lookup")
    dE = fd_grad(lambda e: np.sum(G * e[ids]), E)
    ok(close(dE, O.T @ G), "O^T G")
    ok(close(dE, [[0.3, 0.0], [0, 0], [-0.4, 0.2], [0.2, 0.1], [0, 0]]), "example")
    acc = np.zeros((V, d)); np.add.at(acc, ids, G)
    ok(close(acc, dE), "scatter-add")
    pre(f, r"0.3 & 0.0 \\ 0 & 0 \\ -0.4 & 0.2 \\ 0.2 & 0.1 \\ 0 & 0", r"(0.1, -0.2) + (-0.5, 0.4) = (-0.4, 0.2)")


# ---------------------------------------------------------------- 26
def adam_run(theta0, grads, eta, lam, b1, b2, decoupled):
    th, m, v, out = theta0, 0.0, 0.0, []
    for t, g in enumerate(grads, 1):
        gt = g if decoupled else g + lam * th
        m = b1 * m + (1 - b1) * gt; v = b2 * v + (1 - b2) * gt * gt
        mh = m / (1 - b1 ** t); vh = v / (1 - b2 ** t)
        step = mh / math.sqrt(vh) + (lam * th if decoupled else 0.0)
        th = th - eta * step
        out.append(dict(g=gt, m=m, v=v, mh=mh, vh=vh, th=th, r=mh / math.sqrt(vh)))
    return out


@check("26_weight_decay_vs_adamw.md")
def c26(f):
    L2 = adam_run(2.0, [0.5, 0.3], 0.01, 0.1, 0.9, 0.999, False)
    W = adam_run(2.0, [0.5, 0.3], 0.01, 0.1, 0.9, 0.999, True)
    ok(close(L2[0]["g"], 0.7) and close(L2[0]["mh"], 0.7) and close(L2[0]["vh"], 0.49) and close(L2[0]["th"], 1.99), "L2 step 1")
    ok(close(L2[1]["g"], 0.499) and close(L2[1]["m"], 0.1129) and close(L2[1]["v"], 0.000738511), "L2 step 2 moments")
    ok(fmt(L2[1]["mh"], 6) == "0.594211" and fmt(L2[1]["vh"], 6) == "0.369440" and fmt(L2[1]["r"], 5) == "0.97762"
       and fmt(L2[1]["th"], 5) == "1.98022", "L2 step 2")
    ok(close(0.999 * 0.00049, 0.00048951) and close(1 - 0.9 ** 2, 0.19) and close(1 - 0.999 ** 2, 0.001999), "factors")
    pre(f, r"0{,}5 + 0{,}1 \cdot 2{,}0 = 0{,}7", r"= 0{,}000738511,", r"0{,}1129 / 0{,}19 = 0{,}594211",
        r"1{,}99 - 0{,}01 \cdot 0{,}97762 = 1{,}98022")
    ok(close(W[0]["m"], 0.05) and close(W[0]["v"], 0.00025) and close(W[0]["th"], 1.988) and close(W[1]["m"], 0.075), "AdamW step 1, m2")
    pre(f, r"m_1 &= 0{,}05, \qquad v_1 = 0{,}00025", r"0{,}1 \cdot 0{,}3 = 0{,}075")
    at_err(f, r"0{,}001 \cdot 0{,}09 = 0{,}00024975 + 0{,}0009 = 0{,}00114975")
    ok(close(W[1]["v"], 0.00033975) and not close(W[1]["v"], 0.00114975) and close(0.001 * 0.09, 0.00009), "v2 slip")
    # carried: the later AdamW numbers follow from the wrong v2
    vh = 0.00114975 / 0.001999; r = 0.394737 / math.sqrt(0.575163)
    post(f, r"= 0{,}575163, \\", r"1{,}988 - 0{,}01 \cdot 0{,}71929 = 1{,}98081")
    ok(fmt(vh, 6) == "0.575163" and fmt(r + 0.1988, 5) == "0.71929" and fmt(1.988 - 0.01 * (r + 0.1988), 5) == "1.98081", "carry")
    ok(fmt(W[1]["th"], 5) == "1.97644", "true AdamW theta2 differs")


# ---------------------------------------------------------------- 27
@check("27_adam_bias_correction.md")
def c27(f):
    b1, b2 = 0.9, 0.999
    gs = rng.normal(size=7)
    m = 0.0
    for t, g in enumerate(gs, 1):
        m = b1 * m + (1 - b1) * g
        ok(close(m, (1 - b1) * sum(b1 ** (t - i) * gs[i - 1] for i in range(1, t + 1))), "unrolled m_t")
        ok(close((1 - b1) * sum(b1 ** (t - i) for i in range(1, t + 1)), 1 - b1 ** t), "geometric sum")
    g = [0.2, -0.1, 0.4]
    ms, vs = [], []
    m = v = 0.0
    for x in g:
        m = b1 * m + (1 - b1) * x; v = b2 * v + (1 - b2) * x * x; ms.append(m); vs.append(v)
    ok(close(ms, [0.02, 0.008, 0.0472]) and close(vs, [0.00004, 0.00004996, 0.00020991004]), "moments")
    pre(f, r"m_3 = 0.0072 + 0.04 = 0.0472", r"v_3 = 0.00004991 + 0.00016 = 0.00020991", r"\eta \cdot 0.2 / 0.2 = \eta")
    ok(close(ms[0] / 0.1, 0.2) and close(vs[0] / 0.001, 0.04), "t=1")
    vh3 = vs[2] / (1 - b2 ** 3)
    pre(f, r"= \frac{0.00020991}{0.002997} = 0.07004, \qquad \sqrt{\hat v_3} = 0.26465")
    ok(fmt(vh3, 5) == "0.07004" and fmt(math.sqrt(vh3), 5) == "0.26465" and fmt(1 - b2 ** 3, 6) == "0.002997", "v hat 3")
    at_err(f, r"\frac{m_3}{1 - \beta_1^{2}} = \frac{0.0472}{0.19} = 0.24842")
    ok(fmt(ms[2] / (1 - b1 ** 3), 5) == "0.17417", "true m hat 3 = 0.17417")
    post(f, r"-0.001 \cdot \frac{0.24842}{0.26465} = -0.000939")
    ok(fmt(-0.001 * 0.24842 / 0.26465, 6) == "-0.000939", "carried update")
    ok(fmt(-0.001 * 0.0472 / math.sqrt(0.00020991), 6) == "-0.003258", "no correction")


# ---------------------------------------------------------------- 28
@check("28_momentum_nesterov.md")
def c28(f):
    a, eta, mu = 4.0, 0.1, 0.9
    th, v, hb = 1.0, 0.0, []
    for _ in range(3):
        v = mu * v - eta * a * th; th = th + v; hb.append((v, th))
    ok(close(hb, [(-0.4, 0.6), (-0.6, 0.0), (-0.54, -0.54)]), "heavy ball")
    th, v, ns = 1.0, 0.0, []
    for _ in range(3):
        v = mu * v - eta * a * (th + mu * v); th = th + v; ns.append((v, th))
    ok(close(ns, [(-0.4, 0.6), (-0.456, 0.144), (-0.30384, -0.15984)]), "nesterov")
    pre(f, r"-0.36 - 0.24 = -0.6", r"-0.36 - 0.096 = -0.456", r"-0.4104 + 0.10656 = -0.30384", r"\theta_3 &= -0.15984")
    ok(close(1 + mu - eta * a, 1.5) and close((1 + mu) * (1 - eta * a), 1.14) and close(mu * (1 - eta * a), 0.54), "recurrences")
    ok(close(1.5 * 0.6 - 0.9, hb[1][1]) and close(1.14 * 0.144 - 0.54 * 0.6, ns[2][1]), "recurrence consistency")
    ok(close(np.abs(np.roots([1, -1.5, 0.9])), math.sqrt(0.9)) and close(np.abs(np.roots([1, -1.14, 0.54])), math.sqrt(0.54)), "moduli")
    ok(fmt(math.sqrt(0.9), 3) == "0.949" and fmt(math.sqrt(0.54), 3) == "0.735", "modulus values")
    pre(f, r"\sqrt{\mu} \approx 0.949", r"\sqrt{0.54} \approx 0.735")


# ---------------------------------------------------------------- 29
@check("29_grad_clipping_norm.md")
def c29(f):
    g = np.array([3.0, -4.0, 12.0]); c = 5.0
    n = np.linalg.norm(g)
    ok(close(n, 13), "norm")
    cl = g * min(1, c / n)
    ok(close(np.linalg.norm(cl), 5) and [fmt(v, 4) for v in cl] == ["1.1538", "-1.5385", "4.6154"], "clipped")
    ok(fmt(c / n, 4) == "0.3846" and close((225 + 400 + 3600) / 169, 25), "scale")
    pt = np.array([3.0, -4.0, 5.0])
    cs = np.dot(pt, g) / (np.linalg.norm(pt) * n)
    ok(fmt(cs, 4) == "0.9247" and fmt(13 * math.sqrt(50), 3) == "91.924", "cosine")
    pre(f, r"\sqrt{169} = 13 > 5", r"\approx (1.1538,\ -1.5385)", r"\approx 4.6154", r"4225/169 = 25", r"\approx 0.9247")


# ---------------------------------------------------------------- 30
@check("30_lr_schedule_warmup_cosine.md")
def c30(f):
    emax, emin, W, T = 3e-4, 1e-5, 1000, 10000

    def lr(t):
        if t < W:
            return emax * (t + 1) / W
        return emin + 0.5 * (emax - emin) * (1 + math.cos(math.pi * (t - W) / (T - W)))
    ok(close(0.5 * (emax - emin), 1.45e-4, 1e-12), "half range")
    ok(close(lr(W - 1), emax, 1e-15) and close(lr(W), emax, 1e-15), "Lemma C.1")
    ok(close(lr(499), 1.5e-4, 1e-15) and close(lr(5500), 1.55e-4, 1e-15), "t=499, 5500")
    pre(f, r"\tfrac{500}{1000} = 1.5 \times 10^{-4}", r"= 10^{-5} + 1.45 \times 10^{-4} = 1.55 \times 10^{-4}")
    at_err(f, r"\frac{7750 - 1000}{10\,000} = 0.675")
    ok(close((7750 - W) / (T - W), 0.75) and not close((7750 - W) / (T - W), 0.675), "progress is 0.75")
    post(f, r"\cdot 0.4775 = 7.924 \times 10^{-5}", r"\approx 26.4\%")
    ok(fmt(1 + math.cos(0.675 * math.pi), 4) == "0.4775" and fmt((emin + 1.45e-4 * 0.4775) * 1e5, 3) == "7.924", "carry")
    ok(fmt(100 * 7.924e-5 / 3e-4, 1) == "26.4", "carry percent")
    ok(fmt(lr(7750) * 1e5, 3) == "5.247", "true value differs")
    ok(close(lr(10000), 1e-5, 1e-15), "t=T")
    ok(close(np.mean([lr(t) for t in range(W, T + 1)]), 1.55e-4, 1e-12), "Remark C.2")


# ---------------------------------------------------------------- 31
@check("31_kl_gaussians.md")
def c31(f):
    m1, s1, m2, s2 = 3.0, 1.0, 0.0, 2.0
    x = np.linspace(m1 - 14 * s1, m1 + 14 * s1, 400001); dx = x[1] - x[0]
    lp = -0.5 * np.log(2 * np.pi * s1 ** 2) - (x - m1) ** 2 / (2 * s1 ** 2)
    lq = -0.5 * np.log(2 * np.pi * s2 ** 2) - (x - m2) ** 2 / (2 * s2 ** 2)
    p = np.exp(lp)
    E = lambda h: np.sum(p * h) * dx
    ok(close(E(np.ones_like(x)), 1, 1e-8), "normalised")
    at_err(f, r"\frac{(x - \mu_1)^2}{2\sigma_1^2}\right] = 1")
    ok(close(E((x - m1) ** 2 / (2 * s1 ** 2)), 0.5, 1e-7), "E[(x-mu1)^2/(2 s1^2)] = 1/2, not 1")
    ok(close(E((x - m2) ** 2), s1 ** 2 + (m1 - m2) ** 2, 1e-6), "step 3 (correct)")
    kl = E(lp - lq)
    ok(close(kl, math.log(s2 / s1) + (s1 ** 2 + (m1 - m2) ** 2) / (2 * s2 ** 2) - 0.5, 1e-7), "true KL")
    post(f, r"+ \frac{\sigma_1^2 + (\mu_1 - \mu_2)^2}{2\sigma_2^2} - 1 \]", r"0.6931 + 1.25 - 1 = 0.9431")
    ok(fmt(math.log(2) + 10 / 8 - 1, 4) == "0.9431" and fmt(kl, 4) == "1.4431", "carried number")
    KL = lambda a, b: math.log(s2 / b) + (b * b + (a - m2) ** 2) / (2 * s2 ** 2) - 0.5
    gr = fd_grad(lambda v: KL(v[0], v[1]), [1.3, 0.7])
    ok(close(gr, [(1.3 - m2) / s2 ** 2, -1 / 0.7 + 0.7 / s2 ** 2]), "step 5 gradients (unaffected)")


# ---------------------------------------------------------------- 32
@check("32_vae_reparameterisation.md")
def c32(f):
    fz = lambda z: np.sin(z[..., 0]) * z[..., 1] + z[..., 1] ** 2
    gradf = lambda z: np.stack([np.cos(z[..., 0]) * z[..., 1], np.sin(z[..., 0]) + 2 * z[..., 1]], -1)
    mu = np.array([0.3, -0.5]); rho = np.array([-0.4, 0.2])
    eps = rng.normal(size=(200000, 2))
    obj = lambda m, r: np.mean(fz(m + np.exp(r / 2) * eps))
    sigv = np.exp(rho / 2); z = mu + sigv * eps
    ok(close(fd_grad(lambda m: obj(m, rho), mu, 1e-4), np.mean(gradf(z), 0), 1e-6), "A.2")
    ok(close(fd_grad(lambda r: obj(mu, r), rho, 1e-4), np.mean(gradf(z) * 0.5 * sigv * eps, 0), 1e-6), "A.3")
    ok(close(fd_grad(lambda r: np.exp(r[0] / 2), [0.37])[0], 0.5 * math.exp(0.37 / 2)), "dsigma/drho")
    ok(close(fd_grad(lambda v: v[0] ** 2 + math.exp(v[1]), [0.8, -0.3]), [1.6, math.exp(-0.3)]), "example exact grads")
    KL = lambda m, r: 0.5 * np.sum(m ** 2 + np.exp(r) - r - 1)
    ok(close(fd_grad(lambda m: KL(m, rho), mu), mu) and close(fd_grad(lambda r: KL(mu, r), rho), 0.5 * (np.exp(rho) - 1)), "A.4")
    # KL formula against numerical KL for d = 1
    x = np.linspace(-15, 15, 300001); dx = x[1] - x[0]; m, s = 0.7, 1.3
    lp = -0.5 * np.log(2 * np.pi * s * s) - (x - m) ** 2 / (2 * s * s); lq = -0.5 * np.log(2 * np.pi) - x ** 2 / 2
    ok(close(np.sum(np.exp(lp) * (lp - lq)) * dx, KL(np.array([m]), np.array([math.log(s * s)])), 1e-7), "KL formula")
    pre(f, r"\frac{1}{2}\big(e^{\rho_j} - 1\big). \tag{A.4}", r"= \mu\sigma\,\mathbb{E}[\epsilon] + \sigma^2\,\mathbb{E}[\epsilon^2] = \sigma^2.")


# ---------------------------------------------------------------- 33
@check("33_infonce_gradient.md")
def c33(f):
    tau = 0.1
    s = np.array([0.8, 0.6, 0.1])
    Lf = lambda v: -np.log(softmax(v / tau)[0])
    ok(close(Lf(s), -s[0] / tau + np.log(np.sum(np.exp(s / tau)))), "L rewrite")
    g = fd_grad(Lf, s)
    p = softmax(s / tau); e0 = np.array([1.0, 0, 0])
    at_err(f, r"= p_j - \delta_{j0} \]")
    ok(close(g, (p - e0) / tau) and not close(g, p - e0), "missing 1/tau")
    ok(fmt(math.exp(-2), 4) == "0.1353" and fmt(math.exp(-7), 4) == "0.0009" and fmt(1 + math.exp(-2) + math.exp(-7), 4) == "1.1362", "exp values")
    ok([fmt(v, 4) for v in p] == ["0.8801", "0.1191", "0.0008"] and fmt(-math.log(0.8801), 4) == "0.1277", "p, L")
    post(f, r"(p_k - \delta_{k0})\, v_k \]", r"(-0{,}1199;\ 0{,}1191;\ 0{,}0008)")
    ok([fmt(v, 4) for v in p - e0] == ["-0.1199", "0.1191", "0.0008"], "carried numbers")
    ok([fmt(v, 4) for v in g] == ["-1.1991", "1.1911", "0.0080"], "true gradient differs")


# ---------------------------------------------------------------- 34
@check("34_triplet_loss.md")
def c34(f):
    Lf = lambda a, p, n, al: max(0.0, np.sum((a - p) ** 2) - np.sum((a - n) ** 2) + al)
    a = np.array([1.0, 0.0]); p = np.array([0.8, 0.3]); n = np.array([0.5, -0.2]); al = 0.2
    ok(close(np.sum((a - p) ** 2), 0.13) and close(np.sum((a - n) ** 2), 0.29) and close(Lf(a, p, n, al), 0.04), "example loss")
    ga = fd_grad(lambda v: Lf(v, p, n, al), a); gp = fd_grad(lambda v: Lf(a, v, n, al), p); gn = fd_grad(lambda v: Lf(a, p, v, al), n)
    ok(close(ga, 2 * (n - p)) and close(gp, 2 * (p - a)) and close(gn, 2 * (a - n)), "D.2-D.4")
    ok(close(ga, [-0.6, -1.0]) and close(gp, [-0.4, 0.6]) and close(gn, [1.0, 0.4]) and close(ga + gp + gn, 0), "example grads")
    ok(close(fd_grad(lambda v: Lf(v, p, n, -1.0), a), 0), "inactive")
    pre(f, r"= 2(\mathbf{n} - \mathbf{p}), \tag{D.2}", r"(-0.6, -1.0)^\top", r"(-0.4, 0.6)^\top", r"(1.0, 0.4)^\top")


# ---------------------------------------------------------------- 35
@check("35_logsumexp_gradient.md")
def c35(f):
    lse = lambda v: np.log(np.sum(np.exp(v)))
    x = rng.normal(size=4)
    p = softmax(x)
    ok(close(fd_grad(lse, x), p), "gradient")
    ok(close(fd_jac(softmax, x), np.diag(p) - np.outer(p, p)), "Hessian")
    ok(np.all(np.linalg.eigvalsh(np.diag(p) - np.outer(p, p)) > -1e-12), "PSD")
    ok(close(lse(x + 2.5), lse(x) + 2.5), "shift")
    x = np.array([1.0, 2.0, 3.0])
    ok(fmt(math.exp(-2), 4) == "0.1353" and fmt(math.exp(-1), 4) == "0.3679" and fmt(np.sum(np.exp(x - 3)), 4) == "1.5032", "sums")
    ok(fmt(np.log(np.sum(np.exp(x - 3))), 4) == "0.4076" and fmt(lse(x), 4) == "3.4076" and fmt(3 + math.log(3), 4) == "4.0986", "LSE")
    ok([fmt(v, 4) for v in softmax(x)] == ["0.0900", "0.2447", "0.6652"], "softmax")
    pre(f, r"= 3 + 0.4076 = 3.4076", r"= (0.0900,\ 0.2447,\ 0.6652)", r"0.1353 + 0.3679 + 1 = 1.5032")


# ---------------------------------------------------------------- 36
@check("36_logistic_hessian.md")
def c36(f):
    n, d = 5, 3
    X = rng.normal(size=(n, d)); y = (rng.random(n) > 0.5).astype(float); w = rng.normal(size=d)

    def ell(w):
        s = sig(X @ w); return -np.sum(y * np.log(s) + (1 - y) * np.log(1 - s))
    s = sig(X @ w)
    ok(close(fd_grad(ell, w), X.T @ (s - y)), "B.1")
    pre(f, r"$\nabla \ell(\mathbf{w}) = \mathbf{X}^\top (\boldsymbol{\sigma} - \mathbf{y})$")
    Hfd = fd_jac(lambda v: X.T @ (sig(X @ v) - y), w)
    S = np.diag(s * (1 - s))
    ok(close(Hfd, sum(s[i] * (1 - s[i]) * np.outer(X[i], X[i]) for i in range(n))), "sum form")
    at_err(f, r"= \mathbf{X}\, \mathbf{S}\, \mathbf{X}^\top")
    ok(close(Hfd, X.T @ S @ X) and X.shape[1] != S.shape[0], "X S X^T is not even defined for n != d")
    Xs = rng.normal(size=(3, 3)); ws = rng.normal(size=3); ss = sig(Xs @ ws); Ss = np.diag(ss * (1 - ss))
    Hs = fd_jac(lambda v: Xs.T @ (sig(Xs @ v) - y[:3]), ws)
    ok(close(Hs, Xs.T @ Ss @ Xs) and not close(Hs, Xs @ Ss @ Xs.T), "X S X^T is wrong for n = d")
    X2 = np.array([[1.0, 2.0], [1.0, -1.0]])
    H2 = X2.T @ (0.25 * np.eye(2)) @ X2
    post(f, r"0{,}25 \begin{pmatrix} 5 & -1 \\ -1 & 2 \end{pmatrix}", r"\big(\mathbf{X}\mathbf{S}\mathbf{X}^\top\big)^{-1}")
    ok(close(X2 @ X2.T, [[5, -1], [-1, 2]]) and not close(H2, 0.25 * np.array([[5, -1], [-1, 2]])), "numeric carries error")
    ok(close(np.trace(0.25 * X2 @ X2.T), 1.75) and close(np.linalg.det(0.25 * X2 @ X2.T), 0.5625), "trace/det")


# ---------------------------------------------------------------- 37
@check("37_matrix_calculus_identities.md")
def c37(f):
    n, m = 3, 4
    A = rng.normal(size=(n, m)); X = rng.normal(size=(m, n))
    ok(close(fd_grad(lambda x: np.trace(A @ x), X), A.T), "tr(AX)")
    A2 = rng.normal(size=(5, 3)); b = rng.normal(size=5); x = rng.normal(size=3)
    ok(close(fd_grad(lambda v: np.sum((A2 @ v - b) ** 2), x), 2 * A2.T @ (A2 @ x - b)), "least squares")
    Xn = rng.normal(size=(3, 3)) + 3 * np.eye(3)
    sgn, _ = np.linalg.slogdet(Xn)
    ok(sgn > 0, "det > 0")
    ok(close(fd_grad(lambda v: np.linalg.slogdet(v)[1], Xn), np.linalg.inv(Xn).T), "log det")
    B = rng.normal(size=(m, m)); Y = rng.normal(size=(m, 2))
    ok(close(fd_grad(lambda v: np.trace(v.T @ B @ v), Y), (B + B.T) @ Y), "tr(X^T B X)")
    pre(f, r"\frac{\partial \operatorname{tr}(AX)}{\partial X} = A^\top \]", r"\nabla_x \|Ax - b\|^2 = 2A^\top(Ax - b) \]",
        r"\frac{\partial \log\det X}{\partial X} = X^{-\top} \]", r"= (B + B^\top)\,X \]")


# ---------------------------------------------------------------- 38
@check("38_two_layer_numeric.md")
def c38(f):
    W1 = np.array([[0.5, -0.3], [0.2, 0.4], [-0.6, 0.1]]); b1 = np.array([0.2, -0.1, 0.0])
    w2 = np.array([1.0, -0.5, 0.8]); b2 = 0.3; x = np.array([1.0, 2.0]); y = 0.5
    z = W1 @ x + b1
    ok(close(z[0], 0.1), "z1")
    pre(f, r"0.5 \cdot 1 - 0.3 \cdot 2 + 0.2 = 0.1")
    at_err(f, r"0.2 \cdot 1 + 0.4 \cdot 2 - 0.1 = 0.7")
    ok(close(z[1], 0.9) and not close(z[1], 0.7), "z2 = 0.9")
    # later lines consistently use z2 = 0.7
    zc = np.array([0.1, 0.7, -0.4]); hc = np.maximum(zc, 0); yh = w2 @ hc + b2; dl = yh - y
    ok(close(z[2], -0.4) and close(yh, 0.05) and close(0.5 * dl ** 2, 0.10125) and close(dl, -0.45), "carry forward")
    ok(close(dl * hc, [-0.045, -0.315, 0]) and close(dl * w2, [-0.45, 0.225, -0.36]), "carry backward")
    dz = dl * w2 * (zc > 0)
    ok(close(dz, [-0.45, 0.225, 0]) and close(np.outer(dz, x), [[-0.45, -0.9], [0.225, 0.45], [0, 0]]), "carry dW1")
    post(f, r"= 0.05, \qquad \mathcal{L} = \tfrac{1}{2}(0.05 - 0.5)^2 = 0.10125", r"(-0.045,\ -0.315,\ 0)^\top",
         r"-0.45 & -0.9 \\ 0.225 & 0.45 \\ 0 & 0")
    # the back-propagation rules themselves are right (checked by FD on the true network)
    Lf = lambda W: 0.5 * (w2 @ np.maximum(W @ x + b1, 0) + b2 - y) ** 2
    zt = W1 @ x + b1; dlt = w2 @ np.maximum(zt, 0) + b2 - y
    ok(close(fd_grad(Lf, W1), np.outer(dlt * w2 * (zt > 0), x)), "rules")
    ok(close(dlt, -0.55), "true delta differs")


# ---------------------------------------------------------------- 39
@check("39_least_squares_gradient.md")
def c39(f):
    X = np.array([[1.0, 1], [1, 2], [1, 3]]); y = np.array([1.0, 2, 2]); N = 3
    Lf = lambda w: np.sum((X @ w - y) ** 2) / N
    w0 = np.zeros(2)
    g = fd_grad(Lf, w0)
    at_err(f, r"\frac{1}{N}\, X^\top (Xw - y)")
    ok(close(g, 2 / N * X.T @ (X @ w0 - y)) and not close(g, X.T @ (X @ w0 - y) / N), "missing factor 2")
    ok(close(X @ w0 - y, [-1, -2, -2]) and close(X.T @ (X @ w0 - y), [-5, -11]), "residual, X^T r")
    post(f, r"= (-1.6667, -3.6667)^\top", r"w_1 = w_0 - \eta \nabla_w L = (0.1667,\ 0.3667)^\top")
    ok([fmt(v, 4) for v in X.T @ (X @ w0 - y) / N] == ["-1.6667", "-3.6667"], "carried gradient")
    ok([fmt(v, 4) for v in -0.1 * X.T @ (X @ w0 - y) / N] == ["0.1667", "0.3667"], "carried step")
    ws = np.linalg.solve(X.T @ X, X.T @ y)
    ok(close(X.T @ X, [[3, 6], [6, 14]]) and close(X.T @ y, [5, 11]) and close(ws, [4 / 6, 0.5]), "normal equations")
    ok(close(fd_grad(Lf, ws), 0), "w* is the minimiser")


# ---------------------------------------------------------------- 40
@check("40_gaussian_nll_gradient.md")
def c40(f):
    ell = lambda mu, s, y: 0.5 * math.log(2 * math.pi) + 0.5 * s + (y - mu) ** 2 / 2 * math.exp(-s)
    for mu, s, y in ((0.4, 0.0, 1.0), (-1.2, 0.7, 0.3), (2.0, -1.1, 2.5)):
        g = fd_grad(lambda v: ell(v[0], v[1], y), [mu, s])
        ok(close(g, [-(y - mu) * math.exp(-s), 0.5 - (y - mu) ** 2 / 2 * math.exp(-s)]), "F.2/F.3")
        h = fd_grad(lambda v: fd_grad(lambda u: ell(mu, u[0], y), [v[0]], 1e-4)[0], [s], 1e-4)[0]
        ok(close(h, (y - mu) ** 2 / 2 * math.exp(-s), 1e-5), "F.4")
        sstar = math.log((y - mu) ** 2)
        ok(close(fd_grad(lambda v: ell(mu, v[0], y), [sstar])[0], 0), "F.5")
    ok(fmt(0.5 * math.log(2 * math.pi), 4) == "0.9189" and fmt(ell(0.4, 0.0, 1.0), 4) == "1.0989", "ell value")
    ok(close(fd_grad(lambda v: ell(v[0], 0.0, 1.0), [0.4])[0], -0.6) and close(fd_grad(lambda v: ell(0.4, v[0], 1.0), [0.0])[0], 0.32), "example grads")
    ellsig = lambda sg: 0.5 * math.log(2 * math.pi) + math.log(sg) + 0.36 / (2 * sg * sg)
    ok(close(fd_grad(lambda v: ellsig(v[0]), [1.0])[0], 0.64) and close(ellsig(1.0), ell(0.4, 0.0, 1.0)), "sigma parameterisation")
    pre(f, r"0.9189 + 0 + \tfrac{1}{2} \cdot 0.36 = 1.0989", r"= 0.5 - 0.18 = 0.32", r"= 1 - 0.36 = 0.64")


# ---------------------------------------------------------------- main
def main():
    md = sorted(x for x in os.listdir(D) if x.endswith(".md") and x[:2].isdigit())
    assert len(md) == 40, len(md)
    assert sorted(EXPECTED) == md, "expected.json keys must match the files"
    assert sum(v is None for v in EXPECTED.values()) == 20, "need 20 correct files"
    assert sum(v is not None for v in EXPECTED.values()) == 20, "need 20 wrong files"
    for fname in md:
        nl = len(lines(fname)) - (1 if lines(fname)[-1] == "" else 0)
        assert 12 <= nl <= 40, (fname, nl)
        e = EXPECTED[fname]
        if e is not None:
            assert 1 <= e <= nl and lines(fname)[e - 1].strip(), (fname, e)
    assert set(CHECKS) == set(md), set(md) ^ set(CHECKS)
    failures = 0
    for fname in md:
        before = N_CHECKS[0]
        try:
            CHECKS[fname](fname)
            status = "ok"
        except AssertionError as ex:
            failures += 1
            status = f"FAIL: {ex}"
        kind = "correct" if EXPECTED[fname] is None else f"error@{EXPECTED[fname]}"
        print(f"{fname:40s} {kind:10s} {N_CHECKS[0] - before:4d} checks  {status}")
    print(f"total checks: {N_CHECKS[0]}, failures: {failures}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
