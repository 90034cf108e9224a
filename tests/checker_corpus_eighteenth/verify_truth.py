#!/usr/bin/env python3
"""Ground-truth check for the 'eighteenth' corpus (NumPy only).

For every file we list claims: (unique substring of one line, truth value).
Truth values are computed here with NumPy -- finite differences, Monte Carlo,
brute-force counting or direct arithmetic -- never read from the text.

Assertions:
  * correct files (expected null): every claim is true;
  * planted files: every claim on a line before the expected line is true,
    and at least one claim on the expected line is false.
"""
import json
import os
import re

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(12345)


# ----------------------------------------------------------------- helpers
def num(s):
    """Parse a written number: decimal comma '{,}' or ',', thousands ',' in en."""
    s = s.replace("{,}", ",").replace("\u2009", "").replace(" ", "")
    return s


def rt(value, written, comma_decimal=False):
    """True iff `value` rounds to `written` at the written precision."""
    s = written.replace("{,}", ",")
    if comma_decimal:
        s = s.replace(",", ".")
    else:
        s = s.replace(",", "")
    dec = len(s.split(".")[1]) if "." in s else 0
    return abs(value - float(s)) <= 0.5 * 10.0 ** (-dec) + 1e-12


def rsci(value, mant, exp):
    """True iff value ~ mant x 10^exp at the precision of mant."""
    return rt(value / 10.0 ** exp, mant)


def close(a, b, rtol=1e-5, atol=1e-7):
    a, b = np.asarray(a, float), np.asarray(b, float)
    return a.shape == b.shape and bool(np.allclose(a, b, rtol=rtol, atol=atol))


def fd(f, x, eps=1e-6):
    """Central-difference gradient of scalar f at array x."""
    x = np.array(x, dtype=float)
    g = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        xp = x.copy(); xp[idx] += eps
        xm = x.copy(); xm[idx] -= eps
        g[idx] = (f(xp) - f(xm)) / (2 * eps)
    return g


def fd_jac(f, x, eps=1e-6):
    """Jacobian J[i, j] = d f_i / d x_j for vector f, vector x."""
    x = np.array(x, dtype=float)
    cols = []
    for j in range(x.size):
        xp = x.copy(); xp[j] += eps
        xm = x.copy(); xm[j] -= eps
        cols.append((np.asarray(f(xp)) - np.asarray(f(xm))) / (2 * eps))
    return np.stack(cols, axis=1)


def sig(z):
    return 1.0 / (1.0 + np.exp(-z))


def dsig(z):
    return sig(z) * (1 - sig(z))


def softmax(z, axis=-1):
    e = np.exp(z - np.max(z, axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


CLAIMS = {}


# ------------------------------------------------- 01 backprop BP1-BP4
def f01():
    sizes = [3, 4, 3, 2]
    Ws = [rng.normal(size=(sizes[i + 1], sizes[i])) for i in range(3)]
    bs = [rng.normal(size=sizes[i + 1]) for i in range(3)]
    x = rng.normal(size=3)
    y = rng.uniform(size=2)

    def run(Ws, bs, pert_layer=None, pert=None, pert_a=None):
        a = x; zs = []; acts = [x]
        for l in range(3):
            z = Ws[l] @ a + bs[l]
            if pert_layer == l:
                z = z + pert
            zs.append(z); a = sig(z)
            if l == 2 and pert_a is not None:
                a = a + pert_a
            acts.append(a)
        return 0.5 * np.sum((y - a) ** 2), zs, acts

    C, zs, acts = run(Ws, bs)
    # finite-difference errors delta^l = dC/dz^l
    dfd = [fd(lambda e, l=l: run(Ws, bs, l, e)[0], np.zeros(sizes[l + 1])) for l in range(3)]
    aL = acts[-1]
    gradA = fd(lambda e: run(Ws, bs, pert_a=e)[0], np.zeros(2))
    bp1 = (aL - y) * dsig(zs[2])
    bp2_ok = all(close((Ws[l + 1].T @ dfd[l + 1]) * dsig(zs[l]), dfd[l]) for l in range(2))
    # dz^{l+1}/dz^l
    l = 0
    J = fd_jac(lambda e: run(Ws, bs, l, e)[1][l + 1], np.zeros(sizes[l + 1]))
    dzdz_ok = close(J, Ws[l + 1] * dsig(zs[l])[None, :])
    # BP3, BP4
    bp3_ok = bp4_ok = True
    for l in range(3):
        gb = fd(lambda b: run(Ws, bs[:l] + [b] + bs[l + 1:])[0], bs[l])
        gw = fd(lambda W: run(Ws[:l] + [W] + Ws[l + 1:], bs)[0], Ws[l])
        bp3_ok &= close(gb, dfd[l])
        bp4_ok &= close(gw, np.outer(dfd[l], acts[l]))
    # single neuron example
    w, b, xx, yy = 0.6, -0.2, 1.0, 0.0
    z = w * xx + b
    a = sig(z)
    Cn = lambda w_, b_: 0.5 * (yy - sig(w_ * xx + b_)) ** 2
    dCdb = (Cn(w, b + 1e-6) - Cn(w, b - 1e-6)) / 2e-6
    dCdw = (Cn(w + 1e-6, b) - Cn(w - 1e-6, b)) / 2e-6
    return [
        (r"\delta^L = \nabla_a C \odot \sigma'(z^L). \tag{BP1}", close(bp1, dfd[2])),
        (r"we have $\nabla_a C = a^L - y$", close(gradA, aL - y)),
        (r"and so $\delta^L = (a^L - y)\odot\sigma'(z^L)$", close(bp1, dfd[2])),
        (r"$\partial z^{l+1}_k/\partial z^l_j = w^{l+1}_{kj}\,\sigma'(z^l_j)$", dzdz_ok),
        (r"\tag{BP2}", bp2_ok),
        (r"\tag{BP3}", bp3_ok),
        (r"\tag{BP4}", bp4_ok),
        (r"$\partial C/\partial w^l = \delta^l (a^{l-1})^T$", bp4_ok),
        (r"Then $z = 0.4$", abs(z - 0.4) < 1e-12),
        (r"$a = \sigma(0.4) \approx 0.599$", rt(a, "0.599")),
        (r"$\sigma'(0.4) = a(1-a) \approx 0.240$", rt(dsig(0.4), "0.240")),
        (r"$\delta \approx 0.599 \times 0.240 \approx 0.144$",
         rt(0.599 * 0.240, "0.144") and rt((a - yy) * dsig(z), "0.144")),
        (r"\partial C/\partial w \approx 0.144", rt(dCdb, "0.144") and rt(dCdw, "0.144")),
    ]


# ------------------------------------------------- 02 conv size / RF (de)
def f02():
    def count_positions(n, k, p, s):
        return sum(1 for i in range(0, 10 * (n + 2 * p) + 1) if i * s + k <= n + 2 * p)

    def out_formula(n, k, p, s):
        return (n + 2 * p - k) // s + 1

    ok97 = all(count_positions(n, k, p, s) == out_formula(n, k, p, s)
               for n in range(5, 40) for k in (1, 2, 3, 5, 7) for p in (0, 1, 2, 3)
               for s in (1, 2, 3) if n + 2 * p >= k)
    same = all(count_positions(n, 3, 1, 1) == n for n in range(3, 64))
    half = all(count_positions(n, 3, 1, 2) == n // 2 for n in range(4, 64, 2))

    def rf_brute(layers):
        """Receptive field width and jump of output neuron(s) of the last layer."""
        def inputs_of(idx):
            S = {idx}
            for (k, p, s) in reversed(layers):
                S = {i * s - p + t for i in S for t in range(k)}
            return S
        S0, S1 = inputs_of(0), inputs_of(1)
        return max(S0) - min(S0) + 1, min(S1) - min(S0)

    def rf_written(layers):  # as written in (9.8): r_l = r_{l-1} + k_l j_{l-1}
        r = j = 1
        for (k, p, s) in layers:
            r = r + k * j
            j = j * s
        return r, j

    stacks = [[(5, 2, 1), (3, 1, 2), (3, 0, 2)], [(3, 1, 1)], [(3, 1, 2), (3, 1, 2)],
              [(7, 3, 2), (3, 1, 1), (5, 2, 2)]]
    rf_ok = all(rf_written(st)[0] == rf_brute(st)[0] for st in stacks)
    j_ok = all(rf_written(st)[1] == rf_brute(st)[1] for st in stacks)
    return [
        (r"\left\lfloor \frac{n + 2p - k}{s} \right\rfloor + 1. \tag{9.7}", ok97),
        (r"bleibt die Breite also erhalten", same and half),
        (r"(32 + 4 - 5)/1 \rfloor + 1 = 32", count_positions(32, 5, 2, 1) == 32),
        (r"(32 + 2 - 3)/2 \rfloor + 1 = 16", count_positions(32, 3, 1, 2) == 16),
        (r"(16 + 0 - 3)/2 \rfloor + 1 = 7", count_positions(16, 3, 0, 2) == 7),
        (r"r_l = r_{l-1} + k_l\, j_{l-1}", rf_ok),
        (r"j_l = j_{l-1}\, s_l", j_ok),
        (r"$r_3 = 9 + 3 \cdot 2 = 15$", rf_brute(stacks[0])[0] == 15),
        (r"Ausschnitt von $15 \times 15$ Pixeln", rf_brute(stacks[0])[0] == 15),
    ]


# ------------------------------------------------- 03 softmax regression
def f03():
    N, d, K = 4, 3, 5
    X = rng.normal(size=(N, d)); W = rng.normal(size=(K, d)); b = rng.normal(size=K)
    Y = np.eye(K)[rng.integers(0, K, size=N)]

    def loss(W, b):
        P = softmax(X @ W.T + b)
        return -np.mean(np.sum(Y * np.log(P), axis=1))

    P = softmax(X @ W.T + b)
    Z = X @ W.T + b
    Jsm = fd_jac(lambda z: softmax(z), Z[0])
    jac_ok = close(Jsm, np.diag(P[0]) - np.outer(P[0], P[0]))   # J[k, j] = p_k(delta_kj - p_j)
    gz = fd(lambda z: -np.sum(Y[0] * np.log(softmax(z))), Z[0])
    line1 = -np.array([np.sum(Y[0] / P[0] * P[0] * ((np.arange(K) == j) - P[0, j])) for j in range(K)])
    line2 = -Y[0] + P[0] * Y[0].sum()
    gW = fd(lambda W_: loss(W_, b), W)
    gb = fd(lambda b_: loss(W, b_), b)
    z = np.array([2.0, 1.0, 0.0]); p = softmax(z); y1 = np.array([1.0, 0, 0])
    return [
        (r"$\partial p_{ik}/\partial z_{ij} = p_{ik}(\delta_{kj} - p_{ij})$", jac_ok),
        (r"\frac{y_{ik}}{p_{ik}}\, p_{ik}(\delta_{kj} - p_{ij})", close(line1, gz)),
        (r"&= -y_{ij} + p_{ij}\sum_{k=1}^{K} y_{ik}", close(line2, gz)),
        (r"&= p_{ij} - y_{ij}.", close(P[0] - Y[0], gz)),
        (r"\frac{1}{N}(P - Y)^\top X", close(gW, (P - Y).T @ X / N)),
        (r"\frac{1}{N}(P - Y)^\top \mathbf{1}_N", close(gb, (P - Y).T @ np.ones(N) / N)),
        (r"\mathbf{1}_K^\top \nabla_{\mathbf{b}}\mathcal{L} = 0", abs(gb.sum()) < 1e-6),
        (r"$\mathbf{p} \approx (0.665, 0.245, 0.090)$",
         all(rt(v, w) for v, w in zip(p, ["0.665", "0.245", "0.090"]))),
        (r"\approx (-0.335, 0.245, 0.090)$",
         all(rt(v, w) for v, w in zip(p - y1, ["-0.335", "0.245", "0.090"]))),
        (r"-\log 0.665 \approx 0.408", rt(-np.log(0.665), "0.408") and rt(-np.log(p[0]), "0.408")),
    ]


# ------------------------------------------------- 04 batch norm backward
def f04():
    m, eps = 6, 1e-3
    x = rng.normal(size=m); gam, bet = 1.7, -0.4; yb = rng.normal(size=m)
    mu = x.mean(); var = x.var(); s = (var + eps) ** -0.5
    xh = (x - mu) * s

    def L_of(x_, g_=gam, b_=bet):
        mu_ = x_.mean(); v_ = x_.var()
        return np.sum(yb * (g_ * (x_ - mu_) / np.sqrt(v_ + eps) + b_))

    def L_mv(mu_, v_):  # mu and sigma^2 as free intermediate variables
        return np.sum(yb * (gam * (x - mu_) / np.sqrt(v_ + eps) + bet))

    dgam = fd(lambda g: L_of(x, g[0]), np.array([gam]))[0]
    dbet = fd(lambda b: L_of(x, gam, b[0]), np.array([bet]))[0]
    dvar_dx = fd(lambda x_: x_.var(), x)
    xhb = gam * yb
    dL_dvar = fd(lambda v: L_mv(mu, v[0]), np.array([var]))[0]
    dL_dmu = fd(lambda u: L_mv(u[0], var), np.array([mu]))[0]
    dx = fd(L_of, x)
    compact_written = s / m * (m * xhb + xhb.sum() - xh * np.sum(xhb * xh))
    paths_true = s * xhb + 2 * (x - mu) / m * dL_dvar + dL_dmu / m
    return [
        (r"\frac{\partial \mathcal{L}}{\partial \gamma} = \sum_{i=1}^m \bar{y}_i\, \hat{x}_i",
         abs(dgam - np.sum(yb * xh)) < 1e-6),
        (r"\frac{\partial \mathcal{L}}{\partial \beta} = \sum_{i=1}^m \bar{y}_i", abs(dbet - yb.sum()) < 1e-6),
        (r"$\partial\sigma^2/\partial x_j = \frac{2}{m}(x_j-\mu)$", close(dvar_dx, 2 / m * (x - mu))),
        (r"&= -\frac{s^3}{2}\sum_{i=1}^m", abs(dL_dvar - (-s ** 3 / 2 * np.sum(xhb * (x - mu)))) < 1e-5),
        (r"\frac{\partial \mathcal{L}}{\partial \mu} &= s\sum_{i=1}^m", abs(dL_dmu - s * xhb.sum()) < 1e-5),
        (r"through $\sigma^2$ vanishes because $\sum_i (x_i - \mu) = 0$", abs(np.sum(x - mu)) < 1e-12),
        (r"\frac{2(x_i-\mu)}{m}\frac{\partial \mathcal{L}}{\partial \sigma^2}", close(paths_true, dx, atol=1e-5)),
        (r"m\,\bar{\hat{x}}_i + \sum_{j=1}^m\bar{\hat{x}}_j", close(compact_written, dx, atol=1e-5)),
    ]


# ------------------------------------------------- 05 Adam numeric (fr)
def f05():
    b1, b2, alpha, eps = 0.9, 0.999, 0.001, 1e-8
    g = [0.5, -0.3]
    m = v = 0.0; th = 1.0; hist = []
    for t, gt in enumerate(g, start=1):
        m = b1 * m + (1 - b1) * gt
        v = b2 * v + (1 - b2) * gt ** 2
        mh = m / (1 - b1 ** t); vh = v / (1 - b2 ** t)
        th = th - alpha * mh / (np.sqrt(vh) + eps)
        hist.append((m, v, mh, vh, th))
    # bias of the first moment for a constant gradient
    gc = 0.7; mm = 0.0; bias_ok = True
    for t in range(1, 15):
        mm = b1 * mm + (1 - b1) * gc
        bias_ok &= abs(mm - (1 - b1 ** t) * gc) < 1e-12
    m1, v1, mh1, vh1, th1 = hist[0]
    m2, v2, mh2, vh2, th2 = hist[1]
    C = dict(comma_decimal=True)
    return [
        (r"$m_1 = 0{,}1\,g_1$ et $v_1 = 0{,}001\,g_1^2$", abs((1 - b1) - 0.1) < 1e-12 and abs((1 - b2) - 0.001) < 1e-12),
        (r"$\mathbb{E}[m_t] = (1-\beta_1^t)\,g$", bias_ok),
        (r"$m_1 = 0{,}1 \times 0{,}5 = 0{,}05$", rt(m1, "0{,}05", **C)),
        (r"$v_1 = 0{,}001 \times 0{,}25 = 0{,}00025$", rt(v1, "0{,}00025", **C)),
        (r"$\hat m_1 = 0{,}05/0{,}1 = 0{,}5$", rt(mh1, "0{,}5", **C)),
        (r"$\hat v_1 = 0{,}00025/0{,}001 = 0{,}25$", rt(vh1, "0{,}25", **C)),
        (r"$\hat m_1/\sqrt{\hat v_1} = 0{,}5/0{,}5 = 1$", abs(mh1 / np.sqrt(vh1) - 1) < 1e-9),
        (r"$\theta_1 = 1{,}0 - 0{,}001 = 0{,}999$", rt(th1, "0{,}999", **C)),
        (r"= 0{,}045 - 0{,}03 = 0{,}015$", rt(m2, "0{,}015", **C)),
        (r"0{,}999 \times 0{,}00025 + 0{,}001 \times 0{,}09", rt(b2 * v1, "0{,}00024975", **C)),
        (r"= 0{,}00024975 + 0{,}0009 = 0{,}00114975", rt((1 - b2) * 0.09, "0{,}0009", **C) and rt(v2, "0{,}00114975", **C)),
        (r"$1 - 0{,}9^2 = 0{,}19$", rt(1 - b1 ** 2, "0{,}19", **C) and rt(1 - b2 ** 2, "0{,}001999", **C)),
        (r"\approx 0{,}5752", rt(vh2, "0{,}5752", **C)),
        (r"\approx 0{,}1041", rt(mh2 / np.sqrt(vh2), "0{,}1041", **C)),
        (r"\approx 0{,}99890", rt(th2, "0{,}99890", **C)),
    ]


# ------------------------------------------------- 06 vanishing sigmoid chain
def f06():
    def chain(w, b, x0=0.3):
        a = x0; zs = []
        for wl, bl in zip(w, b):
            z = wl * a + bl; zs.append(z); a = sig(z)
        return a, zs

    L = 5
    w = rng.uniform(-1, 1, size=L); b = rng.normal(size=L)
    C = lambda w_, b_: 0.5 * (chain(w_, b_)[0] - 0.2) ** 2
    gb = fd(lambda b_: C(w, b_), b)
    aL, zs = chain(w, b)
    dCda = aL - 0.2
    formula = dsig(zs[0]) * np.prod([w[l] * dsig(zs[l]) for l in range(1, L)]) * dCda
    eq59 = abs(gb[0] - formula) < 1e-8
    zz = np.linspace(-10, 10, 200001)
    max_ok = abs(dsig(zz).max() - 0.25) < 1e-12 and abs(dsig(0.0) - 0.25) < 1e-15
    bound_ok = ratio_ok = True
    for _ in range(300):
        w = rng.uniform(-1, 1, size=L); b = rng.normal(scale=2, size=L)
        aL, zs = chain(w, b)
        g = [dsig(zs[j]) * np.prod([w[l] * dsig(zs[l]) for l in range(j + 1, L)]) for j in range(L)]
        bound_ok &= abs(g[0]) <= 0.25 ** L + 1e-15
        for j in range(L):
            for k in range(1, L - j):
                ratio_ok &= abs(g[j]) <= 0.25 ** k * abs(g[j + k]) + 1e-18
    return [
        (r"\tag{5.9}", eq59),
        (r"the maximum is $\sigma'(0) = 0.25$", max_ok),
        (r"\le 0.25^{L}\,\left|", bound_ok),
        (r"smaller by a factor of at most $0.25^k$", ratio_ok),
        (r"| 1 | $0.25$ |", 0.25 ** 1 == 0.25),
        (r"| 2 | $0.0625$ |", 0.25 ** 2 == 0.0625),
        (r"| 5 | $\approx 9.8\times 10^{-4}$ |", rsci(0.25 ** 5, "9.8", -4)),
        (r"| 10 | $\approx 9.5\times 10^{-7}$ |", rsci(0.25 ** 10, "9.5", -7)),
        (r"| 20 | $\approx 9.1\times 10^{-13}$ |", rsci(0.25 ** 20, "9.1", -13)),
        (r"$0.25^k = 2^{-2k}$", all(0.25 ** k == 2.0 ** (-2 * k) for k in range(30))),
        (r"ten layers cost roughly six orders", round(-np.log10(0.25 ** 10)) == 6),
        (r"$\sigma'(2) \approx 0.105$", rt(dsig(2.0), "0.105")),
        (r"$0.105^5 \approx 1.3\times10^{-5}$", rsci(0.105 ** 5, "1.3", -5) and rsci(dsig(2.0) ** 5, "1.3", -5)),
    ]


# ------------------------------------------------- 07 linear layer cheat sheet (zh)
def f07():
    N, D, M = 3, 4, 2
    X = rng.normal(size=(N, D)); W = rng.normal(size=(D, M)); b = rng.normal(size=(1, M))
    G = rng.normal(size=(N, M))
    Lf = lambda X_, W_, b_: np.sum(G * (X_ @ W_ + np.ones((N, 1)) @ b_))
    dX = fd(lambda X_: Lf(X_, W, b), X); dW = fd(lambda W_: Lf(X, W_, b), W); db = fd(lambda b_: Lf(X, W, b_), b)
    # mean loss: dZ already contains 1/N
    Yt = rng.normal(size=(N, M))
    Lmean = lambda W_: np.mean(np.sum((X @ W_ - Yt) ** 2, axis=1))
    dZmean = 2 * (X @ W - Yt) / N
    mean_ok = close(fd(Lmean, W), X.T @ dZmean)
    Zr = rng.normal(size=(N, M)); Ga = rng.normal(size=(N, M))
    relu_ok = close(fd(lambda Z_: np.sum(Ga * np.maximum(0, Z_)), Zr), Ga * (Zr > 0))
    mse = lambda Z_: np.sum((Z_ - Yt) ** 2) / (2 * N)
    mse_ok = close(fd(mse, Zr), (Zr - Yt) / N)
    Xe = np.array([[1.0, 2], [3, 4]]); We = np.array([[1.0], [-1]]); dZe = np.array([[0.5], [-1]])
    return [
        (r"| $dX$ | $dZ\, W^{\top}$ | $N \times D$ |", close(dX, G @ W.T) and dX.shape == (N, D)),
        (r"| $dW$ | $X^{\top} dZ$ | $D \times M$ |", close(dW, X.T @ G) and dW.shape == (D, M)),
        (r"| $d\mathbf{b}$ | $\mathbf{1}_N^{\top} dZ$", close(db, np.ones((1, N)) @ G) and db.shape == (1, M)),
        (r"$(D\times N)(N\times M) = D\times M$", (X.T @ G).shape == W.shape),
        (r"因子 $1/N$ 已包含在 $dZ$ 中", mean_ok),
        (r"$dZ = dA \odot \mathbf{1}[Z > 0]$", relu_ok),
        (r"有 $dZ = (Z - Y)/N$", mse_ok),
        (r"\begin{pmatrix}-2.5\\ -3\end{pmatrix}", close(Xe.T @ dZe, [[-2.5], [-3]])),
        (r"d\mathbf{b} = 0.5 - 1 = -0.5", abs(dZe.sum() + 0.5) < 1e-12),
        (r"\begin{pmatrix}0.5 & -0.5\\ -1 & 1\end{pmatrix}", close(dZe @ We.T, [[0.5, -0.5], [-1, 1]])),
    ]


# ------------------------------------------------- 08 init variance (He)
def f08():
    n, S = 64, 100000
    varw = 0.03
    zprev = rng.normal(scale=np.sqrt(2.0), size=(S, n))
    x = np.maximum(0, zprev)
    w = rng.normal(scale=np.sqrt(varw), size=(S, n))
    z = np.sum(w * x, axis=1)
    Ex2 = np.mean(x ** 2)
    eq821 = abs(z.var() / (n * varw * Ex2) - 1) < 0.03
    # symmetric distributions: normal, uniform, Laplace
    half_ok = True
    for zz in (rng.normal(size=2_000_000), rng.uniform(-3, 3, size=2_000_000), rng.laplace(size=2_000_000)):
        half_ok &= abs(np.mean(np.maximum(0, zz) ** 2) / (0.5 * zz.var()) - 1) < 0.01
    nonzero_mean = x.mean() > 0.5
    eq823 = abs(z.var() / (n * varw * zprev.var()) - 1) < 0.05

    def preserved(var_w):
        # Monte Carlo: does Var(w) = var_w keep Var(z) = Var(z')?
        zp = rng.normal(size=(50000, n))
        ww = rng.normal(scale=np.sqrt(var_w), size=(50000, n))
        return abs(np.sum(ww * np.maximum(0, zp), axis=1).var() / zp.var() - 1) < 0.05
    keep_1n = preserved(1.0 / n)
    assert preserved(2.0 / n), "internal sanity: He variance must preserve"
    return [
        (r"= n\,\operatorname{Var}(w)\,\mathbb{E}[x^2]. \tag{8.21}", eq821),
        (r"the ReLU output does not have zero mean", nonzero_mean),
        (r"\tag{8.22}", half_ok),
        (r"\tag{8.23}", eq823),
        (r"require $n\operatorname{Var}(w) = 1$", keep_1n),
        (r"\tag{8.24}", keep_1n),
        (r"$1/\sqrt{512} \approx 0.0442$", rt(1 / np.sqrt(512), "0.0442")),
    ]


# ------------------------------------------------- 09 max pooling (es)
def f09():
    def pool(X, k, s):
        H = (X.shape[0] - k) // s + 1; Wd = (X.shape[1] - k) // s + 1
        Y = np.zeros((H, Wd)); arg = {}
        for i in range(H):
            for j in range(Wd):
                win = X[i * s:i * s + k, j * s:j * s + k]
                p, q = np.unravel_index(np.argmax(win), win.shape)
                Y[i, j] = win[p, q]; arg[(i, j)] = (i * s + p, j * s + q)
        return Y, arg

    def route(X, dY, k, s):
        _, arg = pool(X, k, s); dX = np.zeros_like(X)
        for (i, j), (p, q) in arg.items():
            dX[p, q] += dY[i, j]
        return dX

    Xr = rng.normal(size=(4, 4)); dYr = rng.normal(size=(2, 2))
    fd_r = fd(lambda X_: np.sum(dYr * pool(X_, 2, 2)[0]), Xr)
    eq76 = close(fd_r, route(Xr, dYr, 2, 2))
    J = fd_jac(lambda X_: pool(X_.reshape(4, 4), 2, 2)[0].ravel(), Xr.ravel())
    eq75 = set(np.round(J, 6).ravel()) <= {0.0, 1.0} and np.all(J.sum(axis=1).round(6) == 1)
    X5 = rng.normal(size=(5, 5)); dY5 = rng.normal(size=(2, 2))
    ov = close(fd(lambda X_: np.sum(dY5 * pool(X_, 3, 2)[0]), X5), route(X5, dY5, 3, 2))
    X = np.array([[1, 3, 2, 0], [4, 2, 1, 5], [0, 1, 3, 2], [2, 6, 1, 1]], float)
    dY = np.array([[0.1, -0.2], [0.3, 0.4]])
    Y, arg = pool(X, 2, 2)
    dX = route(X, dY, 2, 2)
    dX_written = np.array([[0, 0, 0, 0], [0.1, 0, 0, -0.2], [0, 0, 0.4, 0], [0, 0.3, 0, 0]])
    fd_ex = fd(lambda X_: np.sum(dY * pool(X_, 2, 2)[0]), X)
    return [
        (r"R_{ij} = \{2i, 2i+1\}\times\{2j, 2j+1\}", close(pool(Xr, 2, 2)[0],
                                                            [[Xr[2 * i:2 * i + 2, 2 * j:2 * j + 2].max() for j in range(2)] for i in range(2)])),
        (r"\tag{7.5}", eq75),
        (r"\tag{7.6}", eq76),
        (r"los gradientes que llegan a una misma posición se suman", ov),
        (r"Y = \begin{pmatrix}4 & 5\\ 6 & 3\end{pmatrix}", close(Y, [[4, 5], [6, 3]])),
        (r"$(1,0)$, $(1,3)$, $(3,1)$ y $(2,2)$", [arg[(0, 0)], arg[(0, 1)], arg[(1, 0)], arg[(1, 1)]] == [(1, 0), (1, 3), (3, 1), (2, 2)]),
        (r"0{,}1 & 0 & 0 & -0{,}2", close(dX, dX_written) and close(fd_ex, dX_written)),
        (r"Solo $4$ de las $16$ entradas", np.count_nonzero(dX) == 4 and np.count_nonzero(dX) / 16 == 0.25),
        (r"que es $0{,}6$", rt(dX.sum(), "0{,}6", comma_decimal=True) and abs(dX.sum() - dY.sum()) < 1e-12),
    ]


# ------------------------------------------------- 10 attention grad wrt Q
def f10():
    n, d, dv = 4, 3, 2
    Q = rng.normal(size=(n, d)); K = rng.normal(size=(n, d)); V = rng.normal(size=(n, dv))
    G = rng.normal(size=(n, dv))
    S = Q @ K.T / np.sqrt(d); A = softmax(S, axis=1)
    L_A = lambda A_: np.sum(G * (A_ @ V))
    L_S = lambda S_: L_A(softmax(S_, axis=1))
    L_QK = lambda Q_, K_: L_S(Q_ @ K_.T / np.sqrt(d))
    Ab = G @ V.T
    Sb = A * (Ab - np.sum(A * Ab, axis=1, keepdims=True))
    Sb_mat = A * (Ab - ((A * Ab) @ np.ones((n, 1))) @ np.ones((1, n)))
    fdA = fd(L_A, A); fdS = fd(L_S, S)
    fdQ = fd(lambda Q_: L_QK(Q_, K), Q); fdK = fd(lambda K_: L_QK(Q, K_), K)
    a0 = A[0]; Jrow = fd_jac(lambda s: softmax(s), S[0])
    jac_ok = close(Jrow, np.diag(a0) - np.outer(a0, a0)) and close(Jrow, Jrow.T)
    dS_dQ = fd_jac(lambda q: (q.reshape(n, d) @ K.T / np.sqrt(d)).ravel(), Q.ravel())
    # check dS_ij/dQ_il = K_jl / sqrt(d) (and zero for other rows)
    exp = np.zeros((n * n, n * d))
    for i in range(n):
        for j in range(n):
            for l in range(d):
                exp[i * n + j, i * d + l] = K[j, l] / np.sqrt(d)
    return [
        (r"\bar{A} &= \bar{O}V^\top", close(fdA, Ab)),
        (r"$\operatorname{diag}(\mathbf{a}_i) - \mathbf{a}_i\mathbf{a}_i^\top$, which is symmetric", jac_ok),
        (r"\bar{S}_{ij} &= A_{ij}\Big(", close(fdS, Sb)),
        (r"\bar{S} &= A\odot\Big(", close(fdS, Sb_mat)),
        (r"$\partial S_{ij}/\partial Q_{il} = K_{jl}/\sqrt{d}$", close(dS_dQ, exp)),
        (r"\bar{Q} &= \frac{1}{\sqrt{d}}\,\bar{S}^\top K", close(fdQ, Sb.T @ K / np.sqrt(d))),
        (r"\bar{K} &= \frac{1}{\sqrt{d}}\,\bar{S}^\top Q", close(fdK, Sb.T @ Q / np.sqrt(d))),
    ]


# ------------------------------------------------- 11 layer norm Jacobian
def f11():
    H = 5
    x = rng.normal(size=H); gam = rng.normal(size=H); bet = rng.normal(size=H)
    one = np.ones(H)

    def parts(x_, eps):
        mu = x_.mean(); var = np.mean((x_ - mu) ** 2); s = (var + eps) ** -0.5
        return mu, var, s, (x_ - mu) * s

    ok = {}
    for eps in (1e-3, 0.0):
        mu, var, s, xh = parts(x, eps)
        c = x - mu
        J_fd = fd_jac(lambda x_: parts(x_, eps)[3], x)
        J1 = s * (np.eye(H) - np.outer(one, one) / H) - s ** 3 / H * np.outer(c, c)
        J2 = s / H * (H * np.eye(H) - np.outer(one, one) - np.outer(xh, xh))
        ok.setdefault("dmu", close(fd(lambda x_: x_.mean(), x), one / H))
        ok.setdefault("dvar", close(fd(lambda x_: np.mean((x_ - x_.mean()) ** 2), x), 2 / H * c))
        ok.setdefault("ds", close(fd(lambda x_: parts(x_, eps)[2], x), -s ** 3 / H * c, atol=1e-6))
        ok["J1"] = ok.get("J1", True) and close(J_fd, J1, atol=1e-6)
        ok["J2"] = ok.get("J2", True) and close(J_fd, J2, atol=1e-6)
        ok["s2"] = ok.get("s2", True) and close(s ** 2 * np.outer(c, c), np.outer(xh, xh))
        Jy = fd_jac(lambda x_: gam * parts(x_, eps)[3] + bet, x)
        ok["Jy"] = ok.get("Jy", True) and close(Jy, np.diag(gam) @ J2, atol=1e-6)
        ok["sym1"] = ok.get("sym1", True) and close(J2, J2.T) and close(J2 @ one, np.zeros(H)) and abs(xh @ one) < 1e-12
        yb = rng.normal(size=H); g = gam * yb
        L = lambda x_, g_=gam, b_=bet: np.sum(yb * (g_ * parts(x_, eps)[3] + b_))
        vjp = s / H * (H * g - one * (one @ g) - xh * (xh @ g))
        ok["vjp"] = ok.get("vjp", True) and close(fd(L, x), vjp, atol=1e-6) \
            and close(fd(lambda g_: L(x, g_), gam), yb * xh) and close(fd(lambda b_: L(x, gam, b_), bet), yb)
    mu, var, s, xh = parts(x, 0.0)
    J0 = s / H * (H * np.eye(H) - np.outer(one, one) - np.outer(xh, xh))
    null_ok = abs(xh @ xh - H) < 1e-9 and close(J0 @ xh, np.zeros(H), atol=1e-9) \
        and np.linalg.matrix_rank(J0, tol=1e-8) == H - 2
    xs = np.array([1.0, 2, 3]); m3, v3, s3, xh3 = parts(xs, 0.0)
    inv_ok = close(parts(3.7 * x + 1.2, 0.0)[3], xh)
    return [
        (r"\frac{\partial \mu}{\partial \mathbf{x}} &= \tfrac1H \mathbf{1}^\intercal", ok["dmu"] and ok["dvar"] and ok["ds"]),
        (r"&= s\Big(I - \tfrac1H\mathbf{1}\mathbf{1}^\intercal\Big)", ok["J1"]),
        (r"H I - \mathbf{1}\mathbf{1}^\intercal - \hat{\mathbf{x}}\hat{\mathbf{x}}^\intercal", ok["J2"]),
        (r"where the last step uses $s^2", ok["s2"] and ok["Jy"]),
        (r"is symmetric, and $\mathbf{1}$ lies in its null space", ok["sym1"]),
        (r"the Jacobian has rank at most $H-2$", null_ok and inv_ok),
        (r"\bar{\mathbf{x}} = \frac{s}{H}\Big(H\mathbf{g}", ok["vjp"]),
        (r"we get $\mu = 2$, $\sigma^2 = 2/3$", abs(m3 - 2) < 1e-12 and abs(v3 - 2 / 3) < 1e-12
         and all(rt(v, w) for v, w in zip(xh3, ["-1.225", "0", "1.225"])) and abs(xh3 @ xh3 - 3) < 1e-12),
    ]


# ------------------------------------------------- 12 CE vs MSE (ru)
def f12():
    y = 1.0; z = -5.0
    mse = lambda z_: 0.5 * (sig(z_) - y) ** 2
    ce = lambda z_: -(y * np.log(sig(z_)) + (1 - y) * np.log(1 - sig(z_)))
    g_mse = (mse(z + 1e-6) - mse(z - 1e-6)) / 2e-6
    g_ce = (ce(z + 1e-6) - ce(z - 1e-6)) / 2e-6
    a = sig(z)
    ok_ce = True
    for zz in np.linspace(-4, 4, 9):
        for yy in (0.0, 1.0):
            aa = sig(zz)
            c_a = lambda a_: -(yy * np.log(a_) + (1 - yy) * np.log(1 - a_))
            ok_ce &= abs((c_a(aa + 1e-7) - c_a(aa - 1e-7)) / 2e-7 - (aa - yy) / (aa * (1 - aa))) < 1e-5
            c_z = lambda z_: -(yy * np.log(sig(z_)) + (1 - yy) * np.log(1 - sig(z_)))
            ok_ce &= abs((c_z(zz + 1e-6) - c_z(zz - 1e-6)) / 2e-6 - (aa - yy)) < 1e-6
    return [
        (r"= (a-y)\,\sigma(z) = (a-y)\,a. \tag{3.14}", abs(g_mse - (a - y) * a) < 1e-6),
        (r"\tag{3.15}", ok_ce),
        (r"$a = \sigma(-5) \approx 0{,}0067$", rt(a, "0{,}0067", comma_decimal=True)),
        (r"\approx -0{,}0066$", rt(g_mse, "-0{,}0066", comma_decimal=True)),
        (r"\approx -0{,}9933$", rt(g_ce, "-0{,}9933", comma_decimal=True)),
    ]


# ------------------------------------------------- 13 RNN BPTT
def f13():
    H, D, T = 3, 2, 4
    W = rng.normal(scale=0.7, size=(H, H)); U = rng.normal(size=(H, D)); b = rng.normal(size=H)
    xs = rng.normal(size=(T + 1, D)); h0 = rng.normal(size=H); tg = rng.normal(size=(T + 1, H))

    def run(W_=W, pert_t=None, pert=None, h_override=None):
        h = h0 if h_override is None else h_override
        hs = [h]; L = 0.0
        for t in range(1, T + 1):
            h = np.tanh(W_ @ h + U @ xs[t] + b)
            if pert_t == t:
                h = h + pert
            hs.append(h); L += 0.5 * np.sum((h - tg[t]) ** 2)
        return L, hs

    L, hs = run()
    tanh_ok = close(fd(lambda a: np.sum(np.tanh(a)), np.linspace(-2, 2, 7)), 1 - np.tanh(np.linspace(-2, 2, 7)) ** 2)

    def step(hprev, t):
        return np.tanh(W @ hprev + U @ xs[t] + b)

    J9 = all(close(fd_jac(lambda hp: step(hp, t), hs[t - 1]), np.diag(1 - hs[t] ** 2) @ W) for t in range(1, T + 1))
    # (10.10) with k = 1, t = 4
    def h_from(hk, k, t):
        h = hk
        for i in range(k + 1, t + 1):
            h = step(h, i)
        return h
    k, t = 1, 4
    P = np.eye(H)
    for i in range(t, k, -1):
        P = P @ (np.diag(1 - hs[i] ** 2) @ W)
    J10 = close(fd_jac(lambda hk: h_from(hk, k, t), hs[k]), P)
    delta = {T + 1: np.zeros(H)}
    hs_ext = hs + [np.zeros(H)]
    for tt in range(T, 0, -1):
        delta[tt] = (hs[tt] - tg[tt]) + W.T @ (delta[tt + 1] * (1 - hs_ext[tt + 1] ** 2))
    d_fd = {tt: fd(lambda e: run(pert_t=tt, pert=e)[0], np.zeros(H)) for tt in range(1, T + 1)}
    eq11 = all(close(delta[tt], d_fd[tt]) for tt in range(1, T + 1))
    gW = fd(lambda W_: run(W_=W_)[0], W)
    eq12_written = sum(np.outer(delta[tt] * (1 - hs[tt] ** 2), hs[tt]) for tt in range(1, T + 1))
    eq12_true = sum(np.outer(delta[tt] * (1 - hs[tt] ** 2), hs[tt - 1]) for tt in range(1, T + 1))
    assert close(gW, eq12_true), "internal sanity: h_{t-1} version must match FD"
    return [
        (r"$\tanh'(a) = 1 - \tanh^2(a)$", tanh_ok),
        (r"\tag{10.9}", J9),
        (r"\tag{10.10}", J10),
        (r"\tag{10.11}", eq11),
        (r"\tag{10.12}", close(gW, eq12_written)),
        (r"$0.9^{20} \approx 0.12$", rt(0.9 ** 20, "0.12")),
        (r"$0.5^{20}\approx 9.5\times10^{-7}$", rsci(0.5 ** 20, "9.5", -7)),
    ]


# ------------------------------------------------- 14 log-softmax cheat sheet
def f14():
    K = 5
    z = rng.normal(scale=3, size=K)
    lse_naive = np.log(np.sum(np.exp(z)))
    m = z.max()
    lse_stable = m + np.log(np.sum(np.exp(z - m)))
    p = softmax(z)
    logp_stable = (z - m) - np.log(np.sum(np.exp(z - m)))
    with np.errstate(over="ignore"):
        overflow = np.isinf(np.exp(np.float64(1000.0)))
    z2 = np.array([1000.0, 0.0]); m2 = z2.max(); lse2 = m2 + np.log(np.sum(np.exp(z2 - m2)))
    lp2 = z2 - lse2
    shift_ok = close(softmax(z - 7.3), p)
    lse = lambda z_: np.log(np.sum(np.exp(z_)))
    logsm = lambda z_: z_ - lse(z_)
    J = fd_jac(logsm, z)
    y = 2
    gnll = fd(lambda z_: -logsm(z_)[y], z)
    gb = rng.normal(size=K)
    zb = fd(lambda z_: gb @ logsm(z_), z)
    z3 = np.array([3.0, 1.0, -2.0]); S3 = np.sum(np.exp(z3 - 3)); lp3 = z3 - (3 + np.log(S3))
    p3 = softmax(z3)
    return [
        (r"$\log p_k = z_k - \operatorname{logsumexp}(\mathbf{z})$", close(np.log(p), z - lse_naive)),
        (r"m + \log\sum_j e^{z_j - m}$ — every exponent", abs(lse_naive - lse_stable) < 1e-12
         and np.all(z - m <= 0) and np.sum(np.exp(z - m)) >= 1),
        (r"$\log p_k = (z_k - m) - \log\sum_j e^{z_j - m}$.", close(logp_stable, np.log(p))),
        (r"the naive $e^{1000}$ overflows", bool(overflow) and abs(lp2[0]) < 1e-12 and abs(lp2[1] + 1000) < 1e-9),
        (r"$\operatorname{softmax}(\mathbf{z} - c\mathbf{1}) = \operatorname{softmax}(\mathbf{z})$", shift_ok),
        (r"$\partial \operatorname{logsumexp}(\mathbf{z})/\partial z_j = p_j$", close(fd(lse, z), p)),
        (r"i.e. the Jacobian of log-softmax is $I - \mathbf{1}\mathbf{p}^\top$", close(J, np.eye(K) - np.outer(np.ones(K), p))),
        (r"$\nabla_{\mathbf{z}}\ell = \mathbf{p} - \mathbf{e}_y$", close(gnll, p - np.eye(K)[y])),
        (r"$\bar{\mathbf{z}} = \bar{\mathbf{g}} - \mathbf{p}\,(\mathbf{1}^\top\bar{\mathbf{g}})$", close(zb, gb - p * gb.sum())),
        (r"$\mathbf{1}^\top\bar{\mathbf{z}} = 0$", abs(np.sum(gb - p * gb.sum())) < 1e-12),
        (r"1 + e^{-2} + e^{-5} \approx 1.1421", rt(S3, "1.1421")),
        (r"\operatorname{logsumexp}(\mathbf{z}) \approx 3.1328", rt(3 + np.log(S3), "3.1328")
         and all(rt(v, w) for v, w in zip(lp3, ["-0.1328", "-2.1328", "-5.1328"]))),
        (r"\approx (-0.1244, 0.1185, 0.0059)", rt(-lp3[0], "0.1328")
         and all(rt(v, w) for v, w in zip(p3 - [1, 0, 0], ["-0.1244", "0.1185", "0.0059"]))),
    ]


# ------------------------------------------------- 15 GRU / LSTM gates
def f15():
    H, D = 3, 2
    P = {k: rng.normal(scale=0.8, size=(H, D if k[0] == "W" else H)) for k in ("Wz", "Uz", "Wr", "Ur", "Wh", "Uh")}
    B = {k: rng.normal(size=H) for k in ("bz", "br", "bh")}
    x = rng.normal(size=D); hp = rng.normal(size=H); Gh = rng.normal(size=H)

    def cell(hp_, P_=P, B_=B, dz=0, dr=0, dht=0, daz=0, dar=0, dah=0):
        z = sig(P_["Wz"] @ x + P_["Uz"] @ hp_ + B_["bz"] + daz) + dz
        r = sig(P_["Wr"] @ x + P_["Ur"] @ hp_ + B_["br"] + dar) + dr
        ht = np.tanh(P_["Wh"] @ x + P_["Uh"] @ (r * hp_) + B_["bh"] + dah) + dht
        return (1 - z) * hp_ + z * ht, z, r, ht

    L = lambda **kw: Gh @ cell(hp, **kw)[0]
    h, z, r, ht = cell(hp)
    Z0 = np.zeros(H)
    fz = fd(lambda e: L(dz=e), Z0); faz = fd(lambda e: L(daz=e), Z0)
    fht = fd(lambda e: L(dht=e), Z0); fah = fd(lambda e: L(dah=e), Z0)
    fr = fd(lambda e: L(dr=e), Z0); far = fd(lambda e: L(dar=e), Z0)
    zb = Gh * (ht - hp); azb = zb * z * (1 - z)
    htb = Gh * z; ahb = htb * (1 - ht ** 2)
    rb = hp * (P["Uh"].T @ ahb); arb = rb * r * (1 - r)
    hpb = Gh * (1 - z) + P["Uz"].T @ azb + P["Ur"].T @ arb + r * (P["Uh"].T @ ahb)
    fhp = fd(lambda h_: Gh @ cell(h_)[0], hp)

    def gradP(name):
        return fd(lambda M: Gh @ cell(hp, P_={**P, name: M})[0], P[name])
    wg_ok = close(gradP("Uz"), np.outer(azb, hp)) and close(gradP("Wz"), np.outer(azb, x)) \
        and close(gradP("Uh"), np.outer(ahb, r * hp))
    # z ~ 0: state copied, gradient passes with factor ~ 1
    Bc = {**B, "bz": np.full(H, -30.0)}
    hc = cell(hp, B_=Bc)[0]
    pass_ok = close(hc, hp, atol=1e-9) and close(fd(lambda h_: Gh @ cell(h_, B_=Bc)[0], hp), Gh, atol=1e-6)
    # LSTM cell state
    f_, i_, g_, cp, Gc = (rng.uniform(size=H), rng.uniform(size=H), rng.normal(size=H), rng.normal(size=H), rng.normal(size=H))
    c = lambda f, i, g, cpv: Gc @ (f * cpv + i * g)
    lstm_ok = close(fd(lambda v: c(v, i_, g_, cp), f_), Gc * cp) and close(fd(lambda v: c(f_, v, g_, cp), i_), Gc * g_) \
        and close(fd(lambda v: c(f_, i_, v, cp), g_), Gc * i_) and close(fd(lambda v: c(f_, i_, g_, v), cp), Gc * f_)
    return [
        (r"&= (1-\mathbf{z}_t)\odot\mathbf{h}_{t-1} + \mathbf{z}_t\odot\tilde{\mathbf{h}}_t", close(h, (1 - z) * hp + z * ht)),
        (r"\bar{\mathbf{z}}_t &= \bar{\mathbf{h}}_t\odot(\tilde{\mathbf{h}}_t - \mathbf{h}_{t-1})", close(fz, zb) and close(faz, azb)),
        (r"\bar{\tilde{\mathbf{h}}}_t &= \bar{\mathbf{h}}_t\odot\mathbf{z}_t", close(fht, htb) and close(fah, ahb)),
        (r"\bar{\mathbf{r}}_t &= \mathbf{h}_{t-1}\odot", close(fr, rb) and close(far, arb)),
        (r"\label{eq:gru-dh}", close(fhp, hpb)),
        (r"e.g. $\partial\mathcal{L}/\partial U_z", wg_ok),
        (r"when $\mathbf{z}_t\approx 0$ the state is copied", pass_ok),
        (r"= 0.7\cdot 0.5 + 0.3\cdot 0.2 = 0.41", abs(0.7 * 0.5 + 0.3 * 0.2 - 0.41) < 1e-12
         and abs((0.2 - 0.5) + 0.3) < 1e-12 and abs(1 - 0.3 - 0.7) < 1e-12),
        (r"the same pattern gives", lstm_ok),
    ]


# ------------------------------------------------- 16 transformer counts
def f16():
    def counts(d):
        attn = 4 * (d * d + d)
        ffn = d * 4 * d + 4 * d + 4 * d * d + d
        ln = 2 * (d + d)
        return attn, ffn, ln, attn + ffn + ln
    d, n = 512, 1024
    attn, ffn, ln, tot = counts(d)
    ds = [64, 128, 512, 768, 1024]
    heads_ok = all(8 * (d_ * (d_ // 8)) == d_ * d_ for d_ in ds)
    fl_mm = 2 * (4 * d * d + 8 * d * d)
    fl_att = 2 * n * d + 2 * n * d
    return [
        (r"(so $d^2 = 262{,}144$)", d * d == 262144),
        (r"| $4d^2 + 4d$ | 1,050,624 |", all(counts(x)[0] == 4 * x * x + 4 * x for x in ds) and attn == 1050624),
        (r"| $8d^2 + 8d$ | 2,101,248 |", all(counts(x)[1] == 8 * x * x + 8 * x for x in ds) and ffn == 2101248),
        (r"| $4d$ | 2,048 |", ln == 2048),
        (r"| $12d^2 + 16d$ | **3,153,920** |", tot == 3153920),
        (r"The number of heads does not enter", heads_ok),
        (r"$2 \times 12d^2 = 24d^2 = 6{,}291{,}456$", fl_mm == 6291456),
        (r"$2nd + 2nd = 4nd = 2{,}097{,}152$", fl_att == 2097152),
        (r"total $\approx 8.39$ MFLOPs", rt((fl_mm + fl_att) / 1e6, "8.39") and 4 * 3073 * d > 24 * d * d >= 4 * 3072 * d),
        (r"about $25.2$ MFLOPs", rt(3 * (fl_mm + fl_att) / 1e6, "25.2")),
    ]


FILES = {
    "01_backprop_four_equations.md": f01,
    "02_faltung_ausgabegroesse.md": f02,
    "03_softmax_regression_appendix.md": f03,
    "04_batchnorm_backward_appendix.md": f04,
    "05_adam_exemple_numerique.md": f05,
    "06_vanishing_gradient_sigmoid_chain.md": f06,
    "07_quanlianjieceng_fanxiang_suchabiao.md": f07,
    "08_init_variance_relu.md": f08,
    "09_max_pooling_retropropagacion.md": f09,
    "10_attention_gradient_appendix.md": f10,
    "11_layernorm_jacobian_appendix.md": f11,
    "12_perekrestnaya_entropiya_vs_mse.md": f12,
    "13_rnn_bptt.md": f13,
    "14_log_softmax_cheatsheet.md": f14,
    "15_gru_gate_derivatives_appendix.md": f15,
    "16_transformer_block_counts.md": f16,
}


def main():
    expected = json.load(open(os.path.join(HERE, "expected.json"), encoding="utf-8"))
    md = sorted(f for f in os.listdir(HERE) if re.match(r"\d\d_.*\.md$", f))
    assert md == sorted(FILES) == sorted(expected), (md, sorted(expected))
    failures = 0
    for fname, fn in FILES.items():
        lines = open(os.path.join(HERE, fname), encoding="utf-8").read().splitlines()
        assert 12 <= len(lines) <= 35, (fname, len(lines))
        exp = expected[fname]
        claims = fn()
        located = []
        for sub, truth in claims:
            hits = [i + 1 for i, l in enumerate(lines) if sub in l]
            assert len(hits) == 1 and sum(l.count(sub) for l in lines) == 1, \
                f"{fname}: substring not unique/found ({hits}): {sub!r}"
            located.append((hits[0], bool(truth), sub))
        problems = []
        if exp is None:
            problems += [f"line {ln}: claim false: {s!r}" for ln, t, s in located if not t]
        else:
            problems += [f"line {ln} (before {exp}): claim false: {s!r}" for ln, t, s in located if ln < exp and not t]
            on = [t for ln, t, s in located if ln == exp]
            if not on or all(on):
                problems.append(f"no false claim on expected line {exp}")
        status = "ok" if not problems else "FAIL"
        kind = "correct" if exp is None else f"planted@{exp}"
        nfalse = sum(1 for _, t, _ in located if not t)
        print(f"{status:4s} {fname:45s} {kind:12s} claims={len(located):2d} false={nfalse}")
        for p in problems:
            print("     ", p)
        failures += bool(problems)
    print("ALL OK" if failures == 0 else f"{failures} file(s) failed")
    raise SystemExit(1 if failures else 0)


if __name__ == "__main__":
    main()
