#!/usr/bin/env python
"""Independent NumPy-only truth check for corpus38.

For every Markdown file we list (substring, predicate) pairs.  Each substring
must identify exactly one line of the file; the predicate checks the
mathematics *as it really is* (finite differences, exact recomputation of the
worked numbers at the shown precision, shape rules), never what the text
claims.  The first line (in file order) whose predicate is False is the file's
first false line; it is compared with expected.json.

Every line that contains inline/display math ($...$) or that sits inside a
multi-line $$ ... $$ block must be covered by some check; otherwise the run
fails.

Run:  python verify_truth.py      (from any directory)
"""
import json
import math
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))


# ----------------------------------------------------------------- helpers
def rng_for(name):
    return np.random.default_rng([ord(c) for c in name])


def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


def softmax(z, axis=-1):
    z = np.asarray(z, float)
    z = z - z.max(axis=axis, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=axis, keepdims=True)


def log_softmax(z, axis=-1):
    z = np.asarray(z, float)
    m = z.max(axis=axis, keepdims=True)
    return z - m - np.log(np.exp(z - m).sum(axis=axis, keepdims=True))


def lse(x):
    x = np.asarray(x, float)
    m = x.max()
    return m + np.log(np.exp(x - m).sum())


def ngrad(f, x, eps=1e-6):
    """Central-difference gradient of scalar f at array x (same shape as x)."""
    x = np.array(x, dtype=float)
    g = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        xp = x.copy()
        xm = x.copy()
        xp[idx] += eps
        xm[idx] -= eps
        g[idx] = (f(xp) - f(xm)) / (2 * eps)
    return g


def njac(f, x, eps=1e-6):
    """J[k, j] = d f_k / d x_j for vector f, vector x."""
    x = np.array(x, dtype=float)
    cols = []
    for j in range(x.size):
        xp = x.copy()
        xm = x.copy()
        xp[j] += eps
        xm[j] -= eps
        cols.append((np.asarray(f(xp)) - np.asarray(f(xm))) / (2 * eps))
    return np.stack(cols, axis=1)


def nderiv(f, x, eps=1e-6):
    return (f(x + eps) - f(x - eps)) / (2 * eps)


def near(a, b, tol=1e-5):
    a = np.asarray(a, float)
    b = np.asarray(b, float)
    return a.shape == b.shape and bool(np.allclose(a, b, rtol=tol, atol=tol))


def exact(a, b, tol=1e-9):
    a = np.asarray(a, float)
    b = np.asarray(b, float)
    return a.shape == b.shape and bool(np.allclose(a, b, rtol=tol, atol=tol))


def shown(value, text):
    """value rounds to the decimal string `text` (decimal comma allowed)."""
    s = text.replace(",", ".").strip()
    d = len(s.split(".")[1]) if "." in s else 0
    return abs(float(value) - float(s)) <= 0.5 * 10 ** (-d) * (1 + 1e-9) + 1e-12


def shown_all(values, texts):
    values = list(np.ravel(values))
    return len(values) == len(texts) and all(shown(v, t) for v, t in zip(values, texts))


def given():
    """A definition / given data: nothing to be false about."""
    return True


# =========================================================== 01 softmax CE
def checks_01():
    r = rng_for("01")
    N, C = 4, 5
    Z = r.normal(size=(N, C))
    labels = r.integers(0, C, size=N)
    Y = np.eye(C)[labels]
    P = softmax(Z, axis=1)

    def L_mean(Zv):
        return np.mean(-np.sum(Y * log_softmax(Zv, axis=1), axis=1))

    def L_sum(Zv):
        return np.sum(-np.sum(Y * log_softmax(Zv, axis=1), axis=1))

    z = r.normal(size=C)
    p = softmax(z)
    ys = r.random(C)
    ys /= ys.sum()
    G = ngrad(L_mean, Z)

    def row_only():
        # d ell_n / d Z_m = 0 for m != n
        for n in range(N):
            def ln(Zv, n=n):
                return -np.sum(Y[n] * log_softmax(Zv[n]))
            g = ngrad(ln, Z)
            mask = np.ones(N, bool)
            mask[n] = False
            if not np.allclose(g[mask], 0, atol=1e-8):
                return False
        return near(L_mean(Z), np.mean([-np.sum(Y[n] * log_softmax(Z[n])) for n in range(N)]))

    def sanity():
        q = softmax(np.array([1.0, 2.0, 0.0]))
        y = np.array([0.0, 1.0, 0.0])
        # the batch gradient row for that example, with N = 2
        Z2 = np.array([[1.0, 2.0, 0.0], [0.3, -0.2, 0.5]])
        Y2 = np.array([[0, 1, 0], [1, 0, 0]], float)
        g2 = ngrad(lambda Zv: np.mean(-np.sum(Y2 * log_softmax(Zv, axis=1), axis=1)), Z2)
        return (shown_all(q, ["0.245", "0.665", "0.090"])
                and shown_all(q - y, ["0.245", "-0.335", "0.090"])
                and shown_all(g2[0], ["0.122", "-0.167", "0.045"]))

    return [
        ("My loss is the mean cross-entropy", lambda: near(G, (P - Y) / N)),
        ("For a single example with logits",
         lambda: near(p.sum(), 1.0) and near(p, np.exp(z) / np.exp(z).sum())
         and near(-np.sum(Y[0] * np.log(P[0])), -np.log(P[0, labels[0]]))),
        (r"= p_k(\delta_{kj} - p_j)", lambda: near(njac(softmax, z), p[:, None] * (np.eye(C) - p[None, :]))),
        (r"Note that $\log p_k = z_k", lambda: near(np.log(p), z - np.log(np.exp(z).sum()))),
        (r"\frac{\partial \log p_k}{\partial z_j}",
         lambda: near(njac(lambda v: np.log(softmax(v)), z), np.eye(C) - p[None, :])),
        (r"Then, using $\sum_k y_k = 1$", lambda: exact(Y.sum(axis=1), np.ones(N))),
        (r"\frac{\partial \ell}{\partial z_j} = -\sum_k",
         lambda: near(ngrad(lambda v: -np.sum(ys * np.log(softmax(v))), z), p - ys)
         and near(-(ys[:, None] * (np.eye(C) - p[None, :])).sum(axis=0), -ys + p * ys.sum())
         and near(-ys + p * ys.sum(), p - ys)),
        ("The batch loss is", row_only),
        (r"\frac{1}{N}(P - Y) \in \mathbb{R}^{N\times C}", lambda: near(G, (P - Y) / N) and G.shape == (N, C)),
        ("Quick sanity check", sanity),
        ("each row of the gradient sums to zero",
         lambda: np.allclose(G.sum(axis=1), 0, atol=1e-8) and near(P.sum(axis=1), np.ones(N)) and near(Y.sum(axis=1), np.ones(N))),
        ("reduction='sum'", lambda: near(ngrad(L_sum, Z), P - Y)),
    ]


# =========================================================== 02 sigmoid/tanh
def checks_02():
    xs = np.linspace(-4, 4, 17) + 0.123
    ds = np.array([nderiv(sigmoid, x) for x in xs])
    dt = np.array([nderiv(np.tanh, x) for x in xs])
    grid = np.linspace(-10, 10, 20001)
    return [
        ("Ziel:", lambda: near(ds, sigmoid(xs) * (1 - sigmoid(xs))) and near(dt, 1 - np.tanh(xs) ** 2)),
        ("liefert die Kettenregel", lambda: near(1 / (1 + np.exp(-xs)), np.exp(xs) / (1 + np.exp(xs)))),
        (r"$$\sigma'(x) = \frac{e^{-x}}{(1+e^{-x})^2}.$$", lambda: near(ds, np.exp(-xs) / (1 + np.exp(-xs)) ** 2)),
        (r"Wegen $1 - \sigma(x)", lambda: near(1 - sigmoid(xs), np.exp(-xs) / (1 + np.exp(-xs)))),
        (r"$$\sigma'(x) = \sigma(x)\,\bigl(1-\sigma(x)\bigr).$$", lambda: near(ds, sigmoid(xs) * (1 - sigmoid(xs)))),
        ("Beispiel: $\\sigma(0)",
         lambda: shown(sigmoid(0.0), "0.5") and exact(sigmoid(0.0), 0.5)
         and exact(nderiv(sigmoid, 0.0), 0.25, tol=1e-8)
         and (sigmoid(grid) * (1 - sigmoid(grid))).max() <= 0.25 + 1e-15),
        (r"Außerdem gilt $\sigma(-x)",
         lambda: near(sigmoid(-xs), 1 - sigmoid(xs))
         and near([nderiv(sigmoid, -x) for x in xs], ds)),
        (r"**tanh.** Aus", lambda: near(np.tanh(xs), (np.exp(xs) - np.exp(-xs)) / (np.exp(xs) + np.exp(-xs)))),
        (r"$$\tanh'(x) = \frac{(e^x+e^{-x})^2",
         lambda: near(dt, ((np.exp(xs) + np.exp(-xs)) ** 2 - (np.exp(xs) - np.exp(-xs)) ** 2)
                      / (np.exp(xs) + np.exp(-xs)) ** 2)
         and near(dt, 1 - np.tanh(xs) ** 2)),
        ("Der Zähler ist übrigens konstant",
         lambda: near((np.exp(xs) + np.exp(-xs)) ** 2 - (np.exp(xs) - np.exp(-xs)) ** 2, 4 * np.ones_like(xs), tol=1e-9)),
        ("Zahlen zum Nachprüfen",
         lambda: shown(sigmoid(1.0), "0,7311") and shown(nderiv(sigmoid, 1.0), "0,1966")
         and shown(np.tanh(1.0), "0,7616") and shown(nderiv(np.tanh, 1.0), "0,4200")),
        (r"Es ist $\tanh(x) = 2\sigma(2x) - 1$",
         lambda: near(np.tanh(xs), 2 * sigmoid(2 * xs) - 1)
         and near(2 * sigmoid(2 * xs) - 1, (1 - np.exp(-2 * xs)) / (1 + np.exp(-2 * xs)))),
        (r"$$\tanh'(x) = 2\,\sigma'(2x)",
         lambda: near(dt, 2 * np.array([nderiv(sigmoid, 2 * x) for x in xs]))
         and near(2 * np.array([nderiv(sigmoid, 2 * x) for x in xs]), 2 * sigmoid(2 * xs) * (1 - sigmoid(2 * xs)))),
        (r"Probe bei $x = 0$", lambda: exact(nderiv(np.tanh, 0.0), 0.5, tol=1e-8) and exact(2 * 0.25, 0.5)),
        ("Fazit für den Code",
         lambda: near(ds, sigmoid(xs) * (1 - sigmoid(xs))) and near(dt, 1 - np.tanh(xs) ** 2)),
    ]


# =========================================================== 03 log-sum-exp
def checks_03():
    r = rng_for("03")
    n = 6
    x = r.normal(size=n) * 2
    c = 3.7
    p = softmax(x)
    xe = np.array([1000.0, 1001.0, 1002.0])
    v_ex = 1002 + math.log(math.exp(-2) + math.exp(-1) + 1)

    def overflow():
        with np.errstate(over="ignore"):
            return bool(np.isinf(np.exp(np.float64(1000.0))))

    def hess_ok():
        Hn = njac(lambda v: ngrad(lse, v, eps=1e-5), x, eps=1e-5)
        return np.allclose(Hn, np.diag(p) - np.outer(p, p), atol=1e-5)

    Hs = np.diag(p) - np.outer(p, p)
    return [
        (r"Define $\mathrm{LSE}(x)", lambda: near(lse(x), np.log(np.exp(x).sum()))),
        (r"\frac{\partial\, \mathrm{LSE}}{\partial x_j}",
         lambda: near(ngrad(lse, x), np.exp(x) / np.exp(x).sum()) and near(np.exp(x) / np.exp(x).sum(), p)),
        (r"so $\nabla \mathrm{LSE}(x) = \mathrm{softmax}(x)$",
         lambda: near(ngrad(lse, x), p) and bool(np.all(p > 0)) and near(p.sum(), 1.0)),
        (r"**Shift invariance.** For any scalar $c$", given),
        (r"\mathrm{LSE}(x + c\mathbf{1}) = \log\Big(",
         lambda: near(lse(x + c), np.log(np.exp(c) * np.exp(x).sum())) and near(lse(x + c), c + lse(x))),
        ("Consequently the gradient does not change",
         lambda: near(ngrad(lse, x + c), ngrad(lse, x)) and near(softmax(x + c), softmax(x))),
        (r"with $m = \max_i x_i$", given),
        (r"$$\mathrm{LSE}(x) = m + \log\sum_i e^{x_i - m},$$",
         lambda: near(np.log(np.exp(x).sum()), x.max() + np.log(np.exp(x - x.max()).sum()))),
        (r"and every exponent $x_i - m$ is now $\le 0$", lambda: bool(np.all(x - x.max() <= 0))),
        (r"Example: $x = (1000, 1001, 1002)$", lambda: overflow() and xe.max() == 1002),
        (r"\approx 1002 + 0.4076 = 1002.4076",
         lambda: near(lse(xe), v_ex, tol=1e-12) and shown(math.log(math.exp(-2) + math.exp(-1) + 1), "0.4076")
         and shown(v_ex, "1002.4076") and exact(1002 + 0.4076, 1002.4076)),
        (r"The gradient is $\mathrm{softmax}(x) = \mathrm{softmax}(-2,-1,0)",
         lambda: near(softmax(xe), softmax([-2, -1, 0]), tol=1e-12)
         and shown_all(softmax(xe), ["0.090", "0.245", "0.665"])),
        (r"**Bounds.** Since $e^{m}",
         lambda: np.exp(x.max()) <= np.exp(x).sum() <= n * np.exp(x.max())),
        (r"$$\max_i x_i \le \mathrm{LSE}(x) \le \max_i x_i + \log n.$$",
         lambda: x.max() <= lse(x) <= x.max() + np.log(n)
         and all(v.max() <= lse(v) <= v.max() + np.log(v.size) + 1e-12 for v in [np.zeros(5), r.normal(size=7) * 10])),
        (r"In the example, $\log 3 \approx 1.0986$",
         lambda: shown(math.log(3), "1.0986") and 1002 <= v_ex <= 1002 + math.log(3)
         and shown(v_ex, "1002.4076") and shown(1002 + math.log(3), "1003.0986")),
        (r"\nabla^2 \mathrm{LSE}(x) = \mathrm{diag}(p) - p p^\top", hess_ok),
        ("which is positive semidefinite, so LSE is convex",
         lambda: bool(np.linalg.eigvalsh(Hs).min() >= -1e-12) and np.allclose(Hs @ np.ones(n), 0, atol=1e-12)),
    ]


# =========================================================== 04 MLP backward
def checks_04():
    r = rng_for("04")
    N, D, Hd, C = 5, 4, 3, 6           # all different, so shape slips show
    X = r.normal(size=(N, D))
    W1 = r.normal(size=(D, Hd))
    b1 = r.normal(size=Hd) * 0.1
    W2 = r.normal(size=(Hd, C))
    b2 = r.normal(size=C) * 0.1
    lab = r.integers(0, C, size=N)
    Y = np.eye(C)[lab]
    one = np.ones((N, 1))

    A = X @ W1 + one @ b1[None, :]
    H1 = np.maximum(A, 0)
    S = H1 @ W2 + one @ b2[None, :]
    assert np.abs(A).min() > 1e-3   # away from the ReLU kink

    def L_S(Sv):
        return np.mean(-np.sum(Y * log_softmax(Sv, axis=1), axis=1))

    def L_H1(Hv):
        return L_S(Hv @ W2 + b2)

    def L_A(Av):
        return L_H1(np.maximum(Av, 0))

    def L_X(Xv):
        return L_A(Xv @ W1 + b1)

    dS = ngrad(L_S, S)
    dH1 = ngrad(L_H1, H1)
    dA = ngrad(L_A, A)
    dW2 = ngrad(lambda W: L_S(H1 @ W + b2), W2)
    db2 = ngrad(lambda b: L_S(H1 @ W2 + b), b2)
    dW1 = ngrad(lambda W: L_A(X @ W + b1), W1)
    db1 = ngrad(lambda b: L_A(X @ W1 + b), b1)
    dX = ngrad(L_X, X)
    P = softmax(S, axis=1)

    def matmul_ok(a, b):
        return a.shape[-1] == b.shape[0]

    def dH1_claim():
        if not matmul_ok(dS, W2):           # dS (N x C) times W2 (H x C)
            return False
        return near(dS @ W2, dH1)

    return [
        ("Setup: $X \\in", lambda: matmul_ok(X, W1) and matmul_ok(H1, W2) and b1.shape == (Hd,) and b2.shape == (C,)),
        (r"Forward pass ($\mathbf 1$ is the all-ones column", lambda: (one @ b1[None, :]).shape == (N, Hd)),
        (r"A &= X W_1 + \mathbf{1} b_1^\top && (N\times H)", lambda: A.shape == (N, Hd) and near(A, X @ W1 + b1)),
        (r"H_1 &= \mathrm{ReLU}(A) && (N\times H)", lambda: H1.shape == (N, Hd)),
        (r"S &= H_1 W_2 + \mathbf{1} b_2^\top && (N\times C)", lambda: S.shape == (N, C)),
        (r"and $L = \frac{1}{N}\sum_n", lambda: dS.shape == (N, C) and near(dS, (P - Y) / N)),
        (r"dW_2 &= H_1^\top\, dS && (H\times C)", lambda: near(H1.T @ dS, dW2) and dW2.shape == (Hd, C)),
        (r"db_2 &= dS^\top \mathbf{1} && (C)", lambda: near(dS.T @ np.ones(N), db2) and db2.shape == (C,)),
        (r"dH_1 &= dS\, W_2 && (N\times H)", dH1_claim),
        (r"dA &= dH_1 \odot \mathbb{1}[A > 0] && (N\times H)", lambda: near(dH1 * (A > 0), dA) and dA.shape == (N, Hd)),
        (r"dW_1 &= X^\top dA && (D\times H)", lambda: near(X.T @ dA, dW1) and dW1.shape == (D, Hd)),
        (r"db_1 &= dA^\top \mathbf{1} && (H)", lambda: near(dA.T @ np.ones(N), db1) and db1.shape == (Hd,)),
        ("Shape check: every gradient has the same shape",
         lambda: dW1.shape == W1.shape and dW2.shape == W2.shape and db1.shape == b1.shape
         and db2.shape == b2.shape and near(dA.sum(axis=0), db1)),
        ("the number of parameters is",
         lambda: 784 * 128 + 128 + 128 * 10 + 10 == 101770),
        (r"Note that $dX = dA\, W_1^\top$", lambda: near(dA @ W1.T, dX) and dX.shape == (N, D)),
    ]


# =========================================================== 05 tiny ReLU net
def checks_05():
    x = np.array([2.0, 1.0])
    W1 = np.array([[1.0, 0.5], [-1.0, 2.0]])
    b1 = np.array([0.5, -1.0])
    w2 = np.array([0.4, -0.3])
    b2 = 0.1
    y = 2.0

    def fwd(x=x, W1=W1, b1=b1, w2=w2, b2=b2):
        z = W1 @ x + b1
        h = np.maximum(z, 0)
        yh = w2 @ h + b2
        return z, h, yh, 0.5 * (yh - y) ** 2

    z, h, yh, L = fwd()
    d_yh = nderiv(lambda t: 0.5 * (t - y) ** 2, yh)
    d_w2 = ngrad(lambda w: fwd(w2=w)[3], w2)
    d_b2 = nderiv(lambda b: fwd(b2=b)[3], b2)
    d_h = ngrad(lambda hv: 0.5 * (w2 @ hv + b2 - y) ** 2, h)
    d_z = ngrad(lambda zv: 0.5 * (w2 @ np.maximum(zv, 0) + b2 - y) ** 2, z)
    d_W1 = ngrad(lambda W: fwd(W1=W)[3], W1)
    d_b1 = ngrad(lambda b: fwd(b1=b)[3], b1)
    eta = 0.05
    w2n = w2 - eta * d_w2
    b2n = b2 - eta * d_b2
    _, _, yh2, L2 = fwd(w2=w2n, b2=b2n)

    return [
        (r"$x = \begin{bmatrix}2\\1\end{bmatrix}$, $W_1 =", lambda: (W1 @ x).shape == (2,) and (w2 @ np.zeros(2)).shape == ()),
        ("**Forward** (`z = W1 @ x + b1`", lambda: near(np.maximum(W1 @ x + b1, 0), h)),
        (r"$$z = W_1 x + b_1 = \begin{bmatrix}2 + 0.5 + 0.5",
         lambda: exact(W1[:, 0] * x[0], [2, -2]) and exact(W1[:, 1] * x[1], [0.5, 2]) and exact(b1, [0.5, -1])
         and exact(z, [3, -1]) and exact(h, [3, 0])),
        (r"$$\hat y = w_2 h + b_2 = 0.4\cdot 3", lambda: exact(yh, 1.3) and exact(0.4 * 3 + (-0.3) * 0 + 0.1, 1.3)),
        (r"$$L = \tfrac12(1.3 - 2)^2", lambda: exact(L, 0.245) and exact((1.3 - 2) ** 2, 0.49)),
        (r"Start from $\frac{\partial L}{\partial \hat y}", lambda: near(d_yh, yh - y) and exact(yh - y, -0.7)),
        ("Output layer: $", lambda: near(d_w2, (yh - y) * h) and exact((yh - y) * h, [-2.1, 0]) and near(d_b2, -0.7)),
        ("Into the hidden layer:",
         lambda: near(d_h, (yh - y) * w2) and exact(-0.7 * np.array([0.4, -0.3]), [-0.28, -0.21])),
        ("ReLU gate (`dz = dh * (z > 0)`)",
         lambda: z[0] > 0 and z[1] <= 0 and near(d_z, [-0.28, 0]) and near(d_z, d_h * (z > 0))),
        (r"x^\top = \begin{bmatrix}-0.56 & -0.28\\ 0 & 0\end{bmatrix}",
         lambda: near(d_W1, np.outer(d_z, x)) and near(d_W1, [[-0.56, -0.28], [0, 0]]) and near(d_b1, [-0.28, 0])),
        (r"The second row of $\partial L/\partial W_1$ is zero", lambda: near(d_W1[1], [0, 0]) and z[1] < 0),
        (r"**One SGD step** with $\eta = 0.05$", given),
        (r"$w_2 \leftarrow w_2 - \eta",
         lambda: near(w2n, [0.505, -0.3]) and near(b2n, 0.135) and exact(0.1 + 0.05 * 0.7, 0.135)),
        (r"New prediction $\hat y = 0.505\cdot 3 + 0.135 = 1.65$",
         lambda: near(yh2, 1.65) and exact(0.505 * 3 + 0.135, 1.65) and near(L2, 0.06125)
         and exact(0.5 * 0.35 ** 2, 0.06125) and L2 < L),
    ]


# =========================================================== 06 L1 / L2
def checks_06():
    r = rng_for("06")
    lam, mu = 0.37, 0.05
    w = r.normal(size=5)
    assert np.all(np.abs(w) > 1e-3)

    def Lfun(v):
        return np.sum(v ** 3) / 3 + np.sin(v).sum()

    def J(v):
        return Lfun(v) + lam * np.sum(v ** 2) + mu * np.sum(np.abs(v))

    gradL = ngrad(Lfun, w)
    gradJ = ngrad(J, w)
    g_l2 = ngrad(lambda v: lam * np.sum(v ** 2), w)
    g_l1 = ngrad(lambda v: mu * np.sum(np.abs(v)), w)

    def subgrad_zero():
        ts = np.linspace(-2, 2, 401)
        ok_in = all(np.all(mu * np.abs(ts) >= g * ts - 1e-15) for g in np.linspace(-mu, mu, 11))
        bad_out = all(np.any(mu * np.abs(ts) < g * ts - 1e-12) for g in [-1.01 * mu, 1.01 * mu])
        return ok_in and bad_out and np.sign(0.0) == 0

    w_ex = np.array([0.5, -1.2, 0.0])
    l_ex, m_ex = 0.1, 0.01
    g2_ex = ngrad(lambda v: l_ex * np.sum(v ** 2), w_ex)
    return [
        (r"$$J(w) = L(w) + \lambda\|w\|_2^2 + \mu\|w\|_1,$$", given),
        (r"donde $\|w\|_2^2 = \sum_i w_i^2$",
         lambda: near(np.linalg.norm(w) ** 2, np.sum(w ** 2)) and near(np.linalg.norm(w, 1), np.sum(np.abs(w)))),
        (r"no es derivable en $0$",
         lambda: (abs(1e-7) - 0) / 1e-7 == 1.0 and (abs(-1e-7) - 0) / (-1e-7) == -1.0),
        (r"\mu\|w\|_1 = \mu\,\mathrm{sign}(w_i)", lambda: near(g_l1, mu * np.sign(w))),
        (r"y en $w_i = 0$ vale cualquier subgradiente", subgrad_zero),
        (r"\lambda\sum_j w_j^2 = \lambda\, w_i", lambda: near(g_l2, lam * w)),
        (r"o sea $\nabla_w\big(\lambda\|w\|_2^2\big) = \lambda w$", lambda: near(g_l2, lam * w)),
        (r"Con descenso de gradiente y tasa $\eta$", given),
        (r"$$w \leftarrow w - \eta\big(\nabla L(w) + \lambda w",
         lambda: near(gradJ, gradL + lam * w + mu * np.sign(w))),
        (r"El factor $(1-\eta\lambda)$",
         # true decay factor for J as defined is (1 - 2*eta*lambda)
         lambda: exact(1 - 2 * 0.1 * 0.01, 0.999)),
        (r"Ejemplo numérico: $w = (0{,}5", given),
        (r"- gradiente L1:", lambda: exact(m_ex * np.sign(w_ex), [0.01, -0.01, 0])),
        (r"- gradiente L2:", lambda: near(g2_ex, [0.05, -0.12, 0])),
        (r"- total de la regularización:", lambda: near(g2_ex + m_ex * np.sign(w_ex), [0.06, -0.13, 0])),
    ]


# =========================================================== 07 BCE with logits
def checks_07():
    r = rng_for("07")
    zs = r.normal(size=9) * 3
    ys = r.random(9)

    def ell(z, y):
        s = sigmoid(z)
        return -(y * np.log(s) + (1 - y) * np.log(1 - s))

    def stable(z, y):
        return np.maximum(z, 0) - z * y + np.log1p(np.exp(-np.abs(z)))

    N = 6
    zb = r.normal(size=N)
    yb = (r.random(N) > 0.5).astype(float)
    Lb = lambda v: np.mean(ell(v, yb))
    dl = np.array([nderiv(lambda t: ell(t, y), z) for z, y in zip(zs, ys)])
    d2 = np.array([(ell(z + 1e-4, 0.3) - 2 * ell(z, 0.3) + ell(z - 1e-4, 0.3)) / 1e-8 for z in zs])

    def naive_chain():
        ps = sigmoid(zs)
        dldp = np.array([nderiv(lambda q: -(y * np.log(q) + (1 - y) * np.log(1 - q)), p, eps=1e-8)
                         for p, y in zip(ps, ys)])
        return near(dldp, (ps - ys) / (ps * (1 - ps)), tol=1e-4) and near(dldp * ps * (1 - ps), sigmoid(zs) - ys, tol=1e-4)

    return [
        (r"Let me write $p = \sigma(z)$", given),
        (r"$$\ell(z, y) = -\big[y\log\sigma(z)", given),
        (r"Note that $\log\sigma(z) = -\log(1+e^{-z})$",
         lambda: near(np.log(sigmoid(zs)), -np.log1p(np.exp(-zs)))
         and near(np.log(1 - sigmoid(zs)), -zs - np.log1p(np.exp(-zs)))),
        (r"$$\ell(z,y) = (1-y)\,z + \log(1+e^{-z}).$$", lambda: near(ell(zs, ys), (1 - ys) * zs + np.log1p(np.exp(-zs)))),
        (r"Now differentiate: $\frac{d}{dz}\log(1+e^{-z})",
         lambda: near([nderiv(lambda t: np.log1p(np.exp(-t)), z) for z in zs], -np.exp(-zs) / (1 + np.exp(-zs)))
         and near(-np.exp(-zs) / (1 + np.exp(-zs)), -(1 - sigmoid(zs)))),
        (r"$$\frac{d\ell}{dz} = (1-y) - (1-\sigma(z)) = \sigma(z) - y.$$",
         lambda: near(dl, (1 - ys) - (1 - sigmoid(zs))) and near(dl, sigmoid(zs) - ys)),
        (r"No division by $p(1-p)$ anywhere", naive_chain),
        (r"\max(z,0) - z\,y + \log\big(1 + e^{-|z|}\big)",
         lambda: near(stable(zs, ys), ell(zs, ys))
         and near(stable(np.array([-40.0, 40.0]), np.array([1.0, 0.0])), [40.0, 40.0], tol=1e-9)),
        (r"where the exponent is never positive", lambda: bool(np.all(-np.abs(zs) <= 0))),
        (r"Numbers: $z = 2$, $y = 1$",
         lambda: shown(sigmoid(2.0), "0.8808") and near(ell(2.0, 1.0), np.log1p(np.exp(-2.0)))
         and shown(ell(2.0, 1.0), "0.1269") and shown(nderiv(lambda t: ell(t, 1.0), 2.0), "-0.1192")),
        (r"With $z = -3$, $y = 1$",
         lambda: near(ell(-3.0, 1.0), 3 + np.log1p(np.exp(-3.0))) and shown(ell(-3.0, 1.0), "3.0486")
         and near(stable(-3.0, 1.0), 3 + np.log1p(np.exp(-3.0))) and shown(np.log1p(np.exp(-3.0)), "0.0486")),
        (r"For a batch with the default mean reduction", lambda: near(ngrad(Lb, zb), (sigmoid(zb) - yb) / N)),
        (r"Also $\frac{d^2\ell}{dz^2}",
         lambda: near(d2, sigmoid(zs) * (1 - sigmoid(zs)), tol=1e-4) and bool(np.all(sigmoid(zs) * (1 - sigmoid(zs)) > 0))),
    ]


# =========================================================== 08 inverted dropout
def checks_08():
    ps = [0.3, 0.5, 0.8]
    hs = [2.5, -1.3, 0.7]

    def dist(h, p):   # values and probabilities of tilde h
        return np.array([0.0, h / p]), np.array([1 - p, p])

    def E(h, p):
        v, q = dist(h, p)
        return float((v * q).sum())

    def Var(h, p):
        v, q = dist(h, p)
        return float((v ** 2 * q).sum() - E(h, p) ** 2)

    def code_mc():
        r = rng_for("08")
        p = 0.8
        u = r.random(400000)
        mask = (u < p) / p
        dout = r.normal(size=u.size)
        return abs(mask.mean() - 1) < 0.01 and near(dout * mask, dout * ((u < p) / p))

    return [
        (r"Seja $h \in \mathbb{R}^d$ a ativação", given),
        (r"$$\tilde h_i = \frac{m_i\, h_i}{p}.$$", given),
        (r"Esperança (com $h_i$ fixo)", given),
        (r"\mathbb{E}[\tilde h_i] = \frac{h_i}{p}\,\mathbb{E}[m_i]",
         lambda: all(exact(E(h, p), h / p * p) and exact(h / p * p, h) for h in hs for p in ps)),
        (r"usa-se $h$ diretamente", lambda: all(exact(E(h, p), h) for h in hs for p in ps)),
        (r"\mathrm{Var}[\tilde h_i] = \frac{h_i^2}{p^2}\,\mathrm{Var}[m_i]",
         lambda: all(exact(Var(h, p), h ** 2 / p ** 2 * p * (1 - p)) and exact(Var(h, p), h ** 2 * (1 - p) / p)
                     for h in hs for p in ps)),
        (r"Exemplo: $p = 0{,}8$",
         lambda: exact(dist(2.5, 0.8)[0], [0, 3.125]) and exact(E(2.5, 0.8), 2.5) and exact(0.8 * 3.125, 2.5)
         and exact(Var(2.5, 0.8), 1.5625) and exact(6.25 * 0.25, 1.5625) and exact(2.5 ** 2, 6.25)
         and exact((1 - 0.8) / 0.8, 0.25)),
        (r"\frac{\partial L}{\partial h_i} = \frac{m_i}{p}",
         lambda: all(near(nderiv(lambda t: 1.7 * (m * t / p) + (m * t / p) ** 2, 0.9),
                          m / p * (1.7 + 2 * (m * 0.9 / p))) for m in [0, 1] for p in ps)),
        ("Em código: `mask", code_mc),
        (r"ou seja $p_{\text{torch}} = 1 - p$", lambda: exact(1 / (1 - 0.2), 1.25) and exact(1 - 0.2, 0.8)),
    ]


# =========================================================== 09 batch norm
def checks_09():
    r = rng_for("09")
    N = 6
    x = r.normal(size=N) * 2 + 1
    g = r.normal(size=N)
    gamma, beta, eps = 1.7, -0.4, 1e-3

    def bn(xv, gam=gamma, bet=beta, e=eps):
        mu = xv.mean()
        var = ((xv - mu) ** 2).mean()
        xh = (xv - mu) / np.sqrt(var + e)
        return xh, gam * xh + bet

    def L(xv, gam=gamma, bet=beta, e=eps, gg=g):
        return np.sum(gg * bn(xv, gam, bet, e)[1])

    mu = x.mean()
    var = ((x - mu) ** 2).mean()
    s = np.sqrt(var + eps)
    xh = bn(x)[0]

    def compact(gg, e, xv=x, gam=gamma):
        n_ = len(xv)
        m = xv.mean()
        v = ((xv - m) ** 2).mean()
        ss = np.sqrt(v + e)
        xx = (xv - m) / ss
        return gam / (n_ * ss) * (n_ * gg - gg.sum() - xx * np.sum(gg * xx))

    def intermediate():
        # L as a function of (mu, var) treated as independent inputs
        f = lambda m, v: np.sum(g * (gamma * (x - m) / np.sqrt(v + eps) + beta))
        dvar = nderiv(lambda v: f(mu, v), var)
        # total derivative wrt mu, with var recomputed from mu
        F = lambda m: f(m, ((x - m) ** 2).mean())
        dmu = nderiv(F, mu)
        return near(dvar, -gamma / (2 * s ** 3) * np.sum(g * (x - mu))) and near(dmu, -gamma / s * np.sum(g))

    def path_zero():
        dvar_dmu = nderiv(lambda m: ((x - m) ** 2).mean(), mu)
        return abs(dvar_dmu) < 1e-8 and near(-2 / N * np.sum(x - mu), 0.0)

    def props():
        d0 = ngrad(lambda v: L(v, e=0.0), x)
        c0 = compact(g, 0.0)
        xh0 = bn(x, e=0.0)[0]
        dc = ngrad(lambda v: L(v, e=0.0, gg=np.full(N, 0.8)), x)
        return (near(d0, c0) and abs(c0.sum()) < 1e-10 and abs(np.sum(xh0 * c0)) < 1e-10
                and np.allclose(dc, 0, atol=1e-7) and np.allclose(compact(np.full(N, 0.8), eps), 0, atol=1e-12))

    xd = np.array([1.0, 2, 3, 6])
    md = xd.mean()
    vd = ((xd - md) ** 2).mean()
    sd = np.sqrt(vd)
    xhd = (xd - md) / sd

    def common_mistakes():
        true = ngrad(L, x)
        # compact formula with the 1/(N-1) variance does not give the gradient
        v_unb = ((x - mu) ** 2).sum() / (N - 1)
        s_u = np.sqrt(v_unb + eps)
        xx_u = (x - mu) / s_u
        wrong1 = gamma / (N * s_u) * (N * g - g.sum() - xx_u * np.sum(g * xx_u))
        wrong2 = gamma / (N * s) * (N * g - g.sum())
        return near(true, compact(g, eps)) and not near(true, wrong1) and not near(true, wrong2)

    return [
        (r"A single feature over a mini-batch", given),
        (r"$$\mu = \frac1N\sum_{i=1}^N x_i", given),
        (r"Upstream gradients $g_i", given),
        (r"(a) [2 pts]",
         lambda: near(nderiv(lambda t: L(x, gam=t), gamma), np.sum(g * xh))
         and near(nderiv(lambda t: L(x, bet=t), beta), np.sum(g))),
        (r"(b) [6 pts] Let $s", given),
        (r"\frac{\partial L}{\partial x_i} = \frac{\gamma}{N s}\Big(", lambda: near(ngrad(L, x), compact(g, eps))),
        (r"\frac{\partial L}{\partial \sigma^2} = -\frac{\gamma}{2 s^3}", intermediate),
        (r"(the path from $\mu$ through $\sigma^2$", path_zero),
        (r"(c) [2 pts] With $\epsilon = 0$", props),
        (r"(d) [2 pts] $x = (1, 2, 3, 6)$",
         lambda: exact(md, 3) and exact(((xd - md) ** 2), [4, 1, 0, 9]) and exact(vd, 3.5)
         and exact((4 + 1 + 0 + 9) / 4, 3.5) and shown(sd, "1.8708")
         and shown_all(xhd, ["-1.069", "-0.535", "0", "1.604"])),
        (r"With $g = (1, 0, 0, 0)$ part (b) gives",
         lambda: shown(compact(np.array([1.0, 0, 0, 0]), 0.0, xv=xd, gam=1.0)[0], "0.248")
         and near(ngrad(lambda v: np.sum(np.array([1.0, 0, 0, 0]) * (v - v.mean()) / v.std()), xd)[0],
                  1 / (4 * sd) * (4 - 1 - xhd[0] ** 2))
         and shown(1 / (4 * sd) * (4 - 1 - 1.069 ** 2), "0.248")),
        (r"Common mistakes: using $1/(N-1)$", common_mistakes),
    ]


# =========================================================== 10 conv sizes
def conv_out(n, k, s, p, d=1):
    return (n + 2 * p - d * (k - 1) - 1) // s + 1


def conv_out_brute(n, k, s, p, d=1):
    """Count window positions on the padded axis by brute force."""
    padded = n + 2 * p
    count = 0
    start = 0
    while start + d * (k - 1) <= padded - 1:
        count += 1
        start += s
    return count


def checks_10():
    def formula_ok():
        for n in range(1, 40):
            for k in range(1, 6):
                for s in range(1, 4):
                    for p in range(0, 3):
                        for d in range(1, 4):
                            if n + 2 * p < d * (k - 1) + 1:
                                continue
                            if conv_out(n, k, s, p, d) != conv_out_brute(n, k, s, p, d):
                                return False
        return True

    def eff_kernel_ok():
        return all(max(d * i for i in range(k)) - 0 + 1 == d * (k - 1) + 1 for k in range(1, 8) for d in range(1, 5))

    n1 = conv_out(224, 7, 2, 3, 1)
    n2 = conv_out(n1, 3, 2, 1, 1)
    n3 = conv_out(n2, 3, 1, 2, 2)
    n4 = conv_out(n3, 3, 2, 0, 1)

    def same_ok():
        return all(conv_out(n, 3, 1, d, d) == n for n in range(5, 80) for d in range(1, 4)) and n3 == 56

    return [
        (r"\frac{n_{\text{in}} + 2p - d\,(k-1) - 1}{s}", formula_ok),
        (r"где $k$ — размер ядра", eff_kernel_ok),
        (r"Вход: изображение $3\times 224\times 224$", given),
        (r"1. Свёртка, $k=7$", given),
        (r"$$n_1 = \left\lfloor \frac{224 + 6 - 6 - 1}{2}",
         lambda: 224 + 2 * 3 - 1 * (7 - 1) - 1 == 223 and exact(223 / 2, 111.5) and n1 == 112 and n1 == conv_out_brute(224, 7, 2, 3)),
        (r"Выход $64\times112\times112$.", lambda: n1 == 112),
        (r"2. MaxPool, $k=3$", given),
        (r"$$n_2 = \left\lfloor \frac{112 + 2 - 2 - 1}{2}\right\rfloor + 1 = 55 + 1 = 56.$$",
         lambda: 112 + 2 - 2 - 1 == 111 and 111 // 2 == 55 and n2 == 56),
        (r"3. Свёртка, $k=3$, $s=1$, $p=2$, $d=2$", lambda: 2 * (3 - 1) + 1 == 5),
        (r"$$n_3 = \left\lfloor \frac{56 + 4 - 4 - 1}{1}\right\rfloor + 1 = 56,$$",
         lambda: 56 + 4 - 4 - 1 == 55 and n3 == 56 and n3 == conv_out_brute(56, 3, 1, 2, 2)),
        (r"то есть при $s=1$, $k=3$ и $p = d$", same_ok),
        (r"4. Свёртка, $k=3$, $s=2$, $p=0$", given),
        (r"$$n_4 = \left\lfloor \frac{56 - 2 - 1}{2}\right\rfloor = 26.$$", lambda: n4 == 26),
        (r"Выход $256\times 26\times 26$. Параметров",
         lambda: n4 == 26 and 256 * (128 * 3 * 3) + 256 == 295168),
        (r"Итого после `nn.Flatten()`", lambda: 256 * n4 * n4 == 173056),
    ]


# =========================================================== 11 pooling backward
def pool(X, k, s, op):
    H, W = X.shape
    oh, ow = (H - k) // s + 1, (W - k) // s + 1
    out = np.zeros((oh, ow))
    for a in range(oh):
        for b in range(ow):
            win = X[a * s:a * s + k, b * s:b * s + k]
            out[a, b] = win.max() if op == "max" else win.mean()
    return out


def checks_11():
    X = np.array([[1, 3, 2, 0], [4, 2, 1, 5], [0, 1, 3, 2], [2, 6, 1, 1]], float)
    G = np.array([[1, -2], [0.5, 3]])
    dmax = ngrad(lambda Xv: np.sum(G * pool(Xv, 2, 2, "max")), X)
    davg = ngrad(lambda Xv: np.sum(G * pool(Xv, 2, 2, "avg")), X)
    claimed_max = np.array([[0, 0, 0, 0], [1, 0, 0, -2], [0, 0, 3, 0], [0, 0.5, 0, 0]])
    claimed_avg = np.array([[0.25, 0.25, -0.5, -0.5], [0.25, 0.25, -0.5, -0.5],
                            [0.125, 0.125, 0.75, 0.75], [0.125, 0.125, 0.75, 0.75]])

    def routed():
        out = np.zeros_like(X)
        for a in range(2):
            for b in range(2):
                win = X[2 * a:2 * a + 2, 2 * b:2 * b + 2]
                i, j = np.unravel_index(np.argmax(win), win.shape)
                out[2 * a + i, 2 * b + j] += G[a, b]
        return out

    def avg_formula():
        out = np.array([[G[i // 2, j // 2] / 4 for j in range(4)] for i in range(4)])
        return out

    def ties():
        r = rng_for("11")
        w = np.array([2.0, 5.0, 5.0, 1.0])       # tie between entries 1 and 2
        for lam in np.linspace(0, 1, 6):
            gsub = np.array([0, lam, 1 - lam, 0])
            for _ in range(200):
                dv = r.normal(size=4)
                if (w + dv).max() < w.max() + gsub @ dv - 1e-12:
                    return False
        # and max is not differentiable there: one-sided slopes along e1 - e2 differ
        e = np.array([0, 1.0, -1.0, 0])
        h = 1e-6
        right = ((w + h * e).max() - w.max()) / h
        left = (w.max() - (w - h * e).max()) / h
        return abs(right - left) > 0.5

    def overlapping():
        r = rng_for("11b")
        Xo = r.normal(size=(5, 5))
        Go = r.normal(size=(2, 2))
        num = ngrad(lambda Xv: np.sum(Go * pool(Xv, 3, 2, "max")), Xo)
        add = np.zeros_like(Xo)
        assign = np.zeros_like(Xo)
        numa = ngrad(lambda Xv: np.sum(Go * pool(Xv, 3, 2, "avg")), Xo)
        adda = np.zeros_like(Xo)
        for a in range(2):
            for b in range(2):
                win = Xo[2 * a:2 * a + 3, 2 * b:2 * b + 3]
                i, j = np.unravel_index(np.argmax(win), win.shape)
                add[2 * a + i, 2 * b + j] += Go[a, b]
                assign[2 * a + i, 2 * b + j] = Go[a, b]
                adda[2 * a:2 * a + 3, 2 * b:2 * b + 3] += Go[a, b] / 9
        # centre pixel (2,2) is in all four avg windows, so '=' would be wrong there
        return near(num, add) and near(numa, adda)

    return [
        (r"One $4\times 4$ input channel", lambda: pool(X, 2, 2, "max").shape == (2, 2)),
        (r"$$X = \begin{bmatrix} 1 & 3 & 2 & 0",
         lambda: exact(pool(X, 2, 2, "max"), [[4, 5], [6, 3]]) and exact(pool(X, 2, 2, "avg"), [[2.5, 2], [2.25, 1.75]])),
        (r"Suppose the upstream gradient is $G", given),
        (r"**Max-pool.** Each output is one of its inputs", lambda: near(dmax, routed())),
        (r"\arg\max_{(i',j')\in R_{ab}} X_{i'j'}", lambda: near(dmax, routed()) and near(dmax, claimed_max)),
        (r"In numpy terms you store the argmax", lambda: near(dmax, routed())),
        (r"**Average-pool.** Each output is $\frac14$",
         lambda: exact(pool(X, 2, 2, "avg"), np.array([[X[0:2, 0:2].sum(), X[0:2, 2:4].sum()],
                                                      [X[2:4, 0:2].sum(), X[2:4, 2:4].sum()]]) / 4)
         and near(davg, avg_formula())),
        (r"= \tfrac14\, G_{\lfloor i/2\rfloor,\lfloor j/2\rfloor}", lambda: near(davg, avg_formula()) and near(davg, claimed_avg)),
        (r"Sanity check: each output spreads its gradient",
         lambda: near(dmax.sum(), G.sum()) and near(davg.sum(), G.sum()) and exact(G.sum(), 2.5)),
        ("Ties: if two entries of a window are equal", ties),
        (r"For overlapping windows (e.g. $3\times3$", overlapping),
    ]


# =========================================================== 12 Adam
def adam(gs, b1=0.9, b2=0.999, a=0.001, eps=1e-8, th=1.0):
    m = v = 0.0
    hist = []
    for t, g in enumerate(gs, start=1):
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g * g
        mh = m / (1 - b1 ** t)
        vh = v / (1 - b2 ** t)
        th = th - a * mh / (np.sqrt(vh) + eps)
        hist.append(dict(m=m, v=v, mh=mh, vh=vh, th=th))
    return hist


def checks_12():
    h = adam([2.0, 1.0])
    h1, h2 = h

    def recursion_closed_form():
        r = rng_for("12")
        gs = r.normal(size=7)
        m = 0.0
        for t, g in enumerate(gs, 1):
            m = 0.9 * m + 0.1 * g
            closed = 0.1 * sum(0.9 ** (t - i) * gs[i - 1] for i in range(1, t + 1))
            if not near(m, closed, tol=1e-12):
                return False
        return True

    def correction_unbiased():
        for gconst in [0.3, -2.0, 5.0]:
            hh = adam([gconst] * 6)
            if not all(near(s["mh"], gconst, tol=1e-12) and near(s["vh"], gconst ** 2, tol=1e-10) for s in hh):
                return False
        return True

    return [
        (r"업데이트 규칙 ($t = 1, 2, \dots$", given),
        (r"m_t &= \beta_1 m_{t-1} + (1-\beta_1)\, g_t", recursion_closed_form),
        (r"\hat m_t &= \frac{m_t}{1-\beta_1^t}", correction_unbiased),
        (r"하이퍼파라미터는 기본값", given),
        (r"**스텝 1.** $m_1 = 0.1 \cdot 2 = 0.2$", lambda: near(h1["m"], 0.2, 1e-12) and near(h1["v"], 0.004, 1e-12)),
        (r"보정하면 $\hat m_1 = 0.2 / 0.1 = 2$",
         lambda: near(h1["mh"], 2, 1e-12) and near(h1["vh"], 4, 1e-12) and near(h1["mh"], 2.0, 1e-12)
         and near(h1["vh"], 2.0 ** 2, 1e-12)),
        (r"따라서 $\theta_1 = 1 - 0.001 \cdot 2/\sqrt 4 = 0.999$", lambda: near(h1["th"], 0.999, 1e-9)),
        (r"첫 스텝의 크기는",
         lambda: all(near(abs(adam([g])[0]["th"] - 1.0), 0.001, tol=1e-7) for g in [0.01, 2.0, -7.0, 300.0])),
        (r"**스텝 2.** $m_2 = 0.9\cdot 0.2", lambda: near(h2["m"], 0.28, 1e-12) and near(h2["v"], 0.004996, 1e-12)),
        (r"$$\hat m_2 = \frac{m_2}{1-\beta_1}",
         lambda: near(h2["mh"], 2.8, 1e-9) and shown(h2["vh"], "2.4992") and near(1 - 0.999 ** 2, 0.001999, 1e-12)),
        (r"$\sqrt{\hat v_2} \approx 1.5809$",
         lambda: shown(np.sqrt(h2["vh"]), "1.5809") and shown(h2["th"], "0.99723")),
        (r"참고로 보정을 하지 않으면",
         lambda: shown(np.sqrt(h2["v"]), "0.0707") and shown(h2["m"] / np.sqrt(h2["v"]), "3.96")),
    ]


# =========================================================== 13 Nesterov
def nesterov(grad, th0, eta, mu, steps):
    th, v = th0, 0.0
    out = []
    for _ in range(steps):
        look = th + mu * v
        g = grad(look)
        v = mu * v - eta * g
        th = th + v
        out.append(dict(look=look, g=g, v=v, th=th))
    return out


def checks_13():
    grad = lambda t: 2 * t
    ns = nesterov(grad, 1.0, 0.1, 0.9, 3)

    def heavy():
        th, v = 1.0, 0.0
        res = []
        for _ in range(3):
            v = 0.9 * v - 0.1 * grad(th)
            th = th + v
            res.append(th)
        return res

    gf = lambda t: np.cos(t) + 0.3 * t ** 3   # a non-quadratic test function

    def torch_equiv():
        eta, mu = 0.05, 0.9
        # Sutskever form
        th, v = 0.7, 0.0
        phis, vs = [], []
        for _ in range(8):
            phis.append(th + mu * v)
            vs.append(v)
            v = mu * v - eta * gf(th + mu * v)
            th = th + v
        # PyTorch form
        p, buf = 0.7, 0.0
        ps, bufs = [], []
        for _ in range(8):
            ps.append(p)
            bufs.append(buf)
            g = gf(p)
            buf = mu * buf + g
            p = p - eta * (g + mu * buf)
        return near(phis, ps, 1e-12) and near(vs, -eta * np.array(bufs), 1e-12)

    def phi_recursion():
        eta, mu = 0.05, 0.9
        th, v = 0.7, 0.0
        for _ in range(8):
            phi = th + mu * v
            vn = mu * v - eta * gf(phi)
            thn = th + vn
            if not near(thn + mu * vn, phi + mu ** 2 * v - (1 + mu) * eta * gf(phi), 1e-12):
                return False
            th, v = thn, vn
        return True

    return [
        (r"Minimize $f(\theta) = \theta^2$", lambda: near(nderiv(lambda t: t ** 2, 0.37), 2 * 0.37)),
        (r"$$v_{t+1} = \mu v_t - \eta\,\nabla f(\theta_t + \mu v_t)", given),
        (r"**Step 1.** Look-ahead point", lambda: exact(ns[0]["look"], 1) and exact(ns[0]["g"], 2)),
        (r"$v_1 = 0 - 0.1\cdot 2 = -0.2$", lambda: exact(ns[0]["v"], -0.2) and exact(ns[0]["th"], 0.8)),
        (r"**Step 2.** Look-ahead $0.8 + 0.9\cdot(-0.2) = 0.62$",
         lambda: exact(ns[1]["look"], 0.62) and exact(ns[1]["g"], 1.24)),
        (r"$$v_2 = 0.9\cdot(-0.2) - 0.1\cdot 1.24",
         lambda: exact(0.9 * -0.2, -0.18) and exact(0.1 * 1.24, 0.124) and exact(ns[1]["v"], -0.304)
         and exact(ns[1]["th"], 0.496)),
        (r"**Step 3.** Look-ahead $0.496 + 0.9\cdot(-0.304)",
         lambda: exact(0.9 * -0.304, -0.2736) and exact(ns[2]["look"], 0.2324) and exact(ns[2]["g"], 0.4648)),
        (r"$$v_3 = 0.9\cdot(-0.304) - 0.1\cdot 0.4648",
         lambda: exact(ns[2]["v"], -0.32008) and exact(ns[2]["th"], 0.17592)),
        (r"plain heavy-ball momentum", lambda: exact(heavy(), [0.8, 0.46, 0.062])),
        (r"Put $\phi_t = \theta_t + \mu v_t$", torch_equiv),
        (r"$$\phi_{t+1} = \phi_t + \mu^2 v_t - (1+\mu)\,\eta\,\nabla f(\phi_t),$$", phi_recursion),
        (r"which is exactly that update with `p`", torch_equiv),
    ]


# =========================================================== 14 attention
def checks_14():
    r = rng_for("14")
    n, m, dk, dv = 3, 4, 5, 2
    Q = r.normal(size=(n, dk))
    K = r.normal(size=(m, dk))
    V = r.normal(size=(m, dv))
    dO = r.normal(size=(n, dv))

    def fwd(Qv=Q, Kv=K, Vv=V):
        S = Qv @ Kv.T / np.sqrt(dk)
        A = softmax(S, axis=1)
        return S, A, A @ Vv

    S, A, O = fwd()
    L = lambda O_: np.sum(dO * O_)
    dV_n = ngrad(lambda Vv: L(fwd(Vv=Vv)[2]), V)
    dA_n = ngrad(lambda Av: L(Av @ V), A)
    dS_n = ngrad(lambda Sv: L(softmax(Sv, axis=1) @ V), S)
    dQ_n = ngrad(lambda Qv: L(fwd(Qv=Qv)[2]), Q)
    dK_n = ngrad(lambda Kv: L(fwd(Kv=Kv)[2]), K)
    dA_f = dO @ V.T
    dS_f = A * (dA_f - np.sum(A * dA_f, axis=1, keepdims=True))

    def var_mc():
        rr = rng_for("14mc")
        d = 16
        q = rr.normal(size=(200000, d))
        k = rr.normal(size=(200000, d))
        dots = (q * k).sum(axis=1)
        return abs(dots.var() / d - 1) < 0.03 and abs((dots / np.sqrt(d)).var() - 1) < 0.03

    return [
        (r"Tek bir kafa (head) için $Q", given),
        (r"S &= \frac{QK^\top}{\sqrt{d_k}} \in \mathbb{R}^{n\times m}", lambda: S.shape == (n, m)),
        (r"A &= \mathrm{softmax}(S) \ (\text{satır satır})", lambda: A.shape == (n, m) and near(A.sum(axis=1), np.ones(n))),
        (r"O &= AV \in \mathbb{R}^{n\times d_v}", lambda: O.shape == (n, dv)),
        (r"Neden $\sqrt{d_k}$ ile bölüyoruz?", var_mc),
        (r"Geri yayılım ($dO", given),
        (r"dV &= A^\top dO", lambda: near(A.T @ dO, dV_n) and dV_n.shape == (m, dv)),
        (r"dA &= dO\, V^\top", lambda: near(dA_f, dA_n) and dA_f.shape == (n, m)),
        (r"dS_{ij} &= A_{ij}\Big(dA_{ij}", lambda: near(dS_f, dS_n) and dS_f.shape == (n, m)),
        (r"dQ &= \frac{1}{\sqrt{d_k}}\, dS\, K", lambda: near(dS_f @ K / np.sqrt(dk), dQ_n) and dQ_n.shape == (n, dk)),
        (r"dK &= \frac{1}{\sqrt{d_k}}\, dS^\top Q", lambda: near(dS_f.T @ Q / np.sqrt(dk), dK_n) and dK_n.shape == (m, dk)),
        (r"$dS$'nin her satırının toplamı sıfırdır",
         lambda: np.allclose(dS_f.sum(axis=1), 0, atol=1e-12) and near(softmax(S + 3.0, axis=1), A)),
        (r"Sayısal örnek: $d_{\text{model}} = 512$", lambda: 512 // 8 == 64 and 512 % 8 == 0 and math.isqrt(64) == 8),
        (r"$W^Q, W^K, W^V, W^O$ matrislerinin", lambda: 4 * 512 ** 2 == 1048576),
        (r"Dizi uzunluğu $n = m = 1024$",
         lambda: 8 * 1024 ** 2 == 8388608 and 8388608 * 4 == 32 * 2 ** 20),
    ]


# =========================================================== 15 init
def checks_15():
    def var_product_exact():
        # discrete zero-mean w and x, independent
        wv, wp = np.array([-0.5, 0.5, 1.5, -1.5]), np.array([0.3, 0.3, 0.2, 0.2])
        xv, xp = np.array([-2.0, 0.0, 2.0]), np.array([0.25, 0.5, 0.25])
        assert abs((wv * wp).sum()) < 1e-12 and abs((xv * xp).sum()) < 1e-12
        prod = np.outer(wv, xv)
        pr = np.outer(wp, xp)
        Ev = (prod * pr).sum()
        Var = (prod ** 2 * pr).sum() - Ev ** 2
        Vw = (wv ** 2 * wp).sum()
        Vx = (xv ** 2 * xp).sum()
        return near(Var, Vw * Vx, 1e-12)

    def var_sum_mc():
        r = rng_for("15")
        nin, S = 12, 200000
        w = r.normal(scale=0.7, size=(S, nin))
        x = r.uniform(-1, 1, size=(S, nin))     # Var = 1/3
        y = (w * x).sum(axis=1)
        return abs(y.var() / (nin * 0.49 / 3) - 1) < 0.03

    def backward_mc():
        r = rng_for("15b")
        nin, nout, S = 10, 4, 200000
        # dL/dx = W^T dL/dy : each entry is a sum over n_out terms
        Wt = r.normal(scale=0.7, size=(S, nout))
        gy = r.normal(size=(S, nout))
        gx = (Wt * gy).sum(axis=1)
        harm = 2 / (1 / (1 / nin) + 1 / (1 / nout))
        return abs(gx.var() / (nout * 0.49) - 1) < 0.03 and near(harm, 2 / (nin + nout), 1e-12)

    def relu_second_moment():
        zv = np.array([-3.0, -1.0, 1.0, 3.0])
        zp = np.array([0.1, 0.4, 0.4, 0.1])
        ok1 = near((np.maximum(zv, 0) ** 2 * zp).sum(), 0.5 * (zv ** 2 * zp).sum(), 1e-12)
        r = rng_for("15r")
        z = r.normal(scale=1.3, size=400000)
        ok2 = abs((np.maximum(z, 0) ** 2).mean() / (0.5 * 1.69) - 1) < 0.02
        return ok1 and ok2

    def uniform_var():
        a = 0.8
        # Var U(-a,a) = (1/2a) int x^2 dx = a^2/3
        xs = np.linspace(-a, a, 200001)
        integral = np.trapezoid(xs ** 2, xs) / (2 * a) if hasattr(np, "trapezoid") else np.trapz(xs ** 2, xs) / (2 * a)
        nin, nout = 300, 100
        aa = np.sqrt(6 / (nin + nout))
        return near(integral, a ** 2 / 3, 1e-8) and near(aa ** 2 / 3, 2 / (nin + nout), 1e-12)

    return [
        (r"Study-group write-up. Linear layer $y = Wx$", given),
        (r"and $\mathrm{Var}(w_{ij}x_j) = \mathrm{Var}(w)\mathrm{Var}(x)$", var_product_exact),
        (r"$$\mathrm{Var}(y_i) = n_\text{in}\,\mathrm{Var}(w)\,\mathrm{Var}(x).$$", var_sum_mc),
        (r"Keeping the forward variance fixed needs", backward_mc),
        (r"$$\mathrm{Var}(w) = \frac{2}{n_\text{in} + n_\text{out}}.$$",
         lambda: all(near(2 / (1 / (1 / a) + 1 / (1 / b)), 2 / (a + b), 1e-12) for a, b in [(784, 256), (3, 7)])),
        (r"For a uniform distribution $U(-a, a)$", uniform_var),
        (r"**He (Kaiming).** After a ReLU", lambda: relu_second_moment() and near(0.5 * 784 * (2 / 784), 1.0, 1e-12)),
        (r"$$\mathrm{Var}(w) = \frac{2}{n_\text{in}}.$$", lambda: near(0.5 * 128 * (2 / 128), 1.0, 1e-12)),
        (r"Numbers for a $784 \to 256$ layer", given),
        (r"- Xavier normal:", lambda: 784 + 256 == 1040 and shown(2 / 1040, "0.01923") and shown(np.sqrt(2 / 1040), "0.1387")),
        (r"- Xavier uniform:", lambda: shown(np.sqrt(6 / 1040), "0.0760")),
        (r"- He normal (fan-in):", lambda: shown(2 / 784, "0.002551") and shown(np.sqrt(2 / 784), "0.0505")),
        (r"- He uniform:", lambda: near(np.sqrt(3) * np.sqrt(2 / 784), np.sqrt(6 / 784), 1e-12) and shown(np.sqrt(6 / 784), "0.0875")),
        (r"For a conv layer the fan-in is", lambda: 64 * 3 * 3 == 576 and shown(np.sqrt(2 / 576), "0.0589")),
        (r"In PyTorch: `nn.init.kaiming_normal_", lambda: near(np.sqrt(2) / np.sqrt(576), np.sqrt(2 / 576), 1e-12)),
    ]


# =========================================================== 16 Huber
def huber(r_, d):
    r_ = np.asarray(r_, float)
    return np.where(np.abs(r_) <= d, 0.5 * r_ ** 2, d * (np.abs(r_) - 0.5 * d))


def checks_16():
    d = 1.3
    rs = np.array([-3.1, -1.0, -0.4, 0.2, 0.9, 2.2, 5.0])
    dh = np.array([nderiv(lambda t: huber(t, d), x) for x in rs])

    def smooth():
        v_in = 0.5 * d ** 2
        v_out = d * (d - 0.5 * d)
        s_in = nderiv(lambda t: 0.5 * t ** 2, d)
        s_out = nderiv(lambda t: d * (abs(t) - 0.5 * d), d)
        h = 1e-4
        dd_in = (huber(d - 2 * h, d) - 2 * huber(d - 3 * h, d) + huber(d - 4 * h, d)) / h ** 2
        dd_out = (huber(d + 2 * h, d) - 2 * huber(d + 3 * h, d) + huber(d + 4 * h, d)) / h ** 2
        return (near(v_in, v_out, 1e-12) and near(s_in, d) and near(s_out, d)
                and abs(dd_in - 1) < 1e-3 and abs(dd_out) < 1e-3)

    yhat, y = 2.7, 0.4
    r_ex = np.array([0.5, -2, 3, -0.2])
    yh_ex = np.array([1.5, 0.0, 4.0, 0.8])
    y_ex = yh_ex - r_ex
    gmean = ngrad(lambda v: np.mean(huber(v - y_ex, 1.0)), yh_ex)

    def smoothl1(r_, b):
        r_ = np.asarray(r_, float)
        return np.where(np.abs(r_) < b, 0.5 * r_ ** 2 / b, np.abs(r_) - 0.5 * b)

    return [
        (r"For a residual $r = \hat y - y$", given),
        (r"$$L_\delta(r) = \begin{cases} \tfrac12 r^2 & \text{if }",
         lambda: near(0.5 * d ** 2, d * (d - 0.5 * d), 1e-12)),
        (r"**Derivative.** Inside",
         lambda: near([nderiv(lambda t: 0.5 * t ** 2, x) for x in rs], rs)
         and near([nderiv(lambda t: d * (abs(t) - 0.5 * d), x) for x in rs], d * np.sign(rs))),
        (r"\mathrm{clip}(r, -\delta, \delta)",
         lambda: near(dh, np.where(np.abs(rs) <= d, rs, d * np.sign(rs))) and near(dh, np.clip(rs, -d, d))),
        (r"**Smoothness.** At $r = \delta$", smooth),
        (r"Chain rule back to the prediction",
         lambda: near(nderiv(lambda t: huber(t - y, d), yhat), np.clip(yhat - y, -d, d))
         and near(nderiv(lambda t: huber(yhat - t, d), y), -np.clip(yhat - y, -d, d))),
        (r"**Numbers** ($\delta = 1$", given),
        (r"- losses: $(0.125", lambda: near(huber(r_ex, 1.0), [0.125, 1.5, 2.5, 0.02], 1e-12)
         and near(huber(r_ex, 1.0).sum(), 4.145, 1e-12) and near(huber(r_ex, 1.0).mean(), 1.03625, 1e-12)),
        (r"- derivatives: $(0.5", lambda: near([nderiv(lambda t: huber(t, 1.0), x) for x in r_ex], [0.5, -1, 1, -0.2])),
        (r"- gradient of the mean loss", lambda: near(gmean, [0.125, -0.25, 0.25, -0.05])),
        (r"Compare: for MSE",
         lambda: near([nderiv(lambda t: 0.5 * t ** 2, x) for x in r_ex], r_ex)
         and near([nderiv(abs, x) for x in r_ex], [1, -1, 1, -1])),
        (r"Relation to PyTorch's `SmoothL1Loss(beta)`",
         lambda: near(huber(rs, d), d * smoothl1(rs, d), 1e-12)),
    ]


# ================================================================== driver
FILES = {
    "01_softmax_ce_batch.md": checks_01,
    "02_sigmoid_tanh.md": checks_02,
    "03_logsumexp.md": checks_03,
    "04_mlp_backward_shapes.md": checks_04,
    "05_relu_numeric_backprop.md": checks_05,
    "06_regularizacion_l1_l2.md": checks_06,
    "07_bce_with_logits.md": checks_07,
    "08_dropout_invertido.md": checks_08,
    "09_batchnorm_backward.md": checks_09,
    "10_razmer_svertki.md": checks_10,
    "11_pooling_backward.md": checks_11,
    "12_adam_bias_correction.md": checks_12,
    "13_nesterov_momentum.md": checks_13,
    "14_dikkat_boyutlar.md": checks_14,
    "15_weight_init.md": checks_15,
    "16_huber_loss.md": checks_16,
}


def math_lines(lines):
    """1-based numbers of lines that carry math: contain '$', or sit inside a
    multi-line $$ block (excluding pure delimiters / environment markers)."""
    out = set()
    inside = False
    for i, ln in enumerate(lines, 1):
        s = ln.strip()
        if s == "$$":
            inside = not inside
            continue
        if inside:
            if s.startswith("\\begin{") or s.startswith("\\end{") or not s:
                continue
            out.add(i)
        elif "$" in ln:
            out.add(i)
    return out


def main():
    with open(os.path.join(HERE, "expected.json"), encoding="utf-8") as fh:
        expected = json.load(fh)
    problems = 0
    md_files = sorted(f for f in os.listdir(HERE) if f.endswith(".md"))
    if sorted(md_files) != sorted(FILES) or sorted(expected) != sorted(FILES):
        print("file set mismatch:", md_files, sorted(expected))
        problems += 1
    for name, make in FILES.items():
        with open(os.path.join(HERE, name), encoding="utf-8") as fh:
            lines = fh.read().split("\n")
        if lines and lines[-1] == "":
            lines = lines[:-1]
        results = []
        covered = set()
        bad = False
        for sub, pred in make():
            hits = [i for i, ln in enumerate(lines, 1) if sub in ln]
            if len(hits) != 1:
                print(f"  {name}: substring matches {len(hits)} lines: {sub!r}")
                bad = True
                continue
            try:
                val = bool(pred())
            except Exception as exc:  # a check that cannot even be evaluated is a bug
                print(f"  {name}: predicate error on line {hits[0]}: {exc!r}")
                bad = True
                continue
            covered.add(hits[0])
            results.append((hits[0], val))
        missing = sorted(math_lines(lines) - covered)
        if missing:
            print(f"  {name}: math lines without a check: {missing}")
            bad = True
        results.sort()
        first = next((ln for ln, v in results if not v), None)
        falses = [ln for ln, v in results if not v]
        exp = expected.get(name, "MISSING")
        status = "OK" if (first == exp and not bad) else "MISMATCH"
        if status != "OK":
            problems += 1
        print(f"{status:8s} {name:32s} first false line: {first!s:5s} expected: {exp!s:5s} (false lines: {falses})")
    if problems:
        print(f"{problems} DISAGREEMENT(S)")
        sys.exit(1)
    print("ALL AGREE")


if __name__ == "__main__":
    main()
