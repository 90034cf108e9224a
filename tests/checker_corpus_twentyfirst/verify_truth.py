#!/usr/bin/env python3
"""Numerical ground truth for the derivation corpus in this folder.

For every Markdown file we list the claims that the derivation makes, each tied
to the source line that contains it (located by a unique substring of that
line).  Each claim is checked numerically against an independent computation
(central finite differences for gradients, direct evaluation for worked
numbers).  Claims are evaluated in line order; the first failing claim gives
the first wrong line of the file.  The result is compared with expected.json.

Usage:  python3 verify_truth.py      (needs only NumPy)
"""
import json
import math
import os
import re
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
RNG = np.random.default_rng(12345)


# ----------------------------------------------------------------------------
# helpers
# ----------------------------------------------------------------------------
class SetupError(Exception):
    pass


def read_lines(fname):
    with open(os.path.join(HERE, fname), encoding="utf-8") as fh:
        return fh.read().split("\n")


def locate(lines, needle):
    hits = [i + 1 for i, l in enumerate(lines) if needle in l]
    if len(hits) != 1:
        raise SetupError("needle %r found on lines %s" % (needle, hits))
    return hits[0]


def close(a, b, rtol=1e-5, atol=1e-7):
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    if a.shape != b.shape:
        return False
    return bool(np.allclose(a, b, rtol=rtol, atol=atol))


def fd_grad(f, x, h=1e-6):
    """Central finite-difference gradient of scalar f at array x."""
    x = np.array(x, dtype=float)
    g = np.zeros_like(x)
    it = np.nditer(x, flags=["multi_index"])
    for _ in it:
        idx = it.multi_index
        xp = x.copy()
        xm = x.copy()
        xp[idx] += h
        xm[idx] -= h
        g[idx] = (f(xp) - f(xm)) / (2 * h)
    return g


NUM_RE = re.compile(r"-?\d+(?:\.\d+)?")


def written_ok(text, value, slack=0.51):
    """`text` is a number as written (e.g. '0.8336'); is it `value` rounded?"""
    dec = len(text.split(".")[1]) if "." in text else 0
    return abs(float(text) - value) <= slack * 10.0 ** (-dec) + 1e-12


def claim_numbers(line, pairs):
    """Every (text, true_value) pair: text must occur in the line and be a
    correct rounding of true_value."""
    ok = True
    for text, val in pairs:
        if text not in line:
            raise SetupError("number %r not on line: %s" % (text, line[:80]))
        ok = ok and written_ok(text, val)
    return ok


def numbers_after_last_eq(line):
    tail = line.rsplit("=", 1)[1]
    return [float(t) for t in NUM_RE.findall(tail)]


# ----------------------------------------------------------------------------
# 01 GELU (tanh approximation)
# ----------------------------------------------------------------------------
C = math.sqrt(2 / math.pi)


def gelu_tanh(x):
    return 0.5 * x * (1 + np.tanh(C * (x + 0.044715 * x ** 3)))


def u_of(x):
    return C * (x + 0.044715 * x ** 3)


def gelu_tanh_prime_fd(x):
    return float(fd_grad(lambda a: gelu_tanh(a[0]), np.array([x]))[0])


XS = np.linspace(-3, 3, 13) + 0.0371


def f01():
    out = []

    def approx_close_to_exact(line):
        exact = np.array([0.5 * x * (1 + math.erf(x / math.sqrt(2))) for x in XS])
        return bool(np.max(np.abs(gelu_tanh(XS) - exact)) < 1e-3)

    def product_rule(line):
        ok = True
        for x in XS:
            u = u_of(x)
            du = float(fd_grad(lambda a: u_of(a[0]), np.array([x]))[0])
            stated = 0.5 * (1 + np.tanh(u)) + 0.5 * x / np.cosh(u) ** 2 * du
            ok &= close(stated, gelu_tanh_prime_fd(x))
        return ok

    def du_dx(line):  # as written: sqrt(2/pi)(1 + 0.044715 x^2)
        return all(close(C * (1 + 0.044715 * x ** 2),
                         fd_grad(lambda a: u_of(a[0]), np.array([x]))[0]) for x in XS)

    def final_formula(line):  # as written
        ok = True
        for x in XS:
            t = np.tanh(u_of(x))
            stated = 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * C * (1 + 0.044715 * x ** 2)
            ok &= close(stated, gelu_tanh_prime_fd(x))
        return ok

    def numbers_u(line):
        t = math.tanh(u_of(1.0))
        return claim_numbers(line, [("0.7979", C), ("1.0447", 1.044715),
                                    ("0.8336", u_of(1.0)), ("0.6824", t)])

    def numbers_final(line):
        t = math.tanh(u_of(1.0))
        true = gelu_tanh_prime_fd(1.0)
        return claim_numbers(line, [("1.6824", 1 + t), ("0.4656", t * t),
                                    ("0.8412", 0.5 * (1 + t)),
                                    ("0.2227", true - 0.5 * (1 + t)),
                                    ("1.0639", true)])

    def limits(line):
        d0 = gelu_tanh_prime_fd(0.0)
        return (close(d0, 0.5) and abs(gelu_tanh_prime_fd(8.0) - 1) < 1e-6
                and abs(gelu_tanh_prime_fd(-8.0)) < 1e-6
                and gelu_tanh_prime_fd(-0.8) < 0 < gelu_tanh_prime_fd(-0.7))

    out += [
        (r"\operatorname{GELU}(x) \approx \tfrac12\, x\left(1+\tanh u\right), \qquad u", approx_close_to_exact),
        (r"\frac{d}{dx}\operatorname{GELU}(x) \approx", product_rule),
        (r"\frac{du}{dx} = \sqrt{2/\pi}", du_dx),
        (r"$$\operatorname{GELU}'(x) \approx", final_formula),
        (r"so $u = 0.7979", numbers_u),
        (r"\operatorname{GELU}'(1) \approx", numbers_final),
        (r"The limits also behave", limits),
    ]
    return out


# ----------------------------------------------------------------------------
# 02 batch norm backward
# ----------------------------------------------------------------------------
def f02():
    m = 6
    x = RNG.normal(size=m) * 1.7 + 0.4
    g = RNG.normal(size=m)
    gamma, beta, eps = 1.3, -0.2, 1e-3
    mu = x.mean()
    var = ((x - mu) ** 2).mean()
    s = math.sqrt(var + eps)
    xh = (x - mu) / s
    gh = gamma * g

    def L_of_x(xx):
        mu_ = xx.mean()
        v_ = ((xx - mu_) ** 2).mean()
        return float(np.sum(g * (gamma * (xx - mu_) / np.sqrt(v_ + eps) + beta)))

    dx_true = fd_grad(L_of_x, x)
    dvar_fd = fd_grad(lambda a: float(np.sum(g * (gamma * (x - mu) / np.sqrt(a[0] + eps) + beta))),
                      np.array([var]))[0]
    dmu_fd = fd_grad(lambda a: float(np.sum(g * gamma * (x - a[0]) /
                                            np.sqrt(((x - a[0]) ** 2).mean() + eps))),
                     np.array([mu]))[0]
    dvar = -1 / (2 * s ** 2) * np.sum(gh * xh)
    dmu = -1 / s * np.sum(gh)

    def line_dvar(line):
        a = np.sum(gh * (x - mu) * (-0.5) * s ** -3)
        return close(a, dvar_fd) and close(dvar, dvar_fd)

    def line_dmu(line):
        a = -1 / s * np.sum(gh) + dvar * (-2 / m) * np.sum(x - mu)
        return close(a, dmu_fd) and close(dmu, dmu_fd)

    def line_dx1(line):  # as written: dvar * (x_i - mu)/m
        stated = gh / s + dvar * (x - mu) / m + dmu / m
        return close(stated, dx_true)

    def line_dx2(line):
        stated = gh / s - xh / (2 * m * s) * np.sum(gh * xh) - np.sum(gh) / (m * s)
        return close(stated, dx_true)

    def line_vec(line):
        one = np.ones(m)
        stated = gamma / (m * s) * (m * g - one * (one @ g) - 0.5 * xh * (xh @ g))
        return close(stated, dx_true)

    def line_sanity(line):
        return abs(np.sum(dx_true)) < 1e-6 and abs(np.sum(xh)) < 1e-9

    return [
        (r"\frac{\partial L}{\partial \sigma^2} &= \sum_{i}", line_dvar),
        (r"\frac{\partial L}{\partial \mu} &= -\frac{1}{s}", line_dmu),
        (r"\frac{\partial L}{\partial x_i} &= \frac{\hat g_i}{s} +", line_dx1),
        (r"&= \frac{\hat g_i}{s} - \frac{\hat x_i}{2ms}", line_dx2),
        (r"$$\frac{\partial L}{\partial x} = \frac{\gamma}{m s}", line_vec),
        (r"Sanity check: $\mathbf 1^\top \hat x = 0$", line_sanity),
    ]


# ----------------------------------------------------------------------------
# 03 attention
# ----------------------------------------------------------------------------
def softmax_rows(S):
    e = np.exp(S - S.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def f03():
    n, d, dv = 4, 3, 2
    Q = RNG.normal(size=(n, d))
    K = RNG.normal(size=(n, d))
    V = RNG.normal(size=(n, dv))
    Ob = RNG.normal(size=(n, dv))
    S = Q @ K.T / math.sqrt(d)
    P = softmax_rows(S)
    O = P @ V

    def L_QKV(Q_, K_, V_):
        return float(np.sum(Ob * (softmax_rows(Q_ @ K_.T / math.sqrt(d)) @ V_)))

    dV_fd = fd_grad(lambda a: L_QKV(Q, K, a), V)
    dP_fd = fd_grad(lambda a: float(np.sum(Ob * (a @ V))), P)
    dS_fd = fd_grad(lambda a: float(np.sum(Ob * (softmax_rows(a) @ V))), S)
    dQ_fd = fd_grad(lambda a: L_QKV(a, K, V), Q)
    dK_fd = fd_grad(lambda a: L_QKV(Q, a, V), K)
    Pb = Ob @ V.T
    delta = np.eye(n)

    def l_dV(line):
        elem = np.einsum("ik,ij->jk", Ob, P)
        return close(elem, dV_fd) and close(P.T @ Ob, dV_fd)

    def l_dP(line):
        return close(Ob @ V.T, dP_fd)

    def l_dS1(line):
        val = np.einsum("ij,ij,ijl->il", Pb, P, delta[None, :, :] - P[:, None, :])
        return close(val, dS_fd)

    def l_dS2(line):
        val = P * Pb - P * np.sum(Pb * P, axis=1, keepdims=True)
        return close(val, dS_fd)

    def l_dS3(line):
        val = P * (Pb - np.sum(Pb * P, axis=1, keepdims=True))
        return close(val, dS_fd)

    def l_D(line):
        return close(np.sum(Pb * P, axis=1), np.sum(Ob * O, axis=1))

    def l_mat(line):
        D = np.sum(Ob * O, axis=1)
        return close(P * (Ob @ V.T - np.outer(D, np.ones(n))), dS_fd)

    def l_QK(line):
        return close(dS_fd @ K / math.sqrt(d), dQ_fd) and close(dS_fd.T @ Q / math.sqrt(d), dK_fd)

    def l_rows(line):
        return bool(np.all(np.abs(dS_fd.sum(axis=1)) < 1e-6))

    return [
        (r"\Longrightarrow\quad \frac{\partial L}{\partial V} = P^\top \bar O", l_dV),
        (r"$$\bar P := \frac{\partial L}{\partial P} = \bar O\, V^\top", l_dP),
        (r"\frac{\partial L}{\partial S_{il}} &= \sum_j \bar P_{ij}\,P_{ij}\,(\delta_{jl}-P_{il})", l_dS1),
        (r"&= P_{il}\,\bar P_{il} - P_{il}\sum_j", l_dS2),
        (r"&= P_{il}\Big(\bar P_{il} - \sum_j", l_dS3),
        (r"The row sum simplifies", l_D),
        (r"$$\frac{\partial L}{\partial S} = P\odot\big(\bar O V^\top - D\,\mathbf 1^\top\big).$$", l_mat),
        (r"$$\frac{\partial L}{\partial Q} = \frac{1}{\sqrt d}", l_QK),
        (r"Check: every row of $\partial L/\partial S$ sums to zero", l_rows),
    ]


# ----------------------------------------------------------------------------
# 04 Adam, two steps
# ----------------------------------------------------------------------------
def f04():
    a, b1, b2, eps = 0.01, 0.9, 0.999, 1e-8
    th0 = np.array([1.0, -2.0])
    g1 = np.array([0.4, -1.2])
    g2 = np.array([0.3, -0.8])
    m1 = (1 - b1) * g1
    v1 = (1 - b2) * g1 ** 2
    mh1 = m1 / (1 - b1)
    vh1 = v1 / (1 - b2)
    th1 = th0 - a * mh1 / (np.sqrt(vh1) + eps)
    m2 = b1 * m1 + (1 - b1) * g2
    v2 = b2 * v1 + (1 - b2) * g2 ** 2
    mh2 = m2 / (1 - b1 ** 2)
    vh2 = v2 / (1 - b2 ** 2)
    ratio = mh2 / (np.sqrt(vh2) + eps)
    th2 = th1 - a * ratio

    def l_step1_mv(line):
        return claim_numbers(line, [("0.04", m1[0]), ("-0.12", m1[1]),
                                    ("0.00016", v1[0]), ("0.00144", v1[1])])

    def l_hat1(line):
        return claim_numbers(line, [("0.4", mh1[0]), ("-1.2", mh1[1]),
                                    ("0.16", vh1[0]), ("1.44", vh1[1])])

    def l_ratio1(line):
        r = mh1 / np.sqrt(vh1)
        return close(r, [1, -1])

    def l_th1(line):
        return claim_numbers(line, [("0.99", th1[0]), ("-1.99", th1[1])])

    def l_m2(line):
        return claim_numbers(line, [("0.066", m2[0]), ("-0.188", m2[1])])

    def l_v2(line):
        return claim_numbers(line, [("0.00024984", v2[0]), ("0.00207856", v2[1])])

    def l_mh2(line):
        return claim_numbers(line, [("0.19", 1 - b1 ** 2), ("0.3474", mh2[0]), ("-0.9895", mh2[1])])

    def l_vh2(line):
        return claim_numbers(line, [("0.001999", 1 - b2 ** 2), ("0.1250", vh2[0]), ("1.0398", vh2[1])])

    def l_stepline(line):
        return claim_numbers(line, [("0.3535", np.sqrt(vh2[0])), ("1.0197", np.sqrt(vh2[1])),
                                    ("0.9826", ratio[0]), ("-0.9704", ratio[1]),
                                    ("0.00983", a * ratio[0]), ("-0.00970", a * ratio[1])])

    def l_th2(line):
        return claim_numbers(line, [("0.98017", th2[0]), ("-1.98030", th2[1])])

    def l_nobias(line):
        r = m1 / np.sqrt(v1)
        return (claim_numbers(line, [("0.01265", np.sqrt(v1[0])), ("3.16", r[0]), ("-3.16", r[1])])
                and close(r[0], math.sqrt(10)) and "[0.98017, -1.9803]" in line
                and written_ok("0.98017", th2[0]) and written_ok("-1.9803", th2[1]))

    return [
        (r"**Step 1.** $m_1 = 0.1\,g_1", l_step1_mv),
        (r"$$\hat m_1 = \frac{m_1}{0.1}", l_hat1),
        (r"So $\hat m_1/\sqrt{\hat v_1} = (1,\ -1)$", l_ratio1),
        (r"$$\theta_1 = (1.0 - 0.01", l_th1),
        (r"m_2 &= 0.9\,(0.04", l_m2),
        (r"v_2 &= 0.999\,(0.00016", l_v2),
        (r"\hat m_2 &= m_2/(1-0.9^2)", l_mh2),
        (r"\hat v_2 &= v_2/(1-0.999^2)", l_vh2),
        (r"With $\sqrt{\hat v_2} = ", l_stepline),
        (r"$$\theta_2 = (0.99 - 0.00983", l_th2),
        (r"Note how without the bias correction", l_nobias),
    ]


# ----------------------------------------------------------------------------
# 05 BPTT (German)
# ----------------------------------------------------------------------------
def f05():
    nh, nx, ny, T = 3, 2, 2, 3
    W = RNG.normal(size=(nh, nh)) * 0.8
    U = RNG.normal(size=(nh, nx))
    b = RNG.normal(size=nh) * 0.3
    Vm = RNG.normal(size=(ny, nh))
    xs = [None] + [RNG.normal(size=nx) for _ in range(T)]
    ys = [None] + [RNG.normal(size=ny) for _ in range(T)]

    def forward(W_, U_, b_, V_, pert=None, only=None):
        h = np.zeros(nh)
        hs = [h]
        L = 0.0
        for t in range(1, T + 1):
            a = W_ @ h + U_ @ xs[t] + b_
            if pert is not None and pert[0] == t:
                a = a + pert[1]
            h = np.tanh(a)
            hs.append(h)
            yh = V_ @ h
            if only is None or only == t:
                L += 0.5 * np.sum((yh - ys[t]) ** 2)
        return L, hs

    _, hs = forward(W, U, b, Vm)
    es = [None] + [Vm @ hs[t] - ys[t] for t in range(1, T + 1)]
    dA = {t: fd_grad(lambda p, t=t: forward(W, U, b, Vm, pert=(t, p))[0], np.zeros(nh))
          for t in range(1, T + 1)}
    one = np.ones(nh)
    d3 = (one - hs[3] * hs[3]) * (Vm.T @ es[3])
    d2 = (one - hs[2] * hs[2]) * (Vm.T @ es[2] + W.T @ d3)
    d1 = (one - hs[1] * hs[1]) * (Vm.T @ es[1] + W.T @ d2)
    deltas = [None, d1, d2, d3]

    def l_e(line):
        fd = fd_grad(lambda yh: 0.5 * np.sum((yh - ys[2]) ** 2), Vm @ hs[2])
        return close(fd, es[2])

    dW = fd_grad(lambda a: forward(a, U, b, Vm)[0], W)
    dU = fd_grad(lambda a: forward(W, a, b, Vm)[0], U)
    db = fd_grad(lambda a: forward(W, U, a, Vm)[0], b)
    dV = fd_grad(lambda a: forward(W, U, b, a)[0], Vm)

    def l_dW(line):
        s1 = sum(np.outer(deltas[t], hs[t - 1]) for t in range(1, T + 1))
        s2 = np.outer(d2, hs[1]) + np.outer(d3, hs[2])
        return close(s1, dW) and close(s2, dW)

    def l_rest(line):
        gU = sum(np.outer(deltas[t], xs[t]) for t in range(1, T + 1))
        gb = sum(deltas[t] for t in range(1, T + 1))
        gV = sum(np.outer(es[t], hs[t]) for t in range(1, T + 1))
        return close(gU, dU) and close(gb, db) and close(gV, dV)

    def l_L3a1(line):
        fd = fd_grad(lambda p: forward(W, U, b, Vm, pert=(1, p), only=3)[0], np.zeros(nh))
        D = lambda h: np.diag(one - h ** 2)
        val = D(hs[1]) @ W.T @ D(hs[2]) @ W.T @ D(hs[3]) @ Vm.T @ es[3]
        return close(val, fd)

    return [
        (r"ist einfach $e_t = \hat y_t - y_t$", l_e),
        (r"\delta_3 &= (\mathbf 1 - h_3\odot h_3)", lambda l: close(d3, dA[3])),
        (r"\delta_2 &= (\mathbf 1 - h_2\odot h_2)", lambda l: close(d2, dA[2])),
        (r"\delta_1 &= (\mathbf 1 - h_1\odot h_1)", lambda l: close(d1, dA[1])),
        (r"$$\frac{\partial L}{\partial W} = \sum_{t=1}^{3}", l_dW),
        (r"$$\frac{\partial L}{\partial U} = \sum_{t=1}^{3}", l_rest),
        (r"$$\frac{\partial L_3}{\partial a_1} =", l_L3a1),
    ]


# ----------------------------------------------------------------------------
# 06 label smoothing (Spanish)
# ----------------------------------------------------------------------------
def f06():
    K, eps, y = 5, 0.15, 2
    z = RNG.normal(size=K)
    q = (1 - eps) * (np.arange(K) == y) + eps / K

    def lse(v):
        return math.log(np.sum(np.exp(v)))

    def L(v):
        p = np.exp(v - lse(v))
        return float(-np.sum(q * np.log(p)))

    def l_rw1(line):
        return close(-np.sum(q * z) + np.sum(q) * lse(z), L(z))

    def l_rw2(line):
        return close(-np.sum(q * z) + lse(z), L(z)) and close(np.sum(q), 1.0)

    def l_grad(line):
        p = np.exp(z - lse(z))
        return close(p - q, fd_grad(L, z))

    # worked example
    z3 = np.array([2.0, 1.0, 0.0])
    p3 = np.exp(z3) / np.exp(z3).sum()
    q3 = np.array([0.9 + 0.1 / 3, 0.1 / 3, 0.1 / 3])
    g3 = p3 - q3

    def l_p(line):
        return claim_numbers(line, [("7.389", math.e ** 2), ("2.718", math.e), ("11.107", np.exp(z3).sum()),
                                    ("0.665", p3[0]), ("0.245", p3[1]), ("0.090", p3[2])])

    def l_q(line):
        return claim_numbers(line, [("0.933", q3[0]), ("0.033", q3[1])])

    def l_g(line):
        fd = fd_grad(lambda v: float(-np.sum(q3 * (v - math.log(np.sum(np.exp(v)))))), z3)
        return close(fd, g3) and claim_numbers(line, [("-0.268", g3[0]), ("0.211", g3[1]), ("0.057", g3[2])])

    def l_fixed(line):
        gap = math.log((1 - 0.1 + 0.1 / 3) / (0.1 / 3))
        zz = np.array([gap, 0.0, 0.0])
        pp = np.exp(zz) / np.exp(zz).sum()
        return (close(gap, math.log(28)) and written_ok("3.33", gap) and close(pp, q3)
                and abs(np.sum(g3)) < 1e-12)

    return [
        (r"L &= -\sum_k q_k z_k + \Big(\sum_k q_k\Big)", l_rw1),
        (r"&= -\sum_k q_k z_k + \log\sum_j e^{z_j},", l_rw2),
        (r"$$\frac{\partial L}{\partial z_i} = -q_i +", l_grad),
        (r"- $p = \operatorname{softmax}(z) = (7.389", l_p),
        (r"- $q = (0.9 + 0.033", l_q),
        (r"$$\nabla_z L = p - q \approx", l_g),
        (r"Las componentes suman cero", l_fixed),
    ]


# ----------------------------------------------------------------------------
# 07 Huber loss
# ----------------------------------------------------------------------------
def huber(r, d):
    r = np.asarray(r, dtype=float)
    return np.where(np.abs(r) <= d, 0.5 * r ** 2, d * (np.abs(r) - 0.5 * d))


def f07():
    d = 1.3
    rs = np.array([-3.1, -1.0, -0.4, 0.2, 0.9, 2.2, 4.0])

    def l_a(line):
        fd = np.array([fd_grad(lambda a: float(huber(a[0], d)), np.array([r]))[0] for r in rs])
        stated = np.where(np.abs(rs) <= d, rs, d * np.sign(rs))
        return close(stated, fd) and close(np.clip(rs, -d, d), fd)

    def l_b(line):  # as written: d l / d yhat = clip(y - yhat, -d, d)
        y = 0.7
        yhats = y - rs
        fd = np.array([fd_grad(lambda a: float(huber(y - a[0], d)), np.array([yh]))[0] for yh in yhats])
        return close(np.clip(y - yhats, -d, d), fd)

    y = np.array([2.0, 0.5, -1.0])
    yh = np.array([1.5, 3.0, -1.2])
    r = y - yh

    def Lmean(a):
        return float(np.mean(huber(y - a, 1.0)))

    grad_true = fd_grad(Lmean, yh)

    def l_res(line):
        return claim_numbers(line, [("0.5", r[0]), ("-2.5", r[1]), ("0.2", r[2])])

    def l_der(line):
        return close(np.clip(r, -1, 1), [0.5, -1, 0.2])

    def l_grad(line):
        return close(numbers_after_last_eq(line), grad_true, rtol=0, atol=6e-4)

    def l_loss(line):
        return claim_numbers(line, [("0.125", float(huber(r[0], 1))), ("2.0", float(huber(r[1], 1))),
                                    ("0.02", float(huber(r[2], 1))), ("0.715", Lmean(yh))])

    def l_note(line):
        return written_ok("0.333", abs(grad_true[1])) and written_ok("0.833", 2.5 / 3)

    return [
        (r"$$\ell_\delta'(r) = \begin{cases} r, & |r|\le\delta", l_a),
        (r"\frac{\partial r}{\partial \hat y} = \operatorname{clip}", l_b),
        (r"- residuals: $r = (0.5", l_res),
        (r"- per-point derivatives:", l_der),
        (r"$$\nabla_{\hat y} L = \tfrac13", l_grad),
        (r"Loss value (1 mark)", l_loss),
        (r"*Marker's note:*", l_note),
    ]


# ----------------------------------------------------------------------------
# 08 average pooling (Chinese)
# ----------------------------------------------------------------------------
def f08():
    X = np.array([[1, 3, 2, 0], [5, 7, 4, 6], [8, 2, 1, 1], [0, 6, 3, 7]], dtype=float)
    G = np.array([[0.4, -0.8], [1.2, 2.0]])

    def pool(A):
        Y = np.zeros((2, 2))
        for i in range(2):
            for j in range(2):
                Y[i, j] = A[2 * i:2 * i + 2, 2 * j:2 * j + 2].mean()
        return Y

    Y = pool(X)
    dX = fd_grad(lambda A: float(np.sum(G * pool(A))), X)

    def l_tl(line):
        return close(X[:2, :2].sum(), 16) and close(Y[0, 0], 4)

    def l_Y(line):
        return close(Y, [[4, 3], [4, 3]])

    def l_local(line):
        J = fd_grad(lambda A: pool(A)[1, 0], X)
        return close(J[2:4, 0:2], 0.25 * np.ones((2, 2))) and close(J.sum(), 1.0)

    def l_rule(line):
        val = np.array([[0.25 * G[k // 2, l // 2] for l in range(4)] for k in range(4)])
        return close(val, dX)

    def l_dX(line):
        stated = np.array([[0.1, 0.1, -0.2, -0.2], [0.1, 0.1, -0.2, -0.2],
                           [0.3, 0.3, 0.5, 0.5], [0.3, 0.3, 0.5, 0.5]])
        return close(stated, dX)

    def l_kron(line):
        return (close(0.25 * np.kron(G, np.ones((2, 2))), dX) and close(dX.sum(), 2.8)
                and close(G.sum(), 2.8))

    return [
        (r"左上角的窗口是", l_tl),
        (r"$$Y = \begin{pmatrix} (1+3+5+7)/4", l_Y),
        (r"$$\frac{\partial Y_{ij}}{\partial X_{2i+p,\;2j+q}} = \frac14", l_local),
        (r"$$\frac{\partial L}{\partial X_{kl}} = \frac14", l_rule),
        (r"$$\frac{\partial L}{\partial X} = \begin{pmatrix} 0.1", l_dX),
        (r"用 Kronecker 积可以简写为", l_kron),
    ]


# ----------------------------------------------------------------------------
# 09 embedding gradient
# ----------------------------------------------------------------------------
def f09():
    Vv, d = 6, 2
    w = [3, 1, 3, 5]
    G = np.array([[0.2, -0.5], [-0.1, 0.4], [0.6, 0.3], [-0.3, -0.2]])
    E = RNG.normal(size=(Vv, d))
    E[3] = [1.0, 0.0]
    dE = fd_grad(lambda A: float(np.sum(G * A[w])), E)
    O = np.zeros((4, Vv))
    O[np.arange(4), w] = 1

    def l_formula(line):
        rows = np.array([sum((G[t] for t in range(4) if w[t] == v), np.zeros(d)) for v in range(Vv)])
        return close(O.T @ G, dE) and close(rows, dE)

    def l_E3(line):
        return close(numbers_after_last_eq(line), dE[3])

    def l_E15(line):
        return close(dE[1], [-0.1, 0.4]) and close(dE[5], [-0.3, -0.2])

    def l_zero(line):
        return close(dE[[0, 2, 4]], 0)

    def l_sgd(line):
        return close(numbers_after_last_eq(line), E[3] - 0.5 * dE[3])

    def l_code(line):
        a = np.zeros((Vv, d))
        np.add.at(a, w, G)
        b = np.zeros((Vv, d))
        b[w] += G
        return close(a, dE) and not close(b, dE)

    return [
        (r"$$\frac{\partial L}{\partial E} = O^\top", l_formula),
        (r"\frac{\partial L}{\partial E_3} &= (0.2", l_E3),
        (r"\frac{\partial L}{\partial E_1} &= (-0.1", l_E15),
        (r"and rows $0, 2, 4$", l_zero),
        (r"$$E_3 \leftarrow E_3 - \eta", l_sgd),
        (r"In NumPy this is", l_code),
    ]


# ----------------------------------------------------------------------------
# 10 logistic regression gradient / Hessian
# ----------------------------------------------------------------------------
def f10():
    m, n = 7, 3
    X = RNG.normal(size=(m, n))
    y = (RNG.random(m) < 0.5).astype(float)
    w = RNG.normal(size=n) * 0.5
    sig = lambda a: 1 / (1 + np.exp(-a))

    def J(w_):
        p_ = sig(X @ w_)
        return float(-np.mean(y * np.log(p_) + (1 - y) * np.log(1 - p_)))

    def gradJ(w_):
        return X.T @ (sig(X @ w_) - y) / m

    p = sig(X @ w)
    g_fd = fd_grad(J, w)
    H_fd = np.array([fd_grad(lambda a, i=i: float(gradJ(a)[i]), w) for i in range(n)])
    S = np.diag(p * (1 - p))

    def l_sigma_prime(line):
        a = np.linspace(-3, 3, 7)
        fd = np.array([fd_grad(lambda t: float(sig(t[0])), np.array([v]))[0] for v in a])
        dp = fd_grad(lambda w_: float(sig(X[0] @ w_)), w)
        return close(fd, sig(a) * (1 - sig(a))) and close(dp, p[0] * (1 - p[0]) * X[0])

    def l_g1(line):
        v = -np.mean(((y / p - (1 - y) / (1 - p)) * p * (1 - p))[:, None] * X, axis=0)
        return close(v, g_fd)

    def l_g2(line):
        v = -np.mean((y * (1 - p) - (1 - y) * p)[:, None] * X, axis=0)
        return close(v, g_fd)

    def l_g3(line):
        return close(np.mean((p - y)[:, None] * X, axis=0), g_fd)

    def l_421(line):
        return close(X.T @ (p - y) / m, g_fd)

    def l_422(line):  # as written: (1/m) sum ... = (1/m) X S X^T
        s = sum(p[i] * (1 - p[i]) * np.outer(X[i], X[i]) for i in range(m)) / m
        if not close(s, H_fd):
            return False
        try:
            stated = X @ S @ X.T / m
        except ValueError:  # the product is not even conformable
            return False
        return close(stated, H_fd)

    def l_psd(line):
        ev = np.linalg.eigvalsh((H_fd + H_fd.T) / 2)
        return bool(np.all(ev > -1e-8)) and bool(np.all((p * (1 - p) > 0) & (p * (1 - p) <= 0.25)))

    return [
        (r"Recall that $\sigma'(a) = \sigma(a)", l_sigma_prime),
        (r"\nabla_w J &= -\frac1m\sum_{i=1}^m\Big[\frac{y_i}{p_i}", l_g1),
        (r"&= -\frac1m\sum_{i=1}^m\big[y_i(1-p_i)", l_g2),
        (r"&= \frac1m\sum_{i=1}^m (p_i - y_i)\,x_i .", l_g3),
        (r"\tag{4.21}", l_421),
        (r"\tag{4.22}", l_422),
        (r"where $S = \operatorname{diag}", l_psd),
    ]


# ----------------------------------------------------------------------------
# 11 conv output sizes and parameter counts
# ----------------------------------------------------------------------------
def positions(W_in, F, P, S):
    """Count valid window positions by brute force on the padded input."""
    Wp = W_in + 2 * P
    return len([s for s in range(0, Wp) if s % S == 0 and s + F <= Wp])


def f11():
    c1 = positions(32, 5, 2, 1)
    p1 = positions(c1, 2, 0, 2)
    c2 = positions(p1, 3, 1, 2)
    c3 = positions(c2, 3, 0, 1)

    def nparams(F, cin, cout):
        return int(np.zeros((cout, cin, F, F)).size + np.zeros(cout).size)

    pc1 = nparams(5, 3, 16)
    pc2 = nparams(3, 16, 32)
    pc3 = nparams(3, 32, 64)
    pfc = int(np.zeros((10, 64 * c3 * c3)).size + 10)
    total = pc1 + pc2 + pc3 + pfc

    def lastint(line, k):
        return [int(t) for t in re.findall(r"\d+", line)][-k:]

    return [
        (r"- conv1: $(32 - 5 + 4)/1 + 1 = 32$", lambda l: c1 == 32 and "16\\times32\\times32" in l),
        (r"- pool1: $(32 - 2)/2 + 1 = 16$", lambda l: p1 == 16 and "16\\times16\\times16" in l),
        (r"- conv2: $\lfloor(16 - 3 + 2)/2\rfloor + 1 = 7 + 1 = 8$", lambda l: c2 == 8 and "32\\times8\\times8" in l),
        (r"- conv3: $(8 - 3)/1 + 1 = 6$", lambda l: c3 == 6 and "64\\times6\\times6" in l),
        (r"\text{conv1}&: (5\cdot5\cdot3 + 1)", lambda l: lastint(l, 1) == [pc1] and 76 * 16 == pc1),
        (r"\text{conv2}&: (3\cdot3\cdot16 + 1)", lambda l: lastint(l, 1) == [pc2] and 145 * 32 == pc2),
        (r"\text{conv3}&: (3\cdot3\cdot32 + 1)", lambda l: lastint(l, 1) == [pc3] and 289 * 64 == pc3),
        (r"\text{fc}&: (64\cdot6\cdot6 + 1)", lambda l: lastint(l, 1) == [pfc] and 2305 * 10 == pfc),
        (r"Pooling has no parameters, so the total is", lambda l: "= %d$" % total in l and total == 47402
         and (16 - 3 + 2) / 2 + 1 == 8.5),
    ]


# ----------------------------------------------------------------------------
# 12 weight decay vs L2 for plain SGD
# ----------------------------------------------------------------------------
def f12():
    n = 4
    w = RNG.normal(size=n)
    A = RNG.normal(size=(n, n))
    A = A @ A.T
    L = lambda v: float(0.5 * v @ A @ v + np.sum(np.sin(v)))
    gradL = lambda v: A @ v + np.cos(v)
    lam, eta = 0.37, 0.05

    def l_grad(line):  # as written: grad of L + lam ||w||^2 is grad L + lam w
        fd = fd_grad(lambda v: L(v) + lam * float(v @ v), w)
        return close(gradL(w) + lam * w, fd)

    def l_step(line):
        return close(w - eta * (gradL(w) + lam * w), (1 - eta * lam) * w - eta * gradL(w))

    def true_l2_step(v, g, lam_, eta_):
        gtilde = fd_grad(lambda u: lam_ * float(u @ u), v) + g
        return v - eta_ * gtilde

    def l_match(line):  # claim: the two updates coincide iff beta = eta*lam
        beta = eta * lam
        wd = (1 - beta) * w - eta * gradL(w)
        return close(wd, true_l2_step(w, gradL(w), lam, eta))

    def l_example(line):
        beta, eta_ = 1e-4, 0.01
        lam_ = 1e-4 / 0.01
        wt, g = np.array([2.0]), np.array([0.5])
        wd = (1 - beta) * wt - eta_ * g
        l2 = true_l2_step(wt, g, lam_, eta_)
        return written_ok("1.9948", wd[0]) and written_ok("1.9948", l2[0])

    return [
        (r"$$\nabla \tilde L(w) = \nabla L(w) + \lambda\, w ,$$", l_grad),
        (r"&= (1-\eta\lambda)\,w_t - \eta\,\nabla L(w_t).", l_step),
        (r"they coincide exactly when $\beta = \eta\lambda$", l_match),
        (r"$$w_{t+1} = (1 - 10^{-4})\cdot 2.0", l_example),
    ]


# ----------------------------------------------------------------------------
FILES = {
    "01_gelu_derivative_forum.md": f01,
    "02_batchnorm_backward_lecture.md": f02,
    "03_attention_gradients_homework.md": f03,
    "04_adam_two_steps_notebook.md": f04,
    "05_bptt_rnn_vorlesung.md": f05,
    "06_label_smoothing_tarea.md": f06,
    "07_huber_loss_exam_key.md": f07,
    "08_average_pooling_notes_zh.md": f08,
    "09_embedding_gradient_homework.md": f09,
    "10_logistic_regression_hessian_textbook.md": f10,
    "11_conv_output_size_exam_key.md": f11,
    "12_weight_decay_vs_l2_forum.md": f12,
}


def main():
    with open(os.path.join(HERE, "expected.json"), encoding="utf-8") as fh:
        expected = json.load(fh)
    md_files = sorted(f for f in os.listdir(HERE) if f.endswith(".md"))
    bad = 0
    if sorted(FILES) != md_files or sorted(expected) != md_files:
        print("file sets differ: md=%s expected=%s checks=%s" % (md_files, sorted(expected), sorted(FILES)))
        bad += 1
    for fname in sorted(FILES):
        try:
            lines = read_lines(fname)
            checks = [(locate(lines, needle), fn) for needle, fn in FILES[fname]()]
            checks.sort(key=lambda t: t[0])
            first_wrong = None
            for ln, fn in checks:
                if not fn(lines[ln - 1]):
                    first_wrong = ln
                    break
            verdict = "correct" if first_wrong is None else "wrong at line %d" % first_wrong
        except SetupError as exc:
            first_wrong = "setup-error"
            verdict = "SETUP ERROR: %s" % exc
        status = "OK" if first_wrong == expected.get(fname, "missing") else "MISMATCH"
        if status != "OK":
            bad += 1
        print("%-45s %-20s %s" % (fname, verdict, status))
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
