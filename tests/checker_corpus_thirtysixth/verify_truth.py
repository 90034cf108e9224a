#!/usr/bin/env python3
"""Independent truth check of corpus36 (NumPy only).

For every file: a list of (substring identifying exactly one line, predicate).
Predicates check the mathematics *as it really is* (finite differences /
enumeration at random values, worked numbers recomputed and compared at the
precision shown).  The first line whose predicate is False is the first false
line of the file.  Exit non-zero if that disagrees with expected.json.
"""
import json
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(20240611)


# ----------------------------------------------------------------- helpers
def decimals_tol(shown):
    s = str(shown).strip().lower()
    if "e" in s:
        mant, ex = s.split("e")
        dec = len(mant.split(".")[1]) if "." in mant else 0
        return 0.5 * 10.0 ** (-dec) * 10.0 ** int(ex)
    dec = len(s.split(".")[1]) if "." in s else 0
    return 0.5 * 10.0 ** (-dec)


def ap(true, shown):
    """true value rounds to the shown string (at its shown precision)."""
    return abs(float(true) - float(shown)) <= decimals_tol(shown) * (1 + 1e-9) + 1e-12


def apv(trues, showns):
    trues = np.ravel(np.asarray(trues, dtype=float))
    return len(trues) == len(showns) and all(ap(t, s) for t, s in zip(trues, showns))


def eq(a, b, tol=1e-9):
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    if b.ndim == 0:  # scalar right-hand side: compare every entry with it
        b = np.full_like(a, float(b))
    return a.shape == b.shape and np.allclose(a, b, rtol=0, atol=tol)


def close(a, b, tol=1e-5):
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    if b.ndim == 0:  # scalar right-hand side: compare every entry with it
        b = np.full_like(a, float(b))
    return a.shape == b.shape and np.allclose(a, b, rtol=tol, atol=tol)


def ngrad(f, x, h=1e-6):
    x = np.asarray(x, dtype=float)
    g = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        e = np.zeros_like(x)
        e[idx] = h
        g[idx] = (f(x + e) - f(x - e)) / (2 * h)
    return g


def nder(f, x, h=1e-6):
    return (f(x + h) - f(x - h)) / (2 * h)


def trials(n=5):
    return range(n)


sig = lambda x: 1.0 / (1.0 + np.exp(-x))
dsig = lambda x: sig(x) * (1 - sig(x))


def softmax(z):
    e = np.exp(z - np.max(z, axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def jac_fd(f, z, h=1e-6):
    n = len(z)
    J = np.zeros((len(f(z)), n))
    for j in range(n):
        e = np.zeros(n)
        e[j] = h
        J[:, j] = (f(z + e) - f(z - e)) / (2 * h)
    return J


def ok_all(fn, n=5):
    return all(fn() for _ in trials(n))


CHECKS = {}


# ----------------------------------------------------------------- 01
def f01():
    def rand_z():
        return rng.normal(size=4)

    def diag_ok():
        z = rand_z()
        S = np.exp(z).sum()
        s = softmax(z)
        J = jac_fd(softmax, z)
        i = 1
        q = (np.exp(z[i]) * S - np.exp(z[i]) ** 2) / S**2
        return close(J[i, i], q) and close(q, s[i] - s[i] ** 2) and close(q, s[i] * (1 - s[i]))

    def off_ok():
        z = rand_z()
        S = np.exp(z).sum()
        s = softmax(z)
        J = jac_fd(softmax, z)
        i, j = 0, 2
        q = -np.exp(z[i]) * np.exp(z[j]) / S**2
        return close(J[i, j], q) and close(q, -s[i] * s[j])

    def plus_wrong():
        z = rand_z()
        s = softmax(z)
        J = jac_fd(softmax, z)
        S = 2.7
        d = nder(lambda u: 1 / u, S)
        return (not close(J[0, 2], s[0] * s[2])) and close(d, -1 / S**2)

    def delta_ok():
        z = rand_z()
        s = softmax(z)
        J = jac_fd(softmax, z)
        F = np.array([[s[i] * ((i == j) - s[j]) for j in range(4)] for i in range(4)])
        return close(J, F)

    def full_ok():
        z = rand_z()
        s = softmax(z)
        return close(jac_fd(softmax, z), np.diag(s) - np.outer(s, s))

    def sym_ok():
        z = rand_z()
        J = np.diag(softmax(z)) - np.outer(softmax(z), softmax(z))
        return close(J, J.T) and close(jac_fd(softmax, z), jac_fd(softmax, z).T)

    def rows_ok():
        z = rand_z()
        s = softmax(z)
        J = jac_fd(softmax, z)
        return close(J.sum(axis=1), 0) and close(s - s * s.sum(), 0) and np.linalg.matrix_rank(np.diag(s) - np.outer(s, s)) < 4

    def shift_ok():
        z = rand_z()
        return close(softmax(z).sum(), 1) and close(softmax(z + 3.7), softmax(z))

    z0 = np.array([0, np.log(2), np.log(3)])
    s0 = softmax(z0)
    J0 = np.diag(s0) - np.outer(s0, s0)
    return [
        (r"and $\partial S/\partial z_j = e^{z_j}$", lambda: ok_all(lambda: (lambda z: close(ngrad(lambda u: np.exp(u).sum(), z), np.exp(z)))(rand_z()))),
        (r"\frac{e^{z_i} S - e^{z_i} e^{z_i}}{S^2}", lambda: ok_all(diag_ok)),
        (r"= -\frac{e^{z_i} e^{z_j}}{S^2} = -s_i s_j", lambda: ok_all(off_ok)),
        (r"(First I had a plus sign", lambda: ok_all(plus_wrong)),
        (r"= s_i(\delta_{ij} - s_j).$$", lambda: ok_all(delta_ok)),
        (r"$$J = \operatorname{diag}(s) - s s^\top.$$", lambda: ok_all(full_ok)),
        (r"Hence $J$ is symmetric", lambda: ok_all(sym_ok)),
        (r"Each row sums to zero", lambda: ok_all(rows_ok)),
        (r"That is expected:", lambda: ok_all(shift_ok)),
        (r"Take $z = (0, \ln 2, \ln 3)$", lambda: eq(np.exp(z0), [1, 2, 3]) and eq(np.exp(z0).sum(), 6) and eq(s0, [1 / 6, 1 / 3, 1 / 2])),
        (r"$J_{11} = \frac16\cdot\frac56", lambda: eq(J0[0, 0], 1 / 6 * 5 / 6) and eq(J0[0, 0], 5 / 36) and eq(J0[0, 1], -1 / 6 * 1 / 3) and eq(J0[0, 1], -1 / 18) and eq(J0[0, 2], -1 / 6 * 1 / 2) and eq(J0[0, 2], -1 / 12)),
        (r"Row 1: $\frac{5}{36}", lambda: eq(J0[0], [5 / 36, -2 / 36, -3 / 36]) and eq(5 / 36 - 2 / 36 - 3 / 36, 0)),
        (r"$J_{22} = \frac13\cdot\frac23", lambda: eq(J0[1, 1], 1 / 3 * 2 / 3) and eq(J0[1, 1], 2 / 9) and eq(J0[2, 2], 1 / 4) and eq(J0[1, 2], -1 / 6)),
        (r"Trace: $\operatorname{tr} J", lambda: eq(np.diag(J0), [5 / 36, 8 / 36, 9 / 36]) and eq(np.trace(J0), 22 / 36) and eq(22 / 36, 11 / 18) and eq(np.trace(J0), 1 - (s0**2).sum()) and eq((s0**2).sum(), 14 / 36)),
    ]


CHECKS["01_softmax_jacobian_notes.md"] = f01


# ----------------------------------------------------------------- 02
def f02():
    K = 4

    def onehot(k, K=K):
        y = np.zeros(K)
        y[k] = 1
        return y

    lse = lambda z: np.log(np.exp(z).sum())
    ce = lambda z, y: -(y * np.log(softmax(z))).sum()

    def logp_ok():
        z = rng.normal(size=K)
        return close(np.log(softmax(z)), z - lse(z))

    def L_ok():
        z = rng.normal(size=K)
        y = onehot(rng.integers(K))
        L = ce(z, y)
        a = -(y * z).sum() + y.sum() * lse(z)
        b = -(y * z).sum() + lse(z)
        return close(L, a) and close(a, b)

    def dzi_ok():
        z = rng.normal(size=K)
        y = onehot(rng.integers(K))
        g = ngrad(lambda u: ce(u, y), z)
        p = softmax(z)
        return close(g, -y + np.exp(z) / np.exp(z).sum()) and close(g, p - y)

    def jac_route_ok():
        z = rng.normal(size=K)
        y = onehot(rng.integers(K))
        p = softmax(z)
        J = np.diag(p) - np.outer(p, p)
        return close(J.T @ (-y / p), p - y) and close(ngrad(lambda u: ce(u, y), z), p - y)

    z = np.array([2.0, 1.0, 0.0])
    y = np.array([0.0, 1.0, 0.0])
    p = softmax(z)
    L1 = -np.log(p[1])
    z2 = np.zeros(3)
    y2 = np.array([1.0, 0, 0])
    L2 = -np.log(softmax(z2)[0])
    Z = np.vstack([z, z2])
    Y = np.vstack([y, y2])
    batch = lambda Zm, Ym: np.mean([ce(Zm[n], Ym[n]) for n in range(len(Zm))])
    Gtrue = ngrad(lambda U: batch(U, Y), Z)

    def dZ_claim():
        N = 3
        Zr = rng.normal(size=(N, K))
        Yr = np.vstack([onehot(rng.integers(K)) for _ in range(N)])
        G = ngrad(lambda U: batch(U, Yr), Zr)
        return close(G, softmax(Zr) - Yr)

    def dW_claim():
        N, D = 3, 2
        X = rng.normal(size=(N, D))
        W = rng.normal(size=(D, K))
        b = rng.normal(size=K)
        Yr = np.vstack([onehot(rng.integers(K)) for _ in range(N)])
        P = softmax(X @ W + b)
        gW = ngrad(lambda U: batch(X @ U + b, Yr), W)
        gb = ngrad(lambda u: batch(X @ W + u, Yr), b)
        return close(gW, X.T @ (P - Yr)) and close(gb, (P - Yr).T @ np.ones(N))

    def shapes_ok():
        N, D = 5, 3
        X = np.zeros((N, D))
        PY = np.zeros((N, K))
        return (X.T @ PY).shape == (D, K) and (PY.T @ np.ones(N)).shape == (K,)

    return [
        (r"Es ist $\log p_k = z_k - \log\sum_j e^{z_j}$", lambda: ok_all(logp_ok)),
        (r"$$L = -\sum_k y_k z_k + \Big(\sum_k y_k\Big)", lambda: ok_all(L_ok)),
        (r"weil $y$ one-hot ist, also $\sum_k y_k = 1$", lambda: all(onehot(k).sum() == 1 for k in range(K))),
        (r"Ableitung nach $z_i$", lambda: ok_all(dzi_ok)),
        (r"Also $\nabla_z L = p - y$. (Erst hatte ich", lambda: ok_all(jac_route_ok)),
        (r"$e^{z} \approx (7.389", lambda: apv(np.exp(z), ["7.389", "2.718", "1.000"]) and ap(np.exp(z).sum(), "11.107")),
        (r"$p \approx (0.665,\ 0.245,\ 0.090)$", lambda: apv(p, ["0.665", "0.245", "0.090"])),
        (r"$L = -\log p_2 \approx 1.408$", lambda: ap(L1, "1.408") and close(ce(z, y), L1)),
        (r"$\nabla_z L \approx (0.665,\ -0.755,\ 0.090)$", lambda: apv(ngrad(lambda u: ce(u, y), z), ["0.665", "-0.755", "0.090"]) and abs((p - y).sum()) < 1e-12),
        (r"Für $N = 2$ nehme ich", lambda: close(L2, np.log(3)) and ap(L2, "1.099")),
        (r"Damit $\mathcal{L} = \frac12", lambda: ap(batch(Z, Y), "1.25") and close(batch(Z, Y), (L1 + L2) / 2)),
        (r"$$\frac{\partial \mathcal{L}}{\partial Z} = P - Y.$$", lambda: ok_all(dZ_claim)),
        (r"Für das Beispiel sind die Zeilen", lambda: apv(Gtrue[0], ["0.665", "-0.755", "0.090"]) and apv(Gtrue[1], ["-0.667", "0.333", "0.333"])),
        (r"$$\frac{\partial \mathcal{L}}{\partial W} = X^\top (P - Y)", lambda: ok_all(dW_claim)),
        (r"Formen: $X^\top(P-Y)$ ist", shapes_ok),
    ]


CHECKS["02_kreuzentropie_softmax_batch_de.md"] = f02


# ----------------------------------------------------------------- 03
def f03():
    xs = rng.normal(scale=2.0, size=6)
    grid = np.linspace(-8, 8, 16001)

    def chain_ok():
        return all(close(nder(sig, x), -(1 + np.exp(-x)) ** -2 * (-np.exp(-x))) and close(nder(sig, x), np.exp(-x) / (1 + np.exp(-x)) ** 2) for x in xs)

    def first_wrong():
        w = -(1 + np.exp(-grid)) ** -2
        return np.all(w < 0) and np.all(dsig(grid) > 0) and not close(w[100], dsig(grid[100]))

    split = lambda x: close(np.exp(-x) / (1 + np.exp(-x)) ** 2, 1 / (1 + np.exp(-x)) * np.exp(-x) / (1 + np.exp(-x)))
    one_minus = lambda x: close(np.exp(-x) / (1 + np.exp(-x)), 1 - 1 / (1 + np.exp(-x))) and close(1 - 1 / (1 + np.exp(-x)), 1 - sig(x))

    def max_ok():
        s = rng.uniform(0.01, 0.99, size=5)
        g = lambda u: u * (1 - u)
        return (all(close(nder(g, si), 1 - 2 * si) for si in s) and 1 - 2 * 0.5 == 0
                and all(close((g(si + 1e-4) - 2 * g(si) + g(si - 1e-4)) / 1e-8, -2, 1e-3) for si in s))

    def at0_ok():
        d = dsig(grid)
        return sig(0.0) == 0.5 and np.all(np.abs(sig(grid[grid != 0]) - 0.5) > 0) and abs(grid[np.argmax(d)]) < 1e-9 and close(d.max(), 0.25) and close(0.5 * 0.5, 0.25)

    def second_ok():
        ok = all(close(nder(dsig, x), dsig(x) * (1 - 2 * sig(x))) for x in xs)
        v = dsig(grid) * (1 - 2 * sig(grid))
        zeros = np.where(np.abs(v) < 1e-12)[0]
        sign_changes = np.where(np.diff(np.sign(v)) != 0)[0]
        return ok and all(abs(grid[i]) < 1e-9 for i in zeros) and len(sign_changes) <= 2 and all(abs(grid[i]) < 2e-3 for i in sign_changes)

    return [
        (r"We want $\sigma'(x)$ for $\sigma(x) = \dfrac{1}{1+e^{-x}} = (1+e^{-x})^{-1}$", lambda: all(close(1 / (1 + np.exp(-x)), (1 + np.exp(-x)) ** -1.0) for x in xs)),
        (r"By the chain rule (outer $u^{-1}$, inner", lambda: all(close(nder(lambda u: 1 + np.exp(-u), x), -np.exp(-x)) for x in xs)),
        (r"$$\sigma'(x) = -(1+e^{-x})^{-2}\cdot(-e^{-x})", chain_ok),
        (r"My first attempt forgot the inner derivative", first_wrong),
        (r"= \frac{1}{1+e^{-x}}\cdot\frac{e^{-x}}{1+e^{-x}},$$", lambda: all(split(x) for x in xs)),
        (r"and $\dfrac{e^{-x}}{1+e^{-x}} = 1 -", lambda: all(one_minus(x) for x in xs)),
        (r"Hence $\sigma'(x) = \sigma(x)\,\bigl(1-\sigma(x)\bigr)$.", lambda: all(close(nder(sig, x), sig(x) * (1 - sig(x))) for x in xs)),
        (r"Also $1-\sigma(x) = \sigma(-x)$", lambda: all(close(1 - sig(x), sig(-x)) and close(nder(sig, x), sig(x) * sig(-x)) and close(nder(sig, x), nder(sig, -x)) for x in xs)),
        (r"Put $s = \sigma(x) \in (0,1)$", max_ok),
        (r"$\sigma(x) = \tfrac12$ exactly at $x = 0$", at0_ok),
        (r"Same thing from the second derivative", second_ok),
        (r"$\sigma(2) \approx 0.8808$, so", lambda: ap(sig(2), "0.8808") and ap(1 - sig(2), "0.1192") and ap(nder(sig, 2.0), "0.1050")),
        (r"By evenness $\sigma'(-2)", lambda: ap(nder(sig, -2.0), "0.1050")),
        (r"$\sigma'(0.5) \approx 0.2350$", lambda: ap(nder(sig, 0.5), "0.2350") and nder(sig, 0.5) < 0.25),
        (r"So through $L$ stacked sigmoids", lambda: (0.25) ** 5 == 1 / 1024 and ap(1 / 1024, "9.8e-4") and close(max(dsig(grid)) ** 5, 1 / 1024)),
    ]


CHECKS["03_sigmoid_derivative_max.md"] = f03


# ----------------------------------------------------------------- 04
def f04():
    xs = rng.normal(scale=1.5, size=6)
    dtanh = lambda x: nder(np.tanh, x)
    return [
        (r"$$\tanh x = \frac{e^{x}-e^{-x}}{e^{x}+e^{-x}}", lambda: all(close(np.tanh(x), (np.exp(x) - np.exp(-x)) / (np.exp(x) + np.exp(-x))) and close(np.tanh(x), (1 - np.exp(-2 * x)) / (1 + np.exp(-2 * x))) for x in xs)),
        (r"$$2\sigma(2x) - 1 = \frac{2}{1+e^{-2x}} - 1", lambda: all(close(2 * sig(2 * x) - 1, 2 / (1 + np.exp(-2 * x)) - 1) and close(2 / (1 + np.exp(-2 * x)) - 1, (1 - np.exp(-2 * x)) / (1 + np.exp(-2 * x))) for x in xs)),
        (r"Por lo tanto $\tanh x = 2\sigma(2x) - 1$.", lambda: all(close(np.tanh(x), 2 * sig(2 * x) - 1) for x in xs)),
        (r"Comprobación numérica", lambda: ap(sig(2), "0.8808") and ap(2 * sig(2) - 1, "0.7616") and ap(np.tanh(1), "0.7616")),
        (r"Uso $\sigma'(u) = \sigma(u)\,(1-\sigma(u))$", lambda: all(close(nder(sig, x), sig(x) * (1 - sig(x))) and close(np.tanh(x), 2 * sig(2 * x) - 1) for x in xs)),
        (r"$$\tanh'(x) = 2\,\sigma'(2x) = 2\,\sigma(2x)", lambda: all(close(dtanh(x), 2 * nder(sig, 2 * x)) and close(2 * nder(sig, 2 * x), 2 * sig(2 * x) * (1 - sig(2 * x))) for x in xs)),
        (r"Ahora paso a $\tanh$", lambda: all(close(sig(2 * x), (1 + np.tanh(x)) / 2) and close(1 - sig(2 * x), (1 - np.tanh(x)) / 2) for x in xs)),
        (r"$$\tanh'(x) = 2\cdot\frac{(1+\tanh x)(1-\tanh x)}{4}", lambda: all(close(dtanh(x), 2 * (1 + np.tanh(x)) * (1 - np.tanh(x)) / 4) and close(dtanh(x), (1 - np.tanh(x) ** 2) / 2) for x in xs)),
        (r"En $x = 0$: $\tanh'(0) = \tfrac12$", lambda: close(dtanh(0.0), 0.5) and np.argmax([dtanh(x) for x in np.linspace(-3, 3, 601)]) == 300),
        (r"Numéricamente en $x = 1$", lambda: ap(np.tanh(1) ** 2, "0.5800") and ap(dtanh(1.0), "0.2100") and close((1 - 0.58) / 2, 0.21)),
        (r"Conclusión: como $\tanh$ es impar", lambda: all(close(np.tanh(-x), -np.tanh(x)) and close(dtanh(-x), dtanh(x)) for x in xs)),
    ]


CHECKS["04_tanh_via_sigmoid_es.md"] = f04


# ----------------------------------------------------------------- 05
def f05():
    x = np.array([1.0, 2.0])
    W1 = np.array([[1.0, -1.0], [0.5, 1.0]])
    b1 = np.array([0.0, -1.0])
    w2 = np.array([2.0, -1.0])
    b2 = 0.5
    yt = 1.0

    def fwd(W1=W1, b1=b1, w2=w2, b2=b2, x=x):
        a = W1 @ x + b1
        h = np.maximum(a, 0)
        yh = w2 @ h + b2
        return a, h, yh, 0.5 * (yh - yt) ** 2

    a, h, yh, L = fwd()
    Lf = lambda **kw: fwd(**kw)[3]
    gw2 = ngrad(lambda u: Lf(w2=u), w2)
    gb2 = nder(lambda u: Lf(b2=u), b2)
    gh = (yh - yt) * w2  # dL/dh (h as free variable)
    gh_fd = ngrad(lambda u: 0.5 * (w2 @ u + b2 - yt) ** 2, h)
    ga = ngrad(lambda u: 0.5 * (w2 @ np.maximum(u, 0) + b2 - yt) ** 2, a)
    gW1 = ngrad(lambda u: Lf(W1=u), W1)
    gb1 = ngrad(lambda u: Lf(b1=u), b1)
    gx = ngrad(lambda u: Lf(x=u), x)
    eta = 0.1
    w2n = w2 - eta * gw2
    b2n = b2 - eta * gb2
    yn = w2n @ h + b2n
    Ln = 0.5 * (yn - yt) ** 2
    return [
        (r"$a = W_1 x + b_1 = (1 - 2 + 0", lambda: eq(a, [-1, 1.5]) and eq([1 - 2 + 0, 0.5 + 2 - 1], a)),
        (r"$h = \mathrm{ReLU}(a) = (0,\ 1.5)$", lambda: eq(h, [0, 1.5])),
        (r"$\hat y = 2\cdot 0 + (-1)\cdot 1.5 + 0.5 = -1$", lambda: eq(yh, -1) and eq(2 * 0 + (-1) * 1.5 + 0.5, -1)),
        (r"$L = \tfrac12(-1 - 1)^2 = 2$", lambda: eq(L, 2)),
        (r"$\partial L/\partial \hat y = \hat y - y = -2$", lambda: close(nder(lambda u: 0.5 * (u - yt) ** 2, yh), -2)),
        (r"$\partial L/\partial w_2 = (\hat y - y)\,h = (0,\ -3)$", lambda: close(gw2, (yh - yt) * h) and close(gw2, [0, -3]) and close(gb2, -2)),
        (r"$\partial L/\partial h = (\hat y - y)\,w_2 = (-4,\ 2)$", lambda: close(gh_fd, gh) and close(gh_fd, [-4, 2])),
        (r"By the ReLU derivative $\mathbb{1}[a > 0] = (0, 1)$", lambda: eq((a > 0).astype(float), [0, 1]) and close(ga, [0, 2])),
        (r"At first I also let the $-4$ through", lambda: a[0] == -1 and a[0] < 0 and close(ga[0], 0) and close(gW1[0], 0)),
        (r"$\partial L/\partial W_1 = (\partial L/\partial a)\,x^\top", lambda: close(gW1, np.outer(ga, x)) and close(gW1, [[0, 0], [2, 4]]) and close(gb1, [0, 2])),
        (r"For completeness $\partial L/\partial x", lambda: close(gx, W1.T @ ga) and close(gx, [1, 2])),
        (r"$w_2 \leftarrow (2, -1) - 0.1\,(0, -3)", lambda: close(w2n, [2, -0.7]) and close(b2n, 0.7)),
        (r"New output $\hat y = -0.7\cdot 1.5 + 0.7", lambda: close(yn, -0.35) and close(-0.7 * 1.5 + 0.7, -0.35) and close(0.5 * 1.35**2, Ln) and ap(Ln, "0.911") and Ln < 2),
        (r"Sanity: a finite-difference check on $w_{2,2}$", lambda: ap(nder(lambda u: Lf(w2=np.array([2.0, u])), -1.0, 1e-4), "-3")),
    ]


CHECKS["05_relu_221_backprop_hw.md"] = f05


# ----------------------------------------------------------------- 06
def f06():
    N, d = 5, 3

    def rnd():
        return rng.normal(size=(N, d)), rng.normal(size=d), rng.normal(size=N)

    J = lambda X, w, y: ((X @ w - y) ** 2).sum() / len(y)

    def expand_ok():
        X, w, y = rnd()
        r = X @ w - y
        return close(r @ r, np.linalg.norm(r) ** 2) and close(r @ r, w @ X.T @ X @ w - 2 * y @ X @ w + y @ y)

    def rules_ok():
        M = rng.normal(size=(d, d))
        X, w, y = rnd()
        return (close(ngrad(lambda u: u @ M @ u, w), (M + M.T) @ w)
                and close(ngrad(lambda u: u @ X.T @ X @ u, w), 2 * X.T @ X @ w)
                and close(X.T @ X, (X.T @ X).T))

    def lin_ok():
        c = rng.normal(size=d)
        X, w, y = rnd()
        return close(ngrad(lambda u: c @ u, w), c) and close(ngrad(lambda u: y @ X @ u, w), X.T @ y)

    def grad_claim():
        X, w, y = rnd()
        return close(ngrad(lambda u: J(X, u, y), w), X.T @ (X @ w - y) / N)

    def hess_claim():
        X, w, y = rnd()
        H = np.zeros((d, d))
        g = lambda u: ngrad(lambda v: J(X, v, y), u, 1e-5)
        H = jac_fd(g, w, 1e-4)
        return close(H, X.T @ X / N, 1e-4) and np.all(np.linalg.eigvalsh(X.T @ X) >= -1e-12)

    def normal_ok():
        X, w, y = rnd()
        ws = np.linalg.solve(X.T @ X, X.T @ y)
        return close(ngrad(lambda u: J(X, u, y), ws), 0) and not close(ngrad(lambda u: J(X, u, y), w), 0)

    Xn = np.array([[1.0, 0], [1, 1], [1, 2]])
    yn = np.array([1.0, 2, 2])
    ws = np.array([7 / 6, 1 / 2])
    return [
        (r"= w^\top X^\top X w - 2\,y^\top X w + y^\top y.$$", lambda: ok_all(expand_ok)),
        (r"Le terme croisé vient de", lambda: ok_all(lambda: (lambda X, w, y: close(w @ X.T @ y, y @ X @ w))(*rnd()))),
        (r"Pour $M$ quelconque", lambda: ok_all(rules_ok)),
        (r"Et $\nabla_w (c^\top w) = c$", lambda: ok_all(lin_ok)),
        (r"$$\nabla_w J = \frac{1}{N}\,X^\top (Xw - y).$$", lambda: ok_all(grad_claim)),
        (r"Vérification des dimensions", lambda: (np.zeros((N, d)).T @ np.zeros(N)).shape == (d,)),
        (r"La hessienne est alors", lambda: ok_all(hess_claim, 3)),
        (r"**Étape 4 : équations normales.**", lambda: ok_all(normal_ok)),
        (r"$X = \begin{pmatrix} 1 & 0 \\ 1 & 1 \\ 1 & 2 \end{pmatrix}$", lambda: Xn.shape[0] == 3),
        (r"$X^\top X = \begin{pmatrix} 3 & 3 \\ 3 & 5 \end{pmatrix}$", lambda: eq(Xn.T @ Xn, [[3, 3], [3, 5]]) and eq(Xn.T @ yn, [5, 6])),
        (r"En $w = 0$ :", lambda: close(ngrad(lambda u: J(Xn, u, yn), np.zeros(2)), [-5 / 3, -2]) and eq(-np.array([5, 6]) / 3, [-5 / 3, -2])),
        (r"Solution : $\det(X^\top X) = 6$", lambda: close(np.linalg.det(Xn.T @ Xn), 6) and close(np.linalg.inv(Xn.T @ Xn), np.array([[5, -3], [-3, 3]]) / 6) and close(np.array([[5, -3], [-3, 3]]) @ [5, 6] / 6, ws) and close(np.linalg.solve(Xn.T @ Xn, Xn.T @ yn), ws)),
        (r"Résidus :", lambda: close(Xn @ ws - yn, [1 / 6, -1 / 3, 1 / 6]) and close(Xn.T @ (Xn @ ws - yn), 0)),
    ]


CHECKS["06_regression_lineaire_mse_fr.md"] = f06


# ----------------------------------------------------------------- 07
def f07():
    bce = lambda p, y: -(y * np.log(p) + (1 - y) * np.log(1 - p))

    def dLdp():
        p = rng.uniform(0.05, 0.95)
        return all(close(nder(lambda u: bce(u, y), p), -y / p + (1 - y) / (1 - p)) for y in (0.0, 1.0))

    def dLdz():
        z = rng.normal()
        p = sig(z)
        return all(close(nder(lambda u: bce(sig(u), y), z), -y * (1 - p) + (1 - y) * p) and close(-y * (1 - p) + (1 - y) * p, p - y) for y in (0.0, 1.0))

    def dLdw():
        x = rng.normal(size=3)
        w = rng.normal(size=3)
        b = rng.normal()
        ok = True
        for y in (0.0, 1.0):
            p = sig(w @ x + b)
            ok &= close(ngrad(lambda u: bce(sig(u @ x + b), y), w), (p - y) * x)
            ok &= close(nder(lambda u: bce(sig(w @ x + u), y), b), p - y)
        ok &= close(ngrad(lambda u: u @ x + b, w), x) and close(nder(lambda u: w @ x + u, b), 1)
        return ok

    x = np.array([1.0, 2.0])
    y = 1.0
    w = np.array([0.5, -0.25])
    b = 0.1
    eta = 0.5
    z = w @ x + b
    p = sig(z)
    L = bce(p, y)
    gw = ngrad(lambda u: bce(sig(u @ x + b), y), w)
    gb = nder(lambda u: bce(sig(w @ x + u), y), b)
    wn = w - eta * gw
    bn = b - eta * gb
    zn = wn @ x + bn
    pn = sig(zn)
    Ln = bce(pn, y)
    return [
        (r"$\dfrac{\partial L}{\partial p} = -\dfrac{y}{p}", lambda: ok_all(dLdp)),
        (r"$\dfrac{\partial p}{\partial z} = p(1-p)$", lambda: ok_all(lambda: (lambda z: close(nder(sig, z), sig(z) * (1 - sig(z))))(rng.normal()))),
        (r"Multiplying, by the chain rule:", lambda: ok_all(dLdz)),
        (r"Since $\partial z/\partial w = x$", lambda: ok_all(dLdw)),
        (r"$z = 0.5\cdot 1 + (-0.25)\cdot 2 + 0.1 = 0.1$", lambda: close(z, 0.1)),
        (r"$p = \sigma(0.1) \approx 0.5250$", lambda: ap(p, "0.5250")),
        (r"$L = -\log 0.5250 \approx 0.6444$", lambda: ap(L, "0.6444") and ap(-np.log(0.5250), "0.6444")),
        (r"$p - y \approx -0.4750$", lambda: ap(p - y, "-0.4750")),
        (r"$\nabla_w L \approx (-0.4750,\ -0.9500)$", lambda: apv(gw, ["-0.4750", "-0.9500"]) and ap(gb, "-0.4750")),
        (r"$w_1 = 0.5 - 0.5\cdot(-0.4750) = 0.7375$", lambda: ap(wn[0], "0.7375") and close(0.5 - 0.5 * (-0.4750), 0.7375)),
        (r"$w_2 = -0.25 - 0.5\cdot(-0.9500)", lambda: ap(wn[1], "0.7250") and close(-0.25 - 0.5 * (-0.95), 0.7250)),
        (r"$b = 0.1 - 0.5\cdot(-0.4750) = 0.3375$", lambda: ap(bn, "0.3375") and close(0.1 - 0.5 * (-0.475), 0.3375)),
        (r"$z_{\text{new}} = 0.7375", lambda: ap(zn, "2.525") and ap(pn, "0.9259")),
        (r"$L_{\text{new}} = -\log 0.9259", lambda: ap(Ln, "0.0770") and Ln < L),
    ]


CHECKS["07_logreg_by_hand_numbers.md"] = f07


# ----------------------------------------------------------------- 08
def f08():
    def count_windows(W, K, P, S):
        return len(range(-P, W + P - K + 1, S))

    def formula_ok():
        for _ in range(300):
            W = int(rng.integers(3, 40))
            K = int(rng.integers(1, W + 1))
            P = int(rng.integers(0, 4))
            S = int(rng.integers(1, 5))
            if count_windows(W, K, P, S) != (W + 2 * P - K) // S + 1:
                return False
        return True

    def plus1_ok():
        # without the +1 the count is one too small, e.g. K = W gives exactly one window
        return count_windows(7, 7, 0, 1) == 1 and (7 - 7) // 1 == 0

    O = lambda W, K, P, S: (W + 2 * P - K) // S + 1
    return [
        (r"$$O = \left\lfloor \frac{W + 2P - K}{S} \right\rfloor + 1.$$", formula_ok),
        (r"(The $+1$ counts the first window position", plus1_ok),
        (r"$O = (32 + 4 - 5)/1 + 1 = 32$", lambda: O(32, 5, 2, 1) == 32 and 32 + 4 - 5 + 1 == 32),
        (r"Parameters: $5\cdot5\cdot3\cdot16 + 16 = 1216$", lambda: 5 * 5 * 3 * 16 + 16 == 1216),
        (r"Note $P = (K-1)/2 = 2$", lambda: (5 - 1) / 2 == 2 and O(32, 5, 2, 1) == 32 and all(O(W, 5, 2, 1) == W for W in range(5, 64))),
        (r"$O = (32 - 2)/2 + 1 = 16$", lambda: O(32, 2, 0, 2) == 16 and (32 - 2) / 2 + 1 == 16),
        (r"$O = \lfloor (16 - 3)/2 \rfloor + 1", lambda: O(16, 3, 0, 2) == 7 and (16 - 3) / 2 == 6.5 and np.floor(6.5) + 1 == 7),
        (r"I first got 8 here by rounding", lambda: np.ceil(6.5) + 1 == 8 and count_windows(16, 3, 0, 2) == 7),
        (r"Parameters: $3\cdot3\cdot16\cdot32 + 32 = 4640$", lambda: 3 * 3 * 16 * 32 + 32 == 4640),
        (r"$O = (7 + 2 - 3)/1 + 1 = 7$", lambda: O(7, 3, 1, 1) == 7),
        (r"Parameters: $3\cdot3\cdot32\cdot64 + 64 = 18496$", lambda: 3 * 3 * 32 * 64 + 64 == 18496),
        (r"Flatten: $7\cdot7\cdot64 = 3136$", lambda: 7 * 7 * 64 == 3136),
        (r"Total conv parameters:", lambda: 1216 + 4640 + 18496 == 24352),
        (r"Check of the formula by counting", lambda: list(range(0, 5 - 3 + 1, 2)) == [0, 2] and O(5, 3, 0, 2) == 2),
    ]


CHECKS["08_conv_output_sizes.md"] = f08


# ----------------------------------------------------------------- 09
def f09():
    X = np.array([[1, 3, 2, 0], [4, 2, 1, 5], [0, 1, 3, 2], [2, 6, 1, 1]], dtype=float)
    G = np.array([[0.1, -0.2], [0.3, 0.4]])

    def pool(A, k=2, s=2):
        n = (A.shape[0] - k) // s + 1
        return np.array([[A[i * s:i * s + k, j * s:j * s + k].max() for j in range(n)] for i in range(n)])

    Y = pool(X)
    dX = ngrad(lambda A: (pool(A) * G).sum(), X, 1e-6)

    def block(i, j):
        B = X[2 * i:2 * i + 2, 2 * j:2 * j + 2]
        r, c = np.unravel_index(np.argmax(B), B.shape)
        return sorted(B.ravel().tolist()), B.max(), (2 * i + r + 1, 2 * j + c + 1)

    def overlap_ok():
        n = 3
        cnt = np.zeros_like(X)
        for i in range(n):
            for j in range(n):
                B = X[i:i + 2, j:j + 2]
                r, c = np.unravel_index(np.argmax(B), B.shape)
                cnt[i + r, j + c] += 1
        return pool(X, 2, 1).shape == (3, 3) and cnt.max() > 1 and cnt[3, 1] == 2

    return [
        (r"Rozmiar wyjścia: $(4 - 2)/2 + 1 = 2$", lambda: (4 - 2) // 2 + 1 == 2 and Y.shape == (2, 2)),
        (r"- lewy górny", lambda: block(0, 0) == (sorted([1, 3, 4, 2]), 4, (2, 1))),
        (r"- prawy górny", lambda: block(0, 1) == (sorted([2, 0, 1, 5]), 5, (2, 4))),
        (r"- lewy dolny", lambda: block(1, 0) == (sorted([0, 1, 2, 6]), 6, (4, 2))),
        (r"- prawy dolny", lambda: block(1, 1) == (sorted([3, 2, 1, 1]), 3, (3, 3))),
        (r"Zatem $Y = \begin{pmatrix} 4 & 5 \\ 6 & 3 \end{pmatrix}$", lambda: eq(Y, [[4, 5], [6, 3]])),
        (r"Każde $Y_{pq}$ zależy lokalnie", lambda: close(ngrad(lambda v: v.max(), np.array([1.0, 3, 4, 2])), [0, 0, 1, 0])),
        (r"$$\frac{\partial L}{\partial X} = \begin{pmatrix}", lambda: close(dX, [[0, 0, 0, 0], [0.1, 0, 0, -0.2], [0, 0, 0.4, 0], [0, 0.3, 0, 0]])),
        (r"Najpierw rozdzieliłem $0.1$", lambda: close(0.1 / 4, 0.025) and close(ngrad(lambda v: v.mean() * 0.1, np.array([1.0, 3, 4, 2])), [0.025] * 4) and not close(dX[0:2, 0:2].ravel(), [0.025] * 4)),
        (r"Kontrola: suma wpisów", lambda: close(dX.sum(), 0.6) and close(0.1 - 0.2 + 0.3 + 0.4, 0.6) and close(G.sum(), 0.6)),
        (r"Niezerowe są tylko $4$ z $16$", lambda: int((np.abs(dX) > 1e-9).sum()) == 4 and dX.size == 16 and abs(dX[0, 0]) < 1e-9 and X[0, 0] < X[0:2, 0:2].max()),
        (r"Dla porównania: przy stride $1$", lambda: (4 - 2) // 1 + 1 == 3 and overlap_ok()),
    ]


CHECKS["09_maxpool_gradient_pl.md"] = f09


# ----------------------------------------------------------------- 10
def f10():
    # exact expectations / variances by enumerating m in {0,1}
    def E(fn, p):
        return p * fn(1.0) + (1 - p) * fn(0.0)

    def Var(fn, p):
        mu = E(fn, p)
        return E(lambda m: (fn(m) - mu) ** 2, p)

    hs = rng.normal(size=5)
    ps = rng.uniform(0.1, 0.95, size=5)
    p = 0.8
    h = np.array([2.0, -1.0, 0.5, 3.0])
    m = np.array([1.0, 0, 1, 1])
    return [
        (r"Train: $\tilde h_i = \dfrac{m_i h_i}{p}$. Test:", lambda: all(close(E(lambda mm: mm * hh / pp, pp), hh) for hh, pp in zip(hs, ps))),
        (r"Why: $\mathbb{E}[\tilde h_i]", lambda: all(close(E(lambda mm: mm * hh / pp, pp), pp * hh / pp + (1 - pp) * 0) and close(pp * hh / pp, hh) for hh, pp in zip(hs, ps))),
        (r"$\tilde h = (2.5,\ 0,\ 0.625,\ 3.75)$", lambda: close(m * h / p, [2.5, 0, 0.625, 3.75])),
        (r"My first go divided by the drop rate", lambda: all(close(E(lambda mm: mm * hh / 0.2, 0.8), 0.8 * hh / 0.2) and close(0.8 * hh / 0.2, 4 * hh) for hh in hs)),
        (r"Backward in training:", lambda: all(close(nder(lambda u: mm * u / p, 1.3), mm / p) for mm in (0.0, 1.0)) and close(1 / p, 1.25)),
        (r"Train: $\tilde h_i = m_i h_i$, so", lambda: all(close(E(lambda mm: mm * hh, pp), pp * hh) for hh, pp in zip(hs, ps))),
        (r"Test: multiply by $p$", lambda: close(p * h, [1.6, -0.8, 0.4, 2.4])),
        (r"$m_i$ has $\mathrm{Var}(m_i) = p(1-p)$", lambda: all(close(Var(lambda mm: mm, pp), pp * (1 - pp)) for pp in ps)),
        (r"$$\mathrm{Var}(\tilde h_i) = \frac{h_i^2}{p^2}", lambda: all(close(Var(lambda mm: mm * hh / pp, pp), hh**2 / pp**2 * pp * (1 - pp)) and close(Var(lambda mm: mm * hh / pp, pp), hh**2 * (1 - pp) / pp**2) for hh, pp in zip(hs, ps))),
        (r"For $h_i = 2$, $p = 0.8$:", lambda: close(Var(lambda mm: mm * 2 / 0.8, 0.8), 4 * 0.2 / 0.64) and close(4 * 0.2 / 0.64, 1.25)),
        (r"So a smaller keep probability means noisier", lambda: all(np.diff([Var(lambda mm: mm * 2.0 / pp, pp) for pp in np.linspace(0.05, 1, 50)]) < 0) and Var(lambda mm: mm * 2.0 / 1.0, 1.0) == 0),
    ]


CHECKS["10_dropout_scaling.md"] = f10


# ----------------------------------------------------------------- 11
def f11():
    lam, eta = 0.01, 0.1
    w = np.array([1.0, -2.0])
    gL = np.array([0.5, 0.5])
    n = 4

    def grad_reg():
        v = rng.normal(size=n)
        la = rng.uniform(0.01, 1)
        return close(ngrad(lambda u: la / 2 * (u @ u), v), la * v)

    def full_grad():
        A = rng.normal(size=(n, n))
        v = rng.normal(size=n)
        la = rng.uniform(0.01, 1)
        L = lambda u: np.sin(u).sum() + u @ A @ u
        return close(ngrad(lambda u: L(u) + la / 2 * (u @ u), v), ngrad(L, v) + la * v)

    def wrong_half():
        v = rng.normal(size=n) + 0.5
        return not close(ngrad(lambda u: 0.3 / 2 * (u @ u), v), 0.3 / 2 * v)

    def sgd_eq():
        v = rng.normal(size=n)
        g = rng.normal(size=n)
        la, et = rng.uniform(0, 1), rng.uniform(0, 1)
        return close(v - et * (g + la * v), (1 - et * la) * v - et * g)

    def no_half():
        v = rng.normal(size=n)
        g = rng.normal(size=n)
        la, et = rng.uniform(0, 1), rng.uniform(0, 1)
        return close(ngrad(lambda u: la * (u @ u), v), 2 * la * v) and close(v - et * (g + 2 * la * v), (1 - 2 * et * la) * v - et * g)

    def adam_differs():
        # one Adam step (t=2 so bias correction does not trivialise) with L2 in the gradient vs AdamW decoupled decay
        b1, b2, a, e, la = 0.9, 0.999, 1e-3, 1e-8, 0.1
        th = np.array([1.0, -2.0])
        g1, g2 = np.array([0.5, 0.1]), np.array([0.2, -0.3])

        def run(l2):
            t = th.copy()
            m = v = np.zeros(2)
            for k, g in enumerate((g1, g2), 1):
                gg = g + la * t if l2 else g
                m = b1 * m + (1 - b1) * gg
                v = b2 * v + (1 - b2) * gg**2
                step = a * (m / (1 - b1**k)) / (np.sqrt(v / (1 - b2**k)) + e)
                t = t - step if l2 else t - step - a * la * t
            return t

        return not close(run(True), run(False), 1e-9)

    wn = (1 - eta * lam) * w - eta * gL
    return [
        (r"所以 $\dfrac{\partial}{\partial w_i}\dfrac{\lambda}{2}\|w\|^2 = \lambda w_i$", lambda: ok_all(grad_reg)),
        (r"$$\nabla \tilde L(w) = \nabla L(w) + \lambda w .$$", lambda: ok_all(full_grad)),
        (r"（一开始我把正则项的梯度写成了", lambda: ok_all(wrong_half)),
        (r"= (1 - \eta\lambda)\,w - \eta\,\nabla L(w).$$", lambda: ok_all(sgd_eq)),
        (r"所以 L2 正则 + SGD 等价于", lambda: ok_all(sgd_eq)),
        (r"如果正则项写成 $\lambda\|w\|^2$", lambda: ok_all(no_half)),
        (r"所以 $1 - \eta\lambda = 0.999$", lambda: close(1 - eta * lam, 0.999)),
        (r"$$w_{\text{new}} = 0.999\,(1, -2)", lambda: close(wn, [0.949, -2.048]) and close(w - eta * (gL + lam * w), wn)),
        (r"直接算也一样", lambda: close(gL + lam * w, [0.51, 0.48]) and close(w - 0.1 * np.array([0.51, 0.48]), [0.949, -2.048])),
        (r"如果 $\nabla L \equiv 0$", lambda: ap(0.999**1000, "0.368") and abs(0.999**1000 - np.exp(-1)) < 1e-3 and close(np.prod([1 - eta * lam] * 7) * w, (1 - eta * lam) ** 7 * w)),
        (r"注意：这个等价只对 SGD 成立", adam_differs),
    ]


CHECKS["11_l2_weight_decay_zh.md"] = f11


# ----------------------------------------------------------------- 12
def f12():
    eta, beta = 0.1, 0.9
    f = lambda w: w**2
    w = [1.0]
    v = [0.0]
    g = [None]
    for t in range(1, 4):
        g.append(nder(f, w[-1]))
        v.append(beta * v[-1] + g[-1])
        w.append(w[-1] - eta * v[-1])
    gd = [1.0]
    for t in range(3):
        gd.append(gd[-1] - eta * nder(f, gd[-1]))

    def unroll():
        gs = rng.normal(size=6)
        vv = 0.0
        for t, gt in enumerate(gs, 1):
            vv = beta * vv + gt
            if not close(vv, sum(beta ** (t - k) * gs[k - 1] for k in range(1, t + 1))):
                return False
        return True

    def limit():
        vv = 0.0
        gc = 1.7
        for _ in range(2000):
            vv = beta * vv + gc
        return close(vv, gc / (1 - beta)) and close(1 / (1 - beta), 10)

    return [
        (r"$$v_{t} = \beta v_{t-1} + g_t,", lambda: close(nder(f, 0.37), 2 * 0.37)),
        (r"Unrolling the recursion with $v_0 = 0$", unroll),
        (r"**Step 1.** $g_1 = 2\cdot 1 = 2$", lambda: close(g[1], 2) and close(v[1], 2) and close(w[1], 0.8)),
        (r"**Step 2.** $g_2 = 2\cdot 0.8 = 1.6$", lambda: close(g[2], 1.6)),
        (r"$v_2 = 0.9\cdot 2 + 1.6 = 3.4$", lambda: close(v[2], 3.4)),
        (r"$w_2 = 0.8 - 0.1\cdot 3.4 = 0.46$", lambda: close(w[2], 0.46)),
        (r"**Step 3.** $g_3 = 2\cdot 0.46 = 0.92$", lambda: close(g[3], 0.92)),
        (r"$v_3 = 0.9\cdot 3.4 + 0.92", lambda: close(0.9 * 3.4, 3.06) and close(v[3], 3.88)),
        (r"$w_3 = 0.46 - 0.1\cdot 3.88 = 0.072$", lambda: close(w[3], 0.072)),
        (r"Compare plain gradient descent", lambda: close(gd[1:], [0.8, 0.64, 0.512]) and close(1 - 2 * eta, 0.8)),
        (r"So after 3 steps momentum is at", lambda: close(w[3], 0.072) and close(gd[3], 0.512) and abs(w[3]) < abs(gd[3])),
        (r"(First time around I used $g_t = w_{t-1}$", lambda: close(nder(f, 0.7), 2 * 0.7) and not close(nder(f, 0.7), 0.7)),
        (r"Note: with $\beta = 0.9$ a constant gradient", limit),
    ]


CHECKS["12_momentum_three_steps.md"] = f12


# ----------------------------------------------------------------- 13
def f13():
    a, b1, b2, e = 1e-3, 0.9, 0.999, 1e-8
    th0 = np.array([0.5, -1.0])
    g = np.array([0.2, -0.05])
    m1 = (1 - b1) * g
    v1 = (1 - b2) * g**2
    mh = m1 / (1 - b1)
    vh = v1 / (1 - b2)
    upd = -a * mh / (np.sqrt(vh) + e)
    th1 = th0 + upd

    def general():
        gg = rng.normal(size=4) * rng.uniform(0.01, 10)
        mm = b1 * 0 + (1 - b1) * gg
        vv = b2 * 0 + (1 - b2) * gg**2
        return close(mm / (1 - b1), gg) and close(vv / (1 - b2), gg**2)

    def step():
        gg = rng.normal(size=4) * rng.uniform(0.01, 10)
        t0 = rng.normal(size=4)
        mh_ = (1 - b1) * gg / (1 - b1)
        vh_ = (1 - b2) * gg**2 / (1 - b2)
        t1 = t0 - a * mh_ / (np.sqrt(vh_) + e)
        # "approx sign": the gap to alpha*sign(g) is exactly alpha*eps/(|g|+eps), negligible against alpha
        gap = np.abs(t1 - (t0 - a * np.sign(gg)))
        return close(t1, t0 - a * gg / (np.abs(gg) + e), 1e-12) and np.all(gap <= a * e / (np.abs(gg) + e) + 1e-15) and np.all(gap < 1e-3 * a)

    def magn():
        gg = rng.normal(size=4) * rng.uniform(0.01, 10)
        step_ = a * gg / (np.abs(gg) + e)
        return close(np.abs(step_), a, 1e-9)

    return [
        (r"$m_0 = v_0 = 0$ hai, to", lambda: close(m1, (1 - b1) * g) and close(v1, (1 - b2) * g**2)),
        (r"Bias correction ke baad", lambda: ok_all(general)),
        (r"Isliye $\theta_1 = \theta_0", lambda: ok_all(step)),
        (r"Matlab pehle step ka size", lambda: ok_all(magn)),
        (r"$m_1 = 0.1\cdot g_1 = (0.02,\ -0.005)$", lambda: close(1 - b1, 0.1) and close(m1, [0.02, -0.005])),
        (r"$v_1 = 0.001\cdot g_1^2", lambda: close(1 - b2, 0.001) and close(g**2, [0.04, 0.0025]) and close(v1, [4e-5, 2.5e-6], 1e-9)),
        (r"$\hat m_1 = m_1/0.1 = (0.2,\ -0.05)$", lambda: close(mh, [0.2, -0.05]) and close(vh, [0.04, 0.0025])),
        (r"$\sqrt{\hat v_1} = (0.2,\ 0.05)$", lambda: close(np.sqrt(vh), [0.2, 0.05])),
        (r"Update $= -\alpha\,\hat m_1", lambda: close(upd, [-1e-3, 1e-3], 1e-9)),
        (r"To $\theta_1 \approx (0.499,\ -0.999)$", lambda: apv(th1, ["0.499", "-0.999"])),
        (r"Pehle maine bias correction bhool ke", lambda: ap(0.02 / np.sqrt(4e-5), "3.16") and ap(m1[0] / np.sqrt(v1[0]), "3.16") and close(mh[0] / np.sqrt(vh[0]), 1)),
        (r"Yeh $3.16$ actually", lambda: close((1 - b1) / np.sqrt(1 - b2), 0.1 / np.sqrt(0.001)) and close(m1[0] / np.sqrt(v1[0]), (1 - b1) / np.sqrt(1 - b2)) and ap((1 - b1) / np.sqrt(1 - b2), "3.16")),
        (r"Dono coordinates ka step same size", lambda: close(np.abs(upd), [1e-3, 1e-3], 1e-9) and close(g[0] / abs(g[1]), 4)),
    ]


CHECKS["13_adam_pehla_step_hinglish.md"] = f13


# ----------------------------------------------------------------- 14
def f14():
    X = np.array([[1.0, 4], [2, 0], [6, 2]])
    gam = np.array([2.0, 1])
    bet = np.array([0.5, 0])
    eps = 1e-5
    mu = X.mean(0)
    var = ((X - mu) ** 2).mean(0)
    xh = (X - mu) / np.sqrt(var + eps)
    Y = gam * xh + bet

    def check_general():
        A = rng.normal(size=(3, 2)) * 3
        mu_ = A.mean(0)
        var_ = ((A - mu_) ** 2).mean(0)
        xh_ = (A - mu_) / np.sqrt(var_ + eps)
        y_ = gam * xh_ + bet
        return close(xh_.mean(0), 0) and close(xh_.var(0), 1, 1e-4) and close(y_.mean(0), bet) and close(y_.std(0), np.abs(gam), 1e-4)

    return [
        (r"$\mu_1 = (1 + 2 + 6)/3 = 3$", lambda: close(mu[0], 3)),
        (r"Αποκλίσεις: $(-2,\ -1,\ 3)$", lambda: close(X[:, 0] - mu[0], [-2, -1, 3]) and close((X[:, 0] - mu[0]) ** 2, [4, 1, 9])),
        (r"$\sigma_1^2 = \frac{4+1+9}{3}", lambda: close(var[0], 14 / 3) and ap(var[0], "4.333")),
        (r"$\sqrt{\sigma_1^2} \approx 2.082$", lambda: ap(np.sqrt(var[0]), "2.082")),
        (r"$\hat x_1 \approx (-0.961", lambda: apv(xh[:, 0], ["-0.961", "-0.480", "1.441"])),
        (r"$y_1 = 2\hat x_1 + 0.5", lambda: apv(Y[:, 0], ["-1.422", "-0.461", "3.382"])),
        (r"$\mu_2 = (4 + 0 + 2)/3 = 2$", lambda: close(mu[1], 2)),
        (r"Αποκλίσεις: $(2,\ -2,\ 0)$", lambda: close(X[:, 1] - mu[1], [2, -2, 0]) and close(var[1], 8 / 3) and ap(var[1], "2.667") and ap(np.sqrt(var[1]), "1.633")),
        (r"$\hat x_2 \approx (1.225", lambda: apv(xh[:, 1], ["1.225", "-1.225", "0"]) and close(Y[:, 1], xh[:, 1])),
        (r"Σε κάθε στήλη το $\hat x$", lambda: ok_all(check_general) and close(xh.mean(0), 0)),
        (r"Άρα η στήλη $y_j$ έχει μέσο", lambda: ok_all(check_general) and close(Y[:, 0].mean(), 0.5) and close(Y[:, 0].std(), 2, 1e-4)),
        (r"Πρώτα είχα βάλει $1/(N-1)$", lambda: not close(((X - mu) ** 2).sum(0) / 2, var)),
    ]


CHECKS["14_batchnorm_forward_el.md"] = f14


# ----------------------------------------------------------------- 15
def f15():
    def model(W1, W2, x, t):
        a = W1 @ x
        h = np.maximum(a, 0)
        y = x + W2 @ h
        return a, h, y, 0.5 * ((y - t) ** 2).sum()

    def rnd(d=3, m=4):
        return rng.normal(size=(m, d)), rng.normal(size=(d, m)), rng.normal(size=d), rng.normal(size=d)

    def sym_checks():
        W1, W2, x, t = rnd()
        a, h, y, L = model(W1, W2, x, t)
        delta = y - t
        res = {}
        res["delta"] = close(ngrad(lambda u: 0.5 * ((u - t) ** 2).sum(), y), delta)
        gW2 = ngrad(lambda U: model(W1, U, x, t)[3], W2)
        res["W2"] = close(gW2, np.outer(delta, h)) and np.outer(delta, h).shape == W2.shape
        gh = ngrad(lambda u: 0.5 * ((x + W2 @ u - t) ** 2).sum(), h)
        res["gh"] = close(gh, W2.T @ delta)
        ga = ngrad(lambda u: 0.5 * ((x + W2 @ np.maximum(u, 0) - t) ** 2).sum(), a)
        res["ga"] = close(ga, gh * (a > 0))
        gW1 = ngrad(lambda U: model(U, W2, x, t)[3], W1)
        res["W1"] = close(gW1, np.outer(ga, x)) and np.outer(ga, x).shape == W1.shape
        gx = ngrad(lambda u: model(W1, W2, u, t)[3], x)
        res["x_T"] = close(gx, delta + W1.T @ ga)
        return res

    def sq_claim():
        W1, W2, x, t = rnd(3, 3)
        a, h, y, L = model(W1, W2, x, t)
        ga = (W2.T @ (y - t)) * (a > 0)
        gx = ngrad(lambda u: model(W1, W2, u, t)[3], x)
        return close(gx, (y - t) + W1 @ ga)

    def skip_ok():
        W1, W2, x, t = rnd()
        W1 = -np.abs(W1)
        x = np.abs(x) + 0.1  # all ReLUs off
        a, h, y, L = model(W1, W2, x, t)
        gx = ngrad(lambda u: model(W1, W2, u, t)[3], x)
        return np.all(a < 0) and close(gx, y - t)

    x = np.array([1.0, -1])
    t = np.array([1.0, 0])
    W1 = np.array([[2.0, 1], [3, 4]])
    W2 = np.array([[1.0, -1], [0.5, 2]])
    a, h, y, L = model(W1, W2, x, t)
    delta = y - t
    gW2 = ngrad(lambda U: model(W1, U, x, t)[3], W2)
    gh = W2.T @ delta
    ga = ngrad(lambda u: 0.5 * ((x + W2 @ np.maximum(u, 0) - t) ** 2).sum(), a)
    gW1 = ngrad(lambda U: model(U, W2, x, t)[3], W1)
    gx = ngrad(lambda u: model(W1, W2, u, t)[3], x)
    S = [sym_checks() for _ in range(5)]
    allk = lambda k: all(s[k] for s in S)
    return [
        (r"$\delta := \partial L/\partial y = y - t$.", lambda: allk("delta")),
        (r"$\partial L/\partial W_2 = \delta\, h^\top$, which is", lambda: allk("W2")),
        (r"$g_h := \partial L/\partial h = W_2^\top \delta$.", lambda: allk("gh")),
        (r"$g_a := \partial L/\partial a = g_h \odot", lambda: allk("ga")),
        (r"$\partial L/\partial W_1 = g_a\, x^\top$, which is", lambda: allk("W1")),
        (r"$x$ reaches $y$ along two paths", lambda: allk("x_T")),
        (r"$$\frac{\partial L}{\partial x} = \delta + W_1\, g_a.$$", lambda: ok_all(sq_claim)),
        (r"Because of the skip term", lambda: ok_all(skip_ok)),
        (r"Forward: $a = (2 - 1,\ 3 - 4) = (1,\ -1)$", lambda: close(a, [1, -1]) and close(h, [1, 0])),
        (r"$W_2 h = (1,\ 0.5)$, so", lambda: close(W2 @ h, [1, 0.5]) and close(y, [2, -0.5])),
        (r"$L = \tfrac12\bigl(1^2 + 0.5^2\bigr) = 0.625$", lambda: close(L, 0.625) and close(0.5 * (1 + 0.25), 0.625)),
        (r"Backward: $\delta = (1,\ -0.5)$.", lambda: close(delta, [1, -0.5])),
        (r"$\partial L/\partial W_2 = \delta h^\top = \begin{pmatrix}", lambda: close(gW2, [[1, 0], [-0.5, 0]])),
        (r"$g_h = W_2^\top\delta = (1 - 0.25", lambda: close(gh, [0.75, -2]) and close(ngrad(lambda u: 0.5 * ((x + W2 @ u - t) ** 2).sum(), h), [0.75, -2])),
        (r"$g_a = (0.75,\ 0)$ since $a_2 < 0$.", lambda: close(ga, [0.75, 0]) and a[1] < 0),
        (r"$\partial L/\partial W_1 = g_a x^\top = \begin{pmatrix}", lambda: close(gW1, [[0.75, -0.75], [0, 0]])),
        (r"$\partial L/\partial x = (1, -0.5) + (1.5,\ 2.25)", lambda: close(gx, [2.5, 1.75])),
    ]


CHECKS["15_residual_block_backprop.md"] = f15


# ----------------------------------------------------------------- 16
def f16():
    n = 4

    def rnd():
        return rng.normal(size=(n, n)), rng.normal(size=n)

    q = lambda A, x: x @ A @ x

    def index_ok():
        A, x = rnd()
        s = sum(x[i] * A[i, j] * x[j] for i in range(n) for j in range(n))
        return close(q(A, x), s)

    def partial_ok():
        A, x = rnd()
        g = ngrad(lambda u: q(A, u), x)
        k = 2
        return close(g[k], sum(A[k, j] * x[j] for j in range(n)) + sum(x[i] * A[i, k] for i in range(n))) and close(g[k], (A @ x)[k] + (A.T @ x)[k])

    def grad_ok():
        A, x = rnd()
        return close(ngrad(lambda u: q(A, u), x), (A + A.T) @ x)

    def twoAx():
        A, x = rnd()
        S = A + A.T
        return (not close(ngrad(lambda u: q(A, u), x), 2 * A @ x)) and close(ngrad(lambda u: q(S, u), x), 2 * S @ x)

    def decomp():
        A, x = rnd()
        As, Aa = (A + A.T) / 2, (A - A.T) / 2
        return close(A, As + Aa) and close(q(Aa, x), 0) and close(q(A, x), q(As, x)) and close(2 * As @ x, (A + A.T) @ x) and close(ngrad(lambda u: q(A, u), x), 2 * As @ x)

    def hess():
        A, x = rnd()
        H = jac_fd(lambda u: ngrad(lambda v: q(A, v), u, 1e-5), x, 1e-4)
        x2 = rng.normal(size=n)
        H2 = jac_fd(lambda u: ngrad(lambda v: q(A, v), u, 1e-5), x2, 1e-4)
        return close(H, A + A.T, 1e-4) and close(H, H2, 1e-4) and close(A + A.T, (A + A.T) / 2 * 2)

    A = np.array([[1.0, 2], [0, 3]])
    x = np.array([1.0, -1])
    f = lambda u: q(A, u)
    fe = lambda u: u[0] ** 2 + 2 * u[0] * u[1] + 3 * u[1] ** 2
    e2 = np.array([0.0, 1])
    return [
        (r"$f(x) = x^\top A x = \sum_{i}\sum_{j}", lambda: ok_all(index_ok)),
        (r"$$\frac{\partial f}{\partial x_k} = \sum_j A_{kj} x_j", lambda: ok_all(partial_ok)),
        (r"Hence $\nabla f(x) = (A + A^\top)\,x$.", lambda: ok_all(grad_ok)),
        (r"I had first written $2Ax$ from memory", lambda: ok_all(twoAx)),
        (r"Write $A = A_s + A_a$", lambda: ok_all(decomp)),
        (r"For the antisymmetric part", lambda: ok_all(decomp)),
        (r"So $f(x) = x^\top A_s x$", lambda: ok_all(decomp)),
        (r"The Hessian is $\nabla^2 f", lambda: ok_all(hess, 3)),
        (r"$Ax = (1 - 2,\ 0 - 3) = (-1,\ -3)$", lambda: close(A @ x, [-1, -3]) and close(f(x), 2) and close(x @ (A @ x), 1 * (-1) + (-1) * (-3))),
        (r"Expanded: $f(x_1, x_2)", lambda: all(close(f(u), fe(u)) for u in rng.normal(size=(5, 2))) and close(fe(x), 1 - 2 + 3) and close(fe(x), 2)),
        (r"$A + A^\top = \begin{pmatrix} 2 & 2 \\ 2 & 6 \end{pmatrix}$", lambda: close(A + A.T, [[2, 2], [2, 6]]) and close(ngrad(f, x), [0, -4]) and close((A + A.T) @ x, [2 - 2, 2 - 6])),
        (r"From the expansion:", lambda: close(ngrad(fe, x), [2 * x[0] + 2 * x[1], 2 * x[0] + 6 * x[1]]) and close([2 * x[0] + 2 * x[1], 2 * x[0] + 6 * x[1]], [0, -4])),
        (r"The wrong formula would give $2Ax", lambda: close(2 * A @ x, [-2, -6]) and not close(2 * A @ x, ngrad(f, x))),
        (r"Finite-difference check with $h = 10^{-3}$", lambda: close((f(x + 1e-3 * e2) - f(x - 1e-3 * e2)) / 2e-3, -4, 1e-9) and all(close((fe(u + 1e-3 * e2) - fe(u - 1e-3 * e2)) / 2e-3, 2 * u[0] + 6 * u[1], 1e-8) for u in rng.normal(size=(5, 2)))),
    ]


CHECKS["16_quadratic_form_nonsymmetric.md"] = f16


# ----------------------------------------------------------------- driver
def main():
    with open(os.path.join(HERE, "expected.json"), encoding="utf-8") as fh:
        expected = json.load(fh)
    md_files = sorted(f for f in os.listdir(HERE) if f.endswith(".md"))
    bad = False
    if sorted(expected) != md_files or sorted(CHECKS) != md_files:
        print("file list mismatch:", md_files, sorted(expected), sorted(CHECKS))
        bad = True
    for name in md_files:
        if name not in CHECKS:
            continue
        with open(os.path.join(HERE, name), encoding="utf-8") as fh:
            lines = fh.read().split("\n")
        results = []
        for sub, pred in CHECKS[name]():
            hits = [i + 1 for i, ln in enumerate(lines) if sub in ln]
            if len(hits) != 1:
                print(f"  [{name}] substring matches {len(hits)} lines: {sub!r}")
                bad = True
                continue
            try:
                val = bool(pred())
            except Exception as exc:  # a crash counts as a failure of the script, not of the line
                print(f"  [{name}] predicate error on line {hits[0]}: {exc!r}")
                bad = True
                continue
            results.append((hits[0], val))
        lines_checked = sorted(ln for ln, _ in results)
        if len(set(lines_checked)) != len(lines_checked):
            print(f"  [{name}] note: some line checked more than once")
        false_lines = sorted(ln for ln, v in results if not v)
        first = false_lines[0] if false_lines else None
        exp = expected.get(name, "MISSING")
        status = "correct" if first is None else f"first false line {first}"
        agree = "OK " if first == exp else "MISMATCH"
        if first != exp:
            bad = True
        print(f"{agree} {name}: {status} (expected {exp}); {len(results)} checks, false lines {false_lines}")
    print("ALL AGREE" if not bad else "DISAGREEMENT")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
