#!/usr/bin/env python3
"""Independent truth check for corpus40 (NumPy only).

For every Markdown file we list (substring, predicate) pairs.  Each substring
must identify exactly one line; the predicate checks the mathematics of that
line as it really is (finite differences at random points for derivatives and
identities, recomputation of worked numbers at the shown precision, shape and
size rules).  Lines that only state data or definitions get GIVEN.

Every line that contains math ('$') and every numeric table row must be
covered by some entry.  The first line whose predicate is False is the file's
first false line; it is compared with expected.json.
"""
import json
import math
import os
import re
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
RNG = np.random.default_rng(20240601)


# ----------------------------------------------------------------- helpers
def GIVEN():
    return True


def sig(x):
    return 1.0 / (1.0 + np.exp(-np.asarray(x, float)))


def softmax(z):
    z = np.asarray(z, float)
    e = np.exp(z - z.max())
    return e / e.sum()


def shown(true, value, dec):
    """true value agrees with the displayed value rounded to `dec` decimals."""
    t = np.asarray(true, float)
    v = np.asarray(value, float)
    if t.shape != v.shape:
        return False
    return bool(np.all(np.abs(t - v) <= 0.5 * 10.0 ** (-dec) + 1e-9))


def close(a, b, rtol=1e-5, atol=1e-7):
    a = np.asarray(a, float)
    b = np.asarray(b, float)
    return a.shape == b.shape and bool(np.allclose(a, b, rtol=rtol, atol=atol))


def fd(f, x, h=1e-6):
    """central-difference gradient of scalar f at array x"""
    x = np.array(x, float)
    g = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        e = np.zeros_like(x)
        e[idx] = h
        g[idx] = (f(x + e) - f(x - e)) / (2 * h)
    return g


def fd_jac(f, x, h=1e-6):
    """J[i, j] = d f_i / d x_j"""
    x = np.array(x, float)
    cols = []
    for j in range(x.size):
        e = np.zeros_like(x)
        e.flat[j] = h
        cols.append((np.asarray(f(x + e), float) - np.asarray(f(x - e), float)).ravel() / (2 * h))
    return np.stack(cols, axis=1)


def d1(f, t, h=1e-6):
    return (f(t + h) - f(t - h)) / (2 * h)


def trials(pred, n=6):
    return all(pred() for _ in range(n))


# ----------------------------------------------------------------- 01
def f01():
    z = np.array([2.0, 1.0, 0.0])
    K, eps = 3, 0.1
    y = np.array([1.0, 0.0, 0.0])
    q = (1 - eps) * y + eps / K
    p = softmax(z)
    L = -(q * np.log(p)).sum()
    grad = fd(lambda v: -(q * np.log(softmax(v))).sum(), z)

    def ls_check():
        k = int(RNG.integers(3, 7))
        zz = RNG.normal(size=k)
        e = RNG.uniform(0, 0.5)
        qq = (1 - e) * np.eye(k)[RNG.integers(k)] + e / k
        g = fd(lambda v: -(qq * np.log(softmax(v))).sum(), zz)
        return close(g, softmax(zz) - qq)

    def logp_jac():
        zz = RNG.normal(size=4)
        pp = softmax(zz)
        return close(fd_jac(lambda v: np.log(softmax(v)), zz), np.eye(4) - pp[None, :])

    def general_q():  # holds for any weights q
        zz = RNG.normal(size=4)
        qq = RNG.uniform(0.1, 1.0, size=4)
        pp = softmax(zz)
        g = fd(lambda v: -(qq * np.log(softmax(v))).sum(), zz)
        form1 = np.array([-(qq * ((np.arange(4) == j) - pp[j])).sum() for j in range(4)])
        form2 = -qq + pp * qq.sum()
        return close(g, form1) and close(g, form2)

    def sum_q():
        for _ in range(6):
            k = int(RNG.integers(2, 9))
            e = RNG.uniform(0, 1)
            qq = (1 - e) * np.eye(k)[RNG.integers(k)] + e / k
            if abs(qq.sum() - 1) > 1e-12 or abs((1 - e) + k * e / k - 1) > 1e-12:
                return False
        return trials(ls_check)

    return [
        (r"Let $z \in \mathbb{R}^K$ be the logits", GIVEN),
        (r"(a) Show that $\partial L/\partial z_j = p_j - q_j$", lambda: trials(ls_check)),
        (r"(b) Evaluate for $K = 3$", GIVEN),
        (r"we get $\dfrac{\partial \log p_k}", lambda: trials(logp_jac)),
        (r"= -q_j + p_j \sum_k q_k.$$", lambda: trials(general_q)),
        (r"Because $\sum_k q_k", sum_q),
        ("Smoothed target:", lambda: shown(q, [0.9333, 0.0333, 0.0333], 4)
            and close(q, [0.9 + 0.1 / 3, 0.1 / 3, 0.1 / 3])),
        ("Exponentials:", lambda: shown(np.exp(z), [7.3891, 2.7183, 1], 4)
            and shown(np.exp(z).sum(), 11.1073, 4)),
        ("Probabilities:", lambda: shown(p, [0.6652, 0.2447, 0.0900], 4)
            and shown(np.exp(z) / 11.1073, [0.6652, 0.2447, 0.0900], 4)),
        ("| $k$ | $q_k$ |", GIVEN),
        ("| 1 | 0.9333 | 0.6652 |", lambda: shown([q[0], p[0], grad[0]], [0.9333, 0.6652, -0.2681], 4)),
        ("| 2 | 0.0333 | 0.2447 |", lambda: shown([q[1], p[1], grad[1]], [0.0333, 0.2447, 0.2114], 4)),
        ("| 3 | 0.0333 | 0.0900 |", lambda: shown([q[2], p[2], grad[2]], [0.0333, 0.0900, 0.0567], 4)),
        ("Loss: $L", lambda: shown(L, 0.5076, 4)),
        (r"\boxed{\nabla_z L", lambda: shown(grad, [-0.2681, 0.2114, 0.0567], 4)),
        ("*Grading note:*", lambda: abs(grad.sum()) < 1e-8 and abs(-0.2681 + 0.2114 + 0.0567) < 1e-12),
    ]


# ----------------------------------------------------------------- 02
def f02():
    z = np.array([0.5, -1.0, 2.0, 0.0])
    y = np.array([1.0, 0.0, 0.0, 1.0])
    s = sig(z)
    per = -(y * np.log(s) + (1 - y) * np.log(1 - s))

    def bce_mean(zz, yy):
        ss = sig(zz)
        return -np.mean(yy * np.log(ss) + (1 - yy) * np.log(1 - ss))

    L = bce_mean(z, y)
    grad = fd(lambda v: bce_mean(v, y), z)

    def sig_facts():
        t = RNG.normal()
        return (close(d1(sig, t), sig(t) * (1 - sig(t)))
                and close(d1(lambda u: np.log(sig(u)), t), 1 - sig(t))
                and close(d1(lambda u: np.log(1 - sig(u)), t), -sig(t)))

    def single():
        t = RNG.normal()
        yy = float(RNG.integers(0, 2)) if RNG.uniform() < 0.5 else RNG.uniform()
        d = d1(lambda u: yy * np.log(sig(u)) + (1 - yy) * np.log(1 - sig(u)), t)
        return close(d, yy * (1 - sig(t)) - (1 - yy) * sig(t)) and close(d, yy - sig(t))

    def mean_grad():
        n = 5
        zz = RNG.normal(size=n)
        yy = RNG.integers(0, 2, size=n).astype(float)
        return close(fd(lambda v: bce_mean(v, yy), zz), sig(zz) - yy)

    def only_nth():
        zz = RNG.normal(size=5)
        yy = RNG.integers(0, 2, size=5).astype(float)
        Jp = fd_jac(lambda v: -(yy * np.log(sig(v)) + (1 - yy) * np.log(1 - sig(v))), zz)
        return close(Jp - np.diag(np.diag(Jp)), np.zeros((5, 5)))

    def row(n, vals):
        return lambda: (shown(s[n], vals[0], 4) and shown(per[n], vals[1], 4)
                        and shown(grad[n], vals[2], 4))

    return [
        ("A binary classifier outputs logits", GIVEN),
        (r"$$L = -\frac{1}{N}\sum_{n=1}^{N}", GIVEN),
        (r"(a) Find $\partial L/\partial z_n$", GIVEN),
        (r"(a) We use $\sigma'(t)", lambda: trials(sig_facts)),
        ("For a single term", lambda: trials(single)),
        ("Only the $n$-th term depends on $z_n$", lambda: trials(only_nth)),
        (r"$$\frac{\partial L}{\partial z_n} = \sigma(z_n) - y_n.$$", lambda: trials(mean_grad)),
        (r"(b) $\sigma(z) \approx", lambda: shown(s, [0.6225, 0.2689, 0.8808, 0.5000], 4)),
        ("| $n$ | $z_n$ |", GIVEN),
        ("| 1 | 0.5 | 1 |", row(0, [0.6225, 0.4741, -0.3775])),
        ("| 2 | −1 | 0 |", row(1, [0.2689, 0.3133, 0.2689])),
        ("| 3 | 2 | 0 |", row(2, [0.8808, 2.1269, 0.8808])),
        ("| 4 | 0 | 1 |", row(3, [0.5000, 0.6931, -0.5000])),
        ("Mean loss:", lambda: shown(L, 0.9019, 4)
            and abs((0.4741 + 0.3133 + 2.1269 + 0.6931) / 4 - 0.9019) < 1e-4),
        (r"\boxed{\nabla_z L", lambda: shown(grad, [-0.3775, 0.2689, 0.8808, -0.5000], 4)),
        ("Grading: 2 pts for (a)", GIVEN),
    ]


# ----------------------------------------------------------------- 03
def f03():
    x0 = np.array([1.0, 2.0])
    y = 1.0
    W10 = np.array([[1.0, -1.0], [0.5, 0.5]])
    b10 = np.array([0.0, 0.5])
    w20 = np.array([1.5, -0.5])
    b20 = 0.25

    def fwd(x=x0, W1=W10, b1=b10, w2=w20, b2=b20):
        a = W1 @ x + b1
        h = np.maximum(a, 0)
        yh = w2 @ h + b2
        return a, h, yh, 0.5 * (yh - y) ** 2

    a, h, yh, L = fwd()
    Lf = lambda **kw: fwd(**kw)[3]
    dW1 = fd(lambda M: Lf(W1=M), W10)
    db1 = fd(lambda v: Lf(b1=v), b10)
    dw2 = fd(lambda v: Lf(w2=v), w20)
    db2 = fd(lambda v: Lf(b2=v[0]), np.array([b20]))[0]
    dx = fd(lambda v: Lf(x=v), x0)
    dyh = d1(lambda t: 0.5 * (t - y) ** 2, yh)
    dh = fd(lambda v: 0.5 * (w20 @ v + b20 - y) ** 2, h)
    da = fd(lambda v: 0.5 * (w20 @ np.maximum(v, 0) + b20 - y) ** 2, a)

    return [
        ("A 3-layer network (input", GIVEN),
        (r"$\mathbf{a} = W_1\mathbf{x} + \mathbf{b}_1$, $\mathbf{h}", GIVEN),
        ("Data: $\\mathbf{x} = (1, 2)^\\top$", GIVEN),
        (r"- $\mathbf{a} = W_1", lambda: close(a, [-1, 2]) and close([1 - 2 + 0, 0.5 + 1 + 0.5], a)),
        (r"- $\mathbf{h} = \operatorname{ReLU}", lambda: close(h, [0, 2])),
        (r"- $\hat y = 1.5", lambda: close(yh, -0.75) and 1.5 * 0 - 0.5 * 2 + 0.25 == -0.75),
        (r"- $L = \tfrac12(-0.75 - 1)^2", lambda: close(L, 1.53125) and 0.5 * (-1.75) ** 2 == 1.53125),
        (r"- $\delta_2 :=", lambda: close(dyh, -1.75) and yh - y == -1.75),
        (r"- $\partial L/\partial \mathbf{w}_2", lambda: close(dw2, [0, -3.5]) and close(db2, -1.75)),
        (r"- $\partial L/\partial \mathbf{h}", lambda: close(dh, [-2.625, 0.875])),
        (r"- $\boldsymbol{\delta}_1 :=", lambda: close(da, [0, 0.875])),
        (r"- $\partial L/\partial W_1", lambda: close(dW1, [[0, 0], [0.875, 1.75]]) and close(db1, [0, 0.875])),
        (r"- $\partial L/\partial \mathbf{x}", lambda: close(dx, [0.4375, 0.4375])),
        ("Shape check:", lambda: dW1.shape == W10.shape == (np.zeros((2, 1)) @ np.zeros((1, 2))).shape == (2, 2)),
        (r"$$\boxed{\frac{\partial L}{\partial W_1}", lambda: close(dW1, [[0, 0], [0.875, 1.75]])
            and close(dw2, [0, -3.5]) and close(db2, -1.75)),
        ("Grading note: the first hidden unit", lambda: a[0] == -1 and np.all(np.abs(dW1[0]) < 1e-9)),
    ]


# ----------------------------------------------------------------- 04
def conv_out(H, P, K, S):
    return (H + 2 * P - K) // S + 1


def brute_positions(H, P, K, S):
    """number of window positions of a size-K window sliding with step S over H+2P cells"""
    n, start = 0, 0
    while start + K <= H + 2 * P:
        n += 1
        start += S
    return n


def f04():
    def formula_ok():
        for H in range(1, 40):
            for P in range(0, 4):
                for K in range(1, 8):
                    for S in range(1, 5):
                        if H + 2 * P >= K and conv_out(H, P, K, S) != brute_positions(H, P, K, S):
                            return False
        return True

    conv_params = lambda k, cin, cout: k * k * cin * cout + cout
    H1 = brute_positions(32, 2, 5, 1)
    Hp = brute_positions(H1, 0, 2, 2)
    H2 = brute_positions(Hp, 1, 3, 2)
    p1 = conv_params(5, 3, 16)
    p2 = conv_params(3, 16, 32)
    flat = H2 * H2 * 32
    p3 = flat * 10 + 10
    total = p1 + p2 + p3

    return [
        ("On considère le réseau suivant", GIVEN),
        ("1. Conv1 : 16 filtres", GIVEN),
        ("2. MaxPool $2\\times 2$, pas 2", GIVEN),
        ("3. Conv2 : 32 filtres", GIVEN),
        ("Rappel : pour une convolution", formula_ok),
        ("- Conv1 : $H_1", lambda: H1 == 32 and (32 + 2 * 2 - 5) / 1 + 1 == 32),
        ("Paramètres : $5\\cdot 5", lambda: p1 == 1216),
        ("- MaxPool : $32/2 = 16$", lambda: Hp == 16),
        ("- Conv2 : $H_2", lambda: H2 == 7),
        ("Paramètres : $3\\cdot 3", lambda: p2 == 4640),
        ("- Aplatissement", lambda: flat == 1568),
        ("- Dense :", lambda: p3 == 15690),
        ("Total : $1\\,216", lambda: total == 21546),
        ("\\boxed{21\\,546", lambda: total == 21546),
    ]


# ----------------------------------------------------------------- 05
def rf_brute(layers):
    """receptive field and jump via explicit index sets (top units 0 and 1)."""
    sets = [{0}, {1}]
    for k, s in reversed(layers):
        sets = [{i * s + t for i in S for t in range(k)} for S in sets]
    s0, s1 = sets
    return max(s0) - min(s0) + 1, min(s1) - min(s0)


def f05():
    layers = [(3, 1), (3, 1), (2, 2), (3, 1), (3, 2), (3, 1)]

    def recursion_ok():
        for _ in range(30):
            n = int(RNG.integers(1, 7))
            ls = [(int(RNG.integers(1, 6)), int(RNG.integers(1, 4))) for _ in range(n)]
            r, j = 1, 1
            for k, s in ls:
                r, j = r + (k - 1) * j, j * s
            if (r, j) != rf_brute(ls):
                return False
        return True

    def row(l, j, r):
        return lambda: rf_brute(layers[:l]) == (r, j)

    return [
        ("A network applies, in this order", GIVEN),
        ("(b) Compare the number of weights", GIVEN),
        ("(a) Start from $r_0 = 1$", recursion_ok),
        ("| layer $\\ell$ |", GIVEN),
        ("| 1 | conv | 3 | 1 |", row(1, 1, 3)),
        ("| 2 | conv | 3 | 1 |", row(2, 1, 5)),
        ("| 3 | pool | 2 | 2 |", row(3, 2, 6)),
        ("| 4 | conv | 3 | 1 |", row(4, 2, 10)),
        ("| 5 | conv | 3 | 2 |", row(5, 4, 14)),
        ("| 6 | conv | 3 | 1 |", row(6, 4, 22)),
        ("\\boxed{r_6 = 22", lambda: rf_brute(layers)[0] == 22),
        ("(b) Three stacked", lambda: rf_brute([(3, 1)] * 3)[0] == 7 == rf_brute([(7, 1)])[0] and 1 + 3 * 2 == 7),
        ("Weights: $3 \\cdot", lambda: 3 * (3 * 3) == 27 and 7 * 7 == 49 and shown(1 - 27 / 49, 0.45, 2)),
        ("For $C = 64$", lambda: 27 * 64 * 64 == 110592 and 49 * 64 * 64 == 200704 and 64 * 64 == 4096),
        ("Grading note: full marks", lambda: 1 + sum(k - 1 for k, _ in layers) == 12 != rf_brute(layers)[0]),
    ]


# ----------------------------------------------------------------- 06
def corr_valid(a, b):
    a = np.asarray(a, float)
    b = np.asarray(b, float)
    return np.array([a[i:i + len(b)] @ b for i in range(len(a) - len(b) + 1)])


def f06():
    x = np.array([1.0, 2, -1, 0, 3])
    w = np.array([2.0, -1, 1])
    g = np.array([1.0, 0, -2])
    dw = fd(lambda v: g @ corr_valid(x, v), w)
    dx = fd(lambda v: g @ corr_valid(v, w), x)

    def rand_case():
        N = int(RNG.integers(5, 10))
        K = int(RNG.integers(2, 5))
        xx, ww, gg = RNG.normal(size=N), RNG.normal(size=K), RNG.normal(size=N - K + 1)
        return xx, ww, gg, N, K

    def weights_ok():
        xx, ww, gg, N, K = rand_case()
        return close(fd(lambda v: gg @ corr_valid(xx, v), ww), corr_valid(xx, gg))

    def inputs_ok():
        xx, ww, gg, N, K = rand_case()
        wp = lambda m: ww[m] if 0 <= m < K else 0.0
        form = np.array([sum(gg[i] * wp(j - i) for i in range(N - K + 1)) for j in range(N)])
        return close(fd(lambda v: gg @ corr_valid(v, ww), xx), form)

    def padded_corr_ok():
        xx, ww, gg, N, K = rand_case()
        return close(fd(lambda v: gg @ corr_valid(v, ww), xx), corr_valid(np.pad(gg, K - 1), ww))

    return [
        ("A 1-D convolution layer as implemented", GIVEN),
        (r"$$y[i] = \sum_{k=0}^{K-1}", GIVEN),
        ("Given the upstream gradient", GIVEN),
        ("Forward (for reference)", lambda: close(corr_valid(x, w), [-1, 5, 1])
            and [2 - 2 - 1, 4 + 1 + 0, -2 - 0 + 3] == [-1, 5, 1]),
        ("Weights: $\\dfrac", lambda: trials(weights_ok)),
        ("Inputs: $\\dfrac", lambda: trials(inputs_ok)),
        ("So $\\partial L/\\partial x = \\tilde g \\star w$", lambda: trials(padded_corr_ok)),
        ("Numbers for $\\partial L/\\partial w$:", GIVEN),
        ("- $k=0$:", lambda: close(dw[0], 3) and 1 * 1 + 0 * 2 + (-2) * (-1) == 3),
        ("- $k=1$:", lambda: close(dw[1], 2) and 1 * 2 + 0 * (-1) + (-2) * 0 == 2),
        ("- $k=2$:", lambda: close(dw[2], -7) and 1 * (-1) + 0 * 0 + (-2) * 3 == -7),
        ("Numbers for $\\partial L/\\partial x$, with", lambda: close(np.pad(g, 2), [0, 0, 1, 0, -2, 0, 0])),
        ("- $j=0$:", lambda: close(dx[0], 1)),
        ("- $j=1$:", lambda: close(dx[1], -1)),
        ("- $j=2$:", lambda: close(dx[2], 0)),
        ("- $j=3$:", lambda: close(dx[3], 2)),
        ("- $j=4$:", lambda: close(dx[4], -4)),
        ("Sanity check:", lambda: close(dx.sum(), -2) and g.sum() * w.sum() == -2),
        (r"\boxed{\frac{\partial L}{\partial w} = [3, 2, -7]", lambda: close(dw, [3, 2, -7])
            and close(dx, [1, -1, 0, 2, -4])),
    ]


# ----------------------------------------------------------------- 07
def maxpool2(X):
    n, m = X.shape
    return X.reshape(n // 2, 2, m // 2, 2).max(axis=(1, 3))


def f07():
    X = np.array([[1, 3, 2, 0], [4, 2, 1, 5], [0, 1, 3, 2], [2, 6, 1, 1]], float)
    G = np.array([[0.5, -1], [2, 0.25]])
    dX = fd(lambda M: (G * maxpool2(M)).sum(), X)

    def window(bi, bj, vals, mx, pos):
        def p():
            B = X[2 * bi:2 * bi + 2, 2 * bj:2 * bj + 2]
            r, c = np.unravel_index(B.argmax(), B.shape)
            return (sorted(B.ravel()) == sorted(vals) and B.max() == mx
                    and (2 * bi + r + 1, 2 * bj + c + 1) == pos and (B == mx).sum() == 1)
        return p

    def routing_ok():
        XX = RNG.normal(size=(4, 4))
        GG = RNG.normal(size=(2, 2))
        g = fd(lambda M: (GG * maxpool2(M)).sum(), XX)
        R = np.zeros_like(XX)
        for bi in range(2):
            for bj in range(2):
                B = XX[2 * bi:2 * bi + 2, 2 * bj:2 * bj + 2]
                r, c = np.unravel_index(B.argmax(), B.shape)
                R[2 * bi + r, 2 * bj + c] = GG[bi, bj]
        return close(g, R)

    shownX = np.array([[0, 0, 0, 0], [0.5, 0, 0, -1], [0, 0, 0.25, 0], [0, 2, 0, 0]])
    return [
        ("**Aufgabe 4 (4 Punkte).**", GIVEN),
        (r"$$X = \begin{pmatrix}", GIVEN),
        ("a) Berechnen Sie die Ausgabe", GIVEN),
        ("**Lösung.** Indizes beginnen bei 1", GIVEN),
        ("- oben links", window(0, 0, [1, 3, 4, 2], 4, (2, 1))),
        ("- oben rechts", window(0, 1, [2, 0, 1, 5], 5, (2, 4))),
        ("- unten links", window(1, 0, [0, 1, 2, 6], 6, (4, 2))),
        ("- unten rechts", window(1, 1, [3, 2, 1, 1], 3, (3, 3))),
        ("Also ist $Y", lambda: close(maxpool2(X), [[4, 5], [6, 3]])),
        ("b) Der Gradient wird nur", lambda: trials(routing_ok)),
        (r"$$\frac{\partial L}{\partial X} = \begin{pmatrix}", lambda: close(dX, shownX)),
        ("Kontrolle:", lambda: close(dX.sum(), 1.75) and close(G.sum(), 1.75) and 0.5 - 1 + 2 + 0.25 == 1.75),
        ("Nur $4$ von $16$", lambda: int((np.abs(dX) > 1e-8).sum()) == 4 and dX.size == 16),
        (r"$$\boxed{Y = ", lambda: close(maxpool2(X), [[4, 5], [6, 3]]) and close(dX, shownX)),
    ]


# ----------------------------------------------------------------- 08
def f08():
    X = np.array([[1.0, 2.0], [2.0, -1.0]])
    Y = np.array([1.0, -1.0])
    w0 = np.array([0.5, -0.5])
    lam, eta = 0.1, 0.5

    def data_loss(w, X=X, Y=Y):
        return np.mean(np.log1p(np.exp(-Y * (X @ w))))

    def L(w, X=X, Y=Y, lam=lam):
        return data_loss(w, X, Y) + lam * w @ w

    m = Y * (X @ w0)
    grad = fd(L, w0)
    w1 = w0 - eta * grad
    inner = ((Y * sig(-m))[:, None] * X).sum(0)
    data = fd(data_loss, w0)

    def margin_facts():
        t = RNG.normal()
        ww = RNG.normal(size=3)
        xx = RNG.normal(size=3)
        yy = RNG.choice([-1.0, 1.0])
        return (close(d1(lambda u: np.log1p(np.exp(-u)), t), -sig(-t))
                and close(-np.exp(-t) / (1 + np.exp(-t)), -sig(-t))
                and close(fd(lambda v: yy * (v @ xx), ww), yy * xx))

    def grad_formula():
        n, d = 4, 3
        XX = RNG.normal(size=(n, d))
        YY = RNG.choice([-1.0, 1.0], size=n)
        ww = RNG.normal(size=d)
        lm = RNG.uniform(0.1, 1.0)
        mm = YY * (XX @ ww)
        form = -np.mean((YY * sig(-mm))[:, None] * XX, axis=0) + lm * ww
        return close(fd(lambda v: L(v, XX, YY, lm), ww), form)

    return [
        ("L2-regularised logistic regression", GIVEN),
        (r"$$L(\mathbf w) = \frac1N", GIVEN),
        (r"(a) Derive $\nabla_{\mathbf w} L$", GIVEN),
        (r"(a) Write $m_n :=", lambda: trials(margin_facts)),
        (r"$$\nabla_{\mathbf w} L = -\frac1N", lambda: trials(grad_formula)),
        ("(b) Margins:", lambda: close(m, [-0.5, -1.5]) and 0.5 - 1 == -0.5 and -(1 + 0.5) == -1.5),
        (r"Then $\sigma(-m_1)", lambda: shown(sig(-m), [0.6225, 0.8176], 4)),
        (r"Loss at $\mathbf w_0$", lambda: shown(np.log1p(np.exp(-m)), [0.9741, 1.7014], 4)
            and close(lam * w0 @ w0, 0.1 * 0.5) and shown(L(w0), 1.3877, 4)),
        ("Data term:", lambda: shown(inner, [-1.0127, 2.0625], 4) and shown(data, [0.5063, -1.0312], 4)
            and close(data, -inner / 2)),
        ("Regulariser gradient:", lambda: close(fd(lambda v: lam * v @ v, w0), [0.05, -0.05])),
        (r"Gradient: $\nabla_{\mathbf w} L(\mathbf w_0)", lambda: shown(grad, [0.5563, -1.0812], 4)),
        (r"Update: $\mathbf w_1", lambda: shown(eta * grad, [0.2782, -0.5406], 4)),
        (r"\boxed{\mathbf w_1", lambda: shown(w1, [0.2218, 0.0406], 4)),
        ("Grading note: 3 pts for (a)", GIVEN),
    ]


# ----------------------------------------------------------------- 09
def f09():
    rho, eta, eps = 0.9, 0.01, 1e-8
    th0 = 1.0
    g1 = 2 * th0
    s1 = (1 - rho) * g1 ** 2
    step1 = eta * g1 / (math.sqrt(s1) + eps)
    th1 = th0 - step1
    g2 = 2 * th1
    s2 = rho * s1 + (1 - rho) * g2 ** 2
    step2 = eta * g2 / (math.sqrt(s2) + eps)
    th2 = th1 - step2

    def first_step_const():
        g = RNG.choice([-1.0, 1.0]) * 10 ** RNG.uniform(-2, 2)  # epsilon negligible
        s = (1 - rho) * g * g
        return close(abs(eta * g / (math.sqrt(s) + eps)), eta / math.sqrt(1 - rho), rtol=1e-4)

    return [
        ("Si minimizzi $f(\\theta) = \\theta^2$", GIVEN),
        (r"$$s_t = \rho\, s_{t-1}", GIVEN),
        (r"con $\rho = 0{,}9$", GIVEN),
        ("Il gradiente è", lambda: all(close(d1(lambda t: t * t, t0), 2 * t0) for t0 in RNG.normal(size=6))),
        ("- $g_1 = 2 \\cdot 1 = 2$", lambda: g1 == 2),
        ("- $s_1 = 0{,}9", lambda: close(s1, 0.4) and shown(math.sqrt(s1), 0.63246, 5)),
        ("- $\\theta_1 = 1 -", lambda: shown(step1, 0.031623, 6) and shown(th1, 0.968377, 6)),
        ("- $g_2 = 2 \\cdot", lambda: shown(g2, 1.936754, 6) and shown(g2 ** 2, 3.751018, 6)),
        ("- $s_2 = 0{,}9", lambda: shown((1 - rho) * g2 ** 2, 0.375102, 6) and shown(s2, 0.735102, 6)),
        ("- $\\sqrt{s_2}", lambda: shown(math.sqrt(s2), 0.857381, 6)),
        ("- $\\theta_2 = ", lambda: shown(step2, 0.022589, 6) and shown(th2, 0.945788, 6)),
        ("\\boxed{\\theta_1", lambda: shown(th1, 0.9684, 4) and shown(th2, 0.9458, 4)),
        ("Osservazione:", lambda: trials(first_step_const) and shown(eta / math.sqrt(1 - rho), 0.0316, 4)),
    ]


# ----------------------------------------------------------------- 10
def f10():
    b1, b2, eta, eps = 0.9, 0.999, 1e-3, 1e-8
    th0 = np.array([1.0, -2.0])
    g1 = np.array([0.2, -0.05])
    g2 = np.array([0.1, 0.1])
    m1 = (1 - b1) * g1
    v1 = (1 - b2) * g1 ** 2
    mh1 = m1 / (1 - b1)
    vh1 = v1 / (1 - b2)
    th1 = th0 - eta * mh1 / (np.sqrt(vh1) + eps)
    m2 = b1 * m1 + (1 - b1) * g2
    v2 = b2 * v1 + (1 - b2) * g2 ** 2
    mh2 = m2 / (1 - b1 ** 2)
    vh2 = v2 / (1 - b2 ** 2)
    step2 = eta * mh2 / (np.sqrt(vh2) + eps)
    th2 = th1 - step2

    def first_update_sign():
        g = RNG.choice([-1.0, 1.0], size=4) * 10 ** RNG.uniform(-2, 1, size=4)  # |g| >> epsilon
        m = (1 - b1) * g
        v = (1 - b2) * g ** 2
        d = -eta * (m / (1 - b1)) / (np.sqrt(v / (1 - b2)) + eps)
        return close(d, -eta * np.sign(g), rtol=1e-4, atol=1e-9)

    ratio = ((m1 / (np.sqrt(v1) + eps)) / (mh1 / (np.sqrt(vh1) + eps)))
    return [
        ("**Exercise 2 (5 points).** Adam", GIVEN),
        (r"$$m_t = \beta_1 m_{t-1}", GIVEN),
        (r"Parameters $\theta_0 = (1.0, -2.0)$", GIVEN),
        ("(a) Show that the first update", lambda: trials(first_update_sign)),
        ("(a) $m_1 = 0.1", lambda: close(m1, [0.02, -0.005]) and close(v1, [4e-5, 2.5e-6])),
        ("Bias correction: $\\hat m_1", lambda: close(mh1, g1) and close(vh1, g1 ** 2)
            and close(mh1 / np.sqrt(vh1), np.sign(g1))),
        ("Hence $\\theta_1", lambda: close(th1, [0.999, -1.999], rtol=0, atol=1e-9)),
        ("(b) $m_2 = 0.9", lambda: close(m2, [0.028, 0.0055])),
        ("$v_2 = 0.999", lambda: close(v2, [4.996e-5, 1.24975e-5])),
        ("$\\hat m_2 = m_2/(1 - 0.9^2)", lambda: close(1 - b1 ** 2, 0.19) and shown(mh2, [0.14737, 0.02895], 5)),
        ("$\\hat v_2 = v_2/(1 - 0.999)", lambda: close(vh2, [0.04996, 0.0124975])
            and shown(np.sqrt(vh2), [0.22352, 0.11179], 5)),
        ("Step: $\\eta", lambda: shown(step2 / 1e-3, [0.6593, 0.2589], 4)),
        ("\\boxed{\\theta_2", lambda: shown(th2, [0.99834, -1.99926], 5)),
        ("Grading note: (a) 2 pts", lambda: shown(ratio, [3.16, 3.16], 2) and shown(0.1 / math.sqrt(0.001), 3.16, 2)),
    ]


# ----------------------------------------------------------------- 11
def f11():
    x = np.array([1.0, 2, 4, 9])
    gamma, beta, eps = 2.0, 0.5, 1e-5
    mu = x.mean()
    var = ((x - mu) ** 2).mean()
    sd = math.sqrt(var + eps)
    xh = (x - mu) / sd
    y = gamma * xh + beta

    def row(i, vals):
        return lambda: close(x[i] - mu, vals[0]) and shown(xh[i], vals[1], 4) and shown(y[i], vals[2], 4)

    return [
        ("**Zadanie 3 (3 pkt).**", GIVEN),
        ("1. Średnia:", lambda: mu == 4 and (1 + 2 + 4 + 9) / 4 == 4),
        ("2. Wariancja", lambda: close((x - mu) ** 2, [9, 4, 0, 25]) and var == 9.5 and 38 / 4 == 9.5),
        ("3. Odchylenie:", lambda: shown(sd, 3.0822, 4)),
        ("4. Normalizacja", GIVEN),
        ("| $i$ | $x_i$ |", GIVEN),
        ("| 1 | 1 | −3 |", row(0, [-3, -0.9733, -1.4467])),
        ("| 2 | 2 | −2 |", row(1, [-2, -0.6489, -0.7978])),
        ("| 3 | 4 | 0 |", row(2, [0, 0, 0.5])),
        ("| 4 | 9 | 5 |", row(3, [5, 1.6222, 3.7444])),
        ("Kontrola:", lambda: abs(xh.sum()) < 1e-12 and close((xh ** 2).mean(), 9.5 / (9.5 + eps))
            and shown((xh ** 2).mean(), 1.0, 4)),
        ("Zatem średnia wyjść", lambda: close(y.mean(), beta) and shown(y.std(), gamma, 4)),
        ("\\boxed{\\mu = 4", lambda: mu == 4 and var == 9.5 and shown(y, [-1.4467, -0.7978, 0.5, 3.7444], 4)),
        ("Punktacja:", GIVEN),
    ]


# ----------------------------------------------------------------- 12
Phi = np.vectorize(lambda t: 0.5 * (1.0 + math.erf(t / math.sqrt(2.0))))


def phi(t):
    return np.exp(-np.asarray(t, float) ** 2 / 2) / math.sqrt(2 * math.pi)


def gelu(t):
    return t * Phi(t)


C = math.sqrt(2 / math.pi)


def u_(t):
    return C * (t + 0.044715 * t ** 3)


def g_tanh(t):
    return 0.5 * t * (1 + np.tanh(u_(t)))


def f12():
    def phi_ok():
        t = RNG.normal() * 2
        return close(d1(Phi, t), phi(t))

    def gelu_ok():
        t = RNG.normal() * 2
        return close(d1(gelu, t), Phi(t) + t * phi(t)) and close(phi(t), math.exp(-t * t / 2) / math.sqrt(2 * math.pi))

    def tanh_ok():
        t = RNG.normal() * 2
        return close(d1(np.tanh, t), 1 - np.tanh(t) ** 2) and close(1 - np.tanh(t) ** 2, 1 / np.cosh(t) ** 2)

    def gprime_ok():
        t = RNG.normal() * 2
        uu = u_(t)
        form = 0.5 * (1 + np.tanh(uu)) + 0.5 * t / np.cosh(uu) ** 2
        return close(d1(g_tanh, t), form)

    u1 = u_(1.0)
    gp1 = d1(g_tanh, 1.0)
    return [
        ("The GELU activation is", GIVEN),
        (r"$$g(x) = \tfrac12 x", GIVEN),
        ("(a) Differentiate the exact GELU", GIVEN),
        (r"(a) By the product rule and $\Phi' = \varphi$", lambda: trials(phi_ok)),
        (r"$$\frac{d}{dx}\operatorname{GELU}(x)", lambda: trials(gelu_ok)),
        ("In particular", lambda: close(d1(gelu, 0.0), 0.5) and close(Phi(0.0), 0.5)),
        (r"(b) Using $\frac{d}{du}\tanh u", lambda: trials(tanh_ok)),
        ("$$g'(x) = ", lambda: trials(gprime_ok)),
        ("(c) Exact:", lambda: shown(Phi(1.0), 0.8413, 4) and shown(phi(1.0), 0.2420, 4)
            and shown(d1(gelu, 1.0), 1.0833, 4)),
        ("Approximation: $u(1)", lambda: shown(C, 0.7979, 4) and close(u1, C * 1.044715) and shown(u1, 0.8336, 4)
            and shown(np.tanh(u1), 0.6824, 4) and shown(1 / np.cosh(u1) ** 2, 0.5344, 4)),
        ("Then $g'(1)", lambda: shown(gp1, 1.1084, 4)),
        (r"\boxed{\operatorname{GELU}'(1)", lambda: shown(d1(gelu, 1.0), 1.0833, 4) and shown(gp1, 1.1084, 4)),
    ]


# ----------------------------------------------------------------- 13
def softplus(t):
    return np.log1p(np.exp(np.asarray(t, float)))


def f13():
    def deriv_ok():
        t = RNG.normal() * 3
        return (close(d1(softplus, t), math.exp(t) / (1 + math.exp(t)))
                and close(math.exp(t) / (1 + math.exp(t)), 1 / (1 + math.exp(-t))) and close(d1(softplus, t), sig(t)))

    def ident_ok():
        t = RNG.normal() * 3
        e = [math.log(1 + math.exp(t)) - math.log(1 + math.exp(-t)),
             math.log((1 + math.exp(t)) / (1 + math.exp(-t))),
             math.log(math.exp(t) * (math.exp(-t) + 1) / (1 + math.exp(-t))),
             math.log(math.exp(t)), t]
        return close(e, [t] * 5)

    def convex_ok():
        t = RNG.normal() * 3
        h = 1e-4
        sec = (softplus(t + h) - 2 * softplus(t) + softplus(t - h)) / h ** 2
        return (close(sec, sig(t) * (1 - sig(t)), rtol=1e-4) and close(d1(sig, t), sig(t) * (1 - sig(t)))
                and sig(t) * (1 - sig(t)) > 0)

    def bounds_ok():
        xs = np.concatenate([np.linspace(-20, 20, 4001), RNG.normal(size=100) * 5])
        sp, mx = softplus(xs), np.maximum(0, xs)
        nz = np.abs(xs) > 1e-9
        return (np.all(sp > mx) and np.all(sp <= mx + math.log(2) + 1e-15)
                and np.all(sp[nz] < mx[nz] + math.log(2)) and close(softplus(0.0), math.log(2)))

    def inverse_ok():
        yv = RNG.uniform(0.01, 10)
        return close(softplus(math.log(math.exp(yv) - 1)), yv)

    return [
        ("**第 3 题（6 分）**", GIVEN),
        ("(1) 求 $", GIVEN),
        ("(2) 证明 $", lambda: all(close(softplus(t) - softplus(-t), t) for t in RNG.normal(size=6) * 3)),
        ("(4) 计算 $x = 2$", GIVEN),
        ("(1) 由链式法则", lambda: trials(deriv_ok)),
        ("(2) $\\ln(1+e^x)", lambda: trials(ident_ok)),
        ("(3) 二阶导数", lambda: trials(convex_ok)),
        ("(4) $\\operatorname{softplus}(2)", lambda: shown(1 + math.exp(2), 8.3891, 4)
            and shown(softplus(2.0), 2.1269, 4) and shown(sig(2.0), 0.8808, 4)),
        ("另外 $", lambda: shown(sig(2.0) * (1 - sig(2.0)), 0.1050, 4) and shown(1 - sig(2.0), 0.1192, 4)
            and shown(0.8808 * 0.1192, 0.1050, 4)),
        ("补充：", bounds_ok),
        ("其反函数为", lambda: trials(inverse_ok)),
        ("\\boxed{\\operatorname{softplus}'(x) = \\sigma(x)", lambda: trials(deriv_ok)
            and shown(softplus(2.0), 2.1269, 4) and shown(sig(2.0), 0.8808, 4)),
    ]


# ----------------------------------------------------------------- 14
def f14():
    z = np.array([1.0, 0.0, -1.0])
    v = np.array([1.0, -1.0, 2.0])
    s = softmax(z)
    J = fd_jac(softmax, z)
    vjp = fd(lambda t: v @ softmax(t), z)
    vbar = v @ s

    def chain_ok():
        zz, vv = RNG.normal(size=4), RNG.normal(size=4)
        return close(fd(lambda t: vv @ softmax(t), zz), fd_jac(softmax, zz).T @ vv)

    def quotient_facts():
        zz = RNG.normal(size=3)
        ok = close(fd_jac(np.exp, zz), np.diag(np.exp(zz)))
        return ok and close(fd(lambda t: np.exp(t).sum(), zz), np.exp(zz))

    def jac_entry():
        zz = RNG.normal(size=3)
        ss = softmax(zz)
        E, S = np.exp(zz), np.exp(zz).sum()
        form = (np.outer(E, E) - np.diag(E) * S) / S ** 2
        return close(fd_jac(softmax, zz), form) and close(form, np.outer(ss, ss) - np.diag(ss))

    def matrix_form():
        zz = RNG.normal(size=3)
        ss = softmax(zz)
        JJ = fd_jac(softmax, zz)
        return close(JJ, np.outer(ss, ss) - np.diag(ss)) and close(JJ, JJ.T)

    def rows_zero():
        zz = RNG.normal(size=4)
        ss = softmax(zz)
        return close(fd_jac(softmax, zz).sum(1), np.zeros(4)) and close(ss * ss.sum() - ss, np.zeros(4))

    def vjp_form():
        zz, vv = RNG.normal(size=4), RNG.normal(size=4)
        ss = softmax(zz)
        return close(fd(lambda t: vv @ softmax(t), zz), ss * (vv @ ss - vv))

    return [
        ("**Question 5 (7 points).**", GIVEN),
        ("(a) Derive the Jacobian", GIVEN),
        (r"(b) For $\mathbf z = (1, 0, -1)$", lambda: trials(chain_ok)),
        ("(a) Quotient rule, using", lambda: trials(quotient_facts)),
        (r"$$J_{ij} = \frac{e^{z_i}e^{z_j}", lambda: trials(jac_entry)),
        ("In matrix form", lambda: trials(matrix_form)),
        ("Each row sums to zero", lambda: trials(rows_zero)),
        (r"(b) $(J^\top\mathbf v)_j", lambda: trials(vjp_form)),
        (r"Numbers: $e^{\mathbf z}", lambda: shown(np.exp(z), [2.7183, 1, 0.3679], 4)
            and shown(np.exp(z).sum(), 4.0862, 4) and shown(s, [0.6652, 0.2447, 0.0900], 4)),
        (r"$\bar v = s_1 - s_2 + 2 s_3", lambda: close(vbar, s[0] - s[1] + 2 * s[2]) and shown(vbar, 0.6006, 4)),
        (r"$\bar v - \mathbf v \approx", lambda: shown(vbar - v, [-0.3994, 1.6006, -1.3994], 4)),
        (r"$J^\top \mathbf v \approx \big(", lambda: shown(vjp, [-0.2657, 0.3917, -0.1260], 4)),
        ("Check: the entries sum", lambda: abs(vjp.sum()) < 1e-8 and close(J @ np.ones(3), np.zeros(3))),
        (r"\boxed{\frac{\partial L}{\partial \mathbf z}", lambda: shown(vjp, [-0.2657, 0.3917, -0.1260], 4)),
        ("Grading note: 4 pts for (a)", GIVEN),
    ]


# ----------------------------------------------------------------- 15
def f15():
    x, hp, cp = 1.0, 0.5, -0.2
    af = 0.5 * x - 1 * hp + 0.5
    ai = 1 * x + 1 * hp + 0
    ao = -1 * x + 2 * hp + 1
    ag = 2 * x - 2 * hp + 0
    f, i, o, g = sig(af), sig(ai), sig(ao), math.tanh(ag)
    c = f * cp + i * g
    h = o * math.tanh(c)
    return [
        ("**問題 4（8 点）**", GIVEN),
        ("パラメータ：", GIVEN),
        ("更新式は", GIVEN),
        ("1. 忘却ゲート", lambda: af == 0.5 and 0.5 - 0.5 + 0.5 == 0.5 and shown(f, 0.6225, 4)),
        ("2. 入力ゲート", lambda: ai == 1.5 and shown(i, 0.8176, 4)),
        ("3. 出力ゲート", lambda: ao == 1.0 and shown(o, 0.7311, 4)),
        ("4. 候補値", lambda: ag == 1.0 and shown(g, 0.7616, 4)),
        ("5. セル状態", lambda: shown(f * cp, -0.1245, 4) and shown(i * g, 0.6327, 4) and shown(c, 0.5082, 4)),
        ("6. 隠れ状態", lambda: shown(math.tanh(c), 0.4685, 4) and shown(h, 0.3425, 4)),
        ("| $f_t$ |", lambda: shown(f, 0.6225, 4)),
        ("| $i_t$ |", lambda: shown(i, 0.8176, 4)),
        ("| $o_t$ |", lambda: shown(o, 0.7311, 4)),
        ("| $\\tilde c_t$ |", lambda: shown(g, 0.7616, 4)),
        ("| $c_t$ |", lambda: shown(c, 0.5082, 4)),
        ("| $h_t$ |", lambda: shown(h, 0.3425, 4)),
        ("\\boxed{c_t", lambda: shown(c, 0.5082, 4) and shown(h, 0.3425, 4)),
        ("採点基準", GIVEN),
    ]


# ----------------------------------------------------------------- 16
def f16():
    g1 = np.array([3.0, 4.0])
    G2 = np.array([[1.0, -2.0], [2.0, 0.0]])
    g3 = np.array([10.0])
    c = 5.0
    n = math.sqrt(sum((t ** 2).sum() for t in (g1, G2, g3)))
    sc = c / max(c, n)
    g1c, G2c, g3c = g1 * sc, G2 * sc, g3 * sc
    nc = math.sqrt(sum((t ** 2).sum() for t in (g1c, G2c, g3c)))

    def per_tensor():
        clip = lambda t: t * c / max(c, np.linalg.norm(t))
        a = np.concatenate([clip(g1), clip(G2).ravel(), clip(g3)])
        orig = np.concatenate([g1, G2.ravel(), g3])
        cos = a @ orig / (np.linalg.norm(a) * np.linalg.norm(orig))
        return (close(np.linalg.norm(g1), 5) and close(np.linalg.norm(G2), 3) and close(clip(g1), g1)
                and close(clip(G2), G2) and close(clip(g3), [5]) and cos < 1 - 1e-6)

    G2s = [[0.4319, -0.8639], [0.8639, 0]]
    return [
        (r"$\mathbf g_1 = (3, 4)$, $\mathbf G_2", GIVEN),
        ("Apply gradient clipping by global norm", GIVEN),
        (r"$$\mathbf g \leftarrow", GIVEN),
        ("Squared norms per tensor", lambda: (g1 ** 2).sum() == 25 and (G2 ** 2).sum() == 9 and (g3 ** 2).sum() == 100),
        ("Global norm:", lambda: close(n ** 2, 134) and shown(n, 11.576, 3)),
        ("Since $11.576 > 5$", lambda: n > c and shown(sc, 0.4319, 4) and shown(5 / 11.576, 0.4319, 4)),
        (r"| $\mathbf g_1$ |", lambda: shown(g1c, [1.2958, 1.7277], 4)),
        (r"| $\mathbf G_2$ |", lambda: shown(G2c, G2s, 4)),
        ("| $g_3$ |", lambda: shown(g3c, [4.3193], 4)),
        ("Check: the new global norm", lambda: close(nc, c) and shown(0.4319 * 11.576, 5.000, 3)),
        ("By contrast", per_tensor),
        (r"\boxed{\mathbf g_1", lambda: shown(g1c, [1.2958, 1.7277], 4) and shown(G2c, G2s, 4)
            and shown(g3c, [4.3193], 4)),
    ]


# ----------------------------------------------------------------- driver
CHECKS = {
    "01_softmax_ce_label_smoothing.md": f01,
    "02_bce_batch_mean.md": f02,
    "03_mlp_backward_relu.md": f03,
    "04_cnn_nombre_parametres.md": f04,
    "05_receptive_field.md": f05,
    "06_conv1d_backward.md": f06,
    "07_maxpool_ruckwaerts.md": f07,
    "08_l2_logistic_gd_step.md": f08,
    "09_rmsprop_due_passi.md": f09,
    "10_adam_bias_correction.md": f10,
    "11_batchnorm_forward.md": f11,
    "12_gelu_derivative.md": f12,
    "13_softplus_daoshu.md": f13,
    "14_softmax_jacobian_vjp.md": f14,
    "15_lstm_cell_forward.md": f15,
    "16_grad_clip_global_norm.md": f16,
}

SEP_ROW = re.compile(r"^\|[\s\-:|]+\|\s*$")


def is_math_line(line):
    if "$" in line:
        return True
    s = line.strip()
    return s.startswith("|") and not SEP_ROW.match(s) and re.search(r"\d", s) is not None


def main():
    with open(os.path.join(HERE, "expected.json"), encoding="utf-8") as fh:
        expected = json.load(fh)
    md_files = sorted(f for f in os.listdir(HERE) if f.endswith(".md"))
    problems = []
    if sorted(md_files) != sorted(CHECKS) or sorted(expected) != sorted(CHECKS):
        problems.append("file list mismatch between directory, CHECKS and expected.json")
    all_ok = not problems
    for name in sorted(CHECKS):
        with open(os.path.join(HERE, name), encoding="utf-8") as fh:
            lines = fh.read().split("\n")
        if lines and lines[-1] == "":
            lines = lines[:-1]
        n_lines = len(lines)
        covered = set()
        results = []  # (lineno, ok)
        file_ok = True
        for sub, pred in CHECKS[name]():
            hits = [k + 1 for k, ln in enumerate(lines) if sub in ln]
            if len(hits) != 1:
                print(f"  {name}: substring {sub!r} matches {len(hits)} lines {hits}")
                file_ok = False
                continue
            ln = hits[0]
            if ln in covered:
                print(f"  {name}: line {ln} covered twice (by {sub!r})")
                file_ok = False
            covered.add(ln)
            try:
                ok = bool(pred())
            except Exception as exc:  # a crashing check is a bug in this script
                print(f"  {name}: predicate for {sub!r} raised {exc!r}")
                file_ok = False
                continue
            results.append((ln, ok))
        for k, ln in enumerate(lines, 1):
            if is_math_line(ln) and k not in covered:
                print(f"  {name}: math line {k} not covered: {ln[:70]!r}")
                file_ok = False
        results.sort()
        false_lines = [ln for ln, ok in results if not ok]
        first = false_lines[0] if false_lines else None
        exp = expected.get(name, "missing")
        status = "OK" if (first == exp and file_ok) else "MISMATCH"
        if status != "OK":
            all_ok = False
        lc = "" if 12 <= n_lines <= 40 else f" [line count {n_lines} out of 12-40]"
        if lc:
            all_ok = False
        print(f"{status:8s} {name}: first false line = {first}, expected = {exp}, "
              f"false lines = {false_lines}{lc}")
    for p in problems:
        print("  " + p)
    if all_ok:
        print("ALL AGREE")
        return 0
    print("DISAGREEMENT")
    return 1


if __name__ == "__main__":
    sys.exit(main())
