#!/usr/bin/env python3
"""Independent numerical verification of every equality claimed in the corpus files.

For each Markdown file we list its claims.  Each claim is tied to a source line by a
substring that must occur on exactly one line of the file, and is tested against an
independent computation (central finite differences at random points, brute force, or
direct evaluation with a tolerance derived from the digits shown).  The first failing
claim (in line order) gives the file's first wrong line (None if every claim holds),
which is compared with expected.json.  Exit status 0 iff all files agree.
NumPy only.
"""
import json
import math
import os
import re
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
RNG = np.random.default_rng(20250125)


# ----------------------------------------------------------------------------- helpers
def sig(a):
    return 1.0 / (1.0 + np.exp(-a))


def fd1(f, x, h=1e-6):
    """central difference of a scalar function of a scalar"""
    return (f(x + h) - f(x - h)) / (2 * h)


def fd(f, X, h=1e-6):
    """central-difference gradient of scalar f w.r.t. every entry of array X"""
    X = np.array(X, dtype=float)
    G = np.zeros_like(X)
    for idx in np.ndindex(X.shape):
        Xp = X.copy()
        Xm = X.copy()
        Xp[idx] += h
        Xm[idx] -= h
        G[idx] = (f(Xp) - f(Xm)) / (2 * h)
    return G


def close(a, b, rtol=1e-5, atol=1e-7):
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    return a.shape == b.shape and bool(np.allclose(a, b, rtol=rtol, atol=atol))


def parse(s):
    """parse a number as printed: decimal comma or point, unicode minus, thin spaces,
    optional exponent. Returns (value, half-unit of the last digit shown)."""
    t = s.strip().replace("\u2212", "-").replace("\\,", "").replace(" ", "").replace("\u202f", "")
    t = t.replace(",", ".")
    m = re.fullmatch(r"([+-]?)(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?", t)
    if not m:
        raise ValueError("cannot parse number %r" % s)
    sign, ip, fp, ex = m.groups()
    fp = fp or ""
    ex = int(ex) if ex else 0
    val = float(sign + ip + ("." + fp if fp else "")) * 10.0 ** ex
    half = 0.5 * 10.0 ** (-len(fp) + ex) if (fp or ex) else 0.0
    return val, half


def R(s, true, slack=1.0):
    """is the printed number s equal to `true` to the digits shown?"""
    v, half = parse(s)
    return abs(v - float(true)) <= slack * half + 1e-12 * max(1.0, abs(float(true)))


def RV(strs, arr, slack=1.0):
    arr = np.asarray(arr, dtype=float).ravel()
    return len(strs) == arr.size and all(R(s, t, slack) for s, t in zip(strs, arr))


def rand_nonzero(n=6, lo=0.05, hi=4.0):
    x = RNG.uniform(lo, hi, n)
    return x * RNG.choice([-1.0, 1.0], n)


CLAIMS = {}


def claims(fname):
    def deco(fn):
        CLAIMS[fname] = fn
        return fn
    return deco


# ============================================================================= 01
@claims("01_softsign_hardsigmoid_cheatsheet.md")
def c01():
    f = lambda x: x / (1 + abs(x))
    fp_true = lambda x: fd1(f, x)
    xs = rand_nonzero(8)
    hs_k = lambda x: max(0.0, min(1.0, 0.2 * x + 0.5))
    hs_t = lambda x: min(max(x + 3, 0.0), 6.0) / 6
    hsw = lambda x: x * min(max(x + 3, 0.0), 6.0) / 6
    C = []
    # d|x|/dx = sgn x, and f'(0) = 1
    C.append((r"\frac{d}{dx}|x| = \operatorname{sgn}(x)",
              lambda: all(abs(fd1(abs, x) - np.sign(x)) < 1e-6 for x in xs)))
    C.append((r"$f'(0) = 1$", lambda: abs(fd1(f, 0.0, 1e-7) - 1) < 1e-6))
    # quotient rule line (two right-hand sides)
    C.append((r"f'(x) = \frac{(1+|x|)\cdot 1 - x\operatorname{sgn}(x)}",
              lambda: all(abs(((1 + abs(x)) - x * np.sign(x)) / (1 + abs(x)) ** 2 - fp_true(x)) < 1e-6 for x in xs)))
    C.append((r"= \frac{1}{(1+|x|)^2}$$",
              lambda: all(abs(1 / (1 + abs(x)) ** 2 - fp_true(x)) < 1e-6 for x in xs)))
    C.append((r"(used $x\operatorname{sgn}(x) = |x|$",
              lambda: all(abs(x * np.sign(x) - abs(x)) < 1e-15 for x in xs)))
    C.append((r"$1 - |f(x)| = \frac{1}{1+|x|}$",
              lambda: all(abs(1 - abs(f(x)) - 1 / (1 + abs(x))) < 1e-12 for x in xs)))
    # output form of the derivative
    C.append((r"$$f'(x) = 1 - |f(x)|^2$$",
              lambda: all(abs(1 - abs(f(x)) ** 2 - fp_true(x)) < 1e-6 for x in xs)))
    # sanity numbers
    C.append((r"$x = 1$: $f(1) = 0.5$", lambda: R("0.5", f(1.0))))
    C.append((r"$f'(1) = 1 - 0.25 = 0.75$",
              lambda: R("0.75", fp_true(1.0)) and abs(1 - 0.25 - 0.75) < 1e-12))
    C.append((r"$x = -3$: $f(-3) = -0.75$", lambda: R("-0.75", f(-3.0))))
    C.append((r"$f'(-3) = 1 - 0.5625 = 0.4375$",
              lambda: R("0.4375", fp_true(-3.0)) and abs(1 - 0.5625 - 0.4375) < 1e-12))
    C.append((r"\tanh'(1) = 1 - \tanh^2(1) \approx 1 - 0.5800 = 0.4200",
              lambda: abs(fd1(np.tanh, 1.0) - (1 - np.tanh(1.0) ** 2)) < 1e-8
              and R("0.5800", np.tanh(1.0) ** 2) and R("0.4200", 1 - np.tanh(1.0) ** 2)))
    # hard sigmoid table rows
    C.append((r"| Keras (old) |",
              lambda: all(abs(fd1(hs_k, x) - 0.2) < 1e-6 for x in RNG.uniform(-2.49, 2.49, 6))
              and hs_k(2.5) == 1.0 and hs_k(-2.5) == 0.0))
    C.append((r"| PyTorch | $\mathrm{hs}(x) = \mathrm{ReLU6}(x+3)/6$",
              lambda: all(abs(fd1(hs_t, x) - 1 / 6) < 1e-6 for x in RNG.uniform(-2.99, 2.99, 6))
              and hs_t(3.0) == 1.0 and hs_t(-3.0) == 0.0))
    C.append((r"\mathrm{hs}'(x) = \begin{cases} 1/6",
              lambda: all(abs(fd1(hs_t, x) - 1 / 6) < 1e-6 for x in RNG.uniform(-2.99, 2.99, 6))
              and all(abs(fd1(hs_t, x)) < 1e-9 for x in rand_nonzero(6, 3.01, 9.0))))
    C.append((r"Keras version: $\mathrm{hs}'(x) = 0.2$",
              lambda: all(abs(fd1(hs_k, x) - 0.2) < 1e-6 for x in RNG.uniform(-2.49, 2.49, 6))
              and all(abs(fd1(hs_k, x)) < 1e-9 for x in rand_nonzero(6, 2.51, 9.0))))
    C.append((r"Keras $\mathrm{hs}(1) = 0.2 + 0.5 = 0.7$",
              lambda: R("0.7", hs_k(1.0)) and abs(0.2 + 0.5 - 0.7) < 1e-12))
    C.append((r"PyTorch $\mathrm{hs}(1) = 4/6 \approx 0.6667$",
              lambda: abs(hs_t(1.0) - 4 / 6) < 1e-12 and R("0.6667", 4 / 6)))
    C.append((r"\sigma'(0) = \sigma(0)(1-\sigma(0)) = 0.25",
              lambda: R("0.25", fd1(sig, 0.0)) and abs(sig(0.0) * (1 - sig(0.0)) - 0.25) < 1e-15))
    C.append((r"\mathrm{clip}(x/4 + 1/2, 0, 1)",
              lambda: abs(fd1(lambda x: min(1.0, max(0.0, x / 4 + 0.5)), 0.0) - fd1(sig, 0.0)) < 1e-6))
    # hard swish
    C.append((r"$\mathrm{hsw}(x) = \frac{x(x+3)}{6}$",
              lambda: all(abs(hsw(x) - x * (x + 3) / 6) < 1e-12 for x in RNG.uniform(-2.99, 2.99, 6))))
    C.append((r"so $\mathrm{hsw}'(x) = \frac{2x+3}{6}$",
              lambda: all(abs(fd1(hsw, x) - (2 * x + 3) / 6) < 1e-6 for x in RNG.uniform(-2.99, 2.99, 6))))
    C.append((r"$x \ge 3$: $\mathrm{hsw}'(x) = 1$",
              lambda: all(abs(fd1(hsw, x) - 1) < 1e-6 for x in RNG.uniform(3.01, 9, 5))
              and all(abs(fd1(hsw, x)) < 1e-9 for x in RNG.uniform(-9, -3.01, 5))))
    C.append((r"$\mathrm{hsw}'(1) = 5/6 \approx 0.8333$",
              lambda: abs(fd1(hsw, 1.0) - 5 / 6) < 1e-6 and R("0.8333", 5 / 6)
              and abs(fd1(hsw, -1.5)) < 1e-6
              and abs(np.linspace(-3, 3, 60001)[np.argmin([hsw(x) for x in np.linspace(-3, 3, 60001)])] + 1.5) < 1e-3
              and R("-0.375", hsw(-1.5))))
    return C


# ============================================================================= 02
@claims("02_logcosh_verlust_handout.md")
def c02():
    lc = lambda r: np.log(np.cosh(r))
    rs = rand_nonzero(6, 0.05, 3.0)
    C = []
    C.append((r"\cosh(r) = \tfrac12\left(e^{r} + e^{-r}\right)",
              lambda: all(abs(np.cosh(r) - 0.5 * (np.exp(r) + np.exp(-r))) < 1e-12 for r in rs)))
    C.append((r"$\frac{d}{dr}\cosh r = \sinh r$",
              lambda: all(abs(fd1(np.cosh, r) - np.sinh(r)) < 1e-6 for r in rs)))
    C.append((r"\ell'(r) = \frac{\sinh r}{\cosh r} = \tanh r",
              lambda: all(abs(fd1(lc, r) - np.sinh(r) / np.cosh(r)) < 1e-7 and abs(fd1(lc, r) - np.tanh(r)) < 1e-7 for r in rs)))
    def line20():
        y = RNG.normal(size=4)
        yh = RNG.normal(size=4)
        ok = all(abs(fd1(lambda t: t - y[i], yh[i]) - 1) < 1e-9 for i in range(4))
        ok &= all(abs(fd1(lambda t: lc(t - y[i]), yh[i]) - np.tanh(yh[i] - y[i])) < 1e-7 for i in range(4))
        return ok
    C.append((r"gilt $\partial r/\partial \hat y = 1$, also", line20))
    C.append((r"\ell''(r) = 1 - \tanh^2 r = \frac{1}{\cosh^2 r}",
              lambda: all(abs(fd1(np.tanh, r) - (1 - np.tanh(r) ** 2)) < 1e-7
                          and abs((1 - np.tanh(r) ** 2) - 1 / np.cosh(r) ** 2) < 1e-12 for r in rs)))
    C.append((r"Insbesondere ist $\ell''(0) = 1$",
              lambda: abs((lc(1e-4) - 2 * lc(0.0) + lc(-1e-4)) / 1e-8 - 1) < 1e-5
              and all(0 < 1 / np.cosh(r) ** 2 <= 1 for r in np.linspace(-20, 20, 401))))
    # Taylor expansions: residual / next power tends to the known constant
    C.append((r"Aus der Taylorreihe $\cosh r = 1 + \frac{r^2}{2}",
              lambda: all(abs((np.cosh(r) - 1 - r ** 2 / 2 - r ** 4 / 24) / r ** 6 - 1 / 720) < 1e-4 for r in (0.05, 0.1))
              and all(abs((np.log1p(u) - u + u ** 2 / 2) / u ** 3 - 1 / 3) < 0.02 for u in (1e-3, 1e-2))))
    C.append((r"\log\cosh r = \frac{r^2}{2} - \frac{r^4}{12} + O(r^6)",
              lambda: all(abs((lc(r) - r ** 2 / 2 + r ** 4 / 12) / r ** 6 - 1 / 45) < 2e-3 for r in (0.05, 0.1))))
    C.append((r"Wir schreiben $\cosh r = \tfrac12 e^{|r|}",
              lambda: all(abs(np.cosh(r) - 0.5 * np.exp(abs(r)) * (1 + np.exp(-2 * abs(r)))) < 1e-9 for r in rs)))
    C.append((r"\log\cosh r = |r| + \log\!\left(1 + e^{-2|r|}\right) - \log 2",
              lambda: all(abs(lc(r) - (abs(r) + np.log1p(np.exp(-2 * abs(r))) - np.log(2))) < 1e-12 for r in rs)))
    C.append((r"also $\log\cosh r \approx |r| - \log 2$",
              lambda: abs(lc(20.0) - (20 - np.log(2))) < 1e-12 and abs(lc(-15.0) - (15 - np.log(2))) < 1e-9))
    # table
    def row(r, s_lc, s_th, s_dd):
        return R(s_lc, lc(r)) and R(s_th, np.tanh(r)) and R(s_dd, 1 - np.tanh(r) ** 2)
    C.append((r"| $0{,}1$ | $0{,}00499$", lambda: row(0.1, "0,00499", "0,0997", "0,9901")))
    C.append((r"| $0{,}5$ | $0{,}1201$", lambda: row(0.5, "0,1201", "0,4621", "0,7864")))
    C.append((r"| $3$ | $2{,}3093$", lambda: row(3.0, "2,3093", "0,9951", "0,0099")))
    C.append((r"Vergleich mit den Näherungen",
              lambda: R("0,0049917", 0.1 ** 2 / 2 - 0.1 ** 4 / 12) and R("0,0049917", lc(0.1))
              and R("2,3069", 3 - np.log(2)) and R("2,3093", lc(3.0))))
    # batch
    def batch():
        N = 5
        y = RNG.normal(size=N)
        X = RNG.normal(size=(N, 3))
        w = RNG.normal(size=3)
        b = 0.3
        Lyh = lambda yh: np.mean(lc(yh - y))
        yh = RNG.normal(size=N)
        ok = close(fd(Lyh, yh), np.tanh(yh - y) / N)
        Lw = lambda w_: np.mean(lc(X @ w_ + b - y))
        ok &= close(fd(Lw, w), (np.tanh(X @ w + b - y)[:, None] * X).sum(0) / N)
        Lb = lambda b_: np.mean(lc(X @ w + b_ - y))
        ok &= abs(fd1(Lb, b) - np.tanh(X @ w + b - y).sum() / N) < 1e-7
        return ok
    C.append((r"\frac{\partial L}{\partial \hat y_i} = \frac{1}{N}\tanh(\hat y_i - y_i).", batch))
    C.append((r"\nabla_w L = \frac1N \sum_{i=1}^N", batch))
    C.append((r"\frac{\partial L}{\partial b} = \frac1N \sum_{i=1}^N", batch))
    yh = np.array([1.5, 1.0, 2.5])
    yy = np.array([1.0, 2.0, 0.5])
    r = yh - yy
    C.append((r"also $r = (0{,}5;\ -1{,}0;\ 2{,}0)$", lambda: RV(["0,5", "-1,0", "2,0"], r)))
    C.append((r"Verlust: $L = \frac13(0{,}1201",
              lambda: RV(["0,1201", "0,4338", "1,3250"], lc(r)) and R("0,6263", np.mean(lc(r)))
              and R("0,6263", (0.1201 + 0.4338 + 1.3250) / 3)))
    C.append((r"Gradient: $\partial L/\partial \hat y = \frac13(",
              lambda: RV(["0,4621", "-0,7616", "0,9640"], np.tanh(r))
              and RV(["0,1540", "-0,2539", "0,3213"], fd(lambda t: np.mean(lc(t - yy)), yh))))
    C.append((r"Gradient $\frac{2}{N} r = (0{,}3333",
              lambda: close(fd(lambda t: np.mean((t - yy) ** 2), yh), 2 * r / 3)
              and RV(["0,3333", "-0,6667", "1,3333"], 2 * r / 3)))
    return C


# ============================================================================= 03
@claims("03_perte_quantile_reponse_forum.md")
def c03():
    rho = lambda u, t: u * (t - (u < 0))
    us = rand_nonzero(8, 0.05, 3)
    taus = RNG.uniform(0.05, 0.95, 8)
    C = []
    C.append((r"$$\rho_\tau(u) = u\,\big(\tau - \mathbb 1[u < 0]\big) = \begin{cases}",
              lambda: all(abs(rho(u, t) - (t * u if u >= 0 else (t - 1) * u)) < 1e-15 for u, t in zip(us, taus))))

    def subdiff():
        ok = all(abs(fd1(lambda v: rho(v, t), u) - (t if u > 0 else t - 1)) < 1e-7 for u, t in zip(us, taus))
        # at 0: one-sided derivatives are tau-1 (left) and tau (right): subdifferential [tau-1, tau]
        for t in taus:
            h = 1e-7
            right = (rho(h, t) - rho(0.0, t)) / h
            left = (rho(0.0, t) - rho(-h, t)) / h
            ok &= abs(right - t) < 1e-6 and abs(left - (t - 1)) < 1e-6
        return ok
    C.append((r"$$\partial \rho_\tau(u) = \begin{cases}", subdiff))
    C.append((r"on a $\partial u / \partial \hat y = -1$",
              lambda: all(abs(fd1(lambda yh: 1.7 - yh, v) + 1) < 1e-9 for v in us)))

    def claimed_grad_yhat():
        ok = True
        for u, t in zip(us, taus):
            y = 0.4
            yh = y - u
            true = fd1(lambda v: rho(y - v, t), yh)
            claimed = t if y > yh else t - 1
            ok &= abs(true - claimed) < 1e-7
        return ok
    C.append((r"$$\frac{\partial \rho_\tau}{\partial \hat y} = \begin{cases} \tau, & y > \hat y,", claimed_grad_yhat))

    def expectation():
        # Y ~ N(0,1); E[d rho_tau(Y - yh)/d yh] by quadrature of the true subgradient
        yg = np.linspace(-12, 12, 2_400_001)
        pdf = np.exp(-yg ** 2 / 2) / math.sqrt(2 * math.pi)
        dy = yg[1] - yg[0]
        ok = True
        for t, yh in [(0.9, 0.3), (0.25, -0.7)]:
            F = 0.5 * (1 + math.erf(yh / math.sqrt(2)))
            true_g = np.where(yg > yh, -t, 1 - t)
            E = float((true_g * pdf).sum() * dy)
            mid = t * (1 - F) + (t - 1) * F
            ok &= abs(E - mid) < 1e-4                      # first equality
            ok &= abs(mid - (t - F)) < 1e-12                # second equality
        return ok
    C.append((r"\mathbb E\!\left[\frac{\partial \rho_\tau}{\partial \hat y}\right] = \tau", expectation))

    def minimizer_and_median():
        ys = RNG.normal(size=2001)
        grid = np.linspace(-3, 3, 6001)
        t = 0.9
        risk = [np.mean(rho(ys - c, t)) for c in grid]
        c_star = grid[int(np.argmin(risk))]
        ok = abs(c_star - np.quantile(ys, t, method="inverted_cdf")) < 2e-3
        ok &= all(abs(rho(u, 0.5) - 0.5 * abs(u)) < 1e-15 for u in us)
        return ok
    C.append((r"qui s'annule exactement lorsque $F(\hat y) = \tau$", minimizer_and_median))
    tau = 0.9
    y = np.array([3.0, 5.0, 2.0, 7.0])
    c0 = 4.0
    u = y - c0
    Lf = lambda yh: np.mean(rho(y - yh, tau))
    C.append((r"Les résidus sont $u = (-1,\ 1,\ -2,\ 3)$", lambda: close(u, [-1, 1, -2, 3])))
    C.append((r"$$L = \frac14 \sum_i \rho_{0{,}9}(u_i)",
              lambda: RV(["0,1", "0,9", "0,2", "2,7"], rho(u, tau)) and R("0,975", Lf(np.full(4, c0)))
              and R("0,975", (0.1 + 0.9 + 0.2 + 2.7) / 4)))
    g_true = fd(Lf, np.full(4, c0), 1e-7)
    C.append((r"$$\frac{\partial L}{\partial \hat y_i} = \frac14\,(-0{,}1;",
              lambda: RV(["-0,1", "0,9", "-0,1", "0,9"], 4 * g_true)
              and RV(["-0,025", "0,225", "-0,025", "0,225"], g_true)))
    dLdc = fd1(lambda c: Lf(np.full(4, c)), c0, 1e-7)
    C.append((r"$$\frac{\partial L}{\partial c} = -0{,}025",
              lambda: RV(["-0,025", "0,225", "-0,025", "0,225"], g_true) and R("0,4", dLdc)))
    C.append((r"donne $c = 4 - 0{,}2 = 3{,}8$",
              lambda: R("0,2", 0.5 * dLdc) and R("3,8", c0 - 0.5 * dLdc)))
    return C


# ============================================================================= 04
@claims("04_sigmoid_focal_loss_blog.md")
def c04():
    def FL(z, y, a, g):
        p = sig(z)
        pt = p if y == 1 else 1 - p
        at = a if y == 1 else 1 - a
        return -at * (1 - pt) ** g * np.log(pt)

    def grad_claim(z, y, a, g):
        p = sig(z)
        pt = p if y == 1 else 1 - p
        at = a if y == 1 else 1 - a
        return (2 * y - 1) * at * (1 - pt) ** g * (g * pt * np.log(pt) + pt - 1)

    pts = [(z, y, a, g) for z in (-2.3, -0.4, 0.7, 3.1) for y in (0, 1) for a in (0.25, 0.6) for g in (0.0, 1.0, 2.0, 2.5)]
    C = []
    C.append((r"With $\gamma = 0$ this is just the $\alpha$-weighted binary cross-entropy",
              lambda: all(abs(FL(z, y, a, 0.0) - (-(a if y else 1 - a) * (y * np.log(sig(z)) + (1 - y) * np.log(1 - sig(z))))) < 1e-12
                          for z, y, a, g in pts)))
    C.append((r"$\sigma'(z) = \sigma(z)(1 - \sigma(z))$",
              lambda: all(abs(fd1(sig, z) - sig(z) * (1 - sig(z))) < 1e-8 for z, *_ in pts)))
    C.append((r"\frac{\partial p_t}{\partial z} = (2y - 1)\, p_t (1 - p_t).",
              lambda: all(abs(fd1(lambda s: sig(s) if y == 1 else 1 - sig(s), z)
                              - (2 * y - 1) * (sig(z) if y else 1 - sig(z)) * (1 - (sig(z) if y else 1 - sig(z)))) < 1e-8
                          for z, y, a, g in pts)))

    def dFL_dpt():
        ok = True
        for pt in (0.1, 0.45, 0.8, 0.97):
            for at in (0.25, 0.75):
                for g in (1.0, 2.0, 2.5):
                    f = lambda q: -at * (1 - q) ** g * np.log(q)
                    claim = at * g * (1 - pt) ** (g - 1) * np.log(pt) - at * (1 - pt) ** g / pt
                    ok &= abs(fd1(f, pt) - claim) < 1e-6
        return ok
    C.append((r"\frac{\partial\,\mathrm{FL}}{\partial p_t} = \alpha_t\,\gamma", dFL_dpt))
    C.append((r"\frac{\partial\,\mathrm{FL}}{\partial z} = (2y - 1)\,\alpha_t",
              lambda: all(abs(fd1(lambda s: FL(s, y, a, g), z) - grad_claim(z, y, a, g)) < 1e-7 for z, y, a, g in pts)))
    C.append((r"Sanity check: for $\gamma = 0$ and $y = 1$",
              lambda: all(abs(fd1(lambda s: FL(s, 1, a, 0.0), z) - a * (sig(z) - 1)) < 1e-8
                          and abs(fd1(lambda s: FL(s, 0, a, 0.0), z) - (1 - a) * sig(z)) < 1e-8 for z, y, a, g in pts)))
    C.append((r"Both terms in the bracket are $\le 0$",
              lambda: all(g * pt * np.log(pt) <= 0 and pt - 1 <= 0 for pt in np.linspace(0.01, 0.99, 50) for g in (0, 1, 2))
              and all(grad_claim(z, 1, a, g) < 0 for z, y, a, g in pts)))
    # easy positive
    p = sig(2.0)
    C.append((r"$p = \sigma(2) = 0.8808$", lambda: R("0.8808", p) and R("0.1192", 1 - p)))
    C.append((r"$(1 - p_t)^2 = 0.01421$", lambda: R("0.01421", (1 - p) ** 2) and R("-0.1269", np.log(p))))
    C.append((r"$\mathrm{FL} = -0.25 \cdot 0.01421",
              lambda: R("4.51e-4", FL(2.0, 1, 0.25, 2.0)) and R("4.51e-4", 0.25 * 0.01421 * 0.1269)
              and R("0.0317", -0.25 * np.log(p))))
    g_pos = fd1(lambda s: FL(s, 1, 0.25, 2.0), 2.0)
    C.append((r"$\partial\mathrm{FL}/\partial z = 0.25 \cdot 0.01421",
              lambda: R("-1.218e-3", g_pos) and R("-1.218e-3", 0.25 * 0.01421 * (2 * 0.8808 * (-0.1269) - 0.1192), 2)))
    ce_pos = fd1(lambda s: FL(s, 1, 0.25, 0.0), 2.0)
    C.append((r"weighted CE gradient: $0.25\,(0.8808 - 1) = -0.0298$", lambda: R("-0.0298", ce_pos)))
    C.append((r"($-1.218\times10^{-3} / -0.0298 = 0.0409$)",
              lambda: R("0.0409", g_pos / ce_pos) and R("0.0409", 1.218e-3 / 0.0298)))
    # easy negative
    q = sig(-1.0)
    C.append((r"$p = \sigma(-1) = 0.2689$",
              lambda: R("0.2689", q) and R("0.7311", 1 - q) and R("-0.3133", np.log(1 - q))))
    C.append((r"$y = 0$ (so $\alpha_t = 0.75$)", lambda: abs((1 - 0.25) - 0.75) < 1e-15))
    C.append((r"$\mathrm{FL} = -0.75 \cdot 0.2689^2",
              lambda: R("0.0170", FL(-1.0, 0, 0.25, 2.0)) and R("0.0170", 0.75 * 0.2689 ** 2 * 0.3133)))
    C.append((r"$\partial\mathrm{FL}/\partial z = -0.75 \cdot 0.2689^2",
              lambda: R("0.0394", fd1(lambda s: FL(s, 0, 0.25, 2.0), -1.0))
              and R("0.2017", fd1(lambda s: FL(s, 0, 0.25, 0.0), -1.0))))
    C.append((r"compute $\log p_t$ as `-softplus(-z)`",
              lambda: all(abs(np.log(sig(z)) + np.log1p(np.exp(-z))) < 1e-12
                          and abs(np.log(1 - sig(z)) + np.log1p(np.exp(z))) < 1e-12 for z in (-3.0, -0.5, 0.2, 2.5))))
    return C


# ============================================================================= 05
@claims("05_gradiente_dice_solucion_ayudante.md")
def c05():
    def Dice(p, g, e):
        return (2 * (p * g).sum() + e) / (p.sum() + g.sum() + e)

    def Dice2(p, g, e):
        return (2 * (p * g).sum() + e) / ((p ** 2).sum() + (g ** 2).sum() + e)

    pr = RNG.uniform(0.05, 0.95, 7)
    gr = (RNG.uniform(size=7) < 0.5).astype(float)
    gr[0], gr[1] = 1.0, 0.0
    e = 0.7
    I = (pr * gr).sum()
    S = pr.sum() + gr.sum() + e
    C = []
    C.append((r"Entonces $D = (2I + \varepsilon)/S$", lambda: abs(Dice(pr, gr, e) - (2 * I + e) / S) < 1e-12))
    C.append((r"\frac{\partial I}{\partial p_k} = g_k, \qquad \frac{\partial S}{\partial p_k} = 1",
              lambda: close(fd(lambda p: (p * gr).sum(), pr), gr) and close(fd(lambda p: p.sum() + gr.sum() + e, pr), np.ones(7))))
    C.append((r"\frac{\partial D}{\partial p_k} = \frac{2 g_k\, S - (2I + \varepsilon)}{S^2},",
              lambda: close(fd(lambda p: Dice(p, gr, e), pr), (2 * gr * S - (2 * I + e)) / S ** 2)))
    gL = fd(lambda p: 1 - Dice(p, gr, e), pr)
    C.append((r"\boxed{\;\frac{\partial L}{\partial p_k} = \frac{(2I + \varepsilon) - 2 g_k S}{S^2}\;}",
              lambda: close(gL, ((2 * I + e) - 2 * gr * S) / S ** 2)))
    C.append((r"En el fondo vale $(2I+\varepsilon)/S^2 > 0$",
              lambda: close(gL[gr == 0], np.full((gr == 0).sum(), (2 * I + e) / S ** 2)) and (2 * I + e) / S ** 2 > 0
              and np.ptp(gL[gr == 1]) < 1e-7))
    C.append((r"Regla de la cadena con $\sigma'(z) = \sigma(z)\,(1 - \sigma(z))$",
              lambda: all(abs(fd1(sig, z) - sig(z) * (1 - sig(z))) < 1e-8 for z in (-2.0, 0.3, 1.7))))
    zr = np.log(pr / (1 - pr))
    gz = fd(lambda z: 1 - Dice(sig(z), gr, e), zr)
    C.append((r"\frac{\partial L}{\partial z_k} = \frac{\partial L}{\partial p_k}\; p_k (1 - p_k) =",
              lambda: close(gz, gL * pr * (1 - pr)) and close(gz, ((2 * I + e) - 2 * gr * S) / S ** 2 * pr * (1 - pr))))
    p = np.array([0.9, 0.2, 0.6, 0.1])
    g = np.array([1.0, 0.0, 1.0, 0.0])
    gp = fd(lambda q: 1 - Dice(q, g, 1.0), p)
    C.append((r"- $I = 0{,}9 + 0{,}6 = 1{,}5$", lambda: R("1,5", (p * g).sum())))
    C.append((r"- $S = (0{,}9 + 0{,}2", lambda: R("4,8", p.sum() + g.sum() + 1)))
    C.append((r"- $D = (3 + 1)/4{,}8 = 0{,}8333$",
              lambda: R("0,8333", Dice(p, g, 1.0)) and R("0,1667", 1 - Dice(p, g, 1.0))
              and abs(2 * 1.5 + 1 - 4) < 1e-12))
    C.append((r"Primer plano: $\partial L/\partial p_k = (4 - 9{,}6)/23{,}04",
              lambda: R("-0,2431", gp[0]) and abs((4 - 9.6) / 23.04 - gp[0]) < 1e-6 and abs(4.8 ** 2 - 23.04) < 1e-12))
    C.append((r"Fondo: $\partial L/\partial p_k = 4/23{,}04 = 0{,}1736$",
              lambda: R("0,1736", gp[1]) and abs(4 / 23.04 - gp[1]) < 1e-6))
    C.append((r"Entonces $\nabla_p L = (-0{,}2431",
              lambda: RV(["-0,2431", "0,1736", "-0,2431", "0,1736"], gp)
              and RV(["0,09", "0,16", "0,24", "0,09"], p * (1 - p))))
    gzz = fd(lambda z: 1 - Dice(sig(z), g, 1.0), np.log(p / (1 - p)))
    C.append((r"\nabla_z L = (-0{,}0219", lambda: RV(["-0,0219", "0,0278", "-0,0583", "0,0156"], gzz)))
    C.append((r"Noten que el píxel 3", lambda: int(np.argmax(abs(gzz))) == 2))
    S2r = (pr ** 2).sum() + (gr ** 2).sum() + e
    C.append((r"y $\partial S_2/\partial p_k = 2p_k$",
              lambda: close(fd(lambda q: (q ** 2).sum() + (gr ** 2).sum() + e, pr), 2 * pr)))
    C.append((r"\frac{\partial L}{\partial p_k} = -\frac{2 g_k S_2 - 2 p_k (2I + \varepsilon)}{S_2^2}.",
              lambda: close(fd(lambda q: 1 - Dice2(q, gr, e), pr), -(2 * gr * S2r - 2 * pr * (2 * I + e)) / S2r ** 2)))
    C.append((r"En el ejemplo: $S_2 = 0{,}81",
              lambda: RV(["0,81", "0,04", "0,36", "0,01"], p ** 2) and R("4,22", (p ** 2).sum() + (g ** 2).sum() + 1)
              and R("0,9479", Dice2(p, g, 1.0))))
    C.append((r"\nabla_p L = (-0{,}0696",
              lambda: RV(["-0,0696", "0,0898", "-0,2044", "0,0449"], fd(lambda q: 1 - Dice2(q, g, 1.0), p))))
    C.append((r"Aquí el gradiente del fondo sí depende de $p_k$",
              lambda: (lambda gg: abs(gg[1] / p[1] - gg[3] / p[3]) < 1e-6)(fd(lambda q: 1 - Dice2(q, g, 1.0), p))))
    return C


# ============================================================================= 06
@claims("06_infonce_gradient_appendix.md")
def c06():
    def softmax_rows(S):
        E = np.exp(S - S.max(1, keepdims=True))
        return E / E.sum(1, keepdims=True)

    def loss_S(S):
        P = softmax_rows(S)
        return -np.mean(np.log(np.diag(P)))

    def loss(Q, K, t):
        return loss_S(Q @ K.T / t)

    N, d, t = 4, 3, 0.7
    Q = RNG.normal(size=(N, d))
    K = RNG.normal(size=(N, d))
    S = Q @ K.T / t
    P = softmax_rows(S)
    I = np.eye(N)
    GS = fd(loss_S, S)
    GQ = fd(lambda q: loss(q, K, t), Q)
    GK = fd(lambda k: loss(Q, k, t), K)
    C = []
    C.append((r"S = \frac{1}{\tau}\, Q K^{\top}, \qquad S_{ij}",
              lambda: all(abs(S[i, j] - Q[i] @ K[j] / t) < 1e-12 for i in range(N) for j in range(N))))
    C.append((r"\frac{\partial \mathcal L}{\partial S_{ij}} = \frac{1}{N}\left(P_{ij} - \delta_{ij}\right), \qquad\text{i.e.}",
              lambda: close(GS, (P - I) / N)))
    C.append((r"\sum_{j}\frac{\partial \mathcal L}{\partial S_{ij}} = \frac1N\Big(\sum_j P_{ij} - 1\Big) = 0",
              lambda: close(GS.sum(1), (P.sum(1) - 1) / N) and close(GS.sum(1), np.zeros(N))
              and abs(loss_S(S + np.arange(N)[:, None] * 0.37) - loss_S(S)) < 1e-12))
    C.append((r"Since $\partial S_{ij}/\partial \mathbf q_i = \mathbf k_j/\tau$",
              lambda: close(fd(lambda q: (np.vstack([q, Q[1:]]) @ K.T / t)[0, 2], Q[0]), K[2] / t)
              and close(fd(lambda q: (np.vstack([q, Q[1:]]) @ K.T / t)[1, 2], Q[0]), np.zeros(d))))
    C.append((r"\frac{\partial \mathcal L}{\partial \mathbf q_i} = \frac{1}{N\tau}\sum_{j=1}^{N}",
              lambda: all(close(GQ[i], sum((P[i, j] - I[i, j]) * K[j] for j in range(N)) / (N * t)) for i in range(N))))
    C.append((r"= \frac{1}{N\tau}\Big(\sum_j P_{ij}\mathbf k_j - \mathbf k_i\Big)",
              lambda: all(close(GQ[i], (P[i] @ K - K[i]) / (N * t)) for i in range(N))))
    C.append((r"\frac{\partial \mathcal L}{\partial Q} = \frac{1}{N\tau}\,(P - I)\,K.", lambda: close(GQ, (P - I) @ K / (N * t))))
    C.append((r"with $\partial S_{ij}/\partial \mathbf k_j = \mathbf q_i/\tau$",
              lambda: close(fd(lambda k: (Q @ np.vstack([K[:2], k, K[3:]]).T / t)[1, 2], K[2]), Q[1] / t)))
    C.append((r"\frac{\partial \mathcal L}{\partial \mathbf k_j} = \frac{1}{N\tau}\sum_{i=1}^{N}",
              lambda: all(close(GK[j], sum((P[i, j] - I[i, j]) * Q[i] for i in range(N)) / (N * t)) for j in range(N))))
    C.append((r"\frac{\partial \mathcal L}{\partial K} = \frac{1}{N\tau}\,(P - I)\,Q. \tag{B.9}",
              lambda: close(GK, (P - I) @ Q / (N * t))))
    C.append((r"note $\partial S_{ij}/\partial\tau = -S_{ij}/\tau$",
              lambda: all(abs(fd1(lambda tt: (Q @ K.T / tt)[i, j], t) + S[i, j] / t) < 1e-6 for i in range(N) for j in range(N))))
    C.append((r"\frac{\partial \mathcal L}{\partial \tau} = -\frac{1}{\tau}\sum_{i,j}",
              lambda: abs(fd1(lambda tt: loss(Q, K, tt), t) - (-(GS * S).sum() / t)) < 1e-7))
    C.append((r"All gradients with respect to the embeddings carry the factor $1/\tau$",
              lambda: True))  # prose (qualitative)
    # worked example
    Q2 = np.array([[1, 0], [0.6, 0.8]])
    K2 = np.array([[0.8, 0.6], [0, 1.0]])
    t2 = 0.5
    S2 = Q2 @ K2.T / t2
    P2 = softmax_rows(S2)
    C.append((r"\tau = 0.5$ and unit-norm rows",
              lambda: close(np.linalg.norm(Q2, axis=1), [1, 1]) and close(np.linalg.norm(K2, axis=1), [1, 1])))
    C.append((r"Then $QK^\top = \begin{pmatrix} 0.8 & 0",
              lambda: close(Q2 @ K2.T, [[0.8, 0], [0.96, 0.8]]) and close(S2, [[1.6, 0], [1.92, 1.6]])))
    C.append((r"P = \begin{pmatrix} 0.8320 & 0.1680", lambda: RV(["0.8320", "0.1680", "0.5793", "0.4207"], P2)))
    C.append((r"so $\mathcal L = -\tfrac12(\log 0.8320 + \log 0.4207) = 0.5249$",
              lambda: R("0.5249", loss(Q2, K2, t2)) and R("0.5249", -0.5 * (np.log(0.8320) + np.log(0.4207)))))
    C.append((r"$\partial\mathcal L/\partial S = \begin{pmatrix} -0.0840",
              lambda: RV(["-0.0840", "0.0840", "0.2897", "-0.2897"], fd(loss_S, S2))))
    C.append((r"\frac{\partial \mathcal L}{\partial Q} = \begin{pmatrix} -0.1344",
              lambda: RV(["-0.1344", "0.0672", "0.4635", "-0.2317"], fd(lambda q: loss(q, K2, t2), Q2))))
    C.append((r"\frac{\partial \mathcal L}{\partial K} = \begin{pmatrix} -0.0672",
              lambda: RV(["-0.0672", "0.1344", "0.2317", "-0.4635"], fd(lambda k: loss(Q2, k, t2), K2))))
    C.append((r"\frac{\partial \mathcal L}{\partial \tau} = 0.0834 .",
              lambda: R("0.0834", fd1(lambda tt: loss(Q2, K2, tt), t2))))
    C.append((r"The second query already prefers the wrong key",
              lambda: S2[1, 0] > S2[1, 1] and (lambda G: np.linalg.norm(G[1]) > np.linalg.norm(G[0]))(fd(lambda q: loss(q, K2, t2), Q2))))
    return C


# ============================================================================= 07
@claims("07_mlp_obratnoe_rasprostranenie.md")
def c07():
    N, d, h1, h2, Cc = 4, 3, 5, 4, 3
    X = RNG.normal(size=(N, d))
    y = RNG.integers(0, Cc, N)
    Y = np.eye(Cc)[y]
    W1, b1 = RNG.normal(size=(d, h1)), RNG.normal(size=h1) * 0.3
    W2, b2 = RNG.normal(size=(h1, h2)), RNG.normal(size=h2) * 0.3
    W3, b3 = RNG.normal(size=(h2, Cc)), RNG.normal(size=Cc) * 0.3
    relu = lambda a: np.maximum(a, 0)

    def ce(Z):
        Zs = Z - Z.max(1, keepdims=True)
        logP = Zs - np.log(np.exp(Zs).sum(1, keepdims=True))
        return -(Y * logP).sum() / N

    def from_H2(H2, W3=W3, b3=b3):
        return ce(H2 @ W3 + b3)

    def from_H1(H1, W2=W2, b2=b2, W3=W3, b3=b3):
        return from_H2(relu(H1 @ W2 + b2), W3, b3)

    def full(X=X, W1=W1, b1=b1, W2=W2, b2=b2, W3=W3, b3=b3):
        return from_H1(relu(X @ W1 + b1), W2, b2, W3, b3)

    A1 = X @ W1 + b1
    H1 = relu(A1)
    A2 = H1 @ W2 + b2
    H2 = relu(A2)
    Z = H2 @ W3 + b3
    P = np.exp(Z - Z.max(1, keepdims=True))
    P /= P.sum(1, keepdims=True)
    one = np.ones(N)
    GZ = (P - Y) / N
    GA2 = (GZ @ W3.T) * (A2 > 0)
    GA1 = (GA2 @ W2.T) * (A1 > 0)
    C = []
    C.append((r"G_Z = \frac{\partial L}{\partial Z} = \frac{1}{N}\,(P - Y).", lambda: close(fd(ce, Z), GZ)))
    dW3 = fd(lambda w: full(W3=w), W3)
    C.append((r"получаем $\frac{\partial L}{\partial (W_3)_{kc}} = \sum_n",
              lambda: all(abs(dW3[k, c] - sum(H2[n, k] * GZ[n, c] for n in range(N))) < 1e-7 for k in range(h2) for c in range(Cc))))
    C.append((r"\frac{\partial L}{\partial W_3} = H_2^\top G_Z, \qquad",
              lambda: close(dW3, H2.T @ GZ) and close(fd(lambda b: full(b3=b), b3), GZ.T @ one)
              and close(fd(from_H2, H2), GZ @ W3.T)))
    C.append((r"Проверка размерностей: $(h_2 \times N)(N \times C) = h_2 \times C$",
              lambda: (H2.T @ GZ).shape == W3.shape))
    dA2 = fd(lambda a: from_H2(relu(a)), A2)
    C.append((r"G_{A_2} = \left(G_Z W_3^\top\right) \odot \mathbb 1[A_2 > 0],", lambda: close(dA2, GA2)))
    C.append((r"\frac{\partial L}{\partial W_2} = H_1^\top G_{A_2}, \qquad",
              lambda: close(fd(lambda w: full(W2=w), W2), H1.T @ GA2) and close(fd(lambda b: full(b2=b), b2), GA2.T @ one)))
    dA1 = fd(lambda a: from_H1(relu(a)), A1)
    C.append((r"G_{A_1} = \left(G_{A_2} W_2^\top\right) \odot \mathbb 1[A_1 > 0], \qquad", lambda: close(dA1, GA1)))
    C.append((r"\frac{\partial L}{\partial W_1} = X^\top G_{A_1}, \qquad",
              lambda: close(fd(lambda w: full(W1=w), W1), X.T @ GA1) and close(fd(lambda b: full(b1=b), b1), GA1.T @ one)))
    C.append((r"\frac{\partial L}{\partial X} = G_{A_1} W_1^\top .", lambda: close(fd(lambda x: full(X=x), X), GA1 @ W1.T)))
    C.append((r"следовательно, $\mathbf 1_C^\top \frac{\partial L}{\partial b_3} = 0$",
              lambda: close(GZ.sum(1), np.zeros(N)) and abs(np.ones(Cc) @ fd(lambda b: full(b3=b), b3)) < 1e-8))
    C.append((r"| $W_1$ | $d \times h_1$ | $X^\top G_{A_1}$ |",
              lambda: W1.shape == (d, h1) and close(fd(lambda w: full(W1=w), W1), X.T @ GA1)))
    C.append((r"| $W_2$ | $h_1 \times h_2$ | $H_1^\top G_{A_2}$ |",
              lambda: W2.shape == (h1, h2) and close(fd(lambda w: full(W2=w), W2), H1.T @ GA2)))
    C.append((r"| $W_3$ | $h_2 \times C$ | $H_2^\top G_Z$ |",
              lambda: W3.shape == (h2, Cc) and close(dW3, H2.T @ GZ)))
    C.append((r"| $b_\ell$ | вектор |",
              lambda: close(fd(lambda b: full(b2=b), b2), GA2.sum(0)) and close(fd(lambda b: full(b1=b), b1), GA1.sum(0))))
    C.append((r"слой 1: $784 \cdot 256 + 256 = 200\,960$", lambda: 784 * 256 + 256 == 200960))
    C.append((r"слой 2: $256 \cdot 128 + 128 = 32\,896$", lambda: 256 * 128 + 128 == 32896))
    C.append((r"слой 3: $128 \cdot 10 + 10 = 1\,290$", lambda: 128 * 10 + 10 == 1290))
    C.append((r"итого $200\,960 + 32\,896 + 1\,290 = 235\,146$",
              lambda: 200960 + 32896 + 1290 == 235146 == sum(a * b + b for a, b in [(784, 256), (256, 128), (128, 10)])))
    return C


# ============================================================================= 08
@claims("08_prelu_slope_grad_scan.md")
def c08():
    prelu = lambda x, a: np.maximum(0, x) + a * np.minimum(0, x)
    xs = rand_nonzero(8, 0.05, 3)
    C = []
    C.append((r"a = 0 → ReLU", lambda: all(prelu(x, 0.0) == max(0.0, x) for x in xs)))
    C.append((r"a = 1 → f(x) = max(0,x) + min(0,x) = x",
              lambda: all(abs(prelu(x, 1.0) - x) < 1e-15 for x in xs)))
    C.append((r"∂f/∂x  =  1     if x > 0",
              lambda: all(abs(fd1(lambda t: prelu(t, 0.3), x) - (1 if x > 0 else 0.3)) < 1e-8 for x in xs)))
    C.append((r"∂f/∂a  =  min(0,x)  ,  i.e.",
              lambda: all(abs(fd1(lambda a: prelu(x, a), 0.3) - min(0.0, x)) < 1e-8
                          and min(0.0, x) == (0.0 if x > 0 else x) for x in xs)))

    def channelwise():
        X = RNG.normal(size=(2, 3, 4, 4))
        G = RNG.normal(size=(2, 3, 4, 4))
        a = RNG.uniform(0.1, 0.4, 3)
        L = lambda av: (G * prelu(X, av[None, :, None, None])).sum()
        claim = np.array([(G[:, c] * np.minimum(0, X[:, c])).sum() for c in range(3)])
        return close(fd(L, a), claim)
    C.append((r"∂L/∂a_c  =  Σ_{n,h,w}", channelwise))
    C.append((r"# params : 64 channels → 64 extra params", lambda: True))
    x = np.array([1.5, -2, 0.5, -0.4, -1])
    g = np.array([0.3, -0.5, 0.2, 1.0, 0.25])
    a = 0.25
    dLda = fd1(lambda s: (g * prelu(x, s)).sum(), a)
    C.append((r"fwd :  f = ( 1.5 , -0.5 , 0.5 , -0.1 , -0.25 )",
              lambda: RV(["1.5", "-0.5", "0.5", "-0.1", "-0.25"], prelu(x, a))))
    C.append((r"only neg. entries contribute (i = 2, 4, 5)", lambda: list(np.where(x < 0)[0] + 1) == [2, 4, 5]))
    C.append((r"∂L/∂a = (-0.5)(-2) + (1.0)(-0.4) + (0.25)(-1)",
              lambda: abs(dLda - ((-0.5) * (-2) + 1.0 * (-0.4) + 0.25 * (-1))) < 1e-8
              and abs(dLda - (1.0 - 0.4 - 0.25)) < 1e-8 and R("0.45", dLda)))
    C.append((r"a ← 0.25 - 0.1 · 0.45  =  0.205",
              lambda: R("0.45", dLda) and R("0.205", a - 0.1 * dLda)))
    C.append((r"∂L/∂x = g ⊙ (1 if x>0 else a) = ( 0.3 , -0.125",
              lambda: close(fd(lambda t: (g * prelu(t, a)).sum(), x), g * np.where(x > 0, 1, a))
              and RV(["0.3", "-0.125", "0.2", "0.25", "0.0625"], fd(lambda t: (g * prelu(t, a)).sum(), x))))
    return C


# ============================================================================= 09
@claims("09_juanji_fanxiang_chuanbo_zuoye.md")
def c09():
    def corr(X, K):
        k = K.shape[0]
        Ho, Wo = X.shape[0] - k + 1, X.shape[1] - k + 1
        return np.array([[(K * X[i:i + k, j:j + k]).sum() for j in range(Wo)] for i in range(Ho)])

    def Kat(K, u, v):
        k = K.shape[0]
        return K[u, v] if 0 <= u < k and 0 <= v < k else 0.0

    H, Wd, k = 5, 6, 3
    X = RNG.normal(size=(H, Wd))
    K = RNG.normal(size=(k, k))
    G = RNG.normal(size=(H - k + 1, Wd - k + 1))
    L = lambda x, kk: (G * corr(x, kk)).sum()
    dX = fd(lambda x: L(x, K), X)
    dK = fd(lambda kk: L(X, kk), K)
    Ho, Wo = G.shape
    C = []
    C.append((r"**(1) 输出尺寸。**",
              lambda: corr(X, K).shape == (H - k + 1, Wd - k + 1) and corr(np.zeros((3, 3)), np.zeros((2, 2))).shape == (2, 2)))
    C.append((r"$\partial Y_{i,j}/\partial K_{u,v} = X_{i+u,j+v}$",
              lambda: all(abs(fd(lambda kk: corr(X, kk)[i, j], K)[u, v] - X[i + u, j + v]) < 1e-8
                          for i in range(Ho) for j in range(Wo) for u in range(k) for v in range(k))))
    C.append((r"\frac{\partial L}{\partial K_{u,v}} = \sum_{i,j} G_{i,j}\, X_{i+u,\, j+v},",
              lambda: all(abs(dK[u, v] - sum(G[i, j] * X[i + u, j + v] for i in range(Ho) for j in range(Wo))) < 1e-7
                          for u in range(k) for v in range(k))))
    C.append((r"的导数 $\delta_{p,\,i+u}\,\delta_{q,\,j+v}$",
              lambda: all(abs(fd(lambda x: x[i + u, j + v], X)[p, q] - float(p == i + u and q == j + v)) < 1e-9
                          for (i, j, u, v) in [(0, 0, 1, 2), (1, 2, 0, 0), (2, 1, 2, 1)] for p in range(H) for q in range(Wd))))
    dYdX = {(i, j): fd(lambda x: corr(x, K)[i, j], X) for i in range(Ho) for j in range(Wo)}
    C.append((r"&= \sum_{u,v} K_{u,v}\,\delta_{p,\,i+u}\,\delta_{q,\,j+v} \\",
              lambda: all(abs(dYdX[i, j][p, q] - sum(K[u, v] * (p == i + u) * (q == j + v) for u in range(k) for v in range(k))) < 1e-8
                          for (i, j) in dYdX for p in range(H) for q in range(Wd))))
    C.append((r"&= K_{i-p,\; j-q}",
              lambda: all(abs(dYdX[i, j][p, q] - Kat(K, i - p, j - q)) < 1e-8 for (i, j) in dYdX for p in range(H) for q in range(Wd))))
    C.append((r"= \sum_{i,j} G_{i,j}\,\frac{\partial Y_{i,j}}{\partial X_{p,q}} = \sum_{i,j} G_{i,j}\, K_{i-p,\; j-q}.",
              lambda: close(dX, sum(G[i, j] * dYdX[i, j] for (i, j) in dYdX))
              and all(abs(dX[p, q] - sum(G[i, j] * Kat(K, i - p, j - q) for i in range(Ho) for j in range(Wo))) < 1e-7
                      for p in range(H) for q in range(Wd))))

    def Gat(G, a, b):
        return G[a, b] if 0 <= a < G.shape[0] and 0 <= b < G.shape[1] else 0.0
    C.append((r"\frac{\partial L}{\partial X_{p,q}} = \sum_{u,v} K_{u,v}\, G_{p+u,\; q+v},",
              lambda: all(abs(dX[p, q] - sum(K[u, v] * Gat(G, p + u, q + v) for u in range(k) for v in range(k))) < 1e-7
                          for p in range(H) for q in range(Wd))))
    C.append((r"输出大小为 $(H-k+1)+(k-1) = H$",
              lambda: all((h - kk + 1) + (kk - 1) == h for h in range(3, 9) for kk in range(1, h + 1))
              and dX.shape == X.shape))
    Xn = np.array([[1, 2, 0], [0, 1, 3], [2, 1, 1.0]])
    Kn = np.array([[1, -1], [2, 0.0]])
    Gn = np.array([[1, 0], [-1, 2.0]])
    Yn = corr(Xn, Kn)
    Ln = lambda x, kk: (Gn * corr(x, kk)).sum()
    C.append((r"前向：$Y_{0,0} = 1\cdot1 + (-1)\cdot 2 + 2\cdot 0 + 0\cdot 1 = -1$",
              lambda: Yn[0, 0] == 1 * 1 + (-1) * 2 + 2 * 0 + 0 * 1 == -1))
    C.append((r"Y = \begin{pmatrix} -1 & 4\\ 3 & 0\end{pmatrix}.", lambda: close(Yn, [[-1, 4], [3, 0]])))
    C.append((r"则 $L = -1 + 0 - 3 + 0 = -4$",
              lambda: close(fd(lambda yy: (Gn * yy).sum(), Yn), Gn) and close((Gn * Yn).ravel(), [-1, 0, -3, 0])
              and (Gn * Yn).sum() == -4))
    dKn = fd(lambda kk: Ln(Xn, kk), Kn)
    dXn = fd(lambda x: Ln(x, Kn), Xn)
    C.append((r"对卷积核：$\dfrac{\partial L}{\partial K_{0,1}} = 1\cdot 2",
              lambda: abs(dKn[0, 1] - (1 * 2 + 0 * 0 + (-1) * 1 + 2 * 3)) < 1e-7 and abs(dKn[0, 1] - 7) < 1e-7))
    C.append((r"\frac{\partial L}{\partial K} = \begin{pmatrix} 3 & 7\\ 0 & 2\end{pmatrix}.", lambda: close(dKn, [[3, 7], [0, 2]])))
    C.append((r"对输入：例如 $\dfrac{\partial L}{\partial X_{0,0}} = K_{0,0}G_{0,0}",
              lambda: abs(dXn[0, 0] - (Kn[0, 0] * Gn[0, 0] + Kn[0, 1] * Gn[0, 1] + Kn[1, 0] * Gn[1, 0] + Kn[1, 1] * Gn[1, 1])) < 1e-7
              and abs(dXn[0, 0] - (1 + 0 - 2 + 0)) < 1e-7))
    C.append((r"\frac{\partial L}{\partial X} = \begin{pmatrix} -1 & 4 & 0\\",
              lambda: close(dXn, [[-1, 4, 0], [-3, 2, 0], [0, 0, 0]])))
    C.append((r"大小为 $3\times 3$，与 $X$ 一致", lambda: dXn.shape == Xn.shape == (3, 3)))
    return C


# ============================================================================= 10
def out_size_brute(H, k, d, p, s):
    """number of window positions of a dilated kernel on a padded input (brute force)"""
    n = 0
    i = 0
    while True:
        taps = [i * s + m * d for m in range(k)]
        if max(taps) <= H + 2 * p - 1:
            n += 1
            i += 1
        else:
            return n


def rf_brute(layers):
    """receptive field of one output unit of a stack of 1-D layers (k, d, s), brute force"""
    S = {0}
    for k, d, s in reversed(layers):
        S = {i * s + m * d for i in S for m in range(k)}
    return max(S) - min(S) + 1


@claims("10_dilated_conv_kaitou.md")
def c10():
    keff = lambda k, d: (lambda taps: max(taps) - min(taps) + 1)([m * d for m in range(k)])
    C = []
    C.append((r"k_{\mathrm{eff}} = d(k-1) + 1 .",
              lambda: all(keff(k, d) == d * (k - 1) + 1 for k in range(1, 8) for d in range(1, 6))))
    C.append((r"(a) $k = 3,\ d = 2$ のとき", lambda: keff(3, 2) == 2 * 2 + 1 == 5))
    C.append((r"(b) $k = 3,\ d = 4$ のとき", lambda: keff(3, 4) == 4 * 2 + 1 == 9))
    C.append((r"通常の式 $\lfloor (H + 2p - k)/s \rfloor + 1$",
              lambda: all(out_size_brute(H, k, 1, p, s) == (H + 2 * p - k) // s + 1
                          for H in range(5, 20) for k in (1, 2, 3, 5) for p in (0, 1, 2) for s in (1, 2, 3))))
    C.append((r"H_{\mathrm{out}} = \left\lfloor \frac{H + 2p - d(k-1) - 1}{s} \right\rfloor + 1 .",
              lambda: all(out_size_brute(H, k, d, p, s) == (H + 2 * p - d * (k - 1) - 1) // s + 1
                          for H in range(12, 30) for k in (2, 3, 5) for d in (1, 2, 3) for p in (0, 1, 3) for s in (1, 2, 3))))
    C.append((r"$H_{\mathrm{out}} = \lfloor (64 + 4 - 4 - 1)/1 \rfloor + 1 = 63 + 1 = 64$",
              lambda: out_size_brute(64, 3, 2, 2, 1) == 64 and (64 + 4 - 4 - 1) // 1 == 63))
    C.append((r"$p = d(k-1)/2 = 2$",
              lambda: 2 * (3 - 1) / 2 == 2 and all(out_size_brute(H, 3, 2, 2, 1) == H for H in range(5, 70))))
    C.append((r"$H_{\mathrm{out}} = \lfloor (64 - 8 - 1)/2 \rfloor + 1",
              lambda: out_size_brute(64, 3, 4, 0, 2) == 28 and (64 - 8 - 1) / 2 == 27.5 and math.floor(27.5) + 1 == 28))
    C.append((r"$d(k-1) = 12$ なので", lambda: 3 * (5 - 1) == 12))
    C.append((r"$H_{\mathrm{out}} = \lfloor (100 + 8 - 12 - 1)/3 \rfloor + 1",
              lambda: out_size_brute(100, 5, 3, 4, 3) == 32 and 100 + 8 - 12 - 1 == 95 and 95 // 3 == 31))
    C.append((r"r_L = 1 + \sum_{\ell=1}^{L} d_\ell\,(k_\ell - 1).",
              lambda: all(rf_brute([(k, d, 1) for k, d in ls]) == 1 + sum(d * (k - 1) for k, d in ls)
                          for ls in ([(3, 1), (3, 2), (3, 4)], [(5, 3), (2, 1)], [(3, 2), (7, 1), (3, 5), (2, 2)]))))
    C.append((r"$r = 1 + 2\,(1 + 2 + 4) = 15$", lambda: rf_brute([(3, 1, 1), (3, 2, 1), (3, 4, 1)]) == 15 == 1 + 2 * 7))
    C.append((r"（受容野 $7$）", lambda: rf_brute([(3, 1, 1)] * 3) == 7))
    C.append((r"r = 1 + \sum_{i=0}^{9} 2^{i} = 1 + (2^{10} - 1) = 1024 .",
              lambda: rf_brute([(2, 2 ** i, 1) for i in range(10)]) == 1024 == 1 + sum(2 ** i for i in range(10))
              and sum(2 ** i for i in range(10)) == 2 ** 10 - 1))
    C.append((r"$r = 1 + 3 \cdot 1023 = 3070$",
              lambda: rf_brute([(2, 2 ** i, 1) for i in range(10)] * 3) == 3070 == 1 + 3 * 1023))
    C.append((r"r_\ell = r_{\ell-1} + (k_\ell - 1)\, d_\ell\, j_{\ell-1}",
              lambda: all((lambda ls: rf_brute(ls) == (lambda: (
                  lambda r=[1], j=[1]: ([(r.append(r[-1] + (k - 1) * d * j[-1]), j.append(j[-1] * s)) for k, d, s in ls], r[-1])[1])())())(ls)
                          for ls in ([(3, 1, 2), (3, 2, 1), (3, 1, 1)], [(5, 1, 2), (3, 2, 2), (3, 3, 1)], [(2, 1, 3), (3, 2, 2)]))))
    C.append((r"層1：$k=3, d=1, s=2$", lambda: rf_brute([(3, 1, 2)]) == 3 == 1 + 2 * 1 * 1))
    C.append((r"層2：$k=3, d=2, s=1$", lambda: rf_brute([(3, 1, 2), (3, 2, 1)]) == 11 == 3 + 2 * 2 * 2))
    C.append((r"層3：$k=3, d=1, s=1$", lambda: rf_brute([(3, 1, 2), (3, 2, 1), (3, 1, 1)]) == 15 == 11 + 2 * 1 * 2))
    C.append((r"3 \cdot 3 \cdot 64 \cdot 128 + 128 = 73\,728 + 128 = 73\,856",
              lambda: 3 * 3 * 64 * 128 == 73728 and 73728 + 128 == 73856))
    return C


# ============================================================================= 11
def group_conn(Cin, Cout, k, g):
    """number of (out-channel, in-channel, u, v) weight connections of a grouped conv, brute force"""
    n = 0
    for o in range(Cout):
        go = o // (Cout // g)
        for c in range(Cin):
            if c // (Cin // g) == go:
                n += k * k
    return n


def macs_brute_small(H, Cin, Cout, k, g, s, p):
    """count multiply-adds of a grouped 2-D conv by explicit loops (small sizes only)"""
    Ho = out_size_brute(H, k, 1, p, s)
    n = 0
    for i in range(Ho):
        for j in range(Ho):
            for o in range(Cout):
                go = o // (Cout // g)
                for c in range(Cin):
                    if c // (Cin // g) != go:
                        continue
                    n += k * k
    return n


@claims("11_group_conv_study_group.md")
def c11():
    C = []
    C.append((r"each group gets its own $C_{out}/g$ filters",
              lambda: all(sum(1 for o in range(Co) if o // (Co // g) == gi) == Co // g for Co, g in [(8, 2), (12, 4)] for gi in range(g))))
    C.append((r"$$\#\text{weights} = C_{out}\cdot\frac{C_{in}}{g}\cdot k^2",
              lambda: all(group_conn(Ci, Co, k, g) == Co * (Ci // g) * k * k
                          for Ci, Co, g in [(8, 12, 4), (6, 6, 6), (16, 8, 2), (4, 4, 1)] for k in (1, 3))))
    C.append((r"Grouping divides the weight count by exactly $g$",
              lambda: all(group_conn(Ci, Co, 3, 1) == g * group_conn(Ci, Co, 3, g) for Ci, Co, g in [(8, 12, 4), (16, 8, 2), (6, 6, 3)])))
    C.append((r"1. standard ($g = 1$): $128 \cdot 64 \cdot 9 = 73\,728$",
              lambda: group_conn(64, 128, 3, 1) == 128 * 64 * 9 == 73728))
    C.append((r"2. $g = 4$: $128 \cdot 16 \cdot 9 = 18\,432$",
              lambda: group_conn(64, 128, 3, 4) == 128 * 16 * 9 == 18432 and 18432 + 128 == 18560 and 73728 / 18432 == 4))
    C.append((r"3. ResNeXt-style", lambda: 128 // 32 == 4 and group_conn(128, 128, 3, 32) == 128 * 4 * 9 == 4608))
    C.append((r"4. depthwise ($g = C_{in} = C_{out} = 64$)", lambda: group_conn(64, 64, 3, 64) == 64 * 1 * 9 == 576))
    C.append((r"$$576 + 64 \cdot 128 = 576 + 8\,192 = 8\,768",
              lambda: group_conn(64, 128, 1, 1) == 64 * 128 == 8192 and 576 + 8192 == 8768))
    C.append((r"\frac{C_{in} k^2 + C_{in} C_{out}}{C_{in} C_{out} k^2} = \frac{1}{C_{out}} + \frac{1}{k^2}",
              lambda: all(abs((Ci * k * k + Ci * Co) / (Ci * Co * k * k) - (1 / Co + 1 / k ** 2)) < 1e-15
                          for Ci in (3, 64, 100) for Co in (5, 128) for k in (1, 3, 7))))
    C.append((r"here $\frac{1}{128} + \frac19 = 0.1189$",
              lambda: R("0.1189", 1 / 128 + 1 / 9) and R("0.1189", 8768 / 73728) and 8 <= 73728 / 8768 <= 9))
    C.append((r"$\text{MACs} = H_{out} W_{out} \cdot C_{out}",
              lambda: all(macs_brute_small(H, Ci, Co, 3, g, s, 1) == out_size_brute(H, 3, 1, 1, s) ** 2 * Co * (Ci // g) * 9
                          == out_size_brute(H, 3, 1, 1, s) ** 2 * group_conn(Ci, Co, 3, g)
                          for H, Ci, Co, g, s in [(7, 4, 6, 2, 2), (6, 3, 3, 3, 1), (8, 4, 4, 1, 2)])))
    Ho = out_size_brute(56, 3, 1, 1, 2)
    C.append((r"$$H_{out} = \left\lfloor \frac{H + 2p - k}{s} \right\rfloor",
              lambda: Ho == (56 + 2 * 1 - 3) // 2 and 56 + 2 - 3 == 55 and 55 // 2 == 27 and Ho == 27))
    C.append((r"- $g = 4$: $27 \cdot 27 \cdot 18\,432",
              lambda: Ho * Ho * 18432 == 13436928 and 27 * 27 * 18432 == 13436928 and R("13.4", 13436928 / 1e6)))
    C.append((r"- standard: $27 \cdot 27 \cdot 73\,728",
              lambda: Ho * Ho * 73728 == 53747712 and 27 * 27 * 73728 == 53747712 and R("53.7", 53747712 / 1e6)
              and 53747712 == 4 * 13436928))
    C.append((r"- separable: $27 \cdot 27 \cdot 8\,768",
              lambda: Ho * Ho * 8768 == 6391872 and 27 * 27 * 8768 == 6391872 and R("6.4", 6391872 / 1e6)))
    C.append((r"channel shuffle is just a reshape",
              lambda: (lambda x, g: np.array_equal(
                  np.sort(x.reshape(g, -1).T.ravel()), np.sort(x)))(np.arange(12), 3)))
    return C


# ============================================================================= 12
@claims("12_bn_fusao_camada_linear_notebook.md")
def c12():
    m, n = 3, 4
    W = RNG.normal(size=(m, n))
    b = RNG.normal(size=m)
    gam = RNG.uniform(0.5, 2, m)
    bet = RNG.normal(size=m)
    mu = RNG.normal(size=m)
    var = RNG.uniform(0.2, 3, m)
    eps = 1e-5
    bn = lambda z: gam * (z - mu) / np.sqrt(var + eps) + bet
    s = gam / np.sqrt(var + eps)
    Wf = np.diag(s) @ W
    bf = s * (b - mu) + bet
    xs = [RNG.normal(size=n) for _ in range(4)]
    C = []
    C.append((r"y = s \odot (Wx + b - \mu) + \beta = \big(\operatorname{diag}(s)\,W\big)\,x",
              lambda: all(close(bn(W @ x + b), s * (W @ x + b - mu) + bet) and close(bn(W @ x + b), Wf @ x + s * (b - mu) + bet) for x in xs)))
    C.append((r"W' = \operatorname{diag}(s)\,W \quad (W'_{ij} = s_i W_{ij})",
              lambda: all(close(bn(W @ x + b), Wf @ x + bf) for x in xs) and close(Wf, s[:, None] * W)))
    C.append((r"Observe que é cada **linha** de $W$",
              lambda: close(fd(lambda x: bn(W @ x + b)[1], xs[0]), Wf[1]) and
              close(np.array([fd(lambda x: bn(W @ x + b)[i], xs[0]) for i in range(m)]), Wf)))

    def conv_case():
        Co, Ci, k = 3, 2, 2
        Wc = RNG.normal(size=(Co, Ci, k, k))
        bc = RNG.normal(size=Co)
        X = RNG.normal(size=(Ci, 4, 4))
        g_, be_, mu_, v_ = RNG.uniform(0.5, 2, Co), RNG.normal(size=Co), RNG.normal(size=Co), RNG.uniform(0.3, 2, Co)
        sc = g_ / np.sqrt(v_ + eps)
        conv = lambda Wt, bt: np.array([[[(Wt[o] * X[:, i:i + k, j:j + k]).sum() + bt[o] for j in range(3)] for i in range(3)] for o in range(Co)])
        Z = conv(Wc, bc)
        Ybn = g_[:, None, None] * (Z - mu_[:, None, None]) / np.sqrt(v_ + eps)[:, None, None] + be_[:, None, None]
        return close(Ybn, conv(sc[:, None, None, None] * Wc, sc * (bc - mu_) + be_))
    C.append((r"vale o mesmo por canal de saída: $W'_{o,c,u,v} = s_o\,W_{o,c,u,v}$", conv_case))
    W0 = np.array([[0.5, -1.0], [2.0, 0.3]])
    b0 = np.array([0.1, -0.2])
    g0 = np.array([1.2, 0.8])
    be0 = np.array([0.0, 0.5])
    mu0 = np.array([0.3, -0.1])
    v0 = np.array([0.25, 4.0])
    s0 = g0 / np.sqrt(v0)
    Wf0 = s0[:, None] * W0
    bf0 = s0 * (b0 - mu0) + be0
    x0 = np.array([1.0, 2.0])
    z0 = W0 @ x0 + b0
    y0 = g0 * (z0 - mu0) / np.sqrt(v0) + be0
    C.append((r"[2.4 0.4]", lambda: close(s0, [2.4, 0.4])))
    C.append((r"[[ 1.2  -2.4 ]", lambda: close(Wf0[0], [1.2, -2.4])))
    C.append((r" [ 0.8   0.12]]", lambda: close(Wf0[1], [0.8, 0.12])))
    C.append((r"[-0.48  0.46]", lambda: close(bf0, [-0.48, 0.46])))
    C.append((r"À mão: $s = (1{,}2/0{,}5;\ 0{,}8/2) = (2{,}4;\ 0{,}4)$",
              lambda: close(np.sqrt(v0), [0.5, 2]) and close(s0, [1.2 / 0.5, 0.8 / 2]) and RV(["2,4", "0,4"], s0)))
    C.append((r"W' = \begin{pmatrix} 2{,}4\cdot 0{,}5",
              lambda: close(Wf0, [[2.4 * 0.5, 2.4 * (-1)], [0.4 * 2, 0.4 * 0.3]]) and RV(["1,2", "-2,4", "0,8", "0,12"], Wf0)))
    C.append((r"b' = \big(2{,}4\cdot(0{,}1 - 0{,}3) + 0;",
              lambda: close(bf0, [2.4 * (0.1 - 0.3) + 0, 0.4 * (-0.2 + 0.1) + 0.5]) and RV(["-0,48", "0,46"], bf0)))
    C.append((r"[-1.4  2.4] [-4.08  1.5 ] [-4.08  1.5 ] True",
              lambda: close(z0, [-1.4, 2.4]) and close(y0, [-4.08, 1.5]) and close(Wf0 @ x0 + bf0, [-4.08, 1.5])))
    C.append((r"- caminho original: $z = (0{,}5 - 2 + 0{,}1;",
              lambda: close(z0, [0.5 - 2 + 0.1, 2 + 0.6 - 0.2]) and RV(["-1,4", "2,4"], z0)
              and close(y0, [2.4 * (-1.7), 0.4 * 2.5 + 0.5]) and abs(z0[0] - mu0[0] + 1.7) < 1e-12
              and abs(z0[1] - mu0[1] - 2.5) < 1e-12 and RV(["-4,08", "1,5"], y0)))
    C.append((r"- caminho fundido: $W'x + b' = (1{,}2 - 4{,}8 - 0{,}48;",
              lambda: close(Wf0 @ x0 + bf0, [1.2 - 4.8 - 0.48, 0.8 + 0.24 + 0.46]) and RV(["-4,08", "1,5"], Wf0 @ x0 + bf0)))
    C.append((r"$s_1 = 1{,}2/\sqrt{0{,}25001} = 2{,}39995$", lambda: R("2,39995", 1.2 / np.sqrt(0.25 + 1e-5))))

    def grads():
        ok = True
        for i in range(m):
            def Wf_of(gi):
                gg = gam.copy()
                gg[i] = gi
                return (gg / np.sqrt(var + eps))[:, None] * W

            def bf_of(gi):
                gg = gam.copy()
                gg[i] = gi
                return (gg / np.sqrt(var + eps)) * (b - mu) + bet
            dW = (Wf_of(gam[i] + 1e-6) - Wf_of(gam[i] - 1e-6)) / 2e-6
            db = (bf_of(gam[i] + 1e-6) - bf_of(gam[i] - 1e-6)) / 2e-6
            ok &= close(dW[i], W[i] / np.sqrt(var[i] + eps)) and abs(db[i] - (b[i] - mu[i]) / np.sqrt(var[i] + eps)) < 1e-6
        return ok
    C.append((r"temos $\partial W'_{ij}/\partial \gamma_i = W_{ij}/\sqrt{\sigma_i^2+\varepsilon}$", grads))
    C.append((r"No exemplo, $\partial b'_1/\partial\gamma_1 = (0{,}1 - 0{,}3)/0{,}5 = -0{,}4$",
              lambda: R("-0,4", (b0[0] - mu0[0]) / np.sqrt(v0[0])) and R("-0,05", (b0[1] - mu0[1]) / np.sqrt(v0[1]))
              and R("-0,4", fd1(lambda gg: gg / np.sqrt(v0[0]) * (b0[0] - mu0[0]) + be0[0], g0[0]))))
    return C


# ============================================================================= 13
@claims("13_adagrad_a_mano_appunti.md")
def c13():
    f = lambda w: w[0] ** 2 + 5 * w[1] ** 2
    grad = lambda w: fd(f, w)
    w = [np.array([1.0, 1.0])]
    gs, Gs, steps = [None], [np.zeros(2)], [None]
    for t in range(1, 4):
        g = grad(w[-1])
        G = Gs[-1] + g * g
        st = 0.5 * g / np.sqrt(G)
        gs.append(g)
        Gs.append(G)
        steps.append(st)
        w.append(w[-1] - st)
    C = []
    C.append((r"∇f(w) = ( 2w₁ , 10w₂ )",
              lambda: all(close(grad(v), [2 * v[0], 10 * v[1]]) for v in RNG.normal(size=(4, 2)))))
    C.append((r"f(w₀) = 1 + 5 = 6", lambda: f(w[0]) == 6))
    C.append((r"g₁ = ∇f(w₀) = (2 , 10)", lambda: close(gs[1], [2, 10])))
    C.append((r"G₁ = (4 , 100)      √G₁ = (2 , 10)", lambda: close(Gs[1], [4, 100]) and close(np.sqrt(Gs[1]), [2, 10])))
    C.append((r"w₁ = (1 , 1) − 0,5·(2/2 , 10/10) = (0,5 , 0,5)",
              lambda: close(w[1], np.array([1, 1]) - 0.5 * np.array([2 / 2, 10 / 10])) and close(w[1], [0.5, 0.5])))
    C.append((r"f(w₁) = 0,25 + 1,25 = 1,5",
              lambda: RV(["0,25", "1,25"], [w[1][0] ** 2, 5 * w[1][1] ** 2]) and R("1,5", f(w[1]))))
    C.append((r"primo passo di Adagrad = η · sign(g)",
              lambda: all(close(0.5 * g / np.sqrt(g * g), 0.5 * np.sign(g)) for g in RNG.normal(size=(4, 3)))))
    C.append((r"g₂ = (1 , 5)", lambda: close(gs[2], [1, 5])))
    C.append((r"G₂ = (4+1 , 100+25) = (5 , 125)",
              lambda: close(Gs[2], [4 + 1, 100 + 25]) and close(Gs[2], [5, 125]) and RV(["2,2361", "11,1803"], np.sqrt(Gs[2]))))
    C.append((r"passo = 0,5·(1/2,2361 , 5/11,1803) = (0,2236 , 0,2236)",
              lambda: RV(["0,2236", "0,2236"], steps[2]) and RV(["0,2236", "0,2236"], [0.5 / 2.2361, 2.5 / 11.1803])))
    C.append((r"w₂ = (0,2764 , 0,2764)", lambda: RV(["0,2764", "0,2764"], w[2])))
    C.append((r"f(w₂) = 0,0764 + 0,3820 = 0,4584",
              lambda: RV(["0,0764", "0,3820"], [w[2][0] ** 2, 5 * w[2][1] ** 2]) and R("0,4584", f(w[2]))
              and R("0,4584", 0.0764 + 0.3820)))
    C.append((r"g₃ = ∇f(w₂) = (0,5528 , 2,7639)", lambda: RV(["0,5528", "2,7639"], gs[3])))
    C.append((r"G₃ = (5 + 0,3056 , 125 + 7,6393) = (5,3056 , 132,6393)",
              lambda: RV(["0,3056", "7,6393"], gs[3] ** 2) and RV(["5,3056", "132,6393"], Gs[3])))
    C.append((r"√G₃ = (2,3034 , 11,5169)", lambda: RV(["2,3034", "11,5169"], np.sqrt(Gs[3]))))
    C.append((r"passo = 0,5·(0,5528/2,3034 , 2,7639/11,5169) = (0,1200 , 0,1200)",
              lambda: RV(["0,1200", "0,1200"], steps[3]) and RV(["0,1200", "0,1200"], [0.5 * 0.5528 / 2.3034, 0.5 * 2.7639 / 11.5169])))
    C.append((r"w₃ = (0,1564 , 0,1564)        f(w₃) = 0,1468",
              lambda: RV(["0,1564", "0,1564"], w[3]) and R("0,1468", f(w[3]))))
    C.append((r"le due coord. restano UGUALI",
              lambda: all(abs(v[0] - v[1]) < 1e-9 for v in w)))
    C.append((r"confronto GD con lo stesso η = 0,5",
              lambda: all(abs((v - 0.5 * grad(v))[0]) < 1e-8 and abs((v - 0.5 * grad(v))[1] + 4 * v[1]) < 1e-8
                          for v in RNG.normal(size=(4, 2)))))
    C.append((r"ma il passo efficace η/√G_t decresce sempre",
              lambda: all(np.all(np.sqrt(Gs[t + 1]) >= np.sqrt(Gs[t])) for t in range(1, 3))))
    return C


# ============================================================================= 14
@claims("14_warmup_cosine_schedule_notebook.md")
def c14():
    emax, emin, W, T = 0.1, 0.001, 500, 10_000

    def warm(t):
        return emax * t / W

    def cosb(t):
        return emin + 0.5 * (emax - emin) * (1 + math.cos(math.pi * (t - W) / (T - W)))

    def lr(t):
        return warm(t) if t < W else cosb(t)
    C = []
    C.append((r"Both branches give $\eta_W = \eta_{\max}$ at $t = W$",
              lambda: abs(warm(W) - emax) < 1e-15 and abs(cosb(W) - emax) < 1e-15 and math.cos(0) == 1
              and abs(lr(W - 1e-9) - lr(W)) < 1e-9 and abs(cosb(T) - emin) < 1e-15 and math.cos(math.pi) == -1))
    rows = [(0, "0.000000"), (100, "0.020000"), (250, "0.050000"), (500, "0.100000"), (2875, "0.085502"),
            (5250, "0.050500"), (7625, "0.015498"), (10000, "0.001000")]
    for t, v in rows:
        C.append(("%6d  %s" % (t, v), (lambda t=t, v=v: R(v, lr(t)))))
    C.append((r"The cosine phase has length $T - W = 9\,500$",
              lambda: T - W == 9500 and R("0.0495", 0.5 * (emax - emin))))
    C.append((r"- $t = 100$: $0.1 \cdot 100/500 = 0.02$",
              lambda: R("0.02", lr(100)) and abs(0.1 * 100 / 500 - 0.02) < 1e-15
              and R("2e-4", fd1(lr, 200.0, 1e-3))))
    C.append((r"- $t = 2875$ is $25\%$ into the decay",
              lambda: (2875 - W) / (T - W) == 0.25 and R("1.70711", 1 + math.cos(math.pi / 4))
              and R("0.085502", lr(2875)) and R("0.085502", 0.001 + 0.0495 * 1.70711)))
    C.append((r"- $t = 5250$ is the midpoint",
              lambda: (5250 - W) / (T - W) == 0.5 and abs(math.cos(math.pi / 2)) < 1e-15 and R("0.0505", lr(5250))
              and abs(0.001 + 0.0495 - 0.0505) < 1e-15))
    C.append((r"- $t = 7625$: $\eta = 0.001 + 0.0495\,(1 - 0.70711) = 0.015498$",
              lambda: (7625 - W) / (T - W) == 0.75 and R("0.70711", -math.cos(3 * math.pi / 4)) and R("0.015498", lr(7625))))
    C.append((r"Note the symmetry $\eta_{W+u} + \eta_{T-u} = \eta_{\max} + \eta_{\min}$",
              lambda: all(abs(lr(W + u) + lr(T - u) - (emax + emin)) < 1e-14 for u in RNG.uniform(0, T - W, 10))
              and all(abs(math.cos(math.pi - x) + math.cos(x)) < 1e-15 for x in RNG.uniform(0, 3, 5))
              and R("0.101", 0.085502 + 0.015498)))
    C.append((r"It also means the **average** learning rate over the decay phase",
              lambda: (lambda ts: abs(np.mean([lr(t) for t in ts]) - (emax + emin) / 2) < 1e-7)(np.linspace(W, T, 200001))
              and R("0.0505", (emax + emin) / 2) and R("0.0505", lr(5250))))
    C.append((r"and $d\phi/dt = \pi/(T - W)$",
              lambda: abs(fd1(lambda t: math.pi * (t - W) / (T - W), 3000.0, 1e-2) - math.pi / (T - W)) < 1e-9 * math.pi / (T - W)))
    C.append((r"\frac{d\eta_t}{dt} = -\left(\eta_{\max} - \eta_{\min}\right)\frac{\pi}{T - W}",
              lambda: all(abs(fd1(cosb, t, 1e-3) - (-(emax - emin) * math.pi / (T - W) * math.sin(math.pi * (t - W) / (T - W)))) < 1e-10
                          for t in RNG.uniform(W + 1, T - 1, 8))))
    slope_mid = fd1(cosb, 5250.0, 1e-3)
    C.append((r"\left.\frac{d\eta_t}{dt}\right|_{t = 5250} = -\frac{0.099\,\pi}{9\,500}",
              lambda: abs(slope_mid - (-0.099 * math.pi / 9500)) < 1e-10 and R("-3.274e-5", slope_mid)
              and np.argmax([abs(fd1(cosb, t, 1e-3)) for t in np.linspace(W + 1, T - 1, 1001)]) == 500))
    C.append((r"i.e. about $0.0327$ per $1\,000$ steps",
              lambda: R("0.0327", abs(lr(5750) - lr(4750))) and R("6.1", (emax / W) / abs(slope_mid))))
    return C


# ============================================================================= 15
@claims("15_jisik_jeungnyu_gwaje.md")
def c15():
    def sm(a):
        e = np.exp(a - a.max())
        return e / e.sum()

    def KL(z, v, T):
        p, q = sm(z / T), sm(v / T)
        return (q * np.log(q / p)).sum()
    K = 5
    z = RNG.normal(size=K)
    v = RNG.normal(size=K)
    T = 2.7
    p, q = sm(z / T), sm(v / T)
    gKL = fd(lambda zz: KL(zz, v, T), z)
    C = []
    C.append((r"$\log p_j = z_j/T - \log\sum_k e^{z_k/T}$",
              lambda: close(np.log(sm(z / T)), z / T - np.log(np.exp(z / T).sum()), 1e-12, 1e-12)))
    C.append((r"\frac{\partial \log p_j}{\partial z_i} = \frac{1}{T}\left(\delta_{ij} - p_i\right).",
              lambda: all(close(fd(lambda zz: np.log(sm(zz / T))[j], z), (np.eye(K)[j] - p) / T) for j in range(K))))
    C.append((r"$\sum_i q_i \log q_i$ 는 $z$와 무관하므로",
              lambda: close(fd(lambda zz: (q * np.log(q)).sum() + 0 * zz.sum(), z), np.zeros(K)) and abs(q.sum() - 1) < 1e-12))
    C.append((r"\frac{\partial\,\mathrm{KL}(q\|p)}{\partial z_i} = -\sum_j q_j",
              lambda: close(gKL, np.array([-sum(q[j] * ((i == j) - p[i]) / T for j in range(K)) for i in range(K)]))
              and close(gKL, -(q - p) / T) and close(gKL, (p - q) / T)))
    C.append((r"\frac{\partial \mathcal{L}_{\mathrm{KD}}}{\partial z_i} = T^2 \cdot \frac{1}{T}\,(p_i - q_i) = T\,(p_i - q_i).",
              lambda: close(fd(lambda zz: T * T * KL(zz, v, T), z), T * (p - q))))
    z0 = z - z.mean()
    v0 = v - v.mean()
    Tb = 400.0
    C.append((r"$e^{x} \approx 1 + x$ 를 쓸 수 있다",
              lambda: abs(z0.sum()) < 1e-12 and abs(np.exp(0.01) - 1.01) < 1e-4))
    C.append((r"p_i \approx \frac{1 + z_i/T}{K + \sum_j z_j / T} = \frac{1 + z_i/T}{K}",
              lambda: close(sm(z0 / Tb), (1 + z0 / Tb) / (K + z0.sum() / Tb), 1e-4, 1e-5)
              and close((1 + z0 / Tb) / (K + z0.sum() / Tb), (1 + z0 / Tb) / K, 1e-12, 1e-12)
              and close(sm(v0 / Tb), (1 + v0 / Tb) / K, 1e-4, 1e-5)))
    C.append((r"\frac{\partial\,\mathrm{KL}}{\partial z_i} \approx \frac{1}{T}\cdot\frac{z_i - v_i}{KT} = \frac{z_i - v_i}{K T^2}",
              lambda: close(fd(lambda zz: KL(zz, v0, Tb), z0, 1e-4), (z0 - v0) / (K * Tb ** 2), 0.02, 1e-9)))
    C.append((r"\frac{\partial \mathcal{L}_{\mathrm{KD}}}{\partial z_i} \approx \frac{z_i - v_i}{K}.",
              lambda: close(fd(lambda zz: Tb * Tb * KL(zz, v0, Tb), z0, 1e-4), (z0 - v0) / K, 0.02, 1e-3)))
    C.append((r"즉 $T^2$를 곱하지 않으면 기울기가 $1/T^2$로 줄어들어",
              lambda: close(fd(lambda zz: ((zz - v0) ** 2).sum() / (2 * K), z0), (z0 - v0) / K)
              and abs(np.linalg.norm(fd(lambda zz: KL(zz, v0, 2 * Tb), z0, 1e-4)) / np.linalg.norm(fd(lambda zz: KL(zz, v0, Tb), z0, 1e-4)) - 0.25) < 0.01))
    zz = np.array([1.0, 0, -1])
    vv = np.array([2.0, -1, -1])
    C.append((r"$K = 3$, $z = (1, 0, -1)$, $v = (2, -1, -1)$ (둘 다 평균 0)", lambda: zz.sum() == 0 and vv.sum() == 0))

    def row(T, sp, sq, sg, skl, st):
        P, Q = sm(zz / T), sm(vv / T)
        return (RV(sp, P) and RV(sq, Q) and RV(sg, fd(lambda a: T * T * KL(a, vv, T), zz)) and R(skl, KL(zz, vv, T))
                and R(st, T * T * KL(zz, vv, T)))
    C.append((r"| 4 | $(0.4192", lambda: row(4.0, ["0.4192", "0.3265", "0.2543"], ["0.5142", "0.2429", "0.2429"],
                                             ["-0.3799", "0.3344", "0.0455"], "0.02204", "0.3527")))
    C.append((r"| 10 | $(0.3672", lambda: row(10.0, ["0.3672", "0.3322", "0.3006"], ["0.4030", "0.2985", "0.2985"],
                                              ["-0.3579", "0.3370", "0.0209"], "0.00347", "0.3469")))
    C.append((r"고온 근사값은 $(z - v)/K = (-0.3333, 0.3333, 0)$",
              lambda: RV(["-0.3333", "0.3333", "0"], (zz - vv) / 3)
              and close(10 * (sm(zz / 10) - sm(vv / 10)), (zz - vv) / 3, 0, 0.03)
              and KL(zz, vv, 4.0) / KL(zz, vv, 10.0) > 6 and abs(16 * KL(zz, vv, 4.0) / (100 * KL(zz, vv, 10.0)) - 1) < 0.03))
    T4, a = 4.0, 0.3
    y = np.array([1.0, 0, 0])
    Lfull = lambda s: (1 - a) * (-np.log(sm(s)[0])) + a * T4 * T4 * KL(s, vv, T4)
    C.append((r"\frac{\partial \mathcal{L}}{\partial z} = (1-\alpha)\,\big(p^{(1)} - y\big) + \alpha\, T\,\big(p - q\big),",
              lambda: close(fd(lambda s: (1 - a) * (-np.log(sm(s)[1])) + a * T * T * KL(s, v, T), z),
                            (1 - a) * (sm(z) - np.eye(K)[1]) + a * T * (p - q))))
    C.append((r"- $p^{(1)} = (0.6652, 0.2447, 0.0900)$",
              lambda: RV(["0.6652", "0.2447", "0.0900"], sm(zz)) and R("0.4076", -np.log(sm(zz)[0]))))
    C.append((r"- $\mathcal{L} = 0.7 \cdot 0.4076",
              lambda: R("0.3911", Lfull(zz)) and R("0.2853", 0.7 * -np.log(sm(zz)[0])) and R("0.1058", 0.3 * 16 * KL(zz, vv, 4.0))
              and R("0.3911", 0.2853 + 0.1058)))
    C.append((r"- $(1-\alpha)(p^{(1)} - y) = 0.7 \cdot (-0.3348",
              lambda: RV(["-0.3348", "0.2447", "0.0900"], sm(zz) - y) and RV(["-0.2343", "0.1713", "0.0630"], 0.7 * (sm(zz) - y))))
    C.append((r"- $\alpha T (p - q) = 0.3 \cdot (-0.3799",
              lambda: RV(["-0.3799", "0.3344", "0.0455"], T4 * (sm(zz / T4) - sm(vv / T4)))
              and RV(["-0.1140", "0.1003", "0.0137"], a * T4 * (sm(zz / T4) - sm(vv / T4)))))
    C.append((r"- 합: $\partial\mathcal{L}/\partial z = (-0.3483",
              lambda: RV(["-0.3483", "0.2716", "0.0767"], fd(Lfull, zz))
              and RV(["-0.3483", "0.2716", "0.0767"], np.array([-0.2343, 0.1713, 0.0630]) + np.array([-0.1140, 0.1003, 0.0137]))))
    return C


# ============================================================================= 16
@claims("16_gru_reset_gate_forum_answer.md")
def c16():
    nh, nx = 3, 2
    P = {k: RNG.normal(size=s) * 0.8 for k, s in
         dict(Wr=(nh, nx), Ur=(nh, nh), br=(nh,), Wz=(nh, nx), Uz=(nh, nh), bz=(nh,),
              Wn=(nh, nx), Un=(nh, nh), bn=(nh,)).items()}
    x = RNG.normal(size=nx)
    hp = RNG.normal(size=nh)
    delta = RNG.normal(size=nh)

    def cell(P=P, x=x, hp=hp, r_override=None, n_override=None, an_override=None, ar_override=None, hp_r=None):
        ar = P["Wr"] @ x + P["Ur"] @ (hp if hp_r is None else hp_r) + P["br"] if ar_override is None else ar_override
        r = sig(ar) if r_override is None else r_override
        z = sig(P["Wz"] @ x + P["Uz"] @ hp + P["bz"])
        an = P["Wn"] @ x + P["Un"] @ (r * hp) + P["bn"] if an_override is None else an_override
        n = np.tanh(an) if n_override is None else n_override
        return (1 - z) * hp + z * n, dict(ar=ar, r=r, z=z, an=an, n=n)

    L = lambda **kw: delta @ cell(**kw)[0]
    h, V = cell()
    r, z, n, an, ar = V["r"], V["z"], V["n"], V["an"], V["ar"]
    dL_dn = delta * z
    dL_dan = delta * z * (1 - n * n)
    dL_dr = hp * (P["Un"].T @ dL_dan)
    dL_dar_claim = dL_dr * sig(ar)
    C = []
    C.append((r"Step 1 — into the candidate.** $h$ depends on $n$ only through",
              lambda: all(abs(fd1(np.tanh, t) - (1 - np.tanh(t) ** 2)) < 1e-8 for t in (-1.3, 0.2, 2.0))))
    C.append((r"\frac{\partial L}{\partial n} = \delta \odot z, \qquad",
              lambda: close(fd(lambda nn: L(n_override=nn), n), dL_dn) and close(fd(lambda a: L(an_override=a), an), dL_dan)))
    C.append((r"so $\partial a_{n,i}/\partial r_j = (U_n)_{ij} h'_j$",
              lambda: close(np.array([fd(lambda rr: (P["Wn"] @ x + P["Un"] @ (rr * hp) + P["bn"])[i], r) for i in range(nh)]),
                            P["Un"] * hp[None, :])))
    C.append((r"\frac{\partial h_i}{\partial r_j} = z_i\,(1 - n_i^2)\,(U_n)_{ij}\,h'_j .",
              lambda: close(np.array([fd(lambda rr: cell(r_override=rr)[0][i], r) for i in range(nh)]),
                            (z * (1 - n ** 2))[:, None] * P["Un"] * hp[None, :])))
    C.append((r"\frac{\partial L}{\partial r} = h' \odot \left(U_n^{\top}\, \frac{\partial L}{\partial a_n}\right).",
              lambda: close(fd(lambda rr: L(r_override=rr), r), dL_dr)))
    g_ar_true = fd(lambda a: L(ar_override=a), ar)
    C.append((r"\frac{\partial L}{\partial a_r} = \frac{\partial L}{\partial r} \odot \sigma(a_r) = \frac{\partial L}{\partial r} \odot r .",
              lambda: close(g_ar_true, dL_dr * sig(ar)) and close(g_ar_true, dL_dr * r)))

    def grad_param(name):
        def Lp(M):
            Q = dict(P)
            Q[name] = M
            return L(P=Q)
        return fd(Lp, P[name])
    C.append((r"\frac{\partial L}{\partial U_r} = \frac{\partial L}{\partial a_r}\, h'^{\top}, \qquad",
              lambda: close(grad_param("Ur"), np.outer(dL_dar_claim, hp))))
    C.append((r"\frac{\partial L}{\partial W_r} = \frac{\partial L}{\partial a_r}\, x^{\top}, \qquad",
              lambda: close(grad_param("Wr"), np.outer(dL_dar_claim, x))))
    C.append((r"\frac{\partial L}{\partial b_r} = \frac{\partial L}{\partial a_r}.",
              lambda: close(grad_param("br"), dL_dar_claim)))
    C.append((r"The reset path also contributes $U_r^{\top}\,\partial L/\partial a_r$",
              lambda: close(fd(lambda hh: L(hp_r=hh), hp), P["Ur"].T @ g_ar_true)))
    # scalar example
    S = dict(Wr=0.4, Ur=-0.6, br=0.1, Wz=0.3, Uz=0.2, bz=-0.1, Wn=0.8, Un=1.5, bn=0.0)
    xs, hs = 1.0, 0.5

    def sc(S=S, ar_o=None):
        a_r = S["Wr"] * xs + S["Ur"] * hs + S["br"] if ar_o is None else ar_o
        rr = sig(a_r)
        zz = sig(S["Wz"] * xs + S["Uz"] * hs + S["bz"])
        a_n = S["Wn"] * xs + S["Un"] * rr * hs + S["bn"]
        nn = np.tanh(a_n)
        return (1 - zz) * hs + zz * nn, a_r, rr, zz, a_n, nn
    hS, arS, rS, zS, anS, nS = sc()
    gan = fd1(lambda a: (1 - zS) * hs + zS * np.tanh(a), anS)
    grS = fd1(lambda q: (1 - zS) * hs + zS * np.tanh(S["Wn"] * xs + S["Un"] * q * hs), rS)
    garS = fd1(lambda a: sc(ar_o=a)[0], arS)

    def gS(name):
        return fd1(lambda v: sc(S={**S, name: v})[0], S[name])
    C.append((r"- $a_r = 0.4 - 0.3 + 0.1 = 0.2$", lambda: R("0.2", arS) and R("0.5498", rS)))
    C.append((r"- $a_z = 0.3 + 0.1 - 0.1 = 0.3$, $z = 0.5744$", lambda: R("0.5744", zS) and abs(0.3 + 0.1 - 0.1 - 0.3) < 1e-15))
    C.append((r"- $a_n = 0.8 + 1.5 \cdot 0.5498 \cdot 0.5 = 1.2124$",
              lambda: R("1.2124", anS) and R("0.8374", nS) and R("0.6938", hS) and R("0.4256", 1 - zS)
              and R("0.6938", 0.4256 * 0.5 + 0.5744 * 0.8374)))
    C.append((r"- $\partial L/\partial a_n = 0.5744\,(1 - 0.7012) = 0.1716$", lambda: R("0.7012", nS ** 2) and R("0.1716", gan)))
    C.append((r"- $\partial L/\partial r = 0.5 \cdot 1.5 \cdot 0.1716 = 0.1287$", lambda: R("0.1287", grS)))
    C.append((r"- $\partial L/\partial a_r = 0.1287 \cdot 0.5498 = 0.0708$",
              lambda: R("0.0708", garS) and R("0.0354", gS("Ur")) and R("0.0708", gS("Wr"))))

    def pytorch_variant():
        bin_, bhn = RNG.normal(size=nh), RNG.normal(size=nh)

        def pt(rr=None, nn=None):
            zz = z
            rr = r if rr is None else rr
            a_n = P["Wn"] @ x + bin_ + rr * (P["Un"] @ hp + bhn)
            nv = np.tanh(a_n) if nn is None else nn
            return delta @ ((1 - zz) * nv + zz * hp), a_n
        a_n = pt()[1]
        g_an = delta * (1 - z) * (1 - np.tanh(a_n) ** 2)
        return (close(fd(lambda rr: pt(rr=rr)[0], r), (P["Un"] @ hp + bhn) * g_an)
                and close(fd(lambda nn: pt(nn=nn)[0], np.tanh(a_n)), delta * (1 - z)))
    C.append((r"**PyTorch caveat:**", pytorch_variant))
    return C


# ============================================================================= runner
def first_wrong_line(fname, verbose=False):
    path = os.path.join(HERE, fname)
    with open(path, encoding="utf-8") as fh:
        lines = fh.read().split("\n")
    results = []
    for order, (sub, fn) in enumerate(CLAIMS[fname]()):
        hits = [i + 1 for i, ln in enumerate(lines) if sub in ln]
        if len(hits) != 1:
            raise SystemExit("%s: claim substring %r found on %d lines %s" % (fname, sub, len(hits), hits))
        try:
            ok = bool(fn())
        except Exception as exc:  # a crashing check counts as a failed claim
            print("   exception in %s / %r: %r" % (fname, sub, exc))
            ok = False
        results.append((hits[0], order, ok, sub))
    results.sort()
    if verbose:
        for ln, _, ok, sub in results:
            print("   line %3d  %-4s %s" % (ln, "ok" if ok else "FAIL", sub[:70]))
    bad = [ln for ln, _, ok, _ in results if not ok]
    return (bad[0] if bad else None), len(results), len(bad)


def main():
    verbose = "-v" in sys.argv
    with open(os.path.join(HERE, "expected.json"), encoding="utf-8") as fh:
        expected = json.load(fh)
    md = sorted(f for f in os.listdir(HERE) if f.endswith(".md"))
    agree = 0
    total_claims = 0
    if sorted(expected) != md or sorted(CLAIMS) != md:
        print("file lists differ: md=%s expected=%s claims=%s" % (md, sorted(expected), sorted(CLAIMS)))
    for f in md:
        got, n, nbad = first_wrong_line(f, verbose)
        total_claims += n
        exp = expected.get(f, "missing")
        status = "OK" if got == exp else "MISMATCH"
        agree += got == exp
        print("%-48s claims=%3d failing=%2d first_wrong=%-5s expected=%-5s %s" % (f, n, nbad, got, exp, status))
    allok = agree == len(md) == len(expected) == len(CLAIMS)
    print("%s: %d/%d files agree with expected.json (%d claims checked)"
          % ("PASS" if allok else "FAIL", agree, len(md), total_claims))
    return 0 if allok else 1


if __name__ == "__main__":
    sys.exit(main())
