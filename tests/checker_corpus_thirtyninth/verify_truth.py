#!/usr/bin/env python3
"""Independent NumPy-only truth check for the corpus in this directory.

For every Markdown file we list (substring, predicate) pairs.  Each substring
must identify exactly one line of the file; the predicate checks the
mathematics of that line *as it really is* (finite differences at random
points for derivatives and identities, recomputation of worked numbers at the
precision shown, shape rules for matrix products).  Lines that only introduce
notation or definitions get a predicate that checks whatever can be checked
(often just consistency of the definition) and otherwise returns True.

The first line (in file order) whose predicate is false is the file's first
false line; it is compared against expected.json.  Every line that contains
inline/display math ('$') must be covered by some check.

Run:  python verify_truth.py   (from any directory)
"""
import json
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
RNG = np.random.default_rng(20240539)


# ----------------------------------------------------------------- helpers
def sig(z):
    return 1.0 / (1.0 + np.exp(-z))


def softmax(a, axis=-1):
    a = np.asarray(a, dtype=float)
    e = np.exp(a - a.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def shown(value, claimed, nd):
    """value rounds to `claimed` at `nd` decimals (tolerant to half-ulp)."""
    v = np.ravel(np.asarray(value, dtype=float))
    c = np.ravel(np.asarray(claimed, dtype=float))
    if v.shape != c.shape:
        return False
    return bool(np.all(np.abs(v - c) <= 0.5 * 10.0 ** (-nd) + 1e-12))


def close(a, b, tol=1e-5):
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    if b.ndim == 0:
        b = np.broadcast_to(b, a.shape)
    if a.shape != b.shape:
        return False
    return bool(np.allclose(a, b, rtol=tol, atol=tol))


def num_grad(f, x, h=1e-6):
    """Central-difference gradient of scalar f at array x (same shape as x)."""
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


def safe(pred):
    """Run a predicate; any exception (e.g. a shape error) counts as False."""
    try:
        return bool(pred())
    except Exception:
        return False


def T():
    """Line that only sets up notation / definitions (nothing to refute)."""
    return True


def R(*shape):
    return RNG.normal(size=shape)


# ====================================================================== 01
def f01():
    th = R(3)
    x = R(3)
    y = 1.0
    ell = lambda t: y * np.log(sig(t @ x)) + (1 - y) * np.log(1 - sig(t @ x))
    # use a fractional label too, to make the algebra check non-trivial
    y2 = 0.3
    ell2 = lambda t: y2 * np.log(sig(t @ x)) + (1 - y2) * np.log(1 - sig(t @ x))
    g = sig(th @ x)
    dg = num_grad(lambda t: sig(t @ x), th)
    fd2 = num_grad(ell2, th)
    z = R(5)

    def l6():
        return close(sig(th @ x), 1 / (1 + np.exp(-(th @ x))))

    def l10():
        fd = num_grad(lambda zz: np.sum(sig(zz)), z)
        return close(fd, np.exp(-z) / (1 + np.exp(-z)) ** 2)

    def l11():
        a = np.exp(-z) / (1 + np.exp(-z)) ** 2
        b = 1 / (1 + np.exp(-z)) * (1 - 1 / (1 + np.exp(-z)))
        return close(a, b) and close(b, sig(z) * (1 - sig(z)))

    def l13():
        h = sig(th @ x)
        p = lambda yy: h ** yy * (1 - h) ** (1 - yy)
        return close(p(1), h) and close(p(0), 1 - h)

    def l15():
        m = 6
        X = R(m, 3)
        Y = (RNG.random(m) < 0.5).astype(float)
        h = sig(X @ th)
        loglik = np.sum(np.log(np.where(Y == 1, h, 1 - h)))
        claimed = np.sum(Y * np.log(h) + (1 - Y) * np.log(1 - h))
        return close(loglik, claimed)

    def l18():
        return close(fd2, (y2 / g - (1 - y2) / (1 - g)) * dg)

    def l19():
        return close(fd2, (y2 / g - (1 - y2) / (1 - g)) * g * (1 - g) * x)

    def l20():
        return close(fd2, (y2 * (1 - g) - (1 - y2) * g) * x)

    def l21():
        return close(fd2, (y2 - g) * x) and close(num_grad(ell, th), (y - g) * x)

    def l22():
        fd = num_grad(lambda zz: np.sum(sig(zz)), z)
        return close(fd, sig(z) * (1 - sig(z)))

    def l23():
        # ascent step uses the gradient of the per-example log likelihood
        alpha = 0.1
        new = th + alpha * (y - g) * x
        return close(new, th + alpha * num_grad(ell, th))

    def l26():
        m, n = 7, 3
        X = R(m, n)
        Y = (RNG.random(m) < 0.5).astype(float)
        L = lambda t: np.sum(Y * np.log(sig(X @ t)) + (1 - Y) * np.log(1 - sig(X @ t)))
        claimed = X.T @ (Y - sig(X @ th))
        return claimed.shape == (n,) and close(num_grad(L, th), claimed)

    def l28():
        # non-linear in theta^T x: additivity fails
        return abs(sig(0.5 + 1.5) - (sig(0.5) + sig(1.5))) > 1e-3

    thv = np.array([0.0, 1.0])
    xv = np.array([1.0, 2.0])
    hv = sig(thv @ xv)
    gradv = (1 - hv) * xv

    def l30():
        return thv @ xv == 2 and xv[0] == 1 and shown(hv, 0.8808, 4)

    def l31():
        return shown(1 - hv, 0.1192, 4) and shown(gradv, [0.1192, 0.2384], 4)

    def l32():
        return shown(thv + 0.5 * gradv, [0.0596, 1.1192], 4)

    return [
        (r"h_\theta(x) = g(\theta^T x) = \frac{1}{1 + e^{-\theta^T x}}", l6),
        ("where $g(z) = 1/(1+e^{-z})$", T),
        (r"\qquad (2)$$", l10),
        (r"\qquad (3)$$", l11),
        ("Let us assume that $P(y = 1", l13),
        ("Assuming that the $m$ training examples", T),
        (r"\qquad (4)$$", l15),
        ("How do we maximize the likelihood?", T),
        (r"\qquad (5)$$", l18),
        (r"\qquad (6)$$", l19),
        (r"\qquad (7)$$", l20),
        (r"\qquad (8)$$", l21),
        ("Above, we used the fact that", l22),
        (r"\qquad (9)$$", l23),
        ("Summing over the training set", T),
        (r"\qquad (10)$$", l26),
        ("*Remark.*", l28),
        ("**A quick numerical check.**", l30),
        ("By (8), the gradient is", l31),
        ("With $\\alpha = 0.5$, one step of (9)", l32),
    ]


# ====================================================================== 02
def f02():
    m, n = 6, 3
    X = R(m, n)
    Y = (RNG.random(m) < 0.5).astype(float)
    th = 0.5 * R(n)
    ell = lambda t: np.sum(Y * np.log(sig(X @ t)) + (1 - Y) * np.log(1 - sig(X @ t)))
    h = sig(X @ th)
    S = np.diag(h * (1 - h))

    def hess_fd(t, eps=1e-4):
        H = np.zeros((n, n))
        for k in range(n):
            e = np.zeros(n)
            e[k] = eps
            H[:, k] = (num_grad(ell, t + e) - num_grad(ell, t - e)) / (2 * eps)
        return H

    Htrue = hess_fd(th)

    def l6():
        # Newton step is the zero of the tangent line
        f = lambda t: t ** 3 - 2 * t - 5
        fp = lambda t: 3 * t ** 2 - 2
        t0 = 2.3
        t1 = t0 - f(t0) / fp(t0)
        return abs(f(t0) + fp(t0) * (t1 - t0)) < 1e-12

    def l7():
        f = lambda t: t ** 2 - 2
        fp = lambda t: 2 * t
        t1 = 1 - f(1) / fp(1)
        t2 = t1 - f(t1) / fp(t1)
        return (f(1) == -1 and fp(1) == 2 and t1 == 1.5 and f(1.5) == 0.25 and fp(1.5) == 3
                and shown(t2, 1.4167, 4) and shown(np.sqrt(2), 1.4142, 4))

    def l9():
        # at an interior maximum of a smooth function, the derivative vanishes
        ell1 = lambda t: -(t - 0.7) ** 2 + 1.0
        return abs((ell1(0.7 + 1e-6) - ell1(0.7 - 1e-6)) / 2e-6) < 1e-6

    def l10():
        # (1) with f = ell' gives (2): check one step on a concave function
        ell1p = lambda t: -2 * (t - 0.7)
        ell1pp = lambda t: -2.0
        t1 = 3.0 - ell1p(3.0) / ell1pp(3.0)
        return abs(t1 - 0.7) < 1e-12

    def l13():
        # on a concave quadratic, one Newton-Raphson step reaches the maximiser
        A = R(n, n)
        A = A @ A.T + n * np.eye(n)
        b = R(n)
        q = lambda t: -0.5 * t @ A @ t + b @ t
        t0 = R(n)
        grad = num_grad(q, t0)
        H = -A
        t1 = t0 - np.linalg.solve(H, grad)
        return close(t1, np.linalg.solve(A, b), 1e-4)

    def l14():
        # the Hessian of ell is n x n
        return Htrue.shape == (n, n)

    def l17():
        return close(num_grad(ell, th), X.T @ (Y - h))

    def l18():
        z = R(4)
        return close(num_grad(lambda zz: np.sum(sig(zz)), z), sig(z) * (1 - sig(z)))

    def l19():
        claimed = np.einsum("i,ij,ik->jk", h * (1 - h), X, X)
        return close(Htrue, claimed, 1e-4)

    def l20():
        return S.shape == (m, m)

    def l21():
        return close(Htrue, X.T @ S @ X, 1e-4)

    Xe = np.array([[1.0, 0], [1, 1], [1, 2]])
    Ye = np.array([0.0, 1, 1])
    he = sig(Xe @ np.zeros(2))
    Se = np.diag(he * (1 - he))
    elle = lambda t: np.sum(Ye * np.log(sig(Xe @ t)) + (1 - Ye) * np.log(1 - sig(Xe @ t)))

    def hess_e(t, eps=1e-4):
        H = np.zeros((2, 2))
        for k in range(2):
            e = np.zeros(2)
            e[k] = eps
            H[:, k] = (num_grad(elle, t + e) - num_grad(elle, t - e)) / (2 * eps)
        return H

    def l23():
        return (np.all(he == 0.5) and close(Se, 0.25 * np.eye(3))
                and close(Xe.T @ Xe, [[3, 3], [3, 5]]))

    def l24():
        H = hess_e(np.zeros(2))
        g = num_grad(elle, np.zeros(2))
        return (close(H, [[0.75, 0.75], [0.75, 1.25]], 1e-4)
                and close(g, Xe.T @ (Ye - 0.5)) and close(g, [0.5, 1.5]))

    def l26():
        return Htrue.shape == (n, n)

    return [
        ("Returning to logistic regression with $g(z)$", T),
        ("Suppose we have some function $f", T),
        (r"\theta := \theta - \frac{f(\theta)}{f'(\theta)}", l6),
        ("*Example.* For $f(\\theta) = \\theta^2 - 2$", l7),
        ("The maxima of $\\ell$ correspond", l9),
        (r"\frac{\ell'(\theta)}{\ell''(\theta)}", l10),
        ("In our logistic regression setting", T),
        (r"H^{-1}\nabla_\theta\, \ell(\theta). \qquad (3)", l13),
        ("Here $H \\in \\mathbb{R}^{n \\times n}$ is the Hessian", l14),
        (r"\qquad (4)$$", l17),
        ("Differentiating once more with respect to", l18),
        (r"\qquad (5)$$", l19),
        ("Let $S = \\operatorname{diag}", l20),
        (r"$$H = X^T S X. \qquad (6)$$", l21),
        ("*Example.* Let $X$ have rows", l23),
        ("Hence $H = \\begin{pmatrix}", l24),
        ("Newton's method typically enjoys", l26),
    ]


# ====================================================================== 03
def f03():
    k = 4
    phi = RNG.random(k) + 0.1
    phi /= phi.sum()
    eta = np.log(phi[:-1] / phi[-1])
    a_eta = -np.log(phi[-1])

    def T_(y):  # y in 1..k
        t = np.zeros(k - 1)
        if y < k:
            t[y - 1] = 1
        return t

    def l4():
        return close(phi[-1], 1 - phi[:-1].sum())

    def l6():
        return np.all(T_(k) == 0)

    def l7():
        ok = True
        for y in range(1, k + 1):
            Ty = T_(y)
            prod = np.prod([phi[i] ** float(y == i + 1) for i in range(k - 1)]) * phi[-1] ** (1 - Ty.sum())
            ok &= close(prod, phi[y - 1])
        return ok

    def l8():
        ok = True
        for y in range(1, k + 1):
            Ty = T_(y)
            mid = np.exp(np.sum(Ty * np.log(phi[:-1] / phi[-1])) + np.log(phi[-1]))
            right = 1.0 * np.exp(eta @ Ty - a_eta)
            ok &= close(mid, phi[y - 1]) and close(right, phi[y - 1])
        return ok

    eta_full = np.append(eta, 0.0)

    def l11():
        return np.log(phi[-1] / phi[-1]) == 0

    def l12():
        return close(np.exp(eta_full), phi / phi[-1]) and close(phi[-1] * np.exp(eta_full).sum(), 1)

    def l13():
        return close(phi[-1], 1 / np.exp(eta_full).sum())

    def l14():
        return close(phi, np.exp(eta_full) / np.exp(eta_full).sum())

    d = 3
    theta = np.vstack([R(k - 1, d), np.zeros((1, d))])
    x = R(d)

    def l17():
        return theta[-1] @ x == 0

    def l18():
        # with eta_i = theta_i^T x the response function (4) gives (5)
        e = theta @ x
        return close(softmax(e), np.exp(theta @ x) / np.exp(theta @ x).sum()) and e[-1] == 0

    mtr = 7
    Xs = R(mtr, d)
    Ys = RNG.integers(1, k + 1, size=mtr)

    def loglik(th_free):
        th = np.vstack([th_free.reshape(k - 1, d), np.zeros((1, d))])
        P = softmax(Xs @ th.T, axis=1)
        return np.sum(np.log(P[np.arange(mtr), Ys - 1]))

    def l21():
        P = softmax(Xs @ theta.T, axis=1)
        claimed = 0.0
        for i in range(mtr):
            claimed += np.log(np.prod([P[i, l] ** float(Ys[i] == l + 1) for l in range(k)]))
        return close(claimed, loglik(theta[:-1].ravel()))

    def l23():
        fd = num_grad(loglik, theta[:-1].ravel()).reshape(k - 1, d)
        P = softmax(Xs @ theta.T, axis=1)
        claimed = np.zeros((k - 1, d))
        for l in range(k - 1):
            for i in range(mtr):
                claimed[l] += (float(Ys[i] == l + 1) - P[i, l]) * Xs[i]
        return close(fd, claimed)

    ev = np.exp([2.0, 1.0, 0.0])
    ph = ev / ev.sum()

    def l25():
        return (shown(ev, [7.389, 2.718, 1], 3) and shown(7.389 + 2.718 + 1, 11.107, 3)
                and shown(ev.sum(), 11.107, 3) and shown(ph, [0.665, 0.245, 0.090], 3))

    def l26():
        # gradient contribution for l = 2, true label y = 2
        xv = np.array([1.0, -1.0])
        return shown((1 - ph[1]) * xv, [0.755, -0.755], 3) and shown(1 - 0.245, 0.755, 3)

    return [
        ("Consider a classification problem in which", T),
        ("These parameters are redundant", l4),
        ("To express the multinomial as an exponential family", l6),
        (r"\qquad (1)$$", l7),
        (r"\qquad (2)$$", l8),
        ("where $\\eta_i = \\log(\\phi_i/\\phi_k)$ for", T),
        ("The link function is thus", l11),
        (r"\qquad (3)$$", l12),
        ("so $\\phi_k = 1/\\sum", l13),
        (r"\qquad (4)$$", l14),
        ("This mapping from the", T),
        ("To complete the model we assume", l17),
        (r"\qquad (5)$$", l18),
        ("Given $m$ training examples", T),
        (r"\qquad (6)$$", l21),
        ("and a short computation", T),
        (r"\qquad (7)$$", l23),
        ("*Worked example.* Take $k = 3$", l25),
        ("If this example has label $y = 2$", l26),
    ]


# ====================================================================== 04
def f04():
    d, m, k = 5, 4, 3
    W1, b1, W2, b2 = R(m, d), R(m), R(k, m), R(k)
    x, y = R(d), R(k)

    def fwd(W1_, b1_, W2_, b2_, x_):
        z1 = W1_ @ x_ + b1_
        h = sig(z1)
        z2 = W2_ @ h + b2_
        return z1, h, z2

    z1, h, z2 = fwd(W1, b1, W2, b2, x)
    d2 = z2 - y
    Lz2 = lambda zz: 0.5 * np.sum((zz - y) ** 2)
    Lh = lambda hh: 0.5 * np.sum((W2 @ hh + b2 - y) ** 2)
    Lz1 = lambda zz: Lh(sig(zz))
    LW2 = lambda W: 0.5 * np.sum((W @ h + b2 - y) ** 2)
    Lb2 = lambda b: 0.5 * np.sum((W2 @ h + b - y) ** 2)
    LW1 = lambda W: 0.5 * np.sum((fwd(W, b1, W2, b2, x)[2] - y) ** 2)
    Lb1 = lambda b: 0.5 * np.sum((fwd(W1, b, W2, b2, x)[2] - y) ** 2)
    dLdh_true = num_grad(Lh, h)

    def l10():
        return d2.shape == (k,) and close(num_grad(Lz2, z2), d2)

    def l11():
        G = num_grad(LW2, W2)
        return close(G, np.array([[d2[i] * h[j] for j in range(m)] for i in range(k)]))

    def l12():
        G = d2[:, None] @ h[None, :]
        return G.shape == (k, m) and close(num_grad(LW2, W2), G) and close(num_grad(Lb2, b2), d2)

    def l15():
        claimed = W2 @ d2  # as written (shape error when k != m)
        return claimed.shape == (m,) and close(dLdh_true, claimed)

    def l16():
        z = R(4)
        return close(num_grad(lambda zz: np.sum(sig(zz)), z), sig(z) * (1 - sig(z)))

    def l17():
        d1 = dLdh_true * h * (1 - h)
        return d1.shape == (m,) and close(num_grad(Lz1, z1), d1)

    d1 = num_grad(Lz1, z1)

    def l19():
        G = np.outer(d1, x)
        return G.shape == (m, d) and close(num_grad(LW1, W1), G) and close(num_grad(Lb1, b1), d1)

    N = 6
    Xb, Yb = R(d, N), R(k, N)

    def Lbatch(W2_, b2_):
        H = sig(W1 @ Xb + b1[:, None])
        Yh = W2_ @ H + b2_[:, None]
        return np.sum((Yh - Yb) ** 2) / (2 * N)

    def l22():
        H = sig(W1 @ Xb + b1[:, None])
        D2 = (W2 @ H + b2[:, None] - Yb) / N
        G = D2 @ H.T
        gb = D2 @ np.ones(N)
        return (D2.shape == (k, N) and G.shape == (k, m) and gb.shape == (k,)
                and close(num_grad(lambda W: Lbatch(W, b2), W2), G)
                and close(num_grad(lambda b: Lbatch(W2, b), b2), gb))

    def l23():
        D, H = R(k, N), R(m, N)
        P = D @ H.T
        return close(P, np.array([[sum(D[i, nn] * H[j, nn] for nn in range(N)) for j in range(m)]
                                  for i in range(k)]))

    def l25():
        return 784 * 100 + 100 + 100 * 10 + 10 == 79510

    return [
        ("Throughout these notes vectors are", T),
        (r"\mathbf{z}^{[1]} = W^{[1]}\mathbf{x} + \mathbf{b}^{[1]}, \qquad", T),
        ("where $W^{[1]} \\in \\mathbb{R}^{m\\times d}$", T),
        (r"\qquad (1)$$", l10),
        ("Since $z^{[2]}_i = \\sum_j", l11),
        (r"\qquad (2)$$", l12),
        (r"\qquad (3)$$", l15),
        ("The sigmoid acts elementwise", l16),
        (r"\qquad (4)$$", l17),
        (r"\qquad (5)$$", l19),
        ("*Mini-batches.*", T),
        (r"\qquad (6)$$", l22),
        ("Note how the sum over the batch", l23),
        ("*Parameter count.*", l25),
    ]


# ====================================================================== 05
def corr1d(x, w):
    N, K = len(x), len(w)
    return np.array([sum(w[k] * x[i + k] for k in range(K)) for i in range(N - K + 1)])


def f05():
    N, K = 9, 4
    x, w, delta = R(N), R(K), R(N - K + 1)
    Lx = lambda xx: corr1d(xx, w) @ delta
    Lw = lambda ww: corr1d(x, ww) @ delta
    gx = num_grad(Lx, x)
    gw = num_grad(Lw, w)

    def l3():
        return len(corr1d(x, w)) == N - K + 1

    def l4():
        y = corr1d(x, w)
        return len(y) == len(range(0, N - K + 1)) and close(y, np.correlate(x, w, mode="valid"))

    def l8():
        claimed = np.array([sum(delta[i] * x[i + k] for i in range(N - K + 1)) for k in range(K)])
        return close(gw, claimed)

    def l9():
        c = np.correlate(x, delta, mode="valid")
        return len(delta) == N - K + 1 and len(c) == K and N - (N - K + 1) + 1 == K and close(c, gw)

    def l11():
        ok = True
        for j in range(N):
            for i in range(N - K + 1):
                dep = abs(num_grad(lambda xx: corr1d(xx, w)[i], x)[j]) > 1e-9
                ok &= dep == (0 <= j - i <= K - 1)
        return ok

    def l12():
        claimed = np.array([sum(delta[i] * w[j - i] for i in range(max(0, j - K + 1), min(j, N - K) + 1))
                            for j in range(N)])
        return close(gx, claimed)

    dt = np.concatenate([np.zeros(K - 1), delta, np.zeros(K - 1)])
    wt = w[::-1]

    def l13():
        return len(dt) == (N - K + 1) + 2 * (K - 1) == N + K - 1 and all(wt[k] == w[K - 1 - k] for k in range(K))

    def l14():
        claimed = np.array([sum(dt[j + k] * wt[k] for k in range(K)) for j in range(N)])
        return close(gx, claimed)

    def l15():
        return close(np.convolve(delta, w, mode="full"), gx) and (N + K - 1) - K + 1 == N

    xe, we, de = np.array([1.0, 2, 0, -1]), np.array([1.0, -1]), np.array([1.0, 0, 2])

    def l17():
        return len(xe) == 4 and len(we) == 2

    def l18():
        return (1 * 1 - 1 * 2, 2 - 0, 0 - (-1)) == (-1, 2, 1) and close(corr1d(xe, we), [-1, 2, 1])

    def l19():
        return len(de) == len(corr1d(xe, we))

    def l20():
        g = num_grad(lambda ww: corr1d(xe, ww) @ de, we)
        return (1 * 1 + 0 * 2 + 2 * 0, 1 * 2 + 0 * 0 + 2 * (-1)) == (1, 0) and close(g, [1, 0])

    def l21():
        dte = np.concatenate([[0.0], de, [0.0]])
        return close(dte, [0, 1, 0, 2, 0]) and close(we[::-1], [-1, 1])

    def l22():
        g = num_grad(lambda xx: corr1d(xx, we) @ de, xe)
        lhs = (0 * (-1) + 1, 1 * (-1) + 0, 0 * (-1) + 2, 2 * (-1) + 0)
        return lhs == (1, -1, 2, -2) and close(g, [1, -1, 2, -2])

    def l24():
        def corr2d(X, W):
            Hh, Ww = X.shape[0] - W.shape[0] + 1, X.shape[1] - W.shape[1] + 1
            return np.array([[np.sum(X[i:i + W.shape[0], j:j + W.shape[1]] * W) for j in range(Ww)]
                             for i in range(Hh)])
        X, W = R(6, 5), R(3, 2)
        D = R(4, 4)
        LX = lambda XX: np.sum(corr2d(XX, W) * D)
        LW = lambda WW: np.sum(corr2d(X, WW) * D)
        Dp = np.pad(D, ((2, 2), (1, 1)))
        return close(num_grad(LW, W), corr2d(X, D)) and close(num_grad(LX, X), corr2d(Dp, W[::-1, ::-1]))

    return [
        ("What deep-learning libraries call", l3),
        (r"\qquad (1)$$", l4),
        ("During the backward pass we receive", T),
        ("Every weight $w_k$ is used", T),
        (r"\qquad (2)$$", l8),
        ("This is again a (valid) cross-correlation", l9),
        ("Input $x_j$ influences $y_i$ exactly when", l11),
        (r"\qquad (3)$$", l12),
        ("To write (3) as a correlation", l13),
        (r"\qquad (4)$$", l14),
        ("which is a *full* convolution", l15),
        ("**Worked example.** Let $x = (1, 2, 0, -1)$", l17),
        ("$$y = \\big(1\\cdot 1", l18),
        ("Suppose the upstream gradient is", l19),
        (r"\frac{\partial L}{\partial w} = \big(", l20),
        ("By (4), with $\\tilde\\delta", l21),
        (r"\frac{\partial L}{\partial x} = (0\cdot(-1)", l22),
        ("*Footnote.*", l24),
    ]


# ====================================================================== 06
def f06():
    C, H = 5, 4
    hL = R(H)
    W, b = R(C, H), R(C)
    a = W @ hL + b
    f = softmax(a)
    y = 2  # 0-based class index for the random check
    e = np.eye(C)[y]

    def l5():
        return a.shape == (C,)

    def l6():
        return close(f, np.exp(a) / np.exp(a).sum()) and close(f.sum(), 1)

    def l10():
        g = num_grad(lambda ff: -np.log(ff[y]), f)
        return close(g, -e / f[y]) and close(g, np.array([-(c == y) / f[y] for c in range(C)]))

    def l13():
        J = np.zeros(C)
        J = num_grad(lambda aa: softmax(aa)[y], a)
        return close(J, np.array([f[y] * ((y == c) - f[c]) for c in range(C)]))

    ga = num_grad(lambda aa: -np.log(softmax(aa)[y]), a)

    def l15():
        mid = np.array([-1 / f[y] * f[y] * ((y == c) - f[c]) for c in range(C)])
        return close(ga, mid) and close(mid, -(e - f))

    def l17():
        return close(ga, -(e - f))

    def l18():
        return abs(ga.sum()) < 1e-6 and close(f.sum(), 1) and e.sum() == 1

    def l20():
        av, yv = R(1)[0], 0.3
        l = lambda aa: -yv * np.log(sig(aa)) - (1 - yv) * np.log(1 - sig(aa))
        return close((l(av + 1e-6) - l(av - 1e-6)) / 2e-6, sig(av) - yv)

    ae = np.array([1.0, 2.0, 0.5])
    fe = softmax(ae)

    def l22():
        return (shown(np.exp(ae), [2.718, 7.389, 1.649], 3) and shown(np.exp(ae).sum(), 11.756, 3)
                and shown(fe, [0.231, 0.629, 0.140], 3))

    def l23():
        return (shown(-np.log(0.629), 0.464, 3) and shown(-np.log(fe[1]), 0.464, 3)
                and shown(fe - np.eye(3)[1], [0.231, -0.371, 0.140], 3)
                and close(num_grad(lambda aa: -np.log(softmax(aa)[1]), ae), fe - np.eye(3)[1]))

    def l24():
        LW = lambda WW: -np.log(softmax(WW @ hL + b)[y])
        Lb = lambda bb: -np.log(softmax(W @ hL + bb)[y])
        return close(num_grad(LW, W), np.outer(ga, hL)) and close(num_grad(Lb, b), ga)

    return [
        ("Recall the notation. For a network with $L$ hidden layers", l5),
        (r"\operatorname{softmax}\big(\mathbf{a}^{(L+1)}(\mathbf{x})\big), \qquad f(\mathbf{x})_c", l6),
        ("We train with the negative log-likelihood", T),
        (r"\frac{-1_{(y=c)}}{f(\mathbf{x})_y}", l10),
        (r"$$\frac{\partial f(\mathbf{x})_y}{\partial a^{(L+1)}(\mathbf{x})_c}", l13),
        (r"\frac{-1}{f(\mathbf{x})_y}\,f(\mathbf{x})_y", l15),
        (r"$$\nabla_{\mathbf{a}^{(L+1)}(\mathbf{x})}\big(-\log f(\mathbf{x})_y\big) = ", l17),
        ("Note that the entries of this gradient sum to zero", l18),
        ("*Aside (binary case).*", l20),
        ("**Example.** Three classes", l22),
        ("The loss is $-\\log 0.629", l23),
        ("Propagating one step further", l24),
    ]


# ====================================================================== 07
def f07():
    n_in, n_h, n_out = 4, 5, 3
    hprev = R(n_in)
    Wk, bk = R(n_h, n_in), R(n_h)
    Wn, bn = R(n_out, n_h), R(n_out)
    tgt = R(n_out)
    # loss downstream of layer k+1 (any smooth function will do)
    lossA = lambda an: 0.5 * np.sum((np.tanh(an) - tgt) ** 2)
    lossH = lambda hh: lossA(Wn @ hh + bn)
    ak = Wk @ hprev + bk
    hk = np.tanh(ak)
    lossAk = lambda aa: lossH(np.tanh(aa))
    an = Wn @ hk + bn
    g_an = num_grad(lossA, an)
    g_h = num_grad(lossH, hk)
    g_a = num_grad(lossAk, ak)

    def l7():
        z = R(5)
        return close(np.tanh(z), (np.exp(z) - np.exp(-z)) / (np.exp(z) + np.exp(-z)))

    def l9():
        return close(an, np.array([bn[i] + sum(Wn[i, j] * hk[j] for j in range(n_h)) for i in range(n_out)]))

    def l10():
        comp = np.array([sum(g_an[i] * Wn[i, j] for i in range(n_out)) for j in range(n_h)])
        return close(g_h, comp) and close(g_h, Wn.T @ g_an)

    def l13():
        gprime = num_grad(lambda z: np.sum(np.tanh(z)), ak)
        return close(g_a, g_h * gprime)

    def l14():
        z = R(5)
        return close(np.tanh(z) ** 2 + 1 / np.cosh(z) ** 2, np.ones(5))

    def l15():
        z = R(5)
        fd = num_grad(lambda zz: np.sum(np.tanh(zz)), z)
        return close(fd, 1 / np.cosh(z) ** 2) and close(fd, 1 - np.tanh(z) ** 2)

    def l17():
        fd = num_grad(lambda z: np.sum(np.tanh(z)), ak)
        return close(fd, 1 - ak ** 2)

    def l19():
        return close(g_a, g_h * (1 - ak * ak))

    def l22():
        LW = lambda W: lossH(np.tanh(W @ hprev + bk))
        Lb = lambda b: lossH(np.tanh(Wk @ hprev + b))
        return close(num_grad(LW, Wk), np.outer(g_a, hprev)) and close(num_grad(Lb, bk), g_a)

    def l24():
        hv = np.tanh(0.5)
        local = 1 - np.tanh(0.5) ** 2
        return shown(hv, 0.4621, 4) and shown(local, 0.75, 2) and shown(2 * local, 1.5, 1)

    def l26():
        zz = np.linspace(-6, 6, 2001)
        sp = sig(zz) * (1 - sig(zz))
        th = 1 - np.tanh(zz) ** 2
        return (abs(sp.max() - 0.25) < 1e-6 and 1 - np.tanh(0.0) ** 2 == 1
                and sp[0] < 1e-2 and th[0] < 1e-4 and sp[-1] < 1e-2 and th[-1] < 1e-4)

    return [
        ("Recall the forward propagation for hidden layer", T),
        (r"\mathbf{a}^{(k)}(\mathbf{x}) = \mathbf{b}^{(k)} + \mathbf{W}^{(k)}", T),
        ("where here the activation is the hyperbolic tangent", l7),
        ("**Gradient w.r.t. the hidden layer.**", l9),
        (r"\nabla_{\mathbf{h}^{(k)}(\mathbf{x})}\, l = \mathbf{W}^{(k+1)\top}", l10),
        (r"g'\big(a^{(k)}(\mathbf{x})_j\big).$$", l13),
        ("For the tanh we use the identity", l14),
        (r"$$g'(a) = \operatorname{sech}^2(a)", l15),
        (r"= 1 - \big(a^{(k)}(\mathbf{x})_j\big)^2,$$", l17),
        (r"\odot \big(\mathbf{1} - \mathbf{a}^{(k)}(\mathbf{x}) \odot", l19),
        (r"$$\nabla_{\mathbf{W}^{(k)}}\, l", l22),
        ("**Example.** A unit with pre-activation", l24),
        ("*Remark.* Unlike the sigmoid", l26),
    ]


# ====================================================================== 08
def f08():
    a, b, c, f = 2.0, -3.0, 10.0, -2.0
    L = lambda a, b, c, f: (a * b + c) * f
    fd = lambda i: num_grad(lambda v: L(*v), np.array([a, b, c, f]))[i]

    def l12():
        return a * b == -6 and a * b + c == 4 and L(a, b, c, f) == -8

    def l14():
        return (f == -2) and (a * b + c == 4)  # dL/dL = 1 trivially; L = d*f

    def l15():
        d = a * b + c
        Ld = lambda dd: dd * f
        Lf = lambda ff: d * ff
        return close((Ld(d + 1e-6) - Ld(d - 1e-6)) / 2e-6, -2) and close((Lf(f + 1e-6) - Lf(f - 1e-6)) / 2e-6, 4)

    def l16():
        return True if (lambda e, c: e + c)(1.0, 0) - (lambda e, c: e + c)(0.0, 0) == 1 else False

    def l17():
        e = a * b
        Le = lambda ee: (ee + c) * f
        return close((Le(e + 1e-6) - Le(e - 1e-6)) / 2e-6, -2) and close(fd(2), -2)

    def l18():
        return close(num_grad(lambda v: v[0] * v[1], np.array([a, b])), [b, a])

    def l19():
        return (-2) * (-3) == 6 and (-2) * 2 == -4 and close(fd(0), 6) and close(fd(1), -4)

    def l21():
        Lp = (2.001 * (-3) + 10) * (-2)
        return shown(Lp, -7.994, 3) and shown((Lp - (-8)) / 0.001, 6, 6)

    grads = np.array([6.0, -4.0, -2.0, 4.0])
    new = np.array([a, b, c, f]) + 0.01 * grads

    def l23():
        return close(grads, num_grad(lambda v: L(*v), np.array([a, b, c, f]))) and close(new, [2.06, -3.04, 9.98, -1.96])

    def l24():
        e = 2.06 * (-3.04)
        return (shown(e, -6.2624, 4) and shown(e + 9.98, 3.7176, 4) and shown(3.7176 * (-1.96), -7.2865, 4)
                and shown(L(*new), -7.2865, 4) and L(*new) > -8)

    def l26():
        g = lambda a_: a_ + a_
        return close((g(1.0 + 1e-6) - g(1.0 - 1e-6)) / 2e-6, 2)

    return [
        ("**Forward pass.**", l12),
        ("**Backward pass.**", l14),
        (r"\frac{\partial L}{\partial d} = f = -2", l15),
        ("A plus node just routes the gradient", l16),
        (r"\frac{\partial L}{\partial e} = \frac{\partial L}{\partial d}", l17),
        ("A times node \"swaps\" its inputs", l18),
        (r"\frac{\partial L}{\partial a} = \frac{\partial L}{\partial e}\cdot b", l19),
        ("**Sanity check with a nudge.**", l21),
        ("**One step uphill.**", l23),
        ("Re-running the forward pass", l24),
        ("**Gotcha: reusing a node.**", l26),
    ]


# ====================================================================== 09
def f09():
    x1, x2, w1, w2, b = 1.5, -1.0, 2.0, 0.5, -1.2
    n = x1 * w1 + x2 * w2 + b
    o = np.tanh(n)
    gn = 1 - o ** 2
    O = lambda v: np.tanh(v[0] * v[1] + v[2] * v[3] + v[4])
    G = num_grad(O, np.array([x1, w1, x2, w2, b]))  # d o / d (x1, w1, x2, w2, b)

    def l7():
        return x1 * w1 == 3.0 and x2 * w2 == -0.5 and shown(3.0 - 0.5 - 1.2, 1.3, 10) and shown(n, 1.3, 10)

    def l8():
        z = R(5)
        return close(np.tanh(z), (np.exp(2 * z) - 1) / (np.exp(2 * z) + 1)) and shown(np.exp(2.6), 13.4637, 4)

    def l9():
        return shown(13.4637 - 1, 12.4637, 4) and shown(12.4637 / 14.4637, 0.8617, 4) and shown(o, 0.8617, 4)

    def l12():
        z = R(5)
        fd = num_grad(lambda zz: np.sum(np.tanh(zz)), z)
        return close(fd, 1 - np.tanh(z) ** 2)

    def l14():
        return shown(o ** 2, 0.7426, 4) and shown(gn, 0.2674, 4)

    def l15():
        return shown(G[4], 0.2674, 4) and shown(gn, 0.2674, 4)

    def l17():
        return shown(G[1], 0.4011, 4) and shown(G[0], 0.5348, 4) and shown(x1 * 0.2674, 0.4011, 4)

    def l18():
        return shown(G[3], -0.2674, 4) and shown(G[2], 0.1337, 4)

    def l20():
        return G[1] > 0 and close(G[1], x1 * gn)

    def l21():
        return (1 - np.tanh(10.0) ** 2) < 1e-6 and (1 - np.tanh(-10.0) ** 2) < 1e-6

    return [
        (r"$$x_1 = 1.5,\quad x_2 = -1.0", T),
        ("**Forward.** The neuron computes", T),
        (r"$$x_1 w_1 = 3.0, \qquad", l7),
        ("You can write tanh in terms of a single exponential", l8),
        (r"$$o = \frac{13.4637 - 1}", l9),
        (r"$$\frac{d}{dn}\tanh(n)", l12),
        (r"$$\frac{\partial o}{\partial n} = 1 - o^2", l14),
        ("The plus nodes distribute this gradient", l15),
        (r"$$\frac{\partial o}{\partial w_1} = x_1 \cdot", l17),
        (r"$$\frac{\partial o}{\partial w_2} = x_2 \cdot", l18),
        ("Notice that the gradient on $w_1$ is positive", l20),
        ("Also notice the saturation story", l21),
        ("**Backward.** Start with", T),
        ("which is nice because we already have $o$", T),
    ]


# ====================================================================== 10
def f10():
    n, m = 8, 3
    X = R(n, m)
    Y = (RNG.random(n) < 0.5).astype(float)
    w0, b0 = R(m), 0.3
    Lf = lambda w, b: np.mean(-Y * np.log(sig(X @ w + b)) - (1 - Y) * np.log(1 - sig(X @ w + b)))
    gw = num_grad(lambda w: Lf(w, b0), w0)
    gb = (Lf(w0, b0 + 1e-6) - Lf(w0, b0 - 1e-6)) / 2e-6
    s = sig(X @ w0 + b0)

    def l3():
        z = R(4)
        return close(sig(z), 1 / (1 + np.exp(-z)))

    def l6():
        yv, zv = 1.0, 0.4
        return close(-yv * np.log(sig(zv)) - (1 - yv) * np.log(1 - sig(zv)), -np.log(sig(zv)))

    def l8():
        zv, yv = 0.37, 1.0
        li = lambda z: -yv * np.log(sig(z)) - (1 - yv) * np.log(1 - sig(z))
        zv2, yv2 = -0.8, 0.0
        li2 = lambda z: -yv2 * np.log(sig(z)) - (1 - yv2) * np.log(1 - sig(z))
        return (close((li(zv + 1e-6) - li(zv - 1e-6)) / 2e-6, sig(zv) - yv)
                and close((li2(zv2 + 1e-6) - li2(zv2 - 1e-6)) / 2e-6, sig(zv2) - yv2))

    def l9():
        return close(gw, -(X.T @ (Y - s)) / n) and close(gb, -np.mean(Y - s))

    def l11():
        eta = 0.05
        return close(-eta * gw, eta * (X.T @ (Y - s)) / n)

    def l12():
        eta = 0.05
        return close(eta / n * X.T @ (Y - sig(X @ w0 + b0)), -eta * gw) and X.shape == (n, m)

    Xe = np.array([[1.0, 2.0], [2.0, -1.0], [-1.0, 0.5]])
    Ye = np.array([1.0, 0.0, 1.0])
    Le = lambda w, b: np.mean(-Ye * np.log(sig(Xe @ w + b)) - (1 - Ye) * np.log(1 - sig(Xe @ w + b)))
    w = np.zeros(2)
    gwe = num_grad(lambda ww: Le(ww, 0.0), w)
    gbe = (Le(w, 1e-6) - Le(w, -1e-6)) / 2e-6
    w1 = w - 0.1 * gwe
    b1 = 0 - 0.1 * gbe

    def l14():
        return Xe.shape == (3, 2)

    def l18():
        return (np.all(sig(Xe @ w) == 0.5) and shown(Le(w, 0.0), 0.6931, 4) and close(Le(w, 0.0), np.log(2))
                and close(Ye - 0.5, [0.5, -0.5, 0.5]))

    def l19():
        inner = 1.0 * 0.5 + 2.0 * (-0.5) + (-1.0) * 0.5
        return close(inner, -1.0) and shown(gwe[0], 0.3333, 4)

    def l20():
        inner = 2.0 * 0.5 + (-1.0) * (-0.5) + 0.5 * 0.5
        return close(inner, 1.75) and shown(gwe[1], -0.5833, 4) and shown(gbe, -0.1667, 4)

    def l21():
        return shown(w1, [-0.0333, 0.0583], 4) and shown(b1, 0.0167, 4)

    def l22():
        return shown(Xe @ w1 + b1, [0.1000, -0.1083, 0.0792], 4) and shown(Le(w1, b1), 0.6464, 4)

    return [
        ("In logistic regression, the net input", l3),
        (r"$$L(\mathbf{w}, b) = \frac{1}{n}\sum_{i=1}^{n}\Big[", l6),
        ("Using $\\sigma'(z) = \\sigma(z)(1 - \\sigma(z))$, the derivative", l8),
        (r"$$\frac{\partial L}{\partial w_j} = -\frac{1}{n}", l9),
        ("The gradient descent update takes a step", T),
        (r"$$\Delta w_j = -\eta\frac{\partial L}{\partial w_j}", l11),
        ("In vectorized NumPy-style form", l12),
        ("**A tiny example by hand.**", l14),
        (r"$$\mathbf{x}^{(1)} = (1.0,\ 2.0)", T),
        ("and initialize $\\mathbf{w} = (0, 0)$", T),
        ("Every net input is zero", l18),
        ("The gradient with respect to $w_1$", l19),
        ("and with respect to $w_2$ it is", l20),
        ("After one update", l21),
        ("The new net inputs are", l22),
    ]


# ====================================================================== 11
def f11():
    n, m = 7, 3
    X = R(n, m)
    Y = R(n)
    w0, b0 = R(m), 0.2
    Lf = lambda w, b: np.mean((Y - (X @ w + b)) ** 2)
    gw = num_grad(lambda w: Lf(w, b0), w0)
    gb = (Lf(w0, b0 + 1e-6) - Lf(w0, b0 - 1e-6)) / 2e-6
    err = Y - (X @ w0 + b0)

    def l7():
        # convex: the Hessian 2/n [X 1]^T [X 1] is PSD
        A = np.hstack([X, np.ones((n, 1))])
        return np.linalg.eigvalsh(2 / n * A.T @ A).min() > -1e-12

    def l10():
        return True  # definition of the gradient-descent step

    def l11():
        return close(num_grad(lambda w: X[0] @ w + b0, w0), X[0])

    def l12():
        terms = [num_grad(lambda w, i=i: (Y[i] - (X[i] @ w + b0)) ** 2, w0) for i in range(n)]
        return close(gw, np.mean(terms, axis=0))

    def l13():
        return close(gw, -(X.T @ err) / n)

    def l14():
        return close(gb, -np.mean(err))

    def l17():
        eta = 0.1
        return close(eta / n * X.T @ err, -eta * gw) and close(eta / n * X.T @ (Y - X @ w0 - b0), -eta * gw)

    xe = np.array([1.0, 2.0, 3.0])
    ye = np.array([2.0, 4.0, 5.0])
    Le = lambda w, b: np.mean((ye - (w * xe + b)) ** 2)
    gwe = (Le(1e-6, 0) - Le(-1e-6, 0)) / 2e-6
    gbe = (Le(0, 1e-6) - Le(0, -1e-6)) / 2e-6

    def l21():
        return (4 + 16 + 25) / 3 == 15 and close(Le(0, 0), 15)

    def l22():
        return shown(gwe, -8.333, 3) and shown(gbe, -3.667, 3)

    def l23():
        return shown(-0.1 * gwe, 0.8333, 4) and shown(-0.1 * gbe, 0.3667, 4)

    return [
        ("The key difference between Adaline and the perceptron", T),
        (r"\big(y^{(i)} - \sigma(z^{(i)})\big)^2.$$", T),
        ("Another nice property is that it is convex", l7),
        (r"$$\mathbf{w} := \mathbf{w} + \Delta\mathbf{w}", l10),
        ("To compute the partial derivative with respect to the $j$-th weight", l11),
        (r"\frac{\partial}{\partial w_j}\big(y^{(i)} - \sigma(z^{(i)})\big)^2$$", l12),
        (r"$$= -\frac{1}{n}\sum_{i}", l13),
        ("and likewise $\\dfrac{\\partial L}{\\partial b}", l14),
        (r"$$\Delta w_j = \frac{\eta}{n}", l17),
        ("**Example.** A one-feature dataset", T),
        ("Initially all outputs are $0$", l21),
        ("The gradient is $\\partial L/\\partial w", l22),
        ("So after the first epoch", l23),
    ]


# ====================================================================== 12
def f12():
    n, dm, dk, h = 4, 512, 64, 8
    X = np.zeros((n, dm))
    WQ = np.zeros((dm, dk))

    def l3():
        return X.shape == (4, 512)

    def l6():
        return (X @ WQ).shape == (4, 64)

    def l7():
        return 64 < 512

    def l9():
        Q, K = R(n, dk), R(n, dk)
        S = Q @ K.T
        return S.shape == (4, 4) and S.size == 16 and close(S[1, 2], Q[1] @ K[2])

    def l11():
        # sqrt(64) = 8 and Var(q.k) = d_k for iid N(0,1) components (Monte Carlo)
        q = RNG.normal(size=(100000, dk))
        k = RNG.normal(size=(100000, dk))
        dots = np.sum(q * k, axis=1)
        return np.sqrt(64) == 8 and abs(dots.mean()) < 0.1 and abs(dots.var() / dk - 1) < 0.03

    def l12():
        Q, K, V = R(n, dk), R(n, dk), R(n, dk)
        out = softmax(Q @ K.T / np.sqrt(dk), axis=1) @ V
        return out.shape == (4, 64)

    def l13():
        A = softmax(R(n, n), axis=1)
        return A.shape == (4, 4) and np.all(A >= 0) and close(A.sum(axis=1), np.ones(n))

    def l15():
        heads = [np.zeros((n, dk)) for _ in range(h)]
        cat = np.concatenate(heads, axis=1)
        return dm / h == 64 and cat.shape == (4, 512) and (cat @ np.zeros((512, 512))).shape == (4, 512)

    def l16():
        return (3 * 8 * 512 * 64 == 786432 and 512 * 512 == 262144 and 786432 + 262144 == 1048576
                and 1048576 == 4 * dm ** 2)

    mask = np.tril(np.ones((n, n), dtype=bool))

    def l18():
        return all(mask[i].sum() == i + 1 for i in range(n))  # row i (1-based) keeps i scores

    def l19():
        return sum(range(1, n + 1)) == n * (n - 1) // 2 == 6 == mask.sum()

    def l20():
        return n * n - 6 == 10 == (~mask).sum() and np.exp(-np.inf) == 0

    def l21():
        S = np.where(mask, R(n, n), -np.inf)
        A = softmax(S, axis=1)
        return close(A[0], [1, 0, 0, 0])

    return [
        ("Let's say our input sentence has $n = 4$ tokens", l3),
        ("**Step 1: queries, keys and values.**", l6),
        (r"$$Q = XW^Q \in \mathbb{R}^{4\times 64}", l6),
        ("Notice these new vectors are smaller", l7),
        ("**Step 2: scores.**", l9),
        ("**Step 3: scale and softmax.**", l11),
        (r"\operatorname{Attention}(Q, K, V)", l12),
        ("where the softmax is taken along each row", l13),
        ("**Multi-headed attention.**", l15),
        ("Ignoring biases, one multi-head attention block", l16),
        ("**Masking in the decoder.**", l18),
        (r"$$\sum_{i=1}^{n} i = ", l19),
        ("The remaining $n^2 - 6 = 10$ entries", l20),
        ("In particular the first row of the attention weights", l21),
    ]


# ====================================================================== 13
def f13():
    s = R(6)
    a = softmax(s)

    def l3():
        return True

    def l4():
        return close(a, np.exp(s) / np.exp(s).sum()) and close(a.sum(), 1)

    def l13():
        c = 3.7
        return close(softmax(s + c), softmax(s)) and close(softmax(s - s.max()), softmax(s))

    def l14():
        J = np.stack([num_grad(lambda ss: softmax(ss)[i], s) for i in range(len(s))])
        comp = np.array([[a[i] * ((i == j) - a[j]) for j in range(len(s))] for i in range(len(s))])
        return close(J, comp) and close(J, np.diag(a) - np.outer(a, a)) and close(J.sum(axis=1), 0)

    q = np.array([1.0, 0, 1, 0])
    K = np.array([[1.0, 0, 0, 1], [0, 1, 0, 1], [1, 1, 1, 0]])
    V = np.array([[1.0, 0], [0, 2], [1, 1]])
    sc = K @ q / np.sqrt(4)
    al = softmax(sc)

    def l18():
        return close(K @ q, [1, 0, 2]) and np.sqrt(4) == 2 and close(sc, [0.5, 0, 1])

    def l19():
        return shown(np.exp(sc), [1.6487, 1, 2.7183], 4) and shown(np.exp(sc).sum(), 5.3670, 4)

    def l20():
        return shown(al, [0.3072, 0.1863, 0.5065], 4) and close(al.sum(), 1) and shown(0.3072 + 0.1863 + 0.5065, 1, 4)

    def l22():
        approx = 0.3072 * V[0] + 0.1863 * V[1] + 0.5065 * V[2]
        return shown(al @ V, [0.8137, 0.8791], 4) and shown(approx, [0.8137, 0.8791], 4)

    def l23():
        a2 = softmax(K @ q)
        return shown(a2, [0.2447, 0.0900, 0.6652], 4) and a2.max() > al.max()

    return [
        ("Attention can be read as a *soft* dictionary lookup", l3),
        (r"$$\alpha_i = \frac{\exp(s_i)}", l4),
        ("| Name | Score $s_i$ |", T),
        ("| Additive (Bahdanau) |", T),
        ("| Dot-product (Luong) |", T),
        ("| Scaled dot-product (Vaswani) |", T),
        ("It is invariant to shifting all scores", l13),
        ("Its Jacobian is", l14),
        ("**Worked example.** Let $d_k = 4$", T),
        (r"$$\mathbf{k}_1 = (1, 0, 0, 1)", T),
        ("The raw dot products are", l18),
        ("Exponentiating,", l19),
        ("The attention weights are therefore", l20),
        ("With values $\\mathbf{v}_1 = (1, 0)$", T),
        (r"$$\mathbf{c} = 0.3072\,(1, 0)", l22),
        ("Without the scaling", l23),
    ]


# ====================================================================== 14
def f14():
    def l7():
        eps, alpha, g = 0.1, 0.9, np.array([1.5, -2.0])
        v = np.zeros(2)
        for _ in range(500):
            v = alpha * v - eps * g
        return close(np.linalg.norm(v), eps * np.linalg.norm(g) / (1 - alpha)) and close(v / np.linalg.norm(v), -g / np.linalg.norm(g))

    def l8():
        return shown(1 / (1 - 0.9), 10, 9)

    def l9():
        v = 0.9 * 0 - 0.1 * 2
        th = 1 + v
        v2 = 0.9 * v - 0.1 * 1.5
        th2 = th + v2
        return shown(v, -0.2, 12) and shown(th, 0.8, 12) and shown(0.1 * 1.5, 0.15, 12) and shown(v2, -0.33, 12) and shown(th2, 0.47, 12)

    def l13():
        r = 0.9 * 0 + 0.1 * 2 ** 2
        d = -0.01 / np.sqrt(1e-6 + r) * 2
        return shown(r, 0.4, 12) and shown(d, -0.0316, 4)

    def l18():
        rho = 0.9
        gs = R(6)
        s = 0.0
        for g in gs:
            s = rho * s + (1 - rho) * g
        t = len(gs)
        return close(s, (1 - rho) * sum(rho ** (t - tau) * gs[tau - 1] for tau in range(1, t + 1)))

    def l19():
        rho = 0.9
        ok = True
        for t in range(1, 8):
            ok &= close((1 - rho) * sum(rho ** (t - tau) for tau in range(1, t + 1)), 1 - rho ** t)
        return ok

    def l20():
        rho2 = 0.999
        ok = True
        for t in range(1, 8):
            ok &= close((1 - rho2) * sum(rho2 ** (t - tau) for tau in range(1, t + 1)), 1 - rho2 ** t)
        return ok

    r1, r2, eps, dl = 0.9, 0.999, 1e-3, 1e-8
    s1 = (1 - r1) * 0.5
    q1 = (1 - r2) * 0.25
    s2 = r1 * s1 + (1 - r1) * 0.3
    q2 = r2 * q1 + (1 - r2) * 0.09
    sh2 = s2 / (1 - r1 ** 2)
    rh2 = q2 / (1 - r2 ** 2)

    def l23():
        sh, rh = s1 / (1 - r1), q1 / (1 - r2)
        return (shown(s1, 0.05, 12) and shown(q1, 0.00025, 12) and shown(sh, 0.5, 12) and shown(rh, 0.25, 12)
                and shown(-eps * sh / (np.sqrt(rh) + dl), -0.001, 6))

    def l24():
        return shown(s2, 0.075, 12) and shown(q2, 0.00033975, 12)

    def l25():
        return shown(sh2, 0.75, 2)

    def l26():
        return shown(rh2, 0.16996, 5) and shown(np.sqrt(rh2), 0.4123, 4)

    def l27():
        return shown(-eps * sh2 / (np.sqrt(rh2) + dl), -0.00182, 5)

    return [
        ("Throughout, $\\mathbf{g} = \\frac{1}{m}", T),
        ("**Momentum.** The momentum algorithm", T),
        (r"\qquad (8.15\text{–}8.16)$$", T),
        ("If the algorithm always observes the same gradient", l7),
        ("It is thus helpful to think of the momentum", l8),
        ("*Worked step.* With $\\theta = 1$", l9),
        ("**RMSProp.** RMSProp keeps", T),
        (r"$$\mathbf{r} \leftarrow \rho\,\mathbf{r}", T),
        ("*Worked step.* From $r = 0$", l13),
        ("**Adam.** Adam (Algorithm 8.7)", T),
        (r"$$\mathbf{s} \leftarrow \rho_1\mathbf{s}", T),
        (r"$$\hat{\mathbf{s}} \leftarrow", T),
        ("Why these denominators?", l18),
        (r"$$\mathbb{E}[\mathbf{s}_t]", l19),
        ("and the same computation for $\\mathbf{r}_t$", l20),
        ("*Worked steps.* Use the suggested defaults", T),
        ("At $t = 1$:", l23),
        ("At $t = 2$:", l24),
        ("The bias-corrected first moment is", l25),
        ("and the second is $\\hat r", l26),
        ("Hence $\\Delta\\theta \\approx", l27),
    ]


# ====================================================================== 15
def f15():
    I, J, K = 4, 5, 3
    W1, b1, W2, b2 = R(J, I), R(J), R(K, J), R(K)
    x, t = R(I), R(K)

    def fwd(W1_, b1_, W2_, b2_):
        z = W1_ @ x + b1_
        a = sig(z)
        return z, a, W2_ @ a + b2_

    z, a, yh = fwd(W1, b1, W2, b2)
    E = lambda yy: 0.5 * np.sum((yy - t) ** 2)
    d2 = yh - t
    Ez = lambda zz: E(W2 @ sig(zz) + b2)
    d1_true = num_grad(Ez, z)

    def l7():
        return W2.shape == (K, J)

    def l9():
        zz = R(4)
        return close(num_grad(lambda u: np.sum(sig(u)), zz), sig(zz) * (1 - sig(zz))) and close(sig(z) * (1 - sig(z)), a * (1 - a))

    def l12():
        EW2 = lambda W: E(W @ a + b2)
        Eb2 = lambda b: E(W2 @ a + b)
        return (close(num_grad(E, yh), d2) and close(num_grad(EW2, W2), np.outer(d2, a))
                and close(num_grad(Eb2, b2), d2))

    def l15():
        claimed = np.array([a[j] * (1 - a[j]) * sum(W2[j, k] * d2[k] for k in range(K)) for j in range(J)])
        return close(d1_true, claimed)

    def l16():
        claimed = a * (1 - a) * (W2 @ d2)
        EW1 = lambda W: E(fwd(W, b1, W2, b2)[2])
        return close(d1_true, claimed) and close(num_grad(EW1, W1), np.outer(d1_true, x))

    xe, te = np.array([1.0, 0.0]), np.array([0.0, 1.0])
    W1e = np.array([[0.5, 0.1], [-0.5, 0.3]])
    W2e = np.array([[1.0, -1.0], [0.5, 2.0]])
    ze = W1e @ xe
    ae = sig(ze)
    ye = W2e @ ae
    d2e = ye - te
    Ee = lambda W2_, W1_: 0.5 * np.sum((W2_ @ sig(W1_ @ xe) - te) ** 2)
    gW2 = num_grad(lambda W: Ee(W, W1e), W2e)
    gW1 = num_grad(lambda W: Ee(W2e, W), W1e)
    d1e = num_grad(lambda zz: 0.5 * np.sum((W2e @ sig(zz) - te) ** 2), ze)

    def l18():
        return True

    def l20():
        return (close(ze, [0.5, -0.5]) and shown(ae, [0.6225, 0.3775], 4)
                and close(ye, [ae[0] - ae[1], 0.5 * ae[0] + 2 * ae[1]]) and shown(ye, [0.2449, 1.0663], 4))

    def l21():
        return (shown(0.5 * (0.2449 ** 2 + 0.0663 ** 2), 0.0322, 4) and shown(0.5 * np.sum(d2e ** 2), 0.0322, 4)
                and shown(d2e, [0.2449, 0.0663], 4))

    def l22():
        return close(gW2, np.outer(d2e, ae)) and shown(gW2, [[0.1525, 0.0925], [0.0413, 0.0250]], 4)

    def l23():
        sp = ae * (1 - ae)
        return close(sp[0], sp[1]) and shown(sp, [0.2350, 0.2350], 4) and shown(0.6225 * 0.3775, 0.2350, 4)

    def l24():
        return (shown(1 * 0.2449 + (-1) * 0.0663, 0.1786, 4) and shown(0.5 * 0.2449 + 2 * 0.0663, 0.2551, 4)
                and shown(d1e, [0.0420, 0.0599], 4))

    def l25():
        return close(gW1[:, 1], 0) and shown(gW1, [[0.0420, 0], [0.0599, 0]], 4)

    def l27():
        # sigmoid output: the output delta gets the factor yhat(1 - yhat)
        yy = R(K)
        Es = lambda u: 0.5 * np.sum((sig(u) - t) ** 2)
        return close(num_grad(Es, yy), (sig(yy) - t) * sig(yy) * (1 - sig(yy)))

    return [
        ("Consideramos una red con una capa oculta", T),
        (r"$$z_j = \sum_{i=1}^{I}", T),
        ("donde $w^{(2)}_{kj}$ es el peso", l7),
        ("**Recordatorio.**", l9),
        ("**Capa de salida.**", T),
        (r"$$\delta^{(2)}_k = \hat y_k - t_k", l12),
        ("**Capa oculta.**", T),
        (r"$$\delta^{(1)}_j = \frac{\partial E}{\partial z_j}", l15),
        ("En forma matricial", l16),
        ("**Ejemplo numérico.**", l18),
        (r"$$W^{(1)} = \begin{pmatrix}", T),
        ("Paso hacia delante", l20),
        ("El error vale", l21),
        ("Gradiente de la segunda capa", l22),
        ("Para la capa oculta,", l23),
        ("Las sumas ponderadas valen", l24),
        ("Como $x_2 = 0$", l25),
        ("*Nota.*", l27),
    ]


# ====================================================================== 16
def f16():
    n = 5
    a = R(n)
    y = softmax(a)
    c = 3
    tt = np.eye(n)[c]

    def l6():
        return close(y, np.exp(a) / np.exp(a).sum())

    def l7():
        return np.all(y > 0) and np.all(y < 1) and close(y.sum(), 1)

    def l10():
        Cp = -7.3
        return close(np.exp(a + Cp) / np.exp(a + Cp).sum(), y)

    def l11():
        return np.all(a - a.max() <= 0)

    def l15():
        return close(-np.sum(tt * np.log(y)), -np.log(y[c]))

    def l18():
        J = np.stack([num_grad(lambda aa: softmax(aa)[k], a) for k in range(n)])
        return close(J, np.array([[y[k] * ((k == j) - y[j]) for j in range(n)] for k in range(n)]))

    def l19():
        return close(num_grad(lambda yy: -np.sum(tt * np.log(yy)), y), -tt / y)

    def l20():
        g = num_grad(lambda aa: -np.sum(tt * np.log(softmax(aa))), a)
        mid = np.array([-sum(tt[k] / y[k] * y[k] * ((k == j) - y[j]) for k in range(n)) for j in range(n)])
        mid2 = -tt + y * tt.sum()
        return close(g, mid) and close(mid, mid2) and close(mid2, y - tt)

    def l21():
        return tt.sum() == 1

    ae = np.array([2.0, 1.0, 0.1])
    te = np.array([1.0, 0, 0])
    ye = softmax(ae)

    def l23():
        return shown(np.exp(ae), [7.389, 2.718, 1.105], 3) and shown(np.exp(ae).sum(), 11.213, 3)

    def l24():
        return shown(ye, [0.659, 0.242, 0.099], 3) and shown(-np.log(0.659), 0.417, 3) and shown(-np.log(ye[0]), 0.417, 3)

    def l25():
        e2 = np.exp(ae - 2.0)
        return shown(e2, [1, 0.368, 0.150], 3) and shown(e2.sum(), 1.517, 3) and close(e2 / e2.sum(), ye)

    def l26():
        g = num_grad(lambda aa: -np.sum(te * np.log(softmax(aa))), ae)
        return shown(g, [-0.341, 0.242, 0.099], 3) and close(g, ye - te) and abs(g.sum()) < 1e-8

    def l28():
        N, k = 4, 3
        A = R(N, k)
        Tm = np.eye(k)[RNG.integers(0, k, size=N)]
        Lb = lambda AA: -np.mean(np.sum(Tm * np.log(softmax(AA, axis=1)), axis=1))
        return close(num_grad(Lb, A), (softmax(A, axis=1) - Tm) / N)

    return [
        ("**順伝播.**", T),
        (r"\qquad (5.1)$$", l6),
        ("を満たし", l7),
        ("実装上の注意として", T),
        (r"\qquad (5.2)$$", l10),
        ("が成り立つことを利用し", l11),
        ("教師ラベル $\\mathbf{t}$ は", T),
        (r"\qquad (5.3)$$", l15),
        ("正解クラスを $c$ とすれば", l15),
        ("**逆伝播.**", T),
        (r"\qquad (5.4)$$", l18),
        ("を連鎖律で組み合わせると", l19),
        (r"\qquad (5.5)$$", l20),
        ("最後の等号では", l21),
        ("**数値例.**", l23),
        (r"L = -\log 0.659", l24),
        ("とすれば $\\exp", l25),
        ("逆伝播で流れる勾配は", l26),
        ("**バッチ版.**", l28),
    ]


# ================================================================= driver
CHECKS = {
    "01_logreg_gradient.md": f01,
    "02_newton_hessian.md": f02,
    "03_glm_softmax.md": f03,
    "04_mlp_backward_shapes.md": f04,
    "05_conv_backward.md": f05,
    "06_output_layer_gradient.md": f06,
    "07_hidden_layer_tanh.md": f07,
    "08_micrograd_scalar.md": f08,
    "09_tanh_neuron.md": f09,
    "10_logreg_gd_numbers.md": f10,
    "11_adaline_mse.md": f11,
    "12_attention_shapes.md": f12,
    "13_scaled_dot_product_softmax.md": f13,
    "14_momentum_rmsprop_adam.md": f14,
    "15_retropropagacion_es.md": f15,
    "16_softmax_cross_entropy_ja.md": f16,
}


def main():
    with open(os.path.join(HERE, "expected.json"), encoding="utf-8") as fh:
        expected = json.load(fh)
    md_files = sorted(f for f in os.listdir(HERE) if f.endswith(".md"))
    ok_all = True
    if sorted(CHECKS) != md_files or sorted(expected) != md_files:
        print("file set mismatch between directory, CHECKS and expected.json")
        ok_all = False
    for name in sorted(CHECKS):
        path = os.path.join(HERE, name)
        with open(path, encoding="utf-8") as fh:
            lines = fh.read().split("\n")
        if lines and lines[-1] == "":
            lines = lines[:-1]
        problems = []
        results = {}  # line number -> list of bools
        for sub, pred in CHECKS[name]():
            hits = [i + 1 for i, ln in enumerate(lines) if sub in ln]
            if len(hits) != 1:
                problems.append("substring %r matches %d lines" % (sub, len(hits)))
                continue
            results.setdefault(hits[0], []).append(safe(pred))
        uncovered = [i + 1 for i, ln in enumerate(lines) if "$" in ln and (i + 1) not in results]
        if uncovered:
            problems.append("math lines without a check: %s" % uncovered)
        false_lines = sorted(ln for ln, vals in results.items() if not all(vals))
        first = false_lines[0] if false_lines else None
        exp = expected.get(name, "missing")
        status = "OK" if (first == exp and not problems) else "MISMATCH"
        if status != "OK":
            ok_all = False
        print("%-36s %-8s first_false=%-5s expected=%-5s false_lines=%s"
              % (name, status, first, exp, false_lines))
        for p in problems:
            print("    !", p)
    print("ALL AGREE" if ok_all else "DISAGREEMENT")
    sys.exit(0 if ok_all else 1)


if __name__ == "__main__":
    main()
