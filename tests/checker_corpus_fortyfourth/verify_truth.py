#!/usr/bin/env python3
"""Independent truth check for corpus44 (NumPy only).

For every file a list of (substring, predicate) pairs is given.  The substring
must identify exactly one line of the file; the predicate receives that line
and returns True iff the mathematics stated on that line is really true
(recomputed here from the problem data, with finite differences for
derivatives/identities, exact enumeration for expectations, explicit
enumeration of sliding windows for sizes, ...).  Lines that only state data or
definitions get GIVEN.

Numeric values shown in a line are compared with the recomputed truth "at the
shown precision": |shown - true| <= 0.5 * 10**(-decimals) (+1e-9).  Integers
shown without decimals must therefore be exact.

Coverage rule: every line containing '$' and every numeric table row must be
covered by some pair.  The first line whose predicate is False is the file's
first false line; it is compared with expected.json.
"""
import json
import math
import os
import re
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
RNG = np.random.default_rng(20240544)
COMMA = False          # set per file: decimal comma in use
VERBOSE = "-v" in sys.argv


# ----------------------------------------------------------------------------
# generic helpers
# ----------------------------------------------------------------------------
def GIVEN(L):
    return True


def norm(s):
    s = s.replace("{,}", ".")
    if COMMA:
        s = re.sub(r"(\d),(\d)", r"\1.\2", s)
    return s


NUM = re.compile(r"-?\d+(?:\.\d+)?")


def numbers(s):
    return NUM.findall(norm(s))


def close(tok, val):
    d = len(tok.split(".")[1]) if "." in tok else 0
    return abs(float(tok) - float(val)) <= 0.5 * 10.0 ** (-d) + 1e-9


def VV(s, vals):
    """s must occur in the line; the numbers inside s must equal vals (None = skip)."""
    def p(L):
        if s not in L:
            if VERBOSE:
                print("      substring not in line:", s)
            return False
        toks = numbers(s)
        if len(toks) != len(vals):
            if VERBOSE:
                print("      count mismatch", toks, vals)
            return False
        for t, v in zip(toks, vals):
            if v is None:
                continue
            if not close(t, v):
                if VERBOSE:
                    print("      value mismatch: shown", t, "true", v, "in", s)
                return False
        return True
    return p


def HAS(*subs):
    return lambda L: all(x in L for x in subs)


def T(cond):
    c = bool(cond)
    return lambda L: c


def ALL(*preds):
    def p(L):
        for q in preds:
            if not q(L):
                return False
        return True
    return p


MAT = re.compile(r"\\begin\{([bp]matrix)\}(.*?)\\end\{\1\}")


def mats(L):
    out = []
    for m in MAT.finditer(L):
        rows = [r for r in re.split(r"\\\\", m.group(2))]
        out.append([[c.strip() for c in r.split("&")] for r in rows])
    return out


def as2d(a):
    a = np.asarray(a, float)
    if a.ndim == 1:
        a = a.reshape(-1, 1)
    return a


def VM(k, truth, row=False):
    """k-th matrix in the line: every cell is one number equal to truth."""
    t = np.asarray(truth, float)
    if t.ndim == 1:
        t = t.reshape(1, -1) if row else t.reshape(-1, 1)

    def p(L):
        ms = mats(L)
        if k >= len(ms):
            return False
        m = ms[k]
        if len(m) != t.shape[0] or any(len(r) != t.shape[1] for r in m):
            if VERBOSE:
                print("      shape mismatch", (len(m), len(m[0])), t.shape)
            return False
        for i, r in enumerate(m):
            for j, c in enumerate(r):
                toks = numbers(c)
                if len(toks) != 1 or not close(toks[0], t[i, j]):
                    if VERBOSE:
                        print("      cell", i, j, c, "true", t[i, j])
                    return False
        return True
    return p


def ev(expr):
    e = norm(expr).replace("\\cdot", "*").replace("\\times", "*").replace(" ", "")
    if not re.fullmatch(r"[0-9.+\-*/()]+", e):
        raise ValueError("bad expr " + expr)
    return eval(e, {"__builtins__": {}}, {})


def EVM(k, truth, tol=1e-9, row=False):
    """k-th matrix in the line: every cell is an arithmetic expression whose value equals truth."""
    t = np.asarray(truth, float)
    if t.ndim == 1:
        t = t.reshape(1, -1) if row else t.reshape(-1, 1)

    def p(L):
        m = mats(L)[k]
        if len(m) != t.shape[0] or any(len(r) != t.shape[1] for r in m):
            return False
        for i, r in enumerate(m):
            for j, c in enumerate(r):
                if abs(ev(c) - t[i, j]) > tol:
                    if VERBOSE:
                        print("      expr cell", c, "=", ev(c), "true", t[i, j])
                    return False
        return True
    return p


def d1(f, x, h=1e-6):
    return (f(x + h) - f(x - h)) / (2 * h)


def grad(f, x, h=1e-6):
    x = np.array(x, float)
    g = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        e = np.zeros_like(x)
        e[idx] = h
        g[idx] = (f(x + e) - f(x - e)) / (2 * h)
    return g


def jac(f, x, h=1e-6):
    x = np.array(x, float)
    y0 = np.asarray(f(x), float)
    J = np.zeros(y0.shape + x.shape)
    for idx in np.ndindex(x.shape):
        e = np.zeros_like(x)
        e[idx] = h
        J[(Ellipsis,) + idx] = (np.asarray(f(x + e)) - np.asarray(f(x - e))) / (2 * h)
    return J


def allclose(a, b, tol=1e-5):
    return bool(np.allclose(np.asarray(a, float), np.asarray(b, float), atol=tol, rtol=tol))


sig = lambda x: 1.0 / (1.0 + np.exp(-x))


def softmax(z):
    e = np.exp(z - np.max(z))
    return e / e.sum()


def randpts(n, shape=(), scale=2.0):
    return [RNG.normal(size=shape) * scale for _ in range(n)]


# ----------------------------------------------------------------------------
# 01 activation derivatives (Japanese)
# ----------------------------------------------------------------------------
def checks_01():
    ds = lambda x: d1(sig, x)
    t = math.tanh(-1.0)
    f = lambda x: sig(np.tanh(x))
    xs = [float(v) for v in RNG.uniform(-4, 4, 25)]
    line8 = T(all(abs(ds(x) - np.exp(-x) / (1 + np.exp(-x)) ** 2) < 1e-8 and
                  abs(ds(x) - (1 / (1 + np.exp(-x))) * (np.exp(-x) / (1 + np.exp(-x)))) < 1e-8 and
                  abs(ds(x) - sig(x) * (1 - sig(x))) < 1e-8 for x in xs))
    grid = np.linspace(-6, 6, 1201)
    relu = lambda x: np.maximum(0.0, x)
    h = 1e-6
    return [
        ("**問題.**", GIVEN),
        (r"\sigma'(x) = \frac{e^{-x}}", line8),
        (r"のとき $1+e^{-0.5}", ALL(VV(r"$1+e^{-0.5} = 1.6065$", [1, -0.5, 1 + math.exp(-0.5)]),
                                   VV(r"$\sigma(0.5) = 1/1.6065 = 0.6225$", [0.5, 1, 1 + math.exp(-0.5), sig(0.5)]))),
        (r"$$\sigma'(0.5) = 0.6225", VV(r"\sigma'(0.5) = 0.6225 \times 0.3775 = 0.2350", [0.5, sig(0.5), 1 - sig(0.5), ds(0.5)])),
        (r"最大値は", ALL(VV(r"$\sigma'(0) = 1/4$", [0, 1, 4]), T(abs(ds(0.0) - 0.25) < 1e-9),
                          T(np.argmax([ds(x) for x in grid]) == 600))),
        (r"**(b)** $\tanh'(x)", ALL(T(all(abs(d1(np.tanh, x) - (1 - np.tanh(x) ** 2)) < 1e-8 for x in xs)),
                                    VV(r"$\tanh(-1) = -0.7616$", [-1, t]))),
        (r"$$\tanh'(-1) = 1 -", VV(r"\tanh'(-1) = 1 - (-0.7616)^2 = 1 - 0.5800 = 0.4200", [-1, 1, t, 2, 1, t * t, d1(np.tanh, -1.0)])),
        (r"検算", ALL(T(all(abs(np.tanh(x) - (2 * sig(2 * x) - 1)) < 1e-12 for x in xs)),
                      T(all(abs(d1(np.tanh, x) - 4 * ds(2 * x)) < 1e-7 for x in xs)),
                      VV(r"$4\sigma'(-2) = 4 \times 0.1050 = 0.4200$", [4, -2, 4, ds(-2.0), 4 * ds(-2.0)]),
                      T(abs(4 * ds(-2.0) - d1(np.tanh, -1.0)) < 1e-8))),
        (r"ReLU は区分的に線形", ALL(VV(r"$\mathrm{ReLU}'(2) = 1$", [2, d1(relu, 2.0)]),
                                    VV(r"$\mathrm{ReLU}'(-3) = 0$", [-3, d1(relu, -3.0)]))),
        (r"では微分不可能", ALL(HAS("$x = 0$", "$[0, 1]$", "$0$"),
                                T(abs((relu(0.0) - relu(-h)) / h - 0) < 1e-9 and abs((relu(h) - relu(0.0)) / h - 1) < 1e-9))),
        (r"合成関数", GIVEN),
        (r"$$f'(x) = \sigma'(\tanh x)", T(all(abs(d1(f, x) - ds(np.tanh(x)) * (1 - np.tanh(x) ** 2)) < 1e-7 for x in xs))),
        (r"$\sigma(-0.7616) = 0.3183$", ALL(VV(r"$\sigma(-0.7616) = 0.3183$", [t, sig(t)]),
                                             VV(r"$\sigma'(-0.7616) = 0.3183 \times 0.6817 = 0.2170$", [t, sig(t), 1 - sig(t), ds(t)]))),
        (r"$$f'(-1) = 0.2170", VV(r"f'(-1) = 0.2170 \times 0.4200 = 0.0911", [-1, ds(t), 1 - t * t, d1(f, -1.0)])),
        (r"\boxed{\sigma'(0.5)", ALL(VV(r"\sigma'(0.5) \approx 0.235", [0.5, ds(0.5)]),
                                     VV(r"\tanh'(-1) \approx 0.420", [-1, d1(np.tanh, -1.0)]),
                                     VV(r"f'(-1) \approx 0.0911", [-1, d1(f, -1.0)]))),
    ]


# ----------------------------------------------------------------------------
# 02 softmax + cross-entropy (Turkish)
# ----------------------------------------------------------------------------
def checks_02():
    x = np.array([1.0, -2.0])
    z = np.array([1.5, 1.0, -0.5])
    y = np.array([0.0, 1.0, 0.0])
    e = np.exp(z)
    S = e.sum()
    p = e / S
    CE = lambda zz: -np.sum(y * np.log(softmax(zz)))
    dz = grad(CE, z)
    W0 = RNG.normal(size=(3, 2))
    b0 = z - W0 @ x
    gW = grad(lambda W: CE(W @ x + b0), W0)          # true dL/dW, shape (3,2)
    gb = grad(lambda b: CE(W0 @ x + b), b0)
    # identities at random points
    ok16 = ok17 = ok21 = True
    for zz in randpts(8, (3,)):
        J = jac(softmax, zz)
        pp = softmax(zz)
        ok16 &= allclose(J, np.diag(pp) - np.outer(pp, pp), 1e-6)
        for c in range(3):
            yy = np.eye(3)[c]
            g = grad(lambda q: -np.sum(yy * np.log(softmax(q))), zz)
            mid = np.array([-sum(yy[k] / pp[k] * pp[k] * ((k == j) - pp[j]) for k in range(3)) for j in range(3)])
            ok17 &= allclose(g, pp - yy, 1e-6) and allclose(mid, -yy + pp * yy.sum(), 1e-12)
    Wr, xr, br = RNG.normal(size=(3, 2)), RNG.normal(size=2), RNG.normal(size=3)
    Jz = jac(lambda W: W @ xr + br, Wr)            # (3, 3, 2)
    for i in range(3):
        for j in range(2):
            ok21 &= abs(Jz[i, i, j] - xr[j]) < 1e-8
    return [
        ("**Verilenler:**", GIVEN),
        ("Hesaplanmış logitler", GIVEN),
        ("Kayıp: $L", GIVEN),
        (r"$$e^{1.5} = 4.4817", ALL(VV(r"e^{1.5} = 4.4817", [1.5, e[0]]), VV(r"e^{1.0} = 2.7183", [1.0, e[1]]),
                                    VV(r"e^{-0.5} = 0.6065", [-0.5, e[2]]), VV(r"e^{z_k} = 7.8065", [S]))),
        (r"$$\mathbf{p} = \left(", ALL(VV(r"\tfrac{4.4817}{7.8065},\ \tfrac{2.7183}{7.8065},\ \tfrac{0.6065}{7.8065}", [e[0], S, e[1], S, e[2], S]),
                                       VV(r"= (0.5741,\ 0.3482,\ 0.0777)", list(p)))),
        (r"$$L = -\log p_2", ALL(VV(r"-\log p_2 = -\log 0.3482 = 1.0550", [2, p[1], CE(z)]))),
        (r"olduğundan", ALL(HAS(r"$\partial p_k/\partial z_j = p_k(\delta_{kj} - p_j)$"), T(ok16))),
        (r"\frac{\partial L}{\partial z_j} = -\sum_k", T(ok17)),
        (r"\boldsymbol{\delta} := ", VV(r"= (0.5741,\ -0.6518,\ 0.0777)^\top", list(dz))),
        (r"Kontrol: $\sum_j", ALL(VV(r"0.5741 - 0.6518 + 0.0777 = 0", [dz[0], -dz[1], dz[2], dz.sum()]), T(abs(dz.sum()) < 1e-8))),
        (r"Zincir kuralı ile", T(ok21)),
        (r"\frac{\partial L}{\partial W} = \mathbf{x}", VM(0, gW)),
        (r"\frac{\partial L}{\partial \mathbf{b}} = \boldsymbol{\delta}", VV(r"(0.5741,\ -0.6518,\ 0.0777)", list(gb))),
        (r"\boxed{L = 1.0550", ALL(VV(r"L = 1.0550", [CE(z)]), VM(0, gW))),
    ]


# ----------------------------------------------------------------------------
# 03 BCE single neuron + SGD (Polish, decimal comma)
# ----------------------------------------------------------------------------
def checks_03():
    x = np.array([1.5, -2.0])
    w = np.array([0.4, -0.3])
    b, y, eta = 0.1, 1.0, 0.5
    bce = lambda yh, yy: -(yy * np.log(yh) + (1 - yy) * np.log(1 - yh))
    Lf = lambda ww, bb: bce(sig(ww @ x + bb), y)
    z = w @ x + b
    yh = sig(z)
    L = Lf(w, b)
    gw = grad(lambda ww: Lf(ww, b), w)
    gb = d1(lambda bb: Lf(w, bb), b)
    gz = d1(lambda zz: bce(sig(zz), y), z)
    w2 = w - eta * gw
    b2 = b - eta * gb
    z2 = w2 @ x + b2
    L2 = Lf(w2, b2)
    ok14 = ok15 = ok16 = True
    for _ in range(10):
        q = RNG.uniform(0.05, 0.95)
        yy = RNG.uniform(0, 1)
        zz = RNG.normal()
        ok14 &= abs(d1(lambda t: bce(t, yy), q) - (-yy / q + (1 - yy) / (1 - q))) < 1e-6
        ok14 &= abs(d1(sig, zz) - sig(zz) * (1 - sig(zz))) < 1e-8
        s = sig(zz)
        ok15 &= abs(d1(lambda t: bce(sig(t), yy), zz) - (s - yy)) < 1e-6
        ok15 &= abs((-yy * (1 - s) + (1 - yy) * s) - (s - yy)) < 1e-12
        xr, wr, br = RNG.normal(size=2), RNG.normal(size=2), RNG.normal()
        F = lambda ww, bb: bce(sig(ww @ xr + bb), yy)
        sr = sig(wr @ xr + br)
        ok16 &= allclose(grad(lambda ww: F(ww, br), wr), (sr - yy) * xr, 1e-6)
        ok16 &= abs(d1(lambda bb: F(wr, bb), br) - (sr - yy)) < 1e-6
    return [
        ("**Dane:**", GIVEN),
        (r"$\mathbf{x} = [1{,}5;", GIVEN),
        ("Funkcja straty", GIVEN),
        (r"$$z = 0{,}4\cdot 1{,}5", VV(r"0{,}4\cdot 1{,}5 + (-0{,}3)\cdot(-2{,}0) + 0{,}1 = 0{,}6 + 0{,}6 + 0{,}1 = 1{,}2",
                                       [w[0], x[0], w[1], x[1], b, w[0] * x[0], w[1] * x[1], b, z])),
        (r"$$\hat y = \sigma(", ALL(VV(r"\sigma(1{,}2) = \frac{1}{1 + e^{-1{,}2}} = 0{,}7685", [z, 1, 1, -z, yh]),
                                    VV(r"L = -\ln 0{,}7685 = 0{,}2633", [yh, L]))),
        (r"\frac{\partial L}{\partial \hat y} = -\frac{y}{\hat y}", T(ok14)),
        (r"\Rightarrow\ \frac{\partial L}{\partial z}", ALL(T(ok15), VV(r"= 0{,}7685 - 1 = -0{,}2315", [yh, 1, gz]))),
        ("Stąd dL/dw", T(ok16)),
        (r"$$\nabla_{\mathbf{w}} L = -0{,}2315", ALL(VV(r"-0{,}2315 \cdot [1{,}5;\ -2{,}0]^\top = [-0{,}3472;\ 0{,}4630]^\top", [gb, x[0], x[1], gw[0], gw[1]]),
                                                  VV(r"\frac{\partial L}{\partial b} = -0{,}2315", [gb]))),
        (r"Jeden krok SGD", GIVEN),
        (r"$$\mathbf{w}' = [", VV(r"[0{,}4 + 0{,}1736;\ -0{,}3 - 0{,}2315]^\top = [0{,}5736;\ -0{,}5315]^\top",
                                 [w[0], -eta * gw[0], w[1], eta * gw[1], w2[0], w2[1]])),
        (r"$$b' = 0{,}1", VV(r"0{,}1 - 0{,}5\cdot(-0{,}2315) = 0{,}2157", [b, eta, gb, b2])),
        (r"$$z' = ", ALL(VV(r"0{,}5736\cdot 1{,}5 + (-0{,}5315)\cdot(-2{,}0) + 0{,}2157 = 2{,}1391", [w2[0], x[0], w2[1], x[1], b2, z2]),
                         VV(r"L' = -\ln\sigma(2{,}1391) = 0{,}1113", [z2, L2]))),
        (r"Strata zmalała", ALL(VV(r"$0{,}1113 < 0{,}2633$", [L2, L]), T(L2 < L))),
        (r"**Odp.**", VV(r"[0{,}5736;\ -0{,}5315]^\top,\ b' = 0{,}2157", [w2[0], w2[1], b2])),
    ]


# ----------------------------------------------------------------------------
# 04 2-2-1 network (UK)
# ----------------------------------------------------------------------------
def checks_04():
    W1 = np.array([[0.2, -0.4], [0.6, 0.1]])
    b1 = np.array([0.1, -0.1])
    w2 = np.array([-0.4, 0.6])
    b2 = -0.1
    x = np.array([1.0, 2.0])
    y, eta = 1.0, 0.5

    def net(W1_=W1, b1_=b1, w2_=w2, b2_=b2):
        a = sig(W1_ @ x + b1_)
        return 0.5 * (sig(w2_ @ a + b2_) - y) ** 2

    z1 = W1 @ x + b1
    a1 = sig(z1)
    z2 = w2 @ a1 + b2
    yh = sig(z2)
    L = net()
    g_w2 = grad(lambda v: net(w2_=v), w2)
    g_b2 = d1(lambda v: net(b2_=v), b2)
    g_W1 = grad(lambda v: net(W1_=v), W1)
    g_b1 = grad(lambda v: net(b1_=v), b1)
    sp = np.array([d1(sig, v) for v in z1])
    new_w2 = w2 - eta * g_w2
    xs = RNG.uniform(-3, 3, 20)
    return [
        ("**Given:** a 2-2-1", GIVEN),
        (r"$$W^{(1)} = \begin{pmatrix} 0.2", GIVEN),
        ("Training pair", GIVEN),
        (r"$$\mathbf{z}^{(1)} = W^{(1)}", ALL(EVM(0, z1), VM(1, z1),
                                               VV(r"0.2 - 0.8 + 0.1 \\ 0.6 + 0.2 - 0.1",
                                                  [W1[0, 0] * x[0], -W1[0, 1] * x[1], b1[0], W1[1, 0] * x[0], W1[1, 1] * x[1], -b1[1]]))),
        (r"$$\mathbf{a}^{(1)} = \sigma", VV(r"(0.3775,\ 0.6682)", list(a1))),
        (r"$$z^{(2)} = ", VV(r"-0.4(0.3775) + 0.6(0.6682) - 0.1 = -0.1510 + 0.4009 - 0.1 = 0.1499",
                             [w2[0], a1[0], w2[1], a1[1], -b2, w2[0] * a1[0], w2[1] * a1[1], -b2, z2])),
        (r"$$\hat y = \sigma(0.1499)", ALL(VV(r"\sigma(0.1499) = 0.5374", [z2, yh]),
                                           HAS(r"L = \tfrac12(0.5374"), VV(r"(0.5374 - 1)^2 = 0.1070", [yh, 1, 2, L]))),
        ("**(b) Backward pass**", T(all(abs(d1(sig, v) - sig(v) * (1 - sig(v))) < 1e-8 for v in xs))),
        (r"$$\delta^{(2)} = ", ALL(T(abs((yh - y) * yh * (1 - yh) - g_b2) < 1e-8),
                                   VV(r"(-0.4626)(0.2486) = -0.1150", [yh - y, yh * (1 - yh), g_b2]))),
        (r"\delta^{(2)}\mathbf{a}^{(1)} = ", ALL(VV(r"= (-0.0434,\ -0.0768)^\top", list(g_w2)),
                                                  VV(r"\frac{\partial L}{\partial b^{(2)}} = -0.1150", [2, g_b2]))),
        ("Propagating to the hidden layer", T(allclose((w2 * g_b2) * sp, g_b1, 1e-7))),
        (r"$$\boldsymbol{\delta}^{(1)} = ", ALL(VM(0, w2 * g_b2), VM(1, sp), VM(2, g_b1))),
        (r"\boldsymbol{\delta}^{(1)}\mathbf{x}^\top", ALL(VM(0, g_W1), T(allclose(np.outer(g_b1, x), g_W1, 1e-7)))),
        (r"\mathbf{w}^{(2)} \leftarrow", ALL(EVM(0, new_w2, tol=0.5e-4), VM(1, new_w2),
                                              VV(r"-0.4 + 0.0217 \\ 0.6 + 0.0384", [w2[0], -eta * g_w2[0], w2[1], -eta * g_w2[1]]))),
        ("Remark: both output-layer", T(np.all(g_w2 < 0) and yh < y and np.all(a1 > 0) and np.all(new_w2 > w2))),
    ]


# ----------------------------------------------------------------------------
# 05 linear layer + MSE in matrix form (US)
# ----------------------------------------------------------------------------
def checks_05():
    def loss(Yh, Y):
        return np.sum((Yh - Y) ** 2) / Yh.shape[0]

    N, d, k = 3, 2, 2
    Xr, Wr, br, Yr = RNG.normal(size=(N, d)), RNG.normal(size=(d, k)), RNG.normal(size=k), RNG.normal(size=(N, k))
    Yhr = Xr @ Wr + np.ones((N, 1)) @ br.reshape(1, k)
    G_true = grad(lambda Yh: loss(Yh, Yr), Yhr)
    Lw = lambda W, b: loss(Xr @ W + np.ones((N, 1)) @ b.reshape(1, -1), Yr)
    gW = grad(lambda W: Lw(W, br), Wr)
    gb = grad(lambda b: Lw(Wr, b), br)
    ok4 = abs(loss(Yhr, Yr) - sum((Yhr[n, j] - Yr[n, j]) ** 2 for n in range(N) for j in range(k)) / N) < 1e-12
    ok6 = (Xr @ Wr).shape == (N, k) and (np.ones((N, 1)) @ br.reshape(1, k)).shape == (N, k)
    Yh_of = lambda W, b: Xr @ W + np.ones((N, 1)) @ b.reshape(1, -1)
    W2, b2_ = RNG.normal(size=(d, k)), RNG.normal(size=k)
    ok10 = allclose(Yh_of(2 * Wr - 3 * W2, 2 * br - 3 * b2_), 2 * Yh_of(Wr, br) - 3 * Yh_of(W2, b2_), 1e-12)
    ok11 = allclose(gW, Xr.T @ G_true, 1e-6) and allclose(gb, G_true.T @ np.ones(N), 1e-6) \
        and (Xr.T @ G_true).shape == (d, k) and (G_true.T @ np.ones((N, 1))).shape == (k, 1)
    ok12 = allclose(gW, 2 * Xr.T @ (Xr @ Wr + np.ones((N, 1)) @ br.reshape(1, k) - Yr), 1e-6)
    # numbers
    X = np.array([[1, 2], [0, 1], [2, -1.0]])
    W = np.array([[0.5], [-1.0]])
    b = 0.5
    Y = np.array([[1.0], [0.0], [2.0]])
    Yh = X @ W + b
    E = Yh - Y
    G = grad(lambda A: loss(A, Y), Yh)
    gWn = grad(lambda A: loss(X @ A + b, Y), W)
    gbn = d1(lambda c: loss(X @ W + c, Y), b)
    Wn, bn = W - 0.1 * gWn, b - 0.1 * gbn
    return [
        ("**Setup.**", GIVEN),
        (r"$$L(W, \mathbf{b}) = ", T(ok4)),
        ("**(a) Shapes (2 pts).**", T(ok6)),
        (r"Let $E = \hat Y - Y$", T((Yhr - Yr).shape == (N, k))),
        (r"$$G := \frac{\partial L}{\partial \hat Y}", T(allclose(G_true, 2 * (Yhr - Yr), 1e-6))),
        (r"is linear in $W$", T(ok10)),
        (r"\frac{\partial L}{\partial W} = X^\top G \quad", T(ok11)),
        (r"i.e. $\nabla_W L = 2X^\top", T(ok12)),
        ("**(c) Numerical example", GIVEN),
        ("**(d) One gradient-descent step", VV(r"$\eta = 0.1$", [0.1])),
        (r"$$X = \begin{bmatrix} 1 & 2", GIVEN),
        ("Forward: $", ALL(VV(r"[-1.0,\ -0.5,\ 2.5]^\top", list(Yh.ravel())), VV(r"$E = [-2,\ -0.5,\ 0.5]^\top$", list(E.ravel())))),
        (r"$$L = \tfrac13", ALL(HAS(r"\tfrac13"), VV(r"(4 + 0.25 + 0.25) = 1.5", list((E ** 2).ravel()) + [loss(Yh, Y)]))),
        (r"$$G = 2E = ", ALL(VM(0, G), VM(2, gWn), VV(r"1(-4) + 0(-1) + 2(1) \\ 2(-4) + 1(-1) + (-1)(1)",
                                                     [X[0, 0], G[0, 0], X[1, 0], G[1, 0], X[2, 0], G[2, 0], X[0, 1], G[0, 0], X[1, 1], G[1, 0], X[2, 1], G[2, 0]]))),
        (r"$$\frac{\partial L}{\partial b} = -4", VV(r"= -4 - 1 + 1 = -4", [G[0, 0], -G[1, 0], G[2, 0], gbn])),
        (r"$$W \leftarrow W - 0.1", ALL(VM(0, gWn), VM(1, Wn), VV(r"b \leftarrow 0.5 - 0.1(-4) = 0.9", [b, 0.1, gbn, bn]))),
        (r"$$\boxed{\nabla_W L", ALL(VM(0, gWn), VV(r"\partial L/\partial b = -4", [gbn]))),
    ]


# ----------------------------------------------------------------------------
# 06 CNN output sizes and parameter count (Indian)
# ----------------------------------------------------------------------------
def out_size(W, K, P, S):
    # enumerate admissible window start positions on the padded input
    return len([s for s in range(0, W + 2 * P - K + 1, S)])


def conv_params(K, Cin, Cout):
    weight = np.zeros((Cout, Cin, K, K))
    bias = np.zeros(Cout)
    return weight.size + bias.size


def checks_06():
    ok8 = all(math.floor((W - K + 2 * P) / S) + 1 == out_size(W, K, P, S)
              for W in range(5, 40) for K in range(1, 6) for P in range(0, 3) for S in range(1, 4) if W + 2 * P >= K)
    o1 = out_size(32, 5, 0, 1)
    p1 = conv_params(5, 3, 8)
    o2 = out_size(o1, 2, 0, 2)
    o3 = out_size(o2, 3, 1, 2)
    p3 = conv_params(3, 8, 16)
    flat = o3 * o3 * 16
    fc = np.zeros((10, flat)).size + np.zeros(10).size
    total = p1 + p3 + fc
    o3s = out_size(o2, 3, 1, 1)
    flat_s = o3s * o3s * 16
    fc_s = flat_s * 10 + 10

    def trow(name, shape, params):
        def p(L):
            cells = [c.strip() for c in L.strip().strip("|").split("|")]
            if cells[0] != name:
                return False
            shp = tuple(int(v) for v in cells[1].split("×"))
            return shp == tuple(shape) and int(cells[2]) == params
        return p

    return [
        ("**Q.** A CNN", GIVEN),
        ("Output size of a conv/pool layer", GIVEN),
        (r"$$O = \left\lfloor \frac{W - K + 2P}{S}", T(ok8)),
        ("1. **Conv1:**", ALL(VV(r"\frac{32 - 5 + 0}{1} + 1 = 28", [32, 5, 0, 1, 1, o1]), VV(r"$28 \times 28 \times 8$", [o1, o1, 8]))),
        (r"Params $= (5 \cdot 5", VV(r"(5 \cdot 5 \cdot 3)\cdot 8 + 8 = 600 + 8 = 608", [5, 5, 3, 8, 8, 5 * 5 * 3 * 8, 8, p1])),
        ("2. **MaxPool:**", ALL(VV(r"\frac{28 - 2}{2} + 1 = 14", [o1, 2, 2, 1, o2]), VV(r"$14 \times 14 \times 8$", [o2, o2, 8]))),
        ("3. **Conv2:**", ALL(VV(r"\frac{14 - 3 + 2}{2} \right\rfloor + 1 = \lfloor 6.5 \rfloor + 1 = 7", [o2, 3, 2, 2, 1, (o2 - 3 + 2) / 2, 1, o3]),
                              VV(r"$7 \times 7 \times 16$", [o3, o3, 16]))),
        (r"Params $= 3 \cdot 3", VV(r"3 \cdot 3 \cdot 8 \cdot 16 = 1152", [3, 3, 8, 16, p3])),
        ("4. **Flatten:**", VV(r"7 \cdot 7 \cdot 16 = 784", [o3, o3, 16, flat])),
        ("5. **FC:**", VV(r"784 \cdot 10 + 10 = 7850", [flat, 10, 10, fc])),
        ("| Input ", trow("Input", (32, 32, 3), 0)),
        ("| Conv1 ", trow("Conv1", (o1, o1, 8), p1)),
        ("| MaxPool ", trow("MaxPool", (o2, o2, 8), 0)),
        ("| Conv2 ", trow("Conv2", (o3, o3, 16), p3)),
        ("| Flatten ", lambda L: [c.strip() for c in L.strip().strip("|").split("|")][1:] == [str(flat), "0"]),
        ("| FC ", lambda L: [c.strip() for c in L.strip().strip("|").split("|")][1:] == ["10", str(fc)]),
        (r"\therefore \text{Total}", VV(r"608 + 1152 + 7850 = \boxed{9610", [p1, p3, fc, total])),
        ("Note: had Conv2", ALL(VV(r"$14\times14\times16$", [o3s, o3s, 16]), VV(r"$14\cdot 14\cdot 16 = 3136$", [o3s, o3s, 16, flat_s]),
                                VV(r"$3136\cdot 10 + 10 = 31370$", [flat_s, 10, 10, fc_s]), T(abs(fc_s / fc - 4) < 0.05))),
    ]


# ----------------------------------------------------------------------------
# 07 max-pooling backward (Vietnamese, decimal comma)
# ----------------------------------------------------------------------------
def pool(X, k, s):
    n = (X.shape[0] - k) // s + 1
    return np.array([[X[i * s:i * s + k, j * s:j * s + k].max() for j in range(n)] for i in range(n)])


def checks_07():
    X = np.array([[1, 3, 2, 0], [4, 2, 1, 5], [0, 6, 3, 2], [1, 2, 7, 1.0]])
    G = np.array([[0.1, -0.2], [0.3, 0.5]])
    Y2, Y3 = pool(X, 2, 2), pool(X, 3, 1)
    g2 = grad(lambda A: np.sum(G * pool(A, 2, 2)), X)
    g3 = grad(lambda A: np.sum(G * pool(A, 3, 1)), X)

    def routed(A, GG, k, s):
        out = np.zeros_like(A)
        n = GG.shape[0]
        for i in range(n):
            for j in range(n):
                w = A[i * s:i * s + k, j * s:j * s + k]
                r, c = np.unravel_index(np.argmax(w), w.shape)
                out[i * s + r, j * s + c] += GG[i, j]
        return out

    ok16 = True
    for _ in range(5):
        A = RNG.normal(size=(4, 4))
        GG = RNG.normal(size=(2, 2))
        for k, s in [(2, 2), (3, 1)]:
            ok16 &= allclose(routed(A, GG, k, s), grad(lambda B: np.sum(GG * pool(B, k, s)), A), 1e-6)

    def blk(r0, c0, k, items, mx, pos):
        w = X[r0:r0 + k, c0:c0 + k]
        r, c = np.unravel_index(np.argmax(w), w.shape)
        return (sorted(w.ravel().tolist()) == sorted(items) if items is not None else True) and w.max() == mx \
            and (r0 + r + 1, c0 + c + 1) == pos and np.sum(w == w.max()) == 1

    return [
        ("**Đề bài.**", GIVEN),
        (r"$$X = \begin{bmatrix} 1 & 3", GIVEN),
        ("a) Max-pooling $2", GIVEN),
        ("Chia $X$ thành 4 khối", T(out_size(4, 2, 0, 2) ** 2 == 4)),
        ("khối trên-trái", ALL(HAS(r"$\{1, 3, 4, 2\}$", "max $= 4$", "$(2,1)$"), T(blk(0, 0, 2, [1, 3, 4, 2], 4, (2, 1))))),
        ("khối trên-phải", ALL(HAS(r"$\{2, 0, 1, 5\}$", "max $= 5$", "$(2,4)$"), T(blk(0, 2, 2, [2, 0, 1, 5], 5, (2, 4))))),
        ("khối dưới-trái", ALL(HAS(r"$\{0, 6, 1, 2\}$", "max $= 6$", "$(3,2)$"), T(blk(2, 0, 2, [0, 6, 1, 2], 6, (3, 2))))),
        ("khối dưới-phải", ALL(HAS(r"$\{3, 2, 7, 1\}$", "max $= 7$", "$(4,3)$"), T(blk(2, 2, 2, [3, 2, 7, 1], 7, (4, 3))))),
        (r"\Rightarrow\ Y = \begin", VM(0, Y2)),
        ("nên gradient chỉ chảy về vị trí argmax", GIVEN),
        (r"\frac{\partial L}{\partial X_{pq}} = \sum_{i,j}", T(ok16)),
        (r"$$\frac{\partial L}{\partial X} = \begin", VM(0, g2)),
        ("Kích thước đầu ra", ALL(VV(r"$(4 - 3)/1 + 1 = 2$", [4, 3, 1, 1, out_size(4, 3, 0, 1)]), T(Y3.shape == (2, 2)))),
        (r"$\Omega_{11}$ (hàng 1–3", ALL(HAS("max $= 6$ tại $(3,2)$;  $\\Omega_{12}$"), T(blk(0, 0, 3, None, 6, (3, 2)) and blk(0, 1, 3, None, 6, (3, 2))))),
        (r"$\Omega_{21}$ (hàng 2–4", ALL(HAS("max $= 7$ tại $(4,3)$;  $\\Omega_{22}$"), T(blk(1, 0, 3, None, 7, (4, 3)) and blk(1, 1, 3, None, 7, (4, 3))))),
        (r"\Rightarrow\ Y' = \begin", VM(0, Y3)),
        ("Vì các cửa sổ chồng lấp", GIVEN),
        (r"\frac{\partial L}{\partial X_{32}} = ", ALL(HAS(r"\partial X_{32}} = 0{,}1 + (-0{,}2)", r"\partial X_{43}} = 0{,}3 + 0{,}5"), VV(r"0{,}1 + (-0{,}2) = -0{,}1", [G[0, 0], G[0, 1], g3[2, 1]]),
                                                       VV(r"0{,}3 + 0{,}5 = 0{,}8", [G[1, 0], G[1, 1], g3[3, 2]]))),
        (r"\Big|_{\text{b}} = \begin", VM(0, g3)),
        ("**Kiểm tra:**", ALL(VV(r"$0{,}1 - 0{,}2 + 0{,}3 + 0{,}5 = 0{,}7$", [G[0, 0], -G[0, 1], G[1, 0], G[1, 1], G.sum()]),
                             T(abs(g2.sum() - G.sum()) < 1e-8 and abs(g3.sum() - G.sum()) < 1e-8))),
        ("**Đáp số:**", ALL(VM(0, Y2), VM(1, Y3))),
    ]


# ----------------------------------------------------------------------------
# 08 1-D convolution backward (Swedish, decimal comma)
# ----------------------------------------------------------------------------
def corr1d(x, w):
    n = len(x) - len(w) + 1
    return np.array([sum(w[k] * x[i + k] for k in range(len(w))) for i in range(n)])


def checks_08():
    x = np.array([1, 2, -1, 0, 3.0])
    w = np.array([0.5, -1, 2.0])
    dl = np.array([1, 0.5, -1.0])
    y = corr1d(x, w)
    gw = grad(lambda v: dl @ corr1d(x, v), w)
    gx = grad(lambda v: dl @ corr1d(v, w), x)
    ok14 = ok15 = ok21 = ok22 = True
    for _ in range(5):
        xr, wr, dr = RNG.normal(size=5), RNG.normal(size=3), RNG.normal(size=3)
        Jw = jac(lambda v: corr1d(xr, v), wr)
        Jx = jac(lambda v: corr1d(v, wr), xr)
        for i in range(3):
            for k in range(3):
                ok14 &= abs(Jw[i, k] - xr[i + k]) < 1e-8
            for j in range(5):
                kk = j - i   # 0-based: w index j-i  <=>  1-based w_{j-i+1}
                ok21 &= abs(Jx[i, j] - (wr[kk] if 0 <= kk <= 2 else 0.0)) < 1e-8
        ok15 &= allclose(grad(lambda v: dr @ corr1d(xr, v), wr), [sum(dr[i] * xr[i + k] for i in range(3)) for k in range(3)], 1e-7)
        ok22 &= allclose(grad(lambda v: dr @ corr1d(v, wr), xr),
                         [sum(dr[i] * wr[j - i] for i in range(3) if 0 <= j - i <= 2) for j in range(5)], 1e-7)

    def terms(pairs, j):   # 1-based (delta index, w index) pairs claimed for dL/dx_j
        return T(abs(sum(dl[i - 1] * w[k - 1] for i, k in pairs) - gx[j - 1]) < 1e-8)

    return [
        ("**Givet:**", GIVEN),
        (r"$$y_i = \sum_{k=1}^{3}", GIVEN),
        (r"med $\mathbf{x} = ", GIVEN),
        (r"$$y_1 = ", VV(r"0{,}5\cdot 1 + (-1)\cdot 2 + 2\cdot(-1) = -3{,}5", [w[0], x[0], w[1], x[1], w[2], x[2], y[0]])),
        (r"$$y_2 = ", VV(r"0{,}5\cdot 2 + (-1)\cdot(-1) + 2\cdot 0 = 2", [w[0], x[1], w[1], x[2], w[2], x[3], y[1]])),
        (r"$$y_3 = ", VV(r"0{,}5\cdot(-1) + (-1)\cdot 0 + 2\cdot 3 = 5{,}5", [w[0], x[2], w[1], x[3], w[2], x[4], y[2]])),
        (r"Eftersom $\partial y_i/\partial w_k", T(ok14)),
        (r"$$\frac{\partial L}{\partial w_k} = \sum", T(ok15)),
        (r"\frac{\partial L}{\partial w_1} = ", VV(r"1\cdot 1 + 0{,}5\cdot 2 + (-1)\cdot(-1) = 3", [dl[0], x[0], dl[1], x[1], dl[2], x[2], gw[0]])),
        (r"\frac{\partial L}{\partial w_2} = ", VV(r"1\cdot 2 + 0{,}5\cdot(-1) + (-1)\cdot 0 = 1{,}5", [dl[0], x[1], dl[1], x[2], dl[2], x[3], gw[1]])),
        (r"\frac{\partial L}{\partial w_3} = ", VV(r"1\cdot(-1) + 0{,}5\cdot 0 + (-1)\cdot 3 = -4", [dl[0], x[2], dl[1], x[3], dl[2], x[4], gw[2]])),
        ("Ett SGD-steg", ALL(VV(r"$\eta = 0{,}1$", [0.1]), VM(0, w - 0.1 * gw, row=True))),
        ("Varje $x_j$ påverkar", T(ok21)),
        (r"$$\frac{\partial L}{\partial x_j} = \sum_{i}", T(ok22)),
        ("(en \"full\" faltning", T(allclose(np.convolve(dl, w, mode="full"), gx, 1e-7))),
        (r"\frac{\partial L}{\partial x_1} = \delta_1 w_1", ALL(terms([(1, 1)], 1), terms([(1, 2), (2, 1)], 2),
                                                               VV(r"\delta_1 w_1 = 0{,}5,", [1, 1, gx[0]]),
                                                               VV(r"\delta_1 w_2 + \delta_2 w_1 = -1 + 0{,}25 = -0{,}75", [1, 2, 2, 1, dl[0] * w[1], dl[1] * w[0], gx[1]]))),
        (r"\frac{\partial L}{\partial x_3} = ", ALL(terms([(1, 1), (2, 2), (3, 3)], 3),
                                                    VV(r"= 0{,}5 - 0{,}5 - 2 = -2", [None, None, None, gx[2]]))),
        (r"\frac{\partial L}{\partial x_4} = ", ALL(terms([(2, 3), (3, 2)], 4), terms([(3, 3)], 5),
                                                    VV(r"\delta_2 w_3 + \delta_3 w_2 = 1 + 1 = 2", [2, 3, 3, 2, dl[1] * w[2], dl[2] * w[1], gx[3]]),
                                                    VV(r"\delta_3 w_3 = -2", [3, 3, gx[4]]))),
        (r"$$\boxed{\nabla_{\mathbf{w}} L", ALL(VM(0, gw, row=True), VM(1, gx, row=True))),
    ]


# ----------------------------------------------------------------------------
# 09 batch-norm forward (Greek, decimal comma)
# ----------------------------------------------------------------------------
def checks_09():
    x = np.array([1, 3, 4, 8.0])
    gam, bet, eps = 2.0, 0.5, 1e-5
    mu = x.mean()
    var = np.mean((x - mu) ** 2)
    sd = math.sqrt(var + eps)
    xh = (x - mu) / sd
    y = gam * xh + bet
    s2 = np.sum((x - mu) ** 2) / (len(x) - 1)
    rm = 0.9 * 0 + 0.1 * mu
    rv = 0.9 * 1 + 0.1 * s2
    xe = 3.0
    ye = gam * (xe - rm) / math.sqrt(rv + eps) + bet
    return [
        ("**Δίνονται:**", GIVEN),
        ("Ορμή των running statistics", GIVEN),
        (r"$$\mu_B = \tfrac14", ALL(HAS(r"\tfrac14"), T(len(x) == 4), VV(r"(1 + 3 + 4 + 8) = \tfrac{16}{4} = 4", [1, 3, 4, 8, x.sum(), 4, mu]))),
        ("διαίρεση με $m$", GIVEN),
        (r"$$\sigma_B^2 = \tfrac14", VV(r"\bigl[(-3)^2 + (-1)^2 + 0^2 + 4^2\bigr] = \tfrac{26}{4} = 6{,}5",
                                        [x[0] - mu, 2, x[1] - mu, 2, x[2] - mu, 2, x[3] - mu, 2, np.sum((x - mu) ** 2), 4, var])),
        ("**(γ) Κανονικοποίηση.**", ALL(VV(r"\sqrt{6{,}50001} = 2{,}54951$", [var + eps, sd]), HAS(r"$\sqrt{\sigma_B^2 + \epsilon} = "))),
        (r"$$\hat x_i = \frac{x_i - \mu_B}", ALL(VV(r"\tfrac{-3}{2{,}54951};\ \tfrac{-1}{2{,}54951};\ 0;\ \tfrac{4}{2{,}54951}",
                                                    [x[0] - mu, sd, x[1] - mu, sd, xh[2], x[3] - mu, sd]),
                                                 VV(r"= (-1{,}17670;\ -0{,}39223;\ 0;\ 1{,}56893)", list(xh)))),
        ("**(δ) Κλιμάκωση", GIVEN),
        (r"$$y = (2\cdot(-1{,}17670)", ALL(VV(r"(2\cdot(-1{,}17670) + 0{,}5;\ \ 2\cdot(-0{,}39223) + 0{,}5;\ \ 0{,}5;\ \ 2\cdot 1{,}56893 + 0{,}5)",
                                             [gam, xh[0], bet, gam, xh[1], bet, y[2], gam, xh[3], bet]),
                                          VV(r"= (-1{,}8534;\ -0{,}2845;\ 0{,}5;\ 3{,}6379)", list(y)))),
        ("Έλεγχος:", ALL(T(abs(xh.sum()) < 1e-12), VV(r"$\tfrac14\sum_i \hat x_i^2 = 6{,}5/6{,}50001 \approx 1$", [14, 2, var, var + eps, 1]),
                         T(abs(np.mean(xh ** 2) - var / (var + eps)) < 1e-12), VV(r"$\beta = 0{,}5$", [y.mean()]),
                         VV(r"$\approx \gamma = 2$", [y.std()]))),
        (r"$$s^2 = \tfrac{26}{3}", ALL(VV(r"s^2 = \tfrac{26}{3} = 8{,}6667", [2, np.sum((x - mu) ** 2), 3, s2]),
                                      VV(r"0{,}9\cdot 0 + 0{,}1\cdot 4 = 0{,}4", [0.9, 0, 0.1, mu, rm]),
                                      VV(r"0{,}9\cdot 1 + 0{,}1\cdot 8{,}6667 = 1{,}7667", [0.9, 1, 0.1, s2, rv]))),
        ("Για νέο δείγμα $x = 3$", GIVEN),
        (r"$$y = \gamma\,\frac{3 - 0{,}4}", ALL(VV(r"\frac{3 - 0{,}4}{\sqrt{1{,}7667 + \epsilon}}", [xe, rm, rv]),
                                                VV(r"2\cdot\frac{2{,}6}{1{,}3292} + 0{,}5 = 3{,}912 + 0{,}5 = \boxed{4{,}412}",
                                                   [gam, xe - rm, math.sqrt(rv + eps), bet, gam * (xe - rm) / math.sqrt(rv + eps), bet, ye]))),
    ]


# ----------------------------------------------------------------------------
# 10 Adam, two steps (Hindi-English)
# ----------------------------------------------------------------------------
def checks_10():
    f = lambda th: th ** 2
    eta, b1, b2, eps = 0.1, 0.9, 0.999, 1e-8
    th0 = 1.0
    g1 = d1(f, th0)
    m1 = b1 * 0 + (1 - b1) * g1
    v1 = b2 * 0 + (1 - b2) * g1 ** 2
    mh1, vh1 = m1 / (1 - b1), v1 / (1 - b2)
    th1 = th0 - eta * mh1 / (math.sqrt(vh1) + eps)
    g2 = d1(f, th1)
    m2 = b1 * m1 + (1 - b1) * g2
    v2 = b2 * v1 + (1 - b2) * g2 ** 2
    mh2, vh2 = m2 / (1 - b1 ** 2), v2 / (1 - b2 ** 2)
    th2 = th1 - eta * mh2 / (math.sqrt(vh2) + eps)
    # plain SGD
    s1 = th0 - eta * d1(f, th0)
    s2 = s1 - eta * d1(f, s1)
    ok13 = all(abs(((1 - b1) * g / (1 - b1)) / math.sqrt((1 - b2) * g * g / (1 - b2)) - np.sign(g)) < 1e-12
               for g in RNG.normal(size=10) * 5)
    return [
        ("**Given:** $f(\\theta)", GIVEN),
        ("Yaad rakho", GIVEN),
        (r"$$m_t = \beta_1 m_{t-1}", GIVEN),
        (r"$$\hat m_t = \frac{m_t}", GIVEN),
        ("**Step 1 ($t = 1$).**", VV(r"$g_1 = f'(\theta_0) = 2\theta_0 = 2.0$", [1, 0, 2, 0, g1])),
        (r"$$m_1 = 0.1", ALL(VV(r"m_1 = 0.1 \times 2.0 = 0.2", [1, 1 - b1, g1, m1]), VV(r"v_1 = 0.001 \times 4.0 = 0.004", [1, 1 - b2, g1 ** 2, v1]))),
        (r"$$\hat m_1 = ", ALL(VV(r"\frac{0.2}{1 - 0.9} = 2.0", [m1, 1, b1, mh1]), VV(r"\frac{0.004}{1 - 0.999} = 4.0", [v1, 1, b2, vh1]))),
        (r"$$\theta_1 = 1.0", VV(r"\theta_1 = 1.0 - 0.1 \cdot \frac{2.0}{\sqrt{4.0}} = 1.0 - 0.1 = 0.9",
                                 [1, th0, eta, mh1, vh1, th0, eta * mh1 / math.sqrt(vh1), th1])),
        ("Dekho, pehle step", ALL(VV(r"$\hat m_1/\sqrt{\hat v_1} = g_1/|g_1| = 1$", [1, 1, 1, 1, mh1 / math.sqrt(vh1)]), T(ok13),
                                  T(abs((th0 - th1) - eta) < 1e-6))),
        ("**Step 2 ($t = 2$).**", VV(r"$g_2 = 2\theta_1 = 1.8$", [2, 2, 1, g2])),
        (r"$$m_2 = ", VV(r"m_2 = 0.9 \times 0.2 + 0.1 \times 1.8 = 0.18 + 0.18 = 0.36", [2, b1, m1, 1 - b1, g2, b1 * m1, (1 - b1) * g2, m2])),
        (r"$$v_2 = ", VV(r"v_2 = 0.999 \times 0.004 + 0.001 \times 3.24 = 0.003996 + 0.00324 = 0.007236",
                         [2, b2, v1, 1 - b2, g2 ** 2, b2 * v1, (1 - b2) * g2 ** 2, v2])),
        ("Bias correction (ab", VV(r"$t = 2$", [2])),
        (r"$$\hat m_2 = ", ALL(VV(r"\hat m_2 = \frac{0.36}{1 - 0.9^2} = \frac{0.36}{0.19} = 1.8947", [2, m2, 1, b1, 2, m2, 1 - b1 ** 2, mh2]),
                               VV(r"\hat v_2 = \frac{0.007236}{1 - 0.999^2} = \frac{0.007236}{0.001999} = 3.6198", [2, v2, 1, b2, 2, v2, 1 - b2 ** 2, vh2]))),
        (r"$$\theta_2 = 0.9", VV(r"\theta_2 = 0.9 - 0.1 \cdot \frac{1.8947}{3.6198} = 0.9 - 0.0523 = 0.8477",
                                 [2, th1, eta, mh2, math.sqrt(vh2), th1, th1 - th2, th2])),
        ("**Comparison with plain SGD**", ALL(VV(r"$\eta = 0.1$", [eta]), VV(r"$\theta_1 = 1 - 0.1\cdot 2 = 0.8$", [1, th0, eta, d1(f, th0), s1]),
                                              VV(r"$\theta_2 = 0.8 - 0.1 \cdot 1.6 = 0.64$", [2, s1, eta, d1(f, s1), s2]))),
        ("SGD yahan zyada tez", ALL(T(abs(g1) > 1 and abs(g2) > 1 and (th0 - s2) > (th0 - th2)),
                                    VV(r"$> 1$", [1]), VV(r"$1.0 - 0.8477 = 0.1523$", [th0, th2, th0 - th2]))),
        ("**Final answer:**", VV(r"\theta_1 = 0.9,\quad \theta_2 \approx 0.8477", [1, th1, 2, th2])),
    ]


# ----------------------------------------------------------------------------
# 11 learning-rate schedules (Dutch, decimal comma)
# ----------------------------------------------------------------------------
def checks_11():
    eta0, gam, s, k, T_ = 0.1, 0.5, 10, 0.05, 100
    emax, emin = 0.1, 0.001
    step = lambda t: eta0 * gam ** (t // s)
    expo = lambda t: eta0 * math.exp(-k * t)
    cosn = lambda t: emin + 0.5 * (emax - emin) * (1 + math.cos(math.pi * t / T_))
    warm = lambda t: eta0 * t / 5
    half_t = math.log(2) / k
    total = sum(step(t) for t in range(100))
    late = sum(step(t) for t in range(50, 100))

    def row(t):
        def p(L):
            cells = [c.strip() for c in L.strip().strip("|").split("|")]
            if int(cells[0]) != t:
                return False
            return close(norm(cells[1]), step(t)) and close(norm(cells[2]), expo(t)) and close(norm(cells[3]), cosn(t))
        return p

    return [
        ("**Gegeven.**", GIVEN),
        ("**Opgave (a): step decay**", GIVEN),
        ("Voor $t = 25$", ALL(VV(r"$\lfloor 25/10 \rfloor = 2$", [25, s, 25 // s]),
                              VV(r"$\eta_{25} = 0{,}1 \cdot 0{,}5^2 = 0{,}025$", [25, eta0, gam, 2, step(25)]))),
        ("**Opgave (b): exponentieel", GIVEN),
        (r"$$\eta_{25} = 0{,}1\cdot e^", VV(r"\eta_{25} = 0{,}1\cdot e^{-1{,}25} = 0{,}1 \cdot 0{,}2865 = 0{,}02865",
                                           [25, eta0, -k * 25, eta0, math.exp(-k * 25), expo(25)])),
        ("De learning rate halveert", ALL(VV(r"$t_{1/2} = \ln 2 / k = 0{,}6931/0{,}05 = 13{,}86$", [1, 2, 2, math.log(2), k, half_t]),
                                         T(abs(expo(half_t) - eta0 / 2) < 1e-12))),
        ("**Opgave (c): cosine annealing**", GIVEN),
        (r"$$\eta_t = \eta_{\min} + \tfrac12", GIVEN),
        (r"$$\eta_{25} = 0{,}001 + 0{,}0495", ALL(T(abs(math.pi * 25 / T_ - math.pi / 4) < 1e-15),
                                                 VV(r"\eta_{25} = 0{,}001 + 0{,}0495\,(1 + \cos\tfrac{\pi}{4}) = 0{,}001 + 0{,}0495 \cdot 1{,}7071 = 0{,}001 + 0{,}0845 = 0{,}0855",
                                                    [25, emin, (emax - emin) / 2, 1, 4, emin, (emax - emin) / 2, 1 + math.cos(math.pi / 4),
                                                     emin, (emax - emin) / 2 * (1 + math.cos(math.pi / 4)), cosn(25)]))),
        (r"$$\eta_{50} = 0{,}001", ALL(VV(r"\eta_{50} = 0{,}001 + 0{,}0495\,(1 + 0) = 0{,}0505", [50, emin, (emax - emin) / 2, 1, math.cos(math.pi / 2), cosn(50)]),
                                      T(abs(cosn(50) - (emax + emin) / 2) < 1e-15))),
        ("**Opgave (d): lineaire warm-up**", VV(r"$\eta_2 = 0{,}1 \cdot 2/5 = 0{,}04$", [2, eta0, 2, 5, warm(2)])),
        ("| $t$ | step decay", GIVEN),
        ("| 0   |", row(0)),
        ("| 10  |", row(10)),
        ("| 25  |", row(25)),
        ("| 50  |", row(50)),
        ("| 75  |", row(75)),
        (r"$$\sum_{t=0}^{99}\eta_t", ALL(VV(r"= 10\cdot 0{,}1\,\bigl(1 + 0{,}5 + \dots + 0{,}5^{9}\bigr) = \frac{1 - 0{,}5^{10}}{1 - 0{,}5} = \boxed{1{,}998}",
                                            [s, eta0, 1, gam, gam, 9, 1, gam, 10, 1, gam, total]),
                                         T(abs(s * eta0 * sum(gam ** i for i in range(10)) - total) < 1e-12),
                                         T(abs((1 - gam ** 10) / (1 - gam) - total) < 1e-12))),
        ("Na epoch 50 draagt step decay", T(late / total < 0.05 and abs(cosn(50) - emax / 2) < 0.001)),
    ]


# ----------------------------------------------------------------------------
# 12 L2 regularisation + momentum / Nesterov (UK)
# ----------------------------------------------------------------------------
def checks_12():
    lam, eta, mu = 0.01, 0.1, 0.9
    Lf = lambda w: 0.2 * w[0] ** 2 + 0.15 * w[1] ** 2
    Jf = lambda w: Lf(w) + lam * np.sum(w ** 2)
    gJ = lambda w: grad(Jf, w)
    w0 = np.array([1.0, -2.0])
    v0 = np.zeros(2)
    pts = randpts(10, (2,))
    ok7 = all(allclose(grad(Lf, p), [0.4 * p[0], 0.3 * p[1]], 1e-7) for p in pts)
    ok8 = all(allclose(grad(lambda w: lam * np.sum(w ** 2), p), lam * p, 1e-7) for p in pts)
    ok9 = all(allclose(gJ(p), [0.41 * p[0], 0.31 * p[1]], 1e-7) for p in pts)
    g0 = gJ(w0)
    v1 = mu * v0 - eta * g0
    w1 = w0 + v1
    # plain SGD on J written as weight decay: w - eta*gJ(w) == c*w - eta*gradL(w)
    c = 1 - 2 * eta * lam
    ok13 = all(allclose(p - eta * gJ(p), c * p - eta * grad(Lf, p), 1e-8) for p in pts)
    wt = w1 + mu * v1
    gt = gJ(wt)
    v2 = mu * v1 - eta * gt
    w2 = w1 + v2
    return [
        ("**Given:** loss", GIVEN),
        ("Start $\\mathbf{w}_0", GIVEN),
        (r"$$\nabla L(\mathbf{w}) = (0.4", ALL(T(ok7), VV(r"= (0.4\,w_1,\ 0.3\,w_2)", [0.4, 1, 0.3, 2]), VV(r"\nabla L(\mathbf{w}_0) = (0.4,\ -0.6)", [0] + list(grad(Lf, w0))))),
        (r"$$\nabla_{\mathbf{w}}\bigl(\lambda", T(ok8)),
        (r"\Rightarrow\ \nabla J(\mathbf{w}) = ", ALL(T(ok9), VV(r"(0.4\,w_1 + 0.01\,w_1,\ 0.3\,w_2 + 0.01\,w_2) = (0.41\,w_1,\ 0.31\,w_2)", [0.4, 1, 2 * lam, 1, 0.3, 2, 2 * lam, 2, 0.4 + 2 * lam, 1, 0.3 + 2 * lam, 2]),
                                                   VV(r"\nabla J(\mathbf{w}_0) = (0.41,\ -0.62)", [0] + list(g0)))),
        (r"$$\mathbf{v}_1 = \mu", ALL(VV(r"= (-0.041,\ 0.062)", list(v1)), VV(r"= (0.959,\ -1.938)", list(w1)))),
        ("Remark: without momentum", ALL(T(ok13), VV(r"= 0.999\,\mathbf{w}", [c]))),
        ("Nesterov: evaluate the gradient", GIVEN),
        (r"$$\tilde{\mathbf{w}} = ", VV(r"(0.959 - 0.0369,\ -1.938 + 0.0558) = (0.9221,\ -1.8822)", [w1[0], -mu * v1[0], w1[1], mu * v1[1], wt[0], wt[1]])),
        (r"$$\nabla J(\tilde{\mathbf{w}}) = ", VV(r"(0.41 \cdot 0.9221,\ 0.31\cdot(-1.8822)) = (0.3781,\ -0.5835)",
                                                 [gt[0] / wt[0], wt[0], gt[1] / wt[1], wt[1], gt[0], gt[1]])),
        (r"$$\mathbf{v}_2 = ", VV(r"(-0.0369 - 0.0378,\ 0.0558 + 0.0583) = (-0.0747,\ 0.1141)",
                                  [mu * v1[0], eta * gt[0], mu * v1[1], -eta * gt[1], v2[0], v2[1]])),
        (r"$$\mathbf{w}_2 = ", VV(r"\boxed{(0.8843,\ -1.8239)}", list(w2))),
        ("Both coordinates move towards", T(np.all(np.abs(w2) < np.abs(w1)) and abs(v2[1]) > abs(v2[0]) and abs(gt[1]) > abs(gt[0]))),
    ]


# ----------------------------------------------------------------------------
# 13 dropout expectation (Japanese)
# ----------------------------------------------------------------------------
def checks_13():
    h = np.array([2.0, -1.0, 0.5])
    w = np.array([0.5, 1.0, -2.0])
    p = 0.8
    masks, probs = [], []
    for bits in range(8):
        m = np.array([(bits >> i) & 1 for i in range(3)], float)
        masks.append(m)
        probs.append(np.prod(np.where(m == 1, p, 1 - p)))
    probs = np.array(probs)
    ht = np.array([m * h / p for m in masks])
    E = probs @ ht
    Var = probs @ (ht - E) ** 2
    z = ht @ w
    Ez = probs @ z
    Vz = probs @ (z - Ez) ** 2
    Emh = probs @ np.array([m * h for m in masks])
    m_s = np.array([1.0, 0.0, 1.0])
    g = np.array([0.3, 0.3, 0.3])
    gh = grad(lambda hh: g @ (m_s * hh / p), h)
    p_all = probs[0]
    E_kept = probs @ np.array([m.sum() for m in masks])
    return [
        ("**問題.**", GIVEN),
        (r"$\tilde h_i = m_i h_i / p$", GIVEN),
        ("**(1) 期待値**", GIVEN),
        (r"$$\mathbb{E}[\tilde h_i] = p\cdot", ALL(T(allclose(E, h, 1e-12)), VV(r"\mathbb{E}[\tilde{\mathbf{h}}] = (2.0,\ -1.0,\ 0.5)", list(E)))),
        ("推論時には何もしなくてよい", T(allclose(E, h, 1e-12))),
        (r"$$\mathrm{Var}[\tilde h_i] = ", ALL(T(allclose(Var, h ** 2 * (1 - p) / p, 1e-12)), T(allclose(Var, probs @ ht ** 2 - h ** 2, 1e-12)),
                                              VV(r"= 0.25\,h_i^2", [(1 - p) / p, 2]))),
        (r"\Rightarrow\ \mathrm{Var}[\tilde{\mathbf{h}}]", VV(r"(1.0,\ 0.25,\ 0.0625)", list(Var))),
        ("**(3) 次の層の出力**", GIVEN),
        (r"$$\mathbb{E}[z] = ", VV(r"0.5\cdot 2.0 + 1.0\cdot(-1.0) + (-2.0)\cdot 0.5 = -1.0", [w[0], h[0], w[1], h[1], w[2], h[2], Ez])),
        (r"$$\mathrm{Var}[z] = ", VV(r"0.25\cdot 1.0 + 1.0\cdot 0.25 + 4.0\cdot 0.0625 = 0.75", [w[0] ** 2, Var[0], w[1] ** 2, Var[1], w[2] ** 2, Var[2], Vz])),
        ("学習時に $m_i h_i$", GIVEN),
        (r"$\mathbb{E}[m_i h_i] = p\,h_i", ALL(T(allclose(Emh, p * h, 1e-12)), VV(r"p\,h_i = (1.6,\ -0.8,\ 0.4)", list(Emh)))),
        ("**(5) 逆伝播**", GIVEN),
        (r"\odot \frac{\mathbf{m}}{p}", ALL(T(allclose(gh, g * m_s / p, 1e-8)),
                                            VV(r"\left(\frac{0.3}{0.8},\ 0,\ \frac{0.3}{0.8}\right) = (0.375,\ 0,\ 0.375)", [g[0], p, gh[1], g[2], p] + list(gh)))),
        ("**(6) 補足**", ALL(VV(r"$(1-p)^3 = 0.008$", [1, 3, p_all]), VV(r"$3p = 2.4$", [3, E_kept]))),
        (r"\boxed{\mathbb{E}[z] = -1.0", ALL(VV(r"\mathbb{E}[z] = -1.0", [Ez]), VV(r"\mathrm{Var}[z] = 0.75", [Vz]))),
    ]


# ----------------------------------------------------------------------------
# 14 log-sum-exp (Turkish, decimal comma)
# ----------------------------------------------------------------------------
def lse(z):
    z = np.asarray(z, float)
    return float(np.log(np.sum(np.exp(z))))


def hess_fd(f, z, h=1e-4):
    n = len(z)
    H = np.zeros((n, n))
    for i in range(n):
        for j in range(n):
            ei = np.eye(n)[i] * h
            ej = np.eye(n)[j] * h
            H[i, j] = (f(z + ei + ej) - f(z + ei - ej) - f(z - ei + ej) + f(z - ei - ej)) / (4 * h * h)
    return H


def checks_14():
    z = np.array([1.0, 2.0, 3.0])
    f = lse(z)
    p = grad(lse, z)
    H = hess_fd(lse, z)
    v = np.array([1.0, -1.0, 0.0])
    t = 0.1
    dirv = p @ v
    vHv = v @ H @ v
    pts = randpts(6, (3,))
    ok7 = all(allclose(grad(lse, q), np.exp(q) / np.sum(np.exp(q)), 1e-7) and
              allclose(grad(lambda r: np.sum(np.exp(r)), q) / np.sum(np.exp(q)), np.exp(q) / np.sum(np.exp(q)), 1e-7) for q in pts)
    ok8 = all(abs(grad(lse, q).sum() - 1) < 1e-7 and abs(lse(q + 0.37) - lse(q) - 0.37) < 1e-12 for q in pts)
    ok10 = all(allclose(jac(softmax, q), np.diag(softmax(q)) - np.outer(softmax(q), softmax(q)), 1e-6) for q in pts)
    ok11 = True
    for q in pts:
        Hq = hess_fd(lse, q)
        pq = softmax(q)
        ok11 &= allclose(Hq, np.diag(pq) - np.outer(pq, pq), 1e-5)
        r = RNG.normal(size=3)
        ok11 &= abs(r @ Hq @ r - (np.sum(pq * r ** 2) - np.sum(pq * r) ** 2)) < 1e-5 and (r @ Hq @ r) >= -1e-6
    ok12 = all(np.min(np.linalg.eigvalsh(hess_fd(lse, q))) > -1e-6 for q in pts)
    ok19 = all(np.max(q) <= lse(q) <= np.max(q) + math.log(len(q)) for q in pts)
    return [
        ("**Soru.**", GIVEN),
        ("**1) Gradyan.**", T(ok7)),
        ("Sonuç: $\\sum_i p_i = 1$", T(ok8)),
        ("**2) Hessian.**", T(ok10)),
        (r"$$\nabla^2 f(\mathbf{z}) = \mathrm{diag}", T(ok11)),
        ("(olasılık dağılımı", T(ok12)),
        ("**3) Sayısal değerler**", ALL(VV(r"$\max_i z_i = 3$", [np.max(z)]))),
        (r"$$f = 3 + \log", ALL(VV(r"3 + \log\bigl(e^{-2} + e^{-1} + e^{0}\bigr)", [np.max(z), z[0] - 3, z[1] - 3, z[2] - 3]),
                                T(abs(3 + math.log(np.sum(np.exp(z - 3))) - f) < 1e-12),
                                VV(r"= 3 + \log(0{,}1353 + 0{,}3679 + 1) = 3 + \log 1{,}5032 = 3{,}4076",
                                   [3, math.exp(-2), math.exp(-1), 1, 3, np.sum(np.exp(z - 3)), f]))),
        (r"$$\nabla f = \mathbf{p} = ", ALL(VV(r"\tfrac{0{,}1353}{1{,}5032};\ \tfrac{0{,}3679}{1{,}5032};\ \tfrac{1}{1{,}5032}",
                                              [math.exp(-2), np.sum(np.exp(z - 3)), math.exp(-1), np.sum(np.exp(z - 3)), 1, np.sum(np.exp(z - 3))]),
                                           VV(r"= (0{,}0900;\ 0{,}2447;\ 0{,}6652)", list(p)))),
        (r"$$\nabla^2 f = \begin{pmatrix}", VM(0, H)),
        ("Kontrol: her satırın toplamı", ALL(T(allclose(H.sum(axis=1), 0, 1e-6)), T(allclose(H @ np.ones(3), p - p * p.sum(), 1e-6)))),
        ("Sınırlar:", ALL(T(ok19), VV(r"$3 \le 3{,}4076 \le 3 + \ln 3 = 4{,}0986$", [np.max(z), f, 3, 3, 3 + math.log(3)]),
                         T(np.max(z) <= f <= np.max(z) + math.log(3)))),
        ("**4) Yönlü türev", GIVEN),
        (r"$$\nabla f\cdot\mathbf{v} = ", VV(r"= 0{,}0900 - 0{,}2447 = -0{,}1547", [p[0], p[1], d1(lambda s: lse(z + s * v), 0.0)])),
        (r"$$\mathbf{v}^\top\nabla^2 f\,\mathbf{v} = ", ALL(T(abs(vHv - ((p[0] + p[1]) - (p[0] - p[1]) ** 2)) < 1e-6),
                                                           VV(r"= 0{,}33476 - 0{,}15470^2 = 0{,}31083", [p[0] + p[1], abs(p[0] - p[1]), 2, vHv]))),
        (r"$$f(\mathbf{z} + t\mathbf{v}) \approx", ALL(
            VV(r"3{,}4076 - 0{,}1\cdot 0{,}1547 + \tfrac12 (0{,}1)^2\cdot 0{,}3108 = 3{,}4076 - 0{,}0155 + 0{,}0016 = 3{,}3937",
               [f, t, -dirv, None, t, 2, vHv, f, -t * dirv, 0.5 * t * t * vHv, f + t * dirv + 0.5 * t * t * vHv]),
            T(abs(f + t * dirv + 0.5 * t * t * vHv - lse(z + t * v)) < 5e-5))),
        ("Doğrudan hesap:", VV(r"$f(1{,}1;\ 1{,}9;\ 3) = 3{,}3937$", list(z + t * v) + [lse(z + t * v)])),
        (r"$$\boxed{\nabla f(\mathbf{z})", VV(r"(0{,}0900;\ 0{,}2447;\ 0{,}6652)", list(p))),
    ]


# ----------------------------------------------------------------------------
# 15 softmax Jacobian (Greek, decimal comma)
# ----------------------------------------------------------------------------
def checks_15():
    z = np.array([0.3, 1.2, -0.5])
    g = np.array([0.5, -1.0, 0.2])
    e = np.exp(z)
    S = e.sum()
    p = e / S
    J = jac(softmax, z)
    gz = grad(lambda q: g @ softmax(q), z)
    pts = randpts(6, (3,))
    ok10 = ok11 = ok12 = True
    for q in pts:
        Jq = jac(softmax, q)
        eq, Sq = np.exp(q), np.exp(q).sum()
        pq = eq / Sq
        dS = grad(lambda r: np.sum(np.exp(r)), q)
        ok11 &= allclose(dS, eq, 1e-6)
        for i in range(3):
            ok10 &= abs(Jq[i, i] - (eq[i] * Sq - eq[i] * eq[i]) / Sq ** 2) < 1e-7 and \
                abs(Jq[i, i] - (pq[i] - pq[i] ** 2)) < 1e-7 and abs(Jq[i, i] - pq[i] * (1 - pq[i])) < 1e-7
            for j in range(3):
                if i != j:
                    ok12 &= abs(Jq[i, j] - (0 * Sq - eq[i] * eq[j]) / Sq ** 2) < 1e-7 and abs(Jq[i, j] - pq[i] * pq[j]) < 1e-7
    ok19 = all(allclose(grad(lambda r: g @ softmax(r), q), jac(softmax, q).T @ g, 1e-6) for q in pts)
    terms = np.array([[J[i, j] * g[i] for i in range(3)] for j in range(3)])   # row j: J_ij g_i
    return [
        ("**Δίνονται:**", GIVEN),
        ("και η κλίση από το επόμενο στρώμα", GIVEN),
        ("**Ζητούνται:**", GIVEN),
        ("Κανόνας του πηλίκου. Για $i = j$", GIVEN),
        (r"$$\frac{\partial p_i}{\partial z_i} = ", T(ok10)),
        ("Για $i \\ne j$ ο αριθμητής", T(ok11)),
        (r"$$\frac{\partial p_i}{\partial z_j} = ", T(ok12)),
        ("Αριθμητικά:", ALL(VV(r"$e^{\mathbf{z}} = (1{,}3499;\ 3{,}3201;\ 0{,}6065)$", list(e)), VV(r"$S = 5{,}2765$", [S]))),
        (r"$$\mathbf{p} = \left(", ALL(VV(r"\tfrac{1{,}3499}{5{,}2765};\ \tfrac{3{,}3201}{5{,}2765};\ \tfrac{0{,}6065}{5{,}2765}", [e[0], S, e[1], S, e[2], S]),
                                       VV(r"= (0{,}2558;\ 0{,}6292;\ 0{,}1149)", list(p)))),
        ("Διαγώνια στοιχεία:", ALL(VV(r"$p_1(1-p_1) = 0{,}1904$", [1, 1, 1, J[0, 0]]), VV(r"$p_2(1-p_2) = 0{,}2333$", [2, 1, 2, J[1, 1]]),
                                   VV(r"$p_3(1-p_3) = 0{,}1017$", [3, 1, 3, J[2, 2]]))),
        (r"$$J = \begin{pmatrix}", VM(0, J)),
        ("είναι συμμετρικός", T(allclose(J, J.T, 1e-8))),
        ("**(β)** Κανόνας της αλυσίδας", T(ok19)),
        (r"$$J^\top\mathbf{g} = ", ALL(VV(r"0{,}1904\cdot 0{,}5 + 0{,}1610\cdot(-1) + 0{,}0294\cdot 0{,}2", [J[0, 0], g[0], J[1, 0], g[1], J[2, 0], g[2]]),
                                       VV(r"0{,}1610\cdot 0{,}5 + 0{,}2333\cdot(-1) + 0{,}0723\cdot 0{,}2", [J[0, 1], g[0], J[1, 1], g[1], J[2, 1], g[2]]),
                                       VV(r"0{,}0294\cdot 0{,}5 + 0{,}0723\cdot(-1) + 0{,}1017\cdot 0{,}2", [J[0, 2], g[0], J[1, 2], g[1], J[2, 2], g[2]]),
                                       EVM(1, gz, tol=0.5e-4),
                                       VV(r"0{,}0952 - 0{,}1610 + 0{,}0059 \\ 0{,}0805 - 0{,}2333 + 0{,}0145 \\ 0{,}0147 - 0{,}0723 + 0{,}0203",
                                          [terms[0, 0], -terms[0, 1], terms[0, 2], terms[1, 0], -terms[1, 1], terms[1, 2],
                                           terms[2, 0], -terms[2, 1], terms[2, 2]]))),
        (r"\boxed{\frac{\partial L}{\partial \mathbf{z}}", VV(r"= (-0{,}0599;\ -0{,}1383;\ -0{,}0373)", list(gz))),
    ]


# ----------------------------------------------------------------------------
# 16 RNN single step (Vietnamese)
# ----------------------------------------------------------------------------
def checks_16():
    Wh = np.array([[0.4, -0.1], [0.2, 0.3]])
    wx = np.array([0.6, -0.5])
    b = np.array([0.0, 0.1])
    hp = np.array([0.5, -0.2])
    x = 1.0
    gh = np.array([2.0, -0.5])
    step = lambda Wh_=Wh, wx_=wx, b_=b, hp_=hp: np.tanh(Wh_ @ hp_ + wx_ * x + b_)
    a = Wh @ hp + wx * x + b
    ht = step()
    J = jac(lambda v: step(hp_=v), hp)
    dtanh = np.array([d1(np.tanh, ai) for ai in a])
    da = grad(lambda aa: gh @ np.tanh(aa), a)
    g_hp = grad(lambda v: gh @ step(hp_=v), hp)
    g_Wh = grad(lambda v: gh @ step(Wh_=v), Wh)
    g_wx = grad(lambda v: gh @ step(wx_=v), wx)
    g_b = grad(lambda v: gh @ step(b_=v), b)
    xs = RNG.uniform(-3, 3, 20)
    ok13 = True
    for _ in range(5):
        W_, h_, w_, b_ = RNG.normal(size=(2, 2)), RNG.normal(size=2), RNG.normal(size=2), RNG.normal(size=2)
        f = lambda v: np.tanh(W_ @ v + w_ * x + b_)
        ok13 &= allclose(jac(f, h_), np.diag(1 - f(h_) ** 2) @ W_, 1e-7)
    fro = np.linalg.norm(J, "fro")
    return [
        ("**Đề bài.**", GIVEN),
        (r"$$W_h = \begin{bmatrix}", GIVEN),
        ("Gradient từ phía trên", GIVEN),
        (r"$$\mathbf{a}_t = \begin{bmatrix}", ALL(EVM(0, Wh @ hp), VM(1, wx * x), VM(2, b), VM(3, a), VM(4, ht),
                                                    VV(r"0.2 + 0.02 \\ 0.1 - 0.06", [Wh[0, 0] * hp[0], Wh[0, 1] * hp[1], Wh[1, 0] * hp[0], -Wh[1, 1] * hp[1]]))),
        (r"Vì $\tanh'(a) = 1 - \tanh^2 a$", T(all(abs(d1(np.tanh, v) - (1 - np.tanh(v) ** 2)) < 1e-8 for v in xs))),
        (r"= \mathrm{diag}(1 - \mathbf{h}_t^2)\,W_h", ALL(T(ok13), VV(r"(1 - 0.67507^2,\ 1 - 0.34521^2) = (0.5443,\ 0.8808)",
                                                                     [1, ht[0], 2, 1, -ht[1], 2, dtanh[0], dtanh[1]]))),
        (r"\begin{bmatrix} 0.5443 \cdot 0.4", ALL(EVM(0, J, tol=0.5e-4), VM(1, J),
                                                    VV(r"0.5443 \cdot 0.4 & 0.5443\cdot(-0.1) \\ 0.8808\cdot 0.2 & 0.8808 \cdot 0.3",
                                                       [dtanh[0], Wh[0, 0], dtanh[0], Wh[0, 1], dtanh[1], Wh[1, 0], dtanh[1], Wh[1, 1]]))),
        (r"Đặt $\boldsymbol{\delta}_a", T(allclose(da, gh * (1 - ht ** 2), 1e-8))),
        (r"$$\boldsymbol{\delta}_a = (", VV(r"(2.0 \cdot 0.5443,\ -0.5\cdot 0.8808) = (1.0886,\ -0.4404)", [gh[0], dtanh[0], gh[1], dtanh[1], da[0], da[1]])),
        ("Chú ý phải dùng chuyển vị", T(allclose(g_hp, Wh.T @ da, 1e-7))),
        (r"W_h^\top\boldsymbol{\delta}_a = \begin", ALL(EVM(0, g_hp, tol=0.5e-4), EVM(1, g_hp, tol=0.5e-4), VM(2, g_hp),
                                                          VV(r"0.4\cdot 1.0886 + 0.2\cdot(-0.4404) \\ -0.1\cdot 1.0886 + 0.3\cdot(-0.4404)",
                                                             [Wh[0, 0], da[0], Wh[1, 0], da[1], Wh[0, 1], da[0], Wh[1, 1], da[1]]),
                                                          VV(r"0.4354 - 0.0881 \\ -0.1089 - 0.1321", [Wh[0, 0] * da[0], -Wh[1, 0] * da[1], Wh[0, 1] * da[0], -Wh[1, 1] * da[1]]))),
        (r"\boldsymbol{\delta}_a\,\mathbf{h}_{t-1}^\top = ", ALL(VM(0, g_Wh), VM(1, g_wx), T(allclose(g_wx, g_b, 1e-9)),
                                                                  T(allclose(g_Wh, np.outer(da, hp), 1e-7)), T(allclose(g_wx, da * x, 1e-7)))),
        ("*Nhận xét:*", ALL(VV(r"\rVert_F = 0.3889 < 1$", [fro, 1]), T(np.linalg.norm(J, 2) <= fro < 1), VV(r"$0.3889^k$", [fro]))),
    ]


# ----------------------------------------------------------------------------
# driver
# ----------------------------------------------------------------------------
FILES = {
    "01_activation_derivatives.md": (checks_01, False),
    "02_softmax_crossentropy.md": (checks_02, False),
    "03_bce_single_neuron.md": (checks_03, True),
    "04_two_layer_backprop.md": (checks_04, False),
    "05_linear_mse_matrix.md": (checks_05, False),
    "06_cnn_output_params.md": (checks_06, False),
    "07_maxpool_backward.md": (checks_07, True),
    "08_conv1d_backward.md": (checks_08, True),
    "09_batchnorm_forward.md": (checks_09, True),
    "10_adam_two_steps.md": (checks_10, False),
    "11_lr_schedules.md": (checks_11, True),
    "12_l2_momentum_nesterov.md": (checks_12, False),
    "13_dropout_expectation.md": (checks_13, False),
    "14_logsumexp_derivative.md": (checks_14, True),
    "15_softmax_jacobian.md": (checks_15, True),
    "16_rnn_step_derivative.md": (checks_16, False),
}

TABLE_SEP = re.compile(r"^\s*\|[\s\-:|]+\|\s*$")


def needs_cover(line):
    if "$" in line:
        return True
    s = line.strip()
    return s.startswith("|") and not TABLE_SEP.match(s) and re.search(r"\d", s) is not None


def main():
    global COMMA
    expected = json.load(open(os.path.join(HERE, "expected.json"), encoding="utf-8"))
    all_ok = True
    if sorted(expected) != sorted(FILES):
        print("expected.json does not list exactly the 16 files")
        all_ok = False
    for fname, (mk, comma) in FILES.items():
        COMMA = comma
        lines = open(os.path.join(HERE, fname), encoding="utf-8").read().split("\n")
        problems = []
        covered = set()
        first_false = None
        for sub, pred in mk():
            hits = [i for i, L in enumerate(lines) if sub in L]
            if len(hits) != 1:
                problems.append("substring matches %d lines: %r" % (len(hits), sub))
                continue
            i = hits[0]
            if i in covered:
                problems.append("line %d covered twice" % (i + 1))
            covered.add(i)
            try:
                ok = bool(pred(lines[i]))
            except Exception as exc:  # a predicate that cannot be evaluated counts as false
                if VERBOSE:
                    print("      exception", exc)
                ok = False
            if VERBOSE and not ok:
                print("    %s line %d FALSE: %s" % (fname, i + 1, lines[i][:110]))
            if not ok and (first_false is None or i + 1 < first_false):
                first_false = i + 1
        for i, L in enumerate(lines):
            if needs_cover(L) and i not in covered:
                problems.append("uncovered line %d: %s" % (i + 1, L[:80]))
        exp = expected.get(fname, "missing")
        agree = (exp == first_false) and not problems
        all_ok &= agree
        print("%-30s expected=%-5s first_false=%-5s %s" % (fname, exp, first_false, "OK" if agree else "MISMATCH"))
        for pr in problems:
            print("    PROBLEM:", pr)
    print("ALL AGREE" if all_ok else "DISAGREEMENT")
    return 0 if all_ok else 1


if __name__ == "__main__":
    sys.exit(main())
