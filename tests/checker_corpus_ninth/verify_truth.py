#!/usr/bin/env python3
"""Independent ground truth for the 'ninth' corpus.

For every Markdown file we list the mathematical claims made on specific lines
and evaluate each one numerically (finite differences for derivatives, exact or
floating arithmetic, quadrature / Monte-Carlo for expectations, brute force for
sizes and counts, random test values for identities).

  * truth claims   T(line, snippet, ok): ok is whether the claim is actually true.
  * follow claims  F(line, snippet, ok): for planted files only; ok is whether the
    line follows consistently from the (wrong) planted line.

The observed verdict of a file is the line of its first false truth claim (or None).
It is compared with expected.json.  Every snippet must occur on the stated line,
so line numbers cannot drift silently.  Only NumPy and the standard library are used.
"""
import json
import math
import os
import sys
from fractions import Fraction

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(20240607)

# ----------------------------------------------------------------------------- helpers


def num(s):
    """Parse a written decimal ('0,9167', '0{,}25', '-1.5') -> (value, decimals)."""
    s = s.replace("{,}", ".").replace(",", ".").replace("\\,", "").replace(" ", "")
    k = len(s.split(".")[1]) if "." in s else 0
    return float(s), k


_WRITTEN = []  # decimals quoted by the claim currently being evaluated


def r(written, true):
    """written decimal equals true value rounded to the written number of digits"""
    _WRITTEN.append(written)
    v, k = num(written)
    return abs(v - true) <= 0.5 * 10 ** (-k) + 1e-12


def rv(writtens, trues):
    trues = np.ravel(np.asarray(trues, dtype=float))
    return len(writtens) == len(trues) and all(r(w, t) for w, t in zip(writtens, trues))


def close(a, b, tol=1e-7):
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    return a.shape == b.shape and bool(np.all(np.abs(a - b) <= tol * (1 + np.abs(b))))


def d1(f, x, h=1e-6):
    return (f(x + h) - f(x - h)) / (2 * h)


def grad(f, x, h=1e-6):
    x = np.array(x, dtype=float)
    g = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        e = np.zeros_like(x)
        e[idx] = h
        g[idx] = (f(x + e) - f(x - e)) / (2 * h)
    return g


def jac(f, x, h=1e-6):
    x = np.array(x, dtype=float)
    cols = []
    for i in range(x.size):
        e = np.zeros_like(x)
        e.flat[i] = h
        cols.append((np.asarray(f(x + e)) - np.asarray(f(x - e))) / (2 * h))
    return np.stack(cols, axis=-1)


def forall(pred, n=50):
    return all(bool(pred()) for _ in range(n))


sig = lambda t: 1.0 / (1.0 + np.exp(-t))
softmax = lambda z: np.exp(z - np.max(z)) / np.sum(np.exp(z - np.max(z)))
Phi = lambda x: 0.5 * (1 + math.erf(x / math.sqrt(2)))
phi = lambda x: math.exp(-x * x / 2) / math.sqrt(2 * math.pi)


def quad(f, a, b, n=200001):
    xs = np.linspace(a, b, n)
    ys = f(xs)
    return float(np.sum((ys[1:] + ys[:-1]) * 0.5 * (xs[1] - xs[0])))


class Spec:
    def __init__(self):
        self.truth = []
        self.follow = []

    # the `ok` argument is evaluated before T/F is entered, so _WRITTEN holds
    # exactly the decimals quoted by this claim; they must all appear on its line
    def T(self, line, snippet, ok):
        self.truth.append((line, snippet, bool(ok), tuple(_WRITTEN)))
        _WRITTEN.clear()

    def F(self, line, snippet, ok):
        self.follow.append((line, snippet, bool(ok), tuple(_WRITTEN)))
        _WRITTEN.clear()


SPECS = {}


def spec(name):
    def deco(fn):
        SPECS[name] = fn
        return fn
    return deco


# ----------------------------------------------------------------------------- 01
@spec("01_softmax_jacobian.md")
def f01(s):
    def diag_ok():
        z = rng.normal(size=4)
        p = softmax(z)
        S = np.exp(z).sum()
        J = jac(softmax, z)
        i = rng.integers(4)
        e = np.exp(z)
        return (abs(J[i, i] - (e[i] * S - e[i] * e[i]) / S**2) < 1e-7
                and abs(J[i, i] - (p[i] - p[i] ** 2)) < 1e-7 and abs(J[i, i] - p[i] * (1 - p[i])) < 1e-7)

    def off_ok():
        z = rng.normal(size=4)
        p = softmax(z)
        J = jac(softmax, z)
        e = np.exp(z)
        S = e.sum()
        return all(abs(J[i, j] + e[i] * e[j] / S**2) < 1e-7 and abs(J[i, j] + p[i] * p[j]) < 1e-7
                   for i in range(4) for j in range(4) if i != j)

    def mat_ok():
        z = rng.normal(size=5)
        p = softmax(z)
        return close(jac(softmax, z), np.diag(p) - np.outer(p, p), 1e-6)

    def rows_ok():
        z = rng.normal(size=5)
        c = rng.normal()
        p = softmax(z)
        J = np.diag(p) - np.outer(p, p)
        return close(J.sum(1), np.zeros(5), 1e-12) and close(softmax(z + c), p, 1e-12)

    def psd_ok():
        z = rng.normal(size=5) * 2
        v = rng.normal(size=5)
        p = softmax(z)
        J = np.diag(p) - np.outer(p, p)
        var = np.sum(p * v**2) - np.sum(p * v) ** 2
        return close(J, J.T, 0) and abs(v @ J @ v - var) < 1e-12 and var >= 0 and np.linalg.eigvalsh(J).min() > -1e-12

    def tr_ok():
        p = softmax(rng.normal(size=5) * 2)
        J = np.diag(p) - np.outer(p, p)
        return abs(np.trace(J) - np.sum(p * (1 - p))) < 1e-12 and abs(np.trace(J) - (1 - np.sum(p**2))) < 1e-12

    def bound_ok():
        p = softmax(rng.normal(size=5) * 3)
        Jd = p * (1 - p)
        return np.all(Jd > 0) and np.all(Jd <= 0.25) and abs(0.5 * (1 - 0.5) - 0.25) == 0 and all(
            (abs(t * (1 - t) - 0.25) < 1e-15) == (t == 0.5) for t in np.linspace(0.001, 0.999, 999))

    def vjp_ok():
        z = rng.normal(size=5)
        g = rng.normal(size=5)
        p = softmax(z)
        return close(jac(softmax, z).T @ g, p * (g - p @ g), 1e-6)

    s.T(6, r"= p_i - p_i^2 = p_i(1 - p_i)", forall(diag_ok, 20))
    s.T(9, r"= -p_i p_j.", forall(off_ok, 20))
    s.T(12, r"\operatorname{diag}(p) - p p^\top", forall(mat_ok, 20))
    s.T(13, r"\sum_j J_{ij} = p_i - p_i \sum_j p_j = 0", forall(rows_ok))
    s.T(16, r"= \operatorname{Var}_{i\sim p}[v_i] \ge 0", forall(psd_ok))
    s.T(17, r"\operatorname{tr} J = \sum_i p_i(1-p_i) = 1 - \lVert p\rVert_2^2", forall(tr_ok))
    s.T(18, r"$0 < J_{ii} \le \tfrac14$", forall(bound_ok, 10))
    s.T(19, r"J^\top g = p \odot \big(g - (p^\top g)\,\mathbf{1}\big)", forall(vjp_ok, 20))

# ----------------------------------------------------------------------------- 02 (planted line 11)
@spec("02_kreuzentropie_softmax.md")
def f02(s):
    K = 5

    def case():
        z = rng.normal(size=K) * 2
        c = int(rng.integers(K))
        y = np.eye(K)[c]
        return z, c, y, softmax(z)

    def lse_ok():
        z = rng.normal(size=4)
        return close(np.log(softmax(z)), z - np.log(np.exp(z).sum()), 1e-12)

    def L_ok():
        z, c, y, p = case()
        return abs(-(y * np.log(p)).sum() - (-(y * z).sum() + np.log(np.exp(z).sum()))) < 1e-12

    def true_grad(z, y):
        return grad(lambda zz: -(y * np.log(softmax(zz))).sum(), z)

    def grad_claim():  # claimed dL/dz = y - p
        z, c, y, p = case()
        return close(true_grad(z, y), y - p, 1e-6)

    def step3_true():
        z, c, y, p = case()
        g = true_grad(z, y)
        return abs(g[c] - (1 - p[c])) < 1e-6 and all(abs(g[j] + p[j]) < 1e-6 for j in range(K) if j != c)

    def step3_follow():
        z, c, y, p = case()
        g = y - p
        return abs(g[c] - (1 - p[c])) < 1e-15 and g[c] >= 0 and all(abs(g[j] + p[j]) < 1e-15 and g[j] <= 0 for j in range(K) if j != c)

    def step4(gfun):
        z, c, y, p = case()
        g = gfun(z, y, p)
        nrm2 = (1 - p[c]) ** 2 + sum(p[j] ** 2 for j in range(K) if j != c)
        return abs(g.sum()) < 1e-6 and abs(y.sum() - p.sum()) < 1e-12 and abs(np.sum(g**2) - nrm2) < 1e-6 and nrm2 <= 2

    def step5(gfun):
        z, c, y, p = case()
        eta = rng.uniform(0.01, 1)
        dz = -eta * gfun(z, y, p)
        return abs(dz[c] + eta * (1 - p[c])) < 1e-6 and all(abs(dz[j] - eta * p[j]) < 1e-6 for j in range(K) if j != c)

    s.T(7, r"\log p_i = z_i - \log \sum_k e^{z_k}", forall(lse_ok))
    s.T(8, r"L = -\sum_{i} y_i z_i + \log \sum_{k} e^{z_k}", forall(L_ok))
    # the middle expression -y_j + e^{z_j}/sum is right, the final "= y_j - p_j" is not
    s.T(11, r"= y_j - p_j", forall(grad_claim, 10))
    s.T(12, r"\nabla_z L = y - p", forall(grad_claim, 10))
    s.F(12, r"\nabla_z L = y - p", True)  # restates the planted line in vector form
    s.T(14, r"$\partial L/\partial z_c = 1 - p_c \ge 0$", forall(step3_true, 10))
    s.F(14, r"$\partial L/\partial z_c = 1 - p_c \ge 0$", forall(step3_follow))
    s.T(17, r"\le 2 .$$", forall(lambda: step4(lambda z, y, p: true_grad(z, y)), 10))
    s.F(17, r"\le 2 .$$", forall(lambda: step4(lambda z, y, p: y - p)))
    s.T(19, r"um $-\eta\,(1 - p_c)$", forall(lambda: step5(lambda z, y, p: true_grad(z, y)), 10))
    s.F(19, r"um $-\eta\,(1 - p_c)$", forall(lambda: step5(lambda z, y, p: y - p)))

# ----------------------------------------------------------------------------- 03
@spec("03_bce_sigmoid_multilabel.md")
def f03(s):
    def sp_ok():
        z = rng.normal() * 3
        e = math.exp(-z)
        fd = d1(sig, z)
        return (abs(fd - e / (1 + e) ** 2) < 1e-8 and abs(fd - (1 / (1 + e)) * (e / (1 + e))) < 1e-8
                and abs(fd - sig(z) * (1 - sig(z))) < 1e-8)

    def dly_ok():
        yh = rng.uniform(0.05, 0.95)
        y = float(rng.integers(2))
        l = lambda t: -(y * np.log(t) + (1 - y) * np.log(1 - t))
        fd = d1(l, yh)
        return abs(fd - (-y / yh + (1 - y) / (1 - yh))) < 1e-6 and abs(fd - (yh - y) / (yh * (1 - yh))) < 1e-6

    def dlz_ok():
        z = rng.normal() * 2
        y = float(rng.integers(2))
        l = lambda t: -(y * np.log(sig(t)) + (1 - y) * np.log(1 - sig(t)))
        return abs(d1(l, z) - (sig(z) - y)) < 1e-7

    def logs_ok():
        z = rng.normal() * 3
        return (abs(math.log(sig(z)) + math.log(1 + math.exp(-z))) < 1e-12
                and abs(math.log(1 - sig(z)) - (-z - math.log(1 + math.exp(-z)))) < 1e-9)

    def lz_ok():
        z = rng.normal() * 3
        y = float(rng.integers(2))
        l = -(y * math.log(sig(z)) + (1 - y) * math.log(1 - sig(z)))
        return abs(l - ((1 - y) * z + math.log(1 + math.exp(-z)))) < 1e-9

    def dd_ok():
        z = rng.normal() * 3
        y = float(rng.integers(2))
        e = math.exp(-z)
        f = lambda t: (1 - y) * t + np.log(1 + np.exp(-t))
        return (abs(d1(f, z) - ((1 - y) - e / (1 + e))) < 1e-7
                and abs(((1 - y) - e / (1 + e)) - ((1 - y) - (1 - sig(z)))) < 1e-12
                and abs(((1 - y) - (1 - sig(z))) - (sig(z) - y)) < 1e-12)

    C = 4

    def Lml(zs, ys):
        return np.mean(-(ys * np.log(sig(zs)) + (1 - ys) * np.log(1 - sig(zs))))

    def ml_ok():
        zs = rng.normal(size=C)
        ys = rng.integers(0, 2, size=C).astype(float)
        return close(grad(lambda q: Lml(q, ys), zs), (sig(zs) - ys) / C, 1e-6)

    def cross_ok():
        zs = rng.normal(size=C)
        ys = rng.integers(0, 2, size=C).astype(float)
        H = jac(lambda q: grad(lambda w: Lml(w, ys), q, 1e-4), zs, 1e-4)
        return all(abs(H[i, j]) < 1e-6 for i in range(C) for j in range(C) if i != j)

    def curv_ok():
        z = rng.normal() * 3
        y = float(rng.integers(2))
        l = lambda t: -(y * np.log(sig(t)) + (1 - y) * np.log(1 - sig(t)))
        h = 1e-4
        second = (l(z + h) - 2 * l(z) + l(z - h)) / h**2
        return abs(second - sig(z) * (1 - sig(z))) < 1e-5 and sig(z) * (1 - sig(z)) <= 0.25

    s.T(7, r"= \sigma(z)\,\big(1-\sigma(z)\big)", forall(sp_ok))
    s.T(9, r"= \frac{\hat y - y}{\hat y\,(1-\hat y)}", forall(dly_ok))
    s.T(11, r"= \hat y - y.", forall(dlz_ok))
    s.T(13, r"\log(1-\sigma(z)) = -z - \log(1+e^{-z})", forall(logs_ok))
    s.T(14, r"\ell(z) = (1-y)\,z + \log(1+e^{-z})", forall(lz_ok))
    s.T(15, r"= \sigma(z) - y", forall(dd_ok))
    s.T(18, r"= \frac{\sigma(z_c) - y_c}{C}", forall(ml_ok, 20))
    s.T(19, r"= 0$ for $c \ne c'", forall(cross_ok, 5))
    s.T(20, r"\le \tfrac14$, with equality at $z = 0$", forall(curv_ok) and sig(0.0) * (1 - sig(0.0)) == 0.25)


# ----------------------------------------------------------------------------- 04 (planted line 11)
@spec("04_mse_regression_lineaire.md")
def f04(s):
    x = np.array([1.0, 2, 3])
    y = np.array([2.0, 3, 5])
    L = lambda w, b: np.mean((w * x + b - y) ** 2)
    yh = 1 * x + 0.5
    res = yh - y
    s.T(7, r"r = \hat y - y = (-0{,}5 ; -0{,}5 ; -1{,}5)", close(yh, [1.5, 2.5, 3.5], 0) and close(res, [-0.5, -0.5, -1.5], 0))
    s.T(8, r"\approx 0{,}9167", abs(0.25 + 0.25 + 2.25 - 2.75) < 1e-12 and abs(L(1, 0.5) - 2.75 / 3) < 1e-12 and r("0,9167", 2.75 / 3))

    def claim_ok():
        xs = rng.normal(size=5)
        ys = rng.normal(size=5)
        w, b = rng.normal(size=2)
        Lr = lambda ww, bb: np.mean((ww * xs + bb - ys) ** 2)
        rr = w * xs + b - ys
        return (abs(d1(lambda t: Lr(t, b), w) - np.mean(rr * xs)) < 1e-6
                and abs(d1(lambda t: Lr(w, t), b) - np.mean(rr)) < 1e-6)

    s.T(11, r"\frac{\partial L}{\partial w} = \frac{1}{n}\sum_{i=1}^{n} (\hat y_i - y_i)\, x_i", forall(claim_ok, 10))
    gw_true = d1(lambda t: L(t, 0.5), 1.0)
    gb_true = d1(lambda t: L(1.0, t), 0.5)
    s.T(13, r"= -2, \qquad", abs(gw_true - (-2)) < 1e-6 and r("-0,8333", gb_true))
    gw = np.mean(res * x)
    gb = np.mean(res)
    s.F(13, r"= -2, \qquad", abs((-0.5 - 1 - 4.5) / 3 - (-2)) < 1e-12 and abs(gw + 2) < 1e-12
        and abs(-2.5 / 3 - gb) < 1e-12 and r("-0,8333", gb) and abs(float(np.sum(res * x)) - (-6)) < 1e-12)
    w1 = 1 - 0.1 * gw
    b1 = 0.5 - 0.1 * gb
    s.F(16, r"w \leftarrow 1 - 0{,}1\cdot(-2) = 1{,}2", abs(w1 - 1.2) < 1e-12 and r("0,5833", b1) and r("0,5833", 0.5 + 0.1 * 0.8333))
    s.F(17, r"L \approx 0{,}2381", rv(["1,7833", "2,9833", "4,1833"], w1 * x + b1) and r("0,2381", L(w1, b1)) and L(w1, b1) < L(1, 0.5))


# ----------------------------------------------------------------------------- 05
@spec("05_huber_loss.md")
def f05(s):
    def H(r_, dl):
        return np.where(np.abs(r_) <= dl, 0.5 * r_**2, dl * (np.abs(r_) - 0.5 * dl))

    def dH_ok():
        dl = rng.uniform(0.2, 3)
        r_ = rng.normal() * 3
        if abs(abs(r_) - dl) < 1e-3:
            return True
        fd = d1(lambda t: H(t, dl), r_)
        claimed = r_ if abs(r_) <= dl else dl * np.sign(r_)
        return abs(fd - claimed) < 1e-6

    def clip_ok():
        dl = rng.uniform(0.2, 3)
        r_ = rng.normal() * 3
        claimed = r_ if abs(r_) <= dl else dl * np.sign(r_)
        return abs(np.clip(r_, -dl, dl) - claimed) < 1e-15

    def cont_ok():
        dl = rng.uniform(0.2, 3)
        vl = 0.5 * dl**2
        vr = dl * (dl - 0.5 * dl)
        sl = d1(lambda t: 0.5 * t**2, dl)
        sr = d1(lambda t: dl * (abs(t) - 0.5 * dl), dl)
        sl2 = d1(lambda t: 0.5 * t**2, -dl)
        sr2 = d1(lambda t: dl * (abs(t) - 0.5 * dl), -dl)
        h = 1e-3
        sec_in = (H(dl - 2 * h, dl) - 2 * H(dl - h, dl) + H(dl, dl)) / h**2
        sec_out = (H(dl + 2 * h, dl) - 2 * H(dl + h, dl) + H(dl, dl)) / h**2
        return (abs(vl - vr) < 1e-12 and abs(sl - dl) < 1e-6 and abs(sr - dl) < 1e-6
                and abs(sl2 + dl) < 1e-6 and abs(sr2 + dl) < 1e-6 and abs(sec_in - 1) < 1e-6 and abs(sec_out) < 1e-6)

    def resc_ok():
        dl = rng.uniform(0.2, 3)
        r_ = rng.normal() * 3
        return abs(H(r_, dl) - dl**2 * H(r_ / dl, 1.0)) < 1e-12

    def lim_ok():
        r_ = rng.normal() * 3
        return abs(H(r_, 1e-7) / 1e-7 - abs(r_)) < 1e-6 and all(abs(H(r_, dl) - 0.5 * r_**2) < 1e-15 for dl in (abs(r_), abs(r_) + 0.5, 10.0))

    def batch_ok():
        N = 6
        dl = rng.uniform(0.3, 2)
        rs = rng.normal(size=N) * 2
        g = grad(lambda q: np.mean(H(q, dl)), rs)
        return close(g, np.clip(rs, -dl, dl) / N, 1e-6) and np.all(np.abs(g) <= dl / N + 1e-9)

    s.T(9, r"H_\delta'(r) = \begin{cases} r", forall(dH_ok, 200))
    s.T(11, r"\operatorname{clip}(r, -\delta, \delta)", forall(clip_ok, 200))
    s.T(13, r"the value is $\tfrac12\delta^2$ from either side", forall(cont_ok))
    s.T(16, r"\frac{d}{dr}|r| = \operatorname{sign}(r)", forall(lambda: (lambda t: abs(d1(abs, t) - np.sign(t)) < 1e-9)(rng.normal() + 0.1)))
    s.T(17, r"\frac{d}{dr}\tfrac12 r^2 = r", forall(lambda: (lambda t: abs(d1(lambda u: 0.5 * u * u, t) - t) < 1e-7)(rng.normal())))
    s.T(19, r"H_\delta(r) = \delta^2\, H_1(r/\delta)", forall(resc_ok, 200))
    s.T(20, r"$H_\delta(r)/\delta \to |r|$ as $\delta \to 0$", forall(lim_ok))
    s.T(23, r"\frac{1}{N}\operatorname{clip}(r_n, -\delta, \delta)", forall(batch_ok, 20))
    s.T(24, r"more than $\delta/N$", forall(batch_ok, 20))

# ----------------------------------------------------------------------------- 06
@spec("06_regresion_logistica.md")
def f06(s):
    def dz_ok():
        z = rng.normal() * 2
        y = float(rng.integers(2))
        l = lambda t: -(y * np.log(sig(t)) + (1 - y) * np.log(1 - sig(t)))
        return abs(d1(l, z) - (sig(z) - y)) < 1e-7

    def J(w, b, X, y):
        p = sig(X @ w + b)
        return -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))

    def data():
        X = rng.normal(size=(6, 3))
        y = rng.integers(0, 2, size=6).astype(float)
        return X, y, rng.normal(size=3), rng.normal()

    def grad_ok():
        X, y, w, b = data()
        p = sig(X @ w + b)
        gw = grad(lambda q: J(q, b, X, y), w)
        gb = d1(lambda t: J(w, t, X, y), b)
        return close(gw, X.T @ (p - y) / 6, 1e-6) and close(gw, np.mean((p - y)[:, None] * X, 0), 1e-6) and abs(gb - np.mean(p - y)) < 1e-6

    def dp_ok():
        X, y, w, b = data()
        i = 0
        return close(grad(lambda q: sig(X[i] @ q + b), w), sig(X[i] @ w + b) * (1 - sig(X[i] @ w + b)) * X[i], 1e-6)

    def hess_ok():
        X, y, w, b = data()
        p = sig(X @ w + b)
        Hn = jac(lambda q: grad(lambda u: J(u, b, X, y), q, 1e-5), w, 1e-4)
        Hc = X.T @ np.diag(p * (1 - p)) @ X / 6
        Hs = sum(p[i] * (1 - p[i]) * np.outer(X[i], X[i]) for i in range(6)) / 6
        return close(Hn, Hc, 1e-4) and close(Hs, Hc, 1e-12)

    def psd_ok():
        X, y, w, b = data()
        p = sig(X @ w + b)
        Hc = X.T @ np.diag(p * (1 - p)) @ X / 6
        v = rng.normal(size=3)
        return abs(v @ Hc @ v - np.sum(p * (1 - p) * (X @ v) ** 2) / 6) < 1e-12 and v @ Hc @ v >= 0

    def upper_ok():
        X, y, w, b = data()
        p = sig(X @ w + b)
        Hc = X.T @ np.diag(p * (1 - p)) @ X / 6
        return np.linalg.eigvalsh(X.T @ X / (4 * 6) - Hc).min() > -1e-12 and np.all(p * (1 - p) <= 0.25)

    def lip_ok():
        X, y, w, b = data()
        Lc = np.linalg.eigvalsh(X.T @ X).max() / (4 * 6)
        w2 = w + rng.normal(size=3)
        g1 = X.T @ (sig(X @ w + b) - y) / 6
        g2 = X.T @ (sig(X @ w2 + b) - y) / 6
        return np.linalg.norm(g1 - g2) <= Lc * np.linalg.norm(w - w2) + 1e-12 and abs(1 / Lc - 4 * 6 / np.linalg.eigvalsh(X.T @ X).max()) < 1e-9

    s.T(6, r"\dfrac{\partial \ell_i}{\partial z_i} = p_i - y_i", forall(dz_ok))
    s.T(9, r"= \frac{1}{N} X^\top (p - y)", forall(grad_ok, 20))
    s.T(12, r"$\partial p_i/\partial w = p_i(1-p_i)\,x_i$", forall(dp_ok, 10))
    s.T(13, r"= \frac{1}{N} X^\top S X", forall(hess_ok, 5))
    s.T(15, r"(x_i^\top v)^2 \ge 0", forall(psd_ok))
    s.T(16, r"\nabla_w^2 J \preceq \frac{1}{4N} X^\top X", forall(upper_ok))
    s.T(17, r"\lambda_{\max}(X^\top X)/(4N)", forall(lip_ok))

# ----------------------------------------------------------------------------- 07 (planted line 12)
@spec("07_linear_layer_backward.md")
def f07(s):
    N, D, M = 3, 4, 2

    def setup():
        X = rng.normal(size=(N, D))
        W = rng.normal(size=(D, M))
        b = rng.normal(size=M)
        G0 = rng.normal(size=(N, M))
        L = lambda X_, W_, b_: np.sum(G0 * (X_ @ W_ + b_))
        return X, W, b, G0, L

    def dW_ok():
        X, W, b, G0, L = setup()
        return close(grad(lambda q: L(X, q, b), W), X.T @ G0, 1e-6)

    def db_ok():
        X, W, b, G0, L = setup()
        return close(grad(lambda q: L(X, W, q), b), G0.sum(0), 1e-6)

    def dX_claim():  # claimed dL/dX = G W (needs D == M to even typecheck)
        X = rng.normal(size=(3, 2))
        W = rng.normal(size=(2, 2))
        b = rng.normal(size=2)
        G0 = rng.normal(size=(3, 2))
        g = grad(lambda q: np.sum(G0 * (q @ W + b)), X)
        return close(g, G0 @ W, 1e-6)

    s.T(7, r"\partial Y_{nm}/\partial W_{dm} = X_{nd}", True)
    s.T(8, r"\frac{\partial L}{\partial W} = X^\top G", forall(dW_ok, 10))
    s.T(9, r"G^\top \mathbf{1}", forall(db_ok, 10))
    s.T(11, r"\partial Y_{nm}/\partial X_{nd} = W_{dm}", True)
    s.T(12, r"\frac{\partial L}{\partial X} = G\,W", forall(dX_claim, 10))
    X = np.array([[1.0, 2], [0, -1]])
    W = np.array([[1.0, -1], [2, 0]])
    b = np.array([0.0, 1])
    Y = X @ W + b
    s.T(17, r"L = \tfrac12(25 + 0 + 4 + 1) = 15", close(Y, [[5, 0], [-2, 1]], 0) and 0.5 * np.sum(Y**2) == 15)
    Lf = lambda X_, W_, b_: 0.5 * np.sum((X_ @ W_ + b_) ** 2)
    s.T(19, r"X^\top G = \begin{pmatrix}5 & 0\\ 12 & -1\end{pmatrix}",
        close(grad(lambda q: Lf(X, q, b), W), [[5, 0], [12, -1]], 1e-6) and close(grad(lambda q: Lf(X, W, q), b), [3, 1], 1e-6))
    s.T(20, r"G W = \begin{pmatrix}5 & -5\\ 0 & 2\end{pmatrix}", close(grad(lambda q: Lf(q, W, b), X), [[5, -5], [0, 2]], 1e-6))
    s.F(20, r"G W = \begin{pmatrix}5 & -5\\ 0 & 2\end{pmatrix}", close(Y @ W, [[5, -5], [0, 2]], 0))


# ----------------------------------------------------------------------------- 08
@spec("08_proizvodnye_aktivacij.md")
def f08(s):
    relu = lambda x: max(0.0, x)
    nz = lambda: rng.normal() * 2 + 0.01
    s.T(4, r"\operatorname{ReLU}'(x) = \begin{cases}1, & x > 0",
        forall(lambda: (lambda x: abs(d1(relu, x, 1e-7) - (1.0 if x > 0 else 0.0)) < 1e-6)(nz())))
    s.T(6, r"\operatorname{ReLU}(x) = x\,\operatorname{ReLU}'(x)", forall(lambda: (lambda x: abs(relu(x) - x * (1.0 if x > 0 else 0.0)) < 1e-15)(nz())))

    def leaky_ok():
        a = rng.uniform(0.001, 0.999)
        x = nz()
        f = lambda t: max(a * t, t)
        fp = 1.0 if x > 0 else a
        return abs(d1(f, x, 1e-7) - fp) < 1e-6 and abs(f(x) - x * fp) < 1e-15

    def homog_ok():
        a = rng.uniform(0.001, 0.999)
        x = nz()
        c = rng.uniform(0.01, 10)
        f = lambda t: max(a * t, t)
        return abs(f(c * x) - c * f(x)) < 1e-12

    s.T(8, r"$f(x) = \max(\alpha x, x)$", forall(leaky_ok))
    s.T(9, r"$f(cx) = c\,f(x)$ для $c > 0$", forall(leaky_ok) and forall(homog_ok))

    def elu(x, al):
        return x if x > 0 else al * (math.exp(x) - 1)

    def delu_ok():
        al = rng.uniform(0.1, 2)
        x = rng.normal() * 2
        if abs(x) < 1e-3:
            return True
        return abs(d1(lambda t: elu(t, al), x) - (1.0 if x > 0 else al * math.exp(x))) < 1e-6

    def rel_ok():
        al = rng.uniform(0.1, 2)
        x = -abs(rng.normal() * 2) - 1e-3
        return abs(al * math.exp(x) - (elu(x, al) + al)) < 1e-12

    s.T(13, r"\alpha e^{x}, & x < 0", forall(delu_ok, 100))
    s.T(14, r"\operatorname{ELU}'(x) = \operatorname{ELU}(x) + \alpha", forall(rel_ok))
    s.T(15, r"($\alpha e^{0} = 1$)", abs(d1(lambda t: elu(t, 1.0), -1e-5, 1e-6) - 1) < 1e-4 and abs(d1(lambda t: elu(t, 1.0), 1e-5, 1e-6) - 1) < 1e-9)
    s.T(16, r"\operatorname{ELU}(x) > -\alpha", forall(lambda: (lambda al, x: elu(x, al) > -al)(rng.uniform(0.1, 2), rng.normal() * 10), 200)
        and abs(elu(-40.0, 1.3) + 1.3) < 1e-12)
    s.T(17, r"\operatorname{ELU}''(x) = \alpha e^{x} >",
        forall(lambda: (lambda al, x: abs((elu(x + 1e-4, al) - 2 * elu(x, al) + elu(x - 1e-4, al)) / 1e-8 - al * math.exp(x)) < 1e-5)(rng.uniform(0.1, 2), -abs(rng.normal()) - 0.01)))

# ----------------------------------------------------------------------------- 09 (planted line 9)
@spec("09_tanh_sigmoid_exam.md")
def f09(s):
    def a_ok():
        x = rng.normal() * 2
        e = math.exp(-x)
        return abs(d1(sig, x) - e * (1 + e) ** -2) < 1e-8 and abs(1 - sig(x) - e / (1 + e)) < 1e-12

    s.T(3, r"1 - \sigma(x) = e^{-x}/(1+e^{-x})", forall(a_ok))
    s.T(4, r"\sigma'(x) = \sigma(x)\,\big(1-\sigma(x)\big)", forall(lambda: (lambda x: abs(d1(sig, x) - sig(x) * (1 - sig(x))) < 1e-8)(rng.normal() * 2)))

    def b_ok():
        x = rng.normal()
        fd = d1(np.tanh, x)
        return abs(fd - (np.cosh(x) ** 2 - np.sinh(x) ** 2) / np.cosh(x) ** 2) < 1e-8 and abs(fd - 1 / np.cosh(x) ** 2) < 1e-8

    s.T(7, r"= \frac{1}{\cosh^2 x}", forall(b_ok))
    s.T(8, r"\cosh^2 x - \sinh^2 x = 1", forall(lambda: (lambda x: abs(np.cosh(x) ** 2 - np.sinh(x) ** 2 - 1) < 1e-9)(rng.normal())))
    s.T(9, r"\tanh'(x) = 1 + \tanh^2 x", forall(lambda: (lambda x: abs(d1(np.tanh, x) - (1 + np.tanh(x) ** 2)) < 1e-6)(rng.normal())))
    xs = np.linspace(-8, 8, 16001)
    sp = sig(xs) * (1 - sig(xs))
    s.T(11, r"is largest when $\sigma(x) = \tfrac12$", abs(sig(xs[np.argmax(sp)]) - 0.5) < 1e-12)
    s.T(12, r"\max_x \sigma'(x) = \sigma'(0) = \tfrac14", abs(xs[np.argmax(sp)]) < 1e-12 and abs(sp.max() - 0.25) < 1e-15)
    true_tp = 1 - np.tanh(xs) ** 2
    s.T(13, r"$\tanh'(x) \ge 1$ for every $x$", bool(np.all(true_tp >= 1)))
    wrong_tp = 1 + np.tanh(xs) ** 2
    s.F(13, r"$\tanh'(x) \ge 1$ for every $x$", bool(np.all(wrong_tp >= 1)) and abs(xs[np.argmin(wrong_tp)]) < 1e-12 and wrong_tp.min() == 1)

    def d_true():
        w, x = rng.normal(size=2)
        return abs(d1(lambda ww: np.tanh(ww * x), w) - x * (1 + np.tanh(w * x) ** 2)) < 1e-6

    def d_follow():
        w, x = rng.normal(size=2)
        # chain rule x * tanh'(wx), with tanh' taken from the planted line
        return abs(x * (1 + np.tanh(w * x) ** 2) - x * (1 + np.tanh(w * x) ** 2)) < 1e-15 and abs(
            d1(lambda ww: np.tanh(ww * x), w) - x * d1(np.tanh, w * x)) < 1e-6

    s.T(16, r"= x\,\big(1 + \tanh^2(wx)\big)", forall(d_true, 10))
    s.F(16, r"= x\,\big(1 + \tanh^2(wx)\big)", forall(d_follow, 10))

# ----------------------------------------------------------------------------- 10
@spec("10_gelu_derivative.md")
def f10(s):
    gelu = lambda x: x * Phi(x)
    dgelu = lambda x: Phi(x) + x * phi(x)
    s.T(8, r"\mathrm{GELU}'(x) = \Phi(x) + x\,\varphi(x)", forall(lambda: (lambda x: abs(d1(gelu, x) - dgelu(x)) < 1e-7)(rng.normal() * 2)))
    s.T(9, r"\varphi'(x) = -x\varphi(x)", forall(lambda: (lambda x: abs(d1(phi, x) + x * phi(x)) < 1e-8)(rng.normal() * 2)))
    s.T(10, r"= (2 - x^2)\,\varphi(x)",
        forall(lambda: (lambda x: abs(d1(dgelu, x, 1e-5) - (2 * phi(x) + x * (-x * phi(x)))) < 1e-6
                        and abs(d1(dgelu, x, 1e-5) - (2 - x * x) * phi(x)) < 1e-6)(rng.normal() * 2)))

    def conv_ok():
        x = rng.uniform(-4, 4)
        if abs(abs(x) - math.sqrt(2)) < 1e-2:
            return True
        h = 1e-3
        sec = (gelu(x + h) - 2 * gelu(x) + gelu(x - h)) / h**2
        return (sec > 0) == (abs(x) < math.sqrt(2))

    s.T(11, r"$|x| < \sqrt 2$ で凸", forall(conv_ok, 300))
    s.T(14, r"$\mathrm{GELU}'(0) = \Phi(0) = \tfrac12$", gelu(0.0) == 0 and abs(d1(gelu, 0.0) - 0.5) < 1e-9 and Phi(0.0) == 0.5)
    s.T(15, r"\mathrm{GELU}'(x) + \mathrm{GELU}'(-x) = 1",
        forall(lambda: (lambda x: abs(dgelu(x) + dgelu(-x) - 1) < 1e-12 and abs(Phi(-x) - (1 - Phi(x))) < 1e-12 and abs(phi(-x) - phi(x)) < 1e-15)(rng.normal() * 2)))
    s.T(16, r"= x\Phi(x) + x\Phi(-x) = x",
        forall(lambda: (lambda x: abs(gelu(x) - gelu(-x) - x) < 1e-12 and abs(gelu(x) - gelu(-x) - (x * Phi(x) + x * Phi(-x))) < 1e-12
                        and abs(max(0, x) - max(0, -x) - x) < 1e-15)(rng.normal() * 2)))
    s.T(17, r"$x \to \infty$ で $\mathrm{GELU}'(x) \to 1$", abs(dgelu(12.0) - 1) < 1e-12 and abs(dgelu(-12.0)) < 1e-12)
    xs = np.linspace(-5, 5, 100001)
    gv = np.array([gelu(t) for t in xs])
    s.T(18, r"負の側に導関数が負になる区間があり", dgelu(-1.0) < 0 and xs[np.argmin(gv)] < 0 and dgelu(xs[np.argmin(gv)] - 0.01) < 0 < dgelu(xs[np.argmin(gv)] + 0.01))

# ----------------------------------------------------------------------------- 11 (planted line 14)
@spec("11_softplus.md")
def f11(s):
    sp = lambda x: math.log1p(math.exp(x))
    s.T(6, r"= \sigma(x).", forall(lambda: (lambda x: abs(d1(sp, x) - math.exp(x) / (1 + math.exp(x))) < 1e-8
                                            and abs(sig(x) - 1 / (1 + math.exp(-x))) < 1e-15 and abs(d1(sp, x) - sig(x)) < 1e-8)(rng.normal() * 3)))
    s.T(9, r"\operatorname{softplus}''(x) = \sigma'(x) = \sigma(x)\,(1-\sigma(x)) > 0",
        forall(lambda: (lambda x: abs((sp(x + 1e-4) - 2 * sp(x) + sp(x - 1e-4)) / 1e-8 - sig(x) * (1 - sig(x))) < 1e-5)(rng.normal() * 3)))
    s.T(11, r"= \ln e^{x} = x", forall(lambda: (lambda x: abs(sp(x) - sp(-x) - x) < 1e-12
                                                 and abs(math.log((1 + math.exp(x)) / (1 + math.exp(-x))) - x) < 1e-12)(rng.normal() * 3)))
    s.T(13, r"1 + e^{2} \approx 8{,}3891", r("8,3891", 1 + math.exp(2)))
    s.T(14, r"\approx 2{,}1127", r("2,1127", sp(2)) and r("2,1127", math.log(8.3891)))
    s.T(16, r"\approx 0{,}1127", r("0,1127", sp(-2)))
    s.F(16, r"\approx 0{,}1127", abs(2.1127 - 2 - 0.1127) < 1e-12)
    s.T(17, r"\sigma(2) \approx 0{,}8808", r("0,8808", sig(2.0)) and r("0,1192", 1 - sig(2.0))
        and r("0,1050", sig(2.0) * (1 - sig(2.0))) and r("0,1050", 0.8808 * 0.1192))
    xs = np.linspace(-10, 10, 200001)
    diff = np.log1p(np.exp(xs)) - np.maximum(0, xs)
    s.T(19, r"\ln 2 \approx 0{,}6931", abs(xs[np.argmax(diff)]) < 1e-9 and abs(diff.max() - math.log(2)) < 1e-12 and r("0,6931", math.log(2)))


# ----------------------------------------------------------------------------- 12
@spec("12_batchnorm_backward.md")
def f12(s):
    def bn(x, gam, bet, eps):
        mu = x.mean()
        var = ((x - mu) ** 2).mean()
        return gam * (x - mu) / np.sqrt(var + eps) + bet

    def params_ok():
        x = rng.normal(size=5)
        g = rng.normal(size=5)
        gam, bet, eps = rng.normal(), rng.normal(), 0.1
        xh = (x - x.mean()) / np.sqrt(x.var() + eps)
        return (abs(d1(lambda t: np.sum(g * bn(x, t, bet, eps)), gam) - np.sum(g * xh)) < 1e-6
                and abs(d1(lambda t: np.sum(g * bn(x, gam, t, eps)), bet) - np.sum(g)) < 1e-6)

    def musig_ok():
        x = rng.normal(size=5)
        gm = grad(lambda q: q.mean(), x)
        gv = grad(lambda q: ((q - q.mean()) ** 2).mean(), x)
        return close(gm, np.full(5, 0.2), 1e-7) and close(gv, 2 / 5 * (x - x.mean()), 1e-6)

    def jac_ok():
        m = 5
        x = rng.normal(size=m)
        eps = 0.3
        mu = x.mean()
        sd = np.sqrt(x.var() + eps)
        Jn = jac(lambda q: (q - q.mean()) / np.sqrt(q.var() + eps), x)
        Jc = (np.eye(m) - 1 / m) / sd - np.outer(x - mu, x - mu) / (m * sd**3)
        return close(Jn, Jc, 1e-6)

    def dx_ok():
        m = 5
        x = rng.normal(size=m)
        g = rng.normal(size=m)
        gam, eps = rng.normal(), 0.2
        sd = np.sqrt(x.var() + eps)
        xh = (x - x.mean()) / sd
        fd = grad(lambda q: np.sum(g * bn(q, gam, 0.0, eps)), x)
        an = gam / (m * sd) * (m * g - g.sum() - xh * np.sum(g * xh))
        return close(fd, an, 1e-6)

    def sums_ok():
        m = 6
        x = rng.normal(size=m)
        g = rng.normal(size=m)
        gam = rng.normal()
        sd = np.sqrt(x.var())
        xh = (x - x.mean()) / sd
        dx = gam / (m * sd) * (m * g - g.sum() - xh * np.sum(g * xh))
        return abs(dx.sum()) < 1e-10 and abs(np.sum(xh * dx)) < 1e-10

    s.T(8, r"\frac{\partial L}{\partial \gamma} = \sum_{i} g_i\,\hat x_i", forall(params_ok, 20))
    s.T(9, r"\partial \sigma^2/\partial x_j = \frac{2}{m}(x_j-\mu)", forall(musig_ok, 20))
    s.T(10, r"- \frac{(x_i-\mu)(x_j-\mu)}{m\,s^3}", forall(jac_ok, 20))
    s.T(12, r"\Big(m\,g_j - \sum_i g_i - \hat x_j \sum_i g_i \hat x_i\Big)", forall(dx_ok, 20))
    s.T(13, r"\sum_j \hat x_j\,\partial L/\partial x_j = 0", forall(sums_ok, 20))
    x = np.array([1.0, 2, 3, 6])
    mu = x.mean()
    var = ((x - mu) ** 2).mean()
    sd = math.sqrt(var)
    xh = (x - mu) / sd
    s.T(16, r"\sigma^2 = \frac{4 + 1 + 0 + 9}{4} = 3.5", mu == 3 and var == 3.5 and (4 + 1 + 0 + 9) / 4 == 3.5 and r("1.8708", sd))
    s.T(17, r"\hat x \approx (-1.0690,\ -0.5345,\ 0,\ 1.6036)", rv(["-1.0690", "-0.5345", "0", "1.6036"], xh))
    g = np.array([1.0, 0, 0, -1])
    Lg = lambda q, gam, bet: np.sum(g * bn(q, gam, bet, 0.0))
    s.T(18, r"\sum_i g_i\hat x_i \approx -2.6726", g.sum() == 0 and r("-2.6726", np.sum(g * xh))
        and r("-2.6726", d1(lambda t: Lg(x, t, 0.0), 2.0)) and abs(d1(lambda t: Lg(x, 2.0, t), 0.0)) < 1e-9)
    s.T(19, r"\gamma/(ms) \approx 0.2673", r("0.2673", 2 / (4 * sd)))
    fd = grad(lambda q: Lg(q, 2.0, 0.0), x)
    s.T(20, r"\approx (0.305,\ -0.382,\ 0,\ 0.076)", rv(["0.305", "-0.382", "0", "0.076"], fd))
    s.T(21, r"the rounded ones give $-0.001$", abs(fd.sum()) < 1e-6 and abs(0.305 - 0.382 + 0 + 0.076 + 0.001) < 1e-12)


# ----------------------------------------------------------------------------- 13 (planted line 13)
@spec("13_layernorm_jacobian.md")
def f13(s):
    H = 5

    def norm(t):
        return (t - t.mean()) / np.sqrt(((t - t.mean()) ** 2).mean())

    def ids_ok():
        q = rng.normal(size=H)
        qh = norm(q)
        return abs(qh.sum()) < 1e-12 and abs((qh**2).sum() - H) < 1e-12

    def dmu_dsig_ok():
        q = rng.normal(size=H)
        gm = grad(lambda t: t.mean(), q)
        g = grad(lambda t: np.sqrt(((t - t.mean()) ** 2).mean()), q)
        sdq = np.sqrt(q.var())
        return close(gm, np.full(H, 1 / H), 1e-7) and close(g, (q - q.mean()) / (H * sdq), 1e-6) and close(g, norm(q) / H, 1e-6)

    def jac_claim():
        q = rng.normal(size=H)
        sdq = np.sqrt(q.var())
        qh = norm(q)
        return close(jac(norm, q), (np.eye(H) - np.outer(qh, qh) / H) / sdq, 1e-6)

    def wrongJ(q):
        qh = norm(q)
        return (np.eye(H) - np.outer(qh, qh) / H) / np.sqrt(q.var())

    s.T(7, r"$\sum_i \hat x_i = 0$ 和 $\sum_i \hat x_i^2 = H$", forall(ids_ok))
    s.T(9, r"$\partial \mu/\partial x_j = 1/H$", forall(dmu_dsig_ok, 20))
    s.T(10, r"= \frac{\hat x_j}{H}.$$", forall(dmu_dsig_ok, 20))
    s.T(13, r"\Big(\delta_{ij} - \frac{\hat x_i\,\hat x_j}{H}\Big)", forall(jac_claim, 10))

    def rows(Jf):
        q = rng.normal(size=H)
        qh = norm(q)
        sdq = np.sqrt(q.var())
        return close(Jf(q).sum(1), np.full(H, 1 / sdq), 1e-6) and close((1 - qh / H * qh.sum()) / sdq, np.full(H, 1 / sdq), 1e-9)

    s.T(15, r"\sum_j \hat x_j\Big) = \frac{1}{\sigma}", forall(lambda: rows(lambda q: jac(norm, q)), 5))
    s.F(15, r"\sum_j \hat x_j\Big) = \frac{1}{\sigma}", forall(lambda: rows(wrongJ)))

    def bp(Jf):
        q = rng.normal(size=H)
        g = rng.normal(size=H)
        qh = norm(q)
        sdq = np.sqrt(q.var())
        return close(g @ Jf(q), (g - qh / H * np.sum(g * qh)) / sdq, 1e-6)

    s.T(18, r"\Big(g_j - \frac{\hat x_j}{H}\sum_i g_i \hat x_i\Big)", forall(lambda: bp(lambda q: jac(norm, q)), 5))
    s.F(18, r"\Big(g_j - \frac{\hat x_j}{H}\sum_i g_i \hat x_i\Big)", forall(lambda: bp(wrongJ)))

    def const(Jf):
        q = rng.normal(size=H)
        c = rng.normal()
        return close(c * np.ones(H) @ Jf(q), np.full(H, c / np.sqrt(q.var())), 1e-6)

    s.T(19, r"$\partial L/\partial x = (c/\sigma)\,\mathbf{1}$", forall(lambda: const(lambda q: jac(norm, q)), 5))
    s.F(19, r"$\partial L/\partial x = (c/\sigma)\,\mathbf{1}$", forall(lambda: const(wrongJ)))

# ----------------------------------------------------------------------------- 14 (planted line 11)
@spec("14_dropout_variance.md")
def f14(s):
    # exact moments of x~ = m x / q, m ~ Bernoulli(q): enumerate the two outcomes
    def moments(q, x):
        vals = np.array([0.0, x / q])
        prob = np.array([1 - q, q])
        E = float(np.sum(prob * vals))
        E2 = float(np.sum(prob * vals**2))
        return E, E2 - E**2, E2

    def mean_ok():
        q = rng.uniform(0.1, 0.95)
        x = rng.normal() * 3
        return abs(moments(q, x)[0] - x) < 1e-12 and abs((1 - q) * 0 + q * 1 - q) < 1e-15

    s.T(6, r"\mathbb{E}[m] = q", forall(mean_ok))
    s.T(7, r"\mathbb{E}[\tilde x] = \frac{\mathbb{E}[m]}{q}\,x = x", forall(mean_ok))
    s.T(10, r"\operatorname{Var}(m) = q(1-q)", forall(lambda: (lambda q: abs(q - q * q - q * (1 - q)) < 1e-15)(rng.uniform(0.05, 0.95))))

    def var_claim():
        q = rng.uniform(0.1, 0.9)
        x = rng.normal() * 3 + 0.5
        return abs(moments(q, x)[1] - x**2 * (1 - q)) < 1e-9

    s.T(11, r"\operatorname{Var}(\tilde x) = \frac{x^2}{q}\operatorname{Var}(m) = x^2(1-q) = p\,x^2", forall(var_claim, 10))

    def cv(true):
        q = rng.uniform(0.1, 0.9)
        x = rng.normal() * 3 + 0.5
        p = 1 - q
        V = moments(q, x)[1] if true else p * x * x
        return abs(math.sqrt(V) / abs(x) - math.sqrt(p)) < 1e-9

    s.T(12, r"= \sqrt{p}$, independent of $x$", forall(lambda: cv(True), 10))
    s.F(12, r"= \sqrt{p}$, independent of $x$", forall(lambda: cv(False)))

    def second(true):
        q = rng.uniform(0.1, 0.9)
        x = rng.normal() * 3 + 0.5
        p = 1 - q
        E, V, E2 = moments(q, x)
        Vuse = V if true else p * x * x
        return abs((Vuse + x * x) - (1 + p) * x * x) < 1e-9 and (not true or abs(E2 - (1 + p) * x * x) < 1e-9)

    s.T(14, r"= (1+p)\,x^2$.", forall(lambda: second(True), 10))
    s.F(14, r"= (1+p)\,x^2$.", forall(lambda: second(False)))

    def sumvar(true):
        q = rng.uniform(0.1, 0.9)
        xs = rng.normal(size=4)
        p = 1 - q
        V = sum(moments(q, x)[1] for x in xs) if true else sum(p * x * x for x in xs)
        bounded = all((moments(qq, 1.0)[1] if true else (1 - qq)) <= 1.0 for qq in (0.5, 0.1, 0.01, 1e-4))
        return abs(V - p * np.sum(xs**2)) < 1e-9 and bounded

    s.T(15, r"\operatorname{Var}(s) = p\sum_i x_i^2", forall(lambda: sumvar(True), 10))
    s.F(15, r"\operatorname{Var}(s) = p\sum_i x_i^2", forall(lambda: sumvar(False)))

# ----------------------------------------------------------------------------- 15 (planted line 10)
@spec("15_inizializzazione_xavier_he.md")
def f15(s):
    nin = 50
    W = rng.normal(scale=0.3, size=(200000, nin))
    X = rng.normal(scale=1.7, size=(200000, nin))
    y = np.sum(W * X, axis=1)
    s.T(5, r"\operatorname{Var}(y) = n_{\text{in}}\,\operatorname{Var}(w)\,\operatorname{Var}(x)", abs(y.var() / (nin * 0.09 * 1.7**2) - 1) < 0.02)
    s.T(6, r"n_{\text{in}}\operatorname{Var}(w) = 1", True)
    a = 0.7
    var_unif = quad(lambda t: t**2 / (2 * a), -a, a)  # density 1/(2a) on [-a, a]
    s.T(10, r"\operatorname{Var}(w) = \frac{a^2}{12}", abs(var_unif - a**2 / 12) < 1e-6)
    uvar = lambda aa: aa * aa / 3  # true variance of U(-aa, aa)
    wvar = lambda aa: aa * aa / 12  # the planted formula
    fans = [(int(rng.integers(1, 2000)), int(rng.integers(1, 2000))) for _ in range(20)]
    s.T(12, r"a = \sqrt{\frac{24}{n_{\text{in}} + n_{\text{out}}}}", all(abs(uvar(math.sqrt(24 / (i + o))) - 2 / (i + o)) < 1e-12 for i, o in fans))
    s.F(12, r"a = \sqrt{\frac{24}{n_{\text{in}} + n_{\text{out}}}}", all(abs(wvar(math.sqrt(24 / (i + o))) - 2 / (i + o)) < 1e-12 for i, o in fans))
    s.T(13, r"il limite è $a = \sqrt{12/n}$", all(abs(uvar(math.sqrt(12 / n)) - 2 / (2 * n)) < 1e-12 for n, _ in fans)
        and abs(0.7 / math.sqrt(uvar(0.7)) - math.sqrt(12)) < 1e-9)
    s.F(13, r"il limite è $a = \sqrt{12/n}$", all(abs(math.sqrt(24 / (2 * n)) - math.sqrt(12 / n)) < 1e-12 for n, _ in fans)
        and abs(0.7 / math.sqrt(wvar(0.7)) - math.sqrt(12)) < 1e-9)
    s.T(16, r"deviazione standard $\sqrt{2/n_{\text{in}}}$", all(abs(uvar(math.sqrt(24 / n)) - 2 / n) < 1e-12 for n, _ in fans))
    s.F(16, r"$a = \sqrt{24/n_{\text{in}}}$", all(abs(wvar(math.sqrt(24 / n)) - 2 / n) < 1e-12 for n, _ in fans))

# ----------------------------------------------------------------------------- conv helpers
def conv_out_brute(H, k, p, s_, d):
    """number of window start positions fully inside the padded input"""
    n = 0
    start = -p
    while start + d * (k - 1) <= H - 1 + p:
        n += 1
        start += s_
    return n


def convT_out_brute(H, k, p, s_, d=1, op=0):
    """scatter each input position into the output, as a transposed convolution does"""
    touched = set()
    for i in range(H):
        for j in range(k):
            touched.add(i * s_ + j * d)
    full = max(touched) + 1  # length before cropping
    return full - 2 * p + op


# ----------------------------------------------------------------------------- 16
@spec("16_conv_output_sizes.md")
def f16(s):
    formula = lambda H, k, p, s_, d: (H + 2 * p - d * (k - 1) - 1) // s_ + 1

    def f_ok():
        H = int(rng.integers(5, 60))
        k = int(rng.integers(1, 6))
        d = int(rng.integers(1, 4))
        p = int(rng.integers(0, 4))
        s_ = int(rng.integers(1, 5))
        if H + 2 * p < d * (k - 1) + 1:
            return True
        return formula(H, k, p, s_, d) == conv_out_brute(H, k, p, s_, d)

    s.T(4, r"\left\lfloor \frac{H + 2p - d(k-1) - 1}{s} \right\rfloor + 1", forall(f_ok, 500))
    s.T(5, r"covers $d(k-1)+1$ input positions", all(len(set(j * d for j in range(k))) and (k - 1) * d + 1 == max(j * d for j in range(k)) + 1
                                                     for k in range(1, 6) for d in range(1, 4)))
    s.T(7, r"\lfloor (32 + 2 - 2 - 1)/1 \rfloor + 1 = 32", conv_out_brute(32, 3, 1, 1, 1) == 32 and (32 + 2 - 2 - 1) // 1 + 1 == 32)
    s.T(8, r"\lfloor 223/2 \rfloor + 1 = 111 + 1 = 112", conv_out_brute(224, 7, 3, 2, 1) == 112 and 224 + 6 - 6 - 1 == 223 and 223 // 2 == 111)
    s.T(9, r"\lfloor (112 + 2 - 3)/2\rfloor + 1 = 55 + 1 = 56", conv_out_brute(112, 3, 1, 2, 1) == 56 and (112 + 2 - 3) // 2 == 55)
    s.T(10, r"the kernel spans $2\cdot 2 + 1 = 5$ pixels", conv_out_brute(28, 3, 0, 1, 2) == 24 and 2 * 2 + 1 == 5 and 28 - 5 + 1 == 24)
    s.T(11, r"\lfloor 4/2 \rfloor + 1 = 3", conv_out_brute(7, 3, 0, 2, 1) == 3 and 7 - 3 == 4)

    def covered(H, k, p, s_):
        cov = set()
        n = conv_out_brute(H, k, p, s_, 1)
        for o in range(n):
            cov.update(range(-p + o * s_, -p + o * s_ + k))
        return cov

    s.T(12, r"\lfloor 8/3 \rfloor + 1 = 2 + 1 = 3", conv_out_brute(10, 4, 1, 3, 1) == 3 and 10 + 2 - 3 - 1 == 8 and 9 not in covered(10, 4, 1, 3))
    s.T(13, r"choose $p = d(k-1)/2$", all(conv_out_brute(H, k, d * (k - 1) // 2, 1, d) == H for H in range(8, 30) for k in (1, 3, 5, 7) for d in (1, 2, 3))
        and 2 * (3 - 1) // 2 == 2)
    s.T(15, r"$8/3 \approx 2.67$", r("2.67", 8 / 3))


# ----------------------------------------------------------------------------- 17 (planted line 8)
@spec("17_transposed_conv_size.md")
def f17(s):
    s.T(4, r"\left\lfloor \frac{H_{\text{in}} + 2p - k}{s} \right\rfloor + 1",
        all((H + 2 * p - k) // st + 1 == conv_out_brute(H, k, p, st, 1) for H in range(6, 20) for k in range(1, 5) for p in range(0, 3) for st in range(1, 4)))
    s.T(5, r"\lfloor 7/2 \rfloor + 1 = 4", conv_out_brute(8, 3, 1, 2, 1) == 4 and 8 + 2 - 3 == 7)

    def zero_ins(H, st):
        return len([0] * ((H - 1) * st + 1))

    s.T(7, r"$(H_{\text{in}}-1)s + 1$", all(len(np.kron(np.ones(H), np.eye(st)[0])[: (H - 1) * st + 1]) == (H - 1) * st + 1
                                               and int(np.sum(np.kron(np.ones(H), np.eye(st)[0])[: (H - 1) * st + 1])) == H
                                               for H in range(2, 9) for st in range(1, 4)))
    wrong = lambda H, k, p, st, d=1, op=0: (H - 1) * st - 2 * p + d * (k - 1) + op
    s.T(8, r"(H_{\text{in}} - 1)\,s - 2p + d\,(k-1) + \text{output\_padding}",
        all(wrong(H, k, p, st, d, op) == convT_out_brute(H, k, p, st, d, op)
            for H in range(2, 8) for k in range(2, 5) for p in range(0, 2) for st in range(1, 3) for d in (1, 2) for op in range(0, st)))
    s.T(12, r"H_{\text{out}} = 3\cdot 2 - 2 + 2 + 1 = 7", convT_out_brute(4, 3, 1, 2, 1, 1) == 7)
    s.F(12, r"H_{\text{out}} = 3\cdot 2 - 2 + 2 + 1 = 7", wrong(4, 3, 1, 2, 1, 1) == 7 and 3 * 2 - 2 + 2 + 1 == 7)
    s.T(15, r"H_{\text{out}} = 3\cdot 2 - 2 + 3 = 7", convT_out_brute(4, 4, 1, 2) == 7)
    s.F(15, r"H_{\text{out}} = 3\cdot 2 - 2 + 3 = 7", wrong(4, 4, 1, 2) == 7 and 3 * 2 - 2 + 3 == 7)
    seq = [4]
    for _ in range(3):
        seq.append(wrong(seq[-1], 4, 1, 2))
    true_seq = [4]
    for _ in range(3):
        true_seq.append(convT_out_brute(true_seq[-1], 4, 1, 2))
    s.T(17, r"4 \to 7 \to 13 \to 25", true_seq == [4, 7, 13, 25])
    s.F(17, r"4 \to 7 \to 13 \to 25", seq == [4, 7, 13, 25])


# ----------------------------------------------------------------------------- 18
@spec("18_conv_parameters_flops.md")
def f18(s):
    s.T(4, r"$3\cdot 3\cdot 3 = 27$", 3 * 3 * 3 == 27)
    s.T(5, r"64\cdot 27 + 64 = 1792", 64 * 27 + 64 == 1792 and 64 * (3 * 9 + 1) == 1792)
    s.T(6, r"ook $224\times 224$", conv_out_brute(224, 3, 1, 1, 1) == 224)
    s.T(7, r"224\cdot 224\cdot 64\cdot 27 = 86\,704\,128", 224 * 224 * 64 * 27 == 86704128)
    s.T(8, r"$1{,}73\cdot 10^{8}$", r("1,73", 2 * 86704128 / 1e8))
    s.T(11, r"= 73\,728 + 128 = 73\,856", 128 * 64 * 9 == 73728 and 73728 + 128 == 73856)
    s.T(14, r"= 640 + 8320 = 8960", 64 * 9 + 64 == 640 and 64 * 128 + 128 == 8320 and 640 + 8320 == 8960)
    s.T(15, r"\approx 8{,}24", r("8,24", 73856 / 8960))
    s.T(17, r"4096\cdot 1000 + 1000 = 4\,097\,000", 4096 * 1000 + 1000 == 4097000)
    s.T(18, r"$C_{\text{out}}(C_{\text{in}}k_h k_w + 1)$", 64 * (3 * 3 * 3 + 1) == 1792 and 128 * (64 * 9 + 1) == 73856)


# ----------------------------------------------------------------------------- 19 (planted line 6)
@spec("19_transformer_param_count.md")
def f19(s):
    d = 512
    s.T(3, r"d_k = d_v = d_{\text{model}}/h = 64", d // 8 == 64)
    s.T(5, r"since $h\cdot d_k = 512$", 8 * 64 == 512)
    attn_true = 4 * (d * d + d)
    s.T(6, r"4\,(512^2 + 512) = 4\cdot 262\,656 = 1\,048\,624", 512**2 + 512 == 262656 and attn_true == 1048624)
    ffn = d * 2048 + 2048 + 2048 * d + d
    s.T(9, r"= 2\,099\,712", ffn == 2099712)
    s.T(10, r"$2\cdot(512 + 512) = 2048$", 2 * (512 + 512) == 2048)
    s.T(13, r"= 3\,150\,384", attn_true + ffn + 2048 == 3150384)
    s.F(13, r"= 3\,150\,384", 1048624 + 2099712 + 2048 == 3150384)
    s.F(14, r"about $3.15$M", r("3.15", 3150384 / 1e6))
    n = 1024
    s.T(17, r"\approx 1.07\cdot 10^{9}", r("1.07", 4 * n * d * d / 1e9))
    s.T(18, r"\approx 5.37\cdot 10^{8}", r("5.37", n * n * d / 1e8))
    s.T(19, r"again $\approx 5.37\cdot 10^{8}$", r("5.37", n * n * d / 1e8))
    total = 4 * n * d * d + 2 * n * n * d
    s.T(21, r"$2^{31} \approx 2.15\cdot 10^{9}$", total == 2**31 and r("2.15", 2**31 / 1e9)
        and all((2 * m * m * d == 4 * m * d * d) == (m == 2 * d) for m in range(1, 3000)))


# ----------------------------------------------------------------------------- 20
@spec("20_lstm_gru_params.md")
def f20(s):
    d, h = 100, 128
    # brute force: build the weight shapes and count
    count = lambda shapes: sum(int(np.prod(sh)) for sh in shapes)
    rnn = count([(h, d), (h, h), (h,)])
    lstm = count([(h, d), (h, h), (h,)] * 4)
    lstm2 = count([(h, d), (h, h), (h,), (h,)] * 4)
    gru = count([(h, d), (h, h), (h,)] * 3)
    gru2 = count([(h, d), (h, h), (h,), (h,)] * 3)
    s.T(6, r"hd + h^2 + h = 12800 + 16384 + 128 = 29312", rnn == 29312 and h * d == 12800 and h * h == 16384)
    s.T(11, r"4 \cdot 29312 = 117248", lstm == 117248 and 4 * 29312 == 117248)
    s.T(12, r"4(hd + h^2 + 2h) = 117760", lstm2 == 117760)
    s.T(15, r"3\,(hd + h^2 + h) = 87936", gru == 87936 and gru2 == 88320)
    s.T(17, r"đúng bằng $4/3$", Fraction(lstm, gru) == Fraction(4, 3))
    s.T(18, r"4(h^2 + h^2 + h) = 131584", count([(h, h), (h, h), (h,)] * 4) == 131584)


# ----------------------------------------------------------------------------- 21
@spec("21_maxpool_backward.md")
def f21(s):
    X = np.array([[1.0, 3, 2, 1], [4, 2, 0, 1], [5, 1, 2, 8], [0, 6, 3, 4]])
    Y = X.reshape(2, 2, 2, 2).transpose(0, 2, 1, 3).reshape(2, 2, 4).max(-1)
    s.T(6, r"Y = \begin{pmatrix} 4 & 2\\ 6 & 8 \end{pmatrix}", close(Y, [[4, 2], [6, 8]], 0))
    arg = []
    for u in range(2):
        for v in range(2):
            win = X[2 * u:2 * u + 2, 2 * v:2 * v + 2]
            i, j = np.unravel_index(np.argmax(win), win.shape)
            arg.append((2 * u + i, 2 * v + j))
    s.T(7, r"$(1,0)$, $(0,2)$, $(3,1)$ and $(2,3)$", arg == [(1, 0), (0, 2), (3, 1), (2, 3)])
    G = np.array([[0.1, -0.2], [0.3, 0.5]])

    def L(Xv):
        Yv = Xv.reshape(2, 2, 2, 2).transpose(0, 2, 1, 3).reshape(2, 2, 4).max(-1)
        return np.sum(G * Yv)

    dX = grad(L, X, 1e-6)
    claimed = np.array([[0, 0, -0.2, 0], [0.1, 0, 0, 0], [0, 0, 0, 0.5], [0, 0.3, 0, 0]])
    s.T(14, r"\begin{pmatrix} 0 & 0 & -0.2 & 0", close(dX, claimed, 1e-6))
    s.T(15, r"= 0.7$, the same as the sum of $G$", int(np.sum(claimed == 0)) == 12 and abs(claimed.sum() - 0.7) < 1e-12 and abs(G.sum() - 0.7) < 1e-12)
    s.T(16, r"e.g. $0.025$ for the top-left window", abs(G[0, 0] / 4 - 0.025) < 1e-15)


# ----------------------------------------------------------------------------- 22 (planted line 12)
@spec("22_avgpool_backward.md")
def f22(s):
    X = np.array([[1.0, 2, 3, 4], [5, 6, 7, 8], [1, 0, 1, 0], [2, 2, 2, 2]])
    pool = lambda Xv: Xv.reshape(2, 2, 2, 2).transpose(0, 2, 1, 3).reshape(2, 2, 4).mean(-1)
    s.T(9, r"Y = \begin{pmatrix} 3.5 & 5.5\\ 1.25 & 1.25\end{pmatrix}", close(pool(X), [[3.5, 5.5], [1.25, 1.25]], 0))
    J = jac(lambda q: pool(q.reshape(4, 4)).ravel(), X.ravel())
    s.T(12, r"= \frac{1}{k}.$$", abs(J[0, 0] - 1 / 2) < 1e-6)
    g = np.array([[1.0, -1], [0.5, 2]])
    dX = grad(lambda q: np.sum(g * pool(q)), X)
    s.T(14, r"= \frac{1}{k}\,g_{uv}", close(dX, np.kron(g, np.ones((2, 2))) / 2, 1e-6))
    s.F(14, r"= \frac{1}{k}\,g_{uv}", True)
    claimed = np.array([[0.5, 0.5, -0.5, -0.5], [0.5, 0.5, -0.5, -0.5], [0.25, 0.25, 1, 1], [0.25, 0.25, 1, 1]])
    s.T(17, r"0.25 & 0.25 & 1 & 1", close(dX, claimed, 1e-6))
    s.F(17, r"0.25 & 0.25 & 1 & 1", close(np.kron(g, np.ones((2, 2))) / 2, claimed, 0))
    s.F(18, r"4\cdot\tfrac{1}{2}\,(1 - 1 + 0.5 + 2) = 5", abs(claimed.sum() - 5) < 1e-12 and abs(4 * 0.5 * (1 - 1 + 0.5 + 2) - 5) < 1e-12)


# ----------------------------------------------------------------------------- 23
@spec("23_im2col_shapes.md")
def f23(s):
    N, C, H, k, p, F = 8, 3, 32, 5, 2, 16
    Ho = conv_out_brute(H, k, p, 1, 1)
    s.T(5, r"H' = (32 + 2\cdot 2 - 5)/1 + 1 = 32", Ho == 32 and (32 + 4 - 5) + 1 == 32)
    s.T(7, r"N H' W' = 8\cdot 32\cdot 32 = 8192", C * k * k == 75 and N * Ho * Ho == 8192)

    # small brute-force im2col to confirm the layout / shapes and the backward formulas
    def im2col(x, k, p):
        n, c, h, w = x.shape
        xp = np.pad(x, ((0, 0), (0, 0), (p, p), (p, p)))
        ho = h + 2 * p - k + 1
        cols = np.zeros((c * k * k, n * ho * ho))
        col = 0
        for b in range(n):
            for i in range(ho):
                for j in range(ho):
                    cols[:, col] = xp[b, :, i:i + k, j:j + k].ravel()
                    col += 1
        return cols

    xs = rng.normal(size=(2, 3, 6, 6))
    cols = im2col(xs, 5, 2)
    s.T(8, r"X_{\text{col}} \in \mathbb{R}^{75 \times 8192}", cols.shape == (75, 2 * 36) and (C * k * k, N * Ho * Ho) == (75, 8192))
    Wr = rng.normal(size=(4, 75))
    Yr = Wr @ cols
    s.T(10, r"\in \mathbb{R}^{16\times 8192}", Yr.shape == (4, 72) and (F, 75) == (16, 75))
    s.T(11, r"reshaped to $8\times 16\times 32\times 32$", F * N * Ho * Ho == 16 * 8192)
    s.T(13, r"16\cdot 75\cdot 8192 = 9\,830\,400", 16 * 75 * 8192 == 9830400)
    s.T(15, r"614\,400/24\,576 = 25 = k^2", 75 * 8192 == 614400 and 614400 * 4 == 2457600 and r("2.46", 2457600 / 1e6)
        and 8 * 3 * 32 * 32 == 24576 and 614400 // 24576 == 25 and 614400 % 24576 == 0)
    G = rng.normal(size=Yr.shape)
    Lf = lambda Wv, Cv: np.sum(G * (Wv @ Cv))
    s.T(18, r"X_{\text{col}}^{\top} \in \mathbb{R}^{16\times 75}",
        close(grad(lambda q: Lf(q, cols), Wr), G @ cols.T, 1e-6) and close(grad(lambda q: Lf(Wr, q), cols), Wr.T @ G, 1e-6))


# ----------------------------------------------------------------------------- 24 (planted line 13)
@spec("24_momentum_von_hand.md")
def f24(s):
    eta, beta = 0.1, 0.9
    w, v = 1.0, 0.0
    traj = []
    for _ in range(4):
        g = 2 * w
        v = beta * v + g
        w = w - eta * v
        traj.append((g, v, w))
    s.T(7, r"also $v_1 = 2$ und $w_1 = 1 - 0{,}2 = 0{,}8$", close(traj[0], (2, 2, 0.8)))
    s.T(9, r"$\nabla f(w_1) = 1{,}6$", close(traj[1][0], 1.6))
    s.T(10, r"v_2 = 0{,}9\cdot 2 + 1{,}6 = 3{,}4", close(traj[1][1:], (3.4, 0.46)))
    s.T(12, r"$\nabla f(w_2) = 0{,}92$", close(traj[2][0], 0.92))
    s.T(13, r"v_3 = 0{,}9 \cdot 3{,}4 + 0{,}92 = 3{,}96", close(traj[2][1], 3.96))
    # consistency with the wrong v3 = 3.96
    v3 = 3.96
    w3 = 0.46 - eta * v3
    s.F(14, r"w_3 = 0{,}46 - 0{,}396 = 0{,}064", close(w3, 0.064))
    s.F(16, r"$\nabla f(w_3) = 0{,}128$", close(2 * w3, 0.128))
    v4 = beta * v3 + 2 * w3
    s.F(17, r"v_4 = 0{,}9\cdot 3{,}96 + 0{,}128 = 3{,}692", close(v4, 3.692) and close(w3 - eta * v4, -0.3052))
    s.T(19, r"w_4 = 0{,}8^4 = 0{,}4096", close(0.8**4, 0.4096) and all(abs((1 - 2 * eta) * t - (t - eta * 2 * t)) < 1e-15 for t in (1.0, 0.3)))
    s.F(20, r"($w_4 < 0$)", w3 - eta * v4 < 0)


# ----------------------------------------------------------------------------- 25
@spec("25_nesterov_steps.md")
def f25(s):
    fp = lambda w: 4 * w
    w, v = 1.0, 0.0
    rows = []
    ws = [w]
    for _ in range(3):
        la = w + 0.9 * v
        g = fp(la)
        v = 0.9 * v - 0.1 * g
        w = w + v
        rows.append((la, g, v, w))
        ws.append(w)
    s.T(3, r"(so $f'(w) = 4w$)", abs(d1(lambda t: 2 * t * t, 0.7) - 2.8) < 1e-8)
    s.T(8, r"| 0 | $1$ | $4$ | $-0.4$ | $0.6$ |", close(rows[0], (1, 4, -0.4, 0.6)))
    s.T(9, r"| 1 | $0.6 - 0.36 = 0.24$", close(rows[1], (0.24, 0.96, -0.456, 0.144)) and close(0.6 - 0.36, 0.24) and close(-0.36 - 0.096, -0.456))
    s.T(10, r"| 2 | $0.144 - 0.4104 = -0.2664$", close(rows[2], (-0.2664, -1.0656, -0.30384, -0.15984)) and close(0.144 - 0.4104, -0.2664)
        and close(-0.4104 + 0.10656, -0.30384))
    w, v = 1.0, 0.0
    cm = []
    for _ in range(3):
        v = 0.9 * v - 0.1 * fp(w)
        w = w + v
        cm.append(w)
    s.T(13, r"w_2 = 0.6 + (-0.36 - 0.24) = 0", close(cm, [0.6, 0.0, -0.54], 1e-12) and close([0.6 + (-0.36 - 0.24), 0 + (-0.54 - 0)], [0, -0.54], 1e-12))
    s.T(14, r"$|w_3^{\text{NAG}}| \approx 0.16$", r("0.16", abs(ws[3])) and close(abs(cm[2]), 0.54))

    def rec_ok():
        lam = rng.uniform(0.5, 5)
        eta = rng.uniform(0.01, 0.3)
        mu = rng.uniform(0.1, 0.99)
        w, v = rng.normal(), 0.0
        hist = [w]
        for _ in range(6):
            v = mu * v - eta * lam * (w + mu * v)
            w = w + v
            hist.append(w)
        return all(abs(hist[t + 1] - ((1 + mu) * (1 - eta * lam) * hist[t] - mu * (1 - eta * lam) * hist[t - 1])) < 1e-12
                   for t in range(1, 6))

    s.T(16, r"$w_{t+1} = 1.14\,w_t - 0.54\,w_{t-1}$", forall(rec_ok) and close([(1.9) * 0.6, 0.9 * 0.6], [1.14, 0.54])
        and close(1.14 * 0.6 - 0.54 * 1, 0.144) and close(ws[2], 0.144))


# ----------------------------------------------------------------------------- 26 (planted line 15)
@spec("26_adam_deux_iterations.md")
def f26(s):
    b1, b2, eta = 0.9, 0.999, 0.001
    g1, g2 = 0.2, 0.1
    m1 = (1 - b1) * g1
    v1 = (1 - b2) * g1**2
    s.T(8, r"$m_1 = 0{,}1\cdot 0{,}2 = 0{,}02$", close(m1, 0.02) and close(v1, 4e-5))
    s.T(9, r"$\hat m_1 = 0{,}02/0{,}1 = 0{,}2$", close(m1 / (1 - b1), 0.2) and close(v1 / (1 - b2), 0.04))
    th1 = 1 - eta * (m1 / (1 - b1)) / (math.sqrt(v1 / (1 - b2)) + 1e-8)
    s.T(10, r"= 0{,}999 .$$", r("0,999", th1) and abs(th1 - 0.999) < 1e-9)
    s.T(11, r"d'environ $\eta$", abs((1 - th1) - eta) < 1e-9)
    m2 = b1 * m1 + (1 - b1) * g2
    v2 = b2 * v1 + (1 - b2) * g2**2
    s.T(14, r"= 4{,}996\cdot 10^{-5}", close(m2, 0.028) and close(v2, 4.996e-5))
    mh_true = m2 / (1 - b1**2)
    vh_true = v2 / (1 - b2**2)
    s.T(15, r"\hat m_2 = \frac{m_2}{1-\beta_1} = \frac{0{,}028}{0{,}1} = 0{,}28", close(mh_true, 0.28) and close(vh_true, 0.04996))
    th2_true = th1 - eta * mh_true / (math.sqrt(vh_true) + 1e-8)
    s.T(16, r"\approx 0{,}99775", r("0,99775", th2_true))
    mh_w, vh_w = m2 / (1 - b1), v2 / (1 - b2)
    s.F(16, r"\approx 0{,}99775", r("1,2527", mh_w / math.sqrt(vh_w)) and r("0,99775", 0.999 - eta * mh_w / math.sqrt(vh_w))
        and close(vh_w, 0.04996) and close(mh_w, 0.28))


# ----------------------------------------------------------------------------- 27
@spec("27_adagrad_rmsprop.md")
def f27(s):
    eta = 0.1
    G1 = 4
    t1 = 1 - eta * 2 / math.sqrt(G1)
    G2 = G1 + 1
    t2 = t1 - eta * 1 / math.sqrt(G2)
    s.T(6, r"\theta_1 = 1 - 0.1\cdot\frac{2}{2} = 0.9", close(t1, 0.9))
    s.T(7, r"\approx 0.9 - 0.04472 = 0.85528", G2 == 5 and r("0.04472", eta / math.sqrt(5)) and r("0.85528", t2) and close(0.9 - 0.04472, 0.85528))
    E1 = 0.1 * 4
    r1 = 1 - eta * 2 / math.sqrt(E1)
    E2 = 0.9 * E1 + 0.1 * 1
    r2 = r1 - eta * 1 / math.sqrt(E2)
    s.T(10, r"\approx 1 - 0.31623 = 0.68377", close(E1, 0.4) and r("0.31623", 0.2 / math.sqrt(0.4)) and r("0.68377", r1) and close(1 - 0.31623, 0.68377))
    s.T(11, r"\approx 0.68377 - 0.14744 = 0.53633", close(E2, 0.46) and r("0.67823", math.sqrt(0.46)) and r("0.14744", 0.1 / math.sqrt(0.46))
        and r("0.53633", r2) and close(0.68377 - 0.14744, 0.53633))
    s.T(13, r"the first step would be $0.1$", close(eta / math.sqrt(4), 0.05) and r("0.0447", eta / math.sqrt(5)) and r("0.316", 1 - r1)
        and close(E1 / (1 - 0.9), 4) and close(eta * 2 / math.sqrt(E1 / (1 - 0.9)), 0.1))


# ----------------------------------------------------------------------------- 28 (planted line 11)
@spec("28_lr_schedules.md")
def f28(s):
    step = lambda t: 0.1 * 0.5 ** (t // 10)
    s.T(5, r"$\eta_{25} = 0{,}1\cdot 0{,}5^{2} = 0{,}025$", close(step(25), 0.025))
    s.T(6, r"\approx 0{,}1\cdot 0{,}5987 \approx 0{,}05987", r("0,5987", 0.95**10) and r("0,05987", 0.1 * 0.95**10))
    s.T(7, r"$0{,}02;\ 0{,}04;\ 0{,}06;\ 0{,}08;\ 0{,}1$", close([0.1 * (t + 1) / 5 for t in range(5)], [0.02, 0.04, 0.06, 0.08, 0.1]))
    cosl = lambda t: 0 + 0.5 * (0.1 - 0) * (1 + math.cos(math.pi * t / 100))
    s.T(10, r"$\eta_{50} = 0{,}05$", abs(math.cos(math.pi / 2)) < 1e-15 and close(cosl(50), 0.05))
    s.T(11, r"$\cos(0{,}3\pi) \approx 0{,}8090$", r("0,8090", math.cos(0.3 * math.pi)))
    s.T(12, r"\approx 0{,}09045", r("0,09045", cosl(30)))
    s.F(12, r"\approx 0{,}09045", r("0,09045", 0.05 * 1.8090))
    s.T(13, r"$\eta_{70} \approx 0{,}05 \cdot 0{,}1910 = 0{,}00955$", abs(math.cos(0.7 * math.pi) + math.cos(0.3 * math.pi)) < 1e-15 and r("0,00955", cosl(70)))
    s.F(13, r"$\eta_{70} \approx 0{,}05 \cdot 0{,}1910 = 0{,}00955$", abs(math.cos(0.7 * math.pi) + math.cos(0.3 * math.pi)) < 1e-15
        and close(1 - 0.8090, 0.1910) and close(0.05 * 0.1910, 0.00955))
    s.T(14, r"\eta_{30} + \eta_{70} = \eta_{\max} + \eta_{\min} = 0{,}1", close(cosl(30) + cosl(70), 0.1))
    s.F(14, r"\eta_{30} + \eta_{70} = \eta_{\max} + \eta_{\min} = 0{,}1", close(0.09045 + 0.00955, 0.1))


# ----------------------------------------------------------------------------- 29
@spec("29_grad_clip_global_norm.md")
def f29(s):
    g = np.array([3.0, 4, 12])
    nrm = np.linalg.norm(g)
    s.T(6, r"= \sqrt{169} = 13", 9 + 16 + 144 == 169 and close(nrm, 13))
    a = min(1, 5 / nrm)
    s.T(8, r"= \frac{5}{13} \approx 0.3846", close(a, 5 / 13) and r("0.3846", a))
    s.T(10, r"\tilde g^{(1)} \approx (1.1538,\ 1.5385)", rv(["1.1538", "1.5385", "4.6154"], a * g))
    s.T(11, r"\lVert\tilde g\rVert_2 = \alpha\cdot 13 = 5", close(np.linalg.norm(a * g), 5))
    s.T(14, r"its norm is $\sqrt{50} \approx 7.07$", np.linalg.norm([3, 4]) == 5 and close(np.linalg.norm([3, 4, 5]), math.sqrt(50))
        and r("7.07", math.sqrt(50)) and abs(np.dot([3, 4, 5], g) / (np.linalg.norm([3, 4, 5]) * nrm) - 1) > 1e-3)
    s.T(15, r"happens to give the same $(3, 4, 5)$", close(np.clip(g, -5, 5), [3, 4, 5], 0))
    s.T(17, r"then $\alpha = 1$", min(1, 5 / 4) == 1)


# ----------------------------------------------------------------------------- 30
@spec("30_weight_decay_adamw.md")
def f30(s):
    def l2_ok():
        w = rng.normal(size=3)
        lam = rng.uniform(0, 1)
        A = rng.normal(size=(3, 3))
        L = lambda q: np.sum((A @ q) ** 2)
        return close(grad(lambda q: L(q) + lam / 2 * np.sum(q * q), w), grad(L, w) + lam * w, 1e-6)

    s.T(4, r"\nabla \tilde L(w) = \nabla L(w) + \lambda w", forall(l2_ok, 20))
    s.T(6, r"= (1 - \eta\lambda)\,w_t - \eta\,\nabla L(w_t)",
        forall(lambda: (lambda w, g, e, l: abs((w - e * (g + l * w)) - ((1 - e * l) * w - e * g)) < 1e-12)(*rng.normal(size=4))))

    def decay_ok():
        e, l = rng.uniform(0.001, 1), rng.uniform(0.001, 0.9)
        el = e * l
        if el >= 1:
            return True
        w = rng.normal(size=3)
        k = int(rng.integers(1, 500))
        wk = w.copy()
        for _ in range(k):
            wk = wk - e * (0 + l * wk)
        return (close(wk, (1 - el) ** k * w, 1e-9) and math.log(1 - el) <= -el
                and np.linalg.norm(wk) <= math.exp(-el * k) * np.linalg.norm(w) + 1e-15)

    s.T(9, r"$w_k = (1-\eta\lambda)^k\, w_0$", forall(decay_ok))
    s.T(10, r"\lVert w_k\rVert \le e^{-\eta\lambda k}\,\lVert w_0\rVert", forall(decay_ok))

    def adam1(g, eta=0.1, b1=0.9, b2=0.999):
        m = (1 - b1) * g
        v = (1 - b2) * g * g
        mh, vh = m / (1 - b1), v / (1 - b2)
        return mh, vh, mh / np.sqrt(vh)

    def first_ok():
        g = rng.normal(size=4)
        mh, vh, ratio = adam1(g)
        return close(mh, g, 1e-12) and close(vh, g * g, 1e-12) and close(ratio, np.sign(g), 1e-12)

    s.T(12, r"\hat m_1/\sqrt{\hat v_1} = \operatorname{sign}(g_1)", forall(first_ok))

    def l2_in_ok():
        w0 = rng.normal(size=4)
        gL = rng.normal(size=4)
        lam, eta = rng.uniform(0, 0.5), 0.1
        step = eta * adam1(gL + lam * w0)[2]
        return close(step, eta * np.sign(gL + lam * w0), 1e-12)

    def adamw_ok():
        w0 = rng.normal(size=4)
        gL = rng.normal(size=4)
        lam, eta = rng.uniform(0, 0.5), 0.1
        w_dec = w0 - eta * lam * w0  # decoupled decay, then the Adam step
        w1 = w_dec - eta * adam1(gL)[2]
        return close(w1, w0 - eta * (np.sign(gL) + lam * w0), 1e-12)

    s.T(13, r"só importa se mudar o sinal", forall(l2_in_ok))
    s.T(14, r"w_1 = w_0 - \eta\big(\operatorname{sign}(\nabla L(w_0)) + \lambda w_0\big)", forall(adamw_ok))

# ----------------------------------------------------------------------------- 31 (planted line 14)
@spec("31_rnn_bptt.md")
def f31(s):
    w, u, x1, x2, y = 0.8, 1.0, 1.0, -1.0, 0.0

    def fwd(w, u):
        h1 = math.tanh(u * x1)
        a2 = w * h1 + u * x2
        h2 = math.tanh(a2)
        return h1, a2, h2, 0.5 * (h2 - y) ** 2

    h1, a2, h2, L = fwd(w, u)
    s.T(7, r"a_2 = 0.8\cdot 0.7616 - 1 \approx -0.3907", r("0.7616", h1) and r("-0.3907", a2) and r("-0.3720", h2))
    s.T(8, r"\approx 0.0692", r("0.0692", L))
    s.T(10, r"$\tanh'(a) = 1 - \tanh^2(a)$", abs(d1(math.tanh, 0.3) - (1 - math.tanh(0.3) ** 2)) < 1e-9)
    s.T(11, r"$\partial L/\partial h_2 = h_2 - y \approx -0.3720$", r("-0.3720", h2 - y))
    d2 = (h2 - y) * (1 - h2**2)
    s.T(12, r"\approx -0.3720 \times 0.8616 \approx -0.3205", r("0.8616", 1 - h2**2) and r("-0.3205", d2)
        and abs(d1(lambda a: 0.5 * (math.tanh(a) - y) ** 2, a2) - d2) < 1e-8)
    dh1 = d2 * w
    s.T(13, r"\partial L/\partial h_1 = \delta_2\, w \approx -0.2564", r("-0.2564", dh1)
        and abs(d1(lambda h: 0.5 * (math.tanh(w * h + u * x2) - y) ** 2, h1) - dh1) < 1e-8)
    d1_true = d1(lambda a: 0.5 * (math.tanh(w * math.tanh(a) + u * x2) - y) ** 2, u * x1)
    s.T(14, r"\delta_1 = \dfrac{\partial L}{\partial h_1} \approx -0.2564", r("-0.2564", d1_true))
    gw = d1(lambda t: fwd(t, u)[3], w)
    gu = d1(lambda t: fwd(w, t)[3], u)
    s.T(16, r"\approx -0.2441", r("-0.2441", gw))
    s.F(16, r"\approx -0.2441", r("-0.2441", d2 * h1 + dh1 * 0) and r("-0.2441", -0.3205 * 0.7616))
    s.T(17, r"\approx 0.3205 - 0.2564 = 0.0641", r("0.0641", gu))
    s.F(17, r"\approx 0.3205 - 0.2564 = 0.0641", r("0.0641", d2 * x2 + dh1 * x1) and close(0.3205 - 0.2564, 0.0641))


# ----------------------------------------------------------------------------- 32
@spec("32_gru_step.md")
def f32(s):
    x, h = 1.0, 0.5

    def step(hh):
        z = sig(0.5 * x + 1 * hh)
        r_ = sig(1 * x - 1 * hh)
        ht = math.tanh(1 * x + 2 * r_ * hh)
        return (1 - z) * hh + z * ht, z, r_, ht

    hn, z, r_, ht = step(h)
    s.T(13, r"z = \sigma(0.5 + 0.5) = \sigma(1) \approx 0.7311", r("0.7311", z))
    s.T(14, r"r = \sigma(1 - 0.5) = \sigma(0.5) \approx 0.6225", r("0.6225", r_))
    s.T(15, r"= \tanh(1.6225) \approx 0.9250", r("1.6225", 1 + 2 * r_ * h) and r("0.9250", ht))
    s.T(16, r"h' = 0.2689\times 0.5 + 0.7311\times 0.9250 \approx 0.8107", r("0.2689", 1 - z) and r("0.8107", hn))
    s.T(18, r"\partial h'/\partial \tilde h = z \approx 0.7311",
        r("0.4250", ht - h) and abs(d1(lambda t: (1 - z) * h + z * t, ht) - z) < 1e-9
        and abs(d1(lambda t: (1 - t) * h + t * ht, z) - (ht - h)) < 1e-9 and abs(d1(lambda t: (1 - z) * t + z * ht, h) - (1 - z)) < 1e-9)
    tot = d1(lambda t: step(t)[0], h)
    formula = (1 - z) + (ht - h) * z * (1 - z) * 1 + z * (1 - ht**2) * 2 * (r_ + h * r_ * (1 - r_) * (-1))
    s.T(21, r"\frac{dh'}{dh} = (1-z) + (\tilde h - h)\,z(1-z)\,U_z", abs(tot - formula) < 1e-8)
    s.T(22, r"\approx 0.6225 - 0.5\times 0.2350 \approx 0.5050", r("0.1966", z * (1 - z)) and r("0.1444", 1 - ht**2)
        and r("0.2350", r_ * (1 - r_)) and r("0.5050", r_ - h * r_ * (1 - r_)))
    s.T(23, r"\approx 0.2689 + 0.0836 + 0.1066 = 0.4591", r("0.0836", (ht - h) * z * (1 - z)) and r("0.1066", z * (1 - ht**2) * 2 * (r_ - h * r_ * (1 - r_)))
        and r("0.4591", tot) and close(0.2689 + 0.0836 + 0.1066, 0.4591))


# ----------------------------------------------------------------------------- 33 (planted line 12)
@spec("33_attention_gradient.md")
def f33(s):
    d, n = 3, 4

    def attn(q, K, V):
        return softmax(K @ q / math.sqrt(len(q))) @ V

    def rand_setup():
        return rng.normal(size=d), rng.normal(size=(n, d)), rng.normal(size=(n, 2)), rng.normal(size=2)

    def pieces(q, K, V, g):
        sc = K @ q / math.sqrt(d)
        a = softmax(sc)
        da = V @ g
        ds = a * (da - np.sum(a * da))
        return sc, a, da, ds

    def da_ok():
        q, K, V, g = rand_setup()
        sc, a, da, ds = pieces(q, K, V, g)
        dv = grad(lambda VV: g @ attn(q, K, VV), V)
        return close(grad(lambda aa: g @ (aa @ V), a), V @ g, 1e-6) and close(dv, np.outer(a, g), 1e-6)

    def ds_ok():
        q, K, V, g = rand_setup()
        sc, a, da, ds = pieces(q, K, V, g)
        return close(grad(lambda ss: g @ (softmax(ss) @ V), sc), ds, 1e-6)

    def dq_claim():
        q, K, V, g = rand_setup()
        sc, a, da, ds = pieces(q, K, V, g)
        return close(grad(lambda qq: g @ attn(qq, K, V), q), ds @ K, 1e-6)

    def dk(follow):
        q, K, V, g = rand_setup()
        sc, a, da, ds = pieces(q, K, V, g)
        claimed = np.outer(ds, q)
        true_dk = grad(lambda KK: g @ attn(q, KK, V), K)
        if follow:  # same slip as the planted line: the 1/sqrt(d) factor is dropped, for q and k alike
            true_dq = grad(lambda qq: g @ attn(qq, K, V), q)
            return close(claimed, math.sqrt(d) * true_dk, 1e-5) and close(ds @ K, math.sqrt(d) * true_dq, 1e-5)
        return close(true_dk, claimed, 1e-6)

    s.T(7, r"\dfrac{\partial L}{\partial v_i} = a_i\, g", forall(da_ok, 10))
    s.T(10, r"\frac{\partial L}{\partial s_i} = a_i\Big(", forall(ds_ok, 10))
    s.T(12, r"\frac{\partial L}{\partial q} = \sum_{i=1}^n \frac{\partial L}{\partial s_i}\,k_i", forall(dq_claim, 10))
    s.T(14, r"\frac{\partial L}{\partial k_i} = \frac{\partial L}{\partial s_i}\, q", forall(lambda: dk(False), 5))
    s.F(14, r"\frac{\partial L}{\partial k_i} = \frac{\partial L}{\partial s_i}\, q", forall(lambda: dk(True)))

    def batched(follow):
        m = 3
        Q = rng.normal(size=(m, d))
        K = rng.normal(size=(n, d))
        V = rng.normal(size=(n, 2))
        G = rng.normal(size=(m, 2))

        def f(Q_, K_, V_):
            S = Q_ @ K_.T / math.sqrt(d)
            A = np.exp(S - S.max(1, keepdims=True))
            A = A / A.sum(1, keepdims=True)
            return np.sum(G * (A @ V_)), A

        _, A = f(Q, K, V)
        dV = A.T @ G
        dA = G @ V.T
        dS = A * (dA - np.sum(dA * A, axis=1, keepdims=True))
        ok_true_part = (close(grad(lambda VV: f(Q, K, VV)[0], V), dV, 1e-6)
                        and close(jac(lambda SS: (lambda A_: np.sum(G * (A_ @ V)))(np.exp(SS.reshape(m, n)) / np.exp(SS.reshape(m, n)).sum(1, keepdims=True)), (Q @ K.T / math.sqrt(d)).ravel()).reshape(m, n), dS, 1e-6))
        if follow:  # dQ, dK are off by exactly the dropped factor sqrt(d), like the planted line
            return (ok_true_part and close(dS @ K, math.sqrt(d) * grad(lambda QQ: f(QQ, K, V)[0], Q), 1e-5)
                    and close(dS.T @ Q, math.sqrt(d) * grad(lambda KK: f(Q, KK, V)[0], K), 1e-5))
        return (ok_true_part and close(grad(lambda QQ: f(QQ, K, V)[0], Q), dS @ K, 1e-6)
                and close(grad(lambda KK: f(Q, KK, V)[0], K), dS.T @ Q, 1e-6))

    s.T(17, r"dQ = dS\,K,\qquad dK = dS^\top Q", forall(lambda: batched(False), 3))
    s.F(17, r"dQ = dS\,K,\qquad dK = dS^\top Q", forall(lambda: batched(True), 3))

    def shift_ok():
        q, K, V, g = rand_setup()
        c = rng.normal(size=d)
        sc, a, da, ds = pieces(q, K, V, g)
        gq = grad(lambda qq: g @ attn(qq, K, V), q)
        gq2 = grad(lambda qq: g @ attn(qq, K + c, V), q)
        return abs(ds.sum()) < 1e-12 and close(gq, gq2, 1e-5) and close(ds @ (K + c), ds @ K, 1e-9)

    s.T(18, r"adding the same vector to all keys", forall(shift_ok, 10))
    s.F(18, r"adding the same vector to all keys", forall(shift_ok, 10))

# ----------------------------------------------------------------------------- 34
@spec("34_embedding_gradient.md")
def f34(s):
    V, d = 7, 3
    toks = [2, 5, 2, 0, 5, 5]
    T = len(toks)
    G = rng.normal(size=(T, d))
    E0 = rng.normal(size=(V, d))
    L = lambda E: float(np.sum(G * E[toks]))  # upstream gradients G wrt e_t
    gE = grad(L, E0)
    O = np.eye(V)[toks]
    s.T(5, r"$e_t = E^\top o_t$", close(E0.T @ O[1], E0[5], 0))
    s.T(6, r"\sum_{t\,:\,x_t = v} \frac{\partial L}{\partial e_t}", close(gE, O.T @ G, 1e-6)
        and all(close(gE[v], sum((G[t] for t in range(T) if toks[t] == v), np.zeros(d)), 1e-6) for v in range(V)))
    s.T(7, r"出現しないトークンの行の勾配は 0", all(np.allclose(gE[v], 0) for v in range(V) if v not in toks))
    gs = rng.normal(size=d)
    Ls = lambda E: float(gs @ E[toks].mean(0))
    gEs = grad(Ls, E0)
    ok10 = True
    for v in range(V):
        nv = toks.count(v)
        Js = jac(lambda row: np.vstack([E0[:v], row, E0[v + 1:]])[toks].mean(0), E0[v])
        ok10 = ok10 and close(Js, nv / T * np.eye(d), 1e-6) and close(gEs[v], nv / T * gs, 1e-6)
    s.T(10, r"\frac{\partial s}{\partial E_{v,:}} = \frac{n_v}{T}\, I_d", ok10)
    h = rng.normal(size=d)
    y = 4
    Lt = lambda E: -np.log(softmax(E @ h)[y])
    p = softmax(E0 @ h)
    gt = grad(Lt, E0)
    s.T(13, r"(p - e_y)\, h^\top", close(gt, np.outer(p - np.eye(V)[y], h), 1e-6))
    s.T(14, r"密な勾", bool(np.all(np.abs(gt).sum(1) > 0)))

# ----------------------------------------------------------------------------- 35 (planted line 13)
@spec("35_kl_gaussians.md")
def f35(s):
    def npdf(x, m, sd):
        return np.exp(-((x - m) ** 2) / (2 * sd**2)) / (sd * np.sqrt(2 * np.pi))

    def logpdf(x, m, sd):
        return -0.5 * np.log(2 * np.pi * sd**2) - (x - m) ** 2 / (2 * sd**2)

    def E(f, m, sd):
        return quad(lambda x: npdf(x, m, sd) * f(x), m - 12 * sd, m + 12 * sd)

    def kl_q(m1, s1, m2, s2):
        return E(lambda x: logpdf(x, m1, s1) - logpdf(x, m2, s2), m1, s1)

    params = [(rng.normal(), rng.uniform(0.3, 2), rng.normal(), rng.uniform(0.3, 2)) for _ in range(5)]
    s.T(5, r"\mathbb{E}_p[(x-\mu_1)^2] = \sigma_1^2", all(abs(E(lambda x: (x - m1) ** 2, m1, s1) - s1**2) < 1e-6 for m1, s1, _, _ in params)
        and abs(logpdf(0.3, 0.1, 1.3) - np.log(npdf(0.3, 0.1, 1.3))) < 1e-12)
    s.T(6, r"\mathbb{E}_p[\log p(x)] = -\tfrac12\log(2\pi\sigma_1^2) - \tfrac12",
        all(abs(E(lambda x: logpdf(x, m1, s1), m1, s1) - (-0.5 * np.log(2 * np.pi * s1**2) - 0.5)) < 1e-6 for m1, s1, _, _ in params))
    s.T(8, r"\mathbb{E}_p[(x-\mu_2)^2] = \sigma_1^2 + (\mu_1-\mu_2)^2",
        all(abs(E(lambda x: (x - m2) ** 2, m1, s1) - (s1**2 + (m1 - m2) ** 2)) < 1e-6
            and abs(E(lambda x: logpdf(x, m2, s2), m1, s1) - (-0.5 * np.log(2 * np.pi * s2**2) - (s1**2 + (m1 - m2) ** 2) / (2 * s2**2))) < 1e-6
            for m1, s1, m2, s2 in params))
    wrong = lambda m1, s1, m2, s2: np.log(s1 / s2) + (s1**2 + (m1 - m2) ** 2) / (2 * s2**2) - 0.5
    s.T(12, r"&= \mathbb{E}_p[\log p(x)] - \mathbb{E}_p[\log q(x)]", all(abs(kl_q(*pr) - (E(lambda x: logpdf(x, pr[0], pr[1]), pr[0], pr[1]) - E(lambda x: logpdf(x, pr[2], pr[3]), pr[0], pr[1]))) < 1e-9 for pr in params))
    s.T(13, r"&= \log\frac{\sigma_1}{\sigma_2}", all(abs(kl_q(*pr) - wrong(*pr)) < 1e-5 for pr in params))
    vae_w = lambda m, sd: np.log(sd) + (sd**2 + m**2) / 2 - 0.5
    s.T(17, r"= \log\sigma + \frac{\sigma^2 + \mu^2}{2} - \frac12", all(abs(kl_q(m, sd, 0, 1) - vae_w(m, sd)) < 1e-5 for m, sd, _, _ in params))
    s.F(17, r"= \log\sigma + \frac{\sigma^2 + \mu^2}{2} - \frac12", all(abs(wrong(m, sd, 0, 1) - vae_w(m, sd)) < 1e-12 for m, sd, _, _ in params))
    s.T(18, r"\partial\mathrm{KL}/\partial\sigma = 1/\sigma + \sigma",
        all(abs(d1(lambda t: kl_q(m, t, 0, 1), sd, 1e-4) - (1 / sd + sd)) < 1e-4 for m, sd, _, _ in params[:2]))
    s.F(18, r"\partial\mathrm{KL}/\partial\sigma = 1/\sigma + \sigma",
        all(abs(d1(lambda t: vae_w(t, sd), m) - m) < 1e-6 and abs(d1(lambda t: vae_w(m, t), sd) - (1 / sd + sd)) < 1e-6 for m, sd, _, _ in params))
    ratio_form = lambda rho: np.log(rho) + 0.5 * rho**2 - 0.5
    s.T(19, r"$\mathrm{KL} = \log\rho + \tfrac12\rho^2 - \tfrac12$", all(abs(kl_q(m1, s1, m1, s2) - ratio_form(s1 / s2)) < 1e-5 for m1, s1, _, s2 in params))
    s.F(19, r"$\mathrm{KL} = \log\rho + \tfrac12\rho^2 - \tfrac12$",
        all(abs(wrong(m1, s1, m1, s2) - ratio_form(s1 / s2)) < 1e-12 for m1, s1, _, s2 in params) and ratio_form(1.0) == 0)

# ----------------------------------------------------------------------------- 36
@spec("36_entropia_perplessita.md")
def f36(s):
    Hb = lambda p: -np.sum(p * np.log2(p))
    s.T(5, r"\(H(p) = \log_2 K\); per \(K = 4\) si ha \(H = 2\) bit", all(abs(Hb(np.full(K, 1 / K)) - math.log2(K)) < 1e-12 for K in range(2, 10)))
    p = np.array([0.5, 0.25, 0.125, 0.125])
    s.T(8, r"= 1{,}75 \text{ bit}", abs(Hb(p) - 1.75) < 1e-12 and abs(0.5 * 1 + 0.25 * 2 + 2 * 0.125 * 3 - 1.75) < 1e-12)
    s.T(9, r"\approx 1{,}2130\) nat", r("1,2130", -np.sum(p * np.log(p))))
    s.T(11, r"2^{1{,}75} \approx 3{,}3636", r("3,3636", 2 ** Hb(p)) and r("3,36", 2**1.75))
    q = np.full(4, 0.25)
    s.T(14, r"= 0{,}25 \text{ bit}", abs(-np.sum(p * np.log2(q)) - 2) < 1e-12 and abs(np.sum(p * np.log2(p / q)) - 0.25) < 1e-12)
    s.T(17, r"\approx 24{,}53", r("24,53", math.exp(3.2)))
    s.T(18, r"$\ln 2 \approx 0{,}693$", r("0,693", math.log(2)) and abs(math.log(math.exp(3.2)) - math.log(math.exp(3.2) / 2) - math.log(2)) < 1e-12)


# ----------------------------------------------------------------------------- 37
@spec("37_logsumexp.md")
def f37(s):
    x = np.array([1000.0, 1001, 1002])
    s.T(3, r"($\approx 1.8\times10^{308}$)", r("1.8", np.finfo(np.float64).max / 1e308) and 1000 > math.log(np.finfo(np.float64).max))
    s.T(6, r"m + \log\sum_i e^{x_i - m}", forall(lambda: (lambda v, m: abs(np.log(np.sum(np.exp(v))) - (m + np.log(np.sum(np.exp(v - m))))) < 1e-10)(rng.normal(size=4), rng.normal())))
    lse = 1002 + math.log(math.exp(-2) + math.exp(-1) + 1)
    s.T(12, r"&= 1002 + \log\big(e^{-2} + e^{-1} + 1\big)", abs(np.log(np.sum(np.exp(x - 1002))) - math.log(math.exp(-2) + math.exp(-1) + 1)) < 1e-15)
    s.T(13, r"&\approx 1002 + \log 1.5032", r("1.5032", math.exp(-2) + math.exp(-1) + 1))
    s.T(14, r"&\approx 1002.4076", r("1002.4076", lse))
    s.T(18, r"\approx 1003.0986", 1002 <= lse <= 1002 + math.log(3) and r("1003.0986", 1002 + math.log(3))
        and forall(lambda: (lambda v: v.max() <= np.log(np.sum(np.exp(v))) <= v.max() + np.log(5) + 1e-12)(rng.normal(size=5) * 3)))
    LSE = lambda v: v.max() + np.log(np.sum(np.exp(v - v.max())))
    s.T(21, r"= \operatorname{softmax}(x)_j", forall(lambda: (lambda v: close(grad(LSE, v), softmax(v), 1e-6))(rng.normal(size=4))))
    s.T(22, r"\approx (0.0900,\ 0.2447,\ 0.6652)", rv(["0.0900", "0.2447", "0.6652"], grad(LSE, x, 1e-4)) and close(softmax(x), softmax(np.array([1.0, 2, 3])), 1e-12))
    s.T(23, r"\approx (-2.4076,\ -1.4076,\ -0.4076)", rv(["-2.4076", "-1.4076", "-0.4076"], x - lse))
    Hs = jac(lambda v: grad(LSE, v, 1e-5), np.array([0.2, -0.4, 1.0]), 1e-4)
    pi = softmax(np.array([0.2, -0.4, 1.0]))
    s.T(24, r"positive semidefinite, so LSE is convex", close(Hs, np.diag(pi) - np.outer(pi, pi), 1e-4) and np.linalg.eigvalsh(np.diag(pi) - np.outer(pi, pi)).min() > -1e-12)


# ----------------------------------------------------------------------------- 38 (planted line 13)
@spec("38_temperature_label_smoothing.md")
def f38(s):
    z = np.array([2.0, 1, 0])
    s.T(6, r"$T = 1$: $p \approx (0.6652,\ 0.2447,\ 0.0900)$", rv(["0.6652", "0.2447", "0.0900"], softmax(z)))
    s.T(7, r"\approx 5.3670", close(z / 2, [1, 0.5, 0]) and r("5.3670", np.exp(z / 2).sum()) and rv(["0.5065", "0.3072", "0.1863"], softmax(z / 2)))
    s.T(9, r"$(1/3, 1/3, 1/3)$", close(softmax(z / 1e6), np.full(3, 1 / 3), 1e-5))
    y = np.array([1.0, 0, 0])
    L = lambda zz, T: -np.sum(y * np.log(softmax(zz / T)))
    s.T(12, r"$\partial L/\partial u = p - y$", close(grad(lambda u: -np.sum(y * np.log(softmax(u))), z / 2), softmax(z / 2) - y, 1e-6))
    gz = grad(lambda zz: L(zz, 2.0), z)
    s.T(13, r"= \frac{\partial L}{\partial u} = p - y .$$", close(gz, softmax(z / 2) - y, 1e-6))
    s.T(15, r"\approx (-0.4935,\ 0.3072,\ 0.1863)", rv(["-0.4935", "0.3072", "0.1863"], gz))
    s.F(15, r"\approx (-0.4935,\ 0.3072,\ 0.1863)", rv(["-0.4935", "0.3072", "0.1863"], softmax(z / 2) - y))
    s.F(16, r"-0.4935 + 0.3072 + 0.1863 = 0", abs(-0.4935 + 0.3072 + 0.1863) < 1e-12)
    yls = 0.9 * y + 0.1 / 3
    s.T(18, r"\approx (0.9333,\ 0.0333,\ 0.0333)", rv(["0.9333", "0.0333", "0.0333"], yls))
    s.T(19, r"\approx (-0.2681,\ 0.2114,\ 0.0567)", rv(["-0.2681", "0.2114", "0.0567"], grad(lambda zz: -np.sum(yls * np.log(softmax(zz))), z)))


# ----------------------------------------------------------------------------- 39 (planted line 17)
@spec("39_mlp_forward_backward.md")
def f39(s):
    x = np.array([1.0, 2])
    W1 = np.array([[1.0, -0.5], [0, 1]])
    b1 = np.zeros(2)
    w2 = np.array([1.0, -1])
    b2 = 0.3
    y = 1.0

    def fwd(W1_, b1_, w2_, b2_):
        z1 = W1_ @ x + b1_
        h = sig(z1)
        yh = w2_ @ h + b2_
        return z1, h, yh, 0.5 * (yh - y) ** 2

    z1, h, yh, L = fwd(W1, b1, w2, b2)
    s.T(8, r"z^{[1]} = (1 - 1,\ 0 + 2) = (0, 2)", close(z1, [0, 2], 0))
    s.T(9, r"\approx (0.5,\ 0.8808)", rv(["0.5", "0.8808"], h))
    s.T(10, r"= -0.0808", r("-0.0808", yh) and close(0.5 - 0.8808 + 0.3, -0.0808))
    s.T(11, r"\approx 0.5841", r("0.5841", L))
    dl = yh - y
    s.T(14, r"\hat y - y \approx -1.0808", r("-1.0808", dl))
    s.T(15, r"\approx (-0.5404,\ -0.9520)", rv(["-0.5404", "-0.9520"], grad(lambda q: fwd(W1, b1, q, b2)[3], w2))
        and r("-1.0808", d1(lambda t: fwd(W1, b1, w2, t)[3], b2)))
    s.T(16, r"\approx (-1.0808,\ 1.0808)", rv(["-1.0808", "1.0808"], dl * w2))
    sp_true = np.array([d1(sig, z1[0]), d1(sig, z1[1])])
    s.T(17, r"\sigma'(z^{[1]}) = 1 - h^2 \approx (0.75,\ 0.2242)", rv(["0.75", "0.2242"], sp_true))
    sp_w = 1 - h**2
    d1w = dl * w2 * sp_w
    gW1 = grad(lambda q: fwd(q, b1, w2, b2)[3], W1)
    s.T(18, r"\approx (-0.8106,\ 0.2423)", rv(["-0.8106", "0.2423"], grad(lambda q: fwd(W1, q, w2, b2)[3], b1)))
    s.F(18, r"\approx (-0.8106,\ 0.2423)", abs(sp_w[1] - 0.2242) < 5e-5 and rv(["-0.8106", "0.2423"], d1w))
    s.T(19, r"-0.8106 & -1.6212", rv(["-0.8106", "-1.6212", "0.2423", "0.4846"], gW1))
    s.F(19, r"-0.8106 & -1.6212", rv(["-0.8106", "-1.6212", "0.2423", "0.4846"], np.outer(d1w, x)))
    s.T(20, r"\approx 0.4081", r("0.4081", b2 - 0.1 * dl))


# ----------------------------------------------------------------------------- 40 (planted line 14)
@spec("40_chain_rule_composition.md")
def f40(s):
    a, b, w, x = 0.5, -0.25, 2.0, 3.0
    Lf = lambda a_, b_, w_, x_: -math.log(sig(w_ * math.tanh(a_ * x_ + b_)))
    u = a * x + b
    v = math.tanh(u)
    t = w * v
    yh = sig(t)
    s.T(8, r"$u = 1.5 - 0.25 = 1.25$", close(u, 1.25) and r("0.8483", v) and r("1.6966", t) and r("0.8451", yh) and r("0.1683", Lf(a, b, w, x)))
    s.T(11, r"= \hat y - 1 \approx -0.1549", abs(d1(lambda tt: -math.log(sig(tt)), t) - (yh - 1)) < 1e-8 and r("-0.1549", yh - 1))
    s.T(12, r"$\dfrac{dt}{dv} = w = 2$", True)
    s.T(13, r"= 1 - v^2 \approx 0.2804", r("0.2804", d1(math.tanh, u)))
    s.T(14, r"$\dfrac{du}{dx} = x = 3$", abs(d1(lambda xx: a * xx + b, x) - 3) < 1e-6)
    s.T(17, r"\approx -0.1314", r("-0.1314", d1(lambda ww: Lf(a, b, ww, x), w)) and r("-0.1314", -0.1549 * 0.8483))
    s.T(18, r"\times 3 \approx -0.2606", r("-0.2606", d1(lambda xx: Lf(a, b, w, xx), x)))
    s.F(18, r"\times 3 \approx -0.2606", r("-0.2606", (yh - 1) * w * (1 - v**2) * x) and r("-0.2606", -0.1549 * 2 * 0.2804 * 3))
    s.T(19, r"increasing $x$ increases $\hat y$", d1(lambda xx: sig(w * math.tanh(a * xx + b)), x) > 0)
    s.F(19, r"increasing $x$ increases $\hat y$", True)


# ----------------------------------------------------------------------------- driver
def main():
    with open(os.path.join(HERE, "expected.json"), encoding="utf-8") as fh:
        expected = json.load(fh)
    md_files = sorted(f for f in os.listdir(HERE) if f.endswith(".md") and f[:2].isdigit())
    bad = 0
    if sorted(expected) != md_files or sorted(SPECS) != md_files:
        print("MISMATCH file lists:", set(md_files) ^ set(expected), set(md_files) ^ set(SPECS))
        bad += 1
    n_claims = 0
    for name in md_files:
        with open(os.path.join(HERE, name), encoding="utf-8") as fh:
            lines = fh.read().split("\n")
        sp = Spec()
        SPECS[name](sp)
        problems = []
        for line, snip, _, quoted in sp.truth + sp.follow:
            if not (1 <= line <= len(lines)) or snip not in lines[line - 1]:
                problems.append(f"snippet not on line {line}: {snip!r}")
                continue
            text = lines[line - 1].replace("{,}", ",")
            for q in quoted:
                if q not in text:
                    problems.append(f"value {q} not written on line {line}")
        false_lines = sorted(line for line, _, ok, _ in sp.truth if not ok)
        observed = false_lines[0] if false_lines else None
        exp = expected.get(name)
        if observed != exp:
            problems.append(f"first false claim at {observed}, expected {exp}")
        if exp is not None:
            if not any(line == exp for line, _, _, _ in sp.truth):
                problems.append("planted line has no truth claim")
            for line, snip, ok, _ in sp.follow:
                if line <= exp:
                    problems.append(f"follow claim at or before planted line: {line}")
                elif not ok:
                    problems.append(f"line {line} does not follow from the planted error: {snip!r}")
            later = [line for line, _, _, _ in sp.truth + sp.follow if line > exp]
            if not later:
                problems.append("no claims after the planted line")
        n_claims += len(sp.truth)
        status = "OK" if not problems else "MISMATCH"
        detail = f"verdict={observed}" + (f" follows={sum(ok for _, _, ok, _ in sp.follow)}/{len(sp.follow)}" if exp is not None else "")
        print(f"{status:8s} {name:40s} {detail}" + ("" if not problems else "  <- " + "; ".join(problems)))
        bad += bool(problems)
    n_planted = sum(v is not None for v in expected.values())
    print(f"SUMMARY: {len(md_files) - bad}/{len(md_files)} files OK, {n_claims} truth claims checked, "
          f"{n_planted} planted / {len(md_files) - n_planted} correct, {bad} mismatches")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
