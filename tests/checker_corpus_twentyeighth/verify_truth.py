#!/usr/bin/env python3
"""Independent truth check for corpus28 (NumPy only).

For every file: a list of (substring identifying exactly one line, predicate).
Prints the 1-based line of the first false claim per file (or "correct"),
compares with expected.json and exits non-zero on any disagreement.
"""
import json
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(2811)


# ---------------------------------------------------------------- helpers
def sig(z):
    return 1.0 / (1.0 + np.exp(-z))


def rd(shown, true, k):
    """shown value (k decimals) equals the true value rounded to k decimals"""
    true = np.asarray(true, dtype=float)
    shown = np.asarray(shown, dtype=float)
    return bool(np.all(np.abs(shown - true) <= 0.5 * 10.0 ** (-k) + 1e-12))


def close(a, b, tol=1e-6):
    return bool(np.allclose(np.asarray(a, float), np.asarray(b, float), atol=tol, rtol=tol))


def fd_grad(f, x, h=1e-6):
    x = np.array(x, dtype=float)
    g = np.zeros_like(x)
    it = np.nditer(x, flags=["multi_index"])
    for _ in it:
        i = it.multi_index
        xp = x.copy(); xp[i] += h
        xm = x.copy(); xm[i] -= h
        g[i] = (f(xp) - f(xm)) / (2 * h)
    return g


def fd_scalar(f, x, h=1e-6):
    return (f(x + h) - f(x - h)) / (2 * h)


def trials(pred, n=5):
    return all(pred() for _ in range(n))


# ================================================================ file 01
def f01():
    N, D, M, K = 5, 3, 4, 3
    X = rng.normal(size=(N, D))
    Y = np.eye(K)[rng.integers(0, K, size=N)]
    W1 = rng.normal(size=(D, M)); b1 = rng.normal(size=M)
    W2 = rng.normal(size=(M, K)); b2 = rng.normal(size=K)

    def softmax(Z):
        E = np.exp(Z - Z.max(1, keepdims=True))
        return E / E.sum(1, keepdims=True)

    def fwd(W1, b1, W2, b2):
        Z1 = X @ W1 + b1; H = np.maximum(0, Z1)
        Z2 = H @ W2 + b2; P = softmax(Z2)
        return Z1, H, Z2, P

    def loss(W1=W1, b1=b1, W2=W2, b2=b2):
        P = fwd(W1, b1, W2, b2)[3]
        return -np.mean(np.sum(Y * np.log(P), 1))

    Z1, H, Z2, P = fwd(W1, b1, W2, b2)
    LZ2 = lambda Z: -np.mean(np.sum(Y * np.log(softmax(Z)), 1))
    true_G2 = fd_grad(LZ2, Z2)
    G2 = P - Y                               # as written in the notes
    G1 = (G2 @ W2.T) * (Z1 > 0)

    def single():
        z = rng.normal(size=K); y = np.eye(K)[1]
        l = lambda z: -np.sum(y * np.log(softmax(z[None])[0]))
        return close(fd_grad(l, z), softmax(z[None])[0] - y)

    dW2 = fd_grad(lambda W: loss(W2=W), W2); db2 = fd_grad(lambda b: loss(b2=b), b2)
    dW1 = fd_grad(lambda W: loss(W1=W), W1); db1 = fd_grad(lambda b: loss(b1=b), b1)
    dH = fd_grad(lambda Hh: -np.mean(np.sum(Y * np.log(softmax(Hh @ W2 + b2)), 1)), H)
    dZ1 = fd_grad(lambda Z: -np.mean(np.sum(Y * np.log(softmax(np.maximum(0, Z) @ W2 + b2)), 1)), Z1)
    return [
        ("Recall from last lecture", single),
        (r"G_2 \equiv \frac{\partial L}{\partial Z_2} = P - Y", lambda: close(true_G2, G2)),
        ("Each row of $G_2$ sums to zero", lambda: close(G2.sum(1), 0) and close(true_G2.sum(1), 0)),
        (r"\frac{\partial L}{\partial W_2} = H^\top G_2",
         lambda: close(dW2, H.T @ G2) and close(db2, G2.T @ np.ones(N))),
        (r"\frac{\partial L}{\partial H} = G_2 W_2^\top",
         lambda: close(dH, G2 @ W2.T) and close(dZ1, G1)),
        (r"\frac{\partial L}{\partial W_1} = X^\top G_1",
         lambda: close(dW1, X.T @ G1) and close(db1, G1.T @ np.ones(N))),
        ("Every gradient has the shape",
         lambda: dW1.shape == (D, M) and db1.shape == (M,) and dW2.shape == (M, K) and db2.shape == (K,)),
    ]


# ================================================================ file 02
def f02():
    sp = lambda x: np.log1p(np.exp(x))
    g = lambda x: np.log1p(np.exp(-x))
    xs = rng.normal(scale=2, size=6)
    x = 1.5
    return [
        (r"\operatorname{sp}'(x) = \frac{1}{1 + e^{x}} \cdot e^{x}",
         lambda: all(close(fd_scalar(sp, t), v) for t in xs for v in
                     (np.exp(t) / (1 + np.exp(t)), 1 / (1 + np.exp(-t)), sig(t)))),
        (r"g'(x) &= \frac{-e^{-x}}{1 + e^{-x}}", lambda: all(close(fd_scalar(g, t), -np.exp(-t) / (1 + np.exp(-t))) for t in xs)),
        (r"&= -\frac{1}{e^{x} + 1} = -\sigma(-x)",
         lambda: all(close(fd_scalar(g, t), -1 / (np.exp(t) + 1)) and close(fd_scalar(g, t), -sig(-t)) for t in xs)),
        (r"&= \sigma(x) - 1.", lambda: all(close(fd_scalar(g, t), sig(t) - 1) for t in xs)),
        ("Im letzten Schritt wurde",
         lambda: all(close(sig(-t), 1 - sig(t)) and close(g(t), sp(-t)) and close(fd_scalar(g, t), -sig(-t)) for t in xs)),
        ("Zusammenhang:",
         lambda: all(close(sp(t) - g(t), t) and close(g(t), -np.log(sig(t))) and
                     close(fd_scalar(lambda u: fd_scalar(sp, u, 1e-4), t, 1e-4), sig(t) * (1 - sig(t)), 1e-5) for t in xs)),
        (r"$e^{1{,}5} \approx 4{,}4817$", lambda: rd(4.4817, np.exp(x), 4) and rd(5.4817, 1 + np.exp(x), 4) and rd(1.7014, sp(x), 4)),
        (r"$\sigma(1{,}5) = 4{,}4817 / 5{,}4817", lambda: rd(0.8176, sig(x), 4) and close(fd_scalar(sp, x), sig(x))),
        (r"$e^{-1{,}5} \approx 0{,}2231$", lambda: rd(0.2231, np.exp(-x), 4) and rd(1.2231, 1 + np.exp(-x), 4) and rd(0.2014, g(x), 4)),
        (r"$g'(1{,}5) = \sigma(1{,}5) - 1", lambda: rd(-0.1824, fd_scalar(g, x), 4)),
        ("Kontrolle:", lambda: abs(1.7014 - 0.2014 - 1.5) < 1e-12 and close(sp(x) - g(x), 1.5)),
        (r"\operatorname{sp}''(1{,}5) = 0{,}8176", lambda: rd(0.1491, sig(x) * (1 - sig(x)), 4) and rd(0.1491, 0.8176 * 0.1824, 4)),
    ]


# ================================================================ file 03
def f03():
    N, d = 6, 3
    X = rng.normal(size=(N, d)); y = rng.normal(size=N); w = rng.normal(size=d)
    L = lambda w: np.mean((X @ w - y) ** 2)
    G = fd_grad(L, w)
    r = X @ w - y
    X0 = np.array([[1, 2], [0, 1], [2, -1.]]); y0 = np.array([1, 0, 2.]); w0 = np.array([.5, .5])
    r0 = X0 @ w0 - y0
    L0 = lambda w: np.mean((X0 @ w - y0) ** 2)
    return [
        (r"\frac{\partial L}{\partial w_j} = \frac1N\sum_{i=1}^N 2", lambda: close(G, 2 / N * (r @ X))),
        (r"\nabla_{\mathbf w} L = \frac2N X^\top (X\mathbf w - \mathbf y).", lambda: close(G, 2 / N * X.T @ r)),
        ("You can also get it in one line",
         lambda: close(r @ r, w @ X.T @ X @ w - 2 * y @ X @ w + y @ y) and
         close(fd_grad(lambda v: np.sum((X @ v - y) ** 2), w), 2 * X.T @ X @ w - 2 * X.T @ y)),
        ("Many books define",
         lambda: close(fd_grad(lambda v: np.sum((X @ v - y) ** 2) / (2 * N), w), X.T @ r / N) and close(G / 2, X.T @ r / N)),
        ("residuals $\\mathbf r = X\\mathbf w - \\mathbf y = (0.5, 0.5, -1.5)$", lambda: close(r0, [.5, .5, -1.5])),
        ("loss $L = (0.25 + 0.25 + 2.25)/3", lambda: rd(0.9167, L0(w0), 4)),
        (r"$X^\top\mathbf r = (-2.5,\ 3)$", lambda: close(X0.T @ r0, [-2.5, 3])),
        (r"gradient $\frac23 X^\top \mathbf r \approx (-1.6667,\ 2)$",
         lambda: rd([-1.6667, 2], fd_grad(L0, w0), 4)),
        ("A finite-difference check", lambda: close(fd_grad(L0, w0), 2 / 3 * X0.T @ r0)),
    ]


# ================================================================ file 04
def f04():
    xs = rng.normal(size=6)
    u = lambda x: np.exp(x) - np.exp(-x)
    v = lambda x: np.exp(x) + np.exp(-x)
    dt = lambda x: fd_scalar(np.tanh, x)
    m, n = 3, 4
    W = rng.normal(size=(m, n)); b = rng.normal(size=m); x = rng.normal(size=n); delta = rng.normal(size=m)
    Lf = lambda W=W, b=b, x=x: delta @ np.tanh(W @ x + b)
    h = np.tanh(W @ x + b)
    dz_doc = delta * (1 + h * h)
    return [
        (r"\tanh(x) = \frac{e^{x} - e^{-x}}{e^{x} + e^{-x}}", lambda: all(close(u(t) / v(t), np.tanh(t)) for t in xs)),
        ("On remarque que", lambda: all(close(fd_scalar(u, t), v(t)) and close(fd_scalar(v, t), u(t)) for t in xs)),
        (r"\tanh'(x) &= \frac{u'v - uv'}{v^2}", lambda: all(close(dt(t), (v(t) * v(t) - u(t) * u(t)) / v(t) ** 2) for t in xs)),
        (r"&= \frac{v\cdot v + u\cdot u}{v^2}", lambda: all(close(dt(t), (v(t) ** 2 + u(t) ** 2) / v(t) ** 2) for t in xs)),
        (r"&= 1 + \frac{u^2}{v^2}", lambda: all(close(dt(t), 1 + u(t) ** 2 / v(t) ** 2) for t in xs)),
        (r"&= 1 + \tanh^2(x).", lambda: all(close(dt(t), 1 + np.tanh(t) ** 2) for t in xs)),
        ("Vérification en un point",
         lambda: close(dt(0.0), 1) and rd(0.4621, np.tanh(0.5), 4) and rd(1.2135, dt(0.5), 4)),
        (r"\frac{\partial L}{\partial z_i} = \delta_i \,\bigl(1 + h_i^2\bigr)",
         lambda: close(fd_grad(lambda z: delta @ np.tanh(z), W @ x + b), dz_doc)),
        ("Ensuite, $z_i", lambda: close(fd_grad(lambda xx: (W @ xx + b)[1], x), W[1])),
        (r"\frac{\partial L}{\partial W} = \delta_z \, x^{\top}",
         lambda: close(fd_grad(lambda WW: Lf(W=WW), W), np.outer(dz_doc, x)) and
         close(fd_grad(lambda bb: Lf(b=bb), b), dz_doc) and close(fd_grad(lambda xx: Lf(x=xx), x), W.T @ dz_doc)),
    ]


# ================================================================ file 05
def f05():
    K, N, M = 4, 5, 3
    softmax = lambda a: np.exp(a - a.max()) / np.exp(a - a.max()).sum()
    a = rng.normal(size=K)
    y = softmax(a)
    Jfd = np.array([fd_grad(lambda aa: softmax(aa)[k], a) for k in range(K)])  # J[k, j]
    I = np.eye(K)
    Phi = rng.normal(size=(N, M)); Wm = rng.normal(size=(K, M))
    T = np.eye(K)[rng.integers(0, K, size=N)]
    E = lambda Wm: -np.sum(T * np.log(np.array([softmax(Wm @ p) for p in Phi])))
    Yn = np.array([softmax(Wm @ p) for p in Phi])
    t = T[0]; an = Wm @ Phi[0]; yn = softmax(an)
    En = lambda aa: -np.sum(t * np.log(softmax(aa)))
    gfd = fd_grad(En, an)
    dE = fd_grad(E, Wm)
    lik = np.prod(Yn ** T)
    return [
        (r"\frac{\partial y_k}{\partial a_j} = y_k(I_{kj} - y_j)", lambda: close(Jfd, y[:, None] * (I - y[None, :]))),
        ("for $j = k$ the quotient rule",
         lambda: close(np.diag(Jfd), y - y ** 2) and close(Jfd[0, 1], -y[0] * y[1])),
        (r"E(\mathbf{w}_1, \ldots, \mathbf{w}_K) = -\ln p", lambda: close(-np.log(lik), E(Wm))),
        (r"\frac{\partial E_n}{\partial a_{nj}} &= -\sum_{k=1}^{K}",
         lambda: close(gfd, [-np.sum(t / yn * yn * (I[:, j] - yn[j])) for j in range(K)])),
        (r"&= -\sum_{k=1}^{K} t_{nk} I_{kj} + y_{nj}", lambda: close(gfd, -t + yn * t.sum())),
        (r"&= y_{nj} - t_{nj}", lambda: close(gfd, yn - t)),
        (r"\nabla_{\mathbf{w}_j} E(\mathbf{w}_1, \ldots, \mathbf{w}_K) = \sum_{n=1}^{N}",
         lambda: close(dE, (Yn - T).T @ Phi)),
    ]


# ================================================================ file 06
def f06():
    X = np.array([[1, 3, 2, 4], [5, 0, 4, 1], [2, 8, 6, 0], [7, 1, 3, 5]], float)
    G = np.array([[0.5, -1.0], [2.0, 0.25]])

    def pool(X):
        return np.array([[X[2*p:2*p+2, 2*q:2*q+2].max() for q in range(2)] for p in range(2)])

    def back(X, G):  # first maximum in row-major order (PyTorch convention)
        dX = np.zeros_like(X)
        for p in range(2):
            for q in range(2):
                w = X[2*p:2*p+2, 2*q:2*q+2]
                i, j = np.unravel_index(np.argmax(w), w.shape)
                dX[2*p+i, 2*q+j] += G[p, q]
        return dX

    def win(p, q):
        return X[2*p:2*p+2, 2*q:2*q+2]

    def at(i, j):  # 1-based
        return X[i-1, j-1]

    def pool_fd():
        Z = rng.normal(size=(4, 4)); Gr = rng.normal(size=(2, 2))
        return close(fd_grad(lambda A: np.sum(Gr * pool(A)), Z), back(Z, Gr))

    dX_doc = np.array([[0, 0, 0, -1.0], [0.5, 0, 0, 0], [0, 0, 0.25, 0], [2.0, 0, 0, 0]])
    return [
        (r"which gives $Y = \begin{bmatrix} 5 & 4 \\ 8 & 6 \end{bmatrix}$", lambda: close(pool(X), [[5, 4], [8, 6]])),
        (r"The local derivative is $\partial Y_{pq}/\partial X_{ij} = 1$", pool_fd),
        ("top-left window", lambda: sorted(win(0, 0).ravel()) == sorted([1, 3, 5, 0]) and win(0, 0).max() == 5 == at(2, 1)),
        ("top-right window $\\{2, 4, 4, 1\\}$", lambda: sorted(win(0, 1).ravel()) == sorted([2, 4, 4, 1]) and at(1, 4) == at(2, 3) == 4 == win(0, 1).max()
         and back(X, G)[0, 3] == -1.0),
        ("bottom-left window", lambda: sorted(win(1, 0).ravel()) == sorted([2, 8, 7, 1]) and win(1, 0).max() == 8 == at(4, 1)
         and win(1, 0)[1, 0] == 8),
        ("bottom-right window", lambda: sorted(win(1, 1).ravel()) == sorted([6, 0, 3, 5]) and win(1, 1).max() == 6 == at(3, 3)),
        (r"\frac{\partial L}{\partial X} = \begin{bmatrix}", lambda: close(back(X, G), dX_doc)),
        ("Sanity check: with non-overlapping", lambda: close(back(X, G).sum(), 1.75) and close(G.sum(), 1.75)),
        ("Splitting it evenly", lambda: close(-1.0 / 2, -0.5)),
    ]


# ================================================================ file 07
def f07():
    def brute(I, k, p, s, d):
        span = d * (k - 1) + 1
        return len(range(0, I + 2 * p - span + 1, s)) if I + 2 * p >= span else 0

    def rand_params(dil=True):
        k = int(rng.integers(1, 6)); d = int(rng.integers(1, 4)) if dil else 1
        s = int(rng.integers(1, 4)); p = int(rng.integers(0, 3))
        I = int(rng.integers(d * (k - 1) + 1, 40))
        return I, k, p, s, d

    def formula_nodil():
        for _ in range(200):
            I, k, p, s, d = rand_params(False)
            if brute(I, k, p, s, 1) != (I + 2 * p - k) // s + 1:
                return False
        return True

    def formula_dil_doc():
        for _ in range(200):
            I, k, p, s, d = rand_params(True)
            if brute(I, k, p, s, d) != (I + 2 * p - d * (k - 1)) // s + 1:
                return False
        return True

    def formula_d1_doc():
        for _ in range(200):
            I, k, p, s, d = rand_params(False)
            if brute(I, k, p, s, 1) != (I + 2 * p - k + 1) // s + 1:
                return False
        return True

    def positions():
        k, d = 4, 3
        pos = [d * i for i in range(k)]
        return pos[-1] == (k - 1) * d and all(pos[i+1] - pos[i] - 1 == d - 1 for i in range(k - 1))

    def kef():
        for k in range(1, 6):
            for d in range(1, 4):
                span = max(d * i for i in range(k)) - 0 + 1   # number of input cells covered
                if span != d * (k - 1):
                    return False
        return True

    O1 = brute(64, 3, 1, 1, 1); O2 = brute(O1, 3, 1, 2, 1); O3 = brute(O2, 3, 2, 1, 2)
    return [
        ("la primera colocación válida", lambda: all(
            max(range(0, I + 2 * p - k + 1)) == I + 2 * p - k for I, k, p, s, d in [rand_params(False) for _ in range(20)])),
        (r"\frac{I + 2p - k}{s}", formula_nodil),
        ("Un núcleo dilatado toma muestras", positions),
        (r"k_{\text{ef}} = d\,(k - 1).", kef),
        (r"\frac{I + 2p - d\,(k-1)}{s}", formula_dil_doc),
        ("Para $d = 1$ esto queda", formula_d1_doc),
        (r"O_1 &= \left\lfloor", lambda: O1 == 65),
        (r"O_2 &= \left\lfloor", lambda: O2 == 33),
        (r"O_3 &= \left\lfloor", lambda: O3 == 34),
        ("la salida final es de", lambda: O3 == 34 and abs(65 / 2 - 32.5) < 1e-12),
    ]


# ================================================================ file 08
def f08():
    X = np.array([[1, 2], [-1, .5], [2, -1.]]); y = np.array([1, 0, 1.])
    w = np.array([.1, -.2]); b = 0.0; lam = .5; al = .1; m = 3

    def J(w, b, X=X, y=y, lam=lam):
        p = sig(X @ w + b); mm = len(y)
        return -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)) + lam / (2 * mm) * w @ w

    Xr = rng.normal(size=(7, 3)); yr = (rng.random(7) < .5).astype(float); wr = rng.normal(size=3); br = rng.normal()
    pr = sig(Xr @ wr + br)
    gw_r = fd_grad(lambda v: J(v, br, Xr, yr, 0.7), wr); gb_r = fd_scalar(lambda c: J(wr, c, Xr, yr, 0.7), br)
    z = X @ w + b; p = sig(z); r = p - y
    gw = X.T @ r / m + lam / m * w; gb = r.mean()
    gfd = fd_grad(lambda v: J(v, b), w); gbfd = fd_scalar(lambda c: J(w, c), b)

    def central_fd_agrees():
        h = 1e-5
        g = np.array([(J(w + h * e, b) - J(w - h * e, b)) / (2 * h) for e in np.eye(2)])
        gb_ = (J(w, b + h) - J(w, b - h)) / (2 * h)
        return np.max(np.abs(np.r_[g - gw, gb_ - gb])) < 1e-8

    def logloss_term():
        for yy in (0.0, 1.0):
            zz = rng.normal()
            f = lambda t: -(yy * np.log(sig(t)) + (1 - yy) * np.log(1 - sig(t)))
            if not close(fd_scalar(f, zz), sig(zz) - yy):
                return False
        return close(fd_scalar(sig, 0.3), sig(0.3) * (1 - sig(0.3)))

    return [
        (r"Using $\sigma'(z) = \sigma(z)(1-\sigma(z))$", logloss_term),
        (r"\frac{\partial J}{\partial w_j} = \frac{1}{m}\sum_{i=1}^m",
         lambda: close(gw_r, Xr.T @ (pr - yr) / 7 + 0.7 / 7 * wr) and close(gb_r, np.mean(pr - yr))),
        ("The penalty's derivative", lambda: close(fd_grad(lambda v: lam / (2 * m) * v @ v, w), lam / m * w) and close(gfd, gw)),
        ("z     = (-0.3, -0.2, 0.4)", lambda: close(z, [-.3, -.2, .4])),
        ("y_hat = (0.4256", lambda: rd([.4256, .4502, .5987], p, 4)),
        ("resid = y_hat - y", lambda: rd([-.5744, .4502, -.4013], r, 4)),
        (r"$X^\top(\hat{\mathbf y}-\mathbf y) \approx (-1.8272",
         lambda: rd([-1.8272, -.5225], X.T @ r, 4) and rd([-.6091, -.1742], X.T @ r / m, 4)),
        ("penalty term", lambda: rd([.0167, -.0333], lam / m * w, 4)),
        (r"$\nabla_w J \approx (-0.5924", lambda: rd([-.5924, -.2075], gfd, 4) and rd(-.1752, gbfd, 4)),
        (r"w \leftarrow w - \alpha\nabla_w J \approx (0.1592", lambda: rd([.1592, -.1793], w - al * gw, 4) and rd(.0175, b - al * gb, 4)),
        ("The cost goes from", lambda: rd(.6593, J(w, b), 4) and rd(.6183, J(w - al * gw, b - al * gb), 4)),
        ("A central finite difference", central_fd_agrees),
    ]


# ================================================================ file 09
def f09():
    m, n = 3, 4
    W = rng.normal(size=(m, n)); x = rng.normal(size=n); g = rng.normal(size=m)
    z = W @ x
    sp = sig(z) * (1 - sig(z))
    Jzx = np.array([fd_grad(lambda v: (W @ v)[i], x) for i in range(m)])
    Jyz = np.array([fd_grad(lambda v: sig(v)[i], z) for i in range(m)])
    Jyx = np.array([fd_grad(lambda v: sig(W @ v)[i], x) for i in range(m)])
    W0 = np.array([[1, -1], [.5, 2]]); x0 = np.array([1, .5]); z0 = W0 @ x0
    J0 = np.array([fd_grad(lambda v: sig(W0 @ v)[i], x0) for i in range(2)])
    return [
        (r"то $\dfrac{\partial z_i}{\partial x_k} = W_{ik}$", lambda: close(Jzx, W)),
        (r"\frac{\partial z}{\partial x} = W, \qquad", lambda: close(Jzx, W) and Jzx.shape == (m, n)),
        (r"\dfrac{\partial y_i}{\partial z_j} = \sigma'(z_i)\,\delta_{ij}", lambda: close(Jyz, np.diag(sp))),
        (r"\frac{\partial y}{\partial z} = \operatorname{diag}",
         lambda: close(Jyz, np.diag(sp)) and close(fd_scalar(sig, 0.7), sig(.7) * (1 - sig(.7))) and Jyz.shape == (m, m)),
        (r"\frac{\partial y}{\partial x} = \frac{\partial y}{\partial z}\,\frac{\partial z}{\partial x}",
         lambda: close(Jyx, Jyz @ Jzx) and close(Jyx, np.diag(sp) @ W) and Jyx.shape == (m, n)),
        ("Поэлементно:", lambda: close(Jyx, sp[:, None] * W)),
        ("*Замечание.*", lambda: close(fd_grad(lambda v: g @ sig(W @ v), x), W.T @ (sp * g)) and
         close(fd_grad(lambda M: g @ sig(M @ x), W), np.outer(sp * g, x)) and close(Jyx.T @ g, W.T @ (sp * g))),
        ("**Численный пример.**", lambda: close(z0, [.5, 1.5]) and rd([.6225, .8176], sig(z0), 4)
         and rd([.2350, .1491], sig(z0) * (1 - sig(z0)), 4)),
        (r"\frac{\partial y}{\partial x} \approx \begin{bmatrix}", lambda: rd([[.2350, -.2350], [.0746, .2983]], J0, 4)),
        ("**Ответ:**", lambda: close(Jyx, np.diag(sig(W @ x) * (1 - sig(W @ x))) @ W)),
    ]


# ================================================================ file 10
def f10():
    w = 1.0; v = 0.0; eta, rho, eps = .1, .9, 1e-8
    hist = []
    for t in range(3):
        g = 2 * w; v = rho * v + (1 - rho) * g * g; step = eta * g / (np.sqrt(v) + eps)
        hist.append(dict(w=w, g=g, g2=g * g, v=v, sq=np.sqrt(v), step=step, new=w - step))
        w = w - step
    H = hist
    return [
        (r"$g_0 = 2 \times 1 = 2$", lambda: H[0]['g'] == 2 and H[0]['g2'] == 4 and rd(.4, H[0]['v'], 4) and rd(.6325, H[0]['sq'], 4)),
        (r"w_1 = 1 - \frac{0.1 \times 2}{0.6325}", lambda: rd(.3162, H[0]['step'], 4) and rd(.6838, H[0]['new'], 4)),
        ("注意：第一步的步长", lambda: rd(.3162, .1 / np.sqrt(.1), 4) and close(H[0]['step'], .1 / np.sqrt(.1))),
        (r"$g_1 = 2w_1 \approx 1.3675$", lambda: rd(1.3675, H[1]['g'], 4) and rd(1.8702, H[1]['g2'], 4)
         and rd(.5470, H[1]['v'], 4) and rd(.7396, H[1]['sq'], 4)),
        (r"w_2 = 0.6838 - \frac{0.1 \times 1.3675}{0.7396}", lambda: rd(.1849, H[1]['step'], 4) and rd(.4989, H[1]['new'], 4)),
        (r"$g_2 = 2w_2 \approx 0.9977$", lambda: rd(.9977, H[2]['g'], 4) and rd(.9955, H[2]['g2'], 4)
         and rd(.5919, H[2]['v'], 4) and rd(.7693, H[2]['sq'], 4)),
        (r"w_3 = 0.4989 - \frac{0.1 \times 0.9977}{0.7693}", lambda: rd(.1297, H[2]['step'], 4) and rd(.3692, H[2]['new'], 4)),
        ("| 0 | 1.0000 | 2.0000 | 0.4000 | 0.3162 |", lambda: rd([1, 2, .4, .3162], [H[0][k] for k in ('w', 'g', 'v', 'step')], 4)),
        ("| 1 | 0.6838 | 1.3675 | 0.5470 | 0.1849 |", lambda: rd([.6838, 1.3675, .5470, .1849], [H[1][k] for k in ('w', 'g', 'v', 'step')], 4)),
        ("| 2 | 0.4989 | 0.9977 | 0.5919 | 0.1297 |", lambda: rd([.4989, .9977, .5919, .1297], [H[2][k] for k in ('w', 'g', 'v', 'step')], 4)),
        ("步长比普通 SGD", lambda: rd([.2, .1368, .0998], [eta * h['g'] for h in H], 4)
         and all(h['step'] > eta * h['g'] for h in H) and H[0]['step'] > H[1]['step'] > H[2]['step']),
    ]


# ================================================================ file 11
def f11():
    m = 6; eps = 1e-3
    x = rng.normal(size=m) * 2 + 1; gam = rng.normal(); bet = rng.normal(); gy = rng.normal(size=m)

    def bn(x, gam=gam, bet=bet):
        mu = x.mean(); s2 = ((x - mu) ** 2).mean()
        return gam * (x - mu) / np.sqrt(s2 + eps) + bet

    L = lambda x=x, gam=gam, bet=bet: gy @ bn(x, gam, bet)
    mu = x.mean(); s2 = ((x - mu) ** 2).mean(); sd = np.sqrt(s2 + eps); xh = (x - mu) / sd
    dxh = gy * gam
    # partials in the computational graph (other intermediates held fixed)
    Ls2 = lambda S: dxh @ ((x - mu) / np.sqrt(S + eps))
    dS2_true = fd_scalar(Ls2, s2)
    dS2_doc = np.sum(dxh * (x - mu)) * (-.5) * (s2 + eps) ** (-1 / 2)
    Lmu = lambda M: dxh @ ((x - M) / np.sqrt(((x - M) ** 2).mean() + eps))
    dmu_true = fd_scalar(Lmu, mu)
    dx_true = fd_grad(lambda v: L(x=v), x)
    dmu_doc = np.sum(dxh * -1 / sd) + dS2_doc * (-2 / m) * np.sum(x - mu)
    dx_doc = dxh / sd + dS2_doc * 2 * (x - mu) / m + dmu_doc / m
    dx_compact = (m * dxh - dxh.sum() - (s2 + eps) * xh * np.sum(dxh * xh)) / (m * sd)
    return [
        (r"\frac{\partial L}{\partial \gamma} = \sum_{i=1}^{m}",
         lambda: close(fd_scalar(lambda c: L(gam=c), gam), np.sum(gy * xh)) and close(fd_scalar(lambda c: L(bet=c), bet), gy.sum())),
        (r"まず $\frac{\partial L}{\partial \hat{x}_i}", lambda: close(fd_grad(lambda h: gy @ (gam * h + bet), xh), dxh)),
        (r"\frac{\partial L}{\partial \sigma^2} = \sum_{i=1}^{m}", lambda: close(dS2_true, dS2_doc)),
        (r"\frac{\partial L}{\partial \mu} = \sum_{i=1}^{m}",
         lambda: close(dmu_true, np.sum(dxh * -1 / sd) + dS2_true * (-2 / m) * np.sum(x - mu))),
        (r"ただし $\sum_i (x_i - \mu) = 0$", lambda: close(np.sum(x - mu), 0)),
        (r"\frac{\partial L}{\partial x_i} = \frac{\partial L}{\partial \hat{x}_i}\cdot\frac{1}{\sqrt", lambda: close(dx_true, dx_doc)),
        (r"\frac{\partial L}{\partial x_i} = \frac{1}{m\sqrt{\sigma^2+\epsilon}}", lambda: close(dx_true, dx_compact)),
        ("この式から", lambda: close(dx_true.sum(), 0) and close(dx_compact.sum(), 0) and close(xh.sum(), 0)),
    ]


# ================================================================ file 12
def f12():
    x, y, w1, b1, w2, b2 = 2.0, 1.0, .5, -.5, 1.5, .2

    def fw(w1=w1, b1=b1, w2=w2, b2=b2):
        z1 = w1 * x + b1; h = sig(z1); yh = w2 * h + b2
        return z1, h, yh, .5 * (yh - y) ** 2

    z1, h, yh, L = fw()
    Lf = lambda **k: fw(**k)[3]
    dw1 = fd_scalar(lambda t: Lf(w1=t), w1); db1 = fd_scalar(lambda t: Lf(b1=t), b1)
    dw2 = fd_scalar(lambda t: Lf(w2=t), w2); db2 = fd_scalar(lambda t: Lf(b2=t), b2)
    dh = (yh - y) * w2
    dz1 = fd_scalar(lambda t: .5 * (w2 * sig(t) + b2 - y) ** 2, z1)
    return [
        ("z1 = 0.5 · 2.0 + (−0.5) = 0.5", lambda: close(z1, .5)),
        ("h  = σ(0.5) = 1 / (1 + e^(−0.5))", lambda: rd(1.6065, 1 + np.exp(-.5), 4) and rd(.6225, h, 4)),
        ("ŷ  = 1.5 · 0.62246 + 0.2 = 1.1337", lambda: rd(1.1337, yh, 4) and rd(.62246, h, 5)),
        ("L  = ½ (1.1337 − 1)²", lambda: rd(.1337, yh - y, 4) and rd(.0089, L, 4)),
        ("∂L/∂ŷ  = ŷ − y = 0.13369", lambda: rd(.13369, fd_scalar(lambda t: .5 * (t - y) ** 2, yh), 5)),
        ("∂L/∂w2 = ∂L/∂ŷ · h", lambda: rd(.0832, dw2, 4)),
        ("∂L/∂b2 = ∂L/∂ŷ · 1", lambda: rd(.13369, db2, 5)),
        ("∂L/∂h  = ∂L/∂ŷ · w2", lambda: rd(.2005, dh, 4)),
        ("for the sigmoid use", lambda: close(fd_scalar(sig, .37), sig(.37) * (1 - sig(.37)))),
        ("σ'(z1) = h(1 − h)", lambda: rd(.2530, fd_scalar(sig, z1), 4) and rd(.3775, 1 - h, 4)),
        ("∂L/∂z1 = ∂L/∂h · σ'(z1)", lambda: rd(.0507, dz1, 4)),
        ("∂L/∂w1 = ∂L/∂z1 · x", lambda: rd(.1014, dw1, 4)),
        ("∂L/∂b1 = ∂L/∂z1 · 1", lambda: rd(.0507, db1, 4)),
        ("w1 ← 0.5 − 0.1·0.1014", lambda: rd(.4899, w1 - .1 * dw1, 4) and rd(-.5051, b1 - .1 * db1, 4)),
        ("w2 ← 1.5 − 0.1·0.0832", lambda: rd(1.4917, w2 - .1 * dw2, 4) and rd(.1866, b2 - .1 * db2, 4)),
        ("Note: ŷ was to big", lambda: yh > 1 and min(dw1, db1, dw2, db2) > 0),
    ]


# ================================================================ file 13
def f13():
    ell = lambda yh, y: -(y * np.log(yh) + (1 - y) * np.log(1 - yh))

    def dyhat():
        for y in (0.0, 1.0):
            yh = rng.uniform(.05, .95)
            d = fd_scalar(lambda t: ell(t, y), yh)
            if not (close(d, -y / yh + (1 - y) / (1 - yh)) and close(d, (yh - y) / (yh * (1 - yh)))):
                return False
        return True

    def dz():
        for y in (0.0, 1.0):
            n = 3; x = rng.normal(size=n); w = rng.normal(size=n)
            yh = sig(w @ x)
            if not close(fd_scalar(lambda t: ell(sig(t), y), w @ x), yh - y):
                return False
            if not close(fd_grad(lambda v: ell(sig(v @ x), y), w), (yh - y) * x):
                return False
        return True

    m, n = 6, 3
    X = rng.normal(size=(m, n)); y = (rng.random(m) < .5).astype(float); w = rng.normal(size=n)
    J = lambda v: np.mean(ell(sig(X @ v), y))
    G = fd_grad(J, w)
    X0 = np.array([[1, 2], [1, -1.]]); y0 = np.array([1, 0.]); w0 = np.array([0, .5])
    r0 = sig(X0 @ w0) - y0
    G0 = fd_grad(lambda v: np.mean(ell(sig(X0 @ v), y0)), w0)
    return [
        (r"\frac{\partial \ell}{\partial \hat{y}} = -\frac{y}{\hat{y}}", dyhat),
        (r"Ricordiamo che $\sigma'(z)", lambda: close(fd_scalar(sig, -.4), sig(-.4) * (1 - sig(-.4)))),
        (r"\frac{\partial \ell}{\partial z} = \frac{\partial \ell}{\partial \hat{y}}", dz),
        (r"\nabla_{\mathbf{w}} J = \frac{1}{m}\sum_{i=1}^m",
         lambda: close(G, sum((sig(X[i] @ w) - y[i]) * X[i] for i in range(m)) / m) and close(G, X.T @ (sig(X @ w) - y) / m)),
        (r"Il prodotto $X^\top \mathbf{r}$", lambda: close(X.T @ (sig(X @ w) - y), sum((sig(X[i] @ w) - y[i]) * X[i] for i in range(m)))),
        (r"$X\mathbf{w} = (1;\ -0{,}5)$", lambda: close(X0 @ w0, [1, -.5]) and rd([.7311, .3775], sig(X0 @ w0), 4)),
        (r"residui $\mathbf{r}", lambda: rd([-.2689, .3775], r0, 4)),
        (r"$X^\top \mathbf{r} \approx (0{,}1086", lambda: rd([.1086, -.9154], X0.T @ r0, 4)),
        (r"$\nabla_{\mathbf{w}} J \approx (0{,}0543", lambda: rd([.0543, -.4577], G0, 4)),
        ("Un passo di discesa", lambda: G0[0] > 0 and G0[1] < 0),
    ]


# ================================================================ file 14
def f14():
    n = 3
    A = rng.normal(size=(n, n)); x = rng.normal(size=n)
    f = lambda v: v @ A @ v
    G = fd_grad(f, x)
    S_ = rng.normal(size=(n, n)); Sigma = S_ @ S_.T + n * np.eye(n); Si = np.linalg.inv(Sigma)
    mu = rng.normal(size=n)

    def dens(x, mu, Sigma):
        d = x - mu
        return np.sqrt(1 / ((2 * np.pi) ** len(x) * np.linalg.det(Sigma))) * np.exp(-.5 * d @ np.linalg.inv(Sigma) @ d)

    def J(m_):
        d = x - m_
        return .5 * d @ Si @ d + n / 2 * np.log(2 * np.pi) + .5 * np.log(np.linalg.det(Sigma))

    def normalised():
        S2 = np.array([[1.0, .3], [.3, .5]]); m2 = np.array([.2, -.1])
        g = np.linspace(-8, 8, 401); dxg = g[1] - g[0]
        tot = sum(dens(np.array([a, b]), m2, S2) for a in g for b in g) * dxg * dxg
        return abs(tot - 1) < 1e-4

    Gmu = fd_grad(J, mu)
    Xs = rng.normal(size=(5, n))
    Jsum = lambda m_: sum(-np.log(dens(xi, m_, Sigma)) for xi in Xs)
    Gsum = fd_grad(Jsum, mu)
    As = A + A.T
    return [
        (r"f(\boldsymbol{x}) = \boldsymbol{x}^\top \boldsymbol{A} \boldsymbol{x} = \sum_{i}\sum_{j}",
         lambda: close(f(x), sum(x[i] * A[i, j] * x[j] for i in range(n) for j in range(n)))),
        (r"\frac{\partial f}{\partial x_k} = \sum_{j}", lambda: close(G, A @ x + A.T @ x)),
        (r"\nabla_{\boldsymbol{x}}\, \boldsymbol{x}^\top \boldsymbol{A} \boldsymbol{x} = \left(", lambda: close(G, (A + A.T) @ x)),
        ("Only the symmetric part", lambda: close(f(x), x @ (.5 * As) @ x) and close(fd_grad(lambda v: v @ As @ v, x), 2 * As @ x)
         and not close(G, 2 * A @ x)),
        ("The density is", normalised),
        (r"J(\boldsymbol{\mu}) = -\log \mathcal{N}", lambda: close(J(mu), -np.log(dens(x, mu, Sigma)))),
        (r"Let $\boldsymbol{u} = \boldsymbol{x} - \boldsymbol{\mu}$",
         lambda: close(np.array([fd_grad(lambda m_: (x - m_)[i], mu) for i in range(n)]), -np.eye(n))),
        (r"\nabla_{\boldsymbol{\mu}} J(\boldsymbol{\mu}) &= \frac{1}{2}", lambda: close(Gmu, .5 * (Si + Si.T) @ (x - mu))),
        (r"&= \boldsymbol{\Sigma}^{-1}(\boldsymbol{x}-\boldsymbol{\mu}),", lambda: close(Gmu, Si @ (x - mu))),
        ("where the last step uses the symmetry", lambda: close(Si.T, Si)),
        (r"\nabla_{\boldsymbol{\mu}} \sum_{i=1}^{m}", lambda: close(Gsum, Si @ np.sum(Xs - mu, 0))),
        ("Setting this to zero", lambda: close(fd_grad(Jsum, Xs.mean(0)), 0, 1e-5)),
    ]


# ================================================================ file 15
def f15():
    def enum_stats(p, xi):
        vals = [(1 - p, 1 * xi / (1 - p)), (p, 0.0)]
        E = sum(pr * v for pr, v in vals); E2 = sum(pr * v * v for pr, v in vals)
        return E, E2 - E * E

    def expect():
        return all(close(enum_stats(p, xi)[0], xi) for p in (.1, .5, .8) for xi in rng.normal(size=4))

    def var():
        return all(close(enum_stats(p, xi)[1], p / (1 - p) * xi ** 2) for p in (.1, .5, .8) for xi in rng.normal(size=4)) \
            and close(enum_stats(.5, 1.7)[1], 1.7 ** 2)

    p = .5
    x = np.array([.2, -1.0, .5, 1.5]); msk = np.array([1, 0, 0, 1.]); g = np.array([.1, .2, -.3, .4])
    fwd = lambda v: msk * v / (1 - p)
    dx = fd_grad(lambda v: g @ fwd(v), x)

    def grad_generic():
        pp = .3; mm = (rng.random(5) < .7).astype(float); gg = rng.normal(size=5); xx = rng.normal(size=5)
        d = fd_grad(lambda v: gg @ (mm * v / (1 - pp)), xx)
        J = np.array([fd_grad(lambda v: (mm * v / (1 - pp))[i], xx) for i in range(5)])
        return close(d, mm * gg / (1 - pp)) and close(np.diag(J), mm / (1 - pp))

    return [
        (r"\mathbb{E}[y_i] = (1-p)\cdot\frac{x_i}{1-p}", expect),
        ("참고로 분산은", var),
        (r"\frac{\partial y_i}{\partial x_i} = \frac{m_i}{1-p}, \qquad", grad_generic),
        ("벡터로 쓰면", grad_generic),
        (r"순전파: $\mathbf{y}", lambda: close(fwd(x), [.4, 0, 0, 3.0])),
        (r"역전파: $\frac{\partial L}{\partial \mathbf{x}}", lambda: close(dx, [.2, 0, 0, .8])),
        ("살아남은 두 원소는", lambda: close(fwd(x)[[0, 3]] / x[[0, 3]], 2) and close(dx[[0, 3]] / g[[0, 3]], 2)),
        ("두 방식 모두", lambda: all(close((1 - pp) * xi, (1 - pp) * xi) and close(enum_stats(pp, xi)[0], xi)
                                  for pp in (.2, .5) for xi in (.3, -1.2))),
    ]


# ================================================================ file 16
def f16():
    n = 4
    a = rng.normal(size=n); b = rng.normal(size=n)
    d = lambda a, b: np.sum((a - b) ** 2)
    Ga = fd_grad(lambda v: d(v, b), a); Gb = fd_grad(lambda v: d(a, v), b)

    def chain():
        for y in (0.0, 1.0):
            for mg in (0.5, 100.0):
                L = lambda v: y * d(v, b) + (1 - y) * max(0.0, mg - d(v, b))
                dd = d(a, b)
                if abs(mg - dd) < 1e-3:
                    continue
                coef = y - (1 - y) * (dd < mg)
                if not close(fd_grad(L, a), coef * Ga):
                    return False
        return True

    a0 = np.array([1.0, 2.0, .5]); b0 = np.array([.5, 1.0, 1.5]); mg = 4.0
    L0a = lambda v: max(0.0, mg - d(v, b0)); L0b = lambda v: max(0.0, mg - d(a0, v))
    ga = fd_grad(L0a, a0); gb = fd_grad(L0b, b0)
    a1 = a0 - .1 * ga; b1 = b0 - .1 * gb
    return [
        (r"d = \|\mathbf{a} - \mathbf{b}\|^2 = \sum_{k=1}^{n}", lambda: close(np.linalg.norm(a - b) ** 2, d(a, b))),
        (r"$$\frac{\partial d}{\partial \mathbf{a}} = \mathbf{a} - \mathbf{b}$$", lambda: close(Ga, a - b)),
        (r"$$\frac{\partial d}{\partial \mathbf{b}} = -(\mathbf{a} - \mathbf{b})", lambda: close(Gb, -(a - b)) and close(Gb, b - a)),
        ("Repare que", lambda: close(Ga + Gb, 0) and close(d(a + 3.0, b + 3.0), d(a, b))),
        ("Pela regra da cadeia", chain),
        (r"$\mathbf{a} - \mathbf{b} = (0{,}5;\ 1{,}0;\ -1{,}0)$", lambda: close(a0 - b0, [.5, 1, -1]) and close(d(a0, b0), 2.25)),
        ("como $d < m$", lambda: d(a0, b0) < mg and close(L0a(a0), 1.75)),
        (r"\frac{\partial L}{\partial \mathbf{a}} = -\frac{\partial d}{\partial \mathbf{a}} = (-0{,}5", lambda: close(ga, [-.5, -1, 1])),
        (r"\frac{\partial L}{\partial \mathbf{b}} = -\frac{\partial d}{\partial \mathbf{b}} = (0{,}5", lambda: close(gb, [.5, 1, -1])),
        ("Com learning rate", lambda: close(a1, [1.05, 2.1, .4]) and close(b1, [.45, .9, 1.6]) and close(d(a1, b1), 3.24)),
    ]


FILES = {
    "01_mlp_backprop_lecture_notes.md": f01,
    "02_softplus_klausur_loesung.md": f02,
    "03_mse_gradient_stackexchange.md": f03,
    "04_tanh_backprop_devoir.md": f04,
    "05_softmax_cross_entropy_prml.md": f05,
    "06_maxpool_backward_blog.md": f06,
    "07_conv_output_size_apuntes.md": f07,
    "08_logreg_l2_gradient_notebook.md": f08,
    "09_jacobian_sigmoid_zadachi.md": f09,
    "10_rmsprop_by_hand_zhihu.md": f10,
    "11_batchnorm_backward_qiita.md": f11,
    "12_one_hidden_unit_ocr_homework.md": f12,
    "13_bce_sigmoid_dispensa.md": f13,
    "14_quadratic_form_gaussian_goodfellow.md": f14,
    "15_inverted_dropout_study_notes.md": f15,
    "16_squared_distance_grad_forum_pt.md": f16,
}


def main():
    with open(os.path.join(HERE, "expected.json"), encoding="utf-8") as fh:
        expected = json.load(fh)
    ok = True
    if set(expected) != set(FILES):
        print("expected.json and FILES disagree on file names"); ok = False
    for name, builder in FILES.items():
        with open(os.path.join(HERE, name), encoding="utf-8") as fh:
            lines = fh.read().split("\n")
        results = []
        for sub, pred in builder():
            hits = [i + 1 for i, ln in enumerate(lines) if sub in ln]
            if len(hits) != 1:
                print(f"{name}: substring {sub!r} matches {len(hits)} lines"); ok = False
                continue
            try:
                val = bool(pred())
            except Exception as e:  # a crash counts as a false claim, but is reported
                print(f"{name}: predicate for {sub!r} raised {e!r}"); val = False
            results.append((hits[0], val))
        results.sort()
        false_lines = [ln for ln, v in results if not v]
        first = false_lines[0] if false_lines else None
        exp = expected.get(name)
        if exp is not None and exp not in [ln for ln, _ in results]:
            print(f"{name}: planted line {exp} is not covered by any claim"); ok = False
        status = "correct" if first is None else str(first)
        flag = "ok" if first == exp else "MISMATCH (expected %s)" % ("correct" if exp is None else exp)
        if first != exp:
            ok = False
        print(f"{name}: {status}  [{len(results)} claims, false on lines {false_lines}]  {flag}")
    print("ALL OK" if ok else "FAILURES")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
